/* alcove-vault-unlock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-attempts.h"
#include "alcove-keyring.h"
#include "alcove-vault-private.h"

/* Unlocking and locking. An unlock reads the header on disk, opens the person's slot,
 * checks that an owner signed what the slot's pin trusts, opens only grants someone
 * entitled made, opens the stores, and compares everything with what this device saw
 * last. Any refusal leaves every file as it was and the vault locked. */

void
alcove_store_handle_clear (AlcoveStoreHandle *store)
{
  if (store->own && store->database != NULL)
    alcove_database_close (store->database);
  g_clear_object (&store->database);
  g_clear_pointer (&store->schema, g_free);
}

/* A store this session holds: its schema on the session's connection when attached, or
 * else a connection of its own, closed with the handle. */
gboolean
alcove_vault_open_store (AlcoveVault           *self,
                         AlcoveHeaderDatabase  *entry,
                         AlcoveStoreHandle     *store,
                         GError               **error)
{
  g_autofree char *schema = alcove_vault_schema_for (entry->id);
  g_auto(GStrv) attached = alcove_database_dup_schemas (self->database);
  AlcoveCipherSettings settings = { entry->sqlcipher, entry->compatibility, entry->page_size,
                                    entry->hmac, entry->kdf };
  g_autofree char *path = NULL;

  if (g_strv_contains ((const char * const *) attached, schema))
    {
      store->database = g_object_ref (self->database);
      store->schema = g_steal_pointer (&schema);
      return TRUE;
    }
  path = g_build_filename (self->path, entry->file, NULL);
  store->database = alcove_database_open (path, g_hash_table_lookup (self->database_keys, entry->id),
                                          &settings, FALSE, error);
  store->schema = g_strdup ("main");
  store->own = TRUE;
  return store->database != NULL;
}

void
alcove_slot_contents_clear (AlcoveSlotContents *contents)
{
  g_clear_pointer (&contents->user_key, alcove_secret_free);
  g_clear_pointer (&contents->pinned, g_bytes_unref);
  g_clear_pointer (&contents->kek, alcove_secret_free);
  contents->slot = NULL;
  contents->legacy = FALSE;
}

/* SQLite attaches at most ten databases to a connection. Only a recovery-key session of a
 * practice of six accounts or more holds more stores than that: the rest stay closed, and
 * what the vault does with every store (freshness, verify, rotation) opens them one by
 * one (alcove_vault_open_store). */
static gboolean
attach_stores (AlcoveVault     *self,
               AlcoveDatabase  *database,
               GError         **error)
{
  int room = sqlite3_limit (alcove_database_get_handle (database), SQLITE_LIMIT_ATTACHED, -1);

  for (guint i = 0; i < self->header->databases->len && room > 0; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (self->header->databases, i);
      AlcoveSecret *key = g_hash_table_lookup (self->database_keys, entry->id);
      g_autofree char *schema = alcove_vault_schema_for (entry->id);
      g_autofree char *path = g_build_filename (self->path, entry->file, NULL);
      AlcoveCipherSettings settings = { entry->sqlcipher, entry->compatibility, entry->page_size,
                                        entry->hmac, entry->kdf };

      if (key == NULL || g_str_equal (entry->id, ALCOVE_PRACTICE_DB))
        continue;
      if (!alcove_database_attach (database, path, schema, key, &settings, FALSE, error))
        return FALSE;
      room--;
    }
  return TRUE;
}

/* Only once the stores were found fresh: an old copy is reported as it was put back. */
static gboolean
migrate_stores (AlcoveVault  *self,
                GError      **error)
{
  if (!alcove_database_migrate (self->database, "main", ALCOVE_STORE_PRACTICE, -1, error))
    return FALSE;
  for (guint i = 0; i < self->header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (self->header->databases, i);
      g_autofree char *schema = alcove_vault_schema_for (entry->id);

      g_auto(AlcoveStoreHandle) store = { 0 };

      if (!g_hash_table_contains (self->database_keys, entry->id) ||
          g_str_equal (entry->id, ALCOVE_PRACTICE_DB))
        continue;
      if (!alcove_vault_open_store (self, entry, &store, error) ||
          !alcove_database_migrate (store.database, store.schema,
                                    alcove_vault_store_kind_for (entry->id), -1, error))
        return FALSE;
    }
  return TRUE;
}

