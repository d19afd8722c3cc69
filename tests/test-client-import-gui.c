/* test-client-import-gui.c — the import window: a SimplePractice list previewed, its date
 * order changed, its new clients added, and the same list seen again as duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-client-import-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "alcove-client-import-window.h"
#include "alcove-client-list.h"
#include "alcove-gui-test-utils.h"
#include "alcove-practice-settings.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define NARROWEST 360

typedef struct
{
  AlcoveVault       *vault;
  AlcoveClientStore *clients;
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  g_autofree char *dir = g_dir_make_tmp ("alcove-import-gui-XXXXXX", NULL);
  g_autofree char *vault_dir = g_build_filename (dir, "vault", NULL);
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (vault_dir, NULL);
  g_autoptr(GError) error = NULL;

  fixture->vault = alcove_test_unlocked_vault (vault_dir, "dana", TEST_PASSWORD);
  fixture->clients = alcove_client_store_new (fixture->vault, &error);
  g_assert_no_error (error);
}

static void
fixture_close (Fixture *fixture)
{
  g_clear_object (&fixture->clients);
  if (fixture->vault != NULL)
    alcove_vault_lock (fixture->vault);
  g_clear_object (&fixture->vault);
}

static gboolean
is_ready (gpointer window)
{
  return alcove_client_import_window_is_ready (window);
}

static AlcoveClientImportWindow *
open_window (Fixture *fixture)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                 "simplepractice-clients.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AlcoveClientImportWindow *window = alcove_client_import_window_new (NULL, fixture->clients,
                                                                      file);

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (alcove_test_wait_until (is_ready, window, 10000));
  alcove_test_run_for (300);
  return window;
}

static const char *
label_text (AlcoveClientImportWindow *window,
            const char               *name)
{
  return gtk_label_get_text (GTK_LABEL (alcove_test_find (GTK_WIDGET (window), GTK_TYPE_LABEL,
                                                          name)));
}

static void
assert_counts (AlcoveClientImportWindow *window,
               const char               *counts)
{
  g_assert_cmpstr (label_text (window, "counts_label"), ==, counts);
}

static void
assert_shows (AlcoveClientImportWindow *window,
              const char               *text)
{
  alcove_test_run_for (200);
  if (!alcove_test_tree_has_text (GTK_WIDGET (window), text))
    g_error ("the window does not show “%s”", text);
}

static void
assert_fits_narrowest (AlcoveClientImportWindow *window)
{
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (window));
  int minimum = 0;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("the import window needs at least %d px", minimum);
  g_assert_cmpint (minimum, <=, NARROWEST);
}

static void
take_screenshots (AlcoveClientImportWindow *window,
                  const char               *name)
{
  g_autofree char *narrow = g_strconcat (name, "-360", NULL);

  alcove_test_save_screenshots (GTK_WIDGET (window), name);
  assert_fits_narrowest (window);
  gtk_window_set_default_size (GTK_WINDOW (window), NARROWEST, 720);
  alcove_test_run_for (500);
  alcove_test_save_screenshots (GTK_WIDGET (window), narrow);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  alcove_test_run_for (500);
}

static void
choose (AlcoveClientImportWindow *window,
        const char               *row_name,
        guint                     item)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (alcove_test_find (GTK_WIDGET (window),
                                                               ADW_TYPE_COMBO_ROW, row_name)),
                              item);
  g_assert_true (alcove_test_wait_until (is_ready, window, 10000));
  alcove_test_run_for (200);
}

static gboolean
window_gone (gpointer data)
{
  return alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_IMPORT_WINDOW) == NULL;
}

static void
count_added_cb (AlcoveClientImportWindow *window,
                guint                     n_clients,
                guint                    *added)
{
  *added = n_clients;
}

static void
test_preview_and_add (void)
{
  Fixture fixture = { 0 };
  AlcoveClientImportWindow *window;
  guint added = 0;
  g_autofree char *saved = NULL;

  fixture_open (&fixture);
  window = open_window (&fixture);

  /* Robin, Samuel, Jordan and Ana are new; Jordan's second line repeats the first */
  assert_counts (window, "4 new · 1 duplicate · 4 invalid");
  g_assert_nonnull (strstr (label_text (window, "file_label"), "9 rows"));
  assert_shows (window, "Add 4 Clients");
  assert_shows (window, "The same legal name and birth date as line 4");
  assert_shows (window, "Line 2 · Born 12 April 1988");
  take_screenshots (window, "client-import");

  /* each field's column, in a phone-sized window */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (alcove_test_find (GTK_WIDGET (window),
                                                                     ADW_TYPE_EXPANDER_ROW,
                                                                     "fields_row")), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), NARROWEST, 720);
  alcove_test_run_for (500);
  assert_shows (window, "What name do they go by");
  alcove_test_save_screenshots (GTK_WIDGET (window), "client-import-columns-360");
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  alcove_test_run_for (500);

  /* the filter shows the invalid rows only, with their reasons */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (alcove_test_find (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN,
                                                               "filter_dropdown")), 3);
  assert_shows (window, "The birth date “01/01/90” needs a year of four figures");
  alcove_test_save_screenshots (GTK_WIDGET (window), "client-import-invalid");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (alcove_test_find (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN,
                                                               "filter_dropdown")), 0);

  /* read day first, 04/12/1988 is December 4th and 06/27/2001 no date at all */
  choose (window, "date_order_row", 1);
  assert_counts (window, "3 new · 0 duplicates · 6 invalid");
  assert_shows (window, "Line 2 · Born 4 December 1988");
  choose (window, "date_order_row", 0);
  assert_counts (window, "4 new · 1 duplicate · 4 invalid");

  g_signal_connect (window, "clients-added", G_CALLBACK (count_added_cb), &added);
  gtk_widget_activate_action (GTK_WIDGET (window), "import.commit", NULL);
  g_assert_true (alcove_test_wait_until (window_gone, NULL, 5000));
  g_assert_cmpuint (added, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (alcove_client_store_get_clients (fixture.clients)),
                    ==, 4);

  /* the owner's mapping is remembered; the same list again is all duplicates or invalid */
  window = open_window (&fixture);
  assert_counts (window, "0 new · 5 duplicates · 4 invalid");
  assert_shows (window, "A client with this legal name and birth date is already in Alcove");
  g_assert_false (gtk_widget_is_sensitive (alcove_test_find (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                                             "add_button")));
  alcove_test_save_screenshots (GTK_WIDGET (window), "client-import-again");
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (alcove_test_wait_until (window_gone, NULL, 5000));
  fixture_close (&fixture);
}

