/* test-interchange.c — import and export of clients and notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-interchange"

#include "config.h"

#include <json-glib/json-glib.h>

#include "alcove-interchange.h"
#include "alcove-json-guard.h"
#include "alcove-measure-store.h"
#include "alcove-note-format.h"
#include "alcove-plan-store.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define KNOWN_UUID "6f1c2a52-3d0e-4b8f-9a7c-1e2d3c4b5a69"

/* A valid file: individuals (one by UUID, kept), a couple by a local id, notes in every
 * record format, drafts and signed notes, addenda */
static const char valid_json[] =
  "{\"format\": \"alcove-interchange\", \"version\": 1,"
  " \"clients\": ["
  "  {\"id\": \"c-1\", \"preferred_name\": \"Robin\", \"legal_name\": \"Robin Ash\","
  "   \"date_of_birth\": \"1988-04-12\", \"pronouns\": \"they/them\","
  "   \"record_type\": \"individual\", \"status\": \"active\", \"members\": []},"
  "  {\"id\": \"" KNOWN_UUID "\", \"preferred_name\": \"Kit\", \"legal_name\": \"\","
  "   \"date_of_birth\": \"\", \"record_type\": \"individual\", \"status\": \"discharged\","
  "   \"members\": []},"
  "  {\"id\": \"couple\", \"preferred_name\": \"Robin and Kit\", \"legal_name\": \"\","
  "   \"date_of_birth\": \"\", \"record_type\": \"couple\", \"status\": \"active\","
  "   \"members\": [\"c-1\", \"" KNOWN_UUID "\"]}],"
  " \"notes\": ["
  "  {\"id\": \"n-1\", \"client\": \"c-1\", \"author\": \"dana\", \"format\": \"soap\","
  "   \"session_date\": \"2024-03-01\", \"status\": \"signed\","
  "   \"signed_at\": \"2024-03-01T15:00:00Z\","
  "   \"sections\": {\"subjective\": \"Slept badly\", \"objective\": \"Tired\","
  "                  \"assessment\": \"Stable\", \"plan\": \"Sleep diary\"},"
  "   \"addenda\": [{\"text\": \"Called to reschedule\", \"created_at\": \"2024-03-02T09:00:00Z\"},"
  "                 {\"text\": \"Diary returned\", \"created_at\": \"2024-03-09T09:00:00Z\"}]},"
  "  {\"client\": \"c-1\", \"author\": \"dana\", \"format\": \"dap\","
  "   \"session_date\": \"2024-03-08\", \"status\": \"draft\","
  "   \"sections\": {\"data\": \"Half-written\"}},"
  "  {\"client\": \"" KNOWN_UUID "\", \"author\": \"dana\", \"format\": \"birp\","
  "   \"session_date\": \"2024-02-01\", \"status\": \"signed\","
  "   \"sections\": {\"behavior\": \"B\", \"intervention\": \"I\", \"response\": \"R\","
  "                  \"plan\": \"P\"}},"
  "  {\"client\": \"couple\", \"author\": \"dana\", \"format\": \"dap\","
  "   \"session_date\": \"2024-04-01\", \"status\": \"signed\","
  "   \"sections\": {\"data\": \"Joint session\", \"assessment\": \"A\", \"plan\": \"P\"}}]}";

typedef struct
{
  AlcoveVault       *vault;
  AlcoveClientStore *clients;
  AlcoveNoteStore   *notes;
} Fixture;

static void
fixture_open (Fixture    *fixture,
              const char *dir,
              const char *username,
              const char *password)
{
  g_autoptr(GError) error = NULL;

  fixture->vault = alcove_test_unlocked_vault (dir, username, password);
  fixture->clients = alcove_client_store_new (fixture->vault, &error);
  g_assert_no_error (error);
  fixture->notes = alcove_note_store_new (fixture->clients);
}

static void
fixture_close (Fixture *fixture)
{
  g_clear_object (&fixture->notes);
  g_clear_object (&fixture->clients);
  if (fixture->vault != NULL)
    alcove_vault_lock (fixture->vault);
  g_clear_object (&fixture->vault);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_close)

/* A vault with owner "dana" and clinician "sam" */
static void
make_vault (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN, secret,
                                        alcove_test_fast_kdf (), &error));
  g_assert_no_error (error);
  alcove_vault_lock (owner);
}

static gint64
count_rows (AlcoveVault *vault,
            const char  *sql)
{
  sqlite3_stmt *stmt = alcove_database_prepare (alcove_vault_get_database (vault), sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* clients, sessions, notes and addenda in the signed-in user's store, audit rows (all, and
 * those not about signing in and out) */
/* The schema of the signed-in user's notes store */
static char *
own_schema (Fixture *fixture)
{
  g_autofree char *store = g_strconcat ("notes:", alcove_user_get_uuid (
                                        alcove_vault_get_current_user (fixture->vault)), NULL);

  return alcove_vault_schema_for (store);
}

static char *
describe_vault (Fixture *fixture)
{
  g_autofree char *schema = own_schema (fixture);
  g_autofree char *notes_sql = g_strdup_printf ("SELECT count(*) FROM %s.notes", schema);
  g_autofree char *addenda_sql = g_strdup_printf ("SELECT count(*) FROM %s.addenda", schema);

  return g_strdup_printf ("clients %" G_GINT64_FORMAT ", sessions %" G_GINT64_FORMAT
                          ", notes %" G_GINT64_FORMAT ", addenda %" G_GINT64_FORMAT
                          ", audit %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT " not sign-in)"
                          ", listed %u",
                          count_rows (fixture->vault, "SELECT count(*) FROM clients"),
                          count_rows (fixture->vault, "SELECT count(*) FROM sessions"),
                          count_rows (fixture->vault, notes_sql),
                          count_rows (fixture->vault, addenda_sql),
                          alcove_audit_count (alcove_vault_get_audit (fixture->vault)),
                          count_rows (fixture->vault, "SELECT count(*) FROM audit_log WHERE"
                                      " action NOT IN ('vault.unlock', 'vault.lock')"),
                          g_list_model_get_n_items (
                            alcove_client_store_get_clients (fixture->clients)));
}

static gboolean
import_text (Fixture             *fixture,
             const char          *text,
             AlcoveImportReport  *report,
             GError             **error)
{
  g_autoptr(GBytes) json = g_bytes_new (text, strlen (text));

  return alcove_interchange_import (fixture->notes, json, report, error);
}

static AlcoveClient *
find_client (AlcoveClientStore *clients,
             const char        *preferred_name)
{
  g_autoptr(AlcoveClient) client = alcove_test_find_client (clients, preferred_name);

  return client;  /* the store keeps it */
}

