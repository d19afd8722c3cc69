/* test-problem-list.c — clients' problem lists in practice.db: adding, changing, resolving
 * and removing diagnoses, each refusal with its reason, one current primary, who may read
 * and who may change them, and the file's own rules against raw SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-problem-list"

#include "config.h"

#include "alcove-diagnosis-store.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

typedef struct
{
  char                 *dir;
  AlcoveVault          *vault;
  AlcoveClientStore    *clients;
  AlcoveDiagnosisStore *diagnoses;
  char                 *client_id;
  guint                 changed;
} Fixture;

static void
changed_cb (AlcoveDiagnosisStore *store,
            const char           *client_id,
            Fixture              *f)
{
  g_assert_cmpstr (client_id, ==, f->client_id);
  f->changed++;
}

static void
open_as (Fixture    *f,
         const char *username,
         const char *password)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->diagnoses);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
  f->vault = alcove_test_unlocked_vault (f->dir, username, password);
  f->clients = alcove_client_store_new (f->vault, &error);
  g_assert_no_error (error);
  f->diagnoses = alcove_diagnosis_store_new (f->clients);
  g_signal_connect (f->diagnoses, "diagnoses-changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  open_as (f, "dana", TEST_PASSWORD);
  f->client_id = alcove_test_add_client (f->clients, "Oriel Vantongeren");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->diagnoses);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
  g_free (f->client_id);
  g_free (f->dir);
}

static AlcoveDiagnosis *
entry (Fixture             *f,
       const char          *code,
       AlcoveDiagnosisRank  rank,
       const char          *onset,
       const char          *resolved)
{
  AlcoveDiagnosis *diagnosis = alcove_diagnosis_new (f->client_id);

  alcove_diagnosis_set_code (diagnosis, code);
  alcove_diagnosis_set_rank (diagnosis, rank);
  alcove_diagnosis_set_onset (diagnosis, onset);
  alcove_diagnosis_set_resolved (diagnosis, resolved);
  return diagnosis;
}

static AlcoveDiagnosis *
added (Fixture             *f,
       const char          *code,
       AlcoveDiagnosisRank  rank)
{
  AlcoveDiagnosis *diagnosis = entry (f, code, rank, "2026-01-05", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_diagnosis_store_save (f->diagnoses, diagnosis, &error));
  g_assert_no_error (error);
  return diagnosis;
}

static GListModel *
list (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = alcove_diagnosis_store_list_for_client (f->diagnoses, f->client_id,
                                                              &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static AlcoveDiagnosis *
item (GListModel *model,
      guint       position)
{
  return g_list_model_get_item (model, position);
}

/* Saving refuses with a message that contains `words` */
static void
assert_refused (Fixture         *f,
                AlcoveDiagnosis *diagnosis,
                gint             code,
                const char      *words)
{
  g_autoptr(GError) error = NULL;
  guint changed = f->changed;

  g_assert_false (alcove_diagnosis_store_save (f->diagnoses, diagnosis, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  g_assert_cmpuint (f->changed, ==, changed);
}

/* ---- adding ---- */

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(AlcoveDiagnosis) diagnosis = entry (f, " f321 ", ALCOVE_DIAGNOSIS_PRIMARY,
                                                "2026-01-05", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(AlcoveDiagnosis) stored = NULL;
  g_autofree char *title = NULL;

  g_assert_true (alcove_diagnosis_store_can_read (f->diagnoses));
  g_assert_true (alcove_diagnosis_store_can_edit (f->diagnoses));
  g_assert_true (alcove_diagnosis_store_save (f->diagnoses, diagnosis, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changed, ==, 1);
  /* stored as ICD-10-CM writes it, with the CMS words */
  g_assert_cmpstr (alcove_diagnosis_get_code (diagnosis), ==, "F32.1");
  g_assert_true (alcove_diagnosis_is_listed (diagnosis));
  title = alcove_diagnosis_dup_title (diagnosis);
  g_assert_cmpstr (title, ==, "F32.1 Major depressive disorder, single episode, moderate");

  model = list (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  stored = item (model, 0);
  g_assert_cmpstr (alcove_diagnosis_get_id (stored), ==, alcove_diagnosis_get_id (diagnosis));
  g_assert_cmpstr (alcove_diagnosis_get_code (stored), ==, "F32.1");
  g_assert_cmpint (alcove_diagnosis_get_rank (stored), ==, ALCOVE_DIAGNOSIS_PRIMARY);
  g_assert_cmpstr (alcove_diagnosis_get_onset (stored), ==, "2026-01-05");
  g_assert_false (alcove_diagnosis_is_resolved (stored));
  g_assert_cmpstr (alcove_diagnosis_get_recorded_by (stored), ==,
                   alcove_user_get_uuid (alcove_vault_get_current_user (f->vault)));
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_DIAGNOSIS_ADD,
                                            alcove_diagnosis_get_id (diagnosis)), ==, 1);
  /* the audit row names the client by id, never the code */
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM audit_log WHERE"
                                                    " details LIKE '%%F32%%'"), ==, 0);
}

