/* alcove-signing.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alcove-secret.h"

G_BEGIN_DECLS

#define ALCOVE_SIGNATURE_SIZE  64
#define ALCOVE_SIGNING_KEY_SIZE 32

/* Ed25519 key pairs derived from a secret seed with HKDF, one per purpose: a user's from
 * their user key, the practice authority's from its own random seed, the recovery key's
 * from the recovery key. */
#define ALCOVE_SIGNING_USER      "alcove user ed25519"
#define ALCOVE_SIGNING_AUTHORITY "alcove authority ed25519"
#define ALCOVE_SIGNING_RECOVERY  "alcove recovery ed25519"

typedef struct _AlcoveSigner AlcoveSigner;

AlcoveSigner *alcove_signer_new            (const AlcoveSecret *seed,
                                            const char         *purpose);
AlcoveSigner *alcove_signer_copy           (const AlcoveSigner *signer);
void          alcove_signer_free           (AlcoveSigner       *signer);
GBytes       *alcove_signer_get_public_key (const AlcoveSigner *signer);
GBytes       *alcove_signer_sign           (const AlcoveSigner *signer,
                                            const char         *context,
                                            const void         *message,
                                            gsize               size);
gboolean      alcove_signature_verify      (GBytes             *public_key,
                                            const char         *context,
                                            const void         *message,
                                            gsize               size,
                                            GBytes             *signature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveSigner, alcove_signer_free)

G_END_DECLS
