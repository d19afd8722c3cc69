/* test-keyring.c — the keyring slot against a real gnome-keyring on a private session bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-keyring"

#include "config.h"

#include <gio/gunixfdlist.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <signal.h>
#include <unistd.h>

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

/* Watches the bus, as a monitor, for the calls that unlock a collection or show a prompt */
typedef struct
{
  GDBusConnection *connection;
  gint             seen;
  gint             markers;
} UnlockWatch;

static gboolean
is_marker (GDBusMessage *message)
{
  return g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.DBus") == 0 &&
         g_strcmp0 (g_dbus_message_get_member (message), "GetId") == 0;
}

static GDBusMessage *
count_unlock_call_cb (GDBusConnection *connection,
                      GDBusMessage    *message,
                      gboolean         incoming,
                      gpointer         user_data)
{
  UnlockWatch *watch = user_data;

  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    g_atomic_int_inc (is_marker (message) ? &watch->markers : &watch->seen);
  /* a monitor must never answer what it sees: dropped before GDBus would */
  g_object_unref (message);
  return NULL;
}

static void
unlock_watch_start (UnlockWatch *watch)
{
  const char *rules[] = {
    "type='method_call',interface='org.freedesktop.Secret.Service',member='Unlock'",
    "type='method_call',interface='org.freedesktop.Secret.Prompt'",
    "type='method_call',interface='org.freedesktop.DBus',member='GetId'",
    NULL,
  };
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  watch->seen = 0;
  watch->markers = 0;
  watch->connection = g_dbus_connection_new_for_address_sync (
    g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (watch->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus.Monitoring",
                                       "BecomeMonitor", g_variant_new ("(^asu)", rules, 0),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (watch->connection, count_unlock_call_cb, watch, NULL);
}

/* The unlock calls seen so far. The bus hands its monitor every call in the order it routes
 * them: once a marker sent now has arrived, so has every call the finished steps made. */
static gint
unlock_watch_count (UnlockWatch *watch)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gint markers = g_atomic_int_get (&watch->markers);
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetId", NULL, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  while (g_atomic_int_get (&watch->markers) == markers)
    g_usleep (10 * 1000);
  return g_atomic_int_get (&watch->seen);
}

static void
unlock_watch_stop (UnlockWatch *watch)
{
  g_dbus_connection_close_sync (watch->connection, NULL, NULL);
  g_clear_object (&watch->connection);
}

/* Asked of the daemon, not the proxy's cache (this process runs no main loop to update it) */
static gboolean
collection_locked_now (SecretCollection *collection)
{
  GDBusProxy *proxy = G_DBUS_PROXY (collection);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) locked = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (g_dbus_proxy_get_connection (proxy),
                                       g_dbus_proxy_get_name (proxy),
                                       g_dbus_proxy_get_object_path (proxy),
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", "org.freedesktop.Secret.Collection",
                                                      "Locked"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &locked);
  return g_variant_get_boolean (locked);
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
  UnlockWatch watch;
  GList *objects;

  g_assert_nonnull (service);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, NULL, &error), ==, 1);
  g_list_free (objects);
  g_assert_no_error (error);

  unlock_watch_start (&watch);
  g_assert_false (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_LOCKED);
  g_test_message ("locked keyring: %s", error->message);
  g_clear_error (&error);
  g_assert_true (alcove_vault_get_locked (vault));
  assert_password_still_works (vault);

  /* locked is told from absent, and neither asks for an unlock */
  g_assert_null (alcove_keyring_lookup (alcove_vault_get_uuid (vault), "nobody", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (unlock_watch_count (&watch), ==, 0);
  g_assert_true (collection_locked_now (collection));

  /* the watch does see an unlock when one is asked for */
  objects = g_list_append (NULL, collection);
  secret_service_unlock_sync (service, objects, NULL, NULL, NULL);
  g_list_free (objects);
  g_assert_cmpint (unlock_watch_count (&watch), >, 0);
  unlock_watch_stop (&watch);
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

/* ---- the same cases on libsecret's file backend, the one a Flatpak sandbox gets ---- */

/* What the Secret portal gives libsecret in a sandbox (a keyring file and the secret that
 * keys it), given here through the variables libsecret's file backend reads for tests */
static char *
use_file_backend (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "keyrings",
                                            "file-backend.keyring", NULL);

  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "alcove-file-backend-test", TRUE);
  return g_steal_pointer (&path);
}

