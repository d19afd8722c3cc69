/* alcove-vault-rekey-async.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include "alcove-vault-private.h"

/* Changes that re-key stores (a password change, disabling someone) without blocking the
 * main thread. Every check, the new header and the plan are made on the caller's thread as
 * the synchronous functions make them; the new password's KDF and a confirming owner's run
 * on the connection-less key worker; the copies run on the session's worker, each store on
 * a connection that worker opens and closes; the commit and the reopen come back to the
 * caller's thread. Errors, audit rows and the files written are the same as synchronously.
 *
 * Meanwhile the session's connections are read-only (alcove_vault_set_read_only): a write
 * to a store being copied would be lost at the commit, so it fails instead. The window
 * makes sure nothing tries: it saves every draft and closes its editors first. A lock
 * cancels the copies and waits for them to stop; a cancel is honoured between stores and
 * within one, and until the commit it leaves every file as it was. */

/* ---- running a plan ---- */

typedef struct
{
  AlcoveRekeyPlan     *plan;           /* the caller's */
  AlcoveRekeyProgress  progress;
  gpointer             progress_data;
  GTask               *task;           /* the run's own, not a reference */
  const char          *reported_file;  /* on the worker */
  gint64               reported_at;
} RekeyRun;

typedef struct
{
  GTask   *task;
  char    *file;
  guint64  done;
  guint64  total;
} ProgressReport;

static gboolean
report_progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;
  RekeyRun *run = g_task_get_task_data (report->task);

  run->progress (report->file, report->done, report->total, run->progress_data);
  g_object_unref (report->task);
  g_free (report->file);
  g_free (report);
  return G_SOURCE_REMOVE;
}

/* On the worker: each store's start and the end always, in between at most every 50 ms.
 * The reports reach the caller's context before the run's own answer does. */
static void
worker_progress_cb (const char *file,
                    guint64     done,
                    guint64     total,
                    gpointer    user_data)
{
  RekeyRun *run = user_data;
  gint64 now = g_get_monotonic_time ();
  ProgressReport *report;

  if (file != NULL && file == run->reported_file && now - run->reported_at < 50000)
    return;
  run->reported_file = file;
  run->reported_at = now;
  report = g_new0 (ProgressReport, 1);
  report->task = g_object_ref (run->task);
  report->file = g_strdup (file);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (g_task_get_context (run->task), G_PRIORITY_DEFAULT,
                              report_progress_cb, report, NULL);
}

