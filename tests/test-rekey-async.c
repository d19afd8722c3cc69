/* test-rekey-async.c — changes that re-key stores (a password change, disabling someone),
 * checking a password and the keyring's calls, without blocking: the same result and the
 * same errors as the synchronous functions, progress on the caller's context, the session
 * read-only while the stores are copied, and a cancel or a lock before the commit changes
 * no file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-rekey-async"

#include "config.h"

#include <glib/gstdio.h>

#include "alcove-attempts.h"
#include "alcove-client-store.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define NEW_PASSWORD "plum umbrella gravel tonic"

/* ---- helpers ---- */

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
assert_same_error (const GError *sync_error,
                   const GError *async_error)
{
  g_assert_nonnull (sync_error);
  g_assert_nonnull (async_error);
  g_assert_true (sync_error->domain == async_error->domain);
  g_assert_cmpint (sync_error->code, ==, async_error->code);
  g_assert_cmpstr (sync_error->message, ==, async_error->message);
}

/* What the progress function saw, and what the main thread could do meanwhile */
typedef struct
{
  AlcoveVault  *vault;
  guint         reports;
  guint         stores;
  gboolean      ended;
  guint64       done;
  guint64       total;
  char         *file;
  gboolean      on_main_thread;
  gboolean      backwards;
  /* what to do at the first report, while the copy runs */
  GCancellable *cancel;
  gboolean      lock;
  gboolean      try_write;
  GError       *write_error;
  GError       *worker_error;
  gboolean      worker_answered;
} Progress;

static void
progress_clear (Progress *progress)
{
  g_free (progress->file);
  g_clear_error (&progress->write_error);
  g_clear_error (&progress->worker_error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Progress, progress_clear)

static void
write_job_cb (GTask          *task,
              AlcoveDatabase *connection,
              gpointer        task_data,
              GCancellable   *cancellable)
{
  GError *error = NULL;

  if (!alcove_database_exec (connection, "INSERT INTO main.marks VALUES ('worker')", &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
worker_wrote_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Progress *progress = user_data;

  g_task_propagate_boolean (G_TASK (result), &progress->worker_error);
  progress->worker_answered = TRUE;
}

/* While the stores are copied: the session's connection and a worker's refuse to write */
static void
try_writes (Progress *progress)
{
  g_autoptr(GTask) task = g_task_new (progress->vault, NULL, worker_wrote_cb, progress);

  g_assert_false (alcove_database_exec (alcove_vault_get_database (progress->vault),
                                        "INSERT INTO main.marks VALUES ('session')",
                                        &progress->write_error));
  alcove_worker_run (alcove_vault_get_worker (progress->vault), task,
                     ALCOVE_WORKER_CONNECTION | ALCOVE_WORKER_COMPLETES, write_job_cb);
}

static void
progress_cb (const char *file,
             guint64     done,
             guint64     total,
             gpointer    user_data)
{
  Progress *progress = user_data;
  gboolean first = progress->reports == 0;

  progress->on_main_thread = g_main_context_is_owner (g_main_context_default ());
  progress->reports++;
  if (done < progress->done)
    progress->backwards = TRUE;
  progress->done = done;
  progress->total = total;
  if (file == NULL)
    progress->ended = TRUE;
  else if (g_strcmp0 (file, progress->file) != 0)
    {
      progress->stores++;
      g_free (progress->file);
      progress->file = g_strdup (file);
    }
  if (!first)
    return;
  if (progress->try_write)
    try_writes (progress);
  if (progress->cancel != NULL)
    g_cancellable_cancel (progress->cancel);
  if (progress->lock)
    alcove_vault_lock (progress->vault);
}

static gboolean
change_password_async (AlcoveVault               *vault,
                       const char                *username,
                       const char                *password,
                       const AlcoveConfirmation  *confirmation,
                       Progress                  *progress,
                       GCancellable              *cancellable,
                       GError                   **error)
{
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);
  g_autoptr(GAsyncResult) result = NULL;

  alcove_vault_change_password_confirmed_async (vault, username, secret, alcove_test_fast_kdf (),
                                                confirmation, progress ? progress_cb : NULL,
                                                progress, NULL, cancellable, got_result_cb,
                                                &result);
  return alcove_vault_change_password_finish (vault, wait_for (&result), error);
}

static gboolean
change_password_sync (AlcoveVault               *vault,
                      const char                *username,
                      const char                *password,
                      const AlcoveConfirmation  *confirmation,
                      GError                   **error)
{
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);

  return alcove_vault_change_password_confirmed (vault, username, secret, alcove_test_fast_kdf (),
                                                 confirmation, error);
}

static gboolean
disable_async (AlcoveVault  *vault,
               const char   *username,
               Progress     *progress,
               GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alcove_vault_disable_user_async (vault, username, progress ? progress_cb : NULL, progress,
                                   NULL, NULL, got_result_cb, &result);
  return alcove_vault_disable_user_finish (vault, wait_for (&result), error);
}

static gboolean
check_password_async (AlcoveVault  *vault,
                      const char   *password,
                      GError      **error)
{
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);
  g_autoptr(GAsyncResult) result = NULL;

  alcove_vault_check_password_async (vault, secret, NULL, got_result_cb, &result);
  return alcove_vault_check_password_finish (vault, wait_for (&result), error);
}

