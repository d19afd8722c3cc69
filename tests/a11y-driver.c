/* a11y-driver.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application taken through the states a person meets, one at a
 * time, for an assistive technology client (tests/a11y-walk.py) to read over AT-SPI
 *
 * Protocol, on stdout and stdin: the driver prints "STATE <name>" once a state is up and
 * drawn, then runs the main loop (so AT-SPI requests are answered) until a line arrives on
 * stdin. "PASSWORD <text>" says what was typed into the password fields, so the walker can
 * look for it everywhere. Other lines on stdout (TAP) are not for the walker.
 */
#define G_LOG_DOMAIN "a11y-driver"

#include "config.h"

#include <stdio.h>
#include <gio/gunixinputstream.h>

#include "alcove-application.h"
#include "alcove-client-editor.h"
#include "alcove-consent-editor.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-note-window.h"
#include "alcove-preferences-window.h"
#include "alcove-setup-page.h"
#include "alcove-share-wizard.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

/* What the walker must never read back from any accessible object */
#define TYPED_PASSWORD "Typed-Secret-4711"

static GDataInputStream *walker_input;

static gboolean
line_arrived (gpointer data)
{
  return *(gboolean *) data;
}

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source),
                                                                result, NULL, NULL);
  *(gboolean *) user_data = TRUE;
}

/* Shows the state to the walker and answers its requests until it says it has read it.
 * only_new_windows: the windows already read have not changed, only those opened since */
static void
offer_state_scoped (const char *state,
                    gboolean    only_new_windows)
{
  gboolean done = FALSE;

  alcove_test_run_for (400);
  g_print ("STATE %s %s\n", state, only_new_windows ? "new" : "all");
  fflush (stdout);
  g_data_input_stream_read_line_async (walker_input, G_PRIORITY_DEFAULT, NULL, line_read_cb,
                                       &done);
  g_assert_true (alcove_test_wait_until (line_arrived, &done, 120000));
}

static void
offer_state (const char *state)
{
  offer_state_scoped (state, FALSE);
}

static void
offer_new_windows (const char *state)
{
  offer_state_scoped (state, TRUE);
}

static void
close_toplevel (GType type)
{
  GtkWindow *window = alcove_test_find_toplevel (type);

  if (window != NULL)
    gtk_window_destroy (window);
  alcove_test_run_for (200);
}

/* ---- first run: the setup assistant ---- */

static void
setup_next (GtkWidget *setup)
{
  gtk_widget_activate_action (setup, "setup.next", NULL);
  alcove_test_run_for (300);
}

static void
setup_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  GtkWidget *setup = alcove_test_get_widget (window, ALCOVE_TYPE_SETUP_PAGE, NULL);

  /* GTK 4.8 presents every page of the assistant's stack at once: one state reads them all */
  g_assert_cmpstr (alcove_window_get_page (window), ==, "setup");
  setup_next (setup);
  gtk_widget_activate (alcove_test_get_widget (setup, GTK_TYPE_WIDGET, "solo_row"));
  setup_next (setup);
  alcove_test_set_text (setup, "practice_row", "Harbour Counselling");
  setup_next (setup);
  alcove_test_set_text (setup, "full_name_row", "Dana Whitfield");
  alcove_test_set_text (setup, "password_row", TYPED_PASSWORD);
  alcove_test_set_text (setup, "confirm_row", TYPED_PASSWORD);
  offer_state ("setup");
}

/* ---- an existing vault: login, then the unlocked application ---- */

static void
open_client_with_note (AlcoveApplication *app,
                       AlcoveWindow      *window)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);
  AlcoveWorkspace *workspace = alcove_main_page_get_workspace (page);
  g_autofree char *client_id = alcove_test_add_client (alcove_workspace_get_clients (workspace),
                                                       "Robin Example");
  g_autofree char *note_id = alcove_test_write_note (alcove_workspace_get_notes (workspace),
                                                     client_id, "soap", "Sleeping better.", FALSE);

  alcove_main_page_show_client (page, client_id);
  alcove_main_page_open_note (page, note_id, client_id);
  alcove_test_wait_for_toplevel (ALCOVE_TYPE_NOTE_WINDOW);
}

