/* alcove-backup.c — making, checking, listing and pruning backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "alcove-audit-actions.h"
#include "alcove-audit.h"
#include "alcove-backup-private.h"
#include "alcove-crypto.h"
#include "alcove-error.h"
#include "alcove-vault-private.h"

/* ---- the plan: everything the work needs, taken from the session on its thread ---- */

typedef struct
{
  char          *id;
  char          *file;
  AlcoveSecret  *key;        /* NULL: this session cannot open it */
  AlcoveCipherSettings settings;
} PlannedStore;

typedef struct
{
  char         *vault_dir;
  char         *path;
  GBytes       *header;
  GBytes       *restored;     /* vault.restored, when the vault has one */
  GPtrArray    *stores;       /* PlannedStore */
  AlcoveSigner *signer;
  char         *signer_id;
  char         *signer_name;
  AlcoveSecret *practice_key;
  char         *vault_uuid;
  char         *practice_name;
  gint64        generation;
  gint64        created_ms;
  AlcoveBackupProgress progress;
  gpointer      progress_data;
  guint64       done;
  guint64       total;
  char         *staging;
} BackupPlan;

static void
planned_store_free (PlannedStore *store)
{
  g_free (store->id);
  g_free (store->file);
  g_clear_pointer (&store->key, alcove_secret_free);
  alcove_cipher_settings_clear (&store->settings);
  g_free (store);
}

static void
backup_plan_free (BackupPlan *plan)
{
  g_free (plan->vault_dir);
  g_free (plan->path);
  g_clear_pointer (&plan->header, g_bytes_unref);
  g_clear_pointer (&plan->restored, g_bytes_unref);
  g_clear_pointer (&plan->stores, g_ptr_array_unref);
  g_clear_pointer (&plan->signer, alcove_signer_free);
  g_free (plan->signer_id);
  g_free (plan->signer_name);
  g_clear_pointer (&plan->practice_key, alcove_secret_free);
  g_free (plan->vault_uuid);
  g_free (plan->practice_name);
  g_free (plan->staging);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BackupPlan, backup_plan_free)

static GBytes *
read_vault_file (const char  *vault_dir,
                 const char  *name,
                 gboolean     required,
                 GError     **error)
{
  g_autofree char *path = g_build_filename (vault_dir, name, NULL);
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (required || !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                     _("Could not read %s for the backup: %s"), name, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/* The header on disk, which is what a restore will read: the session's own copy may be
 * a moment older or newer, and must at least be the same vault */
static gboolean
plan_header (BackupPlan   *plan,
             AlcoveVault  *vault,
             GError      **error)
{
  g_autoptr(AlcoveHeader) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *text;

  plan->header = read_vault_file (plan->vault_dir, ALCOVE_HEADER_FILE, TRUE, error);
  if (plan->header == NULL)
    return FALSE;
  text = g_bytes_get_data (plan->header, &size);
  parsed = alcove_header_parse (text, size, &local_error);
  if (parsed == NULL || g_strcmp0 (parsed->vault_uuid, vault->header->vault_uuid) != 0)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_DAMAGED,
                               _("%s changed on disk during the backup; check the vault and "
                                 "try again"), ALCOVE_HEADER_FILE);
  plan->generation = parsed->generation;
  plan->vault_uuid = g_strdup (parsed->vault_uuid);
  plan->practice_name = g_strdup (parsed->practice_name);
  return TRUE;
}

static void
plan_stores (BackupPlan   *plan,
             AlcoveVault  *vault)
{
  plan->stores = g_ptr_array_new_with_free_func ((GDestroyNotify) planned_store_free);
  for (guint i = 0; i < vault->header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (vault->header->databases, i);
      AlcoveSecret *key = g_hash_table_lookup (vault->database_keys, entry->id);
      PlannedStore *store = g_new0 (PlannedStore, 1);

      store->id = g_strdup (entry->id);
      store->file = g_strdup (entry->file);
      store->key = key ? alcove_secret_copy (key) : NULL;
      store->settings = (AlcoveCipherSettings) { g_strdup (entry->sqlcipher), entry->compatibility,
                                                 entry->page_size, g_strdup (entry->hmac),
                                                 g_strdup (entry->kdf) };
      g_ptr_array_add (plan->stores, store);
    }
}

static BackupPlan *
plan_backup (AlcoveVault  *vault,
             const char   *path,
             GError      **error)
{
  g_autoptr(BackupPlan) plan = g_new0 (BackupPlan, 1);
  AlcoveSecret *practice_key;

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS,
                   _("%s already exists; Alcove never writes a backup over another file"), path);
      return NULL;
    }
  practice_key = g_hash_table_lookup (vault->database_keys, ALCOVE_PRACTICE_DB);
  g_return_val_if_fail (practice_key != NULL && vault->signer != NULL, NULL);
  plan->vault_dir = g_strdup (vault->path);
  plan->path = g_strdup (path);
  plan->created_ms = g_get_real_time () / 1000;
  plan->practice_key = alcove_secret_copy (practice_key);
  plan->signer = alcove_signer_copy (vault->signer);
  plan->signer_id = g_strdup (vault->current_user ? alcove_user_get_uuid (vault->current_user)
                                                  : ALCOVE_ACTOR_RECOVERY);
  plan->signer_name = g_strdup (vault->current_user ? alcove_user_get_username (vault->current_user)
                                                    : "");
  if (!plan_header (plan, vault, error))
    return NULL;
  plan->restored = read_vault_file (plan->vault_dir, ALCOVE_RESTORED_FILE, FALSE, error);
  if (plan->restored == NULL && error != NULL && *error != NULL)
    return NULL;
  plan_stores (plan, vault);
  return g_steal_pointer (&plan);
}

