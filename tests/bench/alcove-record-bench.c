/* alcove-record-bench.c — opening a long record in the window, to its first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real application (under Xvfb: xvfb-run -a _build/tests/bench/alcove-record-bench)
 * on a client seen weekly for ten years: 500 signed notes, a signed treatment plan and 100
 * PHQ-9 administrations. Times, from the call to the end of the frame that shows it, opening
 * that client's page from another client's, and switching to its Measures tab, where the
 * graph of 100 points and its table are built. The core's share of the same work, and its
 * ratio to plain SQLite, is in alcove-bench. A measurement, not a test: it asserts nothing
 * about the figures.
 */
#define G_LOG_DOMAIN "alcove-record-bench"

#include "config.h"

#include "alcove-client-store.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-measure-store.h"
#include "alcove-note-store.h"
#include "alcove-plan-store.h"
#include "alcove-test-utils.h"

#define N_NOTES     500
#define N_MEASURES  100
#define N_OPENINGS  21

static char *long_id;
static char *short_id;

static char *
save_client (AlcoveClientStore *clients,
             const char        *name)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, name);
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1980-05-17");
  g_assert_true (alcove_client_store_save (clients, client, NULL));
  return g_strdup (alcove_client_get_id (client));
}

static char *
week (guint n)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (2016, 1, 4, 0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_weeks (first, (gint) n);

  return g_date_time_format (day, "%Y-%m-%d");
}

static void
add_notes (AlcoveNoteStore *notes)
{
  for (guint i = 0; i < N_NOTES; i++)
    {
      g_autofree char *date = week (i);
      g_autoptr(AlcoveNote) note = alcove_note_store_create (notes, long_id, NULL, "soap", date,
                                                              NULL);

      g_assert_nonnull (note);
      alcove_note_set_section (note, "subjective",
                               "Reports sleeping better; worry about work has eased this week.");
      alcove_note_set_section (note, "objective", "Calm, good eye contact, speech normal.");
      alcove_note_set_section (note, "assessment", "Mood improving; no risk identified.");
      alcove_note_set_section (note, "plan", "Continue weekly sessions; sleep diary.");
      g_assert_true (alcove_note_store_save (notes, note, NULL));
      g_assert_true (alcove_note_store_sign (notes, note, NULL));
    }
}

static void
add_plan (AlcoveNoteStore *notes)
{
  g_autoptr(AlcovePlanStore) plans = alcove_plan_store_new (notes);
  g_autoptr(AlcovePlan) plan = alcove_plan_store_create (plans, long_id, NULL);
  AlcovePlanProblem *problem = alcove_plan_add_problem (plan, "Low mood and withdrawal");
  AlcovePlanGoal *goal = alcove_plan_add_goal (plan, problem->id, "Return to daily routines");

  alcove_plan_add_objective (plan, goal->id, "Walk outside three times a week", "2099-03-01");
  alcove_plan_add_objective (plan, goal->id, "PHQ-9 below 10", "2099-06-01");
  alcove_plan_add_intervention (plan, problem->id, "Behavioural activation, weekly");
  alcove_plan_set_participation (plan, "2026-01-05", NULL);
  g_assert_true (alcove_plan_store_save (plans, plan, NULL));
  g_assert_true (alcove_plan_store_sign (plans, plan, NULL));
}

static void
add_measures (AlcoveNoteStore *notes)
{
  g_autoptr(AlcoveMeasureStore) measures = alcove_measure_store_new (notes);

  for (guint i = 0; i < N_MEASURES; i++)
    {
      g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(AlcoveMeasureAdministration) given = NULL;
      g_autofree char *date = week (i * N_NOTES / N_MEASURES);

      for (guint item = 1; item <= 9; item++)
        g_hash_table_insert (answers, g_strdup_printf ("phq9_%u", item),
                             GINT_TO_POINTER ((item == 9 ? 0 : (i + item) % 4) + 1));
      given = alcove_measure_store_administer (measures, long_id, "phq9", date, "", answers,
                                               FALSE, NULL);
      g_assert_nonnull (given);
    }
}

static void
make_practice (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (vault, NULL);
  g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (clients);

  long_id = save_client (clients, "Weekly Since 2016");
  short_id = save_client (clients, "New This Month");
  add_notes (notes);
  add_plan (notes);
  add_measures (notes);
}

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

/* From now to the end of the next frame drawn, in ms */
static double
time_to_frame (GdkFrameClock *clock,
               void         (*action) (gpointer),
               gpointer       data)
{
  gint64 start = g_get_monotonic_time ();

  painted = FALSE;
  action (data);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  while (!painted && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static AlcoveMainPage *main_page;

static void
open_long (gpointer data)
{
  alcove_main_page_show_client (main_page, long_id);
}

static void
open_short (gpointer data)
{
  alcove_main_page_show_client (main_page, short_id);
}

static void
show_measures (gpointer data)
{
  alcove_client_page_set_tab (alcove_main_page_get_client_page (main_page), "measures");
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  g_print ("%s, %u times: p50 %.1f ms, p95 %.1f ms, worst %.1f ms (target: p95 <= 50 ms)\n",
           what, samples->len, g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, (samples->len * 95) / 100),
           g_array_index (samples, double, samples->len - 1));
}

static void
record_scenario (AlcoveApplication *app,
                 AlcoveWindow      *main_window)
{
  g_autoptr(GArray) opening = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) graph = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor = g_array_new (FALSE, FALSE, sizeof (double));
  GdkFrameClock *clock;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  main_page = alcove_window_get_main_page (main_window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (main_window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  for (guint i = 0; i < N_OPENINGS; i++)
    {
      g_array_append_val (floor, (double) { time_to_frame (clock, open_short, NULL) });
      alcove_test_run_for (300);
      g_array_append_val (opening, (double) { time_to_frame (clock, open_long, NULL) });
      alcove_client_page_set_tab (alcove_main_page_get_client_page (main_page), "record");
      alcove_test_run_for (300);
      g_array_append_val (graph, (double) { time_to_frame (clock, show_measures, NULL) });
    }
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
  /* the first opening builds what later ones reuse: reported within the figures */
  report ("Open a client with 500 notes and a plan, to its first frame", opening);
  report ("For comparison, open a client with no notes", floor);
  report ("Show its measures: a graph of 100 PHQ-9 administrations and its table", graph);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;

  alcove_test_init_gui (&argc, &argv);
  dir = g_build_filename (g_get_user_data_dir (), "record", NULL);
  make_practice (dir);
  alcove_test_run_app (dir, 1366, 768, record_scenario);
  return 0;
}
