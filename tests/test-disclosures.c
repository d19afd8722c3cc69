/* test-disclosures.c — the disclosure log: recording, append-only, the 164.528 accounting,
 * audit rows without PHI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-disclosures"

#include "config.h"

#include <string.h>

#include "alcove-client-store.h"
#include "alcove-disclosure-rules.h"
#include "alcove-disclosure-store.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* Words that must never reach the audit log */
#define RECIPIENT     "Dr. Quillon Marchbanks"
#define ADDRESS       "14 Quayside Lane"
#define DESCRIPTION   "Zephyrine intake summary"
#define JUSTIFICATION "Ordered in case Xanthippe 24-117"

typedef struct
{
  char                  *dir;
  AlcoveVault           *vault;
  AlcoveClientStore     *clients;
  AlcoveDisclosureStore *store;
  char                  *client_id;
  char                  *other_id;
} Fixture;

static void
open_stores (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->clients = alcove_client_store_new (f->vault, &error);
  g_assert_no_error (error);
  f->store = alcove_disclosure_store_new (f->vault, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
close_stores (Fixture *f)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
}

static char *
add_client (Fixture    *f,
            const char *name)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, name);
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_client_get_id (client));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  f->vault = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  open_stores (f);
  f->client_id = add_client (f, "Wilhelmina Oduya");
  f->other_id = add_client (f, "Bartholomew Kesh");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_stores (f);
  g_free (f->client_id);
  g_free (f->other_id);
  g_free (f->dir);
}

static sqlite3 *
handle_of (Fixture *f)
{
  return alcove_database_get_handle (alcove_vault_get_database (f->vault));
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (f), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

/* What a person asks to share: attendance, to RECIPIENT, of a kind the basis allows */
typedef struct
{
  AlcoveDisclosureRequest request;
  const char             *categories[2];
  GDate                  *day;
  const char             *description;
} Share;

static const char *
kind_for (const char *basis_id)
{
  const AlcoveDisclosureBasis *basis = alcove_disclosure_basis_lookup (basis_id);

  return basis && basis->recipients[0] ? basis->recipients[0] : "health-care-provider";
}

static Share *
share_new (const char *client_id,
           const char *day,
           const char *basis,
           const char *justification,
           const char *document_id)
{
  Share *share = g_new0 (Share, 1);

  share->categories[0] = "attendance";
  share->day = g_date_new ();
  g_date_set_parse (share->day, day);
  share->description = DESCRIPTION;
  share->request = (AlcoveDisclosureRequest) {
    .client_id = client_id, .recipient = RECIPIENT, .recipient_kind = kind_for (basis),
    .attested = TRUE, .categories = share->categories, .purpose = "legal", .basis = basis,
    .justification = justification, .document_id = document_id, .day = share->day };
  return share;
}

static void
share_free (Share *share)
{
  g_date_free (share->day);
  g_free (share);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Share, share_free)

static AlcoveDisclosure *
share (Fixture *f,
       Share   *what,
       GError **error)
{
  return alcove_disclosure_store_share (f->store, &what->request, ADDRESS, what->description,
                                        error);
}

/* An authorization of the client to RECIPIENT for attendance, in effect on the day */
static void
add_release (Fixture    *f,
             const char *client_id)
{
  g_autoptr(AlcoveConsent) consent = alcove_test_add_release (f->vault, client_id, RECIPIENT,
                                                              "attendance", "legal",
                                                              "2020-01-01", "2026-12-31");
}

static char *
record (Fixture    *f,
        const char *client_id,
        const char *day,
        const char *basis)
{
  g_autoptr(Share) what = share_new (client_id, day, basis, JUSTIFICATION, "document-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveDisclosure) disclosure = share (f, what, &error);

  g_assert_no_error (error);
  g_assert_nonnull (disclosure);
  return g_strdup (alcove_disclosure_get_id (disclosure));
}

static void
test_record (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Share) what = share_new (f->client_id, "2025-03-04", ALCOVE_BASIS_COURT_ORDER,
                                     JUSTIFICATION, "document-1");
  g_autoptr(AlcoveDisclosure) disclosure = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *statement = NULL;
  AlcoveDisclosure *stored;
  gint64 before = g_get_real_time () / 1000;

  /* the store decides what the accounting lists, from the basis */
  disclosure = share (f, what, &error);
  g_assert_no_error (error);
  g_assert_nonnull (alcove_disclosure_get_id (disclosure));
  g_assert_true (alcove_disclosure_get_accountable (disclosure));
  g_assert_cmpint (alcove_disclosure_get_at_ms (disclosure), >=, before);

  log = alcove_disclosure_store_list_for_client (f->store, f->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  stored = g_ptr_array_index (log, 0);
  g_assert_cmpstr (alcove_disclosure_get_id (stored), ==, alcove_disclosure_get_id (disclosure));
  g_assert_cmpstr (alcove_disclosure_get_field (stored, ALCOVE_DISCLOSURE_DAY), ==, "2025-03-04");
  g_assert_cmpstr (alcove_disclosure_get_field (stored, ALCOVE_DISCLOSURE_RECIPIENT), ==, RECIPIENT);
  g_assert_cmpstr (alcove_disclosure_get_field (stored, ALCOVE_DISCLOSURE_RECIPIENT_ADDRESS), ==,
                   ADDRESS);
  g_assert_cmpstr (alcove_disclosure_get_field (stored, ALCOVE_DISCLOSURE_DESCRIPTION), ==,
                   DESCRIPTION);
  g_assert_cmpstr (alcove_disclosure_get_field (stored, ALCOVE_DISCLOSURE_PURPOSE), ==, "legal");
  g_assert_cmpstr (alcove_disclosure_get_field (stored, ALCOVE_DISCLOSURE_BASIS), ==, "court-order");
  g_assert_cmpstr (alcove_disclosure_get_field (stored, ALCOVE_DISCLOSURE_JUSTIFICATION), ==,
                   JUSTIFICATION);
  g_assert_cmpstr (alcove_disclosure_get_field (stored, ALCOVE_DISCLOSURE_DOCUMENT_ID), ==,
                   "document-1");
  g_assert_cmpstr (alcove_disclosure_get_field (stored, ALCOVE_DISCLOSURE_BY), ==,
                   alcove_user_get_uuid (alcove_vault_get_current_user (f->vault)));
  g_assert_true (alcove_disclosure_get_accountable (stored));
  g_assert_false (alcove_disclosure_get_psychotherapy (stored));
  g_assert_cmpint (alcove_disclosure_get_at_ms (stored), ==, alcove_disclosure_get_at_ms (disclosure));
  statement = alcove_disclosure_dup_statement (stored);
  g_assert_cmpstr (statement, ==, "Legal proceedings. Court order: " JUSTIFICATION);

  /* one audit row, naming the disclosure */
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_DISCLOSURE_RECORD,
                                            alcove_disclosure_get_id (disclosure)), ==, 1);

  /* another client's log does not show it */
  g_clear_pointer (&log, g_ptr_array_unref);
  log = alcove_disclosure_store_list_for_client (f->store, f->other_id, &error);
  g_assert_cmpuint (log->len, ==, 0);
}

