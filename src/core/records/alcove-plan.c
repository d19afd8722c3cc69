/* alcove-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-plan"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "alcove-data.h"
#include "alcove-note.h"
#include "alcove-plan.h"

/* One version of a treatment plan: problems (each linked to diagnoses of the problem list),
 * their goals, each goal's measurable objectives with target dates, and the interventions
 * for each problem; and whether the client took part (the day they signed, or why not).
 * The canonical form is JSON with members in byte order and items in the plan's order; its
 * SHA-256 is what the author signs. Stored in the author's notes store (alcove-plan-store.c),
 * never in practice.db. */
struct _AlcovePlan
{
  GObject              parent_instance;

  char                *id;
  char                *plan_id;
  guint                version;
  char                *store_id;
  char                *client_id;
  char                *author;
  char                *effective_on;
  char                *supersedes;
  char                *client_signed_on;
  char                *no_signature_reason;
  GPtrArray           *problems;
  gint64               created_ms;
  gint64               updated_ms;
  gint64               signed_ms;
  char                *signed_by;
  char                *hash;
  char                *signature;
  AlcovePlanIntegrity  integrity;
  gboolean             superseded;
  gboolean             dirty;
};

G_DEFINE_FINAL_TYPE (AlcovePlan, alcove_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the items ---- */

static void
objective_free (gpointer data)
{
  AlcovePlanObjective *objective = data;

  g_free (objective->id);
  g_free (objective->text);
  g_free (objective->target_date);
  g_free (objective);
}

static void
goal_free (gpointer data)
{
  AlcovePlanGoal *goal = data;

  g_free (goal->id);
  g_free (goal->text);
  g_ptr_array_unref (goal->objectives);
  g_free (goal);
}

static void
intervention_free (gpointer data)
{
  AlcovePlanIntervention *intervention = data;

  g_free (intervention->id);
  g_free (intervention->text);
  g_free (intervention);
}

static void
diagnosis_link_free (gpointer data)
{
  AlcovePlanDiagnosis *link = data;

  g_free (link->diagnosis_id);
  g_free (link->code);
  g_free (link);
}

static void
problem_free (gpointer data)
{
  AlcovePlanProblem *problem = data;

  g_free (problem->id);
  g_free (problem->text);
  g_ptr_array_unref (problem->diagnoses);
  g_ptr_array_unref (problem->goals);
  g_ptr_array_unref (problem->interventions);
  g_free (problem);
}

static char *
id_or_new (const char *id)
{
  return id != NULL && *id != '\0' ? g_strdup (id) : g_uuid_string_random ();
}

static AlcovePlanProblem *
problem_new (const char *id,
             const char *text)
{
  AlcovePlanProblem *problem = g_new0 (AlcovePlanProblem, 1);

  problem->id = id_or_new (id);
  problem->text = g_strdup (text ? text : "");
  problem->diagnoses = g_ptr_array_new_with_free_func (diagnosis_link_free);
  problem->goals = g_ptr_array_new_with_free_func (goal_free);
  problem->interventions = g_ptr_array_new_with_free_func (intervention_free);
  return problem;
}

static AlcovePlanGoal *
goal_new (const char *id,
          const char *text)
{
  AlcovePlanGoal *goal = g_new0 (AlcovePlanGoal, 1);

  goal->id = id_or_new (id);
  goal->text = g_strdup (text ? text : "");
  goal->objectives = g_ptr_array_new_with_free_func (objective_free);
  return goal;
}

static AlcovePlanObjective *
objective_new (const char *id,
               const char *text,
               const char *target_date)
{
  AlcovePlanObjective *objective = g_new0 (AlcovePlanObjective, 1);

  objective->id = id_or_new (id);
  objective->text = g_strdup (text ? text : "");
  objective->target_date = g_strdup (target_date ? target_date : "");
  return objective;
}

static AlcovePlanIntervention *
intervention_new (const char *id,
                  const char *text)
{
  AlcovePlanIntervention *intervention = g_new0 (AlcovePlanIntervention, 1);

  intervention->id = id_or_new (id);
  intervention->text = g_strdup (text ? text : "");
  return intervention;
}

static AlcovePlanDiagnosis *
diagnosis_link_new (const char *diagnosis_id,
                    const char *code)
{
  AlcovePlanDiagnosis *link = g_new0 (AlcovePlanDiagnosis, 1);

  link->diagnosis_id = g_strdup (diagnosis_id ? diagnosis_id : "");
  link->code = g_strdup (code ? code : "");
  return link;
}

/* ---- the object ---- */

static void
alcove_plan_finalize (GObject *object)
{
  AlcovePlan *self = ALCOVE_PLAN (object);

  g_free (self->id);
  g_free (self->plan_id);
  g_free (self->store_id);
  g_free (self->client_id);
  g_free (self->author);
  g_free (self->effective_on);
  g_free (self->supersedes);
  g_free (self->client_signed_on);
  g_free (self->no_signature_reason);
  g_ptr_array_unref (self->problems);
  g_free (self->signed_by);
  g_free (self->hash);
  g_free (self->signature);

  G_OBJECT_CLASS (alcove_plan_parent_class)->finalize (object);
}

static void
alcove_plan_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AlcovePlan *self = ALCOVE_PLAN (object);

  switch (prop_id)
    {
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_plan_class_init (AlcovePlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alcove_plan_finalize;
  object_class->get_property = alcove_plan_get_property;

  /**
   * AlcovePlan:dirty:
   *
   * Whether the draft changed since it was last written
   */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alcove_plan_init (AlcovePlan *self)
{
  self->problems = g_ptr_array_new_with_free_func (problem_free);
  self->supersedes = g_strdup ("");
  self->client_signed_on = g_strdup ("");
  self->no_signature_reason = g_strdup ("");
  self->signed_by = g_strdup ("");
  self->hash = g_strdup ("");
  self->signature = g_strdup ("");
}

AlcovePlan *
alcove_plan_new (const char *id,
                 const char *plan_id,
                 guint       version,
                 const char *store_id,
                 const char *client_id,
                 const char *author,
                 const char *effective_on)
{
  AlcovePlan *self;

  g_return_val_if_fail (id != NULL && plan_id != NULL && client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_PLAN, NULL);
  self->id = g_strdup (id);
  self->plan_id = g_strdup (plan_id);
  self->version = version;
  self->store_id = g_strdup (store_id ? store_id : "");
  self->client_id = g_strdup (client_id);
  self->author = g_strdup (author ? author : "");
  self->effective_on = g_strdup (effective_on ? effective_on : "");
  return self;
}

AlcovePlan *
alcove_plan_new_version (AlcovePlan *self,
                         const char *id,
                         const char *effective_on)
{
  g_autofree char *content = NULL;
  AlcovePlan *next;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);

  next = alcove_plan_new (id, self->plan_id, self->version + 1, self->store_id, self->client_id,
                          self->author, effective_on);
  content = alcove_plan_dup_content_json (self);
  alcove_plan_load_content_json (next, content);
  alcove_plan_set_supersedes (next, self->id);
  return next;
}

/* `value` may be the field itself */
static void
replace (char       **field,
         const char  *value)
{
  char *copy = g_strdup (value ? value : "");

  g_free (*field);
  *field = copy;
}

static void
touch (AlcovePlan *self)
{
  alcove_plan_set_dirty (self, TRUE);
}

const char *
alcove_plan_get_id (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->id;
}

/* The id every version of the plan shares */
const char *
alcove_plan_get_plan_id (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->plan_id;
}

guint
alcove_plan_get_version (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), 0);
  return self->version;
}

