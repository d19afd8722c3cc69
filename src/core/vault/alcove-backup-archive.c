/* alcove-backup-archive.c — the backup container: a tar archive, its manifest and seal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-backup"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "alcove-backup-private.h"
#include "alcove-crypto.h"
#include "alcove-error.h"
#include "alcove-json-guard.h"

#define CHUNK_SIZE (1024 * 1024)
#define MAX_ENTRIES 256
#define MAX_NAME_LENGTH 128
#define MAX_MANIFEST_SIZE ((gsize) 1024 * 1024)
#define MAX_SEAL_SIZE ((gsize) 64 * 1024)
#define MANIFEST_MAX_DEPTH 8

/* ---- names and files ---- */

/* The only names a backup may hold: a vault's own files, never a path */
gboolean
alcove_backup_name_is_valid (const char *name)
{
  gsize length = strlen (name);

  if (length == 0 || length > MAX_NAME_LENGTH || name[0] == '.')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return g_str_has_suffix (name, ".db") || g_str_equal (name, ALCOVE_HEADER_FILE) ||
         g_str_equal (name, ALCOVE_RESTORED_FILE) || g_str_equal (name, ALCOVE_BACKUP_MANIFEST) ||
         g_str_equal (name, ALCOVE_BACKUP_SEAL);
}

void
alcove_backup_file_clear (AlcoveBackupFile *file)
{
  g_clear_pointer (&file->name, g_free);
  g_clear_pointer (&file->sha256, g_free);
  g_clear_pointer (&file->store_id, g_free);
}

void
alcove_backup_file_free (AlcoveBackupFile *file)
{
  alcove_backup_file_clear (file);
  g_free (file);
}

AlcoveBackupFile *
alcove_backup_file_copy (const AlcoveBackupFile *file)
{
  AlcoveBackupFile *copy = g_new0 (AlcoveBackupFile, 1);

  copy->name = g_strdup (file->name);
  copy->size = file->size;
  copy->sha256 = g_strdup (file->sha256);
  copy->store_id = g_strdup (file->store_id);
  copy->counter = file->counter;
  return copy;
}

void
alcove_backup_info_free (AlcoveBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->vault_uuid);
  g_free (info->practice_name);
  g_free (info->made_by);
  g_free (info->made_by_name);
  g_clear_pointer (&info->files, g_ptr_array_unref);
  g_clear_pointer (&info->omitted, g_ptr_array_unref);
  g_free (info->sha256);
  g_free (info);
}

static char *
digest_hex (gnutls_hash_hd_t hash)
{
  guint8 digest[32];

  gnutls_hash_deinit (hash, digest);
  return alcove_crypto_hex_encode (digest, sizeof digest);
}

/* A rename or a new file in `dir` survives a power cut once the folder is synced */
void
alcove_backup_sync_folder (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      g_close (fd, NULL);
    }
}

/* ---- writing ---- */

struct _AlcoveBackupWriter
{
  struct archive *archive;
  char           *display_path;
  gint64          mtime;
};

static gboolean
archive_failed (struct archive  *archive,
                const char      *display_path,
                GError         **error)
{
  int code = archive_errno (archive);

  if (code == ENOSPC || code == EDQUOT)
    g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                 _("There is not enough free space for the backup at %s. Nothing was changed, "
                   "and earlier backups are as they were; free some space or choose another "
                   "place."), display_path);
  else
    g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                 _("Could not write the backup at %s: %s"), display_path,
                 archive_error_string (archive) ? archive_error_string (archive)
                                                : g_strerror (code));
  return FALSE;
}

AlcoveBackupWriter *
alcove_backup_writer_new (int          fd,
                          const char  *display_path,
                          GError     **error)
{
  g_autoptr(AlcoveBackupWriter) writer = g_new0 (AlcoveBackupWriter, 1);

  writer->display_path = g_strdup (display_path);
  writer->mtime = g_get_real_time () / G_USEC_PER_SEC;
  writer->archive = archive_write_new ();
  if (archive_write_set_format_pax_restricted (writer->archive) != ARCHIVE_OK ||
      archive_write_set_bytes_per_block (writer->archive, CHUNK_SIZE) != ARCHIVE_OK ||
      archive_write_set_bytes_in_last_block (writer->archive, 1) != ARCHIVE_OK ||
      archive_write_open_fd (writer->archive, fd) != ARCHIVE_OK)
    {
      archive_failed (writer->archive, display_path, error);
      return NULL;
    }
  return g_steal_pointer (&writer);
}

