/* test-vault.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-vault"

#include "config.h"

#include <glib/gstdio.h>

#include "alcove-attempts.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

static gboolean
has_schema (AlcoveVault *vault,
            const char  *prefix)
{
  g_auto(GStrv) schemas = alcove_database_dup_schemas (alcove_vault_get_database (vault));

  for (guint i = 0; schemas[i]; i++)
    if (g_str_has_prefix (schemas[i], prefix))
      return TRUE;
  return FALSE;
}

static void
test_create_unlock_lock (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = NULL;
  g_autoptr(GListModel) users = NULL;
  g_autoptr(AlcoveUser) user = NULL;

  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  vault = alcove_test_create_vault (dir, NULL);
  g_assert_true (alcove_vault_exists (vault));
  g_assert_true (alcove_vault_get_locked (vault));

  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_assert_false (alcove_vault_get_locked (vault));
  g_assert_cmpstr (alcove_vault_get_practice_name (vault), ==, "Harbor Counseling");
  g_assert_cmpstr (alcove_vault_get_unlock_method (vault), ==, "password");
  g_assert_cmpstr (alcove_user_get_full_name (alcove_vault_get_current_user (vault)), ==,
                   "Dana Whitfield");
  /* the owner writes notes: own notes and private stores are attached */
  g_assert_true (has_schema (vault, "notes_"));
  g_assert_true (has_schema (vault, "private_"));

  users = alcove_vault_list_users (vault);
  g_assert_cmpuint (g_list_model_get_n_items (users), ==, 1);
  user = g_list_model_get_item (users, 0);
  g_assert_cmpint (alcove_user_get_role (user), ==, ALCOVE_ROLE_OWNER);
  g_assert_cmpstr (alcove_user_dup_initials (user), ==, "DW");

  alcove_vault_lock (vault);
  g_assert_true (alcove_vault_get_locked (vault));
  g_assert_null (alcove_vault_get_database (vault));
  g_assert_null (alcove_vault_get_current_user (vault));
}

