/* alcove-record-exporter.h — one client's record written out as FHIR R4 for their request
 * for it, or a transfer of care: a warning, where to save it, and what it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-workspace.h"

G_BEGIN_DECLS

/* Asks first (the file is plain text), then where to save it, then writes it */
void     alcove_record_exporter_run      (GtkWindow       *parent,
                                          AlcoveWorkspace *workspace,
                                          const char      *client_id);
/* The writing and the report, to `destination` without asking: what the chooser's answer
 * leads to, and what tests drive. Returns whether it was written. */
gboolean alcove_record_exporter_write_to (GtkWindow       *parent,
                                          AlcoveWorkspace *workspace,
                                          const char      *client_id,
                                          GFile           *destination);

G_END_DECLS