static gboolean
write_entry_header (AlcoveBackupWriter  *writer,
                    const char          *name,
                    guint64              size,
                    GError             **error)
{
  struct archive_entry *entry = archive_entry_new ();
  int rc;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, (la_int64_t) size);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0600);
  archive_entry_set_mtime (entry, writer->mtime, 0);
  rc = archive_write_header (writer->archive, entry);
  archive_entry_free (entry);
  return rc == ARCHIVE_OK || archive_failed (writer->archive, writer->display_path, error);
}

static gboolean
write_chunk (AlcoveBackupWriter  *writer,
             gnutls_hash_hd_t     hash,
             const void          *data,
             gsize                size,
             GError             **error)
{
  gnutls_hash (hash, data, size);
  if (archive_write_data (writer->archive, data, size) != (la_ssize_t) size)
    return archive_failed (writer->archive, writer->display_path, error);
  return TRUE;
}

static void
set_file (AlcoveBackupFile *file,
          const char       *name,
          guint64           size,
          gnutls_hash_hd_t  hash)
{
  file->name = g_strdup (name);
  file->size = size;
  file->sha256 = digest_hex (hash);
}

gboolean
alcove_backup_writer_add_file (AlcoveBackupWriter  *writer,
                               const char          *name,
                               const char          *source_path,
                               AlcoveBackupFile    *file,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autofree guint8 *buffer = NULL;
  gnutls_hash_hd_t hash;
  GStatBuf st;
  guint64 done = 0;
  gboolean ok = TRUE;
  int fd = g_open (source_path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        g_close (fd, NULL);
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not read %s for the backup: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  buffer = g_malloc (CHUNK_SIZE);
  gnutls_hash_init (&hash, GNUTLS_DIG_SHA256);
  ok = write_entry_header (writer, name, (guint64) st.st_size, error);
  while (ok && done < (guint64) st.st_size)
    {
      gssize n = read (fd, buffer, MIN ((guint64) CHUNK_SIZE, (guint64) st.st_size - done));

      if (n <= 0)
        ok = alcove_error_failf (error, ALCOVE_VAULT_ERROR_IO,
                                 _("%s changed while it was copied into the backup; try again"),
                                 name);
      else
        ok = !g_cancellable_set_error_if_cancelled (cancellable, error) &&
             write_chunk (writer, hash, buffer, (gsize) n, error);
      done += n > 0 ? (guint64) n : 0;
    }
  g_close (fd, NULL);
  set_file (file, name, done, hash);
  return ok;
}

gboolean
alcove_backup_writer_add_bytes (AlcoveBackupWriter  *writer,
                                const char          *name,
                                GBytes              *bytes,
                                AlcoveBackupFile    *file,
                                GError             **error)
{
  gsize size = 0;
  const void *data = g_bytes_get_data (bytes, &size);
  gnutls_hash_hd_t hash;
  gboolean ok;

  gnutls_hash_init (&hash, GNUTLS_DIG_SHA256);
  ok = write_entry_header (writer, name, size, error) &&
       (size == 0 || write_chunk (writer, hash, data, size, error));
  set_file (file, name, size, hash);
  return ok;
}

gboolean
alcove_backup_writer_close (AlcoveBackupWriter  *writer,
                            GError             **error)
{
  if (archive_write_close (writer->archive) != ARCHIVE_OK)
    return archive_failed (writer->archive, writer->display_path, error);
  return TRUE;
}

void
alcove_backup_writer_free (AlcoveBackupWriter *writer)
{
  if (writer->archive != NULL)
    archive_write_free (writer->archive);
  g_free (writer->display_path);
  g_free (writer);
}

/* ---- the manifest and the seal ---- */

static void
add_file_member (JsonBuilder            *builder,
                 const AlcoveBackupFile *file)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, file->name);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, (gint64) file->size);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, file->sha256);
  json_builder_set_member_name (builder, "store");
  json_builder_add_string_value (builder, file->store_id ? file->store_id : "");
  json_builder_set_member_name (builder, "counter");
  json_builder_add_int_value (builder, file->counter);
  json_builder_end_object (builder);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static GBytes *
