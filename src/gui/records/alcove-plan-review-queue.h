/* alcove-plan-review-queue.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-workspace.h"

G_BEGIN_DECLS

/* Days ahead a review shows on Home */
#define ALCOVE_PLAN_REVIEW_NOTICE_DAYS 14

#define ALCOVE_TYPE_PLAN_REVIEW_QUEUE (alcove_plan_review_queue_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePlanReviewQueue, alcove_plan_review_queue, ALCOVE,
                      PLAN_REVIEW_QUEUE, AdwPreferencesGroup)

void  alcove_plan_review_queue_set_workspace (AlcovePlanReviewQueue *self,
                                              AlcoveWorkspace       *workspace);
guint alcove_plan_review_queue_get_n_plans   (AlcovePlanReviewQueue *self);

G_END_DECLS
