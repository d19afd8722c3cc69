/* alcove-backup-async.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-backup-async"

#include "config.h"

#include <string.h>

#include "alcove-backup-async.h"

/* Each call copies what it is given, so nothing the caller holds is touched off its
 * thread; none of them opens the caller's vault. */

/* ---- verify ---- */

static void
verify_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  AlcoveBackupInfo *info = alcove_backup_verify (task_data, NULL, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) alcove_backup_info_free);
}

void
alcove_backup_verify_async (const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_backup_verify_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, verify_thread);
}

AlcoveBackupInfo *
alcove_backup_verify_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- prune ---- */

typedef struct
{
  char  *vault_path;
  char  *folder;
  guint  keep_daily;
  guint  keep_monthly;
} PruneData;

static void
prune_data_free (PruneData *data)
{
  g_free (data->vault_path);
  g_free (data->folder);
  g_free (data);
}

static void
prune_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PruneData *data = task_data;
  g_autoptr(AlcoveVault) vault = alcove_vault_new (data->vault_path);
  GError *error = NULL;
  guint removed;

  if (!alcove_vault_load (vault, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  removed = alcove_backup_prune (vault, data->folder, data->keep_daily, data->keep_monthly,
                                 &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, removed);
}

void
alcove_backup_prune_async (AlcoveVault         *vault,
                           const char          *folder,
                           guint                keep_daily,
                           guint                keep_monthly,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PruneData *data;

  g_return_if_fail (ALCOVE_IS_VAULT (vault));
  g_return_if_fail (folder != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_backup_prune_async);
  data = g_new0 (PruneData, 1);
  data->vault_path = g_strdup (alcove_vault_get_path (vault));
  data->folder = g_strdup (folder);
  data->keep_daily = keep_daily;
  data->keep_monthly = keep_monthly;
  g_task_set_task_data (task, data, (GDestroyNotify) prune_data_free);
  g_task_run_in_thread (task, prune_thread);
}

gssize
alcove_backup_prune_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* ---- restore ---- */

typedef struct
{
  char                *path;
  char                *to_dir;
  char                *username;
  AlcoveSecret        *secret;
  gboolean             accept_older;
  AlcoveRestoreResult  result;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_free (data->path);
  g_free (data->to_dir);
  g_free (data->username);
  g_clear_pointer (&data->secret, alcove_secret_free);
  alcove_restore_result_clear (&data->result);
  g_free (data);
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreData *data = task_data;
  AlcoveRestoreCredentials credentials = { data->username, data->secret, data->accept_older };
  GError *error = NULL;

  if (!alcove_backup_restore (data->path, data->to_dir, &credentials, &data->result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
alcove_backup_restore_async (const char          *path,
                             const char          *to_dir,
                             const char          *username,
                             const AlcoveSecret  *secret,
                             gboolean             accept_older,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RestoreData *data;

  g_return_if_fail (path != NULL && to_dir != NULL && secret != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_backup_restore_async);
  data = g_new0 (RestoreData, 1);
  data->path = g_strdup (path);
  data->to_dir = g_strdup (to_dir);
  data->username = g_strdup (username);
  data->secret = alcove_secret_copy (secret);
  data->accept_older = accept_older;
  g_task_set_task_data (task, data, (GDestroyNotify) restore_data_free);
  g_task_run_in_thread (task, restore_thread);
}

gboolean
alcove_backup_restore_finish (GAsyncResult         *result,
                              AlcoveRestoreResult  *restored,
                              GError              **error)
{
  RestoreData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (restored != NULL)
    {
      *restored = data->result;
      memset (&data->result, 0, sizeof data->result);
    }
  return TRUE;
}
