/* test-fhir.c — a client's record as a FHIR R4 Bundle: what it holds, what it never holds,
 * who may make it, its audit, and that the `fhir` package (tests/fhir) finds it valid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-fhir"

#include "config.h"

#include <json-glib/json-glib.h>
#include <sys/wait.h>

#include "alcove-audit-actions.h"
#include "alcove-client-documents.h"
#include "alcove-consent-store.h"
#include "alcove-diagnosis-store.h"
#include "alcove-disclosure-rules.h"
#include "alcove-disclosure-store.h"
#include "alcove-fhir-export.h"
#include "alcove-measure-store.h"
#include "alcove-plan-store.h"
#include "alcove-test-utils.h"

#define LEGAL_NAME      "Zephyrine Quillfeather"
#define PREFERRED_NAME  "Zeph"
#define NOTE_MARK       "SIGNED-NOTE-MARK-kestrel"
#define ADDENDUM_MARK   "ADDENDUM-MARK-heron"
#define DRAFT_MARK      "DRAFT-NOTE-MARK-osprey"
#define PRIVATE_MARK    "PSYCHOTHERAPY-NOTE-MARK-plover"
#define DRAFT_PLAN_MARK "DRAFT-PLAN-MARK-wren"
#define REASON_MARK     "MISSED-REASON-MARK-finch"
#define RECIPIENT       "Dr. Quillon Marchbanks"

typedef struct
{
  char              *dir;
  AlcoveVault       *vault;
  AlcoveClientStore *clients;
  AlcoveNoteStore   *notes;
  char              *client_id;
} Fixture;

static void
fixture_clear (Fixture *f)
{
  alcove_test_close_stores (&f->vault, &f->clients, &f->notes);
  g_clear_pointer (&f->client_id, g_free);
  g_clear_pointer (&f->dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static void
add_client (Fixture *f)
{
  g_autoptr(AlcoveClient) client = NULL;
  g_autoptr(GError) error = NULL;

  f->client_id = alcove_test_add_client (f->clients, PREFERRED_NAME);
  client = alcove_client_copy (alcove_client_store_lookup (f->clients, f->client_id));
  alcove_client_set_field (client, ALCOVE_CLIENT_LEGAL_NAME, LEGAL_NAME);
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1990-04-12");
  alcove_client_set_field (client, ALCOVE_CLIENT_PHONE, "555-0142");
  alcove_client_set_field (client, ALCOVE_CLIENT_EMAIL, "zeph@example.org");
  alcove_client_set_field (client, ALCOVE_CLIENT_ADDRESS, "3 Linden Row, Springfield");
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);
}

static char *
add_diagnosis (Fixture *f)
{
  g_autoptr(AlcoveDiagnosisStore) store = alcove_diagnosis_store_new (f->clients);
  g_autoptr(AlcoveDiagnosis) diagnosis = alcove_diagnosis_new (f->client_id);
  g_autoptr(GError) error = NULL;

  alcove_diagnosis_set_code (diagnosis, "F32.1");
  alcove_diagnosis_set_rank (diagnosis, ALCOVE_DIAGNOSIS_PRIMARY);
  alcove_diagnosis_set_onset (diagnosis, "2026-01-05");
  g_assert_true (alcove_diagnosis_store_save (store, diagnosis, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_diagnosis_get_id (diagnosis));
}

/* A signed plan, then a draft of its next version that must not be exported */
static void
add_plan (Fixture    *f,
          const char *diagnosis_id)
{
  g_autoptr(AlcovePlanStore) store = alcove_plan_store_new (f->notes);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcovePlan) plan = alcove_plan_store_create (store, f->client_id, &error);
  g_autoptr(AlcovePlan) next = NULL;
  g_autofree char *today = alcove_date_today_iso ();
  AlcovePlanProblem *problem;
  AlcovePlanGoal *goal;

  g_assert_no_error (error);
  problem = alcove_plan_add_problem (plan, "Low mood and withdrawal");
  goal = alcove_plan_add_goal (plan, problem->id, "Return to daily routines");
  g_assert_true (alcove_plan_link_diagnosis (plan, problem->id, diagnosis_id, "F32.1", TRUE));
  alcove_plan_add_objective (plan, goal->id, "Walk outside three times a week", "2099-03-01");
  alcove_plan_add_intervention (plan, problem->id, "Behavioural activation, weekly");
  alcove_plan_set_participation (plan, today, NULL);
  g_assert_true (alcove_plan_store_sign (store, plan, &error));
  g_assert_no_error (error);

  next = alcove_plan_store_revise (store, plan, &error);
  g_assert_no_error (error);
  alcove_plan_add_problem (next, DRAFT_PLAN_MARK);
  g_assert_true (alcove_plan_store_save (store, next, &error));
  g_assert_no_error (error);
}

