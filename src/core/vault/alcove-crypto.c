/* alcove-crypto.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-crypto"

#include "config.h"

#include <argon2.h>
#include <glib/gi18n.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <nettle/curve25519.h>

#include "alcove-crypto.h"
#include "alcove-error.h"

#define TAG_SIZE 16
#define BASE32_ALPHABET "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
#define RECOVERY_KEY_CHARS 52   /* ceil (256 / 5) */
#define RECOVERY_CHECK_CHARS 4
#define RECOVERY_GROUP 4
/* the HKDF purpose of the keys sealed in vault.keys (recovery and user seals alike) */
#define SEAL_PURPOSE "alcove recovery seal"

static gnutls_datum_t
datum_of_secret (const AlcoveSecret *secret)
{
  gnutls_datum_t datum = { alcove_secret_get_data (secret),
                           (unsigned int) alcove_secret_get_size (secret) };
  return datum;
}

static gboolean
aead_open_handle (const AlcoveSecret       *kek,
                  gnutls_aead_cipher_hd_t  *handle,
                  GError                  **error)
{
  gnutls_datum_t key = datum_of_secret (kek);

  if (alcove_secret_get_size (kek) != ALCOVE_KEY_SIZE ||
      gnutls_aead_cipher_init (handle, GNUTLS_CIPHER_AES_256_GCM, &key) < 0)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FAILED,
                           _("The encryption library could not be initialised"));
      return FALSE;
    }
  return TRUE;
}

GBytes *
alcove_crypto_random_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  if (gnutls_rnd (GNUTLS_RND_NONCE, data, size) != 0)
    g_error ("The system random number generator failed");
  return g_bytes_new_take (data, size);
}

gboolean
alcove_crypto_wrap (const AlcoveSecret  *kek,
                    const AlcoveSecret  *plain,
                    const char          *associated_data,
                    GBytes             **nonce,
                    GBytes             **wrapped,
                    GError             **error)
{
  gnutls_aead_cipher_hd_t handle;
  g_autoptr(GBytes) fresh_nonce = NULL;
  gsize plain_size = alcove_secret_get_size (plain);
  gsize out_size = plain_size + TAG_SIZE;
  g_autofree guint8 *out = g_malloc (out_size);
  int rc;

  g_return_val_if_fail (kek != NULL && plain != NULL && associated_data != NULL, FALSE);

  if (!aead_open_handle (kek, &handle, error))
    return FALSE;

  fresh_nonce = alcove_crypto_random_bytes (ALCOVE_NONCE_SIZE);
  rc = gnutls_aead_cipher_encrypt (handle,
                                   g_bytes_get_data (fresh_nonce, NULL), ALCOVE_NONCE_SIZE,
                                   associated_data, strlen (associated_data),
                                   TAG_SIZE,
                                   alcove_secret_get_data (plain), plain_size,
                                   out, &out_size);
  gnutls_aead_cipher_deinit (handle);
  if (rc < 0)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FAILED,
                   _("Encryption failed: %s"), gnutls_strerror (rc));
      return FALSE;
    }

  *nonce = g_steal_pointer (&fresh_nonce);
  *wrapped = g_bytes_new_take (g_steal_pointer (&out), out_size);
  return TRUE;
}

AlcoveSecret *
alcove_crypto_unwrap (const AlcoveSecret  *kek,
                      GBytes              *nonce,
                      GBytes              *wrapped,
                      const char          *associated_data,
                      GError             **error)
{
  gnutls_aead_cipher_hd_t handle;
  g_autoptr(AlcoveSecret) plain = NULL;
  gsize nonce_size, wrapped_size, plain_size;
  const guint8 *nonce_data = g_bytes_get_data (nonce, &nonce_size);
  const guint8 *wrapped_data = g_bytes_get_data (wrapped, &wrapped_size);
  int rc;

  g_return_val_if_fail (kek != NULL && associated_data != NULL, NULL);

  if (nonce_size != ALCOVE_NONCE_SIZE || wrapped_size <= TAG_SIZE)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                           _("A wrapped key has the wrong length"));
      return NULL;
    }
  if (!aead_open_handle (kek, &handle, error))
    return NULL;

  plain_size = wrapped_size - TAG_SIZE;
  plain = alcove_secret_new (plain_size);
  rc = gnutls_aead_cipher_decrypt (handle, nonce_data, nonce_size,
                                   associated_data, strlen (associated_data),
                                   TAG_SIZE, wrapped_data, wrapped_size,
                                   alcove_secret_get_data (plain), &plain_size);
  gnutls_aead_cipher_deinit (handle);
  if (rc < 0)
    {
      /* Wrong key, wrong associated data and an edited ciphertext look alike, by design. */
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                           _("The key could not be unwrapped"));
      return NULL;
    }
  alcove_secret_set_size (plain, plain_size);
  return g_steal_pointer (&plain);
}

