/* alcove-record-print-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client.h"
#include "alcove-diagnosis-store.h"
#include "alcove-event-store.h"
#include "alcove-measure-store.h"
#include "alcove-note-store.h"
#include "alcove-plan-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_RECORD_PRINT_DIALOG (alcove_record_print_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveRecordPrintDialog, alcove_record_print_dialog, ALCOVE,
                      RECORD_PRINT_DIALOG, AdwWindow)

AlcoveRecordPrintDialog *alcove_record_print_dialog_new        (GtkWindow               *parent,
                                                                AlcoveNoteStore         *notes,
                                                                AlcoveClient            *client);
/* YYYY-MM-DD, or NULL or "" for an open end */
void                     alcove_record_print_dialog_set_range  (AlcoveRecordPrintDialog *self,
                                                                const char              *from,
                                                                const char              *to);
/* The record notes in the range, newest first */
GListModel              *alcove_record_print_dialog_dup_selection (AlcoveRecordPrintDialog *self);
/* Prints the selection (pdf_path NULL: through the print dialog) */
gboolean                 alcove_record_print_dialog_print      (AlcoveRecordPrintDialog *self,
                                                                const char              *pdf_path,
                                                                GError                 **error);

void                     alcove_record_print_dialog_set_include_drafts (AlcoveRecordPrintDialog *self,
                                                                        gboolean                 include);
/* The problem list and the treatment plans in force print before the notes */
void                     alcove_record_print_dialog_set_treatment (AlcoveRecordPrintDialog *self,
                                                                   AlcoveDiagnosisStore    *diagnoses,
                                                                   AlcovePlanStore         *plans);
/* Each outcome measure given (its graph with the client's events, and its scores) prints
 * with them */
void                     alcove_record_print_dialog_set_measures (AlcoveRecordPrintDialog *self,
                                                                  AlcoveMeasureStore      *measures,
                                                                  AlcoveEventStore        *events);

G_END_DECLS
