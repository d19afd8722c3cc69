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
  if (database == NULL || !attach_stores (self, database, error) ||
      (g_atomic_int_get (&self->read_only) &&
       !alcove_database_exec (database, "PRAGMA query_only = ON", error)))
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

/* While the stores are copied under new keys, anything written to the old files would be
 * lost at the commit: every connection of the session refuses writes meanwhile (SQLite's
 * query_only), the session's own and any its worker opens, and a write fails instead of
 * vanishing. The worker is stopped each way, so that a write it was doing ends first, and
 * no connection it holds outlives the change. */
void
alcove_vault_set_read_only (AlcoveVault *self,
                            gboolean     read_only)
{
  g_autoptr(GError) error = NULL;

  alcove_vault_stop_worker (self);
  g_atomic_int_set (&self->read_only, read_only);
  if (self->database != NULL &&
      !alcove_database_exec (self->database, read_only ? "PRAGMA query_only = ON"
                                                       : "PRAGMA query_only = OFF", &error))
    g_warning ("The session’s connection could not change to %s: %s",
               read_only ? "read-only" : "read-write", error->message);
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

/* The device's record was sealed for a key the vault.keys does not know, as after a
 * restore from before a password change: a rollback unless it is a restore */
static gboolean
start_afresh_if_restored (AlcoveVault         *self,
                          const char          *holder,
                          const AlcoveSecret  *holder_key,
                          GBytes              *public_key,
                          GError              *rollback,
                          GError             **error)
{
  g_autoptr(GError) owned = rollback;

  self->seen = alcove_freshness_new (self->header->vault_uuid, holder, holder_key, public_key);
  alcove_vault_evaluate_restore (self);
  if (alcove_vault_excuse_rollback (self, error, owned->message))
    return TRUE;
  g_clear_pointer (&self->seen, alcove_freshness_free);
  return FALSE;
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
  GBytes *public_key = alcove_signer_get_public_key (signer);
  GError *local_error = NULL;

  g_clear_pointer (&self->seen, alcove_freshness_free);
  self->seen = alcove_freshness_load (self->header->vault_uuid, holder, holder_key, public_key,
                                      earlier_keys, &local_error);
  if (self->seen == NULL &&
      g_error_matches (local_error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_ROLLBACK))
    return start_afresh_if_restored (self, holder, holder_key, public_key, local_error, error);
  if (self->seen == NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  alcove_vault_evaluate_restore (self);
  return TRUE;
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
  if (!finish_unlock (self, alcove_header_find_user (self->header, uuid), method, error))
    return FALSE;
  audit_upgrade (self, upgrading);
  /* a supervisor an owner assigned gets the key to this person's progress notes */
  alcove_vault_honour_supervision (self);
  alcove_vault_keep_emergency_current (self);
  return TRUE;
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

/* ---- opening a slot ---- */

/* What opening one slot needs, copied out of the header, so that it opens on another thread
 * whatever this one does to the header meanwhile */
typedef struct
{
  char            *id;
  AlcoveKdfParams  kdf;        /* password slots */
  GBytes          *salt;       /* password slots */
  GBytes          *nonce;
  GBytes          *wrapped;
  int              header_version;
  char            *ad[ALCOVE_HEADER_VERSION + 1];  /* by the slot's format, from 1 */
} SlotCandidate;

static void
slot_candidate_free (SlotCandidate *candidate)
{
  g_free (candidate->id);
  g_clear_pointer (&candidate->salt, g_bytes_unref);
  g_clear_pointer (&candidate->nonce, g_bytes_unref);
  g_clear_pointer (&candidate->wrapped, g_bytes_unref);
  for (guint i = 0; i < G_N_ELEMENTS (candidate->ad); i++)
    g_free (candidate->ad[i]);
  g_free (candidate);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlotCandidate, slot_candidate_free)

static SlotCandidate *
slot_candidate_new (const AlcoveHeader     *header,
                    const AlcoveHeaderUser *user,
                    const AlcoveHeaderSlot *slot)
{
  SlotCandidate *candidate = g_new0 (SlotCandidate, 1);

  g_assert (header->version >= 1 && header->version <= ALCOVE_HEADER_VERSION);

  candidate->id = g_strdup (slot->id);
  candidate->kdf = slot->kdf;
  candidate->salt = slot->salt ? g_bytes_ref (slot->salt) : NULL;
  candidate->nonce = slot->nonce ? g_bytes_ref (slot->nonce) : NULL;
  candidate->wrapped = slot->wrapped ? g_bytes_ref (slot->wrapped) : NULL;
  /* format 3 slots are format 2's */
  candidate->header_version = MIN (header->version, ALCOVE_HEADER_SIGNED_VERSION);
  for (int version = 1; version <= candidate->header_version; version++)
    candidate->ad[version] = alcove_header_slot_ad (header, user, slot, version);
  return candidate;
}

/* The user's slots of `kind`, in the header's order */
static GPtrArray *
slot_candidates (const AlcoveHeader     *header,
                 const AlcoveHeaderUser *user,
                 const char             *kind)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_candidate_free);

  for (guint i = 0; i < user->slots->len; i++)
    {
      AlcoveHeaderSlot *slot = g_ptr_array_index (user->slots, i);

      if (g_str_equal (slot->kind, kind))
        g_ptr_array_add (candidates, slot_candidate_new (header, user, slot));
    }
  return candidates;
}

/* The slot the owner's signature names as the account's first, of whatever kind */
static GPtrArray *
first_slot_candidate (const AlcoveHeader     *header,
                      const AlcoveHeaderUser *user)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_candidate_free);

  for (guint i = 0; i < user->slots->len; i++)
    {
      AlcoveHeaderSlot *slot = g_ptr_array_index (user->slots, i);

      if (g_strcmp0 (slot->id, user->first_slot) == 0)
        g_ptr_array_add (candidates, slot_candidate_new (header, user, slot));
    }
  return candidates;
}

