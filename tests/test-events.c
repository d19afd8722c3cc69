/* test-events.c — clinical events shown against outcome measures (kept in the clinician's
 * notes store, immutable, unreadable by billing, plan changes read from the plans signed,
 * the notes store migrated from v8), and what the assessment results and discharge summary
 * categories of a disclosure hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-events"

#include "config.h"

#include <string.h>

#include "alcove-audit-actions.h"
#include "alcove-date.h"
#include "alcove-disclosure-content.h"
#include "alcove-error.h"
#include "alcove-event-store.h"
#include "alcove-measure-store.h"
#include "alcove-note-format.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define NAME_CLIENT "Ottilie Brandwijk"
#define EVENT_MARK  "sertraline 50 mg started"

typedef struct
{
  char               *dir;
  AlcoveVault        *vault;
  AlcoveClientStore  *clients;
  AlcoveNoteStore    *notes;
  AlcovePlanStore    *plans;
  AlcoveMeasureStore *measures;
  AlcoveEventStore   *events;
  char               *client_id;
} Fixture;

static void
open_stores (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->clients = alcove_client_store_new (f->vault, &error);
  g_assert_no_error (error);
  f->notes = alcove_note_store_new (f->clients);
  f->plans = alcove_plan_store_new (f->notes);
  f->measures = alcove_measure_store_new (f->notes);
  f->events = alcove_event_store_new (f->plans);
}

static void
close_stores (Fixture *f)
{
  g_clear_object (&f->events);
  g_clear_object (&f->measures);
  g_clear_object (&f->plans);
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

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  f->vault = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  open_stores (f);
  f->client_id = alcove_test_add_client (f->clients, NAME_CLIENT);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_stores (f);
  g_free (f->client_id);
  g_free (f->dir);
}

static char *
own_schema (Fixture *f)
{
  g_autofree char *id = g_strconcat ("notes:",
                                     alcove_user_get_uuid (alcove_vault_get_current_user (f->vault)),
                                     NULL);
  return alcove_vault_schema_for (id);
}

static AlcoveClinicalEvent *
add_event (Fixture         *f,
           AlcoveEventKind  kind,
           const char      *date,
           const char      *text)
{
  g_autoptr(GError) error = NULL;
  AlcoveClinicalEvent *event = alcove_event_store_add (f->events, f->client_id, kind, date, text,
                                                       &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
}

static GListModel *
list_events (Fixture    *f,
             const char *from,
             const char *to)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = alcove_event_store_list (f->events, f->client_id, from, to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static void
changed_cb (AlcoveEventStore *store,
            const char       *client_id,
            guint            *count)
{
  (*count)++;
}

static void
sign_plan (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcovePlan) plan = alcove_plan_store_create (f->plans, f->client_id, &error);
  g_autofree char *today = alcove_date_today_iso ();
  AlcovePlanProblem *problem;
  AlcovePlanGoal *goal;

  g_assert_no_error (error);
  problem = alcove_plan_add_problem (plan, "Low mood");
  goal = alcove_plan_add_goal (plan, problem->id, "Return to daily routines");
  alcove_plan_add_objective (plan, goal->id, "Walk outside three times a week", "2099-03-01");
  alcove_plan_add_intervention (plan, problem->id, "Behavioural activation, weekly");
  alcove_plan_set_participation (plan, today, NULL);
  g_assert_true (alcove_plan_store_sign (f->plans, plan, &error));
  g_assert_no_error (error);
}

static void
test_add_and_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AlcoveClinicalEvent) later = NULL;
  g_autoptr(AlcoveClinicalEvent) earlier = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(AlcoveClinicalEvent) first = NULL;
  g_autoptr(AlcoveClinicalEvent) plan_event = NULL;
  g_autofree char *schema = own_schema (f);
  g_autofree char *today = alcove_date_today_iso ();
  g_autofree char *described = NULL;
  guint changed = 0;

  g_signal_connect (f->events, "changed", G_CALLBACK (changed_cb), &changed);
  g_assert_true (alcove_event_store_can_add (f->events));
  later = add_event (f, ALCOVE_EVENT_OTHER, "2026-03-01", "  Lost job  ");
  earlier = add_event (f, ALCOVE_EVENT_MEDICATION, "2026-01-15", EVENT_MARK);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpstr (alcove_clinical_event_get_text (later), ==, "Lost job");

  /* kept in the clinician's notes store, nowhere in practice.db; audited with ids only */
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM %s.clinical_events",
                                          schema), ==, 2);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM main.sqlite_master"
                                          " WHERE name LIKE '%%event%%'"), ==, 0);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_EVENT_ADD,
                                            alcove_clinical_event_get_id (earlier)), ==, 1);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM main.audit_log"
                                          " WHERE instr (details, 'sertraline') > 0"), ==, 0);

  /* a plan signed is an event of its own, on the day it was signed */
  sign_plan (f);
  g_assert_cmpuint (changed, >=, 3);

  reopen_as (f, "dana", TEST_PASSWORD);
  list = list_events (f, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (alcove_clinical_event_get_occurred_on (first), ==, "2026-01-15");
  g_assert_cmpint (alcove_clinical_event_get_kind (first), ==, ALCOVE_EVENT_MEDICATION);
  g_assert_cmpstr (alcove_clinical_event_get_text (first), ==, EVENT_MARK);
  plan_event = g_list_model_get_item (list, 2);
  g_assert_cmpint (alcove_clinical_event_get_kind (plan_event), ==, ALCOVE_EVENT_PLAN);
  g_assert_cmpstr (alcove_clinical_event_get_occurred_on (plan_event), ==, today);
  described = alcove_clinical_event_describe (first);
  g_assert_nonnull (strstr (described, "Medication change: " EVENT_MARK));
  g_clear_object (&list);

  /* a range */
  list = list_events (f, "2026-02-01", "2026-03-31");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (ALCOVE_EVENT_TEXT_MAX + 1, 'x');
  AlcoveClinicalEvent *none;

  none = alcove_event_store_add (f->events, f->client_id, ALCOVE_EVENT_PLAN, "2026-01-01",
                                 "signed", &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_null (none);
  g_clear_error (&error);
  none = alcove_event_store_add (f->events, f->client_id, ALCOVE_EVENT_OTHER, "2026-02-30",
                                 "x", &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  none = alcove_event_store_add (f->events, f->client_id, ALCOVE_EVENT_OTHER, "2026-01-01",
                                 "   ", &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  none = alcove_event_store_add (f->events, f->client_id, ALCOVE_EVENT_OTHER, "2026-01-01",
                                 long_text, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  none = alcove_event_store_add (f->events, f->client_id, ALCOVE_EVENT_OTHER, "2026-01-01",
                                 "two\nlines", &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  none = alcove_event_store_add (f->events, "no-such-client", ALCOVE_EVENT_OTHER, "2026-01-01",
                                 "x", &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_assert_null (none);
}

/* An insider with the keys: rows refuse change and deletion; a row of an unknown kind is
 * refused by the table, and one with no valid date is left out */
static void
test_raw_sql (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AlcoveClinicalEvent) event = add_event (f, ALCOVE_EVENT_MEDICATION, "2026-01-15",
                                                    EVENT_MARK);
  g_autofree char *schema = own_schema (f);
  g_autoptr(GListModel) list = NULL;

  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE %s.clinical_events SET text = 'x'",
                                         schema), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "DELETE FROM %s.clinical_events", schema), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "INSERT INTO %s.clinical_events VALUES"
                                         " ('p', '%s', 'plan', '2026-01-01', 'x', 1, 'u')",
                                         schema, f->client_id), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "INSERT INTO %s.clinical_events VALUES"
                                         " ('bad', '%s', 'other', 'soon', 'x', 1, 'u')",
                                         schema, f->client_id), ==, SQLITE_OK);
  g_test_expect_message ("alcove-event-store", G_LOG_LEVEL_WARNING, "*bad*");
  list = list_events (f, NULL, NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

/* Billing holds the practice key only: no events, and no measures to share */
static void
test_billing_sees_none (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AlcoveClinicalEvent) event = add_event (f, ALCOVE_EVENT_MEDICATION, "2026-01-15",
                                                    EVENT_MARK);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) shared = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveClinicalEvent *none;

  alcove_test_add_user (f->vault, "bea", "Bea Ledger", ALCOVE_ROLE_BILLING);
  reopen_as (f, "bea", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_event_store_can_read (f->events));
  g_assert_false (alcove_event_store_can_add (f->events));
  list = list_events (f, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  none = alcove_event_store_add (f->events, f->client_id, ALCOVE_EVENT_OTHER, "2026-01-16",
                                 "x", &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_null (none);
  g_clear_error (&error);
  shared = alcove_disclosure_content_assessments (f->measures, f->client_id, NULL, NULL, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_null (shared);
}

/* A notes store made before events (v8), with a measure in it, reaches v9 and keeps it;
 * a private store has the table and refuses its rows */
static void
test_migration_from_v8 (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "notes-v8.db", NULL);
  g_autofree char *private_path = g_build_filename (g_get_user_data_dir (), "private-v8.db", NULL);
  g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_assert_cmpint (alcove_database_latest_version (ALCOVE_STORE_NOTES), ==, 9);
  g_assert_cmpint (alcove_database_latest_version (ALCOVE_STORE_PRIVATE), ==, 9);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  db = alcove_database_open (path, key, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_NOTES, 8, &error));
  g_assert_false (alcove_database_exec (db, "SELECT count(*) FROM clinical_events", NULL));
  g_assert_true (alcove_database_exec (db, "INSERT INTO measure_administrations (id, client_id,"
                                           " measure_id, administered_on, answers, total,"
                                           " created_ms, author) VALUES ('m', 'c', 'phq9',"
                                           " '2026-01-01', '{}', 0, 1, 'u')", &error));
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_NOTES, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==, 9);
  stmt = alcove_database_prepare (db, "SELECT count(*) FROM measure_administrations", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
  g_assert_true (alcove_database_exec (db, "INSERT INTO clinical_events VALUES ('e', 'c',"
                                           " 'medication', '2026-01-02', 'x', 1, 'u')", &error));
  g_assert_no_error (error);
  g_assert_false (alcove_database_exec (db, "UPDATE clinical_events SET text = 'y'", NULL));
  alcove_database_close (db);
  g_clear_object (&db);

  db = alcove_database_open (private_path, key, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_PRIVATE, 8, &error));
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_PRIVATE, -1, &error));
  g_assert_no_error (error);
  g_assert_false (alcove_database_exec (db, "INSERT INTO clinical_events VALUES ('e', 'c',"
                                            " 'medication', '2026-01-02', 'x', 1, 'u')", &error));
  g_assert_nonnull (strstr (error->message, "never a private note"));
  alcove_database_close (db);
}

