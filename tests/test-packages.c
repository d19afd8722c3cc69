/* test-packages.c — encrypted packages: round trips, every kind of damage refused with a
 * clear message and nothing written, sealing to a practice, no PHI in the file, and the
 * disclosure log's record of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-packages"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alcove-client-store.h"
#include "alcove-disclosure-rules.h"
#include "alcove-disclosure-store.h"
#include "alcove-package.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* Words that must never appear in the package file in the clear */
#define CLIENT_NAME "Wilhelmina Zuckerbrot"
#define NOTE_TEXT   "Xylophonic dreams of the lighthouse keeper"
#define PDF_TEXT    "%PDF-1.4\n% " CLIENT_NAME " " NOTE_TEXT "\n%%EOF\n"

typedef struct
{
  char          *dir;      /* a folder of its own for the package and its outputs */
  char          *path;     /* the package */
  AlcovePackage *package;
} Fixture;

static AlcovePackage *
sample_package (void)
{
  g_autoptr(GBytes) pdf = g_bytes_new_static (PDF_TEXT, strlen (PDF_TEXT));
  g_autoptr(GBytes) json = alcove_package_describe (CLIENT_NAME, "Dr. Quillon", "Treatment",
                                                    "Authorization", "2026-12-01",
                                                    "Progress notes", NOTE_TEXT);

  return alcove_package_new (pdf, json);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_build_filename (g_get_user_data_dir (), "packages", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->path = g_build_filename (f->dir, "disclosure" ALCOVE_PACKAGE_SUFFIX, NULL);
  f->package = sample_package ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->package);
  g_free (f->path);
  g_free (f->dir);
}

static AlcoveSecret *
write_passphrase_package (Fixture *f)
{
  g_autoptr(AlcoveSecret) passphrase = alcove_package_passphrase_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;

  g_assert_true (alcove_package_write_with_passphrase (f->package, f->path, passphrase,
                                                       alcove_test_fast_kdf (), &sha256, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sha256), ==, 64);
  return g_steal_pointer (&passphrase);
}

