/* test-backup-gui.c — backups in the real window: Back Up Now from Preferences → Backups,
 * automatic backups after unlock and their pruning, a missing folder shown quietly, Home's
 * row, the setup assistant's restore and the login page's restored-vault confirmation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-backup-gui"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alcove-application.h"
#include "alcove-backup.h"
#include "alcove-backup-page.h"
#include "alcove-backup-row.h"
#include "alcove-checklist.h"
#include "alcove-gui-test-utils.h"
#include "alcove-login-page.h"
#include "alcove-password-row.h"
#include "alcove-preferences-window.h"
#include "alcove-privacy-dashboard.h"
#include "alcove-restore-page.h"
#include "alcove-setup-page.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

#define WAIT_MS 90000

static char *backup_folder;

/* ---- helpers ---- */

static char *
test_dir (const char *name)
{
  char *dir = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static guint
count_backups (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ALCOVE_BACKUP_SUFFIX))
      n++;
  return n;
}

static char *
first_backup (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ALCOVE_BACKUP_SUFFIX))
      return g_build_filename (folder, name, NULL);
  return NULL;
}

static gboolean
idle_cb (gpointer data)
{
  return !alcove_backup_scheduler_get_busy (data);
}

static gboolean
one_backup_cb (gpointer data)
{
  return count_backups (data) == 1;
}

static void
wait_idle (AlcoveApplication *app)
{
  alcove_test_run_for (100);
  g_assert_true (alcove_test_wait_until (idle_cb, alcove_application_get_backups (app), WAIT_MS));
  alcove_test_run_for (200);
}

static AlcoveChecklistStatus
backups_item_status (AlcoveWindow *window)
{
  GtkStack *content = alcove_main_page_get_content (alcove_window_get_main_page (window));
  GtkWidget *dashboard = gtk_stack_get_child_by_name (content, "privacy");
  GPtrArray *items = alcove_privacy_dashboard_get_items (ALCOVE_PRIVACY_DASHBOARD (dashboard));

  return ((AlcoveChecklistItem *) g_ptr_array_index (items, ALCOVE_CHECKLIST_BACKUPS))->status;
}

/* Home, in front even when the window is folded to one column */
static void
show_home (AlcoveWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (alcove_window_get_main_page (window)),
                              "main.show-section", "s", "home");
  alcove_test_run_for (500);
}

static void
make_vault (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);

  alcove_vault_lock (created);
}

static GSettings *
app_settings (void)
{
  return g_settings_new (BASE_APPLICATION_ID);
}

static void
reset_backup_settings (void)
{
  g_autoptr(GSettings) settings = app_settings ();
  const char *keys[] = { "backup-folder", "backup-automatic", "backup-interval-hours",
                         "backup-keep-daily", "backup-keep-monthly" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

/* ---- Back Up Now, from the page ---- */

static void
back_up_now_scenario (AlcoveApplication *app,
                      AlcoveWindow      *window)
{
  g_autofree char *folder = test_dir ("by-hand");
  g_autofree char *path = NULL;
  g_autofree char *missing = g_build_filename (folder, "gone", "x" ALCOVE_BACKUP_SUFFIX, NULL);
  g_autoptr(AlcoveBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  AdwPreferencesWindow *preferences;
  AlcoveBackupPage *page;
  AdwMessageDialog *dialog;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  /* Home says there is none yet */
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "Never backed up"));
  g_assert_cmpint (backups_item_status (window), ==, ALCOVE_CHECKLIST_NEEDS_ATTENTION);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (window), "backup-home-never");

  g_action_group_activate_action (G_ACTION_GROUP (app), "backups", NULL);
  alcove_test_run_for (500);
  preferences = ADW_PREFERENCES_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (preferences), ==, "backups");
  page = ALCOVE_BACKUP_PAGE (alcove_test_get_widget (preferences, ALCOVE_TYPE_BACKUP_PAGE, NULL));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (page), "Never backed up"));

  /* a place that is not there: a clear message, nothing written, and the app goes on */
  g_assert_true (alcove_backup_page_back_up_to (page, missing, &error));
  g_assert_no_error (error);
  wait_idle (app);
  dialog = alcove_test_find_message_dialog ("The Backup Was Not Made");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Nothing in the vault was changed"));
  alcove_test_respond (dialog, "close");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (page), "Never backed up"));

  /* into a folder: the file is named there, checked, and the page says when */
  g_assert_true (alcove_backup_page_back_up_to (page, folder, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_backup_scheduler_get_busy (alcove_application_get_backups (app)));
  /* one at a time */
  g_assert_false (alcove_backup_page_back_up_to (page, folder, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  wait_idle (app);
  g_assert_cmpuint (count_backups (folder), ==, 1);
  path = first_backup (folder);
  info = alcove_backup_verify (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (page), "verified by reading it back"));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (page), "Never backed up"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "verified by reading it back"));
  /* and the privacy dashboard's backups item is met */
  g_assert_cmpint (backups_item_status (window), ==, ALCOVE_CHECKLIST_CURRENT);

  gtk_window_set_default_size (GTK_WINDOW (preferences), 1366, 768);
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (preferences), "backup-page");
  gtk_window_set_default_size (GTK_WINDOW (preferences), 400, 768);
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (preferences), "backup-page-narrow");
  gtk_window_destroy (GTK_WINDOW (preferences));
  alcove_test_run_for (200);
  alcove_test_save_screenshots (GTK_WIDGET (window), "backup-home");
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 768);
  alcove_test_run_for (500);
  show_home (window);
  alcove_test_save_screenshots (GTK_WIDGET (window), "backup-home-narrow");
}

