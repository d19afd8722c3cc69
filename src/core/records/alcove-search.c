/* alcove-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-search"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-client.h"
#include "alcove-diagnosis-catalog.h"
#include "alcove-note-store.h"
#include "alcove-policy.h"
#include "alcove-search.h"
#include "alcove-vault-private.h"

/* Search across every store the reader holds a key for: client names and (for those whose
 * role reads them) diagnoses in practice.db, note and treatment plan text through each
 * store's FTS4 index (unicode61, diacritics folded). A billing user has no note store
 * attached, so no note or plan text can come back to them. The asynchronous
 * search is a job of the session's worker, on the worker's own connection (with the same
 * stores attached), with statements of its own. */

#define SNIPPET_OPEN  "\x02"
#define SNIPPET_CLOSE "\x03"

struct _AlcoveSearchHit
{
  GObject        parent_instance;

  AlcoveHitKind  kind;
  char          *client_id;
  char          *note_id;
  char          *session_date;
  char          *snippet;   /* Pango markup, matches in bold */
};

G_DEFINE_FINAL_TYPE (AlcoveSearchHit, alcove_search_hit, G_TYPE_OBJECT)

static void
alcove_search_hit_finalize (GObject *object)
{
  AlcoveSearchHit *self = ALCOVE_SEARCH_HIT (object);

  g_free (self->client_id);
  g_free (self->note_id);
  g_free (self->session_date);
  g_free (self->snippet);

  G_OBJECT_CLASS (alcove_search_hit_parent_class)->finalize (object);
}

static void
alcove_search_hit_class_init (AlcoveSearchHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_search_hit_finalize;
}

static void
alcove_search_hit_init (AlcoveSearchHit *self)
{
}

static AlcoveSearchHit *
hit_new (AlcoveHitKind  kind,
         const char    *client_id,
         const char    *note_id,
         const char    *session_date,
         char          *snippet)
{
  AlcoveSearchHit *hit = g_object_new (ALCOVE_TYPE_SEARCH_HIT, NULL);

  hit->kind = kind;
  hit->client_id = g_strdup (client_id);
  hit->note_id = g_strdup (note_id);
  hit->session_date = g_strdup (session_date ? session_date : "");
  hit->snippet = snippet;
  return hit;
}

AlcoveHitKind
alcove_search_hit_get_kind (AlcoveSearchHit *self)
{
  g_return_val_if_fail (ALCOVE_IS_SEARCH_HIT (self), ALCOVE_HIT_NOTE);
  return self->kind;
}

const char *
alcove_search_hit_get_client_id (AlcoveSearchHit *self)
{
  g_return_val_if_fail (ALCOVE_IS_SEARCH_HIT (self), NULL);
  return self->client_id;
}

/* NULL for a client-name hit */
const char *
alcove_search_hit_get_note_id (AlcoveSearchHit *self)
{
  g_return_val_if_fail (ALCOVE_IS_SEARCH_HIT (self), NULL);
  return self->note_id;
}

const char *
alcove_search_hit_get_session_date (AlcoveSearchHit *self)
{
  g_return_val_if_fail (ALCOVE_IS_SEARCH_HIT (self), NULL);
  return self->session_date;
}

const char *
alcove_search_hit_get_snippet (AlcoveSearchHit *self)
{
  g_return_val_if_fail (ALCOVE_IS_SEARCH_HIT (self), NULL);
  return self->snippet;
}

/* ---- the query ---- */

struct _AlcoveSearch
{
  GObject      parent_instance;

  AlcoveVault *vault;
};

G_DEFINE_FINAL_TYPE (AlcoveSearch, alcove_search, G_TYPE_OBJECT)

static void
alcove_search_finalize (GObject *object)
{
  g_clear_object (&ALCOVE_SEARCH (object)->vault);
  G_OBJECT_CLASS (alcove_search_parent_class)->finalize (object);
}

