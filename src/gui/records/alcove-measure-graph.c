/* alcove-measure-graph.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-measure-graph"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-measure-administration.h"
#include "alcove-measure-graph.h"

/* Scores against time (by date), the measure's severity bands shaded behind them from the
 * lightest to the darkest, the baseline ringed. Drawn with cairo in a GtkSnapshot, no chart
 * library. The pointer shows a point's date, score and band in a tooltip; the keyboard moves
 * between points with Left/Right/Home/End and the point's description becomes the widget's
 * accessible description, so a screen reader reads it. The same numbers are in the table
 * beside the graph (AlcoveMeasureList). */
struct _AlcoveMeasureGraph
{
  GtkWidget      parent_instance;

  AlcoveMeasure *measure;
  GListModel    *administrations;
  int            focused;
};

G_DEFINE_FINAL_TYPE (AlcoveMeasureGraph, alcove_measure_graph, GTK_TYPE_WIDGET)

#define PAD_LEFT   36.0
#define PAD_RIGHT  220.0
#define PAD_TOP    12.0
#define PAD_BOTTOM 28.0

static AlcoveMeasureAdministration *
point_at (AlcoveMeasureGraph *self,
          guint               index)
{
  AlcoveMeasureAdministration *given = g_list_model_get_item (self->administrations, index);

  g_object_unref (given);  /* the model keeps it */
  return given;
}

static guint32
julian_of (AlcoveMeasureAdministration *given)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!alcove_date_to_gdate (alcove_measure_administration_get_administered_on (given), &date))
    return 0;
  return g_date_get_julian (&date);
}

static void
point_position (AlcoveMeasureGraph *self,
                guint               index,
                double             *x,
                double             *y)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - PAD_LEFT - PAD_RIGHT;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - PAD_TOP - PAD_BOTTOM;
  guint n = g_list_model_get_n_items (self->administrations);
  guint32 first = julian_of (point_at (self, 0));
  guint32 last = julian_of (point_at (self, n - 1));
  guint32 day = julian_of (point_at (self, index));
  int min = alcove_measure_get_min (self->measure);
  int max = alcove_measure_get_max (self->measure);
  int total = alcove_measure_administration_get_total (point_at (self, index));

  if (last > first)
    *x = PAD_LEFT + width * (double) (day - first) / (double) (last - first);
  else
    *x = PAD_LEFT + (n > 1 ? width * index / (n - 1) : width / 2);
  *y = PAD_TOP + height * (1.0 - (double) (total - min) / MAX (1, max - min));
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
alcove_measure_graph_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  AlcoveMeasureGraph *self = ALCOVE_MEASURE_GRAPH (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double plot_h = height - PAD_TOP - PAD_BOTTOM;
  int min = alcove_measure_get_min (self->measure);
  int max = alcove_measure_get_max (self->measure);
  guint n = g_list_model_get_n_items (self->administrations);
  GdkRGBA fg;
  cairo_t *cr;
  PangoLayout *layout;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  layout = gtk_widget_create_pango_layout (widget, NULL);

  for (guint b = 0; b < alcove_measure_get_n_bands (self->measure); b++)
    {
      const AlcoveMeasureBand *band = alcove_measure_get_band (self->measure, b);
      double top = PAD_TOP + plot_h * (1.0 - (double) (band->max + 0.5 - min) / MAX (1, max - min));
      double bottom = PAD_TOP + plot_h * (1.0 - (double) (band->min - 0.5 - min) / MAX (1, max - min));
      GdkRGBA colour;

      top = CLAMP (top, PAD_TOP, PAD_TOP + plot_h);
      bottom = CLAMP (bottom, PAD_TOP, PAD_TOP + plot_h);
      band_colour (b, alcove_measure_get_n_bands (self->measure), &colour);
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_rectangle (cr, PAD_LEFT, top, width - PAD_LEFT - PAD_RIGHT, bottom - top);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      pango_layout_set_text (layout, band->label, -1);
      cairo_move_to (cr, width - PAD_RIGHT + 6, (top + bottom) / 2 - 8);
      pango_cairo_show_layout (cr, layout);
    }

  /* axis: the measure's range */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
  for (int v = 0; v < 2; v++)
    {
      g_autofree char *text = g_strdup_printf ("%d", v == 0 ? max : min);

      pango_layout_set_text (layout, text, -1);
      cairo_move_to (cr, 4, v == 0 ? PAD_TOP - 2 : PAD_TOP + plot_h - 16);
      pango_cairo_show_layout (cr, layout);
    }

  if (n > 0)
    {
      double x, y;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 1.0);
      cairo_set_line_width (cr, 2);
      for (guint i = 0; i < n; i++)
        {
          point_position (self, i, &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *date = NULL;

          point_position (self, i, &x, &y);
          cairo_arc (cr, x, y, 4.5, 0, 2 * G_PI);
          cairo_fill (cr);
          if (i == 0)
            {
              /* the baseline: ringed and named */
              cairo_arc (cr, x, y, 8, 0, 2 * G_PI);
              cairo_stroke (cr);
              pango_layout_set_text (layout, _("Baseline"), -1);
              cairo_move_to (cr, x + 10, y - 20);
              pango_cairo_show_layout (cr, layout);
            }
          if ((int) i == self->focused && gtk_widget_has_visible_focus (widget))
            {
              cairo_save (cr);
              cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
              cairo_set_line_width (cr, 3);
              cairo_arc (cr, x, y, 11, 0, 2 * G_PI);
              cairo_stroke (cr);
              cairo_restore (cr);
            }
          date = alcove_date_format (alcove_measure_administration_get_administered_on (point_at (self, i)));
          if (i == 0 || i == n - 1)
            {
              int text_w;

              pango_layout_set_text (layout, date, -1);
              pango_layout_get_pixel_size (layout, &text_w, NULL);
              cairo_move_to (cr, CLAMP (x - text_w / 2.0, 0, width - PAD_RIGHT - text_w),
                             height - PAD_BOTTOM + 6);
              pango_cairo_show_layout (cr, layout);
            }
        }
    }
  g_object_unref (layout);
  cairo_destroy (cr);
}


