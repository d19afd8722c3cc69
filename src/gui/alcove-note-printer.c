/* alcove-note-printer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-printer"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-note-format.h"
#include "alcove-note-printer.h"

/* The notes are laid out as one Pango layout the width of the page body, then cut into
 * pages line by line. Every page carries the practice, the clinicians and the client at the
 * top, and "Confidential" and "Page N of M" at the bottom. */

#define HEADER_HEIGHT 58.0
#define FOOTER_HEIGHT 30.0

typedef struct
{
  AlcoveNoteStore *notes;
  AlcoveClient    *client;
  GPtrArray       *to_print;     /* AlcoveNote, private notes left out */
  char            *practice;
  char            *clinicians;
  PangoLayout     *body;
  GArray          *page_starts;  /* index of the first line of each page */
  char            *markup;       /* composed by the caller instead of to_print, or NULL */
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->notes);
  g_clear_object (&job->client);
  g_clear_pointer (&job->to_print, g_ptr_array_unref);
  g_clear_pointer (&job->practice, g_free);
  g_clear_pointer (&job->clinicians, g_free);
  g_clear_object (&job->body);
  g_clear_pointer (&job->page_starts, g_array_unref);
  g_clear_pointer (&job->markup, g_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrintJob, print_job_free)

static char *
format_time (gint64 ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, _("%-d %B %Y, %H:%M")) : g_strdup ("");
}

static void
append_text (GString    *markup,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (markup, escaped);
}

static void
append_note (PrintJob   *job,
             AlcoveNote *note,
             GString    *markup)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  AlcoveClientStore *clients = alcove_note_store_get_clients (job->notes);
  g_autoptr(GList) parts = g_list_sort (g_hash_table_get_keys (alcove_note_get_parts (note)),
                                        (GCompareFunc) g_strcmp0);
  GPtrArray *addenda = alcove_note_get_addenda (note);
  g_autofree char *title = g_strdup_printf (_("%s note — session of %s"),
                                            format ? alcove_note_format_get_name (format) : "",
                                            alcove_note_get_session_date (note));

  g_string_append (markup, "<span size=\"large\" weight=\"bold\">");
  append_text (markup, title);
  g_string_append (markup, "</span>\n\n");
  for (guint i = 0; format != NULL && i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);

      g_string_append (markup, "<b>");
      append_text (markup, section->title);
      g_string_append (markup, "</b>\n");
      append_text (markup, alcove_note_get_section (note, section->key));
      g_string_append (markup, "\n\n");
    }
  for (GList *l = parts; l != NULL; l = l->next)
    {
      AlcoveClient *member = alcove_client_store_lookup (clients, l->data);

      g_string_append (markup, "<b>");
      append_text (markup, member ? alcove_client_get_display_name (member) : _("Former attendee"));
      g_string_append (markup, "</b>\n");
      append_text (markup, alcove_note_get_part (note, l->data));
      g_string_append (markup, "\n\n");
    }

  g_string_append (markup, "<i>");
  if (alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED)
    {
      g_autofree char *name = alcove_note_store_dup_author_name (job->notes,
                                                                 alcove_note_get_signed_by (note));
      g_autofree char *when = format_time (alcove_note_get_signed_ms (note));
      g_autofree char *fingerprint = alcove_note_dup_fingerprint (note);
      g_autofree char *line = g_strdup_printf (_("Signed by %s on %s · Fingerprint %s"), name,
                                               when, fingerprint);

      append_text (markup, line);
    }
  else
    append_text (markup, _("Draft — not signed"));
  g_string_append (markup, "</i>\n");

  for (guint i = 0; i < addenda->len; i++)
    {
      AlcoveAddendum *addendum = g_ptr_array_index (addenda, i);
      g_autofree char *when = format_time (addendum->created_ms);
      g_autofree char *author = alcove_note_store_dup_author_name (job->notes, addendum->author);
      g_autofree char *heading = g_strdup_printf (_("Addendum, %s, by %s"), when, author);

      g_string_append (markup, "\n<b>");
      append_text (markup, heading);
      g_string_append (markup, "</b>\n");
      append_text (markup, addendum->text);
      g_string_append (markup, "\n");
    }
  g_string_append (markup, "\n\n");
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  double body_height = gtk_print_context_get_height (context) - HEADER_HEIGHT - FOOTER_HEIGHT;
  PangoLayoutIter *iter;
  int page_top = 0;
  int index = 0;

  if (job->markup != NULL)
    g_string_append (markup, job->markup);
  for (guint i = 0; job->to_print != NULL && i < job->to_print->len; i++)
    append_note (job, g_ptr_array_index (job->to_print, i), markup);

  job->body = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->body, font);
  pango_layout_set_width (job->body, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (job->body, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (job->body, markup->str, -1);

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
show_text (cairo_t              *cr,
           GtkPrintContext      *context,
           const char           *text,
           const char           *font_name,
           double                x,
           double                y,
           PangoAlignment        alignment,
           double                width)
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
  const char *dob = alcove_client_get_field (job->client, ALCOVE_CLIENT_DATE_OF_BIRTH);
  g_autofree char *client_line = NULL;
  g_autofree char *page_line = NULL;
  int first = g_array_index (job->page_starts, int, page_nr);
  int last = (guint) page_nr + 1 < job->page_starts->len
             ? g_array_index (job->page_starts, int, page_nr + 1) : G_MAXINT;
  PangoLayoutIter *iter;
  int index = 0;
  int page_top = -1;

  /* header */
  cairo_set_source_rgb (cr, 0, 0, 0);
  show_text (cr, context, job->practice, "Sans Bold 11", 0, 0, PANGO_ALIGN_LEFT, width * 0.5);
  show_text (cr, context, job->clinicians, "Sans 9", width * 0.5, 2, PANGO_ALIGN_RIGHT,
             width * 0.5);
  client_line = dob && *dob ? g_strdup_printf (_("Client: %s · Date of birth %s"),
                                               alcove_client_get_display_name (job->client), dob)
                            : g_strdup_printf (_("Client: %s"),
                                               alcove_client_get_display_name (job->client));
  show_text (cr, context, client_line, "Sans 9", 0, 20, PANGO_ALIGN_LEFT, width);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, 0, HEADER_HEIGHT - 14);
  cairo_line_to (cr, width, HEADER_HEIGHT - 14);
  cairo_stroke (cr);

  /* body lines of this page */
  iter = pango_layout_get_iter (job->body);
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
                         HEADER_HEIGHT + (baseline - page_top) / (double) PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  /* footer */
  cairo_move_to (cr, 0, height - FOOTER_HEIGHT + 8);
  cairo_line_to (cr, width, height - FOOTER_HEIGHT + 8);
  cairo_stroke (cr);
  show_text (cr, context, _("Confidential — contains protected health information"),
             "Sans Italic 8", 0, height - FOOTER_HEIGHT + 12, PANGO_ALIGN_LEFT, width * 0.7);
  page_line = g_strdup_printf (_("Page %d of %u"), page_nr + 1, job->page_starts->len);
  show_text (cr, context, page_line, "Sans 8", width * 0.7, height - FOOTER_HEIGHT + 12,
             PANGO_ALIGN_RIGHT, width * 0.3);
}