/* Any code written as ICD-10-CM writes it may be recorded, shipped or not; the words of a
 * shipped code are the CMS descriptor, never what was typed */
static void
test_codes_not_shipped (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AlcoveDiagnosis) insomnia = entry (f, "g47.00", ALCOVE_DIAGNOSIS_SECONDARY, NULL,
                                               NULL);
  g_autoptr(AlcoveDiagnosis) shipped = entry (f, "F41.1", ALCOVE_DIAGNOSIS_SECONDARY, NULL,
                                              NULL);
  g_autoptr(AlcoveDiagnosis) long_words = entry (f, "R45.851", ALCOVE_DIAGNOSIS_SECONDARY,
                                                 NULL, NULL);
  g_autofree char *title = NULL;
  g_autofree char *many = g_strnfill (201, 'x');
  g_autoptr(GError) error = NULL;

  alcove_diagnosis_set_description (insomnia, "  Insomnia, unspecified ");
  g_assert_true (alcove_diagnosis_store_save (f->diagnoses, insomnia, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_diagnosis_get_code (insomnia), ==, "G47.00");
  g_assert_false (alcove_diagnosis_is_listed (insomnia));
  title = alcove_diagnosis_dup_title (insomnia);
  g_assert_cmpstr (title, ==, "G47.00 Insomnia, unspecified");

  alcove_diagnosis_set_description (shipped, "my own words");
  g_assert_true (alcove_diagnosis_store_save (f->diagnoses, shipped, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_diagnosis_get_description (shipped), ==, "");
  g_assert_cmpstr (alcove_diagnosis_get_descriptor (shipped), ==, "Generalized anxiety disorder");
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM diagnoses WHERE"
                                                    " description = 'my own words'"), ==, 0);

  alcove_diagnosis_set_description (long_words, many);
  assert_refused (f, long_words, ALCOVE_VAULT_ERROR_INVALID, "200 characters");
}

typedef struct
{
  const char *code;
  const char *onset;
  const char *resolved;
  const char *words;    /* the message says this */
} Refusal;

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  const Refusal cases[] = {
    { "", NULL, NULL, "Enter an ICD-10-CM code" },
    { "   ", NULL, NULL, "Enter an ICD-10-CM code" },
    { "F3", NULL, NULL, "“F3” is not written as an ICD-10-CM code" },
    { "depression", NULL, NULL, "is not written as an ICD-10-CM code" },
    { "F32.12345", NULL, NULL, "up to four more" },
    { "3F2.1", NULL, NULL, "a letter, a digit" },
    /* a heading of the shipped list names a code to choose instead */
    { "F32", NULL, NULL, "F32 (Depressive episode) is a category" },
    { "f32", NULL, NULL, "such as F32.0" },
    { "F32.1", "2026-02-30", NULL, "onset date as YYYY-MM-DD" },
    { "F32.1", "5 Jan 2026", NULL, "onset date as YYYY-MM-DD" },
    { "F32.1", NULL, "soon", "resolved as YYYY-MM-DD" },
    { "F32.1", "2999-01-01", NULL, "onset date is in the future" },
    { "F32.1", "2020-01-01", "2999-01-01", "resolved is in the future" },
    { "F32.1", "2024-05-01", "2024-04-30", "cannot resolve before its onset" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AlcoveDiagnosis) diagnosis = entry (f, cases[i].code, ALCOVE_DIAGNOSIS_PRIMARY,
                                                    cases[i].onset, cases[i].resolved);

      assert_refused (f, diagnosis, ALCOVE_VAULT_ERROR_INVALID, cases[i].words);
    }
  {
    g_autoptr(GListModel) model = list (f);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }
  /* the check alone, as the dialog asks it while typing */
  {
    g_autofree char *normal = NULL;

    g_assert_true (alcove_diagnosis_store_check_code ("z630", &normal, NULL));
    g_assert_cmpstr (normal, ==, "Z63.0");
  }
}

