/* alcove-format-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-format-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alcove-format-editor.h"
#include "alcove-format-page.h"

/* Preferences › Note Formats: the practice's own formats, to edit, export, retire or
 * restore, and the shipped ones, to export or duplicate; New Format… and Import… make more.
 * Whoever may not change formats (everyone but an owner) sees the same lists read-only and
 * may still export. The store decides; this page only shows its answer early. */
struct _AlcoveFormatPage
{
  AdwPreferencesPage   parent_instance;

  AlcoveFormatStore   *store;
  GPtrArray           *practice_rows;
  GtkFileChooserNative *chooser;

  AdwPreferencesGroup *practice_group;
  AdwPreferencesGroup *shipped_group;
  GtkWidget           *practice_buttons;
};

G_DEFINE_FINAL_TYPE (AlcoveFormatPage, alcove_format_page, ADW_TYPE_PREFERENCES_PAGE)

static void
show_toast (AlcoveFormatPage *self,
            const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static GtkWindow *
parent_window (AlcoveFormatPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *
row_button (const char *icon,
            const char *label,
            const char *tooltip,
            const char *action,
            const char *target)
{
  GtkWidget *button = icon != NULL ? gtk_button_new_from_icon_name (icon)
                                   : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  /* the tooltip is the name; GTK 4.8 would give it as the description as well */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

static char *
format_summary (AlcoveNoteFormat *format)
{
  guint n = alcove_note_format_get_n_sections (format);
  g_autofree char *sections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section",
                                                            "%u sections", n), n);

  if (alcove_note_format_get_retired (format))
    /* TRANSLATORS: a retired format's summary: its version and e.g. "4 sections" */
    return g_strdup_printf (_("Retired · version %u · %s"),
                            alcove_note_format_get_version (format), sections);
  /* TRANSLATORS: a practice format's summary: its version and e.g. "4 sections" */
  return g_strdup_printf (_("Version %u · %s"), alcove_note_format_get_version (format), sections);
}

static GtkWidget *
practice_row (AlcoveFormatPage *self,
              AlcoveNoteFormat *format)
{
  GtkWidget *row = adw_action_row_new ();
  const char *id = alcove_note_format_get_base_id (format);
  const char *name = alcove_note_format_get_name (format);
  gboolean can_edit = alcove_format_store_can_edit (self->store);
  g_autofree char *summary = format_summary (format);
  g_autofree char *edit = g_strdup_printf (_("Edit “%s”"), name);
  g_autofree char *export = g_strdup_printf (_("Export “%s”…"), name);

  gtk_widget_set_name (row, id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  if (can_edit && !alcove_note_format_get_retired (format))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button ("document-edit-symbolic", NULL, edit, "formats.edit",
                                           id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-save-symbolic", NULL, export, "formats.export",
                                         id));
  if (can_edit && alcove_note_format_get_retired (format))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button (NULL, _("_Restore"),
                                           _("Offer it for new notes again"),
                                           "formats.restore", id));
  else if (can_edit)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button (NULL, _("_Retire…"),
                                           _("Stop offering it for new notes"),
                                           "formats.retire", id));
  return row;
}

static GtkWidget *
message_row (const char *title,
             const char *subtitle,
             const char *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  if (icon != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  return row;
}

static void
rebuild_practice (AlcoveFormatPage *self)
{
  GListModel *formats = alcove_format_store_get_formats (self->store);
  g_auto(GStrv) rejected = alcove_format_store_dup_rejected (self->store);
  gboolean can_edit = alcove_format_store_can_edit (self->store);

  for (guint i = 0; i < self->practice_rows->len; i++)
    adw_preferences_group_remove (self->practice_group, g_ptr_array_index (self->practice_rows, i));
  g_ptr_array_set_size (self->practice_rows, 0);

  if (rejected != NULL)
    {
      guint n = g_strv_length (rejected);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u saved version is ignored",
                                                             "%u saved versions are ignored", n),
                                                n);
      GtkWidget *row = message_row (title, _("They were changed outside Alcove or not made by a "
                                             "practice owner. The access log records it."),
                                    "dialog-warning-symbolic");

      gtk_widget_add_css_class (row, "error");
      g_ptr_array_add (self->practice_rows, row);
    }
  if (!can_edit)
    g_ptr_array_add (self->practice_rows,
                     message_row (_("Only a practice owner makes and changes formats"),
                                  _("Ask an owner to add or change one. Any format can be exported."),
                                  "changes-prevent-symbolic"));
  if (g_list_model_get_n_items (formats) == 0)
    g_ptr_array_add (self->practice_rows,
                     message_row (_("No formats of the practice’s own yet"),
                                  can_edit ? _("Make one with New Format…, or duplicate one Alcove "
                                               "ships") : NULL, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (formats); i++)
    {
      g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (formats, i);

      g_ptr_array_add (self->practice_rows, practice_row (self, format));
    }
  for (guint i = 0; i < self->practice_rows->len; i++)
    adw_preferences_group_add (self->practice_group, g_ptr_array_index (self->practice_rows, i));
  gtk_widget_set_visible (self->practice_buttons, can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "formats.new", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "formats.import", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "formats.duplicate", can_edit);
}

