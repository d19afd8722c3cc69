/* alcove-recovery-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-recovery-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-password-row.h"
#include "alcove-secure-buffer.h"
#include "alcove-password-quality.h"
#include "alcove-recovery-window.h"
#include "alcove-secret.h"

/* A forgotten password, reset with the recovery key: the key opens the vault in a recovery
 * session, the account gets a new password slot (and a new user key, so its keyring slot
 * goes), and the vault is locked again. The person then signs in with the new password.
 *
 * Every failure is shown in the window, next to the field it concerns, and nothing typed is
 * lost; the typed key and passwords live in non-pageable buffers that are wiped when the
 * window goes. */
struct _AlcoveRecoveryWindow
{
  AdwWindow             parent_instance;

  AlcoveVault          *vault;
  char                 *username;
  GListStore           *users;
  GCancellable         *cancellable;
  char                 *resetting;     /* the account a reset under way is for */
  gboolean              busy;
  gboolean              disposed;

  AdwComboRow          *account_row;
  AdwEntryRow          *key_row;
  AlcovePasswordRow    *password_row;
  AlcovePasswordRow    *confirm_row;
  GtkLevelBar          *strength_bar;
  GtkLabel             *quality_label;
  GtkLabel             *error_label;
  GtkSpinner           *spinner;
  GtkWidget            *cancel_button;
};

G_DEFINE_FINAL_TYPE (AlcoveRecoveryWindow, alcove_recovery_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_USERNAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PASSWORD_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AlcoveSecret *
secret_from_editable (gpointer editable)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editable));

  return alcove_secret_new_from_data (text, strlen (text));
}

static AlcoveUser *
selected_user (AlcoveRecoveryWindow *self)
{
  return adw_combo_row_get_selected_item (self->account_row);
}

static void
update_actions (AlcoveRecoveryWindow *self)
{
  gboolean filled = selected_user (self) != NULL &&
                    gtk_editable_get_text (GTK_EDITABLE (self->key_row))[0] != '\0' &&
                    gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] != '\0' &&
                    gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))[0] != '\0';

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recovery.reset", filled && !self->busy);
}

static void
show_error (AlcoveRecoveryWindow *self,
            GtkWidget            *field,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static void
clear_error (AlcoveRecoveryWindow *self,
             GtkWidget            *field)
{
  gtk_widget_remove_css_class (field, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
set_busy (AlcoveRecoveryWindow *self,
          gboolean              busy)
{
  self->busy = busy;
  /* GTK 4.8 does not tell a focused GtkText that it lost the focus when it turns
   * insensitive (its cursor then blinks on and warns): take the focus away properly. */
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->account_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_row), !busy);
  gtk_widget_set_sensitive (self->cancel_button, !busy);
  update_actions (self);
}

/* libpwquality's verdict as the person types */
static void
update_quality (AlcoveRecoveryWindow *self)
{
  g_autoptr(AlcoveSecret) password = secret_from_editable (self->password_row);
  g_autoptr(GError) error = NULL;
  AlcoveUser *user = selected_user (self);
  int score = 0;

  if (alcove_secret_get_size (password) == 0)
    {
      gtk_level_bar_set_value (self->strength_bar, 0);
      gtk_label_set_text (self->quality_label, _("Use a long phrase only you would think of."));
      return;
    }
  if (!alcove_password_quality_check (password, user ? alcove_user_get_username (user) : NULL,
                                      &score, &error))
    {
      gtk_level_bar_set_value (self->strength_bar, 0.1);
      gtk_label_set_text (self->quality_label, error->message);
      return;
    }
  gtk_level_bar_set_value (self->strength_bar, MAX (0.3, score / 100.0));
  gtk_label_set_text (self->quality_label,
                      score >= 70 ? _("This password is strong") : _("This password is good enough"));
}

static void
field_changed_cb (AlcoveRecoveryWindow *self,
                  GtkEditable          *field)
{
  clear_error (self, GTK_WIDGET (field));
  update_actions (self);
}

static void
password_changed_cb (AlcoveRecoveryWindow *self,
                     GtkEditable          *field)
{
  clear_error (self, GTK_WIDGET (field));
  update_quality (self);
  update_actions (self);
}

static void
account_selected_cb (AlcoveRecoveryWindow *self)
{
  update_quality (self);
  update_actions (self);
}

static void
entry_activated_cb (AlcoveRecoveryWindow *self,
                    GtkWidget            *row)
{
  /* Enter moves on to the next empty field, and resets from the last one. */
  if (row == GTK_WIDGET (self->key_row) &&
      gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else if (row != GTK_WIDGET (self->confirm_row) &&
           gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "recovery.reset", NULL);
}

/* ---- the reset ---- */

static void
clear_fields (AlcoveRecoveryWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
}

static void
reset_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AlcoveRecoveryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *username = NULL;
  gboolean reset = alcove_vault_reset_password_finish (ALCOVE_VAULT (source), result, &error);

  if (self->disposed)
    return;  /* destroyed with its login page while the reset ran */
  set_busy (self, FALSE);

  if (reset)
    {
      username = g_strdup (self->resetting);
      clear_fields (self);
      g_signal_emit (self, signals[PASSWORD_CHANGED], 0, username);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* The recovery key's errors are these two; the new password's, a weak password */
  if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID) ||
      g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED))
    show_error (self, GTK_WIDGET (self->key_row), error->message);
  else if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_WEAK_PASSWORD))
    show_error (self, GTK_WIDGET (self->password_row), error->message);
  else
    show_error (self, NULL, error->message);
}