/* What libsecret hands back are items of its own keyring file, not Secret Service items */
static void
assert_items_are_in_file (void)
{
  static const SecretSchema schema = {
    .name = BASE_APPLICATION_ID ".DeviceKey",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = { { "vault-uuid", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
  };
  g_autoptr(GHashTable) any = g_hash_table_new (g_str_hash, g_str_equal);
  g_autolist(GObject) items = NULL;
  g_autoptr(GError) error = NULL;

  items = secret_password_searchv_sync (&schema, any, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_assert_false (SECRET_IS_ITEM (l->data));
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (l->data), ==, "SecretFileItem");
    }
}

/* No Secret Service on this bus, and none was started: every call above would have failed
 * had the keyring code asked it directly */
static void
assert_no_secret_service (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_owner = TRUE;

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &has_owner);
  g_assert_false (has_owner);
}

/* The binding on the file backend: this OS account, one person of the vault */
static void
child_file_binding (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = vault_with_keyring_slot (dir);
  AlcoveKeyringBinding binding = { FALSE, NULL };
  g_autoptr(AlcoveSecret) device_key = NULL;
  g_autoptr(GError) error = NULL;
  const char *dana_uuid = alcove_header_find_user (vault->header, "dana")->uuid;

  device_key = alcove_keyring_lookup_bound (alcove_vault_get_uuid (vault), dana_uuid, &binding,
                                            NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (device_key);
  g_assert_true (binding.stored_here);
  g_assert_cmpuint (g_strv_length (binding.people), ==, 1);
  g_assert_cmpstr (binding.people[0], ==, dana_uuid);
  alcove_keyring_binding_clear (&binding);

  /* storing again replaces: still one item for dana */
  g_assert_true (alcove_keyring_store (alcove_vault_get_uuid (vault), dana_uuid, device_key,
                                       NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&device_key, alcove_secret_free);
  device_key = alcove_keyring_lookup_bound (alcove_vault_get_uuid (vault), dana_uuid, &binding,
                                            NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (binding.people), ==, 1);
  alcove_keyring_binding_clear (&binding);

  g_assert_true (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);
  g_assert_null (alcove_keyring_lookup (alcove_vault_get_uuid (vault), "nobody", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
}

typedef struct
{
  const char *path;
  void      (*child) (void);
} FileBackendCase;

static const FileBackendCase file_backend_cases[] = {
  { "/keyring/file-backend/binding", child_file_binding },
  { "/keyring/file-backend/unlocked", child_unlocked_keyring },
  { "/keyring/file-backend/async", child_async },
  { "/keyring/file-backend/slot-async", child_slot_async },
  { "/keyring/file-backend/shared-account", child_shared_account },
};

/* A session bus without a Secret Service, as in a sandbox that may not talk to one */
static void
test_file_backend (gconstpointer data)
{
  const FileBackendCase *test_case = data;

  if (g_test_subprocess ())
    {
      g_autofree char *keyring_file = use_file_backend ();
      g_autoptr(AlcoveSecret) probe = alcove_secret_new_random (ALCOVE_KEY_SIZE);
      g_autoptr(AlcoveSecret) found = NULL;
      g_autoptr(GError) error = NULL;

      /* an item of another vault, there from start to end whatever the case removes */
      g_assert_true (alcove_keyring_store ("probe-vault", "probe-user", probe, NULL, &error));
      g_assert_no_error (error);
      test_case->child ();
      found = alcove_keyring_lookup ("probe-vault", "probe-user", NULL, &error);
      g_assert_no_error (error);
      g_assert_true (alcove_secret_equal (found, probe));
      assert_items_are_in_file ();
      g_assert_true (g_file_test (keyring_file, G_FILE_TEST_IS_REGULAR));
      assert_no_secret_service ();
      return;
    }
  run_in_session (test_case->path, FALSE);
}

/* ---- the Secret portal itself, played by the test: what a sandbox really goes through ---- */

#define PORTAL_SECRET_SIZE 64

static const char portal_xml[] =
  "<node><interface name='org.freedesktop.portal.Secret'>"
  "<method name='RetrieveSecret'><arg type='h' name='fd' direction='in'/>"
  "<arg type='a{sv}' name='options' direction='in'/>"
  "<arg type='o' name='handle' direction='out'/></method>"
  "<property name='version' type='u' access='read'/>"
  "</interface></node>";

/* Answers RetrieveSecret as xdg-desktop-portal does: a request handle at once, the secret
 * written to the caller's pipe, and the outcome later as a Response signal to the caller */
typedef struct
{
  guint32          response;  /* 0: granted, 1: the person dismissed it, 2: failed */
  GMainContext    *context;
  GMainLoop       *loop;
  GThread         *thread;
  GDBusConnection *connection;
  gint             requests;
} FakePortal;

typedef struct
{
  FakePortal *portal;
  char       *caller;
} PendingResponse;

static gboolean
send_response_cb (gpointer user_data)
{
  PendingResponse *pending = user_data;

  g_dbus_connection_emit_signal (pending->portal->connection, pending->caller,
                                 "/org/freedesktop/portal/desktop/request/alcove/1",
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(u@a{sv})", pending->portal->response,
                                                g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                     NULL, 0)),
                                 NULL);
  g_free (pending->caller);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
write_portal_secret (int fd)
{
  guint8 secret[PORTAL_SECRET_SIZE];

  memset (secret, 0x5a, sizeof secret);
  g_assert_cmpint (write (fd, secret, sizeof secret), ==, sizeof secret);
}

static void
portal_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  FakePortal *portal = user_data;
  GUnixFDList *fds = g_dbus_message_get_unix_fd_list (
    g_dbus_method_invocation_get_message (invocation));
  PendingResponse *pending = g_new0 (PendingResponse, 1);
  g_autoptr(GSource) later = g_timeout_source_new (500);
  gint32 index;
  int fd;

  g_variant_get (parameters, "(h@a{sv})", &index, NULL);
  fd = g_unix_fd_list_get (fds, index, NULL);
  g_assert_cmpint (fd, >=, 0);
  if (portal->response == 0)
    write_portal_secret (fd);
  close (fd);
  g_atomic_int_inc (&portal->requests);
  g_dbus_method_invocation_return_value (invocation, g_variant_new (
    "(o)", "/org/freedesktop/portal/desktop/request/alcove/1"));
  /* the caller listens for the answer only once it has the handle */
  pending->portal = portal;
  pending->caller = g_strdup (sender);
  g_source_set_callback (later, send_response_cb, pending, NULL);
  g_source_attach (later, portal->context);
}

static GVariant *
portal_property_cb (GDBusConnection  *connection,
                    const char       *sender,
                    const char       *object_path,
                    const char       *interface_name,
                    const char       *property_name,
                    GError          **error,
                    gpointer          user_data)
{
  return g_variant_new_uint32 (1);
}

static gpointer
run_portal (gpointer data)
{
  FakePortal *portal = data;

  g_main_context_push_thread_default (portal->context);
  g_main_loop_run (portal->loop);
  g_main_context_pop_thread_default (portal->context);
  return NULL;
}

static void
fake_portal_start (FakePortal *portal,
                   guint32     response)
{
  static const GDBusInterfaceVTable vtable = { portal_method_cb, portal_property_cb, NULL };
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  portal->response = response;
  portal->requests = 0;
  portal->context = g_main_context_new ();
  portal->loop = g_main_loop_new (portal->context, FALSE);
  portal->connection = g_dbus_connection_new_for_address_sync (
    g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
  /* the calls are answered on the portal's own thread, while the test waits in libsecret */
  g_main_context_push_thread_default (portal->context);
  g_dbus_connection_register_object (portal->connection, "/org/freedesktop/portal/desktop",
                                     node->interfaces[0], &vtable, portal, NULL, &error);
  g_main_context_pop_thread_default (portal->context);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (portal->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  portal->thread = g_thread_new ("fake-portal", run_portal, portal);
}

static void
fake_portal_stop (FakePortal *portal)
{
  g_main_loop_quit (portal->loop);
  g_thread_join (portal->thread);
  g_dbus_connection_close_sync (portal->connection, NULL, NULL);
  g_clear_object (&portal->connection);
  g_clear_pointer (&portal->loop, g_main_loop_unref);
  g_clear_pointer (&portal->context, g_main_context_unref);
}

/* libsecret turns to the portal in a Flatpak (/.flatpak-info) or a Snap (SNAP_NAME); a test
 * cannot make the first, the second is an environment variable */
static void
pretend_to_be_sandboxed (void)
{
  g_unsetenv ("SECRET_BACKEND");
  g_unsetenv ("SECRET_FILE_TEST_PATH");
  g_unsetenv ("SECRET_FILE_TEST_PASSWORD");
  g_setenv ("SNAP_NAME", "alcove-test", TRUE);
}

static void
child_portal_granted (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *keyring_file = g_build_filename (g_get_user_data_dir (), "keyrings",
                                                    "default.keyring", NULL);
  g_autoptr(AlcoveVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  FakePortal portal;

  pretend_to_be_sandboxed ();
  fake_portal_start (&portal, 0);
  vault = vault_with_keyring_slot (dir);
  g_assert_true (alcove_vault_unlock_with_keyring (vault, "dana", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_vault_get_unlock_method (vault), ==, "keyring");
  alcove_vault_lock (vault);
  g_assert_cmpint (g_atomic_int_get (&portal.requests), >=, 1);
  g_assert_true (g_file_test (keyring_file, G_FILE_TEST_IS_REGULAR));
  assert_items_are_in_file ();
  assert_no_secret_service ();
  fake_portal_stop (&portal);
}

static void
test_portal_granted (void)
{
  if (g_test_subprocess ())
    {
      child_portal_granted ();
      return;
    }
  run_in_session ("/keyring/portal/granted", FALSE);
}

/* The person dismissed the desktop's request (their keyring stays locked), or the portal
 * failed: the same answers as for a locked keyring and no keyring, then the password */
static void
child_portal_refused (guint32       response,
                      AlcoveVaultError expected)
{
  g_autoptr(AlcoveSecret) device_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(GError) error = NULL;
  FakePortal portal;

  pretend_to_be_sandboxed ();
  fake_portal_start (&portal, response);
  g_assert_null (alcove_keyring_lookup ("v", "u", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, expected);
  g_test_message ("portal answered %u: %s", response, error->message);
  g_clear_error (&error);
  g_assert_false (alcove_keyring_store ("v", "u", device_key, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, expected);
  g_assert_cmpint (g_atomic_int_get (&portal.requests), >=, 2);
  fake_portal_stop (&portal);
}

static void
test_portal_dismissed (void)
{
  if (g_test_subprocess ())
    {
      child_portal_refused (1, ALCOVE_VAULT_ERROR_LOCKED);
      return;
    }
  run_in_session ("/keyring/portal/dismissed", FALSE);
}

static void
test_portal_failed (void)
{
  if (g_test_subprocess ())
    {
      child_portal_refused (2, ALCOVE_VAULT_ERROR_UNAVAILABLE);
      return;
    }
  run_in_session ("/keyring/portal/failed", FALSE);
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
  for (guint i = 0; i < G_N_ELEMENTS (file_backend_cases); i++)
    g_test_add_data_func (file_backend_cases[i].path, &file_backend_cases[i], test_file_backend);
  g_test_add_func ("/keyring/portal/granted", test_portal_granted);
  g_test_add_func ("/keyring/portal/dismissed", test_portal_dismissed);
  g_test_add_func ("/keyring/portal/failed", test_portal_failed);

  return g_test_run ();
}
