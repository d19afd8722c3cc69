/* alcove-vault.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "alcove-attempts.h"
#include "alcove-keyring.h"
#include "alcove-password-quality.h"
#include "alcove-vault-private.h"

/* A vault directory: vault.keys, practice.db, notes-<user>.db, private-<user>.db.
 * Locked, it holds only the parsed header; unlocked, one connection with the stores the
 * signed-in user may open ATTACHed, and their keys in locked memory. */

G_DEFINE_FINAL_TYPE (AlcoveVault, alcove_vault, G_TYPE_OBJECT)

G_DEFINE_QUARK (alcove-vault-error-quark, alcove_vault_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_LOCKED,
  PROP_CURRENT_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PRACTICE_DB "practice"
#define CALIBRATION_TARGET_MS 500

static void
alcove_vault_dispose (GObject *object)
{
  alcove_vault_lock (ALCOVE_VAULT (object));

  G_OBJECT_CLASS (alcove_vault_parent_class)->dispose (object);
}

static void
alcove_vault_finalize (GObject *object)
{
  AlcoveVault *self = ALCOVE_VAULT (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->header, alcove_header_free);
  g_clear_pointer (&self->database_keys, g_hash_table_unref);

  G_OBJECT_CLASS (alcove_vault_parent_class)->finalize (object);
}

static void
alcove_vault_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AlcoveVault *self = ALCOVE_VAULT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, alcove_vault_get_locked (self));
      break;
    case PROP_CURRENT_USER:
      g_value_set_object (value, self->current_user);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_vault_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AlcoveVault *self = ALCOVE_VAULT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_vault_class_init (AlcoveVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alcove_vault_dispose;
  object_class->finalize = alcove_vault_finalize;
  object_class->get_property = alcove_vault_get_property;
  object_class->set_property = alcove_vault_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_USER] =
    g_param_spec_object ("current-user", NULL, NULL, ALCOVE_TYPE_USER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alcove_vault_init (AlcoveVault *self)
{
  self->database_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) alcove_secret_free);
}

AlcoveVault *
alcove_vault_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (ALCOVE_TYPE_VAULT, "path", path, NULL);
}

char *
alcove_vault_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "alcove", "vault", NULL);
}

const char *
alcove_vault_get_path (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);
  return self->path;
}

gboolean
alcove_vault_exists (AlcoveVault *self)
{
  g_autofree char *header = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  header = g_build_filename (self->path, ALCOVE_HEADER_FILE, NULL);
  return g_file_test (header, G_FILE_TEST_EXISTS);
}

/* Reads the header without unlocking: enough for the login page and `alcovectl info`. */
gboolean
alcove_vault_load (AlcoveVault  *self,
                   GError      **error)
{
  AlcoveHeader *header;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  header = alcove_header_load (self->path, error);
  if (header == NULL)
    return FALSE;
  g_clear_pointer (&self->header, alcove_header_free);
  self->header = header;
  return TRUE;
}

const char *
alcove_vault_get_uuid (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self) && self->header != NULL, NULL);
  return self->header->vault_uuid;
}

const char *
alcove_vault_get_practice_name (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self) && self->header != NULL, NULL);
  return self->header->practice_name;
}

int
alcove_vault_get_format_version (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self) && self->header != NULL, 0);
  return self->header->version;
}

static gboolean
user_has_keyring_slot (const AlcoveHeaderUser *user)
{
  for (guint i = 0; i < user->slots->len; i++)
    if (g_str_equal (((AlcoveHeaderSlot *) g_ptr_array_index (user->slots, i))->kind, "keyring"))
      return TRUE;
  return FALSE;
}

static AlcoveUser *
user_object (const AlcoveHeaderUser *user)
{
  return alcove_user_new (user->uuid, user->username, user->full_name, user->role,
                          user->disabled, user_has_keyring_slot (user));
}

GListModel *
alcove_vault_list_users (AlcoveVault *self)
{
  GListStore *store = g_list_store_new (ALCOVE_TYPE_USER);

  g_return_val_if_fail (ALCOVE_IS_VAULT (self) && self->header != NULL, G_LIST_MODEL (store));

  for (guint i = 0; i < self->header->users->len; i++)
    {
      g_autoptr(AlcoveUser) user = user_object (g_ptr_array_index (self->header->users, i));
      g_list_store_append (store, user);
    }
  return G_LIST_MODEL (store);
}

