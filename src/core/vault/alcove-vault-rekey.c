/* alcove-vault-rekey.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "alcove-vault-private.h"

/* Rotating a store's key. The store is copied with SQLCipher's export, on a connection of
 * its own, into a new file under a new random key; then one atomic write of vault.keys
 * names the new file and seals the new key to everyone who held the old one, except
 * those being revoked. That write is the commit point: a crash before it leaves the old
 * header and the old file (the new file is an orphan, removed later); after it, the new
 * header and the new file. Only then is the old file deleted.
 *
 * A rotation goes in three steps, so that the long one may leave the main thread: planned
 * on the session's thread (new names and keys, the header changed to match, nothing
 * written), copied anywhere (reading nothing of the vault, only the plan, on connections
 * of its own), committed on the session's thread (vault.keys, then the session reopened on
 * the new files). Nothing may write to a store between its copy and the commit, or that
 * write is lost: the synchronous rotation holds the thread meanwhile, the asynchronous one
 * keeps the session's connections read-only (alcove-vault-rekey-async.c).
 *
 * Rotating needs the authority (an owner's or a recovery-key session) to sign the new
 * grants, and the store's current key. */

typedef struct
{
  char                 *database_id;
  char                 *old_file;
  char                 *new_file;
  AlcoveSecret         *old_key;     /* the copying thread's own copy */
  AlcoveSecret         *new_key;     /* after the commit, the key it replaced */
  AlcoveCipherSettings  old_settings;
  AlcoveCipherSettings  new_settings;
  guint64               size;
} Rotation;

struct _AlcoveRekeyPlan
{
  char         *dir;
  AlcoveHeader *header;         /* the change, committed with the new files */
  GPtrArray    *rotations;
  guint64       header_serial;  /* the vault's when planned */
  gboolean      committed;
};

static void
rotation_free (Rotation *rotation)
{
  g_free (rotation->database_id);
  g_free (rotation->old_file);
  g_free (rotation->new_file);
  alcove_secret_free (rotation->old_key);
  alcove_secret_free (rotation->new_key);
  alcove_cipher_settings_clear (&rotation->old_settings);
  alcove_cipher_settings_clear (&rotation->new_settings);
  g_free (rotation);
}

/* practice.db → practice-1a2b3c4d.db; notes-<uuid>.db → notes-<uuid>-1a2b3c4d.db */
static char *
rotated_name (const AlcoveHeaderDatabase *entry)
{
  g_autofree char *stem = g_strndup (entry->file, strlen (entry->file) - strlen (".db"));
  g_autofree char *base = NULL;
  char *dash;

  /* a file rotated before keeps its stem, not a chain of suffixes */
  base = g_strdup (stem);
  dash = strrchr (base, '-');
  if (dash != NULL && strlen (dash + 1) == 8 && !strchr (dash + 1, ':'))
    {
      gboolean hex = TRUE;

      for (const char *p = dash + 1; *p != '\0'; p++)
        hex &= g_ascii_isxdigit (*p);
      if (hex)
        *dash = '\0';
    }
  return g_strdup_printf ("%s-%08x.db", base, g_random_int ());
}

static void
copy_settings (AlcoveCipherSettings       *to,
               const AlcoveCipherSettings *from)
{
  to->sqlcipher = g_strdup (from->sqlcipher);
  to->compatibility = from->compatibility;
  to->page_size = from->page_size;
  to->hmac = g_strdup (from->hmac);
  to->kdf = g_strdup (from->kdf);
}

static void
set_entry_settings (AlcoveHeaderDatabase       *entry,
                    const AlcoveCipherSettings *settings)
{
  g_free (entry->sqlcipher);
  g_free (entry->hmac);
  g_free (entry->kdf);
  entry->sqlcipher = g_strdup (settings->sqlcipher);
  entry->compatibility = settings->compatibility;
  entry->page_size = settings->page_size;
  entry->hmac = g_strdup (settings->hmac);
  entry->kdf = g_strdup (settings->kdf);
}

/* `target`: the settings of the new file; NULL keeps the store's own */
static Rotation *
rotation_new (AlcoveVault                *self,
              const AlcoveHeaderDatabase *entry,
              const AlcoveCipherSettings *target)
{
  AlcoveCipherSettings settings = { entry->sqlcipher, entry->compatibility, entry->page_size,
                                    entry->hmac, entry->kdf };
  Rotation *rotation = g_new0 (Rotation, 1);

  rotation->database_id = g_strdup (entry->id);
  rotation->old_file = g_strdup (entry->file);
  rotation->new_file = rotated_name (entry);
  rotation->old_key = alcove_secret_copy (g_hash_table_lookup (self->database_keys, entry->id));
  rotation->new_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  copy_settings (&rotation->old_settings, &settings);
  copy_settings (&rotation->new_settings, target ? target : &settings);
  return rotation;
}

