/* alcove-interchange-export.c — what version 2 of the interchange exports beside clients and
 * notes: sessions, diagnoses, treatment plans with every version, and outcome measures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-interchange"

#include "config.h"

#include "alcove-interchange-private.h"

/* Collected first, what the signed-in user's role may read of each (signed plan versions
 * verified), so that nothing is written when any of it cannot be; then built into the file
 * in a stable order: by client, then date. */

struct _AlcoveExportRecords
{
  GPtrArray  *sessions;       /* AlcoveSession, by client, then date */
  GHashTable *session_ids;    /* those exported */
  GPtrArray  *diagnoses;      /* AlcoveDiagnosis */
  GPtrArray  *plans;          /* GPtrArray of AlcovePlan: each plan's versions, oldest first */
  GPtrArray  *measures;       /* AlcoveMeasureAdministration */
  GPtrArray  *events;         /* AlcoveClinicalEvent entered, not the plans' own */
  guint       n_plan_versions;
};

void
alcove_export_records_free (AlcoveExportRecords *records)
{
  g_clear_pointer (&records->sessions, g_ptr_array_unref);
  g_clear_pointer (&records->session_ids, g_hash_table_unref);
  g_clear_pointer (&records->diagnoses, g_ptr_array_unref);
  g_clear_pointer (&records->plans, g_ptr_array_unref);
  g_clear_pointer (&records->measures, g_ptr_array_unref);
  g_clear_pointer (&records->events, g_ptr_array_unref);
  g_free (records);
}

static gint
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  AlcoveSession *first = *(AlcoveSession **) a;
  AlcoveSession *second = *(AlcoveSession **) b;
  int order = g_strcmp0 (alcove_session_get_field (first, ALCOVE_SESSION_DATE),
                         alcove_session_get_field (second, ALCOVE_SESSION_DATE));

  return order ? order : g_strcmp0 (alcove_session_get_field (first, ALCOVE_SESSION_START_TIME),
                                    alcove_session_get_field (second,
                                                              ALCOVE_SESSION_START_TIME));
}

static gboolean
collect_sessions (AlcoveExportRecords  *records,
                  AlcoveClientStore    *clients,
                  const char           *client_id,
                  GError              **error)
{
  g_autoptr(GListModel) listed = alcove_client_store_list_sessions (clients, client_id, error);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

  if (listed == NULL)
    return FALSE;
  /* newest first: reversed, then sorted by a stable sort */
  for (guint i = g_list_model_get_n_items (listed); i > 0; i--)
    {
      g_autoptr(AlcoveSession) session = g_list_model_get_item (listed, i - 1);

      if (g_strcmp0 (alcove_session_get_field (session, ALCOVE_SESSION_CLIENT_ID),
                     client_id) != 0)
        continue;
      g_hash_table_add (records->session_ids, g_strdup (alcove_session_get_id (session)));
      g_ptr_array_add (found, g_steal_pointer (&session));
    }
  g_ptr_array_sort (found, compare_sessions);
  g_ptr_array_extend_and_steal (records->sessions, g_steal_pointer (&found));
  return TRUE;
}

static gboolean
collect_list (GListModel  *listed,
              gboolean     reversed,
              GPtrArray   *into)
{
  guint n;

  if (listed == NULL)
    return FALSE;
  n = g_list_model_get_n_items (listed);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (into, g_list_model_get_item (listed, reversed ? n - 1 - i : i));
  g_object_unref (listed);
  return TRUE;
}

/* Grouped by plan, oldest version first; a signed version that no longer matches its
 * signature would be signed anew on import: refused rather than laundered */