GStrv
alcove_vault_dup_file_names (AlcoveVault *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ALCOVE_IS_VAULT (self) && self->header != NULL, NULL);

  g_strv_builder_add (builder, ALCOVE_HEADER_FILE);
  for (guint i = 0; i < self->header->databases->len; i++)
    g_strv_builder_add (builder,
                        ((AlcoveHeaderDatabase *) g_ptr_array_index (self->header->databases, i))->file);
  return g_strv_builder_end (builder);
}

gboolean
alcove_username_is_valid (const char *username)
{
  gsize len = username ? strlen (username) : 0;

  if (len == 0 || len > 32 || !g_ascii_isalnum (username[0]))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (username[i]) && !strchr ("._-", username[i]))
      return FALSE;
  return TRUE;
}

/* ---- shared helpers ---- */

gboolean
alcove_vault_get_locked (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), TRUE);
  return self->database == NULL;
}

gboolean
alcove_vault_require_unlocked (AlcoveVault  *self,
                               GError      **error)
{
  if (alcove_vault_get_locked (self))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_LOCKED,
                           _("The vault is locked; unlock it first"));
      return FALSE;
    }
  return TRUE;
}

AlcoveUser *
alcove_vault_get_current_user (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);
  return self->current_user;
}

gboolean
alcove_vault_is_recovery_session (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  return !alcove_vault_get_locked (self) && self->current_user == NULL;
}

const char *
alcove_vault_get_unlock_method (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);
  return self->unlock_method;
}

gboolean
alcove_vault_can_open_database (AlcoveVault *self,
                                const char  *database_id)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  return g_hash_table_contains (self->database_keys, database_id);
}

const char *
alcove_vault_actor (AlcoveVault *self)
{
  return self->current_user ? alcove_user_get_uuid (self->current_user) : ALCOVE_ACTOR_RECOVERY;
}

AlcoveDatabase *
alcove_vault_get_database (AlcoveVault *self)
{
  return self->database;
}

AlcoveAudit *
alcove_vault_get_audit (AlcoveVault *self)
{
  return self->audit;
}

/* "practice" → main; "notes:<uuid>" → notes_<hex>; "private:<uuid>" → private_<hex> */
char *
alcove_vault_schema_for (const char *database_id)
{
  g_autoptr(GString) schema = NULL;

  if (g_str_equal (database_id, PRACTICE_DB))
    return g_strdup ("main");
  schema = g_string_new (database_id);
  g_string_replace (schema, ":", "_", 1);
  g_string_replace (schema, "-", "", 0);
  return g_string_free (g_steal_pointer (&schema), FALSE);
}

void
alcove_vault_foreach_key (AlcoveVault   *self,
                          AlcoveKeyFunc  func,
                          gpointer       user_data)
{
  GHashTableIter iter;
  gpointer name, key;

  g_hash_table_iter_init (&iter, self->database_keys);
  while (g_hash_table_iter_next (&iter, &name, &key))
    func (name, key, user_data);
  if (self->user_key != NULL)
    func ("user-key", self->user_key, user_data);
}

/* After the header changed the account (a keyring slot added or removed) */
void
alcove_vault_refresh_current_user (AlcoveVault *self)
{
  AlcoveHeaderUser *user;

  if (self->current_user == NULL)
    return;
  user = alcove_header_find_user (self->header, alcove_user_get_uuid (self->current_user));
  g_clear_object (&self->current_user);
  self->current_user = user_object (user);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_USER]);
}

AlcoveHeader *
alcove_vault_copy_header (AlcoveVault *self)
{
  g_autofree char *text = alcove_header_serialize (self->header, TRUE);

  return alcove_header_parse (text, strlen (text), NULL);
}

void
alcove_vault_audit (AlcoveVault *self,
                    const char  *action,
                    const char  *object_id,
                    const char  *details)
{
  g_autoptr(GError) error = NULL;

  if (self->audit == NULL)
    return;
  if (!alcove_audit_append (self->audit, alcove_vault_actor (self), action, object_id, details,
                            NULL, &error))
    g_warning ("Could not write to the audit log: %s", error->message);
}

gboolean
alcove_vault_save_header (AlcoveVault   *self,
                          AlcoveHeader  *header,
                          GError       **error)
{
  AlcoveSecret *practice_key = g_hash_table_lookup (self->database_keys, PRACTICE_DB);

  g_assert (practice_key != NULL);
  return alcove_header_save (header, self->path, practice_key, error);
}