/* ---- copying the stores ---- */

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

static void
report (BackupPlan *plan,
        guint64     bytes)
{
  plan->done += bytes;
  if (plan->progress != NULL)
    plan->progress (MIN (plan->done, plan->total), plan->total, plan->progress_data);
}

/* Some session has the store open and may be writing it (its write-ahead log holds
 * commits): only a session with its key can copy it consistently. */
static gboolean
store_in_use (const char *store_path)
{
  g_autofree char *wal = g_strconcat (store_path, "-wal", NULL);

  return file_size (wal) > 0;
}

static gboolean
add_store (BackupPlan          *plan,
           AlcoveBackupWriter  *writer,
           PlannedStore        *store,
           const char          *source_path,
           AlcoveBackupInfo    *info,
           GCancellable        *cancellable,
           GError             **error)
{
  AlcoveBackupFile file = { 0 };
  gboolean ok = alcove_backup_writer_add_file (writer, store->file, source_path, &file,
                                               cancellable, error);

  file.store_id = g_strdup (store->id);
  file.counter = -1;
  if (ok)
    g_ptr_array_add (info->files, alcove_backup_file_copy (&file));
  report (plan, file.size);
  alcove_backup_file_clear (&file);
  return ok;
}

/* When a writer keeps the store's log busy: SQLite's online backup into a file of the
 * vault folder (the same disk, never outside the vault), added, then removed */
static gboolean
add_store_snapshot (BackupPlan          *plan,
                    AlcoveBackupWriter  *writer,
                    PlannedStore        *store,
                    AlcoveBackupInfo    *info,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autofree char *store_path = g_build_filename (plan->vault_dir, store->file, NULL);
  g_autofree char *copy_path = NULL;
  gboolean ok;

  if (plan->staging == NULL)
    {
      g_autofree char *template = g_build_filename (plan->vault_dir, ".backup-XXXXXX", NULL);

      if (g_mkdtemp_full (template, 0700) == NULL)
        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_IO,
                                   _("Could not prepare the backup in the vault folder: %s"),
                                   g_strerror (errno));
      plan->staging = g_steal_pointer (&template);
    }
  copy_path = g_build_filename (plan->staging, store->file, NULL);
  ok = alcove_database_snapshot (store_path, store->key, &store->settings, copy_path,
                                 cancellable, error) &&
       add_store (plan, writer, store, copy_path, info, cancellable, error);
  g_unlink (copy_path);
  return ok;
}

