/* alcove-password-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALCOVE_TYPE_PASSWORD_ROW (alcove_password_row_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePasswordRow, alcove_password_row, ALCOVE, PASSWORD_ROW, AdwActionRow)

/* A row with a password field that assistive technologies know as one: it implements
 * GtkEditable (text, "changed") and emits "entry-activated" as AdwPasswordEntryRow does */
GtkWidget *alcove_password_row_new       (void);
/* The field itself, for accessible relations such as a hint that describes it */
GtkWidget *alcove_password_row_get_entry (AlcovePasswordRow *self);

G_END_DECLS