/* A code appears once on the list while it is current; once resolved it may come back */
static void
test_once_while_current (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AlcoveDiagnosis) first = added (f, "F41.1", ALCOVE_DIAGNOSIS_SECONDARY);
  g_autoptr(AlcoveDiagnosis) again = entry (f, "f411", ALCOVE_DIAGNOSIS_SECONDARY, NULL, NULL);
  g_autoptr(AlcoveDiagnosis) recurrence = entry (f, "F41.1", ALCOVE_DIAGNOSIS_SECONDARY, NULL,
                                                 NULL);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(AlcoveDiagnosis) top = NULL;
  g_autoptr(AlcoveDiagnosis) bottom = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (f, again, ALCOVE_VAULT_ERROR_EXISTS,
                  "F41.1 is already on this client’s problem list");

  alcove_diagnosis_set_resolved (first, "2026-03-01");
  g_assert_true (alcove_diagnosis_store_save (f->diagnoses, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_DIAGNOSIS_UPDATE,
                                            alcove_diagnosis_get_id (first)), ==, 1);
  g_assert_true (alcove_diagnosis_store_save (f->diagnoses, recurrence, &error));
  g_assert_no_error (error);

  /* current first, resolved after */
  model = list (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  top = item (model, 0);
  bottom = item (model, 1);
  g_assert_cmpstr (alcove_diagnosis_get_id (top), ==, alcove_diagnosis_get_id (recurrence));
  g_assert_cmpstr (alcove_diagnosis_get_id (bottom), ==, alcove_diagnosis_get_id (first));
  g_assert_true (alcove_diagnosis_is_resolved (bottom));
  g_assert_cmpstr (alcove_diagnosis_get_resolved (bottom), ==, "2026-03-01");
}

/* A new primary diagnosis makes the one before it secondary, in the same transaction */
static void
test_one_primary (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AlcoveDiagnosis) depression = added (f, "F32.1", ALCOVE_DIAGNOSIS_PRIMARY);
  g_autoptr(AlcoveDiagnosis) anxiety = added (f, "F41.1", ALCOVE_DIAGNOSIS_PRIMARY);
  g_autoptr(GListModel) model = list (f);
  g_autoptr(AlcoveDiagnosis) first = item (model, 0);
  g_autoptr(AlcoveDiagnosis) second = item (model, 1);

  g_assert_cmpstr (alcove_diagnosis_get_code (first), ==, "F41.1");
  g_assert_cmpint (alcove_diagnosis_get_rank (first), ==, ALCOVE_DIAGNOSIS_PRIMARY);
  g_assert_cmpstr (alcove_diagnosis_get_code (second), ==, "F32.1");
  g_assert_cmpint (alcove_diagnosis_get_rank (second), ==, ALCOVE_DIAGNOSIS_SECONDARY);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_DIAGNOSIS_UPDATE,
                                            alcove_diagnosis_get_id (depression)), ==, 1);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM diagnoses WHERE"
                                                    " rank = 'primary'"), ==, 1);
}

