/* test-damaged-stores.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-damaged-stores"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "alcove-database.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* Unlock never creates a store. A store that is missing, empty, shorter than a page, without
 * a readable first page or without a schema is damaged: unlocking says so, naming the file,
 * and writes nothing to it. SQLite alone would take a 0-byte file for a new database (and
 * delete a -wal beside it); the migrations would then give it an empty schema. */

#define EMPTY_WORDING      "empty or damaged"
#define UNREADABLE_WORDING "cannot be read with the key"
#define NEVER_RECREATES    "never re-creates a store"

typedef enum
{
  DAMAGE_EMPTY,              /* truncated to 0 bytes */
  DAMAGE_EMPTY_WITH_WAL,     /* 0 bytes, with a -wal beside it that holds something */
  DAMAGE_ZERO_FIRST_PAGE,    /* the first 4096 bytes are zeros */
  DAMAGE_SHORT,              /* truncated to 100 bytes */
  DAMAGE_RANDOM_FIRST_PAGE,  /* the first 4096 bytes are noise */
  N_DAMAGES
} Damage;

static const char *damage_names[N_DAMAGES] = {
  "0 bytes", "0 bytes with a -wal", "zeroed first page", "100 bytes", "random first page",
};

static char *
store_path (const char *dir,
            const char *prefix)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db"))
      return g_build_filename (dir, name, NULL);
  g_error ("No store named %s… in %s", prefix, dir);
  return NULL;
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return -1;
  return buf.st_size;
}

static void
write_file (const char  *path,
            const char  *contents,
            gsize        length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
}

static void
assert_file_is (const char *path,
                const char *contents,
                gsize       length)
{
  g_autofree char *now = NULL;
  gsize now_length = 0;

  g_assert_true (g_file_get_contents (path, &now, &now_length, NULL));
  g_assert_cmpuint (now_length, ==, length);
  g_assert_true (length == 0 || memcmp (now, contents, length) == 0);
}

/* Writes the damage over the store; returns what the file now holds. */
static char *
apply_damage (const char *path,
              const char *original,
              gsize       original_length,
              Damage      damage,
              gsize      *length)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  char *damaged = g_memdup2 (original, original_length);

  g_assert_cmpuint (original_length, >, 2 * 4096);
  switch (damage)
    {
    case DAMAGE_EMPTY:
      *length = 0;
      break;
    case DAMAGE_EMPTY_WITH_WAL:
      *length = 0;
      /* a -wal left beside the file: SQLite would delete it on opening a 0-byte file */
      write_file (wal, original + 4096, 4096);
      break;
    case DAMAGE_ZERO_FIRST_PAGE:
      *length = original_length;
      memset (damaged, 0, 4096);
      break;
    case DAMAGE_SHORT:
      *length = 100;
      break;
    case DAMAGE_RANDOM_FIRST_PAGE:
      *length = original_length;
      for (guint i = 0; i < 4096; i++)
        damaged[i] = (char) g_test_rand_int_range (0, 256);
      break;
    case N_DAMAGES:
    default:
      g_assert_not_reached ();
    }
  write_file (path, damaged, *length);
  return damaged;
}

static void
assert_unlock_damaged (AlcoveVault *vault,
                       const char  *file,
                       const char  *wording)
{
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GError) error = NULL;

  g_assert_false (alcove_vault_unlock_with_password (vault, "dana", password, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_test_message ("%s → %s", file, error->message);
  if (strstr (error->message, file) == NULL || strstr (error->message, wording) == NULL)
    g_error ("Expected a message naming %s and saying “%s”, got: %s", file, wording,
             error->message);
  g_assert_true (alcove_vault_get_locked (vault));
  g_assert_null (alcove_vault_get_database (vault));
}

static void
unlock_and_lock (AlcoveVault *vault)
{
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GError) error = NULL;
  gboolean unlocked = alcove_vault_unlock_with_password (vault, "dana", password, &error);

  g_assert_no_error (error);
  g_assert_true (unlocked);
  alcove_vault_lock (vault);
}

/* Each store, each kind of damage: refused, named, untouched; restored, the vault opens. */
static void
test_damaged_stores (void)
{
  const char *prefixes[] = { "practice.db", "notes-", "private-" };
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  unlock_and_lock (vault);
  for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
    {
      g_autofree char *path = store_path (dir, prefixes[p]);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      for (Damage d = 0; d < N_DAMAGES; d++)
        {
          g_autofree char *original = NULL;
          gsize original_length = 0;
          g_autofree char *damaged = NULL;
          g_autofree char *wal_before = NULL;
          gsize length = 0;
          gsize wal_length = 0;
          g_autoptr(GHashTable) before = NULL;
          g_autoptr(GHashTable) after = NULL;

          g_test_message ("%s: %s", base, damage_names[d]);
          /* read again each time: every unlock moves the store's commit counter on, and an
           * older copy put back would rightly be refused as a rollback */
          g_assert_true (g_file_get_contents (path, &original, &original_length, NULL));
          g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
          damaged = apply_damage (path, original, original_length, d, &length);
          if (d == DAMAGE_EMPTY_WITH_WAL)
            g_assert_true (g_file_get_contents (wal, &wal_before, &wal_length, NULL));
          before = alcove_test_snapshot (dir);
          g_usleep (20 * 1000);  /* so that any write would show in the mtimes */

          assert_unlock_damaged (vault, base,
                                 d == DAMAGE_RANDOM_FIRST_PAGE ? UNREADABLE_WORDING
                                                               : EMPTY_WORDING);

          /* nothing written: the damaged bytes, no new -wal, the planted -wal kept whole */
          assert_file_is (path, damaged, length);
          g_assert_cmpint (file_size (path), ==, (gint64) length);
          if (d == DAMAGE_EMPTY_WITH_WAL)
            {
              assert_file_is (wal, wal_before, wal_length);
              g_assert_cmpint (g_unlink (wal), ==, 0);
            }
          else
            g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
          g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
          after = alcove_test_snapshot (dir);
          if (d == DAMAGE_EMPTY_WITH_WAL)
            g_hash_table_remove (before, strrchr (wal, G_DIR_SEPARATOR) + 1);
          alcove_test_assert_same_snapshot (before, after);

          /* the original bytes back: nothing else was harmed */
          write_file (path, original, original_length);
          unlock_and_lock (vault);
        }
    }
}