static void
expect_refused (Fixture    *f,
                Share      *what,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveDisclosure) disclosure = NULL;
  gint64 rows = count_rows (f, "SELECT count(*) FROM disclosures");
  gint64 audit_rows = count_rows (f, "SELECT count(*) FROM audit_log");

  disclosure = share (f, what, &error);
  g_assert_null (disclosure);
  g_assert_error (error, ALCOVE_VAULT_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM disclosures"), ==, rows);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"), ==, audit_rows);
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *future = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autoptr(AlcoveDisclosure) recorded = NULL;
  Share *d = NULL;

  d = share_new (f->client_id, "2025-03-04", ALCOVE_BASIS_TREATMENT, "", "");
  d->description = "";
  expect_refused (f, d, ALCOVE_VAULT_ERROR_INVALID, "Describe briefly");
  g_clear_pointer (&d, share_free);

  d = share_new (f->client_id, future, ALCOVE_BASIS_TREATMENT, "", "");
  expect_refused (f, d, ALCOVE_VAULT_ERROR_INVALID, "not in the future");
  g_clear_pointer (&d, share_free);

  d = share_new (f->client_id, "2025-02-30", ALCOVE_BASIS_TREATMENT, "", "");
  expect_refused (f, d, ALCOVE_VAULT_ERROR_INVALID, "YYYY-MM-DD");
  g_clear_pointer (&d, share_free);

  d = share_new (f->client_id, "2025-03-04", ALCOVE_BASIS_COURT_ORDER, JUSTIFICATION, "");
  expect_refused (f, d, ALCOVE_VAULT_ERROR_INVALID, "Attach the document");
  g_clear_pointer (&d, share_free);

  d = share_new (f->client_id, "2025-03-04", ALCOVE_BASIS_DUTY_TO_WARN, "  ", "");
  expect_refused (f, d, ALCOVE_VAULT_ERROR_INVALID, "Say why");
  g_clear_pointer (&d, share_free);

  /* no authorization on file for this client */
  d = share_new (f->client_id, "2025-03-04", ALCOVE_BASIS_AUTHORIZATION, "", "");
  expect_refused (f, d, ALCOVE_VAULT_ERROR_PERMISSION_DENIED, "no authorization on file");
  g_clear_pointer (&d, share_free);

  d = share_new (f->client_id, "2025-03-04", "gossip", "", "");
  expect_refused (f, d, ALCOVE_VAULT_ERROR_INVALID, "Choose the basis");
  g_clear_pointer (&d, share_free);

  d = share_new (f->client_id, "2025-03-04", ALCOVE_BASIS_TREATMENT, "", "");
  d->categories[0] = NULL;
  d->request.includes_psychotherapy_notes = TRUE;
  expect_refused (f, d, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                  "Psychotherapy notes need their own authorization");
  g_clear_pointer (&d, share_free);

  /* the rules themselves, whatever the caller: treatment to an employer, unconfirmed */
  d = share_new (f->client_id, "2025-03-04", ALCOVE_BASIS_TREATMENT, "", "");
  d->request.recipient_kind = "employer-or-school";
  expect_refused (f, d, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                  "does not allow sharing with this recipient");
  d->request.recipient_kind = "health-care-provider";
  d->request.attested = FALSE;
  expect_refused (f, d, ALCOVE_VAULT_ERROR_INVALID, "Confirm before sharing");
  g_clear_pointer (&d, share_free);

  /* psychotherapy notes under duty to warn are recorded, and flagged */
  d = share_new (f->client_id, "2025-03-04", ALCOVE_BASIS_DUTY_TO_WARN, JUSTIFICATION, "");
  d->categories[0] = NULL;
  d->request.includes_psychotherapy_notes = TRUE;
  recorded = share (f, d, NULL);
  g_assert_nonnull (recorded);
  g_assert_true (alcove_disclosure_get_psychotherapy (recorded));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM disclosures WHERE psychotherapy = 1"), ==, 1);
  g_clear_pointer (&d, share_free);
}

