/* test-client-import.c — client lists from other systems: mapping by header, the preview's
 * judgement of every row, and a commit that writes all the new rows or none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-client-import"

#include "config.h"

#include "alcove-client-import.h"
#include "alcove-error.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

typedef struct
{
  AlcoveVault       *vault;
  AlcoveClientStore *clients;
} Fixture;

static void
fixture_open (Fixture    *fixture,
              const char *dir,
              const char *username,
              const char *password)
{
  g_autoptr(GError) error = NULL;

  fixture->vault = alcove_test_unlocked_vault (dir, username, password);
  fixture->clients = alcove_client_store_new (fixture->vault, &error);
  g_assert_no_error (error);
}

static void
fixture_close (Fixture *fixture)
{
  g_clear_object (&fixture->clients);
  if (fixture->vault != NULL)
    alcove_vault_lock (fixture->vault);
  g_clear_object (&fixture->vault);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_close)

/* A vault whose owner "dana" already has Robin Ellery, born 1988-04-12, and a supervisor */
static void
make_vault (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_auto(Fixture) owner = { 0 };
  g_autoptr(AlcoveClient) robin = alcove_client_new ();
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(GError) error = NULL;

  fixture_open (&owner, dir, "dana", TEST_PASSWORD);
  alcove_client_set_field (robin, ALCOVE_CLIENT_LEGAL_NAME, "Robin  ELLERY");
  alcove_client_set_field (robin, ALCOVE_CLIENT_PREFERRED_NAME, "Robin");
  alcove_client_set_field (robin, ALCOVE_CLIENT_DATE_OF_BIRTH, "1988-04-12");
  g_assert_true (alcove_client_store_save (owner.clients, robin, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_add_user (owner.vault, "lee", "Lee Park", ALCOVE_ROLE_SUPERVISOR,
                                        secret, alcove_test_fast_kdf (), &error));
  g_assert_no_error (error);
}

static AlcoveClientImport *
import_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveCsv *csv;

  g_assert_nonnull (file);
  bytes = g_mapped_file_get_bytes (file);
  csv = alcove_csv_parse (bytes, &error);
  g_assert_no_error (error);
  return alcove_client_import_new (csv);
}

static guint
n_clients (Fixture *fixture)
{
  return g_list_model_get_n_items (alcove_client_store_get_clients (fixture->clients));
}

static void
assert_row (AlcoveClientImport  *import,
            guint                row,
            AlcoveImportRowKind  kind,
            const char          *reason_part)
{
  const char *reason = alcove_client_import_get_reason (import, row);

  g_assert_cmpint (alcove_client_import_get_kind (import, row), ==, kind);
  if (reason_part == NULL)
    g_assert_null (reason);
  else if (reason == NULL || strstr (reason, reason_part) == NULL)
    g_error ("row %u: “%s” does not say “%s”", row, reason, reason_part);
}

