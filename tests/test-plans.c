/* test-plans.c — treatment plans: drafts, signing, versions that supersede and keep the ones
 * before, client participation, review dates and the practice's interval, objectives that
 * progress notes address, search, who reads a plan (never billing), and an insider's raw
 * SQL against signed versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-plans"

#include "config.h"

#include "alcove-date.h"
#include "alcove-diagnosis-store.h"
#include "alcove-migrations.h"
#include "alcove-note-format.h"
#include "alcove-plan-store.h"
#include "alcove-practice-settings.h"
#include "alcove-search.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* Words no plan or name shares by chance: billing must never meet them */
#define NAME_CLIENT "Ptolemy Farquharson"
#define PLAN_MARK   "xylophonemarker"
#define NOTE_MARK   "quillmarker"

/* dana owns the practice; sam (clinician) is supervised by rui; jo is another clinician;
 * bea does billing */
typedef struct
{
  char                 *dir;
  AlcoveVault          *vault;
  AlcoveClientStore    *clients;
  AlcoveNoteStore      *notes;
  AlcoveDiagnosisStore *diagnoses;
  AlcovePlanStore      *plans;
  char                 *client_id;
  char                 *sam_uuid;
  guint                 changed;
} Fixture;

static void
changed_cb (AlcovePlanStore *store,
            AlcovePlan      *plan,
            Fixture         *f)
{
  f->changed++;
}

static void
close_stores (Fixture *f)
{
  g_clear_object (&f->plans);
  g_clear_object (&f->diagnoses);
  g_clear_object (&f->notes);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
}

