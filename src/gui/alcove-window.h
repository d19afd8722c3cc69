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

G_END_DECLS
