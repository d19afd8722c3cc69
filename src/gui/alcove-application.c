/* alcove-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-application"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-about.h"
#include "alcove-accessible-names.h"
#include "alcove-application.h"
#include "alcove-backup-scheduler.h"
#include "alcove-help.h"
#include "alcove-recent-guard.h"
#include "alcove-preferences-window.h"
#include "alcove-main-page.h"
#include "alcove-window.h"

/* One instance per session: a second launch presents the existing window. The application
 * owns the vault and the lock manager; windows follow them. */
struct _AlcoveApplication
{
  AdwApplication     parent_instance;

  GSettings         *settings;
  AlcoveVault       *vault;
  AlcoveLockManager *lock_manager;
  AlcoveBackupScheduler *backups;
};

G_DEFINE_FINAL_TYPE (AlcoveApplication, alcove_application, ADW_TYPE_APPLICATION)

AlcoveApplication *
alcove_application_new (void)
{
  return g_object_new (ALCOVE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/alcove_notes/Alcove",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* for screensaver-active */
                       "register-session", TRUE,
                       NULL);
}

/* GSettings `vault-path`, or the default under $XDG_DATA_HOME when it is empty */
char *
alcove_application_dup_vault_path (AlcoveApplication *self)
{
  g_autofree char *configured = NULL;

  g_return_val_if_fail (ALCOVE_IS_APPLICATION (self), NULL);

  configured = g_settings_get_string (self->settings, "vault-path");
  if (configured[0] != '\0')
    return g_steal_pointer (&configured);
  return alcove_vault_default_path ();
}

AlcoveVault *
alcove_application_get_vault (AlcoveApplication *self)
{
  g_return_val_if_fail (ALCOVE_IS_APPLICATION (self), NULL);
  return self->vault;
}

GSettings *
alcove_application_get_settings (AlcoveApplication *self)
{
  g_return_val_if_fail (ALCOVE_IS_APPLICATION (self), NULL);
  return self->settings;
}

AlcoveLockManager *
alcove_application_get_lock_manager (AlcoveApplication *self)
{
  g_return_val_if_fail (ALCOVE_IS_APPLICATION (self), NULL);
  return self->lock_manager;
}

AlcoveBackupScheduler *
alcove_application_get_backups (AlcoveApplication *self)
{
  g_return_val_if_fail (ALCOVE_IS_APPLICATION (self), NULL);
  return self->backups;
}

static void
alcove_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (alcove_window_new (ALCOVE_APPLICATION (app)));
  gtk_window_present (window);
}

/* ---- actions ---- */

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWidget *about;

  about = alcove_about_window_new (gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;

  alcove_help_show (gtk_application_get_active_window (app), NULL);
}

static void
lock_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AlcoveApplication *self = user_data;

  alcove_lock_manager_lock (self->lock_manager, ALCOVE_LOCK_REASON_USER);
}

static void
log_out_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AlcoveApplication *self = user_data;

  alcove_lock_manager_lock (self->lock_manager, ALCOVE_LOCK_REASON_LOG_OUT);
}

/* The main window the active one was opened over, or else any */
static GtkWindow *
find_main_window (AlcoveApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  AlcoveWindow *found = alcove_window_find_for (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); !found && l; l = l->next)
    if (ALCOVE_IS_WINDOW (l->data))
      found = l->data;
  return found ? GTK_WINDOW (found) : active;
}

static AlcovePreferencesWindow *
present_preferences (AlcoveApplication *self)
{
  AlcovePreferencesWindow *preferences;
  AlcoveWorkspace *workspace = NULL;
  GtkWindow *parent;

  if (alcove_vault_get_locked (self->vault))
    return NULL;
  /* over the main window, even when asked from a note: a password change closes the notes */
  parent = find_main_window (self);
  if (ALCOVE_IS_WINDOW (parent) && alcove_window_get_main_page (ALCOVE_WINDOW (parent)) != NULL)
    workspace = alcove_main_page_get_workspace (alcove_window_get_main_page (ALCOVE_WINDOW (parent)));
  preferences = alcove_preferences_window_new (parent, self->vault, self->settings,
                                               workspace ? alcove_workspace_get_formats (workspace)
                                                         : NULL,
                                               self->backups);
  gtk_window_present (GTK_WINDOW (preferences));
  return preferences;
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  present_preferences (ALCOVE_APPLICATION (user_data));
}

