/* alcove-worker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-worker"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-worker.h"

struct _AlcoveWorker
{
  GObject              parent_instance;

  GThreadPool         *pool;          /* one exclusive thread: jobs never overlap */
  GMutex               lock;
  GPtrArray           *pending;       /* Item, queued or running */
  gboolean             stopping;
  GThread             *thread;        /* set by the first item */

  AlcoveWorkerConnect  connect;
  gpointer             connect_data;
  AlcoveDatabase      *connection;    /* only ever touched on the worker thread */
};

G_DEFINE_FINAL_TYPE (AlcoveWorker, alcove_worker, G_TYPE_OBJECT)

typedef struct
{
  GTask           *task;              /* NULL: the item that closes the connection */
  AlcoveWorkerJob  job;
  AlcoveWorkerFlags flags;
  GCancellable    *cancellable;
  GCancellable    *task_cancellable;
  gulong           forward_id;
} Item;

static void
forward_cancel_cb (GCancellable *task_cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static Item *
item_new (GTask             *task,
          AlcoveWorkerJob    job,
          AlcoveWorkerFlags  flags)
{
  Item *item = g_new0 (Item, 1);
  GCancellable *task_cancellable = task ? g_task_get_cancellable (task) : NULL;

  item->task = task ? g_object_ref (task) : NULL;
  item->job = job;
  item->flags = flags;
  item->cancellable = g_cancellable_new ();
  if (task_cancellable != NULL)
    {
      item->task_cancellable = g_object_ref (task_cancellable);
      item->forward_id = g_cancellable_connect (task_cancellable, G_CALLBACK (forward_cancel_cb),
                                                g_object_ref (item->cancellable), g_object_unref);
    }
  return item;
}

static gboolean
release_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

/* The worker's may be the last reference to a task once its callback ran: it is dropped on
 * the task's own context, so that the task's data, its source object (a vault, whose
 * disposal stops this very thread) and what they hold are freed where they were made */
static void
release_task (GTask *task)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, release_cb, task, g_object_unref);
  g_source_set_static_name (source, "[alcove-worker] release task");
  g_source_attach (source, g_task_get_context (task));
}

static void
item_free (Item *item)
{
  if (item->task_cancellable != NULL)
    g_cancellable_disconnect (item->task_cancellable, item->forward_id);
  g_clear_object (&item->task_cancellable);
  g_clear_object (&item->cancellable);
  if (item->task != NULL)
    release_task (g_steal_pointer (&item->task));
  g_free (item);
}

static void
close_connection (AlcoveWorker *self)
{
  if (self->connection == NULL)
    return;
  alcove_database_close (self->connection);
  g_clear_object (&self->connection);
}

static gboolean
ensure_connection (AlcoveWorker  *self,
                   GError       **error)
{
  g_assert (self->connect != NULL);

  if (self->connection == NULL)
    self->connection = self->connect (self->connect_data, error);
  return self->connection != NULL;
}

static void
run_item (gpointer data,
          gpointer user_data)
{
  AlcoveWorker *self = user_data;
  Item *item = data;
  GError *error = NULL;

  g_mutex_lock (&self->lock);
  self->thread = g_thread_self ();
  g_mutex_unlock (&self->lock);

  if (item->task == NULL)
    close_connection (self);
  else if (g_cancellable_set_error_if_cancelled (item->cancellable, &error))
    g_task_return_error (item->task, error);
  else if ((item->flags & ALCOVE_WORKER_CONNECTION) && !ensure_connection (self, &error))
    g_task_return_error (item->task, error);
  else
    item->job (item->task, (item->flags & ALCOVE_WORKER_CONNECTION) ? self->connection : NULL,
               g_task_get_task_data (item->task), item->cancellable);

  g_mutex_lock (&self->lock);
  g_ptr_array_remove_fast (self->pending, item);
  g_mutex_unlock (&self->lock);
  item_free (item);
}

static void
alcove_worker_finalize (GObject *object)
{
  AlcoveWorker *self = ALCOVE_WORKER (object);

  alcove_worker_stop (self);
  g_ptr_array_unref (self->pending);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (alcove_worker_parent_class)->finalize (object);
}

static void
alcove_worker_class_init (AlcoveWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_worker_finalize;
}

static void
alcove_worker_init (AlcoveWorker *self)
{
  g_mutex_init (&self->lock);
  self->pending = g_ptr_array_new ();
}

/* `connect` is called on the worker thread; what it reads must not change until
 * alcove_worker_stop() has returned. NULL: a worker for jobs that touch no database
 * (ALCOVE_WORKER_NONE only), such as deriving keys while the vault is locked. */
AlcoveWorker *
alcove_worker_new (AlcoveWorkerConnect connect,
                   gpointer            connect_data)
{
  AlcoveWorker *self = g_object_new (ALCOVE_TYPE_WORKER, NULL);
  g_autoptr(GError) error = NULL;

  self->connect = connect;
  self->connect_data = connect_data;
  self->pool = g_thread_pool_new (run_item, self, 1, TRUE, &error);
  if (self->pool == NULL)
    g_error ("The worker thread could not start: %s", error->message);
  return self;
}

/* Queues `job`; once the worker has stopped, the task returns G_IO_ERROR_CANCELLED */
void
alcove_worker_run (AlcoveWorker      *self,
                   GTask             *task,
                   AlcoveWorkerFlags  flags,
                   AlcoveWorkerJob    job)
{
  Item *item;

  g_return_if_fail (ALCOVE_IS_WORKER (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (job != NULL);
  g_return_if_fail (self->connect != NULL || !(flags & ALCOVE_WORKER_CONNECTION));

  g_mutex_lock (&self->lock);
  if (self->stopping)
    {
      g_mutex_unlock (&self->lock);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The vault was locked before this could finish"));
      return;
    }
  item = item_new (task, job, flags);
  g_ptr_array_add (self->pending, item);
  g_mutex_unlock (&self->lock);
  g_thread_pool_push (self->pool, item, NULL);
}

gboolean
alcove_worker_is_current_thread (AlcoveWorker *self)
{
  gboolean current;

  g_return_val_if_fail (ALCOVE_IS_WORKER (self), FALSE);

  g_mutex_lock (&self->lock);
  current = self->thread == g_thread_self ();
  g_mutex_unlock (&self->lock);
  return current;
}

/* Cancels what is queued but writes, waits for those and the running job, closes the connection on the worker
 * thread and ends it: an autosave in flight is written before the keys go. */
void
alcove_worker_stop (AlcoveWorker *self)
{
  g_return_if_fail (ALCOVE_IS_WORKER (self));

  g_mutex_lock (&self->lock);
  if (self->pool == NULL)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  self->stopping = TRUE;
  for (guint i = 0; i < self->pending->len; i++)
    {
      Item *item = g_ptr_array_index (self->pending, i);

      if (!(item->flags & ALCOVE_WORKER_COMPLETES))
        g_cancellable_cancel (item->cancellable);
    }
  g_mutex_unlock (&self->lock);

  g_thread_pool_push (self->pool, item_new (NULL, NULL, ALCOVE_WORKER_NONE), NULL);
  g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
}
