/* alcove-emergency-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_EMERGENCY_WINDOW (alcove_emergency_window_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveEmergencyWindow, alcove_emergency_window, ALCOVE, EMERGENCY_WINDOW,
                      AdwWindow)

/* The emergency access open now in `workspace`'s vault; NULL if none is */
AlcoveEmergencyWindow *alcove_emergency_window_new        (GtkWindow             *parent,
                                                           AlcoveWorkspace       *workspace);
const char            *alcove_emergency_window_get_event_id (AlcoveEmergencyWindow *self);
/* Opens a note of the list, as choosing it does: read through the core, which records it */
gboolean               alcove_emergency_window_open_note  (AlcoveEmergencyWindow *self,
                                                           const char            *note_id,
                                                           GError               **error);

G_END_DECLS
