/* alcove-note-printer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alcove-client.h"
#include "alcove-note-store.h"

G_BEGIN_DECLS

/* Prints notes_to_print (AlcoveNote items) of client: one note, or a stretch of the record.
 * Psychotherapy notes are never printed, even when passed. pdf_path NULL shows the print
 * dialog; otherwise the notes are exported to that PDF file without one. Audited. */
gboolean alcove_note_printer_run (GtkWindow        *parent,
                                  AlcoveNoteStore  *notes,
                                  AlcoveClient     *client,
                                  GListModel       *notes_to_print,
                                  const char       *pdf_path,
                                  GError          **error);
/* The same after `preface` (Pango markup the caller composed: the problem list, the
 * treatment plans and the outcome measures, audited by the caller), which may be all there
 * is; `figures` (AlcovePrintFigure, nullable) fill the preface's figure marks; *printed
 * (nullable) says whether it reached the printer or the PDF */
gboolean alcove_note_printer_run_record (GtkWindow        *parent,
                                         AlcoveNoteStore  *notes,
                                         AlcoveClient     *client,
                                         const char       *preface,
                                         GPtrArray        *figures,
                                         GListModel       *notes_to_print,
                                         const char       *pdf_path,
                                         gboolean         *printed,
                                         GError          **error);
/* Content composed by the caller (Pango markup), on the same pages; not audited */
gboolean alcove_note_printer_run_markup (GtkWindow        *parent,
                                         AlcoveVault      *vault,
                                         AlcoveClient     *client,
                                         const char       *byline,
                                         const char       *job_name,
                                         const char       *markup,
                                         const char       *pdf_path,
                                         gboolean         *printed,
                                         GError          **error);

G_END_DECLS
