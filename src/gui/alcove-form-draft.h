/* alcove-form-draft.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_FORM_DRAFT (alcove_form_draft_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveFormDraft, alcove_form_draft, ALCOVE, FORM_DRAFT, GObject)

/* Saves the form's own action, e.g. "editor.save"; the form then calls
 * alcove_form_draft_saved */
AlcoveFormDraft *alcove_form_draft_attach   (GtkWindow       *window,
                                             AlcoveVault     *vault,
                                             const char      *form,
                                             const char      *key,
                                             const char      *save_action);
/* Puts back what was typed and not saved, if anything; TRUE if it did */
gboolean         alcove_form_draft_restore  (AlcoveFormDraft *self);
/* The form was saved: its draft goes. `key`: the record it is now, when a new one was
 * saved, or NULL */
void             alcove_form_draft_saved    (AlcoveFormDraft *self);
void             alcove_form_draft_saved_as (AlcoveFormDraft *self,
                                             const char      *key);
/* What a form says when it put a draft back */
const char      *alcove_form_draft_restored_text (void);

G_END_DECLS
