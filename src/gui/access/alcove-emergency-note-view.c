/* alcove-emergency-note-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-emergency-note-view"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-emergency-note-view.h"
#include "alcove-lists-and-messages.h"
#include "alcove-note-format.h"

/* One progress note read under emergency access, as a signed note reads in the note editor:
 * its format's sections under their titles, the signature and the addenda. Nothing here
 * writes: no text view, no draft, no autosave; nor is the text selectable, so it is read
 * here, where each opening is recorded, rather than copied elsewhere. Drafts show as they
 * were last saved. */
struct _AlcoveEmergencyNoteView
{
  AdwBin               parent_instance;

  AlcoveNote          *note;

  GtkLabel            *title_label;
  GtkLabel            *meta_label;
  GtkLabel            *signature_label;
  GtkWidget           *mismatch_label;
  GtkBox              *sections_box;
  AdwPreferencesGroup *addenda_group;
  GtkListBox          *addenda_box;
};

G_DEFINE_FINAL_TYPE (AlcoveEmergencyNoteView, alcove_emergency_note_view, ADW_TYPE_BIN)

/* A title and its text: read, never edited, nor selected to be copied out of the access */
static void
add_section (AlcoveEmergencyNoteView *self,
             const char              *title,
             const char              *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  gboolean empty = text == NULL || *text == '\0';
  GtkWidget *body = gtk_label_new (empty ? _("Left empty") : text);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_margin_top (body, 10);
  gtk_widget_set_margin_bottom (body, 10);
  if (empty)
    gtk_widget_add_css_class (body, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (body), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_frame_set_child (GTK_FRAME (frame), body);
  gtk_widget_add_css_class (frame, "alcove-note-section");
  gtk_widget_add_css_class (frame, "read-only");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (self->sections_box, box);
}

static gboolean
is_member_view (AlcoveNote *note,
                const char *client_id)
{
  return client_id != NULL && g_strcmp0 (client_id, alcove_note_get_client_id (note)) != 0 &&
         g_hash_table_contains (alcove_note_get_parts (note), client_id);
}

/* The format's sections, then the attendees' parts; a member's note shows theirs alone */
static void
build_sections (AlcoveEmergencyNoteView *self,
                AlcoveNoteStore         *notes,
                const char              *client_id)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (self->note));
  AlcoveClientStore *clients = alcove_note_store_get_clients (notes);
  g_autoptr(GList) part_ids = NULL;

  for (guint i = 0; format != NULL && i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);

      add_section (self, section->title, alcove_note_get_section (self->note, section->key));
    }
  part_ids = g_list_sort (g_hash_table_get_keys (alcove_note_get_parts (self->note)),
                          (GCompareFunc) g_strcmp0);
  for (GList *l = part_ids; l != NULL; l = l->next)
    {
      AlcoveClient *client = alcove_client_store_lookup (clients, l->data);

      if (is_member_view (self->note, client_id) && g_strcmp0 (l->data, client_id) != 0)
        continue;
      add_section (self, client ? alcove_client_get_display_name (client) : _("Former attendee"),
                   alcove_note_get_part (self->note, l->data));
    }
}

static void
build_heading (AlcoveEmergencyNoteView *self,
               AlcoveNoteStore         *notes)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (self->note));
  g_autofree char *date = alcove_date_format (alcove_note_get_session_date (self->note));
  g_autofree char *author = alcove_note_store_dup_author_name (notes,
                                                               alcove_note_get_author (self->note));
  g_autofree char *title = NULL;
  g_autofree char *meta = NULL;

  /* Translators: a note's heading, "<format> · <date of service>" */
  title = g_strdup_printf (_("%s · %s"), format ? alcove_note_format_get_name (format) : "", date);
  gtk_label_set_text (self->title_label, title);
  meta = alcove_note_get_status (self->note) == ALCOVE_NOTE_SIGNED
         ? g_strdup_printf (_("Written by %s"), author)
         : g_strdup_printf (_("Written by %s · Draft, not signed: as last saved"), author);
  gtk_label_set_text (self->meta_label, meta);
}

