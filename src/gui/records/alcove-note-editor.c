/* alcove-note-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-application.h"
#include "alcove-date.h"
#include "alcove-lists-and-messages.h"
#include "alcove-note-editor-private.h"
#include "alcove-note-format.h"

/* One note on screen: a text view per section of its format, then one part per attendee of a
 * couple, family or group session. The text, its word counts and its autosave belong to an
 * AlcoveNoteDraftModel: each view hands it the section that changed, and it writes the draft
 * off the main thread a second after typing stops, when a section loses focus and, through a
 * draft saver, before the vault locks. Closing and printing save at once, through the same
 * model. A failed save keeps every word on screen and says why. Signed notes are read-only,
 * with their signature, fingerprint and addenda. */

G_DEFINE_FINAL_TYPE (AlcoveNoteEditor, alcove_note_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_N_FINDINGS,
  PROP_FINDINGS_VISIBLE,
  PROP_STATUS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NOTE_CHANGED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
section_free (AlcoveEditorSection *section)
{
  if (section->view == NULL)
    g_clear_object (&section->placeholder);  /* never shown, see add_section() */
  g_signal_handlers_disconnect_by_data (section->buffer, section);
  g_clear_object (&section->buffer);
  g_free (section->key);
  g_free (section->title);
  g_free (section);
}

gboolean
alcove_note_editor_is_signed (AlcoveNoteEditor *self)
{
  return alcove_note_get_status (self->note) == ALCOVE_NOTE_SIGNED;
}

/* Signed, or someone else's draft: a supervisor reads a supervisee's notes, never writes
 * in them */
gboolean
alcove_note_editor_is_read_only (AlcoveNoteEditor *self)
{
  return alcove_note_editor_is_signed (self) ||
         !alcove_note_store_is_author (self->notes, self->note);
}

char *
alcove_note_editor_buffer_dup_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
alcove_note_editor_show_toast (AlcoveNoteEditor *self,
                               const char       *message)
{
  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);
  g_clear_object (&self->last_toast);
  self->last_toast = adw_toast_new (message);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->last_toast));
}

void
alcove_note_editor_set_status (AlcoveNoteEditor *self,
            const char       *text)
{
  if (g_strcmp0 (self->status_text, text) == 0)
    return;
  g_free (self->status_text);
  self->status_text = g_strdup (text);
  gtk_label_set_text (self->status_label, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
}

/* ---- words ---- */

static void
show_section_words (AlcoveEditorSection *section,
                    guint                words)
{
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words",
                                                         words), words);

  gtk_label_set_text (section->words, label);
}

/* The sections on screen: a member's own view of a shared note leaves the others' parts out */
static void
show_total_words (AlcoveNoteEditor *self)
{
  g_autofree char *text = NULL;
  guint total = 0;

  for (guint i = 0; i < self->sections->len; i++)
    {
      AlcoveEditorSection *section = g_ptr_array_index (self->sections, i);

      total += alcove_note_draft_model_get_words (self->draft, section->key);
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word in total", "%u words in total",
                                       total), total);
  gtk_label_set_text (self->total_words_label, text);
}

static AlcoveEditorSection *
find_section (AlcoveNoteEditor *self,
              const char       *key)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      AlcoveEditorSection *section = g_ptr_array_index (self->sections, i);

      if (g_strcmp0 (section->key, key) == 0)
        return section;
    }
  return NULL;
}

/* The model counted one section again: only its label changes */
static void
words_counted_cb (AlcoveNoteDraftModel *draft,
                  const char           *key,
                  guint                 words,
                  AlcoveNoteEditor     *self)
{
  AlcoveEditorSection *section = find_section (self, key);

  if (section == NULL)
    return;
  show_section_words (section, words);
  show_total_words (self);
}

static void
show_placeholder (AlcoveNoteEditor    *self,
                  AlcoveEditorSection *section)
{
  gtk_widget_set_visible (GTK_WIDGET (section->placeholder),
                          gtk_text_buffer_get_char_count (section->buffer) == 0 &&
                          !alcove_note_editor_is_read_only (self));
}