static void
test_simplepractice (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(AlcoveClientImport) import = import_fixture ("simplepractice-clients.csv");
  const AlcoveClientMapping *mapping = alcove_client_import_get_mapping (import);
  g_autoptr(GError) error = NULL;
  AlcoveClient *samuel;
  guint written = 0;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  g_assert_cmpstr (alcove_client_import_get_template (import), ==, "simplepractice");
  g_assert_cmpint (mapping->columns[ALCOVE_IMPORT_FIELD_FIRST_NAME], ==, 0);
  g_assert_cmpint (mapping->columns[ALCOVE_IMPORT_FIELD_MIDDLE_NAME], ==, 1);
  g_assert_cmpint (mapping->columns[ALCOVE_IMPORT_FIELD_LAST_NAME], ==, 2);
  g_assert_cmpint (mapping->columns[ALCOVE_IMPORT_FIELD_PREFERRED_NAME], ==, 3);
  g_assert_cmpint (mapping->columns[ALCOVE_IMPORT_FIELD_DATE_OF_BIRTH], ==, 4);
  g_assert_cmpint (mapping->columns[ALCOVE_IMPORT_FIELD_STATUS], ==, 7);
  g_assert_cmpint (mapping->columns[ALCOVE_IMPORT_FIELD_LEGAL_NAME], ==, ALCOVE_IMPORT_NO_COLUMN);
  g_assert_cmpint (mapping->date_order, ==, ALCOVE_DATE_ORDER_MDY);

  g_assert_true (alcove_client_import_classify (import, fixture.clients, &error));
  g_assert_no_error (error);
  assert_row (import, 0, ALCOVE_IMPORT_ROW_DUPLICATE, "already in Alcove");
  assert_row (import, 1, ALCOVE_IMPORT_ROW_NEW, NULL);
  assert_row (import, 2, ALCOVE_IMPORT_ROW_NEW, NULL);
  assert_row (import, 3, ALCOVE_IMPORT_ROW_DUPLICATE, "as line 4");
  assert_row (import, 4, ALCOVE_IMPORT_ROW_INVALID, "“2/30/1992” is not a date");
  assert_row (import, 5, ALCOVE_IMPORT_ROW_INVALID, "spreadsheet formula");
  assert_row (import, 6, ALCOVE_IMPORT_ROW_INVALID, "No name");
  assert_row (import, 7, ALCOVE_IMPORT_ROW_INVALID, "four figures");
  assert_row (import, 8, ALCOVE_IMPORT_ROW_NEW, NULL);
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_NEW), ==, 3);
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_DUPLICATE), ==, 2);
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_INVALID), ==, 4);

  samuel = alcove_client_import_get_client (import, 1);
  g_assert_cmpstr (alcove_client_get_field (samuel, ALCOVE_CLIENT_LEGAL_NAME), ==, "Samuel T. Okafor");
  g_assert_cmpstr (alcove_client_get_field (samuel, ALCOVE_CLIENT_PREFERRED_NAME), ==, "Sam");
  g_assert_cmpstr (alcove_client_get_field (samuel, ALCOVE_CLIENT_DATE_OF_BIRTH), ==, "1979-11-03");
  g_assert_cmpint (alcove_client_get_status (samuel), ==, ALCOVE_CLIENT_DISCHARGED);
  g_assert_cmpstr (alcove_client_get_field (alcove_client_import_get_client (import, 8),
                                            ALCOVE_CLIENT_DATE_OF_BIRTH), ==, "");

  /* the preview wrote nothing */
  g_assert_cmpuint (n_clients (&fixture), ==, 1);
  g_assert_true (alcove_client_import_commit (import, fixture.clients, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 3);
  g_assert_cmpuint (n_clients (&fixture), ==, 4);
  g_assert_cmpint (alcove_test_query_int (fixture.vault, "SELECT count(*) FROM audit_log WHERE "
                                          "action = 'vault.import' AND details LIKE "
                                          "'%%\"clients\":\"3\"%%'"), ==, 1);
  /* no client's name in the audit log, only the count */
  g_assert_cmpint (alcove_test_query_int (fixture.vault, "SELECT count(*) FROM audit_log WHERE "
                                          "details LIKE '%%Okafor%%'"), ==, 0);
}

static void
test_powerdiary (void)
{
  g_autoptr(AlcoveClientImport) import = import_fixture ("powerdiary-clients.csv");
  g_autoptr(GError) error = NULL;
  AlcoveClient *charlie;

  g_assert_cmpint (alcove_csv_get_delimiter (alcove_client_import_get_csv (import)), ==, ';');
  g_assert_cmpstr (alcove_client_import_get_template (import), ==, "powerdiary");
  g_assert_cmpint (alcove_client_import_get_mapping (import)->date_order, ==, ALCOVE_DATE_ORDER_DMY);
  /* no vault: nothing to be a duplicate of */
  g_assert_true (alcove_client_import_classify (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_NEW), ==, 2);
  g_assert_cmpstr (alcove_client_get_field (alcove_client_import_get_client (import, 0),
                                            ALCOVE_CLIENT_DATE_OF_BIRTH), ==, "1988-04-12");
  charlie = alcove_client_import_get_client (import, 1);
  g_assert_cmpstr (alcove_client_get_field (charlie, ALCOVE_CLIENT_PREFERRED_NAME), ==, "Charlie");
  g_assert_cmpstr (alcove_client_get_field (charlie, ALCOVE_CLIENT_PRONOUNS), ==, "she/her");
  g_assert_cmpint (alcove_client_get_status (charlie), ==, ALCOVE_CLIENT_DISCHARGED);

  /* the person reads the dates the other way: the preview follows */
  alcove_client_import_set_date_order (import, ALCOVE_DATE_ORDER_MDY);
  g_assert_true (alcove_client_import_classify (import, NULL, &error));
  g_assert_cmpstr (alcove_client_get_field (alcove_client_import_get_client (import, 0),
                                            ALCOVE_CLIENT_DATE_OF_BIRTH), ==, "1988-12-04");
}

