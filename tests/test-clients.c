/* test-clients.c — clients in the real window: list, editor, client page, sessions, roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-clients"

#include "config.h"

#include <adwaita.h>

#include "alcove-application.h"
#include "alcove-client-editor.h"
#include "alcove-client-list.h"
#include "alcove-client-page.h"
#include "alcove-gui-test-utils.h"
#include "alcove-list-pager.h"
#include "alcove-new-note-dialog.h"
#include "alcove-note-window.h"
#include "alcove-session-dialog.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"
#include "alcove-window.h"

static void
run_scenario (const char         *vault_dir,
              AlcoveTestScenario  scenario)
{
  alcove_test_run_app (vault_dir, 1000, 720, scenario);
}



static gboolean
editor_gone (gpointer data)
{
  return alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR) == NULL;
}

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

static const char *
get_text (GtkWidget  *root,
          const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (find (root, GTK_TYPE_WIDGET, name)));
}

static AlcoveMainPage *
main_page (AlcoveWindow *window)
{
  return alcove_window_get_main_page (window);
}

static GtkWidget *
open_editor (AlcoveWindow *window)
{
  GtkWindow *editor;

  gtk_widget_activate_action (GTK_WIDGET (alcove_main_page_get_client_list (main_page (window))),
                              "clients.add", NULL);
  alcove_test_run_for (300);
  editor = alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_modal (editor));
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (window));
  return GTK_WIDGET (editor);
}

static void
save_editor (GtkWidget *editor)
{
  gtk_widget_activate_action (editor, "editor.save", NULL);
  g_assert_true (alcove_test_wait_until (editor_gone, NULL, 2000));
}

static char *
years_ago (int years)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_years (now, -years);
  g_autoptr(GDateTime) earlier = g_date_time_add_days (then, -10);

  return g_date_time_format (earlier, "%Y-%m-%d");
}

static const char *
shown_name (AlcoveWindow *window,
            guint         position)
{
  GListModel *model = alcove_client_list_get_model (alcove_main_page_get_client_list (main_page (window)));
  g_autoptr(AlcoveClient) client = g_list_model_get_item (model, position);

  g_assert_nonnull (client);
  return alcove_client_get_display_name (client);
}

static guint
n_shown (AlcoveWindow *window)
{
  return g_list_model_get_n_items (alcove_client_list_get_model (alcove_main_page_get_client_list (main_page (window))));
}

/* A copy: saving replaces the store's snapshots */
static char *
find_client_id (AlcoveWindow *window,
                const char   *name)
{
  GListModel *all = alcove_client_store_get_clients (alcove_main_page_get_client_store (main_page (window)));

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveClient) client = g_list_model_get_item (all, i);

      if (g_strcmp0 (alcove_client_get_display_name (client), name) == 0)
        return g_strdup (alcove_client_get_id (client));
    }
  g_error ("no client %s", name);
  return NULL;
}

static void
search (AlcoveWindow *window,
        const char   *text)
{
  GtkWidget *list = GTK_WIDGET (alcove_main_page_get_client_list (main_page (window)));

  gtk_editable_set_text (GTK_EDITABLE (find (list, GTK_TYPE_SEARCH_ENTRY, "search_entry")), text);
  alcove_test_run_for (400);  /* search-changed is delayed */
}

static void
toggle (AlcoveWindow *window,
        const char   *name,
        gboolean      active)
{
  GtkWidget *list = GTK_WIDGET (alcove_main_page_get_client_list (main_page (window)));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find (list, GTK_TYPE_TOGGLE_BUTTON, name)), active);
  alcove_test_run_for (100);
}

static AdwViewStack *
client_tabs (AlcoveWindow *window)
{
  return ADW_VIEW_STACK (find (GTK_WIDGET (alcove_main_page_get_client_page (main_page (window))),
                               ADW_TYPE_VIEW_STACK, "view_stack"));
}

