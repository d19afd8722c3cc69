/* alcove-backup-scheduler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-backup-scheduler"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "alcove-backup.h"
#include "alcove-backup-async.h"
#include "alcove-backup-schedule.h"
#include "alcove-backup-scheduler.h"
#include "alcove-checklist.h"

/* The backups of this computer: one at a time, asked for by a person (Back Up Now) or due
 * by the schedule while the vault is unlocked. It only wires timers and the core's _async
 * calls; when one is due is alcove_backup_schedule_delay_ms. Pages bind to its properties
 * and show "finished" as a toast. */
struct _AlcoveBackupScheduler
{
  GObject        parent_instance;

  AlcoveVault   *vault;
  GSettings     *settings;
  GCancellable  *cancellable;   /* the backup under way */
  guint          timer;
  gboolean       automatic;     /* the one under way was the schedule's */
  char          *folder;        /* the automatic backups' folder it goes to, to prune after */
  double         fraction;
  gint64         last_ms;
  char          *problem;
};

G_DEFINE_FINAL_TYPE (AlcoveBackupScheduler, alcove_backup_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_FRACTION,
  PROP_LAST_BACKUP_MS,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MS_PER_MINUTE 60000

static void
set_problem (AlcoveBackupScheduler *self,
             const char            *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
set_fraction (AlcoveBackupScheduler *self,
              double                 fraction)
{
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
refresh_last (AlcoveBackupScheduler *self)
{
  gint64 last_ms = alcove_vault_get_locked (self->vault)
                   ? 0 : alcove_backup_last_verified_ms (self->vault);

  if (last_ms == self->last_ms)
    return;
  self->last_ms = last_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_BACKUP_MS]);
}

/* ---- progress, from the worker thread ---- */

typedef struct
{
  AlcoveBackupScheduler *self;
  double                 fraction;
} Progress;

static gboolean
progress_idle_cb (gpointer user_data)
{
  Progress *progress = user_data;

  if (progress->self->cancellable != NULL)
    set_fraction (progress->self, progress->fraction);
  g_object_unref (progress->self);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (user_data);
  progress->fraction = total > 0 ? (double) done / (double) total : 0;
  g_idle_add (progress_idle_cb, progress);
}

/* ---- one backup ---- */

static void
end_backup (AlcoveBackupScheduler *self)
{
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->folder, g_free);
  set_fraction (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
pruned_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AlcoveBackupScheduler) self = user_data;
  g_autoptr(GError) error = NULL;

  if (alcove_backup_prune_finish (result, &error) < 0)
    g_warning ("Old backups could not be removed: %s", error->message);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AlcoveBackupScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveBackupInfo) info = alcove_backup_create_finish (ALCOVE_VAULT (source), result,
                                                                  &error);
  g_autofree char *folder = g_steal_pointer (&self->folder);
  gboolean automatic = self->automatic;

  end_backup (self);
  refresh_last (self);
  if (info != NULL && folder != NULL)
    alcove_backup_prune_async (self->vault, folder,
                               g_settings_get_uint (self->settings, "backup-keep-daily"),
                               g_settings_get_uint (self->settings, "backup-keep-monthly"),
                               NULL, pruned_cb, g_object_ref (self));
  /* an automatic one that failed says so where backups are shown, not in a popup */
  if (info == NULL && automatic && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_problem (self, error->message);
  else if (info != NULL && automatic)
    set_problem (self, NULL);
  g_signal_emit (self, signals[FINISHED], 0, info ? info->path : NULL, error, automatic);
  alcove_backup_scheduler_check (self);
}

char *
alcove_backup_scheduler_suggest_name (AlcoveBackupScheduler *self)
{
  g_return_val_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (self), NULL);

  return alcove_backup_file_name (self->vault, g_get_real_time () / 1000);
}

/* `target` a folder: a new file named there */
static char *
backup_path_for (AlcoveBackupScheduler *self,
                 const char            *target)
{
  g_autofree char *name = NULL;

  if (!g_file_test (target, G_FILE_TEST_IS_DIR))
    return g_strdup (target);
  name = alcove_backup_scheduler_suggest_name (self);
  return g_build_filename (target, name, NULL);
}

/* A backup written into the automatic backups' folder, by hand or not, is kept by its rule */
static gboolean
is_backup_folder (AlcoveBackupScheduler *self,
                  const char            *path)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GFile) a = g_file_new_for_path (folder);
  g_autoptr(GFile) b = g_file_new_for_path (parent);

  return *folder != '\0' && g_file_equal (a, b);
}

static gboolean
start_backup (AlcoveBackupScheduler *self,
              const char            *target,
              gboolean               automatic,
              GError               **error)
{
  g_autofree char *path = NULL;

  if (alcove_vault_get_locked (self->vault))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The vault is locked: unlock it to back it up"));
      return FALSE;
    }
  if (self->cancellable != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("A backup is already being made"));
      return FALSE;
    }
  path = backup_path_for (self, target);
  self->automatic = automatic;
  self->folder = is_backup_folder (self, path) ? g_path_get_dirname (path) : NULL;
  self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  alcove_backup_create_async (self->vault, path, progress_cb, self, self->cancellable,
                              created_cb, g_object_ref (self));
  return TRUE;
}

gboolean
alcove_backup_scheduler_back_up (AlcoveBackupScheduler *self,
                                 const char            *target,
                                 GError               **error)
{
  g_return_val_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  return start_backup (self, target, FALSE, error);
}

