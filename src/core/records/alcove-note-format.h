/* alcove-note-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One section of a format: its key in the note, a title, the prompt shown while empty, and
 * whether Load Last Note copies it forward from the previous note (a plan, objectives) */
typedef struct
{
  char     *key;
  char     *title;
  char     *prompt;
  gboolean  required;
  gboolean  carry_forward;
} AlcoveFormatSection;

#define ALCOVE_TYPE_NOTE_FORMAT (alcove_note_format_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveNoteFormat, alcove_note_format, ALCOVE, NOTE_FORMAT, GObject)

GListModel                *alcove_note_format_list_all        (void);
GListModel                *alcove_note_format_list_record     (void);
AlcoveNoteFormat          *alcove_note_format_lookup          (const char       *id);
AlcoveNoteFormat          *alcove_note_format_new_from_data   (GBytes           *json,
                                                               GError          **error);
const char                *alcove_note_format_get_id          (AlcoveNoteFormat *self);
const char                *alcove_note_format_get_name        (AlcoveNoteFormat *self);
const char                *alcove_note_format_get_description (AlcoveNoteFormat *self);
gboolean                   alcove_note_format_get_private     (AlcoveNoteFormat *self);
guint                      alcove_note_format_get_n_sections  (AlcoveNoteFormat *self);
const AlcoveFormatSection *alcove_note_format_get_section     (AlcoveNoteFormat *self,
                                                               guint             index);
const AlcoveFormatSection *alcove_note_format_find_section    (AlcoveNoteFormat *self,
                                                               const char       *key);

#define ALCOVE_FORMAT_PRIVATE "process"

G_END_DECLS