static void
remove_store_files (const char *dir,
                    const char *file)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (dir, G_DIR_SEPARATOR_S, file, suffixes[i], NULL);
      g_unlink (path);
    }
}

/* Everyone who holds the store now and is not being revoked gets the new key. */
static gboolean
regrant (AlcoveVault   *self,
         AlcoveHeader  *header,
         Rotation      *rotation,
         const char    *revoked_uuid,
         GError       **error)
{
  g_autoptr(GPtrArray) holders = g_ptr_array_new ();

  for (guint i = header->grants->len; i > 0; i--)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i - 1);

      if (!g_str_equal (grant->database, rotation->database_id))
        continue;
      if (g_strcmp0 (grant->user, revoked_uuid) != 0)
        g_ptr_array_add (holders, alcove_header_find_user (header, grant->user));
      g_ptr_array_remove_index (header->grants, i - 1);
    }
  for (guint i = 0; i < holders->len; i++)
    if (!alcove_vault_grant (self, header, g_ptr_array_index (holders, i), rotation->database_id,
                             rotation->new_key, error))
      return FALSE;
  for (guint i = header->recovery_wraps->len; i > 0; i--)
    if (g_str_equal (((AlcoveHeaderRecoveryWrap *) g_ptr_array_index (header->recovery_wraps, i - 1))->database,
                     rotation->database_id))
      g_ptr_array_remove_index (header->recovery_wraps, i - 1);
  /* copied whole under a new key: keys set aside for it open nothing any more */
  alcove_header_drop_retiring (header, rotation->database_id);
  return alcove_vault_seal_for_recovery (self, header, rotation->database_id, rotation->new_key,
                                         error) &&
         alcove_vault_seal_notes_for_emergency (self, header, rotation->database_id,
                                                rotation->new_key, error);
}

void
alcove_rekey_plan_free (AlcoveRekeyPlan *plan)
{
  if (plan == NULL)
    return;
  /* copies never committed are orphans: no header names them */
  for (guint i = 0; !plan->committed && i < plan->rotations->len; i++)
    remove_store_files (plan->dir, ((Rotation *) g_ptr_array_index (plan->rotations, i))->new_file);
  g_ptr_array_unref (plan->rotations);
  g_clear_pointer (&plan->header, alcove_header_free);
  g_free (plan->dir);
  g_free (plan);
}

/* `database_ids` each get a new file and key in `header` (a changed copy of the session's,
 * taken), sealed to their holders but `revoked_uuid`; `target`: the new files' settings,
 * NULL to keep each store's. Nothing is written. */
AlcoveRekeyPlan *
alcove_vault_plan_rekey (AlcoveVault                 *self,
                         AlcoveHeader                *header,
                         GStrv                        database_ids,
                         const char                  *revoked_uuid,
                         const AlcoveCipherSettings  *target,
                         GError                     **error)
{
  g_autoptr(AlcoveRekeyPlan) plan = NULL;

  if (!alcove_vault_require_authority (self, error))
    {
      alcove_header_free (header);
      return NULL;
    }
  plan = g_new0 (AlcoveRekeyPlan, 1);
  plan->dir = g_strdup (self->path);
  plan->header = header;
  plan->rotations = g_ptr_array_new_with_free_func ((GDestroyNotify) rotation_free);
  plan->header_serial = self->header_serial;
  for (guint i = 0; database_ids[i] != NULL; i++)
    {
      AlcoveHeaderDatabase *entry = alcove_header_find_database (header, database_ids[i]);
      Rotation *rotation = rotation_new (self, entry, target);

      g_ptr_array_add (plan->rotations, rotation);
      if (!regrant (self, header, rotation, revoked_uuid, error))
        return NULL;
      g_free (entry->file);
      entry->file = g_strdup (rotation->new_file);
      set_entry_settings (entry, &rotation->new_settings);
    }
  return g_steal_pointer (&plan);
}

