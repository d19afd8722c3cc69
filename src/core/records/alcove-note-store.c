/* alcove-note-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-store"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-date.h"
#include "alcove-policy.h"
#include "alcove-note-format.h"
#include "alcove-note-store-private.h"
#include "alcove-text.h"
#include "alcove-vault-private.h"

/* Notes live in their author's store: progress notes in notes-<author>.db, psychotherapy
 * notes in private-<author>.db. A reader sees the stores the vault attached for them:
 * their own, and a supervisor their supervisees' notes (never private ones). Each save is
 * one transaction with the session's note status in practice.db and the search index.
 * Autosaves are written on the session's worker thread (alcove-note-store-drafts.c). */

G_DEFINE_FINAL_TYPE (AlcoveNoteStore, alcove_note_store, G_TYPE_OBJECT)

enum
{
  NOTE_CHANGED,
  NOTE_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define NOTE_COLUMNS \
  "id, client_id, session_id, author, format, session_date, sections, created_ms," \
  " updated_ms, signed_ms, signed_by, hash, cosign_required, written_ms, copied_from," \
  " copied_sections, copy_confirmed_ms"

static void
alcove_note_store_finalize (GObject *object)
{
  AlcoveNoteStore *self = ALCOVE_NOTE_STORE (object);

  alcove_note_store_drop_drafts (self);
  g_clear_object (&self->clients);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->edited, g_hash_table_unref);

  G_OBJECT_CLASS (alcove_note_store_parent_class)->finalize (object);
}

static void
alcove_note_store_class_init (AlcoveNoteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_note_store_finalize;

  /**
   * AlcoveNoteStore::note-changed:
   * @note: the note as written: created, saved, signed or given an addendum
   *
   * Views update the one row that shows it.
   */
  signals[NOTE_CHANGED] = g_signal_new ("note-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, ALCOVE_TYPE_NOTE);
  /**
   * AlcoveNoteStore::note-deleted:
   * @note_id: the draft deleted
   * @client_id: its client
   */
  signals[NOTE_DELETED] = g_signal_new ("note-deleted", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

/* A note's status shows on its session's row too */
void
alcove_note_store_emit_note_changed (AlcoveNoteStore *self,
                                     AlcoveNote      *note,
                                     gboolean         session_status_moved)
{
  g_signal_emit (self, signals[NOTE_CHANGED], 0, note);
  if (session_status_moved && !alcove_note_is_private (note))
    alcove_client_store_emit_sessions_changed (self->clients, alcove_note_get_client_id (note));
}

static void
alcove_note_store_init (AlcoveNoteStore *self)
{
  self->edited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

AlcoveNoteStore *
alcove_note_store_new (AlcoveClientStore *clients)
{
  AlcoveNoteStore *self;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (clients), NULL);

  self = g_object_new (ALCOVE_TYPE_NOTE_STORE, NULL);
  self->clients = g_object_ref (clients);
  self->vault = g_object_ref (alcove_client_store_get_vault (clients));
  return self;
}

AlcoveClientStore *
alcove_note_store_get_clients (AlcoveNoteStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), NULL);
  return self->clients;
}

/* ---- which stores ---- */

static char *
own_store_id (AlcoveNoteStore *self,
              gboolean         private_store)
{
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);

  if (user == NULL)
    return NULL;
  return g_strconcat (private_store ? "private:" : "notes:", alcove_user_get_uuid (user), NULL);
}

/* Database ids of the note stores this session opened, sorted so results are stable */
GPtrArray *
alcove_note_store_readable_store_ids (AlcoveNoteStore *self,
                                      gboolean         private_stores)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer id;

  if (alcove_vault_get_locked (self->vault))
    return ids;
  g_hash_table_iter_init (&iter, self->vault->database_keys);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (g_str_has_prefix (id, private_stores ? "private:" : "notes:"))
      g_ptr_array_add (ids, g_strdup (id));
  g_ptr_array_sort (ids, alcove_text_compare_in_array);
  return ids;
}

gboolean
alcove_note_store_can_write (AlcoveNoteStore *self)
{
  g_autofree char *own = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);

  own = own_store_id (self, FALSE);
  return alcove_policy_allows (self->vault, ALCOVE_CAPABILITY_WRITE_NOTES) &&
         alcove_vault_can_open_database (self->vault, own);
}

gboolean
alcove_note_store_can_read_notes (AlcoveNoteStore *self)
{
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  ids = alcove_note_store_readable_store_ids (self, FALSE);
  return ids->len > 0;
}

static char *
schema_of (AlcoveNote *note)
{
  return alcove_vault_schema_for (alcove_note_get_store_id (note));
}

/* ---- reading ---- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* A JSON object of strings into `table`; a damaged one reads as empty */
static void
parse_texts (GHashTable *table,
             const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;  /* a damaged row reads as empty; its hash no longer matches if it was signed */
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_hash_table_replace (table, g_strdup (l->data), g_strdup (json_node_get_string (node)));
    }
}

static AlcoveNote *
note_from_row (sqlite3_stmt *stmt,
               const char   *store_id)
{
  AlcoveNote *note = alcove_note_new (column_text (stmt, 0), store_id, column_text (stmt, 1),
                                      column_text (stmt, 2), column_text (stmt, 3),
                                      column_text (stmt, 4), column_text (stmt, 5));

  parse_texts (alcove_note_get_sections (note), column_text (stmt, 6));
  alcove_note_set_times (note, sqlite3_column_int64 (stmt, 7), sqlite3_column_int64 (stmt, 8));
  alcove_note_set_signature (note, sqlite3_column_int64 (stmt, 9), column_text (stmt, 10),
                             column_text (stmt, 11));
  alcove_note_set_cosign_required (note, sqlite3_column_int (stmt, 12) != 0);
  alcove_note_set_written_ms (note, sqlite3_column_int64 (stmt, 13));
  alcove_note_set_copied (note, column_text (stmt, 14), sqlite3_column_int64 (stmt, 16));
  parse_texts (alcove_note_get_copied_sections (note), column_text (stmt, 15));
  return note;
}

/* Whether a store has the tables of notes-<id>.db v6 (treatment plans): a store attached
 * for emergency access is read as it is, not migrated */
