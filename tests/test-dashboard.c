/* test-dashboard.c — the privacy checklist in the real window: an empty vault, then a
 * policy, vendors and training added through the registers' forms; the report; roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-dashboard"

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <time.h>

#include "alcove-date.h"
#include "alcove-application.h"
#include "alcove-checklist-printer.h"
#include "alcove-checklist.h"
#include "alcove-client-store.h"
#include "alcove-gui-test-utils.h"
#include "alcove-privacy-dashboard.h"
#include "alcove-register-dialog.h"
#include "alcove-register-editor.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"
#include "alcove-window.h"

#define CLIENT_NAME "Philippa Quarrendon"

static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *name)
{
  GtkWidget *widget = alcove_test_find_widget (root, type, name);

  if (widget == NULL)
    g_error ("no %s named %s", g_type_name (type), name);
  return widget;
}

static void
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (root, GTK_TYPE_WIDGET, name)), text);
}

static void
select_choice (GtkWidget  *root,
               const char *name,
               guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (root, ADW_TYPE_COMBO_ROW, name)), position);
}

static void
check (GtkWidget  *root,
       const char *name)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (root, GTK_TYPE_CHECK_BUTTON, name)), TRUE);
}

static AlcovePrivacyDashboard *
dashboard (AlcoveWindow *window)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);

  return ALCOVE_PRIVACY_DASHBOARD (gtk_stack_get_child_by_name (alcove_main_page_get_content (page),
                                                                "privacy"));
}

static AlcoveChecklistStatus
status_of (AlcoveWindow          *window,
           AlcoveChecklistItemId  id)
{
  GPtrArray *items = alcove_privacy_dashboard_get_items (dashboard (window));

  return ((AlcoveChecklistItem *) g_ptr_array_index (items, id))->status;
}

static gboolean
dialog_gone (gpointer data)
{
  return alcove_test_find_toplevel (ALCOVE_TYPE_REGISTER_DIALOG) == NULL;
}

static GtkWidget *
open_form (AlcoveRegisterEditor *editor,
           const char           *action)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), action, NULL));
  alcove_test_run_for (300);
  dialog = alcove_test_find_toplevel (ALCOVE_TYPE_REGISTER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (editor));
  return GTK_WIDGET (dialog);
}

static void
save_form (GtkWidget *dialog)
{
  gtk_widget_activate_action (dialog, "register.save", NULL);
  g_assert_true (alcove_test_wait_until (dialog_gone, NULL, 2000));
  alcove_test_run_for (200);
}

static gboolean
banner_shown (GtkWidget *dialog)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (find (dialog, GTK_TYPE_REVEALER, NULL)));
}

/* Today as YYYY-MM-DD, as typed and stored */
static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Today as Alcove shows days */
static char *
today_shown (void)
{
  g_autofree char *today = today_text ();

  return alcove_date_format (today);
}

/* the button in tree whose action is action_name */
static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- the owner ---- */

static void
add_policy (AlcoveRegisterEditor *editor)
{
  GtkWidget *dialog = open_form (editor, "registers.review-policy");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "privacy-policy.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *today = today_text ();

  g_assert_true (g_file_set_contents (path, "Our privacy policy, version 3.", -1, NULL));
  /* reviewing with no document: refused, the form stays */
  gtk_widget_activate_action (dialog, "register.save", NULL);
  alcove_test_run_for (200);
  g_assert_true (banner_shown (dialog));
  g_assert_true (alcove_test_tree_has_text (dialog, "No privacy policy is attached yet"));

  alcove_register_dialog_set_policy_file (ALCOVE_REGISTER_DIALOG (dialog), file);
  g_assert_true (alcove_test_tree_has_text (dialog, "privacy-policy.txt"));
  set_text (dialog, "day_row", "2025-13-40");
  gtk_widget_activate_action (dialog, "register.save", NULL);
  alcove_test_run_for (200);
  g_assert_true (alcove_test_tree_has_text (dialog, "is not a date"));
  /* nothing typed is lost */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (dialog, GTK_TYPE_WIDGET, "day_row"))),
                   ==, "2025-13-40");
  alcove_test_save_screenshot (dialog, "policy-form-error");
  set_text (dialog, "day_row", today);
  save_form (dialog);
}

