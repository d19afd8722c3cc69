/* alcove-backup-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-backup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-backup.h"
#include "alcove-backup-page.h"

/* Preferences → Backups: the last verified backup, Back Up Now, and this computer's
 * automatic backups (GSettings). The backup itself runs in the core, off this thread: the
 * page shows its progress and a Cancel button, and the app stays usable. */
struct _AlcoveBackupPage
{
  AdwPreferencesPage     parent_instance;

  AlcoveBackupScheduler *scheduler;
  GSettings             *settings;
  GtkNativeDialog       *chooser;

  AdwActionRow          *last_row;
  GtkImage              *last_icon;
  GtkWidget             *back_up_button;
  AdwActionRow          *progress_row;
  GtkProgressBar        *progress_bar;
  GtkSwitch             *automatic_switch;
  AdwActionRow          *folder_row;
  GtkSpinButton         *interval_spin;
  GtkSpinButton         *daily_spin;
  GtkSpinButton         *monthly_spin;
};

G_DEFINE_FINAL_TYPE (AlcoveBackupPage, alcove_backup_page, ADW_TYPE_PREFERENCES_PAGE)

static void
show_toast (AlcoveBackupPage *self,
            const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static void
sync_last (AlcoveBackupPage *self)
{
  gboolean stale = FALSE;
  g_autofree char *last = alcove_backup_scheduler_describe_last (self->scheduler, &stale);
  const char *problem = alcove_backup_scheduler_get_problem (self->scheduler);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->last_row), last);
  adw_action_row_set_subtitle (self->last_row,
                               problem != NULL ? problem
                               : stale ? _("Make a backup now, and keep it apart from this computer")
                                       : _("Verified by reading it back"));
  gtk_image_set_from_icon_name (self->last_icon, stale || problem ? "dialog-warning-symbolic"
                                                                  : "emblem-ok-symbolic");
  if (stale || problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->last_icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->last_icon), "warning");
}

static void
sync_progress (AlcoveBackupPage *self)
{
  gboolean busy = alcove_backup_scheduler_get_busy (self->scheduler);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), busy);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 alcove_backup_scheduler_get_fraction (self->scheduler));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.back-up", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.cancel", busy);
}

static void
sync_folder (AlcoveBackupPage *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");

  adw_action_row_set_subtitle (self->folder_row, *folder ? folder
                                                 : _("None chosen: no automatic backups"));
}

static void
finished_cb (AlcoveBackupPage *self,
             const char       *path,
             const GError     *error,
             gboolean          automatic)
{
  g_autofree char *name = path ? g_path_get_basename (path) : NULL;
  g_autofree char *message = NULL;

  if (automatic)
    return;
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (_("Backup cancelled; nothing was left behind"));
  else if (error != NULL)
    /* Translators: %s says why, e.g. "No space left on device" */
    message = g_strdup_printf (_("The backup was not made: %s"), error->message);
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Backed up and verified: %s"), name);
  show_toast (self, message);
}

gboolean
alcove_backup_page_back_up_to (AlcoveBackupPage  *self,
                               const char        *target,
                               GError           **error)
{
  g_return_val_if_fail (ALCOVE_IS_BACKUP_PAGE (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  return alcove_backup_scheduler_back_up (self->scheduler, target, error);
}

void
alcove_backup_page_set_folder (AlcoveBackupPage *self,
                               const char       *folder)
{
  g_return_if_fail (ALCOVE_IS_BACKUP_PAGE (self));

  g_settings_set_string (self->settings, "backup-folder", folder ? folder : "");
}

/* ---- the choosers ---- */

static char *
chosen_path (GtkNativeDialog *dialog)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  return file ? g_file_get_path (file) : NULL;
}

static void
save_response_cb (GtkNativeDialog  *dialog,
                  int               response,
                  AlcoveBackupPage *self)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (dialog) : NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  if (path != NULL && !alcove_backup_page_back_up_to (self, path, &error))
    show_toast (self, error->message);
}

static void
folder_response_cb (GtkNativeDialog  *dialog,
                    int               response,
                    AlcoveBackupPage *self)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (dialog) : NULL;

  g_clear_object (&self->chooser);
  if (path != NULL)
    alcove_backup_page_set_folder (self, path);
}

static void
open_chooser (AlcoveBackupPage     *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept,
              GCallback             response_cb)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (title,
                                                                  GTK_IS_WINDOW (root)
                                                                  ? GTK_WINDOW (root) : NULL,
                                                                  action, accept, _("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (self->chooser, "response", response_cb, self, 0);
}

static void
back_up_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AlcoveBackupPage *self = ALCOVE_BACKUP_PAGE (widget);
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");
  g_autofree char *name = alcove_backup_scheduler_suggest_name (self->scheduler);

  open_chooser (self, _("Back Up the Vault"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"),
                G_CALLBACK (save_response_cb));
  if (self->chooser == NULL)
    return;
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (*folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), file, NULL);
    }
  gtk_native_dialog_show (self->chooser);
}

static void
choose_folder_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AlcoveBackupPage *self = ALCOVE_BACKUP_PAGE (widget);

  open_chooser (self, _("Folder for Automatic Backups"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                _("_Select"), G_CALLBACK (folder_response_cb));
  if (self->chooser != NULL)
    gtk_native_dialog_show (self->chooser);
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  alcove_backup_scheduler_cancel (ALCOVE_BACKUP_PAGE (widget)->scheduler);
}

/* ---- object ---- */

static void
alcove_backup_page_dispose (GObject *object)
{
  AlcoveBackupPage *self = ALCOVE_BACKUP_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alcove_backup_page_parent_class)->dispose (object);
}

static void
alcove_backup_page_class_init (AlcoveBackupPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_backup_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-backup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, last_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, last_icon);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, progress_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, automatic_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, daily_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, monthly_spin);
  gtk_widget_class_install_action (widget_class, "backups.back-up", NULL, back_up_action_cb);
  gtk_widget_class_install_action (widget_class, "backups.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "backups.choose-folder", NULL,
                                   choose_folder_action_cb);
}

static void
alcove_backup_page_init (AlcoveBackupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AlcoveBackupPage *
alcove_backup_page_new (AlcoveBackupScheduler *scheduler,
                        GSettings             *settings)
{
  AlcoveBackupPage *self;
  const char *last_signals[] = { "notify::last-backup-ms", "notify::problem" };

  g_return_val_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ALCOVE_TYPE_BACKUP_PAGE, NULL);
  self->scheduler = g_object_ref (scheduler);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "backup-automatic", self->automatic_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "backup-interval-hours", self->interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "backup-keep-daily", self->daily_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "backup-keep-monthly", self->monthly_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (last_signals); i++)
    g_signal_connect_object (scheduler, last_signals[i], G_CALLBACK (sync_last), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "notify::busy", G_CALLBACK (sync_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "notify::fraction", G_CALLBACK (sync_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "finished", G_CALLBACK (finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::backup-folder", G_CALLBACK (sync_folder), self,
                           G_CONNECT_SWAPPED);
  sync_last (self);
  sync_progress (self);
  sync_folder (self);
  return self;
}
