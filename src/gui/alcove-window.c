/* alcove-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-emergency-alerts.h"
#include "alcove-lock-manager.h"
#include "alcove-login-page.h"
#include "alcove-setup-page.h"
#include "alcove-trace.h"
#include "alcove-window.h"

/* Follows the vault: no vault → the setup assistant; locked → the login page; unlocked →
 * the main page, created on unlock and destroyed on lock so that no widget that showed PHI
 * outlives the keys. Only the section's id and the open client's id are kept while locked, to return there. */
struct _AlcoveWindow
{
  AdwApplicationWindow  parent_instance;

  AlcoveVault          *vault;
  GSettings            *settings;

  GtkStack             *pages;
  AdwStatusPage        *error_page;
  GtkWidget            *busy_box;
  GtkLabel             *busy_label;
  GtkProgressBar       *busy_progress;
  gboolean              busy;
  guint                 pulse_source;   /* until the work says how far it got */
  AlcoveLoginPage      *login_page;
  AlcoveMainPage       *main_page;
  /* The view of the person signed in, kept over a lock for their next unlock only */
  char                 *shown_user;     /* uuid; NULL for a recovery session */
  char                 *saved_user;
  char                 *saved_section;
  char                 *saved_client_id;
  GPtrArray            *saved_windows;  /* AlcoveReopen */
};

G_DEFINE_FINAL_TYPE (AlcoveWindow, alcove_window, ADW_TYPE_APPLICATION_WINDOW)

static void
remove_page (AlcoveWindow *self,
             const char   *name)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->pages, name);

  if (child != NULL)
    gtk_stack_remove (self->pages, child);
}

static void
show_error (AlcoveWindow *self,
            const GError *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->pages, "error");
}

static void
show_login (AlcoveWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!alcove_vault_load (self->vault, &error))
    {
      show_error (self, error);
      return;
    }
  if (self->login_page == NULL)
    {
      self->login_page = alcove_login_page_new (self->vault);
      gtk_stack_add_named (self->pages, GTK_WIDGET (self->login_page), "login");
      alcove_trace_first_frame (GTK_WIDGET (self->login_page),
                                "launch to login page first frame", "launch");
    }
  alcove_login_page_reload (self->login_page);
  gtk_stack_set_visible_child_name (self->pages, "login");
}

static void
forget_view (AlcoveWindow *self)
{
  g_clear_pointer (&self->saved_user, g_free);
  g_clear_pointer (&self->saved_section, g_free);
  g_clear_pointer (&self->saved_client_id, g_free);
  g_clear_pointer (&self->saved_windows, g_ptr_array_unref);
}

static char *
dup_current_user (AlcoveWindow *self)
{
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);

  return user != NULL ? g_strdup (alcove_user_get_uuid (user)) : NULL;
}

/* Through the main page's actions, as the person opened them; their unsaved text comes
 * back as drafts */
static void
reopen_windows (AlcoveWindow *self,
                GPtrArray    *windows)
{
  for (guint i = 0; windows != NULL && i < windows->len; i++)
    {
      AlcoveReopen *reopen = g_ptr_array_index (windows, i);

      gtk_widget_activate_action_variant (GTK_WIDGET (self->main_page), reopen->action,
                                          reopen->target);
    }
}

/* Only the person who locked finds their place and their windows again; anyone else starts
 * at Home with nothing of it, and nothing is opened, or audited, in their name */
static void
restore_view (AlcoveWindow *self)
{
  if (self->saved_user == NULL || g_strcmp0 (self->saved_user, self->shown_user) != 0)
    {
      forget_view (self);
      alcove_main_page_set_section (self->main_page, "home");
      return;
    }
  alcove_main_page_set_section (self->main_page, self->saved_section);
  if (self->saved_client_id != NULL && g_strcmp0 (self->saved_section, "clients") == 0)
    alcove_main_page_show_client (self->main_page, self->saved_client_id);
  reopen_windows (self, self->saved_windows);
  forget_view (self);
}

static AlcoveLockManager *
get_lock_manager (AlcoveWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL ? alcove_application_get_lock_manager (ALCOVE_APPLICATION (app)) : NULL;
}

static gboolean
pulse_cb (gpointer user_data)
{
  AlcoveWindow *self = user_data;

  gtk_progress_bar_pulse (self->busy_progress);
  return G_SOURCE_CONTINUE;
}

static void
show_busy (AlcoveWindow *self,
           gboolean      busy)
{
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (busy)
    self->pulse_source = g_timeout_add (100, pulse_cb, self);
  self->busy = busy;
  gtk_widget_set_visible (self->busy_box, busy);
  if (self->main_page != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->main_page), !busy);
}