static void
reopen_as (Fixture    *f,
           const char *username)
{
  g_autoptr(GError) error = NULL;

  close_stores (f);
  f->vault = alcove_test_unlocked_vault (f->dir, username,
                                         g_str_equal (username, "dana") ? TEST_PASSWORD
                                                                        : TEST_OTHER_PASSWORD);
  f->clients = alcove_client_store_new (f->vault, &error);
  g_assert_no_error (error);
  f->notes = alcove_note_store_new (f->clients);
  f->diagnoses = alcove_diagnosis_store_new (f->clients);
  f->plans = alcove_plan_store_new (f->notes);
  g_signal_connect (f->plans, "plan-changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  f->vault = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  alcove_test_add_user (f->vault, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (f->vault, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  alcove_test_add_user (f->vault, "jo", "Jo Abara", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (f->vault, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  g_assert_true (alcove_vault_grant_supervision (f->vault, "rui", "sam", &error));
  g_assert_no_error (error);
  f->sam_uuid = g_strdup (alcove_header_find_user (f->vault->header, "sam")->uuid);

  /* sam's sign-in seals the key of sam's notes to rui */
  reopen_as (f, "sam");
  f->client_id = alcove_test_add_client (f->clients, NAME_CLIENT);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_stores (f);
  g_free (f->dir);
  g_free (f->client_id);
  g_free (f->sam_uuid);
}

/* ---- helpers ---- */

#define raw_exec(f, ...)   alcove_test_exec_raw ((f)->vault, __VA_ARGS__)
#define count_rows(f, ...) alcove_test_query_int ((f)->vault, __VA_ARGS__)

static char *
sam_schema (Fixture *f)
{
  g_autofree char *store_id = g_strconcat ("notes:", f->sam_uuid, NULL);

  return alcove_vault_schema_for (store_id);
}

static char *
add_diagnosis (Fixture    *f,
               const char *code)
{
  g_autoptr(AlcoveDiagnosis) diagnosis = alcove_diagnosis_new (f->client_id);
  g_autoptr(GError) error = NULL;

  alcove_diagnosis_set_code (diagnosis, code);
  alcove_diagnosis_set_rank (diagnosis, ALCOVE_DIAGNOSIS_PRIMARY);
  g_assert_true (alcove_diagnosis_store_save (f->diagnoses, diagnosis, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_diagnosis_get_id (diagnosis));
}

static AlcovePlan *
new_plan (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AlcovePlan *plan = alcove_plan_store_create (f->plans, f->client_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* One problem linked to a diagnosis, one goal with two objectives, one intervention, and
 * the day the client signed */
static void
fill (AlcovePlan *plan,
      const char *diagnosis_id)
{
  AlcovePlanProblem *problem = alcove_plan_add_problem (plan, "Low mood and withdrawal "
                                                              PLAN_MARK);
  AlcovePlanGoal *goal = alcove_plan_add_goal (plan, problem->id, "Return to daily routines");
  g_autofree char *today = alcove_date_today_iso ();

  if (diagnosis_id != NULL)
    g_assert_true (alcove_plan_link_diagnosis (plan, problem->id, diagnosis_id, "F32.1", TRUE));
  alcove_plan_add_objective (plan, goal->id, "Walk outside three times a week", "2099-03-01");
  alcove_plan_add_objective (plan, goal->id, "PHQ-9 below 10", "2099-06-01");
  alcove_plan_add_intervention (plan, problem->id, "Behavioural activation, weekly, 50 minutes");
  alcove_plan_set_participation (plan, today, NULL);
}

static AlcovePlan *
signed_plan (Fixture *f)
{
  g_autoptr(AlcovePlan) plan = new_plan (f);
  g_autoptr(GError) error = NULL;

  fill (plan, NULL);
  g_assert_true (alcove_plan_store_sign (f->plans, plan, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&plan);
}

static AlcovePlan *
open_plan (Fixture    *f,
           const char *version_id)
{
  g_autoptr(GError) error = NULL;
  AlcovePlan *plan = alcove_plan_store_open (f->plans, version_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static GListModel *
versions (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = alcove_plan_store_list_for_client (f->plans, f->client_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static void
assert_error_says (GError     *error,
                   gint        code,
                   const char *words)
{
  g_assert_error (error, ALCOVE_VAULT_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

/* ---- drafts and signing ---- */

static void
test_draft_and_sign (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *diagnosis_id = add_diagnosis (f, "F32.1");
  g_autoptr(AlcovePlan) plan = new_plan (f);
  g_autoptr(AlcovePlan) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *schema = sam_schema (f);
  AlcovePlanProblem *problem;

  g_assert_true (alcove_plan_store_can_write (f->plans));
  g_assert_true (alcove_plan_store_is_author (f->plans, plan));
  g_assert_cmpuint (alcove_plan_get_version (plan), ==, 1);
  g_assert_cmpint (alcove_plan_get_status (plan), ==, ALCOVE_PLAN_DRAFT);
  g_assert_cmpstr (alcove_plan_get_supersedes (plan), ==, "");
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_PLAN_CREATE,
                                            alcove_plan_get_id (plan)), ==, 1);

  /* a draft keeps what is written, incomplete or not */
  fill (plan, diagnosis_id);
  g_assert_true (alcove_plan_get_dirty (plan));
  g_assert_true (alcove_plan_store_save (f->plans, plan, &error));
  g_assert_no_error (error);
  g_assert_false (alcove_plan_get_dirty (plan));
  g_assert_true (alcove_plan_store_save (f->plans, plan, &error));
  /* creating it was audited; so is the first edit in a later session, not every save */
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_PLAN_EDIT,
                                            alcove_plan_get_id (plan)), ==, 0);
  reopen_as (f, "sam");
  {
    g_autofree char *id = g_strdup (alcove_plan_get_id (plan));

    g_clear_object (&plan);
    plan = open_plan (f, id);
  }
  alcove_plan_set_effective_on (plan, "2026-01-01");
  g_assert_true (alcove_plan_store_save (f->plans, plan, &error));
  g_assert_true (alcove_plan_store_save (f->plans, plan, &error));
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_PLAN_EDIT,
                                            alcove_plan_get_id (plan)), ==, 1);
  read = open_plan (f, alcove_plan_get_id (plan));
  problem = g_ptr_array_index (alcove_plan_get_problems (read), 0);
  g_assert_cmpstr (problem->text, ==, "Low mood and withdrawal " PLAN_MARK);
  g_assert_cmpuint (problem->goals->len, ==, 1);
  g_assert_cmpuint (((AlcovePlanGoal *) g_ptr_array_index (problem->goals, 0))->objectives->len,
                    ==, 2);
  g_assert_cmpstr (((AlcovePlanDiagnosis *) g_ptr_array_index (problem->diagnoses, 0))->code, ==,
                   "F32.1");
  g_clear_object (&read);

  g_assert_true (alcove_plan_store_sign (f->plans, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_plan_get_status (plan), ==, ALCOVE_PLAN_SIGNED);
  g_assert_cmpstr (alcove_plan_get_signed_by (plan), ==, f->sam_uuid);
  hash = alcove_plan_compute_hash (plan);
  g_assert_cmpstr (hash, ==, alcove_plan_get_hash (plan));
  g_assert_cmpuint (strlen (alcove_plan_get_signature (plan)), >, 0);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_PLAN_SIGN,
                                            alcove_plan_get_id (plan)), ==, 1);

  read = open_plan (f, alcove_plan_get_id (plan));
  g_assert_cmpint (alcove_plan_get_integrity (read), ==, ALCOVE_PLAN_INTEGRITY_OK);
  g_assert_false (alcove_plan_get_superseded (read));
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_PLAN_VIEW,
                                            alcove_plan_get_id (plan)), ==, 3);

  /* a signed version takes no change, and is kept */
  g_assert_false (alcove_plan_store_save (f->plans, read, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED, "revise it");
  g_clear_error (&error);
  g_assert_false (alcove_plan_store_sign (f->plans, read, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_INVALID, "already signed");
  g_clear_error (&error);
  g_assert_false (alcove_plan_store_delete_draft (f->plans, read, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED, "cannot be deleted");
  g_clear_error (&error);

  /* practice.db holds nothing of it */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.plans", schema), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE details LIKE '%%%s%%'",
                               PLAN_MARK), ==, 0);
  /* a second plan of the same author for the same client is a revision instead */
  g_assert_null (alcove_plan_store_create (f->plans, f->client_id, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_EXISTS, "revise it");
}

typedef void (*Break) (AlcovePlan *plan);

static AlcovePlanProblem *
problem_of (AlcovePlan *plan)
{
  return g_ptr_array_index (alcove_plan_get_problems (plan), 0);
}

static AlcovePlanGoal *
goal_of (AlcovePlan *plan)
{
  return g_ptr_array_index (problem_of (plan)->goals, 0);
}

static void
no_problem (AlcovePlan *plan)
{
  alcove_plan_remove_item (plan, problem_of (plan)->id);
}

static void
blank_problem (AlcovePlan *plan)
{
  alcove_plan_set_item_text (plan, problem_of (plan)->id, "   ");
}

static void
no_goal (AlcovePlan *plan)
{
  alcove_plan_remove_item (plan, goal_of (plan)->id);
}

static void
no_objective (AlcovePlan *plan)
{
  AlcovePlanGoal *goal = goal_of (plan);
  g_autofree char *first = g_strdup (((AlcovePlanObjective *) g_ptr_array_index (goal->objectives, 0))->id);
  g_autofree char *second = g_strdup (((AlcovePlanObjective *) g_ptr_array_index (goal->objectives, 1))->id);

  alcove_plan_remove_item (plan, first);
  alcove_plan_remove_item (plan, second);
}

static void
no_target (AlcovePlan *plan)
{
  alcove_plan_set_target_date (plan, ((AlcovePlanObjective *) g_ptr_array_index (goal_of (plan)->objectives, 1))->id,
                               "June");
}

static void
early_target (AlcovePlan *plan)
{
  alcove_plan_set_target_date (plan, ((AlcovePlanObjective *) g_ptr_array_index (goal_of (plan)->objectives, 0))->id,
                               "2001-01-01");
}

static void
no_intervention (AlcovePlan *plan)
{
  alcove_plan_remove_item (plan, ((AlcovePlanIntervention *) g_ptr_array_index (problem_of (plan)->interventions, 0))->id);
}

static void
no_participation (AlcovePlan *plan)
{
  alcove_plan_set_participation (plan, NULL, "  ");
}

static void
both_participations (AlcovePlan *plan)
{
  alcove_plan_set_participation (plan, "2026-01-02", "Declined to sign");
}

static void
future_signature (AlcovePlan *plan)
{
  alcove_plan_set_participation (plan, "2999-01-02", NULL);
}

static void
bad_start (AlcovePlan *plan)
{
  alcove_plan_set_effective_on (plan, "soon");
}

static const struct
{
  Break       breaks;
  const char *words;
} incomplete[] = {
  { no_problem, "Add at least one problem" },
  { blank_problem, "Problem 1 has no words" },
  { no_goal, "Problem 1 needs at least one goal" },
  { no_objective, "Goal 1 needs at least one measurable objective" },
  { no_target, "Objective 1.2 needs a target date" },
  { early_target, "Objective 1.1 is due before the plan starts" },
  { no_intervention, "Problem 1 needs at least one intervention" },
  { no_participation, "Record the client’s participation" },
  { both_participations, "not both" },
  { future_signature, "the client signed is in the future" },
  { bad_start, "the plan starts as YYYY-MM-DD" },
};

/* Signing refuses an incomplete plan, naming what is missing, and leaves it a draft */
static void
test_sign_refusals (Fixture       *f,
                    gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (incomplete); i++)
    {
      g_autoptr(AlcovePlan) plan = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) model = versions (f);

      if (g_list_model_get_n_items (model) > 0)
        {
          plan = g_list_model_get_item (model, 0);
          g_assert_true (alcove_plan_store_delete_draft (f->plans, plan, &error));
          g_assert_no_error (error);
          g_clear_object (&plan);
        }
      plan = new_plan (f);
      fill (plan, NULL);
      incomplete[i].breaks (plan);
      g_assert_false (alcove_plan_store_sign (f->plans, plan, &error));
      assert_error_says (error, ALCOVE_VAULT_ERROR_INVALID, incomplete[i].words);
      g_assert_cmpint (alcove_plan_get_status (plan), ==, ALCOVE_PLAN_DRAFT);
      g_assert_cmpstr (alcove_plan_get_hash (plan), ==, "");
    }
  /* a reason instead of a signature is participation too */
  {
    g_autoptr(GListModel) model = versions (f);
    g_autoptr(AlcovePlan) plan = g_list_model_get_item (model, 0);
    g_autoptr(GError) error = NULL;

    g_assert_true (alcove_plan_store_delete_draft (f->plans, plan, &error));
    g_clear_object (&plan);
    plan = new_plan (f);
    fill (plan, NULL);
    alcove_plan_set_participation (plan, "", "Client took part in writing it but declined to "
                                             "sign anything");
    g_assert_true (alcove_plan_store_sign (f->plans, plan, &error));
    g_assert_no_error (error);
  }
}

/* Linked diagnoses must still be on the problem list when the plan is signed */
static void
test_linked_diagnoses (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *diagnosis_id = add_diagnosis (f, "F32.1");
  g_autoptr(AlcoveDiagnosis) diagnosis = alcove_diagnosis_store_get (f->diagnoses, diagnosis_id,
                                                                     NULL);
  g_autoptr(AlcovePlan) plan = new_plan (f);
  g_autoptr(GError) error = NULL;

  fill (plan, diagnosis_id);
  /* the code was changed since it was linked: the plan signs the code as it is now */
  alcove_diagnosis_set_code (diagnosis, "F32.2");
  g_assert_true (alcove_diagnosis_store_save (f->diagnoses, diagnosis, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_plan_store_save (f->plans, plan, &error));
  g_assert_true (alcove_diagnosis_store_remove (f->diagnoses, diagnosis, &error));
  g_assert_false (alcove_plan_store_sign (f->plans, plan, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_INVALID,
                     "Problem 1 is linked to F32.1, which is no longer on the client’s problem "
                     "list");
  g_clear_error (&error);

  g_clear_pointer (&diagnosis_id, g_free);
  diagnosis_id = add_diagnosis (f, "F32.2");
  alcove_plan_link_diagnosis (plan, problem_of (plan)->id, alcove_diagnosis_get_id (diagnosis),
                              NULL, FALSE);
  alcove_plan_link_diagnosis (plan, problem_of (plan)->id, diagnosis_id, "F32.0", TRUE);
  g_assert_true (alcove_plan_store_sign (f->plans, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (((AlcovePlanDiagnosis *) g_ptr_array_index (problem_of (plan)->diagnoses, 0))->code,
                   ==, "F32.2");
}

/* ---- versions ---- */

static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcovePlan) first = signed_plan (f);
  g_autoptr(AlcovePlan) second = NULL;
  g_autoptr(AlcovePlan) old = NULL;
  g_autoptr(AlcovePlan) newest = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GListModel) current = NULL;
  g_autoptr(GPtrArray) first_ids = alcove_plan_dup_objective_ids (first);
  g_autoptr(GPtrArray) second_ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_hash = g_strdup (alcove_plan_get_hash (first));
  g_autofree char *schema = sam_schema (f);

  second = alcove_plan_store_revise (f->plans, first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpuint (alcove_plan_get_version (second), ==, 2);
  g_assert_cmpstr (alcove_plan_get_plan_id (second), ==, alcove_plan_get_plan_id (first));
  g_assert_cmpstr (alcove_plan_get_supersedes (second), ==, alcove_plan_get_id (first));
  g_assert_cmpint (alcove_plan_get_status (second), ==, ALCOVE_PLAN_DRAFT);
  /* the content comes along, objectives keeping their ids; participation is asked anew */
  second_ids = alcove_plan_dup_objective_ids (second);
  g_assert_cmpuint (second_ids->len, ==, first_ids->len);
  for (guint i = 0; i < first_ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (second_ids, i), ==, g_ptr_array_index (first_ids, i));
  g_assert_cmpstr (alcove_plan_get_client_signed_on (second), ==, "");

  /* one draft at a time */
  g_assert_null (alcove_plan_store_revise (f->plans, first, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_EXISTS, "already being written");
  g_clear_error (&error);

  /* until the draft is signed, the first version is the one in force */
  current = alcove_plan_store_list_current (f->plans, f->client_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (current), ==, 1);
  newest = g_list_model_get_item (current, 0);
  g_assert_cmpstr (alcove_plan_get_id (newest), ==, alcove_plan_get_id (first));
  g_clear_object (&newest);
  g_clear_object (&current);

  alcove_plan_set_item_text (second, goal_of (second)->id, "Return to work part time");
  alcove_plan_set_participation (second, "2026-01-02", NULL);
  g_assert_true (alcove_plan_store_sign (f->plans, second, &error));
  g_assert_no_error (error);

  /* every version kept, newest first; the old one superseded and unchanged */
  model = versions (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  newest = g_list_model_get_item (model, 0);
  old = g_list_model_get_item (model, 1);
  g_assert_cmpstr (alcove_plan_get_id (newest), ==, alcove_plan_get_id (second));
  g_assert_false (alcove_plan_get_superseded (newest));
  g_assert_cmpstr (alcove_plan_get_id (old), ==, alcove_plan_get_id (first));
  g_assert_true (alcove_plan_get_superseded (old));
  g_assert_cmpstr (alcove_plan_get_hash (old), ==, first_hash);
  g_assert_cmpint (alcove_plan_get_integrity (old), ==, ALCOVE_PLAN_INTEGRITY_OK);
  g_assert_cmpstr (goal_of (old)->text, ==, "Return to daily routines");
  g_clear_object (&old);
  old = open_plan (f, alcove_plan_get_id (first));
  g_assert_true (alcove_plan_get_superseded (old));

  current = alcove_plan_store_list_current (f->plans, f->client_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (current), ==, 1);
  g_clear_object (&newest);
  newest = g_list_model_get_item (current, 0);
  g_assert_cmpstr (alcove_plan_get_id (newest), ==, alcove_plan_get_id (second));

  /* a superseded version is not revised: the newest one is */
  g_assert_null (alcove_plan_store_revise (f->plans, old, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_INVALID, "A newer version");
  g_clear_error (&error);

  /* a draft of the next version may be dropped; the versions signed stay */
  g_clear_object (&newest);
  newest = alcove_plan_store_revise (f->plans, second, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_plan_store_delete_draft (f->plans, newest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.plans", schema), ==, 2);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_PLAN_DELETE_DRAFT,
                                            alcove_plan_get_id (newest)), ==, 1);
}

/* Another clinician writes a plan of their own for the same client; a supervisor reads the
 * supervisee's and changes nothing */
static void
test_authors (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AlcovePlan) plan = signed_plan (f);
  g_autoptr(AlcovePlan) read = NULL;
  g_autoptr(AlcovePlan) own = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  reopen_as (f, "rui");
  g_assert_true (alcove_plan_store_can_read (f->plans));
  g_assert_false (alcove_plan_store_can_write (f->plans));
  read = open_plan (f, alcove_plan_get_id (plan));
  g_assert_cmpint (alcove_plan_get_integrity (read), ==, ALCOVE_PLAN_INTEGRITY_OK);
  g_assert_false (alcove_plan_store_is_author (f->plans, read));
  g_assert_null (alcove_plan_store_revise (f->plans, read, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED, "Only the plan’s author");
  g_clear_error (&error);
  g_assert_null (alcove_plan_store_create (f->plans, f->client_id, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED, "does not write treatment plans");
  g_clear_error (&error);

  reopen_as (f, "jo");
  g_assert_null (alcove_plan_store_open (f->plans, alcove_plan_get_id (plan), &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_NOT_FOUND, "your role may not read it");
  g_clear_error (&error);
  own = new_plan (f);
  model = versions (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
}

/* ---- what an insider with the keys does with raw SQL ---- */

static void
test_raw_sql (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AlcovePlan) plan = signed_plan (f);
  g_autoptr(AlcovePlan) read = NULL;
  g_autofree char *s = sam_schema (f);
  const char *id = alcove_plan_get_id (plan);
  g_autofree char *objective = g_strdup (((AlcovePlanObjective *) g_ptr_array_index (goal_of (plan)->objectives, 0))->id);

  /* the triggers keep a signed version as it was */
  g_assert_cmpint (raw_exec (f, "UPDATE %s.plans SET content = '{}' WHERE id = '%s'", s, id), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "UPDATE %s.plans SET status = 'draft', signed_ms = 0, hash = ''"
                                " WHERE id = '%s'", s, id), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "UPDATE %s.plans SET client_signed_on = '' WHERE id = '%s'", s,
                             id), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "DELETE FROM %s.plans WHERE id = '%s'", s, id), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "DELETE FROM %s.plan_objectives WHERE plan_version_id = '%s'", s,
                             id), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.plan_objectives VALUES ('%s', 'extra', '%s')", s,
                             id, f->client_id), ==, SQLITE_CONSTRAINT);
  /* a version is written as a draft, never inserted signed */
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.plans (id, plan_id, version, client_id, author,"
                                " effective_on, status, created_ms, updated_ms, signed_ms,"
                                " signed_by, hash) VALUES ('forged', 'p2', 1, '%s', '%s',"
                                " '2026-01-01', 'signed', 1, 1, 1, '%s', 'abc')", s,
                             f->client_id, f->sam_uuid, f->sam_uuid), ==, SQLITE_CONSTRAINT);
  /* and follows the newest signed version of its plan, once */
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.plans (id, plan_id, version, client_id, author,"
                                " effective_on, supersedes, created_ms, updated_ms) VALUES"
                                " ('skip', '%s', 3, '%s', '%s', '2026-01-01', '%s', 1, 1)", s,
                             alcove_plan_get_plan_id (plan), f->client_id, f->sam_uuid, id), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.plans (id, plan_id, version, client_id, author,"
                                " effective_on, supersedes, created_ms, updated_ms) VALUES"
                                " ('again', '%s', 1, '%s', '%s', '2026-01-01', '', 1, 1)", s,
                             alcove_plan_get_plan_id (plan), f->client_id, f->sam_uuid), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.plans (id, plan_id, version, client_id, author,"
                                " effective_on, supersedes, created_ms, updated_ms) VALUES"
                                " ('other', '%s', 2, 'someone-else', '%s', '2026-01-01', '%s',"
                                " 1, 1)", s, alcove_plan_get_plan_id (plan), f->sam_uuid, id), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.plans", s), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.plan_objectives WHERE objective_id"
                                  " = '%s'", s, objective), ==, 1);

  /* with the triggers dropped, an edit no longer matches the hash... */
  g_assert_cmpint (raw_exec (f, "DROP TRIGGER %s.plans_signed_no_update", s), ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (f, "UPDATE %s.plans SET content = replace (content, 'Walk',"
                                " 'Run') WHERE id = '%s'", s, id), ==, SQLITE_OK);
  g_test_expect_message ("alcove-plan-store", G_LOG_LEVEL_WARNING, "*no longer matches*");
  read = open_plan (f, id);
  g_test_assert_expected_messages ();
  g_assert_cmpint (alcove_plan_get_integrity (read), ==, ALCOVE_PLAN_INTEGRITY_MISMATCH);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_PLAN_TAMPERED, id), ==, 1);

  /* ...and a hash worked out again for the new text is not what the author signed */
  {
    g_autofree char *hash = NULL;

    alcove_plan_set_signed (read, alcove_plan_get_signed_ms (read), alcove_plan_get_signed_by (read),
                            "", alcove_plan_get_signature (read));
    hash = alcove_plan_compute_hash (read);
    g_assert_cmpint (raw_exec (f, "UPDATE %s.plans SET hash = '%s' WHERE id = '%s'", s, hash,
                               id), ==, SQLITE_OK);
    g_clear_object (&read);
    g_test_expect_message ("alcove-plan-store", G_LOG_LEVEL_WARNING, "*no longer matches*");
    read = open_plan (f, id);
    g_test_assert_expected_messages ();
    g_assert_cmpstr (alcove_plan_get_hash (read), ==, hash);
    g_assert_cmpint (alcove_plan_get_integrity (read), ==, ALCOVE_PLAN_INTEGRITY_MISMATCH);
  }
}

