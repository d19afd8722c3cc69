/* alcove-fhir-export.c — one client's record as a FHIR R4 Bundle: the bundle, who may make
 * it and its audit, the Patient, Consents and AuditEvents (the clinical record itself is in
 * alcove-fhir-records.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-fhir"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-consent-template.h"
#include "alcove-date.h"
#include "alcove-disclosure-rules.h"
#include "alcove-error.h"
#include "alcove-fhir-private.h"
#include "alcove-policy.h"
#include "alcove-vault-private.h"

/* ---- building ---- */

void
fhir_add_string (JsonBuilder *builder,
                 const char  *member,
                 const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
fhir_add_optional (JsonBuilder *builder,
                   const char  *member,
                   const char  *value)
{
  if (value != NULL && *value != '\0')
    fhir_add_string (builder, member, value);
}

static void
add_coding (JsonBuilder *builder,
            const char  *system,
            const char  *code,
            const char  *display)
{
  json_builder_begin_object (builder);
  fhir_add_string (builder, "system", system);
  fhir_add_string (builder, "code", code);
  fhir_add_optional (builder, "display", display);
  json_builder_end_object (builder);
}

void
fhir_add_concept (JsonBuilder *builder,
                  const char  *member,
                  const char  *system,
                  const char  *code,
                  const char  *display,
                  const char  *text)
{
  if (member != NULL)
    json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "coding");
  json_builder_begin_array (builder);
  add_coding (builder, system, code, display);
  json_builder_end_array (builder);
  fhir_add_optional (builder, "text", text);
  json_builder_end_object (builder);
}

void
fhir_add_text_concept (JsonBuilder *builder,
                       const char  *member,
                       const char  *text)
{
  if (member != NULL)
    json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  fhir_add_string (builder, "text", text);
  json_builder_end_object (builder);
}

void
fhir_add_reference (JsonBuilder *builder,
                    const char  *member,
                    const char  *reference,
                    const char  *display)
{
  if (member != NULL)
    json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  fhir_add_optional (builder, "reference", reference);
  fhir_add_optional (builder, "display", display);
  json_builder_end_object (builder);
}

void
fhir_add_subject (FhirExport *export,
                  const char *member)
{
  fhir_add_reference (export->builder, member, export->patient_url, NULL);
}

char *
fhir_format_instant (gint64 ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (ms / 1000);
  g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, (int) (ms % 1000));
}

char *
fhir_dup_person_name (FhirExport *export,
                      const char *user_uuid)
{
  return alcove_note_store_dup_author_name (export->notes, user_uuid);
}

static void
add_security_labels (JsonBuilder *builder,
                     FhirLabels   labels)
{
  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "security");
  json_builder_begin_array (builder);
  add_coding (builder, FHIR_SYSTEM_CONFIDENTIALITY, "R", "restricted");
  if (labels == FHIR_LABELS_MENTAL_HEALTH)
    add_coding (builder, FHIR_SYSTEM_ACT_CODE, "PSY",
                "psychiatry disorder information sensitivity");
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* Ids are new for each export: the vault's own ids are not all UUIDs, and one record may
 * become two resources (a measure's answers and its score) */
char *
fhir_begin_resource (FhirExport *export,
                     const char *type,
                     FhirLabels  labels)
{
  g_autofree char *id = g_uuid_string_random ();
  char *url = g_strconcat ("urn:uuid:", id, NULL);

  json_builder_begin_object (export->builder);
  fhir_add_string (export->builder, "fullUrl", url);
  json_builder_set_member_name (export->builder, "resource");
  json_builder_begin_object (export->builder);
  fhir_add_string (export->builder, "resourceType", type);
  fhir_add_string (export->builder, "id", id);
  add_security_labels (export->builder, labels);
  return url;
}

void
fhir_end_resource (FhirExport *export)
{
  json_builder_end_object (export->builder);
  json_builder_end_object (export->builder);
}

/* ---- who may export ---- */

/* The record in full or not at all: a role that cannot read the notes, the diagnoses or what
 * consents say would hand the client a record with holes in it, looking complete */
gboolean
alcove_fhir_export_is_allowed (AlcoveNoteStore *notes)
{
  AlcoveVault *vault;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), FALSE);

  vault = alcove_client_store_get_vault (alcove_note_store_get_clients (notes));
  return alcove_note_store_can_read_notes (notes) &&
         alcove_policy_allows (vault, ALCOVE_CAPABILITY_READ_DIAGNOSES) &&
         alcove_policy_allows (vault, ALCOVE_CAPABILITY_READ_CONSENT_VALUES);
}

