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
/* Puts back what was typed and not saved, if anything, and says so in a banner of
 * information placed right below `below` (a child of the form's vertical box: its error
 * banner), until the form is saved; TRUE if it did */
gboolean         alcove_form_draft_restore  (AlcoveFormDraft *self,
                                             GtkWidget       *below);
/* The form was saved: its draft goes. `key`: the record it is now, when a new one was
 * saved, or NULL */
void             alcove_form_draft_saved    (AlcoveFormDraft *self);
void             alcove_form_draft_saved_as (AlcoveFormDraft *self,
                                             const char      *key);
/* A form's Cancel (for gtk_widget_class_install_action): closes its window through
 * close-request, where changes not saved are asked about */
void             alcove_form_draft_close_action_cb (GtkWidget  *widget,
                                                    const char *action,
                                                    GVariant   *parameter);

G_END_DECLS