/* The parameters come from vault.keys, which anyone with the folder can edit: without bounds
 * a slot asking for 2^32-1 passes would hang the unlock for days, and one asking for 4 TiB
 * would fail only after the system had tried to find it. See alcove-crypto.h. */
static gboolean
check_kdf_params (const AlcoveKdfParams  *params,
                  GError                **error)
{
  if (params->t_cost >= ALCOVE_KDF_MIN_T_COST && params->t_cost <= ALCOVE_KDF_MAX_T_COST &&
      params->m_cost_kib >= ALCOVE_KDF_MIN_M_COST_KIB &&
      params->m_cost_kib <= ALCOVE_KDF_MAX_M_COST_KIB &&
      params->parallelism >= ALCOVE_KDF_MIN_PARALLELISM &&
      params->parallelism <= ALCOVE_KDF_MAX_PARALLELISM &&
      params->m_cost_kib >= 8 * params->parallelism)   /* Argon2's own floor: 8 KiB a lane */
    return TRUE;
  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
               _("The password settings in vault.keys are out of range (%u passes, %u KiB of "
                 "memory, %u lanes; Alcove uses %u to %u passes, %u KiB to %u KiB and %u to %u "
                 "lanes), so the file is damaged or was edited; restore it from a backup"),
               params->t_cost, params->m_cost_kib, params->parallelism,
               ALCOVE_KDF_MIN_T_COST, ALCOVE_KDF_MAX_T_COST,
               ALCOVE_KDF_MIN_M_COST_KIB, ALCOVE_KDF_MAX_M_COST_KIB,
               ALCOVE_KDF_MIN_PARALLELISM, ALCOVE_KDF_MAX_PARALLELISM);
  return FALSE;
}

AlcoveSecret *
alcove_crypto_derive_kek (const AlcoveSecret     *password,
                          GBytes                 *salt,
                          const AlcoveKdfParams  *params,
                          GError                **error)
{
  g_autoptr(AlcoveSecret) kek = NULL;
  gsize salt_size;
  const guint8 *salt_data = g_bytes_get_data (salt, &salt_size);
  int rc;

  if (!check_kdf_params (params, error))
    return NULL;
  kek = alcove_secret_new (ALCOVE_KEY_SIZE);
  rc = argon2id_hash_raw (params->t_cost, params->m_cost_kib, params->parallelism,
                          alcove_secret_get_data (password), alcove_secret_get_size (password),
                          salt_data, salt_size,
                          alcove_secret_get_data (kek), ALCOVE_KEY_SIZE);
  if (rc != ARGON2_OK)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR,
                   rc == ARGON2_MEMORY_ALLOCATION_ERROR ? ALCOVE_VAULT_ERROR_IO
                                                        : ALCOVE_VAULT_ERROR_DAMAGED,
                   _("The password could not be processed: %s"), argon2_error_message (rc));
      return NULL;
    }
  return g_steal_pointer (&kek);
}

static gint64
time_kdf_us (const AlcoveKdfParams *params)
{
  g_autoptr(AlcoveSecret) password = alcove_secret_new_random (16);
  g_autoptr(AlcoveSecret) kek = NULL;
  g_autoptr(GBytes) salt = alcove_crypto_random_bytes (ALCOVE_SALT_SIZE);
  gint64 start = g_get_monotonic_time ();

  kek = alcove_crypto_derive_kek (password, salt, params, NULL);
  return g_get_monotonic_time () - start;
}

