/* test-jurisdiction.c — the practice's privacy law: the setting, its default for vaults made
 * before it existed, and that each law gets only its own wording and deadlines, as the data
 * file gives them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-jurisdiction"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "alcove-audit-actions.h"
#include "alcove-incidents.h"
#include "alcove-jurisdiction.h"
#include "alcove-test-utils.h"

static void
test_strings (void)
{
  static const AlcoveJurisdiction all[] = {
    ALCOVE_JURISDICTION_US_HIPAA, ALCOVE_JURISDICTION_AU_NDB, ALCOVE_JURISDICTION_BOTH,
  };
  AlcoveJurisdiction parsed;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_assert_true (alcove_jurisdiction_from_string (alcove_jurisdiction_to_string (all[i]),
                                                      &parsed));
      g_assert_cmpint (parsed, ==, all[i]);
      g_assert_nonnull (alcove_jurisdiction_get_title (all[i]));
    }
  g_assert_false (alcove_jurisdiction_from_string ("nz", &parsed));
  g_assert_false (alcove_jurisdiction_from_string (NULL, &parsed));

  /* untagged wording holds everywhere; a tag for an unknown law is never shown */
  g_assert_true (alcove_jurisdiction_covers (ALCOVE_JURISDICTION_US_HIPAA, NULL));
  g_assert_true (alcove_jurisdiction_covers (ALCOVE_JURISDICTION_US_HIPAA, "us-hipaa"));
  g_assert_false (alcove_jurisdiction_covers (ALCOVE_JURISDICTION_US_HIPAA, "au-ndb"));
  g_assert_false (alcove_jurisdiction_covers (ALCOVE_JURISDICTION_AU_NDB, "us-hipaa"));
  g_assert_true (alcove_jurisdiction_covers (ALCOVE_JURISDICTION_BOTH, "au-ndb"));
  g_assert_false (alcove_jurisdiction_covers (ALCOVE_JURISDICTION_BOTH, "eu-gdpr"));
}

static void
test_guess (void)
{
  const char *australian[] = { "en_AU.UTF-8", "en_AU", "en", "C", NULL };
  const char *bare[] = { "en_AU", NULL };
  const char *modifier[] = { "en_AU@euro", NULL };
  const char *american[] = { "en_US.UTF-8", "en_US", "en", "C", NULL };
  const char *austrian[] = { "de_AT.UTF-8", NULL };
  const char *lookalike[] = { "xx_AUX", "C", NULL };

  g_assert_cmpint (alcove_jurisdiction_guess_from_locales (australian), ==,
                   ALCOVE_JURISDICTION_AU_NDB);
  g_assert_cmpint (alcove_jurisdiction_guess_from_locales (bare), ==, ALCOVE_JURISDICTION_AU_NDB);
  g_assert_cmpint (alcove_jurisdiction_guess_from_locales (modifier), ==,
                   ALCOVE_JURISDICTION_AU_NDB);
  g_assert_cmpint (alcove_jurisdiction_guess_from_locales (american), ==,
                   ALCOVE_JURISDICTION_US_HIPAA);
  g_assert_cmpint (alcove_jurisdiction_guess_from_locales (austrian), ==,
                   ALCOVE_JURISDICTION_US_HIPAA);
  g_assert_cmpint (alcove_jurisdiction_guess_from_locales (lookalike), ==,
                   ALCOVE_JURISDICTION_US_HIPAA);
  g_assert_cmpint (alcove_jurisdiction_guess_from_locales (NULL), ==,
                   ALCOVE_JURISDICTION_US_HIPAA);
}

/* The rules of data/breach/breach-rules.json, read here apart from the code under test */
static JsonArray *
rules_from_file (JsonParser **parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "breach",
                                                 "breach-rules.json", NULL);
  g_autoptr(GError) error = NULL;

  *parser = json_parser_new ();
  g_assert_true (json_parser_load_from_file (*parser, path, &error));
  g_assert_no_error (error);
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (*parser)),
                                       "rules");
}

static JsonObject *
rule_by_id (JsonArray  *rules,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);

      if (g_str_equal (json_object_get_string_member (rule, "id"), id))
        return rule;
    }
  return NULL;
}

/* Every deadline of an incident under `jurisdiction` is a rule of that law in the file, due
 * as many days after discovery as the file says; every such rule that applies is there */
static void
assert_deadlines_from_file (AlcoveJurisdiction jurisdiction,
                            guint              affected)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *rules = rules_from_file (&parser);
  g_autoptr(AlcoveIncident) incident = alcove_incident_new ();
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GDate) discovered = g_date_new_dmy (1, G_DATE_MARCH, 2024);
  guint expected = 0;

  alcove_incident_set_discovered_on (incident, "2024-03-01");
  alcove_incident_set_jurisdiction (incident, jurisdiction);
  alcove_incident_set_affected (incident, affected);
  alcove_incident_set_serious_harm (incident, TRUE);
  deadlines = alcove_incident_compute_deadlines (incident);

  for (guint i = 0; i < deadlines->len; i++)
    {
      AlcoveIncidentDeadline *deadline = g_ptr_array_index (deadlines, i);
      JsonObject *rule = rule_by_id (rules, deadline->id);

      g_assert_nonnull (rule);
      g_assert_true (alcove_jurisdiction_covers (jurisdiction,
                                                 json_object_get_string_member (rule,
                                                                                "jurisdiction")));
      g_assert_cmpstr (deadline->basis, ==, json_object_get_string_member (rule, "basis"));
      if (json_object_has_member (rule, "days_after_discovery"))
        {
          g_autoptr(GDate) due = g_date_copy (discovered);
          g_autofree char *iso = NULL;

          g_date_add_days (due, (guint) json_object_get_int_member (rule,
                                                                   "days_after_discovery"));
          iso = g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (due),
                                 (guint) g_date_get_month (due), (guint) g_date_get_day (due));
          g_assert_cmpstr (deadline->due_day, ==, iso);
        }
      if (json_object_get_boolean_member_with_default (rule, "as_soon_as_practicable", FALSE))
        g_assert_null (deadline->due_day);
    }

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);

      if (!alcove_jurisdiction_covers (jurisdiction,
                                       json_object_get_string_member (rule, "jurisdiction")))
        continue;
      if (json_object_has_member (rule, "min_affected") &&
          affected < json_object_get_int_member (rule, "min_affected"))
        continue;
      if (json_object_has_member (rule, "max_affected") &&
          affected > json_object_get_int_member (rule, "max_affected"))
        continue;
      expected++;
    }
  g_assert_cmpuint (deadlines->len, ==, expected);
  g_assert_cmpuint (expected, >, 0);
}