/* ---- saving ---- */

static void
show_save_error (AlcoveNoteEditor *self,
                 const GError     *error)
{
  g_autofree char *status = g_strdup_printf (_("Not saved: %s — your text is still here"),
                                             error->message);

  alcove_note_editor_set_status (self, status);
  gtk_label_set_text (self->error_label, status);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
draft_saved_cb (AlcoveNoteDraftModel *draft,
                gint64                saved_ms,
                AlcoveNoteEditor     *self)
{
  if (alcove_note_editor_is_signed (self))
    return;
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  /* words typed while it was written are still to be saved */
  if (!alcove_note_draft_model_get_dirty (draft))
    alcove_note_editor_set_status (self, _("Saved"));
  g_signal_emit (self, signals[NOTE_CHANGED], 0);
}

static void
draft_save_failed_cb (AlcoveNoteDraftModel *draft,
                      const GError         *error,
                      AlcoveNoteEditor     *self)
{
  show_save_error (self, error);
}

/* An autosave is on its way: the helper looks at what was written, as it did when the save
 * ran here */
static void
draft_saving_cb (AlcoveNoteDraftModel *draft,
                 GParamSpec           *pspec,
                 AlcoveNoteEditor     *self)
{
  if (alcove_note_draft_model_get_saving (draft))
    alcove_note_editor_refresh_findings (self);
}

gboolean
alcove_note_editor_save (AlcoveNoteEditor  *self,
                         GError           **error)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_EDITOR (self), FALSE);

  /* the status and the banner follow the model's "saved" and "save-failed" */
  return self->draft == NULL || alcove_note_draft_model_save (self->draft, error);
}

gboolean
alcove_note_editor_has_unsaved_changes (AlcoveNoteEditor *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_EDITOR (self), FALSE);

  return self->draft != NULL && alcove_note_draft_model_get_dirty (self->draft);
}

/* Before the vault locks: the write is queued on the session's worker, and the lock waits
 * for it before the keys go */
static gboolean
draft_saver_cb (gpointer   user_data,
                GError   **error)
{
  AlcoveNoteEditor *self = user_data;

  alcove_note_draft_model_flush (self->draft);
  return TRUE;
}

/* Only the section that changed goes to the model, which counts its words again */
static void
buffer_changed_cb (GtkTextBuffer       *buffer,
                   AlcoveEditorSection *section)
{
  AlcoveNoteEditor *self = section->editor;
  g_autofree char *text = NULL;

  show_placeholder (self, section);
  if (self->loading || self->draft == NULL || alcove_note_editor_is_read_only (self))
    return;
  text = alcove_note_editor_buffer_dup_text (buffer);
  if (section->is_part)
    alcove_note_draft_model_set_part (self->draft, section->key, text);
  else
    alcove_note_draft_model_set_section (self->draft, section->key, text);
  alcove_note_editor_update_copied (self, section);
  if (alcove_note_draft_model_get_dirty (self->draft))
    alcove_note_editor_set_status (self, _("Saving…"));
}

/* Connected to the editor, not the section: a view being torn down (a rebuild after
 * signing, the window closing) can report leaving focus after its section was freed. */
static void
focus_leave_cb (AlcoveNoteEditor *self)
{
  if (!self->loading && self->draft != NULL)
    alcove_note_draft_model_flush (self->draft);
}

static void
retry_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AlcoveNoteEditor) self = user_data;

  /* a failure shows itself through "save-failed"; nothing left to write clears the banner */
  if (!alcove_note_draft_model_save_finish (ALCOVE_NOTE_DRAFT_MODEL (source), result, NULL) ||
      self->draft == NULL || alcove_note_editor_is_signed (self))
    return;
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  if (!alcove_note_draft_model_get_dirty (self->draft))
    alcove_note_editor_set_status (self, _("Saved"));
}

