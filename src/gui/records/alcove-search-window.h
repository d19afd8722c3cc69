/* alcove-search-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"
#include "alcove-vault.h"
#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_SEARCH_WINDOW (alcove_search_window_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveSearchWindow, alcove_search_window, ALCOVE, SEARCH_WINDOW, AdwWindow)

AlcoveSearchWindow *alcove_search_window_new         (GtkWindow          *parent,
                                                      AlcoveWorkspace    *workspace,
                                                      const char         *client_id);
const char         *alcove_search_window_get_client_id (AlcoveSearchWindow *self);
GListModel         *alcove_search_window_get_results (AlcoveSearchWindow *self);
const char         *alcove_search_window_get_page    (AlcoveSearchWindow *self);

G_END_DECLS
