/* alcove-backup-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-backup-row"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-backup-row.h"

/* One row, on Home and on Preferences → Backups, over the application's one scheduler:
 * whichever is on screen shows the outcome of a backup asked for by hand as a toast. */
struct _AlcoveBackupRow
{
  AdwActionRow           parent_instance;

  AlcoveBackupScheduler *scheduler;
  GSettings             *settings;
  GtkNativeDialog       *chooser;

  GtkImage              *icon;
  GtkProgressBar        *progress_bar;
  GtkWidget             *cancel_button;
  GtkWidget             *back_up_button;
  gboolean               asked;      /* the backup under way was asked for here */
};

G_DEFINE_FINAL_TYPE (AlcoveBackupRow, alcove_backup_row, ADW_TYPE_ACTION_ROW)

static void
show_toast (AlcoveBackupRow *self,
            const char      *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static void
sync_last (AlcoveBackupRow *self)
{
  gboolean stale = FALSE;
  g_autofree char *last = alcove_backup_scheduler_describe_last (self->scheduler, &stale);
  const char *problem = alcove_backup_scheduler_get_problem (self->scheduler);
  gboolean warn = stale || problem != NULL;
  g_autofree char *subtitle = NULL;

  if (problem != NULL)
    subtitle = g_strconcat (last, "\n", problem, NULL);
  else if (stale)
    subtitle = g_strconcat (last, "\n",
                            _("Make a backup now, and keep it apart from this computer"), NULL);
  else
    /* Translators: %s is a day and time, e.g. "7 December 2026, 09:15" */
    subtitle = g_strdup_printf (_("%s, verified by reading it back"), last);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_image_set_from_icon_name (self->icon, warn ? "dialog-warning-symbolic"
                                                 : "emblem-ok-symbolic");
  if (warn)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
}

static void
sync_progress (AlcoveBackupRow *self)
{
  gboolean busy = alcove_backup_scheduler_get_busy (self->scheduler);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_widget_set_visible (self->cancel_button, busy);
  gtk_widget_set_visible (self->back_up_button, !busy);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 alcove_backup_scheduler_get_fraction (self->scheduler));
}

static void
show_failure (AlcoveBackupRow *self,
              const GError    *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("The Backup Was Not Made"),
                                                       error->message));
  adw_message_dialog_format_body (dialog, "%s\n\n%s", error->message,
                                  _("Nothing in the vault was changed, and no partial file was "
                                    "left. Choose a place with enough free space that you can "
                                    "write to, such as a plugged-in USB stick, and try again."));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The row the backup was asked for from tells how it went */
static void
finished_cb (AlcoveBackupRow *self,
             const char      *path,
             const GError    *error,
             gboolean         automatic)
{
  g_autofree char *name = path ? g_path_get_basename (path) : NULL;
  g_autofree char *message = NULL;

  if (automatic || !self->asked)
    return;
  self->asked = FALSE;
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, _("Backup cancelled; nothing was left behind"));
  else if (error != NULL)
    show_failure (self, error);
  else
    {
      /* Translators: %s is a file name */
      message = g_strdup_printf (_("Backed up and verified: %s"), name);
      show_toast (self, message);
    }
}

gboolean
alcove_backup_row_back_up_to (AlcoveBackupRow  *self,
                              const char       *target,
                              GError          **error)
{
  g_return_val_if_fail (ALCOVE_IS_BACKUP_ROW (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (!alcove_backup_scheduler_back_up (self->scheduler, target, error))
    return FALSE;
  self->asked = TRUE;
  return TRUE;
}

/* ---- Back Up Now ---- */

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  AlcoveBackupRow *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT
                          ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  if (path != NULL && !alcove_backup_row_back_up_to (self, path, &error))
    show_toast (self, error->message);
}

static void
back_up_clicked_cb (AlcoveBackupRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");
  g_autofree char *name = alcove_backup_scheduler_suggest_name (self->scheduler);

  if (self->chooser != NULL)
    return;
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Back Up the Vault"),
                                                                  GTK_IS_WINDOW (root)
                                                                  ? GTK_WINDOW (root) : NULL,
                                                                  GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                  _("_Back Up"), _("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  /* a USB stick plugged in for the automatic backups is the likely place */
  if (*folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), file, NULL);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
}

static void
cancel_clicked_cb (AlcoveBackupRow *self)
{
  alcove_backup_scheduler_cancel (self->scheduler);
}

/* ---- object ---- */

static GtkWidget *
suffix_button (AlcoveBackupRow *self,
               const char      *label,
               GCallback        clicked)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", clicked, self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), button);
  return button;
}

static void
alcove_backup_row_dispose (GObject *object)
{
  AlcoveBackupRow *self = ALCOVE_BACKUP_ROW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alcove_backup_row_parent_class)->dispose (object);
}

static void
alcove_backup_row_class_init (AlcoveBackupRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = alcove_backup_row_dispose;
}

static void
alcove_backup_row_init (AlcoveBackupRow *self)
{
  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Backup status"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), GTK_WIDGET (self->icon));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Last Backup"));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 0);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress_bar), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->progress_bar), 80, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Backup progress"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->progress_bar));
  self->cancel_button = suffix_button (self, _("_Cancel"), G_CALLBACK (cancel_clicked_cb));
  gtk_widget_set_tooltip_text (self->cancel_button, _("Stop the backup; nothing is left behind"));
  self->back_up_button = suffix_button (self, _("_Back Up Now…"),
                                        G_CALLBACK (back_up_clicked_cb));
  gtk_widget_set_tooltip_text (self->back_up_button,
                               _("Choose a place for a backup of the whole vault"));
  gtk_widget_add_css_class (self->back_up_button, "suggested-action");
}

AlcoveBackupRow *
alcove_backup_row_new (AlcoveBackupScheduler *scheduler,
                       GSettings             *settings)
{
  AlcoveBackupRow *self;
  const char *last_signals[] = { "notify::last-backup-ms", "notify::problem" };

  g_return_val_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ALCOVE_TYPE_BACKUP_ROW, NULL);
  self->scheduler = g_object_ref (scheduler);
  self->settings = g_object_ref (settings);
  for (guint i = 0; i < G_N_ELEMENTS (last_signals); i++)
    g_signal_connect_object (scheduler, last_signals[i], G_CALLBACK (sync_last), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "notify::busy", G_CALLBACK (sync_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "notify::fraction", G_CALLBACK (sync_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "finished", G_CALLBACK (finished_cb), self,
                           G_CONNECT_SWAPPED);
  sync_last (self);
  sync_progress (self);
  return self;
}
