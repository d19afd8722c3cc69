/* alcove-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-format-store.h"
#include "alcove-backup-scheduler.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_PREFERENCES_WINDOW (alcove_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePreferencesWindow, alcove_preferences_window, ALCOVE,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

AlcovePreferencesWindow *alcove_preferences_window_new (GtkWindow             *parent,
                                                        AlcoveVault           *vault,
                                                        GSettings             *settings,
                                                        AlcoveFormatStore     *formats,
                                                        AlcoveBackupScheduler *backups);

G_END_DECLS