static char *
collect_clinicians (PrintJob *job)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < job->to_print->len; i++)
    {
      AlcoveNote *note = g_ptr_array_index (job->to_print, i);
      g_autofree char *name = alcove_note_store_dup_author_name (job->notes,
                                                                 alcove_note_get_author (note));

      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

gboolean
alcove_note_printer_run (GtkWindow        *parent,
                         AlcoveNoteStore  *notes,
                         AlcoveClient     *client,
                         GListModel       *notes_to_print,
                         const char       *pdf_path,
                         GError          **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(PrintJob) job = g_new0 (PrintJob, 1);
  AlcoveVault *vault;
  GtkPrintOperationResult result;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), FALSE);
  g_return_val_if_fail (ALCOVE_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (notes_to_print), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  vault = alcove_client_store_get_vault (alcove_note_store_get_clients (notes));
  job->notes = g_object_ref (notes);
  job->client = g_object_ref (client);
  job->to_print = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (notes_to_print); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (notes_to_print, i);

      /* psychotherapy notes stay out of the record, and off paper */
      if (!alcove_note_is_private (note))
        g_ptr_array_add (job->to_print, g_steal_pointer (&note));
    }
  if (job->to_print->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is nothing to print: psychotherapy notes are never printed"));
      return FALSE;
    }
  job->practice = g_strdup (alcove_vault_get_practice_name (vault));
  job->clinicians = collect_clinicians (job);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, _("Clinical notes"));
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
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      /* one note, or the client's record */
      if (job->to_print->len == 1 && g_list_model_get_n_items (notes_to_print) == 1)
        alcove_note_store_record_print (notes, alcove_note_get_id (g_ptr_array_index (job->to_print, 0)),
                                        FALSE);
      else
        alcove_note_store_record_print (notes, alcove_client_get_id (client), TRUE);
    }
  return TRUE;
}

/* Prints content the caller composed (Pango markup) on the same pages as notes: the
 * practice, byline and client at the top, "Confidential" and "Page N of M" at the bottom.
 * Sharing uses it to print exactly what was chosen. Not audited here: the caller records
 * what it printed. *printed tells whether it went to the printer or the PDF (FALSE when
 * the person cancelled the print dialog). */
gboolean
alcove_note_printer_run_markup (GtkWindow     *parent,
                                AlcoveVault   *vault,
                                AlcoveClient  *client,
                                const char    *byline,
                                const char    *job_name,
                                const char    *markup,
                                const char    *pdf_path,
                                gboolean      *printed,
                                GError       **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(PrintJob) job = g_new0 (PrintJob, 1);
  GtkPrintOperationResult result;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (ALCOVE_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (markup != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (printed != NULL)
    *printed = FALSE;
  job->client = g_object_ref (client);
  job->markup = g_strdup (markup);
  job->practice = g_strdup (alcove_vault_get_practice_name (vault));
  job->clinicians = g_strdup (byline ? byline : "");

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, job_name ? job_name : _("Clinical notes"));
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
