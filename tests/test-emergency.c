/* test-emergency.c — breaking the glass, and the practice's signed policy, attacked through
 * the real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-emergency"

#include "config.h"

#include <json-glib/json-glib.h>

#include "alcove-audit-actions.h"
#include "alcove-client-store.h"
#include "alcove-crypto.h"
#include "alcove-emergency-log.h"
#include "alcove-emergency-notes.h"
#include "alcove-note-format.h"
#include "alcove-note-store.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define REASON "Hospital called: client admitted overnight"

typedef struct
{
  char *dir;
  char *client_id;      /* Robin: sam's client, with a progress and a psychotherapy note */
  char *other_client;   /* Kai: sam's too, whom nobody breaks the glass for */
  char *progress_id;
  char *private_id;
  char *other_note;
} Practice;

static void
practice_clear (Practice *p)
{
  g_free (p->dir);
  g_free (p->client_id);
  g_free (p->other_client);
  g_free (p->progress_id);
  g_free (p->private_id);
  g_free (p->other_note);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Practice, practice_clear)

/* dana (owner), sam and lee (clinicians), bill (billing); sam has written for Robin a
 * signed progress note and a psychotherapy note, and for Kai a progress note */
static void
make_practice (Practice *p)
{
  g_autoptr(AlcoveVault) owner = NULL;

  p->dir = alcove_test_vault_dir ();
  g_clear_object (&owner);
  owner = alcove_test_create_vault (p->dir, NULL);
  alcove_vault_lock (owner);
  g_clear_object (&owner);
  owner = alcove_test_unlocked_vault (p->dir, "dana", TEST_PASSWORD);
  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (owner, "lee", "Lee Park", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (owner, "bill", "Bill Ames", ALCOVE_ROLE_BILLING);
  alcove_vault_lock (owner);

  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (p->dir, "sam", TEST_OTHER_PASSWORD);
    g_autoptr(GError) error = NULL;
    g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (sam, &error);
    g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (clients);

    p->client_id = alcove_test_add_client (clients, "Robin");
    p->other_client = alcove_test_add_client (clients, "Kai");
    p->progress_id = alcove_test_write_note (notes, p->client_id, "soap", "Robin said the plan holds", TRUE);
    p->private_id = alcove_test_write_note (notes, p->client_id, "process", "countertransference", FALSE);
    p->other_note = alcove_test_write_note (notes, p->other_client, "dap", "Kai's session", TRUE);
  }
}

static gint64
count_rows (AlcoveVault *vault,
            const char  *sql)
{
  sqlite3_stmt *stmt = alcove_database_prepare (alcove_vault_get_database (vault), sql, NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static char *
break_glass (AlcoveVault  *vault,
             const char   *client_id,
             const char   *password,
             const char   *explanation,
             GError      **error)
{
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);

  return alcove_vault_break_glass (vault, client_id, ALCOVE_EMERGENCY_REASON_CRISIS, explanation,
                                   secret, error);
}

static gboolean
model_has_note (GListModel *model,
                const char *note_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (model, i);

      if (g_str_equal (alcove_note_get_id (note), note_id))
        return TRUE;
    }
  return FALSE;
}

