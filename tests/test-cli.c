/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>

#include "alcove-database.h"
#include "alcove-test-utils.h"

/* alcovectl is run as a separate process, as scripts run it. Vaults that only need to exist
 * are made in-process with the fastest Argon2id, so that only the commands that create
 * password slots (init, users add, passwd) pay for the calibrated half second. */

#define THIRD_PASSWORD "amber falcon drifts over meadow"
#define WEAK_PASSWORD  "password"
#define RECOVERY_KEY_REGEX "^[A-Z2-7]{4}(-[A-Z2-7]{4}){13}$"

enum {
  EXIT_DONE = 0,
  EXIT_USAGE = 1,
  EXIT_AUTH = 2,
  EXIT_DAMAGED = 3,
  EXIT_ENVIRONMENT = 4,
};

/* Every secret a test has handed to alcovectl or learned from it: no message may hold one. */
static GPtrArray *secrets;

static void
remember_secret (const char *secret)
{
  g_ptr_array_add (secrets, g_strdup (secret));
}

static void
assert_no_secret (const char *text,
                  const char *stream)
{
  for (guint i = 0; i < secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (secrets, i);

      if (strstr (text, secret) != NULL)
        g_error ("Secret number %u appears on %s", i, stream);
    }
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs alcovectl with the NULL-terminated arguments and input on standard input (NULL: none).
 * Standard error never carries a secret; standard output carries one only for `init`. */
static void G_GNUC_NULL_TERMINATED
run_ctl (Run        *run,
         const char *input,
         ...)
{
  const char *alcovectl = g_getenv ("ALCOVECTL");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command_line = NULL;
  g_autofree char *input_path = NULL;
  gboolean is_init = FALSE;
  const char *arg;
  va_list args;

  g_assert_nonnull (alcovectl);
  g_ptr_array_add (argv, (char *) alcovectl);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    {
      /* the commands that print a secret once */
      is_init |= g_str_equal (arg, "init") || g_str_equal (arg, "--enrolment-code");
      g_ptr_array_add (argv, (char *) arg);
    }
  va_end (args);
  g_ptr_array_add (argv, NULL);

  alcove_test_export_user_dirs ();
  /* standard input from a file, not a pipe: a command that refuses before reading it may
   * exit before a pipe is written, and the write would fail */
  input_path = g_build_filename (g_get_tmp_dir (), "alcovectl-input", NULL);
  g_assert_true (g_file_set_contents (input_path, input ? input : "", -1, &error));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err,
                                                &error));
  g_unlink (input_path);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  command_line = g_strjoinv (" ", (char **) argv->pdata + 1);
  g_test_message ("alcovectl %s → %d\nstdout: %s\nstderr: %s", command_line, run->status,
                  is_init ? "(not logged)" : run->out, run->err);
  assert_no_secret (run->err, "standard error");
  if (!is_init)
    assert_no_secret (run->out, "standard output");
  /* Whatever went wrong, alcovectl explains itself, without a GLib critical */
  g_assert_null (strstr (run->err, "CRITICAL"));
}

static void
assert_err_contains (const Run  *run,
                     const char *needle)
{
  if (strstr (run->err, needle) == NULL)
    g_error ("Expected “%s” on standard error, got: %s", needle, run->err);
}

static void
assert_out_line (const Run  *run,
                 const char *pattern)
{
  if (!g_regex_match_simple (pattern, run->out, G_REGEX_MULTILINE, 0))
    g_error ("Expected a line matching “%s” on standard output, got:\n%s", pattern, run->out);
}

static char *
vault_file (const char *dir,
            const char *prefix)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* A vault with owner "dana" (TEST_PASSWORD) made in-process; more users as asked:
 * NULL-terminated triples of username, role name, password. */
static char * G_GNUC_NULL_TERMINATED
make_vault (const char *dir,
            ...)
{
  g_autoptr(AlcoveVault) created = NULL;
  g_autoptr(AlcoveVault) owner = NULL;
  char *recovery = NULL;
  const char *username;
  va_list args;

  created = alcove_test_create_vault (dir, &recovery);
  remember_secret (recovery);
  va_start (args, dir);
  while ((username = va_arg (args, const char *)) != NULL)
    {
      const char *role_name = va_arg (args, const char *);
      const char *password = va_arg (args, const char *);
      g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);
      g_autofree char *full_name = g_strdup_printf ("Full Name of %s", username);
      g_autoptr(GError) error = NULL;
      AlcoveRole role;

      if (owner == NULL)
        owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
      g_assert_true (alcove_role_from_string (role_name, &role));
      g_assert_true (alcove_vault_add_user (owner, username, full_name, role, secret,
                                            alcove_test_fast_kdf (), &error));
      g_assert_no_error (error);
    }
  va_end (args);
  if (owner != NULL)
    alcove_vault_lock (owner);
  return recovery;
}

static void
corrupt_file (const char *path,
              long        offset,
              gsize       count)
{
  FILE *file = fopen (path, "r+b");

  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, offset, SEEK_SET), ==, 0);
  for (gsize i = 0; i < count; i++)
    fputc (g_test_rand_int_range (0, 256), file);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* ---- no vault needed ---- */

