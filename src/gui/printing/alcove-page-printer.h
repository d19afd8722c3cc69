/* alcove-page-printer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What every printed page carries around the body */
typedef struct
{
  const char *job_name;
  const char *title;         /* top left, bold: the practice */
  const char *aside;         /* top right: a byline, a client, a date */
  const char *subtitle;      /* a second header line, or NULL */
  const char *footer;        /* bottom left, beside "Page N of M" */
} AlcovePageFrame;

gboolean alcove_page_printer_run (GtkWindow              *parent,
                                  const AlcovePageFrame  *frame,
                                  const char             *markup,
                                  const char             *pdf_path,
                                  gboolean               *printed,
                                  GError                **error);

G_END_DECLS
