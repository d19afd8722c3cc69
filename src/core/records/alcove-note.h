/* alcove-note.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_NOTE_DRAFT,
  ALCOVE_NOTE_SIGNED,
} AlcoveNoteStatus;

/* Whether a signed note still hashes to what was signed; checked when it is opened */
typedef enum
{
  ALCOVE_NOTE_INTEGRITY_UNCHECKED,
  ALCOVE_NOTE_INTEGRITY_OK,
  ALCOVE_NOTE_INTEGRITY_MISMATCH,
} AlcoveNoteIntegrity;

/* A correction or later information, dated and signed when added; never changed */
typedef struct
{
  char   *id;
  char   *author;      /* user uuid */
  gint64  created_ms;
  char   *text;
  char   *hash;        /* SHA-256 over the addendum and the note's hash */
} AlcoveAddendum;

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

#define ALCOVE_TYPE_NOTE (alcove_note_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveNote, alcove_note, ALCOVE, NOTE, GObject)

AlcoveNote          *alcove_note_new                 (const char          *id,
                                                      const char          *store_id,
                                                      const char          *client_id,
                                                      const char          *session_id,
                                                      const char          *author,
                                                      const char          *format_id,
                                                      const char          *session_date);
const char          *alcove_note_get_id              (AlcoveNote          *self);
const char          *alcove_note_get_store_id        (AlcoveNote          *self);
gboolean             alcove_note_is_private          (AlcoveNote          *self);
const char          *alcove_note_get_client_id       (AlcoveNote          *self);
const char          *alcove_note_get_session_id      (AlcoveNote          *self);
const char          *alcove_note_get_author          (AlcoveNote          *self);
const char          *alcove_note_get_format_id       (AlcoveNote          *self);
const char          *alcove_note_get_session_date    (AlcoveNote          *self);
AlcoveNoteStatus     alcove_note_get_status          (AlcoveNote          *self);
const char          *alcove_note_get_section         (AlcoveNote          *self,
                                                      const char          *key);
void                 alcove_note_set_section         (AlcoveNote          *self,
                                                      const char          *key,
                                                      const char          *text);
GHashTable          *alcove_note_get_sections        (AlcoveNote          *self);
const char          *alcove_note_get_part            (AlcoveNote          *self,
                                                      const char          *client_id);
void                 alcove_note_set_part            (AlcoveNote          *self,
                                                      const char          *client_id,
                                                      const char          *text);
GHashTable          *alcove_note_get_parts           (AlcoveNote          *self);
GPtrArray           *alcove_note_get_addenda         (AlcoveNote          *self);
GPtrArray           *alcove_note_get_objectives      (AlcoveNote          *self);
gboolean             alcove_note_has_objective       (AlcoveNote          *self,
                                                      const char          *objective_id);
void                 alcove_note_set_objective       (AlcoveNote          *self,
                                                      const char          *objective_id,
                                                      gboolean             addressed);
gint64               alcove_note_get_created_ms      (AlcoveNote          *self);
gint64               alcove_note_get_updated_ms      (AlcoveNote          *self);
gint64               alcove_note_get_signed_ms       (AlcoveNote          *self);
const char          *alcove_note_get_signed_by       (AlcoveNote          *self);
const char          *alcove_note_get_hash            (AlcoveNote          *self);
char                *alcove_note_dup_fingerprint     (AlcoveNote          *self);
AlcoveNoteIntegrity  alcove_note_get_integrity       (AlcoveNote          *self);
gboolean             alcove_note_get_dirty           (AlcoveNote          *self);
char                *alcove_note_dup_canonical       (AlcoveNote          *self);
char                *alcove_note_compute_hash        (AlcoveNote          *self);
char                *alcove_note_hash_canonical      (const char          *canonical);
char                *alcove_hash_dup_fingerprint     (const char          *hash);
gboolean             alcove_note_get_cosign_required (AlcoveNote          *self);
AlcoveCosignState    alcove_note_get_cosign_state    (AlcoveNote          *self);
const AlcoveCosignature *alcove_note_get_cosignature (AlcoveNote          *self);
const AlcoveNoteReturn  *alcove_note_get_last_return (AlcoveNote          *self);
gboolean             alcove_note_get_cosign_tampered (AlcoveNote          *self);
GPtrArray           *alcove_note_get_cosignatures    (AlcoveNote          *self);
GPtrArray           *alcove_note_get_returns         (AlcoveNote          *self);
gint64               alcove_note_get_written_ms      (AlcoveNote          *self);
gboolean             alcove_note_is_late_entry       (AlcoveNote          *self);
const char          *alcove_note_get_copied_from     (AlcoveNote          *self);
GHashTable          *alcove_note_get_copied_sections (AlcoveNote          *self);
gint64               alcove_note_get_copy_confirmed_ms (AlcoveNote        *self);
gboolean             alcove_note_section_is_copied_unchanged (AlcoveNote  *self,
                                                              const char  *key);