static void
test_update_and_remove (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AlcoveDiagnosis) diagnosis = added (f, "F43.10", ALCOVE_DIAGNOSIS_SECONDARY);
  g_autoptr(AlcoveDiagnosis) copy = NULL;
  g_autoptr(AlcoveDiagnosis) stored = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  /* an entry edited in a copy, as the dialog does, then saved over the stored one */
  copy = alcove_diagnosis_copy (diagnosis);
  alcove_diagnosis_set_code (copy, "F43.12");
  alcove_diagnosis_set_onset (copy, "2025-11-20");
  g_assert_true (alcove_diagnosis_store_save (f->diagnoses, copy, &error));
  g_assert_no_error (error);
  stored = alcove_diagnosis_store_get (f->diagnoses, alcove_diagnosis_get_id (diagnosis), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_diagnosis_get_code (stored), ==, "F43.12");
  g_assert_cmpstr (alcove_diagnosis_get_onset (stored), ==, "2025-11-20");
  g_assert_cmpint (alcove_diagnosis_get_created_ms (stored), ==,
                   alcove_diagnosis_get_created_ms (diagnosis));

  g_assert_true (alcove_diagnosis_store_remove (f->diagnoses, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_DIAGNOSIS_REMOVE,
                                            alcove_diagnosis_get_id (stored)), ==, 1);
  model = list (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_assert_false (alcove_diagnosis_store_remove (f->diagnoses, stored, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* an entry removed meanwhile is not brought back by saving an old copy */
  assert_refused (f, copy, ALCOVE_VAULT_ERROR_NOT_FOUND, "removed since it was opened");
  g_assert_null (alcove_diagnosis_store_get (f->diagnoses, alcove_diagnosis_get_id (copy),
                                             &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
}

/* Billing reads codes for claims and changes none; front desk sees none; a supervisor reads
 * them; the recovery key reads them */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AlcoveDiagnosis) diagnosis = added (f, "F32.1", ALCOVE_DIAGNOSIS_PRIMARY);
  g_autoptr(AlcoveDiagnosis) more = NULL;
  g_autoptr(GError) error = NULL;

  alcove_test_add_user (f->vault, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  alcove_test_add_user (f->vault, "fay", "Fay Oduya", ALCOVE_ROLE_FRONT_DESK);
  alcove_test_add_user (f->vault, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);

  open_as (f, "bea", TEST_OTHER_PASSWORD);
  {
    g_autoptr(GListModel) model = list (f);
    g_autoptr(AlcoveDiagnosis) seen = item (model, 0);

    g_assert_cmpstr (alcove_diagnosis_get_code (seen), ==, "F32.1");
  }
  g_assert_false (alcove_diagnosis_store_can_edit (f->diagnoses));
  more = entry (f, "F41.1", ALCOVE_DIAGNOSIS_SECONDARY, NULL, NULL);
  assert_refused (f, more, ALCOVE_VAULT_ERROR_PERMISSION_DENIED, "does not change diagnoses");
  g_assert_false (alcove_diagnosis_store_remove (f->diagnoses, diagnosis, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  open_as (f, "fay", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_diagnosis_store_can_read (f->diagnoses));
  g_assert_null (alcove_diagnosis_store_list_for_client (f->diagnoses, f->client_id, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  open_as (f, "rui", TEST_OTHER_PASSWORD);
  g_assert_true (alcove_diagnosis_store_can_read (f->diagnoses));
  g_assert_false (alcove_diagnosis_store_can_edit (f->diagnoses));

  alcove_vault_lock (f->vault);
  g_assert_false (alcove_diagnosis_store_can_read (f->diagnoses));
  g_assert_null (alcove_diagnosis_store_list_for_client (f->diagnoses, f->client_id, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_LOCKED);
}

/* The file keeps one current primary and each code once while current, whoever writes to
 * it with the key */
static void
test_raw_sql (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AlcoveDiagnosis) diagnosis = added (f, "F32.1", ALCOVE_DIAGNOSIS_PRIMARY);

  g_assert_cmpint (alcove_test_exec_raw (f->vault, "INSERT INTO diagnoses (id, client_id, code,"
                                                   " rank, recorded_by, created_ms, updated_ms)"
                                                   " VALUES ('x', '%s', 'F41.1', 'primary', 'u',"
                                                   " 1, 1)", f->client_id), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "INSERT INTO diagnoses (id, client_id, code,"
                                                   " rank, recorded_by, created_ms, updated_ms)"
                                                   " VALUES ('y', '%s', 'F32.1', 'secondary',"
                                                   " 'u', 1, 1)", f->client_id), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE diagnoses SET rank = 'tertiary'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "INSERT INTO diagnoses (id, client_id, code,"
                                                   " rank, recorded_by, created_ms, updated_ms)"
                                                   " VALUES ('z', 'nobody', 'F41.1', 'secondary',"
                                                   " 'u', 1, 1)"), ==, SQLITE_CONSTRAINT);
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/problem-list/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("add", test_add);
  ADD ("codes-not-shipped", test_codes_not_shipped);
  ADD ("refusals", test_refusals);
  ADD ("once-while-current", test_once_while_current);
  ADD ("one-primary", test_one_primary);
  ADD ("update-and-remove", test_update_and_remove);
  ADD ("roles", test_roles);
  ADD ("raw-sql", test_raw_sql);
#undef ADD

  return g_test_run ();
}
