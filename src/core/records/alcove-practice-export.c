/* alcove-practice-export.c — the whole practice as a ZIP of CSV files, for leaving Alcove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-practice"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <unistd.h>

#include "alcove-audit-actions.h"
#include "alcove-error.h"
#include "alcove-policy.h"
#include "alcove-practice-archive-private.h"
#include "alcove-text.h"

GResource *alcove_practice_schema_get_resource (void);

#define SCHEMA_RESOURCE "/io/github/alcove_notes/Alcove/practice/alcove-practice-export.schema.json"

void
alcove_practice_archive_report_clear (AlcovePracticeArchiveReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->stores_left_out, g_strfreev);
  memset (report, 0, sizeof *report);
}

/* ---- shared with the import ---- */

void
alcove_practice_column_free (gpointer data)
{
  AlcovePracticeColumn *column = data;

  if (column == NULL)
    return;
  g_free (column->name);
  g_free (column->type);
  g_free (column);
}

GPtrArray *
alcove_practice_table_columns (AlcoveDatabase  *database,
                               const char      *schema,
                               const char      *table,
                               GError         **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (alcove_practice_column_free);
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s.table_info (%s)", schema, table);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlcovePracticeColumn *column = g_new0 (AlcovePracticeColumn, 1);

      column->name = g_strdup (alcove_database_column_text (stmt, 1));
      column->type = g_ascii_strup (alcove_database_column_text (stmt, 2), -1);
      column->pk = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (columns, column);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (database, schema, rc, error);
      return NULL;
    }
  return g_steal_pointer (&columns);
}

char *
alcove_practice_guard_text (const char *text)
{
  if (strchr ("=+-@\t\r'", text[0]) != NULL && text[0] != '\0')
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

const char *
alcove_practice_unguard_text (const char *text)
{
  return text[0] == '\'' ? text + 1 : text;
}

char *
alcove_practice_cell_text (sqlite3_stmt *stmt,
                           int           column,
                           gboolean      user_column,
                           GHashTable   *usernames)
{
  const char *text;
  const char *username;

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      return g_strdup ("");
    case SQLITE_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
    case SQLITE_FLOAT:
      return g_strdup_printf ("%.17g", sqlite3_column_double (stmt, column));
    case SQLITE_BLOB:
      return NULL;
    default:
      text = alcove_database_column_text (stmt, column);
      username = user_column ? g_hash_table_lookup (usernames, text) : NULL;
      return g_strdup (username ? username : text);
    }
}