static GBytes *
file_bytes (const char *path)
{
  g_autofree char *data = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

static void
assert_same_contents (AlcovePackage *opened,
                      AlcovePackage *original)
{
  g_assert_true (g_bytes_equal (alcove_package_get_pdf (opened),
                                alcove_package_get_pdf (original)));
  g_assert_true (g_bytes_equal (alcove_package_get_json (opened),
                                alcove_package_get_json (original)));
}

static void
test_passphrase_round_trip (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(AlcoveSecret) passphrase = write_passphrase_package (f);
  g_autoptr(AlcoveSecret) typed = NULL;
  g_autoptr(AlcovePackage) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lower = NULL;
  GStatBuf buf;
  AlcovePackageKind kind;

  /* 6 groups of 4: 120 bits */
  g_assert_cmpuint (alcove_secret_get_size (passphrase), ==, 29);
  g_assert_cmpint (g_stat (f->path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_true (alcove_package_peek_kind (f->path, &kind, &error));
  g_assert_cmpint (kind, ==, ALCOVE_PACKAGE_PASSPHRASE);

  /* typed as a person would: lower case, spaces for dashes */
  lower = g_ascii_strdown ((const char *) alcove_secret_get_data (passphrase),
                           alcove_secret_get_size (passphrase));
  g_strdelimit (lower, "-", ' ');
  typed = alcove_test_secret (lower);
  opened = alcove_package_open_with_passphrase (f->path, typed, &error);
  g_assert_no_error (error);
  assert_same_contents (opened, f->package);

  /* never over an existing file */
  g_assert_false (alcove_package_write_with_passphrase (f->package, f->path, passphrase,
                                                        alcove_test_fast_kdf (), NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS);
}

static void
test_default_cost (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AlcoveSecret) passphrase = alcove_package_passphrase_new ();
  g_autoptr(AlcovePackage) opened = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *p;

  g_assert_true (alcove_package_write_with_passphrase (f->package, f->path, passphrase, NULL,
                                                       NULL, &error));
  g_assert_no_error (error);
  bytes = file_bytes (f->path);
  p = g_bytes_get_data (bytes, NULL);
  /* t=3, m=64 MiB, p=1, big-endian after the 12-byte prefix */
  g_assert_cmpmem (p, 8, "ALCVPKG\n", 8);
  g_assert_cmpint (p[8], ==, 1);
  g_assert_cmpint (p[9], ==, 1);
  g_assert_cmpint ((p[12] << 24) | (p[13] << 16) | (p[14] << 8) | p[15], ==,
                   g_bytes_get_size (bytes) - 56);
  g_assert_cmpint (p[19], ==, 3);
  g_assert_cmpint ((p[21] << 16) | (p[22] << 8) | p[23], ==, 65536);
  g_assert_cmpint (p[27], ==, 1);
  opened = alcove_package_open_with_passphrase (f->path, passphrase, &error);
  g_assert_no_error (error);
  assert_same_contents (opened, f->package);
}

/* The package and the folder around it exactly as they were */
typedef struct
{
  GBytes     *bytes;
  GHashTable *snapshot;
} Untouched;

static void
untouched_take (Fixture   *f,
                Untouched *u)
{
  u->bytes = file_bytes (f->path);
  u->snapshot = alcove_test_snapshot (f->dir);
}

static void
untouched_check (Fixture   *f,
                 Untouched *u)
{
  g_autoptr(GBytes) now = file_bytes (f->path);
  g_autoptr(GHashTable) after = alcove_test_snapshot (f->dir);

  g_assert_true (g_bytes_equal (now, u->bytes));
  alcove_test_assert_same_snapshot (u->snapshot, after);
  g_clear_pointer (&u->bytes, g_bytes_unref);
  g_clear_pointer (&u->snapshot, g_hash_table_unref);
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AlcoveSecret) passphrase = write_passphrase_package (f);
  g_autoptr(AlcoveSecret) wrong = alcove_package_passphrase_new ();
  g_autoptr(AlcoveSecret) malformed = alcove_test_secret ("not a passphrase");
  g_autoptr(AlcovePackage) opened = NULL;
  g_autoptr(GError) error = NULL;
  Untouched u;

  untouched_take (f, &u);
  g_usleep (20000);  /* an mtime a write would change */
  opened = alcove_package_open_with_passphrase (f->path, wrong, &error);
  g_assert_null (opened);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "passphrase is wrong"));
  g_clear_error (&error);
  opened = alcove_package_open_with_passphrase (f->path, malformed, &error);
  g_assert_null (opened);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "6 groups of 4"));
  untouched_check (f, &u);
}

/* Writes bytes as the package, tries to open it, and checks the refusal */
static void
assert_refused (Fixture            *f,
                const AlcoveSecret *passphrase,
                const guint8       *bytes,
                gsize               size,
                AlcoveVaultError    code,
                const char         *words)
{
  g_autoptr(AlcovePackage) opened = NULL;
  g_autoptr(GError) error = NULL;
  Untouched u;

  g_assert_true (g_file_set_contents (f->path, (const char *) bytes, size, NULL));
  untouched_take (f, &u);
  opened = alcove_package_open_with_passphrase (f->path, passphrase, &error);
  g_assert_null (opened);
  g_assert_error (error, ALCOVE_VAULT_ERROR, code);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  untouched_check (f, &u);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AlcoveSecret) passphrase = write_passphrase_package (f);
  g_autoptr(GBytes) whole = file_bytes (f->path);
  const guint8 *p = g_bytes_get_data (whole, NULL);
  gsize size = g_bytes_get_size (whole);

  assert_refused (f, passphrase, p, 0, ALCOVE_VAULT_ERROR_INVALID, "not an encrypted package");
  assert_refused (f, passphrase, p, 30, ALCOVE_VAULT_ERROR_DAMAGED, "cut short");
  assert_refused (f, passphrase, p, 60, ALCOVE_VAULT_ERROR_DAMAGED, "cut short");
  assert_refused (f, passphrase, p, size - 1, ALCOVE_VAULT_ERROR_DAMAGED, "cut short");
  assert_refused (f, passphrase, p, size - 40, ALCOVE_VAULT_ERROR_DAMAGED, "cut short");
}

