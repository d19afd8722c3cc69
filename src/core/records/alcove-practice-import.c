/* alcove-practice-import.c — a whole-practice export read back into a vault: checked
 * entirely, then written in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-practice"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-audit-actions.h"
#include "alcove-client-store.h"
#include "alcove-csv.h"
#include "alcove-error.h"
#include "alcove-format-store.h"
#include "alcove-json-guard.h"
#include "alcove-note-store-private.h"
#include "alcove-plan-store.h"
#include "alcove-policy.h"
#include "alcove-practice-archive-private.h"
#include "alcove-text.h"

#define CHUNK_SIZE (64 * 1024)

/* ---- reading the archive ---- */

/* The names an export writes, and no other: no folders, no "..", no absolute paths */
static gboolean
is_expected_name (const char *name)
{
  const char *rest;

  if (g_str_equal (name, "README.txt") || g_str_equal (name, "schema.json") ||
      g_str_equal (name, "manifest.json"))
    return TRUE;
  if (g_str_has_prefix (name, "tables/") && g_str_has_suffix (name, ".csv"))
    {
      g_autofree char *table = g_strndup (name + strlen ("tables/"),
                                          strlen (name) - strlen ("tables/.csv"));

      for (guint i = 0; i < G_N_ELEMENTS (alcove_practice_tables); i++)
        if (g_str_equal (table, alcove_practice_tables[i].name))
          return TRUE;
      return FALSE;
    }
  if (!g_str_has_prefix (name, "documents/"))
    return FALSE;
  rest = name + strlen ("documents/");
  if (*rest == '\0' || strlen (rest) > 64)
    return FALSE;
  for (const char *p = rest; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
read_entry (struct archive  *archive,
            const char      *name,
            gint64          *total,
            GBytes         **bytes,
            GError         **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[CHUNK_SIZE];
  la_ssize_t n;

  while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    {
      *total += n;
      if (data->len + n > ALCOVE_PRACTICE_MAX_ENTRY || *total > ALCOVE_PRACTICE_MAX_ARCHIVE)
        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                   _("%s: larger than an export holds; this is not an Alcove "
                                     "practice export"), name);
      g_byte_array_append (data, buffer, n);
    }
  if (n < 0)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("%s: the archive is damaged or incomplete (%s); copy it again "
                                 "from where it was made"), name, archive_error_string (archive));
  *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return TRUE;
}

static gboolean
read_entries (struct archive  *archive,
              GHashTable      *entries,
              GError         **error)
{
  struct archive_entry *entry;
  gint64 total = 0;
  int rc;

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      GBytes *bytes = NULL;

      if (name == NULL || !is_expected_name (name) || archive_entry_filetype (entry) != AE_IFREG)
        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                   _("%s: not a file an Alcove practice export holds; the "
                                     "archive was changed after it was made"),
                                   name ? name : "?");
      if (g_hash_table_contains (entries, name))
        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                   _("%s: in the archive twice; the archive was changed after "
                                     "it was made"), name);
      if (g_hash_table_size (entries) >= ALCOVE_PRACTICE_MAX_ENTRIES)
        return alcove_error_invalid (error, _("The archive holds more files than an export "
                                              "does"));
      if (!read_entry (archive, name, &total, &bytes, error))
        return FALSE;
      g_hash_table_insert (entries, g_strdup (name), bytes);
    }
  if (rc != ARCHIVE_EOF)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("The archive is damaged or incomplete (%s); copy it again "
                                 "from where it was made"), archive_error_string (archive));
  return TRUE;
}

static GHashTable *
read_archive (GFile   *file,
              GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_bytes_unref);
  struct archive *archive;
  gboolean ok;

  if (path == NULL)
    {
      alcove_error_invalid (error, _("Choose a file on this computer to import"));
      return NULL;
    }
  archive = archive_read_new ();
  archive_read_support_format_zip (archive);
  if (archive_read_open_filename (archive, path, CHUNK_SIZE) != ARCHIVE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);

      alcove_error_failf (error, ALCOVE_VAULT_ERROR_IO, _("Could not read %s: %s"), display,
                          archive_error_string (archive));
      archive_read_free (archive);
      return NULL;
    }
  ok = read_entries (archive, entries, error);
  archive_read_free (archive);
  return ok ? g_steal_pointer (&entries) : NULL;
}

static GHashTable *
read_archive_bytes (GBytes  *zip,
                    GError **error)
{
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_bytes_unref);
  struct archive *archive = archive_read_new ();
  gsize size;
  gconstpointer data = g_bytes_get_data (zip, &size);
  gboolean ok;

  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, data, size) != ARCHIVE_OK)
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                          _("This is not an Alcove practice export (%s)"),
                          archive_error_string (archive));
      archive_read_free (archive);
      return NULL;
    }
  ok = read_entries (archive, entries, error);
  archive_read_free (archive);
  return ok ? g_steal_pointer (&entries) : NULL;
}

/* ---- the manifest: every entry as it was made ---- */

static JsonObject *
parse_object (GBytes      *bytes,
              const char  *name,
              JsonParser  *parser,
              GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) guard_error = NULL;

  /* json-glib crashes on deep nesting, and takes no empty text (NULL data) */
  if (!alcove_json_guard_check (data, size, ALCOVE_PRACTICE_MAX_JSON, ALCOVE_PRACTICE_MAX_DEPTH,
                                &guard_error))
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID, "%s: %s", name,
                          guard_error->message);
      return NULL;
    }
  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID, _("%s: not valid JSON"), name);
      return NULL;
    }
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
check_format (JsonObject  *object,
              const char  *name,
              GError     **error)
{
  const char *format = json_object_get_string_member_with_default (object, "format", "");
  gint64 version = json_object_get_int_member_with_default (object, "version", 0);

  if (!g_str_equal (format, ALCOVE_PRACTICE_ARCHIVE_FORMAT))
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("%s: not an Alcove practice export"), name);
  if (version != ALCOVE_PRACTICE_ARCHIVE_VERSION)
    {
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                 _("%s: format version %s is not one this Alcove reads (%d); "
                                   "use the Alcove that made it or a newer one"), name, found,
                                 ALCOVE_PRACTICE_ARCHIVE_VERSION);
    }
  return TRUE;
}

