/* alcove-interchange-records.c — what version 2 of the interchange imports beside clients and
 * notes: sessions, diagnoses, treatment plans with every version, and outcome measures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-interchange"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "alcove-interchange-private.h"

/* Read and checked in the order of the file, with the same named-path errors as clients and
 * notes; written inside the import's one transaction (alcove-interchange.c). A measure's
 * score is never read from the file: it is scored from the answers. */

/* ---- small readers ---- */

static JsonObject *
entry_object (JsonNode    *node,
              const char  *path,
              GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_at (error, path, _("expected an object, found %s"), node_kind (node));
      return NULL;
    }
  return json_node_get_object (node);
}

/* A whole number; `present` FALSE when absent (and not required) */
static gboolean
get_integer (JsonObject  *object,
             const char  *path,
             const char  *member,
             gboolean     required,
             gint64      *value,
             gboolean    *present,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *where = g_strdup_printf ("%s.%s", path, member);

  *present = node != NULL;
  if (node == NULL)
    return !required || fail_at (error, where, _("missing; this field is required"));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail_at (error, where, _("expected a whole number, found %s"), node_kind (node));
  *value = json_node_get_int (node);
  return TRUE;
}

/* A unique, non-empty id of an entry */
static gboolean
check_id (const char  *path,
          const char  *id,
          GHashTable  *seen,
          GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.id", path);

  if (*id == '\0')
    return fail_at (error, where, _("empty; give each entry an id"));
  if (g_hash_table_contains (seen, id))
    return fail_at (error, where, _("duplicate id \"%s\""), id);
  g_hash_table_add (seen, (gpointer) id);
  return TRUE;
}

/* "" or a date that has come */
static gboolean
check_past_date (const char  *path,
                 const char  *member,
                 const char  *value,
                 GError     **error)
{
  g_autofree char *today = alcove_date_today_iso ();
  g_autofree char *where = g_strdup_printf ("%s.%s", path, member);

  if (*value == '\0')
    return TRUE;
  if (!check_date (path, member, value, error))
    return FALSE;
  if (g_strcmp0 (value, today) > 0)
    return fail_at (error, where, _("\"%s\" is in the future"), value);
  return TRUE;
}

static gboolean
resolve_entry_client (Import      *import,
                      const char  *path,
                      const char  *client,
                      const char **vault_id,
                      GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.client", path);
  AlcoveRecordType type;

  if (!resolve_client (import, client, vault_id, &type))
    return fail_at (error, where, _("no client \"%s\" in the file or the vault"), client);
  return TRUE;
}

/* A username of the vault as its user's UUID; NULL (and an error) if none */
static char *
user_uuid (Import      *import,
           const char  *where,
           const char  *username,
           GError     **error)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (import->vault);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      if (g_str_equal (alcove_user_get_username (user), username))
        return g_strdup (alcove_user_get_uuid (user));
    }
  fail_at (error, where, _("no user \"%s\" in this vault"), username);
  return NULL;
}

/* One entry of an array, with what its kind keeps across the array: the ids seen, and an
 * entry per client where a client has one at most */
typedef gboolean (*ReadEntry) (Import      *import,
                               JsonNode    *node,
                               guint        index,
                               GHashTable  *ids,
                               GHashTable  *by_client,
                               GError     **error);

static gboolean
read_entries (Import     *import,
              JsonArray  *entries,
              ReadEntry   read,
              GError    **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_client = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    if (!read (import, json_array_get_element (entries, i), i, ids, by_client, error))
      return FALSE;
  return TRUE;
}

/* Each entry written, its place named in the error; entries are kept in file order */
typedef gboolean (*WriteEntry) (Import    *import,
                                gpointer   entry,
                                GError   **error);

static gboolean
write_entries (Import      *import,
               GPtrArray   *entries,
               const char  *kind,
               WriteEntry   write,
               guint       *count,
               GError     **error)
{
  for (guint i = 0; i < entries->len; i++)
    {
      if (!write (import, g_ptr_array_index (entries, i), error))
        {
          g_prefix_error (error, "%s[%u]: ", kind, i);
          return FALSE;
        }
      (*count)++;
    }
  return TRUE;
}

/* ---- the hash of an entry ---- */

static void
add_canonical (JsonBuilder *builder,
               JsonNode    *node,
               gboolean     without_hash)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        members = g_list_sort (members, (GCompareFunc) strcmp);
        json_builder_begin_object (builder);
        for (GList *l = members; l != NULL; l = l->next)
          {
            if (without_hash && g_str_equal (l->data, "hash"))
              continue;
            json_builder_set_member_name (builder, l->data);
            add_canonical (builder, json_object_get_member (object, l->data), FALSE);
          }
        json_builder_end_object (builder);
      }
      break;
    case JSON_NODE_ARRAY:
      json_builder_begin_array (builder);
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        add_canonical (builder, json_array_get_element (json_node_get_array (node), i), FALSE);
      json_builder_end_array (builder);
      break;
    case JSON_NODE_NULL:
      json_builder_add_null_value (builder);
      break;
    case JSON_NODE_VALUE:
    default:
      json_builder_add_value (builder, json_node_copy (node));
      break;
    }
}

char *
alcove_interchange_hash_entry (JsonObject *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *canonical = NULL;

  json_node_set_object (node, entry);
  add_canonical (builder, node, TRUE);
  canonical = alcove_canonical_to_string (builder);
  return alcove_note_hash_canonical (canonical);
}

gboolean
alcove_interchange_check_hash (JsonObject  *entry,
                               const char  *path,
                               const char  *what,
                               GError     **error)
{
  const char *hash = get_string (entry, path, "hash", TRUE, error);
  g_autofree char *where = g_strdup_printf ("%s.hash", path);
  g_autofree char *computed = NULL;

  if (hash == NULL)
    return FALSE;
  computed = alcove_interchange_hash_entry (entry);
  if (g_ascii_strcasecmp (hash, computed) != 0)
    return fail_at (error, where, _("this signed %s does not match its hash: it was changed "
                                    "after it was exported (it hashes to %s)"), what, computed);
  return TRUE;
}

/* ---- sessions ---- */

static void
import_session_free (ImportSession *entry)
{
  g_free (entry->file_id);
  g_clear_object (&entry->session);
  g_free (entry);
}

static void
import_plan_version_free (ImportPlanVersion *version)
{
  g_free (version->path);
  g_free (version);
}