/* ---- key wrapping ---- */

static const AlcoveKdfParams *
calibrated_kdf (void)
{
  static gsize once = 0;
  static AlcoveKdfParams params;

  if (g_once_init_enter (&once))
    {
      alcove_crypto_calibrate_kdf (CALIBRATION_TARGET_MS, &params);
      g_once_init_leave (&once, 1);
    }
  return &params;
}

AlcoveHeaderSlot *
alcove_vault_make_password_slot (AlcoveVault            *self,
                                 AlcoveHeaderUser       *user,
                                 const AlcoveSecret     *user_key,
                                 const AlcoveSecret     *password,
                                 const AlcoveKdfParams  *kdf,
                                 GError                **error)
{
  AlcoveHeader *header = self->header;
  AlcoveHeaderSlot *slot = g_new0 (AlcoveHeaderSlot, 1);
  g_autoptr(AlcoveSecret) kek = NULL;
  g_autofree char *ad = NULL;

  slot->id = g_uuid_string_random ();
  slot->kind = g_strdup ("password");
  slot->kdf = kdf ? *kdf : *calibrated_kdf ();
  slot->salt = alcove_crypto_random_bytes (ALCOVE_SALT_SIZE);
  ad = alcove_header_slot_ad (header, user, slot);
  kek = alcove_crypto_derive_kek (password, slot->salt, &slot->kdf, error);
  if (kek == NULL || !alcove_crypto_wrap (kek, user_key, ad, &slot->nonce, &slot->wrapped, error))
    {
      alcove_header_slot_free (slot);
      return NULL;
    }
  return slot;
}

gboolean
alcove_vault_grant (AlcoveHeader        *header,
                    AlcoveHeaderUser    *user,
                    const char          *database_id,
                    const AlcoveSecret  *database_key,
                    GError             **error)
{
  AlcoveHeaderGrant *grant = g_new0 (AlcoveHeaderGrant, 1);
  g_autofree char *ad = alcove_header_grant_ad (header, user->uuid, database_id);

  grant->user = g_strdup (user->uuid);
  grant->database = g_strdup (database_id);
  if (!alcove_crypto_seal (user->public_key, database_key, ad,
                           &grant->ephemeral, &grant->nonce, &grant->wrapped, error))
    {
      alcove_header_grant_free (grant);
      return FALSE;
    }
  g_ptr_array_add (header->grants, grant);
  return TRUE;
}

gboolean
alcove_vault_seal_for_recovery (AlcoveHeader        *header,
                                const char          *database_id,
                                const AlcoveSecret  *database_key,
                                GError             **error)
{
  AlcoveHeaderRecoveryWrap *wrap = g_new0 (AlcoveHeaderRecoveryWrap, 1);
  g_autofree char *ad = alcove_header_recovery_ad (header, database_id);

  wrap->database = g_strdup (database_id);
  if (!alcove_crypto_seal (header->recovery_public, database_key, ad,
                           &wrap->ephemeral, &wrap->nonce, &wrap->wrapped, error))
    {
      alcove_header_recovery_wrap_free (wrap);
      return FALSE;
    }
  g_ptr_array_add (header->recovery_wraps, wrap);
  return TRUE;
}

static AlcoveStoreKind
store_kind_for (const char *database_id)
{
  if (g_str_has_prefix (database_id, "notes:"))
    return ALCOVE_STORE_NOTES;
  if (g_str_has_prefix (database_id, "private:"))
    return ALCOVE_STORE_PRIVATE;
  return ALCOVE_STORE_PRACTICE;
}

static char *
file_name_for (const char *database_id)
{
  if (g_str_equal (database_id, PRACTICE_DB))
    return g_strdup ("practice.db");
  if (g_str_has_prefix (database_id, "notes:"))
    return g_strdup_printf ("notes-%s.db", database_id + strlen ("notes:"));
  return g_strdup_printf ("private-%s.db", database_id + strlen ("private:"));
}