static void
test_import_valid (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) robin_notes = NULL;
  g_autoptr(GListModel) kit_notes = NULL;
  g_autoptr(GListModel) couple_notes = NULL;
  AlcoveImportReport report = { 0 };
  AlcoveClient *robin, *kit, *couple;
  GPtrArray *members;
  gint64 audit_before;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  audit_before = alcove_audit_count (alcove_vault_get_audit (fixture.vault));

  g_assert_true (import_text (&fixture, valid_json, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_clients, ==, 3);
  g_assert_cmpuint (report.n_notes, ==, 4);
  g_assert_cmpuint (report.n_signed, ==, 3);
  g_assert_cmpuint (report.n_addenda, ==, 2);

  /* Read back through a new store, from the file */
  fixture_close (&fixture);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  robin = find_client (fixture.clients, "Robin");
  kit = find_client (fixture.clients, "Kit");
  couple = find_client (fixture.clients, "Robin and Kit");
  g_assert_true (g_uuid_string_is_valid (alcove_client_get_id (robin)));
  g_assert_cmpstr (alcove_client_get_id (kit), ==, KNOWN_UUID);
  g_assert_cmpstr (alcove_client_get_field (robin, ALCOVE_CLIENT_LEGAL_NAME), ==, "Robin Ash");
  g_assert_cmpstr (alcove_client_get_field (robin, ALCOVE_CLIENT_DATE_OF_BIRTH), ==, "1988-04-12");
  g_assert_cmpstr (alcove_client_get_field (robin, ALCOVE_CLIENT_PRONOUNS), ==, "they/them");
  g_assert_cmpint (alcove_client_get_status (kit), ==, ALCOVE_CLIENT_DISCHARGED);
  g_assert_cmpint (alcove_client_get_record_type (couple), ==, ALCOVE_RECORD_COUPLE);
  members = alcove_client_get_members (couple);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (members, alcove_client_get_id (robin),
                                                   g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (members, KNOWN_UUID, g_str_equal, NULL));

  robin_notes = alcove_note_store_list_for_client (fixture.notes, alcove_client_get_id (robin),
                                                   FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (robin_notes), ==, 2);
  {
    g_autoptr(AlcoveNote) draft = g_list_model_get_item (robin_notes, 0);   /* newest first */
    g_autoptr(AlcoveNote) signed_note = g_list_model_get_item (robin_notes, 1);
    GPtrArray *addenda = alcove_note_get_addenda (signed_note);

    g_assert_cmpstr (alcove_note_get_format_id (draft), ==, "dap");
    g_assert_cmpint (alcove_note_get_status (draft), ==, ALCOVE_NOTE_DRAFT);
    g_assert_cmpstr (alcove_note_get_section (draft, "data"), ==, "Half-written");
    g_assert_cmpstr (alcove_note_get_format_id (signed_note), ==, "soap");
    g_assert_cmpint (alcove_note_get_status (signed_note), ==, ALCOVE_NOTE_SIGNED);
    g_assert_cmpstr (alcove_note_get_session_date (signed_note), ==, "2024-03-01");
    g_assert_cmpstr (alcove_note_get_section (signed_note, "plan"), ==, "Sleep diary");
    g_assert_cmpstr (alcove_note_get_signed_by (signed_note), ==,
                     alcove_user_get_uuid (alcove_vault_get_current_user (fixture.vault)));
    g_assert_true (alcove_note_store_verify (fixture.notes, signed_note));
    g_assert_cmpuint (addenda->len, ==, 2);
    g_assert_cmpstr (((AlcoveAddendum *) g_ptr_array_index (addenda, 0))->text, ==,
                     "Called to reschedule");
    g_assert_cmpstr (((AlcoveAddendum *) g_ptr_array_index (addenda, 1))->text, ==,
                     "Diary returned");
  }
  kit_notes = alcove_note_store_list_for_client (fixture.notes, KNOWN_UUID, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (kit_notes), ==, 1);
  {
    g_autoptr(AlcoveNote) birp = g_list_model_get_item (kit_notes, 0);

    g_assert_cmpstr (alcove_note_get_format_id (birp), ==, "birp");
    g_assert_true (alcove_note_store_verify (fixture.notes, birp));
  }
  couple_notes = alcove_note_store_list_for_client (fixture.notes, alcove_client_get_id (couple),
                                                    FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (couple_notes), ==, 1);

  /* One import row with counts only, among the stores' own rows */
  g_assert_cmpint (alcove_audit_count (alcove_vault_get_audit (fixture.vault)), >,
                   audit_before + 1);
  g_assert_cmpint (count_rows (fixture.vault, "SELECT count(*) FROM audit_log WHERE action ="
                               " 'vault.import' AND details ="
                               " '{\"clients\":\"3\",\"notes\":\"4\",\"signed\":\"3\",\"sessions\":\"0\","
                               "\"diagnoses\":\"0\",\"plan_versions\":\"0\",\"measures\":\"0\","
                               "\"events\":\"0\"}'"), ==, 1);
}

typedef struct
{
  const char *name;
  const char *json;   /* "@" stands for the valid file with `replace` applied */
  const char *find;
  const char *replace;
  const char *message;
} Malformed;

#define NOTE_OF(author, rest) \
  "{\"format\": \"alcove-interchange\", \"version\": 1, \"clients\": [{\"id\": \"c-1\"," \
  " \"preferred_name\": \"A\", \"legal_name\": \"\", \"date_of_birth\": \"\", \"record_type\":" \
  " \"individual\", \"status\": \"active\", \"members\": []}], \"notes\": [{\"client\": \"c-1\"," \
  " \"author\": \"" author "\", \"format\": \"soap\", \"session_date\": \"2024-01-01\"," \
  " \"status\": \"draft\", \"sections\": {}" rest "}]}"

