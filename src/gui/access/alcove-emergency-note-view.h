/* alcove-emergency-note-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-note-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_EMERGENCY_NOTE_VIEW (alcove_emergency_note_view_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveEmergencyNoteView, alcove_emergency_note_view, ALCOVE,
                      EMERGENCY_NOTE_VIEW, AdwBin)

/* `client_id`: the client whose notes these are; a group note shows only their part */
void        alcove_emergency_note_view_show     (AlcoveEmergencyNoteView *self,
                                                 AlcoveNoteStore         *notes,
                                                 AlcoveNote              *note,
                                                 const char              *client_id);
void        alcove_emergency_note_view_clear    (AlcoveEmergencyNoteView *self);
AlcoveNote *alcove_emergency_note_view_get_note (AlcoveEmergencyNoteView *self);

G_END_DECLS