/* A mapping changed by hand is remembered for lists with the same headers, by column */
static void
test_mapping_remembered (void)
{
  g_autoptr(AlcoveClientImport) first = import_fixture ("powerdiary-clients.csv");
  g_autoptr(AlcoveClientImport) second = import_fixture ("powerdiary-clients.csv");
  g_autoptr(AlcoveClientImport) other = import_fixture ("simplepractice-clients.csv");
  g_autofree char *text = NULL;
  g_autofree char *key_first = alcove_client_import_dup_settings_key (first);
  g_autofree char *key_second = alcove_client_import_dup_settings_key (second);
  g_autofree char *key_other = alcove_client_import_dup_settings_key (other);

  alcove_client_import_set_column (first, ALCOVE_IMPORT_FIELD_PREFERRED_NAME, ALCOVE_IMPORT_NO_COLUMN);
  alcove_client_import_set_column (first, ALCOVE_IMPORT_FIELD_PHONE, 5);
  text = alcove_client_import_dup_mapping_text (first);
  g_assert_cmpstr (key_first, ==, key_second);
  g_assert_cmpstr (key_first, !=, key_other);
  g_assert_true (alcove_client_import_load_mapping_text (second, text));
  for (guint f = 0; f < ALCOVE_IMPORT_N_FIELDS; f++)
    g_assert_cmpint (alcove_client_import_get_mapping (second)->columns[f], ==,
                     alcove_client_import_get_mapping (first)->columns[f]);
  /* a saved mapping that names a column this list lacks, or a field Alcove lacks, is refused */
  g_assert_false (alcove_client_import_load_mapping_text (second, "first_name=40;date_order=dmy"));
  g_assert_false (alcove_client_import_load_mapping_text (second, "shoe_size=1"));
  g_assert_cmpstr (alcove_client_import_get_template_name ("simplepractice"), ==,
                   "SimplePractice client list");
}

static void
test_no_name_column (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("Date of Birth,Email\n1988-04-12,a@b.c\n", 36);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveClientImport) import = alcove_client_import_new (alcove_csv_parse (bytes, NULL));

  g_assert_false (alcove_client_import_classify (import, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "No column holds a name"));
}

/* A supervisor may not add clients (billing and the front desk may, as they may edit them):
 * refused, and nothing written */
