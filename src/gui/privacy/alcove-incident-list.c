/* alcove-incident-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-incident-list"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-incident-list.h"
#include "alcove-incident-window.h"

/* The Incidents section (owner): every incident of the breach register with its most
 * urgent open deadline; a row opens the incident, "New Incident…" records one. */

struct _AlcoveIncidentList
{
  AdwBin               parent_instance;

  AlcoveVault         *vault;
  GPtrArray           *rows;
  guint                n_incidents;

  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (AlcoveIncidentList, alcove_incident_list, ADW_TYPE_BIN)

/* "HHS: 12 days left", the nearest deadline not yet met */
static char *
next_deadline (AlcoveIncident *incident)
{
  g_autoptr(GPtrArray) deadlines = alcove_incident_compute_deadlines (incident);
  AlcoveIncidentDeadline *nearest = NULL;
  int nearest_days = G_MAXINT;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  for (guint i = 0; i < deadlines->len; i++)
    {
      AlcoveIncidentDeadline *deadline = g_ptr_array_index (deadlines, i);
      int days = alcove_incident_deadline_days_left (deadline, &today);

      if (deadline->met || deadline->note_only)
        continue;
      if (nearest == NULL || days < nearest_days)
        {
          nearest = deadline;
          nearest_days = days;
        }
    }
  if (nearest == NULL)
    return g_strdup (_("No open deadlines"));
  if (nearest_days == G_MAXINT)
    return g_strdup_printf (_("%s: as soon as practicable"), nearest->title);
  if (nearest_days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %d day overdue",
                                         "%s: %d days overdue", -nearest_days),
                            nearest->title, -nearest_days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %d day left", "%s: %d days left",
                                       nearest_days), nearest->title, nearest_days);
}

static void
open_incident (AlcoveIncidentList *self,
               AlcoveIncident     *incident)
{
  AlcoveIncidentWindow *window;

  window = alcove_incident_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       self->vault, incident);
  gtk_window_present (GTK_WINDOW (window));
}

static void
row_activated_cb (AdwActionRow       *row,
                  AlcoveIncidentList *self)
{
  open_incident (self, g_object_get_data (G_OBJECT (row), "incident"));
}

void
alcove_incident_list_reload (AlcoveIncidentList *self)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ALCOVE_IS_INCIDENT_LIST (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  incidents = alcove_incidents_list (self->vault, &error);
  if (incidents == NULL)
    {
      adw_preferences_group_set_description (self->group, error->message);
      return;
    }
  self->n_incidents = incidents->len;
  adw_preferences_group_set_description (self->group, incidents->len ? NULL :
                                         _("No incidents are recorded. When private information "
                                           "is seen, lost or sent where it should not be, record "
                                           "it here the day you find out."));
  for (guint i = 0; i < incidents->len; i++)
    {
      AlcoveIncident *incident = g_ptr_array_index (incidents, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("Discovered %s: %s"),
                                                alcove_incident_get_discovered_on (incident),
                                                alcove_incident_get_description (incident));
      g_autofree char *subtitle = next_deadline (incident);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "incident", g_object_ref (incident), g_object_unref);
      g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

guint
alcove_incident_list_get_n_incidents (AlcoveIncidentList *self)
{
  g_return_val_if_fail (ALCOVE_IS_INCIDENT_LIST (self), 0);
  return self->n_incidents;
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_incident (ALCOVE_INCIDENT_LIST (widget), NULL);
}

static void
alcove_incident_list_dispose (GObject *object)
{
  AlcoveIncidentList *self = ALCOVE_INCIDENT_LIST (object);

  g_clear_object (&self->vault);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (alcove_incident_list_parent_class)->dispose (object);
}

static void
alcove_incident_list_class_init (AlcoveIncidentListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_incident_list_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-incident-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentList, group);
  gtk_widget_class_install_action (widget_class, "incidents.new", NULL, new_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "incidents.new", NULL);
}

static void
alcove_incident_list_init (AlcoveIncidentList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

AlcoveIncidentList *
alcove_incident_list_new (AlcoveVault *vault)
{
  AlcoveIncidentList *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_INCIDENT_LIST, NULL);
  self->vault = g_object_ref (vault);
  /* an incident saved from any window, one reopened after an unlock included */
  g_signal_connect_object (vault, "changed::incidents", G_CALLBACK (alcove_incident_list_reload),
                           self, G_CONNECT_SWAPPED);
  alcove_incident_list_reload (self);
  return self;
}
