/* alcove-plan-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-plan-store"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-note-store-private.h"
#include "alcove-plan-store.h"
#include "alcove-policy.h"
#include "alcove-practice-settings.h"
#include "alcove-vault-private.h"

/* Treatment plans live in their author's notes store (notes-<clinician>.db, v6): their text
 * is clinical, and only the author, the author's supervisors and the recovery key hold that
 * key; billing, who holds practice.db's, never reads a word of them. practice.db keeps
 * nothing of a plan. Review reminders are worked out from the plans a reader opens, so they
 * reach the author and the author's supervisors and nobody else.
 *
 * A plan is a line of versions. Each is written as a draft and signed once: SHA-256 of its
 * canonical form (alcove-plan.c) and its author's Ed25519 signature over that hash. The
 * store's triggers keep a signed version as it was, even against raw SQL; a change is the
 * next version, which supersedes the one before and keeps it. Every write is one
 * transaction with its audit row and the plan's place in the store's search index. */

struct _AlcovePlanStore
{
  GObject          parent_instance;

  AlcoveNoteStore *notes;
  AlcoveVault     *vault;
  GHashTable      *edited;  /* version ids audited as edited while this store lives */
};

G_DEFINE_FINAL_TYPE (AlcovePlanStore, alcove_plan_store, G_TYPE_OBJECT)

enum
{
  PLAN_CHANGED,
  PLAN_DELETED,
  REVIEW_DAYS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define PLAN_COLUMNS \
  "id, plan_id, version, client_id, author, effective_on, content, client_signed_on," \
  " no_signature_reason, supersedes, created_ms, updated_ms, signed_ms, signed_by, hash," \
  " signature"

/* The longest reason typed for a client who did not sign */
#define MAX_REASON 500

static void
alcove_plan_store_finalize (GObject *object)
{
  AlcovePlanStore *self = ALCOVE_PLAN_STORE (object);

  g_clear_object (&self->notes);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->edited, g_hash_table_unref);

  G_OBJECT_CLASS (alcove_plan_store_parent_class)->finalize (object);
}

static void
alcove_plan_store_class_init (AlcovePlanStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_plan_store_finalize;

  /**
   * AlcovePlanStore::plan-changed:
   * @plan: the version as written: created, saved or signed
   */
  signals[PLAN_CHANGED] = g_signal_new ("plan-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, ALCOVE_TYPE_PLAN);
  /**
   * AlcovePlanStore::plan-deleted:
   * @version_id: the draft deleted
   * @client_id: its client
   */
  signals[PLAN_DELETED] = g_signal_new ("plan-deleted", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * AlcovePlanStore::review-days-changed:
   *
   * An owner changed how often plans are reviewed (here or through the vault's practice
   * settings): every due date moved.
   */
  signals[REVIEW_DAYS_CHANGED] = g_signal_new ("review-days-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);
}

static void
alcove_plan_store_init (AlcovePlanStore *self)
{
  self->edited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Preferences changes the interval through the vault: every due date moved */
static void
settings_changed_cb (AlcovePlanStore *self)
{
  g_signal_emit (self, signals[REVIEW_DAYS_CHANGED], 0);
}

AlcovePlanStore *
alcove_plan_store_new (AlcoveNoteStore *notes)
{
  AlcovePlanStore *self;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), NULL);

  self = g_object_new (ALCOVE_TYPE_PLAN_STORE, NULL);
  self->notes = g_object_ref (notes);
  self->vault = g_object_ref (notes->vault);
  g_signal_connect_object (self->vault, "changed::settings", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

AlcoveNoteStore *
alcove_plan_store_get_notes (AlcovePlanStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), NULL);
  return self->notes;
}

gboolean
alcove_plan_store_can_write (AlcovePlanStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), FALSE);
  return alcove_note_store_can_write (self->notes);
}

gboolean
alcove_plan_store_can_read (AlcovePlanStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), FALSE);
  return alcove_note_store_can_read_notes (self->notes);
}

static char *
own_store_id (AlcovePlanStore *self)
{
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);

  return user ? g_strconcat ("notes:", alcove_user_get_uuid (user), NULL) : NULL;
}

static char *
schema_of (AlcovePlan *plan)
{
  return alcove_vault_schema_for (alcove_plan_get_store_id (plan));
}