static void
copy_job_cb (GTask          *task,
             AlcoveDatabase *connection,
             gpointer        task_data,
             GCancellable   *cancellable)
{
  RekeyRun *run = task_data;
  GError *error = NULL;

  if (!alcove_rekey_plan_copy (run->plan, run->progress ? worker_progress_cb : NULL, run,
                               cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
copied_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlcoveVault *self = ALCOVE_VAULT (source);
  RekeyRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean copied = g_task_propagate_boolean (G_TASK (result), &error);

  /* From here to the commit nothing runs on this thread but the commit, so nothing can
   * write to the old files in between; a lock did this already. */
  if (!alcove_vault_get_locked (self))
    alcove_vault_set_read_only (self, FALSE);
  if (!copied || !alcove_vault_check_rekey_plan (self, run->plan, &error) ||
      !alcove_vault_commit_rekey (self, run->plan, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
alcove_vault_rekey_plan_run_async (AlcoveVault         *self,
                                   AlcoveRekeyPlan     *plan,
                                   AlcoveRekeyProgress  progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) job = NULL;
  RekeyRun *run = g_new0 (RekeyRun, 1);

  g_task_set_source_tag (task, alcove_vault_rekey_plan_run_async);
  /* once committed, the change is reported as made, even if cancelled meanwhile */
  g_task_set_check_cancellable (task, FALSE);
  run->plan = plan;
  run->progress = progress;
  run->progress_data = progress_data;
  run->task = task;
  g_task_set_task_data (task, run, g_free);

  /* A write the worker is doing ends first, on the old file, and is copied with it. */
  alcove_vault_set_read_only (self, TRUE);
  job = g_task_new (self, cancellable, copied_cb, task);
  g_task_set_source_tag (job, alcove_vault_rekey_plan_run_async);
  g_task_set_task_data (job, run, NULL);
  alcove_worker_run (alcove_vault_get_worker (self), job, ALCOVE_WORKER_NONE, copy_job_cb);
}

gboolean
alcove_vault_rekey_plan_run_finish (AlcoveVault   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the changes ---- */

typedef struct
{
  char                *username;
  AlcoveSecret        *new_password;
  AlcoveKdfParams      kdf;
  gboolean             has_kdf;
  char                *confirming_owner;
  AlcoveSecret        *confirming_secret;
  gboolean             has_confirmation;
  AlcoveRekeyProgress  progress;
  gpointer             progress_data;
  GDestroyNotify       progress_destroy;

  /* from the key worker */
  AlcoveSlotKey       *slot_key;
  AlcovePasswordTry   *owner_try;

  AlcoveAccountChange *change;
} ChangeJob;

static void
change_job_free (ChangeJob *job)
{
  if (job->progress_destroy != NULL)
    job->progress_destroy (job->progress_data);
  g_free (job->username);
  g_clear_pointer (&job->new_password, alcove_secret_free);
  g_free (job->confirming_owner);
  g_clear_pointer (&job->confirming_secret, alcove_secret_free);
  g_clear_pointer (&job->slot_key, alcove_slot_key_free);
  g_clear_pointer (&job->owner_try, alcove_password_try_free);
  g_clear_pointer (&job->change, alcove_account_change_free);
  g_free (job);
}

static GTask *
new_change_task (AlcoveVault         *self,
                 AlcoveRekeyProgress  progress,
                 gpointer             progress_data,
                 GDestroyNotify       progress_destroy,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ChangeJob *job = g_new0 (ChangeJob, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_destroy = progress_destroy;
  g_task_set_task_data (task, job, (GDestroyNotify) change_job_free);
  return task;
}

static void
rekeyed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlcoveVault *self = ALCOVE_VAULT (source);
  ChangeJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean rekeyed = alcove_vault_rekey_plan_run_finish (self, result, &error);

  alcove_vault_end_account_change (self, job->change, rekeyed);
  if (!rekeyed)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The change begun: its stores copied and committed, then the change ended */
static void
run_change (GTask *task)
{
  AlcoveVault *self = g_task_get_source_object (task);
  ChangeJob *job = g_task_get_task_data (task);
  AlcoveRekeyPlan *plan = alcove_account_change_get_plan (job->change);

  if (plan == NULL)
    {
      alcove_vault_end_account_change (self, job->change, TRUE);
      g_task_return_boolean (task, TRUE);
      return;
    }
  alcove_vault_rekey_plan_run_async (self, plan, job->progress, job->progress_data,
                                     g_task_get_cancellable (task), rekeyed_cb,
                                     g_object_ref (task));
}

static void
derive_keys_job_cb (GTask          *task,
                    AlcoveDatabase *connection,
                    gpointer        task_data,
                    GCancellable   *cancellable)
{
  ChangeJob *job = task_data;

  if (job->owner_try != NULL)
    alcove_password_try_run (job->owner_try);
  /* A KDF that fails here is tried again, and reported, where the change makes the slot */
  if (!g_cancellable_is_cancelled (cancellable))
    job->slot_key = alcove_slot_key_derive (job->new_password, job->has_kdf ? &job->kdf : NULL,
                                            NULL);
  g_task_return_boolean (task, TRUE);
}

static const AlcoveConfirmation *
job_confirmation (ChangeJob          *job,
                  AlcoveConfirmation *confirmation)
{
  if (!job->has_confirmation)
    return NULL;
  *confirmation = (AlcoveConfirmation) { job->confirming_owner, job->confirming_secret };
  return confirmation;
}

static void
begin_password_change (GTask *task)
{
  AlcoveVault *self = g_task_get_source_object (task);
  ChangeJob *job = g_task_get_task_data (task);
  AlcoveConfirmation confirmation;
  GError *error = NULL;

  job->change = alcove_vault_begin_password_change (self, job->username, job->new_password,
                                                    job->has_kdf ? &job->kdf : NULL,
                                                    job->slot_key,
                                                    job_confirmation (job, &confirmation),
                                                    job->owner_try, &error);
  g_clear_pointer (&job->slot_key, alcove_slot_key_free);
  if (job->change == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  run_change (task);
}

static void
keys_derived_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlcoveVault *self = g_task_get_source_object (task);
  ChangeJob *job = g_task_get_task_data (task);
  AlcoveConfirmation confirmation;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      alcove_vault_abandon_confirmation (self, job_confirmation (job, &confirmation),
                                         job->owner_try);
      g_task_return_error (task, error);
      return;
    }
  begin_password_change (task);
}

/**
 * alcove_vault_change_password_confirmed_async:
 * @progress: (nullable): called on the caller's context as the stores are copied
 *
 * As alcove_vault_change_password_confirmed(): the same checks in the same order, the same
 * errors, the same files and audit rows; the KDFs and the copies off this thread. The
 * session's connections are read-only while the stores are copied (a write fails rather
 * than be lost). Cancelled, or locked, before the commit, nothing changes; a confirmation
 * tried by then still counts as a failed attempt if it was wrong.
 */
void
alcove_vault_change_password_confirmed_async (AlcoveVault              *self,
                                              const char               *username,
                                              const AlcoveSecret       *new_password,
                                              const AlcoveKdfParams    *kdf,
                                              const AlcoveConfirmation *confirmation,
                                              AlcoveRekeyProgress       progress,
                                              gpointer                  progress_data,
                                              GDestroyNotify            progress_destroy,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) step = NULL;
  AlcoveHeaderUser *owner;
  GError *error = NULL;
  ChangeJob *job;

  g_return_if_fail (ALCOVE_IS_VAULT (self));
  g_return_if_fail (username != NULL && new_password != NULL);
  g_return_if_fail (confirmation == NULL || confirmation->secret != NULL);

  task = new_change_task (self, progress, progress_data, progress_destroy, cancellable,
                          callback, user_data, alcove_vault_change_password_confirmed_async);
  job = g_task_get_task_data (task);
  job->username = g_strdup (username);
  job->new_password = alcove_secret_copy (new_password);
  job->has_kdf = kdf != NULL;
  job->kdf = kdf ? *kdf : (AlcoveKdfParams) { 0 };
  job->has_confirmation = confirmation != NULL;
  job->confirming_owner = confirmation ? g_strdup (confirmation->owner) : NULL;
  job->confirming_secret = confirmation ? alcove_secret_copy (confirmation->secret) : NULL;
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!alcove_vault_check_password_change (self, username, new_password, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* refused without any KDF, as synchronously */
  if (alcove_vault_password_change_needs_confirmation (self) && confirmation == NULL)
    {
      begin_password_change (task);
      return;
    }
  if (alcove_vault_password_change_needs_confirmation (self) && confirmation->owner != NULL &&
      (owner = alcove_vault_find_confirming_owner (self, confirmation->owner)) != NULL)
    job->owner_try = alcove_vault_prepare_password_try (self, owner, confirmation->secret);

  step = g_task_new (self, cancellable, keys_derived_cb, g_object_ref (task));
  g_task_set_source_tag (step, alcove_vault_change_password_confirmed_async);
  g_task_set_task_data (step, job, NULL);
  alcove_worker_run (alcove_vault_key_worker (), step, ALCOVE_WORKER_NONE, derive_keys_job_cb);
}

/* As alcove_vault_change_password(), off this thread as the confirmed one is */
void
alcove_vault_change_password_async (AlcoveVault            *self,
                                    const char             *username,
                                    const AlcoveSecret     *new_password,
                                    const AlcoveKdfParams  *kdf,
                                    AlcoveRekeyProgress     progress,
                                    gpointer                progress_data,
                                    GDestroyNotify          progress_destroy,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  alcove_vault_change_password_confirmed_async (self, username, new_password, kdf, NULL,
                                                progress, progress_data, progress_destroy,
                                                cancellable, callback, user_data);
}

/* Finishes both password changes */
gboolean
alcove_vault_change_password_finish (AlcoveVault   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* As alcove_vault_disable_user(), the copies off this thread: the same checks, errors,
 * files and audit row. Cancelled, or locked, before the commit, nothing changes and the
 * account stays enabled. */
void
alcove_vault_disable_user_async (AlcoveVault          *self,
                                 const char           *username,
                                 AlcoveRekeyProgress   progress,
                                 gpointer              progress_data,
                                 GDestroyNotify        progress_destroy,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ChangeJob *job;

  g_return_if_fail (ALCOVE_IS_VAULT (self));
  g_return_if_fail (username != NULL);

  task = new_change_task (self, progress, progress_data, progress_destroy, cancellable,
                          callback, user_data, alcove_vault_disable_user_async);
  job = g_task_get_task_data (task);
  if (g_task_return_error_if_cancelled (task))
    return;
  job->change = alcove_vault_begin_disable_user (self, username, &error);
  if (job->change == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  run_change (task);
}

gboolean
alcove_vault_disable_user_finish (AlcoveVault   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
