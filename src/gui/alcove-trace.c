/* alcove-trace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-trace"

#include "config.h"

#include "alcove-trace.h"

/* ALCOVE_TRACE=startup: milliseconds from launch to the login page's first painted frame,
 * and from unlock to the main window's, read from the frame clock's after-paint rather than
 * guessed from when a widget was built. Timings only; nothing about the vault's content. */

static gint64 launch_us;
static GHashTable *marks;  /* name → gint64 µs, monotonic */

void
alcove_trace_init (void)
{
  launch_us = g_get_monotonic_time ();
}

gboolean
alcove_trace_enabled (const char *topic)
{
  const char *value = g_getenv ("ALCOVE_TRACE");
  g_auto(GStrv) topics = NULL;

  if (value == NULL)
    return FALSE;
  topics = g_strsplit (value, ",", -1);
  return g_strv_contains ((const char * const *) topics, topic);
}

void
alcove_trace_mark (const char *mark)
{
  if (!alcove_trace_enabled ("startup"))
    return;
  if (marks == NULL)
    marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_replace (marks, g_strdup (mark), GSIZE_TO_POINTER ((gsize) g_get_monotonic_time ()));
}

typedef struct
{
  char   *what;
  gint64  since_us;
  gulong  handler;
} FrameWatch;

static void
after_paint_cb (GdkFrameClock *clock,
                FrameWatch    *watch)
{
  g_printerr ("alcove-trace: %s: %.1f ms\n", watch->what,
              (g_get_monotonic_time () - watch->since_us) / 1000.0);
  g_signal_handler_disconnect (clock, watch->handler);
}

static void
frame_watch_free (gpointer data,
                  GClosure *closure)
{
  FrameWatch *watch = data;

  g_free (watch->what);
  g_free (watch);
}

static void
mapped_cb (GtkWidget  *widget,
           FrameWatch *watch)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_handlers_disconnect_by_func (widget, mapped_cb, watch);
  if (clock == NULL)
    {
      frame_watch_free (watch, NULL);
      return;
    }
  watch->handler = g_signal_connect_data (clock, "after-paint", G_CALLBACK (after_paint_cb),
                                          watch, frame_watch_free, 0);
}

/* Prints the time from `since_mark` ("launch" or a mark) to the first frame painted after
 * `widget` is mapped */
void
alcove_trace_first_frame (GtkWidget  *widget,
                          const char *what,
                          const char *since_mark)
{
  FrameWatch *watch;
  gpointer since;

  if (!alcove_trace_enabled ("startup"))
    return;
  watch = g_new0 (FrameWatch, 1);
  watch->what = g_strdup (what);
  watch->since_us = launch_us;
  if (g_strcmp0 (since_mark, "launch") != 0 && marks != NULL &&
      g_hash_table_lookup_extended (marks, since_mark, NULL, &since))
    watch->since_us = (gint64) GPOINTER_TO_SIZE (since);
  if (gtk_widget_get_mapped (widget))
    mapped_cb (widget, watch);
  else
    g_signal_connect (widget, "map", G_CALLBACK (mapped_cb), watch);
}