static gboolean
has_plan_tables (AlcoveDatabase *database,
                 const char     *schema)
{
  return alcove_database_get_user_version (database, schema) >= 6;
}

static gboolean
load_objectives (AlcoveDatabase  *database,
                 const char      *schema,
                 AlcoveNote      *note,
                 GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT objective_id FROM %s.note_objectives"
                                          " WHERE note_id = ?", schema);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    alcove_note_load_objective (note, column_text (stmt, 0));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || alcove_database_set_error (database, schema, rc, error);
}

static gboolean
load_parts_and_addenda (AlcoveDatabase  *database,
                        const char      *schema,
                        AlcoveNote      *note,
                        gboolean         with_objectives,
                        GError         **error)
{
  g_autofree char *parts_sql = g_strdup_printf ("SELECT client_id, text FROM %s.note_parts"
                                                " WHERE note_id = ?", schema);
  g_autofree char *addenda_sql = g_strdup_printf ("SELECT id, author, created_ms, text, hash"
                                                  " FROM %s.addenda WHERE note_id = ?"
                                                  " ORDER BY created_ms, rowid", schema);
  sqlite3_stmt *stmt;
  int rc;

  stmt = alcove_database_prepare (database, parts_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_replace (alcove_note_get_parts (note), g_strdup (column_text (stmt, 0)),
                          g_strdup (column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (database, schema, rc, error);

  stmt = alcove_database_prepare (database, addenda_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    alcove_note_add_addendum (note, column_text (stmt, 0), column_text (stmt, 1),
                              sqlite3_column_int64 (stmt, 2), column_text (stmt, 3),
                              column_text (stmt, 4));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (database, schema, rc, error);
  if (with_objectives && !load_objectives (database, schema, note, error))
    return FALSE;
  alcove_note_set_dirty (note, FALSE);
  return TRUE;
}

/* Runs a SELECT of NOTE_COLUMNS in `schema` with ?1 bound to `key` ("@S@" in `where` is
 * the schema), appending whole notes to `notes` */
gboolean
alcove_note_store_collect_in (AlcoveNoteStore  *self,
                              const char       *schema,
                              const char       *store_id,
                              const char       *where,
                              const char       *key,
                              GPtrArray        *notes,
                              GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autoptr(GString) sql = g_string_new ("SELECT " NOTE_COLUMNS " FROM @S@.notes WHERE ");
  guint first = notes->len;
  gboolean with_objectives = has_plan_tables (database, schema);
  sqlite3_stmt *stmt;
  int rc;

  g_string_append (sql, where);
  g_string_replace (sql, "@S@", schema, 0);
  stmt = alcove_database_prepare (database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (notes, note_from_row (stmt, store_id));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (database, schema, rc, error);
  for (guint i = first; i < notes->len; i++)
    if (!load_parts_and_addenda (database, schema, g_ptr_array_index (notes, i),
                                 with_objectives, error) ||
        !alcove_note_store_load_cosign (self, database, schema, g_ptr_array_index (notes, i),
                                        error))
      return FALSE;
  return TRUE;
}

static gboolean
collect_notes (AlcoveNoteStore  *self,
               const char       *store_id,
               const char       *where,
               const char       *key,
               GPtrArray        *notes,
               GError          **error)
{
  g_autofree char *schema = alcove_vault_schema_for (store_id);

  return alcove_note_store_collect_in (self, schema, store_id, where, key, notes, error);
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  AlcoveNote *first = *(AlcoveNote **) a;
  AlcoveNote *second = *(AlcoveNote **) b;
  int by_date = g_strcmp0 (alcove_note_get_session_date (second),
                           alcove_note_get_session_date (first));

  if (by_date != 0)
    return by_date;
  return (alcove_note_get_created_ms (second) > alcove_note_get_created_ms (first)) -
         (alcove_note_get_created_ms (second) < alcove_note_get_created_ms (first));
}

/* The notes `where` selects ("@S@": each store's schema, ?1: `key`) in every store the reader
 * opens, newest first. Private notes only from the reader's own store. */
static GListModel *
list_from_stores (AlcoveNoteStore  *self,
                  gboolean          private_notes,
                  const char       *where,
                  const char       *key,
                  GError          **error)
{
  g_autoptr(GPtrArray) store_ids = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *own_private = NULL;
  GListStore *model;

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  own_private = own_store_id (self, TRUE);
  store_ids = alcove_note_store_readable_store_ids (self, private_notes);
  for (guint i = 0; i < store_ids->len; i++)
    {
      /* a recovery session holds every key; private notes stay their author's */
      if (private_notes && g_strcmp0 (own_private, g_ptr_array_index (store_ids, i)) != 0)
        continue;
      if (!collect_notes (self, g_ptr_array_index (store_ids, i), where, key, notes, error))
        return NULL;
    }
  g_ptr_array_sort (notes, compare_newest_first);
  model = g_list_store_new (ALCOVE_TYPE_NOTE);
  g_list_store_splice (model, 0, 0, notes->pdata, notes->len);
  return G_LIST_MODEL (model);
}

/* The notes in this client's record, newest first: its own, and the couple, family or
 * group notes in which it has a part. Private notes only from the reader's own store. */
GListModel *
alcove_note_store_list_for_client (AlcoveNoteStore  *self,
                                   const char       *client_id,
                                   gboolean          private_notes,
                                   GError          **error)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return list_from_stores (self, private_notes,
                           "client_id = ?1 OR id IN"
                           " (SELECT note_id FROM @S@.note_parts WHERE client_id = ?1)",
                           client_id, error);
}

/* The progress notes that address a treatment plan objective, newest first, from every
 * notes store the reader opens */
GListModel *
alcove_note_store_list_for_objective (AlcoveNoteStore  *self,
                                      const char       *objective_id,
                                      GError          **error)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), NULL);
  g_return_val_if_fail (objective_id != NULL, NULL);

  return list_from_stores (self, FALSE,
                           "id IN (SELECT note_id FROM @S@.note_objectives"
                           " WHERE objective_id = ?1)", objective_id, error);
}

static AlcoveNote *
find_note (AlcoveNoteStore  *self,
           const char       *note_id,
           GError          **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *own_private = own_store_id (self, TRUE);

  for (int private_stores = 0; private_stores < 2; private_stores++)
    {
      g_autoptr(GPtrArray) store_ids = alcove_note_store_readable_store_ids (self, private_stores);

      for (guint i = 0; i < store_ids->len && notes->len == 0; i++)
        {
          if (private_stores && g_strcmp0 (own_private, g_ptr_array_index (store_ids, i)) != 0)
            continue;
          if (!collect_notes (self, g_ptr_array_index (store_ids, i), "id = ?1", note_id, notes,
                              error))
            return NULL;
        }
    }
  if (notes->len == 0)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                           _("That note does not exist, or your role may not read it"));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (notes, 0));
}