static const Malformed malformed[] = {
  { "not JSON", "{\"format\": \"alcove-interchange\", ", NULL, NULL, "(file): not valid JSON" },
  { "empty", "", NULL, NULL, "(file): empty" },
  { "not an object", "[1, 2]", NULL, NULL, "(file): expected a JSON object, found an array" },
  { "wrong format tag", "@", "\"alcove-interchange\"", "\"alcove-backup\"",
    "format: expected \"alcove-interchange\"" },
  { "wrong version", "@", "\"version\": 1", "\"version\": 3",
    "version: version 3 is not supported; this Alcove reads versions 1 and 2" },
  { "version 2 field in version 1", "@", "\"version\": 1", "\"version\": 1, \"plans\": []",
    "plans: unknown field" },
  { "version as text", "@", "\"version\": 1", "\"version\": \"1\"",
    "version: expected a number, found a string" },
  { "unknown top-level field", "@", "\"version\": 1", "\"version\": 1, \"extra\": true",
    "extra: unknown field" },
  { "missing field", "@", "\"legal_name\": \"Robin Ash\",", "",
    "clients[0].legal_name: missing" },
  { "wrong type", "@", "\"members\": [\"c-1\", \"" KNOWN_UUID "\"]", "\"members\": \"c-1\"",
    "clients[2].members: expected an array, found a string" },
  { "misspelt optional field", "@", "\"pronouns\"", "\"pronoun\"",
    "clients[0].pronoun: unknown field" },
  { "bad date", "@", "\"2024-04-01\"", "\"2024-13-01\"",
    "notes[3].session_date: \"2024-13-01\" is not a date (YYYY-MM-DD)" },
  { "bad date of birth", "@", "\"1988-04-12\"", "\"12/04/1988\"",
    "clients[0].date_of_birth: \"12/04/1988\" is not a date (YYYY-MM-DD)" },
  { "bad signing time", "@", "\"2024-03-01T15:00:00Z\"", "\"yesterday\"",
    "notes[0].signed_at: \"yesterday\" is not a date and time" },
  { "unknown section key", "@", "\"behavior\"", "\"behaviour\"",
    "notes[2].sections.behaviour: not a section of BIRP" },
  { "missing required section of a signed note", "@", "\"response\": \"R\",", "",
    "notes[2].sections: a signed note needs every required section of BIRP; missing: response" },
  { "unknown format", "@", "\"birp\"", "\"pie\"",
    "notes[2].format: \"pie\" is not a progress note format" },
  { "private format", "@", "\"birp\"", "\"process\"",
    "notes[2].format: \"process\" is not a progress note format" },
  { "bad status", "@", "\"status\": \"draft\"", "\"status\": \"final\"",
    "notes[1].status: \"final\" is not one of draft, signed" },
  { "unknown author", NOTE_OF ("nobody", ""), NULL, NULL,
    "notes[0].author: no user \"nobody\" in this vault" },
  { "another user's notes", NOTE_OF ("sam", ""), NULL, NULL,
    "notes[0].author: only notes written by dana can be imported by you; ask sam to import "
    "theirs" },
  { "addenda on a draft", NOTE_OF ("dana", ", \"addenda\": [{\"text\": \"x\", \"created_at\":"
                                   " \"2024-01-01T00:00:00Z\"}]"), NULL, NULL,
    "notes[0].addenda: a draft has no addenda" },
  { "duplicate client id in file", "@", "\"id\": \"couple\"", "\"id\": \"c-1\"",
    "clients[2].id: duplicate id \"c-1\"" },
  { "duplicate note id in file", "@", "\"session_date\": \"2024-03-08\"",
    "\"id\": \"n-1\", \"session_date\": \"2024-03-08\"", "notes[1].id: duplicate id \"n-1\"" },
  { "note for unknown client", "@", "\"client\": \"couple\"", "\"client\": \"c-9\"",
    "notes[3].client: no client \"c-9\" in the file or the vault" },
  { "unknown member", "@", "[\"c-1\", \"" KNOWN_UUID "\"]", "[\"c-1\", \"c-7\"]",
    "clients[2].members[1]: no client \"c-7\" in the file or the vault" },
  { "members of an individual", "@", "\"discharged\",   \"members\": []",
    "\"discharged\", \"members\": [\"c-1\"]",
    "clients[1].members: an individual record has no members" },
  { "record type", "@", "\"couple\", \"status\"", "\"pair\", \"status\"",
    "clients[2].record_type: \"pair\" is not one of individual, couple, family, group" },
  { "section text not a string", "@", "\"Half-written\"", "42",
    "notes[1].sections.data: expected a string, found a number" },
};

static char *
malformed_text (const Malformed *entry)
{
  g_autoptr(GString) text = NULL;

  if (!g_str_equal (entry->json, "@"))
    return g_strdup (entry->json);
  text = g_string_new (valid_json);
  g_assert_nonnull (strstr (text->str, entry->find));
  g_string_replace (text, entry->find, entry->replace, 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_import_malformed (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(AlcoveClient) existing = alcove_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  /* some content already in the vault, to be left alone */
  alcove_client_set_field (existing, ALCOVE_CLIENT_PREFERRED_NAME, "Already here");
  g_assert_true (alcove_client_store_save (fixture.clients, existing, &error));
  g_assert_no_error (error);
  before = describe_vault (&fixture);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *text = malformed_text (&malformed[i]);
      g_autofree char *after = NULL;

      g_test_message ("%s", malformed[i].name);
      g_assert_false (import_text (&fixture, text, NULL, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, malformed[i].message))
        g_error ("%s: expected “%s…”, got “%s”", malformed[i].name, malformed[i].message,
                 error->message);
      g_clear_error (&error);
      after = describe_vault (&fixture);
      g_assert_cmpstr (after, ==, before);
    }

  /* A UUID already in the vault */
  {
    g_autoptr(GString) text = g_string_new (valid_json);
    g_autofree char *after = NULL;

    g_string_replace (text, KNOWN_UUID, alcove_client_get_id (existing), 0);
    g_assert_false (import_text (&fixture, text->str, NULL, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "clients[1].id: duplicate id \""));
    g_assert_nonnull (strstr (error->message, "already in the vault"));
    g_clear_error (&error);
    after = describe_vault (&fixture);
    g_assert_cmpstr (after, ==, before);
  }

  /* and the valid file still goes in whole afterwards */
  g_assert_true (import_text (&fixture, valid_json, NULL, &error));
  g_assert_no_error (error);
}

/* Text that would crash json-glib, or be cut short by it, is refused before it is parsed,
 * with a message, and nothing is written */
static void
test_import_hostile (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"format\": \"alcove-interchange\", \"version\": 1,"
                                          " \"clients\": [], \"notes\": [], \"x\": ");
  g_autoptr(GString) nul_escape = g_string_new (valid_json);
  g_autoptr(GString) nul_byte = g_string_new (valid_json);
  g_autoptr(GString) escaped = g_string_new (valid_json);
  struct { GString *text; const char *message; } refused[] = {
    { deep, "(file): nested more than 64 levels deep (at byte 143)" },
    { nul_escape, "(file): a string holds the escape \\u0000" },
    { nul_byte, "(file): holds a NUL byte" },
  };
  g_autoptr(GBytes) too_large = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "}");
  g_string_replace (nul_escape, "Slept badly", "Slept\\u0000 badly", 1);
  nul_byte->str[strstr (nul_byte->str, "Slept badly") - nul_byte->str + 5] = '\0';

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  before = describe_vault (&fixture);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GBytes) json = g_bytes_new (refused[i].text->str, refused[i].text->len);
      g_autofree char *after = NULL;

      g_assert_false (alcove_interchange_import (fixture.notes, json, NULL, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
      g_test_message ("%s", error->message);
      if (!g_str_has_prefix (error->message, refused[i].message))
        g_error ("expected “%s…”, got “%s”", refused[i].message, error->message);
      g_clear_error (&error);
      /* and the check without a vault says the same */
      g_assert_false (alcove_interchange_check (json, &error));
      g_assert_true (g_str_has_prefix (error->message, refused[i].message));
      g_clear_error (&error);
      after = describe_vault (&fixture);
      g_assert_cmpstr (after, ==, before);
    }

  /* over the size limit: refused on the length alone, so the bytes are never touched (and
   * never faulted in: the allocation costs address space, not memory) */
  too_large = g_bytes_new_take (g_malloc (ALCOVE_INTERCHANGE_MAX_SIZE + 1),
                                ALCOVE_INTERCHANGE_MAX_SIZE + 1);
  g_assert_false (alcove_interchange_import (fixture.notes, too_large, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "(file): too large to read (512.0\xc2\xa0MiB; "
                                                   "at most 512.0\xc2\xa0MiB)"));
  g_clear_error (&error);
  g_assert_cmpstr (describe_vault (&fixture), ==, before);

  /* an escaped backslash before u0000 is ordinary text, kept as written */
  g_string_replace (escaped, "Slept badly", "Slept \\\\u0000 badly", 1);
  g_assert_true (import_text (&fixture, escaped->str, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) notes = NULL;
    g_autoptr(AlcoveNote) note = NULL;

    notes = alcove_note_store_list_for_client (fixture.notes, alcove_client_get_id (
                                                 find_client (fixture.clients, "Robin")),
                                               FALSE, &error);
    g_assert_no_error (error);
    note = g_list_model_get_item (notes, 1);    /* newest first: the signed SOAP note */
    g_assert_cmpstr (alcove_note_get_section (note, "subjective"), ==, "Slept \\u0000 badly");
  }
}