static void
note_opened_cb (AlcoveClientPage *page,
                AlcoveNote       *note,
                AlcoveNote      **out)
{
  g_set_object (out, note);
}

/* ---- the owner's day ---- */

static void
add_clients (AlcoveWindow *window)
{
  GtkWidget *editor;
  g_autofree char *minor_born = years_ago (12);
  g_autofree char *adult_born = years_ago (37);

  /* an adult */
  editor = open_editor (window);
  set_text (editor, "preferred_row", "Zoë");
  set_text (editor, "legal_row", "Zoë Martin");
  set_text (editor, "pronouns_row", "she/her");
  set_text (editor, "dob_row", adult_born);
  set_text (editor, "email_row", "zoe@example.org");
  set_text (editor, "phone_row", "555-0100");
  alcove_test_run_for (200);
  g_assert_true (alcove_test_tree_has_text (editor, "Age 37"));
  save_editor (editor);

  /* a minor with a guardian; a bad date of birth first */
  editor = open_editor (window);
  set_text (editor, "preferred_row", "Leo Park");
  set_text (editor, "pronouns_row", "he/him");
  set_text (editor, "dob_row", "2015-13-45");
  set_text (editor, "address_row", "12 Harbor Lane");
  alcove_test_run_for (200);
  g_assert_true (alcove_test_tree_has_text (editor, "Date of Birth: not a day"));
  gtk_widget_activate_action (editor, "editor.save", NULL);
  alcove_test_run_for (400);
  g_assert_nonnull (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find (editor, GTK_TYPE_REVEALER,
                                                                    "error_revealer"))));
  g_assert_true (alcove_test_tree_has_text (editor, "Enter the date of birth as YYYY-MM-DD"));
  g_assert_cmpstr (get_text (editor, "preferred_row"), ==, "Leo Park");
  g_assert_cmpstr (get_text (editor, "dob_row"), ==, "2015-13-45");
  g_assert_cmpstr (get_text (editor, "address_row"), ==, "12 Harbor Lane");
  g_assert_cmpuint (g_list_model_get_n_items (alcove_client_store_get_clients (alcove_main_page_get_client_store (main_page (window)))), ==, 1);
  alcove_test_save_screenshot (editor, "client-editor-error");

  set_text (editor, "dob_row", minor_born);
  alcove_test_run_for (400);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find (editor, GTK_TYPE_REVEALER,
                                                                     "error_revealer"))));
  g_assert_true (alcove_test_tree_has_text (editor, "Age 12 · Minor"));
  g_assert_true (gtk_widget_get_visible (find (editor, ADW_TYPE_PREFERENCES_GROUP, "guardians_group")));
  gtk_widget_activate_action (editor, "editor.add-guardian", NULL);
  alcove_test_run_for (100);
  set_text (editor, "guardian-name", "Mina Park");
  set_text (editor, "guardian-relationship", "Mother");
  set_text (editor, "guardian-access", "Attendance and billing");
  alcove_test_run_for (400);
  alcove_test_save_screenshot (editor, "client-editor");
  save_editor (editor);

  /* a discharged client */
  editor = open_editor (window);
  set_text (editor, "preferred_row", "Sam Rivera");
  set_text (editor, "pronouns_row", "they/them");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (editor, ADW_TYPE_COMBO_ROW, "status_row")),
                              ALCOVE_CLIENT_DISCHARGED);
  alcove_test_run_for (100);
  g_assert_true (gtk_widget_get_visible (find (editor, ADW_TYPE_ENTRY_ROW, "discharged_row")));
  set_text (editor, "discharged_row", "2025-01-31");
  save_editor (editor);

  /* Cancel with something typed asks first; Discard closes and saves nothing */
  editor = open_editor (window);
  set_text (editor, "preferred_row", "Not Saved");
  gtk_widget_activate_action (editor, "editor.cancel", NULL);
  alcove_test_run_for (300);
  g_assert_nonnull (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (alcove_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)),
                               "discard");
  g_assert_true (alcove_test_wait_until (editor_gone, NULL, 2000));
}

