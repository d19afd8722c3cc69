/* alcove-retention-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_RETENTION_DIALOG (alcove_retention_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveRetentionDialog, alcove_retention_dialog, ALCOVE, RETENTION_DIALOG,
                      AdwWindow)

AlcoveRetentionDialog *alcove_retention_dialog_new        (GtkWindow             *parent,
                                                           AlcoveVault           *vault,
                                                           AlcoveClientStore     *clients);
guint                  alcove_retention_dialog_get_n_due  (AlcoveRetentionDialog *self);

G_END_DECLS