static gboolean
check_manifest_entry (GHashTable  *entries,
                      JsonNode    *node,
                      GHashTable  *listed,
                      GError     **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *name = object ? json_object_get_string_member_with_default (object, "name", "")
                            : "";
  const char *sha256 = object ? json_object_get_string_member_with_default (object, "sha256",
                                                                              "") : "";
  gint64 size = object ? json_object_get_int_member_with_default (object, "size", -1) : -1;
  GBytes *bytes = g_hash_table_lookup (entries, name);
  g_autofree char *actual = NULL;

  if (*name == '\0' || g_str_equal (name, "manifest.json"))
    return alcove_error_invalid (error, _("manifest.json: an entry without a name"));
  if (bytes == NULL)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("%s: listed in manifest.json but missing from the archive; "
                                 "the archive is incomplete"), name);
  actual = alcove_practice_sha256_hex (bytes);
  if (size != (gint64) g_bytes_get_size (bytes) || g_ascii_strcasecmp (actual, sha256) != 0)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("%s: changed since it was exported (its SHA-256 or size does "
                                 "not match manifest.json); nothing was imported"), name);
  g_hash_table_add (listed, g_strdup (name));
  return TRUE;
}

static gboolean
check_manifest (GHashTable  *entries,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) schema_parser = json_parser_new ();
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GBytes *manifest_bytes = g_hash_table_lookup (entries, "manifest.json");
  GBytes *schema_bytes = g_hash_table_lookup (entries, "schema.json");
  JsonObject *manifest, *schema;
  JsonArray *list;
  GHashTableIter iter;
  gpointer name;

  if (manifest_bytes == NULL || schema_bytes == NULL)
    return alcove_error_invalid (error, _("manifest.json or schema.json is missing: this is not "
                                          "an Alcove practice export, or it is incomplete"));
  manifest = parse_object (manifest_bytes, "manifest.json", parser, error);
  if (manifest == NULL || !check_format (manifest, "manifest.json", error))
    return FALSE;
  schema = parse_object (schema_bytes, "schema.json", schema_parser, error);
  if (schema == NULL || !check_format (schema, "schema.json", error))
    return FALSE;
  if (!json_object_has_member (manifest, "entries") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (manifest, "entries")))
    return alcove_error_invalid (error, _("manifest.json: no list of entries"));
  list = json_object_get_array_member (manifest, "entries");
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (!check_manifest_entry (entries, json_array_get_element (list, i), listed, error))
      return FALSE;
  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_str_equal (name, "manifest.json") && !g_hash_table_contains (listed, name))
      return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                 _("%s: not listed in manifest.json; the archive was changed "
                                   "after it was made"), (const char *) name);
  return TRUE;
}

/* ---- the tables, parsed and checked ---- */

typedef struct
{
  const AlcovePracticeTable *table;
  char       *entry;          /* "tables/x.csv", for messages */
  AlcoveCsv  *csv;
  GPtrArray  *columns;        /* AlcovePracticeColumn per CSV column; NULL at "store" */
  int         store_column;   /* -1 in practice tables */
  const char *schema;         /* where its rows go: "main" or the own store's schema */
} ImportTable;

static void
import_table_free (gpointer data)
{
  ImportTable *table = data;

  g_free (table->entry);
  g_clear_pointer (&table->csv, alcove_csv_free);
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_free (table);
}

typedef struct
{
  AlcoveVault        *vault;
  AlcoveDatabase     *database;
  GHashTable         *entries;       /* name → GBytes */
  GHashTable         *uuids;         /* username → user uuid */
  GHashTable         *usernames;     /* user uuid → username */
  const char         *me;            /* the signed-in username */
  char               *own_store;     /* "notes:<uuid>", or NULL without one */
  char               *own_schema;
  gboolean            owner;
  GHashTable         *tables;        /* table name → ImportTable */
  GHashTable         *left_out;      /* usernames */
  GHashTable         *new_notes;     /* ids of notes written as drafts to sign */
  gboolean            formats_written;
  AlcoveClientStore  *client_store;
  AlcoveNoteStore    *note_store;
  AlcovePlanStore    *plan_store;
  AlcovePracticeArchiveReport *report;
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->entries, g_hash_table_unref);
  g_clear_pointer (&import->uuids, g_hash_table_unref);
  g_clear_pointer (&import->usernames, g_hash_table_unref);
  g_clear_pointer (&import->own_store, g_free);
  g_clear_pointer (&import->own_schema, g_free);
  g_clear_pointer (&import->tables, g_hash_table_unref);
  g_clear_pointer (&import->left_out, g_hash_table_unref);
  g_clear_pointer (&import->new_notes, g_hash_table_unref);
  g_clear_object (&import->plan_store);
  g_clear_object (&import->note_store);
  g_clear_object (&import->client_store);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static gboolean G_GNUC_PRINTF (4, 5)
fail_at_line (GError      **error,
              ImportTable  *table,
              guint         row,
              const char   *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID, _("%s line %u: %s"),
                             table->entry, alcove_csv_get_line (table->csv, row), message);
}

static const char *
cell (ImportTable *table,
      guint        row,
      const char  *column)
{
  for (guint i = 0; i < table->columns->len; i++)
    {
      AlcovePracticeColumn *c = g_ptr_array_index (table->columns, i);

      if (c != NULL && g_str_equal (c->name, column))
        return alcove_practice_unguard_text (alcove_csv_get_cell (table->csv, row, i));
    }
  return "";
}

static gboolean
is_own_row (Import      *import,
            ImportTable *table,
            guint        row)
{
  return table->store_column < 0 ||
         g_str_equal (alcove_csv_get_cell (table->csv, row, table->store_column), import->me);
}