static void
add_notes (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_id = alcove_test_write_note (f->notes, f->client_id, "soap",
                                                       NOTE_MARK, TRUE);
  g_autofree char *draft_id = alcove_test_write_note (f->notes, f->client_id, "soap",
                                                      DRAFT_MARK, FALSE);
  g_autofree char *private_id = alcove_test_write_note (f->notes, f->client_id, "process",
                                                        PRIVATE_MARK, TRUE);
  g_autoptr(AlcoveNote) note = alcove_note_store_open (f->notes, signed_id, &error);

  g_assert_no_error (error);
  g_assert_true (alcove_note_store_add_addendum (f->notes, note, ADDENDUM_MARK, &error));
  g_assert_no_error (error);
}

/* Beside the sessions the notes were written of: one by video, and one missed */
static void
add_sessions (Fixture *f)
{
  g_autoptr(AlcoveSession) video = alcove_session_new ();
  g_autoptr(AlcoveSession) missed = alcove_session_new ();
  g_autoptr(GError) error = NULL;

  alcove_session_set_field (video, ALCOVE_SESSION_CLIENT_ID, f->client_id);
  alcove_session_set_field (video, ALCOVE_SESSION_DATE, "2026-11-23");
  alcove_session_set_field (video, ALCOVE_SESSION_START_TIME, "09:15");
  alcove_session_set_field (video, ALCOVE_SESSION_SERVICE_CODE, "90834");
  alcove_session_set_duration (video, 50);
  alcove_session_set_modality (video, ALCOVE_MODALITY_TELEHEALTH);
  alcove_session_set_field (video, ALCOVE_SESSION_PLATFORM, "Clinic video room");
  alcove_session_set_status (video, ALCOVE_SESSION_ATTENDED);
  g_assert_true (alcove_client_store_save_session (f->clients, video, &error));
  g_assert_no_error (error);

  alcove_session_set_field (missed, ALCOVE_SESSION_CLIENT_ID, f->client_id);
  alcove_session_set_field (missed, ALCOVE_SESSION_DATE, "2026-11-16");
  alcove_session_set_status (missed, ALCOVE_SESSION_NO_SHOW);
  alcove_session_set_status_reason (missed, "Overslept " REASON_MARK);
  g_assert_true (alcove_client_store_save_session (f->clients, missed, &error));
  g_assert_no_error (error);
}

/* A scanned form from before Alcove: a PNG's first bytes are enough to attach it */
static const guint8 scanned_form[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                       0, 0, 0, 13, 'I', 'H', 'D', 'R' };

