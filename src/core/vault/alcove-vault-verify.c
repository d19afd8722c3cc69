/* alcove-vault-verify.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-vault-private.h"

/* Verifying the open vault, in the order of AlcoveVerifySection: the header on disk against
 * what the session trusts, the freshness of every file, every store read whole, and the
 * audit chain with its authors' signatures. The first two are quick and read the session's
 * state; reading every page of every store and walking the chain can take long on a large
 * vault, so the asynchronous verify does those on the session's worker, on its own
 * connection, and comes back to the main thread to record the result. */

/* From the audit log: when `alcove_vault_verify` last succeeded; 0 when never. */
gint64
alcove_vault_get_last_verified_ms (AlcoveVault *self)
{
  sqlite3_stmt *stmt;
  gint64 at_ms = 0;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), 0);

  if (alcove_vault_get_locked (self))
    return 0;
  stmt = alcove_database_prepare (self->database,
                                  "SELECT max(at_ms) FROM audit_log WHERE action = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, ALCOVE_AUDIT_VAULT_VERIFY, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    at_ms = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return at_ms;
}

static gboolean
verify_authority (AlcoveVault         *self,
                  AlcoveVerifyReport  *report,
                  GError             **error)
{
  g_autoptr(AlcoveHeader) on_disk = alcove_header_load (self->path, error);

  if (on_disk == NULL)
    return FALSE;
  if (self->header->version < 2)
    return TRUE;
  if (!alcove_vault_check_forgeries (self, on_disk, error))
    return FALSE;
  if (on_disk->generation < self->header->generation)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_ROLLBACK,
                   _("%s was replaced by an older copy while the vault was open"),
                   ALCOVE_HEADER_FILE);
      return FALSE;
    }
  report->generation = on_disk->generation;
  return TRUE;
}

/* The sections that read the session's own state */
static gboolean
verify_header_and_freshness (AlcoveVault         *self,
                             AlcoveVerifyReport  *report,
                             GError             **error)
{
  report->failed = ALCOVE_VERIFY_AUTHORITY;
  if (!verify_authority (self, report, error))
    return FALSE;
  report->failed = ALCOVE_VERIFY_FRESHNESS;
  return alcove_vault_check_freshness (self, error);
}

static gboolean
verify_stores (AlcoveVault         *self,
               AlcoveVerifyReport  *report,
               GError             **error)
{
  for (guint i = 0; i < self->header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (self->header->databases, i);
      g_auto(AlcoveStoreHandle) store = { 0 };

      if (!g_hash_table_contains (self->database_keys, entry->id))
        continue;
      if (!alcove_vault_open_store (self, entry, &store, error) ||
          !alcove_database_check_integrity (store.database, store.schema, error))
        return FALSE;
      report->n_databases++;
    }
  return TRUE;
}

/* The chain as `audit` found it: every signature up to its verified head is now checked,
 * so this device remembers that head and the next verify starts after it */
static gboolean
record_chain (AlcoveVault         *self,
              AlcoveAudit         *audit,
              gint64               rows,
              gint64               bad_seq,
              AlcoveVerifyReport  *report,
              GError             **error)
{
  g_autofree char *mac = NULL;
  gint64 head = 0;

  if (bad_seq != 0)
    {
      g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT, bad_seq);

      /* Translators: %s is the number of a row of the audit log */
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("The audit log in practice.db was altered at row %s; keep this copy as "
                     "evidence and restore the vault from a backup"), row);
      return FALSE;
    }
  report->audit_rows = rows;
  report->signed_rows = alcove_audit_get_signatures_checked (audit);
  if (self->seen != NULL && alcove_audit_get_verified_head (audit, &head, &mac))
    {
      alcove_freshness_set_audit_checked (self->seen, head, mac);
      alcove_audit_set_signature_policy (self->audit, self->header->audit_signed_from, head, mac);
    }
  return TRUE;
}