static void
test_usage (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Run) run = { 0 };

  run_ctl (&run, NULL, "--help", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_nonnull (strstr (run.out, "Commands:"));
  for (guint i = 0; i < 5; i++)
    g_assert_nonnull (strstr (run.out, (const char *[]) { "init", "info", "verify", "users",
                                                          "passwd" }[i]));
  run_clear (&run);

  run_ctl (&run, NULL, "--version", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_true (g_str_has_prefix (run.out, "alcovectl "));
  run_clear (&run);

  run_ctl (&run, NULL, "--vault", dir, "verify", "--help", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_nonnull (strstr (run.out, "--recovery-key-stdin"));
  run_clear (&run);

  run_ctl (&run, NULL, NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  g_assert_cmpstr (run.out, ==, "");
  assert_err_contains (&run, "--help");
  run_clear (&run);

  run_ctl (&run, NULL, "--vault", dir, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "frobnicate");
  run_clear (&run);

  run_ctl (&run, NULL, "--no-such-option", "info", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  run_ctl (&run, NULL, "--vault", dir, "verify", "--no-such-option", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  run_ctl (&run, NULL, "--vault", dir, "users", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "supervise");
  run_clear (&run);

  run_ctl (&run, NULL, "--vault", dir, "users", "remove", "lee", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  /* Checked before any vault is needed */
  run_ctl (&run, NULL, "--vault", dir, "verify", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "--password-stdin");
  run_clear (&run);

  run_ctl (&run, NULL, "--vault", dir, "passwd", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  run_ctl (&run, NULL, "--vault", dir, "users", "disable", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  run_ctl (&run, NULL, "--vault", dir, "users", "supervise", "sam", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  run_ctl (&run, NULL, "--vault", dir, "users", "add", "lee", "--role", "clinician",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "--name");
  run_clear (&run);

  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_missing_vault (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Run) run = { 0 };

  run_ctl (&run, NULL, "--vault", dir, "info", NULL);
  g_assert_cmpint (run.status, ==, EXIT_ENVIRONMENT);
  assert_err_contains (&run, "alcovectl init");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_ENVIRONMENT);
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "list", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_ENVIRONMENT);
  run_clear (&run);

  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

/* ---- init ---- */

static void
test_init (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *notes = NULL, *private = NULL, *practice = NULL, *keys = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) run = { 0 };

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "init", "--practice", "Harbor Counseling",
           "--user", "dana", "--name", "Dana Whitfield", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  /* Exactly one line on standard output, the recovery key, and nothing else there */
  g_assert_true (g_str_has_suffix (run.out, "\n"));
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[1], ==, "");
  g_assert_true (g_regex_match_simple (RECOVERY_KEY_REGEX, lines[0], 0, 0));
  remember_secret (lines[0]);
  assert_no_secret (run.err, "standard error");
  assert_err_contains (&run, "recovery key");

  keys = g_build_filename (dir, "vault.keys", NULL);
  practice = g_build_filename (dir, "practice.db", NULL);
  notes = vault_file (dir, "notes-");
  private = vault_file (dir, "private-");
  g_assert_true (g_file_test (keys, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (practice, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (notes);
  g_assert_nonnull (private);
  g_assert_false (alcove_test_file_contains (keys, TEST_PASSWORD, strlen (TEST_PASSWORD)));
  g_assert_false (alcove_test_file_contains (keys, lines[0], strlen (lines[0])));
  run_clear (&run);

  /* The owner's password opens it: the KDF was calibrated, so this costs its half second */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_nonnull (strstr (run.out, "Vault OK"));
  run_clear (&run);

  /* An existing vault is never overwritten, whatever the input */
  before = alcove_test_snapshot (dir);
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "init", "--practice", "Other",
           "--user", "eve", "--name", "Eve Other", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  g_assert_cmpstr (run.out, ==, "");
  assert_err_contains (&run, "already exists");
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
}

static void
test_init_refusals (void)
{
  g_autofree char *base = g_build_filename (g_get_user_data_dir (), "vaults", NULL);
  g_autofree char *dir = g_build_filename (base, "weak", NULL);
  g_autofree char *blocker = g_build_filename (base, "a-file", NULL);
  g_autofree char *under_file = g_build_filename (blocker, "vault", NULL);
  g_autofree char *not_empty = g_build_filename (base, "not-empty", NULL);
  g_autofree char *stray = g_build_filename (not_empty, "notes.txt", NULL);
  g_auto(Run) run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (base, 0700), ==, 0);

  /* A weak password, with libpwquality's reason */
  run_ctl (&run, WEAK_PASSWORD "\n", "--vault", dir, "init", "--practice", "Harbor Counseling",
           "--user", "dana", "--name", "Dana Whitfield", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  g_assert_cmpstr (run.out, ==, "");
  assert_err_contains (&run, "too easy to guess: ");
  g_assert_true (g_regex_match_simple ("too easy to guess: [^.]+[a-z]", run.err, 0, 0));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (base), ==, 0);
  run_clear (&run);

  /* A bad username */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "init", "--practice", "Harbor Counseling",
           "--user", "dana whitfield!", "--name", "Dana Whitfield", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "username");
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* No password on standard input, or an empty line */
  run_ctl (&run, NULL, "--vault", dir, "init", "--practice", "Harbor Counseling",
           "--user", "dana", "--name", "Dana Whitfield", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "standard input");
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  run_clear (&run);

  run_ctl (&run, "\n", "--vault", dir, "init", "--practice", "Harbor Counseling",
           "--user", "dana", "--name", "Dana Whitfield", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* Missing options, one at a time, and a stray argument */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "init",
           "--user", "dana", "--name", "Dana Whitfield", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "--practice");
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "init", "--practice", "Harbor Counseling",
           "--name", "Dana Whitfield", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "init", "--practice", "Harbor Counseling",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "init", "--practice", "Harbor Counseling",
           "--user", "dana", "--name", "Dana Whitfield", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "init", "--practice", "Harbor Counseling",
           "--user", "dana", "--name", "Dana Whitfield", "--password-stdin", "extra", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "init", "--practice", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  /* A folder with other files in it */
  g_assert_cmpint (g_mkdir (not_empty, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stray, "keep me", -1, NULL));
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", not_empty, "init", "--practice", "Harbor",
           "--user", "dana", "--name", "Dana Whitfield", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  g_assert_cmpuint (count_files (not_empty), ==, 1);
  run_clear (&run);

  /* An unwritable place: root ignores permissions, so the parent is a regular file */
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", under_file, "init", "--practice", "Harbor",
           "--user", "dana", "--name", "Dana Whitfield", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_ENVIRONMENT);
  g_assert_cmpstr (run.out, ==, "");
  assert_err_contains (&run, blocker);
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_REGULAR));
  /* nothing left behind: the file, the non-empty folder, and no staging folder */
  g_assert_cmpuint (count_files (base), ==, 2);
}

/* ---- info ---- */

static void
test_info (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, "lee", "clinician", TEST_OTHER_PASSWORD,
                                          "bo", "billing", THIRD_PASSWORD, NULL);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GHashTable) before = alcove_test_snapshot (dir);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GDir) handle = NULL;
  const char *name;
  g_auto(Run) run = { 0 };

  g_assert_true (alcove_vault_load (vault, &error));
  g_assert_no_error (error);

  /* No credentials and nothing on standard input */
  run_ctl (&run, NULL, "--vault", dir, "info", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_cmpstr (run.err, ==, "");
  line = g_strdup_printf ("^Format version: +%d$", alcove_vault_get_format_version (vault));
  assert_out_line (&run, line);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("^Vault UUID: +%s$", alcove_vault_get_uuid (vault));
  assert_out_line (&run, line);
  g_clear_pointer (&line, g_free);
  {
    g_autofree char *version = g_regex_escape_string (alcove_database_sqlcipher_version (), -1);
    line = g_strdup_printf ("^SQLCipher: +%s$", version);
    assert_out_line (&run, line);
    g_clear_pointer (&line, g_free);
  }
  assert_out_line (&run, "^Practice: +Harbor Counseling$");
  assert_out_line (&run, "^  dana +owner +Dana Whitfield$");
  assert_out_line (&run, "^  lee +clinician +Full Name of lee$");
  assert_out_line (&run, "^  bo +billing +Full Name of bo$");

  /* Every file with its size */
  handle = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *escaped = g_regex_escape_string (name, -1);
      g_autofree char *size = NULL;
      GStatBuf buf;

      if (!g_str_has_suffix (name, ".db") && !g_str_equal (name, "vault.keys"))
        continue;
      g_assert_cmpint (g_stat (path, &buf), ==, 0);
      size = g_format_size (buf.st_size);
      line = g_strdup_printf ("^  %s +%s$", escaped, size);
      assert_out_line (&run, line);
      g_clear_pointer (&line, g_free);
    }
  run_clear (&run);

  /* info opens nothing, so it changes nothing */
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
}

static void
test_info_damaged_header (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, NULL);
  g_autofree char *keys = g_build_filename (dir, "vault.keys", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_get_contents (keys, &contents, &length, NULL));

  /* Truncated in the middle */
  g_assert_true (g_file_set_contents (keys, contents, length / 2, NULL));
  run_ctl (&run, NULL, "--vault", dir, "info", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  g_assert_cmpstr (run.out, ==, "");
  assert_err_contains (&run, "vault.keys");
  run_clear (&run);

  /* Empty */
  g_assert_true (g_file_set_contents (keys, "", 0, NULL));
  run_ctl (&run, NULL, "--vault", dir, "info", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_err_contains (&run, "vault.keys");
  run_clear (&run);

  /* Garbage */
  for (gsize i = 0; i < length; i++)
    contents[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (keys, contents, length, NULL));
  run_ctl (&run, NULL, "--vault", dir, "info", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_err_contains (&run, "vault.keys");
  run_clear (&run);

  /* Valid JSON, but not a header */
  g_assert_true (g_file_set_contents (keys, "{\"format\": \"something-else\"}", -1, NULL));
  run_ctl (&run, NULL, "--vault", dir, "info", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_err_contains (&run, "vault.keys");
  run_clear (&run);

  /* And the commands that unlock say the same, before reading any secret */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_err_contains (&run, "vault.keys");
}

/* ---- verify ---- */

static void
test_verify (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *other_dir = g_build_filename (g_get_user_data_dir (), "other-vault", NULL);
  g_autofree char *recovery = make_vault (dir, NULL);
  g_autofree char *other_recovery = make_vault (other_dir, NULL);
  g_autofree char *input = NULL;
  g_autofree char *typo = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) run = { 0 };

  /* With the password */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  /* one line for each part checked, then the verdict */
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_true (g_str_has_prefix (lines[0], "Authority    ok: "));
  g_assert_true (g_str_has_prefix (lines[1], "Freshness    ok: "));
  g_assert_true (g_str_has_prefix (lines[2], "Stores       ok: 3 databases intact"));
  g_assert_true (g_str_has_prefix (lines[3], "Audit chain  ok: "));
  g_assert_cmpstr (lines[4], ==, "Vault OK.");
  g_clear_pointer (&lines, g_strfreev);
  run_clear (&run);

  /* A line without its newline, or ending in CR LF, is the same password */
  run_ctl (&run, TEST_PASSWORD, "--vault", dir, "verify", "--user", "dana", "--password-stdin",
           NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\r\n", "--vault", dir, "verify", "-u", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  /* With the recovery key */
  input = g_strconcat (recovery, "\n", NULL);
  run_ctl (&run, input, "--vault", dir, "verify", "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  /* one line for each part checked, then the verdict */
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_true (g_str_has_prefix (lines[0], "Authority    ok: "));
  g_assert_true (g_str_has_prefix (lines[1], "Freshness    ok: "));
  g_assert_true (g_str_has_prefix (lines[2], "Stores       ok: 3 databases intact"));
  g_assert_true (g_str_has_prefix (lines[3], "Audit chain  ok: "));
  g_assert_cmpstr (lines[4], ==, "Vault OK.");
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&input, g_free);
  run_clear (&run);

  /* Lower case is read as the same key */
  {
    g_autofree char *lower = g_ascii_strdown (recovery, -1);
    remember_secret (lower);
    input = g_strconcat (lower, "\n", NULL);
    run_ctl (&run, input, "--vault", dir, "verify", "--recovery-key-stdin", NULL);
    g_assert_cmpint (run.status, ==, EXIT_DONE);
    g_clear_pointer (&input, g_free);
    run_clear (&run);
  }

  /* Every failure below leaves every file as it was */
  before = alcove_test_snapshot (dir);

  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  g_assert_cmpstr (run.out, ==, "");
  assert_err_contains (&run, "dana");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "nobody",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);

  run_ctl (&run, NULL, "--vault", dir, "verify", "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "standard input");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  /* A well-formed key of another vault */
  input = g_strconcat (other_recovery, "\n", NULL);
  run_ctl (&run, input, "--vault", dir, "verify", "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, !=, "");
  g_clear_pointer (&input, g_free);
  run_clear (&run);

  /* One mistyped character in a group: caught by the check characters */
  typo = g_strdup (recovery);
  typo[6] = typo[6] == 'A' ? 'C' : 'A';
  remember_secret (typo);
  input = g_strconcat (typo, "\n", NULL);
  run_ctl (&run, input, "--vault", dir, "verify", "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "typing mistake");
  g_clear_pointer (&input, g_free);
  run_clear (&run);

  /* Not a recovery key at all: too short, a letter base32 lacks */
  input = g_strndup (recovery, 20);
  run_ctl (&run, input, "--vault", dir, "verify", "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "14 groups");
  g_clear_pointer (&input, g_free);
  run_clear (&run);
  input = g_strdup (recovery);
  input[0] = '9';
  remember_secret (input);
  run_ctl (&run, input, "--vault", dir, "verify", "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  g_clear_pointer (&input, g_free);
  run_clear (&run);

  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
}

static void
test_verify_damaged_database (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, NULL);
  g_autofree char *practice = g_build_filename (dir, "practice.db", NULL);
  g_autofree char *input = g_strconcat (recovery, "\n", NULL);
  GStatBuf buf;
  g_auto(Run) run = { 0 };

  g_assert_cmpint (g_stat (practice, &buf), ==, 0);
  g_assert_cmpint (buf.st_size, >, 8192 + 4096);
  corrupt_file (practice, 8192 + 100, 64);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  /* refused at sign-in: only the part that failed is reported */
  g_assert_cmpstr (run.out, ==, "Authority    not checked\nFreshness    not checked\n"
                                "Stores       FAILED\nAudit chain  not checked\n");
  assert_err_contains (&run, "practice.db");
  run_clear (&run);

  run_ctl (&run, input, "--vault", dir, "verify", "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_err_contains (&run, "practice.db");
}

static void
test_verify_damaged_notes (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, NULL);
  g_autofree char *notes = vault_file (dir, "notes-");
  g_autofree char *notes_name = g_path_get_basename (notes);
  g_auto(Run) run = { 0 };

  /* The first page: the file no longer opens at all */
  corrupt_file (notes, 40, 32);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_err_contains (&run, notes_name);
}

/* backup create|verify|list and restore: the exit-code contract, secrets on stdin */
static void
test_backup_restore (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, NULL);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "stick", NULL);
  g_autofree char *backup = g_build_filename (folder, "one.alcove-backup", NULL);
  g_autofree char *cut = g_build_filename (folder, "cut.alcove-backup", NULL);
  g_autofree char *target = g_build_filename (g_get_user_data_dir (), "restored", NULL);
  g_autofree char *notes = vault_file (dir, "notes-");
  g_autofree char *notes_name = g_path_get_basename (notes);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_auto(Run) run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "backup", "create", "--user", "dana",
           "--password-stdin", backup, NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  run_clear (&run);

  run_ctl (&run, NULL, "backup", "verify", backup, NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_nonnull (strstr (run.out, "Harbor Counseling"));
  run_clear (&run);

  /* cut short: damaged, and listed as such */
  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, (gssize) (length / 2), NULL));
  run_ctl (&run, NULL, "backup", "verify", cut, NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_err_contains (&run, "cut short");
  run_clear (&run);
  run_ctl (&run, NULL, "backup", "list", folder, NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_out_line (&run, "one\\.alcove-backup\t.*\tgood$");
  run_clear (&run);

  /* this computer saw newer records: asked to confirm, then restored */
  run_ctl (&run, TEST_PASSWORD "\n", "restore", backup, "--to", target, "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "Confirm");
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  run_clear (&run);
  run_ctl (&run, "not the password\n", "restore", backup, "--to", target, "--user", "dana",
           "--password-stdin", "--accept-older", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "restore", backup, "--to", target, "--user", "dana",
           "--password-stdin", "--accept-older", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", target, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);
  /* restored with the recovery key: dana's own record is newer, so she is asked, and
   * --accept-restore opens it */
  {
    g_autofree char *by_recovery = g_build_filename (g_get_user_data_dir (), "by-recovery", NULL);
    g_autofree char *input = g_strconcat (recovery, "\n", NULL);

    run_ctl (&run, input, "restore", backup, "--to", by_recovery, "--recovery-key-stdin",
             "--accept-older", NULL);
    g_assert_cmpint (run.status, ==, EXIT_DONE);
    run_clear (&run);
    run_ctl (&run, TEST_PASSWORD "\n", "--vault", by_recovery, "verify", "--user", "dana",
             "--password-stdin", NULL);
    g_assert_cmpint (run.status, ==, EXIT_AUTH);
    assert_err_contains (&run, "--accept-restore");
    run_clear (&run);
    run_ctl (&run, TEST_PASSWORD "\n", "--vault", by_recovery, "verify", "--user", "dana",
             "--password-stdin", "--accept-restore", NULL);
    g_assert_cmpint (run.status, ==, EXIT_DONE);
    run_clear (&run);
  }
  /* never over a vault */
  run_ctl (&run, TEST_PASSWORD "\n", "restore", backup, "--to", target, "--user", "dana",
           "--password-stdin", "--accept-older", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  /* one damaged store, put back alone; verify pointed the way */
  corrupt_file (notes, 40, 32);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_err_contains (&run, "--store");
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "restore", backup, "--store", notes_name,
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
}

static void
test_verify_edited_header (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, NULL);
  g_autofree char *keys = g_build_filename (dir, "vault.keys", NULL);
  g_autofree char *input = g_strconcat (recovery, "\n", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) edited = NULL;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_get_contents (keys, &contents, NULL, NULL));
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, "\"Harbor Counseling\"", "\"Harbour Counselling\"",
                                      0), ==, 1);
  g_assert_true (g_file_set_contents (keys, edited->str, edited->len, NULL));

  /* Still a well-formed header, so info reads it */
  run_ctl (&run, NULL, "--vault", dir, "info", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  /* but the owners' signature no longer matches */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  g_assert_true (g_str_has_prefix (run.out, "Authority    FAILED\n"));
  assert_err_contains (&run, "vault.keys");
  run_clear (&run);

  run_ctl (&run, input, "--vault", dir, "verify", "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_err_contains (&run, "vault.keys");
}

/* ---- users ---- */

static void
test_users (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, NULL);
  g_autofree char *recovery_input = g_strconcat (recovery, "\n", NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_auto(Run) run = { 0 };

  /* The owner adds a clinician: line 1 the owner's password, line 2 a first password */
  run_ctl (&run, TEST_PASSWORD "\n" THIRD_PASSWORD "\n", "--vault", dir, "users", "add",
           "lee", "--name", "Lee Park", "--role", "clinician", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_cmpstr (run.out, ==, "");
  assert_err_contains (&run, "lee");
  assert_err_contains (&run, "first sign-in");
  g_assert_cmpuint (count_files (dir), ==, 6);
  run_clear (&run);

  /* the first password signs in nowhere but a first sign-in */
  run_ctl (&run, THIRD_PASSWORD "\n", "--vault", dir, "verify", "--user", "lee",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "choose your own password");
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "list", "--user", "dana",
           "--password-stdin", NULL);
  assert_out_line (&run, "^lee\tclinician\tfirst-sign-in\tLee Park\t-$");
  run_clear (&run);

  /* lee chooses a password of their own; the owner confirms it, their keys being new */
  run_ctl (&run, THIRD_PASSWORD "\n" TEST_OTHER_PASSWORD "\n", "--vault", dir, "passwd", "lee",
           "--first-sign-in", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "owner");
  run_clear (&run);
  run_ctl (&run, THIRD_PASSWORD "\n" TEST_OTHER_PASSWORD "\n" TEST_PASSWORD "\n", "--vault",
           dir, "passwd", "lee", "--first-sign-in", "--confirm-owner", "dana", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  /* who opens the vault with their own password */
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "verify", "--user", "lee",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_nonnull (strstr (run.out, "Vault OK"));
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "list", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^dana\towner\tactive\tDana Whitfield\t-$");
  assert_out_line (&run, "^lee\tclinician\tactive\tLee Park\t-$");
  run_clear (&run);

  /* Refusals that need no unlock */
  run_ctl (&run, TEST_PASSWORD "\n" THIRD_PASSWORD "\n", "--vault", dir, "users", "add", "kim",
           "--name", "Kim Lee", "--role", "janitor", "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "janitor");
  run_clear (&run);

  run_ctl (&run, recovery_input, "--vault", dir, "users", "add", "kim", "--name", "Kim Lee",
           "--role", "billing", "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  /* Refusals after the owner signed in */
  run_ctl (&run, TEST_PASSWORD "\n" THIRD_PASSWORD "\n", "--vault", dir, "users", "add", "lee",
           "--name", "Lee Again", "--role", "billing", "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "lee");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n" WEAK_PASSWORD "\n", "--vault", dir, "users", "add", "kim",
           "--name", "Kim Lee", "--role", "billing", "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "too easy to guess");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "add", "kim",
           "--name", "Kim Lee", "--role", "billing", "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "standard input");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n" THIRD_PASSWORD "\n", "--vault", dir, "users", "add",
           "not a name!", "--name", "Kim Lee", "--role", "billing", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  /* A wrong owner password changes nothing */
  before = alcove_test_snapshot (dir);
  run_ctl (&run, THIRD_PASSWORD "\n" THIRD_PASSWORD "\n", "--vault", dir, "users", "add", "kim",
           "--name", "Kim Lee", "--role", "billing", "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);

  /* A clinician manages no accounts: refused before any second secret is read */
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "users", "add", "kim",
           "--name", "Kim Lee", "--role", "billing", "--user", "lee", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "owner");
  run_clear (&run);

  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "users", "list", "--user", "lee",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  g_assert_cmpstr (run.out, ==, "");
  assert_err_contains (&run, "owner");
  run_clear (&run);

  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "users", "disable", "dana",
           "--user", "lee", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);

  /* The owner cannot lock themself out, nor disable someone who does not exist */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "disable", "dana",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, !=, EXIT_DONE);
  g_assert_cmpint (run.status, <=, EXIT_AUTH);
  assert_err_contains (&run, "own account");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "disable", "nobody",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "nobody");
  run_clear (&run);

  /* Disabling lee shuts lee out */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "disable", "lee",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  before = alcove_test_snapshot (dir);
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "verify", "--user", "lee",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "disabled");
  run_clear (&run);
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "list", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^lee\tclinician\tdisabled\tLee Park\t-$");
  run_clear (&run);

  run_ctl (&run, NULL, "--vault", dir, "info", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^  lee +clinician +Lee Park \\(disabled\\)$");
}

static void
test_users_supervise (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, "lee", "clinician", TEST_OTHER_PASSWORD,
                                          "sam", "supervisor", THIRD_PASSWORD,
                                          "bo", "billing", THIRD_PASSWORD,
                                          "kit", "clinician", THIRD_PASSWORD, NULL);
  g_autofree char *recovery_input = g_strconcat (recovery, "\n", NULL);
  g_auto(Run) run = { 0 };

  /* A clinician shares their own progress notes with a supervisor */
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "users", "supervise", "sam", "lee",
           "--user", "lee", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_cmpstr (run.out, ==, "");
  assert_err_contains (&run, "sam");
  run_clear (&run);

  /* Again is harmless */
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "users", "supervise", "sam", "lee",
           "--user", "lee", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  /* The recovery key can share anyone's */
  run_ctl (&run, recovery_input, "--vault", dir, "users", "supervise", "sam", "kit",
           "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  /* A billing account holds no notes to share */
  run_ctl (&run, THIRD_PASSWORD "\n", "--vault", dir, "users", "supervise", "sam", "lee",
           "--user", "bo", "--password-stdin", NULL);
  g_assert_cmpint (run.status, >=, EXIT_USAGE);
  g_assert_cmpint (run.status, <=, EXIT_AUTH);
  g_assert_cmpstr (run.err, !=, "");
  run_clear (&run);

  /* Nor does one clinician share another's */
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "users", "supervise", "sam", "kit",
           "--user", "lee", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);

  /* Only a supervisor supervises; both must exist */
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "users", "supervise", "bo", "lee",
           "--user", "lee", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "supervisor");
  run_clear (&run);

  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "users", "supervise", "nobody", "lee",
           "--user", "lee", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "nobody");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "supervise", "sam", "lee",
           "--user", "lee", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
}

/* An enrolment code is printed once, opens only a first sign-in, in any case and spacing,
 * and nothing after it */
static void
test_users_enrolment_code (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, NULL);
  g_autofree char *code = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *input = NULL;
  g_auto(Run) run = { 0 };

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "add", "fay", "--name",
           "Fay Oduya", "--role", "front-desk", "--enrolment-code", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$");
  assert_err_contains (&run, "only this once");
  code = g_strstrip (g_strdup (run.out));
  remember_secret (code);
  run_clear (&run);

  /* a code is not a password */
  input = g_strconcat (code, "\n", NULL);
  run_ctl (&run, input, "--vault", dir, "verify", "--user", "fay", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);

  /* typed in lower case: a front desk confirms with an owner like everyone but owners */
  typed = g_ascii_strdown (code, -1);
  g_free (input);
  input = g_strconcat (typed, "\n" TEST_OTHER_PASSWORD "\n" TEST_PASSWORD "\n", NULL);
  run_ctl (&run, input, "--vault", dir, "passwd", "fay", "--first-sign-in", "--confirm-owner",
           "dana", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  /* used: it opens nothing now */
  g_free (input);
  input = g_strconcat (code, "\n" THIRD_PASSWORD "\n" TEST_PASSWORD "\n", NULL);
  run_ctl (&run, input, "--vault", dir, "passwd", "fay", "--first-sign-in", "--confirm-owner",
           "dana", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "was used");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "list", "--user", "dana",
           "--password-stdin", NULL);
  assert_out_line (&run, "^fay\tfront-desk\tactive\tFay Oduya\t-$");
  run_clear (&run);
  run_ctl (&run, NULL, "--vault", dir, "info", NULL);
  assert_out_line (&run, "^Format version: +4$");
}

/* Roles change by an owner's hand, never one's own, never the last owner's */
static void
test_users_role (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, "bo", "billing", THIRD_PASSWORD, NULL);
  g_autofree char *recovery_input = g_strconcat (recovery, "\n", NULL);
  g_auto(Run) run = { 0 };

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "role", "bo", "front-desk",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_err_contains (&run, "Front desk");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "role", "bo", "janitor",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  run_ctl (&run, THIRD_PASSWORD "\n", "--vault", dir, "users", "role", "bo", "owner",
           "--user", "bo", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "role", "dana", "clinician",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "own role");
  run_clear (&run);

  run_ctl (&run, recovery_input, "--vault", dir, "users", "role", "dana", "clinician",
           "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "only owner");
  run_clear (&run);
  run_ctl (&run, recovery_input, "--vault", dir, "users", "disable", "dana",
           "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "only owner");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "list", "--user", "dana",
           "--password-stdin", NULL);
  assert_out_line (&run, "^bo\tfront-desk\tactive\t");
  assert_out_line (&run, "^dana\towner\tactive\t");
}

/* Enabled again with a new first password: the old one opens nothing */
static void
test_users_enable (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, "bo", "billing", THIRD_PASSWORD, NULL);
  g_auto(Run) run = { 0 };

  run_ctl (&run, TEST_PASSWORD "\n" TEST_OTHER_PASSWORD "\n", "--vault", dir, "users", "enable",
           "bo", "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "not disabled");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "disable", "bo", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n" TEST_OTHER_PASSWORD "\n", "--vault", dir, "users", "enable",
           "bo", "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  run_ctl (&run, THIRD_PASSWORD "\n", "--vault", dir, "verify", "--user", "bo",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "list", "--user", "dana",
           "--password-stdin", NULL);
  assert_out_line (&run, "^bo\tbilling\tfirst-sign-in\t");
}

/* An owner assigns supervision; the clinician's next sign-in carries it out; list shows
 * both sides; an owner ends it */
static void
test_users_unsupervise (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, "lee", "clinician", TEST_OTHER_PASSWORD,
                                          "sam", "supervisor", THIRD_PASSWORD, NULL);
  g_auto(Run) run = { 0 };

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "supervise", "sam", "lee",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_err_contains (&run, "next sign-in");
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "list", "--user", "dana",
           "--password-stdin", NULL);
  assert_out_line (&run, "^lee\tclinician\tactive\t[^\t]*\tsupervised-by:sam\\*$");
  assert_out_line (&run, "^sam\tsupervisor\tactive\t[^\t]*\tsupervises:lee\\*$");
  run_clear (&run);

  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "verify", "--user", "lee",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "list", "--user", "dana",
           "--password-stdin", NULL);
  assert_out_line (&run, "^lee\tclinician\tactive\t[^\t]*\tsupervised-by:sam$");
  assert_out_line (&run, "^sam\tsupervisor\tactive\t[^\t]*\tsupervises:lee$");
  run_clear (&run);

  /* only an owner ends it */
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "users", "unsupervise", "sam", "lee",
           "--user", "lee", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "unsupervise", "sam", "lee",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_err_contains (&run, "no longer reads");
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "unsupervise", "sam", "lee",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "users", "list", "--user", "dana",
           "--password-stdin", NULL);
  assert_out_line (&run, "^lee\tclinician\tactive\t[^\t]*\t-$");
}

