/* alcove-custodian-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_CUSTODIAN_PAGE (alcove_custodian_page_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveCustodianPage, alcove_custodian_page, ALCOVE, CUSTODIAN_PAGE,
                      AdwPreferencesPage)

AlcoveCustodianPage *alcove_custodian_page_new (AlcoveVault *vault);

G_END_DECLS