static void
owner_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  AlcoveClientStore *store;
  AlcoveClient *leo;
  AlcoveGuardian *guardian;
  AlcoveClientPage *client_page;
  g_autoptr(AlcoveNote) opened = NULL;
  g_autofree char *zoe_id = NULL;
  g_autofree char *leo_id = NULL;
  g_autofree char *sam_id = NULL;
  GtkWindow *dialog;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = main_page (window);
  g_assert_nonnull (alcove_main_page_get_client_store (page));
  g_assert_nonnull (alcove_main_page_get_note_store (page));
  store = alcove_main_page_get_client_store (page);

  alcove_main_page_set_section (page, "clients");
  alcove_test_run_for (300);
  g_assert_cmpstr (alcove_main_page_get_section (page), ==, "clients");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "No clients yet"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "clients-empty");

  add_clients (window);
  g_assert_cmpuint (g_list_model_get_n_items (alcove_client_store_get_clients (store)), ==, 3);
  g_assert_cmpuint (n_shown (window), ==, 3);
  leo_id = find_client_id (window, "Leo Park");
  sam_id = find_client_id (window, "Sam Rivera");
  leo = alcove_client_store_lookup (store, leo_id);
  g_assert_cmpuint (alcove_client_get_guardians (leo)->len, ==, 1);
  guardian = g_ptr_array_index (alcove_client_get_guardians (leo), 0);
  g_assert_cmpstr (guardian->name, ==, "Mina Park");
  g_assert_cmpstr (guardian->relationship, ==, "Mother");
  g_assert_cmpstr (guardian->access, ==, "Attendance and billing");
  g_assert_cmpint (alcove_client_get_status (alcove_client_store_lookup (store, sam_id)),
                   ==, ALCOVE_CLIENT_DISCHARGED);
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "Leo Park"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "Minor"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "clients-list-light");
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), "clients-list-dark");
  alcove_test_set_dark (FALSE);

  /* search as you type, without diacritics */
  search (window, "zoe");
  g_assert_cmpuint (n_shown (window), ==, 1);
  g_assert_cmpstr (shown_name (window, 0), ==, "Zoë");
  search (window, "MARTIN");
  g_assert_cmpuint (n_shown (window), ==, 1);
  search (window, "nobody at all");
  g_assert_cmpuint (n_shown (window), ==, 0);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "No matches"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "clients-no-matches");
  search (window, "");
  g_assert_cmpuint (n_shown (window), ==, 3);

  /* filters */
  toggle (window, "minors_toggle", TRUE);
  g_assert_cmpuint (n_shown (window), ==, 1);
  g_assert_cmpstr (shown_name (window, 0), ==, "Leo Park");
  toggle (window, "minors_toggle", FALSE);
  toggle (window, "discharged_toggle", TRUE);
  g_assert_cmpuint (n_shown (window), ==, 1);
  g_assert_cmpstr (shown_name (window, 0), ==, "Sam Rivera");
  toggle (window, "discharged_toggle", FALSE);
  toggle (window, "active_toggle", TRUE);
  g_assert_cmpuint (n_shown (window), ==, 2);
  toggle (window, "active_toggle", FALSE);
  g_assert_cmpuint (n_shown (window), ==, 3);

  /* sort by name */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (GTK_WIDGET (alcove_main_page_get_client_list (page)),
                                                   GTK_TYPE_DROP_DOWN, "sort_dropdown")), 1);
  alcove_test_run_for (100);
  g_assert_cmpstr (shown_name (window, 0), ==, "Leo Park");
  g_assert_cmpstr (shown_name (window, 1), ==, "Sam Rivera");
  g_assert_cmpstr (shown_name (window, 2), ==, "Zoë");

  /* open a client from the list, as a click or Enter does */
  g_signal_emit_by_name (find (GTK_WIDGET (alcove_main_page_get_client_list (page)), GTK_TYPE_LIST_VIEW,
                               "list_view"), "activate", 2);
  alcove_test_run_for (500);
  zoe_id = find_client_id (window, "Zoë");
  g_assert_cmpstr (alcove_main_page_get_client_id (page), ==, zoe_id);
  client_page = alcove_main_page_get_client_page (page);
  g_assert_nonnull (client_page);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "she/her"));
  g_assert_cmpint (alcove_test_count_audit (alcove_application_get_vault (app), "client.view",
                                            zoe_id), ==, 1);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Alcove");
  g_assert_nonnull (adw_view_stack_get_child_by_name (client_tabs (window), "private"));

  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page), "No notes yet"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "client-page-record-empty");

  /* New Note asks for the session (a new one today, as none is recorded), then → a draft,
   * and "open-note" */
  g_signal_connect (client_page, "open-note", G_CALLBACK (note_opened_cb), &opened);
  gtk_widget_activate_action (GTK_WIDGET (client_page), "client.new-note", "s", "soap");
  alcove_test_run_for (300);
  g_assert_null (opened);
  dialog = alcove_test_find_toplevel (ALCOVE_TYPE_NEW_NOTE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-note.create", NULL);
  alcove_test_run_for (300);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_NEW_NOTE_DIALOG));
  g_assert_nonnull (opened);
  g_assert_false (alcove_note_is_private (opened));
  g_assert_cmpstr (alcove_note_get_client_id (opened), ==, zoe_id);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page), "Drafts"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page), "SOAP"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "client-page-record");

  /* a session: a bad start time is refused and nothing typed is lost */
  gtk_widget_activate_action (GTK_WIDGET (client_page), "client.add-session", NULL);
  alcove_test_run_for (300);
  dialog = alcove_test_find_toplevel (ALCOVE_TYPE_SESSION_DIALOG);
  g_assert_nonnull (dialog);
  set_text (GTK_WIDGET (dialog), "start_row", "25:99");
  set_text (GTK_WIDGET (dialog), "service_row", "90834");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "session.save", NULL);
  alcove_test_run_for (400);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "Enter the start time as HH:MM"));
  g_assert_cmpstr (get_text (GTK_WIDGET (dialog), "service_row"), ==, "90834");
  alcove_test_save_screenshot (GTK_WIDGET (dialog), "session-dialog-error");
  set_text (GTK_WIDGET (dialog), "start_row", "14:30");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "session.save", NULL);
  alcove_test_run_for (400);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_SESSION_DIALOG));
  alcove_client_page_set_tab (client_page, "sessions");
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page), "Code 90834"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "client-page-sessions");

  alcove_client_page_set_tab (client_page, "private");
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page), "Only you, their author, can read them"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "client-page-private");
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), "client-page-private-dark");
  alcove_test_set_dark (FALSE);

  alcove_client_page_set_tab (client_page, "details");
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page), "zoe@example.org"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "client-page-details");

  /* Edit from the details: the page and the title follow the saved name */
  gtk_widget_activate_action (GTK_WIDGET (client_page), "client.edit", NULL);
  alcove_test_run_for (300);
  {
    GtkWidget *editor = GTK_WIDGET (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR));

    g_assert_nonnull (editor);
    g_assert_cmpstr (get_text (editor, "preferred_row"), ==, "Zoë");
    set_text (editor, "preferred_row", "Zoë M.");
    save_editor (editor);
  }
  alcove_test_run_for (200);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "Zoë M."));
  g_assert_cmpint (alcove_test_count_audit (alcove_application_get_vault (app), "client.update",
                                            zoe_id), ==, 1);

  /* locking forgets every widget; unlocking returns to the same client (ids only kept) */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  alcove_test_run_for (300);
  g_assert_null (alcove_window_get_main_page (window));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (window), "Zoë M."));
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = main_page (window);
  g_assert_cmpstr (alcove_main_page_get_section (page), ==, "clients");
  g_assert_cmpstr (alcove_main_page_get_client_id (page), ==, zoe_id);
  g_assert_cmpint (alcove_test_count_audit (alcove_application_get_vault (app), "client.view",
                                            zoe_id), ==, 2);

  /* Alt+Left / Escape go back to the list */
  gtk_widget_activate_action (GTK_WIDGET (page), "main.client-back", NULL);
  alcove_test_run_for (300);
  g_assert_null (alcove_main_page_get_client_id (page));
  g_assert_null (alcove_main_page_get_client_page (page));
}