/* Makes a new encrypted store file at its latest version and records it in the header. */
gboolean
alcove_vault_create_store (AlcoveVault         *self,
                           const char          *vault_dir,
                           AlcoveHeader        *header,
                           const char          *database_id,
                           const AlcoveSecret  *database_key,
                           GError             **error)
{
  g_autofree char *file = file_name_for (database_id);
  g_autofree char *path = g_build_filename (vault_dir, file, NULL);
  g_autoptr(AlcoveDatabase) database = NULL;
  AlcoveHeaderDatabase *entry = g_new0 (AlcoveHeaderDatabase, 1);
  AlcoveCipherSettings settings = { 0 };

  alcove_cipher_settings_native (&settings);
  entry->id = g_strdup (database_id);
  entry->file = g_strdup (file);
  entry->sqlcipher = g_steal_pointer (&settings.sqlcipher);
  entry->compatibility = settings.compatibility;
  entry->page_size = settings.page_size;
  entry->hmac = g_steal_pointer (&settings.hmac);
  entry->kdf = g_steal_pointer (&settings.kdf);
  g_ptr_array_add (header->databases, entry);

  database = alcove_database_open (path, database_key, NULL, TRUE, error);
  if (database == NULL)
    return FALSE;
  return alcove_database_migrate (database, "main", store_kind_for (database_id), -1, error);
}

/* ---- creating ---- */

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
check_setup (const AlcoveVaultSetup  *setup,
             GError                 **error)
{
  if (is_blank (setup->practice_name))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Enter the practice’s name"));
      return FALSE;
    }
  if (is_blank (setup->full_name))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Enter the owner’s full name"));
      return FALSE;
    }
  if (!alcove_username_is_valid (setup->username))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("A username is 1 to 32 letters, digits, dots, dashes or underscores, "
                             "starting with a letter or digit"));
      return FALSE;
    }
  return alcove_password_quality_check (setup->password, setup->username, NULL, error);
}

/* The target must be absent or an empty directory: a vault is never created over files. */
static gboolean
check_target (const char  *path,
              GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *header = g_build_filename (path, ALCOVE_HEADER_FILE, NULL);

  if (g_file_test (header, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS,
                   _("A vault already exists in %s; Alcove will not overwrite it"), path);
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL || g_dir_read_name (dir) != NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS,
                   _("%s is not an empty folder; choose a new or empty folder for the vault"),
                   path);
      return FALSE;
    }
  return TRUE;
}

static char *
make_staging_dir (const char  *path,
                  GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = NULL;
  char *staging;

  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not create the folder %s: %s"), parent, g_strerror (saved_errno));
      return NULL;
    }
  template = g_strdup_printf ("%s/.%s.creating-XXXXXX", parent, base);
  staging = g_mkdtemp_full (g_steal_pointer (&template), 0700);
  if (staging == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not write in %s: %s"), parent, g_strerror (saved_errno));
    }
  return staging;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static AlcoveHeaderUser *
new_user_with_key (AlcoveHeader  *header,
                   const char    *username,
                   const char    *full_name,
                   AlcoveRole     role,
                   AlcoveSecret **user_key)
{
  AlcoveHeaderUser *user = alcove_header_user_new (username, full_name, role);

  *user_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  user->public_key = alcove_crypto_public_key (*user_key, ALCOVE_PURPOSE_USER);
  g_ptr_array_add (header->users, user);
  return user;
}

/* Builds the whole vault in a hidden sibling folder and renames it into place: a vault is
 * either complete or absent, whatever fails on the way. */
