/* test-audit-viewer.c — the Audit Log and Incidents sections and the retention dialog in the
 * real window: filters, verification with progress, Mark Reviewed, an incident with its
 * countdowns and steps, the letter, and who sees which section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-audit-viewer"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "alcove-application.h"
#include "alcove-audit-query.h"
#include "alcove-audit-viewer.h"
#include "alcove-client-store.h"
#include "alcove-gui-test-utils.h"
#include "alcove-incident-list.h"
#include "alcove-incident-window.h"
#include "alcove-jurisdiction.h"
#include "alcove-note-store.h"
#include "alcove-retention-dialog.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"
#include "alcove-window.h"

static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *name)
{
  GtkWidget *widget = alcove_test_find_widget (root, type, name);

  if (widget == NULL)
    g_error ("no %s named %s", g_type_name (type), name ? name : "(any)");
  return widget;
}

/* Two clients with a note each, a past discharge for one, written before the app starts */
static void
seed_vault (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (vault, NULL);
  g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (clients);
  const char *names[] = { "Avery Quinn", "Blake Rivera" };

  alcove_test_add_user (vault, "carl", "Carl Supervisor", ALCOVE_ROLE_SUPERVISOR);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(AlcoveClient) client = alcove_client_new ();
      g_autoptr(AlcoveNote) note = NULL;
      g_autoptr(GError) error = NULL;

      alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, names[i]);
      g_assert_true (alcove_client_store_save (clients, client, &error));
      note = alcove_note_store_create (notes, alcove_client_get_id (client), NULL, "soap",
                                       i == 0 ? "2015-02-01" : "2024-02-01", &error);
      g_assert_no_error (error);
      alcove_note_set_section (note, "subjective", "talked");
      g_assert_true (alcove_note_store_save (notes, note, &error));
      alcove_client_store_record_view (clients, client);
      if (i == 0)
        {
          g_autoptr(AlcoveClient) edit = alcove_client_copy (client);

          alcove_client_set_status (edit, ALCOVE_CLIENT_DISCHARGED);
          alcove_client_set_field (edit, ALCOVE_CLIENT_DISCHARGED_ON, "2015-03-01");
          g_assert_true (alcove_client_store_save (clients, edit, &error));
          g_assert_no_error (error);
        }
    }
  alcove_vault_lock (vault);
}

static gboolean
not_verifying (gpointer data)
{
  return !alcove_audit_viewer_is_verifying (data);
}

static gboolean
window_shown (gpointer data)
{
  return alcove_test_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static GtkWindow *
wait_for_toplevel (GType type)
{
  g_assert_true (alcove_test_wait_until (window_shown, GSIZE_TO_POINTER (type), 3000));
  return alcove_test_find_toplevel (type);
}

static guint
position_of (GtkDropDown *combo,
             const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text))
      return i;
  g_error ("no “%s” to choose", text);
  return 0;
}