static gboolean
opens (const char *dir,
       const char *username,
       const char *password)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);

  return alcove_vault_unlock_with_password (vault, username, secret, NULL);
}

/* A practice: dana (owner) and sam (clinician), the practice's store holding `bulk_mib`
 * of rows, so that copying it lasts */
static char *
make_practice (const char *name,
               guint       bulk_mib)
{
  char *dir = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE main.marks (m TEXT);"
                                          "CREATE TABLE main.bulk (b BLOB);"
                                          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                                          "SELECT i + 1 FROM n WHERE i < %u) "
                                          "INSERT INTO main.bulk SELECT randomblob(4000) FROM n;",
                                          bulk_mib * 256);
  g_autoptr(GError) error = NULL;

  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  g_assert_true (alcove_database_exec (alcove_vault_get_database (owner), sql, &error));
  g_assert_no_error (error);
  return dir;
}

/* What a session and its files are after a change, as far as its callers can see: the
 * keys are new each time, so not them */
static char *
describe (AlcoveVault *vault)
{
  AlcoveUser *user = alcove_vault_get_current_user (vault);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GListModel) users = alcove_vault_list_users (vault);

  g_string_append_printf (text, "locked=%d user=%s method=%s stores=%u generation=%"
                          G_GINT64_FORMAT,
                          alcove_vault_get_locked (vault),
                          user ? alcove_user_get_username (user) : "-",
                          alcove_vault_get_unlock_method (vault),
                          vault->header->databases->len, vault->header->generation);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) each = g_list_model_get_item (users, i);

      g_string_append_printf (text, " %s:%d", alcove_user_get_username (each),
                              alcove_user_get_disabled (each));
    }
  for (guint i = 0; i < vault->header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (vault->header->databases, i);
      const char *colon = strchr (entry->id, ':');
      AlcoveHeaderUser *owner = colon ? alcove_header_find_user (vault->header, colon + 1)
                                      : NULL;

      g_string_append_printf (text, " %.*s%s=%s",
                              colon ? (int) (colon - entry->id + 1) : (int) strlen (entry->id),
                              entry->id, owner ? owner->username : "",
                              g_regex_match_simple ("-[0-9a-f]{8}\\.db$", entry->file, 0, 0)
                                ? "rotated" : "original");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The audit rows of one action, whoever they name */
static gint64
count_action (AlcoveVault *vault,
              const char  *action)
{
  sqlite3_stmt *stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                                "SELECT count(*) FROM audit_log WHERE action = ?1",
                                                NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);  /* the connection keeps its statements */
  return count;
}

/* Every file of the vault as it was, but SQLite's shared-memory index (the -shm file): a
 * reader marks its place there, and it holds no data */
static GHashTable *
snapshot (const char *dir)
{
  GHashTable *files = alcove_test_snapshot (dir);
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (g_str_has_suffix (name, "-shm"))
      g_hash_table_iter_remove (&iter);
  return files;
}

/* ---- a password change ---- */