static void
add_attached_document (Fixture *f)
{
  g_autoptr(GBytes) contents = g_bytes_new_static (scanned_form, sizeof scanned_form);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = alcove_client_documents_attach (f->vault, f->client_id, contents,
                                                        "intake.png", "Intake form, 2019",
                                                        ALCOVE_DOCUMENT_FORM, "2019-04-03",
                                                        &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static void
add_measure (Fixture *f)
{
  g_autoptr(AlcoveMeasureStore) store = alcove_measure_store_new (f->notes);
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(AlcoveMeasureAdministration) given = NULL;
  g_autoptr(GError) error = NULL;

  /* stored as score + 1: a total of 9 with item 9 at 0 */
  for (int i = 1; i <= 9; i++)
    g_hash_table_insert (answers, g_strdup_printf ("phq9_%d", i),
                         GINT_TO_POINTER (i <= 3 ? 4 : 1));
  given = alcove_measure_store_administer (store, f->client_id, "phq9", "2026-11-30", "",
                                           answers, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (given);
}

static void
add_consent_and_disclosure (Fixture *f)
{
  g_autofree char *expires = alcove_test_day_from_today (365);
  g_autoptr(AlcoveConsent) consent = alcove_test_add_release (f->vault, f->client_id, RECIPIENT,
                                                              "attendance", "legal",
                                                              "2026-01-02", expires);
  g_autoptr(AlcoveDisclosureStore) store = alcove_disclosure_store_new (f->vault, NULL);
  g_autoptr(AlcoveDisclosure) disclosure = NULL;
  g_autoptr(GDate) day = g_date_new ();
  g_autoptr(GError) error = NULL;
  const char *categories[] = { "attendance", NULL };
  AlcoveDisclosureRequest request = {
    .client_id = f->client_id, .recipient = RECIPIENT, .recipient_kind = "health-care-provider",
    .attested = TRUE, .categories = categories, .purpose = "legal",
    .basis = ALCOVE_BASIS_AUTHORIZATION, .justification = "", .document_id = "", .day = day };

  g_date_set_time_t (day, time (NULL));
  disclosure = alcove_disclosure_store_share (store, &request, "", "Dates of attendance",
                                              &error);
  g_assert_no_error (error);
  g_assert_nonnull (disclosure);
}

/* Owner "dana" with one client holding one of everything the export reads */
static void
fixture_fill (Fixture *f)
{
  g_autofree char *diagnosis_id = NULL;

  f->vault = alcove_test_fresh_vault (&f->dir);
  alcove_test_open_stores (f->vault, &f->clients, &f->notes);
  add_client (f);
  diagnosis_id = add_diagnosis (f);
  add_plan (f, diagnosis_id);
  add_notes (f);
  add_sessions (f);
  add_attached_document (f);
  add_measure (f);
  add_consent_and_disclosure (f);
}

static GBytes *
export (Fixture           *f,
        AlcoveFhirCounts  *counts,
        GError           **error)
{
  g_autoptr(AlcoveConsentStore) consents = alcove_consent_store_new (f->vault, NULL);
  g_autoptr(AlcoveDisclosureStore) disclosures = alcove_disclosure_store_new (f->vault, NULL);

  return alcove_fhir_export_client (f->notes, consents, disclosures, f->client_id, counts,
                                    error);
}

static JsonObject *
parse_bundle (GBytes     *bytes,
              JsonNode  **root)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  *root = json_from_string (data, &error);
  g_assert_no_error (error);
  return json_node_get_object (*root);
}

static JsonObject *
object_at (JsonArray *array,
           guint      index)
{
  return json_array_get_object_element (array, index);
}

static JsonObject *
resource_at (JsonArray *entries,
             guint      index)
{
  return json_object_get_object_member (object_at (entries, index), "resource");
}

static guint
count_of (JsonArray  *entries,
          const char *type)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = resource_at (entries, i);

      if (g_str_equal (json_object_get_string_member (resource, "resourceType"), type))
        n++;
    }
  return n;
}

static JsonObject *
first_of (JsonArray  *entries,
          const char *type)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = resource_at (entries, i);

      if (g_str_equal (json_object_get_string_member (resource, "resourceType"), type))
        return resource;
    }
  g_error ("The bundle has no %s", type);
  return NULL;
}

static gboolean
has_label (JsonObject *resource,
           const char *system,
           const char *code)
{
  JsonArray *labels = json_object_get_array_member (json_object_get_object_member (resource,
                                                                                    "meta"),
                                                    "security");

  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      JsonObject *coding = json_array_get_object_element (labels, i);

      if (g_str_equal (json_object_get_string_member (coding, "system"), system) &&
          g_str_equal (json_object_get_string_member (coding, "code"), code))
        return TRUE;
    }
  return FALSE;
}

static void
assert_absent (GBytes     *bytes,
               const char *text)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (g_strstr_len (data, size, text) != NULL)
    g_error ("The bundle holds “%s”", text);
}

/* Every entry: a urn:uuid: fullUrl naming its resource's id */
static void
assert_entries_identified (JsonArray *entries)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = object_at (entries, i);
      JsonObject *resource = json_object_get_object_member (entry, "resource");
      g_autofree char *url = g_strconcat ("urn:uuid:",
                                          json_object_get_string_member (resource, "id"), NULL);

      g_assert_cmpstr (json_object_get_string_member (entry, "fullUrl"), ==, url);
    }
}

