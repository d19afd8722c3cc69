/* alcove-practice-exporter.h — the whole practice written out for leaving Alcove: a warning,
 * where to save it, and what was written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

/* Asks first (the archive is plain text), then where to save it, then writes it and says
 * what it holds and what it left out */
void     alcove_practice_exporter_run       (GtkWindow   *parent,
                                             AlcoveVault *vault);
/* The writing and the report, to `destination` without asking: what the chooser's answer
 * leads to, and what tests drive. Returns whether it was written. */
gboolean alcove_practice_exporter_write_to  (GtkWindow   *parent,
                                             AlcoveVault *vault,
                                             GFile       *destination);

G_END_DECLS
