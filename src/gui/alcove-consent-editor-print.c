/* alcove-consent-editor-print.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-consent-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-consent-editor-private.h"
#include "alcove-consent-template.h"

/* A consent form for wet signature, pre-filled with what the editor holds: the kind's
 * fields, its statements with a box to initial, and lines to sign and date. Laid out like
 * AlcoveNotePrinter: one Pango layout cut into pages, a header with the practice and client,
 * "Confidential" and "Page N of M" at the bottom. Nothing is written to disk unless the
 * person chose a PDF file in the print dialog. */

#define HEADER_HEIGHT 44.0
#define FOOTER_HEIGHT 28.0
#define BLANK         "________________________________"

typedef struct
{
  AlcoveConsent *consent;
  char          *practice;
  char          *client_name;
  PangoLayout   *body;
  GArray        *page_starts;
} FormJob;

static void
form_job_free (FormJob *job)
{
  g_clear_object (&job->consent);
  g_free (job->practice);
  g_free (job->client_name);
  g_clear_object (&job->body);
  g_clear_pointer (&job->page_starts, g_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FormJob, form_job_free)

static void
append_text (GString    *markup,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (markup, escaped);
}

static void
append_line (GString    *markup,
             const char *label,
             const char *value)
{
  g_string_append (markup, "<b>");
  append_text (markup, label);
  g_string_append (markup, ":</b> ");
  append_text (markup, value && *value ? value : BLANK);
  g_string_append (markup, "\n");
}

static void
append_field (GString                          *markup,
              AlcoveConsent                    *consent,
              const AlcoveConsentTemplateField *field)
{
  const char *value = alcove_consent_get_value (consent, field->key);

  if (field->type != ALCOVE_CONSENT_FIELD_CHOICE &&
      field->type != ALCOVE_CONSENT_FIELD_MULTI_CHOICE)
    {
      append_line (markup, field->title, value);
      return;
    }
  g_string_append (markup, "<b>");
  append_text (markup, field->title);
  g_string_append (markup, ":</b>\n");
  for (guint i = 0; i < field->options->len; i++)
    {
      AlcoveConsentOption *option = g_ptr_array_index (field->options, i);
      gboolean chosen = field->type == ALCOVE_CONSENT_FIELD_CHOICE
                        ? g_str_equal (value, option->id)
                        : alcove_consent_value_has_item (consent, field->key, option->id);

      g_string_append (markup, chosen ? "    ☒ " : "    ☐ ");
      append_text (markup, option->title);
      g_string_append (markup, "\n");
    }
}

static char *
form_markup (FormJob *job)
{
  AlcoveConsent *consent = job->consent;
  AlcoveConsentTemplate *template =
    alcove_consent_template_lookup (alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND));
  GString *markup = g_string_new (NULL);
  static const char *signers[] = { N_("The client"), N_("A guardian"),
                                   N_("A personal representative") };

  g_string_append (markup, "<span size='x-large' weight='bold'>");
  append_text (markup, alcove_consent_template_get_name (template));
  g_string_append (markup, "</span>\n<i>");
  append_text (markup, alcove_consent_template_get_description (template));
  g_string_append (markup, "</i>\n\n");
  append_line (markup, _("Client"), job->client_name);
  g_string_append (markup, "\n");

  for (guint i = 0; i < alcove_consent_template_get_n_fields (template); i++)
    append_field (markup, consent, alcove_consent_template_get_field (template, i));

  g_string_append (markup, "\n<b>");
  append_text (markup, _("Please initial each statement once it has been explained to you and"
                         " you understand it."));
  g_string_append (markup, "</b>\n");
  for (guint i = 0; i < alcove_consent_template_get_n_statements (template); i++)
    {
      g_string_append (markup, "____  ");
      append_text (markup, alcove_consent_template_get_statement (template, i)->text);
      g_string_append (markup, "\n\n");
    }

  append_line (markup, _("Valid from"),
               alcove_consent_get_field (consent, ALCOVE_CONSENT_VALID_FROM));
  append_line (markup, _("Expires on (last valid day)"),
               alcove_consent_get_field (consent, ALCOVE_CONSENT_EXPIRES_ON));
  g_string_append (markup, "\n");
  append_line (markup, _("Signed by"), _(signers[alcove_consent_get_signer (consent)]));
  append_line (markup, _("Name"), alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNER_NAME));
  append_line (markup, _("Authority to sign for the client (guardian or representative)"),
               alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNER_AUTHORITY));
  g_string_append (markup, "\n\n");
  append_line (markup, _("Signature"), NULL);
  g_string_append (markup, "\n");
  append_line (markup, _("Date"), NULL);
  if (g_str_equal (alcove_consent_template_get_id (template), ALCOVE_CONSENT_KIND_MINOR))
    {
      g_string_append (markup, "\n\n");
      append_line (markup, _("Client’s signature"), NULL);
      g_string_append (markup, "\n");
      append_line (markup, _("Date"), NULL);
    }
  return g_string_free (markup, FALSE);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                FormJob           *job)
{
  g_autofree char *markup = form_markup (job);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  double body_height = gtk_print_context_get_height (context) - HEADER_HEIGHT - FOOTER_HEIGHT;
  PangoLayoutIter *iter;
  int page_top = 0;
  int index = 0;

  job->body = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->body, font);
  pango_layout_set_width (job->body, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (job->body, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (job->body, markup, -1);

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
              FormJob           *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autofree char *page_line = g_strdup_printf (_("Page %d of %u"), page_nr + 1,
                                                job->page_starts->len);
  int first = g_array_index (job->page_starts, int, page_nr);
  int last = (guint) page_nr + 1 < job->page_starts->len
             ? g_array_index (job->page_starts, int, page_nr + 1) : G_MAXINT;
  PangoLayoutIter *iter;
  int index = 0;
  int page_top = -1;

  cairo_set_source_rgb (cr, 0, 0, 0);
  show_text (cr, context, job->practice, "Sans Bold 11", 0, 0, PANGO_ALIGN_LEFT, width * 0.6);
  show_text (cr, context, job->client_name, "Sans 9", width * 0.6, 2, PANGO_ALIGN_RIGHT,
             width * 0.4);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, 0, HEADER_HEIGHT - 14);
  cairo_line_to (cr, width, HEADER_HEIGHT - 14);
  cairo_stroke (cr);

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

  cairo_move_to (cr, 0, height - FOOTER_HEIGHT + 8);
  cairo_line_to (cr, width, height - FOOTER_HEIGHT + 8);
  cairo_stroke (cr);
  show_text (cr, context, _("Confidential — contains protected health information"),
             "Sans Italic 8", 0, height - FOOTER_HEIGHT + 12, PANGO_ALIGN_LEFT, width * 0.7);
  show_text (cr, context, page_line, "Sans 8", width * 0.7, height - FOOTER_HEIGHT + 12,
             PANGO_ALIGN_RIGHT, width * 0.3);
}

gboolean
alcove_consent_print_form (GtkWindow      *parent,
                           AlcoveConsent  *consent,
                           const char     *practice,
                           const char     *client_name,
                           const char     *pdf_path,
                           GError        **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(FormJob) job = g_new0 (FormJob, 1);
  GtkPrintOperationResult result;

  g_return_val_if_fail (ALCOVE_IS_CONSENT (consent), FALSE);

  job->consent = g_object_ref (consent);
  job->practice = g_strdup (practice ? practice : "");
  job->client_name = g_strdup (client_name ? client_name : "");
  gtk_print_operation_set_job_name (operation, _("Consent form"));
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
