/* alcove-policy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-policy"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-policy.h"

/* Who may do what, in one place. Columns: owner, clinician, supervisor, billing, front desk,
 * and the recovery-key session, which exists to get a practice back in and to answer for
 * its records (the audit log, a breach, a disclosure the law requires), not to write
 * clinical content in anyone's name. Front desk keeps who comes when (clients' demographics
 * and sessions) and nothing more: no notes, no consent values, no disclosures; billing also
 * logs the disclosures a claim makes. Each capability has its few words for the line that
 * explains a role (alcove_policy_dup_role_summary). */
enum { OWNER, CLINICIAN, SUPERVISOR, BILLING, FRONT_DESK, RECOVERY, N_COLUMNS };

static const struct
{
  const char *name;
  const char *summary;
  gboolean    allowed[N_COLUMNS];
} table[ALCOVE_N_CAPABILITIES] = {
  /*                                            owner  clin.  super. bill.  front  recovery */
  [ALCOVE_CAPABILITY_REVIEW_AUDIT]        = { "review-audit", N_("Audit log"),
                                              { TRUE,  FALSE, TRUE,  FALSE, FALSE, TRUE } },
  [ALCOVE_CAPABILITY_EDIT_CLIENTS]        = { "edit-clients", N_("Clients and sessions"),
                                              { TRUE,  TRUE,  FALSE, TRUE,  TRUE,  FALSE } },
  [ALCOVE_CAPABILITY_READ_CONSENT_VALUES] = { "read-consent-values", N_("Reads consents"),
                                              { TRUE,  TRUE,  TRUE,  FALSE, FALSE, TRUE } },
  [ALCOVE_CAPABILITY_EDIT_CONSENTS]       = { "edit-consents", N_("Records consents"),
                                              { TRUE,  TRUE,  TRUE,  FALSE, FALSE, FALSE } },
  [ALCOVE_CAPABILITY_RECORD_DISCLOSURES]  = { "record-disclosures", N_("Disclosures"),
                                              { TRUE,  TRUE,  FALSE, TRUE,  FALSE, TRUE } },
  [ALCOVE_CAPABILITY_MANAGE_INCIDENTS]    = { "manage-incidents", N_("Breach register"),
                                              { TRUE,  FALSE, FALSE, FALSE, FALSE, TRUE } },
  [ALCOVE_CAPABILITY_WRITE_NOTES]         = { "write-notes", NULL,
                                              { TRUE,  TRUE,  FALSE, FALSE, FALSE, FALSE } },
  [ALCOVE_CAPABILITY_EDIT_REGISTERS]      = { "edit-registers", N_("Registers"),
                                              { TRUE,  FALSE, FALSE, FALSE, FALSE, FALSE } },
  [ALCOVE_CAPABILITY_DISPOSE_RECORDS]     = { "dispose-records", N_("Retention"),
                                              { TRUE,  FALSE, FALSE, FALSE, FALSE, FALSE } },
  [ALCOVE_CAPABILITY_REVIEW_SAFEGUARDS]   = { "review-safeguards", N_("Privacy checklist"),
                                              { TRUE,  FALSE, TRUE,  FALSE, FALSE, FALSE } },
  /* billing codes claims, so it reads codes; front desk keeps schedules, not diagnoses */
  [ALCOVE_CAPABILITY_READ_DIAGNOSES]      = { "read-diagnoses", NULL,
                                              { TRUE,  TRUE,  TRUE,  TRUE,  FALSE, TRUE } },
  [ALCOVE_CAPABILITY_EDIT_DIAGNOSES]      = { "edit-diagnoses", NULL,
                                              { TRUE,  TRUE,  FALSE, FALSE, FALSE, FALSE } },
  /* a format shapes every clinician's notes and what a supervisor co-signs, so the practice
   * decides it, as it decides the co-signing policy; a clinician asks their owner */
  [ALCOVE_CAPABILITY_EDIT_FORMATS]        = { "edit-formats", N_("Note formats"),
                                              { TRUE,  FALSE, FALSE, FALSE, FALSE, FALSE } },
  /* "We use no AI tools" answers for the practice, as its registers do: the owner, who
   * keeps them. A supervisor reads the dashboard but does not speak for the practice; the
   * recovery-key session is nobody, and an attestation is a person's signed word. */
  [ALCOVE_CAPABILITY_ATTEST_CHECKLIST]    = { "attest-checklist", NULL,
                                              { TRUE,  FALSE, FALSE, FALSE, FALSE, FALSE } },
  /* a client's old notes and signed forms are clinical content: read by those who read what a
   * consent says, never by billing or front desk, whatever they may do with the client's
   * demographics; attached by those who write the record */
  [ALCOVE_CAPABILITY_READ_CLIENT_DOCUMENTS]   = { "read-client-documents", NULL,
                                                  { TRUE,  TRUE,  TRUE,  FALSE, FALSE, TRUE } },
  [ALCOVE_CAPABILITY_ATTACH_CLIENT_DOCUMENTS] = { "attach-client-documents", NULL,
                                                  { TRUE,  TRUE,  FALSE, FALSE, FALSE, FALSE } },
  /* The whole practice as plaintext, for leaving Alcove: the person answerable for the
   * practice's records. An owner opens only their own notes; the recovery-key session opens
   * every clinician's, so a practice that closes can take all of them in one archive. */
  [ALCOVE_CAPABILITY_EXPORT_PRACTICE]     = { "export-practice", NULL,
                                              { TRUE,  FALSE, FALSE, FALSE, FALSE, TRUE } },
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
      return BILLING;
    case ALCOVE_ROLE_FRONT_DESK:
    default:
      return FRONT_DESK;
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

/* Which notes a role opens, from the stores its keys reach (alcove_role_writes_notes and
 * the supervisors' grants), not from the table */
static const char *
notes_summary (AlcoveRole role)
{
  if (alcove_role_writes_notes (role))
    return _("Writes their own notes");
  if (role == ALCOVE_ROLE_SUPERVISOR)
    return _("Reads supervisees’ progress notes");
  return _("Never sees notes");
}

/* One line that tells what a role may do, e.g. "Never sees notes · Clients and sessions":
 * the table read across, in its order, after what the role's keys open */
char *
alcove_policy_dup_role_summary (AlcoveRole role)
{
  /* TRANSLATORS: between the items of a role's summary, e.g. "Audit log · Registers" */
  const char *separator = _(" · ");
  GString *line;

  g_return_val_if_fail (role < ALCOVE_N_ROLES, NULL);

  line = g_string_new (notes_summary (role));
  if (role == ALCOVE_ROLE_OWNER)
    g_string_append_printf (line, "%s%s", separator, _("Manages people"));
  for (guint c = 0; c < ALCOVE_N_CAPABILITIES; c++)
    if (table[c].summary != NULL && table[c].allowed[column_of (role)])
      g_string_append_printf (line, "%s%s", separator, _(table[c].summary));
  return g_string_free (line, FALSE);
}