static void
import_plan_free (ImportPlan *entry)
{
  g_free (entry->client_id);
  g_clear_pointer (&entry->versions, g_ptr_array_unref);
  g_free (entry);
}

static void
import_measure_free (ImportMeasure *entry)
{
  g_free (entry->client_id);
  g_free (entry->vault_session);
  g_clear_pointer (&entry->answers, g_hash_table_unref);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportMeasure, import_measure_free)

static void
import_event_free (ImportEvent *entry)
{
  g_free (entry->client_id);
  g_free (entry);
}

void
alcove_interchange_records_init (Import *import)
{
  import->file_sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) import_session_free);
  import->sessions_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  import->file_diagnoses = g_ptr_array_new_with_free_func (g_object_unref);
  import->diagnoses_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->file_plans = g_ptr_array_new_with_free_func ((GDestroyNotify) import_plan_free);
  import->file_measures = g_ptr_array_new_with_free_func ((GDestroyNotify) import_measure_free);
  import->file_events = g_ptr_array_new_with_free_func ((GDestroyNotify) import_event_free);
  if (import->notes != NULL)
    {
      import->diagnosis_store = alcove_diagnosis_store_new (import->clients);
      import->plan_store = alcove_plan_store_new (import->notes);
      import->measure_store = alcove_measure_store_new (import->notes);
      import->event_store = alcove_event_store_new (import->plan_store);
    }
}

void
alcove_interchange_records_clear (Import *import)
{
  g_clear_pointer (&import->file_sessions, g_ptr_array_unref);
  g_clear_pointer (&import->sessions_by_id, g_hash_table_unref);
  g_clear_pointer (&import->file_diagnoses, g_ptr_array_unref);
  g_clear_pointer (&import->diagnoses_by_id, g_hash_table_unref);
  g_clear_pointer (&import->file_plans, g_ptr_array_unref);
  g_clear_pointer (&import->file_measures, g_ptr_array_unref);
  g_clear_pointer (&import->file_events, g_ptr_array_unref);
  g_clear_object (&import->event_store);
  g_clear_object (&import->diagnosis_store);
  g_clear_object (&import->plan_store);
  g_clear_object (&import->measure_store);
}

static const char * const session_fields[] = {
  "id", "client", "clinician", "date", "start_time", "duration", "modality", "platform",
  "service_code", "status", "status_reason", "attendees", "note_status", NULL
};

/* The members of a record, as vault ids */
static GPtrArray *
record_members (Import     *import,
                const char *file_id)
{
  ImportClient *entry = g_hash_table_lookup (import->by_file_id, file_id);
  AlcoveClient *existing;

  if (entry != NULL)
    return alcove_client_get_members (entry->client);
  existing = import->clients ? alcove_client_store_lookup (import->clients, file_id) : NULL;
  return existing ? alcove_client_get_members (existing) : NULL;
}

static gboolean
read_attendees (Import         *import,
                JsonObject     *object,
                const char     *path,
                const char     *client,
                AlcoveSession  *session,
                GError        **error)
{
  JsonArray *attendees;
  GPtrArray *members = record_members (import, client);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) attendee_ids = NULL;

  if (!optional_array (object, path, "attendees", &attendees, error))
    return FALSE;
  for (guint i = 0; attendees != NULL && i < json_array_get_length (attendees); i++)
    {
      JsonNode *node = json_array_get_element (attendees, i);
      g_autofree char *where = g_strdup_printf ("%s.attendees[%u]", path, i);
      const char *vault_id;
      AlcoveRecordType type;

      if (!is_string (node))
        return fail_at (error, where, _("expected a string, found %s"), node_kind (node));
      if (!resolve_client (import, json_node_get_string (node), &vault_id, &type))
        return fail_at (error, where, _("no client \"%s\" in the file or the vault"),
                        json_node_get_string (node));
      if (members == NULL ||
          !g_ptr_array_find_with_equal_func (members, vault_id, g_str_equal, NULL))
        return fail_at (error, where, _("\"%s\" is not a member of this session's record"),
                        json_node_get_string (node));
      g_strv_builder_add (ids, vault_id);
    }
  attendee_ids = g_strv_builder_end (ids);
  alcove_session_set_attendees (session, (const char * const *) attendee_ids);
  return TRUE;
}

static gboolean
check_start_time (const char  *path,
                  const char  *start,
                  GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.start_time", path);
  int hours, minutes;
  char tail;

  if (*start != '\0' && (sscanf (start, "%2d:%2d%c", &hours, &minutes, &tail) != 2 ||
                         hours > 23 || minutes > 59 || hours < 0 || minutes < 0))
    return fail_at (error, where, _("\"%s\" is not a time (HH:MM, such as 14:30)"), start);
  return TRUE;
}

/* The status, its reason and the date, as the session store will want them */
static gboolean
check_session_status (const char          *path,
                      const char          *status,
                      const char          *reason,
                      const char          *date,
                      AlcoveSessionStatus *value,
                      GError             **error)
{
  g_autofree char *today = alcove_date_today_iso ();
  g_autofree char *where = g_strdup_printf ("%s.status", path);

  if (!alcove_session_status_from_string (status, value))
    return fail_at (error, where, _("\"%s\" is not one of scheduled, attended, cancelled, "
                                    "no-show"), status);
  g_clear_pointer (&where, g_free);
  if ((*value == ALCOVE_SESSION_CANCELLED || *value == ALCOVE_SESSION_NO_SHOW) && *reason == '\0')
    {
      where = g_strdup_printf ("%s.status_reason", path);
      return fail_at (error, where, _("missing; a cancelled or missed session says why (or "
                                      "that nothing is known)"));
    }
  if ((*value == ALCOVE_SESSION_ATTENDED || *value == ALCOVE_SESSION_NO_SHOW) &&
      g_strcmp0 (date, today) > 0)
    {
      where = g_strdup_printf ("%s.date", path);
      return fail_at (error, where, _("\"%s\" is in the future; a session to come is scheduled "
                                      "or cancelled"), date);
    }
  return TRUE;
}

