/* alcove-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "alcove-backup-page.h"
#include "alcove-cosign-policy-group.h"
#include "alcove-custodian-page.h"
#include "alcove-jurisdiction-group.h"
#include "alcove-password-row.h"
#include "alcove-plan-review-group.h"
#include "alcove-people-page.h"
#include "alcove-format-page.h"
#include "alcove-preferences-window.h"
#include "alcove-window.h"

/* Locking, the keyring of this computer, the password, and where the vault lives. It closes
 * itself when the vault locks: every action here needs the signed-in user's keys. What
 * waits on a KDF, the keyring or a re-key is asked of the core's _async functions, so the
 * windows keep drawing meanwhile. */
struct _AlcovePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AlcoveVault          *vault;
  GSettings            *settings;

  GtkSpinButton        *auto_lock_spin;
  GtkSwitch            *screensaver_switch;
  GtkSwitch            *suspend_switch;
  GtkSwitch            *keyring_switch;
  AdwActionRow         *location_row;
  AlcovePasswordRow    *current_password;
  AlcovePasswordRow    *new_password;
  AlcovePasswordRow    *confirm_password;
  AdwPreferencesGroup  *recovery_group;
  AdwComboRow          *confirmer_row;
  AlcovePasswordRow    *confirmer_secret;
  GStrv                 confirmers;     /* owners' usernames, in the row's order; then the
                                         * recovery key */
  GtkLabel             *password_message;
  GtkProgressBar       *password_progress;
  GtkButton            *change_password_button;
  gboolean              updating_keyring;

  guint                 pulse_source;   /* until the re-key says how far it got */
  GCancellable         *cancellable;    /* what this window waits for; cancelled as it goes */
  AlcoveWindow         *busy_window;    /* the main window, waiting for a re-key */
};

G_DEFINE_FINAL_TYPE (AlcovePreferencesWindow, alcove_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static AlcoveSecret *
take_secret (AlcovePasswordRow   *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  AlcoveSecret *secret = alcove_secret_new_from_data (text, strlen (text));

  return secret;
}

static void
show_toast (AlcovePreferencesWindow *self,
            const char              *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* ---- keyring ---- */

static void
sync_keyring_switch (AlcovePreferencesWindow *self)
{
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);

  self->updating_keyring = TRUE;
  gtk_switch_set_active (self->keyring_switch, user && alcove_user_get_has_keyring_slot (user));
  self->updating_keyring = FALSE;
}

/* This window's own answers, once it is gone, are no one's */
static gboolean
is_gone (AlcovePreferencesWindow *self)
{
  return self->vault == NULL;
}

static void
keyring_changed (AlcovePreferencesWindow *self,
                 gboolean                 state,
                 gboolean                 done,
                 const GError            *error)
{
  if (is_gone (self))
    return;
  if (!done)
    show_toast (self, error->message);
  else
    show_toast (self, state ? _("Alcove will open with your login keyring on this computer")
                            : _("Alcove will ask for your password on this computer"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->keyring_switch), TRUE);
  sync_keyring_switch (self);
}

static void
keyring_slot_added_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AlcovePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = alcove_vault_add_keyring_slot_finish (ALCOVE_VAULT (source), result, &error);

  keyring_changed (self, TRUE, done, error);
}

static void
keyring_slot_removed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(AlcovePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = alcove_vault_remove_keyring_slot_finish (ALCOVE_VAULT (source), result,
                                                           &error);

  keyring_changed (self, FALSE, done, error);
}

/* The switch follows the vault's answer, not the click: it waits, insensitive, for the
 * keyring */
static gboolean
keyring_state_set_cb (GtkSwitch               *widget,
                      gboolean                 state,
                      AlcovePreferencesWindow *self)
{
  if (self->updating_keyring)
    return FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->keyring_switch), FALSE);
  if (state)
    alcove_vault_add_keyring_slot_async (self->vault, self->cancellable, keyring_slot_added_cb,
                                         g_object_ref (self));
  else
    alcove_vault_remove_keyring_slot_async (self->vault, self->cancellable,
                                            keyring_slot_removed_cb, g_object_ref (self));
  return TRUE;
}

/* ---- password ---- */

static gboolean
needs_confirmation (AlcovePreferencesWindow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->confirmer_row));
}

static gboolean
confirming_with_recovery_key (AlcovePreferencesWindow *self)
{
  return adw_combo_row_get_selected (self->confirmer_row) >= g_strv_length (self->confirmers);
}