const char *
alcove_plan_get_store_id (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->store_id;
}

const char *
alcove_plan_get_client_id (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->client_id;
}

const char *
alcove_plan_get_author (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->author;
}

const char *
alcove_plan_get_effective_on (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->effective_on;
}

void
alcove_plan_set_effective_on (AlcovePlan *self,
                              const char *date)
{
  g_return_if_fail (ALCOVE_IS_PLAN (self));

  if (g_strcmp0 (self->effective_on, date) == 0)
    return;
  replace (&self->effective_on, date);
  touch (self);
}

const char *
alcove_plan_get_supersedes (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->supersedes;
}

void
alcove_plan_set_supersedes (AlcovePlan *self,
                            const char *version_id)
{
  g_return_if_fail (ALCOVE_IS_PLAN (self));
  replace (&self->supersedes, version_id);
}

AlcovePlanStatus
alcove_plan_get_status (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), ALCOVE_PLAN_DRAFT);
  return self->signed_ms > 0 ? ALCOVE_PLAN_SIGNED : ALCOVE_PLAN_DRAFT;
}

const char *
alcove_plan_get_client_signed_on (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->client_signed_on;
}

const char *
alcove_plan_get_no_signature_reason (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->no_signature_reason;
}

void
alcove_plan_set_participation (AlcovePlan *self,
                               const char *client_signed_on,
                               const char *no_signature_reason)
{
  g_return_if_fail (ALCOVE_IS_PLAN (self));

  if (g_strcmp0 (self->client_signed_on, client_signed_on ? client_signed_on : "") == 0 &&
      g_strcmp0 (self->no_signature_reason, no_signature_reason ? no_signature_reason : "") == 0)
    return;
  replace (&self->client_signed_on, client_signed_on);
  replace (&self->no_signature_reason, no_signature_reason);
  touch (self);
}

