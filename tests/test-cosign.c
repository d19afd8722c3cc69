/* test-cosign.c — supervision: co-signing and returning notes, and an insider's attacks on
 * the rows that record them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cosign"

#include "config.h"

#include "alcove-client-store.h"
#include "alcove-migrations.h"
#include "alcove-note-format.h"
#include "alcove-note-store.h"
#include "alcove-retention.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* Words no note or name shares by chance; the audit log must never hold any of them */
#define NAME_CLIENT "Wilhelmina Quarry"
#define TEXT_MARK   "zanzibarmarker"
#define COMMENT     "Say more about the risk assessment"

/* dana owns the practice; sam (clinician) is supervised by rui; ivy supervises nobody;
 * bea is a clinician without a supervisor */
typedef struct
{
  char              *dir;
  AlcoveVault       *vault;
  AlcoveClientStore *clients;
  AlcoveNoteStore   *notes;
  char              *client_id;
  char              *sam_uuid;
  char              *rui_uuid;
} Fixture;

static void
open_stores (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->clients = alcove_client_store_new (f->vault, &error);
  g_assert_no_error (error);
  f->notes = alcove_note_store_new (f->clients);
}

static void
close_stores (Fixture *f)
{
  g_clear_object (&f->notes);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
}

static void
reopen_as (Fixture    *f,
           const char *username)
{
  close_stores (f);
  f->vault = alcove_test_unlocked_vault (f->dir, username,
                                         g_str_equal (username, "dana") ? TEST_PASSWORD
                                                                        : TEST_OTHER_PASSWORD);
  open_stores (f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  f->vault = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  alcove_test_add_user (f->vault, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (f->vault, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  alcove_test_add_user (f->vault, "ivy", "Ivy Chen", ALCOVE_ROLE_SUPERVISOR);
  alcove_test_add_user (f->vault, "bea", "Bea Lindqvist", ALCOVE_ROLE_CLINICIAN);
  g_assert_true (alcove_vault_grant_supervision (f->vault, "rui", "sam", &error));
  g_assert_no_error (error);
  f->sam_uuid = g_strdup (alcove_header_find_user (f->vault->header, "sam")->uuid);
  f->rui_uuid = g_strdup (alcove_header_find_user (f->vault->header, "rui")->uuid);

  /* sam's sign-in seals the key of sam's notes to rui */
  reopen_as (f, "sam");
  f->client_id = alcove_test_add_client (f->clients, NAME_CLIENT);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_stores (f);
  g_free (f->dir);
  g_free (f->client_id);
  g_free (f->sam_uuid);
  g_free (f->rui_uuid);
}

/* ---- helpers ---- */

/* Raw SQL as an insider with the keys would run it, and counts, on the vault's connection */
#define raw_exec(f, ...)   alcove_test_exec_raw ((f)->vault, __VA_ARGS__)
#define count_rows(f, ...) alcove_test_query_int ((f)->vault, __VA_ARGS__)

static char *
sam_schema (Fixture *f)
{
  g_autofree char *store_id = g_strconcat ("notes:", f->sam_uuid, NULL);

  return alcove_vault_schema_for (store_id);
}

static AlcoveNote *
open_note (Fixture    *f,
           const char *note_id)
{
  g_autoptr(GError) error = NULL;
  AlcoveNote *note = alcove_note_store_open (f->notes, note_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (note);
  return note;
}

/* A note with every section filled, signed, as the store reads it back */
static AlcoveNote *
signed_note (Fixture    *f,
             const char *format_id)
{
  g_autofree char *id = alcove_test_write_note (f->notes, f->client_id, format_id, TEXT_MARK,
                                                TRUE);

  return open_note (f, id);
}

static gboolean
awaits (Fixture    *f,
        const char *note_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) queue = alcove_note_store_list_awaiting_cosign (f->notes, &error);

  g_assert_no_error (error);
  return alcove_test_model_has_note (queue, note_id);
}

static gboolean
is_returned (Fixture    *f,
             const char *note_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) returned = alcove_note_store_list_returned (f->notes, &error);

  g_assert_no_error (error);
  return alcove_test_model_has_note (returned, note_id);
}

/* No audit row may carry note text, the client's name or a comment */
static void
assert_audit_clean (Fixture *f)
{
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.audit_log WHERE details LIKE"
                                  " '%%" TEXT_MARK "%%' OR details LIKE '%%Quarry%%'"
                                  " OR details LIKE '%%risk assessment%%'"), ==, 0);
}