/* The fastest of a few runs: the first pays for faulting the memory in, and one slow run
 * would make a pass look cheap and the chosen cost many seconds long at every unlock */
static gint64
fastest_kdf_us (const AlcoveKdfParams *params,
                guint                  runs)
{
  gint64 fastest = G_MAXINT64;

  for (guint i = 0; i < runs; i++)
    fastest = MIN (fastest, time_kdf_us (params));
  return fastest;
}

/* Argon2id costs a fixed part (allocating, touching and wiping the memory) plus one part
 * per pass: time one and three passes at the memory floor, solve for the target, then run
 * the answer once and scale it down if the estimate overshot. Never below
 * ALCOVE_KDF_MIN_CALIBRATED_T_COST passes: on a machine busy while it calibrates every pass
 * looks slow, and the slot would keep a cost too cheap for a guessing attack long after. */
void
alcove_crypto_calibrate_kdf (guint            target_ms,
                             AlcoveKdfParams *params)
{
  AlcoveKdfParams probe = { 1, ALCOVE_KDF_MIN_MEMORY_KIB, 1 };
  gint64 target_us = (gint64) target_ms * 1000;
  gint64 one_pass, three_passes, per_pass, fixed, measured;

  one_pass = fastest_kdf_us (&probe, 3);
  probe.t_cost = 3;
  three_passes = fastest_kdf_us (&probe, 2);
  per_pass = MAX ((three_passes - one_pass) / 2, 1000);
  fixed = MAX (one_pass - per_pass, 0);

  *params = probe;
  params->t_cost = (guint32) CLAMP ((target_us - fixed + per_pass / 2) / per_pass,
                                    ALCOVE_KDF_MIN_CALIBRATED_T_COST, 64);
  measured = time_kdf_us (params);
  if (measured > target_us * 3 / 2)
    params->t_cost = (guint32) MAX (params->t_cost * target_us / measured,
                                    ALCOVE_KDF_MIN_CALIBRATED_T_COST);
}

AlcoveSecret *
alcove_crypto_derive_subkey (const AlcoveSecret *key,
                             const char         *purpose)
{
  g_autoptr(AlcoveSecret) prk = alcove_secret_new (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSecret) subkey = alcove_secret_new (ALCOVE_KEY_SIZE);
  gnutls_datum_t ikm = datum_of_secret (key);
  gnutls_datum_t salt = { (unsigned char *) "alcove-v1", 9 };
  gnutls_datum_t prk_datum = datum_of_secret (prk);
  gnutls_datum_t info = { (unsigned char *) purpose, (unsigned int) strlen (purpose) };

  if (gnutls_hkdf_extract (GNUTLS_MAC_SHA256, &ikm, &salt, alcove_secret_get_data (prk)) < 0 ||
      gnutls_hkdf_expand (GNUTLS_MAC_SHA256, &prk_datum, &info,
                          alcove_secret_get_data (subkey), ALCOVE_KEY_SIZE) < 0)
    g_error ("HKDF failed");
  return g_steal_pointer (&subkey);
}

void
alcove_crypto_hmac (const AlcoveSecret *key,
                    const void         *data,
                    gsize               size,
                    guint8              digest[32])
{
  if (gnutls_hmac_fast (GNUTLS_MAC_SHA256, alcove_secret_get_data (key),
                        alcove_secret_get_size (key), data, size, digest) < 0)
    g_error ("HMAC failed");
}

char *
alcove_crypto_hmac_hex (const AlcoveSecret *key,
                        const char         *text)
{
  guint8 digest[32];

  alcove_crypto_hmac (key, text, strlen (text), digest);
  return alcove_crypto_hex_encode (digest, sizeof digest);
}

char *
alcove_crypto_hex_encode (const guint8 *data,
                          gsize         size)
{
  GString *hex = g_string_sized_new (size * 2);

  for (gsize i = 0; i < size; i++)
    g_string_append_printf (hex, "%02x", data[i]);
  return g_string_free (hex, FALSE);
}

gboolean
alcove_crypto_hex_equal (const char *a,
                         const char *b)
{
  gsize len = strlen (a);

  return len == strlen (b) && gnutls_memcmp (a, b, len) == 0;
}

