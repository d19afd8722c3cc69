/* alcove-lock-manager.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_LOCK_REASON_USER,         /* Ctrl+L, the lock button */
  ALCOVE_LOCK_REASON_LOG_OUT,
  ALCOVE_LOCK_REASON_IDLE,
  ALCOVE_LOCK_REASON_SCREENSAVER,
  ALCOVE_LOCK_REASON_SUSPEND,
  ALCOVE_LOCK_REASON_CLOSE,
} AlcoveLockReason;

/* Saves whatever the user typed; runs on the main thread before the vault closes. A saver
 * that fails keeps the lock from being skipped — security comes first — so it must have
 * saved what it could; the failure is reported through the "draft-save-failed" signal. */
typedef gboolean (*AlcoveDraftSaver) (gpointer   user_data,
                                      GError   **error);

/* How to open a window again after an unlock: an action of the main page and its target */
typedef struct
{
  char     *action;
  GVariant *target;
} AlcoveReopen;

#define ALCOVE_TYPE_LOCK_MANAGER (alcove_lock_manager_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveLockManager, alcove_lock_manager, ALCOVE, LOCK_MANAGER, GObject)

AlcoveLockManager *alcove_lock_manager_new               (GtkApplication    *application,
                                                          AlcoveVault       *vault,
                                                          GSettings         *settings);
/* The window that shows the login page after a lock; every other one is closed */
void               alcove_lock_manager_set_main_window   (AlcoveLockManager *self,
                                                          GtkWindow         *window);
void               alcove_lock_manager_lock              (AlcoveLockManager *self,
                                                          AlcoveLockReason   reason);
guint              alcove_lock_manager_add_draft_saver   (AlcoveLockManager *self,
                                                          AlcoveDraftSaver   saver,
                                                          gpointer           user_data,
                                                          GDestroyNotify     destroy);
void               alcove_lock_manager_remove_draft_saver (AlcoveLockManager *self,
                                                          guint              id);
void               alcove_lock_manager_note_activity     (AlcoveLockManager *self);
void               alcove_lock_manager_set_reopen_action (GtkWindow         *window,
                                                          const char        *action,
                                                          GVariant          *target);
GPtrArray         *alcove_lock_manager_take_reopen       (AlcoveLockManager *self);
gboolean           alcove_lock_manager_hold_windows      (AlcoveLockManager *self,
                                                          GtkWindow         *keep,
                                                          GError           **error);
GPtrArray         *alcove_lock_manager_release_windows   (AlcoveLockManager *self);
/* For tests: the inactivity timeout in milliseconds, overriding auto-lock-minutes */
void               alcove_lock_manager_set_idle_timeout_ms (AlcoveLockManager *self,
                                                            guint              timeout_ms);

G_END_DECLS
