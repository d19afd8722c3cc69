/* alcove-lock-manager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-lock-manager"

#include "config.h"

#include "alcove-lock-manager.h"

/* Owns every trigger that locks the vault — inactivity, the screen locking, suspend, Ctrl+L,
 * logging out, closing — and every window: it finds each toplevel as it appears, watches it
 * for activity, and on a lock closes all but the main window. The order of a lock: drafts
 * saved, every other window closed, the vault closed and its keys wiped ("locked" then lets
 * the main window drop every widget that showed PHI), the clipboard cleared if it holds
 * Alcove's text. */
struct _AlcoveLockManager
{
  GObject          parent_instance;

  GtkApplication  *application;
  AlcoveVault     *vault;
  GSettings       *settings;

  guint            idle_source;
  guint            idle_timeout_ms;  /* 0: from auto-lock-minutes */
  GDBusConnection *system_bus;
  guint            sleep_subscription;
  GCancellable    *cancellable;
  GHashTable      *draft_savers;     /* id → DraftSaver */
  GtkWindow       *main_window;      /* weak */
  guint            next_saver_id;
  gboolean         locking;
  gboolean         holding;          /* windows closed for a change of the vault's files */
  GPtrArray       *reopen;           /* AlcoveReopen of the windows the last lock, or the
                                      * hold under way, closed */
};

G_DEFINE_FINAL_TYPE (AlcoveLockManager, alcove_lock_manager, G_TYPE_OBJECT)

enum {
  LOCKED,
  DRAFT_SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  AlcoveDraftSaver saver;
  gpointer         user_data;
  GDestroyNotify   destroy;
} DraftSaver;

static void
draft_saver_free (DraftSaver *saver)
{
  if (saver->destroy != NULL)
    saver->destroy (saver->user_data);
  g_free (saver);
}

/* ---- inactivity ---- */

static gboolean
idle_timeout_cb (gpointer user_data)
{
  AlcoveLockManager *self = user_data;

  self->idle_source = 0;
  alcove_lock_manager_lock (self, ALCOVE_LOCK_REASON_IDLE);
  return G_SOURCE_REMOVE;
}

static guint
idle_timeout_ms (AlcoveLockManager *self)
{
  if (self->idle_timeout_ms > 0)
    return self->idle_timeout_ms;
  return (guint) CLAMP (g_settings_get_int (self->settings, "auto-lock-minutes"), 1, 60) * 60 * 1000;
}

static void
restart_idle_timer (AlcoveLockManager *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (!alcove_vault_get_locked (self->vault))
    self->idle_source = g_timeout_add (idle_timeout_ms (self), idle_timeout_cb, self);
}

void
alcove_lock_manager_note_activity (AlcoveLockManager *self)
{
  g_return_if_fail (ALCOVE_IS_LOCK_MANAGER (self));

  if (self->idle_source != 0)
    restart_idle_timer (self);
}

void
alcove_lock_manager_set_idle_timeout_ms (AlcoveLockManager *self,
                                         guint              timeout_ms)
{
  g_return_if_fail (ALCOVE_IS_LOCK_MANAGER (self));

  self->idle_timeout_ms = timeout_ms;
  restart_idle_timer (self);
}

static gboolean
activity_cb (GtkEventControllerLegacy *controller,
             GdkEvent                 *event,
             gpointer                  user_data)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
      alcove_lock_manager_note_activity (user_data);
      break;
    case GDK_DELETE:
    case GDK_ENTER_NOTIFY:
    case GDK_LEAVE_NOTIFY:
    case GDK_FOCUS_CHANGE:
    case GDK_PROXIMITY_IN:
    case GDK_PROXIMITY_OUT:
    case GDK_KEY_RELEASE:
    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
    case GDK_TOUCHPAD_HOLD:
    case GDK_PAD_BUTTON_PRESS:
    case GDK_PAD_BUTTON_RELEASE:
    case GDK_PAD_RING:
    case GDK_PAD_STRIP:
    case GDK_PAD_GROUP_MODE:
    case GDK_GRAB_BROKEN:
    case GDK_DRAG_ENTER:
    case GDK_DRAG_LEAVE:
    case GDK_DRAG_MOTION:
    case GDK_DROP_START:
    case GDK_EVENT_LAST:
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

#define WATCHED_KEY "alcove-lock-manager-watched"

