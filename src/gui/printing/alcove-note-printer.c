/* alcove-note-printer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-printer"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-note-printer.h"
#include "alcove-page-printer.h"
#include "alcove-print-markup.h"

/* The notes are composed as Pango markup and printed through AlcovePagePrinter. Every
 * page carries the practice, the clinicians and the client at the
 * top, and "Confidential" and "Page N of M" at the bottom. */

static char *
collect_clinicians (AlcoveNoteStore *notes,
                    GPtrArray       *to_print)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < to_print->len; i++)
    {
      AlcoveNote *note = g_ptr_array_index (to_print, i);
      g_autofree char *name = alcove_note_store_dup_author_name (notes,
                                                                 alcove_note_get_author (note));

      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static char *
client_line (AlcoveClient *client)
{
  const char *dob = alcove_client_get_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH);
  g_autofree char *born = alcove_date_format (dob);

  return dob && *dob ? g_strdup_printf (_("Client: %s · Date of birth %s"),
                                        alcove_client_get_display_name (client), born)
                     : g_strdup_printf (_("Client: %s"), alcove_client_get_display_name (client));
}

/* The pages of the record: the practice, byline and client at the top, "Confidential" and
 * "Page N of M" at the bottom; with drafts among the notes, every page says so */
static gboolean
print_record_pages (GtkWindow     *parent,
                    AlcoveVault   *vault,
                    AlcoveClient  *client,
                    const char    *byline,
                    const char    *job_name,
                    const char    *markup,
                    GPtrArray     *figures,
                    gboolean       drafts,
                    const char    *pdf_path,
                    gboolean      *printed,
                    GError       **error)
{
  g_autofree char *subtitle = client_line (client);
  AlcovePageFrame frame = {
    .job_name = job_name,
    .title = alcove_vault_get_practice_name (vault),
    .aside = byline,
    .subtitle = subtitle,
    .footer = drafts ? _("Includes drafts that are not signed · Confidential — contains "
                         "protected health information")
                     : _("Confidential — contains protected health information"),
  };

  return alcove_page_printer_run_with_figures (parent, &frame, markup, figures, pdf_path,
                                               printed, error);
}

gboolean
alcove_note_printer_run (GtkWindow        *parent,
                         AlcoveNoteStore  *notes,
                         AlcoveClient     *client,
                         GListModel       *notes_to_print,
                         const char       *pdf_path,
                         GError          **error)
{
  return alcove_note_printer_run_record (parent, notes, client, NULL, NULL, notes_to_print, pdf_path,
                                         NULL, error);
}

/* The same, after `preface` (Pango markup: the problem list and treatment plans the caller
 * composed and audits), which may stand alone */
gboolean
alcove_note_printer_run_record (GtkWindow        *parent,
                                AlcoveNoteStore  *notes,
                                AlcoveClient     *client,
                                const char       *preface,
                                GPtrArray        *figures,
                                GListModel       *notes_to_print,
                                const char       *pdf_path,
                                gboolean         *printed_out,
                                GError          **error)
{
  g_autoptr(GPtrArray) to_print = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) markup = g_string_new (preface);
  g_autofree char *clinicians = NULL;
  gboolean printed;
  gboolean drafts = FALSE;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), FALSE);
  g_return_val_if_fail (ALCOVE_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (notes_to_print), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (notes_to_print); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (notes_to_print, i);

      /* psychotherapy notes stay out of the record, and off paper */
      if (!alcove_note_is_private (note))
        g_ptr_array_add (to_print, g_steal_pointer (&note));
    }
  if (to_print->len == 0 && (preface == NULL || *preface == '\0'))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is nothing to print: psychotherapy notes are never printed"));
      return FALSE;
    }
  for (guint i = 0; i < to_print->len; i++)
    alcove_print_markup_append_note (markup, notes, g_ptr_array_index (to_print, i),
                                     ALCOVE_NOTE_MARKUP_RECORD, NULL);
  clinicians = collect_clinicians (notes, to_print);

  for (guint i = 0; i < to_print->len; i++)
    drafts |= alcove_note_get_status (g_ptr_array_index (to_print, i)) != ALCOVE_NOTE_SIGNED;
  if (!print_record_pages (parent, alcove_client_store_get_vault (alcove_note_store_get_clients (notes)),
                           client, clinicians, _("Clinical notes"), markup->str, figures, drafts, pdf_path,
                           &printed, error))
    return FALSE;
  if (printed_out != NULL)
    *printed_out = printed;
  if (printed && to_print->len > 0)
    {
      /* one note, or the client's record */
      if (to_print->len == 1 && g_list_model_get_n_items (notes_to_print) == 1 && preface == NULL)
        alcove_note_store_record_print (notes, alcove_note_get_id (g_ptr_array_index (to_print, 0)),
                                        FALSE);
      else
        alcove_note_store_record_print (notes, alcove_client_get_id (client), TRUE);
    }
  return TRUE;
}

/* Prints content the caller composed (Pango markup) on the same pages as notes. Sharing
 * uses it to print exactly what was chosen. Not audited here: the caller records what it
 * printed. *printed tells whether it went to the printer or the PDF (FALSE when the
 * person cancelled the print dialog). */
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
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (ALCOVE_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (markup != NULL, FALSE);

  return print_record_pages (parent, vault, client, byline,
                             job_name ? job_name : _("Clinical notes"), markup, NULL, FALSE, pdf_path,
                             printed, error);
}
