/* alcove-print-markup.h — the Pango markup that AlcovePagePrinter prints, built piece by
 * piece: escaped text, a heading, and a note as the record or a disclosure shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alcove-note.h"
#include "alcove-note-store.h"
#include "alcove-plan-store.h"

G_BEGIN_DECLS

/* What of a note goes on paper */
typedef enum
{
  /* A copy of the record: every section, empty ones too, each attendee's part of a group
   * note, and the signature with its fingerprint or that the note is a draft */
  ALCOVE_NOTE_MARKUP_RECORD,
  /* A disclosure, the minimum necessary: the sections chosen that hold text (and the
   * addenda if "addenda" is chosen), never another attendee's part, and who signed when */
  ALCOVE_NOTE_MARKUP_DISCLOSURE,
} AlcoveNoteMarkup;

/* `text` escaped for markup; NULL as "" */
void alcove_print_markup_append_text    (GString          *markup,
                                         const char       *text);
/* "<i>label</i> value" on a line of its own */
void alcove_print_markup_append_field   (GString          *markup,
                                         const char       *label,
                                         const char       *value);
/* A section, or an attendee's part: its title in bold, then its text and a blank line */
void alcove_print_markup_append_part    (GString          *markup,
                                         const char       *title,
                                         const char       *text);
/* A large bold line and a blank one */
void alcove_print_markup_append_heading (GString          *markup,
                                         const char       *heading);
/* One note: its title, its sections, the signature line and the addenda. `keys`: for a
 * disclosure, the sections chosen (NULL: all of them); a record takes none. */
void alcove_print_markup_append_note    (GString          *markup,
                                         AlcoveNoteStore  *notes,
                                         AlcoveNote       *note,
                                         AlcoveNoteMarkup  what,
                                         const char * const *keys);

/* A client's problem list (AlcoveDiagnosis items): each code with its CMS words, primary or
 * secondary, onset and resolution */
void alcove_print_markup_append_diagnoses (GString         *markup,
                                           GListModel      *diagnoses);
/* One version of a treatment plan: problems with their diagnoses, goals, objectives and
 * target dates, interventions, the client's participation and the signature; a record's
 * copy (`what`) also shows the fingerprint, or that it is a draft */
void alcove_print_markup_append_plan      (GString          *markup,
                                           AlcovePlanStore  *plans,
                                           AlcovePlan       *plan,
                                           AlcoveNoteMarkup  what);

G_END_DECLS