static void
show_password_message (AlcovePreferencesWindow *self,
                       const char              *message,
                       gboolean                 is_error)
{
  gtk_label_set_text (self->password_message, message);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->password_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->password_message), "error");
}

static void
password_changed_cb (AlcovePreferencesWindow *self)
{
  const char *new_text = gtk_editable_get_text (GTK_EDITABLE (self->new_password));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_password));
  const char *current = gtk_editable_get_text (GTK_EDITABLE (self->current_password));
  const char *confirmer = gtk_editable_get_text (GTK_EDITABLE (self->confirmer_secret));

  gtk_widget_set_sensitive (GTK_WIDGET (self->change_password_button),
                            *current != '\0' && *new_text != '\0' && g_str_equal (new_text, confirm) &&
                            (!needs_confirmation (self) || *confirmer != '\0'));
  show_password_message (self, *confirm != '\0' && !g_str_equal (new_text, confirm)
                               ? _("The new passwords do not match") : "", TRUE);
}

static void
confirmer_changed_cb (AlcovePreferencesWindow *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirmer_secret),
                                 confirming_with_recovery_key (self) ? _("Recovery Key")
                                                                     : _("Owner’s Password"));
  gtk_editable_set_text (GTK_EDITABLE (self->confirmer_secret), "");
}

/* Anyone but an owner has their change confirmed: the owners by name, or the recovery key */
static void
sync_confirmation_rows (AlcovePreferencesWindow *self)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (self->vault);
  g_autoptr(GStrvBuilder) usernames = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gboolean needed = alcove_vault_password_change_needs_confirmation (self->vault);

  for (guint i = 0; needed && i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      if (alcove_user_get_role (user) != ALCOVE_ROLE_OWNER || alcove_user_get_disabled (user))
        continue;
      g_strv_builder_add (usernames, alcove_user_get_username (user));
      gtk_string_list_append (names, alcove_user_get_full_name (user));
    }
  gtk_string_list_append (names, _("The Recovery Key"));
  g_strfreev (self->confirmers);
  self->confirmers = g_strv_builder_end (usernames);
  adw_combo_row_set_model (self->confirmer_row, G_LIST_MODEL (names));
  gtk_widget_set_visible (GTK_WIDGET (self->confirmer_row), needed);
  /* replacing the recovery key is an owner's too */
  gtk_widget_set_visible (GTK_WIDGET (self->recovery_group), !needed);
  gtk_widget_set_visible (GTK_WIDGET (self->confirmer_secret), needed);
  confirmer_changed_cb (self);
}

static void
clear_password_rows (AlcovePreferencesWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->current_password), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_password), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_password), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirmer_secret), "");
}

static gboolean
pulse_cb (gpointer user_data)
{
  AlcovePreferencesWindow *self = user_data;

  gtk_progress_bar_pulse (self->password_progress);
  return G_SOURCE_CONTINUE;
}

/* Before and after: the window waits, insensitive, saying so */
static void
set_changing (AlcovePreferencesWindow *self,
              gboolean                 changing)
{
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (changing)
    self->pulse_source = g_timeout_add (100, pulse_cb, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), !changing);
  gtk_widget_set_visible (GTK_WIDGET (self->password_progress), changing);
  gtk_progress_bar_set_fraction (self->password_progress, 0);
  if (changing)
    show_password_message (self, _("Replacing your keys and those of every database you "
                                   "hold…"), FALSE);
}

static void
password_not_changed (AlcovePreferencesWindow *self,
                      const GError            *error)
{
  set_changing (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->confirmer_secret), "");
  show_password_message (self, error->message, TRUE);
}

static void
end_busy (AlcovePreferencesWindow *self)
{
  g_autoptr(AlcoveWindow) window = g_steal_pointer (&self->busy_window);

  if (window != NULL)
    alcove_window_end_busy (window);
}

static void
password_progress_cb (const char *file,
                      guint64     done,
                      guint64     total,
                      gpointer    user_data)
{
  AlcovePreferencesWindow *self = user_data;
  double fraction = total > 0 ? (double) done / (double) total : 1;

  if (self->busy_window != NULL)
    alcove_window_set_busy_progress (self->busy_window, fraction);
  if (is_gone (self))
    return;
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->password_progress, fraction);
}

