/* alcove-format-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-format-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_FORMAT_EDITOR (alcove_format_editor_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveFormatEditor, alcove_format_editor, ALCOVE, FORMAT_EDITOR, AdwWindow)

/* A new format (`format` NULL), the next version of a practice format, or, with
 * `duplicate`, a new format that starts as a copy of `format` (a shipped one, say) */
AlcoveFormatEditor *alcove_format_editor_new (GtkWindow         *parent,
                                              AlcoveFormatStore *store,
                                              AlcoveNoteFormat  *format,
                                              gboolean           duplicate);

G_END_DECLS
