/* alcove-measure-graph.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-measure-graph"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-clinical-event.h"
#include "alcove-measure-administration.h"
#include "alcove-measure-graph.h"

/* Scores against time (by date), the measure's severity bands shaded behind them from the
 * lightest to the darkest, the baseline ringed. Drawn with cairo in a GtkSnapshot, no chart
 * library. The pointer shows a point's date, score and band in a tooltip; the keyboard moves
 * between points with Left/Right/Home/End and the point's description becomes the widget's
 * accessible description, so a screen reader reads it. The same numbers are in the table
 * beside the graph (AlcoveMeasureList). Events (treatment plans signed, medication changes,
 * other events) are dashed vertical markers with a short tag above the plot; the keyboard
 * walks points and events together by date. The drawing itself is
 * alcove_measure_graph_draw(), which the record's printing shares. */
struct _AlcoveMeasureGraph
{
  GtkWidget      parent_instance;

  AlcoveMeasure *measure;
  GListModel    *administrations;
  GListModel    *events;          /* AlcoveClinicalEvent, oldest first */
  int            focused;         /* a point, or -1 */
  int            focused_event;   /* an event, or -1 */
};

G_DEFINE_FINAL_TYPE (AlcoveMeasureGraph, alcove_measure_graph, GTK_TYPE_WIDGET)

#define PAD_LEFT   36.0
#define PAD_RIGHT  220.0
#define PAD_TOP    12.0
#define PAD_BOTTOM 28.0
/* room above the plot for the events' labels, when there are events */
#define EVENT_BAND 30.0

static guint32
julian_of_date (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!alcove_date_to_gdate (iso, &date))
    return 0;
  return g_date_get_julian (&date);
}

static AlcoveMeasureAdministration *
scene_point (const AlcoveMeasureGraphScene *scene,
             guint                          index)
{
  AlcoveMeasureAdministration *given = g_list_model_get_item (scene->administrations, index);

  g_object_unref (given);  /* the model keeps it */
  return given;
}

static AlcoveClinicalEvent *
scene_event (const AlcoveMeasureGraphScene *scene,
             guint                          index)
{
  AlcoveClinicalEvent *event = g_list_model_get_item (scene->events, index);

  g_object_unref (event);  /* the model keeps it */
  return event;
}

static guint
n_events (const AlcoveMeasureGraphScene *scene)
{
  return scene->events != NULL ? g_list_model_get_n_items (scene->events) : 0;
}

static double
plot_top (const AlcoveMeasureGraphScene *scene)
{
  return PAD_TOP + (n_events (scene) > 0 ? EVENT_BAND : 0);
}

/* The days the graph spans: every point and every event */
static void
scene_days (const AlcoveMeasureGraphScene *scene,
            guint32                       *first,
            guint32                       *last)
{
  guint n = g_list_model_get_n_items (scene->administrations);

  *first = G_MAXUINT32;
  *last = 0;
  for (guint i = 0; i < n; i++)
    {
      guint32 day = julian_of_date (alcove_measure_administration_get_administered_on (scene_point (scene, i)));

      *first = MIN (*first, day);
      *last = MAX (*last, day);
    }
  for (guint i = 0; i < n_events (scene); i++)
    {
      guint32 day = julian_of_date (alcove_clinical_event_get_occurred_on (scene_event (scene, i)));

      *first = MIN (*first, day);
      *last = MAX (*last, day);
    }
  if (*first > *last)
    *first = *last = 0;
}

static double
day_x (const AlcoveMeasureGraphScene *scene,
       guint32                        day,
       guint                          index,
       guint                          count)
{
  double width = scene->width - PAD_LEFT - PAD_RIGHT;
  guint32 first, last;

  scene_days (scene, &first, &last);
  if (last > first)
    return PAD_LEFT + width * (double) (day - first) / (double) (last - first);
  return PAD_LEFT + (count > 1 ? width * index / (count - 1) : width / 2);
}