static void
password_changed_done_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(AlcovePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean changed = alcove_vault_change_password_finish (ALCOVE_VAULT (source), result, &error);

  /* the windows closed for the re-key open again, their text as drafts */
  end_busy (self);
  if (is_gone (self))
    return;
  if (!changed)
    {
      password_not_changed (self, error);
      return;
    }
  set_changing (self, FALSE);
  show_password_message (self, "", FALSE);
  clear_password_rows (self);
  /* the new user key left this computer's keyring slot behind */
  sync_keyring_switch (self);
  show_toast (self, _("Password changed"));
}

/* Every store the person holds is copied under a new key: anything saved to the old files
 * meanwhile would be lost, so every draft is saved and every other window closed first,
 * and the main window waits, showing how far it got. The copies run in the core, off this
 * thread. */
static void
start_password_change (AlcovePreferencesWindow *self)
{
  g_autoptr(AlcoveSecret) fresh = take_secret (self->new_password);
  g_autoptr(AlcoveSecret) confirming = take_secret (self->confirmer_secret);
  g_autoptr(GError) error = NULL;
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);
  AlcoveConfirmation confirmation = { NULL, confirming };
  AlcoveWindow *window = alcove_window_find_for (GTK_WINDOW (self));

  if (user == NULL)
    {
      set_changing (self, FALSE);
      return;
    }
  if (needs_confirmation (self) && !confirming_with_recovery_key (self))
    confirmation.owner = self->confirmers[adw_combo_row_get_selected (self->confirmer_row)];
  if (window != NULL)
    {
      if (!alcove_window_begin_busy (window, GTK_WINDOW (self),
                                     _("Replacing the keys of every database you hold…"),
                                     &error))
        {
          password_not_changed (self, error);
          return;
        }
      self->busy_window = g_object_ref (window);
    }
  alcove_vault_change_password_confirmed_async (self->vault, alcove_user_get_username (user),
                                                fresh, NULL,
                                                needs_confirmation (self) ? &confirmation
                                                                          : NULL,
                                                password_progress_cb, g_object_ref (self),
                                                g_object_unref, self->cancellable,
                                                password_changed_done_cb, g_object_ref (self));
}

static void
current_password_checked_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(AlcovePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!alcove_vault_check_password_finish (ALCOVE_VAULT (source), result, &error))
    {
      if (!is_gone (self))
        password_not_changed (self, error);
      return;
    }
  if (!is_gone (self))
    start_password_change (self);
}

/* The current password first (half a second of KDF): a wrong one closes no window */
static void
change_password_cb (AlcovePreferencesWindow *self)
{
  g_autoptr(AlcoveSecret) current = take_secret (self->current_password);

  set_changing (self, TRUE);
  alcove_vault_check_password_async (self->vault, current, self->cancellable,
                                     current_password_checked_cb, g_object_ref (self));
}

/* ---- the recovery key ---- */

static void
show_new_recovery_key (AlcovePreferencesWindow *self,
                       AlcoveSecret            *code)
{
  g_autofree char *text = g_strndup ((const char *) alcove_secret_get_data (code),
                                     alcove_secret_get_size (code));
  GtkWidget *label = gtk_label_new (text);
  AdwMessageDialog *dialog;

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "title-4");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Your New Recovery Key"),
                                                       _("Print it or write it down now and keep "
                                                         "it somewhere safe, away from this "
                                                         "computer. It will not be shown again. "
                                                         "The old key no longer works.")));
  adw_message_dialog_set_extra_child (dialog, label);
  adw_message_dialog_add_response (dialog, "done", _("I Have Stored It"));
  adw_message_dialog_set_response_appearance (dialog, "done", ADW_RESPONSE_SUGGESTED);
  gtk_window_present (GTK_WINDOW (dialog));
  /* the label's copy is the one on screen; ours goes */
  gnutls_memset (text, 0, strlen (text));
}

static void
recovery_password_checked_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(AlcovePreferencesWindow) self = user_data;
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  if (is_gone (self))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->recovery_group), TRUE);
  if (!alcove_vault_check_password_finish (ALCOVE_VAULT (source), result, &error) ||
      !alcove_vault_replace_recovery_key (self->vault, &code, &error))
    {
      show_toast (self, error->message);
      return;
    }
  show_new_recovery_key (self, code);
}

/* The password is checked off this thread; sealing every store to the new key is quick */
static void
replace_response_cb (AdwMessageDialog        *dialog,
                     const char              *response,
                     AlcovePreferencesWindow *self)
{
  AlcovePasswordRow   *row = g_object_get_data (G_OBJECT (dialog), "password-row");
  g_autoptr(AlcoveSecret) password = NULL;

  if (!g_str_equal (response, "replace"))
    return;
  password = take_secret (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->recovery_group), FALSE);
  alcove_vault_check_password_async (self->vault, password, self->cancellable,
                                     recovery_password_checked_cb, g_object_ref (self));
}