/* Re-hashes a signed note and its addenda. A mismatch means the file was edited behind
 * Alcove's back: it is audited and the note says so. */
gboolean
alcove_note_store_verify (AlcoveNoteStore *self,
                          AlcoveNote      *note)
{
  g_autofree char *hash = NULL;
  GPtrArray *addenda;
  gboolean intact;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), FALSE);

  if (alcove_note_get_status (note) != ALCOVE_NOTE_SIGNED)
    return TRUE;
  hash = alcove_note_compute_hash (note);
  intact = alcove_crypto_hex_equal (hash, alcove_note_get_hash (note));
  addenda = alcove_note_get_addenda (note);
  for (guint i = 0; i < addenda->len && intact; i++)
    {
      AlcoveAddendum *addendum = g_ptr_array_index (addenda, i);
      g_autofree char *expected = alcove_addendum_compute_hash (addendum,
                                                                alcove_note_get_id (note),
                                                                alcove_note_get_hash (note));

      intact = alcove_crypto_hex_equal (expected, addendum->hash);
    }
  alcove_note_set_integrity (note, intact ? ALCOVE_NOTE_INTEGRITY_OK
                                          : ALCOVE_NOTE_INTEGRITY_MISMATCH);
  if (!intact)
    {
      g_autofree char *details = alcove_audit_details ("store", alcove_note_get_store_id (note),
                                                       NULL);

      g_warning ("Signed note %s no longer matches its signature", alcove_note_get_id (note));
      alcove_vault_audit (self->vault, ALCOVE_AUDIT_NOTE_TAMPERED, alcove_note_get_id (note),
                          details);
    }
  return intact;
}

/* Loads a note from whichever store holds it, verifies it if signed, and audits the view */
AlcoveNote *
alcove_note_store_open (AlcoveNoteStore  *self,
                        const char       *note_id,
                        GError          **error)
{
  g_autofree char *details = NULL;
  AlcoveNote *note;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), NULL);
  g_return_val_if_fail (note_id != NULL, NULL);

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  note = find_note (self, note_id, error);
  if (note == NULL)
    return NULL;
  alcove_note_store_verify (self, note);
  alcove_note_store_check_cosign (self, note);
  details = alcove_audit_details ("client", alcove_note_get_client_id (note), NULL);
  alcove_vault_audit (self->vault, ALCOVE_AUDIT_NOTE_VIEW, note_id, details);
  return note;
}

/* The note written for a session, as alcove_note_store_open() reads it: verified if signed,
 * and audited as read */
AlcoveNote *
alcove_note_store_open_for_session (AlcoveNoteStore  *self,
                                    const char       *session_id,
                                    GError          **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) store_ids = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), NULL);
  g_return_val_if_fail (session_id != NULL, NULL);

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  store_ids = alcove_note_store_readable_store_ids (self, FALSE);
  for (guint i = 0; i < store_ids->len && notes->len == 0; i++)
    if (!collect_notes (self, g_ptr_array_index (store_ids, i), "session_id = ?1", session_id,
                        notes, error))
      return NULL;
  if (notes->len == 0)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                           _("That session has no note you may read"));
      return NULL;
    }
  return alcove_note_store_open (self, alcove_note_get_id (g_ptr_array_index (notes, 0)), error);
}

/* ---- writing ---- */

gboolean
alcove_note_store_require_author (AlcoveNoteStore  *self,
                                  AlcoveNote       *note,
                                  GError          **error)
{
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);

  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  if (user == NULL || !alcove_note_store_can_write (self) ||
      g_strcmp0 (alcove_user_get_uuid (user), alcove_note_get_author (note)) != 0)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Only the note’s author can change or sign it"));
  return TRUE;
}

/* Whether the signed-in person may change or sign this note: only its author. A supervisor
 * reads a supervisee's drafts and never writes in them. */
gboolean
alcove_note_store_is_author (AlcoveNoteStore *self,
                             AlcoveNote      *note)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), FALSE);

  return alcove_note_store_require_author (self, note, NULL);
}

char *
alcove_note_store_texts_to_json (GHashTable *table)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* One statement on a store: "@S@" is its schema, ?1..?3 the given texts (NULL: unbound) */
static gboolean
exec_bound (AlcoveDatabase  *database,
            const char      *sql_template,
            const char      *schema,
            const char      *first,
            const char      *second,
            const char      *third,
            GError         **error)
{
  g_autoptr(GString) sql = g_string_new (sql_template);
  sqlite3_stmt *stmt;

  g_string_replace (sql, "@S@", schema, 0);
  stmt = alcove_database_prepare (database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_TRANSIENT);
  if (third != NULL)
    sqlite3_bind_text (stmt, 3, third, -1, SQLITE_TRANSIENT);
  return alcove_database_step_done (database, stmt, error);
}

static gboolean
index_text (AlcoveDatabase  *database,
            const char      *schema,
            const char      *note_id,
            const char      *client_id,
            const char      *kind,
            const char      *text,
            GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s.search_fts (docid, body)"
                                          " VALUES (?, ?)", schema);
  sqlite3_stmt *stmt;

  if (text == NULL || *text == '\0')
    return TRUE;
  if (!exec_bound (database, "INSERT INTO @S@.search_docs (note_id, client_id, kind)"
                             " VALUES (?1, ?2, ?3)", schema, note_id, client_id, kind, error))
    return FALSE;
  stmt = alcove_database_prepare (database, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sqlite3_last_insert_rowid (alcove_database_get_handle (database)));
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return alcove_database_step_done (database, stmt, error);
}

