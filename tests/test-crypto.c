/* test-crypto.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-crypto"

#include "config.h"

#include "alcove-crypto.h"
#include "alcove-header.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

static void
test_wrap_round_trip (void)
{
  g_autoptr(AlcoveSecret) kek = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSecret) plain = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSecret) other_kek = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSecret) opened = NULL;
  g_autoptr(GBytes) nonce = NULL, wrapped = NULL, edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *bytes = NULL;
  gsize size;

  g_assert_true (alcove_crypto_wrap (kek, plain, "alcove-v1|v|s|p", &nonce, &wrapped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (nonce), ==, ALCOVE_NONCE_SIZE);
  g_assert_cmpuint (g_bytes_get_size (wrapped), ==, ALCOVE_KEY_SIZE + 16);

  opened = alcove_crypto_unwrap (kek, nonce, wrapped, "alcove-v1|v|s|p", &error);
  g_assert_no_error (error);
  g_assert_true (alcove_secret_equal (opened, plain));

  /* wrong key */
  g_assert_null (alcove_crypto_unwrap (other_kek, nonce, wrapped, "alcove-v1|v|s|p", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  /* wrong associated data: the same wrap under another slot or purpose */
  g_assert_null (alcove_crypto_unwrap (kek, nonce, wrapped, "alcove-v1|v|other|p", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  /* one flipped bit */
  bytes = g_bytes_unref_to_data (g_bytes_ref (wrapped), &size);
  bytes[3] ^= 0x01;
  edited = g_bytes_new (bytes, size);
  g_assert_null (alcove_crypto_unwrap (kek, nonce, edited, "alcove-v1|v|s|p", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
}

static void
test_seal_round_trip (void)
{
  g_autoptr(AlcoveSecret) seed = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSecret) other_seed = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSecret) plain = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSecret) opened = NULL;
  g_autoptr(GBytes) public_key = alcove_crypto_public_key (seed, ALCOVE_PURPOSE_USER);
  g_autoptr(GBytes) ephemeral = NULL, nonce = NULL, wrapped = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_crypto_seal (public_key, plain, "ad", &ephemeral, &nonce, &wrapped, &error));
  opened = alcove_crypto_open_sealed (seed, ALCOVE_PURPOSE_USER, ephemeral, nonce, wrapped, "ad",
                                      &error);
  g_assert_no_error (error);
  g_assert_true (alcove_secret_equal (opened, plain));

  g_assert_null (alcove_crypto_open_sealed (other_seed, ALCOVE_PURPOSE_USER, ephemeral, nonce,
                                            wrapped, "ad", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  /* the same seed for another purpose is another key pair */
  g_assert_null (alcove_crypto_open_sealed (seed, ALCOVE_PURPOSE_RECOVERY, ephemeral, nonce,
                                            wrapped, "ad", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
}

static void
test_recovery_code (void)
{
  g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSecret) code = alcove_crypto_recovery_code_format (key);
  g_autoptr(AlcoveSecret) parsed = NULL;
  g_autoptr(AlcoveSecret) sloppy = NULL;
  g_autoptr(AlcoveSecret) typo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strndup ((char *) alcove_secret_get_data (code),
                                     alcove_secret_get_size (code));
  g_auto(GStrv) groups = g_strsplit (text, "-", -1);
  g_autofree char *lower = NULL;

  g_assert_cmpuint (g_strv_length (groups), ==, 14);
  for (guint i = 0; groups[i]; i++)
    g_assert_cmpuint (strlen (groups[i]), ==, 4);

  parsed = alcove_crypto_recovery_code_parse (code, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_secret_equal (parsed, key));

  /* lower case, spaces instead of dashes: still the key */
  lower = g_ascii_strdown (text, -1);
  g_strdelimit (lower, "-", ' ');
  sloppy = alcove_test_secret (lower);
  g_clear_pointer (&parsed, alcove_secret_free);
  parsed = alcove_crypto_recovery_code_parse (sloppy, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_secret_equal (parsed, key));

  /* one character changed: caught by the checksum group */
  text[5] = text[5] == 'A' ? 'B' : 'A';
  typo = alcove_test_secret (text);
  g_assert_null (alcove_crypto_recovery_code_parse (typo, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&typo, alcove_secret_free);
  typo = alcove_test_secret ("ABCD-EFGH");
  g_assert_null (alcove_crypto_recovery_code_parse (typo, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
}

static void
test_kdf_calibration (void)
{
  AlcoveKdfParams params;
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GBytes) salt = alcove_crypto_random_bytes (ALCOVE_SALT_SIZE);
  g_autoptr(AlcoveSecret) a = NULL, b = NULL;
  g_autoptr(AlcoveSecret) other = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(AlcoveSecret) c = NULL;

  alcove_crypto_calibrate_kdf (500, &params);
  g_assert_cmpuint (params.m_cost_kib, >=, 64 * 1024);
  g_assert_cmpuint (params.t_cost, >=, 1);
  g_assert_cmpuint (params.parallelism, >=, 1);

  /* deterministic for the same inputs, different for another password */
  a = alcove_crypto_derive_kek (password, salt, alcove_test_fast_kdf (), NULL);
  b = alcove_crypto_derive_kek (password, salt, alcove_test_fast_kdf (), NULL);
  c = alcove_crypto_derive_kek (other, salt, alcove_test_fast_kdf (), NULL);
  g_assert_true (alcove_secret_equal (a, b));
  g_assert_false (alcove_secret_equal (a, c));
}

/* A vault made without explicit parameters stores the calibrated ones in its slot. */
static void
test_slot_stores_calibration (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(AlcoveHeader) header = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveVaultSetup setup = { "Harbor Counseling", "dana", "Dana Whitfield", password, NULL };
  AlcoveHeaderSlot *slot;
  gint64 start;

  g_assert_true (alcove_vault_create (vault, &setup, &code, &error));
  g_assert_no_error (error);
  header = alcove_header_load (dir, &error);
  g_assert_no_error (error);
  slot = g_ptr_array_index (alcove_header_find_user (header, "dana")->slots, 0);
  g_assert_cmpstr (slot->kind, ==, "password");
  g_assert_cmpuint (slot->kdf.m_cost_kib, >=, 64 * 1024);
  g_assert_cmpuint (slot->kdf.t_cost, >=, 1);
  g_assert_cmpuint (g_bytes_get_size (slot->salt), ==, ALCOVE_SALT_SIZE);

  /* and the stored parameters are the ones unlocking uses */
  start = g_get_monotonic_time ();
  g_assert_true (alcove_vault_unlock_with_password (vault, "dana", password, &error));
  g_assert_no_error (error);
  g_test_message ("unlock with calibrated Argon2id (t=%u, m=%u KiB): %" G_GINT64_FORMAT " ms",
                  slot->kdf.t_cost, slot->kdf.m_cost_kib, (g_get_monotonic_time () - start) / 1000);
}

/* A password slot copied from one user to another (or another vault) opens nothing. */
static void
test_swapped_slot (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveSecret) other = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveHeader) header = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (dir, ALCOVE_HEADER_FILE, NULL);
  AlcoveHeaderUser *dana, *sam;
  AlcoveHeaderSlot *dana_slot, *sam_slot;

  g_assert_true (alcove_vault_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN, other,
                                        alcove_test_fast_kdf (), &error));
  g_assert_no_error (error);
  alcove_vault_lock (owner);

  /* Give sam a copy of dana's slot: dana's password must not open sam's account. */
  header = alcove_header_load (dir, &error);
  dana = alcove_header_find_user (header, "dana");
  sam = alcove_header_find_user (header, "sam");
  dana_slot = g_ptr_array_index (dana->slots, 0);
  sam_slot = g_ptr_array_index (sam->slots, 0);
  g_bytes_unref (sam_slot->salt);
  g_bytes_unref (sam_slot->nonce);
  g_bytes_unref (sam_slot->wrapped);
  sam_slot->salt = g_bytes_ref (dana_slot->salt);
  sam_slot->nonce = g_bytes_ref (dana_slot->nonce);
  sam_slot->wrapped = g_bytes_ref (dana_slot->wrapped);
  sam_slot->kdf = dana_slot->kdf;
  text = alcove_header_serialize (header);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  g_assert_false (alcove_vault_unlock_with_password (vault, "sam", password, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_assert_true (alcove_vault_get_locked (vault));
}

/* Every byte position class of the header: a syntax byte, a name, a key, a MAC. Each edit
 * fails cleanly (damaged or authentication failed), never opens, never crashes. */
static void
test_edited_header (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autofree char *path = g_build_filename (dir, ALCOVE_HEADER_FILE, NULL);
  g_autofree char *original = NULL;
  gsize length;
  const char *targets[] = { "\"practice_name\" : \"Harbor", "\"role\" : \"",
                            "\"wrapped\" : \"", "\"signature\" : \"", "\"t_cost\" : ",
                            "\"public_key\" : \"", "\"ephemeral\" : \"", "{" };

  g_assert_true (g_file_get_contents (path, &original, &length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *edited = g_strdup (original);
      g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
      g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
      g_autoptr(GError) error = NULL;
      char *hit = strstr (edited, targets[i]);

      g_assert_nonnull (hit);
      hit += strlen (targets[i]) - (i == G_N_ELEMENTS (targets) - 1 ? 1 : 0);
      if (i == G_N_ELEMENTS (targets) - 1)
        *hit = '[';                                   /* breaks the JSON */
      else if (g_ascii_isdigit (*hit))
        *hit = *hit == '9' ? '8' : *hit + 1;
      else
        *hit = *hit == 'A' ? 'B' : (*hit == 'o' ? 'x' : 'A');
      g_assert_true (g_file_set_contents (path, edited, length, NULL));

      g_assert_false (alcove_vault_unlock_with_password (vault, "dana", password, &error));
      g_assert_nonnull (error);
      g_test_message ("edit at %s → %s", targets[i], error->message);
      g_assert_true (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED) ||
                     g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED) ||
                     g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED));
      g_assert_true (alcove_vault_get_locked (vault));
    }

  /* the original still opens: nothing was changed by the failures */
  g_assert_true (g_file_set_contents (path, original, length, NULL));
  g_clear_object (&created);
  created = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
}

/* A changed header value that still parses is caught by the owner's signature, named as
 * the header and the entry. */
static void
test_header_mac (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autofree char *path = g_build_filename (dir, ALCOVE_HEADER_FILE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveHeader) header = NULL;
  g_autofree char *text = NULL;

  /* seen once on this computer, so the refusal can say what changed since */
  g_assert_true (alcove_vault_unlock_with_password (vault, "dana", password, &error));
  alcove_vault_lock (vault);
  header = alcove_header_load (dir, &error);
  g_free (header->practice_name);
  header->practice_name = g_strdup ("Somebody Else's Practice");
  text = alcove_header_serialize (header);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  g_assert_false (alcove_vault_unlock_with_password (vault, "dana", password, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED);
  g_assert_nonnull (strstr (error->message, ALCOVE_HEADER_FILE));
  g_assert_nonnull (strstr (error->message, "practice_name"));
}

/* Parameters outside the bounds are refused before Argon2 runs: 2^32-1 passes would take
 * days, 4 TiB would be asked of the system. The bounds themselves still work. */
static void
test_kdf_bounds (void)
{
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GBytes) salt = alcove_crypto_random_bytes (ALCOVE_SALT_SIZE);
  const AlcoveKdfParams refused[] = {
    { G_MAXUINT32, 64, 1 },
    { ALCOVE_KDF_MAX_T_COST + 1, 64, 1 },
    { 0, 64, 1 },
    { 1, G_MAXUINT32, 1 },
    { 1, ALCOVE_KDF_MAX_M_COST_KIB + 1, 1 },
    { 1, ALCOVE_KDF_MIN_M_COST_KIB - 1, 1 },
    { 1, 64, 0 },
    { 1, 1024, ALCOVE_KDF_MAX_PARALLELISM + 1 },
    { 1, 64, G_MAXUINT32 },
    { 1, 64, 16 },                        /* Argon2 needs 8 KiB a lane: 128 here */
  };
  const AlcoveKdfParams accepted[] = {
    { ALCOVE_KDF_MIN_T_COST, ALCOVE_KDF_MIN_M_COST_KIB, ALCOVE_KDF_MIN_PARALLELISM },
    { 2, 8 * ALCOVE_KDF_MAX_PARALLELISM, ALCOVE_KDF_MAX_PARALLELISM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(AlcoveSecret) kek = NULL;
      g_autoptr(GError) error = NULL;

      kek = alcove_crypto_derive_kek (password, salt, &refused[i], &error);
      g_assert_null (kek);
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, "vault.keys"));
      g_test_message ("t=%u m=%u p=%u → %s", refused[i].t_cost, refused[i].m_cost_kib,
                      refused[i].parallelism, error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(AlcoveSecret) kek = NULL;
      g_autoptr(GError) error = NULL;

      kek = alcove_crypto_derive_kek (password, salt, &accepted[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (kek);
    }
}

/* A password slot in vault.keys edited to ask for 2^32-1 passes is refused at once, not
 * run: the unlock fails cleanly instead of hanging (this test's timeout would catch it) */
static void
test_slot_with_huge_cost (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autofree char *path = g_build_filename (dir, ALCOVE_HEADER_FILE, NULL);
  g_autofree char *original = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GRegex) t_cost = g_regex_new ("(\"t_cost\"\\s*:\\s*)[0-9]+", 0, 0, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  edited = g_regex_replace (t_cost, original, -1, 0, "\\g<1>4294967295", 0, NULL);
  g_assert_cmpstr (edited, !=, original);
  g_assert_nonnull (strstr (edited, "4294967295"));
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));

  g_assert_false (alcove_vault_unlock_with_password (vault, "dana", password, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED) ||
                 g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED));
  g_assert_true (alcove_vault_get_locked (vault));
}

/* However busy the machine (here: a target no pass could meet), calibration keeps the
 * floor, and what it chooses is within the bounds derive_kek accepts */
static void
test_kdf_calibration_floor (void)
{
  AlcoveKdfParams params;
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(GBytes) salt = alcove_crypto_random_bytes (ALCOVE_SALT_SIZE);
  g_autoptr(AlcoveSecret) kek = NULL;
  g_autoptr(GError) error = NULL;

  alcove_crypto_calibrate_kdf (1, &params);
  g_assert_cmpuint (params.t_cost, >=, ALCOVE_KDF_MIN_CALIBRATED_T_COST);
  g_assert_cmpuint (params.t_cost, <=, ALCOVE_KDF_MAX_T_COST);
  g_assert_cmpuint (params.m_cost_kib, >=, ALCOVE_KDF_MIN_MEMORY_KIB);
  g_assert_cmpuint (params.m_cost_kib, <=, ALCOVE_KDF_MAX_M_COST_KIB);
  g_assert_cmpuint (params.parallelism, >=, ALCOVE_KDF_MIN_PARALLELISM);
  g_assert_cmpuint (params.parallelism, <=, ALCOVE_KDF_MAX_PARALLELISM);
  kek = alcove_crypto_derive_kek (password, salt, &params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kek);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/crypto/wrap-round-trip", test_wrap_round_trip);
  g_test_add_func ("/crypto/seal-round-trip", test_seal_round_trip);
  g_test_add_func ("/crypto/recovery-code", test_recovery_code);
  g_test_add_func ("/crypto/kdf-calibration", test_kdf_calibration);
  g_test_add_func ("/crypto/slot-stores-calibration", test_slot_stores_calibration);
  g_test_add_func ("/crypto/swapped-slot", test_swapped_slot);
  g_test_add_func ("/crypto/edited-header", test_edited_header);
  g_test_add_func ("/crypto/header-mac", test_header_mac);
  g_test_add_func ("/crypto/kdf-bounds", test_kdf_bounds);
  g_test_add_func ("/crypto/slot-with-huge-cost", test_slot_with_huge_cost);
  g_test_add_func ("/crypto/kdf-calibration-floor", test_kdf_calibration_floor);

  return g_test_run ();
}
