/* alcove-first-sign-in-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-first-sign-in-window"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "alcove-password-row.h"
#include "alcove-secure-buffer.h"
#include "alcove-after-draw.h"
#include "alcove-first-sign-in-window.h"
#include "alcove-password-quality.h"

/* A new person's first sign-in, opened from the login page with the first password or
 * enrolment code they typed there: they choose their own password, and an owner (or the
 * recovery key) confirms, because their keys are made new with it. The core refuses any
 * other way in; this window only collects what it needs (alcove_vault_first_sign_in). */
struct _AlcoveFirstSignInWindow
{
  AdwWindow            parent_instance;

  AlcoveVault         *vault;
  AlcoveUser          *user;
  GStrv                confirmers;   /* owners' usernames in the row's order, then the
                                      * recovery key */
  gboolean             busy;

  GtkLabel            *intro_label;
  AlcovePasswordRow   *first_row;
  AlcovePasswordRow   *password_row;
  AlcovePasswordRow   *confirm_row;
  GtkLabel            *quality_label;
  AdwPreferencesGroup *confirm_group;
  AdwComboRow         *confirmer_row;
  AlcovePasswordRow   *confirmer_secret;
  GtkLabel            *status_label;
  GtkSpinner          *spinner;
  GtkWidget           *cancel_button;
};

G_DEFINE_FINAL_TYPE (AlcoveFirstSignInWindow, alcove_first_sign_in_window, ADW_TYPE_WINDOW)

enum { SIGNED_IN, N_SIGNALS };

static guint signals[N_SIGNALS];

static AlcoveSecret *
secret_from (gpointer editable)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editable));

  return alcove_secret_new_from_data (text, strlen (text));
}

static gboolean
has_text (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable))[0] != '\0';
}

static gboolean
needs_confirmation (AlcoveFirstSignInWindow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->confirm_group));
}

static void
update_actions (AlcoveFirstSignInWindow *self)
{
  gboolean filled = has_text (self->first_row) && has_text (self->password_row) &&
                    has_text (self->confirm_row) &&
                    (!needs_confirmation (self) || has_text (self->confirmer_secret));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "first.sign-in", filled && !self->busy);
}

static void
show_status (AlcoveFirstSignInWindow *self,
             const char              *message,
             gboolean                 is_error)
{
  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL && *message != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
update_quality (AlcoveFirstSignInWindow *self)
{
  g_autoptr(AlcoveSecret) password = secret_from (self->password_row);
  g_autoptr(GError) error = NULL;

  if (alcove_secret_get_size (password) == 0)
    gtk_label_set_text (self->quality_label, _("Use a long phrase only you would think of."));
  else if (!alcove_password_quality_check (password, alcove_user_get_username (self->user), NULL,
                                           &error))
    gtk_label_set_text (self->quality_label, error->message);
  else
    gtk_label_set_text (self->quality_label, _("This password is good enough"));
}

static void
field_changed_cb (AlcoveFirstSignInWindow *self)
{
  update_actions (self);
}

static void
password_changed_cb (AlcoveFirstSignInWindow *self)
{
  update_quality (self);
  update_actions (self);
}

static gboolean
confirming_with_recovery_key (AlcoveFirstSignInWindow *self)
{
  return adw_combo_row_get_selected (self->confirmer_row) >= g_strv_length (self->confirmers);
}

static void
confirmer_changed_cb (AlcoveFirstSignInWindow *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirmer_secret),
                                 confirming_with_recovery_key (self) ? _("Recovery key")
                                                                     : _("Owner’s password"));
  gtk_editable_set_text (GTK_EDITABLE (self->confirmer_secret), "");
}

/* Enter moves to the next empty field, and signs in from the last one */
static void
entry_activated_cb (AlcoveFirstSignInWindow *self)
{
  GtkWidget *fields[] = { GTK_WIDGET (self->first_row), GTK_WIDGET (self->password_row),
                          GTK_WIDGET (self->confirm_row), GTK_WIDGET (self->confirmer_secret) };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (gtk_widget_get_visible (fields[i]) && !has_text (fields[i]))
      {
        gtk_widget_grab_focus (fields[i]);
        return;
      }
  gtk_widget_activate_action (GTK_WIDGET (self), "first.sign-in", NULL);
}

