/* alcove-document-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-document-page"

#include "config.h"

#include "alcove-document-page.h"

/* GtkPicture that may shrink asks for no height at all, so in a scrolled list every page
 * would be squeezed into the window's height. A page here asks for the height its width
 * gives it, so the pages stack at their own shape and the list scrolls. */
struct _AlcoveDocumentPage
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
};

G_DEFINE_FINAL_TYPE (AlcoveDocumentPage, alcove_document_page, GTK_TYPE_WIDGET)

/* the narrowest a page is drawn: a phone's width less the window's margins */
#define MIN_WIDTH 120

static GtkSizeRequestMode
alcove_document_page_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
alcove_document_page_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  AlcoveDocumentPage *self = ALCOVE_DOCUMENT_PAGE (widget);
  int width = gdk_texture_get_width (self->texture);
  int height = gdk_texture_get_height (self->texture);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN (MIN_WIDTH, width);
      *natural = width;
      return;
    }
  if (for_size < 0)
    for_size = width;
  *minimum = *natural = (int) ((double) MIN (for_size, width) * height / MAX (width, 1));
}

static void
alcove_document_page_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  AlcoveDocumentPage *self = ALCOVE_DOCUMENT_PAGE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
}

static void
alcove_document_page_dispose (GObject *object)
{
  AlcoveDocumentPage *self = ALCOVE_DOCUMENT_PAGE (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (alcove_document_page_parent_class)->dispose (object);
}

static void
alcove_document_page_class_init (AlcoveDocumentPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_document_page_dispose;
  widget_class->get_request_mode = alcove_document_page_get_request_mode;
  widget_class->measure = alcove_document_page_measure;
  widget_class->snapshot = alcove_document_page_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "documentpage");
}

static void
alcove_document_page_init (AlcoveDocumentPage *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
alcove_document_page_new (GdkTexture *texture)
{
  AlcoveDocumentPage *self;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);

  self = g_object_new (ALCOVE_TYPE_DOCUMENT_PAGE, NULL);
  self->texture = g_object_ref (texture);
  return GTK_WIDGET (self);
}
