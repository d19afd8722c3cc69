/* alcove-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device key is kept through libsecret's password API (secret_password_*), never through
 * SecretService: that API goes through libsecret's backend, which is the Secret Service over
 * D-Bus on a desktop and, inside a Flatpak sandbox, libsecret's own keyring file, keyed by a
 * secret the Secret portal (org.freedesktop.portal.Secret) hands to the application. So the
 * sandbox needs no access to org.freedesktop.secrets, and the same code serves both.
 *
 * Locked, absent, unavailable are told apart without ever asking for an unlock:
 * - a search without SECRET_SEARCH_UNLOCK lists the matching items whatever their state and
 *   raises no prompt (secret_password_lookup() is not used: it unlocks a locked item it
 *   finds, which would prompt);
 * - no item is NOT_FOUND;
 * - reading the secret of an item in a locked collection fails with SECRET_ERROR_IS_LOCKED,
 *   which is LOCKED;
 * - no session bus outside a sandbox, a keyring that does not answer, or a portal that failed
 *   is UNAVAILABLE.
 * In a sandbox the keyring file has no locked state of its own: the first call of a process
 * asks the portal for the application's secret, and the desktop may then ask the person to
 * unlock their login keyring. Alcove cannot prevent that prompt; if it is dismissed libsecret
 * reports G_IO_ERROR_CANCELLED although nothing was cancelled, and that is LOCKED too.
 *
 * Storing (only when the person turns the keyring on) may, as before, ask to unlock a locked
 * login keyring: the Secret Service cannot create an item in a locked collection.
 */
#define G_LOG_DOMAIN "alcove-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <unistd.h>

#include "alcove-error.h"
#include "alcove-keyring.h"

static const SecretSchema *
device_key_schema (void)
{
  static const SecretSchema schema = {
    .name = BASE_APPLICATION_ID ".DeviceKey",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { "vault-uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user-uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      /* the OS account that stored it (its uid); items stored before it was kept have
       * none, and vouch for nobody where several people share a vault */
      { "os-user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

/* The same test libsecret makes before it turns to the Secret portal */
static gboolean
running_in_sandbox (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) || g_getenv ("SNAP_NAME") != NULL;
}

/* Without a session bus GDBus would try to autolaunch one (and X11 with it): say plainly
 * that there is no keyring instead. A sandbox always has one. */
static gboolean
session_bus_reachable (void)
{
  const char *runtime_dir = g_get_user_runtime_dir ();
  g_autofree char *socket = g_build_filename (runtime_dir, "bus", NULL);

  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL ||
         g_file_test (socket, G_FILE_TEST_EXISTS);
}

static gboolean
keyring_reachable (GError **error)
{
  if (running_in_sandbox () || session_bus_reachable ())
    return TRUE;
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_UNAVAILABLE,
                       _("No keyring is running in this session"));
  return FALSE;
}

/* What names the item of one person and vault, whoever stored it */
static GHashTable *
attributes_for (const char *vault_uuid,
                const char *user_uuid)
{
  return secret_attributes_build (device_key_schema (),
                                  "vault-uuid", vault_uuid,
                                  "user-uuid", user_uuid,
                                  NULL);
}

static char *
this_os_user (void)
{
  return g_strdup_printf ("%u", (guint) getuid ());
}

/* What a new item carries: also the OS account storing it */
static GHashTable *
attributes_to_store (const char *vault_uuid,
                     const char *user_uuid)
{
  GHashTable *attributes = attributes_for (vault_uuid, user_uuid);

  g_hash_table_insert (attributes, g_strdup ("os-user"), this_os_user ());
  return attributes;
}

static SecretValue *
device_key_value (const AlcoveSecret *device_key)
{
  return secret_value_new ((const char *) alcove_secret_get_data (device_key),
                           (gssize) alcove_secret_get_size (device_key),
                           "application/octet-stream");
}

static const char *
device_key_label (void)
{
  return _("Alcove vault key for this computer");
}

static gboolean
was_cancelled (const GError *cause,
               GCancellable *cancellable)
{
  return g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
         g_cancellable_is_cancelled (cancellable);
}

/* A cancel that nobody asked for is the portal's unlock dialog, dismissed: the login
 * keyring stays locked. Anything else that fails on the way (no daemon owns the name, the
 * portal failed, an unreadable keyring file) is "no keyring", not an Alcove failure. */
static void
set_keyring_error (GError       **error,
                   const GError  *cause,
                   GCancellable  *cancellable)
{
  if (was_cancelled (cause, cancellable))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_LOCKED,
                         _("The login keyring is locked"));
  else
    g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_UNAVAILABLE,
                 _("The keyring could not be used: %s"), cause->message);
}