static gboolean
verify_chain (AlcoveVault         *self,
              AlcoveVerifyReport  *report,
              GError             **error)
{
  gint64 rows = 0, bad_seq = 0;

  return alcove_audit_verify (self->audit, &rows, &bad_seq, error) &&
         record_chain (self, self->audit, rows, bad_seq, report, error);
}

/* Recorded through the session's own audit writer, on the main thread */
static gboolean
record_verified (AlcoveVault         *self,
                 AlcoveVerifyReport  *report,
                 GError             **error)
{
  report->failed = ALCOVE_VERIFY_OK;
  alcove_vault_audit (self, ALCOVE_AUDIT_VAULT_VERIFY, self->header->vault_uuid, NULL);
  return alcove_vault_record_freshness (self, FALSE, error);
}

gboolean
alcove_vault_verify (AlcoveVault         *self,
                     AlcoveVerifyReport  *report,
                     GError             **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  *report = (AlcoveVerifyReport) { 0 };
  if (!alcove_vault_require_unlocked (self, error) ||
      !verify_header_and_freshness (self, report, error))
    return FALSE;
  report->failed = ALCOVE_VERIFY_STORES;
  if (!verify_stores (self, report, error))
    return FALSE;
  report->failed = ALCOVE_VERIFY_CHAIN;
  if (!verify_chain (self, report, error))
    return FALSE;
  return record_verified (self, report, error);
}

/* ---- on the worker ---- */

/* A store to read whole, copied out of the session so the worker reads nothing of it */
typedef struct
{
  char                 *schema;
  char                 *path;
  AlcoveSecret         *key;
  AlcoveCipherSettings  settings;
} StoreCheck;

static void
store_check_free (StoreCheck *check)
{
  g_free (check->schema);
  g_free (check->path);
  g_clear_pointer (&check->key, alcove_secret_free);
  alcove_cipher_settings_clear (&check->settings);
  g_free (check);
}

typedef struct
{
  AlcoveVerifyReport  report;
  GPtrArray          *stores;     /* StoreCheck */
  AlcoveAudit        *verifier;
  gint64              rows;
  gint64              bad_seq;
} VerifyJob;

static void
verify_job_free (VerifyJob *job)
{
  g_clear_pointer (&job->stores, g_ptr_array_unref);
  g_clear_object (&job->verifier);
  g_free (job);
}

static GPtrArray *
stores_to_check (AlcoveVault *self)
{
  GPtrArray *stores = g_ptr_array_new_with_free_func ((GDestroyNotify) store_check_free);

  for (guint i = 0; i < self->header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (self->header->databases, i);
      AlcoveSecret *key = g_hash_table_lookup (self->database_keys, entry->id);
      StoreCheck *check;

      if (key == NULL)
        continue;
      check = g_new0 (StoreCheck, 1);
      check->schema = alcove_vault_schema_for (entry->id);
      check->path = g_build_filename (self->path, entry->file, NULL);
      check->key = alcove_secret_copy (key);
      check->settings = (AlcoveCipherSettings) { g_strdup (entry->sqlcipher),
                                                 entry->compatibility, entry->page_size,
                                                 g_strdup (entry->hmac),
                                                 g_strdup (entry->kdf) };
      g_ptr_array_add (stores, check);
    }
  return stores;
}

