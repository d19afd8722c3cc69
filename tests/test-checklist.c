/* test-checklist.c — the privacy checklist's rules at their boundaries, and the registers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-checklist"

#include "config.h"

#include <string.h>
#include <time.h>

#include "alcove-attestations.h"
#include "alcove-audit-actions.h"
#include "alcove-checklist-facts.h"
#include "alcove-checklist.h"
#include "alcove-client-store.h"
#include "alcove-consent-store.h"
#include "alcove-consent-template.h"
#include "alcove-documents.h"
#include "alcove-practice-settings.h"
#include "alcove-registers.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* A name no audit row may ever hold */
#define CLIENT_NAME "Philippa Quarrendon"

/* Every rule reads "today" from its argument: the tests pin it */
static GDate today;

static void
count_cb (AlcoveVault *vault,
          guint       *count)
{
  (*count)++;
}

static void
days_ago (GDate *day,
          int    days)
{
  *day = today;
  if (days >= 0)
    g_date_subtract_days (day, days);
  else
    g_date_add_days (day, -days);
}

static char *
day_text_ago (int days)
{
  GDate day;

  days_ago (&day, days);
  return alcove_date_to_iso (&day);
}

static AlcoveVendor *
make_vendor (AlcoveVendorKind kind,
             const char      *name,
             int              reviewed_days_ago)
{
  AlcoveVendor *vendor = alcove_vendor_new ();

  vendor->kind = kind;
  vendor->name = g_strdup (name);
  vendor->baa = ALCOVE_ANSWER_YES;
  vendor->baa_signed_on = day_text_ago (400);
  for (guint q = 0; q < ALCOVE_AI_N_QUESTIONS; q++)
    vendor->answers[q] = ALCOVE_ANSWER_YES;
  vendor->storage_location = g_strdup ("EU (Frankfurt)");
  vendor->reviewed_on = day_text_ago (reviewed_days_ago);
  return vendor;
}

static AlcoveDevice *
make_device (const char *name,
             int         attested_days_ago)
{
  AlcoveDevice *device = alcove_device_new ();

  device->name = g_strdup (name);
  device->used_by = g_strdup ("Front desk");
  for (guint c = 0; c < ALCOVE_DEVICE_N_CHECKS; c++)
    device->checks[c] = TRUE;
  device->attested_on = day_text_ago (attested_days_ago);
  return device;
}

/* A practice where every item is current on `today` */
static void
good_facts (AlcoveChecklistFacts *facts)
{
  alcove_checklist_facts_init (facts);
  facts->policy_document_id = g_strdup ("4b0c1d2e-0000-4000-8000-000000000001");
  days_ago (&facts->policy_reviewed_on, 100);
  facts->n_active_clients = 12;
  facts->n_without_current_intake = 0;
  facts->n_intakes_without_limits_statement = 0;
  facts->auto_lock_minutes = 5;
  facts->recovery_confirmed = TRUE;
  facts->roles_in_force = TRUE;
  facts->open_helper_findings = 0;
  facts->n_telehealth_sessions = 20;
  g_ptr_array_add (facts->teletherapy_vendors, make_vendor (ALCOVE_VENDOR_TELETHERAPY, "Doxy.me", 40));
  g_ptr_array_add (facts->ai_vendors, make_vendor (ALCOVE_VENDOR_AI_TOOL, "Scribe AI", 40));
  g_ptr_array_add (facts->devices, make_device ("Reception laptop", 10));
  g_ptr_array_add (facts->devices, make_device ("Dana's phone", 20));
  days_ago (&facts->last_training, 10);
  facts->training_topics_last_year = ALCOVE_TOPIC_ALL;
  facts->access_review_known = TRUE;
  days_ago (&facts->last_access_review, 5);
  facts->n_records_past_retention = 0;
  days_ago (&facts->last_backup, 1);
}

/* ---- the table ---- */

typedef void (*Mutate) (AlcoveChecklistFacts *facts, int n);

typedef struct
{
  const char            *name;
  AlcoveChecklistItemId  item;
  Mutate                 mutate;
  int                    n;
  AlcoveChecklistStatus  expected;
  const char            *reason_has;  /* NULL: not checked */
} Case;

static void m_none (AlcoveChecklistFacts *f, int n) { }
static void m_policy_reviewed (AlcoveChecklistFacts *f, int n) { days_ago (&f->policy_reviewed_on, n); }
static void m_policy_none (AlcoveChecklistFacts *f, int n) { g_clear_pointer (&f->policy_document_id, g_free); }
static void m_without_intake (AlcoveChecklistFacts *f, int n) { f->n_without_current_intake = n; }
static void m_no_clients (AlcoveChecklistFacts *f, int n)
{
  f->n_active_clients = 0;
  f->n_without_current_intake = ALCOVE_CHECKLIST_UNKNOWN;
  f->n_intakes_without_limits_statement = ALCOVE_CHECKLIST_UNKNOWN;
}
static void m_limits (AlcoveChecklistFacts *f, int n) { f->n_intakes_without_limits_statement = n; }
static void m_auto_lock (AlcoveChecklistFacts *f, int n) { f->auto_lock_minutes = n; }
static void m_no_recovery (AlcoveChecklistFacts *f, int n) { f->recovery_confirmed = FALSE; }
static void m_no_roles (AlcoveChecklistFacts *f, int n) { f->roles_in_force = FALSE; }
static void m_findings (AlcoveChecklistFacts *f, int n) { f->open_helper_findings = n; }
static void m_tele_baa (AlcoveChecklistFacts *f, int n)
{
  AlcoveVendor *vendor = g_ptr_array_index (f->teletherapy_vendors, 0);

  vendor->baa = (AlcoveAnswer) n;
}
static void m_tele_reviewed (AlcoveChecklistFacts *f, int n)
{
  AlcoveVendor *vendor = g_ptr_array_index (f->teletherapy_vendors, 0);

  g_free (vendor->reviewed_on);
  vendor->reviewed_on = day_text_ago (n);
}
static void m_tele_none (AlcoveChecklistFacts *f, int n)
{
  g_ptr_array_set_size (f->teletherapy_vendors, 0);
  f->n_telehealth_sessions = n;
}
static void m_device_check (AlcoveChecklistFacts *f, int n)
{
  AlcoveDevice *device = g_ptr_array_index (f->devices, 1);

  device->checks[n] = FALSE;
}
static void m_device_attested (AlcoveChecklistFacts *f, int n)
{
  AlcoveDevice *device = g_ptr_array_index (f->devices, 1);

  g_free (device->attested_on);
  device->attested_on = day_text_ago (n);
}
static void m_devices_none (AlcoveChecklistFacts *f, int n) { g_ptr_array_set_size (f->devices, 0); }
static void m_ai_none (AlcoveChecklistFacts *f, int n) { g_ptr_array_set_size (f->ai_vendors, 0); }
static void m_ai_unknown (AlcoveChecklistFacts *f, int n)
{
  AlcoveVendor *vendor = g_ptr_array_index (f->ai_vendors, 0);

  vendor->answers[n] = ALCOVE_ANSWER_UNKNOWN;
}
static void m_ai_no (AlcoveChecklistFacts *f, int n)
{
  AlcoveVendor *vendor = g_ptr_array_index (f->ai_vendors, 0);

  vendor->answers[n] = ALCOVE_ANSWER_NO;
}
static void m_ai_baa_unknown (AlcoveChecklistFacts *f, int n)
{
  AlcoveVendor *vendor = g_ptr_array_index (f->ai_vendors, 0);

  vendor->baa = ALCOVE_ANSWER_UNKNOWN;
}
static void m_ai_no_location (AlcoveChecklistFacts *f, int n)
{
  AlcoveVendor *vendor = g_ptr_array_index (f->ai_vendors, 0);

  g_free (vendor->storage_location);
  vendor->storage_location = g_strdup ("  ");
}
static void m_ai_reviewed (AlcoveChecklistFacts *f, int n)
{
  AlcoveVendor *vendor = g_ptr_array_index (f->ai_vendors, 0);

  g_free (vendor->reviewed_on);
  vendor->reviewed_on = day_text_ago (n);
}
static void m_training (AlcoveChecklistFacts *f, int n) { days_ago (&f->last_training, n); }
static void m_training_never (AlcoveChecklistFacts *f, int n) { g_date_clear (&f->last_training, 1); }
static void m_training_topic (AlcoveChecklistFacts *f, int n) { f->training_topics_last_year &= ~(1u << n); }
static void m_review (AlcoveChecklistFacts *f, int n) { days_ago (&f->last_access_review, n); }
static void m_review_weekly (AlcoveChecklistFacts *f, int n)
{
  f->access_review_interval_days = 7;
  days_ago (&f->last_access_review, n);
}
static void m_review_unknown (AlcoveChecklistFacts *f, int n) { f->access_review_known = FALSE; }
static void m_review_never (AlcoveChecklistFacts *f, int n) { g_date_clear (&f->last_access_review, 1); }
static void m_retention (AlcoveChecklistFacts *f, int n) { f->n_records_past_retention = n; }
static void m_no_records (AlcoveChecklistFacts *f, int n) { f->n_clients = 0; }
static void m_all_without (AlcoveChecklistFacts *f, int n) { f->n_without_current_intake = f->n_active_clients; }