/**
 * alcove_window_begin_busy:
 * @keep: (nullable): the window that asked, which stays open
 * @status: what is being done, shown over the main page
 *
 * Before the vault's files are rewritten (a re-key), when anything saved meanwhile would
 * be lost: every draft is saved, every other window opened over this one closes (to open
 * again at alcove_window_end_busy()), and the main page waits, insensitive, under @status
 * and a progress bar. The main loop goes on: it still draws, and a lock still locks.
 *
 * Returns: FALSE, with nothing closed, if a draft could not be saved
 */
gboolean
alcove_window_begin_busy (AlcoveWindow  *self,
                          GtkWindow     *keep,
                          const char    *status,
                          GError       **error)
{
  AlcoveLockManager *lock_manager;

  g_return_val_if_fail (ALCOVE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  lock_manager = get_lock_manager (self);
  if (lock_manager != NULL && !alcove_lock_manager_hold_windows (lock_manager, keep, error))
    return FALSE;
  gtk_label_set_text (self->busy_label, status);
  gtk_progress_bar_set_fraction (self->busy_progress, 0);
  show_busy (self, TRUE);
  return TRUE;
}

void
alcove_window_set_busy_progress (AlcoveWindow *self,
                                 double        fraction)
{
  g_return_if_fail (ALCOVE_IS_WINDOW (self));

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->busy_progress, CLAMP (fraction, 0, 1));
}

/* The main page back, and the windows the busy time closed; if the vault locked meanwhile,
 * they wait for the same person's next unlock instead */
void
alcove_window_end_busy (AlcoveWindow *self)
{
  AlcoveLockManager *lock_manager;
  g_autoptr(GPtrArray) windows = NULL;

  g_return_if_fail (ALCOVE_IS_WINDOW (self));

  show_busy (self, FALSE);
  lock_manager = get_lock_manager (self);
  if (lock_manager != NULL)
    windows = alcove_lock_manager_release_windows (lock_manager);
  if (windows == NULL || windows->len == 0)
    return;
  if (self->main_page != NULL && !alcove_vault_get_locked (self->vault))
    reopen_windows (self, windows);
  else if (self->saved_user != NULL && self->saved_windows == NULL)
    self->saved_windows = g_steal_pointer (&windows);
}

gboolean
alcove_window_get_busy (AlcoveWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_WINDOW (self), FALSE);
  return self->busy;
}

/* The main window `window` was opened over, or is */
AlcoveWindow *
alcove_window_find_for (GtkWindow *window)
{
  for (GtkWindow *w = window; w != NULL; w = gtk_window_get_transient_for (w))
    if (ALCOVE_IS_WINDOW (w))
      return ALCOVE_WINDOW (w);
  return NULL;
}

/* After unlock the login page's field is gone with it, and focus with it: it starts again
 * on the main page once that is laid out, which on a busy computer can take a few frames
 * after it is mapped */
#define FOCUS_MAX_FRAMES 60

static gboolean
focus_main_page_tick_cb (GtkWidget     *page,
                         GdkFrameClock *clock,
                         gpointer       user_data)
{
  guint *frames = user_data;

  if (alcove_main_page_focus_start (ALCOVE_MAIN_PAGE (page)) || ++(*frames) >= FOCUS_MAX_FRAMES)
    return G_SOURCE_REMOVE;
  return G_SOURCE_CONTINUE;
}

/* once the page shows the section it was restored to */
static void
main_page_mapped_cb (AlcoveMainPage *page)
{
  g_signal_handlers_disconnect_by_func (page, main_page_mapped_cb, NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (page), focus_main_page_tick_cb,
                                g_new0 (guint, 1), g_free);
}

static void
show_main (AlcoveWindow *self)
{
  g_autoptr(AlcoveWorkspace) workspace = NULL;
  GtkApplication *app;
  g_autoptr(GError) error = NULL;

  remove_page (self, "setup");
  remove_page (self, "main");
  alcove_trace_mark ("unlocked");
  workspace = alcove_workspace_new (self->vault, &error);
  if (workspace == NULL)
    {
      show_error (self, error);
      return;
    }
  self->main_page = alcove_main_page_new (workspace, self->settings);
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (ALCOVE_IS_APPLICATION (app))
    alcove_main_page_set_backups (self->main_page,
                                  alcove_application_get_backups (ALCOVE_APPLICATION (app)));
  alcove_trace_first_frame (GTK_WIDGET (self->main_page), "unlocked to main window first frame",
                            "unlocked");
  alcove_trace_first_frame (GTK_WIDGET (self->main_page),
                            "unlock requested (KDF included) to main window first frame",
                            "unlock-requested");
  gtk_stack_add_named (self->pages, GTK_WIDGET (self->main_page), "main");
  g_signal_connect (self->main_page, "map", G_CALLBACK (main_page_mapped_cb), NULL);
  g_free (self->shown_user);
  self->shown_user = dup_current_user (self);
  gtk_stack_set_visible_child_name (self->pages, "main");
  restore_view (self);
  /* colleagues who broke the glass meanwhile, for an owner or the notes' author */
  alcove_emergency_alerts_present (GTK_WINDOW (self), self->vault,
                                   alcove_main_page_get_client_store (self->main_page));
}

