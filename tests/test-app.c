/* test-app.c — the application in a real window under Xvfb: pages, locking, preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "alcove-application.h"
#include "alcove-audit.h"
#include "alcove-client-editor.h"
#include "alcove-client-import-window.h"
#include "alcove-client-store.h"
#include "alcove-consent-editor.h"
#include "alcove-consent-store.h"
#include "alcove-help.h"
#include "alcove-incident-window.h"
#include "alcove-password-row.h"
#include "alcove-register-dialog.h"
#include "alcove-register-editor.h"
#include "alcove-session-dialog.h"
#include "alcove-gui-test-utils.h"
#include "alcove-lock-manager.h"
#include "alcove-note-window.h"
#include "alcove-preferences-window.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"
#include "alcove-window.h"

#define MARKER "Marker: client disclosed a childhood secret"

static void
run_scenario (const char         *vault_dir,
              AlcoveTestScenario  scenario)
{
  alcove_test_run_app (vault_dir, 900, 640, scenario);
}

static char *
new_vault (const char *name)
{
  char *dir = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  return dir;
}

static void
unlock (AlcoveApplication *app)
{
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
}

static gboolean
is_locked (gpointer app)
{
  return alcove_vault_get_locked (alcove_application_get_vault (app));
}

/* Puts PHI-like text on screen in the main page, as a note would be. */
static void
show_marker (AlcoveWindow *window)
{
  GtkStack *content = alcove_main_page_get_content (alcove_window_get_main_page (window));

  gtk_stack_add_titled (content, gtk_label_new (MARKER), "marker", "Marker");
  alcove_test_run_for (100);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), MARKER));
}

static void
assert_locked_and_clean (AlcoveApplication *app,
                         AlcoveWindow      *window)
{
  g_assert_true (is_locked (app));
  alcove_test_run_for (200);
  g_assert_cmpstr (alcove_window_get_page (window), ==, "login");
  g_assert_null (alcove_window_get_main_page (window));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (window), MARKER));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Alcove");
}

/* ---- scenarios ---- */

static void
no_vault_scenario (AlcoveApplication *app,
                   AlcoveWindow      *window)
{
  g_assert_cmpstr (alcove_window_get_page (window), ==, "setup");
  g_assert_false (alcove_vault_exists (alcove_application_get_vault (app)));
}

static void
test_no_vault_shows_setup (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "none", NULL);

  run_scenario (dir, no_vault_scenario);
}

static void
damaged_scenario (AlcoveApplication *app,
                  AlcoveWindow      *window)
{
  g_assert_cmpstr (alcove_window_get_page (window), ==, "error");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "vault.keys"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "app-damaged-header");
}

static void
test_damaged_header (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "damaged", NULL);
  g_autofree char *header = g_build_filename (dir, "vault.keys", NULL);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (header, "{ truncated", -1, NULL));
  run_scenario (dir, damaged_scenario);
}

static void
main_window_scenario (AlcoveApplication *app,
                      AlcoveWindow      *window)
{
  g_assert_cmpstr (alcove_window_get_page (window), ==, "login");
  alcove_test_save_screenshot (GTK_WIDGET (window), "app-login-light");
  unlock (app);
  g_assert_cmpstr (alcove_window_get_page (window), ==, "main");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "Harbor Counseling"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "Signed in as Dana Whitfield"));
  g_assert_cmpstr (alcove_main_page_get_section (alcove_window_get_main_page (window)), ==, "home");
  alcove_test_save_screenshot (GTK_WIDGET (window), "app-main-light");

  /* Verify Now: runs in a thread, then the row shows a date */
  gtk_widget_activate_action (GTK_WIDGET (alcove_window_get_main_page (window)), "main.verify", NULL);
  alcove_test_run_for (1500);
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (window), "Never — check it now"));

  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), "app-main-dark");

  /* narrow: the leaflet folds to one column and stays usable at 360 px */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  alcove_test_run_for (500);
  alcove_test_save_screenshot (GTK_WIDGET (window), "app-main-narrow-dark");
  alcove_test_set_dark (FALSE);
}

static void
test_main_window (void)
{
  g_autofree char *dir = new_vault ("main");

  run_scenario (dir, main_window_scenario);
}

