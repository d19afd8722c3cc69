/* test-people.c — the people of a practice: first sign-ins and enrolment codes, roles,
 * disabling and enabling again, supervision, the last owner; and an insider with write
 * access to the vault folder trying to get around them through the real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-people"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "alcove-audit-actions.h"
#include "alcove-crypto.h"
#include "alcove-policy.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define FIRST_PASSWORD "quiet harbor lantern seven"
#define OWN_PASSWORD   "plum umbrella gravel tonic"

static const AlcoveConfirmation dana_confirms = { "dana", NULL };

/* ---- helpers ---- */

static AlcoveConfirmation
by_dana (AlcoveSecret **secret)
{
  AlcoveConfirmation confirmation = dana_confirms;

  *secret = alcove_test_secret (TEST_PASSWORD);
  confirmation.secret = *secret;
  return confirmation;
}

/* dana (owner) signed in, the others added by alcove_test_add_user or add_person */
static AlcoveVault *
new_practice (char **dir)
{
  g_autoptr(AlcoveVault) created = NULL;

  *dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (*dir, NULL);
  return alcove_test_unlocked_vault (*dir, "dana", TEST_PASSWORD);
}

static void
add_with_first_password (AlcoveVault *owner,
                         const char  *username,
                         const char  *full_name,
                         AlcoveRole   role)
{
  g_autoptr(AlcoveSecret) first = alcove_test_secret (FIRST_PASSWORD);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_add_person (owner, username, full_name, role, first,
                                          alcove_test_fast_kdf (), NULL, &error));
  g_assert_no_error (error);
}

/* The code as it was shown, once */
static char *
add_with_code (AlcoveVault *owner,
               const char  *username,
               const char  *full_name,
               AlcoveRole   role)
{
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_add_person (owner, username, full_name, role, NULL,
                                          alcove_test_fast_kdf (), &code, &error));
  g_assert_no_error (error);
  g_assert_nonnull (code);
  return g_strndup ((const char *) alcove_secret_get_data (code), alcove_secret_get_size (code));
}

static gboolean
first_sign_in (AlcoveVault  *vault,
               const char   *username,
               const char   *first,
               const char   *own,
               gboolean      confirmed,
               GError      **error)
{
  g_autoptr(AlcoveSecret) first_secret = alcove_test_secret (first);
  g_autoptr(AlcoveSecret) own_secret = alcove_test_secret (own);
  g_autoptr(AlcoveSecret) confirming = NULL;
  AlcoveConfirmation confirmation = by_dana (&confirming);

  return alcove_vault_first_sign_in (vault, username, first_secret, own_secret,
                                     alcove_test_fast_kdf (), confirmed ? &confirmation : NULL,
                                     error);
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
  g_assert_true (alcove_vault_get_locked (vault));
  g_test_message ("%s: %s", username, error->message);
  return error;
}

static void
assert_unlock_fails (const char *dir,
                     const char *username,
                     const char *password,
                     int         code)
{
  g_autoptr(GError) error = unlock_error (dir, username, password);

  g_assert_error (error, ALCOVE_VAULT_ERROR, code);
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

static JsonObject *
user_entry (JsonNode   *root,
            const char *username)
{
  JsonObject *authority = json_object_get_object_member (json_node_get_object (root), "authority");
  JsonArray *users = json_object_get_array_member (authority, "users");

  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);

      if (g_str_equal (json_object_get_string_member (user, "username"), username))
        return user;
    }
  g_assert_not_reached ();
}

static int
file_version (const char *dir)
{
  g_autoptr(JsonNode) root = load_keys (dir);

  return (int) json_object_get_int_member (json_node_get_object (root), "version");
}

