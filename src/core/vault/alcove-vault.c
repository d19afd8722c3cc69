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
#include "alcove-text.h"
#include "alcove-vault-private.h"

/* A vault directory: vault.keys, practice.db, notes-<user>.db, private-<user>.db.
 * Locked, it holds only the parsed header; unlocked, one connection with the stores the
 * signed-in user may open ATTACHed, and their keys in locked memory. */

G_DEFINE_FINAL_TYPE (AlcoveVault, alcove_vault, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_LOCKED,
  PROP_CURRENT_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum { AUDIT_APPENDED, CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

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
  g_clear_pointer (&self->retiring_keys, g_hash_table_unref);
  g_clear_pointer (&self->handovers, g_hash_table_unref);
  g_clear_pointer (&self->emergency_schemas, g_ptr_array_unref);
  g_clear_pointer (&self->restore_marker, alcove_restore_marker_free);
  g_clear_pointer (&self->disabled_since, g_strfreev);

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

  /* A row was added to the audit log, by this session; emitted on the thread that wrote it,
   * so a view updates itself through its main loop */
  signals[AUDIT_APPENDED] = g_signal_new ("audit-appended", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  /**
   * AlcoveVault::changed:
   *
   * A practice record kept without a store object was written: the detail names it
   * ("incidents", "registers"), so a view connects to "changed::incidents".
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
alcove_vault_init (AlcoveVault *self)
{
  self->database_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) alcove_secret_free);
  self->retiring_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  self->handovers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) alcove_secret_free);
  self->emergency_schemas = g_ptr_array_new_with_free_func (g_free);
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

/* The SQLCipher this build encrypts with, for people to read */
const char *
alcove_vault_sqlcipher_version (void)
{
  return alcove_database_sqlcipher_version ();
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
  alcove_vault_replace_header (self, header);
  return TRUE;
}

/* Takes `header` (or NULL) */
void
alcove_vault_replace_header (AlcoveVault  *self,
                             AlcoveHeader *header)
{
  g_clear_pointer (&self->header, alcove_header_free);
  self->header = header;
  self->header_serial++;
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

gboolean
alcove_vault_user_has_keyring_slot (const AlcoveHeaderUser *user)
{
  for (guint i = 0; i < user->slots->len; i++)
    if (g_str_equal (((AlcoveHeaderSlot *) g_ptr_array_index (user->slots, i))->kind, "keyring"))
      return TRUE;
  return FALSE;
}

AlcoveUser *
alcove_vault_user_object (const AlcoveHeaderUser *user)
{
  AlcoveUser *object = alcove_user_new (user->uuid, user->username, user->full_name, user->role,
                                        user->disabled, alcove_vault_user_has_keyring_slot (user));

  alcove_user_set_first_sign_in (object, user->first_sign_in);
  return object;
}

/* After an unlock or a lock; not while a session reopens on re-keyed files, which to its
 * watchers is the same session going on */
void
alcove_vault_notify_session (AlcoveVault *self)
{
  if (self->reopening)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_USER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

GListModel *
alcove_vault_list_users (AlcoveVault *self)
{
  GListStore *store = g_list_store_new (ALCOVE_TYPE_USER);

  g_return_val_if_fail (ALCOVE_IS_VAULT (self) && self->header != NULL, G_LIST_MODEL (store));

  for (guint i = 0; i < self->header->users->len; i++)
    {
      g_autoptr(AlcoveUser) user = alcove_vault_user_object (g_ptr_array_index (self->header->users, i));
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

  if (g_str_equal (database_id, ALCOVE_PRACTICE_DB))
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
  self->current_user = alcove_vault_user_object (user);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_USER]);
}

AlcoveHeader *
alcove_vault_copy_header (AlcoveVault *self)
{
  return alcove_header_copy (self->header);
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
  if (!alcove_audit_append (self->audit, action, object_id, details, NULL, &error))
    g_warning ("Could not write to the audit log: %s", error->message);
}

/* Work that left this thread comes back to the session it began in, with the header it
 * began from: otherwise it changes nothing */
gboolean
alcove_vault_check_unchanged (AlcoveVault  *self,
                              guint64       header_serial,
                              GError      **error)
{
  if (alcove_vault_get_locked (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The vault was locked before this could finish"));
      return FALSE;
    }
  if (header_serial != self->header_serial)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FAILED,
                           _("The vault’s accounts or keys changed meanwhile; nothing was "
                             "changed, try again"));
      return FALSE;
    }
  return TRUE;
}

gboolean
alcove_vault_require_authority (AlcoveVault  *self,
                                GError      **error)
{
  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;
  if (self->authority == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Only the practice owner can change accounts, roles and keys"));
      return FALSE;
    }
  return TRUE;
}

/* Saves a changed copy of the header and makes it the session's (taking it). A change to
 * the authority part is signed, with a higher generation, which needs the authority key:
 * only owners and the recovery key hold it. Slots alone need no signature. */
gboolean
alcove_vault_commit_header (AlcoveVault   *self,
                            AlcoveHeader  *header,
                            GError       **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* an owner's change keeps who holds the emergency key in step with the people */
  if (!alcove_vault_update_emergency_holders (self, header, error))
    {
      alcove_header_free (header);
      return FALSE;
    }
  before = alcove_header_authority_text (self->header);
  after = alcove_header_authority_text (header);
  alcove_vault_stop_worker (self);
  if (!g_str_equal (before, after))
    {
      /* not require_authority: an unlock commits before its stores are open */
      if (self->authority == NULL)
        {
          g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                               _("Only the practice owner can change accounts, roles and keys"));
          alcove_header_free (header);
          return FALSE;
        }
      header->generation = self->header->generation + 1;
      alcove_header_sign_authority (header, self->authority);
    }
  if (!alcove_header_save (header, self->path, error))
    {
      alcove_header_free (header);
      return FALSE;
    }
  alcove_vault_replace_header (self, header);
  return alcove_vault_record_freshness (self, FALSE, error);
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

/* The slot holds the user key and the authority key this user trusts (the pin). */
gboolean
alcove_vault_wrap_slot (AlcoveHeader        *header,
                        AlcoveHeaderUser    *user,
                        AlcoveHeaderSlot    *slot,
                        const AlcoveSecret  *kek,
                        const AlcoveSecret  *user_key,
                        GError             **error)
{
  g_autoptr(AlcoveSecret) plain = alcove_secret_new (2 * ALCOVE_KEY_SIZE);
  g_autofree char *ad = alcove_header_slot_ad (header, user, slot, ALCOVE_HEADER_SIGNED_VERSION);

  g_assert (alcove_secret_get_size (user_key) == ALCOVE_KEY_SIZE);
  g_assert (g_bytes_get_size (header->authority_key) == ALCOVE_KEY_SIZE);

  memcpy (alcove_secret_get_data (plain), alcove_secret_get_data (user_key), ALCOVE_KEY_SIZE);
  memcpy (alcove_secret_get_data (plain) + ALCOVE_KEY_SIZE,
          g_bytes_get_data (header->authority_key, NULL), ALCOVE_KEY_SIZE);
  g_clear_pointer (&slot->nonce, g_bytes_unref);
  g_clear_pointer (&slot->wrapped, g_bytes_unref);
  return alcove_crypto_wrap (kek, plain, ad, &slot->nonce, &slot->wrapped, error);
}

void
alcove_slot_key_free (AlcoveSlotKey *key)
{
  if (key == NULL)
    return;
  g_clear_pointer (&key->salt, g_bytes_unref);
  g_clear_pointer (&key->kek, alcove_secret_free);
  g_free (key);
}

/* `kdf` NULL: calibrated to about half a second (once per process) */
AlcoveSlotKey *
alcove_slot_key_derive (const AlcoveSecret     *password,
                        const AlcoveKdfParams  *kdf,
                        GError                **error)
{
  g_autoptr(AlcoveSlotKey) key = g_new0 (AlcoveSlotKey, 1);

  key->kdf = kdf ? *kdf : *calibrated_kdf ();
  key->salt = alcove_crypto_random_bytes (ALCOVE_SALT_SIZE);
  key->kek = alcove_crypto_derive_kek (password, key->salt, &key->kdf, error);
  if (key->kek == NULL)
    return NULL;
  return g_steal_pointer (&key);
}

AlcoveHeaderSlot *
alcove_vault_make_password_slot (AlcoveHeader           *header,
                                 AlcoveHeaderUser       *user,
                                 const AlcoveSecret     *user_key,
                                 const AlcoveSecret     *password,
                                 const AlcoveKdfParams  *kdf,
                                 GError                **error)
{
  g_autoptr(AlcoveSlotKey) slot_key = alcove_slot_key_derive (password, kdf, error);

  if (slot_key == NULL)
    return NULL;
  return alcove_vault_make_password_slot_with_key (header, user, user_key, slot_key, error);
}

AlcoveHeaderSlot *
alcove_vault_make_password_slot_with_key (AlcoveHeader         *header,
                                          AlcoveHeaderUser     *user,
                                          const AlcoveSecret   *user_key,
                                          const AlcoveSlotKey  *slot_key,
                                          GError              **error)
{
  return alcove_vault_make_secret_slot (header, user, user_key, slot_key, "password", error);
}

/* A slot under a typed secret: "password", or "enrolment" for an enrolment code (its kind
 * is in the associated data, so one never opens as the other) */
AlcoveHeaderSlot *
alcove_vault_make_secret_slot (AlcoveHeader         *header,
                               AlcoveHeaderUser     *user,
                               const AlcoveSecret   *user_key,
                               const AlcoveSlotKey  *slot_key,
                               const char           *kind,
                               GError              **error)
{
  AlcoveHeaderSlot *slot = g_new0 (AlcoveHeaderSlot, 1);

  slot->id = g_uuid_string_random ();
  slot->kind = g_strdup (kind);
  slot->kdf = slot_key->kdf;
  slot->salt = g_bytes_ref (slot_key->salt);
  if (!alcove_vault_wrap_slot (header, user, slot, slot_key->kek, user_key, error))
    {
      alcove_header_slot_free (slot);
      return NULL;
    }
  return slot;
}

/* A user's public keys follow from their user key: X25519 to seal grants to, Ed25519 to
 * sign with. A signing key replaced stays listed after the new one, for old audit rows. */
void
alcove_vault_set_user_keys (AlcoveHeaderUser   *user,
                            const AlcoveSecret *user_key)
{
  g_autoptr(AlcoveSigner) signer = alcove_signer_new (user_key, ALCOVE_SIGNING_USER);
  GBytes *signing_key = alcove_signer_get_public_key (signer);

  g_clear_pointer (&user->public_key, g_bytes_unref);
  user->public_key = alcove_crypto_public_key (user_key, ALCOVE_PURPOSE_USER);
  if (!alcove_header_user_has_signing_key (user, signing_key))
    g_ptr_array_insert (user->signing_keys, 0, g_bytes_ref (signing_key));
}

/* A clinician sharing their own notes signs as themselves, even an owner who is one. */
static gboolean
is_own_notes_for_another (AlcoveVault      *self,
                          AlcoveHeaderUser *user,
                          const char       *database_id)
{
  const char *uuid = self->current_user ? alcove_user_get_uuid (self->current_user) : NULL;
  g_autofree char *own_notes = uuid ? g_strdup_printf ("notes:%s", uuid) : NULL;

  return own_notes != NULL && g_str_equal (database_id, own_notes) &&
         !g_str_equal (user->uuid, uuid);
}

/* Seals a store's key to a user, signed by the authority when this session holds it (an
 * owner), or else by the signed-in person (a clinician sharing their notes). */
gboolean
alcove_vault_grant (AlcoveVault         *self,
                    AlcoveHeader        *header,
                    AlcoveHeaderUser    *user,
                    const char          *database_id,
                    const AlcoveSecret  *database_key,
                    GError             **error)
{
  AlcoveHeaderGrant *grant = g_new0 (AlcoveHeaderGrant, 1);
  g_autofree char *ad = alcove_header_grant_ad (header, user->uuid, database_id);
  g_autofree char *text = NULL;
  gboolean as_authority = self->authority != NULL &&
                          !is_own_notes_for_another (self, user, database_id);
  const AlcoveSigner *signer = as_authority ? self->authority : self->signer;

  g_return_val_if_fail (signer != NULL, FALSE);

  grant->user = g_strdup (user->uuid);
  grant->database = g_strdup (database_id);
  grant->granter = g_strdup (as_authority ? ALCOVE_GRANTER_AUTHORITY
                                          : alcove_user_get_uuid (self->current_user));
  if (!alcove_crypto_seal (user->public_key, database_key, ad,
                           &grant->ephemeral, &grant->nonce, &grant->wrapped, error))
    {
      alcove_header_grant_free (grant);
      return FALSE;
    }
  text = alcove_header_grant_text (header, grant);
  grant->signature = alcove_signer_sign (signer, ALCOVE_GRANT_CONTEXT, text, strlen (text));
  g_ptr_array_add (header->grants, grant);
  return TRUE;
}

gboolean
alcove_vault_seal_for_recovery (AlcoveVault         *self,
                                AlcoveHeader        *header,
                                const char          *database_id,
                                const AlcoveSecret  *database_key,
                                GError             **error)
{
  AlcoveHeaderRecoveryWrap *wrap = g_new0 (AlcoveHeaderRecoveryWrap, 1);
  g_autofree char *ad = alcove_header_recovery_ad (header, database_id);

  g_return_val_if_fail (self->authority != NULL, FALSE);

  wrap->database = g_strdup (database_id);
  if (!alcove_crypto_seal (header->recovery_public, database_key, ad,
                           &wrap->ephemeral, &wrap->nonce, &wrap->wrapped, error))
    {
      alcove_header_recovery_wrap_free (wrap);
      return FALSE;
    }
  alcove_vault_sign_wrap_as_authority (self, header, wrap, ALCOVE_RECOVERY_WRAP_CONTEXT);
  g_ptr_array_add (header->recovery_wraps, wrap);
  return TRUE;
}

/* The grant made, or signed again, by the authority under `context` (current or retiring) */
void
alcove_vault_sign_grant_as_authority (AlcoveVault       *self,
                                      AlcoveHeader      *header,
                                      AlcoveHeaderGrant *grant,
                                      const char        *context)
{
  g_autofree char *text = NULL;

  g_free (grant->granter);
  grant->granter = g_strdup (ALCOVE_GRANTER_AUTHORITY);
  text = alcove_header_grant_text (header, grant);
  g_clear_pointer (&grant->signature, g_bytes_unref);
  grant->signature = alcove_signer_sign (self->authority, context, text, strlen (text));
}

void
alcove_vault_sign_wrap_as_authority (AlcoveVault              *self,
                                     AlcoveHeader             *header,
                                     AlcoveHeaderRecoveryWrap *wrap,
                                     const char               *context)
{
  g_autofree char *text = alcove_header_recovery_wrap_text (header, wrap);

  g_clear_pointer (&wrap->signature, g_bytes_unref);
  wrap->signature = alcove_signer_sign (self->authority, context, text, strlen (text));
}

AlcoveStoreKind
alcove_vault_store_kind_for (const char *database_id)
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
  if (g_str_equal (database_id, ALCOVE_PRACTICE_DB))
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
  AlcoveHeaderDatabase *practice = alcove_header_find_database (header, ALCOVE_PRACTICE_DB);
  AlcoveCipherSettings settings = { 0 };

  /* A store added later keeps the settings the vault was made with, so a workstation with
   * an older SQLCipher still opens it; moving a vault to newer settings is deliberate. */
  if (practice != NULL)
    settings = (AlcoveCipherSettings) { g_strdup (practice->sqlcipher), practice->compatibility,
                                        practice->page_size, g_strdup (practice->hmac),
                                        g_strdup (practice->kdf) };
  else
    alcove_cipher_settings_native (&settings);
  entry->id = g_strdup (database_id);
  entry->file = g_strdup (file);
  entry->sqlcipher = g_steal_pointer (&settings.sqlcipher);
  entry->compatibility = settings.compatibility;
  entry->page_size = settings.page_size;
  entry->hmac = g_steal_pointer (&settings.hmac);
  entry->kdf = g_steal_pointer (&settings.kdf);
  g_ptr_array_add (header->databases, entry);

  settings = (AlcoveCipherSettings) { entry->sqlcipher, entry->compatibility, entry->page_size,
                                      entry->hmac, entry->kdf };
  database = alcove_database_open (path, database_key, &settings, TRUE, error);
  if (database == NULL)
    return FALSE;
  return alcove_database_migrate (database, "main", alcove_vault_store_kind_for (database_id), -1, error);
}

/* ---- creating ---- */

static gboolean
check_setup (const AlcoveVaultSetup  *setup,
             GError                 **error)
{
  if (alcove_text_is_blank (setup->practice_name))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Enter the practice’s name"));
      return FALSE;
    }
  if (alcove_text_is_blank (setup->full_name))
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

/* A new folder beside `path`, hidden and named for what is being done, to build a vault in
 * before it takes its name */
char *
alcove_vault_make_staging (const char  *path,
                           const char  *doing,
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
  template = g_strdup_printf ("%s/.%s.%s-XXXXXX", parent, base, doing);
  staging = g_mkdtemp_full (g_steal_pointer (&template), 0700);
  if (staging == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not write in %s: %s"), parent, g_strerror (saved_errno));
    }
  return staging;
}

void
alcove_vault_remove_staging (const char *dir)
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
  alcove_vault_set_user_keys (user, *user_key);
  g_ptr_array_add (header->users, user);
  return user;
}

/* Each store, and the authority seed, sealed to the owner and to the recovery key. */
static gboolean
create_and_grant (AlcoveVault         *self,
                  const char          *staging,
                  AlcoveHeaderUser    *owner,
                  const char          *id,
                  const AlcoveSecret  *key,
                  GError             **error)
{
  AlcoveHeader *header = self->header;

  if (!g_str_equal (id, ALCOVE_AUTHORITY_ID) &&
      !alcove_vault_create_store (self, staging, header, id, key, error))
    return FALSE;
  return alcove_vault_grant (self, header, owner, id, key, error) &&
         alcove_vault_seal_for_recovery (self, header, id, key, error);
}

static gboolean
write_first_audit_rows (AlcoveVault         *self,
                        const char          *staging,
                        AlcoveHeaderUser    *owner,
                        const AlcoveSecret  *practice_key,
                        const AlcoveSecret  *user_key,
                        GError             **error)
{
  g_autofree char *practice_path = g_build_filename (staging, "practice.db", NULL);
  AlcoveHeaderDatabase *entry = alcove_header_find_database (self->header, ALCOVE_PRACTICE_DB);
  AlcoveCipherSettings settings = { entry->sqlcipher, entry->compatibility, entry->page_size,
                                    entry->hmac, entry->kdf };
  g_autoptr(AlcoveDatabase) database = NULL;
  g_autoptr(AlcoveAudit) audit = NULL;
  g_autoptr(AlcoveSigner) signer = alcove_signer_new (user_key, ALCOVE_SIGNING_USER);

  database = alcove_database_open (practice_path, practice_key, &settings, FALSE, error);
  if (database == NULL)
    return FALSE;
  audit = alcove_audit_new (database, practice_key, owner->uuid, signer);
  if (!alcove_audit_append (audit, ALCOVE_AUDIT_VAULT_CREATE, self->header->vault_uuid,
                            NULL, NULL, error) ||
      !alcove_audit_append (audit, ALCOVE_AUDIT_USER_ADD, owner->uuid,
                            "{\"role\":\"owner\"}", NULL, error))
    return FALSE;
  alcove_database_close (database);
  return TRUE;
}

/* Builds the whole vault in a hidden sibling folder and renames it into place: a vault is
 * either complete or absent, whatever fails on the way. */
static gboolean
build_vault (AlcoveVault             *self,
             const char              *staging,
             const AlcoveVaultSetup  *setup,
             const AlcoveSlotKey     *slot_key,
             AlcoveSecret            *recovery_key,
             GError                 **error)
{
  g_autoptr(AlcoveSecret) user_key = NULL;
  g_autoptr(AlcoveSecret) practice_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSecret) authority_seed = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSigner) recovery_signer = alcove_signer_new (recovery_key,
                                                               ALCOVE_SIGNING_RECOVERY);
  AlcoveHeader *header = self->header;
  AlcoveHeaderUser *owner;
  AlcoveHeaderSlot *slot;

  header->generation = 1;
  header->recovery_public = alcove_crypto_public_key (recovery_key, ALCOVE_PURPOSE_RECOVERY);
  g_ptr_array_add (header->recovery_signing,
                   g_bytes_ref (alcove_signer_get_public_key (recovery_signer)));
  self->authority = alcove_signer_new (authority_seed, ALCOVE_SIGNING_AUTHORITY);
  header->authority_key = g_bytes_ref (alcove_signer_get_public_key (self->authority));

  owner = new_user_with_key (header, setup->username, setup->full_name, ALCOVE_ROLE_OWNER,
                             &user_key);
  slot = slot_key ? alcove_vault_make_password_slot_with_key (header, owner, user_key, slot_key,
                                                              error)
                  : alcove_vault_make_password_slot (header, owner, user_key, setup->password,
                                                     setup->kdf, error);
  if (slot == NULL)
    return FALSE;
  g_ptr_array_add (owner->slots, slot);

  if (!create_and_grant (self, staging, owner, ALCOVE_PRACTICE_DB, practice_key, error) ||
      !create_and_grant (self, staging, owner, ALCOVE_AUTHORITY_ID, authority_seed, error))
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf (i == 0 ? "notes:%s" : "private:%s", owner->uuid);
      g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);

      if (!create_and_grant (self, staging, owner, id, key, error))
        return FALSE;
    }

  if (!write_first_audit_rows (self, staging, owner, practice_key, user_key, error))
    return FALSE;
  alcove_header_sign_authority (header, self->authority);
  return alcove_header_save (header, staging, error);
}

