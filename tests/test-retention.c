/* test-retention.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The retention policy at its boundaries, and disposal: everything of the
 * client goes, what must stay stays. Built twice: against the real core, and (with
 * ALCOVE_TEST_PLAINTEXT) against the plaintext core, where every file of the vault is
 * searched for the disposed words.
 */
#define G_LOG_DOMAIN "test-retention"

#include "config.h"

#include "alcove-audit-query.h"
#include "alcove-client-documents.h"
#include "alcove-client-store.h"
#include "alcove-diagnosis-store.h"
#include "alcove-documents.h"
#include "alcove-incidents.h"
#include "alcove-note-store.h"
#include "alcove-plan-store.h"
#include "alcove-retention.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* lower case: the full-text index keeps words folded */
#define TEXT_MARK  "zyxquokkamark"
#define NAME_MARK  "Zorbulon"
#define KEPT_MARK  "keptplatypusword"
#define SCAN       "%PDF consent signed by " NAME_MARK

typedef struct
{
  char              *dir;
  AlcoveVault       *vault;
  AlcoveClientStore *clients;
  AlcoveNoteStore   *notes;
} Fixture;

static void
open_as (Fixture    *f,
         const char *username,
         const char *password)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->notes);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
  f->vault = alcove_test_unlocked_vault (f->dir, username, password);
  f->clients = alcove_client_store_new (f->vault, &error);
  g_assert_no_error (error);
  f->notes = alcove_note_store_new (f->clients);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  open_as (f, "dana", TEST_PASSWORD);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->notes);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
  g_free (f->dir);
}

static GDate *
date_of (const char *day)
{
  GDate *date = g_date_new ();

  g_date_set_parse (date, day);
  g_assert_true (g_date_valid (date));
  return date;
}

/* ---- the policy, as a pure function ---- */

static void
test_keep_until (void)
{
  AlcoveRetentionPolicy standard, custom = { 10, 21, 3 };
  static const struct
  {
    gboolean    custom;
    const char *ended;
    const char *born;
    const char *keep;
    gboolean    minor;
  } cases[] = {
    { FALSE, "2017-03-15", "", "2024-03-15", FALSE },
    { FALSE, "2016-02-29", "1980-01-01", "2023-02-28", FALSE },
    /* a child: until 18 + 7 */
    { FALSE, "2020-01-01", "2010-06-01", "2035-06-01", TRUE },
    /* 17 on the last day: 18 + 7 is one day later than ended + 7 */
    { FALSE, "2019-12-31", "2002-01-01", "2027-01-01", TRUE },
    /* 18 that very day: an adult */
    { FALSE, "2020-01-01", "2002-01-01", "2027-01-01", FALSE },
    /* a minor for whom ended + 7 is later anyway */
    { FALSE, "2019-12-31", "2002-01-02", "2027-01-02", TRUE },
    { TRUE, "2017-03-15", "", "2027-03-15", FALSE },
    { TRUE, "2017-03-15", "2000-01-01", "2027-03-15", TRUE },
    { TRUE, "2017-03-15", "2005-01-01", "2029-01-01", TRUE },
    { FALSE, "", "2010-06-01", NULL, FALSE },
  };

  alcove_retention_policy_defaults (&standard);
  g_assert_cmpuint (standard.adult_years, ==, 7);
  g_assert_cmpuint (standard.majority_age, ==, 18);
  g_assert_cmpuint (standard.minor_years, ==, 7);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean minor = !cases[i].minor;
      g_autofree char *keep = alcove_retention_keep_until (cases[i].custom ? &custom : &standard,
                                                           cases[i].ended, cases[i].born, &minor);

      g_test_message ("case %u", i);
      g_assert_cmpstr (keep, ==, cases[i].keep);
      g_assert_cmpint (minor, ==, cases[i].minor);
    }
}

/* ---- helpers ---- */

static char *
add_client (Fixture    *f,
            const char *name,
            const char *born)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, name);
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, born);
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_client_get_id (client));
}

static void
discharge (Fixture    *f,
           const char *client_id,
           const char *day)
{
  g_autoptr(AlcoveClient) client = alcove_client_copy (alcove_client_store_lookup (f->clients,
                                                                                  client_id));
  g_autoptr(GError) error = NULL;

  alcove_client_set_status (client, ALCOVE_CLIENT_DISCHARGED);
  alcove_client_set_field (client, ALCOVE_CLIENT_DISCHARGED_ON, day);
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);
}