void
alcove_backup_scheduler_cancel (AlcoveBackupScheduler *self)
{
  g_return_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* ---- the schedule ---- */

static gboolean
timer_cb (gpointer user_data)
{
  AlcoveBackupScheduler *self = user_data;

  self->timer = 0;
  alcove_backup_scheduler_check (self);
  return G_SOURCE_REMOVE;
}

static void
wait_for (AlcoveBackupScheduler *self,
          gint64                 delay_ms)
{
  g_clear_handle_id (&self->timer, g_source_remove);
  /* a day at most: a suspended computer's clock moves on meanwhile */
  self->timer = g_timeout_add_seconds ((guint) (MIN (delay_ms, 24 * 60 * MS_PER_MINUTE) / 1000) + 1,
                                       timer_cb, self);
}

void
alcove_backup_scheduler_check (AlcoveBackupScheduler *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *missing = NULL;
  gint64 delay_ms;

  g_return_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (self));

  g_clear_handle_id (&self->timer, g_source_remove);
  folder = g_settings_get_string (self->settings, "backup-folder");
  if (alcove_vault_get_locked (self->vault) || !g_settings_get_boolean (self->settings,
                                                                        "backup-automatic") ||
      *folder == '\0')
    {
      set_problem (self, NULL);
      return;
    }
  if (self->cancellable != NULL)
    return;  /* it checks again when that one ends */
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      /* Translators: %s is a folder, e.g. "/media/dana/USB STICK/Alcove" */
      missing = g_strdup_printf (_("The backup folder %s is not available. Plug in the disk "
                                   "that holds it; Alcove tries again every few minutes."),
                                 folder);
      set_problem (self, missing);
      wait_for (self, ALCOVE_BACKUP_RETRY_MINUTES * MS_PER_MINUTE);
      return;
    }
  if (self->problem != NULL && strstr (self->problem, folder) != NULL)
    set_problem (self, NULL);
  delay_ms = alcove_backup_schedule_delay_ms (self->last_ms,
                                              g_settings_get_uint (self->settings,
                                                                   "backup-interval-hours"),
                                              g_get_real_time () / 1000);
  if (delay_ms > 0)
    {
      wait_for (self, delay_ms);
      return;
    }
  if (!start_backup (self, folder, TRUE, NULL))
    wait_for (self, ALCOVE_BACKUP_RETRY_MINUTES * MS_PER_MINUTE);
}

/* ---- reading ---- */

gboolean
alcove_backup_scheduler_get_busy (AlcoveBackupScheduler *self)
{
  g_return_val_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (self), FALSE);
  return self->cancellable != NULL;
}

double
alcove_backup_scheduler_get_fraction (AlcoveBackupScheduler *self)
{
  g_return_val_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (self), 0);
  return self->fraction;
}

gint64
alcove_backup_scheduler_get_last_backup_ms (AlcoveBackupScheduler *self)
{
  g_return_val_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (self), 0);
  return self->last_ms;
}

const char *
alcove_backup_scheduler_get_problem (AlcoveBackupScheduler *self)
{
  g_return_val_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (self), NULL);
  return self->problem;
}

char *
alcove_backup_scheduler_describe_last (AlcoveBackupScheduler *self,
                                       gboolean              *stale)
{
  guint days = alcove_checklist_get_definition (ALCOVE_CHECKLIST_BACKUPS)->interval_days;
  gint64 now_ms = g_get_real_time () / 1000;

  g_return_val_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (self), NULL);

  if (stale != NULL)
    *stale = self->last_ms <= 0 || now_ms - self->last_ms > (gint64) days * 24 * 60 * MS_PER_MINUTE;
  if (self->last_ms <= 0)
    return g_strdup (_("Never backed up"));
  return alcove_date_format_time (self->last_ms);
}

/* ---- object ---- */

static void
vault_locked_changed_cb (AlcoveBackupScheduler *self)
{
  refresh_last (self);
  if (alcove_vault_get_locked (self->vault))
    {
      alcove_backup_scheduler_cancel (self);
      g_clear_handle_id (&self->timer, g_source_remove);
      return;
    }
  alcove_backup_scheduler_check (self);
}

static void
vault_changed_cb (AlcoveBackupScheduler *self)
{
  refresh_last (self);
}

static void
alcove_backup_scheduler_dispose (GObject *object)
{
  AlcoveBackupScheduler *self = ALCOVE_BACKUP_SCHEDULER (object);

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (alcove_backup_scheduler_parent_class)->dispose (object);
}

static void
alcove_backup_scheduler_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AlcoveBackupScheduler *self = ALCOVE_BACKUP_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_LAST_BACKUP_MS:
      g_value_set_int64 (value, self->last_ms);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_backup_scheduler_class_init (AlcoveBackupSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alcove_backup_scheduler_dispose;
  object_class->get_property = alcove_backup_scheduler_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_BACKUP_MS] =
    g_param_spec_int64 ("last-backup-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (path or NULL, GError* or NULL, automatic) */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_POINTER, G_TYPE_BOOLEAN);
}

static void
alcove_backup_scheduler_init (AlcoveBackupScheduler *self)
{
}

AlcoveBackupScheduler *
alcove_backup_scheduler_new (AlcoveVault *vault,
                             GSettings   *settings)
{
  AlcoveBackupScheduler *self;
  const char *keys[] = { "changed::backup-folder", "changed::backup-automatic",
                         "changed::backup-interval-hours" };

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ALCOVE_TYPE_BACKUP_SCHEDULER, NULL);
  self->vault = g_object_ref (vault);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (vault, "changed::backup", G_CALLBACK (vault_changed_cb), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_signal_connect_object (settings, keys[i], G_CALLBACK (alcove_backup_scheduler_check), self,
                             G_CONNECT_SWAPPED);
  refresh_last (self);
  return self;
}