static AlcoveHeaderSlot *
find_slot (AlcoveHeaderUser *user,
           const char       *id)
{
  for (guint i = 0; i < user->slots->len; i++)
    {
      AlcoveHeaderSlot *slot = g_ptr_array_index (user->slots, i);

      if (g_str_equal (slot->id, id))
        return slot;
    }
  return NULL;
}

/* A slot of this format holds the user key and the pin; one of format 1 (in a format 1
 * header, or not yet re-wrapped after an upgrade) holds the user key alone. Reads nothing
 * but its arguments; `contents->slot` is left for the caller to point at the header's. */
static gboolean
open_candidate (const SlotCandidate *candidate,
                const AlcoveSecret  *kek,
                AlcoveSlotContents  *contents)
{
  for (int version = candidate->header_version; version >= 1; version--)
    {
      g_autoptr(AlcoveSecret) plain = NULL;
      gsize expected = version >= 2 ? 2 * ALCOVE_KEY_SIZE : ALCOVE_KEY_SIZE;

      plain = alcove_crypto_unwrap (kek, candidate->nonce, candidate->wrapped,
                                    candidate->ad[version], NULL);
      if (plain == NULL || alcove_secret_get_size (plain) != expected)
        continue;
      contents->user_key = alcove_secret_new_from_data (alcove_secret_get_data (plain),
                                                        ALCOVE_KEY_SIZE);
      if (version >= 2)
        contents->pinned = g_bytes_new (alcove_secret_get_data (plain) + ALCOVE_KEY_SIZE,
                                        ALCOVE_KEY_SIZE);
      contents->legacy = version < 2 && candidate->header_version >= 2;
      contents->kek = alcove_secret_copy (kek);
      return TRUE;
    }
  return FALSE;
}

/* The password against each candidate, in order: TRUE with the one it opened in *opened;
 * FALSE with `error` set when the KDF failed, or without when it opened none */
