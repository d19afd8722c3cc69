/* alcove-policy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-policy"

#include "config.h"

#include "alcove-policy.h"

/* Who may do what, in one place. Columns: owner, clinician, supervisor, billing, and the
 * recovery-key session, which exists to get a practice back in and to answer for
 * its records (the audit log, a breach, a disclosure the law requires), not to write
 * clinical content in anyone's name. */
enum { OWNER, CLINICIAN, SUPERVISOR, BILLING, RECOVERY, N_COLUMNS };

static const struct
{
  const char *name;
  gboolean    allowed[N_COLUMNS];
} table[ALCOVE_N_CAPABILITIES] = {
  /*                                          owner  clin.  super. bill.  recovery */
  [ALCOVE_CAPABILITY_REVIEW_AUDIT]        = { "review-audit",
                                              { TRUE,  FALSE, TRUE,  FALSE, TRUE } },
  [ALCOVE_CAPABILITY_EDIT_CLIENTS]        = { "edit-clients",
                                              { TRUE,  TRUE,  FALSE, TRUE,  FALSE } },
  [ALCOVE_CAPABILITY_READ_CONSENT_VALUES] = { "read-consent-values",
                                              { TRUE,  TRUE,  TRUE,  FALSE, TRUE } },
  [ALCOVE_CAPABILITY_EDIT_CONSENTS]       = { "edit-consents",
                                              { TRUE,  TRUE,  TRUE,  FALSE, FALSE } },
  [ALCOVE_CAPABILITY_RECORD_DISCLOSURES]  = { "record-disclosures",
                                              { TRUE,  TRUE,  FALSE, TRUE,  TRUE } },
  [ALCOVE_CAPABILITY_MANAGE_INCIDENTS]    = { "manage-incidents",
                                              { TRUE,  FALSE, FALSE, FALSE, TRUE } },
  [ALCOVE_CAPABILITY_WRITE_NOTES]         = { "write-notes",
                                              { TRUE,  TRUE,  FALSE, FALSE, FALSE } },
  [ALCOVE_CAPABILITY_EDIT_REGISTERS]      = { "edit-registers",
                                              { TRUE,  FALSE, FALSE, FALSE, FALSE } },
  [ALCOVE_CAPABILITY_DISPOSE_RECORDS]     = { "dispose-records",
                                              { TRUE,  FALSE, FALSE, FALSE, FALSE } },
  [ALCOVE_CAPABILITY_REVIEW_SAFEGUARDS]   = { "review-safeguards",
                                              { TRUE,  FALSE, TRUE,  FALSE, FALSE } },
};

static int
column_of (AlcoveRole role)
{
  switch (role)
    {
    case ALCOVE_ROLE_OWNER:
      return OWNER;
    case ALCOVE_ROLE_CLINICIAN:
      return CLINICIAN;
    case ALCOVE_ROLE_SUPERVISOR:
      return SUPERVISOR;
    case ALCOVE_ROLE_BILLING:
    default:
      return BILLING;
    }
}

gboolean
alcove_policy_role_allows (AlcoveRole       role,
                           AlcoveCapability capability)
{
  g_return_val_if_fail (capability < ALCOVE_N_CAPABILITIES, FALSE);

  return table[capability].allowed[column_of (role)];
}

gboolean
alcove_policy_recovery_allows (AlcoveCapability capability)
{
  g_return_val_if_fail (capability < ALCOVE_N_CAPABILITIES, FALSE);

  return table[capability].allowed[RECOVERY];
}

gboolean
alcove_policy_allows (AlcoveVault      *vault,
                      AlcoveCapability  capability)
{
  AlcoveUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  if (alcove_vault_get_locked (vault))
    return FALSE;
  user = alcove_vault_get_current_user (vault);
  return user != NULL ? alcove_policy_role_allows (alcove_user_get_role (user), capability)
                      : alcove_policy_recovery_allows (capability);
}

const char *
alcove_capability_to_string (AlcoveCapability capability)
{
  g_return_val_if_fail (capability < ALCOVE_N_CAPABILITIES, NULL);

  return table[capability].name;
}
