/* alcove-lists-and-messages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-lists-and-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-lists-and-messages.h"

void
alcove_list_box_remove_rows (GtkListBox *box)
{
  GtkListBoxRow *row;

  g_return_if_fail (GTK_IS_LIST_BOX (box));

  /* by row, not by child: the placeholder is a child too, and it stays */
  while ((row = gtk_list_box_get_row_at_index (box, 0)) != NULL)
    gtk_list_box_remove (box, GTK_WIDGET (row));
}

void
alcove_list_box_set_placeholder_text (GtkListBox *box,
                                      const char *text)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_LIST_BOX (box));

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "list-placeholder");
  gtk_list_box_set_placeholder (box, label);
}

void
alcove_message_show_error (GtkRevealer *revealer,
                           GtkLabel    *label,
                           const char  *message)
{
  g_return_if_fail (GTK_IS_REVEALER (revealer));
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (revealer, message != NULL);
}

void
alcove_message_error_dialog (GtkWidget  *widget,
                             const char *heading,
                             const char *message)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
alcove_form_show_busy (GtkWindow  *window,
                       GtkSpinner *spinner,
                       gboolean    busy,
                       GtkWidget  *first_widget,
                       ...)
{
  va_list args;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (GTK_IS_SPINNER (spinner));

  if (busy)
    gtk_window_set_focus (window, NULL);
  gtk_widget_set_visible (GTK_WIDGET (spinner), busy);
  gtk_spinner_set_spinning (spinner, busy);
  va_start (args, first_widget);
  for (GtkWidget *widget = first_widget; widget != NULL; widget = va_arg (args, GtkWidget *))
    gtk_widget_set_sensitive (widget, !busy);
  va_end (args);
}