static void
ctrl_l_scenario (AlcoveApplication *app,
                 AlcoveWindow      *window)
{
  const char * const *accels = NULL;
  g_auto(GStrv) lock_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.lock");

  accels = (const char * const *) lock_accels;
  g_assert_true (g_strv_contains (accels, "<Control>l"));
  unlock (app);
  show_marker (window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  assert_locked_and_clean (app, window);
  alcove_test_save_screenshot (GTK_WIDGET (window), "app-locked-light");

  /* unlocking returns to the same place */
  unlock (app);
  g_assert_cmpstr (alcove_window_get_page (window), ==, "main");
  g_assert_cmpstr (alcove_main_page_get_section (alcove_window_get_main_page (window)), ==, "home");

  /* logging out is a lock too */
  g_action_group_activate_action (G_ACTION_GROUP (app), "log-out", NULL);
  g_assert_true (is_locked (app));
  g_assert_cmpstr (alcove_window_get_page (window), ==, "login");
}

static void
test_ctrl_l_locks (void)
{
  g_autofree char *dir = new_vault ("ctrl-l");

  run_scenario (dir, ctrl_l_scenario);
}

typedef struct
{
  AlcoveApplication *app;
  guint              calls;
  gboolean           vault_was_open;
} SaverProbe;

static gboolean
draft_saver (gpointer   user_data,
             GError   **error)
{
  SaverProbe *probe = user_data;

  probe->calls++;
  probe->vault_was_open = !is_locked (probe->app);
  return TRUE;
}

static void
auto_lock_scenario (AlcoveApplication *app,
                    AlcoveWindow      *window)
{
  AlcoveLockManager *lock_manager = alcove_application_get_lock_manager (app);
  SaverProbe probe = { app, 0, FALSE };
  guint saver;

  unlock (app);
  show_marker (window);
  saver = alcove_lock_manager_add_draft_saver (lock_manager, draft_saver, &probe, NULL);
  alcove_lock_manager_set_idle_timeout_ms (lock_manager, 700);

  /* activity keeps it open */
  for (guint i = 0; i < 5; i++)
    {
      alcove_test_run_for (300);
      alcove_lock_manager_note_activity (lock_manager);
    }
  g_assert_false (is_locked (app));

  g_assert_true (alcove_test_wait_until (is_locked, app, 3000));
  assert_locked_and_clean (app, window);
  g_assert_cmpuint (probe.calls, ==, 1);
  g_assert_true (probe.vault_was_open);
  alcove_lock_manager_remove_draft_saver (lock_manager, saver);
}

static void
test_auto_lock (void)
{
  g_autofree char *dir = new_vault ("auto-lock");

  run_scenario (dir, auto_lock_scenario);
}

static void
suspend_scenario (AlcoveApplication *app,
                  AlcoveWindow      *window)
{
  g_autoptr(GDBusConnection) logind = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  unlock (app);
  show_marker (window);
  logind = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SYSTEM_BUS_ADDRESS"),
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (logind, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.login1", 0),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  /* waking up does nothing; going to sleep locks */
  g_dbus_connection_emit_signal (logind, NULL, "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", "PrepareForSleep",
                                 g_variant_new ("(b)", FALSE), &error);
  alcove_test_run_for (300);
  g_assert_false (is_locked (app));
  g_dbus_connection_emit_signal (logind, NULL, "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", "PrepareForSleep",
                                 g_variant_new ("(b)", TRUE), &error);
  g_assert_no_error (error);
  g_assert_true (alcove_test_wait_until (is_locked, app, 3000));
  assert_locked_and_clean (app, window);
}

static void
test_suspend_locks (void)
{
  g_autofree char *dir = new_vault ("suspend");
  g_autofree char *address = NULL;
  /* a private "system bus" on which the test plays logind */
  g_autoptr(GSubprocess) bus = alcove_test_start_bus ("system", g_get_user_data_dir (), &address);

  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", address, TRUE);

  run_scenario (dir, suspend_scenario);

  g_unsetenv ("DBUS_SYSTEM_BUS_ADDRESS");
  g_subprocess_force_exit (bus);
}

static GtkWindow *
open_preferences (AlcoveApplication *app)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *preferences = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  alcove_test_run_for (500);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      if (ALCOVE_IS_PREFERENCES_WINDOW (toplevel))
        preferences = toplevel;
    }
  g_assert_nonnull (preferences);
  return preferences;
}

static void
preferences_scenario (AlcoveApplication *app,
                      AlcoveWindow      *window)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  GtkWindow *preferences = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  unlock (app);
  preferences = open_preferences (app);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (preferences), "Lock After Inactivity"));
  alcove_test_save_screenshot (GTK_WIDGET (preferences), "app-preferences-light");

  /* the spin button is bound to auto-lock-minutes, and the home page follows */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (alcove_test_find_widget (GTK_WIDGET (preferences),
                                                                       GTK_TYPE_SPIN_BUTTON, NULL)), 12);
  g_assert_cmpint (g_settings_get_int (settings, "auto-lock-minutes"), ==, 12);
  alcove_test_run_for (100);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "Locks after 12 minutes"));

  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (preferences), "app-preferences-dark");
  alcove_test_set_dark (FALSE);

  /* replacing the recovery key: password, then the new key shown once */
  gtk_widget_activate (alcove_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_BUTTON,
                                                "recovery_button"));
  alcove_test_run_for (300);
  {
    AdwMessageDialog *dialog = alcove_test_find_message_dialog ("Replace the Recovery Key?");
    GtkWidget *row;

    g_assert_nonnull (dialog);
    row = alcove_test_find_widget (GTK_WIDGET (dialog), ALCOVE_TYPE_PASSWORD_ROW, NULL);
    gtk_editable_set_text (GTK_EDITABLE (row), TEST_PASSWORD);
    adw_message_dialog_response (dialog, "replace");
    alcove_test_run_for (500);
    dialog = alcove_test_find_message_dialog ("Your New Recovery Key");
    g_assert_nonnull (dialog);
    alcove_test_save_screenshot (GTK_WIDGET (dialog), "app-new-recovery-key");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* locking closes it */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  alcove_test_run_for (300);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      g_assert_false (ALCOVE_IS_PREFERENCES_WINDOW (toplevel));
    }
}

static void
test_preferences (void)
{
  g_autofree char *dir = new_vault ("preferences");

  run_scenario (dir, preferences_scenario);
}

