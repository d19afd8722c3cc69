/* alcove-interchange-private.h — what the parts of the interchange share: the file as
 * read and checked, and the helpers that name an entry and field in their errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-date.h"
#include "alcove-diagnosis-store.h"
#include "alcove-event-store.h"
#include "alcove-interchange.h"
#include "alcove-measure-store.h"
#include "alcove-note-format.h"
#include "alcove-plan-store.h"
#include "alcove-vault-private.h"

G_BEGIN_DECLS

/* ---- errors that name the entry and field ---- */

static inline gboolean G_GNUC_PRINTF (3, 4)
fail_at (GError     **error,
         const char  *path,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID, "%s: %s", path, message);
  return FALSE;
}

static inline const char *
node_kind (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    default:
      return _("a number");
    }
}

static inline gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Refuses members not in `allowed`, so a misspelt optional field is not silently dropped */
static inline gboolean
check_members (JsonObject         *object,
               const char         *path,
               const char * const *allowed,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *where = path ? g_strdup_printf ("%s.%s", path, (const char *) l->data)
                                      : g_strdup (l->data);
        g_autofree char *known = g_strjoinv (", ", (char **) allowed);

        return fail_at (error, where, _("unknown field (known fields: %s)"), known);
      }
  return TRUE;
}

/* A string member; NULL and no error when optional and absent */
static inline const char *
get_string (JsonObject  *object,
            const char  *path,
            const char  *member,
            gboolean     required,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *where = g_strdup_printf ("%s.%s", path, member);

  if (node == NULL)
    {
      if (required)
        fail_at (error, where, _("missing; this field is required"));
      return NULL;
    }
  if (!is_string (node))
    {
      fail_at (error, where, _("expected a string, found %s"), node_kind (node));
      return NULL;
    }
  return json_node_get_string (node);
}

