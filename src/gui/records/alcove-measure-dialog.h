/* alcove-measure-dialog.h — giving an outcome measure in session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-measure-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_MEASURE_DIALOG (alcove_measure_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveMeasureDialog, alcove_measure_dialog, ALCOVE, MEASURE_DIALOG, AdwWindow)

AlcoveMeasureDialog *alcove_measure_dialog_new         (GtkWindow          *parent,
                                                        AlcoveMeasureStore *store,
                                                        const char         *client_id);
/* Shows the measure with this id, its answers cleared */
void                 alcove_measure_dialog_set_measure (AlcoveMeasureDialog *self,
                                                        const char          *measure_id);
/* Chooses an answer as a click on its button does (score as in the measure's data) */
void                 alcove_measure_dialog_answer      (AlcoveMeasureDialog *self,
                                                        const char          *item_id,
                                                        int                  score);
/* The session the measure is given in: a session id, or "" for a new session on the date
 * given; choosing one keeps every answer */
const char          *alcove_measure_dialog_get_session (AlcoveMeasureDialog *self);
gboolean             alcove_measure_dialog_set_session (AlcoveMeasureDialog *self,
                                                        const char          *session_id);

G_END_DECLS