static void
type_into (GtkWidget  *root,
           const char *name,
           const char *text)
{
  GtkWidget *row = alcove_test_find_widget (root, ALCOVE_TYPE_PASSWORD_ROW, name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
is_sensitive (gpointer widget)
{
  return gtk_widget_get_sensitive (widget);
}

/* The window says what it is doing and goes insensitive until the keys are replaced */
static void
change_password_and_wait (GtkWidget *preferences,
                          GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (preferences));
  g_assert_true (alcove_test_tree_has_text (preferences, "Replacing your keys"));
  g_assert_true (alcove_test_wait_until (is_sensitive, preferences, 20000));
  alcove_test_run_for (200);
}

/* A clinician's password change: an owner confirms it at her desk */
static void
confirmed_password_scenario (AlcoveApplication *app,
                             AlcoveWindow      *window)
{
  GtkWidget *preferences;
  GtkWidget *button;

  alcove_test_unlock_app (app, "sam", TEST_OTHER_PASSWORD);
  preferences = GTK_WIDGET (open_preferences (app));
  g_assert_true (gtk_widget_get_visible (alcove_test_find_widget (preferences, ADW_TYPE_COMBO_ROW,
                                                                  "confirmer_row")));
  type_into (preferences, "current_password", TEST_OTHER_PASSWORD);
  type_into (preferences, "new_password", "plum umbrella gravel tonic");
  type_into (preferences, "confirm_password", "plum umbrella gravel tonic");
  button = alcove_test_find_widget (preferences, GTK_TYPE_BUTTON, "change_password_button");
  g_assert_false (gtk_widget_get_sensitive (button));  /* no confirmation yet */

  /* a wrong one: refused, said so, the rest kept */
  type_into (preferences, "confirmer_secret", "not the owner's password");
  g_assert_true (gtk_widget_get_sensitive (button));
  change_password_and_wait (preferences, button);
  g_assert_true (alcove_test_tree_has_text (preferences, "The confirmation is not correct"));
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
        GTK_SCROLLED_WINDOW (alcove_test_find_widget (preferences, GTK_TYPE_SCROLLED_WINDOW, NULL)));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    alcove_test_run_for (200);
  }
  alcove_test_save_screenshot (preferences, "app-password-confirmation-light");
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (preferences, "app-password-confirmation-dark");
  alcove_test_set_dark (FALSE);

  type_into (preferences, "confirmer_secret", TEST_PASSWORD);
  change_password_and_wait (preferences, button);
  g_assert_false (is_locked (app));
  g_assert_false (alcove_test_tree_has_text (preferences, "The confirmation is not correct"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alcove_test_find_widget (preferences,
                   ALCOVE_TYPE_PASSWORD_ROW, "confirmer_secret"))), ==, "");
  {
    g_autoptr(AlcoveSecret) fresh = alcove_test_secret ("plum umbrella gravel tonic");
    g_autoptr(GError) error = NULL;

    g_assert_true (alcove_vault_check_password (alcove_application_get_vault (app), fresh,
                                                &error));
    g_assert_no_error (error);
  }
}

static void
test_confirmed_password (void)
{
  g_autofree char *dir = new_vault ("confirmed-password");

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  }
  alcove_test_run_app (dir, 1366, 768, confirmed_password_scenario);
}

/* The main window's frames while the stores are copied under new keys: a tick callback
 * keeps the frame clock running, as an animation would */
typedef struct
{
  AlcoveWindow *window;
  guint         frames_before;   /* from the click to the copy's start */
  guint         frames_busy;
  guint         frames_after;
  gint64        busy_since;
  gint64        copied_at;       /* the progress bar's last move */
  gint64        busy_until;
  gint64        last_frame;
  gint64        longest_gap;     /* between two frames while copying, µs */
  gint64        commit_gap;      /* the frame the commit and reopen delayed, µs */
  double        fraction;        /* the most the progress bar showed */
} Frames;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Frames *frames = user_data;
  gint64 now = g_get_monotonic_time ();
  gboolean busy = alcove_window_get_busy (frames->window);

  if (busy)
    {
      GtkWidget *bar = alcove_test_find_widget (GTK_WIDGET (frames->window),
                                                GTK_TYPE_PROGRESS_BAR, "busy_progress");

      if (frames->busy_since == 0)
        frames->busy_since = now;
      else
        frames->longest_gap = MAX (frames->longest_gap, now - frames->last_frame);
      frames->frames_busy++;
      if (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) > frames->fraction)
        {
          frames->fraction = gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar));
          frames->copied_at = now;
        }
    }
  else if (frames->busy_since == 0)
    frames->frames_before++;
  else
    {
      if (frames->busy_until == 0)
        {
          frames->busy_until = now;
          frames->commit_gap = now - frames->last_frame;
        }
      frames->frames_after++;
    }
  frames->last_frame = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
is_busy (gpointer window)
{
  return alcove_window_get_busy (window);
}

