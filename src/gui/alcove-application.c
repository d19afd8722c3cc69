/* alcove-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-application"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-application.h"
#include "alcove-vault.h"
#include "alcove-window.h"

struct _AlcoveApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (AlcoveApplication, alcove_application, ADW_TYPE_APPLICATION)

AlcoveApplication *
alcove_application_new (void)
{
  return g_object_new (ALCOVE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/alcove_notes/Alcove",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/* GSettings `vault-path`, or the default under $XDG_DATA_HOME when it is empty */
char *
alcove_application_dup_vault_path (AlcoveApplication *self)
{
  g_autofree char *configured = g_settings_get_string (self->settings, "vault-path");

  g_return_val_if_fail (ALCOVE_IS_APPLICATION (self), NULL);

  if (configured[0] != '\0')
    return g_steal_pointer (&configured);
  return alcove_vault_default_path ();
}

static void
alcove_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (alcove_window_new (ALCOVE_APPLICATION (app)));
  gtk_window_present (window);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "The Alcove developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Alcove"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Alcove developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Clinical notes that stay in the room"),
                        "website", "https://github.com/alcove-notes/alcove",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "quit", quit_action_cb },
};

static void
alcove_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (alcove_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
alcove_application_finalize (GObject *object)
{
  AlcoveApplication *self = ALCOVE_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alcove_application_parent_class)->finalize (object);
}

static void
alcove_application_class_init (AlcoveApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = alcove_application_finalize;
  app_class->activate = alcove_application_activate;
  app_class->startup = alcove_application_startup;
}

static void
alcove_application_init (AlcoveApplication *self)
{
  self->settings = g_settings_new (BASE_APPLICATION_ID);
}
