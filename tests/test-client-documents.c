/* test-client-documents.c — old notes and scanned forms attached to a client's record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-client-documents"

#include "config.h"

#include <string.h>

#include "alcove-backup.h"
#include "alcove-client-documents.h"
#include "alcove-client-store.h"
#include "alcove-documents.h"
#include "alcove-note-store.h"
#include "alcove-retention.h"
#include "alcove-search.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* lower case: the full-text index keeps words folded */
#define TEXT_MARK  "quillokdocmark"
#define LABEL_MARK "Brontovex"
#define FILE_MARK  "zanzibarfile"
#define NOTE_MARK  "heronnotemark"

/* A one-page PDF whose text holds TEXT_MARK; Alcove never reads its text */
#define PDF_BYTES  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" \
                   "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" \
                   "3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n" \
                   "4 0 obj << >> stream\nBT (" TEXT_MARK ") Tj ET\nendstream endobj\n%%EOF\n"
static const guint8 png_bytes[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                    0, 0, 0, 13, 'I', 'H', 'D', 'R' };
static const guint8 jpeg_bytes[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0 };

typedef struct
{
  char              *dir;
  AlcoveVault       *vault;
  AlcoveClientStore *clients;
  AlcoveNoteStore   *notes;
  char              *client;
  char              *other;
} Fixture;

static void
open_as (Fixture    *f,
         const char *username,
         const char *password)
{
  alcove_test_close_stores (&f->vault, &f->clients, &f->notes);
  f->vault = alcove_test_unlocked_vault (f->dir, username, password);
  alcove_test_open_stores (f->vault, &f->clients, &f->notes);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  open_as (f, "dana", TEST_PASSWORD);
  alcove_test_add_user (f->vault, "bea", "Bea Billing", ALCOVE_ROLE_BILLING);
  alcove_test_add_user (f->vault, "fran", "Fran Desk", ALCOVE_ROLE_FRONT_DESK);
  alcove_test_add_user (f->vault, "sue", "Sue Supervisor", ALCOVE_ROLE_SUPERVISOR);
  f->client = alcove_test_add_client (f->clients, "Ada Moss");
  f->other = alcove_test_add_client (f->clients, "Ben Other");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  alcove_test_close_stores (&f->vault, &f->clients, &f->notes);
  g_free (f->client);
  g_free (f->other);
  g_free (f->dir);
}

static GBytes *
pdf (void)
{
  return g_bytes_new_static (PDF_BYTES, strlen (PDF_BYTES));
}