static void
test_flipped_bytes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AlcoveSecret) passphrase = write_passphrase_package (f);
  g_autoptr(GBytes) whole = file_bytes (f->path);
  gsize size = g_bytes_get_size (whole);
  const struct { const char *region; gsize offset; AlcoveVaultError code; const char *words; }
  cases[] = {
    { "magic", 0, ALCOVE_VAULT_ERROR_INVALID, "not an encrypted package" },
    { "version", 8, ALCOVE_VAULT_ERROR_DAMAGED, "newer format" },
    { "kind", 9, ALCOVE_VAULT_ERROR_DAMAGED, "header was changed" },
    { "reserved", 11, ALCOVE_VAULT_ERROR_DAMAGED, "header was changed" },
    { "length", 15, ALCOVE_VAULT_ERROR_DAMAGED, "cannot be opened" },
    { "memory", 22, ALCOVE_VAULT_ERROR_AUTH_FAILED, "changed" },
    { "salt", 30, ALCOVE_VAULT_ERROR_AUTH_FAILED, "changed" },
    { "nonce", 50, ALCOVE_VAULT_ERROR_AUTH_FAILED, "changed" },
    { "ciphertext", 60, ALCOVE_VAULT_ERROR_AUTH_FAILED, "changed" },
    { "tag", size - 3, ALCOVE_VAULT_ERROR_AUTH_FAILED, "changed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree guint8 *edited = g_memdup2 (g_bytes_get_data (whole, NULL), size);

      g_test_message ("a byte flipped in the %s", cases[i].region);
      edited[cases[i].offset] ^= 0x01;
      assert_refused (f, passphrase, edited, size, cases[i].code, cases[i].words);
    }
}

/* Costs no package of Alcove's asks for are refused before Argon2 runs */
static void
test_absurd_kdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AlcoveSecret) passphrase = write_passphrase_package (f);
  g_autoptr(GBytes) whole = file_bytes (f->path);
  gsize size = g_bytes_get_size (whole);
  const struct { gsize offset; guint32 value; } cases[] = {
    { 16, 0 }, { 16, G_MAXUINT32 }, { 20, 0 }, { 20, G_MAXUINT32 }, { 24, 0 }, { 24, 255 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree guint8 *edited = g_memdup2 (g_bytes_get_data (whole, NULL), size);
      guint32 big_endian = GUINT32_TO_BE (cases[i].value);

      memcpy (edited + cases[i].offset, &big_endian, sizeof big_endian);
      assert_refused (f, passphrase, edited, size, ALCOVE_VAULT_ERROR_DAMAGED, "out of range");
    }
}

static void
test_no_plaintext (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AlcoveSecret) passphrase = write_passphrase_package (f);

  g_assert_false (alcove_test_file_contains (f->path, CLIENT_NAME, strlen (CLIENT_NAME)));
  g_assert_false (alcove_test_file_contains (f->path, "Zuckerbrot", strlen ("Zuckerbrot")));
  g_assert_false (alcove_test_file_contains (f->path, NOTE_TEXT, strlen (NOTE_TEXT)));
  g_assert_false (alcove_test_file_contains (f->path, "lighthouse", strlen ("lighthouse")));
  g_assert_false (alcove_test_file_contains (f->path, "%PDF", 4));
}