/* practice.db with every store this session holds attached: the session's connection, and
 * each worker's own */
static AlcoveDatabase *
open_connection (AlcoveVault  *self,
                 GError      **error)
{
  AlcoveSecret *practice_key = g_hash_table_lookup (self->database_keys, ALCOVE_PRACTICE_DB);
  AlcoveHeaderDatabase *entry = alcove_header_find_database (self->header, ALCOVE_PRACTICE_DB);
  g_autoptr(AlcoveDatabase) database = NULL;
  g_autofree char *path = NULL;
  AlcoveCipherSettings settings = { 0 };

  if (practice_key == NULL || entry == NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s grants no access to practice.db; restore it from a backup"),
                   ALCOVE_HEADER_FILE);
      return NULL;
    }
  settings = (AlcoveCipherSettings) { entry->sqlcipher, entry->compatibility, entry->page_size,
                                      entry->hmac, entry->kdf };
  path = g_build_filename (self->path, entry->file, NULL);
  database = alcove_database_open (path, practice_key, &settings, FALSE, error);
  if (database == NULL || !attach_stores (self, database, error))
    return NULL;
  return g_steal_pointer (&database);
}

static gboolean
open_database (AlcoveVault  *self,
               GError      **error)
{
  self->database = open_connection (self, error);
  return self->database != NULL;
}

static AlcoveDatabase *
connect_worker (gpointer   user_data,
                GError   **error)
{
  return alcove_vault_open_connection (ALCOVE_VAULT (user_data), error);
}

/* The session's worker thread (alcove-worker.h); the vault stops it before anything the
 * worker reads to connect changes */
AlcoveWorker *
alcove_vault_get_worker (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);

  if (self->worker == NULL)
    self->worker = alcove_worker_new (connect_worker, self);
  return self->worker;
}

void
alcove_vault_stop_worker (AlcoveVault *self)
{
  if (self->worker == NULL)
    return;
  alcove_worker_stop (self->worker);
  g_clear_object (&self->worker);
}

/* Another connection to the unlocked vault, for the thread that will use it alone (a
 * worker's): a SQLite connection never crosses threads */
AlcoveDatabase *
alcove_vault_open_connection (AlcoveVault  *self,
                              GError      **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);

  if (!alcove_vault_require_unlocked (self, error))
    return NULL;
  return open_connection (self, error);
}