/* For the treatment plans kept in the same stores (alcove-plan-store.c) */
gboolean
alcove_note_store_exec_in (AlcoveDatabase  *database,
                           const char      *sql_template,
                           const char      *schema,
                           const char      *first,
                           const char      *second,
                           const char      *third,
                           GError         **error)
{
  return exec_bound (database, sql_template, schema, first, second, third, error);
}

gboolean
alcove_note_store_index_text (AlcoveDatabase  *database,
                              const char      *schema,
                              const char      *doc_id,
                              const char      *client_id,
                              const char      *kind,
                              const char      *text,
                              GError         **error)
{
  return index_text (database, schema, doc_id, client_id, kind, text, error);
}

static gboolean
unindex_note (AlcoveDatabase  *database,
              const char      *schema,
              const char      *note_id,
              GError         **error)
{
  return exec_bound (database, "DELETE FROM @S@.search_pending WHERE note_id = ?1",
                     schema, note_id, NULL, NULL, error) &&
         exec_bound (database, "DELETE FROM @S@.search_fts WHERE docid IN"
                               " (SELECT docid FROM @S@.search_docs WHERE note_id = ?1)",
                     schema, note_id, NULL, NULL, error) &&
         exec_bound (database, "DELETE FROM @S@.search_docs WHERE note_id = ?1",
                     schema, note_id, NULL, NULL, error);
}

/* The search index of one note, rebuilt whole: sections, each attendee's part, addenda.
 * Autosave does not call it (tokenizing and merging FTS segments on every keystroke pause
 * was most of an autosave); it marks the note in search_pending, and the index catches up
 * before any search and at signing. An addendum adds only its own entry (write_addendum). */
static gboolean
reindex_note (AlcoveDatabase  *database,
              const char      *schema,
              AlcoveNote      *note,
              GError         **error)
{
  const char *id = alcove_note_get_id (note);
  const char *kind = alcove_note_is_private (note) ? "private" : "note";
  g_autoptr(GString) body = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  GPtrArray *addenda = alcove_note_get_addenda (note);

  if (!unindex_note (database, schema, id, error))
    return FALSE;

  g_hash_table_iter_init (&iter, alcove_note_get_sections (note));
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_string_append_printf (body, "%s\n", (const char *) value);
  if (!index_text (database, schema, id, alcove_note_get_client_id (note), kind, body->str, error))
    return FALSE;
  g_hash_table_iter_init (&iter, alcove_note_get_parts (note));
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!index_text (database, schema, id, key, "part", value, error))
      return FALSE;
  for (guint i = 0; i < addenda->len; i++)
    if (!index_text (database, schema, id, alcove_note_get_client_id (note), "addendum",
                     ((AlcoveAddendum *) g_ptr_array_index (addenda, i))->text, error))
      return FALSE;
  return TRUE;
}

static gboolean
write_parts (AlcoveDatabase  *database,
             const char      *schema,
             AlcoveNote      *note,
             GError         **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (!exec_bound (database, "DELETE FROM @S@.note_parts WHERE note_id = ?1", schema,
                   alcove_note_get_id (note), NULL, NULL, error))
    return FALSE;
  g_hash_table_iter_init (&iter, alcove_note_get_parts (note));
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!exec_bound (database, "INSERT INTO @S@.note_parts (note_id, client_id, text)"
                               " VALUES (?1, ?2, ?3)", schema, alcove_note_get_id (note), key,
                     value, error))
      return FALSE;
  return TRUE;
}

/* The treatment plan objectives a draft addresses; the store's triggers take only
 * objectives of its client's signed plans, and none once the note is signed */
static gboolean
write_objectives (AlcoveDatabase  *database,
                  const char      *schema,
                  AlcoveNote      *note,
                  GError         **error)
{
  GPtrArray *objectives = alcove_note_get_objectives (note);

  if (!exec_bound (database, "DELETE FROM @S@.note_objectives WHERE note_id = ?1", schema,
                   alcove_note_get_id (note), NULL, NULL, error))
    return FALSE;
  for (guint i = 0; i < objectives->len; i++)
    if (!exec_bound (database, "INSERT INTO @S@.note_objectives (note_id, objective_id)"
                               " VALUES (?1, ?2)", schema, alcove_note_get_id (note),
                     g_ptr_array_index (objectives, i), NULL, error))
      return FALSE;
  return TRUE;
}

gboolean
alcove_note_store_set_session_status (AlcoveDatabase  *database,
                                      AlcoveNote      *note,
                                      const char      *status,
                                      GError         **error)
{
  if (alcove_note_is_private (note) || *alcove_note_get_session_id (note) == '\0')
    return TRUE;
  /* Unchanged rows are not rewritten: an autosave then commits to the notes file alone,
   * one WAL append and one fsync instead of two. */
  return exec_bound (database, "UPDATE @S@.sessions SET note_status = ?2"
                               " WHERE id = ?1 AND note_status <> ?2", "main",
                     alcove_note_get_session_id (note), status, NULL, error);
}

/* Why a draft's row did not change: it was signed or deleted since this copy was read,
 * perhaps in another window. Said plainly, since the text stays on screen. */
static gboolean
draft_gone (AlcoveDatabase  *database,
            const char      *schema,
            AlcoveNote      *note,
            GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT status FROM %s.notes WHERE id = ?", schema);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);
  gboolean is_signed;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  is_signed = rc == SQLITE_ROW && g_strcmp0 (column_text (stmt, 0), "signed") == 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return alcove_database_set_error (database, schema, rc, error);
  if (is_signed)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                 _("This note was signed since it was opened, so it can no longer change; "
                   "add what is missing as an addendum"));
  return alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
               _("This draft was deleted since it was opened"));
}

/* The draft's row, its attendees' parts, its place in the search index's queue and the
 * session's note status, on `database`: the session's connection, or the worker's for an
 * autosave. Only a draft is updated; a row signed meanwhile is left as it is. */
