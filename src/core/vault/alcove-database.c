/* alcove-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alcove-crypto.h"
#include "alcove-database.h"
#include "alcove-error.h"
#include "alcove-migrations.h"

/* One SQLCipher connection: practice.db as "main" and each note store ATTACHed under its
 * own key. Statements are prepared once and cached; they are the hot path of every list. */
struct _AlcoveDatabase
{
  GObject     parent_instance;

  sqlite3    *handle;
  GHashTable *statements;  /* SQL → sqlite3_stmt */
  GHashTable *file_names;  /* schema → file base name, for messages */
  GHashTable *created;     /* schemas opened with create = TRUE: only these may be migrated
                            * from version 0, i.e. given a schema where there was none */
  guint       depth;       /* open transactions; inner ones are savepoints */
};

G_DEFINE_FINAL_TYPE (AlcoveDatabase, alcove_database, G_TYPE_OBJECT)

#define CACHE_SIZE_KIB 16384

/* ---- a wiping allocator: SQLite's heap holds key text, bound values and decrypted pages;
 * every block is zeroed when freed, so closing leaves nothing behind ---- */

#define HEADER_SIZE 16

static void *
wiping_malloc (int size)
{
  guint8 *block = malloc ((gsize) size + HEADER_SIZE);

  if (block == NULL)
    return NULL;
  *(gsize *) block = (gsize) size;
  return block + HEADER_SIZE;
}

static void
wiping_free (void *ptr)
{
  guint8 *block;

  if (ptr == NULL)
    return;
  block = (guint8 *) ptr - HEADER_SIZE;
  gnutls_memset (block, 0, *(gsize *) block + HEADER_SIZE);
  free (block);
}

static int
wiping_size (void *ptr)
{
  return ptr ? (int) *(gsize *) ((guint8 *) ptr - HEADER_SIZE) : 0;
}

static void *
wiping_realloc (void *ptr,
                int   size)
{
  void *fresh = wiping_malloc (size);

  if (fresh != NULL && ptr != NULL)
    {
      memcpy (fresh, ptr, MIN (wiping_size (ptr), size));
      wiping_free (ptr);
    }
  return fresh;
}

static int
wiping_roundup (int size)
{
  return (size + 7) & ~7;
}

static int
wiping_init (void *data)
{
  return SQLITE_OK;
}

static void
wiping_shutdown (void *data)
{
}

static const sqlite3_mem_methods wiping_methods = {
  wiping_malloc, wiping_free, wiping_realloc, wiping_size, wiping_roundup,
  wiping_init, wiping_shutdown, NULL
};

void
alcove_database_init_library (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      if (sqlite3_config (SQLITE_CONFIG_MALLOC, &wiping_methods) != SQLITE_OK)
        g_error ("SQLite was initialised before Alcove could secure its memory");
      sqlite3_initialize ();
      g_once_init_leave (&initialised, 1);
    }
}

static char *
query_text (sqlite3    *handle,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

const char *
alcove_database_sqlcipher_version (void)
{
  static gsize once = 0;
  static char *version = NULL;

  if (g_once_init_enter (&once))
    {
      sqlite3 *handle = NULL;

      alcove_database_init_library ();
      sqlite3_open (":memory:", &handle);
      version = query_text (handle, "PRAGMA cipher_version");
      sqlite3_close (handle);
      if (version == NULL)
        version = g_strdup ("unknown");
      g_once_init_leave (&once, 1);
    }
  return version;
}

static int
sqlcipher_major (void)
{
  return atoi (alcove_database_sqlcipher_version ());
}

void
alcove_cipher_settings_native (AlcoveCipherSettings *settings)
{
  gboolean v4 = sqlcipher_major () >= 4;

  settings->sqlcipher = g_strdup (alcove_database_sqlcipher_version ());
  settings->compatibility = v4 ? 4 : 3;
  settings->page_size = 4096;
  settings->hmac = g_strdup (v4 ? "HMAC_SHA512" : "HMAC_SHA1");
  settings->kdf = g_strdup ("raw-key");
}

/* Whether this build can write files with `compatibility` (SQLCipher's major format) */
gboolean
alcove_cipher_can_write (int compatibility)
{
  return compatibility <= MAX (sqlcipher_major (), 3);
}

void
alcove_cipher_settings_clear (AlcoveCipherSettings *settings)
{
  g_clear_pointer (&settings->sqlcipher, g_free);
  g_clear_pointer (&settings->hmac, g_free);
  g_clear_pointer (&settings->kdf, g_free);
}

static void
alcove_database_finalize (GObject *object)
{
  AlcoveDatabase *self = ALCOVE_DATABASE (object);

  alcove_database_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->file_names, g_hash_table_unref);
  g_clear_pointer (&self->created, g_hash_table_unref);

  G_OBJECT_CLASS (alcove_database_parent_class)->finalize (object);
}

