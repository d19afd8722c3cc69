/* alcovectl-export-fhir.c — `alcovectl export-fhir CLIENT-ID FILE.json`: one client's record
 * as a FHIR R4 bundle, for their request for it or a transfer of care
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcovectl"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-consent-store.h"
#include "alcove-disclosure-store.h"
#include "alcove-fhir-export.h"
#include "alcovectl-private.h"

static GBytes *
export_client (Context           *context,
               const char        *client_id,
               AlcoveFhirCounts  *counts,
               GError           **error)
{
  g_autoptr(AlcoveNoteStore) notes = open_note_store (context, error);
  g_autoptr(AlcoveConsentStore) consents = NULL;
  g_autoptr(AlcoveDisclosureStore) disclosures = NULL;

  if (notes == NULL ||
      (consents = alcove_consent_store_new (context->vault, error)) == NULL ||
      (disclosures = alcove_disclosure_store_new (context->vault, error)) == NULL)
    return NULL;
  return alcove_fhir_export_client (notes, consents, disclosures, client_id, counts, error);
}

static void
print_counts (const char             *file,
              const AlcoveFhirCounts *counts)
{
  g_print (_("Exported to %s: the client, %u sessions, %u diagnoses, %u treatment plans, "
             "%u signed notes, %u attached documents, %u consents, %u outcome measures "
             "(%u scored) and %u disclosures.\n"), file, counts->n_encounters,
           counts->n_conditions, counts->n_care_plans, counts->n_documents,
           counts->n_attachments, counts->n_consents,
           counts->n_questionnaire_responses, counts->n_observations, counts->n_audit_events);
}

int
command_export_fhir (Context  *context,
                     int       argc,
                     char    **argv)
{
  g_auto(Credentials) credentials = { 0 };
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Overwrite FILE.json if it exists"), NULL },
    CREDENTIAL_ENTRIES (credentials),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) json = NULL;
  AlcoveFhirCounts counts = { 0 };
  gsize length;
  const char *data;
  int code;

  if (!parse_options ("export-fhir", "CLIENT-ID FILE.json", entries, &argc, &argv, &error))
    return usage_error (error, "export-fhir");
  if (argc != 3)
    return fail (EXIT_USAGE, _("export-fhir needs CLIENT-ID FILE.json"));
  /* before asking for a password that could not be used */
  if (!force && g_file_test (argv[2], G_FILE_TEST_EXISTS))
    return fail (EXIT_USAGE, _("%s already exists; Alcove will not overwrite it without "
                               "--force"), argv[2]);
  code = authenticate (context, &credentials, FALSE);
  if (code != EXIT_DONE)
    return code;

  json = export_client (context, argv[1], &counts, &error);
  if (json == NULL)
    return fail_with (error);
  data = g_bytes_get_data (json, &length);
  if (!g_file_set_contents_full (argv[2], data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    return fail (EXIT_ENVIRONMENT, "%s", error->message);
  print_counts (argv[2], &counts);
  g_printerr (_("Warning: %s holds protected health information in plain text, outside the "
                "encrypted vault. Keep it only on an encrypted disk, never send it unencrypted, "
                "and delete it as soon as it has served its purpose.\n"), argv[2]);
  return EXIT_DONE;
}
