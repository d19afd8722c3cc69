/* alcove-audit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "alcove-audit-actions.h"
#include "alcove-database.h"
#include "alcove-secret.h"
#include "alcove-signing.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_AUDIT (alcove_audit_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveAudit, alcove_audit, ALCOVE, AUDIT, GObject)

/* The keys an actor ("recovery" or a user uuid) may have signed rows with; NULL if none */
typedef GPtrArray *(*AlcoveAuditKeysFunc) (const char *actor,
                                           gpointer    user_data);

AlcoveAudit *alcove_audit_new     (AlcoveDatabase     *database,
                                   const AlcoveSecret *practice_key,
                                   const char         *actor,
                                   const AlcoveSigner *signer);
const char  *alcove_audit_get_actor (AlcoveAudit      *self);
void         alcove_audit_set_keys_func (AlcoveAudit         *self,
                                         AlcoveAuditKeysFunc  func,
                                         gpointer             user_data,
                                         GDestroyNotify       destroy);
AlcoveAudit *alcove_audit_new_verifier (AlcoveAudit         *self);
/* A writer with `self`'s chain key, actor and signing key for another connection to the
 * same practice.db, such as a worker's: copied where `self` lives, then bound and used only
 * on that connection's thread. Its rows chain onto the log's tail as the database holds it
 * when they are written, so both writers may append, one transaction at a time. */
AlcoveAudit *alcove_audit_new_writer_copy (AlcoveAudit    *self);
void         alcove_audit_bind            (AlcoveAudit    *self,
                                           AlcoveDatabase *database);
void         alcove_audit_set_signature_policy (AlcoveAudit *self,
                                                gint64       signed_from,
                                                gint64       checked_rows,
                                                const char  *checked_mac);
gboolean     alcove_audit_get_head (AlcoveAudit       *self,
                                    gint64            *rows,
                                    char             **mac,
                                    GError           **error);
char        *alcove_audit_mac_at  (AlcoveDatabase     *database,
                                   gint64              seq);
gint64       alcove_audit_get_signatures_checked (AlcoveAudit *self);
gboolean     alcove_audit_append  (AlcoveAudit        *self,
                                   const char         *action,
                                   const char         *object_id,
                                   const char         *details,
                                   gint64             *seq,
                                   GError            **error);
gboolean     alcove_audit_verify  (AlcoveAudit        *self,
                                   gint64             *rows_checked,
                                   gint64             *first_bad_seq,
                                   GError            **error);
gboolean     alcove_audit_verify_with_progress (AlcoveAudit             *self,
                                                AlcoveAuditProgressFunc  progress,
                                                gpointer                 user_data,
                                                gint64                  *rows_checked,
                                                gint64                  *first_bad_seq,
                                                GError                 **error);
gboolean     alcove_audit_verify_snapshot (AlcoveAudit             *self,
                                           AlcoveDatabase          *database,
                                           AlcoveAuditProgressFunc  progress,
                                           gpointer                 user_data,
                                           gint64                  *rows_checked,
                                           gint64                  *first_bad_seq,
                                           GError                 **error);
gboolean     alcove_audit_get_verified_head (AlcoveAudit     *self,
                                             gint64          *rows,
                                             char           **mac);
gint64       alcove_audit_count   (AlcoveAudit        *self);
char        *alcove_audit_details (const char         *first_key,
                                   ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
