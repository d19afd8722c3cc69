/* alcove-client-store-sessions.c — the sessions of the client store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-client-store"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-client-store-private.h"

/* A session is what billing sees: who, when, how long, how, its service code, what became of
 * it (scheduled, attended, cancelled or a no-show, with a reason) and whether its note is
 * signed. It is opened, changed and deleted here; the rules live here too, so no caller
 * skips them. Once its note is signed, the session is part of the record: it is never
 * deleted and only its service code changes (practice.db's triggers hold that against raw
 * SQL too); a correction is an addendum to the note. */

#define SESSION_COLUMNS \
  "id, client_id, clinician, date, start_time, platform, service_code, note_status," \
  " duration_min, modality, status, status_reason, signed_note"

static AlcoveSession *
session_from_row (sqlite3_stmt *stmt)
{
  AlcoveSession *session = alcove_session_new ();
  AlcoveSessionStatus status = ALCOVE_SESSION_ATTENDED;

  alcove_session_set_id (session, alcove_row_text (stmt, 0));
  for (guint field = 0; field < ALCOVE_SESSION_N_FIELDS; field++)
    alcove_session_set_field (session, field, alcove_row_text (stmt, 1 + field));
  alcove_session_set_duration (session, sqlite3_column_int (stmt, 8));
  alcove_session_set_modality (session, g_str_equal (alcove_row_text (stmt, 9), "telehealth") ?
                                        ALCOVE_MODALITY_TELEHEALTH : ALCOVE_MODALITY_IN_PERSON);
  alcove_session_status_from_string (alcove_row_text (stmt, 10), &status);
  alcove_session_set_status (session, status);
  alcove_session_set_status_reason (session, alcove_row_text (stmt, 11));
  alcove_session_set_signed_note (session, sqlite3_column_int (stmt, 12) != 0);
  return session;
}

static gboolean
load_attendees (AlcoveDatabase  *database,
                AlcoveSession   *session,
                GError         **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = alcove_database_prepare (database, "SELECT client_id FROM session_attendees"
                                            " WHERE session_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_session_get_id (session), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, alcove_row_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (database, NULL, rc, error);
  ids = g_strv_builder_end (builder);
  alcove_session_set_attendees (session, (const char * const *) ids);
  return TRUE;
}

/* The sessions a query finds, with ?1 the client's id and ?2, ?3 more text when not NULL,
 * each with its attendees */
static GListModel *
query_sessions (AlcoveClientStore  *self,
                const char         *sql,
                const char         *client_id,
                const char         *second,
                const char         *third,
                GError            **error)
{
  const char *params[] = { client_id, second, third };
  g_autoptr(GListStore) sessions = g_list_store_new (ALCOVE_TYPE_SESSION);
  AlcoveDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  database = alcove_vault_get_database (self->vault);
  if ((stmt = alcove_database_prepare (database, sql, error)) == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (params) && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AlcoveSession) session = session_from_row (stmt);

      g_list_store_append (sessions, session);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (database, NULL, rc, error);
      return NULL;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sessions)); i++)
    {
      g_autoptr(AlcoveSession) session = g_list_model_get_item (G_LIST_MODEL (sessions), i);

      if (!load_attendees (database, session, error))
        return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&sessions));
}

#define OF_CLIENT \
  " (client_id = ?1 OR id IN (SELECT session_id FROM session_attendees WHERE client_id = ?1))"
#define NEWEST_FIRST " ORDER BY date DESC, start_time DESC"

/* Every session of this record, and the group sessions this client attended, newest first */
GListModel *
alcove_client_store_list_sessions (AlcoveClientStore  *self,
                                   const char         *client_id,
                                   GError            **error)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self) && client_id != NULL, NULL);
  return query_sessions (self, "SELECT " SESSION_COLUMNS " FROM sessions WHERE" OF_CLIENT
                               NEWEST_FIRST, client_id, NULL, NULL, error);
}

/* The sessions of this record a new note can be written for: none has a note yet, none was
 * cancelled; newest first. A group session's note belongs to the group's record, so the
 * group sessions a member attended are not among them. */
