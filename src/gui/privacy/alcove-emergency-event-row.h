/* alcove-emergency-event-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"
#include "alcove-emergency-log.h"

G_BEGIN_DECLS

/* One time someone broke the glass, as a row: who read whose notes, when, why, and how many
 * notes they opened. `clients`: the session's clients, for the client's name. */
GtkWidget *alcove_emergency_event_row_new (const AlcoveEmergencyEvent *event,
                                           AlcoveClientStore          *clients);

G_END_DECLS
