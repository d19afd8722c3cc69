/* test-policy.c — who may do what: the one table, every role and the recovery key, and the
 * stores asking it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-policy"

#include "config.h"

#include "alcove-attestations.h"
#include "alcove-audit-query.h"
#include "alcove-checklist-facts.h"
#include "alcove-client-store.h"
#include "alcove-consent-store.h"
#include "alcove-disclosure-store.h"
#include "alcove-incidents.h"
#include "alcove-policy.h"
#include "alcove-registers.h"
#include "alcove-retention.h"
#include "alcove-test-utils.h"

/* The practice's rules as the help states them (users-roles.page), written out here on
 * their own: "O" owner, "C" clinician, "S" supervisor, "B" billing, "F" front desk, "R"
 * recovery key */
static const struct
{
  AlcoveCapability capability;
  const char      *who;
} expected[] = {
  { ALCOVE_CAPABILITY_REVIEW_AUDIT, "OSR" },
  { ALCOVE_CAPABILITY_EDIT_CLIENTS, "OCBF" },
  { ALCOVE_CAPABILITY_READ_CONSENT_VALUES, "OCSR" },
  { ALCOVE_CAPABILITY_EDIT_CONSENTS, "OCS" },
  { ALCOVE_CAPABILITY_RECORD_DISCLOSURES, "OCBR" },
  { ALCOVE_CAPABILITY_MANAGE_INCIDENTS, "OR" },
  { ALCOVE_CAPABILITY_WRITE_NOTES, "OC" },
  { ALCOVE_CAPABILITY_EDIT_REGISTERS, "O" },
  { ALCOVE_CAPABILITY_DISPOSE_RECORDS, "O" },
  { ALCOVE_CAPABILITY_REVIEW_SAFEGUARDS, "OS" },
  { ALCOVE_CAPABILITY_READ_DIAGNOSES, "OCSBR" },
  { ALCOVE_CAPABILITY_EDIT_DIAGNOSES, "OC" },
  { ALCOVE_CAPABILITY_EDIT_FORMATS, "O" },
  { ALCOVE_CAPABILITY_ATTEST_CHECKLIST, "O" },
  { ALCOVE_CAPABILITY_READ_CLIENT_DOCUMENTS, "OCSR" },
  { ALCOVE_CAPABILITY_ATTACH_CLIENT_DOCUMENTS, "OC" },
  { ALCOVE_CAPABILITY_EXPORT_PRACTICE, "OR" },
};

static const struct
{
  char       letter;
  AlcoveRole role;
} roles[] = {
  { 'O', ALCOVE_ROLE_OWNER },
  { 'C', ALCOVE_ROLE_CLINICIAN },
  { 'S', ALCOVE_ROLE_SUPERVISOR },
  { 'B', ALCOVE_ROLE_BILLING },
  { 'F', ALCOVE_ROLE_FRONT_DESK },
};

static void
test_table (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, ALCOVE_N_CAPABILITIES);
  g_assert_cmpuint (G_N_ELEMENTS (roles), ==, ALCOVE_N_ROLES);
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    {
      const char *who = expected[c].who;

      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          gboolean allowed = alcove_policy_role_allows (roles[r].role, expected[c].capability);

          if (allowed != (strchr (who, roles[r].letter) != NULL))
            g_error ("%s for %c: %s", alcove_capability_to_string (expected[c].capability),
                     roles[r].letter, allowed ? "allowed" : "refused");
        }
      g_assert_cmpint (alcove_policy_recovery_allows (expected[c].capability), ==,
                       strchr (who, 'R') != NULL);
    }
}

/* Each store's own question is the table's answer, for a billing account and a locked
 * vault alike */
static void
test_stores_ask_the_table (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = NULL;
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveConsentStore) consents = NULL;
  g_autoptr(AlcoveDisclosureStore) disclosures = NULL;

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    alcove_test_add_user (owner, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  }
  vault = alcove_test_unlocked_vault (dir, "bea", TEST_OTHER_PASSWORD);
  clients = alcove_client_store_new (vault, NULL);
  consents = alcove_consent_store_new (vault, NULL);
  disclosures = alcove_disclosure_store_new (vault, NULL);

  g_assert_true (alcove_client_store_can_edit (clients));
  g_assert_false (alcove_consent_store_can_edit (consents));
  g_assert_false (alcove_consent_store_can_read_values (consents));
  g_assert_true (alcove_disclosure_store_can_record (disclosures));
  g_assert_false (alcove_audit_can_review (vault));
  g_assert_false (alcove_incidents_can_manage (vault));
  g_assert_false (alcove_registers_can_edit (vault));
  g_assert_false (alcove_retention_can_dispose (vault));
  g_assert_false (alcove_checklist_can_review (vault));
  g_assert_false (alcove_attestations_can_attest (vault));

  alcove_vault_lock (vault);
  for (guint c = 0; c < ALCOVE_N_CAPABILITIES; c++)
    g_assert_false (alcove_policy_allows (vault, c));
  g_assert_false (alcove_client_store_can_edit (clients));
}

/* A front desk clerk keeps who comes when, and nothing more: the stores ask the same table */
static void
test_front_desk (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = NULL;
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveConsentStore) consents = NULL;
  g_autoptr(AlcoveDisclosureStore) disclosures = NULL;

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    alcove_test_add_user (owner, "fay", "Fay Oduya", ALCOVE_ROLE_FRONT_DESK);
  }
  vault = alcove_test_unlocked_vault (dir, "fay", TEST_OTHER_PASSWORD);
  clients = alcove_client_store_new (vault, NULL);
  consents = alcove_consent_store_new (vault, NULL);
  disclosures = alcove_disclosure_store_new (vault, NULL);

  g_assert_true (alcove_client_store_can_edit (clients));
  g_assert_false (alcove_consent_store_can_edit (consents));
  g_assert_false (alcove_consent_store_can_read_values (consents));
  g_assert_false (alcove_disclosure_store_can_record (disclosures));
  g_assert_false (alcove_audit_can_review (vault));
  g_assert_false (alcove_incidents_can_manage (vault));
  g_assert_false (alcove_registers_can_edit (vault));
  g_assert_false (alcove_retention_can_dispose (vault));
  g_assert_false (alcove_checklist_can_review (vault));
  g_assert_false (alcove_attestations_can_attest (vault));
  /* the practice store alone: no notes of anyone */
  g_assert_true (alcove_vault_can_open_database (vault, "practice"));
  g_assert_false (alcove_policy_allows (vault, ALCOVE_CAPABILITY_WRITE_NOTES));
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/policy/table", test_table);
  g_test_add_func ("/policy/stores-ask-the-table", test_stores_ask_the_table);
  g_test_add_func ("/policy/front-desk", test_front_desk);
  return g_test_run ();
}
