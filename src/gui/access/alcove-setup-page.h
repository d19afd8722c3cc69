/* alcove-setup-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_SETUP_PAGE (alcove_setup_page_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveSetupPage, alcove_setup_page, ALCOVE, SETUP_PAGE, AdwBin)

AlcoveSetupPage *alcove_setup_page_new (AlcoveVault *vault,
                                        GSettings   *settings);

G_END_DECLS
