/* alcove-cosign-policy-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_COSIGN_POLICY_GROUP (alcove_cosign_policy_group_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveCosignPolicyGroup, alcove_cosign_policy_group, ALCOVE,
                      COSIGN_POLICY_GROUP, AdwPreferencesGroup)

AlcoveCosignPolicyGroup *alcove_cosign_policy_group_new (AlcoveVault *vault);

G_END_DECLS