static void
add_vendors (AlcoveRegisterEditor *editor)
{
  GtkWidget *dialog = open_form (editor, "registers.add-teletherapy");
  g_autofree char *today = today_text ();

  g_assert_false (gtk_widget_is_visible (find (dialog, ADW_TYPE_COMBO_ROW, "ai-deletion")));
  set_text (dialog, "name_row", "Doxy.me");
  select_choice (dialog, "baa_row", ALCOVE_ANSWER_YES);
  set_text (dialog, "baa_signed_row", today);
  save_form (dialog);

  dialog = open_form (editor, "registers.add-ai-tool");
  g_assert_true (gtk_widget_is_visible (find (dialog, ADW_TYPE_COMBO_ROW, "ai-deletion")));
  set_text (dialog, "name_row", "Scribe AI");
  select_choice (dialog, "baa_row", ALCOVE_ANSWER_YES);
  set_text (dialog, "baa_signed_row", today);
  select_choice (dialog, "ai-encryption", ALCOVE_ANSWER_YES);
  select_choice (dialog, "ai-no-training", ALCOVE_ANSWER_YES);
  select_choice (dialog, "ai-storage", ALCOVE_ANSWER_YES);
  select_choice (dialog, "ai-audit-trail", ALCOVE_ANSWER_YES);
  /* deletion on request stays unanswered */
  set_text (dialog, "storage_row", "EU (Frankfurt)");
  alcove_test_run_for (500);  /* the entry rows' title animation */
  alcove_test_save_screenshot (dialog, "vendor-form-ai");
  save_form (dialog);
}

static void
add_training (AlcoveRegisterEditor *editor)
{
  GtkWidget *dialog = open_form (editor, "registers.add-training");

  /* no one chosen: refused, with what to do */
  check (dialog, "topic-breach");
  gtk_widget_activate_action (dialog, "register.save", NULL);
  alcove_test_run_for (200);
  g_assert_true (alcove_test_tree_has_text (dialog, "Choose who attended the training."));
  check (dialog, "attendee-dana");
  check (dialog, "topic-data-flow");
  check (dialog, "topic-shared-spaces");
  check (dialog, "topic-de-identifying");
  check (dialog, "topic-ai-tools");
  save_form (dialog);
}

static gboolean
message_dialog_gone (gpointer data)
{
  return alcove_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

/* "We use no AI tools": the row's Attest… button, a confirmation naming the statement, who
 * and today; cancelled once, then attested */
static void
attest_ai_tools (AlcoveWindow *window)
{
  GtkWidget *board = GTK_WIDGET (dashboard (window));
  GtkWidget *button = find (board, GTK_TYPE_BUTTON, "attest-ai-tools");
  GtkWidget *list = find (board, GTK_TYPE_LIST_BOX, "items_list");
  g_autofree char *today = today_shown ();
  g_autofree char *attested = g_strdup_printf ("Attested by Dana Whitfield on %s", today);
  GtkWindow *dialog;

  /* only the items resting on an empty list offer it */
  g_assert_nonnull (find (board, GTK_TYPE_BUTTON, "attest-teletherapy-baa"));
  g_assert_null (alcove_test_find_widget (board, GTK_TYPE_BUTTON, "attest-notes-secure"));
  g_assert_null (alcove_test_find_widget (board, GTK_TYPE_BUTTON, "attest-privacy-policy"));
  g_assert_true (gtk_widget_get_focusable (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "privacy.attest");
  alcove_test_save_screenshot (GTK_WIDGET (window), "dashboard-new");
  alcove_test_save_screenshot (list, "checklist-new");
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), "dashboard-new-dark");
  alcove_test_set_dark (FALSE);
  alcove_test_run_for (200);

  /* cancelled: nothing recorded */
  g_assert_true (gtk_widget_activate (button));
  alcove_test_run_for (300);
  dialog = alcove_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  alcove_test_respond (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_true (alcove_test_wait_until (message_dialog_gone, NULL, 2000));
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_AI_TOOLS), ==,
                   ALCOVE_CHECKLIST_NOT_YET_REVIEWED);

  gtk_widget_activate_action (board, "privacy.attest", "s", "ai-tools");
  alcove_test_run_for (300);
  dialog = alcove_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "“We use no AI tools”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            attested));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "attest");
  alcove_test_save_screenshot (GTK_WIDGET (dialog), "attest-dialog");
  alcove_test_respond (ADW_MESSAGE_DIALOG (dialog), "attest");
  g_assert_true (alcove_test_wait_until (message_dialog_gone, NULL, 2000));
  alcove_test_run_for (300);

  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_AI_TOOLS), ==, ALCOVE_CHECKLIST_CURRENT);
  g_assert_true (alcove_test_tree_has_text (board, "3 of 11 current"));
  g_assert_true (alcove_test_tree_has_text (board, attested));
  /* attested and current: no button until it is asked again */
  g_assert_null (alcove_test_find_widget (board, GTK_TYPE_BUTTON, "attest-ai-tools"));
  g_assert_nonnull (find (board, GTK_TYPE_BUTTON, "attest-teletherapy-baa"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "dashboard-attested");
  alcove_test_save_screenshot (find (board, GTK_TYPE_LIST_BOX, "items_list"), "checklist-attested");
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), "dashboard-attested-dark");
  alcove_test_set_dark (FALSE);
  alcove_test_run_for (200);
}