static gboolean
same_file_state (const GStatBuf *a,
                 const GStatBuf *b)
{
  return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
         a->st_mtim.tv_nsec == b->st_mtim.tv_nsec && a->st_ino == b->st_ino;
}

/* A store this session cannot open is copied as it lies, when no session has it open,
 * and only if it did not change while it was read */
static gboolean
add_closed_store (BackupPlan          *plan,
                  AlcoveBackupWriter  *writer,
                  PlannedStore        *store,
                  AlcoveBackupInfo    *info,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autofree char *store_path = g_build_filename (plan->vault_dir, store->file, NULL);
  GStatBuf before, after;

  if (store_in_use (store_path))
    {
      /* TRANSLATORS: a reason in a backup's list of files it could not hold */
      g_ptr_array_add (info->omitted, g_strdup_printf ("%s: %s", store->file,
                                                       _("open in another session that this "
                                                         "person cannot copy; back up again "
                                                         "later")));
      return TRUE;
    }
  if (g_stat (store_path, &before) != 0)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_DAMAGED,
                               _("%s is missing from the vault; check the vault before backing "
                                 "it up"), store->file);
  if (!add_store (plan, writer, store, store_path, info, cancellable, error))
    return FALSE;
  if (g_stat (store_path, &after) != 0 || !same_file_state (&before, &after) ||
      store_in_use (store_path))
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_IO,
                               _("%s changed while it was copied into the backup: someone "
                                 "opened it meanwhile. Nothing was kept; back up again."),
                               store->file);
  return TRUE;
}

/* A store this session holds the key of: its file as it lies, under a read transaction
 * that keeps it one consistent commit, or else a snapshot */
static gboolean
add_open_store (BackupPlan          *plan,
                AlcoveBackupWriter  *writer,
                PlannedStore        *store,
                AlcoveBackupInfo    *info,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autofree char *store_path = g_build_filename (plan->vault_dir, store->file, NULL);
  GError *local_error = NULL;
  g_autoptr(AlcoveDatabase) held = alcove_database_hold_file (store_path, store->key,
                                                              &store->settings, &local_error);
  gboolean ok;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (held == NULL)
    return add_store_snapshot (plan, writer, store, info, cancellable, error);
  ok = add_store (plan, writer, store, store_path, info, cancellable, error);
  alcove_database_close (held);
  return ok;
}

/* ---- writing the container ---- */

static AlcoveBackupInfo *
new_info (BackupPlan *plan)
{
  AlcoveBackupInfo *info = g_new0 (AlcoveBackupInfo, 1);

  info->path = g_strdup (plan->path);
  info->vault_uuid = g_strdup (plan->vault_uuid);
  info->practice_name = g_strdup (plan->practice_name);
  info->generation = plan->generation;
  info->created_ms = plan->created_ms;
  info->made_by = g_strdup (plan->signer_id);
  info->made_by_name = g_strdup (plan->signer_name);
  info->files = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_backup_file_free);
  info->omitted = g_ptr_array_new_with_free_func (g_free);
  return info;
}

