/* alcove-first-sign-in-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_FIRST_SIGN_IN_WINDOW (alcove_first_sign_in_window_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveFirstSignInWindow, alcove_first_sign_in_window, ALCOVE,
                      FIRST_SIGN_IN_WINDOW, AdwWindow)

AlcoveFirstSignInWindow *alcove_first_sign_in_window_new (AlcoveVault        *vault,
                                                          AlcoveUser         *user,
                                                          const AlcoveSecret *first_secret);

G_END_DECLS
