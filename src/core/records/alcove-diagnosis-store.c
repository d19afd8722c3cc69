/* alcove-diagnosis-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-diagnosis-store"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-diagnosis-catalog.h"
#include "alcove-diagnosis-store.h"
#include "alcove-policy.h"
#include "alcove-vault-private.h"

/* Each client's problem list in practice.db (v12): codes, rank and dates, which billing
 * reads for claims; the words of a diagnosis are the CMS descriptor Alcove ships, or for a
 * code it does not ship what the clinician typed. The rules live here, so no caller skips
 * them: a code written as ICD-10-CM writes it, never a category heading of the shipped
 * list, dates that make sense, a code once while current, one current primary. Every change
 * is audited with the client's id, never the code. */
struct _AlcoveDiagnosisStore
{
  GObject            parent_instance;

  AlcoveClientStore *clients;
  AlcoveVault       *vault;
};

G_DEFINE_FINAL_TYPE (AlcoveDiagnosisStore, alcove_diagnosis_store, G_TYPE_OBJECT)

enum
{
  DIAGNOSES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define DIAGNOSIS_COLUMNS \
  "id, client_id, code, rank, onset_on, resolved_on, description, recorded_by, created_ms," \
  " updated_ms"

/* The longest description typed for a code Alcove does not ship */
#define MAX_DESCRIPTION 200

static void
alcove_diagnosis_store_finalize (GObject *object)
{
  AlcoveDiagnosisStore *self = ALCOVE_DIAGNOSIS_STORE (object);

  g_clear_object (&self->clients);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (alcove_diagnosis_store_parent_class)->finalize (object);
}

static void
alcove_diagnosis_store_class_init (AlcoveDiagnosisStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_diagnosis_store_finalize;

  /**
   * AlcoveDiagnosisStore::diagnoses-changed:
   * @client_id: the client whose problem list changed
   */
  signals[DIAGNOSES_CHANGED] = g_signal_new ("diagnoses-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
alcove_diagnosis_store_init (AlcoveDiagnosisStore *self)
{
}

AlcoveDiagnosisStore *
alcove_diagnosis_store_new (AlcoveClientStore *clients)
{
  AlcoveDiagnosisStore *self;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (clients), NULL);

  self = g_object_new (ALCOVE_TYPE_DIAGNOSIS_STORE, NULL);
  self->clients = g_object_ref (clients);
  self->vault = g_object_ref (alcove_client_store_get_vault (clients));
  return self;
}

gboolean
alcove_diagnosis_store_can_read (AlcoveDiagnosisStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS_STORE (self), FALSE);
  return alcove_policy_allows (self->vault, ALCOVE_CAPABILITY_READ_DIAGNOSES);
}

gboolean
alcove_diagnosis_store_can_edit (AlcoveDiagnosisStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS_STORE (self), FALSE);
  return alcove_policy_allows (self->vault, ALCOVE_CAPABILITY_EDIT_DIAGNOSES);
}

/* ---- reading ---- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static AlcoveDiagnosis *
diagnosis_from_row (sqlite3_stmt *stmt)
{
  AlcoveDiagnosis *diagnosis = alcove_diagnosis_new (column_text (stmt, 1));

  alcove_diagnosis_set_saved (diagnosis, column_text (stmt, 0), column_text (stmt, 7),
                              sqlite3_column_int64 (stmt, 8), sqlite3_column_int64 (stmt, 9));
  alcove_diagnosis_set_code (diagnosis, column_text (stmt, 2));
  alcove_diagnosis_set_rank (diagnosis, g_str_equal (column_text (stmt, 3), "primary")
                                        ? ALCOVE_DIAGNOSIS_PRIMARY : ALCOVE_DIAGNOSIS_SECONDARY);
  alcove_diagnosis_set_onset (diagnosis, column_text (stmt, 4));
  alcove_diagnosis_set_resolved (diagnosis, column_text (stmt, 5));
  alcove_diagnosis_set_description (diagnosis, column_text (stmt, 6));
  return diagnosis;
}

static gboolean
require_reader (AlcoveDiagnosisStore  *self,
                GError               **error)
{
  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  if (!alcove_diagnosis_store_can_read (self))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Your role does not see clients’ diagnoses"));
  return TRUE;
}

static GPtrArray *
collect (AlcoveDiagnosisStore  *self,
         const char            *where,
         const char            *key,
         GError               **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *sql = g_strdup_printf ("SELECT " DIAGNOSIS_COLUMNS " FROM main.diagnoses"
                                          " WHERE %s ORDER BY resolved_on <> '',"
                                          " rank <> 'primary', resolved_on DESC,"
                                          " onset_on DESC, created_ms DESC", where);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, diagnosis_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (database, NULL, rc, error);
      return NULL;
    }
  return g_steal_pointer (&found);
}

GListModel *
alcove_diagnosis_store_list_for_client (AlcoveDiagnosisStore  *self,
                                        const char            *client_id,
                                        GError               **error)
{
  g_autoptr(GPtrArray) found = NULL;
  GListStore *model;

  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  if (!require_reader (self, error))
    return NULL;
  found = collect (self, "client_id = ?1", client_id, error);
  if (found == NULL)
    return NULL;
  model = g_list_store_new (ALCOVE_TYPE_DIAGNOSIS);
  g_list_store_splice (model, 0, 0, found->pdata, found->len);
  return G_LIST_MODEL (model);
}

AlcoveDiagnosis *
alcove_diagnosis_store_get (AlcoveDiagnosisStore  *self,
                            const char            *diagnosis_id,
                            GError               **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS_STORE (self), NULL);
  g_return_val_if_fail (diagnosis_id != NULL, NULL);

  if (!require_reader (self, error))
    return NULL;
  found = collect (self, "id = ?1", diagnosis_id, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                         _("That diagnosis is no longer on the problem list"));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

/* ---- checking ---- */

