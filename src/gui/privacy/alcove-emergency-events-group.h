/* alcove-emergency-events-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_EMERGENCY_EVENTS_GROUP (alcove_emergency_events_group_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveEmergencyEventsGroup, alcove_emergency_events_group, ALCOVE,
                      EMERGENCY_EVENTS_GROUP, AdwPreferencesGroup)

/* The privacy dashboard's: what it lists comes from `vault`, the clients' names from
 * `clients` */
void  alcove_emergency_events_group_set_session (AlcoveEmergencyEventsGroup *self,
                                                 AlcoveVault                *vault,
                                                 AlcoveClientStore          *clients);
/* Reads the events not yet reviewed again; the group hides when there is none */
void  alcove_emergency_events_group_reload      (AlcoveEmergencyEventsGroup *self);
guint alcove_emergency_events_group_get_n_events (AlcoveEmergencyEventsGroup *self);

G_END_DECLS
