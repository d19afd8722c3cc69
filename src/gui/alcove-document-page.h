/* alcove-document-page.h — one page of a document: a texture as wide as it may be, up to
 * its own width, and as tall as its shape then asks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ALCOVE_TYPE_DOCUMENT_PAGE (alcove_document_page_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveDocumentPage, alcove_document_page, ALCOVE, DOCUMENT_PAGE, GtkWidget)

GtkWidget *alcove_document_page_new (GdkTexture *texture);

G_END_DECLS
