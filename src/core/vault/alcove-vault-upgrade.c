/* alcove-vault-upgrade.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "alcove-vault-private.h"

/* Format 1 → 2, at the owner's sign-in (or a recovery-key session). The owner's format 1
 * header is first checked with its MAC; then a practice authority key is made, sealed to
 * every owner (an owner can seal to any public key) and to the recovery key, every grant
 * and recovery wrap is signed, and the header is saved in one atomic, durable write. The
 * format 1 file is kept as vault.keys.v1 until that write has succeeded, then removed.
 *
 * The owner cannot know the others' signing keys: each user announces theirs at their
 * first sign-in (alcove_vault_register_signing_key), and an owner's next sign-in lists
 * them in the signed part. Their format 1 slots pin nothing until that sign-in re-wraps
 * them; until then they trust the authority they find, once. */

#define V1_COPY ALCOVE_HEADER_FILE ".v1"

static gboolean
check_v1_mac (AlcoveVault  *self,
              GError      **error)
{
  AlcoveSecret *practice_key = g_hash_table_lookup (self->database_keys, ALCOVE_PRACTICE_DB);

  if (practice_key == NULL || !alcove_header_check_mac_v1 (self->header, practice_key))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s was changed outside Alcove; restore it from a backup"),
                   ALCOVE_HEADER_FILE);
      return FALSE;
    }
  return TRUE;
}