GBytes *
alcove_crypto_public_key (const AlcoveSecret *seed,
                          const char         *purpose)
{
  g_autoptr(AlcoveSecret) private_key = alcove_crypto_derive_subkey (seed, purpose);
  guint8 public_key[CURVE25519_SIZE];

  curve25519_mul_g (public_key, alcove_secret_get_data (private_key));
  return g_bytes_new (public_key, sizeof public_key);
}

static AlcoveSecret *
seal_kek (const guint8 *shared,
          const guint8 *ephemeral_public,
          const guint8 *recipient_public,
          const char   *seal_purpose)
{
  g_autoptr(AlcoveSecret) ikm = alcove_secret_new (3 * CURVE25519_SIZE);
  guint8 *p = alcove_secret_get_data (ikm);

  memcpy (p, shared, CURVE25519_SIZE);
  memcpy (p + CURVE25519_SIZE, ephemeral_public, CURVE25519_SIZE);
  memcpy (p + 2 * CURVE25519_SIZE, recipient_public, CURVE25519_SIZE);
  return alcove_crypto_derive_subkey (ikm, seal_purpose);
}

AlcoveSecret *
alcove_crypto_seal_kek_new (GBytes      *public_key,
                            const char  *seal_purpose,
                            GBytes     **ephemeral,
                            GError     **error)
{
  g_autoptr(AlcoveSecret) ephemeral_private = alcove_secret_new_random (CURVE25519_SIZE);
  g_autoptr(AlcoveSecret) shared = alcove_secret_new (CURVE25519_SIZE);
  AlcoveSecret *kek;
  guint8 ephemeral_public[CURVE25519_SIZE];
  gsize public_size;
  const guint8 *recipient = g_bytes_get_data (public_key, &public_size);

  if (public_size != CURVE25519_SIZE)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                           _("A public key has the wrong length"));
      return NULL;
    }

  curve25519_mul_g (ephemeral_public, alcove_secret_get_data (ephemeral_private));
  curve25519_mul (alcove_secret_get_data (shared), alcove_secret_get_data (ephemeral_private),
                  recipient);
  kek = seal_kek (alcove_secret_get_data (shared), ephemeral_public, recipient, seal_purpose);
  *ephemeral = g_bytes_new (ephemeral_public, sizeof ephemeral_public);
  return kek;
}

AlcoveSecret *
alcove_crypto_seal_kek_open (const AlcoveSecret  *seed,
                             const char          *key_purpose,
                             const char          *seal_purpose,
                             GBytes              *ephemeral,
                             GError             **error)
{
  g_autoptr(AlcoveSecret) private_key = alcove_crypto_derive_subkey (seed, key_purpose);
  g_autoptr(AlcoveSecret) shared = alcove_secret_new (CURVE25519_SIZE);
  guint8 recipient[CURVE25519_SIZE];
  gsize ephemeral_size;
  const guint8 *ephemeral_public = g_bytes_get_data (ephemeral, &ephemeral_size);

  if (ephemeral_size != CURVE25519_SIZE)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                           _("A sealed key has the wrong length"));
      return NULL;
    }

  curve25519_mul_g (recipient, alcove_secret_get_data (private_key));
  curve25519_mul (alcove_secret_get_data (shared), alcove_secret_get_data (private_key),
                  ephemeral_public);
  return seal_kek (alcove_secret_get_data (shared), ephemeral_public, recipient, seal_purpose);
}

gboolean
alcove_crypto_seal (GBytes              *public_key,
                    const AlcoveSecret  *plain,
                    const char          *associated_data,
                    GBytes             **ephemeral,
                    GBytes             **nonce,
                    GBytes             **wrapped,
                    GError             **error)
{
  g_autoptr(GBytes) ephemeral_public = NULL;
  g_autoptr(AlcoveSecret) kek = alcove_crypto_seal_kek_new (public_key, SEAL_PURPOSE,
                                                            &ephemeral_public, error);

  if (kek == NULL || !alcove_crypto_wrap (kek, plain, associated_data, nonce, wrapped, error))
    return FALSE;
  *ephemeral = g_steal_pointer (&ephemeral_public);
  return TRUE;
}

