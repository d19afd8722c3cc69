/* alcove-note-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-lock-manager.h"
#include "alcove-application.h"
#include "alcove-disclosure-store.h"
#include "alcove-lists-and-messages.h"
#include "alcove-note-format.h"
#include "alcove-note-printer.h"
#include "alcove-note-window.h"
#include "alcove-share-wizard.h"

/* A note in a window of its own, beside the client's page. It saves before closing (and
 * stays open if that fails), and closes itself when the vault locks — the lock manager has
 * asked its editor to save by then. */
struct _AlcoveNoteWindow
{
  AdwWindow         parent_instance;

  AlcoveWorkspace  *workspace;
  AlcoveNoteStore  *notes;
  AlcoveVault      *vault;
  AlcoveNoteEditor *editor;

  GtkBox           *content_box;
  AdwWindowTitle   *window_title;
  GtkWidget        *sign_button;
  GtkWidget        *cosign_button;
  GtkWidget        *return_button;
  GtkToggleButton  *findings_button;
  GtkLabel         *findings_count_label;
  GtkMenuButton    *menu_button;
};

G_DEFINE_FINAL_TYPE (AlcoveNoteWindow, alcove_note_window, ADW_TYPE_WINDOW)

static gboolean
note_is_signed (AlcoveNoteWindow *self)
{
  return alcove_note_get_status (alcove_note_editor_get_note (self->editor)) == ALCOVE_NOTE_SIGNED;
}

/* ---- sharing ---- */

static gboolean
can_share (AlcoveNoteWindow *self)
{
  return alcove_disclosure_store_can_record (alcove_workspace_get_disclosures (self->workspace));
}

static void
share_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlcoveNoteWindow *self = ALCOVE_NOTE_WINDOW (widget);
  AlcoveNote *note = alcove_note_editor_get_note (self->editor);

  if (!note_is_signed (self))
    return;
  gtk_window_present (GTK_WINDOW (alcove_share_wizard_new_for_note (GTK_WINDOW (self),
                                                                    self->workspace, note)));
}

/* ---- */

static void
update_actions (AlcoveNoteWindow *self)
{
  AlcoveNote *note = alcove_note_editor_get_note (self->editor);
  gboolean is_author = alcove_note_store_is_author (self->notes, note);
  gboolean is_signed = note_is_signed (self);
  gboolean awaiting = alcove_note_get_cosign_state (note) == ALCOVE_COSIGN_AWAITING;
  gboolean can_cosign = alcove_note_store_can_cosign (self->notes, note);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.sign", !is_signed && is_author);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.delete-draft",
                                 !is_signed && is_author &&
                                 alcove_note_get_returns (note)->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.load-last",
                                 !is_signed && is_author && !alcove_note_is_private (note) &&
                                 *alcove_note_get_copied_from (note) == '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.add-addendum",
                                 is_signed && is_author && !awaiting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.print", !alcove_note_is_private (note));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.cosign", can_cosign);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.return", can_cosign);
  gtk_widget_set_visible (self->sign_button, !is_signed && is_author);
  gtk_widget_set_visible (self->cosign_button, can_cosign);
  gtk_widget_set_visible (self->return_button, can_cosign);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.share", is_signed && can_share (self));
}

static void
update_findings_count (AlcoveNoteWindow *self)
{
  guint n = alcove_note_editor_get_n_findings (self->editor);
  g_autofree char *text = g_strdup_printf ("%u", n);
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "Minimum-Necessary Helper: %u finding",
                                                         "Minimum-Necessary Helper: %u findings",
                                                         n), n);

  gtk_label_set_text (self->findings_count_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->findings_button), label);
  /* the tooltip is the name: GTK 4.8 would read it again as the description */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->findings_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
}

static void
editor_note_changed_cb (AlcoveNoteWindow *self)
{
  update_actions (self);
}

