/* alcove-people-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-people-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-after-draw.h"
#include "alcove-people-page-private.h"
#include "alcove-policy.h"

/* Preferences, People: everyone of the practice, their role and what it opens, who
 * supervises whom. A session that holds the practice's authority (an owner's, or the
 * recovery key's) changes them here; everyone else sees who is who, read-only. The rules
 * (who may be disabled or demoted, who may supervise) are the core's: the page shows its
 * answers, with the reason when an action is not available. */

G_DEFINE_FINAL_TYPE (AlcovePeoplePage, alcove_people_page, ADW_TYPE_PREFERENCES_PAGE)

static gboolean
manages (AlcovePeoplePage *self)
{
  return alcove_vault_can_manage_people (self->vault);
}

static gboolean
is_me (AlcovePeoplePage *self,
       AlcoveUser       *user)
{
  AlcoveUser *me = alcove_vault_get_current_user (self->vault);

  return me != NULL && g_str_equal (alcove_user_get_uuid (me), alcove_user_get_uuid (user));
}

AlcoveUser *
alcove_people_page_find_user (AlcovePeoplePage *self,
                              const char       *username)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (self->vault);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      if (g_str_equal (alcove_user_get_username (user), username))
        return g_steal_pointer (&user);
    }
  return NULL;
}

static char *
full_name_of (AlcovePeoplePage *self,
              const char       *username)
{
  g_autoptr(AlcoveUser) user = alcove_people_page_find_user (self, username);

  return g_strdup (user ? alcove_user_get_full_name (user) : username);
}

GtkWindow *
alcove_people_page_get_window (AlcovePeoplePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
alcove_people_page_toast (AlcovePeoplePage *self,
                          const char       *message)
{
  GtkWindow *window = alcove_people_page_get_window (self);
  AdwToast *toast;

  if (!ADW_IS_PREFERENCES_WINDOW (window))
    return;
  toast = adw_toast_new (message);
  /* the latest change is the one to tell: it takes the place of an earlier toast */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
}

/* A refusal in full, which a toast would cut short: nothing was changed, and why */
void
alcove_people_page_tell_refusal (AlcovePeoplePage *self,
                                 const char       *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (alcove_people_page_get_window (self),
                                                       _("Nothing Was Changed"), message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- a person's rows ---- */

static GtkWidget *
plain_row (const char *title,
           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* A button in a row, with a target and a name of its own for assistive technology */
static GtkWidget *
action_button (const char *label,
               const char *accessible_name,
               const char *action,
               GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  return button;
}

/* Why a person's role cannot change now, or NULL */
static char *
role_locked_reason (AlcovePeoplePage *self,
                    AlcoveUser       *user)
{
  g_autoptr(GError) error = NULL;

  if (is_me (self, user))
    return g_strdup (_("Your own role is changed by another owner"));
  if (alcove_user_get_disabled (user))
    return g_strdup (_("Enable the account to change its role"));
  if (!alcove_vault_check_keeps_an_owner (self->vault, alcove_user_get_username (user), &error))
    return g_strdup (error->message);
  return NULL;
}

static void
role_selected_cb (AdwComboRow      *row,
                  GParamSpec       *pspec,
                  AlcovePeoplePage *self)
{
  AlcoveUser *user = g_object_get_data (G_OBJECT (row), "user");
  AlcoveRole role = (AlcoveRole) adw_combo_row_get_selected (row);

  if (self->refreshing || role == alcove_user_get_role (user))
    return;
  alcove_people_page_ask_role (self, user, role);
}

static GtkWidget *
role_row_new (AlcovePeoplePage *self,
              AlcoveUser       *user)
{
  AlcoveRole role = alcove_user_get_role (user);
  g_autofree char *summary = alcove_policy_dup_role_summary (role);
  g_autofree char *locked = manages (self) ? role_locked_reason (self, user) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *row;

  if (!manages (self))
    return plain_row (alcove_role_get_display_name (role), summary);
  for (guint i = 0; i < ALCOVE_N_ROLES; i++)
    gtk_string_list_append (names, alcove_role_get_display_name ((AlcoveRole) i));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Role"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), role);
  /* what the role opens is the next row's: a narrow window keeps the role's name whole */
  if (locked != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), locked);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_sensitive (row, locked == NULL);
  gtk_widget_set_name (row, "role");
  g_object_set_data_full (G_OBJECT (row), "user", g_object_ref (user), g_object_unref);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (role_selected_cb), self, 0);
  return row;
}

/* "Rui Tanaka reads these progress notes", with a button to end it */
static GtkWidget *
supervisor_row_new (AlcovePeoplePage *self,
                    AlcoveUser       *clinician,
                    const char       *supervisor)
{
  const char *username = alcove_user_get_username (clinician);
  g_autofree char *name = full_name_of (self, supervisor);
  g_autofree char *title = g_strdup_printf (_("Supervised by %s"), name);
  g_autofree char *pending = NULL;
  GtkWidget *row;

  if (alcove_vault_supervision_is_pending (self->vault, supervisor, username))
    pending = g_strdup_printf (_("Reads the progress notes from %s’s next sign-in"),
                               alcove_user_get_full_name (clinician));
  row = plain_row (title, pending ? pending : _("Reads the progress notes, never the "
                                                "psychotherapy notes"));
  if (manages (self))
    {
      g_autofree char *accessible = g_strdup_printf (_("Stop %s supervising %s"), name,
                                                     alcove_user_get_full_name (clinician));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button (_("_Remove"), accessible, "people.unsupervise",
                                                g_variant_new ("(ss)", supervisor, username)));
    }
  return row;
}

static void
candidate_selected_cb (AdwComboRow *row,
                       GParamSpec  *pspec,
                       GtkWidget   *button)
{
  GStrv candidates = g_object_get_data (G_OBJECT (row), "candidates");
  const char *clinician = g_object_get_data (G_OBJECT (row), "clinician");
  guint selected = adw_combo_row_get_selected (row);

  if (candidates == NULL || selected >= g_strv_length (candidates))
    return;
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new ("(ss)", candidates[selected], clinician));
}

