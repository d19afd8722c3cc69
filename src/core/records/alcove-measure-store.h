/* alcove-measure-store.h — outcome measures given to clients, kept with the notes of the
 * clinician who gave them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-measure-administration.h"
#include "alcove-note-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_MEASURE_STORE (alcove_measure_store_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveMeasureStore, alcove_measure_store, ALCOVE, MEASURE_STORE, GObject)

AlcoveMeasureStore *alcove_measure_store_new          (AlcoveNoteStore    *notes);
/* Whether this person gives measures: a clinician with a notes store of their own */
gboolean            alcove_measure_store_can_administer (AlcoveMeasureStore *self);
/* Whether this person reads any: billing never does */
gboolean            alcove_measure_store_can_read     (AlcoveMeasureStore *self);

/* Scores `answers` (item id → GINT_TO_POINTER (score + 1)) and keeps them in the current
 * clinician's notes store. An alert (PHQ-9 item 9 above 0) must have been acknowledged:
 * the time of the acknowledgement is kept with the answers. Emits ::administration-added. */
AlcoveMeasureAdministration *
                    alcove_measure_store_administer   (AlcoveMeasureStore *self,
                                                       const char         *client_id,
                                                       const char         *measure_id,
                                                       const char         *administered_on,
                                                       const char         *session_id,
                                                       GHashTable         *answers,
                                                       gboolean            risk_acknowledged,
                                                       GError            **error);
/* The same, in a session: `session_id` one of the client's sessions (administered_on must
 * be its date), or "" for a new session on `administered_on`, made and kept with the
 * measure in one transaction */
AlcoveMeasureAdministration *
                    alcove_measure_store_administer_in_session (AlcoveMeasureStore *self,
                                                       const char         *client_id,
                                                       const char         *measure_id,
                                                       const char         *administered_on,
                                                       const char         *session_id,
                                                       GHashTable         *answers,
                                                       gboolean            risk_acknowledged,
                                                       GError            **error);
AlcoveClientStore  *alcove_measure_store_get_clients  (AlcoveMeasureStore *self);
/* One client's administrations of one measure (or of every measure when measure_id is
 * NULL) in every notes store this person may read, oldest first: the first is the
 * baseline, the last the latest, the one before it the prior. Scored from the answers. */
GListModel         *alcove_measure_store_list         (AlcoveMeasureStore *self,
                                                       const char         *client_id,
                                                       const char         *measure_id,
                                                       GError            **error);
/* Baseline, prior and latest of a list as alcove_measure_store_list() returns it (transfer
 * none; NULL when there are too few: prior needs three, latest two) */
void                alcove_measure_store_pick         (GListModel         *administrations,
                                                       AlcoveMeasureAdministration **baseline,
                                                       AlcoveMeasureAdministration **prior,
                                                       AlcoveMeasureAdministration **latest);
/* "PHQ-9: baseline 18 (moderately severe), prior 12 (moderate), latest 7 (mild)", with
 * reliable change and any acknowledged risk prompt; NULL with an error when the client has
 * had none */
char               *alcove_measure_store_summarize    (AlcoveMeasureStore *self,
                                                       const char         *client_id,
                                                       const char         *measure_id,
                                                       GError            **error);

G_END_DECLS
