/* test-disclosure-rules.c — which consents and bases permit which disclosure, as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-disclosure-rules"

#include "config.h"

#include <string.h>

#include "alcove-disclosure-rules.h"
#include "alcove-error.h"
#include "alcove-test-utils.h"

#define CLIENT "client-a"
#define OTHER  "client-b"

/* The client's consents: one of each state an authorization can be in */
typedef struct
{
  const char *id;
  const char *client_id;
  const char *kind;
  const char *status;        /* stored: draft, active, revoked */
  const char *recipient;
  const char *information;
  const char *purpose;
  const char *signed_on;
  const char *valid_from;
  const char *expires_on;
  const char *revoked_on;
} ConsentRow;

static const ConsentRow consent_rows[] = {
  /* a release to Dr. Lee, the last valid day 2026-01-10 */
  { "lee", CLIENT, "release", "active", "Dr. Lee", "attendance;progress-notes;treatment-plan",
    "continuity-of-care;payment", "2025-01-10", "2025-01-10", "2026-01-10", "" },
  /* revoked, taking effect on 2025-06-01 */
  { "school", CLIENT, "release", "revoked", "Northside School", "attendance", "school-or-work",
    "2025-01-01", "2025-01-01", "", "2025-06-01" },
  /* in effect only from 2025-09-01 */
  { "insurer", CLIENT, "release", "active", "Harbor Insurance", "attendance;diagnosis",
    "payment", "2025-08-20", "2025-09-01", "2026-09-01", "" },
  { "draft", CLIENT, "release", "draft", "Dr. Patel", "progress-notes", "continuity-of-care",
    "", "", "", "" },
  /* psychotherapy notes to Dr. Lee: covers them and nothing else */
  { "lee-pn", CLIENT, "psychotherapy-notes", "active", "Dr. Lee", "progress-notes",
    "continuity-of-care", "2025-02-01", "2025-02-01", "2026-02-01", "" },
  /* another client's release, and a consent that is not an authorization */
  { "other", OTHER, "release", "active", "Dr. Other", "progress-notes;diagnosis",
    "continuity-of-care;legal", "2025-01-01", "2025-01-01", "", "" },
  { "intake", CLIENT, "intake", "active", "Dr. Intake", "progress-notes", "continuity-of-care",
    "2025-01-01", "2025-01-01", "", "" },
};

static GPtrArray *
make_consents (void)
{
  GPtrArray *consents = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (consent_rows); i++)
    {
      const ConsentRow *row = &consent_rows[i];
      AlcoveConsent *consent = alcove_consent_new (row->client_id, row->kind);
      AlcoveConsentStatus status = ALCOVE_CONSENT_DRAFT;

      alcove_consent_set_id (consent, row->id);
      g_assert_true (alcove_consent_status_from_string (row->status, &status));
      alcove_consent_set_stored_status (consent, status);
      alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT, row->recipient);
      alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_INFORMATION, row->information);
      alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_PURPOSE, row->purpose);
      alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNED_ON, row->signed_on);
      alcove_consent_set_field (consent, ALCOVE_CONSENT_VALID_FROM, row->valid_from);
      alcove_consent_set_field (consent, ALCOVE_CONSENT_EXPIRES_ON, row->expires_on);
      alcove_consent_set_field (consent, ALCOVE_CONSENT_REVOKED_ON, row->revoked_on);
      g_ptr_array_add (consents, consent);
    }
  return consents;
}

typedef struct
{
  const char *name;
  const char *recipient;
  const char *categories;     /* ";"-separated, "" for none */
  gboolean    psychotherapy;
  const char *purpose;
  const char *basis;
  const char *justification;
  const char *document;
  const char *consent_id;     /* NULL: any authorization on file */
  const char *day;
  const char *covering;       /* allowed under this authorization; "" for another basis */
  int         code;           /* refused: the error code, and */
  const char *message;        /* the words the message must hold */
} Case;

#define DENIED  ALCOVE_VAULT_ERROR_PERMISSION_DENIED
#define INVALID ALCOVE_VAULT_ERROR_INVALID
#define ALLOW(id) id, 0, NULL