/* The active supervisors not yet reading `clinician`'s notes, to assign one */
static GtkWidget *
assign_row_new (AlcovePeoplePage *self,
                AlcoveUser       *clinician,
                GStrv             current)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (self->vault);
  g_autoptr(GStrvBuilder) usernames = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *accessible = NULL;
  GtkWidget *row, *button;

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      if (alcove_user_get_role (user) != ALCOVE_ROLE_SUPERVISOR ||
          alcove_user_get_disabled (user) ||
          g_strv_contains ((const char * const *) current, alcove_user_get_username (user)))
        continue;
      g_strv_builder_add (usernames, alcove_user_get_username (user));
      gtk_string_list_append (names, alcove_user_get_full_name (user));
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (names)) == 0)
    return NULL;
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add a supervisor"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  gtk_widget_set_name (row, "add-supervisor");
  accessible = g_strdup_printf (_("Assign the chosen supervisor to %s"),
                                alcove_user_get_full_name (clinician));
  button = action_button (_("_Assign"), accessible, "people.assign", NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data_full (G_OBJECT (row), "candidates", g_strv_builder_end (usernames),
                          (GDestroyNotify) g_strfreev);
  g_object_set_data_full (G_OBJECT (row), "clinician",
                          g_strdup (alcove_user_get_username (clinician)), g_free);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (candidate_selected_cb), button,
                           0);
  candidate_selected_cb (ADW_COMBO_ROW (row), NULL, button);
  return row;
}

static void
add_supervision_rows (AlcovePeoplePage *self,
                      AdwExpanderRow   *expander,
                      AlcoveUser       *user)
{
  const char *username = alcove_user_get_username (user);
  GtkWidget *assign;

  if (alcove_user_get_disabled (user))
    return;
  if (alcove_role_writes_notes (alcove_user_get_role (user)))
    {
      g_auto(GStrv) supervisors = alcove_vault_dup_supervisors (self->vault, username);

      for (guint i = 0; supervisors[i] != NULL; i++)
        adw_expander_row_add_row (expander, supervisor_row_new (self, user, supervisors[i]));
      if (manages (self) && (assign = assign_row_new (self, user, supervisors)) != NULL)
        adw_expander_row_add_row (expander, assign);
    }
  else if (alcove_user_get_role (user) == ALCOVE_ROLE_SUPERVISOR)
    {
      g_auto(GStrv) supervisees = alcove_vault_dup_supervisees (self->vault, username);

      for (guint i = 0; supervisees[i] != NULL; i++)
        {
          g_autofree char *name = full_name_of (self, supervisees[i]);
          g_autofree char *title = g_strdup_printf (_("Reads %s’s progress notes"), name);
          gboolean pending = alcove_vault_supervision_is_pending (self->vault, username,
                                                                  supervisees[i]);

          adw_expander_row_add_row (expander,
                                    plain_row (title, pending ? _("From their next sign-in")
                                                              : NULL));
        }
      if (supervisees[0] == NULL)
        adw_expander_row_add_row (expander,
                                  plain_row (_("Supervises nobody yet"),
                                             manages (self) ? _("Assign a supervisor in a "
                                                                "clinician’s row")
                                                            : NULL));
    }
}