/* The check without a vault: the valid file passes, and what needs the vault is skipped */
static void
test_check_without_vault (void)
{
  g_autoptr(GBytes) valid = g_bytes_new_static (valid_json, strlen (valid_json));
  g_autoptr(GBytes) other_author = g_bytes_new_static (NOTE_OF ("nobody", ""),
                                                       strlen (NOTE_OF ("nobody", "")));
  g_autoptr(GBytes) bad_date = NULL;
  g_autoptr(GError) error = NULL;
  const Malformed *entry = NULL;
  g_autofree char *text = NULL;

  g_assert_true (alcove_interchange_check (valid, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_interchange_check (other_author, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (malformed) && entry == NULL; i++)
    if (g_str_equal (malformed[i].name, "bad date"))
      entry = &malformed[i];
  text = malformed_text (entry);
  bad_date = g_bytes_new (text, strlen (text));
  g_assert_false (alcove_interchange_check (bad_date, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, entry->message));
}

/* With `trigger` (named "refuse") refusing a write, the import of `text` fails at `path` */
static void
assert_refused_midway (Fixture    *fixture,
                       const char *trigger,
                       const char *text,
                       const char *path)
{
  AlcoveDatabase *database = alcove_vault_get_database (fixture->vault);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_database_exec (database, trigger, &error));
  g_assert_no_error (error);
  g_assert_false (import_text (fixture, text, NULL, &error));
  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, path))
    g_error ("Expected “%s…”, got “%s”", path, error->message);
  g_clear_error (&error);
  g_assert_true (alcove_database_exec (database, "DROP TRIGGER temp.refuse", &error));
  g_assert_no_error (error);
}

/* A failure while writing (not while checking) rolls back what was already written */
static void
test_import_rollback (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Fixture) fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  before = describe_vault (&fixture);
  /* every check passes, then the database refuses the last note's session */
  assert_refused_midway (&fixture, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.sessions"
                                   " WHEN NEW.date = '2024-04-01'"
                                   " BEGIN SELECT RAISE (ABORT, 'refused'); END",
                         valid_json, "notes[3]: ");

  /* the store in memory still lists the clients written before the failure (it publishes
   * on its own commit); a new store reads what the file holds: nothing */
  fixture_close (&fixture);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  after = describe_vault (&fixture);
  /* the same but for the sign-out and sign-in just made */
  g_assert_cmpstr (strstr (after, "(") , ==, strstr (before, "("));
  g_assert_cmpstr (strstr (after, ", audit"), !=, NULL);
  *strstr (after, ", audit") = '\0';
  *strstr (before, ", audit") = '\0';
  g_assert_cmpstr (after, ==, before);
}

/* Many addenda on one note all go in, in order (the import used to re-index the whole note
 * per addendum, which made it quadratic; tests/bench is where speed is measured) */
static void
test_import_many_addenda (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NOTE_OF ("dana", ""));
  g_autoptr(GString) addenda = g_string_new (", \"addenda\": [");
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  AlcoveImportReport report = { 0 };
  GPtrArray *read_back;
  const guint n = 1000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (addenda, "%s{\"text\": \"Addendum %u\", \"created_at\":"
                            " \"2024-01-02T00:00:00Z\"}", i ? ", " : "", i);
  g_string_append (addenda, "]}]}");
  /* NOTE_OF's draft made signed, with its required sections */
  g_string_replace (text, "\"status\": \"draft\", \"sections\": {}}]}",
                    "\"status\": \"signed\", \"sections\": {\"subjective\": \"S\","
                    " \"objective\": \"O\", \"assessment\": \"A\", \"plan\": \"P\"}", 1);
  g_string_append (text, addenda->str);

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  g_assert_true (import_text (&fixture, text->str, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_addenda, ==, n);

  /* read back from the file, in order, each still matching its signature */
  fixture_close (&fixture);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  listed = alcove_note_store_list_for_client (fixture.notes,
                                              alcove_client_get_id (find_client (fixture.clients,
                                                                                 "A")),
                                              FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 1);
  note = g_list_model_get_item (listed, 0);
  read_back = alcove_note_get_addenda (note);
  g_assert_cmpuint (read_back->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Addendum %u", i);

      g_assert_cmpstr (((AlcoveAddendum *) g_ptr_array_index (read_back, i))->text, ==, expected);
    }
  g_assert_true (alcove_note_store_verify (fixture.notes, note));

  /* and each is in the search index once, beside the note's own text */
  {
    g_autofree char *store = g_strconcat ("notes:", alcove_note_get_author (note), NULL);
    g_autofree char *schema = alcove_vault_schema_for (store);
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s.search_docs WHERE"
                                            " note_id = '%s' AND kind = 'addendum'", schema,
                                            alcove_note_get_id (note));
    g_autofree char *whole = g_strdup_printf ("SELECT count(*) FROM %s.search_docs WHERE"
                                              " note_id = '%s'", schema,
                                              alcove_note_get_id (note));

    g_assert_cmpint (count_rows (fixture.vault, sql), ==, n);
    g_assert_cmpint (count_rows (fixture.vault, whole), ==, n + 1);
  }
}

