/* alcove-gui-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-application.h"
#include "alcove-window.h"

G_BEGIN_DECLS

/* Writes the widget as it looks now to <build>/tests/screenshots/<name>.png */
void        alcove_test_save_screenshot  (GtkWidget  *widget,
                                          const char *name);
/* The same in the light and the dark style: <name>-light.png and <name>-dark.png */
void        alcove_test_save_screenshots (GtkWidget  *widget,
                                          const char *name);
/* Runs the main loop until condition returns TRUE or timeout_ms passes; returns the result */
gboolean    alcove_test_wait_until       (gboolean  (*condition) (gpointer),
                                          gpointer    data,
                                          guint       timeout_ms);
/* Lets GTK lay out and draw: iterates the main loop for about ms milliseconds */
void        alcove_test_run_for          (guint       ms);
/* Depth-first search of the widget tree */
GtkWidget  *alcove_test_find_widget      (GtkWidget  *root,
                                          GType       type,
                                          const char *name_or_null);
/* The same, or the test fails there, naming what was missing */
GtkWidget  *alcove_test_get_widget       (gpointer    root,
                                          GType       type,
                                          const char *name_or_null);
/* Answers as a click on the response's button does: the response, then the dialog closed
 * (adw_message_dialog_response() alone leaves it open, and a focused entry row destroyed
 * later with its parent crashes libadwaita 1.2) */
void        alcove_test_respond          (AdwMessageDialog *dialog,
                                          const char       *response);
/* The message dialog up with this heading, after letting it appear; NULL if none */
AdwMessageDialog *alcove_test_find_message_dialog (const char *heading);
gboolean    alcove_test_tree_has_text    (GtkWidget  *root,
                                          const char *text);
/* alcove_test_find_widget, and a test error if there is none */
GtkWidget  *alcove_test_find             (GtkWidget  *root,
                                          GType       type,
                                          const char *name_or_null);
/* Types into the editable named `name` */
void        alcove_test_set_text         (GtkWidget  *root,
                                          const char *name,
                                          const char *text);
void        alcove_test_set_dark         (gboolean    dark);

typedef void (*AlcoveTestScenario) (AlcoveApplication *app,
                                    AlcoveWindow      *window);

/* Runs the real application on vault_dir (width, height: the window's size, 0 to keep the
 * default) and calls scenario once its window is up; quits after it */
void        alcove_test_run_app          (const char         *vault_dir,
                                          int                 width,
                                          int                 height,
                                          AlcoveTestScenario  scenario);
/* Unlocks the application's vault as a user and waits past the page crossfade */
void        alcove_test_unlock_app       (AlcoveApplication  *app,
                                          const char         *username,
                                          const char         *password);
/* Locks it as Ctrl+L does, and waits until it is */
void        alcove_test_lock_app         (AlcoveApplication  *app);
/* The signed-in session of the application's main window: the stores its views listen to */
AlcoveWorkspace *alcove_test_app_workspace (AlcoveApplication *app);
/* The first toplevel window of that type, or NULL */
GtkWindow  *alcove_test_find_toplevel    (GType               type);
/* The first toplevel of that type once it is up and drawn, or a test error after 5 s */
GtkWindow  *alcove_test_wait_for_toplevel (GType              type);
/* Returns once no toplevel of that type is left, or a test error after 5 s */
void        alcove_test_wait_toplevel_gone (GType             type);
/* Preferences, opened as app.preferences does, on the page named `page` */
AdwPreferencesWindow *alcove_test_open_preferences (AlcoveApplication *app,
                                                    const char        *page);

G_END_DECLS