/* ---- statements ---- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* One statement on a store: "@S@" is its schema, ?1..?3 the given texts (NULL: unbound) */
static sqlite3_stmt *
prepare_in (AlcoveDatabase  *database,
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
    return NULL;
  if (first != NULL)
    sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_TRANSIENT);
  if (third != NULL)
    sqlite3_bind_text (stmt, 3, third, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* ---- reading ---- */

static AlcovePlan *
plan_from_row (sqlite3_stmt *stmt,
               const char   *store_id)
{
  AlcovePlan *plan = alcove_plan_new (column_text (stmt, 0), column_text (stmt, 1),
                                      (guint) sqlite3_column_int (stmt, 2), store_id,
                                      column_text (stmt, 3), column_text (stmt, 4),
                                      column_text (stmt, 5));

  alcove_plan_load_content_json (plan, column_text (stmt, 6));
  alcove_plan_set_participation (plan, column_text (stmt, 7), column_text (stmt, 8));
  alcove_plan_set_supersedes (plan, column_text (stmt, 9));
  alcove_plan_set_times (plan, sqlite3_column_int64 (stmt, 10), sqlite3_column_int64 (stmt, 11));
  alcove_plan_set_signed (plan, sqlite3_column_int64 (stmt, 12), column_text (stmt, 13),
                          column_text (stmt, 14), column_text (stmt, 15));
  alcove_plan_set_dirty (plan, FALSE);
  return plan;
}

/* Whether a signed version hashes to what its author signed, under their key */
static gboolean
check_integrity (AlcovePlanStore *self,
                 AlcovePlan      *plan)
{
  g_autofree char *hash = NULL;
  g_autofree char *message = NULL;
  g_autofree guchar *data = NULL;
  g_autoptr(GBytes) signature = NULL;
  gsize size = 0;
  gboolean intact;

  if (alcove_plan_get_status (plan) != ALCOVE_PLAN_SIGNED)
    return TRUE;
  hash = alcove_plan_compute_hash (plan);
  intact = alcove_crypto_hex_equal (hash, alcove_plan_get_hash (plan)) &&
           g_strcmp0 (alcove_plan_get_signed_by (plan), alcove_plan_get_author (plan)) == 0 &&
           *alcove_plan_get_signature (plan) != '\0';
  if (intact)
    {
      data = g_base64_decode (alcove_plan_get_signature (plan), &size);
      signature = g_bytes_new_take (g_steal_pointer (&data), size);
      message = alcove_plan_dup_signed_message (plan);
      intact = size > 0 &&
               alcove_vault_verify_user_signature (self->vault, alcove_plan_get_author (plan),
                                                   ALCOVE_PLAN_SIGN_CONTEXT, message, signature);
    }
  alcove_plan_set_integrity (plan, intact ? ALCOVE_PLAN_INTEGRITY_OK
                                          : ALCOVE_PLAN_INTEGRITY_MISMATCH);
  return intact;
}

/* Runs a SELECT of PLAN_COLUMNS in a store with ?1 bound to `key` ("@S@": the schema) */
static gboolean
collect_in (AlcovePlanStore  *self,
            const char       *store_id,
            const char       *where,
            const char       *key,
            GPtrArray        *plans,
            GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = alcove_vault_schema_for (store_id);
  g_autofree char *sql = g_strdup_printf ("SELECT " PLAN_COLUMNS " FROM @S@.plans WHERE %s"
                                          " ORDER BY plan_id, version DESC", where);
  sqlite3_stmt *stmt = prepare_in (database, sql, schema, key, NULL, NULL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlcovePlan *plan = plan_from_row (stmt, store_id);

      check_integrity (self, plan);
      g_ptr_array_add (plans, plan);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || alcove_database_set_error (database, schema, rc, error);
}

static gboolean
collect (AlcovePlanStore  *self,
         const char       *where,
         const char       *key,
         GPtrArray        *plans,
         GError          **error)
{
  g_autoptr(GPtrArray) store_ids = NULL;

  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  store_ids = alcove_note_store_readable_store_ids (self->notes, FALSE);
  for (guint i = 0; i < store_ids->len; i++)
    if (!collect_in (self, g_ptr_array_index (store_ids, i), where, key, plans, error))
      return FALSE;
  return TRUE;
}

/* In whole plans, every signed version below the newest signed one is superseded */
static void
mark_superseded (GPtrArray *plans)
{
  g_autoptr(GHashTable) newest = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < plans->len; i++)
    {
      AlcovePlan *plan = g_ptr_array_index (plans, i);
      guint known = GPOINTER_TO_UINT (g_hash_table_lookup (newest, alcove_plan_get_plan_id (plan)));

      if (alcove_plan_get_status (plan) == ALCOVE_PLAN_SIGNED &&
          alcove_plan_get_version (plan) > known)
        g_hash_table_insert (newest, (gpointer) alcove_plan_get_plan_id (plan),
                             GUINT_TO_POINTER (alcove_plan_get_version (plan)));
    }
  for (guint i = 0; i < plans->len; i++)
    {
      AlcovePlan *plan = g_ptr_array_index (plans, i);
      guint known = GPOINTER_TO_UINT (g_hash_table_lookup (newest, alcove_plan_get_plan_id (plan)));

      alcove_plan_set_superseded (plan, alcove_plan_get_status (plan) == ALCOVE_PLAN_SIGNED &&
                                        alcove_plan_get_version (plan) < known);
    }
}

/* Plans by their newest version, newest first; within a plan, newest version first */
static gint
compare_plans (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GHashTable *newest = user_data;  /* plan id → its newest created_ms */
  AlcovePlan *first = *(AlcovePlan **) a;
  AlcovePlan *second = *(AlcovePlan **) b;
  gint64 first_newest = *(gint64 *) g_hash_table_lookup (newest, alcove_plan_get_plan_id (first));
  gint64 second_newest = *(gint64 *) g_hash_table_lookup (newest, alcove_plan_get_plan_id (second));
  int by_plan;

  if (first_newest != second_newest)
    return first_newest > second_newest ? -1 : 1;
  by_plan = g_strcmp0 (alcove_plan_get_plan_id (first), alcove_plan_get_plan_id (second));
  if (by_plan != 0)
    return by_plan;
  return (alcove_plan_get_version (second) > alcove_plan_get_version (first)) -
         (alcove_plan_get_version (second) < alcove_plan_get_version (first));
}

static void
sort_plans (GPtrArray *plans)
{
  g_autoptr(GHashTable) newest = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < plans->len; i++)
    {
      AlcovePlan *plan = g_ptr_array_index (plans, i);
      gint64 *known = g_hash_table_lookup (newest, alcove_plan_get_plan_id (plan));

      if (known == NULL)
        {
          known = g_new0 (gint64, 1);
          g_hash_table_insert (newest, (gpointer) alcove_plan_get_plan_id (plan), known);
        }
      *known = MAX (*known, alcove_plan_get_created_ms (plan));
    }
  g_ptr_array_sort_with_data (plans, compare_plans, newest);
}