static gboolean
check_may_export (AlcoveNoteStore  *notes,
                  GError          **error)
{
  AlcoveVault *vault = alcove_client_store_get_vault (alcove_note_store_get_clients (notes));

  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  if (alcove_fhir_export_is_allowed (notes))
    return TRUE;
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                       _("Only someone who reads clinical records (an owner, a clinician or "
                         "a supervisor) can export a client’s record"));
  return FALSE;
}

/* ---- Patient ---- */

static void
add_name (JsonBuilder *builder,
          const char  *use,
          const char  *text)
{
  if (text == NULL || *text == '\0')
    return;
  json_builder_begin_object (builder);
  fhir_add_string (builder, "use", use);
  /* the name as the client gave it: splitting it into given and family would be a guess */
  fhir_add_string (builder, "text", text);
  json_builder_end_object (builder);
}

static void
add_contact_point (JsonBuilder *builder,
                   const char  *system,
                   const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_begin_object (builder);
  fhir_add_string (builder, "system", system);
  fhir_add_string (builder, "value", value);
  json_builder_end_object (builder);
}

static void
add_patient (FhirExport *export)
{
  JsonBuilder *builder = export->builder;
  AlcoveClient *client = export->client;
  const char *address = alcove_client_get_field (client, ALCOVE_CLIENT_ADDRESS);

  export->patient_url = fhir_begin_resource (export, "Patient", FHIR_LABELS_RESTRICTED);
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder,
                                  alcove_client_get_status (client) == ALCOVE_CLIENT_ACTIVE);
  json_builder_set_member_name (builder, "name");
  json_builder_begin_array (builder);
  add_name (builder, "official", alcove_client_get_field (client, ALCOVE_CLIENT_LEGAL_NAME));
  add_name (builder, "usual", alcove_client_get_field (client, ALCOVE_CLIENT_PREFERRED_NAME));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "telecom");
  json_builder_begin_array (builder);
  add_contact_point (builder, "phone", alcove_client_get_field (client, ALCOVE_CLIENT_PHONE));
  add_contact_point (builder, "email", alcove_client_get_field (client, ALCOVE_CLIENT_EMAIL));
  json_builder_end_array (builder);
  fhir_add_optional (builder, "birthDate",
                     alcove_client_get_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH));
  if (*address != '\0')
    {
      json_builder_set_member_name (builder, "address");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      fhir_add_string (builder, "text", address);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  fhir_end_resource (export);
}

/* ---- Consent ---- */

static gboolean
is_authorization (AlcoveConsent *consent)
{
  const char *kind = alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND);

  return g_str_equal (kind, ALCOVE_CONSENT_KIND_RELEASE) ||
         g_str_equal (kind, ALCOVE_CONSENT_KIND_PSYCHOTHERAPY);
}

static const char *
consent_state (AlcoveConsent *consent)
{
  g_autoptr(GDate) today = g_date_new ();

  g_date_set_time_t (today, time (NULL));
  switch (alcove_consent_get_status_on (consent, today))
    {
    case ALCOVE_CONSENT_ACTIVE:
      return "active";
    case ALCOVE_CONSENT_EXPIRED:
    case ALCOVE_CONSENT_REVOKED:
      return "inactive";
    case ALCOVE_CONSENT_PENDING:
    case ALCOVE_CONSENT_DRAFT:
    default:
      /* R4's "draft" reads "Pending": not yet to be acted upon */
      return "draft";
    }
}