GBytes *
alcove_practice_schema_bytes (void)
{
  GBytes *bytes = g_resource_lookup_data (alcove_practice_schema_get_resource (),
                                          SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (bytes != NULL);
  return bytes;
}

char *
alcove_practice_sha256_hex (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* ---- CSV ---- */

static void
append_field (GString    *csv,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (csv, text);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

/* One CSV being built: a table's columns (BLOBs left out) and its text */
typedef struct
{
  const AlcovePracticeTable *table;
  GPtrArray *columns;     /* AlcovePracticeColumn: those in the CSV */
  GString   *csv;
  guint      rows;
} TableCsv;

static void
table_csv_free (gpointer data)
{
  TableCsv *table = data;

  g_clear_pointer (&table->columns, g_ptr_array_unref);
  if (table->csv != NULL)
    g_string_free (table->csv, TRUE);
  g_free (table);
}

static TableCsv *
table_csv_new (const AlcovePracticeTable *table,
               GPtrArray                 *columns)
{
  TableCsv *csv = g_new0 (TableCsv, 1);
  gboolean first = TRUE;

  csv->table = table;
  csv->columns = g_ptr_array_ref (columns);
  csv->csv = g_string_new (NULL);
  if (table->in_store)
    {
      g_string_append (csv->csv, ALCOVE_PRACTICE_STORE_COLUMN);
      first = FALSE;
    }
  for (guint i = 0; i < columns->len; i++)
    {
      AlcovePracticeColumn *column = g_ptr_array_index (columns, i);

      if (!first)
        g_string_append_c (csv->csv, ',');
      append_field (csv->csv, column->name);
      first = FALSE;
    }
  g_string_append (csv->csv, "\r\n");
  return csv;
}

/* The columns a CSV holds: all but BLOBs, whose bytes go to documents/ */
static GPtrArray *
csv_columns (AlcoveDatabase  *database,
             const char      *schema,
             const char      *table,
             GError         **error)
{
  g_autoptr(GPtrArray) all = alcove_practice_table_columns (database, schema, table, error);
  GPtrArray *columns;

  if (all == NULL)
    return NULL;
  columns = g_ptr_array_new_with_free_func (alcove_practice_column_free);
  for (guint i = 0; i < all->len; i++)
    {
      AlcovePracticeColumn *column = g_ptr_array_index (all, i);

      if (!g_str_equal (column->type, "BLOB"))
        g_ptr_array_add (columns, g_steal_pointer (&all->pdata[i]));
    }
  return columns;
}

/* ---- what goes in ---- */

typedef struct
{
  AlcoveVault  *vault;       /* read on its own thread only, by prepare_export() */
  AlcoveDatabase *database;  /* the connection the tables are read through */
  GHashTable   *usernames;   /* user uuid → username */
  GPtrArray    *tables;      /* TableCsv, in alcove_practice_tables order */
  GPtrArray    *documents;   /* char * ids, then GBytes */
  GPtrArray    *document_bytes;
  GPtrArray    *stores;      /* char * store ids ("notes:<uuid>") this session opened */
  GPtrArray    *left_out;    /* char * usernames */
  GCancellable *cancellable;
} Export;

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->usernames, g_hash_table_unref);
  g_clear_pointer (&export->tables, g_ptr_array_unref);
  g_clear_pointer (&export->documents, g_ptr_array_unref);
  g_clear_pointer (&export->document_bytes, g_ptr_array_unref);
  g_clear_pointer (&export->stores, g_ptr_array_unref);
  g_clear_pointer (&export->left_out, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static void
find_stores (Export *export)
{
  AlcoveHeader *header = export->vault->header;

  for (guint i = 0; i < header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (header->databases, i);
      const char *username;

      if (!g_str_has_prefix (entry->id, "notes:"))
        continue;
      if (g_hash_table_contains (export->vault->database_keys, entry->id))
        {
          g_ptr_array_add (export->stores, g_strdup (entry->id));
          continue;
        }
      username = g_hash_table_lookup (export->usernames, entry->id + strlen ("notes:"));
      if (username != NULL)
        g_ptr_array_add (export->left_out, g_strdup (username));
    }
  g_ptr_array_sort (export->stores, alcove_text_compare_in_array);
  g_ptr_array_sort (export->left_out, alcove_text_compare_in_array);
}

static gboolean
dump_rows (Export      *export,
           TableCsv    *csv,
           const char  *schema,
           const char  *store_username,
           GError     **error)
{
  AlcoveDatabase *database = export->database;
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  gboolean documents = g_str_equal (csv->table->name, "documents");
  int id_column = 0;
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < csv->columns->len; i++)
    {
      AlcovePracticeColumn *column = g_ptr_array_index (csv->columns, i);

      g_string_append_printf (sql, "%s\"%s\"", i > 0 ? ", " : "", column->name);
      if (g_str_equal (column->name, "id"))
        id_column = i;
    }
  if (documents)
    g_string_append (sql, ", contents");
  /* rowid order where there is one keeps members and audit rows in the order written */
  g_string_append_printf (sql, " FROM %s.%s", schema, csv->table->name);
  stmt = alcove_database_prepare (database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean first = TRUE;

      if (store_username != NULL)
        {
          append_field (csv->csv, store_username);
          first = FALSE;
        }
      for (guint i = 0; i < csv->columns->len; i++)
        {
          AlcovePracticeColumn *column = g_ptr_array_index (csv->columns, i);
          gboolean user = alcove_practice_column_in (alcove_practice_user_columns,
                                                     csv->table->name, column->name);
          g_autofree char *text = alcove_practice_cell_text (stmt, i, user, export->usernames);
          g_autofree char *guarded = NULL;

          if (!first)
            g_string_append_c (csv->csv, ',');
          first = FALSE;
          if (text == NULL)
            continue;
          guarded = sqlite3_column_type (stmt, i) == SQLITE_TEXT
                      ? alcove_practice_guard_text (text) : g_strdup (text);
          /* what the import takes back: refused here, not found out there; the audit log
           * is never read back */
          if (csv->table->reimported && strlen (guarded) >= ALCOVE_PRACTICE_MAX_CELL)
            {
              sqlite3_reset (stmt);
              return alcove_error_failf (error, ALCOVE_VAULT_ERROR_FAILED,
                                         _("A value in %s.%s is longer than an export can carry "
                                           "(%u bytes); nothing was written"),
                                         csv->table->name, column->name,
                                         (guint) ALCOVE_PRACTICE_MAX_CELL);
            }
          append_field (csv->csv, guarded);
        }
      g_string_append (csv->csv, "\r\n");
      csv->rows++;
      if (documents)
        {
          g_ptr_array_add (export->documents,
                           g_strdup (alcove_database_column_text (stmt, id_column)));
          g_ptr_array_add (export->document_bytes,
                           g_bytes_new (sqlite3_column_blob (stmt, csv->columns->len),
                                        sqlite3_column_bytes (stmt, csv->columns->len)));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (database, schema, rc, error);
  if (csv->table->reimported &&
      (csv->rows > ALCOVE_PRACTICE_MAX_ROWS || csv->csv->len > ALCOVE_PRACTICE_MAX_ENTRY))
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_FAILED,
                               _("The table %s is larger than an export can carry (%u rows, "
                                 "%u MB); nothing was written"), csv->table->name,
                               (guint) ALCOVE_PRACTICE_MAX_ROWS,
                               (guint) (ALCOVE_PRACTICE_MAX_ENTRY / (1024 * 1024)));
  return TRUE;
}

static gboolean
dump_table (Export                    *export,
            const AlcovePracticeTable *table,
            GError                   **error)
{
  AlcoveDatabase *database = export->database;
  g_autoptr(GPtrArray) columns = NULL;
  TableCsv *csv;

  if (!table->in_store)
    {
      columns = csv_columns (database, "main", table->name, error);
      if (columns == NULL)
        return FALSE;
      csv = table_csv_new (table, columns);
      g_ptr_array_add (export->tables, csv);
      return dump_rows (export, csv, "main", NULL, error);
    }

  /* every notes store has the same tables (they are migrated at unlock); a practice with
   * no store open still gets the file, with its header, from the owner's own store's
   * layout when there is one */
  for (guint i = 0; i < export->stores->len; i++)
    {
      const char *store_id = g_ptr_array_index (export->stores, i);
      g_autofree char *schema = alcove_vault_schema_for (store_id);
      const char *username = g_hash_table_lookup (export->usernames,
                                                  store_id + strlen ("notes:"));

      if (columns == NULL)
        {
          columns = csv_columns (database, schema, table->name, error);
          if (columns == NULL)
            return FALSE;
          csv = table_csv_new (table, columns);
          g_ptr_array_add (export->tables, csv);
        }
      if (!dump_rows (export, csv, schema, username ? username : "", error))
        return FALSE;
    }
  return TRUE;
}

/* What is read of the vault itself, on the thread that owns it: who is who, and which
 * notes stores this session opened */
static void
prepare_export (Export *export)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (export->vault);

  export->usernames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      g_hash_table_insert (export->usernames, g_strdup (alcove_user_get_uuid (user)),
                           g_strdup (alcove_user_get_username (user)));
    }
  export->tables = g_ptr_array_new_with_free_func (table_csv_free);
  export->documents = g_ptr_array_new_with_free_func (g_free);
  export->document_bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  export->stores = g_ptr_array_new_with_free_func (g_free);
  export->left_out = g_ptr_array_new_with_free_func (g_free);
  find_stores (export);
}

/* The tables, read through export->database, which may be a worker's connection */
static gboolean
read_tables (Export                       *export,
             AlcovePracticeArchiveReport  *report,
             GError                      **error)
{
  AlcoveDatabase *database = export->database;
  gboolean ok = TRUE;

  /* one read transaction: the files agree with each other */
  if (!alcove_database_begin (database, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (alcove_practice_tables) && ok; i++)
    ok = !g_cancellable_set_error_if_cancelled (export->cancellable, error) &&
         dump_table (export, &alcove_practice_tables[i], error);
  alcove_database_rollback (database);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < export->tables->len; i++)
    {
      TableCsv *csv = g_ptr_array_index (export->tables, i);
      const char *name = csv->table->name;

      if (g_str_equal (name, "clients"))
        report->clients = csv->rows;
      else if (g_str_equal (name, "sessions"))
        report->sessions = csv->rows;
      else if (g_str_equal (name, "notes"))
        report->notes = csv->rows;
      else if (g_str_equal (name, "addenda"))
        report->addenda = csv->rows;
      else if (g_str_equal (name, "consents"))
        report->consents = csv->rows;
      else if (g_str_equal (name, "disclosures"))
        report->disclosures = csv->rows;
      else if (g_str_equal (name, "plans"))
        report->plans = csv->rows;
      else if (g_str_equal (name, "measure_administrations"))
        report->measures = csv->rows;
      else if (g_str_equal (name, "documents"))
        report->documents = csv->rows;
    }
  report->tables = export->tables->len;
  g_clear_pointer (&report->stores_left_out, g_strfreev);
  if (export->left_out->len > 0)
    {
      g_ptr_array_add (export->left_out, NULL);
      report->stores_left_out = g_strdupv ((char **) export->left_out->pdata);
      g_ptr_array_remove_index (export->left_out, export->left_out->len - 1);
    }
  return TRUE;
}

GHashTable *
alcove_practice_collect_tables (AlcoveVault                 *vault,
                                AlcovePracticeArchiveReport *report,
                                GError                     **error)
{
  g_auto(Export) export = { .vault = vault };
  GHashTable *files;

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  export.database = alcove_vault_get_database (vault);
  prepare_export (&export);
  if (!read_tables (&export, report, error))
    return NULL;
  files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < export.tables->len; i++)
    {
      TableCsv *csv = g_ptr_array_index (export.tables, i);

      g_hash_table_insert (files, g_strdup_printf ("tables/%s.csv", csv->table->name),
                           g_bytes_new (csv->csv->str, csv->csv->len));
    }
  return files;
}

