/* test-trust.c — the vault's trust model attacked through its real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The attacker is an insider: "bea", the practice's billing clerk, with her own account and
 * write access to the vault folder. She holds K_practice like everyone, and her own user
 * key; she does not hold an owner's authority key or anyone else's user key. Each test
 * edits, swaps, rolls back or truncates files on disk the way she could, then checks that
 * the next unlock of someone else (and `verify`) refuses and names what was changed.
 */
#define G_LOG_DOMAIN "test-trust"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "alcove-audit-query.h"
#include "alcove-crypto.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* ---- the practice and its files ---- */

/* dana (owner), sam (clinician), bea (billing), rui (supervisor of sam); each has signed in
 * once on this computer, as a practice would have. */
static char *
make_practice_full (char  *dir,
                    char **recovery_code)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, recovery_code);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(GError) error = NULL;

  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (owner, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  alcove_test_add_user (owner, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  alcove_vault_lock (owner);
  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "sam", "bea", "rui" };
      g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, names[i], TEST_OTHER_PASSWORD);

      if (i == 0)
        g_assert_true (alcove_vault_grant_supervision (vault, "rui", "sam", &error));
      g_assert_no_error (error);
    }
  return dir;
}

static char *
make_practice_in (char *dir)
{
  return make_practice_full (dir, NULL);
}

static char *
make_practice (void)
{
  return make_practice_in (alcove_test_vault_dir ());
}

static GError *
unlock_error (const char *dir,
              const char *username,
              const char *password)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);
  GError *error = NULL;

  if (alcove_vault_unlock_with_password (vault, username, secret, &error))
    return NULL;
  g_assert_nonnull (error);
  g_assert_true (alcove_vault_get_locked (vault));
  g_test_message ("%s: %s", username, error->message);
  return error;
}

static void
assert_refused (const char *dir,
                const char *username,
                const char *password,
                int         code,
                const char *first_words,
                const char *second_words)
{
  g_autoptr(GError) error = unlock_error (dir, username, password);

  g_assert_error (error, ALCOVE_VAULT_ERROR, code);
  if (first_words != NULL && strstr (error->message, first_words) == NULL)
    g_error ("“%s” not in: %s", first_words, error->message);
  if (second_words != NULL && strstr (error->message, second_words) == NULL)
    g_error ("“%s” not in: %s", second_words, error->message);
}

static void
assert_opens (const char *dir,
              const char *username,
              const char *password)
{
  g_autoptr(GError) error = unlock_error (dir, username, password);

  g_assert_no_error (error);
}

/* alcovectl COMMAND as dana; returns the exit status, and standard error in `err` */
static int
run_ctl_as_dana (const char  *dir,
                 const char  *command,
                 char       **out,
                 char       **err)
{
  const char *alcovectl = g_getenv ("ALCOVECTL");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  alcove_test_export_user_dirs ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, alcovectl, "--vault", dir,
                              command, "--user", "dana", "--password-stdin", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, TEST_PASSWORD "\n", NULL, out, err,
                                                &error));
  g_assert_no_error (error);
  g_test_message ("%s: %s%s", command, *out, *err);
  return g_subprocess_get_exit_status (process);
}

/* alcovectl verify as dana: exit 3, the part that failed, and the message naming the file
 * or entry */
static void
assert_verify_refuses (const char *dir,
                       const char *words)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_ctl_as_dana (dir, "verify", &out, &err), ==, 3);
  g_assert_nonnull (strstr (out, "FAILED"));
  if (strstr (err, words) == NULL)
    g_error ("“%s” not in: %s", words, err);
}

static char *
vault_path (const char *dir,
            const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
write_file (const char *path,
            const char *contents,
            gsize       length)
{
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
}

/* vault.keys as JSON, to edit the way a text editor could */
static JsonNode *
load_keys (const char *dir)
{
  g_autofree char *path = vault_path (dir, ALCOVE_HEADER_FILE);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
save_keys (const char *dir,
           JsonNode   *root)
{
  g_autofree char *path = vault_path (dir, ALCOVE_HEADER_FILE);
  g_autofree char *text = json_to_string (root, TRUE);

  write_file (path, text, strlen (text));
}

static JsonObject *
authority_of (JsonNode *root)
{
  return json_object_get_object_member (json_node_get_object (root), "authority");
}

static JsonObject *
user_entry (JsonNode   *root,
            const char *username)
{
  JsonArray *users = json_object_get_array_member (authority_of (root), "users");

  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);

      if (g_str_equal (json_object_get_string_member (user, "username"), username))
        return user;
    }
  g_assert_not_reached ();
}

static char *
base64_of (GBytes *bytes)
{
  return g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* ---- what bea holds ---- */

typedef struct
{
  AlcoveSecret *practice_key;
  AlcoveSecret *user_key;
} Held;

static void
capture_cb (const char         *name,
            const AlcoveSecret *key,
            gpointer            user_data)
{
  Held *held = user_data;

  if (g_str_equal (name, "practice"))
    held->practice_key = alcove_secret_copy (key);
  else if (g_str_equal (name, "user-key"))
    held->user_key = alcove_secret_copy (key);
}

static Held
bea_keys (const char *dir)
{
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "bea", TEST_OTHER_PASSWORD);
  Held held = { NULL, NULL };

  alcove_vault_foreach_key (vault, capture_cb, &held);
  g_assert_nonnull (held.practice_key);
  g_assert_nonnull (held.user_key);
  return held;
}

static void
held_clear (Held *held)
{
  g_clear_pointer (&held->practice_key, alcove_secret_free);
  g_clear_pointer (&held->user_key, alcove_secret_free);
}

/* practice.db opened with the key bea holds, straight through SQLCipher */
static sqlite3 *
open_practice (const char         *dir,
               const AlcoveSecret *practice_key)
{
  g_autofree char *path = vault_path (dir, "practice.db");
  g_autoptr(AlcoveSecret) key_text = alcove_crypto_sqlcipher_key (practice_key);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_key (db, alcove_secret_get_data (key_text),
                                (int) alcove_secret_get_size (key_text)), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  return db;
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* ---- authority ---- */

/* bea makes herself an owner. Nothing keyed from K_practice protects the header any more,
 * so there is nothing else for her to recompute; everyone refuses, and says what changed. */
static void
test_billing_raises_own_role (void)
{
  g_autofree char *dir = make_practice ();
  g_autoptr(JsonNode) root = load_keys (dir);

  json_object_set_string_member (user_entry (root, "bea"), "role", "owner");
  save_keys (dir, root);

  assert_refused (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "“bea” role", NULL);
  assert_refused (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "“bea” role", NULL);
  assert_refused (dir, "bea", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "“bea” role", NULL);
  assert_verify_refuses (dir, "“bea” role");
}

/* bea goes all the way: her own authority key, the whole header signed with it, and her
 * own slot re-wrapped to trust it. Her view is consistent; nobody else's slot trusts it. */
static void
test_billing_resigns_header (void)
{
  g_autofree char *dir = make_practice ();
  Held held = bea_keys (dir);
  g_autoptr(AlcoveSecret) seed = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSigner) forger = alcove_signer_new (seed, ALCOVE_SIGNING_AUTHORITY);
  g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);
  AlcoveHeaderUser *bea = alcove_header_find_user (header, "bea");
  AlcoveHeaderSlot *slot = g_ptr_array_index (bea->slots, 0);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(AlcoveSecret) kek = alcove_crypto_derive_kek (password, slot->salt, &slot->kdf, NULL);
  g_autoptr(GError) error = NULL;

  bea->role = ALCOVE_ROLE_OWNER;
  g_bytes_unref (header->authority_key);
  header->authority_key = g_bytes_ref (alcove_signer_get_public_key (forger));
  header->generation++;
  alcove_header_sign_authority (header, forger);
  g_assert_true (alcove_vault_wrap_slot (header, bea, slot, kek, held.user_key, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_header_save (header, dir, &error));

  assert_refused (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "never trusted", NULL);
  assert_refused (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "never trusted", NULL);
  assert_refused (dir, "rui", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "never trusted", NULL);
  assert_verify_refuses (dir, "never trusted");
  held_clear (&held);
}