/* A person attested the item n days ago */
static void
attest (AlcoveChecklistFacts  *f,
        AlcoveChecklistItemId  item,
        int                    n)
{
  days_ago (&f->attestations[item].day, n);
  g_free (f->attestations[item].by_name);
  f->attestations[item].by_name = g_strdup ("Dana Whitfield");
}
static void m_ai_none_attested (AlcoveChecklistFacts *f, int n)
{
  g_ptr_array_set_size (f->ai_vendors, 0);
  attest (f, ALCOVE_CHECKLIST_AI_TOOLS, n);
}
/* an attestation that an AI tool in the register voids */
static void m_ai_attested_tool (AlcoveChecklistFacts *f, int n) { attest (f, ALCOVE_CHECKLIST_AI_TOOLS, n); }
static void m_ai_attested_future (AlcoveChecklistFacts *f, int n)
{
  g_ptr_array_set_size (f->ai_vendors, 0);
  attest (f, ALCOVE_CHECKLIST_AI_TOOLS, -n);
}
static void m_tele_none_attested (AlcoveChecklistFacts *f, int n)
{
  g_ptr_array_set_size (f->teletherapy_vendors, 0);
  f->n_telehealth_sessions = 0;
  attest (f, ALCOVE_CHECKLIST_TELETHERAPY_BAA, n);
}
/* sessions held by video void "We use no teletherapy platform" */
static void m_tele_attested_sessions (AlcoveChecklistFacts *f, int n)
{
  m_tele_none_attested (f, 10);
  f->n_telehealth_sessions = n;
}
static void m_no_clients_attested (AlcoveChecklistFacts *f, int n)
{
  m_no_clients (f, 0);
  attest (f, ALCOVE_CHECKLIST_INFORMED_CONSENT, n);
  attest (f, ALCOVE_CHECKLIST_DISCLOSURE_LIMITS, n);
}
static void m_backup (AlcoveChecklistFacts *f, int n) { days_ago (&f->last_backup, n); }
static void m_backup_never (AlcoveChecklistFacts *f, int n) { g_date_clear (&f->last_backup, 1); }
static void m_no_records_attested (AlcoveChecklistFacts *f, int n)
{
  f->n_clients = 0;
  attest (f, ALCOVE_CHECKLIST_RETENTION, n);
}

#define CURRENT   ALCOVE_CHECKLIST_CURRENT
#define DUE_SOON  ALCOVE_CHECKLIST_DUE_SOON
#define OVERDUE   ALCOVE_CHECKLIST_OVERDUE
#define ATTENTION ALCOVE_CHECKLIST_NEEDS_ATTENTION
#define NOT_YET   ALCOVE_CHECKLIST_NOT_YET_REVIEWED