static void
alcove_database_class_init (AlcoveDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_database_finalize;
}

static void
alcove_database_init (AlcoveDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->file_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Maps SQLite's codes to what a person can act on, naming the file. */
/* Made read-only on purpose (PRAGMA query_only), while its stores are re-keyed */
static gboolean
is_query_only (AlcoveDatabase *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean query_only = FALSE;

  if (self->handle != NULL &&
      sqlite3_prepare_v2 (self->handle, "PRAGMA query_only", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    query_only = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  return query_only;
}

gboolean
alcove_database_set_error (AlcoveDatabase  *self,
                           const char      *schema,
                           int              rc,
                           GError         **error)
{
  const char *file = alcove_database_get_file_name (self, schema ? schema : "main");
  g_autofree char *detail = g_strdup (self->handle ? sqlite3_errmsg (self->handle)
                                                   : sqlite3_errstr (rc));

  if ((rc & 0xff) == SQLITE_READONLY && is_query_only (self))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("%s is being copied under new keys and takes no changes until that is "
                     "done; try again in a moment"), file);
      return FALSE;
    }
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s is damaged (%s); restore it from a backup"), file, detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("The disk holding %s is full; free some space and try again"), file);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not use %s: %s"), file, detail);
      break;
    default:
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FAILED,
                   _("The database %s failed: %s"), file, detail);
    }
  return FALSE;
}

const char *
alcove_database_get_file_name (AlcoveDatabase *self,
                               const char     *schema)
{
  const char *name = g_hash_table_lookup (self->file_names, schema);

  return name ? name : schema;
}

gboolean
alcove_database_exec (AlcoveDatabase  *self,
                      const char      *sql,
                      GError         **error)
{
  int rc;

  g_return_val_if_fail (ALCOVE_IS_DATABASE (self) && self->handle != NULL, FALSE);

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return alcove_database_set_error (self, NULL, rc, error);
  return TRUE;
}