/* Capture phase: the window sees every event before any widget can consume it. */
static void
watch_window (AlcoveLockManager *self,
              GtkWindow         *window)
{
  GtkEventController *controller;

  if (g_object_get_data (G_OBJECT (window), WATCHED_KEY) != NULL)
    return;
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (activity_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
  g_object_set_data (G_OBJECT (window), WATCHED_KEY, GINT_TO_POINTER (TRUE));
}

/* Every toplevel of the process, as it appears: no window has to opt in */
static void
toplevels_changed_cb (GListModel        *toplevels,
                      guint              position,
                      guint              removed,
                      guint              added,
                      AlcoveLockManager *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      watch_window (self, window);
    }
}

void
alcove_lock_manager_set_main_window (AlcoveLockManager *self,
                                     GtkWindow         *window)
{
  g_return_if_fail (ALCOVE_IS_LOCK_MANAGER (self));

  g_set_weak_pointer (&self->main_window, window);
}

/* ---- the session: screen lock and suspend ---- */

static void
screensaver_active_cb (GtkApplication    *application,
                       GParamSpec        *pspec,
                       AlcoveLockManager *self)
{
  gboolean active = FALSE;

  g_object_get (application, "screensaver-active", &active, NULL);
  if (active && g_settings_get_boolean (self->settings, "lock-on-screensaver"))
    alcove_lock_manager_lock (self, ALCOVE_LOCK_REASON_SCREENSAVER);
}

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender,
                      const char      *object_path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  AlcoveLockManager *self = user_data;
  gboolean going_to_sleep = FALSE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &going_to_sleep);
  if (going_to_sleep && g_settings_get_boolean (self->settings, "lock-on-suspend"))
    alcove_lock_manager_lock (self, ALCOVE_LOCK_REASON_SUSPEND);
}

static void
system_bus_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AlcoveLockManager) self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);

  /* No system bus (a container, a test): the other triggers still lock. */
  if (bus == NULL)
    {
      g_debug ("No system bus, so no lock on suspend: %s", error->message);
      return;
    }
  /* The shared connection would end the process if the bus went away. */
  g_dbus_connection_set_exit_on_close (bus, FALSE);
  self->system_bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, prepare_for_sleep_cb,
                                        self, NULL);
}

/* ---- locking ---- */

/* The first failure, if any, in `error`; every saver runs all the same */
static gboolean
run_draft_savers (AlcoveLockManager  *self,
                  GError            **error)
{
  GHashTableIter iter;
  DraftSaver *saver;
  gboolean saved = TRUE;

  g_hash_table_iter_init (&iter, self->draft_savers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &saver))
    {
      g_autoptr(GError) saver_error = NULL;

      if (!saver->saver (saver->user_data, &saver_error))
        {
          g_warning ("A draft could not be saved");
          g_signal_emit (self, signals[DRAFT_SAVE_FAILED], 0, saver_error);
          if (saved)
            g_propagate_error (error, g_steal_pointer (&saver_error));
          saved = FALSE;
        }
    }
  return saved;
}

/* Alcove's own text on the clipboard may be PHI; a local clipboard is ours. */
static void
clear_own_clipboard (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GdkClipboard *clipboard;

  if (display == NULL)
    return;
  clipboard = gdk_display_get_clipboard (display);
  if (gdk_clipboard_is_local (clipboard))
    gdk_clipboard_set_content (clipboard, NULL);
}

/* Opened over the main window, directly or over another window that is, or by this
 * application */
static gboolean
is_ours (AlcoveLockManager *self,
         GtkWindow         *window)
{
  if (gtk_window_get_application (window) == self->application)
    return TRUE;
  for (GtkWindow *parent = gtk_window_get_transient_for (window); parent != NULL;
       parent = gtk_window_get_transient_for (parent))
    if (parent == self->main_window)
      return TRUE;
  return FALSE;
}

/* `keep` itself, or a window opened over it */
static gboolean
is_kept (GtkWindow *window,
         GtkWindow *keep)
{
  for (GtkWindow *w = window; keep != NULL && w != NULL; w = gtk_window_get_transient_for (w))
    if (w == keep)
      return TRUE;
  return FALSE;
}

/* The next window to close: not the main one nor kept, opened over it, not already
 * closing */