static inline JsonArray *
get_array (JsonObject  *object,
           const char  *path,
           const char  *member,
           gboolean     required,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *where = path ? g_strdup_printf ("%s.%s", path, member) : g_strdup (member);

  if (node == NULL)
    {
      if (required)
        fail_at (error, where, _("missing; this field is required"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail_at (error, where, _("expected an array, found %s"), node_kind (node));
      return NULL;
    }
  return json_node_get_array (node);
}

/* An optional string member: `fallback` when absent; FALSE on a value that is not text */
static inline gboolean
optional_string (JsonObject  *object,
                 const char  *path,
                 const char  *member,
                 const char  *fallback,
                 const char **value,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *value = get_string (object, path, member, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (*value == NULL)
    *value = fallback;
  return TRUE;
}

static inline gboolean
optional_array (JsonObject  *object,
                const char  *path,
                const char  *member,
                JsonArray  **value,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *value = get_array (object, path, member, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static inline gboolean
check_date (const char  *path,
            const char  *member,
            const char  *value,
            GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, member);

  if (!alcove_date_is_valid (value))
    return fail_at (error, where, _("\"%s\" is not a date (YYYY-MM-DD)"), value);
  return TRUE;
}

static inline gboolean
check_timestamp (const char  *path,
                 const char  *member,
                 const char  *value,
                 GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (value, utc);
  g_autofree char *where = g_strdup_printf ("%s.%s", path, member);

  if (time == NULL)
    return fail_at (error, where, _("\"%s\" is not a date and time (ISO 8601, such as "
                                    "2024-05-01T14:30:00Z)"), value);
  return TRUE;
}

static inline char *
format_timestamp (gint64 ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (ms / 1000);
  g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, (int) (ms % 1000));
}

static inline void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/* ---- the file as read and checked ---- */

typedef struct
{
  char         *file_id;
  AlcoveClient *client;    /* with its vault id and members mapped */
  JsonArray    *members;   /* borrowed from the parsed file; NULL for none */
  guint         index;
} ImportClient;

/* A session of the file; its vault id is known once written */
typedef struct
{
  char          *file_id;
  AlcoveSession *session;   /* client and clinician mapped */
  guint          index;
  int            note;      /* the index of the note it holds, or -1 */
} ImportSession;

typedef struct
{
  char             *client_id;  /* vault id */
  ImportSession    *session;    /* NULL: a new session on the session date */
  AlcoveNoteFormat *format;     /* owned by the library */
  const char       *session_date;
  JsonObject       *sections;   /* borrowed */
  gboolean          is_signed;
  GPtrArray        *addenda;    /* texts, borrowed */
} ImportNote;

typedef struct
{
  char       *path;             /* "plans[0].versions[1]" */
  const char *effective_on;
  const char *client_signed_on;
  const char *no_signature_reason;
  gboolean    is_signed;
  JsonArray  *problems;         /* borrowed from the parsed file, checked */
} ImportPlanVersion;

typedef struct
{
  char      *client_id;         /* vault id */
  GPtrArray *versions;          /* ImportPlanVersion, oldest first */
} ImportPlan;

typedef struct
{
  char          *client_id;     /* vault id */
  AlcoveMeasure *measure;       /* owned by the library */
  const char    *administered_on;
  ImportSession *session;       /* or NULL */
  char          *vault_session; /* a session already in the vault, or NULL */
  GHashTable    *answers;       /* item id → GINT_TO_POINTER (score + 1) */
  gboolean       acknowledged;
} ImportMeasure;

typedef struct
{
  char            *client_id;   /* vault id */
  AlcoveEventKind  kind;        /* a medication change or another event, never a plan's */
  const char      *occurred_on;
  const char      *text;
} ImportEvent;

/* notes, clients, vault and the stores are NULL when only the file is checked
 * (alcove_interchange_check): what needs the vault is then skipped */
typedef struct
{
  AlcoveNoteStore      *notes;
  AlcoveClientStore    *clients;
  AlcoveVault          *vault;
  AlcoveDiagnosisStore *diagnosis_store;
  AlcovePlanStore      *plan_store;
  AlcoveMeasureStore   *measure_store;
  AlcoveEventStore     *event_store;
  gint64                version;
  GPtrArray            *file_clients;    /* ImportClient, in file order */
  GHashTable           *by_file_id;      /* file id → ImportClient */
  GPtrArray            *file_notes;      /* ImportNote */
  GPtrArray            *file_sessions;   /* ImportSession */
  GHashTable           *sessions_by_id;  /* file id → ImportSession */
  GPtrArray            *file_diagnoses;  /* AlcoveDiagnosis: client mapped, code normalised;
                                          * its vault id is known once written */
  GHashTable           *diagnoses_by_id; /* file id → AlcoveDiagnosis */
  GPtrArray            *file_plans;      /* ImportPlan */
  GPtrArray            *file_measures;   /* ImportMeasure */
  GPtrArray            *file_events;     /* ImportEvent */
  GPtrArray            *warnings;        /* char * */
} Import;

/* A client id in the file: one of the file's clients, or a client of the vault by UUID.
 * Sets the vault id and the record type; FALSE if neither. */
static inline gboolean
resolve_client (Import           *import,
                const char       *file_id,
                const char      **vault_id,
                AlcoveRecordType *type)
{
  ImportClient *entry = g_hash_table_lookup (import->by_file_id, file_id);
  AlcoveClient *existing;

  if (entry != NULL)
    {
      *vault_id = alcove_client_get_id (entry->client);
      *type = alcove_client_get_record_type (entry->client);
      return TRUE;
    }
  existing = import->clients ? alcove_client_store_lookup (import->clients, file_id) : NULL;
  if (existing == NULL)
    return FALSE;
  *vault_id = alcove_client_get_id (existing);
  *type = alcove_client_get_record_type (existing);
  return TRUE;
}

/* Only the author holds the key of their notes store; `records` names what they wrote */
static inline gboolean
check_author (Import      *import,
              const char  *path,
              const char  *author,
              const char  *records,
              GError     **error)
{
  AlcoveUser *me = alcove_vault_get_current_user (import->vault);
  g_autoptr(GListModel) users = alcove_vault_list_users (import->vault);
  g_autofree char *where = g_strdup_printf ("%s.author", path);
  gboolean author_exists = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (users) && !author_exists; i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      author_exists = g_str_equal (alcove_user_get_username (user), author);
    }
  if (!author_exists)
    return fail_at (error, where, _("no user \"%s\" in this vault"), author);
  if (!g_str_equal (author, alcove_user_get_username (me)))
    return fail_at (error, where, _("only %s written by %s can be imported by you; ask %s to "
                                    "import theirs"),
                    records, alcove_user_get_username (me), author);
  return TRUE;
}

/* alcove-interchange-records.c: reading and writing sessions, diagnoses, plans and measures
 * (version 2) */
void      alcove_interchange_records_init   (Import              *import);
void      alcove_interchange_records_clear  (Import              *import);
gboolean  alcove_interchange_read_sessions  (Import              *import,
                                             JsonArray           *sessions,
                                             GError             **error);
gboolean  alcove_interchange_read_diagnoses (Import              *import,
                                             JsonArray           *diagnoses,
                                             GError             **error);
gboolean  alcove_interchange_read_plans     (Import              *import,
                                             JsonArray           *plans,
                                             GError             **error);
gboolean  alcove_interchange_read_measures  (Import              *import,
                                             JsonArray           *measures,
                                             GError             **error);
gboolean  alcove_interchange_read_events    (Import              *import,
                                             JsonArray           *events,
                                             GError             **error);
/* A note's "session": its session of the file, checked against the note */
gboolean  alcove_interchange_note_session   (Import              *import,
                                             const char          *path,
                                             const char          *session_id,
                                             guint                note_index,
                                             ImportNote          *note,
                                             GError             **error);
/* "hash": the SHA-256 of the entry's canonical JSON without it */
char     *alcove_interchange_hash_entry     (JsonObject          *entry);
gboolean  alcove_interchange_check_hash     (JsonObject          *entry,
                                             const char          *path,
                                             const char          *what,
                                             GError             **error);
/* Sessions and diagnoses, which notes and plans refer to */
gboolean  alcove_interchange_write_sessions (Import              *import,
                                             AlcoveImportReport  *report,
                                             GError             **error);
gboolean  alcove_interchange_write_records  (Import              *import,
                                             AlcoveImportReport  *report,
                                             GError             **error);

/* alcove-interchange-export.c: what the signed-in user may read of these, collected (and
 * signed plans verified) before anything is written, then built into the file */
typedef struct _AlcoveExportRecords AlcoveExportRecords;

AlcoveExportRecords *alcove_export_records_collect (AlcoveNoteStore     *notes,
                                                    GPtrArray           *clients,
                                                    GError             **error);
void      alcove_export_records_free        (AlcoveExportRecords *records);
void      alcove_export_records_build_sessions (AlcoveExportRecords *records,
                                                JsonBuilder         *builder,
                                                GHashTable          *usernames);
void      alcove_export_records_build_diagnoses (AlcoveExportRecords *records,
                                                 JsonBuilder         *builder);
void      alcove_export_records_build_plans (AlcoveExportRecords *records,
                                             JsonBuilder         *builder,
                                             GHashTable          *usernames);
void      alcove_export_records_build_measures (AlcoveExportRecords *records,
                                                JsonBuilder         *builder,
                                                GHashTable          *usernames);
void      alcove_export_records_build_events (AlcoveExportRecords *records,
                                              JsonBuilder         *builder,
                                              GHashTable          *usernames);
/* "sessions", "3", "diagnoses", …: for the audit row */
void      alcove_export_records_count       (AlcoveExportRecords *records,
                                             guint               *n_sessions,
                                             guint               *n_diagnoses,
                                             guint               *n_plans,
                                             guint               *n_measures,
                                             guint               *n_events);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveExportRecords, alcove_export_records_free)

G_END_DECLS