/* A supervisor holds the supervisee's key: forging a plan "signed" by them still needs their
 * signing key */
static void
test_forged_by_supervisor (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(AlcovePlan) plan = signed_plan (f);
  g_autoptr(AlcovePlan) forged = NULL;
  g_autoptr(AlcovePlan) read = NULL;
  g_autofree char *s = sam_schema (f);
  g_autofree char *content = NULL;
  g_autofree char *hash = NULL;

  reopen_as (f, "rui");
  forged = alcove_plan_new ("forged-2", alcove_plan_get_plan_id (plan), 2,
                            alcove_plan_get_store_id (plan), f->client_id, f->sam_uuid,
                            "2026-02-01");
  fill (forged, NULL);
  alcove_plan_set_supersedes (forged, alcove_plan_get_id (plan));
  alcove_plan_set_signed (forged, 1000, f->sam_uuid, "", "");
  hash = alcove_plan_compute_hash (forged);
  content = alcove_plan_dup_content_json (forged);
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.plans (id, plan_id, version, client_id, author,"
                                " effective_on, content, client_signed_on, supersedes,"
                                " created_ms, updated_ms) VALUES ('forged-2', '%s', 2, '%s', '%s',"
                                " '2026-02-01', '%s', '%s', '%s', 1, 1)", s,
                             alcove_plan_get_plan_id (plan), f->client_id, f->sam_uuid, content,
                             alcove_plan_get_client_signed_on (forged), alcove_plan_get_id (plan)),
                   ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (f, "UPDATE %s.plans SET status = 'signed', signed_ms = 1000,"
                                " signed_by = '%s', hash = '%s', signature = '%s' WHERE"
                                " id = 'forged-2'", s, f->sam_uuid, hash,
                             alcove_plan_get_signature (plan)), ==, SQLITE_OK);
  g_test_expect_message ("alcove-plan-store", G_LOG_LEVEL_WARNING, "*no longer matches*");
  read = open_plan (f, "forged-2");
  g_test_assert_expected_messages ();
  g_assert_cmpint (alcove_plan_get_integrity (read), ==, ALCOVE_PLAN_INTEGRITY_MISMATCH);
}

