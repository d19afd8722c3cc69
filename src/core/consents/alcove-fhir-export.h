/* alcove-fhir-export.h — one client's record as a FHIR R4 Bundle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a client's request for their record (HIPAA's right of access, 45 CFR 164.524) or a
 * transfer of care: a Bundle of type "collection", every entry with a urn:uuid: fullUrl and
 * a resource id, holding
 *   - one Patient: legal name (official), preferred name (usual), birth date, phone, email,
 *     address, active;
 *   - a Condition per diagnosis (ICD-10-CM), with its clinical status, onset and abatement;
 *   - a CarePlan per treatment plan, from its newest signed version (drafts never);
 *   - an Encounter per session: status, in person or virtual, start, length, service code
 *     (never the reason a session was cancelled or missed);
 *   - a DocumentReference per signed progress note, its text and addenda as a text/plain
 *     attachment (docStatus "amended" when it has addenda), pointing at its Encounter;
 *     drafts never;
 *   - a DocumentReference per PDF or image attached to the record, carrying the file;
 *   - a Consent per consent record that was signed (drafts never);
 *   - a QuestionnaireResponse per outcome-measure administration, and an Observation of its
 *     total score and band when it is complete;
 *   - an AuditEvent per disclosure logged for the client.
 * Psychotherapy notes are never part of it: HIPAA keeps them out of the right of access
 * (164.524(a)(1)(i)), and they live in a store this export does not read.
 *
 * Left out: clinical events, signed consent forms, guardians and the emergency contact,
 * pronouns, and the notes of couple, family and group records the client takes part in.
 *
 * Only a role that reads the clinical record may export it (notes, diagnoses and what
 * consents say: an owner, a clinician or a supervisor, each for the notes stores they
 * open); anyone else gets ALCOVE_VAULT_ERROR_PERMISSION_DENIED. The export is audited,
 * with the client's id and counts only, before the bundle is returned.
 */
#pragma once

#include <gio/gio.h>

#include "alcove-consent-store.h"
#include "alcove-disclosure-store.h"
#include "alcove-note-store.h"

G_BEGIN_DECLS

/* What an export held, for the person who made it and for the audit log */
typedef struct
{
  guint n_encounters;
  guint n_conditions;
  guint n_care_plans;
  guint n_documents;
  guint n_attachments;    /* PDFs and images attached to the record */
  guint n_consents;
  guint n_questionnaire_responses;
  guint n_observations;
  guint n_audit_events;
} AlcoveFhirCounts;

/* Whether this session may export a record (the rule above) */
gboolean alcove_fhir_export_is_allowed (AlcoveNoteStore *notes);

/* The bundle as UTF-8 JSON; `counts` may be NULL */
GBytes *alcove_fhir_export_client (AlcoveNoteStore        *notes,
                                   AlcoveConsentStore     *consents,
                                   AlcoveDisclosureStore  *disclosures,
                                   const char             *client_id,
                                   AlcoveFhirCounts       *counts,
                                   GError                **error);

G_END_DECLS
