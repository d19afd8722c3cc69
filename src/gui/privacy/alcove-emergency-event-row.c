/* alcove-emergency-event-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-emergency-event-row"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-emergency-event-row.h"

static const char *
reason_label (const AlcoveEmergencyEvent *event)
{
  AlcoveEmergencyReason reason;

  if (!alcove_emergency_reason_from_string (event->reason, &reason))
    return event->reason;
  return alcove_emergency_reason_get_label (reason);
}

static char *
dup_title (const AlcoveEmergencyEvent *event,
           AlcoveClientStore          *clients)
{
  AlcoveClient *client = clients ? alcove_client_store_lookup (clients, event->client_id) : NULL;

  if (client == NULL)
    return g_strdup_printf (_("%s read a former client’s progress notes"), event->user_name);
  /* Translators: "<colleague> read <client>'s progress notes" */
  return g_strdup_printf (_("%s read %s’s progress notes"), event->user_name,
                          alcove_client_get_display_name (client));
}

/* "6 December 2026, 14:05 · The client is in crisis · 2 notes opened", then the
 * explanation as it was given */
static char *
dup_subtitle (const AlcoveEmergencyEvent *event)
{
  g_autofree char *when = alcove_date_format_time (event->started_ms);
  g_autofree char *views = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note opened",
                                                         "%u notes opened", event->views),
                                            event->views);

  if (event->explanation == NULL || *event->explanation == '\0')
    /* Translators: an emergency access: "<when> · <reason> · <n notes opened>" */
    return g_strdup_printf (_("%s · %s · %s"), when, reason_label (event), views);
  /* Translators: as above, then the explanation given, quoted, on a line of its own */
  return g_strdup_printf (_("%s · %s · %s\n“%s”"), when, reason_label (event), views,
                          event->explanation);
}

GtkWidget *
alcove_emergency_event_row_new (const AlcoveEmergencyEvent *event,
                                AlcoveClientStore          *clients)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  title = dup_title (event, clients);
  subtitle = dup_subtitle (event);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (icon, "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_name (row, event->id);
  return row;
}