static GtkWindow *
next_to_close (AlcoveLockManager *self,
               GtkWindow         *keep)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != self->main_window && is_ours (self, window) && !is_kept (window, keep) &&
          !gtk_widget_in_destruction (GTK_WIDGET (window)))
        return window;  /* the list of toplevels keeps it alive */
    }
  return NULL;
}

#define REOPEN_KEY "alcove-reopen"

static void
alcove_reopen_free (AlcoveReopen *reopen)
{
  g_free (reopen->action);
  g_clear_pointer (&reopen->target, g_variant_unref);
  g_free (reopen);
}

static AlcoveReopen *
alcove_reopen_copy (const AlcoveReopen *reopen)
{
  AlcoveReopen *copy = g_new0 (AlcoveReopen, 1);

  copy->action = g_strdup (reopen->action);
  copy->target = reopen->target ? g_variant_ref (reopen->target) : NULL;
  return copy;
}

/* Every window but the main one (and `keep`) can show PHI: all close, after their drafts
 * were saved and before the keys go, so a window that saves as it closes still can. One at
 * a time, from the live list: closing one may close others (its dialogs). Those that can
 * open again are remembered, in memory only and by ids, for the same person's next unlock,
 * after those a hold closed already. */
static void
close_other_windows (AlcoveLockManager *self,
                     GtkWindow         *keep)
{
  GtkWindow *window;

  while ((window = next_to_close (self, keep)) != NULL)
    {
      AlcoveReopen *reopen = g_object_get_data (G_OBJECT (window), REOPEN_KEY);

      if (reopen != NULL)
        g_ptr_array_add (self->reopen, alcove_reopen_copy (reopen));
      gtk_window_destroy (window);
    }
}

/**
 * alcove_lock_manager_set_reopen_action:
 * @window: a window opened over the main one
 * @action: an action of the main page ("main.open-note", …) that opens it again
 * @target: (nullable): the action's parameter; ids only, never PHI
 *
 * Remembered when a lock closes @window, so that the same person's next unlock opens it
 * again, its unsaved text coming back as a draft.
 */
void
alcove_lock_manager_set_reopen_action (GtkWindow  *window,
                                       const char *action,
                                       GVariant   *target)
{
  AlcoveReopen *reopen;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (action != NULL);

  reopen = g_new0 (AlcoveReopen, 1);
  reopen->action = g_strdup (action);
  reopen->target = target ? g_variant_ref_sink (target) : NULL;
  g_object_set_data_full (G_OBJECT (window), REOPEN_KEY, reopen,
                          (GDestroyNotify) alcove_reopen_free);
}

/* The windows the last lock closed that can open again, oldest first; the list empties */
GPtrArray *
alcove_lock_manager_take_reopen (AlcoveLockManager *self)
{
  GPtrArray *taken;

  g_return_val_if_fail (ALCOVE_IS_LOCK_MANAGER (self), NULL);

  taken = g_steal_pointer (&self->reopen);
  self->reopen = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_reopen_free);
  return taken;
}

/**
 * alcove_lock_manager_hold_windows:
 * @keep: (nullable): a window that stays open, with those opened over it: the one asking
 *
 * Before work that rewrites the vault's files (re-keying), during which a save would be
 * lost: every draft saved, then every window opened over the main one closed, as a lock
 * does, and remembered to open again. If a draft cannot be saved, nothing is closed and
 * the error says why. alcove_lock_manager_release_windows() ends the hold; a lock during
 * it keeps the windows for the same person's next unlock.
 *
 * Returns: whether every draft was saved and the windows closed
 */
gboolean
alcove_lock_manager_hold_windows (AlcoveLockManager  *self,
                                  GtkWindow          *keep,
                                  GError            **error)
{
  g_return_val_if_fail (ALCOVE_IS_LOCK_MANAGER (self), FALSE);
  g_return_val_if_fail (!self->holding, FALSE);

  if (!run_draft_savers (self, error))
    return FALSE;
  g_ptr_array_set_size (self->reopen, 0);
  close_other_windows (self, keep);
  self->holding = TRUE;
  return TRUE;
}

/* The windows the hold closed, oldest first, to open again; empty after a lock */
GPtrArray *
alcove_lock_manager_release_windows (AlcoveLockManager *self)
{
  g_return_val_if_fail (ALCOVE_IS_LOCK_MANAGER (self), NULL);

  if (!self->holding)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_reopen_free);
  self->holding = FALSE;
  return alcove_lock_manager_take_reopen (self);
}