static void
test_deadlines_from_data (void)
{
  assert_deadlines_from_file (ALCOVE_JURISDICTION_US_HIPAA, 3);
  assert_deadlines_from_file (ALCOVE_JURISDICTION_US_HIPAA, 600);
  assert_deadlines_from_file (ALCOVE_JURISDICTION_AU_NDB, 3);
}

/* Each law's wording mentions its own regulator and statute, never the other's */
static void
assert_only_wording_of (AlcoveJurisdiction  jurisdiction,
                        const char * const *own,
                        const char * const *foreign)
{
  g_autoptr(AlcoveIncident) incident = alcove_incident_new ();
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  alcove_incident_set_discovered_on (incident, "2024-03-01");
  alcove_incident_set_jurisdiction (incident, jurisdiction);
  alcove_incident_set_affected (incident, 600);
  alcove_incident_set_serious_harm (incident, TRUE);
  deadlines = alcove_incident_compute_deadlines (incident);
  for (guint i = 0; i < deadlines->len; i++)
    {
      AlcoveIncidentDeadline *deadline = g_ptr_array_index (deadlines, i);

      g_string_append_printf (text, "%s %s\n", deadline->title, deadline->basis);
    }
  for (guint i = 0; own[i] != NULL; i++)
    g_assert_nonnull (strstr (text->str, own[i]));
  for (guint i = 0; foreign[i] != NULL; i++)
    g_assert_null (strstr (text->str, foreign[i]));
}

static void
test_wording (void)
{
  const char *american[] = { "HHS", "45 CFR", NULL };
  const char *australian[] = { "OAIC", "Privacy Act 1988", NULL };

  assert_only_wording_of (ALCOVE_JURISDICTION_US_HIPAA, american, australian);
  assert_only_wording_of (ALCOVE_JURISDICTION_AU_NDB, australian, american);
}

static void
test_practice_setting (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) vault = alcove_test_fresh_vault (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveIncident) before = NULL;
  g_autoptr(AlcoveIncident) after = NULL;
  g_autoptr(AlcoveIncident) recorded = NULL;

  /* a vault made before the setting existed stays under HIPAA, as Alcove always was */
  g_assert_cmpint (alcove_practice_get_jurisdiction (vault), ==, ALCOVE_JURISDICTION_US_HIPAA);
  before = alcove_incident_new_for_practice (vault);
  g_assert_cmpint (alcove_incident_get_jurisdiction (before), ==, ALCOVE_JURISDICTION_US_HIPAA);

  /* one country at a time */
  g_assert_false (alcove_practice_set_jurisdiction (vault, ALCOVE_JURISDICTION_BOTH, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (alcove_practice_set_jurisdiction (vault, ALCOVE_JURISDICTION_AU_NDB, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_practice_get_jurisdiction (vault), ==, ALCOVE_JURISDICTION_AU_NDB);
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_PRACTICE_SETTING,
                                            ALCOVE_SETTING_JURISDICTION), ==, 1);
  after = alcove_incident_new_for_practice (vault);
  g_assert_cmpint (alcove_incident_get_jurisdiction (after), ==, ALCOVE_JURISDICTION_AU_NDB);

  /* an incident recorded under both laws follows the practice once opened */
  recorded = alcove_incident_new ();
  alcove_incident_set_jurisdiction (recorded, ALCOVE_JURISDICTION_BOTH);
  alcove_incident_follow_practice (recorded, vault);
  g_assert_cmpint (alcove_incident_get_jurisdiction (recorded), ==, ALCOVE_JURISDICTION_AU_NDB);

  /* it outlives the session */
  alcove_vault_lock (vault);
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_assert_cmpint (alcove_practice_get_jurisdiction (vault), ==, ALCOVE_JURISDICTION_AU_NDB);

  /* only an owner changes it */
  alcove_test_add_user (vault, "casey", "Casey Clinician", ALCOVE_ROLE_CLINICIAN);
  alcove_vault_lock (vault);
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "casey", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_practice_set_jurisdiction (vault, ALCOVE_JURISDICTION_US_HIPAA, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (alcove_practice_get_jurisdiction (vault), ==, ALCOVE_JURISDICTION_AU_NDB);
  alcove_vault_lock (vault);
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/jurisdiction/strings", test_strings);
  g_test_add_func ("/jurisdiction/guess", test_guess);
  g_test_add_func ("/jurisdiction/deadlines-from-data", test_deadlines_from_data);
  g_test_add_func ("/jurisdiction/wording", test_wording);
  g_test_add_func ("/jurisdiction/practice-setting", test_practice_setting);

  return g_test_run ();
}
