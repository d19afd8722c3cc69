/* alcove-note-editor-actions.c — signing, addenda and deleting a draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-error.h"
#include "alcove-lists-and-messages.h"
#include "alcove-note-editor-private.h"

/* ---- signing ---- */

static AlcoveEditorSection *
first_empty_required (AlcoveNoteEditor *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      AlcoveEditorSection *section = g_ptr_array_index (self->sections, i);
      g_autofree char *text = alcove_note_editor_buffer_dup_text (section->buffer);

      if (section->required && *g_strstrip (text) == '\0')
        return section;
    }
  return NULL;
}

/* "sign", or "confirm": the text copied from an earlier note and left as it was still
 * holds, and the note is signed with that confirmation */
static void
sign_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  AlcoveNoteEditor *self)
{
  g_autoptr(GError) error = NULL;

  if ((g_strcmp0 (response, "sign") != 0 && g_strcmp0 (response, "confirm") != 0) ||
      self->draft == NULL || alcove_note_editor_is_signed (self))
    return;
  if (g_strcmp0 (response, "confirm") == 0 &&
      !alcove_note_store_confirm_copied (self->notes, self->note, &error))
    {
      alcove_note_editor_show_toast (self, error->message);
      return;
    }
  /* through the model: what it has queued for the worker is settled first */
  if (!alcove_note_draft_model_sign (self->draft, &error))
    {
      alcove_note_editor_show_toast (self, error->message);
      return;
    }
  alcove_note_editor_stop_draft_saver (self);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  alcove_note_editor_build (self);
  alcove_note_editor_update_status (self);
  alcove_note_editor_emit_note_changed (self);
}

void
alcove_note_editor_sign (AlcoveNoteEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copied = NULL;
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  AlcoveEditorSection *empty;
  AdwMessageDialog *dialog;

  g_return_if_fail (ALCOVE_IS_NOTE_EDITOR (self));

  if (alcove_note_editor_is_signed (self))
    return;
  if (!alcove_note_store_check_required (self->notes, self->note, &error))
    {
      alcove_note_editor_show_toast (self, error->message);
      empty = first_empty_required (self);
      if (empty != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (empty->view));
      return;
    }
  copied = alcove_note_get_copy_confirmed_ms (self->note) == 0
           ? alcove_note_store_dup_copied_unchanged_titles (self->notes, self->note) : NULL;
  if (copied != NULL)
    {
      /* the store would refuse: it needs an edit or this confirmation */
      g_autofree char *body = g_strdup_printf (_("%s is exactly as copied from the note of %s. "
                                                 "Edit it for this session, or confirm that it "
                                                 "still holds as it is. After signing, this note "
                                                 "cannot be changed."), copied,
                                               self->copied_date ? self->copied_date
                                                                 : _("an earlier date"));

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Sign With Copied Text?"),
                                                           body));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Edit It"), "confirm",
                                        _("_Confirm and Sign"), NULL);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Sign This Note?"),
                                                           _("After signing, this note cannot be "
                                                             "changed. Corrections are added as "
                                                             "dated addenda.")));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "sign", _("_Sign"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "sign", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "sign");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- addenda ---- */

static void open_addendum_dialog (AlcoveNoteEditor *self, const char *text);

static void
addendum_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      AlcoveNoteEditor *self)
{
  g_autofree char *text = alcove_message_text_dialog_dup_text (dialog);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  if (!alcove_note_store_add_addendum (self->notes, self->note, text, &error))
    {
      alcove_note_editor_show_toast (self, error->message);
      open_addendum_dialog (self, text);  /* the words typed are not lost */
      return;
    }
  alcove_note_editor_build_addenda (self);
  alcove_note_editor_show_toast (self, _("Addendum added"));
  alcove_note_editor_emit_note_changed (self);
}

static void
open_addendum_dialog (AlcoveNoteEditor *self,
                      const char       *text)
{
  AdwMessageDialog *dialog;

  dialog = alcove_message_text_dialog_new (GTK_WIDGET (self), _("Add Addendum"),
                                           _("An addendum is dated and signed with your name "
                                             "when added, and cannot be changed afterwards."),
                                           _("Addendum text"), text, "add", _("_Add Addendum"),
                                           FALSE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (addendum_response_cb), self, 0);
}

void
alcove_note_editor_add_addendum (AlcoveNoteEditor *self)
{
  g_return_if_fail (ALCOVE_IS_NOTE_EDITOR (self));

  if (!alcove_note_editor_is_signed (self))
    {
      alcove_note_editor_show_toast (self, _("A draft can still be edited; addenda are for signed notes"));
      return;
    }
  open_addendum_dialog (self, NULL);
}