/* The first code to record under a category heading, for the message that refuses it */
static const char *
first_code_under (const char *heading)
{
  g_autoptr(GPtrArray) found = alcove_diagnosis_catalog_search (heading, 20);

  for (guint i = 0; i < found->len; i++)
    {
      const AlcoveDiagnosisCode *entry = g_ptr_array_index (found, i);

      if (entry->billable && g_str_has_prefix (entry->code, heading))
        return entry->code;
    }
  return NULL;
}

gboolean
alcove_diagnosis_store_check_code (const char  *code,
                                   char       **normalized,
                                   GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (code ? code : ""));
  g_autofree char *normal = NULL;
  const AlcoveDiagnosisCode *entry;

  if (*stripped == '\0')
    return alcove_error_invalid (error, _("Enter an ICD-10-CM code, such as F32.1, or search "
                                          "for one by its words"));
  normal = alcove_diagnosis_code_normalize (stripped);
  if (normal == NULL)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("“%s” is not written as an ICD-10-CM code: a letter, a digit "
                                 "and a letter or digit, then a dot and up to four more, such "
                                 "as F32.1 or Z63.0"), stripped);
  entry = alcove_diagnosis_catalog_lookup (normal);
  if (entry != NULL && !entry->billable)
    {
      const char *example = first_code_under (entry->code);

      if (example != NULL)
        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                   _("%s (%s) is a category, not a diagnosis to record: choose "
                                     "one of the codes under it, such as %s"),
                                   entry->code, entry->long_text, example);
      return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                 _("%s (%s) is a category, not a diagnosis to record: choose "
                                   "one of the codes under it"), entry->code, entry->long_text);
    }
  if (normalized != NULL)
    *normalized = g_steal_pointer (&normal);
  return TRUE;
}

static gboolean
check_dates (AlcoveDiagnosis  *diagnosis,
             GError          **error)
{
  const char *onset = alcove_diagnosis_get_onset (diagnosis);
  const char *resolved = alcove_diagnosis_get_resolved (diagnosis);
  g_autofree char *today = alcove_date_today_iso ();

  if (*onset != '\0' && !alcove_date_is_valid (onset))
    return alcove_error_invalid (error, _("Enter the onset date as YYYY-MM-DD, or leave it "
                                          "empty if it is not known"));
  if (*resolved != '\0' && !alcove_date_is_valid (resolved))
    return alcove_error_invalid (error, _("Enter the date the diagnosis resolved as "
                                          "YYYY-MM-DD, or leave it empty while it is current"));
  if (g_strcmp0 (onset, today) > 0)
    return alcove_error_invalid (error, _("The onset date is in the future"));
  if (g_strcmp0 (resolved, today) > 0)
    return alcove_error_invalid (error, _("The date the diagnosis resolved is in the future"));
  if (*onset != '\0' && *resolved != '\0' && g_strcmp0 (resolved, onset) < 0)
    return alcove_error_invalid (error, _("The diagnosis cannot resolve before its onset"));
  return TRUE;
}