static JsonNode *
parse (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_true (json_parser_load_from_data (parser, data, size, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Each entry's id as its kind and place ("session#2"), in the entries and where they are
 * named: an import gives these new ids */
static GHashTable *
label_ids (JsonArray  *entries,
           const char *kind)
{
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      char *label = g_strdup_printf ("%s#%u", kind, i);

      g_hash_table_insert (labels, g_strdup (json_object_get_string_member (entry, "id")), label);
      json_object_set_string_member (entry, "id", label);
    }
  return labels;
}

static void
relabel (JsonObject *entry,
         const char *member,
         GHashTable *labels)
{
  const char *label;

  if (!json_object_has_member (entry, member))
    return;
  label = g_hash_table_lookup (labels, json_object_get_string_member (entry, member));
  json_object_set_string_member (entry, member, label ? label : "(not in the file)");
}

static JsonArray *
array_of (JsonObject *object,
          const char *member)
{
  return json_object_has_member (object, member)
         ? json_object_get_array_member (object, member) : NULL;
}

static void
strip_plans (JsonArray  *plans,
             GHashTable *diagnosis_labels)
{
  for (guint i = 0; plans != NULL && i < json_array_get_length (plans); i++)
    {
      JsonObject *plan = json_array_get_object_element (plans, i);
      JsonArray *versions = json_object_get_array_member (plan, "versions");

      json_object_remove_member (plan, "id");
      for (guint v = 0; v < json_array_get_length (versions); v++)
        {
          JsonObject *version = json_array_get_object_element (versions, v);
          JsonArray *problems = json_object_get_array_member (version, "problems");

          json_object_remove_member (version, "signed_at");
          json_object_remove_member (version, "hash");
          for (guint p = 0; p < json_array_get_length (problems); p++)
            {
              JsonArray *links = json_object_get_array_member (
                                   json_array_get_object_element (problems, p), "diagnoses");

              for (guint d = 0; d < json_array_get_length (links); d++)
                relabel (json_array_get_object_element (links, d), "id", diagnosis_labels);
            }
        }
    }
}

/* Removes or relabels what an import cannot keep: ids but the clients' UUIDs; signing,
 * addendum and acknowledgement times, and the hashes that cover them */
static void
strip_generated (JsonNode *root)
{
  JsonObject *top = json_node_get_object (root);
  JsonArray *notes = json_object_get_array_member (top, "notes");
  JsonArray *measures = array_of (top, "measures");
  JsonArray *events = array_of (top, "events");
  g_autoptr(GHashTable) sessions = label_ids (array_of (top, "sessions"), "session");
  g_autoptr(GHashTable) diagnoses = label_ids (array_of (top, "diagnoses"), "diagnosis");

  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      JsonObject *note = json_array_get_object_element (notes, i);

      json_object_remove_member (note, "id");
      json_object_remove_member (note, "signed_at");
      json_object_remove_member (note, "hash");
      relabel (note, "session", sessions);
      if (json_object_has_member (note, "addenda"))
        {
          JsonArray *addenda = json_object_get_array_member (note, "addenda");

          for (guint j = 0; j < json_array_get_length (addenda); j++)
            json_object_remove_member (json_array_get_object_element (addenda, j), "created_at");
        }
    }
  strip_plans (array_of (top, "plans"), diagnoses);
  for (guint i = 0; measures != NULL && i < json_array_get_length (measures); i++)
    {
      JsonObject *measure = json_array_get_object_element (measures, i);

      json_object_remove_member (measure, "id");
      if (json_object_has_member (measure, "acknowledged_at"))
        json_object_set_string_member (measure, "acknowledged_at", "(acknowledged)");
      relabel (measure, "session", sessions);
    }
  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    json_object_remove_member (json_array_get_object_element (events, i), "id");
}

static void
assert_same_records (JsonNode *first,
                     JsonNode *second)
{
  strip_generated (first);
  strip_generated (second);
  if (!json_node_equal (first, second))
    {
      g_autofree char *a = json_to_string (first, TRUE);
      g_autofree char *b = json_to_string (second, TRUE);

      g_error ("The round trip changed the records:\n%s\n---\n%s", a, b);
    }
}

/* `first` into a fresh vault and out again: the same records */
static void
assert_round_trip (GBytes             *first,
                   AlcoveImportReport *report)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "other", NULL);
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(JsonNode) first_root = parse (first);
  g_autoptr(JsonNode) second_root = NULL;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  g_assert_true (alcove_interchange_import (fixture.notes, first, report, &error));
  g_assert_no_error (error);
  second = alcove_interchange_export (fixture.notes, &error);
  g_assert_no_error (error);
  second_root = parse (second);
  assert_same_records (first_root, second_root);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(AlcoveNote) private_note = NULL;
  g_autoptr(JsonNode) first_root = NULL;
  JsonArray *notes;
  const char *text;
  gsize size;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  g_assert_true (import_text (&fixture, valid_json, NULL, &error));
  g_assert_no_error (error);
  /* a psychotherapy note, which must never leave the vault */
  private_note = alcove_note_store_create (fixture.notes, KNOWN_UUID, NULL, ALCOVE_FORMAT_PRIVATE,
                                           "2024-02-02", &error);
  g_assert_no_error (error);
  alcove_note_set_section (private_note,
                           alcove_note_format_get_section (
                             alcove_note_format_lookup (ALCOVE_FORMAT_PRIVATE), 0)->key,
                           "PRIVATE-PROCESS-TEXT");
  g_assert_true (alcove_note_store_save (fixture.notes, private_note, &error));
  g_assert_no_error (error);

  first = alcove_interchange_export (fixture.notes, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (first, &size);
  g_assert_null (g_strstr_len (text, size, "PRIVATE-PROCESS-TEXT"));
  g_assert_null (g_strstr_len (text, size, "\"process\""));
  g_assert_cmpint (count_rows (fixture.vault, "SELECT count(*) FROM audit_log WHERE action ="
                               " 'vault.export' AND details = '{\"clients\":\"3\",\"notes\":\"4\","
                               "\"sessions\":\"4\",\"diagnoses\":\"0\",\"plan_versions\":\"0\","
                               "\"measures\":\"0\",\"events\":\"0\"}'"),
                   ==, 1);

  /* deterministic */
  again = alcove_interchange_export (fixture.notes, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, again));

  first_root = parse (first);
  notes = json_object_get_array_member (json_node_get_object (first_root), "notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (first_root), "clients")), ==, 3);
  fixture_close (&fixture);

  assert_round_trip (first, NULL);
}

