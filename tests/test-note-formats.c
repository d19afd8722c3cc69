/* test-note-formats.c — the practice's own note formats: made, versioned and retired by an
 * owner, exported as data/formats JSON and imported again, refused to other roles, and an
 * insider's raw SQL against the signed rows; a note keeps the version it was written in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-note-formats"

#include "config.h"

#include <string.h>

#include "alcove-audit-actions.h"
#include "alcove-format-store.h"
#include "alcove-interchange.h"
#include "alcove-note-format.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* dana owns the practice; sam is a clinician; bea does billing */
typedef struct
{
  char              *dir;
  AlcoveVault       *vault;
  AlcoveClientStore *clients;
  AlcoveNoteStore   *notes;
  AlcoveFormatStore *formats;
  char              *client_id;
} Fixture;

static void
close_stores (Fixture *f)
{
  g_clear_object (&f->formats);
  alcove_test_close_stores (&f->vault, &f->clients, &f->notes);
}

static void
reopen_as (Fixture    *f,
           const char *username)
{
  close_stores (f);
  f->vault = alcove_test_unlocked_vault (f->dir, username,
                                         g_str_equal (username, "dana") ? TEST_PASSWORD
                                                                        : TEST_OTHER_PASSWORD);
  f->formats = alcove_format_store_new (f->vault);
  alcove_test_open_stores (f->vault, &f->clients, &f->notes);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  f->vault = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  alcove_test_add_user (f->vault, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (f->vault, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  g_clear_object (&f->vault);
  reopen_as (f, "dana");
  f->client_id = alcove_test_add_client (f->clients, "Ottoline Brackenbury");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_stores (f);
  g_free (f->dir);
  g_free (f->client_id);
}

static const AlcoveFormatSection couples_v1[] = {
  { NULL, (char *) "Presenting Concerns", (char *) "What each partner brings today", TRUE, FALSE },
  { NULL, (char *) "Interaction Observed", (char *) "Patterns seen in the room", TRUE, FALSE },
  { NULL, (char *) "Plan", (char *) "Homework for both", TRUE, TRUE },
};

static const AlcoveFormatSection couples_v2[] = {
  { NULL, (char *) "Presenting Concerns", (char *) "What each partner brings today", TRUE, FALSE },
  { NULL, (char *) "Cycle Map", (char *) "The pursue and withdraw cycle as it showed today", FALSE, FALSE },
  { NULL, (char *) "Next Steps", NULL, TRUE, TRUE },
};

static AlcoveNoteFormat *
save_couples (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AlcoveNoteFormat *format = alcove_format_store_save (f->formats, NULL, "Couples Session",
                                                       "Both partners, one note", couples_v1,
                                                       G_N_ELEMENTS (couples_v1), &error);

  g_assert_no_error (error);
  g_assert_nonnull (format);
  return format;
}

static gboolean
list_has (GListModel *model,
          const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (model, i);

      if (g_str_equal (alcove_note_format_get_id (format), id))
        return TRUE;
    }
  return FALSE;
}

/* ---- made, versioned, retired ---- */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  AlcoveNoteFormat *format = save_couples (f);

  g_assert_true (alcove_format_store_can_edit (f->formats));
  g_assert_cmpstr (alcove_note_format_get_id (format), ==, "practice-couples-session@1");
  g_assert_cmpstr (alcove_note_format_get_base_id (format), ==, "practice-couples-session");
  g_assert_cmpuint (alcove_note_format_get_version (format), ==, 1);
  g_assert_cmpuint (alcove_note_format_get_n_sections (format), ==, 3);
  /* keys come from the titles */
  g_assert_cmpstr (alcove_note_format_get_section (format, 1)->key, ==, "interaction_observed");
  g_assert_true (alcove_note_format_find_section (format, "plan")->carry_forward);
  g_assert_true (alcove_note_format_find_section (format, "plan")->required);
  /* the lists the New Note dialog and the policy read hold it, and lookup finds it */
  g_assert_true (list_has (alcove_note_format_list_record (), "practice-couples-session@1"));
  g_assert_true (list_has (alcove_note_format_list_all (), "practice-couples-session@1"));
  g_assert_true (alcove_note_format_lookup ("practice-couples-session") == format);
  g_assert_cmpuint (g_list_model_get_n_items (alcove_format_store_get_formats (f->formats)), ==, 1);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_FORMAT_SAVE,
                                            "practice-couples-session@1"), ==, 1);
  /* a second format of the same name is refused; its id would never collide anyway */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (alcove_format_store_save (f->formats, NULL, "couples session", NULL,
                                             couples_v1, 1, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  }
  g_assert_cmpstr (alcove_format_key_from_title ("Évaluation du risque"), ==,
                   "evaluation_du_risque");
  /* after the lock the lists hold the shipped formats only */
  close_stores (f);
  g_assert_null (alcove_note_format_lookup ("practice-couples-session@1"));
  g_assert_cmpuint (g_list_model_get_n_items (alcove_note_format_list_record ()), ==, 6);
  reopen_as (f, "dana");
  g_assert_nonnull (alcove_note_format_lookup ("practice-couples-session@1"));
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  const AlcoveFormatSection twice[] = {
    { NULL, (char *) "Plan", NULL, TRUE, FALSE },
    { NULL, (char *) "plan ", NULL, FALSE, FALSE },
  };
  const AlcoveFormatSection untitled[] = {
    { NULL, (char *) "Goal", NULL, TRUE, FALSE },
    { NULL, (char *) "  ", NULL, FALSE, FALSE },
  };
  AlcoveFormatProblem problem;
  guint section = 99;
  g_autoptr(GError) error = NULL;

  g_assert_false (alcove_format_store_check (f->formats, NULL, " ", couples_v1, 3, &problem,
                                             &section, &error));
  g_assert_cmpint (problem, ==, ALCOVE_FORMAT_PROBLEM_NAME);
  g_clear_error (&error);
  g_assert_false (alcove_format_store_check (f->formats, NULL, "SOAP", couples_v1, 3, &problem,
                                             &section, &error));
  g_assert_cmpint (problem, ==, ALCOVE_FORMAT_PROBLEM_NAME_TAKEN);
  g_clear_error (&error);
  g_assert_false (alcove_format_store_check (f->formats, NULL, "Group", NULL, 0, &problem,
                                             &section, &error));
  g_assert_cmpint (problem, ==, ALCOVE_FORMAT_PROBLEM_NO_SECTIONS);
  g_assert_nonnull (strstr (error->message, "section"));
  g_clear_error (&error);
  g_assert_false (alcove_format_store_check (f->formats, NULL, "Group", twice, 2, &problem,
                                             &section, &error));
  g_assert_cmpint (problem, ==, ALCOVE_FORMAT_PROBLEM_DUPLICATE_TITLE);
  g_assert_cmpuint (section, ==, 1);
  g_clear_error (&error);
  g_assert_false (alcove_format_store_check (f->formats, NULL, "Group", untitled, 2, &problem,
                                             &section, &error));
  g_assert_cmpint (problem, ==, ALCOVE_FORMAT_PROBLEM_SECTION);
  g_assert_cmpuint (section, ==, 1);
  g_clear_error (&error);
  g_assert_true (alcove_format_store_check (f->formats, NULL, "Group", couples_v1, 3, &problem,
                                            &section, &error));
  g_assert_no_error (error);
  g_assert_cmpint (problem, ==, ALCOVE_FORMAT_PROBLEM_NONE);
}

