/* alcove-measure-graph.h — one measure's scores for one client over time, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alcove-measure.h"

G_BEGIN_DECLS

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

G_END_DECLS