/* A store that is missing is damaged too, with its own words. */
static void
test_missing_store (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);
  g_autofree char *path = store_path (dir, "notes-");
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *moved = g_strconcat (path, ".aside", NULL);

  g_assert_cmpint (g_rename (path, moved), ==, 0);
  assert_unlock_damaged (vault, base, "missing");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rename (moved, path), ==, 0);
  unlock_and_lock (vault);
}

/* A whole, valid store under another key (here: the private store copied over the notes
 * store) is not "empty": the message says the key does not open it. */
static void
test_wrong_key_is_distinct (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);
  g_autofree char *notes = store_path (dir, "notes-");
  g_autofree char *private = store_path (dir, "private-");
  g_autofree char *base = g_path_get_basename (notes);
  g_autofree char *original = NULL;
  g_autofree char *other = NULL;
  gsize original_length = 0;
  gsize other_length = 0;
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (notes, &original, &original_length, NULL));
  g_assert_true (g_file_get_contents (private, &other, &other_length, NULL));
  write_file (notes, other, other_length);

  g_assert_false (alcove_vault_unlock_with_password (vault, "dana", password, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_test_message ("%s → %s", base, error->message);
  g_assert_nonnull (strstr (error->message, base));
  g_assert_nonnull (strstr (error->message, UNREADABLE_WORDING));
  g_assert_null (strstr (error->message, EMPTY_WORDING));
  assert_file_is (notes, other, other_length);

  write_file (notes, original, original_length);
  unlock_and_lock (vault);
}

/* At the database level: a store that was created but never given a schema cannot be opened
 * as an existing store, and migrate() gives a schema only to a store made on this handle. */
static void
test_no_schema (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "bare.db", NULL);
  g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  gsize length = 0;
  gsize after_length = 0;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  db = alcove_database_open (path, key, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==, 0);
  g_clear_object (&db);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 4096);
  db = alcove_database_open (path, key, NULL, FALSE, &error);
  g_assert_null (db);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "bare.db"));
  g_assert_nonnull (strstr (error->message, EMPTY_WORDING));
  g_assert_nonnull (strstr (error->message, NEVER_RECREATES));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpuint (after_length, ==, length);
  g_assert_true (memcmp (after, contents, length) == 0);

  /* ATTACHed, the same */
  {
    g_autofree char *host_path = g_build_filename (g_get_user_data_dir (), "host.db", NULL);
    g_autoptr(AlcoveSecret) host_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
    g_auto(GStrv) schemas = NULL;

    db = alcove_database_open (host_path, host_key, NULL, TRUE, &error);
    g_assert_no_error (error);
    g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_PRACTICE, -1, &error));
    g_assert_false (alcove_database_attach (db, path, "bare", key, NULL, FALSE, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
    g_assert_nonnull (strstr (error->message, EMPTY_WORDING));
    g_clear_error (&error);
    schemas = alcove_database_dup_schemas (db);
    g_assert_false (g_strv_contains ((const char * const *) schemas, "bare"));
    g_clear_object (&db);
  }

  /* created here: migrate() may give it its schema */
  g_assert_cmpint (g_unlink (path), ==, 0);
  db = alcove_database_open (path, key, NULL, TRUE, &error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_NOTES, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==,
                   alcove_database_latest_version (ALCOVE_STORE_NOTES));
}

/* `alcovectl verify` on a vault whose notes store is 0 bytes: exit 3 (damaged), the file
 * named, and still 0 bytes. */
static void
test_cli_verify_empty_store (void)
{
  const char *alcovectl = g_getenv ("ALCOVECTL");
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);
  g_autofree char *notes = store_path (dir, "notes-");
  g_autofree char *base = g_path_get_basename (notes);
  g_autofree char *wal = g_strconcat (notes, "-wal", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (alcovectl);
  write_file (notes, "", 0);

  alcove_test_export_user_dirs ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              alcovectl, "--vault", dir, "verify", "--user", "dana",
                              "--password-stdin", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, TEST_PASSWORD "\n", NULL, &out, &err,
                                                &error));
  g_assert_no_error (error);
  g_test_message ("alcovectl verify → %d\nstdout: %s\nstderr: %s",
                  g_subprocess_get_exit_status (process), out, err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 3);
  g_assert_nonnull (strstr (err, base));
  g_assert_nonnull (strstr (err, EMPTY_WORDING));
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_cmpint (file_size (notes), ==, 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/damaged-stores/each-store", test_damaged_stores);
  g_test_add_func ("/damaged-stores/missing", test_missing_store);
  g_test_add_func ("/damaged-stores/wrong-key-is-distinct", test_wrong_key_is_distinct);
  g_test_add_func ("/damaged-stores/no-schema", test_no_schema);
  g_test_add_func ("/damaged-stores/cli-verify", test_cli_verify_empty_store);

  return g_test_run ();
}
