/* alcove-fhir-records.c — the clinical part of a FHIR export: Conditions, CarePlans,
 * DocumentReferences of signed progress notes, and outcome measures as
 * QuestionnaireResponses and Observations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-fhir"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-diagnosis-store.h"
#include "alcove-error.h"
#include "alcove-fhir-private.h"
#include "alcove-measure-store.h"
#include "alcove-note-format.h"
#include "alcove-plan-store.h"
#include "alcove-text.h"

/* ---- Condition ---- */

static void
add_condition_code (JsonBuilder     *builder,
                    AlcoveDiagnosis *diagnosis)
{
  g_autofree char *title = alcove_diagnosis_dup_title (diagnosis);
  /* the code's own words only when Alcove ships the code: others are the clinician's */
  const char *display = alcove_diagnosis_is_listed (diagnosis)
                        ? alcove_diagnosis_get_descriptor (diagnosis) : NULL;

  fhir_add_concept (builder, "code", FHIR_SYSTEM_ICD10CM, alcove_diagnosis_get_code (diagnosis),
                    display, title);
}

static void
add_condition (FhirExport      *export,
               AlcoveDiagnosis *diagnosis)
{
  JsonBuilder *builder = export->builder;
  char *url = fhir_begin_resource (export, "Condition", FHIR_LABELS_MENTAL_HEALTH);
  gboolean resolved = alcove_diagnosis_is_resolved (diagnosis);
  g_autofree char *recorded = fhir_format_instant (alcove_diagnosis_get_created_ms (diagnosis));

  g_hash_table_insert (export->condition_urls, g_strdup (alcove_diagnosis_get_id (diagnosis)),
                       url);
  fhir_add_concept (builder, "clinicalStatus", FHIR_SYSTEM_CONDITION_CLINICAL,
                    resolved ? "resolved" : "active", resolved ? "Resolved" : "Active", NULL);
  json_builder_set_member_name (builder, "category");
  json_builder_begin_array (builder);
  fhir_add_concept (builder, NULL, FHIR_SYSTEM_CONDITION_CATEGORY, "problem-list-item",
                    "Problem List Item", NULL);
  json_builder_end_array (builder);
  add_condition_code (builder, diagnosis);
  fhir_add_subject (export, "subject");
  fhir_add_optional (builder, "onsetDateTime", alcove_diagnosis_get_onset (diagnosis));
  if (resolved)
    fhir_add_optional (builder, "abatementDateTime", alcove_diagnosis_get_resolved (diagnosis));
  fhir_add_string (builder, "recordedDate", recorded);
  /* FHIR has no rank for a diagnosis; a reader still needs to know which is primary */
  json_builder_set_member_name (builder, "note");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  fhir_add_string (builder, "text",
                   alcove_diagnosis_rank_get_title (alcove_diagnosis_get_rank (diagnosis)));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  fhir_end_resource (export);
  export->counts.n_conditions++;
}

gboolean
fhir_add_conditions (FhirExport  *export,
                     GError     **error)
{
  g_autoptr(AlcoveDiagnosisStore) store =
    alcove_diagnosis_store_new (alcove_note_store_get_clients (export->notes));
  g_autoptr(GListModel) diagnoses =
    alcove_diagnosis_store_list_for_client (store, alcove_client_get_id (export->client), error);

  if (diagnoses == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (diagnoses); i++)
    {
      g_autoptr(AlcoveDiagnosis) diagnosis = g_list_model_get_item (diagnoses, i);

      add_condition (export, diagnosis);
    }
  return TRUE;
}

/* ---- CarePlan ---- */

static void
add_activity (JsonBuilder *builder,
              const char  *description,
              const char  *scheduled)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "detail");
  json_builder_begin_object (builder);
  /* a plan says what is intended, not how far it has got */
  fhir_add_string (builder, "status", "unknown");
  fhir_add_optional (builder, "scheduledString", scheduled);
  fhir_add_string (builder, "description", description);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_goal_activities (JsonBuilder    *builder,
                     AlcovePlanGoal *goal)
{
  for (guint o = 0; o < goal->objectives->len; o++)
    {
      AlcovePlanObjective *objective = g_ptr_array_index (goal->objectives, o);
      g_autofree char *text = g_strdup_printf (_("Goal: %s. Objective: %s"), goal->text,
                                               objective->text);
      g_autofree char *by = *objective->target_date
                            ? g_strdup_printf (_("by %s"), objective->target_date) : NULL;

      add_activity (builder, text, by);
    }
  if (goal->objectives->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("Goal: %s"), goal->text);

      add_activity (builder, text, NULL);
    }
}

