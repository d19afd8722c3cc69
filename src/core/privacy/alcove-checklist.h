/* alcove-checklist.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* days as YYYY-MM-DD: alcove_date_to_gdate() and alcove_date_to_iso() */
#include "alcove-date.h"

G_BEGIN_DECLS

/* The practice's privacy checklist. The items are data (data/checklist/checklist.json); the
 * rules are pure functions of an AlcoveChecklistFacts and a day, so that tests can put any
 * item at any boundary. Gathering the facts from a vault is alcove-checklist-facts.h.
 *
 * Statuses:
 *   CURRENT          met, and its next review is more than the due-soon window away
 *   DUE_SOON         met, but its review falls due within the window (today included):
 *                    30 days for yearly items, 14 for quarterly, 7 for monthly, 1 for
 *                    weekly or shorter (see alcove_checklist_due_soon_days)
 *   OVERDUE          its review day has passed (due day + 1 onwards)
 *   NEEDS_ATTENTION  something is wrong or not recorded: a missing document, a "no" or an
 *                    unanswered question, a client without consent, a fact Alcove cannot
 *                    read yet ("not yet recorded")
 *   NOT_YET_REVIEWED the item would rest on something empty or absent (no AI tools in the
 *                    vendor register, no active clients, no records) that no person has
 *                    stated: emptiness is not evidence. A person entitled to attest states
 *                    the item's attestation ("We use no AI tools"); it counts while the list
 *                    stays empty and for the item's interval, and then is asked again
 *                    (due soon, then overdue, like any review)
 * A reviewed-on day D with an interval of N days is due on D + N: reviewed 365 days ago is
 * due today (due soon); 366 days ago is overdue. The score counts CURRENT and DUE_SOON as
 * current: both are met today; NOT_YET_REVIEWED never counts. A new vault is current only
 * in what Alcove checks itself: notes-secure (encryption, auto-lock, recovery key, roles). */

typedef enum
{
  ALCOVE_CHECKLIST_PRIVACY_POLICY,
  ALCOVE_CHECKLIST_INFORMED_CONSENT,
  ALCOVE_CHECKLIST_DISCLOSURE_LIMITS,
  ALCOVE_CHECKLIST_NOTES_SECURE,
  ALCOVE_CHECKLIST_TELETHERAPY_BAA,
  ALCOVE_CHECKLIST_DEVICES,
  ALCOVE_CHECKLIST_AI_TOOLS,
  ALCOVE_CHECKLIST_TRAINING,
  ALCOVE_CHECKLIST_ACCESS_REVIEW,
  ALCOVE_CHECKLIST_RETENTION,
  ALCOVE_CHECKLIST_BACKUPS,
  ALCOVE_CHECKLIST_N_ITEMS
} AlcoveChecklistItemId;

typedef enum
{
  ALCOVE_CHECKLIST_CURRENT,
  ALCOVE_CHECKLIST_DUE_SOON,
  ALCOVE_CHECKLIST_OVERDUE,
  ALCOVE_CHECKLIST_NEEDS_ATTENTION,
  ALCOVE_CHECKLIST_NOT_YET_REVIEWED,
} AlcoveChecklistStatus;

typedef enum
{
  ALCOVE_CHECKLIST_AUTOMATIC,  /* computed from the vault */
  ALCOVE_CHECKLIST_ATTESTED,   /* the owner attests, with evidence and a date */
} AlcoveChecklistJudged;

/* One item as data; loaded once, never freed */
typedef struct
{
  AlcoveChecklistItemId  id;
  const char            *id_string;     /* "privacy-policy", … */
  const char            *title;         /* translated */
  const char            *explanation;   /* translated */
  const char            *how;           /* how it is judged, translated */
  AlcoveChecklistJudged  judged;
  guint                  interval_days; /* 0: checked continuously */
  const char            *action;        /* policy, consents, preferences, vendors, devices,
                                         * training, audit-review, retention, backups */
  const char            *action_label;  /* translated, for a button */
  /* what a person states when the item's list is empty, or NULL: not attestable */
  const char            *attestation;         /* translated, for people */
  const char            *attestation_source;  /* as in the data file: what is signed */
  guint                  attestation_days;    /* how long an attestation counts */
} AlcoveChecklistDefinition;