static gboolean
try_password (GPtrArray           *candidates,
              const AlcoveSecret  *password,
              AlcoveSlotContents  *contents,
              guint               *opened,
              GError             **error)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      SlotCandidate *candidate = g_ptr_array_index (candidates, i);
      g_autoptr(AlcoveSecret) kek = NULL;

      kek = alcove_crypto_derive_kek (password, candidate->salt, &candidate->kdf, error);
      if (kek == NULL)
        return FALSE;
      if (open_candidate (candidate, kek, contents))
        {
          *opened = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- a password tried against an account's slots, off the main thread ---- */

struct _AlcovePasswordTry
{
  guint64             header_serial;  /* the vault's, when prepared */
  char               *user_uuid;
  AlcoveSecret       *password;
  GPtrArray          *candidates;     /* SlotCandidate */
  gboolean            tried;
  gboolean            opened;
  char               *slot_id;
  AlcoveSlotContents  contents;
  GError             *error;          /* the KDF failed */
};

void
alcove_password_try_free (AlcovePasswordTry *attempt)
{
  if (attempt == NULL)
    return;
  g_free (attempt->user_uuid);
  g_clear_pointer (&attempt->password, alcove_secret_free);
  g_clear_pointer (&attempt->candidates, g_ptr_array_unref);
  g_free (attempt->slot_id);
  alcove_slot_contents_clear (&attempt->contents);
  g_clear_error (&attempt->error);
  g_free (attempt);
}

/* What trying `password` on `user`'s password slots needs, copied out of the header */
AlcovePasswordTry *
alcove_vault_prepare_password_try (AlcoveVault         *self,
                                   AlcoveHeaderUser    *user,
                                   const AlcoveSecret  *password)
{
  AlcovePasswordTry *attempt = g_new0 (AlcovePasswordTry, 1);

  attempt->header_serial = self->header_serial;
  attempt->user_uuid = g_strdup (user->uuid);
  attempt->password = alcove_secret_copy (password);
  attempt->candidates = slot_candidates (self->header, user, "password");
  return attempt;
}

/* The KDF and the unwrapping: reads and writes nothing but the attempt, on any thread */
void
alcove_password_try_run (AlcovePasswordTry *attempt)
{
  guint opened;

  g_return_if_fail (attempt != NULL && !attempt->tried);

  attempt->tried = TRUE;
  if (try_password (attempt->candidates, attempt->password, &attempt->contents, &opened,
                    &attempt->error))
    {
      attempt->opened = TRUE;
      attempt->slot_id = g_strdup (((SlotCandidate *) g_ptr_array_index (attempt->candidates,
                                                                          opened))->id);
    }
}

/* Tried, and it opened no slot: a wrong password, not a failed KDF */
gboolean
alcove_password_try_was_wrong (AlcovePasswordTry *attempt)
{
  return attempt->tried && !attempt->opened && attempt->error == NULL;
}

/* As alcove_vault_open_password_slot() answers, from an attempt run elsewhere. A header
 * replaced meanwhile may no longer have the slot it opened: the password is tried again
 * here, against the header as it is now. */
gboolean
alcove_vault_finish_password_try (AlcoveVault         *self,
                                  AlcovePasswordTry   *attempt,
                                  AlcoveHeaderUser    *user,
                                  AlcoveSlotContents  *contents,
                                  GError             **error)
{
  g_return_val_if_fail (attempt != NULL, FALSE);

  if (!attempt->tried || attempt->header_serial != self->header_serial ||
      !g_str_equal (attempt->user_uuid, user->uuid))
    return alcove_vault_open_password_slot (self, user, attempt->password, contents, error);
  if (attempt->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&attempt->error));
      return FALSE;
    }
  if (!attempt->opened)
    return FALSE;
  *contents = attempt->contents;
  attempt->contents = (AlcoveSlotContents) { 0 };
  contents->slot = find_slot (user, attempt->slot_id);
  g_assert (contents->slot != NULL);
  return TRUE;
}

/* Tries the password against each password slot of the user. */
gboolean
alcove_vault_open_password_slot (AlcoveVault         *self,
                                 AlcoveHeaderUser    *user,
                                 const AlcoveSecret  *password,
                                 AlcoveSlotContents  *contents,
                                 GError             **error)
{
  g_autoptr(GPtrArray) candidates = slot_candidates (self->header, user, "password");
  guint opened;

  if (!try_password (candidates, password, contents, &opened, error))
    return FALSE;
  contents->slot = find_slot (user, ((SlotCandidate *) g_ptr_array_index (candidates, opened))->id);
  return TRUE;
}

