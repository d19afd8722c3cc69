/* test-measure-gui.c — giving a measure in the real window: the client's Measures tab, the
 * dialog's live total and band, the risk prompt that must be acknowledged, the saved row;
 * and billing, who has no Measures tab at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-measure-gui"

#include "config.h"

#include <adwaita.h>

#include "alcove-application.h"
#include "alcove-date-row.h"
#include "alcove-client-page.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-event-dialog.h"
#include "alcove-measure-dialog.h"
#include "alcove-measure-graph.h"
#include "alcove-measure-list.h"
#include "alcove-note-editor.h"
#include "alcove-record-print-dialog.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"
#include "alcove-window.h"

/* an earlier session of the client, made before the window opens */
static char *past_session_id;

static char *
client_id_named (AlcoveWindow *window,
                 const char   *name)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);
  AlcoveClientStore *store = alcove_main_page_get_client_store (page);
  GListModel *clients = alcove_client_store_get_clients (store);

  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(AlcoveClient) client = g_list_model_get_item (clients, i);

      if (g_str_equal (alcove_client_get_display_name (client), name))
        return g_strdup (alcove_client_get_id (client));
    }
  g_error ("no client %s", name);
}

static AlcoveClientPage *
open_client (AlcoveWindow *window)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);
  g_autofree char *ada = client_id_named (window, "Ada Brook");

  alcove_main_page_show_client (page, ada);
  alcove_test_run_for (400);
  return alcove_main_page_get_client_page (page);
}

