/* alcove-session-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_SESSION_DIALOG (alcove_session_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveSessionDialog, alcove_session_dialog, ALCOVE, SESSION_DIALOG, AdwWindow)

AlcoveSessionDialog *alcove_session_dialog_new (GtkWindow         *parent,
                                                AlcoveClientStore *store,
                                                const char        *client_id);
AlcoveSessionDialog *alcove_session_dialog_new_for_session (GtkWindow         *parent,
                                                            AlcoveClientStore *store,
                                                            AlcoveSession     *session);

G_END_DECLS