static GtkTextBuffer *
subjective_of (AlcoveNoteWindow *window)
{
  return alcove_note_editor_get_buffer (alcove_note_window_get_editor (window), "subjective");
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* A password change with a note open and typed in: the note's text is saved and its window
 * closed before the stores are copied, the main page waits showing how far it got while its
 * frame clock keeps ticking, and the note comes back with its text */
static void
password_rekey_scenario (AlcoveApplication *app,
                         AlcoveWindow      *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  AlcoveMainPage *main_page;
  AlcoveWorkspace *workspace;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *text = NULL;
  AlcoveNoteWindow *note_window;
  GtkWidget *preferences;
  GtkWidget *busy_box;
  Frames frames = { window };
  guint tick;

  unlock (app);
  main_page = alcove_window_get_main_page (window);
  workspace = alcove_test_app_workspace (app);
  /* 32 MiB in the practice's store: a copy that lasts */
  g_assert_true (alcove_database_exec (alcove_vault_get_database (vault),
                                       "CREATE TABLE main.bulk (b BLOB);"
                                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                       "FROM n WHERE i < 8192) "
                                       "INSERT INTO main.bulk SELECT randomblob(4000) FROM n;",
                                       &error));
  g_assert_no_error (error);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Robin");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1990-01-01");
  g_assert_true (alcove_client_store_save (alcove_workspace_get_clients (workspace), client, NULL));
  client_id = g_strdup (alcove_client_get_id (client));
  note = alcove_note_store_create (alcove_workspace_get_notes (workspace), client_id, NULL, "soap",
                                   "2025-03-03", NULL);
  alcove_main_page_show_client (main_page, client_id);
  gtk_widget_activate_action (GTK_WIDGET (main_page), "main.open-note", "(ss)",
                              alcove_note_get_id (note), client_id);
  alcove_test_run_for (300);
  note_window = ALCOVE_NOTE_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  g_assert_nonnull (note_window);
  gtk_text_buffer_set_text (subjective_of (note_window), MARKER, -1);

  preferences = GTK_WIDGET (open_preferences (app));
  type_into (preferences, "current_password", TEST_PASSWORD);
  type_into (preferences, "new_password", "plum umbrella gravel tonic");
  type_into (preferences, "confirm_password", "plum umbrella gravel tonic");
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frame_cb, &frames, NULL);
  g_signal_emit_by_name (alcove_test_find_widget (preferences, GTK_TYPE_BUTTON,
                                                  "change_password_button"), "clicked");
  g_assert_false (gtk_widget_get_sensitive (preferences));
  g_assert_true (alcove_test_tree_has_text (preferences, "Replacing your keys"));

  /* the current password checked, the note saved and closed, the main page waiting */
  g_assert_true (alcove_test_wait_until (is_busy, window, 20000));
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  g_assert_nonnull (alcove_test_find_toplevel (ALCOVE_TYPE_PREFERENCES_WINDOW));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (main_page)));
  busy_box = alcove_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BOX, "busy_box");
  g_assert_true (gtk_widget_get_visible (busy_box));
  g_assert_true (alcove_test_tree_has_text (busy_box, "Replacing the keys"));
  alcove_test_run_for (200);
  alcove_test_save_screenshot (GTK_WIDGET (window), "app-rekey-busy");
  frames.last_frame = g_get_monotonic_time ();  /* the screenshot's time is the test's */

  g_assert_true (alcove_test_wait_until (is_sensitive, preferences, 60000));
  alcove_test_run_for (400);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  g_test_message ("frames of the main window: %u before the re-key; %u during its %.0f ms "
                  "(to the progress bar's last move %.0f ms, the longest gap between frames "
                  "%.0f ms; the commit, the reopen and the windows reopened held one frame "
                  "%.0f ms); "
                  "%u after; progress shown up to %.0f%%",
                  frames.frames_before, frames.frames_busy,
                  (frames.busy_until - frames.busy_since) / 1000.0,
                  (frames.copied_at - frames.busy_since) / 1000.0, frames.longest_gap / 1000.0,
                  frames.commit_gap / 1000.0, frames.frames_after, frames.fraction * 100);
  /* the main loop ran and drew while the stores were copied (never once if it were held) */
  g_assert_cmpuint (frames.frames_busy, >=, 2);
  g_assert_cmpfloat (frames.fraction, >, 0);

  /* done: the password changed, the page back, the note open again with its text */
  g_assert_false (is_locked (app));
  g_assert_false (alcove_window_get_busy (window));
  g_assert_false (gtk_widget_get_visible (busy_box));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (main_page)));
  g_assert_false (alcove_test_tree_has_text (preferences, "Replacing your keys"));
  {
    g_autoptr(AlcoveSecret) fresh = alcove_test_secret ("plum umbrella gravel tonic");

    g_assert_true (alcove_vault_check_password (vault, fresh, &error));
    g_assert_no_error (error);
  }
  note_window = ALCOVE_NOTE_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  g_assert_nonnull (note_window);
  text = buffer_text (subjective_of (note_window));
  g_assert_cmpstr (text, ==, MARKER);
  alcove_test_save_screenshot (GTK_WIDGET (note_window), "app-rekey-note-back");
}

static void
test_password_rekey (void)
{
  g_autofree char *dir = new_vault ("password-rekey");

  alcove_test_run_app (dir, 1366, 768, password_rekey_scenario);
}

/* A lock while the stores are copied: the change stops, nothing changes, and the same
 * person's next unlock (with the old password) brings the closed note back */
static void
lock_during_rekey_scenario (AlcoveApplication *app,
                            AlcoveWindow      *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  AlcoveWorkspace *workspace;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *text = NULL;
  AlcoveNoteWindow *note_window;
  GtkWidget *preferences;

  unlock (app);
  workspace = alcove_test_app_workspace (app);
  g_assert_true (alcove_database_exec (alcove_vault_get_database (vault),
                                       "CREATE TABLE main.bulk (b BLOB);"
                                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                       "FROM n WHERE i < 8192) "
                                       "INSERT INTO main.bulk SELECT randomblob(4000) FROM n;",
                                       &error));
  g_assert_no_error (error);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Robin");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1990-01-01");
  g_assert_true (alcove_client_store_save (alcove_workspace_get_clients (workspace), client, NULL));
  client_id = g_strdup (alcove_client_get_id (client));
  note = alcove_note_store_create (alcove_workspace_get_notes (workspace), client_id, NULL, "soap",
                                   "2025-03-03", NULL);
  alcove_main_page_show_client (alcove_window_get_main_page (window), client_id);
  gtk_widget_activate_action (GTK_WIDGET (alcove_window_get_main_page (window)),
                              "main.open-note", "(ss)", alcove_note_get_id (note), client_id);
  alcove_test_run_for (300);
  note_window = ALCOVE_NOTE_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  g_assert_nonnull (note_window);
  gtk_text_buffer_set_text (subjective_of (note_window), MARKER, -1);

  preferences = GTK_WIDGET (open_preferences (app));
  type_into (preferences, "current_password", TEST_PASSWORD);
  type_into (preferences, "new_password", "plum umbrella gravel tonic");
  type_into (preferences, "confirm_password", "plum umbrella gravel tonic");
  g_signal_emit_by_name (alcove_test_find_widget (preferences, GTK_TYPE_BUTTON,
                                                  "change_password_button"), "clicked");
  g_assert_true (alcove_test_wait_until (is_busy, window, 20000));

  alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_IDLE);
  alcove_test_run_for (500);
  assert_locked_and_clean (app, window);
  g_assert_false (alcove_window_get_busy (window));
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_PREFERENCES_WINDOW));
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));

  /* the old password still opens, and the note comes back with its text */
  unlock (app);
  alcove_test_run_for (400);
  note_window = ALCOVE_NOTE_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  g_assert_nonnull (note_window);
  text = buffer_text (subjective_of (note_window));
  g_assert_cmpstr (text, ==, MARKER);
}

