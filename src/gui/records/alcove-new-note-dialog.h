/* alcove-new-note-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_NEW_NOTE_DIALOG (alcove_new_note_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveNewNoteDialog, alcove_new_note_dialog, ALCOVE, NEW_NOTE_DIALOG,
                      AdwWindow)

AlcoveNewNoteDialog *alcove_new_note_dialog_new (GtkWindow       *parent,
                                                 AlcoveWorkspace *workspace,
                                                 const char      *client_id,
                                                 const char      *format_id,
                                                 const char      *session_id);

G_END_DECLS
