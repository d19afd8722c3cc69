/* alcove-accessible-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-accessible-names"

#include "config.h"

#include <adwaita.h>

#include "alcove-accessible-names.h"

/* GTK 4.8 names an accessible object by joining its label property and the names of the
 * objects it is labelled by, and names nothing from content. So:
 * - a GtkButton with a mnemonic puts its raw label ("_Next") in the label property and is
 *   also labelled by its mnemonic label: read "_Next Next". The relation is kept;
 * - AdwActionRow labels its activatable widget by the row's title, whatever label the widget
 *   had been given already. The relation is kept;
 * - rows of list views and of list boxes, and the button of a drop-down, get no name at all
 *   unless someone relates them to the labels they show. They are related here, when nothing
 *   else names them.
 * GObject's "notify" takes no emission hook, "map" does: the tree under a window or a stack is
 * mended when it is mapped (pages not shown yet included), and any widget made later when it
 * is mapped. */

#define MAX_NAMING_LABELS 3

static gboolean
is_activatable_widget_of_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return row != NULL && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget;
}

static void
collect_labels (GtkWidget *widget,
                GList    **labels,
                guint     *n_labels)
{
  if (*n_labels >= MAX_NAMING_LABELS)
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    {
      *labels = g_list_append (*labels, widget);
      (*n_labels)++;
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels, n_labels);
}

/* Named by the labels it shows, as a sighted person reads it */
static void
name_by_shown_labels (GtkWidget *widget)
{
  GList *labels = NULL;
  guint n_labels = 0;
  GValue value = G_VALUE_INIT;

  collect_labels (widget, &labels, &n_labels);
  if (labels == NULL)
    return;
  gtk_accessible_relation_init_value (GTK_ACCESSIBLE_RELATION_LABELLED_BY, &value);
  g_value_set_pointer (&value, labels);
  gtk_accessible_update_relation_value (GTK_ACCESSIBLE (widget), 1,
                                        (GtkAccessibleRelation[]) { GTK_ACCESSIBLE_RELATION_LABELLED_BY },
                                        &value);
  g_value_unset (&value);
}

/* A row made by a list view's factory, which the toolkit names after nothing */
static gboolean
is_list_view_row (GtkWidget *widget)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkListItemWidget");
}

/* A list box row with no title of its own (a custom row, or a row with its content in
 * widgets of its own) */
static gboolean
is_untitled_list_box_row (GtkWidget *widget)
{
  if (!GTK_IS_LIST_BOX_ROW (widget))
    return FALSE;
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))[0] == '\0';
  return TRUE;
}

static void
mend_name (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if ((GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
       gtk_button_get_use_underline (GTK_BUTTON (widget))) ||
      is_activatable_widget_of_row (widget))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else if (is_list_view_row (widget) || is_untitled_list_box_row (widget) ||
           (GTK_IS_TOGGLE_BUTTON (widget) && GTK_IS_DROP_DOWN (parent)))
    name_by_shown_labels (widget);
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

  if (GTK_IS_ROOT (widget) || GTK_IS_STACK (widget) || ADW_IS_LEAFLET (widget))
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
