/* alcove-secure-buffer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void alcove_secure_buffer_attach (GtkEditable *row);

G_END_DECLS
