/* alcove-note-editor-findings.c — the minimum-necessary helper's side of the note editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-lists-and-messages.h"
#include "alcove-note-editor-private.h"
#include "alcove-phi-check.h"

/* Runs alcove_phi_check() on every section after the autosave debounce, underlines what it
 * finds and lists it in the side pane with its one-line reason and a Dismiss button.
 * Dismissed findings are remembered by key while this editor is open (keeping them in the
 * vault is a later step). Findings never block saving or signing, and nothing leaves this
 * computer. */

#define FINDING_TAG "alcove-finding"

typedef struct
{
  AlcoveNoteEditor *editor;
  char             *key;
} DismissData;

static void
dismiss_data_free (gpointer  data,
                   GClosure *closure)
{
  DismissData *dismiss = data;

  g_free (dismiss->key);
  g_free (dismiss);
}

static void
dismiss_clicked_cb (GtkButton   *button,
                    DismissData *dismiss)
{
  alcove_note_editor_dismiss_finding (dismiss->editor, dismiss->key);
}

/* Display names of every client but this note's client and the members of its record */
static GStrv
collect_other_names (AlcoveNoteEditor *self)
{
  AlcoveClientStore *clients = alcove_note_store_get_clients (self->notes);
  GListModel *model = alcove_client_store_get_clients (clients);
  AlcoveClient *own = alcove_client_store_lookup (clients, alcove_note_get_client_id (self->note));
  g_autoptr(GHashTable) excluded = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *members = own ? alcove_client_get_members (own) : NULL;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_add (excluded, (gpointer) alcove_note_get_client_id (self->note));
  for (guint i = 0; members != NULL && i < members->len; i++)
    g_hash_table_add (excluded, g_ptr_array_index (members, i));
  g_hash_table_iter_init (&iter, alcove_note_get_parts (self->note));
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (excluded, key);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcoveClient) client = g_list_model_get_item (model, i);
      const char *names[] = {
        alcove_client_get_field (client, ALCOVE_CLIENT_PREFERRED_NAME),
        alcove_client_get_field (client, ALCOVE_CLIENT_LEGAL_NAME),
        alcove_client_get_display_name (client),
      };

      if (g_hash_table_contains (excluded, alcove_client_get_id (client)) ||
          alcove_client_get_record_type (client) != ALCOVE_RECORD_INDIVIDUAL)
        continue;
      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        if (names[n] != NULL && g_utf8_strlen (names[n], -1) >= 3)
          g_strv_builder_add (builder, names[n]);
    }
  return g_strv_builder_end (builder);
}

void
alcove_note_editor_update_finding_colors (AlcoveNoteEditor *self)
{
  GdkRGBA warning = { 0.9, 0.6, 0.0, 1.0 };
  GdkRGBA background;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  "warning_color", &warning);
  G_GNUC_END_IGNORE_DEPRECATIONS
  background = warning;
  background.alpha = 0.2;
  for (guint i = 0; i < self->sections->len; i++)
    {
      AlcoveEditorSection *section = g_ptr_array_index (self->sections, i);
      GtkTextTagTable *table = gtk_text_buffer_get_tag_table (section->buffer);
      GtkTextTag *tag = gtk_text_tag_table_lookup (table, FINDING_TAG);

      if (tag == NULL)
        tag = gtk_text_buffer_create_tag (section->buffer, FINDING_TAG,
                                          "underline", PANGO_UNDERLINE_ERROR, NULL);
      g_object_set (tag, "underline-rgba", &warning, "background-rgba", &background, NULL);
    }
}

static void
focus_finding (AlcoveEditorSection *section,
               int                  start,
               int                  end)
{
  GtkTextIter from, to;

  if (section->view == NULL)
    return;
  gtk_text_buffer_get_iter_at_offset (section->buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (section->buffer, &to, end);
  gtk_text_buffer_select_range (section->buffer, &from, &to);
  gtk_text_view_scroll_to_iter (section->view, &from, 0.1, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (section->view));
}

static void
row_activated_cb (AdwActionRow *row)
{
  AlcoveEditorSection *section = g_object_get_data (G_OBJECT (row), "section");

  focus_finding (section, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "start")),
                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "end")));
}