static void
test_role_refused (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(AlcoveClientImport) import = import_fixture ("powerdiary-clients.csv");
  g_autoptr(GError) error = NULL;

  make_vault (dir);
  fixture_open (&fixture, dir, "lee", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_client_import_commit (import, fixture.clients, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (alcove_test_query_int (fixture.vault, "SELECT count(*) FROM audit_log WHERE "
                                          "action = 'vault.import'"), ==, 0);
}

/* 50,000 rows: judged in one pass (a preview of a large practice's list), duplicates and all */
static void
test_large_list (void)
{
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,Date of Birth\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AlcoveClientImport) import = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (text, "Client,Number %u,1980-01-%02u\n", i % 49999, 1 + (i % 49999) % 28);
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  import = alcove_client_import_new (alcove_csv_parse (bytes, NULL));
  g_test_timer_start ();
  g_assert_true (alcove_client_import_classify (import, NULL, &error));
  /* measured, not asserted: the window judges again on each change of the mapping */
  g_test_message ("50,000 rows judged in %.3f s", g_test_timer_elapsed ());
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_NEW), ==, 49999);
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_DUPLICATE), ==, 1);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static AlcoveClientImport *
load_on_worker (GFile              *file,
                const char * const *identities,
                GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alcove_client_import_load_async (file, identities, NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return alcove_client_import_load_finish (result, error);
}

/* Read and judged on a worker against the vault's clients as the caller saw them */
static void
test_load_on_worker (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                 "simplepractice-clients.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/clients.csv");
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(AlcoveClientImport) import = NULL;
  g_autoptr(AlcoveClientImport) none = NULL;
  g_auto(GStrv) identities = NULL;
  g_autoptr(GError) error = NULL;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  identities = alcove_client_import_dup_identities (fixture.clients);
  g_assert_cmpuint (g_strv_length (identities), ==, 1);
  import = load_on_worker (file, (const char * const *) identities, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_client_import_get_template (import), ==, "simplepractice");
  assert_row (import, 0, ALCOVE_IMPORT_ROW_DUPLICATE, "already in Alcove");
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_NEW), ==, 3);
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_DUPLICATE), ==, 2);
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_INVALID), ==, 4);
  /* what a preview shows of an invalid row: its name and its date as written */
  g_assert_cmpstr (alcove_client_import_get_cell (import, 7, ALCOVE_IMPORT_FIELD_DATE_OF_BIRTH),
                   ==, "01/01/90");
  {
    g_autofree char *name = alcove_client_import_dup_legal_name (import, 7);

    g_assert_cmpstr (name, ==, "Lee Chen");
  }

  none = load_on_worker (missing, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
judged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
judge_on_worker (AlcoveClientImport *import,
                 gboolean            change_mapping_meanwhile)
{
  GAsyncResult *result = NULL;

  alcove_client_import_classify_async (import, NULL, NULL, judged_cb, &result);
  if (change_mapping_meanwhile)
    alcove_client_import_set_date_order (import, ALCOVE_DATE_ORDER_DMY);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

/* Judged on a worker: the verdicts land only if the mapping is still the one judged */
static void
test_classify_on_worker (void)
{
  g_autoptr(AlcoveClientImport) import = import_fixture ("simplepractice-clients.csv");
  g_autoptr(GAsyncResult) stale = judge_on_worker (import, TRUE);
  g_autoptr(GAsyncResult) fresh = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (alcove_client_import_classify_finish (import, stale, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  fresh = judge_on_worker (import, FALSE);
  g_assert_true (alcove_client_import_classify_finish (import, fresh, &error));
  g_assert_no_error (error);
  /* day first: 06/27/2001 is no date, so both Jordans are invalid */
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_NEW), ==, 3);
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_DUPLICATE), ==, 0);
  g_assert_cmpuint (alcove_client_import_count (import, ALCOVE_IMPORT_ROW_INVALID), ==, 6);
}

/* A column chosen by hand makes the mapping the person's, not the template's */
static void
test_template_left_by_hand (void)
{
  g_autoptr(AlcoveClientImport) import = import_fixture ("simplepractice-clients.csv");
  int phone = alcove_client_import_get_mapping (import)->columns[ALCOVE_IMPORT_FIELD_PHONE];

  g_assert_cmpstr (alcove_client_import_get_template (import), ==, "simplepractice");
  /* choosing the column already chosen changes nothing */
  alcove_client_import_set_column (import, ALCOVE_IMPORT_FIELD_PHONE, phone);
  g_assert_cmpstr (alcove_client_import_get_template (import), ==, "simplepractice");
  alcove_client_import_set_column (import, ALCOVE_IMPORT_FIELD_PHONE, ALCOVE_IMPORT_NO_COLUMN);
  g_assert_null (alcove_client_import_get_template (import));
}

/* `rows` new clients, "Given N,Family N,1980-01-dd" */
static AlcoveClientImport *
generated_list (guint rows)
{
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,Date of Birth\n");
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (text, "Given %u,Family %u,1980-01-%02u\n", i, i, 1 + i % 28);
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  return alcove_client_import_new (alcove_csv_parse (bytes, NULL));
}

typedef struct
{
  guint         reports;
  guint         last_done;
  guint         total;
  GCancellable *cancel_at_first;  /* cancelled by the first report, if set */
  GAsyncResult *result;
} Adding;

static void
adding_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  Adding *adding = user_data;

  g_assert_cmpuint (done, >=, adding->last_done);
  adding->reports++;
  adding->last_done = done;
  adding->total = total;
  if (adding->cancel_at_first != NULL)
    g_cancellable_cancel (adding->cancel_at_first);
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ((Adding *) user_data)->result = g_object_ref (result);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  (*changes)++;
}

