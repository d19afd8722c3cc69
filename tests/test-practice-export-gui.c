/* test-practice-export-gui.c — exporting the whole practice from the main menu: offered to
 * an owner only, a plain warning first, and a report of what was written and left out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-practice-export-gui"

#include "config.h"

#include <glib/gstdio.h>

#include "alcove-audit-actions.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-practice-archive.h"
#include "alcove-practice-exporter.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

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

static gboolean
result_shown (gpointer heading)
{
  return alcove_test_find_message_dialog (heading) != NULL;
}

/* The message dialog with this heading, without letting the main loop run */
static AdwMessageDialog *
shown_now (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), heading) == 0)
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
folder_is_empty (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name = dir != NULL ? g_dir_read_name (dir) : NULL;

  if (name != NULL)
    g_test_message ("left in the folder: %s", name);
  return dir != NULL && name == NULL;
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
  AlcoveTestGate *gate;
  AlcoveVault *vault;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  vault = alcove_application_get_vault (app);
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

  /* written where chosen, on the worker, 0600, and reported */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  alcove_practice_exporter_write_to (GTK_WINDOW (window), alcove_application_get_vault (app),
                                     destination);
  g_assert_true (alcove_test_wait_until (result_shown, (gpointer) "Practice Exported", 30000));
  dialog = alcove_test_find_message_dialog ("Practice Exported");
  g_assert_null (alcove_test_find_message_dialog ("Exporting the Practice…"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 client"));
  /* the owner cannot open Carl's notes: the report says so, and how to include them */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "carl"));
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "practice-export-done");
  alcove_test_respond (dialog, "close");
  g_assert_cmpint (alcove_test_count_audit (alcove_application_get_vault (app),
                                            ALCOVE_AUDIT_PRACTICE_EXPORT, ""), ==, 1);

  /* cancelled before the worker reaches it: nothing is left in the folder, and nothing to
   * report */
  g_unlink (path);
  gate = alcove_test_hold_worker (alcove_vault_get_worker (vault));
  alcove_practice_exporter_write_to (GTK_WINDOW (window), alcove_application_get_vault (app),
                                     destination);
  /* answered before the main loop runs again, so before the worker can have finished */
  dialog = shown_now ("Exporting the Practice…");
  g_assert_nonnull (dialog);
  alcove_test_respond (dialog, "cancel");
  alcove_test_release_worker (gate);
  alcove_test_run_for (1500);
  g_assert_null (alcove_test_find_message_dialog ("Practice Exported"));
  g_assert_null (alcove_test_find_message_dialog ("The Practice Was Not Exported"));
  g_assert_true (folder_is_empty (folder));

  /* a folder that does not exist: the reason, and nothing written */
  alcove_practice_exporter_write_to (GTK_WINDOW (window), alcove_application_get_vault (app),
                                     missing);
  g_assert_true (alcove_test_wait_until (result_shown, (gpointer) "The Practice Was Not Exported",
                                           30000));
  dialog = alcove_test_find_message_dialog ("The Practice Was Not Exported");
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