/* ---- what a disclosure holds ---- */

static GHashTable *
phq9_answers (int total,
              int item9)
{
  GHashTable *answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int left = total - item9;

  for (int i = 1; i <= 8; i++)
    {
      int score = MIN (left, 3);

      g_hash_table_insert (answers, g_strdup_printf ("phq9_%d", i), GINT_TO_POINTER (score + 1));
      left -= score;
    }
  g_hash_table_insert (answers, g_strdup ("phq9_9"), GINT_TO_POINTER (item9 + 1));
  return answers;
}

static void
give_phq9 (Fixture    *f,
           const char *date,
           int         total,
           int         item9)
{
  g_autoptr(GHashTable) answers = phq9_answers (total, item9);
  g_autoptr(AlcoveMeasureAdministration) given = NULL;
  g_autoptr(GError) error = NULL;

  given = alcove_measure_store_administer (f->measures, f->client_id, "phq9", date, "", answers,
                                           item9 > 0, &error);
  g_assert_no_error (error);
}

static void
test_share_assessments (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(AlcoveMeasureAdministration) first = NULL;
  g_autoptr(AlcoveMeasureAdministration) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *calm = NULL;
  g_autofree char *alert = NULL;

  chosen = alcove_disclosure_content_assessments (f->measures, f->client_id, "2026-01-01",
                                                  "2026-12-31", &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No outcome measures were given between those dates.");
  g_assert_null (chosen);
  g_clear_error (&error);

  give_phq9 (f, "2026-01-10", 18, 0);
  give_phq9 (f, "2026-02-10", 12, 2);
  give_phq9 (f, "2026-05-10", 6, 0);
  chosen = alcove_disclosure_content_assessments (f->measures, f->client_id, "2026-01-01",
                                                  "2026-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (chosen), ==, 2);
  first = g_list_model_get_item (chosen, 0);
  second = g_list_model_get_item (chosen, 1);
  calm = alcove_disclosure_content_describe_assessment (first);
  alert = alcove_disclosure_content_describe_assessment (second);
  g_assert_nonnull (strstr (calm, "PHQ-9"));
  g_assert_nonnull (strstr (calm, ": 18 (Moderately severe depression)"));
  g_assert_nonnull (strstr (calm, "safety item not endorsed"));
  g_assert_nonnull (strstr (alert, "safety item endorsed"));
  /* the answers item by item never leave */
  g_assert_null (strstr (alert, "phq9_"));
  g_clear_object (&chosen);

  chosen = alcove_disclosure_content_assessments (f->measures, f->client_id, "2026-06-01", NULL,
                                                  &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  chosen = alcove_disclosure_content_assessments (f->measures, f->client_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (chosen), ==, 3);
}

static char *
write_discharge (Fixture    *f,
                 const char *date,
                 const char *text,
                 gboolean    sign)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup ("discharge");
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (format);
  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, f->client_id);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, date);
  g_assert_true (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_no_error (error);
  note = alcove_note_store_create (f->notes, f->client_id, alcove_session_get_id (session),
                                   "discharge", date, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < alcove_note_format_get_n_sections (format); i++)
    alcove_note_set_section (note, alcove_note_format_get_section (format, i)->key, text);
  g_assert_true (alcove_note_store_save (f->notes, note, &error));
  g_assert_no_error (error);
  if (sign)
    {
      g_assert_true (alcove_note_store_sign (f->notes, note, &error));
      g_assert_no_error (error);
    }
  return g_strdup (alcove_note_get_id (note));
}

static void
test_share_discharge (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(AlcoveNote) latest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *soap = alcove_test_write_note (f->notes, f->client_id, "soap", "Progress", TRUE);
  g_autofree char *draft = NULL;
  g_autofree char *early = NULL;
  g_autofree char *late = NULL;

  chosen = alcove_disclosure_content_discharge (f->notes, f->client_id, NULL, NULL, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no signed discharge summary for this client.");
  g_clear_error (&error);

  /* a draft is not shared */
  draft = write_discharge (f, "2026-09-01", "Draft summary", FALSE);
  chosen = alcove_disclosure_content_discharge (f->notes, f->client_id, NULL, NULL, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  early = write_discharge (f, "2026-03-01", "First episode", TRUE);
  late = write_discharge (f, "2026-08-01", "Second episode", TRUE);
  /* no dates: the latest alone */
  chosen = alcove_disclosure_content_discharge (f->notes, f->client_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (chosen), ==, 1);
  latest = g_list_model_get_item (chosen, 0);
  g_assert_cmpstr (alcove_note_get_id (latest), ==, late);
  g_clear_object (&chosen);
  /* dates: every one in them */
  chosen = alcove_disclosure_content_discharge (f->notes, f->client_id, "2026-01-01",
                                                "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (chosen), ==, 2);
  g_clear_object (&chosen);
  chosen = alcove_disclosure_content_discharge (f->notes, f->client_id, "2026-04-01",
                                                "2026-07-01", &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_assert_null (chosen);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/events/add-and-list", test_add_and_list);
  ADD ("/events/bad-input", test_bad_input);
  ADD ("/events/raw-sql", test_raw_sql);
  ADD ("/events/billing-sees-none", test_billing_sees_none);
  ADD ("/events/migration-from-v8", test_migration_from_v8);
  ADD ("/events/share-assessments", test_share_assessments);
  ADD ("/events/share-discharge", test_share_discharge);
#undef ADD

  return g_test_run ();
}