static gboolean
open_audit (AlcoveVault  *self,
            GError      **error)
{
  if (!migrate_stores (self, error))
    return FALSE;
  self->audit = alcove_audit_new (self->database,
                                  g_hash_table_lookup (self->database_keys, ALCOVE_PRACTICE_DB),
                                  alcove_vault_actor (self), self->signer);
  g_signal_connect_object (self->audit, "appended", G_CALLBACK (alcove_vault_emit_audit_appended),
                           self, G_CONNECT_SWAPPED);
  alcove_vault_setup_audit (self);
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

/* Stores handed over to this session are copied under their new keys once they were found
 * fresh, before anything reads or writes them: every connection closes for it */
static gboolean
finish_handovers (AlcoveVault  *self,
                  GError      **error)
{
  if (!alcove_vault_has_handovers (self))
    return TRUE;
  alcove_database_close (self->database);
  g_clear_object (&self->database);
  return alcove_vault_finish_handovers (self, error) &&
         open_database (self, error) &&
         alcove_vault_drop_retiring_keys (self, error);
}

static gboolean
fail_unlock (AlcoveVault  *self,
             GError      **error,
             GError       *local_error)
{
  /* Nothing of a refused state may be remembered as seen, nor any counter moved on. */
  g_clear_pointer (&self->seen, alcove_freshness_free);
  g_clear_object (&self->audit);
  alcove_vault_lock (self);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
finish_unlock (AlcoveVault       *self,
               AlcoveHeaderUser  *user,
               const char        *method,
               GError           **error)
{
  g_autofree char *details = alcove_audit_details ("slot", method, NULL);
  GError *local_error = NULL;

  self->current_user = user ? alcove_vault_user_object (user) : NULL;
  alcove_vault_find_handovers (self);
  if (!open_database (self, &local_error) ||
      !alcove_vault_check_freshness (self, &local_error) ||
      !finish_handovers (self, &local_error) ||
      !open_audit (self, &local_error))
    return fail_unlock (self, error, local_error);
  self->unlock_method = g_strdup (method);

  /* `user` was the header's, which a finished handover replaced */
  audit_failed_attempts (self);
  alcove_vault_audit (self, self->current_user ? ALCOVE_AUDIT_VAULT_UNLOCK
                                               : ALCOVE_AUDIT_RECOVERY_USE,
                      self->current_user ? alcove_user_get_uuid (self->current_user)
                                         : self->header->vault_uuid, details);
  if (!alcove_vault_record_freshness (self, TRUE, &local_error))
    return fail_unlock (self, error, local_error);
  alcove_vault_notify_session (self);
  return TRUE;
}

/* `earlier_keys`: the holder's signing keys the signed header lists, current or replaced */
gboolean
alcove_vault_load_seen (AlcoveVault         *self,
                        const char          *holder,
                        const AlcoveSecret  *holder_key,
                        const char          *purpose,
                        GPtrArray           *earlier_keys,
                        GError             **error)
{
  g_autoptr(AlcoveSigner) signer = alcove_signer_new (holder_key, purpose);

  g_clear_pointer (&self->seen, alcove_freshness_free);
  self->seen = alcove_freshness_load (self->header->vault_uuid, holder, holder_key,
                                      alcove_signer_get_public_key (signer), earlier_keys, error);
  return self->seen != NULL;
}

/* Keys set aside by a handover that this person still needs to open a store until its
 * handover is finished */
static gboolean
open_retiring_grants (AlcoveVault       *self,
                      AlcoveHeaderUser  *user,
                      AlcoveSecret      *user_key,
                      GError           **error)
{
  for (guint i = 0; i < self->header->retiring_grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (self->header->retiring_grants, i);
      g_autofree char *ad = NULL;
      AlcoveSecret *key;

      if (!g_str_equal (grant->user, user->uuid))
        continue;
      if (!alcove_vault_retiring_grant_is_trusted (self->header, grant))
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED,
                       _("%s holds an earlier key to %s for “%s” that no owner set aside. "
                         "Nothing was opened; tell the practice owner."),
                       ALCOVE_HEADER_FILE, grant->database, user->username);
          return FALSE;
        }
      ad = alcove_header_grant_ad (self->header, user->uuid, grant->database);
      key = alcove_crypto_open_sealed (user_key, ALCOVE_PURPOSE_USER, grant->ephemeral,
                                       grant->nonce, grant->wrapped, ad, NULL);
      if (key != NULL)
        alcove_vault_keep_retiring_key (self, grant->database, key);
    }
  return TRUE;
}

static gboolean
open_grants (AlcoveVault       *self,
             AlcoveHeaderUser  *user,
             AlcoveSecret      *user_key,
             GError           **error)
{
  for (guint i = 0; i < self->header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (self->header->grants, i);
      g_autofree char *ad = NULL;
      AlcoveSecret *key;

      if (!g_str_equal (grant->user, user->uuid))
        continue;
      if (self->header->version >= 2 && !alcove_vault_grant_is_trusted (self->header, grant))
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED,
                       _("%s holds a key to %s for “%s” that no one entitled to grant it "
                         "signed. Nothing was opened; tell the practice owner."),
                       ALCOVE_HEADER_FILE, grant->database, user->username);
          return FALSE;
        }
      ad = alcove_header_grant_ad (self->header, user->uuid, grant->database);
      key = alcove_crypto_open_sealed (user_key, ALCOVE_PURPOSE_USER, grant->ephemeral,
                                       grant->nonce, grant->wrapped, ad, NULL);
      if (key == NULL)
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                       _("%s is damaged: a key for %s does not open; restore it from a backup"),
                       ALCOVE_HEADER_FILE, user->username);
          return FALSE;
        }
      g_hash_table_insert (self->database_keys, g_strdup (grant->database), key);
    }
  return open_retiring_grants (self, user, user_key, error);
}

/* An owner's session holds the authority seed; its public half must be the header's. */
static gboolean
take_authority (AlcoveVault  *self,
                GError      **error)
{
  AlcoveSecret *seed = g_hash_table_lookup (self->database_keys, ALCOVE_AUTHORITY_ID);

  if (seed == NULL)
    return TRUE;
  self->authority = alcove_signer_new (seed, ALCOVE_SIGNING_AUTHORITY);
  if (!g_bytes_equal (alcove_signer_get_public_key (self->authority), self->header->authority_key))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED,
                   _("%s was changed by someone who may not change it (%s). Nothing was "
                     "opened. Keep the vault folder as it is and tell the practice owner."),
                   ALCOVE_HEADER_FILE, _("the owners’ signing key was replaced"));
      return FALSE;
    }
  return TRUE;
}