static void
unlocked_scenario (AlcoveApplication *app,
                   AlcoveWindow      *window)
{
  AlcoveWorkspace *workspace;
  AlcoveMainPage *page;
  GtkWidget *preferences;
  g_autoptr(AlcoveConsent) consent = NULL;

  g_assert_cmpstr (alcove_window_get_page (window), ==, "login");
  alcove_test_set_text (GTK_WIDGET (window), "password_row", TYPED_PASSWORD);
  offer_state ("login");
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = alcove_window_get_main_page (window);
  workspace = alcove_main_page_get_workspace (page);

  open_client_with_note (app, window);
  offer_state ("client-and-note");
  close_toplevel (ALCOVE_TYPE_NOTE_WINDOW);

  gtk_window_present (GTK_WINDOW (alcove_client_editor_new (GTK_WINDOW (window),
                                                            alcove_workspace_get_clients (workspace),
                                                            NULL)));
  alcove_test_wait_for_toplevel (ALCOVE_TYPE_CLIENT_EDITOR);
  offer_new_windows ("client-editor");
  close_toplevel (ALCOVE_TYPE_CLIENT_EDITOR);

  alcove_main_page_set_section (page, "consents");
  consent = alcove_consent_new (alcove_main_page_get_client_id (page),
                                ALCOVE_CONSENT_KIND_RELEASE);
  gtk_window_present (GTK_WINDOW (alcove_consent_editor_new (GTK_WINDOW (window),
                                                             alcove_workspace_get_consents (workspace),
                                                             alcove_workspace_get_clients (workspace),
                                                             consent)));
  alcove_test_wait_for_toplevel (ALCOVE_TYPE_CONSENT_EDITOR);
  offer_new_windows ("consents");
  close_toplevel (ALCOVE_TYPE_CONSENT_EDITOR);

  gtk_window_present (GTK_WINDOW (alcove_share_wizard_new_for_record (
                        GTK_WINDOW (window), workspace, alcove_main_page_get_client_id (page))));
  alcove_test_wait_for_toplevel (ALCOVE_TYPE_SHARE_WIZARD);
  offer_new_windows ("share-wizard");
  close_toplevel (ALCOVE_TYPE_SHARE_WIZARD);

  alcove_main_page_set_section (page, "privacy");
  offer_state ("privacy-dashboard");

  /* the first page: the password change */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = GTK_WIDGET (alcove_test_wait_for_toplevel (ALCOVE_TYPE_PREFERENCES_WINDOW));
  alcove_test_set_text (preferences, "current_password", TYPED_PASSWORD);
  offer_new_windows ("preferences");
  close_toplevel (ALCOVE_TYPE_PREFERENCES_WINDOW);
}

/* One application per process: GTK keeps a process's accessible root, and windows of an
 * application that has quit would still be read under it */
static void
test_setup (void)
{
  g_autofree char *fresh_dir = g_build_filename (g_get_user_data_dir (), "fresh", NULL);

  g_print ("PASSWORD %s\n", TYPED_PASSWORD);
  alcove_test_run_app (fresh_dir, 1366, 768, setup_scenario);
  g_print ("STATE done\n");
  fflush (stdout);
}

static void
test_unlocked (void)
{
  g_autofree char *vault_dir = g_build_filename (g_get_user_data_dir (), "vault", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (vault_dir, NULL);

  g_clear_object (&vault);
  g_print ("PASSWORD %s\n", TYPED_PASSWORD);
  alcove_test_run_app (vault_dir, 1366, 768, unlocked_scenario);
  g_print ("STATE done\n");
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GInputStream) stdin_stream = g_unix_input_stream_new (0, FALSE);

  walker_input = g_data_input_stream_new (stdin_stream);
  alcove_test_init_gui (&argc, &argv);
  g_test_add_func ("/a11y/setup", test_setup);
  g_test_add_func ("/a11y/unlocked", test_unlocked);
  return g_test_run ();
}
