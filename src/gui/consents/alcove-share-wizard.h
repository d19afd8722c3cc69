/* alcove-share-wizard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-note-store.h"
#include "alcove-package.h"
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

/* On the output step: writes exactly what was chosen (the PDF and a JSON of it) to an
 * encrypted package at path, under a new passphrase (recipient NULL) or sealed to recipient
 * (transfer full), then records the disclosure; for a passphrase, once the person said how
 * it will travel. What Save as Encrypted Package… does once the choices are made. */
void               alcove_share_wizard_save_package   (AlcoveShareWizard *self,
                                                       const char        *path,
                                                       AlcovePackageKey  *recipient);
/* The passphrase dialog while it is up, or NULL */
AdwMessageDialog  *alcove_share_wizard_get_package_dialog (AlcoveShareWizard *self);

G_END_DECLS