/* A new account, "mallory", an owner with bea's keys */
static void
test_billing_adds_account (void)
{
  g_autofree char *dir = make_practice ();
  g_autoptr(JsonNode) root = load_keys (dir);
  g_autoptr(JsonNode) bea = json_node_init_object (json_node_alloc (), user_entry (root, "bea"));
  g_autofree char *bea_text = json_to_string (bea, FALSE);
  g_autoptr(JsonNode) mallory = json_from_string (bea_text, NULL);
  g_autofree char *uuid = g_uuid_string_random ();

  json_object_set_string_member (json_node_get_object (mallory), "uuid", uuid);
  json_object_set_string_member (json_node_get_object (mallory), "username", "mallory");
  json_object_set_string_member (json_node_get_object (mallory), "role", "owner");
  json_array_add_element (json_object_get_array_member (authority_of (root), "users"),
                          json_node_copy (mallory));
  save_keys (dir, root);

  assert_refused (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "“mallory” added", NULL);
  assert_verify_refuses (dir, "“mallory” added");
}

/* The recovery key's public half replaced by one bea holds the private half of */
static void
test_billing_replaces_recovery_key (void)
{
  g_autofree char *dir = make_practice ();
  g_autoptr(JsonNode) root = load_keys (dir);
  g_autoptr(AlcoveSecret) hers = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(GBytes) public_key = alcove_crypto_public_key (hers, ALCOVE_PURPOSE_RECOVERY);
  g_autofree char *text = base64_of (public_key);

  json_object_set_string_member (json_object_get_object_member (authority_of (root), "recovery"),
                                 "public_key", text);
  save_keys (dir, root);

  assert_refused (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "recovery", NULL);
  assert_verify_refuses (dir, "recovery");
}

/* sam's public key swapped for bea's, so the next grant to sam would be sealed to her */
static void
test_billing_replaces_public_key (void)
{
  g_autofree char *dir = make_practice ();
  g_autoptr(JsonNode) root = load_keys (dir);
  const char *hers = json_object_get_string_member (user_entry (root, "bea"), "public_key");

  json_object_set_string_member (user_entry (root, "sam"), "public_key", hers);
  save_keys (dir, root);

  assert_refused (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "“sam” public_key", NULL);
  assert_refused (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, NULL, NULL);
  assert_verify_refuses (dir, "“sam” public_key");
}

/* An outsider's own vault: its practice.db copied in, its key sealed to sam's real public
 * key in a grant that looks like the real one. sam's password must not open it silently. */
static void
test_outsider_grant (void)
{
  g_autofree char *dir = make_practice ();
  g_autofree char *other = g_build_filename (g_get_user_data_dir (), "outsider", NULL);
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (other, NULL);
  g_autoptr(AlcoveVault) outsider = alcove_test_unlocked_vault (other, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);
  AlcoveHeaderUser *sam = alcove_header_find_user (header, "sam");
  AlcoveHeaderGrant *grant = alcove_header_find_grant (header, sam->uuid, "practice");
  AlcoveSecret *their_key = g_hash_table_lookup (outsider->database_keys, "practice");
  g_autofree char *ad = alcove_header_grant_ad (header, sam->uuid, "practice");
  g_autofree char *their_db = vault_path (other, "practice.db");
  g_autofree char *our_db = vault_path (dir, "practice.db");
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  /* sealed to sam's real key, signed by the outsider's own authority */
  g_clear_pointer (&grant->ephemeral, g_bytes_unref);
  g_clear_pointer (&grant->nonce, g_bytes_unref);
  g_clear_pointer (&grant->wrapped, g_bytes_unref);
  g_assert_true (alcove_crypto_seal (sam->public_key, their_key, ad, &grant->ephemeral,
                                     &grant->nonce, &grant->wrapped, &error));
  text = alcove_header_grant_text (header, grant);
  g_bytes_unref (grant->signature);
  grant->signature = alcove_signer_sign (outsider->authority, "alcove-v2 grant", text,
                                         strlen (text));
  g_assert_true (alcove_header_save (header, dir, &error));
  g_assert_no_error (error);
  alcove_vault_lock (outsider);
  contents = read_file (their_db, &length);
  write_file (our_db, contents, length);

  assert_refused (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "practice",
                  "“sam”");
}

/* ---- freshness ---- */

/* Saves a file now, lets `change` happen, puts the saved copy back. */
typedef void (*ChangeFunc) (const char *dir);

static void
roll_back (const char *dir,
           const char *file,
           ChangeFunc  change)
{
  g_autofree char *contents = NULL;
  gsize length;

  contents = read_file (file, &length);
  change (dir);
  write_file (file, contents, length);
}

static void
dana_works (const char *dir)
{
  assert_opens (dir, "dana", TEST_PASSWORD);
}

static void
dana_adds_someone (const char *dir)
{
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

  alcove_test_add_user (owner, "kim", "Kim Haddad", ALCOVE_ROLE_BILLING);
}

static void
test_old_header (void)
{
  g_autofree char *dir = make_practice ();
  g_autofree char *keys = vault_path (dir, ALCOVE_HEADER_FILE);

  roll_back (dir, keys, dana_adds_someone);
  assert_refused (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_ROLLBACK, ALCOVE_HEADER_FILE,
                  "older");
  assert_verify_refuses (dir, ALCOVE_HEADER_FILE);
}

static void
test_old_stores (void)
{
  const char *prefixes[] = { "practice.db", "notes-", "private-" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *dir = make_practice_in (g_strdup_printf ("%s/vault-%u",
                                                                g_get_user_data_dir (), i));
      g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);
      g_autofree char *owner_file = g_strdup_printf ("%s%s.db", prefixes[i],
                                                     alcove_header_find_user (header, "dana")->uuid);
      g_autofree char *path = vault_path (dir, i == 0 ? "practice.db" : owner_file);
      g_autofree char *base = g_path_get_basename (path);

      g_autoptr(GHashTable) before = NULL;
      g_autoptr(GHashTable) after = NULL;

      roll_back (dir, path, dana_works);
      before = alcove_test_snapshot (dir);
      g_usleep (20 * 1000);  /* so that any write would show in the mtimes */
      assert_refused (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_ROLLBACK, base, "older");
      assert_verify_refuses (dir, base);
      /* the evidence is left as it was found: nothing migrated, counted or audited */
      after = alcove_test_snapshot (dir);
      alcove_test_assert_same_snapshot (before, after);
    }
}

/* bea cuts the last rows off the audit log: the chain alone cannot tell */
static void
test_cut_audit_rows (void)
{
  g_autofree char *dir = make_practice ();
  Held held = bea_keys (dir);
  sqlite3 *db;

  assert_opens (dir, "dana", TEST_PASSWORD);
  db = open_practice (dir, held.practice_key);
  exec_sql (db, "DROP TRIGGER audit_log_no_delete;"
                "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log);");
  sqlite3_close (db);

  assert_refused (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_ROLLBACK, "cut", "audit log");
  held_clear (&held);
}

/* sam's session, with dana typing her password to confirm */
static void
change_password_confirmed_by_dana (AlcoveVault        *vault,
                                   const char         *username,
                                   const AlcoveSecret *new_password)
{
  g_autoptr(AlcoveSecret) owner_password = alcove_test_secret (TEST_PASSWORD);
  AlcoveConfirmation confirmation = { "dana", owner_password };
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_change_password_confirmed (vault, username, new_password,
                                                         alcove_test_fast_kdf (), &confirmation,
                                                         &error));
  g_assert_no_error (error);
}

/* sam changes a password bea saw him type; bea puts back the header with the old one */
static void
test_old_header_restores_password (void)
{
  g_autofree char *dir = make_practice ();
  g_autofree char *keys = vault_path (dir, ALCOVE_HEADER_FILE);
  g_autofree char *contents = NULL;
  g_autoptr(AlcoveSecret) third = alcove_test_secret ("plum umbrella gravel tonic");
  g_autoptr(GError) error = NULL;
  gsize length;

  contents = read_file (keys, &length);
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);

    change_password_confirmed_by_dana (sam, "sam", third);
  }
  write_file (keys, contents, length);

  assert_refused (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_ROLLBACK, "newer key",
                  ALCOVE_HEADER_FILE);
}

