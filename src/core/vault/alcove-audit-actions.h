/* alcove-audit-actions.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The audit log's vocabulary, for whoever reads the log: what alcove-audit.h writes, without
 * its connection to the database. */

/* Actions. Details carry ids and counts only: never note text or client names. */
#define ALCOVE_AUDIT_VAULT_CREATE        "vault.create"
#define ALCOVE_AUDIT_VAULT_UNLOCK        "vault.unlock"
#define ALCOVE_AUDIT_VAULT_UNLOCK_FAILED "vault.unlock-failed"
#define ALCOVE_AUDIT_VAULT_LOCK          "vault.lock"
#define ALCOVE_AUDIT_VAULT_VERIFY        "vault.verify"
#define ALCOVE_AUDIT_VAULT_REKEY         "vault.rekey"
#define ALCOVE_AUDIT_VAULT_UPGRADE       "vault.upgrade"
#define ALCOVE_AUDIT_VAULT_RESTORE       "vault.restore"
#define ALCOVE_AUDIT_BACKUP_CREATE       "backup.create"
#define ALCOVE_AUDIT_USER_ADD            "user.add"
#define ALCOVE_AUDIT_USER_DISABLE        "user.disable"
#define ALCOVE_AUDIT_USER_PASSWORD       "user.password-change"
#define ALCOVE_AUDIT_USER_SUPERVISION    "user.supervision-grant"
#define ALCOVE_AUDIT_USER_UNSUPERVISE    "user.supervision-end"
#define ALCOVE_AUDIT_USER_ROLE           "user.role-change"
#define ALCOVE_AUDIT_USER_ENABLE         "user.enable"
#define ALCOVE_AUDIT_USER_FIRST_SIGN_IN  "user.first-sign-in"
#define ALCOVE_AUDIT_KEYRING_ADD         "keyring.add"
#define ALCOVE_AUDIT_KEYRING_REMOVE      "keyring.remove"
#define ALCOVE_AUDIT_RECOVERY_USE        "recovery.use"
#define ALCOVE_AUDIT_RECOVERY_REPLACE    "recovery.replace"
#define ALCOVE_AUDIT_CLIENT_VIEW         "client.view"
#define ALCOVE_AUDIT_CLIENT_CREATE       "client.create"
#define ALCOVE_AUDIT_CLIENT_UPDATE       "client.update"
#define ALCOVE_AUDIT_SESSION_SAVE        "session.save"
#define ALCOVE_AUDIT_SESSION_UPDATE      "session.update"
#define ALCOVE_AUDIT_SESSION_CANCEL      "session.cancel"
#define ALCOVE_AUDIT_SESSION_NO_SHOW     "session.no-show"
#define ALCOVE_AUDIT_SESSION_DELETE      "session.delete"
#define ALCOVE_AUDIT_NOTE_VIEW           "note.view"
#define ALCOVE_AUDIT_NOTE_CREATE         "note.create"
#define ALCOVE_AUDIT_NOTE_EDIT           "note.edit"
#define ALCOVE_AUDIT_NOTE_DELETE_DRAFT   "note.delete-draft"
#define ALCOVE_AUDIT_NOTE_SIGN           "note.sign"
#define ALCOVE_AUDIT_NOTE_ADDENDUM       "note.addendum"
#define ALCOVE_AUDIT_NOTE_COSIGN         "note.cosign"
#define ALCOVE_AUDIT_NOTE_RETURN         "note.return"
#define ALCOVE_AUDIT_NOTE_COPY           "note.copy"
#define ALCOVE_AUDIT_NOTE_CONFIRM_COPIED "note.confirm-copied"
#define ALCOVE_AUDIT_NOTE_TAMPERED       "note.hash-mismatch"
#define ALCOVE_AUDIT_NOTE_PRINT          "note.print"
#define ALCOVE_AUDIT_RECORD_PRINT        "record.print"
/* one client's record as a FHIR bundle: the object is the client id, details are counts */
#define ALCOVE_AUDIT_RECORD_EXPORT_FHIR  "record.export-fhir"
#define ALCOVE_AUDIT_MEASURE_ADMINISTER  "measure.administer"
#define ALCOVE_AUDIT_EVENT_ADD           "event.add"
#define ALCOVE_AUDIT_EXPORT              "vault.export"
#define ALCOVE_AUDIT_IMPORT              "vault.import"
/* the whole practice as a ZIP of CSV files, and read back: details are counts, never a path */
#define ALCOVE_AUDIT_PRACTICE_EXPORT     "practice.export"
#define ALCOVE_AUDIT_PRACTICE_IMPORT     "practice.import"
#define ALCOVE_AUDIT_DOCUMENT_ADD        "document.add"
#define ALCOVE_AUDIT_DOCUMENT_VIEW       "document.view"
/* a client's document: the object is the document id, details the client id */
#define ALCOVE_AUDIT_DOCUMENT_RELABEL    "document.relabel"
#define ALCOVE_AUDIT_DOCUMENT_TAMPERED   "document.hash-mismatch"
/* the problem list (codes only) and treatment plans */
#define ALCOVE_AUDIT_DIAGNOSIS_ADD       "diagnosis.add"
#define ALCOVE_AUDIT_DIAGNOSIS_UPDATE    "diagnosis.update"
#define ALCOVE_AUDIT_DIAGNOSIS_REMOVE    "diagnosis.remove"
#define ALCOVE_AUDIT_PLAN_CREATE         "plan.create"
#define ALCOVE_AUDIT_PLAN_EDIT           "plan.edit"
#define ALCOVE_AUDIT_PLAN_SIGN           "plan.sign"
#define ALCOVE_AUDIT_PLAN_VIEW           "plan.view"
#define ALCOVE_AUDIT_PLAN_DELETE_DRAFT   "plan.delete-draft"
#define ALCOVE_AUDIT_PLAN_PRINT          "plan.print"
#define ALCOVE_AUDIT_PLAN_TAMPERED       "plan.hash-mismatch"
#define ALCOVE_AUDIT_PRACTICE_SETTING    "practice.setting"
/* the practice's own note formats: the object is "<id>@<version>" */
#define ALCOVE_AUDIT_FORMAT_SAVE         "format.save"
#define ALCOVE_AUDIT_FORMAT_RETIRE       "format.retire"
#define ALCOVE_AUDIT_FORMAT_REJECTED     "format.signature-mismatch"
/* consents and disclosures */
#define ALCOVE_AUDIT_CONSENT_CREATE       "consent.create"
#define ALCOVE_AUDIT_CONSENT_UPDATE       "consent.update"
#define ALCOVE_AUDIT_CONSENT_ACTIVATE     "consent.activate"
#define ALCOVE_AUDIT_CONSENT_REVOKE       "consent.revoke"
#define ALCOVE_AUDIT_CONSENT_DELETE_DRAFT "consent.delete-draft"
#define ALCOVE_AUDIT_CONSENT_PRINT        "consent.print"

