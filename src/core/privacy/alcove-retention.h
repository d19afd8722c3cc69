/* alcove-retention.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

typedef struct
{
  guint adult_years;    /* kept this long after discharge or the last session; default 7 */
  guint majority_age;   /* a minor's record is kept until this age … default 18 */
  guint minor_years;    /* … plus this many years; default 7 */
} AlcoveRetentionPolicy;

/* A client record past the policy on a day */
typedef struct
{
  char     *client_id;
  char     *ended_on;      /* discharge or last session, YYYY-MM-DD */
  char     *keep_until;    /* the last day the policy keeps it */
  gboolean  minor_rule;    /* a minor when it ended: the age rule decided */
} AlcoveRetentionItem;

void alcove_retention_item_free (AlcoveRetentionItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveRetentionItem, alcove_retention_item_free)

/* What a disposal removed: counts only */
typedef struct
{
  char  *disposal_id;
  guint  clients;
  guint  notes;
  guint  addenda;
  guint  sessions;
  guint  consents;
  guint  documents;
  guint  pending_stores;  /* notes stores the disposing user cannot open, finished later */
} AlcoveDisposalReport;

void      alcove_disposal_report_clear       (AlcoveDisposalReport        *report);

void      alcove_retention_policy_defaults   (AlcoveRetentionPolicy       *policy);
gboolean  alcove_retention_get_policy        (AlcoveVault                 *vault,
                                              AlcoveRetentionPolicy       *policy,
                                              GError                     **error);
gboolean  alcove_retention_set_policy        (AlcoveVault                 *vault,
                                              const AlcoveRetentionPolicy *policy,
                                              GError                     **error);
char     *alcove_retention_keep_until        (const AlcoveRetentionPolicy *policy,
                                              const char                  *ended_on,
                                              const char                  *date_of_birth,
                                              gboolean                    *minor_rule);
GPtrArray *alcove_retention_list_due         (AlcoveVault                 *vault,
                                              GDate                       *today,
                                              GError                     **error);
guint     alcove_retention_count_due         (AlcoveVault                 *vault,
                                              GDate                       *today,
                                              GError                     **error);
gboolean  alcove_retention_can_dispose       (AlcoveVault                 *vault);
gboolean  alcove_retention_dispose           (AlcoveVault                 *vault,
                                              const char * const          *client_ids,
                                              GDate                       *today,
                                              AlcoveDisposalReport        *report,
                                              GError                     **error);
gboolean  alcove_retention_finish_pending    (AlcoveVault                 *vault,
                                              guint                       *n_finished,
                                              GError                     **error);

G_END_DECLS
