/* alcove-restore-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-restore-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-backup-async.h"
#include "alcove-date.h"
#include "alcove-error.h"
#include "alcove-password-row.h"
#include "alcove-restore-page.h"
#include "alcove-secret.h"

/* The setup assistant's "Restore from a Backup": a backup file, checked whole before
 * anything is written (alcove_backup_verify on a thread), restored into the folder Alcove
 * opens, with the password a person had when it was made or the recovery key. The core
 * refuses a folder that holds anything; the KDF and the copy run off this thread. */
struct _AlcoveRestorePage
{
  AdwBin               parent_instance;

  char                *vault_dir;
  char                *backup_path;
  gboolean             backup_ok;
  gboolean             busy;
  GCancellable        *cancellable;
  GtkNativeDialog     *chooser;

  AdwActionRow        *file_row;
  AdwActionRow        *about_row;
  GtkImage            *about_icon;
  GtkSpinner          *verify_spinner;
  AdwActionRow        *folder_row;
  GtkSwitch           *recovery_switch;
  AdwEntryRow         *username_row;
  AlcovePasswordRow   *secret_row;
  GtkLabel            *message_label;
  GtkSpinner          *restore_spinner;
  GtkWidget           *choose_button;
};

G_DEFINE_FINAL_TYPE (AlcoveRestorePage, alcove_restore_page, ADW_TYPE_BIN)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
using_recovery_key (AlcoveRestorePage *self)
{
  return gtk_switch_get_active (self->recovery_switch);
}

static gboolean
can_restore (AlcoveRestorePage *self)
{
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

  return !self->busy && self->backup_ok && *secret != '\0' &&
         (using_recovery_key (self) || *username != '\0');
}

static void
update_actions (AlcoveRestorePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restore.restore", can_restore (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restore.choose", !self->busy);
}

static void
show_message (AlcoveRestorePage *self,
              const char        *message)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_busy (AlcoveRestorePage *self,
          gboolean           busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->restore_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->username_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->secret_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recovery_switch), !busy);
  update_actions (self);
}

/* ---- what the file is ---- */

static void
describe_backup (AlcoveRestorePage      *self,
                 const AlcoveBackupInfo *info)
{
  g_autofree char *made = alcove_date_format_time (info->created_ms);
  g_autofree char *by = NULL;

  if (info->made_by_name != NULL && *info->made_by_name != '\0')
    /* Translators: a day and time, then a username, e.g. "7 December 2026, 09:15 by dana" */
    by = g_strdup_printf (_("Made on %s by %s"), made, info->made_by_name);
  else
    /* Translators: a day and time */
    by = g_strdup_printf (_("Made on %s with the recovery key"), made);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->about_row), info->practice_name);
  adw_action_row_set_subtitle (self->about_row, by);
  gtk_image_set_from_icon_name (self->about_icon, "emblem-ok-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->about_icon), "error");
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AlcoveRestorePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveBackupInfo) info = alcove_backup_verify_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->vault_dir == NULL)
    return;
  gtk_spinner_set_spinning (self->verify_spinner, FALSE);
  self->backup_ok = info != NULL;
  if (info != NULL)
    describe_backup (self, info);
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->about_row),
                                     _("This backup cannot be restored"));
      adw_action_row_set_subtitle (self->about_row, error->message);
      gtk_image_set_from_icon_name (self->about_icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->about_icon), "error");
    }
  update_actions (self);
}

void
alcove_restore_page_set_file (AlcoveRestorePage *self,
                              const char        *path)
{
  g_return_if_fail (ALCOVE_IS_RESTORE_PAGE (self));
  g_return_if_fail (path != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_free (self->backup_path);
  self->backup_path = g_strdup (path);
  self->backup_ok = FALSE;
  show_message (self, NULL);
  adw_action_row_set_subtitle (self->file_row, path);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->about_row),
                                 _("Checking the backup…"));
  adw_action_row_set_subtitle (self->about_row, _("Every file in it is read and compared"));
  gtk_widget_set_visible (GTK_WIDGET (self->about_row), TRUE);
  gtk_spinner_set_spinning (self->verify_spinner, TRUE);
  update_actions (self);
  alcove_backup_verify_async (path, self->cancellable, verified_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog   *dialog,
                     int                response,
                     AlcoveRestorePage *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT
                          ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  g_clear_object (&self->chooser);
  if (path != NULL)
    alcove_restore_page_set_file (self, path);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlcoveRestorePage *self = ALCOVE_RESTORE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Choose a Backup"),
                                                                  GTK_IS_WINDOW (root)
                                                                  ? GTK_WINDOW (root) : NULL,
                                                                  GTK_FILE_CHOOSER_ACTION_OPEN,
                                                                  _("_Open"), _("_Cancel")));
  gtk_file_filter_set_name (filter, _("Alcove backups"));
  gtk_file_filter_add_suffix (filter, "alcove-backup");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
}

/* ---- restoring ---- */

static void start_restore (AlcoveRestorePage *self,
                           gboolean           accept_older);

AdwMessageDialog *
alcove_restore_confirmation_new (GtkWidget    *over,
                                 const char   *heading,
                                 const GError *error,
                                 const char   *accept_label)
{
  GtkRoot *root = gtk_widget_get_root (over);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, error->message));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "accept", accept_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

