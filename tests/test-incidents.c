/* test-incidents.c — the breach register: deadlines at their boundaries, steps, audit, roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-incidents"

#include "config.h"

#include "alcove-audit-query.h"
#include "alcove-incidents.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define TEXT_MARK "wombatledger"

static GDate *
date_of (const char *day)
{
  GDate *date = g_date_new ();

  g_date_set_parse (date, day);
  g_assert_true (g_date_valid (date));
  return date;
}

static AlcoveIncident *
incident_for (const char         *discovered,
              AlcoveJurisdiction  jurisdiction,
              guint               affected,
              gboolean            serious_harm)
{
  AlcoveIncident *incident = alcove_incident_new ();

  alcove_incident_set_discovered_on (incident, discovered);
  alcove_incident_set_jurisdiction (incident, jurisdiction);
  alcove_incident_set_affected (incident, affected);
  alcove_incident_set_serious_harm (incident, serious_harm);
  return incident;
}

/* "id=due" for each deadline, due "asap" when it has no date, "+note" when note only */
static char *
summarize (AlcoveIncident *incident)
{
  g_autoptr(GPtrArray) deadlines = alcove_incident_compute_deadlines (incident);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < deadlines->len; i++)
    {
      AlcoveIncidentDeadline *deadline = g_ptr_array_index (deadlines, i);

      g_string_append_printf (text, "%s%s=%s%s", i ? " " : "", deadline->id,
                              deadline->due_day ? deadline->due_day : "asap",
                              deadline->note_only ? "+note" : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
count_cb (AlcoveVault *vault,
          guint       *count)
{
  (*count)++;
}

static void
test_deadlines (void)
{
  static const struct
  {
    const char         *discovered;
    AlcoveJurisdiction  jurisdiction;
    guint               affected;
    gboolean            serious_harm;
    const char         *expected;
  } cases[] = {
    /* 60 days, across a leap February; fewer than 500: the annual log, 60 days after the
     * end of the year of discovery (1 March, or 29 February in a leap year) */
    { "2024-01-10", ALCOVE_JURISDICTION_US_HIPAA, 10, FALSE,
      "hipaa-individuals=2024-03-10 hhs-annual=2025-03-01" },
    { "2023-12-31", ALCOVE_JURISDICTION_US_HIPAA, 1, FALSE,
      "hipaa-individuals=2024-02-29 hhs-annual=2024-02-29" },
    { "2023-01-01", ALCOVE_JURISDICTION_US_HIPAA, 499, FALSE,
      "hipaa-individuals=2023-03-02 hhs-annual=2024-02-29" },
    /* 500 or more: HHS at the same time as the individuals */
    { "2023-01-01", ALCOVE_JURISDICTION_US_HIPAA, 500, FALSE,
      "hipaa-individuals=2023-03-02 hhs-immediate=2023-03-02" },
    /* more than 500: the media notice, for information */
    { "2023-01-01", ALCOVE_JURISDICTION_US_HIPAA, 501, FALSE,
      "hipaa-individuals=2023-03-02 hhs-immediate=2023-03-02 hipaa-media=2023-03-02+note" },
    /* NDB: 30 days to assess; the OAIC and the individuals only once serious harm is likely */
    { "2024-05-01", ALCOVE_JURISDICTION_AU_NDB, 3, FALSE, "ndb-assessment=2024-05-31" },
    { "2024-05-01", ALCOVE_JURISDICTION_AU_NDB, 3, TRUE,
      "ndb-assessment=2024-05-31 ndb-oaic=asap ndb-individuals=asap" },
    { "2024-02-15", ALCOVE_JURISDICTION_BOTH, 2, TRUE,
      "hipaa-individuals=2024-04-15 hhs-annual=2025-03-01 ndb-assessment=2024-03-16"
      " ndb-oaic=asap ndb-individuals=asap" },
    /* no discovery day, no deadlines */
    { "", ALCOVE_JURISDICTION_BOTH, 2, TRUE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AlcoveIncident) incident = incident_for (cases[i].discovered, cases[i].jurisdiction,
                                                         cases[i].affected, cases[i].serious_harm);
      g_autofree char *summary = summarize (incident);

      g_test_message ("case %u: %s", i, summary);
      g_assert_cmpstr (summary, ==, cases[i].expected);
    }
}

static void
test_countdown (void)
{
  g_autoptr(AlcoveIncident) incident = incident_for ("2024-01-10", ALCOVE_JURISDICTION_BOTH, 10,
                                                     TRUE);
  g_autoptr(GPtrArray) deadlines = alcove_incident_compute_deadlines (incident);
  AlcoveIncidentDeadline *individuals = g_ptr_array_index (deadlines, 0);
  AlcoveIncidentDeadline *oaic = NULL;
  static const struct { const char *today; int left; } days[] = {
    { "2024-01-10", 60 }, { "2024-03-09", 1 }, { "2024-03-10", 0 }, { "2024-03-11", -1 },
    { "2025-01-10", -306 },
  };

  g_assert_cmpstr (individuals->id, ==, "hipaa-individuals");
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDate) today = date_of (days[i].today);

      g_assert_cmpint (alcove_incident_deadline_days_left (individuals, today), ==, days[i].left);
    }
  for (guint i = 0; i < deadlines->len; i++)
    if (g_str_equal (((AlcoveIncidentDeadline *) g_ptr_array_index (deadlines, i))->id, "ndb-oaic"))
      oaic = g_ptr_array_index (deadlines, i);
  g_assert_nonnull (oaic);
  {
    g_autoptr(GDate) today = date_of ("2024-01-10");

    g_assert_cmpint (alcove_incident_deadline_days_left (oaic, today), ==, G_MAXINT);
  }
}