/* ---- the archive's own files ---- */

static GBytes *
build_readme (Export                      *export,
              AlcovePracticeArchiveReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("Alcove practice export (format %s, version %d)\n\n"),
                          ALCOVE_PRACTICE_ARCHIVE_FORMAT, ALCOVE_PRACTICE_ARCHIVE_VERSION);
  g_string_append (text, _("This archive holds the whole clinical record of a practice, for "
                           "leaving Alcove or for moving it into a new Alcove vault.\n\n"
                           "WARNING: everything in it is plaintext protected health "
                           "information. Keep it only on encrypted storage, never send it "
                           "unencrypted, and delete it as soon as it has been imported or "
                           "handed over.\n\n"));
  g_string_append (text, _("Files:\n"
                           "  README.txt        this text\n"
                           "  schema.json       every table and column, described\n"
                           "  manifest.json     each file's SHA-256 and size, and the counts\n"
                           "  tables/*.csv      one file per table: RFC 4180, UTF-8, CRLF "
                           "line ends, a header row of column names; an empty cell is an "
                           "empty or missing value; a text that starts with = + - @ a tab, a "
                           "carriage return or an apostrophe has one apostrophe added in "
                           "front, so spreadsheets do not run it as a formula; remove exactly "
                           "that one apostrophe to read the value\n"
                           "  documents/<id>    each stored document, named by its id in "
                           "tables/documents.csv\n\n"));
  g_string_append_printf (text, _("Tables (%u):\n"), export->tables->len);
  for (guint i = 0; i < export->tables->len; i++)
    {
      TableCsv *csv = g_ptr_array_index (export->tables, i);

      g_string_append_printf (text, "  tables/%s.csv (%u)%s\n", csv->table->name, csv->rows,
                              csv->table->reimported ? "" : _(" — for information; not "
                                                              "imported again"));
    }
  g_string_append (text, _("\nNot included: psychotherapy notes (kept apart from the record; "
                           "only their author can export them), search indexes, unfinished "
                           "drafts, the vault's settings and keys.\n"));
  if (report->stores_left_out != NULL)
    {
      g_autofree char *names = g_strjoinv (", ", report->stores_left_out);

      g_string_append_printf (text, _("\nThe progress notes, plans and measures of these "
                                      "clinicians are not included, because only they (or "
                                      "their supervisor) can open them: %s. To include them, "
                                      "export again after opening Alcove with the practice's "
                                      "recovery key, which opens every clinician's notes.\n"),
                              names);
    }
  g_string_append (text, _("\nTo import it into a new Alcove vault with the same usernames, "
                           "an owner runs:\n\n  alcovectl import-practice FILE.zip\n\nthen "
                           "each clinician signs in and imports the same file to add their "
                           "own notes. Signed notes, addenda and treatment plans are signed "
                           "again by their author at import: their times are kept, their "
                           "hashes and signatures are new. Co-signatures, returns and the "
                           "audit log are included for information and are not imported.\n"));
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

