/* alcove-client-document-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-client-document-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-client-document-dialog.h"
#include "alcove-date-row.h"
#include "alcove-lists-and-messages.h"

/* A label, a kind and the day the paper is from. The store checks them all; a refusal (a
 * file that is not what its name says, a date in the future) shows under the form and
 * keeps what was typed. */
struct _AlcoveClientDocumentDialog
{
  AdwWindow             parent_instance;

  AlcoveVault          *vault;
  char                 *client_id;
  GBytes               *contents;   /* attaching: the file, in memory only */
  char                 *file_name;
  AlcoveClientDocument *document;   /* correcting */
  GCancellable         *cancellable; /* an attachment being written */

  AdwEntryRow          *label_row;
  AdwComboRow          *kind_row;
  AlcoveDateRow        *date_row;
  GtkLabel             *error_label;
  GtkWidget            *save_button;
};

G_DEFINE_FINAL_TYPE (AlcoveClientDocumentDialog, alcove_client_document_dialog, ADW_TYPE_WINDOW)

static void
show_error (AlcoveClientDocumentDialog *self,
            const char                 *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
set_busy (AlcoveClientDocumentDialog *self,
          gboolean                    busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.save", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->label_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), !busy);
}

static void
attached_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AlcoveClientDocumentDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = alcove_client_documents_attach_finish (ALCOVE_VAULT (source), result,
                                                                &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;  /* the dialog went, or the vault locked: nothing was written */
  if (id == NULL)
    {
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveClientDocumentDialog *self = ALCOVE_CLIENT_DOCUMENT_DIALOG (widget);
  const char *label = gtk_editable_get_text (GTK_EDITABLE (self->label_row));
  AlcoveDocumentKind kind = MIN (adw_combo_row_get_selected (self->kind_row),
                                 ALCOVE_N_DOCUMENT_KINDS - 1);
  const char *date = alcove_date_row_get_iso_date (self->date_row);
  g_autoptr(GError) error = NULL;

  if (self->document == NULL)
    {
      /* written on the session's worker: a large scan takes a moment */
      set_busy (self, TRUE);
      alcove_client_documents_attach_async (self->vault, self->client_id, self->contents,
                                            self->file_name, label, kind, date,
                                            self->cancellable, attached_cb, g_object_ref (self));
      return;
    }
  if (!alcove_client_documents_relabel (self->vault, self->document, label, kind, date, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
alcove_client_document_dialog_dispose (GObject *object)
{
  AlcoveClientDocumentDialog *self = ALCOVE_CLIENT_DOCUMENT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vault);
  g_clear_object (&self->document);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->file_name, g_free);

  G_OBJECT_CLASS (alcove_client_document_dialog_parent_class)->dispose (object);
}

static void
alcove_client_document_dialog_class_init (AlcoveClientDocumentDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_client_document_dialog_dispose;
  gtk_widget_class_install_action (widget_class, "document.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static AdwComboRow *
kind_row_new (void)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint k = 0; k < ALCOVE_N_DOCUMENT_KINDS; k++)
    gtk_string_list_append (names, alcove_document_kind_get_title (k));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Kind"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  return row;
}

static void
alcove_client_document_dialog_init (AlcoveClientDocumentDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page;
  GtkWidget *group = adw_preferences_group_new ();

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, -1);
  self->cancellable = g_cancellable_new ();

  self->label_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->label_row), _("_Label"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->label_row), TRUE);
  adw_entry_row_set_activates_default (self->label_row, TRUE);
  self->kind_row = kind_row_new ();
  self->date_row = alcove_date_row_new (_("_Date of the Document"));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The date is the day the note was written or the"
                                           " form signed, not today. The document stays in the"
                                           " vault; its text is not searchable."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->label_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->date_row));

  self->error_label = alcove_form_error_label_new (_("Why the document was not saved"));
  page = alcove_dialog_form_new (group, self->error_label);

  gtk_box_append (GTK_BOX (box),
                  alcove_dialog_header_new (GTK_WINDOW (self), "window.close", "document.save",
                                            _("_Attach"), "save", &self->save_button));
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static AlcoveClientDocumentDialog *
dialog_new (GtkWindow   *parent,
            AlcoveVault *vault,
            const char  *title)
{
  AlcoveClientDocumentDialog *self = g_object_new (ALCOVE_TYPE_CLIENT_DOCUMENT_DIALOG, NULL);

  self->vault = g_object_ref (vault);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  return self;
}

AlcoveClientDocumentDialog *
alcove_client_document_dialog_new_attach (GtkWindow   *parent,
                                          AlcoveVault *vault,
                                          const char  *client_id,
                                          GBytes      *contents,
                                          const char  *file_name)
{
  AlcoveClientDocumentDialog *self;
  g_autofree char *label = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (client_id != NULL && contents != NULL && file_name != NULL, NULL);

  self = dialog_new (parent, vault, _("Attach Document"));
  self->client_id = g_strdup (client_id);
  self->contents = g_bytes_ref (contents);
  self->file_name = g_strdup (file_name);
  label = alcove_client_documents_default_label (file_name);
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), label);
  adw_combo_row_set_selected (self->kind_row, ALCOVE_DOCUMENT_NOTE);
  return self;
}

AlcoveClientDocumentDialog *
alcove_client_document_dialog_new_edit (GtkWindow            *parent,
                                        AlcoveVault          *vault,
                                        AlcoveClientDocument *document)
{
  AlcoveClientDocumentDialog *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (document), NULL);

  self = dialog_new (parent, vault, _("Edit Document Details"));
  self->document = g_object_ref (document);
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
  gtk_button_set_use_underline (GTK_BUTTON (self->save_button), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->label_row),
                         alcove_client_document_get_label (document));
  adw_combo_row_set_selected (self->kind_row, alcove_client_document_get_kind (document));
  alcove_date_row_set_iso_date (self->date_row,
                                alcove_client_document_get_document_date (document));
  return self;
}