gboolean
alcove_keyring_store (const char          *vault_uuid,
                      const char          *user_uuid,
                      const AlcoveSecret  *device_key,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GHashTable) stored_attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (vault_uuid != NULL && user_uuid != NULL && device_key != NULL, FALSE);

  if (!keyring_reachable (error))
    return FALSE;
  /* one item per person and vault: an earlier one (of another OS account's, or without
   * one) goes first */
  attributes = attributes_for (vault_uuid, user_uuid);
  secret_password_clearv_sync (device_key_schema (), attributes, cancellable, NULL);
  stored_attributes = attributes_to_store (vault_uuid, user_uuid);
  value = device_key_value (device_key);
  if (!secret_password_storev_binary_sync (device_key_schema (), stored_attributes,
                                           SECRET_COLLECTION_DEFAULT, device_key_label (),
                                           value, cancellable, &local_error))
    {
      set_keyring_error (error, local_error, cancellable);
      return FALSE;
    }
  return TRUE;
}

void
alcove_keyring_binding_clear (AlcoveKeyringBinding *binding)
{
  g_clear_pointer (&binding->people, g_strfreev);
  binding->stored_here = FALSE;
}

/* The items of the vault in this keyring, whatever their state; no secret is read */
static GList *
search_vault_items (const char    *vault_uuid,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GHashTable) attributes = secret_attributes_build (device_key_schema (),
                                                              "vault-uuid", vault_uuid, NULL);
  g_autoptr(GError) local_error = NULL;
  GList *items;

  items = secret_password_searchv_sync (device_key_schema (), attributes, SECRET_SEARCH_ALL,
                                        cancellable, &local_error);
  if (local_error != NULL)
    {
      g_list_free_full (items, g_object_unref);
      set_keyring_error (error, local_error, cancellable);
      return NULL;
    }
  return items;
}

/* The people of the vault with an item in this keyring; NULL on error */
static GStrv
people_in_keyring (const char    *vault_uuid,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GStrvBuilder) people = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autolist(SecretRetrievable) items = search_vault_items (vault_uuid, cancellable,
                                                            &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) item_attributes = secret_retrievable_get_attributes (l->data);
      const char *user = g_hash_table_lookup (item_attributes, "user-uuid");

      if (user != NULL && !g_ptr_array_find_with_equal_func (seen, user, g_str_equal, NULL))
        {
          g_ptr_array_add (seen, g_strdup (user));
          g_strv_builder_add (people, user);
        }
    }
  return g_strv_builder_end (people);
}

/* The item of one person and vault (an unlocked one first, if there are several), without
 * unlocking anything */
static SecretRetrievable *
find_item (const char    *vault_uuid,
           const char    *user_uuid,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GHashTable) attributes = attributes_for (vault_uuid, user_uuid);
  g_autoptr(GError) local_error = NULL;
  GList *items;
  SecretRetrievable *item;

  /* No SECRET_SEARCH_UNLOCK: a locked keyring must never raise a prompt from here. */
  items = secret_password_searchv_sync (device_key_schema (), attributes, SECRET_SEARCH_NONE,
                                        cancellable, &local_error);
  if (local_error != NULL)
    {
      g_list_free_full (items, g_object_unref);
      set_keyring_error (error, local_error, cancellable);
      return NULL;
    }
  if (items == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                           _("The keyring holds no key for this vault"));
      return NULL;
    }
  item = g_object_ref (items->data);
  g_list_free_full (items, g_object_unref);
  return item;
}

/* Refused with SECRET_ERROR_IS_LOCKED, never unlocked, when the item's collection is locked */
static AlcoveSecret *
read_device_key (SecretRetrievable  *item,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SecretValue) value = NULL;
  const char *data;
  gsize size;

  value = secret_retrievable_retrieve_secret_sync (item, cancellable, &local_error);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error, cancellable);
      return NULL;
    }
  if (value == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_LOCKED,
                           _("The login keyring is locked"));
      return NULL;
    }
  data = secret_value_get (value, &size);
  return alcove_secret_new_from_data (data, size);
}

static gboolean
stored_by_this_os_user (SecretRetrievable *item)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  g_autofree char *os_user = this_os_user ();

  return g_strcmp0 (g_hash_table_lookup (attributes, "os-user"), os_user) == 0;
}

AlcoveSecret *
alcove_keyring_lookup (const char    *vault_uuid,
                       const char    *user_uuid,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return alcove_keyring_lookup_bound (vault_uuid, user_uuid, NULL, cancellable, error);
}