GListModel *
alcove_client_store_list_open_sessions (AlcoveClientStore  *self,
                                        const char         *client_id,
                                        GError            **error)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self) && client_id != NULL, NULL);
  return query_sessions (self, "SELECT " SESSION_COLUMNS " FROM sessions WHERE client_id = ?1"
                               " AND note_status = 'none' AND signed_note = 0"
                               " AND status <> 'cancelled'" NEWEST_FIRST, client_id, NULL,
                         NULL, error);
}

/* The sessions this client attended from `from` to `to` (YYYY-MM-DD, either NULL for no
 * limit), oldest first, each once: what an attendance record lists. Scheduled, cancelled
 * and missed sessions are not attendance. */
GListModel *
alcove_client_store_list_attended (AlcoveClientStore  *self,
                                   const char         *client_id,
                                   const char         *from,
                                   const char         *to,
                                   GError            **error)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self) && client_id != NULL, NULL);
  return query_sessions (self, "SELECT " SESSION_COLUMNS " FROM sessions WHERE" OF_CLIENT
                               " AND status = 'attended' AND date >= ?2 AND date <= ?3"
                               " ORDER BY date, start_time", client_id,
                         from && *from ? from : "0000-00-00", to && *to ? to : "9999-99-99",
                         error);
}

AlcoveSession *
alcove_client_store_get_session (AlcoveClientStore  *self,
                                 const char         *session_id,
                                 GError            **error)
{
  g_autoptr(GListModel) found = NULL;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self), NULL);
  g_return_val_if_fail (session_id != NULL, NULL);

  found = query_sessions (self, "SELECT " SESSION_COLUMNS " FROM sessions WHERE id = ?1",
                          session_id, NULL, NULL, error);
  if (found == NULL)
    return NULL;
  if (g_list_model_get_n_items (found) == 0)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                           _("That session no longer exists"));
      return NULL;
    }
  return g_list_model_get_item (found, 0);
}

/* ---- the rules ---- */

static gboolean
validate_status (AlcoveSession  *session,
                 GError        **error)
{
  g_autofree char *today = alcove_date_today_iso ();
  const char *date = alcove_session_get_field (session, ALCOVE_SESSION_DATE);

  switch (alcove_session_get_status (session))
    {
    case ALCOVE_SESSION_SCHEDULED:
      alcove_session_set_status_reason (session, "");
      return TRUE;
    case ALCOVE_SESSION_ATTENDED:
      alcove_session_set_status_reason (session, "");
      break;
    case ALCOVE_SESSION_CANCELLED:
      return *alcove_session_get_status_reason (session) != '\0' ||
             alcove_error_invalid (error, _("Say why the session was cancelled"));
    case ALCOVE_SESSION_NO_SHOW:
      if (*alcove_session_get_status_reason (session) == '\0')
        return alcove_error_invalid (error, _("Say what is known of why the client did not "
                                              "come, or that nothing is"));
      break;
    default:
      return alcove_error_invalid (error, _("Choose what became of the session"));
    }
  if (g_strcmp0 (date, today) > 0)
    return alcove_error_invalid (error, _("A session in the future can be scheduled or "
                                          "cancelled, not attended or missed"));
  return TRUE;
}

static gboolean
validate_session (AlcoveClientStore  *self,
                  AlcoveSession      *session,
                  GError            **error)
{
  AlcoveClient *record = alcove_client_store_lookup (self, alcove_session_get_field (session,
                                                            ALCOVE_SESSION_CLIENT_ID));
  GPtrArray *attendees = alcove_session_get_attendees (session);
  const char *start = alcove_session_get_field (session, ALCOVE_SESSION_START_TIME);
  int hours, minutes;
  char tail;

  if (record == NULL)
    return alcove_error_invalid (error, _("Choose the client this session is for"));
  if (!alcove_date_is_valid (alcove_session_get_field (session, ALCOVE_SESSION_DATE)))
    return alcove_error_invalid (error, _("Enter the session date as YYYY-MM-DD"));
  if (*start != '\0' && (sscanf (start, "%2d:%2d%c", &hours, &minutes, &tail) != 2 ||
                         hours > 23 || minutes > 59 || hours < 0 || minutes < 0))
    return alcove_error_invalid (error, _("Enter the start time as HH:MM, for example 14:30"));
  if (alcove_session_get_duration (session) == 0 || alcove_session_get_duration (session) > 600)
    return alcove_error_invalid (error, _("A session lasts between 1 and 600 minutes"));
  if (alcove_session_get_modality (session) == ALCOVE_MODALITY_TELEHEALTH &&
      *alcove_session_get_field (session, ALCOVE_SESSION_PLATFORM) == '\0')
    return alcove_error_invalid (error, _("Name the telehealth platform used for this session"));
  for (guint i = 0; i < attendees->len; i++)
    if (!g_ptr_array_find_with_equal_func (alcove_client_get_members (record),
                                           g_ptr_array_index (attendees, i), g_str_equal, NULL))
      return alcove_error_invalid (error,
                                   _("Every attendee must be a member of this couple, family or "
                                     "group record"));
  return validate_status (session, error);
}

