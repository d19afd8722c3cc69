/* alcove-vault-handover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "alcove-vault-private.h"

/* Rotating a store the signer does not hold. When an owner disables someone who could read
 * a store the owner cannot (a supervisor's supervisees' notes, a clinician's own notes),
 * the owner cannot copy it under a new key. Instead the owner hands it over: a new key is
 * sealed, signed by the authority, to everyone who keeps the store and to the recovery key,
 * and the keys it had are set aside, signed again by the authority as "retiring", so that
 * nobody can turn a current key into a retiring one or back. The first of its holders to
 * sign in (or a recovery-key session) copies the store under the new key into a new file
 * and renames it over the old one, before anything else reads or writes it; then drops the
 * retiring keys, a change of the unsigned part only. So nothing is written under a key the
 * disabled person kept. A crash before the rename leaves the old file, and the next
 * holder's sign-in starts again; after it, the new key opens the file and the retiring keys
 * are merely left over, and dropped. */

/* ---- the signer's side ---- */

/* In `header` (an edited copy, not committed): `database_id` gets a new key for everyone
 * who holds it now, and its current keys are set aside. Grants of `revoked_uuid` are
 * already gone. */
gboolean
alcove_vault_hand_over (AlcoveVault   *self,
                        AlcoveHeader  *header,
                        const char    *database_id,
                        GError       **error)
{
  g_autoptr(AlcoveSecret) new_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(GPtrArray) holders = g_ptr_array_new ();

  g_return_val_if_fail (self->authority != NULL, FALSE);

  for (guint i = header->grants->len; i > 0; i--)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i - 1);

      if (!g_str_equal (grant->database, database_id))
        continue;
      g_ptr_array_add (holders, alcove_header_find_user (header, grant->user));
      alcove_vault_sign_grant_as_authority (self, header, grant, ALCOVE_RETIRING_GRANT_CONTEXT);
      g_ptr_array_add (header->retiring_grants, g_ptr_array_steal_index (header->grants, i - 1));
    }
  for (guint i = header->recovery_wraps->len; i > 0; i--)
    {
      AlcoveHeaderRecoveryWrap *wrap = g_ptr_array_index (header->recovery_wraps, i - 1);

      if (!g_str_equal (wrap->database, database_id))
        continue;
      alcove_vault_sign_wrap_as_authority (self, header, wrap, ALCOVE_RETIRING_WRAP_CONTEXT);
      g_ptr_array_add (header->retiring_wraps, g_ptr_array_steal_index (header->recovery_wraps, i - 1));
    }
  for (guint i = 0; i < holders->len; i++)
    if (!alcove_vault_grant (self, header, g_ptr_array_index (holders, i), database_id,
                             new_key, error))
      return FALSE;
  return alcove_vault_seal_for_recovery (self, header, database_id, new_key, error) &&
         alcove_vault_seal_notes_for_emergency (self, header, database_id, new_key, error);
}

/* ---- the holders' side ---- */

/* A retiring key this session could open, kept until the unlock has used it */
void
alcove_vault_keep_retiring_key (AlcoveVault  *self,
                                const char   *database_id,
                                AlcoveSecret *key)
{
  GPtrArray *keys = g_hash_table_lookup (self->retiring_keys, database_id);

  if (keys == NULL)
    {
      keys = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_secret_free);
      g_hash_table_insert (self->retiring_keys, g_strdup (database_id), keys);
    }
  g_ptr_array_add (keys, key);
}

static gboolean
key_opens (AlcoveVault                *self,
           const AlcoveHeaderDatabase *entry,
           const AlcoveSecret         *key)
{
  g_autofree char *path = g_build_filename (self->path, entry->file, NULL);
  AlcoveCipherSettings settings = { entry->sqlcipher, entry->compatibility, entry->page_size,
                                    entry->hmac, entry->kdf };
  g_autoptr(AlcoveDatabase) database = alcove_database_open (path, key, &settings, FALSE, NULL);

  if (database == NULL)
    return FALSE;
  alcove_database_close (database);
  return TRUE;
}

/* Before the stores are opened: for each store with retiring keys, which key opens it. If
 * the new one does, the handover was finished and the retiring keys are left over; if a
 * retiring one does, the session opens the store with it for now, and finishes the handover
 * once the store is found fresh. */