sqlite3_stmt *
alcove_database_prepare (AlcoveDatabase  *self,
                         const char      *sql,
                         GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_DATABASE (self) && self->handle != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      alcove_database_set_error (self, NULL, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Steps a statement that returns no rows, then resets it so its bound values are released. */
const char *
alcove_database_column_text (sqlite3_stmt *stmt,
                             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

gboolean
alcove_database_step_done (AlcoveDatabase  *self,
                           sqlite3_stmt    *stmt,
                           GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (self, NULL, rc, error);
  return TRUE;
}

/* Transactions nest: an import wraps many saves, each of which is a transaction on its
 * own. The inner ones become savepoints, so the outer one still commits or rolls back whole. */
gboolean
alcove_database_begin (AlcoveDatabase  *self,
                       GError         **error)
{
  g_autofree char *sql = NULL;

  if (self->depth > 0 && sqlite3_get_autocommit (self->handle))
    self->depth = 0;  /* SQLite rolled back by itself (a full disk, an interrupt) */
  sql = self->depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                         : g_strdup_printf ("SAVEPOINT alcove_%u", self->depth);
  if (!alcove_database_exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
alcove_database_commit (AlcoveDatabase  *self,
                        GError         **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->depth > 0, FALSE);

  sql = self->depth == 1 ? g_strdup ("COMMIT")
                         : g_strdup_printf ("RELEASE alcove_%u", self->depth - 1);
  if (!alcove_database_exec (self, sql, error))
    {
      alcove_database_rollback (self);
      return FALSE;
    }
  self->depth--;
  return TRUE;
}

void
alcove_database_rollback (AlcoveDatabase *self)
{
  g_autofree char *sql = NULL;

  if (self->depth == 0)
    return;
  self->depth--;
  if (self->handle == NULL || sqlite3_get_autocommit (self->handle))
    {
      self->depth = 0;
      return;
    }
  sql = self->depth == 0 ? g_strdup ("ROLLBACK")
                         : g_strdup_printf ("ROLLBACK TO alcove_%u; RELEASE alcove_%u",
                                            self->depth, self->depth);
  sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
}

sqlite3 *
alcove_database_get_handle (AlcoveDatabase *self)
{
  g_return_val_if_fail (ALCOVE_IS_DATABASE (self), NULL);
  return self->handle;
}

GStrv
alcove_database_dup_schemas (AlcoveDatabase *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->handle, "PRAGMA database_list", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *name = (const char *) sqlite3_column_text (stmt, 1);

        if (!g_str_equal (name, "temp"))
          g_strv_builder_add (builder, name);
      }
  sqlite3_finalize (stmt);
  return g_strv_builder_end (builder);
}

/* ---- opening ---- */

static gboolean
apply_schema_pragmas (AlcoveDatabase  *self,
                      const char      *schema,
                      GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %1$s.journal_mode = WAL;"
                                          "PRAGMA %1$s.synchronous = FULL;"
                                          "PRAGMA %1$s.secure_delete = ON;"
                                          "PRAGMA %1$s.cache_size = -%2$d;",
                                          schema, CACHE_SIZE_KIB);
  g_autofree char *mode = NULL;
  g_autofree char *mode_sql = g_strdup_printf ("PRAGMA %s.journal_mode", schema);

  if (!alcove_database_exec (self, sql, error))
    return FALSE;
  mode = query_text (self->handle, mode_sql);
  if (g_strcmp0 (mode, "wal") != 0)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not switch %s to write-ahead logging; is the folder writable?"),
                   alcove_database_get_file_name (self, schema));
      return FALSE;
    }
  return TRUE;
}

/* Touching sqlite_master is the first read: a wrong key or a damaged first page fails here. */
static gboolean
check_readable (AlcoveDatabase  *self,
                const char      *schema,
                GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s.sqlite_master", schema);

  return alcove_database_exec (self, sql, error);
}

/* Before a file is keyed: a 4.x build reads a 3.x file in compatibility mode. */
static void
set_default_cipher (AlcoveDatabase             *self,
                    const AlcoveCipherSettings *settings)
{
  g_autofree char *sql = NULL;

  if (sqlcipher_major () >= 4)
    {
      sql = g_strdup_printf ("PRAGMA cipher_default_compatibility = %d;",
                             settings ? settings->compatibility : 4);
      sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
      g_clear_pointer (&sql, g_free);
    }
  sql = g_strdup_printf ("PRAGMA cipher_default_page_size = %d;",
                         settings ? settings->page_size : 4096);
  sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
}

/* ---- unlock never creates a store ----
 *
 * A store is made only when a vault is created or a user is added (create = TRUE). Any other
 * open must find a whole store: SQLite would take a 0-byte file for a new, empty database (and
 * delete a -wal beside it), and the migrations would then give it an empty schema, so every
 * record in it would vanish without a word. Such a file is damaged; it is never touched. */

#define MIN_PAGE_SIZE 512
#define MAX_PAGE_SIZE 65536