static const Case cases[] = {
  /* 1: yearly, due-soon window 30 days */
  { "policy/current", ALCOVE_CHECKLIST_PRIVACY_POLICY, m_policy_reviewed, 334, CURRENT, NULL },
  { "policy/due-in-30", ALCOVE_CHECKLIST_PRIVACY_POLICY, m_policy_reviewed, 335, DUE_SOON, "due in 30 days" },
  { "policy/reviewed-365-days-ago", ALCOVE_CHECKLIST_PRIVACY_POLICY, m_policy_reviewed, 365, DUE_SOON, "due today" },
  { "policy/reviewed-366-days-ago", ALCOVE_CHECKLIST_PRIVACY_POLICY, m_policy_reviewed, 366, OVERDUE, "overdue by 1 day" },
  { "policy/none", ALCOVE_CHECKLIST_PRIVACY_POLICY, m_policy_none, 0, ATTENTION, "No privacy policy" },
  /* 2 */
  { "consent/all", ALCOVE_CHECKLIST_INFORMED_CONSENT, m_none, 0, CURRENT, "12" },
  { "consent/one-without", ALCOVE_CHECKLIST_INFORMED_CONSENT, m_without_intake, 1, ATTENTION, "1 of 12" },
  { "consent/unknown", ALCOVE_CHECKLIST_INFORMED_CONSENT, m_without_intake, -1, ATTENTION, "Not yet recorded" },
  { "consent/no-clients", ALCOVE_CHECKLIST_INFORMED_CONSENT, m_no_clients, 0, NOT_YET, "Nobody has attested" },
  { "consent/no-clients-attested", ALCOVE_CHECKLIST_INFORMED_CONSENT, m_no_clients_attested, 20, CURRENT, "Attested by Dana Whitfield" },
  { "consent/no-clients-attested-366", ALCOVE_CHECKLIST_INFORMED_CONSENT, m_no_clients_attested, 366, OVERDUE, "attest again" },
  /* 3 */
  { "limits/documented", ALCOVE_CHECKLIST_DISCLOSURE_LIMITS, m_none, 0, CURRENT, NULL },
  { "limits/two-missing", ALCOVE_CHECKLIST_DISCLOSURE_LIMITS, m_limits, 2, ATTENTION, "2 intake" },
  { "limits/unknown", ALCOVE_CHECKLIST_DISCLOSURE_LIMITS, m_limits, -1, ATTENTION, "Not yet recorded" },
  { "limits/no-clients", ALCOVE_CHECKLIST_DISCLOSURE_LIMITS, m_no_clients, 0, NOT_YET, "limits of confidentiality" },
  { "limits/no-clients-attested", ALCOVE_CHECKLIST_DISCLOSURE_LIMITS, m_no_clients_attested, 1, CURRENT, "Attested by" },
  { "limits/no-intake-in-effect", ALCOVE_CHECKLIST_DISCLOSURE_LIMITS, m_all_without, 0, ATTENTION, "No active client" },
  /* 4: auto-lock at most 15 minutes */
  { "notes/auto-lock-15", ALCOVE_CHECKLIST_NOTES_SECURE, m_auto_lock, 15, CURRENT, "15 minutes" },
  { "notes/auto-lock-16", ALCOVE_CHECKLIST_NOTES_SECURE, m_auto_lock, 16, ATTENTION, "16 minutes" },
  { "notes/auto-lock-unknown", ALCOVE_CHECKLIST_NOTES_SECURE, m_auto_lock, -1, ATTENTION, NULL },
  { "notes/recovery", ALCOVE_CHECKLIST_NOTES_SECURE, m_no_recovery, 0, ATTENTION, "recovery key" },
  { "notes/roles", ALCOVE_CHECKLIST_NOTES_SECURE, m_no_roles, 0, ATTENTION, "role" },
  { "notes/findings-inform", ALCOVE_CHECKLIST_NOTES_SECURE, m_findings, 3, CURRENT, "3 open findings" },
  /* 5: yearly */
  { "tele/signed", ALCOVE_CHECKLIST_TELETHERAPY_BAA, m_none, 0, CURRENT, NULL },
  { "tele/baa-unknown", ALCOVE_CHECKLIST_TELETHERAPY_BAA, m_tele_baa, ALCOVE_ANSWER_UNKNOWN, ATTENTION, "Doxy.me" },
  { "tele/baa-no", ALCOVE_CHECKLIST_TELETHERAPY_BAA, m_tele_baa, ALCOVE_ANSWER_NO, ATTENTION, "BAA" },
  { "tele/reviewed-366", ALCOVE_CHECKLIST_TELETHERAPY_BAA, m_tele_reviewed, 366, OVERDUE, NULL },
  { "tele/none-no-sessions", ALCOVE_CHECKLIST_TELETHERAPY_BAA, m_tele_none, 0, NOT_YET, "We use no teletherapy platform" },
  { "tele/none-attested", ALCOVE_CHECKLIST_TELETHERAPY_BAA, m_tele_none_attested, 30, CURRENT, "Attested by" },
  { "tele/attested-but-sessions", ALCOVE_CHECKLIST_TELETHERAPY_BAA, m_tele_attested_sessions, 3, ATTENTION, "Telehealth sessions" },
  { "tele/none-but-sessions", ALCOVE_CHECKLIST_TELETHERAPY_BAA, m_tele_none, 4, ATTENTION, "Telehealth sessions" },
  /* 6: quarterly, window 14 days */
  { "devices/current", ALCOVE_CHECKLIST_DEVICES, m_device_attested, 75, CURRENT, NULL },
  { "devices/due-in-14", ALCOVE_CHECKLIST_DEVICES, m_device_attested, 76, DUE_SOON, NULL },
  { "devices/attested-90", ALCOVE_CHECKLIST_DEVICES, m_device_attested, 90, DUE_SOON, NULL },
  { "devices/attested-91", ALCOVE_CHECKLIST_DEVICES, m_device_attested, 91, OVERDUE, NULL },
  { "devices/mfa-no", ALCOVE_CHECKLIST_DEVICES, m_device_check, ALCOVE_DEVICE_MFA, ATTENTION, "Multi-factor" },
  { "devices/wifi-no", ALCOVE_CHECKLIST_DEVICES, m_device_check, ALCOVE_DEVICE_NO_PUBLIC_WIFI, ATTENTION, "Wi-Fi" },
  { "devices/none", ALCOVE_CHECKLIST_DEVICES, m_devices_none, 0, ATTENTION, "No devices" },
  /* 7: the six questions */
  { "ai/all-yes", ALCOVE_CHECKLIST_AI_TOOLS, m_none, 0, CURRENT, NULL },
  { "ai/none", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_none, 0, NOT_YET, "We use no AI tools" },
  { "ai/none-attested", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_none_attested, 0, CURRENT, "Attested by Dana Whitfield on 15 June 2025" },
  { "ai/none-attested-334", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_none_attested, 334, CURRENT, NULL },
  { "ai/none-attested-335", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_none_attested, 335, DUE_SOON, "attest again in 30 days" },
  { "ai/none-attested-365", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_none_attested, 365, DUE_SOON, "attest again today" },
  { "ai/none-attested-366", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_none_attested, 366, OVERDUE, "overdue by 1 day" },
  { "ai/attested-in-the-future", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_attested_future, 3, NOT_YET, NULL },
  { "ai/attested-but-a-tool", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_attested_tool, 10, CURRENT, "Last done on" },
  { "ai/deletion-unknown", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_unknown, ALCOVE_AI_DELETION, ATTENTION, "has not answered" },
  { "ai/audit-unknown", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_unknown, ALCOVE_AI_AUDIT_TRAIL, ATTENTION, "audit trails" },
  { "ai/training-no", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_no, ALCOVE_AI_NO_TRAINING, ATTENTION, "answers no" },
  { "ai/encryption-no", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_no, ALCOVE_AI_ENCRYPTION, ATTENTION, "TLS" },
  { "ai/baa-unknown", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_baa_unknown, 0, ATTENTION, "BAA" },
  { "ai/storage-blank", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_no_location, 0, ATTENTION, "stored" },
  { "ai/reviewed-366", ALCOVE_CHECKLIST_AI_TOOLS, m_ai_reviewed, 366, OVERDUE, NULL },
  /* 8: quarterly */
  { "training/75", ALCOVE_CHECKLIST_TRAINING, m_training, 75, CURRENT, NULL },
  { "training/76", ALCOVE_CHECKLIST_TRAINING, m_training, 76, DUE_SOON, NULL },
  { "training/90", ALCOVE_CHECKLIST_TRAINING, m_training, 90, DUE_SOON, NULL },
  { "training/91", ALCOVE_CHECKLIST_TRAINING, m_training, 91, OVERDUE, "overdue by 1 day" },
  { "training/never", ALCOVE_CHECKLIST_TRAINING, m_training_never, 0, ATTENTION, "No training" },
  { "training/topic-missing", ALCOVE_CHECKLIST_TRAINING, m_training_topic, ALCOVE_TOPIC_BREACH, ATTENTION, "breach" },
  /* 9: monthly by default, window 7 days */
  { "review/22", ALCOVE_CHECKLIST_ACCESS_REVIEW, m_review, 22, CURRENT, NULL },
  { "review/23", ALCOVE_CHECKLIST_ACCESS_REVIEW, m_review, 23, DUE_SOON, NULL },
  { "review/30", ALCOVE_CHECKLIST_ACCESS_REVIEW, m_review, 30, DUE_SOON, NULL },
  { "review/31", ALCOVE_CHECKLIST_ACCESS_REVIEW, m_review, 31, OVERDUE, NULL },
  { "review/weekly-8", ALCOVE_CHECKLIST_ACCESS_REVIEW, m_review_weekly, 8, OVERDUE, NULL },
  { "review/weekly-7", ALCOVE_CHECKLIST_ACCESS_REVIEW, m_review_weekly, 7, DUE_SOON, NULL },
  { "review/unknown", ALCOVE_CHECKLIST_ACCESS_REVIEW, m_review_unknown, 0, ATTENTION, "Not yet recorded" },
  { "review/never", ALCOVE_CHECKLIST_ACCESS_REVIEW, m_review_never, 0, ATTENTION, "never" },
  /* 10 */
  { "retention/none-past", ALCOVE_CHECKLIST_RETENTION, m_retention, 0, CURRENT, NULL },
  { "retention/three-past", ALCOVE_CHECKLIST_RETENTION, m_retention, 3, ATTENTION, "3 records" },
  { "retention/unknown", ALCOVE_CHECKLIST_RETENTION, m_retention, -1, ATTENTION, "Not yet recorded" },
  { "retention/no-records", ALCOVE_CHECKLIST_RETENTION, m_no_records, 0, NOT_YET, "retention period" },
  { "retention/no-records-attested", ALCOVE_CHECKLIST_RETENTION, m_no_records_attested, 5, CURRENT, "Attested by" },
  /* 11: weekly, window 1 day */
  { "backups/today", ALCOVE_CHECKLIST_BACKUPS, m_backup, 0, CURRENT, "Last done on" },
  { "backups/5", ALCOVE_CHECKLIST_BACKUPS, m_backup, 5, CURRENT, NULL },
  { "backups/6", ALCOVE_CHECKLIST_BACKUPS, m_backup, 6, DUE_SOON, "due in 1 day" },
  { "backups/7", ALCOVE_CHECKLIST_BACKUPS, m_backup, 7, DUE_SOON, "due today" },
  { "backups/8", ALCOVE_CHECKLIST_BACKUPS, m_backup, 8, OVERDUE, "overdue by 1 day" },
  { "backups/never", ALCOVE_CHECKLIST_BACKUPS, m_backup_never, 0, ATTENTION, "No verified backup" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  AlcoveChecklistFacts facts;
  g_autoptr(GPtrArray) items = NULL;
  AlcoveChecklistItem *item;

  good_facts (&facts);
  c->mutate (&facts, c->n);
  items = alcove_checklist_evaluate (&facts, &today);
  g_assert_cmpuint (items->len, ==, ALCOVE_CHECKLIST_N_ITEMS);
  item = g_ptr_array_index (items, c->item);
  g_assert_cmpint (item->definition->id, ==, c->item);
  if (item->status != c->expected)
    g_error ("%s: expected %s, got %s (%s)", c->name,
             alcove_checklist_status_to_string (c->expected),
             alcove_checklist_status_to_string (item->status), item->reason);
  if (c->reason_has != NULL && strstr (item->reason, c->reason_has) == NULL)
    g_error ("%s: the reason “%s” does not say “%s”", c->name, item->reason, c->reason_has);
  g_assert_nonnull (item->evidence);
  /* attestable exactly when the list is empty; attested_by only for one in force */
  if (c->expected == NOT_YET)
    {
      g_assert_true (item->attestable);
      g_assert_null (item->attested_by);
    }
  if (item->attested_by != NULL)
    {
      g_assert_true (item->attestable);
      g_assert_true (g_date_valid (&item->attested_on));
      g_assert_nonnull (strstr (item->evidence, item->definition->attestation));
    }
  if (c->mutate == m_ai_attested_tool || c->mutate == m_none)
    g_assert_false (item->attestable);
  /* the other items are untouched by this one's facts (except shared ones) */
  if (c->mutate != m_no_clients && c->mutate != m_no_clients_attested &&
      c->mutate != m_all_without)
    for (guint i = 0; i < items->len; i++)
      if (i != c->item)
        g_assert_cmpint (((AlcoveChecklistItem *) g_ptr_array_index (items, i))->status, ==,
                         ALCOVE_CHECKLIST_CURRENT);
  alcove_checklist_facts_clear (&facts);
}

static void
test_due_day (void)
{
  AlcoveChecklistFacts facts;
  g_autoptr(GPtrArray) items = NULL;
  AlcoveChecklistItem *item;
  g_autofree char *due = NULL;
  g_autofree char *expected = day_text_ago (-265);

  good_facts (&facts);
  items = alcove_checklist_evaluate (&facts, &today);
  item = g_ptr_array_index (items, ALCOVE_CHECKLIST_PRIVACY_POLICY);
  due = alcove_date_to_iso (&item->due);
  g_assert_cmpstr (due, ==, expected);  /* reviewed 100 days ago, yearly */
  g_assert_false (g_date_valid (&((AlcoveChecklistItem *) g_ptr_array_index (items, ALCOVE_CHECKLIST_RETENTION))->due));
  g_assert_cmpuint (alcove_checklist_due_soon_days (365), ==, 30);
  g_assert_cmpuint (alcove_checklist_due_soon_days (90), ==, 14);
  g_assert_cmpuint (alcove_checklist_due_soon_days (30), ==, 7);
  alcove_checklist_facts_clear (&facts);
}

static void
test_definitions (void)
{
  for (guint i = 0; i < ALCOVE_CHECKLIST_N_ITEMS; i++)
    {
      const AlcoveChecklistDefinition *definition = alcove_checklist_get_definition (i);
      AlcoveChecklistItemId id;

      g_assert_cmpint (definition->id, ==, i);
      g_assert_true (alcove_checklist_item_id_from_string (definition->id_string, &id));
      g_assert_cmpint (id, ==, i);
      g_assert_cmpstr (definition->title, !=, "");
      g_assert_cmpstr (definition->explanation, !=, "");
      g_assert_cmpstr (definition->how, !=, "");
      g_assert_cmpstr (definition->action_label, !=, "");
    }
  g_assert_cmpuint (alcove_checklist_get_definition (ALCOVE_CHECKLIST_PRIVACY_POLICY)->interval_days, ==, 365);
  g_assert_cmpuint (alcove_checklist_get_definition (ALCOVE_CHECKLIST_TRAINING)->interval_days, ==, 90);
  g_assert_cmpuint (alcove_checklist_get_definition (ALCOVE_CHECKLIST_ACCESS_REVIEW)->interval_days, ==, 30);
  g_assert_cmpuint (alcove_checklist_get_definition (ALCOVE_CHECKLIST_BACKUPS)->interval_days, ==, 7);
  g_assert_cmpint (alcove_checklist_get_definition (ALCOVE_CHECKLIST_BACKUPS)->judged, ==,
                   ALCOVE_CHECKLIST_AUTOMATIC);
  g_assert_cmpint (alcove_checklist_get_definition (ALCOVE_CHECKLIST_NOTES_SECURE)->judged, ==,
                   ALCOVE_CHECKLIST_AUTOMATIC);
  g_assert_cmpint (alcove_checklist_get_definition (ALCOVE_CHECKLIST_DEVICES)->judged, ==,
                   ALCOVE_CHECKLIST_ATTESTED);
  g_assert_cmpstr (alcove_checklist_get_definition (ALCOVE_CHECKLIST_NOTES_SECURE)->action, ==,
                   "preferences");

  /* the items an empty list would otherwise pass have words to attest, and a time they
   * count for; the others have none */
  for (guint i = 0; i < ALCOVE_CHECKLIST_N_ITEMS; i++)
    {
      const AlcoveChecklistDefinition *definition = alcove_checklist_get_definition (i);
      gboolean attestable = i == ALCOVE_CHECKLIST_INFORMED_CONSENT ||
                            i == ALCOVE_CHECKLIST_DISCLOSURE_LIMITS ||
                            i == ALCOVE_CHECKLIST_TELETHERAPY_BAA ||
                            i == ALCOVE_CHECKLIST_AI_TOOLS || i == ALCOVE_CHECKLIST_RETENTION;

      g_assert_cmpint (definition->attestation != NULL, ==, attestable);
      g_assert_cmpint (definition->attestation_source != NULL, ==, attestable);
      if (attestable)
        g_assert_cmpuint (definition->attestation_days, >, 0);
    }
  g_assert_cmpstr (alcove_checklist_get_definition (ALCOVE_CHECKLIST_AI_TOOLS)->attestation, ==,
                   "We use no AI tools");
  g_assert_cmpuint (alcove_checklist_get_definition (ALCOVE_CHECKLIST_AI_TOOLS)->attestation_days,
                    ==, 365);
  g_assert_cmpstr (alcove_checklist_status_to_string (ALCOVE_CHECKLIST_NOT_YET_REVIEWED), ==,
                   "not-yet-reviewed");
  g_assert_cmpstr (alcove_checklist_status_get_title (ALCOVE_CHECKLIST_NOT_YET_REVIEWED), ==,
                   "Not yet reviewed");
}

static AlcoveChecklistItemId
action_id (GPtrArray *actions,
           guint      i)
{
  return ((AlcoveChecklistItem *) g_ptr_array_index (actions, i))->definition->id;
}

/* The score counts met items; next actions: needs attention, then overdue (longest first),
 * then due soon (soonest first) */
static void
test_score_and_order (void)
{
  AlcoveChecklistFacts facts;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) actions = NULL;

  good_facts (&facts);
  items = alcove_checklist_evaluate (&facts, &today);
  g_assert_cmpuint (alcove_checklist_count_current (items), ==, 11);
  actions = alcove_checklist_next_actions (items);
  g_assert_cmpuint (actions->len, ==, 0);
  g_clear_pointer (&actions, g_ptr_array_unref);
  g_clear_pointer (&items, g_ptr_array_unref);

  days_ago (&facts.policy_reviewed_on, 370);        /* overdue 5 days */
  days_ago (&facts.last_training, 120);             /* overdue 30 days */
  days_ago (&facts.last_access_review, 29);         /* due in 1 day */
  m_device_attested (&facts, 80);                   /* due in 10 days */
  facts.n_records_past_retention = 2;               /* needs attention */
  facts.auto_lock_minutes = 30;                     /* needs attention */
  items = alcove_checklist_evaluate (&facts, &today);
  /* 11 − 2 overdue − 2 needing attention; the two due soon still count */
  g_assert_cmpuint (alcove_checklist_count_current (items), ==, 7);
  actions = alcove_checklist_next_actions (items);
  g_assert_cmpuint (actions->len, ==, 6);
  g_assert_cmpint (action_id (actions, 0), ==, ALCOVE_CHECKLIST_NOTES_SECURE);
  g_assert_cmpint (action_id (actions, 1), ==, ALCOVE_CHECKLIST_RETENTION);
  g_assert_cmpint (action_id (actions, 2), ==, ALCOVE_CHECKLIST_TRAINING);
  g_assert_cmpint (action_id (actions, 3), ==, ALCOVE_CHECKLIST_PRIVACY_POLICY);
  g_assert_cmpint (action_id (actions, 4), ==, ALCOVE_CHECKLIST_ACCESS_REVIEW);
  g_assert_cmpint (action_id (actions, 5), ==, ALCOVE_CHECKLIST_DEVICES);
  g_clear_pointer (&actions, g_ptr_array_unref);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* not yet reviewed: never counted; after the overdue ones, before those due soon */
  g_ptr_array_set_size (facts.ai_vendors, 0);
  items = alcove_checklist_evaluate (&facts, &today);
  g_assert_cmpuint (alcove_checklist_count_current (items), ==, 6);
  actions = alcove_checklist_next_actions (items);
  g_assert_cmpuint (actions->len, ==, 7);
  g_assert_cmpint (action_id (actions, 3), ==, ALCOVE_CHECKLIST_PRIVACY_POLICY);
  g_assert_cmpint (action_id (actions, 4), ==, ALCOVE_CHECKLIST_AI_TOOLS);
  g_assert_cmpint (action_id (actions, 5), ==, ALCOVE_CHECKLIST_ACCESS_REVIEW);
  alcove_checklist_facts_clear (&facts);
}

