/* alcove-note-editor-cosign.c — supervision in the note editor: the co-signature line, the
 * return banner and the earlier signatures, and the supervisor's two actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-lists-and-messages.h"
#include "alcove-note-editor-private.h"
#include "alcove-note-status.h"

/* ---- what it shows ---- */

/* A draft that can be typed in says it is saved; anything else says where it stands */
void
alcove_note_editor_update_status (AlcoveNoteEditor *self)
{
  g_autofree char *label = NULL;

  if (!alcove_note_editor_is_read_only (self))
    {
      alcove_note_editor_set_status (self, _("Saved"));
      return;
    }
  label = alcove_note_status_dup_label (self->notes, self->note);
  alcove_note_editor_set_status (self, label);
}

/* "Returned for changes by <name> on <date>", and the comment */
static void
build_returned_banner (AlcoveNoteEditor *self)
{
  const AlcoveNoteReturn *note_return = alcove_note_get_last_return (self->note);
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;

  if (alcove_note_get_cosign_state (self->note) != ALCOVE_COSIGN_RETURNED || note_return == NULL)
    {
      gtk_revealer_set_reveal_child (self->returned_revealer, FALSE);
      return;
    }
  name = alcove_note_store_dup_author_name (self->notes, note_return->returned_by);
  when = alcove_date_format_time (note_return->returned_ms);
  /* Translators: "Returned for changes by <supervisor's name> on <date time>" */
  title = g_strdup_printf (_("Returned for changes by %s on %s"), name, when);
  gtk_label_set_text (self->returned_title, title);
  gtk_label_set_text (self->returned_comment, note_return->comment);
  gtk_revealer_set_reveal_child (self->returned_revealer, TRUE);
}

static void
build_cosign_label (AlcoveNoteEditor *self)
{
  g_autofree char *line = alcove_note_status_dup_cosign_line (self->notes, self->note);

  gtk_widget_set_visible (GTK_WIDGET (self->cosign_label), line != NULL);
  gtk_label_set_text (self->cosign_label, line ? line : "");
  if (alcove_note_get_cosign_state (self->note) == ALCOVE_COSIGN_AWAITING)
    gtk_widget_add_css_class (GTK_WIDGET (self->cosign_label), "awaiting");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->cosign_label), "awaiting");
}

/* One signature a supervisor sent back: who signed when, who returned it when, and why */
static GtkWidget *
history_row_new (AlcoveNoteEditor       *self,
                 const AlcoveNoteReturn *note_return)
{
  g_autofree char *signer = alcove_note_store_dup_author_name (self->notes, note_return->signed_by);
  g_autofree char *signed_at = alcove_date_format_time (note_return->signed_ms);
  g_autofree char *returner = alcove_note_store_dup_author_name (self->notes,
                                                                 note_return->returned_by);
  g_autofree char *returned_at = alcove_date_format_time (note_return->returned_ms);
  g_autofree char *heading = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title;
  GtkWidget *body = gtk_label_new (note_return->comment);

  /* Translators: "Signed by <name> on <date> · returned by <name> on <date>" */
  heading = g_strdup_printf (_("Signed by %s on %s · returned by %s on %s"), signer, signed_at,
                             returner, returned_at);
  title = gtk_label_new (heading);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), body);
  if (!note_return->valid)
    {
      GtkWidget *warning = gtk_label_new (_("This return does not verify"));

      gtk_widget_add_css_class (warning, "error");
      gtk_label_set_xalign (GTK_LABEL (warning), 0);
      gtk_box_append (GTK_BOX (box), warning);
    }
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  return box;
}

/* The author's earlier signatures, newest first; the labels take no focus, so a rebuild
 * never removes the focus widget */
static void
build_history (AlcoveNoteEditor *self)
{
  GPtrArray *returns = alcove_note_get_returns (self->note);

  alcove_list_box_remove_rows (self->history_list);
  for (guint i = returns->len; i > 0; i--)
    gtk_list_box_append (self->history_list,
                         history_row_new (self, g_ptr_array_index (returns, i - 1)));
  gtk_widget_set_visible (GTK_WIDGET (self->history_box), returns->len > 0);
}

void
alcove_note_editor_build_cosign (AlcoveNoteEditor *self)
{
  gtk_revealer_set_reveal_child (self->cosign_tampered_revealer,
                                 alcove_note_get_cosign_tampered (self->note));
  build_returned_banner (self);
  build_cosign_label (self);
  build_history (self);
}

/* ---- what a supervisor does ---- */

static void
after_change (AlcoveNoteEditor *self,
              const char       *toast)
{
  alcove_note_editor_build (self);
  alcove_note_editor_update_status (self);
  alcove_note_editor_show_toast (self, toast);
  alcove_note_editor_emit_note_changed (self);
}

static void
cosign_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AlcoveNoteEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "cosign") != 0)
    return;
  if (!alcove_note_store_cosign (self->notes, self->note, &error))
    {
      alcove_note_editor_show_toast (self, error->message);
      return;
    }
  after_change (self, _("Co-signed"));
}

void
alcove_note_editor_cosign (AlcoveNoteEditor *self)
{
  g_autofree char *author = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (ALCOVE_IS_NOTE_EDITOR (self));

  if (!alcove_note_store_can_cosign (self->notes, self->note))
    {
      alcove_note_editor_show_toast (self, _("This note is not waiting for your co-signature"));
      return;
    }
  author = alcove_note_store_dup_author_name (self->notes, alcove_note_get_author (self->note));
  /* Translators: %s is the name of the note's author */
  body = g_strdup_printf (_("Your signature is added beside %s’s, over the note exactly as "
                            "they signed it. It cannot be taken back."), author);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Co-Sign This Note?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "cosign", _("C_o-Sign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "cosign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cosign");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (cosign_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void open_return_dialog (AlcoveNoteEditor *self,
                                const char       *text);

static void
return_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AlcoveNoteEditor *self)
{
  g_autofree char *comment = alcove_message_text_dialog_dup_text (dialog);
  g_autofree char *author = NULL;
  g_autofree char *toast = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "return") != 0)
    return;
  if (!alcove_note_store_return (self->notes, self->note, comment, &error))
    {
      alcove_note_editor_show_toast (self, error->message);
      open_return_dialog (self, comment);  /* the comment typed is not lost */
      return;
    }
  author = alcove_note_store_dup_author_name (self->notes, alcove_note_get_author (self->note));
  /* Translators: %s is the name of the note's author */
  toast = g_strdup_printf (_("Returned to %s"), author);
  after_change (self, toast);
}

static void
open_return_dialog (AlcoveNoteEditor *self,
                    const char       *text)
{
  g_autofree char *author = alcove_note_store_dup_author_name (self->notes,
                                                               alcove_note_get_author (self->note));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is the name of the note's author */
  body = g_strdup_printf (_("%s gets it back as a draft with your comment, and signs it again "
                            "when it is ready. Their signature stays in the note’s history."),
                          author);
  dialog = alcove_message_text_dialog_new (GTK_WIDGET (self), _("Return This Note?"), body,
                                           _("Comment for the author"), text, "return",
                                           _("_Return"), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (return_response_cb), self, 0);
}

void
alcove_note_editor_return (AlcoveNoteEditor *self)
{
  g_return_if_fail (ALCOVE_IS_NOTE_EDITOR (self));

  if (!alcove_note_store_can_cosign (self->notes, self->note))
    {
      alcove_note_editor_show_toast (self, _("This note is not waiting for your co-signature"));
      return;
    }
  open_return_dialog (self, NULL);
}