/* A supervisor exports the notes they may read; billing exports clients and no notes */
static void
test_export_roles (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (TEST_OTHER_PASSWORD);

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  g_assert_true (import_text (&fixture, valid_json, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_add_user (fixture.vault, "pat", "Pat Lee", ALCOVE_ROLE_BILLING,
                                        secret, alcove_test_fast_kdf (), &error));
  g_assert_no_error (error);
  fixture_close (&fixture);

  fixture_open (&fixture, dir, "pat", TEST_OTHER_PASSWORD);
  bytes = alcove_interchange_export (fixture.notes, &error);
  g_assert_no_error (error);
  root = parse (bytes);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "clients")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "notes")), ==, 0);

  /* and billing imports no notes */
  g_assert_false (import_text (&fixture, valid_json, NULL, &error));
  g_assert_nonnull (error);
}

/* ---- version 2: sessions, diagnoses, plans, measures ---- */

/* What version 2 adds, counted in the files */
static char *
describe_records (Fixture *fixture)
{
  g_autofree char *schema = own_schema (fixture);
  g_autofree char *plans_sql = g_strdup_printf ("SELECT count(*) FROM %s.plans", schema);
  g_autofree char *measures_sql = g_strdup_printf ("SELECT count(*) FROM"
                                                   " %s.measure_administrations", schema);
  g_autofree char *notes = describe_vault (fixture);

  *strstr (notes, ", audit") = '\0';
  return g_strdup_printf ("%s, diagnoses %" G_GINT64_FORMAT ", plan versions %" G_GINT64_FORMAT
                          ", measures %" G_GINT64_FORMAT, notes,
                          count_rows (fixture->vault, "SELECT count(*) FROM diagnoses"),
                          count_rows (fixture->vault, plans_sql),
                          count_rows (fixture->vault, measures_sql));
}

static JsonArray *
member_array (JsonNode   *root,
              const char *member)
{
  return json_object_get_array_member (json_node_get_object (root), member);
}

/* The v1 file as Alcove wrote it before version 2 still goes in */
static void
test_v1_fixture (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *text = alcove_test_read_fixture ("interchange-v1.json");
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(GError) error = NULL;
  AlcoveImportReport report = { 0 };

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  g_assert_true (import_text (&fixture, text, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_clients, ==, 3);
  g_assert_cmpuint (report.n_notes, ==, 4);
  g_assert_cmpuint (report.n_signed, ==, 3);
  g_assert_cmpuint (report.n_addenda, ==, 2);
  g_assert_cmpuint (report.n_sessions, ==, 0);
  g_assert_null (report.warnings);
}

/* Every session, diagnosis, plan version and measure survives export and import into a
 * fresh vault, and the scores are the answers' */
static void
test_v2_round_trip (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *text = alcove_test_read_fixture ("interchange-v2.json");
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(JsonNode) first_root = NULL;
  g_autoptr(AlcovePlanStore) plans = NULL;
  g_autoptr(GListModel) versions = NULL;
  AlcoveImportReport report = { 0 };
  AlcoveClient *robin;
  JsonArray *exported;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  g_assert_true (import_text (&fixture, text, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_clients, ==, 2);
  g_assert_cmpuint (report.n_sessions, ==, 5);
  g_assert_cmpuint (report.n_diagnoses, ==, 3);
  g_assert_cmpuint (report.n_notes, ==, 3);
  g_assert_cmpuint (report.n_signed, ==, 2);
  g_assert_cmpuint (report.n_addenda, ==, 1);
  g_assert_cmpuint (report.n_plans, ==, 1);
  g_assert_cmpuint (report.n_plan_versions, ==, 3);
  g_assert_cmpuint (report.n_measures, ==, 2);
  g_assert_cmpuint (report.n_events, ==, 1);
  g_assert_null (report.warnings);

  /* a client with only the four fields the format promises gets the defaults */
  robin = find_client (fixture.clients, "Robin");
  g_assert_cmpint (alcove_client_get_record_type (robin), ==, ALCOVE_RECORD_INDIVIDUAL);
  g_assert_cmpint (alcove_client_get_status (robin), ==, ALCOVE_CLIENT_ACTIVE);
  g_assert_cmpuint (alcove_client_get_members (robin)->len, ==, 0);
  g_assert_cmpstr (alcove_client_get_field (robin, ALCOVE_CLIENT_PRONOUNS), ==, "");

  /* the signed versions are signed in this vault, and verify */
  plans = alcove_plan_store_new (fixture.notes);
  versions = alcove_plan_store_list_for_client (plans, alcove_client_get_id (robin), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AlcovePlan) version = g_list_model_get_item (versions, i);

      g_assert_cmpint (alcove_plan_get_status (version), ==,
                       alcove_plan_get_version (version) == 3 ? ALCOVE_PLAN_DRAFT
                                                              : ALCOVE_PLAN_SIGNED);
      if (alcove_plan_get_status (version) == ALCOVE_PLAN_SIGNED)
        g_assert_true (alcove_plan_store_verify (plans, version));
    }

  first = alcove_interchange_export (fixture.notes, &error);
  g_assert_no_error (error);
  first_root = parse (first);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (first_root), "version"),
                   ==, 2);
  g_assert_cmpuint (json_array_get_length (member_array (first_root, "sessions")), ==, 5);
  g_assert_cmpuint (json_array_get_length (member_array (first_root, "diagnoses")), ==, 3);
  exported = member_array (first_root, "measures");
  g_assert_cmpuint (json_array_get_length (exported), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (exported, 0),
                                               "total"), ==, 11);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (exported, 1),
                                                  "band"), ==, "moderate");
  /* the medication change entered, not the plan's two signings, which its versions hold */
  exported = member_array (first_root, "events");
  g_assert_cmpuint (json_array_get_length (exported), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (exported, 0),
                                                  "kind"), ==, "medication");
  exported = member_array (first_root, "plans");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (exported, 0), "versions")), ==, 3);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                                  "\"code\" : \"F32.1\""));
  fixture_close (&fixture);

  assert_round_trip (first, &report);
  g_assert_cmpuint (report.n_plan_versions, ==, 3);
  g_assert_null (report.warnings);
}

/* A total or band in the file is never kept: the answers are scored again, and a
 * difference is a warning */
