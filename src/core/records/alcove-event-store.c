/* alcove-event-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-event-store"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-audit.h"
#include "alcove-date.h"
#include "alcove-error.h"
#include "alcove-event-store.h"
#include "alcove-note-store-private.h"
#include "alcove-vault-private.h"

/* A medication change is clinical content: events live in notes-<clinician>.db, beside the
 * notes and the measures they explain, so billing (which holds only the practice key) never
 * reads them. A row is never changed (the store's triggers refuse it), as a note once
 * signed. Plan changes are not stored twice: they are read from the plans signed. */

struct _AlcoveEventStore
{
  GObject          parent_instance;

  AlcovePlanStore *plans;
  AlcoveNoteStore *notes;
  AlcoveVault     *vault;
};

G_DEFINE_FINAL_TYPE (AlcoveEventStore, alcove_event_store, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
alcove_event_store_finalize (GObject *object)
{
  AlcoveEventStore *self = ALCOVE_EVENT_STORE (object);

  g_clear_object (&self->plans);
  g_clear_object (&self->notes);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (alcove_event_store_parent_class)->finalize (object);
}

static void
alcove_event_store_class_init (AlcoveEventStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_event_store_finalize;

  /**
   * AlcoveEventStore::changed:
   * @client_id: the client whose events changed
   *
   * An event was entered, or a treatment plan of the client changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
alcove_event_store_init (AlcoveEventStore *self)
{
}

static void
plan_changed_cb (AlcoveEventStore *self,
                 AlcovePlan       *plan)
{
  g_signal_emit (self, signals[CHANGED], 0, alcove_plan_get_client_id (plan));
}

AlcoveEventStore *
alcove_event_store_new (AlcovePlanStore *plans)
{
  AlcoveEventStore *self;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (plans), NULL);

  self = g_object_new (ALCOVE_TYPE_EVENT_STORE, NULL);
  self->plans = g_object_ref (plans);
  self->notes = g_object_ref (alcove_plan_store_get_notes (plans));
  self->vault = g_object_ref (alcove_client_store_get_vault (alcove_note_store_get_clients (self->notes)));
  g_signal_connect_object (plans, "plan-changed", G_CALLBACK (plan_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

gboolean
alcove_event_store_can_add (AlcoveEventStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_EVENT_STORE (self), FALSE);
  return alcove_note_store_can_write (self->notes);
}

gboolean
alcove_event_store_can_read (AlcoveEventStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_EVENT_STORE (self), FALSE);
  return alcove_note_store_can_read_notes (self->notes);
}

/* ---- writing ---- */

AlcoveClinicalEvent *
alcove_event_store_add (AlcoveEventStore *self,
                        const char       *client_id,
                        AlcoveEventKind   kind,
                        const char       *occurred_on,
                        const char       *text,
                        GError          **error)
{
  g_autoptr(AlcoveClinicalEvent) event = NULL;
  g_autofree char *id = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *store_id = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *details = NULL;
  AlcoveDatabase *database;
  AlcoveUser *user;
  sqlite3_stmt *stmt;
  gint64 now;

  g_return_val_if_fail (ALCOVE_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  user = alcove_vault_get_current_user (self->vault);
  if (user == NULL || !alcove_event_store_can_add (self))
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                         _("Only a clinician with notes of their own enters clinical events"));
      return NULL;
    }
  if (alcove_client_store_lookup (alcove_note_store_get_clients (self->notes), client_id) == NULL)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND, _("This client is not in the vault"));
      return NULL;
    }
  if (kind != ALCOVE_EVENT_MEDICATION && kind != ALCOVE_EVENT_OTHER)
    {
      alcove_error_invalid (error, _("Plan changes come from the treatment plans signed; enter "
                                     "a medication change or another event"));
      return NULL;
    }
  if (occurred_on == NULL || !alcove_date_is_valid (occurred_on))
    {
      alcove_error_invalid (error, _("Enter the date of the event as YYYY-MM-DD"));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (text ? text : ""));
  if (*trimmed == '\0')
    {
      alcove_error_invalid (error, _("Describe the event in a few words"));
      return NULL;
    }
  if (!g_utf8_validate (trimmed, -1, NULL) || strchr (trimmed, '\n') != NULL ||
      g_utf8_strlen (trimmed, -1) > ALCOVE_EVENT_TEXT_MAX)
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                          _("Keep the description to one line of at most %d characters"),
                          ALCOVE_EVENT_TEXT_MAX);
      return NULL;
    }

  now = g_get_real_time () / 1000;
  id = g_uuid_string_random ();
  event = alcove_clinical_event_new (id, client_id, kind, occurred_on, trimmed,
                                     alcove_user_get_uuid (user), now);
  store_id = g_strconcat ("notes:", alcove_user_get_uuid (user), NULL);
  schema = alcove_vault_schema_for (store_id);
  database = alcove_vault_get_database (self->vault);
  details = alcove_audit_details ("client", client_id,
                                  "kind", alcove_clinical_event_kind_to_string (kind), NULL);
  sql = g_strdup_printf ("INSERT INTO %s.clinical_events (id, client_id, kind, occurred_on,"
                         " text, created_ms, author) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                         schema);
  if (!alcove_database_begin (database, error))
    return NULL;
  stmt = alcove_database_prepare (database, sql, error);
  if (stmt == NULL)
    {
      alcove_database_rollback (database);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, client_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, alcove_clinical_event_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, occurred_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, trimmed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_text (stmt, 7, alcove_user_get_uuid (user), -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error) ||
      !alcove_audit_append (alcove_vault_get_audit (self->vault), ALCOVE_AUDIT_EVENT_ADD, id,
                            details, NULL, error))
    {
      alcove_database_rollback (database);
      return NULL;
    }
  if (!alcove_database_commit (database, error))
    return NULL;

  g_signal_emit (self, signals[CHANGED], 0, client_id);
  return g_steal_pointer (&event);
}

