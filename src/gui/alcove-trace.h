/* alcove-trace.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     alcove_trace_init          (void);
gboolean alcove_trace_enabled       (const char *topic);
void     alcove_trace_mark          (const char *mark);
void     alcove_trace_first_frame   (GtkWidget  *widget,
                                     const char *what,
                                     const char *since_mark);

G_END_DECLS