static void
set_empty_error (const char  *file,
                 GError     **error)
{
  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
               _("%s is empty or damaged; restore it from a backup"
                 " (Alcove never re-creates a store)"), file);
}

static void
set_unreadable_error (const char  *file,
                      GError     **error)
{
  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
               _("%s cannot be read with the key this vault holds for it: it is damaged, or it"
                 " was replaced by another file; restore it from a backup"), file);
}

static int
first_page_size (const AlcoveCipherSettings *settings)
{
  int page_size = settings ? settings->page_size : 4096;

  /* the header's values are range-checked where they are read; this only bounds the read */
  return CLAMP (page_size, MIN_PAGE_SIZE, MAX_PAGE_SIZE);
}

/* Read-only, before SQLite sees the file: it must exist, hold at least one page, and that
 * page must not be zeros (SQLCipher's salt and HMAC are never all zero). */
static gboolean
check_existing_store (const char  *path,
                      int          page_size,
                      GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree guint8 *page = NULL;
  GStatBuf st;
  gssize n_read = 0;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                     _("%s is missing from the vault; restore it from a backup"
                       " (Alcove never re-creates a store)"), base);
      else
        g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                     _("Could not use %s: %s"), base, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s is not a regular file; restore it from a backup"), base);
      return FALSE;
    }
  if (st.st_size < page_size)
    {
      set_empty_error (base, error);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not use %s: %s"), base, g_strerror (saved_errno));
      return FALSE;
    }
  page = g_malloc (page_size);
  while (n_read < page_size)
    {
      gssize n = read (fd, page + n_read, page_size - n_read);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      n_read += n;
    }
  g_close (fd, NULL);
  if (n_read < page_size)
    {
      set_empty_error (base, error);
      return FALSE;
    }
  for (int i = 0; i < page_size; i++)
    if (page[i] != 0)
      return TRUE;
  set_empty_error (base, error);
  return FALSE;
}

static gboolean
check_file_state (const char                  *path,
                  const AlcoveCipherSettings  *settings,
                  gboolean                     create,
                  GError                     **error)
{
  if (create)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS,
                       _("%s already exists; Alcove will not overwrite it"), path);
          return FALSE;
        }
      return TRUE;
    }
  return check_existing_store (path, first_page_size (settings), error);
}

/* The first read of a store that should exist: a wrong key and a damaged first page both
 * read as SQLITE_NOTADB; a store with no schema (user_version 0) is as good as empty. */
static gboolean
check_existing_schema (AlcoveDatabase  *self,
                       const char      *schema,
                       GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s.sqlite_master", schema);
  const char *file = alcove_database_get_file_name (self, schema);
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);

  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      set_unreadable_error (file, error);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    return alcove_database_set_error (self, schema, rc, error);
  if (alcove_database_get_user_version (self, schema) <= 0)
    {
      set_empty_error (file, error);
      return FALSE;
    }
  return TRUE;
}

#define BUSY_TIMEOUT_MS 5000

/* `may_attach_new`: the connection may ATTACH a file that does not exist yet (SQLite gives
 * ATTACH the flags the connection was opened with) */