/* ---- passwd ---- */

static void
test_passwd (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, NULL);
  g_autofree char *input = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_auto(Run) run = { 0 };

  /* Line 1 the current password, line 2 the new one */
  run_ctl (&run, TEST_PASSWORD "\n" TEST_OTHER_PASSWORD "\n", "--vault", dir, "passwd", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  before = alcove_test_snapshot (dir);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);

  /* A wrong current password changes nothing */
  run_ctl (&run, TEST_PASSWORD "\n" THIRD_PASSWORD "\n", "--vault", dir, "passwd", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);

  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_nonnull (strstr (run.out, "Vault OK"));
  run_clear (&run);

  /* A weak new password, or none */
  run_ctl (&run, TEST_OTHER_PASSWORD "\n" WEAK_PASSWORD "\n", "--vault", dir, "passwd", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "too easy to guess");
  run_clear (&run);

  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "passwd", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  run_ctl (&run, TEST_OTHER_PASSWORD "\n" THIRD_PASSWORD "\n", "--vault", dir, "passwd", "nobody",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);

  /* A forgotten password is reset with the recovery key: line 1 the key, line 2 the new one */
  input = g_strconcat (recovery, "\n" THIRD_PASSWORD "\n", NULL);
  run_ctl (&run, input, "--vault", dir, "passwd", "dana", "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_clear_pointer (&input, g_free);
  run_clear (&run);

  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);

  run_ctl (&run, THIRD_PASSWORD "\n", "--vault", dir, "verify", "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  /* A recovery key of another vault resets nothing */
  {
    g_autofree char *other_dir = g_build_filename (g_get_user_data_dir (), "other", NULL);
    g_autofree char *other_recovery = make_vault (other_dir, NULL);

    input = g_strconcat (other_recovery, "\n" TEST_PASSWORD "\n", NULL);
  }
  before = alcove_test_snapshot (dir);
  run_ctl (&run, input, "--vault", dir, "passwd", "dana", "--recovery-key-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  g_clear_pointer (&input, g_free);
  run_clear (&run);
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
}

/* A clinician's change needs an owner's (or the recovery key's) confirmation, the third
 * line; without one, nothing changes */
static void
test_passwd_confirmed (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, "sam", "clinician", THIRD_PASSWORD, NULL);
  g_autofree char *input = NULL;
  g_autofree char *keys_path = g_build_filename (dir, "vault.keys", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };

  /* sam's first sign-in seals their progress notes for emergency access; after it, signing
   * in writes to the audit log and the keys stay as they were */
  run_ctl (&run, THIRD_PASSWORD "\n", "--vault", dir, "verify", "-u", "sam", "--password-stdin",
           NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);
  g_assert_true (g_file_get_contents (keys_path, &before, NULL, NULL));
  run_ctl (&run, THIRD_PASSWORD "\n" TEST_OTHER_PASSWORD "\n", "--vault", dir, "passwd", "sam",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "owner confirms");
  run_clear (&run);

  run_ctl (&run, THIRD_PASSWORD "\n" TEST_OTHER_PASSWORD "\n" THIRD_PASSWORD "\n", "--vault",
           dir, "passwd", "sam", "--password-stdin", "--confirm-owner", "dana", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);
  g_assert_true (g_file_get_contents (keys_path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  run_ctl (&run, THIRD_PASSWORD "\n" TEST_OTHER_PASSWORD "\n" TEST_PASSWORD "\n", "--vault",
           dir, "passwd", "sam", "--password-stdin", "--confirm-owner", "dana", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  input = g_strconcat (TEST_OTHER_PASSWORD "\n" THIRD_PASSWORD "\n", recovery, "\n", NULL);
  run_ctl (&run, input, "--vault", dir, "passwd", "sam", "--password-stdin",
           "--confirm-recovery-key", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  run_ctl (&run, THIRD_PASSWORD "\n", "--vault", dir, "verify", "--user", "sam",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
}

static const char interchange_json[] =
  "{\"format\": \"alcove-interchange\", \"version\": 1,"
  " \"clients\": [{\"id\": \"c-1\", \"preferred_name\": \"Robin\", \"legal_name\": \"\","
  "  \"date_of_birth\": \"\", \"record_type\": \"individual\", \"status\": \"active\","
  "  \"members\": []}],"
  " \"notes\": [{\"client\": \"c-1\", \"author\": \"dana\", \"format\": \"dap\","
  "  \"session_date\": \"2024-05-06\", \"status\": \"signed\","
  "  \"sections\": {\"data\": \"D\", \"assessment\": \"A\", \"plan\": \"P\"}}]}";

/* A client list: the preview writes nothing, --yes adds the new rows, and the same list again
 * holds only duplicates; the mapping an owner used is remembered for the same headers */
static void
test_import_clients (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, "sam", "clinician", THIRD_PASSWORD, NULL);
  g_autofree char *list = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                 "powerdiary-clients.csv", NULL);
  g_auto(Run) run = { 0 };

  run_ctl (&run, NULL, "--vault", dir, "import-clients", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);
  run_ctl (&run, NULL, "--vault", dir, "import-clients", "--check", "--map", "pronouns=Shoe",
           list, NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "the list has no column “Shoe”");
  run_clear (&run);

  /* the preview, then the import, with the day first and the status left out */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "import-clients", list, "--map",
           "status=", "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^New: 2\\. Duplicates: 0\\. Invalid: 0\\.$");
  assert_out_line (&run, "^Nothing was written: run again with --yes");
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "import-clients", list, "--map",
           "status=", "--yes", "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^Added 2 clients\\.$");
  assert_err_contains (&run, "still holds the client list in plain text");
  run_clear (&run);

  /* again: the saved mapping (no status) applies, and both are duplicates now */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "import-clients", list, "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^Using the column mapping saved for lists with these headers\\.$");
  assert_out_line (&run, "^New: 0\\. Duplicates: 2\\. Invalid: 0\\.$");
  g_assert_null (strstr (run.out, "status "));
  run_clear (&run);
}

