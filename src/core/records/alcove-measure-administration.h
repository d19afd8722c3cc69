/* alcove-measure-administration.h — one outcome measure given to a client: the answers as
 * entered, and what they score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-measure.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_MEASURE_ADMINISTRATION (alcove_measure_administration_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveMeasureAdministration, alcove_measure_administration, ALCOVE,
                      MEASURE_ADMINISTRATION, GObject)

/* The total, band and alerts are scored from `answers` (item id → GINT_TO_POINTER (score +
 * 1)) here, never taken from elsewhere; NULL with an error if they do not score. */
AlcoveMeasureAdministration *alcove_measure_administration_new (const char   *id,
                                                                const char   *client_id,
                                                                const char   *measure_id,
                                                                const char   *administered_on,
                                                                const char   *session_id,
                                                                GHashTable   *answers,
                                                                gint64        acknowledged_ms,
                                                                gint64        created_ms,
                                                                const char   *author,
                                                                GError      **error);

const char    *alcove_measure_administration_get_id              (AlcoveMeasureAdministration *self);
const char    *alcove_measure_administration_get_client_id       (AlcoveMeasureAdministration *self);
AlcoveMeasure *alcove_measure_administration_get_measure         (AlcoveMeasureAdministration *self);
const char    *alcove_measure_administration_get_measure_id      (AlcoveMeasureAdministration *self);
/* YYYY-MM-DD */
const char    *alcove_measure_administration_get_administered_on (AlcoveMeasureAdministration *self);
const char    *alcove_measure_administration_get_session_id      (AlcoveMeasureAdministration *self);
const char    *alcove_measure_administration_get_author          (AlcoveMeasureAdministration *self);
gint64         alcove_measure_administration_get_created_ms      (AlcoveMeasureAdministration *self);
/* item id → GINT_TO_POINTER (score + 1) (transfer none) */
GHashTable    *alcove_measure_administration_get_answers         (AlcoveMeasureAdministration *self);
int            alcove_measure_administration_get_total           (AlcoveMeasureAdministration *self);
gboolean       alcove_measure_administration_is_complete         (AlcoveMeasureAdministration *self);
/* NULL when incomplete */
const char    *alcove_measure_administration_get_band_id         (AlcoveMeasureAdministration *self);
const char    *alcove_measure_administration_get_band_label      (AlcoveMeasureAdministration *self);
/* The alerts raised (ids and messages, transfer none) */
GPtrArray     *alcove_measure_administration_get_alert_ids       (AlcoveMeasureAdministration *self);
GPtrArray     *alcove_measure_administration_get_alert_messages  (AlcoveMeasureAdministration *self);
/* When the clinician acknowledged the alerts' risk prompt; 0 when none was raised */
gint64         alcove_measure_administration_get_acknowledged_ms (AlcoveMeasureAdministration *self);
/* {"item": score, …} in item order, and back: NULL on anything but an object of ints */
char          *alcove_measure_answers_to_json                    (AlcoveMeasure *measure,
                                                                  GHashTable    *answers);
GHashTable    *alcove_measure_answers_from_json                  (const char    *json);

G_END_DECLS