static AlcoveNote *
add_note (Fixture    *f,
          const char *client_id,
          const char *day,
          const char *text,
          gboolean    sign)
{
  g_autoptr(GError) error = NULL;
  AlcoveNote *note = alcove_note_store_create (f->notes, client_id, NULL, "soap", day, &error);

  g_assert_no_error (error);
  alcove_note_set_section (note, "subjective", text);
  alcove_note_set_section (note, "objective", "calm");
  alcove_note_set_section (note, "assessment", "steady");
  alcove_note_set_section (note, "plan", "continue");
  g_assert_true (alcove_note_store_save (f->notes, note, &error));
  g_assert_no_error (error);
  if (sign)
    {
      g_assert_true (alcove_note_store_sign (f->notes, note, &error));
      g_assert_no_error (error);
    }
  return note;
}

static sqlite3 *
handle_of (Fixture *f)
{
  return alcove_database_get_handle (alcove_vault_get_database (f->vault));
}

static gint64
count_rows (Fixture    *f,
            const char *sql_format,
            ...) G_GNUC_PRINTF (2, 3);

static gint64
count_rows (Fixture    *f,
            const char *sql_format,
            ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;
  va_list args;

  va_start (args, sql_format);
  sql = g_strdup_vprintf (sql_format, args);
  va_end (args);
  if (sqlite3_prepare_v2 (handle_of (f), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle_of (f)));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static void
exec_ok (Fixture    *f,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle_of (f), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
notes_schema (Fixture *f)
{
  g_autofree char *id = g_strconcat ("notes:", alcove_user_get_uuid (alcove_vault_get_current_user (f->vault)),
                                     NULL);

  return alcove_vault_schema_for (id);
}

static gboolean
is_due (GPtrArray  *items,
        const char *client_id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((AlcoveRetentionItem *) g_ptr_array_index (items, i))->client_id, client_id))
      return TRUE;
  return FALSE;
}

static GPtrArray *
due_on (Fixture    *f,
        const char *day)
{
  g_autoptr(GDate) today = date_of (day);
  g_autoptr(GError) error = NULL;
  GPtrArray *items = alcove_retention_list_due (f->vault, today, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (alcove_retention_count_due (f->vault, today, NULL), ==, items->len);
  return items;
}

/* ---- which records are past it ---- */

static void
test_list_due (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *adult = add_client (f, "Adult", "1980-01-01");
  g_autofree char *child = add_client (f, "Child", "2010-06-01");
  g_autofree char *active = add_client (f, "Active", "");
  g_autofree char *seen = add_client (f, "Seen", "");
  g_autoptr(AlcoveNote) note = add_note (f, seen, "2018-05-05", "a session", FALSE);
  AlcoveRetentionPolicy policy = { 3, 18, 1 };
  g_autoptr(GError) error = NULL;

  discharge (f, adult, "2017-03-15");
  discharge (f, child, "2016-01-01");

  {
    g_autoptr(GPtrArray) items = due_on (f, "2024-03-15");

    g_assert_cmpuint (items->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) items = due_on (f, "2024-03-16");
    AlcoveRetentionItem *item = g_ptr_array_index (items, 0);

    g_assert_cmpuint (items->len, ==, 1);
    g_assert_cmpstr (item->client_id, ==, adult);
    g_assert_cmpstr (item->ended_on, ==, "2017-03-15");
    g_assert_cmpstr (item->keep_until, ==, "2024-03-15");
    g_assert_false (item->minor_rule);
  }
  {
    /* the last session counts like a discharge; the child waits for 18 + 7 */
    g_autoptr(GPtrArray) items = due_on (f, "2035-06-01");

    g_assert_true (is_due (items, seen));
    g_assert_false (is_due (items, child));
    g_assert_false (is_due (items, active));
  }
  {
    g_autoptr(GPtrArray) items = due_on (f, "2035-06-02");

    g_assert_true (is_due (items, child));
    g_assert_false (is_due (items, active));
    for (guint i = 0; i < items->len; i++)
      {
        AlcoveRetentionItem *item = g_ptr_array_index (items, i);

        g_assert_cmpint (item->minor_rule, ==, g_str_equal (item->client_id, child));
        if (item->minor_rule)
          g_assert_cmpstr (item->keep_until, ==, "2035-06-01");
      }
  }

  /* a shorter policy, stored and audited */
  g_assert_true (alcove_retention_set_policy (f->vault, &policy, &error));
  g_assert_no_error (error);
  {
    AlcoveRetentionPolicy stored;
    g_autoptr(GPtrArray) items = due_on (f, "2028-06-02");

    g_assert_true (alcove_retention_get_policy (f->vault, &stored, &error));
    g_assert_cmpuint (stored.adult_years, ==, 3);
    g_assert_cmpuint (stored.minor_years, ==, 1);
    g_assert_true (is_due (items, adult));
    g_assert_true (is_due (items, seen));
    g_assert_false (is_due (items, child));  /* 18 on 2028-06-01, + 1 year */
  }
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.audit_log WHERE action = '%s'",
                               ALCOVE_AUDIT_RETENTION_POLICY), ==, 1);

  policy.adult_years = 0;
  g_assert_false (alcove_retention_set_policy (f->vault, &policy, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
}

/* ---- disposal ---- */

#ifdef ALCOVE_TEST_PLAINTEXT
/* The names of the vault's files that hold `word` */
static char *
files_holding (Fixture    *f,
               const char *word)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  g_autoptr(GString) found = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      if (alcove_test_file_contains (path, word, strlen (word)))
        g_string_append_printf (found, "%s%s", found->len ? " " : "", name);
    }
  return g_string_free (g_steal_pointer (&found), FALSE);
}
#endif

