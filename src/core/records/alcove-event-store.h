/* alcove-event-store.h — events in a client's treatment shown against their outcome
 * measures: medication changes and other events a clinician enters, and the treatment
 * plans signed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-clinical-event.h"
#include "alcove-plan-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_EVENT_STORE (alcove_event_store_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveEventStore, alcove_event_store, ALCOVE, EVENT_STORE, GObject)

AlcoveEventStore    *alcove_event_store_new     (AlcovePlanStore  *plans);
/* Whether this person enters events: a clinician with a notes store of their own */
gboolean             alcove_event_store_can_add  (AlcoveEventStore *self);
/* Whether this person reads any: billing never does */
gboolean             alcove_event_store_can_read (AlcoveEventStore *self);

/* Keeps a medication change or another event (never ALCOVE_EVENT_PLAN: those come from the
 * plans signed) in the current clinician's notes store. `text` is short: a line, at most
 * ALCOVE_EVENT_TEXT_MAX characters. Emits ::event-added. */
#define ALCOVE_EVENT_TEXT_MAX 120
AlcoveClinicalEvent *alcove_event_store_add      (AlcoveEventStore *self,
                                                  const char       *client_id,
                                                  AlcoveEventKind   kind,
                                                  const char       *occurred_on,
                                                  const char       *text,
                                                  GError          **error);
/* The client's events between `from` and `to` (YYYY-MM-DD, either NULL for open), oldest
 * first: those entered in every notes store this person may read, and one for each
 * version of a treatment plan on the day it was signed */
GListModel          *alcove_event_store_list     (AlcoveEventStore *self,
                                                  const char       *client_id,
                                                  const char       *from,
                                                  const char       *to,
                                                  GError          **error);

G_END_DECLS