static void
test_lock_during_rekey (void)
{
  g_autofree char *dir = new_vault ("lock-during-rekey");

  alcove_test_run_app (dir, 1366, 768, lock_during_rekey_scenario);
}

/* Typed into the first text field of `window`, as a person would, and not saved; `*slot`
 * follows the window until it is gone */
static void
type_marker (GtkWindow  *window,
             GtkWindow **slot)
{
  GtkWidget *field;

  *slot = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) slot);
  gtk_window_present (window);
  alcove_test_run_for (300);
  field = alcove_test_find_widget (GTK_WIDGET (window), GTK_TYPE_EDITABLE, NULL);
  g_assert_nonnull (field);
  gtk_editable_set_text (GTK_EDITABLE (field), MARKER);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), MARKER));
}

static guint
n_toplevels (void)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ());
}

/* Each kind of window that can show a client's information, with text typed and not saved:
 * a lock closes every one (none opted in), no widget holds the text, and the next person
 * to sign in finds none of it */
static void
every_window_closes_scenario (AlcoveApplication *app,
                              AlcoveWindow      *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  GtkWindow *parent = GTK_WINDOW (window);
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveConsentStore) consents = NULL;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(AlcoveConsent) consent = NULL;
  GtkWindow *opened[5] = { NULL };
  GtkWindow *import = NULL;
  g_autofree char *list = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                 "simplepractice-clients.csv", NULL);
  g_autoptr(GFile) list_file = g_file_new_for_path (list);
  guint before;

  unlock (app);
  before = n_toplevels ();  /* the test's earlier applications may have left some */
  clients = alcove_client_store_new (vault, NULL);
  consents = alcove_consent_store_new (vault, NULL);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Robin");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1990-01-01");
  g_assert_true (alcove_client_store_save (clients, client, NULL));
  consent = alcove_consent_new (alcove_client_get_id (client), ALCOVE_CONSENT_KIND_RELEASE);

  type_marker (GTK_WINDOW (alcove_client_editor_new (parent, clients, NULL)), &opened[0]);
  type_marker (GTK_WINDOW (alcove_consent_editor_new (parent, consents, clients, consent)),
               &opened[1]);
  alcove_test_save_screenshot (GTK_WIDGET (opened[1]), "lock-consent-editor-before");
  type_marker (GTK_WINDOW (alcove_incident_window_new (parent, vault, NULL)), &opened[2]);
  type_marker (GTK_WINDOW (alcove_session_dialog_new (parent, clients, alcove_client_get_id (client))),
               &opened[3]);
  type_marker (GTK_WINDOW (alcove_register_editor_new (parent, vault)), &opened[4]);
  /* a client list's preview: names and birth dates, nothing typed */
  import = GTK_WINDOW (alcove_client_import_window_new (parent, clients, list_file));
  g_object_add_weak_pointer (G_OBJECT (import), (gpointer *) &import);
  gtk_window_present (import);
  alcove_test_run_for (300);
  g_assert_cmpuint (n_toplevels (), ==, before + G_N_ELEMENTS (opened) + 1);

  alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_IDLE);
  alcove_test_run_for (400);
  assert_locked_and_clean (app, window);
  for (guint i = 0; i < G_N_ELEMENTS (opened); i++)
    g_assert_null (opened[i]);
  g_assert_null (import);
  g_assert_cmpuint (n_toplevels (), <=, before);
  alcove_test_save_screenshot (GTK_WIDGET (window), "lock-after-every-window");

  /* another person signs in: nothing of that view */
  alcove_test_unlock_app (app, "sam", TEST_OTHER_PASSWORD);
  g_assert_false (is_locked (app));
  g_assert_cmpuint (n_toplevels (), <=, before);
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (window), MARKER));
}

static void
test_every_window_closes (void)
{
  g_autofree char *dir = new_vault ("every-window");

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  }
  alcove_test_run_app (dir, 1366, 768, every_window_closes_scenario);
}

/* The same person's unlock brings back their place and their windows, with what was typed;
 * another person's starts at Home, opens nothing and is audited for nothing of it */
