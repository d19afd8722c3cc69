/* alcove-session-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-session-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-lock-manager.h"
#include "alcove-date-row.h"
#include "alcove-date.h"
#include "alcove-form-draft.h"
#include "alcove-lists-and-messages.h"
#include "alcove-session-dialog.h"

/* Records one session of a record, or opens one to change it: date, start, length, where,
 * service code, what became of it (cancelled and no-show with a reason) and, for a couple,
 * family or group, who came. An open session can be deleted while it has no note. What the
 * store would refuse is shown early: a session whose note is signed keeps everything but its
 * code. A refusal from the store is shown above the form and nothing typed is lost. */
struct _AlcoveSessionDialog
{
  AdwWindow          parent_instance;

  AlcoveClientStore *store;
  char              *client_id;
  AlcoveSession     *session;        /* the one opened, or NULL for a new one */
  AlcoveFormDraft   *draft;
  gboolean           status_chosen;  /* by the person: the date no longer suggests it */

  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkRevealer       *locked_revealer;
  GtkWidget         *save_button;
  AdwPreferencesGroup *status_group;
  AdwComboRow       *status_row;
  AdwEntryRow       *reason_row;
  AdwActionRow      *note_row;
  AdwEntryRow       *date_row;
  AdwEntryRow       *start_row;
  GtkWidget         *duration_row;
  GtkSpinButton     *duration_spin;
  AdwPreferencesGroup *how_group;
  AdwComboRow       *modality_row;
  AdwEntryRow       *platform_row;
  AdwEntryRow       *service_row;
  AdwPreferencesGroup *attendees_group;
  GtkListBox        *attendees_box;
  AdwPreferencesGroup *delete_group;
  GtkWidget         *delete_button;
};

G_DEFINE_FINAL_TYPE (AlcoveSessionDialog, alcove_session_dialog, ADW_TYPE_WINDOW)

static void
update_modality (AlcoveSessionDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->platform_row),
                          adw_combo_row_get_selected (self->modality_row) == ALCOVE_MODALITY_TELEHEALTH);
}

static void
update_status (AlcoveSessionDialog *self)
{
  AlcoveSessionStatus status = adw_combo_row_get_selected (self->status_row);
  const char *title = status == ALCOVE_SESSION_NO_SHOW ? _("Why the Client Did Not Come")
                                                       : _("Why It Was Cancelled");

  gtk_widget_set_visible (GTK_WIDGET (self->reason_row),
                          status == ALCOVE_SESSION_CANCELLED || status == ALCOVE_SESSION_NO_SHOW);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), title);
}

/* A new session in the future is scheduled, one in the past attended, until the person
 * chooses otherwise */
static void
date_changed (AlcoveSessionDialog *self)
{
  g_autofree char *today = alcove_date_today_iso ();
  const char *date = alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (self->date_row));
  AlcoveSessionStatus suggested;

  if (self->session != NULL || self->status_chosen || !alcove_date_is_valid (date))
    return;
  suggested = g_strcmp0 (date, today) > 0 ? ALCOVE_SESSION_SCHEDULED : ALCOVE_SESSION_ATTENDED;
  g_signal_handlers_block_by_func (self->status_row, update_status, self);
  adw_combo_row_set_selected (self->status_row, suggested);
  g_signal_handlers_unblock_by_func (self->status_row, update_status, self);
  update_status (self);
}

static void
status_chosen_cb (AlcoveSessionDialog *self)
{
  self->status_chosen = TRUE;
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
  g_autoptr(AlcoveSession) session = self->session ? alcove_session_copy (self->session)
                                                   : alcove_session_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) attendees = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date =
    g_strdup (alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (self->date_row)));
  g_autofree char *start = stripped (self->start_row);
  g_autofree char *platform = stripped (self->platform_row);
  g_autofree char *service = stripped (self->service_row);
  g_autofree char *reason = stripped (self->reason_row);
  AlcoveModality modality = adw_combo_row_get_selected (self->modality_row);
  AlcoveSessionStatus status = adw_combo_row_get_selected (self->status_row);

  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, self->client_id);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, date);
  alcove_session_set_field (session, ALCOVE_SESSION_START_TIME, start);
  alcove_session_set_field (session, ALCOVE_SESSION_PLATFORM,
                            modality == ALCOVE_MODALITY_TELEHEALTH ? platform : "");
  alcove_session_set_field (session, ALCOVE_SESSION_SERVICE_CODE, service);
  alcove_session_set_modality (session, modality);
  alcove_session_set_status (session, status);
  alcove_session_set_status_reason (session, status == ALCOVE_SESSION_CANCELLED ||
                                             status == ALCOVE_SESSION_NO_SHOW ? reason : "");
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