static gboolean
add_on_worker (Fixture             *fixture,
               AlcoveClientImport  *import,
               Adding              *adding,
               guint               *n_written,
               GError             **error)
{
  alcove_client_import_commit_async (import, fixture->clients, adding_progress_cb, adding,
                                     adding->cancel_at_first, added_cb, adding);
  while (adding->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return alcove_client_import_commit_finish (fixture->clients, adding->result, n_written, error);
}

/* Written on the session's worker, on its own connection: every row, each audited as a new
 * client and signed, the import audited with its count, and the log still one intact chain
 * with the rows the session's own connection writes before and after */
static void
test_commit_on_worker (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(AlcoveClientImport) import = generated_list (1200);
  g_autoptr(AlcoveClient) later = alcove_client_new ();
  AlcoveVerifyReport report = { 0 };
  Adding adding = { 0 };
  guint n_written = 0, changes = 0;
  g_autoptr(GError) error = NULL;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  g_signal_connect (alcove_client_store_get_clients (fixture.clients), "items-changed",
                    G_CALLBACK (items_changed_cb), &changes);
  g_assert_true (add_on_worker (&fixture, import, &adding, &n_written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_written, ==, 1200);
  g_assert_cmpuint (n_clients (&fixture), ==, 1201);
  g_assert_cmpuint (changes, ==, 1);  /* one change to the list, not one a client */
  g_assert_cmpuint (adding.reports, >=, 1);
  g_assert_cmpuint (adding.total, ==, 1200);
  g_assert_cmpint (alcove_test_query_int (fixture.vault, "SELECT count(*) FROM clients"), ==, 1201);
  g_assert_cmpint (alcove_test_query_int (fixture.vault, "SELECT count(*) FROM audit_log WHERE "
                                          "action = 'client.create'"), ==, 1201);
  g_assert_cmpint (alcove_test_query_int (fixture.vault, "SELECT count(*) FROM audit_log WHERE "
                                          "action = 'vault.import' AND details LIKE "
                                          "'%%\"1200\"%%'"), ==, 1);

  /* the session's connection goes on writing after the worker's rows */
  alcove_client_set_field (later, ALCOVE_CLIENT_PREFERRED_NAME, "Later");
  g_assert_true (alcove_client_store_save (fixture.clients, later, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_verify (fixture.vault, &report, &error));
  g_assert_no_error (error);
}

/* Cancelled after some rows were written (as a lock or closing the window does): the
 * transaction is rolled back, and neither the vault nor the list holds any of them */
static void
test_commit_cancelled (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(AlcoveClientImport) import = generated_list (3000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Adding adding = { .cancel_at_first = cancellable };
  gint64 audit_rows;
  g_autoptr(GError) error = NULL;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  audit_rows = alcove_test_query_int (fixture.vault, "SELECT count(*) FROM audit_log");
  g_assert_false (add_on_worker (&fixture, import, &adding, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (adding.reports, ==, 1);
  g_assert_cmpuint (adding.last_done, >, 0);
  g_assert_cmpuint (n_clients (&fixture), ==, 1);
  g_assert_cmpint (alcove_test_query_int (fixture.vault, "SELECT count(*) FROM clients"), ==, 1);
  g_assert_cmpint (alcove_test_query_int (fixture.vault, "SELECT count(*) FROM audit_log"), ==,
                   audit_rows);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);
  g_test_add_func ("/client-import/simplepractice", test_simplepractice);
  g_test_add_func ("/client-import/powerdiary", test_powerdiary);
  g_test_add_func ("/client-import/mapping-remembered", test_mapping_remembered);
  g_test_add_func ("/client-import/no-name-column", test_no_name_column);
  g_test_add_func ("/client-import/role-refused", test_role_refused);
  g_test_add_func ("/client-import/large-list", test_large_list);
  g_test_add_func ("/client-import/load-on-worker", test_load_on_worker);
  g_test_add_func ("/client-import/classify-on-worker", test_classify_on_worker);
  g_test_add_func ("/client-import/template-left-by-hand", test_template_left_by_hand);
  g_test_add_func ("/client-import/commit-on-worker", test_commit_on_worker);
  g_test_add_func ("/client-import/commit-cancelled", test_commit_cancelled);
  return g_test_run ();
}
