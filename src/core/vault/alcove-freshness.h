/* alcove-freshness.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alcove-secret.h"

G_BEGIN_DECLS

/* What this device has seen of one vault, for one person: the newest header generation,
 * each store's commit counter, the audit log's head and how far its signatures were
 * checked, and the last authority part that verified (to name what a forgery changed).
 * Kept in $XDG_STATE_HOME/alcove/seen/, sealed with AES-256-GCM under a key derived from
 * that person's user key, so no other account can read or rewrite it. No PHI.
 *
 * The file names the public key it was sealed for. A record sealed for a key the signed
 * header lists as one of that person's earlier keys (a password reset rotated it) cannot
 * be read and starts afresh; one sealed for a key the header does not know at all means
 * the header is older than this device has seen. */
typedef struct _AlcoveFreshness AlcoveFreshness;

AlcoveFreshness *alcove_freshness_load            (const char             *vault_uuid,
                                                   const char             *holder,
                                                   const AlcoveSecret     *holder_key,
                                                   GBytes                 *holder_public,
                                                   GPtrArray              *earlier_keys,
                                                   GError                **error);
AlcoveFreshness *alcove_freshness_new             (const char             *vault_uuid,
                                                   const char             *holder,
                                                   const AlcoveSecret     *holder_key,
                                                   GBytes                 *holder_public);
gboolean         alcove_freshness_save            (AlcoveFreshness        *self,
                                                   GError                **error);
void             alcove_freshness_free            (AlcoveFreshness        *self);
gboolean         alcove_freshness_is_new          (AlcoveFreshness        *self);

void             alcove_freshness_forget          (AlcoveFreshness        *self);
/* When this device last recorded the vault (Unix ms); 0 for a record older than that */
gint64           alcove_freshness_get_saved_ms    (AlcoveFreshness        *self);
gint64           alcove_freshness_get_generation  (AlcoveFreshness        *self);
void             alcove_freshness_set_generation  (AlcoveFreshness        *self,
                                                   gint64                  generation);
/* -1 when this device never saw the store */
gint64           alcove_freshness_get_counter     (AlcoveFreshness        *self,
                                                   const char             *database_id);
void             alcove_freshness_set_counter     (AlcoveFreshness        *self,
                                                   const char             *database_id,
                                                   gint64                  counter);
void             alcove_freshness_get_audit_head  (AlcoveFreshness        *self,
                                                   gint64                 *rows,
                                                   const char            **mac);
void             alcove_freshness_set_audit_head  (AlcoveFreshness        *self,
                                                   gint64                  rows,
                                                   const char             *mac);
/* The audit row up to which every signature was checked, and the chain value there */
void             alcove_freshness_get_audit_checked (AlcoveFreshness      *self,
                                                     gint64               *rows,
                                                     const char          **mac);
void             alcove_freshness_set_audit_checked (AlcoveFreshness      *self,
                                                     gint64                rows,
                                                     const char           *mac);
const char      *alcove_freshness_get_authority   (AlcoveFreshness        *self);
void             alcove_freshness_set_authority   (AlcoveFreshness        *self,
                                                   const char             *authority_text);

void             alcove_freshness_set_slots       (AlcoveFreshness        *self,
                                                   GStrv                   slot_ids);
gboolean         alcove_freshness_slot_is_retired (AlcoveFreshness        *self,
                                                   const char             *slot_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveFreshness, alcove_freshness_free)

G_END_DECLS