static const Case cases[] = {
  /* an active authorization covers its recipient, information and purpose */
  { "authorization/covers", "Dr. Lee", "progress-notes", FALSE, "continuity-of-care",
    "authorization", NULL, NULL, NULL, "2025-06-01", ALLOW ("lee") },
  { "authorization/recipient-case-and-space", "  dr. LEE ", "attendance;treatment-plan", FALSE,
    "payment", "authorization", NULL, NULL, NULL, "2025-06-01", ALLOW ("lee") },
  { "authorization/chosen", "Dr. Lee", "attendance", FALSE, "payment", "authorization", NULL,
    NULL, "lee", "2025-06-01", ALLOW ("lee") },
  /* expiry: expires_on is the last valid day */
  { "expiry/last-valid-day", "Dr. Lee", "progress-notes", FALSE, "continuity-of-care",
    "authorization", NULL, NULL, NULL, "2026-01-10", ALLOW ("lee") },
  { "expiry/day-after", "Dr. Lee", "progress-notes", FALSE, "continuity-of-care",
    "authorization", NULL, NULL, NULL, "2026-01-11", NULL, DENIED,
    "The authorization for Dr. Lee of 10 January 2025 expired on 10 January 2026." },
  { "pending/day-before", "Harbor Insurance", "attendance", FALSE, "payment", "authorization",
    NULL, NULL, NULL, "2025-08-31", NULL, DENIED,
    "The authorization for Harbor Insurance of 20 August 2025 does not take effect until 1 September 2025." },
  { "pending/first-day", "Harbor Insurance", "attendance;diagnosis", FALSE, "payment",
    "authorization", NULL, NULL, NULL, "2025-09-01", ALLOW ("insurer") },
  { "draft", "Dr. Patel", "progress-notes", FALSE, "continuity-of-care", "authorization", NULL,
    NULL, NULL, "2025-06-01", NULL, DENIED, "Dr. Patel is a draft" },
  /* revocation takes effect on revoked_on */
  { "revoked/day-before", "Northside School", "attendance", FALSE, "school-or-work",
    "authorization", NULL, NULL, NULL, "2025-05-31", ALLOW ("school") },
  { "revoked/on-the-day", "Northside School", "attendance", FALSE, "school-or-work",
    "authorization", NULL, NULL, NULL, "2025-06-01", NULL, DENIED,
    "The authorization for Northside School of 1 January 2025 was revoked on 1 June 2025." },
  { "revoked/later", "Northside School", "attendance", FALSE, "school-or-work",
    "authorization", NULL, NULL, NULL, "2025-12-24", NULL, DENIED, "was revoked on 1 June 2025" },
  /* coverage */
  { "recipient/mismatch", "Dr. Smith", "progress-notes", FALSE, "continuity-of-care",
    "authorization", NULL, NULL, NULL, "2025-06-01", NULL, DENIED,
    "No authorization on file names Dr. Smith" },
  { "recipient/mismatch-chosen", "Dr. Smith", "progress-notes", FALSE, "continuity-of-care",
    "authorization", NULL, NULL, "lee", "2025-06-01", NULL, DENIED,
    "The authorization for Dr. Lee of 10 January 2025 names another recipient, not Dr. Smith." },
  { "recipient/other-clients-authorization", "Dr. Other", "progress-notes", FALSE,
    "continuity-of-care", "authorization", NULL, NULL, NULL, "2025-06-01", NULL, DENIED,
    "No authorization on file names Dr. Other" },
  { "recipient/intake-is-no-authorization", "Dr. Intake", "progress-notes", FALSE,
    "continuity-of-care", "authorization", NULL, NULL, NULL, "2025-06-01", NULL, DENIED,
    "No authorization on file names Dr. Intake" },
  { "category/not-covered", "Dr. Lee", "progress-notes;diagnosis", FALSE, "continuity-of-care",
    "authorization", NULL, NULL, NULL, "2025-06-01", NULL, DENIED,
    "The authorization for Dr. Lee of 10 January 2025 does not cover “Diagnosis”." },
  { "purpose/not-covered", "Dr. Lee", "progress-notes", FALSE, "legal", "authorization", NULL,
    NULL, NULL, "2025-06-01", NULL, DENIED,
    "The authorization for Dr. Lee of 10 January 2025 is for Continuity of care, Payment, not Legal proceedings." },
  /* the most telling failure is reported: Dr. Lee's release is expired, not "another recipient" */
  { "refusal/most-telling", "Dr. Lee", "progress-notes", FALSE, "continuity-of-care",
    "authorization", NULL, NULL, NULL, "2027-01-01", NULL, DENIED, "expired on" },
  /* psychotherapy notes */
  { "psychotherapy/with-release", "Dr. Lee", "", TRUE, "continuity-of-care", "authorization",
    NULL, NULL, "lee", "2025-06-01", NULL, DENIED,
    "Psychotherapy notes need their own authorization" },
  { "psychotherapy/with-own-authorization", "Dr. Lee", "", TRUE, "continuity-of-care",
    "authorization", NULL, NULL, NULL, "2025-06-01", ALLOW ("lee-pn") },
  { "psychotherapy/authorization-for-progress-notes", "Dr. Lee", "progress-notes", FALSE,
    "continuity-of-care", "authorization", NULL, NULL, "lee-pn", "2025-06-01", NULL, DENIED,
    "covers psychotherapy notes only, not “Progress notes”" },
  { "psychotherapy/not-combinable", "Dr. Lee", "progress-notes", TRUE, "continuity-of-care",
    "authorization", NULL, NULL, "lee-pn", "2025-06-01", NULL, DENIED,
    "cannot be combined with other information" },
  { "psychotherapy/not-combinable-any", "Dr. Lee", "progress-notes", TRUE,
    "continuity-of-care", "authorization", NULL, NULL, NULL, "2025-06-01", NULL, DENIED,
    "cannot be combined with other information" },
  /* only the release to Dr. Lee is in effect yet: the psychotherapy-notes one explains */
  { "psychotherapy/own-authorization-pending", "Dr. Lee", "", TRUE, "continuity-of-care",
    "authorization", NULL, NULL, NULL, "2025-01-20", NULL, DENIED,
    "The authorization for Dr. Lee of 1 February 2025 does not take effect until 1 February 2025." },
  /* the release expired; the psychotherapy-notes one is still in effect but the wrong kind */
  { "refusal/right-kind-first", "Dr. Lee", "progress-notes", FALSE, "continuity-of-care",
    "authorization", NULL, NULL, NULL, "2026-01-20", NULL, DENIED,
    "The authorization for Dr. Lee of 10 January 2025 expired on 10 January 2026." },
  { "psychotherapy/authorization-expired", "Dr. Lee", "", TRUE, "continuity-of-care",
    "authorization", NULL, NULL, "lee-pn", "2026-02-02", NULL, DENIED,
    "The authorization for Dr. Lee of 1 February 2025 expired on 1 February 2026." },
  /* no authorization at all */
  { "authorization/unknown-chosen", "Dr. Lee", "progress-notes", FALSE, "continuity-of-care",
    "authorization", NULL, NULL, "other", "2025-06-01", NULL, DENIED,
    "The chosen authorization is not on file" },
  /* the other bases, with and without what they need */
  { "treatment", "Dr. Ng", "progress-notes", FALSE, "continuity-of-care", "treatment", NULL,
    NULL, NULL, "2025-06-01", ALLOW ("") },
  { "treatment/psychotherapy", "Dr. Ng", "", TRUE, "continuity-of-care", "treatment", NULL,
    NULL, NULL, "2025-06-01", NULL, DENIED, "Psychotherapy notes need their own authorization" },
  { "payment", "Harbor Insurance", "attendance;diagnosis", FALSE, "payment", "payment", NULL,
    NULL, NULL, "2025-06-01", ALLOW ("") },
  { "operations", "Quality Review Ltd", "attendance;diagnosis", FALSE, "other", "operations",
    NULL, NULL, NULL, "2025-06-01", ALLOW ("") },
  /* only what is necessary, under payment and operations (164.502(b)) */
  { "payment/progress-notes", "Harbor Insurance", "attendance;progress-notes", FALSE, "payment",
    "payment", NULL, NULL, NULL, "2025-06-01", NULL, DENIED,
    "share only what the recipient needs: Dates of attendance; Diagnosis; Treatment plan; "
    "Assessment results. “Progress notes” needs the client’s authorization." },
  { "operations/discharge-summary", "Quality Review Ltd", "discharge-summary", FALSE, "other",
    "operations", NULL, NULL, NULL, "2025-06-01", NULL, DENIED, "“Discharge summary” needs" },
  { "client-request", "The client", "progress-notes;diagnosis", FALSE, "client-request",
    "client-request", NULL, NULL, NULL, "2025-06-01", ALLOW ("") },
  { "client-request/psychotherapy", "The client", "", TRUE, "client-request", "client-request",
    NULL, NULL, NULL, "2025-06-01", NULL, DENIED,
    "Psychotherapy notes need their own authorization" },
  { "court-order/without-document", "County Court", "progress-notes", FALSE, "legal",
    "court-order", "Order 24-117", NULL, NULL, "2025-06-01", NULL, INVALID,
    "Attach the document" },
  { "court-order/without-justification", "County Court", "progress-notes", FALSE, "legal",
    "court-order", NULL, "doc-1", NULL, "2025-06-01", NULL, INVALID, "Say why" },
  { "court-order/blank-justification", "County Court", "progress-notes", FALSE, "legal",
    "court-order", "   ", "doc-1", NULL, "2025-06-01", NULL, INVALID, "Say why" },
  { "court-order", "County Court", "progress-notes", FALSE, "legal", "court-order",
    "Order 24-117", "doc-1", NULL, "2025-06-01", ALLOW ("") },
  { "court-order/psychotherapy", "County Court", "", TRUE, "legal", "court-order",
    "Order 24-117", "doc-1", NULL, "2025-06-01", NULL, DENIED,
    "Psychotherapy notes need their own authorization" },
  { "duty-to-warn/without-justification", "City Police", "progress-notes", FALSE, "other",
    "duty-to-warn", NULL, NULL, NULL, "2025-06-01", NULL, INVALID, "Say why" },
  { "duty-to-warn", "City Police", "progress-notes", FALSE, "other", "duty-to-warn",
    "Stated plan to harm a named person", NULL, NULL, "2025-06-01", ALLOW ("") },
  { "duty-to-warn/psychotherapy", "City Police", "", TRUE, "other", "duty-to-warn",
    "Stated plan to harm a named person", NULL, NULL, "2025-06-01", ALLOW ("") },
  { "mandatory-report/without-justification", "Child Protective Services", "attendance", FALSE,
    "other", "mandatory-report", "", NULL, NULL, "2025-06-01", NULL, INVALID, "Say why" },
  { "mandatory-report", "Child Protective Services", "attendance", FALSE, "other",
    "mandatory-report", "Suspected neglect", NULL, NULL, "2025-06-01", ALLOW ("") },
  { "mandatory-report/psychotherapy", "Child Protective Services", "", TRUE, "other",
    "mandatory-report", "Suspected neglect", NULL, NULL, "2025-06-01", NULL, DENIED,
    "Psychotherapy notes need their own authorization" },
  { "required-by-law/without-justification", "State Registry", "diagnosis", FALSE, "other",
    "required-by-law", NULL, NULL, NULL, "2025-06-01", NULL, INVALID, "Say why" },
  { "required-by-law/psychotherapy", "State Registry", "", TRUE, "other", "required-by-law",
    "Statute 12.4", NULL, NULL, "2025-06-01", ALLOW ("") },
  /* the psychotherapy-notes exceptions of 164.508(a)(2) */
  { "exception/training-without-notes", "Training Programme", "progress-notes", FALSE, "other",
    "originator-treatment-training", "Supervised trainee", NULL, NULL, "2025-06-01", NULL,
    INVALID, "applies to psychotherapy notes only" },
  { "exception/training", "Training Programme", "", TRUE, "other",
    "originator-treatment-training", "Supervised trainee", NULL, NULL, "2025-06-01",
    ALLOW ("") },
  { "exception/legal-defence-without-justification", "Defence Counsel", "", TRUE, "legal",
    "legal-defence", NULL, NULL, NULL, "2025-06-01", NULL, INVALID, "Say why" },
  { "exception/legal-defence", "Defence Counsel", "", TRUE, "legal", "legal-defence",
    "Malpractice claim 25-3", NULL, NULL, "2025-06-01", ALLOW ("") },
  { "exception/oversight", "Licensing Board", "", TRUE, "legal", "oversight-of-originator",
    "Board inquiry 77", NULL, NULL, "2025-06-01", ALLOW ("") },
  /* incomplete requests */
  { "invalid/basis", "Dr. Lee", "progress-notes", FALSE, "continuity-of-care", "hearsay", NULL,
    NULL, NULL, "2025-06-01", NULL, INVALID, "Choose the basis" },
  { "invalid/recipient", "   ", "progress-notes", FALSE, "continuity-of-care", "treatment",
    NULL, NULL, NULL, "2025-06-01", NULL, INVALID, "Enter who receives" },
  { "invalid/nothing", "Dr. Lee", "", FALSE, "continuity-of-care", "treatment", NULL, NULL,
    NULL, "2025-06-01", NULL, INVALID, "Choose what to share" },
  { "invalid/category", "Dr. Lee", "horoscope", FALSE, "continuity-of-care", "treatment", NULL,
    NULL, NULL, "2025-06-01", NULL, INVALID, "“horoscope” is not a kind of information" },
  { "invalid/purpose", "Dr. Lee", "progress-notes", FALSE, "curiosity", "treatment", NULL, NULL,
    NULL, "2025-06-01", NULL, INVALID, "Choose the purpose" },
};