/* Another current entry of the same code for the client, or NULL */
static char *
dup_current_with_code (AlcoveDiagnosisStore  *self,
                       AlcoveDiagnosis       *diagnosis,
                       const char            *code,
                       gboolean               primary,
                       GError               **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  sqlite3_stmt *stmt = alcove_database_prepare (database, primary
                                                ? "SELECT id FROM main.diagnoses WHERE"
                                                  " client_id = ?1 AND rank = 'primary' AND"
                                                  " resolved_on = '' AND id <> ?3"
                                                : "SELECT id FROM main.diagnoses WHERE"
                                                  " client_id = ?1 AND code = ?2 AND"
                                                  " resolved_on = '' AND id <> ?3", error);
  char *found = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, alcove_diagnosis_get_client_id (diagnosis), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, alcove_diagnosis_get_id (diagnosis), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    alcove_database_set_error (database, NULL, rc, error);
  return found;
}

static gboolean
require_editor (AlcoveDiagnosisStore  *self,
                AlcoveDiagnosis       *diagnosis,
                GError               **error)
{
  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  if (!alcove_diagnosis_store_can_edit (self))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Your role does not change diagnoses"));
  if (alcove_client_store_lookup (self->clients, alcove_diagnosis_get_client_id (diagnosis)) == NULL)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                              _("That client is not in this practice"));
  return TRUE;
}

/* ---- writing ---- */

static gboolean
audit (AlcoveDiagnosisStore  *self,
       const char            *action,
       const char            *diagnosis_id,
       const char            *client_id,
       GError               **error)
{
  g_autofree char *details = alcove_audit_details ("client", client_id, NULL);

  return alcove_audit_append (alcove_vault_get_audit (self->vault), action, diagnosis_id,
                              details, NULL, error);
}

/* `texts` bound from ?1 on, then `now` after them unless it is negative */
static gboolean
run (AlcoveDatabase  *database,
     const char      *sql,
     const char      *const *texts,
     gint64           now,
     GError         **error)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);
  int n = 0;

  if (stmt == NULL)
    return FALSE;
  for (; texts[n] != NULL; n++)
    sqlite3_bind_text (stmt, n + 1, texts[n], -1, SQLITE_TRANSIENT);
  if (now >= 0)
    sqlite3_bind_int64 (stmt, n + 1, now);
  return alcove_database_step_done (database, stmt, error);
}

/* The current primary diagnosis becomes secondary when another one takes its place */
static gboolean
demote_primary (AlcoveDiagnosisStore  *self,
                const char            *previous_id,
                const char            *client_id,
                gint64                 now,
                GError               **error)
{
  const char *texts[] = { previous_id, NULL };

  return run (alcove_vault_get_database (self->vault),
              "UPDATE main.diagnoses SET rank = 'secondary', updated_ms = ?2 WHERE id = ?1",
              texts, now, error) &&
         audit (self, ALCOVE_AUDIT_DIAGNOSIS_UPDATE, previous_id, client_id, error);
}

static gboolean
write_row (AlcoveDiagnosisStore  *self,
           AlcoveDiagnosis       *diagnosis,
           const char            *code,
           const char            *description,
           gint64                 now,
           GError               **error)
{
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);
  const char *texts[] = {
    alcove_diagnosis_get_id (diagnosis), alcove_diagnosis_get_client_id (diagnosis), code,
    alcove_diagnosis_rank_to_string (alcove_diagnosis_get_rank (diagnosis)),
    alcove_diagnosis_get_onset (diagnosis), alcove_diagnosis_get_resolved (diagnosis),
    description, user ? alcove_user_get_uuid (user) : alcove_vault_actor (self->vault), NULL
  };
  gboolean is_new = !alcove_diagnosis_get_saved (diagnosis);

  if (!run (alcove_vault_get_database (self->vault), is_new
            ? "INSERT INTO main.diagnoses (" DIAGNOSIS_COLUMNS ") VALUES"
              " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)"
            : "UPDATE main.diagnoses SET code = ?3, rank = ?4, onset_on = ?5,"
              " resolved_on = ?6, description = ?7, updated_ms = ?9"
              " WHERE id = ?1 AND client_id = ?2", texts, now, error))
    return FALSE;
  if (!is_new && sqlite3_changes (alcove_database_get_handle (alcove_vault_get_database (self->vault))) != 1)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                              _("That diagnosis was removed since it was opened"));
  return audit (self, is_new ? ALCOVE_AUDIT_DIAGNOSIS_ADD : ALCOVE_AUDIT_DIAGNOSIS_UPDATE,
                alcove_diagnosis_get_id (diagnosis), alcove_diagnosis_get_client_id (diagnosis),
                error);
}

