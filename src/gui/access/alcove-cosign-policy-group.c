/* alcove-cosign-policy-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-cosign-policy-group"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-cosign-policy-group.h"
#include "alcove-note-format.h"

/* The practice's co-signing policy, in Preferences: whose notes (each role that writes
 * notes) and which formats need a supervisor's co-signature, for someone under supervision.
 * An owner changes it, and the vault signs it; everyone else sees it. The switches follow
 * the vault's answer: a refused change puts them back as they were. Psychotherapy notes are
 * never co-signed, so their format is not offered. */
struct _AlcoveCosignPolicyGroup
{
  AdwPreferencesGroup  parent_instance;

  AlcoveVault         *vault;
  AdwExpanderRow      *roles_row;
  AdwExpanderRow      *formats_row;
  GPtrArray           *role_switches;    /* GtkSwitch, its "id" the role's */
  GPtrArray           *format_switches;  /* GtkSwitch, its "id" the format's */
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (AlcoveCosignPolicyGroup, alcove_cosign_policy_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static void
show_toast (AlcoveCosignPolicyGroup *self,
            const char              *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static const char *
switch_id (GtkSwitch *widget)
{
  return g_object_get_data (G_OBJECT (widget), "id");
}

/* The ids whose switch is on; NULL-terminated */
static GStrv
dup_chosen (GPtrArray *switches)
{
  g_autoptr(GStrvBuilder) chosen = g_strv_builder_new ();

  for (guint i = 0; i < switches->len; i++)
    if (gtk_switch_get_active (g_ptr_array_index (switches, i)))
      g_strv_builder_add (chosen, switch_id (g_ptr_array_index (switches, i)));
  return g_strv_builder_end (chosen);
}

/* "Clinician, Practice owner", or what an empty or a full choice means */
static char *
dup_summary (GPtrArray  *switches,
             const char *none,
             const char *all)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  for (guint i = 0; i < switches->len; i++)
    if (gtk_switch_get_active (g_ptr_array_index (switches, i)))
      g_ptr_array_add (titles, g_object_get_data (g_ptr_array_index (switches, i), "title"));
  if (titles->len == 0)
    return g_strdup (none);
  if (all != NULL && titles->len == switches->len)
    return g_strdup (all);
  g_ptr_array_add (titles, NULL);
  /* TRANSLATORS: between the items of a list, e.g. "SOAP, DAP" */
  return g_strjoinv (_(", "), (char **) titles->pdata);
}

static void
update_summaries (AlcoveCosignPolicyGroup *self)
{
  g_autofree char *roles = dup_summary (self->role_switches, _("Nobody’s"), NULL);
  g_autofree char *formats = dup_summary (self->format_switches, _("None"), _("Every format"));

  adw_expander_row_set_subtitle (self->roles_row, roles);
  adw_expander_row_set_subtitle (self->formats_row, formats);
}

/* The switches as the vault's policy has it; an empty list of formats is every format */
static void
sync_from_vault (AlcoveCosignPolicyGroup *self)
{
  g_auto(GStrv) roles = alcove_vault_dup_cosign_roles (self->vault);
  g_auto(GStrv) formats = alcove_vault_dup_cosign_formats (self->vault);
  gboolean every_format = formats == NULL || formats[0] == NULL;

  self->syncing = TRUE;
  for (guint i = 0; i < self->role_switches->len; i++)
    {
      GtkSwitch *role = g_ptr_array_index (self->role_switches, i);

      gtk_switch_set_active (role, roles != NULL &&
                             g_strv_contains ((const char * const *) roles, switch_id (role)));
    }
  for (guint i = 0; i < self->format_switches->len; i++)
    {
      GtkSwitch *format = g_ptr_array_index (self->format_switches, i);

      gtk_switch_set_active (format, every_format ||
                             g_strv_contains ((const char * const *) formats, switch_id (format)));
    }
  self->syncing = FALSE;
  update_summaries (self);
}

static void
switch_changed_cb (AlcoveCosignPolicyGroup *self)
{
  g_auto(GStrv) roles = NULL;
  g_auto(GStrv) formats = NULL;
  g_autoptr(GError) error = NULL;

  if (self->syncing)
    return;
  roles = dup_chosen (self->role_switches);
  formats = dup_chosen (self->format_switches);
  if (formats[0] == NULL)
    {
      show_toast (self, _("Co-signing needs one format at least; to stop it, turn off "
                          "every role"));
      sync_from_vault (self);
      return;
    }
  /* every format chosen: stored as "every", so a format added later is included */
  if (g_strv_length (formats) == self->format_switches->len)
    g_clear_pointer (&formats, g_strfreev);
  if (!alcove_vault_set_cosign_policy (self->vault, (const char * const *) roles,
                                       (const char * const *) formats, &error))
    show_toast (self, error->message);
  sync_from_vault (self);
}

static GtkSwitch *
add_switch_row (AlcoveCosignPolicyGroup *self,
                AdwExpanderRow          *parent,
                const char              *id,
                const char              *title,
                const char              *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  g_autofree char *name = g_strdup_printf ("cosign-%s", id);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (toggle), "id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (toggle), "title", g_strdup (title), g_free);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (switch_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  /* the id names the row for tests */
  gtk_widget_set_name (row, name);
  adw_expander_row_add_row (parent, row);
  return GTK_SWITCH (toggle);
}

static void
build_rows (AlcoveCosignPolicyGroup *self)
{
  GListModel *formats = alcove_note_format_list_record ();  /* owned by the library */

  for (AlcoveRole role = 0; role < ALCOVE_N_ROLES; role++)
    if (alcove_role_writes_notes (role))
      g_ptr_array_add (self->role_switches,
                       add_switch_row (self, self->roles_row, alcove_role_to_string (role),
                                       alcove_role_get_display_name (role), NULL));
  for (guint i = 0; i < g_list_model_get_n_items (formats); i++)
    {
      g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (formats, i);

      g_ptr_array_add (self->format_switches,
                       add_switch_row (self, self->formats_row,
                                       alcove_note_format_get_base_id (format),
                                       alcove_note_format_get_name (format),
                                       alcove_note_format_get_description (format)));
    }
}

static void
alcove_cosign_policy_group_dispose (GObject *object)
{
  AlcoveCosignPolicyGroup *self = ALCOVE_COSIGN_POLICY_GROUP (object);

  g_clear_object (&self->vault);

  G_OBJECT_CLASS (alcove_cosign_policy_group_parent_class)->dispose (object);
}

static void
alcove_cosign_policy_group_finalize (GObject *object)
{
  AlcoveCosignPolicyGroup *self = ALCOVE_COSIGN_POLICY_GROUP (object);

  g_ptr_array_unref (self->role_switches);
  g_ptr_array_unref (self->format_switches);

  G_OBJECT_CLASS (alcove_cosign_policy_group_parent_class)->finalize (object);
}

static void
alcove_cosign_policy_group_class_init (AlcoveCosignPolicyGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_cosign_policy_group_dispose;
  G_OBJECT_CLASS (klass)->finalize = alcove_cosign_policy_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-cosign-policy-group.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveCosignPolicyGroup, roles_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCosignPolicyGroup, formats_row);
}

static void
alcove_cosign_policy_group_init (AlcoveCosignPolicyGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->role_switches = g_ptr_array_new ();
  self->format_switches = g_ptr_array_new ();
}

AlcoveCosignPolicyGroup *
alcove_cosign_policy_group_new (AlcoveVault *vault)
{
  AlcoveCosignPolicyGroup *self;
  gboolean can_change;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_COSIGN_POLICY_GROUP, NULL);
  self->vault = g_object_ref (vault);
  can_change = alcove_vault_can_manage_people (vault);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         can_change
                                         ? _("Notes signed by someone with a supervisor wait "
                                             "for the supervisor’s co-signature. Psychotherapy "
                                             "notes never do.")
                                         : _("Notes signed by someone with a supervisor wait "
                                             "for the supervisor’s co-signature. Psychotherapy "
                                             "notes never do. Only an owner changes this."));
  build_rows (self);
  sync_from_vault (self);
  for (guint i = 0; i < self->role_switches->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->role_switches, i), can_change);
  for (guint i = 0; i < self->format_switches->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->format_switches, i), can_change);
  return self;
}
