/* alcove-fhir-encounters.c — the client's sessions as FHIR R4 Encounters, which the notes
 * written of them point at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-fhir"

#include "config.h"

#include "alcove-fhir-private.h"

/* encounter-status has no "no-show": a session missed did not take place, as a cancelled one */
static const char *
encounter_status (AlcoveSession *session)
{
  switch (alcove_session_get_status (session))
    {
    case ALCOVE_SESSION_SCHEDULED:
      return "planned";
    case ALCOVE_SESSION_ATTENDED:
      return "finished";
    case ALCOVE_SESSION_CANCELLED:
    case ALCOVE_SESSION_NO_SHOW:
    default:
      return "cancelled";
    }
}

/* The day, or the day and local time with its offset: a FHIR dateTime with a time must
 * carry its zone */
static char *
dup_start (AlcoveSession *session)
{
  const char *date = alcove_session_get_field (session, ALCOVE_SESSION_DATE);
  const char *time = alcove_session_get_field (session, ALCOVE_SESSION_START_TIME);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autofree char *local = NULL;
  g_autoptr(GDateTime) start = NULL;

  if (*time == '\0')
    return g_strdup (date);
  local = g_strdup_printf ("%sT%s:00", date, time);
  start = g_date_time_new_from_iso8601 (local, zone);
  return start ? g_date_time_format (start, "%Y-%m-%dT%H:%M:%S%:z") : g_strdup (date);
}

static void
add_length (JsonBuilder *builder,
            guint        minutes)
{
  json_builder_set_member_name (builder, "length");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  json_builder_add_int_value (builder, minutes);
  fhir_add_string (builder, "unit", "min");
  fhir_add_string (builder, "system", FHIR_SYSTEM_UCUM);
  fhir_add_string (builder, "code", "min");
  json_builder_end_object (builder);
}

static void
add_encounter (FhirExport    *export,
               AlcoveSession *session)
{
  JsonBuilder *builder = export->builder;
  g_autofree char *url = fhir_begin_resource (export, "Encounter", FHIR_LABELS_MENTAL_HEALTH);
  g_autofree char *start = dup_start (session);
  const char *service = alcove_session_get_field (session, ALCOVE_SESSION_SERVICE_CODE);
  gboolean virtual = alcove_session_get_modality (session) == ALCOVE_MODALITY_TELEHEALTH;

  fhir_add_string (builder, "status", encounter_status (session));
  json_builder_set_member_name (builder, "class");
  json_builder_begin_object (builder);
  fhir_add_string (builder, "system", FHIR_SYSTEM_ACT_CODE);
  fhir_add_string (builder, "code", virtual ? "VR" : "AMB");
  fhir_add_string (builder, "display", virtual ? "virtual" : "ambulatory");
  json_builder_end_object (builder);
  /* a billing code system's text only: its code system is licensed, and not checked here */
  if (*service != '\0')
    {
      json_builder_set_member_name (builder, "serviceType");
      json_builder_begin_object (builder);
      fhir_add_string (builder, "text", service);
      json_builder_end_object (builder);
    }
  fhir_add_subject (export, "subject");
  json_builder_set_member_name (builder, "period");
  json_builder_begin_object (builder);
  fhir_add_string (builder, "start", start);
  json_builder_end_object (builder);
  if (alcove_session_get_duration (session) > 0)
    add_length (builder, alcove_session_get_duration (session));
  fhir_end_resource (export);
  g_hash_table_insert (export->session_urls, g_strdup (alcove_session_get_id (session)),
                       g_steal_pointer (&url));
  export->counts.n_encounters++;
}

gboolean
fhir_add_encounters (FhirExport  *export,
                     GError     **error)
{
  g_autoptr(GListModel) sessions =
    alcove_client_store_list_sessions (alcove_note_store_get_clients (export->notes),
                                       alcove_client_get_id (export->client), error);

  if (sessions == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(AlcoveSession) session = g_list_model_get_item (sessions, i);

      add_encounter (export, session);
    }
  return TRUE;
}