gint64
alcove_plan_get_created_ms (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), 0);
  return self->created_ms;
}

gint64
alcove_plan_get_updated_ms (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), 0);
  return self->updated_ms;
}

gint64
alcove_plan_get_signed_ms (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), 0);
  return self->signed_ms;
}

const char *
alcove_plan_get_signed_by (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->signed_by;
}

const char *
alcove_plan_get_hash (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->hash;
}

const char *
alcove_plan_get_signature (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->signature;
}

AlcovePlanIntegrity
alcove_plan_get_integrity (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), ALCOVE_PLAN_INTEGRITY_UNCHECKED);
  return self->integrity;
}

gboolean
alcove_plan_get_superseded (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), FALSE);
  return self->superseded;
}

gboolean
alcove_plan_get_dirty (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), FALSE);
  return self->dirty;
}

/* ---- the content ---- */

GPtrArray *
alcove_plan_get_problems (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return self->problems;
}

AlcovePlanProblem *
alcove_plan_add_problem (AlcovePlan *self,
                         const char *text)
{
  AlcovePlanProblem *problem;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);

  problem = problem_new (NULL, text);
  g_ptr_array_add (self->problems, problem);
  touch (self);
  return problem;
}

/* Walks every item; stops when `visit` returns TRUE and answers what it found */
typedef gboolean (*ItemVisit) (AlcovePlanItemKind  kind,
                               gpointer            item,
                               GPtrArray          *container,
                               guint               index,
                               gpointer            data);

static gboolean
walk (AlcovePlan *self,
      ItemVisit   visit,
      gpointer    data)
{
  for (guint p = 0; p < self->problems->len; p++)
    {
      AlcovePlanProblem *problem = g_ptr_array_index (self->problems, p);

      if (visit (ALCOVE_PLAN_ITEM_PROBLEM, problem, self->problems, p, data))
        return TRUE;
      for (guint g = 0; g < problem->goals->len; g++)
        {
          AlcovePlanGoal *goal = g_ptr_array_index (problem->goals, g);

          if (visit (ALCOVE_PLAN_ITEM_GOAL, goal, problem->goals, g, data))
            return TRUE;
          for (guint o = 0; o < goal->objectives->len; o++)
            if (visit (ALCOVE_PLAN_ITEM_OBJECTIVE, g_ptr_array_index (goal->objectives, o),
                       goal->objectives, o, data))
              return TRUE;
        }
      for (guint i = 0; i < problem->interventions->len; i++)
        if (visit (ALCOVE_PLAN_ITEM_INTERVENTION, g_ptr_array_index (problem->interventions, i),
                   problem->interventions, i, data))
          return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const char         *id;
  AlcovePlanItemKind  kind;
  gpointer            item;
  GPtrArray          *container;
  guint               index;
} Found;

/* Every item struct starts with its id */
static gboolean
match_id_cb (AlcovePlanItemKind  kind,
             gpointer            item,
             GPtrArray          *container,
             guint               index,
             gpointer            data)
{
  Found *found = data;

  if (g_strcmp0 (*(char **) item, found->id) != 0)
    return FALSE;
  found->kind = kind;
  found->item = item;
  found->container = container;
  found->index = index;
  return TRUE;
}

static Found
find (AlcovePlan *self,
      const char *item_id)
{
  Found found = { item_id, ALCOVE_PLAN_ITEM_NONE, NULL, NULL, 0 };

  if (item_id != NULL)
    walk (self, match_id_cb, &found);
  return found;
}

AlcovePlanItemKind
alcove_plan_find_item (AlcovePlan *self,
                       const char *item_id,
                       gpointer   *item)
{
  Found found;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), ALCOVE_PLAN_ITEM_NONE);

  found = find (self, item_id);
  if (item != NULL)
    *item = found.item;
  return found.kind;
}