/* The adding page, once some rows are written */
static gboolean
adding_shown (gpointer data)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (alcove_test_find (data, GTK_TYPE_PROGRESS_BAR,
                                                            "adding_bar"));

  return gtk_widget_get_mapped (GTK_WIDGET (bar)) && gtk_progress_bar_get_fraction (bar) > 0;
}

/* 50,000 rows: read and judged on workers, shown by a list view that makes only the rows on
 * screen; the times are logged for a person to read, never asserted */
static void
test_large_list (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("alcove-import-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.csv", NULL);
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,Date of Birth\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AlcoveClientImportWindow *window;

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (text, "Client,Number %u,1980-01-%02u\n", i % 49999,
                            1 + (i % 49999) % 28);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  fixture_open (&fixture);
  g_test_timer_start ();
  window = alcove_client_import_window_new (NULL, fixture.clients, file);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (alcove_test_wait_until (is_ready, window, 60000));
  g_test_message ("50,000 rows read, judged and shown in %.3f s", g_test_timer_elapsed ());
  assert_counts (window, "49999 new · 1 duplicate · 0 invalid");

  g_test_timer_start ();
  adw_combo_row_set_selected (ADW_COMBO_ROW (alcove_test_find (GTK_WIDGET (window),
                                                               ADW_TYPE_COMBO_ROW,
                                                               "date_order_row")), 1);
  g_test_message ("the date order changed in %.3f s of the main thread", g_test_timer_elapsed ());
  g_assert_true (alcove_test_wait_until (is_ready, window, 60000));
  g_test_message ("and judged again in %.3f s", g_test_timer_elapsed ());
  assert_counts (window, "49999 new · 1 duplicate · 0 invalid");

  /* added on the worker: the window shows how far it got while the main loop goes on */
  g_test_timer_start ();
  gtk_widget_activate_action (GTK_WIDGET (window), "import.commit", NULL);
  g_assert_true (alcove_test_wait_until (adding_shown, window, 60000));
  g_test_message ("the first rows were added after %.3f s", g_test_timer_elapsed ());
  alcove_test_save_screenshots (GTK_WIDGET (window), "client-import-adding");
  g_assert_true (alcove_test_wait_until (window_gone, NULL, 120000));
  g_test_message ("49,999 clients added in %.3f s", g_test_timer_elapsed ());
  g_assert_cmpuint (g_list_model_get_n_items (alcove_client_store_get_clients (fixture.clients)),
                    ==, 49999);
  alcove_test_run_for (50);
  fixture_close (&fixture);
  g_unlink (path);
}

