/* alcove-text.h — text as people type it into a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for NULL, "" and text of white space only (any Unicode space, not just ASCII) */
gboolean alcove_text_is_blank (const char *text);

G_END_DECLS
