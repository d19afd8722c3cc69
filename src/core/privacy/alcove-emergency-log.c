/* alcove-emergency-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-privacy"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-audit-actions.h"
#include "alcove-emergency-log.h"
#include "alcove-error.h"
#include "alcove-vault-private.h"

/* What the emergency_access table says of each time someone broke the glass, and who has
 * been told. The signed audit log holds the same events ("emergency.open", ".view",
 * ".end"), which is what the access-log review and `alcovectl verify` check. */

#define EVENT_COLUMNS \
  "e.id, e.user_id, e.client_id, e.reason, e.explanation, e.stores, e.started_ms," \
  " e.expires_ms, e.ended_ms, e.reviewed_by, e.reviewed_ms, e.review_comment," \
  " (SELECT count(*) FROM audit_log a WHERE a.action = '" ALCOVE_AUDIT_EMERGENCY_VIEW "'" \
  "  AND instr (a.details, e.id) > 0)"

void
alcove_emergency_event_free (AlcoveEmergencyEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->id);
  g_free (event->user_id);
  g_free (event->user_name);
  g_free (event->client_id);
  g_free (event->reason);
  g_free (event->explanation);
  g_strfreev (event->authors);
  g_free (event->reviewed_by);
  g_free (event->review_comment);
  g_free (event);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* "["notes:<uuid>", ...]" → the clinicians' uuids */
static GStrv
authors_of (const char *stores)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) authors = g_strv_builder_new ();
  JsonArray *array = NULL;

  if (json_parser_load_from_data (parser, stores, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *id = json_array_get_string_element (array, i);

      if (id != NULL && g_str_has_prefix (id, "notes:"))
        g_strv_builder_add (authors, id + strlen ("notes:"));
    }
  return g_strv_builder_end (authors);
}

static AlcoveEmergencyEvent *
event_from_row (AlcoveVault  *vault,
                sqlite3_stmt *stmt)
{
  AlcoveEmergencyEvent *event = g_new0 (AlcoveEmergencyEvent, 1);
  AlcoveHeaderUser *user;

  event->id = g_strdup (column_text (stmt, 0));
  event->user_id = g_strdup (column_text (stmt, 1));
  user = alcove_header_find_user (vault->header, event->user_id);
  event->user_name = g_strdup (user ? user->full_name : event->user_id);
  event->client_id = g_strdup (column_text (stmt, 2));
  event->reason = g_strdup (column_text (stmt, 3));
  event->explanation = g_strdup (column_text (stmt, 4));
  event->authors = authors_of (column_text (stmt, 5));
  event->started_ms = sqlite3_column_int64 (stmt, 6);
  event->expires_ms = sqlite3_column_int64 (stmt, 7);
  event->ended_ms = sqlite3_column_int64 (stmt, 8);
  event->reviewed_by = g_strdup (column_text (stmt, 9));
  event->reviewed_ms = sqlite3_column_int64 (stmt, 10);
  event->review_comment = g_strdup (column_text (stmt, 11));
  event->views = (guint) sqlite3_column_int64 (stmt, 12);
  return event;
}

