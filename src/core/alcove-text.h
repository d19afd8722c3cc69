/* alcove-text.h — text as people type it into a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for NULL, "" and text of white space only (any Unicode space, not just ASCII) */
gboolean alcove_text_is_blank (const char *text);

/* For g_ptr_array_sort() of strings, which passes pointers to the elements: g_strcmp0 itself
 * would compare the pointers' bytes */
int      alcove_text_compare_in_array (gconstpointer a,
                                       gconstpointer b);

G_END_DECLS