/* dana disables sam; the header from before would let him back in */
static void
test_old_header_reenables_user (void)
{
  g_autofree char *dir = make_practice ();
  g_autofree char *keys = vault_path (dir, ALCOVE_HEADER_FILE);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  contents = read_file (keys, &length);
  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

    g_assert_true (alcove_vault_disable_user (owner, "sam", &error));
    g_assert_no_error (error);
  }
  write_file (keys, contents, length);

  assert_refused (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_ROLLBACK, ALCOVE_HEADER_FILE,
                  NULL);
  assert_verify_refuses (dir, ALCOVE_HEADER_FILE);
}

/* ---- revocation ---- */

/* What a rotation reported: how many stores it started, how many reports came while a
 * store was being copied, and that the bytes only ever went up, to the total */
typedef struct
{
  char   *file;
  guint   stores;
  guint   within;
  guint64 done;
  guint64 total;
  gboolean ended;
} ProgressLog;

static void
log_progress_cb (const char *file,
                 guint64     done,
                 guint64     total,
                 gpointer    user_data)
{
  ProgressLog *log = user_data;

  g_assert_false (log->ended);
  g_assert_cmpuint (done, >=, log->done);
  g_assert_cmpuint (done, <=, total);
  log->done = done;
  log->total = total;
  if (file == NULL)
    {
      g_assert_cmpuint (done, ==, total);
      log->ended = TRUE;
    }
  else if (g_strcmp0 (file, log->file) != 0)
    {
      g_free (log->file);
      log->file = g_strdup (file);
      log->stores++;
    }
  else
    log->within++;
}

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
      g_autofree char *contents = NULL;
      gsize length;

      contents = read_file (source, &length);
      write_file (target, contents, length);
    }
}

/* The key a person holds to `database_id`, from a session opened on `dir` */
static AlcoveSecret *
key_held (const char *dir,
          const char *username,
          const char *database_id)
{
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, username,
                                                             g_str_equal (username, "dana")
                                                               ? TEST_PASSWORD
                                                               : TEST_OTHER_PASSWORD);
  AlcoveSecret *key = g_hash_table_lookup (vault->database_keys, database_id);

  g_assert_nonnull (key);
  return alcove_secret_copy (key);
}

/* Whether a key reads a store file, straight through SQLCipher */
static gboolean
key_reads (const char         *path,
           const AlcoveSecret *key)
{
  g_autoptr(AlcoveSecret) key_text = alcove_crypto_sqlcipher_key (key);
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_key (db, alcove_secret_get_data (key_text), (int) alcove_secret_get_size (key_text));
  rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

static char *
practice_file (const char *dir)
{
  g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);

  return g_build_filename (dir, alcove_header_find_database (header, "practice")->file, NULL);
}

/* bea keeps a copy of the vault as it is; then dana disables her. Her saved slot and
 * grant still open the copy, but not the practice database written from then on. */
static void
test_disabling_rotates (void)
{
  g_autofree char *dir = make_practice ();
  g_autofree char *saved = g_build_filename (g_get_user_data_dir (), "bea-saved", NULL);
  g_autofree char *before = practice_file (dir);
  g_autofree char *after = NULL;
  g_autoptr(AlcoveSecret) old_key = NULL;
  g_autoptr(GError) error = NULL;

  copy_folder (dir, saved);
  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

    g_assert_true (alcove_vault_disable_user (owner, "bea", &error));
    g_assert_no_error (error);
    alcove_test_add_user (owner, "kim", "Kim Haddad", ALCOVE_ROLE_BILLING);  /* written after */
  }
  after = practice_file (dir);
  g_assert_cmpstr (before, !=, after);
  g_assert_false (g_file_test (before, G_FILE_TEST_EXISTS));

  old_key = key_held (saved, "bea", "practice");
  g_assert_false (key_reads (after, old_key));
  assert_refused (dir, "bea", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_AUTH_FAILED, "disabled", NULL);

  /* everyone else goes on */
  assert_opens (dir, "dana", TEST_PASSWORD);
  assert_opens (dir, "sam", TEST_OTHER_PASSWORD);
  assert_opens (dir, "rui", TEST_OTHER_PASSWORD);
  assert_opens (dir, "kim", TEST_OTHER_PASSWORD);
}

/* Everything signed as the authority, again, with `signer` (what a former owner who kept
 * the authority's seed could do) */
static void
resign_everything (AlcoveHeader       *header,
                   const AlcoveSigner *signer)
{
  for (guint i = 0; i < header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);
      g_autofree char *text = alcove_header_grant_text (header, grant);

      if (!g_str_equal (grant->granter, ALCOVE_GRANTER_AUTHORITY))
        continue;
      g_bytes_unref (grant->signature);
      grant->signature = alcove_signer_sign (signer, "alcove-v2 grant", text, strlen (text));
    }
  for (guint i = 0; i < header->recovery_wraps->len; i++)
    {
      AlcoveHeaderRecoveryWrap *wrap = g_ptr_array_index (header->recovery_wraps, i);
      g_autofree char *text = alcove_header_recovery_wrap_text (header, wrap);

      g_bytes_unref (wrap->signature);
      wrap->signature = alcove_signer_sign (signer, "alcove-v2 recovery-wrap", text, strlen (text));
    }
  alcove_header_sign_authority (header, signer);
}

/* A second owner leaves. The authority key she held is succeeded: the others follow the
 * endorsement (and are re-pinned), and a header she signs with the old key is refused by
 * every account that has signed in since, and on every computer that saw the new key. */
static void
test_disabling_an_owner_succeeds_authority (void)
{
  g_autofree char *dir = make_practice ();
  g_autoptr(AlcoveSecret) old_seed = NULL;
  g_autoptr(AlcoveSigner) old_signer = NULL;
  g_autoptr(AlcoveHeader) header = NULL;
  g_autoptr(GBytes) old_key = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    alcove_test_add_user (owner, "ola", "Ola Berg", ALCOVE_ROLE_OWNER);
  }
  old_seed = key_held (dir, "ola", ALCOVE_AUTHORITY_ID);
  old_signer = alcove_signer_new (old_seed, ALCOVE_SIGNING_AUTHORITY);
  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

    old_key = g_bytes_ref (owner->header->authority_key);
    g_assert_true (alcove_vault_disable_user (owner, "ola", &error));
    g_assert_no_error (error);
    g_assert_false (g_bytes_equal (owner->header->authority_key, old_key));
    g_assert_cmpuint (owner->header->authority_history->len, ==, 1);
    g_assert_false (alcove_secret_equal (g_hash_table_lookup (owner->database_keys,
                                                              ALCOVE_AUTHORITY_ID), old_seed));
  }

  /* sam's slot still pins the old key: he follows the endorsement and is re-pinned */
  assert_opens (dir, "sam", TEST_OTHER_PASSWORD);
  assert_opens (dir, "rui", TEST_OTHER_PASSWORD);

  /* ola signs a header of her own with the key she kept */
  header = alcove_header_load (dir, &error);
  g_assert_no_error (error);
  alcove_header_find_user (header, "ola")->disabled = FALSE;
  g_bytes_unref (header->authority_key);
  header->authority_key = g_bytes_ref (old_key);
  g_ptr_array_set_size (header->authority_history, 0);
  header->generation += 10;
  resign_everything (header, old_signer);
  g_assert_true (alcove_header_save (header, dir, &error));

  assert_refused (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "never trusted", NULL);
  /* dana's slot was not re-pinned yet, but this computer saw the new key */
  assert_refused (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "does not follow", NULL);
}

static void
forget_what_this_computer_saw (void)
{
  g_autofree char *seen_dir = g_build_filename (g_get_user_state_dir (), "alcove", "seen", NULL);
  g_autoptr(GDir) seen = g_dir_open (seen_dir, 0, NULL);
  const char *name;

  while (seen != NULL && (name = g_dir_read_name (seen)) != NULL)
    {
      g_autofree char *path = g_build_filename (seen_dir, name, NULL);
      g_unlink (path);
    }
}