static void
test_back_up_now (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "now", NULL);

  reset_backup_settings ();
  make_vault (dir);
  alcove_test_run_app (dir, 1366, 768, back_up_now_scenario);
}

/* ---- automatic backups ---- */

static void
automatic_scenario (AlcoveApplication *app,
                    AlcoveWindow      *window)
{
  g_autofree char *first = NULL;
  g_autofree char *older = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveBackupScheduler *backups = alcove_application_get_backups (app);

  /* the unlock makes the first one at once: never backed up */
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  wait_idle (app);
  g_assert_cmpuint (count_backups (backup_folder), ==, 1);
  g_assert_cmpint (alcove_backup_scheduler_get_last_backup_ms (backups), >, 0);
  g_assert_null (alcove_backup_scheduler_get_problem (backups));

  /* a second copy of it, as an older one of the same day would be: the next backup into
   * the folder keeps only the newest of today (keep-daily 1, keep-monthly 0) */
  first = first_backup (backup_folder);
  older = g_build_filename (backup_folder, "alcove-older" ALCOVE_BACKUP_SUFFIX, NULL);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (first, &contents, &length, &error));
    g_assert_true (g_file_set_contents (older, contents, length, &error));
  }
  g_assert_cmpuint (count_backups (backup_folder), ==, 2);
  /* not due again within the hour: nothing new */
  alcove_backup_scheduler_check (backups);
  g_assert_false (alcove_backup_scheduler_get_busy (backups));
  g_usleep (1100 * 1000);  /* another second: another file name */
  g_assert_true (alcove_backup_scheduler_back_up (backups, backup_folder, &error));
  g_assert_no_error (error);
  wait_idle (app);
  g_assert_true (alcove_test_wait_until (one_backup_cb, backup_folder, WAIT_MS));
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (older, G_FILE_TEST_EXISTS));
}

static void
missing_folder_scenario (AlcoveApplication *app,
                         AlcoveWindow      *window)
{
  AlcoveBackupScheduler *backups = alcove_application_get_backups (app);

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  alcove_test_run_for (300);
  /* no popup: Home says it, quietly */
  g_assert_false (alcove_backup_scheduler_get_busy (backups));
  g_assert_nonnull (alcove_backup_scheduler_get_problem (backups));
  g_assert_null (alcove_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "is not available"));
  show_home (window);
  alcove_test_save_screenshots (GTK_WIDGET (window), "backup-home-missing-folder");
}