/* ---- reviews ---- */

static void
test_review_due (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AlcovePlan) plan = signed_plan (f);
  g_autoptr(GDateTime) signed_at = g_date_time_new_from_unix_local (alcove_plan_get_signed_ms (plan) / 1000);
  g_autoptr(GDateTime) in_90 = g_date_time_add_days (signed_at, 90);
  g_autoptr(GDateTime) in_14 = g_date_time_add_days (signed_at, 14);
  g_autofree char *expected_90 = g_date_time_format (in_90, "%Y-%m-%d");
  g_autofree char *expected_14 = g_date_time_format (in_14, "%Y-%m-%d");
  g_autofree char *due = NULL;
  g_autoptr(GListModel) reviews = NULL;
  g_autoptr(GError) error = NULL;

  /* the default: every 90 days from the day the version was signed */
  g_assert_cmpint (alcove_plan_store_get_review_days (f->plans), ==, 90);
  due = alcove_plan_store_dup_review_due (f->plans, plan);
  g_assert_cmpstr (due, ==, expected_90);
  reviews = alcove_plan_store_list_due_reviews (f->plans, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 0);
  g_clear_object (&reviews);
  reviews = alcove_plan_store_list_due_reviews (f->plans, 95, &error);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 1);
  g_clear_object (&reviews);

  /* only an owner sets the interval */
  g_assert_false (alcove_plan_store_can_set_review_days (f->plans));
  g_assert_false (alcove_plan_store_set_review_days (f->plans, 14, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED, "Only a practice owner");
  g_clear_error (&error);

  reopen_as (f, "dana");
  g_assert_true (alcove_plan_store_can_set_review_days (f->plans));
  g_assert_false (alcove_plan_store_set_review_days (f->plans, 3, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_INVALID, "from 7 to 730");
  g_clear_error (&error);
  g_assert_true (alcove_plan_store_set_review_days (f->plans, 14, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_PRACTICE_SETTING,
                                            ALCOVE_SETTING_PLAN_REVIEW_DAYS), ==, 1);
  /* the owner writes no notes: no plan reaches their Home */
  reviews = alcove_plan_store_list_due_reviews (f->plans, 30, &error);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 0);
  g_clear_object (&reviews);

  /* the author sees it now, within 14 days, and the author's supervisor too */
  reopen_as (f, "sam");
  g_assert_cmpint (alcove_plan_store_get_review_days (f->plans), ==, 14);
  g_clear_pointer (&due, g_free);
  due = alcove_plan_store_dup_review_due (f->plans, plan);
  g_assert_cmpstr (due, ==, expected_14);
  reviews = alcove_plan_store_list_due_reviews (f->plans, 30, &error);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 1);
  g_clear_object (&reviews);
  reopen_as (f, "rui");
  reviews = alcove_plan_store_list_due_reviews (f->plans, 30, &error);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 1);
  g_clear_object (&reviews);
  /* another clinician and billing do not */
  reopen_as (f, "jo");
  reviews = alcove_plan_store_list_due_reviews (f->plans, 30, &error);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 0);
  g_clear_object (&reviews);
  reopen_as (f, "bea");
  reviews = alcove_plan_store_list_due_reviews (f->plans, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 0);
  g_clear_object (&reviews);

  /* the row is signed by the owner: anyone else's edit of it is not used */
  g_assert_cmpint (raw_exec (f, "UPDATE practice_settings SET value = '365'"), ==, SQLITE_OK);
  g_assert_cmpint (alcove_plan_store_get_review_days (f->plans), ==, 90);
  g_assert_cmpint (raw_exec (f, "UPDATE practice_settings SET value = '14'"), ==, SQLITE_OK);
  g_assert_cmpint (alcove_plan_store_get_review_days (f->plans), ==, 14);
  g_assert_cmpint (raw_exec (f, "UPDATE practice_settings SET set_by = '%s'", f->sam_uuid), ==,
                   SQLITE_OK);
  g_assert_cmpint (alcove_plan_store_get_review_days (f->plans), ==, 90);
  g_assert_cmpint (raw_exec (f, "DELETE FROM practice_settings"), ==, SQLITE_OK);
  g_assert_cmpint (alcove_plan_store_get_review_days (f->plans), ==, 90);
}

