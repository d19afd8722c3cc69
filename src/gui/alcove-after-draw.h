/* alcove-after-draw.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Calls `func` (with `data`, freed with `destroy`) once, from the main loop, after `widget`
 * was drawn as it is now, or after a quarter of a second if no frame comes (a window not on
 * screen): so that a window says what it is about to do before a slow call starts */
void alcove_after_draw (GtkWidget      *widget,
                        GSourceFunc     func,
                        gpointer        data,
                        GDestroyNotify  destroy);

G_END_DECLS