AlcovePlanGoal *
alcove_plan_add_goal (AlcovePlan *self,
                      const char *problem_id,
                      const char *text)
{
  Found found;
  AlcovePlanGoal *goal;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);

  found = find (self, problem_id);
  if (found.kind != ALCOVE_PLAN_ITEM_PROBLEM)
    return NULL;
  goal = goal_new (NULL, text);
  g_ptr_array_add (((AlcovePlanProblem *) found.item)->goals, goal);
  touch (self);
  return goal;
}

AlcovePlanObjective *
alcove_plan_add_objective (AlcovePlan *self,
                           const char *goal_id,
                           const char *text,
                           const char *target_date)
{
  Found found;
  AlcovePlanObjective *objective;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);

  found = find (self, goal_id);
  if (found.kind != ALCOVE_PLAN_ITEM_GOAL)
    return NULL;
  objective = objective_new (NULL, text, target_date);
  g_ptr_array_add (((AlcovePlanGoal *) found.item)->objectives, objective);
  touch (self);
  return objective;
}

AlcovePlanIntervention *
alcove_plan_add_intervention (AlcovePlan *self,
                              const char *problem_id,
                              const char *text)
{
  Found found;
  AlcovePlanIntervention *intervention;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);

  found = find (self, problem_id);
  if (found.kind != ALCOVE_PLAN_ITEM_PROBLEM)
    return NULL;
  intervention = intervention_new (NULL, text);
  g_ptr_array_add (((AlcovePlanProblem *) found.item)->interventions, intervention);
  touch (self);
  return intervention;
}

/* Every item struct has its text second */
gboolean
alcove_plan_set_item_text (AlcovePlan *self,
                           const char *item_id,
                           const char *text)
{
  Found found;
  char **field;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), FALSE);

  found = find (self, item_id);
  if (found.kind == ALCOVE_PLAN_ITEM_NONE)
    return FALSE;
  field = &((char **) found.item)[1];
  if (g_strcmp0 (*field, text ? text : "") != 0)
    {
      replace (field, text);
      touch (self);
    }
  return TRUE;
}

gboolean
alcove_plan_set_target_date (AlcovePlan *self,
                             const char *objective_id,
                             const char *date)
{
  Found found;
  AlcovePlanObjective *objective;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), FALSE);

  found = find (self, objective_id);
  if (found.kind != ALCOVE_PLAN_ITEM_OBJECTIVE)
    return FALSE;
  objective = found.item;
  if (g_strcmp0 (objective->target_date, date ? date : "") != 0)
    {
      replace (&objective->target_date, date);
      touch (self);
    }
  return TRUE;
}

gboolean
alcove_plan_remove_item (AlcovePlan *self,
                         const char *item_id)
{
  Found found;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), FALSE);

  found = find (self, item_id);
  if (found.kind == ALCOVE_PLAN_ITEM_NONE)
    return FALSE;
  g_ptr_array_remove_index (found.container, found.index);
  touch (self);
  return TRUE;
}