static void
add_plan_activities (JsonBuilder *builder,
                     AlcovePlan  *plan)
{
  GPtrArray *problems = alcove_plan_get_problems (plan);

  json_builder_set_member_name (builder, "activity");
  json_builder_begin_array (builder);
  for (guint p = 0; p < problems->len; p++)
    {
      AlcovePlanProblem *problem = g_ptr_array_index (problems, p);

      for (guint g = 0; g < problem->goals->len; g++)
        add_goal_activities (builder, g_ptr_array_index (problem->goals, g));
      for (guint i = 0; i < problem->interventions->len; i++)
        {
          AlcovePlanIntervention *intervention = g_ptr_array_index (problem->interventions, i);
          g_autofree char *text = g_strdup_printf (_("Intervention: %s"), intervention->text);

          add_activity (builder, text, NULL);
        }
    }
  json_builder_end_array (builder);
}

/* The Conditions a plan's problems address, when they are in this bundle */
static void
add_plan_addresses (FhirExport *export,
                    AlcovePlan *plan)
{
  GPtrArray *problems = alcove_plan_get_problems (plan);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  json_builder_set_member_name (export->builder, "addresses");
  json_builder_begin_array (export->builder);
  for (guint p = 0; p < problems->len; p++)
    {
      GPtrArray *linked = ((AlcovePlanProblem *) g_ptr_array_index (problems, p))->diagnoses;

      for (guint d = 0; d < linked->len; d++)
        {
          AlcovePlanDiagnosis *diagnosis = g_ptr_array_index (linked, d);
          const char *url = g_hash_table_lookup (export->condition_urls,
                                                 diagnosis->diagnosis_id);

          if (url != NULL && g_hash_table_add (seen, (gpointer) url))
            fhir_add_reference (export->builder, NULL, url, NULL);
        }
    }
  json_builder_end_array (export->builder);
}

static void
add_care_plan (FhirExport *export,
               AlcovePlan *plan)
{
  JsonBuilder *builder = export->builder;
  g_autofree char *url = fhir_begin_resource (export, "CarePlan", FHIR_LABELS_MENTAL_HEALTH);
  g_autofree char *title = g_strdup_printf (_("Treatment plan, version %u"),
                                            alcove_plan_get_version (plan));
  g_autofree char *text = alcove_plan_dup_text (plan);
  g_autofree char *signed_at = fhir_format_instant (alcove_plan_get_signed_ms (plan));
  g_autofree char *author = fhir_dup_person_name (export, alcove_plan_get_author (plan));
  gboolean discharged = alcove_client_get_status (export->client) == ALCOVE_CLIENT_DISCHARGED;

  fhir_add_string (builder, "status", discharged ? "completed" : "active");
  fhir_add_string (builder, "intent", "plan");
  fhir_add_string (builder, "title", title);
  fhir_add_optional (builder, "description", g_strstrip (text));
  fhir_add_subject (export, "subject");
  json_builder_set_member_name (builder, "period");
  json_builder_begin_object (builder);
  fhir_add_string (builder, "start", alcove_plan_get_effective_on (plan));
  json_builder_end_object (builder);
  fhir_add_string (builder, "created", signed_at);
  fhir_add_reference (builder, "author", NULL, author);
  add_plan_addresses (export, plan);
  add_plan_activities (builder, plan);
  fhir_end_resource (export);
  export->counts.n_care_plans++;
}

/* Each plan's newest signed version: a draft is not yet the plan, and an older version is
 * no longer it. One that no longer matches its signature stops the export. */
