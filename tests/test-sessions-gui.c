/* test-sessions-gui.c — sessions and their notes in the real application: New Note asking
 * which session (the one the front desk recorded today, or a new, back-dated one), Load Last
 * Note and signing copied text, opening, cancelling and deleting a session, a signed note's
 * session kept, a note written from a session's row, and the new forms kept across a lock;
 * screenshots in both styles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sessions-gui"

#include "config.h"

#include <adwaita.h>

#include "alcove-client-page.h"
#include "alcove-date-row.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-new-note-dialog.h"
#include "alcove-note-editor.h"
#include "alcove-note-format.h"
#include "alcove-note-window.h"
#include "alcove-print-markup.h"
#include "alcove-session-dialog.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

#define CLIENT_NAME "Robin Vale"
#define PLAN_TEXT   "Continue graded exposure; review the sleep diary next week."
#define REASON      "Client asked to move it"

/* What the scenario works on, made before the application starts */
static char *client_id;
static char *todays_session;

/* dana's practice: a client with a note signed two weeks ago, and a session the front desk
 * recorded for today, before any note */
static char *
make_practice (void)
{
  char *dir = NULL;
  AlcoveVault *vault = alcove_test_fresh_vault (&dir);
  AlcoveClientStore *clients = NULL;
  AlcoveNoteStore *notes = NULL;
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(AlcoveNote) note = NULL;
  g_autofree char *earlier = alcove_test_day_from_today (-14);
  g_autofree char *today = alcove_test_day_from_today (0);
  g_autoptr(GError) error = NULL;

  alcove_test_open_stores (vault, &clients, &notes);
  client_id = alcove_test_add_client (clients, CLIENT_NAME);
  note = alcove_note_store_create (notes, client_id, NULL, "soap", earlier, &error);
  g_assert_no_error (error);
  alcove_note_set_section (note, "subjective", "Slept poorly; worried about work.");
  alcove_note_set_section (note, "objective", "Tired, engaged, on time.");
  alcove_note_set_section (note, "assessment", "Anxiety steady.");
  alcove_note_set_section (note, "plan", PLAN_TEXT);
  g_assert_true (alcove_note_store_sign (notes, note, &error));
  g_assert_no_error (error);

  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, client_id);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, today);
  alcove_session_set_field (session, ALCOVE_SESSION_START_TIME, "10:00");
  alcove_session_set_field (session, ALCOVE_SESSION_SERVICE_CODE, "90834");
  g_assert_true (alcove_client_store_save_session (clients, session, &error));
  g_assert_no_error (error);
  todays_session = g_strdup (alcove_session_get_id (session));
  alcove_test_close_stores (&vault, &clients, &notes);
  return dir;
}

/* ---- helpers ---- */

static AlcoveClientStore *
clients_of (AlcoveApplication *app)
{
  return alcove_workspace_get_clients (alcove_test_app_workspace (app));
}

static GtkWindow *
open_window (GtkWidget  *from,
             const char *action,
             GVariant   *target,
             GType       type)
{
  GtkWindow *window;

  g_assert_null (alcove_test_find_toplevel (type));
  g_assert_true (gtk_widget_activate_action_variant (from, action, target));
  alcove_test_run_for (400);
  window = alcove_test_find_toplevel (type);
  g_assert_nonnull (window);
  return window;
}

static gboolean
note_window_is_up (gpointer data)
{
  return alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW) != NULL;
}

/* Starts the note the dialog is set for; the main page opens it beside the client */
static AlcoveNoteWindow *
start_note (GtkWindow *dialog)
{
  AlcoveNoteWindow *note_window;

  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-note.create", NULL);
  g_assert_true (alcove_test_wait_until (note_window_is_up, NULL, 5000));
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_NEW_NOTE_DIALOG));
  note_window = ALCOVE_NOTE_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  gtk_window_set_default_size (GTK_WINDOW (note_window), 1366, 768);
  alcove_test_run_for (400);
  return note_window;
}

static AlcoveNote *
note_of (AlcoveNoteWindow *note_window)
{
  return alcove_note_editor_get_note (alcove_note_window_get_editor (note_window));
}

static void
close_window (GtkWindow *window)
{
  gtk_window_close (window);
  alcove_test_run_for (300);
}

/* Whether the session's row (or the check button by that name) is chosen */
static gboolean
is_checked (GtkWidget  *dialog,
            const char *name)
{
  GtkWidget *found = alcove_test_find (dialog, GTK_TYPE_WIDGET, name);

  if (!GTK_IS_CHECK_BUTTON (found))
    found = alcove_test_find (found, GTK_TYPE_CHECK_BUTTON, NULL);
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (found));
}

