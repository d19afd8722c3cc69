/* alcove-emergency-log.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

/* One time someone broke the glass: who, for which client, why, when, and whether an owner
 * has reviewed it. `authors`: the clinicians whose progress notes it opened (user uuids). */
typedef struct
{
  char   *id;
  char   *user_id;
  char   *user_name;      /* full name, from vault.keys */
  char   *client_id;
  char   *reason;         /* alcove_emergency_reason_to_string() */
  char   *explanation;    /* the free text given; PHI may be in it: shown, never logged */
  GStrv   authors;
  gint64  started_ms;
  gint64  expires_ms;
  gint64  ended_ms;       /* 0 while open (or if Alcove stopped before it ended) */
  char   *reviewed_by;    /* user uuid; empty until an owner reviews it */
  gint64  reviewed_ms;
  char   *review_comment;
  guint   views;          /* notes opened during it, from the audit log */
} AlcoveEmergencyEvent;

void       alcove_emergency_event_free        (AlcoveEmergencyEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveEmergencyEvent, alcove_emergency_event_free)

/* Newest first; `unreviewed_only` for the privacy dashboard */
GPtrArray *alcove_emergency_log_list          (AlcoveVault  *vault,
                                               gboolean      unreviewed_only,
                                               GError      **error);
/* What the signed-in person has yet to be told of: every event for an owner, and events
 * that opened their own progress notes for a clinician */
GPtrArray *alcove_emergency_log_alerts        (AlcoveVault  *vault,
                                               GError      **error);
gboolean   alcove_emergency_log_acknowledge   (AlcoveVault  *vault,
                                               const char   *event_id,
                                               GError      **error);
/* Whether the signed-in person may review: owners */
gboolean   alcove_emergency_log_can_review    (AlcoveVault  *vault);
/* Owners only; audited. `comment` may be empty. */
gboolean   alcove_emergency_log_review        (AlcoveVault  *vault,
                                               const char   *event_id,
                                               const char   *comment,
                                               GError      **error);

G_END_DECLS