static void
scene_point_position (const AlcoveMeasureGraphScene *scene,
                      guint                          index,
                      double                        *x,
                      double                        *y)
{
  double top = plot_top (scene);
  double height = scene->height - top - PAD_BOTTOM;
  AlcoveMeasureAdministration *given = scene_point (scene, index);
  int min = alcove_measure_get_min (scene->measure);
  int max = alcove_measure_get_max (scene->measure);
  int total = alcove_measure_administration_get_total (given);

  *x = day_x (scene, julian_of_date (alcove_measure_administration_get_administered_on (given)),
              index, g_list_model_get_n_items (scene->administrations));
  *y = top + height * (1.0 - (double) (total - min) / MAX (1, max - min));
}

static double
scene_event_x (const AlcoveMeasureGraphScene *scene,
               guint                          index)
{
  AlcoveClinicalEvent *event = scene_event (scene, index);

  return day_x (scene, julian_of_date (alcove_clinical_event_get_occurred_on (event)), index,
                n_events (scene));
}

static void
band_colour (guint    index,
             guint    n_bands,
             GdkRGBA *colour)
{
  double t = n_bands > 1 ? (double) index / (n_bands - 1) : 0;

  /* green through amber to red, faint enough for the line to stand out in both styles */
  colour->red = 0.2 + 0.75 * t;
  colour->green = 0.7 - 0.45 * t;
  colour->blue = 0.3 - 0.1 * t;
  colour->alpha = 0.18;
}

static void
event_colour (AlcoveEventKind  kind,
              const GdkRGBA   *fg,
              GdkRGBA         *colour)
{
  switch (kind)
    {
    case ALCOVE_EVENT_PLAN:
      *colour = (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };   /* blue */
      break;
    case ALCOVE_EVENT_MEDICATION:
      *colour = (GdkRGBA) { 0.68, 0.36, 0.82, 1.0 };   /* purple */
      break;
    case ALCOVE_EVENT_OTHER:
    default:
      *colour = *fg;
      colour->alpha = 0.75;
      break;
    }
}

/* "Plan", "Medication", "Event": the short tag drawn over the marker; the whole text is in
 * the tooltip, the accessible description and the table */
static const char *
event_tag (AlcoveEventKind kind)
{
  switch (kind)
    {
    case ALCOVE_EVENT_PLAN:
      /* Translators: the short label of a treatment plan signed, over the graph */
      return C_("graph event", "Plan");
    case ALCOVE_EVENT_MEDICATION:
      /* Translators: the short label of a medication change, over the graph */
      return C_("graph event", "Medication");
    case ALCOVE_EVENT_OTHER:
    default:
      /* Translators: the short label of another clinical event, over the graph */
      return C_("graph event", "Event");
    }
}

static void
draw_events (cairo_t                       *cr,
             PangoLayout                   *layout,
             const AlcoveMeasureGraphScene *scene)
{
  double top = plot_top (scene);
  double bottom = scene->height - PAD_BOTTOM;
  double right = scene->width - PAD_RIGHT;
  double label_end[2] = { -G_MAXDOUBLE, -G_MAXDOUBLE };
  const double dashes[] = { 4.0, 3.0 };

  for (guint i = 0; i < n_events (scene); i++)
    {
      AlcoveClinicalEvent *event = scene_event (scene, i);
      double x = scene_event_x (scene, i);
      GdkRGBA colour;
      int text_w, text_h;
      double label_x;
      guint row;

      event_colour (alcove_clinical_event_get_kind (event), &scene->foreground, &colour);
      cairo_save (cr);
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, x, top - 4);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);
      cairo_restore (cr);

      /* the tag above the plot, on the first of two rows where it does not run into the
       * previous one */
      pango_layout_set_text (layout, event_tag (alcove_clinical_event_get_kind (event)), -1);
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      label_x = CLAMP (x - text_w / 2.0, PAD_LEFT, right - text_w);
      row = label_x > label_end[0] + 4 ? 0 : (label_x > label_end[1] + 4 ? 1 : 0);
      label_end[row] = label_x + text_w;
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_move_to (cr, label_x, PAD_TOP - 4 + row * (EVENT_BAND / 2) - text_h / 2.0 + 6);
      pango_cairo_show_layout (cr, layout);

      if ((int) i == scene->focused_event)
        {
          cairo_save (cr);
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, label_x - 3,
                           PAD_TOP - 4 + row * (EVENT_BAND / 2) - text_h / 2.0 + 5,
                           text_w + 6, text_h + 2);
          cairo_stroke (cr);
          cairo_move_to (cr, x, top - 4);
          cairo_line_to (cr, x, bottom);
          cairo_set_line_width (cr, 3);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }
}