static gboolean
is_sensitive (GtkWidget  *root,
              const char *name)
{
  return gtk_widget_get_sensitive (alcove_test_find (root, GTK_TYPE_WIDGET, name));
}

static gboolean
is_visible (GtkWidget  *root,
            const char *name)
{
  return gtk_widget_get_visible (alcove_test_find (root, GTK_TYPE_WIDGET, name));
}

static const char *
text_of (GtkWidget  *root,
         const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (alcove_test_find (root, GTK_TYPE_EDITABLE, name)));
}

static guint
selected (GtkWidget  *root,
          const char *name)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (alcove_test_find (root, ADW_TYPE_COMBO_ROW,
                                                                      name)));
}

static guint
n_sessions (AlcoveApplication *app)
{
  g_autoptr(GListModel) sessions = alcove_client_store_list_sessions (clients_of (app),
                                                                      client_id, NULL);

  return g_list_model_get_n_items (sessions);
}

static char *
set_buffer (AlcoveNoteEditor *editor,
            const char       *key,
            const char       *text)
{
  GtkTextBuffer *buffer = alcove_note_editor_get_buffer (editor, key);
  GtkTextIter start, end;

  if (text != NULL)
    gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* What a printed record says of the note */
static char *
record_markup (AlcoveApplication *app,
               AlcoveNote        *note)
{
  AlcoveNoteStore *notes = alcove_workspace_get_notes (alcove_test_app_workspace (app));
  GString *markup = g_string_new (NULL);

  alcove_print_markup_append_note (markup, notes, note, ALCOVE_NOTE_MARKUP_RECORD, NULL);
  return g_string_free (markup, FALSE);
}

/* ---- the story ---- */

/* New Note asks which session: today's, recorded before the note, is chosen; no second
 * session is made for it */
static AlcoveNoteWindow *
note_for_todays_session (AlcoveApplication *app,
                         AlcoveClientPage  *client_page)
{
  GtkWindow *dialog = open_window (GTK_WIDGET (client_page), "client.new-note",
                                   g_variant_new_string (""), ALCOVE_TYPE_NEW_NOTE_DIALOG);
  AlcoveNoteWindow *note_window;

  g_assert_true (is_checked (GTK_WIDGET (dialog), todays_session));
  g_assert_false (is_checked (GTK_WIDGET (dialog), "new_session_check"));
  g_assert_false (is_sensitive (GTK_WIDGET (dialog), "date_row"));
  /* the format of the last note comes first */
  g_assert_cmpuint (selected (GTK_WIDGET (dialog), "format_row"), ==, 0);
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "new-note-dialog");

  note_window = start_note (dialog);
  g_assert_cmpstr (alcove_note_get_session_id (note_of (note_window)), ==, todays_session);
  g_assert_cmpuint (n_sessions (app), ==, 2);
  return note_window;
}

/* Load Last Note copies the plan, marked as copied; signing asks for an edit or a
 * confirmation, and after an edit signs */
static void
load_last_note (AlcoveApplication *app,
                AlcoveNoteWindow  *note_window)
{
  AlcoveNoteEditor *editor = alcove_note_window_get_editor (note_window);
  g_autofree char *plan = NULL;
  g_autofree char *printed = NULL;

  gtk_widget_activate_action (GTK_WIDGET (note_window), "note.load-last", NULL);
  alcove_test_run_for (400);
  plan = set_buffer (editor, "plan", NULL);
  g_assert_cmpstr (plan, ==, PLAN_TEXT);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (note_window), "not edited yet"));
  g_free (set_buffer (editor, "subjective", "Slept better; one panic episode at work."));
  g_free (set_buffer (editor, "objective", "Calm, brighter affect."));
  g_free (set_buffer (editor, "assessment", "Improving."));
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (note_window), "note-load-last");

  gtk_widget_activate_action (GTK_WIDGET (note_window), "note.sign", NULL);
  {
    AdwMessageDialog *dialog = alcove_test_find_message_dialog ("Sign With Copied Text?");

    alcove_test_save_screenshots (GTK_WIDGET (dialog), "note-sign-copied-dialog");
    adw_message_dialog_response (dialog, "cancel");
  }
  alcove_test_run_for (300);
  g_assert_cmpint (alcove_note_get_status (note_of (note_window)), ==, ALCOVE_NOTE_DRAFT);

  g_free (set_buffer (editor, "plan", PLAN_TEXT " Add a breathing exercise before work."));
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (note_window), "then edited"));
  gtk_widget_activate_action (GTK_WIDGET (note_window), "note.sign", NULL);
  adw_message_dialog_response (alcove_test_find_message_dialog ("Sign This Note?"), "sign");
  alcove_test_run_for (400);
  g_assert_cmpint (alcove_note_get_status (note_of (note_window)), ==, ALCOVE_NOTE_SIGNED);
  g_assert_cmpstr (alcove_note_get_copied_from (note_of (note_window)), !=, "");
  printed = record_markup (app, note_of (note_window));
  g_assert_nonnull (strstr (printed, "Plan copied from the note of"));
  g_assert_null (strstr (printed, "after the session"));
  alcove_test_save_screenshots (GTK_WIDGET (note_window), "note-signed-copied");
  close_window (GTK_WINDOW (note_window));
}

