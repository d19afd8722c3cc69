/* test-plans-gui.c — diagnoses and treatment plans in the real application: the problem
 * list editor (search by code and by words, a valid code Alcove does not ship typed, codes
 * refused with their reason), the plan editor (a draft written, signing refused then done,
 * revised into its next version), a progress note addressing an objective, reviews due on
 * Home, the review interval in Preferences, printing and sharing with real content, and
 * billing's view. Screenshots light and dark at 1366×768.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-plans-gui"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "alcove-client-page.h"
#include "alcove-date.h"
#include "alcove-diagnosis-dialog.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-note-editor.h"
#include "alcove-new-note-dialog.h"
#include "alcove-note-window.h"
#include "alcove-objective-row.h"
#include "alcove-plan-review-queue.h"
#include "alcove-plan-view.h"
#include "alcove-plan-window.h"
#include "alcove-practice-settings.h"
#include "alcove-problem-list.h"
#include "alcove-record-print-dialog.h"
#include "alcove-share-wizard.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

#define WIDTH  1366
#define HEIGHT 768

#define CLIENT_NAME  "Marisol Quintero-Vance"
#define PROBLEM      "Panic attacks keep her from taking the bus to work"
#define GOAL         "Travel to work by bus without leaving early"
#define OBJECTIVE    "Ride two stops with a panic rating below 4 of 10"
#define OBJECTIVE_2  "Ride the whole route three days a week"
#define INTERVENTION "Interoceptive and in-vivo exposure, weekly, 50 minutes"

static char *client_id;

/* dana owns the practice and reviews plans every 10 days; sam is a clinician supervised by
 * rui; bea does billing */
static void
make_practice (const char *dir)
{
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_unlock_with_password (vault, "dana",
                                                    alcove_test_secret (TEST_PASSWORD), &error));
  alcove_test_add_user (vault, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (vault, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  alcove_test_add_user (vault, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  g_assert_true (alcove_vault_grant_supervision (vault, "rui", "sam", &error));
  g_assert_no_error (error);
  clients = alcove_client_store_new (vault, &error);
  g_assert_no_error (error);
  client_id = alcove_test_add_client (clients, CLIENT_NAME);
  g_clear_object (&clients);
  alcove_vault_lock (vault);
}

/* ---- helpers ---- */

static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *name)
{
  GtkWidget *widget = alcove_test_find_widget (root, type, name);

  if (widget == NULL)
    g_error ("no %s named “%s”", g_type_name (type), name ? name : "(any)");
  return widget;
}

static gboolean
toplevel_is_up (gpointer type)
{
  return alcove_test_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
toplevel_is_gone (gpointer type)
{
  return alcove_test_find_toplevel (GPOINTER_TO_SIZE (type)) == NULL;
}

static GtkWindow *
wait_for (GType type)
{
  g_assert_true (alcove_test_wait_until (toplevel_is_up, GSIZE_TO_POINTER (type), 5000));
  alcove_test_run_for (300);
  return alcove_test_find_toplevel (type);
}

static void
wait_gone (GType type)
{
  g_assert_true (alcove_test_wait_until (toplevel_is_gone, GSIZE_TO_POINTER (type), 5000));
}

static AlcoveClientPage *
show_treatment (AlcoveWindow *window)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);
  AlcoveClientPage *client_page;

  alcove_main_page_show_client (page, client_id);
  client_page = alcove_main_page_get_client_page (page);
  g_assert_nonnull (client_page);
  alcove_client_page_set_tab (client_page, "treatment");
  g_assert_cmpstr (alcove_client_page_get_tab (client_page), ==, "treatment");
  alcove_test_run_for (300);
  return client_page;
}

/* ---- the problem list ---- */

static AlcoveDiagnosisDialog *
open_diagnosis_dialog (AlcoveProblemList *list)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "problems.add", NULL));
  return ALCOVE_DIAGNOSIS_DIALOG (wait_for (ALCOVE_TYPE_DIAGNOSIS_DIALOG));
}

typedef struct
{
  GtkWidget  *root;
  const char *name;
} Lookup;

static gboolean
row_is_there (gpointer data)
{
  Lookup *lookup = data;

  return alcove_test_find_widget (lookup->root, ADW_TYPE_ACTION_ROW, lookup->name) != NULL;
}

