/* alcove-registers.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

/* The practice registers behind the privacy checklist, kept in practice.db: the privacy
 * policy and its reviews, the vendors (teletherapy platforms, AI tools, others), the devices
 * staff use, and the training log. They hold no PHI: names of products and devices, staff
 * user ids, yes/no answers and days (YYYY-MM-DD).
 *
 * Who may do what: the owner changes the registers; every other role may read them (nothing
 * in them is about a client). The supervisor sees the dashboard built on them but cannot
 * change them: attesting the practice's safeguards is the owner's responsibility. Every
 * change writes an audit row with ids and enum-like words only. */

typedef enum
{
  ALCOVE_ANSWER_UNKNOWN,
  ALCOVE_ANSWER_YES,
  ALCOVE_ANSWER_NO,
} AlcoveAnswer;

typedef enum
{
  ALCOVE_VENDOR_TELETHERAPY,
  ALCOVE_VENDOR_AI_TOOL,
  ALCOVE_VENDOR_OTHER,
} AlcoveVendorKind;

/* The questions every AI tool answers, besides "BAA signed" (AlcoveVendor.baa): six in all */
typedef enum
{
  ALCOVE_AI_ENCRYPTION,    /* encrypted in transit (TLS 1.2 or later) and at rest */
  ALCOVE_AI_NO_TRAINING,   /* no training on client data, confirmed in writing */
  ALCOVE_AI_STORAGE,       /* where data is stored is known (storage_location) */
  ALCOVE_AI_DELETION,      /* deletes data on request */
  ALCOVE_AI_AUDIT_TRAIL,   /* keeps audit trails */
  ALCOVE_AI_N_QUESTIONS
} AlcoveAiQuestion;

#define ALCOVE_AI_N_ANSWERS (ALCOVE_AI_N_QUESTIONS + 1)  /* with the BAA */

typedef struct
{
  char            *id;
  char            *name;
  AlcoveVendorKind kind;
  AlcoveAnswer     baa;
  char            *baa_signed_on;     /* YYYY-MM-DD, or "" */
  AlcoveAnswer     answers[ALCOVE_AI_N_QUESTIONS];  /* AI tools only */
  char            *storage_location;  /* AI tools: where data is stored, e.g. "US (AWS)" */
  char            *reviewed_on;       /* the day the answers were last confirmed */
  char            *reviewed_by;       /* user uuid */
} AlcoveVendor;

/* A device's attestations, each yes or no */
typedef enum
{
  ALCOVE_DEVICE_DISK_ENCRYPTION,
  ALCOVE_DEVICE_SCREEN_LOCK,
  ALCOVE_DEVICE_UPDATES,
  ALCOVE_DEVICE_MFA,
  ALCOVE_DEVICE_NO_PUBLIC_WIFI,   /* no public Wi-Fi without a VPN */
  ALCOVE_DEVICE_N_CHECKS
} AlcoveDeviceCheck;

typedef struct
{
  char     *id;
  char     *name;            /* e.g. "Reception laptop" */
  char     *used_by;         /* who uses it: a staff member's name or role, never a client */
  gboolean  checks[ALCOVE_DEVICE_N_CHECKS];
  char     *attested_on;
  char     *attested_by;     /* user uuid */
} AlcoveDevice;

/* Training topics, stored by id */
typedef enum
{
  ALCOVE_TOPIC_DATA_FLOW,        /* "data-flow": how data flows through the practice */
  ALCOVE_TOPIC_SHARED_SPACES,    /* "shared-spaces": risks of shared spaces */
  ALCOVE_TOPIC_DE_IDENTIFYING,   /* "de-identifying": for supervision */
  ALCOVE_TOPIC_BREACH,           /* "breach": recognising a breach and the first hour */
  ALCOVE_TOPIC_AI_TOOLS,         /* "ai-tools": the approved AI tools */
  ALCOVE_TOPIC_N
} AlcoveTrainingTopic;

#define ALCOVE_TOPIC_ALL ((1u << ALCOVE_TOPIC_N) - 1)

typedef struct
{
  char  *id;
  char  *held_on;
  GStrv  attendees;   /* user uuids */
  guint  topics;      /* 1 << AlcoveTrainingTopic */
  char  *recorded_by;
} AlcoveTraining;

