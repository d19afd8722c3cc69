/* alcove-plan-review-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_PLAN_REVIEW_GROUP (alcove_plan_review_group_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePlanReviewGroup, alcove_plan_review_group, ALCOVE,
                      PLAN_REVIEW_GROUP, AdwPreferencesGroup)

AlcovePlanReviewGroup *alcove_plan_review_group_new (AlcoveVault *vault);

G_END_DECLS
