/* alcove-client-documents.h — PDFs and images of a client's old notes, scanned signed
 * forms and letters, attached to their record and kept only inside practice.db
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_DOCUMENT_NOTE,
  ALCOVE_DOCUMENT_FORM,
  ALCOVE_DOCUMENT_LETTER,
  ALCOVE_DOCUMENT_ASSESSMENT,
  ALCOVE_DOCUMENT_OTHER,
  ALCOVE_N_DOCUMENT_KINDS
} AlcoveDocumentKind;

#define ALCOVE_TYPE_CLIENT_DOCUMENT (alcove_client_document_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveClientDocument, alcove_client_document, ALCOVE, CLIENT_DOCUMENT,
                      GObject)

/* What is known of a document without reading its contents */
const char         *alcove_client_document_get_id            (AlcoveClientDocument *self);
const char         *alcove_client_document_get_client_id     (AlcoveClientDocument *self);
const char         *alcove_client_document_get_label         (AlcoveClientDocument *self);
AlcoveDocumentKind  alcove_client_document_get_kind          (AlcoveClientDocument *self);
/* YYYY-MM-DD: the day the paper is from, not the day it was attached */
const char         *alcove_client_document_get_document_date (AlcoveClientDocument *self);
const char         *alcove_client_document_get_file_name     (AlcoveClientDocument *self);
/* "application/pdf", "image/png" or "image/jpeg" */
const char         *alcove_client_document_get_content_type  (AlcoveClientDocument *self);
gsize               alcove_client_document_get_size          (AlcoveClientDocument *self);
gint64              alcove_client_document_get_added_ms      (AlcoveClientDocument *self);
/* the user id of who attached it */
const char         *alcove_client_document_get_added_by      (AlcoveClientDocument *self);

/* "Note", "Form", "Letter", "Assessment", "Other" */
const char         *alcove_document_kind_get_title           (AlcoveDocumentKind    kind);
const char         *alcove_document_kind_to_string           (AlcoveDocumentKind    kind);
/* -1 for anything else */
int                 alcove_document_kind_from_string         (const char           *text);

/* Who may open a client's documents, and who may attach them */
gboolean            alcove_client_documents_can_read         (AlcoveVault          *vault);
gboolean            alcove_client_documents_can_attach       (AlcoveVault          *vault);

/* The label a document takes when none is given: its file's name without folder or
 * extension */
char               *alcove_client_documents_default_label    (const char           *file_name);
/* Checks the bytes are a PDF, PNG or JPEG as `file_name` says, no larger than
 * ALCOVE_DOCUMENT_MAX_BYTES; `label` empty takes the file's name without its extension;
 * `document_date` is a day, not in the future. Returns the new document's id. */
char               *alcove_client_documents_attach           (AlcoveVault          *vault,
                                                              const char           *client_id,
                                                              GBytes               *contents,
                                                              const char           *file_name,
                                                              const char           *label,
                                                              AlcoveDocumentKind    kind,
                                                              const char           *document_date,
                                                              GError              **error);
/* The same, checked now and written on the session's worker and its own connection, with
 * its audit row: a 20 MB scan takes a moment to write. Returns the new id. */
void                alcove_client_documents_attach_async     (AlcoveVault          *vault,
                                                              const char           *client_id,
                                                              GBytes               *contents,
                                                              const char           *file_name,
                                                              const char           *label,
                                                              AlcoveDocumentKind    kind,
                                                              const char           *document_date,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
char               *alcove_client_documents_attach_finish    (AlcoveVault          *vault,
                                                              GAsyncResult         *result,
                                                              GError              **error);
/* A GListModel of AlcoveClientDocument, newest document date first; no contents read */
GListModel         *alcove_client_documents_list             (AlcoveVault          *vault,
                                                              const char           *client_id,
                                                              GError              **error);
/* The contents as attached, checked against their SHA-256; audited */
GBytes             *alcove_client_documents_read             (AlcoveVault          *vault,
                                                              AlcoveClientDocument *document,
                                                              GError              **error);
/* The same on the session's worker; the audit row is written when it returns */
void                alcove_client_documents_read_async       (AlcoveVault          *vault,
                                                              AlcoveClientDocument *document,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GBytes             *alcove_client_documents_read_finish      (AlcoveVault          *vault,
                                                              GAsyncResult         *result,
                                                              GError              **error);
/* Corrects the label, kind and date; the contents never change */
gboolean            alcove_client_documents_relabel          (AlcoveVault          *vault,
                                                              AlcoveClientDocument *document,
                                                              const char           *label,
                                                              AlcoveDocumentKind    kind,
                                                              const char           *document_date,
                                                              GError              **error);

G_END_DECLS
