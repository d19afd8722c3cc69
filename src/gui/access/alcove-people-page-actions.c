/* alcove-people-page-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-people-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-password-row.h"
#include "alcove-secure-buffer.h"
#include "alcove-people-page-private.h"
#include "alcove-person-dialog.h"
#include "alcove-policy.h"

/* What the People page's buttons and rows do: each asks first, says what will happen, then
 * runs one core call through alcove_people_page_run (which shows it working). */

typedef struct
{
  char         *username;
  char         *other;     /* the supervisor, or NULL */
  AlcoveRole    role;
  AlcoveSecret *password;
  AlcoveSecret *recovery_code;
} Change;

static void
change_free (Change *change)
{
  g_free (change->username);
  g_free (change->other);
  g_clear_pointer (&change->password, alcove_secret_free);
  g_clear_pointer (&change->recovery_code, alcove_secret_free);
  g_free (change);
}

static Change *
change_new (const char *username,
            const char *other)
{
  Change *change = g_new0 (Change, 1);

  change->username = g_strdup (username);
  change->other = g_strdup (other);
  return change;
}

static char *
name_of (AlcovePeoplePage *self,
         const char       *username)
{
  g_autoptr(AlcoveUser) user = alcove_people_page_find_user (self, username);

  return g_strdup (user ? alcove_user_get_full_name (user) : username);
}

static AdwMessageDialog *
ask (AlcovePeoplePage *self,
     const char       *heading,
     const char       *body,
     const char       *response,
     const char       *response_label,
     gboolean          destructive)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (alcove_people_page_get_window (self),
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response,
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, destructive ? "cancel" : response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static AlcoveSecret *
secret_from (gpointer editable)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editable));

  return alcove_secret_new_from_data (text, strlen (text));
}

static GtkWidget *
password_row_new (const char *title,
                  const char *name)
{
  GtkWidget *row = alcove_password_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  alcove_secure_buffer_attach (GTK_EDITABLE (row));
  return row;
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
clear_rows (GtkWidget *list)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_EDITABLE (row))
      gtk_editable_set_text (GTK_EDITABLE (row), "");
}

/* ---- adding ---- */