static void
alcove_search_class_init (AlcoveSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_search_finalize;
}

static void
alcove_search_init (AlcoveSearch *self)
{
}

AlcoveSearch *
alcove_search_new (AlcoveVault *vault)
{
  AlcoveSearch *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_SEARCH, NULL);
  self->vault = g_object_ref (vault);
  return self;
}

static void
append_term (GString    *match,
             const char *words,
             gboolean    prefix)
{
  g_autoptr(GString) clean = g_string_new (NULL);

  /* letters and digits only: FTS syntax (quotes, *, -, NEAR, OR) cannot leak in */
  for (const char *p = words; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        g_string_append_unichar (clean, c);
      else if (clean->len > 0 && clean->str[clean->len - 1] != ' ')
        g_string_append_c (clean, ' ');
    }
  g_strchomp (clean->str);
  if (*clean->str == '\0')
    return;
  g_string_append_printf (match, "%s\"%s%s\"", match->len > 0 ? " " : "", clean->str,
                          prefix && g_utf8_strlen (clean->str, -1) >= 2 ? "*" : "");
}

/* What the person typed, as an FTS4 MATCH expression: "quoted phrases" stay phrases, every
 * other word matches as a prefix (so results come while typing), and all must match.
 * NULL when nothing searchable is left. */
char *
alcove_search_build_match (const char *query)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_auto(GStrv) pieces = g_strsplit (query ? query : "", "\"", -1);

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      if (i % 2 == 1 && pieces[i + 1] != NULL)
        {
          append_term (match, pieces[i], FALSE);  /* between a pair of quotes */
          continue;
        }
      {
        g_auto(GStrv) words = g_strsplit_set (pieces[i], " \t\n", -1);

        for (guint w = 0; words[w] != NULL; w++)
          append_term (match, words[w], TRUE);
      }
    }
  return match->len > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

/* ---- running it ---- */

typedef struct
{
  char      *query;
  char      *client_id;      /* NULL: every client */
  guint      limit;
  GPtrArray *schemas;        /* "notes_…" and the reader's own "private_…" */
  gboolean   diagnoses;      /* the reader's role reads problem lists */
  sqlite3   *handle;         /* the connection of the thread that runs it */
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->query);
  g_free (job->client_id);
  g_ptr_array_unref (job->schemas);
  g_free (job);
}

static char *
snippet_markup (const char *raw)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_auto(GStrv) pieces = g_strsplit_set (raw ? raw : "", SNIPPET_OPEN SNIPPET_CLOSE, -1);
  /* pieces alternate plain, bold, plain…: a match at the very start gives an empty first
   * piece, so the first one is always plain */
  gboolean bold = FALSE;

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (pieces[i], -1);

      g_strdelimit (escaped, "\n\t", ' ');
      if (*escaped != '\0')
        g_string_append_printf (markup, bold ? "<b>%s</b>" : "%s", escaped);
      bold = !bold;
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static gboolean
search_clients (SearchJob     *job,
                GPtrArray     *hits,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *folded = alcove_fold_text (job->query);
  sqlite3_stmt *stmt = NULL;
  guint found = 0;
  int rc;

  g_strstrip (folded);
  if (job->client_id != NULL || *folded == '\0')
    return TRUE;
  rc = sqlite3_prepare_v2 (job->handle, "SELECT id, preferred_name, legal_name FROM main.clients"
                                        " ORDER BY last_session DESC", -1, &stmt, NULL);
  /* rc stays SQLITE_ROW while rows come: only a failed prepare keeps the loop from starting */
  while (stmt != NULL && found < job->limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AlcoveClient) client = alcove_client_new ();

      alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME,
                               (const char *) sqlite3_column_text (stmt, 1));
      alcove_client_set_field (client, ALCOVE_CLIENT_LEGAL_NAME,
                               (const char *) sqlite3_column_text (stmt, 2));
      if (alcove_client_matches (client, folded))
        {
          g_ptr_array_add (hits, hit_new (ALCOVE_HIT_CLIENT,
                                          (const char *) sqlite3_column_text (stmt, 0), NULL,
                                          NULL, g_markup_escape_text (
                                            alcove_client_get_display_name (client), -1)));
          found++;
        }
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FAILED,
                   _("Searching client names failed: %s"), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

