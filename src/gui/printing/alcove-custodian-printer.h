/* alcove-custodian-printer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alcove-custodian.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

/* Prints the letter naming the records custodian an owner saved: who they are, where the
 * recovery sheet is kept (never the key), what they do, and lines to sign. Only an owner
 * prints it, and the print is audited. pdf_path NULL shows the print dialog; otherwise the
 * letter is exported to that PDF file. */
gboolean alcove_custodian_printer_run        (GtkWindow             *parent,
                                              AlcoveVault           *vault,
                                              const char            *pdf_path,
                                              GError               **error);

/* The letter as Pango markup (what is printed), for tests */
char    *alcove_custodian_printer_dup_markup (const char            *practice,
                                              const char            *owner,
                                              const AlcoveCustodian *custodian);

G_END_DECLS