/* The owner changes a password someone saw her type. Her user key and every store she holds
 * get new keys: the old password with her old slot (a copy of the folder, or the slot put
 * back into the current header) opens nothing written afterwards. */
static void
test_owner_password_change_rotates (void)
{
  g_autofree char *dir = make_practice ();
  g_autofree char *saved = g_build_filename (g_get_user_data_dir (), "saved", NULL);
  g_autofree char *before = practice_file (dir);
  g_autofree char *after = NULL;
  g_autoptr(AlcoveSecret) old_key = NULL;
  g_autoptr(AlcoveSecret) third = alcove_test_secret ("plum umbrella gravel tonic");
  g_autoptr(AlcoveHeader) old_header = NULL;
  g_autoptr(AlcoveHeader) header = NULL;
  g_autoptr(GError) error = NULL;

  copy_folder (dir, saved);
  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

    g_assert_true (alcove_vault_change_password (owner, "dana", third, alcove_test_fast_kdf (),
                                                 &error));
    g_assert_no_error (error);
    g_assert_false (alcove_vault_get_locked (owner));  /* the session goes on */
    alcove_test_add_user (owner, "kim", "Kim Haddad", ALCOVE_ROLE_BILLING);
  }
  after = practice_file (dir);
  g_assert_cmpstr (before, !=, after);

  /* a copy of the folder: this computer knows it is old; on another, the old slot and grant
   * give the old key, which reads nothing written since */
  assert_refused (saved, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_ROLLBACK, "newer key", NULL);
  forget_what_this_computer_saw ();
  old_key = key_held (saved, "dana", "practice");
  g_assert_false (key_reads (after, old_key));

  /* the old slot put back into today's header: refused, here and on a new computer */
  old_header = alcove_header_load (saved, &error);
  header = alcove_header_load (dir, &error);
  g_ptr_array_add (alcove_header_find_user (header, "dana")->slots,
                   g_ptr_array_steal_index (alcove_header_find_user (old_header, "dana")->slots, 0));
  g_assert_true (alcove_header_save (header, dir, &error));
  forget_what_this_computer_saw ();
  assert_refused (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "your own account", NULL);

  /* the new password, and everyone else, go on */
  assert_opens (dir, "dana", "plum umbrella gravel tonic");
  assert_opens (dir, "sam", TEST_OTHER_PASSWORD);
  assert_opens (dir, "rui", TEST_OTHER_PASSWORD);
  assert_opens (dir, "kim", TEST_OTHER_PASSWORD);
}

/* A clinician cannot replace her own keys alone: only the authority signs the new grants.
 * Without a confirmation, or with a wrong one, or one from someone who is not an owner,
 * nothing changes and the old password still opens. */
static void
test_password_change_needs_confirmation (void)
{
  g_autofree char *dir = make_practice ();
  g_autoptr(AlcoveSecret) third = alcove_test_secret ("plum umbrella gravel tonic");
  g_autoptr(AlcoveSecret) wrong = alcove_test_secret ("not dana's password at all");
  g_autoptr(AlcoveSecret) rui_password = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  struct { AlcoveConfirmation confirmation; int code; } attempts[] = {
    { { "dana", wrong }, ALCOVE_VAULT_ERROR_AUTH_FAILED },
    { { "rui", rui_password }, ALCOVE_VAULT_ERROR_PERMISSION_DENIED },
    { { NULL, wrong }, ALCOVE_VAULT_ERROR_INVALID },
  };

  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
    g_autoptr(GError) error = NULL;

    g_assert_true (alcove_vault_password_change_needs_confirmation (sam));
    before = alcove_test_snapshot (dir);
    g_assert_false (alcove_vault_change_password (sam, "sam", third, alcove_test_fast_kdf (),
                                                  &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION);
    g_assert_nonnull (strstr (error->message, "unchanged"));
    for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
      {
        g_clear_error (&error);
        g_assert_false (alcove_vault_change_password_confirmed (sam, "sam", third,
                                                                alcove_test_fast_kdf (),
                                                                &attempts[i].confirmation,
                                                                &error));
        g_assert_error (error, ALCOVE_VAULT_ERROR, attempts[i].code);
        g_assert_false (alcove_vault_get_locked (sam));
        g_assert_null (sam->authority);  /* nothing lent is kept */
      }
    after = alcove_test_snapshot (dir);
    alcove_test_assert_same_snapshot (before, after);
  }
  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    g_assert_false (alcove_vault_password_change_needs_confirmation (owner));
  }
  assert_opens (dir, "sam", TEST_OTHER_PASSWORD);
  assert_refused (dir, "sam", "plum umbrella gravel tonic", ALCOVE_VAULT_ERROR_AUTH_FAILED,
                  NULL, NULL);
}

/* The grants to `username` in the header of `dir`, as database ids */
static GStrv
grant_ids (const char *dir,
           const char *username)
{
  g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  AlcoveHeaderUser *user = alcove_header_find_user (header, username);

  for (guint i = 0; i < header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);
      if (g_str_equal (grant->user, user->uuid))
        g_strv_builder_add (ids, grant->database);
    }
  return g_strv_builder_end (ids);
}

static char *
store_file (const char *dir,
            const char *database_id)
{
  g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);

  return g_build_filename (dir, alcove_header_find_database (header, database_id)->file, NULL);
}

/* sam changes a password someone saw him type; dana confirms it at his desk. His user key
 * and every store he held (the practice, his notes, his private notes) change: the old
 * password with his old slot opens nothing written afterwards. rui, his supervisor, still
 * reads his notes. */
static void
test_confirmed_password_change_rotates (void)
{
  g_autofree char *dir = make_practice ();
  g_autofree char *saved = g_build_filename (g_get_user_data_dir (), "sam-saved", NULL);
  g_autoptr(AlcoveSecret) third = alcove_test_secret ("plum umbrella gravel tonic");
  g_auto(GStrv) held = grant_ids (dir, "sam");
  g_autoptr(AlcoveHeader) old_header = NULL;
  g_autoptr(AlcoveHeader) header = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_strv_length (held), ==, 3);
  copy_folder (dir, saved);
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);

    change_password_confirmed_by_dana (sam, "sam", third);
    g_assert_false (alcove_vault_get_locked (sam));  /* the session goes on */
    g_assert_null (sam->authority);                  /* and dana's key is gone from it */
  }
  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    alcove_test_add_user (owner, "kim", "Kim Haddad", ALCOVE_ROLE_BILLING);  /* written after */
  }

  /* each store sam held: his old key, from the saved copy on a computer that never saw the
   * change, reads none of the files written since */
  forget_what_this_computer_saw ();
  for (guint i = 0; held[i] != NULL; i++)
    {
      g_autoptr(AlcoveSecret) old_key = key_held (saved, "sam", held[i]);
      g_autofree char *now = store_file (dir, held[i]);

      g_assert_false (key_reads (now, old_key));
    }

  /* his old slot put back into today's header: the key it opens no longer opens anything */
  old_header = alcove_header_load (saved, &error);
  header = alcove_header_load (dir, &error);
  g_ptr_array_set_size (alcove_header_find_user (header, "sam")->slots, 0);
  g_ptr_array_add (alcove_header_find_user (header, "sam")->slots,
                   g_ptr_array_steal_index (alcove_header_find_user (old_header, "sam")->slots, 0));
  g_assert_true (alcove_header_save (header, dir, &error));
  forget_what_this_computer_saw ();
  assert_refused (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, NULL, NULL);
}

/* Whether the owner finds a row of `action` whose details hold `words` */
static void
assert_audited (const char *dir,
                const char *action,
                const char *words)
{
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  AlcoveAuditFilter filter = { .action_prefix = action };
  g_autoptr(GPtrArray) rows = alcove_audit_query (owner, &filter, 0, 0, NULL);

  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    if (strstr (alcove_audit_entry_get_details (g_ptr_array_index (rows, i)), words) != NULL)
      return;
  g_error ("no %s row with %s", action, words);
}

