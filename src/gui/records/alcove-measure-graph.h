/* alcove-measure-graph.h — one measure's scores for one client over time, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alcove-measure.h"

G_BEGIN_DECLS

/* What one drawing of the graph shows, for the widget and for a printed page alike */
typedef struct
{
  AlcoveMeasure *measure;
  GListModel    *administrations;  /* AlcoveMeasureAdministration, oldest first */
  GListModel    *events;           /* AlcoveClinicalEvent, oldest first, or NULL */
  double         width;
  double         height;
  GdkRGBA        foreground;       /* lines, points and text */
  int            focused_point;    /* ringed, or -1 */
  int            focused_event;    /* outlined, or -1 */
} AlcoveMeasureGraphScene;

/* Draws `scene` into `cr` from (0, 0), its text in `layout`'s font */
void        alcove_measure_graph_draw           (cairo_t                       *cr,
                                                 PangoLayout                   *layout,
                                                 const AlcoveMeasureGraphScene *scene);

#define ALCOVE_TYPE_MEASURE_GRAPH (alcove_measure_graph_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveMeasureGraph, alcove_measure_graph, ALCOVE, MEASURE_GRAPH, GtkWidget)

/* `administrations`: AlcoveMeasureAdministration of `measure`, oldest first (the first is
 * the baseline) */
GtkWidget  *alcove_measure_graph_new            (AlcoveMeasure      *measure,
                                                 GListModel         *administrations);
/* The point the keyboard is on (-1 for none), and its description as announced */
int         alcove_measure_graph_get_focused    (AlcoveMeasureGraph *self);
void        alcove_measure_graph_set_focused    (AlcoveMeasureGraph *self,
                                                 int                 index);
char       *alcove_measure_graph_describe_point (AlcoveMeasureGraph *self,
                                                 guint               index);
/* Events drawn over the scores (AlcoveClinicalEvent, oldest first, or NULL for none) */
void        alcove_measure_graph_set_events     (AlcoveMeasureGraph *self,
                                                 GListModel         *events);
/* The event the keyboard is on (-1 for none; then it is on a point), and its description */
int         alcove_measure_graph_get_focused_event (AlcoveMeasureGraph *self);
void        alcove_measure_graph_set_focused_event (AlcoveMeasureGraph *self,
                                                    int                 index);
char       *alcove_measure_graph_describe_event (AlcoveMeasureGraph *self,
                                                 guint               index);

G_END_DECLS
