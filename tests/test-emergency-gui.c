/* test-emergency-gui.c — emergency access in the real application under Xvfb: a clinician
 * writes and signs a note; a colleague who cannot read it breaks the glass through the
 * dialog (a wrong password first, refused inline with nothing lost), reads the note in the
 * emergency window, and the access expires: the window closes by itself and the note no
 * longer opens. The owner then sees the alert at sign-in, acknowledges it, and reviews the
 * access on the privacy dashboard; the author is told too. The owner's policy on the People
 * page is written through the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-emergency-gui"

#include "config.h"

#include <adwaita.h>

#include "alcove-application.h"
#include "alcove-audit-query.h"
#include "alcove-emergency-dialog.h"
#include "alcove-emergency-events-group.h"
#include "alcove-emergency-log.h"
#include "alcove-emergency-notes.h"
#include "alcove-emergency-policy-group.h"
#include "alcove-emergency-window.h"
#include "alcove-gui-test-utils.h"
#include "alcove-password-row.h"
#include "alcove-preferences-window.h"
#include "alcove-privacy-dashboard.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"
#include "alcove-window.h"

#define WAIT_MS 60000
#define NOTE_TEXT "Client described a plan to stay with her sister through the weekend."
#define EXPLANATION "Jordan called the front desk in crisis; Sam is on leave until Monday."

static char *client_id;
static char *note_id;

/* ---- helpers ---- */

static gboolean
toplevel_shown_cb (gpointer type)
{
  GtkWindow *window = alcove_test_find_toplevel ((GType) GPOINTER_TO_SIZE (type));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
toplevel_gone_cb (gpointer type)
{
  return alcove_test_find_toplevel ((GType) GPOINTER_TO_SIZE (type)) == NULL;
}

static gboolean
access_ended_cb (gpointer vault)
{
  return alcove_vault_get_emergency_event (vault) == NULL;
}

static GtkEditable *
password_row (gpointer dialog)
{
  return GTK_EDITABLE (alcove_test_get_widget (dialog, ALCOVE_TYPE_PASSWORD_ROW,
                                               "password_row"));
}

static GtkTextBuffer *
text_buffer (gpointer    root,
             const char *name)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (alcove_test_get_widget (root, GTK_TYPE_TEXT_VIEW,
                                                                          name)));
}

static gboolean
error_shown_cb (gpointer dialog)
{
  GtkWidget *revealer = alcove_test_get_widget (dialog, GTK_TYPE_REVEALER, "error_revealer");

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) &&
         gtk_widget_get_sensitive (GTK_WIDGET (password_row (dialog)));
}

