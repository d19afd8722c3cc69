/* alcove-crypto.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alcove-secret.h"

G_BEGIN_DECLS

#define ALCOVE_KEY_SIZE   32
#define ALCOVE_NONCE_SIZE 12
#define ALCOVE_SALT_SIZE  16
#define ALCOVE_KDF_MIN_MEMORY_KIB (64 * 1024)

typedef struct
{
  guint32 t_cost;
  guint32 m_cost_kib;
  guint32 parallelism;
} AlcoveKdfParams;

/* AES-256-GCM: the associated data binds vault, slot and purpose. */
gboolean      alcove_crypto_wrap            (const AlcoveSecret    *kek,
                                             const AlcoveSecret    *plain,
                                             const char            *associated_data,
                                             GBytes               **nonce,
                                             GBytes               **wrapped,
                                             GError               **error);
AlcoveSecret *alcove_crypto_unwrap          (const AlcoveSecret    *kek,
                                             GBytes                *nonce,
                                             GBytes                *wrapped,
                                             const char            *associated_data,
                                             GError               **error);

/* Argon2id */
AlcoveSecret *alcove_crypto_derive_kek      (const AlcoveSecret    *password,
                                             GBytes                *salt,
                                             const AlcoveKdfParams *params,
                                             GError               **error);
void          alcove_crypto_calibrate_kdf   (guint                  target_ms,
                                             AlcoveKdfParams       *params);
GBytes       *alcove_crypto_random_bytes    (gsize                  size);

/* HKDF-SHA256 and HMAC-SHA256 */
AlcoveSecret *alcove_crypto_derive_subkey   (const AlcoveSecret    *key,
                                             const char            *purpose);
void          alcove_crypto_hmac            (const AlcoveSecret    *key,
                                             const void            *data,
                                             gsize                  size,
                                             guint8                 digest[32]);
char         *alcove_crypto_hmac_hex        (const AlcoveSecret    *key,
                                             const char            *text);
char         *alcove_crypto_hex_encode      (const guint8          *data,
                                             gsize                  size);
gboolean      alcove_crypto_hex_equal       (const char            *a,
                                             const char            *b);

/* Sealing to a key pair derived from a secret seed (the recovery key, a user key):
 * ephemeral X25519, HKDF, AES-256-GCM. Anyone with the public key can seal; only the
 * holder of the seed can open. */
#define ALCOVE_PURPOSE_RECOVERY "alcove recovery x25519"
#define ALCOVE_PURPOSE_USER     "alcove user x25519"

GBytes       *alcove_crypto_public_key      (const AlcoveSecret    *seed,
                                             const char            *purpose);
gboolean      alcove_crypto_seal            (GBytes                *public_key,
                                             const AlcoveSecret    *plain,
                                             const char            *associated_data,
                                             GBytes               **ephemeral,
                                             GBytes               **nonce,
                                             GBytes               **wrapped,
                                             GError               **error);
AlcoveSecret *alcove_crypto_open_sealed     (const AlcoveSecret    *seed,
                                             const char            *purpose,
                                             GBytes                *ephemeral,
                                             GBytes                *nonce,
                                             GBytes                *wrapped,
                                             const char            *associated_data,
                                             GError               **error);

/* The key both ends of a seal agree on: HKDF-SHA256 (salt "alcove-v1", info seal_purpose)
 * over the X25519 shared secret, the ephemeral public key and the recipient's, in that
 * order. _new makes the ephemeral key for a recipient's public key; _open derives the
 * recipient's private key from seed with key_purpose, as alcove_crypto_public_key() does. */
AlcoveSecret *alcove_crypto_seal_kek_new    (GBytes                *public_key,
                                             const char            *seal_purpose,
                                             GBytes               **ephemeral,
                                             GError               **error);
AlcoveSecret *alcove_crypto_seal_kek_open   (const AlcoveSecret    *seed,
                                             const char            *key_purpose,
                                             const char            *seal_purpose,
                                             GBytes                *ephemeral,
                                             GError               **error);

/* The recovery key as people see it: 14 groups of 4 base32 characters, the last a checksum */
AlcoveSecret *alcove_crypto_recovery_code_format (const AlcoveSecret *recovery_key);
AlcoveSecret *alcove_crypto_recovery_code_parse  (const AlcoveSecret *code,
                                                  GError            **error);

/* A one-time enrolment code as people see it: 4 groups of 4 base32 characters, 80 random
 * bits (Argon2id sits on top, as for a password); and what a typed one is kept as: upper
 * case, without dashes or spaces, mistyped digits read as the letters they look like */
AlcoveSecret *alcove_crypto_enrolment_code_new  (void);
AlcoveSecret *alcove_crypto_enrolment_code_canonical (const AlcoveSecret *typed,
                                                      GError            **error);

/* n_bytes random bytes as base32 in dash-separated groups of 4 (ceil (8 n / 5) characters),
 * and a typed one as it is kept: upper case, without dashes or spaces, mistyped digits read
 * as the letters they look like; NULL when it does not have n_chars such characters */
AlcoveSecret *alcove_crypto_grouped_code_new       (gsize               n_bytes);
AlcoveSecret *alcove_crypto_grouped_code_canonical (const AlcoveSecret *typed,
                                                    gsize               n_chars);

/* The raw-key form SQLCipher takes: x'<64 hex digits>' */
AlcoveSecret *alcove_crypto_sqlcipher_key   (const AlcoveSecret    *key);

/* Argon2id parameters alcove_crypto_derive_kek() accepts; others (from an edited vault.keys)
 * are refused before Argon2 runs, as ALCOVE_VAULT_ERROR_DAMAGED.
 * - passes: calibration chooses at most 64 (its 0.5 s target came to about 7 at 64 MiB on a
 *   2-core VM); 100 leaves room for a faster machine without letting a slot ask for 2^32-1.
 * - memory: 64 KiB is what the tests use to be quick (alcove_test_fast_kdf(), nothing
 *   Alcove itself writes: calibration uses ALCOVE_KDF_MIN_MEMORY_KIB); 4 GiB is beyond any
 *   setting Alcove chooses. Argon2 also needs 8 KiB a lane.
 * - lanes: calibration uses 1; 16 is beyond any desktop's useful parallelism. */
#define ALCOVE_KDF_MIN_T_COST       1
#define ALCOVE_KDF_MAX_T_COST       100
#define ALCOVE_KDF_MIN_M_COST_KIB   64
#define ALCOVE_KDF_MAX_M_COST_KIB   (4u * 1024 * 1024)
#define ALCOVE_KDF_MIN_PARALLELISM  1
#define ALCOVE_KDF_MAX_PARALLELISM  16
/* alcove_crypto_calibrate_kdf() never chooses fewer passes, however busy the machine */
#define ALCOVE_KDF_MIN_CALIBRATED_T_COST 3

G_END_DECLS
