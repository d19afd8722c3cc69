/* alcove-treatment-text.h — diagnoses and treatment plans in words, the same on screen and
 * on paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-diagnosis.h"
#include "alcove-plan-store.h"

G_BEGIN_DECLS

/* "Primary · since 5 January 2026", "Secondary · 5 January 2026 to 1 March 2026" */
char *alcove_diagnosis_dup_status_line     (AlcoveDiagnosis *diagnosis);
/* "Version 2 · signed 6 December 2026, 14:02 by Sam Ortiz", or "Version 3 · draft" */
char *alcove_plan_dup_status_line          (AlcovePlanStore *plans,
                                            AlcovePlan      *plan);
/* "The client signed it on 6 December 2026", "The client did not sign it: <reason>", or
 * "Client participation not recorded yet" */
char *alcove_plan_dup_participation_line   (AlcovePlan      *plan);
/* "Review due 6 March 2027", "Review overdue since 6 March 2027"; NULL for a draft or a
 * superseded version */
char *alcove_plan_dup_review_line          (AlcovePlanStore *plans,
                                            AlcovePlan      *plan);
/* "1.2 Walk outside three times a week" */
char *alcove_plan_dup_objective_title      (AlcovePlan      *plan,
                                            const AlcovePlanObjective *objective);
/* "by 1 March 2027" */
char *alcove_plan_dup_target_line          (const AlcovePlanObjective *objective);

G_END_DECLS