/* A note for a session ten days ago: a new session on that date; the note says when it was
 * written */
static void
back_dated_note (AlcoveApplication *app,
                 AlcoveClientPage  *client_page)
{
  g_autofree char *past = alcove_test_day_from_today (-10);
  GtkWindow *dialog = open_window (GTK_WIDGET (client_page), "client.new-note",
                                   g_variant_new_string (""), ALCOVE_TYPE_NEW_NOTE_DIALOG);
  AlcoveNoteWindow *note_window;
  g_autoptr(AlcoveSession) session = NULL;
  g_autofree char *printed = NULL;

  /* today's session has its note now: not offered again */
  g_assert_null (alcove_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                          todays_session));
  g_assert_true (is_checked (GTK_WIDGET (dialog), "new_session_check"));
  alcove_test_set_text (GTK_WIDGET (dialog), "date_row", "not a date");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-note.create", NULL);
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "YYYY-MM-DD"));
  alcove_test_set_text (GTK_WIDGET (dialog), "date_row", past);
  alcove_test_run_for (200);
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "new-note-dialog-back-dated");

  note_window = start_note (dialog);
  g_assert_cmpstr (alcove_note_get_session_date (note_of (note_window)), ==, past);
  g_assert_true (alcove_note_is_late_entry (note_of (note_window)));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (note_window), "written"));
  printed = record_markup (app, note_of (note_window));
  g_assert_nonnull (strstr (printed, "after the session"));
  session = alcove_client_store_get_session (clients_of (app),
                                             alcove_note_get_session_id (note_of (note_window)),
                                             NULL);
  g_assert_cmpstr (alcove_session_get_field (session, ALCOVE_SESSION_DATE), ==, past);
  g_assert_cmpuint (n_sessions (app), ==, 3);
  alcove_test_save_screenshots (GTK_WIDGET (note_window), "note-back-dated");
  close_window (GTK_WINDOW (note_window));
}

static char *
session_on (AlcoveApplication *app,
            const char        *date)
{
  g_autoptr(GListModel) sessions = alcove_client_store_list_sessions (clients_of (app),
                                                                      client_id, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(AlcoveSession) session = g_list_model_get_item (sessions, i);

      if (g_strcmp0 (alcove_session_get_field (session, ALCOVE_SESSION_DATE), date) == 0)
        return g_strdup (alcove_session_get_id (session));
    }
  g_error ("no session on %s", date);
}

/* A session booked for tomorrow is scheduled; opened again, it is cancelled, which asks why */
static void
cancel_a_session (AlcoveApplication *app,
                  AlcoveWindow      *window,
                  AlcoveClientPage  *client_page)
{
  g_autofree char *tomorrow = alcove_test_day_from_today (1);
  g_autofree char *id = NULL;
  GtkWindow *dialog;

  alcove_client_page_set_tab (client_page, "sessions");
  dialog = open_window (GTK_WIDGET (client_page), "client.add-session", NULL,
                        ALCOVE_TYPE_SESSION_DIALOG);
  alcove_test_set_text (GTK_WIDGET (dialog), "date_row", tomorrow);
  g_assert_cmpuint (selected (GTK_WIDGET (dialog), "status_row"), ==, ALCOVE_SESSION_SCHEDULED);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "session.save", NULL);
  alcove_test_run_for (400);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_SESSION_DIALOG));
  id = session_on (app, tomorrow);

  dialog = open_window (GTK_WIDGET (client_page), "client.open-session",
                        g_variant_new_string (id), ALCOVE_TYPE_SESSION_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Session");
  adw_combo_row_set_selected (ADW_COMBO_ROW (alcove_test_find (GTK_WIDGET (dialog),
                                                                ADW_TYPE_COMBO_ROW, "status_row")),
                              ALCOVE_SESSION_CANCELLED);
  alcove_test_run_for (200);
  g_assert_true (is_visible (GTK_WIDGET (dialog), "reason_row"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "session.save", NULL);
  alcove_test_run_for (400);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "Say why the session was"));
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "session-dialog-cancel");
  alcove_test_set_text (GTK_WIDGET (dialog), "reason_row", REASON);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "session.save", NULL);
  alcove_test_run_for (400);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_SESSION_DIALOG));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page), "Cancelled: " REASON));
  alcove_test_save_screenshots (GTK_WIDGET (window), "client-page-sessions-status");
}