static gboolean
collect_current_versions (AlcovePlanStore  *store,
                          GListModel       *versions,
                          GHashTable       *newest,
                          GError          **error)
{
  for (guint i = 0; i < g_list_model_get_n_items (versions); i++)
    {
      g_autoptr(AlcovePlan) plan = g_list_model_get_item (versions, i);
      AlcovePlan *kept;

      if (alcove_plan_get_status (plan) != ALCOVE_PLAN_SIGNED)
        continue;
      if (!alcove_plan_store_verify (store, plan))
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                       _("The signed treatment plan version %s no longer matches its "
                         "signature, so the record was not exported; run “alcovectl verify” "
                         "and restore from a backup"), alcove_plan_get_id (plan));
          return FALSE;
        }
      kept = g_hash_table_lookup (newest, alcove_plan_get_plan_id (plan));
      if (kept == NULL || alcove_plan_get_version (kept) < alcove_plan_get_version (plan))
        g_hash_table_replace (newest, (gpointer) alcove_plan_get_plan_id (plan),
                              g_object_ref (plan));
    }
  return TRUE;
}

gboolean
fhir_add_care_plans (FhirExport  *export,
                     GError     **error)
{
  g_autoptr(AlcovePlanStore) store = alcove_plan_store_new (export->notes);
  g_autoptr(GListModel) versions =
    alcove_plan_store_list_for_client (store, alcove_client_get_id (export->client), error);
  g_autoptr(GHashTable) newest = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        g_object_unref);
  g_autoptr(GList) plans = NULL;

  if (versions == NULL || !collect_current_versions (store, versions, newest, error))
    return FALSE;
  plans = g_hash_table_get_values (newest);
  for (GList *l = plans; l != NULL; l = l->next)
    add_care_plan (export, l->data);
  return TRUE;
}

/* ---- DocumentReference: signed progress notes ---- */

static void
append_section (GString    *text,
                const char *title,
                const char *body)
{
  if (body == NULL || *body == '\0')
    return;
  g_string_append_printf (text, "%s\n%s\n\n", title, body);
}

/* The sections in the format's order under their titles, then anything else by key, then
 * the addenda with their times */
static char *
dup_note_text (AlcoveNote *note)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  GHashTable *sections = alcove_note_get_sections (note);
  GPtrArray *addenda = alcove_note_get_addenda (note);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GString *text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; format != NULL && i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);

      append_section (text, section->title, g_hash_table_lookup (sections, section->key));
    }
  g_hash_table_iter_init (&iter, sections);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (format == NULL || alcove_note_format_find_section (format, key) == NULL)
      g_ptr_array_add (others, key);
  g_ptr_array_sort (others, alcove_text_compare_in_array);
  for (guint i = 0; i < others->len; i++)
    append_section (text, g_ptr_array_index (others, i),
                    g_hash_table_lookup (sections, g_ptr_array_index (others, i)));
  for (guint i = 0; i < addenda->len; i++)
    {
      AlcoveAddendum *addendum = g_ptr_array_index (addenda, i);
      g_autofree char *at = fhir_format_instant (addendum->created_ms);
      g_autofree char *title = g_strdup_printf (_("Addendum, %s"), at);

      append_section (text, title, addendum->text);
    }
  return g_string_free (text, FALSE);
}

static void
add_note_content (JsonBuilder *builder,
                  AlcoveNote  *note,
                  const char  *title,
                  const char  *signed_at)
{
  g_autofree char *text = dup_note_text (note);
  g_autofree char *data = g_base64_encode ((const guchar *) text, strlen (text));

  json_builder_set_member_name (builder, "content");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "attachment");
  json_builder_begin_object (builder);
  fhir_add_string (builder, "contentType", "text/plain; charset=utf-8");
  fhir_add_string (builder, "data", data);
  fhir_add_string (builder, "title", title);
  fhir_add_string (builder, "creation", signed_at);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

/* The session the note was written of, when it has one */
static void
add_encounter_reference (FhirExport *export,
                         AlcoveNote *note)
{
  const char *session_id = alcove_note_get_session_id (note);
  const char *url = session_id ? g_hash_table_lookup (export->session_urls, session_id) : NULL;

  if (url == NULL)
    return;
  json_builder_set_member_name (export->builder, "encounter");
  json_builder_begin_array (export->builder);
  fhir_add_reference (export->builder, NULL, url, NULL);
  json_builder_end_array (export->builder);
}