static gboolean
write_stores (BackupPlan          *plan,
              AlcoveBackupWriter  *writer,
              AlcoveBackupInfo    *info,
              GCancellable        *cancellable,
              GError             **error)
{
  for (guint i = 0; i < plan->stores->len; i++)
    {
      PlannedStore *store = g_ptr_array_index (plan->stores, i);
      gboolean ok = store->key != NULL
                      ? add_open_store (plan, writer, store, info, cancellable, error)
                      : add_closed_store (plan, writer, store, info, cancellable, error);

      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_small_file (AlcoveBackupWriter  *writer,
                  const char          *name,
                  GBytes              *bytes,
                  AlcoveBackupInfo    *info,
                  GError             **error)
{
  AlcoveBackupFile file = { 0 };
  gboolean ok = alcove_backup_writer_add_bytes (writer, name, bytes, &file, error);

  file.counter = -1;
  if (ok && info != NULL)
    g_ptr_array_add (info->files, alcove_backup_file_copy (&file));
  alcove_backup_file_clear (&file);
  return ok;
}

static gboolean
write_container (BackupPlan        *plan,
                 int                fd,
                 AlcoveBackupInfo  *info,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autoptr(AlcoveBackupWriter) writer = alcove_backup_writer_new (fd, plan->path, error);
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GBytes) seal = NULL;

  if (writer == NULL || !write_stores (plan, writer, info, cancellable, error) ||
      !write_small_file (writer, ALCOVE_HEADER_FILE, plan->header, info, error) ||
      (plan->restored != NULL &&
       !write_small_file (writer, ALCOVE_RESTORED_FILE, plan->restored, info, error)))
    return FALSE;
  manifest = alcove_backup_manifest_build (info);
  seal = alcove_backup_seal_build (manifest, plan->signer_id, plan->signer, plan->practice_key);
  return write_small_file (writer, ALCOVE_BACKUP_MANIFEST, manifest, NULL, error) &&
         write_small_file (writer, ALCOVE_BACKUP_SEAL, seal, NULL, error) &&
         alcove_backup_writer_close (writer, error);
}

static gboolean
sync_fd (int          fd,
         const char  *path,
         GError     **error)
{
  if (fsync (fd) == 0)
    return TRUE;
  if (errno == ENOSPC || errno == EDQUOT)
    g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                 _("There is not enough free space for the backup at %s. Nothing was changed, "
                   "and earlier backups are as they were; free some space or choose another "
                   "place."), path);
  else
    g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                 _("Could not write the backup at %s: %s"), path, g_strerror (errno));
  return FALSE;
}

/* The finished file takes its name only when whole, and never over another file */
static gboolean
publish (const char  *partial,
         const char  *path,
         GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (link (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ALCOVE_VAULT_ERROR,
                   saved_errno == EEXIST ? ALCOVE_VAULT_ERROR_EXISTS : ALCOVE_VAULT_ERROR_IO,
                   _("Could not name the backup %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  g_unlink (partial);
  alcove_backup_sync_folder (folder);
  return TRUE;
}

static void
total_size (BackupPlan *plan)
{
  for (guint i = 0; i < plan->stores->len; i++)
    {
      PlannedStore *store = g_ptr_array_index (plan->stores, i);
      g_autofree char *store_path = g_build_filename (plan->vault_dir, store->file, NULL);

      plan->total += file_size (store_path);
    }
}

/* Writes the container beside its destination, then checks it by reading it back */
static AlcoveBackupInfo *
run_backup (BackupPlan    *plan,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *partial = g_strconcat (plan->path, ".XXXXXX.partial", NULL);
  g_autoptr(AlcoveBackupInfo) info = new_info (plan);
  g_auto(AlcoveBackupContents) check = { 0 };
  gboolean ok;
  int fd;

  total_size (plan);
  fd = g_mkstemp_full (partial, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not write the backup at %s: %s"), plan->path, g_strerror (errno));
      return NULL;
    }
  ok = write_container (plan, fd, info, cancellable, error) && sync_fd (fd, plan->path, error);
  g_close (fd, NULL);
  if (plan->staging != NULL)
    g_rmdir (plan->staging);
  ok = ok && alcove_backup_read (partial, NULL, NULL, &check, error) &&
       alcove_backup_check_mac (&check, plan->practice_key, error) &&
       publish (partial, plan->path, error);
  if (!ok)
    {
      g_unlink (partial);
      return NULL;
    }
  info->size = file_size (plan->path);
  return g_steal_pointer (&info);
}

static void
audit_backup (AlcoveVault       *vault,
              AlcoveBackupInfo  *info)
{
  g_autofree char *generation = g_strdup_printf ("%" G_GINT64_FORMAT, info->generation);
  g_autofree char *files = g_strdup_printf ("%u", info->files->len);
  g_autofree char *omitted = g_strdup_printf ("%u", info->omitted->len);
  g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, info->created_ms);
  g_autofree char *details = alcove_audit_details ("generation", generation, "files", files,
                                                   "omitted", omitted, "created_ms", created,
                                                   "verified", "true", NULL);

  alcove_vault_audit (vault, ALCOVE_AUDIT_BACKUP_CREATE, info->vault_uuid, details);
  alcove_vault_emit_changed (vault, "backup");
}

AlcoveBackupInfo *
alcove_backup_create (AlcoveVault          *vault,
                      const char           *path,
                      AlcoveBackupProgress  progress,
                      gpointer              progress_data,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autoptr(BackupPlan) plan = plan_backup (vault, path, error);
  AlcoveBackupInfo *info;

  if (plan == NULL)
    return NULL;
  plan->progress = progress;
  plan->progress_data = progress_data;
  info = run_backup (plan, cancellable, error);
  if (info != NULL)
    audit_backup (vault, info);
  return info;
}

static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  AlcoveBackupInfo *info = run_backup (task_data, cancellable, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) alcove_backup_info_free);
}