typedef struct
{
  char   *name;
  GBytes *bytes;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
  g_bytes_unref (entry->bytes);
  g_free (entry);
}

static void
add_entry (GPtrArray  *entries,
           char       *name,
           GBytes     *bytes)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->name = name;
  entry->bytes = bytes;
  g_ptr_array_add (entries, entry);
}

static void
add_count (JsonBuilder *builder,
           const char  *name,
           guint        count)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, count);
}

static GBytes *
build_manifest (GPtrArray                   *entries,
                AlcovePracticeArchiveReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, ALCOVE_PRACTICE_ARCHIVE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ALCOVE_PRACTICE_ARCHIVE_VERSION);
  json_builder_set_member_name (builder, "exported_at");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "alcove_version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autofree char *sha256 = alcove_practice_sha256_hex (entry->bytes);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, entry->name);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, g_bytes_get_size (entry->bytes));
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, sha256);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  add_count (builder, "clients", report->clients);
  add_count (builder, "sessions", report->sessions);
  add_count (builder, "notes", report->notes);
  add_count (builder, "addenda", report->addenda);
  add_count (builder, "consents", report->consents);
  add_count (builder, "disclosures", report->disclosures);
  add_count (builder, "plans", report->plans);
  add_count (builder, "measures", report->measures);
  add_count (builder, "documents", report->documents);
  add_count (builder, "tables", report->tables);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_bytes_new_take (text, strlen (text));
}

