/* alcove-document-viewer.h — a PDF or an image from the vault, shown in a window of its own
 * and never written to a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALCOVE_TYPE_DOCUMENT_VIEWER (alcove_document_viewer_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveDocumentViewer, alcove_document_viewer, ALCOVE, DOCUMENT_VIEWER,
                      AdwWindow)

/* `contents` an "application/pdf" (each page rendered), "image/png" or "image/jpeg" file;
 * NULL with an error when it cannot be read. The window is modal over `parent`, so a lock
 * closes it with the rest. */
AlcoveDocumentViewer *alcove_document_viewer_new         (GtkWindow            *parent,
                                                          const char           *title,
                                                          const char           *subtitle,
                                                          GBytes               *contents,
                                                          const char           *content_type,
                                                          GError              **error);
guint                 alcove_document_viewer_get_n_pages (AlcoveDocumentViewer *self);

G_END_DECLS
