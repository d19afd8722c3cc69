/* alcove-client-document-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-client-document-list"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-client-document-list.h"
#include "alcove-date.h"
#include "alcove-lists-and-messages.h"

/* The documents newest first, each with its kind, date, type and size; a row opens the
 * document, its pencil corrects the details. Nothing here deletes: a document is part of
 * the record, and only a retention disposal removes it. Whoever reads but does not attach
 * (a supervisor) sees no Attach button. */
struct _AlcoveClientDocumentList
{
  AdwBin                parent_instance;

  AlcoveVault          *vault;
  char                 *client_id;
  GListModel           *documents;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;   /* the reading of the document being opened */

  GtkStack             *stack;
  GtkListBox           *list_box;
  GtkLabel             *error_label;
  GtkWidget            *attach_button;
  GtkWidget            *empty_attach_button;
};

G_DEFINE_FINAL_TYPE (AlcoveClientDocumentList, alcove_client_document_list, ADW_TYPE_BIN)

static const char *
describe_type (const char *content_type)
{
  if (g_strcmp0 (content_type, "application/pdf") == 0)
    return _("PDF");
  if (g_strcmp0 (content_type, "image/png") == 0)
    return _("PNG image");
  return _("JPEG image");
}

static GtkWindow *
parent_window (AlcoveClientDocumentList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (AlcoveClientDocumentList *self,
            const char               *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* ---- the rows ---- */

/* "Note · 3 April 2019 · PDF, 12.3 kB" */
static char *
subtitle_for (AlcoveClientDocument *document)
{
  g_autofree char *day = alcove_date_format (alcove_client_document_get_document_date (document));
  g_autofree char *size = g_format_size (alcove_client_document_get_size (document));

  /* Translators: a document's kind, date, file type and size */
  return g_strdup_printf (_("%s · %s · %s, %s"),
                          alcove_document_kind_get_title (alcove_client_document_get_kind (document)),
                          day, describe_type (alcove_client_document_get_content_type (document)),
                          size);
}

static GtkWidget *
edit_button_new (AlcoveClientDocument *document)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  g_autofree char *name = g_strdup_printf (_("Edit details of %s"),
                                           alcove_client_document_get_label (document));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Edit Details"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "documents.edit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    alcove_client_document_get_id (document));
  return button;
}

static GtkWidget *
row_new (AlcoveClientDocumentList *self,
         AlcoveClientDocument     *document)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = subtitle_for (document);
  gboolean pdf = g_strcmp0 (alcove_client_document_get_content_type (document),
                            "application/pdf") == 0;

  /* labels are the therapist's words, never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 alcove_client_document_get_label (document));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (pdf ? "x-office-document-symbolic"
                                                               : "image-x-generic-symbolic"));
  if (alcove_client_documents_can_attach (self->vault))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit_button_new (document));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "documents.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s",
                                    alcove_client_document_get_id (document));
  return row;
}

static void
reload (AlcoveClientDocumentList *self)
{
  g_autoptr(GError) error = NULL;
  guint n;

  g_clear_object (&self->documents);
  alcove_list_box_remove_rows (self->list_box);
  self->documents = alcove_client_documents_list (self->vault, self->client_id, &error);
  if (self->documents == NULL)
    {
      show_error (self, error->message);
      self->documents = G_LIST_MODEL (g_list_store_new (ALCOVE_TYPE_CLIENT_DOCUMENT));
    }
  n = g_list_model_get_n_items (self->documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlcoveClientDocument) document = g_list_model_get_item (self->documents, i);

      gtk_list_box_append (self->list_box, row_new (self, document));
    }
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static AlcoveClientDocument *
find_document (AlcoveClientDocumentList *self,
               const char               *document_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->documents); i++)
    {
      g_autoptr(AlcoveClientDocument) document = g_list_model_get_item (self->documents, i);

      if (g_strcmp0 (alcove_client_document_get_id (document), document_id) == 0)
        return g_steal_pointer (&document);
    }
  return NULL;
}

/* ---- attaching: the chooser, the file read into memory, the details ---- */

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AlcoveClientDocumentList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autoptr(GBytes) contents = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (contents == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    alcove_client_document_list_attach_bytes (self, contents, name);
}

static void
chooser_response_cb (GtkNativeDialog          *chooser,
                     int                       response,
                     AlcoveClientDocumentList *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    g_file_load_bytes_async (file, NULL, file_loaded_cb, g_object_ref (self));
  g_clear_object (&self->chooser);
}

