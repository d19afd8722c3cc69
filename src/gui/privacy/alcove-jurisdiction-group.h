/* alcove-jurisdiction-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_JURISDICTION_GROUP (alcove_jurisdiction_group_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveJurisdictionGroup, alcove_jurisdiction_group, ALCOVE,
                      JURISDICTION_GROUP, AdwPreferencesGroup)

AlcoveJurisdictionGroup *alcove_jurisdiction_group_new (AlcoveVault *vault);

G_END_DECLS