/* A signed treatment plan, a draft note addressing one of its objectives, and a diagnosis
 * whose words were typed, each holding the text a disposal must take away */
static void
add_plan_and_diagnosis (Fixture    *f,
                        const char *client_id)
{
  g_autoptr(AlcovePlanStore) plans = alcove_plan_store_new (f->notes);
  g_autoptr(AlcoveDiagnosisStore) diagnoses = alcove_diagnosis_store_new (f->clients);
  g_autoptr(AlcoveDiagnosis) diagnosis = alcove_diagnosis_new (client_id);
  g_autoptr(AlcovePlan) plan = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;
  AlcovePlanProblem *problem;
  AlcovePlanGoal *goal;
  AlcovePlanObjective *objective;

  alcove_diagnosis_set_code (diagnosis, "G47.00");
  alcove_diagnosis_set_description (diagnosis, "Insomnia " TEXT_MARK);
  g_assert_true (alcove_diagnosis_store_save (diagnoses, diagnosis, &error));
  g_assert_no_error (error);

  plan = alcove_plan_store_create (plans, client_id, &error);
  g_assert_no_error (error);
  alcove_plan_set_effective_on (plan, "2016-05-01");
  problem = alcove_plan_add_problem (plan, "Sleep and " TEXT_MARK);
  goal = alcove_plan_add_goal (plan, problem->id, "Sleep through");
  objective = alcove_plan_add_objective (plan, goal->id, "Six hours a night", "2016-09-01");
  alcove_plan_add_intervention (plan, problem->id, "CBT-I");
  alcove_plan_set_participation (plan, "2016-05-01", NULL);
  g_assert_true (alcove_plan_store_sign (plans, plan, &error));
  g_assert_no_error (error);

  note = add_note (f, client_id, "2016-06-02", "objective " TEXT_MARK, FALSE);
  alcove_note_set_objective (note, objective->id, TRUE);
  g_assert_true (alcove_note_store_save (f->notes, note, &error));
  g_assert_no_error (error);
}