static void
add_document (FhirExport *export,
              AlcoveNote *note)
{
  JsonBuilder *builder = export->builder;
  g_autofree char *url = fhir_begin_resource (export, "DocumentReference",
                                              FHIR_LABELS_MENTAL_HEALTH);
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  g_autofree char *type = g_strdup_printf (_("Progress note (%s)"),
                                           format ? alcove_note_format_get_name (format)
                                                  : alcove_note_get_format_id (note));
  g_autofree char *title = g_strdup_printf (_("Progress note of %s"),
                                            alcove_note_get_session_date (note));
  g_autofree char *signed_at = fhir_format_instant (alcove_note_get_signed_ms (note));
  g_autofree char *author = fhir_dup_person_name (export, alcove_note_get_author (note));

  fhir_add_string (builder, "status", "current");
  /* an addendum corrects or adds to a signed note without changing it */
  fhir_add_string (builder, "docStatus",
                   alcove_note_get_addenda (note)->len > 0 ? "amended" : "final");
  fhir_add_text_concept (builder, "type", type);
  fhir_add_subject (export, "subject");
  fhir_add_string (builder, "date", signed_at);
  json_builder_set_member_name (builder, "author");
  json_builder_begin_array (builder);
  fhir_add_reference (builder, NULL, NULL, author);
  json_builder_end_array (builder);
  fhir_add_string (builder, "description", title);
  add_note_content (builder, note, title, signed_at);
  json_builder_set_member_name (builder, "context");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "period");
  json_builder_begin_object (builder);
  fhir_add_string (builder, "start", alcove_note_get_session_date (note));
  json_builder_end_object (builder);
  add_encounter_reference (export, note);
  json_builder_end_object (builder);
  fhir_end_resource (export);
  export->counts.n_documents++;
}

/* Signed notes of the client's own record; never a draft, never a psychotherapy note */
static gboolean
is_exported_note (AlcoveNote *note,
                  const char *client_id)
{
  return !alcove_note_is_private (note) &&
         alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED &&
         g_strcmp0 (alcove_note_get_client_id (note), client_id) == 0;
}

gboolean
fhir_add_documents (FhirExport  *export,
                    GError     **error)
{
  const char *client_id = alcove_client_get_id (export->client);
  g_autoptr(GListModel) notes = alcove_note_store_list_for_client (export->notes, client_id,
                                                                   FALSE, error);

  if (notes == NULL)
    return FALSE;
  for (guint i = g_list_model_get_n_items (notes); i > 0; i--)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (notes, i - 1);

      if (!is_exported_note (note, client_id))
        continue;
      if (!alcove_note_store_verify (export->notes, note))
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                       _("The signed note %s no longer matches its signature, so the record "
                         "was not exported; run “alcovectl verify” and restore from a "
                         "backup"), alcove_note_get_id (note));
          return FALSE;
        }
      add_document (export, note);
    }
  return TRUE;
}

/* ---- outcome measures: QuestionnaireResponse and Observation ---- */

static const char *
option_label (const AlcoveMeasureItem *item,
              int                      score)
{
  for (guint i = 0; i < item->options->len; i++)
    {
      const AlcoveMeasureOption *option = &g_array_index (item->options, AlcoveMeasureOption, i);

      if (option->score == score)
        return option->label;
    }
  return NULL;
}