/* The owner's own change: the same session, files, audit row and passwords either way */
static void
test_change_password (void)
{
  g_autofree char *sync_dir = make_practice ("sync", 0);
  g_autofree char *async_dir = make_practice ("async", 0);
  g_autoptr(AlcoveVault) by_sync = alcove_test_unlocked_vault (sync_dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveVault) by_async = alcove_test_unlocked_vault (async_dir, "dana",
                                                                TEST_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_auto(Progress) progress = { by_async };
  g_autofree char *sync_text = NULL;
  g_autofree char *async_text = NULL;

  g_assert_true (change_password_sync (by_sync, "dana", NEW_PASSWORD, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (change_password_async (by_async, "dana", NEW_PASSWORD, NULL, &progress, NULL,
                                        &error));
  g_assert_no_error (error);
  sync_text = describe (by_sync);
  async_text = describe (by_async);
  g_test_message ("%s", async_text);
  g_assert_cmpstr (async_text, ==, sync_text);
  g_assert_nonnull (strstr (async_text, "practice=rotated"));
  g_assert_cmpint (count_action (by_async, ALCOVE_AUDIT_USER_PASSWORD), ==,
                   count_action (by_sync, ALCOVE_AUDIT_USER_PASSWORD));
  g_assert_cmpint (count_action (by_async, ALCOVE_AUDIT_USER_PASSWORD), ==, 1);

  /* reported on this thread, store by store, to the end */
  g_assert_true (progress.on_main_thread);
  g_assert_true (progress.ended);
  g_assert_false (progress.backwards);
  g_assert_cmpuint (progress.stores, ==, 3);  /* the practice, dana's notes and private */
  g_assert_cmpuint (progress.done, ==, progress.total);
  g_assert_cmpuint (progress.total, >, 0);

  /* the session goes on, and writes again, on the new files */
  g_assert_true (alcove_database_exec (alcove_vault_get_database (by_async),
                                       "INSERT INTO main.marks VALUES ('after')", &error));
  g_assert_no_error (error);
  {
    g_autoptr(AlcoveSecret) fresh = alcove_test_secret (NEW_PASSWORD);
    g_assert_true (alcove_vault_check_password (by_async, fresh, &error));
    g_assert_no_error (error);
  }
  alcove_vault_lock (by_sync);
  alcove_vault_lock (by_async);
  g_assert_false (opens (async_dir, "dana", TEST_PASSWORD));
  g_assert_true (opens (async_dir, "dana", NEW_PASSWORD));
  g_assert_true (opens (async_dir, "sam", TEST_OTHER_PASSWORD));
}

/* Refusals: the same errors, in the same order, and a wrong confirmation counted the same */
static void
test_change_password_errors (void)
{
  g_autofree char *dir = make_practice ("errors", 0);
  g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
  g_autoptr(AlcoveSecret) owner_password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveSecret) wrong = alcove_test_secret ("not the owner's password");
  AlcoveConfirmation by_dana = { "dana", owner_password };
  AlcoveConfirmation wrong_dana = { "dana", wrong };
  AlcoveConfirmation by_sam = { "sam", owner_password };
  struct
  {
    const char               *username;
    const char               *password;
    const AlcoveConfirmation *confirmation;
    int                       code;
  } cases[] = {
    { "sam", NEW_PASSWORD, NULL, ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION },
    { "sam", "short", &by_dana, ALCOVE_VAULT_ERROR_WEAK_PASSWORD },
    { "dana", NEW_PASSWORD, &by_dana, ALCOVE_VAULT_ERROR_PERMISSION_DENIED },
    { "sam", NEW_PASSWORD, &by_sam, ALCOVE_VAULT_ERROR_PERMISSION_DENIED },
    { "sam", NEW_PASSWORD, &wrong_dana, ALCOVE_VAULT_ERROR_AUTH_FAILED },
  };
  g_autoptr(GHashTable) before = snapshot (dir);
  g_autoptr(GHashTable) after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) sync_error = NULL;
      g_autoptr(GError) async_error = NULL;
      guint failures;

      g_assert_false (change_password_sync (sam, cases[i].username, cases[i].password,
                                            cases[i].confirmation, &sync_error));
      failures = alcove_attempts_get_count (alcove_vault_get_uuid (sam), "dana", NULL);
      g_assert_false (change_password_async (sam, cases[i].username, cases[i].password,
                                             cases[i].confirmation, NULL, NULL, &async_error));
      g_test_message ("%s", async_error->message);
      assert_same_error (sync_error, async_error);
      g_assert_error (async_error, ALCOVE_VAULT_ERROR, cases[i].code);
      if (cases[i].confirmation == &wrong_dana)
        g_assert_cmpuint (alcove_attempts_get_count (alcove_vault_get_uuid (sam), "dana", NULL),
                          ==, failures + 1);
      g_assert_false (alcove_vault_get_locked (sam));
    }
  after = snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
  g_assert_true (opens (dir, "sam", TEST_OTHER_PASSWORD));
}

