/* alcove-password-quality.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alcove-secret.h"

G_BEGIN_DECLS

/* libpwquality's verdict: a 0–100 score, or FALSE with its reason in words */
gboolean alcove_password_quality_check (const AlcoveSecret *password,
                                        const char         *username,
                                        int                *score,
                                        GError            **error);

G_END_DECLS