static void
reset_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlcoveRecoveryWindow *self = ALCOVE_RECOVERY_WINDOW (widget);
  AlcoveUser *user = selected_user (self);
  g_autoptr(AlcoveSecret) password = NULL;
  g_autoptr(AlcoveSecret) confirmation = NULL;
  g_autoptr(AlcoveSecret) recovery_code = NULL;
  g_autoptr(GError) error = NULL;

  if (self->busy || user == NULL)
    return;

  password = secret_from_editable (self->password_row);
  confirmation = secret_from_editable (self->confirm_row);
  if (!alcove_secret_equal (password, confirmation))
    {
      show_error (self, GTK_WIDGET (self->confirm_row),
                  _("The two passwords are not the same: type the new password again"));
      return;
    }
  /* Checked before the recovery key is tried: a weak password needs no key to refuse it. */
  if (!alcove_password_quality_check (password, alcove_user_get_username (user), NULL, &error))
    {
      show_error (self, GTK_WIDGET (self->password_row), error->message);
      return;
    }

  recovery_code = secret_from_editable (self->key_row);
  g_free (self->resetting);
  self->resetting = g_strdup (alcove_user_get_username (user));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);
  alcove_vault_reset_password_async (self->vault, self->resetting, recovery_code, password, NULL,
                                     self->cancellable, reset_done_cb, g_object_ref (self));
}

/* ---- GObject ---- */

static gboolean
alcove_recovery_window_close_request (GtkWindow *window)
{
  AlcoveRecoveryWindow *self = ALCOVE_RECOVERY_WINDOW (window);

  /* A reset under way finishes first, so that its result is not silently lost. */
  if (self->busy)
    return TRUE;
  clear_fields (self);
  return GTK_WINDOW_CLASS (alcove_recovery_window_parent_class)->close_request (window);
}

static char *
user_display_name (AlcoveUser *user)
{
  if (user == NULL)
    return NULL;
  /* Translators: an account in a list: full name, then (user name) */
  return g_strdup_printf (_("%s (%s)"), alcove_user_get_full_name (user),
                          alcove_user_get_username (user));
}