static void
retry_save_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AlcoveNoteEditor *self = ALCOVE_NOTE_EDITOR (widget);

  alcove_note_draft_model_save_async (self->draft, NULL, retry_done_cb, g_object_ref (self));
}

/* ---- building the view ---- */

static AlcoveEditorSection *
add_section (AlcoveNoteEditor *self,
             const char       *key,
             const char       *title,
             const char       *prompt,
             gboolean          required,
             gboolean          is_part,
             const char       *text)
{
  AlcoveEditorSection *section = g_new0 (AlcoveEditorSection, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *overlay = g_object_ref_sink (gtk_overlay_new ());
  GtkEventController *focus;
  gboolean read_only = alcove_note_editor_is_read_only (self);

  section->editor = self;
  section->key = g_strdup (key);
  section->title = g_strdup (title);
  section->is_part = is_part;
  section->required = required;

  gtk_widget_add_css_class (title_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_box_append (GTK_BOX (header), title_label);
  section->required_label = GTK_LABEL (gtk_label_new (_("Required")));
  gtk_widget_add_css_class (GTK_WIDGET (section->required_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (section->required_label), "accent");
  gtk_widget_set_valign (GTK_WIDGET (section->required_label), GTK_ALIGN_BASELINE);
  gtk_widget_set_visible (GTK_WIDGET (section->required_label), required && !read_only);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (section->required_label));
  if (!is_part && g_hash_table_contains (alcove_note_get_copied_sections (self->note), key))
    {
      section->copied_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (section->copied_label), "caption");
      gtk_widget_set_valign (GTK_WIDGET (section->copied_label), GTK_ALIGN_BASELINE);
      gtk_label_set_wrap (section->copied_label, TRUE);
      gtk_label_set_xalign (section->copied_label, 0);
      gtk_box_append (GTK_BOX (header), GTK_WIDGET (section->copied_label));
    }
  section->words = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (section->words), TRUE);
  gtk_label_set_xalign (section->words, 1);
  gtk_widget_add_css_class (GTK_WIDGET (section->words), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (section->words), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (section->words), "numeric");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (section->words));
  gtk_box_append (GTK_BOX (box), header);

  if (read_only)
    {
      /* a signed note reads as text: labels size themselves right away, and its words can
       * still be selected and copied; the buffer keeps the text for counts and the helper */
      GtkWidget *label = gtk_label_new (text && *text ? text : _("Left empty"));

      section->buffer = gtk_text_buffer_new (NULL);
      gtk_text_buffer_set_text (section->buffer, text ? text : "", -1);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 10);
      gtk_widget_set_margin_bottom (label, 10);
      if (text == NULL || *text == '\0')
        gtk_widget_add_css_class (label, "dim-label");
      section->placeholder = GTK_LABEL (gtk_label_new (NULL));
      gtk_frame_set_child (GTK_FRAME (frame), label);
    }
  else
    {
      section->view = GTK_TEXT_VIEW (gtk_text_view_new ());
      section->buffer = g_object_ref (gtk_text_view_get_buffer (section->view));
      gtk_text_view_set_wrap_mode (section->view, GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_left_margin (section->view, 12);
      gtk_text_view_set_right_margin (section->view, 12);
      gtk_text_view_set_top_margin (section->view, 10);
      gtk_text_view_set_bottom_margin (section->view, 10);
      gtk_text_view_set_accepts_tab (section->view, FALSE);
      gtk_widget_set_size_request (GTK_WIDGET (section->view), -1, 96);
      gtk_accessible_update_property (GTK_ACCESSIBLE (section->view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, prompt ? prompt : "",
                                      -1);
      gtk_text_buffer_set_enable_undo (section->buffer, FALSE);
      gtk_text_buffer_set_text (section->buffer, text ? text : "", -1);
      gtk_text_buffer_set_enable_undo (section->buffer, TRUE);
      gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (section->view));

      section->placeholder = GTK_LABEL (gtk_label_new (prompt));
      gtk_label_set_wrap (section->placeholder, TRUE);
      gtk_label_set_xalign (section->placeholder, 0);
      gtk_widget_set_halign (GTK_WIDGET (section->placeholder), GTK_ALIGN_FILL);
      gtk_widget_set_valign (GTK_WIDGET (section->placeholder), GTK_ALIGN_START);
      gtk_widget_set_margin_start (GTK_WIDGET (section->placeholder), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (section->placeholder), 12);
      gtk_widget_set_margin_top (GTK_WIDGET (section->placeholder), 10);
      gtk_widget_set_can_target (GTK_WIDGET (section->placeholder), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (section->placeholder), "dim-label");
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (section->placeholder));
      gtk_frame_set_child (GTK_FRAME (frame), overlay);

      focus = gtk_event_controller_focus_new ();
      g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (section->view), focus);
    }
  /* the placeholder of a signed section is never shown; it only keeps the code simple */
  if (read_only)
    g_object_ref_sink (section->placeholder);

  g_object_unref (overlay);
  gtk_widget_add_css_class (frame, "alcove-note-section");
  if (read_only)
    gtk_widget_add_css_class (frame, "read-only");
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (self->sections_box, box);

  g_signal_connect (section->buffer, "changed", G_CALLBACK (buffer_changed_cb), section);

  show_section_words (section, alcove_note_draft_model_get_words (self->draft, key));
  show_placeholder (self, section);
  g_ptr_array_add (self->sections, section);
  alcove_note_editor_update_copied (self, section);
  return section;
}

