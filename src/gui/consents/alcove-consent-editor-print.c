/* alcove-consent-editor-print.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-consent-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-consent-editor-private.h"
#include "alcove-consent-template.h"
#include "alcove-page-printer.h"
#include "alcove-print-markup.h"

/* A consent form for wet signature, pre-filled with what the editor holds: the kind's
 * fields, its statements with a box to initial, and lines to sign and date, printed through
 * AlcovePagePrinter with the practice and client at the top, "Confidential" and "Page N of
 * M" at the bottom. Nothing is written to disk unless the
 * person chose a PDF file in the print dialog. */

#define BLANK "________________________________"

static void
append_line (GString    *markup,
             const char *label,
             const char *value)
{
  g_string_append (markup, "<b>");
  alcove_print_markup_append_text (markup, label);
  g_string_append (markup, ":</b> ");
  alcove_print_markup_append_text (markup, value && *value ? value : BLANK);
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
  alcove_print_markup_append_text (markup, field->title);
  g_string_append (markup, ":</b>\n");
  for (guint i = 0; i < field->options->len; i++)
    {
      AlcoveConsentOption *option = g_ptr_array_index (field->options, i);
      gboolean chosen = field->type == ALCOVE_CONSENT_FIELD_CHOICE
                        ? g_str_equal (value, option->id)
                        : alcove_consent_value_has_item (consent, field->key, option->id);

      g_string_append (markup, chosen ? "    ☒ " : "    ☐ ");
      alcove_print_markup_append_text (markup, option->title);
      g_string_append (markup, "\n");
    }
}

static char *
form_markup (AlcoveConsent *consent,
             const char    *client_name)
{
  AlcoveConsentTemplate *template =
    alcove_consent_template_lookup (alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND));
  GString *markup = g_string_new (NULL);
  g_autofree char *valid_from =
    alcove_date_format (alcove_consent_get_field (consent, ALCOVE_CONSENT_VALID_FROM));
  g_autofree char *expires_on =
    alcove_date_format (alcove_consent_get_field (consent, ALCOVE_CONSENT_EXPIRES_ON));
  static const char *signers[] = { N_("The client"), N_("A guardian"),
                                   N_("A personal representative") };

  g_string_append (markup, "<span size='x-large' weight='bold'>");
  alcove_print_markup_append_text (markup, alcove_consent_template_get_name (template));
  g_string_append (markup, "</span>\n<i>");
  alcove_print_markup_append_text (markup, alcove_consent_template_get_description (template));
  g_string_append (markup, "</i>\n\n");
  append_line (markup, _("Client"), client_name);
  g_string_append (markup, "\n");

  for (guint i = 0; i < alcove_consent_template_get_n_fields (template); i++)
    append_field (markup, consent, alcove_consent_template_get_field (template, i));

  g_string_append (markup, "\n<b>");
  alcove_print_markup_append_text (markup, _("Please initial each statement once it has been "
                                             "explained to you and you understand it."));
  g_string_append (markup, "</b>\n");
  for (guint i = 0; i < alcove_consent_template_get_n_statements (template); i++)
    {
      g_string_append (markup, "____  ");
      alcove_print_markup_append_text (markup,
                                       alcove_consent_template_get_statement (template, i)->text);
      g_string_append (markup, "\n\n");
    }

  append_line (markup, _("Valid from"), valid_from);
  append_line (markup, _("Expires on (last valid day)"), expires_on);
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

gboolean
alcove_consent_print_form (GtkWindow      *parent,
                           AlcoveConsent  *consent,
                           const char     *practice,
                           const char     *client_name,
                           const char     *pdf_path,
                           gboolean       *printed,
                           GError        **error)
{
  g_autofree char *markup = NULL;
  AlcovePageFrame frame = {
    .job_name = _("Consent form"),
    .title = practice,
    .aside = client_name,
    .footer = _("Confidential — contains protected health information"),
  };

  g_return_val_if_fail (ALCOVE_IS_CONSENT (consent), FALSE);

  markup = form_markup (consent, client_name ? client_name : "");
  return alcove_page_printer_run (parent, &frame, markup, pdf_path, printed, error);
}
