/* alcove-checklist-printer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-checklist-printer"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-checklist-printer.h"
#include "alcove-checklist.h"

/* The report is one Pango layout the width of the page, cut into pages line by line, as
 * AlcoveNotePrinter does. Its header names the practice and the day; its footer carries
 * "Page N of M". Nothing in it comes from a client's record: the items hold counts only. */

#define HEADER_HEIGHT 40.0
#define FOOTER_HEIGHT 30.0

typedef struct
{
  char        *practice;
  char        *markup;
  char        *day;
  PangoLayout *body;
  GArray      *page_starts;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_free (job->practice);
  g_free (job->markup);
  g_free (job->day);
  g_clear_object (&job->body);
  g_clear_pointer (&job->page_starts, g_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrintJob, print_job_free)

static void
append_escaped (GString    *markup,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (markup, escaped);
}

static void
append_line (GString    *markup,
             const char *label,
             const char *value)
{
  g_string_append (markup, "<i>");
  append_escaped (markup, label);
  g_string_append (markup, "</i> ");
  append_escaped (markup, value);
  g_string_append (markup, "\n");
}

char *
alcove_checklist_printer_dup_markup (const char  *practice,
                                     GPtrArray   *items,
                                     const GDate *today)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *day = alcove_checklist_format_day (today);
  g_autofree char *score = NULL;
  g_autofree char *checked = NULL;

  g_return_val_if_fail (items != NULL, NULL);

  score = g_strdup_printf (_("%u of %u current"), alcove_checklist_count_current (items),
                           items->len);
  /* Translators: %s is the practice's name */
  checked = g_strdup_printf (_("Privacy checklist of %s"), practice ? practice : "");
  g_string_append (markup, "<span size=\"x-large\" weight=\"bold\">");
  append_escaped (markup, checked);
  g_string_append (markup, "</span>\n");
  append_line (markup, _("Checked on:"), day);
  append_line (markup, _("Score:"), score);
  g_string_append (markup, "\n");

  for (guint i = 0; i < items->len; i++)
    {
      AlcoveChecklistItem *item = g_ptr_array_index (items, i);
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, item->definition->title);
      g_autofree char *interval = alcove_checklist_describe_interval (item->interval_days);
      g_autofree char *due = alcove_checklist_format_day (&item->due);

      g_string_append (markup, "<b>");
      append_escaped (markup, heading);
      g_string_append (markup, "</b>\n");
      append_line (markup, _("Status:"), alcove_checklist_status_get_title (item->status));
      append_line (markup, _("How judged:"), item->definition->how);
      append_line (markup, _("Review interval:"), interval);
      if (*due != '\0')
        append_line (markup, _("Next due:"), due);
      append_line (markup, _("Finding:"), item->reason);
      append_line (markup, _("Evidence:"), item->evidence);
      g_string_append (markup, "\n");
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  double body_height = gtk_print_context_get_height (context) - HEADER_HEIGHT - FOOTER_HEIGHT;
  PangoLayoutIter *iter;
  int page_top = 0;
  int index = 0;

  job->body = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->body, font);
  pango_layout_set_width (job->body, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (job->body, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (job->body, job->markup, -1);

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
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  int first = g_array_index (job->page_starts, int, page_nr);
  int last = (guint) page_nr + 1 < job->page_starts->len
             ? g_array_index (job->page_starts, int, page_nr + 1) : G_MAXINT;
  g_autofree char *page_line = NULL;
  g_autofree char *title = g_strdup_printf (_("Compliance report · %s"), job->day);
  PangoLayoutIter *iter;
  int index = 0;
  int page_top = -1;

  cairo_set_source_rgb (cr, 0, 0, 0);
  show_text (cr, context, job->practice, "Sans Bold 11", 0, 0, PANGO_ALIGN_LEFT, width * 0.6);
  show_text (cr, context, title, "Sans 9", width * 0.6, 2, PANGO_ALIGN_RIGHT, width * 0.4);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, 0, HEADER_HEIGHT - 14);
  cairo_line_to (cr, width, HEADER_HEIGHT - 14);
  cairo_stroke (cr);

  iter = pango_layout_get_iter (job->body);
  do
    {
      if (index >= last)
        break;
      if (index >= first)
        {
          PangoRectangle logical;
          int baseline;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          baseline = pango_layout_iter_get_baseline (iter);
          if (page_top < 0)
            page_top = logical.y;
          cairo_move_to (cr, logical.x / (double) PANGO_SCALE,
                         HEADER_HEIGHT + (baseline - page_top) / (double) PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  cairo_move_to (cr, 0, height - FOOTER_HEIGHT + 8);
  cairo_line_to (cr, width, height - FOOTER_HEIGHT + 8);
  cairo_stroke (cr);
  show_text (cr, context, _("Practice safeguards only — no client information"),
             "Sans Italic 8", 0, height - FOOTER_HEIGHT + 12, PANGO_ALIGN_LEFT, width * 0.7);
  page_line = g_strdup_printf (_("Page %d of %u"), page_nr + 1, job->page_starts->len);
  show_text (cr, context, page_line, "Sans 8", width * 0.7, height - FOOTER_HEIGHT + 12,
             PANGO_ALIGN_RIGHT, width * 0.3);
}

gboolean
alcove_checklist_printer_run (GtkWindow   *parent,
                              const char  *practice,
                              GPtrArray   *items,
                              const GDate *today,
                              const char  *pdf_path,
                              GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(PrintJob) job = g_new0 (PrintJob, 1);
  GtkPrintOperationResult result;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (items != NULL && today != NULL, FALSE);

  job->practice = g_strdup (practice ? practice : "");
  job->day = alcove_checklist_format_day (today);
  job->markup = alcove_checklist_printer_dup_markup (practice, items, today);

  gtk_print_operation_set_job_name (operation, _("Privacy compliance report"));
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
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