static gboolean
check_header (Import       *import,
              ImportTable  *table,
              GError      **error)
{
  g_autoptr(GPtrArray) known = alcove_practice_table_columns (import->database, table->schema,
                                                              table->table->name, error);
  guint n = alcove_csv_get_n_columns (table->csv);

  if (known == NULL)
    return FALSE;
  if (alcove_csv_get_delimiter (table->csv) != ',' && n > 1)
    return fail_at_line (error, table, 0, _("not separated by commas"));
  table->columns = g_ptr_array_new ();
  table->store_column = -1;
  for (guint i = 0; i < n; i++)
    {
      const char *name = alcove_csv_get_header (table->csv, i);
      AlcovePracticeColumn *found = NULL;

      if (table->table->in_store && i == 0 && g_str_equal (name, ALCOVE_PRACTICE_STORE_COLUMN))
        {
          table->store_column = 0;
          g_ptr_array_add (table->columns, NULL);
          continue;
        }
      for (guint k = 0; k < known->len && found == NULL; k++)
        if (g_str_equal (((AlcovePracticeColumn *) g_ptr_array_index (known, k))->name, name))
          found = g_ptr_array_index (known, k);
      for (guint k = 0; k < table->columns->len && found != NULL; k++)
        if (g_ptr_array_index (table->columns, k) == found)
          return fail_at_line (error, table, 0, _("column \"%s\" is named twice"), name);
      if (found == NULL)
        return fail_at_line (error, table, 0, _("column \"%s\" is not one this vault keeps; "
                                                "the archive is from a newer Alcove"), name);
      g_ptr_array_add (table->columns, found);
    }
  if (table->table->in_store && table->store_column < 0)
    return fail_at_line (error, table, 0, _("the first column must be \"store\""));
  for (guint k = 0; k < known->len; k++)
    {
      AlcovePracticeColumn *column = g_ptr_array_index (known, k);
      gboolean present = FALSE;

      for (guint i = 0; i < table->columns->len; i++)
        present = present || g_ptr_array_index (table->columns, i) == column;
      if (column->pk > 0 && !present)
        return fail_at_line (error, table, 0, _("column \"%s\" is missing"), column->name);
    }
  /* the columns are owned by `known`: keep it alive with the table */
  g_ptr_array_set_free_func (known, NULL);
  for (guint k = 0; k < known->len; k++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < table->columns->len; i++)
        used = used || g_ptr_array_index (table->columns, i) == g_ptr_array_index (known, k);
      if (!used)
        alcove_practice_column_free (g_ptr_array_index (known, k));
    }
  return TRUE;
}

/* The row's primary key as one string, to find a row given twice */
static char *
row_key (ImportTable *table,
         guint        row)
{
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; i < table->columns->len; i++)
    {
      AlcovePracticeColumn *column = g_ptr_array_index (table->columns, i);

      if (column != NULL && column->pk > 0)
        g_string_append_printf (key, "%d\x1f%s\x1f", column->pk,
                                alcove_csv_get_cell (table->csv, row, i));
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* Every user named must be a user of this vault, every row whole and given once */
static gboolean
check_rows (Import       *import,
            ImportTable  *table,
            GError      **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint row = 0; row < alcove_csv_get_n_rows (table->csv); row++)
    {
      char *key;

      if (alcove_csv_get_n_cells (table->csv, row) != table->columns->len)
        return fail_at_line (error, table, row, _("%u cells where the header has %u"),
                             alcove_csv_get_n_cells (table->csv, row), table->columns->len);
      key = row_key (table, row);
      if (g_hash_table_contains (keys, key))
        {
          guint first = GPOINTER_TO_UINT (g_hash_table_lookup (keys, key));

          g_free (key);
          return fail_at_line (error, table, row, _("the same row as line %u"),
                               alcove_csv_get_line (table->csv, first));
        }
      g_hash_table_insert (keys, key, GUINT_TO_POINTER (row));
      for (guint i = 0; i < table->columns->len; i++)
        {
          AlcovePracticeColumn *column = g_ptr_array_index (table->columns, i);
          const char *value = alcove_practice_unguard_text (alcove_csv_get_cell (table->csv, row,
                                                                                 i));
          gboolean user = column == NULL ||
                          alcove_practice_column_in (alcove_practice_user_columns,
                                                     table->table->name, column->name);

          if (user && *value != '\0' && !g_str_equal (value, ALCOVE_ACTOR_RECOVERY) &&
              !g_hash_table_contains (import->uuids, value))
            return fail_at_line (error, table, row, _("no user \"%s\" in this vault; add "
                                                      "them with the same username first"),
                                 value);
        }
      if (table->store_column >= 0 && !is_own_row (import, table, row))
        g_hash_table_add (import->left_out,
                          g_strdup (alcove_csv_get_cell (table->csv, row, table->store_column)));
    }
  return TRUE;
}