void
alcove_measure_graph_draw (cairo_t                       *cr,
                           PangoLayout                   *layout,
                           const AlcoveMeasureGraphScene *scene)
{
  const GdkRGBA *fg = &scene->foreground;
  double width = scene->width;
  double top = plot_top (scene);
  double plot_h = scene->height - top - PAD_BOTTOM;
  int min = alcove_measure_get_min (scene->measure);
  int max = alcove_measure_get_max (scene->measure);
  guint n = g_list_model_get_n_items (scene->administrations);

  for (guint b = 0; b < alcove_measure_get_n_bands (scene->measure); b++)
    {
      const AlcoveMeasureBand *band = alcove_measure_get_band (scene->measure, b);
      double band_top = top + plot_h * (1.0 - (double) (band->max + 0.5 - min) / MAX (1, max - min));
      double bottom = top + plot_h * (1.0 - (double) (band->min - 0.5 - min) / MAX (1, max - min));
      GdkRGBA colour;
      int text_h;

      band_top = CLAMP (band_top, top, top + plot_h);
      bottom = CLAMP (bottom, top, top + plot_h);
      band_colour (b, alcove_measure_get_n_bands (scene->measure), &colour);
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_rectangle (cr, PAD_LEFT, band_top, width - PAD_LEFT - PAD_RIGHT, bottom - band_top);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7);
      pango_layout_set_text (layout, band->label, -1);
      pango_layout_get_pixel_size (layout, NULL, &text_h);
      cairo_move_to (cr, width - PAD_RIGHT + 6, (band_top + bottom) / 2 - text_h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  /* axis: the measure's range */
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7);
  for (int v = 0; v < 2; v++)
    {
      g_autofree char *text = g_strdup_printf ("%d", v == 0 ? max : min);
      int text_h;

      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, NULL, &text_h);
      cairo_move_to (cr, 4, v == 0 ? top - 2 : top + plot_h - text_h);
      pango_cairo_show_layout (cr, layout);
    }

  draw_events (cr, layout, scene);

  if (n > 0)
    {
      double x, y;

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 1.0);
      cairo_set_line_width (cr, 2);
      cairo_new_path (cr);
      for (guint i = 0; i < n; i++)
        {
          scene_point_position (scene, i, &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *date = NULL;

          scene_point_position (scene, i, &x, &y);
          /* text leaves a current point behind: an arc would join it with a line */
          cairo_new_path (cr);
          cairo_arc (cr, x, y, 4.5, 0, 2 * G_PI);
          cairo_fill (cr);
          if (i == 0)
            {
              /* the baseline: ringed and named */
              cairo_new_sub_path (cr);
              cairo_arc (cr, x, y, 8, 0, 2 * G_PI);
              cairo_stroke (cr);
              pango_layout_set_text (layout, _("Baseline"), -1);
              cairo_move_to (cr, x + 10, y - 20);
              pango_cairo_show_layout (cr, layout);
            }
          if ((int) i == scene->focused_point)
            {
              cairo_save (cr);
              cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
              cairo_set_line_width (cr, 3);
              cairo_new_path (cr);
              cairo_arc (cr, x, y, 11, 0, 2 * G_PI);
              cairo_stroke (cr);
              cairo_restore (cr);
            }
          date = alcove_date_format (alcove_measure_administration_get_administered_on (scene_point (scene, i)));
          if (i == 0 || i == n - 1)
            {
              int text_w;

              pango_layout_set_text (layout, date, -1);
              pango_layout_get_pixel_size (layout, &text_w, NULL);
              cairo_move_to (cr, CLAMP (x - text_w / 2.0, 0, width - PAD_RIGHT - text_w),
                             scene->height - PAD_BOTTOM + 6);
              pango_cairo_show_layout (cr, layout);
            }
        }
    }
}