static char *
read_keys_text (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, ALCOVE_HEADER_FILE, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
write_keys_text (const char *dir,
                 const char *text)
{
  g_autofree char *path = g_build_filename (dir, ALCOVE_HEADER_FILE, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
assert_refused_as_tampered (const GError *error)
{
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_true (error->domain == ALCOVE_VAULT_ERROR);
  g_assert_true (error->code == ALCOVE_VAULT_ERROR_ROLLBACK ||
                 error->code == ALCOVE_VAULT_ERROR_FORGED ||
                 error->code == ALCOVE_VAULT_ERROR_DAMAGED ||
                 error->code == ALCOVE_VAULT_ERROR_IO);
}

/* This computer forgets what it saw of every vault: another workstation, or a profile
 * made anew */
static void
forget_this_computer (void)
{
  g_autofree char *seen = g_build_filename (g_get_user_state_dir (), "alcove", "seen", NULL);
  g_autoptr(GDir) dir = g_dir_open (seen, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (seen, name, NULL);
      g_unlink (path);
    }
}

/* ---- a first password ---- */

/* The owner's first password opens only the first sign-in; the person's own password is
 * confirmed by an owner, replaces their keys, and is then the only way in */
static void
test_first_password (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) owner = new_practice (&dir);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) users = NULL;
  g_autofree char *uuid = NULL;

  /* the owner's first sign-in set up emergency access, which format 4 holds */
  g_assert_cmpint (file_version (dir), ==, 4);
  add_with_first_password (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  g_assert_cmpint (file_version (dir), ==, 4);
  uuid = g_strdup (alcove_header_find_user (owner->header, "sam")->uuid);
  g_assert_cmpint (alcove_test_count_audit (owner, ALCOVE_AUDIT_USER_ADD, uuid), ==, 1);
  users = alcove_vault_list_users (owner);
  {
    g_autoptr(AlcoveUser) sam = g_list_model_get_item (users, 1);
    g_assert_cmpint (alcove_user_get_first_sign_in (sam), ==, ALCOVE_FIRST_SIGN_IN_PASSWORD);
  }
  alcove_vault_lock (owner);

  /* not an ordinary sign-in */
  assert_unlock_fails (dir, "sam", FIRST_PASSWORD, ALCOVE_VAULT_ERROR_NEEDS_NEW_PASSWORD);
  /* not the same password again, nor a weak one, nor without an owner */
  g_assert_false (first_sign_in (vault, "sam", FIRST_PASSWORD, FIRST_PASSWORD, TRUE, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (first_sign_in (vault, "sam", FIRST_PASSWORD, "sam", TRUE, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);
  g_assert_false (first_sign_in (vault, "sam", FIRST_PASSWORD, OWN_PASSWORD, FALSE, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION);
  g_assert_true (alcove_vault_get_locked (vault));
  g_clear_error (&error);
  /* a wrong first password is a wrong guess */
  g_assert_false (first_sign_in (vault, "sam", "not the first password", OWN_PASSWORD, TRUE,
                                 &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  assert_unlock_fails (dir, "sam", FIRST_PASSWORD, ALCOVE_VAULT_ERROR_NEEDS_NEW_PASSWORD);

  g_assert_true (first_sign_in (vault, "sam", FIRST_PASSWORD, OWN_PASSWORD, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (alcove_vault_get_locked (vault));
  g_assert_cmpint (alcove_user_get_first_sign_in (alcove_vault_get_current_user (vault)), ==,
                   ALCOVE_FIRST_SIGN_IN_NONE);
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_USER_FIRST_SIGN_IN, uuid), ==, 1);
  alcove_vault_lock (vault);

  /* the format stays the lowest that holds what the vault uses */
  g_assert_cmpint (file_version (dir), ==, 4);
  assert_unlock_fails (dir, "sam", FIRST_PASSWORD, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_assert_false (first_sign_in (vault, "sam", FIRST_PASSWORD, "amber falcon meadow quill",
                                 TRUE, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", OWN_PASSWORD);
    g_assert_true (alcove_policy_allows (sam, ALCOVE_CAPABILITY_WRITE_NOTES));
  }
}

/* An owner added by an owner confirms their own first sign-in, and the authority key their
 * first secret could reach is replaced */
static void
test_owner_first_sign_in (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) owner = new_practice (&dir);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GBytes) authority_before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = add_with_code (owner, "kim", "Kim Park", ALCOVE_ROLE_OWNER);

  add_with_first_password (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  authority_before = g_bytes_ref (owner->header->authority_key);
  alcove_vault_lock (owner);
  g_assert_false (alcove_vault_first_sign_in_needs_confirmation (owner, "kim"));
  g_assert_true (alcove_vault_first_sign_in_needs_confirmation (owner, "sam"));

  g_assert_true (first_sign_in (vault, "kim", code, OWN_PASSWORD, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_can_manage_people (vault));
  g_assert_false (g_bytes_equal (authority_before, vault->header->authority_key));
  g_assert_true (alcove_header_authority_descends (vault->header, authority_before));
  alcove_vault_lock (vault);
  {
    g_autoptr(AlcoveVault) dana = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    g_assert_true (alcove_vault_can_manage_people (dana));
  }
}

/* ---- an enrolment code ---- */

static void
test_enrolment_code (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) owner = new_practice (&dir);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) shape = g_regex_new ("^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$", 0, 0, NULL);
  g_autofree char *code = add_with_code (owner, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  g_autofree char *typed = NULL;
  g_autofree char *header_text = read_keys_text (dir);

  g_assert_true (g_regex_match (shape, code, 0, NULL));
  /* kept nowhere but under its own key derivation */
  g_assert_null (strstr (header_text, code));
  alcove_vault_lock (owner);

  /* a code is no password, and a password field never opens its slot */
  assert_unlock_fails (dir, "bea", code, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_assert_false (first_sign_in (vault, "bea", "ABCD-EFGH-JKLM", OWN_PASSWORD, TRUE, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (first_sign_in (vault, "bea", "AAAA-AAAA-AAAA-AAAA", OWN_PASSWORD, TRUE,
                                 &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  /* typed in lower case, without dashes, with spaces: the same code */
  typed = g_ascii_strdown (code, -1);
  for (char *p = typed; *p != '\0'; p++)
    if (*p == '-')
      *p = ' ';
  g_assert_true (first_sign_in (vault, "bea", typed, OWN_PASSWORD, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (alcove_policy_allows (vault, ALCOVE_CAPABILITY_WRITE_NOTES));
  {
    AlcoveHeaderUser *bea = alcove_header_find_user (vault->header, "bea");

    g_assert_cmpuint (bea->slots->len, ==, 1);
    g_assert_cmpstr (((AlcoveHeaderSlot *) g_ptr_array_index (bea->slots, 0))->kind, ==,
                     "password");
  }
  alcove_vault_lock (vault);
  g_assert_false (first_sign_in (vault, "bea", code, "amber falcon meadow quill", TRUE, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
}

/* The user key a slot of an old copy of vault.keys opens, with the secret that made it:
 * what an insider who knew a first secret and kept the file can work out on their own */
static AlcoveSecret *
user_key_from_old_slot (const char *old_header_text,
                        const char *username,
                        const char *secret_text)
{
  g_autoptr(AlcoveHeader) header = alcove_header_parse (old_header_text,
                                                        strlen (old_header_text), NULL);
  AlcoveHeaderUser *user = alcove_header_find_user (header, username);
  AlcoveHeaderSlot *slot = g_ptr_array_index (user->slots, 0);
  g_autoptr(AlcoveSecret) typed = alcove_test_secret (secret_text);
  g_autoptr(AlcoveSecret) secret = g_str_equal (slot->kind, "enrolment")
                                     ? alcove_crypto_enrolment_code_canonical (typed, NULL)
                                     : alcove_secret_copy (typed);
  g_autoptr(AlcoveSecret) kek = alcove_crypto_derive_kek (secret, slot->salt, &slot->kdf, NULL);
  g_autofree char *ad = alcove_header_slot_ad (header, user, slot, ALCOVE_HEADER_SIGNED_VERSION);
  g_autoptr(AlcoveSecret) plain = alcove_crypto_unwrap (kek, slot->nonce, slot->wrapped, ad,
                                                        NULL);

  g_assert_nonnull (plain);
  return alcove_secret_new_from_data (alcove_secret_get_data (plain), ALCOVE_KEY_SIZE);
}

/* bea knew sam's enrolment code (it lay on the front desk) and kept vault.keys from before
 * sam used it. After the first sign-in: the slot put back is refused; the whole file put
 * back is a rollback, and names store files that are gone; and the user key she works out
 * from it on her own unseals nothing sam holds now. */
static void
test_consumed_code_reused (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) owner = new_practice (&dir);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = add_with_code (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  g_autofree char *before = read_keys_text (dir);
  g_autofree char *after = NULL;
  g_autoptr(AlcoveSecret) old_user_key = NULL;

  alcove_vault_lock (owner);
  g_assert_true (first_sign_in (vault, "sam", code, OWN_PASSWORD, TRUE, &error));
  g_assert_no_error (error);
  alcove_vault_lock (vault);
  after = read_keys_text (dir);

  /* the code again, as it is now */
  g_assert_false (first_sign_in (vault, "sam", code, "amber falcon meadow quill", TRUE, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  /* its slot put back beside sam's own */
  {
    g_autoptr(JsonNode) old_root = json_from_string (before, NULL);
    g_autoptr(JsonNode) root = json_from_string (after, NULL);
    JsonArray *old_slots = json_object_get_array_member (json_node_get_object (old_root), "slots");
    JsonArray *slots = json_object_get_array_member (json_node_get_object (root), "slots");

    for (guint i = 0; i < json_array_get_length (old_slots); i++)
      {
        JsonObject *slot = json_array_get_object_element (old_slots, i);

        if (g_str_equal (json_object_get_string_member (slot, "kind"), "enrolment"))
          json_array_add_element (slots, json_node_copy (json_array_get_element (old_slots, i)));
      }
    save_keys (dir, root);
    g_assert_false (first_sign_in (vault, "sam", code, "amber falcon meadow quill", TRUE,
                                   &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
    g_clear_error (&error);
  }

  /* the whole file put back: refused on this computer, which saw newer */
  write_keys_text (dir, before);
  g_assert_false (first_sign_in (vault, "sam", code, "amber falcon meadow quill", TRUE, &error));
  assert_refused_as_tampered (error);
  g_assert_true (alcove_vault_get_locked (vault));
  g_clear_error (&error);
  /* ...and on a computer that never saw it, the stores it names are gone */
  forget_this_computer ();
  g_assert_false (first_sign_in (vault, "sam", code, "amber falcon meadow quill", TRUE, &error));
  assert_refused_as_tampered (error);
  g_assert_true (alcove_vault_get_locked (vault));
  g_clear_error (&error);
  write_keys_text (dir, after);

  /* offline: the old user key against every grant and slot sam has now */
  old_user_key = user_key_from_old_slot (before, "sam", code);
  {
    g_autoptr(AlcoveHeader) header = alcove_header_parse (after, strlen (after), NULL);
    AlcoveHeaderUser *sam = alcove_header_find_user (header, "sam");
    g_autoptr(GBytes) old_public = alcove_crypto_public_key (old_user_key, ALCOVE_PURPOSE_USER);
    guint n_grants = 0;

    g_assert_false (g_bytes_equal (old_public, sam->public_key));
    for (guint i = 0; i < header->grants->len; i++)
      {
        AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);
        g_autofree char *ad = alcove_header_grant_ad (header, grant->user, grant->database);
        g_autoptr(AlcoveSecret) key = alcove_crypto_open_sealed (old_user_key, ALCOVE_PURPOSE_USER,
                                                                 grant->ephemeral, grant->nonce,
                                                                 grant->wrapped, ad, NULL);

        n_grants += g_str_equal (grant->user, sam->uuid);
        g_assert_null (key);
      }
    g_assert_cmpuint (n_grants, ==, 3);  /* practice, notes, private */
  }
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", OWN_PASSWORD);
  }
}

/* Slots swapped or forged by bea, who enrolled with her own code: sam's first slot with her
 * wrapping in it, then one she made for sam's id that opens her own user key */
static void
test_swapped_first_slots (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) owner = new_practice (&dir);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *sams = add_with_code (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  g_autofree char *beas = add_with_code (owner, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  g_autofree char *original = NULL;

  alcove_vault_lock (owner);
  original = read_keys_text (dir);

  /* sam's slot given bea's wrapping and KDF: her code, his id */
  {
    g_autoptr(JsonNode) root = load_keys (dir);
    JsonArray *slots = json_object_get_array_member (json_node_get_object (root), "slots");
    const char *sam_uuid = json_object_get_string_member (user_entry (root, "sam"), "uuid");
    JsonObject *sam_slot = NULL, *bea_slot = NULL;

    for (guint i = 0; i < json_array_get_length (slots); i++)
      {
        JsonObject *slot = json_array_get_object_element (slots, i);

        if (!g_str_equal (json_object_get_string_member (slot, "kind"), "enrolment"))
          continue;
        if (g_str_equal (json_object_get_string_member (slot, "user"), sam_uuid))
          sam_slot = slot;
        else
          bea_slot = slot;
      }
    g_assert_nonnull (sam_slot);
    g_assert_nonnull (bea_slot);
    for (guint i = 0; i < 3; i++)
      {
        const char *member = (const char *[]) { "kdf", "nonce", "wrapped" }[i];

        json_object_set_member (sam_slot, member,
                                json_node_copy (json_object_get_member (bea_slot, member)));
      }
    save_keys (dir, root);
    g_assert_false (first_sign_in (vault, "sam", beas, OWN_PASSWORD, TRUE, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
    g_clear_error (&error);
  }
  /* sam's first slot relabelled a password slot: the signed first sign-in names an enrolment */
  {
    g_autoptr(JsonNode) root = load_keys (dir);

    write_keys_text (dir, original);
    json_node_unref (root);
    root = load_keys (dir);
    {
      JsonArray *slots = json_object_get_array_member (json_node_get_object (root), "slots");
      const char *sam_uuid = json_object_get_string_member (user_entry (root, "sam"), "uuid");

      for (guint i = 0; i < json_array_get_length (slots); i++)
        {
          JsonObject *slot = json_array_get_object_element (slots, i);

          if (g_str_equal (json_object_get_string_member (slot, "user"), sam_uuid))
            json_object_set_string_member (slot, "kind", "password");
        }
    }
    save_keys (dir, root);
    g_assert_false (first_sign_in (vault, "sam", sams, OWN_PASSWORD, TRUE, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
    g_clear_error (&error);
    assert_unlock_fails (dir, "sam", sams, ALCOVE_VAULT_ERROR_DAMAGED);
  }

  /* bea enrols, then makes sam a first slot of her own that opens her user key */
  write_keys_text (dir, original);
  g_assert_true (first_sign_in (vault, "bea", beas, OWN_PASSWORD, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AlcoveSecret) bea_key = NULL;
    g_autoptr(AlcoveHeader) header = NULL;
    g_autoptr(AlcoveSecret) chosen = alcove_test_secret ("BEAS-CODE-FORS-AMMM");
    g_autoptr(AlcoveSecret) canonical = alcove_crypto_enrolment_code_canonical (chosen, NULL);
    g_autoptr(AlcoveSlotKey) slot_key = alcove_slot_key_derive (canonical, alcove_test_fast_kdf (),
                                                                NULL);
    AlcoveHeaderUser *sam;
    AlcoveHeaderSlot *slot;

    bea_key = alcove_secret_copy (vault->user_key);
    alcove_vault_lock (vault);
    header = alcove_header_load (dir, NULL);
    sam = alcove_header_find_user (header, "sam");
    slot = g_ptr_array_index (sam->slots, 0);
    g_bytes_unref (slot->salt);
    slot->salt = g_bytes_ref (slot_key->salt);
    slot->kdf = slot_key->kdf;
    g_assert_true (alcove_vault_wrap_slot (header, sam, slot, slot_key->kek, bea_key, NULL));
    g_assert_true (alcove_header_save (header, dir, NULL));
    g_assert_false (first_sign_in (vault, "sam", "BEAS-CODE-FORS-AMMM", OWN_PASSWORD, TRUE,
                                   &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED);
    g_assert_true (alcove_vault_get_locked (vault));
  }
}

/* The owner's signature covers a first sign-in: bea drops sam's, so that his first password
 * would sign him in as usual, or names another slot, or gives the pending account a role */
static void
test_edited_first_sign_in (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) owner = new_practice (&dir);
  g_autofree char *original = NULL;

  add_with_first_password (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_vault_lock (owner);
  original = read_keys_text (dir);

  {
    g_autoptr(JsonNode) root = load_keys (dir);
    json_object_remove_member (user_entry (root, "sam"), "first_sign_in");
    save_keys (dir, root);
    assert_unlock_fails (dir, "sam", FIRST_PASSWORD, ALCOVE_VAULT_ERROR_FORGED);
    assert_unlock_fails (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_FORGED);
  }
  {
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *other = g_uuid_string_random ();

    write_keys_text (dir, original);
    root = load_keys (dir);
    json_object_set_string_member (json_object_get_object_member (user_entry (root, "sam"),
                                                                  "first_sign_in"),
                                   "slot", other);
    save_keys (dir, root);
    assert_unlock_fails (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_DAMAGED);
  }
  {
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
    g_autoptr(GError) error = NULL;

    write_keys_text (dir, original);
    root = load_keys (dir);
    json_object_set_string_member (user_entry (root, "sam"), "role", "owner");
    save_keys (dir, root);
    g_assert_false (first_sign_in (vault, "sam", FIRST_PASSWORD, OWN_PASSWORD, FALSE, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED);
  }
  write_keys_text (dir, original);
  g_assert_null (unlock_error (dir, "dana", TEST_PASSWORD));
}

/* rui, a supervisor with the folder, lists himself among sam's supervisors, so that sam's
 * next sign-in would seal his notes' key to him: the list is the owner's to sign */
static void
test_forged_assignment (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) owner = new_practice (&dir);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *notes_id = NULL;
  JsonArray *list = json_array_new ();

  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (owner, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  notes_id = g_strdup_printf ("notes:%s", alcove_header_find_user (owner->header, "sam")->uuid);
  alcove_vault_lock (owner);

  root = load_keys (dir);
  json_array_add_string_element (list, json_object_get_string_member (user_entry (root, "rui"),
                                                                      "uuid"));
  json_object_set_array_member (user_entry (root, "sam"), "supervisors", list);
  save_keys (dir, root);
  assert_unlock_fails (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED);
  assert_unlock_fails (dir, "rui", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_FORGED);
  assert_unlock_fails (dir, "dana", TEST_PASSWORD, ALCOVE_VAULT_ERROR_FORGED);
  {
    g_autoptr(AlcoveHeader) header = alcove_header_load (dir, NULL);
    AlcoveHeaderUser *rui = alcove_header_find_user (header, "rui");

    g_assert_null (alcove_header_find_grant (header, rui->uuid, notes_id));
  }
}

/* ---- the format ---- */

/* Format 2 knows no front desk, no first sign-in and no enrolment slot: an edited version
 * number is damage, never a half-read file */
static void
test_format_versions (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) owner = new_practice (&dir);
  g_autofree char *code = add_with_code (owner, "fay", "Fay Oduya", ALCOVE_ROLE_FRONT_DESK);
  g_autoptr(JsonNode) root = load_keys (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AlcoveHeader) header = NULL;

  g_assert_cmpint (file_version (dir), ==, 4);
  json_object_set_int_member (json_node_get_object (root), "version", 2);
  text = json_to_string (root, FALSE);
  header = alcove_header_parse (text, strlen (text), &error);
  g_assert_null (header);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
  g_clear_error (&error);

  /* a front desk alone is format 3, and an unknown role is damage */
  {
    g_autoptr(JsonNode) edited = load_keys (dir);

    json_object_set_string_member (user_entry (edited, "fay"), "role", "receptionist");
    g_clear_pointer (&text, g_free);
    text = json_to_string (edited, FALSE);
    g_assert_null (alcove_header_parse (text, strlen (text), &error));
    g_assert_nonnull (strstr (error->message, "role"));
    g_clear_error (&error);
  }
  /* supervisors that are no account, or the clinician themselves */
  {
    g_autoptr(JsonNode) edited = load_keys (dir);
    JsonArray *list = json_array_new ();
    g_autofree char *stranger = g_uuid_string_random ();

    json_array_add_string_element (list, stranger);
    json_object_set_array_member (user_entry (edited, "dana"), "supervisors", list);
    g_clear_pointer (&text, g_free);
    text = json_to_string (edited, FALSE);
    g_assert_null (alcove_header_parse (text, strlen (text), &error));
    g_assert_nonnull (strstr (error->message, "supervisors"));
    g_clear_error (&error);
  }
  {
    g_autoptr(JsonNode) edited = load_keys (dir);
    JsonArray *list = json_array_new ();

    g_clear_pointer (&text, g_free);
    json_object_set_array_member (user_entry (edited, "dana"), "supervisors", list);
    text = json_to_string (edited, FALSE);
    g_assert_null (alcove_header_parse (text, strlen (text), &error));
    g_clear_error (&error);
  }
  /* and a version this Alcove does not know is refused with a word to update */
  {
    g_autoptr(JsonNode) edited = load_keys (dir);

    json_object_set_int_member (json_node_get_object (edited), "version", ALCOVE_HEADER_VERSION + 1);
    g_clear_pointer (&text, g_free);
    text = json_to_string (edited, FALSE);
    g_assert_null (alcove_header_parse (text, strlen (text), &error));
    g_assert_nonnull (strstr (error->message, "newer Alcove"));
  }
}

/* ---- roles ---- */

static gboolean
holds (AlcoveVault *vault,
       const char  *username,
       const char  *prefix)
{
  AlcoveHeaderUser *user = alcove_header_find_user (vault->header, username);
  g_autofree char *id = g_strdup_printf ("%s:%s", prefix, user->uuid);

  return alcove_header_find_grant (vault->header, user->uuid,
                                   g_str_equal (prefix, "practice") ? "practice" : id) != NULL;
}

/* A clinician becomes front desk: their notes' keys go (handed over, the owner holding none
 * of them), so does their supervisor's; back to clinician needs the recovery key, which
 * holds their earlier notes */
static void
test_role_changes (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *recovery = NULL;
  g_autoptr(AlcoveVault) created = NULL;
  g_autoptr(AlcoveVault) owner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sam_uuid = NULL;

  dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (dir, &recovery);
  owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (owner, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  g_assert_true (alcove_vault_grant_supervision (owner, "rui", "sam", &error));
  g_assert_no_error (error);
  alcove_vault_lock (owner);
  {
    /* sam's sign-in seals his notes' key to rui, as the owner assigned */
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
  }
  g_clear_object (&owner);
  owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  sam_uuid = g_strdup (alcove_header_find_user (owner->header, "sam")->uuid);
  g_assert_false (alcove_vault_supervision_is_pending (owner, "rui", "sam"));

  /* your own role is another owner's to change */
  g_assert_false (alcove_vault_set_role (owner, "dana", ALCOVE_ROLE_CLINICIAN, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  g_assert_true (alcove_vault_set_role (owner, "sam", ALCOVE_ROLE_FRONT_DESK, &error));
  g_assert_no_error (error);
  g_assert_true (holds (owner, "sam", "practice"));
  g_assert_false (holds (owner, "sam", "notes"));
  g_assert_false (holds (owner, "sam", "private"));
  {
    g_autofree char *notes_id = g_strdup_printf ("notes:%s", sam_uuid);
    g_auto(GStrv) supervisors = alcove_vault_dup_supervisors (owner, "sam");

    g_assert_null (alcove_header_find_grant (owner->header,
                                             alcove_header_find_user (owner->header, "rui")->uuid,
                                             notes_id));
    g_assert_cmpuint (g_strv_length (supervisors), ==, 0);
    g_assert_true (alcove_header_has_retiring (owner->header, notes_id));
  }
  g_assert_cmpint (alcove_test_count_audit (owner, ALCOVE_AUDIT_USER_ROLE, sam_uuid), ==, 1);
  alcove_vault_lock (owner);
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);

    g_assert_true (alcove_policy_allows (sam, ALCOVE_CAPABILITY_EDIT_CLIENTS));
    g_assert_false (alcove_policy_allows (sam, ALCOVE_CAPABILITY_RECORD_DISCLOSURES));
    g_assert_false (alcove_policy_allows (sam, ALCOVE_CAPABILITY_READ_CONSENT_VALUES));
    g_assert_false (alcove_vault_can_open_database (sam, "notes:x"));
    g_assert_cmpuint (g_hash_table_size (sam->database_keys), ==, 1);
  }

  /* back: the owner holds none of sam's earlier notes */
  g_clear_object (&owner);
  owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_assert_false (alcove_vault_set_role (owner, "sam", ALCOVE_ROLE_CLINICIAN, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "recovery key"));
  g_clear_error (&error);
  alcove_vault_lock (owner);
  {
    g_autoptr(AlcoveSecret) code = alcove_test_secret (recovery);

    g_assert_true (alcove_vault_unlock_with_recovery_key (owner, code, &error));
    g_assert_no_error (error);
    g_assert_true (alcove_vault_set_role (owner, "sam", ALCOVE_ROLE_CLINICIAN, &error));
    g_assert_no_error (error);
    alcove_vault_lock (owner);
  }
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
    g_autofree char *notes_id = g_strdup_printf ("notes:%s", sam_uuid);

    g_assert_true (alcove_vault_can_open_database (sam, notes_id));
  }

  /* a supervisor made billing no longer reads anyone's notes; a billing clerk made owner
   * can manage people */
  g_clear_object (&owner);
  owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_assert_true (alcove_vault_grant_supervision (owner, "rui", "sam", &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_set_role (owner, "rui", ALCOVE_ROLE_BILLING, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_set_role (owner, "rui", ALCOVE_ROLE_OWNER, &error));
  g_assert_no_error (error);
  alcove_vault_lock (owner);
  {
    g_autoptr(AlcoveVault) rui = alcove_test_unlocked_vault (dir, "rui", TEST_OTHER_PASSWORD);
    g_autofree char *notes_id = g_strdup_printf ("notes:%s", sam_uuid);

    g_assert_true (alcove_vault_can_manage_people (rui));
    g_assert_false (alcove_vault_can_open_database (rui, notes_id));
  }
}

/* ---- the last owner ---- */

static void
test_last_owner (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *recovery = NULL;
  g_autoptr(AlcoveVault) created = NULL;
  g_autoptr(AlcoveVault) vault = NULL;
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (dir, &recovery);
  code = alcove_test_secret (recovery);
  vault = alcove_vault_new (dir);
  g_assert_true (alcove_vault_unlock_with_recovery_key (vault, code, &error));
  g_assert_no_error (error);

  /* not even the recovery key leaves the practice without an owner */
  g_assert_false (alcove_vault_check_keeps_an_owner (vault, "dana", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "only owner"));
  g_clear_error (&error);
  g_assert_false (alcove_vault_disable_user (vault, "dana", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (alcove_vault_set_role (vault, "dana", ALCOVE_ROLE_CLINICIAN, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* a second owner, and then either may go */
  alcove_test_add_user (vault, "kim", "Kim Park", ALCOVE_ROLE_OWNER);
  g_assert_true (alcove_vault_check_keeps_an_owner (vault, "dana", NULL));
  g_assert_true (alcove_vault_set_role (vault, "dana", ALCOVE_ROLE_CLINICIAN, &error));
  g_assert_no_error (error);
  g_assert_false (alcove_vault_disable_user (vault, "kim", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  alcove_vault_lock (vault);
  {
    g_autoptr(AlcoveVault) kim = alcove_test_unlocked_vault (dir, "kim", TEST_OTHER_PASSWORD);
    g_assert_true (alcove_vault_can_manage_people (kim));
  }
  {
    g_autoptr(AlcoveVault) dana = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
    g_assert_false (alcove_vault_can_manage_people (dana));
  }
}

/* ---- disabling and enabling again ---- */

static void
test_enable_again (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) owner = new_practice (&dir);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) first = alcove_test_secret (FIRST_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  alcove_test_add_user (owner, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  uuid = g_strdup (alcove_header_find_user (owner->header, "bea")->uuid);
  g_assert_false (alcove_vault_enable_user (owner, "bea", first, alcove_test_fast_kdf (), &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (alcove_vault_disable_user (owner, "bea", &error));
  g_assert_no_error (error);
  g_assert_false (alcove_vault_disable_user (owner, "bea", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (alcove_vault_enable_user (owner, "bea", first, alcove_test_fast_kdf (), &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_test_count_audit (owner, ALCOVE_AUDIT_USER_DISABLE, uuid), ==, 1);
  g_assert_cmpint (alcove_test_count_audit (owner, ALCOVE_AUDIT_USER_ENABLE, uuid), ==, 1);
  alcove_vault_lock (owner);

  /* the old password opens nothing; the new first one only the first sign-in */
  assert_unlock_fails (dir, "bea", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  assert_unlock_fails (dir, "bea", FIRST_PASSWORD, ALCOVE_VAULT_ERROR_NEEDS_NEW_PASSWORD);
  g_assert_true (first_sign_in (vault, "bea", FIRST_PASSWORD, OWN_PASSWORD, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_policy_allows (vault, ALCOVE_CAPABILITY_EDIT_CLIENTS));
}

/* ---- supervision ---- */

/* An owner assigns: the clinician's next sign-in seals the notes' key to the supervisor;
 * both sides see it; ending it takes the key back and hands the notes over */
static void
test_supervision (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AlcoveVault) owner = new_practice (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes_id = NULL;

  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (owner, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  alcove_test_add_user (owner, "ivy", "Ivy Chen", ALCOVE_ROLE_SUPERVISOR);
  alcove_test_add_user (owner, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  notes_id = g_strdup_printf ("notes:%s", alcove_header_find_user (owner->header, "sam")->uuid);

  g_assert_false (alcove_vault_grant_supervision (owner, "bea", "sam", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (alcove_vault_grant_supervision (owner, "rui", "bea", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (alcove_vault_grant_supervision (owner, "rui", "sam", &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_grant_supervision (owner, "ivy", "sam", &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_supervision_is_pending (owner, "rui", "sam"));
  {
    g_auto(GStrv) supervisors = alcove_vault_dup_supervisors (owner, "sam");
    g_auto(GStrv) supervisees = alcove_vault_dup_supervisees (owner, "rui");
    const char *both[] = { "rui", "ivy", NULL };
    const char *sam[] = { "sam", NULL };

    g_assert_cmpstrv (supervisors, both);
    g_assert_cmpstrv (supervisees, sam);
  }
  alcove_vault_lock (owner);
  {
    g_autoptr(AlcoveVault) rui = alcove_test_unlocked_vault (dir, "rui", TEST_OTHER_PASSWORD);
    g_assert_false (alcove_vault_can_open_database (rui, notes_id));
  }
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
    const char *rui_uuid = alcove_header_find_user (sam->header, "rui")->uuid;

    g_assert_false (alcove_vault_supervision_is_pending (sam, "rui", "sam"));
    /* assigned by dana, sealed by sam */
    g_assert_cmpint (alcove_test_count_audit (sam, ALCOVE_AUDIT_USER_SUPERVISION, rui_uuid), ==, 2);
  }
  {
    g_autoptr(AlcoveVault) rui = alcove_test_unlocked_vault (dir, "rui", TEST_OTHER_PASSWORD);
    g_assert_true (alcove_vault_can_open_database (rui, notes_id));
  }

  /* ended by an owner: rui's key goes, the notes get a new one for sam and ivy */
  g_clear_object (&owner);
  owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_assert_false (alcove_vault_end_supervision (owner, "rui", "bea", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (alcove_vault_end_supervision (owner, "rui", "sam", &error));
  g_assert_no_error (error);
  g_assert_true (alcove_header_has_retiring (owner->header, notes_id));
  {
    g_auto(GStrv) supervisors = alcove_vault_dup_supervisors (owner, "sam");
    const char *ivy[] = { "ivy", NULL };

    g_assert_cmpstrv (supervisors, ivy);
  }
  alcove_vault_lock (owner);
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
    g_assert_false (alcove_header_has_retiring (sam->header, notes_id));
  }
  {
    g_autoptr(AlcoveVault) rui = alcove_test_unlocked_vault (dir, "rui", TEST_OTHER_PASSWORD);
    g_autoptr(AlcoveVault) ivy = alcove_test_unlocked_vault (dir, "ivy", TEST_OTHER_PASSWORD);

    g_assert_false (alcove_vault_can_open_database (rui, notes_id));
    g_assert_true (alcove_vault_can_open_database (ivy, notes_id));
  }

  /* only an owner (or the recovery key) ends it; nobody else assigns either */
  {
    g_autoptr(AlcoveVault) sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
    g_autoptr(AlcoveVault) bea = NULL;

    g_assert_false (alcove_vault_end_supervision (sam, "ivy", "sam", &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
    g_clear_error (&error);
    alcove_vault_lock (sam);
    bea = alcove_test_unlocked_vault (dir, "bea", TEST_OTHER_PASSWORD);
    g_assert_false (alcove_vault_grant_supervision (bea, "rui", "sam", &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  }
}

/* The summary line of each role is read from the policy table */
static void
test_role_summaries (void)
{
  for (AlcoveRole role = 0; role < ALCOVE_N_ROLES; role++)
    {
      g_autofree char *line = alcove_policy_dup_role_summary (role);

      g_test_message ("%s: %s", alcove_role_to_string (role), line);
      g_assert_cmpint (strstr (line, "Clients and sessions") != NULL, ==,
                       alcove_policy_role_allows (role, ALCOVE_CAPABILITY_EDIT_CLIENTS));
      g_assert_cmpint (strstr (line, "Audit log") != NULL, ==,
                       alcove_policy_role_allows (role, ALCOVE_CAPABILITY_REVIEW_AUDIT));
      g_assert_cmpint (strstr (line, "Manages people") != NULL, ==, role == ALCOVE_ROLE_OWNER);
      g_assert_cmpint (strstr (line, "Never sees notes") != NULL, ==,
                       role == ALCOVE_ROLE_BILLING || role == ALCOVE_ROLE_FRONT_DESK);
    }
}

/* ---- a forgotten password ---- */

/* An owner resets: the old password opens nothing, the new first one only a first sign-in;
 * a clinician's notes, which no owner holds, need the recovery key */
static void
test_reset_forgotten_password (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autofree char *recovery = NULL;
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, &recovery);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) first = alcove_test_secret (FIRST_PASSWORD);
  g_autoptr(AlcoveSecret) code = alcove_test_secret (recovery);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes_id = NULL;

  alcove_test_add_user (owner, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  notes_id = g_strdup_printf ("notes:%s", alcove_header_find_user (owner->header, "sam")->uuid);

  g_assert_false (alcove_vault_reset_needs_recovery_key (owner, "bea"));
  g_assert_true (alcove_vault_reset_person (owner, "bea", first, alcove_test_fast_kdf (), NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_false (alcove_vault_reset_person (owner, "dana", first, alcove_test_fast_kdf (), NULL,
                                             &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (alcove_vault_reset_needs_recovery_key (owner, "sam"));
  g_assert_false (alcove_vault_reset_person (owner, "sam", first, alcove_test_fast_kdf (), NULL,
                                             &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION);
  g_clear_error (&error);
  {
    g_autoptr(AlcoveSecret) wrong = alcove_test_secret ("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-"
                                                         "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA");

    g_assert_false (alcove_vault_reset_person (owner, "sam", first, alcove_test_fast_kdf (),
                                               wrong, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_assert_true (alcove_vault_reset_person (owner, "sam", first, alcove_test_fast_kdf (), code,
                                            &error));
  g_assert_no_error (error);
  alcove_vault_lock (owner);

  assert_unlock_fails (dir, "bea", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  assert_unlock_fails (dir, "sam", TEST_OTHER_PASSWORD, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  assert_unlock_fails (dir, "sam", FIRST_PASSWORD, ALCOVE_VAULT_ERROR_NEEDS_NEW_PASSWORD);
  g_assert_true (first_sign_in (vault, "sam", FIRST_PASSWORD, OWN_PASSWORD, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_can_open_database (vault, notes_id));
  alcove_vault_lock (vault);

  /* the recovery window's own reset (the person, at the sign-in page) ends a first sign-in
   * too */
  {
    g_autoptr(AlcoveSecret) own = alcove_test_secret (OWN_PASSWORD);

    g_assert_true (alcove_vault_reset_password (vault, "bea", code, own, alcove_test_fast_kdf (),
                                                &error));
    g_assert_no_error (error);
    g_assert_null (unlock_error (dir, "bea", OWN_PASSWORD));
    g_assert_cmpint (file_version (dir), ==, 4);
  }
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/people/first-password", test_first_password);
  g_test_add_func ("/people/owner-first-sign-in", test_owner_first_sign_in);
  g_test_add_func ("/people/enrolment-code", test_enrolment_code);
  g_test_add_func ("/people/consumed-code-reused", test_consumed_code_reused);
  g_test_add_func ("/people/swapped-first-slots", test_swapped_first_slots);
  g_test_add_func ("/people/edited-first-sign-in", test_edited_first_sign_in);
  g_test_add_func ("/people/forged-assignment", test_forged_assignment);
  g_test_add_func ("/people/format-versions", test_format_versions);
  g_test_add_func ("/people/role-changes", test_role_changes);
  g_test_add_func ("/people/last-owner", test_last_owner);
  g_test_add_func ("/people/enable-again", test_enable_again);
  g_test_add_func ("/people/supervision", test_supervision);
  g_test_add_func ("/people/role-summaries", test_role_summaries);
  g_test_add_func ("/people/reset-forgotten-password", test_reset_forgotten_password);

  return g_test_run ();
}