/* A section copied from an earlier note says so, and whether it was edited since: text left
 * as copied is what signing asks about */
void
alcove_note_editor_update_copied (AlcoveNoteEditor    *self,
                                  AlcoveEditorSection *section)
{
  gboolean unchanged;
  const char *date;
  g_autofree char *text = NULL;

  if (section->copied_label == NULL)
    return;
  unchanged = alcove_note_section_is_copied_unchanged (self->note, section->key);
  date = self->copied_date ? self->copied_date : _("an earlier date");
  if (!unchanged)
    text = g_strdup_printf (_("Copied from the note of %s, then edited"), date);
  else if (alcove_note_get_copy_confirmed_ms (self->note) != 0)
    text = g_strdup_printf (_("Copied from the note of %s, confirmed as it stands"), date);
  else
    text = g_strdup_printf (_("Copied from the note of %s, not edited yet"), date);
  gtk_label_set_text (section->copied_label, text);
  if (unchanged && alcove_note_get_copy_confirmed_ms (self->note) == 0)
    gtk_widget_add_css_class (GTK_WIDGET (section->copied_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (section->copied_label), "warning");
}

/* A rebuild drops the window's focus first if it lies in what is being removed. Otherwise
 * GTK moves the focus on the next frame, and GTK 4.8's selectable GtkLabel, taking it, reads
 * the previous focus widget after the window has let go of it (gtk_label_grab_focus). */
static void
release_focus_within (GtkWidget *container)
{
  GtkRoot *root = gtk_widget_get_root (container);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == container || gtk_widget_is_ancestor (focus, container)))
    gtk_root_set_focus (root, NULL);
}

void
alcove_note_editor_build_addenda (AlcoveNoteEditor *self)
{
  GPtrArray *addenda = alcove_note_get_addenda (self->note);

  release_focus_within (GTK_WIDGET (self->addenda_list));
  alcove_list_box_remove_rows (self->addenda_list);
  for (guint i = 0; i < addenda->len; i++)
    {
      AlcoveAddendum *addendum = g_ptr_array_index (addenda, i);
      g_autofree char *when = alcove_date_format_time (addendum->created_ms);
      g_autofree char *author = alcove_note_store_dup_author_name (self->notes, addendum->author);
      /* Translators: an addendum's heading, "<date> · <author>" */
      g_autofree char *heading = g_strdup_printf (_("%s · %s"), when, author);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *title = gtk_label_new (heading);
      GtkWidget *body = gtk_label_new (addendum->text);

      gtk_widget_add_css_class (title, "caption-heading");
      gtk_widget_add_css_class (title, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_xalign (GTK_LABEL (body), 0);
      gtk_label_set_wrap (GTK_LABEL (body), TRUE);
      gtk_label_set_selectable (GTK_LABEL (body), TRUE);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 9);
      gtk_widget_set_margin_bottom (box, 9);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), body);
      gtk_list_box_append (self->addenda_list, box);
    }
  if (addenda->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No addenda"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_append (self->addenda_list, none);
    }
}