/* Neither the store nor raw SQL can change or remove an entry */
static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = record (f, f->client_id, "2025-03-04", ALCOVE_BASIS_COURT_ORDER);
  g_autofree char *update = g_strdup_printf ("UPDATE disclosures SET recipient = 'nobody'"
                                             " WHERE id = '%s'", id);
  g_autofree char *delete = g_strdup_printf ("DELETE FROM disclosures WHERE id = '%s'", id);
  g_autofree char *clear_flag = g_strdup_printf ("UPDATE disclosures SET accountable = 0"
                                                 " WHERE id = '%s'", id);
  g_autoptr(GPtrArray) log = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_exec (handle_of (f), update, NULL, NULL, &message) & 0xff, ==,
                   SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (handle_of (f), delete, NULL, NULL, NULL) & 0xff, ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle_of (f), clear_flag, NULL, NULL, NULL) & 0xff, ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle_of (f), "DELETE FROM disclosures", NULL, NULL, NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);

  /* still there, unchanged, after locking and unlocking */
  close_stores (f);
  f->vault = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  open_stores (f);
  log = alcove_disclosure_store_list_for_client (f->store, f->client_id, NULL);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (alcove_disclosure_get_field (g_ptr_array_index (log, 0),
                                                ALCOVE_DISCLOSURE_RECIPIENT), ==, RECIPIENT);
  g_assert_true (alcove_disclosure_get_accountable (g_ptr_array_index (log, 0)));
}