static gboolean
write_note_on (AlcoveDatabase  *database,
               AlcoveNote      *note,
               gboolean         is_new,
               gint64           now,
               GError         **error)
{
  g_autofree char *schema = schema_of (note);
  g_autofree char *sections = alcove_note_store_texts_to_json (alcove_note_get_sections (note));
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  sql = is_new ? g_strdup_printf ("INSERT INTO %s.notes (" NOTE_COLUMNS ", status) VALUES"
                                  " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 0, '', '', 0, ?8, '',"
                                  " '{}', 0, 'draft')", schema)
               : g_strdup_printf ("UPDATE %s.notes SET sections = ?7, updated_ms = ?8"
                                  " WHERE id = ?1 AND status = 'draft'", schema);
  stmt = alcove_database_prepare (database, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_note_get_client_id (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, alcove_note_get_session_id (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, alcove_note_get_author (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, alcove_note_get_format_id (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, alcove_note_get_session_date (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, sections, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  if (!is_new && sqlite3_changes (alcove_database_get_handle (database)) != 1)
    return draft_gone (database, schema, note, error);
  return write_parts (database, schema, note, error) &&
         write_objectives (database, schema, note, error) &&
         exec_bound (database, "INSERT OR IGNORE INTO @S@.search_pending (note_id) VALUES (?1)",
                     schema, alcove_note_get_id (note), NULL, NULL, error) &&
         alcove_note_store_set_session_status (database, note, "draft", error);
}

static gboolean
write_note (AlcoveNoteStore  *self,
            AlcoveNote       *note,
            gboolean          is_new,
            GError          **error)
{
  gint64 now = g_get_real_time () / 1000;

  if (!write_note_on (alcove_vault_get_database (self->vault), note, is_new, now, error))
    return FALSE;
  alcove_note_set_times (note, is_new ? now : alcove_note_get_created_ms (note), now);
  if (is_new)
    alcove_note_set_written_ms (note, now);
  return TRUE;
}

/* A draft's text, its parts and its session's note status, on the session's connection,
 * inside a transaction the caller runs */
gboolean
alcove_note_store_write_draft (AlcoveNoteStore  *self,
                               AlcoveNote       *note,
                               GError          **error)
{
  return write_note (self, note, FALSE, error);
}

/* Runs `step` in a transaction with its audit row; on failure nothing is written */
gboolean
alcove_note_store_in_transaction (AlcoveNoteStore  *self,
                                  AlcoveNote       *note,
                                  AlcoveNoteStep    step,
                                  gboolean          flag,
                                  const char       *audit_action,
                                  GError          **error)
{
  /* the client id lets an access-log review find every row about one client */
  g_autofree char *details = alcove_audit_details ("client", alcove_note_get_client_id (note),
                                                   NULL);

  return alcove_note_store_in_transaction_with (self, note, step, flag, audit_action, details,
                                                error);
}

/* The same with the audit row's details given */
gboolean
alcove_note_store_in_transaction_with (AlcoveNoteStore  *self,
                                       AlcoveNote       *note,
                                       AlcoveNoteStep    step,
                                       gboolean          flag,
                                       const char       *audit_action,
                                       const char       *details,
                                       GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);

  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!step (self, note, flag, error) ||
      (audit_action != NULL &&
       !alcove_audit_append (alcove_vault_get_audit (self->vault), audit_action, alcove_note_get_id (note), details, NULL, error)))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  return alcove_database_commit (database, error);
}

static char *
create_session (AlcoveNoteStore  *self,
                const char       *client_id,
                const char       *session_date,
                GError          **error)
{
  g_autoptr(AlcoveSession) session = alcove_session_new ();

  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, client_id);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, session_date);
  alcove_session_set_status (session, ALCOVE_SESSION_ATTENDED);
  if (!alcove_client_store_save_session (self->clients, session, error))
    return NULL;
  return g_strdup (alcove_session_get_id (session));
}

static void
add_attendee_parts (AlcoveNote    *note,
                    AlcoveSession *session)
{
  GPtrArray *attendees = alcove_session_get_attendees (session);

  for (guint i = 0; i < attendees->len; i++)
    alcove_note_set_part (note, g_ptr_array_index (attendees, i), "");
}

static gboolean
validate_new_note (AlcoveNoteStore  *self,
                   const char       *client_id,
                   AlcoveNoteFormat *format,
                   const char       *session_date,
                   GError          **error)
{
  g_autofree char *today = alcove_date_today_iso ();

  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  if (!alcove_note_store_can_write (self))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Your role does not write notes"));
  if (format == NULL)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("Choose a note format: SOAP, DAP or BIRP"));
  if (alcove_client_store_lookup (self->clients, client_id) == NULL)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                              _("That client is not in this practice"));
  if (!alcove_date_is_valid (session_date))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("Enter the session date as YYYY-MM-DD"));
  if (g_strcmp0 (session_date, today) > 0)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("A note is written for a session that took place; this date "
                                "is in the future"));
  return TRUE;
}

/* A session chosen for a new note: this record's, not cancelled, without a note yet */
static AlcoveSession *
open_session (AlcoveNoteStore  *self,
              const char       *client_id,
              const char       *session_id,
              GError          **error)
{
  g_autoptr(AlcoveSession) session = NULL;

  session = alcove_client_store_get_session (self->clients, session_id, error);
  if (session == NULL)
    return NULL;
  if (g_strcmp0 (alcove_session_get_field (session, ALCOVE_SESSION_CLIENT_ID), client_id) != 0)
    alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                       _("That session belongs to another record; write its note there"));
  else if (alcove_session_get_status (session) == ALCOVE_SESSION_CANCELLED)
    alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                       _("That session was cancelled, so it has no note"));
  else if (alcove_session_has_note (session))
    alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                       _("That session already has a note: open it, or add an addendum to it "
                         "once it is signed"));
  else
    return g_steal_pointer (&session);
  return NULL;
}

/* A session with a note took place: a scheduled one is now attended, and its clinician is
 * who writes the note (the front desk may have recorded it) */
static gboolean
write_created (AlcoveNoteStore  *self,
               AlcoveNote       *note,
               gboolean          unused,
               GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);

  if (!write_note (self, note, TRUE, error))
    return FALSE;
  if (alcove_note_is_private (note))
    return TRUE;
  return exec_bound (database, "UPDATE @S@.sessions SET clinician = ?2, status ="
                               " (CASE status WHEN 'scheduled' THEN 'attended' ELSE status END)"
                               " WHERE id = ?1 AND note_status = 'draft' AND signed_note = 0",
                     "main", alcove_note_get_session_id (note), alcove_note_get_author (note),
                     NULL, error);
}

