/* alcove-hardening.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void alcove_harden_process (void);
void alcove_harden_slices  (char **argv);

G_END_DECLS
