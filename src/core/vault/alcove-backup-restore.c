/* alcove-backup-restore.c — putting a backup back: a whole vault into a new folder, or one
 * damaged store into the vault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "alcove-backup-private.h"
#include "alcove-date.h"
#include "alcove-error.h"
#include "alcove-vault-private.h"

void
alcove_restore_result_clear (AlcoveRestoreResult *result)
{
  g_clear_pointer (&result->info, alcove_backup_info_free);
  g_clear_pointer (&result->disable_again, g_strfreev);
}

/* The messages of a refused unlock, said for a restore */
static gboolean
explain_unlock_failure (GError                  *unlock_error,
                        const AlcoveBackupInfo  *info,
                        GError                 **error)
{
  g_autofree char *made = alcove_date_format_time (info->created_ms);

  if (g_error_matches (unlock_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_ROLLBACK) ||
      g_error_matches (unlock_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_RESTORED))
    g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_RESTORED,
                 _("This computer has already seen newer records of “%s” than this backup "
                   "holds: whatever was written after %s is not in it, and once it is "
                   "restored, the vault in its old folder no longer opens on this computer. "
                   "Confirm to restore it anyway."), info->practice_name, made);
  else if (g_error_matches (unlock_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED))
    g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                 _("That password or recovery key does not open this backup. Use the password "
                   "the person had on %s, when the backup was made, or the practice’s "
                   "recovery key."), made);
  else
    g_propagate_prefixed_error (error, g_error_copy (unlock_error),
                                _("The restored vault did not open: "));
  return FALSE;
}

static gboolean
unlock_restored (AlcoveVault                    *vault,
                 const AlcoveRestoreCredentials *credentials,
                 const AlcoveBackupInfo         *info,
                 GError                        **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  alcove_vault_set_restoring (vault, credentials->accept_older);
  if (credentials->username != NULL)
    ok = alcove_vault_unlock_with_password (vault, credentials->username, credentials->secret,
                                            &local_error);
  else
    ok = alcove_vault_unlock_with_recovery_key (vault, credentials->secret, &local_error);
  return ok || explain_unlock_failure (local_error, info, error);
}

/* Opens the files put in place, checks every store and the audit log, and records the
 * restore; locks again */
static gboolean
open_and_record (const char                     *vault_dir,
                 const AlcoveRestoreCredentials *credentials,
                 AlcoveRestoreResult            *result,
                 GError                        **error)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (vault_dir);
  AlcoveVerifyReport report = { 0 };
  gboolean ok;

  ok = alcove_vault_load (vault, error) &&
       unlock_restored (vault, credentials, result->info, error) &&
       alcove_vault_verify (vault, &report, error) &&
       alcove_vault_mark_restored (vault, result->info->created_ms, result->info->generation,
                                   error);
  if (ok)
    result->disable_again = g_strdupv (alcove_vault_get_disabled_since_restore (vault));
  alcove_vault_lock (vault);
  return ok;
}

static gboolean
check_target (const char  *to_dir,
              GError     **error)
{
  g_autoptr(GDir) dir = NULL;

  if (!g_file_test (to_dir, G_FILE_TEST_EXISTS))
    return TRUE;
  dir = g_dir_open (to_dir, 0, NULL);
  if (dir == NULL || g_dir_read_name (dir) != NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS,
                   _("%s is not an empty folder. Alcove restores only into a new or empty "
                     "folder, so that no vault is written over; choose another."), to_dir);
      return FALSE;
    }
  return TRUE;
}

static gboolean
move_into_place (const char  *staging,
                 const char  *to_dir,
                 GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (to_dir);

  /* an empty folder the person chose is replaced; anything else was refused before */
  g_rmdir (to_dir);
  if (g_rename (staging, to_dir) != 0)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not move the restored vault to %s: %s"), to_dir, g_strerror (errno));
      return FALSE;
    }
  alcove_backup_sync_folder (parent);
  return TRUE;
}

gboolean
alcove_backup_restore (const char                      *path,
                       const char                      *to_dir,
                       const AlcoveRestoreCredentials  *credentials,
                       AlcoveRestoreResult             *result,
                       GError                         **error)
{
  g_auto(AlcoveBackupContents) contents = { 0 };
  g_autofree char *staging = NULL;
  gboolean ok;

  g_return_val_if_fail (credentials != NULL && credentials->secret != NULL, FALSE);

  if (!check_target (to_dir, error) || (staging = alcove_vault_make_staging (to_dir, "restoring", error)) == NULL)
    return FALSE;
  ok = alcove_backup_read (path, staging, NULL, &contents, error);
  if (ok)
    {
      alcove_backup_sync_folder (staging);
      result->info = g_steal_pointer (&contents.info);
      ok = open_and_record (staging, credentials, result, error) &&
           move_into_place (staging, to_dir, error);
    }
  if (!ok)
    alcove_vault_remove_staging (staging);
  return ok;
}

