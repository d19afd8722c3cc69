/* alcove-backup-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-backup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-backup.h"
#include "alcove-backup-page.h"
#include "alcove-backup-row.h"

/* Preferences → Backups: the last verified backup and Back Up Now (AlcoveBackupRow, with
 * its progress and Cancel: the backup runs in the core, and the app stays usable), and this
 * computer's automatic backups, in GSettings. */
struct _AlcoveBackupPage
{
  AdwPreferencesPage     parent_instance;

  AlcoveBackupScheduler *scheduler;
  GSettings             *settings;
  GtkNativeDialog       *chooser;

  AdwPreferencesGroup   *now_group;
  AlcoveBackupRow       *backup_row;
  GtkSwitch             *automatic_switch;
  AdwActionRow          *folder_row;
  GtkSpinButton         *interval_spin;
  GtkSpinButton         *daily_spin;
  GtkSpinButton         *monthly_spin;
};

G_DEFINE_FINAL_TYPE (AlcoveBackupPage, alcove_backup_page, ADW_TYPE_PREFERENCES_PAGE)

static void
sync_folder (AlcoveBackupPage *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");

  adw_action_row_set_subtitle (self->folder_row, *folder ? folder
                                                 : _("None chosen: no automatic backups"));
}

gboolean
alcove_backup_page_back_up_to (AlcoveBackupPage  *self,
                               const char        *target,
                               GError           **error)
{
  g_return_val_if_fail (ALCOVE_IS_BACKUP_PAGE (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  return alcove_backup_row_back_up_to (self->backup_row, target, error);
}

void
alcove_backup_page_set_folder (AlcoveBackupPage *self,
                               const char       *folder)
{
  g_return_if_fail (ALCOVE_IS_BACKUP_PAGE (self));

  g_settings_set_string (self->settings, "backup-folder", folder ? folder : "");
}

/* ---- the folder ---- */

static void
folder_response_cb (GtkNativeDialog  *dialog,
                    int               response,
                    AlcoveBackupPage *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT
                          ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  g_clear_object (&self->chooser);
  if (path != NULL)
    alcove_backup_page_set_folder (self, path);
}

static void
choose_folder_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AlcoveBackupPage *self = ALCOVE_BACKUP_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Folder for Automatic Backups"),
                                                                  GTK_IS_WINDOW (root)
                                                                  ? GTK_WINDOW (root) : NULL,
                                                                  GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                                  _("_Select"), _("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (folder_response_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
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
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, now_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, automatic_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, daily_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcoveBackupPage, monthly_spin);
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
  self->backup_row = alcove_backup_row_new (scheduler, settings);
  adw_preferences_group_add (self->now_group, GTK_WIDGET (self->backup_row));
  g_signal_connect_object (settings, "changed::backup-folder", G_CALLBACK (sync_folder), self,
                           G_CONNECT_SWAPPED);
  sync_folder (self);
  return self;
}
