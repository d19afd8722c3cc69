/* alcove-plan.h — one version of a client's treatment plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_PLAN_DRAFT,
  ALCOVE_PLAN_SIGNED,
} AlcovePlanStatus;

/* Whether a signed version still hashes to what was signed, under its author's signature */
typedef enum
{
  ALCOVE_PLAN_INTEGRITY_UNCHECKED,
  ALCOVE_PLAN_INTEGRITY_OK,
  ALCOVE_PLAN_INTEGRITY_MISMATCH,
} AlcovePlanIntegrity;

/* A measurable step toward a goal, due by its target date. Its id stays the same from one
 * version of the plan to the next, so notes that reference it keep following it. */
typedef struct
{
  char *id;
  char *text;
  char *target_date;   /* YYYY-MM-DD */
} AlcovePlanObjective;

typedef struct
{
  char      *id;
  char      *text;
  GPtrArray *objectives;   /* AlcovePlanObjective */
} AlcovePlanGoal;

/* What the clinician will do: a modality, a technique, how often */
typedef struct
{
  char *id;
  char *text;
} AlcovePlanIntervention;

/* A problem's link to a diagnosis of the client's problem list, with its code as it was
 * when the plan was written (the plan keeps it if the diagnosis is removed later) */
typedef struct
{
  char *diagnosis_id;
  char *code;
} AlcovePlanDiagnosis;

typedef struct
{
  char      *id;
  char      *text;
  GPtrArray *diagnoses;      /* AlcovePlanDiagnosis */
  GPtrArray *goals;          /* AlcovePlanGoal */
  GPtrArray *interventions;  /* AlcovePlanIntervention */
} AlcovePlanProblem;

/* What `find_item` found, and where */
typedef enum
{
  ALCOVE_PLAN_ITEM_NONE,
  ALCOVE_PLAN_ITEM_PROBLEM,
  ALCOVE_PLAN_ITEM_GOAL,
  ALCOVE_PLAN_ITEM_OBJECTIVE,
  ALCOVE_PLAN_ITEM_INTERVENTION,
} AlcovePlanItemKind;

#define ALCOVE_PLAN_SIGN_CONTEXT "io.github.alcove_notes.Alcove.plan-1"

#define ALCOVE_TYPE_PLAN (alcove_plan_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePlan, alcove_plan, ALCOVE, PLAN, GObject)

AlcovePlan          *alcove_plan_new                (const char  *id,
                                                     const char  *plan_id,
                                                     guint        version,
                                                     const char  *store_id,
                                                     const char  *client_id,
                                                     const char  *author,
                                                     const char  *effective_on);
/* The next version, a draft with the same problems, goals, objectives (their ids kept) and
 * interventions; participation is asked anew */
AlcovePlan          *alcove_plan_new_version        (AlcovePlan  *self,
                                                     const char  *id,
                                                     const char  *effective_on);
const char          *alcove_plan_get_id             (AlcovePlan  *self);
const char          *alcove_plan_get_plan_id        (AlcovePlan  *self);
guint                alcove_plan_get_version        (AlcovePlan  *self);
const char          *alcove_plan_get_store_id       (AlcovePlan  *self);
const char          *alcove_plan_get_client_id      (AlcovePlan  *self);
const char          *alcove_plan_get_author         (AlcovePlan  *self);
const char          *alcove_plan_get_effective_on   (AlcovePlan  *self);
void                 alcove_plan_set_effective_on   (AlcovePlan  *self,
                                                     const char  *date);
const char          *alcove_plan_get_supersedes     (AlcovePlan  *self);
void                 alcove_plan_set_supersedes     (AlcovePlan  *self,
                                                     const char  *version_id);
AlcovePlanStatus     alcove_plan_get_status         (AlcovePlan  *self);
/* Client participation: the day the client signed the plan, or why they did not */
const char          *alcove_plan_get_client_signed_on (AlcovePlan *self);
const char          *alcove_plan_get_no_signature_reason (AlcovePlan *self);
void                 alcove_plan_set_participation  (AlcovePlan  *self,
                                                     const char  *client_signed_on,
                                                     const char  *no_signature_reason);