static void
fill_shipped (AlcoveFormatPage *self)
{
  GListModel *formats = alcove_note_format_list_all ();
  gboolean can_edit = alcove_format_store_can_edit (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (formats); i++)
    {
      g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (formats, i);
      const char *id = alcove_note_format_get_id (format);
      const char *name = alcove_note_format_get_name (format);
      g_autofree char *export = NULL;
      g_autofree char *duplicate = NULL;
      GtkWidget *row;

      /* the private note is not a record format a practice would copy */
      if (alcove_note_format_get_version (format) > 0 || alcove_note_format_get_private (format))
        continue;
      export = g_strdup_printf (_("Export “%s”…"), name);
      duplicate = g_strdup_printf (_("Duplicate “%s” as a practice format"), name);
      row = message_row (name, alcove_note_format_get_description (format), NULL);
      gtk_widget_set_name (row, id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("document-save-symbolic", NULL, export,
                                             "formats.export", id));
      if (can_edit)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   row_button (NULL, _("_Duplicate…"), duplicate,
                                               "formats.duplicate", id));
      adw_preferences_group_add (self->shipped_group, row);
    }
}

/* ---- actions ---- */

static void
open_editor (AlcoveFormatPage *self,
             AlcoveNoteFormat *format,
             gboolean          duplicate)
{
  AlcoveFormatEditor *editor = alcove_format_editor_new (parent_window (self), self->store,
                                                         format, duplicate);

  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (ALCOVE_FORMAT_PAGE (widget), NULL, FALSE);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (g_variant_get_string (parameter, NULL));

  if (format != NULL)
    open_editor (ALCOVE_FORMAT_PAGE (widget), format,
                 g_str_equal (action_name, "formats.duplicate"));
}

static void
retire_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AlcoveFormatPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (dialog), "format-id");

  if (g_str_equal (response, "retire") &&
      !alcove_format_store_set_retired (self->store, id, TRUE, &error))
    show_toast (self, error->message);
}

static void
retire_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlcoveFormatPage *self = ALCOVE_FORMAT_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  AlcoveNoteFormat *format = alcove_note_format_lookup (id);
  g_autofree char *heading = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (format == NULL)
    return;
  if (g_str_equal (action_name, "formats.restore"))
    {
      if (!alcove_format_store_set_retired (self->store, id, FALSE, &error))
        show_toast (self, error->message);
      return;
    }
  heading = g_strdup_printf (_("Retire “%s”?"), alcove_note_format_get_name (format));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading,
                                                       _("New notes can no longer use it. Notes "
                                                         "already written in it keep it, and "
                                                         "still open and print. You can restore "
                                                         "it later.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "retire", _("_Retire"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "format-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (retire_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AlcoveFormatPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The format could not be exported: %s"),
                                                  error->message);

      show_toast (self, message);
      return;
    }
  show_toast (self, _("Format exported"));
}

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  AlcoveFormatPage *self)
{
  g_autoptr(GFile) file = NULL;
  AlcoveNoteFormat *format = alcove_note_format_lookup (g_object_get_data (G_OBJECT (chooser),
                                                                           "format-id"));
  g_autofree char *json = NULL;
  gsize length;

  if (response == GTK_RESPONSE_ACCEPT && format != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;

      json = alcove_note_format_to_json (format);
      length = strlen (json);
      bytes = g_bytes_new_take (g_steal_pointer (&json), length);
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION, NULL, exported_cb,
                                           g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlcoveFormatPage *self = ALCOVE_FORMAT_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  AlcoveNoteFormat *format = alcove_note_format_lookup (id);
  g_autofree char *file_name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (format == NULL)
    return;
  file_name = g_strdup_printf ("%s.json", alcove_note_format_get_base_id (format));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Note Format"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Note formats (JSON)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data_full (G_OBJECT (self->chooser), "format-id", g_strdup (id), g_free);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AlcoveFormatPage) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveNoteFormat *format;
  g_autofree char *message = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (bytes == NULL || self->store == NULL)
    {
      if (error != NULL)
        show_toast (self, error->message);
      return;
    }
  format = alcove_format_store_import (self->store, bytes, &error);
  if (format == NULL)
    {
      message = g_strdup_printf (_("Not imported: %s"), error->message);
      show_toast (self, message);
      return;
    }
  message = g_strdup_printf (_("Imported “%s”"), alcove_note_format_get_name (format));
  show_toast (self, message);
}

static void
import_chosen_cb (GtkNativeDialog  *chooser,
                  int               response,
                  AlcoveFormatPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    g_file_load_bytes_async (file, NULL, import_loaded_cb, g_object_ref (self));
  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlcoveFormatPage *self = ALCOVE_FORMAT_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Note Format"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Note formats (JSON)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (import_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- object ---- */

static void
alcove_format_page_dispose (GObject *object)
{
  AlcoveFormatPage *self = ALCOVE_FORMAT_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_pointer (&self->practice_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (alcove_format_page_parent_class)->dispose (object);
}

static void
alcove_format_page_class_init (AlcoveFormatPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_format_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-format-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveFormatPage, practice_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFormatPage, shipped_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFormatPage, practice_buttons);

  gtk_widget_class_install_action (widget_class, "formats.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "formats.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "formats.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "formats.duplicate", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "formats.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "formats.retire", "s", retire_action);
  gtk_widget_class_install_action (widget_class, "formats.restore", "s", retire_action);
}

static void
alcove_format_page_init (AlcoveFormatPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->practice_rows = g_ptr_array_new ();
}

AlcoveFormatPage *
alcove_format_page_new (AlcoveFormatStore *store)
{
  AlcoveFormatPage *self;

  g_return_val_if_fail (ALCOVE_IS_FORMAT_STORE (store), NULL);

  self = g_object_new (ALCOVE_TYPE_FORMAT_PAGE, NULL);
  self->store = g_object_ref (store);
  fill_shipped (self);
  rebuild_practice (self);
  g_signal_connect_object (store, "formats-changed", G_CALLBACK (rebuild_practice), self,
                           G_CONNECT_SWAPPED);
  return self;
}