/* ---- an unlock in three steps ---- */

static gboolean unlock_recovery (AlcoveVault         *self,
                                 const AlcoveSecret  *recovery_key,
                                 GError             **error);

struct _AlcoveUnlockAttempt
{
  AlcoveUnlockMethod  method;
  guint64             header_serial;  /* the vault's, when prepared */
  char               *vault_uuid;
  char               *username;       /* as asked: a name or a uuid */
  char               *failure_name;   /* what a wrong guess is counted against */
  char               *user_uuid;      /* NULL for the recovery key */
  GStrv               active_people;  /* the uuids of the vault's active accounts */
  AlcoveSecret       *secret;         /* the password or the typed code, until opened */
  GPtrArray          *candidates;     /* SlotCandidate of the method's kind */
  GBytes             *recovery_public;

  /* found by opening */
  gboolean            opened;
  gboolean            counted;        /* a wrong guess already counted */
  AlcoveSlotContents  contents;
  char               *slot_id;
  AlcoveSecret       *recovery_key;
  GError             *error;          /* the KDF, the keyring or the typed code failed */
};

void
alcove_unlock_attempt_free (AlcoveUnlockAttempt *attempt)
{
  if (attempt == NULL)
    return;
  g_free (attempt->vault_uuid);
  g_free (attempt->username);
  g_free (attempt->failure_name);
  g_free (attempt->user_uuid);
  g_strfreev (attempt->active_people);
  g_clear_pointer (&attempt->secret, alcove_secret_free);
  g_clear_pointer (&attempt->candidates, g_ptr_array_unref);
  g_clear_pointer (&attempt->recovery_public, g_bytes_unref);
  alcove_slot_contents_clear (&attempt->contents);
  g_free (attempt->slot_id);
  g_clear_pointer (&attempt->recovery_key, alcove_secret_free);
  g_clear_error (&attempt->error);
  g_free (attempt);
}

static GStrv
active_people (const AlcoveHeader *header)
{
  g_autoptr(GStrvBuilder) people = g_strv_builder_new ();

  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      if (!user->disabled)
        g_strv_builder_add (people, user->uuid);
    }
  return g_strv_builder_end (people);
}

/* Reads the header on disk and finds the account: everything an unlock checks before the
 * credential. Fails as the synchronous unlock does, and leaves the vault locked. */
AlcoveUnlockAttempt *
alcove_vault_prepare_unlock (AlcoveVault         *self,
                             AlcoveUnlockMethod   method,
                             const char          *username,
                             const AlcoveSecret  *secret,
                             GError             **error)
{
  g_autoptr(AlcoveUnlockAttempt) attempt = NULL;
  AlcoveHeaderUser *user = NULL;

  if (!begin_unlock (self, error))
    return NULL;
  if (method != ALCOVE_UNLOCK_RECOVERY_KEY &&
      (user = find_active_user (self, username, error)) == NULL)
    return NULL;
  if (method == ALCOVE_UNLOCK_KEYRING && !alcove_vault_user_has_keyring_slot (user))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                           _("Keyring unlock is not set up for this account"));
      return NULL;
    }
  if (method == ALCOVE_UNLOCK_FIRST_SLOT && user->first_sign_in == ALCOVE_FIRST_SIGN_IN_NONE)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("%s has chosen their own password already: that first password or "
                     "enrolment code was used and opens nothing now"), user->full_name);
      return NULL;
    }

  attempt = g_new0 (AlcoveUnlockAttempt, 1);
  attempt->method = method;
  attempt->header_serial = self->header_serial;
  attempt->vault_uuid = g_strdup (self->header->vault_uuid);
  attempt->username = g_strdup (username);
  attempt->secret = secret ? alcove_secret_copy (secret) : NULL;
  attempt->active_people = active_people (self->header);
  if (user != NULL)
    {
      attempt->failure_name = g_strdup (user->username);
      attempt->user_uuid = g_strdup (user->uuid);
      attempt->candidates = method == ALCOVE_UNLOCK_FIRST_SLOT
                              ? first_slot_candidate (self->header, user)
                              : slot_candidates (self->header, user,
                                                 method == ALCOVE_UNLOCK_KEYRING ? "keyring"
                                                                                 : "password");
    }
  else
    {
      attempt->failure_name = g_strdup (ALCOVE_ACTOR_RECOVERY);
      attempt->recovery_public = self->header->recovery_public
                                 ? g_bytes_ref (self->header->recovery_public) : NULL;
    }
  return g_steal_pointer (&attempt);
}

