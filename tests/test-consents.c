/* test-consents.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-consents"

#include "config.h"

#include "alcove-client-store.h"
#include "alcove-consent-store.h"
#include "alcove-consent-template.h"
#include "alcove-documents.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* Words no consent shares by chance; the audit log must never hold any of them */
#define NAME_CLIENT    "Wilhelmina Quartz"
#define NAME_MINOR     "Pip Zanzibar"
#define NAME_GUARDIAN  "Ottoline Zanzibar"
#define NAME_RECIPIENT "Dr Perpetua Snodgrass"
#define TEXT_MARK      "quokkamarker"

typedef struct
{
  char               *dir;
  AlcoveVault        *vault;
  AlcoveClientStore  *clients;
  AlcoveConsentStore *consents;
  char               *adult_id;
  char               *minor_id;
} Fixture;

static void
open_stores (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->clients = alcove_client_store_new (f->vault, &error);
  g_assert_no_error (error);
  f->consents = alcove_consent_store_new (f->vault, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->consents);
}

static void
close_stores (Fixture *f)
{
  g_clear_object (&f->consents);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
}

static void
reopen_as (Fixture    *f,
           const char *username,
           const char *password)
{
  close_stores (f);
  f->vault = alcove_test_unlocked_vault (f->dir, username, password);
  open_stores (f);
}

static char *
add_client (Fixture          *f,
            const char       *name,
            const char       *born,
            AlcoveRecordType  type)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, name);
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, born);
  alcove_client_set_record_type (client, type);
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_client_get_id (client));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  f->vault = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  open_stores (f);
  f->adult_id = add_client (f, NAME_CLIENT, "1980-05-05", ALCOVE_RECORD_INDIVIDUAL);
  /* a minor on every signing day the tests use (2024) */
  f->minor_id = add_client (f, NAME_MINOR, "2012-03-03", ALCOVE_RECORD_INDIVIDUAL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_stores (f);
  g_free (f->adult_id);
  g_free (f->minor_id);
  g_free (f->dir);
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3 *handle = alcove_database_get_handle (alcove_vault_get_database (f->vault));
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static gint64
count_audit (Fixture    *f,
             const char *action,
             const char *object_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM main.audit_log WHERE action ="
                                          " '%s' AND object_id = '%s'", action, object_id);

  return count_rows (f, sql);
}

static GDate *
day_of (const char *text)
{
  GDate *day = g_date_new ();

  g_date_set_parse (day, text);
  g_assert_true (g_date_valid (day));
  return day;
}

static void
acknowledge_all (AlcoveConsent *consent)
{
  AlcoveConsentTemplate *template =
    alcove_consent_template_lookup (alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND));

  for (guint i = 0; i < alcove_consent_template_get_n_statements (template); i++)
    {
      g_autofree char *key =
        alcove_consent_statement_value_key (alcove_consent_template_get_statement (template,
                                                                                   i)->key);

      alcove_consent_set_value (consent, key, ALCOVE_CONSENT_ACKNOWLEDGED);
    }
}

static char *
add_document (Fixture *f)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("%PDF-1.4 signed form", 20);
  g_autoptr(GError) error = NULL;
  char *id = alcove_documents_add (f->vault, bytes, "signed.pdf", "application/pdf", &error);

  g_assert_no_error (error);
  return id;
}

/* A release ready to activate: every field, statement, the signer and the signed form */
static AlcoveConsent *
complete_release (Fixture    *f,
                  const char *client_id)
{
  AlcoveConsent *consent = alcove_consent_new (client_id, ALCOVE_CONSENT_KIND_RELEASE);
  g_autofree char *document = add_document (f);

  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT, NAME_RECIPIENT);
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT_ADDRESS, "1 Elm St");
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_DISCLOSER, "Dana Lee, LMFT");
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_INFORMATION, "attendance;diagnosis");
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_DESCRIPTION,
                            "Dates attended and diagnosis, January to June 2024 " TEXT_MARK);
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_PURPOSE, "continuity-of-care");
  acknowledge_all (consent);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNER_NAME, NAME_CLIENT);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNED_ON, "2024-01-10");
  alcove_consent_set_field (consent, ALCOVE_CONSENT_VALID_FROM, "2024-02-01");
  alcove_consent_set_field (consent, ALCOVE_CONSENT_EXPIRES_ON, "2024-02-29");
  alcove_consent_set_field (consent, ALCOVE_CONSENT_DOCUMENT_ID, document);
  return consent;
}