static void
audit_scenario (AlcoveWindow *window,
                AlcoveVault  *vault)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);
  AlcoveAuditViewer *viewer;
  GListModel *entries;
  GtkDropDown *client_combo, *action_combo;
  GtkWindow *dialog;
  guint all;
  g_autofree char *day = NULL;
  g_autoptr(GError) error = NULL;

  alcove_main_page_set_section (page, "audit");
  g_assert_cmpstr (alcove_main_page_get_section (page), ==, "audit");
  viewer = ALCOVE_AUDIT_VIEWER (find (GTK_WIDGET (page), ALCOVE_TYPE_AUDIT_VIEWER, NULL));
  entries = alcove_audit_viewer_get_entries (viewer);
  all = g_list_model_get_n_items (entries);
  g_assert_cmpuint (all, >, 8);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), "audit-viewer");

  /* live: a row written now shows without pressing Verify */
  alcove_vault_audit (vault, "test.live-row", "", NULL);
  alcove_test_run_for (300);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, all + 1);
  {
    g_autoptr(AlcoveAuditEntry) newest = g_list_model_get_item (entries, 0);
    g_assert_cmpstr (alcove_audit_entry_get_action (newest), ==, "test.live-row");
  }
  all++;

  /* one client: its rows only, all about it */
  client_combo = GTK_DROP_DOWN (find (GTK_WIDGET (viewer), GTK_TYPE_DROP_DOWN, "client_combo"));
  gtk_drop_down_set_selected (client_combo, position_of (client_combo, "Avery Quinn"));
  alcove_test_run_for (100);
  g_assert_cmpuint (g_list_model_get_n_items (entries), <, all);
  g_assert_cmpuint (g_list_model_get_n_items (entries), >=, 3);  /* create, note, view… */
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (viewer), "Opened a client record"));

  /* and only notes */
  action_combo = GTK_DROP_DOWN (find (GTK_WIDGET (viewer), GTK_TYPE_DROP_DOWN, "action_combo"));
  gtk_drop_down_set_selected (action_combo, position_of (action_combo, "Notes"));
  alcove_test_run_for (100);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(AlcoveAuditEntry) entry = g_list_model_get_item (entries, i);

      g_assert_true (g_str_has_prefix (alcove_audit_entry_get_action (entry), "note."));
    }
  alcove_test_save_screenshot (GTK_WIDGET (window), "audit-viewer-filtered");

  /* a date range with nothing in it */
  gtk_drop_down_set_selected (action_combo, 0);
  gtk_drop_down_set_selected (client_combo, 0);
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (viewer), ADW_TYPE_ENTRY_ROW, "to_entry")),
                         "2001-01-01");
  gtk_widget_activate_action (GTK_WIDGET (viewer), "audit.apply", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (viewer), ADW_TYPE_ENTRY_ROW, "to_entry")),
                         "");
  gtk_widget_activate_action (GTK_WIDGET (viewer), "audit.apply", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (entries), >=, all);

  /* verify: progress, then the banner */
  gtk_widget_activate_action (GTK_WIDGET (viewer), "audit.verify", NULL);
  g_assert_true (alcove_audit_viewer_is_verifying (viewer));
  g_assert_true (alcove_test_wait_until (not_verifying, viewer, 10000));
  alcove_test_run_for (300);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find (GTK_WIDGET (viewer),
                                                                    GTK_TYPE_REVEALER,
                                                                    "result_revealer"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find (GTK_WIDGET (viewer),
                                                                 GTK_TYPE_LABEL, "result_label"))),
                            "intact"));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (find (GTK_WIDGET (viewer),
                                                                           GTK_TYPE_PROGRESS_BAR,
                                                                           "progress_bar"))),
                     ==, 1.0);
  alcove_test_save_screenshot (GTK_WIDGET (window), "audit-viewer-verified");

  /* Mark Reviewed: a dialog with the range; the review is recorded */
  gtk_widget_activate_action (GTK_WIDGET (viewer), "audit.mark-reviewed", NULL);
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (dialog), "audit-mark-reviewed");
  /* as the button does: the response, then the dialog closes */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "review");
  gtk_window_destroy (dialog);
  alcove_test_run_for (200);
  g_assert_true (alcove_audit_review_last (vault, &day, &error));
  g_assert_no_error (error);
  g_assert_nonnull (day);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find (GTK_WIDGET (viewer),
                                                                 GTK_TYPE_LABEL, "status_label"))),
                            day));
}

static void
set_row (GtkWidget  *root,
         const char *name,
         const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (root, GTK_TYPE_WIDGET, name)), text);
}