static void
editor_deleted_cb (AlcoveNoteWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
vault_locked_changed_cb (AlcoveNoteWindow *self)
{
  /* the lock manager ran the editor's draft saver before the vault locked */
  if (alcove_vault_get_locked (self->vault))
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
alcove_note_window_close_request (GtkWindow *window)
{
  AlcoveNoteWindow *self = ALCOVE_NOTE_WINDOW (window);

  if (alcove_vault_get_locked (self->vault))
    return FALSE;
  /* a failed save keeps the window open, with the banner saying why */
  if (!alcove_note_editor_save (self->editor, NULL))
    return TRUE;
  return GTK_WINDOW_CLASS (alcove_note_window_parent_class)->close_request (window);
}

/* ---- actions ---- */

static void
sign_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  alcove_note_editor_sign (ALCOVE_NOTE_WINDOW (widget)->editor);
}

static void
cosign_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  alcove_note_editor_cosign (ALCOVE_NOTE_WINDOW (widget)->editor);
}

static void
return_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  alcove_note_editor_return (ALCOVE_NOTE_WINDOW (widget)->editor);
}

static void
add_addendum_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  alcove_note_editor_add_addendum (ALCOVE_NOTE_WINDOW (widget)->editor);
}

static void
load_last_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  alcove_note_editor_load_last_note (ALCOVE_NOTE_WINDOW (widget)->editor);
}

static void
insert_measures_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AlcoveNoteWindow *self = ALCOVE_NOTE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* the editor says why in its toast when nothing can be inserted */
  alcove_note_editor_insert_measure (self->editor, alcove_workspace_get_measures (self->workspace),
                                     g_variant_get_string (parameter, NULL), &error);
}

/* "Insert Measures": one item per shipped measure, for whoever reads measures */
static void
add_measures_menu (AlcoveNoteWindow *self)
{
  GMenuModel *model = gtk_menu_button_get_menu_model (self->menu_button);
  AlcoveMeasureStore *measures = alcove_workspace_get_measures (self->workspace);
  GListModel *all = alcove_measure_list_all ();
  g_autoptr(GMenu) submenu = g_menu_new ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.insert-measures",
                                 alcove_measure_store_can_read (measures) && !note_is_signed (self));
  if (!G_IS_MENU (model) || !alcove_measure_store_can_read (measures))
    return;
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveMeasure) measure = g_list_model_get_item (all, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (alcove_measure_get_name (measure), NULL);

      g_menu_item_set_action_and_target (item, "note.insert-measures", "s",
                                         alcove_measure_get_id (measure));
      g_menu_append_item (submenu, item);
    }
  g_menu_insert_submenu (G_MENU (model), 0, _("Insert _Measures"), G_MENU_MODEL (submenu));
}

static void
delete_draft_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  alcove_note_editor_delete_draft (ALCOVE_NOTE_WINDOW (widget)->editor);
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlcoveNoteWindow *self = ALCOVE_NOTE_WINDOW (widget);
  AlcoveNote *note = alcove_note_editor_get_note (self->editor);
  AlcoveClient *client = alcove_client_store_lookup (alcove_note_store_get_clients (self->notes),
                                                     alcove_note_get_client_id (note));
  g_autoptr(GListStore) one = g_list_store_new (ALCOVE_TYPE_NOTE);
  g_autoptr(GError) error = NULL;

  /* what is printed is what was saved */
  if (!alcove_note_editor_save (self->editor, NULL) || client == NULL)
    return;
  g_list_store_append (one, note);
  if (!alcove_note_printer_run (GTK_WINDOW (self), self->notes, client, G_LIST_MODEL (one), NULL,
                                &error))
    alcove_message_error_dialog (GTK_WIDGET (self), _("Could Not Print"), error->message);
}

static void
escape_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcoveNoteWindow *self = ALCOVE_NOTE_WINDOW (widget);

  /* Escape never closes a window with unsaved text: it saves, and a second press closes */
  if (alcove_note_editor_has_unsaved_changes (self->editor))
    {
      alcove_note_editor_save (self->editor, NULL);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- GObject ---- */

AlcoveNoteEditor *
alcove_note_window_get_editor (AlcoveNoteWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_WINDOW (self), NULL);
  return self->editor;
}

static void
alcove_note_window_dispose (GObject *object)
{
  AlcoveNoteWindow *self = ALCOVE_NOTE_WINDOW (object);

  g_clear_object (&self->notes);
  g_clear_object (&self->vault);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (alcove_note_window_parent_class)->dispose (object);
}