/* A new draft for this client. A record note is written for a session: the one given (this
 * record's, not cancelled, without a note; the note takes its date), or else a new session
 * on `session_date`, which may be in the past but not in the future. The note records when
 * it was written apart from that date. A private note has no session. Couple, family and
 * group sessions give each attendee an empty part. */
AlcoveNote *
alcove_note_store_create (AlcoveNoteStore  *self,
                          const char       *client_id,
                          const char       *session_id,
                          const char       *format_id,
                          const char       *session_date,
                          GError          **error)
{
  AlcoveNoteFormat *format = format_id ? alcove_note_format_lookup (format_id) : NULL;
  g_autoptr(AlcoveSession) session = NULL;
  g_autofree char *store_id = NULL;
  g_autofree char *new_session = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(AlcoveNote) note = NULL;
  gboolean private_note;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  private_note = format != NULL && alcove_note_format_get_private (format);
  if (!private_note && session_id != NULL && *session_id != '\0')
    {
      if (!alcove_vault_require_unlocked (self->vault, error) ||
          (session = open_session (self, client_id, session_id, error)) == NULL)
        return NULL;
      session_date = alcove_session_get_field (session, ALCOVE_SESSION_DATE);
    }
  if (!validate_new_note (self, client_id, format, session_date, error))
    return NULL;
  /* a practice's format: the note records the version it is written in, the newest */
  if (alcove_note_format_get_version (format) > 0)
    {
      format = alcove_note_format_lookup (alcove_note_format_get_base_id (format));
      if (alcove_note_format_get_retired (format))
        {
          alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("The practice retired the format “%s”; choose another"),
                              alcove_note_format_get_name (format));
          return NULL;
        }
      format_id = alcove_note_format_get_id (format);
    }
  if (!private_note && session == NULL)
    {
      new_session = create_session (self, client_id, session_date, error);
      if (new_session == NULL ||
          (session = alcove_client_store_get_session (self->clients, new_session, error)) == NULL)
        return NULL;
    }

  store_id = own_store_id (self, private_note);
  note = alcove_note_new (id, store_id, client_id,
                          private_note ? "" : alcove_session_get_id (session),
                          alcove_user_get_uuid (alcove_vault_get_current_user (self->vault)),
                          format_id, session_date);
  if (!private_note)
    add_attendee_parts (note, session);
  if (!alcove_note_store_in_transaction (self, note, write_created, FALSE,
                                         ALCOVE_AUDIT_NOTE_CREATE, error))
    return NULL;
  g_hash_table_add (self->edited, g_strdup (id));
  alcove_note_set_dirty (note, FALSE);
  alcove_note_store_emit_note_changed (self, note, TRUE);
  return g_steal_pointer (&note);
}

/* The first edit of a note while this store lives is audited, not every save. An
 * autosave's row is written here, on the main thread, before its write is queued on the
 * worker: the audit chain's writer state lives on the session's connection and no audit row
 * is ever written from the worker's. Written first, the log never lacks an edit that
 * reached the file; if that write then fails, the row stands for an attempt, which is the
 * safe side for an access log. A row that cannot be written stops the save, as it does
 * inside a transaction. */
gboolean
alcove_note_store_audit_first_edit (AlcoveNoteStore  *self,
                                    AlcoveNote       *note,
                                    GError          **error)
{
  g_autofree char *details = NULL;

  if (g_hash_table_contains (self->edited, alcove_note_get_id (note)))
    return TRUE;
  details = alcove_audit_details ("client", alcove_note_get_client_id (note), NULL);
  if (!alcove_audit_append (alcove_vault_get_audit (self->vault), ALCOVE_AUDIT_NOTE_EDIT,
                            alcove_note_get_id (note), details, NULL, error))
    return FALSE;
  g_hash_table_add (self->edited, g_strdup (alcove_note_get_id (note)));
  return TRUE;
}

/* For an autosave on the worker's connection (alcove-note-store-drafts.c) */
gboolean
alcove_note_store_write_draft_on (AlcoveDatabase  *database,
                                  AlcoveNote      *note,
                                  gint64           now,
                                  GError         **error)
{
  return write_note_on (database, note, FALSE, now, error);
}

static gboolean
save_now (AlcoveNoteStore  *self,
          AlcoveNote       *note,
          GError          **error)
{
  gboolean first_edit;

  if (alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                 _("A signed note cannot be changed; add an addendum instead"));
  if (alcove_note_is_private (note) && alcove_note_get_objectives (note)->len > 0)
    return alcove_error_invalid (error, _("A psychotherapy note is kept apart from the record "
                                          "and addresses no treatment plan objective"));
  if (!alcove_note_store_require_author (self, note, error))
    return FALSE;
  first_edit = !g_hash_table_contains (self->edited, alcove_note_get_id (note));
  if (!alcove_note_store_in_transaction (self, note, write_note, FALSE,
                                         first_edit ? ALCOVE_AUDIT_NOTE_EDIT : NULL, error))
    return FALSE;
  g_hash_table_add (self->edited, g_strdup (alcove_note_get_id (note)));
  alcove_note_set_dirty (note, FALSE);
  alcove_note_store_emit_note_changed (self, note, FALSE);
  return TRUE;
}

/* Writes the draft as it is now, on the session's connection, for a caller that needs the
 * answer at once (an explicit save, closing, printing, an import); autosaves go through
 * alcove_note_store_save_draft_async(). An autosave of this note still waiting for the
 * worker is taken back and one being written is waited for, so the newer text is the one
 * that stays. Audited once per note while the store lives, not per save. On failure the
 * note keeps its text and stays dirty. */
gboolean
alcove_note_store_save (AlcoveNoteStore  *self,
                        AlcoveNote       *note,
                        GError          **error)
{
  GPtrArray *settled;
  gboolean saved;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), FALSE);

  settled = alcove_note_store_settle_draft (self, note);
  saved = save_now (self, note, error);
  alcove_note_store_end_settled (settled, saved);
  return saved;
}

/* Required sections must hold more than whitespace; the message names the empty ones */
gboolean
alcove_note_store_check_required (AlcoveNoteStore  *self,
                                  AlcoveNote       *note,
                                  GError          **error)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *names = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);

  for (guint i = 0; format != NULL && i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);
      g_autofree char *text = g_strdup (alcove_note_get_section (note, section->key));

      if (section->required && *g_strstrip (text) == '\0')
        g_ptr_array_add (missing, section->title);
    }
  if (missing->len == 0)
    return TRUE;
  g_ptr_array_add (missing, NULL);
  names = g_strjoinv (", ", (char **) missing->pdata);
  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
               _("Fill in every required section before signing: %s"), names);
  return FALSE;
}