static void
build_signature (AlcoveEmergencyNoteView *self,
                 AlcoveNoteStore         *notes)
{
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *text = NULL;
  gboolean is_signed = alcove_note_get_status (self->note) == ALCOVE_NOTE_SIGNED;

  gtk_widget_set_visible (GTK_WIDGET (self->signature_label), is_signed);
  gtk_widget_set_visible (self->mismatch_label,
                          alcove_note_get_integrity (self->note) == ALCOVE_NOTE_INTEGRITY_MISMATCH);
  if (!is_signed)
    return;
  name = alcove_note_store_dup_author_name (notes, alcove_note_get_signed_by (self->note));
  when = alcove_date_format_time (alcove_note_get_signed_ms (self->note));
  fingerprint = alcove_note_dup_fingerprint (self->note);
  /* Translators: "Signed by <name> on <date time> · Fingerprint <4 groups of hex>" */
  text = g_strdup_printf (_("Signed by %s on %s · Fingerprint %s"), name, when, fingerprint);
  gtk_label_set_text (self->signature_label, text);
}

static void
build_addenda (AlcoveEmergencyNoteView *self,
               AlcoveNoteStore         *notes)
{
  GPtrArray *addenda = alcove_note_get_addenda (self->note);

  alcove_list_box_remove_rows (self->addenda_box);
  gtk_widget_set_visible (GTK_WIDGET (self->addenda_group), addenda->len > 0);
  for (guint i = 0; i < addenda->len; i++)
    {
      AlcoveAddendum *addendum = g_ptr_array_index (addenda, i);
      g_autofree char *when = alcove_date_format_time (addendum->created_ms);
      g_autofree char *author = alcove_note_store_dup_author_name (notes, addendum->author);
      /* Translators: an addendum's date and author, "<date> · <author>" */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), when, author);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), addendum->text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->addenda_box, row);
    }
}

void
alcove_emergency_note_view_clear (AlcoveEmergencyNoteView *self)
{
  GtkWidget *child;

  g_return_if_fail (ALCOVE_IS_EMERGENCY_NOTE_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);
  alcove_list_box_remove_rows (self->addenda_box);
  gtk_label_set_text (self->title_label, "");
  gtk_label_set_text (self->meta_label, "");
  gtk_label_set_text (self->signature_label, "");
  g_clear_object (&self->note);
}

void
alcove_emergency_note_view_show (AlcoveEmergencyNoteView *self,
                                 AlcoveNoteStore         *notes,
                                 AlcoveNote              *note,
                                 const char              *client_id)
{
  g_return_if_fail (ALCOVE_IS_EMERGENCY_NOTE_VIEW (self));
  g_return_if_fail (ALCOVE_IS_NOTE_STORE (notes));
  g_return_if_fail (ALCOVE_IS_NOTE (note));

  alcove_emergency_note_view_clear (self);
  self->note = g_object_ref (note);
  build_heading (self, notes);
  build_signature (self, notes);
  build_sections (self, notes, client_id);
  build_addenda (self, notes);
}

AlcoveNote *
alcove_emergency_note_view_get_note (AlcoveEmergencyNoteView *self)
{
  g_return_val_if_fail (ALCOVE_IS_EMERGENCY_NOTE_VIEW (self), NULL);
  return self->note;
}

static void
alcove_emergency_note_view_dispose (GObject *object)
{
  AlcoveEmergencyNoteView *self = ALCOVE_EMERGENCY_NOTE_VIEW (object);

  g_clear_object (&self->note);

  G_OBJECT_CLASS (alcove_emergency_note_view_parent_class)->dispose (object);
}

static void
alcove_emergency_note_view_class_init (AlcoveEmergencyNoteViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_emergency_note_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-emergency-note-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyNoteView, title_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyNoteView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyNoteView, signature_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyNoteView, mismatch_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyNoteView, sections_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyNoteView, addenda_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyNoteView, addenda_box);
}

static void
alcove_emergency_note_view_init (AlcoveEmergencyNoteView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