static void
incident_scenario (AlcoveWindow *window,
                   AlcoveVault  *vault)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);
  AlcoveIncidentList *list;
  GtkWidget *incident_window;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) earlier = g_date_time_add_days (now, -48);
  g_autofree char *discovered = g_date_time_format (earlier, "%Y-%m-%d");
  g_autofree char *pdf = g_build_filename (g_get_user_cache_dir (), "letter.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *step_row;

  /* the practice's law chooses the rules: here Australia's */
  g_assert_true (alcove_practice_set_jurisdiction (vault, ALCOVE_JURISDICTION_AU_NDB, &error));
  g_assert_no_error (error);
  alcove_main_page_set_section (page, "incidents");
  list = ALCOVE_INCIDENT_LIST (find (GTK_WIDGET (page), ALCOVE_TYPE_INCIDENT_LIST, NULL));
  g_assert_cmpuint (alcove_incident_list_get_n_incidents (list), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (list), "incidents.new", NULL);
  incident_window = GTK_WIDGET (wait_for_toplevel (ALCOVE_TYPE_INCIDENT_WINDOW));

  /* saving without saying what happened is refused, and nothing typed is lost */
  set_row (incident_window, "discovered_row", discovered);
  gtk_widget_activate_action (incident_window, "incident.save", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find (incident_window,
                                                                    GTK_TYPE_REVEALER,
                                                                    "error_revealer"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (incident_window, GTK_TYPE_WIDGET,
                                                              "discovered_row"))), ==, discovered);

  set_row (incident_window, "description_row", "A laptop with the practice calendar was stolen");
  set_row (incident_window, "accessed_row", "appointment times and client names");
  set_row (incident_window, "accessed_by_row", "Unknown; reported to police");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (incident_window, GTK_TYPE_SPIN_BUTTON,
                                                    "affected_spin")), 42);
  gtk_switch_set_active (GTK_SWITCH (find (incident_window, GTK_TYPE_SWITCH, "harm_switch")), TRUE);
  gtk_widget_activate_action (incident_window, "incident.save", NULL);
  alcove_test_run_for (200);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find (incident_window,
                                                                     GTK_TYPE_REVEALER,
                                                                     "error_revealer"))));
  g_assert_nonnull (alcove_incident_get_id (alcove_incident_window_get_incident (ALCOVE_INCIDENT_WINDOW (incident_window))));
  g_assert_cmpuint (alcove_incident_list_get_n_incidents (list), ==, 1);

  /* discovered 48 days ago: the NDB assessment is late; no HIPAA deadline is shown */
  g_assert_null (alcove_test_find_widget (incident_window, GTK_TYPE_WIDGET, "hipaa-individuals"));
  g_assert_true (alcove_test_tree_has_text (find (incident_window, GTK_TYPE_WIDGET,
                                                  "ndb-assessment"), "18 days overdue"));
  g_assert_true (alcove_test_tree_has_text (find (incident_window, GTK_TYPE_WIDGET, "ndb-oaic"),
                                            "As soon as practicable"));

  /* tick "determine obligations" off: done today */
  step_row = find (incident_window, ADW_TYPE_ACTION_ROW, "obligations");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (step_row, GTK_TYPE_CHECK_BUTTON, NULL)),
                               TRUE);
  alcove_test_run_for (200);
  g_assert_true (alcove_test_tree_has_text (find (incident_window, GTK_TYPE_WIDGET,
                                                  "ndb-assessment"), "Done"));
  g_assert_cmpstr (alcove_incident_get_step_done (alcove_incident_window_get_incident (ALCOVE_INCIDENT_WINDOW (incident_window)),
                                                  ALCOVE_INCIDENT_STEP_OBLIGATIONS), !=, "");
  alcove_test_run_for (300);
  alcove_test_save_screenshot (incident_window, "incident");
  {
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find (incident_window,
                                                             GTK_TYPE_SCROLLED_WINDOW, NULL));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    alcove_test_run_for (300);
    alcove_test_save_screenshot (incident_window, "incident-steps");
  }

  /* the letter, exported to PDF instead of the print dialog */
  g_assert_true (alcove_incident_window_print_letter (ALCOVE_INCIDENT_WINDOW (incident_window), pdf,
                                                      &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_unlink (pdf);
  gtk_window_destroy (GTK_WINDOW (incident_window));
  alcove_test_run_for (200);
  alcove_test_save_screenshot (GTK_WIDGET (window), "incidents");
}

static void
retention_scenario (AlcoveWindow *window,
                    AlcoveVault  *vault)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), "main.retention", NULL);
  dialog = wait_for_toplevel (ALCOVE_TYPE_RETENTION_DIALOG);
  /* Avery, discharged in 2015, is past seven years */
  g_assert_cmpuint (alcove_retention_dialog_get_n_due (ALCOVE_RETENTION_DIALOG (dialog)), ==, 1);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "Avery Quinn"));
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (dialog), "retention");

  /* choose it, confirm plainly, and it is gone */
  {
    AlcoveClientStore *store = alcove_main_page_get_client_store (page);
    GtkWidget *group = find (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_GROUP, "due_group");
    GtkWindow *confirm;
    GtkCheckButton *understood;
    guint before = g_list_model_get_n_items (alcove_client_store_get_clients (store));

    gtk_check_button_set_active (GTK_CHECK_BUTTON (find (group, GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
    gtk_widget_activate_action (GTK_WIDGET (dialog), "retention.dispose", NULL);
    confirm = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (confirm),
                                                             "dispose"));
    understood = GTK_CHECK_BUTTON (find (GTK_WIDGET (confirm), GTK_TYPE_CHECK_BUTTON,
                                         "confirm_check"));
    gtk_check_button_set_active (understood, TRUE);
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (confirm),
                                                            "dispose"));
    alcove_test_run_for (300);
    alcove_test_save_screenshot (GTK_WIDGET (confirm), "retention-confirm");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "dispose");
    gtk_window_destroy (confirm);
    alcove_test_run_for (300);
    g_assert_cmpuint (alcove_retention_dialog_get_n_due (ALCOVE_RETENTION_DIALOG (dialog)), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (alcove_client_store_get_clients (store)), ==,
                      before - 1);
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "No record is past the policy today."));
    alcove_test_save_screenshot (GTK_WIDGET (dialog), "retention-disposed");
  }
  gtk_window_destroy (dialog);
}