/* A clinician's change, an owner confirming: the same as synchronously, and the borrowed
 * authority gone after */
static void
test_change_password_confirmed (void)
{
  g_autofree char *sync_dir = make_practice ("confirmed-sync", 0);
  g_autofree char *async_dir = make_practice ("confirmed-async", 0);
  g_autoptr(AlcoveVault) by_sync = alcove_test_unlocked_vault (sync_dir, "sam",
                                                               TEST_OTHER_PASSWORD);
  g_autoptr(AlcoveVault) by_async = alcove_test_unlocked_vault (async_dir, "sam",
                                                                TEST_OTHER_PASSWORD);
  g_autoptr(AlcoveSecret) owner_password = alcove_test_secret (TEST_PASSWORD);
  AlcoveConfirmation by_dana = { "dana", owner_password };
  g_autoptr(GError) error = NULL;
  g_autofree char *sync_text = NULL;
  g_autofree char *async_text = NULL;

  g_assert_true (change_password_sync (by_sync, "sam", NEW_PASSWORD, &by_dana, &error));
  g_assert_no_error (error);
  g_assert_true (change_password_async (by_async, "sam", NEW_PASSWORD, &by_dana, NULL, NULL,
                                        &error));
  g_assert_no_error (error);
  sync_text = describe (by_sync);
  async_text = describe (by_async);
  g_assert_cmpstr (async_text, ==, sync_text);
  g_assert_true (alcove_vault_password_change_needs_confirmation (by_async));
  g_assert_cmpint (count_action (by_async, ALCOVE_AUDIT_USER_PASSWORD), ==, 1);
  alcove_vault_lock (by_async);
  g_assert_true (opens (async_dir, "sam", NEW_PASSWORD));
  g_assert_false (opens (async_dir, "sam", TEST_OTHER_PASSWORD));
  g_assert_true (opens (async_dir, "dana", TEST_PASSWORD));
}

/* Cancelled before the commit, wherever it is (at once, during the KDF, while a store is
 * copied): G_IO_ERROR_CANCELLED, every file as it was, the session going on unchanged */
