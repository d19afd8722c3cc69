/* alcove-typing-bench.c — keystroke to frame while typing a note, autosave included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real application (under Xvfb: xvfb-run -a _build/tests/bench/alcove-typing-bench)
 * on a client with 500 notes, types into a new note's first section at about 30 characters
 * a second, with a pause now and then so that autosave runs while typing goes on, and
 * reports the time from each keystroke to the end of the frame that shows it, from GTK's
 * frame clock: p50, p99 and the worst. A measurement, not a test: it asserts nothing about
 * the figures.
 */
#define G_LOG_DOMAIN "alcove-typing-bench"

#include "config.h"

#include "alcove-client-store.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-note-editor.h"
#include "alcove-note-store.h"
#include "alcove-note-window.h"
#include "alcove-test-utils.h"

#define N_NOTES      500
#define N_KEYS       400
#define KEY_GAP_MS   33
#define PAUSE_EVERY  60      /* keystrokes, then a pause past autosave's delay */
#define PAUSE_MS     1300

static char *client_id;

/* The practice: one client and N_NOTES signed-off sessions' notes, through the real core */
static void
make_practice (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (vault, NULL);
  g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (clients);
  g_autoptr(AlcoveClient) client = alcove_client_new ();

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Robin");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1990-01-01");
  g_assert_true (alcove_client_store_save (clients, client, NULL));
  client_id = g_strdup (alcove_client_get_id (client));
  for (guint i = 0; i < N_NOTES; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (2015, 1, 1, 0, 0, 0);
      g_autoptr(GDateTime) then = g_date_time_add_days (day, (gint) i * 7);
      g_autofree char *date = g_date_time_format (then, "%Y-%m-%d");
      g_autoptr(AlcoveNote) note = alcove_note_store_create (notes, client_id, NULL, "soap", date,
                                                              NULL);

      g_assert_nonnull (note);
      alcove_note_set_section (note, "subjective",
                               "Reports sleeping better; worry about work has eased this week.");
      alcove_note_set_section (note, "plan", "Continue weekly sessions; sleep diary.");
      g_assert_true (alcove_note_store_save (notes, note, NULL));
    }
}

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
typing_scenario (AlcoveApplication *app,
                 AlcoveWindow      *main_window)
{
  AlcoveWorkspace *workspace;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  AlcoveNoteWindow *window;
  GtkWidget *view;
  GdkFrameClock *clock;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  alcove_main_page_show_client (alcove_window_get_main_page (main_window), client_id);
  alcove_test_run_for (500);
  workspace = alcove_test_app_workspace (app);
  note = alcove_note_store_create (alcove_workspace_get_notes (workspace), client_id, NULL, "soap",
                                   "2026-01-05", NULL);
  window = alcove_note_window_new (GTK_WINDOW (main_window), workspace, note, client_id);
  gtk_window_present (GTK_WINDOW (window));
  alcove_test_run_for (500);
  view = alcove_test_find_widget (GTK_WIDGET (alcove_note_window_get_editor (window)),
                                  GTK_TYPE_TEXT_VIEW, NULL);
  gtk_widget_grab_focus (view);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  for (guint k = 0; k < N_KEYS; k++)
    {
      gint64 start = g_get_monotonic_time ();

      painted = FALSE;
      g_signal_emit_by_name (view, "insert-at-cursor", k % 7 == 6 ? " " : "a");
      while (!painted && g_get_monotonic_time () - start < G_USEC_PER_SEC)
        g_main_context_iteration (NULL, TRUE);
      g_array_append_val (latencies, (double) { (g_get_monotonic_time () - start) / 1000.0 });
      alcove_test_run_for (k % PAUSE_EVERY == PAUSE_EVERY - 1 ? PAUSE_MS : KEY_GAP_MS);
    }
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);

  g_array_sort (latencies, compare_doubles);
  g_print ("Keystroke to frame, %u keystrokes, a client with %u notes, autosave included:\n",
           latencies->len, N_NOTES);
  g_print ("  p50 %.1f ms, p99 %.1f ms, worst %.1f ms (target: p99 <= 16 ms)\n",
           g_array_index (latencies, double, latencies->len / 2),
           g_array_index (latencies, double, latencies->len * 99 / 100),
           g_array_index (latencies, double, latencies->len - 1));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;

  alcove_test_init_gui (&argc, &argv);
  dir = g_build_filename (g_get_user_data_dir (), "typing", NULL);
  make_practice (dir);
  alcove_test_run_app (dir, 1366, 768, typing_scenario);
  return 0;
}