static GListModel *
to_model (GPtrArray *plans)
{
  GListStore *model = g_list_store_new (ALCOVE_TYPE_PLAN);

  g_list_store_splice (model, 0, 0, plans->pdata, plans->len);
  return G_LIST_MODEL (model);
}

static gboolean
is_current (AlcovePlan *plan)
{
  return alcove_plan_get_status (plan) == ALCOVE_PLAN_SIGNED && !alcove_plan_get_superseded (plan);
}

/* Every version of the client's plans, or (`current_only`) the versions in force */
static GListModel *
list_client_plans (AlcovePlanStore  *self,
                   const char       *client_id,
                   gboolean          current_only,
                   GError          **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  if (!collect (self, "client_id = ?1", client_id, plans, error))
    return NULL;
  mark_superseded (plans);
  for (guint i = plans->len; current_only && i > 0; i--)
    if (!is_current (g_ptr_array_index (plans, i - 1)))
      g_ptr_array_remove_index (plans, i - 1);
  sort_plans (plans);
  return to_model (plans);
}

GListModel *
alcove_plan_store_list_for_client (AlcovePlanStore  *self,
                                   const char       *client_id,
                                   GError          **error)
{
  return list_client_plans (self, client_id, FALSE, error);
}

GListModel *
alcove_plan_store_list_current (AlcovePlanStore  *self,
                                const char       *client_id,
                                GError          **error)
{
  return list_client_plans (self, client_id, TRUE, error);
}

/* A mismatch means the file was edited behind Alcove's back: audited, and the plan says so */
gboolean
alcove_plan_store_verify (AlcovePlanStore *self,
                          AlcovePlan      *plan)
{
  g_autofree char *details = NULL;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), FALSE);

  if (check_integrity (self, plan))
    return TRUE;
  details = alcove_audit_details ("store", alcove_plan_get_store_id (plan), NULL);
  g_warning ("Signed treatment plan %s no longer matches its signature", alcove_plan_get_id (plan));
  alcove_vault_audit (self->vault, ALCOVE_AUDIT_PLAN_TAMPERED, alcove_plan_get_id (plan), details);
  return FALSE;
}

static char *
version_text (AlcovePlan *plan)
{
  return g_strdup_printf ("%u", alcove_plan_get_version (plan));
}

static char *
plan_details (AlcovePlan *plan)
{
  g_autofree char *version = version_text (plan);

  return alcove_audit_details ("client", alcove_plan_get_client_id (plan),
                               "plan", alcove_plan_get_plan_id (plan), "version", version, NULL);
}

/* A version as its row holds it, neither checked nor audited: for the practice import,
 * which signs it again by its author (alcove-practice-import.c) */
AlcovePlan *
alcove_plan_store_read_row (AlcovePlanStore  *self,
                            const char       *store_id,
                            const char       *version_id,
                            GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = alcove_vault_schema_for (store_id);
  sqlite3_stmt *stmt = prepare_in (database, "SELECT " PLAN_COLUMNS " FROM @S@.plans WHERE id = ?1",
                                   schema, version_id, NULL, NULL, error);
  AlcovePlan *plan = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    plan = plan_from_row (stmt, store_id);
  sqlite3_reset (stmt);
  if (plan == NULL)
    alcove_database_set_error (database, schema, rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc, error);
  return plan;
}

AlcovePlan *
alcove_plan_store_open (AlcovePlanStore  *self,
                        const char       *version_id,
                        GError          **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lineage = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *details = NULL;
  AlcovePlan *plan;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), NULL);
  g_return_val_if_fail (version_id != NULL, NULL);

  if (!collect (self, "id = ?1", version_id, plans, error))
    return NULL;
  if (plans->len == 0)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                         _("That treatment plan does not exist, or your role may not read it"));
      return NULL;
    }
  plan = g_ptr_array_index (plans, 0);
  if (!collect_in (self, alcove_plan_get_store_id (plan), "plan_id = ?1",
                   alcove_plan_get_plan_id (plan), lineage, error))
    return NULL;
  g_ptr_array_add (lineage, g_object_ref (plan));
  mark_superseded (lineage);
  alcove_plan_store_verify (self, plan);
  details = plan_details (plan);
  alcove_vault_audit (self->vault, ALCOVE_AUDIT_PLAN_VIEW, version_id, details);
  return g_object_ref (plan);
}

/* ---- the search index: the version in force and the draft, never older ones ---- */

static gboolean
unindex_lineage (AlcoveDatabase  *database,
                 const char      *schema,
                 const char      *plan_id,
                 GError         **error)
{
  return alcove_note_store_exec_in (database, "DELETE FROM @S@.search_fts WHERE docid IN"
                            " (SELECT docid FROM @S@.search_docs WHERE kind = 'plan' AND"
                            "  note_id IN (SELECT id FROM @S@.plans WHERE plan_id = ?1))",
                  schema, plan_id, NULL, NULL, error) &&
         alcove_note_store_exec_in (database, "DELETE FROM @S@.search_docs WHERE kind = 'plan' AND"
                            " note_id IN (SELECT id FROM @S@.plans WHERE plan_id = ?1)",
                  schema, plan_id, NULL, NULL, error);
}

