/* alcove-worker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-database.h"

G_BEGIN_DECLS

/* The one thread that does a signed-in session's slow work (search, verification, export,
 * autosave): jobs run one at a time, in the order given, on a connection to the vault that
 * only this thread ever uses. Jobs return through their GTask, so callbacks run on the
 * caller's main context. A worker made without a way to connect runs jobs that touch no
 * database (the keys of a locked vault, alcove-vault-async.c). */
#define ALCOVE_TYPE_WORKER (alcove_worker_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveWorker, alcove_worker, ALCOVE, WORKER, GObject)

/* Runs on the worker thread. `connection` is the worker's own; NULL for a job without
 * ALCOVE_WORKER_CONNECTION. The job must return through `task`. `cancellable` is cancelled
 * by the task's own cancellable and when the session ends. */
typedef void (*AlcoveWorkerJob) (GTask          *task,
                                 AlcoveDatabase *connection,
                                 gpointer        task_data,
                                 GCancellable   *cancellable);

/* Opens the worker's connection, on the worker thread, the first time a job needs one */
typedef AlcoveDatabase *(*AlcoveWorkerConnect) (gpointer   user_data,
                                                GError   **error);

typedef enum
{
  ALCOVE_WORKER_NONE       = 0,
  ALCOVE_WORKER_CONNECTION = 1 << 0,  /* the job reads or writes the vault */
  ALCOVE_WORKER_COMPLETES  = 1 << 1,  /* a write of the person's work: a stop waits for it
                                       * instead of cancelling it */
} AlcoveWorkerFlags;

AlcoveWorker *alcove_worker_new       (AlcoveWorkerConnect  connect,
                                       gpointer             connect_data);
void          alcove_worker_run       (AlcoveWorker        *self,
                                       GTask               *task,
                                       AlcoveWorkerFlags    flags,
                                       AlcoveWorkerJob      job);
gboolean      alcove_worker_is_current_thread (AlcoveWorker *self);
void          alcove_worker_stop      (AlcoveWorker        *self);

G_END_DECLS