AlcoveSecret *
alcove_crypto_open_sealed (const AlcoveSecret  *seed,
                           const char          *purpose,
                           GBytes              *ephemeral,
                           GBytes              *nonce,
                           GBytes              *wrapped,
                           const char          *associated_data,
                           GError             **error)
{
  g_autoptr(AlcoveSecret) kek = alcove_crypto_seal_kek_open (seed, purpose, SEAL_PURPOSE,
                                                             ephemeral, error);

  if (kek == NULL)
    return NULL;
  return alcove_crypto_unwrap (kek, nonce, wrapped, associated_data, error);
}

static void
base32_encode (const guint8 *data,
               gsize         size,
               guint         n_chars,
               char         *out)
{
  for (guint i = 0; i < n_chars; i++)
    {
      guint bit = i * 5, value = 0;

      for (guint b = 0; b < 5; b++, bit++)
        {
          guint byte_bit = (bit / 8 < size) ? (data[bit / 8] >> (7 - bit % 8)) & 1 : 0;
          value = (value << 1) | byte_bit;
        }
      out[i] = BASE32_ALPHABET[value];
    }
}

static void
recovery_checksum (const guint8 *key,
                   char          out[RECOVERY_CHECK_CHARS])
{
  guint8 digest[32];

  gnutls_hash_fast (GNUTLS_DIG_SHA256, key, ALCOVE_KEY_SIZE, digest);
  base32_encode (digest, sizeof digest, RECOVERY_CHECK_CHARS, out);
}

AlcoveSecret *
alcove_crypto_recovery_code_format (const AlcoveSecret *recovery_key)
{
  guint n_chars = RECOVERY_KEY_CHARS + RECOVERY_CHECK_CHARS;
  guint n_groups = n_chars / RECOVERY_GROUP;
  g_autoptr(AlcoveSecret) plain = alcove_secret_new (n_chars);
  AlcoveSecret *code = alcove_secret_new (n_chars + n_groups);
  char *p = (char *) alcove_secret_get_data (plain);
  char *q = (char *) alcove_secret_get_data (code);

  g_return_val_if_fail (alcove_secret_get_size (recovery_key) == ALCOVE_KEY_SIZE, NULL);

  base32_encode (alcove_secret_get_data (recovery_key), ALCOVE_KEY_SIZE, RECOVERY_KEY_CHARS, p);
  recovery_checksum (alcove_secret_get_data (recovery_key), p + RECOVERY_KEY_CHARS);
  for (guint i = 0; i < n_chars; i++)
    {
      if (i > 0 && i % RECOVERY_GROUP == 0)
        *q++ = '-';
      *q++ = p[i];
    }
  alcove_secret_set_size (code, n_chars + n_groups - 1);
  return code;
}

/* Letters people mistype for the digits base32 leaves out are read as what they meant. */
static int
base32_value (char c)
{
  const char *hit;

  c = g_ascii_toupper (c);
  if (c == '0')
    c = 'O';
  else if (c == '1')
    c = 'I';
  else if (c == '8')
    c = 'B';
  hit = c ? strchr (BASE32_ALPHABET, c) : NULL;
  return hit ? (int) (hit - BASE32_ALPHABET) : -1;
}

AlcoveSecret *
alcove_crypto_recovery_code_parse (const AlcoveSecret  *code,
                                   GError             **error)
{
  g_autoptr(AlcoveSecret) chars = alcove_secret_new (alcove_secret_get_size (code));
  g_autoptr(AlcoveSecret) key = alcove_secret_new (ALCOVE_KEY_SIZE);
  const char *in = (const char *) alcove_secret_get_data (code);
  char *p = (char *) alcove_secret_get_data (chars);
  guint8 *k = alcove_secret_get_data (key);
  char check[RECOVERY_CHECK_CHARS];
  gsize n = 0;

  for (gsize i = 0; i < alcove_secret_get_size (code); i++)
    {
      if (in[i] == '-' || g_ascii_isspace (in[i]))
        continue;
      if (base32_value (in[i]) < 0 || n >= RECOVERY_KEY_CHARS + RECOVERY_CHECK_CHARS)
        goto malformed;
      p[n++] = g_ascii_toupper (in[i]);
    }
  if (n != RECOVERY_KEY_CHARS + RECOVERY_CHECK_CHARS)
    goto malformed;

  for (guint i = 0; i < RECOVERY_KEY_CHARS; i++)
    {
      int value = base32_value (p[i]);

      for (int b = 4; b >= 0; b--)
        {
          guint bit = i * 5 + (4 - b);
          if (bit / 8 < ALCOVE_KEY_SIZE && ((value >> b) & 1))
            k[bit / 8] |= (guint8) (1 << (7 - bit % 8));
        }
    }

  recovery_checksum (k, check);
  for (guint i = 0; i < RECOVERY_CHECK_CHARS; i++)
    if (base32_value (check[i]) != base32_value (p[RECOVERY_KEY_CHARS + i]))
      {
        g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                             _("The recovery key has a typing mistake: check each group "
                               "against the printed copy"));
        return NULL;
      }
  return g_steal_pointer (&key);

