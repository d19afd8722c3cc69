/* test-consent-gui.c — consents in the real window: the editor, the client's tab and badges,
 * the practice-wide section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-consent-gui"

#include "config.h"

#include <adwaita.h>

#include "alcove-date.h"
#include "alcove-application.h"
#include "alcove-client-page.h"
#include "alcove-consent-badges.h"
#include "alcove-consent-editor.h"
#include "alcove-consent-list.h"
#include "alcove-document-page.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"
#include "alcove-window.h"

#define RECIPIENT "Dr Perpetua Snodgrass"

static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *name)
{
  GtkWidget *widget = alcove_test_find_widget (root, type, name);

  if (widget == NULL)
    g_error ("no %s named %s", g_type_name (type), name);
  return widget;
}

static void
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (root, ADW_TYPE_ENTRY_ROW, name)), text);
}

static void
check (GtkWidget  *root,
       const char *name)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (root, GTK_TYPE_CHECK_BUTTON, name)), TRUE);
}

static char *
day_after (int days)
{
  g_autoptr(GDate) day = alcove_date_today ();

  g_date_add_days (day, days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day));
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A small picture of a signed form, made here: a white page with a dark "signature" */
static GBytes *
signed_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 260);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.3);
  cairo_set_line_width (cr, 3);
  cairo_move_to (cr, 30, 220);
  cairo_curve_to (cr, 60, 180, 90, 250, 170, 200);
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png_cb, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static AlcoveMainPage *
main_page (AlcoveWindow *window)
{
  return alcove_window_get_main_page (window);
}

static char *
client_id_named (AlcoveWindow *window,
                 const char   *name)
{
  AlcoveClientStore *store = alcove_main_page_get_client_store (main_page (window));
  GListModel *clients = alcove_client_store_get_clients (store);

  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(AlcoveClient) client = g_list_model_get_item (clients, i);

      if (g_str_equal (alcove_client_get_display_name (client), name))
        return g_strdup (alcove_client_get_id (client));
    }
  g_error ("no client %s", name);
}

