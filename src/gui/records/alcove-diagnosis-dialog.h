/* alcove-diagnosis-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"
#include "alcove-diagnosis-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_DIAGNOSIS_DIALOG (alcove_diagnosis_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveDiagnosisDialog, alcove_diagnosis_dialog, ALCOVE, DIAGNOSIS_DIALOG,
                      AdwWindow)

/* Adds a diagnosis to the client's problem list, or changes `diagnosis` (nullable) */
AlcoveDiagnosisDialog *alcove_diagnosis_dialog_new       (GtkWindow             *parent,
                                                          AlcoveDiagnosisStore  *diagnoses,
                                                          AlcoveClientStore     *clients,
                                                          const char            *client_id,
                                                          AlcoveDiagnosis       *diagnosis);
/* The code chosen so far, "" if none */
const char            *alcove_diagnosis_dialog_get_code  (AlcoveDiagnosisDialog *self);
/* The refusal on show, or NULL */
const char            *alcove_diagnosis_dialog_get_error (AlcoveDiagnosisDialog *self);

G_END_DECLS