/* A file that is no list: a message in the window, nothing else */
static void
test_unreadable (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("alcove-import-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "missing.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AlcoveClientImportWindow *window;

  fixture_open (&fixture);
  window = alcove_client_import_window_new (NULL, fixture.clients, file);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (alcove_test_wait_until (is_ready, window, 10000));
  assert_shows (window, "This List Cannot Be Read");
  g_assert_false (gtk_widget_is_sensitive (alcove_test_find (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                                             "add_button")));
  gtk_window_destroy (GTK_WINDOW (window));
  alcove_test_run_for (50);
  fixture_close (&fixture);
}

/* Import is offered where clients are added, and only to a role that may add them */
static void
test_offered_by_role (void)
{
  Fixture owner = { 0 };
  Fixture supervisor = { 0 };
  AlcoveClientList *list;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  fixture_open (&owner);
  dir = g_strdup (alcove_vault_get_path (owner.vault));
  alcove_test_add_user (owner.vault, "lee", "Lee Park", ALCOVE_ROLE_SUPERVISOR);
  list = g_object_ref_sink (alcove_client_list_new (owner.clients));
  g_assert_true (gtk_widget_get_visible (alcove_test_find (GTK_WIDGET (list), GTK_TYPE_WIDGET,
                                                           "more_add_button")));
  g_assert_true (gtk_widget_get_visible (alcove_test_find (GTK_WIDGET (list), GTK_TYPE_WIDGET,
                                                           "empty_import_button")));
  g_object_unref (list);
  fixture_close (&owner);

  supervisor.vault = alcove_test_unlocked_vault (dir, "lee", TEST_OTHER_PASSWORD);
  supervisor.clients = alcove_client_store_new (supervisor.vault, &error);
  g_assert_no_error (error);
  list = g_object_ref_sink (alcove_client_list_new (supervisor.clients));
  g_assert_false (gtk_widget_get_visible (alcove_test_find (GTK_WIDGET (list), GTK_TYPE_WIDGET,
                                                            "more_add_button")));
  g_assert_false (gtk_widget_get_visible (alcove_test_find (GTK_WIDGET (list), GTK_TYPE_WIDGET,
                                                            "empty_import_button")));
  g_object_unref (list);
  fixture_close (&supervisor);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) style = gtk_css_provider_new ();

  alcove_test_init_gui (&argc, &argv);
  /* the window alone: no application around it, so its style sheet is loaded here */
  gtk_init ();
  adw_init ();
  gtk_css_provider_load_from_resource (style, "/io/github/alcove_notes/Alcove/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add_func ("/client-import-gui/preview-and-add", test_preview_and_add);
  g_test_add_func ("/client-import-gui/unreadable", test_unreadable);
  g_test_add_func ("/client-import-gui/large-list", test_large_list);
  g_test_add_func ("/client-import-gui/offered-by-role", test_offered_by_role);

  return g_test_run ();
}