static void
widget_scene (AlcoveMeasureGraph      *self,
              AlcoveMeasureGraphScene *scene)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean focus_shown = gtk_widget_has_visible_focus (widget);

  scene->measure = self->measure;
  scene->administrations = self->administrations;
  scene->events = self->events;
  scene->width = gtk_widget_get_width (widget);
  scene->height = gtk_widget_get_height (widget);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &scene->foreground);
  scene->focused_point = focus_shown ? self->focused : -1;
  scene->focused_event = focus_shown ? self->focused_event : -1;
}

static AlcoveMeasureAdministration *
point_at (AlcoveMeasureGraph *self,
          guint               index)
{
  AlcoveMeasureAdministration *given = g_list_model_get_item (self->administrations, index);

  g_object_unref (given);  /* the model keeps it */
  return given;
}

char *
alcove_measure_graph_describe_point (AlcoveMeasureGraph *self,
                                     guint               index)
{
  AlcoveMeasureAdministration *given;
  g_autofree char *date = NULL;
  const char *band;

  g_return_val_if_fail (ALCOVE_IS_MEASURE_GRAPH (self), NULL);
  g_return_val_if_fail (index < g_list_model_get_n_items (self->administrations), NULL);

  given = point_at (self, index);
  date = alcove_date_format (alcove_measure_administration_get_administered_on (given));
  band = alcove_measure_administration_get_band_label (given);
  if (index == 0)
    /* Translators: a point of the graph, "6 December 2026: 17, Moderately severe depression (baseline)" */
    return g_strdup_printf (_("%s: %d, %s (baseline)"), date,
                            alcove_measure_administration_get_total (given), band ? band : "");
  /* Translators: a point of the graph, "6 December 2026: 17, Moderately severe depression" */
  return g_strdup_printf (_("%s: %d, %s"), date, alcove_measure_administration_get_total (given),
                          band ? band : "");
}

static void
alcove_measure_graph_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  AlcoveMeasureGraph *self = ALCOVE_MEASURE_GRAPH (widget);
  AlcoveMeasureGraphScene scene;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  cairo_t *cr;

  widget_scene (self, &scene);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, scene.width, scene.height));
  alcove_measure_graph_draw (cr, layout, &scene);
  cairo_destroy (cr);
}

static int
nearest_point (AlcoveMeasureGraph *self,
               double              px,
               double              py)
{
  AlcoveMeasureGraphScene scene;
  int best = -1;
  double best_d = 12 * 12;

  widget_scene (self, &scene);
  for (guint i = 0; i < g_list_model_get_n_items (self->administrations); i++)
    {
      double x, y, d;

      scene_point_position (&scene, i, &x, &y);
      d = (x - px) * (x - px) + (y - py) * (y - py);
      if (d <= best_d)
        {
          best_d = d;
          best = i;
        }
    }
  return best;
}

static int
nearest_event (AlcoveMeasureGraph *self,
               double              px)
{
  AlcoveMeasureGraphScene scene;
  int best = -1;
  double best_d = 6;

  widget_scene (self, &scene);
  for (guint i = 0; i < n_events (&scene); i++)
    {
      double d = ABS (scene_event_x (&scene, i) - px);

      if (d <= best_d)
        {
          best_d = d;
          best = i;
        }
    }
  return best;
}