builder_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

GBytes *
alcove_backup_manifest_build (AlcoveBackupInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string_member (builder, "format", ALCOVE_BACKUP_FORMAT);
  add_int_member (builder, "version", ALCOVE_BACKUP_VERSION);
  add_string_member (builder, "vault_uuid", info->vault_uuid);
  add_string_member (builder, "practice_name", info->practice_name);
  add_int_member (builder, "generation", info->generation);
  add_int_member (builder, "created_ms", info->created_ms);
  add_string_member (builder, "made_by", info->made_by);
  add_string_member (builder, "made_by_name", info->made_by_name);
  add_string_member (builder, "app_version", PACKAGE_VERSION);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < info->files->len; i++)
    add_file_member (builder, g_ptr_array_index (info->files, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "omitted");
  json_builder_begin_array (builder);
  for (guint i = 0; i < info->omitted->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (info->omitted, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return builder_bytes (builder);
}

static char *
manifest_mac (GBytes             *manifest,
              const AlcoveSecret *practice_key)
{
  g_autoptr(AlcoveSecret) key = alcove_crypto_derive_subkey (practice_key,
                                                            ALCOVE_BACKUP_MAC_PURPOSE);
  gsize size = 0;
  const void *data = g_bytes_get_data (manifest, &size);
  guint8 digest[32];

  alcove_crypto_hmac (key, data, size, digest);
  return alcove_crypto_hex_encode (digest, sizeof digest);
}

static char *
bytes_base64 (GBytes *bytes)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return g_base64_encode (data, size);
}

GBytes *
alcove_backup_seal_build (GBytes             *manifest,
                          const char         *signer_id,
                          const AlcoveSigner *signer,
                          const AlcoveSecret *practice_key)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gsize size = 0;
  const void *data = g_bytes_get_data (manifest, &size);
  g_autoptr(GBytes) signature = alcove_signer_sign (signer, ALCOVE_BACKUP_SIGNING_CONTEXT,
                                                    data, size);
  g_autofree char *key_b64 = bytes_base64 (alcove_signer_get_public_key (signer));
  g_autofree char *signature_b64 = bytes_base64 (signature);
  g_autofree char *mac = manifest_mac (manifest, practice_key);

  json_builder_begin_object (builder);
  add_string_member (builder, "signer", signer_id);
  add_string_member (builder, "key", key_b64);
  add_string_member (builder, "signature", signature_b64);
  add_string_member (builder, "mac", mac);
  json_builder_end_object (builder);
  return builder_bytes (builder);
}

/* ---- reading ---- */

void
alcove_backup_contents_clear (AlcoveBackupContents *contents)
{
  g_clear_pointer (&contents->files, g_ptr_array_unref);
  g_clear_pointer (&contents->manifest, g_bytes_unref);
  g_clear_pointer (&contents->seal, g_bytes_unref);
  g_clear_pointer (&contents->header, g_bytes_unref);
  g_clear_pointer (&contents->parsed, alcove_header_free);
  g_clear_pointer (&contents->info, alcove_backup_info_free);
}

static gboolean
damaged (GError     **error,
         const char  *path,
         const char  *why)
{
  g_autofree char *base = g_path_get_basename (path);

  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
               _("%s cannot be used as a backup: %s. Nothing was changed; use another "
                 "backup."), base, why);
  return FALSE;
}

static gboolean
read_failed (struct archive  *archive,
             const char      *path,
             GError         **error)
{
  const char *text = archive_error_string (archive);

  if (text != NULL && strstr (text, "runcated") != NULL)
    return damaged (error, path, _("it ends too early, so it was cut short while it was "
                                   "written or copied"));
  return damaged (error, path, _("its structure is damaged"));
}

typedef struct
{
  struct archive *archive;
  const char     *path;
  int             out_fd;      /* -1 unless extracting this entry */
  GByteArray     *kept;        /* the entry's bytes, for the small files read into memory */
} EntryRead;