static gboolean
index_plan (AlcoveDatabase  *database,
            const char      *schema,
            AlcovePlan      *plan,
            GError         **error)
{
  g_autofree char *text = alcove_plan_dup_text (plan);

  return alcove_note_store_index_text (database, schema, alcove_plan_get_id (plan),
                                       alcove_plan_get_client_id (plan), "plan", text, error);
}

static gboolean
index_lineage (AlcovePlanStore  *self,
               const char       *store_id,
               const char       *plan_id,
               GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = alcove_vault_schema_for (store_id);
  g_autoptr(GPtrArray) lineage = g_ptr_array_new_with_free_func (g_object_unref);

  if (!collect_in (self, store_id, "plan_id = ?1", plan_id, lineage, error))
    return FALSE;
  mark_superseded (lineage);
  for (guint i = 0; i < lineage->len; i++)
    {
      AlcovePlan *plan = g_ptr_array_index (lineage, i);

      if ((alcove_plan_get_status (plan) == ALCOVE_PLAN_DRAFT || is_current (plan)) &&
          !index_plan (database, schema, plan, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
reindex_lineage (AlcovePlanStore  *self,
                 AlcovePlan       *plan,
                 GError          **error)
{
  g_autofree char *schema = schema_of (plan);

  return unindex_lineage (alcove_vault_get_database (self->vault), schema,
                          alcove_plan_get_plan_id (plan), error) &&
         index_lineage (self, alcove_plan_get_store_id (plan), alcove_plan_get_plan_id (plan),
                        error);
}

/* ---- writing ---- */

gboolean
alcove_plan_store_is_author (AlcovePlanStore *self,
                             AlcovePlan      *plan)
{
  AlcoveUser *user;
  g_autofree char *own = NULL;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), FALSE);

  user = alcove_vault_get_locked (self->vault) ? NULL : alcove_vault_get_current_user (self->vault);
  own = own_store_id (self);
  return user != NULL && alcove_plan_store_can_write (self) &&
         g_strcmp0 (alcove_user_get_uuid (user), alcove_plan_get_author (plan)) == 0 &&
         g_strcmp0 (own, alcove_plan_get_store_id (plan)) == 0;
}

static gboolean
require_author (AlcovePlanStore  *self,
                AlcovePlan       *plan,
                GError          **error)
{
  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  if (!alcove_plan_store_is_author (self, plan))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Only the plan’s author can change or sign it"));
  return TRUE;
}

static gboolean
write_objectives (AlcoveDatabase  *database,
                  const char      *schema,
                  AlcovePlan      *plan,
                  GError         **error)
{
  g_autoptr(GPtrArray) ids = alcove_plan_dup_objective_ids (plan);

  if (!alcove_note_store_exec_in (database, "DELETE FROM @S@.plan_objectives WHERE plan_version_id = ?1", schema,
                alcove_plan_get_id (plan), NULL, NULL, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!alcove_note_store_exec_in (database, "INSERT OR IGNORE INTO @S@.plan_objectives (plan_version_id,"
                            " objective_id, client_id) VALUES (?1, ?2, ?3)", schema,
                  alcove_plan_get_id (plan), g_ptr_array_index (ids, i),
                  alcove_plan_get_client_id (plan), error))
      return FALSE;
  return TRUE;
}

/* A draft's row as it is now, inserted or updated; only a draft is ever updated */
static gboolean
write_draft (AlcovePlanStore  *self,
             AlcovePlan       *plan,
             gboolean          is_new,
             gint64            now,
             GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = schema_of (plan);
  g_autofree char *content = alcove_plan_dup_content_json (plan);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  sql = is_new ? g_strdup_printf ("INSERT INTO %s.plans (id, plan_id, version, client_id, author,"
                                  " effective_on, content, client_signed_on,"
                                  " no_signature_reason, supersedes, created_ms, updated_ms)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                                  schema)
               : g_strdup_printf ("UPDATE %s.plans SET effective_on = ?6, content = ?7,"
                                  " client_signed_on = ?8, no_signature_reason = ?9,"
                                  " updated_ms = ?11 WHERE id = ?1 AND status = 'draft'", schema);
  stmt = alcove_database_prepare (database, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_plan_get_id (plan), -1, SQLITE_TRANSIENT);
  if (is_new)
    {
      sqlite3_bind_text (stmt, 2, alcove_plan_get_plan_id (plan), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, (int) alcove_plan_get_version (plan));
      sqlite3_bind_text (stmt, 4, alcove_plan_get_client_id (plan), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, alcove_plan_get_author (plan), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, alcove_plan_get_supersedes (plan), -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_text (stmt, 6, alcove_plan_get_effective_on (plan), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, content, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, alcove_plan_get_client_signed_on (plan), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, alcove_plan_get_no_signature_reason (plan), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, now);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  if (!is_new && sqlite3_changes (alcove_database_get_handle (database)) != 1)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("This version was signed or deleted since it was opened, so it "
                                "can no longer change"));
  return write_objectives (database, schema, plan, error);
}

typedef gboolean (*PlanStep) (AlcovePlanStore  *self,
                              AlcovePlan       *plan,
                              gint64            now,
                              GError          **error);

/* `step`, the search index and the audit row in one transaction; nothing on failure */
static gboolean
in_transaction (AlcovePlanStore  *self,
                AlcovePlan       *plan,
                PlanStep          step,
                gint64            now,
                const char       *audit_action,
                GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *details = plan_details (plan);

  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!step (self, plan, now, error) || !reindex_lineage (self, plan, error) ||
      (audit_action != NULL &&
       !alcove_audit_append (alcove_vault_get_audit (self->vault), audit_action,
                             alcove_plan_get_id (plan), details, NULL, error)))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  return alcove_database_commit (database, error);
}

static gboolean
insert_step (AlcovePlanStore  *self,
             AlcovePlan       *plan,
             gint64            now,
             GError          **error)
{
  return write_draft (self, plan, TRUE, now, error);
}

static gboolean
update_step (AlcovePlanStore  *self,
             AlcovePlan       *plan,
             gint64            now,
             GError          **error)
{
  return write_draft (self, plan, FALSE, now, error);
}

static gboolean
has_plan_for (AlcovePlanStore  *self,
              const char       *store_id,
              const char       *client_id,
              gboolean         *found,
              GError          **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);

  if (!collect_in (self, store_id, "client_id = ?1", client_id, plans, error))
    return FALSE;
  *found = plans->len > 0;
  return TRUE;
}

static AlcovePlan *
insert_new (AlcovePlanStore  *self,
            AlcovePlan       *plan,
            GError          **error)
{
  gint64 now = g_get_real_time () / 1000;

  if (!in_transaction (self, plan, insert_step, now, ALCOVE_AUDIT_PLAN_CREATE, error))
    return NULL;
  alcove_plan_set_times (plan, now, now);
  alcove_plan_set_dirty (plan, FALSE);
  g_hash_table_add (self->edited, g_strdup (alcove_plan_get_id (plan)));
  g_signal_emit (self, signals[PLAN_CHANGED], 0, plan);
  return g_object_ref (plan);
}

AlcovePlan *
alcove_plan_store_create (AlcovePlanStore  *self,
                          const char       *client_id,
                          GError          **error)
{
  g_autofree char *store_id = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *plan_id = g_uuid_string_random ();
  g_autofree char *today = alcove_date_today_iso ();
  g_autoptr(AlcovePlan) plan = NULL;
  gboolean exists = FALSE;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  if (!alcove_plan_store_can_write (self))
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                         _("Your role does not write treatment plans"));
      return NULL;
    }
  if (alcove_client_store_lookup (self->notes->clients, client_id) == NULL)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                         _("That client is not in this practice"));
      return NULL;
    }
  store_id = own_store_id (self);
  if (!has_plan_for (self, store_id, client_id, &exists, error))
    return NULL;
  if (exists)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_EXISTS,
                         _("You already have a treatment plan for this client: revise it to "
                           "write its next version"));
      return NULL;
    }
  plan = alcove_plan_new (id, plan_id, 1, store_id, client_id,
                          alcove_user_get_uuid (alcove_vault_get_current_user (self->vault)),
                          today);
  return insert_new (self, plan, error);
}

