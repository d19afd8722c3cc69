/* alcove-login-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_LOGIN_PAGE (alcove_login_page_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveLoginPage, alcove_login_page, ALCOVE, LOGIN_PAGE, AdwBin)

AlcoveLoginPage *alcove_login_page_new       (AlcoveVault     *vault);
AlcoveVault     *alcove_login_page_get_vault (AlcoveLoginPage *self);
void             alcove_login_page_reload    (AlcoveLoginPage *self);

G_END_DECLS
