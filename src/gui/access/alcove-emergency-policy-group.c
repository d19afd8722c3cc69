/* alcove-emergency-policy-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-emergency-policy-group"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-emergency-policy-group.h"

/* Preferences, People, "Emergency Access": two switches and a duration. Each change is
 * written at once through the core, which signs it and refuses anyone but an owner; a
 * refusal puts the rows back as the vault has them and says why. */
struct _AlcoveEmergencyPolicyGroup
{
  AdwPreferencesGroup  parent_instance;

  AlcoveVault         *vault;
  GArray              *minutes;      /* int, in the duration row's order */
  gboolean             refreshing;   /* rows set from the vault: nothing to write */

  GtkSwitch           *clinician_switch;
  GtkSwitch           *supervisor_switch;
  AdwComboRow         *duration_row;
};

G_DEFINE_FINAL_TYPE (AlcoveEmergencyPolicyGroup, alcove_emergency_policy_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static const int choices[] = { 60, 120, 240, 480, 720, 1440 };

static void
toast (AlcoveEmergencyPolicyGroup *self,
       const char                 *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;

  if (!ADW_IS_PREFERENCES_WINDOW (root))
    return;
  toast = adw_toast_new (message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
}

/* "4 hours", "90 minutes" */
char *
alcove_emergency_describe_duration (int minutes)
{
  if (minutes % 60 != 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes),
                            minutes);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", minutes / 60),
                          minutes / 60);
}

/* The usual choices, and the vault's own value if it is another */
static void
fill_durations (AlcoveEmergencyPolicyGroup *self,
                int                         current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  g_array_set_size (self->minutes, 0);
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    g_array_append_val (self->minutes, choices[i]);
  for (guint i = 0; i < self->minutes->len; i++)
    if (g_array_index (self->minutes, int, i) == current)
      selected = i + 1;
  if (selected == 0 && current > 0)
    {
      g_array_append_val (self->minutes, current);
      selected = self->minutes->len;
    }
  for (guint i = 0; i < self->minutes->len; i++)
    {
      int minutes = g_array_index (self->minutes, int, i);
      g_autofree char *label = alcove_emergency_describe_duration (minutes);

      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->duration_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->duration_row, selected > 0 ? selected - 1 : 0);
}

void
alcove_emergency_policy_group_refresh (AlcoveEmergencyPolicyGroup *self)
{
  g_auto(GStrv) roles = NULL;
  gboolean manages;

  g_return_if_fail (ALCOVE_IS_EMERGENCY_POLICY_GROUP (self));

  if (self->vault == NULL || alcove_vault_get_locked (self->vault))
    return;
  manages = alcove_vault_can_manage_people (self->vault);
  roles = alcove_vault_dup_emergency_roles (self->vault);
  self->refreshing = TRUE;
  gtk_switch_set_active (self->clinician_switch,
                         g_strv_contains ((const char * const *) roles, "clinician"));
  gtk_switch_set_active (self->supervisor_switch,
                         g_strv_contains ((const char * const *) roles, "supervisor"));
  fill_durations (self, alcove_vault_get_emergency_minutes (self->vault));
  gtk_widget_set_sensitive (GTK_WIDGET (self->clinician_switch), manages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->supervisor_switch), manages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->duration_row), manages);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         manages
                                         ? _("Who may read a client’s progress notes in a "
                                             "crisis when the client’s clinician is away. "
                                             "Owners always may. Every use is recorded and "
                                             "reported to the owners and the notes’ author.")
                                         : _("Who may read a client’s progress notes in a "
                                             "crisis when the client’s clinician is away. "
                                             "Owners always may. Only an owner changes this."));
  self->refreshing = FALSE;
}

static void
policy_changed_cb (AlcoveEmergencyPolicyGroup *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) roles = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->duration_row);

  if (self->refreshing || self->vault == NULL || selected >= self->minutes->len)
    return;
  if (gtk_switch_get_active (self->clinician_switch))
    g_strv_builder_add (builder, "clinician");
  if (gtk_switch_get_active (self->supervisor_switch))
    g_strv_builder_add (builder, "supervisor");
  roles = g_strv_builder_end (builder);
  if (!alcove_vault_set_emergency_policy (self->vault, (const char * const *) roles,
                                          g_array_index (self->minutes, int, selected), &error))
    {
      alcove_emergency_policy_group_refresh (self);
      toast (self, error->message);
      return;
    }
  toast (self, _("Emergency access policy saved"));
}

void
alcove_emergency_policy_group_set_vault (AlcoveEmergencyPolicyGroup *self,
                                         AlcoveVault                *vault)
{
  g_return_if_fail (ALCOVE_IS_EMERGENCY_POLICY_GROUP (self));
  g_return_if_fail (ALCOVE_IS_VAULT (vault));

  g_set_object (&self->vault, vault);
  alcove_emergency_policy_group_refresh (self);
}

static void
alcove_emergency_policy_group_dispose (GObject *object)
{
  AlcoveEmergencyPolicyGroup *self = ALCOVE_EMERGENCY_POLICY_GROUP (object);

  g_clear_object (&self->vault);
  g_clear_pointer (&self->minutes, g_array_unref);

  G_OBJECT_CLASS (alcove_emergency_policy_group_parent_class)->dispose (object);
}

static void
alcove_emergency_policy_group_class_init (AlcoveEmergencyPolicyGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_emergency_policy_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-emergency-policy-group.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyPolicyGroup,
                                        clinician_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyPolicyGroup,
                                        supervisor_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyPolicyGroup, duration_row);
  gtk_widget_class_bind_template_callback (widget_class, policy_changed_cb);
}

static void
alcove_emergency_policy_group_init (AlcoveEmergencyPolicyGroup *self)
{
  self->minutes = g_array_new (FALSE, FALSE, sizeof (int));
  self->refreshing = TRUE;  /* the template sets the rows first */
  gtk_widget_init_template (GTK_WIDGET (self));
  self->refreshing = FALSE;
}
