/* alcove-note-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-note-editor.h"
#include "alcove-note-store.h"
#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_NOTE_WINDOW (alcove_note_window_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveNoteWindow, alcove_note_window, ALCOVE, NOTE_WINDOW, AdwWindow)

AlcoveNoteWindow *alcove_note_window_new        (GtkWindow        *parent,
                                                 AlcoveWorkspace  *workspace,
                                                 AlcoveNote       *note,
                                                 const char       *viewing_client_id);
AlcoveNoteEditor *alcove_note_window_get_editor (AlcoveNoteWindow *self);

G_END_DECLS
