/* alcove-practice-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-practice-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-practice-settings.h"
#include "alcove-vault-private.h"

/* A row of practice.db (v12) per setting. Every account holds that file's key, so the row
 * carries the Ed25519 signature of the owner who chose the value, over the vault, the key,
 * the value, who and when; a value nobody who is an owner signed is not used. Each change
 * is audited with the key, and a number's value (never text's: it may name people). The
 * practice's signed policy in vault.keys would hold it more strongly; this keeps the setting
 * beside the records it governs without a new header format. */

#define SETTING_CONTEXT "io.github.alcove_notes.Alcove.practice-setting-1"

static char *
dup_message (AlcoveVault *vault,
             const char  *key,
             const char  *value,
             const char  *set_by,
             gint64       set_ms)
{
  return g_strdup_printf ("%s\n%s\n%s\n%s\n%" G_GINT64_FORMAT, alcove_vault_get_uuid (vault),
                          key, value, set_by, set_ms);
}

static gboolean
find_role (AlcoveVault *vault,
           const char  *user_uuid,
           AlcoveRole  *role)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (vault);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      if (g_strcmp0 (alcove_user_get_uuid (user), user_uuid) == 0)
        {
          *role = alcove_user_get_role (user);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
alcove_practice_signed_by (AlcoveVault *vault,
                           const char  *signer_uuid,
                           const char  *context,
                           const char  *message,
                           const char  *signature_b64,
                           AlcoveRole  *role)
{
  g_autofree guchar *data = NULL;
  g_autoptr(GBytes) signature = NULL;
  gsize size = 0;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  if (!find_role (vault, signer_uuid, role) || signature_b64 == NULL || *signature_b64 == '\0')
    return FALSE;
  data = g_base64_decode (signature_b64, &size);
  if (size == 0)
    return FALSE;
  signature = g_bytes_new_take (g_steal_pointer (&data), size);
  return alcove_vault_verify_user_signature (vault, signer_uuid, context, message, signature);
}

char *
alcove_practice_sign (AlcoveVault  *vault,
                      const char   *context,
                      const char   *message,
                      GError      **error)
{
  g_autoptr(GBytes) signature = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  signature = alcove_vault_sign_as_user (vault, context, message);
  if (signature == NULL)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_FAILED,
                         _("Your signing key is not open in this session; lock Alcove and "
                           "sign in again with your password"));
      return NULL;
    }
  return g_base64_encode (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
}

gboolean
alcove_practice_settings_can_change (AlcoveVault *vault)
{
  AlcoveUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  user = alcove_vault_get_locked (vault) ? NULL : alcove_vault_get_current_user (vault);
  return user != NULL && alcove_user_get_role (user) == ALCOVE_ROLE_OWNER;
}

static gboolean
signed_by_owner (AlcoveVault *vault,
                 const char  *key,
                 const char  *value,
                 const char  *set_by,
                 gint64       set_ms,
                 const char  *signature_b64)
{
  g_autofree char *message = dup_message (vault, key, value, set_by, set_ms);
  AlcoveRole role;

  return alcove_practice_signed_by (vault, set_by, SETTING_CONTEXT, message, signature_b64,
                                    &role) &&
         role == ALCOVE_ROLE_OWNER;
}

/* The row's value if an owner signed it; NULL when there is no row or, with *rejected, when
 * someone who is not an owner signed it or the row was edited after */
static char *
read_signed_value (AlcoveVault *vault,
                   const char  *key,
                   gboolean    *rejected)
{
  sqlite3_stmt *stmt;
  g_autofree char *value = NULL;
  g_autofree char *set_by = NULL;
  g_autofree char *signature = NULL;
  gint64 set_ms = 0;

  *rejected = FALSE;
  if (alcove_vault_get_locked (vault))
    return NULL;
  stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                  "SELECT value, set_by, set_ms, signature"
                                  " FROM main.practice_settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      set_by = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      set_ms = sqlite3_column_int64 (stmt, 2);
      signature = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (value == NULL)
    return NULL;
  if (!signed_by_owner (vault, key, value, set_by ? set_by : "", set_ms,
                        signature ? signature : ""))
    {
      g_message ("The practice setting %s is not signed by an owner; it is not used", key);
      *rejected = TRUE;
      return NULL;
    }
  return g_steal_pointer (&value);
}

