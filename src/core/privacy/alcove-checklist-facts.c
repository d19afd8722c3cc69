/* alcove-checklist-facts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-checklist-facts"

#include "config.h"

#include <string.h>

#include "alcove-attestations.h"
#include "alcove-audit-query.h"
#include "alcove-backup.h"
#include "alcove-checklist-facts.h"
#include "alcove-consent-store.h"
#include "alcove-consent-template.h"
#include "alcove-policy.h"
#include "alcove-registers.h"
#include "alcove-retention.h"
#include "alcove-vault-private.h"

/* The statement of the intake template (data/consents/intake.json) on the limits of
 * confidentiality */
#define INTAKE_LIMITS_STATEMENT "limits"

/* One small function per source of facts, so that each source can be connected (or
 * replaced) on its own. Counts only: nothing here keeps a client's name or a note. */

static gboolean
count_rows (AlcoveVault  *vault,
            const char   *sql,
            const char   *day,
            int          *count,
            GError      **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (vault);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (day != NULL)
    sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return alcove_database_set_error (database, "main", rc, error);
  return TRUE;
}

static char *
day_minus (const GDate *today,
           guint        days)
{
  GDate day = *today;

  g_date_subtract_days (&day, days);
  return alcove_date_to_iso (&day);
}

/* 1: the latest policy review */
static gboolean
gather_policy (AlcoveVault          *vault,
               AlcoveChecklistFacts *facts,
               GError              **error)
{
  g_autoptr(AlcovePolicyReview) review = NULL;
  GError *local_error = NULL;

  review = alcove_registers_get_policy (vault, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (review != NULL)
    {
      facts->policy_document_id = g_strdup (review->document_id);
      alcove_date_to_gdate (review->reviewed_on, &facts->policy_reviewed_on);
    }
  return TRUE;
}

/* 2 and 3: active individual clients and their intake consents on today. An intake
 * consent documents the disclosure limits when its "limits" statement was ticked as
 * explained and understood (activation requires it; an older or imported one may lack it).
 * A role that may not read consent values (billing) leaves item 3 unknown. */
static gboolean
gather_intake_consents (AlcoveVault          *vault,
                        const GDate          *today,
                        AlcoveChecklistFacts *facts,
                        GError              **error)
{
  g_autoptr(AlcoveConsentStore) store = alcove_consent_store_new (vault, error);
  g_autoptr(GPtrArray) consents = NULL;
  g_autofree char *limits_key = alcove_consent_statement_value_key (INTAKE_LIMITS_STATEMENT);
  GDate day = *today;
  guint active = 0;
  guint without;
  int missing = 0;

  if (store == NULL)
    return FALSE;
  without = alcove_consent_store_count_clients_without_intake (store, &day, &active);
  facts->n_active_clients = (int) active;
  facts->n_without_current_intake = (int) without;
  if (!alcove_consent_store_can_read_values (store))
    return TRUE;
  consents = alcove_consent_store_list_all (store, error);
  if (consents == NULL)
    return FALSE;
  for (guint i = 0; i < consents->len; i++)
    {
      AlcoveConsent *consent = g_ptr_array_index (consents, i);

      if (g_strcmp0 (alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND),
                     ALCOVE_CONSENT_KIND_INTAKE) == 0 &&
          alcove_consent_get_status_on (consent, &day) == ALCOVE_CONSENT_ACTIVE &&
          g_strcmp0 (alcove_consent_get_value (consent, limits_key), ALCOVE_CONSENT_ACKNOWLEDGED) != 0)
        missing++;
    }
  facts->n_intakes_without_limits_statement = missing;
  return TRUE;
}

/* 4: the recovery key seals every database key (setup and replacing the key both make the
 * person confirm the key before it is written) */
