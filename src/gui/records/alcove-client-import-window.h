/* alcove-client-import-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_CLIENT_IMPORT_WINDOW (alcove_client_import_window_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveClientImportWindow, alcove_client_import_window,
                      ALCOVE, CLIENT_IMPORT_WINDOW, AdwWindow)

/* Reads `file` at once (on a worker) and previews it; nothing is written before "Add" */
AlcoveClientImportWindow *alcove_client_import_window_new (GtkWindow         *parent,
                                                           AlcoveClientStore *store,
                                                           GFile             *file);
/* TRUE once the list was read (or could not be) and no judgement of its rows is under way */
gboolean                  alcove_client_import_window_is_ready (AlcoveClientImportWindow *self);

G_END_DECLS
