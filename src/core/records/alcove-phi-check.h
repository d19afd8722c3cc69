/* alcove-phi-check.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The minimum-necessary helper: points at details a note may not need (contact details,
 * identifiers, long verbatim quotations, other clients' names). Pure and local: it reads a
 * string and returns findings, it never changes, blocks or sends anything. */
typedef enum {
  ALCOVE_FINDING_PHONE,
  ALCOVE_FINDING_EMAIL,
  ALCOVE_FINDING_STREET_ADDRESS,
  ALCOVE_FINDING_GOVERNMENT_ID,   /* US SSN, Australian Medicare number, Australian TFN */
  ALCOVE_FINDING_LONG_QUOTE,
  ALCOVE_FINDING_OTHER_CLIENT,
} AlcoveFindingKind;

typedef struct {
  AlcoveFindingKind kind;
  gsize start;    /* byte offsets into the UTF-8 text, [start, end) */
  gsize end;
  char *reason;   /* one translated line; never includes the matched text */
  char *key;      /* "<kind-nick>:<first 16 hex of SHA-256 of the normalised match>", stable
                   * across calls and edits elsewhere in the text, for dismissing a finding */
} AlcoveFinding;

void          alcove_finding_free            (AlcoveFinding     *finding);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveFinding, alcove_finding_free)

/* "phone", "email", "address", "government-id", "quote", "other-client" */
const char   *alcove_finding_kind_to_string  (AlcoveFindingKind  kind);
/* translated short title, e.g. "Phone number" */
const char   *alcove_finding_kind_get_title  (AlcoveFindingKind  kind);

/* other_client_names: NULL-terminated list of names (preferred and legal names of OTHER
 * clients in the vault), may be NULL. Each entry is matched as a whole phrase, ignoring case,
 * accents and runs of white space; pass first names as entries of their own to find them
 * alone. Returns a GPtrArray of AlcoveFinding* (free func set), sorted by start and
 * non-overlapping (the earlier, then the longer, wins). */
GPtrArray    *alcove_phi_check               (const char        *text,
                                              const char * const *other_client_names);

G_END_DECLS