static void
test_owner (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "owner", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  alcove_vault_lock (vault);
  run_scenario (dir, owner_scenario);
}

/* ---- billing: sessions and details, never notes ---- */

static void
billing_scenario (AlcoveApplication *app,
                  AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  AlcoveClientPage *client_page;
  g_autofree char *id = NULL;

  alcove_test_unlock_app (app, "bea", TEST_OTHER_PASSWORD);
  page = main_page (window);
  alcove_main_page_set_section (page, "clients");
  alcove_test_run_for (300);
  g_assert_cmpuint (n_shown (window), ==, 1);
  id = find_client_id (window, "Ada Brook");
  alcove_main_page_show_client (page, id);
  alcove_test_run_for (500);
  client_page = alcove_main_page_get_client_page (page);
  g_assert_nonnull (client_page);
  g_assert_null (adw_view_stack_get_child_by_name (client_tabs (window), "private"));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (window), "Psychotherapy Notes"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page),
                                            "Your role does not give access to clinical notes"));
  g_assert_cmpint (alcove_test_count_audit (alcove_application_get_vault (app), "client.view",
                                            id), ==, 1);
  alcove_test_save_screenshot (GTK_WIDGET (window), "client-page-billing");
}

static void
test_billing (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "billing", NULL);
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) owner = NULL;
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(AlcoveClientStore) store = NULL;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_vault_lock (created);
  owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_assert_true (alcove_vault_add_user (owner, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING, password,
                                        alcove_test_fast_kdf (), &error));
  g_assert_no_error (error);
  store = alcove_client_store_new (owner, &error);
  g_assert_no_error (error);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Ada Brook");
  g_assert_true (alcove_client_store_save (store, client, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  alcove_vault_lock (owner);

  run_scenario (dir, billing_scenario);
}

/* ---- views follow the session's stores, one row at a time ---- */

static GtkWidget *
note_row (AlcoveClientPage *page,
          AlcoveNote       *note)
{
  return alcove_test_find_widget (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW,
                                  alcove_note_get_id (note));
}

static AlcoveNote *
written_note (AlcoveNoteStore *notes,
              const char      *client_id,
              const char      *date,
              const char      *subjective)
{
  g_autoptr(GError) error = NULL;
  AlcoveNote *note = alcove_note_store_create (notes, client_id, NULL, "soap", date, &error);

  g_assert_no_error (error);
  alcove_note_set_section (note, "subjective", subjective);
  alcove_note_set_section (note, "objective", "Calm, engaged.");
  alcove_note_set_section (note, "assessment", "Improving.");
  alcove_note_set_section (note, "plan", "Continue weekly.");
  g_assert_true (alcove_note_store_save (notes, note, &error));
  return note;
}

static gboolean
row_shows (gpointer data)
{
  gpointer *page_and_text = data;

  return alcove_test_tree_has_text (page_and_text[0], page_and_text[1]);
}

static void
live_rows_scenario (AlcoveApplication *app,
                    AlcoveWindow      *window)
{
  AlcoveWorkspace *workspace;
  AlcoveNoteStore *notes;
  AlcoveClientPage *page;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(AlcoveNote) signed_note = NULL;
  g_autoptr(AlcoveNote) draft = NULL;
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(GError) error = NULL;
  AlcoveNoteWindow *note_window;
  GtkWidget *signed_row, *draft_row, *drafts_group;
  gpointer waiting[2];

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  workspace = alcove_test_app_workspace (app);
  notes = alcove_workspace_get_notes (workspace);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Noor Haddad");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1984-06-01");
  g_assert_true (alcove_client_store_save (alcove_workspace_get_clients (workspace), client,
                                           &error));
  signed_note = written_note (notes, alcove_client_get_id (client), "2025-02-03",
                              "Talked about the move.");
  g_assert_true (alcove_note_store_sign (notes, signed_note, &error));
  g_assert_no_error (error);
  draft = written_note (notes, alcove_client_get_id (client), "2025-02-10", "First thoughts.");

  alcove_main_page_show_client (main_page (window), alcove_client_get_id (client));
  alcove_test_run_for (300);
  page = alcove_main_page_get_client_page (main_page (window));
  signed_row = note_row (page, signed_note);
  draft_row = note_row (page, draft);
  g_assert_nonnull (signed_row);
  g_assert_nonnull (draft_row);
  drafts_group = gtk_widget_get_ancestor (draft_row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_true (gtk_widget_get_visible (drafts_group));

  /* typed in the note's own window: its autosave reaches the page through the store alone */
  note_window = alcove_note_window_new (GTK_WINDOW (window), workspace, draft,
                                        alcove_client_get_id (client));
  gtk_window_present (GTK_WINDOW (note_window));
  alcove_test_run_for (300);
  gtk_text_buffer_set_text (alcove_note_editor_get_buffer (alcove_note_window_get_editor (note_window),
                                                           "subjective"),
                            "Second thoughts about the new job.", -1);
  waiting[0] = page;
  waiting[1] = (gpointer) "Second thoughts about the new job.";
  g_assert_true (alcove_test_wait_until (row_shows, waiting, 5000));
  /* the one row changed; the signed note's row is the same widget as before */
  g_assert_true (note_row (page, signed_note) == signed_row);
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (page), "First thoughts."));
  gtk_window_destroy (GTK_WINDOW (note_window));

  /* a session moved to another day moves its draft, the Sessions tab never shown */
  {
    g_autoptr(AlcoveSession) moved =
      alcove_client_store_get_session (alcove_workspace_get_clients (workspace),
                                       alcove_note_get_session_id (draft), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (alcove_client_page_get_tab (page), ==, "record");
    alcove_session_set_field (moved, ALCOVE_SESSION_DATE, "2025-02-12");
    g_assert_true (alcove_client_store_save_session (alcove_workspace_get_clients (workspace),
                                                     moved, &error));
    g_assert_no_error (error);
    alcove_test_run_for (100);
    g_assert_true (alcove_test_tree_has_text (note_row (page, draft), "12 February 2025"));
    /* the record was read again for it: the rows are new */
    signed_row = note_row (page, signed_note);
  }

  /* signing moves the row from Drafts to Signed; Drafts goes when empty */
  g_assert_true (alcove_note_store_sign (notes, draft, &error));
  g_assert_no_error (error);
  alcove_test_run_for (100);
  g_assert_true (note_row (page, signed_note) == signed_row);
  g_assert_nonnull (note_row (page, draft));
  g_assert_true (gtk_widget_get_parent (note_row (page, draft)) ==
                 gtk_widget_get_parent (signed_row));
  g_assert_false (gtk_widget_get_visible (drafts_group));

  /* a session saved anywhere shows on the Sessions tab */
  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, alcove_client_get_id (client));
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, "2025-02-17");
  alcove_session_set_duration (session, 50);
  g_assert_true (alcove_client_store_save_session (alcove_workspace_get_clients (workspace),
                                                   session, &error));
  g_assert_no_error (error);
  alcove_client_page_set_tab (page, "sessions");
  alcove_test_run_for (200);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (page), "17 February 2025"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "client-page-live-rows");
}