static void
assert_document (JsonArray *entries)
{
  JsonObject *document = first_of (entries, "DocumentReference");
  JsonArray *content = json_object_get_array_member (document, "content");
  JsonObject *attachment = json_object_get_object_member (object_at (content, 0), "attachment");
  gsize length;
  g_autofree guchar *text = g_base64_decode (json_object_get_string_member (attachment, "data"),
                                             &length);
  g_autofree char *terminated = g_strndup ((const char *) text, length);

  g_assert_cmpstr (json_object_get_string_member (document, "docStatus"), ==, "amended");
  g_assert_cmpstr (json_object_get_string_member (document, "status"), ==, "current");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (attachment, "contentType"),
                                   "text/plain"));
  g_assert_nonnull (strstr (terminated, NOTE_MARK));
  g_assert_nonnull (strstr (terminated, ADDENDUM_MARK));
}

static JsonObject *
entry_of_url (JsonArray  *entries,
              const char *url)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    if (g_strcmp0 (json_object_get_string_member (object_at (entries, i), "fullUrl"), url) == 0)
      return resource_at (entries, i);
  return NULL;
}

static JsonObject *
encounter_on (JsonArray  *entries,
              const char *day)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = resource_at (entries, i);

      if (g_str_equal (json_object_get_string_member (resource, "resourceType"), "Encounter") &&
          g_str_has_prefix (json_object_get_string_member (
                              json_object_get_object_member (resource, "period"), "start"), day))
        return resource;
    }
  g_error ("no Encounter on %s", day);
}

/* The video session by its class, time and length; the missed one cancelled; the signed
 * note pointing at the session it was written of */
static void
assert_encounters (JsonArray *entries)
{
  JsonObject *video = encounter_on (entries, "2026-11-23");
  JsonObject *missed = encounter_on (entries, "2026-11-16");
  JsonObject *class = json_object_get_object_member (video, "class");
  JsonObject *length = json_object_get_object_member (video, "length");
  JsonObject *context = json_object_get_object_member (first_of (entries, "DocumentReference"),
                                                       "context");
  JsonArray *encounter = json_object_get_array_member (context, "encounter");
  JsonObject *written_of;

  g_assert_cmpstr (json_object_get_string_member (video, "status"), ==, "finished");
  g_assert_cmpstr (json_object_get_string_member (class, "code"), ==, "VR");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (
                                     json_object_get_object_member (video, "period"), "start"),
                                   "2026-11-23T09:15:00"));
  g_assert_cmpint (json_object_get_int_member (length, "value"), ==, 50);
  g_assert_cmpstr (json_object_get_string_member (length, "code"), ==, "min");
  g_assert_cmpstr (json_object_get_string_member (missed, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (missed, "class"), "code"), ==, "AMB");

  g_assert_cmpuint (json_array_get_length (encounter), ==, 1);
  written_of = entry_of_url (entries, json_object_get_string_member (object_at (encounter, 0),
                                                                     "reference"));
  g_assert_nonnull (written_of);
  g_assert_cmpstr (json_object_get_string_member (written_of, "resourceType"), ==, "Encounter");
}

/* The scanned form as attached: its bytes, type, label and the day it is from */
static void
assert_attached_document (JsonArray *entries)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = resource_at (entries, i);
      JsonObject *attachment;
      g_autofree guchar *data = NULL;
      gsize length;

      if (g_strcmp0 (json_object_get_string_member_with_default (resource, "description", ""),
                     "Intake form, 2019") != 0)
        continue;
      attachment = json_object_get_object_member (
        object_at (json_object_get_array_member (resource, "content"), 0), "attachment");
      g_assert_cmpstr (json_object_get_string_member (attachment, "contentType"), ==,
                       "image/png");
      g_assert_cmpstr (json_object_get_string_member (attachment, "creation"), ==, "2019-04-03");
      data = g_base64_decode (json_object_get_string_member (attachment, "data"), &length);
      g_assert_cmpmem (data, length, scanned_form, sizeof scanned_form);
      return;
    }
  g_error ("the scanned form is not in the bundle");
}

