/* alcove-note-printer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-printer"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-note-format.h"
#include "alcove-note-printer.h"
#include "alcove-page-printer.h"

/* The notes are composed as Pango markup and printed through AlcovePagePrinter. Every
 * page carries the practice, the clinicians and the client at the
 * top, and "Confidential" and "Page N of M" at the bottom. */

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
append_note (AlcoveNoteStore *notes,
             AlcoveNote      *note,
             GString         *markup)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  AlcoveClientStore *clients = alcove_note_store_get_clients (notes);
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
      g_autofree char *name = alcove_note_store_dup_author_name (notes,
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
      g_autofree char *author = alcove_note_store_dup_author_name (notes, addendum->author);
      g_autofree char *heading = g_strdup_printf (_("Addendum, %s, by %s"), when, author);

      g_string_append (markup, "\n<b>");
      append_text (markup, heading);
      g_string_append (markup, "</b>\n");
      append_text (markup, addendum->text);
      g_string_append (markup, "\n");
    }
  g_string_append (markup, "\n\n");
}

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

  return dob && *dob ? g_strdup_printf (_("Client: %s · Date of birth %s"),
                                        alcove_client_get_display_name (client), dob)
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

  return alcove_page_printer_run (parent, &frame, markup, pdf_path, printed, error);
}

gboolean
alcove_note_printer_run (GtkWindow        *parent,
                         AlcoveNoteStore  *notes,
                         AlcoveClient     *client,
                         GListModel       *notes_to_print,
                         const char       *pdf_path,
                         GError          **error)
{
  g_autoptr(GPtrArray) to_print = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) markup = g_string_new (NULL);
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
  if (to_print->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is nothing to print: psychotherapy notes are never printed"));
      return FALSE;
    }
  for (guint i = 0; i < to_print->len; i++)
    append_note (notes, g_ptr_array_index (to_print, i), markup);
  clinicians = collect_clinicians (notes, to_print);

  for (guint i = 0; i < to_print->len; i++)
    drafts |= alcove_note_get_status (g_ptr_array_index (to_print, i)) != ALCOVE_NOTE_SIGNED;
  if (!print_record_pages (parent, alcove_client_store_get_vault (alcove_note_store_get_clients (notes)),
                           client, clinicians, _("Clinical notes"), markup->str, drafts, pdf_path,
                           &printed, error))
    return FALSE;
  if (printed)
    {
      /* one note, or the client's record */
      if (to_print->len == 1 && g_list_model_get_n_items (notes_to_print) == 1)
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
                             job_name ? job_name : _("Clinical notes"), markup, FALSE, pdf_path,
                             printed, error);
}