static char *
attach_ok (Fixture    *f,
           const char *client_id,
           GBytes     *contents,
           const char *file_name,
           const char *label,
           const char *date)
{
  g_autoptr(GError) error = NULL;
  char *id = alcove_client_documents_attach (f->vault, client_id, contents, file_name, label,
                                             ALCOVE_DOCUMENT_NOTE, date, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
attach_refused (Fixture          *f,
                GBytes           *contents,
                const char       *file_name,
                const char       *date,
                AlcoveVaultError  code,
                const char       *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = alcove_client_documents_attach (f->vault, f->client, contents,
                                                        file_name, "", ALCOVE_DOCUMENT_FORM,
                                                        date, &error);

  g_assert_null (id);
  g_assert_error (error, ALCOVE_VAULT_ERROR, code);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static AlcoveClientDocument *
find (GListModel *model,
      const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcoveClientDocument) document = g_list_model_get_item (model, i);

      if (g_str_equal (alcove_client_document_get_id (document), id))
        return g_steal_pointer (&document);
    }
  return NULL;
}

static GListModel *
list_ok (Fixture    *f,
         const char *client_id)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = alcove_client_documents_list (f->vault, client_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* alcove_client_documents_read_async, waited for */
static GBytes *
read_on_worker (Fixture               *f,
                AlcoveClientDocument  *document,
                GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alcove_client_documents_read_async (f->vault, document, NULL, read_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return alcove_client_documents_read_finish (f->vault, result, error);
}

/* One document attached to the client (its id in `id`), as the list gives it back */
static AlcoveClientDocument *
attach_one (Fixture    *f,
            GBytes     *contents,
            const char *file_name,
            const char *label,
            char      **id)
{
  g_autoptr(GListModel) model = NULL;

  *id = attach_ok (f, f->client, contents, file_name, label, "2020-01-01");
  model = list_ok (f, f->client);
  return find (model, *id);
}

/* ---- attach, list, read, relabel ---- */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) scan = pdf ();
  g_autoptr(GBytes) image = g_bytes_new_static (png_bytes, sizeof png_bytes);
  g_autoptr(GBytes) photo = g_bytes_new_static (jpeg_bytes, sizeof jpeg_bytes);
  g_autofree char *old = attach_ok (f, f->client, scan, "/home/x/intake 2019.pdf", "",
                                    "2019-04-03");
  g_autofree char *newer = attach_ok (f, f->client, image, "consent.png", "Signed consent",
                                      "2021-09-30");
  g_autofree char *middle = attach_ok (f, f->client, photo, "letter.JPG", "  GP letter ",
                                       "2020-01-15");
  g_autofree char *others = attach_ok (f, f->other, scan, "other.pdf", "", "2020-01-01");
  g_autoptr(GListModel) model = list_ok (f, f->client);
  g_autoptr(AlcoveClientDocument) first = NULL;
  g_autoptr(AlcoveClientDocument) intake = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yesterday = alcove_test_day_from_today (-1);

  /* newest document date first, the other client's not among them */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (alcove_client_document_get_id (first), ==, newer);
  g_assert_cmpstr (alcove_client_document_get_content_type (first), ==, "image/png");
  g_assert_cmpstr (alcove_client_document_get_label (first), ==, "Signed consent");
  g_assert_null (find (model, others));

  /* the label defaults to the file's name, which is kept without its folder */
  intake = find (model, old);
  g_assert_nonnull (intake);
  g_assert_cmpstr (alcove_client_document_get_label (intake), ==, "intake 2019");
  g_assert_cmpstr (alcove_client_document_get_file_name (intake), ==, "intake 2019.pdf");
  g_assert_cmpstr (alcove_client_document_get_content_type (intake), ==, "application/pdf");
  g_assert_cmpstr (alcove_client_document_get_document_date (intake), ==, "2019-04-03");
  g_assert_cmpint (alcove_client_document_get_kind (intake), ==, ALCOVE_DOCUMENT_NOTE);
  g_assert_cmpuint (alcove_client_document_get_size (intake), ==, strlen (PDF_BYTES));
  g_assert_cmpstr (alcove_client_document_get_client_id (intake), ==, f->client);
  g_assert_cmpint (alcove_client_document_get_added_ms (intake), >, 0);
  g_assert_cmpstr (alcove_client_document_get_added_by (intake), !=, "");
  {
    g_autoptr(AlcoveClientDocument) trimmed = find (model, middle);

    g_assert_cmpstr (alcove_client_document_get_label (trimmed), ==, "GP letter");
    g_assert_cmpstr (alcove_client_document_get_content_type (trimmed), ==, "image/jpeg");
  }

  /* the contents as attached, and the reading audited */
  read = alcove_client_documents_read (f->vault, intake, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, scan));
  g_assert_cmpint (alcove_test_count_audit (f->vault, "document.view", old), ==, 1);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "document.add", old), ==, 1);
  /* the same on the session's worker, audited when it returns */
  g_clear_pointer (&read, g_bytes_unref);
  read = read_on_worker (f, intake, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, scan));
  g_assert_cmpint (alcove_test_count_audit (f->vault, "document.view", old), ==, 2);

  /* relabel: label, kind and date change; the list says so; audited */
  g_assert_true (alcove_client_documents_relabel (f->vault, intake, "Intake assessment",
                                                  ALCOVE_DOCUMENT_ASSESSMENT, yesterday,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_client_document_get_label (intake), ==, "Intake assessment");
  g_assert_cmpint (alcove_test_count_audit (f->vault, "document.relabel", old), ==, 1);
  g_clear_object (&model);
  g_clear_object (&first);
  model = list_ok (f, f->client);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (alcove_client_document_get_id (first), ==, old);
  g_assert_cmpint (alcove_client_document_get_kind (first), ==, ALCOVE_DOCUMENT_ASSESSMENT);
  g_assert_cmpstr (alcove_client_document_get_document_date (first), ==, yesterday);

  /* a bad correction keeps what was there */
  g_assert_false (alcove_client_documents_relabel (f->vault, first, "x", ALCOVE_DOCUMENT_NOTE,
                                                   "2019-02-30", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_cmpstr (alcove_client_document_get_label (first), ==, "Intake assessment");

  /* a client that is not in the practice gets nothing */
  g_clear_error (&error);
  g_assert_null (alcove_client_documents_attach (f->vault, "no-such-client", scan, "a.pdf", "",
                                                 ALCOVE_DOCUMENT_NOTE, "2020-01-01", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
}

/* ---- what is refused ---- */

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) scan = pdf ();
  g_autoptr(GBytes) image = g_bytes_new_static (png_bytes, sizeof png_bytes);
  g_autoptr(GBytes) text = g_bytes_new_static ("Dear colleague,\n", 16);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *tomorrow = alcove_test_day_from_today (1);
  g_autofree guint8 *huge_data = g_malloc0 (ALCOVE_DOCUMENT_MAX_BYTES + 1);
  g_autoptr(GBytes) huge = NULL;

  /* its name says PDF, its bytes are a PNG; and the other way round */
  attach_refused (f, image, "scan.pdf", "2020-01-01", ALCOVE_VAULT_ERROR_INVALID, "PNG");
  attach_refused (f, scan, "scan.png", "2020-01-01", ALCOVE_VAULT_ERROR_INVALID, "PDF");
  /* neither PDF, PNG nor JPEG, whatever its name */
  attach_refused (f, text, "letter.pdf", "2020-01-01", ALCOVE_VAULT_ERROR_INVALID, "PDF");
  attach_refused (f, text, "letter.txt", "2020-01-01", ALCOVE_VAULT_ERROR_INVALID, NULL);
  attach_refused (f, empty, "empty.pdf", "2020-01-01", ALCOVE_VAULT_ERROR_INVALID, "empty");
  memcpy (huge_data, "%PDF-1.4", 8);
  huge = g_bytes_new_take (g_steal_pointer (&huge_data), ALCOVE_DOCUMENT_MAX_BYTES + 1);
  attach_refused (f, huge, "big.pdf", "2020-01-01", ALCOVE_VAULT_ERROR_INVALID, "25 MB");
  /* the date: a real day, not in the future */
  attach_refused (f, scan, "a.pdf", tomorrow, ALCOVE_VAULT_ERROR_INVALID, "future");
  attach_refused (f, scan, "a.pdf", "2021-02-29", ALCOVE_VAULT_ERROR_INVALID, "date");
  attach_refused (f, scan, "a.pdf", "", ALCOVE_VAULT_ERROR_INVALID, "date");
  /* no label and no name to take one from */
  attach_refused (f, scan, ".pdf", "2020-01-01", ALCOVE_VAULT_ERROR_INVALID, "label");

  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM documents"), ==, 0);
}

/* Billing and front desk keep who comes when, never what a clinical document says; a
 * supervisor reads but does not attach */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GBytes) scan = pdf ();
  g_autofree char *id = NULL;
  g_autoptr(AlcoveClientDocument) document = attach_one (f, scan, "a.pdf", "", &id);
  const char *clerks[] = { "bea", "fran" };

  for (guint i = 0; i < G_N_ELEMENTS (clerks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *refused = NULL;

      open_as (f, clerks[i], TEST_OTHER_PASSWORD);
      g_assert_false (alcove_client_documents_can_read (f->vault));
      g_assert_false (alcove_client_documents_can_attach (f->vault));
      g_assert_null (alcove_client_documents_list (f->vault, f->client, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
      g_assert_null (alcove_client_documents_read (f->vault, document, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
      refused = alcove_client_documents_attach (f->vault, f->client, scan, "b.pdf", "",
                                                ALCOVE_DOCUMENT_NOTE, "2020-01-01", &error);
      g_assert_null (refused);
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
      g_assert_false (alcove_client_documents_relabel (f->vault, document, "x",
                                                       ALCOVE_DOCUMENT_NOTE, "2020-01-01",
                                                       &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
      g_assert_cmpint (alcove_test_count_audit (f->vault, "document.view", id), ==, 0);
    }

  open_as (f, "sue", TEST_OTHER_PASSWORD);
  g_assert_true (alcove_client_documents_can_read (f->vault));
  g_assert_false (alcove_client_documents_can_attach (f->vault));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) read = alcove_client_documents_read (f->vault, document, &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (read, scan));
  }
}

/* The audit log says which document and which client, never its label or file name */
static void
test_audit_holds_no_phi (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) scan = pdf ();
  g_autofree char *id = NULL;
  g_autoptr(AlcoveClientDocument) document = attach_one (f, scan, FILE_MARK ".pdf", LABEL_MARK,
                                                         &id);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  const char *words[] = { LABEL_MARK, FILE_MARK, TEXT_MARK, "Relabelled" };

  read = alcove_client_documents_read (f->vault, document, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_client_documents_relabel (f->vault, document, "Relabelled " LABEL_MARK,
                                                  ALCOVE_DOCUMENT_FORM, "2020-01-02", &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM audit_log WHERE"
                                          " object_id = '%s' AND instr (details, '%s') > 0",
                                          id, f->client), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM audit_log WHERE"
                                            " instr (details, '%s') > 0 OR instr (object_id,"
                                            " '%s') > 0", words[i], words[i]), ==, 0);
}

/* Search finds notes, never a document's text nor its label */
static void
test_never_searched (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) scan = pdf ();
  g_autofree char *id = attach_ok (f, f->client, scan, "scan.pdf", LABEL_MARK, "2020-01-01");
  g_autofree char *note = alcove_test_write_note (f->notes, f->client, "soap", NOTE_MARK, FALSE);
  g_autoptr(AlcoveSearch) search = alcove_search_new (f->vault);
  const char *hidden[] = { TEXT_MARK, LABEL_MARK, "scan" };
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_note_index_catch_up (f->vault, &error));
  g_assert_no_error (error);
  {
    /* the index works: the note's word is found */
    g_autoptr(GListModel) found = alcove_search_run (search, NOTE_MARK, NULL, 0, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (found), >=, 1);
  }
  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    for (guint scoped = 0; scoped < 2; scoped++)
      {
        g_autoptr(GListModel) found = alcove_search_run (search, hidden[i],
                                                         scoped ? f->client : NULL, 0, NULL,
                                                         &error);

        g_assert_no_error (error);
        g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
      }
}

/* An insider with the key who drops the trigger and edits the blob: the reading reports
 * the damage (and records it) rather than showing the altered file */
static void
test_altered_contents (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) scan = pdf ();
  g_autofree char *id = NULL;
  g_autoptr(AlcoveClientDocument) document = attach_one (f, scan, "a.pdf", "", &id);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;

  /* the triggers keep the row as attached, and the document in the record */
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE documents SET contents ="
                                         " X'255044462D' WHERE id = '%s'", id), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE documents SET client_id = '%s'"
                                         " WHERE id = '%s'", f->other, id), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "DELETE FROM documents WHERE id = '%s'",
                                         id), ==, SQLITE_CONSTRAINT);

  g_assert_cmpint (alcove_test_exec_raw (f->vault, "DROP TRIGGER documents_client_fixed;"
                                         "UPDATE documents SET contents = X'255044462D31'"
                                         " WHERE id = '%s'", id), ==, SQLITE_OK);
  read = alcove_client_documents_read (f->vault, document, &error);
  g_assert_null (read);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "document.hash-mismatch", id), ==, 1);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "document.view", id), ==, 0);
  g_clear_error (&error);
  read = read_on_worker (f, document, &error);
  g_assert_null (read);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "document.hash-mismatch", id), ==, 2);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "document.view", id), ==, 0);

  /* moved to another client's record: not found under the first, refused to the second's
   * reader, who asks with the first's id */
  g_clear_error (&error);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE documents SET client_id = '%s'"
                                         " WHERE id = '%s'", f->other, id), ==, SQLITE_OK);
  read = alcove_client_documents_read (f->vault, document, &error);
  g_assert_null (read);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
}

