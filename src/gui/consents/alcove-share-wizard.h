/* alcove-share-wizard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-note-store.h"
#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_SHARE_WIZARD (alcove_share_wizard_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveShareWizard, alcove_share_wizard, ALCOVE, SHARE_WIZARD, AdwWindow)

/* Shares one signed note (its chosen sections) */
AlcoveShareWizard *alcove_share_wizard_new_for_note   (GtkWindow         *parent,
                                                       AlcoveWorkspace   *workspace,
                                                       AlcoveNote        *note);
/* Shares a stretch of a client's record: the kinds of information chosen, between two dates */
AlcoveShareWizard *alcove_share_wizard_new_for_record (GtkWindow         *parent,
                                                       AlcoveWorkspace   *workspace,
                                                       const char        *client_id);
/* "recipient", "content", "basis" or "output" */
const char        *alcove_share_wizard_get_step       (AlcoveShareWizard *self);
/* The refusal or problem shown above the step, or NULL */
const char        *alcove_share_wizard_get_error      (AlcoveShareWizard *self);
/* On the output step: writes exactly what was chosen to a PDF, then records the
 * disclosure. What Save as PDF… does once a file is chosen. */
gboolean           alcove_share_wizard_export_pdf     (AlcoveShareWizard *self,
                                                       const char        *pdf_path,
                                                       GError           **error);

G_END_DECLS