void
alcove_backup_create_async (AlcoveVault          *vault,
                            const char           *path,
                            AlcoveBackupProgress  progress,
                            gpointer              progress_data,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (vault, cancellable, callback, user_data);
  GError *error = NULL;
  BackupPlan *plan = plan_backup (vault, path, &error);

  g_task_set_source_tag (task, alcove_backup_create_async);
  if (plan == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  plan->progress = progress;
  plan->progress_data = progress_data;
  g_task_set_task_data (task, plan, (GDestroyNotify) backup_plan_free);
  g_task_run_in_thread (task, backup_thread);
}

AlcoveBackupInfo *
alcove_backup_create_finish (AlcoveVault   *vault,
                             GAsyncResult  *result,
                             GError       **error)
{
  AlcoveBackupInfo *info = g_task_propagate_pointer (G_TASK (result), error);

  /* the session may have locked meanwhile: the backup stands, unaudited by this session */
  if (info != NULL && !alcove_vault_get_locked (vault))
    audit_backup (vault, info);
  return info;
}

/* ---- checking, listing, pruning ---- */

AlcoveBackupInfo *
alcove_backup_verify (const char   *path,
                      AlcoveVault  *vault,
                      GError      **error)
{
  g_auto(AlcoveBackupContents) contents = { 0 };
  AlcoveSecret *practice_key = NULL;

  if (!alcove_backup_read (path, NULL, NULL, &contents, error))
    return NULL;
  if (vault != NULL && !alcove_vault_get_locked (vault))
    {
      if (g_strcmp0 (contents.info->vault_uuid, vault->header->vault_uuid) != 0)
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                       _("%s is a backup of another practice (“%s”), not of this one"),
                       path, contents.info->practice_name);
          return NULL;
        }
      practice_key = g_hash_table_lookup (vault->database_keys, ALCOVE_PRACTICE_DB);
      if (!alcove_backup_check_mac (&contents, practice_key, error))
        return NULL;
      contents.info->mac_checked = TRUE;
    }
  contents.info->size = file_size (path);
  return g_steal_pointer (&contents.info);
}

/* What a folder listing needs: the manifest and seal checked, and every file there with
 * its size, without reading each store's bytes */
static AlcoveBackupInfo *
read_quickly (const char  *path,
              GError     **error)
{
  g_auto(AlcoveBackupContents) contents = { .quick = TRUE };

  if (!alcove_backup_read (path, NULL, NULL, &contents, error))
    return NULL;
  contents.info->size = file_size (path);
  return g_steal_pointer (&contents.info);
}

void
alcove_backup_listing_free (AlcoveBackupListing *listing)
{
  g_free (listing->path);
  g_clear_pointer (&listing->info, alcove_backup_info_free);
  g_free (listing->problem);
  g_free (listing);
}