/* `binding` (or NULL) is filled in whenever the item is found */
AlcoveSecret *
alcove_keyring_lookup_bound (const char            *vault_uuid,
                             const char            *user_uuid,
                             AlcoveKeyringBinding  *binding,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_autoptr(SecretRetrievable) item = NULL;
  g_autoptr(AlcoveSecret) device_key = NULL;

  g_return_val_if_fail (vault_uuid != NULL && user_uuid != NULL, NULL);

  if (!keyring_reachable (error))
    return NULL;
  item = find_item (vault_uuid, user_uuid, cancellable, error);
  if (item == NULL)
    return NULL;
  device_key = read_device_key (item, cancellable, error);
  if (device_key == NULL)
    return NULL;
  if (binding != NULL)
    {
      binding->stored_here = stored_by_this_os_user (item);
      binding->people = people_in_keyring (vault_uuid, cancellable, error);
      if (binding->people == NULL)
        return NULL;
    }
  return g_steal_pointer (&device_key);
}

gboolean
alcove_keyring_remove (const char    *vault_uuid,
                       const char    *user_uuid,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (vault_uuid != NULL && user_uuid != NULL, FALSE);

  if (!keyring_reachable (error))
    return FALSE;
  /* FALSE without an error only says there was nothing to remove */
  attributes = attributes_for (vault_uuid, user_uuid);
  secret_password_clearv_sync (device_key_schema (), attributes, cancellable, &local_error);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error, cancellable);
      return FALSE;
    }
  return TRUE;
}

/* ---- without blocking: the same calls, answered on the caller's main context ---- */

typedef struct
{
  GHashTable  *attributes;         /* naming the item */
  GHashTable  *stored_attributes;  /* storing only */
  SecretValue *value;              /* storing only */
} KeyringCall;

static void
keyring_call_free (KeyringCall *call)
{
  g_clear_pointer (&call->attributes, g_hash_table_unref);
  g_clear_pointer (&call->stored_attributes, g_hash_table_unref);
  g_clear_pointer (&call->value, secret_value_unref);
  g_free (call);
}

/* A call that reached the keyring reports what it did, even if cancelled meanwhile */
static GTask *
new_call (const char          *vault_uuid,
          const char          *user_uuid,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  KeyringCall *call = g_new0 (KeyringCall, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  call->attributes = attributes_for (vault_uuid, user_uuid);
  g_task_set_task_data (task, call, (GDestroyNotify) keyring_call_free);
  return task;
}

/* As keyring_reachable(); if not, the task is answered and its reference dropped */
static gboolean
call_can_reach_keyring (GTask *task)
{
  GError *error = NULL;

  if (keyring_reachable (&error))
    return TRUE;
  g_task_return_error (task, error);
  g_object_unref (task);
  return FALSE;
}

/* Takes the task's reference */
static void
return_call (GTask  *task,
             GError *cause)
{
  GError *error = NULL;

  if (cause == NULL)
    {
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      set_keyring_error (&error, cause, g_task_get_cancellable (task));
      g_task_return_error (task, error);
    }
  g_object_unref (task);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  secret_password_store_finish (result, &error);
  return_call (user_data, error);
}

/* Whatever the clearing did, the store tells: if the keyring was out of reach, it is still */
static void
cleared_to_store_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  KeyringCall *call = g_task_get_task_data (task);

  secret_password_clear_finish (result, NULL);
  secret_password_storev_binary (device_key_schema (), call->stored_attributes,
                                 SECRET_COLLECTION_DEFAULT, device_key_label (), call->value,
                                 g_task_get_cancellable (task), stored_cb, task);
}

/* As alcove_keyring_store(), without waiting for the keyring. A cancel that comes after the
 * keyring stored the key is not reported: the key is there. */
void
alcove_keyring_store_async (const char          *vault_uuid,
                            const char          *user_uuid,
                            const AlcoveSecret  *device_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  KeyringCall *call;

  g_return_if_fail (vault_uuid != NULL && user_uuid != NULL && device_key != NULL);

  task = new_call (vault_uuid, user_uuid, cancellable, callback, user_data,
                   alcove_keyring_store_async);
  if (!call_can_reach_keyring (task))
    return;
  call = g_task_get_task_data (task);
  call->stored_attributes = attributes_to_store (vault_uuid, user_uuid);
  call->value = device_key_value (device_key);
  /* one item per person and vault, as alcove_keyring_store() */
  secret_password_clearv (device_key_schema (), call->attributes, cancellable,
                          cleared_to_store_cb, task);
}

gboolean
alcove_keyring_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* FALSE without an error only says there was nothing to remove */
static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  return_call (user_data, error);
}

/* As alcove_keyring_remove(), without waiting for the keyring */
void
alcove_keyring_remove_async (const char          *vault_uuid,
                             const char          *user_uuid,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  KeyringCall *call;

  g_return_if_fail (vault_uuid != NULL && user_uuid != NULL);

  task = new_call (vault_uuid, user_uuid, cancellable, callback, user_data,
                   alcove_keyring_remove_async);
  if (!call_can_reach_keyring (task))
    return;
  call = g_task_get_task_data (task);
  secret_password_clearv (device_key_schema (), call->attributes, cancellable, cleared_cb,
                          task);
}

gboolean
alcove_keyring_remove_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
