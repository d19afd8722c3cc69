/* alcove-about.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* An AdwAboutWindow filled from the AppStream metainfo compiled into the resources
 * (libadwaita 1.2 has no adw_about_window_new_from_appdata) */
GtkWidget *alcove_about_window_new (GtkWindow *parent);

G_END_DECLS
