/* alcove-bench-record.c — opening one long record: 500 notes, a plan, 100 measures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the client page reads when it opens (notes, private notes, sessions, the plans and
 * their versions, the problem list, every measure given), and what the measures graph reads
 * (one measure's administrations, scored, with baseline, prior and latest picked). Built into
 * both benchmarks, so each figure has its plain-SQLite ratio.
 */
#define G_LOG_DOMAIN "alcove-bench"

#include "config.h"

#include "alcove-client-store.h"
#include "alcove-diagnosis-store.h"
#include "alcove-measure-store.h"
#include "alcove-note-store.h"
#include "alcove-plan-store.h"

#include "alcove-bench.h"

#define RECORD_NOTES     500
#define RECORD_MEASURES  100
#define RECORD_OPENINGS  40
#define BATCH            250

typedef struct
{
  AlcoveVault          *vault;
  AlcoveClientStore    *clients;
  AlcoveNoteStore      *notes;
  AlcovePlanStore      *plans;
  AlcoveDiagnosisStore *diagnoses;
  AlcoveMeasureStore   *measures;
  char                 *client_id;
} Record;

static char *
week_date (guint week)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (2016, 1, 4, 0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_weeks (first, (gint) week);

  return g_date_time_format (day, "%Y-%m-%d");
}

static void
add_client (Record *r)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Weekly Since 2016");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1980-05-17");
  check (alcove_client_store_save (r->clients, client, &error), error, "record client");
  r->client_id = g_strdup (alcove_client_get_id (client));
}

/* Weekly SOAP notes, signed, of about 300 words */
static void
add_notes (Record *r,
           GRand  *rand)
{
  static const char * const sections[] = { "subjective", "objective", "assessment", "plan" };

  for (guint n = 0; n < RECORD_NOTES; n++)
    {
      g_autofree char *date = week_date (n);
      g_autoptr(GError) error = NULL;
      g_autoptr(AlcoveNote) note = NULL;

      if (n % BATCH == 0)
        begin (r->vault);
      note = alcove_note_store_create (r->notes, r->client_id, NULL, "soap", date, &error);
      check (note != NULL, error, "record note");
      for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
        {
          g_autofree char *text = make_text (rand, 75);

          alcove_note_set_section (note, sections[s], text);
        }
      check (alcove_note_store_save (r->notes, note, &error), error, "save record note");
      check (alcove_note_store_sign (r->notes, note, &error), error, "sign record note");
      if (n % BATCH == BATCH - 1)
        commit (r->vault);
    }
}

/* A signed plan of three problems, each with two goals of two objectives */
static void
add_plan (Record *r,
          GRand  *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcovePlan) plan = alcove_plan_store_create (r->plans, r->client_id, &error);

  check (plan != NULL, error, "plan");
  for (guint p = 0; p < 3; p++)
    {
      g_autofree char *problem_text = make_text (rand, 12);
      g_autofree char *intervention = make_text (rand, 10);
      AlcovePlanProblem *problem = alcove_plan_add_problem (plan, problem_text);

      alcove_plan_add_intervention (plan, problem->id, intervention);
      for (guint g = 0; g < 2; g++)
        {
          g_autofree char *goal_text = make_text (rand, 8);
          AlcovePlanGoal *goal = alcove_plan_add_goal (plan, problem->id, goal_text);

          for (guint o = 0; o < 2; o++)
            {
              g_autofree char *objective = make_text (rand, 10);

              alcove_plan_add_objective (plan, goal->id, objective, "2099-06-30");
            }
        }
    }
  alcove_plan_set_participation (plan, "2026-01-05", NULL);
  check (alcove_plan_store_save (r->plans, plan, &error), error, "save plan");
  check (alcove_plan_store_sign (r->plans, plan, &error), error, "sign plan");
}

