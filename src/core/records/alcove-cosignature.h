/* alcove-cosignature.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a note stands with its supervisor. Derived from the note and its rows, never a flag
 * its author could clear: see alcove_note_get_cosign_state(). */
typedef enum
{
  ALCOVE_COSIGN_NONE,      /* never needed, or a draft never returned */
  ALCOVE_COSIGN_AWAITING,  /* signed, needs co-signing, has no valid co-signature yet */
  ALCOVE_COSIGN_DONE,      /* signed and validly co-signed */
  ALCOVE_COSIGN_RETURNED,  /* a draft again: its supervisor returned it with a comment */
} AlcoveCosignState;

/* A supervisor's second signature over the hash the author signed. `signature` is their
 * Ed25519 signature (base64) over alcove_cosignature_dup_message(); `valid` is what the
 * note store found when it checked it against the signing keys vault.keys lists. */
typedef struct
{
  char     *id;
  char     *hash;
  char     *cosigner;     /* user uuid */
  gint64    cosigned_ms;
  char     *signature;
  gboolean  valid;
} AlcoveCosignature;

/* A signed note sent back to its author: the signature it had (and the canonical text it
 * covered), who returned it, when, and why. Signed by the one who returned it. */
typedef struct
{
  char     *id;
  gint64    signed_ms;
  char     *signed_by;
  char     *hash;
  char     *canonical;
  char     *returned_by;  /* user uuid */
  gint64    returned_ms;
  char     *comment;
  char     *signature;
  gboolean  valid;
} AlcoveNoteReturn;

/* What the Ed25519 signatures are made over, with these contexts */
#define ALCOVE_COSIGN_CONTEXT "io.github.alcove_notes.Alcove.cosign-1"
#define ALCOVE_RETURN_CONTEXT "io.github.alcove_notes.Alcove.return-1"

void   alcove_cosignature_free         (AlcoveCosignature      *cosignature);
void   alcove_note_return_free         (AlcoveNoteReturn       *note_return);
/* Canonical JSON binding the note's id (which is the same in every vault it is carried to),
 * the signed hash, the signer and the time; a return's also binds the comment */
char  *alcove_cosignature_dup_message  (const AlcoveCosignature *cosignature,
                                        const char              *note_id);
char  *alcove_note_return_dup_message  (const AlcoveNoteReturn  *note_return,
                                        const char              *note_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveCosignature, alcove_cosignature_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveNoteReturn, alcove_note_return_free)

G_END_DECLS
