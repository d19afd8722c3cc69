/* test-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-audit"

#include "config.h"

#include <signal.h>

#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define N_ROWS 10

/* A vault with rows 1..N of test events after the create/unlock rows; returns it unlocked. */
static AlcoveVault *
vault_with_rows (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  AlcoveVault *vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *object = g_strdup_printf ("object-%u", i);

      g_assert_true (alcove_audit_append (alcove_vault_get_audit (vault), "test.event",
                                          object, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return vault;
}

static void
exec_ok (AlcoveVault *vault,
         const char  *sql)
{
  g_autoptr(GError) error = NULL;
  gboolean done = alcove_database_exec (alcove_vault_get_database (vault), sql, &error);

  g_assert_no_error (error);
  g_assert_true (done);
}

static gint64
first_bad_row (AlcoveVault *vault)
{
  g_autoptr(GError) error = NULL;
  gint64 rows = 0, bad = -1;

  g_assert_true (alcove_audit_verify (alcove_vault_get_audit (vault), &rows, &bad, &error));
  g_assert_no_error (error);
  return bad;
}

static void
test_chain_intact (void)
{
  g_autoptr(AlcoveVault) vault = vault_with_rows ();
  g_autoptr(GError) error = NULL;
  gint64 rows = 0, bad = -1;

  g_assert_true (alcove_audit_verify (alcove_vault_get_audit (vault), &rows, &bad, &error));
  g_assert_cmpint (bad, ==, 0);
  g_assert_cmpint (rows, ==, alcove_audit_count (alcove_vault_get_audit (vault)));
  g_assert_cmpint (rows, >=, N_ROWS + 3);
}

/* The triggers refuse edits through SQL; an attacker with the key drops them first. */
static void
test_triggers_refuse (void)
{
  g_autoptr(AlcoveVault) vault = vault_with_rows ();
  g_autoptr(GError) error = NULL;

  g_assert_false (alcove_database_exec (alcove_vault_get_database (vault),
                                        "UPDATE audit_log SET action = 'x' WHERE seq = 5", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (alcove_database_exec (alcove_vault_get_database (vault),
                                        "DELETE FROM audit_log WHERE seq = 5", &error));
  g_assert_nonnull (error);
  g_assert_cmpint (first_bad_row (vault), ==, 0);
}

static void
drop_triggers (AlcoveVault *vault)
{
  exec_ok (vault, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
}

static void
test_modified_row (void)
{
  g_autoptr(AlcoveVault) vault = vault_with_rows ();

  drop_triggers (vault);
  exec_ok (vault, "UPDATE audit_log SET object_id = 'someone-else' WHERE seq = 7");
  g_assert_cmpint (first_bad_row (vault), ==, 7);
}

static void
test_deleted_row (void)
{
  g_autoptr(AlcoveVault) vault = vault_with_rows ();

  drop_triggers (vault);
  exec_ok (vault, "DELETE FROM audit_log WHERE seq = 6");
  /* the gap shows at the row after the deleted one */
  g_assert_cmpint (first_bad_row (vault), ==, 7);
}

static void
test_reordered_rows (void)
{
  g_autoptr(AlcoveVault) vault = vault_with_rows ();

  drop_triggers (vault);
  /* swap rows 5 and 8 entirely, macs included */
  exec_ok (vault,
           "CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE seq IN (5, 8);"
           "DELETE FROM audit_log WHERE seq IN (5, 8);"
           "INSERT INTO audit_log SELECT CASE seq WHEN 5 THEN 8 ELSE 5 END, id, at_ms, actor,"
           " action, object_id, details, mac, sig FROM swap;");
  g_assert_cmpint (first_bad_row (vault), ==, 5);
}

static void
test_verify_names_row (void)
{
  g_autoptr(AlcoveVault) vault = vault_with_rows ();
  g_autoptr(GError) error = NULL;
  AlcoveVerifyReport report;

  drop_triggers (vault);
  exec_ok (vault, "UPDATE audit_log SET details = '{\"edited\":\"yes\"}' WHERE seq = 9");
  g_assert_false (alcove_vault_verify (vault, &report, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "row 9"));
}

/* A writer killed at random moments never loses a row it reported as committed, and the
 * chain and the file stay sound. */
static void
test_crash_safety (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  const char *writer = g_getenv ("ALCOVE_AUDIT_WRITER");
  g_autoptr(GArray) reported = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint rounds = 24;

  g_assert_nonnull (writer);
  alcove_test_export_user_dirs ();
  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                                       writer, dir, NULL);
      g_autoptr(GDataInputStream) lines = NULL;
      gint64 deadline;

      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      /* wait for the first row, then let it run a random while */
      deadline = g_get_monotonic_time () + g_test_rand_int_range (1000, 60000);
      for (;;)
        {
          g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, NULL);
          gint64 seq;

          if (line == NULL)
            break;
          seq = g_ascii_strtoll (line, NULL, 10);
          g_array_append_val (reported, seq);
          if (g_get_monotonic_time () >= deadline)
            break;
        }
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);
      /* lines still buffered were reported before the kill: they count too */
      for (;;)
        {
          g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, NULL);
          gint64 seq;

          if (line == NULL)
            break;
          seq = g_ascii_strtoll (line, NULL, 10);
          g_array_append_val (reported, seq);
        }
    }

  g_assert_cmpuint (reported->len, >=, rounds);
  {
    g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    AlcoveDatabase *database = alcove_vault_get_database (vault);
    g_autoptr(GError) error = NULL;
    AlcoveVerifyReport report;

    for (guint i = 0; i < reported->len; i++)
      {
        sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                      "SELECT count(*) FROM audit_log WHERE seq = ?"
                                                      " AND action = 'test.event'", NULL);
        sqlite3_bind_int64 (stmt, 1, g_array_index (reported, gint64, i));
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
        sqlite3_reset (stmt);
      }
    g_assert_true (alcove_vault_verify (vault, &report, &error));
    g_assert_no_error (error);
    g_test_message ("%u rounds, %u rows reported, %" G_GINT64_FORMAT " rows chained",
                    rounds, reported->len, report.audit_rows);
  }
}