/* The session whose note is signed opens read-only but for its code, and offers no Delete */
static void
signed_session_is_kept (AlcoveApplication *app,
                        AlcoveClientPage  *client_page)
{
  GtkWindow *dialog = open_window (GTK_WIDGET (client_page), "client.open-session",
                                   g_variant_new_string (todays_session),
                                   ALCOVE_TYPE_SESSION_DIALOG);
  GtkWidget *locked = alcove_test_find (GTK_WIDGET (dialog), GTK_TYPE_REVEALER, "locked_revealer");
  g_autoptr(AlcoveSession) session = NULL;

  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (locked)));
  g_assert_false (is_sensitive (GTK_WIDGET (dialog), "date_row"));
  g_assert_true (is_sensitive (GTK_WIDGET (dialog), "service_row"));
  g_assert_false (is_visible (GTK_WIDGET (dialog), "delete_group"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "Signed"));
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "session-dialog-signed");
  alcove_test_set_text (GTK_WIDGET (dialog), "service_row", "90837");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "session.save", NULL);
  alcove_test_run_for (400);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_SESSION_DIALOG));
  session = alcove_client_store_get_session (clients_of (app), todays_session, NULL);
  g_assert_cmpstr (alcove_session_get_field (session, ALCOVE_SESSION_SERVICE_CODE), ==, "90837");
}

/* A session recorded without a note: its row's Write Note starts one for it, and then Open
 * Note opens it */
static void
note_from_session_row (AlcoveApplication *app,
                       AlcoveClientPage  *client_page)
{
  g_autofree char *date = alcove_test_day_from_today (-3);
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(GError) error = NULL;
  AlcoveNoteWindow *note_window;
  GtkWindow *dialog;
  GtkWidget *row;
  g_autofree char *note_id = NULL;

  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, client_id);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, date);
  g_assert_true (alcove_client_store_save_session (clients_of (app), session, &error));
  g_assert_no_error (error);
  alcove_test_run_for (300);

  row = alcove_test_find (GTK_WIDGET (client_page), ADW_TYPE_ACTION_ROW,
                          alcove_session_get_id (session));
  g_assert_true (alcove_test_tree_has_text (row, "Write Note"));
  alcove_test_save_screenshots (GTK_WIDGET (gtk_widget_get_root (row)), "client-page-write-note");
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_NEW_NOTE_DIALOG));
  gtk_widget_activate (alcove_test_find (row, GTK_TYPE_BUTTON, NULL));
  alcove_test_run_for (400);
  dialog = alcove_test_find_toplevel (ALCOVE_TYPE_NEW_NOTE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (is_checked (GTK_WIDGET (dialog), alcove_session_get_id (session)));
  note_window = start_note (dialog);
  g_assert_cmpstr (alcove_note_get_session_id (note_of (note_window)), ==,
                   alcove_session_get_id (session));
  note_id = g_strdup (alcove_note_get_id (note_of (note_window)));
  close_window (GTK_WINDOW (note_window));

  row = alcove_test_find (GTK_WIDGET (client_page), ADW_TYPE_ACTION_ROW,
                          alcove_session_get_id (session));
  g_assert_true (alcove_test_tree_has_text (row, "Open Note"));
  gtk_widget_activate (alcove_test_find (row, GTK_TYPE_BUTTON, NULL));
  g_assert_true (alcove_test_wait_until (note_window_is_up, NULL, 5000));
  note_window = ALCOVE_NOTE_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  g_assert_cmpstr (alcove_note_get_id (note_of (note_window)), ==, note_id);
  close_window (GTK_WINDOW (note_window));
}