/* PHQ-9 every five weeks or so, item 9 always 0 so no acknowledgement is needed */
static void
add_measures (Record *r,
              GRand  *rand)
{
  begin (r->vault);
  for (guint n = 0; n < RECORD_MEASURES; n++)
    {
      g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(AlcoveMeasureAdministration) given = NULL;
      g_autofree char *date = week_date (n * RECORD_NOTES / RECORD_MEASURES);
      g_autoptr(GError) error = NULL;

      for (guint item = 1; item <= 9; item++)
        g_hash_table_insert (answers, g_strdup_printf ("phq9_%u", item),
                             GINT_TO_POINTER ((item == 9 ? 0 : g_rand_int_range (rand, 0, 4)) + 1));
      given = alcove_measure_store_administer (r->measures, r->client_id, "phq9", date, "",
                                               answers, FALSE, &error);
      check (given != NULL, error, "administer");
    }
  commit (r->vault);
}

static guint
open_record (Record *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) notes = alcove_note_store_list_for_client (r->notes, r->client_id, FALSE,
                                                                   &error);
  g_autoptr(GListModel) private = alcove_note_store_list_for_client (r->notes, r->client_id, TRUE,
                                                                     &error);
  g_autoptr(GListModel) sessions = alcove_client_store_list_sessions (r->clients, r->client_id,
                                                                      &error);
  g_autoptr(GListModel) plans = alcove_plan_store_list_for_client (r->plans, r->client_id, &error);
  g_autoptr(GListModel) problems = alcove_diagnosis_store_list_for_client (r->diagnoses,
                                                                           r->client_id, &error);
  g_autoptr(GListModel) measures = alcove_measure_store_list (r->measures, r->client_id, NULL,
                                                              &error);

  check (notes && private && sessions && plans && problems && measures, error, "open record");
  return g_list_model_get_n_items (notes) + g_list_model_get_n_items (plans);
}

static guint
open_graph (Record *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) given = alcove_measure_store_list (r->measures, r->client_id, "phq9",
                                                           &error);
  AlcoveMeasureAdministration *baseline, *prior, *latest;

  check (given != NULL, error, "open graph");
  alcove_measure_store_pick (given, &baseline, &prior, &latest);
  check (baseline != NULL && latest != NULL, NULL, "baseline and latest");
  return g_list_model_get_n_items (given);
}

static void
time_openings (Record     *r,
               guint     (*open) (Record *),
               guint       expected,
               const char *key,
               const char *label)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *p50_key = g_strdup_printf ("%s_p50_ms", key);
  g_autofree char *p95_key = g_strdup_printf ("%s_p95_ms", key);
  g_autofree char *p50_label = g_strdup_printf ("%s (p50)", label);
  g_autofree char *p95_label = g_strdup_printf ("%s (p95)", label);

  for (guint i = 0; i < RECORD_OPENINGS; i++)
    {
      double start = now_ms (), elapsed;
      guint got = open (r);

      elapsed = now_ms () - start;
      check (got == expected, NULL, label);
      g_array_append_val (samples, elapsed);
    }
  /* the figures' keys and labels must outlive this call */
  record (g_intern_string (p50_key), g_intern_string (p50_label), "ms", percentile (samples, 50));
  record (g_intern_string (p95_key), g_intern_string (p95_label), "ms", percentile (samples, 95));
}

void
alcove_bench_record (AlcoveVault *vault,
                     GRand       *rand)
{
  g_autoptr(GError) error = NULL;
  Record r = { vault };

  r.clients = alcove_client_store_new (vault, &error);
  check (r.clients != NULL, error, "client store");
  r.notes = alcove_note_store_new (r.clients);
  r.plans = alcove_plan_store_new (r.notes);
  r.diagnoses = alcove_diagnosis_store_new (r.clients);
  r.measures = alcove_measure_store_new (r.notes);
  add_client (&r);
  add_notes (&r, rand);
  add_plan (&r, rand);
  add_measures (&r, rand);

  time_openings (&r, open_record, RECORD_NOTES + 1, "open_record",
                 "Open a client with 500 notes and a plan");
  time_openings (&r, open_graph, RECORD_MEASURES, "open_graph",
                 "Open a measure's graph, 100 administrations");

  g_object_unref (r.measures);
  g_object_unref (r.diagnoses);
  g_object_unref (r.plans);
  g_object_unref (r.notes);
  g_object_unref (r.clients);
  g_free (r.client_id);
}