/* ---- reading ---- */

static gboolean
collect_in (AlcoveDatabase  *database,
            const char      *store_id,
            const char      *client_id,
            const char      *from,
            const char      *to,
            GPtrArray       *found,
            GError         **error)
{
  g_autofree char *schema = alcove_vault_schema_for (store_id);
  g_autofree char *sql = g_strdup_printf ("SELECT id, kind, occurred_on, text, created_ms, author"
                                          " FROM %s.clinical_events WHERE client_id = ?1",
                                          schema);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int kind = alcove_clinical_event_kind_from_string (alcove_database_column_text (stmt, 1));
      const char *date = alcove_database_column_text (stmt, 2);

      /* a row no Alcove wrote (a plan, an unknown kind, no date) is left out */
      if ((kind != ALCOVE_EVENT_MEDICATION && kind != ALCOVE_EVENT_OTHER) ||
          !alcove_date_is_valid (date))
        {
          g_warning ("Event %s in %s is not one Alcove wrote", alcove_database_column_text (stmt, 0),
                     store_id);
          continue;
        }
      if (alcove_date_in_range (date, from, to))
        g_ptr_array_add (found,
                         alcove_clinical_event_new (alcove_database_column_text (stmt, 0),
                                                    client_id, kind, date,
                                                    alcove_database_column_text (stmt, 3),
                                                    alcove_database_column_text (stmt, 5),
                                                    sqlite3_column_int64 (stmt, 4)));
    }
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (database, schema, rc, error);
  return TRUE;
}

static void
collect_plans (AlcoveEventStore *self,
               const char       *client_id,
               const char       *from,
               const char       *to,
               GPtrArray        *found)
{
  g_autoptr(GListModel) plans = NULL;

  if (!alcove_plan_store_can_read (self->plans))
    return;
  plans = alcove_plan_store_list_for_client (self->plans, client_id, NULL);
  for (guint i = 0; plans != NULL && i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(AlcovePlan) plan = g_list_model_get_item (plans, i);
      g_autoptr(GDateTime) signed_at = NULL;
      g_autofree char *date = NULL;
      g_autofree char *text = NULL;

      if (alcove_plan_get_status (plan) != ALCOVE_PLAN_SIGNED || alcove_plan_get_signed_ms (plan) <= 0)
        continue;
      signed_at = g_date_time_new_from_unix_local (alcove_plan_get_signed_ms (plan) / 1000);
      date = g_date_time_format (signed_at, "%Y-%m-%d");
      if (!alcove_date_in_range (date, from, to))
        continue;
      text = alcove_plan_get_version (plan) > 1
        /* Translators: an event on a measure's graph: a treatment plan revised and signed */
        ? g_strdup_printf (_("version %u signed"), alcove_plan_get_version (plan))
        : g_strdup (_("signed"));
      g_ptr_array_add (found, alcove_clinical_event_new (alcove_plan_get_id (plan), client_id,
                                                         ALCOVE_EVENT_PLAN, date, text,
                                                         alcove_plan_get_signed_by (plan),
                                                         alcove_plan_get_signed_ms (plan)));
    }
}

static gint
compare_oldest_first (gconstpointer a,
                      gconstpointer b)
{
  AlcoveClinicalEvent *first = *(AlcoveClinicalEvent **) a;
  AlcoveClinicalEvent *second = *(AlcoveClinicalEvent **) b;
  int by_date = g_strcmp0 (alcove_clinical_event_get_occurred_on (first),
                           alcove_clinical_event_get_occurred_on (second));
  gint64 first_ms = alcove_clinical_event_get_created_ms (first);
  gint64 second_ms = alcove_clinical_event_get_created_ms (second);

  if (by_date != 0)
    return by_date;
  if (first_ms != second_ms)
    return (first_ms > second_ms) - (first_ms < second_ms);
  return g_strcmp0 (alcove_clinical_event_get_id (first), alcove_clinical_event_get_id (second));
}

GListModel *
alcove_event_store_list (AlcoveEventStore *self,
                         const char       *client_id,
                         const char       *from,
                         const char       *to,
                         GError          **error)
{
  g_autoptr(GPtrArray) store_ids = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *list;

  g_return_val_if_fail (ALCOVE_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  list = g_list_store_new (ALCOVE_TYPE_CLINICAL_EVENT);
  if (!alcove_event_store_can_read (self))
    return G_LIST_MODEL (list);
  store_ids = alcove_note_store_readable_store_ids (self->notes, FALSE);
  for (guint i = 0; i < store_ids->len; i++)
    if (!collect_in (alcove_vault_get_database (self->vault), g_ptr_array_index (store_ids, i),
                     client_id, from, to, found, error))
      {
        g_object_unref (list);
        return NULL;
      }
  collect_plans (self, client_id, from, to, found);
  g_ptr_array_sort (found, compare_oldest_first);
  g_list_store_splice (list, 0, 0, found->pdata, found->len);
  return G_LIST_MODEL (list);
}