/* A recipient kind the basis allows (for the cases above, which test the rest) */
static const char *
fitting_kind (const char *basis_id)
{
  const AlcoveDisclosureBasis *basis = alcove_disclosure_basis_lookup (basis_id);

  return basis && basis->recipients[0] ? basis->recipients[0] : "health-care-provider";
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GPtrArray) consents = make_consents ();
  g_auto(GStrv) categories = *c->categories ? g_strsplit (c->categories, ";", -1)
                                            : g_new0 (char *, 1);
  g_autoptr(GDate) day = g_date_new ();
  g_autoptr(AlcoveConsent) covering = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveDisclosureRequest request = { 0 };
  gboolean allowed;

  g_date_set_parse (day, c->day);
  g_assert_true (g_date_valid (day));
  request.client_id = CLIENT;
  request.recipient = c->recipient;
  request.recipient_kind = fitting_kind (c->basis);
  request.attested = TRUE;
  request.categories = (const char * const *) categories;
  request.includes_psychotherapy_notes = c->psychotherapy;
  request.purpose = c->purpose;
  request.basis = c->basis;
  request.justification = c->justification;
  request.document_id = c->document;
  request.consent_id = c->consent_id;
  request.day = day;

  allowed = alcove_disclosure_rules_check (&request, consents, &covering, &error);
  if (c->covering != NULL)
    {
      g_assert_no_error (error);
      g_assert_true (allowed);
      if (*c->covering == '\0')
        g_assert_null (covering);
      else
        {
          g_assert_nonnull (covering);
          g_assert_cmpstr (alcove_consent_get_id (covering), ==, c->covering);
        }
      return;
    }
  g_assert_false (allowed);
  g_assert_null (covering);
  g_assert_error (error, ALCOVE_VAULT_ERROR, c->code);
  if (strstr (error->message, c->message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, c->message);
}