static gboolean
has_draft (AlcovePlanStore  *self,
           AlcovePlan       *plan,
           gboolean         *found,
           guint            *newest_signed,
           GError          **error)
{
  g_autoptr(GPtrArray) lineage = g_ptr_array_new_with_free_func (g_object_unref);

  if (!collect_in (self, alcove_plan_get_store_id (plan), "plan_id = ?1",
                   alcove_plan_get_plan_id (plan), lineage, error))
    return FALSE;
  *found = FALSE;
  *newest_signed = 0;
  for (guint i = 0; i < lineage->len; i++)
    {
      AlcovePlan *version = g_ptr_array_index (lineage, i);

      if (alcove_plan_get_status (version) == ALCOVE_PLAN_DRAFT)
        *found = TRUE;
      else
        *newest_signed = MAX (*newest_signed, alcove_plan_get_version (version));
    }
  return TRUE;
}

AlcovePlan *
alcove_plan_store_revise (AlcovePlanStore  *self,
                          AlcovePlan       *plan,
                          GError          **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *today = alcove_date_today_iso ();
  g_autoptr(AlcovePlan) next = NULL;
  gboolean draft = FALSE;
  guint newest = 0;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), NULL);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), NULL);

  if (!require_author (self, plan, error))
    return NULL;
  if (alcove_plan_get_status (plan) != ALCOVE_PLAN_SIGNED)
    {
      alcove_error_invalid (error, _("This version is still a draft: change it and sign it"));
      return NULL;
    }
  if (!has_draft (self, plan, &draft, &newest, error))
    return NULL;
  if (draft)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_EXISTS,
                         _("The next version of this plan is already being written: open its "
                           "draft"));
      return NULL;
    }
  if (newest != alcove_plan_get_version (plan))
    {
      alcove_error_invalid (error, _("A newer version of this plan was signed: revise that "
                                     "one"));
      return NULL;
    }
  next = alcove_plan_new_version (plan, id, today);
  return insert_new (self, next, error);
}