static void
test_dispose (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *gone = add_client (f, NAME_MARK " Gone", "1980-01-01");
  g_autofree char *kept = add_client (f, "Kept Person", "1980-01-01");
  g_autofree char *couple = NULL;
  g_autofree char *schema = notes_schema (f);
  g_autoptr(AlcoveNote) signed_note = add_note (f, gone, "2016-05-01",
                                                "spoke about the " TEXT_MARK, TRUE);
  g_autoptr(AlcoveNote) draft = add_note (f, gone, "2016-06-01", "draft " TEXT_MARK, FALSE);
  g_autoptr(AlcoveNote) kept_note = add_note (f, kept, "2016-06-01", "kept " KEPT_MARK, TRUE);
  g_autoptr(GBytes) scan = g_bytes_new_static (SCAN, sizeof SCAN - 1);
  g_autofree char *document = NULL;
  g_autoptr(GDate) today = date_of ("2024-06-02");
  g_autoptr(GError) error = NULL;
  AlcoveDisposalReport report = { 0 };
  const char *ids[] = { gone, NULL };
  g_autofree char *sql = NULL;

  g_assert_true (alcove_note_store_add_addendum (f->notes, signed_note, "later " TEXT_MARK, &error));
  g_assert_no_error (error);
  {
    const char *members[] = { gone, kept, NULL };
    g_autoptr(AlcoveClient) record = alcove_client_new ();
    g_autoptr(AlcoveClient) with_guardian = alcove_client_copy (alcove_client_store_lookup (f->clients, gone));

    alcove_client_set_field (record, ALCOVE_CLIENT_PREFERRED_NAME, "The Couple");
    alcove_client_set_record_type (record, ALCOVE_RECORD_COUPLE);
    alcove_client_set_members (record, members);
    g_assert_true (alcove_client_store_save (f->clients, record, &error));
    g_assert_no_error (error);
    couple = g_strdup (alcove_client_get_id (record));
    alcove_client_add_guardian (with_guardian, "Guardian " NAME_MARK, "parent", "all");
    g_assert_true (alcove_client_store_save (f->clients, with_guardian, &error));
    g_assert_no_error (error);
  }
  discharge (f, gone, "2017-06-01");
  discharge (f, kept, "2023-06-01");
  document = alcove_documents_add (f->vault, scan, "consent.pdf", "application/pdf", &error);
  g_assert_no_error (error);
  {
    /* an old note attached to the client's record goes with it */
    g_autoptr(GBytes) old_note = g_bytes_new_static ("%PDF-1.4 old note " NAME_MARK, 26);
    g_autofree char *attached = alcove_client_documents_attach (f->vault, gone, old_note,
                                                                "intake.pdf", "Intake " NAME_MARK,
                                                                ALCOVE_DOCUMENT_NOTE,
                                                                "2015-03-02", &error);

    g_assert_no_error (error);
    g_assert_nonnull (attached);
  }
  sql = g_strdup_printf ("INSERT INTO main.consents (id, client_id, kind, document_id, created_by,"
                         " created_ms, updated_ms) VALUES ('c1', '%s', 'treatment', '%s', 'x', 0, 0);"
                         "INSERT INTO main.disclosures (id, client_id, disclosed_on, at_ms,"
                         " recipient, description, purpose, basis, disclosed_by) VALUES"
                         " ('d1', '%s', '2016-07-01', 0, 'Insurer', 'dates of service',"
                         " 'payment', 'authorization', 'x')", gone, document, gone);
  exec_ok (f, sql);

  /* the draft's autosave is indexed once search catches up; dispose of a fully indexed note */
  g_assert_true (alcove_note_index_catch_up (f->vault, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.search_fts WHERE search_fts MATCH '%s'",
                               schema, TEXT_MARK), ==, 3);
  add_plan_and_diagnosis (f, gone);
#ifdef ALCOVE_TEST_PLAINTEXT
  {
    g_autofree char *before = files_holding (f, TEXT_MARK);
    g_autofree char *names = files_holding (f, NAME_MARK);

    g_test_message ("before disposal, the note text is in: %s; the name in: %s", before, names);
    g_assert_cmpstr (before, !=, "");
    g_assert_cmpstr (names, !=, "");
  }
#endif

  /* not past the policy: refused, nothing changed */
  {
    const char *not_due[] = { kept, NULL };

    g_assert_false (alcove_retention_dispose (f->vault, not_due, today, &report, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
    g_clear_error (&error);
  }

  g_assert_true (alcove_retention_dispose (f->vault, ids, today, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report.disposal_id);
  g_assert_cmpuint (report.clients, ==, 1);
  g_assert_cmpuint (report.notes, ==, 3);
  g_assert_cmpuint (report.addenda, ==, 1);
  g_assert_cmpuint (report.sessions, ==, 3);
  g_assert_cmpuint (report.consents, ==, 1);
  g_assert_cmpuint (report.documents, ==, 2);
  g_assert_cmpuint (report.pending_stores, ==, 0);

  /* everything of the client is gone */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.notes WHERE client_id = '%s'",
                               schema, gone), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.addenda", schema), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.search_docs WHERE client_id = '%s'",
                               schema, gone), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.search_fts WHERE search_fts MATCH '%s'",
                               schema, TEXT_MARK), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.sessions WHERE client_id = '%s'",
                               gone), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.consents"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.documents"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.guardians"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.client_members WHERE member_id = '%s'",
                               gone), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.clients WHERE id = '%s'"
                                  " AND (preferred_name != '' OR date_of_birth != '')", gone), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.disposal_in_progress", schema), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.plans", schema), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.plan_objectives", schema), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.note_objectives", schema), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.diagnoses"), ==, 0);

  /* … and what must stay stays: the disclosure log, the other client, their notes */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.disclosures WHERE client_id = '%s'",
                               gone), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.search_fts WHERE search_fts MATCH '%s'",
                               schema, KEPT_MARK), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.client_members WHERE record_id = '%s'",
                               couple), ==, 1);

  /* the disposal record: counts and the policy, no names; an audit row with ids only */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.disposals WHERE id = '%s' AND"
                                  " clients = 1 AND notes = 3 AND policy = 'adult=7;majority=18;minor=7'",
                               report.disposal_id), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.audit_log WHERE action = '%s'"
                                  " AND object_id = '%s' AND instr (details, '%s') > 0",
                               ALCOVE_AUDIT_RECORD_DISPOSE, gone, report.disposal_id), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.audit_log WHERE instr (details, '%s')"
                                  " OR instr (details, '%s')", NAME_MARK, TEXT_MARK), ==, 0);

  /* signed notes are protected again: outside a disposal the trigger refuses */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM %s.notes WHERE id = '%s'", schema,
                         alcove_note_get_id (kept_note));
  g_assert_cmpint (sqlite3_exec (handle_of (f), sql, NULL, NULL, NULL) & 0xff, ==,
                   SQLITE_CONSTRAINT);

  /* a fresh session sees no trace of the client, and it cannot be disposed twice */
  open_as (f, "dana", TEST_PASSWORD);
  g_assert_null (alcove_client_store_lookup (f->clients, gone));
  g_assert_nonnull (alcove_client_store_lookup (f->clients, kept));
  g_assert_false (alcove_retention_dispose (f->vault, ids, today, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  {
    AlcoveVerifyReport verify;

    g_assert_true (alcove_vault_verify (f->vault, &verify, &error));
    g_assert_no_error (error);
  }

#ifdef ALCOVE_TEST_PLAINTEXT
  {
    g_autofree char *after = files_holding (f, TEXT_MARK);
    g_autofree char *names = files_holding (f, NAME_MARK);
    g_autofree char *kept_files = files_holding (f, KEPT_MARK);

    g_assert_cmpstr (after, ==, "");
    g_assert_cmpstr (names, ==, "");
    g_assert_cmpstr (kept_files, !=, "");
  }
#endif
}

static void
test_dispose_roles_and_pending (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *client = NULL;
  g_autoptr(GDate) today = date_of ("2030-01-01");
  g_autoptr(GError) error = NULL;
  AlcoveDisposalReport report = { 0 };
  g_autofree char *erin_schema = NULL;
  const char *ids[2] = { NULL, NULL };
  guint finished = 0;

  alcove_test_add_user (f->vault, "erin", "Erin Clinician", ALCOVE_ROLE_CLINICIAN);
  client = add_client (f, NAME_MARK, "");

  /* erin writes a signed note in her own store, which the owner cannot open */
  open_as (f, "erin", TEST_OTHER_PASSWORD);
  {
    g_autoptr(AlcoveNote) note = add_note (f, client, "2019-01-01", "erin " TEXT_MARK, TRUE);
  }
  erin_schema = notes_schema (f);
  ids[0] = client;
  g_assert_false (alcove_retention_can_dispose (f->vault));
  g_assert_false (alcove_retention_dispose (f->vault, ids, today, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  open_as (f, "dana", TEST_PASSWORD);
  g_assert_true (alcove_retention_dispose (f->vault, ids, today, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.pending_stores, >=, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.disposal_pending"), >=, 1);
  alcove_disposal_report_clear (&report);

  /* erin's next session finishes it */
  open_as (f, "erin", TEST_OTHER_PASSWORD);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.notes", erin_schema), ==, 1);
  g_assert_true (alcove_retention_finish_pending (f->vault, &finished, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (finished, ==, 2);  /* her notes and private stores */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.notes", erin_schema), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.search_fts WHERE search_fts MATCH '%s'",
                               erin_schema, TEXT_MARK), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.disposal_pending"), ==, 0);
  g_assert_true (alcove_retention_finish_pending (f->vault, &finished, &error));
  g_assert_cmpuint (finished, ==, 0);
#ifdef ALCOVE_TEST_PLAINTEXT
  {
    g_autofree char *after = files_holding (f, TEXT_MARK);

    g_assert_cmpstr (after, ==, "");
  }
#endif
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/retention/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/retention/keep-until", test_keep_until);
  ADD ("list-due", test_list_due);
  ADD ("dispose", test_dispose);
  ADD ("dispose-roles-pending", test_dispose_roles_and_pending);

  return g_test_run ();
}