static char *
explanation_of (gpointer dialog)
{
  GtkTextBuffer *buffer = text_buffer (dialog, "explanation_view");
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* ---- the clinician's note ---- */

static void
write_signed_note (AlcoveApplication *app)
{
  AlcoveWorkspace *workspace = alcove_test_app_workspace (app);

  client_id = alcove_test_add_client (alcove_workspace_get_clients (workspace), "Jordan Reyes");
  note_id = alcove_test_write_note (alcove_workspace_get_notes (workspace), client_id, "soap",
                                    NOTE_TEXT, TRUE);
}

/* ---- breaking the glass ---- */

static AlcoveEmergencyDialog *
open_dialog_from_client_page (AlcoveWindow *window)
{
  AlcoveMainPage *main_page = alcove_window_get_main_page (window);
  GtkWidget *button;

  alcove_main_page_show_client (main_page, client_id);
  alcove_test_run_for (400);
  button = alcove_test_get_widget (alcove_main_page_get_client_page (main_page), GTK_TYPE_BUTTON,
                 "emergency-access");
  alcove_test_save_screenshots (GTK_WIDGET (window), "emergency-client-page");
  gtk_widget_activate (button);
  g_assert_true (alcove_test_wait_until (toplevel_shown_cb,
                                         GSIZE_TO_POINTER (ALCOVE_TYPE_EMERGENCY_DIALOG), WAIT_MS));
  return ALCOVE_EMERGENCY_DIALOG (alcove_test_find_toplevel (ALCOVE_TYPE_EMERGENCY_DIALOG));
}

static void
fill_dialog (AlcoveEmergencyDialog *dialog,
             const char            *password)
{
  GtkWidget *open = alcove_test_get_widget (dialog, GTK_TYPE_BUTTON, "open_button");
  GtkWidget *reason = alcove_test_get_widget (dialog, ADW_TYPE_COMBO_ROW, "reason_row");

  /* the client chosen on their page; the rest still missing */
  g_assert_cmpstr (alcove_emergency_dialog_get_client_id (dialog), ==, client_id);
  g_assert_false (gtk_widget_get_sensitive (open));
  adw_combo_row_set_selected (ADW_COMBO_ROW (reason), ALCOVE_EMERGENCY_REASON_CONTINUITY);
  gtk_text_buffer_set_text (text_buffer (dialog, "explanation_view"), EXPLANATION, -1);
  g_assert_false (gtk_widget_get_sensitive (open));
  gtk_editable_set_text (password_row (dialog), password);
  g_assert_true (gtk_widget_get_sensitive (open));
}

static void
wrong_password_then_right (AlcoveEmergencyDialog *dialog,
                           AlcoveVault           *vault)
{
  g_autofree char *kept = NULL;

  fill_dialog (dialog, "not my password at all");
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "emergency-dialog");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "emergency.open", NULL);
  g_assert_true (alcove_test_wait_until (error_shown_cb, dialog, WAIT_MS));
  alcove_test_run_for (300);
  /* refused inline: nothing opened, nothing typed lost */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (alcove_test_get_widget (dialog,
                                                                                  GTK_TYPE_LABEL,
                                                                                  "error_label"))),
                            "not your password"));
  g_assert_null (alcove_vault_get_emergency_event (vault));
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_EMERGENCY_WINDOW));
  kept = explanation_of (dialog);
  g_assert_cmpstr (kept, ==, EXPLANATION);
  g_assert_cmpstr (alcove_emergency_dialog_get_client_id (dialog), ==, client_id);
  g_assert_cmpstr (gtk_editable_get_text (password_row (dialog)), ==, "not my password at all");
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "emergency-dialog-refused");

  gtk_editable_set_text (password_row (dialog), TEST_OTHER_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "emergency.open", NULL);
  g_assert_true (alcove_test_wait_until (toplevel_shown_cb,
                                         GSIZE_TO_POINTER (ALCOVE_TYPE_EMERGENCY_WINDOW), WAIT_MS));
  g_assert_true (alcove_test_wait_until (toplevel_gone_cb,
                                         GSIZE_TO_POINTER (ALCOVE_TYPE_EMERGENCY_DIALOG), WAIT_MS));
  g_assert_nonnull (alcove_vault_get_emergency_event (vault));
  g_assert_cmpstr (alcove_vault_get_emergency_client (vault), ==, client_id);
}

static void
read_the_note (AlcoveEmergencyWindow *window,
               AlcoveVault           *vault)
{
  GtkWidget *row;

  alcove_test_run_for (400);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window),
                                            "every note you open is recorded"));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (window), NOTE_TEXT));
  row = alcove_test_get_widget (window, GTK_TYPE_LIST_BOX_ROW, note_id);
  gtk_widget_activate (row);
  alcove_test_run_for (400);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), NOTE_TEXT));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "Subjective"));
  g_assert_true (gtk_widget_has_css_class (row, "opened"));
  /* read-only: no text view anywhere */
  g_assert_null (alcove_test_find_widget (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW, NULL));
  g_assert_cmpint (alcove_test_count_audit (vault, "emergency.view", note_id), >=, 1);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  alcove_test_save_screenshots (GTK_WIDGET (window), "emergency-window");
}