static AlcoveHitKind
kind_from_text (const char *kind)
{
  if (g_str_equal (kind, "part"))
    return ALCOVE_HIT_PART;
  if (g_str_equal (kind, "addendum"))
    return ALCOVE_HIT_ADDENDUM;
  if (g_str_equal (kind, "private"))
    return ALCOVE_HIT_PRIVATE;
  if (g_str_equal (kind, "plan"))
    return ALCOVE_HIT_PLAN;
  return ALCOVE_HIT_NOTE;
}

/* One FTS query on a store: columns note id, client id, kind, date, snippet; ?1 the match,
 * ?2 the client, ?3 the limit */
typedef struct
{
  const char *sql;
  const char *for_client;    /* appended when the search is within one client's record */
  const char *failure;       /* what failed, before the database's reason */
} StoreQuery;

/* the FTS table is aliased: in an expression "schema.search_fts" would name a column of a
 * table called "schema", and MATCH and snippet() need the table's own hidden column */
static const StoreQuery note_query = {
  "SELECT d.note_id, d.client_id, d.kind, n.session_date,"
  "  snippet(search_fts, '" SNIPPET_OPEN "', '" SNIPPET_CLOSE "', '…', -1, 16)"
  " FROM @S@.search_fts"
  " JOIN @S@.search_docs AS d ON d.docid = search_fts.docid"
  " JOIN @S@.notes AS n ON n.id = d.note_id"
  " WHERE search_fts MATCH ?1",
  " AND (d.client_id = ?2 OR (d.kind != 'part' AND d.note_id IN"
  " (SELECT note_id FROM @S@.note_parts WHERE client_id = ?2)))",
  N_("Searching the notes failed"),
};

/* Treatment plans: the version in force and the draft the index holds of each, dated by the
 * day the version starts */
static const StoreQuery plan_query = {
  "SELECT d.note_id, d.client_id, d.kind, p.effective_on,"
  "  snippet(search_fts, '" SNIPPET_OPEN "', '" SNIPPET_CLOSE "', '…', -1, 16)"
  " FROM @S@.search_fts"
  " JOIN @S@.search_docs AS d ON d.docid = search_fts.docid"
  " JOIN @S@.plans AS p ON p.id = d.note_id"
  " WHERE search_fts MATCH ?1 AND d.kind = 'plan'",
  " AND d.client_id = ?2",
  N_("Searching the treatment plans failed"),
};

static gboolean
search_store (SearchJob         *job,
              const char        *schema,
              const StoreQuery  *query,
              const char        *match,
              GPtrArray         *hits,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GString) sql = g_string_new (query->sql);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (job->client_id != NULL)
    g_string_append (sql, query->for_client);
  /* newest indexed first: FTS4 walks its doclist backwards and stops at the limit, so
   * snippet() runs for the rows shown, not for every note with a common word */
  g_string_append (sql, " ORDER BY search_fts.docid DESC LIMIT ?3");
  g_string_replace (sql, "@S@", schema, 0);

  rc = sqlite3_prepare_v2 (job->handle, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, job->client_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, job->limit);
    }
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (hits, hit_new (kind_from_text ((const char *) sqlite3_column_text (stmt, 2)),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 3),
                                      snippet_markup ((const char *) sqlite3_column_text (stmt, 4))));
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      /* Translators: "<Searching the notes failed>: <the database's reason>" */
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FAILED, _("%s: %s"),
                   _(query->failure), sqlite3_errmsg (job->handle));
      return FALSE;
    }
  return TRUE;
}