/* ---- one store ---- */

static const AlcoveBackupFile *
find_store (const AlcoveBackupInfo *info,
            const char             *file)
{
  for (guint i = 0; i < info->files->len; i++)
    {
      const AlcoveBackupFile *entry = g_ptr_array_index (info->files, i);

      if (entry->store_id != NULL && g_str_equal (entry->name, file))
        return entry;
    }
  return NULL;
}

/* The backup must be of this vault, and hold the store under the name (so the keys) the
 * vault uses for it now */
static gboolean
check_store_matches (const AlcoveBackupInfo  *info,
                     const char              *vault_dir,
                     const char              *file,
                     GError                 **error)
{
  g_autoptr(AlcoveHeader) header = alcove_header_load (vault_dir, error);
  const AlcoveBackupFile *entry = find_store (info, file);
  AlcoveHeaderDatabase *live = NULL;

  if (header == NULL)
    return FALSE;
  if (g_strcmp0 (header->vault_uuid, info->vault_uuid) != 0)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("This is a backup of another practice (“%s”); nothing was "
                                 "changed."), info->practice_name);
  if (entry != NULL)
    live = alcove_header_find_database (header, entry->store_id);
  if (entry == NULL || live == NULL || g_strcmp0 (live->file, file) != 0)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                               _("This backup does not hold %s under the keys the vault uses "
                                 "now (they were changed after it was made). Nothing was "
                                 "changed; restore the whole backup into a new folder "
                                 "instead."), file);
  return TRUE;
}

static gboolean
swap_file (const char  *from,
           const char  *to,
           GError     **error)
{
  if (g_rename (from, to) == 0)
    return TRUE;
  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
               _("Could not move %s: %s"), from, g_strerror (errno));
  return FALSE;
}

/* The damaged store and its write-ahead files step aside as evidence */
static gboolean
set_damaged_aside (const char  *store_path,
                   const char  *aside,
                   GError     **error)
{
  const char *suffixes[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (store_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && !swap_file (from, to, error))
        return FALSE;
    }
  return !g_file_test (store_path, G_FILE_TEST_EXISTS) || swap_file (store_path, aside, error);
}

static void
put_damaged_back (const char *store_path,
                  const char *aside)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_unlink (store_path);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (aside, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (store_path, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
}

gboolean
alcove_backup_restore_store (const char                      *path,
                             const char                      *vault_dir,
                             const char                      *file,
                             const AlcoveRestoreCredentials  *credentials,
                             AlcoveRestoreResult             *result,
                             GError                         **error)
{
  g_auto(AlcoveBackupContents) contents = { 0 };
  g_autofree char *template = g_build_filename (vault_dir, ".restore-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (vault_dir, file, NULL);
  g_autofree char *extracted = NULL;
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%" G_GINT64_FORMAT, store_path,
                                            g_get_real_time () / G_USEC_PER_SEC);
  AlcoveRestoreCredentials accepted = *credentials;
  gboolean ok;

  g_return_val_if_fail (credentials != NULL && credentials->secret != NULL, FALSE);

  if (!alcove_backup_name_is_valid (file) || !g_str_has_suffix (file, ".db"))
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("%s is not the name of a store"), file);
  if (g_mkdtemp_full (template, 0700) == NULL)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_IO, _("Could not make a folder in %s: %s"),
                               vault_dir, g_strerror (errno));
  extracted = g_build_filename (template, file, NULL);
  ok = alcove_backup_read (path, template, file, &contents, error) &&
       check_store_matches (contents.info, vault_dir, file, error) &&
       set_damaged_aside (store_path, aside, error);
  if (ok)
    {
      result->info = g_steal_pointer (&contents.info);
      /* the store is older than the rest by design: that is what is being confirmed */
      accepted.accept_older = TRUE;
      ok = swap_file (extracted, store_path, error) &&
           open_and_record (vault_dir, &accepted, result, error);
      if (!ok)
        put_damaged_back (store_path, aside);
    }
  alcove_vault_remove_staging (template);
  return ok;
}