gboolean
alcove_plan_link_diagnosis (AlcovePlan *self,
                            const char *problem_id,
                            const char *diagnosis_id,
                            const char *code,
                            gboolean    linked)
{
  Found found;
  AlcovePlanProblem *problem;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), FALSE);
  g_return_val_if_fail (diagnosis_id != NULL, FALSE);

  found = find (self, problem_id);
  if (found.kind != ALCOVE_PLAN_ITEM_PROBLEM)
    return FALSE;
  problem = found.item;
  for (guint i = 0; i < problem->diagnoses->len; i++)
    {
      AlcovePlanDiagnosis *link = g_ptr_array_index (problem->diagnoses, i);

      if (g_strcmp0 (link->diagnosis_id, diagnosis_id) != 0)
        continue;
      if (!linked)
        {
          g_ptr_array_remove_index (problem->diagnoses, i);
          touch (self);
        }
      else if (code != NULL && g_strcmp0 (link->code, code) != 0)
        {
          replace (&link->code, code);
          touch (self);
        }
      return TRUE;
    }
  if (linked)
    {
      g_ptr_array_add (problem->diagnoses, diagnosis_link_new (diagnosis_id, code));
      touch (self);
    }
  return TRUE;
}

const AlcovePlanObjective *
alcove_plan_find_objective (AlcovePlan *self,
                            const char *objective_id)
{
  Found found;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);

  found = find (self, objective_id);
  return found.kind == ALCOVE_PLAN_ITEM_OBJECTIVE ? found.item : NULL;
}

typedef struct
{
  const char *objective_id;
  guint       goal_number;
  guint       objective_number;
} Numbering;

static gboolean
number_cb (AlcovePlanItemKind  kind,
           gpointer            item,
           GPtrArray          *container,
           guint               index,
           gpointer            data)
{
  Numbering *numbering = data;

  if (kind == ALCOVE_PLAN_ITEM_GOAL)
    numbering->goal_number++;
  if (kind != ALCOVE_PLAN_ITEM_OBJECTIVE ||
      g_strcmp0 (((AlcovePlanObjective *) item)->id, numbering->objective_id) != 0)
    return FALSE;
  numbering->objective_number = index + 1;
  return TRUE;
}

/* Goals are numbered through the plan, objectives within their goal */
char *
alcove_plan_dup_objective_number (AlcovePlan *self,
                                  const char *objective_id)
{
  Numbering numbering = { objective_id, 0, 0 };

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);

  if (!walk (self, number_cb, &numbering))
    return NULL;
  return g_strdup_printf ("%u.%u", numbering.goal_number, numbering.objective_number);
}

static gboolean
collect_objective_cb (AlcovePlanItemKind  kind,
                      gpointer            item,
                      GPtrArray          *container,
                      guint               index,
                      gpointer            data)
{
  if (kind == ALCOVE_PLAN_ITEM_OBJECTIVE)
    g_ptr_array_add (data, g_strdup (((AlcovePlanObjective *) item)->id));
  return FALSE;
}

GPtrArray *
alcove_plan_dup_objective_ids (AlcovePlan *self)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), ids);

  walk (self, collect_objective_cb, ids);
  return ids;
}

/* ---- JSON: the stored content and the canonical form ---- */

/* An {id, text} item, or an objective with its target date; members in byte order */
static void
add_item (JsonBuilder *builder,
          const char  *id,
          const char  *target_date,
          const char  *text)
{
  json_builder_begin_object (builder);
  alcove_canonical_add_string (builder, "id", id);
  if (target_date != NULL)
    alcove_canonical_add_string (builder, "target_date", target_date);
  alcove_canonical_add_string (builder, "text", text);
  json_builder_end_object (builder);
}

static void
add_goal (JsonBuilder    *builder,
          AlcovePlanGoal *goal)
{
  json_builder_begin_object (builder);
  alcove_canonical_add_string (builder, "id", goal->id);
  json_builder_set_member_name (builder, "objectives");
  json_builder_begin_array (builder);
  for (guint o = 0; o < goal->objectives->len; o++)
    {
      AlcovePlanObjective *objective = g_ptr_array_index (goal->objectives, o);

      add_item (builder, objective->id, objective->target_date, objective->text);
    }
  json_builder_end_array (builder);
  alcove_canonical_add_string (builder, "text", goal->text);
  json_builder_end_object (builder);
}

