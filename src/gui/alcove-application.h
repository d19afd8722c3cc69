/* alcove-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-backup-scheduler.h"
#include "alcove-lock-manager.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_APPLICATION (alcove_application_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveApplication, alcove_application, ALCOVE, APPLICATION, AdwApplication)

AlcoveApplication *alcove_application_new              (void);
char              *alcove_application_dup_vault_path   (AlcoveApplication *self);
AlcoveVault       *alcove_application_get_vault        (AlcoveApplication *self);
GSettings         *alcove_application_get_settings     (AlcoveApplication *self);
AlcoveLockManager *alcove_application_get_lock_manager (AlcoveApplication *self);
AlcoveBackupScheduler *alcove_application_get_backups (AlcoveApplication *self);

G_END_DECLS
