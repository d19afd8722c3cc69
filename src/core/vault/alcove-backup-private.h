/* alcove-backup-private.h — the backup container, shared by making, checking and restoring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-backup.h"
#include "alcove-header.h"
#include "alcove-secret.h"
#include "alcove-signing.h"

G_BEGIN_DECLS

/* The container is a POSIX tar archive (pax) of regular files, in this order: the stores
 * and vault.keys (and vault.restored when there is one), then manifest.json, then
 * seal.json. The manifest names every file with its size and SHA-256; the seal holds the
 * maker's Ed25519 signature over the manifest's bytes and an HMAC-SHA256 of them under a
 * key derived from the practice key. Documented in help/C/backups.page. */
#define ALCOVE_BACKUP_MANIFEST "manifest.json"
#define ALCOVE_BACKUP_SEAL "seal.json"
#define ALCOVE_RESTORED_FILE "vault.restored"
#define ALCOVE_BACKUP_FORMAT "alcove-backup"
#define ALCOVE_BACKUP_VERSION 1
#define ALCOVE_BACKUP_SIGNING_CONTEXT "alcove backup manifest v1"
#define ALCOVE_BACKUP_MAC_PURPOSE "alcove backup mac"

/* Writing: files are hashed as they are written */
typedef struct _AlcoveBackupWriter AlcoveBackupWriter;

AlcoveBackupWriter *alcove_backup_writer_new    (int                  fd,
                                                 const char          *display_path,
                                                 GError             **error);
gboolean            alcove_backup_writer_add_file (AlcoveBackupWriter *writer,
                                                   const char         *name,
                                                   const char         *source_path,
                                                   AlcoveBackupFile   *file,
                                                   GCancellable       *cancellable,
                                                   GError            **error);
gboolean            alcove_backup_writer_add_bytes (AlcoveBackupWriter *writer,
                                                    const char         *name,
                                                    GBytes             *bytes,
                                                    AlcoveBackupFile   *file,
                                                    GError            **error);
gboolean            alcove_backup_writer_close  (AlcoveBackupWriter  *writer,
                                                 GError             **error);
void                alcove_backup_writer_free   (AlcoveBackupWriter  *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveBackupWriter, alcove_backup_writer_free)

/* What reading a whole container found, checked or not */
typedef struct
{
  GPtrArray    *files;      /* AlcoveBackupFile as read: name, size, sha256 */
  GBytes       *manifest;
  GBytes       *seal;
  GBytes       *header;     /* vault.keys */
  AlcoveHeader *parsed;     /* from `header`, once checked */
  AlcoveBackupInfo *info;   /* from `manifest`, once checked */
  gboolean      quick;      /* set before reading: skip the stores' bytes (their sizes are
                             * still checked, their SHA-256 not), for listing a folder */
} AlcoveBackupContents;

void     alcove_backup_contents_clear (AlcoveBackupContents *contents);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AlcoveBackupContents, alcove_backup_contents_clear)

/* Reads every entry; with `extract_dir`, writes each file there (or only the file `only`;
 * mode 0600, never over an existing one). Checks names and sizes as it goes, and then the manifest and the seal. */
gboolean alcove_backup_read           (const char           *path,
                                       const char           *extract_dir,
                                       const char           *only,
                                       AlcoveBackupContents *contents,
                                       GError              **error);
/* The practice key's MAC of the manifest */
gboolean alcove_backup_check_mac      (AlcoveBackupContents *contents,
                                       const AlcoveSecret   *practice_key,
                                       GError              **error);

GBytes  *alcove_backup_manifest_build (AlcoveBackupInfo     *info);
GBytes  *alcove_backup_seal_build     (GBytes               *manifest,
                                       const char           *signer_id,
                                       const AlcoveSigner   *signer,
                                       const AlcoveSecret   *practice_key);

void     alcove_backup_file_clear     (AlcoveBackupFile     *file);
void     alcove_backup_file_free      (AlcoveBackupFile     *file);
AlcoveBackupFile *alcove_backup_file_copy (const AlcoveBackupFile *file);
gboolean alcove_backup_name_is_valid  (const char           *name);
void     alcove_backup_sync_folder    (const char           *dir);

G_END_DECLS
