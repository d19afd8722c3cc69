/* alcove-person-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_PERSON_DIALOG (alcove_person_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePersonDialog, alcove_person_dialog, ALCOVE, PERSON_DIALOG, AdwWindow)

AlcovePersonDialog *alcove_person_dialog_new (GtkWindow   *parent,
                                              AlcoveVault *vault);

G_END_DECLS