static gint64
count_audit (AlcoveVault *vault,
             const char  *action,
             const char  *object_id)
{
  AlcoveAuditFilter filter = { .action_prefix = action };
  g_autoptr(GPtrArray) rows = alcove_audit_query (vault, &filter, 0, 0, NULL);
  gint64 count = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      AlcoveAuditEntry *entry = g_ptr_array_index (rows, i);

      g_assert_null (strstr (alcove_audit_entry_get_details (entry), TEXT_MARK));
      if (g_str_equal (alcove_audit_entry_get_object_id (entry), object_id))
        count++;
    }
  return count;
}

static void
test_register (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveIncident) incident = incident_for ("2024-03-01", ALCOVE_JURISDICTION_US_HIPAA, 3,
                                                     FALSE);
  g_autoptr(GDate) today = date_of ("2024-03-05");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autofree char *letter = NULL;
  AlcoveIncident *loaded;
  guint changes = 0;

  /* views follow the register through the vault; a refused save tells them nothing */
  g_signal_connect (vault, "changed::incidents", G_CALLBACK (count_cb), &changes);
  /* what is wrong is said, and nothing is written */
  g_assert_false (alcove_incidents_save (vault, incident, today, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (alcove_incident_get_id (incident));
  alcove_incident_set_description (incident, "A laptop was stolen " TEXT_MARK);
  alcove_incident_set_discovered_on (incident, "2024-03-06");
  g_assert_false (alcove_incidents_save (vault, incident, today, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  alcove_incident_set_discovered_on (incident, "2024-03-01");
  alcove_incident_set_accessed (incident, "appointment times and names");
  alcove_incident_set_accessed_by (incident, "unknown thief");
  g_assert_cmpuint (changes, ==, 0);
  g_assert_true (alcove_incidents_save (vault, incident, today, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_nonnull (alcove_incident_get_id (incident));
  /* documenting is the first step, done when it is recorded */
  g_assert_cmpstr (alcove_incident_get_step_done (incident, ALCOVE_INCIDENT_STEP_DOCUMENT), ==,
                   "2024-03-05");
  g_assert_cmpint (count_audit (vault, ALCOVE_AUDIT_INCIDENT_CREATE,
                                alcove_incident_get_id (incident)), ==, 1);

  alcove_incident_set_affected (incident, 650);
  g_assert_true (alcove_incidents_save (vault, incident, today, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (vault, ALCOVE_AUDIT_INCIDENT_UPDATE,
                                alcove_incident_get_id (incident)), ==, 1);

  g_assert_false (alcove_incidents_set_step (vault, incident, ALCOVE_INCIDENT_STEP_NOTIFY_CLIENTS,
                                             "soon", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (alcove_incidents_set_step (vault, incident, ALCOVE_INCIDENT_STEP_NOTIFY_CLIENTS,
                                            "2024-03-20", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (vault, ALCOVE_AUDIT_INCIDENT_STEP,
                                alcove_incident_get_id (incident)), ==, 1);

  /* read back from the file after a lock */
  alcove_vault_lock (vault);
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  listed = alcove_incidents_list (vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  loaded = g_ptr_array_index (listed, 0);
  g_assert_cmpstr (alcove_incident_get_id (loaded), ==, alcove_incident_get_id (incident));
  g_assert_cmpstr (alcove_incident_get_discovered_on (loaded), ==, "2024-03-01");
  g_assert_cmpstr (alcove_incident_get_description (loaded), ==, "A laptop was stolen " TEXT_MARK);
  g_assert_cmpstr (alcove_incident_get_accessed_by (loaded), ==, "unknown thief");
  g_assert_cmpuint (alcove_incident_get_affected (loaded), ==, 650);
  g_assert_cmpstr (alcove_incident_get_step_done (loaded, ALCOVE_INCIDENT_STEP_DOCUMENT), ==,
                   "2024-03-05");
  g_assert_cmpstr (alcove_incident_get_step_done (loaded, ALCOVE_INCIDENT_STEP_NOTIFY_CLIENTS), ==,
                   "2024-03-20");
  g_assert_cmpstr (alcove_incident_get_step_done (loaded, ALCOVE_INCIDENT_STEP_ROOT_CAUSE), ==, "");

  /* the step meets the deadlines it closes; HHS is still open */
  deadlines = alcove_incident_compute_deadlines (loaded);
  for (guint i = 0; i < deadlines->len; i++)
    {
      AlcoveIncidentDeadline *deadline = g_ptr_array_index (deadlines, i);

      if (g_str_equal (deadline->id, "hipaa-individuals"))
        g_assert_true (deadline->met);
      else if (g_str_equal (deadline->id, "hhs-immediate"))
        g_assert_false (deadline->met);
    }

  /* clearing a step */
  g_assert_true (alcove_incidents_set_step (vault, loaded, ALCOVE_INCIDENT_STEP_NOTIFY_CLIENTS,
                                            NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_incident_get_step_done (loaded, ALCOVE_INCIDENT_STEP_NOTIFY_CLIENTS), ==,
                   "");

  /* the letter: plain words, the practice's name, what happened */
  letter = alcove_incidents_letter_text (vault, loaded);
  g_assert_true (g_str_has_prefix (letter, "Notice of a privacy incident"));
  g_assert_nonnull (strstr (letter, "appointment times and names."));
  g_assert_nonnull (strstr (letter, alcove_vault_get_practice_name (vault)));
  g_assert_nonnull (strstr (letter, "1 March 2024"));
  g_assert_null (strstr (letter, "{"));

  alcove_vault_lock (vault);
  g_clear_object (&vault);
  g_clear_object (&created);
}

static void
test_roles (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveIncident) incident = incident_for ("2024-03-01", ALCOVE_JURISDICTION_AU_NDB, 3,
                                                     TRUE);
  g_autoptr(GDate) today = date_of ("2024-03-05");
  g_autoptr(GError) error = NULL;

  alcove_test_add_user (vault, "carl", "Carl Supervisor", ALCOVE_ROLE_SUPERVISOR);
  alcove_vault_lock (vault);
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "carl", TEST_OTHER_PASSWORD);
  alcove_incident_set_description (incident, "A misdirected e-mail");
  g_assert_false (alcove_incidents_can_manage (vault));
  g_assert_false (alcove_incidents_save (vault, incident, today, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (alcove_incidents_list (vault, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  alcove_vault_lock (vault);
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/incidents/deadlines", test_deadlines);
  g_test_add_func ("/incidents/countdown", test_countdown);
  g_test_add_func ("/incidents/register", test_register);
  g_test_add_func ("/incidents/roles", test_roles);

  return g_test_run ();
}