void
alcove_lock_manager_lock (AlcoveLockManager *self,
                          AlcoveLockReason   reason)
{
  g_return_if_fail (ALCOVE_IS_LOCK_MANAGER (self));

  if (self->locking || alcove_vault_get_locked (self->vault))
    return;
  self->locking = TRUE;
  g_clear_handle_id (&self->idle_source, g_source_remove);

  run_draft_savers (self, NULL);
  /* the windows a hold closed come back with the others */
  if (!self->holding)
    g_ptr_array_set_size (self->reopen, 0);
  self->holding = FALSE;
  close_other_windows (self, NULL);
  alcove_vault_lock (self->vault);
  g_signal_emit (self, signals[LOCKED], 0, reason);
  clear_own_clipboard ();
  self->locking = FALSE;
}

guint
alcove_lock_manager_add_draft_saver (AlcoveLockManager *self,
                                     AlcoveDraftSaver   saver,
                                     gpointer           user_data,
                                     GDestroyNotify     destroy)
{
  DraftSaver *entry = g_new0 (DraftSaver, 1);

  g_return_val_if_fail (ALCOVE_IS_LOCK_MANAGER (self), 0);

  entry->saver = saver;
  entry->user_data = user_data;
  entry->destroy = destroy;
  g_hash_table_insert (self->draft_savers, GUINT_TO_POINTER (++self->next_saver_id), entry);
  return self->next_saver_id;
}

void
alcove_lock_manager_remove_draft_saver (AlcoveLockManager *self,
                                        guint              id)
{
  g_return_if_fail (ALCOVE_IS_LOCK_MANAGER (self));

  g_hash_table_remove (self->draft_savers, GUINT_TO_POINTER (id));
}

static void
vault_locked_changed_cb (AlcoveVault       *vault,
                         GParamSpec        *pspec,
                         AlcoveLockManager *self)
{
  if (alcove_vault_get_locked (vault))
    g_clear_handle_id (&self->idle_source, g_source_remove);
  else
    restart_idle_timer (self);
}

static void
auto_lock_changed_cb (GSettings         *settings,
                      const char        *key,
                      AlcoveLockManager *self)
{
  if (self->idle_source != 0)
    restart_idle_timer (self);
}

/* ---- object ---- */

static void
alcove_lock_manager_dispose (GObject *object)
{
  AlcoveLockManager *self = ALCOVE_LOCK_MANAGER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);
  g_clear_pointer (&self->draft_savers, g_hash_table_unref);
  g_clear_pointer (&self->reopen, g_ptr_array_unref);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->application);
  g_clear_weak_pointer (&self->main_window);
  g_signal_handlers_disconnect_by_func (gtk_window_get_toplevels (), toplevels_changed_cb, self);

  G_OBJECT_CLASS (alcove_lock_manager_parent_class)->dispose (object);
}

static void
alcove_lock_manager_class_init (AlcoveLockManagerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = alcove_lock_manager_dispose;

  /* After the vault is locked and its keys wiped: drop every widget that showed PHI. */
  signals[LOCKED] = g_signal_new ("locked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[DRAFT_SAVE_FAILED] = g_signal_new ("draft-save-failed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
alcove_lock_manager_init (AlcoveLockManager *self)
{
  self->draft_savers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) draft_saver_free);
  self->reopen = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_reopen_free);
  self->cancellable = g_cancellable_new ();
}

AlcoveLockManager *
alcove_lock_manager_new (GtkApplication *application,
                         AlcoveVault    *vault,
                         GSettings      *settings)
{
  AlcoveLockManager *self = g_object_new (ALCOVE_TYPE_LOCK_MANAGER, NULL);
  GListModel *toplevels;

  g_set_weak_pointer (&self->application, application);
  self->vault = g_object_ref (vault);
  self->settings = g_object_ref (settings);

  g_signal_connect_object (vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb), self, 0);
  g_signal_connect_object (settings, "changed::auto-lock-minutes",
                           G_CALLBACK (auto_lock_changed_cb), self, 0);
  g_signal_connect_object (application, "notify::screensaver-active",
                           G_CALLBACK (screensaver_active_cb), self, 0);
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, system_bus_ready_cb, g_object_ref (self));
  toplevels = gtk_window_get_toplevels ();
  g_signal_connect (toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb), self);
  toplevels_changed_cb (toplevels, 0, 0, g_list_model_get_n_items (toplevels), self);
  return self;
}
