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
/* The writing, on the session's worker with a dialog to cancel it, then the report or the
 * reason it failed, to `destination` without asking: what the chooser's answer leads to,
 * and what tests drive */
void     alcove_practice_exporter_write_to  (GtkWindow   *parent,
                                             AlcoveVault *vault,
                                             GFile       *destination);

G_END_DECLS