static gint64
listing_time (const AlcoveBackupListing *listing)
{
  GStatBuf st;

  if (listing->info != NULL)
    return listing->info->created_ms;
  return g_stat (listing->path, &st) == 0 ? (gint64) st.st_mtime * 1000 : 0;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  gint64 ta = listing_time (*(AlcoveBackupListing * const *) a);
  gint64 tb = listing_time (*(AlcoveBackupListing * const *) b);

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

GPtrArray *
alcove_backup_list (const char  *folder,
                    GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr(GPtrArray) listings = NULL;
  const char *name;

  if (dir == NULL)
    return NULL;
  listings = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_backup_listing_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      AlcoveBackupListing *listing;
      g_autoptr(GError) problem = NULL;

      if (!g_str_has_suffix (name, ALCOVE_BACKUP_SUFFIX))
        continue;
      listing = g_new0 (AlcoveBackupListing, 1);
      listing->path = g_build_filename (folder, name, NULL);
      listing->info = read_quickly (listing->path, &problem);
      listing->problem = problem ? g_strdup (problem->message) : NULL;
      g_ptr_array_add (listings, listing);
    }
  g_ptr_array_sort (listings, newest_first);
  return g_steal_pointer (&listings);
}

char *
alcove_backup_file_name (AlcoveVault *vault,
                         gint64       now_ms)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (now_ms / 1000);
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *short_uuid = g_strndup (vault->header->vault_uuid, 8);

  return g_strdup_printf ("alcove-%s-%s%s", short_uuid, stamp, ALCOVE_BACKUP_SUFFIX);
}

/* The day ("2026-12-07") or month ("2026-12") a backup belongs to, in local time */
static char *
period_of (gint64      created_ms,
           const char *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (created_ms / 1000);

  return g_date_time_format (time, format);
}

/* The first backup of each period is its newest, the times being newest first */
static void
keep_newest_per_period (const gint64 *created_ms,
                        guint         n,
                        gboolean     *keep,
                        const char   *format,
                        guint         periods)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      char *period = period_of (created_ms[i], format);

      if (g_hash_table_contains (seen, period) || g_hash_table_size (seen) >= periods)
        {
          g_free (period);
          continue;
        }
      g_hash_table_add (seen, period);
      keep[i] = TRUE;
    }
}

gboolean *
alcove_backup_choose_kept (const gint64 *created_ms,
                           guint         n,
                           guint         keep_daily,
                           guint         keep_monthly)
{
  gboolean *keep = g_new0 (gboolean, MAX (n, 1));

  if (n > 0)
    keep[0] = TRUE;
  keep_newest_per_period (created_ms, n, keep, "%Y-%m-%d", keep_daily);
  keep_newest_per_period (created_ms, n, keep, "%Y-%m", keep_monthly);
  return keep;
}

guint
alcove_backup_prune (AlcoveVault  *vault,
                     const char   *folder,
                     guint         keep_daily,
                     guint         keep_monthly,
                     GError      **error)
{
  g_autoptr(GPtrArray) listings = alcove_backup_list (folder, error);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gboolean *keep = NULL;
  guint removed = 0;

  if (listings == NULL)
    return 0;
  /* only this vault's good backups are candidates; a damaged one is left for a person */
  for (guint i = 0; i < listings->len; i++)
    {
      AlcoveBackupListing *listing = g_ptr_array_index (listings, i);

      if (listing->info != NULL &&
          g_strcmp0 (listing->info->vault_uuid, vault->header->vault_uuid) == 0)
        {
          g_ptr_array_add (mine, listing);
          g_array_append_val (times, listing->info->created_ms);
        }
    }
  keep = alcove_backup_choose_kept ((const gint64 *) times->data, times->len, keep_daily,
                                    keep_monthly);
  for (guint i = 0; i < mine->len; i++)
    if (!keep[i] && g_unlink (((AlcoveBackupListing *) g_ptr_array_index (mine, i))->path) == 0)
      removed++;
  return removed;
}

gint64
alcove_backup_last_verified_ms (AlcoveVault *vault)
{
  sqlite3_stmt *stmt = NULL;
  gint64 at_ms = 0;

  if (alcove_vault_get_locked (vault))
    return 0;
  if (sqlite3_prepare_v2 (alcove_database_get_handle (vault->database),
                          "SELECT at_ms FROM audit_log WHERE action = ?1 "
                          "ORDER BY seq DESC LIMIT 1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, ALCOVE_AUDIT_BACKUP_CREATE, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        at_ms = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return at_ms;
}
