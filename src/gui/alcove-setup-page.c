/* alcove-setup-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-setup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-setup-page.h"

struct _AlcoveSetupPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (AlcoveSetupPage, alcove_setup_page, ADW_TYPE_BIN)

static void
alcove_setup_page_class_init (AlcoveSetupPageClass *klass)
{
}

static void
alcove_setup_page_init (AlcoveSetupPage *self)
{
}

AlcoveSetupPage *
alcove_setup_page_new (AlcoveVault *vault,
                       GSettings   *settings)
{
  return g_object_new (ALCOVE_TYPE_SETUP_PAGE, NULL);
}