static void
test_automatic (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "automatic", NULL);
  g_autoptr(GSettings) settings = app_settings ();

  reset_backup_settings ();
  make_vault (dir);
  backup_folder = test_dir ("usb-stick");
  g_settings_set_string (settings, "backup-folder", backup_folder);
  g_settings_set_uint (settings, "backup-keep-daily", 1);
  g_settings_set_uint (settings, "backup-keep-monthly", 0);
  alcove_test_run_app (dir, 1000, 720, automatic_scenario);
  g_clear_pointer (&backup_folder, g_free);

  /* the stick unplugged */
  g_settings_set_string (settings, "backup-folder", "/nonexistent/usb-stick");
  alcove_test_run_app (dir, 1000, 720, missing_folder_scenario);
}

/* ---- the login page on a vault restored from an older backup ---- */

static gboolean
unlocked_cb (gpointer data)
{
  return !alcove_vault_get_locked (data);
}

/* dana's computer saw the vault after the backup was made; the vault is then restored (with
 * the recovery key, accepting the older files) and put where it was: the login page asks,
 * naming what is lost, and opens it once confirmed */
static void
test_login_restored (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "restored", NULL);
  g_autofree char *restored = g_build_filename (g_get_user_data_dir (), "restored-new", NULL);
  g_autofree char *old = g_build_filename (g_get_user_data_dir (), "restored-old", NULL);
  g_autofree char *backup = g_build_filename (g_get_user_data_dir (), "restored" ALCOVE_BACKUP_SUFFIX,
                                              NULL);
  g_autofree char *code = NULL;
  AlcoveVault *vault = alcove_test_create_vault (dir, &code);
  g_autoptr(AlcoveSecret) recovery = alcove_test_secret (code);
  g_autoptr(AlcoveBackupInfo) info = NULL;
  g_auto(AlcoveRestoreResult) result = { 0 };
  AlcoveRestoreCredentials credentials = { NULL, recovery, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveVault) reopened = NULL;
  AlcoveClientStore *clients = NULL;
  AlcoveNoteStore *notes = NULL;
  AlcoveLoginPage *page;
  AdwMessageDialog *dialog;
  GtkWindow *window;
  GtkWidget *row;

  alcove_vault_lock (vault);
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  info = alcove_backup_create (vault, backup, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* written after the backup: this computer sees it */
  alcove_test_open_stores (vault, &clients, &notes);
  g_free (alcove_test_add_client (clients, "Written After"));
  alcove_test_close_stores (&vault, &clients, &notes);
  g_assert_true (alcove_backup_restore (backup, restored, &credentials, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (dir, old), ==, 0);
  g_assert_cmpint (g_rename (restored, dir), ==, 0);

  reopened = alcove_vault_new (dir);
  page = alcove_login_page_new (reopened);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 720, 640);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  alcove_test_run_for (500);
  row = alcove_test_get_widget (page, ALCOVE_TYPE_PASSWORD_ROW, "password_row");
  gtk_editable_set_text (GTK_EDITABLE (row), TEST_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (page), "login.unlock", NULL);
  dialog = NULL;
  for (guint i = 0; i < 100 && dialog == NULL && alcove_vault_get_locked (reopened); i++)
    dialog = alcove_test_find_message_dialog ("Open the Restored Vault?");
  if (dialog == NULL)
    g_test_message ("locked %d, says: %s", alcove_vault_get_locked (reopened),
                    gtk_label_get_text (GTK_LABEL (alcove_test_get_widget (page, GTK_TYPE_LABEL,
                                                                           "error_label"))));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "is not in it"));
  g_assert_true (alcove_vault_get_locked (reopened));
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "backup-login-restored");
  alcove_test_respond (dialog, "accept");
  g_assert_true (alcove_test_wait_until (unlocked_cb, reopened, WAIT_MS));
  alcove_vault_lock (reopened);
  gtk_window_destroy (window);
  alcove_test_run_for (100);
}

/* ---- the setup assistant restores a backup into a new folder ---- */

static char *restore_backup;

static gboolean
verified_cb (gpointer data)
{
  return alcove_test_tree_has_text (data, "Harbor Counseling");
}

static gboolean
login_shown_cb (gpointer data)
{
  return g_strcmp0 (alcove_window_get_page (data), "login") == 0;
}

