/* alcove-bench-backup.c — backing up, checking and restoring the whole practice, beside a
 * plain copy of the same files on the same disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-bench"

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "alcove-backup.h"
#include "alcove-bench.h"

#define MIB (1024.0 * 1024.0)

/* What `cp` does with the vault's files: read each, write it whole, and sync it, as a
 * backup does before it is called written. Returns the bytes copied. */
static double
copy_vault (const char *vault_dir,
            const char *copy_dir)
{
  g_autoptr(GDir) listing = g_dir_open (vault_dir, 0, NULL);
  const char *name;
  double bytes = 0;

  g_mkdir_with_parents (copy_dir, 0700);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *from = g_build_filename (vault_dir, name, NULL);
      g_autofree char *to = g_build_filename (copy_dir, name, NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) target = g_file_new_for_path (to);
      GStatBuf st;
      int fd;

      if (!g_file_test (from, G_FILE_TEST_IS_REGULAR) || g_stat (from, &st) != 0)
        continue;
      check (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL), NULL,
             "copy a store");
      fd = g_open (to, O_RDONLY, 0);
      check (fd >= 0 && fsync (fd) == 0, NULL, "sync a copy");
      g_close (fd, NULL);
      bytes += st.st_size;
    }
  return bytes;
}

/* Signed in with the recovery key, which holds every store, so the backup holds them all
 * as snapshots and none is copied as it lies */
void
alcove_bench_backup (AlcoveVault        *vault,
                     const char         *vault_dir,
                     const AlcoveSecret *recovery_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_path_get_dirname (vault_dir);
  g_autofree char *copy_dir = g_build_filename (parent, "cp-copy", NULL);
  g_autofree char *path = g_build_filename (parent, "bench" ALCOVE_BACKUP_SUFFIX, NULL);
  g_autofree char *restored = g_build_filename (parent, "restored", NULL);
  g_autoptr(AlcoveBackupInfo) info = NULL;
  g_autoptr(AlcoveBackupInfo) checked = NULL;
  g_auto(AlcoveRestoreResult) result = { 0 };
  AlcoveRestoreCredentials credentials = { NULL, recovery_code, TRUE };
  double start, bytes, cp_ms, backup_ms, verify_ms, restore_ms;

  start = now_ms ();
  bytes = copy_vault (vault_dir, copy_dir);
  cp_ms = now_ms () - start;
  remove_tree (copy_dir);

  check (alcove_vault_unlock_with_recovery_key (vault, recovery_code, &error), error,
         "recovery key");
  start = now_ms ();
  info = alcove_backup_create (vault, path, NULL, NULL, NULL, &error);
  check (info != NULL, error, "backup");
  backup_ms = now_ms () - start;
  alcove_vault_lock (vault);

  start = now_ms ();
  checked = alcove_backup_verify (path, NULL, &error);
  check (checked != NULL, error, "verify the backup");
  verify_ms = now_ms () - start;

  start = now_ms ();
  check (alcove_backup_restore (path, restored, &credentials, &result, &error), error,
         "restore");
  restore_ms = now_ms () - start;

  record ("backup_vault_mib", "Backup: the vault's files", "MiB", bytes / MIB);
  record ("backup_cp_mib_per_s", "  cp of the same files (read, write, sync)", "MiB/s",
          bytes / MIB / MAX (cp_ms / 1000.0, 1e-6));
  record ("backup_mib_per_s", "  back up (copy each store, write, sync, read back, check)", "MiB/s",
          bytes / MIB / MAX (backup_ms / 1000.0, 1e-6));
  record ("backup_vs_cp", "  back up against cp (target >= 0.7)", "ratio", cp_ms / backup_ms);
  record ("backup_verify_mib_per_s", "  verify a backup (alcovectl backup verify)", "MiB/s",
          bytes / MIB / MAX (verify_ms / 1000.0, 1e-6));
  record ("backup_restore_s", "  restore into a new folder (check, write, open, verify)", "s",
          restore_ms / 1000.0);
  record ("backup_size_mib", "  size of the backup file", "MiB", info->size / MIB);
  g_unlink (path);
  remove_tree (restored);
}