static gboolean
check_entry (AlcoveDiagnosisStore  *self,
             AlcoveDiagnosis       *diagnosis,
             char                 **code,
             char                 **description,
             char                 **previous_primary,
             GError               **error)
{
  g_autofree char *other = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean current = !alcove_diagnosis_is_resolved (diagnosis);

  if (!require_editor (self, diagnosis, error) ||
      !alcove_diagnosis_store_check_code (alcove_diagnosis_get_code (diagnosis), code, error) ||
      !check_dates (diagnosis, error))
    return FALSE;
  *description = g_strstrip (g_strdup (alcove_diagnosis_get_description (diagnosis)));
  if (alcove_diagnosis_catalog_lookup (*code) != NULL)
    g_clear_pointer (description, g_free);  /* a shipped code's words are the CMS descriptor */
  else if (g_utf8_strlen (*description, -1) > MAX_DESCRIPTION)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Describe the diagnosis in %d characters or fewer"),
                               MAX_DESCRIPTION);
  if (current)
    other = dup_current_with_code (self, diagnosis, *code, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (other != NULL)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_EXISTS,
                               _("%s is already on this client’s problem list; change that "
                                 "entry instead"), *code);
  if (current && alcove_diagnosis_get_rank (diagnosis) == ALCOVE_DIAGNOSIS_PRIMARY)
    *previous_primary = dup_current_with_code (self, diagnosis, *code, TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
alcove_diagnosis_store_save (AlcoveDiagnosisStore  *self,
                             AlcoveDiagnosis       *diagnosis,
                             GError               **error)
{
  AlcoveDatabase *database;
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;
  g_autofree char *previous_primary = NULL;
  gint64 now = g_get_real_time () / 1000;
  AlcoveUser *user;

  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (diagnosis), FALSE);

  if (!check_entry (self, diagnosis, &code, &description, &previous_primary, error))
    return FALSE;
  database = alcove_vault_get_database (self->vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  if ((previous_primary != NULL &&
       !demote_primary (self, previous_primary, alcove_diagnosis_get_client_id (diagnosis), now,
                        error)) ||
      !write_row (self, diagnosis, code, description ? description : "", now, error) ||
      !alcove_database_commit (database, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  user = alcove_vault_get_current_user (self->vault);
  alcove_diagnosis_set_code (diagnosis, code);
  alcove_diagnosis_set_description (diagnosis, description);
  alcove_diagnosis_set_saved (diagnosis, alcove_diagnosis_get_id (diagnosis),
                              alcove_diagnosis_get_saved (diagnosis)
                              ? alcove_diagnosis_get_recorded_by (diagnosis)
                              : (user ? alcove_user_get_uuid (user) : ""),
                              alcove_diagnosis_get_saved (diagnosis)
                              ? alcove_diagnosis_get_created_ms (diagnosis) : now, now);
  g_signal_emit (self, signals[DIAGNOSES_CHANGED], 0, alcove_diagnosis_get_client_id (diagnosis));
  return TRUE;
}

gboolean
alcove_diagnosis_store_remove (AlcoveDiagnosisStore  *self,
                               AlcoveDiagnosis       *diagnosis,
                               GError               **error)
{
  AlcoveDatabase *database;
  const char *texts[] = { alcove_diagnosis_get_id (diagnosis),
                          alcove_diagnosis_get_client_id (diagnosis), NULL };

  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (diagnosis), FALSE);

  if (!require_editor (self, diagnosis, error))
    return FALSE;
  database = alcove_vault_get_database (self->vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!run (database, "DELETE FROM main.diagnoses WHERE id = ?1 AND client_id = ?2", texts, -1,
            error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (sqlite3_changes (alcove_database_get_handle (database)) != 1)
    {
      alcove_database_rollback (database);
      return alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                                _("That diagnosis is no longer on the problem list"));
    }
  if (!audit (self, ALCOVE_AUDIT_DIAGNOSIS_REMOVE, alcove_diagnosis_get_id (diagnosis),
              alcove_diagnosis_get_client_id (diagnosis), error) ||
      !alcove_database_commit (database, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  g_signal_emit (self, signals[DIAGNOSES_CHANGED], 0, alcove_diagnosis_get_client_id (diagnosis));
  return TRUE;
}