static void
add_problem (JsonBuilder       *builder,
             AlcovePlanProblem *problem)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "diagnoses");
  json_builder_begin_array (builder);
  for (guint d = 0; d < problem->diagnoses->len; d++)
    {
      AlcovePlanDiagnosis *link = g_ptr_array_index (problem->diagnoses, d);

      json_builder_begin_object (builder);
      alcove_canonical_add_string (builder, "code", link->code);
      alcove_canonical_add_string (builder, "id", link->diagnosis_id);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "goals");
  json_builder_begin_array (builder);
  for (guint g = 0; g < problem->goals->len; g++)
    add_goal (builder, g_ptr_array_index (problem->goals, g));
  json_builder_end_array (builder);
  alcove_canonical_add_string (builder, "id", problem->id);
  json_builder_set_member_name (builder, "interventions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problem->interventions->len; i++)
    {
      AlcovePlanIntervention *intervention = g_ptr_array_index (problem->interventions, i);

      add_item (builder, intervention->id, NULL, intervention->text);
    }
  json_builder_end_array (builder);
  alcove_canonical_add_string (builder, "text", problem->text);
  json_builder_end_object (builder);
}

static void
add_content (JsonBuilder *builder,
             AlcovePlan  *self)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint p = 0; p < self->problems->len; p++)
    add_problem (builder, g_ptr_array_index (self->problems, p));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

char *
alcove_plan_dup_content_json (AlcovePlan *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);

  add_content (builder, self);
  return alcove_canonical_to_string (builder);
}

/* A member's text, "" when it is missing or not text */
static const char *
member_string (JsonObject *object,
               const char *member)
{
  const char *text = alcove_data_member_string (object, member);

  return text ? text : "";
}

static guint
array_length (JsonArray *array)
{
  return array != NULL ? json_array_get_length (array) : 0;
}

static void
load_goal (AlcovePlanProblem *problem,
           JsonObject        *object)
{
  AlcovePlanGoal *goal = goal_new (member_string (object, "id"), member_string (object, "text"));
  JsonArray *objectives = alcove_data_member_array (object, "objectives");

  for (guint o = 0; o < array_length (objectives); o++)
    {
      JsonObject *item = alcove_data_element_object (objectives, o);

      if (item != NULL)
        g_ptr_array_add (goal->objectives,
                         objective_new (member_string (item, "id"), member_string (item, "text"),
                                        member_string (item, "target_date")));
    }
  g_ptr_array_add (problem->goals, goal);
}

static void
load_problem (AlcovePlan *self,
              JsonObject *object)
{
  AlcovePlanProblem *problem = problem_new (member_string (object, "id"),
                                            member_string (object, "text"));
  JsonArray *diagnoses = alcove_data_member_array (object, "diagnoses");
  JsonArray *goals = alcove_data_member_array (object, "goals");
  JsonArray *interventions = alcove_data_member_array (object, "interventions");

  for (guint d = 0; d < array_length (diagnoses); d++)
    {
      JsonObject *item = alcove_data_element_object (diagnoses, d);

      if (item != NULL)
        g_ptr_array_add (problem->diagnoses,
                         diagnosis_link_new (member_string (item, "id"),
                                             member_string (item, "code")));
    }
  for (guint g = 0; g < array_length (goals); g++)
    if (alcove_data_element_object (goals, g) != NULL)
      load_goal (problem, alcove_data_element_object (goals, g));
  for (guint i = 0; i < array_length (interventions); i++)
    {
      JsonObject *item = alcove_data_element_object (interventions, i);

      if (item != NULL)
        g_ptr_array_add (problem->interventions,
                         intervention_new (member_string (item, "id"),
                                           member_string (item, "text")));
    }
  g_ptr_array_add (self->problems, problem);
}

