/* alcove-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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

/* Without a session bus GDBus would try to autolaunch one (and X11 with it): say plainly
 * that there is no keyring instead. */
static gboolean
session_bus_reachable (void)
{
  const char *runtime_dir = g_get_user_runtime_dir ();
  g_autofree char *socket = g_build_filename (runtime_dir, "bus", NULL);

  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL ||
         g_file_test (socket, G_FILE_TEST_EXISTS);
}

static SecretService *
get_service (GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  SecretService *service;

  if (!session_bus_reachable ())
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_UNAVAILABLE,
                           _("No keyring is running in this session"));
      return NULL;
    }
  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable, &local_error);
  if (service == NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_UNAVAILABLE,
                   _("The keyring could not be reached: %s"), local_error->message);
      return NULL;
    }
  return service;
}

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

/* A service that is present but does not answer the Secret Service API (no daemon owns the
 * name) reports a D-Bus error: that is "no keyring", not an Alcove failure. */
static void
set_service_error (GError     **error,
                   const GError *cause)
{
  if (g_error_matches (cause, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
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
  g_autoptr(SecretService) service = get_service (cancellable, error);
  g_autoptr(GHashTable) attributes = attributes_for (vault_uuid, user_uuid);
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GError) local_error = NULL;

  if (service == NULL)
    return FALSE;
  /* one item per person and vault: an earlier one (of another OS account's, or without
   * one) goes first */
  secret_service_clear_sync (service, device_key_schema (), attributes, cancellable, NULL);
  g_hash_table_insert (attributes, g_strdup ("os-user"), this_os_user ());
  value = secret_value_new ((const char *) alcove_secret_get_data (device_key),
                            (gssize) alcove_secret_get_size (device_key),
                            "application/octet-stream");
  if (!secret_service_store_sync (service, device_key_schema (), attributes,
                                  SECRET_COLLECTION_DEFAULT,
                                  _("Alcove vault key for this computer"),
                                  value, cancellable, &local_error))
    {
      set_service_error (error, local_error);
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

/* The people of the vault with an item in this keyring, whatever its state; no secret is
 * read */
static GStrv
people_in_keyring (SecretService  *service,
                   const char     *vault_uuid,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(GHashTable) attributes = secret_attributes_build (device_key_schema (),
                                                              "vault-uuid", vault_uuid, NULL);
  g_autoptr(GStrvBuilder) people = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autolist(SecretItem) items = NULL;
  g_autoptr(GError) local_error = NULL;

  items = secret_service_search_sync (service, device_key_schema (), attributes,
                                      SECRET_SEARCH_ALL, cancellable, &local_error);
  if (local_error != NULL)
    {
      set_service_error (error, local_error);
      return NULL;
    }
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) item_attributes = secret_item_get_attributes (l->data);
      const char *user = g_hash_table_lookup (item_attributes, "user-uuid");

      if (user != NULL && !g_ptr_array_find_with_equal_func (seen, user, g_str_equal, NULL))
        {
          g_ptr_array_add (seen, g_strdup (user));
          g_strv_builder_add (people, user);
        }
    }
  return g_strv_builder_end (people);
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
  g_autoptr(SecretService) service = get_service (cancellable, error);
  g_autoptr(GHashTable) attributes = attributes_for (vault_uuid, user_uuid);
  g_autolist(SecretItem) items = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SecretValue) value = NULL;
  const char *data;
  gsize size;

  if (service == NULL)
    return NULL;

  /* No SECRET_SEARCH_UNLOCK: a locked keyring must never raise a prompt from here. */
  items = secret_service_search_sync (service, device_key_schema (), attributes,
                                      SECRET_SEARCH_LOAD_SECRETS, cancellable, &local_error);
  if (local_error != NULL)
    {
      set_service_error (error, local_error);
      return NULL;
    }
  if (items == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                           _("The keyring holds no key for this vault"));
      return NULL;
    }
  if (secret_item_get_locked (items->data) || (value = secret_item_get_secret (items->data)) == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_LOCKED,
                           _("The login keyring is locked"));
      return NULL;
    }
  if (binding != NULL)
    {
      g_autoptr(GHashTable) item_attributes = secret_item_get_attributes (items->data);
      g_autofree char *os_user = this_os_user ();

      binding->stored_here = g_strcmp0 (g_hash_table_lookup (item_attributes, "os-user"),
                                        os_user) == 0;
      binding->people = people_in_keyring (service, vault_uuid, cancellable, error);
      if (binding->people == NULL)
        return NULL;
    }
  data = secret_value_get (value, &size);
  return alcove_secret_new_from_data (data, size);
}