static gboolean
collect_plans (AlcoveExportRecords  *records,
               AlcovePlanStore      *store,
               const char           *client_id,
               GError              **error)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_plan = g_hash_table_new (g_str_hash, g_str_equal);

  if (!collect_list (alcove_plan_store_list_for_client (store, client_id, error), TRUE,
                     versions))
    return FALSE;
  for (guint i = 0; i < versions->len; i++)
    {
      AlcovePlan *plan = g_ptr_array_index (versions, i);
      GPtrArray *lineage = g_hash_table_lookup (by_plan, alcove_plan_get_plan_id (plan));

      if (alcove_plan_get_status (plan) == ALCOVE_PLAN_SIGNED &&
          !alcove_plan_store_verify (store, plan))
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                       _("The signed treatment plan version %s no longer matches its "
                         "signature, so it was not exported; run “alcovectl verify” and "
                         "restore from a backup"), alcove_plan_get_id (plan));
          return FALSE;
        }
      if (lineage == NULL)
        {
          lineage = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_plan, (gpointer) alcove_plan_get_plan_id (plan), lineage);
          g_ptr_array_add (records->plans, lineage);
        }
      g_ptr_array_add (lineage, g_object_ref (plan));
      records->n_plan_versions++;
    }
  return TRUE;
}

static gint
compare_versions (gconstpointer a,
                  gconstpointer b)
{
  guint first = alcove_plan_get_version (*(AlcovePlan **) a);
  guint second = alcove_plan_get_version (*(AlcovePlan **) b);

  return first < second ? -1 : first > second;
}

/* The events a clinician entered; a plan's signings are in its versions already */
static gboolean
collect_events (AlcoveExportRecords  *records,
                AlcoveEventStore     *events,
                const char           *client_id,
                GError              **error)
{
  g_autoptr(GListModel) listed = alcove_event_store_list (events, client_id, NULL, NULL, error);

  if (listed == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (listed); i++)
    {
      g_autoptr(AlcoveClinicalEvent) event = g_list_model_get_item (listed, i);

      if (alcove_clinical_event_get_kind (event) != ALCOVE_EVENT_PLAN)
        g_ptr_array_add (records->events, g_steal_pointer (&event));
    }
  return TRUE;
}

AlcoveExportRecords *
alcove_export_records_collect (AlcoveNoteStore  *notes,
                               GPtrArray        *clients,
                               GError          **error)
{
  g_autoptr(AlcoveExportRecords) records = g_new0 (AlcoveExportRecords, 1);
  AlcoveClientStore *client_store = alcove_note_store_get_clients (notes);
  g_autoptr(AlcoveDiagnosisStore) diagnoses = alcove_diagnosis_store_new (client_store);
  g_autoptr(AlcovePlanStore) plans = alcove_plan_store_new (notes);
  g_autoptr(AlcoveMeasureStore) measures = alcove_measure_store_new (notes);
  g_autoptr(AlcoveEventStore) events = alcove_event_store_new (plans);

  records->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  records->session_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  records->diagnoses = g_ptr_array_new_with_free_func (g_object_unref);
  records->plans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  records->measures = g_ptr_array_new_with_free_func (g_object_unref);
  records->events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < clients->len; i++)
    {
      const char *client_id = alcove_client_get_id (g_ptr_array_index (clients, i));

      /* billing reads no plan and no answer: what its role cannot read is left out */
      if (!collect_sessions (records, client_store, client_id, error) ||
          (alcove_diagnosis_store_can_read (diagnoses) &&
           !collect_list (alcove_diagnosis_store_list_for_client (diagnoses, client_id, error),
                          FALSE, records->diagnoses)) ||
          (alcove_plan_store_can_read (plans) &&
           !collect_plans (records, plans, client_id, error)) ||
          (alcove_measure_store_can_read (measures) &&
           !collect_list (alcove_measure_store_list (measures, client_id, NULL, error), FALSE,
                          records->measures)) ||
          (alcove_event_store_can_read (events) &&
           !collect_events (records, events, client_id, error)))
        return NULL;
    }
  for (guint i = 0; i < records->plans->len; i++)
    g_ptr_array_sort (g_ptr_array_index (records->plans, i), compare_versions);
  return g_steal_pointer (&records);
}

void
alcove_export_records_count (AlcoveExportRecords *records,
                             guint               *n_sessions,
                             guint               *n_diagnoses,
                             guint               *n_plans,
                             guint               *n_measures,
                             guint               *n_events)
{
  *n_sessions = records->sessions->len;
  *n_diagnoses = records->diagnoses->len;
  *n_plans = records->n_plan_versions;
  *n_measures = records->measures->len;
  *n_events = records->events->len;
}

static const char *
username_of (GHashTable *usernames,
             const char *uuid)
{
  const char *username = g_hash_table_lookup (usernames, uuid);

  return username ? username : uuid;
}