static gboolean
read_session (Import      *import,
              JsonNode    *node,
              guint        index,
              GHashTable  *ids,
              GHashTable  *by_client,
              GError     **error)
{
  g_autofree char *path = g_strdup_printf ("sessions[%u]", index);
  g_autofree char *where = NULL;
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  const char *id, *client, *date, *status, *clinician, *start, *modality, *platform;
  const char *service, *reason, *note_status, *vault_id;
  g_autofree char *clinician_uuid = NULL;
  AlcoveSessionStatus value;
  JsonObject *object;
  ImportSession *entry;
  gint64 duration = 50;
  gboolean present;

  if ((object = entry_object (node, path, error)) == NULL ||
      !check_members (object, path, session_fields, error) ||
      (id = get_string (object, path, "id", TRUE, error)) == NULL ||
      (client = get_string (object, path, "client", TRUE, error)) == NULL ||
      (date = get_string (object, path, "date", TRUE, error)) == NULL ||
      (status = get_string (object, path, "status", TRUE, error)) == NULL ||
      !optional_string (object, path, "clinician", NULL, &clinician, error) ||
      !optional_string (object, path, "start_time", "", &start, error) ||
      !optional_string (object, path, "modality", "in-person", &modality, error) ||
      !optional_string (object, path, "platform", "", &platform, error) ||
      !optional_string (object, path, "service_code", "", &service, error) ||
      !optional_string (object, path, "status_reason", "", &reason, error) ||
      !optional_string (object, path, "note_status", "none", &note_status, error) ||
      !get_integer (object, path, "duration", FALSE, &duration, &present, error))
    return FALSE;
  if (!check_id (path, id, ids, error) ||
      !resolve_entry_client (import, path, client, &vault_id, error) ||
      !check_date (path, "date", date, error) ||
      !check_start_time (path, start, error))
    return FALSE;
  if (duration < 1 || duration > 600)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, duration);

      where = g_strdup_printf ("%s.duration", path);
      /* Translators: %s is the number the file gave */
      return fail_at (error, where, _("%s is not a length in minutes (1 to 600)"), number);
    }
  if (!g_str_equal (modality, "in-person") && !g_str_equal (modality, "telehealth"))
    {
      where = g_strdup_printf ("%s.modality", path);
      return fail_at (error, where, _("\"%s\" is not one of in-person, telehealth"), modality);
    }
  if (g_str_equal (modality, "telehealth") && *platform == '\0')
    {
      where = g_strdup_printf ("%s.platform", path);
      return fail_at (error, where, _("missing; a telehealth session names its platform"));
    }
  if (!check_session_status (path, status, reason, date, &value, error))
    return FALSE;
  if (!g_str_equal (note_status, "none") && !g_str_equal (note_status, "draft") &&
      !g_str_equal (note_status, "signed"))
    {
      where = g_strdup_printf ("%s.note_status", path);
      return fail_at (error, where, _("\"%s\" is not one of none, draft, signed"), note_status);
    }
  if (clinician != NULL && import->vault != NULL)
    {
      where = g_strdup_printf ("%s.clinician", path);
      if ((clinician_uuid = user_uuid (import, where, clinician, error)) == NULL)
        return FALSE;
    }

  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, vault_id);
  alcove_session_set_field (session, ALCOVE_SESSION_CLINICIAN,
                            clinician_uuid ? clinician_uuid : "");
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, date);
  alcove_session_set_field (session, ALCOVE_SESSION_START_TIME, start);
  alcove_session_set_field (session, ALCOVE_SESSION_PLATFORM, platform);
  alcove_session_set_field (session, ALCOVE_SESSION_SERVICE_CODE, service);
  alcove_session_set_duration (session, (guint) duration);
  alcove_session_set_modality (session, g_str_equal (modality, "telehealth")
                                        ? ALCOVE_MODALITY_TELEHEALTH : ALCOVE_MODALITY_IN_PERSON);
  alcove_session_set_status (session, value);
  alcove_session_set_status_reason (session, reason);
  if (!read_attendees (import, object, path, client, session, error))
    return FALSE;

  entry = g_new0 (ImportSession, 1);
  entry->file_id = g_strdup (id);
  entry->session = g_steal_pointer (&session);
  entry->index = index;
  entry->note = -1;
  g_ptr_array_add (import->file_sessions, entry);
  g_hash_table_insert (import->sessions_by_id, entry->file_id, entry);
  return TRUE;
}

gboolean
alcove_interchange_read_sessions (Import     *import,
                                  JsonArray  *sessions,
                                  GError    **error)
{
  return read_entries (import, sessions, read_session, error);
}

/* A session of the file by its id; its record must be `client_id` */
static ImportSession *
find_session (Import      *import,
              const char  *path,
              const char  *session_id,
              const char  *client_id,
              GError     **error)
{
  ImportSession *session = g_hash_table_lookup (import->sessions_by_id, session_id);
  g_autofree char *where = g_strdup_printf ("%s.session", path);

  if (session == NULL)
    {
      fail_at (error, where, _("no session \"%s\" in the file"), session_id);
      return NULL;
    }
  if (g_strcmp0 (alcove_session_get_field (session->session, ALCOVE_SESSION_CLIENT_ID),
                 client_id) != 0)
    {
      fail_at (error, where, _("session \"%s\" (sessions[%u]) is another client's"), session_id,
               session->index);
      return NULL;
    }
  return session;
}

gboolean
alcove_interchange_note_session (Import      *import,
                                 const char  *path,
                                 const char  *session_id,
                                 guint        note_index,
                                 ImportNote  *note,
                                 GError     **error)
{
  ImportSession *session = find_session (import, path, session_id, note->client_id, error);
  g_autofree char *where = g_strdup_printf ("%s.session", path);
  const char *date;

  if (session == NULL)
    return FALSE;
  date = alcove_session_get_field (session->session, ALCOVE_SESSION_DATE);
  if (alcove_session_get_status (session->session) == ALCOVE_SESSION_CANCELLED)
    return fail_at (error, where, _("session \"%s\" was cancelled, so it holds no note"),
                    session_id);
  if (session->note >= 0)
    return fail_at (error, where, _("session \"%s\" already holds notes[%d]; a session holds one "
                                    "note"), session_id, session->note);
  if (g_strcmp0 (date, note->session_date) != 0)
    {
      g_clear_pointer (&where, g_free);
      where = g_strdup_printf ("%s.session_date", path);
      return fail_at (error, where, _("\"%s\" is not the date of session \"%s\" (%s)"),
                      note->session_date, session_id, date);
    }
  session->note = (int) note_index;
  note->session = session;
  return TRUE;
}