static void
owner_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  AlcoveClientPage *client_page;
  AlcoveConsentList *list, *practice;
  AlcoveConsentEditor *editor;
  GtkWidget *badges, *text_view;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ada = NULL;
  g_autofree char *today = day_after (0);
  g_autofree char *expiry = day_after (20);
  g_autofree char *consent_id = NULL;
  g_autofree char *pdf = NULL;
  AlcoveConsent *consent;
  GtkWindow *viewer;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = main_page (window);
  ada = client_id_named (window, "Ada Brook");
  alcove_main_page_show_client (page, ada);
  alcove_test_run_for (400);
  client_page = alcove_main_page_get_client_page (page);
  alcove_client_page_set_tab (client_page, "consents");
  g_assert_cmpstr (alcove_client_page_get_tab (client_page), ==, "consents");
  badges = find (GTK_WIDGET (client_page), ALCOVE_TYPE_CONSENT_BADGES, NULL);
  g_assert_true (alcove_test_tree_has_text (badges, "No intake consent"));
  list = ALCOVE_CONSENT_LIST (find (GTK_WIDGET (client_page), ALCOVE_TYPE_CONSENT_LIST, NULL));
  g_assert_cmpuint (alcove_consent_list_get_n_shown (list), ==, 0);

  /* a new authorization, filled in through its widgets */
  gtk_widget_activate_action (GTK_WIDGET (list), "consents.new", "s", "release");
  alcove_test_run_for (400);
  editor = ALCOVE_CONSENT_EDITOR (alcove_test_find_toplevel (ALCOVE_TYPE_CONSENT_EDITOR));
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  set_text (GTK_WIDGET (editor), "recipient", RECIPIENT);
  set_text (GTK_WIDGET (editor), "discloser", "Dana Lee, LMFT");
  check (GTK_WIDGET (editor), "attendance");
  check (GTK_WIDGET (editor), "diagnosis");
  check (GTK_WIDGET (editor), "continuity-of-care");
  text_view = find (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW, "information_description");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)),
                            "Dates attended and diagnosis since January", -1);
  check (GTK_WIDGET (editor), "statement:revocable");
  check (GTK_WIDGET (editor), "statement:not-conditioned");
  set_text (GTK_WIDGET (editor), "signer_name", "Ada Brook");
  set_text (GTK_WIDGET (editor), "signed_on", today);
  set_text (GTK_WIDGET (editor), "expires_on", expiry);

  /* refused: a statement and the signed form are missing; nothing typed is lost */
  gtk_widget_activate_action (GTK_WIDGET (editor), "consent.activate", NULL);
  alcove_test_run_for (200);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor),
                                            "Signed document: attach the signed form"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "Statement 3"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (GTK_WIDGET (editor),
                                                              ADW_TYPE_ENTRY_ROW, "recipient"))),
                   ==, RECIPIENT);
  consent = alcove_consent_editor_get_consent (editor);
  g_assert_cmpint (alcove_consent_get_stored_status (consent), ==, ALCOVE_CONSENT_DRAFT);
  alcove_test_save_screenshot (GTK_WIDGET (editor), "consent-editor-refused");

  /* attach the signed form (what the file chooser would pass), then activate */
  check (GTK_WIDGET (editor), "statement:redisclosure");
  png = signed_png ();
  g_assert_true (alcove_consent_editor_attach_bytes (editor, png, "signed-release.png", &error));
  g_assert_no_error (error);
  consent_id = g_strdup (alcove_consent_get_id (alcove_consent_editor_get_consent (editor)));
  g_assert_nonnull (consent_id);
  gtk_widget_activate_action (GTK_WIDGET (editor), "consent.activate", NULL);
  alcove_test_run_for (300);
  consent = alcove_consent_editor_get_consent (editor);
  g_assert_cmpint (alcove_consent_get_stored_status (consent), ==, ALCOVE_CONSENT_ACTIVE);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "Active until"));
  alcove_test_save_screenshot (GTK_WIDGET (editor), "consent-editor");

  /* the document, from the vault, on screen */
  viewer = alcove_consent_editor_show_document (editor, &error);
  g_assert_no_error (error);
  g_assert_nonnull (viewer);
  g_assert_nonnull (alcove_test_find_widget (GTK_WIDGET (viewer), ALCOVE_TYPE_DOCUMENT_PAGE, NULL));
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (viewer), "consent-document");
  gtk_window_destroy (viewer);

  /* the printed form, to a PDF the person chose */
  pdf = g_build_filename (g_get_user_data_dir (), "release-form.pdf", NULL);
  g_assert_cmpint (alcove_test_count_audit (alcove_application_get_vault (app),
                                            ALCOVE_AUDIT_CONSENT_PRINT, consent_id), ==, 0);
  g_assert_true (alcove_consent_editor_print_to_file (editor, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_test_file_contains (pdf, "%PDF", 4));
  g_assert_cmpint (alcove_test_count_audit (alcove_application_get_vault (app),
                                            ALCOVE_AUDIT_CONSENT_PRINT, consent_id), ==, 1);
  gtk_window_destroy (GTK_WINDOW (editor));
  alcove_test_run_for (300);

  /* the client's tab and badges */
  g_assert_cmpuint (alcove_consent_list_get_n_shown (list), ==, 1);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (list), RECIPIENT));
  g_assert_true (alcove_test_tree_has_text (badges, "1 authorization active"));
  g_assert_true (alcove_test_tree_has_text (badges, "A consent expires in 20 days"));
  g_assert_true (alcove_test_tree_has_text (badges, "No intake consent"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "consent-list");
  /* the badges stay in the header whichever tab is open (a sub-widget alone has no
   * background to screenshot, so the whole window) */
  alcove_client_page_set_tab (client_page, "details");
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), "consent-badges");

  /* the practice-wide section: the authorization, the expiring flag, clients without intake */
  alcove_main_page_set_section (page, "consents");
  alcove_test_run_for (400);
  practice = ALCOVE_CONSENT_LIST (gtk_stack_get_child_by_name (alcove_main_page_get_content (page),
                                                               "consents"));
  g_assert_nonnull (practice);
  g_assert_cmpuint (alcove_consent_list_get_n_shown (practice), ==, 1);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (practice),
                                            "2 active clients have no current intake consent"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (practice),
                                            "1 consent expires within 30 days"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "consents-section");
  alcove_consent_list_set_filter (practice, "revoked", NULL);
  g_assert_cmpuint (alcove_consent_list_get_n_shown (practice), ==, 0);
  alcove_consent_list_set_filter (practice, NULL, "release");
  g_assert_cmpuint (alcove_consent_list_get_n_shown (practice), ==, 1);

  /* revoke it from the practice list */
  editor = alcove_consent_list_open_editor (practice, consent_id, NULL);
  g_assert_nonnull (editor);
  alcove_test_run_for (300);
  set_text (GTK_WIDGET (editor), "revocation_means", "letter from the client");
  gtk_widget_activate_action (GTK_WIDGET (editor), "consent.record-revocation", NULL);
  alcove_test_run_for (300);
  g_assert_cmpint (alcove_consent_get_stored_status (alcove_consent_editor_get_consent (editor)),
                   ==, ALCOVE_CONSENT_REVOKED);
  gtk_window_destroy (GTK_WINDOW (editor));
  alcove_test_run_for (200);
  g_assert_cmpuint (alcove_consent_list_get_n_shown (practice), ==, 1);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (practice), "Revoked"));
  g_assert_false (alcove_test_tree_has_text (badges, "authorization active"));

  /* dark style */
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), "consents-section-dark");
  alcove_test_set_dark (FALSE);
}

static void
test_owner (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "owner", NULL);
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) owner = NULL;
  g_autoptr(AlcoveClientStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Ada Brook", "Milo Park" };

  alcove_vault_lock (created);
  owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  store = alcove_client_store_new (owner, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(AlcoveClient) client = alcove_client_new ();

      alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, names[i]);
      alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1985-04-04");
      g_assert_true (alcove_client_store_save (store, client, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);
  alcove_vault_lock (owner);

  alcove_test_run_app (dir, 1100, 760, owner_scenario);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/consent-gui/owner", test_owner);

  return g_test_run ();
}