static gboolean
older_asked_cb (gpointer data)
{
  return alcove_test_find_message_dialog ("Restore an Older Backup?") != NULL ||
         login_shown_cb (data);
}

static void
restore_scenario (AlcoveApplication *app,
                  AlcoveWindow      *window)
{
  g_autofree char *damaged = g_build_filename (g_get_user_data_dir (), "damaged" ALCOVE_BACKUP_SUFFIX,
                                               NULL);
  AlcoveRestorePage *restore;
  AdwMessageDialog *dialog;

  g_assert_cmpstr (alcove_window_get_page (window), ==, "setup");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "Restore from a Backup…"));
  gtk_widget_activate_action (alcove_test_get_widget (window, ALCOVE_TYPE_SETUP_PAGE, NULL),
                              "setup.restore", NULL);
  alcove_test_run_for (500);
  restore = ALCOVE_RESTORE_PAGE (alcove_test_get_widget (window, ALCOVE_TYPE_RESTORE_PAGE, NULL));

  /* a damaged file says so, and cannot be restored */
  g_assert_true (g_file_set_contents (damaged, "not a backup", -1, NULL));
  alcove_restore_page_set_file (restore, damaged);
  alcove_test_run_for (500);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (restore), "This backup cannot be restored"));
  alcove_test_set_text (GTK_WIDGET (restore), "username_row", "dana");
  alcove_test_set_text (GTK_WIDGET (restore), "secret_row", TEST_PASSWORD);
  g_assert_false (gtk_widget_get_sensitive (alcove_test_get_widget (restore, GTK_TYPE_BUTTON,
                                                                    "restore_button")));
  g_assert_cmpstr (alcove_window_get_page (window), ==, "setup");

  /* the real one: what it is, then the password dana had then */
  alcove_restore_page_set_file (restore, restore_backup);
  g_assert_true (alcove_test_wait_until (verified_cb, restore, WAIT_MS));
  g_assert_true (gtk_widget_get_sensitive (alcove_test_get_widget (restore, GTK_TYPE_BUTTON,
                                                                   "restore_button")));
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (window), "backup-setup-restore");
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 768);
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (window), "backup-setup-restore-narrow");
  gtk_widget_activate_action (GTK_WIDGET (restore), "restore.restore", NULL);

  /* this computer saw the practice after the backup was made: it asks first */
  g_assert_true (alcove_test_wait_until (older_asked_cb, window, WAIT_MS));
  dialog = alcove_test_find_message_dialog ("Restore an Older Backup?");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "is not in it"));
  alcove_test_respond (dialog, "accept");
  g_assert_true (alcove_test_wait_until (login_shown_cb, window, WAIT_MS));
  g_assert_true (alcove_vault_exists (alcove_application_get_vault (app)));

  /* and the login then opens it */
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  g_assert_cmpstr (alcove_window_get_page (window), ==, "main");
}

static void
test_setup_restore (void)
{
  g_autofree char *source = g_build_filename (g_get_user_data_dir (), "source", NULL);
  g_autofree char *target = g_build_filename (g_get_user_data_dir (), "new-computer", "vault",
                                              NULL);
  g_autoptr(AlcoveVault) vault = NULL;
  g_autoptr(AlcoveBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  reset_backup_settings ();
  make_vault (source);
  vault = alcove_test_unlocked_vault (source, "dana", TEST_PASSWORD);
  restore_backup = g_build_filename (g_get_user_data_dir (), "source" ALCOVE_BACKUP_SUFFIX, NULL);
  info = alcove_backup_create (vault, restore_backup, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  alcove_vault_lock (vault);
  alcove_test_run_app (target, 1000, 720, restore_scenario);
  g_clear_pointer (&restore_backup, g_free);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/backup-gui/back-up-now", test_back_up_now);
  g_test_add_func ("/backup-gui/automatic", test_automatic);
  g_test_add_func ("/backup-gui/login-restored", test_login_restored);
  g_test_add_func ("/backup-gui/setup-restore", test_setup_restore);

  return g_test_run ();
}