static gboolean
same_attendees (AlcoveSession *a,
                AlcoveSession *b)
{
  GPtrArray *first = alcove_session_get_attendees (a);
  GPtrArray *second = alcove_session_get_attendees (b);

  if (first->len != second->len)
    return FALSE;
  for (guint i = 0; i < first->len; i++)
    if (!g_ptr_array_find_with_equal_func (second, g_ptr_array_index (first, i), g_str_equal,
                                           NULL))
      return FALSE;
  return TRUE;
}

/* What the encounter was; once its note is signed, the note stands for it */
static gboolean
same_encounter (AlcoveSession *saved,
                AlcoveSession *session)
{
  const AlcoveSessionField fields[] = { ALCOVE_SESSION_DATE, ALCOVE_SESSION_START_TIME,
                                        ALCOVE_SESSION_PLATFORM };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (alcove_session_get_field (saved, fields[i]),
                   alcove_session_get_field (session, fields[i])) != 0)
      return FALSE;
  return alcove_session_get_duration (saved) == alcove_session_get_duration (session) &&
         alcove_session_get_modality (saved) == alcove_session_get_modality (session) &&
         alcove_session_get_status (saved) == alcove_session_get_status (session) &&
         g_strcmp0 (alcove_session_get_status_reason (saved),
                    alcove_session_get_status_reason (session)) == 0 &&
         same_attendees (saved, session);
}

/* A change to a session already saved. The note status and whether a note was signed are
 * the note store's, never the caller's. */
static gboolean
check_change (AlcoveSession  *saved,
              AlcoveSession  *session,
              GError        **error)
{
  AlcoveSessionStatus status = alcove_session_get_status (session);

  if (g_strcmp0 (alcove_session_get_field (saved, ALCOVE_SESSION_CLIENT_ID),
                 alcove_session_get_field (session, ALCOVE_SESSION_CLIENT_ID)) != 0)
    return alcove_error_invalid (error, _("A session stays with the record it was recorded "
                                          "for; delete it and record it again"));
  alcove_session_set_field (session, ALCOVE_SESSION_NOTE_STATUS,
                            alcove_session_get_field (saved, ALCOVE_SESSION_NOTE_STATUS));
  alcove_session_set_signed_note (session, alcove_session_get_signed_note (saved));
  if (*alcove_session_get_field (session, ALCOVE_SESSION_CLINICIAN) == '\0')
    alcove_session_set_field (session, ALCOVE_SESSION_CLINICIAN,
                              alcove_session_get_field (saved, ALCOVE_SESSION_CLINICIAN));
  if ((alcove_session_get_signed_note (saved) ||
       g_str_equal (alcove_session_get_field (saved, ALCOVE_SESSION_NOTE_STATUS), "signed")) &&
      (!same_encounter (saved, session) ||
       g_strcmp0 (alcove_session_get_field (saved, ALCOVE_SESSION_CLINICIAN),
                  alcove_session_get_field (session, ALCOVE_SESSION_CLINICIAN)) != 0))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("This session’s note is signed, so the session is part of the "
                                "record: only its service code can change. Correct anything "
                                "else with an addendum to the note."));
  if (alcove_session_has_note (saved) &&
      (status == ALCOVE_SESSION_SCHEDULED || status == ALCOVE_SESSION_CANCELLED))
    return alcove_error_invalid (error, _("This session has a note, so it took place: it was "
                                          "attended or missed. Delete the draft note first if "
                                          "the session did not happen."));
  return TRUE;
}

/* ---- writing ---- */

