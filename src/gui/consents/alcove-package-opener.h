/* alcove-package-opener.h — opening an encrypted package someone sent, and giving out the
 * practice's key for others to seal packages to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

/* Asks for the package, its passphrase if it has one, and where to save the PDF (the JSON
 * goes beside it); then shows the PDF in the system's viewer. Nothing is written before the
 * person chooses where, and never to a temporary folder. */
void alcove_package_opener_open       (GtkWindow   *parent,
                                       AlcoveVault *vault);
/* Asks where to save the practice's key file, then shows its fingerprint */
void alcove_package_opener_export_key (GtkWindow   *parent,
                                       AlcoveVault *vault);

G_END_DECLS
