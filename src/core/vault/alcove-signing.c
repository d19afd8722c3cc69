/* alcove-signing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-signing"

#include "config.h"

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <nettle/eddsa.h>

#include "alcove-crypto.h"
#include "alcove-signing.h"

/* Signatures are made and checked by GnuTLS. GnuTLS 3.7 cannot compute an Ed25519 public
 * key from its private half, so nettle (its own backend) does that one step. Every signed
 * message starts with a context string and a NUL, so a signature made for one purpose can
 * never be replayed as another. */
struct _AlcoveSigner
{
  AlcoveSecret *private_key;
  GBytes       *public_key;
};

AlcoveSigner *
alcove_signer_new (const AlcoveSecret *seed,
                   const char         *purpose)
{
  AlcoveSigner *signer = g_new0 (AlcoveSigner, 1);
  guint8 public_key[ED25519_KEY_SIZE];

  g_return_val_if_fail (seed != NULL && purpose != NULL, NULL);

  signer->private_key = alcove_crypto_derive_subkey (seed, purpose);
  ed25519_sha512_public_key (public_key, alcove_secret_get_data (signer->private_key));
  signer->public_key = g_bytes_new (public_key, sizeof public_key);
  return signer;
}

AlcoveSigner *
alcove_signer_copy (const AlcoveSigner *signer)
{
  AlcoveSigner *copy = g_new0 (AlcoveSigner, 1);

  copy->private_key = alcove_secret_copy (signer->private_key);
  copy->public_key = g_bytes_ref (signer->public_key);
  return copy;
}

void
alcove_signer_free (AlcoveSigner *signer)
{
  if (signer == NULL)
    return;
  alcove_secret_free (signer->private_key);
  g_bytes_unref (signer->public_key);
  g_free (signer);
}

GBytes *
alcove_signer_get_public_key (const AlcoveSigner *signer)
{
  return signer->public_key;
}

static GByteArray *
framed_message (const char *context,
                const void *message,
                gsize       size)
{
  GByteArray *framed = g_byte_array_sized_new (strlen (context) + 1 + size);

  g_byte_array_append (framed, (const guint8 *) context, strlen (context) + 1);
  g_byte_array_append (framed, message, size);
  return framed;
}

GBytes *
alcove_signer_sign (const AlcoveSigner *signer,
                    const char         *context,
                    const void         *message,
                    gsize               size)
{
  g_autoptr(GByteArray) framed = framed_message (context, message, size);
  gnutls_privkey_t key = NULL;
  gsize public_size;
  gnutls_datum_t x, k, data = { framed->data, framed->len }, signature = { NULL, 0 };
  GBytes *result;
  int rc;

  x.data = (unsigned char *) g_bytes_get_data (signer->public_key, &public_size);
  x.size = (unsigned int) public_size;
  k.data = alcove_secret_get_data (signer->private_key);
  k.size = (unsigned int) alcove_secret_get_size (signer->private_key);
  rc = gnutls_privkey_init (&key);
  if (rc == 0)
    rc = gnutls_privkey_import_ecc_raw (key, GNUTLS_ECC_CURVE_ED25519, &x, NULL, &k);
  if (rc == 0)
    rc = gnutls_privkey_sign_data2 (key, GNUTLS_SIGN_EDDSA_ED25519, 0, &data, &signature);
  gnutls_privkey_deinit (key);
  if (rc < 0 || signature.size != ALCOVE_SIGNATURE_SIZE)
    g_error ("Ed25519 signing failed: %s", gnutls_strerror (rc));
  result = g_bytes_new (signature.data, signature.size);
  gnutls_free (signature.data);
  return result;
}

gboolean
alcove_signature_verify (GBytes     *public_key,
                         const char *context,
                         const void *message,
                         gsize       size,
                         GBytes     *signature)
{
  g_autoptr(GByteArray) framed = NULL;
  gnutls_pubkey_t key = NULL;
  gsize public_size, signature_size;
  gnutls_datum_t x, data, sig;
  int rc;

  if (public_key == NULL || signature == NULL ||
      g_bytes_get_size (public_key) != ALCOVE_SIGNING_KEY_SIZE ||
      g_bytes_get_size (signature) != ALCOVE_SIGNATURE_SIZE)
    return FALSE;
  framed = framed_message (context, message, size);
  x.data = (unsigned char *) g_bytes_get_data (public_key, &public_size);
  x.size = (unsigned int) public_size;
  sig.data = (unsigned char *) g_bytes_get_data (signature, &signature_size);
  sig.size = (unsigned int) signature_size;
  data.data = framed->data;
  data.size = framed->len;
  rc = gnutls_pubkey_init (&key);
  if (rc == 0)
    rc = gnutls_pubkey_import_ecc_raw (key, GNUTLS_ECC_CURVE_ED25519, &x, NULL);
  if (rc == 0)
    rc = gnutls_pubkey_verify_data2 (key, GNUTLS_SIGN_EDDSA_ED25519, 0, &data, &sig);
  gnutls_pubkey_deinit (key);
  return rc >= 0;
}