static void
attach_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcoveClientDocumentList *self = ALCOVE_CLIENT_DOCUMENT_LIST (widget);

  if (self->chooser != NULL)
    return;
  show_error (self, NULL);
  self->chooser = alcove_document_chooser_new (parent_window (self), _("Attach Document"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveClientDocumentList *self = ALCOVE_CLIENT_DOCUMENT_LIST (widget);

  alcove_client_document_list_open (self, g_variant_get_string (parameter, NULL));
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveClientDocumentList *self = ALCOVE_CLIENT_DOCUMENT_LIST (widget);
  g_autoptr(AlcoveClientDocument) document = find_document (self, g_variant_get_string (parameter,
                                                                                         NULL));

  if (document == NULL)
    return;
  show_error (self, NULL);
  gtk_window_present (GTK_WINDOW (alcove_client_document_dialog_new_edit (parent_window (self),
                                                                          self->vault,
                                                                          document)));
}

/* ---- the widget ---- */

static void
alcove_client_document_list_dispose (GObject *object)
{
  AlcoveClientDocumentList *self = ALCOVE_CLIENT_DOCUMENT_LIST (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->documents);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (alcove_client_document_list_parent_class)->dispose (object);
}

static void
alcove_client_document_list_class_init (AlcoveClientDocumentListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_client_document_list_dispose;
  gtk_widget_class_install_action (widget_class, "documents.attach", NULL, attach_action_cb);
  gtk_widget_class_install_action (widget_class, "documents.open", "s", open_action_cb);
  gtk_widget_class_install_action (widget_class, "documents.edit", "s", edit_action_cb);
}

static GtkWidget *
attach_button_new (void)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Attach Document…"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "documents.attach");
  gtk_widget_set_tooltip_text (button, _("Attach a PDF or a scanned image to this record"));
  return button;
}

static GtkWidget *
empty_page_new (AlcoveClientDocumentList *self)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "folder-documents-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Documents"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Attach PDFs or scans of earlier notes, signed forms and"
                                     " letters. They stay inside the vault, go into its"
                                     " backups, and their text is not searched."));
  self->empty_attach_button = attach_button_new ();
  gtk_widget_set_halign (self->empty_attach_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->empty_attach_button, "pill");
  gtk_widget_add_css_class (self->empty_attach_button, "suggested-action");
  adw_status_page_set_child (ADW_STATUS_PAGE (status), self->empty_attach_button);
  return status;
}

static GtkWidget *
list_page_new (AlcoveClientDocumentList *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Documents"));
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  self->attach_button = attach_button_new ();
  gtk_box_append (GTK_BOX (heading), title);
  gtk_box_append (GTK_BOX (heading), self->attach_button);

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Documents"), -1);

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list_box));
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

static void
alcove_client_document_list_init (AlcoveClientDocumentList *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->error_label = alcove_form_error_label_new (_("What went wrong with the documents"));
  gtk_widget_set_margin_start (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, empty_page_new (self), "empty");
  gtk_stack_add_named (self->stack, list_page_new (self), "list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), box);
}

AlcoveClientDocumentList *
alcove_client_document_list_new (AlcoveVault *vault,
                                 const char  *client_id)
{
  AlcoveClientDocumentList *self;
  gboolean can_attach;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_CLIENT_DOCUMENT_LIST, NULL);
  self->vault = g_object_ref (vault);
  self->client_id = g_strdup (client_id);
  can_attach = alcove_client_documents_can_attach (vault);
  gtk_widget_set_visible (self->attach_button, can_attach);
  gtk_widget_set_visible (self->empty_attach_button, can_attach);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.attach", can_attach);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.edit", can_attach);
  g_signal_connect_object (vault, "changed::documents", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  return self;
}

AlcoveClientDocumentDialog *
alcove_client_document_list_attach_bytes (AlcoveClientDocumentList *self,
                                          GBytes                   *contents,
                                          const char               *file_name)
{
  AlcoveClientDocumentDialog *dialog;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT_LIST (self), NULL);
  g_return_val_if_fail (contents != NULL && file_name != NULL, NULL);

  dialog = alcove_client_document_dialog_new_attach (parent_window (self), self->vault,
                                                     self->client_id, contents, file_name);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The list is not held: its dispose cancels the reading, and a cancelled reading's callback
 * touches nothing */
typedef struct
{
  AlcoveClientDocumentList *self;
  AlcoveClientDocument     *document;
} Opening;

static void
opening_free (Opening *opening)
{
  g_object_unref (opening->document);
  g_free (opening);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Opening) opening = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = alcove_client_documents_read_finish (ALCOVE_VAULT (source), result,
                                                                     &error);
  AlcoveClientDocumentList *self = opening->self;
  AlcoveClientDocument *document = opening->document;
  g_autofree char *subtitle = NULL;
  AlcoveDocumentViewer *viewer;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_box), TRUE);
  if (contents == NULL)
    {
      show_error (self, error->message);
      return;
    }
  subtitle = subtitle_for (document);
  viewer = alcove_document_viewer_new (parent_window (self),
                                       alcove_client_document_get_label (document), subtitle,
                                       contents, alcove_client_document_get_content_type (document),
                                       &error);
  if (viewer == NULL)
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (viewer));
}

/* Reads the document on the session's worker, then shows it in a viewer over this window;
 * what fails is said above the list */
void
alcove_client_document_list_open (AlcoveClientDocumentList *self,
                                  const char               *document_id)
{
  g_autoptr(AlcoveClientDocument) document = NULL;
  Opening *opening;

  g_return_if_fail (ALCOVE_IS_CLIENT_DOCUMENT_LIST (self));
  g_return_if_fail (document_id != NULL);

  show_error (self, NULL);
  document = find_document (self, document_id);
  if (document == NULL)
    {
      show_error (self, _("The document is no longer in the vault."));
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  opening = g_new0 (Opening, 1);
  opening->self = self;
  opening->document = g_steal_pointer (&document);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_box), FALSE);
  alcove_client_documents_read_async (self->vault, opening->document, self->cancellable,
                                      read_cb, opening);
}

GListModel *
alcove_client_document_list_get_model (AlcoveClientDocumentList *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT_LIST (self), NULL);
  return self->documents;
}