static void
test_v2_recomputed (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *fixture_text = alcove_test_read_fixture ("interchange-v2.json");
  g_autoptr(GString) text = g_string_new (fixture_text);
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveMeasureStore) measures = NULL;
  g_autoptr(GListModel) given = NULL;
  g_autoptr(AlcoveMeasureAdministration) phq9 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  AlcoveImportReport report = { 0 };
  AlcoveImportReport checked = { 0 };
  GHashTable *answers;
  GHashTableIter iter;
  gpointer value;
  int sum = 0;

  g_assert_cmpuint (g_string_replace (text, "\"total\": 11", "\"total\": 99", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "\"band\": \"moderate\"", "\"band\": \"severe\"", 1),
                    ==, 1);
  /* the check without a vault counts the file and warns the same */
  bytes = g_bytes_new (text->str, text->len);
  g_assert_true (alcove_interchange_check_report (bytes, &checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (checked.n_sessions, ==, 5);
  g_assert_cmpuint (checked.n_diagnoses, ==, 3);
  g_assert_cmpuint (checked.n_plans, ==, 1);
  g_assert_cmpuint (checked.n_plan_versions, ==, 3);
  g_assert_cmpuint (checked.n_measures, ==, 2);
  g_assert_nonnull (checked.warnings);
  g_assert_cmpuint (checked.warnings->len, ==, 2);

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  g_assert_true (import_text (&fixture, text->str, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report.warnings);
  g_assert_cmpuint (report.warnings->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (g_ptr_array_index (report.warnings, i), ==,
                     g_ptr_array_index (checked.warnings, i));
  alcove_import_report_clear (&checked);
  g_assert_cmpstr (g_ptr_array_index (report.warnings, 0), ==,
                   "measures[0].total: the file says 99, the answers score 11; the score was "
                   "kept");
  g_assert_cmpstr (g_ptr_array_index (report.warnings, 1), ==,
                   "measures[0].band: the file says \"severe\", the answers score "
                   "\"moderate\"; the score was kept");
  alcove_import_report_clear (&report);
  g_assert_null (report.warnings);

  /* what the vault holds is the answers' score */
  fixture_close (&fixture);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  measures = alcove_measure_store_new (fixture.notes);
  given = alcove_measure_store_list (measures, alcove_client_get_id (find_client (
                                       fixture.clients, "Robin")), "phq9", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (given), ==, 1);
  phq9 = g_list_model_get_item (given, 0);
  answers = alcove_measure_administration_get_answers (phq9);
  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sum += GPOINTER_TO_INT (value) - 1;
  g_assert_cmpint (alcove_measure_administration_get_total (phq9), ==, sum);
  g_assert_cmpint (alcove_measure_administration_get_total (phq9), !=, 99);
  g_assert_cmpstr (alcove_measure_administration_get_band_id (phq9), ==, "moderate");
  g_assert_cmpint (alcove_measure_administration_get_acknowledged_ms (phq9), >, 0);
}

typedef struct
{
  const char *name;
  const char *find;      /* its first occurrence in the v2 fixture */
  const char *replace;
  const char *message;   /* the error starts with it */
  gboolean    needs_vault;
} BadV2;

static const BadV2 bad_v2[] = {
  { "answer out of range", "\"phq9_1\": 2", "\"phq9_1\": 7",
    "measures[0].answers.phq9_1: 7 is out of range: the answers to item 1 of phq9 score "
    "0, 1, 2, 3", FALSE },
  { "answer to no item", "\"phq9_1\": 2", "\"phq9_10\": 2",
    "measures[0].answers.phq9_10: not an item of phq9", FALSE },
  { "unanswered item", "\"phq9_1\": 2,", "",
    "measures[0].answers: not every item is answered (missing: phq9_1)", FALSE },
  { "unknown measure", "\"measure\": \"phq9\"", "\"measure\": \"phq10\"",
    "measures[0].measure: \"phq10\" is not an outcome measure of this Alcove", FALSE },
  { "risk prompt not acknowledged", "\"acknowledged_at\": \"2024-03-01T14:40:00Z\",", "",
    "measures[0].acknowledged_at: missing; these answers raise a risk prompt", FALSE },
  { "a plan's change entered as an event", "\"kind\": \"medication\"", "\"kind\": \"plan\"",
    "events[0].kind: expected \"medication\" or \"other\"", FALSE },
  { "event text of two lines", "\"text\": \"Sertraline 50 mg started by the GP\"",
    "\"text\": \"Sertraline\\nstarted\"", "events[0].text: expected one line of 1 to 120 characters",
    FALSE },
  { "event of an unknown client", "\"client\": \"c-robin\",\n      \"author\": \"dana\",\n      \"kind\"",
    "\"client\": \"c-nobody\",\n      \"author\": \"dana\",\n      \"kind\"", "events[0].client",
    FALSE },
  { "bad session date", "\"date\": \"2024-03-15\"", "\"date\": \"2024-02-30\"",
    "sessions[2].date: \"2024-02-30\" is not a date (YYYY-MM-DD)", FALSE },
  { "duplicate session id", "\"id\": \"s-2\"", "\"id\": \"s-1\"",
    "sessions[1].id: duplicate id \"s-1\"", FALSE },
  { "cancelled without a reason", "\"status_reason\": \"Client unwell\"",
    "\"service_code\": \"\"", "sessions[2].status_reason: missing", FALSE },
  { "unknown session status", "\"status\": \"no-show\"", "\"status\": \"missed\"",
    "sessions[3].status: \"missed\" is not one of scheduled, attended, cancelled, no-show",
    FALSE },
  { "note on a cancelled session", "\"session\": \"s-2\"", "\"session\": \"s-3\"",
    "notes[1].session: session \"s-3\" was cancelled, so it holds no note", FALSE },
  { "duplicate diagnosis id", "\"id\": \"d-2\"", "\"id\": \"d-1\"",
    "diagnoses[1].id: duplicate id \"d-1\"", FALSE },
  { "not an ICD-10-CM code", "\"code\": \"Z63.0\"", "\"code\": \"panic\"",
    "diagnoses[2].code: “panic” is not written as an ICD-10-CM code", FALSE },
  { "two current primaries", "\"rank\": \"secondary\",\n      \"onset\": \"2023-01-01\",\n"
    "      \"resolved\": \"2024-01-15\"", "\"rank\": \"primary\",\n      \"onset\": \"2023-01-01\"",
    "diagnoses[1].rank: this client's current primary diagnosis is diagnoses[0]", FALSE },
  { "signed plan edited", "\"Panic attacks at work\"", "\"Panic attacks at home\"",
    "plans[0].versions[0].hash: this signed plan version does not match its hash", FALSE },
  { "signed plan without its hash", "\"hash\"", "\"sha\"",
    "plans[0].versions[0].sha: unknown field", FALSE },
  { "draft before a signed version", "\"status\": \"signed\",\n          \"signed_at\": "
    "\"2024-06-01T16:00:00.000Z\"", "\"status\": \"draft\",\n          \"signed_at\": "
    "\"2024-06-01T16:00:00.000Z\"", "plans[0].versions[1].status: only the newest version may "
    "be a draft", FALSE },
  { "link to no diagnosis", "\"id\": \"d-1\",\n                  \"code\"",
    "\"id\": \"d-9\",\n                  \"code\"",
    "plans[0].versions[0].problems[0].diagnoses[0].id: no diagnosis \"d-9\" of this client",
    FALSE },
  { "another author's plan", "\"author\": \"dana\",\n      \"versions\"",
    "\"author\": \"sam\",\n      \"versions\"",
    "plans[0].author: only plans written by dana can be imported by you; ask sam", TRUE },
  { "unknown format version", "\"version\": 2", "\"version\": 7",
    "version: version 7 is not supported", FALSE },
};

/* Each refused with its path and reason, by import (nothing written) and by check alike */
static void
test_v2_refused (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *fixture_text = alcove_test_read_fixture ("interchange-v2.json");
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  before = describe_records (&fixture);
  for (guint i = 0; i < G_N_ELEMENTS (bad_v2); i++)
    {
      g_autoptr(GString) text = g_string_new (fixture_text);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *after = NULL;

      g_test_message ("%s", bad_v2[i].name);
      if (g_string_replace (text, bad_v2[i].find, bad_v2[i].replace, 1) != 1)
        g_error ("%s: “%s” is not in the fixture", bad_v2[i].name, bad_v2[i].find);
      g_assert_false (import_text (&fixture, text->str, NULL, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, bad_v2[i].message))
        g_error ("%s: expected “%s…”, got “%s”", bad_v2[i].name, bad_v2[i].message,
                 error->message);
      g_clear_error (&error);
      after = describe_records (&fixture);
      g_assert_cmpstr (after, ==, before);

      bytes = g_bytes_new (text->str, text->len);
      if (bad_v2[i].needs_vault)
        g_assert_true (alcove_interchange_check (bytes, NULL));
      else
        {
          g_assert_false (alcove_interchange_check (bytes, &error));
          g_assert_true (g_str_has_prefix (error->message, bad_v2[i].message));
          g_clear_error (&error);
        }
    }
  /* the file itself goes in */
  g_assert_true (import_text (&fixture, fixture_text, NULL, &error));
  g_assert_no_error (error);
}

/* A failure while writing the last measure leaves nothing of the file behind */
static void
test_v2_rollback (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *text = alcove_test_read_fixture ("interchange-v2.json");
  g_auto(Fixture) fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *trigger = NULL;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  before = describe_records (&fixture);
  schema = own_schema (&fixture);
  /* every other entry written, then the last measure refused */
  trigger = g_strdup_printf ("CREATE TEMP TRIGGER refuse BEFORE INSERT ON"
                             " %s.measure_administrations WHEN NEW.measure_id = 'gad7'"
                             " BEGIN SELECT RAISE (ABORT, 'refused'); END", schema);
  assert_refused_midway (&fixture, trigger, text, "measures[1]: ");

  fixture_close (&fixture);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  after = describe_records (&fixture);
  g_assert_cmpstr (after, ==, before);
}

/* Billing reads no plan and no answer, so its export holds none: only clients and the
 * sessions it keeps the books by */
static void
test_v2_billing_export (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *text = alcove_test_read_fixture ("interchange-v2.json");
  g_auto(Fixture) fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(AlcovePlanStore) plans = NULL;
  g_autoptr(AlcoveMeasureStore) measures = NULL;
  const char * const secrets[] = {
    "Panic attacks", "CBT", "paced breathing", "phq9_", "gad7_", "\"answers\"", "Diary",
    "Two attacks", NULL
  };
  const char *data;
  gsize size;

  make_vault (dir);
  fixture_open (&fixture, dir, "dana", TEST_PASSWORD);
  g_assert_true (import_text (&fixture, text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_add_user (fixture.vault, "pat", "Pat Lee", ALCOVE_ROLE_BILLING,
                                        secret, alcove_test_fast_kdf (), &error));
  g_assert_no_error (error);
  fixture_close (&fixture);

  fixture_open (&fixture, dir, "pat", TEST_OTHER_PASSWORD);
  plans = alcove_plan_store_new (fixture.notes);
  measures = alcove_measure_store_new (fixture.notes);
  g_assert_false (alcove_plan_store_can_read (plans));
  g_assert_false (alcove_measure_store_can_read (measures));
  bytes = alcove_interchange_export (fixture.notes, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  for (guint i = 0; secrets[i] != NULL; i++)
    if (g_strstr_len (data, size, secrets[i]) != NULL)
      g_error ("Billing's export holds “%s”", secrets[i]);
  root = parse (bytes);
  g_assert_cmpuint (json_array_get_length (member_array (root, "clients")), ==, 2);
  g_assert_cmpuint (json_array_get_length (member_array (root, "sessions")), ==, 5);
  g_assert_cmpuint (json_array_get_length (member_array (root, "notes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (member_array (root, "plans")), ==, 0);
  g_assert_cmpuint (json_array_get_length (member_array (root, "measures")), ==, 0);

  /* and billing imports none of them */
  g_assert_false (import_text (&fixture, text, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/interchange/import/valid", test_import_valid);
  g_test_add_func ("/interchange/import/malformed", test_import_malformed);
  g_test_add_func ("/interchange/import/hostile", test_import_hostile);
  g_test_add_func ("/interchange/check-without-vault", test_check_without_vault);
  g_test_add_func ("/interchange/import/rollback", test_import_rollback);
  g_test_add_func ("/interchange/import/many-addenda", test_import_many_addenda);
  g_test_add_func ("/interchange/round-trip", test_round_trip);
  g_test_add_func ("/interchange/export/roles", test_export_roles);
  g_test_add_func ("/interchange/v1-fixture", test_v1_fixture);
  g_test_add_func ("/interchange/v2/round-trip", test_v2_round_trip);
  g_test_add_func ("/interchange/v2/recomputed", test_v2_recomputed);
  g_test_add_func ("/interchange/v2/refused", test_v2_refused);
  g_test_add_func ("/interchange/v2/rollback", test_v2_rollback);
  g_test_add_func ("/interchange/v2/billing-export", test_v2_billing_export);

  return g_test_run ();
}