static void
assert_patient (JsonArray *entries)
{
  JsonObject *patient = first_of (entries, "Patient");
  JsonArray *names = json_object_get_array_member (patient, "name");

  g_assert_cmpstr (json_object_get_string_member (patient, "birthDate"), ==, "1990-04-12");
  g_assert_true (json_object_get_boolean_member (patient, "active"));
  g_assert_cmpuint (json_array_get_length (names), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object_at (names, 0), "use"), ==, "official");
  g_assert_cmpstr (json_object_get_string_member (object_at (names, 0), "text"), ==, LEGAL_NAME);
  g_assert_cmpstr (json_object_get_string_member (object_at (names, 1), "use"), ==, "usual");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (patient, "telecom")),
                    ==, 2);
}

static void
assert_condition (JsonArray *entries)
{
  JsonObject *condition = first_of (entries, "Condition");
  JsonObject *code = json_object_get_object_member (condition, "code");
  JsonObject *coding = object_at (json_object_get_array_member (code, "coding"), 0);

  g_assert_cmpstr (json_object_get_string_member (coding, "system"), ==,
                   "http://hl7.org/fhir/sid/icd-10-cm");
  g_assert_cmpstr (json_object_get_string_member (coding, "code"), ==, "F32.1");
  g_assert_cmpstr (json_object_get_string_member (condition, "onsetDateTime"), ==, "2026-01-05");
}