/* The access ends at its time, by the core's timer: the window closes by itself */
static void
let_it_expire (AlcoveApplication     *app,
               AlcoveEmergencyWindow *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  AlcoveNoteStore *notes = alcove_workspace_get_notes (alcove_test_app_workspace (app));
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;

  alcove_vault_set_emergency_expires (vault, g_get_real_time () / 1000 + 1000);
  g_assert_true (alcove_test_wait_until (access_ended_cb, vault, WAIT_MS));
  g_assert_true (alcove_test_wait_until (toplevel_gone_cb,
                                         GSIZE_TO_POINTER (ALCOVE_TYPE_EMERGENCY_WINDOW), 5000));
  g_assert_false (alcove_vault_get_locked (vault));
  note = alcove_emergency_notes_open (notes, note_id, &error);
  g_assert_null (note);
  g_assert_nonnull (error);
  g_clear_error (&error);
  note = alcove_note_store_open (notes, note_id, &error);
  g_assert_null (note);
  g_assert_nonnull (error);
}

/* ---- the owner ---- */

static void
acknowledge_alert (const char *who_read,
                   const char *screenshot)
{
  AdwMessageDialog *alert = alcove_test_find_message_dialog ("Emergency Access Was Used");
  g_autofree char *row_title = g_strdup_printf ("%s read Jordan Reyes’s progress notes",
                                                who_read);

  g_assert_nonnull (alert);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (alert), row_title));
  if (screenshot != NULL)
    alcove_test_save_screenshots (GTK_WIDGET (alert), screenshot);
  alcove_test_respond (alert, "acknowledge");
  alcove_test_run_for (300);
}

static void
review_on_dashboard (AlcoveApplication *app,
                     AlcoveWindow      *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  AlcoveMainPage *main_page = alcove_window_get_main_page (window);
  AlcoveEmergencyEventsGroup *group;
  AdwMessageDialog *review;
  g_autoptr(GPtrArray) unreviewed = NULL;

  alcove_main_page_set_section (main_page, "privacy");
  alcove_test_run_for (500);
  group = ALCOVE_EMERGENCY_EVENTS_GROUP (alcove_test_get_widget (main_page,
                                                                 ALCOVE_TYPE_EMERGENCY_EVENTS_GROUP,
                                                                 NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_cmpuint (alcove_emergency_events_group_get_n_events (group), ==, 1);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (group),
                                            "Lee Moreau read Jordan Reyes’s progress notes"));
  alcove_test_save_screenshots (GTK_WIDGET (window), "emergency-dashboard");

  gtk_widget_activate (alcove_test_get_widget (group, GTK_TYPE_BUTTON, "review"));
  alcove_test_run_for (300);
  review = alcove_test_find_message_dialog ("Review Emergency Access");
  g_assert_nonnull (review);
  gtk_text_buffer_set_text (text_buffer (review, NULL),
                            "Justified: called Lee the same afternoon.", -1);
  alcove_test_save_screenshots (GTK_WIDGET (review), "emergency-review");
  alcove_test_respond (review, "review");
  alcove_test_run_for (300);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group)));
  unreviewed = alcove_emergency_log_list (vault, TRUE, NULL);
  g_assert_nonnull (unreviewed);
  g_assert_cmpuint (unreviewed->len, ==, 0);
}

static void
change_policy (AlcoveApplication *app)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  GtkWindow *preferences;
  GtkWidget *group, *supervisors, *duration;
  g_auto(GStrv) roles = NULL;

  preferences = GTK_WINDOW (alcove_test_open_preferences (app, "people"));
  gtk_window_set_default_size (preferences, 760, 900);
  alcove_test_run_for (300);
  group = alcove_test_get_widget (preferences, ALCOVE_TYPE_EMERGENCY_POLICY_GROUP, NULL);
  supervisors = alcove_test_get_widget (group, GTK_TYPE_SWITCH, "supervisor_switch");
  duration = alcove_test_get_widget (group, ADW_TYPE_COMBO_ROW, "duration_row");
  g_assert_true (gtk_widget_get_sensitive (supervisors));
  gtk_switch_set_active (GTK_SWITCH (supervisors), FALSE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (duration), 1);
  alcove_test_run_for (300);
  roles = alcove_vault_dup_emergency_roles (vault);
  g_assert_true (g_strv_contains ((const char * const *) roles, "clinician"));
  g_assert_false (g_strv_contains ((const char * const *) roles, "supervisor"));
  g_assert_cmpint (alcove_vault_get_emergency_minutes (vault), ==, 120);
  gtk_widget_grab_focus (group);
  alcove_test_save_screenshots (GTK_WIDGET (preferences), "emergency-policy");
  gtk_window_destroy (preferences);
}

