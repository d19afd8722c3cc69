/* alcove-database.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "alcove-secret.h"

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_STORE_PRACTICE,
  ALCOVE_STORE_NOTES,
  ALCOVE_STORE_PRIVATE,
} AlcoveStoreKind;

/* What a file was made with, recorded in the header so another SQLCipher can open it */
typedef struct
{
  char *sqlcipher;
  int   compatibility;
  int   page_size;
  char *hmac;
  char *kdf;
} AlcoveCipherSettings;

#define ALCOVE_TYPE_DATABASE (alcove_database_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveDatabase, alcove_database, ALCOVE, DATABASE, GObject)

AlcoveDatabase *alcove_database_open             (const char                 *path,
                                                  const AlcoveSecret         *key,
                                                  const AlcoveCipherSettings *settings,
                                                  gboolean                    create,
                                                  GError                    **error);
gboolean        alcove_database_attach           (AlcoveDatabase             *self,
                                                  const char                 *path,
                                                  const char                 *schema,
                                                  const AlcoveSecret         *key,
                                                  const AlcoveCipherSettings *settings,
                                                  gboolean                    create,
                                                  GError                    **error);
/* While a store is copied: the bytes of the new file so far */
typedef void (*AlcoveExportProgress) (guint64 written, gpointer user_data);

gboolean        alcove_database_export           (const char                 *path,
                                                  const AlcoveSecret         *key,
                                                  const AlcoveCipherSettings *settings,
                                                  const char                 *new_path,
                                                  const AlcoveSecret         *new_key,
                                                  const AlcoveCipherSettings *new_settings,
                                                  AlcoveExportProgress        progress,
                                                  gpointer                    user_data,
                                                  GCancellable               *cancellable,
                                                  GError                    **error);
gboolean        alcove_database_snapshot         (const char                 *path,
                                                  const AlcoveSecret         *key,
                                                  const AlcoveCipherSettings *settings,
                                                  const char                 *copy_path,
                                                  GCancellable               *cancellable,
                                                  GError                    **error);
AlcoveDatabase *alcove_database_hold_file        (const char                 *path,
                                                  const AlcoveSecret         *key,
                                                  const AlcoveCipherSettings *settings,
                                                  GError                    **error);
guint64         alcove_database_get_data_size    (AlcoveDatabase             *self,
                                                  const char                 *schema);
void            alcove_database_close            (AlcoveDatabase             *self);
void            alcove_database_detach           (AlcoveDatabase             *self,
                                                  const char                 *schema);
sqlite3        *alcove_database_get_handle       (AlcoveDatabase             *self);
GStrv           alcove_database_dup_schemas      (AlcoveDatabase             *self);
const char     *alcove_database_get_file_name    (AlcoveDatabase             *self,
                                                  const char                 *schema);

gboolean        alcove_database_exec             (AlcoveDatabase             *self,
                                                  const char                 *sql,
                                                  GError                    **error);
sqlite3_stmt   *alcove_database_prepare          (AlcoveDatabase             *self,
                                                  const char                 *sql,
                                                  GError                    **error);
/* A text column, "" for NULL (owned by the statement until its next step) */
const char     *alcove_database_column_text      (sqlite3_stmt               *stmt,
                                                  int                         column);
gboolean        alcove_database_step_done        (AlcoveDatabase             *self,
                                                  sqlite3_stmt               *stmt,
                                                  GError                    **error);
gboolean        alcove_database_begin            (AlcoveDatabase             *self,
                                                  GError                    **error);
gboolean        alcove_database_commit           (AlcoveDatabase             *self,
                                                  GError                    **error);
void            alcove_database_rollback         (AlcoveDatabase             *self);
gboolean        alcove_database_set_error        (AlcoveDatabase             *self,
                                                  const char                 *schema,
                                                  int                         rc,
                                                  GError                    **error);

int             alcove_database_get_user_version (AlcoveDatabase             *self,
                                                  const char                 *schema);
gboolean        alcove_database_migrate          (AlcoveDatabase             *self,
                                                  const char                 *schema,
                                                  AlcoveStoreKind             kind,
                                                  int                         target_version,
                                                  GError                    **error);
int             alcove_database_latest_version   (AlcoveStoreKind             kind);
gboolean        alcove_database_check_integrity  (AlcoveDatabase             *self,
                                                  const char                 *schema,
                                                  GError                    **error);

void            alcove_database_init_library     (void);
const char     *alcove_database_sqlcipher_version (void);
void            alcove_cipher_settings_native    (AlcoveCipherSettings       *settings);
gboolean        alcove_cipher_can_write          (int                         compatibility);
void            alcove_cipher_settings_clear     (AlcoveCipherSettings       *settings);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AlcoveCipherSettings, alcove_cipher_settings_clear)

G_END_DECLS