gint64               alcove_plan_get_created_ms     (AlcovePlan  *self);
gint64               alcove_plan_get_updated_ms     (AlcovePlan  *self);
gint64               alcove_plan_get_signed_ms      (AlcovePlan  *self);
const char          *alcove_plan_get_signed_by      (AlcovePlan  *self);
const char          *alcove_plan_get_hash           (AlcovePlan  *self);
const char          *alcove_plan_get_signature      (AlcovePlan  *self);
AlcovePlanIntegrity  alcove_plan_get_integrity      (AlcovePlan  *self);
/* A signed version that a newer signed version of its plan replaced */
gboolean             alcove_plan_get_superseded     (AlcovePlan  *self);
gboolean             alcove_plan_get_dirty          (AlcovePlan  *self);

/* The content */
GPtrArray           *alcove_plan_get_problems       (AlcovePlan  *self);
AlcovePlanProblem   *alcove_plan_add_problem        (AlcovePlan  *self,
                                                     const char  *text);
AlcovePlanGoal      *alcove_plan_add_goal           (AlcovePlan  *self,
                                                     const char  *problem_id,
                                                     const char  *text);
AlcovePlanObjective *alcove_plan_add_objective      (AlcovePlan  *self,
                                                     const char  *goal_id,
                                                     const char  *text,
                                                     const char  *target_date);
AlcovePlanIntervention *alcove_plan_add_intervention (AlcovePlan *self,
                                                     const char  *problem_id,
                                                     const char  *text);
/* Any problem, goal, objective or intervention, by its id */
AlcovePlanItemKind   alcove_plan_find_item          (AlcovePlan  *self,
                                                     const char  *item_id,
                                                     gpointer    *item);
gboolean             alcove_plan_set_item_text      (AlcovePlan  *self,
                                                     const char  *item_id,
                                                     const char  *text);
gboolean             alcove_plan_set_target_date    (AlcovePlan  *self,
                                                     const char  *objective_id,
                                                     const char  *date);
gboolean             alcove_plan_remove_item        (AlcovePlan  *self,
                                                     const char  *item_id);
gboolean             alcove_plan_link_diagnosis     (AlcovePlan  *self,
                                                     const char  *problem_id,
                                                     const char  *diagnosis_id,
                                                     const char  *code,
                                                     gboolean     linked);
const AlcovePlanObjective *alcove_plan_find_objective (AlcovePlan *self,
                                                     const char  *objective_id);
/* "1.2": the objective's goal and place, as the plan numbers them; NULL if not in it */
char                *alcove_plan_dup_objective_number (AlcovePlan *self,
                                                       const char *objective_id);
/* Every objective id, in the plan's order (transfer container) */
GPtrArray           *alcove_plan_dup_objective_ids  (AlcovePlan  *self);

/* Serialised content, as stored; a damaged text reads as no content */
char                *alcove_plan_dup_content_json   (AlcovePlan  *self);
void                 alcove_plan_load_content_json  (AlcovePlan  *self,
                                                     const char  *json);
/* Every word of the plan, for the search index */
char                *alcove_plan_dup_text           (AlcovePlan  *self);
char                *alcove_plan_dup_canonical      (AlcovePlan  *self);
char                *alcove_plan_compute_hash       (AlcovePlan  *self);
/* What the author's Ed25519 signature is made over */
char                *alcove_plan_dup_signed_message (AlcovePlan  *self);
char                *alcove_plan_dup_fingerprint    (AlcovePlan  *self);

/* For the store */
void                 alcove_plan_set_times          (AlcovePlan  *self,
                                                     gint64       created_ms,
                                                     gint64       updated_ms);
void                 alcove_plan_set_signed         (AlcovePlan  *self,
                                                     gint64       signed_ms,
                                                     const char  *signed_by,
                                                     const char  *hash,
                                                     const char  *signature);
void                 alcove_plan_set_integrity      (AlcovePlan  *self,
                                                     AlcovePlanIntegrity integrity);
void                 alcove_plan_set_superseded     (AlcovePlan  *self,
                                                     gboolean     superseded);
void                 alcove_plan_set_dirty          (AlcovePlan  *self,
                                                     gboolean     dirty);

G_END_DECLS
