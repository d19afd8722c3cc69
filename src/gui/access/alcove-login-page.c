/* alcove-login-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-login-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-password-row.h"
#include "alcove-secure-buffer.h"
#include "alcove-attempts.h"
#include "alcove-first-sign-in-window.h"
#include "alcove-login-page.h"
#include "alcove-restore-page.h"
#include "alcove-recovery-window.h"
#include "alcove-secret.h"
#include "alcove-trace.h"

/* The locked vault: its active accounts, a password field for the chosen one, the login
 * keyring when the account has a slot on this computer, and the growing delay after wrong
 * passwords (kept by the core in $XDG_STATE_HOME, so a restart does not reset it).
 *
 * Unlocking is asynchronous in the core (the KDF and the keyring run off the main thread);
 * while it runs this page reads nothing from the vault and does not reload it. */
struct _AlcoveLoginPage
{
  AdwBin                 parent_instance;

  AlcoveVault           *vault;
  GListStore            *users;
  AlcoveUser            *user;
  char                  *vault_uuid;
  GCancellable          *cancellable;
  GtkWindow             *recovery_window;
  GtkWindow             *first_sign_in_window;
  AlcoveSecret          *retry_password;  /* kept while a restored vault is being confirmed */

  gint64                 retry_at_ms;
  guint                  countdown_id;
  guint                  busy : 1;
  guint                  reload_pending : 1;
  guint                  auto_keyring : 1;
  guint                  has_unlocked : 1;
  guint                  disposed : 1;

  AdwToastOverlay       *toast_overlay;
  AdwWindowTitle        *window_title;
  GtkWidget             *back_button;
  GtkStack              *stack;
  GtkListBox            *users_list;
  AdwAvatar             *avatar;
  GtkLabel              *name_label;
  GtkLabel              *username_label;
  GtkLabel              *keyring_label;
  AlcovePasswordRow   *password_row;
  GtkLabel              *error_label;
  GtkLabel              *countdown_label;
  GtkStack              *unlock_stack;
  GtkSpinner            *spinner;
  GtkWidget             *keyring_button;
  AdwStatusPage         *error_page;
};

G_DEFINE_FINAL_TYPE (AlcoveLoginPage, alcove_login_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  UNLOCK_WITH_PASSWORD,
  UNLOCK_WITH_KEYRING,
} UnlockMethod;

typedef struct
{
  AlcoveLoginPage *page;
  UnlockMethod     method;
} UnlockData;

static void start_unlock (AlcoveLoginPage *self,
                          UnlockMethod     method,
                          AlcoveSecret    *password);
static void select_user (AlcoveLoginPage *self,
                         AlcoveUser      *user,
                         gboolean         explicit_choice);
static void reselect_after_reload (AlcoveLoginPage *self,
                                   const char      *username);
static void reload      (AlcoveLoginPage *self,
                         gboolean         allow_keyring);

static gboolean
is_disposed (AlcoveLoginPage *self)
{
  return self->disposed;
}

/* GTK 4.8 does not tell a focused GtkText that it lost the focus when it turns insensitive
 * (its cursor then blinks on and warns): take the focus away properly first. */
static void
drop_focus_from (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    gtk_root_set_focus (root, NULL);
}

static void
update_sensitivity (AlcoveLoginPage *self)
{
  gboolean waiting = self->countdown_id != 0;
  gboolean has_text = gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] != '\0';
  gboolean has_slot = self->user != NULL && alcove_user_get_has_keyring_slot (self->user);

  if ((self->busy || waiting) && gtk_widget_get_sensitive (GTK_WIDGET (self->password_row)))
    drop_focus_from (GTK_WIDGET (self->password_row));
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !self->busy && !waiting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.unlock",
                                 !self->busy && !waiting && has_text && self->user != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.use-keyring", !self->busy && has_slot);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.back", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.forgot-password", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.reload", !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->users_list), !self->busy);

  gtk_widget_set_visible (self->keyring_button, has_slot);
}