/* How far the copying of every store got, in bytes of the stores before */
typedef struct
{
  AlcoveRekeyProgress progress;
  gpointer            user_data;
  const char         *file;
  guint64             before;   /* the stores already copied */
  guint64             size;     /* the one being copied */
  guint64             total;
} RekeyMeter;

static void
export_progress_cb (guint64  written,
                    gpointer user_data)
{
  RekeyMeter *meter = user_data;

  meter->progress (meter->file, meter->before + MIN (written, meter->size), meter->total,
                   meter->user_data);
}

/* Read through each store's write-ahead log rather than checkpointed into it: until the
 * commit, nothing writes to the old files */
static gboolean
measure_stores (AlcoveRekeyPlan  *plan,
                guint64          *total,
                GError          **error)
{
  for (guint i = 0; i < plan->rotations->len; i++)
    {
      Rotation *rotation = g_ptr_array_index (plan->rotations, i);
      g_autofree char *path = g_build_filename (plan->dir, rotation->old_file, NULL);
      g_autoptr(AlcoveDatabase) store = alcove_database_open (path, rotation->old_key,
                                                              &rotation->old_settings, FALSE,
                                                              error);

      if (store == NULL)
        return FALSE;
      rotation->size = alcove_database_get_data_size (store, "main");
      alcove_database_close (store);
      *total += rotation->size;
    }
  return TRUE;
}

static gboolean
copy_stores (AlcoveRekeyPlan      *plan,
             RekeyMeter           *meter,
             GCancellable         *cancellable,
             GError              **error)
{
  if (!measure_stores (plan, &meter->total, error))
    return FALSE;
  for (guint i = 0; i < plan->rotations->len; i++)
    {
      Rotation *rotation = g_ptr_array_index (plan->rotations, i);
      g_autofree char *path = g_build_filename (plan->dir, rotation->old_file, NULL);
      g_autofree char *new_path = g_build_filename (plan->dir, rotation->new_file, NULL);

      /* between stores, before anything of this one is written */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      meter->file = rotation->old_file;
      meter->size = rotation->size;
      if (meter->progress != NULL)
        meter->progress (meter->file, meter->before, meter->total, meter->user_data);
      if (!alcove_database_export (path, rotation->old_key, &rotation->old_settings, new_path,
                                   rotation->new_key, &rotation->new_settings,
                                   meter->progress ? export_progress_cb : NULL, meter,
                                   cancellable, error))
        return FALSE;
      meter->before += meter->size;
    }
  return TRUE;
}

/* The long step: each store copied into its new file. Reads and writes nothing but the plan
 * and the files, so it may run on any thread, one at a time; the old keys are wiped once
 * copied. On failure or cancel, what was copied so far is removed and no old file changed. */
gboolean
alcove_rekey_plan_copy (AlcoveRekeyPlan      *plan,
                        AlcoveRekeyProgress   progress,
                        gpointer              user_data,
                        GCancellable         *cancellable,
                        GError              **error)
{
  RekeyMeter meter = { progress, user_data, NULL, 0, 0, 0 };
  gboolean copied;

  g_return_val_if_fail (plan != NULL && !plan->committed, FALSE);

  copied = copy_stores (plan, &meter, cancellable, error);
  for (guint i = 0; i < plan->rotations->len; i++)
    {
      Rotation *rotation = g_ptr_array_index (plan->rotations, i);

      g_clear_pointer (&rotation->old_key, alcove_secret_free);
      if (!copied)
        remove_store_files (plan->dir, rotation->new_file);
    }
  if (copied && progress != NULL)
    progress (NULL, meter.total, meter.total, user_data);
  return copied;
}

/* The session the plan was made in is still open, with the header it was made from */
gboolean
alcove_vault_check_rekey_plan (AlcoveVault      *self,
                               AlcoveRekeyPlan  *plan,
                               GError          **error)
{
  return alcove_vault_check_unchanged (self, plan->header_serial, error);
}

/* Exchanges each rotated store's key in the session with the one in the rotation */
static void
swap_keys (AlcoveVault *self,
           GPtrArray   *rotations)
{
  for (guint i = 0; i < rotations->len; i++)
    {
      Rotation *rotation = g_ptr_array_index (rotations, i);
      AlcoveSecret *held = NULL;
      gpointer old_id = NULL;

      g_hash_table_steal_extended (self->database_keys, rotation->database_id, &old_id,
                                   (gpointer *) &held);
      g_free (old_id);
      g_hash_table_insert (self->database_keys, g_strdup (rotation->database_id),
                           rotation->new_key);
      rotation->new_key = held;
    }
}

