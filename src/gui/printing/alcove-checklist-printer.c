/* alcove-checklist-printer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-checklist-printer"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-checklist-printer.h"
#include "alcove-checklist.h"
#include "alcove-page-printer.h"
#include "alcove-print-markup.h"

/* The report is Pango markup printed through AlcovePagePrinter. Its header names the
 * practice and the day; its footer carries "Page N of M". Nothing in it comes from a client's
 * record: the items hold counts only. */

char *
alcove_checklist_printer_dup_markup (const char  *practice,
                                     GPtrArray   *items,
                                     const GDate *today)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *day = alcove_date_format_gdate (today);
  g_autofree char *score = NULL;
  g_autofree char *checked = NULL;

  g_return_val_if_fail (items != NULL, NULL);

  score = g_strdup_printf (_("%u of %u current"), alcove_checklist_count_current (items),
                           items->len);
  /* Translators: %s is the practice's name */
  checked = g_strdup_printf (_("Privacy checklist of %s"), practice ? practice : "");
  g_string_append (markup, "<span size=\"x-large\" weight=\"bold\">");
  alcove_print_markup_append_text (markup, checked);
  g_string_append (markup, "</span>\n");
  alcove_print_markup_append_field (markup, _("Checked on:"), day);
  alcove_print_markup_append_field (markup, _("Score:"), score);
  g_string_append (markup, "\n");

  for (guint i = 0; i < items->len; i++)
    {
      AlcoveChecklistItem *item = g_ptr_array_index (items, i);
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, item->definition->title);
      g_autofree char *interval = alcove_checklist_describe_interval (item->interval_days);
      g_autofree char *due = alcove_date_format_gdate (&item->due);

      g_string_append (markup, "<b>");
      alcove_print_markup_append_text (markup, heading);
      g_string_append (markup, "</b>\n");
      alcove_print_markup_append_field (markup, _("Status:"),
                                        alcove_checklist_status_get_title (item->status));
      alcove_print_markup_append_field (markup, _("How judged:"), item->definition->how);
      alcove_print_markup_append_field (markup, _("Review interval:"), interval);
      if (*due != '\0')
        alcove_print_markup_append_field (markup, _("Next due:"), due);
      alcove_print_markup_append_field (markup, _("Finding:"), item->reason);
      alcove_print_markup_append_field (markup, _("Evidence:"), item->evidence);
      g_string_append (markup, "\n");
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

gboolean
alcove_checklist_printer_run (GtkWindow   *parent,
                              const char  *practice,
                              GPtrArray   *items,
                              const GDate *today,
                              const char  *pdf_path,
                              GError     **error)
{
  g_autofree char *day = NULL;
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  AlcovePageFrame frame = {
    .job_name = _("Privacy compliance report"),
    .title = practice,
    .footer = _("Practice safeguards only — no client information"),
  };

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (items != NULL && today != NULL, FALSE);

  day = alcove_date_format_gdate (today);
  title = g_strdup_printf (_("Compliance report · %s"), day);
  frame.aside = title;
  markup = alcove_checklist_printer_dup_markup (practice, items, today);
  return alcove_page_printer_run (parent, &frame, markup, pdf_path, NULL, error);
}