static gboolean
write_signature (AlcoveNoteStore  *self,
                 AlcoveNote       *note,
                 gboolean          unused,
                 GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = schema_of (note);
  g_autofree char *sql = g_strdup_printf ("UPDATE %s.notes SET status = 'signed', signed_ms = ?2,"
                                          " signed_by = ?3, hash = ?4, cosign_required = ?5"
                                          " WHERE id = ?1 AND status = 'draft'", schema);
  sqlite3_stmt *stmt;

  if (!write_note (self, note, FALSE, error) || !reindex_note (database, schema, note, error))
    return FALSE;
  stmt = alcove_database_prepare (database, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, alcove_note_get_signed_ms (note));
  sqlite3_bind_text (stmt, 3, alcove_note_get_signed_by (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, alcove_note_get_hash (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, alcove_note_get_cosign_required (note));
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  if (sqlite3_changes (alcove_database_get_handle (database)) != 1)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_FAILED, _("This note was already signed"));
  return alcove_note_store_set_session_status (database, note, "signed", error);
}

/* A draft is dated with its session, which may have moved since this copy was read
 * (alcove-client-store-sessions.c moves the row): what is signed is the row's date */
static gboolean
refresh_session_date (AlcoveNoteStore  *self,
                      AlcoveNote       *note,
                      GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = schema_of (note);
  g_autofree char *sql = g_strdup_printf ("SELECT session_date FROM %s.notes WHERE id = ?",
                                          schema);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW &&
      g_strcmp0 (column_text (stmt, 0), alcove_note_get_session_date (note)) != 0)
    alcove_note_set_session_date (note, column_text (stmt, 0));
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ||
         alcove_database_set_error (database, schema, rc, error);
}

static gboolean
sign_now (AlcoveNoteStore  *self,
          AlcoveNote       *note,
          GError          **error)
{
  g_autofree char *hash = NULL;

  if (alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID, _("This note is already signed"));
  if (!alcove_note_store_require_author (self, note, error) ||
      !alcove_note_store_check_required (self, note, error) ||
      !alcove_note_store_check_copied (self, note, error) ||
      !refresh_session_date (self, note, error))
    return FALSE;

  /* the hash covers the signer, the time and whether a supervisor must co-sign (the
   * practice's policy as it stands now), so they are set before hashing; the status in
   * memory flips back if the store refuses. Psychotherapy notes are never co-signed. */
  alcove_note_set_cosign_required (note, !alcove_note_is_private (note) &&
                                   alcove_vault_cosign_required (self->vault,
                                                                 alcove_note_get_author (note),
                                                                 alcove_note_get_format_id (note)));
  alcove_note_set_signature (note, g_get_real_time () / 1000, alcove_note_get_author (note), "");
  hash = alcove_note_compute_hash (note);
  alcove_note_set_signature (note, alcove_note_get_signed_ms (note),
                             alcove_note_get_signed_by (note), hash);
  if (!alcove_note_store_in_transaction (self, note, write_signature, FALSE,
                                         ALCOVE_AUDIT_NOTE_SIGN, error))
    {
      alcove_note_set_cosign_required (note, FALSE);
      alcove_note_set_signature (note, 0, "", "");
      return FALSE;
    }
  alcove_note_set_integrity (note, ALCOVE_NOTE_INTEGRITY_OK);
  alcove_note_set_dirty (note, FALSE);
  alcove_note_store_emit_note_changed (self, note, TRUE);
  return TRUE;
}

/* Saves the last words typed, then signs: the hash covers the canonical note, the signer
 * and the time. After this the note is read-only, in memory and in the file. Autosaves of
 * the note are settled first, as for alcove_note_store_save(). */
gboolean
alcove_note_store_sign (AlcoveNoteStore  *self,
                        AlcoveNote       *note,
                        GError          **error)
{
  GPtrArray *settled;
  gboolean signed_now;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), FALSE);

  settled = alcove_note_store_settle_draft (self, note);
  signed_now = sign_now (self, note, error);
  alcove_note_store_end_settled (settled, signed_now);
  return signed_now;
}

static gboolean
write_addendum (AlcoveNoteStore  *self,
                AlcoveNote       *note,
                gboolean          unused,
                GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = schema_of (note);
  GPtrArray *addenda = alcove_note_get_addenda (note);
  AlcoveAddendum *addendum = g_ptr_array_index (addenda, addenda->len - 1);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s.addenda (id, note_id, author,"
                                          " created_ms, text, hash) VALUES (?, ?, ?, ?, ?, ?)",
                                          schema);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, addendum->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, addendum->author, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, addendum->created_ms);
  sqlite3_bind_text (stmt, 5, addendum->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, addendum->hash, -1, SQLITE_TRANSIENT);
  /* Only the new addendum joins the index: a signed note's text no longer changes and
   * signing indexed it whole, so re-indexing every addendum again on each one made adding
   * the n-th addendum cost n (1,000 addenda on one imported note took ~9 s). */
  return alcove_database_step_done (database, stmt, error) &&
         index_text (database, schema, alcove_note_get_id (note),
                     alcove_note_get_client_id (note), "addendum", addendum->text, error);
}

