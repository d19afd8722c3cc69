/* alcove-vault-async.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include "alcove-password-quality.h"
#include "alcove-vault-private.h"

/* Unlocking, creating a vault and resetting a password with the recovery key, without
 * blocking the main thread. What takes long is Argon2 (about half a second per try, more
 * the first time, when it is calibrated), the keyring's D-Bus round trip and unwrapping
 * keys: none of it touches a database or the vault's state. That step runs on another
 * thread; everything before it (reading the header, finding the account) and after it
 * (every check, the connections, the audit rows) runs on the caller's thread, exactly as
 * the synchronous functions do it, so no SQLite connection is ever used by two threads and
 * failures, lock-outs and messages are the same. */

/* A locked vault, or one being created, has no session and so no session worker: one
 * process-wide worker with no connection derives and unwraps for every vault. One thread
 * is enough (a person opens one vault at a time), keeps two Argon2 runs of 64 MiB or more
 * from overlapping, and lives as long as the process. */
AlcoveWorker *
alcove_vault_key_worker (void)
{
  static gsize once = 0;
  static AlcoveWorker *worker;

  if (g_once_init_enter (&once))
    {
      worker = alcove_worker_new (NULL, NULL);
      g_once_init_leave (&once, 1);
    }
  return worker;
}

/* `job` on the key worker with the task's data, then `done` with the task on its context */
static void
run_on_key_worker (GTask               *task,
                   AlcoveWorkerJob      job,
                   GAsyncReadyCallback  done)
{
  g_autoptr(GTask) step = g_task_new (g_task_get_source_object (task),
                                      g_task_get_cancellable (task), done, g_object_ref (task));

  g_task_set_source_tag (step, g_task_get_source_tag (task));
  g_task_set_task_data (step, g_task_get_task_data (task), NULL);
  alcove_worker_run (alcove_vault_key_worker (), step, ALCOVE_WORKER_NONE, job);
}

/* The caller learns what happened: an unlock or a creation that completed is reported as
 * such even when the cancellable fired meanwhile, so that nothing is left open unknown */
static GTask *
new_task (AlcoveVault         *self,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

/* ---- unlocking, and the reset that starts with one ---- */

typedef struct
{
  AlcoveUnlockAttempt *attempt;

  /* a reset only */
  char                *username;
  AlcoveSecret        *password;
  AlcoveKdfParams      kdf;
  gboolean             has_kdf;
  gboolean             acceptable;   /* the new password passed the quality check */
  AlcoveSlotKey       *slot_key;     /* its slot's key, derived with the unlock */
} UnlockJob;

static void
unlock_job_free (UnlockJob *job)
{
  g_clear_pointer (&job->attempt, alcove_unlock_attempt_free);
  g_free (job->username);
  g_clear_pointer (&job->password, alcove_secret_free);
  g_clear_pointer (&job->slot_key, alcove_slot_key_free);
  g_free (job);
}

static void
open_attempt_job_cb (GTask          *task,
                     AlcoveDatabase *connection,
                     gpointer        task_data,
                     GCancellable   *cancellable)
{
  UnlockJob *job = task_data;

  alcove_unlock_attempt_open (job->attempt, cancellable);
  /* A KDF that fails here is tried again, and reported, where the reset makes the slot */
  if (job->acceptable && alcove_unlock_attempt_opened (job->attempt) &&
      !g_cancellable_is_cancelled (cancellable))
    job->slot_key = alcove_slot_key_derive (job->password, job->has_kdf ? &job->kdf : NULL,
                                            NULL);
  g_task_return_boolean (task, TRUE);
}

/* NULL once the task was answered */
static UnlockJob *
opened_job (GTask        *task,
            GAsyncResult *result)
{
  UnlockJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      alcove_unlock_attempt_abandon (job->attempt);
      g_task_return_error (task, error);
      return NULL;
    }
  return job;
}