void
alcove_vault_find_handovers (AlcoveVault *self)
{
  GHashTableIter iter;
  gpointer id, keys;

  g_hash_table_iter_init (&iter, self->retiring_keys);
  while (g_hash_table_iter_next (&iter, &id, &keys))
    {
      AlcoveHeaderDatabase *entry = alcove_header_find_database (self->header, id);
      AlcoveSecret *new_key = g_hash_table_lookup (self->database_keys, id);
      gboolean settled = FALSE;

      if (entry != NULL && new_key != NULL && key_opens (self, entry, new_key))
        continue;
      for (guint i = 0; entry != NULL && new_key != NULL && !settled &&
                        i < ((GPtrArray *) keys)->len; i++)
        {
          AlcoveSecret *old_key = g_ptr_array_index ((GPtrArray *) keys, i);

          if (!key_opens (self, entry, old_key))
            continue;
          g_hash_table_insert (self->handovers, g_strdup (id), alcove_secret_copy (new_key));
          g_hash_table_insert (self->database_keys, g_strdup (id), alcove_secret_copy (old_key));
          settled = TRUE;
        }
      /* neither opens it: the store is damaged, reported when it is opened; its retiring
       * keys stay for whoever can tell */
      if (!settled)
        g_hash_table_iter_remove (&iter);
    }
}

static void
remove_sidecars (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
}

/* The store, closed and checkpointed, copied under the new key and renamed over itself */
static gboolean
copy_under_new_key (AlcoveVault          *self,
                    AlcoveHeaderDatabase *entry,
                    const AlcoveSecret   *old_key,
                    const AlcoveSecret   *new_key,
                    GError              **error)
{
  g_autofree char *path = g_build_filename (self->path, entry->file, NULL);
  g_autofree char *copy = g_strconcat (path, ".handover", NULL);
  AlcoveCipherSettings settings = { entry->sqlcipher, entry->compatibility, entry->page_size,
                                    entry->hmac, entry->kdf };

  g_unlink (copy);
  remove_sidecars (copy);
  if (!alcove_database_export (path, old_key, &settings, copy, new_key, &settings, NULL, NULL,
                               NULL, error))
    {
      g_unlink (copy);
      return FALSE;
    }
  /* Every connection to the store is closed, so its log was checkpointed into it and the
   * copy holds everything; a log left beside the old file must not meet the new one. */
  remove_sidecars (path);
  if (g_rename (copy, path) != 0)
    {
      int saved = errno;

      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("%s could not be given its new key: %s"), entry->file, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Once the stores were found fresh, with every connection to them closed: each store
 * handed over to this session is copied under its new key. */
gboolean
alcove_vault_finish_handovers (AlcoveVault   *self,
                               GError       **error)
{
  GHashTableIter iter;
  gpointer id, new_key;

  g_hash_table_iter_init (&iter, self->handovers);
  while (g_hash_table_iter_next (&iter, &id, &new_key))
    {
      AlcoveHeaderDatabase *entry = alcove_header_find_database (self->header, id);

      if (!copy_under_new_key (self, entry, g_hash_table_lookup (self->database_keys, id),
                               new_key, error))
        return FALSE;
      g_hash_table_insert (self->database_keys, g_strdup (id), alcove_secret_copy (new_key));
    }
  g_hash_table_remove_all (self->handovers);
  return TRUE;
}

/* Every store this session checked opens with its new key now: the keys set aside for it
 * go from the header */
gboolean
alcove_vault_drop_retiring_keys (AlcoveVault  *self,
                                 GError      **error)
{
  AlcoveHeader *header = alcove_vault_copy_header (self);
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, self->retiring_keys);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    alcove_header_drop_retiring (header, id);
  g_hash_table_remove_all (self->retiring_keys);
  return alcove_vault_commit_header (self, header, error);
}

gboolean
alcove_vault_has_handovers (AlcoveVault *self)
{
  return g_hash_table_size (self->retiring_keys) > 0;
}

/* The stores whose handover waits for a holder, in words, e.g. “Sam Ortiz’s progress notes” */
GStrv
alcove_vault_describe_waiting_handovers (AlcoveVault *self)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);

  for (guint i = 0; self->header != NULL && i < self->header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (self->header->databases, i);
      const char *colon = strchr (entry->id, ':');
      AlcoveHeaderUser *user = colon ? alcove_header_find_user (self->header, colon + 1) : NULL;
      const char *name = user ? user->full_name : entry->file;

      g_autofree char *what = NULL;

      if (!alcove_header_has_retiring (self->header, entry->id))
        continue;
      if (g_str_has_prefix (entry->id, "private:"))
        what = g_strdup_printf (_("%s’s psychotherapy notes"), name);
      else if (g_str_has_prefix (entry->id, "notes:"))
        what = g_strdup_printf (_("%s’s progress notes"), name);
      g_strv_builder_add (words, what ? what : entry->file);
    }
  return g_strv_builder_end (words);
}