static void
add_consent_category (JsonBuilder   *builder,
                      AlcoveConsent *consent)
{
  const char *name = alcove_consent_kind_get_name (alcove_consent_get_field (consent,
                                                                             ALCOVE_CONSENT_KIND));

  json_builder_set_member_name (builder, "category");
  json_builder_begin_array (builder);
  if (is_authorization (consent))
    fhir_add_concept (builder, NULL, FHIR_SYSTEM_LOINC, "64292-6",
                      "Release of information consent", name);
  else
    fhir_add_concept (builder, NULL, FHIR_SYSTEM_LOINC, "59284-0", "Patient Consent", name);
  json_builder_end_array (builder);
}

static void
add_consent_provision (JsonBuilder   *builder,
                       AlcoveConsent *consent)
{
  const char *from = alcove_consent_get_field (consent, ALCOVE_CONSENT_VALID_FROM);
  const char *until = alcove_consent_get_field (consent, ALCOVE_CONSENT_EXPIRES_ON);
  const char *revoked = alcove_consent_get_field (consent, ALCOVE_CONSENT_REVOKED_ON);
  const char *recipient = alcove_consent_get_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT);

  if (*from == '\0')
    from = alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNED_ON);
  if (alcove_consent_get_stored_status (consent) == ALCOVE_CONSENT_REVOKED && *revoked != '\0')
    until = revoked;
  json_builder_set_member_name (builder, "provision");
  json_builder_begin_object (builder);
  fhir_add_string (builder, "type", "permit");
  json_builder_set_member_name (builder, "period");
  json_builder_begin_object (builder);
  fhir_add_optional (builder, "start", from);
  fhir_add_optional (builder, "end", until);
  json_builder_end_object (builder);
  if (recipient != NULL && *recipient != '\0')
    {
      json_builder_set_member_name (builder, "actor");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      fhir_add_concept (builder, "role", FHIR_SYSTEM_PARTICIPATION_TYPE, "IRCP",
                        "information recipient", NULL);
      fhir_add_reference (builder, "reference", NULL, recipient);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
add_consent (FhirExport    *export,
             AlcoveConsent *consent)
{
  JsonBuilder *builder = export->builder;
  g_autofree char *url = fhir_begin_resource (export, "Consent", FHIR_LABELS_RESTRICTED);
  const char *kind = alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND);

  fhir_add_string (builder, "status", consent_state (consent));
  if (is_authorization (consent))
    fhir_add_concept (builder, "scope", FHIR_SYSTEM_CONSENT_SCOPE, "patient-privacy",
                      "Privacy Consent", NULL);
  else
    fhir_add_concept (builder, "scope", FHIR_SYSTEM_CONSENT_SCOPE, "treatment", "Treatment",
                      NULL);
  add_consent_category (builder, consent);
  fhir_add_subject (export, "patient");
  fhir_add_optional (builder, "dateTime",
                     alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNED_ON));
  json_builder_set_member_name (builder, "performer");
  json_builder_begin_array (builder);
  fhir_add_reference (builder, NULL, NULL,
                      alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNER_NAME));
  json_builder_end_array (builder);
  /* an authorization is HIPAA's (164.508); the others are the practice's own forms */
  json_builder_set_member_name (builder, "policyRule");
  if (is_authorization (consent))
    fhir_add_concept (builder, NULL, FHIR_SYSTEM_CONSENT_POLICY, "hipaa-auth",
                      "HIPAA Authorization", NULL);
  else
    fhir_add_text_concept (builder, NULL, alcove_consent_kind_get_name (kind));
  add_consent_provision (builder, consent);
  fhir_end_resource (export);
  export->counts.n_consents++;
}

/* Signed consents only: a draft was never agreed to */
static gboolean
add_consents (FhirExport  *export,
              GError     **error)
{
  const char *client_id = alcove_client_get_id (export->client);
  g_autoptr(GPtrArray) consents = alcove_consent_store_list_for_client (export->consents,
                                                                        client_id, error);

  if (consents == NULL)
    return FALSE;
  for (guint i = 0; i < consents->len; i++)
    {
      AlcoveConsent *consent = g_ptr_array_index (consents, i);

      if (alcove_consent_get_stored_status (consent) != ALCOVE_CONSENT_DRAFT)
        add_consent (export, consent);
    }
  return TRUE;
}

