/* alcove-measure-list.h — the client page's Measures tab
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-event-store.h"
#include "alcove-measure-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_MEASURE_LIST (alcove_measure_list_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveMeasureList, alcove_measure_list, ALCOVE, MEASURE_LIST, AdwBin)

AlcoveMeasureList *alcove_measure_list_new (AlcoveMeasureStore *store,
                                            AlcoveEventStore   *events,
                                            const char         *client_id);

G_END_DECLS
