/* test-vault-async.c — creating, unlocking, resetting a password and verifying without
 * blocking: the same result as the synchronous functions, the same errors, and a cancel
 * before completion changes nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-vault-async"

#include "config.h"

#include <glib/gstdio.h>

#include "alcove-attempts.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define WRONG_PASSWORD "not the password at all"

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

/* what an unlocked session is, as far as its callers can see */
static char *
describe_session (AlcoveVault *vault)
{
  AlcoveUser *user = alcove_vault_get_current_user (vault);
  g_autofree char *notes = user ? g_strconcat ("notes:", alcove_user_get_uuid (user), NULL)
                                : NULL;

  return g_strdup_printf ("locked=%d recovery=%d method=%s user=%s practice=%d notes=%d",
                          alcove_vault_get_locked (vault),
                          alcove_vault_is_recovery_session (vault),
                          alcove_vault_get_unlock_method (vault),
                          user ? alcove_user_get_username (user) : "-",
                          alcove_vault_can_open_database (vault, "practice"),
                          notes ? alcove_vault_can_open_database (vault, notes) : -1);
}

static gboolean
unlock_async (AlcoveVault         *vault,
              const char          *username,
              const char          *password,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);
  g_autoptr(GAsyncResult) result = NULL;

  alcove_vault_unlock_with_password_async (vault, username, secret, cancellable, got_result_cb,
                                           &result);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  return alcove_vault_unlock_finish (vault, wait_for (&result), error);
}

static gboolean
unlock_recovery_async (AlcoveVault   *vault,
                       const char    *code,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (code);
  g_autoptr(GAsyncResult) result = NULL;

  alcove_vault_unlock_with_recovery_key_async (vault, secret, cancellable, got_result_cb,
                                               &result);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  return alcove_vault_unlock_finish (vault, wait_for (&result), error);
}

static char *
other_vaults_code (void)
{
  g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSecret) code = alcove_crypto_recovery_code_format (key);

  return g_strndup ((const char *) alcove_secret_get_data (code), alcove_secret_get_size (code));
}

/* ---- unlocking with a password ---- */

static void
test_unlock_password (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) right = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveSecret) wrong = alcove_test_secret (WRONG_PASSWORD);
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(GError) async_error = NULL;
  g_autofree char *by_sync = NULL;
  g_autofree char *by_async = NULL;

  /* the same session */
  g_assert_true (alcove_vault_unlock_with_password (vault, "dana", right, &sync_error));
  g_assert_no_error (sync_error);
  by_sync = describe_session (vault);
  alcove_vault_lock (vault);
  g_assert_true (unlock_async (vault, "dana", TEST_PASSWORD, NULL, &async_error));
  g_assert_no_error (async_error);
  by_async = describe_session (vault);
  g_assert_cmpstr (by_async, ==, by_sync);
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_VAULT_UNLOCK,
                                            alcove_user_get_uuid (
                                              alcove_vault_get_current_user (vault))), ==, 2);
  alcove_vault_lock (vault);

  /* the same refusal, counted the same */
  g_assert_false (alcove_vault_unlock_with_password (vault, "dana", wrong, &sync_error));
  g_assert_cmpuint (alcove_attempts_get_count (alcove_vault_get_uuid (vault), "dana", NULL), ==, 1);
  g_assert_false (unlock_async (vault, "dana", WRONG_PASSWORD, NULL, &async_error));
  assert_same_error (sync_error, async_error);
  g_assert_error (async_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_assert_cmpuint (alcove_attempts_get_count (alcove_vault_get_uuid (vault), "dana", NULL), ==, 2);
  g_assert_true (alcove_vault_get_locked (vault));
  g_clear_error (&sync_error);
  g_clear_error (&async_error);

  /* an account that is not there: at once, as before */
  g_assert_false (alcove_vault_unlock_with_password (vault, "nobody", right, &sync_error));
  g_assert_false (unlock_async (vault, "nobody", TEST_PASSWORD, NULL, &async_error));
  assert_same_error (sync_error, async_error);
}

