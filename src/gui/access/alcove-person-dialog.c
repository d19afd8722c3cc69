/* alcove-person-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-person-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "alcove-password-row.h"
#include "alcove-secure-buffer.h"
#include "alcove-after-draw.h"
#include "alcove-password-quality.h"
#include "alcove-person-dialog.h"
#include "alcove-policy.h"

/* Adding a person: a name, a username, a role (each with the line the policy table gives
 * it), and how they first sign in: a first password the owner gives, or a one-time enrolment
 * code shown here once. The core signs and audits the new account (alcove_vault_add_person);
 * the person chooses their own password at their first sign-in. */
struct _AlcovePersonDialog
{
  AdwWindow            parent_instance;

  AlcoveVault         *vault;
  GtkCheckButton      *role_checks[ALCOVE_N_ROLES];
  char                *suggested_username;  /* what the name suggested, until edited */
  gboolean             busy;

  GtkStack            *stack;
  AdwEntryRow         *name_row;
  AdwEntryRow         *username_row;
  AdwPreferencesGroup *role_group;
  GtkCheckButton      *password_choice;
  GtkCheckButton      *code_choice;
  AlcovePasswordRow   *password_row;
  AlcovePasswordRow   *confirm_row;
  GtkLabel            *status_label;
  GtkSpinner          *spinner;
  GtkWidget           *cancel_button;
  GtkWidget           *add_button;
  GtkWidget           *scroller;
  AdwStatusPage       *code_page;
  GtkLabel            *code_label;
  GtkWidget           *done_button;
};

G_DEFINE_FINAL_TYPE (AlcovePersonDialog, alcove_person_dialog, ADW_TYPE_WINDOW)

enum { PERSON_ADDED, N_SIGNALS };

static guint signals[N_SIGNALS];

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static AlcoveSecret *
secret_from (gpointer editable)
{
  return alcove_secret_new_from_data (text_of (editable), strlen (text_of (editable)));
}

static gboolean
with_code (AlcovePersonDialog *self)
{
  return gtk_check_button_get_active (self->code_choice);
}

static gboolean
chosen_role (AlcovePersonDialog *self,
             AlcoveRole         *role)
{
  for (guint i = 0; i < ALCOVE_N_ROLES; i++)
    if (gtk_check_button_get_active (self->role_checks[i]))
      {
        *role = (AlcoveRole) i;
        return TRUE;
      }
  return FALSE;
}

static void
update_actions (AlcovePersonDialog *self)
{
  AlcoveRole role;
  gboolean filled = *text_of (self->name_row) != '\0' && *text_of (self->username_row) != '\0' &&
                    chosen_role (self, &role) &&
                    (with_code (self) || (*text_of (self->password_row) != '\0' &&
                                          *text_of (self->confirm_row) != '\0'));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.add", filled && !self->busy);
}

static void
show_status (AlcovePersonDialog *self,
             const char         *message,
             gboolean            is_error)
{
  gtk_label_set_text (self->status_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL && *message != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* "Sam Ortiz" → "sam.ortiz": letters and digits of the words, lower case, joined by dots */
static char *
suggest_username (const char *full_name)
{
  g_autofree char *ascii = g_str_to_ascii (full_name, "C");
  g_auto(GStrv) words = g_strsplit_set (ascii, " \t-'’", -1);
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) word = g_string_new (NULL);

      for (const char *p = words[i]; *p != '\0'; p++)
        if (g_ascii_isalnum (*p))
          g_string_append_c (word, g_ascii_tolower (*p));
      if (word->len > 0)
        g_string_append_printf (name, "%s%s", name->len > 0 ? "." : "", word->str);
    }
  g_string_truncate (name, MIN (name->len, 32));
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
name_changed_cb (AlcovePersonDialog *self)
{
  /* the username follows the name until someone types one of their own */
  if (g_strcmp0 (text_of (self->username_row), self->suggested_username ? self->suggested_username
                                                                        : "") == 0)
    {
      g_free (self->suggested_username);
      self->suggested_username = suggest_username (text_of (self->name_row));
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), self->suggested_username);
    }
  update_actions (self);
}

static void
username_changed_cb (AlcovePersonDialog *self)
{
  gboolean valid = *text_of (self->username_row) == '\0' ||
                   alcove_username_is_valid (text_of (self->username_row));

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->username_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->username_row), "error");
  update_actions (self);
}

static void
field_changed_cb (AlcovePersonDialog *self)
{
  update_actions (self);
}

static void
choice_toggled_cb (AlcovePersonDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), !with_code (self));
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), !with_code (self));
  update_actions (self);
}

static void
entry_activated_cb (AlcovePersonDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "person.add", NULL);
}

/* ---- the roles, each explained by the policy table ---- */

