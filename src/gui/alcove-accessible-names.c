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
 * In both the relation gives the right name, so the label property is dropped. Emission hooks
 * see every button and row of the process, including those made after a window opened. */

static gboolean
button_label_set_hook (GSignalInvocationHint *hint,
                       guint                  n_values,
                       const GValue          *values,
                       gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);

  if (GTK_IS_BUTTON (object) && gtk_button_get_label (GTK_BUTTON (object)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_PROPERTY_LABEL);
  return TRUE;
}

static gboolean
activatable_widget_set_hook (GSignalInvocationHint *hint,
                             guint                  n_values,
                             const GValue          *values,
                             gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);
  GtkWidget *activatable;

  if (!ADW_IS_ACTION_ROW (object))
    return TRUE;
  activatable = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (object));
  if (activatable != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (activatable), GTK_ACCESSIBLE_PROPERTY_LABEL);
  return TRUE;
}

void
alcove_accessible_names_init (void)
{
  static gsize done = 0;
  guint notify = g_signal_lookup ("notify", G_TYPE_OBJECT);

  if (!g_once_init_enter (&done))
    return;
  g_signal_add_emission_hook (notify, g_quark_from_static_string ("label"),
                              button_label_set_hook, NULL, NULL);
  g_signal_add_emission_hook (notify, g_quark_from_static_string ("activatable-widget"),
                              activatable_widget_set_hook, NULL, NULL);
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
