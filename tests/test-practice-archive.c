/* test-practice-archive.c — the whole practice as a ZIP of CSV files, and back into a new
 * vault without loss
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-practice-archive"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/stat.h>

#include "alcove-audit-actions.h"
#include "alcove-client-documents.h"
#include "alcove-consent-store.h"
#include "alcove-csv.h"
#include "alcove-disclosure-store.h"
#include "alcove-disclosure-rules.h"
#include "alcove-format-store.h"
#include "alcove-interchange.h"
#include "alcove-plan-store.h"
#include "alcove-practice-archive-private.h"
#include "alcove-test-utils.h"
#include "alcove-text.h"

#define FORMULA_NAME "=HYPERLINK(\"http://example.com\")"

/* Clients of every kind: one whose name a spreadsheet would run, one with a comma, quotes
 * and a line break, a minor, and a couple whose session has both attending */
static const char practice_json[] =
  "{\"format\": \"alcove-interchange\", \"version\": 2,"
  " \"clients\": ["
  "  {\"id\": \"c-a\", \"preferred_name\": \"=HYPERLINK(\\\"http://example.com\\\")\","
  "   \"legal_name\": \"\", \"date_of_birth\": \"1980-01-01\"},"
  "  {\"id\": \"c-b\", \"preferred_name\": \"Lee, \\\"Sam\\\"\\nSecond line\", \"legal_name\": \"\","
  "   \"date_of_birth\": \"\"},"
  "  {\"id\": \"c-m\", \"preferred_name\": \"Minor\", \"legal_name\": \"\","
  "   \"date_of_birth\": \"2015-06-01\"},"
  "  {\"id\": \"c-c\", \"preferred_name\": \"Couple\", \"legal_name\": \"\", \"date_of_birth\": \"\","
  "   \"record_type\": \"couple\", \"members\": [\"c-a\", \"c-b\"]}],"
  " \"sessions\": ["
  "  {\"id\": \"s-1\", \"client\": \"c-c\", \"clinician\": \"dana\", \"date\": \"2024-05-01\","
  "   \"status\": \"attended\", \"attendees\": [\"c-a\", \"c-b\"]}],"
  " \"notes\": ["
  "  {\"client\": \"c-c\", \"author\": \"dana\", \"session\": \"s-1\", \"format\": \"dap\","
  "   \"session_date\": \"2024-05-01\", \"status\": \"signed\","
  "   \"sections\": {\"data\": \"-joint\", \"assessment\": \"A\", \"plan\": \"P\"},"
  "   \"addenda\": [{\"text\": \"+later\", \"created_at\": \"2024-05-02T09:00:00Z\"}]}]}";

typedef struct
{
  char *dir;          /* the first vault */
  char *fresh;        /* the vault it moves to */
  char *out;          /* a folder outside both */
  char *zip;
  char *recovery;     /* the first vault's recovery code */
} Fixture;

static void
fixture_clear (Fixture *f)
{
  g_free (f->dir);
  g_free (f->fresh);
  g_free (f->out);
  g_free (f->zip);
  g_free (f->recovery);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static const char *
password_of (const char *username)
{
  return g_str_equal (username, "dana") ? TEST_PASSWORD : TEST_OTHER_PASSWORD;
}

static AlcoveVault *
unlock (const char *dir,
        const char *username)
{
  return alcove_test_unlocked_vault (dir, username, password_of (username));
}

/* dana (owner), sam (clinician) and bo (billing); the recovery code if asked */
static void
make_people (const char  *dir,
             char       **recovery)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, recovery);
  g_autoptr(AlcoveVault) owner = unlock (dir, "dana");
  g_autoptr(AlcoveVault) sam = NULL;

  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (owner, "bo", "Bo Berg", ALCOVE_ROLE_BILLING);
  alcove_vault_lock (owner);
  sam = unlock (dir, "sam");
  alcove_vault_lock (sam);
}

static void
interchange (AlcoveNoteStore *notes,
             const char      *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  AlcoveImportReport report = { 0 };

  g_assert_true (alcove_interchange_import (notes, bytes, &report, &error));
  g_assert_no_error (error);
  alcove_import_report_clear (&report);
}


/* Consents (one revoked) and a disclosure of a document for an adult, a guardian for the
 * minor */