/* ---- the requirement, decided at signing ---- */

static void
test_required_at_signing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(AlcoveNote) supervised = signed_note (f, "soap");
  g_autoptr(AlcoveNote) private_note = signed_note (f, ALCOVE_FORMAT_PRIVATE);
  g_autoptr(AlcoveNote) owners = NULL;
  g_autoptr(AlcoveNote) unsupervised = NULL;
  g_autofree char *canonical = alcove_note_dup_canonical (supervised);
  g_autofree char *private_canonical = alcove_note_dup_canonical (private_note);

  g_assert_true (alcove_note_get_cosign_required (supervised));
  g_assert_cmpint (alcove_note_get_cosign_state (supervised), ==, ALCOVE_COSIGN_AWAITING);
  /* the requirement is part of what the author signed */
  g_assert_nonnull (strstr (canonical, "\"cosign\":\"required\""));
  /* psychotherapy notes never are */
  g_assert_false (alcove_note_get_cosign_required (private_note));
  g_assert_cmpint (alcove_note_get_cosign_state (private_note), ==, ALCOVE_COSIGN_NONE);
  g_assert_null (strstr (private_canonical, "cosign"));

  /* the owner is not in the default policy; bea has no supervisor */
  reopen_as (f, "dana");
  owners = signed_note (f, "soap");
  g_assert_false (alcove_note_get_cosign_required (owners));
  reopen_as (f, "bea");
  unsupervised = signed_note (f, "soap");
  g_assert_false (alcove_note_get_cosign_required (unsupervised));
  g_assert_cmpint (alcove_note_get_cosign_state (unsupervised), ==, ALCOVE_COSIGN_NONE);

  /* and read back as it was signed */
  reopen_as (f, "sam");
  g_clear_object (&owners);
  owners = open_note (f, alcove_note_get_id (supervised));
  g_assert_true (alcove_note_get_cosign_required (owners));
  g_assert_cmpint (alcove_note_get_integrity (owners), ==, ALCOVE_NOTE_INTEGRITY_OK);
}

/* A note signed before co-signing existed hashes as it did: no "cosign" member unless it
 * is required */
static void
test_canonical_unchanged (void)
{
  g_autoptr(AlcoveNote) note = alcove_note_new ("n1", "notes:u1", "c1", "s1", "u1", "soap",
                                                "2024-01-02");
  g_autofree char *canonical = NULL;
  g_autofree char *required = NULL;

  alcove_note_set_section (note, "plan", "Walk daily");
  alcove_note_set_signature (note, 1700000000000, "u1", "");
  canonical = alcove_note_dup_canonical (note);
  g_assert_cmpstr (canonical, ==,
                   "{\"author\":\"u1\",\"client_id\":\"c1\",\"format\":\"soap\",\"id\":\"n1\","
                   "\"parts\":{},\"sections\":{\"plan\":\"Walk daily\"},"
                   "\"session_date\":\"2024-01-02\",\"session_id\":\"s1\",\"signed_by\":\"u1\","
                   "\"signed_ms\":1700000000000,\"version\":\"alcove-note-1\"}");
  alcove_note_set_cosign_required (note, TRUE);
  required = alcove_note_dup_canonical (note);
  g_assert_nonnull (strstr (required, "\"client_id\":\"c1\",\"cosign\":\"required\","
                                      "\"format\""));
}

