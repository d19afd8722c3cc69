/* alcove-form-drafts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-form-drafts"

#include "config.h"

#include "alcove-form-drafts.h"
#include "alcove-vault-private.h"

/* Drafts live in practice.db (table form_drafts), one per person, form and record. They
 * are never audited: nothing was decided yet, and the audit log holds no text. */

static sqlite3_stmt *
prepare (AlcoveVault  *vault,
         const char   *sql,
         const char   *form,
         const char   *key,
         GError      **error)
{
  sqlite3_stmt *stmt;

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  stmt = alcove_database_prepare (alcove_vault_get_database (vault), sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, alcove_vault_actor (vault), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, form, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, key ? key : "", -1, SQLITE_TRANSIENT);
  return stmt;
}

gboolean
alcove_form_drafts_save (AlcoveVault  *vault,
                         const char   *form,
                         const char   *key,
                         const char   *fields,
                         GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (form != NULL && fields != NULL, FALSE);

  stmt = prepare (vault, "INSERT OR REPLACE INTO main.form_drafts"
                         " (user_id, form, record_key, fields, saved_ms) VALUES (?, ?, ?, ?, ?)",
                  form, key, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 4, fields, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / 1000);
  return alcove_database_step_done (alcove_vault_get_database (vault), stmt, error);
}

char *
alcove_form_drafts_load (AlcoveVault  *vault,
                         const char   *form,
                         const char   *key,
                         gint64       *saved_ms,
                         GError      **error)
{
  sqlite3_stmt *stmt;
  char *fields = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (form != NULL, NULL);

  stmt = prepare (vault, "SELECT fields, saved_ms FROM main.form_drafts"
                         " WHERE user_id = ? AND form = ? AND record_key = ?",
                  form, key, error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      fields = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (saved_ms != NULL)
        *saved_ms = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return fields;
}

gboolean
alcove_form_drafts_discard (AlcoveVault  *vault,
                            const char   *form,
                            const char   *key,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);

  stmt = prepare (vault, "DELETE FROM main.form_drafts"
                         " WHERE user_id = ? AND form = ? AND record_key = ?",
                  form, key, error);
  return stmt != NULL && alcove_database_step_done (alcove_vault_get_database (vault), stmt,
                                                    error);
}