/* ---- the scenario ---- */

static void
break_the_glass_scenario (AlcoveApplication *app,
                          AlcoveWindow      *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  AlcoveEmergencyDialog *dialog;
  AlcoveEmergencyWindow *emergency;
  AlcoveNoteStore *notes;
  g_autoptr(GListModel) readable = NULL;
  g_autoptr(GPtrArray) alerts = NULL;

  /* sam writes and signs a note */
  alcove_test_unlock_app (app, "sam", TEST_OTHER_PASSWORD);
  write_signed_note (app);
  alcove_test_lock_app (app);

  /* lee, a colleague, cannot read it; the menu and the client's page offer the glass */
  alcove_test_unlock_app (app, "lee", TEST_OTHER_PASSWORD);
  g_assert_true (alcove_vault_can_break_glass (vault));
  notes = alcove_workspace_get_notes (alcove_test_app_workspace (app));
  readable = alcove_note_store_list_for_client (notes, client_id, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (readable), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (alcove_window_get_main_page (window)),
                                             "main.emergency-access", "s", ""));
  alcove_test_run_for (300);
  dialog = ALCOVE_EMERGENCY_DIALOG (alcove_test_find_toplevel (ALCOVE_TYPE_EMERGENCY_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_null (alcove_emergency_dialog_get_client_id (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (alcove_test_wait_until (toplevel_gone_cb,
                                         GSIZE_TO_POINTER (ALCOVE_TYPE_EMERGENCY_DIALOG), WAIT_MS));
  dialog = open_dialog_from_client_page (window);
  wrong_password_then_right (dialog, vault);
  emergency = ALCOVE_EMERGENCY_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_EMERGENCY_WINDOW));
  read_the_note (emergency, vault);
  let_it_expire (app, emergency);
  alcove_test_lock_app (app);

  /* dana, an owner: the alert, then the review */
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  acknowledge_alert ("Lee Moreau", "emergency-alert");
  alerts = alcove_emergency_log_alerts (vault, NULL);
  g_assert_nonnull (alerts);
  g_assert_cmpuint (alerts->len, ==, 0);
  review_on_dashboard (app, window);
  change_policy (app);
  alcove_test_lock_app (app);

  /* sam, the author, is told too */
  alcove_test_unlock_app (app, "sam", TEST_OTHER_PASSWORD);
  acknowledge_alert ("Lee Moreau", NULL);
  alcove_test_lock_app (app);
  alcove_test_unlock_app (app, "sam", TEST_OTHER_PASSWORD);
  g_assert_null (alcove_test_find_message_dialog ("Emergency Access Was Used"));
}

static void
test_break_the_glass (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "emergency", NULL);
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (owner, "lee", "Lee Moreau", ALCOVE_ROLE_CLINICIAN);
  alcove_vault_lock (owner);
  alcove_test_run_app (dir, 1100, 760, break_the_glass_scenario);
  g_clear_pointer (&client_id, g_free);
  g_clear_pointer (&note_id, g_free);
}

/* The audit viewer names the new actions in words */
static void
test_audit_labels (void)
{
  const char *actions[] = { "emergency.open", "emergency.view", "emergency.end",
                            "emergency.review", "emergency.acknowledge" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_cmpstr (alcove_audit_action_describe (actions[i]), !=, actions[i]);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/emergency-gui/break-the-glass", test_break_the_glass);
  g_test_add_func ("/emergency-gui/audit-labels", test_audit_labels);

  return g_test_run ();
}
