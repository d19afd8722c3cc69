/* test-measure-store.c — outcome measures given in session: kept in the clinician's notes
 * store and never in practice.db, scored again from the answers on every read, immutable
 * against raw SQL, audited with ids only, unreadable by billing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-measure-store"

#include "config.h"

#include <string.h>

#include "alcove-audit-actions.h"
#include "alcove-client-store.h"
#include "alcove-error.h"
#include "alcove-measure-store.h"
#include "alcove-note-store.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define NAME_ZOE "Zoë Quillfeather"

typedef struct
{
  char               *dir;
  AlcoveVault        *vault;
  AlcoveClientStore  *clients;
  AlcoveNoteStore    *notes;
  AlcoveMeasureStore *measures;
  char               *client_id;
} Fixture;

static void
open_stores (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->clients = alcove_client_store_new (f->vault, &error);
  g_assert_no_error (error);
  f->notes = alcove_note_store_new (f->clients);
  f->measures = alcove_measure_store_new (f->notes);
}

static void
close_stores (Fixture *f)
{
  g_clear_object (&f->measures);
  g_clear_object (&f->notes);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
}

static void
reopen_as (Fixture    *f,
           const char *username,
           const char *password)
{
  close_stores (f);
  f->vault = alcove_test_unlocked_vault (f->dir, username, password);
  open_stores (f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  f->vault = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  open_stores (f);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, NAME_ZOE);
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);
  f->client_id = g_strdup (alcove_client_get_id (client));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_stores (f);
  g_free (f->client_id);
  g_free (f->dir);
}

/* PHQ-9 answers totalling `total` (at most 27), item 9 at `item9` */
static GHashTable *
phq9_answers (int total,
              int item9)
{
  GHashTable *answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int left = total - item9;

  g_assert_cmpint (left, >=, 0);
  g_assert_cmpint (left, <=, 24);
  for (int i = 1; i <= 8; i++)
    {
      int score = MIN (left, 3);

      g_hash_table_insert (answers, g_strdup_printf ("phq9_%d", i), GINT_TO_POINTER (score + 1));
      left -= score;
    }
  g_hash_table_insert (answers, g_strdup ("phq9_9"), GINT_TO_POINTER (item9 + 1));
  return answers;
}