/* Retention disposal takes the client's documents with the rest of their record */
static void
test_disposal (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) scan = pdf ();
  g_autofree char *gone = attach_ok (f, f->client, scan, "a.pdf", "", "2010-01-01");
  g_autofree char *kept = attach_ok (f, f->other, scan, "b.pdf", "", "2010-01-01");
  g_autofree char *practice = NULL;
  g_autoptr(AlcoveClient) client = alcove_client_copy (alcove_client_store_lookup (f->clients,
                                                                                   f->client));
  g_autoptr(GDate) today = g_date_new_dmy (2, 6, 2024);
  AlcoveDisposalReport report = { 0 };
  const char *ids[] = { f->client, NULL };
  g_autoptr(GError) error = NULL;

  practice = alcove_documents_add (f->vault, scan, "policy.pdf", "application/pdf", &error);
  g_assert_no_error (error);
  alcove_client_set_status (client, ALCOVE_CLIENT_DISCHARGED);
  alcove_client_set_field (client, ALCOVE_CLIENT_DISCHARGED_ON, "2015-01-01");
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);

  g_assert_true (alcove_retention_dispose (f->vault, ids, today, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.documents, ==, 1);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM documents WHERE"
                                          " id = '%s'", gone), ==, 0);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM documents WHERE"
                                          " id IN ('%s', '%s')", kept, practice), ==, 2);
  alcove_disposal_report_clear (&report);
}