static void
test_save_contents (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AlcoveSecret) passphrase = write_passphrase_package (f);
  g_autoptr(AlcovePackage) opened = alcove_package_open_with_passphrase (f->path, passphrase,
                                                                         NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "out.pdf", NULL);
  g_autofree char *json = g_build_filename (f->dir, "out.json", NULL);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf buf;

  g_assert_nonnull (opened);
  g_assert_true (alcove_package_save_contents (opened, pdf, json, &error));
  g_assert_no_error (error);
  saved = file_bytes (pdf);
  g_assert_true (g_bytes_equal (saved, alcove_package_get_pdf (f->package)));
  g_assert_cmpint (g_stat (json, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  /* nothing over an existing file */
  g_assert_false (alcove_package_save_contents (opened, pdf, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS);
}

/* ---- sealed to a practice ---- */

static AlcoveVault *
vault_in (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);

  return alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
}

static AlcovePackageKey *
exported_key (Fixture     *f,
              AlcoveVault *vault,
              const char  *name)
{
  g_autoptr(AlcovePackageKey) key = alcove_package_key_for_vault (vault, NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  AlcovePackageKey *loaded;

  g_assert_nonnull (key);
  g_assert_true (alcove_package_key_save (key, path, &error));
  g_assert_no_error (error);
  loaded = alcove_package_key_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_package_key_get_fingerprint (loaded), ==,
                   alcove_package_key_get_fingerprint (key));
  g_assert_cmpstr (alcove_package_key_get_vault_uuid (loaded), ==, alcove_vault_get_uuid (vault));
  g_assert_cmpstr (alcove_package_key_get_practice (loaded), ==, "Harbor Counseling");
  /* 8 groups of 4 hex digits */
  g_assert_cmpuint (strlen (alcove_package_key_get_fingerprint (loaded)), ==, 39);
  return loaded;
}

static void
test_sealed_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AlcoveVault) receiver = vault_in ("receiver");
  g_autoptr(AlcoveVault) other = vault_in ("other");
  g_autoptr(AlcovePackageKey) key = exported_key (f, receiver, "receiver.alcove-key");
  g_autoptr(AlcovePackage) opened = NULL;
  g_autoptr(GError) error = NULL;
  AlcovePackageKind kind;
  Untouched u;

  g_assert_true (alcove_package_write_sealed (f->package, f->path, key, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_package_peek_kind (f->path, &kind, NULL));
  g_assert_cmpint (kind, ==, ALCOVE_PACKAGE_SEALED);
  g_assert_false (alcove_test_file_contains (f->path, CLIENT_NAME, strlen (CLIENT_NAME)));

  opened = alcove_package_open_sealed (f->path, receiver, &error);
  g_assert_no_error (error);
  assert_same_contents (opened, f->package);

  /* another practice's vault cannot open it, and says why */
  untouched_take (f, &u);
  g_clear_object (&opened);
  opened = alcove_package_open_sealed (f->path, other, &error);
  g_assert_null (opened);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "another practice"));
  untouched_check (f, &u);
  alcove_vault_lock (receiver);
  alcove_vault_lock (other);
}

/* A sealed package edited anywhere, even its recipient's fingerprint, does not open */
static void
test_sealed_damaged (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AlcoveVault) receiver = vault_in ("receiver");
  g_autoptr(AlcovePackageKey) key = exported_key (f, receiver, "receiver.alcove-key");
  g_autoptr(GBytes) whole = NULL;
  gsize offsets[] = { 20, 50, 85, 100 };  /* recipient, ephemeral key, nonce, ciphertext */

  g_assert_true (alcove_package_write_sealed (f->package, f->path, key, NULL, NULL));
  whole = file_bytes (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autofree guint8 *edited = g_memdup2 (g_bytes_get_data (whole, NULL),
                                             g_bytes_get_size (whole));
      g_autoptr(AlcovePackage) opened = NULL;
      g_autoptr(GError) error = NULL;

      edited[offsets[i]] ^= 0x80;
      g_assert_true (g_file_set_contents (f->path, (const char *) edited,
                                          g_bytes_get_size (whole), NULL));
      opened = alcove_package_open_sealed (f->path, receiver, &error);
      g_assert_null (opened);
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED);
    }
  alcove_vault_lock (receiver);
}

/* Billing holds K_practice like everyone, but the policy keeps sealed packages to those who
 * read the record */
static void
test_sealed_needs_clinician (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "receiver", NULL);
  g_autoptr(AlcoveVault) owner = vault_in ("receiver");
  g_autoptr(AlcovePackageKey) key = exported_key (f, owner, "receiver.alcove-key");
  g_autoptr(AlcoveVault) billing = NULL;
  g_autoptr(AlcovePackage) opened = NULL;
  g_autoptr(GError) error = NULL;

  alcove_test_add_user (owner, "bill", "Bill Ledger", ALCOVE_ROLE_BILLING);
  alcove_vault_lock (owner);
  g_assert_true (alcove_package_write_sealed (f->package, f->path, key, NULL, NULL));
  billing = alcove_test_unlocked_vault (dir, "bill", TEST_OTHER_PASSWORD);
  opened = alcove_package_open_sealed (f->path, billing, &error);
  g_assert_null (opened);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_null (alcove_package_key_for_vault (billing, NULL));
  alcove_vault_lock (billing);
}

