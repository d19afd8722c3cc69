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
/* The format as a data/formats file holds it, to export (transfer full) */
char                      *alcove_note_format_to_json         (AlcoveNoteFormat *self);
/* "practice-couples" for "practice-couples@3"; any other id as it is (transfer full) */
char                      *alcove_note_format_id_to_base      (const char       *id);
/* The id a note records: a practice format's names its version, "practice-couples@3" */
const char                *alcove_note_format_get_id          (AlcoveNoteFormat *self);
/* The id without the version, as the file and the co-signing policy name it */
const char                *alcove_note_format_get_base_id     (AlcoveNoteFormat *self);
/* 0 for a format Alcove ships; 1, 2… for a practice's */
guint                      alcove_note_format_get_version     (AlcoveNoteFormat *self);
/* A retired format opens its old notes but takes no new one */
gboolean                   alcove_note_format_get_retired     (AlcoveNoteFormat *self);
const char                *alcove_note_format_get_name        (AlcoveNoteFormat *self);
const char                *alcove_note_format_get_description (AlcoveNoteFormat *self);
gboolean                   alcove_note_format_get_private     (AlcoveNoteFormat *self);
guint                      alcove_note_format_get_n_sections  (AlcoveNoteFormat *self);
const AlcoveFormatSection *alcove_note_format_get_section     (AlcoveNoteFormat *self,
                                                               guint             index);
const AlcoveFormatSection *alcove_note_format_find_section    (AlcoveNoteFormat *self,
                                                               const char       *key);

#define ALCOVE_FORMAT_PRIVATE "process"
/* Every practice format's id starts so, and no shipped one's does */
#define ALCOVE_FORMAT_PRACTICE_PREFIX "practice-"

G_END_DECLS