static gboolean
build_vault (AlcoveVault             *self,
             const char              *staging,
             const AlcoveVaultSetup  *setup,
             AlcoveSecret            *recovery_key,
             GError                 **error)
{
  g_autoptr(AlcoveSecret) user_key = NULL;
  g_autoptr(AlcoveSecret) practice_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveDatabase) database = NULL;
  g_autoptr(AlcoveAudit) audit = NULL;
  g_autofree char *practice_path = g_build_filename (staging, "practice.db", NULL);
  AlcoveHeader *header = self->header;
  AlcoveHeaderUser *owner;
  AlcoveHeaderSlot *slot;

  header->recovery_public = alcove_crypto_public_key (recovery_key, ALCOVE_PURPOSE_RECOVERY);
  owner = new_user_with_key (header, setup->username, setup->full_name, ALCOVE_ROLE_OWNER,
                             &user_key);
  slot = alcove_vault_make_password_slot (self, owner, user_key, setup->password, setup->kdf,
                                          error);
  if (slot == NULL)
    return FALSE;
  g_ptr_array_add (owner->slots, slot);

  if (!alcove_vault_create_store (self, staging, header, PRACTICE_DB, practice_key, error) ||
      !alcove_vault_grant (header, owner, PRACTICE_DB, practice_key, error) ||
      !alcove_vault_seal_for_recovery (header, PRACTICE_DB, practice_key, error))
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf (i == 0 ? "notes:%s" : "private:%s", owner->uuid);
      g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);

      if (!alcove_vault_create_store (self, staging, header, id, key, error) ||
          !alcove_vault_grant (header, owner, id, key, error) ||
          !alcove_vault_seal_for_recovery (header, id, key, error))
        return FALSE;
    }

  database = alcove_database_open (practice_path, practice_key, NULL, FALSE, error);
  if (database == NULL)
    return FALSE;
  audit = alcove_audit_new (database, practice_key);
  if (!alcove_audit_append (audit, owner->uuid, ALCOVE_AUDIT_VAULT_CREATE, header->vault_uuid,
                            NULL, NULL, error) ||
      !alcove_audit_append (audit, owner->uuid, ALCOVE_AUDIT_USER_ADD, owner->uuid,
                            "{\"role\":\"owner\"}", NULL, error))
    return FALSE;
  alcove_database_close (database);

  return alcove_header_save (header, staging, practice_key, error);
}

gboolean
alcove_vault_create (AlcoveVault             *self,
                     const AlcoveVaultSetup  *setup,
                     AlcoveSecret           **recovery_code,
                     GError                 **error)
{
  g_autoptr(AlcoveSecret) recovery_key = NULL;
  g_autofree char *staging = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (setup != NULL && recovery_code != NULL, FALSE);

  if (!check_setup (setup, error) || !check_target (self->path, error))
    return FALSE;
  staging = make_staging_dir (self->path, error);
  if (staging == NULL)
    return FALSE;

  g_clear_pointer (&self->header, alcove_header_free);
  self->header = alcove_header_new (setup->practice_name);
  recovery_key = setup->recovery_key ? alcove_secret_copy (setup->recovery_key)
                                      : alcove_secret_new_random (ALCOVE_KEY_SIZE);

  if (!build_vault (self, staging, setup, recovery_key, error))
    {
      remove_tree (staging);
      g_clear_pointer (&self->header, alcove_header_free);
      return FALSE;
    }
  /* rename(2) replaces an empty directory atomically. */
  if (g_rename (staging, self->path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not move the new vault into %s: %s"), self->path,
                   g_strerror (saved_errno));
      remove_tree (staging);
      g_clear_pointer (&self->header, alcove_header_free);
      return FALSE;
    }

  *recovery_code = alcove_crypto_recovery_code_format (recovery_key);
  return TRUE;
}

/* ---- unlocking ---- */

static gboolean
attach_stores (AlcoveVault  *self,
               GError      **error)
{
  for (guint i = 0; i < self->header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (self->header->databases, i);
      AlcoveSecret *key = g_hash_table_lookup (self->database_keys, entry->id);
      g_autofree char *schema = alcove_vault_schema_for (entry->id);
      g_autofree char *path = g_build_filename (self->path, entry->file, NULL);
      AlcoveCipherSettings settings = { entry->sqlcipher, entry->compatibility, entry->page_size,
                                        entry->hmac, entry->kdf };

      if (key == NULL || g_str_equal (entry->id, PRACTICE_DB))
        continue;
      if (!alcove_database_attach (self->database, path, schema, key, &settings, FALSE, error) ||
          !alcove_database_migrate (self->database, schema, store_kind_for (entry->id), -1, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
open_database (AlcoveVault  *self,
               GError      **error)
{
  AlcoveSecret *practice_key = g_hash_table_lookup (self->database_keys, PRACTICE_DB);
  AlcoveHeaderDatabase *entry = alcove_header_find_database (self->header, PRACTICE_DB);
  g_autofree char *path = NULL;
  AlcoveCipherSettings settings = { 0 };

  if (practice_key == NULL || entry == NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s grants no access to practice.db; restore it from a backup"),
                   ALCOVE_HEADER_FILE);
      return FALSE;
    }
  /* Checked before any database is touched: an edited header opens nothing. */
  if (!alcove_header_check_mac (self->header, practice_key))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s was changed outside Alcove; restore it from a backup"),
                   ALCOVE_HEADER_FILE);
      return FALSE;
    }

  settings = (AlcoveCipherSettings) { entry->sqlcipher, entry->compatibility, entry->page_size,
                                      entry->hmac, entry->kdf };
  path = g_build_filename (self->path, entry->file, NULL);
  self->database = alcove_database_open (path, practice_key, &settings, FALSE, error);
  if (self->database == NULL ||
      !alcove_database_migrate (self->database, "main", ALCOVE_STORE_PRACTICE, -1, error) ||
      !attach_stores (self, error))
    return FALSE;

  self->audit = alcove_audit_new (self->database, practice_key);
  return TRUE;
}

static void
audit_failed_attempts (AlcoveVault *self)
{
  g_autoptr(GPtrArray) failures = alcove_attempts_take (self->header->vault_uuid);

  for (guint i = 0; i < failures->len; i++)
    {
      AlcoveFailedAttempts *attempts = g_ptr_array_index (failures, i);
      AlcoveHeaderUser *user = alcove_header_find_user (self->header, attempts->username);
      g_autofree char *count = g_strdup_printf ("%u", attempts->count);
      g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, attempts->first_ms);
      g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT, attempts->last_ms);
      g_autofree char *details = alcove_audit_details ("count", count, "first_ms", first,
                                                       "last_ms", last,
                                                       "known_user", user ? "yes" : "no", NULL);

      /* An unknown name is not recorded: it may be a password typed into the wrong field. */
      alcove_vault_audit (self, ALCOVE_AUDIT_VAULT_UNLOCK_FAILED, user ? user->uuid : "", details);
    }
}