static gboolean
save_now (AlcovePlanStore  *self,
          AlcovePlan       *plan,
          GError          **error)
{
  gint64 now = g_get_real_time () / 1000;
  gboolean first_edit;

  if (alcove_plan_get_status (plan) == ALCOVE_PLAN_SIGNED)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("A signed treatment plan cannot be changed: revise it to write "
                                "its next version"));
  if (!require_author (self, plan, error))
    return FALSE;
  first_edit = !g_hash_table_contains (self->edited, alcove_plan_get_id (plan));
  if (!in_transaction (self, plan, update_step, now, first_edit ? ALCOVE_AUDIT_PLAN_EDIT : NULL,
                       error))
    return FALSE;
  g_hash_table_add (self->edited, g_strdup (alcove_plan_get_id (plan)));
  alcove_plan_set_times (plan, alcove_plan_get_created_ms (plan), now);
  alcove_plan_set_dirty (plan, FALSE);
  return TRUE;
}

/* Writes the draft as it is now; its first edit while this store lives is audited */
gboolean
alcove_plan_store_save (AlcovePlanStore  *self,
                        AlcovePlan       *plan,
                        GError          **error)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), FALSE);

  if (!save_now (self, plan, error))
    return FALSE;
  g_signal_emit (self, signals[PLAN_CHANGED], 0, plan);
  return TRUE;
}

/* ---- what signing needs ---- */

static gboolean
blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));

  return *copy == '\0';
}

static gboolean
check_participation (AlcovePlan  *plan,
                     GError     **error)
{
  const char *signed_on = alcove_plan_get_client_signed_on (plan);
  const char *reason = alcove_plan_get_no_signature_reason (plan);
  g_autofree char *today = alcove_date_today_iso ();

  if (blank (signed_on) && blank (reason))
    return alcove_error_invalid (error, _("Record the client’s participation: the date they "
                                          "signed the plan, or why they did not"));
  if (!blank (signed_on) && !blank (reason))
    return alcove_error_invalid (error, _("Record either the date the client signed the plan "
                                          "or why they did not, not both"));
  if (!blank (signed_on) && !alcove_date_is_valid (signed_on))
    return alcove_error_invalid (error, _("Enter the date the client signed as YYYY-MM-DD"));
  if (!blank (signed_on) && g_strcmp0 (signed_on, today) > 0)
    return alcove_error_invalid (error, _("The date the client signed is in the future"));
  if (g_utf8_strlen (reason, -1) > MAX_REASON)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Say why the client did not sign in %d characters or fewer"),
                               MAX_REASON);
  return TRUE;
}

static gboolean
check_goal (AlcovePlan      *plan,
            AlcovePlanGoal  *goal,
            guint            goal_number,
            GError         **error)
{
  if (blank (goal->text))
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Goal %u has no words: write it or remove it"), goal_number);
  if (goal->objectives->len == 0)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Goal %u needs at least one measurable objective"),
                               goal_number);
  for (guint o = 0; o < goal->objectives->len; o++)
    {
      AlcovePlanObjective *objective = g_ptr_array_index (goal->objectives, o);

      if (blank (objective->text))
        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                   _("Objective %u.%u has no words: write it or remove it"),
                                   goal_number, o + 1);
      if (!alcove_date_is_valid (objective->target_date))
        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                   _("Objective %u.%u needs a target date, as YYYY-MM-DD"),
                                   goal_number, o + 1);
      if (g_strcmp0 (objective->target_date, alcove_plan_get_effective_on (plan)) < 0)
        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                   _("Objective %u.%u is due before the plan starts"),
                                   goal_number, o + 1);
    }
  return TRUE;
}

static gboolean
check_problem (AlcovePlan         *plan,
               AlcovePlanProblem  *problem,
               guint               number,
               guint              *goal_number,
               GError            **error)
{
  if (blank (problem->text))
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Problem %u has no words: describe it or remove it"), number);
  if (problem->goals->len == 0)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Problem %u needs at least one goal"), number);
  for (guint g = 0; g < problem->goals->len; g++)
    if (!check_goal (plan, g_ptr_array_index (problem->goals, g), ++*goal_number, error))
      return FALSE;
  if (problem->interventions->len == 0)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Problem %u needs at least one intervention"), number);
  for (guint i = 0; i < problem->interventions->len; i++)
    if (blank (((AlcovePlanIntervention *) g_ptr_array_index (problem->interventions, i))->text))
      return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                 _("An intervention of problem %u has no words: write it or "
                                   "remove it"), number);
  return TRUE;
}

gboolean
alcove_plan_store_check_complete (AlcovePlanStore  *self,
                                  AlcovePlan       *plan,
                                  GError          **error)
{
  GPtrArray *problems;
  guint goal_number = 0;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), FALSE);

  if (!alcove_date_is_valid (alcove_plan_get_effective_on (plan)))
    return alcove_error_invalid (error, _("Enter the date the plan starts as YYYY-MM-DD"));
  problems = alcove_plan_get_problems (plan);
  if (problems->len == 0)
    return alcove_error_invalid (error, _("Add at least one problem, with its goals, "
                                          "objectives and interventions"));
  for (guint p = 0; p < problems->len; p++)
    if (!check_problem (plan, g_ptr_array_index (problems, p), p + 1, &goal_number, error))
      return FALSE;
  return check_participation (plan, error);
}

/* Each linked diagnosis must still be on the client's problem list; the code the plan keeps
 * is the one it has now */