static gboolean
parse_tables (Import  *import,
              GError **error)
{
  static const AlcoveCsvLimits limits = { ALCOVE_PRACTICE_MAX_ENTRY, ALCOVE_PRACTICE_MAX_ROWS,
                                          ALCOVE_PRACTICE_MAX_CELL };

  import->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, import_table_free);
  for (guint i = 0; i < G_N_ELEMENTS (alcove_practice_tables); i++)
    {
      const AlcovePracticeTable *spec = &alcove_practice_tables[i];
      g_autofree char *entry = g_strdup_printf ("tables/%s.csv", spec->name);
      GBytes *bytes = g_hash_table_lookup (import->entries, entry);
      ImportTable *table;

      if (!spec->reimported || bytes == NULL)
        continue;  /* a store table is absent when the export had no store open */
      table = g_new0 (ImportTable, 1);
      table->table = spec;
      table->entry = g_steal_pointer (&entry);
      table->schema = spec->in_store ? import->own_schema : "main";
      g_hash_table_insert (import->tables, (gpointer) spec->name, table);
      if (table->schema == NULL)
        table->schema = "main";  /* no own store: its rows are all someone else's */
      table->csv = alcove_csv_parse_with_limits (bytes, &limits, error);
      if (table->csv == NULL)
        {
          g_prefix_error (error, "%s: ", table->entry);
          return FALSE;
        }
      if (spec->in_store && import->own_schema == NULL)
        {
          /* read only to name whose rows they are */
          table->columns = g_ptr_array_new ();
          table->store_column = 0;
          for (guint row = 0; row < alcove_csv_get_n_rows (table->csv); row++)
            g_hash_table_add (import->left_out,
                              g_strdup (alcove_csv_get_cell (table->csv, row, 0)));
          g_hash_table_remove (import->tables, spec->name);
          continue;
        }
      if (!check_header (import, table, error))
        return FALSE;
      g_ptr_array_set_free_func (table->columns, alcove_practice_column_free);
      if (!check_rows (import, table, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- writing ---- */

typedef enum { ROW_WRITTEN, ROW_SKIPPED, ROW_FAILED } RowResult;

/* A value the import sets itself instead of the archive's */
typedef struct
{
  const char *column;
  const char *text;      /* NULL: the integer */
  gint64      integer;
} Override;

static const Override *
find_override (const Override *overrides,
               const char     *column)
{
  for (; overrides != NULL && overrides->column != NULL; overrides++)
    if (g_str_equal (overrides->column, column))
      return overrides;
  return NULL;
}

static gboolean
bind_cell (Import        *import,
           ImportTable   *table,
           guint          row,
           sqlite3_stmt  *stmt,
           int            position,
           guint          i,
           GError       **error)
{
  AlcovePracticeColumn *column = g_ptr_array_index (table->columns, i);
  const char *value = alcove_practice_unguard_text (alcove_csv_get_cell (table->csv, row, i));
  gint64 number;

  if (strstr (column->type, "INT") != NULL)
    {
      if (*value == '\0')
        sqlite3_bind_null (stmt, position);
      else if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
        return fail_at_line (error, table, row, _("%s: \"%s\" is not a whole number"),
                             column->name, value);
      else
        sqlite3_bind_int64 (stmt, position, number);
      return TRUE;
    }
  if (alcove_practice_column_in (alcove_practice_user_columns, table->table->name, column->name))
    {
      const char *uuid = g_hash_table_lookup (import->uuids, value);

      if (uuid != NULL)
        value = uuid;
    }
  sqlite3_bind_text (stmt, position, value, -1, SQLITE_TRANSIENT);
  return TRUE;
}

/* A document's bytes, checked against its row */
static GBytes *
document_bytes (Import       *import,
                ImportTable  *table,
                guint         row,
                GError      **error)
{
  g_autofree char *name = g_strdup_printf ("documents/%s", cell (table, row, "id"));
  GBytes *bytes = g_hash_table_lookup (import->entries, name);
  g_autofree char *sha256 = NULL;

  if (bytes == NULL)
    {
      fail_at_line (error, table, row, _("its document is missing from the archive (%s)"),
                    name);
      return NULL;
    }
  sha256 = alcove_practice_sha256_hex (bytes);
  if (g_ascii_strcasecmp (sha256, cell (table, row, "sha256")) != 0)
    {
      fail_at_line (error, table, row, _("%s does not match the SHA-256 of its row"), name);
      return NULL;
    }
  return bytes;
}

/* The row's primary key as a WHERE clause, its values bound from ?1 on */
static char *
key_clause (ImportTable *table)
{
  g_autoptr(GString) where = g_string_new (NULL);

  for (guint i = 0; i < table->columns->len; i++)
    {
      AlcovePracticeColumn *column = g_ptr_array_index (table->columns, i);

      if (column != NULL && column->pk > 0)
        g_string_append_printf (where, "%s\"%s\" = ?%u", where->len > 0 ? " AND " : "",
                                column->name, column->pk);
    }
  return g_string_free (g_steal_pointer (&where), FALSE);
}

static gboolean
bind_key (Import        *import,
          ImportTable   *table,
          guint          row,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  for (guint i = 0; i < table->columns->len; i++)
    {
      AlcovePracticeColumn *column = g_ptr_array_index (table->columns, i);

      if (column != NULL && column->pk > 0 &&
          !bind_cell (import, table, row, stmt, column->pk, i, error))
        return FALSE;
    }
  return TRUE;
}

/* An existing row with this key: equal (skipped), different (an error), or none */
static RowResult
compare_existing (Import       *import,
                  ImportTable  *table,
                  guint         row,
                  gboolean     *exists,
                  GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autofree char *where = key_clause (table);
  sqlite3_stmt *stmt;
  RowResult result = ROW_SKIPPED;
  int rc;

  for (guint i = 0; i < table->columns->len; i++)
    {
      AlcovePracticeColumn *column = g_ptr_array_index (table->columns, i);

      g_string_append_printf (sql, "%s\"%s\"", i > 0 ? ", " : "", column ? column->name : "1");
    }
  g_string_append_printf (sql, " FROM %s.%s WHERE %s", table->schema, table->table->name, where);
  stmt = alcove_database_prepare (import->database, sql->str, error);
  if (stmt == NULL || !bind_key (import, table, row, stmt, error))
    {
      if (stmt != NULL)
        sqlite3_reset (stmt);
      return ROW_FAILED;
    }
  rc = sqlite3_step (stmt);
  *exists = rc == SQLITE_ROW;
  for (guint i = 0; rc == SQLITE_ROW && i < table->columns->len && result == ROW_SKIPPED; i++)
    {
      AlcovePracticeColumn *column = g_ptr_array_index (table->columns, i);
      g_autofree char *stored = NULL;
      gboolean user;

      if (column == NULL || alcove_practice_column_in (alcove_practice_resigned_columns,
                                                       table->table->name, column->name))
        continue;
      user = alcove_practice_column_in (alcove_practice_user_columns, table->table->name,
                                        column->name);
      stored = alcove_practice_cell_text (stmt, i, user, import->usernames);
      if (g_strcmp0 (stored, alcove_practice_unguard_text (alcove_csv_get_cell (table->csv,
                                                                                row, i))) != 0)
        {
          fail_at_line (error, table, row, _("a row with this id is already in the vault with "
                                             "different content (column %s); nothing was "
                                             "imported"), column->name);
          result = ROW_FAILED;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      alcove_database_set_error (import->database, table->schema, rc, error);
      return ROW_FAILED;
    }
  return result;
}

static gboolean
insert_row (Import          *import,
            ImportTable     *table,
            guint            row,
            const Override  *overrides,
            GError         **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  gboolean documents = g_str_equal (table->table->name, "documents");
  GBytes *contents = NULL;
  sqlite3_stmt *stmt;
  int position = 0;

  if (documents && (contents = document_bytes (import, table, row, error)) == NULL)
    return FALSE;
  g_string_printf (sql, "INSERT INTO %s.%s (", table->schema, table->table->name);
  for (guint i = 0; i < table->columns->len; i++)
    {
      AlcovePracticeColumn *column = g_ptr_array_index (table->columns, i);

      if (column == NULL)
        continue;
      g_string_append_printf (sql, "%s\"%s\"", position > 0 ? ", " : "", column->name);
      g_string_append_printf (values, "%s?%d", position > 0 ? ", " : "", position + 1);
      position++;
    }
  if (documents)
    {
      g_string_append (sql, ", contents");
      g_string_append_printf (values, ", ?%d", position + 1);
    }
  g_string_append_printf (sql, ") VALUES (%s)", values->str);
  stmt = alcove_database_prepare (import->database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  position = 0;
  for (guint i = 0; i < table->columns->len; i++)
    {
      AlcovePracticeColumn *column = g_ptr_array_index (table->columns, i);
      const Override *override;

      if (column == NULL)
        continue;
      position++;
      override = find_override (overrides, column->name);
      if (override != NULL && override->text != NULL)
        sqlite3_bind_text (stmt, position, override->text, -1, SQLITE_TRANSIENT);
      else if (override != NULL)
        sqlite3_bind_int64 (stmt, position, override->integer);
      else if (!bind_cell (import, table, row, stmt, position, i, error))
        {
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
          return FALSE;
        }
    }
  if (documents)
    sqlite3_bind_blob64 (stmt, position + 1, g_bytes_get_data (contents, NULL),
                         g_bytes_get_size (contents), SQLITE_TRANSIENT);
  if (!alcove_database_step_done (import->database, stmt, error))
    {
      g_prefix_error (error, _("%s line %u: "), table->entry,
                      alcove_csv_get_line (table->csv, row));
      return FALSE;
    }
  return TRUE;
}

/* Inserts the row, or skips it when the vault holds it already, equal */
static RowResult
write_row (Import          *import,
           ImportTable     *table,
           guint            row,
           const Override  *overrides,
           GError         **error)
{
  gboolean exists = FALSE;
  RowResult result = compare_existing (import, table, row, &exists, error);

  if (result == ROW_FAILED)
    return ROW_FAILED;
  if (exists)
    return ROW_SKIPPED;
  if (!table->table->in_store && !import->owner)
    {
      fail_at_line (error, table, row, _("the practice's records are not in this vault yet: "
                                         "an owner imports this archive first"));
      return ROW_FAILED;
    }
  return insert_row (import, table, row, overrides, error) ? ROW_WRITTEN : ROW_FAILED;
}

static void
count (Import      *import,
       const char  *table)
{
  AlcovePracticeArchiveReport *report = import->report;

  if (g_str_equal (table, "clients"))
    report->clients++;
  else if (g_str_equal (table, "sessions"))
    report->sessions++;
  else if (g_str_equal (table, "notes"))
    report->notes++;
  else if (g_str_equal (table, "addenda"))
    report->addenda++;
  else if (g_str_equal (table, "consents"))
    report->consents++;
  else if (g_str_equal (table, "disclosures"))
    report->disclosures++;
  else if (g_str_equal (table, "plans"))
    report->plans++;
  else if (g_str_equal (table, "measure_administrations"))
    report->measures++;
  else if (g_str_equal (table, "documents"))
    report->documents++;
}

/* Every own row of a table, with `overrides` where given (NULL: none) */
static gboolean
write_table (Import      *import,
             const char  *name,
             GError     **error)
{
  ImportTable *table = g_hash_table_lookup (import->tables, name);
  gboolean notes;

  if (table == NULL)
    return TRUE;
  import->report->tables++;
  notes = g_str_equal (name, "notes");
  for (guint row = 0; row < alcove_csv_get_n_rows (table->csv); row++)
    {
      /* a note is written as a draft, its parts and objectives added, then signed again
       * (sign_new_notes) */
      const Override draft[] = { { "status", "draft", 0 }, { "hash", "", 0 }, { NULL } };
      RowResult result;

      if (!is_own_row (import, table, row))
        continue;
      result = write_row (import, table, row, notes ? draft : NULL, error);
      if (result == ROW_FAILED)
        return FALSE;
      if (result == ROW_WRITTEN)
        {
          count (import, name);
          if (notes)
            g_hash_table_insert (import->new_notes, g_strdup (cell (table, row, "id")),
                                 GINT_TO_POINTER (g_str_equal (cell (table, row, "status"),
                                                               "signed")));
        }
    }
  return TRUE;
}

/* ---- signing again ---- */

static gboolean
exec_bound (Import      *import,
            const char  *sql_template,
            const char  *first,
            const char  *second,
            GError     **error)
{
  return alcove_note_store_exec_in (import->database, sql_template, import->own_schema, first,
                                    second, NULL, error);
}

static gboolean
sign_note (Import      *import,
           const char  *note_id,
           GError     **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *hash = NULL;

  if (!alcove_note_store_collect_in (import->note_store, import->own_schema, import->own_store,
                                     "id = ?1", note_id, notes, error))
    return FALSE;
  g_assert (notes->len == 1);
  /* the signer, time and co-signing flag are the row's, as exported: only the hash is
   * made again, over the author's UUID in this vault */
  hash = alcove_note_compute_hash (g_ptr_array_index (notes, 0));
  return exec_bound (import, "UPDATE @S@.notes SET status = 'signed', hash = ?2"
                     " WHERE id = ?1 AND status = 'draft'", note_id, hash, error);
}

static gboolean
sign_new_notes (Import  *import,
                GError **error)
{
  GHashTableIter iter;
  gpointer id, is_signed;

  g_hash_table_iter_init (&iter, import->new_notes);
  while (g_hash_table_iter_next (&iter, &id, &is_signed))
    {
      if (GPOINTER_TO_INT (is_signed) && !sign_note (import, id, error))
        return FALSE;
      /* the search index catches up with it after the commit */
      if (!exec_bound (import, "INSERT OR IGNORE INTO @S@.search_pending (note_id) VALUES (?1)",
                       id, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* The hash the import gave a note (NULL without an error when the note is not there), and
 * whether it waits for its supervisor's co-signature in this vault: a co-signature is the
 * supervisor's own signature, which the import cannot carry over, so a co-signed note
 * arrives waiting again, and takes no addenda until its supervisor co-signs it */
static char *
stored_note_hash (Import      *import,
                  const char  *note_id,
                  gboolean    *awaits_cosignature,
                  GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT n.hash, n.cosign_required = 1 AND NOT EXISTS"
                                          " (SELECT 1 FROM %1$s.cosignatures c"
                                          "  WHERE c.note_id = n.id AND c.hash = n.hash)"
                                          " FROM %1$s.notes n WHERE n.id = ?",
                                          import->own_schema);
  sqlite3_stmt *stmt = alcove_database_prepare (import->database, sql, error);
  char *hash = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, note_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      hash = g_strdup (alcove_database_column_text (stmt, 0));
      *awaits_cosignature = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    alcove_database_set_error (import->database, import->own_schema, rc, error);
  return hash;
}

/* Addenda are chained to their note's hash, which the import made again. Those of a note
 * waiting for its co-signature wait too: the same archive imported again, once the note is
 * co-signed, adds them. */
static gboolean
write_addenda (Import  *import,
               GError **error)
{
  ImportTable *table = g_hash_table_lookup (import->tables, "addenda");

  if (table == NULL)
    return TRUE;
  import->report->tables++;
  for (guint row = 0; row < alcove_csv_get_n_rows (table->csv); row++)
    {
      g_autofree char *note_hash = NULL;
      g_autofree char *hash = NULL;
      g_autoptr(GError) local_error = NULL;
      AlcoveAddendum addendum = { 0 };
      gboolean awaits = FALSE;
      const char *author;
      RowResult result;

      if (!is_own_row (import, table, row))
        continue;
      note_hash = stored_note_hash (import, cell (table, row, "note_id"), &awaits,
                                    &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (note_hash == NULL)
        return fail_at_line (error, table, row, _("its note is not in the archive"));
      if (awaits)
        {
          import->report->addenda_waiting++;
          continue;
        }
      author = g_hash_table_lookup (import->uuids, cell (table, row, "author"));
      addendum.id = (char *) cell (table, row, "id");
      addendum.author = (char *) (author ? author : "");
      addendum.created_ms = g_ascii_strtoll (cell (table, row, "created_ms"), NULL, 10);
      addendum.text = (char *) cell (table, row, "text");
      hash = alcove_addendum_compute_hash (&addendum, cell (table, row, "note_id"), note_hash);
      {
        const Override overrides[] = { { "hash", hash, 0 }, { NULL } };

        result = write_row (import, table, row, overrides, error);
      }
      if (result == ROW_FAILED)
        return FALSE;
      if (result == ROW_WRITTEN)
        count (import, "addenda");
    }
  return TRUE;
}

static gboolean
sign_plan (Import      *import,
           const char  *version_id,
           gint64       signed_ms,
           gint64       updated_ms,
           GError     **error)
{
  g_autoptr(AlcovePlan) plan = alcove_plan_store_read_row (import->plan_store, import->own_store,
                                                           version_id, error);
  g_autofree char *hash = NULL;
  g_autofree char *message = NULL;
  g_autofree char *signature = NULL;
  g_autoptr(GBytes) signed_bytes = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  const char *author;

  if (plan == NULL)
    return FALSE;
  author = alcove_plan_get_author (plan);
  alcove_plan_set_signed (plan, signed_ms, author, "", "");
  hash = alcove_plan_compute_hash (plan);
  alcove_plan_set_signed (plan, signed_ms, author, hash, "");
  message = alcove_plan_dup_signed_message (plan);
  signed_bytes = alcove_vault_sign_as_user (import->vault, ALCOVE_PLAN_SIGN_CONTEXT, message);
  if (signed_bytes == NULL)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_FAILED,
                              _("Your signing key is not open in this session; lock Alcove "
                                "and sign in again with your password"));
  signature = g_base64_encode (g_bytes_get_data (signed_bytes, NULL),
                               g_bytes_get_size (signed_bytes));
  sql = g_strdup_printf ("UPDATE %s.plans SET status = 'signed', signed_ms = ?2, signed_by = ?3,"
                         " hash = ?4, signature = ?5, updated_ms = ?6"
                         " WHERE id = ?1 AND status = 'draft'", import->own_schema);
  stmt = alcove_database_prepare (import->database, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, version_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, signed_ms);
  sqlite3_bind_text (stmt, 3, author, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, signature, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, updated_ms);
  return alcove_database_step_done (import->database, stmt, error);
}

static gint
compare_versions (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ImportTable *table = user_data;
  guint row_a = GPOINTER_TO_UINT (*(gconstpointer *) a);
  guint row_b = GPOINTER_TO_UINT (*(gconstpointer *) b);
  gint64 by_version = g_ascii_strtoll (cell (table, row_a, "version"), NULL, 10) -
                      g_ascii_strtoll (cell (table, row_b, "version"), NULL, 10);

  if (by_version != 0)
    return by_version < 0 ? -1 : 1;
  return row_a < row_b ? -1 : row_a > row_b;
}

/* The signed-in person's rows of a versioned table, lowest version first: a trigger wants
 * each version to follow the one before, of whatever plan or format */
static GPtrArray *
own_rows_by_version (Import      *import,
                     ImportTable *table)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (guint row = 0; row < alcove_csv_get_n_rows (table->csv); row++)
    if (is_own_row (import, table, row))
      g_ptr_array_add (rows, GUINT_TO_POINTER (row));
  g_ptr_array_sort_with_data (rows, compare_versions, table);
  return rows;
}

static gboolean
write_plan_objectives (Import      *import,
                       const char  *version_id,
                       GError     **error)
{
  ImportTable *table = g_hash_table_lookup (import->tables, "plan_objectives");

  for (guint row = 0; table != NULL && row < alcove_csv_get_n_rows (table->csv); row++)
    if (is_own_row (import, table, row) &&
        g_str_equal (cell (table, row, "plan_version_id"), version_id) &&
        write_row (import, table, row, NULL, error) == ROW_FAILED)
      return FALSE;
  return TRUE;
}

/* A version follows its signed predecessor and is written as a draft (the triggers hold
 * this even here), so each is written, given its objectives, and signed in turn */
static gboolean
write_plans (Import  *import,
             GError **error)
{
  ImportTable *table = g_hash_table_lookup (import->tables, "plans");
  g_autoptr(GPtrArray) rows = NULL;
  const Override draft[] = { { "status", "draft", 0 }, { "signed_ms", NULL, 0 },
                             { "signed_by", "", 0 }, { "hash", "", 0 },
                             { "signature", "", 0 }, { NULL } };

  if (table == NULL)
    return TRUE;
  import->report->tables += 2;
  rows = own_rows_by_version (import, table);
  for (guint i = 0; i < rows->len; i++)
    {
      guint row = GPOINTER_TO_UINT (g_ptr_array_index (rows, i));
      const char *id = cell (table, row, "id");
      RowResult result = write_row (import, table, row, draft, error);

      if (result == ROW_FAILED || !write_plan_objectives (import, id, error))
        return FALSE;
      if (result != ROW_WRITTEN)
        continue;
      count (import, "plans");
      if (g_str_equal (cell (table, row, "status"), "signed") &&
          !sign_plan (import, id, g_ascii_strtoll (cell (table, row, "signed_ms"), NULL, 10),
                      g_ascii_strtoll (cell (table, row, "updated_ms"), NULL, 10), error))
        return FALSE;
    }
  return TRUE;
}

/* Each version of the practice's own note formats, in order (a trigger wants each to follow
 * the one before), signed by the owner who imports it */
static gboolean
write_formats (Import  *import,
               GError **error)
{
  ImportTable *table = g_hash_table_lookup (import->tables, "note_formats");
  const char *me = g_hash_table_lookup (import->uuids, import->me);
  g_autoptr(GPtrArray) rows = NULL;

  if (table == NULL)
    return TRUE;
  import->report->tables++;
  rows = own_rows_by_version (import, table);
  for (guint i = 0; i < rows->len; i++)
    {
      guint row = GPOINTER_TO_UINT (g_ptr_array_index (rows, i));
      g_autofree char *signature = NULL;
      gboolean exists = FALSE;

      if (compare_existing (import, table, row, &exists, error) == ROW_FAILED)
        return FALSE;
      if (exists)
        continue;
      /* only an owner brings in the practice's rows; write_row says so */
      if (!import->owner)
        return write_row (import, table, row, NULL, error) != ROW_FAILED;
      signature = alcove_format_store_sign_imported (
        import->vault, cell (table, row, "format_id"),
        (guint) g_ascii_strtoull (cell (table, row, "version"), NULL, 10),
        g_str_equal (cell (table, row, "retired"), "1"),
        g_ascii_strtoll (cell (table, row, "made_ms"), NULL, 10),
        alcove_practice_unguard_text (cell (table, row, "definition")), error);
      if (signature == NULL)
        return FALSE;
      {
        const Override signed_now[] = { { "made_by", me, 0 }, { "signature", signature, 0 },
                                        { NULL } };

        if (write_row (import, table, row, signed_now, error) == ROW_FAILED)
          return FALSE;
        import->formats_written = TRUE;
      }
    }
  return TRUE;
}

static gboolean
write_all (Import  *import,
           GError **error)
{
  static const char * const practice[] = { "clients", "client_members", "guardians",
                                           "session_attendees", "sessions", "diagnoses",
                                           "documents", "consents", "disclosures", NULL };

  for (guint i = 0; practice[i] != NULL; i++)
    if (!write_table (import, practice[i], error))
      return FALSE;
  if (!write_formats (import, error))
    return FALSE;
  if (import->own_schema == NULL)
    return TRUE;
  return write_plans (import, error) &&
         write_table (import, "notes", error) &&
         write_table (import, "note_parts", error) &&
         write_table (import, "note_objectives", error) &&
         sign_new_notes (import, error) &&
         write_addenda (import, error) &&
         write_table (import, "measure_administrations", error) &&
         write_table (import, "clinical_events", error);
}

static gboolean
write_in_transaction (Import  *import,
                      GError **error)
{
  if (!alcove_database_begin (import->database, error))
    return FALSE;
  /* a session's attendees are written before the session is marked signed (a trigger
   * refuses them after); the links are checked at the commit */
  if (!alcove_database_exec (import->database, "PRAGMA defer_foreign_keys = ON", error) ||
      !write_all (import, error) ||
      !alcove_database_commit (import->database, error))
    {
      alcove_database_rollback (import->database);
      return FALSE;
    }
  return TRUE;
}

/* ---- the whole import ---- */

static gboolean
prepare (Import  *import,
         GError **error)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (import->vault);
  AlcoveUser *me = alcove_vault_get_current_user (import->vault);
  g_autofree char *own = NULL;

  if (me == NULL)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Sign in as an owner or a clinician to import a practice"));
  import->owner = alcove_policy_allows (import->vault, ALCOVE_CAPABILITY_EXPORT_PRACTICE);
  if (!import->owner && !alcove_policy_allows (import->vault, ALCOVE_CAPABILITY_WRITE_NOTES))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Only an owner, or a clinician for their own notes, can import "
                                "a practice"));
  import->me = alcove_user_get_username (me);
  import->database = alcove_vault_get_database (import->vault);
  import->uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->usernames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      g_hash_table_insert (import->uuids, g_strdup (alcove_user_get_username (user)),
                           g_strdup (alcove_user_get_uuid (user)));
      g_hash_table_insert (import->usernames, g_strdup (alcove_user_get_uuid (user)),
                           g_strdup (alcove_user_get_username (user)));
    }
  own = g_strconcat ("notes:", alcove_user_get_uuid (me), NULL);
  if (alcove_policy_allows (import->vault, ALCOVE_CAPABILITY_WRITE_NOTES) &&
      alcove_vault_can_open_database (import->vault, own))
    {
      import->own_schema = alcove_vault_schema_for (own);
      import->own_store = g_steal_pointer (&own);
    }
  import->left_out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->new_notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->client_store = alcove_client_store_new (import->vault, error);
  if (import->client_store == NULL)
    return FALSE;
  import->note_store = alcove_note_store_new (import->client_store);
  import->plan_store = alcove_plan_store_new (import->note_store);
  return TRUE;
}

static void
report_left_out (Import *import)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, import->left_out);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, name);
  if (names->len == 0)
    return;
  g_ptr_array_sort (names, alcove_text_compare_in_array);
  g_ptr_array_add (names, NULL);
  import->report->stores_left_out = g_strdupv ((char **) names->pdata);
}