/* After the question is gone: it is this window's, and goes with it */
static gboolean
destroy_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    AlcoveSessionDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->session == NULL)
    return;
  if (!alcove_client_store_delete_session (self->store, alcove_session_get_id (self->session),
                                           &error))
    {
      alcove_message_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }
  alcove_form_draft_saved (self->draft);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  AlcoveSessionDialog *self = ALCOVE_SESSION_DIALOG (widget);
  AdwMessageDialog *dialog;

  if (self->session == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Delete This Session?"),
                                                       _("Delete a session only if it was "
                                                         "recorded by mistake. To say that it did "
                                                         "not take place, mark it cancelled or a "
                                                         "no-show instead.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
alcove_session_dialog_dispose (GObject *object)
{
  AlcoveSessionDialog *self = ALCOVE_SESSION_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (alcove_session_dialog_parent_class)->dispose (object);
}

static void
alcove_session_dialog_class_init (AlcoveSessionDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (ALCOVE_TYPE_DATE_ROW);
  G_OBJECT_CLASS (klass)->dispose = alcove_session_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-session-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, locked_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, status_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, duration_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, how_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, modality_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, platform_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, service_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, attendees_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, attendees_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, delete_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSessionDialog, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, update_modality);
  gtk_widget_class_bind_template_callback (widget_class, update_status);
  gtk_widget_class_bind_template_callback (widget_class, date_changed);

  gtk_widget_class_install_action (widget_class, "session.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "session.cancel", NULL,
                                   alcove_form_draft_close_action_cb);
  gtk_widget_class_install_action (widget_class, "session.delete", NULL, delete_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "session.cancel", NULL);
}

static void
alcove_session_dialog_init (AlcoveSessionDialog *self)
{
  g_autoptr(GtkStringList) modalities = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autofree char *today = alcove_date_today_iso ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (modalities, _("In Person"));
  gtk_string_list_append (modalities, _("Telehealth"));
  adw_combo_row_set_model (self->modality_row, G_LIST_MODEL (modalities));
  for (AlcoveSessionStatus s = ALCOVE_SESSION_SCHEDULED; s <= ALCOVE_SESSION_NO_SHOW; s++)
    gtk_string_list_append (statuses, alcove_session_status_get_title (s));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (self->status_row, ALCOVE_SESSION_ATTENDED);
  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (self->date_row), today);
  update_modality (self);
  update_status (self);
}

static void
add_attendees (AlcoveSessionDialog *self,
               GPtrArray           *attended)
{
  AlcoveClient *record = alcove_client_store_lookup (self->store, self->client_id);
  GPtrArray *members = record ? alcove_client_get_members (record) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->attendees_group), members != NULL && members->len > 0);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      AlcoveClient *member = alcove_client_store_lookup (self->store, g_ptr_array_index (members, i));
      GtkWidget *row, *check;

      if (member == NULL)
        continue;
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   attended == NULL ||
                                   g_ptr_array_find_with_equal_func (attended,
                                                                     alcove_client_get_id (member),
                                                                     g_str_equal, NULL));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alcove_client_get_display_name (member));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (row), "client-id", g_strdup (alcove_client_get_id (member)), g_free);
      g_object_set_data (G_OBJECT (row), "check", check);
      gtk_list_box_append (self->attendees_box, row);
    }
}

static AlcoveSessionDialog *
dialog_new (GtkWindow         *parent,
            AlcoveClientStore *store,
            const char        *client_id)
{
  AlcoveSessionDialog *self = g_object_new (ALCOVE_TYPE_SESSION_DIALOG,
                                            "transient-for", parent,
                                            "modal", TRUE,
                                            "destroy-with-parent", TRUE,
                                            NULL);

  self->store = g_object_ref (store);
  self->client_id = g_strdup (client_id);
  return self;
}

