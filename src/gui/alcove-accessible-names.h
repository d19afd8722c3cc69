/* alcove-accessible-names.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Once per process, before any window: keeps GTK 4.8 from giving a control its name twice */
void alcove_accessible_names_init          (void);
/* A row of a navigation list (an icon and a label) is named by its label */
void alcove_accessible_name_row_by_label   (GtkWidget *row);

G_END_DECLS