static void
windows_come_back_scenario (AlcoveApplication *app,
                            AlcoveWindow      *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  AlcoveWorkspace *workspace;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(AlcoveNote) note = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *note_id = NULL;
  AlcoveNoteWindow *note_window;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  gint64 views;

  unlock (app);
  workspace = alcove_test_app_workspace (app);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Robin");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1990-01-01");
  g_assert_true (alcove_client_store_save (alcove_workspace_get_clients (workspace), client, NULL));
  client_id = g_strdup (alcove_client_get_id (client));
  note = alcove_note_store_create (alcove_workspace_get_notes (workspace), client_id, NULL, "soap",
                                   "2025-03-03", NULL);
  note_id = g_strdup (alcove_note_get_id (note));
  alcove_main_page_show_client (alcove_window_get_main_page (window), client_id);
  gtk_widget_activate_action (GTK_WIDGET (alcove_window_get_main_page (window)), "main.open-note",
                              "(ss)", note_id, client_id);
  alcove_test_run_for (300);
  note_window = ALCOVE_NOTE_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  g_assert_nonnull (note_window);
  buffer = alcove_note_editor_get_buffer (alcove_note_window_get_editor (note_window), "subjective");
  gtk_text_buffer_set_text (buffer, MARKER, -1);
  gtk_window_present (GTK_WINDOW (alcove_client_editor_new (GTK_WINDOW (window),
                                                            alcove_workspace_get_clients (workspace),
                                                            NULL)));
  alcove_test_run_for (100);

  alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_IDLE);
  alcove_test_run_for (300);
  assert_locked_and_clean (app, window);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));

  unlock (app);
  alcove_test_run_for (400);
  g_assert_cmpstr (alcove_main_page_get_section (alcove_window_get_main_page (window)), ==,
                   "clients");
  g_assert_cmpstr (alcove_main_page_get_client_id (alcove_window_get_main_page (window)), ==,
                   client_id);
  note_window = ALCOVE_NOTE_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  g_assert_nonnull (note_window);
  buffer = alcove_note_editor_get_buffer (alcove_note_window_get_editor (note_window), "subjective");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, MARKER);
  g_assert_nonnull (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR));
  alcove_test_save_screenshot (GTK_WIDGET (note_window), "unlock-note-window-back");
  views = alcove_test_count_audit (vault, ALCOVE_AUDIT_CLIENT_VIEW, client_id);

  /* another person: Home, no window, no view audited in their name */
  alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_USER);
  alcove_test_run_for (300);
  alcove_test_unlock_app (app, "sam", TEST_OTHER_PASSWORD);
  alcove_test_run_for (400);
  g_assert_cmpstr (alcove_main_page_get_section (alcove_window_get_main_page (window)), ==, "home");
  g_assert_null (alcove_main_page_get_client_id (alcove_window_get_main_page (window)));
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR));
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_CLIENT_VIEW, client_id), ==, views);
  alcove_test_save_screenshot (GTK_WIDGET (window), "unlock-other-person-home");

  /* and the first person's place is gone for good: the next unlock starts at Home too */
  alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_USER);
  alcove_test_run_for (300);
  unlock (app);
  alcove_test_run_for (300);
  g_assert_cmpstr (alcove_main_page_get_section (alcove_window_get_main_page (window)), ==, "home");
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
}

static void
test_windows_come_back (void)
{
  g_autofree char *dir = new_vault ("windows-come-back");

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  }
  alcove_test_run_app (dir, 1366, 768, windows_come_back_scenario);
}

static AdwMessageDialog *
find_save_changes_dialog (void)
{
  return alcove_test_find_message_dialog ("Save Changes?");
}

static const char *
field_text (GtkWindow  *window,
            const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (alcove_test_find_widget (GTK_WIDGET (window),
                                                                       GTK_TYPE_EDITABLE, name)));
}

static GtkWindow *
open_client_editor (AlcoveApplication *app,
                    AlcoveWindow      *window)
{
  g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (alcove_application_get_vault (app),
                                                                  NULL);
  GtkWindow *editor = GTK_WINDOW (alcove_client_editor_new (GTK_WINDOW (window), clients, NULL));

  gtk_window_present (editor);
  alcove_test_run_for (300);
  return editor;
}

/* A draft put back is told as information, never as a refusal: a status banner in the
 * information style below the form's error banner, which stays hidden */
static void
assert_draft_restored_as_information (GtkWindow *window)
{
  GtkWidget *banner = alcove_test_find_widget (GTK_WIDGET (window), GTK_TYPE_REVEALER,
                                               "draft_restored_banner");
  GtkWidget *error_revealer = alcove_test_find_widget (GTK_WIDGET (window), GTK_TYPE_REVEALER,
                                                       "error_revealer");
  GtkWidget *error_label = alcove_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL,
                                                    "error_label");
  GtkWidget *box;

  g_assert_nonnull (banner);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_true (gtk_widget_get_mapped (banner));
  g_assert_true (alcove_test_tree_has_text (banner, "kept as a draft"));
  box = gtk_revealer_get_child (GTK_REVEALER (banner));
  g_assert_true (gtk_widget_has_css_class (box, "alcove-banner"));
  g_assert_true (gtk_widget_has_css_class (box, "info"));
  g_assert_false (gtk_widget_has_css_class (box, "error"));
  g_assert_false (gtk_widget_has_css_class (box, "alcove-error-banner"));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (box)), ==,
                   GTK_ACCESSIBLE_ROLE_STATUS);

  g_assert_nonnull (error_label);
  g_assert_false (alcove_test_tree_has_text (error_label, "kept as a draft"));
  if (error_revealer != NULL)
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (error_revealer)));
  else
    g_assert_false (gtk_widget_get_visible (error_label));
}

/* What was typed into a form and not saved survives a lock, comes back when the same form
 * is opened again, is asked about on close (Save, Discard, Cancel), goes only on Discard,
 * and is never shown to another person */
