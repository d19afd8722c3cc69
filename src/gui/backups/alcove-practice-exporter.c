/* alcove-practice-exporter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-practice-exporter"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-lists-and-messages.h"
#include "alcove-practice-archive.h"
#include "alcove-practice-exporter.h"

/* "1,204 clients, 310 sessions…": what the archive holds, in the person's words */
static char *
dup_contents_text (const AlcovePracticeArchiveReport *report)
{
  g_autofree char *clients = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client",
                                                           "%u clients", report->clients),
                                              report->clients);
  g_autofree char *sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session",
                                                            "%u sessions", report->sessions),
                                               report->sessions);
  g_autofree char *notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u progress note",
                                                         "%u progress notes", report->notes),
                                            report->notes);
  g_autofree char *documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document",
                                                             "%u documents",
                                                             report->documents),
                                                report->documents);

  /* Translators: what an exported practice holds: "12 clients, 80 sessions, 75 progress
   * notes and 4 documents" */
  return g_strdup_printf (_("%s, %s, %s and %s"), clients, sessions, notes, documents);
}

static char *
dup_result_text (const AlcovePracticeArchiveReport *report,
                 GFile                             *destination)
{
  g_autofree char *contents = dup_contents_text (report);
  g_autofree char *name = g_file_get_basename (destination);
  GString *text = g_string_new (NULL);

  /* Translators: the first %s is a file name, the second what it holds */
  g_string_append_printf (text, _("%s holds %s, with their consents, disclosures, plans and "
                                  "measures."), name, contents);
  if (report->stores_left_out != NULL && report->stores_left_out[0] != NULL)
    {
      g_autofree char *people = g_strjoinv (", ", report->stores_left_out);

      g_string_append (text, "\n\n");
      /* Translators: %s is a list of user names */
      g_string_append_printf (text, _("The notes of %s are not in it: only their author, or "
                                      "the recovery key, opens them. To include every "
                                      "clinician’s notes, export with the recovery key in a "
                                      "terminal (alcovectl export-practice "
                                      "--recovery-key-stdin)."),
                              people);
    }
  g_string_append (text, "\n\n");
  g_string_append (text, _("Anyone with this file can read it. Keep it on an encrypted disk, "
                           "and delete it once the practice’s new system has it."));
  return g_string_free (text, FALSE);
}

static void
show_result (GtkWindow                         *parent,
             const AlcovePracticeArchiveReport *report,
             GFile                             *destination)
{
  g_autofree char *body = dup_result_text (report, destination);
  AdwMessageDialog *done;

  done = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Practice Exported"), body));
  adw_message_dialog_add_response (done, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (done));
}

typedef struct
{
  GtkWindow        *parent;
  GFile            *destination;
  AdwMessageDialog *progress;     /* while it is written; its Cancel stops it */
  GCancellable     *cancellable;
} Writing;

static void
writing_free (Writing *writing)
{
  g_clear_object (&writing->parent);
  g_clear_object (&writing->destination);
  g_clear_object (&writing->cancellable);
  g_free (writing);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Writing *writing = user_data;
  AlcovePracticeArchiveReport report = { 0 };
  g_autoptr(GError) error = NULL;

  if (writing->progress != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (writing->progress), (gpointer *) &writing->progress);
      gtk_window_destroy (GTK_WINDOW (writing->progress));
    }
  if (alcove_practice_export_finish (ALCOVE_VAULT (source), result, &report, &error))
    show_result (writing->parent, &report, writing->destination);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    alcove_message_error_dialog (GTK_WIDGET (writing->parent), _("The Practice Was Not Exported"),
                                 error->message);
  alcove_practice_archive_report_clear (&report);
  writing_free (writing);
}

static void
progress_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GCancellable     *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static AdwMessageDialog *
show_progress (GtkWindow    *parent,
               GCancellable *cancellable)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Exporting the Practice…"),
                                                       _("A large practice takes a moment. "
                                                         "Cancel leaves no file behind.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (progress_response_cb), cancellable,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
alcove_practice_exporter_write_to (GtkWindow   *parent,
                                   AlcoveVault *vault,
                                   GFile       *destination)
{
  Writing *writing;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ALCOVE_IS_VAULT (vault));
  g_return_if_fail (G_IS_FILE (destination));

  writing = g_new0 (Writing, 1);
  writing->parent = g_object_ref (parent);
  writing->destination = g_object_ref (destination);
  writing->cancellable = g_cancellable_new ();
  writing->progress = show_progress (parent, writing->cancellable);
  g_object_add_weak_pointer (G_OBJECT (writing->progress), (gpointer *) &writing->progress);
  alcove_practice_export_async (vault, destination, writing->cancellable, written_cb, writing);
}

static void
destination_chosen_cb (GtkWindow *parent,
                       GFile     *file,
                       gpointer   vault)
{
  alcove_practice_exporter_write_to (parent, vault, file);
}

void
alcove_practice_exporter_run (GtkWindow   *parent,
                              AlcoveVault *vault)
{
  g_autofree char *today = alcove_date_today_iso ();
  /* Translators: the file name offered for an exported practice; keep ".zip" */
  g_autofree char *name = g_strdup_printf (_("practice-export-%s.zip"), today);

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ALCOVE_IS_VAULT (vault));

  alcove_export_warn_and_choose (
    parent, _("Export the Whole Practice?"),
    _("Alcove writes every client, session, progress note, addendum, consent, disclosure, "
      "treatment plan, measure and document to one ZIP file of CSV tables, for another "
      "system to import. Psychotherapy notes are never in it.\n\n"
      "The file is not encrypted: anyone who has it can read every record. Save it only to "
      "an encrypted disk, and delete it once it has been imported. The export is recorded in "
      "the audit log."),
    ADW_RESPONSE_DESTRUCTIVE, _("Export the Whole Practice"), name, destination_chosen_cb,
    g_object_ref (vault), g_object_unref);
}