int
alcove_practice_settings_get_int (AlcoveVault *vault,
                                  const char  *key,
                                  int          fallback,
                                  int          min,
                                  int          max)
{
  g_autofree char *value = NULL;
  gboolean rejected;
  gint64 number = 0;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), fallback);
  g_return_val_if_fail (key != NULL, fallback);

  value = read_signed_value (vault, key, &rejected);
  if (value == NULL || !g_ascii_string_to_signed (value, 10, min, max, &number, NULL))
    return fallback;
  return (int) number;
}

char *
alcove_practice_settings_dup_string (AlcoveVault *vault,
                                     const char  *key,
                                     gboolean    *rejected)
{
  gboolean ignored;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return read_signed_value (vault, key, rejected ? rejected : &ignored);
}

static gboolean
write_setting (AlcoveVault  *vault,
               const char   *key,
               const char   *value,
               const char   *set_by,
               gint64        set_ms,
               const char   *signature,
               const char   *details,
               GError      **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (vault);
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "INSERT OR REPLACE INTO main.practice_settings"
                                                " (key, value, set_by, set_ms, signature)"
                                                " VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, set_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, set_ms);
  sqlite3_bind_text (stmt, 5, signature, -1, SQLITE_TRANSIENT);
  return alcove_database_step_done (database, stmt, error) &&
         alcove_audit_append (alcove_vault_get_audit (vault), ALCOVE_AUDIT_PRACTICE_SETTING, key,
                              details, NULL, error);
}

/* Signs `value` as the owner signed in, then stores and audits it in one transaction */
static gboolean
sign_and_store (AlcoveVault  *vault,
                const char   *key,
                const char   *value,
                const char   *details,
                GError      **error)
{
  AlcoveDatabase *database;
  g_autofree char *message = NULL;
  g_autofree char *encoded = NULL;
  const char *set_by;
  gint64 set_ms = g_get_real_time () / 1000;

  set_by = alcove_user_get_uuid (alcove_vault_get_current_user (vault));
  message = dup_message (vault, key, value, set_by, set_ms);
  encoded = alcove_practice_sign (vault, SETTING_CONTEXT, message, error);
  if (encoded == NULL)
    return FALSE;
  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!write_setting (vault, key, value, set_by, set_ms, encoded, details, error) ||
      !alcove_database_commit (database, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  alcove_vault_emit_changed (vault, "settings");
  return TRUE;
}

static gboolean
require_owner (AlcoveVault  *vault,
               GError      **error)
{
  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  if (!alcove_practice_settings_can_change (vault))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Only a practice owner changes the practice’s settings"));
  return TRUE;
}

gboolean
alcove_practice_settings_set_int (AlcoveVault  *vault,
                                  const char   *key,
                                  int           value,
                                  int           min,
                                  int           max,
                                  GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!require_owner (vault, error))
    return FALSE;
  if (value < min || value > max)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Choose a number from %d to %d"), min, max);
  text = g_strdup_printf ("%d", value);
  details = alcove_audit_details ("key", key, "value", text, NULL);
  return sign_and_store (vault, key, text, details, error);
}

gboolean
alcove_practice_settings_set_string (AlcoveVault  *vault,
                                     const char   *key,
                                     const char   *value,
                                     GError      **error)
{
  g_autofree char *details = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!require_owner (vault, error))
    return FALSE;
  /* free text may name people: the log says which setting changed, not to what */
  details = alcove_audit_details ("key", key, NULL);
  return sign_and_store (vault, key, value, details, error);
}
