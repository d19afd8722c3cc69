/* alcove-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-application.h"
#include "alcove-main-page.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_WINDOW (alcove_window_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveWindow, alcove_window, ALCOVE, WINDOW, AdwApplicationWindow)

AlcoveWindow   *alcove_window_new           (AlcoveApplication *application);
/* "setup", "login", "main" or "error" */
const char     *alcove_window_get_page      (AlcoveWindow      *self);
AlcoveMainPage *alcove_window_get_main_page (AlcoveWindow      *self);

/* While the vault's files are rewritten (a re-key) */
gboolean        alcove_window_begin_busy    (AlcoveWindow      *self,
                                             GtkWindow         *keep,
                                             const char        *status,
                                             GError           **error);
void            alcove_window_set_busy_progress (AlcoveWindow  *self,
                                                 double         fraction);
void            alcove_window_end_busy      (AlcoveWindow      *self);
gboolean        alcove_window_get_busy      (AlcoveWindow      *self);
AlcoveWindow   *alcove_window_find_for      (GtkWindow         *window);

G_END_DECLS