/* What is wrong with `setup` or the target folder, before anything is derived or written */
gboolean
alcove_vault_check_setup (AlcoveVault             *self,
                          const AlcoveVaultSetup  *setup,
                          GError                 **error)
{
  return check_setup (setup, error) && check_target (self->path, error);
}

/* `slot_key`: the owner's password slot's key, derived ahead from setup->password; NULL:
 * derived here */
gboolean
alcove_vault_create_with_key (AlcoveVault             *self,
                              const AlcoveVaultSetup  *setup,
                              const AlcoveSlotKey     *slot_key,
                              AlcoveSecret           **recovery_code,
                              GError                 **error)
{
  g_autoptr(AlcoveSecret) recovery_key = NULL;
  g_autofree char *staging = NULL;
  gboolean ok;

  /* again: the folder may have filled up while the key was derived */
  if (!check_target (self->path, error))
    return FALSE;
  staging = alcove_vault_make_staging (self->path, "creating", error);
  if (staging == NULL)
    return FALSE;

  alcove_vault_replace_header (self, alcove_header_new (setup->practice_name));
  recovery_key = setup->recovery_key ? alcove_secret_copy (setup->recovery_key)
                                      : alcove_secret_new_random (ALCOVE_KEY_SIZE);

  ok = build_vault (self, staging, setup, slot_key, recovery_key, error);
  g_clear_pointer (&self->authority, alcove_signer_free);
  if (!ok)
    {
      alcove_vault_remove_staging (staging);
      alcove_vault_replace_header (self, NULL);
      return FALSE;
    }
  /* rename(2) replaces an empty directory atomically. */
  if (g_rename (staging, self->path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not move the new vault into %s: %s"), self->path,
                   g_strerror (saved_errno));
      alcove_vault_remove_staging (staging);
      alcove_vault_replace_header (self, NULL);
      return FALSE;
    }

  *recovery_code = alcove_crypto_recovery_code_format (recovery_key);
  return TRUE;
}

gboolean
alcove_vault_create (AlcoveVault             *self,
                     const AlcoveVaultSetup  *setup,
                     AlcoveSecret           **recovery_code,
                     GError                 **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (setup != NULL && recovery_code != NULL, FALSE);

  return alcove_vault_check_setup (self, setup, error) &&
         alcove_vault_create_with_key (self, setup, NULL, recovery_code, error);
}

void
alcove_vault_emit_audit_appended (AlcoveVault *self)
{
  g_signal_emit (self, signals[AUDIT_APPENDED], 0);
}

void
alcove_vault_emit_changed (AlcoveVault *self,
                           const char  *what)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (what));
}
