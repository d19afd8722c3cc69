/* alcove-typing-bench.c — keystroke to frame while typing a note, autosave included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real application (under Xvfb: xvfb-run -a _build/tests/bench/alcove-typing-bench)
 * on a client with 500 notes, types into a new note's first section at about 30 characters
 * a second, with a pause now and then so that autosave runs while typing goes on, and
 * reports the time from each keystroke to the end of the frame that shows it, from GTK's
 * frame clock: p50, p99 and the worst, then where that time goes (the keystroke's handling,
 * the wait for the frame clock's tick, layout, paint), and the longest the main thread was
 * busy at once in each pause, when the autosave runs. A measurement, not a test: it asserts
 * nothing about the figures.
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

/* When the phases of the frame that shows a keystroke ended: the frame's start, then layout
 * and paint (these handlers run after GTK's own), in monotonic microseconds */
typedef struct
{
  gint64 frame;
  gint64 layout;   /* 0: nothing to lay out in that frame */
  gint64 paint;
  gint64 done;
} Phases;

static Phases phases;
static gint64 frame_started;
static gint64 frames_us;       /* spent in frames, all told */

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  frame_started = g_get_monotonic_time ();
  if (phases.frame == 0)
    phases.frame = frame_started;
}

static void
layout_cb (GdkFrameClock *clock,
           gpointer       user_data)
{
  phases.layout = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          gpointer       user_data)
{
  phases.paint = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  phases.done = g_get_monotonic_time ();
  if (frame_started > 0)
    frames_us += phases.done - frame_started;
  painted = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A pause in typing, when the autosave runs: returns the longest the main thread was busy
 * in one go, the frames drawn meanwhile aside, in ms */
static double
pause_measuring_stall (guint ms)
{
  gboolean timed_out = FALSE;
  double longest = 0;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    {
      gint64 start, frames;

      if (!g_main_context_pending (NULL))
        {
          g_usleep (200);
          continue;
        }
      start = g_get_monotonic_time ();
      frames = frames_us;
      g_main_context_iteration (NULL, FALSE);
      longest = MAX (longest, (g_get_monotonic_time () - start - (frames_us - frames)) / 1000.0);
    }
  return longest;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
add_ms (GArray *array,
        gint64  from_us,
        gint64  to_us)
{
  g_array_append_val (array, (double) { (to_us - from_us) / 1000.0 });
}

static void
print_part (const char *what,
            GArray     *array)
{
  g_array_sort (array, compare_doubles);
  g_print ("    %-34s p50 %5.1f ms, p99 %5.1f ms\n", what,
           g_array_index (array, double, array->len / 2),
           g_array_index (array, double, array->len * 99 / 100));
}

static void
typing_scenario (AlcoveApplication *app,
                 AlcoveWindow      *main_window)
{
  AlcoveWorkspace *workspace;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) handling = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) waiting = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layout = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paint = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) after = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
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
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), NULL);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  for (guint k = 0; k < N_KEYS; k++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 handled;

      painted = FALSE;
      phases = (Phases) { 0 };
      g_signal_emit_by_name (view, "insert-at-cursor", k % 7 == 6 ? " " : "a");
      handled = g_get_monotonic_time ();
      while (!painted && g_get_monotonic_time () - start < G_USEC_PER_SEC)
        g_main_context_iteration (NULL, TRUE);
      add_ms (latencies, start, g_get_monotonic_time ());
      if (painted && phases.frame >= handled && phases.paint > 0)
        {
          gint64 laid_out = MAX (phases.layout, phases.frame);

          add_ms (handling, start, handled);
          add_ms (waiting, handled, phases.frame);
          add_ms (layout, phases.frame, laid_out);
          add_ms (paint, laid_out, phases.paint);
          add_ms (after, phases.paint, phases.done);
        }
      if (k % PAUSE_EVERY == PAUSE_EVERY - 1)
        g_array_append_val (stalls, (double) { pause_measuring_stall (PAUSE_MS) });
      else
        alcove_test_run_for (KEY_GAP_MS);
    }
  g_signal_handlers_disconnect_by_func (clock, before_paint_cb, NULL);
  g_signal_handlers_disconnect_by_func (clock, layout_cb, NULL);
  g_signal_handlers_disconnect_by_func (clock, paint_cb, NULL);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);

  g_array_sort (latencies, compare_doubles);
  g_print ("Keystroke to frame, %u keystrokes, a client with %u notes, autosave included:\n",
           latencies->len, N_NOTES);
  g_print ("  p50 %.1f ms, p99 %.1f ms, worst %.1f ms (target: p99 <= 16 ms)\n",
           g_array_index (latencies, double, latencies->len / 2),
           g_array_index (latencies, double, latencies->len * 99 / 100),
           g_array_index (latencies, double, latencies->len - 1));
  if (handling->len == 0)
    return;
  g_print ("  where it goes (%u frames):\n", handling->len);
  print_part ("the keystroke's own handling", handling);
  print_part ("waiting for the frame clock's tick", waiting);
  print_part ("the frame's updates and layout", layout);
  print_part ("paint (snapshot and render)", paint);
  print_part ("the frame's end (after paint)", after);
  g_array_sort (stalls, compare_doubles);
  g_print ("  the longest the main thread was busy at once in each pause (the autosave runs then),"
           " frames aside, over %u pauses: p50 %.1f ms, worst %.1f ms\n", stalls->len,
           g_array_index (stalls, double, stalls->len / 2),
           g_array_index (stalls, double, stalls->len - 1));
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