/* Preferences, on the Backups page */
static void
backups_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AlcovePreferencesWindow *preferences = present_preferences (ALCOVE_APPLICATION (user_data));

  if (preferences != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "backups");
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AlcoveApplication *self = user_data;

  alcove_lock_manager_lock (self->lock_manager, ALCOVE_LOCK_REASON_CLOSE);
  g_application_quit (G_APPLICATION (self));
}

/* The search window for everything (client_id NULL) or one client's record, opened by the
 * main page so that a hit opens the client and the note */
static void
present_search (AlcoveApplication *self,
                const char        *client_id)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AlcoveMainPage *main_page;

  /* from a note or search window, search for the main window behind it */
  while (window != NULL && !ALCOVE_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  main_page = window ? alcove_window_get_main_page (ALCOVE_WINDOW (window)) : NULL;
  if (alcove_vault_get_locked (self->vault) || main_page == NULL)
    return;
  alcove_main_page_present_search (main_page, client_id);
}

static void
search_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  present_search (ALCOVE_APPLICATION (user_data), NULL);
}

static void
search_client_action_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  const char *client_id = g_variant_get_string (parameter, NULL);

  present_search (ALCOVE_APPLICATION (user_data), *client_id != '\0' ? client_id : NULL);
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "backups", backups_action_cb },
  { "help", help_action_cb },
  { "lock", lock_action_cb },
  { "log-out", log_out_action_cb },
  { "preferences", preferences_action_cb },
  { "quit", quit_action_cb },
  { "search", search_action_cb },
  { "search-client", search_client_action_cb, "s" },
};

/* Actions that need an unlocked vault are disabled while it is locked. */
static void
vault_locked_changed_cb (AlcoveApplication *self)
{
  gboolean unlocked = !alcove_vault_get_locked (self->vault);
  const char *names[] = { "lock", "log-out", "preferences", "backups", "search",
                          "search-client" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                              names[i])),
                                 unlocked);
}

static void
alcove_application_startup (GApplication *app)
{
  AlcoveApplication *self = ALCOVE_APPLICATION (app);
  /* Application accels, not widget-local bindings: each works wherever focus is in a window
   * that has the action. ui/gtk/help-overlay.ui lists every one (tests/test-shortcuts.c) */
  static const struct { const char *action; const char *accels[2]; } shortcuts[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.lock", { "<Control>l", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.search", { "<Control>k", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.new-client", { "<Control>n", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (alcove_application_parent_class)->startup (app);
  alcove_accessible_names_init ();

  alcove_recent_guard_install (gtk_recent_manager_get_default ());
  /* here, not at init: `--version` must work where the schema is not installed */
  self->settings = g_settings_new (BASE_APPLICATION_ID);
  path = alcove_application_dup_vault_path (self);
  self->vault = alcove_vault_new (path);
  self->lock_manager = alcove_lock_manager_new (GTK_APPLICATION (app), self->vault, self->settings);
  /* this computer's automatic backups, while the vault is unlocked */
  self->backups = alcove_backup_scheduler_new (self->vault, self->settings);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), shortcuts[i].action,
                                           shortcuts[i].accels);
  g_signal_connect_object (self->vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb),
                           self, G_CONNECT_SWAPPED);
  vault_locked_changed_cb (self);
}

static void
alcove_application_shutdown (GApplication *app)
{
  AlcoveApplication *self = ALCOVE_APPLICATION (app);

  /* Whatever ends the application, the keys are wiped first. */
  if (self->lock_manager != NULL)
    alcove_lock_manager_lock (self->lock_manager, ALCOVE_LOCK_REASON_CLOSE);

  G_APPLICATION_CLASS (alcove_application_parent_class)->shutdown (app);
}

static void
alcove_application_dispose (GObject *object)
{
  AlcoveApplication *self = ALCOVE_APPLICATION (object);

  g_clear_object (&self->lock_manager);
  g_clear_object (&self->backups);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alcove_application_parent_class)->dispose (object);
}

/* Answered before any window, keyring or vault is touched, so it works without a display */
static int
alcove_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  return -1;
}

static void
alcove_application_class_init (AlcoveApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_application_dispose;
  app_class->handle_local_options = alcove_application_handle_local_options;
  app_class->activate = alcove_application_activate;
  app_class->startup = alcove_application_startup;
  app_class->shutdown = alcove_application_shutdown;
}

static void
alcove_application_init (AlcoveApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "version", 'v', G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Show the version and quit"), NULL);
}
