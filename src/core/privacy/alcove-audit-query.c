/* alcove-audit-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-audit-query"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "alcove-policy.h"
#include "alcove-audit-query.h"
#include "alcove-vault-private.h"

/* Reading the access log for a review (owner and supervisor): filtered pages, newest
 * first; the chain checked on the session's worker with progress; a CSV of a filtered range;
 * and the record of who reviewed which range, when. The log holds ids, actions and times
 * only, so neither the viewer nor the CSV carries PHI. */

struct _AlcoveAuditEntry
{
  GObject  parent_instance;

  gint64   seq;
  gint64   at_ms;
  char    *actor;
  char    *action;
  char    *object_id;
  char    *details;
};

G_DEFINE_FINAL_TYPE (AlcoveAuditEntry, alcove_audit_entry, G_TYPE_OBJECT)

static void
alcove_audit_entry_finalize (GObject *object)
{
  AlcoveAuditEntry *self = ALCOVE_AUDIT_ENTRY (object);

  g_free (self->actor);
  g_free (self->action);
  g_free (self->object_id);
  g_free (self->details);

  G_OBJECT_CLASS (alcove_audit_entry_parent_class)->finalize (object);
}

static void
alcove_audit_entry_class_init (AlcoveAuditEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_audit_entry_finalize;
}

static void
alcove_audit_entry_init (AlcoveAuditEntry *self)
{
}

gint64
alcove_audit_entry_get_seq (AlcoveAuditEntry *self)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT_ENTRY (self), 0);
  return self->seq;
}

gint64
alcove_audit_entry_get_at_ms (AlcoveAuditEntry *self)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT_ENTRY (self), 0);
  return self->at_ms;
}

const char *
alcove_audit_entry_get_actor (AlcoveAuditEntry *self)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT_ENTRY (self), NULL);
  return self->actor;
}

const char *
alcove_audit_entry_get_action (AlcoveAuditEntry *self)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT_ENTRY (self), NULL);
  return self->action;
}

const char *
alcove_audit_entry_get_object_id (AlcoveAuditEntry *self)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT_ENTRY (self), NULL);
  return self->object_id;
}

const char *
alcove_audit_entry_get_details (AlcoveAuditEntry *self)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT_ENTRY (self), NULL);
  return self->details;
}

void
alcove_audit_review_free (AlcoveAuditReview *review)
{
  if (review == NULL)
    return;
  g_free (review->id);
  g_free (review->reviewed_by);
  g_free (review->note);
  g_free (review);
}

/* ---- days ---- */

/* Local midnight at the start of an ISO day, in Unix ms */
gboolean
alcove_day_to_local_ms (const char *day,
                        gint64     *ms)
{
  g_autoptr(GDateTime) start = NULL;
  int y, m, d;

  if (day == NULL || sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3 || strlen (day) != 10)
    return FALSE;
  start = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (start == NULL)
    return FALSE;
  *ms = g_date_time_to_unix (start) * 1000;
  return TRUE;
}

char *
alcove_local_day_of_ms (gint64 ms)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (ms / 1000);

  return at ? g_date_time_format (at, "%Y-%m-%d") : g_strdup ("");
}

/* ---- who may review ---- */

/* Owner and supervisor; a recovery session is the emergency path and may too */
gboolean
alcove_audit_can_review (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  return alcove_policy_allows (vault, ALCOVE_CAPABILITY_REVIEW_AUDIT);
}

static gboolean
require_reviewer (AlcoveVault  *vault,
                  GError      **error)
{
  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  if (!alcove_audit_can_review (vault))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Only the practice owner or a supervisor reviews the access log"));
      return FALSE;
    }
  return TRUE;
}

/* ---- the query ---- */

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* The WHERE clause for a filter. A client's rows: the client itself, its sessions, consents
 * and disclosures, rows whose details name it (note rows that carry their client) and, for
 * older rows, the notes it has in every store this session opened. */
