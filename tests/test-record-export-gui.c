/* test-record-export-gui.c — a client's record exported from their page for their request
 * for it: a plain warning first, a FHIR R4 file of mode 0600, and what it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-record-export-gui"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "alcove-client-page.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-record-exporter.h"
#include "alcove-test-utils.h"

static char *client_id;

static void
seed_vault (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (vault, NULL);
  g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (clients);
  g_autofree char *note_id = NULL;

  alcove_test_add_user (vault, "bo", "Bo Berg", ALCOVE_ROLE_BILLING);
  client_id = alcove_test_add_client (clients, "Avery Quinn");
  note_id = alcove_test_write_note (notes, client_id, "soap", "talked", TRUE);
}

static AlcoveClientPage *
open_client (AlcoveWindow *window)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);

  alcove_main_page_show_client (page, client_id);
  alcove_test_run_for (300);
  return alcove_main_page_get_client_page (page);
}

static void
owner_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "record.json", NULL);
  g_autofree char *missing_path = g_build_filename (g_get_user_data_dir (), "no such folder",
                                                    "record.json", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  AlcoveClientPage *client_page;
  AdwMessageDialog *dialog;
  GStatBuf st;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  client_page = open_client (window);
  g_assert_nonnull (client_page);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (client_page), "Avery Quinn"));

  /* the warning first; cancelling writes nothing */
  gtk_widget_activate_action (GTK_WIDGET (client_page), "client.export-record", NULL);
  dialog = alcove_test_find_message_dialog ("Export the Record for Another System?");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not encrypted"));
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "record-export-warning");
  alcove_test_respond (dialog, "cancel");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* written, 0600, a FHIR Bundle, and what it holds said */
  g_assert_true (alcove_record_exporter_write_to (GTK_WINDOW (window),
                                                  alcove_test_app_workspace (app), client_id,
                                                  destination));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  root = json_from_string (contents, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "resourceType"),
                   ==, "Bundle");
  dialog = alcove_test_find_message_dialog ("Record Exported");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Signed progress notes: 1"));
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "record-export-done");
  alcove_test_respond (dialog, "close");

  /* a folder that does not exist: the reason, and nothing written */
  g_assert_false (alcove_record_exporter_write_to (GTK_WINDOW (window),
                                                   alcove_test_app_workspace (app), client_id,
                                                   missing));
  dialog = alcove_test_find_message_dialog ("The Record Was Not Exported");
  g_assert_nonnull (dialog);
  alcove_test_respond (dialog, "close");
  g_unlink (path);
}

static void
test_owner (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "owner", NULL);

  seed_vault (dir);
  alcove_test_run_app (dir, 1100, 760, owner_scenario);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/record-export-gui/owner", test_owner);

  return g_test_run ();
}
