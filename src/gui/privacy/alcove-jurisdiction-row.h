/* alcove-jurisdiction-row.h — a combo row offering the laws a practice may follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-jurisdiction.h"

G_BEGIN_DECLS

/* Gives `row` the choices of the core, with `selected` chosen */
void               alcove_jurisdiction_row_fill         (AdwComboRow        *row,
                                                         AlcoveJurisdiction  selected);
AlcoveJurisdiction alcove_jurisdiction_row_get_selected (AdwComboRow        *row);

G_END_DECLS