static GPtrArray *
build_entries (Export                      *export,
               AlcovePracticeArchiveReport *report)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (entry_free);

  add_entry (entries, g_strdup ("README.txt"), build_readme (export, report));
  add_entry (entries, g_strdup ("schema.json"), alcove_practice_schema_bytes ());
  for (guint i = 0; i < export->tables->len; i++)
    {
      TableCsv *csv = g_ptr_array_index (export->tables, i);

      /* handed over, not copied: the text of a large practice is held once */
      add_entry (entries, g_strdup_printf ("tables/%s.csv", csv->table->name),
                 g_string_free_to_bytes (g_steal_pointer (&csv->csv)));
    }
  for (guint i = 0; i < export->documents->len; i++)
    add_entry (entries,
               g_strdup_printf ("documents/%s", (char *) g_ptr_array_index (export->documents, i)),
               g_bytes_ref (g_ptr_array_index (export->document_bytes, i)));
  /* the manifest describes every other entry, so it comes last */
  add_entry (entries, g_strdup ("manifest.json"), build_manifest (entries, report));
  return entries;
}

/* ---- writing the ZIP ---- */

static gboolean
archive_failed (struct archive  *archive,
                const char      *path,
                GError         **error)
{
  g_autofree char *display = g_filename_display_name (path);

  return alcove_error_failf (error, ALCOVE_VAULT_ERROR_IO, _("Could not write %s: %s"),
                             display, archive_error_string (archive)
                                        ? archive_error_string (archive) : g_strerror (EIO));
}

