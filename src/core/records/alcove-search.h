/* alcove-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_HIT_CLIENT,     /* the client's name matched */
  ALCOVE_HIT_NOTE,       /* a progress note's sections */
  ALCOVE_HIT_PART,       /* an attendee's part of a couple, family or group note */
  ALCOVE_HIT_ADDENDUM,
  ALCOVE_HIT_PRIVATE,    /* the reader's own psychotherapy note */
  ALCOVE_HIT_PLAN,       /* a treatment plan: the version in force, or its draft */
  ALCOVE_HIT_DIAGNOSIS,  /* a code on the client's problem list, by code or words */
} AlcoveHitKind;

#define ALCOVE_TYPE_SEARCH_HIT (alcove_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveSearchHit, alcove_search_hit, ALCOVE, SEARCH_HIT, GObject)

AlcoveHitKind  alcove_search_hit_get_kind         (AlcoveSearchHit *self);
const char    *alcove_search_hit_get_client_id    (AlcoveSearchHit *self);
/* The note, the plan version or the diagnosis; NULL for a client */
const char    *alcove_search_hit_get_note_id      (AlcoveSearchHit *self);
const char    *alcove_search_hit_get_session_date (AlcoveSearchHit *self);
const char    *alcove_search_hit_get_snippet      (AlcoveSearchHit *self);

#define ALCOVE_TYPE_SEARCH (alcove_search_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveSearch, alcove_search, ALCOVE, SEARCH, GObject)

AlcoveSearch *alcove_search_new              (AlcoveVault          *vault);
char         *alcove_search_build_match      (const char           *query);
GListModel   *alcove_search_run              (AlcoveSearch         *self,
                                              const char           *query,
                                              const char           *client_id,
                                              guint                 limit,
                                              GCancellable         *cancellable,
                                              GError              **error);
void          alcove_search_run_async        (AlcoveSearch         *self,
                                              const char           *query,
                                              const char           *client_id,
                                              guint                 limit,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GListModel   *alcove_search_run_finish       (AlcoveSearch         *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