static AlcoveDatabase *
open_database (const char                  *path,
               const AlcoveSecret          *key,
               const AlcoveCipherSettings  *settings,
               gboolean                     create,
               gboolean                     may_attach_new,
               GError                     **error)
{
  g_autoptr(AlcoveDatabase) self = NULL;
  g_autoptr(AlcoveSecret) key_text = NULL;
  /* NOMUTEX: a connection belongs to the one thread that opened it (the session's to the
   * main thread, a worker's to that worker) and is never used by another, so SQLite need
   * not serialise calls on it. Work off the main thread opens a connection of its own. */
  int flags = SQLITE_OPEN_READWRITE | (create || may_attach_new ? SQLITE_OPEN_CREATE : 0) |
              SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE;
  int rc;

  g_return_val_if_fail (path != NULL && key != NULL, NULL);

  alcove_database_init_library ();
  if (!check_file_state (path, settings, create, error))
    return NULL;

  self = g_object_new (ALCOVE_TYPE_DATABASE, NULL);
  g_hash_table_insert (self->file_names, g_strdup ("main"), g_path_get_basename (path));

  rc = sqlite3_open_v2 (path, &self->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      alcove_database_set_error (self, NULL, rc, error);
      return NULL;
    }
  /* A session has two connections that write, its own and its worker's (an autosave):
   * each waits out the other's short transaction instead of failing with "locked" */
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  set_default_cipher (self, settings);
  key_text = alcove_crypto_sqlcipher_key (key);
#ifndef ALCOVE_BENCH_PLAINTEXT
  rc = sqlite3_key_v2 (self->handle, "main", alcove_secret_get_data (key_text),
                       (int) alcove_secret_get_size (key_text));
#endif
  if (rc != SQLITE_OK)
    {
      alcove_database_set_error (self, NULL, rc, error);
      return NULL;
    }

  if (create)
    {
      if (!check_readable (self, "main", error))
        return NULL;
      g_hash_table_add (self->created, g_strdup ("main"));
    }
  else if (!check_existing_schema (self, "main", error))
    return NULL;

  if (!alcove_database_exec (self, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
                             error) ||
      !apply_schema_pragmas (self, "main", error))
    return NULL;

  return g_steal_pointer (&self);
}

AlcoveDatabase *
alcove_database_open (const char                  *path,
                      const AlcoveSecret          *key,
                      const AlcoveCipherSettings  *settings,
                      gboolean                     create,
                      GError                     **error)
{
  return open_database (path, key, settings, create, FALSE, error);
}

/* Copies an existing store into a new file under another key, with SQLCipher's export, on
 * a connection of its own: how a store's key is rotated, and how a vault moves to newer
 * cipher settings. The new file has the same schema, rows and user_version. */
typedef struct
{
  const char          *new_path;
  AlcoveExportProgress progress;
  gpointer             user_data;
  GCancellable        *cancellable;
  guint64              reported;
  gint64               reported_at;
} ExportWatch;

/* The new file and its write-ahead log: during the export's one transaction, pages that
 * leave the page cache go to the log */
static guint64
written_so_far (const char *new_path)
{
  g_autofree char *wal = g_strconcat (new_path, "-wal", NULL);
  GStatBuf info;
  guint64 size = 0;

  if (g_stat (new_path, &info) == 0)
    size += info.st_size;
  if (g_stat (wal, &info) == 0)
    size += info.st_size;
  return size;
}

/* SQLite calls this every thousand steps of the export (a step copies a row): a cancel
 * interrupts it there, so that a lock need not wait for a large store to be copied; how far
 * it got is the size of what it wrote, reported at most ten times a second, when it grew. */
static int
export_step_cb (gpointer user_data)
{
  ExportWatch *watch = user_data;
  gint64 now = g_get_monotonic_time ();
  guint64 written;

  if (g_cancellable_is_cancelled (watch->cancellable))
    return 1;
  if (watch->progress == NULL || now - watch->reported_at < G_USEC_PER_SEC / 10)
    return 0;
  written = written_so_far (watch->new_path);
  if (written <= watch->reported)
    return 0;
  watch->reported = written;
  watch->reported_at = now;
  watch->progress (written, watch->user_data);
  return 0;
}

#define EXPORT_STEPS_PER_CHECK 1000

