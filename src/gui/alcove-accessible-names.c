/* alcove-accessible-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-accessible-names"

#include "config.h"

#include <adwaita.h>

#include "alcove-accessible-names.h"

/* GTK 4.8 names an accessible object by joining its label property and the names of the
 * objects it is labelled by. Two toolkit habits set both for the same words, and a screen
 * reader then says them twice ("_Next Next", "Court order Court order"):
 * - GtkButton puts its raw label (underline included) in the label property, and is also
 *   labelled by the GtkLabel it shows;
 * - AdwActionRow labels its activatable widget by the row's title, whatever label the widget
 *   had been given already.
 * In both the relation gives the right name, so the label property is dropped. GObject's
 * "notify" takes no emission hook, "map" does: a window's whole tree is mended when it is
 * mapped (pages not shown yet included), and any widget made later when it is mapped. */

static gboolean
is_activatable_widget_of_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return row != NULL && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget;
}

static void
mend_name (GtkWidget *widget)
{
  if ((GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL) ||
      is_activatable_widget_of_row (widget))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
mend_names_in_tree (GtkWidget *widget)
{
  mend_name (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mend_names_in_tree (child);
}

static gboolean
widget_mapped_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  if (GTK_IS_ROOT (widget))
    mend_names_in_tree (widget);
  else
    mend_name (widget);
  return TRUE;
}

void
alcove_accessible_names_init (void)
{
  static gsize done = 0;
  gpointer widget_class;

  if (!g_once_init_enter (&done))
    return;
  /* the signal exists once the class does */
  widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                              widget_mapped_hook, NULL, NULL);
  g_type_class_unref (widget_class);
  g_once_init_leave (&done, 1);
}

static GtkWidget *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = find_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

void
alcove_accessible_name_row_by_label (GtkWidget *row)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_WIDGET (row));

  label = find_label (row);
  if (label != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    label, NULL, -1);
}