/* Someone who kept sam's old user key signs, as sam, a grant to him of a store of their
 * own: only his current signing key makes grants, so it is refused. */
static void
test_old_signing_key_grants_nothing (void)
{
  g_autofree char *dir = make_practice ();
  g_autoptr(AlcoveSecret) third = alcove_test_secret ("plum umbrella gravel tonic");
  g_autoptr(AlcoveSecret) their_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSigner) old_signer = NULL;
  g_autoptr(AlcoveHeader) header = NULL;
  g_autofree char *notes_id = NULL;
  g_autofree char *ad = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveHeaderUser *sam_user;
  AlcoveHeaderGrant *grant;

  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);

    old_signer = alcove_signer_new (sam->user_key, ALCOVE_SIGNING_USER);
    change_password_confirmed_by_dana (sam, "sam", third);
  }
  header = alcove_header_load (dir, &error);
  sam_user = alcove_header_find_user (header, "sam");
  g_assert_true (alcove_header_user_has_signing_key (sam_user,
                                                     alcove_signer_get_public_key (old_signer)));
  notes_id = g_strdup_printf ("notes:%s", sam_user->uuid);
  grant = alcove_header_find_grant (header, sam_user->uuid, notes_id);
  ad = alcove_header_grant_ad (header, sam_user->uuid, notes_id);
  g_clear_pointer (&grant->ephemeral, g_bytes_unref);
  g_clear_pointer (&grant->nonce, g_bytes_unref);
  g_clear_pointer (&grant->wrapped, g_bytes_unref);
  g_assert_true (alcove_crypto_seal (sam_user->public_key, their_key, ad, &grant->ephemeral,
                                     &grant->nonce, &grant->wrapped, &error));
  g_free (grant->granter);
  grant->granter = g_strdup (sam_user->uuid);
  text = alcove_header_grant_text (header, grant);
  g_bytes_unref (grant->signature);
  grant->signature = alcove_signer_sign (old_signer, "alcove-v2 grant", text, strlen (text));
  g_assert_true (alcove_header_save (header, dir, &error));

  assert_refused (dir, "sam", "plum umbrella gravel tonic", ALCOVE_VAULT_ERROR_FORGED, "notes:",
                  "“sam”");
}

/* With the recovery key instead of an owner; everyone goes on, and the audit log names who
 * confirmed */
static void
test_password_change_confirmed_by_recovery_key (void)
{
  g_autofree char *code = NULL;
  g_autofree char *dir = make_practice_full (alcove_test_vault_dir (), &code);
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (code);
  g_autoptr(AlcoveSecret) third = alcove_test_secret ("plum umbrella gravel tonic");
  AlcoveConfirmation confirmation = { NULL, secret };
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);

    g_assert_true (alcove_vault_change_password_confirmed (sam, "sam", third,
                                                           alcove_test_fast_kdf (), &confirmation,
                                                           &error));
    g_assert_no_error (error);
  }
  assert_refused (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_AUTH_FAILED, NULL, NULL);
  assert_opens (dir, "sam", "plum umbrella gravel tonic");
  assert_opens (dir, "dana", TEST_PASSWORD);
  assert_opens (dir, "bea", TEST_OTHER_PASSWORD);
  assert_opens (dir, "rui", TEST_OTHER_PASSWORD);
  assert_audited (dir, "user.password-change", "\"confirmed_by\":\"recovery-key\"");
}

/* dana disables rui, sam's supervisor. She cannot copy sam's notes (she does not hold
 * them), so she hands them over: a new key for sam and for the recovery key, the old ones
 * set aside. sam's next sign-in copies them under the new key before anything is written
 * to them; the key rui kept reads nothing from then on. */
static void
test_disabling_supervisor_hands_over (void)
{
  g_autofree char *code = NULL;
  g_autofree char *dir = make_practice_full (alcove_test_vault_dir (), &code);
  g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);
  g_autofree char *notes_id = g_strdup_printf ("notes:%s",
                                               alcove_header_find_user (header, "sam")->uuid);
  g_autofree char *notes = store_file (dir, notes_id);
  g_autoptr(AlcoveSecret) kept = key_held (dir, "rui", notes_id);
  g_autoptr(AlcoveSecret) now = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

    g_assert_true (alcove_vault_disable_user (owner, "rui", &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&header, alcove_header_free);
  header = alcove_header_load (dir, NULL);
  g_assert_true (alcove_header_has_retiring (header, notes_id));
  g_assert_true (key_reads (notes, kept));  /* nobody has signed in to it since */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_ctl_as_dana (dir, "verify", &out, &err), ==, 0);
    g_assert_nonnull (strstr (err, "Sam Ortiz’s progress notes: new key given"));
  }

  assert_opens (dir, "sam", TEST_OTHER_PASSWORD);
  g_clear_pointer (&header, alcove_header_free);
  header = alcove_header_load (dir, NULL);
  g_assert_false (alcove_header_has_retiring (header, notes_id));
  g_assert_false (key_reads (notes, kept));
  now = key_held (dir, "sam", notes_id);
  g_assert_true (key_reads (notes, now));
  g_assert_false (g_file_test (g_strconcat (notes, ".handover", NULL), G_FILE_TEST_EXISTS));

  /* the recovery key follows, and everything verifies */
  {
    g_autoptr(AlcoveSecret) secret = alcove_test_secret (code);
    g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
    AlcoveVerifyReport report;

    g_assert_true (alcove_vault_unlock_with_recovery_key (vault, secret, &error));
    g_assert_no_error (error);
    g_assert_true (alcove_secret_equal (g_hash_table_lookup (vault->database_keys, notes_id), now));
    g_assert_true (alcove_vault_verify (vault, &report, &error));
    g_assert_no_error (error);
  }
}

/* A handover cut short (the copy written, the power gone before the rename) starts again at
 * the next sign-in; the half-made copy is replaced */
static void
test_handover_after_a_crash (void)
{
  g_autofree char *dir = make_practice ();
  g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);
  g_autofree char *notes_id = g_strdup_printf ("notes:%s",
                                               alcove_header_find_user (header, "sam")->uuid);
  g_autofree char *notes = store_file (dir, notes_id);
  g_autofree char *copy = g_strconcat (notes, ".handover", NULL);
  g_autoptr(AlcoveSecret) kept = key_held (dir, "rui", notes_id);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    g_assert_true (alcove_vault_disable_user (owner, "rui", &error));
  }
  write_file (copy, "half a file", strlen ("half a file"));
  assert_opens (dir, "sam", TEST_OTHER_PASSWORD);
  g_assert_false (key_reads (notes, kept));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  assert_opens (dir, "sam", TEST_OTHER_PASSWORD);
}

/* An insider turns sam's new key back into a retiring one, or calls a current grant
 * retiring: only the authority sets keys aside, so both are refused */
static void
test_retiring_keys_are_signed (void)
{
  g_autofree char *dir = make_practice ();
  g_autoptr(AlcoveHeader) header = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes_id = NULL;
  AlcoveHeaderUser *sam;

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    g_assert_true (alcove_vault_disable_user (owner, "rui", &error));
  }
  header = alcove_header_load (dir, &error);
  sam = alcove_header_find_user (header, "sam");
  notes_id = g_strdup_printf ("notes:%s", sam->uuid);
  /* swap: the new key's grant goes where the set-aside one was, and back */
  {
    AlcoveHeaderGrant *current = alcove_header_find_grant (header, sam->uuid, notes_id);
    guint index;

    g_assert_true (g_ptr_array_find (header->grants, current, &index));
    g_ptr_array_add (header->retiring_grants, g_ptr_array_steal_index (header->grants, index));
    g_ptr_array_add (header->grants, g_ptr_array_steal_index (header->retiring_grants, 0));
  }
  g_assert_true (alcove_header_save (header, dir, &error));
  assert_refused (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, NULL, NULL);
  assert_verify_refuses (dir, ALCOVE_HEADER_FILE);
}