static void
build_signature (AlcoveNoteEditor *self)
{
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *text = NULL;

  if (!alcove_note_editor_is_signed (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->signature_label), FALSE);
      return;
    }
  name = alcove_note_store_dup_author_name (self->notes, alcove_note_get_signed_by (self->note));
  when = alcove_date_format_time (alcove_note_get_signed_ms (self->note));
  fingerprint = alcove_note_dup_fingerprint (self->note);
  /* Translators: "Signed by <name> on <date time> · Fingerprint <4 groups of hex>" */
  text = g_strdup_printf (_("Signed by %s on %s · Fingerprint %s"), name, when, fingerprint);
  gtk_label_set_text (self->signature_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->signature_label), TRUE);
}

static gboolean
is_member_view (AlcoveNoteEditor *self)
{
  return self->viewing_client_id != NULL &&
         g_strcmp0 (self->viewing_client_id, alcove_note_get_client_id (self->note)) != 0 &&
         g_hash_table_contains (alcove_note_get_parts (self->note), self->viewing_client_id);
}

void
alcove_note_editor_build (AlcoveNoteEditor *self)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (self->note));
  AlcoveClientStore *clients = alcove_note_store_get_clients (self->notes);
  g_autoptr(GList) part_ids = NULL;
  GtkWidget *child;

  release_focus_within (GTK_WIDGET (self->sections_box));
  self->loading = TRUE;
  g_clear_pointer (&self->copied_date, g_free);
  if (*alcove_note_get_copied_from (self->note) != '\0')
    {
      g_autofree char *iso = alcove_note_store_dup_copied_from_date (self->notes, self->note);

      self->copied_date = iso ? alcove_date_format (iso) : NULL;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);
  g_ptr_array_set_size (self->sections, 0);

  for (guint i = 0; format != NULL && i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);

      add_section (self, section->key, section->title, section->prompt, section->required, FALSE,
                   alcove_note_get_section (self->note, section->key));
    }

  /* the attendees' parts, in a stable order; a member's own view shows only theirs */
  part_ids = g_hash_table_get_keys (alcove_note_get_parts (self->note));
  part_ids = g_list_sort (part_ids, (GCompareFunc) g_strcmp0);
  for (GList *l = part_ids; l != NULL; l = l->next)
    {
      const char *client_id = l->data;
      AlcoveClient *client = alcove_client_store_lookup (clients, client_id);
      const char *name = client ? alcove_client_get_display_name (client) : _("Former attendee");
      g_autofree char *prompt = NULL;

      if (is_member_view (self) && g_strcmp0 (client_id, self->viewing_client_id) != 0)
        continue;
      prompt = g_strdup_printf (_("What belongs in %s’s own record from this session"), name);
      add_section (self, client_id, name, prompt, FALSE, TRUE,
                   alcove_note_get_part (self->note, client_id));
    }

  build_signature (self);
  gtk_widget_set_visible (GTK_WIDGET (self->addenda_box), alcove_note_editor_is_signed (self));
  if (alcove_note_editor_is_signed (self))
    alcove_note_editor_build_addenda (self);
  gtk_revealer_set_reveal_child (self->mismatch_revealer,
                                 alcove_note_get_integrity (self->note) ==
                                 ALCOVE_NOTE_INTEGRITY_MISMATCH);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-addendum",
                                 alcove_note_editor_is_signed (self) &&
                                 alcove_note_store_can_write (self->notes) &&
                                 alcove_note_get_cosign_state (self->note) !=
                                 ALCOVE_COSIGN_AWAITING);
  alcove_note_editor_build_cosign (self);
  alcove_note_editor_build_objectives (self);
  show_total_words (self);
  self->loading = FALSE;
  alcove_note_editor_refresh_findings (self);
}