static int
interrupt_if_cancelled_cb (gpointer user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

/* Attached to the worker's connection like the session's, or (a recovery session with more
 * stores than SQLite attaches) on a connection of this thread, closed at once */
static gboolean
check_store (AlcoveDatabase  *connection,
             GStrv            attached,
             StoreCheck      *check,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(AlcoveDatabase) own = NULL;
  gboolean intact;

  if (g_strv_contains ((const char * const *) attached, check->schema))
    return alcove_database_check_integrity (connection, check->schema, error);
  own = alcove_database_open (check->path, check->key, &check->settings, FALSE, error);
  if (own == NULL)
    return FALSE;
  sqlite3_progress_handler (alcove_database_get_handle (own), 1000, interrupt_if_cancelled_cb,
                            cancellable);
  intact = alcove_database_check_integrity (own, "main", error);
  alcove_database_close (own);
  return intact;
}

/* A lock must not wait for every page of a large store to be read: SQLite is interrupted
 * when the job is cancelled, and says so as a cancellation, not as damage */
static gboolean
check_stores (VerifyJob       *job,
              AlcoveDatabase  *connection,
              GCancellable    *cancellable,
              GError         **error)
{
  sqlite3 *handle = alcove_database_get_handle (connection);
  g_auto(GStrv) attached = alcove_database_dup_schemas (connection);
  gboolean ok = TRUE;

  sqlite3_progress_handler (handle, 1000, interrupt_if_cancelled_cb, cancellable);
  for (guint i = 0; ok && i < job->stores->len; i++)
    {
      ok = check_store (connection, attached, g_ptr_array_index (job->stores, i), cancellable,
                        error);
      if (ok)
        job->report.n_databases++;
    }
  sqlite3_progress_handler (handle, 0, NULL, NULL);
  if (!ok && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  return ok;
}

static gboolean
continue_unless_cancelled_cb (gint64   done,
                              gint64   total,
                              gpointer user_data)
{
  return !g_cancellable_is_cancelled (user_data);
}

static void
verify_job_cb (GTask          *task,
               AlcoveDatabase *connection,
               gpointer        task_data,
               GCancellable   *cancellable)
{
  VerifyJob *job = task_data;
  GError *error = NULL;

  job->report.failed = ALCOVE_VERIFY_STORES;
  if (!check_stores (job, connection, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->report.failed = ALCOVE_VERIFY_CHAIN;
  if (!alcove_audit_verify_snapshot (job->verifier, connection, continue_unless_cancelled_cb,
                                     cancellable, &job->rows, &job->bad_seq, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlcoveVault *self = g_task_get_source_object (task);
  VerifyJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  /* a lock that came after the worker finished cancels it all the same */
  if (g_task_propagate_boolean (G_TASK (result), &error) && alcove_vault_get_locked (self))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         _("The vault was locked before this could finish"));
  if (error != NULL ||
      !record_chain (self, job->verifier, job->rows, job->bad_seq, &job->report, &error) ||
      !record_verified (self, &job->report, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* The same checks as alcove_vault_verify(), the long ones on the session's worker; the vault
 * is audited and this device's record updated when it comes back. A lock cancels it. */
void
alcove_vault_verify_async (AlcoveVault         *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) job_task = NULL;
  GError *error = NULL;
  VerifyJob *job;

  g_return_if_fail (ALCOVE_IS_VAULT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_vault_verify_async);
  /* once recorded, a verify is reported as done, even if cancelled meanwhile */
  g_task_set_check_cancellable (task, FALSE);
  job = g_new0 (VerifyJob, 1);
  g_task_set_task_data (task, job, (GDestroyNotify) verify_job_free);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!alcove_vault_require_unlocked (self, &error) ||
      !verify_header_and_freshness (self, &job->report, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->stores = stores_to_check (self);
  job->verifier = alcove_vault_new_audit_verifier (self);
  job->report.failed = ALCOVE_VERIFY_STORES;

  job_task = g_task_new (self, cancellable, verified_cb, g_object_ref (task));
  g_task_set_source_tag (job_task, alcove_vault_verify_async);
  g_task_set_task_data (job_task, job, NULL);
  alcove_worker_run (alcove_vault_get_worker (self), job_task, ALCOVE_WORKER_CONNECTION,
                     verify_job_cb);
}

/* `report` is filled in whether it failed or not, as by alcove_vault_verify() */
gboolean
alcove_vault_verify_finish (AlcoveVault         *self,
                            GAsyncResult        *result,
                            AlcoveVerifyReport  *report,
                            GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (report != NULL)
    *report = ((VerifyJob *) g_task_get_task_data (G_TASK (result)))->report;
  return g_task_propagate_boolean (G_TASK (result), error);
}