/* The same request with an empty list of consents */
static void
test_no_authorization (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  const char *categories[] = { "progress-notes", NULL };
  g_autoptr(GDate) day = g_date_new_dmy (1, 6, 2025);
  g_autoptr(GError) error = NULL;
  AlcoveDisclosureRequest request = { .client_id = CLIENT, .recipient = "Dr. Lee",
                                      .categories = categories,
                                      .purpose = "continuity-of-care",
                                      .basis = "authorization", .day = day };

  g_assert_false (alcove_disclosure_rules_check (&request, none, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "There is no authorization on file"));
}

/* Who each basis may reach, as the rule states it (45 CFR 164.506(c)(1)–(4), 164.512(b),
 * (c), (d), (e), (j), 164.508(a)(2), 164.524(c)(3)), independently of the data */
static const struct
{
  const char *basis;
  const char *allowed;   /* ";"-separated kinds, "*" for any */
} recipients_by_rule[] = {
  { "authorization", "*" },
  { "treatment", "health-care-provider" },
  { "payment", "health-plan;health-care-provider" },
  { "operations", "business-associate;health-care-provider" },
  { "client-request", "client;client-designee" },
  { "court-order", "court;attorney;government-agency" },
  { "duty-to-warn", "person-able-to-prevent-harm;government-agency" },
  { "mandatory-report", "government-agency" },
  { "required-by-law", "government-agency;court;oversight-agency;other" },
  { "originator-treatment-training", "health-care-provider" },
  { "legal-defence", "court;attorney" },
  { "oversight-of-originator", "oversight-agency" },
};

