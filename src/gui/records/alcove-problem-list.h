/* alcove-problem-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_PROBLEM_LIST (alcove_problem_list_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveProblemList, alcove_problem_list, ALCOVE, PROBLEM_LIST,
                      AdwPreferencesGroup)

AlcoveProblemList *alcove_problem_list_new         (AlcoveWorkspace   *workspace,
                                                    const char        *client_id);
guint              alcove_problem_list_get_n_items (AlcoveProblemList *self);

G_END_DECLS
