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

/* A drawing in the body (a graph): `markup` holds ALCOVE_PRINT_FIGURE_MARK where each
 * figure goes, in order, on a line of its own; the figure takes that line, width by height
 * in points, and is drawn with its top left at (0, 0), its text in `layout` */
#define ALCOVE_PRINT_FIGURE_MARK "\xef\xbf\xbc"  /* U+FFFC OBJECT REPLACEMENT CHARACTER */

typedef struct
{
  double          width;
  double          height;
  void          (*draw) (cairo_t     *cr,
                         PangoLayout *layout,
                         double       width,
                         double       height,
                         gpointer     data);
  gpointer        data;
  GDestroyNotify  destroy;
} AlcovePrintFigure;

AlcovePrintFigure *alcove_print_figure_new  (double          width,
                                             double          height,
                                             void          (*draw) (cairo_t     *cr,
                                                                    PangoLayout *layout,
                                                                    double       width,
                                                                    double       height,
                                                                    gpointer     data),
                                             gpointer        data,
                                             GDestroyNotify  destroy);
void               alcove_print_figure_free (AlcovePrintFigure *figure);

/* `figures` (AlcovePrintFigure, nullable) fill the marks of `markup` */
gboolean alcove_page_printer_run_with_figures (GtkWindow              *parent,
                                               const AlcovePageFrame  *frame,
                                               const char             *markup,
                                               GPtrArray              *figures,
                                               const char             *pdf_path,
                                               gboolean               *printed,
                                               GError                **error);

gboolean alcove_page_printer_run (GtkWindow              *parent,
                                  const AlcovePageFrame  *frame,
                                  const char             *markup,
                                  const char             *pdf_path,
                                  gboolean               *printed,
                                  GError                **error);

G_END_DECLS