static void
replace_recovery_clicked_cb (AlcovePreferencesWindow *self)
{
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = alcove_password_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Your Password"));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Replace the Recovery Key?"),
                                                       _("A new key will be made and shown once. "
                                                         "The printed copy of the old one will "
                                                         "stop working.")));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "replace");
  g_object_set_data (G_OBJECT (dialog), "password-row", row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- object ---- */

static void
vault_locked_changed_cb (AlcovePreferencesWindow *self)
{
  if (alcove_vault_get_locked (self->vault))
    gtk_window_destroy (GTK_WINDOW (self));
}

/* A re-key under way ends in its own time, and then lets the main window go on */
static gboolean
alcove_preferences_window_close_request (GtkWindow *window)
{
  AlcovePreferencesWindow *self = ALCOVE_PREFERENCES_WINDOW (window);

  if (self->busy_window != NULL)
    return TRUE;
  return GTK_WINDOW_CLASS (alcove_preferences_window_parent_class)->close_request (window);
}

static void
alcove_preferences_window_dispose (GObject *object)
{
  AlcovePreferencesWindow *self = ALCOVE_PREFERENCES_WINDOW (object);

  /* a lock: what is under way stops, and its answer finds the window gone */
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->confirmers, g_strfreev);

  G_OBJECT_CLASS (alcove_preferences_window_parent_class)->dispose (object);
}

static void
alcove_preferences_window_finalize (GObject *object)
{
  AlcovePreferencesWindow *self = ALCOVE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->busy_window);

  G_OBJECT_CLASS (alcove_preferences_window_parent_class)->finalize (object);
}

static void
alcove_preferences_window_class_init (AlcovePreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_preferences_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = alcove_preferences_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = alcove_preferences_window_close_request;

  g_type_ensure (ALCOVE_TYPE_PASSWORD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, auto_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, screensaver_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, suspend_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, keyring_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, current_password);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, new_password);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, confirm_password);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, recovery_group);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, confirmer_row);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, confirmer_secret);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, password_message);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, password_progress);
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, change_password_button);
  gtk_widget_class_bind_template_callback (widget_class, keyring_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_password_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirmer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, replace_recovery_clicked_cb);
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
alcove_preferences_window_init (AlcovePreferencesWindow *self)
{
  GtkWidget *search;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* libadwaita 1.2 leaves its search entry without a name for assistive technologies */
  search = find_search_entry (GTK_WIDGET (self));
  if (search != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Search Preferences"), -1);
}

AlcovePreferencesWindow *
alcove_preferences_window_new (GtkWindow             *parent,
                               AlcoveVault           *vault,
                               GSettings             *settings,
                               AlcoveFormatStore     *formats,
                               AlcoveBackupScheduler *backups)
{
  AlcovePreferencesWindow *self = g_object_new (ALCOVE_TYPE_PREFERENCES_WINDOW,
                                                "transient-for", parent, NULL);
  AdwPreferencesPage *people;

  self->vault = g_object_ref (vault);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "auto-lock-minutes", self->auto_lock_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "lock-on-screensaver", self->screensaver_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "lock-on-suspend", self->suspend_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  adw_action_row_set_subtitle (self->location_row, alcove_vault_get_path (vault));
  sync_keyring_switch (self);
  sync_confirmation_rows (self);
  /* who is who, and for an owner the place to change it, with the co-signing policy that
   * supervision follows */
  people = ADW_PREFERENCES_PAGE (alcove_people_page_new (vault));
  adw_preferences_page_add (people, ADW_PREFERENCES_GROUP (alcove_cosign_policy_group_new (vault)));
  /* and how often the plans clinicians write are reviewed */
  adw_preferences_page_add (people, ADW_PREFERENCES_GROUP (alcove_plan_review_group_new (vault)));
  /* and the law whose wording the practice's privacy work uses */
  adw_preferences_page_add (people, ADW_PREFERENCES_GROUP (alcove_jurisdiction_group_new (vault)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), people);
  /* who takes over the records if the owner cannot, and where the recovery sheet is */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (alcove_custodian_page_new (vault)));
  /* the practice's own note formats, beside the ones Alcove ships */
  if (formats != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (alcove_format_page_new (formats)));
  /* this computer's backups of the vault */
  if (backups != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (alcove_backup_page_new (backups, settings)));
  g_signal_connect_object (vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