static AlcoveMeasureAdministration *
give_phq9 (Fixture    *f,
           const char *date,
           int         total,
           int         item9)
{
  g_autoptr(GHashTable) answers = phq9_answers (total, item9);
  g_autoptr(GError) error = NULL;
  AlcoveMeasureAdministration *given;

  given = alcove_measure_store_administer (f->measures, f->client_id, "phq9", date, "",
                                           answers, item9 > 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (given);
  return given;
}

static char *
own_schema (Fixture *f)
{
  g_autofree char *id = g_strconcat ("notes:",
                                     alcove_user_get_uuid (alcove_vault_get_current_user (f->vault)),
                                     NULL);
  return alcove_vault_schema_for (id);
}

static void
added_cb (AlcoveMeasureStore          *store,
          AlcoveMeasureAdministration *administration,
          guint                       *count)
{
  (*count)++;
}

static void
test_administer_and_list (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(AlcoveMeasureAdministration) first = NULL;
  g_autoptr(AlcoveMeasureAdministration) second = NULL;
  g_autoptr(AlcoveMeasureAdministration) third = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schema = own_schema (f);
  AlcoveMeasureAdministration *baseline, *prior, *latest;
  guint added = 0;

  g_signal_connect (f->measures, "administration-added", G_CALLBACK (added_cb), &added);
  g_assert_true (alcove_measure_store_can_administer (f->measures));
  /* given out of date order: the list is by date */
  third = give_phq9 (f, "2026-03-01", 7, 0);
  first = give_phq9 (f, "2026-01-10", 18, 0);
  second = give_phq9 (f, "2026-02-01", 12, 0);
  g_assert_cmpuint (added, ==, 3);
  g_assert_cmpint (alcove_measure_administration_get_total (first), ==, 18);
  g_assert_cmpstr (alcove_measure_administration_get_band_id (first), ==, "moderately_severe");

  /* kept in the clinician's notes store, nowhere in practice.db */
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM %s.measure_administrations",
                                          schema), ==, 3);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM main.sqlite_master"
                                          " WHERE name LIKE '%%measure%%'"), ==, 0);
  /* audited with ids only */
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_MEASURE_ADMINISTER,
                                            alcove_measure_administration_get_id (first)), ==, 1);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM main.audit_log"
                                          " WHERE instr (details, 'phq9_') > 0 OR instr (details, 'Quill') > 0"),
                   ==, 0);

  reopen_as (f, "dana", TEST_PASSWORD);
  list = alcove_measure_store_list (f->measures, f->client_id, "phq9", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  alcove_measure_store_pick (list, &baseline, &prior, &latest);
  g_assert_cmpstr (alcove_measure_administration_get_administered_on (baseline), ==, "2026-01-10");
  g_assert_cmpstr (alcove_measure_administration_get_administered_on (prior), ==, "2026-02-01");
  g_assert_cmpstr (alcove_measure_administration_get_administered_on (latest), ==, "2026-03-01");
  g_assert_cmpint (alcove_measure_administration_get_total (latest), ==, 7);
  g_assert_cmpstr (alcove_measure_administration_get_band_id (latest), ==, "mild");
  g_clear_object (&list);
  list = alcove_measure_store_list (f->measures, f->client_id, "gad7", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  alcove_measure_store_pick (list, &baseline, &prior, &latest);
  g_assert_null (baseline);
  g_assert_null (latest);
}

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AlcoveMeasureAdministration) a = give_phq9 (f, "2026-01-10", 18, 0);
  g_autoptr(AlcoveMeasureAdministration) b = NULL;
  g_autoptr(AlcoveMeasureAdministration) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *one = NULL;
  g_autofree char *three = NULL;
  g_autofree char *none = NULL;

  one = alcove_measure_store_summarize (f->measures, f->client_id, "phq9", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (one, ": baseline 18 (Moderately severe depression)."));
  b = give_phq9 (f, "2026-02-01", 12, 1);
  c = give_phq9 (f, "2026-03-01", 7, 0);
  three = alcove_measure_store_summarize (f->measures, f->client_id, "phq9", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (three, "baseline 18 (Moderately severe depression), prior 12"
                                   " (Moderate depression), latest 7 (Mild depression)"));
  /* the acknowledged risk prompt goes into the note */
  g_assert_nonnull (strstr (three, "Risk prompt ("));
  g_assert_nonnull (strstr (three, "acknowledged"));
  none = alcove_measure_store_summarize (f->measures, f->client_id, "gad7", &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_assert_null (none);
}