static gboolean
copy_entry_data (EntryRead         *read,
                 AlcoveBackupFile  *file,
                 gint64             expected,
                 GError           **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  gnutls_hash_hd_t hash;
  guint64 total = 0;
  la_ssize_t n;

  gnutls_hash_init (&hash, GNUTLS_DIG_SHA256);
  while ((n = archive_read_data (read->archive, buffer, CHUNK_SIZE)) > 0)
    {
      gnutls_hash (hash, buffer, (gsize) n);
      total += (guint64) n;
      if (read->kept != NULL)
        g_byte_array_append (read->kept, buffer, (guint) n);
      if (read->out_fd >= 0 && write (read->out_fd, buffer, (gsize) n) != n)
        {
          int saved_errno = errno;

          gnutls_hash_deinit (hash, NULL);
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                       _("Could not write %s while restoring: %s"), file->name,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }
  file->size = total;
  file->sha256 = digest_hex (hash);
  if (n < 0)
    return read_failed (read->archive, read->path, error);
  if ((gint64) total != expected)
    return damaged (error, read->path, _("a file in it is shorter than its entry says"));
  return TRUE;
}

static gboolean
skip_entry_data (EntryRead         *read,
                 AlcoveBackupFile  *file,
                 gint64             expected,
                 GError           **error)
{
  if (archive_read_data_skip (read->archive) != ARCHIVE_OK)
    return read_failed (read->archive, read->path, error);
  file->size = (guint64) expected;
  return TRUE;
}

static int
open_extracted (const char  *extract_dir,
                const char  *name,
                GError     **error)
{
  g_autofree char *target = g_build_filename (extract_dir, name, NULL);
  int fd = g_open (target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                 _("Could not write %s while restoring: %s"), name, g_strerror (errno));
  return fd;
}

static gboolean
close_extracted (int          fd,
                 const char  *name,
                 GError     **error)
{
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not write %s while restoring: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  return g_close (fd, NULL);
}

static GBytes **
kept_slot (AlcoveBackupContents *contents,
           const char           *name)
{
  if (g_str_equal (name, ALCOVE_BACKUP_MANIFEST))
    return &contents->manifest;
  if (g_str_equal (name, ALCOVE_BACKUP_SEAL))
    return &contents->seal;
  if (g_str_equal (name, ALCOVE_HEADER_FILE))
    return &contents->header;
  return NULL;
}

static gboolean
check_entry (struct archive_entry  *entry,
             AlcoveBackupContents  *contents,
             const char            *path,
             GError               **error)
{
  const char *name = archive_entry_pathname (entry);
  GBytes **kept;

  if (name == NULL || !alcove_backup_name_is_valid (name) ||
      archive_entry_filetype (entry) != AE_IFREG || !archive_entry_size_is_set (entry) ||
      archive_entry_size (entry) < 0)
    return damaged (error, path, _("it holds something that is not one of a vault’s files"));
  if (contents->files->len >= MAX_ENTRIES)
    return damaged (error, path, _("it holds too many files"));
  for (guint i = 0; i < contents->files->len; i++)
    if (g_str_equal (((AlcoveBackupFile *) g_ptr_array_index (contents->files, i))->name, name))
      return damaged (error, path, _("it holds the same file twice"));
  kept = kept_slot (contents, name);
  if (contents->seal != NULL)
    return damaged (error, path, _("something follows its seal"));
  if (kept != NULL && archive_entry_size (entry) >
                        (la_int64_t) (g_str_equal (name, ALCOVE_BACKUP_SEAL) ? MAX_SEAL_SIZE
                                      : g_str_equal (name, ALCOVE_BACKUP_MANIFEST)
                                        ? MAX_MANIFEST_SIZE : ALCOVE_HEADER_MAX_SIZE))
    return damaged (error, path, _("its manifest or its seal is far too large"));
  return TRUE;
}

static gboolean
read_entry (EntryRead             *read,
            struct archive_entry  *entry,
            AlcoveBackupContents  *contents,
            const char            *extract_dir,
            GError               **error)
{
  const char *name = archive_entry_pathname (entry);
  AlcoveBackupFile *file = g_new0 (AlcoveBackupFile, 1);
  GBytes **kept = kept_slot (contents, name);
  gboolean metadata = g_str_equal (name, ALCOVE_BACKUP_MANIFEST) ||
                      g_str_equal (name, ALCOVE_BACKUP_SEAL);
  gboolean ok;

  file->name = g_strdup (name);
  file->counter = -1;
  g_ptr_array_add (contents->files, file);
  read->kept = kept != NULL ? g_byte_array_new () : NULL;
  read->out_fd = extract_dir != NULL && !metadata ? open_extracted (extract_dir, name, error) : -1;
  if (extract_dir != NULL && !metadata && read->out_fd < 0)
    ok = FALSE;
  else if (contents->quick && kept == NULL && read->out_fd < 0)
    ok = skip_entry_data (read, file, archive_entry_size (entry), error);
  else
    ok = copy_entry_data (read, file, archive_entry_size (entry), error);
  if (read->out_fd >= 0)
    ok = close_extracted (read->out_fd, name, ok ? error : NULL) && ok;
  if (kept != NULL)
    *kept = g_byte_array_free_to_bytes (read->kept);
  read->kept = NULL;
  return ok;
}

static gboolean
read_entries (struct archive        *archive,
              const char            *path,
              const char            *extract_dir,
              const char            *only,
              AlcoveBackupContents  *contents,
              GError               **error)
{
  EntryRead read = { archive, path, -1, NULL };
  struct archive_entry *entry;
  int rc;

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    if (!check_entry (entry, contents, path, error) ||
        !read_entry (&read, entry, contents,
                     only == NULL || g_strcmp0 (only, archive_entry_pathname (entry)) == 0
                       ? extract_dir : NULL, error))
      return FALSE;
  if (rc != ARCHIVE_EOF)
    return read_failed (archive, path, error);
  if (contents->manifest == NULL || contents->seal == NULL)
    return damaged (error, path, _("it is incomplete: its manifest or seal is missing, so "
                                   "writing it was interrupted"));
  return TRUE;
}

#define TAR_RECORD 512

/* tar forgives a file cut inside its end-of-archive marker; a backup does not. Alcove
 * writes whole 512-byte records and ends with two empty ones after the seal. */
static gboolean
check_end (const char  *path,
           GError     **error)
{
  guint8 tail[2 * TAR_RECORD] = { 0 };
  GStatBuf st;
  gboolean whole = FALSE;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0 && fstat (fd, &st) == 0 && st.st_size % TAR_RECORD == 0 &&
      st.st_size >= (off_t) sizeof tail &&
      pread (fd, tail, sizeof tail, st.st_size - (off_t) sizeof tail) == (ssize_t) sizeof tail)
    {
      whole = TRUE;
      for (gsize i = 0; i < sizeof tail; i++)
        whole &= tail[i] == 0;
    }
  if (fd >= 0)
    g_close (fd, NULL);
  return whole || damaged (error, path, _("it ends too early, so it was cut short while it "
                                          "was written or copied"));
}

