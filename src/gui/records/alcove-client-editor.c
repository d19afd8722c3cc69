/* alcove-client-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-client-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-lock-manager.h"
#include "alcove-date.h"
#include "alcove-date-row.h"
#include "alcove-client-editor.h"
#include "alcove-form-draft.h"
#include "alcove-lists-and-messages.h"

/* Adds or edits one client in a modal window. It works on a copy (alcove_client_copy), so
 * the list keeps showing the saved snapshot until the store accepts the new one; when the
 * store refuses, the message is shown above the form and everything typed stays. */
struct _AlcoveClientEditor
{
  AdwWindow          parent_instance;

  AlcoveClientStore *store;
  AlcoveClient      *client;
  AlcoveFormDraft   *draft;

  AdwWindowTitle    *window_title;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  AdwEntryRow       *preferred_row;
  AdwEntryRow       *legal_row;
  AdwEntryRow       *pronouns_row;
  AdwEntryRow       *dob_row;
  GtkLabel          *age_label;
  AdwEntryRow       *phone_row;
  AdwEntryRow       *email_row;
  AdwEntryRow       *address_row;
  AdwEntryRow       *emergency_row;
  AdwComboRow       *record_type_row;
  AdwPreferencesGroup *members_group;
  GtkSearchEntry    *members_search;
  GtkListBox        *members_box;
  AdwPreferencesGroup *guardians_group;
  GtkListBox        *guardians_box;
  AdwComboRow       *status_row;
  AdwEntryRow       *discharged_row;
};

G_DEFINE_FINAL_TYPE (AlcoveClientEditor, alcove_client_editor, ADW_TYPE_WINDOW)

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* ---- derived state ---- */

static void
update_age (AlcoveClientEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *born = alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (self->dob_row));
  gboolean minor;
  int age;

  alcove_client_set_field (self->client, ALCOVE_CLIENT_DATE_OF_BIRTH,
                           alcove_date_is_valid (born) ? born : "");
  age = alcove_client_get_age (self->client, now);
  minor = alcove_client_is_minor (self->client, now);
  gtk_widget_remove_css_class (GTK_WIDGET (self->age_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->age_label), "accent");
  /* an empty or mistyped day: the row says so itself */
  if (!alcove_date_is_valid (born))
    gtk_label_set_text (self->age_label, "");
  else if (age < 0)
    {
      gtk_label_set_text (self->age_label, _("In the future"));
      gtk_widget_add_css_class (GTK_WIDGET (self->age_label), "error");
    }
  else if (minor)
    {
      g_autofree char *text = g_strdup_printf (_("Age %d · Minor"), age);

      gtk_label_set_text (self->age_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->age_label), "accent");
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Age %d"), age);

      gtk_label_set_text (self->age_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->guardians_group),
                          minor || gtk_list_box_get_row_at_index (self->guardians_box, 0) != NULL);
}

static AlcoveRecordType
selected_record_type (AlcoveClientEditor *self)
{
  return (AlcoveRecordType) adw_combo_row_get_selected (self->record_type_row);
}

static void
update_record_type (AlcoveClientEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->members_group),
                          selected_record_type (self) != ALCOVE_RECORD_INDIVIDUAL);
}

static void
update_status (AlcoveClientEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->discharged_row),
                          adw_combo_row_get_selected (self->status_row) == ALCOVE_CLIENT_DISCHARGED);
}

/* ---- members ---- */

static gboolean
member_filter_func (GtkListBoxRow *row,
                    gpointer       user_data)
{
  AlcoveClientEditor *self = user_data;
  g_autofree char *query = alcove_fold_text (gtk_editable_get_text (GTK_EDITABLE (self->members_search)));
  g_autofree char *title = alcove_fold_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  return *query == '\0' || strstr (title, query) != NULL;
}

static void
members_search_changed_cb (AlcoveClientEditor *self)
{
  gtk_list_box_invalidate_filter (self->members_box);
}