/* A backup holds the documents, and a vault restored from it reads them as attached */
static void
test_backup_and_restore (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) scan = pdf ();
  g_autofree char *id = attach_ok (f, f->client, scan, "a.pdf", LABEL_MARK, "2020-01-01");
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "backups", NULL);
  g_autofree char *path = g_build_filename (folder, "documents" ALCOVE_BACKUP_SUFFIX, NULL);
  g_autofree char *target = g_build_filename (g_get_user_data_dir (), "restored", NULL);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  AlcoveRestoreCredentials credentials = { "dana", password, TRUE };
  g_auto(AlcoveRestoreResult) result = { 0 };
  g_autoptr(AlcoveBackupInfo) info = NULL;
  g_autoptr(AlcoveVault) restored = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(AlcoveClientDocument) document = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  info = alcove_backup_create (f->vault, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  alcove_test_close_stores (&f->vault, &f->clients, &f->notes);
  g_assert_true (alcove_backup_restore (path, target, &credentials, &result, &error));
  g_assert_no_error (error);

  restored = alcove_test_unlocked_vault (target, "dana", TEST_PASSWORD);
  model = alcove_client_documents_list (restored, f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  document = g_list_model_get_item (model, 0);
  g_assert_cmpstr (alcove_client_document_get_id (document), ==, id);
  g_assert_cmpstr (alcove_client_document_get_label (document), ==, LABEL_MARK);
  read = alcove_client_documents_read (restored, document, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, scan));
  alcove_vault_lock (restored);
}