AdwMessageDialog *
alcove_restore_disable_again_new (GtkWidget         *over,
                                  const char * const *usernames)
{
  GtkRoot *root = gtk_widget_get_root (over);
  g_autofree char *list = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (usernames == NULL || usernames[0] == NULL)
    return NULL;
  list = g_strjoinv (", ", (char **) usernames);
  /* Translators: %s lists usernames, e.g. "sam, bea" */
  body = g_strdup_printf (_("The backup was made before these people were disabled, so they "
                            "can sign in again: %s. An owner should disable them again in "
                            "Preferences → People, which also replaces the keys they held."),
                          list);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Disable These People Again"), body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
older_response_cb (AdwMessageDialog  *dialog,
                   const char        *response,
                   AlcoveRestorePage *self)
{
  if (g_str_equal (response, "accept"))
    start_restore (self, TRUE);
}

/* This computer saw newer records: the core's message says what would be lost */
static void
confirm_older (AlcoveRestorePage *self,
               const GError      *error)
{
  AdwMessageDialog *dialog = alcove_restore_confirmation_new (GTK_WIDGET (self),
                                                              _("Restore an Older Backup?"),
                                                              error, _("_Restore Anyway"));

  g_signal_connect_object (dialog, "response", G_CALLBACK (older_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
disable_again_response_cb (AlcoveRestorePage *self)
{
  g_signal_emit (self, signals[RESTORED], 0);
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AlcoveRestorePage) self = user_data;
  g_auto(AlcoveRestoreResult) restored = { 0 };
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (self->vault_dir == NULL)
    return;
  set_busy (self, FALSE);
  if (!alcove_backup_restore_finish (result, &restored, &error))
    {
      if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_RESTORED))
        confirm_older (self, error);
      else
        show_message (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  dialog = alcove_restore_disable_again_new (GTK_WIDGET (self),
                                             (const char * const *) restored.disable_again);
  if (dialog != NULL)
    g_signal_connect_object (dialog, "response", G_CALLBACK (disable_again_response_cb), self,
                             G_CONNECT_SWAPPED);
  else
    g_signal_emit (self, signals[RESTORED], 0);
}

static void
start_restore (AlcoveRestorePage *self,
               gboolean           accept_older)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  g_autoptr(AlcoveSecret) secret = alcove_secret_new_from_data (text, strlen (text));
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  g_autofree char *username = g_strstrip (g_strdup (typed));

  if (!can_restore (self))
    return;
  show_message (self, NULL);
  set_busy (self, TRUE);
  alcove_backup_restore_async (self->backup_path, self->vault_dir,
                               using_recovery_key (self) ? NULL : username, secret, accept_older,
                               NULL, restored_cb, g_object_ref (self));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  start_restore (ALCOVE_RESTORE_PAGE (widget), FALSE);
}

/* ---- signal handlers ---- */

static void
recovery_toggled_cb (AlcoveRestorePage *self)
{
  gboolean recovery = using_recovery_key (self);

  gtk_widget_set_visible (GTK_WIDGET (self->username_row), !recovery);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                 recovery ? _("Recovery _Key")
                                          : _("_Password When the Backup Was Made"));
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  update_actions (self);
}

static void
credentials_changed_cb (AlcoveRestorePage *self)
{
  update_actions (self);
}

static void
secret_activated_cb (AlcoveRestorePage *self)
{
  start_restore (self, FALSE);
}

/* ---- object ---- */

void
alcove_restore_page_focus (AlcoveRestorePage *self)
{
  g_return_if_fail (ALCOVE_IS_RESTORE_PAGE (self));

  gtk_widget_grab_focus (self->backup_path == NULL ? self->choose_button
                                                   : GTK_WIDGET (self->username_row));
}

static void
alcove_restore_page_dispose (GObject *object)
{
  AlcoveRestorePage *self = ALCOVE_RESTORE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  /* answers that come back now find no folder, and do nothing */
  g_clear_pointer (&self->vault_dir, g_free);
  g_clear_pointer (&self->backup_path, g_free);

  G_OBJECT_CLASS (alcove_restore_page_parent_class)->dispose (object);
}

static void
alcove_restore_page_class_init (AlcoveRestorePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_restore_page_dispose;

  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ALCOVE_TYPE_PASSWORD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-restore-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveRestorePage, file_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRestorePage, about_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRestorePage, about_icon);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRestorePage, verify_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRestorePage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRestorePage, recovery_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRestorePage, username_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRestorePage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRestorePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRestorePage, restore_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRestorePage, choose_button);
  gtk_widget_class_bind_template_callback (widget_class, recovery_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, credentials_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, secret_activated_cb);
  gtk_widget_class_install_action (widget_class, "restore.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "restore.restore", NULL, restore_action);
}

static void
alcove_restore_page_init (AlcoveRestorePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

AlcoveRestorePage *
alcove_restore_page_new (const char *vault_dir)
{
  AlcoveRestorePage *self;

  g_return_val_if_fail (vault_dir != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_RESTORE_PAGE, NULL);
  self->vault_dir = g_strdup (vault_dir);
  adw_action_row_set_subtitle (self->folder_row, vault_dir);
  return self;
}