static void
scenario (AlcoveApplication *app,
          AlcoveWindow      *window)
{
  AlcoveClientPage *client_page;
  AlcoveMeasureList *list;
  AlcoveMeasureDialog *dialog;
  GtkWidget *save, *risk;
  AlcoveMeasureStore *store;
  g_autoptr(GListModel) given = NULL;
  g_autofree char *ada = NULL;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  client_page = open_client (window);
  ada = g_strdup (alcove_client_page_get_client_id (client_page));
  alcove_client_page_set_tab (client_page, "measures");
  g_assert_cmpstr (alcove_client_page_get_tab (client_page), ==, "measures");
  list = ALCOVE_MEASURE_LIST (alcove_test_get_widget (client_page, ALCOVE_TYPE_MEASURE_LIST, NULL));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "Baseline") ||
                 alcove_test_find_widget (GTK_WIDGET (list), ALCOVE_TYPE_MEASURE_GRAPH, NULL) != NULL);

  gtk_widget_activate_action (GTK_WIDGET (list), "measures.administer", NULL);
  alcove_test_run_for (400);
  dialog = ALCOVE_MEASURE_DIALOG (alcove_test_find_toplevel (ALCOVE_TYPE_MEASURE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 1366, 768);
  alcove_test_run_for (300);
  /* the items as published, and the licence */
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog),
                                            "9. Thoughts that you would be better off dead or of hurting yourself in some way"));
  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *item = g_strdup_printf ("phq9_%d", i);

      alcove_measure_dialog_answer (dialog, item, 2);
    }
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "Total so far 16 (not every item answered)"));
  alcove_measure_dialog_answer (dialog, "phq9_9", 1);
  alcove_test_run_for (200);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "Total 17: Moderately severe depression"));
  /* the risk prompt holds the save until acknowledged */
  save = alcove_test_get_widget (dialog, GTK_TYPE_BUTTON, "save");
  risk = alcove_test_get_widget (dialog, GTK_TYPE_CHECK_BUTTON, "risk-acknowledge");
  g_assert_true (gtk_widget_get_mapped (risk));
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "measure.save", NULL);
  alcove_test_run_for (200);
  g_assert_nonnull (alcove_test_find_toplevel (ALCOVE_TYPE_MEASURE_DIALOG));
  store = alcove_workspace_get_measures (alcove_test_app_workspace (app));
  given = alcove_measure_store_list (store, ada, "phq9", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (given), ==, 2);
  g_clear_object (&given);
  gtk_widget_grab_focus (risk);
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "measure-dialog-risk");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (risk), TRUE);
  alcove_test_run_for (100);
  g_assert_true (gtk_widget_get_sensitive (save));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "measure.save", NULL);
  alcove_test_run_for (400);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_MEASURE_DIALOG));
  given = alcove_measure_store_list (store, ada, "phq9", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (given), ==, 3);
  /* the row appears through the store's signal, and the graph's table has the numbers */
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "17: Moderately severe depression"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "10 January 2026: 22, Severe depression (baseline)"));
  {
    AlcoveMeasureGraph *graph = ALCOVE_MEASURE_GRAPH (alcove_test_get_widget (list, ALCOVE_TYPE_MEASURE_GRAPH, NULL));
    g_autofree char *first = NULL;

    /* the keyboard is on the latest point; Home goes to the baseline */
    g_assert_cmpint (alcove_measure_graph_get_focused (graph), ==, 2);
    gtk_widget_grab_focus (GTK_WIDGET (graph));
    alcove_measure_graph_set_focused (graph, 0);
    first = alcove_measure_graph_describe_point (graph, 0);
    g_assert_cmpstr (first, ==, "10 January 2026: 22, Severe depression (baseline)");
    alcove_measure_graph_set_focused (graph, 99);
    g_assert_cmpint (alcove_measure_graph_get_focused (graph), ==, 2);
  }
  alcove_test_run_for (200);
  alcove_test_save_screenshots (GTK_WIDGET (window), "measures-tab");

  /* a note takes baseline, prior and latest in one action, with the acknowledged risk */
  {
    AlcoveNoteStore *notes = alcove_workspace_get_notes (alcove_test_app_workspace (app));
    g_autoptr(AlcoveNote) note = NULL;
    g_autoptr(GError) error = NULL;
    GtkWidget *editor;
    const char *objective;

    note = alcove_note_store_create (notes, ada, "", "soap", "2026-12-06", &error);
    g_assert_no_error (error);
    editor = g_object_ref_sink (GTK_WIDGET (alcove_note_editor_new (notes, note, ada)));
    g_assert_true (alcove_note_editor_insert_measure (ALCOVE_NOTE_EDITOR (editor), store, "phq9", &error));
    g_assert_no_error (error);
    g_assert_true (alcove_test_tree_has_text (editor, "Patient Health Questionnaire-9 (PHQ-9): baseline 22"
                                                      " (Severe depression), prior 14 (Moderate depression),"
                                                      " latest 17 (Moderately severe depression)"));
    g_assert_true (alcove_test_tree_has_text (editor, "): Item 9 (thoughts of being better off dead"));
    g_assert_false (alcove_note_editor_insert_measure (ALCOVE_NOTE_EDITOR (editor), store, "gad7", &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
    (void) objective;
    g_object_unref (editor);
  }

  /* events: a medication change entered from the tab joins the plan signed and the event
   * recorded before, on the graph and in the table */
  {
    AlcoveEventStore *events = alcove_workspace_get_events (alcove_test_app_workspace (app));
    AlcoveEventDialog *event_dialog;
    AlcoveMeasureGraph *graph;
    g_autoptr(GListModel) listed = NULL;
    g_autofree char *described = NULL;

    gtk_widget_activate_action (GTK_WIDGET (list), "measures.add-event", NULL);
    alcove_test_run_for (300);
    event_dialog = ALCOVE_EVENT_DIALOG (alcove_test_find_toplevel (ALCOVE_TYPE_EVENT_DIALOG));
    g_assert_nonnull (event_dialog);
    /* a refusal keeps what was typed */
    alcove_event_dialog_fill (event_dialog, ALCOVE_EVENT_MEDICATION, "2026-02-30", "Sertraline 50 mg started");
    gtk_widget_activate_action (GTK_WIDGET (event_dialog), "event.add", NULL);
    alcove_test_run_for (200);
    g_assert_nonnull (alcove_test_find_toplevel (ALCOVE_TYPE_EVENT_DIALOG));
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (event_dialog), "Enter the date of the event as YYYY-MM-DD"));
    alcove_test_save_screenshot (GTK_WIDGET (event_dialog), "measure-event-dialog");
    alcove_event_dialog_fill (event_dialog, ALCOVE_EVENT_MEDICATION, "2026-01-24", "Sertraline 50 mg started");
    gtk_widget_activate_action (GTK_WIDGET (event_dialog), "event.add", NULL);
    alcove_test_run_for (400);
    g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_EVENT_DIALOG));
    listed = alcove_event_store_list (events, ada, NULL, NULL, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 3);
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "24 January 2026 — Medication change: Sertraline 50 mg started"));
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "— Event: Moved in with sister"));
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "— Treatment plan: signed"));

    /* the keyboard walks scores and events by date: Home is the baseline, then the event */
    graph = ALCOVE_MEASURE_GRAPH (alcove_test_get_widget (list, ALCOVE_TYPE_MEASURE_GRAPH, NULL));
    gtk_widget_grab_focus (GTK_WIDGET (graph));
    alcove_measure_graph_set_focused (graph, 0);
    alcove_test_run_for (100);
    {
      GtkEventController *keys = NULL;
      gboolean handled = FALSE;

      for (guint i = 0; ; i++)
        {
          g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (graph));
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          g_assert_nonnull (controller);
          if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
            {
              keys = controller;
              break;
            }
        }
      g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
      g_assert_true (handled);
    }
    g_assert_cmpint (alcove_measure_graph_get_focused_event (graph), ==, 0);
    g_assert_cmpint (alcove_measure_graph_get_focused (graph), ==, -1);
    described = alcove_measure_graph_describe_event (graph, 0);
    g_assert_cmpstr (described, ==, "24 January 2026 — Medication change: Sertraline 50 mg started");
    /* the graph scrolled into view, the keyboard's focus shown as after a key press */
    gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
    gtk_widget_grab_focus (GTK_WIDGET (graph));
    alcove_test_run_for (300);
    alcove_test_save_screenshots (GTK_WIDGET (window), "measures-events");
  }

  /* administering in an earlier session: choosing it keeps the answers and takes its date */
  {
    AlcoveMeasureAdministration *last = NULL;
    g_autoptr(AlcoveMeasureAdministration) newest = NULL;
    g_autoptr(GListModel) now_given = NULL;

    gtk_widget_activate_action (GTK_WIDGET (list), "measures.administer", NULL);
    alcove_test_run_for (300);
    dialog = ALCOVE_MEASURE_DIALOG (alcove_test_find_toplevel (ALCOVE_TYPE_MEASURE_DIALOG));
    g_assert_nonnull (dialog);
    /* today's session, which the measure given above made, comes first */
    g_assert_cmpstr (alcove_measure_dialog_get_session (dialog), !=, "");
    g_assert_cmpstr (alcove_measure_dialog_get_session (dialog), !=, past_session_id);
    for (int i = 1; i <= 9; i++)
      {
        g_autofree char *item = g_strdup_printf ("phq9_%d", i);

        alcove_measure_dialog_answer (dialog, item, i == 9 ? 0 : 1);
      }
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "Total 8: Mild depression"));
    g_assert_true (alcove_measure_dialog_set_session (dialog, past_session_id));
    alcove_test_run_for (200);
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "Total 8: Mild depression"));
    /* the day follows the session chosen */
    g_assert_cmpstr (alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (alcove_test_get_widget (dialog, ALCOVE_TYPE_DATE_ROW, NULL))),
                     ==, "2026-03-07");
    alcove_test_save_screenshot (GTK_WIDGET (dialog), "measure-dialog-session");
    gtk_widget_activate_action (GTK_WIDGET (dialog), "measure.save", NULL);
    alcove_test_run_for (400);
    g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_MEASURE_DIALOG));
    now_given = alcove_measure_store_list (store, ada, "phq9", NULL);
    g_assert_cmpuint (g_list_model_get_n_items (now_given), ==, 4);
    for (guint i = 0; i < g_list_model_get_n_items (now_given); i++)
      {
        g_autoptr(AlcoveMeasureAdministration) one = g_list_model_get_item (now_given, i);

        if (g_strcmp0 (alcove_measure_administration_get_session_id (one), past_session_id) == 0)
          last = one;
      }
    g_assert_nonnull (last);
    g_assert_cmpstr (alcove_measure_administration_get_administered_on (last), ==, "2026-03-07");
    newest = g_list_model_get_item (now_given, 3);
    g_assert_cmpint (alcove_measure_administration_get_total (newest), ==, 17);
  }

  /* the record prints each measure's graph and its table */
  {
    g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "record-measures.pdf", NULL);
    g_autofree char *text = NULL;
    g_autofree char *png = NULL;
    g_autoptr(GError) error = NULL;
    AlcoveRecordPrintDialog *print;
    AlcoveWorkspace *workspace = alcove_test_app_workspace (app);
    AlcoveClient *client = alcove_client_store_lookup (alcove_workspace_get_clients (workspace), ada);

    print = alcove_record_print_dialog_new (GTK_WINDOW (window), alcove_workspace_get_notes (workspace),
                                            client);
    alcove_record_print_dialog_set_treatment (print, alcove_workspace_get_diagnoses (workspace),
                                              alcove_workspace_get_plans (workspace));
    alcove_record_print_dialog_set_measures (print, store, alcove_workspace_get_events (workspace));
    g_assert_true (alcove_record_print_dialog_print (print, pdf, &error));
    g_assert_no_error (error);
    text = alcove_test_pdf_text (pdf);
    g_assert_nonnull (strstr (text, "Outcome Measures"));
    g_assert_nonnull (strstr (text, "Patient Health Questionnaire-9 (PHQ-9)"));
    g_assert_nonnull (strstr (text, "10 January 2026: 22, Severe depression"));
    g_assert_nonnull (strstr (text, "Medication change: Sertraline 50 mg started"));
    /* the graph's own text is on the page: its baseline label and band names */
    g_assert_nonnull (strstr (text, "Baseline"));
    g_assert_nonnull (strstr (text, "Medication"));
    /* a picture of the page for a person to look at */
    png = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", "record-measures", NULL);
    {
      g_autoptr(GSubprocess) render = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "pdftoppm",
                                                        "-png", "-r", "80", "-f", "1", "-l", "1",
                                                        "-singlefile", pdf, png, NULL);

      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait_check (render, NULL, &error));
      g_assert_no_error (error);
    }
    gtk_window_destroy (GTK_WINDOW (print));
  }

  /* billing: no tab, no answers */
  alcove_test_lock_app (app);
  alcove_test_unlock_app (app, "bea", TEST_OTHER_PASSWORD);
  client_page = open_client (window);
  alcove_client_page_set_tab (client_page, "measures");
  g_assert_cmpstr (alcove_client_page_get_tab (client_page), !=, "measures");
  g_assert_null (alcove_test_find_widget (GTK_WIDGET (client_page), ALCOVE_TYPE_MEASURE_LIST, NULL));
}

