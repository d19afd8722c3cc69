/* test-cosign-gui.c — supervision in the real application: a supervisor's queue on Home,
 * co-signing one note and returning another, the author seeing the comment and signing
 * again, the statuses on the client page, print, and the policy in Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cosign-gui"

#include "config.h"

#include <adwaita.h>

#include "alcove-client-page.h"
#include "alcove-cosign-policy-group.h"
#include "alcove-cosign-queue.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-note-editor.h"
#include "alcove-note-format.h"
#include "alcove-note-window.h"
#include "alcove-preferences-window.h"
#include "alcove-print-markup.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

#define CLIENT_NAME "Wilhelmina Quarry"
#define COMMENT     "Please say more about the risk assessment and the safety plan."
#define SUPERVISOR  "Rui Tanaka"
#define NOTE_TEXT   "The client described a calmer week and slept better."

/* What the scenario works on, made before the application starts */
static char *cosigned_id;
static char *returned_id;
static char *client_id;

/* ---- the practice: dana owns it, sam is a clinician supervised by rui ---- */

static void
make_practice (const char *dir)
{
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_unlock_with_password (vault, "dana",
                                                    alcove_test_secret (TEST_PASSWORD), &error));
  alcove_test_add_user (vault, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (vault, "rui", SUPERVISOR, ALCOVE_ROLE_SUPERVISOR);
  g_assert_true (alcove_vault_grant_supervision (vault, "rui", "sam", &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);

  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
  clients = alcove_client_store_new (vault, &error);
  g_assert_no_error (error);
  notes = alcove_note_store_new (clients);
  client_id = alcove_test_add_client (clients, CLIENT_NAME);
  cosigned_id = alcove_test_write_note (notes, client_id, "soap", NOTE_TEXT, TRUE);
  returned_id = alcove_test_write_note (notes, client_id, "dap", NOTE_TEXT, TRUE);
  g_clear_object (&notes);
  g_clear_object (&clients);
  alcove_vault_lock (vault);
}

/* ---- helpers ---- */

static AlcoveCosignQueue *
find_queue (GtkWidget             *root,
            AlcoveCosignQueueKind  kind)
{
  if (ALCOVE_IS_COSIGN_QUEUE (root))
    {
      AlcoveCosignQueueKind found_kind;

      g_object_get (root, "kind", &found_kind, NULL);
      if (found_kind == kind)
        return ALCOVE_COSIGN_QUEUE (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AlcoveCosignQueue *found = find_queue (child, kind);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AlcoveCosignQueue *
queue_of (AlcoveWindow          *window,
          AlcoveCosignQueueKind  kind)
{
  AlcoveCosignQueue *queue = find_queue (GTK_WIDGET (alcove_window_get_main_page (window)), kind);

  g_assert_nonnull (queue);
  return queue;
}

static gboolean
note_window_is_up (gpointer data)
{
  return alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW) != NULL;
}

/* Opens a note from its row in a queue, as a click would */
static AlcoveNoteWindow *
open_from_queue (AlcoveCosignQueue *queue,
                 const char        *note_id)
{
  GtkWidget *row = alcove_test_find_widget (GTK_WIDGET (queue), ADW_TYPE_ACTION_ROW, note_id);
  AlcoveNoteWindow *note_window;

  g_assert_nonnull (row);
  gtk_widget_activate (row);
  g_assert_true (alcove_test_wait_until (note_window_is_up, NULL, 5000));
  note_window = ALCOVE_NOTE_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  gtk_window_set_default_size (GTK_WINDOW (note_window), 800, 760);
  alcove_test_run_for (400);
  return note_window;
}

static gboolean
no_note_window (gpointer data)
{
  return alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW) == NULL;
}

static void
close_note_window (AlcoveNoteWindow *note_window)
{
  gtk_window_close (GTK_WINDOW (note_window));
  g_assert_true (alcove_test_wait_until (no_note_window, NULL, 5000));
}

/* The button that reads `label` (with its mnemonic), wherever it is under `root` */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_text (GtkWidget  *root,
          const char *text)
{
  return alcove_test_tree_has_text (root, text);
}

/* ---- the supervisor ---- */

static void
supervisor_cosigns (AlcoveWindow *window)
{
  AlcoveCosignQueue *queue = queue_of (window, ALCOVE_COSIGN_QUEUE_AWAITING);
  AlcoveNoteWindow *note_window;
  AlcoveNoteEditor *editor;
  AdwMessageDialog *dialog;

  g_assert_cmpuint (alcove_cosign_queue_get_n_notes (queue), ==, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (queue)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (queue_of (window,
                                                                ALCOVE_COSIGN_QUEUE_RETURNED))));
  g_assert_true (has_text (GTK_WIDGET (queue), "Session of 30 November 2026 · by Sam Ortiz"));
  g_assert_true (has_text (GTK_WIDGET (queue), "Waiting less than an hour"));
  alcove_test_save_screenshots (GTK_WIDGET (window), "cosign-home-supervisor");

  note_window = open_from_queue (queue, cosigned_id);
  editor = alcove_note_window_get_editor (note_window);
  /* a supervisor co-signs or returns; only the author signs, and nobody types here */
  g_assert_true (gtk_widget_get_visible (find_button (GTK_WIDGET (note_window), "C_o-Sign…")));
  g_assert_true (gtk_widget_get_visible (find_button (GTK_WIDGET (note_window), "_Return…")));
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (note_window), "_Sign…")));
  g_assert_null (alcove_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW, NULL));
  g_assert_true (has_text (GTK_WIDGET (editor), "Awaiting co-signature by a supervisor"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (note_window), "note.cosign", NULL));
  alcove_test_save_screenshots (GTK_WIDGET (note_window), "cosign-note-supervisor");
  dialog = alcove_test_find_message_dialog ("Co-Sign This Note?");
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "cosign-confirm-dialog");
  adw_message_dialog_response (dialog, "cosign");
  alcove_test_run_for (300);
  g_assert_cmpint (alcove_note_get_cosign_state (alcove_note_editor_get_note (editor)), ==,
                   ALCOVE_COSIGN_DONE);
  g_assert_true (has_text (GTK_WIDGET (editor), "Co-signed by " SUPERVISOR " on"));
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (note_window), "C_o-Sign…")));
  alcove_test_save_screenshots (GTK_WIDGET (note_window), "cosign-cosigned-note");
  close_note_window (note_window);
  g_assert_cmpuint (alcove_cosign_queue_get_n_notes (queue), ==, 1);
}