static void
test_live_rows (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "live-rows", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  alcove_vault_lock (vault);
  run_scenario (dir, live_rows_scenario);
}

/* ---- a long record opens a page at a time ---- */

static guint
n_note_rows (GtkListBox *box)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += g_object_get_data (G_OBJECT (child), "note") != NULL;
  return n;
}

static GtkListBox *
box_of (AlcoveClientPage *page,
        AlcoveNote       *note)
{
  return GTK_LIST_BOX (gtk_widget_get_parent (note_row (page, note)));
}

static void
long_record_scenario (AlcoveApplication *app,
                      AlcoveWindow      *window)
{
  AlcoveWorkspace *workspace;
  AlcoveNoteStore *notes;
  AlcoveClientPage *page;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GtkListBox *signed_box;
  GtkWidget *more;
  AlcoveNote *oldest;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  workspace = alcove_test_app_workspace (app);
  notes = alcove_workspace_get_notes (workspace);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Ines Moreau");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1979-03-09");
  g_assert_true (alcove_client_store_save (alcove_workspace_get_clients (workspace), client,
                                           &error));
  for (guint week = 0; week < 120; week++)
    {
      g_autoptr(GDateTime) first = g_date_time_new_utc (2020, 1, 6, 0, 0, 0);
      g_autoptr(GDateTime) day = g_date_time_add_weeks (first, (gint) week);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      AlcoveNote *note = written_note (notes, alcove_client_get_id (client), date,
                                       "Weekly session.");

      g_assert_true (alcove_note_store_sign (notes, note, &error));
      g_ptr_array_add (written, note);
    }
  oldest = g_ptr_array_index (written, 0);

  alcove_main_page_show_client (main_page (window), alcove_client_get_id (client));
  alcove_test_run_for (300);
  page = alcove_main_page_get_client_page (main_page (window));
  /* the newest page of notes, then a row for the next */
  signed_box = box_of (page, g_ptr_array_index (written, 119));
  g_assert_cmpuint (n_note_rows (signed_box), ==, ALCOVE_LIST_PAGER_PAGE);
  g_assert_null (note_row (page, oldest));
  more = gtk_widget_get_last_child (GTK_WIDGET (signed_box));
  g_assert_true (alcove_list_pager_is_more_row (more));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (more)), ==, "Show 50 More");
  alcove_test_save_screenshots (GTK_WIDGET (window), "client-page-long-record");

  /* an addendum to a note not shown yet brings its row in, and paging does not repeat it */
  g_assert_true (alcove_note_store_add_addendum (notes, oldest, "Dates corrected.", &error));
  g_assert_no_error (error);
  alcove_test_run_for (100);
  g_assert_nonnull (note_row (page, oldest));
  g_assert_true (gtk_widget_get_next_sibling (note_row (page, oldest)) == more);
  g_signal_emit_by_name (more, "activated");
  alcove_test_run_for (100);
  more = gtk_widget_get_last_child (GTK_WIDGET (signed_box));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (more)), ==, "Show 20 More");
  g_signal_emit_by_name (more, "activated");
  alcove_test_run_for (100);
  g_assert_cmpuint (n_note_rows (signed_box), ==, 120);
  g_assert_false (alcove_list_pager_is_more_row (gtk_widget_get_last_child (GTK_WIDGET (signed_box))));
  g_assert_nonnull (gtk_widget_get_focus_child (GTK_WIDGET (signed_box)));

  /* the sessions tab is filled when first shown, a page at a time too */
  alcove_client_page_set_tab (page, "sessions");
  alcove_test_run_for (200);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (page), "Show 50 More"));
}

static void
test_long_record (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "long-record", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  alcove_vault_lock (vault);
  run_scenario (dir, long_record_scenario);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/clients/owner", test_owner);
  g_test_add_func ("/clients/billing", test_billing);
  g_test_add_func ("/clients/live-rows", test_live_rows);
  g_test_add_func ("/clients/long-record", test_long_record);

  return g_test_run ();
}