static void
fill_members (AlcoveClientEditor *self)
{
  GListModel *clients = alcove_client_store_get_clients (self->store);
  GPtrArray *members = alcove_client_get_members (self->client);
  guint n = g_list_model_get_n_items (clients);
  guint shown = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlcoveClient) other = g_list_model_get_item (clients, i);
      GtkWidget *row, *check;

      if (alcove_client_get_record_type (other) != ALCOVE_RECORD_INDIVIDUAL ||
          g_strcmp0 (alcove_client_get_id (other), alcove_client_get_id (self->client)) == 0)
        continue;
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alcove_client_get_display_name (other));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_ptr_array_find_with_equal_func (members, alcove_client_get_id (other),
                                                                     g_str_equal, NULL));
      g_object_set_data_full (G_OBJECT (row), "client-id", g_strdup (alcove_client_get_id (other)), g_free);
      g_object_set_data (G_OBJECT (row), "check", check);
      gtk_list_box_append (self->members_box, row);
      shown++;
    }
  if (shown == 0)
    adw_preferences_group_set_description (self->members_group,
                                           _("Add each person as an individual client first; then choose them here."));
  gtk_list_box_set_filter_func (self->members_box, member_filter_func, self, NULL);
}

static GStrv
dup_checked_members (AlcoveClientEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->members_box, i)) != NULL; i++)
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (row), "client-id"));
    }
  return g_strv_builder_end (builder);
}

/* ---- guardians ---- */

static void
remove_guardian_cb (GtkButton          *button,
                    AlcoveClientEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_list_box_remove (self->guardians_box, row);
  update_age (self);
}

static GtkWidget *
guardian_entry (const char *name,
                const char *placeholder,
                const char *text,
                gboolean    expand)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_widget_set_hexpand (entry, expand);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), expand ? 12 : 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  return entry;
}

static void
add_guardian_row (AlcoveClientEditor *self,
                  const char         *name,
                  const char         *relationship,
                  const char         *access)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "guardian-row");
  gtk_box_append (GTK_BOX (box), guardian_entry ("guardian-name", _("Name"), name, TRUE));
  gtk_box_append (GTK_BOX (box), guardian_entry ("guardian-relationship", _("Relationship"),
                                                 relationship, FALSE));
  gtk_box_append (GTK_BOX (box), guardian_entry ("guardian-access", _("May see"), access, TRUE));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this guardian"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove guardian"), -1);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_guardian_cb), self, 0);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->guardians_box, row);
}

static void
add_guardian_action_cb (GtkWidget  *widget,
                        const char *action,
                        GVariant   *parameter)
{
  AlcoveClientEditor *self = ALCOVE_CLIENT_EDITOR (widget);
  GtkListBoxRow *last = NULL;

  add_guardian_row (self, "", "", "");
  for (int i = 0; gtk_list_box_get_row_at_index (self->guardians_box, i) != NULL; i++)
    last = gtk_list_box_get_row_at_index (self->guardians_box, i);
  gtk_widget_grab_focus (gtk_widget_get_first_child (gtk_list_box_row_get_child (last)));
}

static void
collect_guardians (AlcoveClientEditor *self)
{
  GtkListBoxRow *row;

  alcove_client_clear_guardians (self->client);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->guardians_box, i)) != NULL; i++)
    {
      GtkWidget *name = gtk_widget_get_first_child (gtk_list_box_row_get_child (row));
      GtkWidget *relationship = gtk_widget_get_next_sibling (name);
      GtkWidget *access = gtk_widget_get_next_sibling (relationship);
      g_autofree char *n = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (name))));
      g_autofree char *r = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (relationship))));
      g_autofree char *a = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (access))));

      if (*n == '\0' && *r == '\0' && *a == '\0')
        continue;  /* an untouched new row */
      alcove_client_add_guardian (self->client, n, r, a);
    }
}