typedef struct
{
  const char *basis;
  const char *kind;
  gboolean    allowed;
} RecipientCase;

/* Every basis against every kind of recipient: a request complete in every other way is
 * allowed exactly when the rule allows that recipient */
static void
run_recipient_case (gconstpointer data)
{
  const RecipientCase *c = data;
  const AlcoveDisclosureBasis *basis = alcove_disclosure_basis_lookup (c->basis);
  g_autoptr(GPtrArray) consents = make_consents ();
  const char *categories[] = { "attendance", NULL };
  const char *none[] = { NULL };
  g_autoptr(GDate) day = g_date_new_dmy (1, 6, 2025);
  g_autoptr(GError) error = NULL;
  AlcoveDisclosureRequest request = {
    .client_id = CLIENT, .recipient = "Dr. Lee", .recipient_kind = c->kind, .attested = TRUE,
    .categories = basis->psychotherapy_notes_only ? none : categories,
    .includes_psychotherapy_notes = basis->psychotherapy_notes_only,
    .purpose = "continuity-of-care", .basis = c->basis, .justification = "As the law says",
    .document_id = "order-1", .day = day };

  g_assert_nonnull (basis);
  if (alcove_disclosure_rules_check (&request, consents, NULL, &error))
    {
      g_assert_true (c->allowed);
      return;
    }
  g_assert_false (c->allowed);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "does not allow sharing with this recipient"));
}