static gboolean
write_zip (int            fd,
           const char    *path,
           GPtrArray     *entries,
           GCancellable  *cancellable,
           GError       **error)
{
  struct archive *archive = archive_write_new ();
  time_t now = time (NULL);
  gboolean ok = archive_write_set_format_zip (archive) == ARCHIVE_OK &&
                archive_write_zip_set_compression_deflate (archive) == ARCHIVE_OK &&
                archive_write_open_fd (archive, fd) == ARCHIVE_OK;

  if (!ok)
    archive_failed (archive, path, error);
  for (guint i = 0; i < entries->len && ok; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      struct archive_entry *header = archive_entry_new ();
      gsize size;
      gconstpointer data = g_bytes_get_data (entry->bytes, &size);

      archive_entry_set_pathname (header, entry->name);
      archive_entry_set_size (header, (la_int64_t) size);
      archive_entry_set_filetype (header, AE_IFREG);
      archive_entry_set_perm (header, 0600);
      archive_entry_set_mtime (header, now, 0);
      ok = archive_write_header (archive, header) == ARCHIVE_OK &&
           (size == 0 || archive_write_data (archive, data, size) == (la_ssize_t) size);
      archive_entry_free (header);
      if (!ok)
        archive_failed (archive, path, error);
      else if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }
  if (ok && archive_write_close (archive) != ARCHIVE_OK)
    ok = archive_failed (archive, path, error);
  archive_write_free (archive);
  return ok;
}

/* Whether `path` is the vault folder or inside it, symbolic links followed */
static gboolean
inside_vault (AlcoveVault *vault,
              const char  *path)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *real_parent = realpath (parent, NULL);
  g_autofree char *real_vault = realpath (alcove_vault_get_path (vault), NULL);
  g_autofree char *prefix = NULL;

  if (real_parent == NULL || real_vault == NULL)
    return FALSE;
  prefix = g_strconcat (real_vault, G_DIR_SEPARATOR_S, NULL);
  return g_str_equal (real_parent, real_vault) || g_str_has_prefix (real_parent, prefix);
}

/* Written under a temporary name beside the destination, mode 0600 from the start, made
 * durable, then renamed: a failure or a cancel leaves nothing behind */
static gboolean
write_file (const char    *path,
            GPtrArray     *entries,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  g_autofree char *display = g_filename_display_name (path);
  int fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_IO, _("Could not write %s: %s"),
                               display, g_strerror (errno));
  ok = write_zip (fd, path, entries, cancellable, error);
  if (ok && (fchmod (fd, 0600) != 0 || fsync (fd) != 0))
    ok = alcove_error_failf (error, ALCOVE_VAULT_ERROR_IO, _("Could not write %s: %s"),
                             display, g_strerror (errno));
  if (close (fd) != 0 && ok)
    ok = alcove_error_failf (error, ALCOVE_VAULT_ERROR_IO, _("Could not write %s: %s"),
                             display, g_strerror (errno));
  if (ok && g_rename (template, path) != 0)
    ok = alcove_error_failf (error, ALCOVE_VAULT_ERROR_IO, _("Could not write %s: %s"),
                             display, g_strerror (errno));
  if (!ok)
    g_unlink (template);
  return ok;
}

void
alcove_practice_audit (AlcoveVault                       *vault,
                       const char                        *action,
                       const AlcovePracticeArchiveReport *report)
{
  g_autofree char *clients = g_strdup_printf ("%u", report->clients);
  g_autofree char *sessions = g_strdup_printf ("%u", report->sessions);
  g_autofree char *notes = g_strdup_printf ("%u", report->notes);
  g_autofree char *plans = g_strdup_printf ("%u", report->plans);
  g_autofree char *documents = g_strdup_printf ("%u", report->documents);
  g_autofree char *left_out = g_strdup_printf ("%u", report->stores_left_out
                                                     ? g_strv_length (report->stores_left_out)
                                                     : 0);
  g_autofree char *details = alcove_audit_details ("clients", clients, "sessions", sessions,
                                                   "notes", notes, "plans", plans,
                                                   "documents", documents, "stores_left_out",
                                                   left_out, NULL);

  alcove_vault_audit (vault, action, NULL, details);
}