/* A dated, signed addendum to a signed note; only the note's author adds one */
gboolean
alcove_note_store_add_addendum (AlcoveNoteStore  *self,
                                AlcoveNote       *note,
                                const char       *text,
                                GError          **error)
{
  AlcoveAddendum draft = { 0 };
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *hash = NULL;
  GPtrArray *addenda;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), FALSE);

  if (alcove_note_get_status (note) != ALCOVE_NOTE_SIGNED)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("A draft can still be edited; addenda are for signed notes"));
  if (*stripped == '\0')
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID, _("Write the addendum before signing it"));
  if (alcove_note_get_cosign_state (note) == ALCOVE_COSIGN_AWAITING)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("This note is waiting for your supervisor’s co-signature; if "
                                "it needs a correction, ask them to return it to you"));
  if (!alcove_note_store_require_author (self, note, error))
    return FALSE;

  draft.id = id;
  draft.author = (char *) alcove_note_get_author (note);
  draft.created_ms = g_get_real_time () / 1000;
  draft.text = stripped;
  hash = alcove_addendum_compute_hash (&draft, alcove_note_get_id (note),
                                       alcove_note_get_hash (note));
  alcove_note_add_addendum (note, id, draft.author, draft.created_ms, stripped, hash);
  if (!alcove_note_store_in_transaction (self, note, write_addendum, FALSE,
                                         ALCOVE_AUDIT_NOTE_ADDENDUM, error))
    {
      addenda = alcove_note_get_addenda (note);
      g_ptr_array_remove_index (addenda, addenda->len - 1);
      return FALSE;
    }
  alcove_note_store_emit_note_changed (self, note, FALSE);
  return TRUE;
}

static gboolean
remove_draft (AlcoveNoteStore  *self,
              AlcoveNote       *note,
              gboolean          unused,
              GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = schema_of (note);
  const char *id = alcove_note_get_id (note);

  return unindex_note (database, schema, id, error) &&
         exec_bound (database, "DELETE FROM @S@.note_parts WHERE note_id = ?1",
                     schema, id, NULL, NULL, error) &&
         exec_bound (database, "DELETE FROM @S@.note_objectives WHERE note_id = ?1",
                     schema, id, NULL, NULL, error) &&
         exec_bound (database, "DELETE FROM @S@.notes WHERE id = ?1 AND status = 'draft'",
                     schema, id, NULL, NULL, error) &&
         alcove_note_store_set_session_status (database, note, "none", error);
}

static gboolean
delete_now (AlcoveNoteStore  *self,
            AlcoveNote       *note,
            GError          **error)
{
  if (alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("A signed note is part of the record and cannot be deleted"));
  if (alcove_note_get_returns (note)->len > 0)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("This note was signed before it was returned for changes, so "
                                "it stays in the record: edit it and sign it again"));
  if (!alcove_note_store_require_author (self, note, error) ||
      !alcove_note_store_in_transaction (self, note, remove_draft, FALSE,
                                         ALCOVE_AUDIT_NOTE_DELETE_DRAFT, error))
    return FALSE;
  g_signal_emit (self, signals[NOTE_DELETED], 0, alcove_note_get_id (note),
                 alcove_note_get_client_id (note));
  if (!alcove_note_is_private (note))
    alcove_client_store_emit_sessions_changed (self->clients, alcove_note_get_client_id (note));
  return TRUE;
}

/* An autosave still waiting is dropped and one being written is waited for, so none
 * writes after the draft is gone */
gboolean
alcove_note_store_delete_draft (AlcoveNoteStore  *self,
                                AlcoveNote       *note,
                                GError          **error)
{
  GPtrArray *settled;
  gboolean deleted;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), FALSE);

  settled = alcove_note_store_settle_draft (self, note);
  deleted = delete_now (self, note, error);
  alcove_note_store_end_settled (settled, FALSE);
  return deleted;
}

/* Printing is a disclosure risk, so it is audited: one note, or a client's record */
void
alcove_note_store_record_print (AlcoveNoteStore *self,
                                const char      *object_id,
                                gboolean         whole_record)
{
  g_return_if_fail (ALCOVE_IS_NOTE_STORE (self));
  alcove_vault_audit (self->vault, whole_record ? ALCOVE_AUDIT_RECORD_PRINT
                                                : ALCOVE_AUDIT_NOTE_PRINT, object_id, "{}");
}

/* The full name of a vault user, for "Signed by"; the username if they have none */
char *
alcove_note_store_dup_author_name (AlcoveNoteStore *self,
                                   const char      *user_uuid)
{
  g_autoptr(GListModel) users = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), NULL);

  users = alcove_vault_list_users (self->vault);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      if (g_strcmp0 (alcove_user_get_uuid (user), user_uuid) == 0)
        return g_strdup (*alcove_user_get_full_name (user) != '\0' ?
                         alcove_user_get_full_name (user) : alcove_user_get_username (user));
    }
  return g_strdup (_("Unknown author"));
}

/* ---- the search index catching up with autosaves ---- */

static gboolean
pending_note_ids (AlcoveDatabase  *database,
                  const char      *schema,
                  GPtrArray       *ids,
                  GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT note_id FROM %s.search_pending", schema);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || alcove_database_set_error (database, schema, rc, error);
}

static gboolean
catch_up_note (AlcoveDatabase  *database,
               const char      *schema,
               const char      *store_id,
               const char      *note_id,
               GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " NOTE_COLUMNS " FROM %s.notes WHERE id = ?",
                                          schema);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);
  g_autoptr(AlcoveNote) note = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, note_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    note = note_from_row (stmt, store_id);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return alcove_database_set_error (database, schema, rc, error);
  if (note == NULL)  /* the draft was deleted since */
    return unindex_note (database, schema, note_id, error);
  return load_parts_and_addenda (database, schema, note, FALSE, error) &&
         reindex_note (database, schema, note, error);
}

static gboolean
catch_up_store (AlcoveDatabase  *database,
                const char      *store_id,
                GError         **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *schema = alcove_vault_schema_for (store_id);

  if (!pending_note_ids (database, schema, ids, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!catch_up_note (database, schema, store_id, g_ptr_array_index (ids, i), error))
      return FALSE;
  return TRUE;
}

/**
 * alcove_note_index_catch_up:
 *
 * Indexes the drafts saved since the index last caught up, in every note store open in the
 * vault, in one transaction. Search calls it first, so a search always sees the last
 * autosave; it costs a few milliseconds per note edited since.
 */
gboolean
alcove_note_index_catch_up (AlcoveVault  *vault,
                            GError      **error)
{
  AlcoveDatabase *database;
  GHashTableIter iter;
  gpointer store_id;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  g_hash_table_iter_init (&iter, vault->database_keys);
  while (g_hash_table_iter_next (&iter, &store_id, NULL))
    if ((g_str_has_prefix (store_id, "notes:") || g_str_has_prefix (store_id, "private:")) &&
        !catch_up_store (database, store_id, error))
      {
        alcove_database_rollback (database);
        return FALSE;
      }
  return alcove_database_commit (database, error);
}