/* A format 1 slot found after an upgrade, or one that pins an authority key since
 * succeeded, is wrapped again with the authority it now trusts. Not possible (nor
 * needed) when the session was reopened without a slot. */
static gboolean
needs_pin (AlcoveVault        *self,
           AlcoveSlotContents *contents)
{
  if (contents->slot == NULL || contents->legacy)
    return contents->slot != NULL;
  /* an owner's slot upgraded from format 1 was pinned by the upgrade itself */
  return contents->pinned != NULL &&
         !g_bytes_equal (contents->pinned, self->header->authority_key);
}

static gboolean
pin_slot (AlcoveVault         *self,
                 AlcoveHeaderUser    *user,
                 AlcoveSlotContents  *contents,
                 GError             **error)
{
  AlcoveHeader *header = alcove_vault_copy_header (self);
  AlcoveHeaderUser *copy_user = alcove_header_find_user (header, user->uuid);
  AlcoveHeaderSlot *slot = NULL;

  for (guint i = 0; i < copy_user->slots->len; i++)
    if (g_str_equal (((AlcoveHeaderSlot *) g_ptr_array_index (copy_user->slots, i))->id,
                     contents->slot->id))
      slot = g_ptr_array_index (copy_user->slots, i);
  g_assert (slot != NULL);
  if (!alcove_vault_wrap_slot (header, copy_user, slot, contents->kek, contents->user_key, error))
    {
      alcove_header_free (header);
      return FALSE;
    }
  return alcove_vault_commit_header (self, header, error);
}

static gboolean
unlock_format_2 (AlcoveVault         *self,
                 AlcoveHeaderUser    *user,
                 AlcoveSlotContents  *contents,
                 GError             **error)
{
  if (!alcove_vault_load_seen (self, user->uuid, contents->user_key, ALCOVE_SIGNING_USER,
                               user->signing_keys, error) ||
      !alcove_vault_check_generation (self, error) ||
      (contents->slot != NULL && !alcove_vault_check_slot_fresh (self, contents->slot, error)) ||
      !alcove_vault_check_authority (self, user, contents, error) ||
      !open_grants (self, user, contents->user_key, error) ||
      !take_authority (self, error))
    return FALSE;
  self->user_key = alcove_secret_copy (contents->user_key);
  self->signer = alcove_signer_new (contents->user_key, ALCOVE_SIGNING_USER);
  return TRUE;
}

static gboolean
audit_upgrade (AlcoveVault *self,
               gboolean     upgraded)
{
  if (upgraded)
    alcove_vault_audit (self, ALCOVE_AUDIT_VAULT_UPGRADE, self->header->vault_uuid,
                        "{\"from\":\"1\",\"to\":\"2\"}");
  return TRUE;
}

/* With the slot open: format 1 waits for its owner; format 2 is checked, then opened. */
static gboolean
unlock_with_slot (AlcoveVault         *self,
                  AlcoveHeaderUser    *user,
                  AlcoveSlotContents  *contents,
                  const char          *method,
                  GError             **error)
{
  GError *local_error = NULL;
  g_autofree char *uuid = g_strdup (user->uuid);
  gboolean upgrading = self->header->version == 1;

  if (upgrading)
    {
      if (user->role != ALCOVE_ROLE_OWNER)
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_UPGRADE,
                       _("This vault is being moved to a new, safer format. The practice owner "
                         "must sign in once first; then sign in again."));
          return FALSE;
        }
      if (!open_grants (self, user, contents->user_key, &local_error) ||
          !alcove_vault_upgrade (self, user, contents, &local_error))
        return fail_unlock (self, error, local_error);
      user = alcove_header_find_user (self->header, uuid);
    }
  else if (!unlock_format_2 (self, user, contents, &local_error))
    return fail_unlock (self, error, local_error);

  if ((needs_pin (self, contents) && !pin_slot (self, user, contents, &local_error)) ||
      !alcove_vault_register_signing_key (self, alcove_header_find_user (self->header, uuid),
                                          &local_error))
    return fail_unlock (self, error, local_error);
  return finish_unlock (self, alcove_header_find_user (self->header, uuid), method, error) &&
         audit_upgrade (self, upgrading);
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