static void
add_optional (JsonBuilder *builder,
              const char  *member,
              const char  *value)
{
  if (value != NULL && *value != '\0')
    add_string (builder, member, value);
}

void
alcove_export_records_build_sessions (AlcoveExportRecords *records,
                                      JsonBuilder         *builder,
                                      GHashTable          *usernames)
{
  json_builder_set_member_name (builder, "sessions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->sessions->len; i++)
    {
      AlcoveSession *session = g_ptr_array_index (records->sessions, i);
      const char *clinician = alcove_session_get_field (session, ALCOVE_SESSION_CLINICIAN);
      GPtrArray *attendees = alcove_session_get_attendees (session);

      json_builder_begin_object (builder);
      add_string (builder, "id", alcove_session_get_id (session));
      add_string (builder, "client", alcove_session_get_field (session,
                                                               ALCOVE_SESSION_CLIENT_ID));
      if (*clinician != '\0')
        add_string (builder, "clinician", username_of (usernames, clinician));
      add_string (builder, "date", alcove_session_get_field (session, ALCOVE_SESSION_DATE));
      add_optional (builder, "start_time",
                    alcove_session_get_field (session, ALCOVE_SESSION_START_TIME));
      json_builder_set_member_name (builder, "duration");
      json_builder_add_int_value (builder, alcove_session_get_duration (session));
      add_string (builder, "modality",
                  alcove_session_get_modality (session) == ALCOVE_MODALITY_TELEHEALTH
                  ? "telehealth" : "in-person");
      add_optional (builder, "platform",
                    alcove_session_get_field (session, ALCOVE_SESSION_PLATFORM));
      add_optional (builder, "service_code",
                    alcove_session_get_field (session, ALCOVE_SESSION_SERVICE_CODE));
      add_string (builder, "status",
                  alcove_session_status_to_string (alcove_session_get_status (session)));
      add_optional (builder, "status_reason", alcove_session_get_status_reason (session));
      if (attendees->len > 0)
        {
          json_builder_set_member_name (builder, "attendees");
          json_builder_begin_array (builder);
          for (guint a = 0; a < attendees->len; a++)
            json_builder_add_string_value (builder, g_ptr_array_index (attendees, a));
          json_builder_end_array (builder);
        }
      add_string (builder, "note_status",
                  alcove_session_get_field (session, ALCOVE_SESSION_NOTE_STATUS));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
alcove_export_records_build_diagnoses (AlcoveExportRecords *records,
                                       JsonBuilder         *builder)
{
  json_builder_set_member_name (builder, "diagnoses");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->diagnoses->len; i++)
    {
      AlcoveDiagnosis *diagnosis = g_ptr_array_index (records->diagnoses, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", alcove_diagnosis_get_id (diagnosis));
      add_string (builder, "client", alcove_diagnosis_get_client_id (diagnosis));
      add_string (builder, "code", alcove_diagnosis_get_code (diagnosis));
      add_string (builder, "rank",
                  alcove_diagnosis_rank_to_string (alcove_diagnosis_get_rank (diagnosis)));
      add_optional (builder, "onset", alcove_diagnosis_get_onset (diagnosis));
      add_optional (builder, "resolved", alcove_diagnosis_get_resolved (diagnosis));
      add_optional (builder, "description", alcove_diagnosis_get_description (diagnosis));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* One version, with the hash of what it says in the file when it is signed */
static JsonNode *
build_version (AlcovePlan *plan)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean is_signed = alcove_plan_get_status (plan) == ALCOVE_PLAN_SIGNED;
  g_autofree char *content = alcove_plan_dup_content_json (plan);
  g_autoptr(JsonNode) parsed = json_from_string (content, NULL);
  JsonNode *built;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, alcove_plan_get_version (plan));
  add_string (builder, "effective_on", alcove_plan_get_effective_on (plan));
  add_string (builder, "status", is_signed ? "signed" : "draft");
  if (is_signed)
    {
      g_autofree char *signed_at = format_timestamp (alcove_plan_get_signed_ms (plan));

      add_string (builder, "signed_at", signed_at);
    }
  add_optional (builder, "client_signed_on", alcove_plan_get_client_signed_on (plan));
  add_optional (builder, "no_signature_reason", alcove_plan_get_no_signature_reason (plan));
  /* in the plan's own layout, as it stores them */
  json_builder_set_member_name (builder, "problems");
  json_builder_add_value (builder, json_object_dup_member (json_node_get_object (parsed),
                                                           "problems"));
  json_builder_end_object (builder);

  built = json_builder_get_root (builder);
  if (is_signed)
    {
      g_autofree char *hash = alcove_interchange_hash_entry (json_node_get_object (built));

      json_object_set_string_member (json_node_get_object (built), "hash", hash);
    }
  return built;
}

void
alcove_export_records_build_plans (AlcoveExportRecords *records,
                                   JsonBuilder         *builder,
                                   GHashTable          *usernames)
{
  json_builder_set_member_name (builder, "plans");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->plans->len; i++)
    {
      GPtrArray *versions = g_ptr_array_index (records->plans, i);
      AlcovePlan *first = g_ptr_array_index (versions, 0);

      json_builder_begin_object (builder);
      add_string (builder, "id", alcove_plan_get_plan_id (first));
      add_string (builder, "client", alcove_plan_get_client_id (first));
      add_string (builder, "author", username_of (usernames, alcove_plan_get_author (first)));
      json_builder_set_member_name (builder, "versions");
      json_builder_begin_array (builder);
      for (guint v = 0; v < versions->len; v++)
        json_builder_add_value (builder, build_version (g_ptr_array_index (versions, v)));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
alcove_export_records_build_measures (AlcoveExportRecords *records,
                                      JsonBuilder         *builder,
                                      GHashTable          *usernames)
{
  json_builder_set_member_name (builder, "measures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->measures->len; i++)
    {
      AlcoveMeasureAdministration *given = g_ptr_array_index (records->measures, i);
      AlcoveMeasure *measure = alcove_measure_administration_get_measure (given);
      GHashTable *answers = alcove_measure_administration_get_answers (given);
      const char *session = alcove_measure_administration_get_session_id (given);
      gint64 acknowledged = alcove_measure_administration_get_acknowledged_ms (given);

      json_builder_begin_object (builder);
      add_string (builder, "id", alcove_measure_administration_get_id (given));
      add_string (builder, "client", alcove_measure_administration_get_client_id (given));
      add_string (builder, "author",
                  username_of (usernames, alcove_measure_administration_get_author (given)));
      add_string (builder, "measure", alcove_measure_get_id (measure));
      add_string (builder, "administered_on",
                  alcove_measure_administration_get_administered_on (given));
      if (session != NULL && g_hash_table_contains (records->session_ids, session))
        add_string (builder, "session", session);
      json_builder_set_member_name (builder, "answers");
      json_builder_begin_object (builder);
      for (guint n = 0; n < alcove_measure_get_n_items (measure); n++)
        {
          const char *item = alcove_measure_get_item (measure, n)->id;
          gpointer value;

          if (!g_hash_table_lookup_extended (answers, item, NULL, &value))
            continue;
          json_builder_set_member_name (builder, item);
          json_builder_add_int_value (builder, GPOINTER_TO_INT (value) - 1);
        }
      json_builder_end_object (builder);
      if (acknowledged > 0)
        {
          g_autofree char *at = format_timestamp (acknowledged);

          add_string (builder, "acknowledged_at", at);
        }
      /* for a reader's convenience; an import scores the answers again */
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, alcove_measure_administration_get_total (given));
      add_optional (builder, "band", alcove_measure_administration_get_band_id (given));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
alcove_export_records_build_events (AlcoveExportRecords *records,
                                    JsonBuilder         *builder,
                                    GHashTable          *usernames)
{
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->events->len; i++)
    {
      AlcoveClinicalEvent *event = g_ptr_array_index (records->events, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", alcove_clinical_event_get_id (event));
      add_string (builder, "client", alcove_clinical_event_get_client_id (event));
      add_string (builder, "author", username_of (usernames, alcove_clinical_event_get_author (event)));
      add_string (builder, "kind",
                  alcove_clinical_event_kind_to_string (alcove_clinical_event_get_kind (event)));
      add_string (builder, "occurred_on", alcove_clinical_event_get_occurred_on (event));
      add_string (builder, "text", alcove_clinical_event_get_text (event));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}