static void
add_recipient_cases (void)
{
  const char * const *kinds = alcove_disclosure_recipient_kind_ids ();

  g_assert_cmpuint (g_strv_length ((char **) kinds), ==, 13);
  g_assert_cmpuint (alcove_disclosure_bases_get ()->len, ==, G_N_ELEMENTS (recipients_by_rule));
  for (guint i = 0; i < G_N_ELEMENTS (recipients_by_rule); i++)
    {
      g_auto(GStrv) allowed = g_strsplit (recipients_by_rule[i].allowed, ";", -1);

      for (guint j = 0; kinds[j] != NULL; j++)
        {
          RecipientCase *c = g_new (RecipientCase, 1);
          g_autofree char *path = g_strdup_printf ("/disclosure-rules/recipients/%s/%s",
                                                   recipients_by_rule[i].basis, kinds[j]);

          c->basis = recipients_by_rule[i].basis;
          c->kind = kinds[j];
          c->allowed = g_str_equal (allowed[0], "*") ||
                       g_strv_contains ((const char * const *) allowed, kinds[j]);
          g_test_add_data_func_full (path, c, run_recipient_case, g_free);
        }
    }
}

/* One click on “Treatment” sent progress notes to a client's employer: refused, and a
 * basis whose recipient the sharer has not confirmed is not yet allowed */