static void
test_policy_formats (Fixture       *f,
                     gconstpointer  data)
{
  const char *roles[] = { "clinician", NULL };
  const char *formats[] = { "dap", NULL };
  const char *no_roles[] = { NULL };
  const char *no_formats[] = { NULL };
  g_autoptr(AlcoveNote) soap = NULL;
  g_autoptr(AlcoveNote) dap = NULL;
  g_autoptr(GError) error = NULL;

  /* only an owner sets the policy */
  g_assert_false (alcove_vault_set_cosign_policy (f->vault, roles, formats, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  reopen_as (f, "dana");
  g_assert_true (alcove_vault_set_cosign_policy (f->vault, roles, formats, &error));
  g_assert_no_error (error);

  reopen_as (f, "sam");
  soap = signed_note (f, "soap");
  dap = signed_note (f, "dap");
  g_assert_false (alcove_note_get_cosign_required (soap));
  g_assert_true (alcove_note_get_cosign_required (dap));

  /* no role: nobody's notes wait */
  reopen_as (f, "dana");
  g_assert_true (alcove_vault_set_cosign_policy (f->vault, no_roles, no_formats, &error));
  g_assert_no_error (error);
  reopen_as (f, "sam");
  g_clear_object (&dap);
  dap = signed_note (f, "dap");
  g_assert_false (alcove_note_get_cosign_required (dap));

  /* back to the default */
  reopen_as (f, "dana");
  g_assert_true (alcove_vault_set_cosign_policy (f->vault, roles, no_formats, &error));
  g_assert_no_error (error);
}

/* ---- co-signing ---- */

static void
test_cosign (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AlcoveNote) note = signed_note (f, "soap");
  g_autofree char *id = g_strdup (alcove_note_get_id (note));
  g_autofree char *hash = g_strdup (alcove_note_get_hash (note));
  g_autoptr(AlcoveNote) seen = NULL;
  g_autoptr(GError) error = NULL;
  const AlcoveCosignature *cosignature;

  /* the author never co-signs, nor adds an addendum meanwhile */
  g_assert_false (alcove_note_store_can_cosign (f->notes, note));
  g_assert_false (alcove_note_store_cosign (f->notes, note, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (alcove_note_store_add_addendum (f->notes, note, "later", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (awaits (f, id));

  /* ivy supervises someone else: she cannot even read sam's notes */
  reopen_as (f, "ivy");
  g_assert_false (awaits (f, id));
  g_assert_null (alcove_note_store_open (f->notes, id, &error));
  g_clear_error (&error);

  reopen_as (f, "rui");
  g_assert_true (awaits (f, id));
  seen = open_note (f, id);
  g_assert_true (alcove_note_store_can_cosign (f->notes, seen));
  g_assert_true (alcove_note_store_cosign (f->notes, seen, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_note_get_cosign_state (seen), ==, ALCOVE_COSIGN_DONE);
  g_assert_false (awaits (f, id));
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_NOTE_COSIGN, id), ==, 1);
  /* once is enough */
  g_assert_false (alcove_note_store_cosign (f->notes, seen, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (alcove_note_store_return (f->notes, seen, COMMENT, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  /* the author sees it, checked: a second signature over the same hash */
  reopen_as (f, "sam");
  g_clear_object (&seen);
  seen = open_note (f, id);
  g_assert_cmpint (alcove_note_get_integrity (seen), ==, ALCOVE_NOTE_INTEGRITY_OK);
  g_assert_cmpint (alcove_note_get_cosign_state (seen), ==, ALCOVE_COSIGN_DONE);
  cosignature = alcove_note_get_cosignature (seen);
  g_assert_nonnull (cosignature);
  g_assert_cmpstr (cosignature->cosigner, ==, f->rui_uuid);
  g_assert_cmpstr (cosignature->hash, ==, hash);
  g_assert_true (cosignature->valid);
  g_assert_false (alcove_note_get_cosign_tampered (seen));
  /* addenda are for co-signed notes as for any other */
  g_assert_true (alcove_note_store_add_addendum (f->notes, seen, "later", &error));
  g_assert_no_error (error);
  assert_audit_clean (f);
}

/* ---- returning ---- */

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_return (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AlcoveNote) note = signed_note (f, "soap");
  g_autofree char *id = g_strdup (alcove_note_get_id (note));
  g_autofree char *first_hash = g_strdup (alcove_note_get_hash (note));
  gint64 first_signed = alcove_note_get_signed_ms (note);
  g_autoptr(AlcoveNote) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_hash = NULL;
  const AlcoveNoteReturn *note_return;
  guint changed = 0;

  /* the author never returns their own note */
  g_assert_false (alcove_note_store_return (f->notes, note, COMMENT, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  reopen_as (f, "rui");
  seen = open_note (f, id);
  /* a return says why */
  g_assert_false (alcove_note_store_return (f->notes, seen, "  \n ", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_signal_connect_swapped (f->notes, "note-changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (alcove_note_store_return (f->notes, seen, "  " COMMENT " ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (alcove_note_get_status (seen), ==, ALCOVE_NOTE_DRAFT);
  g_assert_cmpint (alcove_note_get_cosign_state (seen), ==, ALCOVE_COSIGN_RETURNED);
  g_assert_false (awaits (f, id));
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_NOTE_RETURN, id), ==, 1);
  /* the supervisor does not write in the author's draft */
  alcove_note_set_section (seen, "plan", "rewritten by the supervisor");
  g_assert_false (alcove_note_store_save (f->notes, seen, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* the author has it back as a draft, with the comment and the earlier signature */
  reopen_as (f, "sam");
  g_assert_true (is_returned (f, id));
  g_clear_object (&seen);
  seen = open_note (f, id);
  g_assert_cmpint (alcove_note_get_cosign_state (seen), ==, ALCOVE_COSIGN_RETURNED);
  note_return = alcove_note_get_last_return (seen);
  g_assert_nonnull (note_return);
  g_assert_true (note_return->valid);
  g_assert_cmpstr (note_return->comment, ==, COMMENT);
  g_assert_cmpstr (note_return->returned_by, ==, f->rui_uuid);
  g_assert_cmpstr (note_return->signed_by, ==, f->sam_uuid);
  g_assert_cmpstr (note_return->hash, ==, first_hash);
  g_assert_cmpint (note_return->signed_ms, ==, first_signed);
  old_hash = alcove_note_hash_canonical (note_return->canonical);
  g_assert_cmpstr (old_hash, ==, first_hash);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.sessions WHERE id = '%s'"
                                  " AND note_status = 'draft'",
                               alcove_note_get_session_id (seen)), ==, 1);

  /* it was signed once: it stays in the record */
  g_assert_false (alcove_note_store_delete_draft (f->notes, seen, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* edits it and signs again: it waits again, under a new hash */
  alcove_note_set_section (seen, "assessment", "assessment, with the risk assessment");
  g_assert_true (alcove_note_store_save (f->notes, seen, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_note_store_sign (f->notes, seen, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_get_hash (seen), !=, first_hash);
  g_assert_cmpint (alcove_note_get_cosign_state (seen), ==, ALCOVE_COSIGN_AWAITING);
  g_assert_false (is_returned (f, id));
  g_assert_cmpuint (alcove_note_get_returns (seen)->len, ==, 1);

  reopen_as (f, "rui");
  g_assert_true (awaits (f, id));
  g_clear_object (&seen);
  seen = open_note (f, id);
  g_assert_true (alcove_note_store_cosign (f->notes, seen, &error));
  g_assert_no_error (error);
  assert_audit_clean (f);
}

/* ---- an insider with the key and raw SQL ---- */

static void
test_attacks_on_triggers (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(AlcoveNote) cosigned = signed_note (f, "soap");
  g_autoptr(AlcoveNote) waiting = signed_note (f, "dap");
  g_autoptr(AlcoveNote) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *s = sam_schema (f);
  const char *cid = alcove_note_get_id (cosigned);
  const char *wid = alcove_note_get_id (waiting);

  reopen_as (f, "rui");
  seen = open_note (f, cid);
  g_assert_true (alcove_note_store_cosign (f->notes, seen, &error));
  g_assert_no_error (error);
  g_clear_object (&seen);
  seen = open_note (f, wid);
  g_assert_true (alcove_note_store_return (f->notes, seen, COMMENT, &error));
  g_assert_no_error (error);
  reopen_as (f, "sam");
  g_clear_object (&seen);
  seen = open_note (f, wid);
  g_assert_true (alcove_note_store_sign (f->notes, seen, &error));
  g_assert_no_error (error);

  /* the author puts a co-signed note back to draft */
  g_assert_cmpint (raw_exec (f, "UPDATE %s.notes SET status = 'draft', signed_ms = 0,"
                                " signed_by = '', hash = '', cosign_required = 0"
                                " WHERE id = '%s'", s, cid), ==, SQLITE_CONSTRAINT);
  /* or a waiting one, without a return of its signature */
  g_assert_cmpint (raw_exec (f, "UPDATE %s.notes SET status = 'draft', signed_ms = 0,"
                                " signed_by = '', hash = '', cosign_required = 0"
                                " WHERE id = '%s'", s, wid), ==, SQLITE_CONSTRAINT);
  /* clears the requirement */
  g_assert_cmpint (raw_exec (f, "UPDATE %s.notes SET cosign_required = 0 WHERE id = '%s'",
                             s, wid), ==, SQLITE_CONSTRAINT);
  /* deletes or edits the history */
  g_assert_cmpint (raw_exec (f, "DELETE FROM %s.note_returns", s), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "UPDATE %s.note_returns SET comment = 'fine'", s), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "DELETE FROM %s.cosignatures", s), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "UPDATE %s.cosignatures SET cosigner = '%s'", s, f->sam_uuid),
                   ==, SQLITE_CONSTRAINT);
  /* co-signs or returns as themselves */
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.cosignatures VALUES ('x', '%s', '%s', '%s',"
                                " 1, 'AAAA')", s, wid, alcove_note_get_hash (seen), f->sam_uuid),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.note_returns VALUES ('y', '%s', %" G_GINT64_FORMAT
                                ", '%s', '%s', '{}', '%s', 1, 'fine', 'AAAA')", s, wid,
                             alcove_note_get_signed_ms (seen), f->sam_uuid,
                             alcove_note_get_hash (seen), f->sam_uuid), ==, SQLITE_CONSTRAINT);
  /* a return without a comment, or of a co-signed note */
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.note_returns VALUES ('y', '%s', %" G_GINT64_FORMAT
                                ", '%s', '%s', '{}', '%s', 1, ' ', 'AAAA')", s, wid,
                             alcove_note_get_signed_ms (seen), f->sam_uuid,
                             alcove_note_get_hash (seen), f->rui_uuid), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.note_returns SELECT 'z', id, signed_ms,"
                                " signed_by, hash, '{}', '%s', 1, 'x', 'AAAA' FROM %s.notes"
                                " WHERE id = '%s'", s, f->rui_uuid, s, cid), ==,
                   SQLITE_CONSTRAINT);
  /* a return that changes the text on its way back to draft */
  g_assert_cmpint (raw_exec (f, "BEGIN"), ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.note_returns SELECT 'w', id, signed_ms,"
                                " signed_by, hash, '{}', '%s', 1, 'x', 'AAAA' FROM %s.notes"
                                " WHERE id = '%s'", s, f->rui_uuid, s, wid), ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (f, "UPDATE %s.notes SET status = 'draft', signed_ms = 0,"
                                " signed_by = '', hash = '', cosign_required = 0,"
                                " sections = '{}' WHERE id = '%s'", s, wid), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "ROLLBACK"), ==, SQLITE_OK);
  /* nothing of it stuck */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.cosignatures", s), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.note_returns", s), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.notes WHERE status = 'signed'", s),
                   ==, 2);
}

/* What a trigger cannot check, the store does: a row signed by no one it names */
static void
test_forged_cosignature (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AlcoveNote) note = signed_note (f, "soap");
  g_autofree char *id = g_strdup (alcove_note_get_id (note));
  g_autofree char *s = sam_schema (f);
  g_autoptr(AlcoveNote) seen = NULL;
  g_autoptr(GError) error = NULL;

  /* sam claims rui co-signed */
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.cosignatures VALUES ('forged', '%s', '%s', '%s',"
                                " 1, '%s')", s, id, alcove_note_get_hash (note), f->rui_uuid,
                             "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
                             "AAAAAAAAAAAAAAAAAAAAAA=="), ==, SQLITE_OK);
  reopen_as (f, "sam");
  g_test_expect_message ("alcove-note-store", G_LOG_LEVEL_WARNING, "*does not verify*");
  seen = open_note (f, id);
  g_test_assert_expected_messages ();
  g_assert_true (alcove_note_get_cosign_tampered (seen));
  g_assert_cmpint (alcove_note_get_cosign_state (seen), ==, ALCOVE_COSIGN_AWAITING);
  g_assert_null (alcove_note_get_cosignature (seen));
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_NOTE_TAMPERED, id), ==, 1);

  /* it still waits for rui, who co-signs for real */
  reopen_as (f, "rui");
  g_assert_true (awaits (f, id));
  g_clear_object (&seen);
  g_test_expect_message ("alcove-note-store", G_LOG_LEVEL_WARNING, "*does not verify*");
  seen = open_note (f, id);
  g_test_assert_expected_messages ();
  g_assert_true (alcove_note_store_cosign (f->notes, seen, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_note_get_cosign_state (seen), ==, ALCOVE_COSIGN_DONE);
}

/* A return forged by the author would reopen their signed note; it shows for what it is */
static void
test_forged_return (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AlcoveNote) note = signed_note (f, "soap");
  g_autofree char *id = g_strdup (alcove_note_get_id (note));
  g_autofree char *s = sam_schema (f);
  g_autoptr(AlcoveNote) seen = NULL;

  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.note_returns SELECT 'forged', id, signed_ms,"
                                " signed_by, hash, '{}', '%s', 1, 'please edit', 'AAAA'"
                                " FROM %s.notes WHERE id = '%s'", s, f->rui_uuid, s, id), ==,
                   SQLITE_OK);
  g_assert_cmpint (raw_exec (f, "UPDATE %s.notes SET status = 'draft', signed_ms = 0,"
                                " signed_by = '', hash = '', cosign_required = 0"
                                " WHERE id = '%s'", s, id), ==, SQLITE_OK);
  reopen_as (f, "sam");
  g_test_expect_message ("alcove-note-store", G_LOG_LEVEL_WARNING, "*does not verify*");
  seen = open_note (f, id);
  g_test_assert_expected_messages ();
  g_assert_true (alcove_note_get_cosign_tampered (seen));
  g_assert_false (alcove_note_get_last_return (seen)->valid);
  g_assert_cmpint (alcove_test_count_audit (f->vault, ALCOVE_AUDIT_NOTE_TAMPERED, id), ==, 1);
}