static void
drafts_scenario (AlcoveApplication *app,
                 AlcoveWindow      *window)
{
  GtkWindow *editor;
  GtkWindow *session;
  AdwMessageDialog *dialog;
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveConsentStore) consents = NULL;
  g_autoptr(AlcoveConsent) consent = NULL;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  GtkWindow *others[3] = { NULL };

  unlock (app);
  clients = alcove_client_store_new (alcove_application_get_vault (app), NULL);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Robin");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1990-01-01");
  g_assert_true (alcove_client_store_save (clients, client, NULL));

  /* typed, then a lock before the draft's own save: kept, and back after signing in */
  editor = open_client_editor (app, window);
  gtk_editable_set_text (GTK_EDITABLE (alcove_test_find_widget (GTK_WIDGET (editor),
                                                                GTK_TYPE_EDITABLE, "preferred_row")),
                         MARKER);
  session = GTK_WINDOW (alcove_session_dialog_new (GTK_WINDOW (window), clients,
                                                   alcove_client_get_id (client)));
  gtk_window_present (session);
  alcove_test_run_for (300);
  gtk_editable_set_text (GTK_EDITABLE (alcove_test_find_widget (GTK_WIDGET (session),
                                                                GTK_TYPE_EDITABLE, "service_row")),
                         "90837");
  consents = alcove_consent_store_new (alcove_application_get_vault (app), NULL);
  consent = alcove_consent_new (alcove_client_get_id (client), ALCOVE_CONSENT_KIND_RELEASE);
  type_marker (GTK_WINDOW (alcove_consent_editor_new (GTK_WINDOW (window), consents, clients,
                                                      consent)), &others[0]);
  type_marker (GTK_WINDOW (alcove_incident_window_new (GTK_WINDOW (window),
                                                       alcove_application_get_vault (app), NULL)),
               &others[1]);
  type_marker (GTK_WINDOW (alcove_register_dialog_new_device (GTK_WINDOW (window),
                                                              alcove_application_get_vault (app),
                                                              NULL)),
               &others[2]);
  alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_IDLE);
  alcove_test_run_for (300);
  assert_locked_and_clean (app, window);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_null (others[i]);
  g_clear_object (&clients);
  g_clear_object (&consents);

  /* the same person signs in: the windows open again by themselves, their text a draft */
  unlock (app);
  alcove_test_run_for (300);
  editor = alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (field_text (editor, "preferred_row"), ==, MARKER);
  assert_draft_restored_as_information (editor);
  alcove_test_save_screenshot (GTK_WIDGET (editor), "draft-restored");
  session = alcove_test_find_toplevel (ALCOVE_TYPE_SESSION_DIALOG);
  g_assert_nonnull (session);
  g_assert_cmpstr (field_text (session, "service_row"), ==, "90837");
  assert_draft_restored_as_information (session);
  gtk_window_destroy (session);
  others[0] = alcove_test_find_toplevel (ALCOVE_TYPE_CONSENT_EDITOR);
  others[1] = alcove_test_find_toplevel (ALCOVE_TYPE_INCIDENT_WINDOW);
  g_assert_nonnull (others[0]);
  g_assert_nonnull (others[1]);
  /* a register form is opened again from its register, by hand */
  others[2] = GTK_WINDOW (alcove_register_dialog_new_device (GTK_WINDOW (window),
                                                             alcove_application_get_vault (app),
                                                             NULL));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      gtk_window_present (others[i]);
      alcove_test_run_for (300);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alcove_test_find_widget (GTK_WIDGET (others[i]),
                                                                                     GTK_TYPE_EDITABLE,
                                                                                     NULL))),
                       ==, MARKER);
      assert_draft_restored_as_information (others[i]);
      /* Esc or ×: asked, and Cancel keeps the window and its text */
      gtk_window_close (others[i]);
      alcove_test_run_for (300);
      dialog = find_save_changes_dialog ();
      g_assert_nonnull (dialog);
      adw_message_dialog_response (dialog, "cancel");
      alcove_test_run_for (200);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (others[i])));
      gtk_window_destroy (others[i]);
    }

  /* saved, the draft is gone and so is the banner; a consent's Save Draft keeps it open */
  others[0] = GTK_WINDOW (alcove_consent_editor_new (GTK_WINDOW (window),
                                                     alcove_workspace_get_consents (alcove_test_app_workspace (app)),
                                                     alcove_workspace_get_clients (alcove_test_app_workspace (app)),
                                                     consent));
  gtk_window_present (others[0]);
  alcove_test_run_for (300);
  assert_draft_restored_as_information (others[0]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (others[0]), "consent.save", NULL));
  alcove_test_run_for (300);
  g_assert_false (gtk_revealer_get_reveal_child (
                    GTK_REVEALER (alcove_test_find_widget (GTK_WIDGET (others[0]),
                                                           GTK_TYPE_REVEALER,
                                                           "draft_restored_banner"))));
  g_assert_false (gtk_widget_get_visible (alcove_test_find_widget (GTK_WIDGET (others[0]),
                                                                   GTK_TYPE_LABEL,
                                                                   "error_label")));
  gtk_window_destroy (others[0]);

  /* Esc or ×: asked; Cancel keeps the window and the text */
  gtk_window_close (editor);
  alcove_test_run_for (300);
  dialog = find_save_changes_dialog ();
  g_assert_nonnull (dialog);
  alcove_test_save_screenshot (GTK_WIDGET (dialog), "draft-save-changes");
  adw_message_dialog_response (dialog, "cancel");
  alcove_test_run_for (200);
  g_assert_true (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR) == editor);
  g_assert_cmpstr (field_text (editor, "preferred_row"), ==, MARKER);

  /* another person sees none of it */
  alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_USER);
  alcove_test_run_for (300);
  alcove_test_unlock_app (app, "sam", TEST_OTHER_PASSWORD);
  editor = open_client_editor (app, window);
  g_assert_cmpstr (field_text (editor, "preferred_row"), ==, "");
  gtk_window_close (editor);  /* nothing typed: closes without asking */
  alcove_test_run_for (300);
  g_assert_null (find_save_changes_dialog ());
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR));

  /* Discard: only then is it gone */
  alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_USER);
  alcove_test_run_for (300);
  unlock (app);
  editor = open_client_editor (app, window);
  g_assert_cmpstr (field_text (editor, "preferred_row"), ==, MARKER);
  gtk_window_close (editor);
  alcove_test_run_for (300);
  adw_message_dialog_response (find_save_changes_dialog (), "discard");
  alcove_test_run_for (300);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR));
  editor = open_client_editor (app, window);
  g_assert_cmpstr (field_text (editor, "preferred_row"), ==, "");
}