static void
test_treatment_to_employer (void)
{
  g_autoptr(GPtrArray) consents = make_consents ();
  const char *categories[] = { "progress-notes", NULL };
  g_autoptr(GDate) day = g_date_new_dmy (1, 6, 2025);
  g_autoptr(GError) error = NULL;
  AlcoveDisclosureRequest request = {
    .client_id = CLIENT, .recipient = "Acme Logistics HR", .recipient_kind = "employer-or-school",
    .attested = TRUE, .categories = categories, .purpose = "school-or-work",
    .basis = "treatment", .day = day };

  g_assert_false (alcove_disclosure_rules_check (&request, consents, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "(Employer or school)"));
  g_assert_nonnull (strstr (error->message, "authorization"));
  g_clear_error (&error);

  request.recipient_kind = NULL;
  g_assert_false (alcove_disclosure_rules_check (&request, consents, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  request.recipient = "Dr. Ng";
  request.recipient_kind = "health-care-provider";
  request.attested = FALSE;
  g_assert_false (alcove_disclosure_rules_check (&request, consents, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Confirm before sharing under “Treatment”"));
  g_clear_error (&error);

  request.attested = TRUE;
  g_assert_true (alcove_disclosure_rules_check (&request, consents, NULL, &error));
  g_assert_no_error (error);
}

/* The data: which bases the accounting lists, which carry psychotherapy notes */
static void
test_bases_data (void)
{
  GPtrArray *bases = alcove_disclosure_bases_get ();
  const char *accountable[] = { "court-order", "duty-to-warn", "mandatory-report",
                                "required-by-law", "oversight-of-originator", NULL };
  const char *psychotherapy[] = { "authorization", "duty-to-warn", "required-by-law",
                                  "originator-treatment-training", "legal-defence",
                                  "oversight-of-originator", NULL };
  const char *ids[] = { "authorization", "treatment", "payment", "operations", "client-request",
                        "court-order", "duty-to-warn", "mandatory-report", "required-by-law" };

  g_assert_cmpuint (bases->len, ==, 12);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_nonnull (alcove_disclosure_basis_lookup (ids[i]));
  for (guint i = 0; i < bases->len; i++)
    {
      const AlcoveDisclosureBasis *basis = g_ptr_array_index (bases, i);

      g_assert_cmpstr (basis->title, !=, "");
      g_assert_cmpstr (basis->explanation, !=, "");
      g_assert_cmpint (basis->accountable, ==,
                       g_strv_contains (accountable, basis->id));
      g_assert_cmpint (basis->allows_psychotherapy_notes, ==,
                       g_strv_contains (psychotherapy, basis->id));
      g_assert_cmpint (basis->needs_document, ==, g_str_equal (basis->id, "court-order"));
      /* every exception for psychotherapy notes asks why */
      if (basis->psychotherapy_notes_only)
        g_assert_true (basis->needs_justification);
    }
  g_assert_cmpuint (g_strv_length ((char **) alcove_disclosure_category_ids ()), ==, 6);
  g_assert_cmpstr (alcove_disclosure_category_get_title ("attendance"), ==, "Dates of attendance");
  g_assert_cmpuint (g_strv_length ((char **) alcove_disclosure_purpose_ids ()), ==, 6);
  g_assert_cmpstr (alcove_disclosure_purpose_get_title ("legal"), ==, "Legal proceedings");
  g_assert_null (alcove_disclosure_purpose_get_title ("curiosity"));
}

static void
test_describe_status (void)
{
  g_autoptr(GPtrArray) consents = make_consents ();
  g_autoptr(GDate) day = g_date_new_dmy (1, 7, 2025);
  const char *expected[] = { "Active until 10 January 2026", "Revoked on 1 June 2025",
                             "Takes effect on 1 September 2025", "Draft, not yet in effect",
                             "Active until 1 February 2026" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = alcove_disclosure_rules_describe_status (g_ptr_array_index (consents, i),
                                                                       day);

      g_assert_cmpstr (text, ==, expected[i]);
    }
  g_assert_true (alcove_disclosure_rules_is_authorization (g_ptr_array_index (consents, 4)));
  g_assert_false (alcove_disclosure_rules_is_authorization (g_ptr_array_index (consents, 6)));
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/disclosure-rules/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], run_case);
    }
  add_recipient_cases ();
  g_test_add_func ("/disclosure-rules/treatment-to-employer", test_treatment_to_employer);
  g_test_add_func ("/disclosure-rules/no-authorization", test_no_authorization);
  g_test_add_func ("/disclosure-rules/bases-data", test_bases_data);
  g_test_add_func ("/disclosure-rules/describe-status", test_describe_status);
  return g_test_run ();
}