/* Types into the search as a person would, and waits for the code's row */
static GtkWidget *
search (AlcoveDiagnosisDialog *dialog,
        const char            *query,
        const char            *code)
{
  GtkWidget *entry = find (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY, "search_entry");
  Lookup lookup = { find (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, "results_box"), code };

  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  g_assert_true (alcove_test_wait_until (row_is_there, &lookup, 3000));
  alcove_test_run_for (100);
  return find (lookup.root, ADW_TYPE_ACTION_ROW, code);
}

static void
save_dialog (AlcoveDiagnosisDialog *dialog)
{
  g_autoptr(AlcoveDiagnosisDialog) held = g_object_ref (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "diagnosis.save", NULL));
  if (alcove_diagnosis_dialog_get_error (held) != NULL)
    g_error ("the diagnosis was refused: %s", alcove_diagnosis_dialog_get_error (held));
  wait_gone (ALCOVE_TYPE_DIAGNOSIS_DIALOG);
  alcove_test_run_for (200);
}

static void
problem_list_editor (AlcoveWindow *window)
{
  AlcoveClientPage *client_page = show_treatment (window);
  AlcoveProblemList *list = ALCOVE_PROBLEM_LIST (find (GTK_WIDGET (client_page),
                                                       ALCOVE_TYPE_PROBLEM_LIST, NULL));
  AlcoveDiagnosisDialog *dialog;
  GtkWidget *row;

  g_assert_cmpuint (alcove_problem_list_get_n_items (list), ==, 0);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "No diagnoses recorded"));

  /* by code, as people type it: billable codes first, the heading shown but not chosen */
  dialog = open_diagnosis_dialog (list);
  row = search (dialog, "f41", "F41.1");
  g_assert_true (gtk_widget_get_sensitive (row));
  g_assert_false (gtk_widget_get_sensitive (find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "F41")));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "Generalized anxiety disorder"));
  gtk_widget_activate (row);
  g_assert_cmpstr (alcove_diagnosis_dialog_get_code (dialog), ==, "F41.1");
  gtk_switch_set_active (GTK_SWITCH (find (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, "primary_switch")),
                         TRUE);
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "onset_row")),
                         "2025-11-03");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 720);
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "plans-diagnosis-by-code");
  save_dialog (dialog);
  g_assert_cmpuint (alcove_problem_list_get_n_items (list), ==, 1);

  /* by words */
  dialog = open_diagnosis_dialog (list);
  row = search (dialog, "adjustment anx", "F43.22");
  gtk_widget_activate (row);
  g_assert_cmpstr (alcove_diagnosis_dialog_get_code (dialog), ==, "F43.22");
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "plans-diagnosis-by-words");
  save_dialog (dialog);
  g_assert_cmpuint (alcove_problem_list_get_n_items (list), ==, 2);

  /* a valid code Alcove does not ship, typed, with its words */
  dialog = open_diagnosis_dialog (list);
  row = search (dialog, "g4700", "G47.00");
  g_assert_true (alcove_test_tree_has_text (row, "Use G47.00"));
  gtk_widget_activate (row);
  g_assert_true (gtk_widget_get_visible (find (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                               "description_row")));
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                             "description_row")), "Insomnia, unspecified");
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "plans-diagnosis-typed");
  save_dialog (dialog);
  g_assert_cmpuint (alcove_problem_list_get_n_items (list), ==, 3);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "G47.00 Insomnia, unspecified"));

  /* refused, saying why, and kept open: a code not written as ICD-10-CM writes one, then a
   * category heading, then a code already on the list */
  dialog = open_diagnosis_dialog (list);
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY,
                                             "search_entry")), "F3");
  alcove_test_run_for (300);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "diagnosis.save", NULL);
  g_assert_nonnull (alcove_diagnosis_dialog_get_error (dialog));
  g_assert_nonnull (strstr (alcove_diagnosis_dialog_get_error (dialog),
                            "“F3” is not written as an ICD-10-CM code"));
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "plans-diagnosis-refused");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "diagnosis.choose", "s", "F32");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "diagnosis.save", NULL);
  g_assert_nonnull (strstr (alcove_diagnosis_dialog_get_error (dialog), "is a category"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "diagnosis.choose", "s", "f411");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "diagnosis.save", NULL);
  g_assert_nonnull (strstr (alcove_diagnosis_dialog_get_error (dialog),
                            "F41.1 is already on this client’s problem list"));
  gtk_window_close (GTK_WINDOW (dialog));
  wait_gone (ALCOVE_TYPE_DIAGNOSIS_DIALOG);
  g_assert_cmpuint (alcove_problem_list_get_n_items (list), ==, 3);
}