static void
focus_password (AlcoveLoginPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "password") == 0 &&
      gtk_widget_get_sensitive (GTK_WIDGET (self->password_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

/* The field of the chosen account, or the first account of the list */
static void
focus_current (AlcoveLoginPage *self)
{
  GtkListBoxRow *first;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "accounts") != 0)
    {
      focus_password (self);
      return;
    }
  first = gtk_list_box_get_row_at_index (self->users_list, 0);
  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

static void
set_message (GtkLabel   *label,
             const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

/* ---- the growing delay after wrong passwords ---- */

static void
stop_countdown (AlcoveLoginPage *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  set_message (self->countdown_label, NULL);
}

/* TRUE while the delay lasts */
static gboolean
show_countdown (AlcoveLoginPage *self)
{
  gint64 remaining_ms = self->retry_at_ms - g_get_real_time () / 1000;
  guint seconds;
  g_autofree char *text = NULL;

  if (remaining_ms <= 0)
    return FALSE;
  seconds = (guint) ((remaining_ms + 999) / 1000);
  text = g_strdup_printf (ngettext ("Try again in %u second", "Try again in %u seconds", seconds),
                          seconds);
  set_message (self->countdown_label, text);
  return TRUE;
}

static gboolean
countdown_cb (gpointer user_data)
{
  AlcoveLoginPage *self = user_data;

  if (show_countdown (self))
    return G_SOURCE_CONTINUE;

  self->countdown_id = 0;
  set_message (self->countdown_label, NULL);
  update_sensitivity (self);
  focus_password (self);
  return G_SOURCE_REMOVE;
}

/* Reads the failures the core recorded for the chosen account; the delay runs from the last
 * one, so it is the same after a restart of the application. */
static void
update_delay (AlcoveLoginPage *self)
{
  gint64 last_ms = 0;
  guint failures;
  gint64 delay_ms;
  gint64 now_ms = g_get_real_time () / 1000;

  stop_countdown (self);
  self->retry_at_ms = 0;
  if (self->user != NULL && self->vault_uuid != NULL)
    {
      failures = alcove_attempts_get_count (self->vault_uuid,
                                            alcove_user_get_username (self->user), &last_ms);
      delay_ms = (gint64) alcove_attempts_delay_seconds (failures) * 1000;
      /* A clock set back must not turn a 30 s wait into hours. */
      self->retry_at_ms = MIN (last_ms + delay_ms, now_ms + delay_ms);
    }
  if (show_countdown (self))
    self->countdown_id = g_timeout_add (200, countdown_cb, self);
  update_sensitivity (self);
}

/* ---- unlocking ---- */

static const char *
keyring_failure_text (const GError *error)
{
  if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_LOCKED))
    return _("Your login keyring is locked");
  if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_UNAVAILABLE))
    return _("No keyring is available");
  if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND))
    return _("Your login keyring has no key for this vault");
  if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED))
    return _("The saved key no longer matches — enter your password");
  if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_PASSWORD))
    return _("Others sign in on this computer account too: type your password to confirm it "
             "is you");
  return NULL;
}

static void
set_busy (AlcoveLoginPage *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_stack_set_visible_child_name (self->unlock_stack, busy ? "spinner" : "label");
  gtk_spinner_set_spinning (self->spinner, busy);
  update_sensitivity (self);
}

/* ---- a vault restored from a backup older than this computer has seen ---- */

static void
restored_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      AlcoveLoginPage  *self)
{
  UnlockMethod method = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "method"));
  AlcoveSecret *password = g_steal_pointer (&self->retry_password);

  if (is_disposed (self) || self->user == NULL || !g_str_equal (response, "accept"))
    {
      g_clear_pointer (&password, alcove_secret_free);
      focus_password (self);
      return;
    }
  alcove_vault_set_accept_restore (self->vault, TRUE);
  start_unlock (self, method, password);
}