/* A slot of this format holds the user key and the pin; one of format 1 (in a format 1
 * header, or not yet re-wrapped after an upgrade) holds the user key alone. */
static gboolean
open_slot (AlcoveVault         *self,
           AlcoveHeaderUser    *user,
           AlcoveHeaderSlot    *slot,
           const AlcoveSecret  *kek,
           AlcoveSlotContents  *contents)
{
  for (int version = self->header->version; version >= 1; version--)
    {
      g_autofree char *ad = alcove_header_slot_ad (self->header, user, slot, version);
      g_autoptr(AlcoveSecret) plain = alcove_crypto_unwrap (kek, slot->nonce, slot->wrapped, ad,
                                                            NULL);
      gsize expected = version >= 2 ? 2 * ALCOVE_KEY_SIZE : ALCOVE_KEY_SIZE;

      if (plain == NULL || alcove_secret_get_size (plain) != expected)
        continue;
      contents->user_key = alcove_secret_new_from_data (alcove_secret_get_data (plain),
                                                        ALCOVE_KEY_SIZE);
      if (version >= 2)
        contents->pinned = g_bytes_new (alcove_secret_get_data (plain) + ALCOVE_KEY_SIZE,
                                        ALCOVE_KEY_SIZE);
      contents->legacy = version < 2 && self->header->version >= 2;
      contents->kek = alcove_secret_copy (kek);
      contents->slot = slot;
      return TRUE;
    }
  return FALSE;
}

/* Tries the password against each password slot of the user. */
gboolean
alcove_vault_open_password_slot (AlcoveVault         *self,
                                 AlcoveHeaderUser    *user,
                                 const AlcoveSecret  *password,
                                 AlcoveSlotContents  *contents,
                                 GError             **error)
{
  for (guint i = 0; i < user->slots->len; i++)
    {
      AlcoveHeaderSlot *slot = g_ptr_array_index (user->slots, i);
      g_autoptr(AlcoveSecret) kek = NULL;

      if (!g_str_equal (slot->kind, "password"))
        continue;
      kek = alcove_crypto_derive_kek (password, slot->salt, &slot->kdf, error);
      if (kek == NULL)
        return FALSE;
      if (open_slot (self, user, slot, kek, contents))
        return TRUE;
    }
  return FALSE;
}

gboolean
alcove_vault_unlock_with_password (AlcoveVault         *self,
                                   const char          *username,
                                   const AlcoveSecret  *password,
                                   GError             **error)
{
  g_auto(AlcoveSlotContents) contents = { 0 };
  g_autoptr(GError) kdf_error = NULL;
  AlcoveHeaderUser *user;

  g_return_val_if_fail (username != NULL && password != NULL, FALSE);

  if (!begin_unlock (self, error))
    return FALSE;

  user = find_active_user (self, username, error);
  if (user != NULL)
    {
      if (alcove_vault_open_password_slot (self, user, password, &contents, &kdf_error))
        return unlock_with_slot (self, user, &contents, "password", error);
      if (kdf_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&kdf_error));
          return FALSE;
        }
      alcove_attempts_record_failure (self->header->vault_uuid, user->username);
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                   _("The password for “%s” is not correct"), username);
    }
  return FALSE;
}

gboolean
alcove_vault_unlock_with_keyring (AlcoveVault   *self,
                                  const char    *username,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_auto(AlcoveSlotContents) contents = { 0 };
  g_autoptr(AlcoveSecret) device_key = NULL;
  AlcoveHeaderUser *user;

  if (!begin_unlock (self, error))
    return FALSE;
  user = find_active_user (self, username, error);
  if (user == NULL)
    return FALSE;
  if (!alcove_vault_user_has_keyring_slot (user))
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

      if (g_str_equal (slot->kind, "keyring") && open_slot (self, user, slot, device_key, &contents))
        return unlock_with_slot (self, user, &contents, "keyring", error);
    }
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                       _("The key saved in the login keyring no longer opens this vault"));
  return FALSE;
}