/* A discharged client's plan is due for no review */
static void
test_review_discharged (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AlcovePlan) plan = signed_plan (f);
  AlcoveClient *client = alcove_client_store_lookup (f->clients, f->client_id);
  g_autoptr(AlcoveClient) copy = alcove_client_copy (client);
  g_autoptr(GListModel) reviews = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = alcove_date_today_iso ();

  reviews = alcove_plan_store_list_due_reviews (f->plans, 100, &error);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 1);
  g_clear_object (&reviews);
  alcove_client_set_status (copy, ALCOVE_CLIENT_DISCHARGED);
  alcove_client_set_field (copy, ALCOVE_CLIENT_DISCHARGED_ON, today);
  g_assert_true (alcove_client_store_save (f->clients, copy, &error));
  g_assert_no_error (error);
  reviews = alcove_plan_store_list_due_reviews (f->plans, 100, &error);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 0);
}

/* ---- notes that address objectives ---- */

static void
draft_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_note_store_save_draft_finish (ALCOVE_NOTE_STORE (source), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (user_data);
}

static void
test_objectives_in_notes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(AlcovePlan) plan = signed_plan (f);
  g_autoptr(AlcovePlan) second = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(AlcoveNote) read = NULL;
  g_autoptr(GListModel) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *s = sam_schema (f);
  g_autofree char *note_id = alcove_test_write_note (f->notes, f->client_id, "soap", NOTE_MARK,
                                                     FALSE);
  g_autofree char *without = NULL;
  g_autofree char *with = NULL;
  const char *objective = ((AlcovePlanObjective *) g_ptr_array_index (goal_of (plan)->objectives, 0))->id;
  const char *other = ((AlcovePlanObjective *) g_ptr_array_index (goal_of (plan)->objectives, 1))->id;

  note = alcove_note_store_open (f->notes, note_id, &error);
  g_assert_no_error (error);
  without = alcove_note_dup_canonical (note);
  alcove_note_set_objective (note, objective, TRUE);
  g_assert_true (alcove_note_get_dirty (note));
  with = alcove_note_dup_canonical (note);
  /* what the note addresses is part of what its author signs */
  g_assert_cmpstr (with, !=, without);
  g_assert_nonnull (strstr (with, objective));
  g_assert_true (alcove_note_store_save (f->notes, note, &error));
  g_assert_no_error (error);

  /* an autosave, written on the worker, keeps them */
  alcove_note_set_section (note, "plan", "continue " NOTE_MARK);
  {
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
    g_autoptr(AlcoveNote) reread = NULL;

    alcove_note_store_save_draft_async (f->notes, note, NULL, draft_saved_cb, loop);
    g_main_loop_run (loop);
    reread = alcove_note_store_open (f->notes, note_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (alcove_note_get_section (reread, "plan"), ==, "continue " NOTE_MARK);
    g_assert_true (alcove_note_has_objective (reread, objective));
  }

  progress = alcove_plan_store_list_notes_for_objective (f->plans, objective, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_test_model_has_note (progress, note_id));
  g_clear_object (&progress);
  progress = alcove_plan_store_list_notes_for_objective (f->plans, other, &error);
  g_assert_cmpuint (g_list_model_get_n_items (progress), ==, 0);
  g_clear_object (&progress);

  g_assert_true (alcove_note_store_sign (f->notes, note, &error));
  g_assert_no_error (error);
  read = alcove_note_store_open (f->notes, note_id, &error);
  g_assert_cmpint (alcove_note_get_integrity (read), ==, ALCOVE_NOTE_INTEGRITY_OK);
  g_assert_true (alcove_note_has_objective (read, objective));

  /* signed: the link is fixed */
  g_assert_cmpint (raw_exec (f, "DELETE FROM %s.note_objectives WHERE note_id = '%s'", s, note_id),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.note_objectives VALUES ('%s', '%s')", s, note_id,
                             other), ==, SQLITE_CONSTRAINT);

  /* the objective keeps its id in the next version: the note still counts toward it */
  second = alcove_plan_store_revise (f->plans, plan, &error);
  g_assert_no_error (error);
  alcove_plan_set_participation (second, "2026-01-03", NULL);
  g_assert_true (alcove_plan_store_sign (f->plans, second, &error));
  g_assert_no_error (error);
  g_assert_nonnull (alcove_plan_find_objective (second, objective));
  progress = alcove_plan_store_list_notes_for_objective (f->plans, objective, &error);
  g_assert_true (alcove_test_model_has_note (progress, note_id));
  g_clear_object (&progress);

  /* a supervisor sees the same progress */
  reopen_as (f, "rui");
  progress = alcove_plan_store_list_notes_for_objective (f->plans, objective, &error);
  g_assert_true (alcove_test_model_has_note (progress, note_id));
}