/* ---- AuditEvent: the disclosures of the client's information ---- */

static void
add_disclosure_agents (FhirExport       *export,
                       AlcoveDisclosure *disclosure)
{
  JsonBuilder *builder = export->builder;
  g_autofree char *discloser =
    fhir_dup_person_name (export, alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_BY));

  json_builder_set_member_name (builder, "agent");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  fhir_add_reference (builder, "who", NULL, discloser);
  json_builder_set_member_name (builder, "requestor");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  fhir_add_concept (builder, "type", FHIR_SYSTEM_PARTICIPATION_TYPE, "IRCP",
                    "information recipient", NULL);
  fhir_add_reference (builder, "who", NULL,
                      alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_RECIPIENT));
  json_builder_set_member_name (builder, "requestor");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

static void
add_disclosure_entity (FhirExport       *export,
                       AlcoveDisclosure *disclosure)
{
  JsonBuilder *builder = export->builder;
  const AlcoveDisclosureBasis *basis =
    alcove_disclosure_basis_lookup (alcove_disclosure_get_field (disclosure,
                                                                 ALCOVE_DISCLOSURE_BASIS));

  json_builder_set_member_name (builder, "entity");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  fhir_add_subject (export, "what");
  if (basis != NULL)
    fhir_add_string (builder, "name", basis->title);
  fhir_add_optional (builder, "description",
                     alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_DESCRIPTION));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

static void
add_audit_event (FhirExport       *export,
                 AlcoveDisclosure *disclosure)
{
  JsonBuilder *builder = export->builder;
  g_autofree char *url = fhir_begin_resource (export, "AuditEvent", FHIR_LABELS_RESTRICTED);
  g_autofree char *recorded = fhir_format_instant (alcove_disclosure_get_at_ms (disclosure));
  const char *purpose = alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_PURPOSE);
  const char *purpose_title = alcove_disclosure_purpose_get_title (purpose);

  json_builder_set_member_name (builder, "type");
  json_builder_begin_object (builder);
  fhir_add_string (builder, "system", FHIR_SYSTEM_LIFECYCLE);
  fhir_add_string (builder, "code", "disclose");
  fhir_add_string (builder, "display", "Disclose Record Lifecycle Event");
  json_builder_end_object (builder);
  fhir_add_string (builder, "action", "R");
  fhir_add_string (builder, "recorded", recorded);
  fhir_add_string (builder, "outcome", "0");
  json_builder_set_member_name (builder, "purposeOfEvent");
  json_builder_begin_array (builder);
  fhir_add_text_concept (builder, NULL, purpose_title ? purpose_title : purpose);
  json_builder_end_array (builder);
  add_disclosure_agents (export, disclosure);
  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  fhir_add_reference (builder, "observer", NULL, "Alcove");
  json_builder_end_object (builder);
  add_disclosure_entity (export, disclosure);
  fhir_end_resource (export);
  export->counts.n_audit_events++;
}

static gboolean
add_audit_events (FhirExport  *export,
                  GError     **error)
{
  g_autoptr(GPtrArray) log =
    alcove_disclosure_store_list_for_client (export->disclosures,
                                             alcove_client_get_id (export->client), error);

  if (log == NULL)
    return FALSE;
  for (guint i = 0; i < log->len; i++)
    add_audit_event (export, g_ptr_array_index (log, i));
  return TRUE;
}

/* ---- the bundle ---- */