static void
test_bad_key_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.alcove-key", NULL);
  const char *texts[] = { "", "not json", "{\"format\":\"alcove-package-key\",\"version\":1,"
                          "\"x25519\":\"c2hvcnQ=\"}", "{\"format\":\"other\",\"version\":1}" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(AlcovePackageKey) key = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, texts[i], -1, NULL));
      key = alcove_package_key_load (path, &error);
      g_assert_null (key);
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "not a practice’s package key"));
    }
}

/* ---- the disclosure log ---- */

static void
test_disclosure_records_package (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *vault_dir = NULL;
  g_autoptr(AlcoveVault) vault = alcove_test_fresh_vault (&vault_dir);
  g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (vault, NULL);
  g_autoptr(AlcoveDisclosureStore) store = alcove_disclosure_store_new (vault, NULL);
  g_autofree char *client_id = alcove_test_add_client (clients, CLIENT_NAME);
  g_autoptr(AlcoveSecret) passphrase = alcove_package_passphrase_new ();
  g_autofree char *sha256 = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *as_typed = NULL;
  const AlcoveDisclosureBasis *basis = alcove_disclosure_basis_lookup (ALCOVE_BASIS_COURT_ORDER);
  g_autoptr(GDate) day = g_date_new ();
  const char *categories[] = { "attendance", NULL };
  g_autoptr(AlcoveDisclosure) recorded = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveDisclosureRequest request = {
    .client_id = client_id, .recipient = "County Court", .recipient_kind = basis->recipients[0],
    .attested = TRUE, .categories = categories, .purpose = "legal",
    .basis = ALCOVE_BASIS_COURT_ORDER, .justification = "Ordered", .document_id = "doc-1",
    .day = day };
  AlcoveDisclosure *entry;

  g_date_set_time_t (day, time (NULL));
  as_typed = g_strndup ((const char *) alcove_secret_get_data (passphrase),
                        alcove_secret_get_size (passphrase));
  g_assert_true (alcove_package_write_with_passphrase (f->package, f->path, passphrase,
                                                       alcove_test_fast_kdf (), &sha256, NULL));

  /* no delivery, or a passphrase where the delivery goes: refused */
  recorded = alcove_disclosure_store_share_package (store, &request, "", "Attendance", sha256,
                                                    "", &error);
  g_assert_null (recorded);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  recorded = alcove_disclosure_store_share_package (store, &request, "", "Attendance", sha256,
                                                    as_typed, &error);
  g_assert_null (recorded);
  g_clear_error (&error);

  recorded = alcove_disclosure_store_share_package (store, &request, "", "Attendance", sha256,
                                                    ALCOVE_DELIVERY_PHONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recorded);
  log = alcove_disclosure_store_list_for_client (store, client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  entry = g_ptr_array_index (log, 0);
  g_assert_cmpstr (alcove_disclosure_get_field (entry, ALCOVE_DISCLOSURE_PACKAGE_SHA256), ==,
                   sha256);
  g_assert_cmpstr (alcove_disclosure_get_field (entry, ALCOVE_DISCLOSURE_DELIVERY), ==, "phone");
  {
    g_autofree char *text = alcove_disclosure_dup_package_text (entry);

    g_assert_nonnull (strstr (text, "given by phone"));
    g_assert_nonnull (strstr (text, sha256));
  }

  /* the passphrase, with or without dashes, is nowhere in practice.db or its audit log */
  canonical = g_strndup ((const char *) alcove_secret_get_data (passphrase),
                         alcove_secret_get_size (passphrase));
  for (guint pass = 0; pass < 2; pass++)
    {
      const char *word = canonical;

      g_assert_cmpint (alcove_test_query_int (vault, "SELECT count(*) FROM disclosures WHERE"
                                              " instr (recipient || description || delivery ||"
                                              " package_sha256 || justification, '%s') > 0",
                                              word), ==, 0);
      g_assert_cmpint (alcove_test_query_int (vault, "SELECT count(*) FROM audit_log WHERE"
                                              " instr (details, '%s') > 0", word), ==, 0);
      g_strdelimit (canonical, "-", ' ');
      {
        g_autofree char *joined = NULL;
        g_auto(GStrv) parts = g_strsplit (canonical, " ", -1);

        joined = g_strjoinv ("", parts);
        g_free (canonical);
        canonical = g_steal_pointer (&joined);
      }
    }
  /* the audit row carries the hash and the method */
  g_assert_cmpint (alcove_test_query_int (vault, "SELECT count(*) FROM audit_log WHERE"
                                          " instr (details, '%s') > 0 AND instr (details,"
                                          " 'phone') > 0", sha256), ==, 1);
  alcove_vault_lock (vault);
}

/* practice.db from v14 gains the two columns, empty for the entries already there, and
 * they keep out anything but a hash and a delivery method */
static void
test_migration_from_v14 (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AlcoveDatabase) db = alcove_test_database_at ("practice-v14.db",
                                                         ALCOVE_STORE_PRACTICE, 14);
  g_autoptr(GError) error = NULL;
#define insert_format "INSERT INTO disclosures (id, client_id, disclosed_on, at_ms," \
                      " recipient, description, purpose, basis, disclosed_by%s)" \
                      " VALUES ('%s', 'c1', '2026-01-02', 1, 'r', 'd', 'legal'," \
                      " 'court-order', 'u'%s)"
  g_autofree char *old_row = g_strdup_printf (insert_format, "", "d1", "");
  g_autofree char *good = g_strdup_printf (insert_format, ", package_sha256, delivery", "d2",
                                           ", '" "0123456789abcdef0123456789abcdef"
                                           "0123456789abcdef0123456789abcdef', 'sealed:"
                                           "ABCD 0123 4567 89AB CDEF 0123 4567 89AB'");
  g_autofree char *passphrase = g_strdup_printf (insert_format, ", delivery", "d3",
                                                 ", 'ABCD-EFGH-JKLM-NPQR-STUV-WXYZ'");
  g_autofree char *bad_hash = g_strdup_printf (insert_format, ", package_sha256", "d4",
                                               ", 'not a hash'");

  g_assert_true (alcove_database_exec (db, "PRAGMA foreign_keys = OFF", &error));
  g_assert_true (alcove_database_exec (db, old_row, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_PRACTICE, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==,
                   alcove_database_latest_version (ALCOVE_STORE_PRACTICE));
  g_assert_true (alcove_database_exec (db, "SELECT 1 FROM disclosures WHERE id = 'd1' AND"
                                           " package_sha256 = '' AND delivery = ''", &error));
  g_assert_true (alcove_database_exec (db, good, &error));
  g_assert_no_error (error);
  g_assert_false (alcove_database_exec (db, passphrase, NULL));
  g_assert_false (alcove_database_exec (db, bad_hash, NULL));
#undef insert_format
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/packages/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("passphrase-round-trip", test_passphrase_round_trip);
  ADD ("default-cost", test_default_cost);
  ADD ("wrong-passphrase", test_wrong_passphrase);
  ADD ("truncated", test_truncated);
  ADD ("flipped-bytes", test_flipped_bytes);
  ADD ("absurd-kdf", test_absurd_kdf);
  ADD ("no-plaintext", test_no_plaintext);
  ADD ("save-contents", test_save_contents);
  ADD ("sealed-round-trip", test_sealed_round_trip);
  ADD ("sealed-damaged", test_sealed_damaged);
  ADD ("sealed-needs-clinician", test_sealed_needs_clinician);
  ADD ("bad-key-file", test_bad_key_file);
  ADD ("disclosure-records-package", test_disclosure_records_package);
  ADD ("migration-from-v14", test_migration_from_v14);
#undef ADD

  return g_test_run ();
}