static void
test_administer (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "measures", NULL);
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) owner = NULL;
  g_autoptr(AlcoveClientStore) store = NULL;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_vault_lock (created);
  owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  alcove_test_add_user (owner, "bea", "Bea Ledger", ALCOVE_ROLE_BILLING);
  store = alcove_client_store_new (owner, &error);
  g_assert_no_error (error);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Ada Brook");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1985-04-04");
  g_assert_true (alcove_client_store_save (store, client, &error));
  g_assert_no_error (error);
  /* two earlier administrations, so the graph has a baseline and a course */
  {
    g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (store);
    g_autoptr(AlcoveMeasureStore) measures = alcove_measure_store_new (notes);
    const int totals[] = { 22, 14 };
    const char *dates[] = { "2026-01-10", "2026-02-14" };

    for (guint k = 0; k < 2; k++)
      {
        g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(AlcoveMeasureAdministration) given = NULL;
        int left = totals[k];

        for (int i = 1; i <= 9; i++)
          {
            int score = i == 9 ? 0 : MIN (left, 3);

            g_hash_table_insert (answers, g_strdup_printf ("phq9_%d", i), GINT_TO_POINTER (score + 1));
            left -= score;
          }
        given = alcove_measure_store_administer (measures, alcove_client_get_id (client), "phq9",
                                                 dates[k], "", answers, FALSE, &error);
        g_assert_no_error (error);
      }
  }
  /* a plan signed, an event entered, and an earlier session with no measure yet */
  {
    g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (store);
    g_autoptr(AlcovePlanStore) plans = alcove_plan_store_new (notes);
    g_autoptr(AlcoveEventStore) events = alcove_event_store_new (plans);
    g_autoptr(AlcovePlan) plan = alcove_plan_store_create (plans, alcove_client_get_id (client), &error);
    g_autoptr(AlcoveClinicalEvent) event = NULL;
    g_autoptr(AlcoveSession) session = alcove_session_new ();
    g_autofree char *today = alcove_date_today_iso ();
    AlcovePlanProblem *problem;
    AlcovePlanGoal *goal;

    g_assert_no_error (error);
    problem = alcove_plan_add_problem (plan, "Low mood");
    goal = alcove_plan_add_goal (plan, problem->id, "Return to daily routines");
    alcove_plan_add_objective (plan, goal->id, "PHQ-9 below 10", "2099-03-01");
    alcove_plan_add_intervention (plan, problem->id, "Behavioural activation, weekly");
    alcove_plan_set_participation (plan, today, NULL);
    g_assert_true (alcove_plan_store_sign (plans, plan, &error));
    g_assert_no_error (error);
    event = alcove_event_store_add (events, alcove_client_get_id (client), ALCOVE_EVENT_OTHER,
                                    "2026-02-01", "Moved in with sister", &error);
    g_assert_no_error (error);
    alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, alcove_client_get_id (client));
    alcove_session_set_field (session, ALCOVE_SESSION_DATE, "2026-03-07");
    alcove_session_set_status (session, ALCOVE_SESSION_ATTENDED);
    g_assert_true (alcove_client_store_save_session (store, session, &error));
    g_assert_no_error (error);
    past_session_id = g_strdup (alcove_session_get_id (session));
  }
  g_clear_object (&store);
  alcove_vault_lock (owner);

  alcove_test_run_app (dir, 1366, 768, scenario);
  g_clear_pointer (&past_session_id, g_free);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/measure-gui/administer", test_administer);

  return g_test_run ();
}
