/* alcove-recovery-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_RECOVERY_WINDOW (alcove_recovery_window_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveRecoveryWindow, alcove_recovery_window, ALCOVE, RECOVERY_WINDOW,
                      AdwWindow)

AlcoveRecoveryWindow *alcove_recovery_window_new       (AlcoveVault          *vault,
                                                        const char           *username);
AlcoveVault          *alcove_recovery_window_get_vault (AlcoveRecoveryWindow *self);

G_END_DECLS
