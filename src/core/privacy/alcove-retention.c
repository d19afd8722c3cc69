/* alcove-retention.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-retention"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-policy.h"
#include "alcove-client.h"
#include "alcove-incidents.h"
#include "alcove-retention.h"
#include "alcove-vault-private.h"

/* Keeping records no longer than the practice must, then disposing of them so the text
 * cannot be recovered. A record is kept `adult_years` after it ended (discharge or last
 * session, whichever is later); a client who was a minor then is kept at least until
 * `majority_age` + `minor_years`. Disposal (owner only) removes the client's details,
 * links, guardians, sessions, consents and their documents, its diagnoses, and its notes,
 * addenda, treatment plans and search rows in every notes store, in one transaction with a disposal record (counts, no
 * names) and audit rows (ids only). Then each touched file is scrubbed: secure_delete has
 * zeroed the freed cells, the FTS index is merged so no segment still lists the words,
 * VACUUM rewrites the file and a TRUNCATE checkpoint empties the write-ahead log.
 *
 * Kept on purpose: the disclosure log rows of a disposed client (HIPAA requires the
 * accounting of disclosures for six years; they describe the disclosure, not the record)
 * and the documents they point at, and an emptied client row (id and record type only) so
 * they still point at something. A member's part of a group, couple or family note belongs
 * to that record and goes with it. */

#define META_ADULT_YEARS  "retention.adult-years"
#define META_MAJORITY_AGE "retention.majority-age"
#define META_MINOR_YEARS  "retention.minor-years"

void
alcove_retention_item_free (AlcoveRetentionItem *item)
{
  if (item == NULL)
    return;
  g_free (item->client_id);
  g_free (item->ended_on);
  g_free (item->keep_until);
  g_free (item);
}

void
alcove_disposal_report_clear (AlcoveDisposalReport *report)
{
  g_clear_pointer (&report->disposal_id, g_free);
  memset (report, 0, sizeof *report);
}

/* ---- the policy ---- */

void
alcove_retention_policy_defaults (AlcoveRetentionPolicy *policy)
{
  policy->adult_years = 7;
  policy->majority_age = 18;
  policy->minor_years = 7;
}

static gboolean
read_meta_uint (AlcoveDatabase  *database,
                const char      *key,
                guint           *value,
                GError         **error)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database, "SELECT value FROM main.meta"
                                                " WHERE key = ?", error);
  guint64 parsed;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW &&
      g_ascii_string_to_unsigned ((const char *) sqlite3_column_text (stmt, 0), 10, 0, 200,
                                  &parsed, NULL))
    *value = (guint) parsed;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ||
         alcove_database_set_error (database, NULL, rc, error);
}

static gboolean
write_meta_uint (AlcoveDatabase  *database,
                 const char      *key,
                 guint            value,
                 GError         **error)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database, "INSERT OR REPLACE INTO main.meta"
                                                " (key, value) VALUES (?, ?)", error);
  g_autofree char *text = g_strdup_printf ("%u", value);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return alcove_database_step_done (database, stmt, error);
}

/* The practice's policy; the defaults for what was never set */
gboolean
alcove_retention_get_policy (AlcoveVault            *vault,
                             AlcoveRetentionPolicy  *policy,
                             GError                **error)
{
  AlcoveDatabase *database;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  alcove_retention_policy_defaults (policy);
  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  database = alcove_vault_get_database (vault);
  return read_meta_uint (database, META_ADULT_YEARS, &policy->adult_years, error) &&
         read_meta_uint (database, META_MAJORITY_AGE, &policy->majority_age, error) &&
         read_meta_uint (database, META_MINOR_YEARS, &policy->minor_years, error);
}

gboolean
alcove_retention_can_dispose (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  return alcove_policy_allows (vault, ALCOVE_CAPABILITY_DISPOSE_RECORDS);
}

static gboolean
require_owner (AlcoveVault  *vault,
               GError      **error)
{
  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  if (!alcove_retention_can_dispose (vault))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Only the practice owner sets the retention policy and disposes "
                             "of records"));
      return FALSE;
    }
  return TRUE;
}