/* A session entered by mistake is deleted, after a question */
static void
delete_a_session (AlcoveApplication *app,
                  AlcoveWindow      *window,
                  AlcoveClientPage  *client_page)
{
  g_autofree char *date = alcove_test_day_from_today (-2);
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(GError) error = NULL;
  guint before;
  GtkWindow *dialog;

  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, client_id);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, date);
  g_assert_true (alcove_client_store_save_session (clients_of (app), session, &error));
  before = n_sessions (app);
  alcove_test_run_for (300);
  dialog = open_window (GTK_WIDGET (client_page), "client.open-session",
                        g_variant_new_string (alcove_session_get_id (session)),
                        ALCOVE_TYPE_SESSION_DIALOG);
  g_assert_true (is_sensitive (GTK_WIDGET (dialog), "delete_button"));
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "session-dialog-open");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "session.delete", NULL);
  adw_message_dialog_response (alcove_test_find_message_dialog ("Delete This Session?"), "delete");
  alcove_test_run_for (400);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_SESSION_DIALOG));
  g_assert_cmpuint (n_sessions (app), ==, before - 1);
  g_assert_null (alcove_test_find_widget (GTK_WIDGET (client_page), ADW_TYPE_ACTION_ROW,
                                          alcove_session_get_id (session)));
  alcove_test_save_screenshots (GTK_WIDGET (window), "client-page-sessions");
}

/* Locks with a form open and unlocks as the same person: the form comes back */
static GtkWindow *
lock_and_unlock (AlcoveApplication *app,
                 GType              type)
{
  GtkWindow *form;

  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  alcove_test_run_for (500);
  g_assert_null (alcove_test_find_toplevel (type));
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  alcove_test_run_for (500);
  form = alcove_test_find_toplevel (type);
  g_assert_nonnull (form);
  return form;
}

static void
discard (GtkWindow  *form,
         const char *cancel_action)
{
  gtk_widget_activate_action (GTK_WIDGET (form), cancel_action, NULL);
  adw_message_dialog_response (alcove_test_find_message_dialog ("Save Changes?"), "discard");
  alcove_test_run_for (400);
}

static AlcoveClientPage *
client_page_of (AlcoveWindow *window)
{
  return alcove_main_page_get_client_page (alcove_window_get_main_page (window));
}

/* What was chosen in New Note and typed in an opened session comes back after a lock */
static void
forms_survive_a_lock (AlcoveApplication *app,
                      AlcoveWindow      *window)
{
  g_autofree char *past = alcove_test_day_from_today (-20);
  AlcoveDateRow *date_row;
  GtkWindow *dialog;

  dialog = open_window (GTK_WIDGET (client_page_of (window)), "client.new-note",
                        g_variant_new_string (""), ALCOVE_TYPE_NEW_NOTE_DIALOG);
  alcove_test_set_text (GTK_WIDGET (dialog), "date_row", past);
  dialog = lock_and_unlock (app, ALCOVE_TYPE_NEW_NOTE_DIALOG);
  date_row = ALCOVE_DATE_ROW (alcove_test_find (GTK_WIDGET (dialog), ALCOVE_TYPE_DATE_ROW,
                                                "date_row"));
  g_assert_cmpstr (alcove_date_row_get_iso_date (date_row), ==, past);
  g_assert_true (is_checked (GTK_WIDGET (dialog), "new_session_check"));
  discard (dialog, "new-note.cancel");
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_NEW_NOTE_DIALOG));

  dialog = open_window (GTK_WIDGET (client_page_of (window)), "client.open-session",
                        g_variant_new_string (todays_session), ALCOVE_TYPE_SESSION_DIALOG);
  alcove_test_set_text (GTK_WIDGET (dialog), "service_row", "90791");
  dialog = lock_and_unlock (app, ALCOVE_TYPE_SESSION_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Session");
  g_assert_cmpstr (text_of (GTK_WIDGET (dialog), "service_row"), ==, "90791");
  discard (dialog, "session.cancel");
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_SESSION_DIALOG));
}

static void
sessions_scenario (AlcoveApplication *app,
                   AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  AlcoveClientPage *client_page;
  AlcoveNoteWindow *note_window;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = alcove_window_get_main_page (window);
  alcove_main_page_show_client (page, client_id);
  alcove_test_run_for (500);
  client_page = alcove_main_page_get_client_page (page);
  g_assert_nonnull (client_page);

  note_window = note_for_todays_session (app, client_page);
  load_last_note (app, note_window);
  back_dated_note (app, client_page);
  cancel_a_session (app, window, client_page);
  signed_session_is_kept (app, client_page);
  note_from_session_row (app, client_page);
  delete_a_session (app, window, client_page);
  forms_survive_a_lock (app, window);
}

static void
test_sessions (void)
{
  g_autofree char *dir = make_practice ();

  alcove_test_run_app (dir, 1366, 768, sessions_scenario);
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/sessions-gui/sessions-and-notes", test_sessions);

  return g_test_run ();
}
