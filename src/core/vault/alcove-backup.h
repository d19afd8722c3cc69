/* alcove-backup.h — one file that holds a consistent copy of the whole vault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_BACKUP_SUFFIX ".alcove-backup"

/* One file inside a backup; `store_id` is NULL for vault.keys and vault.restored */
typedef struct
{
  char    *name;
  guint64  size;
  char    *sha256;
  char    *store_id;
  gint64   counter;   /* the store's commit counter when copied; -1 when not read */
} AlcoveBackupFile;

/* What a backup's manifest says, once its contents and its signature checked out */
typedef struct
{
  char      *path;
  char      *vault_uuid;
  char      *practice_name;
  gint64     generation;     /* of the vault.keys it holds */
  gint64     created_ms;
  char      *made_by;        /* a user's uuid, or "recovery" */
  char      *made_by_name;   /* their username (no PHI), or "" */
  GPtrArray *files;          /* AlcoveBackupFile */
  GPtrArray *omitted;        /* char *: "<file>: <why>", stores that could not be copied */
  guint64    size;           /* of the backup file */
  char      *sha256;         /* of the backup file */
  gboolean   mac_checked;    /* the practice key's MAC was checked too (a vault was given) */
} AlcoveBackupInfo;

void              alcove_backup_info_free   (AlcoveBackupInfo  *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveBackupInfo, alcove_backup_info_free)

/* Called from the worker thread as the backup goes: `done` of `total` bytes */
typedef void (*AlcoveBackupProgress) (guint64 done, guint64 total, gpointer user_data);

/* A backup of `vault` (unlocked) written to `path`, which must not exist yet: written
 * beside it under a temporary name, read back and checked, then renamed, so a file with
 * that name is always a whole backup. Stores the signed-in person cannot open are copied
 * as they are on disk when no session has them open, and listed as omitted otherwise.
 * Audited as backup.create. */
AlcoveBackupInfo *alcove_backup_create        (AlcoveVault          *vault,
                                               const char           *path,
                                               AlcoveBackupProgress  progress,
                                               gpointer              progress_data,
                                               GCancellable         *cancellable,
                                               GError              **error);
void              alcove_backup_create_async  (AlcoveVault          *vault,
                                               const char           *path,
                                               AlcoveBackupProgress  progress,
                                               gpointer              progress_data,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
AlcoveBackupInfo *alcove_backup_create_finish (AlcoveVault          *vault,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Reads the whole backup and checks its structure, every file's size and SHA-256, and the
 * maker's signature against the accounts of the vault.keys it holds. With `vault` (the
 * same practice, unlocked) also the MAC under its practice key. Writes nothing. */
AlcoveBackupInfo *alcove_backup_verify        (const char           *path,
                                               AlcoveVault          *vault,
                                               GError              **error);

/* Every backup in `folder` (not recursing), newest first: AlcoveBackupListing. Each is
 * checked as alcove_backup_verify does, except the SHA-256 of its stores, which would mean
 * reading them all: a damaged store shows when that backup is verified or restored. */
typedef struct
{
  char             *path;
  AlcoveBackupInfo *info;    /* NULL when it did not verify */
  char             *problem; /* why not */
} AlcoveBackupListing;

void              alcove_backup_listing_free  (AlcoveBackupListing *listing);
GPtrArray        *alcove_backup_list          (const char           *folder,
                                               GError              **error);

/* A name for a new backup of `vault` made at `now_ms`, e.g.
 * "alcove-1a2b3c4d-2026-12-07-091500.alcove-backup" */
char             *alcove_backup_file_name     (AlcoveVault          *vault,
                                               gint64                now_ms);

/* Removes this vault's backups in `folder` beyond the newest of each of the last
 * `keep_daily` days and `keep_monthly` months; never the newest verified one. Returns
 * the number removed. */
guint             alcove_backup_prune         (AlcoveVault          *vault,
                                               const char           *folder,
                                               guint                 keep_daily,
                                               guint                 keep_monthly,
                                               GError              **error);

/* Which of the backups made at `created_ms` (newest first) the pruning keeps: the newest,
 * and the newest of each of the latest `keep_daily` days and `keep_monthly` months. An
 * array of `n` booleans, to free. */
gboolean         *alcove_backup_choose_kept   (const gint64         *created_ms,
                                               guint                 n,
                                               guint                 keep_daily,
                                               guint                 keep_monthly);

/* When the last backup that was verified after writing was made, from the audit log;
 * 0 when none */
gint64            alcove_backup_last_verified_ms (AlcoveVault       *vault);

/* Who restores: a person in the backup with the password they had then, or the recovery
 * key (`username` NULL, `secret` the typed code) */
typedef struct
{
  const char         *username;
  const AlcoveSecret *secret;
  gboolean            accept_older;  /* this computer saw newer records: restore anyway */
} AlcoveRestoreCredentials;

typedef struct
{
  AlcoveBackupInfo *info;
  GStrv             disable_again;   /* usernames disabled after the backup was made */
} AlcoveRestoreResult;

void     alcove_restore_result_clear  (AlcoveRestoreResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AlcoveRestoreResult, alcove_restore_result_clear)

/* Restores the backup into `to_dir`, a new or empty folder, never over a vault: checked
 * whole first, written beside it under a temporary name, opened with the credentials and
 * verified, recorded as a restore (vault.restored, the audit log), then renamed into
 * place. When this computer has seen newer records of the practice it fails with
 * ALCOVE_VAULT_ERROR_RESTORED unless `accept_older`. */
gboolean alcove_backup_restore        (const char                     *path,
                                       const char                     *to_dir,
                                       const AlcoveRestoreCredentials *credentials,
                                       AlcoveRestoreResult            *result,
                                       GError                        **error);
/* Puts back one damaged store of the vault in `vault_dir` from the backup, keeping the
 * damaged file beside it as <file>.damaged-<time>; the vault must use the same keys for it
 * as the backup does. Checked by opening the vault with the credentials; on failure the
 * damaged file is put back as it was. */
gboolean alcove_backup_restore_store  (const char                     *path,
                                       const char                     *vault_dir,
                                       const char                     *file,
                                       const AlcoveRestoreCredentials *credentials,
                                       AlcoveRestoreResult            *result,
                                       GError                        **error);

G_END_DECLS