static char *
policy_to_text (const AlcoveRetentionPolicy *policy)
{
  return g_strdup_printf ("adult=%u;majority=%u;minor=%u", policy->adult_years,
                          policy->majority_age, policy->minor_years);
}

gboolean
alcove_retention_set_policy (AlcoveVault                  *vault,
                             const AlcoveRetentionPolicy  *policy,
                             GError                      **error)
{
  AlcoveDatabase *database;
  g_autofree char *text = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  if (!require_owner (vault, error))
    return FALSE;
  if (policy->adult_years < 1 || policy->adult_years > 100 || policy->majority_age < 1 ||
      policy->majority_age > 30 || policy->minor_years > 100)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Keep records at least one year and at most a hundred; the age of "
                             "majority is between 1 and 30"));
      return FALSE;
    }
  text = policy_to_text (policy);
  details = alcove_audit_details ("policy", text, NULL);
  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!write_meta_uint (database, META_ADULT_YEARS, policy->adult_years, error) ||
      !write_meta_uint (database, META_MAJORITY_AGE, policy->majority_age, error) ||
      !write_meta_uint (database, META_MINOR_YEARS, policy->minor_years, error) ||
      !alcove_audit_append (alcove_vault_get_audit (vault), ALCOVE_AUDIT_RETENTION_POLICY, "", details, NULL, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  return alcove_database_commit (database, error);
}

/* ---- which records are past it ---- */

static gboolean
parse_day (const char *day,
           GDate      *date)
{
  g_date_clear (date, 1);
  if (day == NULL || !alcove_date_is_valid (day))
    return FALSE;
  g_date_set_parse (date, day);
  return g_date_valid (date);
}

/* The last day the policy keeps a record that ended on `ended_on`, or NULL when it has not
 * ended. 29 February plus whole years is 28 February. */
char *
alcove_retention_keep_until (const AlcoveRetentionPolicy *policy,
                             const char                  *ended_on,
                             const char                  *date_of_birth,
                             gboolean                    *minor_rule)
{
  GDate ended, keep, birth;

  g_return_val_if_fail (policy != NULL, NULL);

  if (minor_rule != NULL)
    *minor_rule = FALSE;
  if (!parse_day (ended_on, &ended))
    return NULL;
  keep = ended;
  g_date_add_years (&keep, policy->adult_years);
  if (parse_day (date_of_birth, &birth))
    {
      GDate majority = birth;

      g_date_add_years (&majority, policy->majority_age);
      if (g_date_compare (&ended, &majority) < 0)
        {
          GDate minor_keep = majority;

          g_date_add_years (&minor_keep, policy->minor_years);
          if (minor_rule != NULL)
            *minor_rule = TRUE;
          if (g_date_compare (&minor_keep, &keep) > 0)
            keep = minor_keep;
        }
    }
  return alcove_date_to_iso (&keep);
}

static GPtrArray *
list_due (AlcoveVault                  *vault,
          const AlcoveRetentionPolicy  *policy,
          GDate                        *today,
          GError                      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_retention_item_free);
  g_autofree char *today_text = alcove_date_to_iso (today);
  AlcoveDatabase *database = alcove_vault_get_database (vault);
  sqlite3_stmt *stmt;
  int rc;

  stmt = alcove_database_prepare (database, "SELECT id, date_of_birth,"
                                            " max (discharged_on, last_session) FROM main.clients"
                                            " WHERE id NOT IN (SELECT client_id"
                                            "                  FROM main.disposed_clients)"
                                            " ORDER BY 3, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *ended_on = (const char *) sqlite3_column_text (stmt, 2);
      gboolean minor_rule;
      g_autofree char *keep_until = alcove_retention_keep_until (policy, ended_on,
                                                                 (const char *) sqlite3_column_text (stmt, 1),
                                                                 &minor_rule);
      AlcoveRetentionItem *item;

      /* kept through keep_until; due from the day after */
      if (keep_until == NULL || strcmp (today_text, keep_until) <= 0)
        continue;
      item = g_new0 (AlcoveRetentionItem, 1);
      item->client_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      item->ended_on = g_strdup (ended_on);
      item->keep_until = g_steal_pointer (&keep_until);
      item->minor_rule = minor_rule;
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (database, NULL, rc, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* The client records past the stored policy on `today` (AlcoveRetentionItem), oldest first */
GPtrArray *
alcove_retention_list_due (AlcoveVault  *vault,
                           GDate        *today,
                           GError      **error)
{
  AlcoveRetentionPolicy policy;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (!alcove_retention_get_policy (vault, &policy, error))
    return NULL;
  return list_due (vault, &policy, today, error);
}

/* For the privacy checklist: how many records are past retention on `today`; 0 on error */
guint
alcove_retention_count_due (AlcoveVault  *vault,
                            GDate        *today,
                            GError      **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), 0);

  items = alcove_retention_list_due (vault, today, error);
  return items ? items->len : 0;
}