static void
owner_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  AlcoveRegisterEditor *editor;
  GPtrArray *items;
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "report.pdf", NULL);
  g_autofree char *markup = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = alcove_window_get_main_page (window);
  g_assert_nonnull (dashboard (window));
  alcove_main_page_set_section (page, "privacy");
  alcove_test_run_for (400);
  g_assert_cmpstr (alcove_main_page_get_section (page), ==, "privacy");

  /* a new vault with one client: current only in what Alcove checks itself (the notes are
   * secure) and in the one client's record, none past its time; no teletherapy platform and
   * no AI tools are not yet reviewed until someone says so; the rest to do */
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dashboard (window)), "2 of 11 current"));
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_AI_TOOLS), ==,
                   ALCOVE_CHECKLIST_NOT_YET_REVIEWED);
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_TELETHERAPY_BAA), ==,
                   ALCOVE_CHECKLIST_NOT_YET_REVIEWED);
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_DISCLOSURE_LIMITS), ==,
                   ALCOVE_CHECKLIST_NEEDS_ATTENTION);
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_RETENTION), ==, ALCOVE_CHECKLIST_CURRENT);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dashboard (window)), "Not yet reviewed"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dashboard (window)),
                                            "Nobody has attested “We use no AI tools” yet"));
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_PRIVACY_POLICY), ==,
                   ALCOVE_CHECKLIST_NEEDS_ATTENTION);
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_NOTES_SECURE), ==, ALCOVE_CHECKLIST_CURRENT);
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_INFORMED_CONSENT), ==,
                   ALCOVE_CHECKLIST_NEEDS_ATTENTION);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "No privacy policy is attached in the vault"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dashboard (window)),
                                            "1 of 1 active clients has no current intake consent"));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (dashboard (window)), CLIENT_NAME));
  alcove_test_save_screenshot (GTK_WIDGET (window), "dashboard-empty");

  /* auto-lock over 15 minutes is caught at once */
  g_settings_set_int (alcove_application_get_settings (app), "auto-lock-minutes", 20);
  alcove_test_run_for (100);
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_NOTES_SECURE), ==,
                   ALCOVE_CHECKLIST_NEEDS_ATTENTION);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "1 of 11 current"));
  g_settings_set_int (alcove_application_get_settings (app), "auto-lock-minutes", 5);
  alcove_test_run_for (100);

  attest_ai_tools (window);

  /* the policy row's button opens the registers on the policy page */
  gtk_widget_activate_action (GTK_WIDGET (dashboard (window)), "privacy.fix", "s", "policy");
  alcove_test_run_for (300);
  editor = ALCOVE_REGISTER_EDITOR (alcove_test_find_toplevel (ALCOVE_TYPE_REGISTER_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (editor)),
                   ==, "policy");
  add_policy (editor);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "Policy document kept in the vault"));
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_PRIVACY_POLICY), ==, ALCOVE_CHECKLIST_CURRENT);

  alcove_register_editor_show_page (editor, "vendors");
  add_vendors (editor);
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "Doxy.me"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "Scribe AI"));
  alcove_test_save_screenshot (GTK_WIDGET (editor), "vendor-register");
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_TELETHERAPY_BAA), ==, ALCOVE_CHECKLIST_CURRENT);
  /* one unanswered question of six */
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_AI_TOOLS), ==,
                   ALCOVE_CHECKLIST_NEEDS_ATTENTION);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window),
                                            "Scribe AI has not answered “Deletes data on request”"));

  alcove_register_editor_show_page (editor, "training");
  add_training (editor);
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_TRAINING), ==, ALCOVE_CHECKLIST_CURRENT);
  gtk_window_destroy (GTK_WINDOW (editor));
  alcove_test_run_for (300);

  /* policy, teletherapy and training now current; the AI tool in the register voids "We use
   * no AI tools" and needs attention */
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dashboard (window)), "5 of 11 current"));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (dashboard (window)), "Attested by"));
  {
    GtkWidget *next = find (GTK_WIDGET (dashboard (window)), GTK_TYPE_LIST_BOX, "next_list");
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (next), 0);

    /* needs attention first, in checklist order: consent comes before AI tools */
    g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (first)), ==, "next-informed-consent");
  }
  alcove_test_save_screenshot (GTK_WIDGET (window), "dashboard-partial");
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), "dashboard-partial-dark");
  alcove_test_set_dark (FALSE);

  /* the report: counts and words, never a client */
  items = alcove_privacy_dashboard_get_items (dashboard (window));
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  markup = alcove_checklist_printer_dup_markup ("Harbor Counseling", items, &today);
  g_assert_nonnull (strstr (markup, "5 of 11 current"));
  g_assert_nonnull (strstr (markup, "Evidence:"));
  g_assert_nonnull (strstr (markup, "Active clients: 1"));
  g_assert_null (strstr (markup, CLIENT_NAME));
  g_assert_true (alcove_privacy_dashboard_print (dashboard (window), pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_false (alcove_test_file_contains (pdf, CLIENT_NAME, strlen (CLIENT_NAME)));

  /* the consent item's button opens the Consents section; a section that is not there
   * says so, and the page stays */
  gtk_widget_activate_action (GTK_WIDGET (dashboard (window)), "privacy.fix", "s", "consents");
  alcove_test_run_for (200);
  g_assert_cmpstr (alcove_main_page_get_section (page), ==, "consents");
  gtk_widget_activate_action (GTK_WIDGET (page), "main.show-section", "s", "no-such-section");
  alcove_test_run_for (200);
  g_assert_cmpstr (alcove_main_page_get_section (page), ==, "consents");
}

static void
make_vault (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) owner = NULL;
  g_autoptr(AlcoveClientStore) store = NULL;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_vault_lock (created);
  owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_SUPERVISOR);
  alcove_test_add_user (owner, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  store = alcove_client_store_new (owner, &error);
  g_assert_no_error (error);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, CLIENT_NAME);
  g_assert_true (alcove_client_store_save (store, client, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  alcove_vault_lock (owner);
}

static void
test_owner (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "owner", NULL);

  make_vault (dir);
  alcove_test_run_app (dir, 1100, 980, owner_scenario);
}