typedef struct
{
  char *id;
  char *document_id;  /* the policy document, kept in the vault (alcove_documents_add) */
  char *reviewed_on;
  char *reviewed_by;  /* user uuid */
} AlcovePolicyReview;

const char   *alcove_answer_to_string         (AlcoveAnswer        answer);
AlcoveAnswer  alcove_answer_from_string       (const char         *text);
const char   *alcove_vendor_kind_to_string    (AlcoveVendorKind    kind);
gboolean      alcove_vendor_kind_from_string  (const char         *text,
                                               AlcoveVendorKind   *kind);
const char   *alcove_vendor_kind_get_title    (AlcoveVendorKind    kind);
const char   *alcove_ai_question_get_title    (AlcoveAiQuestion    question);
const char   *alcove_device_check_get_title   (AlcoveDeviceCheck   check);
const char   *alcove_training_topic_to_string (AlcoveTrainingTopic topic);
const char   *alcove_training_topic_get_title (AlcoveTrainingTopic topic);
guint         alcove_training_topics_from_string (const char      *ids);
char         *alcove_training_topics_to_string (guint              topics);

AlcoveVendor       *alcove_vendor_new          (void);
AlcoveVendor       *alcove_vendor_copy         (const AlcoveVendor *vendor);
void                alcove_vendor_free         (AlcoveVendor       *vendor);
/* Every one of the six answers is yes, and where data is stored is written down */
gboolean            alcove_vendor_ai_answers_ok (const AlcoveVendor *vendor);
AlcoveDevice       *alcove_device_new          (void);
AlcoveDevice       *alcove_device_copy         (const AlcoveDevice *device);
void                alcove_device_free         (AlcoveDevice       *device);
gboolean            alcove_device_all_checks   (const AlcoveDevice *device);
AlcoveTraining     *alcove_training_new        (void);
void                alcove_training_free       (AlcoveTraining     *training);
void                alcove_policy_review_free  (AlcovePolicyReview *review);

gboolean            alcove_registers_can_edit     (AlcoveVault        *vault);

/* The current policy: the latest review (with its document), or NULL with no error when none */
AlcovePolicyReview *alcove_registers_get_policy   (AlcoveVault        *vault,
                                                   GError            **error);
/* Records a review on reviewed_on; document_id NULL keeps the current document. Audited as
 * register.policy and checklist.attest. */
gboolean            alcove_registers_review_policy (AlcoveVault       *vault,
                                                    const char        *document_id,
                                                    const char        *reviewed_on,
                                                    GError           **error);
/* Keeps a new policy document in the vault and records its review, in one transaction */
gboolean            alcove_registers_attach_policy (AlcoveVault       *vault,
                                                    GBytes            *contents,
                                                    const char        *name,
                                                    const char        *content_type,
                                                    const char        *reviewed_on,
                                                    GError           **error);

/* AlcoveVendor*, by kind then name */
GPtrArray          *alcove_registers_list_vendors (AlcoveVault        *vault,
                                                   GError            **error);
/* Adds (id NULL: assigned) or updates a vendor; its reviewed_on is the attestation */
gboolean            alcove_registers_save_vendor  (AlcoveVault        *vault,
                                                   AlcoveVendor       *vendor,
                                                   GError            **error);
gboolean            alcove_registers_remove_vendor (AlcoveVault       *vault,
                                                    const char        *vendor_id,
                                                    GError           **error);

GPtrArray          *alcove_registers_list_devices (AlcoveVault        *vault,
                                                   GError            **error);
gboolean            alcove_registers_save_device  (AlcoveVault        *vault,
                                                   AlcoveDevice       *device,
                                                   GError            **error);
gboolean            alcove_registers_remove_device (AlcoveVault       *vault,
                                                    const char        *device_id,
                                                    GError           **error);

/* AlcoveTraining*, newest first. The log is a record of what happened: entries are added,
 * never changed. */
GPtrArray          *alcove_registers_list_training (AlcoveVault       *vault,
                                                    GError           **error);
gboolean            alcove_registers_add_training (AlcoveVault        *vault,
                                                   AlcoveTraining     *training,
                                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveVendor, alcove_vendor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveDevice, alcove_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveTraining, alcove_training_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcovePolicyReview, alcove_policy_review_free)

G_END_DECLS