static void
assert_labels (JsonArray *entries)
{
  const char *mental_health[] = { "Condition", "CarePlan", "DocumentReference",
                                  "QuestionnaireResponse", "Observation", NULL };

  for (guint i = 0; mental_health[i] != NULL; i++)
    {
      JsonObject *resource = first_of (entries, mental_health[i]);

      g_assert_true (has_label (resource,
                                "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R"));
      g_assert_true (has_label (resource, "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                                "PSY"));
    }
  g_assert_true (has_label (first_of (entries, "Patient"),
                            "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R"));
}

/* The validator, run as the suite's CI runs it; a machine without node fails, never skips */
static gboolean
run_validator (const char  *file,
               char       **output)
{
  const char *folder = g_getenv ("ALCOVE_FHIR_VALIDATOR_DIR");
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *script = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (node == NULL)
    g_error ("node is not installed: the FHIR validation needs Debian's nodejs and npm "
             "packages and `npm ci` in tests/fhir (tools/setup.sh installs them)");
  g_assert_nonnull (folder);
  script = g_build_filename (folder, "validate.js", NULL);
  {
    const char *argv[] = { node, script, file, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
  }
  g_assert_no_error (error);
  *output = g_strconcat (out, err, NULL);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 2)
    g_error ("The validator could not run: %s", *output);
  return g_spawn_check_wait_status (status, NULL);
}

static char *
write_file (const char *name,
            const char *data,
            gsize       size)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, data, size, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_bundle (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveFhirCounts counts = { 0 };
  JsonObject *bundle;
  JsonArray *entries;

  fixture_fill (&f);
  bytes = export (&f, &counts, &error);
  g_assert_no_error (error);
  bundle = parse_bundle (bytes, &root);
  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  g_assert_cmpstr (json_object_get_string_member (bundle, "type"), ==, "collection");
  entries = json_object_get_array_member (bundle, "entry");
  assert_entries_identified (entries);

  g_assert_cmpuint (count_of (entries, "Patient"), ==, 1);
  g_assert_cmpuint (count_of (entries, "Condition"), ==, 1);
  g_assert_cmpuint (count_of (entries, "CarePlan"), ==, 1);
  /* the signed note, and the scanned form */
  g_assert_cmpuint (count_of (entries, "DocumentReference"), ==, 2);
  g_assert_cmpuint (count_of (entries, "Consent"), ==, 1);
  g_assert_cmpuint (count_of (entries, "QuestionnaireResponse"), ==, 1);
  g_assert_cmpuint (count_of (entries, "Observation"), ==, 1);
  g_assert_cmpuint (count_of (entries, "AuditEvent"), ==, 1);
  /* the signed note's session, the draft's, the video session and the missed one */
  g_assert_cmpuint (count_of (entries, "Encounter"), ==, 4);
  g_assert_cmpuint (json_array_get_length (entries), ==, 13);
  g_assert_cmpuint (counts.n_encounters, ==, 4);
  g_assert_cmpuint (counts.n_attachments, ==, 1);
  g_assert_cmpuint (counts.n_documents, ==, 1);
  g_assert_cmpuint (counts.n_audit_events, ==, 1);
  g_assert_cmpint (json_object_get_int_member (first_of (entries, "Observation"), "valueInteger"),
                   ==, 9);

  assert_patient (entries);
  assert_condition (entries);
  assert_document (entries);
  assert_encounters (entries);
  assert_attached_document (entries);
  assert_labels (entries);
  assert_absent (bytes, PRIVATE_MARK);
  assert_absent (bytes, DRAFT_MARK);
  assert_absent (bytes, DRAFT_PLAN_MARK);
  assert_absent (bytes, REASON_MARK);
  g_assert_cmpint (alcove_test_count_audit (f.vault, ALCOVE_AUDIT_RECORD_EXPORT_FHIR,
                                            f.client_id), ==, 1);
  /* counts only in the audit row: no name of the client, no words of the record */
  g_assert_cmpint (alcove_test_query_int (f.vault, "SELECT count(*) FROM audit_log WHERE "
                                          "details LIKE '%%Zeph%%' OR details LIKE '%%MARK%%'"),
                   ==, 0);
}

static void
test_valid (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *output = NULL;
  gsize size;
  const char *data;

  fixture_fill (&f);
  bytes = export (&f, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  path = write_file ("bundle.json", data, size);
  if (!run_validator (path, &output))
    g_error ("The fhir package finds the bundle invalid:\n%s", output);
}

/* So that a validator that passes everything cannot pass this suite */
static void
test_validator_rejects (void)
{
  const char broken[] =
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [{\"fullUrl\": "
    "\"urn:uuid:2f0b7d4e-8a51-4c59-9f0e-3e0d3c1b6a77\", \"resource\": {\"resourceType\": "
    "\"DocumentReference\", \"id\": \"2f0b7d4e-8a51-4c59-9f0e-3e0d3c1b6a77\", \"docStatus\": "
    "\"final\", \"signedBy\": \"nobody\"}}]}";
  g_autofree char *path = write_file ("broken.json", broken, sizeof broken - 1);
  g_autofree char *output = NULL;

  g_assert_false (run_validator (path, &output));
  /* for the right reasons: the missing status and content, the unknown member */
  g_assert_nonnull (strstr (output, "signedBy"));
  g_assert_nonnull (strstr (output, "content"));
}

static void
test_roles (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  fixture_fill (&f);
  alcove_test_add_user (f.vault, "pat", "Pat Lee", ALCOVE_ROLE_BILLING);
  alcove_test_add_user (f.vault, "fran", "Fran Oakes", ALCOVE_ROLE_FRONT_DESK);
  alcove_test_close_stores (&f.vault, &f.clients, &f.notes);

  for (guint i = 0; i < 2; i++)
    {
      f.vault = alcove_test_unlocked_vault (f.dir, i == 0 ? "pat" : "fran", TEST_OTHER_PASSWORD);
      alcove_test_open_stores (f.vault, &f.clients, &f.notes);
      bytes = export (&f, NULL, &error);
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
      g_assert_null (bytes);
      g_clear_error (&error);
      alcove_test_close_stores (&f.vault, &f.clients, &f.notes);
    }

  f.vault = alcove_test_unlocked_vault (f.dir, "dana", TEST_PASSWORD);
  alcove_test_open_stores (f.vault, &f.clients, &f.notes);
  g_assert_cmpint (alcove_test_count_audit (f.vault, ALCOVE_AUDIT_RECORD_EXPORT_FHIR,
                                            f.client_id), ==, 0);
  g_free (f.client_id);
  f.client_id = g_strdup ("no-such-client");
  bytes = export (&f, NULL, &error);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_assert_null (bytes);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/fhir/bundle", test_bundle);
  g_test_add_func ("/fhir/valid", test_valid);
  g_test_add_func ("/fhir/validator-rejects", test_validator_rejects);
  g_test_add_func ("/fhir/roles", test_roles);
  return g_test_run ();
}