static void
test_risk_prompt (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) answers = phq9_answers (10, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveMeasureAdministration) refused = NULL;
  g_autoptr(AlcoveMeasureAdministration) given = NULL;
  g_autoptr(AlcoveMeasureAdministration) calm = give_phq9 (f, "2026-01-01", 10, 0);
  g_autofree char *schema = own_schema (f);

  refused = alcove_measure_store_administer (f->measures, f->client_id, "phq9", "2026-01-02",
                                             "", answers, FALSE, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM %s.measure_administrations",
                                          schema), ==, 1);
  given = alcove_measure_store_administer (f->measures, f->client_id, "phq9", "2026-01-02",
                                           "", answers, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alcove_measure_administration_get_alert_ids (given)->len, ==, 1);
  g_assert_cmpint (alcove_measure_administration_get_acknowledged_ms (given), >, 0);
  g_assert_cmpint (alcove_measure_administration_get_acknowledged_ms (calm), ==, 0);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT acknowledged_ms > 0 FROM"
                                          " %s.measure_administrations WHERE id = '%s'", schema,
                                          alcove_measure_administration_get_id (given)), ==, 1);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GHashTable) answers = phq9_answers (5, 0);
  g_autoptr(GHashTable) partial = phq9_answers (5, 0);
  g_autoptr(GError) error = NULL;
  AlcoveMeasureAdministration *none;

  none = alcove_measure_store_administer (f->measures, f->client_id, "nope", "2026-01-01", "",
                                          answers, FALSE, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_null (none);
  g_clear_error (&error);
  none = alcove_measure_store_administer (f->measures, "no-such-client", "phq9", "2026-01-01",
                                          "", answers, FALSE, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  none = alcove_measure_store_administer (f->measures, f->client_id, "phq9", "2026-13-45", "",
                                          answers, FALSE, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_hash_table_remove (partial, "phq9_3");
  none = alcove_measure_store_administer (f->measures, f->client_id, "phq9", "2026-01-01", "",
                                          partial, FALSE, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_hash_table_insert (answers, g_strdup ("phq9_1"), GINT_TO_POINTER (9 + 1));
  none = alcove_measure_store_administer (f->measures, f->client_id, "phq9", "2026-01-01", "",
                                          answers, FALSE, &error);
  g_assert_nonnull (error);
  g_assert_null (none);
}

/* An insider with the keys: rows refuse change and deletion; a total written by hand is
 * never believed, and answers that no longer score are not shown */
static void
test_raw_sql (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AlcoveMeasureAdministration) given = give_phq9 (f, "2026-01-10", 18, 0);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schema = own_schema (f);
  g_autoptr(AlcoveMeasureAdministration) read = NULL;
  const char *id = alcove_measure_administration_get_id (given);

  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE %s.measure_administrations SET"
                                         " total = 2 WHERE id = '%s'", schema, id), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE %s.measure_administrations SET"
                                         " answers = '{}' WHERE id = '%s'", schema, id), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE %s.measure_administrations SET"
                                         " acknowledged_ms = 0", schema), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "DELETE FROM %s.measure_administrations",
                                         schema), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT total FROM %s.measure_administrations",
                                          schema), ==, 18);

  /* a row inserted by hand with a total and band its answers do not give */
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "INSERT INTO %s.measure_administrations"
                                         " (id, client_id, measure_id, administered_on, answers,"
                                         " total, band, created_ms, author) VALUES ('forged',"
                                         " '%s', 'phq9', '2026-02-01', '{\"phq9_1\":0,\"phq9_2\":0,"
                                         "\"phq9_3\":0,\"phq9_4\":0,\"phq9_5\":0,\"phq9_6\":0,"
                                         "\"phq9_7\":0,\"phq9_8\":0,\"phq9_9\":1}', 0, 'minimal',"
                                         " 1, 'x')", schema, f->client_id), ==, SQLITE_OK);
  /* and one whose answers do not score */
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "INSERT INTO %s.measure_administrations"
                                         " (id, client_id, measure_id, administered_on, answers,"
                                         " total, created_ms, author) VALUES ('broken', '%s',"
                                         " 'phq9', '2026-02-02', '{\"phq9_1\":7}', 27, 1, 'x')",
                                         schema, f->client_id), ==, SQLITE_OK);
  g_test_expect_message ("alcove-measure-store", G_LOG_LEVEL_WARNING, "*broken*");
  list = alcove_measure_store_list (f->measures, f->client_id, "phq9", &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  read = g_list_model_get_item (list, 1);
  g_assert_cmpstr (alcove_measure_administration_get_id (read), ==, "forged");
  g_assert_cmpint (alcove_measure_administration_get_total (read), ==, 1);
  g_assert_cmpuint (alcove_measure_administration_get_alert_ids (read)->len, ==, 1);
}