static gboolean
build_where (AlcoveVault             *vault,
             const AlcoveAuditFilter *filter,
             GString                 *sql,
             GError                 **error)
{
  gint64 ms;

  g_string_append (sql, " WHERE 1");
  if (filter == NULL)
    return TRUE;
  if (has_text (filter->actor))
    g_string_append (sql, " AND actor = :actor");
  if (has_text (filter->action_prefix))
    g_string_append (sql, " AND substr (action, 1, length (:prefix)) = :prefix");
  if (has_text (filter->from_day))
    {
      if (!alcove_day_to_local_ms (filter->from_day, &ms))
        goto bad_day;
      g_string_append (sql, " AND at_ms >= :from");
    }
  if (has_text (filter->to_day))
    {
      if (!alcove_day_to_local_ms (filter->to_day, &ms))
        goto bad_day;
      g_string_append (sql, " AND at_ms < :to");
    }
  if (has_text (filter->client_id))
    {
      g_auto(GStrv) schemas = alcove_database_dup_schemas (alcove_vault_get_database (vault));

      g_string_append (sql, " AND (object_id = :client OR instr (details, :client_json) > 0"
                            " OR object_id IN (SELECT id FROM main.sessions WHERE client_id = :client)"
                            " OR object_id IN (SELECT id FROM main.consents WHERE client_id = :client)"
                            " OR object_id IN (SELECT id FROM main.disclosures"
                            "                  WHERE client_id = :client)");
      for (guint i = 0; schemas[i] != NULL; i++)
        if (!g_str_equal (schemas[i], "main"))
          g_string_append_printf (sql, " OR object_id IN (SELECT id FROM %s.notes"
                                       " WHERE client_id = :client)", schemas[i]);
      g_string_append (sql, ")");
    }
  return TRUE;

bad_day:
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                       _("Enter the dates as YYYY-MM-DD"));
  return FALSE;
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_named_int64 (sqlite3_stmt *stmt,
                  const char   *name,
                  gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_filter (sqlite3_stmt            *stmt,
             const AlcoveAuditFilter *filter)
{
  gint64 ms;

  if (filter == NULL)
    return;
  bind_named_text (stmt, ":actor", filter->actor);
  bind_named_text (stmt, ":prefix", filter->action_prefix);
  if (has_text (filter->from_day) && alcove_day_to_local_ms (filter->from_day, &ms))
    bind_named_int64 (stmt, ":from", ms);
  if (has_text (filter->to_day) && alcove_day_to_local_ms (filter->to_day, &ms))
    bind_named_int64 (stmt, ":to", ms + 24 * G_GINT64_CONSTANT (3600000));
  if (has_text (filter->client_id))
    {
      g_autofree char *json = g_strdup_printf ("\"client\":\"%s\"", filter->client_id);

      bind_named_text (stmt, ":client", filter->client_id);
      bind_named_text (stmt, ":client_json", json);
    }
}

/* Dynamic SQL (the attached stores vary), so its own statement rather than the cache */
static sqlite3_stmt *
prepare_filtered (AlcoveVault             *vault,
                  const char              *select,
                  const AlcoveAuditFilter *filter,
                  const char              *tail,
                  GError                 **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (vault);
  g_autoptr(GString) sql = g_string_new (select);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!build_where (vault, filter, sql, error))
    return NULL;
  g_string_append (sql, tail);
  rc = sqlite3_prepare_v2 (alcove_database_get_handle (database), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      alcove_database_set_error (database, NULL, rc, error);
      return NULL;
    }
  bind_filter (stmt, filter);
  return stmt;
}

static AlcoveAuditEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  AlcoveAuditEntry *entry = g_object_new (ALCOVE_TYPE_AUDIT_ENTRY, NULL);

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->at_ms = sqlite3_column_int64 (stmt, 1);
  entry->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  entry->object_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  entry->details = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  return entry;
}