gboolean
alcove_database_export (const char                  *path,
                        const AlcoveSecret          *key,
                        const AlcoveCipherSettings  *settings,
                        const char                  *new_path,
                        const AlcoveSecret          *new_key,
                        const AlcoveCipherSettings  *new_settings,
                        AlcoveExportProgress         progress,
                        gpointer                     user_data,
                        GCancellable                *cancellable,
                        GError                     **error)
{
  g_autoptr(AlcoveDatabase) source = NULL;
  ExportWatch watch = { new_path, progress, user_data, cancellable, 0, g_get_monotonic_time () };
  g_autofree char *version_sql = NULL;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  source = open_database (path, key, settings, FALSE, TRUE, error);
  if (source == NULL ||
      !alcove_database_attach (source, new_path, "exported", new_key, new_settings, TRUE, error))
    return FALSE;
  version_sql = g_strdup_printf ("PRAGMA exported.user_version = %d",
                                 alcove_database_get_user_version (source, "main"));
  if (progress != NULL || cancellable != NULL)
    sqlite3_progress_handler (source->handle, EXPORT_STEPS_PER_CHECK, export_step_cb, &watch);
  ok = alcove_database_exec (source, "SELECT sqlcipher_export ('exported')", error) &&
       alcove_database_exec (source, version_sql, error);
  sqlite3_progress_handler (source->handle, 0, NULL, NULL);
  alcove_database_close (source);
  /* interrupted by the cancel: said as such, not as a failing database */
  if (!ok && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  return ok;
}

#define SNAPSHOT_PAGES_PER_STEP 4096
/* each page is read once: a cache the size of one step recycles its buffers instead of
 * allocating one per page of the store */
#define SNAPSHOT_CACHE_KIB "16384"

static gboolean
snapshot_steps (AlcoveDatabase   *source,
                AlcoveDatabase   *copy,
                GCancellable     *cancellable,
                GError          **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (copy->handle, "main", source->handle, "main");
  int rc;

  if (backup == NULL)
    return alcove_database_set_error (copy, "main", sqlite3_errcode (copy->handle), error);
  do
    rc = sqlite3_backup_step (backup, SNAPSHOT_PAGES_PER_STEP);
  while ((rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
         !g_cancellable_is_cancelled (cancellable));
  sqlite3_backup_finish (backup);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (source, "main", rc, error);
  return TRUE;
}

/* A consistent copy of the store at `path` into the new file `copy_path`, under the same
 * key and cipher settings, while others may be writing it: SQLite's online backup inside
 * one read transaction, so every page comes from the same commit and no write waits. The
 * copy's bytes are ciphertext like the store's. */
gboolean
alcove_database_snapshot (const char                  *path,
                          const AlcoveSecret          *key,
                          const AlcoveCipherSettings  *settings,
                          const char                  *copy_path,
                          GCancellable                *cancellable,
                          GError                     **error)
{
  g_autoptr(AlcoveDatabase) source = open_database (path, key, settings, FALSE, FALSE, error);
  g_autoptr(AlcoveDatabase) copy = NULL;
  gboolean ok;

  if (source == NULL)
    return FALSE;
  copy = open_database (copy_path, key, settings, TRUE, FALSE, error);
  /* the copy is a step on the way into a backup, which is synced whole once written: no
   * journal and no sync of its own */
  if (copy == NULL ||
      !alcove_database_exec (copy, "PRAGMA main.journal_mode = DELETE;"
                                   "PRAGMA main.journal_mode = OFF;"
                                   "PRAGMA main.synchronous = OFF;"
                                   "PRAGMA main.cache_size = -" SNAPSHOT_CACHE_KIB ";", error) ||
      !alcove_database_exec (source, "PRAGMA main.cache_size = -" SNAPSHOT_CACHE_KIB ";"
                                     "BEGIN; SELECT count(*) FROM sqlite_master;", error))
    return FALSE;
  ok = snapshot_steps (source, copy, cancellable, error);
  alcove_database_exec (source, "COMMIT", NULL);
  alcove_database_close (copy);
  alcove_database_close (source);
  return ok;
}

/* A read transaction on the store at `path` in which the main file alone holds every
 * commit: the write-ahead log was checkpointed and truncated, and stayed empty until the
 * transaction began. Such a reader reads only the main file, and SQLite backfills no
 * checkpoint into it while the reader lasts (a checkpoint needs WAL_READ_LOCK(0) alone),
 * so the file's bytes stay one consistent commit, ciphertext as they are, until the
 * connection is closed. NULL, with no error, when a writer kept the log busy: take a
 * snapshot instead. */
#define HOLD_CHECKPOINT_WAIT_MS 200

AlcoveDatabase *
alcove_database_hold_file (const char                  *path,
                           const AlcoveSecret          *key,
                           const AlcoveCipherSettings  *settings,
                           GError                     **error)
{
  g_autoptr(AlcoveDatabase) self = open_database (path, key, settings, FALSE, FALSE, error);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  if (self == NULL)
    return NULL;
  /* a reader elsewhere keeps the log from being truncated: then a snapshot, without
   * waiting the whole busy timeout for it */
  sqlite3_busy_timeout (self->handle, HOLD_CHECKPOINT_WAIT_MS);
  if (!alcove_database_exec (self, "PRAGMA main.wal_checkpoint(TRUNCATE);", error))
    return NULL;
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  if (!alcove_database_exec (self, "BEGIN; SELECT count(*) FROM sqlite_master;", error))
    return NULL;
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    {
      alcove_database_close (self);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* The bytes of the pages that hold data, as this connection reads them (through the
 * write-ahead log): about what a copy of the store writes */
guint64
alcove_database_get_data_size (AlcoveDatabase *self,
                               const char     *schema)
{
  const char *pragmas[] = { "page_count", "freelist_count", "page_size" };
  gint64 values[G_N_ELEMENTS (pragmas)] = { 0 };

  g_return_val_if_fail (ALCOVE_IS_DATABASE (self) && schema != NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA %s.%s", schema, pragmas[i]);
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        values[i] = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
  return (guint64) MAX (values[0] - values[1], 0) * (guint64) MAX (values[2], 0);
}

/* Its key context goes with it (SQLCipher wipes it) */
void
alcove_database_detach (AlcoveDatabase *self,
                        const char     *schema)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->handle, "DETACH DATABASE ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, schema, -1, SQLITE_TRANSIENT);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  g_hash_table_remove (self->file_names, schema);
}

gboolean
alcove_database_attach (AlcoveDatabase              *self,
                        const char                  *path,
                        const char                  *schema,
                        const AlcoveSecret          *key,
                        const AlcoveCipherSettings  *settings,
                        gboolean                     create,
                        GError                     **error)
{
  g_autoptr(AlcoveSecret) key_text = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_DATABASE (self) && self->handle != NULL, FALSE);

  if (!check_file_state (path, settings, create, error))
    return FALSE;
  g_hash_table_insert (self->file_names, g_strdup (schema), g_path_get_basename (path));
  g_hash_table_remove (self->created, schema);

  set_default_cipher (self, settings);
  key_text = alcove_crypto_sqlcipher_key (key);
  rc = sqlite3_prepare_v2 (self->handle, "ATTACH DATABASE ?1 AS ?2 KEY ?3", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, schema, -1, SQLITE_TRANSIENT);
#ifdef ALCOVE_BENCH_PLAINTEXT
      sqlite3_bind_text (stmt, 3, "", 0, SQLITE_STATIC);  /* an empty key: no encryption */
#else
      sqlite3_bind_text (stmt, 3, (const char *) alcove_secret_get_data (key_text),
                         (int) alcove_secret_get_size (key_text), SQLITE_TRANSIENT);
#endif
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
    }
  /* SQLCipher 3.4 reads the first page while attaching: a wrong key fails here */
  if (!create && (rc & 0xff) == SQLITE_NOTADB)
    {
      set_unreadable_error (alcove_database_get_file_name (self, schema), error);
      return FALSE;
    }
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    return alcove_database_set_error (self, schema, rc, error);

  if (create)
    {
      if (!check_readable (self, schema, error))
        return FALSE;
      g_hash_table_add (self->created, g_strdup (schema));
    }
  else if (!check_existing_schema (self, schema, error))
    {
      alcove_database_detach (self, schema);  /* nothing of a damaged store stays on the connection */
      return FALSE;
    }

  return apply_schema_pragmas (self, schema, error);
}

void
alcove_database_close (AlcoveDatabase *self)
{
  g_return_if_fail (ALCOVE_IS_DATABASE (self));

  if (self->handle == NULL)
    return;
  g_hash_table_remove_all (self->statements);
  alcove_database_rollback (self);
  if (sqlite3_close (self->handle) != SQLITE_OK)
    {
      g_warning ("A statement was left open; closing the database anyway");
      sqlite3_close_v2 (self->handle);
    }
  self->handle = NULL;
}

/* ---- versions ---- */

int
alcove_database_get_user_version (AlcoveDatabase *self,
                                  const char     *schema)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s.user_version", schema);
  g_autofree char *text = query_text (self->handle, sql);

  return text ? atoi (text) : -1;
}

int
alcove_database_latest_version (AlcoveStoreKind kind)
{
  return alcove_migrations_count (kind);
}

/* Each step runs in its own transaction with its user_version bump: a crash between steps
 * leaves a file at a consistent earlier version that the next open carries on from. */
gboolean
alcove_database_migrate (AlcoveDatabase   *self,
                         const char       *schema,
                         AlcoveStoreKind   kind,
                         int               target_version,
                         GError          **error)
{
  int version = alcove_database_get_user_version (self, schema);

  if (target_version < 0)
    target_version = alcove_migrations_count (kind);

  if (version < 0)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("Could not read the version of %s; restore it from a backup"),
                   alcove_database_get_file_name (self, schema));
      return FALSE;
    }
  /* Migration 1 makes a schema where there was none: only for a store made just now. A store
   * that should already hold records but has no schema is damaged, never re-made empty. */
  if (version == 0 && target_version > 0 && !g_hash_table_contains (self->created, schema))
    {
      set_empty_error (alcove_database_get_file_name (self, schema), error);
      return FALSE;
    }

  if (version > alcove_migrations_count (kind))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s was written by a newer Alcove (version %d); update Alcove to open it"),
                   alcove_database_get_file_name (self, schema), version);
      return FALSE;
    }

  for (; version < target_version; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA %s.user_version = %d", schema, version + 1);

      if (!alcove_database_begin (self, error))
        return FALSE;
      if (!alcove_migrations_apply (self, schema, kind, version + 1, error) ||
          !alcove_database_exec (self, bump, error) ||
          !alcove_database_commit (self, error))
        {
          alcove_database_rollback (self);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
alcove_database_check_integrity (AlcoveDatabase  *self,
                                 const char      *schema,
                                 GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s.integrity_check", schema);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *line = (const char *) sqlite3_column_text (stmt, 0);
          if (problem == NULL && g_strcmp0 (line, "ok") != 0)
            problem = g_strdup (line);
        }
    }
  sqlite3_finalize (stmt);
  /* SQLCipher 3 reports a page whose HMAC fails as a plain SQLITE_ERROR: while checking
   * integrity, anything but a full disk or an I/O error means a damaged file. */
  if (rc != SQLITE_DONE && rc != SQLITE_OK && rc != SQLITE_FULL && (rc & 0xff) != SQLITE_IOERR)
    rc = SQLITE_CORRUPT;
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return alcove_database_set_error (self, schema, rc, error);
  if (problem != NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s is damaged (%s); restore it from a backup"),
                   alcove_database_get_file_name (self, schema), problem);
      return FALSE;
    }

  /* SQLCipher 4 can check every page's HMAC; 3.4 answers nothing, so only ask 4. */
  if (sqlcipher_major () >= 4)
    {
      g_autofree char *page_sql = g_strdup_printf ("PRAGMA %s.cipher_integrity_check", schema);
      g_autofree char *bad_page = query_text (self->handle, page_sql);

      if (bad_page != NULL)
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                       _("%s is damaged (%s); restore it from a backup"),
                       alcove_database_get_file_name (self, schema), bad_page);
          return FALSE;
        }
    }
  return TRUE;
}