static void
add_answer_item (JsonBuilder             *builder,
                 const AlcoveMeasureItem *item,
                 int                      score)
{
  const char *label = option_label (item, score);
  g_autofree char *answer = label ? g_strdup_printf ("%s (%d)", label, score)
                                  : g_strdup_printf ("%d", score);

  json_builder_begin_object (builder);
  fhir_add_string (builder, "linkId", item->id);
  fhir_add_string (builder, "text", item->text);
  json_builder_set_member_name (builder, "answer");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  fhir_add_string (builder, "valueString", answer);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* One group named after the measure, holding each answered item: the answers are stored
 * as score + 1, so that 0 means unanswered */
static void
add_answer_group (JsonBuilder                 *builder,
                  AlcoveMeasureAdministration *given)
{
  AlcoveMeasure *measure = alcove_measure_administration_get_measure (given);
  GHashTable *answers = alcove_measure_administration_get_answers (given);

  json_builder_set_member_name (builder, "item");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  fhir_add_string (builder, "linkId", alcove_measure_get_id (measure));
  fhir_add_string (builder, "text", alcove_measure_get_name (measure));
  json_builder_set_member_name (builder, "item");
  json_builder_begin_array (builder);
  for (guint n = 0; n < alcove_measure_get_n_items (measure); n++)
    {
      const AlcoveMeasureItem *item = alcove_measure_get_item (measure, n);
      gpointer value;

      if (g_hash_table_lookup_extended (answers, item->id, NULL, &value))
        add_answer_item (builder, item, GPOINTER_TO_INT (value) - 1);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

static char *
add_questionnaire_response (FhirExport                  *export,
                            AlcoveMeasureAdministration *given)
{
  JsonBuilder *builder = export->builder;
  char *url = fhir_begin_resource (export, "QuestionnaireResponse", FHIR_LABELS_MENTAL_HEALTH);
  g_autofree char *author =
    fhir_dup_person_name (export, alcove_measure_administration_get_author (given));

  fhir_add_string (builder, "status", alcove_measure_administration_is_complete (given)
                                      ? "completed" : "in-progress");
  fhir_add_subject (export, "subject");
  fhir_add_string (builder, "authored",
                   alcove_measure_administration_get_administered_on (given));
  fhir_add_reference (builder, "author", NULL, author);
  add_answer_group (builder, given);
  fhir_end_resource (export);
  export->counts.n_questionnaire_responses++;
  return url;
}

static void
add_observation (FhirExport                  *export,
                 AlcoveMeasureAdministration *given,
                 const char                  *answers_url)
{
  JsonBuilder *builder = export->builder;
  g_autofree char *url = fhir_begin_resource (export, "Observation", FHIR_LABELS_MENTAL_HEALTH);
  AlcoveMeasure *measure = alcove_measure_administration_get_measure (given);
  g_autofree char *name = g_strdup_printf (_("%s total score"), alcove_measure_get_name (measure));
  const char *band = alcove_measure_administration_get_band_label (given);

  fhir_add_string (builder, "status", "final");
  json_builder_set_member_name (builder, "category");
  json_builder_begin_array (builder);
  fhir_add_concept (builder, NULL, FHIR_SYSTEM_OBSERVATION_CATEGORY, "survey", "Survey", NULL);
  json_builder_end_array (builder);
  /* text only: no code for this total could be checked against a published source */
  fhir_add_text_concept (builder, "code", name);
  fhir_add_subject (export, "subject");
  fhir_add_string (builder, "effectiveDateTime",
                   alcove_measure_administration_get_administered_on (given));
  json_builder_set_member_name (builder, "valueInteger");
  json_builder_add_int_value (builder, alcove_measure_administration_get_total (given));
  if (band != NULL && *band != '\0')
    {
      json_builder_set_member_name (builder, "interpretation");
      json_builder_begin_array (builder);
      fhir_add_text_concept (builder, NULL, band);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "derivedFrom");
  json_builder_begin_array (builder);
  fhir_add_reference (builder, NULL, answers_url, NULL);
  json_builder_end_array (builder);
  fhir_end_resource (export);
  export->counts.n_observations++;
}

gboolean
fhir_add_measures (FhirExport  *export,
                   GError     **error)
{
  g_autoptr(AlcoveMeasureStore) store = alcove_measure_store_new (export->notes);
  g_autoptr(GListModel) given = alcove_measure_store_list (store,
                                                           alcove_client_get_id (export->client),
                                                           NULL, error);

  if (given == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (given); i++)
    {
      g_autoptr(AlcoveMeasureAdministration) administration = g_list_model_get_item (given, i);
      g_autofree char *answers_url = add_questionnaire_response (export, administration);

      /* an incomplete administration has no score to report */
      if (alcove_measure_administration_is_complete (administration))
        add_observation (export, administration, answers_url);
    }
  return TRUE;
}
