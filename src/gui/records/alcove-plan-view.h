/* alcove-plan-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_PLAN_VIEW (alcove_plan_view_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePlanView, alcove_plan_view, ALCOVE, PLAN_VIEW, AdwBin)

AlcovePlanView *alcove_plan_view_new         (AlcoveWorkspace *workspace,
                                              const char      *client_id);
/* How many plans it shows */
guint           alcove_plan_view_get_n_plans (AlcovePlanView  *self);

G_END_DECLS