static void
test_wrong_password_changes_nothing (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveSecret) wrong = alcove_test_secret ("not the password at all");
  g_autoptr(GHashTable) before = alcove_test_snapshot (dir);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last_ms = 0;

  g_usleep (20 * 1000);  /* so that any write would show in the mtimes */
  g_assert_false (alcove_vault_unlock_with_password (vault, "dana", wrong, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  g_assert_false (alcove_vault_unlock_with_password (vault, "nobody", wrong, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_assert_true (alcove_vault_get_locked (vault));

  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);

  /* counted outside the vault, and audited at the next unlock; a name that is not in the
   * vault is not written anywhere (it may be a password typed into the wrong field) */
  {
    g_autofree char *attempts = g_build_filename (g_get_user_state_dir (), "alcove",
                                                  "attempts.json", NULL);
    g_assert_false (alcove_test_file_contains (attempts, "nobody", strlen ("nobody")));
    g_assert_true (alcove_test_file_contains (attempts, "dana", strlen ("dana")));
  }
  g_assert_cmpuint (alcove_attempts_get_count (alcove_vault_get_uuid (vault), "dana", &last_ms), ==, 1);
  g_assert_cmpint (last_ms, >, 0);
  g_assert_cmpuint (alcove_attempts_delay_seconds (1), ==, 1);
  g_assert_cmpuint (alcove_attempts_delay_seconds (3), ==, 4);
  g_assert_cmpuint (alcove_attempts_delay_seconds (10), ==, 30);
  {
    g_autoptr(AlcoveVault) unlocked = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    sqlite3_stmt *stmt = alcove_database_prepare (alcove_vault_get_database (unlocked),
                                                  "SELECT count(*) FROM audit_log"
                                                  " WHERE action = 'vault.unlock-failed'", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_reset (stmt);
    g_assert_cmpuint (alcove_attempts_get_count (alcove_vault_get_uuid (unlocked), "dana", NULL), ==, 0);
  }
}

static void
test_recovery_resets_password (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *code = NULL;
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, &code);
  g_autoptr(AlcoveSecret) recovery = alcove_test_secret (code);
  g_autoptr(AlcoveSecret) new_password = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(AlcoveSecret) old_password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveSecret) bad_code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_code = NULL;
  g_autofree char *other_dir = g_build_filename (g_get_user_data_dir (), "other", NULL);
  g_autoptr(AlcoveVault) other = alcove_test_create_vault (other_dir, &other_code);

  /* another vault's recovery key opens nothing here */
  bad_code = alcove_test_secret (other_code);
  g_assert_false (alcove_vault_unlock_with_recovery_key (vault, bad_code, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  g_assert_true (alcove_vault_unlock_with_recovery_key (vault, recovery, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_is_recovery_session (vault));
  g_assert_true (has_schema (vault, "private_"));
  g_assert_true (alcove_vault_change_password (vault, "dana", new_password,
                                               alcove_test_fast_kdf (), &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);

  g_assert_false (alcove_vault_unlock_with_password (vault, "dana", old_password, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  g_assert_true (alcove_vault_unlock_with_password (vault, "dana", new_password, &error));
  g_assert_no_error (error);
  /* the re-keyed account still opens all of its stores */
  g_assert_true (has_schema (vault, "notes_"));
  g_assert_true (has_schema (vault, "private_"));
}

static void
test_change_own_password (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveSecret) weak = alcove_test_secret ("password1");
  g_autoptr(AlcoveSecret) strong = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(GError) error = NULL;

  g_assert_false (alcove_vault_change_password (vault, "dana", weak, alcove_test_fast_kdf (), &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);
  g_assert_true (alcove_vault_change_password (vault, "dana", strong, alcove_test_fast_kdf (), &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_OTHER_PASSWORD);
}

static void
test_role_grants (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveVault) billing = NULL, clinician = NULL, supervisor = NULL;
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autofree char *sam_notes = NULL;

  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (owner, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  alcove_test_add_user (owner, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  /* the owner cannot read the new clinician's notes */
  sam_notes = g_strdup_printf ("notes:%s", alcove_header_find_user (owner->header, "sam")->uuid);
  g_assert_false (alcove_vault_can_open_database (owner, sam_notes));
  /* practice, own notes, own private notes, and the authority's signing seed */
  g_assert_cmpuint (g_hash_table_size (owner->database_keys), ==, 4);
  alcove_vault_lock (owner);

  billing = alcove_test_unlocked_vault (dir, "bea", TEST_OTHER_PASSWORD);
  g_assert_false (has_schema (billing, "notes_"));
  g_assert_false (has_schema (billing, "private_"));
  g_assert_cmpuint (g_hash_table_size (billing->database_keys), ==, 1);
  g_assert_true (alcove_vault_can_open_database (billing, "practice"));
  /* and billing cannot grant itself anything */
  g_assert_false (alcove_vault_add_user (billing, "eve", "Eve", ALCOVE_ROLE_OWNER, password,
                                         alcove_test_fast_kdf (), &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  alcove_vault_lock (billing);

  clinician = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
  g_assert_true (alcove_vault_can_open_database (clinician, sam_notes));
  g_assert_cmpuint (g_hash_table_size (clinician->database_keys), ==, 3);
  /* billing can never be a supervisor */
  g_assert_false (alcove_vault_grant_supervision (clinician, "bea", "sam", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (alcove_vault_grant_supervision (clinician, "rui", "sam", &error));
  g_assert_no_error (error);
  alcove_vault_lock (clinician);

  supervisor = alcove_test_unlocked_vault (dir, "rui", TEST_OTHER_PASSWORD);
  g_assert_true (alcove_vault_can_open_database (supervisor, sam_notes));
  g_assert_true (has_schema (supervisor, "notes_"));
  g_assert_false (has_schema (supervisor, "private_"));
  alcove_vault_lock (supervisor);

  /* disabling removes every grant and slot */
  g_clear_object (&owner);
  owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_assert_false (alcove_vault_disable_user (owner, "dana", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_true (alcove_vault_disable_user (owner, "rui", &error));
  g_assert_no_error (error);
  g_assert_null (alcove_header_find_grant (owner->header,
                                           alcove_header_find_user (owner->header, "rui")->uuid,
                                           sam_notes));
  alcove_vault_lock (owner);
  g_assert_false (alcove_vault_unlock_with_password (supervisor, "rui", password, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
}

/* Every store from every earlier version reaches the latest, keeping what it held. */
static void
test_migrations (void)
{
  const AlcoveStoreKind kinds[] = { ALCOVE_STORE_PRACTICE, ALCOVE_STORE_NOTES, ALCOVE_STORE_PRIVATE };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      int latest = alcove_database_latest_version (kinds[k]);

      g_assert_cmpint (latest, >=, 1);
      for (int from = 1; from < latest; from++)
        {
          g_autofree char *path = g_strdup_printf ("%s/m-%u-%d.db", g_get_user_data_dir (), k, from);
          g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
          g_autoptr(AlcoveDatabase) db = NULL;
          g_autoptr(GError) error = NULL;

          g_mkdir_with_parents (g_get_user_data_dir (), 0700);
          db = alcove_database_open (path, key, NULL, TRUE, &error);
          g_assert_no_error (error);
          g_assert_true (alcove_database_migrate (db, "main", kinds[k], from, &error));
          g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==, from);
          if (from >= 1)
            g_assert_true (alcove_database_exec (db, "INSERT INTO meta VALUES ('kept', 'yes')", &error));
          alcove_database_close (db);
          g_clear_object (&db);

          db = alcove_database_open (path, key, NULL, FALSE, &error);
          g_assert_no_error (error);
          g_assert_true (alcove_database_migrate (db, "main", kinds[k], -1, &error));
          g_assert_no_error (error);
          g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==, latest);
          g_assert_true (alcove_database_check_integrity (db, "main", &error));
          if (from >= 1)
            {
              sqlite3_stmt *stmt = alcove_database_prepare (db, "SELECT value FROM meta WHERE key = 'kept'", NULL);
              g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
              sqlite3_reset (stmt);
            }
        }
    }
}

/* A file from a newer Alcove is refused, not half-read. */
static void
test_newer_version_refused (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "newer.db", NULL);
  g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  db = alcove_database_open (path, key, NULL, TRUE, &error);
  g_assert_true (alcove_database_exec (db, "PRAGMA user_version = 999", &error));
  g_assert_false (alcove_database_migrate (db, "main", ALCOVE_STORE_PRACTICE, -1, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "newer"));
}

static void
insert_marker (AlcoveVault *vault,
               const char  *schema,
               const char  *marker)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s.meta VALUES ('marker-%s', '%s')",
                                          schema, schema, marker);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_database_exec (alcove_vault_get_database (vault), sql, &error));
  g_assert_no_error (error);
}

static void
test_encrypted_at_rest (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_auto(GStrv) schemas = alcove_database_dup_schemas (alcove_vault_get_database (vault));
  const char *marker = "MARKER-client-Rosalind-Achterberg-said-the-unsayable";
  g_autoptr(GDir) handle = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_cmpuint (g_strv_length (schemas), ==, 3);
  for (guint i = 0; schemas[i]; i++)
    insert_marker (vault, schemas[i], marker);

  /* While unlocked (the WAL holds the writes) and after locking (checkpointed). */
  for (guint round = 0; round < 2; round++)
    {
      handle = g_dir_open (dir, 0, NULL);
      while ((name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *head = NULL;
          gsize length;

          g_assert_false (alcove_test_file_contains (path, marker, strlen (marker)));
          g_assert_false (alcove_test_file_contains (path, "Rosalind", 8));
          g_assert_true (g_file_get_contents (path, &head, &length, NULL));
          g_assert_false (length >= 15 && memcmp (head, "SQLite format 3", 15) == 0);
          n_files++;
        }
      g_clear_pointer (&handle, g_dir_close);
      alcove_vault_lock (vault);
    }
  g_assert_cmpuint (n_files, >=, 8);
}

static void
test_create_refusals (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) again = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveSecret) weak = alcove_test_secret ("letmein");
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(GHashTable) before = alcove_test_snapshot (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "a-file", NULL);
  g_autofree char *under_file = g_build_filename (blocker, "vault", NULL);
  g_autofree char *busy = g_build_filename (g_get_user_data_dir (), "busy", NULL);
  g_autofree char *busy_file = g_build_filename (busy, "thesis.odt", NULL);
  AlcoveVaultSetup setup = { "Harbor Counseling", "dana", "Dana Whitfield", password,
                             alcove_test_fast_kdf () };

  /* over an existing vault */
  g_assert_false (alcove_vault_create (again, &setup, &code, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS);
  g_clear_error (&error);
  {
    g_autoptr(GHashTable) after = alcove_test_snapshot (dir);
    alcove_test_assert_same_snapshot (before, after);
  }

  /* a weak password */
  g_clear_object (&again);
  again = alcove_vault_new (busy);
  setup.password = weak;
  g_assert_false (alcove_vault_create (again, &setup, &code, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);
  g_assert_false (g_file_test (busy, G_FILE_TEST_EXISTS));
  setup.password = password;

  /* a folder with other files in it */
  g_assert_cmpint (g_mkdir_with_parents (busy, 0700), ==, 0);
  g_assert_true (g_file_set_contents (busy_file, "draft", -1, NULL));
  g_assert_false (alcove_vault_create (again, &setup, &code, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS);
  g_clear_error (&error);

  /* somewhere that cannot be written (as root, only a file in the way stops us) */
  g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));
  g_clear_object (&again);
  again = alcove_vault_new (under_file);
  g_assert_false (alcove_vault_create (again, &setup, &code, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO);
  g_assert_false (g_file_test (under_file, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* bad names */
  g_clear_object (&again);
  again = alcove_vault_new (g_get_user_data_dir ());
  setup.username = "../root";
  g_assert_false (alcove_vault_create (again, &setup, &code, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  setup.username = "dana";
  setup.practice_name = "   ";
  g_assert_false (alcove_vault_create (again, &setup, &code, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
}

/* A damaged page is found by verify and named; a missing store is named at unlock. */
static void
test_damaged_database (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autofree char *practice = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  AlcoveVerifyReport report;

  g_assert_true (alcove_vault_unlock_with_password (vault, "dana", password, &error));
  g_assert_true (alcove_vault_verify (vault, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_databases, ==, 3);
  g_assert_cmpint (report.audit_rows, >=, 3);
  alcove_vault_lock (vault);

  g_assert_true (g_file_get_contents (practice, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  for (gsize i = 4096 + 100; i < 4096 + 200; i++)
    contents[i] ^= 0x5a;
  g_assert_true (g_file_set_contents (practice, contents, length, NULL));

  if (alcove_vault_unlock_with_password (vault, "dana", password, &error))
    g_assert_false (alcove_vault_verify (vault, &report, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "practice.db"));
}

static void
test_replace_recovery_key (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *old_code = NULL;
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, &old_code);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveSecret) old_secret = alcove_test_secret (old_code);
  g_autoptr(AlcoveSecret) new_code = NULL;
  g_autoptr(AlcoveSecret) newer_code = NULL;
  g_autoptr(GError) error = NULL;

  /* a solo owner holds every store's key */
  g_assert_true (alcove_vault_replace_recovery_key (owner, &new_code, &error));
  g_assert_no_error (error);
  alcove_vault_lock (owner);
  g_assert_false (alcove_vault_unlock_with_recovery_key (owner, old_secret, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  g_assert_true (alcove_vault_unlock_with_recovery_key (owner, new_code, &error));
  g_assert_no_error (error);
  alcove_vault_lock (owner);

  /* with a second clinician, the owner cannot; the recovery key can */
  g_assert_true (alcove_vault_unlock_with_password (owner, "dana", alcove_test_secret (TEST_PASSWORD), &error));
  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  g_assert_false (alcove_vault_replace_recovery_key (owner, &newer_code, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  alcove_vault_lock (owner);
  g_assert_true (alcove_vault_unlock_with_recovery_key (owner, new_code, &error));
  g_assert_true (alcove_vault_replace_recovery_key (owner, &newer_code, &error));
  g_assert_no_error (error);
  alcove_vault_lock (owner);
  g_assert_true (alcove_vault_unlock_with_recovery_key (owner, newer_code, &error));
  g_assert_true (has_schema (owner, "notes_"));
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/vault/create-unlock-lock", test_create_unlock_lock);
  g_test_add_func ("/vault/wrong-password-changes-nothing", test_wrong_password_changes_nothing);
  g_test_add_func ("/vault/recovery-resets-password", test_recovery_resets_password);
  g_test_add_func ("/vault/change-own-password", test_change_own_password);
  g_test_add_func ("/vault/role-grants", test_role_grants);
  g_test_add_func ("/vault/migrations", test_migrations);
  g_test_add_func ("/vault/newer-version-refused", test_newer_version_refused);
  g_test_add_func ("/vault/encrypted-at-rest", test_encrypted_at_rest);
  g_test_add_func ("/vault/create-refusals", test_create_refusals);
  g_test_add_func ("/vault/damaged-database", test_damaged_database);
  g_test_add_func ("/vault/replace-recovery-key", test_replace_recovery_key);

  return g_test_run ();
}
