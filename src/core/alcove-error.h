/* alcove-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ALCOVE_VAULT_ERROR (alcove_vault_error_quark ())

typedef enum
{
  ALCOVE_VAULT_ERROR_FAILED,
  ALCOVE_VAULT_ERROR_AUTH_FAILED,      /* wrong password, recovery key or keyring item */
  ALCOVE_VAULT_ERROR_DAMAGED,          /* a vault file is corrupt or was edited */
  ALCOVE_VAULT_ERROR_IO,               /* the file system or the environment failed */
  ALCOVE_VAULT_ERROR_EXISTS,           /* refusing to overwrite */
  ALCOVE_VAULT_ERROR_NOT_FOUND,        /* no vault, user or item by that name */
  ALCOVE_VAULT_ERROR_PERMISSION_DENIED,/* the signed-in role may not do this */
  ALCOVE_VAULT_ERROR_WEAK_PASSWORD,
  ALCOVE_VAULT_ERROR_INVALID,          /* bad input: a name, a role, a code */
  ALCOVE_VAULT_ERROR_LOCKED,           /* the vault (or the keyring) is locked */
  ALCOVE_VAULT_ERROR_UNAVAILABLE,      /* no Secret Service */
  ALCOVE_VAULT_ERROR_FORGED,           /* a signature is missing or wrong: an insider's edit */
  ALCOVE_VAULT_ERROR_ROLLBACK,         /* a file is older than this device has seen */
  ALCOVE_VAULT_ERROR_NEEDS_UPGRADE,    /* a format 1 vault waits for its owner's sign-in */
  ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION,/* an owner (or the recovery key) must confirm this */
  ALCOVE_VAULT_ERROR_NEEDS_NEW_PASSWORD,/* a first sign-in: the person chooses a password */
  ALCOVE_VAULT_ERROR_NEEDS_PASSWORD,   /* the keyring alone does not say who signs in here */
  ALCOVE_VAULT_ERROR_RESTORED,         /* restored from a backup older than this device saw:
                                        * alcove_vault_set_accept_restore() to open it */
} AlcoveVaultError;

GQuark   alcove_vault_error_quark (void);

/* Set `error` in ALCOVE_VAULT_ERROR and return FALSE, so that a check ends in
 * `return alcove_error_invalid (error, _("Enter …"));`. The message is taken as it is;
 * alcove_error_failf() formats one. */
gboolean alcove_error_invalid     (GError           **error,
                                   const char        *message);
gboolean alcove_error_fail        (GError           **error,
                                   AlcoveVaultError   code,
                                   const char        *message);
gboolean alcove_error_failf       (GError           **error,
                                   AlcoveVaultError   code,
                                   const char        *format,
                                   ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