static void
take_opened (AlcoveUnlockAttempt *attempt,
             guint                index)
{
  SlotCandidate *candidate = g_ptr_array_index (attempt->candidates, index);

  attempt->opened = TRUE;
  attempt->slot_id = g_strdup (candidate->id);
}

static void
open_with_password (AlcoveUnlockAttempt *attempt)
{
  guint opened;

  if (try_password (attempt->candidates, attempt->secret, &attempt->contents, &opened,
                    &attempt->error))
    take_opened (attempt, opened);
}

/* Where a vault has more than one person, a keyring item signs someone in on its own only
 * if this OS account stored it and keeps no other person's: on a computer account several
 * people share, one click on a colleague's name must not open their session. */
static gboolean
keyring_vouches (AlcoveUnlockAttempt        *attempt,
                 const AlcoveKeyringBinding *binding)
{
  guint n_people = 0;

  if (g_strv_length (attempt->active_people) <= 1)
    return TRUE;
  for (guint i = 0; binding->people[i] != NULL; i++)
    n_people += g_strv_contains ((const char * const *) attempt->active_people,
                                 binding->people[i]);
  return binding->stored_here && n_people <= 1;
}

static void
open_with_keyring (AlcoveUnlockAttempt *attempt,
                   GCancellable        *cancellable)
{
  g_autoptr(AlcoveSecret) device_key = NULL;
  AlcoveKeyringBinding binding = { FALSE, NULL };

  device_key = alcove_keyring_lookup_bound (attempt->vault_uuid, attempt->user_uuid, &binding,
                                            cancellable, &attempt->error);
  if (device_key != NULL && !keyring_vouches (attempt, &binding))
    {
      g_set_error_literal (&attempt->error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_PASSWORD,
                           _("More than one person signs in with this computer account’s "
                             "keyring: type your password to confirm it is you"));
      g_clear_pointer (&device_key, alcove_secret_free);
    }
  alcove_keyring_binding_clear (&binding);
  for (guint i = 0; device_key != NULL && i < attempt->candidates->len; i++)
    if (open_candidate (g_ptr_array_index (attempt->candidates, i), device_key,
                        &attempt->contents))
      {
        take_opened (attempt, i);
        return;
      }
}

static void
open_with_recovery_code (AlcoveUnlockAttempt *attempt)
{
  g_autoptr(GBytes) public_key = NULL;

  attempt->recovery_key = alcove_crypto_recovery_code_parse (attempt->secret, &attempt->error);
  if (attempt->recovery_key == NULL)
    return;
  public_key = alcove_crypto_public_key (attempt->recovery_key, ALCOVE_PURPOSE_RECOVERY);
  attempt->opened = attempt->recovery_public != NULL &&
                    g_bytes_equal (public_key, attempt->recovery_public);
  if (!attempt->opened)
    g_clear_pointer (&attempt->recovery_key, alcove_secret_free);
}

/* The slow step: the KDF, the keyring, unwrapping. It reads and writes nothing but the
 * attempt, so it may run on any thread; the typed secret is wiped once tried. */
void
alcove_unlock_attempt_open (AlcoveUnlockAttempt *attempt,
                            GCancellable        *cancellable)
{
  g_return_if_fail (attempt != NULL);

  switch (attempt->method)
    {
    case ALCOVE_UNLOCK_PASSWORD:
    case ALCOVE_UNLOCK_FIRST_SLOT:
      open_with_password (attempt);
      break;
    case ALCOVE_UNLOCK_KEYRING:
      open_with_keyring (attempt, cancellable);
      break;
    case ALCOVE_UNLOCK_RECOVERY_KEY:
      open_with_recovery_code (attempt);
      break;
    default:
      g_assert_not_reached ();
    }
  g_clear_pointer (&attempt->secret, alcove_secret_free);
}

