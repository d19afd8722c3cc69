/* test-practice-export-gui.c — exporting the whole practice from the main menu: offered to
 * an owner only, a plain warning first, and a report of what was written and left out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-practice-export-gui"

#include "config.h"

#include <glib/gstdio.h>

#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-practice-archive.h"
#include "alcove-practice-exporter.h"
#include "alcove-test-utils.h"

static void
seed_vault (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (vault, NULL);
  g_autoptr(AlcoveNoteStore) notes = alcove_note_store_new (clients);
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *note_id = NULL;

  alcove_test_add_user (vault, "carl", "Carl Okafor", ALCOVE_ROLE_CLINICIAN);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Avery Quinn");
  g_assert_true (alcove_client_store_save (clients, client, &error));
  g_assert_no_error (error);
  note_id = alcove_test_write_note (notes, alcove_client_get_id (client), "soap", "talked", TRUE);
}

static void
owner_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  AdwMessageDialog *dialog;
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "exports", NULL);
  g_autofree char *path = g_build_filename (folder, "practice.zip", NULL);
  g_autofree char *missing_path = g_build_filename (folder, "no such folder", "practice.zip",
                                                    NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  GStatBuf st;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = alcove_window_get_main_page (window);
  g_assert_true (alcove_practice_archive_can_export (alcove_application_get_vault (app)));

  /* the warning first, plainly; cancelling writes nothing */
  gtk_widget_activate_action (GTK_WIDGET (page), "main.export-practice", NULL);
  dialog = alcove_test_find_message_dialog ("Export the Whole Practice?");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not encrypted"));
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "practice-export-warning");
  alcove_test_respond (dialog, "cancel");
  alcove_test_run_for (200);
  g_assert_null (alcove_test_find_message_dialog ("Export the Whole Practice?"));

  /* written where chosen, 0600, and reported */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (alcove_practice_exporter_write_to (GTK_WINDOW (window),
                                                    alcove_application_get_vault (app),
                                                    destination));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  dialog = alcove_test_find_message_dialog ("Practice Exported");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 client"));
  /* the owner cannot open Carl's notes: the report says so, and how to include them */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "carl"));
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "practice-export-done");
  alcove_test_respond (dialog, "close");

  /* a folder that does not exist: the reason, and nothing written */
  g_assert_false (alcove_practice_exporter_write_to (GTK_WINDOW (window),
                                                     alcove_application_get_vault (app),
                                                     missing));
  dialog = alcove_test_find_message_dialog ("The Practice Was Not Exported");
  g_assert_nonnull (dialog);
  alcove_test_respond (dialog, "close");
  g_assert_false (g_file_test (missing_path, G_FILE_TEST_EXISTS));
  g_unlink (path);
}

static void
clinician_scenario (AlcoveApplication *app,
                    AlcoveWindow      *window)
{
  alcove_test_unlock_app (app, "carl", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_practice_archive_can_export (alcove_application_get_vault (app)));
  gtk_widget_activate_action (GTK_WIDGET (alcove_window_get_main_page (window)),
                              "main.export-practice", NULL);
  alcove_test_run_for (200);
  g_assert_null (alcove_test_find_message_dialog ("Export the Whole Practice?"));
}

static void
test_owner (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "owner", NULL);

  seed_vault (dir);
  alcove_test_run_app (dir, 1100, 760, owner_scenario);
}

static void
test_clinician (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "clinician", NULL);

  seed_vault (dir);
  alcove_test_run_app (dir, 1100, 760, clinician_scenario);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/practice-export-gui/owner", test_owner);
  g_test_add_func ("/practice-export-gui/clinician", test_clinician);

  return g_test_run ();
}