static gboolean
write_session (Import    *import,
               gpointer   entry,
               GError   **error)
{
  return alcove_client_store_save_session (import->clients,
                                           ((ImportSession *) entry)->session, error);
}

static gboolean
write_diagnosis (Import    *import,
                 gpointer   entry,
                 GError   **error)
{
  return alcove_diagnosis_store_save (import->diagnosis_store,
                                      ALCOVE_DIAGNOSIS (entry), error);
}

/* Sessions before the notes they hold, diagnoses before the plans that link them */
gboolean
alcove_interchange_write_sessions (Import              *import,
                                   AlcoveImportReport  *report,
                                   GError             **error)
{
  return write_entries (import, import->file_sessions, "sessions", write_session,
                        &report->n_sessions, error) &&
         write_entries (import, import->file_diagnoses, "diagnoses", write_diagnosis,
                        &report->n_diagnoses, error);
}

/* ---- diagnoses ---- */

static const char * const diagnosis_fields[] = {
  "id", "client", "code", "rank", "onset", "resolved", "description", NULL
};

static gboolean
read_diagnosis (Import      *import,
                JsonNode    *node,
                guint        index,
                GHashTable  *ids,
                GHashTable  *primaries,
                GError     **error)
{
  g_autofree char *path = g_strdup_printf ("diagnoses[%u]", index);
  g_autofree char *where = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GError) code_error = NULL;
  const char *id, *client, *code, *rank, *onset, *resolved, *description, *vault_id;
  AlcoveDiagnosis *diagnosis;
  JsonObject *object;
  gpointer other;

  if ((object = entry_object (node, path, error)) == NULL ||
      !check_members (object, path, diagnosis_fields, error) ||
      (id = get_string (object, path, "id", TRUE, error)) == NULL ||
      (client = get_string (object, path, "client", TRUE, error)) == NULL ||
      (code = get_string (object, path, "code", TRUE, error)) == NULL ||
      !optional_string (object, path, "rank", "secondary", &rank, error) ||
      !optional_string (object, path, "onset", "", &onset, error) ||
      !optional_string (object, path, "resolved", "", &resolved, error) ||
      !optional_string (object, path, "description", "", &description, error))
    return FALSE;
  if (!check_id (path, id, ids, error) ||
      !resolve_entry_client (import, path, client, &vault_id, error))
    return FALSE;
  if (!alcove_diagnosis_store_check_code (code, &normalized, &code_error))
    {
      where = g_strdup_printf ("%s.code", path);
      return fail_at (error, where, "%s", code_error->message);
    }
  if (!g_str_equal (rank, "primary") && !g_str_equal (rank, "secondary"))
    {
      where = g_strdup_printf ("%s.rank", path);
      return fail_at (error, where, _("\"%s\" is not one of primary, secondary"), rank);
    }
  if (!check_past_date (path, "onset", onset, error) ||
      !check_past_date (path, "resolved", resolved, error))
    return FALSE;
  if (*onset != '\0' && *resolved != '\0' && g_strcmp0 (resolved, onset) < 0)
    {
      where = g_strdup_printf ("%s.resolved", path);
      return fail_at (error, where, _("\"%s\" is before the onset, %s"), resolved, onset);
    }
  /* a client has one current primary diagnosis: the store would quietly demote one */
  if (g_str_equal (rank, "primary") && *resolved == '\0')
    {
      if (g_hash_table_lookup_extended (primaries, vault_id, NULL, &other))
        {
          where = g_strdup_printf ("%s.rank", path);
          return fail_at (error, where, _("this client's current primary diagnosis is "
                                          "diagnoses[%u]; make one of them secondary"),
                          GPOINTER_TO_UINT (other));
        }
      g_hash_table_insert (primaries, g_strdup (vault_id), GUINT_TO_POINTER (index));
    }

  diagnosis = alcove_diagnosis_new (vault_id);
  alcove_diagnosis_set_code (diagnosis, normalized);
  alcove_diagnosis_set_rank (diagnosis, g_str_equal (rank, "primary")
                                        ? ALCOVE_DIAGNOSIS_PRIMARY : ALCOVE_DIAGNOSIS_SECONDARY);
  alcove_diagnosis_set_onset (diagnosis, onset);
  alcove_diagnosis_set_resolved (diagnosis, resolved);
  alcove_diagnosis_set_description (diagnosis, description);
  g_ptr_array_add (import->file_diagnoses, diagnosis);
  g_hash_table_insert (import->diagnoses_by_id, g_strdup (id), diagnosis);
  return TRUE;
}

gboolean
alcove_interchange_read_diagnoses (Import     *import,
                                   JsonArray  *diagnoses,
                                   GError    **error)
{
  return read_entries (import, diagnoses, read_diagnosis, error);
}

/* ---- treatment plans ---- */

static const char * const plan_fields[] = { "id", "client", "author", "versions", NULL };

static const char * const version_fields[] = {
  "version", "effective_on", "status", "signed_at", "client_signed_on", "no_signature_reason",
  "problems", "hash", NULL
};

static const char * const problem_fields[] = {
  "id", "text", "diagnoses", "goals", "interventions", NULL
};

static const char * const goal_fields[] = { "id", "text", "objectives", NULL };

static const char * const objective_fields[] = { "id", "text", "target_date", NULL };

static const char * const intervention_fields[] = { "id", "text", NULL };

/* An item of a plan (problem, goal, objective, intervention): an object with text, and an id
 * unique in its version if it has one */
static JsonObject *
read_item (JsonArray           *items,
           guint                index,
           const char          *path,
           const char * const  *fields,
           GHashTable          *item_ids,
           GError             **error)
{
  JsonObject *object = entry_object (json_array_get_element (items, index), path, error);
  const char *id;

  if (object == NULL || !check_members (object, path, fields, error) ||
      get_string (object, path, "text", TRUE, error) == NULL ||
      !optional_string (object, path, "id", NULL, &id, error))
    return NULL;
  if (id != NULL && !check_id (path, id, item_ids, error))
    return NULL;
  return object;
}

static const char * const link_fields[] = { "id", "code", NULL };