/* ---- the plan ---- */

static AlcovePlanWindow *
plan_window (void)
{
  AlcovePlanWindow *window = ALCOVE_PLAN_WINDOW (wait_for (ALCOVE_TYPE_PLAN_WINDOW));

  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  alcove_test_run_for (300);
  return window;
}

static gboolean
sign_dialog_is_up (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)),
                     "Sign This Version?") == 0)
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (toplevel);
          return TRUE;
        }
    }
  return FALSE;
}

/* Signs as a person would: the action, then Sign in the question it asks */
static void
sign_plan (AlcovePlanWindow *window)
{
  AdwMessageDialog *dialog = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "plan.sign", NULL));
  g_assert_true (alcove_test_wait_until (sign_dialog_is_up, &dialog, 5000));
  adw_message_dialog_response (dialog, "sign");
  gtk_window_destroy (GTK_WINDOW (dialog));
  alcove_test_run_for (300);
}

/* Scrolls the window's content so that `widget` is in view */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  alcove_test_run_for (100);
  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - 24);
  alcove_test_run_for (200);
}

static void
close_plan_window (AlcovePlanWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  wait_gone (ALCOVE_TYPE_PLAN_WINDOW);
}

static void
type_into (GtkWidget  *root,
           const char *row_name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (root, ADW_TYPE_ENTRY_ROW, row_name)), text);
}

/* The objective's target date, typed into the row under it */
static void
type_target_date (GtkWidget           *root,
                  AlcovePlanObjective *objective,
                  const char          *date)
{
  g_autofree char *name = g_strconcat ("target-date-", objective->id, NULL);

  type_into (root, name, date);
}

static const char *
diagnosis_id_of (AlcoveWorkspace *workspace,
                 const char      *code)
{
  g_autoptr(GListModel) list = alcove_diagnosis_store_list_for_client (alcove_workspace_get_diagnoses (workspace),
                                                                       client_id, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(AlcoveDiagnosis) diagnosis = g_list_model_get_item (list, i);

      if (g_str_equal (alcove_diagnosis_get_code (diagnosis), code))
        return g_intern_string (alcove_diagnosis_get_id (diagnosis));
    }
  g_assert_not_reached ();
}

