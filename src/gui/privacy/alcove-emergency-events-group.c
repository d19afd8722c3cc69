/* alcove-emergency-events-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-emergency-events-group"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-emergency-event-row.h"
#include "alcove-emergency-events-group.h"
#include "alcove-emergency-log.h"
#include "alcove-lists-and-messages.h"

/* On the privacy dashboard: every emergency access an owner has not yet reviewed. An owner
 * reviews one with a comment (alcove_emergency_log_review, which refuses anyone else); the
 * others see the list. Hidden when there is nothing to review. */
struct _AlcoveEmergencyEventsGroup
{
  AdwPreferencesGroup  parent_instance;

  AlcoveVault         *vault;
  AlcoveClientStore   *clients;
  guint                n_events;

  GtkListBox          *events_box;
};

G_DEFINE_FINAL_TYPE (AlcoveEmergencyEventsGroup, alcove_emergency_events_group,
                     ADW_TYPE_PREFERENCES_GROUP)

/* Shown early; the core decides again when it reviews */
static gboolean
may_review (AlcoveEmergencyEventsGroup *self)
{
  return alcove_emergency_log_can_review (self->vault);
}

static GtkWidget *
review_button_new (const AlcoveEmergencyEvent *event)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Review…"));
  g_autofree char *accessible = g_strdup_printf (_("Review %s’s emergency access"),
                                                 event->user_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, "review");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "emergency-events.review");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", event->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return button;
}

static void
describe (AlcoveEmergencyEventsGroup *self)
{
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         may_review (self)
                                         ? _("Colleagues who broke the glass to read a client’s "
                                             "progress notes. Review each: it stays here until "
                                             "an owner has.")
                                         : _("Colleagues who broke the glass to read a client’s "
                                             "progress notes. It stays here until a practice "
                                             "owner reviews it."));
}

void
alcove_emergency_events_group_reload (AlcoveEmergencyEventsGroup *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ALCOVE_IS_EMERGENCY_EVENTS_GROUP (self));

  alcove_list_box_remove_rows (self->events_box);
  self->n_events = 0;
  if (self->vault == NULL || alcove_vault_get_locked (self->vault))
    events = NULL;
  else if ((events = alcove_emergency_log_list (self->vault, TRUE, &error)) == NULL)
    g_warning ("Could not read the emergency accesses: %s", error->message);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const AlcoveEmergencyEvent *event = g_ptr_array_index (events, i);
      GtkWidget *row = alcove_emergency_event_row_new (event, self->clients);

      if (may_review (self))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), review_button_new (event));
      gtk_list_box_append (self->events_box, row);
    }
  self->n_events = events != NULL ? events->len : 0;
  describe (self);
  gtk_widget_set_visible (GTK_WIDGET (self), self->n_events > 0);
}

guint
alcove_emergency_events_group_get_n_events (AlcoveEmergencyEventsGroup *self)
{
  g_return_val_if_fail (ALCOVE_IS_EMERGENCY_EVENTS_GROUP (self), 0);
  return self->n_events;
}

/* ---- reviewing ---- */

static void
review_response_cb (AdwMessageDialog           *dialog,
                    const char                 *response,
                    AlcoveEmergencyEventsGroup *self)
{
  const char *event_id = g_object_get_data (G_OBJECT (dialog), "event-id");
  g_autofree char *comment = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "review") != 0 || alcove_vault_get_locked (self->vault))
    return;
  comment = alcove_message_text_dialog_dup_text (dialog);
  if (!alcove_emergency_log_review (self->vault, event_id, comment, &error))
    alcove_message_error_dialog (GTK_WIDGET (self), _("Could Not Record the Review"),
                                 error->message);
  alcove_emergency_events_group_reload (self);
}

static void
review_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcoveEmergencyEventsGroup *self = ALCOVE_EMERGENCY_EVENTS_GROUP (widget);
  AdwMessageDialog *dialog;

  if (!may_review (self))
    return;
  dialog = alcove_message_text_dialog_new (widget, _("Review Emergency Access"),
                                           _("Was it justified? Your review and comment are "
                                             "recorded, and the access leaves the dashboard. It "
                                             "stays in the audit log."),
                                           _("Comment"), NULL, "review", _("_Mark Reviewed"),
                                           FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "event-id",
                          g_variant_dup_string (parameter, NULL), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (review_response_cb), self, 0);
}

/* ---- GObject ---- */

void
alcove_emergency_events_group_set_session (AlcoveEmergencyEventsGroup *self,
                                           AlcoveVault                *vault,
                                           AlcoveClientStore          *clients)
{
  g_return_if_fail (ALCOVE_IS_EMERGENCY_EVENTS_GROUP (self));
  g_return_if_fail (ALCOVE_IS_VAULT (vault));

  g_set_object (&self->vault, vault);
  g_set_object (&self->clients, clients);
  g_signal_connect_object (vault, "changed::emergency",
                           G_CALLBACK (alcove_emergency_events_group_reload), self,
                           G_CONNECT_SWAPPED);
  alcove_emergency_events_group_reload (self);
}

static void
alcove_emergency_events_group_dispose (GObject *object)
{
  AlcoveEmergencyEventsGroup *self = ALCOVE_EMERGENCY_EVENTS_GROUP (object);

  g_clear_object (&self->vault);
  g_clear_object (&self->clients);

  G_OBJECT_CLASS (alcove_emergency_events_group_parent_class)->dispose (object);
}

static void
alcove_emergency_events_group_class_init (AlcoveEmergencyEventsGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_emergency_events_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-emergency-events-group.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyEventsGroup, events_box);
  gtk_widget_class_install_action (widget_class, "emergency-events.review", "s",
                                   review_action_cb);
}

static void
alcove_emergency_events_group_init (AlcoveEmergencyEventsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