void
alcove_note_editor_stop_draft_saver (AlcoveNoteEditor *self)
{
  if (self->lock_manager != NULL && self->draft_saver_id != 0)
    alcove_lock_manager_remove_draft_saver (self->lock_manager, self->draft_saver_id);
  self->draft_saver_id = 0;
}

static void
add_addendum_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  alcove_note_editor_add_addendum (ALCOVE_NOTE_EDITOR (widget));
}

void
alcove_note_editor_emit_note_changed (AlcoveNoteEditor *self)
{
  g_signal_emit (self, signals[NOTE_CHANGED], 0);
}

void
alcove_note_editor_emit_deleted (AlcoveNoteEditor *self)
{
  g_signal_emit (self, signals[DELETED], 0);
}

/* ---- GObject ---- */

GtkTextBuffer *
alcove_note_editor_get_buffer (AlcoveNoteEditor *self,
                               const char       *key)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_EDITOR (self), NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      AlcoveEditorSection *section = g_ptr_array_index (self->sections, i);

      if (g_strcmp0 (section->key, key) == 0)
        return section->buffer;
    }
  return NULL;
}

AlcoveNote *
alcove_note_editor_get_note (AlcoveNoteEditor *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_EDITOR (self), NULL);
  return self->note;
}

AlcoveNoteStore *
alcove_note_editor_get_notes (AlcoveNoteEditor *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_EDITOR (self), NULL);
  return self->notes;
}

const char *
alcove_note_editor_get_status_text (AlcoveNoteEditor *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_EDITOR (self), NULL);
  return self->status_text ? self->status_text : "";
}

guint
alcove_note_editor_get_n_findings (AlcoveNoteEditor *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_EDITOR (self), 0);
  return self->n_findings;
}

gboolean
alcove_note_editor_get_findings_visible (AlcoveNoteEditor *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_EDITOR (self), FALSE);
  return gtk_revealer_get_reveal_child (self->findings_revealer);
}

void
alcove_note_editor_set_findings_visible (AlcoveNoteEditor *self,
                                         gboolean          visible)
{
  g_return_if_fail (ALCOVE_IS_NOTE_EDITOR (self));

  if (alcove_note_editor_get_findings_visible (self) == !!visible)
    return;
  gtk_revealer_set_reveal_child (self->findings_revealer, visible);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS_VISIBLE]);
}

static void
alcove_note_editor_dispose (GObject *object)
{
  AlcoveNoteEditor *self = ALCOVE_NOTE_EDITOR (object);

  alcove_note_editor_stop_draft_saver (self);
  /* as before the model, an autosave not yet due goes with the editor: the window saved on
   * close, and a lock saved first; a write already queued finishes on its own */
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_clear_object (&self->draft);
  g_clear_object (&self->lock_manager);
  g_clear_object (&self->last_toast);

  G_OBJECT_CLASS (alcove_note_editor_parent_class)->dispose (object);
}

static void
alcove_note_editor_finalize (GObject *object)
{
  AlcoveNoteEditor *self = ALCOVE_NOTE_EDITOR (object);

  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->objective_rows, g_ptr_array_unref);
  g_clear_pointer (&self->plan_versions, g_ptr_array_unref);
  g_clear_object (&self->plans);
  g_clear_pointer (&self->dismissed, g_hash_table_unref);
  g_clear_pointer (&self->other_names, g_strfreev);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->copied_date, g_free);
  g_clear_pointer (&self->viewing_client_id, g_free);
  g_clear_object (&self->note);
  g_clear_object (&self->notes);

  G_OBJECT_CLASS (alcove_note_editor_parent_class)->finalize (object);
}