/* From here on the person chooses the status; what they typed before a lock comes back */
static void
finish (AlcoveSessionDialog *self,
        const char          *key,
        const char          *reopen_action)
{
  AlcoveVault *vault = alcove_client_store_get_vault (self->store);

  self->draft = alcove_form_draft_attach (GTK_WINDOW (self), vault, "session", key,
                                          "session.save");
  alcove_lock_manager_set_reopen_action (GTK_WINDOW (self), reopen_action,
                                         g_variant_new_string (key));
  /* a status put back was chosen: the date put back with it does not change it */
  self->status_chosen = TRUE;
  self->status_chosen = alcove_form_draft_restore (self->draft,
                                                   GTK_WIDGET (self->error_revealer));
  if (self->status_chosen)
    {
      update_modality (self);
      update_status (self);
    }
  g_signal_connect_object (self->status_row, "notify::selected", G_CALLBACK (status_chosen_cb),
                           self, G_CONNECT_SWAPPED);
}

AlcoveSessionDialog *
alcove_session_dialog_new (GtkWindow         *parent,
                           AlcoveClientStore *store,
                           const char        *client_id)
{
  AlcoveSessionDialog *self;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = dialog_new (parent, store, client_id);
  add_attendees (self, NULL);
  finish (self, client_id, "main.add-session");
  return self;
}

static void
show_note (AlcoveSessionDialog *self)
{
  const char *note_status = alcove_session_get_field (self->session, ALCOVE_SESSION_NOTE_STATUS);
  gboolean is_signed = alcove_session_get_signed_note (self->session) ||
                       g_str_equal (note_status, "signed");
  GtkWidget *fixed[] = { GTK_WIDGET (self->status_row), GTK_WIDGET (self->reason_row),
                         GTK_WIDGET (self->date_row), GTK_WIDGET (self->start_row),
                         self->duration_row, GTK_WIDGET (self->modality_row),
                         GTK_WIDGET (self->platform_row), GTK_WIDGET (self->attendees_group) };

  adw_action_row_set_subtitle (self->note_row,
                               g_str_equal (note_status, "signed") ? _("Signed")
                               : g_str_equal (note_status, "draft")
                               ? (is_signed ? _("Returned to its author as a draft; it was signed")
                                            : _("Draft, not signed yet"))
                               : _("None written yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->note_row), TRUE);
  gtk_revealer_set_reveal_child (self->locked_revealer, is_signed);
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    gtk_widget_set_sensitive (fixed[i], !is_signed);

  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), !is_signed);
  gtk_widget_set_sensitive (self->delete_button, !alcove_session_has_note (self->session));
  adw_preferences_group_set_description (self->delete_group,
                                         alcove_session_has_note (self->session)
                                         ? _("A session with a draft note cannot be deleted; "
                                             "delete the draft first if the session did not "
                                             "take place.")
                                         : NULL);
}

/* Opens a session to see and change it */
AlcoveSessionDialog *
alcove_session_dialog_new_for_session (GtkWindow         *parent,
                                       AlcoveClientStore *store,
                                       AlcoveSession     *session)
{
  AlcoveSessionDialog *self;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (store), NULL);
  g_return_val_if_fail (ALCOVE_IS_SESSION (session), NULL);
  g_return_val_if_fail (alcove_session_get_id (session) != NULL, NULL);

  self = dialog_new (parent, store, alcove_session_get_field (session, ALCOVE_SESSION_CLIENT_ID));
  self->session = alcove_session_copy (session);
  gtk_window_set_title (GTK_WINDOW (self), _("Session"));
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (self->date_row),
                                alcove_session_get_field (session, ALCOVE_SESSION_DATE));
  gtk_editable_set_text (GTK_EDITABLE (self->start_row),
                         alcove_session_get_field (session, ALCOVE_SESSION_START_TIME));
  gtk_spin_button_set_value (self->duration_spin, alcove_session_get_duration (session));
  adw_combo_row_set_selected (self->modality_row, alcove_session_get_modality (session));
  gtk_editable_set_text (GTK_EDITABLE (self->platform_row),
                         alcove_session_get_field (session, ALCOVE_SESSION_PLATFORM));
  gtk_editable_set_text (GTK_EDITABLE (self->service_row),
                         alcove_session_get_field (session, ALCOVE_SESSION_SERVICE_CODE));
  adw_combo_row_set_selected (self->status_row, alcove_session_get_status (session));
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row),
                         alcove_session_get_status_reason (session));
  add_attendees (self, alcove_session_get_attendees (session));
  update_modality (self);
  update_status (self);
  show_note (self);
  finish (self, alcove_session_get_id (session), "main.edit-session");
  return self;
}