/* ---- disposal ---- */

/* One statement: "@S@" the schema, ?1 and ?2 texts, ?3 a number; adds the rows changed */
static gboolean
run2 (AlcoveDatabase  *database,
      const char      *sql_template,
      const char      *schema,
      const char      *text,
      const char      *text2,
      gint64           number,
      guint           *changes,
      GError         **error)
{
  g_autoptr(GString) sql = g_string_new (sql_template);
  sqlite3_stmt *stmt;

  g_string_replace (sql, "@S@", schema, 0);
  stmt = alcove_database_prepare (database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, number);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  if (changes != NULL)
    *changes += (guint) sqlite3_changes (alcove_database_get_handle (database));
  return TRUE;
}

static gboolean
run (AlcoveDatabase  *database,
     const char      *sql_template,
     const char      *schema,
     const char      *text,
     guint           *changes,
     GError         **error)
{
  return run2 (database, sql_template, schema, text, NULL, 0, changes, error);
}

#define NOTES_OF_CLIENT "(SELECT id FROM @S@.notes WHERE client_id = ?1)"

/* A client's notes, addenda, co-signatures, returns, treatment plans and index rows in one
 * store. The store's disposal flag must be set: signed notes, plans and addenda are
 * otherwise protected by its triggers. */
static gboolean
dispose_in_store (AlcoveDatabase        *database,
                  const char            *schema,
                  const char            *client_id,
                  AlcoveDisposalReport  *report,
                  GError               **error)
{
  return run (database, "DELETE FROM @S@.search_fts WHERE docid IN (SELECT docid FROM"
                        " @S@.search_docs WHERE client_id = ?1 OR note_id IN " NOTES_OF_CLIENT ")",
              schema, client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.search_docs WHERE client_id = ?1 OR note_id IN "
                        NOTES_OF_CLIENT, schema, client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.search_pending WHERE note_id IN " NOTES_OF_CLIENT,
              schema, client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.addenda WHERE note_id IN " NOTES_OF_CLIENT,
              schema, client_id, &report->addenda, error) &&
         run (database, "DELETE FROM @S@.note_parts WHERE note_id IN " NOTES_OF_CLIENT,
              schema, client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.note_objectives WHERE note_id IN " NOTES_OF_CLIENT,
              schema, client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.plan_objectives WHERE client_id = ?1",
              schema, client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.plans WHERE client_id = ?1",
              schema, client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.cosignatures WHERE note_id IN " NOTES_OF_CLIENT,
              schema, client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.note_returns WHERE note_id IN " NOTES_OF_CLIENT,
              schema, client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.measure_administrations WHERE client_id = ?1",
              schema, client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.clinical_events WHERE client_id = ?1",
              schema, client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.notes WHERE client_id = ?1",
              schema, client_id, &report->notes, error);
}

static gboolean
set_store_flag (AlcoveDatabase  *database,
                const char      *schema,
                const char      *disposal_id,
                gboolean         on,
                GError         **error)
{
  return on ? run (database, "INSERT INTO @S@.disposal_in_progress (disposal_id) VALUES (?1)",
                   schema, disposal_id, NULL, error)
            : run (database, "DELETE FROM @S@.disposal_in_progress", schema, NULL, NULL, error);
}