static void
alcove_recovery_window_constructed (GObject *object)
{
  AlcoveRecoveryWindow *self = ALCOVE_RECOVERY_WINDOW (object);
  g_autoptr(GListModel) all_users = alcove_vault_list_users (self->vault);
  guint selected = 0;

  G_OBJECT_CLASS (alcove_recovery_window_parent_class)->constructed (object);

  for (guint i = 0; i < g_list_model_get_n_items (all_users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (all_users, i);

      if (alcove_user_get_disabled (user))
        continue;
      if (g_strcmp0 (alcove_user_get_username (user), self->username) == 0)
        selected = g_list_model_get_n_items (G_LIST_MODEL (self->users));
      g_list_store_append (self->users, user);
    }

  adw_combo_row_set_model (self->account_row, G_LIST_MODEL (self->users));
  adw_combo_row_set_selected (self->account_row, selected);
  g_signal_connect_object (self->account_row, "notify::selected",
                           G_CALLBACK (account_selected_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
alcove_recovery_window_dispose (GObject *object)
{
  AlcoveRecoveryWindow *self = ALCOVE_RECOVERY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  self->disposed = TRUE;

  G_OBJECT_CLASS (alcove_recovery_window_parent_class)->dispose (object);
}

static void
alcove_recovery_window_finalize (GObject *object)
{
  AlcoveRecoveryWindow *self = ALCOVE_RECOVERY_WINDOW (object);

  g_clear_object (&self->vault);
  g_clear_object (&self->users);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->resetting, g_free);

  G_OBJECT_CLASS (alcove_recovery_window_parent_class)->finalize (object);
}

static void
alcove_recovery_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AlcoveRecoveryWindow *self = ALCOVE_RECOVERY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_recovery_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AlcoveRecoveryWindow *self = ALCOVE_RECOVERY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;
    case PROP_USERNAME:
      self->username = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_recovery_window_class_init (AlcoveRecoveryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = alcove_recovery_window_constructed;
  object_class->dispose = alcove_recovery_window_dispose;
  object_class->finalize = alcove_recovery_window_finalize;
  object_class->get_property = alcove_recovery_window_get_property;
  object_class->set_property = alcove_recovery_window_set_property;
  window_class->close_request = alcove_recovery_window_close_request;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, ALCOVE_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlcoveRecoveryWindow::password-changed:
   * @username: the account whose password was reset
   *
   * The password was reset and the vault locked again; the window closes itself.
   */
  signals[PASSWORD_CHANGED] = g_signal_new ("password-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ALCOVE_TYPE_PASSWORD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-recovery-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecoveryWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecoveryWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecoveryWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecoveryWindow, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecoveryWindow, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecoveryWindow, quality_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecoveryWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecoveryWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecoveryWindow, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "recovery.reset", NULL, reset_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
alcove_recovery_window_init (AlcoveRecoveryWindow *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->users = g_list_store_new (ALCOVE_TYPE_USER);
  self->cancellable = g_cancellable_new ();

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (user_display_name), NULL, NULL);
  adw_combo_row_set_expression (self->account_row, expression);

  alcove_secure_buffer_attach (GTK_EDITABLE (self->key_row));
  alcove_secure_buffer_attach (GTK_EDITABLE (self->password_row));
  alcove_secure_buffer_attach (GTK_EDITABLE (self->confirm_row));
  gtk_widget_add_css_class (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->key_row))),
                            "monospace");
}

/**
 * alcove_recovery_window_new:
 * @vault: a locked vault whose header is loaded
 * @username: (nullable): the account to preselect
 *
 * Returns: (transfer none): a new window; present it transient for the login page's window
 */
AlcoveRecoveryWindow *
alcove_recovery_window_new (AlcoveVault *vault,
                            const char  *username)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  return g_object_new (ALCOVE_TYPE_RECOVERY_WINDOW, "vault", vault, "username", username, NULL);
}

AlcoveVault *
alcove_recovery_window_get_vault (AlcoveRecoveryWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_RECOVERY_WINDOW (self), NULL);
  return self->vault;
}