/* After the copies: the header written, the session reopened on the new files with the new
 * keys, the old files deleted. A failed commit leaves the session as it was. */
gboolean
alcove_vault_commit_rekey (AlcoveVault      *self,
                           AlcoveRekeyPlan  *plan,
                           GError          **error)
{
  g_return_val_if_fail (plan != NULL && plan->header != NULL, FALSE);
  g_assert (plan->header_serial == self->header_serial);

  /* The new keys are the session's from the commit on: what is read after it (this
   * computer's record) reads the new files. */
  swap_keys (self, plan->rotations);
  if (!alcove_vault_commit_header (self, g_steal_pointer (&plan->header), error))
    {
      swap_keys (self, plan->rotations);
      return FALSE;
    }
  plan->committed = TRUE;
  if (!alcove_vault_reopen (self, error))
    return FALSE;
  for (guint i = 0; i < plan->rotations->len; i++)
    remove_store_files (plan->dir, ((Rotation *) g_ptr_array_index (plan->rotations, i))->old_file);
  return TRUE;
}

/* Rotates `database_ids` and commits `header` (a changed copy, taken) in one write; the
 * session then goes on with the new keys. `revoked_uuid` loses its grants to them. */
gboolean
alcove_vault_rotate_and_commit (AlcoveVault          *self,
                                AlcoveHeader         *header,
                                GStrv                 database_ids,
                                const char           *revoked_uuid,
                                const AlcoveCipherSettings *target,
                                AlcoveRekeyProgress   progress,
                                gpointer              user_data,
                                GError              **error)
{
  g_autoptr(AlcoveRekeyPlan) plan = alcove_vault_plan_rekey (self, header, database_ids,
                                                             revoked_uuid, target, error);

  return plan != NULL &&
         alcove_rekey_plan_copy (plan, progress, user_data, NULL, error) &&
         alcove_vault_commit_rekey (self, plan, error);
}

/* The ids of the stores whose keys this session holds, in the header's order */
GStrv
alcove_vault_dup_held_store_ids (AlcoveVault *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; i < self->header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (self->header->databases, i);

      if (g_hash_table_contains (self->database_keys, entry->id))
        g_strv_builder_add (ids, entry->id);
    }
  return g_strv_builder_end (ids);
}

/* Every store this session holds, under new keys: after a suspected compromise. An owner
 * holds the practice and their own stores; the recovery key holds them all. */
gboolean
alcove_vault_rekey (AlcoveVault          *self,
                    AlcoveRekeyProgress   progress,
                    gpointer              user_data,
                    GError              **error)
{
  g_auto(GStrv) database_ids = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (!alcove_vault_require_authority (self, error))
    return FALSE;
  database_ids = alcove_vault_dup_held_store_ids (self);
  if (!alcove_vault_rotate_and_commit (self, alcove_vault_copy_header (self), database_ids, NULL,
                                       NULL, progress, user_data, error))
    return FALSE;
  alcove_vault_audit (self, ALCOVE_AUDIT_VAULT_REKEY, self->header->vault_uuid, NULL);
  return TRUE;
}

/* Every store of the vault rewritten with this build's SQLCipher settings (3.4's files to
 * SQLCipher 4's): deliberate and vault-wide, because a workstation with an older SQLCipher
 * can no longer open the result. Needs every store's key: the recovery key, or an owner
 * who holds them all. */
gboolean
alcove_vault_upgrade_cipher (AlcoveVault          *self,
                             AlcoveRekeyProgress   progress,
                             gpointer              user_data,
                             GError              **error)
{
  g_auto(AlcoveCipherSettings) native = { 0 };
  g_auto(GStrv) database_ids = NULL;
  AlcoveHeaderDatabase *practice;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (!alcove_vault_require_authority (self, error))
    return FALSE;
  alcove_cipher_settings_native (&native);
  practice = alcove_header_find_database (self->header, ALCOVE_PRACTICE_DB);
  if (native.compatibility <= practice->compatibility)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("The vault already uses the newest settings this Alcove can write "
                     "(SQLCipher %s); to move it to SQLCipher 4, run this with an Alcove built "
                     "with SQLCipher 4, such as the Flatpak"), native.sqlcipher);
      return FALSE;
    }
  database_ids = alcove_vault_dup_held_store_ids (self);
  if (g_strv_length (database_ids) != self->header->databases->len)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                   _("Moving the vault to new settings needs every store’s key; sign in "
                     "with the recovery key"));
      return FALSE;
    }
  if (!alcove_vault_rotate_and_commit (self, alcove_vault_copy_header (self), database_ids, NULL,
                                       &native, progress, user_data, error))
    return FALSE;
  alcove_vault_audit (self, ALCOVE_AUDIT_VAULT_REKEY, self->header->vault_uuid,
                      "{\"cipher\":\"upgraded\"}");
  return TRUE;
}