static void
test_import_export (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, "sam", "clinician", THIRD_PASSWORD, NULL);
  g_autofree char *input = g_build_filename (g_get_user_data_dir (), "in.json", NULL);
  g_autofree char *bad = g_build_filename (g_get_user_data_dir (), "bad.json", NULL);
  g_autofree char *output = g_build_filename (g_get_user_data_dir (), "out.json", NULL);
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "missing.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) malformed = g_string_new (interchange_json);
  g_auto(Run) run = { 0 };
  GStatBuf st;

  g_assert_true (g_file_set_contents (input, interchange_json, -1, NULL));
  g_string_replace (malformed, "2024-05-06", "2024-13-01", 1);
  g_assert_true (g_file_set_contents (bad, malformed->str, -1, NULL));

  /* Usage */
  run_ctl (&run, NULL, "--vault", dir, "import", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);
  run_ctl (&run, NULL, "--vault", dir, "export", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "export", output, NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);   /* no --user */
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "import", missing, "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_ENVIRONMENT);
  run_clear (&run);

  /* A wrong password imports nothing, and a malformed file names the entry and field */
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "import", input, "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "import", bad, "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "notes[0].session_date: \"2024-13-01\" is not a date (YYYY-MM-DD)");
  assert_err_contains (&run, "Nothing was imported");
  run_clear (&run);
  /* another clinician's notes */
  run_ctl (&run, THIRD_PASSWORD "\n", "--vault", dir, "import", input, "--user", "sam",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "notes[0].author: only notes written by sam can be imported by you;"
                             " ask dana to import theirs");
  run_clear (&run);

  /* The import */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "import", input, "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^Imported 1 clients and 1 notes \\(1 signed, 0 addenda\\)\\.$");
  run_clear (&run);

  /* The export: mode 0600, a warning, the records */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "export", output, "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_err_contains (&run, "protected health information in plain text");
  run_clear (&run);
  g_assert_cmpint (g_stat (output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"format\" : \"alcove-interchange\""));
  g_assert_nonnull (strstr (contents, "\"session_date\" : \"2024-05-06\""));
  g_assert_nonnull (strstr (contents, "\"status\" : \"signed\""));

  /* Version 2: the file checked alone, then imported; a total in the file is scored again */
  {
    g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                      "interchange-v2.json", NULL);
    g_autofree char *v2_path = g_build_filename (g_get_user_data_dir (), "v2.json", NULL);
    g_autofree char *v2_text = NULL;
    g_autofree char *exported = NULL;
    g_autoptr(GString) tampered = NULL;
    g_autoptr(GString) out_of_range = NULL;

    g_assert_true (g_file_get_contents (fixture, &v2_text, NULL, NULL));
    tampered = g_string_new (v2_text);
    out_of_range = g_string_new (v2_text);
    g_string_replace (tampered, "\"total\": 11", "\"total\": 99", 1);
    g_string_replace (out_of_range, "\"phq9_1\": 2", "\"phq9_1\": 7", 1);

    g_assert_true (g_file_set_contents (v2_path, out_of_range->str, -1, NULL));
    run_ctl (&run, NULL, "--vault", dir, "import", "--check", v2_path, NULL);
    g_assert_cmpint (run.status, ==, EXIT_USAGE);
    assert_err_contains (&run, "measures[0].answers.phq9_1: 7 is out of range");
    assert_err_contains (&run, "Nothing was imported");
    run_clear (&run);
    run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "import", v2_path, "--user", "dana",
             "--password-stdin", NULL);
    g_assert_cmpint (run.status, ==, EXIT_USAGE);
    assert_err_contains (&run, "measures[0].answers.phq9_1: 7 is out of range");
    run_clear (&run);

    g_assert_true (g_file_set_contents (v2_path, tampered->str, -1, NULL));
    run_ctl (&run, NULL, "--vault", dir, "import", "--check", v2_path, NULL);
    g_assert_cmpint (run.status, ==, EXIT_DONE);
    assert_err_contains (&run, "measures[0].total: the file says 99, the answers score 11");
    assert_out_line (&run, "holds 2 clients, 5 sessions, 3 diagnoses, 3 notes, 1 treatment "
                           "plans, 2 outcome measures and 1 clinical events");
    run_clear (&run);
    run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "import", v2_path, "--user", "dana",
             "--password-stdin", NULL);
    g_assert_cmpint (run.status, ==, EXIT_DONE);
    assert_err_contains (&run, "measures[0].total: the file says 99, the answers score 11");
    assert_out_line (&run, "^Imported 5 sessions, 3 diagnoses, 1 treatment plans \\(3 "
                           "versions\\), 2 outcome measures and 1 clinical events\\.$");
    run_clear (&run);

    g_assert_cmpint (g_unlink (output), ==, 0);
    run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "export", output, "--user", "dana",
             "--password-stdin", NULL);
    g_assert_cmpint (run.status, ==, EXIT_DONE);
    run_clear (&run);
    g_assert_true (g_file_get_contents (output, &exported, NULL, NULL));
    g_assert_nonnull (strstr (exported, "\"version\" : 2"));
    g_assert_nonnull (strstr (exported, "\"total\" : 11"));
    g_assert_null (strstr (exported, "\"total\" : 99"));
    g_assert_nonnull (strstr (exported, "Sertraline 50 mg started by the GP"));
  }

  /* Never over a file, unless --force; and not before authenticating */
  g_assert_true (g_file_set_contents (output, "keep me", -1, NULL));
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "export", output, "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "already exists");
  run_clear (&run);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
  g_assert_cmpint (chmod (output, 0644), ==, 0);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "export", output, "--force", "--user",
           "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);
  g_assert_cmpint (g_stat (output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A wrong password exports nothing */
  g_assert_cmpint (g_unlink (output), ==, 0);
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "export", output, "--user", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  run_clear (&run);
}

/* One client's record as a FHIR bundle: a file of mode 0600 without the psychotherapy note,
 * never over a file without --force, refused to a role that does not read the record */
static void
test_export_fhir (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, "pat", "billing", TEST_OTHER_PASSWORD, NULL);
  g_autofree char *output = g_build_filename (g_get_user_data_dir (), "record.json", NULL);
  g_autofree char *refused = g_build_filename (g_get_user_data_dir (), "refused.json", NULL);
  g_autofree char *client_id = NULL;
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0 };
  GStatBuf st;

  {
    g_autoptr(AlcoveVault) dana = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (dana, NULL);
    g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (clients);
    g_autofree char *note_id = NULL, *private_id = NULL;

    client_id = alcove_test_add_client (clients, "Robin");
    note_id = alcove_test_write_note (notes, client_id, "soap", "Slept better", TRUE);
    private_id = alcove_test_write_note (notes, client_id, "process", "PRIVATE-WORDS", TRUE);
  }

  run_ctl (&run, NULL, "--vault", dir, "export-fhir", client_id, NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "export-fhir needs CLIENT-ID FILE.json");
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "export-fhir", client_id, output, "--user",
           "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^Exported to .*record\\.json: the client, [0-9]+ sessions, 0 diagnoses, "
                         "0 treatment "
                         "plans, 1 signed notes, 0 attached documents, 0 consents");
  assert_err_contains (&run, "plain text");
  run_clear (&run);
  g_assert_cmpint (g_stat (output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"resourceType\" : \"Bundle\""));
  g_assert_nonnull (strstr (contents, "\"resourceType\" : \"DocumentReference\""));
  g_assert_false (alcove_test_file_contains (output, "PRIVATE-WORDS", 13));

  /* never over a file unless --force */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "export-fhir", client_id, output, "--user",
           "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "already exists");
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "export-fhir", client_id, output,
           "--force", "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  run_clear (&run);

  /* billing does not read the record; an unknown client is the caller's mistake */
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "export-fhir", client_id, refused,
           "--user", "pat", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "Only someone who reads clinical records");
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "export-fhir", "no-such-client", refused,
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
}