static gboolean
finish_unlock (AlcoveVault       *self,
               AlcoveHeaderUser  *user,
               const char        *method,
               GError           **error)
{
  g_autofree char *details = alcove_audit_details ("slot", method, NULL);

  if (!open_database (self, error))
    {
      alcove_vault_lock (self);
      return FALSE;
    }
  self->current_user = user ? user_object (user) : NULL;
  self->unlock_method = g_strdup (method);

  audit_failed_attempts (self);
  alcove_vault_audit (self, user ? ALCOVE_AUDIT_VAULT_UNLOCK : ALCOVE_AUDIT_RECOVERY_USE,
                      user ? user->uuid : self->header->vault_uuid, details);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_USER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  return TRUE;
}

/* With the user key in hand: open every grant sealed to this user. */
static gboolean
unlock_with_user_key (AlcoveVault       *self,
                      AlcoveHeaderUser  *user,
                      AlcoveSecret      *user_key,
                      const char        *method,
                      GError           **error)
{
  for (guint i = 0; i < self->header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (self->header->grants, i);
      g_autofree char *ad = NULL;
      AlcoveSecret *key;

      if (!g_str_equal (grant->user, user->uuid))
        continue;
      ad = alcove_header_grant_ad (self->header, user->uuid, grant->database);
      key = alcove_crypto_open_sealed (user_key, ALCOVE_PURPOSE_USER, grant->ephemeral,
                                       grant->nonce, grant->wrapped, ad, NULL);
      if (key == NULL)
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                       _("%s is damaged: a key for %s does not open; restore it from a backup"),
                       ALCOVE_HEADER_FILE, user->username);
          g_hash_table_remove_all (self->database_keys);
          alcove_secret_free (user_key);
          return FALSE;
        }
      g_hash_table_insert (self->database_keys, g_strdup (grant->database), key);
    }
  self->user_key = user_key;
  return finish_unlock (self, user, method, error);
}

static gboolean
begin_unlock (AlcoveVault  *self,
              GError      **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  alcove_vault_lock (self);
  /* Always the header on disk now, not one read earlier. */
  return alcove_vault_load (self, error);
}

static AlcoveHeaderUser *
find_active_user (AlcoveVault  *self,
                  const char   *username,
                  GError      **error)
{
  AlcoveHeaderUser *user = alcove_header_find_user (self->header, username);

  if (user == NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                   _("There is no account named “%s” in this vault"), username);
      return NULL;
    }
  if (user->disabled)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                   _("The account “%s” is disabled; ask the practice owner"), username);
      return NULL;
    }
  return user;
}

