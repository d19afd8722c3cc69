/* alcove-record-exporter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-record-exporter"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-fhir-export.h"
#include "alcove-lists-and-messages.h"
#include "alcove-record-exporter.h"

typedef struct
{
  AlcoveWorkspace *workspace;
  char            *client_id;
} Exporting;

static void
exporting_free (Exporting *exporting)
{
  g_clear_object (&exporting->workspace);
  g_free (exporting->client_id);
  g_free (exporting);
}

/* One line a kind of entry: counts in a sentence would need a plural form each */
static char *
dup_result_text (GFile                  *destination,
                 const AlcoveFhirCounts *counts)
{
  g_autofree char *name = g_file_get_basename (destination);
  GString *text = g_string_new (NULL);

  /* Translators: %s is the name of the file written */
  g_string_append_printf (text, _("%s holds, in FHIR R4:"), name);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Sessions: %u"), counts->n_encounters);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Diagnoses: %u"), counts->n_conditions);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Treatment plans: %u"), counts->n_care_plans);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Signed progress notes: %u"), counts->n_documents);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Attached documents: %u"), counts->n_attachments);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Consents: %u"), counts->n_consents);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Outcome measures: %u"), counts->n_questionnaire_responses);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Disclosures logged: %u"), counts->n_audit_events);
  g_string_append (text, "\n\n");
  g_string_append (text, _("Anyone with this file can read it. Send it only by a safe route, "
                           "and delete your copy once it has been received."));
  return g_string_free (text, FALSE);
}

gboolean
alcove_record_exporter_write_to (GtkWindow       *parent,
                                 AlcoveWorkspace *workspace,
                                 const char      *client_id,
                                 GFile           *destination)
{
  AlcoveFhirCounts counts = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bundle = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *done;
  gsize size;
  const char *data;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  path = g_file_get_path (destination);
  bundle = alcove_fhir_export_client (alcove_workspace_get_notes (workspace),
                                      alcove_workspace_get_consents (workspace),
                                      alcove_workspace_get_disclosures (workspace), client_id,
                                      &counts, &error);
  if (bundle != NULL && path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Choose a file on this computer for the record"));
  data = bundle != NULL ? g_bytes_get_data (bundle, &size) : NULL;
  if (error != NULL ||
      !g_file_set_contents_full (path, data, size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    {
      alcove_message_error_dialog (GTK_WIDGET (parent), _("The Record Was Not Exported"),
                                   error->message);
      return FALSE;
    }
  body = dup_result_text (destination, &counts);
  done = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Record Exported"), body));
  adw_message_dialog_add_response (done, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (done));
  return TRUE;
}

static void
destination_chosen_cb (GtkWindow *parent,
                       GFile     *file,
                       gpointer   data)
{
  Exporting *exporting = data;

  alcove_record_exporter_write_to (parent, exporting->workspace, exporting->client_id, file);
}

void
alcove_record_exporter_run (GtkWindow       *parent,
                            AlcoveWorkspace *workspace,
                            const char      *client_id)
{
  g_autofree char *today = alcove_date_today_iso ();
  /* Translators: the file name offered for a client's exported record; keep ".json". It
   * holds no name: a file list, a backup or a mail attachment shows it. */
  g_autofree char *name = g_strdup_printf (_("client-record-%s.json"), today);
  Exporting *exporting;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ALCOVE_IS_WORKSPACE (workspace));
  g_return_if_fail (client_id != NULL);

  exporting = g_new0 (Exporting, 1);
  exporting->workspace = g_object_ref (workspace);
  exporting->client_id = g_strdup (client_id);
  alcove_export_warn_and_choose (
    parent, _("Export the Record for Another System?"),
    _("Alcove writes this client’s record as one FHIR R4 file, the standard other health "
      "record systems read: for the client’s request for their record, or a transfer of "
      "care. It holds their sessions, diagnoses, treatment plans as signed, signed notes with "
      "their addenda, attached documents, consents, measures and the disclosures logged; "
      "never psychotherapy notes or drafts.\n\n"
      "The file is not encrypted: anyone who has it can read the record. The export is "
      "recorded in the audit log."),
    ADW_RESPONSE_SUGGESTED, _("Export the Record for Another System"), name,
    destination_chosen_cb, exporting, (GDestroyNotify) exporting_free);
}