/* ---- deleting a draft ---- */

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AlcoveNoteEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->draft == NULL)
    return;
  if (!alcove_note_draft_model_delete (self->draft, &error))
    {
      alcove_note_editor_show_toast (self, error->message);
      return;
    }
  alcove_note_editor_stop_draft_saver (self);
  alcove_note_editor_emit_deleted (self);
}

void
alcove_note_editor_delete_draft (AlcoveNoteEditor *self)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (ALCOVE_IS_NOTE_EDITOR (self));

  if (alcove_note_editor_is_signed (self))
    {
      alcove_note_editor_show_toast (self, _("A signed note is part of the record and cannot be deleted"));
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Delete This Draft?"),
                                                       _("The draft and everything written in it "
                                                         "will be deleted. This cannot be undone.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- copying the last note forward ---- */

/* Load Last Note: the plan of the client's last signed note fills this draft's empty plan,
 * marked as copied; the view is built again around it */
void
alcove_note_editor_load_last_note (AlcoveNoteEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (ALCOVE_IS_NOTE_EDITOR (self));

  if (alcove_note_editor_is_read_only (self) || self->draft == NULL)
    return;
  if (!alcove_note_draft_model_load_last_note (self->draft, &error))
    {
      alcove_note_editor_show_toast (self, error->message);
      return;
    }
  alcove_note_editor_build (self);
  for (guint i = 0; i < self->sections->len; i++)
    {
      AlcoveEditorSection *section = g_ptr_array_index (self->sections, i);

      if (section->copied_label != NULL && section->view != NULL)
        {
          gtk_widget_grab_focus (GTK_WIDGET (section->view));
          break;
        }
    }
  message = g_strdup_printf (_("Copied from the note of %s: edit it for this session"),
                             self->copied_date ? self->copied_date : _("an earlier date"));
  alcove_note_editor_show_toast (self, message);
  alcove_note_editor_emit_note_changed (self);
}

/* ---- outcome measures ---- */

static AlcoveEditorSection *
section_for_measures (AlcoveNoteEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  const char *preferred[] = { "objective", "data", "behavior", "assessment" };

  for (guint i = 0; i < self->sections->len; i++)
    {
      AlcoveEditorSection *section = g_ptr_array_index (self->sections, i);

      if (focus != NULL && (focus == GTK_WIDGET (section->view) ||
                            gtk_widget_is_ancestor (focus, GTK_WIDGET (section->view))))
        return section;
    }
  for (guint p = 0; p < G_N_ELEMENTS (preferred); p++)
    for (guint i = 0; i < self->sections->len; i++)
      {
        AlcoveEditorSection *section = g_ptr_array_index (self->sections, i);

        if (!section->is_part && g_strcmp0 (section->key, preferred[p]) == 0)
          return section;
      }
  return self->sections->len > 0 ? g_ptr_array_index (self->sections, 0) : NULL;
}

gboolean
alcove_note_editor_insert_measure (AlcoveNoteEditor   *self,
                                   AlcoveMeasureStore *measures,
                                   const char         *measure_id,
                                   GError            **error)
{
  AlcoveEditorSection *section;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  GtkTextIter cursor;

  g_return_val_if_fail (ALCOVE_IS_NOTE_EDITOR (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_MEASURE_STORE (measures), FALSE);
  g_return_val_if_fail (measure_id != NULL, FALSE);

  section = section_for_measures (self);
  if (alcove_note_editor_is_read_only (self) || section == NULL)
    {
      alcove_note_editor_show_toast (self, _("A signed note takes no more text; add an addendum"));
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("A signed note takes no more text; add an addendum"));
      return FALSE;
    }
  text = alcove_measure_store_summarize (measures, alcove_note_get_client_id (self->note),
                                         measure_id, &local_error);
  if (text == NULL)
    {
      alcove_note_editor_show_toast (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  gtk_text_buffer_get_iter_at_mark (section->buffer, &cursor,
                                    gtk_text_buffer_get_insert (section->buffer));
  gtk_text_buffer_begin_user_action (section->buffer);
  if (!gtk_text_iter_starts_line (&cursor))
    gtk_text_buffer_insert (section->buffer, &cursor, "\n", -1);
  gtk_text_buffer_insert (section->buffer, &cursor, text, -1);
  gtk_text_buffer_insert (section->buffer, &cursor, "\n", -1);
  gtk_text_buffer_end_user_action (section->buffer);
  return TRUE;
}