/* The client's rows in practice.db; its row is emptied, not deleted (see the top) */
static gboolean
dispose_in_practice (AlcoveDatabase        *database,
                     const char            *client_id,
                     AlcoveDisposalReport  *report,
                     GError               **error)
{
  /* the client's own documents (old notes, scanned forms) go with the rest of the record */
  return run (database, "DELETE FROM @S@.documents WHERE id IN (SELECT document_id FROM"
                        " @S@.consents WHERE client_id = ?1) AND id NOT IN (SELECT document_id"
                        " FROM @S@.disclosures)", "main", client_id, &report->documents, error) &&
         run (database, "DELETE FROM @S@.documents WHERE client_id = ?1", "main", client_id,
              &report->documents, error) &&
         run (database, "DELETE FROM @S@.consents WHERE client_id = ?1", "main", client_id,
              &report->consents, error) &&
         run (database, "DELETE FROM @S@.session_attendees WHERE client_id = ?1 OR session_id IN"
                        " (SELECT id FROM @S@.sessions WHERE client_id = ?1)", "main", client_id,
              NULL, error) &&
         run (database, "DELETE FROM @S@.sessions WHERE client_id = ?1", "main", client_id,
              &report->sessions, error) &&
         run (database, "DELETE FROM @S@.client_members WHERE record_id = ?1 OR member_id = ?1",
              "main", client_id, NULL, error) &&
         run (database, "DELETE FROM @S@.guardians WHERE client_id = ?1", "main", client_id,
              NULL, error) &&
         run (database, "DELETE FROM @S@.diagnoses WHERE client_id = ?1", "main", client_id,
              NULL, error) &&
         run (database, "UPDATE @S@.clients SET preferred_name = '', legal_name = '',"
                        " date_of_birth = '', pronouns = '', phone = '', email = '',"
                        " address = '', emergency_contact = '', status = 'discharged',"
                        " discharged_on = '', last_session = '',"
                        " updated_ms = CAST (strftime ('%s', 'now') AS INTEGER) * 1000"
                        " WHERE id = ?1",
              "main", client_id, &report->clients, error);
}

/* Database ids of the vault's notes and private stores, opened by this session or not */
static void
note_store_ids (AlcoveVault *vault,
                GPtrArray   *opened,
                GPtrArray   *closed)
{
  for (guint i = 0; i < vault->header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (vault->header->databases, i);

      if (!g_str_has_prefix (entry->id, "notes:") && !g_str_has_prefix (entry->id, "private:"))
        continue;
      g_ptr_array_add (g_hash_table_contains (vault->database_keys, entry->id) ? opened : closed,
                       g_strdup (entry->id));
    }
}