/* The core's message says when it was restored, by whom, and what is not in it */
static void
confirm_restored (AlcoveLoginPage *self,
                  UnlockMethod     method,
                  const GError    *error)
{
  AdwMessageDialog *dialog = alcove_restore_confirmation_new (GTK_WIDGET (self),
                                                              _("Open the Restored Vault?"),
                                                              error, _("_Open Restored Vault"));

  set_message (self->keyring_label, NULL);
  g_object_set_data (G_OBJECT (dialog), "method", GINT_TO_POINTER (method));
  g_signal_connect_object (dialog, "response", G_CALLBACK (restored_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unlock_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AlcoveVault *vault = ALCOVE_VAULT (source);
  g_autofree UnlockData *data = user_data;
  g_autoptr(AlcoveLoginPage) self = data->page;
  g_autoptr(GError) error = NULL;
  gboolean ok = alcove_vault_unlock_finish (vault, result, &error);

  if (is_disposed (self))
    {
      /* Nobody is left to use the session this unlock opened. */
      if (ok)
        alcove_vault_lock (vault);
      return;
    }

  set_busy (self, FALSE);

  if (!ok && g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_RESTORED))
    {
      confirm_restored (self, data->method, error);
      return;
    }
  g_clear_pointer (&self->retry_password, alcove_secret_free);
  /* a confirmation answers one question, this sign-in's */
  if (!ok)
    alcove_vault_set_accept_restore (vault, FALSE);
  if (ok)
    {
      set_message (self->error_label, NULL);
      set_message (self->keyring_label, NULL);
      stop_countdown (self);
      /* after an accepted restore: people disabled since the backup are active in it */
      alcove_restore_disable_again_new (GTK_WIDGET (self), (const char * const *)
                                        alcove_vault_get_disabled_since_restore (vault));
      alcove_vault_set_accept_restore (vault, FALSE);
      self->has_unlocked = TRUE;
      g_signal_emit (self, signals[UNLOCKED], 0);
      return;
    }

  if (data->method == UNLOCK_WITH_KEYRING)
    {
      const char *text = keyring_failure_text (error);

      g_debug ("Keyring unlock failed: %s", error->message);
      set_message (self->keyring_label, text);
      set_message (self->error_label, text ? NULL : error->message);
    }
  else if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED))
    set_message (self->error_label, _("That password is not correct"));
  else if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_NEW_PASSWORD))
    {
      /* reset or enabled again since this page read the vault: read it again, and ask for
       * the first password the owner gave */
      reselect_after_reload (self, alcove_user_get_username (self->user));
      set_message (self->error_label, error->message);
      return;
    }
  else
    set_message (self->error_label, error->message);

  if (self->reload_pending)
    reload (self, FALSE);
  else
    update_delay (self);
  focus_password (self);
}

/* Takes `password` */
static void
start_unlock (AlcoveLoginPage *self,
              UnlockMethod     method,
              AlcoveSecret    *password)
{
  g_autoptr(AlcoveSecret) owned_password = password;
  const char *username;
  UnlockData *data;

  g_assert (!self->busy && self->user != NULL);

  data = g_new0 (UnlockData, 1);
  data->page = g_object_ref (self);
  data->method = method;
  username = alcove_user_get_username (self->user);

  set_message (self->error_label, NULL);
  if (method == UNLOCK_WITH_KEYRING)
    set_message (self->keyring_label, _("Opening with your login keyring…"));
  set_busy (self, TRUE);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* asked again if the vault turns out to be a restore this computer must confirm */
  g_clear_pointer (&self->retry_password, alcove_secret_free);
  if (owned_password != NULL)
    self->retry_password = alcove_secret_copy (owned_password);
  alcove_trace_mark ("unlock-requested");
  if (method == UNLOCK_WITH_KEYRING)
    alcove_vault_unlock_with_keyring_async (self->vault, username, self->cancellable,
                                            unlock_done_cb, data);
  else
    alcove_vault_unlock_with_password_async (self->vault, username, owned_password,
                                             self->cancellable, unlock_done_cb, data);
}

