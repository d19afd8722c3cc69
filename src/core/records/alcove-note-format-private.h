/* alcove-note-format-private.h — what AlcoveFormatStore tells the format lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-note-format.h"

G_BEGIN_DECLS

/* A version read from practice.db; its id becomes "<base id>@<version>" */
AlcoveNoteFormat *alcove_note_format_new_version (GBytes    *json,
                                                  guint      version,
                                                  gboolean   retired,
                                                  GError   **error);
/* The practice's verified versions join the lists and lookup() until `owner` (the store
 * that read them) unpublishes them or another store publishes its own */
void              alcove_note_format_publish     (gpointer   owner,
                                                  GPtrArray *versions);
void              alcove_note_format_unpublish   (gpointer   owner);

G_END_DECLS