/* Rows a table's file holds, or 0 without it */
static guint
rows_of (GHashTable *tables,
         const char *name)
{
  AlcoveCsv *csv = g_hash_table_lookup (tables, name);

  return csv != NULL ? alcove_csv_get_n_rows (csv) : 0;
}

gboolean
alcove_practice_archive_check (GBytes                       *zip,
                               AlcovePracticeArchiveReport  *report,
                               GError                      **error)
{
  static const AlcoveCsvLimits limits = { ALCOVE_PRACTICE_MAX_ENTRY, ALCOVE_PRACTICE_MAX_ROWS,
                                          ALCOVE_PRACTICE_MAX_CELL };
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GHashTable) tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) alcove_csv_free);

  g_return_val_if_fail (zip != NULL, FALSE);

  entries = read_archive_bytes (zip, error);
  if (entries == NULL || !check_manifest (entries, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (alcove_practice_tables); i++)
    {
      const AlcovePracticeTable *spec = &alcove_practice_tables[i];
      g_autofree char *entry = g_strdup_printf ("tables/%s.csv", spec->name);
      GBytes *bytes = g_hash_table_lookup (entries, entry);
      AlcoveCsv *csv;

      if (bytes == NULL)
        continue;
      csv = alcove_csv_parse_with_limits (bytes, &limits, error);
      if (csv == NULL)
        {
          g_prefix_error (error, "%s: ", entry);
          return FALSE;
        }
      g_hash_table_insert (tables, (gpointer) spec->name, csv);
    }
  if (report == NULL)
    return TRUE;
  alcove_practice_archive_report_clear (report);
  report->clients = rows_of (tables, "clients");
  report->sessions = rows_of (tables, "sessions");
  report->notes = rows_of (tables, "notes");
  report->addenda = rows_of (tables, "addenda");
  report->consents = rows_of (tables, "consents");
  report->disclosures = rows_of (tables, "disclosures");
  report->plans = rows_of (tables, "plans");
  report->measures = rows_of (tables, "measure_administrations");
  report->documents = rows_of (tables, "documents");
  report->tables = g_hash_table_size (tables);
  return TRUE;
}

