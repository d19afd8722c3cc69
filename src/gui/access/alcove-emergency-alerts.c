/* alcove-emergency-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-emergency-alerts"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-emergency-alerts.h"
#include "alcove-emergency-event-row.h"
#include "alcove-emergency-log.h"
#include "alcove-lists-and-messages.h"

#define EVENT_IDS_KEY "alcove-event-ids"

static void
acknowledge (GtkWidget   *dialog,
             AlcoveVault *vault,
             GStrv        event_ids)
{
  for (guint i = 0; event_ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!alcove_emergency_log_acknowledge (vault, event_ids[i], &error))
        {
          /* told again at the next sign-in */
          alcove_message_error_dialog (dialog, _("Could Not Record That You Were Told"),
                                       error->message);
          return;
        }
    }
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             AlcoveVault      *vault)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "acknowledge") != 0 || alcove_vault_get_locked (vault))
    return;
  acknowledge (parent ? GTK_WIDGET (parent) : GTK_WIDGET (dialog), vault,
               g_object_get_data (G_OBJECT (dialog), EVENT_IDS_KEY));
}

static GtkWidget *
events_list_new (GPtrArray         *events,
                 AlcoveClientStore *clients)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Emergency accesses"), -1);
  for (guint i = 0; i < events->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         alcove_emergency_event_row_new (g_ptr_array_index (events, i), clients));
  return list;
}

static GStrv
dup_ids (GPtrArray *events)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; i < events->len; i++)
    g_strv_builder_add (ids, ((AlcoveEmergencyEvent *) g_ptr_array_index (events, i))->id);
  return g_strv_builder_end (ids);
}

AdwMessageDialog *
alcove_emergency_alerts_present (GtkWindow         *parent,
                                 AlcoveVault       *vault,
                                 AlcoveClientStore *clients)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  events = alcove_emergency_log_alerts (vault, &error);
  if (events == NULL)
    {
      g_warning ("Could not read the emergency accesses to tell of: %s", error->message);
      return NULL;
    }
  if (events->len == 0)
    return NULL;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Emergency Access Was Used"),
                                                       NULL));
  adw_message_dialog_set_body (dialog,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "Since you last signed in, a colleague broke the "
                                            "glass to read a client’s progress notes. Every note "
                                            "they opened is in the audit log.",
                                            "Since you last signed in, colleagues broke the glass "
                                            "to read clients’ progress notes. Every note they "
                                            "opened is in the audit log.",
                                            events->len));
  adw_message_dialog_set_extra_child (dialog, events_list_new (events, clients));
  adw_message_dialog_add_responses (dialog, "later", _("_Remind Me Later"),
                                    "acknowledge", _("_Acknowledge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "acknowledge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "acknowledge");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), EVENT_IDS_KEY, dup_ids (events),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), vault, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
