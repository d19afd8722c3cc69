/* alcove-package-dialogs.h — the questions of sending a disclosure as an encrypted package:
 * how to lock it, whether a practice's key is the one expected, and how the passphrase
 * will reach the recipient
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-package.h"

G_BEGIN_DECLS

/* Passphrase or sealed to a practice; responses "cancel" and "continue" */
AdwMessageDialog *alcove_package_kind_dialog_new          (GtkWidget          *parent);
gboolean          alcove_package_kind_dialog_is_sealed    (AdwMessageDialog   *dialog);

/* The practice's name and the key's fingerprint, to read aloud and compare; responses
 * "cancel" and "seal" */
AdwMessageDialog *alcove_package_key_dialog_new           (GtkWidget          *parent,
                                                           AlcovePackageKey   *key);

/* The passphrase, large and selectable, with a Copy button, and how it will be given;
 * responses "discard" and "record", which waits for a way to be chosen */
AdwMessageDialog *alcove_package_passphrase_dialog_new    (GtkWidget          *parent,
                                                           const AlcoveSecret *passphrase);
/* ALCOVE_DELIVERY_PHONE, _IN_PERSON or _OTHER, or NULL while none is chosen */
const char       *alcove_package_passphrase_dialog_get_delivery (AdwMessageDialog *dialog);
/* What a click on a way does (for tests) */
void              alcove_package_passphrase_dialog_set_delivery (AdwMessageDialog *dialog,
                                                                 const char       *delivery);

G_END_DECLS