/* Psychotherapy notes are never co-signed, whatever is written into their store */
static void
test_private_never (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AlcoveNote) note = signed_note (f, ALCOVE_FORMAT_PRIVATE);
  g_autofree char *store_id = g_strconcat ("private:", f->sam_uuid, NULL);
  g_autofree char *s = alcove_vault_schema_for (store_id);
  const char *id = alcove_note_get_id (note);

  g_assert_cmpint (raw_exec (f, "UPDATE %s.notes SET cosign_required = 1 WHERE id = '%s'",
                             s, id), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.cosignatures VALUES ('x', '%s', '%s', '%s', 1,"
                                " 'AAAA')", s, id, alcove_note_get_hash (note), f->rui_uuid),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (f, "INSERT INTO %s.note_returns SELECT 'y', id, signed_ms,"
                                " signed_by, hash, '{}', '%s', 1, 'x', 'AAAA' FROM %s.notes"
                                " WHERE id = '%s'", s, f->rui_uuid, s, id), ==,
                   SQLITE_CONSTRAINT);
  reopen_as (f, "rui");
  g_assert_false (awaits (f, id));
}

/* A store at v4, with a signed note, reaches v5: the note still verifies and stays
 * immutable, and needs no co-signature */
static void
test_migration_from_v4 (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "notes-v4.db", NULL);
  g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  db = alcove_database_open (path, key, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_NOTES, 4, &error));
  g_assert_true (alcove_database_exec (db, "INSERT INTO notes (id, client_id, author, format,"
                                           " session_date, status, created_ms, updated_ms,"
                                           " signed_ms, signed_by, hash) VALUES ('n', 'c',"
                                           " 'u', 'soap', '2024-01-01', 'signed', 1, 1, 2,"
                                           " 'u', 'abc')", &error));
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_NOTES, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==,
                   alcove_migrations_count (ALCOVE_STORE_NOTES));
  stmt = alcove_database_prepare (db, "SELECT cosign_required FROM notes WHERE id = 'n'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_reset (stmt);
  g_assert_false (alcove_database_exec (db, "UPDATE notes SET sections = '{\"a\":\"b\"}'",
                                        NULL));
  g_assert_false (alcove_database_exec (db, "INSERT INTO cosignatures VALUES ('x', 'n', 'abc',"
                                            " 'v', 1, 'AAAA')", NULL));
  alcove_database_close (db);
}