static void
maybe_try_keyring (AlcoveLoginPage *self)
{
  if (!self->auto_keyring || self->busy || self->user == NULL ||
      !alcove_user_get_has_keyring_slot (self->user) || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->auto_keyring = FALSE;
  start_unlock (self, UNLOCK_WITH_KEYRING, NULL);
}

/* ---- accounts ---- */

static GtkWidget *
user_row_new (gpointer item,
              gpointer user_data)
{
  AlcoveUser *user = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (40, alcove_user_get_full_name (user), TRUE);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alcove_user_get_full_name (user));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               alcove_role_get_display_name (alcove_user_get_role (user)));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (avatar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  alcove_user_get_full_name (user), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  gtk_widget_add_css_class (arrow, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sign in"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data_full (G_OBJECT (row), "alcove-user", g_object_ref (user), g_object_unref);
  return row;
}

static void
row_activated_cb (AlcoveLoginPage *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *list)
{
  AlcoveUser *user = g_object_get_data (G_OBJECT (row), "alcove-user");

  g_assert (ALCOVE_IS_USER (user));
  if (!self->busy)
    select_user (self, user, TRUE);
}

static void
show_accounts (AlcoveLoginPage *self)
{
  g_clear_object (&self->user);
  stop_countdown (self);
  set_message (self->error_label, NULL);
  set_message (self->keyring_label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_widget_set_visible (self->back_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "accounts");
  update_sensitivity (self);
  focus_current (self);
}

/* A person who has not chosen a password yet types what they were given: the first password
 * or the enrolment code, which only opens their first sign-in */
static void
describe_first_sign_in (AlcoveLoginPage *self)
{
  AlcoveFirstSignIn first = alcove_user_get_first_sign_in (self->user);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 first == ALCOVE_FIRST_SIGN_IN_ENROLMENT ? _("Enrolment Code")
                                 : first == ALCOVE_FIRST_SIGN_IN_PASSWORD ? _("First Password")
                                 : _("Password"));
  set_message (self->keyring_label,
               first == ALCOVE_FIRST_SIGN_IN_NONE
                 ? NULL : _("First sign-in: type what you were given, then choose your own "
                            "password"));
}

static void
first_signed_in_cb (AlcoveLoginPage *self)
{
  set_message (self->keyring_label, NULL);
  self->has_unlocked = TRUE;
  g_signal_emit (self, signals[UNLOCKED], 0);
}

/* Takes `secret`, which goes into the window's own field */
static void
open_first_sign_in (AlcoveLoginPage *self,
                    AlcoveSecret    *secret)
{
  g_autoptr(AlcoveSecret) owned = secret;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AlcoveFirstSignInWindow *window;

  if (self->first_sign_in_window != NULL)
    gtk_window_destroy (self->first_sign_in_window);
  window = alcove_first_sign_in_window_new (self->vault, self->user, owned);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_signal_connect_object (window, "signed-in", G_CALLBACK (first_signed_in_cb), self,
                           G_CONNECT_SWAPPED);
  self->first_sign_in_window = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->first_sign_in_window);
  gtk_window_present (GTK_WINDOW (window));
}

/* explicit_choice: the person picked the account, which may open it from the keyring at once */
static void
select_user (AlcoveLoginPage *self,
             AlcoveUser      *user,
             gboolean         explicit_choice)
{
  g_set_object (&self->user, user);

  adw_avatar_set_text (self->avatar, alcove_user_get_full_name (user));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->avatar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  alcove_user_get_full_name (user), -1);
  gtk_label_set_text (self->name_label, alcove_user_get_full_name (user));
  gtk_label_set_text (self->username_label, alcove_user_get_username (user));
  set_message (self->error_label, NULL);
  describe_first_sign_in (self);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_widget_set_visible (self->back_button,
                          g_list_model_get_n_items (G_LIST_MODEL (self->users)) > 1);
  gtk_stack_set_visible_child_name (self->stack, "password");

  if (explicit_choice)
    self->auto_keyring = TRUE;
  update_delay (self);
  focus_password (self);
  maybe_try_keyring (self);
}

/* ---- actions ---- */

static void
unlock_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcoveLoginPage *self = ALCOVE_LOGIN_PAGE (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  AlcoveSecret *password;

  if (self->busy || self->countdown_id != 0 || self->user == NULL || text[0] == '\0')
    return;

  password = alcove_secret_new_from_data (text, strlen (text));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  if (alcove_user_get_first_sign_in (self->user) != ALCOVE_FIRST_SIGN_IN_NONE)
    open_first_sign_in (self, password);
  else
    start_unlock (self, UNLOCK_WITH_PASSWORD, password);
}