/* dana disables sam himself. His private notes are held by no one else: the recovery key's
 * next session copies them under the new key, and the key sam kept reads nothing after */
static void
test_recovery_finishes_a_handover (void)
{
  g_autofree char *code = NULL;
  g_autofree char *dir = make_practice_full (alcove_test_vault_dir (), &code);
  g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);
  g_autofree char *private_id = g_strdup_printf ("private:%s",
                                                 alcove_header_find_user (header, "sam")->uuid);
  g_autofree char *private_file = store_file (dir, private_id);
  g_autoptr(AlcoveSecret) kept = key_held (dir, "sam", private_id);
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (code);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    g_assert_true (alcove_vault_disable_user (owner, "sam", &error));
  }
  assert_opens (dir, "rui", TEST_OTHER_PASSWORD);  /* sam's notes are no longer his to read */
  g_assert_true (key_reads (private_file, kept));
  g_assert_true (alcove_vault_unlock_with_recovery_key (vault, secret, &error));
  g_assert_no_error (error);
  g_assert_false (key_reads (private_file, kept));
  g_assert_true (key_reads (private_file, g_hash_table_lookup (vault->database_keys, private_id)));
}

/* With the recovery key, every store gets a new key and file; sam's supervisor keeps his
 * notes; keys saved before open none of the new files. */