/* lee reads Robin's progress notes, and only them, only after the event is on record */
static void
test_break_glass (void)
{
  g_auto(Practice) p = { 0 };
  g_autoptr(AlcoveVault) lee = NULL;
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *event_id = NULL;

  make_practice (&p);
  lee = alcove_test_unlocked_vault (p.dir, "lee", TEST_OTHER_PASSWORD);
  clients = alcove_client_store_new (lee, &error);
  notes = alcove_note_store_new (clients);
  g_assert_true (alcove_vault_can_break_glass (lee));
  g_assert_null (alcove_note_store_open (notes, p.progress_id, &error));
  g_clear_error (&error);

  /* refused: no record, nothing opened */
  g_assert_null (break_glass (lee, p.client_id, "not my password at all", REASON, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  g_assert_null (break_glass (lee, p.client_id, TEST_OTHER_PASSWORD, "   ", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (break_glass (lee, "no-such-client", TEST_OTHER_PASSWORD, REASON, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (lee, "SELECT count(*) FROM emergency_access"), ==, 0);
  g_assert_null (alcove_emergency_notes_list (notes, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  event_id = break_glass (lee, p.client_id, TEST_OTHER_PASSWORD, REASON, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event_id);
  g_assert_cmpstr (alcove_vault_get_emergency_client (lee), ==, p.client_id);
  g_assert_cmpint (alcove_vault_get_emergency_expires (lee) - g_get_real_time () / 1000, >,
                   (ALCOVE_DEFAULT_EMERGENCY_MINUTES - 1) * 60 * 1000);
  g_assert_cmpint (alcove_test_count_audit (lee, ALCOVE_AUDIT_EMERGENCY_OPEN, event_id), ==, 1);

  /* the progress note, never the psychotherapy note, never another client's */
  listed = alcove_emergency_notes_list (notes, &error);
  g_assert_no_error (error);
  g_assert_true (model_has_note (listed, p.progress_id));
  g_assert_false (model_has_note (listed, p.private_id));
  g_assert_false (model_has_note (listed, p.other_note));
  note = alcove_emergency_notes_open (notes, p.progress_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (alcove_note_get_section (note, "subjective"), "plan holds"));
  g_assert_cmpint (alcove_note_get_integrity (note), ==, ALCOVE_NOTE_INTEGRITY_OK);
  g_assert_cmpint (alcove_test_count_audit (lee, ALCOVE_AUDIT_EMERGENCY_VIEW, p.progress_id), ==, 1);
  g_assert_null (alcove_emergency_notes_open (notes, p.other_note, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (alcove_emergency_notes_open (notes, p.private_id, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* the ordinary path still reads nothing of sam's */
  g_assert_null (alcove_note_store_open (notes, p.progress_id, &error));
  g_clear_error (&error);

  /* the explanation stays in the vault's own table, never in the audit log */
  g_assert_cmpint (count_rows (lee, "SELECT count(*) FROM audit_log WHERE details LIKE"
                                    " '%Hospital called%'"), ==, 0);
  /* and the lock ends it */
  alcove_vault_lock (lee);
  g_assert_null (alcove_vault_get_emergency_event (lee));
}

static void
test_roles_refused (void)
{
  g_auto(Practice) p = { 0 };
  g_autoptr(AlcoveVault) bill = NULL;
  g_autoptr(GError) error = NULL;

  make_practice (&p);
  bill = alcove_test_unlocked_vault (p.dir, "bill", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_vault_can_break_glass (bill));
  g_assert_null (break_glass (bill, p.client_id, TEST_OTHER_PASSWORD, REASON, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (count_rows (bill, "SELECT count(*) FROM emergency_access"), ==, 0);
}

static void
spin_until_ended (AlcoveVault *vault)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (alcove_vault_get_emergency_event (vault) != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

/* The time runs out in a session that goes on: the stores are detached, the end recorded */
static void
test_expiry (void)
{
  g_auto(Practice) p = { 0 };
  g_autoptr(AlcoveVault) lee = NULL;
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *event_id = NULL;
  g_auto(GStrv) schemas = NULL;
  g_auto(GStrv) attached = NULL;

  make_practice (&p);
  lee = alcove_test_unlocked_vault (p.dir, "lee", TEST_OTHER_PASSWORD);
  clients = alcove_client_store_new (lee, &error);
  notes = alcove_note_store_new (clients);
  event_id = break_glass (lee, p.client_id, TEST_OTHER_PASSWORD, REASON, &error);
  g_assert_no_error (error);
  schemas = alcove_vault_dup_emergency_schemas (lee);
  g_assert_cmpuint (g_strv_length (schemas), ==, 1);
  /* read while it lasts: the statements that read it do not keep it attached */
  {
    g_autoptr(GListModel) listed = alcove_emergency_notes_list (notes, &error);
    g_autoptr(AlcoveNote) note = alcove_emergency_notes_open (notes, p.progress_id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (note);
  }

  alcove_vault_set_emergency_expires (lee, g_get_real_time () / 1000 + 300);
  spin_until_ended (lee);
  g_assert_null (alcove_vault_get_emergency_event (lee));
  attached = alcove_database_dup_schemas (alcove_vault_get_database (lee));
  g_assert_false (g_strv_contains ((const char * const *) attached, schemas[0]));
  g_assert_null (alcove_emergency_notes_open (notes, p.progress_id, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (count_rows (lee, "SELECT count(*) FROM emergency_access WHERE ended_ms > 0"),
                   ==, 1);
  g_assert_cmpint (alcove_test_count_audit (lee, ALCOVE_AUDIT_EMERGENCY_END, event_id), ==, 1);
}

/* The notes' author and every owner are told once; only an owner reviews, once */
static void
test_alerts_and_review (void)
{
  g_auto(Practice) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *event_id = NULL;

  make_practice (&p);
  {
    g_autoptr(AlcoveVault) lee = alcove_test_unlocked_vault (p.dir, "lee", TEST_OTHER_PASSWORD);
    g_autoptr(GPtrArray) own = NULL;

    event_id = break_glass (lee, p.client_id, TEST_OTHER_PASSWORD, REASON, &error);
    g_assert_no_error (error);
    own = alcove_emergency_log_alerts (lee, &error);
    g_assert_cmpuint (own->len, ==, 0);
  }
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (p.dir, "sam", TEST_OTHER_PASSWORD);
    g_autoptr(GPtrArray) alerts = alcove_emergency_log_alerts (sam, &error);
    AlcoveEmergencyEvent *event;

    g_assert_no_error (error);
    g_assert_cmpuint (alerts->len, ==, 1);
    event = g_ptr_array_index (alerts, 0);
    g_assert_cmpstr (event->id, ==, event_id);
    g_assert_cmpstr (event->user_name, ==, "Lee Park");
    g_assert_cmpstr (event->reason, ==, "crisis");
    g_assert_cmpstr (event->explanation, ==, REASON);
    g_assert_true (g_strv_length (event->authors) == 1);
    g_assert_false (alcove_emergency_log_review (sam, event_id, "", &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
    g_clear_error (&error);
    g_assert_true (alcove_emergency_log_acknowledge (sam, event_id, &error));
    g_clear_pointer (&alerts, g_ptr_array_unref);
    alerts = alcove_emergency_log_alerts (sam, &error);
    g_assert_cmpuint (alerts->len, ==, 0);
  }
  {
    g_autoptr(AlcoveVault) dana = alcove_test_unlocked_vault (p.dir, "dana", TEST_PASSWORD);
    g_autoptr(GPtrArray) alerts = alcove_emergency_log_alerts (dana, &error);
    g_autoptr(GPtrArray) waiting = alcove_emergency_log_list (dana, TRUE, &error);

    g_assert_cmpuint (alerts->len, ==, 1);
    g_assert_cmpuint (waiting->len, ==, 1);
    g_assert_true (alcove_emergency_log_review (dana, event_id, "Appropriate: called back", &error));
    g_assert_no_error (error);
    g_assert_false (alcove_emergency_log_review (dana, event_id, "again", &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
    g_clear_error (&error);
    g_clear_pointer (&waiting, g_ptr_array_unref);
    waiting = alcove_emergency_log_list (dana, TRUE, &error);
    g_assert_cmpuint (waiting->len, ==, 0);
    /* a reviewed event's record cannot be rewritten, even with raw SQL */
    g_assert_false (alcove_database_exec (alcove_vault_get_database (dana),
                                          "UPDATE emergency_access SET review_comment = 'x'",
                                          &error));
    g_clear_error (&error);
    g_assert_false (alcove_database_exec (alcove_vault_get_database (dana),
                                          "DELETE FROM emergency_access", &error));
  }
}

static JsonNode *
load_keys (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, ALCOVE_HEADER_FILE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
save_keys (const char *dir,
           JsonNode   *root)
{
  g_autofree char *path = g_build_filename (dir, ALCOVE_HEADER_FILE, NULL);
  g_autofree char *text = json_to_string (root, TRUE);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static GError *
unlock_error (const char *dir,
              const char *username,
              const char *password)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);
  GError *error = NULL;

  if (alcove_vault_unlock_with_password (vault, username, secret, &error))
    return NULL;
  return error;
}

/* An insider with write access edits the policy to let billing in, or to switch their own
 * co-signing off: the owner's signature no longer holds and nobody opens the vault */
static void
test_forged_policy (void)
{
  g_auto(Practice) p = { 0 };
  g_autofree char *original = NULL;
  g_autofree char *path = NULL;

  make_practice (&p);
  path = g_build_filename (p.dir, ALCOVE_HEADER_FILE, NULL);
  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  {
    g_autoptr(JsonNode) root = load_keys (p.dir);
    JsonObject *authority = json_object_get_object_member (json_node_get_object (root), "authority");
    JsonObject *policy = json_object_new ();
    JsonArray *roles = json_array_new ();

    json_array_add_string_element (roles, "owner");
    json_array_add_string_element (roles, "clinician");
    json_array_add_string_element (roles, "supervisor");
    json_object_set_array_member (policy, "cosign_roles", json_array_new ());
    json_object_set_array_member (policy, "cosign_formats", json_array_new ());
    json_object_set_array_member (policy, "emergency_roles", roles);
    json_object_set_int_member (policy, "emergency_minutes", 240);
    json_object_set_object_member (authority, "policy", policy);
    save_keys (p.dir, root);
  }
  {
    g_autoptr(GError) sam = unlock_error (p.dir, "sam", TEST_OTHER_PASSWORD);
    g_autoptr(GError) dana = unlock_error (p.dir, "dana", TEST_PASSWORD);

    g_assert_error (sam, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED);
    g_assert_error (dana, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED);
  }
  /* billing may never break the glass: even a signed policy cannot say so */
  {
    g_autoptr(JsonNode) root = load_keys (p.dir);
    JsonObject *policy = json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (root), "authority"), "policy");
    JsonArray *roles = json_object_get_array_member (policy, "emergency_roles");
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;

    json_array_add_string_element (roles, "billing");
    text = json_to_string (root, FALSE);
    g_assert_null (alcove_header_parse (text, strlen (text), &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  }
  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  g_assert_null (unlock_error (p.dir, "dana", TEST_PASSWORD));
}

static AlcoveHeaderGrant *
find_seal (AlcoveHeader *header,
           const char   *user,
           const char   *database)
{
  for (guint i = 0; i < header->emergency_grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->emergency_grants, i);

      if (g_str_equal (grant->user, user) && g_str_equal (grant->database, database))
        return grant;
    }
  return NULL;
}

/* Seals moved or swapped in the file open nothing: bill relabels lee's copy of the key as
 * his own; lee swaps sam's notes seal for one of the owner's own notes */
static void
test_swapped_seals (void)
{
  g_auto(Practice) p = { 0 };
  g_autoptr(AlcoveHeader) header = NULL;
  g_autofree char *sam_notes = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveHeaderUser *lee;
  AlcoveHeaderUser *bill;
  AlcoveHeaderGrant *seal;
  g_autoptr(AlcoveHeader) edited = NULL;

  make_practice (&p);
  header = alcove_header_load (p.dir, &error);
  g_assert_no_error (error);
  lee = alcove_header_find_user (header, "lee");
  bill = alcove_header_find_user (header, "bill");
  sam_notes = g_strdup_printf ("notes:%s", alcove_header_find_user (header, "sam")->uuid);
  g_assert_nonnull (find_seal (header, lee->uuid, ALCOVE_EMERGENCY_ID));
  g_assert_null (find_seal (header, bill->uuid, ALCOVE_EMERGENCY_ID));
  seal = find_seal (header, ALCOVE_EMERGENCY_ID, sam_notes);
  g_assert_nonnull (seal);
  g_assert_true (alcove_vault_emergency_grant_is_trusted (header, seal));
  g_clear_pointer (&header, alcove_header_free);

  {
    g_autoptr(JsonNode) root = load_keys (p.dir);
    JsonArray *seals = json_object_get_array_member (json_node_get_object (root), "emergency_grants");
    g_autofree char *bill_uuid = NULL;

    header = alcove_header_load (p.dir, NULL);
    bill_uuid = g_strdup (alcove_header_find_user (header, "bill")->uuid);
    for (guint i = 0; i < json_array_get_length (seals); i++)
      {
        JsonObject *object = json_array_get_object_element (seals, i);

        /* bill's name on lee's copy of the key: the signature covers the name */
        if (g_str_equal (json_object_get_string_member (object, "user"),
                         alcove_header_find_user (header, "lee")->uuid))
          json_object_set_string_member (object, "user", bill_uuid);
        /* sam's seal now claims to be for another store */
        if (g_str_equal (json_object_get_string_member (object, "database"), sam_notes))
          json_object_set_string_member (object, "database", "notes:00000000-0000-4000-8000-000000000000");
      }
    save_keys (p.dir, root);
  }
  {
    g_autoptr(AlcoveVault) bill_vault = alcove_test_unlocked_vault (p.dir, "bill", TEST_OTHER_PASSWORD);
    g_autoptr(AlcoveVault) dana = NULL;

    g_assert_false (alcove_vault_can_break_glass (bill_vault));
    g_assert_null (break_glass (bill_vault, p.client_id, TEST_OTHER_PASSWORD, REASON, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
    g_clear_error (&error);
    alcove_vault_lock (bill_vault);

    /* the owner's next sign-in gives lee a copy again; sam's store stays shut to it until
     * sam signs in and seals it himself */
    dana = alcove_test_unlocked_vault (p.dir, "dana", TEST_PASSWORD);
    g_assert_null (break_glass (dana, p.client_id, TEST_PASSWORD, REASON, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    alcove_vault_lock (dana);
  }
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (p.dir, "sam", TEST_OTHER_PASSWORD);
  }
  {
    g_autoptr(AlcoveVault) dana = alcove_test_unlocked_vault (p.dir, "dana", TEST_PASSWORD);
    g_autofree char *event_id = break_glass (dana, p.client_id, TEST_PASSWORD, REASON, &error);

    g_assert_no_error (error);
    g_assert_nonnull (event_id);
  }
}

/* lee kept the emergency key (say, with software of his own) before being disabled: what
 * he kept opens neither the new seals nor sam's notes written after */
static void
test_disable_renews (void)
{
  g_auto(Practice) p = { 0 };
  g_autoptr(AlcoveSecret) kept_seed = NULL;
  g_autoptr(AlcoveSecret) kept_notes_key = NULL;
  g_autoptr(AlcoveHeader) before = NULL;
  g_autoptr(AlcoveHeader) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sam_notes = NULL;

  make_practice (&p);
  {
    g_autoptr(AlcoveVault) lee = alcove_test_unlocked_vault (p.dir, "lee", TEST_OTHER_PASSWORD);
    AlcoveHeaderGrant *own = find_seal (lee->header, alcove_user_get_uuid (lee->current_user),
                                        ALCOVE_EMERGENCY_ID);
    g_autofree char *ad = alcove_header_grant_ad (lee->header, own->user, own->database);
    AlcoveHeaderGrant *wrap;
    g_autofree char *wrap_ad = NULL;

    kept_seed = alcove_crypto_open_sealed (lee->user_key, ALCOVE_PURPOSE_USER, own->ephemeral,
                                           own->nonce, own->wrapped, ad, NULL);
    g_assert_nonnull (kept_seed);
    sam_notes = g_strdup_printf ("notes:%s", alcove_header_find_user (lee->header, "sam")->uuid);
    wrap = find_seal (lee->header, ALCOVE_EMERGENCY_ID, sam_notes);
    wrap_ad = alcove_header_grant_ad (lee->header, wrap->user, wrap->database);
    kept_notes_key = alcove_crypto_open_sealed (kept_seed, "alcove emergency x25519",
                                                wrap->ephemeral, wrap->nonce, wrap->wrapped,
                                                wrap_ad, NULL);
    g_assert_nonnull (kept_notes_key);
    before = alcove_header_copy (lee->header);
  }
  {
    g_autoptr(AlcoveVault) dana = alcove_test_unlocked_vault (p.dir, "dana", TEST_PASSWORD);

    g_assert_true (alcove_vault_disable_user (dana, "lee", &error));
    g_assert_no_error (error);
    g_assert_false (g_bytes_equal (dana->header->emergency_key, before->emergency_key));
  }
  /* sam's sign-in finishes the handover of his store, under a key lee never saw */
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (p.dir, "sam", TEST_OTHER_PASSWORD);
    g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (sam, &error);
    g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (clients);
    g_autofree char *later = alcove_test_write_note (notes, p.client_id, "soap", "written after", TRUE);
  }
  after = alcove_header_load (p.dir, &error);
  g_assert_no_error (error);
  {
    AlcoveHeaderGrant *wrap = find_seal (after, ALCOVE_EMERGENCY_ID, sam_notes);
    g_autofree char *ad = alcove_header_grant_ad (after, wrap->user, wrap->database);
    AlcoveHeaderDatabase *entry = alcove_header_find_database (after, sam_notes);
    g_autofree char *path = g_build_filename (p.dir, entry->file, NULL);
    AlcoveCipherSettings settings = { entry->sqlcipher, entry->compatibility, entry->page_size,
                                      entry->hmac, entry->kdf };
    g_autoptr(AlcoveDatabase) opened = NULL;

    g_assert_null (alcove_crypto_open_sealed (kept_seed, "alcove emergency x25519",
                                              wrap->ephemeral, wrap->nonce, wrap->wrapped, ad,
                                              NULL));
    opened = alcove_database_open (path, kept_notes_key, &settings, FALSE, &error);
    g_assert_null (opened);
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  }
}

/* A format 3 vault (made before format 4) opens, gets its emergency key at the owner's
 * sign-in, the clinician's notes are sealed at his, and the owner can then break the glass */
static void
test_upgrade_from_format_3 (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "vault-v3", NULL);
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveHeader) header = NULL;
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GFileEnumerator) files = NULL;
  GFileInfo *info;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  files = g_file_enumerate_children (from, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (files, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (from, g_file_info_get_name (info));
      g_autofree char *target_path = g_build_filename (dir, g_file_info_get_name (info), NULL);
      g_autoptr(GFile) target = g_file_new_for_path (target_path);

      g_assert_true (g_file_copy (child, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
      g_object_unref (info);
    }
  header = alcove_header_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (header->version, ==, 3);
  g_assert_null (header->emergency_key);
  g_clear_pointer (&header, alcove_header_free);

  {
    g_autoptr(AlcoveVault) dana = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    AlcoveVerifyReport report;

    g_assert_cmpint (alcove_vault_get_format_version (dana), ==, 4);
    g_assert_nonnull (dana->header->emergency_key);
    /* the supervision and the signed note came through */
    g_assert_true (alcove_vault_verify (dana, &report, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
    g_auto(GStrv) supervisors = alcove_vault_dup_supervisors (sam, "sam");

    g_assert_true (g_strv_contains ((const char * const *) supervisors, "sue"));
    g_assert_true (alcove_vault_cosign_required (sam, alcove_user_get_uuid (sam->current_user),
                                                 "soap"));
  }
  {
    g_autoptr(AlcoveVault) dana = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (dana, &error);
    g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (clients);
    g_autoptr(AlcoveClient) robin = g_list_model_get_item (alcove_client_store_get_clients (clients), 0);
    g_autofree char *event_id = break_glass (dana, alcove_client_get_id (robin), TEST_PASSWORD,
                                             REASON, &error);
    g_autoptr(GListModel) listed = NULL;

    g_assert_no_error (error);
    listed = alcove_emergency_notes_list (notes, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 1);
  }
}

/* The co-signing policy: owners only, in the signed part, and what it asks */
static void
test_cosign_policy (void)
{
  g_auto(Practice) p = { 0 };
  g_autoptr(AlcoveVault) dana = NULL;
  g_autoptr(GError) error = NULL;
  const char *clinician_only[] = { "clinician", NULL };
  const char *soap_only[] = { "soap", NULL };
  const char *bad_role[] = { "janitor", NULL };
  g_auto(GStrv) formats = NULL;
  g_autofree char *sam_uuid = NULL;

  make_practice (&p);
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (p.dir, "sam", TEST_OTHER_PASSWORD);

    g_assert_false (alcove_vault_set_cosign_policy (sam, clinician_only, NULL, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
    g_clear_error (&error);
    sam_uuid = g_strdup (alcove_user_get_uuid (sam->current_user));
    /* nobody supervises sam yet */
    g_assert_false (alcove_vault_cosign_required (sam, sam_uuid, "soap"));
  }
  dana = alcove_test_unlocked_vault (p.dir, "dana", TEST_PASSWORD);
  alcove_test_add_user (dana, "sue", "Sue Chen", ALCOVE_ROLE_SUPERVISOR);
  g_assert_true (alcove_vault_grant_supervision (dana, "sue", "sam", &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_cosign_required (dana, sam_uuid, "soap"));
  g_assert_true (alcove_vault_cosign_required (dana, sam_uuid, "dap"));

  g_assert_false (alcove_vault_set_cosign_policy (dana, bad_role, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (alcove_vault_set_cosign_policy (dana, clinician_only, soap_only, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_cosign_required (dana, sam_uuid, "soap"));
  g_assert_false (alcove_vault_cosign_required (dana, sam_uuid, "dap"));
  formats = alcove_vault_dup_cosign_formats (dana);
  g_assert_cmpstrv (formats, soap_only);
  g_assert_true (alcove_vault_set_cosign_policy (dana, NULL, NULL, &error));
  g_assert_false (alcove_vault_cosign_required (dana, sam_uuid, "soap"));
  alcove_vault_lock (dana);

  /* and it survives a fresh read of the file */
  {
    g_autoptr(AlcoveVault) again = alcove_test_unlocked_vault (p.dir, "sam", TEST_OTHER_PASSWORD);

    g_assert_false (alcove_vault_cosign_required (again, sam_uuid, "soap"));
  }
}

/* Narrowing who may break the glass renews the key: lee's copy no longer opens */
static void
test_emergency_policy (void)
{
  g_auto(Practice) p = { 0 };
  g_autoptr(GError) error = NULL;
  const char *none[] = { NULL };
  const char *supervisors[] = { "supervisor", NULL };
  const char *billing[] = { "billing", NULL };

  make_practice (&p);
  {
    g_autoptr(AlcoveVault) dana = alcove_test_unlocked_vault (p.dir, "dana", TEST_PASSWORD);

    g_assert_false (alcove_vault_set_emergency_policy (dana, billing, 240, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (alcove_vault_set_emergency_policy (dana, supervisors, 5, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (alcove_vault_set_emergency_policy (dana, none, 60, &error));
    g_assert_no_error (error);
    g_assert_cmpint (alcove_vault_get_emergency_minutes (dana), ==, 60);
    g_assert_null (find_seal (dana->header, alcove_header_find_user (dana->header, "lee")->uuid,
                              ALCOVE_EMERGENCY_ID));
    g_assert_cmpint (alcove_test_count_audit (dana, ALCOVE_AUDIT_POLICY_CHANGE,
                                              alcove_user_get_uuid (dana->current_user)), ==, 1);
  }
  {
    g_autoptr(AlcoveVault) lee = alcove_test_unlocked_vault (p.dir, "lee", TEST_OTHER_PASSWORD);

    g_assert_false (alcove_vault_can_break_glass (lee));
  }
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (p.dir, "sam", TEST_OTHER_PASSWORD);
  }
  {
    g_autoptr(AlcoveVault) dana = alcove_test_unlocked_vault (p.dir, "dana", TEST_PASSWORD);
    g_autofree char *event_id = break_glass (dana, p.client_id, TEST_PASSWORD, REASON, &error);

    g_assert_no_error (error);
    g_assert_cmpint (alcove_vault_get_emergency_expires (dana) - g_get_real_time () / 1000, <=,
                     60 * 60 * 1000);
  }
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/emergency/break-glass", test_break_glass);
  g_test_add_func ("/emergency/roles-refused", test_roles_refused);
  g_test_add_func ("/emergency/expiry", test_expiry);
  g_test_add_func ("/emergency/alerts-and-review", test_alerts_and_review);
  g_test_add_func ("/emergency/forged-policy", test_forged_policy);
  g_test_add_func ("/emergency/swapped-seals", test_swapped_seals);
  g_test_add_func ("/emergency/disable-renews", test_disable_renews);
  g_test_add_func ("/emergency/upgrade-from-format-3", test_upgrade_from_format_3);
  g_test_add_func ("/emergency/cosign-policy", test_cosign_policy);
  g_test_add_func ("/emergency/emergency-policy", test_emergency_policy);

  return g_test_run ();
}