static void
supervisor_returns (AlcoveWindow *window)
{
  AlcoveCosignQueue *queue = queue_of (window, ALCOVE_COSIGN_QUEUE_AWAITING);
  AlcoveNoteWindow *note_window = open_from_queue (queue, returned_id);
  AlcoveNoteEditor *editor = alcove_note_window_get_editor (note_window);
  AdwMessageDialog *dialog;
  GtkTextView *comment;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (note_window), "note.return", NULL));
  dialog = alcove_test_find_message_dialog ("Return This Note?");
  /* Return waits for a comment */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "return"));
  comment = GTK_TEXT_VIEW (alcove_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW,
                                                    NULL));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (comment), COMMENT, -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "return"));
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "cosign-return-dialog");
  adw_message_dialog_response (dialog, "return");
  alcove_test_run_for (300);

  /* the supervisor sees it returned, and cannot type in it */
  g_assert_cmpint (alcove_note_get_status (alcove_note_editor_get_note (editor)), ==,
                   ALCOVE_NOTE_DRAFT);
  g_assert_true (has_text (GTK_WIDGET (editor), COMMENT));
  g_assert_null (alcove_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW, NULL));
  g_assert_cmpstr (alcove_note_editor_get_status_text (editor), ==, "Returned for changes");
  close_note_window (note_window);
  g_assert_cmpuint (alcove_cosign_queue_get_n_notes (queue), ==, 0);
  g_assert_true (has_text (GTK_WIDGET (queue), "Nothing is waiting for you"));
}