static AlcoveConsent *
complete_intake (const char *client_id,
                 const char *signer_name,
                 const char *valid_from,
                 const char *expires_on)
{
  AlcoveConsent *consent = alcove_consent_new (client_id, ALCOVE_CONSENT_KIND_INTAKE);

  alcove_consent_set_value (consent, "services", "Individual psychotherapy");
  alcove_consent_set_value (consent, "session_mode", "both");
  alcove_consent_set_value (consent, "recording_opt_in", "no");
  alcove_consent_set_value (consent, "ai_tools_opt_in", "no");
  acknowledge_all (consent);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNER_NAME, signer_name);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNED_ON, valid_from);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_VALID_FROM, valid_from);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_EXPIRES_ON, expires_on);
  return consent;
}

static void
assert_refused (Fixture       *f,
                AlcoveConsent *consent,
                const char    *expected_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (alcove_consent_store_activate (f->consents, consent, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  if (strstr (error->message, expected_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected_part);
}

static void
activate_ok (Fixture       *f,
             AlcoveConsent *consent)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_consent_store_activate (f->consents, consent, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_consent_get_stored_status (consent), ==, ALCOVE_CONSENT_ACTIVE);
}

/* ---- templates ---- */

static void
test_templates (void)
{
  static const char * const kinds[] = {
    ALCOVE_CONSENT_KIND_INTAKE, ALCOVE_CONSENT_KIND_RELEASE, ALCOVE_CONSENT_KIND_PSYCHOTHERAPY,
    ALCOVE_CONSENT_KIND_RECORDING, ALCOVE_CONSENT_KIND_AI_TOOLS, ALCOVE_CONSENT_KIND_GROUP,
    ALCOVE_CONSENT_KIND_COUPLE_FAMILY, ALCOVE_CONSENT_KIND_MINOR,
  };
  static const char * const categories[] = {
    "attendance", "diagnosis", "treatment-plan", "progress-notes", "assessment-results",
    "discharge-summary",
  };
  static const char * const purposes[] = {
    "continuity-of-care", "payment", "legal", "school-or-work", "client-request", "other",
  };
  GListModel *all = alcove_consent_template_list_all ();
  AlcoveConsentTemplate *release, *psychotherapy;
  const AlcoveConsentTemplateField *field;

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(AlcoveConsentTemplate) template = g_list_model_get_item (all, i);

      g_assert_cmpstr (alcove_consent_template_get_id (template), ==, kinds[i]);
      g_assert_cmpstr (alcove_consent_template_get_name (template), !=, "");
      g_assert_cmpuint (alcove_consent_template_get_n_statements (template), >, 0);
      g_assert_cmpuint (alcove_consent_template_get_n_fields (template), >, 0);
      g_assert_true (alcove_consent_template_lookup (kinds[i]) == template);
    }
  g_assert_null (alcove_consent_template_lookup ("no-such-kind"));

  release = alcove_consent_template_lookup (ALCOVE_CONSENT_KIND_RELEASE);
  g_assert_true (alcove_consent_template_is_authorization (release));
  g_assert_true (alcove_consent_template_get_requires_document (release));
  field = alcove_consent_template_find_field (release, ALCOVE_CONSENT_VALUE_INFORMATION);
  g_assert_nonnull (field);
  g_assert_cmpint (field->type, ==, ALCOVE_CONSENT_FIELD_MULTI_CHOICE);
  g_assert_cmpuint (field->options->len, ==, G_N_ELEMENTS (categories));
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    g_assert_nonnull (alcove_consent_field_option_title (field, categories[i]));
  g_assert_null (alcove_consent_field_option_title (field, ALCOVE_CONSENT_KIND_PSYCHOTHERAPY));
  field = alcove_consent_template_find_field (release, ALCOVE_CONSENT_VALUE_PURPOSE);
  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    g_assert_nonnull (alcove_consent_field_option_title (field, purposes[i]));
  for (guint i = 0; i < 5; i++)
    {
      static const char * const keys[] = {
        ALCOVE_CONSENT_VALUE_RECIPIENT, ALCOVE_CONSENT_VALUE_RECIPIENT_ADDRESS,
        ALCOVE_CONSENT_VALUE_DISCLOSER, ALCOVE_CONSENT_VALUE_DESCRIPTION,
        ALCOVE_CONSENT_VALUE_EXPIRY_EVENT,
      };

      g_assert_nonnull (alcove_consent_template_find_field (release, keys[i]));
    }

  /* psychotherapy notes: their own kind, with no categories to mix in */
  psychotherapy = alcove_consent_template_lookup (ALCOVE_CONSENT_KIND_PSYCHOTHERAPY);
  g_assert_true (alcove_consent_template_is_authorization (psychotherapy));
  g_assert_null (alcove_consent_template_find_field (psychotherapy,
                                                     ALCOVE_CONSENT_VALUE_INFORMATION));
  g_assert_false (alcove_consent_template_is_authorization (
                    alcove_consent_template_lookup (ALCOVE_CONSENT_KIND_INTAKE)));
}

static void
test_template_malformed (void)
{
  static const char * const broken[] = {
    "[]",
    "{\"id\": \"x\", \"name\": \"X\", \"fields\": []}",
    "{\"id\": \"x\", \"name\": \"X\", \"statements\": [], \"fields\": [{\"key\": \"a\","
    " \"title\": \"A\", \"type\": \"colour\"}]}",
    "{\"id\": \"x\", \"name\": \"X\", \"statements\": [], \"fields\": [{\"key\": \"a\","
    " \"title\": \"A\", \"type\": \"choice\"}]}",
    "{\"id\": \"x\", \"name\": \"X\", \"statements\": [{\"key\": \"s\"}], \"fields\": []}",
    "{\"id\": \"x\", \"name\": \"X\", \"statements\": [], \"fields\": [{\"key\": \"a\","
    " \"title\": \"A\", \"type\": \"text\"}, {\"key\": \"a\", \"title\": \"B\","
    " \"type\": \"text\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (broken[i], strlen (broken[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(AlcoveConsentTemplate) template =
        alcove_consent_template_new_from_data (bytes, &error);

      g_assert_null (template);
      g_assert_nonnull (error);
    }
}

/* ---- rules ---- */

static void
test_status_boundaries (Fixture       *f,
                        gconstpointer  data)
{
  static const struct
  {
    const char          *day;
    AlcoveConsentStatus  status;
  } cases[] = {
    { "2024-01-31", ALCOVE_CONSENT_PENDING },   /* the day before valid_from */
    { "2024-02-01", ALCOVE_CONSENT_ACTIVE },    /* valid_from */
    { "2024-02-29", ALCOVE_CONSENT_ACTIVE },    /* expires_on, the last valid day */
    { "2024-03-01", ALCOVE_CONSENT_EXPIRED },   /* the day after */
  };
  g_autoptr(AlcoveConsent) consent = complete_release (f, f->adult_id);
  g_autoptr(AlcoveConsent) stored = NULL;
  g_autoptr(GError) error = NULL;

  activate_ok (f, consent);
  stored = alcove_consent_store_get (f->consents, alcove_consent_get_id (consent), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) day = day_of (cases[i].day);

      g_test_message ("%s", cases[i].day);
      g_assert_cmpint (alcove_consent_get_status_on (stored, day), ==, cases[i].status);
      g_assert_cmpint (alcove_consent_store_has_current_intake (f->consents, f->adult_id, day),
                       ==, FALSE);
    }

  /* what came back is what was stored, values and all */
  g_assert_cmpstr (alcove_consent_get_value (stored, ALCOVE_CONSENT_VALUE_RECIPIENT), ==,
                   NAME_RECIPIENT);
  g_assert_true (alcove_consent_value_has_item (stored, ALCOVE_CONSENT_VALUE_INFORMATION,
                                                "diagnosis"));
  g_assert_cmpstr (alcove_consent_get_field (stored, ALCOVE_CONSENT_EXPIRES_ON), ==, "2024-02-29");
  g_assert_cmpint (alcove_consent_get_stored_status (stored), ==, ALCOVE_CONSENT_ACTIVE);

  /* expiring within 30 days of a day, and only while active */
  {
    g_autoptr(GDate) near = day_of ("2024-02-10");
    g_autoptr(GDate) far = day_of ("2024-01-20");
    g_autoptr(GDate) after = day_of ("2024-03-02");
    g_autoptr(GPtrArray) expiring = NULL;

    expiring = alcove_consent_store_list_expiring (f->consents, near, 30, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (expiring->len, ==, 1);
    g_clear_pointer (&expiring, g_ptr_array_unref);
    expiring = alcove_consent_store_list_expiring (f->consents, far, 30, &error);
    g_assert_cmpuint (expiring->len, ==, 0);  /* pending, not active */
    g_clear_pointer (&expiring, g_ptr_array_unref);
    expiring = alcove_consent_store_list_expiring (f->consents, after, 30, &error);
    g_assert_cmpuint (expiring->len, ==, 0);
  }

  /* an active consent is frozen */
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT, "Someone else");
  g_assert_false (alcove_consent_store_save (f->consents, consent, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
}

static void
test_revocation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AlcoveConsent) consent = complete_release (f, f->adult_id);
  g_autoptr(AlcoveConsent) draft = complete_release (f, f->adult_id);
  g_autoptr(AlcoveConsent) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) before = day_of ("2024-02-14");
  g_autoptr(GDate) on = day_of ("2024-02-15");
  const char *id;

  alcove_consent_set_field (consent, ALCOVE_CONSENT_EXPIRES_ON, "");
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_EXPIRY_EVENT, "End of treatment");
  activate_ok (f, consent);
  id = alcove_consent_get_id (consent);

  /* bad input first: nothing changes */
  g_assert_false (alcove_consent_store_revoke (f->consents, consent, "2999-01-01", "letter",
                                               &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (alcove_consent_store_revoke (f->consents, consent, "2024-02-15", "  ",
                                               &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Received"));
  g_clear_error (&error);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_CONSENT_REVOKE, id), ==, 0);

  g_assert_true (alcove_consent_store_revoke (f->consents, consent, "2024-02-15",
                                              "letter from the client", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_CONSENT_REVOKE, id), ==, 1);

  stored = alcove_consent_store_get (f->consents, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (alcove_consent_get_stored_status (stored), ==, ALCOVE_CONSENT_REVOKED);
  g_assert_cmpint (alcove_consent_get_status_on (stored, before), ==, ALCOVE_CONSENT_ACTIVE);
  g_assert_cmpint (alcove_consent_get_status_on (stored, on), ==, ALCOVE_CONSENT_REVOKED);
  g_assert_cmpstr (alcove_consent_get_field (stored, ALCOVE_CONSENT_REVOCATION_MEANS), ==,
                   "letter from the client");
  g_assert_cmpstr (alcove_consent_get_field (stored, ALCOVE_CONSENT_REVOKED_BY), ==,
                   alcove_user_get_uuid (alcove_vault_get_current_user (f->vault)));

  /* once only */
  g_assert_false (alcove_consent_store_revoke (f->consents, stored, "2024-02-16", "phone",
                                               &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  /* a draft is deleted, not revoked */
  g_assert_true (alcove_consent_store_save (f->consents, draft, &error));
  g_assert_no_error (error);
  g_assert_false (alcove_consent_store_revoke (f->consents, draft, "2024-02-15", "letter",
                                               &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Delete"));
  g_clear_error (&error);
  {
    g_autofree char *draft_id = g_strdup (alcove_consent_get_id (draft));

    g_assert_true (alcove_consent_store_delete_draft (f->consents, draft, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_CONSENT_DELETE_DRAFT, draft_id), ==, 1);
    g_assert_null (alcove_consent_store_get (f->consents, draft_id, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  /* and an active one is not deleted */
  g_assert_false (alcove_consent_store_delete_draft (f->consents, stored, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
}

static void
test_minor_guardian (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AlcoveConsent) consent = complete_intake (f->minor_id, NAME_MINOR, "2024-01-10", "");
  g_autoptr(AlcoveConsent) adult = complete_intake (f->adult_id, NAME_CLIENT, "2024-01-10", "");
  g_autoptr(AlcoveConsent) policy = NULL;

  /* the young person alone may not sign */
  assert_refused (f, consent, "Signed by: the client is a minor");
  g_assert_null (alcove_consent_get_id (consent));

  /* a guardian must state their authority */
  alcove_consent_set_signer (consent, ALCOVE_CONSENT_SIGNER_GUARDIAN);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNER_NAME, NAME_GUARDIAN);
  assert_refused (f, consent, "Authority:");
  alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNER_AUTHORITY, "mother, legal custody");
  activate_ok (f, consent);

  /* an adult signs for themselves */
  activate_ok (f, adult);

  /* the minor's policy: the client and the guardian both named */
  policy = alcove_consent_new (f->minor_id, ALCOVE_CONSENT_KIND_MINOR);
  acknowledge_all (policy);
  alcove_consent_set_value (policy, "guardian_may_see", "attendance;safety");
  alcove_consent_set_signer (policy, ALCOVE_CONSENT_SIGNER_GUARDIAN);
  alcove_consent_set_field (policy, ALCOVE_CONSENT_SIGNER_NAME, NAME_GUARDIAN);
  alcove_consent_set_field (policy, ALCOVE_CONSENT_SIGNER_AUTHORITY, "mother");
  alcove_consent_set_field (policy, ALCOVE_CONSENT_SIGNED_ON, "2024-01-10");
  assert_refused (f, policy, "Client’s name (signs too): write the name of the young person");
  alcove_consent_set_value (policy, "client_name", NAME_MINOR);
  assert_refused (f, policy, "Guardian’s name: write the name of the guardian");
  alcove_consent_set_value (policy, "guardian_name", NAME_GUARDIAN);
  activate_ok (f, policy);
  /* valid from the day it was signed */
  g_assert_cmpstr (alcove_consent_get_field (policy, ALCOVE_CONSENT_VALID_FROM), ==,
                   "2024-01-10");
}

static void
test_psychotherapy_separate (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(AlcoveConsent) combined = complete_release (f, f->adult_id);
  g_autoptr(AlcoveConsent) notes = complete_release (f, f->adult_id);

  /* a release cannot carry psychotherapy notes */
  alcove_consent_set_value (combined, ALCOVE_CONSENT_VALUE_INFORMATION,
                            "diagnosis;psychotherapy-notes");
  assert_refused (f, combined, "record a separate psychotherapy notes authorization");
  alcove_consent_set_value (combined, ALCOVE_CONSENT_VALUE_INFORMATION, "psychotherapy-notes");
  assert_refused (f, combined, "psychotherapy notes cannot be released");

  /* a psychotherapy notes authorization covers those notes only, and needs every statement
   * (among them that it stands alone) */
  g_clear_object (&notes);
  notes = alcove_consent_new (f->adult_id, ALCOVE_CONSENT_KIND_PSYCHOTHERAPY);
  {
    g_autoptr(AlcoveConsent) template = complete_release (f, f->adult_id);
    g_auto(GStrv) keys = alcove_consent_dup_value_keys (template);

    for (guint i = 0; keys[i]; i++)
      if (!g_str_has_prefix (keys[i], ALCOVE_CONSENT_STATEMENT_PREFIX))
        alcove_consent_set_value (notes, keys[i], alcove_consent_get_value (template, keys[i]));
    for (guint i = 0; i < ALCOVE_CONSENT_N_FIELDS; i++)
      if (i != ALCOVE_CONSENT_KIND)
        alcove_consent_set_field (notes, i, alcove_consent_get_field (template, i));
  }
  acknowledge_all (notes);
  assert_refused (f, notes, "covers those notes only");
  alcove_consent_set_value (notes, ALCOVE_CONSENT_VALUE_INFORMATION, NULL);
  alcove_consent_set_value (notes, "statement:separate", NULL);
  assert_refused (f, notes, "Statement 1");
  alcove_consent_set_value (notes, "statement:separate", ALCOVE_CONSENT_ACKNOWLEDGED);
  activate_ok (f, notes);
}

static void
test_activate_refuses (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AlcoveConsent) consent = complete_release (f, f->adult_id);
  g_autoptr(AlcoveConsent) stored = NULL;
  g_autoptr(AlcoveConsent) before = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  const char *document;

  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT, NULL);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_EXPIRES_ON, "");
  before = alcove_consent_copy (consent);

  /* new: nothing written, nothing lost */
  assert_refused (f, consent, "Recipient: write who will receive the information.");
  assert_refused (f, consent, "Expires on: give an expiry date, or write the event");
  g_assert_null (alcove_consent_get_id (consent));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM consents"), ==, 0);
  keys = alcove_consent_dup_value_keys (consent);
  {
    g_auto(GStrv) before_keys = alcove_consent_dup_value_keys (before);

    g_assert_cmpuint (g_strv_length (keys), ==, g_strv_length (before_keys));
  }
  for (guint i = 0; keys[i]; i++)
    g_assert_cmpstr (alcove_consent_get_value (consent, keys[i]), ==,
                     alcove_consent_get_value (before, keys[i]));

  /* each problem names its row */
  problems = alcove_consent_store_check (f->consents, consent);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (((AlcoveConsentProblem *) problems->pdata[0])->key, ==,
                   ALCOVE_CONSENT_VALUE_RECIPIENT);
  g_assert_cmpstr (((AlcoveConsentProblem *) problems->pdata[1])->key, ==,
                   ALCOVE_CONSENT_PROBLEM_EXPIRY);

  /* a saved draft stays a draft with what it had */
  g_assert_true (alcove_consent_store_save (f->consents, consent, &error));
  g_assert_no_error (error);
  assert_refused (f, consent, "Recipient:");
  stored = alcove_consent_store_get (f->consents, alcove_consent_get_id (consent), &error);
  g_assert_no_error (error);
  g_assert_cmpint (alcove_consent_get_stored_status (stored), ==, ALCOVE_CONSENT_DRAFT);
  g_assert_cmpstr (alcove_consent_get_value (stored, ALCOVE_CONSENT_VALUE_DESCRIPTION), ==,
                   alcove_consent_get_value (before, ALCOVE_CONSENT_VALUE_DESCRIPTION));

  /* the signed form is required for an authorization */
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT, NAME_RECIPIENT);
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_EXPIRY_EVENT, "Discharge");
  document = alcove_consent_get_field (before, ALCOVE_CONSENT_DOCUMENT_ID);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_DOCUMENT_ID, "");
  assert_refused (f, consent, "Signed document:");
  alcove_consent_set_field (consent, ALCOVE_CONSENT_DOCUMENT_ID, "not-a-document");
  assert_refused (f, consent, "Signed document:");
  alcove_consent_set_field (consent, ALCOVE_CONSENT_DOCUMENT_ID, document);
  /* an option that is not in the template, and dates the wrong way round */
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_PURPOSE, "curiosity");
  assert_refused (f, consent, "Purpose: choose only from the listed options.");
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_PURPOSE, "payment;legal");
  alcove_consent_set_field (consent, ALCOVE_CONSENT_EXPIRES_ON, "2024-01-31");
  assert_refused (f, consent, "Expires on: the last valid day cannot be before the first");
  alcove_consent_set_field (consent, ALCOVE_CONSENT_EXPIRES_ON, "");
  activate_ok (f, consent);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_CONSENT_CREATE, alcove_consent_get_id (consent)),
                   ==, 1);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_CONSENT_ACTIVATE,
                                alcove_consent_get_id (consent)), ==, 1);

  /* a scanned paper intake needs its scan, though an intake does not otherwise */
  {
    g_autoptr(AlcoveConsent) intake = complete_intake (f->adult_id, NAME_CLIENT, "2024-01-10",
                                                       "");

    alcove_consent_set_capture (intake, ALCOVE_CONSENT_CAPTURE_PAPER_SCANNED);
    assert_refused (f, intake, "Signed document: attach the scan");
    alcove_consent_set_capture (intake, ALCOVE_CONSENT_CAPTURE_IN_PERSON);
    activate_ok (f, intake);
  }

  /* a draft with a malformed date is refused, and keeps it */
  {
    g_autoptr(AlcoveConsent) bad = alcove_consent_new (f->adult_id, ALCOVE_CONSENT_KIND_RECORDING);

    alcove_consent_set_field (bad, ALCOVE_CONSENT_VALID_FROM, "1st of May");
    g_assert_false (alcove_consent_store_save (f->consents, bad, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Valid from:"));
    g_assert_cmpstr (alcove_consent_get_field (bad, ALCOVE_CONSENT_VALID_FROM), ==, "1st of May");
    g_clear_error (&error);
    g_clear_object (&bad);
    bad = alcove_consent_new (f->adult_id, "no-such-kind");
    g_assert_false (alcove_consent_store_save (f->consents, bad, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  }
}

static void
test_audit_ids_only (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const markers[] = {
    NAME_CLIENT, NAME_RECIPIENT, TEXT_MARK, "Dana Lee", "letter from", "continuity",
  };
  g_autoptr(AlcoveConsent) consent = complete_release (f, f->adult_id);
  g_autoptr(AlcoveConsent) draft = complete_release (f, f->adult_id);
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = alcove_database_get_handle (alcove_vault_get_database (f->vault));
  sqlite3_stmt *stmt = NULL;
  guint rows = 0;

  g_assert_true (alcove_consent_store_save (f->consents, consent, &error));
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_PURPOSE, "continuity-of-care;legal");
  g_assert_true (alcove_consent_store_save (f->consents, consent, &error));
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_CONSENT_UPDATE, alcove_consent_get_id (consent)),
                   ==, 1);
  activate_ok (f, consent);
  g_assert_true (alcove_consent_store_revoke (f->consents, consent, "2024-03-01",
                                              "letter from the client", &error));
  g_assert_true (alcove_consent_store_save (f->consents, draft, &error));
  g_assert_true (alcove_consent_store_delete_draft (f->consents, draft, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT action, object_id, details FROM"
                                       " main.audit_log WHERE action LIKE 'consent.%'", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *row = g_strjoin ("|", sqlite3_column_text (stmt, 0),
                                        sqlite3_column_text (stmt, 1),
                                        sqlite3_column_text (stmt, 2), NULL);

      for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
        if (strstr (row, markers[m]) != NULL)
          g_error ("audit row “%s” holds “%s”", row, markers[m]);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "{\"kind\":\"release\"}");
      rows++;
    }
  sqlite3_finalize (stmt);
  /* create, update, activate, revoke; create, delete-draft */
  g_assert_cmpuint (rows, ==, 6);
}