static void
test_drafts (void)
{
  g_autofree char *dir = new_vault ("drafts");

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  }
  alcove_test_run_app (dir, 1366, 768, drafts_scenario);
}

static void
close_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  unlock (app);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (is_locked (app));
}

static void
test_close_locks (void)
{
  g_autofree char *dir = new_vault ("close");

  run_scenario (dir, close_scenario);
}

/* A file Alcove saved or printed never stays in the desktop's recent files; another
 * program's entry stays */
static gboolean
recent_has_holiday (gpointer manager)
{
  return gtk_recent_manager_has_item (manager, "file:///tmp/holiday.jpg");
}

static void
count_change_cb (GtkRecentManager *manager,
                 guint            *changes)
{
  (*changes)++;
}

static gboolean
recent_changed (gpointer changes)
{
  return *(guint *) changes > 0;
}

static void
recent_scenario (AlcoveApplication *app,
                 AlcoveWindow      *window)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GtkRecentData other = { .mime_type = (char *) "image/jpeg", .app_name = (char *) "Photos",
                          .app_exec = (char *) "photos %u" };
  g_autofree char *xbel = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
  g_autofree char *contents = NULL;
  guint changes = 0;

  g_assert_true (gtk_recent_manager_add_full (manager, "file:///tmp/holiday.jpg", &other));
  g_assert_true (alcove_test_wait_until (recent_has_holiday, manager, 5000));
  /* what GtkFileChooser and the print dialog do with a file Alcove wrote; the guard's
   * handler runs before this test's */
  g_signal_connect (manager, "changed", G_CALLBACK (count_change_cb), &changes);
  g_assert_true (gtk_recent_manager_add_item (manager, "file:///tmp/alcove-letter-Robin-Ellery.pdf"));
  g_assert_true (alcove_test_wait_until (recent_changed, &changes, 5000));
  alcove_test_run_for (1500);  /* GtkRecentManager writes its file after a short delay */
  g_signal_handlers_disconnect_by_func (manager, count_change_cb, &changes);
  g_assert_false (gtk_recent_manager_has_item (manager, "file:///tmp/alcove-letter-Robin-Ellery.pdf"));
  g_assert_true (gtk_recent_manager_has_item (manager, "file:///tmp/holiday.jpg"));
  g_assert_true (g_file_get_contents (xbel, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Robin-Ellery"));
  g_assert_nonnull (strstr (contents, "holiday.jpg"));
}

static void
test_recent_files (void)
{
  g_autofree char *dir = new_vault ("recent");

  run_scenario (dir, recent_scenario);
}

/* The Flatpak opens the HTML pages it carries; elsewhere, and for a page it lacks, the help
 * viewer */
static void
test_help_uri (void)
{
  g_autofree char *dir = g_dir_make_tmp ("alcove-help-XXXXXX", NULL);
  g_autofree char *page = g_build_filename (dir, "backups.html", NULL);
  g_autofree char *expected = g_filename_to_uri (page, NULL, NULL);
  g_autofree char *html = NULL, *missing = NULL, *index = NULL, *viewer = NULL, *home = NULL;

  g_assert_true (g_file_set_contents (page, "<html></html>", -1, NULL));
  html = alcove_help_uri ("backups", dir);
  missing = alcove_help_uri ("sessions", dir);
  index = alcove_help_uri (NULL, dir);
  viewer = alcove_help_uri ("backups", NULL);
  home = alcove_help_uri (NULL, NULL);
  g_assert_cmpstr (html, ==, expected);
  g_assert_cmpstr (missing, ==, "help:alcove/sessions");
  g_assert_cmpstr (index, ==, "help:alcove");
  g_assert_cmpstr (viewer, ==, "help:alcove/backups");
  g_assert_cmpstr (home, ==, "help:alcove");
  g_unlink (page);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/app/help-uri", test_help_uri);
  g_test_add_func ("/app/recent-files", test_recent_files);
  g_test_add_func ("/app/no-vault-shows-setup", test_no_vault_shows_setup);
  g_test_add_func ("/app/damaged-header", test_damaged_header);
  g_test_add_func ("/app/main-window", test_main_window);
  g_test_add_func ("/app/ctrl-l-locks", test_ctrl_l_locks);
  g_test_add_func ("/app/auto-lock", test_auto_lock);
  g_test_add_func ("/app/suspend-locks", test_suspend_locks);
  g_test_add_func ("/app/preferences", test_preferences);
  g_test_add_func ("/app/confirmed-password", test_confirmed_password);
  g_test_add_func ("/app/password-rekey", test_password_rekey);
  g_test_add_func ("/app/lock-during-rekey", test_lock_during_rekey);
  g_test_add_func ("/app/every-window-closes", test_every_window_closes);
  g_test_add_func ("/app/drafts", test_drafts);
  g_test_add_func ("/app/windows-come-back", test_windows_come_back);
  g_test_add_func ("/app/close-locks", test_close_locks);

  return g_test_run ();
}