static void
test_versions_and_old_notes (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note_id = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  AlcoveNoteFormat *v1 = save_couples (f);
  AlcoveNoteFormat *v2;
  AlcoveNoteFormat *written;

  /* a note written in version 1, by the base id as the dialog would give it */
  note_id = alcove_test_write_note (f->notes, f->client_id, "practice-couples-session",
                                    "Both came on time", TRUE);
  v2 = alcove_format_store_save (f->formats, "practice-couples-session", "Couples Session",
                                 "Both partners, one note", couples_v2,
                                 G_N_ELEMENTS (couples_v2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_format_get_id (v2), ==, "practice-couples-session@2");
  g_assert_true (alcove_note_format_lookup ("practice-couples-session") == v2);
  /* version 1 was read again with the rest: the same id and sections */
  g_assert_cmpstr (alcove_note_format_get_id (alcove_note_format_lookup ("practice-couples-session@1")),
                   ==, alcove_note_format_get_id (v1));
  g_assert_nonnull (alcove_note_format_find_section (alcove_note_format_lookup ("practice-couples-session@1"),
                                                     "interaction_observed"));
  g_assert_true (list_has (alcove_note_format_list_record (), "practice-couples-session@2"));
  g_assert_false (list_has (alcove_note_format_list_record (), "practice-couples-session@1"));

  /* the note still names version 1, and so shows its sections, after a lock too */
  close_stores (f);
  reopen_as (f, "dana");
  note = alcove_note_store_open (f->notes, note_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_get_format_id (note), ==, "practice-couples-session@1");
  written = alcove_note_format_lookup (alcove_note_get_format_id (note));
  g_assert_nonnull (written);
  g_assert_cmpuint (alcove_note_format_get_version (written), ==, 1);
  g_assert_nonnull (alcove_note_format_find_section (written, "interaction_observed"));
  g_assert_null (alcove_note_format_find_section (written, "cycle_map"));
  g_assert_cmpstr (alcove_note_get_section (note, "interaction_observed"), ==, "Both came on time");
  g_assert_true (alcove_note_store_verify (f->notes, note));

  /* a new note takes version 2 */
  {
    g_autofree char *second = alcove_test_write_note (f->notes, f->client_id,
                                                      "practice-couples-session@1", "Later", FALSE);
    g_autoptr(AlcoveNote) newer = alcove_note_store_open (f->notes, second, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (alcove_note_get_format_id (newer), ==, "practice-couples-session@2");
  }
}

static void
test_retire (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note_id = NULL;
  AlcoveNoteFormat *retired;

  save_couples (f);
  note_id = alcove_test_write_note (f->notes, f->client_id, "practice-couples-session",
                                    "Calm", TRUE);
  g_assert_true (alcove_format_store_set_retired (f->formats, "practice-couples-session", TRUE,
                                                  &error));
  g_assert_no_error (error);
  retired = alcove_note_format_lookup ("practice-couples-session");
  g_assert_true (alcove_note_format_get_retired (retired));
  g_assert_cmpuint (alcove_note_format_get_version (retired), ==, 2);
  g_assert_false (list_has (alcove_note_format_list_record (), "practice-couples-session@2"));
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_FORMAT_RETIRE,
                                            "practice-couples-session@2"), ==, 1);
  /* the store still shows it, to restore */
  g_assert_cmpuint (g_list_model_get_n_items (alcove_format_store_get_formats (f->formats)), ==, 1);

  /* no new note takes it... */
  g_assert_null (alcove_note_store_create (f->notes, f->client_id, NULL,
                                           "practice-couples-session@1", "2026-11-30", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "retired"));
  g_clear_error (&error);
  /* ...its notes still open with their sections */
  {
    g_autoptr(AlcoveNote) note = alcove_note_store_open (f->notes, note_id, &error);
    AlcoveNoteFormat *format;

    g_assert_no_error (error);
    format = alcove_note_format_lookup (alcove_note_get_format_id (note));
    g_assert_nonnull (format);
    g_assert_cmpuint (alcove_note_format_get_n_sections (format), ==, 3);
  }
  /* and it can come back */
  g_assert_true (alcove_format_store_set_retired (f->formats, "practice-couples-session", FALSE,
                                                  &error));
  g_assert_no_error (error);
  g_assert_true (list_has (alcove_note_format_list_record (), "practice-couples-session@3"));

  /* rows are only added */
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE note_formats SET retired = 0"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "DELETE FROM note_formats"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "INSERT INTO note_formats (format_id, version,"
                                                   " definition, made_by, made_ms, signature)"
                                                   " VALUES ('practice-couples-session', 9, '{}',"
                                                   " 'x', 1, 'x')"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM note_formats"), ==, 3);
}

/* ---- export and import ---- */

static void
assert_same_format (AlcoveNoteFormat *a,
                    AlcoveNoteFormat *b)
{
  g_assert_cmpstr (alcove_note_format_get_base_id (a), ==, alcove_note_format_get_base_id (b));
  g_assert_cmpstr (alcove_note_format_get_name (a), ==, alcove_note_format_get_name (b));
  g_assert_cmpstr (alcove_note_format_get_description (a), ==,
                   alcove_note_format_get_description (b));
  g_assert_cmpuint (alcove_note_format_get_n_sections (a), ==, alcove_note_format_get_n_sections (b));
  for (guint i = 0; i < alcove_note_format_get_n_sections (a); i++)
    {
      const AlcoveFormatSection *x = alcove_note_format_get_section (a, i);
      const AlcoveFormatSection *y = alcove_note_format_get_section (b, i);

      g_assert_cmpstr (x->key, ==, y->key);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->prompt, ==, y->prompt);
      g_assert_cmpint (x->required, ==, y->required);
      g_assert_cmpint (x->carry_forward, ==, y->carry_forward);
    }
}

