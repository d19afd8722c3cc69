/* alcove-page-printer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-page-printer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "alcove-page-printer.h"

/* Prints a body of Pango markup through GtkPrintOperation: one layout the width of the
 * page, cut into pages line by line, under a header (title, aside, an optional subtitle)
 * and over a footer with "Page N of M". Notes, records, disclosures, consent forms and the
 * compliance report all print through it. A figure (a measure's graph) sits in the body as
 * one character with the figure's size, so it moves and pages like a line. Nothing is written to disk unless the person
 * chose a PDF file (or the caller passed one). */

#define HEADER_HEIGHT          44.0
#define HEADER_HEIGHT_SUBTITLE 58.0
#define FOOTER_HEIGHT          30.0

typedef struct
{
  AlcovePageFrame  frame;    /* strings owned by the job */
  char            *markup;
  double           header_height;
  PangoLayout     *body;
  GArray          *page_starts;  /* index of the first line of each page */
  GPtrArray       *figures;      /* AlcovePrintFigure, or NULL */
} PageJob;

AlcovePrintFigure *
alcove_print_figure_new (double          width,
                         double          height,
                         void          (*draw) (cairo_t     *cr,
                                                PangoLayout *layout,
                                                double       width,
                                                double       height,
                                                gpointer     data),
                         gpointer        data,
                         GDestroyNotify  destroy)
{
  AlcovePrintFigure *figure = g_new0 (AlcovePrintFigure, 1);

  figure->width = width;
  figure->height = height;
  figure->draw = draw;
  figure->data = data;
  figure->destroy = destroy;
  return figure;
}

void
alcove_print_figure_free (AlcovePrintFigure *figure)
{
  if (figure == NULL)
    return;
  if (figure->destroy != NULL)
    figure->destroy (figure->data);
  g_free (figure);
}

/* Called by pango with the current point at the figure's origin on the baseline */
static void
draw_figure_cb (cairo_t        *cr,
                PangoAttrShape *attr,
                gboolean        do_path,
                gpointer        data)
{
  AlcovePrintFigure *figure = attr->data;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 7");
  double x, y;

  if (do_path || figure == NULL || figure->draw == NULL)
    return;
  cairo_get_current_point (cr, &x, &y);
  cairo_save (cr);
  cairo_translate (cr, x, y - figure->height);
  layout = pango_cairo_create_layout (cr);
  pango_layout_set_font_description (layout, font);
  figure->draw (cr, layout, figure->width, figure->height, figure->data);
  cairo_restore (cr);
}

/* Gives each mark in the body its figure's size and drawing */
static void
place_figures (PageJob *job)
{
  const char *text = pango_layout_get_text (job->body);
  PangoAttrList *attrs;
  const char *at = text;
  guint k = 0;

  if (job->figures == NULL || job->figures->len == 0)
    return;
  attrs = pango_layout_get_attributes (job->body);
  attrs = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
  while (k < job->figures->len && (at = strstr (at, ALCOVE_PRINT_FIGURE_MARK)) != NULL)
    {
      AlcovePrintFigure *figure = g_ptr_array_index (job->figures, k++);
      PangoRectangle rect = { 0, (int) (-figure->height * PANGO_SCALE),
                              (int) (figure->width * PANGO_SCALE),
                              (int) (figure->height * PANGO_SCALE) };
      PangoAttribute *shape = pango_attr_shape_new_with_data (&rect, &rect, figure, NULL, NULL);

      shape->start_index = at - text;
      shape->end_index = shape->start_index + strlen (ALCOVE_PRINT_FIGURE_MARK);
      pango_attr_list_insert (attrs, shape);
      at += strlen (ALCOVE_PRINT_FIGURE_MARK);
    }
  pango_layout_set_attributes (job->body, attrs);
  pango_attr_list_unref (attrs);
  pango_cairo_context_set_shape_renderer (pango_layout_get_context (job->body), draw_figure_cb,
                                          NULL, NULL);
  pango_layout_context_changed (job->body);
}