/* A page of rows, newest first: those before `before_seq` (0: from the newest), at most
 * `limit` (0: all). The next page starts before the last row's seq. */
GPtrArray *
alcove_audit_query (AlcoveVault              *vault,
                    const AlcoveAuditFilter  *filter,
                    gint64                    before_seq,
                    guint                     limit,
                    GError                  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!require_reviewer (vault, error))
    return NULL;
  stmt = prepare_filtered (vault, "SELECT seq, at_ms, actor, action, object_id, details"
                                  " FROM main.audit_log", filter,
                           " AND (:before <= 0 OR seq < :before) ORDER BY seq DESC LIMIT :limit",
                           error);
  if (stmt == NULL)
    return NULL;
  bind_named_int64 (stmt, ":before", before_seq);
  bind_named_int64 (stmt, ":limit", limit == 0 ? -1 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (alcove_vault_get_database (vault), NULL, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gint64
alcove_audit_query_count (AlcoveVault              *vault,
                          const AlcoveAuditFilter  *filter,
                          GError                  **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), -1);

  if (!require_reviewer (vault, error))
    return -1;
  stmt = prepare_filtered (vault, "SELECT count(*) FROM main.audit_log", filter, "", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    alcove_database_set_error (alcove_vault_get_database (vault), NULL, rc, error);
  sqlite3_finalize (stmt);
  return count;
}

/* ---- CSV ---- */

static void
append_csv_field (GString    *csv,
                  const char *value,
                  gboolean    last)
{
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_autoptr(GString) quoted = g_string_new (value);

      g_string_replace (quoted, "\"", "\"\"", 0);
      g_string_append_printf (csv, "\"%s\"", quoted->str);
    }
  else
    g_string_append (csv, value);
  g_string_append (csv, last ? "\r\n" : ",");
}

static GHashTable *
usernames_by_uuid (AlcoveVault *vault)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (vault);
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      g_hash_table_insert (names, g_strdup (alcove_user_get_uuid (user)),
                           g_strdup (alcove_user_get_username (user)));
    }
  return names;
}

static GString *
entries_to_csv (AlcoveVault *vault,
                GPtrArray   *entries)
{
  g_autoptr(GHashTable) usernames = usernames_by_uuid (vault);
  GString *csv = g_string_new ("seq,time_utc,user_id,username,action,object_id,details\r\n");

  /* oldest first: a reviewer reads the file forwards */
  for (guint i = entries->len; i > 0; i--)
    {
      AlcoveAuditEntry *entry = g_ptr_array_index (entries, i - 1);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (entry->at_ms / 1000);
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, entry->seq);
      g_autofree char *time = g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");
      const char *username = g_hash_table_lookup (usernames, entry->actor);

      append_csv_field (csv, seq, FALSE);
      append_csv_field (csv, time, FALSE);
      append_csv_field (csv, entry->actor, FALSE);
      append_csv_field (csv, username ? username : "", FALSE);
      append_csv_field (csv, entry->action, FALSE);
      append_csv_field (csv, entry->object_id, FALSE);
      append_csv_field (csv, entry->details, TRUE);
    }
  return csv;
}

/* Writes the filtered rows to `file` (mode 0600). The export is audited in the same
 * transaction: if the file cannot be written there is no row, and no row, no file. */
