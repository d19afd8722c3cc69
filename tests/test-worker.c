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
  gint            started;   /* set on the worker thread as the job begins */
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
  /* "running" is running: a lock before the thread picks it up would rightly cancel it */
  while (!g_atomic_int_get (&running.started))
    g_usleep (1000);
  queue (vault, &write, ALCOVE_WORKER_CONNECTION | ALCOVE_WORKER_COMPLETES);
  queue (vault, &read, ALCOVE_WORKER_CONNECTION);
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

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);
  g_test_add_func ("/worker/order-and-connection", test_order_and_connection);
  g_test_add_func ("/worker/lock-finishes-writes-cancels-reads",
                   test_lock_finishes_writes_cancels_reads);
  g_test_add_func ("/worker/cancel-before-start", test_cancel_before_start);
  return g_test_run ();
}