static void
test_change_password_cancelled (void)
{
  g_autofree char *dir = make_practice ("cancelled", 8);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(GHashTable) before = snapshot (dir);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_auto(Progress) progress = { vault };
      g_autoptr(AlcoveSecret) secret = alcove_test_secret (NEW_PASSWORD);
      g_autoptr(GAsyncResult) result = NULL;

      if (i == 0)
        g_cancellable_cancel (cancellable);
      if (i == 2)
        progress.cancel = cancellable;
      alcove_vault_change_password_async (vault, "dana", secret, alcove_test_fast_kdf (),
                                          progress_cb, &progress, NULL, cancellable,
                                          got_result_cb, &result);
      if (i == 1)
        g_cancellable_cancel (cancellable);
      g_assert_false (alcove_vault_change_password_finish (vault, wait_for (&result), &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      if (i < 2)
        g_assert_cmpuint (progress.reports, ==, 0);
      else
        g_assert_cmpuint (progress.reports, >=, 1);
      g_assert_false (alcove_vault_get_locked (vault));
    }
  after = snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);

  /* the session writes again, and still holds the old keys */
  g_assert_true (alcove_database_exec (alcove_vault_get_database (vault),
                                       "INSERT INTO main.marks VALUES ('after')", &error));
  g_assert_no_error (error);
  {
    g_autoptr(AlcoveSecret) old = alcove_test_secret (TEST_PASSWORD);
    g_assert_true (alcove_vault_check_password (vault, old, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (count_action (vault, ALCOVE_AUDIT_USER_PASSWORD), ==, 0);
  alcove_vault_lock (vault);
  g_assert_true (opens (dir, "dana", TEST_PASSWORD));
  g_assert_false (opens (dir, "dana", NEW_PASSWORD));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names of the vault's files, without SQLite's side files */
static char *
file_names (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (!g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A lock while the stores are copied: the copy stops, the lock locks, no new file stays,
 * vault.keys is untouched and the old password still opens */
static void
test_lock_cancels (void)
{
  g_autofree char *dir = make_practice ("lock", 8);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autofree char *names = file_names (dir);
  g_autofree char *names_after = NULL;
  g_autoptr(GHashTable) before = alcove_test_snapshot (dir);
  g_autoptr(GHashTable) after = NULL;
  g_auto(Progress) progress = { vault };
  g_autoptr(GError) error = NULL;

  progress.lock = TRUE;
  g_assert_false (change_password_async (vault, "dana", NEW_PASSWORD, NULL, &progress, NULL,
                                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (alcove_vault_get_locked (vault));
  names_after = file_names (dir);
  g_assert_cmpstr (names_after, ==, names);
  after = alcove_test_snapshot (dir);
  g_assert_cmpstr (g_hash_table_lookup (after, ALCOVE_HEADER_FILE), ==,
                   g_hash_table_lookup (before, ALCOVE_HEADER_FILE));
  g_assert_true (opens (dir, "dana", TEST_PASSWORD));
  g_assert_false (opens (dir, "dana", NEW_PASSWORD));
}

/* While the stores are copied, a write would be lost at the commit: it fails instead, on
 * the session's connection and on its worker's; afterwards the session writes again */
static void
test_writes_refused_while_copying (void)
{
  g_autofree char *dir = make_practice ("writes", 4);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_auto(Progress) progress = { vault };
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  progress.try_write = TRUE;
  g_assert_true (change_password_async (vault, "dana", NEW_PASSWORD, NULL, &progress, NULL,
                                        &error));
  g_assert_no_error (error);
  while (!progress.worker_answered)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("session: %s; worker: %s", progress.write_error->message,
                  progress.worker_error ? progress.worker_error->message : "-");
  g_assert_error (progress.write_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO);
  g_assert_nonnull (progress.worker_error);

  g_assert_true (alcove_database_exec (alcove_vault_get_database (vault),
                                       "INSERT INTO main.marks VALUES ('after')", &error));
  g_assert_no_error (error);
  stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                  "SELECT group_concat(m) FROM main.marks", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "after");
  sqlite3_reset (stmt);
}

/* The main thread's loop goes on while the stores are copied; the synchronous change holds
 * it for as long. Reported, not asserted beyond "it ran". */
static gboolean
count_tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_main_loop_runs (void)
{
  g_autofree char *sync_dir = make_practice ("loop-sync", 16);
  g_autofree char *async_dir = make_practice ("loop-async", 16);
  g_autoptr(AlcoveVault) by_sync = alcove_test_unlocked_vault (sync_dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveVault) by_async = alcove_test_unlocked_vault (async_dir, "dana",
                                                                TEST_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_auto(Progress) progress = { by_async };
  gint64 start;
  double sync_ms, async_ms;
  guint ticks = 0;
  guint source;

  start = g_get_monotonic_time ();
  g_assert_true (change_password_sync (by_sync, "dana", NEW_PASSWORD, NULL, &error));
  sync_ms = (g_get_monotonic_time () - start) / 1000.0;

  source = g_timeout_add (16, count_tick_cb, &ticks);
  start = g_get_monotonic_time ();
  g_assert_true (change_password_async (by_async, "dana", NEW_PASSWORD, NULL, &progress, NULL,
                                        &error));
  async_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_source_remove (source);
  g_assert_no_error (error);
  g_test_message ("synchronous change: the main thread held %.0f ms; asynchronous: %.0f ms, "
                  "%u ticks of 16 ms and %u progress reports meanwhile", sync_ms, async_ms,
                  ticks, progress.reports);
  g_assert_cmpuint (ticks, >, 0);
  g_assert_cmpuint (progress.reports, >, 2);
}

/* ---- disabling someone ---- */

static void
test_disable_user (void)
{
  g_autofree char *sync_dir = make_practice ("disable-sync", 0);
  g_autofree char *async_dir = make_practice ("disable-async", 0);
  g_autoptr(AlcoveVault) by_sync = alcove_test_unlocked_vault (sync_dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveVault) by_async = alcove_test_unlocked_vault (async_dir, "dana",
                                                                TEST_PASSWORD);
  g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (async_dir, "sam", TEST_OTHER_PASSWORD);
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Progress) progress = { by_async };
  g_autofree char *sync_text = NULL;
  g_autofree char *async_text = NULL;
  const char *refused[] = { "dana", "nobody" };

  /* refused the same way: herself, someone who is not there, by someone not an owner */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (alcove_vault_disable_user (by_sync, refused[i], &sync_error));
      g_assert_false (disable_async (by_async, refused[i], NULL, &error));
      assert_same_error (sync_error, error);
      g_clear_error (&sync_error);
      g_clear_error (&error);
    }
  g_assert_false (alcove_vault_disable_user (sam, "dana", &sync_error));
  g_assert_false (disable_async (sam, "dana", NULL, &error));
  assert_same_error (sync_error, error);
  g_clear_error (&error);
  alcove_vault_lock (sam);

  g_assert_true (alcove_vault_disable_user (by_sync, "sam", &error));
  g_assert_no_error (error);
  g_assert_true (disable_async (by_async, "sam", &progress, &error));
  g_assert_no_error (error);
  sync_text = describe (by_sync);
  async_text = describe (by_async);
  g_test_message ("%s", async_text);
  g_assert_cmpstr (async_text, ==, sync_text);
  g_assert_true (progress.ended);
  g_assert_cmpint (count_action (by_async, ALCOVE_AUDIT_USER_DISABLE), ==, 1);
  alcove_vault_lock (by_async);
  g_assert_false (opens (async_dir, "sam", TEST_OTHER_PASSWORD));
  g_assert_true (opens (async_dir, "dana", TEST_PASSWORD));
}

static void
test_disable_user_cancelled (void)
{
  g_autofree char *dir = make_practice ("disable-cancelled", 4);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(GHashTable) before = snapshot (dir);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Progress) progress = { vault };

  progress.cancel = cancellable;
  alcove_vault_disable_user_async (vault, "sam", progress_cb, &progress, NULL, cancellable,
                                   got_result_cb, &result);
  g_assert_false (alcove_vault_disable_user_finish (vault, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
  g_assert_cmpint (count_action (vault, ALCOVE_AUDIT_USER_DISABLE), ==, 0);

  /* the session goes on with the authority it had: the next try succeeds */
  g_clear_error (&error);
  g_assert_true (disable_async (vault, "sam", NULL, &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);
  g_assert_false (opens (dir, "sam", TEST_OTHER_PASSWORD));
}

/* ---- checking a password ---- */

static void
test_check_password (void)
{
  g_autofree char *dir = make_practice ("check", 0);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveSecret) right = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveSecret) wrong = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (check_password_async (vault, TEST_PASSWORD, &error));
  g_assert_no_error (error);

  g_assert_false (alcove_vault_check_password (vault, wrong, &sync_error));
  g_assert_false (check_password_async (vault, TEST_OTHER_PASSWORD, &error));
  assert_same_error (sync_error, error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&sync_error);
  g_clear_error (&error);

  alcove_vault_lock (vault);
  g_assert_false (alcove_vault_check_password (vault, right, &sync_error));
  g_assert_false (check_password_async (vault, TEST_PASSWORD, &error));
  assert_same_error (sync_error, error);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/rekey-async/change-password", test_change_password);
  g_test_add_func ("/rekey-async/change-password-errors", test_change_password_errors);
  g_test_add_func ("/rekey-async/change-password-confirmed", test_change_password_confirmed);
  g_test_add_func ("/rekey-async/change-password-cancelled", test_change_password_cancelled);
  g_test_add_func ("/rekey-async/lock-cancels", test_lock_cancels);
  g_test_add_func ("/rekey-async/writes-refused-while-copying",
                   test_writes_refused_while_copying);
  g_test_add_func ("/rekey-async/main-loop-runs", test_main_loop_runs);
  g_test_add_func ("/rekey-async/disable-user", test_disable_user);
  g_test_add_func ("/rekey-async/disable-user-cancelled", test_disable_user_cancelled);
  g_test_add_func ("/rekey-async/check-password", test_check_password);

  return g_test_run ();
}
