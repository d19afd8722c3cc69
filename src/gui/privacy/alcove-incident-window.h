/* alcove-incident-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-incidents.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_INCIDENT_WINDOW (alcove_incident_window_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveIncidentWindow, alcove_incident_window, ALCOVE, INCIDENT_WINDOW,
                      AdwWindow)

AlcoveIncidentWindow *alcove_incident_window_new          (GtkWindow            *parent,
                                                           AlcoveVault          *vault,
                                                           AlcoveIncident       *incident);
AlcoveIncident       *alcove_incident_window_get_incident (AlcoveIncidentWindow *self);
gboolean              alcove_incident_window_print_letter (AlcoveIncidentWindow *self,
                                                           const char           *pdf_path,
                                                           GError              **error);

G_END_DECLS