static void
test_billing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AlcoveConsent) consent = complete_release (f, f->adult_id);
  g_autoptr(AlcoveConsent) intake = complete_intake (f->adult_id, NAME_CLIENT, "2024-01-10", "");
  g_autoptr(AlcoveConsent) seen = NULL;
  g_autoptr(AlcoveConsent) mine = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) day = day_of ("2024-02-10");
  g_autofree char *id = NULL;

  activate_ok (f, consent);
  activate_ok (f, intake);
  id = g_strdup (alcove_consent_get_id (consent));
  alcove_test_add_user (f->vault, "bea", "Bea Ledger", ALCOVE_ROLE_BILLING);
  reopen_as (f, "bea", TEST_OTHER_PASSWORD);

  g_assert_false (alcove_consent_store_can_read_values (f->consents));
  g_assert_false (alcove_consent_store_can_edit (f->consents));
  listed = alcove_consent_store_list_for_client (f->consents, f->adult_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  seen = alcove_consent_store_get (f->consents, id, &error);
  g_assert_no_error (error);
  /* the status and dates, nothing of what it says or who signed */
  g_assert_cmpint (alcove_consent_get_status_on (seen, day), ==, ALCOVE_CONSENT_ACTIVE);
  g_assert_cmpstr (alcove_consent_get_field (seen, ALCOVE_CONSENT_EXPIRES_ON), ==, "2024-02-29");
  g_assert_cmpstr (alcove_consent_get_value (seen, ALCOVE_CONSENT_VALUE_RECIPIENT), ==, "");
  g_assert_cmpstr (alcove_consent_get_value (seen, ALCOVE_CONSENT_VALUE_DESCRIPTION), ==, "");
  g_assert_cmpstr (alcove_consent_get_field (seen, ALCOVE_CONSENT_SIGNER_NAME), ==, "");
  g_assert_cmpstr (alcove_consent_get_field (seen, ALCOVE_CONSENT_DOCUMENT_ID), ==, "");
  g_assert_true (alcove_consent_store_has_current_intake (f->consents, f->adult_id, day));

  /* and may not record or change one */
  mine = complete_intake (f->adult_id, NAME_CLIENT, "2024-01-10", "");
  g_assert_false (alcove_consent_store_save (f->consents, mine, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (alcove_consent_store_revoke (f->consents, seen, "2024-02-10", "letter",
                                               &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* a supervisor records consents */
  reopen_as (f, "dana", TEST_PASSWORD);
  alcove_test_add_user (f->vault, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  reopen_as (f, "rui", TEST_OTHER_PASSWORD);
  g_clear_object (&mine);
  mine = complete_intake (f->adult_id, NAME_CLIENT, "2024-01-10", "");
  g_assert_true (alcove_consent_store_save (f->consents, mine, &error));
  g_assert_no_error (error);
}

static void
test_intake (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AlcoveConsent) intake = complete_intake (f->adult_id, NAME_CLIENT, "2024-01-10",
                                                     "2024-12-31");
  g_autoptr(AlcoveConsent) draft = complete_intake (f->minor_id, NAME_GUARDIAN, "2024-01-10", "");
  g_autoptr(GDate) before = day_of ("2024-01-09");
  g_autoptr(GDate) during = day_of ("2024-06-01");
  g_autoptr(GDate) after = day_of ("2025-01-01");
  g_autoptr(GError) error = NULL;
  g_autofree char *couple = add_client (f, "The Quartzes", "", ALCOVE_RECORD_COUPLE);
  g_autofree char *gone = add_client (f, "Gone Away", "1970-01-01", ALCOVE_RECORD_INDIVIDUAL);
  guint active = 0;

  /* a discharged client needs no intake consent */
  {
    g_autoptr(AlcoveClient) edit = alcove_client_copy (alcove_client_store_lookup (f->clients,
                                                                                   gone));

    alcove_client_set_status (edit, ALCOVE_CLIENT_DISCHARGED);
    g_assert_true (alcove_client_store_save (f->clients, edit, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpuint (alcove_consent_store_count_clients_without_intake (f->consents, during,
                                                                       &active), ==, 2);
  g_assert_cmpuint (active, ==, 2);  /* not the couple record, not the discharged client */

  activate_ok (f, intake);
  /* a draft is not consent */
  alcove_consent_set_signer (draft, ALCOVE_CONSENT_SIGNER_GUARDIAN);
  g_assert_true (alcove_consent_store_save (f->consents, draft, &error));
  g_assert_no_error (error);

  g_assert_false (alcove_consent_store_has_current_intake (f->consents, f->adult_id, before));
  g_assert_true (alcove_consent_store_has_current_intake (f->consents, f->adult_id, during));
  g_assert_false (alcove_consent_store_has_current_intake (f->consents, f->adult_id, after));
  g_assert_false (alcove_consent_store_has_current_intake (f->consents, f->minor_id, during));
  g_assert_cmpuint (alcove_consent_store_count_clients_without_intake (f->consents, during,
                                                                       &active), ==, 1);
  g_assert_cmpuint (alcove_consent_store_count_clients_without_intake (f->consents, after,
                                                                       NULL), ==, 2);
  {
    g_autoptr(GPtrArray) missing =
      alcove_consent_store_list_clients_without_intake (f->consents, during, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (missing->len, ==, 1);
    g_assert_cmpstr (missing->pdata[0], ==, f->minor_id);
  }

  /* revoked: no longer current from that day */
  g_assert_true (alcove_consent_store_revoke (f->consents, intake, "2024-03-01", "email",
                                              &error));
  g_assert_no_error (error);
  g_assert_false (alcove_consent_store_has_current_intake (f->consents, f->adult_id, during));

  /* lists: newest first, every client */
  {
    g_autoptr(GPtrArray) all = alcove_consent_store_list_all (f->consents, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 2);
    g_assert_cmpstr (alcove_consent_get_id (all->pdata[0]), ==, alcove_consent_get_id (draft));
  }
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/consents/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/consents/templates/load", test_templates);
  g_test_add_func ("/consents/templates/malformed", test_template_malformed);
  ADD ("rules/status-boundaries", test_status_boundaries);
  ADD ("rules/revocation", test_revocation);
  ADD ("rules/minor-guardian", test_minor_guardian);
  ADD ("rules/psychotherapy-separate", test_psychotherapy_separate);
  ADD ("rules/activate-refuses", test_activate_refuses);
  ADD ("audit/ids-only", test_audit_ids_only);
  ADD ("roles/billing", test_billing);
  ADD ("intake", test_intake);
#undef ADD

  return g_test_run ();
}
