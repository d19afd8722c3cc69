/* alcove-format-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-format-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_FORMAT_PAGE (alcove_format_page_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveFormatPage, alcove_format_page, ALCOVE, FORMAT_PAGE,
                      AdwPreferencesPage)

AlcoveFormatPage *alcove_format_page_new (AlcoveFormatStore *store);

G_END_DECLS
