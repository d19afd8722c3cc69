/* alcove-emergency-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_EMERGENCY_DIALOG (alcove_emergency_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveEmergencyDialog, alcove_emergency_dialog, ALCOVE, EMERGENCY_DIALOG,
                      AdwWindow)

AlcoveEmergencyDialog *alcove_emergency_dialog_new         (GtkWindow       *parent,
                                                            AlcoveWorkspace *workspace,
                                                            const char      *client_id);
const char            *alcove_emergency_dialog_get_client_id (AlcoveEmergencyDialog *self);
/* A button for a client's page ("Emergency Access…", main.emergency-access with the client),
 * or NULL when it is not for this person and client: they may not break the glass, or they
 * read every progress note the client has already */
GtkWidget             *alcove_emergency_dialog_new_offer_button (AlcoveWorkspace *workspace,
                                                                 const char      *client_id);

G_END_DECLS