/* Runs `sql` with ?1 bound to `key` (if any) and returns its events */
static GPtrArray *
select_events (AlcoveVault  *vault,
               const char   *sql,
               const char   *key,
               GError      **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_emergency_event_free);
  AlcoveDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  database = alcove_vault_get_database (vault);
  stmt = alcove_database_prepare (database, sql, error);
  if (stmt == NULL)
    return NULL;
  if (key != NULL)
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (vault, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (database, NULL, rc, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

GPtrArray *
alcove_emergency_log_list (AlcoveVault  *vault,
                           gboolean      unreviewed_only,
                           GError      **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  return select_events (vault, unreviewed_only
                          ? "SELECT " EVENT_COLUMNS " FROM emergency_access e"
                            " WHERE e.reviewed_ms = 0 ORDER BY e.started_ms DESC"
                          : "SELECT " EVENT_COLUMNS " FROM emergency_access e"
                            " ORDER BY e.started_ms DESC",
                        NULL, error);
}

static gboolean
is_owner (AlcoveVault *vault)
{
  AlcoveUser *user = alcove_vault_get_current_user (vault);

  return user != NULL && alcove_user_get_role (user) == ALCOVE_ROLE_OWNER;
}

gboolean
alcove_emergency_log_can_review (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  return !alcove_vault_get_locked (vault) && is_owner (vault);
}

/* Owners hear of every event; a clinician of those that opened their own progress notes.
 * Nobody is told of their own. */
GPtrArray *
alcove_emergency_log_alerts (AlcoveVault  *vault,
                             GError      **error)
{
  AlcoveUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  user = alcove_vault_get_current_user (vault);
  if (user == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_emergency_event_free);
  if (is_owner (vault))
    return select_events (vault,
                          "SELECT " EVENT_COLUMNS " FROM emergency_access e"
                          " WHERE e.user_id != ?1 AND NOT EXISTS (SELECT 1 FROM"
                          "  emergency_alerts_seen s WHERE s.event_id = e.id AND s.user_id = ?1)"
                          " ORDER BY e.started_ms DESC",
                          alcove_user_get_uuid (user), error);
  return select_events (vault,
                        "SELECT " EVENT_COLUMNS " FROM emergency_access e"
                        " WHERE instr (e.stores, '\"notes:' || ?1 || '\"') > 0"
                        " AND NOT EXISTS (SELECT 1 FROM emergency_alerts_seen s"
                        "  WHERE s.event_id = e.id AND s.user_id = ?1)"
                        " ORDER BY e.started_ms DESC",
                        alcove_user_get_uuid (user), error);
}

static gboolean
event_exists (AlcoveDatabase *database,
              const char     *event_id)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "SELECT 1 FROM emergency_access WHERE id = ?",
                                                NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

gboolean
alcove_emergency_log_acknowledge (AlcoveVault  *vault,
                                  const char   *event_id,
                                  GError      **error)
{
  AlcoveDatabase *database;
  AlcoveUser *user;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);

  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  database = alcove_vault_get_database (vault);
  user = alcove_vault_get_current_user (vault);
  if (user == NULL || !event_exists (database, event_id))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                              _("There is no such emergency access"));
  stmt = alcove_database_prepare (database,
                                  "INSERT OR IGNORE INTO emergency_alerts_seen"
                                  " (event_id, user_id, seen_ms) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_user_get_uuid (user), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / 1000);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  alcove_vault_audit (vault, ALCOVE_AUDIT_EMERGENCY_ACKNOWLEDGE, event_id, NULL);
  return TRUE;
}

gboolean
alcove_emergency_log_review (AlcoveVault  *vault,
                             const char   *event_id,
                             const char   *comment,
                             GError      **error)
{
  AlcoveDatabase *database;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);

  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  if (!is_owner (vault))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Only a practice owner can review an emergency access"));
  database = alcove_vault_get_database (vault);
  if (!event_exists (database, event_id))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                              _("There is no such emergency access"));
  stmt = alcove_database_prepare (database,
                                  "UPDATE emergency_access SET reviewed_by = ?2,"
                                  " reviewed_ms = ?3, review_comment = ?4"
                                  " WHERE id = ?1 AND reviewed_ms = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_user_get_uuid (alcove_vault_get_current_user (vault)), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / 1000);
  sqlite3_bind_text (stmt, 4, comment ? comment : "", -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  if (sqlite3_changes (alcove_database_get_handle (database)) == 0)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("This emergency access was reviewed already"));
  alcove_vault_audit (vault, ALCOVE_AUDIT_EMERGENCY_REVIEW, event_id, NULL);
  alcove_vault_emit_changed (vault, "emergency");
  return TRUE;
}