/* Tries the password against each password slot of the user; NULL when none opens. */
static AlcoveSecret *
open_password_slot (AlcoveVault         *self,
                    AlcoveHeaderUser    *user,
                    const AlcoveSecret  *password,
                    GError             **error)
{
  for (guint i = 0; i < user->slots->len; i++)
    {
      AlcoveHeaderSlot *slot = g_ptr_array_index (user->slots, i);
      g_autoptr(AlcoveSecret) kek = NULL;
      g_autofree char *ad = NULL;
      AlcoveSecret *user_key;

      if (!g_str_equal (slot->kind, "password"))
        continue;
      kek = alcove_crypto_derive_kek (password, slot->salt, &slot->kdf, error);
      if (kek == NULL)
        return NULL;
      ad = alcove_header_slot_ad (self->header, user, slot);
      user_key = alcove_crypto_unwrap (kek, slot->nonce, slot->wrapped, ad, NULL);
      if (user_key != NULL)
        return user_key;
    }
  return NULL;
}

gboolean
alcove_vault_unlock_with_password (AlcoveVault         *self,
                                   const char          *username,
                                   const AlcoveSecret  *password,
                                   GError             **error)
{
  g_autoptr(GError) kdf_error = NULL;
  AlcoveHeaderUser *user;
  AlcoveSecret *user_key;

  g_return_val_if_fail (username != NULL && password != NULL, FALSE);

  if (!begin_unlock (self, error))
    return FALSE;

  user = find_active_user (self, username, error);
  if (user != NULL)
    {
      user_key = open_password_slot (self, user, password, &kdf_error);
      if (user_key != NULL)
        return unlock_with_user_key (self, user, user_key, "password", error);
      if (kdf_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&kdf_error));
          return FALSE;
        }
    }

  alcove_attempts_record_failure (self->header->vault_uuid, username);
  if (user != NULL)
    g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                 _("The password for “%s” is not correct"), username);
  return FALSE;
}

gboolean
alcove_vault_unlock_with_keyring (AlcoveVault   *self,
                                  const char    *username,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(AlcoveSecret) device_key = NULL;
  AlcoveHeaderUser *user;

  if (!begin_unlock (self, error))
    return FALSE;
  user = find_active_user (self, username, error);
  if (user == NULL)
    return FALSE;
  if (!user_has_keyring_slot (user))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                           _("Keyring unlock is not set up for this account"));
      return FALSE;
    }
  device_key = alcove_keyring_lookup (self->header->vault_uuid, user->uuid, cancellable, error);
  if (device_key == NULL)
    return FALSE;

  for (guint i = 0; i < user->slots->len; i++)
    {
      AlcoveHeaderSlot *slot = g_ptr_array_index (user->slots, i);
      g_autofree char *ad = NULL;
      AlcoveSecret *user_key;

      if (!g_str_equal (slot->kind, "keyring"))
        continue;
      ad = alcove_header_slot_ad (self->header, user, slot);
      user_key = alcove_crypto_unwrap (device_key, slot->nonce, slot->wrapped, ad, NULL);
      if (user_key != NULL)
        return unlock_with_user_key (self, user, user_key, "keyring", error);
    }
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                       _("The key saved in the login keyring no longer opens this vault"));
  return FALSE;
}

gboolean
alcove_vault_unlock_with_recovery_key (AlcoveVault         *self,
                                       const AlcoveSecret  *recovery_code,
                                       GError             **error)
{
  g_autoptr(AlcoveSecret) recovery_key = NULL;
  g_autoptr(GBytes) public_key = NULL;

  g_return_val_if_fail (recovery_code != NULL, FALSE);

  if (!begin_unlock (self, error))
    return FALSE;
  recovery_key = alcove_crypto_recovery_code_parse (recovery_code, error);
  if (recovery_key == NULL)
    return FALSE;
  public_key = alcove_crypto_public_key (recovery_key, ALCOVE_PURPOSE_RECOVERY);
  if (!g_bytes_equal (public_key, self->header->recovery_public))
    {
      alcove_attempts_record_failure (self->header->vault_uuid, ALCOVE_ACTOR_RECOVERY);
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                           _("That recovery key belongs to another vault, or was replaced"));
      return FALSE;
    }

  for (guint i = 0; i < self->header->recovery_wraps->len; i++)
    {
      AlcoveHeaderRecoveryWrap *wrap = g_ptr_array_index (self->header->recovery_wraps, i);
      g_autofree char *ad = alcove_header_recovery_ad (self->header, wrap->database);
      AlcoveSecret *key = alcove_crypto_open_sealed (recovery_key, ALCOVE_PURPOSE_RECOVERY,
                                                     wrap->ephemeral, wrap->nonce,
                                                     wrap->wrapped, ad, NULL);
      if (key == NULL)
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                       _("%s is damaged: the recovery copy of a key does not open; "
                         "restore it from a backup"), ALCOVE_HEADER_FILE);
          g_hash_table_remove_all (self->database_keys);
          return FALSE;
        }
      g_hash_table_insert (self->database_keys, g_strdup (wrap->database), key);
    }
  return finish_unlock (self, NULL, "recovery", error);
}