GStrv                alcove_note_dup_copied_unchanged (AlcoveNote         *self);
char                *alcove_note_hash_copied_text    (const char          *text);
guint                alcove_note_count_words         (const char          *text);
char                *alcove_note_dup_preview         (AlcoveNote          *self,
                                                      guint                max_chars);

/* For AlcoveNoteStore */
guint64              alcove_note_get_revision        (AlcoveNote          *self);
void                 alcove_note_set_times           (AlcoveNote          *self,
                                                      gint64               created_ms,
                                                      gint64               updated_ms);
void                 alcove_note_set_signature       (AlcoveNote          *self,
                                                      gint64               signed_ms,
                                                      const char          *signed_by,
                                                      const char          *hash);
void                 alcove_note_set_integrity       (AlcoveNote          *self,
                                                      AlcoveNoteIntegrity  integrity);
void                 alcove_note_set_dirty           (AlcoveNote          *self,
                                                      gboolean             dirty);
void                 alcove_note_add_addendum        (AlcoveNote          *self,
                                                      const char          *id,
                                                      const char          *author,
                                                      gint64               created_ms,
                                                      const char          *text,
                                                      const char          *hash);
void                 alcove_note_load_objective      (AlcoveNote          *self,
                                                      const char          *objective_id);
void                 alcove_note_set_cosign_required (AlcoveNote          *self,
                                                      gboolean             required);
void                 alcove_note_set_session_date    (AlcoveNote          *self,
                                                      const char          *session_date);
void                 alcove_note_set_written_ms      (AlcoveNote          *self,
                                                      gint64               written_ms);
void                 alcove_note_set_copied          (AlcoveNote          *self,
                                                      const char          *copied_from,
                                                      gint64               copy_confirmed_ms);
void                 alcove_note_add_cosignature     (AlcoveNote          *self,
                                                      AlcoveCosignature   *cosignature);
void                 alcove_note_add_return          (AlcoveNote          *self,
                                                      AlcoveNoteReturn    *note_return);
char                *alcove_addendum_compute_hash    (const AlcoveAddendum *addendum,
                                                      const char          *note_id,
                                                      const char          *note_hash);

void                 alcove_cosignature_free         (AlcoveCosignature   *cosignature);
void                 alcove_note_return_free         (AlcoveNoteReturn    *note_return);
/* What a supervisor signs: canonical JSON binding the note's id (the same in every vault
 * it is carried to), the hash, the signer and the time; a return's also binds the
 * signature returned and the comment */
char                *alcove_cosignature_dup_message  (const AlcoveCosignature *cosignature,
                                                      const char          *note_id);
char                *alcove_note_return_dup_message  (const AlcoveNoteReturn *note_return,
                                                      const char          *note_id);

/* Canonical JSON as notes write it (members added in byte order by the caller) */
void                 alcove_canonical_add_string     (JsonBuilder         *builder,
                                                      const char          *member,
                                                      const char          *value);
void                 alcove_canonical_add_int        (JsonBuilder         *builder,
                                                      const char          *member,
                                                      gint64               value);
char                *alcove_canonical_to_string      (JsonBuilder         *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveCosignature, alcove_cosignature_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveNoteReturn, alcove_note_return_free)

G_END_DECLS