static void
test_unlock_password_cancelled (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GHashTable) before = alcove_test_snapshot (dir);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;

  g_usleep (20 * 1000);  /* so that any write would show in the mtimes */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();

      /* cancelled before the call, then while the KDF runs */
      if (i == 0)
        g_cancellable_cancel (cancellable);
      g_assert_false (unlock_async (vault, "dana", TEST_PASSWORD, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_true (alcove_vault_get_locked (vault));
      g_assert_null (alcove_vault_get_current_user (vault));
    }
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);

  /* and the vault opens as before */
  g_assert_true (unlock_async (vault, "dana", TEST_PASSWORD, NULL, &error));
  g_assert_no_error (error);
}

/* ---- unlocking with the recovery key ---- */

static void
test_unlock_recovery_key (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *code = NULL;
  g_autofree char *foreign = other_vaults_code ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, &code);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) right = alcove_test_secret (code);
  g_autoptr(AlcoveSecret) wrong = alcove_test_secret (foreign);
  g_autoptr(AlcoveSecret) garbled = alcove_test_secret ("ABCD-EFGH");
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(GError) async_error = NULL;
  g_autofree char *by_sync = NULL;
  g_autofree char *by_async = NULL;

  g_assert_true (alcove_vault_unlock_with_recovery_key (vault, right, &sync_error));
  g_assert_no_error (sync_error);
  by_sync = describe_session (vault);
  alcove_vault_lock (vault);
  g_assert_true (unlock_recovery_async (vault, code, NULL, &async_error));
  g_assert_no_error (async_error);
  by_async = describe_session (vault);
  g_assert_cmpstr (by_async, ==, by_sync);
  g_assert_true (alcove_vault_is_recovery_session (vault));
  alcove_vault_lock (vault);

  /* another vault's key: refused and counted the same */
  g_assert_false (alcove_vault_unlock_with_recovery_key (vault, wrong, &sync_error));
  g_assert_false (unlock_recovery_async (vault, foreign, NULL, &async_error));
  assert_same_error (sync_error, async_error);
  g_assert_error (async_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_assert_cmpuint (alcove_attempts_get_count (alcove_vault_get_uuid (vault),
                                               ALCOVE_ACTOR_RECOVERY, NULL), ==, 2);
  g_clear_error (&sync_error);
  g_clear_error (&async_error);

  /* not a code at all */
  g_assert_false (alcove_vault_unlock_with_recovery_key (vault, garbled, &sync_error));
  g_assert_false (unlock_recovery_async (vault, "ABCD-EFGH", NULL, &async_error));
  assert_same_error (sync_error, async_error);
  g_assert_error (async_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_true (alcove_vault_get_locked (vault));
}

static void
test_unlock_recovery_key_cancelled (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *code = NULL;
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, &code);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GHashTable) before = alcove_test_snapshot (dir);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;

  g_usleep (20 * 1000);
  g_assert_false (unlock_recovery_async (vault, code, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (alcove_vault_get_locked (vault));
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
}

/* ---- creating ---- */

static gboolean
create_async (AlcoveVault             *vault,
              const AlcoveVaultSetup  *setup,
              GCancellable            *cancellable,
              AlcoveSecret           **code,
              GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alcove_vault_create_async (vault, setup, cancellable, got_result_cb, &result);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  return alcove_vault_create_finish (vault, wait_for (&result), code, error);
}

static char *
file_kinds (AlcoveVault *vault)
{
  g_auto(GStrv) names = alcove_vault_dup_file_names (vault);
  g_autoptr(GString) kinds = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (kinds, "%.*s ", (int) strcspn (names[i], "-."), names[i]);
  return g_string_free (g_steal_pointer (&kinds), FALSE);
}

static void
test_create (void)
{
  g_autofree char *sync_dir = g_build_filename (g_get_user_data_dir (), "by-sync", NULL);
  g_autofree char *async_dir = g_build_filename (g_get_user_data_dir (), "by-async", NULL);
  g_autoptr(AlcoveVault) by_sync = alcove_vault_new (sync_dir);
  g_autoptr(AlcoveVault) by_async = alcove_vault_new (async_dir);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveSecret) weak = alcove_test_secret ("dana");
  g_autoptr(AlcoveSecret) sync_code = NULL;
  g_autoptr(AlcoveSecret) async_code = NULL;
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(GError) async_error = NULL;
  AlcoveVaultSetup setup = { "Harbor Counseling", "dana", "Dana Whitfield", password,
                             alcove_test_fast_kdf () };
  AlcoveVaultSetup weak_setup = setup;
  g_autofree char *sync_kinds = NULL;
  g_autofree char *async_kinds = NULL;

  g_assert_true (alcove_vault_create (by_sync, &setup, &sync_code, &sync_error));
  g_assert_no_error (sync_error);
  g_assert_true (create_async (by_async, &setup, NULL, &async_code, &async_error));
  g_assert_no_error (async_error);
  g_assert_nonnull (async_code);
  g_assert_cmpuint (alcove_secret_get_size (async_code), ==, alcove_secret_get_size (sync_code));
  g_assert_cmpstr (alcove_vault_get_practice_name (by_async), ==,
                   alcove_vault_get_practice_name (by_sync));
  sync_kinds = file_kinds (by_sync);
  async_kinds = file_kinds (by_async);
  g_assert_cmpstr (async_kinds, ==, sync_kinds);

  /* it opens with the owner's password and with the code it gave */
  g_assert_true (alcove_vault_unlock_with_password (by_async, "dana", password, &async_error));
  g_assert_no_error (async_error);
  g_assert_cmpint (alcove_test_count_audit (by_async, ALCOVE_AUDIT_VAULT_CREATE,
                                            alcove_vault_get_uuid (by_async)), ==, 1);
  alcove_vault_lock (by_async);
  g_assert_true (alcove_vault_unlock_with_recovery_key (by_async, async_code, &async_error));
  g_assert_no_error (async_error);
  alcove_vault_lock (by_async);

  /* refused the same way, at once: a weak password, then a vault already there */
  weak_setup.password = weak;
  {
    g_autofree char *fresh_dir = g_build_filename (g_get_user_data_dir (), "fresh", NULL);
    g_autoptr(AlcoveVault) fresh = alcove_vault_new (fresh_dir);
    g_autoptr(AlcoveSecret) code = NULL;

    g_assert_false (alcove_vault_create (fresh, &weak_setup, &code, &sync_error));
    g_assert_false (create_async (fresh, &weak_setup, NULL, &code, &async_error));
    assert_same_error (sync_error, async_error);
    g_assert_error (async_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_WEAK_PASSWORD);
    g_assert_false (g_file_test (fresh_dir, G_FILE_TEST_EXISTS));
    g_clear_error (&sync_error);
    g_clear_error (&async_error);
  }
  {
    g_autoptr(AlcoveSecret) code = NULL;

    g_assert_false (alcove_vault_create (by_sync, &setup, &code, &sync_error));
    g_assert_false (create_async (by_sync, &setup, NULL, &code, &async_error));
    assert_same_error (sync_error, async_error);
    g_assert_error (async_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS);
  }
}