/* A disposal takes a client's co-signatures and returns with its notes; the owner cannot
 * open sam's store, so sam's next session finishes it */
static void
test_disposal (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveNote) cosigned = signed_note (f, "soap");
  g_autoptr(AlcoveNote) returned = signed_note (f, "dap");
  g_autoptr(AlcoveNote) seen = NULL;
  g_autoptr(AlcoveClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (1, G_DATE_JANUARY, 2045);
  g_autofree char *s = sam_schema (f);
  const char *ids[] = { f->client_id, NULL };
  AlcoveDisposalReport report = { 0 };
  guint finished = 0;

  client = alcove_client_copy (alcove_client_store_lookup (f->clients, f->client_id));
  alcove_client_set_status (client, ALCOVE_CLIENT_DISCHARGED);
  alcove_client_set_field (client, ALCOVE_CLIENT_DISCHARGED_ON, "2024-06-01");
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);
  reopen_as (f, "rui");
  seen = open_note (f, alcove_note_get_id (cosigned));
  g_assert_true (alcove_note_store_cosign (f->notes, seen, &error));
  g_assert_no_error (error);
  g_clear_object (&seen);
  seen = open_note (f, alcove_note_get_id (returned));
  g_assert_true (alcove_note_store_return (f->notes, seen, COMMENT, &error));
  g_assert_no_error (error);

  reopen_as (f, "dana");
  g_assert_true (alcove_retention_dispose (f->vault, ids, today, &report, &error));
  g_assert_no_error (error);
  alcove_disposal_report_clear (&report);
  reopen_as (f, "sam");
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.cosignatures", s), ==, 1);
  g_assert_true (alcove_retention_finish_pending (f->vault, &finished, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.notes", s), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.cosignatures", s), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.note_returns", s), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cosign/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("required-at-signing", test_required_at_signing);
  g_test_add_func ("/cosign/canonical-unchanged", test_canonical_unchanged);
  ADD ("policy-formats", test_policy_formats);
  ADD ("cosign", test_cosign);
  ADD ("return", test_return);
  ADD ("attacks/triggers", test_attacks_on_triggers);
  ADD ("attacks/forged-cosignature", test_forged_cosignature);
  ADD ("attacks/forged-return", test_forged_return);
  ADD ("private-never", test_private_never);
  g_test_add_func ("/cosign/migration-from-v4", test_migration_from_v4);
  ADD ("disposal", test_disposal);
#undef ADD

  return g_test_run ();
}
