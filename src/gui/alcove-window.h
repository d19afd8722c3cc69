/* alcove-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-application.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_WINDOW (alcove_window_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveWindow, alcove_window, ALCOVE, WINDOW, AdwApplicationWindow)

AlcoveWindow *alcove_window_new (AlcoveApplication *application);

G_END_DECLS
