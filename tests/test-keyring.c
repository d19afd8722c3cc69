/* test-keyring.c — the keyring slot against a real gnome-keyring on a private session bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-keyring"

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <signal.h>

#include "alcove-keyring.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

typedef struct
{
  GSubprocess *bus;
  GSubprocess *keyring;
} Session;

/* The parent owns the daemons and never connects itself: GDBus's shared session connection
 * would end the process when the bus goes away. Each case runs in a child. */
static void
run_in_session (const char *child_path,
                gboolean    with_keyring)
{
  Session session = { NULL, NULL };
  g_autofree char *pid = NULL;

  g_autofree char *address = NULL;

  session.bus = alcove_test_start_bus ("session", g_get_user_runtime_dir (), &address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  if (with_keyring)
    {
      session.keyring = alcove_test_start_keyring (g_get_user_runtime_dir ());
      pid = g_strdup (g_subprocess_get_identifier (session.keyring));
      g_setenv ("TEST_KEYRING_PID", pid, TRUE);
    }
  g_test_trap_subprocess (child_path, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  alcove_test_stop (&session.keyring);
  alcove_test_stop (&session.bus);
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_test_trap_assert_passed ();
}

static AlcoveVault *
vault_with_keyring_slot (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  AlcoveVault *vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(GError) error = NULL;

  alcove_vault_add_keyring_slot (vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_user_get_has_keyring_slot (
                   g_list_model_get_item (alcove_vault_list_users (vault), 0)));
  alcove_vault_lock (vault);
  return vault;
}

static void
assert_password_still_works (AlcoveVault *vault)
{
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_unlock_with_password (vault, "dana", password, &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);
}

static void
child_unlocked_keyring (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = vault_with_keyring_slot (dir);
  g_autoptr(AlcoveSecret) stale = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_vault_get_unlock_method (vault), ==, "keyring");
  g_assert_true (alcove_vault_can_open_database (vault, "practice"));
  alcove_vault_lock (vault);

  /* a stale item (another key under the same attributes) falls back to the password */
  g_assert_true (alcove_keyring_store (alcove_vault_get_uuid (vault),
                                       alcove_header_find_user (vault->header, "dana")->uuid,
                                       stale, NULL, &error));
  g_assert_false (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  assert_password_still_works (vault);

  /* removing the slot removes it from the header and the item from the keyring */
  g_assert_true (alcove_vault_unlock_with_password (vault, "dana", alcove_test_secret (TEST_PASSWORD), &error));
  g_assert_true (alcove_vault_remove_keyring_slot (vault, NULL, &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);
  g_assert_false (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (alcove_keyring_lookup (alcove_vault_get_uuid (vault),
                                        alcove_header_find_user (vault->header, "dana")->uuid,
                                        NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
}

static void
test_unlocked_keyring (void)
{
  if (g_test_subprocess ())
    {
      child_unlocked_keyring ();
      return;
    }
  run_in_session ("/keyring/unlocked", TRUE);
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
unlock_with_keyring_async (AlcoveVault   *vault,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alcove_vault_unlock_with_keyring_async (vault, "dana", cancellable, got_result_cb, &result);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return alcove_vault_unlock_finish (vault, result, error);
}

/* The keyring asked off the main thread: the same session, the same refusals, and a cancel
 * before it completes opens nothing and writes nothing */
static void
child_async (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = vault_with_keyring_slot (dir);
  g_autoptr(AlcoveSecret) stale = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;

  g_assert_true (unlock_with_keyring_async (vault, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_vault_get_unlock_method (vault), ==, "keyring");
  g_assert_cmpstr (alcove_user_get_username (alcove_vault_get_current_user (vault)), ==, "dana");
  g_assert_true (alcove_vault_can_open_database (vault, "practice"));
  alcove_vault_lock (vault);

  before = alcove_test_snapshot (dir);
  g_usleep (20 * 1000);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();

      if (i == 0)
        g_cancellable_cancel (cancellable);
      g_assert_false (unlock_with_keyring_async (vault, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_true (alcove_vault_get_locked (vault));
    }
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);

  /* a stale item: the same refusal as the synchronous unlock */
  g_assert_true (alcove_keyring_store (alcove_vault_get_uuid (vault),
                                       alcove_header_find_user (vault->header, "dana")->uuid,
                                       stale, NULL, &error));
  g_assert_false (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &sync_error));
  g_assert_false (unlock_with_keyring_async (vault, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_assert_cmpstr (error->message, ==, sync_error->message);
  g_clear_error (&sync_error);
  g_clear_error (&error);

  /* no slot: refused at once, the same way */
  g_assert_true (alcove_vault_unlock_with_password (vault, "dana", password, &error));
  g_assert_true (alcove_vault_remove_keyring_slot (vault, NULL, &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);
  g_assert_false (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &sync_error));
  g_assert_false (unlock_with_keyring_async (vault, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, sync_error->message);
}

static void
test_async (void)
{
  if (g_test_subprocess ())
    {
      child_async ();
      return;
    }
  run_in_session ("/keyring/async", TRUE);
}

static gboolean
add_slot_async (AlcoveVault   *vault,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alcove_vault_add_keyring_slot_async (vault, cancellable, got_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return alcove_vault_add_keyring_slot_finish (vault, result, error);
}

static gboolean
remove_slot_async (AlcoveVault  *vault,
                   GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alcove_vault_remove_keyring_slot_async (vault, NULL, got_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return alcove_vault_remove_keyring_slot_finish (vault, result, error);
}

static gboolean
has_slot (AlcoveVault *vault)
{
  return alcove_user_get_has_keyring_slot (alcove_vault_get_current_user (vault));
}

/* The keyring slot added and removed without waiting for the keyring: the same header,
 * item and audit rows as synchronously; cancelled before, nothing changes */
static void
child_slot_async (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (alcove_user_get_uuid (alcove_vault_get_current_user (vault)));

  before = alcove_test_snapshot (dir);
  g_cancellable_cancel (cancellable);
  g_assert_false (add_slot_async (vault, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
  g_assert_false (has_slot (vault));

  g_assert_true (add_slot_async (vault, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (has_slot (vault));
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_KEYRING_ADD, uuid), ==, 1);
  alcove_vault_lock (vault);
  g_assert_true (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_no_error (error);

  g_assert_true (remove_slot_async (vault, &error));
  g_assert_no_error (error);
  g_assert_false (has_slot (vault));
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_KEYRING_REMOVE, uuid), ==, 1);
  g_assert_null (alcove_keyring_lookup (alcove_vault_get_uuid (vault), uuid, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  alcove_vault_lock (vault);
  g_assert_false (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
}

static void
test_slot_async (void)
{
  if (g_test_subprocess ())
    {
      child_slot_async ();
      return;
    }
  run_in_session ("/keyring/slot-async", TRUE);
}

/* No keyring in the session: the same refusal as synchronously, and the header untouched */
static void
test_slot_async_no_dbus (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(GError) error = NULL;

  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  before = alcove_test_snapshot (dir);
  g_assert_false (alcove_vault_add_keyring_slot (vault, NULL, &sync_error));
  g_assert_false (add_slot_async (vault, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_UNAVAILABLE);
  g_assert_cmpstr (error->message, ==, sync_error->message);
  after = alcove_test_snapshot (dir);
  alcove_test_assert_same_snapshot (before, after);
  g_assert_false (has_slot (vault));
}

static void
child_locked_collection (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = vault_with_keyring_slot (dir);
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS,
                                                              NULL, NULL);
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  GList *objects;

  g_assert_nonnull (service);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, NULL, &error), ==, 1);
  g_list_free (objects);
  g_assert_no_error (error);

  g_assert_false (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_LOCKED);
  g_test_message ("locked keyring: %s", error->message);
  g_assert_true (alcove_vault_get_locked (vault));
  assert_password_still_works (vault);
}

static void
test_locked_collection (void)
{
  if (g_test_subprocess ())
    {
      child_locked_collection ();
      return;
    }
  run_in_session ("/keyring/locked-collection", TRUE);
}

/* The keyring goes away (the daemon ends): a clear "unavailable", then the password. */
static void
child_no_secret_service (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = vault_with_keyring_slot (dir);
  g_autoptr(GError) error = NULL;
  GPid pid = (GPid) atoi (g_getenv ("TEST_KEYRING_PID"));
  g_autoptr(GSubprocess) gone = NULL;

  kill (pid, SIGTERM);
  gone = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "sh", "-c",
                           "for i in $(seq 100); do gdbus call --session --dest org.freedesktop.DBus"
                           " --object-path /org/freedesktop/DBus --method"
                           " org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets"
                           " | grep -q false && exit 0; sleep 0.1; done; exit 1", NULL);
  g_assert_true (g_subprocess_wait_check (gone, NULL, NULL));

  g_assert_false (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_UNAVAILABLE);
  g_test_message ("no Secret Service: %s", error->message);
  assert_password_still_works (vault);
}

static void
test_no_secret_service (void)
{
  if (g_test_subprocess ())
    {
      child_no_secret_service ();
      return;
    }
  run_in_session ("/keyring/no-secret-service", TRUE);
}

/* No session bus at all: nothing tries to start one, the answer is immediate. */
static void
test_no_dbus (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);
  g_autoptr(GError) error = NULL;
  AlcoveHeaderUser *user;
  AlcoveHeaderSlot *slot;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (dir, ALCOVE_HEADER_FILE, NULL);

  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_assert_null (alcove_keyring_lookup ("v", "u", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* a header that claims a keyring slot: still only the clear error, then the password */
  g_assert_true (alcove_vault_load (vault, &error));
  user = alcove_header_find_user (vault->header, "dana");
  slot = g_new0 (AlcoveHeaderSlot, 1);
  slot->id = g_uuid_string_random ();
  slot->kind = g_strdup ("keyring");
  slot->label = g_strdup ("elsewhere");
  slot->nonce = alcove_crypto_random_bytes (ALCOVE_NONCE_SIZE);
  slot->wrapped = alcove_crypto_random_bytes (48);
  g_ptr_array_add (user->slots, slot);
  text = alcove_header_serialize (vault->header);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_false (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_UNAVAILABLE);
}

/* The same item under another OS account's name, as a keyring copied from elsewhere would
 * hold it */
static void
store_as_other_os_user (const char         *vault_uuid,
                        const char         *user_uuid,
                        const AlcoveSecret *device_key)
{
  static const SecretSchema schema = {
    .name = BASE_APPLICATION_ID ".DeviceKey",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { "vault-uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user-uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "os-user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  g_autoptr(GError) error = NULL;
  const char *data = (const char *) alcove_secret_get_data (device_key);
  g_autoptr(SecretValue) value = secret_value_new (data, (gssize) alcove_secret_get_size (device_key),
                                                   "application/octet-stream");

  secret_password_clear_sync (&schema, NULL, &error, "vault-uuid", vault_uuid,
                              "user-uuid", user_uuid, NULL);
  g_assert_no_error (error);
  g_assert_true (secret_password_store_binary_sync (&schema, SECRET_COLLECTION_DEFAULT, "copied",
                                                    value, NULL, &error, "vault-uuid", vault_uuid,
                                                    "user-uuid", user_uuid, "os-user", "99999",
                                                    NULL));
  g_assert_no_error (error);
}

static void
assert_keyring_needs_password (AlcoveVault *vault,
                               const char  *username)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (alcove_vault_unlock_with_keyring (vault, username, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_PASSWORD);
  g_assert_true (alcove_vault_get_locked (vault));
}

static void
add_own_keyring_slot (const char *dir,
                      const char *username,
                      const char *password)
{
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, username, password);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_add_keyring_slot (vault, NULL, &error));
  g_assert_no_error (error);
}

/* One computer account, two people of the practice: the keyring opens nobody's session on
 * its own; when it holds one person's key, stored by this account, it opens theirs; a key
 * stored by another account vouches for nobody */
static void
child_shared_account (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = vault_with_keyring_slot (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveSecret) dana_device_key = NULL;
  const char *dana_uuid;

  /* alone in the vault, dana's key opens as before */
  g_assert_true (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_no_error (error);
  alcove_test_add_user (vault, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_vault_lock (vault);
  /* two people, one of whom keeps a key here, stored by this account: it still opens */
  g_assert_true (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);

  /* sam keeps his key in the same keyring: neither opens by keyring alone */
  add_own_keyring_slot (dir, "sam", TEST_OTHER_PASSWORD);
  assert_keyring_needs_password (vault, "dana");
  assert_keyring_needs_password (vault, "sam");
  assert_password_still_works (vault);
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);

    g_assert_true (alcove_vault_remove_keyring_slot (sam, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);

  /* the same key, but stored by another OS account */
  g_assert_true (alcove_vault_load (vault, &error));
  dana_uuid = alcove_header_find_user (vault->header, "dana")->uuid;
  dana_device_key = alcove_keyring_lookup (alcove_vault_get_uuid (vault), dana_uuid, NULL,
                                           &error);
  g_assert_no_error (error);
  store_as_other_os_user (alcove_vault_get_uuid (vault), dana_uuid, dana_device_key);
  assert_keyring_needs_password (vault, "dana");
}

static void
test_shared_account (void)
{
  if (g_test_subprocess ())
    {
      child_shared_account ();
      return;
    }
  run_in_session ("/keyring/shared-account", TRUE);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/keyring/unlocked", test_unlocked_keyring);
  g_test_add_func ("/keyring/async", test_async);
  g_test_add_func ("/keyring/slot-async", test_slot_async);
  g_test_add_func ("/keyring/slot-async-no-dbus", test_slot_async_no_dbus);
  g_test_add_func ("/keyring/locked-collection", test_locked_collection);
  g_test_add_func ("/keyring/no-secret-service", test_no_secret_service);
  g_test_add_func ("/keyring/no-dbus", test_no_dbus);
  g_test_add_func ("/keyring/shared-account", test_shared_account);

  return g_test_run ();
}