static void
add_consents (AlcoveVault       *vault,
              AlcoveClientStore *clients)
{
  g_autoptr(AlcoveClient) minor = alcove_test_find_client (clients, "Minor");
  g_autoptr(AlcoveClient) adult = alcove_test_find_client (clients, "Robin");
  g_autofree char *adult_id = g_strdup (alcove_client_get_id (adult));
  g_autoptr(AlcoveConsentStore) consents = alcove_consent_store_new (vault, NULL);
  g_autoptr(AlcoveDisclosureStore) disclosures = alcove_disclosure_store_new (vault, NULL);
  g_autoptr(AlcoveConsent) kept = NULL;
  g_autoptr(AlcoveConsent) revoked = NULL;
  g_autoptr(AlcoveDisclosure) disclosure = NULL;
  g_autoptr(GError) error = NULL;
  const char *categories[] = { "attendance", NULL };
  g_autoptr(GDate) day = g_date_new_dmy (4, 3, 2025);
  AlcoveDisclosureRequest request = { 0 };

  alcove_client_add_guardian (minor, "Pat Minor", "mother", "everything");
  g_assert_true (alcove_client_store_save (clients, minor, &error));
  g_assert_no_error (error);
  kept = alcove_test_add_release (vault, adult_id, "Harbor Clinic",
                                  "attendance", "legal", "2025-01-02", "2030-01-01");
  revoked = alcove_test_add_release (vault, adult_id, "Old Clinic",
                                     "attendance", "legal", "2024-01-02", "2030-01-01");
  g_assert_true (alcove_consent_store_revoke (consents, revoked, "2025-02-01", "in writing",
                                              &error));
  g_assert_no_error (error);
  request = (AlcoveDisclosureRequest) {
      .client_id = adult_id, .recipient = "Harbor Clinic",
    .recipient_kind = "health-care-provider", .attested = TRUE, .categories = categories,
    .purpose = "legal", .basis = ALCOVE_BASIS_TREATMENT, .justification = "",
    .document_id = alcove_consent_get_field (kept, ALCOVE_CONSENT_DOCUMENT_ID), .day = day };
  disclosure = alcove_disclosure_store_share (disclosures, &request, "2 Pier Road",
                                              "Attendance this year", &error);
  g_assert_no_error (error);
  g_assert_nonnull (disclosure);
}

static const AlcoveFormatSection couples_v1[] = {
  { NULL, (char *) "Presenting Concerns", (char *) "What each partner brings", TRUE, FALSE },
  { NULL, (char *) "Plan", NULL, TRUE, TRUE },
};

static const AlcoveFormatSection couples_v2[] = {
  { NULL, (char *) "Presenting Concerns", (char *) "What each partner brings", TRUE, FALSE },
  { NULL, (char *) "Cycle Map", NULL, FALSE, FALSE },
  { NULL, (char *) "Plan", NULL, TRUE, TRUE },
};

/* The practice's own format, changed once, and a signed note in its newer version */
static void
add_own_format (AlcoveVault       *vault,
                AlcoveNoteStore   *notes,
                AlcoveClientStore *clients)
{
  g_autoptr(AlcoveFormatStore) formats = alcove_format_store_new (vault);
  g_autoptr(AlcoveClient) adult = alcove_test_find_client (clients, "Robin");
  g_autoptr(GError) error = NULL;
  g_autofree char *note_id = NULL;
  AlcoveNoteFormat *format;

  format = alcove_format_store_save (formats, NULL, "Couples Session", "Both partners",
                                     couples_v1, G_N_ELEMENTS (couples_v1), &error);
  g_assert_no_error (error);
  format = alcove_format_store_save (formats, alcove_note_format_get_base_id (format),
                                     "Couples Session", "Both partners", couples_v2,
                                     G_N_ELEMENTS (couples_v2), &error);
  g_assert_no_error (error);
  note_id = alcove_test_write_note (notes, alcove_client_get_id (adult),
                                    alcove_note_format_get_id (format), "in our own format",
                                    TRUE);
}

/* The practice's own format came across, signed by the owner who imported it, and the note
 * written in it reads as it did */
static void
assert_own_format (const char *dir)
{
  g_autoptr(AlcoveVault) vault = unlock (dir, "dana");
  g_autoptr(AlcoveFormatStore) formats = alcove_format_store_new (vault);
  g_auto(GStrv) rejected = alcove_format_store_dup_rejected (formats);
  AlcoveNoteFormat *format = alcove_note_format_lookup ("practice-couples-session");

  g_assert_null (rejected);
  g_assert_nonnull (format);
  g_assert_cmpuint (alcove_note_format_get_version (format), ==, 2);
  g_assert_nonnull (alcove_note_format_find_section (format, "cycle_map"));
  g_assert_nonnull (alcove_note_format_lookup ("practice-couples-session@1"));
  alcove_vault_lock (vault);
}

/* A PNG's first bytes: an old intake form, scanned, attached to the client's record */
static const guint8 scanned_form[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                       0, 0, 0, 13, 'I', 'H', 'D', 'R' };

