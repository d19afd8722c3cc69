/* test-client-documents-gui.c — a client's Documents tab in the real window: attaching a
 * PDF and a PNG through the details dialog (a refusal keeps what was typed), the list,
 * the viewer, which a lock closes; and billing, who has no Documents tab at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-client-documents-gui"

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>

#include "alcove-application.h"
#include "alcove-client-document-list.h"
#include "alcove-client-page.h"
#include "alcove-date-row.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

static char *client_id;

/* ---- files made in memory, as a scanner or a word processor would write them ---- */

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_page (cairo_t    *cr,
           const char *text)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 22);
  cairo_move_to (cr, 48, 72);
  cairo_show_text (cr, text);
  cairo_set_font_size (cr, 13);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (int line = 0; line < 12; line++)
    {
      cairo_move_to (cr, 48, 120 + line * 22);
      cairo_show_text (cr, "Presenting concerns, history and plan, as written at the time.");
    }
}

/* Two A4 pages */
static GBytes *
make_pdf (void)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, 595, 842);
  cairo_t *cr = cairo_create (surface);

  draw_page (cr, "Intake summary, April 2019");
  cairo_show_page (cr);
  draw_page (cr, "Page two");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
make_png (void)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 620, 420);
  cairo_t *cr = cairo_create (surface);

  draw_page (cr, "Consent to treatment (signed)");
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_cb, bytes), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

/* The PNG again as a JPEG, as a phone's camera would give a form */
static GBytes *
make_jpeg (GBytes *png)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  g_assert_nonnull (pixbuf);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

/* ---- the window ---- */

static AlcoveClientDocumentList *
open_documents (AlcoveWindow *window)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);
  AlcoveClientPage *client_page;

  alcove_main_page_show_client (page, client_id);
  alcove_test_run_for (400);
  client_page = alcove_main_page_get_client_page (page);
  alcove_client_page_set_tab (client_page, "documents");
  alcove_test_run_for (300);
  g_assert_cmpstr (alcove_client_page_get_tab (client_page), ==, "documents");
  return ALCOVE_CLIENT_DOCUMENT_LIST (alcove_test_get_widget (client_page,
                                                             ALCOVE_TYPE_CLIENT_DOCUMENT_LIST,
                                                             NULL));
}

static AlcoveClientDocumentDialog *
attach (AlcoveClientDocumentList *list,
        GBytes                   *contents,
        const char               *file_name)
{
  AlcoveClientDocumentDialog *dialog = alcove_client_document_list_attach_bytes (list, contents,
                                                                                 file_name);

  alcove_test_run_for (300);
  g_assert_true (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_DOCUMENT_DIALOG) ==
                 GTK_WINDOW (dialog));
  return dialog;
}

static void
fill (AlcoveClientDocumentDialog *dialog,
      const char                 *label,
      AlcoveDocumentKind          kind,
      const char                 *date)
{
  GtkWidget *label_row = alcove_test_get_widget (dialog, ADW_TYPE_ENTRY_ROW, NULL);
  GtkWidget *kind_row = alcove_test_get_widget (dialog, ADW_TYPE_COMBO_ROW, NULL);
  GtkWidget *date_row = alcove_test_get_widget (dialog, ALCOVE_TYPE_DATE_ROW, NULL);

  g_assert_false (ALCOVE_IS_DATE_ROW (label_row));
  gtk_editable_set_text (GTK_EDITABLE (label_row), label);
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), kind);
  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (date_row), date);
}

static const char *
id_at (AlcoveClientDocumentList *list,
       guint                     position)
{
  g_autoptr(AlcoveClientDocument) document =
    g_list_model_get_item (alcove_client_document_list_get_model (list), position);

  g_assert_nonnull (document);
  return alcove_client_document_get_id (document);
}

static void
resize (AlcoveWindow *window,
        int           width)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  alcove_test_run_for (600);
}