static gboolean
refresh_diagnoses (AlcovePlanStore  *self,
                   AlcovePlan       *plan,
                   GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  GPtrArray *problems = alcove_plan_get_problems (plan);

  for (guint p = 0; p < problems->len; p++)
    {
      AlcovePlanProblem *problem = g_ptr_array_index (problems, p);

      for (guint d = 0; d < problem->diagnoses->len; d++)
        {
          AlcovePlanDiagnosis *link = g_ptr_array_index (problem->diagnoses, d);
          sqlite3_stmt *stmt = prepare_in (database, "SELECT code FROM @S@.diagnoses"
                                                     " WHERE id = ?1 AND client_id = ?2",
                                           "main", link->diagnosis_id,
                                           alcove_plan_get_client_id (plan), NULL, error);
          g_autofree char *code = NULL;
          int rc;

          if (stmt == NULL)
            return FALSE;
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            code = g_strdup (column_text (stmt, 0));
          sqlite3_reset (stmt);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return alcove_database_set_error (database, NULL, rc, error);
          if (code == NULL)
            return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                       _("Problem %u is linked to %s, which is no longer on the "
                                         "client’s problem list: unlink it"), p + 1, link->code);
          alcove_plan_link_diagnosis (plan, problem->id, link->diagnosis_id, code, TRUE);
        }
    }
  return TRUE;
}

static gboolean
sign_step (AlcovePlanStore  *self,
           AlcovePlan       *plan,
           gint64            now,
           GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = schema_of (plan);
  g_autofree char *sql = g_strdup_printf ("UPDATE %s.plans SET status = 'signed', signed_ms = ?2,"
                                          " signed_by = ?3, hash = ?4, signature = ?5"
                                          " WHERE id = ?1 AND status = 'draft'", schema);
  sqlite3_stmt *stmt;

  if (!write_draft (self, plan, FALSE, now, error))
    return FALSE;
  stmt = alcove_database_prepare (database, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_plan_get_id (plan), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, alcove_plan_get_signed_ms (plan));
  sqlite3_bind_text (stmt, 3, alcove_plan_get_signed_by (plan), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, alcove_plan_get_hash (plan), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, alcove_plan_get_signature (plan), -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  if (sqlite3_changes (alcove_database_get_handle (database)) != 1)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_FAILED,
                              _("This version was already signed"));
  return TRUE;
}

static char *
sign_hash (AlcovePlanStore *self,
           AlcovePlan      *plan)
{
  g_autofree char *message = alcove_plan_dup_signed_message (plan);
  g_autoptr(GBytes) signature = alcove_vault_sign_as_user (self->vault, ALCOVE_PLAN_SIGN_CONTEXT,
                                                           message);

  if (signature == NULL)
    return NULL;
  return g_base64_encode (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
}

gboolean
alcove_plan_store_sign (AlcovePlanStore  *self,
                        AlcovePlan       *plan,
                        GError          **error)
{
  gint64 now = g_get_real_time () / 1000;
  g_autofree char *hash = NULL;
  g_autofree char *signature = NULL;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), FALSE);

  if (alcove_plan_get_status (plan) == ALCOVE_PLAN_SIGNED)
    return alcove_error_invalid (error, _("This version is already signed"));
  if (!require_author (self, plan, error) ||
      !alcove_plan_store_check_complete (self, plan, error) ||
      !refresh_diagnoses (self, plan, error))
    return FALSE;

  /* the hash covers the signer and the time, so they are set first; the version in memory
   * goes back to a draft if the store refuses */
  alcove_plan_set_signed (plan, now, alcove_plan_get_author (plan), "", "");
  hash = alcove_plan_compute_hash (plan);
  alcove_plan_set_signed (plan, now, alcove_plan_get_author (plan), hash, "");
  signature = sign_hash (self, plan);
  if (signature == NULL)
    {
      alcove_plan_set_signed (plan, 0, "", "", "");
      return alcove_error_fail (error, ALCOVE_VAULT_ERROR_FAILED,
                                _("Your signing key is not open in this session; lock Alcove "
                                  "and sign in again with your password"));
    }
  alcove_plan_set_signed (plan, now, alcove_plan_get_author (plan), hash, signature);
  if (!in_transaction (self, plan, sign_step, now, ALCOVE_AUDIT_PLAN_SIGN, error))
    {
      alcove_plan_set_signed (plan, 0, "", "", "");
      return FALSE;
    }
  alcove_plan_set_times (plan, alcove_plan_get_created_ms (plan), now);
  alcove_plan_set_integrity (plan, ALCOVE_PLAN_INTEGRITY_OK);
  alcove_plan_set_superseded (plan, FALSE);
  alcove_plan_set_dirty (plan, FALSE);
  g_signal_emit (self, signals[PLAN_CHANGED], 0, plan);
  return TRUE;
}

static gboolean
delete_step (AlcovePlanStore  *self,
             AlcovePlan       *plan,
             gint64            now,
             GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = schema_of (plan);

  if (!unindex_lineage (database, schema, alcove_plan_get_plan_id (plan), error) ||
      !alcove_note_store_exec_in (database, "DELETE FROM @S@.plan_objectives WHERE plan_version_id = ?1", schema,
                alcove_plan_get_id (plan), NULL, NULL, error) ||
      !alcove_note_store_exec_in (database, "DELETE FROM @S@.plans WHERE id = ?1 AND status = 'draft'", schema,
                alcove_plan_get_id (plan), NULL, NULL, error))
    return FALSE;
  if (sqlite3_changes (alcove_database_get_handle (database)) != 1)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("This version was signed since it was opened, and a signed "
                                "treatment plan is kept"));
  return TRUE;
}