/* Why the account cannot be disabled now, or NULL */
static char *
disable_locked_reason (AlcovePeoplePage *self,
                       AlcoveUser       *user)
{
  g_autoptr(GError) error = NULL;

  if (is_me (self, user))
    return g_strdup (_("You cannot disable your own account"));
  if (!alcove_vault_check_keeps_an_owner (self->vault, alcove_user_get_username (user), &error))
    return g_strdup (error->message);
  return NULL;
}

static GtkWidget *
account_row_new (AlcovePeoplePage *self,
                 AlcoveUser       *user)
{
  const char *username = alcove_user_get_username (user);
  const char *name = alcove_user_get_full_name (user);
  g_autofree char *locked = disable_locked_reason (self, user);
  g_autofree char *reset_name = g_strdup_printf (_("Reset %s’s password"), name);
  g_autofree char *state_name = g_strdup_printf (alcove_user_get_disabled (user)
                                                 ? _("Enable %s again") : _("Disable %s"), name);
  GtkWidget *row = plain_row (_("Account"), NULL);
  GtkWidget *state;

  if (alcove_user_get_disabled (user))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("Disabled: opens nothing. Enabling gives a new first "
                                   "password."));
  else if (locked != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), locked);
  if (!alcove_user_get_disabled (user) && !is_me (self, user))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               action_button (_("_Reset Password…"), reset_name, "people.reset",
                                              g_variant_new_string (username)));
  state = alcove_user_get_disabled (user)
            ? action_button (_("_Enable…"), state_name, "people.enable",
                             g_variant_new_string (username))
            : action_button (_("_Disable…"), state_name, "people.disable",
                             g_variant_new_string (username));
  gtk_widget_set_name (state, "state-button");
  if (!alcove_user_get_disabled (user))
    gtk_widget_add_css_class (state, "destructive-action");
  /* not available: no action to enable it again, and the row's subtitle says why */
  if (locked != NULL && !alcove_user_get_disabled (user))
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (state), NULL);
      gtk_widget_set_sensitive (state, FALSE);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  gtk_widget_set_name (row, "account");
  return row;
}

static char *
person_subtitle (AlcovePeoplePage *self,
                 AlcoveUser       *user)
{
  const char *role = alcove_role_get_display_name (alcove_user_get_role (user));
  const char *username = alcove_user_get_username (user);

  if (alcove_user_get_disabled (user))
    /* Translators: a person's row: role, username, then their account's state */
    return g_strdup_printf (_("%s · %s · Disabled"), role, username);
  if (alcove_user_get_first_sign_in (user) != ALCOVE_FIRST_SIGN_IN_NONE)
    return g_strdup_printf (_("%s · %s · Has not signed in yet"), role, username);
  if (is_me (self, user))
    return g_strdup_printf (_("%s · %s · You"), role, username);
  return g_strdup_printf (_("%s · %s"), role, username);
}

static void
expanded_cb (AdwExpanderRow   *row,
             GParamSpec       *pspec,
             AlcovePeoplePage *self)
{
  const char *username = gtk_widget_get_name (GTK_WIDGET (row));

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (username));
  else
    g_hash_table_remove (self->expanded, username);
}

static GtkWidget *
person_row_new (AlcovePeoplePage *self,
                AlcoveUser       *user)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *avatar = adw_avatar_new (32, alcove_user_get_full_name (user), TRUE);
  g_autofree char *subtitle = person_subtitle (self, user);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alcove_user_get_full_name (user));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), avatar);
  if (alcove_user_get_disabled (user))
    gtk_widget_add_css_class (row, "dim-label");
  gtk_widget_set_name (row, alcove_user_get_username (user));

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), role_row_new (self, user));
  if (manages (self))
    {
      g_autofree char *summary = alcove_policy_dup_role_summary (alcove_user_get_role (user));

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), plain_row (_("Access"), summary));
    }
  add_supervision_rows (self, ADW_EXPANDER_ROW (row), user);
  if (manages (self))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), account_row_new (self, user));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                 g_hash_table_contains (self->expanded,
                                                        alcove_user_get_username (user)));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);
  return row;
}