char *
alcove_measure_graph_describe_event (AlcoveMeasureGraph *self,
                                     guint               index)
{
  g_autoptr(AlcoveClinicalEvent) event = NULL;

  g_return_val_if_fail (ALCOVE_IS_MEASURE_GRAPH (self), NULL);
  g_return_val_if_fail (self->events != NULL && index < g_list_model_get_n_items (self->events), NULL);

  event = g_list_model_get_item (self->events, index);
  return alcove_clinical_event_describe (event);
}

static gboolean
alcove_measure_graph_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard,
                                    GtkTooltip *tooltip)
{
  AlcoveMeasureGraph *self = ALCOVE_MEASURE_GRAPH (widget);
  g_autofree char *text = NULL;
  int index;

  if (keyboard)
    {
      if (self->focused_event >= 0)
        text = alcove_measure_graph_describe_event (self, self->focused_event);
      else if (self->focused >= 0)
        text = alcove_measure_graph_describe_point (self, self->focused);
    }
  else if ((index = nearest_point (self, x, y)) >= 0)
    text = alcove_measure_graph_describe_point (self, index);
  else if ((index = nearest_event (self, x)) >= 0)
    text = alcove_measure_graph_describe_event (self, index);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

int
alcove_measure_graph_get_focused (AlcoveMeasureGraph *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE_GRAPH (self), -1);
  return self->focused;
}

int
alcove_measure_graph_get_focused_event (AlcoveMeasureGraph *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE_GRAPH (self), -1);
  return self->focused_event;
}

static void
announce (AlcoveMeasureGraph *self,
          const char         *text)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
alcove_measure_graph_set_focused (AlcoveMeasureGraph *self,
                                  int                 index)
{
  guint n;
  g_autofree char *text = NULL;

  g_return_if_fail (ALCOVE_IS_MEASURE_GRAPH (self));

  n = g_list_model_get_n_items (self->administrations);
  if (n == 0)
    return;
  self->focused = CLAMP (index, 0, (int) n - 1);
  self->focused_event = -1;
  text = alcove_measure_graph_describe_point (self, self->focused);
  announce (self, text);
}

void
alcove_measure_graph_set_focused_event (AlcoveMeasureGraph *self,
                                        int                 index)
{
  guint n;
  g_autofree char *text = NULL;

  g_return_if_fail (ALCOVE_IS_MEASURE_GRAPH (self));

  n = self->events != NULL ? g_list_model_get_n_items (self->events) : 0;
  if (n == 0)
    return;
  self->focused_event = CLAMP (index, 0, (int) n - 1);
  self->focused = -1;
  text = alcove_measure_graph_describe_event (self, self->focused_event);
  announce (self, text);
}

/* Points and events in one walk, by date: on a given day the event (what changed) comes
 * before the score that followed it */
typedef struct
{
  const char *date;
  gboolean    is_event;
  int         index;
} Stop;

static gint
compare_stops (gconstpointer a,
               gconstpointer b)
{
  const Stop *first = a;
  const Stop *second = b;
  int by_date = g_strcmp0 (first->date, second->date);

  if (by_date != 0)
    return by_date;
  if (first->is_event != second->is_event)
    return first->is_event ? -1 : 1;
  return first->index - second->index;
}

static GArray *
collect_stops (AlcoveMeasureGraph *self)
{
  GArray *stops = g_array_new (FALSE, FALSE, sizeof (Stop));

  for (guint i = 0; i < g_list_model_get_n_items (self->administrations); i++)
    {
      Stop stop = { alcove_measure_administration_get_administered_on (point_at (self, i)), FALSE, i };

      g_array_append_val (stops, stop);
    }
  for (guint i = 0; self->events != NULL && i < g_list_model_get_n_items (self->events); i++)
    {
      g_autoptr(AlcoveClinicalEvent) event = g_list_model_get_item (self->events, i);
      /* the model keeps the event, and so its date */
      Stop stop = { alcove_clinical_event_get_occurred_on (event), TRUE, i };

      g_array_append_val (stops, stop);
    }
  g_array_sort (stops, compare_stops);
  return stops;
}