/* ---- saving ---- */

static void
set_field_from (AlcoveClientEditor *self,
                AlcoveClientField   field,
                AdwEntryRow        *row)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_text (row)));

  alcove_client_set_field (self->client, field, text);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  AlcoveClientEditor *self = ALCOVE_CLIENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) members = NULL;
  gboolean discharged = adw_combo_row_get_selected (self->status_row) == ALCOVE_CLIENT_DISCHARGED;

  set_field_from (self, ALCOVE_CLIENT_PREFERRED_NAME, self->preferred_row);
  set_field_from (self, ALCOVE_CLIENT_LEGAL_NAME, self->legal_row);
  set_field_from (self, ALCOVE_CLIENT_PRONOUNS, self->pronouns_row);
  alcove_client_set_field (self->client, ALCOVE_CLIENT_DATE_OF_BIRTH,
                           alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (self->dob_row)));
  set_field_from (self, ALCOVE_CLIENT_PHONE, self->phone_row);
  set_field_from (self, ALCOVE_CLIENT_EMAIL, self->email_row);
  set_field_from (self, ALCOVE_CLIENT_ADDRESS, self->address_row);
  set_field_from (self, ALCOVE_CLIENT_EMERGENCY_CONTACT, self->emergency_row);
  if (discharged)
    alcove_client_set_field (self->client, ALCOVE_CLIENT_DISCHARGED_ON,
                             alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (self->discharged_row)));
  else
    alcove_client_set_field (self->client, ALCOVE_CLIENT_DISCHARGED_ON, "");
  alcove_client_set_status (self->client, discharged ? ALCOVE_CLIENT_DISCHARGED : ALCOVE_CLIENT_ACTIVE);
  alcove_client_set_record_type (self->client, selected_record_type (self));
  if (selected_record_type (self) != ALCOVE_RECORD_INDIVIDUAL)
    members = dup_checked_members (self);
  alcove_client_set_members (self->client, (const char * const *) members);
  collect_guardians (self);

  if (!alcove_client_store_save (self->store, self->client, &error))
    {
      alcove_message_show_error (self->error_revealer, self->error_label, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->error_label));
      return;
    }
  alcove_message_show_error (self->error_revealer, self->error_label, NULL);
  alcove_form_draft_saved (self->draft);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Through close-request: changes not saved are asked about */
static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
alcove_client_editor_dispose (GObject *object)
{
  AlcoveClientEditor *self = ALCOVE_CLIENT_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (alcove_client_editor_parent_class)->dispose (object);
}

