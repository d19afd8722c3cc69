/* alcove-disclosure-content.h — what the record categories of a disclosure hold, chosen by
 * the same rules wherever the record is shared
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-measure-store.h"
#include "alcove-note-store.h"

G_BEGIN_DECLS

/* "Assessment results": the outcome measures given to the client between `from` and `to`
 * (YYYY-MM-DD, either NULL for open), oldest first. ALCOVE_VAULT_ERROR_NOT_FOUND when there
 * is none, ALCOVE_VAULT_ERROR_PERMISSION_DENIED for someone who reads no measures. */
GListModel *alcove_disclosure_content_assessments        (AlcoveMeasureStore          *measures,
                                                          const char                  *client_id,
                                                          const char                  *from,
                                                          const char                  *to,
                                                          GError                     **error);
/* One administration as a recipient reads it: the measure, the date, the total and its
 * band, and for a measure with a safety item whether it was endorsed. Never the answers
 * item by item. */
char       *alcove_disclosure_content_describe_assessment (AlcoveMeasureAdministration *given);
/* "Discharge summary": the client's signed notes in the discharge format between `from`
 * and `to`, oldest first; with neither date, the latest one alone.
 * ALCOVE_VAULT_ERROR_NOT_FOUND when there is none. */
GListModel *alcove_disclosure_content_discharge          (AlcoveNoteStore             *notes,
                                                          const char                  *client_id,
                                                          const char                  *from,
                                                          const char                  *to,
                                                          GError                     **error);

G_END_DECLS
