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

AdwMessageDialog *
alcove_message_confirm_dialog_new (GtkWidget           *widget,
                                   const char          *heading,
                                   const char          *body,
                                   const char          *response,
                                   const char          *response_label,
                                   AdwResponseAppearance appearance,
                                   GCallback            response_cb,
                                   gpointer             user_data)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  /* a destructive answer is never the one Enter gives */
  adw_message_dialog_set_default_response (dialog, appearance == ADW_RESPONSE_DESTRUCTIVE
                                                   ? "cancel" : response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", response_cb, user_data, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
text_changed_cb (GtkTextBuffer    *buffer,
                 AdwMessageDialog *dialog)
{
  g_autofree char *text = alcove_message_text_dialog_dup_text (dialog);

  adw_message_dialog_set_response_enabled (dialog, g_object_get_data (G_OBJECT (dialog),
                                                                      "text-response"),
                                           *g_strstrip (text) != '\0');
}

AdwMessageDialog *
alcove_message_text_dialog_new (GtkWidget  *widget,
                                const char *heading,
                                const char *body,
                                const char *label,
                                const char *text,
                                const char *response,
                                const char *response_label,
                                gboolean    require_text)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (response != NULL, NULL);

  root = gtk_widget_get_root (widget);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 140);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  adw_message_dialog_set_extra_child (dialog, frame);
  g_object_set_data (G_OBJECT (dialog), "text-view", view);
  g_object_set_data_full (G_OBJECT (dialog), "text-response", g_strdup (response), g_free);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (require_text)
    {
      g_signal_connect_object (buffer, "changed", G_CALLBACK (text_changed_cb), dialog, 0);
      text_changed_cb (buffer, dialog);
    }
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
  return dialog;
}

char *
alcove_message_text_dialog_dup_text (AdwMessageDialog *dialog)
{
  GtkTextView *view;
  GtkTextIter start, end;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  view = g_object_get_data (G_OBJECT (dialog), "text-view");
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
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

char *
alcove_file_chooser_take_path (GtkNativeDialog *dialog,
                               int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  return file != NULL ? g_file_get_path (file) : NULL;
}

GtkFileChooserNative *
alcove_document_chooser_new (GtkWindow  *parent,
                             const char *title)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  const char *suffixes[] = { "pdf", "png", "jpg", "jpeg" };

  gtk_file_filter_set_name (filter, _("PDF documents and images"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Attach"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}

GtkLabel *
alcove_form_error_label_new (const char *accessible_name)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_xalign (label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  if (accessible_name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible_name, -1);
  return label;
}

GtkWidget *
alcove_dialog_header_new (GtkWindow   *window,
                          const char  *cancel_action,
                          const char  *action,
                          const char  *mnemonic,
                          const char  *name,
                          GtkWidget  **button)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *suggested = gtk_button_new_with_mnemonic (mnemonic);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), cancel_action);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (suggested), action);
  gtk_widget_set_name (suggested, name);
  gtk_widget_add_css_class (suggested, "suggested-action");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), suggested);
  gtk_window_set_default_widget (window, suggested);
  if (button != NULL)
    *button = suggested;
  return header;
}

GtkWidget *
alcove_dialog_form_new (GtkWidget *group,
                        GtkLabel  *error_label)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  gtk_box_append (GTK_BOX (page), group);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (error_label));
  return page;
}

/* ---- a plaintext export's first steps ---- */

typedef struct
{
  GtkWindow        *parent;
  char             *title;
  char             *file_name;
  AlcoveSaveChosen  chosen;
  gpointer          data;
  GDestroyNotify    destroy;
} Choosing;

static void
choosing_free (Choosing *choosing)
{
  if (choosing->destroy != NULL)
    choosing->destroy (choosing->data);
  g_clear_object (&choosing->parent);
  g_free (choosing->title);
  g_free (choosing->file_name);
  g_free (choosing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Choosing, choosing_free)

static void
export_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(Choosing) choosing = user_data;
  g_autofree char *path = alcove_file_chooser_take_path (dialog, response);
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  choosing->chosen (choosing->parent, file, choosing->data);
}

static void
export_warning_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            gpointer          user_data)
{
  g_autoptr(Choosing) choosing = g_object_steal_data (G_OBJECT (dialog), "choosing");
  GtkFileChooserNative *chooser;

  if (choosing == NULL || g_strcmp0 (response, "export") != 0)
    return;
  chooser = gtk_file_chooser_native_new (choosing->title, choosing->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), choosing->file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen_cb),
                    g_steal_pointer (&choosing));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
alcove_export_warn_and_choose (GtkWindow             *parent,
                               const char            *heading,
                               const char            *body,
                               AdwResponseAppearance  appearance,
                               const char            *title,
                               const char            *file_name,
                               AlcoveSaveChosen       chosen,
                               gpointer               data,
                               GDestroyNotify         destroy)
{
  Choosing *choosing = g_new0 (Choosing, 1);
  AdwMessageDialog *dialog;

  choosing->parent = g_object_ref (parent);
  choosing->title = g_strdup (title);
  choosing->file_name = g_strdup (file_name);
  choosing->chosen = chosen;
  choosing->data = data;
  choosing->destroy = destroy;
  dialog = alcove_message_confirm_dialog_new (GTK_WIDGET (parent), heading, body, "export",
                                              _("_Choose Where to Save…"), appearance,
                                              G_CALLBACK (export_warning_response_cb), parent);
  g_object_set_data_full (G_OBJECT (dialog), "choosing", choosing,
                          (GDestroyNotify) choosing_free);
}