/* A first draft written through its window, refused while incomplete, then signed */
static char *
write_first_plan (AlcoveApplication *app,
                  AlcoveClientPage  *client_page)
{
  AlcoveWorkspace *workspace = alcove_test_app_workspace (app);
  AlcovePlanView *view = ALCOVE_PLAN_VIEW (find (GTK_WIDGET (client_page), ALCOVE_TYPE_PLAN_VIEW,
                                                 NULL));
  AlcovePlanWindow *window;
  AlcovePlan *plan;
  AlcovePlanProblem *problem;
  AlcovePlanGoal *goal;
  GtkWidget *objective_row;
  GtkWidget *diagnoses;
  g_autofree char *today = alcove_date_today_iso ();
  g_autofree char *today_text = alcove_date_format (today);
  g_autofree char *signed_line = g_strdup_printf ("The client signed it on %s", today_text);
  char *id;

  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (view), "No treatment plan of yours yet. "
                                            "A plan has problems linked to diagnoses, goals, "
                                            "measurable objectives with target dates, and "
                                            "interventions; it is signed and reviewed like the "
                                            "record."));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "plans.new", NULL));
  window = plan_window ();
  plan = alcove_plan_window_get_plan (window);
  g_assert_cmpuint (alcove_plan_get_version (plan), ==, 1);

  /* a problem comes with a goal and an objective to fill in */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "plan.add-problem", NULL));
  alcove_test_run_for (200);
  problem = g_ptr_array_index (alcove_plan_get_problems (plan), 0);
  goal = g_ptr_array_index (problem->goals, 0);
  type_into (GTK_WIDGET (window), problem->id, PROBLEM);
  type_into (GTK_WIDGET (window), goal->id, GOAL);
  objective_row = find (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW,
                        ((AlcovePlanObjective *) g_ptr_array_index (goal->objectives, 0))->id);
  gtk_editable_set_text (GTK_EDITABLE (objective_row), OBJECTIVE);
  type_target_date (GTK_WIDGET (window), g_ptr_array_index (goal->objectives, 0), "2099-02-01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "plan.add-objective", "s",
                                             goal->id));
  alcove_test_run_for (200);
  objective_row = find (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW,
                        ((AlcovePlanObjective *) g_ptr_array_index (goal->objectives, 1))->id);
  gtk_editable_set_text (GTK_EDITABLE (objective_row), OBJECTIVE_2);
  type_target_date (GTK_WIDGET (window), g_ptr_array_index (goal->objectives, 1), "2099-05-01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "plan.add-intervention", "s",
                                             problem->id));
  alcove_test_run_for (200);
  type_into (GTK_WIDGET (window),
             ((AlcovePlanIntervention *) g_ptr_array_index (problem->interventions, 0))->id,
             INTERVENTION);
  /* linked to the client's anxiety diagnosis */
  diagnoses = find (GTK_WIDGET (window), ADW_TYPE_EXPANDER_ROW, "diagnoses");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (diagnoses), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (find (diagnoses, ADW_TYPE_ACTION_ROW,
                                                             diagnosis_id_of (workspace, "F41.1")),
                                                       GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (diagnoses)), ==, "F41.1");

  /* signing waits for the client's participation, and says so */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "plan.sign", NULL));
  alcove_test_run_for (200);
  g_assert_nonnull (alcove_plan_window_get_error (window));
  g_assert_nonnull (strstr (alcove_plan_window_get_error (window),
                            "Record the client’s participation"));
  g_assert_cmpint (alcove_plan_get_status (plan), ==, ALCOVE_PLAN_DRAFT);
  alcove_test_save_screenshots (GTK_WIDGET (window), "plans-editor-refused");

  type_into (GTK_WIDGET (window), "client-signed-on", today);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (diagnoses), FALSE);
  /* written a moment after typing stops; the refusal goes with it */
  alcove_test_run_for (1200);
  g_assert_false (alcove_plan_get_dirty (plan));
  g_assert_null (alcove_plan_window_get_error (window));
  scroll_to (find (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, problem->id));
  alcove_test_save_screenshots (GTK_WIDGET (window), "plans-editor-draft");
  sign_plan (window);
  g_assert_null (alcove_plan_window_get_error (window));
  g_assert_cmpint (alcove_plan_get_status (plan), ==, ALCOVE_PLAN_SIGNED);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), PROBLEM));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), signed_line));
  g_assert_null (alcove_test_find_widget (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, NULL));
  alcove_test_save_screenshots (GTK_WIDGET (window), "plans-editor-signed");
  id = g_strdup (alcove_plan_get_id (plan));
  close_plan_window (window);
  return id;
}

