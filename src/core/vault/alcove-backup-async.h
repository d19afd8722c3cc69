/* alcove-backup-async.h — the backup calls that read whole files, off the caller's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-backup.h"
#include "alcove-secret.h"

G_BEGIN_DECLS

/* alcove_backup_verify (path, NULL): structure, sizes, SHA-256 and the maker's signature */
void              alcove_backup_verify_async   (const char           *path,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
AlcoveBackupInfo *alcove_backup_verify_finish  (GAsyncResult         *result,
                                                GError              **error);

/* alcove_backup_prune of `vault`'s backups in `folder`; the vault's header is read again
 * on the thread, so a lock meanwhile changes nothing. Returns the number removed, -1 on
 * error. */
void              alcove_backup_prune_async    (AlcoveVault          *vault,
                                                const char           *folder,
                                                guint                 keep_daily,
                                                guint                 keep_monthly,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gssize            alcove_backup_prune_finish   (GAsyncResult         *result,
                                                GError              **error);

/* alcove_backup_restore on a thread (Argon2 and the whole file). `username` NULL: `secret`
 * is the recovery key. The secret is copied. On success fills `result`. */
void              alcove_backup_restore_async  (const char           *path,
                                                const char           *to_dir,
                                                const char           *username,
                                                const AlcoveSecret   *secret,
                                                gboolean              accept_older,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean          alcove_backup_restore_finish (GAsyncResult         *result,
                                                AlcoveRestoreResult  *restored,
                                                GError              **error);

G_END_DECLS