/* ---- the migration ---- */

/* practice.db from v15: its documents are the practice's, and the new columns keep out an
 * unknown kind */
static void
test_migration (void)
{
  g_autoptr(AlcoveDatabase) db = alcove_test_database_at ("practice-v15.db",
                                                         ALCOVE_STORE_PRACTICE, 15);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_database_exec (db, "INSERT INTO documents (id, name, content_type, size,"
                                           " sha256, contents, added_ms, added_by) VALUES"
                                           " ('d1', 'policy.pdf', 'application/pdf', 1, 'h',"
                                           " X'00', 1, 'u')", &error));
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_PRACTICE, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==,
                   alcove_database_latest_version (ALCOVE_STORE_PRACTICE));
  g_assert_cmpint (alcove_database_latest_version (ALCOVE_STORE_PRACTICE), >=, 16);
  g_assert_true (alcove_database_exec (db, "SELECT 1 FROM documents WHERE id = 'd1' AND"
                                           " client_id = '' AND label = '' AND"
                                           " document_date = '' AND kind = ''", &error));
  g_assert_no_error (error);
  /* a practice document is not a client's: it may still be replaced, as before */
  g_assert_true (alcove_database_exec (db, "UPDATE documents SET name = 'p.pdf' WHERE id = 'd1'",
                                       &error));
  g_assert_no_error (error);
  g_assert_false (alcove_database_exec (db, "INSERT INTO documents (id, content_type, size,"
                                            " sha256, contents, added_ms, added_by, kind)"
                                            " VALUES ('d2', 'x', 1, 'h', X'00', 1, 'u',"
                                            " 'poem')", NULL));
}