/* A progress note addresses the first objective; the plan lists it under the objective */
static void
note_addresses_objective (AlcoveApplication *app,
                          AlcoveClientPage  *client_page,
                          const char        *plan_id)
{
  AlcoveWorkspace *workspace = alcove_test_app_workspace (app);
  g_autoptr(AlcovePlan) plan = alcove_plan_store_open (alcove_workspace_get_plans (workspace),
                                                       plan_id, NULL);
  AlcovePlanProblem *problem = g_ptr_array_index (alcove_plan_get_problems (plan), 0);
  AlcovePlanGoal *goal = g_ptr_array_index (problem->goals, 0);
  const char *objective = ((AlcovePlanObjective *) g_ptr_array_index (goal->objectives, 0))->id;
  AlcoveNoteWindow *note_window;
  AlcoveNoteEditor *editor;
  GtkWidget *objectives;
  AlcoveObjectiveRow *row;

  /* New Note asks which session: a new one today */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_page), "client.new-note", "s",
                                             "soap"));
  gtk_widget_activate_action (GTK_WIDGET (wait_for (ALCOVE_TYPE_NEW_NOTE_DIALOG)),
                              "new-note.create", NULL);
  note_window = ALCOVE_NOTE_WINDOW (wait_for (ALCOVE_TYPE_NOTE_WINDOW));
  gtk_window_set_default_size (GTK_WINDOW (note_window), WIDTH, HEIGHT);
  editor = alcove_note_window_get_editor (note_window);
  gtk_text_buffer_set_text (alcove_note_editor_get_buffer (editor, "subjective"),
                            "Rode two stops on Tuesday; rated the panic at 3.", -1);
  objectives = find (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_GROUP, "objectives");
  g_assert_true (gtk_widget_get_visible (objectives));
  g_assert_true (alcove_test_tree_has_text (objectives, "1.1 " OBJECTIVE));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (find (objectives, ADW_TYPE_ACTION_ROW,
                                                             objective),
                                                       GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
  scroll_to (objectives);
  alcove_test_save_screenshots (GTK_WIDGET (note_window), "plans-note-objectives");
  g_assert_true (alcove_note_editor_save (editor, NULL));
  gtk_window_close (GTK_WINDOW (note_window));
  wait_gone (ALCOVE_TYPE_NOTE_WINDOW);
  alcove_test_run_for (300);

  row = ALCOVE_OBJECTIVE_ROW (find (GTK_WIDGET (client_page), ALCOVE_TYPE_OBJECTIVE_ROW, objective));
  g_assert_cmpuint (alcove_objective_row_get_n_notes (row), ==, 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

/* The next version: the first is kept, superseded; the plan view offers it */
static char *
revise_plan (AlcoveApplication *app,
             AlcoveWindow      *main_window,
             const char        *plan_id)
{
  AlcoveMainPage *page = alcove_window_get_main_page (main_window);
  AlcovePlanWindow *window;
  AlcovePlan *plan;
  AlcovePlanGoal *goal;
  char *id;

  alcove_main_page_open_plan (page, plan_id);
  window = plan_window ();
  g_assert_true (gtk_widget_get_visible (find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "revise_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "plan.revise", NULL));
  alcove_test_run_for (300);
  plan = alcove_plan_window_get_plan (window);
  g_assert_cmpuint (alcove_plan_get_version (plan), ==, 2);
  g_assert_cmpstr (alcove_plan_get_supersedes (plan), ==, plan_id);
  goal = g_ptr_array_index (((AlcovePlanProblem *) g_ptr_array_index (alcove_plan_get_problems (plan), 0))->goals, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW,
                                                                goal->id))), ==, GOAL);
  type_into (GTK_WIDGET (window), goal->id, GOAL ", five days a week");
  type_into (GTK_WIDGET (window), "no-signature-reason",
             "Reviewed together by video; she could not sign remotely");
  sign_plan (window);
  g_assert_null (alcove_plan_window_get_error (window));
  g_assert_cmpint (alcove_plan_get_status (plan), ==, ALCOVE_PLAN_SIGNED);
  id = g_strdup (alcove_plan_get_id (plan));
  close_plan_window (window);
  return id;
}

static void
print_and_share (AlcoveApplication *app,
                 AlcoveWindow      *main_window,
                 AlcoveClientPage  *client_page,
                 const char        *plan_id)
{
  AlcoveMainPage *page = alcove_window_get_main_page (main_window);
  g_autofree char *plan_pdf = g_build_filename (g_get_user_data_dir (), "plan.pdf", NULL);
  g_autofree char *record_pdf = g_build_filename (g_get_user_data_dir (), "record.pdf", NULL);
  g_autofree char *share_pdf = g_build_filename (g_get_user_data_dir (), "share.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AlcovePlanWindow *window;
  AlcoveRecordPrintDialog *dialog;
  AlcoveShareWizard *wizard;

  /* the plan's own print: the version as signed, its fingerprint */
  alcove_main_page_open_plan (page, plan_id);
  window = plan_window ();
  g_assert_true (alcove_plan_window_print (window, plan_pdf, &error));
  g_assert_no_error (error);
  text = alcove_test_pdf_text (plan_pdf);
  g_assert_nonnull (strstr (text, "Treatment plan, version 2"));
  g_assert_nonnull (strstr (text, OBJECTIVE));
  g_assert_nonnull (strstr (text, "F41.1"));
  g_assert_nonnull (strstr (text, "Fingerprint"));
  g_assert_nonnull (strstr (text, "she could not sign remotely"));
  close_plan_window (window);
  g_clear_pointer (&text, g_free);

  /* the record: the problem list and the plan in force before the notes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_page), "client.print-record", NULL));
  dialog = ALCOVE_RECORD_PRINT_DIALOG (wait_for (ALCOVE_TYPE_RECORD_PRINT_DIALOG));
  alcove_record_print_dialog_set_include_drafts (dialog, TRUE);
  g_assert_true (alcove_record_print_dialog_print (dialog, record_pdf, &error));
  g_assert_no_error (error);
  text = alcove_test_pdf_text (record_pdf);
  g_assert_nonnull (strstr (text, "Problem List"));
  g_assert_nonnull (strstr (text, "G47.00 Insomnia, unspecified"));
  g_assert_nonnull (strstr (text, "Treatment plan, version 2"));
  g_assert_null (strstr (text, "Treatment plan, version 1"));
  g_assert_nonnull (strstr (text, "Rode two stops"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&text, g_free);

  /* shared for treatment: the categories carry the problem list and the plan itself */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_page), "client.share-record", NULL));
  wizard = ALCOVE_SHARE_WIZARD (wait_for (ALCOVE_TYPE_SHARE_WIZARD));
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "recipient_row")),
                         "Dr. Ng, Harbor Clinic");
  {
    const char * const *ids = alcove_disclosure_recipient_kind_ids ();

    for (guint i = 0; ids[i] != NULL; i++)
      if (g_str_equal (ids[i], "health-care-provider"))
        adw_combo_row_set_selected (ADW_COMBO_ROW (find (GTK_WIDGET (wizard), ADW_TYPE_COMBO_ROW,
                                                         "recipient_kind_row")), i + 1);
  }
  gtk_widget_activate_action (GTK_WIDGET (wizard), "share.next", NULL);
  alcove_test_run_for (300);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "content");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (wizard), "The treatment plan in force, as it was signed"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (find (GTK_WIDGET (wizard), ADW_TYPE_ACTION_ROW,
                                                             "diagnosis"),
                                                       GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (find (GTK_WIDGET (wizard), ADW_TYPE_ACTION_ROW,
                                                             "treatment-plan"),
                                                       GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
  alcove_test_save_screenshots (GTK_WIDGET (wizard), "plans-share-content");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "share.next", NULL);
  alcove_test_run_for (300);
  if (alcove_share_wizard_get_error (wizard) != NULL)
    g_error ("the content was refused: %s", alcove_share_wizard_get_error (wizard));
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "basis");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (find (GTK_WIDGET (wizard), ADW_TYPE_ACTION_ROW,
                                                             "treatment"),
                                                       GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (GTK_WIDGET (wizard), GTK_TYPE_CHECK_BUTTON,
                                                       "attestation_check")), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "share.next", NULL);
  alcove_test_run_for (300);
  if (alcove_share_wizard_get_error (wizard) != NULL)
    g_error ("the basis was refused: %s", alcove_share_wizard_get_error (wizard));
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "output");
  g_assert_true (alcove_share_wizard_export_pdf (wizard, share_pdf, &error));
  g_assert_no_error (error);
  text = alcove_test_pdf_text (share_pdf);
  g_assert_nonnull (strstr (text, "Diagnosis"));
  g_assert_nonnull (strstr (text, "F41.1 Generalized anxiety disorder"));
  g_assert_nonnull (strstr (text, "Treatment plan, version 2"));
  g_assert_nonnull (strstr (text, OBJECTIVE_2));
  g_assert_null (strstr (text, "Fingerprint"));
  g_assert_null (strstr (text, "Rode two stops"));
  gtk_window_close (GTK_WINDOW (wizard));
  wait_gone (ALCOVE_TYPE_SHARE_WIZARD);
}

