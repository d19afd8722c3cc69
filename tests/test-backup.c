/* test-backup.c — backups and restores, attacked through the real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-backup"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/mount.h>
#include <unistd.h>

#include "alcove-audit-actions.h"
#include "alcove-backup-private.h"
#include "alcove-client-store.h"
#include "alcove-note-store.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define CLIENT_MARKER "Zephyrine Quillfeather"
#define NOTE_MARKER "marker text about the lighthouse keeper"
#define NOT_A_BACKUP "cannot be used as a backup"

/* ---- a practice to back up ---- */

/* dana (owner) with a client and a signed note; lee (clinician) */
static AlcoveVault *
make_practice (char **dir)
{
  AlcoveVault *vault = alcove_test_fresh_vault (dir);
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autofree char *client = NULL;
  g_autofree char *note = NULL;

  alcove_test_add_user (vault, "lee", "Lee Park", ALCOVE_ROLE_CLINICIAN);
  alcove_test_open_stores (vault, &clients, &notes);
  client = alcove_test_add_client (clients, CLIENT_MARKER);
  note = alcove_test_write_note (notes, client, "soap", NOTE_MARKER, TRUE);
  return vault;
}

static char *
backup_path (const char *name)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "backups", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  return g_build_filename (folder, name, NULL);
}

static char *
make_backup (AlcoveVault *vault,
             const char  *name)
{
  g_autoptr(GError) error = NULL;
  char *path = backup_path (name);
  g_autoptr(AlcoveBackupInfo) info = alcove_backup_create (vault, path, NULL, NULL, NULL,
                                                           &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  return path;
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
write_bytes (const char   *path,
             const guint8 *data,
             gsize         size)
{
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strstr_len (data, (gssize) size, needle) != NULL ||
         memmem (data, size, needle, strlen (needle)) != NULL;
}

static AlcoveRestoreCredentials
as_dana (AlcoveSecret *password,
         gboolean      accept_older)
{
  return (AlcoveRestoreCredentials) { "dana", password, accept_older };
}

static void
assert_unlock_fails (const char      *dir,
                     const char      *username,
                     const char      *password_text,
                     AlcoveVaultError code)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (password_text);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_load (vault, NULL));
  g_assert_false (alcove_vault_unlock_with_password (vault, username, password, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, code);
}

/* The same, with the person confirming a restore */
static void
assert_accepted_unlock_fails (const char      *dir,
                              const char      *username,
                              const char      *password_text,
                              AlcoveVaultError code)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (password_text);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_load (vault, NULL));
  alcove_vault_set_accept_restore (vault, TRUE);
  g_assert_false (alcove_vault_unlock_with_password (vault, username, password, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, code);
}

static char *
restore_target (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "restored", name, NULL);
}

/* ---- making and checking ---- */