/* "Last verified" on Home, and the viewer's action filter, seek the audit log by action
 * instead of reading every row (at 300,000 rows the scan took a second and a half). */
static void
test_last_verified_uses_index (void)
{
  g_autoptr(AlcoveVault) vault = vault_with_rows ();
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  AlcoveVerifyReport report;
  sqlite3_stmt *stmt;

  g_assert_cmpint (alcove_vault_get_last_verified_ms (vault), ==, 0);
  g_assert_true (alcove_vault_verify (vault, &report, &error));
  g_assert_cmpint (alcove_vault_get_last_verified_ms (vault), >, 0);

  stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                  "EXPLAIN QUERY PLAN SELECT max(at_ms) FROM audit_log"
                                  " WHERE action = ?", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_reset (stmt);
  g_test_message ("%s", plan->str);
  g_assert_nonnull (strstr (plan->str, "audit_log_by_action"));
  g_assert_null (strstr (plan->str, "SCAN"));
}

typedef struct
{
  AlcoveAudit *writer;
  guint        appended;
} Appender;

/* Rows written through the session's writer, on its own connection, in the middle of a
 * verifier's walk */
static gboolean
append_while_walking_cb (gint64   done,
                         gint64   total,
                         gpointer user_data)
{
  Appender *appender = user_data;

  for (; appender->appended < 5; appender->appended++)
    g_assert_true (alcove_audit_append (appender->writer, "test.late", "late", NULL, NULL, NULL));
  return TRUE;
}

/* A verifier on another connection checks the chain as it stood when it began, while the
 * writer appends; it writes nothing and its head is the last row it saw */
static void
test_verifier_snapshot (void)
{
  g_autoptr(AlcoveVault) vault = vault_with_rows ();
  AlcoveAudit *writer = alcove_vault_get_audit (vault);
  g_autoptr(AlcoveDatabase) connection = NULL;
  g_autoptr(AlcoveAudit) verifier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mac = NULL;
  g_autofree char *expected_mac = NULL;
  Appender appender = { writer, 0 };
  gint64 before, rows = 0, bad = -1, head = 0;

  /* enough rows for the walk to report progress before its end */
  for (guint i = 0; i < 600; i++)
    g_assert_true (alcove_audit_append (writer, "test.event", "x", NULL, NULL, NULL));
  before = alcove_audit_count (writer);
  connection = alcove_vault_open_connection (vault, &error);
  g_assert_no_error (error);
  verifier = alcove_vault_new_audit_verifier (vault);

  g_assert_true (alcove_audit_verify_snapshot (verifier, connection, append_while_walking_cb,
                                               &appender, &rows, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
  g_assert_cmpuint (appender.appended, ==, 5);
  g_assert_cmpint (rows, ==, before);
  g_assert_true (alcove_audit_get_verified_head (verifier, &head, &mac));
  g_assert_cmpint (head, ==, before);
  expected_mac = alcove_audit_mac_at (alcove_vault_get_database (vault), before);
  g_assert_cmpstr (mac, ==, expected_mac);
  g_assert_cmpint (alcove_audit_count (writer), ==, before + 5);

  /* the next walk sees them, signatures included */
  g_assert_true (alcove_audit_verify_snapshot (verifier, connection, NULL, NULL, &rows, &bad,
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
  g_assert_cmpint (rows, ==, before + 5);
  g_assert_cmpint (alcove_audit_get_signatures_checked (verifier), >, 0);
  alcove_database_close (connection);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/audit/chain-intact", test_chain_intact);
  g_test_add_func ("/audit/verifier-snapshot", test_verifier_snapshot);
  g_test_add_func ("/audit/triggers-refuse", test_triggers_refuse);
  g_test_add_func ("/audit/modified-row", test_modified_row);
  g_test_add_func ("/audit/deleted-row", test_deleted_row);
  g_test_add_func ("/audit/reordered-rows", test_reordered_rows);
  g_test_add_func ("/audit/verify-names-row", test_verify_names_row);
  g_test_add_func ("/audit/crash-safety", test_crash_safety);
  g_test_add_func ("/audit/last-verified-uses-index", test_last_verified_uses_index);

  return g_test_run ();
}