static void
use_keyring_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AlcoveLoginPage *self = ALCOVE_LOGIN_PAGE (widget);

  if (self->busy || self->user == NULL || !alcove_user_get_has_keyring_slot (self->user))
    return;
  start_unlock (self, UNLOCK_WITH_KEYRING, NULL);
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveLoginPage *self = ALCOVE_LOGIN_PAGE (widget);

  if (self->busy || g_list_model_get_n_items (G_LIST_MODEL (self->users)) < 2)
    return;
  show_accounts (self);
}

static void
reload_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  alcove_login_page_reload (ALCOVE_LOGIN_PAGE (widget));
}

/* Reads the header again and shows its accounts; allow_keyring lets a single account with a
 * keyring slot open without a choice. */
static void
reload (AlcoveLoginPage *self,
        gboolean         allow_keyring)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all_users = NULL;
  g_autoptr(GPtrArray) active = NULL;
  guint n_users;

  if (self->busy)
    {
      self->reload_pending = TRUE;
      return;
    }
  self->reload_pending = FALSE;

  g_clear_object (&self->user);
  stop_countdown (self);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  set_message (self->error_label, NULL);
  set_message (self->keyring_label, NULL);
  g_list_store_remove_all (self->users);
  gtk_widget_set_visible (self->back_button, FALSE);

  if (!alcove_vault_load (self->vault, &error))
    {
      g_clear_pointer (&self->vault_uuid, g_free);
      adw_window_title_set_title (self->window_title, _("Alcove"));
      adw_status_page_set_title (self->error_page, _("The Vault Cannot Be Read"));
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_sensitivity (self);
      return;
    }

  g_free (self->vault_uuid);
  self->vault_uuid = g_strdup (alcove_vault_get_uuid (self->vault));
  adw_window_title_set_title (self->window_title, alcove_vault_get_practice_name (self->vault));

  all_users = alcove_vault_list_users (self->vault);
  active = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (all_users); i++)
    {
      AlcoveUser *user = g_list_model_get_item (all_users, i);

      if (alcove_user_get_disabled (user))
        g_object_unref (user);
      else
        g_ptr_array_add (active, user);
    }
  g_list_store_splice (self->users, 0, 0, active->pdata, active->len);
  n_users = active->len;

  if (n_users == 0)
    {
      adw_status_page_set_title (self->error_page, _("No Account Can Sign In"));
      adw_status_page_set_description (self->error_page,
                                       _("Every account in this vault is disabled. The "
                                         "recovery key can still open it with alcovectl."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_sensitivity (self);
      return;
    }

  self->auto_keyring = allow_keyring;
  if (n_users == 1)
    select_user (self, g_ptr_array_index (active, 0), FALSE);
  else
    show_accounts (self);
}

static gboolean
find_user_by_name (AlcoveLoginPage *self,
                   const char      *username,
                   guint           *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->users)); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (G_LIST_MODEL (self->users), i);

      if (g_strcmp0 (alcove_user_get_username (user), username) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
reselect_after_reload (AlcoveLoginPage *self,
                       const char      *username)
{
  g_autofree char *name = g_strdup (username);
  guint position;

  reload (self, FALSE);
  if (find_user_by_name (self, name, &position))
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (G_LIST_MODEL (self->users), position);
      select_user (self, user, FALSE);
    }
}

static void
password_changed_cb (AlcoveLoginPage *self,
                     const char      *username)
{
  AdwToast *toast;
  guint position;

  /* The reset rewrote the header (and dropped the account's keyring slot): read it again. */
  reload (self, FALSE);
  if (find_user_by_name (self, username, &position))
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (G_LIST_MODEL (self->users), position);
      select_user (self, user, FALSE);
    }

  toast = adw_toast_new (_("Password changed — sign in with the new password"));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  focus_password (self);
}