/* ---- the supervisor reads; billing does not see the section ---- */

static void
supervisor_scenario (AlcoveApplication *app,
                     AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  AlcoveRegisterEditor *editor;
  GtkWidget *add;

  alcove_test_unlock_app (app, "sam", TEST_OTHER_PASSWORD);
  page = alcove_window_get_main_page (window);
  g_assert_nonnull (dashboard (window));
  alcove_main_page_set_section (page, "privacy");
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window),
                                            "Only the practice owner can change the registers."));
  /* not yet reviewed, and the supervisor may not attest */
  g_assert_cmpint (status_of (window, ALCOVE_CHECKLIST_AI_TOOLS), ==,
                   ALCOVE_CHECKLIST_NOT_YET_REVIEWED);
  g_assert_null (alcove_test_find_widget (GTK_WIDGET (dashboard (window)), GTK_TYPE_BUTTON,
                                          "attest-ai-tools"));
  gtk_widget_activate_action (GTK_WIDGET (dashboard (window)), "privacy.attest", "s", "ai-tools");
  alcove_test_run_for (200);
  g_assert_null (alcove_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  editor = alcove_privacy_dashboard_open_registers (dashboard (window), "devices");
  alcove_test_run_for (300);
  add = find_actionable (GTK_WIDGET (editor), "registers.add-device");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_is_sensitive (add));
  gtk_widget_activate_action (GTK_WIDGET (editor), "registers.add-device", NULL);
  alcove_test_run_for (200);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_REGISTER_DIALOG));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
billing_scenario (AlcoveApplication *app,
                  AlcoveWindow      *window)
{
  AlcoveMainPage *page;

  alcove_test_unlock_app (app, "bea", TEST_OTHER_PASSWORD);
  page = alcove_window_get_main_page (window);
  g_assert_null (dashboard (window));
  gtk_widget_activate_action (GTK_WIDGET (page), "main.show-section", "s", "privacy");
  alcove_test_run_for (200);
  g_assert_cmpstr (alcove_main_page_get_section (page), !=, "privacy");
}

static void
test_roles (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "roles", NULL);

  make_vault (dir);
  alcove_test_run_app (dir, 1000, 720, supervisor_scenario);
  alcove_test_run_app (dir, 1000, 720, billing_scenario);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/dashboard/owner", test_owner);
  g_test_add_func ("/dashboard/roles", test_roles);

  return g_test_run ();
}