/* The whole practice out as a ZIP (the warning first, --yes to write, owners only) and into a
 * new vault */
static void
test_practice_archive (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *fresh = g_strconcat (dir, "-fresh", NULL);
  g_autofree char *recovery = make_vault (dir, "pat", "billing", TEST_OTHER_PASSWORD, NULL);
  g_autofree char *fresh_recovery = make_vault (fresh, "pat", "billing", TEST_OTHER_PASSWORD,
                                                NULL);
  g_autofree char *output = g_build_filename (g_get_user_data_dir (), "practice.zip", NULL);
  g_autofree char *refused = g_build_filename (g_get_user_data_dir (), "refused.zip", NULL);
  g_auto(Run) run = { 0 };
  GStatBuf st;

  {
    g_autoptr(AlcoveVault) dana = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (dana, NULL);
    g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (clients);
    g_autofree char *client_id = alcove_test_add_client (clients, "Robin");
    g_autofree char *note_id = alcove_test_write_note (notes, client_id, "soap", "Slept better",
                                                       TRUE);
  }

  /* the warning, and nothing written without --yes */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "export-practice", output, "--user",
           "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "plain text");
  assert_err_contains (&run, "--yes");
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "export-practice", output, "--yes",
           "--user", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^1 clients, 1 sessions, 1 notes, 0 addenda");
  run_clear (&run);
  g_assert_cmpint (g_stat (output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* billing exports nothing */
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "export-practice", refused, "--yes",
           "--user", "pat", "--password-stdin", NULL);
  g_assert_cmpint (run.status, !=, EXIT_DONE);
  assert_err_contains (&run, "Only an owner");
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* read without a vault or a password, as an import reads it before it writes */
  run_ctl (&run, NULL, "import-practice", "--check", output, NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "reads as an Alcove practice export");
  assert_out_line (&run, "^1 clients, 1 sessions, 1 notes, 0 addenda");
  run_clear (&run);
  {
    g_autofree char *damaged = g_strconcat (output, ".damaged", NULL);
    g_autofree char *bytes = NULL;
    gsize length;

    /* cut short: refused with the reason, and still nothing asked for */
    g_assert_true (g_file_get_contents (output, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (damaged, bytes, (gssize) (length / 2), NULL));
    run_ctl (&run, NULL, "import-practice", "--check", damaged, NULL);
    g_assert_cmpint (run.status, !=, EXIT_DONE);
    assert_err_contains (&run, "damaged or incomplete");
    run_clear (&run);
    g_unlink (damaged);
  }

  /* into the new vault, and again: the second time everything is there */
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", fresh, "import-practice", output, "--user",
           "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^1 clients, 1 sessions, 1 notes, 0 addenda");
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", fresh, "import-practice", output, "--user",
           "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^0 clients, 0 sessions, 0 notes, 0 addenda");
}