static void
scenario (AlcoveApplication *app,
          AlcoveWindow      *window)
{
  AlcoveClientDocumentList *list;
  AlcoveClientDocumentDialog *dialog;
  AlcoveDocumentViewer *viewer;
  g_autoptr(GBytes) pdf = make_pdf ();
  g_autoptr(GBytes) png = make_png ();
  g_autofree char *tomorrow = alcove_test_day_from_today (1);
  g_autofree char *pdf_id = NULL;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  list = open_documents (window);

  /* nothing yet: what the tab is for, and the way to attach */
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "No Documents"));
  g_assert_true (gtk_widget_is_visible (alcove_test_get_widget (list, GTK_TYPE_BUTTON, NULL)));
  alcove_test_save_screenshots (GTK_WIDGET (window), "client-documents-empty-1366");

  /* a PDF: the label starts as the file's name; a date in the future is refused and what
   * was typed stays */
  dialog = attach (list, pdf, "intake-2019.pdf");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alcove_test_get_widget (dialog,
                                                                                ADW_TYPE_ENTRY_ROW,
                                                                                NULL))),
                   ==, "intake-2019");
  fill (dialog, "Intake summary", ALCOVE_DOCUMENT_ASSESSMENT, tomorrow);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "document.save", NULL);
  alcove_test_run_for (300);
  g_assert_nonnull (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_DOCUMENT_DIALOG));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog),
                                            "The document’s date is in the future. Enter the"
                                            " day it was written or signed."));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alcove_test_get_widget (dialog,
                                                                                ADW_TYPE_ENTRY_ROW,
                                                                                NULL))),
                   ==, "Intake summary");
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "client-documents-dialog-error");
  fill (dialog, "Intake summary", ALCOVE_DOCUMENT_ASSESSMENT, "2019-04-03");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "document.save", NULL);
  /* written on the session's worker: the dialog goes once it is */
  alcove_test_wait_toplevel_gone (ALCOVE_TYPE_CLIENT_DOCUMENT_DIALOG);

  /* a PNG named as a PDF is refused in the dialog, with what to do */
  dialog = attach (list, png, "scan.pdf");
  fill (dialog, "Consent", ALCOVE_DOCUMENT_FORM, "2021-06-01");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "document.save", NULL);
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog),
                                            "The file’s name says it is a PDF, but it holds a"
                                            " PNG image. Choose the original file, or rename it"
                                            " to end in .pdf, .png or .jpg as its contents are."));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* the PNG as it is */
  dialog = attach (list, png, "consent-scan.png");
  fill (dialog, "Signed consent to treatment", ALCOVE_DOCUMENT_FORM, "2021-06-01");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "document.save", NULL);
  alcove_test_wait_toplevel_gone (ALCOVE_TYPE_CLIENT_DOCUMENT_DIALOG);

  /* listed newest first, the date in the one display format */
  g_assert_cmpuint (g_list_model_get_n_items (alcove_client_document_list_get_model (list)), ==, 2);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "Signed consent to treatment"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "Intake summary"));
  {
    g_autofree char *size = g_format_size (g_bytes_get_size (png));
    g_autofree char *subtitle = g_strdup_printf ("Form · 1 June 2021 · PNG image, %s", size);

    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), subtitle));
  }
  pdf_id = g_strdup (id_at (list, 1));

  /* a label corrected through the pencil: the kind and date stay as they were */
  gtk_widget_activate_action (GTK_WIDGET (list), "documents.edit", "s", pdf_id);
  dialog = ALCOVE_CLIENT_DOCUMENT_DIALOG (alcove_test_wait_for_toplevel (ALCOVE_TYPE_CLIENT_DOCUMENT_DIALOG));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "Edit Document Details"));
  gtk_editable_set_text (GTK_EDITABLE (alcove_test_get_widget (dialog, ADW_TYPE_ENTRY_ROW, NULL)),
                         "Intake summary (first clinic)");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "document.save", NULL);
  alcove_test_wait_toplevel_gone (ALCOVE_TYPE_CLIENT_DOCUMENT_DIALOG);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "Intake summary (first clinic)"));
  {
    g_autoptr(AlcoveClientDocument) intake =
      g_list_model_get_item (alcove_client_document_list_get_model (list), 1);

    g_assert_cmpstr (alcove_client_document_get_id (intake), ==, pdf_id);
    g_assert_cmpint (alcove_client_document_get_kind (intake), ==, ALCOVE_DOCUMENT_ASSESSMENT);
    g_assert_cmpstr (alcove_client_document_get_document_date (intake), ==, "2019-04-03");
  }
  alcove_test_save_screenshots (GTK_WIDGET (window), "client-documents-list-1366");
  resize (window, 360);
  alcove_test_save_screenshots (GTK_WIDGET (window), "client-documents-list-360");
  resize (window, 1366);

  /* the PDF, read on the worker and rendered page by page inside Alcove */
  alcove_client_document_list_open (list, pdf_id);
  viewer = ALCOVE_DOCUMENT_VIEWER (alcove_test_wait_for_toplevel (ALCOVE_TYPE_DOCUMENT_VIEWER));
  g_assert_cmpuint (alcove_document_viewer_get_n_pages (viewer), ==, 2);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (viewer)) == GTK_WINDOW (window));
  alcove_test_run_for (400);
  alcove_test_save_screenshots (GTK_WIDGET (viewer), "client-documents-viewer-pdf");
  gtk_window_destroy (GTK_WINDOW (viewer));
  alcove_test_wait_toplevel_gone (ALCOVE_TYPE_DOCUMENT_VIEWER);

  /* the image, through the row's action as a click does */
  gtk_widget_activate_action (GTK_WIDGET (list), "documents.open", "s", id_at (list, 0));
  viewer = ALCOVE_DOCUMENT_VIEWER (alcove_test_wait_for_toplevel (ALCOVE_TYPE_DOCUMENT_VIEWER));
  g_assert_cmpuint (alcove_document_viewer_get_n_pages (viewer), ==, 1);
  gtk_window_set_default_size (GTK_WINDOW (viewer), 360, 640);
  alcove_test_run_for (400);
  alcove_test_save_screenshots (GTK_WIDGET (viewer), "client-documents-viewer-png-360");

  gtk_window_destroy (GTK_WINDOW (viewer));
  alcove_test_wait_toplevel_gone (ALCOVE_TYPE_DOCUMENT_VIEWER);

  /* a JPEG, turned upright as its camera noted, opens the same way */
  {
    g_autoptr(GBytes) jpeg = make_jpeg (png);

    dialog = attach (list, jpeg, "consent-photo.jpg");
    fill (dialog, "Consent, photographed", ALCOVE_DOCUMENT_FORM, "2021-06-02");
    gtk_widget_activate_action (GTK_WIDGET (dialog), "document.save", NULL);
    alcove_test_wait_toplevel_gone (ALCOVE_TYPE_CLIENT_DOCUMENT_DIALOG);
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), "Consent, photographed"));
    gtk_widget_activate_action (GTK_WIDGET (list), "documents.open", "s", id_at (list, 0));
    viewer = ALCOVE_DOCUMENT_VIEWER (alcove_test_wait_for_toplevel (ALCOVE_TYPE_DOCUMENT_VIEWER));
    g_assert_cmpuint (alcove_document_viewer_get_n_pages (viewer), ==, 1);
  }

  /* a lock closes the viewer: it shows PHI */
  alcove_test_lock_app (app);
  alcove_test_run_for (300);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_DOCUMENT_VIEWER));
}