/* A step that fails leaves the file at v15 as it was: nothing half-added */
static void
test_migration_atomic (void)
{
  g_autoptr(AlcoveDatabase) db = alcove_test_database_at ("practice-v15-blocked.db",
                                                         ALCOVE_STORE_PRACTICE, 15);
  g_autoptr(GError) error = NULL;

  /* the index the step makes already exists: its last statement fails */
  g_assert_true (alcove_database_exec (db, "CREATE INDEX documents_by_client ON documents (id)",
                                       &error));
  g_assert_no_error (error);
  g_assert_false (alcove_database_migrate (db, "main", ALCOVE_STORE_PRACTICE, -1, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==, 15);
  g_assert_false (alcove_database_exec (db, "SELECT client_id, label FROM documents", NULL));
}

/* Written on the session's worker, with its audit row chained onto the session's own: the
 * log verifies; a wrong file is refused before anything is queued; a cancel before the
 * worker reaches it writes nothing */
static void
test_attach_on_worker (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) scan = pdf ();
  g_autoptr(GBytes) image = g_bytes_new_static (png_bytes, sizeof png_bytes);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *none = NULL;
  AlcoveVerifyReport report = { 0 };
  gint64 rows;

  alcove_client_documents_attach_async (f->vault, f->client, scan, "intake.pdf", "Intake",
                                        ALCOVE_DOCUMENT_ASSESSMENT, "2019-04-03", NULL,
                                        read_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  id = alcove_client_documents_attach_finish (f->vault, result, &error);
  g_assert_no_error (error);
  model = list_ok (f, f->client);
  g_assert_nonnull (find (model, id));
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_DOCUMENT_ADD, id), ==, 1);
  g_assert_true (alcove_vault_verify (f->vault, &report, &error));
  g_assert_no_error (error);

  alcove_client_documents_attach_async (f->vault, f->client, image, "scan.pdf", "Scan",
                                        ALCOVE_DOCUMENT_FORM, "2019-04-03", NULL, read_done_cb,
                                        &refused);
  while (refused == NULL)
    g_main_context_iteration (NULL, TRUE);
  none = alcove_client_documents_attach_finish (f->vault, refused, &error);
  g_assert_null (none);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  rows = alcove_test_query_int (f->vault, "SELECT count(*) FROM documents");
  g_cancellable_cancel (cancellable);
  alcove_client_documents_attach_async (f->vault, f->client, scan, "later.pdf", "Later",
                                        ALCOVE_DOCUMENT_NOTE, "2019-04-03", cancellable,
                                        read_done_cb, &cancelled);
  while (cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&none, g_free);
  none = alcove_client_documents_attach_finish (f->vault, cancelled, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM documents"), ==, rows);
}

/* A practice document (a consent form, register evidence) is checked the same way when it is
 * opened: altered bytes are refused and the damage recorded */
static void
test_practice_document_altered (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GBytes) form = pdf ();
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = alcove_documents_add (f->vault, form, "consent.pdf", "application/pdf",
                                              &error);
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  read = alcove_documents_dup (f->vault, id, &name, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "consent.pdf");
  g_clear_pointer (&read, g_bytes_unref);

  g_assert_cmpint (alcove_test_exec_raw (f->vault, "DROP TRIGGER documents_client_fixed;"
                                         "UPDATE documents SET contents = X'255044462D31'"
                                         " WHERE id = '%s'", id), ==, SQLITE_OK);
  read = alcove_documents_dup (f->vault, id, NULL, NULL, &error);
  g_assert_null (read);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "document.hash-mismatch", id), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/client-documents/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("round-trip", test_round_trip);
  ADD ("attach-on-worker", test_attach_on_worker);
  ADD ("refused", test_refused);
  ADD ("roles", test_roles);
  ADD ("audit-holds-no-phi", test_audit_holds_no_phi);
  ADD ("never-searched", test_never_searched);
  ADD ("altered-contents", test_altered_contents);
  ADD ("practice-document-altered", test_practice_document_altered);
  ADD ("disposal", test_disposal);
  ADD ("backup-and-restore", test_backup_and_restore);
#undef ADD
  g_test_add_func ("/client-documents/migration-from-v15", test_migration);
  g_test_add_func ("/client-documents/migration-atomic", test_migration_atomic);

  return g_test_run ();
}
