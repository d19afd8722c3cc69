/* alcove-backup-scheduler.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_BACKUP_SCHEDULER (alcove_backup_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveBackupScheduler, alcove_backup_scheduler, ALCOVE, BACKUP_SCHEDULER,
                      GObject)

AlcoveBackupScheduler *alcove_backup_scheduler_new        (AlcoveVault           *vault,
                                                           GSettings             *settings);
/* Backs up now to `target`: a folder (the file is named there) or a new file's path.
 * FALSE with an error when one is under way or the vault is locked; the outcome comes
 * with "finished". */
gboolean    alcove_backup_scheduler_back_up            (AlcoveBackupScheduler *self,
                                                        const char            *target,
                                                        GError               **error);
/* A name for a backup made now */
char       *alcove_backup_scheduler_suggest_name       (AlcoveBackupScheduler *self);
void        alcove_backup_scheduler_cancel             (AlcoveBackupScheduler *self);
/* Makes an automatic backup if one is due, and sets the timer for the next */
void        alcove_backup_scheduler_check              (AlcoveBackupScheduler *self);
gboolean    alcove_backup_scheduler_get_busy           (AlcoveBackupScheduler *self);
double      alcove_backup_scheduler_get_fraction       (AlcoveBackupScheduler *self);
gint64      alcove_backup_scheduler_get_last_backup_ms (AlcoveBackupScheduler *self);
/* Why automatic backups are not being made now (the folder is missing), or NULL */
const char *alcove_backup_scheduler_get_problem        (AlcoveBackupScheduler *self);
/* When the last verified backup was made, or "Never backed up"; stale when there is none
 * within the checklist's interval */
char       *alcove_backup_scheduler_describe_last      (AlcoveBackupScheduler *self,
                                                        gboolean              *stale);

G_END_DECLS