static void
build_roles (AlcovePersonDialog *self)
{
  for (guint i = 0; i < ALCOVE_N_ROLES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *summary = alcove_policy_dup_role_summary ((AlcoveRole) i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     alcove_role_get_display_name ((AlcoveRole) i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->role_checks[0]);
      /* the row's title names the choice; the check button is its activatable widget */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      row, NULL, -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (field_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_name (row, alcove_role_to_string ((AlcoveRole) i));
      adw_preferences_group_add (self->role_group, row);
      self->role_checks[i] = GTK_CHECK_BUTTON (check);
    }
  gtk_check_button_set_active (self->role_checks[ALCOVE_ROLE_CLINICIAN], TRUE);
}

/* ---- adding ---- */

static void
set_busy (AlcovePersonDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->scroller, !busy);
  gtk_widget_set_sensitive (self->cancel_button, !busy);
  update_actions (self);
}

static void
clear_secrets (AlcovePersonDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
}

/* The code on screen, once; the window's copy is wiped when it closes */
static void
show_code (AlcovePersonDialog *self,
           AlcoveSecret       *code)
{
  g_autofree char *text = g_strndup ((const char *) alcove_secret_get_data (code),
                                     alcove_secret_get_size (code));
  g_autofree char *title = g_strdup_printf (_("Give This Code to %s"), text_of (self->name_row));

  adw_status_page_set_title (self->code_page, title);
  adw_status_page_set_description (self->code_page,
                                   _("It is shown only this once and works only once. They "
                                     "type it at their first sign-in, with an owner there to "
                                     "confirm, and choose their own password."));
  gtk_label_set_text (self->code_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Enrolment code"), -1);
  gnutls_memset (text, 0, strlen (text));
  gtk_widget_set_visible (self->add_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Enrolment Code"));
  gtk_stack_set_visible_child_name (self->stack, "code");
  gtk_widget_grab_focus (self->done_button);
}

/* Argon2 and two new stores: the dialog says so first (add_action_cb), then this runs */
static void
add_now (AlcovePersonDialog *self)
{
  g_autoptr(AlcoveSecret) password = with_code (self) ? NULL : secret_from (self->password_row);
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *username = g_strdup (text_of (self->username_row));
  AlcoveRole role = ALCOVE_ROLE_CLINICIAN;

  chosen_role (self, &role);
  if (!alcove_vault_add_person (self->vault, username, text_of (self->name_row), role, password,
                                NULL, with_code (self) ? &code : NULL, &error))
    {
      set_busy (self, FALSE);
      show_status (self, error->message, TRUE);
      return;
    }
  set_busy (self, FALSE);
  clear_secrets (self);
  show_status (self, NULL, FALSE);
  g_signal_emit (self, signals[PERSON_ADDED], 0, username);
  if (code != NULL)
    show_code (self, code);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
add_cb (gpointer user_data)
{
  add_now (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
check_fields (AlcovePersonDialog *self)
{
  g_autoptr(AlcoveSecret) password = NULL;
  g_autoptr(AlcoveSecret) again = NULL;
  g_autoptr(GError) error = NULL;

  if (!alcove_username_is_valid (text_of (self->username_row)))
    {
      show_status (self, _("A username is 1 to 32 letters, digits, dots, dashes or underscores, "
                           "starting with a letter or digit"), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
      return FALSE;
    }
  if (with_code (self))
    return TRUE;
  password = secret_from (self->password_row);
  again = secret_from (self->confirm_row);
  if (!alcove_secret_equal (password, again))
    {
      show_status (self, _("The two passwords are not the same: type the first password again"),
                   TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return FALSE;
    }
  if (!alcove_password_quality_check (password, text_of (self->username_row), NULL, &error))
    {
      show_status (self, error->message, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return FALSE;
    }
  return TRUE;
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlcovePersonDialog *self = ALCOVE_PERSON_DIALOG (widget);

  if (self->busy || !check_fields (self))
    return;
  show_status (self, _("Adding them and making their keys…"), FALSE);
  set_busy (self, TRUE);
  alcove_after_draw (widget, add_cb, g_object_ref (self), g_object_unref);
}

/* ---- GObject ---- */

static gboolean
alcove_person_dialog_close_request (GtkWindow *window)
{
  AlcovePersonDialog *self = ALCOVE_PERSON_DIALOG (window);

  if (self->busy)
    return TRUE;
  clear_secrets (self);
  gtk_label_set_text (self->code_label, "");
  return GTK_WINDOW_CLASS (alcove_person_dialog_parent_class)->close_request (window);
}

static void
alcove_person_dialog_dispose (GObject *object)
{
  AlcovePersonDialog *self = ALCOVE_PERSON_DIALOG (object);

  g_clear_object (&self->vault);
  g_clear_pointer (&self->suggested_username, g_free);

  G_OBJECT_CLASS (alcove_person_dialog_parent_class)->dispose (object);
}

static void
alcove_person_dialog_class_init (AlcovePersonDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alcove_person_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = alcove_person_dialog_close_request;

  /**
   * AlcovePersonDialog::person-added:
   * @username: the new account's
   */
  signals[PERSON_ADDED] = g_signal_new ("person-added", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_STRING);

  g_type_ensure (ALCOVE_TYPE_PASSWORD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-person-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, role_group);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, password_choice);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, code_choice);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, code_page);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, AlcovePersonDialog, done_button);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, username_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "person.add", NULL, add_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
alcove_person_dialog_init (AlcovePersonDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  alcove_secure_buffer_attach (GTK_EDITABLE (self->password_row));
  alcove_secure_buffer_attach (GTK_EDITABLE (self->confirm_row));
  build_roles (self);
  update_actions (self);
}

AlcovePersonDialog *
alcove_person_dialog_new (GtkWindow   *parent,
                          AlcoveVault *vault)
{
  AlcovePersonDialog *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_PERSON_DIALOG, "transient-for", parent, NULL);
  self->vault = g_object_ref (vault);
  return self;
}