/* A leap year and a month's end do not move the boundary */
static void
test_leap_year (void)
{
  AlcoveChecklistFacts facts;
  g_autoptr(GPtrArray) items = NULL;
  GDate saved = today;

  g_date_set_dmy (&today, 1, G_DATE_MARCH, 2024);
  good_facts (&facts);
  g_date_set_dmy (&facts.policy_reviewed_on, 1, G_DATE_MARCH, 2023);  /* 366 days: 2024 is leap */
  items = alcove_checklist_evaluate (&facts, &today);
  g_assert_cmpint (((AlcoveChecklistItem *) g_ptr_array_index (items, 0))->status, ==,
                   ALCOVE_CHECKLIST_OVERDUE);
  alcove_checklist_facts_clear (&facts);
  today = saved;
}

static void
test_days (void)
{
  GDate day;
  g_autofree char *text = NULL;

  g_assert_true (alcove_date_to_gdate ("2025-02-28", &day));
  text = alcove_date_to_iso (&day);
  g_assert_cmpstr (text, ==, "2025-02-28");
  g_assert_false (alcove_date_to_gdate ("2025-02-29", &day));
  g_assert_false (g_date_valid (&day));
  g_assert_false (alcove_date_to_gdate ("2025-2-28", &day));
  g_assert_false (alcove_date_to_gdate ("28/02/2025", &day));
  g_assert_false (alcove_date_to_gdate ("", &day));
  g_assert_false (alcove_date_to_gdate (NULL, &day));
}

