/* alcove-data-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>

G_BEGIN_DECLS

/* Wording read from a data file (formats, consents, checklist, breach rules), translated.
 * tools/extract-data-strings.py lists it for translators. NULL and "" give "": gettext ("")
 * would return the catalogue's header. */
static inline const char *
alcove_data_text (const char *text)
{
  return text != NULL && *text != '\0' ? _(text) : "";
}

G_END_DECLS
