/* alcove-attestations.h — a person's signed word for a checklist item whose list is empty
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-checklist.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

/* An empty vendor register is not evidence that a practice uses no AI tools: someone has to
 * say so. An attestation is that statement ("We use no AI tools", the item's words in
 * data/checklist/checklist.json), who made it and when, signed (Ed25519) by that person in
 * practice.db (v14) and only ever added. It counts, when read back, only if its signature
 * holds, its signer's role may attest (alcove-policy: ATTEST_CHECKLIST) and its words are
 * the item's words today; the rules (alcove-checklist.h) then decide whether the list is
 * still empty and the attestation young enough. */

/* Whether the signed-in person may attest */
gboolean alcove_attestations_can_attest (AlcoveVault            *vault);
/* Attests the item's statement as the signed-in person, now. Refused for a role that may
 * not attest, for an item without a statement, and for one whose list is not empty (an AI
 * tool in the vendor register: its answers are checked instead). Audited as
 * checklist.attest; the vault then emits "changed::registers". */
gboolean alcove_attestations_attest     (AlcoveVault            *vault,
                                         AlcoveChecklistItemId   item,
                                         GError                **error);
/* Fills facts->attestations with each item's newest attestation that holds; a row whose
 * signature does not hold is ignored (and logged) */
gboolean alcove_attestations_gather     (AlcoveVault            *vault,
                                         AlcoveChecklistFacts   *facts,
                                         GError                **error);

G_END_DECLS