static void
test_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *path = make_backup (vault, "first" ALCOVE_BACKUP_SUFFIX);
  g_autoptr(AlcoveBackupInfo) plain = NULL;
  g_autoptr(AlcoveBackupInfo) keyed = NULL;
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) vault_dir = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  GStatBuf st;
  const char *name;

  /* the keyless check, and the practice key's MAC with the vault */
  plain = alcove_backup_verify (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain->vault_uuid, ==, alcove_vault_get_uuid (vault));
  g_assert_cmpstr (plain->made_by_name, ==, "dana");
  g_assert_false (plain->mac_checked);
  /* practice, dana's notes and private stores, lee's two, vault.keys */
  g_assert_cmpuint (plain->files->len, ==, 6);
  g_assert_cmpuint (plain->omitted->len, ==, 0);
  keyed = alcove_backup_verify (path, vault, &error);
  g_assert_no_error (error);
  g_assert_true (keyed->mac_checked);

  /* only ciphertext: no client name, no note text */
  g_assert_false (bytes_contain (bytes, CLIENT_MARKER));
  g_assert_false (bytes_contain (bytes, NOTE_MARKER));
  g_assert_false (bytes_contain (bytes, "lighthouse"));

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_BACKUP_CREATE,
                                            alcove_vault_get_uuid (vault)), ==, 1);
  g_assert_cmpint (alcove_backup_last_verified_ms (vault), >, 0);

  /* nothing left behind: no partial file beside it, no staging folder in the vault */
  vault_dir = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (vault_dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".backup-"));
  {
    g_autoptr(GPtrArray) listed = alcove_backup_list (folder, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (listed->len, ==, 1);
  }

  /* never over another file */
  g_assert_null (alcove_backup_create (vault, path, NULL, NULL, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS);
  {
    g_autoptr(GBytes) after = read_bytes (path);

    g_assert_true (g_bytes_equal (bytes, after));
  }
  alcove_vault_lock (vault);
}

/* ---- restoring ---- */

static void
assert_restored_vault_opens (const char *target)
{
  g_autoptr(AlcoveVault) restored = alcove_test_unlocked_vault (target, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autofree char *marker = g_build_filename (target, ALCOVE_RESTORED_FILE, NULL);

  g_assert_true (g_file_test (marker, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (alcove_test_count_audit (restored, ALCOVE_AUDIT_VAULT_RESTORE,
                                            alcove_vault_get_uuid (restored)), ==, 1);
  g_assert_cmpint (alcove_test_query_int (restored, "SELECT count(*) FROM clients"), ==, 1);
  alcove_vault_lock (restored);
}

/* A reader that keeps the log from being checkpointed: the store is taken with SQLite's
 * online backup instead, and is as whole */
static void
test_busy_store_snapshot (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *path = NULL;
  g_autofree char *target = restore_target ("from-snapshot");
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_auto(AlcoveRestoreResult) result = { 0 };
  AlcoveRestoreCredentials credentials = as_dana (password, TRUE);
  g_autofree char *practice = g_build_filename (dir, "practice.db-wal", NULL);

  /* the session's own connection reads inside a transaction begun with the log full */
  g_assert_cmpint (alcove_test_exec_raw (vault, "BEGIN"), ==, SQLITE_OK);
  g_assert_cmpint (alcove_test_query_int (vault, "SELECT count(*) FROM clients"), ==, 1);
  path = make_backup (vault, "busy" ALCOVE_BACKUP_SUFFIX);
  /* the log could not be emptied, so the store went through the snapshot */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (practice, &st), ==, 0);
    g_assert_cmpint (st.st_size, >, 0);
  }
  g_assert_cmpint (alcove_test_exec_raw (vault, "COMMIT"), ==, SQLITE_OK);
  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (handle)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".backup-"));
  }
  alcove_vault_lock (vault);
  g_assert_true (alcove_backup_restore (path, target, &credentials, &result, &error));
  g_assert_no_error (error);
  assert_restored_vault_opens (target);
}