/* Only what 164.528 requires, within six years up to the day asked, oldest first */
static void
test_accounting (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GDate) day = g_date_new_dmy (10, 3, 2025);
  g_autoptr(GPtrArray) accounting = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *too_old = (add_release (f, f->client_id),
                              record (f, f->client_id, "2019-03-09", ALCOVE_BASIS_COURT_ORDER));
  g_autofree char *boundary = record (f, f->client_id, "2019-03-10", ALCOVE_BASIS_DUTY_TO_WARN);
  g_autofree char *law = record (f, f->client_id, "2023-05-05", ALCOVE_BASIS_REQUIRED_BY_LAW);
  g_autofree char *authorized = record (f, f->client_id, "2024-01-01", ALCOVE_BASIS_AUTHORIZATION);
  g_autofree char *treatment = record (f, f->client_id, "2024-02-02", ALCOVE_BASIS_TREATMENT);
  g_autofree char *own = record (f, f->client_id, "2024-02-03", ALCOVE_BASIS_CLIENT_REQUEST);
  g_autofree char *report = record (f, f->client_id, "2021-07-01", ALCOVE_BASIS_MANDATORY);
  g_autofree char *last_day = record (f, f->client_id, "2025-03-10", ALCOVE_BASIS_COURT_ORDER);
  g_autofree char *after = record (f, f->client_id, "2025-03-11", ALCOVE_BASIS_COURT_ORDER);
  g_autofree char *others = record (f, f->other_id, "2024-06-06", ALCOVE_BASIS_COURT_ORDER);
  const char *expected[] = { boundary, report, law, last_day };

  accounting = alcove_disclosure_store_accounting (f->store, f->client_id, day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounting->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < accounting->len; i++)
    {
      AlcoveDisclosure *d = g_ptr_array_index (accounting, i);

      g_assert_cmpstr (alcove_disclosure_get_id (d), ==, expected[i]);
      g_assert_true (alcove_disclosure_get_accountable (d));
    }

  /* the full log has every basis, newest first */
  log = alcove_disclosure_store_list_for_client (f->store, f->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 9);
  g_assert_cmpstr (alcove_disclosure_get_id (g_ptr_array_index (log, 0)), ==, after);
  g_assert_cmpstr (alcove_disclosure_get_id (g_ptr_array_index (log, 8)), ==, too_old);
  for (guint i = 1; i < log->len; i++)
    g_assert_cmpstr (alcove_disclosure_get_field (g_ptr_array_index (log, i - 1),
                                                  ALCOVE_DISCLOSURE_DAY), >=,
                     alcove_disclosure_get_field (g_ptr_array_index (log, i),
                                                  ALCOVE_DISCLOSURE_DAY));

  /* a leap day: six years before 2024-02-29 is 2018-02-28 */
  {
    g_autoptr(GDate) leap = g_date_new_dmy (29, 2, 2024);
    g_autofree char *leap_edge = record (f, f->other_id, "2018-02-28", ALCOVE_BASIS_MANDATORY);
    g_autofree char *leap_out = record (f, f->other_id, "2018-02-27", ALCOVE_BASIS_MANDATORY);
    g_autoptr(GPtrArray) leap_accounting = alcove_disclosure_store_accounting (f->store,
                                                                               f->other_id, leap,
                                                                               &error);

    g_assert_cmpuint (leap_accounting->len, ==, 1);
    g_assert_cmpstr (alcove_disclosure_get_id (g_ptr_array_index (leap_accounting, 0)), ==,
                     leap_edge);
  }
  (void) authorized; (void) treatment; (void) own; (void) others;
}

/* The audit rows of disclosures: ids and enum-like words, never who or what */
static void
test_audit_without_phi (Fixture       *f,
                        gconstpointer  data)
{
  const char *markers[] = { RECIPIENT, "Quillon", ADDRESS, DESCRIPTION, "Zephyrine",
                            JUSTIFICATION, "Xanthippe", "Wilhelmina" };
  g_autofree char *id = record (f, f->client_id, "2025-03-04", ALCOVE_BASIS_COURT_ORDER);
  sqlite3_stmt *stmt = NULL;
  guint rows = 0;

  alcove_disclosure_store_record_print (f->store, f->client_id, FALSE);
  alcove_disclosure_store_record_print (f->store, f->client_id, TRUE);
  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (f), "SELECT action, object_id, details"
                                       " FROM audit_log WHERE action LIKE 'disclosure.%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *row = g_strjoin ("|", sqlite3_column_text (stmt, 0),
                                        sqlite3_column_text (stmt, 1),
                                        sqlite3_column_text (stmt, 2), NULL);

      for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
        if (strstr (row, markers[m]) != NULL)
          g_error ("audit row “%s” holds “%s”", row, markers[m]);
      if (g_str_equal ((const char *) sqlite3_column_text (stmt, 0), ALCOVE_AUDIT_DISCLOSURE_RECORD))
        {
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, id);
          g_assert_nonnull (strstr (row, f->client_id));
          g_assert_nonnull (strstr (row, "\"basis\":\"court-order\""));
          g_assert_nonnull (strstr (row, "\"accountable\":\"yes\""));
        }
      rows++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (rows, ==, 3);
}

/* A supervisor reads the log but records nothing */
static void
test_supervisor (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Share) d = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *id = record (f, f->client_id, "2025-03-04", ALCOVE_BASIS_TREATMENT);

  alcove_test_add_user (f->vault, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  close_stores (f);
  f->vault = alcove_test_unlocked_vault (f->dir, "rui", TEST_OTHER_PASSWORD);
  open_stores (f);
  g_assert_false (alcove_disclosure_store_can_record (f->store));
  d = share_new (f->client_id, "2025-03-05", ALCOVE_BASIS_TREATMENT, "", "");
  expect_refused (f, d, ALCOVE_VAULT_ERROR_PERMISSION_DENIED, "may read the disclosure log");
  log = alcove_disclosure_store_list_for_client (f->store, f->client_id, NULL);
  g_assert_cmpuint (log->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/disclosures/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("record", test_record);
  ADD ("invalid", test_invalid);
  ADD ("append-only", test_append_only);
  ADD ("accounting", test_accounting);
  ADD ("audit-without-phi", test_audit_without_phi);
  ADD ("supervisor", test_supervisor);
#undef ADD
  return g_test_run ();
}