static int
nearest_point (AlcoveMeasureGraph *self,
               double              px,
               double              py)
{
  int best = -1;
  double best_d = 12 * 12;

  for (guint i = 0; i < g_list_model_get_n_items (self->administrations); i++)
    {
      double x, y, d;

      point_position (self, i, &x, &y);
      d = (x - px) * (x - px) + (y - py) * (y - py);
      if (d <= best_d)
        {
          best_d = d;
          best = i;
        }
    }
  return best;
}

static gboolean
alcove_measure_graph_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard,
                                    GtkTooltip *tooltip)
{
  AlcoveMeasureGraph *self = ALCOVE_MEASURE_GRAPH (widget);
  int index = keyboard ? self->focused : nearest_point (self, x, y);
  g_autofree char *text = NULL;

  if (index < 0)
    return FALSE;
  text = alcove_measure_graph_describe_point (self, index);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

int
alcove_measure_graph_get_focused (AlcoveMeasureGraph *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE_GRAPH (self), -1);
  return self->focused;
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
  text = alcove_measure_graph_describe_point (self, self->focused);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AlcoveMeasureGraph    *self)
{
  int n = g_list_model_get_n_items (self->administrations);

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      alcove_measure_graph_set_focused (self, self->focused - 1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      alcove_measure_graph_set_focused (self, self->focused + 1);
      return TRUE;
    case GDK_KEY_Home:
      alcove_measure_graph_set_focused (self, 0);
      return TRUE;
    case GDK_KEY_End:
      alcove_measure_graph_set_focused (self, n - 1);
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
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 240;
}

static void
alcove_measure_graph_dispose (GObject *object)
{
  AlcoveMeasureGraph *self = ALCOVE_MEASURE_GRAPH (object);

  g_clear_object (&self->measure);
  g_clear_object (&self->administrations);

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