static gboolean
open_recovery_wraps (AlcoveVault         *self,
                     const AlcoveSecret  *recovery_key,
                     GError             **error)
{
  for (guint i = 0; i < self->header->recovery_wraps->len; i++)
    {
      AlcoveHeaderRecoveryWrap *wrap = g_ptr_array_index (self->header->recovery_wraps, i);
      g_autofree char *ad = alcove_header_recovery_ad (self->header, wrap->database);
      AlcoveSecret *key;

      if (self->header->version >= 2 && !alcove_vault_recovery_wrap_is_trusted (self->header, wrap))
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED,
                       _("%s holds a recovery copy of the key to %s that no owner signed. "
                         "Nothing was opened."), ALCOVE_HEADER_FILE, wrap->database);
          return FALSE;
        }
      key = alcove_crypto_open_sealed (recovery_key, ALCOVE_PURPOSE_RECOVERY, wrap->ephemeral,
                                       wrap->nonce, wrap->wrapped, ad, NULL);
      if (key == NULL)
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                       _("%s is damaged: the recovery copy of a key does not open; "
                         "restore it from a backup"), ALCOVE_HEADER_FILE);
          return FALSE;
        }
      g_hash_table_insert (self->database_keys, g_strdup (wrap->database), key);
    }
  for (guint i = 0; i < self->header->retiring_wraps->len; i++)
    {
      AlcoveHeaderRecoveryWrap *wrap = g_ptr_array_index (self->header->retiring_wraps, i);
      g_autofree char *ad = alcove_header_recovery_ad (self->header, wrap->database);
      AlcoveSecret *key;

      if (!alcove_vault_retiring_wrap_is_trusted (self->header, wrap))
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED,
                       _("%s holds an earlier recovery copy of the key to %s that no owner "
                         "set aside. Nothing was opened."), ALCOVE_HEADER_FILE, wrap->database);
          return FALSE;
        }
      key = alcove_crypto_open_sealed (recovery_key, ALCOVE_PURPOSE_RECOVERY, wrap->ephemeral,
                                       wrap->nonce, wrap->wrapped, ad, NULL);
      if (key != NULL)
        alcove_vault_keep_retiring_key (self, wrap->database, key);
    }
  return TRUE;
}

/* The recovery key holds every key, the authority's too. It pins nothing in the header;
 * what it checks is that the authority part carries a valid signature. */
static gboolean
unlock_recovery (AlcoveVault         *self,
                 const AlcoveSecret  *recovery_key,
                 GError             **error)
{
  self->signer = alcove_signer_new (recovery_key, ALCOVE_SIGNING_RECOVERY);
  self->recovery_key = alcove_secret_copy (recovery_key);
  if (!alcove_vault_load_seen (self, ALCOVE_ACTOR_RECOVERY, recovery_key, ALCOVE_SIGNING_RECOVERY,
                               self->header->recovery_signing, error) ||
      !alcove_vault_check_generation (self, error) ||
      (self->header->version >= 2 && !alcove_vault_check_succession (self, self->header, error)))
    return FALSE;
  if (self->header->version >= 2 && !alcove_header_verify_authority (self->header))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED,
                   _("%s was changed by someone who may not change it (%s). Nothing was "
                     "opened. Keep the vault folder as it is and tell the practice owner."),
                   ALCOVE_HEADER_FILE, _("the list of accounts and keys does not carry an "
                                         "owner’s signature"));
      return FALSE;
    }
  if (!open_recovery_wraps (self, recovery_key, error))
    return FALSE;
  if (self->header->version == 1)
    return alcove_vault_upgrade (self, NULL, NULL, error);
  return take_authority (self, error) && alcove_vault_register_signing_key (self, NULL, error);
}

gboolean
alcove_vault_unlock_with_recovery_key (AlcoveVault         *self,
                                       const AlcoveSecret  *recovery_code,
                                       GError             **error)
{
  g_autoptr(AlcoveSecret) recovery_key = NULL;
  g_autoptr(GBytes) public_key = NULL;
  GError *local_error = NULL;
  gboolean upgrading;

  g_return_val_if_fail (recovery_code != NULL, FALSE);

  if (!begin_unlock (self, error))
    return FALSE;
  upgrading = self->header->version == 1;
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
  if (!unlock_recovery (self, recovery_key, &local_error))
    return fail_unlock (self, error, local_error);
  return finish_unlock (self, NULL, "recovery", error) && audit_upgrade (self, upgrading);
}