static void
alcove_note_window_class_init (AlcoveNoteWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = alcove_note_window_dispose;
  window_class->close_request = alcove_note_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-note-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteWindow, sign_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteWindow, cosign_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteWindow, return_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteWindow, findings_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteWindow, findings_count_label);

  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteWindow, menu_button);
  gtk_widget_class_install_action (widget_class, "note.sign", NULL, sign_action_cb);
  gtk_widget_class_install_action (widget_class, "note.print", NULL, print_action_cb);
  gtk_widget_class_install_action (widget_class, "note.add-addendum", NULL, add_addendum_action_cb);
  gtk_widget_class_install_action (widget_class, "note.delete-draft", NULL, delete_draft_action_cb);
  gtk_widget_class_install_action (widget_class, "note.load-last", NULL, load_last_action_cb);
  gtk_widget_class_install_action (widget_class, "note.insert-measures", "s",
                                   insert_measures_action_cb);
  gtk_widget_class_install_action (widget_class, "note.escape", NULL, escape_action_cb);
  gtk_widget_class_install_action (widget_class, "note.share", NULL, share_action_cb);
  gtk_widget_class_install_action (widget_class, "note.cosign", NULL, cosign_action_cb);
  gtk_widget_class_install_action (widget_class, "note.return", NULL, return_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "note.sign", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "note.sign", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "note.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "note.escape", NULL);
}

static void
alcove_note_window_init (AlcoveNoteWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AlcoveNoteWindow *
alcove_note_window_new (GtkWindow       *parent,
                        AlcoveWorkspace *workspace,
                        AlcoveNote      *note,
                        const char      *viewing_client_id)
{
  AlcoveNoteStore *notes;
  AlcoveNoteWindow *self;
  AlcoveClient *client;
  AlcoveNoteFormat *format;
  g_autofree char *subtitle = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), NULL);

  notes = alcove_workspace_get_notes (workspace);
  self = g_object_new (ALCOVE_TYPE_NOTE_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->notes = g_object_ref (notes);
  self->vault = g_object_ref (alcove_workspace_get_vault (workspace));

  client = alcove_client_store_lookup (alcove_note_store_get_clients (notes),
                                       viewing_client_id ? viewing_client_id
                                                         : alcove_note_get_client_id (note));
  if (client == NULL)
    client = alcove_client_store_lookup (alcove_note_store_get_clients (notes),
                                         alcove_note_get_client_id (note));
  format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  date = alcove_date_format (alcove_note_get_session_date (note));
  if (alcove_note_is_late_entry (note))
    {
      g_autofree char *written = alcove_date_format_time (alcove_note_get_written_ms (note));

      /* Translators: the note window's subtitle for a note written after its session day,
       * "<format> · session of <date> · written <date time>" */
      subtitle = g_strdup_printf (_("%s · session of %s · written %s"),
                                  format ? alcove_note_format_get_name (format) : "", date,
                                  written);
    }
  else
    /* Translators: the note window's subtitle, "<format> · <session date>" */
    subtitle = g_strdup_printf (_("%s · %s"), format ? alcove_note_format_get_name (format) : "",
                                date);
  adw_window_title_set_title (self->window_title,
                              client ? alcove_client_get_display_name (client) : _("Note"));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* Translators: a window title: a progress note (noun) */
  gtk_window_set_title (GTK_WINDOW (self), _("Note"));

  self->editor = alcove_note_editor_new (notes, note, viewing_client_id);
  alcove_note_editor_set_plans (self->editor, alcove_workspace_get_plans (workspace));
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
  gtk_box_append (self->content_box, GTK_WIDGET (self->editor));
  add_measures_menu (self);
  g_object_bind_property (self->findings_button, "active", self->editor, "findings-visible",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->editor, "notify::n-findings",
                           G_CALLBACK (update_findings_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "note-changed", G_CALLBACK (editor_note_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "deleted", G_CALLBACK (editor_deleted_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb),
                           self, G_CONNECT_SWAPPED);
  alcove_lock_manager_set_reopen_action (GTK_WINDOW (self), "main.open-note",
                                         g_variant_new ("(ss)", alcove_note_get_id (note),
                                                        viewing_client_id ? viewing_client_id
                                                                          : ""));
  update_findings_count (self);
  update_actions (self);
  return self;
}