/* A note addresses objectives of its own client's signed plans only, and never a private
 * note */
static void
test_objectives_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AlcovePlan) plan = signed_plan (f);
  g_autoptr(AlcovePlan) draft = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(AlcoveNote) private_note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_client = alcove_test_add_client (f->clients, "Other Person");
  g_autofree char *other_note = alcove_test_write_note (f->notes, other_client, "dap", NOTE_MARK,
                                                        FALSE);
  g_autofree char *private_id = alcove_test_write_note (f->notes, f->client_id,
                                                        ALCOVE_FORMAT_PRIVATE, NOTE_MARK, FALSE);
  const char *objective = ((AlcovePlanObjective *) g_ptr_array_index (goal_of (plan)->objectives, 0))->id;
  AlcovePlanObjective *unsigned_objective;

  note = alcove_note_store_open (f->notes, other_note, &error);
  alcove_note_set_objective (note, objective, TRUE);
  g_assert_false (alcove_note_store_save (f->notes, note, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_clear_object (&note);
  note = alcove_note_store_open (f->notes, other_note, &error);
  draft = alcove_plan_store_revise (f->plans, plan, &error);
  unsigned_objective = alcove_plan_add_objective (draft, goal_of (draft)->id, "New one",
                                                  "2099-01-01");
  g_assert_true (alcove_plan_store_save (f->plans, draft, &error));
  g_clear_object (&note);
  {
    g_autofree char *own_note = alcove_test_write_note (f->notes, f->client_id, "dap", NOTE_MARK,
                                                        FALSE);

    note = alcove_note_store_open (f->notes, own_note, &error);
    alcove_note_set_objective (note, unsigned_objective->id, TRUE);
    g_assert_false (alcove_note_store_save (f->notes, note, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  private_note = alcove_note_store_open (f->notes, private_id, &error);
  alcove_note_set_objective (private_note, objective, TRUE);
  g_assert_false (alcove_note_store_save (f->notes, private_note, &error));
  assert_error_says (error, ALCOVE_VAULT_ERROR_INVALID, "addresses no treatment plan");
}

/* ---- billing never reads a plan ---- */

static void
assert_no_cell_holds (Fixture    *f,
                      const char *schema,
                      const char *text)
{
  sqlite3 *handle = alcove_database_get_handle (alcove_vault_get_database (f->vault));
  g_autofree char *tables_sql = g_strdup_printf ("SELECT name FROM %s.sqlite_master WHERE"
                                                 " type = 'table' AND sql NOT LIKE"
                                                 " 'CREATE VIRTUAL%%'", schema);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, tables_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 10);
  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s.\"%s\"", schema,
                                              (char *) g_ptr_array_index (tables, t));

      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *cell = (const char *) sqlite3_column_text (stmt, c);

            if (cell != NULL && strstr (cell, text) != NULL)
              g_error ("%s.%s holds “%s”", schema, (char *) g_ptr_array_index (tables, t), text);
          }
      sqlite3_finalize (stmt);
    }
}