/* Problem lists, by code or by the words of the code's descriptor, as the catalog finds
 * them; dated by the onset */
static gboolean
search_diagnoses (SearchJob     *job,
                  GPtrArray     *hits,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *match = alcove_search_build_match (job->query);
  sqlite3_stmt *stmt = NULL;
  guint found = 0;
  int rc;

  if (!job->diagnoses || match == NULL)
    return TRUE;
  rc = sqlite3_prepare_v2 (job->handle, job->client_id != NULL
                           ? "SELECT id, client_id, code, description, onset_on"
                             " FROM main.diagnoses WHERE client_id = ?1 ORDER BY updated_ms DESC"
                           : "SELECT id, client_id, code, description, onset_on"
                             " FROM main.diagnoses ORDER BY updated_ms DESC", -1, &stmt, NULL);
  if (rc == SQLITE_OK && job->client_id != NULL)
    sqlite3_bind_text (stmt, 1, job->client_id, -1, SQLITE_STATIC);
  while (stmt != NULL && found < job->limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 2);
      const AlcoveDiagnosisCode *entry = alcove_diagnosis_catalog_lookup (code);
      const char *words = entry ? entry->long_text : (const char *) sqlite3_column_text (stmt, 3);

      if (alcove_diagnosis_catalog_matches (job->query, code, words))
        {
          g_autofree char *title = g_strdup_printf ("%s %s", code, words ? words : "");

          g_ptr_array_add (hits, hit_new (ALCOVE_HIT_DIAGNOSIS,
                                          (const char *) sqlite3_column_text (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 4),
                                          g_markup_escape_text (g_strstrip (title), -1)));
          found++;
        }
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FAILED,
                   _("Searching the problem lists failed: %s"), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* Grouped by client: clients whose name matched first, then by their newest hit */
static gint
compare_hits (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GHashTable *rank = user_data;  /* NULL while the ranks themselves are worked out */
  AlcoveSearchHit *first = *(AlcoveSearchHit **) a;
  AlcoveSearchHit *second = *(AlcoveSearchHit **) b;
  /* no ranks yet on the first pass, which finds each client's best hit */
  guint first_rank = rank ? GPOINTER_TO_UINT (g_hash_table_lookup (rank, first->client_id)) : 0;
  guint second_rank = rank ? GPOINTER_TO_UINT (g_hash_table_lookup (rank, second->client_id)) : 0;

  if (first_rank != second_rank)
    return first_rank < second_rank ? -1 : 1;
  if ((first->kind == ALCOVE_HIT_CLIENT) != (second->kind == ALCOVE_HIT_CLIENT))
    return first->kind == ALCOVE_HIT_CLIENT ? -1 : 1;
  return g_strcmp0 (second->session_date, first->session_date);
}

static GListModel *
group_by_client (GPtrArray *hits)
{
  g_autoptr(GHashTable) rank = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_sized_new (hits->len);
  GListStore *model = g_list_store_new (ALCOVE_TYPE_SEARCH_HIT);

  /* borrowed pointers: g_ptr_array_copy() would take the free function of `hits` along and
   * unref every hit a second time */
  g_ptr_array_extend (order, hits, NULL, NULL);

  /* the rank of a client is the position of its best hit: name hits, then newest */
  g_ptr_array_sort_with_data (order, compare_hits, NULL);
  for (guint i = 0; i < order->len; i++)
    {
      AlcoveSearchHit *hit = g_ptr_array_index (order, i);

      if (!g_hash_table_contains (rank, hit->client_id))
        g_hash_table_insert (rank, hit->client_id, GUINT_TO_POINTER (i + 1));
    }
  g_ptr_array_sort_with_data (hits, compare_hits, rank);
  g_list_store_splice (model, 0, 0, hits->pdata, hits->len);
  return G_LIST_MODEL (model);
}

static GListModel *
run_job (SearchJob     *job,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = alcove_search_build_match (job->query);

  if (!search_clients (job, hits, cancellable, error) ||
      !search_diagnoses (job, hits, cancellable, error))
    return NULL;
  for (guint i = 0; match != NULL && i < job->schemas->len; i++)
    {
      const char *schema = g_ptr_array_index (job->schemas, i);

      if (!search_store (job, schema, &note_query, match, hits, cancellable, error) ||
          (g_str_has_prefix (schema, "notes_") &&
           !search_store (job, schema, &plan_query, match, hits, cancellable, error)))
        return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return group_by_client (hits);
}

static int
compare_schemas (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static SearchJob *
search_job_new (AlcoveSearch  *self,
                const char    *query,
                const char    *client_id,
                guint          limit,
                GError       **error)
{
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);
  g_autofree char *own_private = NULL;
  SearchJob *job;
  GHashTableIter iter;
  gpointer id;
  g_autoptr(GError) index_error = NULL;

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  /* On this thread, before the worker reads: the index then holds every autosave. If it
   * cannot catch up (a full disk), search what is indexed rather than nothing. */
  if (!alcove_note_index_catch_up (self->vault, &index_error))
    g_warning ("The search index could not catch up with the last saves: %s",
               index_error->message);
  own_private = user ? g_strconcat ("private:", alcove_user_get_uuid (user), NULL) : NULL;

  job = g_new0 (SearchJob, 1);
  job->query = g_strdup (query ? query : "");
  job->client_id = g_strdup (client_id);
  job->limit = limit > 0 ? limit : 50;
  job->schemas = g_ptr_array_new_with_free_func (g_free);
  job->diagnoses = alcove_policy_allows (self->vault, ALCOVE_CAPABILITY_READ_DIAGNOSES);
  g_hash_table_iter_init (&iter, self->vault->database_keys);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (g_str_has_prefix (id, "notes:") || g_strcmp0 (id, own_private) == 0)
      g_ptr_array_add (job->schemas, alcove_vault_schema_for (id));
  g_ptr_array_sort (job->schemas, compare_schemas);
  return job;
}

/* Hits for `query` (client_id: only within that client's record), at most `limit` per
 * store, as AlcoveSearchHit grouped by client */
GListModel *
alcove_search_run (AlcoveSearch  *self,
                   const char    *query,
                   const char    *client_id,
                   guint          limit,
                   GCancellable  *cancellable,
                   GError       **error)
{
  SearchJob *job;
  GListModel *hits;

  g_return_val_if_fail (ALCOVE_IS_SEARCH (self), NULL);

  job = search_job_new (self, query, client_id, limit, error);
  if (job == NULL)
    return NULL;
  job->handle = alcove_database_get_handle (alcove_vault_get_database (self->vault));
  hits = run_job (job, cancellable, error);
  search_job_free (job);
  return hits;
}

static void
search_job_cb (GTask          *task,
               AlcoveDatabase *connection,
               gpointer        task_data,
               GCancellable   *cancellable)
{
  SearchJob *job = task_data;
  GError *error = NULL;
  GListModel *hits;

  job->handle = alcove_database_get_handle (connection);
  hits = run_job (job, cancellable, &error);
  if (hits == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hits, g_object_unref);
}

/* The same as a job of the session's worker; cancel the previous query when the next key
 * is typed */
void
alcove_search_run_async (AlcoveSearch        *self,
                         const char          *query,
                         const char          *client_id,
                         guint                limit,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SearchJob *job;

  g_return_if_fail (ALCOVE_IS_SEARCH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_search_run_async);
  job = search_job_new (self, query, client_id, limit, &error);
  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  alcove_worker_run (alcove_vault_get_worker (self->vault), task, ALCOVE_WORKER_CONNECTION,
                     search_job_cb);
}

GListModel *
alcove_search_run_finish (AlcoveSearch  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