static AlcoveNoteFormat *
parse (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  AlcoveNoteFormat *format = alcove_note_format_new_from_data (bytes, &error);

  g_assert_no_error (error);
  return format;
}

static AlcoveNoteFormat *
import (Fixture    *f,
        const char *json,
        GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return alcove_format_store_import (f->formats, bytes, error);
}

static void
test_export_import (Fixture       *f,
                    gconstpointer  data)
{
  AlcoveNoteFormat *couples = save_couples (f);
  g_autofree char *exported = alcove_note_format_to_json (couples);
  g_autoptr(AlcoveNoteFormat) parsed = parse (exported);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) renamed = NULL;
  AlcoveNoteFormat *imported;

  /* the data/formats schema: the base id, never the version */
  g_assert_null (strstr (exported, "@"));
  g_assert_nonnull (strstr (exported, "\"sections\""));
  assert_same_format (parsed, couples);
  /* every shipped format comes out as its file went in */
  for (guint i = 0; i < g_list_model_get_n_items (alcove_note_format_list_all ()); i++)
    {
      g_autoptr(AlcoveNoteFormat) shipped = g_list_model_get_item (alcove_note_format_list_all (), i);
      g_autofree char *json = alcove_note_format_to_json (shipped);
      g_autoptr(AlcoveNoteFormat) again = parse (json);

      if (alcove_note_format_get_version (shipped) == 0)
        {
          assert_same_format (again, shipped);
          g_assert_false (g_str_has_prefix (alcove_note_format_get_id (shipped),
                                            ALCOVE_FORMAT_PRACTICE_PREFIX));
        }
    }

  /* the same file again is a duplicate */
  g_assert_null (import (f, exported, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Couples Session"));
  g_clear_error (&error);
  /* a shipped format's file names a format that exists by name */
  {
    g_autofree char *soap = alcove_note_format_to_json (alcove_note_format_lookup ("soap"));

    g_assert_null (import (f, soap, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS);
    g_clear_error (&error);
  }
  /* renamed, it comes in as a format of its own, keys as the file has them */
  renamed = g_string_new (exported);
  g_string_replace (renamed, "practice-couples-session", "family-session", 0);
  g_string_replace (renamed, "Couples Session", "Family Session", 0);
  imported = import (f, renamed->str, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_format_get_id (imported), ==, "practice-family-session@1");
  g_assert_cmpstr (alcove_note_format_get_section (imported, 1)->key, ==, "interaction_observed");
  g_assert_true (list_has (alcove_note_format_list_record (), "practice-family-session@1"));
  /* an id the co-signing policy could not name is made from the name */
  imported = import (f, "{ \"id\": \"Group Night!\", \"name\": \"Group Night\", \"sections\": ["
                        " { \"key\": \"theme\", \"title\": \"Theme\" } ] }", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_format_get_id (imported), ==, "practice-group-night@1");
}

static void
test_import_invalid (Fixture       *f,
                     gconstpointer  data)
{
  const struct { const char *json; const char *word; } cases[] = {
    { "{ \"id\": \"x\", \"name\": \"X\", \"sections\": [", NULL },
    { "{ \"id\": \"x\", \"name\": \"X\" }", "sections" },
    { "{ \"name\": \"X\", \"sections\": [] }", "id" },
    { "{ \"id\": \"x\", \"name\": \"X\", \"sections\": [ { \"key\": \"a\" } ] }", "title" },
    { "{ \"id\": \"x\", \"name\": \"X\", \"sections\": [] }", "section" },
    { "{ \"id\": \"x\", \"name\": \"X\", \"private\": true, \"sections\": ["
      " { \"key\": \"a\", \"title\": \"A\" } ] }", "private" },
    { "{ \"id\": \"x\", \"name\": \"X\", \"sections\": [ { \"key\": \"a\", \"title\": \"A\" },"
      " { \"key\": \"b\", \"title\": \"a\" } ] }", "same title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("import: %s", cases[i].json);
      g_assert_null (import (f, cases[i].json, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
      if (cases[i].word != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].word));
    }
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM note_formats"), ==, 0);
}

/* ---- who ---- */

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  const char *who[] = { "bea", "sam" };

  save_couples (f);
  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      g_autoptr(GError) error = NULL;

      reopen_as (f, who[i]);
      g_assert_false (alcove_format_store_can_edit (f->formats));
      /* everyone reads the practice's formats */
      g_assert_nonnull (alcove_note_format_lookup ("practice-couples-session@1"));
      g_assert_null (alcove_format_store_save (f->formats, NULL, "Group", NULL, couples_v1, 3,
                                               &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
      g_assert_null (alcove_format_store_save (f->formats, "practice-couples-session", "Group",
                                               NULL, couples_v1, 3, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
      g_assert_false (alcove_format_store_set_retired (f->formats, "practice-couples-session",
                                                       TRUE, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
      g_assert_null (import (f, "{ \"id\": \"x\", \"name\": \"X\", \"sections\": ["
                                " { \"key\": \"a\", \"title\": \"A\" } ] }", &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
    }
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM note_formats"), ==, 1);
}

/* ---- an insider with the practice key ---- */

static void
test_forged_rows (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dana = NULL;
  g_autofree char *bea = NULL;
  g_auto(GStrv) rejected = NULL;
  const char *definition = "{\"id\":\"practice-couples-session\",\"name\":\"Couples Session\","
                           "\"sections\":[{\"key\":\"anything\",\"title\":\"Anything\"}]}";

  save_couples (f);
  dana = g_strdup (alcove_user_get_uuid (alcove_vault_get_current_user (f->vault)));

  /* bea, who holds the practice key, signs a version of her own with her own key... */
  reopen_as (f, "bea");
  bea = g_strdup (alcove_user_get_uuid (alcove_vault_get_current_user (f->vault)));
  {
    g_autofree char *message = g_strdup_printf ("%s\npractice-couples-session\n2\n0\n%s\n5\n%s",
                                                alcove_vault_get_uuid (f->vault), bea, definition);
    g_autoptr(GBytes) signature = alcove_vault_sign_as_user (f->vault,
                                                             "io.github.alcove_notes.Alcove.note-format-1",
                                                             message);
    g_autofree char *encoded = g_base64_encode (g_bytes_get_data (signature, NULL),
                                                g_bytes_get_size (signature));

    g_assert_cmpint (alcove_test_exec_raw (f->vault, "INSERT INTO note_formats (format_id,"
                                                     " version, definition, made_by, made_ms,"
                                                     " signature) VALUES"
                                                     " ('practice-couples-session', 2, '%s',"
                                                     " '%s', 5, '%s')",
                                           definition, bea, encoded), ==, SQLITE_OK);
  }
  /* ...and writes one more in dana's name, with dana's signature of version 1 */
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "INSERT INTO note_formats (format_id, version,"
                                                   " definition, retired, made_by, made_ms,"
                                                   " signature) SELECT format_id, 3, definition,"
                                                   " 1, made_by, made_ms, signature"
                                                   " FROM note_formats WHERE version = 1"), ==,
                   SQLITE_OK);
  /* ...and with the triggers dropped, edits dana's version 1 */
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "DROP TRIGGER note_formats_no_update"), ==,
                   SQLITE_OK);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE note_formats SET definition ="
                                                   " replace (definition, 'Homework for both',"
                                                   " 'Nothing to do') WHERE version = 1"), ==,
                   SQLITE_OK);

  /* the next sign-in reads none of them: each is warned about, reported and audited once */
  g_test_expect_message ("alcove-format-store", G_LOG_LEVEL_WARNING, "*@1*ignored*");
  g_test_expect_message ("alcove-format-store", G_LOG_LEVEL_WARNING, "*@2*ignored*");
  g_test_expect_message ("alcove-format-store", G_LOG_LEVEL_WARNING, "*@3*ignored*");
  reopen_as (f, "dana");
  g_test_assert_expected_messages ();
  g_assert_null (alcove_note_format_lookup ("practice-couples-session"));
  g_assert_null (alcove_note_format_lookup ("practice-couples-session@2"));
  g_assert_false (list_has (alcove_note_format_list_record (), "practice-couples-session@2"));
  rejected = alcove_format_store_dup_rejected (f->formats);
  g_assert_cmpuint (g_strv_length (rejected), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) rejected, "practice-couples-session@2"));
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_FORMAT_REJECTED,
                                            "practice-couples-session@1"), ==, 1);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_FORMAT_REJECTED,
                                            "practice-couples-session@2"), ==, 1);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_FORMAT_REJECTED,
                                            "practice-couples-session@3"), ==, 1);
  /* the owner's next version is genuine again */
  {
    g_autoptr(GError) error = NULL;
    AlcoveNoteFormat *next = NULL;

    /* read again in the same session, the rows are still ignored but warned about once */
    next = alcove_format_store_save (f->formats, "practice-couples-session", "Couples Session",
                                     NULL, couples_v2, 3, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (alcove_note_format_get_id (next), ==, "practice-couples-session@4");
  }
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_FORMAT_REJECTED,
                                            "practice-couples-session@1"), ==, 1);
}