static void
unlock_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlcoveVault *self = g_task_get_source_object (task);
  GError *error = NULL;
  UnlockJob *job = opened_job (task, result);

  if (job == NULL)
    return;
  if (!alcove_vault_complete_unlock (self, job->attempt, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* NULL once the task was answered */
static UnlockJob *
start_unlock (GTask               *task,
              AlcoveUnlockMethod   method,
              const char          *username,
              const AlcoveSecret  *secret)
{
  AlcoveVault *self = g_task_get_source_object (task);
  GError *error = NULL;
  UnlockJob *job;

  if (g_task_return_error_if_cancelled (task))
    return NULL;
  job = g_new0 (UnlockJob, 1);
  g_task_set_task_data (task, job, (GDestroyNotify) unlock_job_free);
  job->attempt = alcove_vault_prepare_unlock (self, method, username, secret, &error);
  if (job->attempt == NULL)
    {
      g_task_return_error (task, error);
      return NULL;
    }
  return job;
}

static void
unlock_async (AlcoveVault         *self,
              AlcoveUnlockMethod   method,
              const char          *username,
              const AlcoveSecret  *secret,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr(GTask) task = new_task (self, cancellable, callback, user_data, source_tag);

  if (start_unlock (task, method, username, secret) != NULL)
    run_on_key_worker (task, open_attempt_job_cb, unlock_opened_cb);
}

/* As alcove_vault_unlock_with_password(), the KDF off this thread. Cancelled before it
 * completes, it returns G_IO_ERROR_CANCELLED and opens nothing; a wrong password tried by
 * then still counts as a failed attempt. */
void
alcove_vault_unlock_with_password_async (AlcoveVault         *self,
                                         const char          *username,
                                         const AlcoveSecret  *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (ALCOVE_IS_VAULT (self));
  g_return_if_fail (username != NULL && password != NULL);

  unlock_async (self, ALCOVE_UNLOCK_PASSWORD, username, password, cancellable, callback,
                user_data, alcove_vault_unlock_with_password_async);
}

/* As alcove_vault_unlock_with_keyring(), the keyring asked off this thread */
void
alcove_vault_unlock_with_keyring_async (AlcoveVault         *self,
                                        const char          *username,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (ALCOVE_IS_VAULT (self));
  g_return_if_fail (username != NULL);

  unlock_async (self, ALCOVE_UNLOCK_KEYRING, username, NULL, cancellable, callback, user_data,
                alcove_vault_unlock_with_keyring_async);
}

/* As alcove_vault_unlock_with_recovery_key(), the code read and checked off this thread */
void
alcove_vault_unlock_with_recovery_key_async (AlcoveVault         *self,
                                             const AlcoveSecret  *recovery_code,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (ALCOVE_IS_VAULT (self));
  g_return_if_fail (recovery_code != NULL);

  unlock_async (self, ALCOVE_UNLOCK_RECOVERY_KEY, NULL, recovery_code, cancellable, callback,
                user_data, alcove_vault_unlock_with_recovery_key_async);
}

/* Finishes any of the three unlocks */
gboolean
alcove_vault_unlock_finish (AlcoveVault   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A forgotten password: the recovery key opens a recovery session, the account gets a new
 * password (and a new user key, so its keyring slots go), and the vault is locked again,
 * whatever happened: the person then signs in with the new password. */
gboolean
alcove_vault_reset_password (AlcoveVault            *self,
                             const char             *username,
                             const AlcoveSecret     *recovery_code,
                             const AlcoveSecret     *new_password,
                             const AlcoveKdfParams  *kdf,
                             GError                **error)
{
  gboolean reset;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (username != NULL && recovery_code != NULL && new_password != NULL,
                        FALSE);

  reset = alcove_vault_unlock_with_recovery_key (self, recovery_code, error) &&
          alcove_vault_change_password (self, username, new_password, kdf, error);
  alcove_vault_lock (self);
  return reset;
}

static void
reset_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlcoveVault *self = g_task_get_source_object (task);
  GError *error = NULL;
  UnlockJob *job = opened_job (task, result);
  gboolean reset;

  if (job == NULL)
    return;
  reset = alcove_vault_complete_unlock (self, job->attempt, &error) &&
          alcove_vault_change_password_with_key (self, job->username, job->password,
                                                 job->has_kdf ? &job->kdf : NULL,
                                                 job->slot_key, &error);
  alcove_vault_lock (self);
  if (!reset)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* As alcove_vault_reset_password(): the recovery key and the new password's KDF off this
 * thread. Errors come in the same order: the recovery key's (ALCOVE_VAULT_ERROR_INVALID,
 * _AUTH_FAILED and the vault's own checks) before the new password's
 * (ALCOVE_VAULT_ERROR_WEAK_PASSWORD). Cancelled before it completes, nothing changes. */
void
alcove_vault_reset_password_async (AlcoveVault            *self,
                                   const char             *username,
                                   const AlcoveSecret     *recovery_code,
                                   const AlcoveSecret     *new_password,
                                   const AlcoveKdfParams  *kdf,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  UnlockJob *job;

  g_return_if_fail (ALCOVE_IS_VAULT (self));
  g_return_if_fail (username != NULL && recovery_code != NULL && new_password != NULL);

  task = new_task (self, cancellable, callback, user_data, alcove_vault_reset_password_async);
  job = start_unlock (task, ALCOVE_UNLOCK_RECOVERY_KEY, NULL, recovery_code);
  if (job == NULL)
    return;
  job->username = g_strdup (username);
  job->password = alcove_secret_copy (new_password);
  job->has_kdf = kdf != NULL;
  job->kdf = kdf ? *kdf : (AlcoveKdfParams) { 0 };
  /* Only worth a KDF if the password will be taken; the check is asked again, in its
   * place, when the reset completes (libpwquality stays on this thread) */
  job->acceptable = alcove_password_quality_check (new_password, username, NULL, NULL);
  run_on_key_worker (task, open_attempt_job_cb, reset_opened_cb);
}

gboolean
alcove_vault_reset_password_finish (AlcoveVault   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- creating ---- */

typedef struct
{
  char            *practice_name;
  char            *username;
  char            *full_name;
  AlcoveSecret    *password;
  AlcoveKdfParams  kdf;
  gboolean         has_kdf;
  AlcoveSecret    *recovery_key;
  AlcoveSlotKey   *slot_key;
  GError          *error;
  AlcoveSecret    *recovery_code;   /* the result */
} CreateJob;

static void
create_job_free (CreateJob *job)
{
  g_free (job->practice_name);
  g_free (job->username);
  g_free (job->full_name);
  g_clear_pointer (&job->password, alcove_secret_free);
  g_clear_pointer (&job->recovery_key, alcove_secret_free);
  g_clear_pointer (&job->slot_key, alcove_slot_key_free);
  g_clear_error (&job->error);
  g_clear_pointer (&job->recovery_code, alcove_secret_free);
  g_free (job);
}

static CreateJob *
create_job_new (const AlcoveVaultSetup *setup)
{
  CreateJob *job = g_new0 (CreateJob, 1);

  job->practice_name = g_strdup (setup->practice_name);
  job->username = g_strdup (setup->username);
  job->full_name = g_strdup (setup->full_name);
  job->password = alcove_secret_copy (setup->password);
  job->has_kdf = setup->kdf != NULL;
  job->kdf = setup->kdf ? *setup->kdf : (AlcoveKdfParams) { 0 };
  job->recovery_key = setup->recovery_key ? alcove_secret_copy (setup->recovery_key) : NULL;
  return job;
}

static void
derive_slot_key_job_cb (GTask          *task,
                        AlcoveDatabase *connection,
                        gpointer        task_data,
                        GCancellable   *cancellable)
{
  CreateJob *job = task_data;

  job->slot_key = alcove_slot_key_derive (job->password, job->has_kdf ? &job->kdf : NULL,
                                          &job->error);
  g_task_return_boolean (task, TRUE);
}

static void
slot_key_derived_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlcoveVault *self = g_task_get_source_object (task);
  CreateJob *job = g_task_get_task_data (task);
  AlcoveVaultSetup setup = { job->practice_name, job->username, job->full_name, job->password,
                             job->has_kdf ? &job->kdf : NULL, job->recovery_key };
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else if (job->slot_key == NULL)
    g_task_return_error (task, g_steal_pointer (&job->error));
  else if (!alcove_vault_create_with_key (self, &setup, job->slot_key, &job->recovery_code,
                                          &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* As alcove_vault_create(), the owner's KDF (and its calibration) off this thread. What is
 * wrong with `setup` or the folder is reported at once; cancelled before it completes,
 * nothing is written. */
void
alcove_vault_create_async (AlcoveVault             *self,
                           const AlcoveVaultSetup  *setup,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (ALCOVE_IS_VAULT (self));
  g_return_if_fail (setup != NULL);

  task = new_task (self, cancellable, callback, user_data, alcove_vault_create_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!alcove_vault_check_setup (self, setup, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, create_job_new (setup), (GDestroyNotify) create_job_free);
  run_on_key_worker (task, derive_slot_key_job_cb, slot_key_derived_cb);
}

/* `recovery_code`: the new vault's, to show once */
gboolean
alcove_vault_create_finish (AlcoveVault    *self,
                            GAsyncResult   *result,
                            AlcoveSecret  **recovery_code,
                            GError        **error)
{
  CreateJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (recovery_code != NULL, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  *recovery_code = g_steal_pointer (&job->recovery_code);
  return TRUE;
}

/* ---- checking the signed-in person's password ---- */

static void
try_password_job_cb (GTask          *task,
                     AlcoveDatabase *connection,
                     gpointer        task_data,
                     GCancellable   *cancellable)
{
  alcove_password_try_run (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
password_tried_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlcoveVault *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !alcove_vault_check_password_tried (self, NULL, g_task_get_task_data (task), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* As alcove_vault_check_password(), the KDF off this thread: before replacing the recovery
 * key or the password, without freezing the window for half a second */
void
alcove_vault_check_password_async (AlcoveVault         *self,
                                   const AlcoveSecret  *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AlcoveHeaderUser *user;
  GError *error = NULL;

  g_return_if_fail (ALCOVE_IS_VAULT (self));
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_vault_check_password_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  user = alcove_vault_get_locked (self) ? NULL : alcove_vault_current_header_user (self);
  /* locked, or a recovery session (no password of its own): answered as it would be here */
  if (user == NULL)
    {
      alcove_vault_check_password_tried (self, password, NULL, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, alcove_vault_prepare_password_try (self, user, password),
                        (GDestroyNotify) alcove_password_try_free);
  run_on_key_worker (task, try_password_job_cb, password_tried_cb);
}

gboolean
alcove_vault_check_password_finish (AlcoveVault   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
