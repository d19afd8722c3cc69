/* alcove-register-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_REGISTER_EDITOR (alcove_register_editor_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveRegisterEditor, alcove_register_editor, ALCOVE, REGISTER_EDITOR,
                      AdwPreferencesWindow)

/* The practice registers, a page each: policy, vendors, devices, training. The owner adds
 * and edits entries; other roles see them read-only. Emits "changed" after every change. */
AlcoveRegisterEditor *alcove_register_editor_new       (GtkWindow            *parent,
                                                        AlcoveVault          *vault);
/* "policy", "vendors", "devices" or "training" */
void                  alcove_register_editor_show_page (AlcoveRegisterEditor *self,
                                                        const char           *page);
void                  alcove_register_editor_reload    (AlcoveRegisterEditor *self);

G_END_DECLS
