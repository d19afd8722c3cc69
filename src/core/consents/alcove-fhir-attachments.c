/* alcove-fhir-attachments.c — the PDFs and images attached to the client's record (old
 * notes, signed forms, letters) as FHIR R4 DocumentReferences carrying the file itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-fhir"

#include "config.h"

#include "alcove-client-documents.h"
#include "alcove-fhir-private.h"

static void
add_attachment (JsonBuilder          *builder,
                AlcoveClientDocument *document,
                GBytes               *contents)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (contents, &size);
  g_autofree char *base64 = g_base64_encode (data, size);

  json_builder_set_member_name (builder, "content");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "attachment");
  json_builder_begin_object (builder);
  fhir_add_string (builder, "contentType", alcove_client_document_get_content_type (document));
  fhir_add_string (builder, "data", base64);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, (gint64) size);
  fhir_add_string (builder, "title", alcove_client_document_get_label (document));
  fhir_add_optional (builder, "creation", alcove_client_document_get_document_date (document));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

static gboolean
add_attached_document (FhirExport            *export,
                       AlcoveVault           *vault,
                       AlcoveClientDocument  *document,
                       GError               **error)
{
  JsonBuilder *builder = export->builder;
  g_autoptr(GBytes) contents = alcove_client_documents_read (vault, document, error);
  g_autofree char *url = NULL;
  g_autofree char *attached_at = NULL;

  if (contents == NULL)
    return FALSE;
  url = fhir_begin_resource (export, "DocumentReference", FHIR_LABELS_MENTAL_HEALTH);
  attached_at = fhir_format_instant (alcove_client_document_get_added_ms (document));
  fhir_add_string (builder, "status", "current");
  fhir_add_text_concept (builder, "type",
                         alcove_document_kind_get_title (alcove_client_document_get_kind (document)));
  fhir_add_subject (export, "subject");
  fhir_add_string (builder, "date", attached_at);
  fhir_add_string (builder, "description", alcove_client_document_get_label (document));
  add_attachment (builder, document, contents);
  fhir_end_resource (export);
  export->counts.n_attachments++;
  return TRUE;
}

/* Every document attached to the client, as attached; none for a role that may not read
 * them (the export is for the roles that may) */
gboolean
fhir_add_attached_documents (FhirExport  *export,
                             GError     **error)
{
  AlcoveVault *vault = alcove_client_store_get_vault (alcove_note_store_get_clients (export->notes));
  g_autoptr(GListModel) documents = NULL;

  if (!alcove_client_documents_can_read (vault))
    return TRUE;
  documents = alcove_client_documents_list (vault, alcove_client_get_id (export->client), error);
  if (documents == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AlcoveClientDocument) document = g_list_model_get_item (documents, i);

      if (!add_attached_document (export, vault, document, error))
        return FALSE;
    }
  return TRUE;
}