static gboolean
record_disposal (AlcoveVault                  *vault,
                 const AlcoveRetentionPolicy  *policy,
                 const char * const           *client_ids,
                 AlcoveDisposalReport         *report,
                 GError                      **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (vault);
  g_autofree char *policy_text = policy_to_text (policy);
  sqlite3_stmt *stmt;

  stmt = alcove_database_prepare (database, "INSERT INTO main.disposals (id, disposed_ms,"
                                            " disposed_by, clients, notes, addenda, sessions,"
                                            " consents, documents, policy)"
                                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, report->disposal_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / 1000);
  sqlite3_bind_text (stmt, 3, alcove_vault_actor (vault), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, (int) report->clients);
  sqlite3_bind_int (stmt, 5, (int) report->notes);
  sqlite3_bind_int (stmt, 6, (int) report->addenda);
  sqlite3_bind_int (stmt, 7, (int) report->sessions);
  sqlite3_bind_int (stmt, 8, (int) report->consents);
  sqlite3_bind_int (stmt, 9, (int) report->documents);
  sqlite3_bind_text (stmt, 10, policy_text, -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  for (guint i = 0; client_ids[i] != NULL; i++)
    {
      g_autofree char *details = alcove_audit_details ("disposal", report->disposal_id,
                                                       "policy", policy_text, NULL);

      if (!run2 (database, "INSERT INTO @S@.disposed_clients (client_id, disposal_id)"
                           " VALUES (?1, ?2)", "main", client_ids[i], report->disposal_id, 0,
                 NULL, error) ||
          !alcove_audit_append (alcove_vault_get_audit (vault), ALCOVE_AUDIT_RECORD_DISPOSE, client_ids[i], details, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Merges the FTS segments so deleted words leave no trace in the index (in the transaction) */
static gboolean
optimize_index (AlcoveDatabase  *database,
                const char      *schema,
                GError         **error)
{
  return run (database, "INSERT INTO @S@.search_fts (search_fts) VALUES ('optimize')", schema,
              NULL, NULL, error);
}

/* After the commit: rewrite each file without its free pages, then empty its log */
static gboolean
scrub_files (AlcoveDatabase  *database,
             GPtrArray       *schemas,
             GError         **error)
{
  for (guint i = 0; i < schemas->len; i++)
    {
      const char *schema = g_ptr_array_index (schemas, i);
      g_autofree char *vacuum = g_strdup_printf ("VACUUM %s", schema);
      g_autofree char *checkpoint = g_strdup_printf ("PRAGMA %s.wal_checkpoint(TRUNCATE)", schema);
      sqlite3_stmt *stmt = NULL;
      int busy = 1, rc;

      if (!alcove_database_exec (database, vacuum, error))
        return FALSE;
      rc = sqlite3_prepare_v2 (alcove_database_get_handle (database), checkpoint, -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        busy = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW)
        return alcove_database_set_error (database, schema, rc, error);
      if (busy)
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                       _("Another program has %s open, so its log could not be emptied; close "
                         "it and lock and unlock Alcove"),
                       alcove_database_get_file_name (database, schema));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_due (AlcoveVault                  *vault,
           const AlcoveRetentionPolicy  *policy,
           const char * const           *client_ids,
           GDate                        *today,
           GError                      **error)
{
  g_autoptr(GPtrArray) due = list_due (vault, policy, today, error);
  g_autoptr(GHashTable) due_ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (due == NULL)
    return FALSE;
  for (guint i = 0; i < due->len; i++)
    g_hash_table_add (due_ids, ((AlcoveRetentionItem *) g_ptr_array_index (due, i))->client_id);
  if (client_ids[0] == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Choose the records to dispose of"));
      return FALSE;
    }
  for (guint i = 0; client_ids[i] != NULL; i++)
    if (!g_hash_table_contains (due_ids, client_ids[i]))
      {
        g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                             _("A chosen record is not past the retention policy; nothing was "
                               "disposed of. Refresh the list and choose again."));
        return FALSE;
      }
  return TRUE;
}

static gboolean
dispose_all (AlcoveVault           *vault,
             const char * const    *client_ids,
             GPtrArray             *schemas,
             GPtrArray             *closed_stores,
             AlcoveDisposalReport  *report,
             GError               **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (vault);

  /* every store, practice.db too: its sessions with signed notes are otherwise kept */
  for (guint s = 0; s < schemas->len; s++)
    if (!set_store_flag (database, g_ptr_array_index (schemas, s), report->disposal_id, TRUE,
                         error))
      return FALSE;
  for (guint i = 0; client_ids[i] != NULL; i++)
    {
      for (guint s = 1; s < schemas->len; s++)
        if (!dispose_in_store (database, g_ptr_array_index (schemas, s), client_ids[i], report,
                               error))
          return FALSE;
      for (guint s = 0; s < closed_stores->len; s++)
        {
          if (!run2 (database, "INSERT OR IGNORE INTO @S@.disposal_pending (client_id, store_id)"
                               " VALUES (?1, ?2)", "main", client_ids[i],
                     g_ptr_array_index (closed_stores, s), 0, NULL, error))
            return FALSE;
          report->pending_stores++;
        }
      if (!dispose_in_practice (database, client_ids[i], report, error))
        return FALSE;
    }
  if (!set_store_flag (database, g_ptr_array_index (schemas, 0), NULL, FALSE, error))
    return FALSE;
  for (guint s = 1; s < schemas->len; s++)
    if (!set_store_flag (database, g_ptr_array_index (schemas, s), NULL, FALSE, error) ||
        !optimize_index (database, g_ptr_array_index (schemas, s), error))
      return FALSE;
  return TRUE;
}

/* Disposes of the chosen records, each of which must be past the policy on `today`. All or
 * nothing: one transaction with the disposal record and an audit row per client. Notes
 * stores this session cannot open are listed as pending and finished when their owner
 * next signs in (alcove_retention_finish_pending). On success the touched files are
 * scrubbed; if that fails the records are gone but the error says the files still need it. */
gboolean
alcove_retention_dispose (AlcoveVault           *vault,
                          const char * const    *client_ids,
                          GDate                 *today,
                          AlcoveDisposalReport  *report,
                          GError               **error)
{
  AlcoveRetentionPolicy policy;
  AlcoveDatabase *database;
  g_autoptr(GPtrArray) opened = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) closed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) schemas = g_ptr_array_new_with_free_func (g_free);
  AlcoveDisposalReport local = { 0 };

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (client_ids != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (report == NULL)
    report = &local;
  memset (report, 0, sizeof *report);
  if (!require_owner (vault, error) || !alcove_retention_get_policy (vault, &policy, error) ||
      !check_due (vault, &policy, client_ids, today, error))
    return FALSE;

  note_store_ids (vault, opened, closed);
  g_ptr_array_add (schemas, g_strdup ("main"));
  for (guint i = 0; i < opened->len; i++)
    g_ptr_array_add (schemas, alcove_vault_schema_for (g_ptr_array_index (opened, i)));
  report->disposal_id = g_uuid_string_random ();

  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    goto failed;
  if (!dispose_all (vault, client_ids, schemas, closed, report, error) ||
      !record_disposal (vault, &policy, client_ids, report, error))
    {
      alcove_database_rollback (database);
      goto failed;
    }
  if (!alcove_database_commit (database, error))
    goto failed;
  g_debug ("Disposed of %u records (disposal %s)", report->clients, report->disposal_id);
  alcove_disposal_report_clear (&local);
  return scrub_files (database, schemas, error);

failed:
  alcove_disposal_report_clear (report);
  return FALSE;
}

/* Finishes disposals in the notes stores this session opened that an earlier disposal
 * could not reach (another clinician's store). Safe to call at every sign-in. */
gboolean
alcove_retention_finish_pending (AlcoveVault  *vault,
                                 guint        *n_finished,
                                 GError      **error)
{
  AlcoveDatabase *database;
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) schemas = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  if (n_finished != NULL)
    *n_finished = 0;
  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  database = alcove_vault_get_database (vault);
  stmt = alcove_database_prepare (database, "SELECT client_id, store_id FROM"
                                            " main.disposal_pending ORDER BY store_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (g_hash_table_contains (vault->database_keys, sqlite3_column_text (stmt, 1)))
      {
        char **row = g_new0 (char *, 3);

        row[0] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        row[1] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        g_ptr_array_add (pending, row);
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (database, NULL, rc, error);
  if (pending->len == 0)
    return TRUE;

  if (!alcove_database_begin (database, error))
    return FALSE;
  for (guint i = 0; i < pending->len; i++)
    {
      char **row = g_ptr_array_index (pending, i);
      g_autofree char *schema = alcove_vault_schema_for (row[1]);
      g_autofree char *details = alcove_audit_details ("store", row[1], "pending", "finished",
                                                       NULL);
      AlcoveDisposalReport counts = { 0 };

      if (!set_store_flag (database, schema, "pending", TRUE, error) ||
          !dispose_in_store (database, schema, row[0], &counts, error) ||
          !set_store_flag (database, schema, NULL, FALSE, error) ||
          !optimize_index (database, schema, error) ||
          !run2 (database, "DELETE FROM @S@.disposal_pending WHERE client_id = ?1"
                           " AND store_id = ?2", "main", row[0], row[1], 0, NULL, error) ||
          !alcove_audit_append (alcove_vault_get_audit (vault), ALCOVE_AUDIT_RECORD_DISPOSE, row[0], details, NULL, error))
        {
          alcove_database_rollback (database);
          return FALSE;
        }
      if (!g_ptr_array_find_with_equal_func (schemas, schema, g_str_equal, NULL))
        g_ptr_array_add (schemas, g_steal_pointer (&schema));
    }
  if (!alcove_database_commit (database, error))
    return FALSE;
  if (n_finished != NULL)
    *n_finished = pending->len;
  return scrub_files (database, schemas, error);
}
