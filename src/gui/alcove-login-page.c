/* alcove-login-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-login-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-login-page.h"

struct _AlcoveLoginPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (AlcoveLoginPage, alcove_login_page, ADW_TYPE_BIN)

static void
alcove_login_page_class_init (AlcoveLoginPageClass *klass)
{
}

static void
alcove_login_page_init (AlcoveLoginPage *self)
{
}

AlcoveLoginPage *
alcove_login_page_new (AlcoveVault *vault)
{
  return g_object_new (ALCOVE_TYPE_LOGIN_PAGE, NULL);
}

void
alcove_login_page_reload (AlcoveLoginPage *self)
{
}