/* an exported note names its version; the check an import makes finds it, retired too */
static void
test_interchange (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autofree char *note_id = NULL;
  g_autoptr(GString) other = NULL;
  gsize size;
  const char *text;

  save_couples (f);
  note_id = alcove_test_write_note (f->notes, f->client_id, "practice-couples-session",
                                    "Both came on time", TRUE);
  g_assert_nonnull (alcove_format_store_save (f->formats, "practice-couples-session",
                                              "Couples Session", NULL, couples_v2,
                                              G_N_ELEMENTS (couples_v2), &error));
  g_assert_true (alcove_format_store_set_retired (f->formats, "practice-couples-session", TRUE,
                                                  &error));
  g_assert_no_error (error);
  exported = alcove_interchange_export (f->notes, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (exported, &size);
  g_assert_nonnull (g_strstr_len (text, size, "\"practice-couples-session@1\""));
  g_assert_nonnull (g_strstr_len (text, size, "interaction_observed"));
  g_assert_true (alcove_interchange_check (exported, &error));
  g_assert_no_error (error);

  /* a format this practice does not have is named, with the ones it has */
  other = g_string_new_len (text, size);
  g_string_replace (other, "practice-couples-session@1", "practice-elsewhere@1", 0);
  {
    g_autoptr(GBytes) bytes = g_bytes_new (other->str, other->len);

    g_assert_false (alcove_interchange_check (bytes, &error));
    g_assert_nonnull (strstr (error->message, "practice-elsewhere@1"));
  }
}

/* a supervisor's co-signing policy names the format, whatever its version */
static void
test_cosign_policy (Fixture       *f,
                    gconstpointer  data)
{
  const char *formats[] = { "practice-couples-session", NULL };
  const char *roles[] = { "clinician", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *sam = NULL;

  save_couples (f);
  alcove_test_add_user (f->vault, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  g_assert_true (alcove_vault_set_cosign_policy (f->vault, roles, formats, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_grant_supervision (f->vault, "rui", "sam", &error));
  g_assert_no_error (error);
  sam = g_strdup (alcove_header_find_user (f->vault->header, "sam")->uuid);
  g_assert_true (alcove_vault_cosign_required (f->vault, sam, "practice-couples-session@1"));
  g_assert_true (alcove_vault_cosign_required (f->vault, sam, "practice-couples-session@7"));
  g_assert_false (alcove_vault_cosign_required (f->vault, sam, "practice-couples-sessions@1"));
  g_assert_false (alcove_vault_cosign_required (f->vault, sam, "soap"));
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/formats/create", test_create);
  ADD ("/formats/check", test_check);
  ADD ("/formats/versions-and-old-notes", test_versions_and_old_notes);
  ADD ("/formats/retire", test_retire);
  ADD ("/formats/export-import", test_export_import);
  ADD ("/formats/import-invalid", test_import_invalid);
  ADD ("/formats/permissions", test_permissions);
  ADD ("/formats/forged-rows", test_forged_rows);
  ADD ("/formats/cosign-policy", test_cosign_policy);
  ADD ("/formats/interchange", test_interchange);
#undef ADD

  return g_test_run ();
}