static gboolean
keep_v1_copy (AlcoveVault  *self,
              GError      **error)
{
  g_autofree char *path = g_build_filename (self->path, ALCOVE_HEADER_FILE, NULL);
  g_autofree char *copy = g_build_filename (self->path, V1_COPY, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, &local_error) ||
      !g_file_set_contents_full (copy, text, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not keep a copy of %s before upgrading it: %s. Nothing was changed."),
                   ALCOVE_HEADER_FILE, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The v1 grants stay as they are (same sealed boxes, same associated data): an owner made
 * them all, and now signs them. */
static void
sign_existing (AlcoveVault  *self,
               AlcoveHeader *header)
{
  for (guint i = 0; i < header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);

      g_free (grant->granter);
      grant->granter = g_strdup (ALCOVE_GRANTER_AUTHORITY);
    }
  alcove_vault_sign_as_authority (self, header);
}

static gint64
next_audit_row (AlcoveVault *self)
{
  AlcoveHeaderDatabase *entry = alcove_header_find_database (self->header, ALCOVE_PRACTICE_DB);
  g_autofree char *path = g_build_filename (self->path, entry->file, NULL);
  AlcoveCipherSettings settings = { entry->sqlcipher, entry->compatibility, entry->page_size,
                                    entry->hmac, entry->kdf };
  g_autoptr(AlcoveDatabase) database = NULL;
  g_autoptr(AlcoveAudit) audit = NULL;
  g_autofree char *mac = NULL;
  gint64 rows = 0;

  database = alcove_database_open (path, g_hash_table_lookup (self->database_keys,
                                                              ALCOVE_PRACTICE_DB),
                                   &settings, FALSE, NULL);
  if (database == NULL)
    return 1;
  audit = alcove_audit_new (database, g_hash_table_lookup (self->database_keys, ALCOVE_PRACTICE_DB),
                            "", NULL);
  alcove_audit_get_head (audit, &rows, &mac, NULL);
  g_clear_object (&audit);
  alcove_database_close (database);
  return rows + 1;
}

/* In place: on any failure the caller locks, and the next unlock reads the file again. */
static gboolean
build_v2 (AlcoveVault         *self,
          AlcoveHeaderUser    *owner,
          AlcoveSlotContents  *contents,
          const AlcoveSecret  *seed,
          GError             **error)
{
  AlcoveHeader *header = self->header;

  header->audit_signed_from = next_audit_row (self);
  header->version = ALCOVE_HEADER_SIGNED_VERSION;
  header->generation = 1;
  header->authority_key = g_bytes_ref (alcove_signer_get_public_key (self->authority));
  g_clear_pointer (&header->mac, g_free);
  if (owner == NULL)
    g_ptr_array_add (header->recovery_signing,
                     g_bytes_ref (alcove_signer_get_public_key (self->signer)));
  sign_existing (self, header);
  if (!alcove_vault_grant_authority_to_owners (self, header, seed, error))
    return FALSE;
  if (owner != NULL)
    {
      alcove_vault_set_user_keys (owner, contents->user_key);
      if (!alcove_vault_wrap_slot (header, owner, contents->slot, contents->kek,
                                   contents->user_key, error))
        return FALSE;
    }
  alcove_header_sign_authority (header, self->authority);
  return TRUE;
}

/* `owner` and `contents` are NULL in a recovery-key session. */
gboolean
alcove_vault_upgrade (AlcoveVault         *self,
                      AlcoveHeaderUser    *owner,
                      AlcoveSlotContents  *contents,
                      GError             **error)
{
  g_autoptr(AlcoveSecret) seed = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autofree char *copy_path = g_build_filename (self->path, V1_COPY, NULL);

  if (!check_v1_mac (self, error) || !keep_v1_copy (self, error))
    return FALSE;
  self->authority = alcove_signer_new (seed, ALCOVE_SIGNING_AUTHORITY);
  if (owner != NULL)
    {
      self->user_key = alcove_secret_copy (contents->user_key);
      self->signer = alcove_signer_new (contents->user_key, ALCOVE_SIGNING_USER);
    }
  if (!build_v2 (self, owner, contents, seed, error) ||
      !alcove_header_save (self->header, self->path, error))
    return FALSE;
  g_unlink (copy_path);
  g_hash_table_insert (self->database_keys, g_strdup (ALCOVE_AUTHORITY_ID),
                       alcove_secret_copy (seed));
  if (owner != NULL)
    {
      return alcove_vault_load_seen (self, owner->uuid, contents->user_key, ALCOVE_SIGNING_USER,
                                     owner->signing_keys, error);
    }
  return TRUE;
}

/* ---- signing keys announced after an upgrade ---- */

static gboolean
announce (AlcoveVault       *self,
          AlcoveHeaderUser  *user,
          GError           **error)
{
  AlcoveHeader *header = alcove_vault_copy_header (self);
  AlcoveHeaderRegistration *registration = g_new0 (AlcoveHeaderRegistration, 1);
  GBytes *key = alcove_signer_get_public_key (self->signer);
  g_autofree char *text = alcove_header_registration_text (header, user->uuid, key);

  registration->user = g_strdup (user->uuid);
  registration->signing_key = g_bytes_ref (key);
  registration->signature = alcove_signer_sign (self->signer, "alcove-v2 registration", text,
                                                strlen (text));
  g_ptr_array_add (header->registrations, registration);
  return alcove_vault_commit_header (self, header, error);
}

static gboolean
registration_valid (const AlcoveHeader             *header,
                    const AlcoveHeaderRegistration *registration)
{
  g_autofree char *text = alcove_header_registration_text (header, registration->user,
                                                           registration->signing_key);

  return alcove_signature_verify (registration->signing_key, "alcove-v2 registration", text,
                                  strlen (text), registration->signature);
}

/* An owner lists the announced keys in the signed part. */
static gboolean
adopt_registrations (AlcoveVault  *self,
                     GError      **error)
{
  AlcoveHeader *header = alcove_vault_copy_header (self);

  for (guint i = 0; i < header->registrations->len; i++)
    {
      AlcoveHeaderRegistration *registration = g_ptr_array_index (header->registrations, i);
      AlcoveHeaderUser *user = alcove_header_find_user (header, registration->user);

      if (user != NULL && user->signing_keys->len == 0 &&
          registration_valid (header, registration))
        g_ptr_array_add (user->signing_keys, g_bytes_ref (registration->signing_key));
    }
  g_ptr_array_set_size (header->registrations, 0);
  return alcove_vault_commit_header (self, header, error);
}

static gboolean
recovery_key_listed (AlcoveVault  *self,
                     GError      **error)
{
  GBytes *key = alcove_signer_get_public_key (self->signer);
  AlcoveHeader *header;

  for (guint i = 0; i < self->header->recovery_signing->len; i++)
    if (g_bytes_equal (g_ptr_array_index (self->header->recovery_signing, i), key))
      return TRUE;
  header = alcove_vault_copy_header (self);
  g_ptr_array_insert (header->recovery_signing, 0, g_bytes_ref (key));
  return alcove_vault_commit_header (self, header, error);
}

/* After the checks of an unlock: makes sure the signed-in person's audit rows can be
 * verified by everyone. `user` is NULL in a recovery-key session. */
gboolean
alcove_vault_register_signing_key (AlcoveVault       *self,
                                   AlcoveHeaderUser  *user,
                                   GError           **error)
{
  if (user == NULL)
    return recovery_key_listed (self, error);
  if (user->signing_keys->len == 0 &&
      alcove_header_find_registration (self->header, user->uuid) == NULL &&
      !announce (self, user, error))
    return FALSE;
  if (self->authority != NULL && self->header->registrations->len > 0)
    return adopt_registrations (self, error);
  return TRUE;
}