static gboolean check_manifest (AlcoveBackupContents *contents,
                                const char           *path,
                                GError              **error);
static gboolean check_seal     (AlcoveBackupContents *contents,
                                const char           *path,
                                GError              **error);

gboolean
alcove_backup_read (const char            *path,
                    const char            *extract_dir,
                    const char            *only,
                    AlcoveBackupContents  *contents,
                    GError               **error)
{
  struct archive *archive = archive_read_new ();
  gboolean ok;

  contents->files = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_backup_file_free);
  archive_read_support_format_tar (archive);
  if (archive_read_open_filename (archive, path, CHUNK_SIZE) != ARCHIVE_OK)
    {
      int code = archive_errno (archive);

      archive_read_free (archive);
      if (code == ENOENT || code == EACCES || code == EISDIR)
        {
          g_set_error (error, ALCOVE_VAULT_ERROR,
                       code == ENOENT ? ALCOVE_VAULT_ERROR_NOT_FOUND : ALCOVE_VAULT_ERROR_IO,
                       _("Could not open %s: %s"), path, g_strerror (code));
          return FALSE;
        }
      return damaged (error, path, _("it is not an Alcove backup"));
    }
  ok = read_entries (archive, path, extract_dir, only, contents, error);
  archive_read_free (archive);
  return ok && check_end (path, error) && check_manifest (contents, path, error) &&
         check_seal (contents, path, error);
}

/* ---- checking what was read ---- */