static void
forgot_password_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AlcoveLoginPage *self = ALCOVE_LOGIN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AlcoveRecoveryWindow *window;

  if (self->busy)
    return;
  if (self->recovery_window != NULL)
    {
      gtk_window_present (self->recovery_window);
      return;
    }

  window = alcove_recovery_window_new (self->vault,
                                       self->user ? alcove_user_get_username (self->user) : NULL);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_signal_connect_object (window, "password-changed", G_CALLBACK (password_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->recovery_window = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->recovery_window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
password_text_changed_cb (AlcoveLoginPage *self)
{
  update_sensitivity (self);
}

static void
password_activated_cb (AlcoveLoginPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "login.unlock", NULL);
}

/* ---- GObject ---- */

static void
alcove_login_page_map (GtkWidget *widget)
{
  AlcoveLoginPage *self = ALCOVE_LOGIN_PAGE (widget);

  GTK_WIDGET_CLASS (alcove_login_page_parent_class)->map (widget);

  focus_current (self);
  maybe_try_keyring (self);
}

static void
alcove_login_page_dispose (GObject *object)
{
  AlcoveLoginPage *self = ALCOVE_LOGIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (self->recovery_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->recovery_window),
                                    (gpointer *) &self->recovery_window);
      gtk_window_destroy (g_steal_pointer (&self->recovery_window));
    }
  if (self->first_sign_in_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->first_sign_in_window),
                                    (gpointer *) &self->first_sign_in_window);
      gtk_window_destroy (g_steal_pointer (&self->first_sign_in_window));
    }
  self->disposed = TRUE;

  G_OBJECT_CLASS (alcove_login_page_parent_class)->dispose (object);
}

static void
alcove_login_page_finalize (GObject *object)
{
  AlcoveLoginPage *self = ALCOVE_LOGIN_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->retry_password, alcove_secret_free);
  g_clear_object (&self->user);
  g_clear_object (&self->users);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->vault_uuid, g_free);

  G_OBJECT_CLASS (alcove_login_page_parent_class)->finalize (object);
}

static void
alcove_login_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AlcoveLoginPage *self = ALCOVE_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_login_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AlcoveLoginPage *self = ALCOVE_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_login_page_class_init (AlcoveLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alcove_login_page_dispose;
  object_class->finalize = alcove_login_page_finalize;
  object_class->get_property = alcove_login_page_get_property;
  object_class->set_property = alcove_login_page_set_property;
  widget_class->map = alcove_login_page_map;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, ALCOVE_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlcoveLoginPage::unlocked:
   *
   * The vault was opened, with a password or the login keyring.
   */
  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ALCOVE_TYPE_PASSWORD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, users_list);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, username_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, keyring_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, unlock_stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, keyring_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveLoginPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_activated_cb);

  gtk_widget_class_install_action (widget_class, "login.unlock", NULL, unlock_action_cb);
  gtk_widget_class_install_action (widget_class, "login.use-keyring", NULL,
                                   use_keyring_action_cb);
  gtk_widget_class_install_action (widget_class, "login.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "login.forgot-password", NULL,
                                   forgot_password_action_cb);
  gtk_widget_class_install_action (widget_class, "login.reload", NULL, reload_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "login.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "login.back",
                                       NULL);
}

static void
alcove_login_page_init (AlcoveLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->users = g_list_store_new (ALCOVE_TYPE_USER);
  gtk_list_box_bind_model (self->users_list, G_LIST_MODEL (self->users), user_row_new, NULL,
                           NULL);

  alcove_secure_buffer_attach (GTK_EDITABLE (self->password_row));

  update_sensitivity (self);
}

/**
 * alcove_login_page_new:
 * @vault: a vault that exists on disk
 *
 * Returns: (transfer floating): the page, showing the vault's accounts
 */
AlcoveLoginPage *
alcove_login_page_new (AlcoveVault *vault)
{
  AlcoveLoginPage *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_LOGIN_PAGE, "vault", vault, NULL);
  alcove_login_page_reload (self);
  return self;
}

AlcoveVault *
alcove_login_page_get_vault (AlcoveLoginPage *self)
{
  g_return_val_if_fail (ALCOVE_IS_LOGIN_PAGE (self), NULL);
  return self->vault;
}

/**
 * alcove_login_page_reload:
 * @self: the page
 *
 * Reads the vault's header again and shows its accounts: call it each time the page is
 * shown, e.g. after a lock or a log out. The login keyring is tried without asking only
 * until the page has unlocked once: after a lock, opening the vault again takes a choice.
 */
void
alcove_login_page_reload (AlcoveLoginPage *self)
{
  g_return_if_fail (ALCOVE_IS_LOGIN_PAGE (self));

  /* After a lock, no account opens from the keyring without a choice. */
  reload (self, !self->has_unlocked);
}