static void
test_create_cancelled (void)
{
  g_autofree char *parent = g_build_filename (g_get_user_data_dir (), "practice", NULL);
  g_autofree char *dir = g_build_filename (parent, "vault", NULL);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveVaultSetup setup = { "Harbor Counseling", "dana", "Dana Whitfield", password,
                             alcove_test_fast_kdf () };

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  before = alcove_test_snapshot (parent);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(AlcoveSecret) code = NULL;

      if (i == 0)
        g_cancellable_cancel (cancellable);
      g_assert_false (create_async (vault, &setup, cancellable, &code, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_null (code);
    }
  after = alcove_test_snapshot (parent);
  alcove_test_assert_same_snapshot (before, after);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_false (alcove_vault_exists (vault));
}

/* ---- resetting a password with the recovery key ---- */

static gboolean
reset_async (AlcoveVault   *vault,
             const char    *code,
             const char    *password,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(AlcoveSecret) code_secret = alcove_test_secret (code);
  g_autoptr(AlcoveSecret) new_password = alcove_test_secret (password);
  g_autoptr(GAsyncResult) result = NULL;

  alcove_vault_reset_password_async (vault, "dana", code_secret, new_password,
                                     alcove_test_fast_kdf (), cancellable, got_result_cb,
                                     &result);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  return alcove_vault_reset_password_finish (vault, wait_for (&result), error);
}

static void
assert_password_opens (AlcoveVault *vault,
                       const char  *password,
                       gboolean     opens)
{
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (alcove_vault_unlock_with_password (vault, "dana", secret, &error), ==, opens);
  alcove_vault_lock (vault);
}

static void
test_reset_password (void)
{
  g_autofree char *sync_dir = g_build_filename (g_get_user_data_dir (), "by-sync", NULL);
  g_autofree char *async_dir = g_build_filename (g_get_user_data_dir (), "by-async", NULL);
  g_autofree char *sync_code = NULL;
  g_autofree char *async_code = NULL;
  g_autofree char *foreign = other_vaults_code ();
  g_autoptr(AlcoveVault) by_sync = alcove_test_create_vault (sync_dir, &sync_code);
  g_autoptr(AlcoveVault) by_async = alcove_test_create_vault (async_dir, &async_code);
  g_autoptr(AlcoveSecret) code = alcove_test_secret (sync_code);
  g_autoptr(AlcoveSecret) wrong = alcove_test_secret (foreign);
  g_autoptr(AlcoveSecret) fresh = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(AlcoveSecret) weak = alcove_test_secret ("dana");
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(GError) async_error = NULL;

  /* the same outcome: the new password opens, the old does not, the vault is locked */
  g_assert_true (alcove_vault_reset_password (by_sync, "dana", code, fresh,
                                              alcove_test_fast_kdf (), &sync_error));
  g_assert_no_error (sync_error);
  g_assert_true (reset_async (by_async, async_code, TEST_OTHER_PASSWORD, NULL, &async_error));
  g_assert_no_error (async_error);
  g_assert_true (alcove_vault_get_locked (by_async));
  assert_password_opens (by_sync, TEST_OTHER_PASSWORD, TRUE);
  assert_password_opens (by_async, TEST_OTHER_PASSWORD, TRUE);
  assert_password_opens (by_async, TEST_PASSWORD, FALSE);
  {
    g_autoptr(AlcoveVault) opened = alcove_test_unlocked_vault (async_dir, "dana",
                                                                TEST_OTHER_PASSWORD);

    g_assert_cmpint (alcove_test_count_audit (opened, ALCOVE_AUDIT_USER_PASSWORD,
                                              alcove_user_get_uuid (
                                                alcove_vault_get_current_user (opened))),
                     ==, 1);
  }

  /* the recovery key's refusal first, as before, whatever the new password */
  g_assert_false (alcove_vault_reset_password (by_sync, "dana", wrong, weak,
                                               alcove_test_fast_kdf (), &sync_error));
  g_assert_false (reset_async (by_async, foreign, "dana", NULL, &async_error));
  assert_same_error (sync_error, async_error);
  g_assert_error (async_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&sync_error);
  g_clear_error (&async_error);

  /* then the new password's */
  g_assert_false (alcove_vault_reset_password (by_sync, "dana", code, weak,
                                               alcove_test_fast_kdf (), &sync_error));
  g_assert_false (reset_async (by_async, async_code, "dana", NULL, &async_error));
  g_assert_error (async_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_WEAK_PASSWORD);
  assert_same_error (sync_error, async_error);
  g_assert_true (alcove_vault_get_locked (by_sync));
  g_assert_true (alcove_vault_get_locked (by_async));
  assert_password_opens (by_async, TEST_OTHER_PASSWORD, TRUE);
}

static void
test_reset_password_cancelled (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *code = NULL;
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, &code);
  g_autoptr(GHashTable) before = alcove_test_snapshot (dir);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;

  g_usleep (20 * 1000);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();

      if (i == 0)
        g_cancellable_cancel (cancellable);
      g_assert_false (reset_async (vault, code, TEST_OTHER_PASSWORD, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_true (alcove_vault_get_locked (vault));
    }
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
  assert_password_opens (vault, TEST_PASSWORD, TRUE);
}

/* ---- verifying ---- */

static gboolean
verify_async (AlcoveVault         *vault,
              GCancellable        *cancellable,
              AlcoveVerifyReport  *report,
              GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alcove_vault_verify_async (vault, cancellable, got_result_cb, &result);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  return alcove_vault_verify_finish (vault, wait_for (&result), report, error);
}

static void
test_verify (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  AlcoveVerifyReport by_sync, by_async;
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(GError) async_error = NULL;
  sqlite3 *handle;

  g_assert_true (alcove_vault_verify (vault, &by_sync, &sync_error));
  g_assert_no_error (sync_error);
  g_assert_true (verify_async (vault, NULL, &by_async, &async_error));
  g_assert_no_error (async_error);
  g_assert_cmpint (by_async.failed, ==, ALCOVE_VERIFY_OK);
  g_assert_cmpuint (by_async.n_databases, ==, by_sync.n_databases);
  g_assert_cmpint (by_async.generation, ==, by_sync.generation);
  /* the rows are the same but for the first verify's own */
  g_assert_cmpint (by_async.audit_rows, ==, by_sync.audit_rows + 1);
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_VAULT_VERIFY,
                                            alcove_vault_get_uuid (vault)), ==, 2);
  g_assert_cmpint (alcove_vault_get_last_verified_ms (vault), >, 0);

  /* an altered row: found at the same place, with the same words */
  handle = alcove_database_get_handle (alcove_vault_get_database (vault));
  g_assert_cmpint (sqlite3_exec (handle, "DROP TRIGGER audit_log_no_update;"
                                         "UPDATE audit_log SET object_id = 'y' WHERE seq = 2",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (alcove_vault_verify (vault, &by_sync, &sync_error));
  g_assert_false (verify_async (vault, NULL, &by_async, &async_error));
  assert_same_error (sync_error, async_error);
  g_assert_error (async_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_assert_cmpint (by_sync.failed, ==, ALCOVE_VERIFY_CHAIN);
  g_assert_cmpint (by_async.failed, ==, ALCOVE_VERIFY_CHAIN);
}

static void
test_verify_cancelled (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveVerifyReport report;

  /* the worker's connection is opened before the snapshot: opening it writes nothing
   * either, but its first read may move the write-ahead log's index */
  g_assert_true (verify_async (vault, NULL, &report, &error));
  g_assert_no_error (error);
  before = alcove_test_snapshot (dir);
  g_usleep (20 * 1000);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();

      if (i == 0)
        g_cancellable_cancel (cancellable);
      g_assert_false (verify_async (vault, cancellable, &report, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_VAULT_VERIFY,
                                            alcove_vault_get_uuid (vault)), ==, 1);

  /* a lock while it runs cancels it too */
  {
    g_autoptr(GAsyncResult) result = NULL;

    alcove_vault_verify_async (vault, NULL, got_result_cb, &result);
    alcove_vault_lock (vault);
    g_assert_false (alcove_vault_verify_finish (vault, wait_for (&result), &report, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);
  g_test_add_func ("/vault-async/unlock-password", test_unlock_password);
  g_test_add_func ("/vault-async/unlock-password-cancelled", test_unlock_password_cancelled);
  g_test_add_func ("/vault-async/unlock-recovery-key", test_unlock_recovery_key);
  g_test_add_func ("/vault-async/unlock-recovery-key-cancelled",
                   test_unlock_recovery_key_cancelled);
  g_test_add_func ("/vault-async/create", test_create);
  g_test_add_func ("/vault-async/create-cancelled", test_create_cancelled);
  g_test_add_func ("/vault-async/reset-password", test_reset_password);
  g_test_add_func ("/vault-async/reset-password-cancelled", test_reset_password_cancelled);
  g_test_add_func ("/vault-async/verify", test_verify);
  g_test_add_func ("/vault-async/verify-cancelled", test_verify_cancelled);
  return g_test_run ();
}
