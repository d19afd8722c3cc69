/* alcove-emergency-policy-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_EMERGENCY_POLICY_GROUP (alcove_emergency_policy_group_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveEmergencyPolicyGroup, alcove_emergency_policy_group, ALCOVE,
                      EMERGENCY_POLICY_GROUP, AdwPreferencesGroup)

/* Who besides the owners may break the glass, and for how long: an owner changes it, every
 * change signed (alcove_vault_set_emergency_policy); anyone else reads it */
void alcove_emergency_policy_group_set_vault (AlcoveEmergencyPolicyGroup *self,
                                              AlcoveVault                *vault);
void alcove_emergency_policy_group_refresh   (AlcoveEmergencyPolicyGroup *self);
/* How long an access lasts, in words */
char *alcove_emergency_describe_duration     (int                         minutes);

G_END_DECLS
