/* alcove-client-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_CLIENT_EDITOR (alcove_client_editor_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveClientEditor, alcove_client_editor, ALCOVE, CLIENT_EDITOR, AdwWindow)

AlcoveClientEditor *alcove_client_editor_new     (GtkWindow          *parent,
                                                  AlcoveClientStore  *store,
                                                  AlcoveClient       *client);
AlcoveClient       *alcove_client_editor_get_client (AlcoveClientEditor *self);

G_END_DECLS
