/* alcove-date-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALCOVE_TYPE_DATE_ROW (alcove_date_row_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveDateRow, alcove_date_row, ALCOVE, DATE_ROW, AdwEntryRow)

AlcoveDateRow *alcove_date_row_new          (const char    *title);
/* YYYY-MM-DD for a day, "" when empty, and otherwise the text as typed, so that a store
 * refuses it with its own message rather than taking it for an empty field */
const char    *alcove_date_row_get_iso_date (AlcoveDateRow *self);
/* Shows a YYYY-MM-DD day the way Alcove shows days; "" or NULL empties the row */
void           alcove_date_row_set_iso_date (AlcoveDateRow *self,
                                             const char    *iso_date);
/* Empty or a day */
gboolean       alcove_date_row_get_valid    (AlcoveDateRow *self);

G_END_DECLS