#define ALCOVE_AUDIT_DISCLOSURE_RECORD   "disclosure.record"
#define ALCOVE_AUDIT_DISCLOSURE_PRINT    "disclosure.print"
/* checklist and registers */
#define ALCOVE_AUDIT_REGISTER_POLICY     "register.policy"
#define ALCOVE_AUDIT_REGISTER_VENDOR     "register.vendor"
#define ALCOVE_AUDIT_REGISTER_DEVICE     "register.device"
#define ALCOVE_AUDIT_REGISTER_TRAINING   "register.training"
#define ALCOVE_AUDIT_CHECKLIST_ATTEST    "checklist.attest"
#define ALCOVE_AUDIT_ATTESTATION_REJECTED "checklist.attest-signature-mismatch"
/* audit review, breach register, retention */
#define ALCOVE_AUDIT_AUDIT_VERIFY        "audit.verify"
#define ALCOVE_AUDIT_AUDIT_EXPORT        "audit.export"
#define ALCOVE_AUDIT_AUDIT_REVIEW        "audit.review"
#define ALCOVE_AUDIT_INCIDENT_CREATE     "incident.create"
#define ALCOVE_AUDIT_INCIDENT_UPDATE     "incident.update"
#define ALCOVE_AUDIT_INCIDENT_STEP       "incident.step"
#define ALCOVE_AUDIT_INCIDENT_LETTER     "incident.letter"
#define ALCOVE_AUDIT_RETENTION_POLICY    "retention.policy"
#define ALCOVE_AUDIT_POLICY_CHANGE       "policy.change"
/* emergency access: details carry the event's id, never the explanation typed */
#define ALCOVE_AUDIT_EMERGENCY_OPEN        "emergency.open"
#define ALCOVE_AUDIT_EMERGENCY_VIEW        "emergency.view"
#define ALCOVE_AUDIT_EMERGENCY_END         "emergency.end"
#define ALCOVE_AUDIT_EMERGENCY_REVIEW      "emergency.review"
#define ALCOVE_AUDIT_EMERGENCY_ACKNOWLEDGE "emergency.acknowledge"
#define ALCOVE_AUDIT_RECORD_DISPOSE      "record.dispose"
/* the records custodian: its change is a practice.setting; details carry nothing */
#define ALCOVE_AUDIT_CUSTODIAN_REJECTED  "custodian.signature-mismatch"
#define ALCOVE_AUDIT_CUSTODIAN_LETTER    "custodian.letter"

/* Called now and then while the chain is checked; return FALSE to stop */
typedef gboolean (*AlcoveAuditProgressFunc) (gint64   done,
                                             gint64   total,
                                             gpointer user_data);

G_END_DECLS
