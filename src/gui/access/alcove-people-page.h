/* alcove-people-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_PEOPLE_PAGE (alcove_people_page_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePeoplePage, alcove_people_page, ALCOVE, PEOPLE_PAGE,
                      AdwPreferencesPage)

AlcovePeoplePage *alcove_people_page_new     (AlcoveVault      *vault);
/* Reads the vault's people again, keeping open the rows that were */
void              alcove_people_page_refresh (AlcovePeoplePage *self);

G_END_DECLS
