/* alcove-after-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-after-draw"

#include "config.h"

#include "alcove-after-draw.h"

typedef struct
{
  GSourceFunc     func;
  gpointer        data;
  GDestroyNotify  destroy;
  GdkFrameClock  *clock;
  gulong          paint_id;
  guint           timeout_id;
} Pending;

static gboolean
call_cb (gpointer user_data)
{
  Pending *pending = user_data;

  pending->func (pending->data);
  return G_SOURCE_REMOVE;
}

static void
pending_free (Pending *pending)
{
  g_clear_signal_handler (&pending->paint_id, pending->clock);
  g_clear_handle_id (&pending->timeout_id, g_source_remove);
  g_clear_object (&pending->clock);
  if (pending->destroy != NULL)
    pending->destroy (pending->data);
  g_free (pending);
}

/* The first of the frame and the timeout. At the default priority, not an idle one: while
 * a spinner turns, frames can follow each other with no idle moment between them. */
static void
call_soon (Pending *pending)
{
  g_clear_signal_handler (&pending->paint_id, pending->clock);
  g_clear_handle_id (&pending->timeout_id, g_source_remove);
  g_idle_add_full (G_PRIORITY_DEFAULT, call_cb, pending, (GDestroyNotify) pending_free);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Pending       *pending)
{
  call_soon (pending);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Pending *pending = user_data;

  pending->timeout_id = 0;
  call_soon (pending);
  return G_SOURCE_REMOVE;
}

void
alcove_after_draw (GtkWidget      *widget,
                   GSourceFunc     func,
                   gpointer        data,
                   GDestroyNotify  destroy)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Pending *pending = g_new0 (Pending, 1);

  g_return_if_fail (GTK_IS_WIDGET (widget) && func != NULL);

  pending->func = func;
  pending->data = data;
  pending->destroy = destroy;
  if (clock != NULL)
    {
      pending->clock = g_object_ref (clock);
      pending->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb),
                                            pending);
      gtk_widget_queue_draw (widget);
    }
  pending->timeout_id = g_timeout_add (clock != NULL ? 250 : 0, timeout_cb, pending);
}
