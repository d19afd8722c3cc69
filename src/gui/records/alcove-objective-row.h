/* alcove-objective-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-plan-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_OBJECTIVE_ROW (alcove_objective_row_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveObjectiveRow, alcove_objective_row, ALCOVE, OBJECTIVE_ROW,
                      AdwExpanderRow)

AlcoveObjectiveRow *alcove_objective_row_new         (AlcovePlanStore           *plans,
                                                      AlcovePlan                *plan,
                                                      const AlcovePlanObjective *objective);
guint               alcove_objective_row_get_n_notes (AlcoveObjectiveRow        *self);
GPtrArray          *alcove_objective_row_get_note_ids (AlcoveObjectiveRow       *self);

G_END_DECLS