gboolean
alcove_unlock_attempt_opened (AlcoveUnlockAttempt *attempt)
{
  return attempt->opened;
}

/* A password or a recovery key that was tried and opened nothing (the keyring is no guess) */
static gboolean
was_wrong_guess (AlcoveUnlockAttempt *attempt)
{
  return attempt->method != ALCOVE_UNLOCK_KEYRING && attempt->secret == NULL &&
         !attempt->opened && attempt->error == NULL;
}

static void
count_wrong_guess (AlcoveUnlockAttempt *attempt)
{
  if (attempt->counted || !was_wrong_guess (attempt))
    return;
  attempt->counted = TRUE;
  alcove_attempts_record_failure (attempt->vault_uuid, attempt->failure_name);
}

/* An unlock given up after its credential was tried: a wrong one still counts as a failed
 * attempt, so that cancelling never buys a free guess. Nothing else is touched. */
void
alcove_unlock_attempt_abandon (AlcoveUnlockAttempt *attempt)
{
  g_return_if_fail (attempt != NULL);
  count_wrong_guess (attempt);
}

static gboolean
complete_recovery (AlcoveVault          *self,
                   AlcoveUnlockAttempt  *attempt,
                   GError              **error)
{
  gboolean upgrading = self->header->version == 1;
  GError *local_error = NULL;

  if (!unlock_recovery (self, attempt->recovery_key, &local_error))
    return fail_unlock (self, error, local_error);
  return finish_unlock (self, NULL, "recovery", error) && audit_upgrade (self, upgrading);
}

static gboolean
fail_wrong_credential (AlcoveUnlockAttempt  *attempt,
                       GError              **error)
{
  count_wrong_guess (attempt);
  switch (attempt->method)
    {
    case ALCOVE_UNLOCK_PASSWORD:
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                   _("The password for “%s” is not correct"), attempt->username);
      break;
    case ALCOVE_UNLOCK_KEYRING:
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                           _("The key saved in the login keyring no longer opens this vault"));
      break;
    case ALCOVE_UNLOCK_RECOVERY_KEY:
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                           _("That recovery key belongs to another vault, or was replaced"));
      break;
    case ALCOVE_UNLOCK_FIRST_SLOT:
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                   _("The first password or enrolment code for “%s” is not correct"),
                   attempt->username);
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* How the audit log and the session name the way in */
static const char *
method_name (AlcoveUnlockMethod method)
{
  switch (method)
    {
    case ALCOVE_UNLOCK_KEYRING:
      return "keyring";
    case ALCOVE_UNLOCK_FIRST_SLOT:
      return "first-sign-in";
    case ALCOVE_UNLOCK_PASSWORD:
    case ALCOVE_UNLOCK_RECOVERY_KEY:
    default:
      return "password";
    }
}

/* On the thread that prepared it, once opened: every check of the unlock, in the same order
 * as ever (freshness, trust, forgeries, handovers), then the connections. The vault must
 * still hold the header the attempt was prepared with. */
gboolean
alcove_vault_complete_unlock (AlcoveVault          *self,
                              AlcoveUnlockAttempt  *attempt,
                              GError              **error)
{
  AlcoveHeaderUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (attempt != NULL && attempt->secret == NULL, FALSE);

  if (attempt->header_serial != self->header_serial)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FAILED,
                           _("The vault was read again while it was being opened; try again"));
      return FALSE;
    }
  if (attempt->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&attempt->error));
      return FALSE;
    }
  if (!attempt->opened)
    return fail_wrong_credential (attempt, error);
  if (attempt->method == ALCOVE_UNLOCK_RECOVERY_KEY)
    return complete_recovery (self, attempt, error);

  user = alcove_header_find_user (self->header, attempt->user_uuid);
  g_assert (user != NULL);
  /* A first password opens only the first sign-in, where the person chooses their own: the
   * owner's signature says so, and an edit that says otherwise fails that signature. */
  if (user->first_sign_in != ALCOVE_FIRST_SIGN_IN_NONE &&
      attempt->method != ALCOVE_UNLOCK_FIRST_SLOT)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_NEW_PASSWORD,
                   _("%s signs in for the first time: choose your own password to go on"),
                   user->full_name);
      return FALSE;
    }
  attempt->contents.slot = find_slot (user, attempt->slot_id);
  g_assert (attempt->contents.slot != NULL);
  return unlock_with_slot (self, user, &attempt->contents, method_name (attempt->method),
                           error);
}