/* ---- the author ---- */

static void
author_signs_again (AlcoveWindow *window)
{
  AlcoveCosignQueue *queue = queue_of (window, ALCOVE_COSIGN_QUEUE_RETURNED);
  AlcoveNoteWindow *note_window;
  AlcoveNoteEditor *editor;
  GtkTextBuffer *plan;

  g_assert_cmpuint (alcove_cosign_queue_get_n_notes (queue), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (queue)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (queue_of (window,
                                                                ALCOVE_COSIGN_QUEUE_AWAITING))));
  g_assert_true (has_text (GTK_WIDGET (queue), COMMENT));
  alcove_test_save_screenshots (GTK_WIDGET (window), "cosign-home-returned");

  note_window = open_from_queue (queue, returned_id);
  editor = alcove_note_window_get_editor (note_window);
  g_assert_true (has_text (GTK_WIDGET (editor), "Returned for changes by " SUPERVISOR " on"));
  g_assert_true (has_text (GTK_WIDGET (editor), COMMENT));
  g_assert_true (has_text (GTK_WIDGET (editor), "Earlier Signatures"));
  alcove_test_save_screenshots (GTK_WIDGET (note_window), "cosign-returned-note");

  plan = alcove_note_editor_get_buffer (editor, "plan");
  g_assert_nonnull (plan);
  gtk_text_buffer_set_text (plan, "Safety plan reviewed together; risk is low.", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (note_window), "note.sign", NULL));
  adw_message_dialog_response (alcove_test_find_message_dialog ("Sign This Note?"), "sign");
  alcove_test_run_for (300);
  g_assert_cmpint (alcove_note_get_cosign_state (alcove_note_editor_get_note (editor)), ==,
                   ALCOVE_COSIGN_AWAITING);
  g_assert_true (has_text (GTK_WIDGET (editor), "Awaiting co-signature by a supervisor"));
  g_assert_true (has_text (GTK_WIDGET (editor), "Earlier Signatures"));
  g_assert_cmpuint (alcove_cosign_queue_get_n_notes (queue), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (queue)));
  alcove_test_save_screenshots (GTK_WIDGET (note_window), "cosign-resigned-note");
  close_note_window (note_window);
}

static void
author_sees_statuses (AlcoveWindow *window)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);
  AlcoveNoteStore *notes = alcove_main_page_get_note_store (page);
  g_autoptr(AlcoveNote) cosigned = NULL;
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  alcove_main_page_show_client (page, client_id);
  alcove_test_run_for (400);
  g_assert_true (has_text (GTK_WIDGET (page), "Co-signed by " SUPERVISOR));
  g_assert_true (has_text (GTK_WIDGET (page), "Awaiting co-signature"));
  alcove_test_save_screenshots (GTK_WIDGET (window), "cosign-client-page");

  /* and on paper */
  cosigned = alcove_note_store_open (notes, cosigned_id, &error);
  g_assert_no_error (error);
  alcove_print_markup_append_note (markup, notes, cosigned, ALCOVE_NOTE_MARKUP_RECORD, NULL);
  g_assert_nonnull (strstr (markup->str, "Co-signed by " SUPERVISOR " on"));
}

/* ---- the policy ---- */

static AdwPreferencesWindow *
open_preferences (AlcoveApplication *app)
{
  AdwPreferencesWindow *preferences = alcove_test_open_preferences (app, "people");

  gtk_window_set_default_size (GTK_WINDOW (preferences), 760, 900);
  alcove_test_run_for (300);
  return preferences;
}

static GtkSwitch *
policy_switch (GtkWidget  *preferences,
               const char *id)
{
  g_autofree char *name = g_strconcat ("cosign-", id, NULL);
  GtkWidget *row = alcove_test_find_widget (preferences, ADW_TYPE_ACTION_ROW, name);

  g_assert_nonnull (row);
  return GTK_SWITCH (alcove_test_find_widget (row, GTK_TYPE_SWITCH, NULL));
}