/* ---- the authority key ---- */

/* Every grant the authority made, and every recovery wrap, signed (again) with the key the
 * session now holds. */
void
alcove_vault_sign_as_authority (AlcoveVault  *self,
                                AlcoveHeader *header)
{
  for (guint i = 0; i < header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);

      if (g_strcmp0 (grant->granter, ALCOVE_GRANTER_AUTHORITY) == 0)
        alcove_vault_sign_grant_as_authority (self, header, grant, ALCOVE_GRANT_CONTEXT);
    }
  for (guint i = 0; i < header->recovery_wraps->len; i++)
    alcove_vault_sign_wrap_as_authority (self, header, g_ptr_array_index (header->recovery_wraps, i),
                                         ALCOVE_RECOVERY_WRAP_CONTEXT);
}

/* The authority's seed, sealed to every active owner and to the recovery key */
gboolean
alcove_vault_grant_authority_to_owners (AlcoveVault         *self,
                                        AlcoveHeader        *header,
                                        const AlcoveSecret  *seed,
                                        GError             **error)
{
  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      if (user->role == ALCOVE_ROLE_OWNER && !user->disabled &&
          !alcove_vault_grant (self, header, user, ALCOVE_AUTHORITY_ID, seed, error))
        return FALSE;
    }
  return alcove_vault_seal_for_recovery (self, header, ALCOVE_AUTHORITY_ID, seed, error);
}

static void
remove_authority_seals (AlcoveHeader *header)
{
  for (guint i = header->grants->len; i > 0; i--)
    if (g_str_equal (((AlcoveHeaderGrant *) g_ptr_array_index (header->grants, i - 1))->database,
                     ALCOVE_AUTHORITY_ID))
      g_ptr_array_remove_index (header->grants, i - 1);
  for (guint i = header->recovery_wraps->len; i > 0; i--)
    if (g_str_equal (((AlcoveHeaderRecoveryWrap *) g_ptr_array_index (header->recovery_wraps, i - 1))->database,
                     ALCOVE_AUTHORITY_ID))
      g_ptr_array_remove_index (header->recovery_wraps, i - 1);
}

/* When an owner leaves, the authority key they held is succeeded by a new one that the
 * current one endorses in `header` (not yet committed). Slots that pin an earlier key
 * follow the endorsement and are re-pinned at their next sign-in; a computer that saw the
 * new key refuses anything signed by the old one alone. The session signs with the new
 * key from now on; on failure, alcove_vault_restore_authority puts the old one back. */
gboolean
alcove_vault_succeed_authority (AlcoveVault   *self,
                                AlcoveHeader  *header,
                                AlcoveSigner **previous,
                                AlcoveSecret **previous_seed,
                                GError       **error)
{
  g_autoptr(AlcoveSecret) seed = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  AlcoveSigner *next = alcove_signer_new (seed, ALCOVE_SIGNING_AUTHORITY);
  gpointer old_id = NULL;

  alcove_header_succeed_authority (header, self->authority, alcove_signer_get_public_key (next));
  *previous = g_steal_pointer (&self->authority);
  self->authority = next;
  g_hash_table_steal_extended (self->database_keys, ALCOVE_AUTHORITY_ID, &old_id,
                               (gpointer *) previous_seed);
  g_free (old_id);
  g_hash_table_insert (self->database_keys, g_strdup (ALCOVE_AUTHORITY_ID),
                       alcove_secret_copy (seed));

  remove_authority_seals (header);
  if (!alcove_vault_grant_authority_to_owners (self, header, seed, error))
    return FALSE;
  alcove_vault_sign_as_authority (self, header);
  return TRUE;
}

void
alcove_vault_restore_authority (AlcoveVault  *self,
                                AlcoveSigner *previous,
                                AlcoveSecret *previous_seed)
{
  g_clear_pointer (&self->authority, alcove_signer_free);
  self->authority = previous;
  g_hash_table_insert (self->database_keys, g_strdup (ALCOVE_AUTHORITY_ID), previous_seed);
}