static void
test_billing_reads_no_plan (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *diagnosis_id = add_diagnosis (f, "F32.1");
  g_autoptr(AlcovePlan) plan = new_plan (f);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *s = sam_schema (f);
  g_autoptr(AlcoveSearch) search = NULL;
  g_autoptr(GListModel) hits = NULL;
  g_autofree char *note_id = alcove_test_write_note (f->notes, f->client_id, "soap", NOTE_MARK,
                                                     TRUE);

  fill (plan, diagnosis_id);
  alcove_plan_set_participation (plan, NULL, "Declined to sign: " PLAN_MARK);
  g_assert_true (alcove_plan_store_sign (f->plans, plan, &error));
  g_assert_no_error (error);

  reopen_as (f, "bea");
  /* billing opens practice.db alone: no plan, no objective, no note in it... */
  g_assert_false (alcove_plan_store_can_read (f->plans));
  g_assert_false (alcove_plan_store_can_write (f->plans));
  model = alcove_plan_store_list_for_client (f->plans, f->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (alcove_plan_store_open (f->plans, alcove_plan_get_id (plan), &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_no_cell_holds (f, "main", PLAN_MARK);
  assert_no_cell_holds (f, "main", "Behavioural activation");
  assert_no_cell_holds (f, "main", NOTE_MARK);
  /* ...and sam's store is not open to it at all */
  g_assert_cmpint (raw_exec (f, "SELECT count(*) FROM %s.plans", s), ==, SQLITE_ERROR);
  g_assert_false (alcove_vault_can_open_database (f->vault, alcove_plan_get_store_id (plan)));
  /* it reads the codes, which claims need */
  {
    g_autoptr(AlcoveDiagnosisStore) diagnoses = alcove_diagnosis_store_new (f->clients);
    g_autoptr(GListModel) codes = alcove_diagnosis_store_list_for_client (diagnoses, f->client_id,
                                                                          &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (codes), ==, 1);
  }
  /* search finds the diagnosis, never the plan */
  search = alcove_search_new (f->vault);
  hits = alcove_search_run (search, PLAN_MARK, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 0);
  g_clear_object (&hits);
  hits = alcove_search_run (search, "f32", NULL, 0, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
}

/* ---- search ---- */

static guint
count_hits (GListModel    *hits,
            AlcoveHitKind  kind,
            const char    *id)
{
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(AlcoveSearchHit) hit = g_list_model_get_item (hits, i);

      if (alcove_search_hit_get_kind (hit) == kind &&
          (id == NULL || g_strcmp0 (alcove_search_hit_get_note_id (hit), id) == 0))
        count++;
    }
  return count;
}

static GListModel *
run_search (Fixture    *f,
            const char *query,
            const char *client_id)
{
  g_autoptr(AlcoveSearch) search = alcove_search_new (f->vault);
  g_autoptr(GError) error = NULL;
  GListModel *hits = alcove_search_run (search, query, client_id, 0, NULL, &error);

  g_assert_no_error (error);
  return hits;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *diagnosis_id = add_diagnosis (f, "F32.1");
  g_autoptr(AlcovePlan) plan = new_plan (f);
  g_autoptr(AlcovePlan) second = NULL;
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveSearchHit) hit = NULL;

  /* a draft is found as it is written */
  fill (plan, diagnosis_id);
  g_assert_true (alcove_plan_store_save (f->plans, plan, &error));
  hits = run_search (f, PLAN_MARK, NULL);
  g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_PLAN, alcove_plan_get_id (plan)), ==, 1);
  hit = g_list_model_get_item (hits, 0);
  g_assert_cmpstr (alcove_search_hit_get_client_id (hit), ==, f->client_id);
  g_assert_cmpstr (alcove_search_hit_get_session_date (hit), ==, alcove_plan_get_effective_on (plan));
  g_assert_nonnull (strstr (alcove_search_hit_get_snippet (hit), "<b>"));
  g_clear_object (&hit);
  g_clear_object (&hits);
  hits = run_search (f, "behavioural activ", f->client_id);
  g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_PLAN, NULL), ==, 1);
  g_clear_object (&hits);

  /* after a revision, the version in force and the draft; never the superseded one */
  g_assert_true (alcove_plan_store_sign (f->plans, plan, &error));
  second = alcove_plan_store_revise (f->plans, plan, &error);
  alcove_plan_set_item_text (second, problem_of (second)->id, "Sleep " PLAN_MARK);
  alcove_plan_set_participation (second, "2026-01-05", NULL);
  g_assert_true (alcove_plan_store_save (f->plans, second, &error));
  hits = run_search (f, PLAN_MARK, NULL);
  g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_PLAN, NULL), ==, 2);
  g_clear_object (&hits);
  g_assert_true (alcove_plan_store_sign (f->plans, second, &error));
  g_assert_no_error (error);
  hits = run_search (f, PLAN_MARK, NULL);
  g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_PLAN, NULL), ==, 1);
  g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_PLAN, alcove_plan_get_id (second)), ==, 1);
  g_clear_object (&hits);

  /* diagnoses, by code and by the words of the code */
  hits = run_search (f, "F32.1", NULL);
  g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_DIAGNOSIS, diagnosis_id), ==, 1);
  g_clear_object (&hits);
  hits = run_search (f, "major depr", f->client_id);
  g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_DIAGNOSIS, diagnosis_id), ==, 1);
  g_clear_object (&hits);
  hits = run_search (f, "anxiety", NULL);
  g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_DIAGNOSIS, NULL), ==, 0);
  g_clear_object (&hits);

  /* front desk sees neither */
  reopen_as (f, "dana");
  alcove_test_add_user (f->vault, "fay", "Fay Oduya", ALCOVE_ROLE_FRONT_DESK);
  reopen_as (f, "fay");
  hits = run_search (f, "F32", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 0);
}