static void
test_restore_new_folder (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *path = make_backup (vault, "a" ALCOVE_BACKUP_SUFFIX);
  g_autofree char *target = restore_target ("practice");
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveSecret) wrong = alcove_test_secret ("not the password at all");
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveRestoreCredentials credentials;
  g_auto(AlcoveRestoreResult) result = { 0 };

  /* this computer has seen the vault after the backup was made */
  alcove_vault_lock (vault);
  before = alcove_test_snapshot (dir);

  credentials = as_dana (password, FALSE);
  g_assert_false (alcove_backup_restore (path, target, &credentials, &result, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_RESTORED);
  g_assert_nonnull (strstr (error->message, "not in it"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  alcove_restore_result_clear (&result);

  credentials = as_dana (wrong, TRUE);
  g_assert_false (alcove_backup_restore (path, target, &credentials, &result, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  alcove_restore_result_clear (&result);

  /* into a folder that holds something: refused */
  {
    g_autofree char *busy = g_build_filename (dir, NULL);

    credentials = as_dana (password, TRUE);
    g_assert_false (alcove_backup_restore (path, busy, &credentials, &result, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS);
    g_clear_error (&error);
    alcove_restore_result_clear (&result);
  }

  credentials = as_dana (password, TRUE);
  g_assert_true (alcove_backup_restore (path, target, &credentials, &result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (result.info);
  assert_restored_vault_opens (target);

  /* the live vault was never touched */
  {
    g_autoptr(GHashTable) after = alcove_test_snapshot (dir);

    alcove_test_assert_same_snapshot (before, after);
  }
  /* no staging folder left beside the target */
  {
    g_autofree char *parent = g_path_get_dirname (target);
    g_autoptr(GDir) handle = g_dir_open (parent, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (handle)) != NULL)
      g_assert_cmpstr (name, ==, "practice");
  }
}

static void
test_restore_recovery_key (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *code = NULL;
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, &code);
  g_autofree char *path = NULL;
  g_autofree char *target = restore_target ("by-recovery");
  g_autoptr(AlcoveSecret) recovery = alcove_test_secret (code);
  g_autoptr(GError) error = NULL;
  g_auto(AlcoveRestoreResult) result = { 0 };
  AlcoveRestoreCredentials credentials = { NULL, recovery, TRUE };

  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  path = make_backup (vault, "r" ALCOVE_BACKUP_SUFFIX);
  alcove_vault_lock (vault);
  g_assert_true (alcove_backup_restore (path, target, &credentials, &result, &error));
  g_assert_no_error (error);
  /* dana had seen newer records than the backup: she is asked, then it opens */
  assert_unlock_fails (target, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_RESTORED);
  {
    g_autoptr(AlcoveVault) restored = alcove_vault_new (target);
    g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);

    g_assert_true (alcove_vault_load (restored, NULL));
    alcove_vault_set_accept_restore (restored, TRUE);
    g_assert_true (alcove_vault_unlock_with_password (restored, "dana", password, &error));
    g_assert_no_error (error);
    g_assert_cmpint (alcove_test_count_audit (restored, ALCOVE_AUDIT_VAULT_RESTORE,
                                              alcove_vault_get_uuid (restored)), ==, 1);
    alcove_vault_lock (restored);
  }
}

/* ---- damaged and hostile backups ---- */

/* Where a tar entry's 512-byte header and its data start */
static gboolean
find_entry (GBytes     *bytes,
            const char *name,
            gsize      *header,
            gsize      *data,
            gsize      *size)
{
  gsize total = 0;
  const guint8 *p = g_bytes_get_data (bytes, &total);
  gsize offset = 0;

  while (offset + 512 <= total && p[offset] != '\0')
    {
      char field[13] = { 0 };
      gsize length;

      memcpy (field, p + offset + 124, 12);
      length = (gsize) g_ascii_strtoull (field, NULL, 8);
      if (strncmp ((const char *) p + offset, name, 100) == 0)
        {
          *header = offset;
          *data = offset + 512;
          *size = length;
          return TRUE;
        }
      offset += 512 + ((length + 511) / 512) * 512;
    }
  return FALSE;
}

typedef struct
{
  const char *label;
  const char *entry;     /* NULL: cut the file short instead */
  gboolean    in_header; /* flip in the entry's tar header, not its data */
  double      cut;       /* the fraction kept */
} Damage;

static void
damage_copy (GBytes       *original,
             const Damage *damage,
             const char   *path)
{
  gsize size = g_bytes_get_size (original);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (original, NULL), size);
  gsize header = 0, data = 0, length = 0;

  if (damage->entry == NULL)
    {
      write_bytes (path, copy, (gsize) (size * damage->cut));
      return;
    }
  g_assert_true (find_entry (original, damage->entry, &header, &data, &length));
  if (damage->in_header)
    copy[header + 10] ^= 0x5a;   /* inside the name field */
  else
    copy[data + length / 2] ^= 0x01;
  write_bytes (path, copy, size);
}

static void
test_damaged_backups (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *path = make_backup (vault, "good" ALCOVE_BACKUP_SUFFIX);
  g_autoptr(GBytes) original = read_bytes (path);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *store = NULL;
  const Damage damages[] = {
    { "cut to 100 bytes", NULL, FALSE, 0.0001 },
    { "cut in half", NULL, FALSE, 0.5 },
    { "last byte missing", NULL, FALSE, 0.99999 },
    { "a store's bytes", "practice.db", FALSE, 0 },
    { "a store's tar header", "practice.db", TRUE, 0 },
    { "vault.keys", ALCOVE_HEADER_FILE, FALSE, 0 },
    { "the manifest", ALCOVE_BACKUP_MANIFEST, FALSE, 0 },
    { "the seal", ALCOVE_BACKUP_SEAL, FALSE, 0 },
  };

  alcove_vault_lock (vault);
  before = alcove_test_snapshot (dir);
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree char *name = g_strdup_printf ("damaged-%u" ALCOVE_BACKUP_SUFFIX, i);
      g_autofree char *damaged = backup_path (name);
      g_autofree char *target = restore_target (name);
      g_autoptr(GError) error = NULL;
      g_auto(AlcoveRestoreResult) result = { 0 };
      AlcoveRestoreCredentials credentials = as_dana (password, TRUE);
      g_autoptr(AlcoveBackupInfo) info = NULL;

      g_test_message ("damage: %s", damages[i].label);
      damage_copy (original, &damages[i], damaged);
      info = alcove_backup_verify (damaged, NULL, &error);
      g_assert_null (info);
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, NOT_A_BACKUP));
      g_clear_error (&error);

      g_assert_false (alcove_backup_restore (damaged, target, &credentials, &result, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
      g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
      g_clear_error (&error);

      g_free (store);
      store = g_strdup (alcove_header_find_database (vault->header, "practice")->file);
      g_assert_false (alcove_backup_restore_store (damaged, dir, store, &credentials, &result,
                                                   &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
      g_clear_error (&error);
    }
  {
    g_autoptr(GHashTable) after = alcove_test_snapshot (dir);

    alcove_test_assert_same_snapshot (before, after);
  }
}

/* A backup of another practice: a clear refusal, and the vault untouched */
static void
test_other_vault (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autoptr(AlcoveVault) other = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(AlcoveRestoreResult) result = { 0 };
  AlcoveRestoreCredentials credentials = as_dana (password, TRUE);
  g_autofree char *store = g_strdup (alcove_header_find_database (vault->header,
                                                                  "practice")->file);

  other_dir = g_build_filename (g_get_user_data_dir (), "other-practice", NULL);
  other = alcove_test_create_vault (other_dir, NULL);
  alcove_vault_lock (other);
  g_clear_object (&other);
  other = alcove_test_unlocked_vault (other_dir, "dana", TEST_PASSWORD);
  path = make_backup (other, "other" ALCOVE_BACKUP_SUFFIX);
  alcove_vault_lock (other);

  g_assert_null (alcove_backup_verify (path, vault, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "another practice"));
  g_clear_error (&error);

  alcove_vault_lock (vault);
  before = alcove_test_snapshot (dir);
  g_assert_false (alcove_backup_restore_store (path, dir, store, &credentials, &result, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  {
    g_autoptr(GHashTable) after = alcove_test_snapshot (dir);

    alcove_test_assert_same_snapshot (before, after);
  }
}

/* ---- a restore is not a rollback, and a rollback is not a restore ---- */

static void
copy_folder (const char *from,
             const char *to)
{
  g_autoptr(GDir) handle = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (!g_file_test (source, G_FILE_TEST_IS_REGULAR))
        continue;
      bytes = read_bytes (source);
      write_bytes (target, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
}

static void
put_back (const char *saved,
          const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_unlink (path);
    }
  copy_folder (saved, dir);
}

/* An insider who puts an older copy back by hand gets a rollback, even with a record of a
 * restore signed by a clinician, and even when the person confirms a restore */
static void
test_rollback_is_not_restore (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *saved = g_build_filename (g_get_user_data_dir (), "saved-copy", NULL);
  g_autofree char *marker = g_build_filename (dir, ALCOVE_RESTORED_FILE, NULL);
  g_autoptr(GError) error = NULL;

  alcove_vault_lock (vault);
  copy_folder (dir, saved);
  /* dana works on; then lee records a "restore" in the current vault */
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  alcove_vault_lock (vault);
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "lee", TEST_OTHER_PASSWORD);
  g_assert_true (alcove_vault_mark_restored (vault, 0, 0, &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);

  /* the old copy with lee's record: still a rollback for dana, even confirmed */
  {
    g_autoptr(GBytes) forged = read_bytes (marker);

    put_back (saved, dir);
    write_bytes (marker, g_bytes_get_data (forged, NULL), g_bytes_get_size (forged));
  }
  assert_unlock_fails (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_ROLLBACK);
  assert_accepted_unlock_fails (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_ROLLBACK);
  /* and with no record at all, confirming excuses nothing */
  g_unlink (marker);
  assert_accepted_unlock_fails (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_ROLLBACK);
}

/* An owner's real record of a restore, put back with an older copy of the restored vault
 * after this computer had seen it: still a rollback */
static void
test_old_restore_record (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *path = make_backup (vault, "record" ALCOVE_BACKUP_SUFFIX);
  g_autofree char *target = restore_target ("record");
  g_autofree char *saved = g_build_filename (g_get_user_data_dir (), "saved-restored", NULL);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_auto(AlcoveRestoreResult) result = { 0 };
  AlcoveRestoreCredentials credentials = as_dana (password, TRUE);

  alcove_vault_lock (vault);
  g_clear_object (&vault);
  g_assert_true (alcove_backup_restore (path, target, &credentials, &result, &error));
  g_assert_no_error (error);
  copy_folder (target, saved);
  vault = alcove_test_unlocked_vault (target, "dana", TEST_PASSWORD);
  alcove_vault_lock (vault);
  put_back (saved, target);
  assert_unlock_fails (target, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_ROLLBACK);
  assert_accepted_unlock_fails (target, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_ROLLBACK);
}

/* After an owner restores, another person's computer that saw newer records asks; once
 * they confirm, it opens */
static void
test_others_are_asked (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *path = NULL;
  g_autofree char *target = restore_target ("shared");
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveSecret) lee_password = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_auto(AlcoveRestoreResult) result = { 0 };
  AlcoveRestoreCredentials credentials = as_dana (password, TRUE);

  path = make_backup (vault, "shared" ALCOVE_BACKUP_SUFFIX);
  alcove_vault_lock (vault);
  g_clear_object (&vault);
  /* lee signs in after the backup: lee's record is newer than it */
  vault = alcove_test_unlocked_vault (dir, "lee", TEST_OTHER_PASSWORD);
  alcove_vault_lock (vault);
  g_clear_object (&vault);

  g_assert_true (alcove_backup_restore (path, target, &credentials, &result, &error));
  g_assert_no_error (error);

  assert_unlock_fails (target, "lee", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_RESTORED);
  vault = alcove_vault_new (target);
  g_assert_true (alcove_vault_load (vault, NULL));
  alcove_vault_set_accept_restore (vault, TRUE);
  g_assert_true (alcove_vault_unlock_with_password (vault, "lee", lee_password, &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);
  g_clear_object (&vault);
  /* and from then on without asking */
  vault = alcove_test_unlocked_vault (target, "lee", TEST_OTHER_PASSWORD);
  alcove_vault_lock (vault);
}

/* A backup from before lee was disabled restores with the keys of its time, and says lee
 * must be disabled again */
static void
test_rotation (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *path = make_backup (vault, "before" ALCOVE_BACKUP_SUFFIX);
  g_autofree char *target = restore_target ("rotated");
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_auto(AlcoveRestoreResult) result = { 0 };
  AlcoveRestoreCredentials credentials = as_dana (password, TRUE);

  g_assert_true (alcove_vault_disable_user (vault, "lee", &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);

  /* its vault.keys is of an older generation than this computer saw: asked first */
  credentials.accept_older = FALSE;
  g_assert_false (alcove_backup_restore (path, target, &credentials, &result, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_RESTORED);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  alcove_restore_result_clear (&result);
  credentials.accept_older = TRUE;
  g_assert_true (alcove_backup_restore (path, target, &credentials, &result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (result.disable_again);
  g_assert_cmpstr (result.disable_again[0], ==, "lee");
  g_assert_null (result.disable_again[1]);
  assert_restored_vault_opens (target);
}

/* One damaged store put back from the latest good backup */
static void
test_damaged_store (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *path = make_backup (vault, "latest" ALCOVE_BACKUP_SUFFIX);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autofree char *user = g_strdup (alcove_user_get_uuid (alcove_vault_get_current_user (vault)));
  g_autofree char *id = g_strdup_printf ("notes:%s", user);
  g_autofree char *file = g_strdup (alcove_header_find_database (vault->header, id)->file);
  g_autofree char *store = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(AlcoveRestoreResult) result = { 0 };
  AlcoveRestoreCredentials credentials = as_dana (password, FALSE);
  guint8 zeros[4096] = { 0 };
  gboolean kept_aside = FALSE;

  alcove_vault_lock (vault);
  g_clear_object (&vault);
  {
    g_autoptr(GBytes) bytes = read_bytes (store);
    g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    memcpy (copy, zeros, sizeof zeros);
    write_bytes (store, copy, g_bytes_get_size (bytes));
  }
  assert_unlock_fails (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_DAMAGED);

  g_assert_true (alcove_backup_restore_store (path, dir, file, &credentials, &result, &error));
  g_assert_no_error (error);
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  {
    g_autoptr(AlcoveClientStore) clients = NULL;
    g_autoptr(AlcoveNoteStore) notes = NULL;

    alcove_test_open_stores (vault, &clients, &notes);
    g_assert_cmpint (alcove_test_query_int (vault, "SELECT count(*) FROM clients"), ==, 1);
  }
  alcove_vault_lock (vault);
  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    g_autofree char *prefix = g_strconcat (file, ".damaged-", NULL);
    const char *name;

    while ((name = g_dir_read_name (handle)) != NULL)
      kept_aside |= g_str_has_prefix (name, prefix);
  }
  g_assert_true (kept_aside);
}

/* ---- faults while writing ---- */

/* kill -9 in the middle: the earlier backup stays good, and nothing half-written carries
 * a backup's name */
static void
test_killed_backup (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *earlier = make_backup (vault, "earlier" ALCOVE_BACKUP_SUFFIX);
  g_autofree char *folder = g_path_get_dirname (earlier);
  g_autoptr(GBytes) earlier_bytes = read_bytes (earlier);
  const char *alcovectl = g_getenv ("ALCOVECTL");
  gboolean killed_mid_write = FALSE;

  alcove_vault_lock (vault);
  alcove_test_export_user_dirs ();
  for (guint attempt = 0; attempt < 40 && !killed_mid_write; attempt++)
    {
      g_autofree char *target = g_strdup_printf ("%s/attempt-%u" ALCOVE_BACKUP_SUFFIX, folder,
                                                 attempt);
      g_autofree char *input = g_build_filename (g_get_user_data_dir (), "input", NULL);
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
        G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (input, TEST_PASSWORD "\n", -1, NULL));
      g_subprocess_launcher_set_stdin_file_path (launcher, input);
      process = g_subprocess_launcher_spawn (launcher, &error, alcovectl, "--vault", dir,
                                             "backup", "create", "--user", "dana",
                                             "--password-stdin", target, NULL);
      g_assert_no_error (error);
      /* wait for the half-written file, then kill */
      for (guint i = 0; i < 20000 && !killed_mid_write; i++)
        {
          g_autoptr(GDir) handle = g_dir_open (folder, 0, NULL);
          const char *name;

          while ((name = g_dir_read_name (handle)) != NULL)
            if (g_str_has_suffix (name, ".partial"))
              {
                g_subprocess_send_signal (process, SIGKILL);
                killed_mid_write = TRUE;
                break;
              }
          if (g_file_test (target, G_FILE_TEST_EXISTS))
            break;
          g_usleep (200);
        }
      g_subprocess_wait (process, NULL, NULL);
      if (!killed_mid_write)
        g_unlink (target);
      else
        g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
    }
  g_assert_true (killed_mid_write);

  /* what carries a backup's name is whole: the earlier one, untouched */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) listed = alcove_backup_list (folder, &error);
    g_autoptr(GBytes) after = read_bytes (earlier);

    g_assert_no_error (error);
    g_assert_cmpuint (listed->len, ==, 1);
    g_assert_nonnull (((AlcoveBackupListing *) g_ptr_array_index (listed, 0))->info);
    g_assert_true (g_bytes_equal (earlier_bytes, after));
  }
  /* and the vault still opens */
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  alcove_vault_lock (vault);
}

/* A destination without room: a clear message, and no file named as a backup */
static void
test_full_disk (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *stick = g_build_filename (g_get_user_data_dir (), "small-stick", NULL);
  g_autofree char *path = g_build_filename (stick, "full" ALCOVE_BACKUP_SUFFIX, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = NULL;

  g_assert_cmpint (g_mkdir_with_parents (stick, 0700), ==, 0);
  if (mount ("tmpfs", stick, "tmpfs", 0, "size=64k") != 0)
    {
      g_test_skip_printf ("cannot mount a small file system here (%s)", g_strerror (errno));
      alcove_vault_lock (vault);
      return;
    }
  g_assert_null (alcove_backup_create (vault, path, NULL, NULL, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not enough free space"));
  handle = g_dir_open (stick, 0, NULL);
  g_assert_null (g_dir_read_name (handle));
  g_clear_pointer (&handle, g_dir_close);
  umount (stick);
  alcove_vault_lock (vault);
}

/* ---- which backups are kept ---- */

static gint64
local_ms (int year,
          int month,
          int day,
          int hour)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (time) * 1000;
}

static void
test_choose_kept (void)
{
  g_autoptr(GDateTime) last = g_date_time_new_local (2026, 3, 20, 12, 0, 0);
  gint64 created[60];
  g_autofree gboolean *keep = NULL;
  g_autofree gboolean *one_month = NULL;
  guint kept = 0;

  /* two a day, at noon and at nine, for the 30 days up to 20 March */
  for (guint day = 0; day < 30; day++)
    {
      g_autoptr(GDateTime) noon = g_date_time_add_days (last, -(int) day);

      created[2 * day] = g_date_time_to_unix (noon) * 1000;
      created[2 * day + 1] = created[2 * day] - 3 * 3600 * 1000;
    }
  keep = alcove_backup_choose_kept (created, G_N_ELEMENTS (created), 14, 12);
  for (guint i = 0; i < G_N_ELEMENTS (created); i++)
    {
      kept += keep[i];
      if (i % 2 == 1)
        g_assert_false (keep[i]);   /* never the earlier one of a day */
    }
  /* the noon backups of the 14 latest days, and February's newest (the 28th) */
  g_assert_cmpuint (kept, ==, 15);
  for (guint day = 0; day < 14; day++)
    g_assert_true (keep[2 * day]);
  g_assert_cmpint (created[2 * 20], ==, local_ms (2026, 2, 28, 12));
  g_assert_true (keep[2 * 20]);
  g_assert_false (keep[2 * 21]);

  one_month = alcove_backup_choose_kept (created, G_N_ELEMENTS (created), 14, 1);
  g_assert_false (one_month[2 * 20]);
}

/* Pruning a folder touches only this vault's backups */
static void
test_prune (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = make_practice (&dir);
  g_autofree char *older = make_backup (vault, "older" ALCOVE_BACKUP_SUFFIX);
  g_autofree char *newer = NULL;
  g_autofree char *folder = g_path_get_dirname (older);
  g_autofree char *foreign = g_build_filename (folder, "foreign" ALCOVE_BACKUP_SUFFIX, NULL);
  g_autoptr(GError) error = NULL;

  g_usleep (1100 * 1000);  /* a later second */
  newer = make_backup (vault, "newer" ALCOVE_BACKUP_SUFFIX);
  g_assert_true (g_file_set_contents (foreign, "not a backup", -1, NULL));
  g_assert_cmpuint (alcove_backup_prune (vault, folder, 1, 0, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_false (g_file_test (older, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (newer, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
  alcove_vault_lock (vault);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/backup/round-trip", test_round_trip);
  g_test_add_func ("/backup/restore/new-folder", test_restore_new_folder);
  g_test_add_func ("/backup/busy-store", test_busy_store_snapshot);
  g_test_add_func ("/backup/restore/recovery-key", test_restore_recovery_key);
  g_test_add_func ("/backup/damaged", test_damaged_backups);
  g_test_add_func ("/backup/other-vault", test_other_vault);
  g_test_add_func ("/backup/restore/rollback-is-not-restore", test_rollback_is_not_restore);
  g_test_add_func ("/backup/restore/old-record", test_old_restore_record);
  g_test_add_func ("/backup/restore/others-are-asked", test_others_are_asked);
  g_test_add_func ("/backup/restore/rotation", test_rotation);
  g_test_add_func ("/backup/restore/damaged-store", test_damaged_store);
  g_test_add_func ("/backup/faults/killed", test_killed_backup);
  g_test_add_func ("/backup/faults/full-disk", test_full_disk);
  g_test_add_func ("/backup/prune/choice", test_choose_kept);
  g_test_add_func ("/backup/prune/folder", test_prune);
  return g_test_run ();
}