static void
person_added_cb (AlcovePersonDialog *dialog,
                 const char         *username,
                 AlcovePeoplePage   *self)
{
  g_autofree char *name = name_of (self, username);
  g_autofree char *message = g_strdup_printf (_("%s was added"), name);

  alcove_people_page_refresh (self);
  alcove_people_page_toast (self, message);
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlcovePeoplePage *self = ALCOVE_PEOPLE_PAGE (widget);
  AlcovePersonDialog *dialog;

  if (self->busy || !alcove_vault_can_manage_people (self->vault))
    return;
  dialog = alcove_person_dialog_new (alcove_people_page_get_window (self), self->vault);
  g_signal_connect_object (dialog, "person-added", G_CALLBACK (person_added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- disabling ---- */

static gboolean
disable_job (AlcoveVault  *vault,
             gpointer      data,
             GError      **error)
{
  Change *change = data;

  return alcove_vault_disable_user (vault, change->username, error);
}

static void
disable_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     AlcovePeoplePage *self)
{
  const char *username = g_object_get_data (G_OBJECT (dialog), "username");
  g_autofree char *name = NULL, *message = NULL, *done = NULL;

  if (!g_str_equal (response, "disable"))
    return;
  name = name_of (self, username);
  message = g_strdup_printf (_("Disabling %s: every store they could open gets a new key…"),
                             name);
  done = g_strdup_printf (_("%s is disabled"), name);
  alcove_people_page_run (self, message, disable_job, change_new (username, NULL),
                          (GDestroyNotify) change_free, done);
}

static void
disable_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AlcovePeoplePage *self = ALCOVE_PEOPLE_PAGE (widget);
  const char *username = g_variant_get_string (parameter, NULL);
  g_autofree char *name = name_of (self, username);
  g_autofree char *heading = g_strdup_printf (_("Disable %s?"), name);
  g_autofree char *body = g_strdup_printf (_("%s will no longer be able to sign in. Every store "
                                             "they could open gets a new key, so no key they "
                                             "kept opens anything written from now on. What "
                                             "they wrote stays in the vault."), name);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (self->busy)
    return;
  /* the core would refuse: say why at once */
  if (!alcove_vault_check_keeps_an_owner (self->vault, username, &error))
    {
      alcove_people_page_tell_refusal (self, error->message);
      return;
    }
  dialog = ask (self, heading, body, "disable", _("_Disable"), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "username", g_strdup (username), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (disable_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- a first password: enabling again, or resetting a forgotten one ---- */

static gboolean
enable_job (AlcoveVault  *vault,
            gpointer      data,
            GError      **error)
{
  Change *change = data;

  return alcove_vault_enable_user (vault, change->username, change->password, NULL, error);
}

static gboolean
reset_job (AlcoveVault  *vault,
           gpointer      data,
           GError      **error)
{
  Change *change = data;

  return alcove_vault_reset_person (vault, change->username, change->password, NULL,
                                    change->recovery_code, error);
}

static void
password_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      AlcovePeoplePage *self)
{
  GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *first = g_object_get_data (G_OBJECT (dialog), "first");
  GtkWidget *again = g_object_get_data (G_OBJECT (dialog), "again");
  GtkWidget *recovery = g_object_get_data (G_OBJECT (dialog), "recovery");
  const char *username = g_object_get_data (G_OBJECT (dialog), "username");
  gboolean enabling = g_str_equal (response, "enable");
  g_autofree char *name = name_of (self, username);
  g_autofree char *message = NULL, *done = NULL;
  g_autoptr(AlcoveSecret) repeated = NULL;
  Change *change;

  if (g_str_equal (response, "cancel"))
    {
      clear_rows (list);
      return;
    }
  repeated = secret_from (again);
  change = change_new (username, NULL);
  change->password = secret_from (first);
  change->recovery_code = recovery != NULL ? secret_from (recovery) : NULL;
  if (!alcove_secret_equal (change->password, repeated))
    {
      clear_rows (list);
      change_free (change);
      alcove_people_page_tell_refusal (self, _("The two passwords were not the same."));
      return;
    }
  clear_rows (list);
  message = g_strdup_printf (enabling ? _("Enabling %s again with new keys…")
                                      : _("Giving %s new keys and a first password…"), name);
  done = g_strdup_printf (enabling ? _("%s is enabled: they choose their own password at "
                                       "their next sign-in")
                                   : _("%s’s password is reset: they choose their own at "
                                       "their next sign-in"), name);
  alcove_people_page_run (self, message, enabling ? enable_job : reset_job, change,
                          (GDestroyNotify) change_free, done);
}

/* A dialog that asks for a first password twice, and the recovery key when `recovery` */
static void
ask_first_password (AlcoveVault      *vault,
                    AlcovePeoplePage *self,
                    const char       *username,
                    gboolean          enabling)
{
  g_autofree char *name = name_of (self, username);
  g_autofree char *heading = g_strdup_printf (enabling ? _("Enable %s Again?")
                                                       : _("Reset %s’s Password?"), name);
  g_autofree char *body = g_strdup_printf (_("Give %s a first password. It opens only their "
                                             "first sign-in, where they choose their own with "
                                             "an owner there to confirm."), name);
  gboolean recovery = !enabling && alcove_vault_reset_needs_recovery_key (vault, username);
  AdwMessageDialog *dialog = ask (self, heading, body, enabling ? "enable" : "reset",
                                  enabling ? _("_Enable") : _("_Reset"), FALSE);
  GtkWidget *list = boxed_list ();
  GtkWidget *first = password_row_new (_("First password"), "first");
  GtkWidget *again = password_row_new (_("Confirm first password"), "again");

  gtk_list_box_append (GTK_LIST_BOX (list), first);
  gtk_list_box_append (GTK_LIST_BOX (list), again);
  if (recovery)
    {
      GtkWidget *key = password_row_new (_("Recovery key"), "recovery");

      /* their notes are sealed to no owner: the recovery key gives them back */
      gtk_list_box_append (GTK_LIST_BOX (list), key);
      g_object_set_data (G_OBJECT (dialog), "recovery", key);
    }
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data (G_OBJECT (dialog), "first", first);
  g_object_set_data (G_OBJECT (dialog), "again", again);
  g_object_set_data_full (G_OBJECT (dialog), "username", g_strdup (username), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (password_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (first);
}

static void
enable_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcovePeoplePage *self = ALCOVE_PEOPLE_PAGE (widget);

  if (!self->busy)
    ask_first_password (self->vault, self, g_variant_get_string (parameter, NULL), TRUE);
}

static void
reset_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlcovePeoplePage *self = ALCOVE_PEOPLE_PAGE (widget);

  if (!self->busy)
    ask_first_password (self->vault, self, g_variant_get_string (parameter, NULL), FALSE);
}

/* ---- roles ---- */

static gboolean
role_job (AlcoveVault  *vault,
          gpointer      data,
          GError      **error)
{
  Change *change = data;

  return alcove_vault_set_role (vault, change->username, change->role, error);
}

static void
role_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  AlcovePeoplePage *self)
{
  Change *change = g_object_steal_data (G_OBJECT (dialog), "change");
  g_autofree char *name = NULL, *message = NULL, *done = NULL;

  if (!g_str_equal (response, "change"))
    {
      change_free (change);
      /* the combo row goes back to the role in force */
      alcove_people_page_refresh (self);
      return;
    }
  name = name_of (self, change->username);
  message = g_strdup_printf (_("Changing %s’s role and keys…"), name);
  done = g_strdup_printf (_("%s is now %s"), name, alcove_role_get_display_name (change->role));
  alcove_people_page_run (self, message, role_job, change, (GDestroyNotify) change_free, done);
}

void
alcove_people_page_ask_role (AlcovePeoplePage *self,
                             AlcoveUser       *user,
                             AlcoveRole        role)
{
  const char *name = alcove_user_get_full_name (user);
  const char *role_name = alcove_role_get_display_name (role);
  g_autofree char *summary = alcove_policy_dup_role_summary (role);
  g_autofree char *heading = g_strdup_printf (_("Make %s %s?"), name, role_name);
  g_autofree char *body = g_strdup_printf (_("%s: %s.\n\nKeys the new role does not need are "
                                             "taken away and the stores behind them get new "
                                             "ones; what %s wrote stays in the vault."),
                                           role_name, summary, name);
  AdwMessageDialog *dialog = ask (self, heading, body, "change", _("_Change Role"), FALSE);
  Change *change = change_new (alcove_user_get_username (user), NULL);

  change->role = role;
  g_object_set_data_full (G_OBJECT (dialog), "change", change, (GDestroyNotify) change_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (role_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- supervision ---- */

static gboolean
assign_job (AlcoveVault  *vault,
            gpointer      data,
            GError      **error)
{
  Change *change = data;

  return alcove_vault_grant_supervision (vault, change->other, change->username, error);
}

static gboolean
unsupervise_job (AlcoveVault  *vault,
                 gpointer      data,
                 GError      **error)
{
  Change *change = data;

  return alcove_vault_end_supervision (vault, change->other, change->username, error);
}

/* (supervisor, clinician) */
static void
assign_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcovePeoplePage *self = ALCOVE_PEOPLE_PAGE (widget);
  const char *supervisor, *clinician;
  g_autofree char *supervisor_name = NULL, *clinician_name = NULL, *done = NULL;

  if (self->busy || parameter == NULL)
    return;
  g_variant_get (parameter, "(&s&s)", &supervisor, &clinician);
  supervisor_name = name_of (self, supervisor);
  clinician_name = name_of (self, clinician);
  done = g_strdup_printf (_("%s reads %s’s progress notes from their next sign-in"),
                          supervisor_name, clinician_name);
  alcove_people_page_run (self, _("Assigning the supervisor…"), assign_job,
                          change_new (clinician, supervisor), (GDestroyNotify) change_free, done);
}

static void
unsupervise_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         AlcovePeoplePage *self)
{
  Change *change = g_object_steal_data (G_OBJECT (dialog), "change");
  g_autofree char *done = NULL, *supervisor_name = NULL;

  if (!g_str_equal (response, "remove"))
    {
      change_free (change);
      return;
    }
  supervisor_name = name_of (self, change->other);
  done = g_strdup_printf (_("%s no longer reads these progress notes"), supervisor_name);
  alcove_people_page_run (self, _("Ending the supervision: the notes get a new key…"),
                          unsupervise_job, change, (GDestroyNotify) change_free, done);
}

static void
unsupervise_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AlcovePeoplePage *self = ALCOVE_PEOPLE_PAGE (widget);
  const char *supervisor, *clinician;
  g_autofree char *supervisor_name = NULL, *clinician_name = NULL;
  g_autofree char *heading = NULL, *body = NULL;
  AdwMessageDialog *dialog;

  if (self->busy)
    return;
  g_variant_get (parameter, "(&s&s)", &supervisor, &clinician);
  supervisor_name = name_of (self, supervisor);
  clinician_name = name_of (self, clinician);
  heading = g_strdup_printf (_("Stop %s Supervising %s?"), supervisor_name, clinician_name);
  body = g_strdup_printf (_("%s will no longer read %s’s progress notes. The notes get a new "
                            "key, which %s’s next sign-in puts in place."), supervisor_name,
                          clinician_name, clinician_name);
  dialog = ask (self, heading, body, "remove", _("_Stop Supervision"), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "change", change_new (clinician, supervisor),
                          (GDestroyNotify) change_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsupervise_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
alcove_people_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "people.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "people.disable", "s", disable_action_cb);
  gtk_widget_class_install_action (widget_class, "people.enable", "s", enable_action_cb);
  gtk_widget_class_install_action (widget_class, "people.reset", "s", reset_action_cb);
  gtk_widget_class_install_action (widget_class, "people.assign", "(ss)", assign_action_cb);
  gtk_widget_class_install_action (widget_class, "people.unsupervise", "(ss)",
                                   unsupervise_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "people.add",
                                       NULL);
}
