/* alcove-treatment-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-treatment-text"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-treatment-text.h"

char *
alcove_diagnosis_dup_status_line (AlcoveDiagnosis *diagnosis)
{
  const char *rank;
  const char *onset;
  const char *resolved;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (diagnosis), NULL);

  rank = alcove_diagnosis_rank_get_title (alcove_diagnosis_get_rank (diagnosis));
  onset = alcove_diagnosis_get_onset (diagnosis);
  resolved = alcove_diagnosis_get_resolved (diagnosis);
  from = alcove_date_format (onset);
  to = alcove_date_format (resolved);
  if (*onset != '\0' && *resolved != '\0')
    /* Translators: a diagnosis, "<Primary> · <onset> to <day it resolved>" */
    return g_strdup_printf (_("%s · %s to %s"), rank, from, to);
  if (*resolved != '\0')
    /* Translators: a diagnosis, "<Secondary> · resolved <day>" */
    return g_strdup_printf (_("%s · resolved %s"), rank, to);
  if (*onset != '\0')
    /* Translators: a diagnosis, "<Primary> · since <onset>" */
    return g_strdup_printf (_("%s · since %s"), rank, from);
  return g_strdup (rank);
}

char *
alcove_plan_dup_status_line (AlcovePlanStore *plans,
                             AlcovePlan      *plan)
{
  g_autofree char *when = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (plans), NULL);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), NULL);

  if (alcove_plan_get_status (plan) != ALCOVE_PLAN_SIGNED)
    /* Translators: "Version <n> · draft" */
    return g_strdup_printf (_("Version %u · draft"), alcove_plan_get_version (plan));
  when = alcove_date_format_time (alcove_plan_get_signed_ms (plan));
  name = alcove_note_store_dup_author_name (alcove_plan_store_get_notes (plans),
                                            alcove_plan_get_signed_by (plan));
  if (alcove_plan_get_superseded (plan))
    /* Translators: "Version <n> · signed <date and time> by <name> · superseded" */
    return g_strdup_printf (_("Version %u · signed %s by %s · superseded"),
                            alcove_plan_get_version (plan), when, name);
  /* Translators: "Version <n> · signed <date and time> by <name>" */
  return g_strdup_printf (_("Version %u · signed %s by %s"), alcove_plan_get_version (plan), when,
                          name);
}

char *
alcove_plan_dup_participation_line (AlcovePlan *plan)
{
  const char *signed_on;
  const char *reason;

  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), NULL);

  signed_on = alcove_plan_get_client_signed_on (plan);
  reason = alcove_plan_get_no_signature_reason (plan);
  if (*signed_on != '\0')
    {
      g_autofree char *day = alcove_date_format (signed_on);

      return g_strdup_printf (_("The client signed it on %s"), day);
    }
  if (*reason != '\0')
    return g_strdup_printf (_("The client did not sign it: %s"), reason);
  return g_strdup (_("Client participation not recorded yet"));
}

char *
alcove_plan_dup_review_line (AlcovePlanStore *plans,
                             AlcovePlan      *plan)
{
  g_autofree char *due = NULL;
  g_autofree char *today = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (plans), NULL);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), NULL);

  if (alcove_plan_get_superseded (plan))
    return NULL;
  due = alcove_plan_store_dup_review_due (plans, plan);
  if (due == NULL)
    return NULL;
  today = alcove_date_today_iso ();
  day = alcove_date_format (due);
  if (g_strcmp0 (due, today) < 0)
    return g_strdup_printf (_("Review overdue since %s"), day);
  return g_strdup_printf (_("Review due %s"), day);
}

char *
alcove_plan_dup_objective_title (AlcovePlan                *plan,
                                 const AlcovePlanObjective *objective)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), NULL);
  g_return_val_if_fail (objective != NULL, NULL);

  number = alcove_plan_dup_objective_number (plan, objective->id);
  /* Translators: an objective, "<1.2> <its words>" */
  return g_strdup_printf (_("%s %s"), number ? number : "", objective->text);
}

char *
alcove_plan_dup_target_line (const AlcovePlanObjective *objective)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (objective != NULL, NULL);

  if (!alcove_date_is_valid (objective->target_date))
    return g_strdup (_("No target date yet"));
  day = alcove_date_format (objective->target_date);
  /* Translators: an objective's target date, "by <day>" */
  return g_strdup_printf (_("by %s"), day);
}