/* ---- a store from before plans ---- */

static void
test_migration_from_v5 (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "notes-v5.db", NULL);
  g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  db = alcove_database_open (path, key, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_NOTES, 5, &error));
  g_assert_true (alcove_database_exec (db, "INSERT INTO notes (id, client_id, author, format,"
                                           " session_date, status, created_ms, updated_ms,"
                                           " signed_ms, signed_by, hash) VALUES ('n', 'c',"
                                           " 'u', 'soap', '2024-01-01', 'signed', 1, 1, 2,"
                                           " 'u', 'abc')", &error));
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_NOTES, 6, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==, 6);
  /* the signed note stays immutable and addresses nothing */
  g_assert_false (alcove_database_exec (db, "INSERT INTO note_objectives VALUES ('n', 'o')",
                                        NULL));
  g_assert_false (alcove_database_exec (db, "UPDATE notes SET sections = '{}'", NULL));
  alcove_database_close (db);
}

/* A private store has the tables, so every store reads alike, and refuses their rows */
static void
test_private_store_refuses (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "private.db", NULL);
  g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  db = alcove_database_open (path, key, NULL, TRUE, &error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_PRIVATE, -1, &error));
  g_assert_no_error (error);
  g_assert_false (alcove_database_exec (db, "INSERT INTO plans (id, plan_id, version, client_id,"
                                            " author, effective_on, created_ms, updated_ms)"
                                            " VALUES ('p', 'p', 1, 'c', 'u', '2026-01-01', 1, 1)",
                                        &error));
  g_assert_nonnull (strstr (error->message, "never a private note"));
  alcove_database_close (db);
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/plans/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("draft-and-sign", test_draft_and_sign);
  ADD ("sign-refusals", test_sign_refusals);
  ADD ("linked-diagnoses", test_linked_diagnoses);
  ADD ("versions", test_versions);
  ADD ("authors", test_authors);
  ADD ("raw-sql", test_raw_sql);
  ADD ("forged-by-supervisor", test_forged_by_supervisor);
  ADD ("review-due", test_review_due);
  ADD ("review-discharged", test_review_discharged);
  ADD ("objectives-in-notes", test_objectives_in_notes);
  ADD ("objectives-refused", test_objectives_refused);
  ADD ("billing-reads-no-plan", test_billing_reads_no_plan);
  ADD ("search", test_search);
#undef ADD
  g_test_add_func ("/plans/migration-from-v5", test_migration_from_v5);
  g_test_add_func ("/plans/private-store-refuses", test_private_store_refuses);

  return g_test_run ();
}