/* After the stores' keys changed: the same person's session again, on the new files, with
 * the keys it holds (no password asked). The header it trusts is the one it just wrote. */
static gboolean
reopen (AlcoveVault  *self,
        GError      **error)
{
  g_auto(AlcoveSlotContents) contents = { 0 };
  g_autoptr(AlcoveSecret) recovery_key = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *method = g_strdup (self->unlock_method);
  GError *local_error = NULL;
  AlcoveHeaderUser *user;

  if (self->recovery_key != NULL)
    recovery_key = alcove_secret_copy (self->recovery_key);
  else
    {
      uuid = g_strdup (alcove_user_get_uuid (self->current_user));
      contents.user_key = alcove_secret_copy (self->user_key);
      contents.pinned = g_bytes_ref (self->header->authority_key);
    }
  /* The old files are gone from the header: nothing more is written to them, and what this
   * device saw was recorded when the new header was committed. */
  g_clear_pointer (&self->seen, alcove_freshness_free);
  g_clear_object (&self->audit);
  if (!begin_unlock (self, error))
    return FALSE;
  if (recovery_key != NULL)
    {
      if (!unlock_recovery (self, recovery_key, &local_error))
        return fail_unlock (self, error, local_error);
      return finish_unlock (self, NULL, method, error);
    }
  user = find_active_user (self, uuid, error);
  if (user == NULL)
    return FALSE;
  if (!unlock_format_2 (self, user, &contents, &local_error))
    return fail_unlock (self, error, local_error);
  return finish_unlock (self, user, method, error);
}

gboolean
alcove_vault_reopen (AlcoveVault  *self,
                     GError      **error)
{
  gboolean reopened;

  alcove_vault_stop_worker (self);
  self->reopening = TRUE;
  reopened = reopen (self, error);
  self->reopening = FALSE;
  /* a failed reopen is a lock to the watchers */
  if (!reopened)
    alcove_vault_notify_session (self);
  return reopened;
}

/* Closing first, then wiping: SQLCipher frees its copies of the keys on close. */
void
alcove_vault_lock (AlcoveVault *self)
{
  gboolean was_unlocked;

  g_return_if_fail (ALCOVE_IS_VAULT (self));

  was_unlocked = self->database != NULL;
  alcove_vault_stop_worker (self);
  if (self->audit != NULL)
    {
      g_autoptr(GError) error = NULL;

      alcove_vault_audit (self, ALCOVE_AUDIT_VAULT_LOCK, self->header->vault_uuid, NULL);
      /* At worst this device remembers the state of the unlock: still a floor. */
      if (!alcove_vault_record_freshness (self, TRUE, &error))
        g_debug ("The vault’s state at lock was not recorded: %s", error->message);
    }
  g_clear_object (&self->audit);
  if (self->database != NULL)
    alcove_database_close (self->database);
  g_clear_object (&self->database);
  g_hash_table_remove_all (self->database_keys);
  g_hash_table_remove_all (self->retiring_keys);
  g_hash_table_remove_all (self->handovers);
  g_clear_pointer (&self->user_key, alcove_secret_free);
  g_clear_pointer (&self->recovery_key, alcove_secret_free);
  g_clear_pointer (&self->signer, alcove_signer_free);
  g_clear_pointer (&self->authority, alcove_signer_free);
  g_clear_pointer (&self->seen, alcove_freshness_free);
  g_clear_pointer (&self->unlock_method, g_free);
  g_clear_object (&self->current_user);

  if (was_unlocked)
    alcove_vault_notify_session (self);
}

/* Confirms the signed-in user's password without changing the session, e.g. before a
 * password change in the window. */
gboolean
alcove_vault_check_password (AlcoveVault         *self,
                             const AlcoveSecret  *password,
                             GError             **error)
{
  g_auto(AlcoveSlotContents) contents = { 0 };
  g_autoptr(GError) kdf_error = NULL;
  AlcoveHeaderUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;

  user = self->current_user ? alcove_header_find_user (self->header,
                                                       alcove_user_get_uuid (self->current_user))
                            : NULL;
  if (user != NULL && alcove_vault_open_password_slot (self, user, password, &contents, &kdf_error) &&
      alcove_secret_equal (contents.user_key, self->user_key))
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
