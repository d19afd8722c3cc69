/* alcove-checklist-printer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Prints the compliance report: each item of the checklist with its status, how it is
 * judged, its dates and the evidence it rests on (AlcoveChecklistItem*, as judged on today).
 * Counts only, never PHI. pdf_path NULL shows the print dialog; otherwise the report is
 * exported to that PDF file. */
gboolean alcove_checklist_printer_run (GtkWindow   *parent,
                                       const char  *practice,
                                       GPtrArray   *items,
                                       const GDate *today,
                                       const char  *pdf_path,
                                       GError     **error);

/* The report as Pango markup (what is printed), for tests */
char    *alcove_checklist_printer_dup_markup (const char  *practice,
                                              GPtrArray   *items,
                                              const GDate *today);

G_END_DECLS