static gboolean
recovery_confirmed (const AlcoveHeader *header)
{
  if (header->recovery_public == NULL || header->databases->len == 0)
    return FALSE;
  for (guint i = 0; i < header->databases->len; i++)
    {
      AlcoveHeaderDatabase *database = g_ptr_array_index (header->databases, i);

      if (alcove_header_find_recovery_wrap (header, database->id) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* A grant matches its holder's role: the practice for everyone; their own notes and
 * private notes for owners and clinicians; supervisees' notes (never private ones) for
 * supervisors; nothing more for billing. A disabled user holds nothing. */
static gboolean
grant_in_role (const AlcoveHeader      *header,
               const AlcoveHeaderGrant *grant)
{
  AlcoveHeaderUser *user = alcove_header_find_user (header, grant->user);
  g_autofree char *own_notes = NULL;
  g_autofree char *own_private = NULL;

  if (user == NULL || user->disabled)
    return FALSE;
  if (g_str_equal (grant->database, "practice"))
    return TRUE;
  if (g_str_equal (grant->database, ALCOVE_AUTHORITY_ID))
    return user->role == ALCOVE_ROLE_OWNER;
  own_notes = g_strconcat ("notes:", user->uuid, NULL);
  own_private = g_strconcat ("private:", user->uuid, NULL);
  switch (user->role)
    {
    case ALCOVE_ROLE_OWNER:
    case ALCOVE_ROLE_CLINICIAN:
      return g_str_equal (grant->database, own_notes) || g_str_equal (grant->database, own_private);
    case ALCOVE_ROLE_SUPERVISOR:
      return g_str_has_prefix (grant->database, "notes:");
    case ALCOVE_ROLE_BILLING:
    case ALCOVE_ROLE_FRONT_DESK:
    default:
      return FALSE;
    }
}

static void
gather_vault_security (AlcoveVault          *vault,
                       AlcoveChecklistFacts *facts)
{
  const AlcoveHeader *header = vault->header;

  facts->vault_encrypted = TRUE;  /* every store is SQLCipher; there is no other kind */
  facts->recovery_confirmed = recovery_confirmed (header);
  facts->roles_in_force = TRUE;
  for (guint i = 0; i < header->grants->len; i++)
    if (!grant_in_role (header, g_ptr_array_index (header->grants, i)))
      facts->roles_in_force = FALSE;
  /* The minimum-necessary helper's dismissals live in the editor only: its open findings
   * are not counted yet. */
  facts->open_helper_findings = ALCOVE_CHECKLIST_UNKNOWN;
}

/* 5 and 7: the vendor register, and whether telehealth was used in the last year */
static gboolean
gather_vendors (AlcoveVault          *vault,
                const GDate          *today,
                AlcoveChecklistFacts *facts,
                GError              **error)
{
  g_autoptr(GPtrArray) vendors = alcove_registers_list_vendors (vault, error);
  g_autofree char *year_ago = day_minus (today, 365);

  if (vendors == NULL)
    return FALSE;
  for (guint i = 0; i < vendors->len; i++)
    {
      AlcoveVendor *vendor = g_ptr_array_index (vendors, i);

      if (vendor->kind == ALCOVE_VENDOR_TELETHERAPY)
        g_ptr_array_add (facts->teletherapy_vendors, alcove_vendor_copy (vendor));
      else if (vendor->kind == ALCOVE_VENDOR_AI_TOOL)
        g_ptr_array_add (facts->ai_vendors, alcove_vendor_copy (vendor));
    }
  return count_rows (vault, "SELECT count(*) FROM sessions WHERE modality = 'telehealth'"
                            " AND date >= ?", year_ago, &facts->n_telehealth_sessions, error);
}

/* 6: the device register */
static gboolean
gather_devices (AlcoveVault          *vault,
                AlcoveChecklistFacts *facts,
                GError              **error)
{
  g_autoptr(GPtrArray) devices = alcove_registers_list_devices (vault, error);

  if (devices == NULL)
    return FALSE;
  for (guint i = 0; i < devices->len; i++)
    g_ptr_array_add (facts->devices, alcove_device_copy (g_ptr_array_index (devices, i)));
  return TRUE;
}

/* 8: the latest training, and the topics covered in the year before today */
static gboolean
gather_training (AlcoveVault          *vault,
                 const GDate          *today,
                 AlcoveChecklistFacts *facts,
                 GError              **error)
{
  g_autoptr(GPtrArray) log = alcove_registers_list_training (vault, error);
  g_autofree char *year_ago = day_minus (today, 365);

  if (log == NULL)
    return FALSE;
  for (guint i = 0; i < log->len; i++)
    {
      AlcoveTraining *training = g_ptr_array_index (log, i);
      GDate day;

      if (!alcove_date_to_gdate (training->held_on, &day))
        continue;
      if (!g_date_valid (&facts->last_training) || g_date_compare (&day, &facts->last_training) > 0)
        facts->last_training = day;
      if (strcmp (training->held_on, year_ago) >= 0)
        facts->training_topics_last_year |= training->topics;
    }
  return TRUE;
}

/* 9: the last "Mark Reviewed" of the access logs; the interval stays the item's default */
static void
gather_access_review (AlcoveVault          *vault,
                      AlcoveChecklistFacts *facts)
{
  g_autofree char *last_day = NULL;

  facts->access_review_known = alcove_audit_review_last (vault, &last_day, NULL);
  if (facts->access_review_known && last_day != NULL)
    alcove_date_to_gdate (last_day, &facts->last_access_review);
}

/* 10: client records past the retention policy on that day */
static void
gather_retention (AlcoveVault          *vault,
                  const GDate          *today,
                  AlcoveChecklistFacts *facts)
{
  g_autoptr(GError) error = NULL;
  GDate day = *today;
  guint due = alcove_retention_count_due (vault, &day, &error);

  facts->n_records_past_retention = error != NULL ? ALCOVE_CHECKLIST_UNKNOWN : (int) due;
  /* with no client at all there is nothing of the vault's to judge */
  g_clear_error (&error);
  if (!count_rows (vault, "SELECT count(*) FROM clients", NULL, &facts->n_clients, &error))
    facts->n_clients = ALCOVE_CHECKLIST_UNKNOWN;
}

/* 11: the last verified backup, on this computer's calendar */
static void
gather_backups (AlcoveVault          *vault,
                AlcoveChecklistFacts *facts)
{
  gint64 last_ms = alcove_backup_last_verified_ms (vault);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (last_ms <= 0)
    return;
  utc = g_date_time_new_from_unix_utc (last_ms / 1000);
  local = utc ? g_date_time_to_local (utc) : NULL;
  if (local != NULL)
    g_date_set_dmy (&facts->last_backup, (GDateDay) g_date_time_get_day_of_month (local),
                    (GDateMonth) g_date_time_get_month (local),
                    (GDateYear) g_date_time_get_year (local));
}

gboolean
alcove_checklist_facts_gather (AlcoveVault          *vault,
                               const GDate          *today,
                               AlcoveChecklistFacts *facts,
                               GError              **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (facts != NULL, FALSE);

  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  if (!gather_policy (vault, facts, error) ||
      !gather_intake_consents (vault, today, facts, error))
    return FALSE;
  gather_vault_security (vault, facts);
  if (!gather_vendors (vault, today, facts, error) ||
      !gather_devices (vault, facts, error) ||
      !gather_training (vault, today, facts, error))
    return FALSE;
  gather_access_review (vault, facts);
  gather_retention (vault, today, facts);
  gather_backups (vault, facts);
  return alcove_attestations_gather (vault, facts, error);
}

gboolean
alcove_checklist_can_review (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  return alcove_policy_allows (vault, ALCOVE_CAPABILITY_REVIEW_SAFEGUARDS);
}
