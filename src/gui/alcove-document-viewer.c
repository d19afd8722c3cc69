/* alcove-document-viewer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-document-viewer"

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "alcove-document-page.h"
#include "alcove-document-viewer.h"

/* The pages are rendered into memory textures once, when the window opens: the file's
 * bytes go from the vault to poppler (or GdkTexture's own loaders) and to the screen, and
 * no copy is ever written to disk. */
struct _AlcoveDocumentViewer
{
  AdwWindow  parent_instance;

  GtkBox    *pages;
  guint      n_pages;
};

G_DEFINE_FINAL_TYPE (AlcoveDocumentViewer, alcove_document_viewer, ADW_TYPE_WINDOW)

/* 1.5 × the page's points: a scanned A4 page reads comfortably at 100 % */
#define PDF_SCALE 1.5

static GdkTexture *
render_pdf_page (PopplerPage *page)
{
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) pixels = NULL;
  int w, h, stride;

  poppler_page_get_size (page, &width, &height);
  w = MAX (1, (int) (width * PDF_SCALE));
  h = MAX (1, (int) (height * PDF_SCALE));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, PDF_SCALE, PDF_SCALE);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * h);
  cairo_surface_destroy (surface);
  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, pixels, stride);
}

static void
add_page (AlcoveDocumentViewer *self,
          GdkTexture           *texture,
          guint                 number,
          guint                 count)
{
  GtkWidget *picture = alcove_document_page_new (texture);
  g_autofree char *name = g_strdup_printf (_("Page %u of %u"), number, count);

  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (picture, "card");
  /* Tab and the arrows move from page to page, and the list scrolls to the one focused */
  gtk_widget_set_focusable (picture, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  gtk_box_append (self->pages, picture);
  self->n_pages++;
}

static gboolean
add_pdf_pages (AlcoveDocumentViewer  *self,
               GBytes                *contents,
               GError               **error)
{
  /* poppler-glib 22.12 declares no autoptr cleanups */
  PopplerDocument *document = poppler_document_new_from_bytes (contents, NULL, error);
  int count;

  if (document == NULL)
    return FALSE;
  count = poppler_document_get_n_pages (document);
  for (int i = 0; i < count; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autoptr(GdkTexture) texture = NULL;

      if (page == NULL)
        continue;
      texture = render_pdf_page (page);
      add_page (self, texture, i + 1, count);
      g_object_unref (page);
    }
  g_object_unref (document);
  return TRUE;
}

/* A photo of a signed form is often stored sideways with an EXIF note of how to turn it,
 * which GdkTexture's own loader ignores: gdk-pixbuf applies it */
static GdkTexture *
texture_upright (GBytes  *contents,
                 GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) upright = NULL;
  GdkPixbuf *pixbuf;

  if (!gdk_pixbuf_loader_write_bytes (loader, contents, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    return gdk_texture_new_from_bytes (contents, error);
  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  return gdk_texture_new_for_pixbuf (upright);
}

static gboolean
add_contents (AlcoveDocumentViewer  *self,
              GBytes                *contents,
              const char            *content_type,
              GError               **error)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (g_strcmp0 (content_type, "application/pdf") == 0)
    return add_pdf_pages (self, contents, error);
  texture = g_strcmp0 (content_type, "image/jpeg") == 0 ? texture_upright (contents, error)
                                                        : gdk_texture_new_from_bytes (contents,
                                                                                      error);
  if (texture == NULL)
    return FALSE;
  add_page (self, texture, 1, 1);
  return TRUE;
}

static void
alcove_document_viewer_class_init (AlcoveDocumentViewerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
alcove_document_viewer_init (AlcoveDocumentViewer *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->pages = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_widget_set_margin_start (GTK_WIDGET (self->pages), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->pages), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->pages), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->pages), 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->pages));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 760);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

AlcoveDocumentViewer *
alcove_document_viewer_new (GtkWindow   *parent,
                            const char  *title,
                            const char  *subtitle,
                            GBytes      *contents,
                            const char  *content_type,
                            GError     **error)
{
  AlcoveDocumentViewer *self;
  GtkWidget *header;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  /* owned by GTK, as every toplevel */
  self = g_object_new (ALCOVE_TYPE_DOCUMENT_VIEWER, NULL);
  if (!add_contents (self, contents, content_type, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  header = gtk_widget_get_first_child (adw_window_get_content (ADW_WINDOW (self)));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (title, subtitle ? subtitle : ""));
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  return self;
}

guint
alcove_document_viewer_get_n_pages (AlcoveDocumentViewer *self)
{
  g_return_val_if_fail (ALCOVE_IS_DOCUMENT_VIEWER (self), 0);
  return self->n_pages;
}