static void
attach_scanned_form (AlcoveVault *vault,
                     const char  *client_id)
{
  g_autoptr(GBytes) contents = g_bytes_new_static (scanned_form, sizeof scanned_form);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = alcove_client_documents_attach (vault, client_id, contents,
                                                        "old-intake.png", "Intake, first clinic",
                                                        ALCOVE_DOCUMENT_FORM, "2019-04-03",
                                                        &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

/* The practice: dana's records (the interchange fixtures: sessions, diagnoses, signed and
 * draft notes, addenda, plans, measures, events), consents, a disclosure and documents,
 * and sam's notes and a scanned form he attached */
static void
build_practice (const char  *dir,
                char       **recovery)
{
  g_autoptr(AlcoveVault) vault = NULL;
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autofree char *v2 = alcove_test_read_fixture ("interchange-v2.json");
  g_autofree char *signed_id = NULL;
  g_autofree char *draft_id = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveClient) minor = NULL;
  const char *client_id;

  make_people (dir, recovery);
  vault = unlock (dir, "dana");
  alcove_test_open_stores (vault, &clients, &notes);
  interchange (notes, v2);
  interchange (notes, practice_json);
  add_consents (vault, clients);
  add_own_format (vault, notes, clients);
  alcove_test_close_stores (&vault, &clients, &notes);

  vault = unlock (dir, "sam");
  alcove_test_open_stores (vault, &clients, &notes);
  minor = alcove_test_find_client (clients, "Minor");
  client_id = alcove_client_get_id (minor);
  signed_id = alcove_test_write_note (notes, client_id, "soap", "@sam's words", TRUE);
  draft_id = alcove_test_write_note (notes, client_id, "birp", "unfinished", FALSE);
  note = alcove_note_store_open (notes, signed_id, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_note_store_add_addendum (notes, note, "Sam's addendum", &error));
  g_assert_no_error (error);
  attach_scanned_form (vault, client_id);
  alcove_test_close_stores (&vault, &clients, &notes);
}

static void
fixture_init (Fixture *f)
{
  f->dir = alcove_test_vault_dir ();
  f->fresh = g_strconcat (f->dir, "-fresh", NULL);
  f->out = g_strconcat (f->dir, "-out", NULL);
  f->zip = g_build_filename (f->out, "practice.zip", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->out, 0700), ==, 0);
  build_practice (f->dir, &f->recovery);
}

/* As `username`, or with `recovery` (a recovery code) when given */
static gboolean
export_with (const char                  *dir,
             const char                  *username,
             const char                  *recovery,
             const char                  *path,
             AlcovePracticeArchiveReport *report,
             GError                     **error)
{
  g_autoptr(AlcoveVault) vault = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gboolean ok;

  if (recovery != NULL)
    {
      g_autoptr(AlcoveSecret) code = alcove_test_secret (recovery);
      g_autoptr(GError) local_error = NULL;

      vault = alcove_vault_new (dir);
      g_assert_true (alcove_vault_unlock_with_recovery_key (vault, code, &local_error));
      g_assert_no_error (local_error);
    }
  else
    vault = unlock (dir, username);
  ok = alcove_practice_export (vault, file, report, NULL, error);

  alcove_vault_lock (vault);
  return ok;
}

#define export_as(dir, username, path, report, error) \
  export_with (dir, username, NULL, path, report, error)

static gboolean
import_as (const char                  *dir,
           const char                  *username,
           const char                  *path,
           AlcovePracticeArchiveReport *report,
           GError                     **error)
{
  g_autoptr(AlcoveVault) vault = unlock (dir, username);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gboolean ok = alcove_practice_import (vault, file, report, NULL, error);

  alcove_vault_lock (vault);
  return ok;
}

/* The practice built, exported by its owner, and a new vault with the same people; the
 * owner imports into it when asked. Returns the clinicians the export left out. */
static GStrv
export_and_move (Fixture  *f,
                 gboolean  owner_imports)
{
  g_autoptr(GError) error = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  GStrv left_out;

  fixture_init (f);
  g_assert_true (export_as (f->dir, "dana", f->zip, &report, &error));
  g_assert_no_error (error);
  left_out = g_steal_pointer (&report.stores_left_out);
  alcove_practice_archive_report_clear (&report);
  make_people (f->fresh, NULL);
  if (owner_imports)
    {
      g_assert_true (import_as (f->fresh, "dana", f->zip, &report, &error));
      g_assert_no_error (error);
      alcove_practice_archive_report_clear (&report);
    }
  return left_out;
}

/* ---- reading an archive ---- */