/* Closing first, then wiping: SQLCipher frees its copies of the keys on close. */
void
alcove_vault_lock (AlcoveVault *self)
{
  gboolean was_unlocked;

  g_return_if_fail (ALCOVE_IS_VAULT (self));

  was_unlocked = self->database != NULL;
  if (self->audit != NULL)
    alcove_vault_audit (self, ALCOVE_AUDIT_VAULT_LOCK, self->header->vault_uuid, NULL);
  g_clear_object (&self->audit);
  if (self->database != NULL)
    alcove_database_close (self->database);
  g_clear_object (&self->database);
  g_hash_table_remove_all (self->database_keys);
  g_clear_pointer (&self->user_key, alcove_secret_free);
  g_clear_pointer (&self->unlock_method, g_free);
  g_clear_object (&self->current_user);

  if (was_unlocked)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_USER]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
    }
}

/* Confirms the signed-in user's password without changing the session, e.g. before a
 * password change in the window. */
gboolean
alcove_vault_check_password (AlcoveVault         *self,
                             const AlcoveSecret  *password,
                             GError             **error)
{
  g_autoptr(AlcoveSecret) user_key = NULL;
  g_autoptr(GError) kdf_error = NULL;
  AlcoveHeaderUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;

  user = self->current_user ? alcove_header_find_user (self->header,
                                                       alcove_user_get_uuid (self->current_user))
                            : NULL;
  if (user != NULL)
    user_key = open_password_slot (self, user, password, &kdf_error);
  if (user_key != NULL)
    return TRUE;
  if (kdf_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&kdf_error));
      return FALSE;
    }
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                       _("The current password is not correct"));
  return FALSE;
}

/* ---- verifying ---- */

/* From the audit log: when `alcove_vault_verify` last succeeded; 0 when never. */
gint64
alcove_vault_get_last_verified_ms (AlcoveVault *self)
{
  sqlite3_stmt *stmt;
  gint64 at_ms = 0;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), 0);

  if (alcove_vault_get_locked (self))
    return 0;
  stmt = alcove_database_prepare (self->database,
                                  "SELECT max(at_ms) FROM audit_log WHERE action = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, ALCOVE_AUDIT_VAULT_VERIFY, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    at_ms = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return at_ms;
}

gboolean
alcove_vault_verify (AlcoveVault         *self,
                     AlcoveVerifyReport  *report,
                     GError             **error)
{
  g_autoptr(AlcoveHeader) on_disk = NULL;
  g_auto(GStrv) schemas = NULL;
  gint64 rows = 0, bad_seq = 0;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;
  on_disk = alcove_header_load (self->path, error);
  if (on_disk == NULL)
    return FALSE;
  if (!alcove_header_check_mac (on_disk, g_hash_table_lookup (self->database_keys, PRACTICE_DB)))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s was changed outside Alcove; restore it from a backup"),
                   ALCOVE_HEADER_FILE);
      return FALSE;
    }

  schemas = alcove_database_dup_schemas (self->database);
  for (guint i = 0; schemas[i] != NULL; i++)
    if (!alcove_database_check_integrity (self->database, schemas[i], error))
      return FALSE;

  if (!alcove_audit_verify (self->audit, &rows, &bad_seq, error))
    return FALSE;
  if (bad_seq != 0)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("The audit log in practice.db was altered at row %" G_GINT64_FORMAT
                     "; keep this copy as evidence and restore the vault from a backup"),
                   bad_seq);
      return FALSE;
    }

  report->n_databases = g_strv_length (schemas);
  report->audit_rows = rows;
  alcove_vault_audit (self, ALCOVE_AUDIT_VAULT_VERIFY, self->header->vault_uuid, NULL);
  return TRUE;
}