static gboolean
write_attendees (AlcoveDatabase  *database,
                 AlcoveSession   *session,
                 GError         **error)
{
  GPtrArray *attendees = alcove_session_get_attendees (session);
  sqlite3_stmt *stmt;

  stmt = alcove_database_prepare (database, "DELETE FROM session_attendees WHERE session_id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_session_get_id (session), -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  for (guint i = 0; i < attendees->len; i++)
    {
      stmt = alcove_database_prepare (database, "INSERT OR IGNORE INTO session_attendees"
                                                " (session_id, client_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, alcove_session_get_id (session), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (attendees, i), -1, SQLITE_TRANSIENT);
      if (!alcove_database_step_done (database, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_row (AlcoveDatabase  *database,
           AlcoveSession   *session,
           gboolean         is_new,
           GError         **error)
{
  gboolean telehealth = alcove_session_get_modality (session) == ALCOVE_MODALITY_TELEHEALTH;
  AlcoveSessionStatus status = alcove_session_get_status (session);
  gint64 now = g_get_real_time () / 1000;
  sqlite3_stmt *stmt;

  /* an update names its columns: the note store's note_status and signed_note, and when the
   * session was first recorded, are left as they are */
  stmt = alcove_database_prepare (database, is_new ?
    "INSERT INTO sessions (" SESSION_COLUMNS ", created_ms, updated_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'none', ?9, ?10, ?11, ?12, 0, ?13, ?13)" :
    "UPDATE sessions SET clinician = ?3, date = ?4, start_time = ?5, platform = ?6,"
    " service_code = ?7, duration_min = ?9, modality = ?10, status = ?11,"
    " status_reason = ?12, updated_ms = ?13 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_session_get_id (session), -1, SQLITE_TRANSIENT);
  for (guint field = 0; field < ALCOVE_SESSION_NOTE_STATUS; field++)
    sqlite3_bind_text (stmt, 2 + field, alcove_session_get_field (session, field), -1,
                       SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 9, alcove_session_get_duration (session));
  sqlite3_bind_text (stmt, 10, telehealth ? "telehealth" : "in-person", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, alcove_session_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, alcove_session_get_status_reason (session), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 13, now);
  return alcove_database_step_done (database, stmt, error);
}

/* A draft note is dated with its session, in its author's notes store: it moves with the
 * session. Signing reads the date back from the draft's row. */
static gboolean
move_draft_dates (AlcoveClientStore  *self,
                  AlcoveSession      *session,
                  GError            **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  GHashTableIter iter;
  gpointer store_id;
  int moved = 0;

  g_hash_table_iter_init (&iter, self->vault->database_keys);
  while (g_hash_table_iter_next (&iter, &store_id, NULL))
    {
      g_autofree char *schema = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      if (!g_str_has_prefix (store_id, "notes:"))
        continue;
      schema = alcove_vault_schema_for (store_id);
      sql = g_strdup_printf ("UPDATE %s.notes SET session_date = ?2"
                             " WHERE session_id = ?1 AND status = 'draft'", schema);
      stmt = alcove_database_prepare (database, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, alcove_session_get_id (session), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, alcove_session_get_field (session, ALCOVE_SESSION_DATE), -1,
                         SQLITE_TRANSIENT);
      if (!alcove_database_step_done (database, stmt, error))
        return FALSE;
      moved += sqlite3_changes (alcove_database_get_handle (database));
    }
  return moved > 0 ||
         alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                            _("This session’s draft note is in its author’s notes, which you "
                              "cannot open, and it is dated with the session: ask its author "
                              "to change the date"));
}

/* A client's last session: the latest that was not cancelled, in their record or attended
 * as a member. Also what retention counts from. */
static gboolean
update_last_session (AlcoveDatabase  *database,
                     const char      *client_id,
                     GError         **error)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database,
    "UPDATE clients SET last_session = coalesce ((SELECT max (date) FROM sessions WHERE"
    OF_CLIENT " AND status <> 'cancelled'), '') WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  return alcove_database_step_done (database, stmt, error);
}

/* The record and every attendee, before and after the change */
static GPtrArray *
touched_clients (AlcoveSession *saved,
                 AlcoveSession *session)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  AlcoveSession *both[] = { saved, session };

  for (guint s = 0; s < G_N_ELEMENTS (both); s++)
    {
      GPtrArray *attendees;

      if (both[s] == NULL)
        continue;
      attendees = alcove_session_get_attendees (both[s]);
      if (!g_ptr_array_find_with_equal_func (ids, alcove_session_get_field (both[s],
                                             ALCOVE_SESSION_CLIENT_ID), g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (alcove_session_get_field (both[s],
                                                                  ALCOVE_SESSION_CLIENT_ID)));
      for (guint i = 0; i < attendees->len; i++)
        if (!g_ptr_array_find_with_equal_func (ids, g_ptr_array_index (attendees, i),
                                               g_str_equal, NULL))
          g_ptr_array_add (ids, g_strdup (g_ptr_array_index (attendees, i)));
    }
  return ids;
}

static const char *
audit_action (AlcoveSession *saved,
              AlcoveSession *session)
{
  AlcoveSessionStatus status = alcove_session_get_status (session);

  if (saved == NULL)
    return ALCOVE_AUDIT_SESSION_SAVE;
  if (status != alcove_session_get_status (saved) && status == ALCOVE_SESSION_CANCELLED)
    return ALCOVE_AUDIT_SESSION_CANCEL;
  if (status != alcove_session_get_status (saved) && status == ALCOVE_SESSION_NO_SHOW)
    return ALCOVE_AUDIT_SESSION_NO_SHOW;
  return ALCOVE_AUDIT_SESSION_UPDATE;
}

/* Audit rows name the client and the status, never the reason (words someone typed) */
static gboolean
audit_session (AlcoveClientStore  *self,
               const char         *action,
               AlcoveSession      *session,
               GError            **error)
{
  AlcoveSessionStatus status = alcove_session_get_status (session);
  g_autofree char *details = NULL;

  details = alcove_audit_details ("client",
                                  alcove_session_get_field (session, ALCOVE_SESSION_CLIENT_ID),
                                  "status", alcove_session_status_to_string (status), NULL);

  return alcove_audit_append (alcove_vault_get_audit (self->vault), action,
                              alcove_session_get_id (session), details, NULL, error);
}

static gboolean
write_session (AlcoveClientStore  *self,
               AlcoveSession      *saved,
               AlcoveSession      *session,
               GPtrArray          *touched,
               GError            **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);

  if (!write_row (database, session, saved == NULL, error))
    return FALSE;
  if ((saved == NULL || !same_attendees (saved, session)) &&
      !write_attendees (database, session, error))
    return FALSE;
  if (saved != NULL &&
      g_str_equal (alcove_session_get_field (saved, ALCOVE_SESSION_NOTE_STATUS), "draft") &&
      g_strcmp0 (alcove_session_get_field (saved, ALCOVE_SESSION_DATE),
                 alcove_session_get_field (session, ALCOVE_SESSION_DATE)) != 0 &&
      !move_draft_dates (self, session, error))
    return FALSE;
  for (guint i = 0; i < touched->len; i++)
    if (!update_last_session (database, g_ptr_array_index (touched, i), error))
      return FALSE;
  return audit_session (self, audit_action (saved, session), session, error);
}

/* The last-session dates a change moved, read back, so lists re-sort */
static void
refresh_clients (AlcoveClientStore *self,
                 GPtrArray         *touched)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);

  for (guint i = 0; i < touched->len; i++)
    {
      AlcoveClient *client = alcove_client_store_lookup (self, g_ptr_array_index (touched, i));
      g_autoptr(AlcoveClient) copy = NULL;
      g_autofree char *last = NULL;
      sqlite3_stmt *stmt;

      stmt = client ? alcove_database_prepare (database, "SELECT last_session FROM clients"
                                                         " WHERE id = ?", NULL) : NULL;
      if (stmt == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (touched, i), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        last = g_strdup (alcove_row_text (stmt, 0));
      sqlite3_reset (stmt);
      if (last == NULL ||
          g_strcmp0 (alcove_client_get_field (client, ALCOVE_CLIENT_LAST_SESSION), last) == 0)
        continue;
      copy = alcove_client_copy (client);
      alcove_client_set_field (copy, ALCOVE_CLIENT_LAST_SESSION, last);
      alcove_client_store_publish (self, copy);
    }
}

static gboolean
require_editor (AlcoveClientStore  *self,
                GError            **error)
{
  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  return alcove_client_store_can_edit (self) ||
         alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                            _("Your role may read sessions but not record them"));
}

static void
emit_changed (AlcoveClientStore *self,
              GPtrArray         *touched)
{
  for (guint i = 0; i < touched->len; i++)
    alcove_client_store_emit_sessions_changed (self, g_ptr_array_index (touched, i));
}

static gboolean
remove_session (AlcoveClientStore  *self,
                AlcoveSession      *session,
                GPtrArray          *touched,
                GError            **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  const char *statements[] = { "DELETE FROM session_attendees WHERE session_id = ?",
                               "DELETE FROM sessions WHERE id = ?" };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = alcove_database_prepare (database, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, alcove_session_get_id (session), -1, SQLITE_TRANSIENT);
      if (!alcove_database_step_done (database, stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < touched->len; i++)
    if (!update_last_session (database, g_ptr_array_index (touched, i), error))
      return FALSE;
  return audit_session (self, ALCOVE_AUDIT_SESSION_DELETE, session, error);
}

/* A change in one transaction with its audit row, then the clients' last-session dates and
 * the views that show the sessions; `session` NULL deletes `saved` */
static gboolean
apply_change (AlcoveClientStore  *self,
              AlcoveSession      *saved,
              AlcoveSession      *session,
              GError            **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autoptr(GPtrArray) touched = touched_clients (saved, session);
  gboolean done;

  if (!alcove_database_begin (database, error))
    return FALSE;
  done = session != NULL ? write_session (self, saved, session, touched, error)
                         : remove_session (self, saved, touched, error);
  if (!done)
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (!alcove_database_commit (database, error))
    return FALSE;
  refresh_clients (self, touched);
  emit_changed (self, touched);
  return TRUE;
}

/* Records a session (no id yet: the clinician defaults to the signed-in user) or saves a
 * change to one, in one transaction with its audit row. A cancellation or a no-show needs a
 * reason. On failure nothing is written and the session keeps what was typed. */
gboolean
alcove_client_store_save_session (AlcoveClientStore  *self,
                                  AlcoveSession      *session,
                                  GError            **error)
{
  g_autoptr(AlcoveSession) saved = NULL;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_SESSION (session), FALSE);

  if (!require_editor (self, error) || !validate_session (self, session, error))
    return FALSE;
  if (alcove_session_get_id (session) != NULL &&
      ((saved = alcove_client_store_get_session (self, alcove_session_get_id (session),
                                                 error)) == NULL ||
       !check_change (saved, session, error)))
    return FALSE;
  if (saved == NULL)
    {
      g_autofree char *id = g_uuid_string_random ();

      alcove_session_set_id (session, id);
      alcove_session_set_field (session, ALCOVE_SESSION_NOTE_STATUS, "none");
      alcove_session_set_signed_note (session, FALSE);
    }
  if (*alcove_session_get_field (session, ALCOVE_SESSION_CLINICIAN) == '\0')
    alcove_session_set_field (session, ALCOVE_SESSION_CLINICIAN,
                              alcove_user_get_uuid (alcove_vault_get_current_user (self->vault)));

  if (!apply_change (self, saved, session, error))
    {
      if (saved == NULL)
        alcove_session_set_id (session, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Deletes a session recorded in error. One whose note was signed is part of the record and
 * stays (correct it with an addendum to the note); one with a draft note keeps it until the
 * draft is deleted. */
gboolean
alcove_client_store_delete_session (AlcoveClientStore  *self,
                                    const char         *session_id,
                                    GError            **error)
{
  g_autoptr(AlcoveSession) saved = NULL;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (session_id != NULL, FALSE);

  if (!require_editor (self, error) ||
      (saved = alcove_client_store_get_session (self, session_id, error)) == NULL)
    return FALSE;
  if (alcove_session_get_signed_note (saved) ||
      g_str_equal (alcove_session_get_field (saved, ALCOVE_SESSION_NOTE_STATUS), "signed"))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("This session’s note is signed, so the session is part of the "
                                "record and cannot be deleted. Correct it with an addendum to "
                                "the note."));
  if (alcove_session_has_note (saved))
    return alcove_error_invalid (error, _("This session has a draft note. Delete the draft "
                                          "first if the session did not happen."));

  return apply_change (self, saved, NULL, error);
}