void
alcove_people_page_refresh (AlcovePeoplePage *self)
{
  g_autoptr(GListModel) users = NULL;

  g_return_if_fail (ALCOVE_IS_PEOPLE_PAGE (self));

  self->refreshing = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->people_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (alcove_vault_get_locked (self->vault))
    {
      self->refreshing = FALSE;
      return;
    }

  adw_preferences_group_set_description (self->people_group,
                                         manages (self)
                                         ? _("Everyone who signs in to the practice, their "
                                             "role, and who reads whose notes. Every change is "
                                             "signed by an owner and recorded in the audit log.")
                                         : _("Who is who in the practice. Only an owner adds "
                                             "people or changes their roles."));
  gtk_widget_set_visible (self->add_button, manages (self));
  users = alcove_vault_list_users (self->vault);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);
      GtkWidget *row = person_row_new (self, user);

      adw_preferences_group_add (self->people_group, row);
      g_ptr_array_add (self->rows, row);
    }
  self->refreshing = FALSE;
}

/* ---- running a change ---- */

typedef struct
{
  AlcovePeoplePage *page;
  AlcovePeopleJob   job;
  gpointer          data;
  GDestroyNotify    free_data;
  char             *done_message;
} Run;

static void
run_free (Run *run)
{
  if (run->free_data != NULL)
    run->free_data (run->data);
  g_object_unref (run->page);
  g_free (run->done_message);
  g_free (run);
}

static void
set_busy (AlcovePeoplePage *self,
          const char       *message)
{
  GtkWindow *window = alcove_people_page_get_window (self);

  self->busy = message != NULL;
  if (self->busy && window != NULL)
    gtk_window_set_focus (window, NULL);
  gtk_label_set_text (self->status_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_group), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->people_group), !self->busy);
  if (window != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (window), !self->busy);
}

static gboolean
run_job_cb (gpointer user_data)
{
  Run *run = user_data;
  AlcovePeoplePage *self = run->page;
  g_autoptr(GError) error = NULL;
  gboolean done = run->job (self->vault, run->data, &error);

  set_busy (self, NULL);
  /* a failed re-key can leave the vault locked: the window closes with it */
  if (alcove_vault_get_locked (self->vault))
    return G_SOURCE_REMOVE;
  alcove_people_page_refresh (self);
  if (done)
    alcove_people_page_toast (self, run->done_message);
  else
    alcove_people_page_tell_refusal (self, error->message);
  return G_SOURCE_REMOVE;
}

void
alcove_people_page_run (AlcovePeoplePage *self,
                        const char       *message,
                        AlcovePeopleJob   job,
                        gpointer          data,
                        GDestroyNotify    free_data,
                        const char       *done_message)
{
  Run *run = g_new0 (Run, 1);

  run->page = g_object_ref (self);
  run->job = job;
  run->data = data;
  run->free_data = free_data;
  run->done_message = g_strdup (done_message);
  set_busy (self, message);
  alcove_after_draw (GTK_WIDGET (self), run_job_cb, run, (GDestroyNotify) run_free);
}

/* ---- GObject ---- */

static void
alcove_people_page_dispose (GObject *object)
{
  AlcovePeoplePage *self = ALCOVE_PEOPLE_PAGE (object);

  g_clear_object (&self->vault);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);

  G_OBJECT_CLASS (alcove_people_page_parent_class)->dispose (object);
}

static void
alcove_people_page_class_init (AlcovePeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alcove_people_page_dispose;

  g_type_ensure (ALCOVE_TYPE_EMERGENCY_POLICY_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcovePeoplePage, status_group);
  gtk_widget_class_bind_template_child (widget_class, AlcovePeoplePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcovePeoplePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, AlcovePeoplePage, people_group);
  gtk_widget_class_bind_template_child (widget_class, AlcovePeoplePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, AlcovePeoplePage, emergency_group);
  alcove_people_page_install_actions (widget_class);
}

static void
alcove_people_page_init (AlcovePeoplePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

AlcovePeoplePage *
alcove_people_page_new (AlcoveVault *vault)
{
  AlcovePeoplePage *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_PEOPLE_PAGE, NULL);
  self->vault = g_object_ref (vault);
  alcove_people_page_refresh (self);
  alcove_emergency_policy_group_set_vault (self->emergency_group, vault);
  return self;
}
