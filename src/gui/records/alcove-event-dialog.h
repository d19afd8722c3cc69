/* alcove-event-dialog.h — entering a medication change or another clinical event, shown on
 * the client's outcome measure graphs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-event-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_EVENT_DIALOG (alcove_event_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveEventDialog, alcove_event_dialog, ALCOVE, EVENT_DIALOG, AdwWindow)

AlcoveEventDialog *alcove_event_dialog_new (GtkWindow        *parent,
                                            AlcoveEventStore *store,
                                            const char       *client_id);
/* Fills the form as a person would: kind, date (YYYY-MM-DD) and text */
void               alcove_event_dialog_fill (AlcoveEventDialog *self,
                                             AlcoveEventKind    kind,
                                             const char        *date,
                                             const char        *text);

G_END_DECLS