static void
clinician_scenario (AlcoveApplication *app,
                    AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  AlcoveClientPage *client_page;
  AlcovePlanReviewQueue *queue;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  alcove_test_unlock_app (app, "sam", TEST_OTHER_PASSWORD);
  page = alcove_window_get_main_page (window);
  problem_list_editor (window);
  client_page = alcove_main_page_get_client_page (page);
  alcove_test_save_screenshots (GTK_WIDGET (window), "plans-problem-list");

  first = write_first_plan (app, client_page);
  note_addresses_objective (app, client_page, first);
  alcove_test_save_screenshots (GTK_WIDGET (window), "plans-treatment-tab");
  second = revise_plan (app, window, first);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page), "Earlier Versions"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page),
                                            "1 version kept as it was signed"));
  print_and_share (app, window, client_page, second);

  /* Home: the review falls due within ten days of signing */
  alcove_main_page_set_section (page, "home");
  alcove_test_run_for (300);
  queue = ALCOVE_PLAN_REVIEW_QUEUE (find (GTK_WIDGET (page), ALCOVE_TYPE_PLAN_REVIEW_QUEUE, NULL));
  g_assert_cmpuint (alcove_plan_review_queue_get_n_plans (queue), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (queue)));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (queue), "Due in 10 days"));
  alcove_test_save_screenshots (GTK_WIDGET (window), "plans-home-review");

  /* a row opens the plan beside the client's page */
  gtk_widget_activate (find (GTK_WIDGET (queue), ADW_TYPE_ACTION_ROW, second));
  close_plan_window (plan_window ());
  g_assert_cmpstr (alcove_main_page_get_client_id (page), ==, client_id);
}