/* Billing holds the practice key only: no answers, no totals */
static void
test_billing_sees_none (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AlcoveMeasureAdministration) given = give_phq9 (f, "2026-01-10", 18, 0);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GHashTable) answers = phq9_answers (3, 0);
  g_autoptr(GError) error = NULL;
  AlcoveMeasureAdministration *none;

  alcove_test_add_user (f->vault, "bea", "Bea Ledger", ALCOVE_ROLE_BILLING);
  reopen_as (f, "bea", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_measure_store_can_read (f->measures));
  g_assert_false (alcove_measure_store_can_administer (f->measures));
  list = alcove_measure_store_list (f->measures, f->client_id, "phq9", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  none = alcove_measure_store_administer (f->measures, f->client_id, "phq9", "2026-01-11", "",
                                          answers, FALSE, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_null (none);
}

/* A measure belongs to a session: one of the client's, whose date it takes, or a new one
 * recorded with it; a session of another client or another date is refused, and a refused
 * measure leaves no new session behind */
static void
test_sessions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GHashTable) answers = phq9_answers (8, 0);
  g_autoptr(AlcoveSession) past = alcove_session_new ();
  g_autoptr(AlcoveSession) other = alcove_session_new ();
  g_autoptr(AlcoveClient) someone = alcove_client_new ();
  g_autoptr(AlcoveMeasureAdministration) given = NULL;
  g_autoptr(AlcoveMeasureAdministration) fresh = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveMeasureAdministration *none;
  g_autoptr(GHashTable) partial = phq9_answers (8, 0);

  alcove_client_set_field (someone, ALCOVE_CLIENT_PREFERRED_NAME, "Someone Else");
  g_assert_true (alcove_client_store_save (f->clients, someone, &error));
  alcove_session_set_field (past, ALCOVE_SESSION_CLIENT_ID, f->client_id);
  alcove_session_set_field (past, ALCOVE_SESSION_DATE, "2026-03-07");
  g_assert_true (alcove_client_store_save_session (f->clients, past, &error));
  alcove_session_set_field (other, ALCOVE_SESSION_CLIENT_ID, alcove_client_get_id (someone));
  alcove_session_set_field (other, ALCOVE_SESSION_DATE, "2026-03-07");
  g_assert_true (alcove_client_store_save_session (f->clients, other, &error));
  g_assert_no_error (error);

  given = alcove_measure_store_administer_in_session (f->measures, f->client_id, "phq9",
                                                      "2026-03-07", alcove_session_get_id (past),
                                                      answers, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_measure_administration_get_session_id (given), ==,
                   alcove_session_get_id (past));
  none = alcove_measure_store_administer_in_session (f->measures, f->client_id, "phq9",
                                                     "2026-03-08", alcove_session_get_id (past),
                                                     answers, FALSE, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_null (none);
  g_clear_error (&error);
  none = alcove_measure_store_administer_in_session (f->measures, f->client_id, "phq9",
                                                     "2026-03-07", alcove_session_get_id (other),
                                                     answers, FALSE, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  /* a new session, recorded with the measure */
  fresh = alcove_measure_store_administer_in_session (f->measures, f->client_id, "phq9",
                                                      "2026-04-01", "", answers, FALSE, &error);
  g_assert_no_error (error);
  sessions = alcove_client_store_list_sessions (f->clients, f->client_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 2);
  {
    g_autoptr(AlcoveSession) newest = g_list_model_get_item (sessions, 0);

    g_assert_cmpstr (alcove_session_get_id (newest), ==,
                     alcove_measure_administration_get_session_id (fresh));
    g_assert_cmpstr (alcove_session_get_field (newest, ALCOVE_SESSION_DATE), ==, "2026-04-01");
  }
  g_clear_object (&sessions);
  /* an incomplete measure makes no session */
  g_hash_table_remove (partial, "phq9_2");
  none = alcove_measure_store_administer_in_session (f->measures, f->client_id, "phq9",
                                                     "2026-05-01", "", partial, FALSE, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  sessions = alcove_client_store_list_sessions (f->clients, f->client_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/measure-store/administer-and-list", test_administer_and_list);
  ADD ("/measure-store/summary", test_summary);
  ADD ("/measure-store/risk-prompt", test_risk_prompt);
  ADD ("/measure-store/bad-input", test_bad_input);
  ADD ("/measure-store/raw-sql", test_raw_sql);
  ADD ("/measure-store/billing-sees-none", test_billing_sees_none);
  ADD ("/measure-store/sessions", test_sessions);
#undef ADD

  return g_test_run ();
}