gboolean
alcove_plan_store_delete_draft (AlcovePlanStore  *self,
                                AlcovePlan       *plan,
                                GError          **error)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), FALSE);

  if (alcove_plan_get_status (plan) == ALCOVE_PLAN_SIGNED)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("A signed treatment plan is part of the record and cannot be "
                                "deleted"));
  if (!require_author (self, plan, error) ||
      !in_transaction (self, plan, delete_step, 0, ALCOVE_AUDIT_PLAN_DELETE_DRAFT, error))
    return FALSE;
  g_signal_emit (self, signals[PLAN_DELETED], 0, alcove_plan_get_id (plan),
                 alcove_plan_get_client_id (plan));
  return TRUE;
}

/* ---- reviews ---- */

int
alcove_plan_store_get_review_days (AlcovePlanStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), ALCOVE_PLAN_REVIEW_DAYS_DEFAULT);
  return alcove_practice_settings_get_int (self->vault, ALCOVE_SETTING_PLAN_REVIEW_DAYS,
                                           ALCOVE_PLAN_REVIEW_DAYS_DEFAULT,
                                           ALCOVE_PLAN_REVIEW_DAYS_MIN,
                                           ALCOVE_PLAN_REVIEW_DAYS_MAX);
}

gboolean
alcove_plan_store_can_set_review_days (AlcovePlanStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), FALSE);
  return alcove_practice_settings_can_change (self->vault);
}

gboolean
alcove_plan_store_set_review_days (AlcovePlanStore  *self,
                                   int               days,
                                   GError          **error)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), FALSE);

  return alcove_practice_settings_set_int (self->vault, ALCOVE_SETTING_PLAN_REVIEW_DAYS, days,
                                           ALCOVE_PLAN_REVIEW_DAYS_MIN,
                                           ALCOVE_PLAN_REVIEW_DAYS_MAX, error);
}

static char *
review_due (AlcovePlan *plan,
            int         days)
{
  g_autoptr(GDateTime) signed_at = NULL;
  g_autoptr(GDateTime) due = NULL;

  if (alcove_plan_get_status (plan) != ALCOVE_PLAN_SIGNED)
    return NULL;
  signed_at = g_date_time_new_from_unix_local (alcove_plan_get_signed_ms (plan) / 1000);
  due = g_date_time_add_days (signed_at, days);
  return g_date_time_format (due, "%Y-%m-%d");
}

/* The review interval counts from the day the version was signed, in local time */
char *
alcove_plan_store_dup_review_due (AlcovePlanStore *self,
                                  AlcovePlan      *plan)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), NULL);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), NULL);

  return review_due (plan, alcove_plan_store_get_review_days (self));
}

static gint
compare_due (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  GHashTable *due = user_data;
  int by_due = g_strcmp0 (g_hash_table_lookup (due, *(AlcovePlan **) a),
                          g_hash_table_lookup (due, *(AlcovePlan **) b));

  return by_due != 0 ? by_due : g_strcmp0 (alcove_plan_get_id (*(AlcovePlan **) a),
                                           alcove_plan_get_id (*(AlcovePlan **) b));
}

GListModel *
alcove_plan_store_list_due_reviews (AlcovePlanStore  *self,
                                    guint             within_days,
                                    GError          **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) due = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) horizon = g_date_time_add_days (now, (int) within_days);
  g_autofree char *last_day = g_date_time_format (horizon, "%Y-%m-%d");
  int days;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), NULL);

  if (!collect (self, "status = 'signed' AND version = (SELECT MAX (version) FROM @S@.plans AS"
                      " newer WHERE newer.plan_id = plans.plan_id AND newer.status = 'signed')",
                NULL, plans, error))
    return NULL;
  days = alcove_plan_store_get_review_days (self);
  for (guint i = plans->len; i > 0; i--)
    {
      AlcovePlan *plan = g_ptr_array_index (plans, i - 1);
      AlcoveClient *client = alcove_client_store_lookup (self->notes->clients,
                                                         alcove_plan_get_client_id (plan));
      char *day = review_due (plan, days);

      if (client == NULL || alcove_client_get_status (client) == ALCOVE_CLIENT_DISCHARGED ||
          g_strcmp0 (day, last_day) > 0)
        {
          g_free (day);
          g_ptr_array_remove_index (plans, i - 1);
          continue;
        }
      g_hash_table_insert (due, plan, day);
    }
  g_ptr_array_sort_with_data (plans, compare_due, due);
  return to_model (plans);
}

/* ---- progress toward objectives, and paper ---- */

GListModel *
alcove_plan_store_list_notes_for_objective (AlcovePlanStore  *self,
                                            const char       *objective_id,
                                            GError          **error)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (self), NULL);
  return alcove_note_store_list_for_objective (self->notes, objective_id, error);
}

/* Printing is a disclosure risk, so it is audited */
void
alcove_plan_store_record_print (AlcovePlanStore *self,
                                AlcovePlan      *plan)
{
  g_autofree char *details = NULL;

  g_return_if_fail (ALCOVE_IS_PLAN_STORE (self));
  g_return_if_fail (ALCOVE_IS_PLAN (plan));

  details = plan_details (plan);
  alcove_vault_audit (self->vault, ALCOVE_AUDIT_PLAN_PRINT, alcove_plan_get_id (plan), details);
}
