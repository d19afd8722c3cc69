/* alcove-client-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"
#include "alcove-note-store.h"
#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_CLIENT_PAGE (alcove_client_page_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveClientPage, alcove_client_page, ALCOVE, CLIENT_PAGE, AdwBin)

AlcoveClientPage *alcove_client_page_new           (AlcoveWorkspace   *workspace,
                                                    const char        *client_id);
const char       *alcove_client_page_get_client_id (AlcoveClientPage  *self);
void              alcove_client_page_reload        (AlcoveClientPage  *self);
void              alcove_client_page_set_tab       (AlcoveClientPage  *self,
                                                    const char        *tab);
const char       *alcove_client_page_get_tab       (AlcoveClientPage  *self);

G_END_DECLS
