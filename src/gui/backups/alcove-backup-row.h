/* alcove-backup-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-backup-scheduler.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_BACKUP_ROW (alcove_backup_row_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveBackupRow, alcove_backup_row, ALCOVE, BACKUP_ROW, AdwActionRow)

/* The last verified backup, a warning when there is none lately or the folder is missing,
 * the progress of one under way with Cancel, and Back Up Now (a file chooser) */
AlcoveBackupRow *alcove_backup_row_new (AlcoveBackupScheduler *scheduler,
                                        GSettings             *settings);
/* What Back Up Now does once a place is chosen: a folder, or a new file's path. This row
 * then shows how it went. */
gboolean         alcove_backup_row_back_up_to (AlcoveBackupRow       *self,
                                               const char            *target,
                                               GError               **error);

G_END_DECLS