static JsonObject *
parse_object (GBytes      *bytes,
              JsonParser  *parser)
{
  gsize size = 0;
  const char *text = g_bytes_get_data (bytes, &size);

  if (text == NULL || !alcove_json_guard_check (text, size, MAX_MANIFEST_SIZE,
                                                MANIFEST_MAX_DEPTH, NULL) ||
      !json_parser_load_from_data (parser, text, (gssize) size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

static gboolean
int_member (JsonObject *object,
            const char *name,
            gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static AlcoveBackupFile *
find_read_file (AlcoveBackupContents *contents,
                const char           *name)
{
  for (guint i = 0; i < contents->files->len; i++)
    {
      AlcoveBackupFile *file = g_ptr_array_index (contents->files, i);

      if (g_str_equal (file->name, name))
        return file;
    }
  return NULL;
}

/* A manifest entry, against the file of that name that was read */
static gboolean
check_listed_file (AlcoveBackupContents  *contents,
                   JsonNode              *node,
                   AlcoveBackupInfo      *info,
                   const char            *path,
                   GError               **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *name = object ? string_member (object, "name") : NULL;
  const char *sha256 = object ? string_member (object, "sha256") : NULL;
  const char *store = object ? string_member (object, "store") : NULL;
  AlcoveBackupFile *read = name ? find_read_file (contents, name) : NULL;
  AlcoveBackupFile *file;
  gint64 size = -1, counter = -1;

  if (name == NULL || sha256 == NULL || store == NULL || !int_member (object, "size", &size) ||
      !int_member (object, "counter", &counter) || !alcove_backup_name_is_valid (name))
    return damaged (error, path, _("its manifest is not readable"));
  if (read == NULL)
    return damaged (error, path, _("a file its manifest lists is missing"));
  if ((gint64) read->size != size ||
      (read->sha256 != NULL && !alcove_crypto_hex_equal (read->sha256, sha256)))
    {
      g_autofree char *why = g_strdup_printf (_("%s in it does not match its checksum, so it "
                                                "was damaged or changed"), name);
      return damaged (error, path, why);
    }
  file = alcove_backup_file_copy (read);
  file->store_id = *store != '\0' ? g_strdup (store) : NULL;
  file->counter = counter;
  g_ptr_array_add (info->files, file);
  return TRUE;
}

static gboolean
read_manifest_lists (AlcoveBackupContents  *contents,
                     JsonObject            *root,
                     AlcoveBackupInfo      *info,
                     const char            *path,
                     GError               **error)
{
  JsonNode *files = json_object_get_member (root, "files");
  JsonNode *omitted = json_object_get_member (root, "omitted");
  JsonArray *array;

  if (files == NULL || !JSON_NODE_HOLDS_ARRAY (files) ||
      omitted == NULL || !JSON_NODE_HOLDS_ARRAY (omitted))
    return damaged (error, path, _("its manifest is not readable"));
  array = json_node_get_array (files);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!check_listed_file (contents, json_array_get_element (array, i), info, path, error))
      return FALSE;
  /* the manifest and the seal are the only files it does not list */
  if (info->files->len + 2 != contents->files->len)
    return damaged (error, path, _("it holds a file its manifest does not list"));
  array = json_node_get_array (omitted);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return damaged (error, path, _("its manifest is not readable"));
      g_ptr_array_add (info->omitted, g_strdup (json_node_get_string (node)));
    }
  return TRUE;
}

static gboolean
check_manifest (AlcoveBackupContents  *contents,
                const char            *path,
                GError               **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_object (contents->manifest, parser);
  g_autoptr(AlcoveBackupInfo) info = g_new0 (AlcoveBackupInfo, 1);
  gint64 version = 0;

  info->files = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_backup_file_free);
  info->omitted = g_ptr_array_new_with_free_func (g_free);
  if (root == NULL || g_strcmp0 (string_member (root, "format"), ALCOVE_BACKUP_FORMAT) != 0)
    return damaged (error, path, _("its manifest is not readable"));
  if (!int_member (root, "version", &version) || version != ALCOVE_BACKUP_VERSION)
    return damaged (error, path, _("it was made by a newer version of Alcove; update Alcove "
                                   "to restore it"));
  info->vault_uuid = g_strdup (string_member (root, "vault_uuid"));
  info->practice_name = g_strdup (string_member (root, "practice_name"));
  info->made_by = g_strdup (string_member (root, "made_by"));
  info->made_by_name = g_strdup (string_member (root, "made_by_name"));
  if (info->vault_uuid == NULL || info->practice_name == NULL || info->made_by == NULL ||
      info->made_by_name == NULL || !int_member (root, "generation", &info->generation) ||
      !int_member (root, "created_ms", &info->created_ms) ||
      !read_manifest_lists (contents, root, info, path, error))
    return error == NULL || *error != NULL ? FALSE
                                           : damaged (error, path, _("its manifest is not readable"));
  info->path = g_strdup (path);
  contents->info = g_steal_pointer (&info);
  return TRUE;
}

/* The header it holds: whole, signed by its own owner, and the vault the manifest names */
static gboolean
check_header (AlcoveBackupContents  *contents,
              const char            *path,
              GError               **error)
{
  gsize size = 0;
  const char *text = contents->header ? g_bytes_get_data (contents->header, &size) : NULL;

  if (text == NULL)
    return damaged (error, path, _("it holds no vault.keys"));
  contents->parsed = alcove_header_parse (text, size, NULL);
  if (contents->parsed == NULL || contents->parsed->version < 2 ||
      !alcove_header_verify_authority (contents->parsed))
    return damaged (error, path, _("the vault.keys in it is damaged or not signed by an owner"));
  if (g_strcmp0 (contents->parsed->vault_uuid, contents->info->vault_uuid) != 0 ||
      contents->parsed->generation != contents->info->generation)
    return damaged (error, path, _("its manifest and the vault.keys in it disagree"));
  for (guint i = 0; i < contents->info->files->len; i++)
    {
      AlcoveBackupFile *file = g_ptr_array_index (contents->info->files, i);

      if (file->store_id != NULL &&
          (alcove_header_find_database (contents->parsed, file->store_id) == NULL ||
           g_strcmp0 (alcove_header_find_database (contents->parsed, file->store_id)->file,
                      file->name) != 0))
        return damaged (error, path, _("it holds a store its vault.keys does not list"));
    }
  return TRUE;
}

/* The keys that may sign a backup: any account's, or the recovery key's */
static gboolean
signer_key_is_listed (const AlcoveHeader *header,
                      const char         *signer,
                      GBytes             *key)
{
  GPtrArray *keys = NULL;

  if (g_strcmp0 (signer, "recovery") == 0)
    keys = header->recovery_signing;
  else
    {
      AlcoveHeaderUser *user = alcove_header_find_user (header, signer);

      keys = user ? user->signing_keys : NULL;
    }
  for (guint i = 0; keys != NULL && i < keys->len; i++)
    if (g_bytes_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  return FALSE;
}

static GBytes *
base64_member (JsonObject *object,
               const char *name)
{
  const char *text = string_member (object, name);
  gsize size = 0;
  guint8 *data;

  if (text == NULL || *text == '\0')
    return NULL;
  data = g_base64_decode (text, &size);
  return g_bytes_new_take (data, size);
}

static gboolean
check_seal (AlcoveBackupContents  *contents,
            const char            *path,
            GError               **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_object (contents->seal, parser);
  g_autoptr(GBytes) key = root ? base64_member (root, "key") : NULL;
  g_autoptr(GBytes) signature = root ? base64_member (root, "signature") : NULL;
  const char *signer = root ? string_member (root, "signer") : NULL;
  gsize size = 0;
  const void *data = g_bytes_get_data (contents->manifest, &size);

  if (!check_header (contents, path, error))
    return FALSE;
  if (key == NULL || signature == NULL || signer == NULL ||
      g_strcmp0 (signer, contents->info->made_by) != 0 ||
      !signer_key_is_listed (contents->parsed, signer, key) ||
      !alcove_signature_verify (key, ALCOVE_BACKUP_SIGNING_CONTEXT, data, size, signature))
    return damaged (error, path, _("its signature does not match: it was changed after it "
                                   "was made, or not made by anyone in this practice"));
  return TRUE;
}

gboolean
alcove_backup_check_mac (AlcoveBackupContents  *contents,
                         const AlcoveSecret    *practice_key,
                         GError               **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_object (contents->seal, parser);
  g_autofree char *expected = manifest_mac (contents->manifest, practice_key);
  const char *mac = root ? string_member (root, "mac") : NULL;

  if (mac == NULL || !alcove_crypto_hex_equal (mac, expected))
    return damaged (error, contents->info->path,
                    _("its seal does not match this practice’s key"));
  return TRUE;
}