static void
page_job_free (PageJob *job)
{
  g_free ((char *) job->frame.job_name);
  g_free ((char *) job->frame.title);
  g_free ((char *) job->frame.aside);
  g_free ((char *) job->frame.subtitle);
  g_free ((char *) job->frame.footer);
  g_free (job->markup);
  g_clear_object (&job->body);
  g_clear_pointer (&job->page_starts, g_array_unref);
  g_clear_pointer (&job->figures, g_ptr_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageJob, page_job_free)

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PageJob           *job)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  double body_height = gtk_print_context_get_height (context) - job->header_height -
                       FOOTER_HEIGHT;
  PangoLayoutIter *iter;
  int page_top = 0;
  int index = 0;

  job->body = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->body, font);
  pango_layout_set_width (job->body, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (job->body, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (job->body, job->markup, -1);
  place_figures (job);

  /* cut into pages where the next line would run into the footer */
  job->page_starts = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (job->page_starts, index);
  iter = pango_layout_get_iter (job->body);
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      if ((logical.y + logical.height - page_top) / (double) PANGO_SCALE > body_height &&
          index > g_array_index (job->page_starts, int, job->page_starts->len - 1))
        {
          g_array_append_val (job->page_starts, index);
          page_top = logical.y;
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  gtk_print_operation_set_n_pages (operation, (int) job->page_starts->len);
}

static void
show_text (cairo_t         *cr,
           GtkPrintContext *context,
           const char      *text,
           const char      *font_name,
           double           x,
           double           y,
           PangoAlignment   alignment,
           double           width)
{
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (font_name);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_header (cairo_t         *cr,
             GtkPrintContext *context,
             PageJob         *job)
{
  double width = gtk_print_context_get_width (context);

  show_text (cr, context, job->frame.title, "Sans Bold 11", 0, 0, PANGO_ALIGN_LEFT, width * 0.5);
  show_text (cr, context, job->frame.aside, "Sans 9", width * 0.5, 2, PANGO_ALIGN_RIGHT,
             width * 0.5);
  if (job->frame.subtitle != NULL)
    show_text (cr, context, job->frame.subtitle, "Sans 9", 0, 20, PANGO_ALIGN_LEFT, width);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, 0, job->header_height - 14);
  cairo_line_to (cr, width, job->header_height - 14);
  cairo_stroke (cr);
}

static void
draw_body_lines (cairo_t *cr,
                 PageJob *job,
                 int      page_nr)
{
  int first = g_array_index (job->page_starts, int, page_nr);
  int last = (guint) page_nr + 1 < job->page_starts->len
             ? g_array_index (job->page_starts, int, page_nr + 1) : G_MAXINT;
  PangoLayoutIter *iter = pango_layout_get_iter (job->body);
  int index = 0;
  int page_top = -1;

  do
    {
      PangoRectangle logical;
      int baseline;

      if (index >= last)
        break;
      if (index >= first)
        {
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          baseline = pango_layout_iter_get_baseline (iter);
          if (page_top < 0)
            page_top = logical.y;
          cairo_move_to (cr, logical.x / (double) PANGO_SCALE,
                         job->header_height + (baseline - page_top) / (double) PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_footer (cairo_t         *cr,
             GtkPrintContext *context,
             PageJob         *job,
             int              page_nr)
{
  double width = gtk_print_context_get_width (context);
  double top = gtk_print_context_get_height (context) - FOOTER_HEIGHT;
  g_autofree char *page_line = g_strdup_printf (_("Page %d of %u"), page_nr + 1,
                                                job->page_starts->len);

  cairo_move_to (cr, 0, top + 8);
  cairo_line_to (cr, width, top + 8);
  cairo_stroke (cr);
  show_text (cr, context, job->frame.footer, "Sans Italic 8", 0, top + 12, PANGO_ALIGN_LEFT,
             width * 0.7);
  show_text (cr, context, page_line, "Sans 8", width * 0.7, top + 12, PANGO_ALIGN_RIGHT,
             width * 0.3);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PageJob           *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_header (cr, context, job);
  draw_body_lines (cr, job, page_nr);
  draw_footer (cr, context, job, page_nr);
}

/* pdf_path NULL shows the print dialog; otherwise exports to that file without one.
 * *printed tells whether it went to the printer or the PDF (FALSE when the person
 * cancelled the dialog). */
gboolean
alcove_page_printer_run (GtkWindow              *parent,
                         const AlcovePageFrame  *frame,
                         const char             *markup,
                         const char             *pdf_path,
                         gboolean               *printed,
                         GError                **error)
{
  return alcove_page_printer_run_with_figures (parent, frame, markup, NULL, pdf_path, printed,
                                               error);
}

gboolean
alcove_page_printer_run_with_figures (GtkWindow              *parent,
                                      const AlcovePageFrame  *frame,
                                      const char             *markup,
                                      GPtrArray              *figures,
                                      const char             *pdf_path,
                                      gboolean               *printed,
                                      GError                **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(PageJob) job = g_new0 (PageJob, 1);
  GtkPrintOperationResult result;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (frame != NULL && markup != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (printed != NULL)
    *printed = FALSE;
  job->frame.job_name = g_strdup (frame->job_name ? frame->job_name : "");
  job->frame.title = g_strdup (frame->title ? frame->title : "");
  job->frame.aside = g_strdup (frame->aside ? frame->aside : "");
  job->frame.subtitle = g_strdup (frame->subtitle);
  job->frame.footer = g_strdup (frame->footer ? frame->footer : "");
  job->markup = g_strdup (markup);
  job->figures = figures != NULL ? g_ptr_array_ref (figures) : NULL;
  job->header_height = frame->subtitle != NULL ? HEADER_HEIGHT_SUBTITLE : HEADER_HEIGHT;

  gtk_print_operation_set_job_name (operation, job->frame.job_name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  if (pdf_path != NULL)
    gtk_print_operation_set_export_filename (operation, pdf_path);
  result = gtk_print_operation_run (operation,
                                    pdf_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                             : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  if (printed != NULL)
    *printed = result == GTK_PRINT_OPERATION_RESULT_APPLY;
  return TRUE;
}