static void
owner_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  AlcoveVault *vault;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  vault = alcove_application_get_vault (app);
  audit_scenario (window, vault);
  incident_scenario (window, vault);
  retention_scenario (window, vault);
}

static void
supervisor_scenario (AlcoveApplication *app,
                     AlcoveWindow      *window)
{
  AlcoveMainPage *page;

  alcove_test_unlock_app (app, "carl", TEST_OTHER_PASSWORD);
  page = alcove_window_get_main_page (window);
  /* the supervisor reviews the log but keeps neither the register nor the retention */
  alcove_main_page_set_section (page, "audit");
  g_assert_cmpstr (alcove_main_page_get_section (page), ==, "audit");
  g_assert_nonnull (alcove_test_find_widget (GTK_WIDGET (page), ALCOVE_TYPE_AUDIT_VIEWER, NULL));
  g_assert_null (alcove_test_find_widget (GTK_WIDGET (page), ALCOVE_TYPE_INCIDENT_LIST, NULL));
  gtk_widget_activate_action (GTK_WIDGET (page), "main.retention", NULL);
  alcove_test_run_for (200);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_RETENTION_DIALOG));
}

static void
test_owner (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "owner", NULL);

  seed_vault (dir);
  alcove_test_run_app (dir, 1100, 760, owner_scenario);
}

static void
test_supervisor (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "supervisor", NULL);

  seed_vault (dir);
  alcove_test_run_app (dir, 1100, 760, supervisor_scenario);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/audit-viewer/owner", test_owner);
  g_test_add_func ("/audit-viewer/supervisor", test_supervisor);

  return g_test_run ();
}