static void
add_finding_row (AlcoveNoteEditor    *self,
                 AlcoveEditorSection *section,
                 const AlcoveFinding *finding,
                 int                  start,
                 int                  end)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Dismiss"));
  g_autofree char *subtitle = g_strdup_printf ("%s — %s", section->title, finding->reason);
  DismissData *dismiss = g_new0 (DismissData, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 alcove_finding_kind_get_title (finding->kind));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  dismiss->editor = self;
  dismiss->key = g_strdup (finding->key);
  g_signal_connect_data (button, "clicked", G_CALLBACK (dismiss_clicked_cb), dismiss,
                         dismiss_data_free, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "section", section);
  g_object_set_data (G_OBJECT (row), "start", GINT_TO_POINTER (start));
  g_object_set_data (G_OBJECT (row), "end", GINT_TO_POINTER (end));
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), NULL);
  gtk_list_box_append (self->findings_list, row);
}

void
alcove_note_editor_refresh_findings (AlcoveNoteEditor *self)
{
  guint count = 0;

  if (self->note == NULL)
    return;
  if (self->other_names == NULL)
    self->other_names = collect_other_names (self);
  alcove_note_editor_update_finding_colors (self);
  alcove_list_box_remove_rows (self->findings_list);

  for (guint i = 0; i < self->sections->len; i++)
    {
      AlcoveEditorSection *section = g_ptr_array_index (self->sections, i);
      GtkTextIter start, end;
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) findings = NULL;

      gtk_text_buffer_get_bounds (section->buffer, &start, &end);
      gtk_text_buffer_remove_tag_by_name (section->buffer, FINDING_TAG, &start, &end);
      text = gtk_text_buffer_get_text (section->buffer, &start, &end, FALSE);
      findings = alcove_phi_check (text, (const char * const *) self->other_names);
      for (guint f = 0; f < findings->len; f++)
        {
          AlcoveFinding *finding = g_ptr_array_index (findings, f);
          int from = (int) g_utf8_pointer_to_offset (text, text + finding->start);
          int to = (int) g_utf8_pointer_to_offset (text, text + finding->end);
          GtkTextIter a, b;

          if (g_hash_table_contains (self->dismissed, finding->key))
            continue;
          gtk_text_buffer_get_iter_at_offset (section->buffer, &a, from);
          gtk_text_buffer_get_iter_at_offset (section->buffer, &b, to);
          gtk_text_buffer_apply_tag_by_name (section->buffer, FINDING_TAG, &a, &b);
          add_finding_row (self, section, finding, from, to);
          count++;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), count > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_empty_label), count == 0);
  if (count != self->n_findings)
    {
      self->n_findings = count;
      g_object_notify (G_OBJECT (self), "n-findings");
    }
}

void
alcove_note_editor_check_now (AlcoveNoteEditor *self)
{
  g_return_if_fail (ALCOVE_IS_NOTE_EDITOR (self));
  alcove_note_editor_refresh_findings (self);
}

void
alcove_note_editor_dismiss_finding (AlcoveNoteEditor *self,
                                    const char       *finding_key)
{
  g_return_if_fail (ALCOVE_IS_NOTE_EDITOR (self));
  g_return_if_fail (finding_key != NULL);

  g_hash_table_add (self->dismissed, g_strdup (finding_key));
  alcove_note_editor_refresh_findings (self);
}

static void
dark_changed_cb (AlcoveNoteEditor *self)
{
  alcove_note_editor_update_finding_colors (self);
}

void
alcove_note_editor_init_findings (AlcoveNoteEditor *self)
{
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}