/* Owners list the times someone broke the glass; the explanation typed is not printed */
static void
test_emergency_list (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = make_vault (dir, "sam", "clinician", THIRD_PASSWORD,
                                          "lee", "clinician", TEST_OTHER_PASSWORD, NULL);
  g_autofree char *client_id = NULL;
  g_autofree char *line = NULL;
  g_auto(Run) run = { 0 };

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "emergency", "list", "-u", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_err_contains (&run, "Nobody has used emergency access");
  run_clear (&run);
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", THIRD_PASSWORD);
    g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (sam, NULL);
    g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (clients);
    g_autofree char *note_id = NULL;

    client_id = alcove_test_add_client (clients, "Robin");
    note_id = alcove_test_write_note (notes, client_id, "soap", "S", TRUE);
  }
  {
    g_autoptr(AlcoveVault) lee = alcove_test_unlocked_vault (dir, "lee", TEST_OTHER_PASSWORD);
    g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_OTHER_PASSWORD);
    g_autoptr(GError) error = NULL;
    g_autofree char *event_id = alcove_vault_break_glass (lee, client_id,
                                                          ALCOVE_EMERGENCY_REASON_CONTINUITY,
                                                          "secret words", password, &error);

    g_assert_no_error (error);
  }
  run_ctl (&run, TEST_OTHER_PASSWORD "\n", "--vault", dir, "emergency", "list", "-u", "lee",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  run_clear (&run);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "emergency", "list", "-u", "dana",
           "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  /* lee's session ended it when it closed */
  line = g_strdup_printf ("^[0-9T:Z-]+\tlee\t%s\tcontinuity\t[0-9T:Z-]+\t0\tunreviewed$", client_id);
  assert_out_line (&run, line);
  g_assert_null (strstr (run.out, "secret words"));
  run_clear (&run);
  run_ctl (&run, NULL, "--vault", dir, "emergency", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
}

/* ---- encrypted packages ---- */

#define PACKAGE_MARKER "Ottoline Brackenridge"
#define PASSPHRASE_REGEX "^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$"

static char *
package_work_file (const char *name,
                   const char *text)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "work", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (text != NULL)
    g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static gboolean
folder_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

/* create prints the passphrase then the SHA-256; open takes the passphrase on standard input
 * and writes the PDF and the JSON beside each other; damage and a wrong passphrase write
 * nothing */
static void
test_package_passphrase (void)
{
  g_autofree char *pdf = package_work_file ("in.pdf", "%PDF-1.4 " PACKAGE_MARKER);
  g_autofree char *json = package_work_file ("in.json", "{\"client\": \"" PACKAGE_MARKER "\"}");
  g_autofree char *package = package_work_file ("sent.alcove-package", NULL);
  g_autofree char *cut = package_work_file ("cut.alcove-package", NULL);
  g_autofree char *out = package_work_file ("out", NULL);
  g_autofree char *opened = g_build_filename (out, "sent.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *input = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) run = { 0 };
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (out, 0700), ==, 0);
  run_ctl (&run, NULL, "package", "create", "--pdf", pdf, "--json", json, "--output", package,
           NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, PASSPHRASE_REGEX);
  assert_out_line (&run, "^[0-9a-f]{64}$");
  lines = g_strsplit (run.out, "\n", -1);
  remember_secret (lines[0]);
  g_assert_false (alcove_test_file_contains (package, PACKAGE_MARKER, strlen (PACKAGE_MARKER)));
  run_clear (&run);

  run_ctl (&run, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF\n", "package", "open", package, "--output", out,
           NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "passphrase is wrong");
  g_assert_true (folder_is_empty (out));
  run_clear (&run);

  g_assert_true (g_file_get_contents (package, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, length / 2, NULL));
  input = g_strdup_printf ("%s\n", lines[0]);
  run_ctl (&run, input, "package", "open", cut, "--output", out, NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_err_contains (&run, "cut short");
  g_assert_true (folder_is_empty (out));
  run_clear (&run);
  g_assert_true (g_file_set_contents (cut, contents, 40, NULL));
  run_ctl (&run, input, "package", "open", cut, "--output", out, NULL);
  g_assert_cmpint (run.status, ==, EXIT_DAMAGED);
  assert_err_contains (&run, "cut short");
  g_assert_true (folder_is_empty (out));
  run_clear (&run);

  run_ctl (&run, input, "package", "open", package, "--output", out, NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (opened, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "%PDF-1.4 " PACKAGE_MARKER);
  run_clear (&run);
  /* never over what is there */
  run_ctl (&run, input, "package", "open", package, "--output", out, NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  assert_err_contains (&run, "already exists");
  run_clear (&run);

  run_ctl (&run, NULL, "package", NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);
  run_ctl (&run, NULL, "package", "create", "--pdf", pdf, NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
}

/* The receiving practice exports its key (the fingerprint on standard output); a package
 * sealed to it opens with an owner's sign-in there, and not in another practice's vault */
static void
test_package_sealed (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *other = g_build_filename (g_get_user_data_dir (), "other-vault", NULL);
  g_autofree char *recovery = make_vault (dir, NULL);
  g_autofree char *other_recovery = make_vault (other, NULL);
  g_autofree char *pdf = package_work_file ("in.pdf", "%PDF-1.4 " PACKAGE_MARKER);
  g_autofree char *json = package_work_file ("in.json", "{}");
  g_autofree char *key = package_work_file ("harbor.alcove-key", NULL);
  g_autofree char *package = package_work_file ("sealed.alcove-package", NULL);
  g_autofree char *out = package_work_file ("out", NULL);
  g_autofree char *fingerprint_line = NULL;
  g_auto(Run) run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (out, 0700), ==, 0);
  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "package", "export-key", "--output", key,
           "-u", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^[0-9A-F]{4}( [0-9A-F]{4}){7}$");
  fingerprint_line = g_strdup (run.out);
  run_clear (&run);

  run_ctl (&run, NULL, "package", "create", "--pdf", pdf, "--json", json, "--output", package,
           "--to-practice", key, NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  assert_out_line (&run, "^[0-9a-f]{64}$");
  g_strchomp (fingerprint_line);
  assert_err_contains (&run, fingerprint_line);
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", other, "package", "open", package, "--output",
           out, "-u", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_AUTH);
  assert_err_contains (&run, "another practice");
  g_assert_true (folder_is_empty (out));
  run_clear (&run);
  run_ctl (&run, NULL, "--vault", dir, "package", "open", package, "--output", out, NULL);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  run_clear (&run);

  run_ctl (&run, TEST_PASSWORD "\n", "--vault", dir, "package", "open", package, "--output",
           out, "-u", "dana", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, EXIT_DONE);
  g_assert_false (folder_is_empty (out));
}

int
main (int    argc,
      char **argv)
{
  int result;

  alcove_test_init (&argc, &argv);
  secrets = g_ptr_array_new_with_free_func (g_free);
  remember_secret (TEST_PASSWORD);
  remember_secret (TEST_OTHER_PASSWORD);
  remember_secret (THIRD_PASSWORD);

  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/missing-vault", test_missing_vault);
  g_test_add_func ("/cli/init", test_init);
  g_test_add_func ("/cli/init/refusals", test_init_refusals);
  g_test_add_func ("/cli/info", test_info);
  g_test_add_func ("/cli/info/damaged-header", test_info_damaged_header);
  g_test_add_func ("/cli/verify", test_verify);
  g_test_add_func ("/cli/verify/damaged-database", test_verify_damaged_database);
  g_test_add_func ("/cli/verify/damaged-notes", test_verify_damaged_notes);
  g_test_add_func ("/cli/verify/edited-header", test_verify_edited_header);
  g_test_add_func ("/cli/backup-restore", test_backup_restore);
  g_test_add_func ("/cli/users", test_users);
  g_test_add_func ("/cli/users/supervise", test_users_supervise);
  g_test_add_func ("/cli/users/enrolment-code", test_users_enrolment_code);
  g_test_add_func ("/cli/users/role", test_users_role);
  g_test_add_func ("/cli/users/enable", test_users_enable);
  g_test_add_func ("/cli/users/unsupervise", test_users_unsupervise);
  g_test_add_func ("/cli/passwd", test_passwd);
  g_test_add_func ("/cli/passwd-confirmed", test_passwd_confirmed);
  g_test_add_func ("/cli/import-export", test_import_export);
  g_test_add_func ("/cli/import-clients", test_import_clients);
  g_test_add_func ("/cli/export-fhir", test_export_fhir);
  g_test_add_func ("/cli/practice-archive", test_practice_archive);
  g_test_add_func ("/cli/emergency-list", test_emergency_list);
  g_test_add_func ("/cli/package/passphrase", test_package_passphrase);
  g_test_add_func ("/cli/package/sealed", test_package_sealed);

  result = g_test_run ();
  g_ptr_array_unref (secrets);
  return result;
}
