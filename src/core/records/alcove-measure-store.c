/* alcove-measure-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-measure-store"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-audit.h"
#include "alcove-date.h"
#include "alcove-error.h"
#include "alcove-measure-store.h"
#include "alcove-note-store-private.h"
#include "alcove-policy.h"
#include "alcove-vault-private.h"

/* Answers to a measure are clinical content: they live in notes-<clinician>.db, beside the
 * notes, so billing (which holds only the practice key) never reads them. A row is never
 * changed (the store's triggers refuse it); total and band are written for someone reading
 * the file by hand, and never read back: Alcove scores the answers each time. */

struct _AlcoveMeasureStore
{
  GObject          parent_instance;

  AlcoveNoteStore *notes;
  AlcoveVault     *vault;
};

G_DEFINE_FINAL_TYPE (AlcoveMeasureStore, alcove_measure_store, G_TYPE_OBJECT)

enum
{
  ADMINISTRATION_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
alcove_measure_store_finalize (GObject *object)
{
  AlcoveMeasureStore *self = ALCOVE_MEASURE_STORE (object);

  g_clear_object (&self->notes);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (alcove_measure_store_parent_class)->finalize (object);
}

static void
alcove_measure_store_class_init (AlcoveMeasureStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_measure_store_finalize;

  /**
   * AlcoveMeasureStore::administration-added:
   * @administration: the measure as given and kept
   *
   * Views of that client and measure add the one row.
   */
  signals[ADMINISTRATION_ADDED] =
    g_signal_new ("administration-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, ALCOVE_TYPE_MEASURE_ADMINISTRATION);
}

static void
alcove_measure_store_init (AlcoveMeasureStore *self)
{
}

AlcoveMeasureStore *
alcove_measure_store_new (AlcoveNoteStore *notes)
{
  AlcoveMeasureStore *self;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), NULL);

  self = g_object_new (ALCOVE_TYPE_MEASURE_STORE, NULL);
  self->notes = g_object_ref (notes);
  self->vault = g_object_ref (alcove_client_store_get_vault (alcove_note_store_get_clients (notes)));
  return self;
}

gboolean
alcove_measure_store_can_administer (AlcoveMeasureStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE_STORE (self), FALSE);
  return alcove_note_store_can_write (self->notes);
}

gboolean
alcove_measure_store_can_read (AlcoveMeasureStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE_STORE (self), FALSE);
  return alcove_note_store_can_read_notes (self->notes);
}

/* ---- writing ---- */

static char *
alerts_to_json (GPtrArray *alert_ids)
{
  JsonArray *array = json_array_sized_new (alert_ids->len);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < alert_ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (alert_ids, i));
  json_node_take_array (node, array);
  return json_to_string (node, FALSE);
}

static gboolean
insert_row (AlcoveDatabase               *database,
            const char                   *schema,
            AlcoveMeasureAdministration  *administration,
            GError                      **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s.measure_administrations (id,"
                                          " client_id, measure_id, administered_on, session_id,"
                                          " answers, total, band, alerts, acknowledged_ms,"
                                          " created_ms, author)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                                          " ?11, ?12)", schema);
  AlcoveMeasure *measure = alcove_measure_administration_get_measure (administration);
  g_autofree char *answers = alcove_measure_answers_to_json (measure,
                               alcove_measure_administration_get_answers (administration));
  g_autofree char *alerts = alerts_to_json (alcove_measure_administration_get_alert_ids (administration));
  const char *band = alcove_measure_administration_get_band_id (administration);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_measure_administration_get_id (administration), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_measure_administration_get_client_id (administration), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, alcove_measure_get_id (measure), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, alcove_measure_administration_get_administered_on (administration), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, alcove_measure_administration_get_session_id (administration), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, answers, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, alcove_measure_administration_get_total (administration));
  sqlite3_bind_text (stmt, 8, band ? band : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, alerts, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, alcove_measure_administration_get_acknowledged_ms (administration));
  sqlite3_bind_int64 (stmt, 11, alcove_measure_administration_get_created_ms (administration));
  sqlite3_bind_text (stmt, 12, alcove_measure_administration_get_author (administration), -1, SQLITE_TRANSIENT);
  return alcove_database_step_done (database, stmt, error);
}