static GHashTable *
read_zip (const char *path)
{
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_bytes_unref);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;

  archive_read_support_format_zip (archive);
  g_assert_cmpint (archive_read_open_filename (archive, path, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      guint8 buffer[65536];
      la_ssize_t n;

      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        g_byte_array_append (data, buffer, n);
      g_assert_cmpint (n, ==, 0);
      g_hash_table_insert (entries, g_strdup (archive_entry_pathname (entry)),
                           g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  archive_read_free (archive);
  return entries;
}

/* Writes `entries` as a ZIP, in `order` first (NULL-terminated), then the rest */
static void
write_zip (const char  *path,
           GHashTable  *entries,
           const char  *extra_name,
           GBytes      *extra)
{
  struct archive *archive = archive_write_new ();
  GHashTableIter iter;
  gpointer name, bytes;

  g_assert_cmpint (archive_write_set_format_zip (archive), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  g_hash_table_iter_init (&iter, entries);
  for (gboolean more = g_hash_table_iter_next (&iter, &name, &bytes); more || extra_name;
       more = more && g_hash_table_iter_next (&iter, &name, &bytes))
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize size;
      gconstpointer data;

      if (!more)
        {
          name = (gpointer) extra_name, bytes = extra;
          extra_name = NULL;
        }
      data = g_bytes_get_data (bytes, &size);
      archive_entry_set_pathname (entry, name);
      archive_entry_set_size (entry, size);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0600);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      if (size > 0)
        g_assert_cmpint (archive_write_data (archive, data, size), ==, size);
      archive_entry_free (entry);
      if (!more)
        break;
    }
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

static char *
text_of (GHashTable *entries,
         const char *name)
{
  GBytes *bytes = g_hash_table_lookup (entries, name);
  gsize size;
  const char *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

/* The rows of a table's CSV as lines, the columns import makes anew emptied, only those of
 * store `store` (NULL: all), sorted */
static GPtrArray *
comparable_rows (GBytes     *csv_bytes,
                 const char *table,
                 const char *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveCsv) csv = alcove_csv_parse (csv_bytes, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint row = 0; row < alcove_csv_get_n_rows (csv); row++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      if (store != NULL && !g_str_equal (alcove_csv_get_cell (csv, row, 0), store))
        continue;
      for (guint i = 0; i < alcove_csv_get_n_columns (csv); i++)
        {
          const char *column = alcove_csv_get_header (csv, i);

          g_string_append_printf (line, "%s=%s|", column,
                                  alcove_practice_column_in (alcove_practice_resigned_columns,
                                                             table, column)
                                    ? "" : alcove_csv_get_cell (csv, row, i));
        }
      g_ptr_array_add (rows, g_string_free (g_steal_pointer (&line), FALSE));
    }
  g_ptr_array_sort (rows, alcove_text_compare_in_array);
  return rows;
}

static void
assert_same_rows (GHashTable *before,
                  GHashTable *after,
                  const char *store,
                  gboolean    practice_tables)
{
  for (guint i = 0; i < G_N_ELEMENTS (alcove_practice_tables); i++)
    {
      const AlcovePracticeTable *table = &alcove_practice_tables[i];
      g_autofree char *name = g_strdup_printf ("tables/%s.csv", table->name);
      g_autoptr(GPtrArray) first = NULL;
      g_autoptr(GPtrArray) second = NULL;

      if (!table->reimported || table->in_store == practice_tables)
        continue;
      first = comparable_rows (g_hash_table_lookup (before, name), table->name,
                               table->in_store ? store : NULL);
      second = comparable_rows (g_hash_table_lookup (after, name), table->name,
                                table->in_store ? store : NULL);
      g_test_message ("%s: %u rows", name, first->len);
      for (guint k = 0; k < first->len && k < second->len; k++)
        if (g_strcmp0 (g_ptr_array_index (first, k), g_ptr_array_index (second, k)) != 0)
          g_test_message ("%s\n  before: %s\n  after:  %s", name,
                          (char *) g_ptr_array_index (first, k),
                          (char *) g_ptr_array_index (second, k));
      g_assert_cmpuint (first->len, ==, second->len);
      for (guint k = 0; k < first->len; k++)
        g_assert_cmpstr (g_ptr_array_index (first, k), ==, g_ptr_array_index (second, k));
    }
}

static GHashTable *
tables_as (const char *dir,
           const char *username)
{
  g_autoptr(AlcoveVault) vault = unlock (dir, username);
  g_autoptr(GError) error = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  GHashTable *tables = alcove_practice_collect_tables (vault, &report, &error);

  g_assert_no_error (error);
  alcove_practice_archive_report_clear (&report);
  alcove_vault_lock (vault);
  return tables;
}

/* ---- the tests ---- */

/* Every client, session, note, addendum, consent, disclosure, plan and measure comes back
 * equal, ids kept; only the hashes and signatures that cover the new vault's ids differ */
static void
test_round_trip (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GHashTable) before_dana = NULL;
  g_autoptr(GHashTable) before_sam = NULL;
  g_autoptr(GHashTable) after_dana = NULL;
  g_autoptr(GHashTable) after_sam = NULL;
  g_autofree char *clients_csv = NULL;
  g_autofree char *readme = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  GStatBuf st;

  fixture_init (&f);
  /* the recovery key opens every clinician's notes: the whole practice in one archive */
  g_assert_true (export_with (f.dir, NULL, f.recovery, f.zip, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.clients, ==, 6);
  g_assert_cmpuint (report.notes, >=, 5);
  g_assert_cmpuint (report.consents, ==, 2);
  g_assert_cmpuint (report.disclosures, ==, 1);
  g_assert_cmpuint (report.documents, ==, 3);
  g_assert_null (report.stores_left_out);
  alcove_practice_archive_report_clear (&report);

  /* 0600, and nothing else left in the folder */
  g_assert_cmpint (g_stat (f.zip, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autoptr(GDir) out = g_dir_open (f.out, 0, NULL);

    g_assert_cmpstr (g_dir_read_name (out), ==, "practice.zip");
    g_assert_null (g_dir_read_name (out));
  }

  entries = read_zip (f.zip);
  g_assert_true (g_hash_table_contains (entries, "README.txt"));
  g_assert_true (g_hash_table_contains (entries, "schema.json"));
  g_assert_true (g_hash_table_contains (entries, "manifest.json"));
  g_assert_true (g_hash_table_contains (entries, "tables/notes.csv"));
  g_assert_true (g_hash_table_contains (entries, "tables/audit_log.csv"));
  readme = text_of (entries, "README.txt");
  g_assert_nonnull (strstr (readme, "plaintext"));
  g_assert_nonnull (strstr (readme, "alcovectl import-practice"));
  /* the formula guard: the name a spreadsheet would run starts with an apostrophe */
  clients_csv = text_of (entries, "tables/clients.csv");
  g_assert_nonnull (strstr (clients_csv, "\"'=HYPERLINK(\"\"http://example.com\"\")\""));
  g_assert_nonnull (strstr (clients_csv, "\r\n"));
  /* psychotherapy notes and search indexes never */
  g_assert_false (g_hash_table_contains (entries, "tables/search_docs.csv"));
  g_assert_false (g_hash_table_contains (entries, "tables/form_drafts.csv"));

  before_dana = tables_as (f.dir, "dana");
  before_sam = tables_as (f.dir, "sam");

  /* the new vault: the same people; the owner first, then sam for sam's notes */
  make_people (f.fresh, NULL);
  g_assert_true (import_as (f.fresh, "dana", f.zip, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.clients, ==, 6);
  g_assert_nonnull (report.stores_left_out);
  g_assert_cmpstr (report.stores_left_out[0], ==, "sam");
  alcove_practice_archive_report_clear (&report);
  g_assert_true (import_as (f.fresh, "sam", f.zip, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.clients, ==, 0);  /* already there, equal */
  g_assert_cmpuint (report.notes, ==, 2);
  g_assert_cmpuint (report.addenda, ==, 1);
  alcove_practice_archive_report_clear (&report);

  assert_own_format (f.fresh);
  after_dana = tables_as (f.fresh, "dana");
  after_sam = tables_as (f.fresh, "sam");
  assert_same_rows (before_dana, after_dana, NULL, TRUE);
  assert_same_rows (before_dana, after_dana, "dana", FALSE);
  assert_same_rows (before_sam, after_sam, "sam", FALSE);

  /* the same archive again: everything is there and equal, so nothing is written */
  g_assert_true (import_as (f.fresh, "dana", f.zip, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.clients + report.notes + report.plans, ==, 0);
  alcove_practice_archive_report_clear (&report);
}

/* ---- co-signed notes ---- */

/* dana owns the practice; sam is supervised by rui; the recovery code if asked */
static void
make_supervision (const char  *dir,
                  char       **recovery)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, recovery);
  g_autoptr(AlcoveVault) owner = unlock (dir, "dana");
  g_autoptr(AlcoveVault) sam = NULL;
  g_autoptr(GError) error = NULL;

  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (owner, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  g_assert_true (alcove_vault_grant_supervision (owner, "rui", "sam", &error));
  g_assert_no_error (error);
  alcove_vault_lock (owner);
  /* sam's first sign-in seals the key of sam's notes to rui */
  sam = unlock (dir, "sam");
  alcove_vault_lock (sam);
}

static void
cosign_as_rui (const char *dir,
               const char *note_id)
{
  g_autoptr(AlcoveVault) vault = unlock (dir, "rui");
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;

  alcove_test_open_stores (vault, &clients, &notes);
  note = alcove_note_store_open (notes, note_id, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_note_store_cosign (notes, note, &error));
  g_assert_no_error (error);
  g_clear_object (&note);
  alcove_test_close_stores (&vault, &clients, &notes);
}

/* The note as sam reads it in the vault at `dir`: its co-signing state and its addenda */
static AlcoveNote *
open_as_sam (const char *dir,
             const char *note_id)
{
  g_autoptr(AlcoveVault) vault = unlock (dir, "sam");
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveNote *note;

  alcove_test_open_stores (vault, &clients, &notes);
  note = alcove_note_store_open (notes, note_id, &error);
  g_assert_no_error (error);
  alcove_test_close_stores (&vault, &clients, &notes);
  return note;
}

/* sam's note, co-signed by rui and then given an addendum */
static char *
write_cosigned_note (const char *dir)
{
  g_autoptr(AlcoveVault) vault = unlock (dir, "sam");
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  char *note_id;

  alcove_test_open_stores (vault, &clients, &notes);
  client_id = alcove_test_add_client (clients, "Jordan Vale");
  note_id = alcove_test_write_note (notes, client_id, "soap", "supervised words", TRUE);
  alcove_test_close_stores (&vault, &clients, &notes);
  cosign_as_rui (dir, note_id);

  vault = unlock (dir, "sam");
  alcove_test_open_stores (vault, &clients, &notes);
  note = alcove_note_store_open (notes, note_id, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_note_store_add_addendum (notes, note, "Added after co-signing", &error));
  g_assert_no_error (error);
  g_clear_object (&note);
  alcove_test_close_stores (&vault, &clients, &notes);
  return note_id;
}

/* A co-signature is rui's own signature, never carried over: the note arrives waiting for
 * it again, its addendum waits in the archive (the trigger refuses addenda to a waiting
 * note), and the same archive imported once more after rui co-signs adds it */
static void
test_cosigned_notes (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *fresh = g_strconcat (dir, "-fresh", NULL);
  g_autofree char *out = g_strconcat (dir, "-out", NULL);
  g_autofree char *zip = g_build_filename (out, "practice.zip", NULL);
  g_autofree char *recovery = NULL;
  g_autofree char *note_id = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *addenda;

  g_assert_cmpint (g_mkdir_with_parents (out, 0700), ==, 0);
  make_supervision (dir, &recovery);
  note_id = write_cosigned_note (dir);
  g_assert_true (export_with (dir, NULL, recovery, zip, &report, &error));
  g_assert_no_error (error);
  alcove_practice_archive_report_clear (&report);

  make_supervision (fresh, NULL);
  g_assert_true (import_as (fresh, "dana", zip, &report, &error));
  g_assert_no_error (error);
  alcove_practice_archive_report_clear (&report);
  g_assert_true (import_as (fresh, "sam", zip, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.notes, ==, 1);
  g_assert_cmpuint (report.addenda, ==, 0);
  g_assert_cmpuint (report.addenda_waiting, ==, 1);
  alcove_practice_archive_report_clear (&report);
  note = open_as_sam (fresh, note_id);
  g_assert_cmpint (alcove_note_get_cosign_state (note), ==, ALCOVE_COSIGN_AWAITING);
  g_assert_cmpuint (alcove_note_get_addenda (note)->len, ==, 0);
  g_clear_object (&note);

  cosign_as_rui (fresh, note_id);
  g_assert_true (import_as (fresh, "sam", zip, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.addenda, ==, 1);
  g_assert_cmpuint (report.addenda_waiting, ==, 0);
  alcove_practice_archive_report_clear (&report);
  note = open_as_sam (fresh, note_id);
  g_assert_cmpint (alcove_note_get_cosign_state (note), ==, ALCOVE_COSIGN_DONE);
  g_assert_cmpint (alcove_note_get_integrity (note), ==, ALCOVE_NOTE_INTEGRITY_OK);
  addenda = alcove_note_get_addenda (note);
  g_assert_cmpuint (addenda->len, ==, 1);
  g_assert_cmpstr (((AlcoveAddendum *) g_ptr_array_index (addenda, 0))->text, ==,
                   "Added after co-signing");
}

/* Signed notes and plans verify in the new vault: signed again by their author */
static void
test_signatures (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(GStrv) left_out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveVault) vault = NULL;
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(AlcovePlanStore) plans = NULL;
  g_autoptr(GListModel) versions = NULL;
  g_autoptr(GListModel) client_notes = NULL;
  g_autoptr(AlcoveClient) robin = NULL;
  g_autoptr(AlcoveClient) couple = NULL;
  guint n_signed = 0;

  left_out = export_and_move (&f, TRUE);
  g_assert_nonnull (left_out);
  g_assert_cmpstr (left_out[0], ==, "sam");

  vault = unlock (f.fresh, "dana");
  alcove_test_open_stores (vault, &clients, &notes);
  plans = alcove_plan_store_new (notes);
  robin = alcove_test_find_client (clients, "Robin");
  couple = alcove_test_find_client (clients, "Couple");
  versions = alcove_plan_store_list_for_client (plans, alcove_client_get_id (robin), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (versions); i++)
    {
      g_autoptr(AlcovePlan) version = g_list_model_get_item (versions, i);

      if (alcove_plan_get_status (version) == ALCOVE_PLAN_SIGNED)
        g_assert_true (alcove_plan_store_verify (plans, version));
    }
  client_notes = alcove_note_store_list_for_client (notes, alcove_client_get_id (couple),
                                                    FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (client_notes); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (client_notes, i);

      if (alcove_note_get_status (note) != ALCOVE_NOTE_SIGNED)
        continue;
      g_assert_true (alcove_note_store_verify (notes, note));
      g_assert_cmpuint (alcove_note_get_addenda (note)->len, ==, 1);
      n_signed++;
    }
  g_assert_cmpuint (n_signed, ==, 1);
  alcove_test_close_stores (&vault, &clients, &notes);
}

/* Only an owner exports; the audit row holds counts, never a path or a name; a folder in the
 * vault is refused */
static void
test_export_refused (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *inside = NULL;
  g_autoptr(AlcoveVault) vault = NULL;
  g_autofree char *details = NULL;
  AlcovePracticeArchiveReport report = { 0 };

  fixture_init (&f);
  g_assert_false (export_as (f.dir, "sam", f.zip, &report, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (export_as (f.dir, "bo", f.zip, &report, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  inside = g_build_filename (f.dir, "practice.zip", NULL);
  g_assert_false (export_as (f.dir, "dana", inside, &report, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f.zip, G_FILE_TEST_EXISTS));

  /* cancelled: nothing at all in the folder, not even a temporary file */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GFile) file = g_file_new_for_path (f.zip);
    g_autoptr(GDir) out = NULL;

    vault = unlock (f.dir, "dana");
    g_cancellable_cancel (cancellable);
    g_assert_false (alcove_practice_export (vault, file, &report, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    alcove_vault_lock (vault);
    g_clear_object (&vault);
    out = g_dir_open (f.out, 0, NULL);
    g_assert_null (g_dir_read_name (out));
  }

  g_assert_true (export_as (f.dir, "dana", f.zip, &report, &error));
  g_assert_no_error (error);
  alcove_practice_archive_report_clear (&report);
  vault = unlock (f.dir, "dana");
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_PRACTICE_EXPORT, ""), ==, 1);
  {
    sqlite3_stmt *stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                                  "SELECT details || object_id FROM audit_log"
                                                  " WHERE action = 'practice.export'", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    details = g_strdup (alcove_database_column_text (stmt, 0));
    sqlite3_reset (stmt);
  }
  g_assert_null (strstr (details, "practice.zip"));
  g_assert_null (strstr (details, f.out));
  g_assert_null (strstr (details, "Minor"));
  g_assert_null (strstr (details, "HYPERLINK"));
  alcove_vault_lock (vault);
}

/* What an attacker or a broken copy does to the archive: each is refused before anything
 * is written */
typedef enum
{
  ATTACK_EDITED_CELL,
  ATTACK_TRUNCATED,
  ATTACK_ZIP_SLIP,
  ATTACK_EXTRA_ENTRY,
  ATTACK_DUPLICATE_ROW,
} Attack;

static void
rehash_manifest (GHashTable *entries)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = text_of (entries, "manifest.json");
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *list;
  char *data;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "entries");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      GBytes *bytes = g_hash_table_lookup (entries, json_object_get_string_member (entry, "name"));

      json_object_set_int_member (entry, "size", g_bytes_get_size (bytes));
      json_object_set_string_member (entry, "sha256", alcove_practice_sha256_hex (bytes));
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  data = json_generator_to_data (generator, NULL);
  g_hash_table_insert (entries, g_strdup ("manifest.json"), g_bytes_new_take (data, strlen (data)));
}

static void
attack (Fixture    *f,
        Attack      kind,
        const char *expected)
{
  g_autoptr(GHashTable) entries = read_zip (f->zip);
  g_autofree char *bad = g_build_filename (f->out, "bad.zip", NULL);
  g_autofree char *clients = text_of (entries, "tables/clients.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveVault) vault = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  gint64 before, after;

  switch (kind)
    {
    case ATTACK_EDITED_CELL:
      *strstr (clients, "Minor") = 'N';
      g_hash_table_insert (entries, g_strdup ("tables/clients.csv"),
                           g_bytes_new (clients, strlen (clients)));
      write_zip (bad, entries, NULL, NULL);
      break;
    case ATTACK_TRUNCATED:
      {
        g_autofree char *data = NULL;
        gsize size;

        g_assert_true (g_file_get_contents (f->zip, &data, &size, NULL));
        g_assert_true (g_file_set_contents (bad, data, size * 2 / 3, NULL));
      }
      break;
    case ATTACK_ZIP_SLIP:
      write_zip (bad, entries, "../evil.csv", g_bytes_new_static ("x", 1));
      break;
    case ATTACK_EXTRA_ENTRY:
      write_zip (bad, entries, "notes.exe", g_bytes_new_static ("x", 1));
      break;
    case ATTACK_DUPLICATE_ROW:
      {
        /* the first row twice, with the manifest made to match: the key check catches it */
        char *second = strstr (clients, "\r\n") + 2;
        char *end = strstr (second, "\r\n") + 2;
        g_autofree char *row = g_strndup (second, end - second);
        g_autofree char *doubled = g_strconcat (clients, row, NULL);

        g_hash_table_insert (entries, g_strdup ("tables/clients.csv"),
                             g_bytes_new (doubled, strlen (doubled)));
        rehash_manifest (entries);
        write_zip (bad, entries, NULL, NULL);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  vault = unlock (f->fresh, "dana");
  before = alcove_test_query_int (vault, "SELECT count(*) FROM clients");
  alcove_vault_lock (vault);
  g_assert_false (import_as (f->fresh, "dana", bad, &report, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_null (strstr (error->message, "Minor"));
  vault = unlock (f->fresh, "dana");
  after = alcove_test_query_int (vault, "SELECT count(*) FROM clients");
  g_assert_cmpint (before, ==, after);
  alcove_vault_lock (vault);
}

/* Read without a vault, as `alcovectl import-practice --check` reads it: a good archive gives
 * its counts; a manifest that is empty, or nested past what json-glib survives, is refused
 * with the entry's name (both found by fuzz-practice, or guarded against with it) */
static void
test_check_without_vault (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) zip = NULL;
  g_autoptr(GHashTable) entries = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  const char *bad[] = { "", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]" };

  fixture_init (&f);
  g_assert_true (export_with (f.dir, NULL, f.recovery, f.zip, NULL, &error));
  g_assert_no_error (error);
  mapped = g_mapped_file_new (f.zip, FALSE, &error);
  g_assert_no_error (error);
  zip = g_mapped_file_get_bytes (mapped);
  g_assert_true (alcove_practice_archive_check (zip, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.clients, ==, 6);
  g_assert_cmpuint (report.documents, ==, 3);
  alcove_practice_archive_report_clear (&report);

  entries = read_zip (f.zip);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s-bad-%u.zip", f.zip, i);
      g_autoptr(GMappedFile) bad_mapped = NULL;
      g_autoptr(GBytes) bad_zip = NULL;

      g_hash_table_insert (entries, g_strdup ("manifest.json"),
                           g_bytes_new (bad[i], strlen (bad[i])));
      write_zip (path, entries, NULL, NULL);
      bad_mapped = g_mapped_file_new (path, FALSE, &error);
      g_assert_no_error (error);
      bad_zip = g_mapped_file_get_bytes (bad_mapped);
      g_assert_false (alcove_practice_archive_check (bad_zip, NULL, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "manifest.json: "));
      g_clear_error (&error);
      g_unlink (path);
    }
}

static void
test_import_attacks (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(GStrv) left_out = NULL;
  g_autoptr(GError) error = NULL;
  AlcovePracticeArchiveReport report = { 0 };

  left_out = export_and_move (&f, FALSE);

  attack (&f, ATTACK_EDITED_CELL, "tables/clients.csv");
  attack (&f, ATTACK_TRUNCATED, "");
  attack (&f, ATTACK_ZIP_SLIP, "../evil.csv");
  attack (&f, ATTACK_EXTRA_ENTRY, "notes.exe");
  attack (&f, ATTACK_DUPLICATE_ROW, "tables/clients.csv line");

  /* a clinician cannot be first: the practice's rows are the owner's to import */
  g_assert_false (import_as (f.fresh, "sam", f.zip, &report, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  /* billing imports nothing */
  g_assert_false (import_as (f.fresh, "bo", f.zip, &report, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
}

/* A row already in the vault with other content is an error naming the table and line */
static void
test_import_conflict (void)
{
  g_auto(Fixture) f = { 0 };
  g_auto(GStrv) left_out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveVault) vault = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  gint64 notes_before;
  g_autofree char *schema = NULL;

  left_out = export_and_move (&f, TRUE);

  vault = unlock (f.fresh, "dana");
  g_assert_cmpint (alcove_test_exec_raw (vault, "UPDATE clients SET pronouns = 'they'"
                                         " WHERE preferred_name = 'Minor'"), ==, SQLITE_OK);
  alcove_vault_lock (vault);
  g_clear_object (&vault);
  g_assert_false (import_as (f.fresh, "dana", f.zip, &report, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "tables/clients.csv line"));
  g_assert_nonnull (strstr (error->message, "pronouns"));
  g_assert_null (strstr (error->message, "Minor"));
  g_clear_error (&error);

  /* nothing was written: sam's rows, which would follow, are not there either */
  vault = unlock (f.fresh, "dana");
  schema = g_strconcat ("notes_", alcove_user_get_uuid (alcove_vault_get_current_user (vault)),
                        NULL);
  notes_before = alcove_test_query_int (vault, "SELECT count(*) FROM audit_log"
                                        " WHERE action = 'practice.import'");
  g_assert_cmpint (notes_before, ==, 1);
  alcove_vault_lock (vault);
}

/* Every column exported from fully migrated databases is described in the published schema,
 * so the documentation cannot fall behind a new column */
static void
test_schema_complete (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = alcove_test_fresh_vault (&dir);
  g_autoptr(GBytes) schema = alcove_practice_schema_bytes ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) described = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) tables = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store = NULL;
  g_autofree char *store_schema = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  JsonArray *list;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (schema, NULL),
                                             g_bytes_get_size (schema), NULL));
  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "tables");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *table = json_array_get_object_element (list, i);
      JsonArray *columns = json_object_get_array_member (table, "columns");

      for (guint k = 0; k < json_array_get_length (columns); k++)
        {
          JsonObject *column = json_array_get_object_element (columns, k);

          g_assert_cmpstr (json_object_get_string_member (column, "description"), !=, "");
          g_hash_table_add (described,
                            g_strdup_printf ("%s.%s", json_object_get_string_member (table, "name"),
                                             json_object_get_string_member (column, "name")));
        }
    }

  store = g_strconcat ("notes:", alcove_user_get_uuid (alcove_vault_get_current_user (vault)),
                       NULL);
  store_schema = alcove_vault_schema_for (store);
  for (guint i = 0; i < G_N_ELEMENTS (alcove_practice_tables); i++)
    {
      const AlcovePracticeTable *table = &alcove_practice_tables[i];
      g_autoptr(GPtrArray) columns = alcove_practice_table_columns (
        alcove_vault_get_database (vault), table->in_store ? store_schema : "main", table->name,
        &error);

      g_assert_no_error (error);
      g_assert_cmpuint (columns->len, >, 0);
      for (guint k = 0; k < columns->len; k++)
        {
          AlcovePracticeColumn *column = g_ptr_array_index (columns, k);
          g_autofree char *name = g_strdup_printf ("%s.%s", table->name, column->name);

          if (g_str_equal (column->type, "BLOB"))
            {
              /* bytes go to documents/: only the documents' contents are bytes */
              g_assert_cmpstr (name, ==, "documents.contents");
              continue;
            }
          if (!g_hash_table_contains (described, name))
            g_error ("%s is exported but not described in "
                     "data/alcove-practice-export.schema.json", name);
        }
    }
  tables = alcove_practice_collect_tables (vault, &report, &error);
  g_assert_no_error (error);
  alcove_practice_archive_report_clear (&report);
  alcove_vault_lock (vault);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/practice-archive/round-trip", test_round_trip);
  g_test_add_func ("/practice-archive/signatures", test_signatures);
  g_test_add_func ("/practice-archive/cosigned-notes", test_cosigned_notes);
  g_test_add_func ("/practice-archive/export-refused", test_export_refused);
  g_test_add_func ("/practice-archive/import-attacks", test_import_attacks);
  g_test_add_func ("/practice-archive/check-without-vault", test_check_without_vault);
  g_test_add_func ("/practice-archive/import-conflict", test_import_conflict);
  g_test_add_func ("/practice-archive/schema-complete", test_schema_complete);
  return g_test_run ();
}