static void
setup_finished_cb (AlcoveWindow *self)
{
  if (!alcove_vault_get_locked (self->vault) && self->main_page == NULL)
    show_main (self);
  /* restored from a backup: its people sign in */
  else if (alcove_vault_get_locked (self->vault) && alcove_vault_exists (self->vault))
    {
      show_login (self);
      remove_page (self, "setup");
    }
}

static void
show_setup (AlcoveWindow *self)
{
  AlcoveSetupPage *setup = alcove_setup_page_new (self->vault, self->settings);

  g_signal_connect_object (setup, "finished", G_CALLBACK (setup_finished_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->pages, GTK_WIDGET (setup), "setup");
  gtk_stack_set_visible_child_name (self->pages, "setup");
}

static void
vault_locked_changed_cb (AlcoveWindow *self)
{
  if (!alcove_vault_get_locked (self->vault))
    {
      /* The setup assistant shows the main page itself once it has finished. */
      if (gtk_stack_get_child_by_name (self->pages, "setup") == NULL)
        show_main (self);
      return;
    }
  /* the lock cancelled what the page waited for; the lock manager kept its windows */
  show_busy (self, FALSE);
  if (self->main_page != NULL)
    {
      forget_view (self);
      self->saved_user = g_steal_pointer (&self->shown_user);
      self->saved_section = g_strdup (alcove_main_page_get_section (self->main_page));
      self->saved_client_id = g_strdup (alcove_main_page_get_client_id (self->main_page));
      self->main_page = NULL;
    }
  /* The login page first, so the main page is never on screen while it goes. */
  show_login (self);
  remove_page (self, "main");
}

static void
locked_cb (AlcoveLockManager *lock_manager,
           AlcoveLockReason   reason,
           AlcoveWindow      *self)
{
  g_autoptr(GPtrArray) windows = alcove_lock_manager_take_reopen (lock_manager);

  /* Logging out forgets the place: the next person starts at home. */
  if (reason == ALCOVE_LOCK_REASON_LOG_OUT)
    forget_view (self);
  else if (self->saved_user != NULL)
    {
      g_clear_pointer (&self->saved_windows, g_ptr_array_unref);
      self->saved_windows = g_steal_pointer (&windows);
    }
}

static gboolean
alcove_window_close_request (GtkWindow *window)
{
  AlcoveWindow *self = ALCOVE_WINDOW (window);
  AlcoveApplication *app = ALCOVE_APPLICATION (gtk_window_get_application (window));

  if (app != NULL)
    alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_CLOSE);
  else
    alcove_vault_lock (self->vault);
  return GTK_WINDOW_CLASS (alcove_window_parent_class)->close_request (window);
}

static void
alcove_window_dispose (GObject *object)
{
  AlcoveWindow *self = ALCOVE_WINDOW (object);

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->vault != NULL)
    g_signal_handlers_disconnect_by_data (self->vault, self);
  self->main_page = NULL;
  self->login_page = NULL;
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->shown_user, g_free);
  forget_view (self);

  G_OBJECT_CLASS (alcove_window_parent_class)->dispose (object);
}

/* ---- window actions: their shortcuts are the application's (alcove-application.c), so
 * they work wherever focus is in the window ---- */

static void
find_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AlcoveWindow *self = user_data;

  if (self->main_page != NULL)
    alcove_main_page_find (self->main_page);
}

static void
new_client_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  AlcoveWindow *self = user_data;

  if (self->main_page != NULL)
    alcove_main_page_new_client (self->main_page);
}

static const GActionEntry window_actions[] = {
  { "find", find_action_cb },
  { "new-client", new_client_action_cb },
};

static void
alcove_window_class_init (AlcoveWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = alcove_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, AlcoveWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AlcoveWindow, busy_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveWindow, busy_progress);
}

static void
alcove_window_init (AlcoveWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

AlcoveWindow *
alcove_window_new (AlcoveApplication *application)
{
  AlcoveWindow *self = g_object_new (ALCOVE_TYPE_WINDOW, "application", application, NULL);
  AlcoveLockManager *lock_manager = alcove_application_get_lock_manager (application);

  self->vault = g_object_ref (alcove_application_get_vault (application));
  self->settings = g_object_ref (alcove_application_get_settings (application));
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lock_manager, "locked", G_CALLBACK (locked_cb), self, 0);
  alcove_lock_manager_set_main_window (lock_manager, GTK_WINDOW (self));

  if (!alcove_vault_get_locked (self->vault))
    show_main (self);
  else if (alcove_vault_exists (self->vault))
    show_login (self);
  else
    show_setup (self);
  return self;
}

const char *
alcove_window_get_page (AlcoveWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->pages);
}

AlcoveMainPage *
alcove_window_get_main_page (AlcoveWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_WINDOW (self), NULL);
  return self->main_page;
}