/* ---- the registers in a vault ---- */

static char *
real_day_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gint64
count_audit (AlcoveVault *vault,
             const char  *action)
{
  sqlite3_stmt *stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                                "SELECT count(*) FROM audit_log WHERE action = ?",
                                                NULL);
  gint64 count;

  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/* No audit row of a register or an attestation holds anything but ids and words */
static void
assert_audit_clean (AlcoveVault *vault)
{
  sqlite3_stmt *stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                                "SELECT action, details FROM audit_log"
                                                " WHERE action LIKE 'register.%'"
                                                " OR action = 'checklist.attest'", NULL);
  guint rows = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *details = (const char *) sqlite3_column_text (stmt, 1);

      rows++;
      g_assert_null (strstr (details, CLIENT_NAME));
      g_assert_null (strstr (details, "Doxy"));
      g_assert_null (strstr (details, "Reception"));
      g_assert_null (strstr (details, "Front desk"));
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (rows, >, 0);
}

static AlcoveVault *
owner_vault (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);

  alcove_vault_lock (created);
  return alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
}

static void
test_registers (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = owner_vault (dir);
  g_autoptr(AlcoveVault) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveVendor) vendor = alcove_vendor_new ();
  g_autoptr(AlcoveVendor) ai = alcove_vendor_new ();
  g_autoptr(AlcoveDevice) device = alcove_device_new ();
  g_autoptr(AlcoveTraining) training = alcove_training_new ();
  guint changes = 0;
  g_autoptr(AlcovePolicyReview) policy = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) document = g_bytes_new_static ("%PDF-1.4 privacy policy", 23);
  g_autofree char *document_id = NULL;
  g_autofree char *yesterday = real_day_ago (1);
  g_autofree char *last_month = real_day_ago (30);
  g_autofree char *tomorrow = real_day_ago (-1);
  const char *attendees[] = { NULL, NULL };

  /* the policy: nothing yet, then attached and reviewed */
  policy = alcove_registers_get_policy (vault, &error);
  g_assert_no_error (error);
  g_assert_null (policy);
  g_assert_false (alcove_registers_review_policy (vault, NULL, yesterday, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  document_id = alcove_documents_add (vault, document, "policy.pdf", "application/pdf", &error);
  g_assert_no_error (error);
  g_assert_false (alcove_registers_review_policy (vault, document_id, tomorrow, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "future"));
  g_clear_error (&error);
  g_assert_false (alcove_registers_review_policy (vault, document_id, "14/03/2025", &error));
  g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
  g_clear_error (&error);
  g_assert_true (alcove_registers_review_policy (vault, document_id, last_month, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_registers_review_policy (vault, NULL, yesterday, &error));  /* same document */
  g_assert_no_error (error);
  policy = alcove_registers_get_policy (vault, &error);
  g_assert_nonnull (policy);
  g_assert_cmpstr (policy->document_id, ==, document_id);
  g_assert_cmpstr (policy->reviewed_on, ==, yesterday);
  g_assert_cmpstr (policy->reviewed_by, ==, alcove_user_get_uuid (alcove_vault_get_current_user (vault)));

  /* a vendor: a refusal keeps what was typed, then saved and updated */
  vendor->kind = ALCOVE_VENDOR_TELETHERAPY;
  vendor->name = g_strdup ("   ");
  vendor->baa = ALCOVE_ANSWER_YES;
  vendor->reviewed_on = g_strdup (yesterday);
  g_assert_false (alcove_registers_save_vendor (vault, vendor, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (vendor->id);
  g_free (vendor->name);
  vendor->name = g_strdup (" Doxy.me ");
  g_assert_false (alcove_registers_save_vendor (vault, vendor, &error));  /* BAA yes needs its day */
  g_assert_nonnull (strstr (error->message, "BAA"));
  g_clear_error (&error);
  vendor->baa_signed_on = g_strdup (last_month);
  g_assert_true (alcove_registers_save_vendor (vault, vendor, &error));
  g_assert_no_error (error);
  g_assert_nonnull (vendor->id);
  g_assert_cmpstr (vendor->name, ==, "Doxy.me");

  ai->kind = ALCOVE_VENDOR_AI_TOOL;
  ai->name = g_strdup ("Scribe AI");
  ai->baa = ALCOVE_ANSWER_NO;
  ai->baa_signed_on = g_strdup ("garbage, ignored when the answer is no");
  ai->answers[ALCOVE_AI_NO_TRAINING] = ALCOVE_ANSWER_YES;
  ai->answers[ALCOVE_AI_DELETION] = ALCOVE_ANSWER_NO;
  ai->storage_location = g_strdup ("US");
  ai->reviewed_on = g_strdup (yesterday);
  g_assert_true (alcove_registers_save_vendor (vault, ai, &error));
  g_assert_no_error (error);
  list = alcove_registers_list_vendors (vault, &error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    AlcoveVendor *first = g_ptr_array_index (list, 0);
    AlcoveVendor *second = g_ptr_array_index (list, 1);

    g_assert_cmpstr (first->name, ==, "Doxy.me");  /* teletherapy first */
    g_assert_cmpint (first->baa, ==, ALCOVE_ANSWER_YES);
    g_assert_cmpstr (first->baa_signed_on, ==, last_month);
    g_assert_cmpint (second->kind, ==, ALCOVE_VENDOR_AI_TOOL);
    g_assert_cmpint (second->baa, ==, ALCOVE_ANSWER_NO);
    g_assert_cmpstr (second->baa_signed_on, ==, "");
    g_assert_cmpint (second->answers[ALCOVE_AI_NO_TRAINING], ==, ALCOVE_ANSWER_YES);
    g_assert_cmpint (second->answers[ALCOVE_AI_DELETION], ==, ALCOVE_ANSWER_NO);
    g_assert_cmpint (second->answers[ALCOVE_AI_AUDIT_TRAIL], ==, ALCOVE_ANSWER_UNKNOWN);
    g_assert_cmpstr (second->storage_location, ==, "US");
  }
  g_clear_pointer (&list, g_ptr_array_unref);
  ai->answers[ALCOVE_AI_DELETION] = ALCOVE_ANSWER_YES;
  g_assert_true (alcove_registers_save_vendor (vault, ai, &error));  /* an update */
  list = alcove_registers_list_vendors (vault, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((AlcoveVendor *) g_ptr_array_index (list, 1))->answers[ALCOVE_AI_DELETION], ==,
                   ALCOVE_ANSWER_YES);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* a device */
  device->name = g_strdup ("Reception laptop");
  device->used_by = g_strdup ("Front desk");
  device->checks[ALCOVE_DEVICE_DISK_ENCRYPTION] = TRUE;
  device->attested_on = g_strdup ("");
  g_assert_false (alcove_registers_save_device (vault, device, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_free (device->attested_on);
  device->attested_on = g_strdup (yesterday);
  g_assert_true (alcove_registers_save_device (vault, device, &error));
  g_assert_no_error (error);
  list = alcove_registers_list_devices (vault, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (((AlcoveDevice *) g_ptr_array_index (list, 0))->checks[ALCOVE_DEVICE_DISK_ENCRYPTION]);
  g_assert_false (((AlcoveDevice *) g_ptr_array_index (list, 0))->checks[ALCOVE_DEVICE_MFA]);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* training: who and what are required */
  training->held_on = g_strdup (yesterday);
  training->attendees = g_strdupv ((char **) attendees);
  training->topics = 1u << ALCOVE_TOPIC_BREACH;
  g_assert_false (alcove_registers_add_training (vault, training, &error));
  g_assert_nonnull (strstr (error->message, "attended"));
  g_clear_error (&error);
  g_strfreev (training->attendees);
  attendees[0] = alcove_user_get_uuid (alcove_vault_get_current_user (vault));
  training->attendees = g_strdupv ((char **) attendees);
  training->topics = 0;
  g_assert_false (alcove_registers_add_training (vault, training, &error));
  g_assert_nonnull (strstr (error->message, "topic"));
  g_clear_error (&error);
  training->topics = (1u << ALCOVE_TOPIC_BREACH) | (1u << ALCOVE_TOPIC_AI_TOOLS);
  g_signal_connect (vault, "changed::registers", G_CALLBACK (count_cb), &changes);
  g_assert_true (alcove_registers_add_training (vault, training, &error));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_no_error (error);
  list = alcove_registers_list_training (vault, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (((AlcoveTraining *) g_ptr_array_index (list, 0))->topics, ==, training->topics);
  g_assert_cmpstr (((AlcoveTraining *) g_ptr_array_index (list, 0))->attendees[0], ==, attendees[0]);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* the log is append-only, even to raw SQL */
  g_assert_false (alcove_database_exec (alcove_vault_get_database (vault),
                                        "UPDATE training SET held_on = '2000-01-01'", NULL));
  g_assert_false (alcove_database_exec (alcove_vault_get_database (vault),
                                        "DELETE FROM training", NULL));

  /* removing */
  g_assert_true (alcove_registers_remove_device (vault, device->id, &error));
  g_assert_false (alcove_registers_remove_device (vault, device->id, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* every change audited; every attestation too */
  g_assert_cmpint (count_audit (vault, "register.policy"), ==, 2);
  g_assert_cmpint (count_audit (vault, "register.vendor"), ==, 3);
  g_assert_cmpint (count_audit (vault, "register.device"), ==, 2);
  g_assert_cmpint (count_audit (vault, "register.training"), ==, 1);
  /* 2 policy reviews, 3 vendor saves, 1 device check, 1 training */
  g_assert_cmpint (count_audit (vault, "checklist.attest"), ==, 7);
  assert_audit_clean (vault);

  /* another role reads, and may not change */
  alcove_test_add_user (vault, "sam", "Sam Ortiz", ALCOVE_ROLE_SUPERVISOR);
  alcove_vault_lock (vault);
  reader = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_registers_can_edit (reader));
  list = alcove_registers_list_vendors (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_false (alcove_registers_save_vendor (reader, vendor, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (alcove_registers_review_policy (reader, NULL, yesterday, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  alcove_vault_lock (reader);
}

/* An intake consent in effect since last month, every statement explained */
static void
add_intake (AlcoveVault *vault,
            const char  *client_id)
{
  static const char * const statements[] = { "data-collected", "storage", "access", "sharing",
                                             "retention", "rights", "limits", "teletherapy",
                                             "recording", "ai-tools" };
  g_autoptr(AlcoveConsentStore) store = NULL;
  g_autoptr(AlcoveConsent) consent = alcove_consent_new (client_id, ALCOVE_CONSENT_KIND_INTAKE);
  g_autofree char *from = real_day_ago (30);
  g_autoptr(GError) error = NULL;

  store = alcove_consent_store_new (vault, &error);
  g_assert_no_error (error);
  alcove_consent_set_value (consent, "services", "Individual psychotherapy");
  alcove_consent_set_value (consent, "session_mode", "in-person");
  alcove_consent_set_value (consent, "recording_opt_in", "no");
  alcove_consent_set_value (consent, "ai_tools_opt_in", "no");
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *key = alcove_consent_statement_value_key (statements[i]);

      alcove_consent_set_value (consent, key, ALCOVE_CONSENT_ACKNOWLEDGED);
    }
  alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNER_NAME, CLIENT_NAME);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNED_ON, from);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_VALID_FROM, from);
  g_assert_true (alcove_consent_store_activate (store, consent, &error));
  g_assert_no_error (error);
}

/* Gathering from a real vault: a new vault, then one with registers and clients */
static void
test_gather (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = owner_vault (dir);
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveVendor) ai = alcove_vendor_new ();
  g_autofree char *yesterday = real_day_ago (1);
  AlcoveChecklistFacts facts;
  GDate now;

  g_date_clear (&now, 1);
  g_date_set_time_t (&now, time (NULL));

  alcove_checklist_facts_init (&facts);
  g_assert_true (alcove_checklist_facts_gather (vault, &now, &facts, &error));
  g_assert_no_error (error);
  facts.auto_lock_minutes = 5;
  g_assert_true (facts.recovery_confirmed);
  g_assert_true (facts.roles_in_force);
  g_assert_cmpint (facts.n_active_clients, ==, 0);
  g_assert_cmpint (facts.n_telehealth_sessions, ==, 0);
  g_assert_cmpint (facts.n_clients, ==, 0);
  items = alcove_checklist_evaluate (&facts, &now);
  /* a new vault is current only in what Alcove checks itself: the notes are secure
   * (encrypted, auto-lock, recovery key confirmed, access by role). What rests on an empty
   * list (no clients, no teletherapy platform, no AI tools, no records) is not yet
   * reviewed; what has no record at all (policy, devices, training, access review) needs
   * attention. */
  g_assert_cmpuint (alcove_checklist_count_current (items), ==, 1);
  for (guint i = 0; i < items->len; i++)
    {
      AlcoveChecklistItem *item = g_ptr_array_index (items, i);
      AlcoveChecklistStatus expected;

      switch (item->definition->id)
        {
        case ALCOVE_CHECKLIST_NOTES_SECURE:
          expected = ALCOVE_CHECKLIST_CURRENT;
          break;
        case ALCOVE_CHECKLIST_INFORMED_CONSENT:
        case ALCOVE_CHECKLIST_DISCLOSURE_LIMITS:
        case ALCOVE_CHECKLIST_TELETHERAPY_BAA:
        case ALCOVE_CHECKLIST_AI_TOOLS:
        case ALCOVE_CHECKLIST_RETENTION:
          expected = ALCOVE_CHECKLIST_NOT_YET_REVIEWED;
          break;
        case ALCOVE_CHECKLIST_PRIVACY_POLICY:
        case ALCOVE_CHECKLIST_DEVICES:
        case ALCOVE_CHECKLIST_TRAINING:
        case ALCOVE_CHECKLIST_ACCESS_REVIEW:
        case ALCOVE_CHECKLIST_BACKUPS:
        case ALCOVE_CHECKLIST_N_ITEMS:
        default:
          expected = ALCOVE_CHECKLIST_NEEDS_ATTENTION;
          break;
        }
      if (item->status != expected)
        g_error ("%s in a new vault: expected %s, got %s (%s)", item->definition->id_string,
                 alcove_checklist_status_to_string (expected),
                 alcove_checklist_status_to_string (item->status), item->reason);
      g_assert_cmpint (item->attestable, ==, expected == ALCOVE_CHECKLIST_NOT_YET_REVIEWED);
      /* none of the items that need a person's word is met by the vault alone */
      if (item->definition->attestation != NULL)
        g_assert_cmpint (item->status, !=, ALCOVE_CHECKLIST_CURRENT);
    }
  g_clear_pointer (&items, g_ptr_array_unref);
  alcove_checklist_facts_clear (&facts);

  /* an active client: intake consents not readable yet → not recorded; an AI tool */
  clients = alcove_client_store_new (vault, &error);
  g_assert_no_error (error);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, CLIENT_NAME);
  g_assert_true (alcove_client_store_save (clients, client, &error));
  g_assert_no_error (error);
  ai->kind = ALCOVE_VENDOR_AI_TOOL;
  ai->name = g_strdup ("Scribe AI");
  ai->reviewed_on = g_strdup (yesterday);
  g_assert_true (alcove_registers_save_vendor (vault, ai, &error));

  alcove_checklist_facts_init (&facts);
  g_assert_true (alcove_checklist_facts_gather (vault, &now, &facts, &error));
  facts.auto_lock_minutes = 5;
  g_assert_cmpint (facts.n_active_clients, ==, 1);
  g_assert_cmpint (facts.n_without_current_intake, ==, 1);
  g_assert_cmpint (facts.n_intakes_without_limits_statement, ==, 0);
  g_assert_cmpuint (facts.ai_vendors->len, ==, 1);
  items = alcove_checklist_evaluate (&facts, &now);
  g_assert_cmpint (((AlcoveChecklistItem *) g_ptr_array_index (items, ALCOVE_CHECKLIST_INFORMED_CONSENT))->status,
                   ==, ALCOVE_CHECKLIST_NEEDS_ATTENTION);
  /* notes and retention (a record, none past its time); no intake consent in effect documents
   * the limits; no teletherapy platform, and nobody said so */
  g_assert_cmpuint (alcove_checklist_count_current (items), ==, 2);
  g_assert_cmpint (((AlcoveChecklistItem *) g_ptr_array_index (items, ALCOVE_CHECKLIST_DISCLOSURE_LIMITS))->status,
                   ==, ALCOVE_CHECKLIST_NEEDS_ATTENTION);
  g_assert_cmpint (((AlcoveChecklistItem *) g_ptr_array_index (items, ALCOVE_CHECKLIST_TELETHERAPY_BAA))->status,
                   ==, ALCOVE_CHECKLIST_NOT_YET_REVIEWED);
  for (guint i = 0; i < items->len; i++)
    {
      AlcoveChecklistItem *item = g_ptr_array_index (items, i);

      g_assert_null (strstr (item->reason, CLIENT_NAME));
      g_assert_null (strstr (item->evidence, CLIENT_NAME));
    }
  g_clear_pointer (&items, g_ptr_array_unref);
  alcove_checklist_facts_clear (&facts);

  /* an intake consent in effect: item 2 met; then one whose limits statement is missing */
  add_intake (vault, alcove_client_get_id (client));
  alcove_checklist_facts_init (&facts);
  g_assert_true (alcove_checklist_facts_gather (vault, &now, &facts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (facts.n_without_current_intake, ==, 0);
  g_assert_cmpint (facts.n_intakes_without_limits_statement, ==, 0);
  alcove_checklist_facts_clear (&facts);
  g_assert_true (alcove_database_exec (alcove_vault_get_database (vault),
                                       "UPDATE consents SET value_json = replace (value_json,"
                                       " '\"statement:limits\":\"yes\"',"
                                       " '\"statement:limits\":\"\"')", &error));
  g_assert_no_error (error);
  alcove_checklist_facts_init (&facts);
  g_assert_true (alcove_checklist_facts_gather (vault, &now, &facts, &error));
  g_assert_cmpint (facts.n_intakes_without_limits_statement, ==, 1);
  facts.auto_lock_minutes = 5;
  items = alcove_checklist_evaluate (&facts, &now);
  g_assert_cmpint (((AlcoveChecklistItem *) g_ptr_array_index (items, ALCOVE_CHECKLIST_INFORMED_CONSENT))->status,
                   ==, ALCOVE_CHECKLIST_CURRENT);
  g_assert_cmpint (((AlcoveChecklistItem *) g_ptr_array_index (items, ALCOVE_CHECKLIST_DISCLOSURE_LIMITS))->status,
                   ==, ALCOVE_CHECKLIST_NEEDS_ATTENTION);
  g_clear_pointer (&items, g_ptr_array_unref);
  alcove_checklist_facts_clear (&facts);
  alcove_vault_lock (vault);
}

/* ---- attestations in a vault ---- */

/* The items of `vault` judged on the real day plus `days_later` */
static GPtrArray *
judge_vault (AlcoveVault *vault,
             int          days_later)
{
  AlcoveChecklistFacts facts;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_time_t (&day, time (NULL));
  g_date_add_days (&day, days_later);
  alcove_checklist_facts_init (&facts);
  g_assert_true (alcove_checklist_facts_gather (vault, &day, &facts, &error));
  g_assert_no_error (error);
  facts.auto_lock_minutes = 5;
  items = alcove_checklist_evaluate (&facts, &day);
  alcove_checklist_facts_clear (&facts);
  return items;
}

static AlcoveChecklistItem *
item_of (GPtrArray             *items,
         AlcoveChecklistItemId  id)
{
  return g_ptr_array_index (items, id);
}

static void
exec_ok (AlcoveVault *vault,
         const char  *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_database_exec (alcove_vault_get_database (vault), sql, &error));
  g_assert_no_error (error);
}

/* Inserts a row as an insider with the practice key would, signed with `signer`'s own key
 * while claiming `attested_by` */
static gint64
count_action (AlcoveVault *vault,
              const char  *action)
{
  sqlite3_stmt *stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                                "SELECT count(*) FROM audit_log WHERE action = ?",
                                                NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static void
insert_forged (AlcoveVault *signer,
               const char  *item,
               const char  *statement,
               const char  *attested_by)
{
  AlcoveDatabase *database = alcove_vault_get_database (signer);
  gint64 now_ms = g_get_real_time () / 1000;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *message = g_strdup_printf ("%s\n%s\n%s\n%s\n%s\n%" G_GINT64_FORMAT,
                                              alcove_vault_get_uuid (signer), id, item,
                                              statement, attested_by, now_ms);
  g_autofree char *signature = alcove_practice_sign (signer,
                                                     "io.github.alcove_notes.Alcove.checklist-attestation-1",
                                                     message, NULL);
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "INSERT INTO checklist_attestations (id, item,"
                                                " statement, attested_by, attested_ms, signature)"
                                                " VALUES (?, ?, ?, ?, ?, ?)", NULL);

  g_assert_nonnull (signature);
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, item, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, statement, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, attested_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, now_ms);
  sqlite3_bind_text (stmt, 6, signature, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

/* The owner attests "We use no AI tools" and "We use no teletherapy platform": current,
 * named and dated; re-asked after a year; an AI tool in the register voids it. Billing may
 * not attest, and what it writes into the table itself (its own signature, another's name,
 * an edited row) is ignored. */
static void
test_attest (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = owner_vault (dir);
  g_autoptr(AlcoveVault) billing = NULL;
  g_autoptr(AlcoveVault) supervisor = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveVendor) ai = alcove_vendor_new ();
  g_autofree char *owner_uuid = NULL;
  g_autofree char *yesterday = real_day_ago (1);
  AlcoveChecklistItem *item;
  guint changes = 0;

  owner_uuid = g_strdup (alcove_user_get_uuid (alcove_vault_get_current_user (vault)));
  alcove_test_add_user (vault, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  alcove_test_add_user (vault, "sam", "Sam Ortiz", ALCOVE_ROLE_SUPERVISOR);
  g_assert_true (alcove_attestations_can_attest (vault));

  /* what Alcove checks itself has nothing to attest */
  g_assert_false (alcove_attestations_attest (vault, ALCOVE_CHECKLIST_NOTES_SECURE, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  g_signal_connect (vault, "changed::registers", G_CALLBACK (count_cb), &changes);
  g_assert_true (alcove_attestations_attest (vault, ALCOVE_CHECKLIST_AI_TOOLS, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (alcove_attestations_attest (vault, ALCOVE_CHECKLIST_TELETHERAPY_BAA, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (vault, "checklist.attest"), ==, 2);

  items = judge_vault (vault, 0);
  item = item_of (items, ALCOVE_CHECKLIST_AI_TOOLS);
  g_assert_cmpint (item->status, ==, ALCOVE_CHECKLIST_CURRENT);
  g_assert_cmpstr (item->attested_by, ==, "Dana Whitfield");
  g_assert_nonnull (strstr (item->reason, "Attested by Dana Whitfield on "));
  g_assert_nonnull (strstr (item->evidence, "We use no AI tools"));
  g_assert_cmpint (item_of (items, ALCOVE_CHECKLIST_TELETHERAPY_BAA)->status, ==,
                   ALCOVE_CHECKLIST_CURRENT);
  /* notes, AI tools, teletherapy */
  g_assert_cmpuint (alcove_checklist_count_current (items), ==, 3);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* a year on it is asked again: due that day, overdue the next */
  items = judge_vault (vault, 300);
  g_assert_cmpint (item_of (items, ALCOVE_CHECKLIST_AI_TOOLS)->status, ==, ALCOVE_CHECKLIST_CURRENT);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = judge_vault (vault, 365);
  g_assert_cmpint (item_of (items, ALCOVE_CHECKLIST_AI_TOOLS)->status, ==, ALCOVE_CHECKLIST_DUE_SOON);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = judge_vault (vault, 366);
  item = item_of (items, ALCOVE_CHECKLIST_AI_TOOLS);
  g_assert_cmpint (item->status, ==, ALCOVE_CHECKLIST_OVERDUE);
  g_assert_true (item->attestable);
  g_assert_nonnull (strstr (item->reason, "attest again"));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* the table refuses changes, even to raw SQL */
  g_assert_false (alcove_database_exec (alcove_vault_get_database (vault),
                                        "UPDATE checklist_attestations SET attested_ms = 0", NULL));
  g_assert_false (alcove_database_exec (alcove_vault_get_database (vault),
                                        "DELETE FROM checklist_attestations", NULL));

  /* an AI tool in the register voids "We use no AI tools": its answers are judged, and
   * there is nothing to attest while it is there */
  ai->kind = ALCOVE_VENDOR_AI_TOOL;
  ai->name = g_strdup ("Scribe AI");
  ai->reviewed_on = g_strdup (yesterday);
  g_assert_true (alcove_registers_save_vendor (vault, ai, &error));
  g_assert_no_error (error);
  items = judge_vault (vault, 0);
  item = item_of (items, ALCOVE_CHECKLIST_AI_TOOLS);
  g_assert_cmpint (item->status, ==, ALCOVE_CHECKLIST_NEEDS_ATTENTION);
  g_assert_false (item->attestable);
  g_assert_null (item->attested_by);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_false (alcove_attestations_attest (vault, ALCOVE_CHECKLIST_AI_TOOLS, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_audit (vault, "checklist.attest"), ==, 3);  /* the vendor's review */
  alcove_vault_lock (vault);

  /* the supervisor reads the dashboard but does not attest */
  supervisor = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_attestations_can_attest (supervisor));
  g_assert_false (alcove_attestations_attest (supervisor, ALCOVE_CHECKLIST_RETENTION, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  alcove_vault_lock (supervisor);

  /* billing: refused; then the attack with the practice key */
  billing = alcove_test_unlocked_vault (dir, "bea", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_attestations_can_attest (billing));
  g_assert_false (alcove_attestations_attest (billing, ALCOVE_CHECKLIST_RETENTION, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  /* signed with billing's own key, as billing: a role that may not attest */
  insert_forged (billing, "retention",
                 "We keep no client records past the retention period, on paper or elsewhere",
                 alcove_user_get_uuid (alcove_vault_get_current_user (billing)));
  /* billing's signature in the owner's name */
  insert_forged (billing, "informed-consent",
                 "Our intake consent explains how client data is collected, stored, shared and "
                 "used with AI tools", owner_uuid);
  /* the owner's real row, edited past its triggers */
  exec_ok (billing, "DROP TRIGGER checklist_attestations_no_update;"
                    "UPDATE checklist_attestations SET attested_ms = attested_ms + 1000"
                    " WHERE item = 'teletherapy-baa'");
  alcove_vault_lock (billing);

  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  for (guint i = 0; i < 3; i++)
    g_test_expect_message ("alcove-attestations", G_LOG_LEVEL_WARNING,
                           "*not signed by someone who may attest*");
  items = judge_vault (vault, 0);
  g_test_assert_expected_messages ();
  /* each forgery is audited once, however often the dashboard looks again */
  g_assert_cmpint (count_action (vault, ALCOVE_AUDIT_ATTESTATION_REJECTED), ==, 3);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = judge_vault (vault, 0);
  g_assert_cmpint (count_action (vault, ALCOVE_AUDIT_ATTESTATION_REJECTED), ==, 3);
  g_assert_cmpint (item_of (items, ALCOVE_CHECKLIST_RETENTION)->status, ==,
                   ALCOVE_CHECKLIST_NOT_YET_REVIEWED);
  g_assert_cmpint (item_of (items, ALCOVE_CHECKLIST_INFORMED_CONSENT)->status, ==,
                   ALCOVE_CHECKLIST_NOT_YET_REVIEWED);
  g_assert_cmpint (item_of (items, ALCOVE_CHECKLIST_TELETHERAPY_BAA)->status, ==,
                   ALCOVE_CHECKLIST_NOT_YET_REVIEWED);
  g_assert_null (item_of (items, ALCOVE_CHECKLIST_TELETHERAPY_BAA)->attested_by);
  /* only the notes are current again */
  g_assert_cmpuint (alcove_checklist_count_current (items), ==, 1);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* the owner attests again: a new row, and it counts */
  g_assert_true (alcove_attestations_attest (vault, ALCOVE_CHECKLIST_TELETHERAPY_BAA, &error));
  g_assert_no_error (error);
  items = judge_vault (vault, 0);
  g_assert_cmpint (item_of (items, ALCOVE_CHECKLIST_TELETHERAPY_BAA)->status, ==,
                   ALCOVE_CHECKLIST_CURRENT);
  g_clear_pointer (&items, g_ptr_array_unref);
  assert_audit_clean (vault);
  alcove_vault_lock (vault);
}

/* practice.db at v13 reaches v14 with the attestations table, keeping the formats, and the
 * table only grows */
static void
test_migration (void)
{
  g_autoptr(AlcoveDatabase) db = alcove_test_database_at ("practice-v13.db",
                                                         ALCOVE_STORE_PRACTICE, 13);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_assert_false (alcove_database_exec (db, "SELECT 1 FROM checklist_attestations", NULL));
  g_assert_true (alcove_database_exec (db, "INSERT INTO note_formats (format_id, version,"
                                           " definition, made_by, made_ms, signature)"
                                           " VALUES ('girp', 1, '{}', 'u', 1, 's')", &error));
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_PRACTICE, 14, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==, 14);
  g_assert_cmpint (alcove_database_latest_version (ALCOVE_STORE_PRACTICE), >=, 14);
  stmt = alcove_database_prepare (db, "SELECT count(*) FROM note_formats", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
  g_assert_true (alcove_database_exec (db, "INSERT INTO checklist_attestations (id, item,"
                                           " statement, attested_by, attested_ms, signature)"
                                           " VALUES ('a', 'ai-tools', 'We use no AI tools', 'u',"
                                           " 5, 's')", &error));
  g_assert_no_error (error);
  g_assert_false (alcove_database_exec (db, "UPDATE checklist_attestations SET attested_ms = 6",
                                        NULL));
  g_assert_false (alcove_database_exec (db, "DELETE FROM checklist_attestations", NULL));
  g_assert_true (alcove_database_check_integrity (db, "main", &error));
  alcove_database_close (db);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2025);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/checklist/rules/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/checklist/due-day", test_due_day);
  g_test_add_func ("/checklist/definitions", test_definitions);
  g_test_add_func ("/checklist/score-and-order", test_score_and_order);
  g_test_add_func ("/checklist/leap-year", test_leap_year);
  g_test_add_func ("/checklist/days", test_days);
  g_test_add_func ("/checklist/registers", test_registers);
  g_test_add_func ("/checklist/gather", test_gather);
  g_test_add_func ("/checklist/attest", test_attest);
  g_test_add_func ("/checklist/migration-v14", test_migration);

  return g_test_run ();
}