static void
alcove_note_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AlcoveNoteEditor *self = ALCOVE_NOTE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_N_FINDINGS:
      g_value_set_uint (value, self->n_findings);
      break;
    case PROP_FINDINGS_VISIBLE:
      g_value_set_boolean (value, alcove_note_editor_get_findings_visible (self));
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, alcove_note_editor_get_status_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_note_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AlcoveNoteEditor *self = ALCOVE_NOTE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FINDINGS_VISIBLE:
      alcove_note_editor_set_findings_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Before the vault locks, the lock manager of the application this editor's window belongs
 * to asks it to save: known once the editor is in that window */
static void
alcove_note_editor_root (GtkWidget *widget)
{
  AlcoveNoteEditor *self = ALCOVE_NOTE_EDITOR (widget);
  GtkRoot *root;
  GtkApplication *application;

  GTK_WIDGET_CLASS (alcove_note_editor_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  if (self->lock_manager != NULL || !ALCOVE_IS_APPLICATION (application))
    return;
  self->lock_manager = g_object_ref (alcove_application_get_lock_manager (ALCOVE_APPLICATION (application)));
  if (!alcove_note_editor_is_read_only (self))
    self->draft_saver_id = alcove_lock_manager_add_draft_saver (self->lock_manager,
                                                                draft_saver_cb, self, NULL);
}

static void
alcove_note_editor_class_init (AlcoveNoteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alcove_note_editor_dispose;
  object_class->finalize = alcove_note_editor_finalize;
  object_class->get_property = alcove_note_editor_get_property;
  object_class->set_property = alcove_note_editor_set_property;
  widget_class->root = alcove_note_editor_root;

  properties[PROP_N_FINDINGS] =
    g_param_spec_uint ("n-findings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINDINGS_VISIBLE] =
    g_param_spec_boolean ("findings-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* after each successful save, signature or addendum */
  signals[NOTE_CHANGED] = g_signal_new ("note-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* after the draft was deleted */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-note-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, mismatch_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, signature_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, cosign_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, cosign_tampered_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, returned_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, returned_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, returned_comment);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, history_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, history_list);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, sections_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, addenda_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, addenda_list);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, total_words_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, findings_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, findings_list);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNoteEditor, findings_empty_label);

  gtk_widget_class_install_action (widget_class, "editor.retry-save", NULL, retry_save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.add-addendum", NULL,
                                   add_addendum_action_cb);
}

static void
alcove_note_editor_init (AlcoveNoteEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->dismissed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->objective_rows = g_ptr_array_new ();
  self->plan_versions = g_ptr_array_new_with_free_func (g_object_unref);
  alcove_note_editor_init_findings (self);
}

AlcoveNoteEditor *
alcove_note_editor_new (AlcoveNoteStore *notes,
                        AlcoveNote      *note,
                        const char      *viewing_client_id)
{
  AlcoveNoteEditor *self;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), NULL);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), NULL);

  self = g_object_new (ALCOVE_TYPE_NOTE_EDITOR, NULL);
  self->notes = g_object_ref (notes);
  self->note = g_object_ref (note);
  self->viewing_client_id = g_strdup (viewing_client_id);
  self->draft = alcove_note_draft_model_new (notes, note);
  g_signal_connect_object (self->draft, "words-counted", G_CALLBACK (words_counted_cb), self, 0);
  g_signal_connect_object (self->draft, "saved", G_CALLBACK (draft_saved_cb), self, 0);
  g_signal_connect_object (self->draft, "save-failed", G_CALLBACK (draft_save_failed_cb), self,
                           0);
  g_signal_connect_object (self->draft, "notify::saving", G_CALLBACK (draft_saving_cb), self, 0);

  alcove_note_editor_build (self);
  alcove_note_editor_update_status (self);
  return self;
}
