/* alcove-note-status.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-note-store.h"

G_BEGIN_DECLS

/* Where a note stands, in the words every view uses: "Draft", "Returned for changes",
 * "Signed", "Awaiting co-signature", "Co-signed by <name>"; and the style class of the
 * label that says it (.note-status.<class>) */
char       *alcove_note_status_dup_label       (AlcoveNoteStore *notes,
                                                AlcoveNote      *note);
const char *alcove_note_status_get_style_class (AlcoveNote      *note);
/* The line under a signature: "Co-signed by <name> on <date>", "Awaiting co-signature",
 * or NULL when the note needs no co-signature */
char       *alcove_note_status_dup_cosign_line (AlcoveNoteStore *notes,
                                                AlcoveNote      *note);

G_END_DECLS
