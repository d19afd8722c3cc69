/* test-worker.c — the session's one worker thread: order, its own connection, and what a
 * lock does to work in flight
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-worker"

#include "config.h"

#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

typedef struct
{
  GThread        *thread;
  AlcoveDatabase *connection;
  int             order;
  gint64          rows;
  GError         *error;
  gboolean        done;
  gint            started;   /* atomic: the job is running on the worker */
} Outcome;

static int next_order;

static void
count_job (GTask          *task,
           AlcoveDatabase *connection,
           gpointer        task_data,
           GCancellable   *cancellable)
{
  Outcome *outcome = task_data;
  sqlite3_stmt *stmt = NULL;

  g_atomic_int_set (&outcome->started, TRUE);
  outcome->thread = g_thread_self ();
  outcome->connection = connection;
  outcome->order = ++next_order;
  g_assert_cmpint (sqlite3_prepare_v2 (alcove_database_get_handle (connection),
                                       "SELECT count(*) FROM main.audit_log", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  outcome->rows = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_usleep (G_USEC_PER_SEC / 20);
  g_task_return_boolean (task, TRUE);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  g_task_propagate_boolean (G_TASK (result), &outcome->error);
  outcome->done = TRUE;
}

static void
queue (AlcoveVault       *vault,
       Outcome           *outcome,
       AlcoveWorkerFlags  flags)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, done_cb, outcome);

  g_task_set_task_data (task, outcome, NULL);
  alcove_worker_run (alcove_vault_get_worker (vault), task, flags, count_job);
}

static void
wait_for (Outcome *outcome)
{
  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_until_started (Outcome *outcome)
{
  while (!g_atomic_int_get (&outcome->started))
    g_usleep (1000);
}

static AlcoveVault *
unlocked_vault (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);

  return alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
}

/* Jobs run one after the other, in order, off the main thread, on one connection that is
 * not the session's */
static void
test_order_and_connection (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = unlocked_vault (dir);
  Outcome outcomes[3] = { { 0 } };

  next_order = 0;
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    queue (vault, &outcomes[i], ALCOVE_WORKER_CONNECTION);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    wait_for (&outcomes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_assert_no_error (outcomes[i].error);
      g_assert_cmpint (outcomes[i].order, ==, i + 1);
      g_assert_true (outcomes[i].thread != g_thread_self ());
      g_assert_true (outcomes[i].thread == outcomes[0].thread);
      g_assert_true (outcomes[i].connection == outcomes[0].connection);
      g_assert_cmpint (outcomes[i].rows, >, 0);
    }
  g_assert_true (outcomes[0].connection != alcove_vault_get_database (vault));
}

/* A lock lets the person's writes finish, cancels the rest, and refuses new work */
static void
test_lock_finishes_writes_cancels_reads (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = unlocked_vault (dir);
  Outcome running = { 0 }, write = { 0 }, read = { 0 }, late = { 0 };

  next_order = 0;
  queue (vault, &running, ALCOVE_WORKER_CONNECTION);
  queue (vault, &write, ALCOVE_WORKER_CONNECTION | ALCOVE_WORKER_COMPLETES);
  queue (vault, &read, ALCOVE_WORKER_CONNECTION);
  /* the lock comes while the first job runs (it takes 50 ms) */
  wait_until_started (&running);
  alcove_vault_lock (vault);
  wait_for (&running);
  wait_for (&write);
  wait_for (&read);
  g_assert_no_error (running.error);
  g_assert_no_error (write.error);
  g_assert_cmpint (write.order, ==, 2);
  g_assert_error (read.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (read.order, ==, 0);

  /* and the next session has a worker of its own */
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  queue (vault, &late, ALCOVE_WORKER_CONNECTION);
  wait_for (&late);
  g_assert_no_error (late.error);
  g_assert_true (late.thread != running.thread || late.connection != running.connection);
}

/* The task's own cancellable stops a job that has not started */
static void
test_cancel_before_start (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = unlocked_vault (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  Outcome first = { 0 }, cancelled = { 0 };

  next_order = 0;
  queue (vault, &first, ALCOVE_WORKER_CONNECTION);
  task = g_task_new (NULL, cancellable, done_cb, &cancelled);
  g_task_set_task_data (task, &cancelled, NULL);
  alcove_worker_run (alcove_vault_get_worker (vault), task, ALCOVE_WORKER_CONNECTION, count_job);
  g_cancellable_cancel (cancellable);
  wait_for (&first);
  wait_for (&cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (cancelled.order, ==, 0);
}

/* ---- a worker with no connection ---- */

static void
thread_job (GTask          *task,
            AlcoveDatabase *connection,
            gpointer        task_data,
            GCancellable   *cancellable)
{
  Outcome *outcome = task_data;

  outcome->thread = g_thread_self ();
  outcome->connection = connection;
  outcome->order = ++next_order;
  g_task_return_boolean (task, TRUE);
}

/* A worker made without a way to connect runs jobs that need none, off the main thread */
static void
test_without_connection (void)
{
  g_autoptr(AlcoveWorker) worker = alcove_worker_new (NULL, NULL);
  Outcome outcomes[2] = { { 0 } };

  next_order = 0;
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, done_cb, &outcomes[i]);

      g_task_set_task_data (task, &outcomes[i], NULL);
      alcove_worker_run (worker, task, ALCOVE_WORKER_NONE, thread_job);
    }
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      wait_for (&outcomes[i]);
      g_assert_no_error (outcomes[i].error);
      g_assert_cmpint (outcomes[i].order, ==, i + 1);
      g_assert_null (outcomes[i].connection);
      g_assert_true (outcomes[i].thread != g_thread_self ());
    }
}

/* ---- where a task is freed ---- */

typedef struct
{
  GThread *finalized_on;
  gboolean finalized;
} Watch;

static void
finalized_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  Watch *watch = data;

  watch->finalized_on = g_thread_self ();
  watch->finalized = TRUE;
}

static void
ignore_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}

/* The worker's reference to a task, and with it the task's source object, is dropped on
 * the task's own context even when the caller let go first: a vault disposed of on the
 * worker would stop the worker from its own thread */
static void
test_task_freed_on_its_context (void)
{
  g_autoptr(AlcoveWorker) worker = alcove_worker_new (NULL, NULL);
  GObject *source = g_object_new (G_TYPE_OBJECT, NULL);
  Watch watch = { 0 };
  GTask *task = g_task_new (source, NULL, ignore_cb, NULL);
  Outcome outcome = { 0 };

  g_object_weak_ref (source, finalized_cb, &watch);
  g_task_set_task_data (task, &outcome, NULL);
  alcove_worker_run (worker, task, ALCOVE_WORKER_NONE, thread_job);
  g_object_unref (task);
  g_object_unref (source);
  while (!watch.finalized)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (watch.finalized_on == g_thread_self ());
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);
  g_test_add_func ("/worker/order-and-connection", test_order_and_connection);
  g_test_add_func ("/worker/lock-finishes-writes-cancels-reads",
                   test_lock_finishes_writes_cancels_reads);
  g_test_add_func ("/worker/cancel-before-start", test_cancel_before_start);
  g_test_add_func ("/worker/without-connection", test_without_connection);
  g_test_add_func ("/worker/task-freed-on-its-context", test_task_freed_on_its_context);
  return g_test_run ();
}