/* Everything a measure needs before it is kept; the scored result on success */
static AlcoveMeasureResult *
check_administration (AlcoveMeasureStore  *self,
                      const char          *client_id,
                      const char          *measure_id,
                      const char          *administered_on,
                      GHashTable          *answers,
                      gboolean             risk_acknowledged,
                      GError             **error)
{
  g_autoptr(AlcoveMeasureResult) result = NULL;
  AlcoveMeasure *measure;

  if (alcove_vault_get_current_user (self->vault) == NULL ||
      !alcove_measure_store_can_administer (self))
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                         _("Only a clinician with notes of their own records outcome measures"));
      return NULL;
    }
  if (alcove_client_store_lookup (alcove_note_store_get_clients (self->notes), client_id) == NULL)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND, _("This client is not in the vault"));
      return NULL;
    }
  if (administered_on == NULL || !alcove_date_is_valid (administered_on))
    {
      alcove_error_invalid (error, _("Enter the date the measure was given"));
      return NULL;
    }
  measure = alcove_measure_lookup (measure_id);
  if (measure == NULL)
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                          _("There is no outcome measure “%s”"), measure_id);
      return NULL;
    }
  result = alcove_measure_score (measure, answers, error);
  if (result == NULL)
    return NULL;
  if (!result->complete)
    {
      alcove_error_invalid (error, _("Answer every item before saving"));
      return NULL;
    }
  if (result->alert_ids->len > 0 && !risk_acknowledged)
    {
      alcove_error_invalid (error, _("Acknowledge the risk prompt before saving"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

static AlcoveMeasureAdministration *
keep (AlcoveMeasureStore  *self,
      const char          *client_id,
      const char          *measure_id,
      const char          *administered_on,
      const char          *session_id,
      GHashTable          *answers,
      AlcoveMeasureResult *result,
      GError             **error)
{
  g_autoptr(AlcoveMeasureAdministration) administration = NULL;
  g_autofree char *id = NULL;
  g_autofree char *store_id = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *details = NULL;
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);
  AlcoveDatabase *database;
  gint64 now;

  now = g_get_real_time () / 1000;
  id = g_uuid_string_random ();
  administration = alcove_measure_administration_new (id, client_id, measure_id,
                                                      administered_on, session_id, answers,
                                                      result->alert_ids->len > 0 ? now : 0,
                                                      now, alcove_user_get_uuid (user), error);
  if (administration == NULL)
    return NULL;

  store_id = g_strconcat ("notes:", alcove_user_get_uuid (user), NULL);
  schema = alcove_vault_schema_for (store_id);
  database = alcove_vault_get_database (self->vault);
  details = alcove_audit_details ("client", client_id, "measure", measure_id,
                                  "alerts", result->alert_ids->len > 0 ? "acknowledged" : "none",
                                  NULL);
  if (!alcove_database_begin (database, error))
    return NULL;
  if (!insert_row (database, schema, administration, error) ||
      !alcove_audit_append (alcove_vault_get_audit (self->vault), ALCOVE_AUDIT_MEASURE_ADMINISTER,
                            id, details, NULL, error))
    {
      alcove_database_rollback (database);
      return NULL;
    }
  if (!alcove_database_commit (database, error))
    return NULL;

  g_signal_emit (self, signals[ADMINISTRATION_ADDED], 0, administration);
  return g_steal_pointer (&administration);
}

AlcoveMeasureAdministration *
alcove_measure_store_administer (AlcoveMeasureStore *self,
                                 const char         *client_id,
                                 const char         *measure_id,
                                 const char         *administered_on,
                                 const char         *session_id,
                                 GHashTable         *answers,
                                 gboolean            risk_acknowledged,
                                 GError            **error)
{
  g_autoptr(AlcoveMeasureResult) result = NULL;

  g_return_val_if_fail (ALCOVE_IS_MEASURE_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL && measure_id != NULL && answers != NULL, NULL);

  result = check_administration (self, client_id, measure_id, administered_on, answers,
                                 risk_acknowledged, error);
  if (result == NULL)
    return NULL;
  return keep (self, client_id, measure_id, administered_on, session_id ? session_id : "",
               answers, result, error);
}

AlcoveClientStore *
alcove_measure_store_get_clients (AlcoveMeasureStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE_STORE (self), NULL);
  return alcove_note_store_get_clients (self->notes);
}

/* A new session is recorded first, as for a new note, and deleted again if the measure
 * cannot be kept after all, so no empty session is left behind */
AlcoveMeasureAdministration *
alcove_measure_store_administer_in_session (AlcoveMeasureStore *self,
                                            const char         *client_id,
                                            const char         *measure_id,
                                            const char         *administered_on,
                                            const char         *session_id,
                                            GHashTable         *answers,
                                            gboolean            risk_acknowledged,
                                            GError            **error)
{
  AlcoveClientStore *clients;
  g_autoptr(AlcoveMeasureResult) result = NULL;
  g_autoptr(AlcoveSession) session = NULL;
  AlcoveMeasureAdministration *given;

  g_return_val_if_fail (ALCOVE_IS_MEASURE_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL && measure_id != NULL && answers != NULL, NULL);
  g_return_val_if_fail (session_id != NULL, NULL);

  clients = alcove_note_store_get_clients (self->notes);
  result = check_administration (self, client_id, measure_id, administered_on, answers,
                                 risk_acknowledged, error);
  if (result == NULL)
    return NULL;
  if (*session_id != '\0')
    {
      session = alcove_client_store_get_session (clients, session_id, error);
      if (session == NULL)
        return NULL;
      if (g_strcmp0 (alcove_session_get_field (session, ALCOVE_SESSION_CLIENT_ID), client_id) != 0)
        {
          alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                             _("That session belongs to another client"));
          return NULL;
        }
      if (g_strcmp0 (alcove_session_get_field (session, ALCOVE_SESSION_DATE), administered_on) != 0)
        {
          alcove_error_invalid (error, _("A measure given in a session takes the session’s date"));
          return NULL;
        }
      return keep (self, client_id, measure_id, administered_on, session_id, answers, result,
                   error);
    }

  session = alcove_session_new ();
  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, client_id);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, administered_on);
  alcove_session_set_status (session, ALCOVE_SESSION_ATTENDED);
  if (!alcove_client_store_save_session (clients, session, error))
    return NULL;
  given = keep (self, client_id, measure_id, administered_on, alcove_session_get_id (session),
                answers, result, error);
  if (given == NULL)
    alcove_client_store_delete_session (clients, alcove_session_get_id (session), NULL);
  return given;
}