/* The diagnosis a problem links to, of the same client: of the file, or of the vault */
static AlcoveDiagnosis *
find_diagnosis (Import     *import,
                const char *id,
                const char *client_id)
{
  AlcoveDiagnosis *in_file = g_hash_table_lookup (import->diagnoses_by_id, id);
  g_autoptr(AlcoveDiagnosis) existing = NULL;

  if (in_file != NULL)
    existing = g_object_ref (in_file);
  else if (import->diagnosis_store != NULL)
    existing = alcove_diagnosis_store_get (import->diagnosis_store, id, NULL);
  if (existing == NULL || g_strcmp0 (alcove_diagnosis_get_client_id (existing), client_id) != 0)
    return NULL;
  return g_steal_pointer (&existing);
}

/* A link: the diagnosis's id, and its code as the plan kept it (the code is written anew
 * from the diagnosis on import) */
static gboolean
check_link (Import      *import,
            JsonNode    *node,
            const char  *where,
            const char  *client_id,
            GError     **error)
{
  g_autoptr(AlcoveDiagnosis) diagnosis = NULL;
  JsonObject *link = entry_object (node, where, error);
  const char *id, *code;

  if (link == NULL || !check_members (link, where, link_fields, error) ||
      (id = get_string (link, where, "id", TRUE, error)) == NULL ||
      !optional_string (link, where, "code", NULL, &code, error))
    return FALSE;
  diagnosis = find_diagnosis (import, id, client_id);
  if (diagnosis == NULL)
    {
      g_autofree char *at = g_strdup_printf ("%s.id", where);

      return fail_at (error, at, _("no diagnosis \"%s\" of this client in the file or the "
                                   "vault"), id);
    }
  return TRUE;
}