static void
alcove_client_editor_class_init (AlcoveClientEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_client_editor_dispose;

  g_type_ensure (ALCOVE_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, preferred_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, legal_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, pronouns_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, dob_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, age_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, emergency_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, record_type_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, members_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, members_search);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, members_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, guardians_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, guardians_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientEditor, discharged_row);
  gtk_widget_class_bind_template_callback (widget_class, update_age);
  gtk_widget_class_bind_template_callback (widget_class, update_record_type);
  gtk_widget_class_bind_template_callback (widget_class, update_status);
  gtk_widget_class_bind_template_callback (widget_class, members_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.add-guardian", NULL, add_guardian_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

/* What the store refused applies to what was submitted: editing again puts it away */
static void
field_changed_cb (AlcoveClientEditor *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
alcove_client_editor_init (AlcoveClientEditor *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (AlcoveRecordType type = ALCOVE_RECORD_INDIVIDUAL; type <= ALCOVE_RECORD_GROUP; type++)
    gtk_string_list_append (types, alcove_record_type_get_title (type));
  adw_combo_row_set_model (self->record_type_row, G_LIST_MODEL (types));
  /* Translators: a client's status: still being seen */
  gtk_string_list_append (statuses, _("Active"));
  gtk_string_list_append (statuses, _("Discharged"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  {
    AdwEntryRow *rows[] = { self->preferred_row, self->legal_row, self->pronouns_row, self->dob_row,
                            self->phone_row, self->email_row, self->address_row,
                            self->emergency_row, self->discharged_row };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      g_signal_connect_object (rows[i], "changed", G_CALLBACK (field_changed_cb), self,
                               G_CONNECT_SWAPPED);
  }
  alcove_list_box_set_placeholder_text (self->guardians_box, _("No guardians yet"));
  alcove_list_box_set_placeholder_text (self->members_box, _("No individual clients to choose"));
}

AlcoveClientEditor *
alcove_client_editor_new (GtkWindow         *parent,
                          AlcoveClientStore *store,
                          AlcoveClient      *client)
{
  AlcoveClientEditor *self;
  GPtrArray *guardians;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || ALCOVE_IS_CLIENT (client), NULL);

  self = g_object_new (ALCOVE_TYPE_CLIENT_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->client = client ? alcove_client_copy (client) : alcove_client_new ();
  /* the window's own title too: it is what window lists and screen readers announce */
  gtk_window_set_title (GTK_WINDOW (self), client ? _("Edit Client") : _("New Client"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));

  gtk_editable_set_text (GTK_EDITABLE (self->preferred_row),
                         alcove_client_get_field (self->client, ALCOVE_CLIENT_PREFERRED_NAME));
  gtk_editable_set_text (GTK_EDITABLE (self->legal_row),
                         alcove_client_get_field (self->client, ALCOVE_CLIENT_LEGAL_NAME));
  gtk_editable_set_text (GTK_EDITABLE (self->pronouns_row),
                         alcove_client_get_field (self->client, ALCOVE_CLIENT_PRONOUNS));
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row),
                         alcove_client_get_field (self->client, ALCOVE_CLIENT_PHONE));
  gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                         alcove_client_get_field (self->client, ALCOVE_CLIENT_EMAIL));
  gtk_editable_set_text (GTK_EDITABLE (self->address_row),
                         alcove_client_get_field (self->client, ALCOVE_CLIENT_ADDRESS));
  gtk_editable_set_text (GTK_EDITABLE (self->emergency_row),
                         alcove_client_get_field (self->client, ALCOVE_CLIENT_EMERGENCY_CONTACT));
  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (self->discharged_row),
                                alcove_client_get_field (self->client, ALCOVE_CLIENT_DISCHARGED_ON));
  adw_combo_row_set_selected (self->record_type_row, alcove_client_get_record_type (self->client));
  adw_combo_row_set_selected (self->status_row, alcove_client_get_status (self->client));
  guardians = alcove_client_get_guardians (self->client);
  for (guint i = 0; i < guardians->len; i++)
    {
      AlcoveGuardian *guardian = g_ptr_array_index (guardians, i);

      add_guardian_row (self, guardian->name, guardian->relationship, guardian->access);
    }
  fill_members (self);
  /* last: it derives the age and whether guardians show */
  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (self->dob_row),
                                alcove_client_get_field (self->client, ALCOVE_CLIENT_DATE_OF_BIRTH));
  update_age (self);
  update_record_type (self);
  update_status (self);
  self->draft = alcove_form_draft_attach (GTK_WINDOW (self), alcove_client_store_get_vault (store),
                                          "client", client ? alcove_client_get_id (client) : "",
                                          "editor.save");
  alcove_lock_manager_set_reopen_action (GTK_WINDOW (self), "main.edit-client",
                                         g_variant_new_string (client ? alcove_client_get_id (client)
                                                                      : ""));
  if (alcove_form_draft_restore (self->draft, GTK_WIDGET (self->error_revealer)))
    {
      update_age (self);
      update_record_type (self);
      update_status (self);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->preferred_row));
  return self;
}

/* The working copy: what is typed lands here on save */
AlcoveClient *
alcove_client_editor_get_client (AlcoveClientEditor *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_EDITOR (self), NULL);
  return self->client;
}