/* ---- reading ---- */

static gboolean
collect_in (AlcoveDatabase  *database,
            const char      *store_id,
            const char      *client_id,
            const char      *measure_id,
            GPtrArray       *found,
            GError         **error)
{
  g_autofree char *schema = alcove_vault_schema_for (store_id);
  g_autofree char *sql = g_strdup_printf ("SELECT id, client_id, measure_id, administered_on,"
                                          " session_id, answers, acknowledged_ms, created_ms,"
                                          " author FROM %s.measure_administrations"
                                          " WHERE client_id = ?1 AND (?2 IS NULL OR measure_id = ?2)",
                                          schema);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  if (measure_id != NULL)
    sqlite3_bind_text (stmt, 2, measure_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GHashTable) answers = alcove_measure_answers_from_json (alcove_database_column_text (stmt, 5));
      g_autoptr(GError) local_error = NULL;
      AlcoveMeasureAdministration *administration = NULL;

      if (answers != NULL)
        administration = alcove_measure_administration_new (alcove_database_column_text (stmt, 0),
                                                            alcove_database_column_text (stmt, 1),
                                                            alcove_database_column_text (stmt, 2),
                                                            alcove_database_column_text (stmt, 3),
                                                            alcove_database_column_text (stmt, 4), answers,
                                                            sqlite3_column_int64 (stmt, 6),
                                                            sqlite3_column_int64 (stmt, 7),
                                                            alcove_database_column_text (stmt, 8),
                                                            &local_error);
      /* A row whose answers no longer score was changed behind Alcove's back: it is left
       * out rather than shown with a number nobody entered */
      if (administration == NULL)
        g_warning ("Measure %s in %s does not score: %s", alcove_database_column_text (stmt, 0), store_id,
                   local_error ? local_error->message : "damaged answers");
      else
        g_ptr_array_add (found, administration);
    }
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (database, schema, rc, error);
  return TRUE;
}