gboolean
alcove_practice_import (AlcoveVault                  *vault,
                        GFile                        *archive,
                        AlcovePracticeArchiveReport  *report,
                        GCancellable                 *cancellable,
                        GError                      **error)
{
  g_auto(Import) import = { .vault = vault };
  AlcovePracticeArchiveReport local = { 0 };
  g_autoptr(GError) index_error = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (G_IS_FILE (archive), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  import.report = report ? report : &local;
  alcove_practice_archive_report_clear (import.report);
  if (!alcove_vault_require_unlocked (vault, error) || !prepare (&import, error))
    return FALSE;
  import.entries = read_archive (archive, error);
  if (import.entries == NULL || !check_manifest (import.entries, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !parse_tables (&import, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!write_in_transaction (&import, error))
    {
      alcove_practice_archive_report_clear (import.report);
      return FALSE;
    }
  report_left_out (&import);
  alcove_practice_audit (vault, ALCOVE_AUDIT_PRACTICE_IMPORT, import.report);
  /* the rows went in beside the stores: views that listen reload what they show */
  alcove_vault_emit_changed (vault, "practice-import");
  if (import.formats_written)
    alcove_vault_emit_changed (vault, "formats");
  /* the new notes are searchable once indexed; a failure here loses nothing */
  if (!alcove_note_index_catch_up (vault, &index_error))
    g_warning ("The search index did not catch up after an import: %s", index_error->message);
  alcove_practice_archive_report_clear (&local);
  return TRUE;
}