/* One item judged on a day */
typedef struct
{
  const AlcoveChecklistDefinition *definition;
  AlcoveChecklistStatus            status;
  char                            *reason;    /* one translated sentence; counts, never PHI */
  char                            *evidence;  /* what the judgement rests on, for the report */
  GDate                            due;       /* invalid: no due day */
  guint                            interval_days;  /* in force (access review: configurable) */
  gboolean                         attestable;     /* its list is empty: a person may attest */
  char                            *attested_by;    /* the attestation in force, or NULL */
  GDate                            attested_on;
} AlcoveChecklistItem;

#define ALCOVE_CHECKLIST_UNKNOWN (-1)

/* The newest attestation of an item whose signature holds; day invalid: none */
typedef struct
{
  GDate  day;
  char  *by_name;  /* the display name of the person who attested */
} AlcoveChecklistAttestation;

/* What the rules look at. Counts are ALCOVE_CHECKLIST_UNKNOWN when their source is not
 * available; days are invalid GDates when nothing was ever recorded. */
typedef struct
{
  /* 1: the privacy policy */
  char      *policy_document_id;            /* NULL: none attached */
  GDate      policy_reviewed_on;
  /* 2, 3: intake consents */
  int        n_active_clients;
  int        n_without_current_intake;
  int        n_intakes_without_limits_statement;
  /* 4: notes secure */
  gboolean   vault_encrypted;
  int        auto_lock_minutes;             /* from GSettings, given by the GUI */
  gboolean   recovery_confirmed;
  gboolean   roles_in_force;
  int        open_helper_findings;
  /* 5, 7: the vendor register (AlcoveVendor*, owned) */
  GPtrArray *teletherapy_vendors;
  GPtrArray *ai_vendors;
  int        n_telehealth_sessions;         /* in the last year */
  /* 6: the device register (AlcoveDevice*, owned) */
  GPtrArray *devices;
  /* 8: the training log */
  GDate      last_training;
  guint      training_topics_last_year;     /* 1 << AlcoveTrainingTopic */
  /* 9: audit review records */
  gboolean   access_review_known;           /* FALSE: the review records are not available */
  GDate      last_access_review;
  guint      access_review_interval_days;   /* 0: monthly (30) */
  /* 10: the retention policy */
  int        n_records_past_retention;
  int        n_clients;                     /* any status: does the vault hold records? */
  /* 11: backups */
  GDate      last_backup;                   /* the last verified backup, local day */
  /* attestations of empty lists, by item */
  AlcoveChecklistAttestation attestations[ALCOVE_CHECKLIST_N_ITEMS];
} AlcoveChecklistFacts;

void         alcove_checklist_facts_init   (AlcoveChecklistFacts *facts);
void         alcove_checklist_facts_clear  (AlcoveChecklistFacts *facts);

const AlcoveChecklistDefinition *alcove_checklist_get_definition (AlcoveChecklistItemId id);
gboolean     alcove_checklist_item_id_from_string (const char            *text,
                                                   AlcoveChecklistItemId *id);
const char  *alcove_checklist_status_to_string    (AlcoveChecklistStatus  status);
const char  *alcove_checklist_status_get_title    (AlcoveChecklistStatus  status);
guint        alcove_checklist_due_soon_days       (guint                  interval_days);
/* "Every year", "Every 3 months", "Checked continuously", … */
char        *alcove_checklist_describe_interval   (guint                  interval_days);

/* AlcoveChecklistItem*, one per item in checklist order; today is never read from a clock */
GPtrArray   *alcove_checklist_evaluate       (const AlcoveChecklistFacts *facts,
                                              const GDate                *today);
/* Items met today (CURRENT or DUE_SOON) */
guint        alcove_checklist_count_current  (GPtrArray                  *items);
/* The items that are not CURRENT, most urgent first: NEEDS_ATTENTION (checklist order), then
 * OVERDUE (longest overdue first), then NOT_YET_REVIEWED (checklist order), then DUE_SOON
 * (soonest first). Borrowed from items. */
GPtrArray   *alcove_checklist_next_actions   (GPtrArray                  *items);
void         alcove_checklist_item_free      (AlcoveChecklistItem        *item);

G_END_DECLS
