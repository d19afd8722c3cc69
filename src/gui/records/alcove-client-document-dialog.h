/* alcove-client-document-dialog.h — the label, kind and date of a document being attached
 * to a client's record, or of one attached before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-documents.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_CLIENT_DOCUMENT_DIALOG (alcove_client_document_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveClientDocumentDialog, alcove_client_document_dialog, ALCOVE,
                      CLIENT_DOCUMENT_DIALOG, AdwWindow)

/* Attaches `contents`, read from a file called `file_name`, when the person saves */
AlcoveClientDocumentDialog *alcove_client_document_dialog_new_attach (GtkWindow            *parent,
                                                                      AlcoveVault          *vault,
                                                                      const char           *client_id,
                                                                      GBytes               *contents,
                                                                      const char           *file_name);
/* Corrects the label, kind and date of `document` */
AlcoveClientDocumentDialog *alcove_client_document_dialog_new_edit   (GtkWindow            *parent,
                                                                      AlcoveVault          *vault,
                                                                      AlcoveClientDocument *document);

G_END_DECLS
