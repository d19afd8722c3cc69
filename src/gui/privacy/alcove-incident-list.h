/* alcove-incident-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_INCIDENT_LIST (alcove_incident_list_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveIncidentList, alcove_incident_list, ALCOVE, INCIDENT_LIST, AdwBin)

AlcoveIncidentList *alcove_incident_list_new    (AlcoveVault        *vault);
void                alcove_incident_list_reload (AlcoveIncidentList *self);
guint               alcove_incident_list_get_n_incidents (AlcoveIncidentList *self);

G_END_DECLS