static void
set_busy (AlcoveFirstSignInWindow *self,
          gboolean                 busy)
{
  self->busy = busy;
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->cancel_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->first_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_group), !busy);
  update_actions (self);
}

static void
clear_fields (AlcoveFirstSignInWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->first_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirmer_secret), "");
}

/* ---- signing in ---- */

/* The slow part, Argon2 several times and every store copied under a new key: the window
 * says so first (sign_in_action_cb), then this runs, in one call */
static void
sign_in_now (AlcoveFirstSignInWindow *self)
{
  g_autoptr(AlcoveSecret) first = secret_from (self->first_row);
  g_autoptr(AlcoveSecret) password = secret_from (self->password_row);
  g_autoptr(AlcoveSecret) confirming = secret_from (self->confirmer_secret);
  AlcoveConfirmation confirmation = { NULL, confirming };
  g_autoptr(GError) error = NULL;

  if (needs_confirmation (self) && !confirming_with_recovery_key (self))
    confirmation.owner = self->confirmers[adw_combo_row_get_selected (self->confirmer_row)];
  if (!alcove_vault_first_sign_in (self->vault, alcove_user_get_username (self->user), first,
                                   password, NULL, needs_confirmation (self) ? &confirmation : NULL,
                                   &error))
    {
      set_busy (self, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->confirmer_secret), "");
      show_status (self, error->message, TRUE);
      return;
    }
  set_busy (self, FALSE);
  clear_fields (self);
  g_signal_emit (self, signals[SIGNED_IN], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
sign_in_cb (gpointer user_data)
{
  sign_in_now (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
check_fields (AlcoveFirstSignInWindow *self)
{
  g_autoptr(AlcoveSecret) password = secret_from (self->password_row);
  g_autoptr(AlcoveSecret) again = secret_from (self->confirm_row);
  g_autoptr(GError) error = NULL;

  if (!alcove_secret_equal (password, again))
    {
      show_status (self, _("The two passwords are not the same: type the new password again"),
                   TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return FALSE;
    }
  if (!alcove_password_quality_check (password, alcove_user_get_username (self->user), NULL,
                                      &error))
    {
      show_status (self, error->message, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return FALSE;
    }
  return TRUE;
}

static void
sign_in_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AlcoveFirstSignInWindow *self = ALCOVE_FIRST_SIGN_IN_WINDOW (widget);

  if (self->busy || !check_fields (self))
    return;
  show_status (self, _("Making your keys and copying your stores under them…"), FALSE);
  set_busy (self, TRUE);
  alcove_after_draw (widget, sign_in_cb, g_object_ref (self), g_object_unref);
}

/* ---- the confirmers ---- */

static void
fill_confirmers (AlcoveFirstSignInWindow *self)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (self->vault);
  g_autoptr(GStrvBuilder) usernames = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *username = alcove_user_get_username (self->user);
  gboolean needed = alcove_vault_first_sign_in_needs_confirmation (self->vault, username);

  for (guint i = 0; needed && i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      if (alcove_user_get_role (user) != ALCOVE_ROLE_OWNER || alcove_user_get_disabled (user) ||
          alcove_user_get_first_sign_in (user) != ALCOVE_FIRST_SIGN_IN_NONE)
        continue;
      g_strv_builder_add (usernames, alcove_user_get_username (user));
      gtk_string_list_append (names, alcove_user_get_full_name (user));
    }
  gtk_string_list_append (names, _("The Recovery Key"));
  self->confirmers = g_strv_builder_end (usernames);
  adw_combo_row_set_model (self->confirmer_row, G_LIST_MODEL (names));
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_group), needed);
  confirmer_changed_cb (self);
}

static void
describe (AlcoveFirstSignInWindow *self)
{
  gboolean code = alcove_user_get_first_sign_in (self->user) == ALCOVE_FIRST_SIGN_IN_ENROLMENT;
  g_autofree char *intro = NULL;

  intro = g_strdup_printf (code ? _("Welcome, %s. Type the enrolment code you were given, then "
                                    "choose your own password. The code works only this once.")
                                : _("Welcome, %s. Type the first password you were given, then "
                                    "choose your own password. The first one works only this "
                                    "once."),
                           alcove_user_get_full_name (self->user));
  gtk_label_set_text (self->intro_label, intro);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->first_row),
                                 code ? _("Enrolment code") : _("First password"));
}