static gboolean
read_goal (JsonArray   *goals,
           guint        g,
           const char  *problem_path,
           GHashTable  *item_ids,
           GError     **error)
{
  g_autofree char *path = g_strdup_printf ("%s.goals[%u]", problem_path, g);
  JsonObject *goal = read_item (goals, g, path, goal_fields, item_ids, error);
  JsonArray *objectives;

  if (goal == NULL || !optional_array (goal, path, "objectives", &objectives, error))
    return FALSE;
  for (guint o = 0; objectives != NULL && o < json_array_get_length (objectives); o++)
    {
      g_autofree char *item = g_strdup_printf ("%s.objectives[%u]", path, o);
      JsonObject *objective = read_item (objectives, o, item, objective_fields, item_ids, error);
      const char *target;

      if (objective == NULL ||
          (target = get_string (objective, item, "target_date", TRUE, error)) == NULL ||
          (*target != '\0' && !check_date (item, "target_date", target, error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_problems (Import      *import,
               JsonArray   *problems,
               const char  *path,
               const char  *client_id,
               GError     **error)
{
  g_autoptr(GHashTable) item_ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint p = 0; p < json_array_get_length (problems); p++)
    {
      g_autofree char *problem_path = g_strdup_printf ("%s.problems[%u]", path, p);
      JsonObject *problem = read_item (problems, p, problem_path, problem_fields, item_ids,
                                       error);
      JsonArray *links, *goals, *interventions;

      if (problem == NULL ||
          !optional_array (problem, problem_path, "diagnoses", &links, error) ||
          !optional_array (problem, problem_path, "goals", &goals, error) ||
          !optional_array (problem, problem_path, "interventions", &interventions, error))
        return FALSE;
      for (guint d = 0; links != NULL && d < json_array_get_length (links); d++)
        {
          g_autofree char *where = g_strdup_printf ("%s.diagnoses[%u]", problem_path, d);

          if (!check_link (import, json_array_get_element (links, d), where, client_id, error))
            return FALSE;
        }
      for (guint g = 0; goals != NULL && g < json_array_get_length (goals); g++)
        if (!read_goal (goals, g, problem_path, item_ids, error))
          return FALSE;
      for (guint i = 0; interventions != NULL && i < json_array_get_length (interventions); i++)
        {
          g_autofree char *item = g_strdup_printf ("%s.interventions[%u]", problem_path, i);

          if (read_item (interventions, i, item, intervention_fields, item_ids, error) == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_version (Import      *import,
              ImportPlan  *plan,
              JsonArray   *versions,
              guint        index,
              const char  *plan_path,
              GError     **error)
{
  g_autofree char *path = g_strdup_printf ("%s.versions[%u]", plan_path, index);
  g_autofree char *where = NULL;
  const char *effective_on, *status, *signed_at, *signed_on, *reason;
  ImportPlanVersion *version;
  JsonObject *object;
  JsonArray *problems;
  gint64 number = 0;
  gboolean present;

  if ((object = entry_object (json_array_get_element (versions, index), path, error)) == NULL ||
      !check_members (object, path, version_fields, error) ||
      !get_integer (object, path, "version", TRUE, &number, &present, error) ||
      (effective_on = get_string (object, path, "effective_on", TRUE, error)) == NULL ||
      (status = get_string (object, path, "status", TRUE, error)) == NULL ||
      (problems = get_array (object, path, "problems", TRUE, error)) == NULL ||
      !optional_string (object, path, "signed_at", NULL, &signed_at, error) ||
      !optional_string (object, path, "client_signed_on", "", &signed_on, error) ||
      !optional_string (object, path, "no_signature_reason", "", &reason, error))
    return FALSE;
  if (number != index + 1)
    {
      where = g_strdup_printf ("%s.version", path);
      return fail_at (error, where, _("expected %u: versions are listed oldest first and "
                                      "numbered from 1"), index + 1);
    }
  if (!check_date (path, "effective_on", effective_on, error) ||
      !check_past_date (path, "client_signed_on", signed_on, error))
    return FALSE;
  if (!g_str_equal (status, "draft") && !g_str_equal (status, "signed"))
    {
      where = g_strdup_printf ("%s.status", path);
      return fail_at (error, where, _("\"%s\" is not one of draft, signed"), status);
    }
  if (g_str_equal (status, "draft") && index + 1 < json_array_get_length (versions))
    {
      where = g_strdup_printf ("%s.status", path);
      return fail_at (error, where, _("only the newest version may be a draft: a plan is "
                                      "revised from its signed version"));
    }
  if (signed_at != NULL)
    {
      where = g_strdup_printf ("%s.signed_at", path);
      if (g_str_equal (status, "draft"))
        return fail_at (error, where, _("a draft has no signing time"));
      if (!check_timestamp (path, "signed_at", signed_at, error))
        return FALSE;
    }
  if (!read_problems (import, problems, path, plan->client_id, error))
    return FALSE;
  /* last: the hash covers everything above, and is checked against what was read */
  if (g_str_equal (status, "signed") &&
      !alcove_interchange_check_hash (object, path, _("plan version"), error))
    return FALSE;

  version = g_new0 (ImportPlanVersion, 1);
  version->path = g_steal_pointer (&path);
  version->effective_on = effective_on;
  version->client_signed_on = signed_on;
  version->no_signature_reason = reason;
  version->is_signed = g_str_equal (status, "signed");
  version->problems = problems;
  g_ptr_array_add (plan->versions, version);
  return TRUE;
}

static gboolean
read_plan (Import      *import,
           JsonNode    *node,
           guint        index,
           GHashTable  *ids,
           GHashTable  *clients,
           GError     **error)
{
  g_autofree char *path = g_strdup_printf ("plans[%u]", index);
  g_autofree char *where = NULL;
  const char *id, *client, *author, *vault_id;
  ImportPlan *plan;
  JsonObject *object;
  JsonArray *versions;
  gpointer other;

  if ((object = entry_object (node, path, error)) == NULL ||
      !check_members (object, path, plan_fields, error) ||
      (id = get_string (object, path, "id", TRUE, error)) == NULL ||
      (client = get_string (object, path, "client", TRUE, error)) == NULL ||
      (author = get_string (object, path, "author", TRUE, error)) == NULL ||
      (versions = get_array (object, path, "versions", TRUE, error)) == NULL)
    return FALSE;
  if (!check_id (path, id, ids, error) ||
      !resolve_entry_client (import, path, client, &vault_id, error))
    return FALSE;
  if (import->vault != NULL && !check_author (import, path, author, _("plans"), error))
    return FALSE;
  if (g_hash_table_lookup_extended (clients, vault_id, NULL, &other))
    {
      where = g_strdup_printf ("%s.client", path);
      return fail_at (error, where, _("plans[%u] is this client's plan already; an author "
                                      "writes one plan per client, with its versions"),
                      GPOINTER_TO_UINT (other));
    }
  g_hash_table_insert (clients, g_strdup (vault_id), GUINT_TO_POINTER (index));
  if (json_array_get_length (versions) == 0)
    {
      where = g_strdup_printf ("%s.versions", path);
      return fail_at (error, where, _("empty; a plan has at least one version"));
    }

  plan = g_new0 (ImportPlan, 1);
  plan->client_id = g_strdup (vault_id);
  plan->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) import_plan_version_free);
  g_ptr_array_add (import->file_plans, plan);
  for (guint i = 0; i < json_array_get_length (versions); i++)
    if (!read_version (import, plan, versions, i, path, error))
      return FALSE;
  return TRUE;
}

gboolean
alcove_interchange_read_plans (Import     *import,
                               JsonArray  *plans,
                               GError    **error)
{
  return read_entries (import, plans, read_plan, error);
}

/* ---- outcome measures ---- */

static const char * const measure_fields[] = {
  "id", "client", "author", "measure", "administered_on", "session", "answers",
  "acknowledged_at", "total", "band", NULL
};

static char *
join_measures (void)
{
  GListModel *measures = alcove_measure_list_all ();
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(AlcoveMeasure) measure = g_list_model_get_item (measures, i);

      g_string_append_printf (ids, "%s%s", ids->len ? ", " : "", alcove_measure_get_id (measure));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static const AlcoveMeasureItem *
find_item (AlcoveMeasure *measure,
           const char    *item_id)
{
  for (guint i = 0; i < alcove_measure_get_n_items (measure); i++)
    if (g_str_equal (alcove_measure_get_item (measure, i)->id, item_id))
      return alcove_measure_get_item (measure, i);
  return NULL;
}

/* One answer: an item of the measure, and a score that is one of its options */
static gboolean
read_answer (AlcoveMeasure  *measure,
             JsonObject     *answers,
             const char     *item_id,
             const char     *path,
             GHashTable     *into,
             GError        **error)
{
  g_autofree char *where = g_strdup_printf ("%s.answers.%s", path, item_id);
  const AlcoveMeasureItem *item = find_item (measure, item_id);
  JsonNode *node = json_object_get_member (answers, item_id);
  g_autoptr(GString) options = g_string_new (NULL);
  g_autofree char *number = NULL;
  gint64 score;

  if (item == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint i = 0; i < alcove_measure_get_n_items (measure); i++)
        g_string_append_printf (known, "%s%s", known->len ? ", " : "",
                                alcove_measure_get_item (measure, i)->id);
      return fail_at (error, where, _("not an item of %s (its items: %s)"),
                      alcove_measure_get_id (measure), known->str);
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail_at (error, where, _("expected a whole number, found %s"), node_kind (node));
  score = json_node_get_int (node);
  for (guint i = 0; i < item->options->len; i++)
    {
      const AlcoveMeasureOption *option = &g_array_index (item->options, AlcoveMeasureOption, i);

      if (option->score == score)
        {
          g_hash_table_insert (into, g_strdup (item_id), GINT_TO_POINTER (option->score + 1));
          return TRUE;
        }
      g_string_append_printf (options, "%s%d", options->len ? ", " : "", option->score);
    }
  number = g_strdup_printf ("%" G_GINT64_FORMAT, score);
  /* Translators: the first %s is the number the file gave, the last the scores allowed */
  return fail_at (error, where, _("%s is out of range: the answers to item %d of %s score %s"),
                  number, item->number, alcove_measure_get_id (measure), options->str);
}

/* What the file says the score was, compared with what the answers score: never kept */
static gboolean
compare_score (Import               *import,
               JsonObject           *object,
               const char           *path,
               AlcoveMeasureResult  *result,
               GError              **error)
{
  const char *band;
  gint64 total = 0;
  g_autofree char *file_total = NULL;
  gboolean present;

  if (!get_integer (object, path, "total", FALSE, &total, &present, error) ||
      !optional_string (object, path, "band", NULL, &band, error))
    return FALSE;
  if (present && total != result->total)
    file_total = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  if (file_total != NULL)
    g_ptr_array_add (import->warnings,
                     g_strdup_printf (_("%s.total: the file says %s, the answers score %d; "
                                        "the score was kept"),
                                      path, file_total, result->total));
  if (band != NULL && g_strcmp0 (band, result->band_id) != 0)
    g_ptr_array_add (import->warnings,
                     g_strdup_printf (_("%s.band: the file says \"%s\", the answers score "
                                        "\"%s\"; the score was kept"),
                                      path, band, result->band_id ? result->band_id : ""));
  return TRUE;
}

static gboolean
read_scored (Import         *import,
             JsonObject     *object,
             const char     *path,
             ImportMeasure  *entry,
             GError        **error)
{
  g_autoptr(AlcoveMeasureResult) result = NULL;
  g_autoptr(GError) score_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *where = g_strdup_printf ("%s.answers", path);
  g_autoptr(GString) missing = g_string_new (NULL);
  JsonNode *answers = json_object_get_member (object, "answers");
  const char *acknowledged;

  if (answers == NULL)
    return fail_at (error, where, _("missing; this field is required"));
  if (!JSON_NODE_HOLDS_OBJECT (answers))
    return fail_at (error, where, _("expected an object, found %s"), node_kind (answers));
  members = json_object_get_members (json_node_get_object (answers));
  for (GList *l = members; l != NULL; l = l->next)
    if (!read_answer (entry->measure, json_node_get_object (answers), l->data, path,
                      entry->answers, error))
      return FALSE;
  result = alcove_measure_score (entry->measure, entry->answers, &score_error);
  if (result == NULL)
    return fail_at (error, where, "%s", score_error->message);
  for (guint i = 0; !result->complete && i < alcove_measure_get_n_items (entry->measure); i++)
    {
      const AlcoveMeasureItem *item = alcove_measure_get_item (entry->measure, i);

      if (item->scored && !item->optional && !g_hash_table_contains (entry->answers, item->id))
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", item->id);
    }
  if (!result->complete)
    return fail_at (error, where, _("not every item is answered (missing: %s); Alcove keeps "
                                    "complete administrations only"), missing->str);

  g_clear_pointer (&where, g_free);
  where = g_strdup_printf ("%s.acknowledged_at", path);
  if (!optional_string (object, path, "acknowledged_at", NULL, &acknowledged, error))
    return FALSE;
  if (result->alert_ids->len > 0 && acknowledged == NULL)
    return fail_at (error, where, _("missing; these answers raise a risk prompt (%s), which "
                                    "the clinician acknowledges when giving the measure"),
                    (const char *) g_ptr_array_index (result->alert_messages, 0));
  if (result->alert_ids->len == 0 && acknowledged != NULL)
    return fail_at (error, where, _("these answers raise no risk prompt, so there is nothing "
                                    "to acknowledge"));
  if (acknowledged != NULL && !check_timestamp (path, "acknowledged_at", acknowledged, error))
    return FALSE;
  entry->acknowledged = acknowledged != NULL;
  return compare_score (import, object, path, result, error);
}

static gboolean
read_measure (Import      *import,
              JsonNode    *node,
              guint        index,
              GHashTable  *ids,
              GHashTable  *by_client,
              GError     **error)
{
  g_autofree char *path = g_strdup_printf ("measures[%u]", index);
  g_autofree char *where = NULL;
  g_autoptr(ImportMeasure) entry = NULL;
  const char *id, *client, *author, *measure_id, *date, *session, *vault_id;
  JsonObject *object;

  if ((object = entry_object (node, path, error)) == NULL ||
      !check_members (object, path, measure_fields, error) ||
      (client = get_string (object, path, "client", TRUE, error)) == NULL ||
      (author = get_string (object, path, "author", TRUE, error)) == NULL ||
      (measure_id = get_string (object, path, "measure", TRUE, error)) == NULL ||
      (date = get_string (object, path, "administered_on", TRUE, error)) == NULL ||
      !optional_string (object, path, "id", NULL, &id, error) ||
      !optional_string (object, path, "session", NULL, &session, error))
    return FALSE;
  if ((id != NULL && !check_id (path, id, ids, error)) ||
      !resolve_entry_client (import, path, client, &vault_id, error))
    return FALSE;
  if (import->vault != NULL && !check_author (import, path, author, _("measures"), error))
    return FALSE;

  entry = g_new0 (ImportMeasure, 1);
  entry->client_id = g_strdup (vault_id);
  entry->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  entry->measure = alcove_measure_lookup (measure_id);
  if (entry->measure == NULL)
    {
      g_autofree char *known = join_measures ();

      where = g_strdup_printf ("%s.measure", path);
      return fail_at (error, where, _("\"%s\" is not an outcome measure of this Alcove (use one "
                                      "of: %s)"), measure_id, known);
    }
  if (!check_past_date (path, "administered_on", date, error))
    return FALSE;
  entry->administered_on = date;
  if (session != NULL &&
      (entry->session = find_session (import, path, session, vault_id, error)) == NULL)
    return FALSE;
  if (!read_scored (import, object, path, entry, error))
    return FALSE;
  g_ptr_array_add (import->file_measures, g_steal_pointer (&entry));
  return TRUE;
}

gboolean
alcove_interchange_read_measures (Import     *import,
                                  JsonArray  *measures,
                                  GError    **error)
{
  return read_entries (import, measures, read_measure, error);
}

/* ---- clinical events: medication changes and others (plan changes come from the plans) ---- */

static const char * const event_fields[] = {
  "id", "client", "author", "kind", "occurred_on", "text", NULL
};

static gboolean
read_event (Import      *import,
            JsonNode    *node,
            guint        index,
            GHashTable  *ids,
            GHashTable  *by_client,
            GError     **error)
{
  g_autofree char *path = g_strdup_printf ("events[%u]", index);
  g_autofree char *where = NULL;
  const char *id, *client, *author, *kind, *date, *text, *vault_id;
  JsonObject *object;
  ImportEvent *entry;
  int event_kind;

  if ((object = entry_object (node, path, error)) == NULL ||
      !check_members (object, path, event_fields, error) ||
      (client = get_string (object, path, "client", TRUE, error)) == NULL ||
      (author = get_string (object, path, "author", TRUE, error)) == NULL ||
      (kind = get_string (object, path, "kind", TRUE, error)) == NULL ||
      (date = get_string (object, path, "occurred_on", TRUE, error)) == NULL ||
      (text = get_string (object, path, "text", TRUE, error)) == NULL ||
      !optional_string (object, path, "id", NULL, &id, error))
    return FALSE;
  if ((id != NULL && !check_id (path, id, ids, error)) ||
      !resolve_entry_client (import, path, client, &vault_id, error))
    return FALSE;
  if (import->vault != NULL && !check_author (import, path, author, _("clinical events"), error))
    return FALSE;
  event_kind = alcove_clinical_event_kind_from_string (kind);
  if (event_kind != ALCOVE_EVENT_MEDICATION && event_kind != ALCOVE_EVENT_OTHER)
    {
      where = g_strdup_printf ("%s.kind", path);
      return fail_at (error, where, _("expected \"medication\" or \"other\"; a plan's changes "
                                      "come from its signed versions"));
    }
  if (!alcove_date_is_valid (date))
    {
      where = g_strdup_printf ("%s.occurred_on", path);
      return fail_at (error, where, _("expected a date as YYYY-MM-DD"));
    }
  if (*text == '\0' || strchr (text, '\n') != NULL ||
      g_utf8_strlen (text, -1) > ALCOVE_EVENT_TEXT_MAX)
    {
      where = g_strdup_printf ("%s.text", path);
      return fail_at (error, where, _("expected one line of 1 to %d characters"),
                      ALCOVE_EVENT_TEXT_MAX);
    }
  entry = g_new0 (ImportEvent, 1);
  entry->client_id = g_strdup (vault_id);
  entry->kind = event_kind;
  entry->occurred_on = date;
  entry->text = text;
  g_ptr_array_add (import->file_events, entry);
  return TRUE;
}

gboolean
alcove_interchange_read_events (Import     *import,
                                JsonArray  *events,
                                GError    **error)
{
  return read_entries (import, events, read_event, error);
}

/* ---- writing plans, measures and events ---- */

/* The file's problems, as the plan stores them: a new id for an item without one, and each
 * diagnosis link to the diagnosis as written to the vault, with its code */
static void
complete_items (JsonArray *items)
{
  static const char * const children[] = { "goals", "objectives", "interventions", NULL };

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (!json_object_has_member (item, "id"))
        {
          g_autofree char *id = g_uuid_string_random ();

          json_object_set_string_member (item, "id", id);
        }
      for (guint c = 0; children[c] != NULL; c++)
        if (json_object_has_member (item, children[c]))
          complete_items (json_object_get_array_member (item, children[c]));
    }
}

static char *
dup_content (Import            *import,
             const char        *client_id,
             ImportPlanVersion *version)
{
  g_autoptr(JsonNode) problems = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) content = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copied = NULL;
  g_autofree char *text = NULL;
  JsonObject *root = json_object_new ();
  JsonArray *copy;

  /* a deep copy: json_node_copy() shares what it holds */
  json_node_set_array (problems, version->problems);
  text = json_to_string (problems, FALSE);
  copied = json_from_string (text, NULL);
  copy = json_node_get_array (copied);
  json_object_set_array_member (root, "problems", json_array_ref (copy));
  json_node_take_object (content, root);
  complete_items (copy);
  for (guint p = 0; p < json_array_get_length (copy); p++)
    {
      JsonObject *problem = json_array_get_object_element (copy, p);
      JsonArray *links = json_object_has_member (problem, "diagnoses")
                         ? json_object_get_array_member (problem, "diagnoses") : NULL;

      for (guint d = 0; links != NULL && d < json_array_get_length (links); d++)
        {
          JsonObject *link = json_array_get_object_element (links, d);
          g_autoptr(AlcoveDiagnosis) diagnosis = NULL;

          diagnosis = find_diagnosis (import, json_object_get_string_member (link, "id"),
                                      client_id);
          json_object_set_string_member (link, "id", alcove_diagnosis_get_id (diagnosis));
          json_object_set_string_member (link, "code", alcove_diagnosis_get_code (diagnosis));
        }
    }
  return json_to_string (content, FALSE);
}

/* Each version as a draft with the file's content, signed if it was: the first is created,
 * each next one revised from the one before */
static gboolean
write_plan (Import              *import,
            ImportPlan          *entry,
            AlcoveImportReport  *report,
            GError             **error)
{
  g_autoptr(AlcovePlan) plan = NULL;

  for (guint i = 0; i < entry->versions->len; i++)
    {
      ImportPlanVersion *version = g_ptr_array_index (entry->versions, i);
      g_autofree char *content = dup_content (import, entry->client_id, version);
      AlcovePlan *next = i == 0
                         ? alcove_plan_store_create (import->plan_store, entry->client_id, error)
                         : alcove_plan_store_revise (import->plan_store, plan, error);

      if (next == NULL)
        {
          g_prefix_error (error, "%s: ", version->path);
          return FALSE;
        }
      g_clear_object (&plan);
      plan = next;
      alcove_plan_set_effective_on (plan, version->effective_on);
      alcove_plan_set_participation (plan, version->client_signed_on,
                                     version->no_signature_reason);
      alcove_plan_load_content_json (plan, content);
      if (!alcove_plan_store_save (import->plan_store, plan, error) ||
          (version->is_signed && !alcove_plan_store_sign (import->plan_store, plan, error)))
        {
          g_prefix_error (error, "%s: ", version->path);
          return FALSE;
        }
      report->n_plan_versions++;
    }
  report->n_plans++;
  return TRUE;
}

static gboolean
write_measure (Import    *import,
               gpointer   data,
               GError   **error)
{
  ImportMeasure *entry = data;
  g_autoptr(AlcoveMeasureAdministration) administration = NULL;

  administration = alcove_measure_store_administer (
    import->measure_store, entry->client_id, alcove_measure_get_id (entry->measure),
    entry->administered_on,
    entry->session ? alcove_session_get_id (entry->session->session) : NULL,
    entry->answers, entry->acknowledged, error);
  return administration != NULL;
}

static gboolean
write_event (Import    *import,
             gpointer   data,
             GError   **error)
{
  ImportEvent *entry = data;
  g_autoptr(AlcoveClinicalEvent) event = NULL;

  event = alcove_event_store_add (import->event_store, entry->client_id, entry->kind,
                                  entry->occurred_on, entry->text, error);
  return event != NULL;
}

gboolean
alcove_interchange_write_records (Import              *import,
                                  AlcoveImportReport  *report,
                                  GError             **error)
{
  for (guint i = 0; i < import->file_plans->len; i++)
    if (!write_plan (import, g_ptr_array_index (import->file_plans, i), report, error))
      return FALSE;
  return write_entries (import, import->file_measures, "measures", write_measure,
                        &report->n_measures, error) &&
         write_entries (import, import->file_events, "events", write_event,
                        &report->n_events, error);
}