gboolean
alcove_practice_archive_can_export (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  return alcove_policy_allows (vault, ALCOVE_CAPABILITY_EXPORT_PRACTICE);
}

/* The checks made before anything is read; the destination's path */
static char *
check_export (AlcoveVault  *vault,
              GFile        *destination,
              GError      **error)
{
  g_autofree char *path = NULL;

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  if (!alcove_practice_archive_can_export (vault))
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                         _("Only an owner of the practice, or the recovery key, can export "
                           "the whole practice"));
      return NULL;
    }
  path = g_file_get_path (destination);
  if (path == NULL)
    {
      alcove_error_invalid (error, _("Choose a file on this computer for the export"));
      return NULL;
    }
  if (inside_vault (vault, path))
    {
      alcove_error_invalid (error, _("Choose a folder outside the vault for the export: "
                                     "it holds plaintext"));
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* Reading, building and writing: everything after the checks but the audit row */
static gboolean
export_to (Export                       *export,
           const char                   *path,
           AlcovePracticeArchiveReport  *report,
           GError                      **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  if (!read_tables (export, report, error))
    return FALSE;
  entries = build_entries (export, report);
  return write_file (path, entries, export->cancellable, error);
}

gboolean
alcove_practice_export (AlcoveVault                  *vault,
                        GFile                        *destination,
                        AlcovePracticeArchiveReport  *report,
                        GCancellable                 *cancellable,
                        GError                      **error)
{
  g_auto(Export) export = { .vault = vault, .cancellable = cancellable };
  g_autofree char *path = NULL;
  AlcovePracticeArchiveReport local = { 0 };

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (report == NULL)
    report = &local;
  path = check_export (vault, destination, error);
  if (path == NULL)
    return FALSE;
  export.database = alcove_vault_get_database (vault);
  prepare_export (&export);
  if (!export_to (&export, path, report, error))
    {
      alcove_practice_archive_report_clear (&local);
      return FALSE;
    }
  alcove_practice_audit (vault, ALCOVE_AUDIT_PRACTICE_EXPORT, report);
  alcove_practice_archive_report_clear (&local);
  return TRUE;
}

/* ---- on the session's worker ---- */

typedef struct
{
  Export                       export;
  AlcoveVault                 *vault;
  char                        *path;
  AlcovePracticeArchiveReport  report;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  export_clear (&job->export);
  g_clear_object (&job->vault);
  g_free (job->path);
  alcove_practice_archive_report_clear (&job->report);
  g_free (job);
}

static void
export_job (GTask          *task,
            AlcoveDatabase *connection,
            gpointer        task_data,
            GCancellable   *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  job->export.database = connection;
  job->export.cancellable = cancellable;
  if (export_to (&job->export, job->path, &job->report, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
alcove_practice_export_async (AlcoveVault         *vault,
                              GFile               *destination,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ExportJob *job;

  g_return_if_fail (ALCOVE_IS_VAULT (vault));
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_practice_export_async);
  /* a file written before the cancel came is reported as written, never as cancelled */
  g_task_set_check_cancellable (task, FALSE);
  job = g_new0 (ExportJob, 1);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  job->path = check_export (vault, destination, &error);
  if (job->path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->vault = g_object_ref (vault);
  job->export.vault = vault;
  prepare_export (&job->export);
  /* from here the job reads only through its connection, never the vault object */
  job->export.vault = NULL;
  alcove_worker_run (alcove_vault_get_worker (vault), task, ALCOVE_WORKER_CONNECTION, export_job);
}

gboolean
alcove_practice_export_finish (AlcoveVault                  *vault,
                               GAsyncResult                 *result,
                               AlcovePracticeArchiveReport  *report,
                               GError                      **error)
{
  ExportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, vault), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  alcove_practice_audit (vault, ALCOVE_AUDIT_PRACTICE_EXPORT, &job->report);
  if (report != NULL)
    {
      *report = job->report;
      memset (&job->report, 0, sizeof job->report);
    }
  return TRUE;
}
