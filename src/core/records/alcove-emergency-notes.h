/* alcove-emergency-notes.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-note-store.h"

G_BEGIN_DECLS

/* Reading a client's progress notes during emergency access: read-only, only while it
 * lasts, each note opened recorded in the audit log as seen under that access.
 * `store`: the session's note store (for its clients and vault). */
GListModel *alcove_emergency_notes_list (AlcoveNoteStore  *store,
                                         GError          **error);
AlcoveNote *alcove_emergency_notes_open (AlcoveNoteStore  *store,
                                         const char       *note_id,
                                         GError          **error);

G_END_DECLS