static void
billing_scenario (AlcoveApplication *app,
                  AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  AlcoveClientPage *client_page;

  alcove_test_unlock_app (app, "bea", TEST_OTHER_PASSWORD);
  page = alcove_window_get_main_page (window);
  alcove_main_page_show_client (page, client_id);
  alcove_test_run_for (400);
  client_page = alcove_main_page_get_client_page (page);
  alcove_client_page_set_tab (client_page, "documents");
  alcove_test_run_for (200);
  g_assert_cmpstr (alcove_client_page_get_tab (client_page), !=, "documents");
  g_assert_null (alcove_test_find_widget (GTK_WIDGET (client_page),
                                          ALCOVE_TYPE_CLIENT_DOCUMENT_LIST, NULL));
}

static char *
make_practice (void)
{
  static char *dir = NULL;
  AlcoveVault *vault;
  AlcoveClientStore *clients = NULL;
  AlcoveNoteStore *notes = NULL;

  if (dir != NULL)
    return dir;
  vault = alcove_test_fresh_vault (&dir);
  alcove_test_add_user (vault, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  alcove_test_open_stores (vault, &clients, &notes);
  client_id = alcove_test_add_client (clients, "Ada Brook");
  alcove_test_close_stores (&vault, &clients, &notes);
  return dir;
}

static void
test_attach_and_view (void)
{
  alcove_test_run_app (make_practice (), 1366, 768, scenario);
}

static void
test_billing (void)
{
  alcove_test_run_app (make_practice (), 1366, 768, billing_scenario);
}

int
main (int    argc,
      char **argv)
{
  int status;

  alcove_test_init_gui (&argc, &argv);
  g_test_add_func ("/client-documents-gui/attach-and-view", test_attach_and_view);
  g_test_add_func ("/client-documents-gui/billing", test_billing);
  status = g_test_run ();
  g_free (client_id);
  return status;
}