/* ---- GObject ---- */

static gboolean
alcove_first_sign_in_window_close_request (GtkWindow *window)
{
  AlcoveFirstSignInWindow *self = ALCOVE_FIRST_SIGN_IN_WINDOW (window);

  /* a first sign-in under way finishes first */
  if (self->busy)
    return TRUE;
  clear_fields (self);
  return GTK_WINDOW_CLASS (alcove_first_sign_in_window_parent_class)->close_request (window);
}

static void
alcove_first_sign_in_window_dispose (GObject *object)
{
  AlcoveFirstSignInWindow *self = ALCOVE_FIRST_SIGN_IN_WINDOW (object);

  g_clear_object (&self->vault);
  g_clear_object (&self->user);
  g_clear_pointer (&self->confirmers, g_strfreev);

  G_OBJECT_CLASS (alcove_first_sign_in_window_parent_class)->dispose (object);
}

static void
alcove_first_sign_in_window_class_init (AlcoveFirstSignInWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alcove_first_sign_in_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = alcove_first_sign_in_window_close_request;

  /**
   * AlcoveFirstSignInWindow::signed-in:
   *
   * The person chose their password; the vault is open in their name.
   */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ALCOVE_TYPE_PASSWORD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-first-sign-in-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveFirstSignInWindow, intro_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFirstSignInWindow, first_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFirstSignInWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFirstSignInWindow, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFirstSignInWindow, quality_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFirstSignInWindow, confirm_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFirstSignInWindow, confirmer_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFirstSignInWindow, confirmer_secret);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFirstSignInWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFirstSignInWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFirstSignInWindow, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirmer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "first.sign-in", NULL, sign_in_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
alcove_first_sign_in_window_init (AlcoveFirstSignInWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  alcove_secure_buffer_attach (GTK_EDITABLE (self->first_row));
  alcove_secure_buffer_attach (GTK_EDITABLE (self->password_row));
  alcove_secure_buffer_attach (GTK_EDITABLE (self->confirm_row));
  alcove_secure_buffer_attach (GTK_EDITABLE (self->confirmer_secret));
}

/**
 * alcove_first_sign_in_window_new:
 * @vault: the locked vault, its header loaded
 * @user: the account signing in for the first time
 * @first_secret: (nullable): what they typed on the login page, put in its field
 *
 * Returns: (transfer none): a new window; present it transient for the login page's window
 */
AlcoveFirstSignInWindow *
alcove_first_sign_in_window_new (AlcoveVault        *vault,
                                 AlcoveUser         *user,
                                 const AlcoveSecret *first_secret)
{
  AlcoveFirstSignInWindow *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault) && ALCOVE_IS_USER (user), NULL);

  self = g_object_new (ALCOVE_TYPE_FIRST_SIGN_IN_WINDOW, NULL);
  self->vault = g_object_ref (vault);
  self->user = g_object_ref (user);
  describe (self);
  fill_confirmers (self);
  if (first_secret != NULL)
    {
      g_autofree char *text = g_strndup ((const char *) alcove_secret_get_data (first_secret),
                                         alcove_secret_get_size (first_secret));

      gtk_editable_set_text (GTK_EDITABLE (self->first_row), text);
      gnutls_memset (text, 0, strlen (text));
    }
  update_quality (self);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (has_text (self->first_row) ? self->password_row
                                                                 : self->first_row));
  return self;
}