/* Replaces the content; a damaged text reads as none (a signed plan's hash then fails) */
void
alcove_plan_load_content_json (AlcovePlan *self,
                               const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *problems = NULL;

  g_return_if_fail (ALCOVE_IS_PLAN (self));

  g_ptr_array_set_size (self->problems, 0);
  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    problems = alcove_data_member_array (json_node_get_object (json_parser_get_root (parser)), "problems");
  for (guint p = 0; p < array_length (problems); p++)
    if (alcove_data_element_object (problems, p) != NULL)
      load_problem (self, alcove_data_element_object (problems, p));
}

static gboolean
append_text_cb (AlcovePlanItemKind  kind,
                gpointer            item,
                GPtrArray          *container,
                guint               index,
                gpointer            data)
{
  const char *text = ((char **) item)[1];

  if (*text != '\0')
    g_string_append_printf (data, "%s\n", text);
  return FALSE;
}

char *
alcove_plan_dup_text (AlcovePlan *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);

  walk (self, append_text_cb, text);
  if (*self->no_signature_reason != '\0')
    g_string_append_printf (text, "%s\n", self->no_signature_reason);
  return g_string_free (text, FALSE);
}

/* Members in byte order; what is signed covers the signer and the time too */
char *
alcove_plan_dup_canonical (AlcovePlan *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);

  json_builder_begin_object (builder);
  alcove_canonical_add_string (builder, "author", self->author);
  alcove_canonical_add_string (builder, "client_id", self->client_id);
  alcove_canonical_add_string (builder, "client_signed_on", self->client_signed_on);
  json_builder_set_member_name (builder, "content");
  add_content (builder, self);
  alcove_canonical_add_string (builder, "effective_on", self->effective_on);
  alcove_canonical_add_string (builder, "format", "alcove-plan-1");
  alcove_canonical_add_string (builder, "id", self->id);
  alcove_canonical_add_string (builder, "no_signature_reason", self->no_signature_reason);
  alcove_canonical_add_string (builder, "plan_id", self->plan_id);
  alcove_canonical_add_string (builder, "signed_by", self->signed_by);
  alcove_canonical_add_int (builder, "signed_ms", self->signed_ms);
  alcove_canonical_add_string (builder, "supersedes", self->supersedes);
  alcove_canonical_add_int (builder, "version", self->version);
  json_builder_end_object (builder);
  return alcove_canonical_to_string (builder);
}

char *
alcove_plan_compute_hash (AlcovePlan *self)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);

  canonical = alcove_plan_dup_canonical (self);
  return alcove_note_hash_canonical (canonical);
}

/* The version and the hash it signs, so a signature cannot move to another version */
char *
alcove_plan_dup_signed_message (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return g_strdup_printf ("%s\n%s\n%s", self->id, self->plan_id, self->hash);
}

/* What a person compares by eye */
char *
alcove_plan_dup_fingerprint (AlcovePlan *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN (self), NULL);
  return alcove_hash_dup_fingerprint (self->hash);
}

/* ---- for the store ---- */

void
alcove_plan_set_times (AlcovePlan *self,
                       gint64      created_ms,
                       gint64      updated_ms)
{
  g_return_if_fail (ALCOVE_IS_PLAN (self));
  self->created_ms = created_ms;
  self->updated_ms = updated_ms;
}

void
alcove_plan_set_signed (AlcovePlan *self,
                        gint64      signed_ms,
                        const char *signed_by,
                        const char *hash,
                        const char *signature)
{
  g_return_if_fail (ALCOVE_IS_PLAN (self));
  self->signed_ms = signed_ms;
  replace (&self->signed_by, signed_by);
  replace (&self->hash, hash);
  replace (&self->signature, signature);
}

void
alcove_plan_set_integrity (AlcovePlan          *self,
                           AlcovePlanIntegrity  integrity)
{
  g_return_if_fail (ALCOVE_IS_PLAN (self));
  self->integrity = integrity;
}

void
alcove_plan_set_superseded (AlcovePlan *self,
                            gboolean    superseded)
{
  g_return_if_fail (ALCOVE_IS_PLAN (self));
  self->superseded = superseded;
}

void
alcove_plan_set_dirty (AlcovePlan *self,
                       gboolean    dirty)
{
  g_return_if_fail (ALCOVE_IS_PLAN (self));

  if (self->dirty == dirty)
    return;
  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}