static void
fhir_export_clear (FhirExport *export)
{
  g_clear_object (&export->builder);
  g_clear_pointer (&export->patient_url, g_free);
  g_clear_pointer (&export->condition_urls, g_hash_table_unref);
  g_clear_pointer (&export->session_urls, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FhirExport, fhir_export_clear)

static gboolean
add_entries (FhirExport  *export,
             GError     **error)
{
  add_patient (export);
  return fhir_add_encounters (export, error) &&
         fhir_add_conditions (export, error) &&
         fhir_add_care_plans (export, error) &&
         fhir_add_documents (export, error) &&
         fhir_add_attached_documents (export, error) &&
         add_consents (export, error) &&
         fhir_add_measures (export, error) &&
         add_audit_events (export, error);
}

static void
begin_bundle (JsonBuilder *builder)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = fhir_format_instant (g_get_real_time () / 1000);

  json_builder_begin_object (builder);
  fhir_add_string (builder, "resourceType", "Bundle");
  fhir_add_string (builder, "id", id);
  add_security_labels (builder, FHIR_LABELS_MENTAL_HEALTH);
  fhir_add_string (builder, "type", "collection");
  fhir_add_string (builder, "timestamp", now);
  json_builder_set_member_name (builder, "entry");
  json_builder_begin_array (builder);
}

/* Counts only: the audit log never holds what the record says */
static gboolean
audit_export (AlcoveVault             *vault,
              const char              *client_id,
              const AlcoveFhirCounts  *counts,
              GError                 **error)
{
  g_autofree char *details = NULL;
  char numbers[9][16];

  g_snprintf (numbers[0], sizeof numbers[0], "%u", counts->n_conditions);
  g_snprintf (numbers[1], sizeof numbers[1], "%u", counts->n_care_plans);
  g_snprintf (numbers[2], sizeof numbers[2], "%u", counts->n_documents);
  g_snprintf (numbers[3], sizeof numbers[3], "%u", counts->n_consents);
  g_snprintf (numbers[4], sizeof numbers[4], "%u", counts->n_questionnaire_responses);
  g_snprintf (numbers[5], sizeof numbers[5], "%u", counts->n_observations);
  g_snprintf (numbers[6], sizeof numbers[6], "%u", counts->n_audit_events);
  g_snprintf (numbers[7], sizeof numbers[7], "%u", counts->n_encounters);
  g_snprintf (numbers[8], sizeof numbers[8], "%u", counts->n_attachments);
  details = alcove_audit_details ("conditions", numbers[0], "care_plans", numbers[1],
                                  "documents", numbers[2], "consents", numbers[3],
                                  "questionnaire_responses", numbers[4],
                                  "observations", numbers[5], "audit_events", numbers[6],
                                  "encounters", numbers[7], "attachments", numbers[8],
                                  NULL);
  return alcove_audit_append (alcove_vault_get_audit (vault), ALCOVE_AUDIT_RECORD_EXPORT_FHIR,
                              client_id, details, NULL, error);
}

static GBytes *
generate (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;
  char *text;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, NULL);
  text = g_strconcat (data, "\n", NULL);
  return g_bytes_new_take (text, strlen (text));
}

GBytes *
alcove_fhir_export_client (AlcoveNoteStore        *notes,
                           AlcoveConsentStore     *consents,
                           AlcoveDisclosureStore  *disclosures,
                           const char             *client_id,
                           AlcoveFhirCounts       *counts,
                           GError                **error)
{
  g_auto(FhirExport) export = { 0 };
  AlcoveVault *vault;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), NULL);
  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (consents), NULL);
  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE_STORE (disclosures), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  if (!check_may_export (notes, error))
    return NULL;
  export.client = alcove_client_store_lookup (alcove_note_store_get_clients (notes), client_id);
  if (export.client == NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                   _("There is no client with the id %s"), client_id);
      return NULL;
    }
  export.notes = notes;
  export.consents = consents;
  export.disclosures = disclosures;
  export.builder = json_builder_new ();
  export.condition_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  export.session_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  begin_bundle (export.builder);
  if (!add_entries (&export, error))
    return NULL;
  json_builder_end_array (export.builder);
  json_builder_end_object (export.builder);

  /* Audited before the bundle exists anywhere but here: no audit row, no export */
  vault = alcove_client_store_get_vault (alcove_note_store_get_clients (notes));
  if (!audit_export (vault, client_id, &export.counts, error))
    return NULL;
  if (counts != NULL)
    *counts = export.counts;
  return generate (export.builder);
}