gboolean
alcove_audit_export_csv (AlcoveVault              *vault,
                         const AlcoveAuditFilter  *filter,
                         GFile                    *file,
                         guint                    *n_rows,
                         GError                  **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) csv = NULL;
  g_autofree char *count = NULL;
  g_autofree char *details = NULL;
  AlcoveDatabase *database;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  entries = alcove_audit_query (vault, filter, 0, 0, error);
  if (entries == NULL)
    return FALSE;
  csv = entries_to_csv (vault, entries);
  count = g_strdup_printf ("%u", entries->len);
  details = alcove_audit_details ("rows", count, NULL);

  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!alcove_audit_append (alcove_vault_get_audit (vault), ALCOVE_AUDIT_AUDIT_EXPORT, "", details, NULL, error) ||
      !g_file_replace_contents (file, csv->str, csv->len, NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (!alcove_database_commit (database, error))
    {
      g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  if (n_rows != NULL)
    *n_rows = entries->len;
  return TRUE;
}

/* ---- verifying the chain on the session's worker ---- */

typedef struct
{
  AlcoveAudit             *verifier;   /* the session's chain key and policy; never writes */
  AlcoveAuditProgressFunc  progress;
  gpointer                 progress_data;
  GDestroyNotify           progress_destroy;
  GCancellable            *cancellable; /* the job's, while it runs */
  gint64                   last_report_us;
  gint64                   rows;
  gint64                   bad_seq;
} VerifyData;

static void
verify_data_free (VerifyData *data)
{
  if (data->progress_destroy != NULL)
    data->progress_destroy (data->progress_data);
  g_clear_object (&data->verifier);
  g_free (data);
}

typedef struct
{
  GTask  *task;
  gint64  done;
  gint64  total;
} ProgressReport;

static gboolean
report_progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;
  VerifyData *data = g_task_get_task_data (report->task);

  data->progress (report->done, report->total, data->progress_data);
  g_object_unref (report->task);
  g_free (report);
  return G_SOURCE_REMOVE;
}

/* On the worker: hands the numbers to the caller's main context, at most every 50 ms
 * and always the last */
static gboolean
worker_progress (gint64   done,
                 gint64   total,
                 gpointer user_data)
{
  GTask *task = user_data;
  VerifyData *data = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  ProgressReport *report;

  if (g_cancellable_is_cancelled (data->cancellable))
    return FALSE;
  if (data->progress == NULL || (done < total && now - data->last_report_us < 50000))
    return TRUE;
  data->last_report_us = now;
  report = g_new0 (ProgressReport, 1);
  report->task = g_object_ref (task);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              report_progress_cb, report, NULL);
  return TRUE;
}

/* The rows as they stood when it began, on the worker's own connection: the main thread
 * appends on the session's meanwhile */
