/* alcove-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "alcove-people-page.h"
#include "alcove-preferences-window.h"

/* Locking, the keyring of this computer, the password, and where the vault lives. It closes
 * itself when the vault locks: every action here needs the signed-in user's keys. */
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
  AdwPasswordEntryRow  *current_password;
  AdwPasswordEntryRow  *new_password;
  AdwPasswordEntryRow  *confirm_password;
  AdwPreferencesGroup  *recovery_group;
  AdwComboRow          *confirmer_row;
  AdwPasswordEntryRow  *confirmer_secret;
  GStrv                 confirmers;     /* owners' usernames, in the row's order; then the
                                         * recovery key */
  GtkLabel             *password_message;
  GtkButton            *change_password_button;
  gboolean              updating_keyring;
};

G_DEFINE_FINAL_TYPE (AlcovePreferencesWindow, alcove_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static AlcoveSecret *
take_secret (AdwPasswordEntryRow *row)
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

static gboolean
keyring_state_set_cb (GtkSwitch               *widget,
                      gboolean                 state,
                      AlcovePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (self->updating_keyring)
    return FALSE;
  done = state ? alcove_vault_add_keyring_slot (self->vault, NULL, &error)
               : alcove_vault_remove_keyring_slot (self->vault, NULL, &error);
  if (!done)
    show_toast (self, error->message);
  else
    show_toast (self, state ? _("Alcove will open with your login keyring on this computer")
                            : _("Alcove will ask for your password on this computer"));
  sync_keyring_switch (self);
  return TRUE;
}

/* ---- password ---- */

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

static void
change_password_now (AlcovePreferencesWindow *self)
{
  g_autoptr(AlcoveSecret) current = take_secret (self->current_password);
  g_autoptr(AlcoveSecret) fresh = take_secret (self->new_password);
  g_autoptr(AlcoveSecret) confirming = take_secret (self->confirmer_secret);
  g_autoptr(GError) error = NULL;
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);
  AlcoveConfirmation confirmation = { NULL, confirming };

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (user == NULL)
    return;
  if (needs_confirmation (self) && !confirming_with_recovery_key (self))
    confirmation.owner = self->confirmers[adw_combo_row_get_selected (self->confirmer_row)];
  if (!alcove_vault_check_password (self->vault, current, &error) ||
      !alcove_vault_change_password_confirmed (self->vault, alcove_user_get_username (user), fresh,
                                               NULL, needs_confirmation (self) ? &confirmation
                                                                               : NULL,
                                               &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->confirmer_secret), "");
      show_password_message (self, error->message, TRUE);
      return;
    }
  show_password_message (self, "", FALSE);
  clear_password_rows (self);
  /* the new user key left this computer's keyring slot behind */
  sync_keyring_switch (self);
  show_toast (self, _("Password changed"));
}

static gboolean
change_password_idle_cb (gpointer user_data)
{
  change_password_now (user_data);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock           *clock,
                AlcovePreferencesWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, change_password_idle_cb, g_object_ref (self),
                   g_object_unref);
}

/* Every store the person holds gets a new key, seconds on a large vault: the window says so
 * and waits, drawn, before the work starts */
static void
change_password_cb (AlcovePreferencesWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    {
      change_password_now (self);
      return;
    }
  show_password_message (self, _("Replacing your keys and those of every database you hold…"),
                         FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
replace_response_cb (AdwMessageDialog        *dialog,
                     const char              *response,
                     AlcovePreferencesWindow *self)
{
  AdwPasswordEntryRow *row = g_object_get_data (G_OBJECT (dialog), "password-row");
  g_autoptr(AlcoveSecret) password = NULL;
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "replace"))
    return;
  password = take_secret (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  if (!alcove_vault_check_password (self->vault, password, &error) ||
      !alcove_vault_replace_recovery_key (self->vault, &code, &error))
    {
      show_toast (self, error->message);
      return;
    }
  show_new_recovery_key (self, code);
}

static void
replace_recovery_clicked_cb (AlcovePreferencesWindow *self)
{
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_password_entry_row_new ();

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

static void
alcove_preferences_window_dispose (GObject *object)
{
  AlcovePreferencesWindow *self = ALCOVE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->vault);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->confirmers, g_strfreev);

  G_OBJECT_CLASS (alcove_preferences_window_parent_class)->dispose (object);
}

static void
alcove_preferences_window_class_init (AlcovePreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_preferences_window_dispose;

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
  gtk_widget_class_bind_template_child (widget_class, AlcovePreferencesWindow, change_password_button);
  gtk_widget_class_bind_template_callback (widget_class, keyring_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_password_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirmer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, replace_recovery_clicked_cb);
}

static void
alcove_preferences_window_init (AlcovePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AlcovePreferencesWindow *
alcove_preferences_window_new (GtkWindow   *parent,
                               AlcoveVault *vault,
                               GSettings   *settings)
{
  AlcovePreferencesWindow *self = g_object_new (ALCOVE_TYPE_PREFERENCES_WINDOW,
                                                "transient-for", parent, NULL);

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
  /* who is who, and for an owner the place to change it */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (alcove_people_page_new (vault)));
  g_signal_connect_object (vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