static void
move_focus (AlcoveMeasureGraph *self,
            int                 step)
{
  g_autoptr(GArray) stops = collect_stops (self);
  int current = -1;
  int next;

  if (stops->len == 0)
    return;
  for (guint i = 0; i < stops->len; i++)
    {
      Stop *stop = &g_array_index (stops, Stop, i);

      if ((stop->is_event && stop->index == self->focused_event) ||
          (!stop->is_event && stop->index == self->focused))
        current = i;
    }
  if (step == G_MININT)
    next = 0;
  else if (step == G_MAXINT)
    next = stops->len - 1;
  else
    next = CLAMP (current + step, 0, (int) stops->len - 1);
  if (g_array_index (stops, Stop, next).is_event)
    alcove_measure_graph_set_focused_event (self, g_array_index (stops, Stop, next).index);
  else
    alcove_measure_graph_set_focused (self, g_array_index (stops, Stop, next).index);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AlcoveMeasureGraph    *self)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_focus (self, -1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_focus (self, 1);
      return TRUE;
    case GDK_KEY_Home:
      move_focus (self, G_MININT);
      return TRUE;
    case GDK_KEY_End:
      move_focus (self, G_MAXINT);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
alcove_measure_graph_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  AlcoveMeasureGraph *self = ALCOVE_MEASURE_GRAPH (widget);
  /* the events' tags take a band above the plot, which keeps its height */
  int tags = self->events != NULL && g_list_model_get_n_items (self->events) > 0 ? EVENT_BAND : 0;

  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 200 + tags;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 240 + tags;
}

static void
alcove_measure_graph_dispose (GObject *object)
{
  AlcoveMeasureGraph *self = ALCOVE_MEASURE_GRAPH (object);

  g_clear_object (&self->measure);
  g_clear_object (&self->administrations);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (alcove_measure_graph_parent_class)->dispose (object);
}

static void
alcove_measure_graph_class_init (AlcoveMeasureGraphClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_measure_graph_dispose;
  widget_class->snapshot = alcove_measure_graph_snapshot;
  widget_class->measure = alcove_measure_graph_measure;
  widget_class->query_tooltip = alcove_measure_graph_query_tooltip;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "measuregraph");
}

static void
alcove_measure_graph_init (AlcoveMeasureGraph *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->focused = -1;
  self->focused_event = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
alcove_measure_graph_new (AlcoveMeasure *measure,
                          GListModel    *administrations)
{
  AlcoveMeasureGraph *self;
  g_autofree char *label = NULL;

  g_return_val_if_fail (ALCOVE_IS_MEASURE (measure), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (administrations), NULL);

  self = g_object_new (ALCOVE_TYPE_MEASURE_GRAPH, NULL);
  self->measure = g_object_ref (measure);
  self->administrations = g_object_ref (administrations);
  /* Translators: the accessible name of a graph, "PHQ-9 scores over time" */
  label = g_strdup_printf (_("%s scores over time"), alcove_measure_get_name (measure));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (g_list_model_get_n_items (administrations) > 0)
    alcove_measure_graph_set_focused (self, g_list_model_get_n_items (administrations) - 1);
  return GTK_WIDGET (self);
}

void
alcove_measure_graph_set_events (AlcoveMeasureGraph *self,
                                 GListModel         *events)
{
  g_return_if_fail (ALCOVE_IS_MEASURE_GRAPH (self));
  g_return_if_fail (events == NULL || G_IS_LIST_MODEL (events));

  g_set_object (&self->events, events);
  self->focused_event = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  if (self->focused < 0 && g_list_model_get_n_items (self->administrations) > 0)
    self->focused = g_list_model_get_n_items (self->administrations) - 1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
