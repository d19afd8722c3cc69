/* alcove-help.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *alcove_help_uri  (const char *page,
                        const char *html_dir);
void  alcove_help_show (GtkWindow  *parent,
                        const char *page);

G_END_DECLS
