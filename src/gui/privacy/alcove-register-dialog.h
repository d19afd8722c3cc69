/* alcove-register-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-registers.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_REGISTER_DIALOG (alcove_register_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveRegisterDialog, alcove_register_dialog, ALCOVE, REGISTER_DIALOG,
                      AdwWindow)

/* One form per register entry. A refusal from the registers is shown above the form and
 * nothing typed is lost. */
AlcoveRegisterDialog *alcove_register_dialog_new_policy   (GtkWindow          *parent,
                                                           AlcoveVault        *vault);
AlcoveRegisterDialog *alcove_register_dialog_new_vendor   (GtkWindow          *parent,
                                                           AlcoveVault        *vault,
                                                           const AlcoveVendor *vendor,
                                                           AlcoveVendorKind    kind);
AlcoveRegisterDialog *alcove_register_dialog_new_device   (GtkWindow          *parent,
                                                           AlcoveVault        *vault,
                                                           const AlcoveDevice *device);
AlcoveRegisterDialog *alcove_register_dialog_new_training (GtkWindow          *parent,
                                                           AlcoveVault        *vault);
/* The policy document to attach (what the file chooser sets) */
void                  alcove_register_dialog_set_policy_file (AlcoveRegisterDialog *self,
                                                              GFile                *file);

G_END_DECLS