static void
test_rekey_everything (void)
{
  g_autofree char *code = NULL;
  g_autofree char *dir = make_practice_full (alcove_test_vault_dir (), &code);
  g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);
  g_autofree char *sam_notes = g_strdup_printf ("notes:%s",
                                                alcove_header_find_user (header, "sam")->uuid);
  g_autoptr(AlcoveSecret) old_notes = key_held (dir, "rui", sam_notes);
  g_autoptr(AlcoveSecret) old_practice = key_held (dir, "sam", "practice");
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (code);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GError) error = NULL;
  ProgressLog log = { 0 };

  g_assert_true (alcove_vault_unlock_with_recovery_key (vault, secret, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_rekey (vault, log_progress_cb, &log, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.stores, ==, header->databases->len);
  g_assert_true (log.ended);
  g_free (log.file);
  g_assert_false (alcove_vault_get_locked (vault));
  alcove_vault_lock (vault);

  g_clear_pointer (&header, alcove_header_free);
  header = alcove_header_load (dir, NULL);
  for (guint i = 0; i < header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (header->databases, i);
      g_autofree char *path = g_build_filename (dir, entry->file, NULL);

      g_assert_true (g_regex_match_simple ("-[0-9a-f]{8}\\.db$", entry->file, 0, 0));
      g_assert_false (key_reads (path, old_practice));
      g_assert_false (key_reads (path, old_notes));
    }
  assert_opens (dir, "dana", TEST_PASSWORD);
  assert_opens (dir, "sam", TEST_OTHER_PASSWORD);
  {
    g_autoptr(AlcoveSecret) new_notes = key_held (dir, "rui", sam_notes);
    g_assert_false (alcove_secret_equal (new_notes, old_notes));
  }
}

/* A practice of six clinicians: the recovery key holds thirteen stores, more than SQLite
 * attaches to one connection. It still opens, verifies and rotates every one. */
static void
test_recovery_holds_many_stores (void)
{
  g_autofree char *code = NULL;
  g_autofree char *dir = make_practice_full (alcove_test_vault_dir (), &code);
  g_autoptr(AlcoveSecret) secret = NULL;
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GError) error = NULL;
  AlcoveVerifyReport report;
  const char *more[] = { "ana", "ben", "cal", "dee" };

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

    for (guint i = 0; i < G_N_ELEMENTS (more); i++)
      alcove_test_add_user (owner, more[i], more[i], ALCOVE_ROLE_CLINICIAN);
    g_assert_cmpuint (owner->header->databases->len, ==, 13);
  }
  secret = alcove_test_secret (code);
  g_assert_true (alcove_vault_unlock_with_recovery_key (vault, secret, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_verify (vault, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_databases, ==, 13);
  {
    gboolean rotated = alcove_vault_rekey (vault, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (rotated);
  }
  alcove_vault_lock (vault);

  assert_opens (dir, "dana", TEST_PASSWORD);
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    assert_opens (dir, more[i], TEST_OTHER_PASSWORD);
  assert_opens (dir, "rui", TEST_OTHER_PASSWORD);
}

/* A store of 96 MiB: its own copying is reported as it goes, not only before and after */
static void
test_rekey_reports_within_a_store (void)
{
  g_autofree char *dir = make_practice ();
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(GError) error = NULL;
  ProgressLog log = { 0 };

  g_assert_true (alcove_database_exec (alcove_vault_get_database (owner),
                                       "CREATE TABLE main.bulk (b BLOB);"
                                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                       "FROM n WHERE i < 24576) "
                                       "INSERT INTO main.bulk SELECT randomblob(4000) FROM n;",
                                       &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_rekey (owner, log_progress_cb, &log, &error));
  g_assert_no_error (error);
  g_assert_true (log.ended);
  g_assert_cmpuint (log.total, >, 96 * 1024 * 1024);
  g_assert_cmpuint (log.within, >, 0);
  g_test_message ("%u reports while copying %" G_GUINT64_FORMAT " bytes", log.within, log.total);
  g_free (log.file);
}

/* `alcovectl rekey` as the owner: the practice and her own stores, with progress */
static void
test_rekey_command (void)
{
  g_autofree char *dir = make_practice ();
  g_autofree char *before = practice_file (dir);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *verify_out = NULL;
  g_autofree char *verify_err = NULL;

  g_assert_cmpint (run_ctl_as_dana (dir, "rekey", &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Re-keying practice.db (store 1, 0% of all)"));
  g_assert_nonnull (strstr (err, "Re-keyed every store (100%)."));
  g_assert_false (g_file_test (before, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_ctl_as_dana (dir, "verify", &verify_out, &verify_err), ==, 0);
  g_assert_nonnull (strstr (verify_out, "Vault OK."));
  assert_opens (dir, "bea", TEST_OTHER_PASSWORD);
  assert_opens (dir, "rui", TEST_OTHER_PASSWORD);
}

/* ---- mixed SQLCipher versions ---- */

/* A store added later keeps the settings the vault records, not this build's, so an older
 * workstation still opens it; moving the whole vault is one deliberate command. */
static void
test_cipher_settings_kept (void)
{
  g_autofree char *code = NULL;
  g_autofree char *dir = make_practice_full (alcove_test_vault_dir (), &code);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  AlcoveHeader *header = alcove_vault_copy_header (owner);
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (code);
  g_autoptr(AlcoveVault) recovery = alcove_vault_new (dir);
  g_autoptr(GError) error = NULL;

  /* as a vault made by another build would record it */
  for (guint i = 0; i < header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (header->databases, i);

      g_free (entry->sqlcipher);
      entry->sqlcipher = g_strdup ("3.4.0 other build");
    }
  g_assert_true (alcove_vault_commit_header (owner, header, &error));
  g_assert_no_error (error);
  alcove_test_add_user (owner, "lee", "Lee Park", ALCOVE_ROLE_CLINICIAN);
  for (guint i = 0; i < owner->header->databases->len; i++)
    g_assert_cmpstr (((AlcoveHeaderDatabase *) g_ptr_array_index (owner->header->databases, i))->sqlcipher,
                     ==, "3.4.0 other build");
  alcove_vault_lock (owner);

  /* this build has SQLCipher 3.4: there is nothing newer to move to, and it says so */
  g_assert_true (alcove_vault_unlock_with_recovery_key (recovery, secret, &error));
  g_assert_no_error (error);
  g_assert_false (alcove_vault_upgrade_cipher (recovery, NULL, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "SQLCipher 4"));
}

/* ---- the audit log ---- */

/* bea drops the triggers, deletes a row of her own, and re-chains everything after it with
 * K_audit, which she can derive; she re-signs her own rows. A computer that never saw the
 * log (its record deleted) still finds the row: the next row by someone else no longer
 * carries its author's signature. */
static void
test_billing_rechains_audit (void)
{
  g_autofree char *dir = make_practice ();
  Held held = bea_keys (dir);
  g_autoptr(AlcoveSecret) audit_key = alcove_crypto_derive_subkey (held.practice_key, "alcove audit");
  g_autoptr(AlcoveSigner) bea_signer = alcove_signer_new (held.user_key, ALCOVE_SIGNING_USER);
  g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);
  const char *bea = alcove_header_find_user (header, "bea")->uuid;
  g_autofree char *seen_dir = g_build_filename (g_get_user_state_dir (), "alcove", "seen", NULL);
  g_autoptr(GDir) seen = NULL;
  const char *name;
  gint64 deleted = 0, expected_bad = 0;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  g_autoptr(GString) previous = g_string_new ("");

  assert_opens (dir, "dana", TEST_PASSWORD);  /* rows by dana after bea's */
  db = open_practice (dir, held.practice_key);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT max(seq) FROM audit_log WHERE actor = ?"
                                           " AND seq < (SELECT max(seq) FROM audit_log"
                                           "            WHERE actor != ?1)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, bea, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  deleted = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (deleted, >, 0);

  exec_sql (db, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM audit_log WHERE seq = %" G_GINT64_FORMAT
                                            "; UPDATE audit_log SET seq = seq - 1 WHERE seq > %"
                                            G_GINT64_FORMAT ";", deleted, deleted);
    exec_sql (db, sql);
  }
  /* re-chain from the start, as alcove-audit.c computes it */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seq, id, at_ms, actor, action, object_id,"
                                           " details FROM audit_log ORDER BY seq", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      const char *actor = (const char *) sqlite3_column_text (stmt, 3);
      g_autoptr(GString) canonical = g_string_new (previous->str);
      g_autofree char *mac = NULL;
      g_autofree char *update = NULL;
      g_autofree char *sig = NULL;

      g_string_append_printf (canonical, "\x1e" "v1\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%"
                              G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s\x1f%s", seq,
                              sqlite3_column_text (stmt, 1), (gint64) sqlite3_column_int64 (stmt, 2),
                              actor, sqlite3_column_text (stmt, 4), sqlite3_column_text (stmt, 5),
                              sqlite3_column_text (stmt, 6));
      mac = alcove_crypto_hmac_hex (audit_key, canonical->str);
      if (g_str_equal (actor, bea))
        {
          g_autoptr(GBytes) signature = alcove_signer_sign (bea_signer, "alcove-v2 audit", mac,
                                                            strlen (mac));
          sig = base64_of (signature);
          update = g_strdup_printf ("UPDATE audit_log SET mac = '%s', sig = '%s' WHERE seq = %"
                                    G_GINT64_FORMAT, mac, sig, seq);
        }
      else
        {
          if (seq >= deleted && expected_bad == 0)
            expected_bad = seq;
          update = g_strdup_printf ("UPDATE audit_log SET mac = '%s' WHERE seq = %"
                                    G_GINT64_FORMAT, mac, seq);
        }
      exec_sql (db, update);
      g_string_assign (previous, mac);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* this computer saw the old head: one row fewer, and a different chain */
  {
    g_autoptr(GError) error = unlock_error (dir, "dana", TEST_PASSWORD);

    g_assert_true (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_ROLLBACK) ||
                   g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED));
    g_assert_nonnull (strstr (error->message, "audit log"));
  }

  /* a computer that never saw it finds the row */
  seen = g_dir_open (seen_dir, 0, NULL);
  while ((name = g_dir_read_name (seen)) != NULL)
    {
      g_autofree char *path = g_build_filename (seen_dir, name, NULL);
      g_unlink (path);
    }
  {
    g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    AlcoveVerifyReport report;
    g_autoptr(GError) error = NULL;
    g_autofree char *row = g_strdup_printf ("row %" G_GINT64_FORMAT, expected_bad);

    g_assert_false (alcove_vault_verify (vault, &report, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
    g_assert_cmpint (report.failed, ==, ALCOVE_VERIFY_CHAIN);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, row));
  }
  held_clear (&held);
}

/* Rows signed with a key their actor never had are refused, even with a perfect chain */
static void
test_rows_signed_by_another (void)
{
  g_autofree char *dir = make_practice ();
  Held held = bea_keys (dir);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveSigner) bea_signer = alcove_signer_new (held.user_key, ALCOVE_SIGNING_USER);
  g_autoptr(AlcoveAudit) forged = alcove_audit_new (alcove_vault_get_database (vault),
                                                    held.practice_key,
                                                    alcove_user_get_uuid (alcove_vault_get_current_user (vault)),
                                                    bea_signer);
  g_autoptr(GError) error = NULL;
  AlcoveVerifyReport report;
  gint64 seq = 0;

  /* a row in dana's name, signed by bea, chained correctly */
  g_assert_true (alcove_audit_append (forged, "note.view", "x", NULL, &seq, &error));
  g_assert_no_error (error);
  g_assert_false (alcove_vault_verify (vault, &report, &error));
  g_assert_cmpint (report.failed, ==, ALCOVE_VERIFY_CHAIN);
  {
    g_autofree char *row = g_strdup_printf ("row %" G_GINT64_FORMAT, seq);
    g_assert_nonnull (strstr (error->message, row));
  }
  held_clear (&held);
}

/* ---- parsers ---- */

static void
assert_header_refused (const char *dir,
                       const char *text)
{
  g_autofree char *keys = vault_path (dir, ALCOVE_HEADER_FILE);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GError) error = NULL;

  write_file (keys, text, strlen (text));
  g_assert_false (alcove_vault_load (vault, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
}

static void
test_header_parser (void)
{
  g_autofree char *dir = make_practice ();
  g_autofree char *keys = vault_path (dir, ALCOVE_HEADER_FILE);
  g_autofree char *original = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"format\": ");
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length;
  gint64 started;

  original = read_file (keys, &length);
  assert_header_refused (dir, "{\"format\": 2, \"version\": 2}");
  assert_header_refused (dir, "{\"format\": [\"alcove-vault\"], \"version\": \"2\"}");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_header_refused (dir, deep->str);

  /* a NUL escape would cut a name short */
  write_file (keys, original, length);
  root = load_keys (dir);
  json_object_set_string_member (user_entry (root, "bea"), "username", "bea");
  text = json_to_string (root, TRUE);
  {
    g_autoptr(GString) edited = g_string_new (text);
    g_string_replace (edited, "\"bea\"", "\"bea\\u0000x\"", 1);
    assert_header_refused (dir, edited->str);
  }
  g_clear_pointer (&text, g_free);

  /* a password slot asking for 2^32 - 1 passes is refused at once, not run */
  write_file (keys, original, length);
  {
    g_autoptr(GString) edited = g_string_new (original);
    g_autoptr(GRegex) t_cost = g_regex_new ("\"t_cost\" : [0-9]+", 0, 0, NULL);
    g_autofree char *replaced = g_regex_replace (t_cost, edited->str, -1, 0,
                                                 "\"t_cost\" : 4294967295", 0, NULL);

    started = g_get_monotonic_time ();
    assert_header_refused (dir, replaced);
    g_test_message ("refused in %" G_GINT64_FORMAT " µs", g_get_monotonic_time () - started);
  }
}

/* ---- format 1 ---- */

static char *
copy_fixture (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "vault-v1", NULL);
  char *dir = alcove_test_vault_dir ();
  g_autoptr(GDir) handle = g_dir_open (source, 0, NULL);
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *from = g_build_filename (source, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      contents = read_file (from, &length);
      write_file (to, contents, length);
    }
  return dir;
}