static gint
compare_oldest_first (gconstpointer a,
                      gconstpointer b)
{
  AlcoveMeasureAdministration *first = *(AlcoveMeasureAdministration **) a;
  AlcoveMeasureAdministration *second = *(AlcoveMeasureAdministration **) b;
  int by_date = g_strcmp0 (alcove_measure_administration_get_administered_on (first),
                           alcove_measure_administration_get_administered_on (second));
  gint64 first_ms = alcove_measure_administration_get_created_ms (first);
  gint64 second_ms = alcove_measure_administration_get_created_ms (second);

  if (by_date != 0)
    return by_date;
  if (first_ms != second_ms)
    return (first_ms > second_ms) - (first_ms < second_ms);
  return g_strcmp0 (alcove_measure_administration_get_id (first),
                    alcove_measure_administration_get_id (second));
}

GListModel *
alcove_measure_store_list (AlcoveMeasureStore *self,
                           const char         *client_id,
                           const char         *measure_id,
                           GError            **error)
{
  g_autoptr(GPtrArray) store_ids = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *list;

  g_return_val_if_fail (ALCOVE_IS_MEASURE_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  store_ids = alcove_note_store_readable_store_ids (self->notes, FALSE);
  for (guint i = 0; i < store_ids->len; i++)
    if (!collect_in (alcove_vault_get_database (self->vault), g_ptr_array_index (store_ids, i),
                     client_id, measure_id, found, error))
      return NULL;
  g_ptr_array_sort (found, compare_oldest_first);
  list = g_list_store_new (ALCOVE_TYPE_MEASURE_ADMINISTRATION);
  g_list_store_splice (list, 0, 0, found->pdata, found->len);
  return G_LIST_MODEL (list);
}

void
alcove_measure_store_pick (GListModel                   *administrations,
                           AlcoveMeasureAdministration **baseline,
                           AlcoveMeasureAdministration **prior,
                           AlcoveMeasureAdministration **latest)
{
  guint n;

  g_return_if_fail (G_IS_LIST_MODEL (administrations));

  n = g_list_model_get_n_items (administrations);
#define PICK(out, enough, index) \
  if (out != NULL) \
    { \
      *out = NULL; \
      if (n >= enough) \
        { \
          *out = g_list_model_get_item (administrations, index); \
          g_object_unref (*out); \
        } \
    }
  PICK (baseline, 1, 0);
  PICK (prior, 3, n - 2);
  PICK (latest, 2, n - 1);
#undef PICK
}

static char *
describe_score (AlcoveMeasureAdministration *administration)
{
  const char *band = alcove_measure_administration_get_band_label (administration);

  if (band == NULL)
    return g_strdup_printf ("%d", alcove_measure_administration_get_total (administration));
  return g_strdup_printf ("%d (%s)", alcove_measure_administration_get_total (administration),
                          band);
}

/* The scores as one sentence per case, so a translator can order them as the language needs */
static void
append_scores (GString                    *text,
               AlcoveMeasure              *measure,
               AlcoveMeasureAdministration *baseline,
               AlcoveMeasureAdministration *prior,
               AlcoveMeasureAdministration *latest)
{
  const char *name = alcove_measure_get_name (measure);
  g_autofree char *first = describe_score (baseline);
  g_autofree char *middle = prior != NULL ? describe_score (prior) : NULL;
  g_autofree char *last = latest != NULL ? describe_score (latest) : NULL;

  if (middle != NULL && last != NULL)
    /* Translators: a measure's line in a note: "PHQ-9: baseline 18 (moderately severe),
     * prior 12 (moderate), latest 8 (mild)" */
    g_string_append_printf (text, _("%s: baseline %s, prior %s, latest %s"), name, first, middle,
                            last);
  else if (last != NULL)
    /* Translators: a measure's line in a note: "PHQ-9: baseline 18 (moderately severe),
     * latest 8 (mild)" */
    g_string_append_printf (text, _("%s: baseline %s, latest %s"), name, first, last);
  else
    /* Translators: a measure's line in a note: "PHQ-9: baseline 18 (moderately severe)" */
    g_string_append_printf (text, _("%s: baseline %s"), name, first);
}

char *
alcove_measure_store_summarize (AlcoveMeasureStore *self,
                                const char         *client_id,
                                const char         *measure_id,
                                GError            **error)
{
  g_autoptr(GListModel) list = NULL;
  AlcoveMeasureAdministration *baseline, *prior, *latest;
  AlcoveMeasure *measure;
  GString *text;
  int points;

  g_return_val_if_fail (ALCOVE_IS_MEASURE_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL && measure_id != NULL, NULL);

  measure = alcove_measure_lookup (measure_id);
  if (measure == NULL)
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                          _("There is no outcome measure “%s”"), measure_id);
      return NULL;
    }
  list = alcove_measure_store_list (self, client_id, measure_id, error);
  if (list == NULL)
    return NULL;
  alcove_measure_store_pick (list, &baseline, &prior, &latest);
  if (baseline == NULL)
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                          _("%s has not been given to this client"),
                          alcove_measure_get_name (measure));
      return NULL;
    }

  text = g_string_new (NULL);
  append_scores (text, measure, baseline, prior, latest);

  points = alcove_measure_get_reliable_change_points (measure);
  if (latest != NULL && points > 0)
    {
      switch (alcove_measure_compare (measure, alcove_measure_administration_get_total (baseline),
                                      alcove_measure_administration_get_total (latest)))
        {
        case ALCOVE_CHANGE_IMPROVED:
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "; reliably improved since baseline (by %d "
                                                     "point or more)",
                                                     "; reliably improved since baseline (by %d "
                                                     "points or more)", points), points);
          break;
        case ALCOVE_CHANGE_WORSENED:
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "; reliably worse since baseline (by %d "
                                                     "point or more)",
                                                     "; reliably worse since baseline (by %d "
                                                     "points or more)", points), points);
          break;
        case ALCOVE_CHANGE_NONE:
          g_string_append (text, _("; no reliable change since baseline"));
          break;
        case ALCOVE_CHANGE_UNKNOWN:
        default:
          break;
        }
    }
  g_string_append_c (text, '.');

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(AlcoveMeasureAdministration) one = g_list_model_get_item (list, i);
      GPtrArray *messages = alcove_measure_administration_get_alert_messages (one);
      gint64 acknowledged = alcove_measure_administration_get_acknowledged_ms (one);
      g_autofree char *date = NULL;
      g_autofree char *when = NULL;

      if (messages->len == 0 || (one != latest && one != prior && one != baseline))
        continue;
      date = alcove_date_format (alcove_measure_administration_get_administered_on (one));
      when = alcove_date_format_time (acknowledged);
      for (guint j = 0; j < messages->len; j++)
        {
          g_string_append_c (text, '\n');
          /* Translators: a risk prompt raised by a measure, e.g. "Risk prompt (12 March
           * 2026): <the measure's message>, acknowledged 12 March 2026 10:04" */
          g_string_append_printf (text, _("Risk prompt (%s): %s — acknowledged %s"), date,
                                  (const char *) g_ptr_array_index (messages, j), when);
        }
    }
  return g_string_free (text, FALSE);
}
