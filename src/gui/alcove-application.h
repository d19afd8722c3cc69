/* alcove-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALCOVE_TYPE_APPLICATION (alcove_application_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveApplication, alcove_application, ALCOVE, APPLICATION, AdwApplication)

AlcoveApplication *alcove_application_new            (void);
char              *alcove_application_dup_vault_path (AlcoveApplication *self);

G_END_DECLS
