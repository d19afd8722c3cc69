/* alcove-policy.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-user.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

/* What a session may do. Stores ask before they write; the GUI asks to show only what
 * will be allowed. */
typedef enum
{
  ALCOVE_CAPABILITY_REVIEW_AUDIT,        /* read and verify the audit log */
  ALCOVE_CAPABILITY_EDIT_CLIENTS,        /* add and change client records and sessions */
  ALCOVE_CAPABILITY_READ_CONSENT_VALUES, /* see what a consent says, not only that it exists */
  ALCOVE_CAPABILITY_EDIT_CONSENTS,       /* record, activate and revoke consents */
  ALCOVE_CAPABILITY_RECORD_DISCLOSURES,  /* share, and log a disclosure */
  ALCOVE_CAPABILITY_MANAGE_INCIDENTS,    /* the breach register */
  ALCOVE_CAPABILITY_WRITE_NOTES,         /* progress and psychotherapy notes of one's own */
  ALCOVE_CAPABILITY_EDIT_REGISTERS,      /* policies, vendors, devices, training */
  ALCOVE_CAPABILITY_DISPOSE_RECORDS,     /* retention: destroy records past their time */
  ALCOVE_CAPABILITY_REVIEW_SAFEGUARDS,   /* the privacy checklist dashboard */
  ALCOVE_CAPABILITY_READ_DIAGNOSES,      /* a client's problem list: codes and dates */
  ALCOVE_CAPABILITY_EDIT_DIAGNOSES,      /* add, change and remove diagnoses */
  ALCOVE_CAPABILITY_EDIT_FORMATS,        /* the practice's own note formats */
  ALCOVE_CAPABILITY_ATTEST_CHECKLIST,    /* state a checklist item's attestation, signed */
  ALCOVE_CAPABILITY_READ_CLIENT_DOCUMENTS,   /* open old notes and forms attached to a client */
  ALCOVE_CAPABILITY_ATTACH_CLIENT_DOCUMENTS, /* attach them, and correct their label or date */
  ALCOVE_CAPABILITY_EXPORT_PRACTICE,     /* the whole practice as plaintext, for leaving */
  ALCOVE_N_CAPABILITIES
} AlcoveCapability;

/* The table: a role's answer, and the recovery-key session's, which has no role */
gboolean     alcove_policy_role_allows     (AlcoveRole        role,
                                            AlcoveCapability  capability);
gboolean     alcove_policy_recovery_allows (AlcoveCapability  capability);
/* The signed-in session's answer; FALSE while locked */
gboolean     alcove_policy_allows          (AlcoveVault      *vault,
                                            AlcoveCapability  capability);
const char  *alcove_capability_to_string   (AlcoveCapability  capability);
/* A role's access in one line, for the person choosing it */
char        *alcove_policy_dup_role_summary (AlcoveRole       role);

G_END_DECLS
