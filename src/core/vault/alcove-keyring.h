/* alcove-keyring.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-secret.h"

G_BEGIN_DECLS

/* The device key that opens a user's keyring slot, kept in the login keyring (libsecret; in a
 * Flatpak sandbox, through the Secret portal).
 * Errors: ALCOVE_VAULT_ERROR_UNAVAILABLE (no Secret Service or portal), _LOCKED, _NOT_FOUND;
 * G_IO_ERROR_CANCELLED when the cancellable fired. */
gboolean      alcove_keyring_store  (const char         *vault_uuid,
                                     const char         *user_uuid,
                                     const AlcoveSecret *device_key,
                                     GCancellable       *cancellable,
                                     GError            **error);
AlcoveSecret *alcove_keyring_lookup (const char         *vault_uuid,
                                     const char         *user_uuid,
                                     GCancellable       *cancellable,
                                     GError            **error);

/* Who an item can vouch for. The login keyring belongs to an OS account, not to a person:
 * on a computer account several people share, an item says nothing about who sits at the
 * keyboard. Each item names the OS account that stored it; a lookup also tells which
 * people of the vault keep an item in this keyring. */
typedef struct
{
  gboolean  stored_here;  /* stored by this OS account (the item's "os-user" is our uid) */
  GStrv     people;       /* user uuids of the vault with an item in this keyring */
} AlcoveKeyringBinding;

void          alcove_keyring_binding_clear (AlcoveKeyringBinding *binding);
AlcoveSecret *alcove_keyring_lookup_bound (const char           *vault_uuid,
                                           const char           *user_uuid,
                                           AlcoveKeyringBinding *binding,
                                           GCancellable         *cancellable,
                                           GError              **error);
gboolean      alcove_keyring_remove (const char         *vault_uuid,
                                     const char         *user_uuid,
                                     GCancellable       *cancellable,
                                     GError            **error);
void          alcove_keyring_store_async   (const char          *vault_uuid,
                                            const char          *user_uuid,
                                            const AlcoveSecret  *device_key,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      alcove_keyring_store_finish  (GAsyncResult        *result,
                                            GError             **error);
void          alcove_keyring_remove_async  (const char          *vault_uuid,
                                            const char          *user_uuid,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      alcove_keyring_remove_finish (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
