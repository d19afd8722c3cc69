/* alcove-session-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-session-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-lock-manager.h"
#include "alcove-date.h"
#include "alcove-form-draft.h"
#include "alcove-lists-and-messages.h"
#include "alcove-session-dialog.h"

/* Records one session of a record: date, start, length, where, service code and, for a
 * couple, family or group, who came. A refusal from the store is shown above the form and
 * nothing typed is lost. */
struct _AlcoveSessionDialog
{
  AdwWindow          parent_instance;

  AlcoveClientStore *store;
  char              *client_id;
  AlcoveFormDraft   *draft;

  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  AdwEntryRow       *date_row;
  AdwEntryRow       *start_row;
  GtkSpinButton     *duration_spin;
  AdwComboRow       *modality_row;
  AdwEntryRow       *platform_row;
  AdwEntryRow       *service_row;
  AdwPreferencesGroup *attendees_group;
  GtkListBox        *attendees_box;
};

G_DEFINE_FINAL_TYPE (AlcoveSessionDialog, alcove_session_dialog, ADW_TYPE_WINDOW)

static void
update_modality (AlcoveSessionDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->platform_row),
                          adw_combo_row_get_selected (self->modality_row) == ALCOVE_MODALITY_TELEHEALTH);
}

static char *
stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  AlcoveSessionDialog *self = ALCOVE_SESSION_DIALOG (widget);
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) attendees = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = stripped (self->date_row);
  g_autofree char *start = stripped (self->start_row);
  g_autofree char *platform = stripped (self->platform_row);
  g_autofree char *service = stripped (self->service_row);
  AlcoveModality modality = adw_combo_row_get_selected (self->modality_row);

  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, self->client_id);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, date);
  alcove_session_set_field (session, ALCOVE_SESSION_START_TIME, start);
  alcove_session_set_field (session, ALCOVE_SESSION_PLATFORM,
                            modality == ALCOVE_MODALITY_TELEHEALTH ? platform : "");
  alcove_session_set_field (session, ALCOVE_SESSION_SERVICE_CODE, service);
  alcove_session_set_modality (session, modality);
  gtk_spin_button_update (self->duration_spin);
  alcove_session_set_duration (session, gtk_spin_button_get_value_as_int (self->duration_spin));
  for (int i = 0; gtk_list_box_get_row_at_index (self->attendees_box, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->attendees_box, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (row), "client-id"));
    }
  attendees = g_strv_builder_end (builder);
  alcove_session_set_attendees (session, (const char * const *) attendees);

  if (!alcove_client_store_save_session (self->store, session, &error))
    {
      alcove_message_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }
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
alcove_session_dialog_dispose (GObject *object)
{
  AlcoveSessionDialog *self = ALCOVE_SESSION_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (alcove_session_dialog_parent_class)->dispose (object);
}

static void
alcove_session_dialog_class_init (AlcoveSessionDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_session_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-session-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, modality_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, platform_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, service_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, attendees_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, attendees_box);
  gtk_widget_class_bind_template_callback (widget_class, update_modality);

  gtk_widget_class_install_action (widget_class, "session.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "session.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "session.cancel", NULL);
}

static void
alcove_session_dialog_init (AlcoveSessionDialog *self)
{
  g_autoptr(GtkStringList) modalities = gtk_string_list_new (NULL);
  g_autofree char *today = alcove_date_today_iso ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (modalities, _("In Person"));
  gtk_string_list_append (modalities, _("Telehealth"));
  adw_combo_row_set_model (self->modality_row, G_LIST_MODEL (modalities));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  update_modality (self);
}

AlcoveSessionDialog *
alcove_session_dialog_new (GtkWindow         *parent,
                           AlcoveClientStore *store,
                           const char        *client_id)
{
  AlcoveSessionDialog *self;
  AlcoveClient *record;
  GPtrArray *members;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_SESSION_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->client_id = g_strdup (client_id);

  record = alcove_client_store_lookup (store, client_id);
  members = record ? alcove_client_get_members (record) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->attendees_group), members != NULL && members->len > 0);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      AlcoveClient *member = alcove_client_store_lookup (store, g_ptr_array_index (members, i));
      GtkWidget *row, *check;

      if (member == NULL)
        continue;
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alcove_client_get_display_name (member));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (row), "client-id", g_strdup (alcove_client_get_id (member)), g_free);
      g_object_set_data (G_OBJECT (row), "check", check);
      gtk_list_box_append (self->attendees_box, row);
    }
  self->draft = alcove_form_draft_attach (GTK_WINDOW (self), alcove_client_store_get_vault (store),
                                          "session", client_id, "session.save");
  alcove_lock_manager_set_reopen_action (GTK_WINDOW (self), "main.add-session",
                                         g_variant_new_string (client_id));
  if (alcove_form_draft_restore (self->draft, GTK_WIDGET (self->error_revealer)))
    update_modality (self);
  return self;
}
