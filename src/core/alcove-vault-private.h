/* alcove-vault-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-audit.h"
#include "alcove-database.h"
#include "alcove-header.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_ACTOR_RECOVERY "recovery"

struct _AlcoveVault
{
  GObject         parent_instance;

  char           *path;
  AlcoveHeader   *header;

  /* Only while unlocked */
  AlcoveDatabase *database;
  AlcoveAudit    *audit;
  GHashTable     *database_keys;  /* database id → AlcoveSecret */
  AlcoveSecret   *user_key;       /* NULL in a recovery session */
  AlcoveUser     *current_user;   /* NULL in a recovery session */
  char           *unlock_method;
};

typedef void (*AlcoveKeyFunc) (const char *name, const AlcoveSecret *key, gpointer user_data);

AlcoveDatabase *alcove_vault_get_database        (AlcoveVault        *self);
AlcoveAudit    *alcove_vault_get_audit           (AlcoveVault        *self);
char           *alcove_vault_schema_for          (const char         *database_id);
void            alcove_vault_foreach_key         (AlcoveVault        *self,
                                                  AlcoveKeyFunc       func,
                                                  gpointer            user_data);

/* Shared between alcove-vault.c and alcove-vault-users.c */
const char       *alcove_vault_actor             (AlcoveVault        *self);
gboolean          alcove_vault_require_unlocked  (AlcoveVault        *self,
                                                  GError            **error);
AlcoveHeaderSlot *alcove_vault_make_password_slot (AlcoveVault          *self,
                                                   AlcoveHeaderUser     *user,
                                                   const AlcoveSecret   *user_key,
                                                   const AlcoveSecret   *password,
                                                   const AlcoveKdfParams *kdf,
                                                   GError              **error);
gboolean          alcove_vault_grant             (AlcoveHeader       *header,
                                                  AlcoveHeaderUser   *user,
                                                  const char         *database_id,
                                                  const AlcoveSecret *database_key,
                                                  GError            **error);
gboolean          alcove_vault_seal_for_recovery (AlcoveHeader       *header,
                                                  const char         *database_id,
                                                  const AlcoveSecret *database_key,
                                                  GError            **error);
gboolean          alcove_vault_create_store      (AlcoveVault        *self,
                                                  const char         *vault_dir,
                                                  AlcoveHeader       *header,
                                                  const char         *database_id,
                                                  const AlcoveSecret *database_key,
                                                  GError            **error);
gboolean          alcove_vault_save_header       (AlcoveVault        *self,
                                                  AlcoveHeader       *header,
                                                  GError            **error);
void              alcove_vault_audit             (AlcoveVault        *self,
                                                  const char         *action,
                                                  const char         *object_id,
                                                  const char         *details);
AlcoveHeader     *alcove_vault_copy_header       (AlcoveVault        *self);
void              alcove_vault_refresh_current_user (AlcoveVault      *self);

G_END_DECLS
