/* alcove-client-document-list.h — a client's Documents tab: old notes, scanned forms and
 * letters attached to the record, opened inside Alcove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-document-dialog.h"
#include "alcove-document-viewer.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_CLIENT_DOCUMENT_LIST (alcove_client_document_list_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveClientDocumentList, alcove_client_document_list, ALCOVE,
                      CLIENT_DOCUMENT_LIST, AdwBin)

AlcoveClientDocumentList   *alcove_client_document_list_new          (AlcoveVault              *vault,
                                                                      const char               *client_id);
/* What the file chooser does with the file it read: the details dialog, shown */
AlcoveClientDocumentDialog *alcove_client_document_list_attach_bytes (AlcoveClientDocumentList *self,
                                                                      GBytes                   *contents,
                                                                      const char               *file_name);
/* Reads the document, then shows it in a viewer; what fails is said above the list */
void                        alcove_client_document_list_open         (AlcoveClientDocumentList *self,
                                                                      const char               *document_id);
GListModel                 *alcove_client_document_list_get_model    (AlcoveClientDocumentList *self);

G_END_DECLS