malformed:
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                       _("That is not a recovery key: it has 14 groups of 4 letters and "
                         "digits, like ABCD-EFGH-…"));
  return NULL;
}

#define ENROLMENT_BYTES 10

AlcoveSecret *
alcove_crypto_grouped_code_new (gsize n_bytes)
{
  gsize n_chars = (n_bytes * 8 + 4) / 5;
  g_autoptr(AlcoveSecret) bits = alcove_secret_new_random (n_bytes);
  g_autoptr(AlcoveSecret) plain = alcove_secret_new (n_chars);
  AlcoveSecret *code = alcove_secret_new (n_chars + (n_chars - 1) / RECOVERY_GROUP);
  char *p = (char *) alcove_secret_get_data (plain);
  char *q = (char *) alcove_secret_get_data (code);

  base32_encode (alcove_secret_get_data (bits), n_bytes, n_chars, p);
  for (guint i = 0; i < n_chars; i++)
    {
      if (i > 0 && i % RECOVERY_GROUP == 0)
        *q++ = '-';
      *q++ = p[i];
    }
  return code;
}

AlcoveSecret *
alcove_crypto_grouped_code_canonical (const AlcoveSecret *typed,
                                      gsize               n_chars)
{
  g_autoptr(AlcoveSecret) canonical = alcove_secret_new (n_chars);
  const char *in = (const char *) alcove_secret_get_data (typed);
  char *out = (char *) alcove_secret_get_data (canonical);
  gsize n = 0;

  for (gsize i = 0; i < alcove_secret_get_size (typed); i++)
    {
      int value;

      if (in[i] == '-' || g_ascii_isspace (in[i]))
        continue;
      value = base32_value (in[i]);
      if (value < 0 || n >= n_chars)
        return NULL;
      out[n++] = BASE32_ALPHABET[value];
    }
  return n == n_chars ? g_steal_pointer (&canonical) : NULL;
}

AlcoveSecret *
alcove_crypto_enrolment_code_new (void)
{
  return alcove_crypto_grouped_code_new (ENROLMENT_BYTES);
}

AlcoveSecret *
alcove_crypto_enrolment_code_canonical (const AlcoveSecret  *typed,
                                        GError             **error)
{
  AlcoveSecret *canonical = alcove_crypto_grouped_code_canonical (typed, ENROLMENT_BYTES * 8 / 5);

  if (canonical == NULL)
    g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                         _("That is not an enrolment code: it has 4 groups of 4 letters and "
                           "digits, like ABCD-EFGH-JKLM-NPQR"));
  return canonical;
}

AlcoveSecret *
alcove_crypto_sqlcipher_key (const AlcoveSecret *key)
{
  static const char hex[] = "0123456789abcdef";
  gsize size = alcove_secret_get_size (key);
  AlcoveSecret *pragma_key = alcove_secret_new (size * 2 + 3);
  const guint8 *in = alcove_secret_get_data (key);
  char *out = (char *) alcove_secret_get_data (pragma_key);

  *out++ = 'x';
  *out++ = '\'';
  for (gsize i = 0; i < size; i++)
    {
      *out++ = hex[in[i] >> 4];
      *out++ = hex[in[i] & 0xf];
    }
  *out = '\'';
  return pragma_key;
}