static gint64
count_rows (AlcoveVault *vault,
            const char  *sql)
{
  sqlite3_stmt *stmt = alcove_database_prepare (alcove_vault_get_database (vault), sql, NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/* A vault made by format 1: others wait for the owner; the owner's sign-in upgrades it in
 * one write, keeping every record; then everyone signs in, and forgeries are refused. */
static void
test_upgrade_from_format_1 (void)
{
  g_autofree char *dir = copy_fixture ();
  g_autofree char *keys = vault_path (dir, ALCOVE_HEADER_FILE);
  g_autofree char *v1_copy = vault_path (dir, ALCOVE_HEADER_FILE ".v1");
  g_autoptr(GHashTable) before = alcove_test_snapshot (dir);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(AlcoveHeader) header = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveVerifyReport report;

  header = alcove_header_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (header->version, ==, 1);
  g_clear_pointer (&header, alcove_header_free);

  assert_refused (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_NEEDS_UPGRADE, "owner", NULL);
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

    g_assert_cmpint (alcove_vault_get_format_version (owner), ==, 4);
    g_assert_false (g_file_test (v1_copy, G_FILE_TEST_EXISTS));
    g_assert_cmpint (alcove_test_count_audit (owner, ALCOVE_AUDIT_VAULT_UPGRADE,
                                              alcove_vault_get_uuid (owner)), ==, 1);
    g_assert_cmpint (count_rows (owner, "SELECT count(*) FROM clients"), ==, 1);
    g_assert_true (alcove_vault_verify (owner, &report, &error));
    g_assert_no_error (error);
    /* the upgrade signed generation 1; setting up emergency access, generation 2 */
    g_assert_cmpint (report.generation, ==, 2);
  }
  header = alcove_header_load (dir, &error);
  g_assert_cmpint (header->version, ==, 4);
  g_assert_true (alcove_header_verify_authority (header));
  g_clear_pointer (&header, alcove_header_free);

  /* the others sign in: their slots get pinned, their signing keys announced */
  assert_opens (dir, "sam", TEST_OTHER_PASSWORD);
  assert_opens (dir, "bill", TEST_OTHER_PASSWORD);
  header = alcove_header_load (dir, &error);
  g_assert_cmpuint (header->registrations->len, ==, 2);
  g_clear_pointer (&header, alcove_header_free);

  /* the owner's next sign-in lists them under the owner's signature */
  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);

    g_assert_true (alcove_vault_verify (owner, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpint (report.generation, ==, 3);
  }
  header = alcove_header_load (dir, &error);
  g_assert_cmpuint (header->registrations->len, ==, 0);
  g_assert_cmpuint (alcove_header_find_user (header, "sam")->signing_keys->len, ==, 1);
  g_clear_pointer (&header, alcove_header_free);

  /* and from now on, bill raising his role is refused by sam, whose slot now pins */
  {
    g_autoptr(JsonNode) root = load_keys (dir);

    json_object_set_string_member (user_entry (root, "bill"), "role", "owner");
    save_keys (dir, root);
  }
  assert_refused (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED, "“bill” role", NULL);
}

/* The owner forgot the password: the recovery key upgrades a format 1 vault as well, and
 * the owner's old slot is pinned at her first sign-in after. */
static void
test_upgrade_with_recovery_key (void)
{
  g_autofree char *dir = copy_fixture ();
  g_autofree char *code_path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                      "vault-v1.recovery-key", NULL);
  g_autofree char *code = NULL;
  g_autoptr(AlcoveSecret) secret = NULL;
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveHeader) header = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveVerifyReport report;

  g_assert_true (g_file_get_contents (code_path, &code, NULL, NULL));
  secret = alcove_test_secret (g_strstrip (code));
  g_assert_true (alcove_vault_unlock_with_recovery_key (vault, secret, &error));
  g_assert_no_error (error);
  /* emergency access (format 4) waits for an owner's own sign-in */
  g_assert_cmpint (alcove_vault_get_format_version (vault), ==, 2);
  g_assert_true (alcove_vault_verify (vault, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_VAULT_UPGRADE,
                                            alcove_vault_get_uuid (vault)), ==, 1);
  alcove_vault_lock (vault);

  header = alcove_header_load (dir, &error);
  g_assert_cmpuint (header->recovery_signing->len, ==, 1);
  g_clear_pointer (&header, alcove_header_free);
  assert_opens (dir, "dana", TEST_PASSWORD);
  header = alcove_header_load (dir, &error);
  g_assert_cmpuint (alcove_header_find_user (header, "dana")->signing_keys->len, ==, 1);
}

/* An upgrade whose write fails leaves the format 1 vault as it was */
static void
test_upgrade_failure_changes_nothing (void)
{
  g_autofree char *dir = copy_fixture ();
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;

  g_autofree char *v1_copy = vault_path (dir, ALCOVE_HEADER_FILE ".v1");
  g_autoptr(AlcoveHeader) header = NULL;

  /* a folder where the copy of the old header would go: that write fails, even as root */
  g_assert_cmpint (g_mkdir (v1_copy, 0700), ==, 0);
  before = alcove_test_snapshot (dir);
  error = unlock_error (dir, "dana", TEST_PASSWORD);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO);
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
  header = alcove_header_load (dir, NULL);
  g_assert_cmpint (header->version, ==, 1);

  g_assert_cmpint (g_rmdir (v1_copy), ==, 0);
  assert_opens (dir, "dana", TEST_PASSWORD);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/trust/billing-raises-own-role", test_billing_raises_own_role);
  g_test_add_func ("/trust/billing-resigns-header", test_billing_resigns_header);
  g_test_add_func ("/trust/billing-adds-account", test_billing_adds_account);
  g_test_add_func ("/trust/billing-replaces-recovery-key", test_billing_replaces_recovery_key);
  g_test_add_func ("/trust/billing-replaces-public-key", test_billing_replaces_public_key);
  g_test_add_func ("/trust/outsider-grant", test_outsider_grant);
  g_test_add_func ("/trust/old-header", test_old_header);
  g_test_add_func ("/trust/old-stores", test_old_stores);
  g_test_add_func ("/trust/cut-audit-rows", test_cut_audit_rows);
  g_test_add_func ("/trust/old-header-restores-password", test_old_header_restores_password);
  g_test_add_func ("/trust/old-header-reenables-user", test_old_header_reenables_user);
  g_test_add_func ("/trust/disabling-rotates", test_disabling_rotates);
  g_test_add_func ("/trust/disabling-an-owner-succeeds-authority",
                   test_disabling_an_owner_succeeds_authority);
  g_test_add_func ("/trust/owner-password-change-rotates", test_owner_password_change_rotates);
  g_test_add_func ("/trust/password-change-needs-confirmation",
                   test_password_change_needs_confirmation);
  g_test_add_func ("/trust/confirmed-password-change-rotates",
                   test_confirmed_password_change_rotates);
  g_test_add_func ("/trust/old-signing-key-grants-nothing", test_old_signing_key_grants_nothing);
  g_test_add_func ("/trust/password-change-confirmed-by-recovery-key",
                   test_password_change_confirmed_by_recovery_key);
  g_test_add_func ("/trust/disabling-supervisor-hands-over", test_disabling_supervisor_hands_over);
  g_test_add_func ("/trust/handover-after-a-crash", test_handover_after_a_crash);
  g_test_add_func ("/trust/retiring-keys-are-signed", test_retiring_keys_are_signed);
  g_test_add_func ("/trust/recovery-finishes-a-handover", test_recovery_finishes_a_handover);
  g_test_add_func ("/trust/rekey-everything", test_rekey_everything);
  g_test_add_func ("/trust/rekey-command", test_rekey_command);
  g_test_add_func ("/trust/rekey-reports-within-a-store", test_rekey_reports_within_a_store);
  g_test_add_func ("/trust/recovery-holds-many-stores", test_recovery_holds_many_stores);
  g_test_add_func ("/trust/cipher-settings-kept", test_cipher_settings_kept);
  g_test_add_func ("/trust/billing-rechains-audit", test_billing_rechains_audit);
  g_test_add_func ("/trust/rows-signed-by-another", test_rows_signed_by_another);
  g_test_add_func ("/trust/header-parser", test_header_parser);
  g_test_add_func ("/trust/upgrade-from-format-1", test_upgrade_from_format_1);
  g_test_add_func ("/trust/upgrade-with-recovery-key", test_upgrade_with_recovery_key);
  g_test_add_func ("/trust/upgrade-failure-changes-nothing", test_upgrade_failure_changes_nothing);

  return g_test_run ();
}