gboolean
alcove_keyring_remove (const char    *vault_uuid,
                       const char    *user_uuid,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(SecretService) service = get_service (cancellable, error);
  g_autoptr(GHashTable) attributes = attributes_for (vault_uuid, user_uuid);
  g_autoptr(GError) local_error = NULL;

  if (service == NULL)
    return FALSE;
  secret_service_clear_sync (service, device_key_schema (), attributes, cancellable, &local_error);
  if (local_error != NULL)
    {
      set_service_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* ---- without blocking: the same D-Bus calls, answered on the caller's main context ---- */

typedef struct
{
  GHashTable  *attributes;
  SecretValue *value;       /* storing only */
} KeyringCall;

static void
keyring_call_free (KeyringCall *call)
{
  g_clear_pointer (&call->attributes, g_hash_table_unref);
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

/* As get_service(); the task is answered if there is none */
static void
get_service_async (GTask               *task,
                   GAsyncReadyCallback  ready)
{
  if (!session_bus_reachable ())
    {
      g_task_return_new_error (task, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_UNAVAILABLE,
                               _("No keyring is running in this session"));
      g_object_unref (task);
      return;
    }
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, g_task_get_cancellable (task), ready, task);
}

/* NULL once the task was answered (and its reference dropped) */
static SecretService *
get_service_finish (GTask        *task,
                    GAsyncResult *result)
{
  g_autoptr(GError) local_error = NULL;
  SecretService *service = secret_service_get_finish (result, &local_error);

  if (service == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&local_error));
      else
        g_task_return_new_error (task, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_UNAVAILABLE,
                                 _("The keyring could not be reached: %s"),
                                 local_error->message);
      g_object_unref (task);
    }
  return service;
}

/* Takes the task's reference */
static void
return_call (GTask  *task,
             GError *cause)
{
  GError *error = NULL;

  if (cause == NULL)
    g_task_return_boolean (task, TRUE);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_error_copy (cause));
  else
    {
      set_service_error (&error, cause);
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

  secret_service_store_finish (SECRET_SERVICE (source), result, &error);
  return_call (user_data, error);
}

static void
service_to_store_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  g_autoptr(SecretService) service = get_service_finish (task, result);

  if (service == NULL)
    return;
  secret_service_store (service, device_key_schema (), call->attributes,
                        SECRET_COLLECTION_DEFAULT, _("Alcove vault key for this computer"),
                        call->value, g_task_get_cancellable (task), stored_cb, task);
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
  call = g_task_get_task_data (task);
  call->value = secret_value_new ((const char *) alcove_secret_get_data (device_key),
                                  (gssize) alcove_secret_get_size (device_key),
                                  "application/octet-stream");
  get_service_async (task, service_to_store_cb);
}

gboolean
alcove_keyring_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  secret_service_clear_finish (SECRET_SERVICE (source), result, &error);
  return_call (user_data, error);
}

static void
service_to_clear_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  g_autoptr(SecretService) service = get_service_finish (task, result);

  if (service == NULL)
    return;
  secret_service_clear (service, device_key_schema (), call->attributes,
                        g_task_get_cancellable (task), cleared_cb, task);
}

/* As alcove_keyring_remove(), without waiting for the keyring */
void
alcove_keyring_remove_async (const char          *vault_uuid,
                             const char          *user_uuid,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (vault_uuid != NULL && user_uuid != NULL);

  get_service_async (new_call (vault_uuid, user_uuid, cancellable, callback, user_data,
                               alcove_keyring_remove_async),
                     service_to_clear_cb);
}

gboolean
alcove_keyring_remove_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