static void
scroll_to_policy (AdwPreferencesWindow *preferences)
{
  GtkWidget *group = alcove_test_find_widget (GTK_WIDGET (preferences),
                                              ALCOVE_TYPE_COSIGN_POLICY_GROUP, NULL);
  GtkWidget *scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  /* both lists open: whose notes, and which formats */
  for (GtkWidget *row = alcove_test_find_widget (group, ADW_TYPE_EXPANDER_ROW, NULL); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  alcove_test_run_for (300);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  alcove_test_run_for (200);
}

static void
others_see_the_policy (AlcoveApplication *app)
{
  AdwPreferencesWindow *preferences = open_preferences (app);
  GtkSwitch *clinician = policy_switch (GTK_WIDGET (preferences), "clinician");

  g_assert_true (gtk_switch_get_active (clinician));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (clinician)));
  g_assert_true (has_text (GTK_WIDGET (preferences), "Only an owner changes this."));
  scroll_to_policy (preferences);
  alcove_test_save_screenshots (GTK_WIDGET (preferences), "cosign-preferences-others");
  gtk_window_destroy (GTK_WINDOW (preferences));
  alcove_test_run_for (200);
}

static void
owner_changes_the_policy (AlcoveApplication *app)
{
  AdwPreferencesWindow *preferences = open_preferences (app);
  AlcoveVault *vault = alcove_application_get_vault (app);
  GtkSwitch *soap = policy_switch (GTK_WIDGET (preferences), "soap");
  GtkSwitch *dap = policy_switch (GTK_WIDGET (preferences), "dap");
  GtkSwitch *birp = policy_switch (GTK_WIDGET (preferences), "birp");
  static const char * const others[] = { "girp", "intake", "discharge" };
  g_auto(GStrv) formats = NULL;

  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (soap)));
  g_assert_true (has_text (GTK_WIDGET (preferences), "Every format"));
  gtk_switch_set_active (soap, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    gtk_switch_set_active (policy_switch (GTK_WIDGET (preferences), others[i]), FALSE);
  alcove_test_run_for (200);
  formats = alcove_vault_dup_cosign_formats (vault);
  g_assert_cmpuint (g_strv_length (formats), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) formats, "dap"));
  g_assert_true (g_strv_contains ((const char * const *) formats, "birp"));
  g_assert_true (has_text (GTK_WIDGET (preferences), "DAP, BIRP") ||
                 has_text (GTK_WIDGET (preferences), "BIRP, DAP"));
  /* the last format cannot go: the switches stay as the vault has them */
  gtk_switch_set_active (dap, FALSE);
  gtk_switch_set_active (birp, FALSE);
  alcove_test_run_for (200);
  g_assert_true (gtk_switch_get_active (birp));
  scroll_to_policy (preferences);
  alcove_test_save_screenshots (GTK_WIDGET (preferences), "cosign-preferences-owner");
  gtk_window_destroy (GTK_WINDOW (preferences));
  alcove_test_run_for (200);
}

/* ---- the whole story ---- */

static void
switch_user (AlcoveApplication *app,
             const char        *username,
             const char        *password)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  alcove_test_run_for (500);
  alcove_test_unlock_app (app, username, password);
}

static void
cosign_and_return_scenario (AlcoveApplication *app,
                            AlcoveWindow      *window)
{
  alcove_test_unlock_app (app, "rui", TEST_OTHER_PASSWORD);
  supervisor_cosigns (window);
  supervisor_returns (window);

  switch_user (app, "sam", TEST_OTHER_PASSWORD);
  author_signs_again (window);
  author_sees_statuses (window);
  others_see_the_policy (app);

  switch_user (app, "dana", TEST_PASSWORD);
  owner_changes_the_policy (app);
}

static void
test_cosign_and_return (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "cosign", NULL);

  make_practice (dir);
  alcove_test_run_app (dir, 1100, 800, cosign_and_return_scenario);
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/cosign-gui/cosign-and-return", test_cosign_and_return);

  return g_test_run ();
}
