/* alcove-plan-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_PLAN_WINDOW (alcove_plan_window_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePlanWindow, alcove_plan_window, ALCOVE, PLAN_WINDOW, AdwWindow)

AlcovePlanWindow *alcove_plan_window_new          (GtkWindow        *parent,
                                                   AlcoveWorkspace  *workspace,
                                                   AlcovePlan       *plan);
AlcovePlan       *alcove_plan_window_get_plan     (AlcovePlanWindow *self);
/* The refusal or failure on show, or NULL */
const char       *alcove_plan_window_get_error    (AlcovePlanWindow *self);
/* Writes the draft now; FALSE (with the banner saying why) if it could not */
gboolean          alcove_plan_window_save         (AlcovePlanWindow *self);
/* Prints the version as the record shows it, to `pdf_path` (NULL: the print dialog) */
gboolean          alcove_plan_window_print        (AlcovePlanWindow *self,
                                                   const char       *pdf_path,
                                                   GError          **error);

G_END_DECLS
