/* alcove-consent.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Kinds are template ids in data/consents/<kind>.json; these are the ones code relies on. */
#define ALCOVE_CONSENT_KIND_INTAKE             "intake"
#define ALCOVE_CONSENT_KIND_RELEASE            "release"
#define ALCOVE_CONSENT_KIND_PSYCHOTHERAPY      "psychotherapy-notes"
#define ALCOVE_CONSENT_KIND_RECORDING          "recording"
#define ALCOVE_CONSENT_KIND_AI_TOOLS           "ai-tools"
#define ALCOVE_CONSENT_KIND_GROUP              "group-confidentiality"
#define ALCOVE_CONSENT_KIND_COUPLE_FAMILY      "couple-family-record"
#define ALCOVE_CONSENT_KIND_MINOR              "minor-confidentiality"

/* Template value keys an authorization (release or psychotherapy-notes) carries. */
#define ALCOVE_CONSENT_VALUE_RECIPIENT         "recipient"          /* name of person/body */
#define ALCOVE_CONSENT_VALUE_RECIPIENT_ADDRESS "recipient_address"
#define ALCOVE_CONSENT_VALUE_DISCLOSER         "discloser"
#define ALCOVE_CONSENT_VALUE_INFORMATION       "information"        /* ";"-separated category ids */
#define ALCOVE_CONSENT_VALUE_DESCRIPTION       "information_description"
#define ALCOVE_CONSENT_VALUE_PURPOSE           "purpose"            /* ";"-separated purpose ids */
#define ALCOVE_CONSENT_VALUE_EXPIRY_EVENT      "expiry_event"

/* Stored: draft, active or revoked. On a given day: "pending" (valid_from not reached) and
 * "expired" (the day is after expires_on, which is the last valid day) are derived from the
 * dates; a revocation takes effect on revoked_on (or at once when it has no date). */
typedef enum
{
  ALCOVE_CONSENT_DRAFT,
  ALCOVE_CONSENT_ACTIVE,
  ALCOVE_CONSENT_EXPIRED,
  ALCOVE_CONSENT_REVOKED,
  ALCOVE_CONSENT_PENDING,
} AlcoveConsentStatus;

typedef enum
{
  ALCOVE_CONSENT_SIGNER_CLIENT,
  ALCOVE_CONSENT_SIGNER_GUARDIAN,        /* needs SIGNER_AUTHORITY */
  ALCOVE_CONSENT_SIGNER_REPRESENTATIVE,  /* personal representative; needs SIGNER_AUTHORITY */
} AlcoveConsentSigner;

typedef enum
{
  ALCOVE_CONSENT_CAPTURE_IN_PERSON,      /* signed in person in the practice */
  ALCOVE_CONSENT_CAPTURE_PAPER_SCANNED,  /* paper form signed, then scanned and attached */
} AlcoveConsentCapture;

typedef enum
{
  ALCOVE_CONSENT_CLIENT_ID,
  ALCOVE_CONSENT_KIND,
  ALCOVE_CONSENT_SIGNER_NAME,
  ALCOVE_CONSENT_SIGNER_AUTHORITY,      /* e.g. "parent with legal custody" */
  ALCOVE_CONSENT_SIGNED_ON,             /* YYYY-MM-DD */
  ALCOVE_CONSENT_VALID_FROM,            /* YYYY-MM-DD */
  ALCOVE_CONSENT_EXPIRES_ON,            /* YYYY-MM-DD, or "" (no date: see expiry_event) */
  ALCOVE_CONSENT_DOCUMENT_ID,           /* the signed document in the vault, or "" */
  ALCOVE_CONSENT_REVOKED_ON,            /* YYYY-MM-DD */
  ALCOVE_CONSENT_REVOCATION_MEANS,      /* how the revocation was received, e.g. "in writing" */
  ALCOVE_CONSENT_REVOKED_BY,            /* user uuid who recorded it */
  ALCOVE_CONSENT_CREATED_BY,            /* user uuid */
  ALCOVE_CONSENT_N_FIELDS
} AlcoveConsentField;

#define ALCOVE_TYPE_CONSENT (alcove_consent_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveConsent, alcove_consent, ALCOVE, CONSENT, GObject)

AlcoveConsent        *alcove_consent_new                (const char           *client_id,
                                                         const char           *kind);
AlcoveConsent        *alcove_consent_copy               (AlcoveConsent        *self);
const char           *alcove_consent_get_id             (AlcoveConsent        *self);
void                  alcove_consent_set_id             (AlcoveConsent        *self,
                                                         const char           *id);
const char           *alcove_consent_get_field          (AlcoveConsent        *self,
                                                         AlcoveConsentField    field);
void                  alcove_consent_set_field          (AlcoveConsent        *self,
                                                         AlcoveConsentField    field,
                                                         const char           *value);
const char           *alcove_consent_get_value          (AlcoveConsent        *self,
                                                         const char           *key);
void                  alcove_consent_set_value          (AlcoveConsent        *self,
                                                         const char           *key,
                                                         const char           *value);
GStrv                 alcove_consent_dup_value_keys     (AlcoveConsent        *self);
gboolean              alcove_consent_value_has_item     (AlcoveConsent        *self,
                                                         const char           *key,
                                                         const char           *item);
AlcoveConsentSigner   alcove_consent_get_signer         (AlcoveConsent        *self);
void                  alcove_consent_set_signer         (AlcoveConsent        *self,
                                                         AlcoveConsentSigner   signer);
AlcoveConsentCapture  alcove_consent_get_capture        (AlcoveConsent        *self);
void                  alcove_consent_set_capture        (AlcoveConsent        *self,
                                                         AlcoveConsentCapture  capture);
AlcoveConsentStatus   alcove_consent_get_stored_status  (AlcoveConsent        *self);
void                  alcove_consent_set_stored_status  (AlcoveConsent        *self,
                                                         AlcoveConsentStatus  status);
AlcoveConsentStatus   alcove_consent_get_status_on      (AlcoveConsent        *self,
                                                         GDate                *day);
gboolean              alcove_consent_expires_within     (AlcoveConsent        *self,
                                                         GDate                *day,
                                                         guint                 days);
const char           *alcove_consent_status_to_string   (AlcoveConsentStatus   status);
gboolean              alcove_consent_status_from_string (const char           *text,
                                                         AlcoveConsentStatus  *status);

G_END_DECLS
