/* alcove-backup-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-backup-scheduler.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_BACKUP_PAGE (alcove_backup_page_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveBackupPage, alcove_backup_page, ALCOVE, BACKUP_PAGE,
                      AdwPreferencesPage)

AlcoveBackupPage *alcove_backup_page_new        (AlcoveBackupScheduler *scheduler,
                                                 GSettings             *settings);
/* What "Back Up Now…" does once a place is chosen: a folder or a new file's path */
gboolean          alcove_backup_page_back_up_to (AlcoveBackupPage      *self,
                                                 const char            *target,
                                                 GError               **error);
/* What "Choose…" does once a folder is chosen */
void              alcove_backup_page_set_folder (AlcoveBackupPage      *self,
                                                 const char            *folder);

G_END_DECLS
