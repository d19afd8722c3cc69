/* alcove-audit-query.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-audit-actions.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

/* Which rows of the access log to show; NULL or "" members do not filter */
typedef struct
{
  const char *actor;          /* a user's uuid */
  const char *action_prefix;  /* "note." (a family of actions) or "note.view" (one) */
  const char *client_id;      /* rows about this client: it, its sessions, notes, consents */
  const char *from_day;       /* YYYY-MM-DD, local time, inclusive */
  const char *to_day;         /* YYYY-MM-DD, local time, inclusive */
} AlcoveAuditFilter;

#define ALCOVE_TYPE_AUDIT_ENTRY (alcove_audit_entry_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveAuditEntry, alcove_audit_entry, ALCOVE, AUDIT_ENTRY, GObject)

gint64      alcove_audit_entry_get_seq       (AlcoveAuditEntry *self);
gint64      alcove_audit_entry_get_at_ms     (AlcoveAuditEntry *self);
const char *alcove_audit_entry_get_actor     (AlcoveAuditEntry *self);
const char *alcove_audit_entry_get_action    (AlcoveAuditEntry *self);
const char *alcove_audit_entry_get_object_id (AlcoveAuditEntry *self);
const char *alcove_audit_entry_get_details   (AlcoveAuditEntry *self);

typedef struct
{
  char   *id;
  gint64  from_ms;
  gint64  to_ms;
  char   *reviewed_by;  /* user uuid */
  gint64  reviewed_ms;
  char   *note;
} AlcoveAuditReview;

void        alcove_audit_review_free          (AlcoveAuditReview *review);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveAuditReview, alcove_audit_review_free)

/* An action family for the viewer's action filter */
typedef struct
{
  const char *prefix;
  const char *title;   /* translated by alcove_audit_action_families' caller with _() */
} AlcoveAuditActionFamily;

gboolean    alcove_audit_can_review           (AlcoveVault             *vault);
GPtrArray  *alcove_audit_query                (AlcoveVault             *vault,
                                               const AlcoveAuditFilter *filter,
                                               gint64                   before_seq,
                                               guint                    limit,
                                               GError                 **error);
gint64      alcove_audit_query_count          (AlcoveVault             *vault,
                                               const AlcoveAuditFilter *filter,
                                               GError                 **error);
gboolean    alcove_audit_export_csv           (AlcoveVault             *vault,
                                               const AlcoveAuditFilter *filter,
                                               GFile                   *file,
                                               guint                   *n_rows,
                                               GError                 **error);

void        alcove_audit_verify_async         (AlcoveVault             *vault,
                                               AlcoveAuditProgressFunc  progress,
                                               gpointer                 progress_data,
                                               GDestroyNotify           progress_destroy,
                                               GCancellable            *cancellable,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data);
gboolean    alcove_audit_verify_finish        (AlcoveVault             *vault,
                                               GAsyncResult            *result,
                                               gint64                  *rows_checked,
                                               gint64                  *first_bad_seq,
                                               GError                 **error);

gboolean    alcove_audit_mark_reviewed        (AlcoveVault             *vault,
                                               gint64                   from_ms,
                                               gint64                   to_ms,
                                               const char              *note,
                                               char                   **review_id,
                                               GError                 **error);
GPtrArray  *alcove_audit_list_reviews         (AlcoveVault             *vault,
                                               GError                 **error);
gboolean    alcove_audit_review_last          (AlcoveVault             *vault,
                                               char                   **last_review_day,
                                               GError                 **error);

const char *alcove_audit_action_describe      (const char              *action);
const AlcoveAuditActionFamily *
            alcove_audit_action_families      (guint                   *n_families);
gboolean    alcove_day_to_local_ms            (const char              *day,
                                               gint64                  *ms);
char       *alcove_local_day_of_ms            (gint64                   ms);

G_END_DECLS