/* The owner sets the interval in Preferences; the supervisor sees the review too */
static void
supervisor_scenario (AlcoveApplication *app,
                     AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  AlcovePlanReviewQueue *queue;
  AdwPreferencesWindow *preferences;
  GtkSpinButton *spin;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  preferences = alcove_test_open_preferences (app, "people");
  spin = GTK_SPIN_BUTTON (find (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON, "days_spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 10);
  gtk_spin_button_set_value (spin, 30);
  alcove_test_run_for (200);
  g_assert_cmpint (alcove_practice_settings_get_int (alcove_application_get_vault (app),
                                                     ALCOVE_SETTING_PLAN_REVIEW_DAYS, 90, 7, 730),
                   ==, 30);
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  alcove_test_run_for (500);

  /* back to ten days for the supervisor's Home */
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  g_assert_true (alcove_practice_settings_set_int (alcove_application_get_vault (app),
                                                   ALCOVE_SETTING_PLAN_REVIEW_DAYS, 10, 7, 730,
                                                   NULL));
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  alcove_test_run_for (500);

  alcove_test_unlock_app (app, "rui", TEST_OTHER_PASSWORD);
  page = alcove_window_get_main_page (window);
  queue = ALCOVE_PLAN_REVIEW_QUEUE (find (GTK_WIDGET (page), ALCOVE_TYPE_PLAN_REVIEW_QUEUE, NULL));
  g_assert_cmpuint (alcove_plan_review_queue_get_n_plans (queue), ==, 1);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (queue), "by Sam Ortiz"));
  {
    AlcoveClientPage *client_page = show_treatment (window);
    AlcoveProblemList *list = ALCOVE_PROBLEM_LIST (find (GTK_WIDGET (client_page),
                                                         ALCOVE_TYPE_PROBLEM_LIST, NULL));

    /* a supervisor reads, and changes nothing */
    g_assert_false (gtk_widget_get_visible (find (GTK_WIDGET (list), GTK_TYPE_BUTTON, "add_button")));
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page), "Treatment Plan by Sam Ortiz"));
  }
}

/* Billing reads the codes, never a plan */
static void
billing_scenario (AlcoveApplication *app,
                  AlcoveWindow      *window)
{
  AlcoveClientPage *client_page;

  alcove_test_unlock_app (app, "bea", TEST_OTHER_PASSWORD);
  client_page = show_treatment (window);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page),
                                            "F41.1 Generalized anxiety disorder"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page),
                                            "Your role does not give access to treatment plans"));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (client_page), PROBLEM));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (client_page), OBJECTIVE));
  g_assert_null (alcove_test_find_widget (GTK_WIDGET (client_page), ALCOVE_TYPE_OBJECTIVE_ROW,
                                          NULL));
  alcove_test_save_screenshots (GTK_WIDGET (window), "plans-treatment-billing");
}

static void
test_plans_gui (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "plans", NULL);

  make_practice (dir);
  {
    g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

    g_assert_true (alcove_practice_settings_set_int (vault, ALCOVE_SETTING_PLAN_REVIEW_DAYS, 10,
                                                     7, 730, NULL));
    alcove_vault_lock (vault);
  }
  alcove_test_run_app (dir, WIDTH, HEIGHT, clinician_scenario);
  alcove_test_run_app (dir, WIDTH, HEIGHT, supervisor_scenario);
  alcove_test_run_app (dir, WIDTH, HEIGHT, billing_scenario);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/plans-gui/problem-list-and-plan", test_plans_gui);
  return g_test_run ();
}
