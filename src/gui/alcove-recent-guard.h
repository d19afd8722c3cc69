/* alcove-recent-guard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void alcove_recent_guard_install (GtkRecentManager *manager);

G_END_DECLS