/* The three steps in a row, on this thread */
static gboolean
unlock_now (AlcoveVault         *self,
            AlcoveUnlockMethod   method,
            const char          *username,
            const AlcoveSecret  *secret,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(AlcoveUnlockAttempt) attempt = NULL;

  attempt = alcove_vault_prepare_unlock (self, method, username, secret, error);
  if (attempt == NULL)
    return FALSE;
  alcove_unlock_attempt_open (attempt, cancellable);
  return alcove_vault_complete_unlock (self, attempt, error);
}

gboolean
alcove_vault_unlock_with_password (AlcoveVault         *self,
                                   const char          *username,
                                   const AlcoveSecret  *password,
                                   GError             **error)
{
  g_return_val_if_fail (username != NULL && password != NULL, FALSE);

  return unlock_now (self, ALCOVE_UNLOCK_PASSWORD, username, password, NULL, error);
}

gboolean
alcove_vault_unlock_with_keyring (AlcoveVault   *self,
                                  const char    *username,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  return unlock_now (self, ALCOVE_UNLOCK_KEYRING, username, NULL, cancellable, error);
}

gboolean
alcove_vault_unlock_first_slot (AlcoveVault         *self,
                                const char          *username,
                                const AlcoveSecret  *secret,
                                GError             **error)
{
  g_return_val_if_fail (username != NULL && secret != NULL, FALSE);

  return unlock_now (self, ALCOVE_UNLOCK_FIRST_SLOT, username, secret, NULL, error);
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
  g_return_val_if_fail (recovery_code != NULL, FALSE);

  return unlock_now (self, ALCOVE_UNLOCK_RECOVERY_KEY, NULL, recovery_code, NULL, error);
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
  alcove_vault_end_emergency (self);
  alcove_vault_stop_worker (self);
  /* a re-key the lock cancelled: its copies stopped with the worker, the old files stand */
  if (g_atomic_int_get (&self->read_only))
    alcove_vault_set_read_only (self, FALSE);
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

/* The signed-in person's account, or NULL in a recovery session */
AlcoveHeaderUser *
alcove_vault_current_header_user (AlcoveVault *self)
{
  if (self->current_user == NULL)
    return NULL;
  return alcove_header_find_user (self->header, alcove_user_get_uuid (self->current_user));
}

/* `tried`: the password tried on another thread already; NULL: tried here */
gboolean
alcove_vault_check_password_tried (AlcoveVault         *self,
                                   const AlcoveSecret  *password,
                                   AlcovePasswordTry   *tried,
                                   GError             **error)
{
  g_auto(AlcoveSlotContents) contents = { 0 };
  g_autoptr(GError) kdf_error = NULL;
  AlcoveHeaderUser *user;
  gboolean opened = FALSE;

  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;

  user = alcove_vault_current_header_user (self);
  if (user != NULL)
    opened = tried ? alcove_vault_finish_password_try (self, tried, user, &contents, &kdf_error)
                   : alcove_vault_open_password_slot (self, user, password, &contents,
                                                      &kdf_error);
  if (opened && alcove_secret_equal (contents.user_key, self->user_key))
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

/* Confirms the signed-in user's password without changing the session, e.g. before a
 * password change in the window. */
gboolean
alcove_vault_check_password (AlcoveVault         *self,
                             const AlcoveSecret  *password,
                             GError             **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  return alcove_vault_check_password_tried (self, password, NULL, error);
}