static void
verify_job_cb (GTask          *task,
               AlcoveDatabase *connection,
               gpointer        task_data,
               GCancellable   *cancellable)
{
  VerifyData *data = task_data;
  GError *error = NULL;
  gboolean verified;

  data->cancellable = cancellable;
  verified = alcove_audit_verify_snapshot (data->verifier, connection, worker_progress, task,
                                           &data->rows, &data->bad_seq, &error);
  data->cancellable = NULL;
  if (!verified)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
alcove_audit_verify_async (AlcoveVault             *vault,
                           AlcoveAuditProgressFunc  progress,
                           gpointer                 progress_data,
                           GDestroyNotify           progress_destroy,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  VerifyData *data;

  g_return_if_fail (ALCOVE_IS_VAULT (vault));

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_audit_verify_async);
  data = g_new0 (VerifyData, 1);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_destroy = progress_destroy;
  g_task_set_task_data (task, data, (GDestroyNotify) verify_data_free);
  if (!require_reviewer (vault, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->verifier = alcove_vault_new_audit_verifier (vault);
  alcove_worker_run (alcove_vault_get_worker (vault), task, ALCOVE_WORKER_CONNECTION,
                     verify_job_cb);
}

/* The result is audited (audit.verify) with the number of rows and whether it held */
gboolean
alcove_audit_verify_finish (AlcoveVault   *vault,
                            GAsyncResult  *result,
                            gint64        *rows_checked,
                            gint64        *first_bad_seq,
                            GError       **error)
{
  VerifyData *data;
  g_autofree char *rows = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (g_task_is_valid (result, vault), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (rows_checked != NULL)
    *rows_checked = data->rows;
  if (first_bad_seq != NULL)
    *first_bad_seq = data->bad_seq;
  rows = g_strdup_printf ("%" G_GINT64_FORMAT, data->rows);
  details = alcove_audit_details ("rows", rows, "result", data->bad_seq ? "altered" : "intact",
                                  NULL);
  if (!alcove_vault_get_locked (vault))
    alcove_vault_audit (vault, ALCOVE_AUDIT_AUDIT_VERIFY, "", details);
  return TRUE;
}

/* ---- review records ---- */

/* Records that the signed-in reviewer looked at the log from from_ms to to_ms. The note is
 * the reviewer's own words and stays in the vault; the audit row carries the review's id. */
gboolean
alcove_audit_mark_reviewed (AlcoveVault  *vault,
                            gint64        from_ms,
                            gint64        to_ms,
                            const char   *note,
                            char        **review_id,
                            GError      **error)
{
  AlcoveDatabase *database;
  g_autofree char *id = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  if (!require_reviewer (vault, error))
    return FALSE;
  if (to_ms < from_ms)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("The reviewed range ends before it starts; swap the dates"));
      return FALSE;
    }
  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  stmt = alcove_database_prepare (database, "INSERT INTO main.audit_reviews (id, from_ms, to_ms,"
                                            " reviewed_by, reviewed_ms, note)"
                                            " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, from_ms);
      sqlite3_bind_int64 (stmt, 3, to_ms);
      sqlite3_bind_text (stmt, 4, alcove_vault_actor (vault), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, g_get_real_time () / 1000);
      sqlite3_bind_text (stmt, 6, note ? note : "", -1, SQLITE_TRANSIENT);
    }
  if (stmt == NULL || !alcove_database_step_done (database, stmt, error) ||
      !alcove_audit_append (alcove_vault_get_audit (vault), ALCOVE_AUDIT_AUDIT_REVIEW, id, "{}", NULL, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (!alcove_database_commit (database, error))
    return FALSE;
  if (review_id != NULL)
    *review_id = g_steal_pointer (&id);
  return TRUE;
}

/* Every review, newest first (AlcoveAuditReview) */
GPtrArray *
alcove_audit_list_reviews (AlcoveVault  *vault,
                           GError      **error)
{
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_audit_review_free);
  AlcoveDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  database = alcove_vault_get_database (vault);
  stmt = alcove_database_prepare (database, "SELECT id, from_ms, to_ms, reviewed_by, reviewed_ms,"
                                            " note FROM main.audit_reviews"
                                            " ORDER BY reviewed_ms DESC, rowid DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlcoveAuditReview *review = g_new0 (AlcoveAuditReview, 1);

      review->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      review->from_ms = sqlite3_column_int64 (stmt, 1);
      review->to_ms = sqlite3_column_int64 (stmt, 2);
      review->reviewed_by = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      review->reviewed_ms = sqlite3_column_int64 (stmt, 4);
      review->note = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (reviews, review);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (database, NULL, rc, error);
      return NULL;
    }
  return g_steal_pointer (&reviews);
}

/* For the privacy checklist: the local day (YYYY-MM-DD) of the latest review. Returns
 * TRUE with *last_review_day NULL when the log was never reviewed; FALSE only on error.
 * Any signed-in role may ask: the answer is a date, not the log. */
gboolean
alcove_audit_review_last (AlcoveVault  *vault,
                          char        **last_review_day,
                          GError      **error)
{
  AlcoveDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (last_review_day != NULL, FALSE);

  *last_review_day = NULL;
  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  database = alcove_vault_get_database (vault);
  stmt = alcove_database_prepare (database, "SELECT max(reviewed_ms) FROM main.audit_reviews",
                                  error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *last_review_day = alcove_local_day_of_ms (sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return alcove_database_set_error (database, NULL, rc, error);
  return TRUE;
}

/* ---- human words ---- */

static const struct
{
  const char *action;
  const char *words;
} descriptions[] = {
  { ALCOVE_AUDIT_VAULT_CREATE, N_("Created the vault") },
  { ALCOVE_AUDIT_VAULT_UNLOCK, N_("Signed in") },
  { ALCOVE_AUDIT_VAULT_UNLOCK_FAILED, N_("Failed sign-in attempts") },
  { ALCOVE_AUDIT_VAULT_LOCK, N_("Locked the vault") },
  { ALCOVE_AUDIT_VAULT_VERIFY, N_("Verified the vault") },
  { ALCOVE_AUDIT_VAULT_REKEY, N_("Rotated the keys of the vault’s stores") },
  { ALCOVE_AUDIT_VAULT_UPGRADE, N_("Moved the vault to a new format") },
  { ALCOVE_AUDIT_VAULT_RESTORE, N_("Restored the vault from a backup") },
  { ALCOVE_AUDIT_BACKUP_CREATE, N_("Made a backup and verified it") },
  { ALCOVE_AUDIT_USER_ADD, N_("Added a user") },
  { ALCOVE_AUDIT_USER_DISABLE, N_("Disabled a user") },
  { ALCOVE_AUDIT_USER_PASSWORD, N_("Changed a password") },
  { ALCOVE_AUDIT_USER_SUPERVISION, N_("Granted supervision") },
  { ALCOVE_AUDIT_USER_UNSUPERVISE, N_("Ended supervision") },
  { ALCOVE_AUDIT_USER_ROLE, N_("Changed a role") },
  { ALCOVE_AUDIT_USER_ENABLE, N_("Enabled a user again") },
  { ALCOVE_AUDIT_USER_FIRST_SIGN_IN, N_("Signed in for the first time") },
  { ALCOVE_AUDIT_KEYRING_ADD, N_("Saved a key in the keyring") },
  { ALCOVE_AUDIT_KEYRING_REMOVE, N_("Removed a key from the keyring") },
  { ALCOVE_AUDIT_RECOVERY_USE, N_("Opened with the recovery key") },
  { ALCOVE_AUDIT_RECOVERY_REPLACE, N_("Replaced the recovery key") },
  { ALCOVE_AUDIT_CLIENT_VIEW, N_("Opened a client record") },
  { ALCOVE_AUDIT_CLIENT_CREATE, N_("Added a client") },
  { ALCOVE_AUDIT_CLIENT_UPDATE, N_("Changed client details") },
  { ALCOVE_AUDIT_SESSION_SAVE, N_("Recorded a session") },
  { ALCOVE_AUDIT_SESSION_UPDATE, N_("Changed a session") },
  { ALCOVE_AUDIT_SESSION_CANCEL, N_("Cancelled a session") },
  { ALCOVE_AUDIT_SESSION_NO_SHOW, N_("Marked a session as a no-show") },
  { ALCOVE_AUDIT_SESSION_DELETE, N_("Deleted a session") },
  { ALCOVE_AUDIT_NOTE_VIEW, N_("Read a note") },
  { ALCOVE_AUDIT_NOTE_CREATE, N_("Started a note") },
  { ALCOVE_AUDIT_NOTE_EDIT, N_("Edited a note") },
  { ALCOVE_AUDIT_NOTE_DELETE_DRAFT, N_("Deleted a draft note") },
  { ALCOVE_AUDIT_NOTE_SIGN, N_("Signed a note") },
  { ALCOVE_AUDIT_NOTE_ADDENDUM, N_("Added an addendum") },
  { ALCOVE_AUDIT_NOTE_COSIGN, N_("Co-signed a note") },
  { ALCOVE_AUDIT_NOTE_RETURN, N_("Returned a note to its author") },
  { ALCOVE_AUDIT_NOTE_COPY, N_("Copied sections of an earlier note into a draft") },
  { ALCOVE_AUDIT_NOTE_CONFIRM_COPIED, N_("Confirmed copied text unchanged") },
  { ALCOVE_AUDIT_NOTE_TAMPERED, N_("Found a note changed after signing") },
  { ALCOVE_AUDIT_NOTE_PRINT, N_("Printed a note") },
  { ALCOVE_AUDIT_RECORD_PRINT, N_("Printed a record") },
  { ALCOVE_AUDIT_RECORD_EXPORT_FHIR, N_("Exported a client’s record (FHIR)") },
  { ALCOVE_AUDIT_MEASURE_ADMINISTER, N_("Recorded an outcome measure") },
  { ALCOVE_AUDIT_EVENT_ADD, N_("Entered a clinical event") },
  { ALCOVE_AUDIT_EXPORT, N_("Exported the vault") },
  { ALCOVE_AUDIT_IMPORT, N_("Imported into the vault") },
  { ALCOVE_AUDIT_PRACTICE_EXPORT, N_("Exported the whole practice (plaintext)") },
  { ALCOVE_AUDIT_PRACTICE_IMPORT, N_("Imported a whole-practice export") },
  { ALCOVE_AUDIT_DOCUMENT_ADD, N_("Attached a document") },
  { ALCOVE_AUDIT_DOCUMENT_VIEW, N_("Opened a document") },
  { ALCOVE_AUDIT_DOCUMENT_RELABEL, N_("Changed a document’s label or date") },
  { ALCOVE_AUDIT_DOCUMENT_TAMPERED, N_("Found a document altered") },
  { ALCOVE_AUDIT_DIAGNOSIS_ADD, N_("Added a diagnosis") },
  { ALCOVE_AUDIT_DIAGNOSIS_UPDATE, N_("Changed a diagnosis") },
  { ALCOVE_AUDIT_DIAGNOSIS_REMOVE, N_("Removed a diagnosis") },
  { ALCOVE_AUDIT_PLAN_CREATE, N_("Started a treatment plan or its next version") },
  { ALCOVE_AUDIT_PLAN_EDIT, N_("Edited a treatment plan") },
  { ALCOVE_AUDIT_PLAN_SIGN, N_("Signed a treatment plan") },
  { ALCOVE_AUDIT_PLAN_VIEW, N_("Read a treatment plan") },
  { ALCOVE_AUDIT_PLAN_DELETE_DRAFT, N_("Deleted a draft treatment plan") },
  { ALCOVE_AUDIT_PLAN_PRINT, N_("Printed a treatment plan") },
  { ALCOVE_AUDIT_PLAN_TAMPERED, N_("Found a treatment plan changed after signing") },
  { ALCOVE_AUDIT_PRACTICE_SETTING, N_("Changed a practice setting") },
  { ALCOVE_AUDIT_FORMAT_SAVE, N_("Saved a note format") },
  { ALCOVE_AUDIT_FORMAT_RETIRE, N_("Retired a note format") },
  { ALCOVE_AUDIT_FORMAT_REJECTED, N_("Found a note format not signed by an owner") },
  { ALCOVE_AUDIT_AUDIT_VERIFY, N_("Checked the access log") },
  { ALCOVE_AUDIT_AUDIT_EXPORT, N_("Exported the access log") },
  { ALCOVE_AUDIT_CONSENT_CREATE, N_("Recorded a consent") },
  { ALCOVE_AUDIT_CONSENT_UPDATE, N_("Changed a draft consent") },
  { ALCOVE_AUDIT_CONSENT_ACTIVATE, N_("Put a consent in effect") },
  { ALCOVE_AUDIT_CONSENT_REVOKE, N_("Recorded a revocation") },
  { ALCOVE_AUDIT_CONSENT_DELETE_DRAFT, N_("Deleted a draft consent") },
  { ALCOVE_AUDIT_CONSENT_PRINT, N_("Printed a consent form") },
  { ALCOVE_AUDIT_DISCLOSURE_RECORD, N_("Recorded a disclosure") },
  { ALCOVE_AUDIT_DISCLOSURE_PRINT, N_("Printed a disclosure report") },
  { ALCOVE_AUDIT_REGISTER_POLICY, N_("Changed the privacy policy record") },
  { ALCOVE_AUDIT_REGISTER_VENDOR, N_("Changed the vendor register") },
  { ALCOVE_AUDIT_REGISTER_DEVICE, N_("Changed the device register") },
  { ALCOVE_AUDIT_REGISTER_TRAINING, N_("Changed the training log") },
  { ALCOVE_AUDIT_CHECKLIST_ATTEST, N_("Attested a checklist item") },
  { ALCOVE_AUDIT_ATTESTATION_REJECTED, N_("Found a checklist attestation not signed by an owner") },
  { ALCOVE_AUDIT_AUDIT_REVIEW, N_("Reviewed the access log") },
  { ALCOVE_AUDIT_INCIDENT_CREATE, N_("Recorded a breach incident") },
  { ALCOVE_AUDIT_INCIDENT_UPDATE, N_("Changed a breach incident") },
  { ALCOVE_AUDIT_INCIDENT_STEP, N_("Ticked off a breach step") },
  { ALCOVE_AUDIT_INCIDENT_LETTER, N_("Printed a breach letter") },
  { ALCOVE_AUDIT_RETENTION_POLICY, N_("Changed the retention policy") },
  { ALCOVE_AUDIT_RECORD_DISPOSE, N_("Disposed of a record") },
  { ALCOVE_AUDIT_CUSTODIAN_REJECTED, N_("Found a records custodian not named by an owner") },
  { ALCOVE_AUDIT_CUSTODIAN_LETTER, N_("Printed the records custodian letter") },
  { ALCOVE_AUDIT_POLICY_CHANGE, N_("Changed the practice’s policy") },
  { ALCOVE_AUDIT_EMERGENCY_OPEN, N_("Broke the glass: emergency access to progress notes") },
  { ALCOVE_AUDIT_EMERGENCY_VIEW, N_("Read a note under emergency access") },
  { ALCOVE_AUDIT_EMERGENCY_END, N_("Emergency access ended") },
  { ALCOVE_AUDIT_EMERGENCY_REVIEW, N_("Reviewed an emergency access") },
  { ALCOVE_AUDIT_EMERGENCY_ACKNOWLEDGE, N_("Was told of an emergency access") },
};

/* The action in words for the viewer; an action this build does not know stays as is */
const char *
alcove_audit_action_describe (const char *action)
{
  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    if (g_str_equal (descriptions[i].action, action))
      return _(descriptions[i].words);
  return action;
}

static const AlcoveAuditActionFamily families[] = {
  { "client.", N_("Client records") },
  { "note.", N_("Notes") },
  { "diagnosis.", N_("Diagnoses") },
  { "plan.", N_("Treatment plans") },
  { "session.", N_("Sessions") },
  { "record.", N_("Record prints and disposals") },
  { "document.", N_("Documents") },
  { "consent.", N_("Consents") },
  { "disclosure.", N_("Disclosures") },
  { "vault.", N_("Sign-ins, exports and checks") },
  { "user.", N_("Users") },
  { "keyring.", N_("Keyring") },
  { "recovery.", N_("Recovery key") },
  { "audit.", N_("Access-log reviews") },
  { "incident.", N_("Breach incidents") },
  { "retention.", N_("Retention policy") },
  { "policy.", N_("Practice policy") },
  { "practice.", N_("Practice settings") },
  { "custodian.", N_("Records custodian") },
  { "backup.", N_("Backups") },
  { "emergency.", N_("Emergency access") },
};

/* The families of actions a reviewer filters by; titles untranslated (N_), pass to _() */
const AlcoveAuditActionFamily *
alcove_audit_action_families (guint *n_families)
{
  *n_families = G_N_ELEMENTS (families);
  return families;
}
