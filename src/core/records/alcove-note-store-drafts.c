/* alcove-note-store-drafts.c — autosaves, written on the session's worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-store"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-note-store-private.h"
#include "alcove-vault-private.h"

/* An autosave copies the note's text on the main thread and writes the copy as a job on the
 * session's worker (alcove-worker.h), on the worker's own connection, so typing never waits
 * for the disk. Per note, a copy waits in a slot until a job takes it: a newer copy replaces
 * one still waiting, and only the newest text is written. The jobs run in order and
 * complete, so a lock still writes what was queued before the keys go. A write on the
 * session's connection (an explicit save, signing, deleting) first takes back the copy still
 * waiting and waits for the one being written, so two writes of one note never cross.
 *
 * Threads: a Snapshot's copy is read by the worker only between taking it and returning;
 * everything else about a Snapshot is the main thread's. A Slot's queued and writing fields
 * are shared, under its mutex. */

typedef struct
{
  AlcoveNote *copy;
  AlcoveNote *note;      /* the caller's */
  guint64     revision;  /* the note's when copied */
  gint64      saved_ms;  /* set by the worker once written */
  GPtrArray  *waiters;   /* GTask, answered when this copy (or a newer one) is written */
} Snapshot;

typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           mutex;
  GCond            written;
  Snapshot        *queued;   /* no job took it yet */
  gboolean         writing;
} Slot;

typedef struct
{
  Slot     *slot;
  Snapshot *taken;           /* what the job wrote, or tried to */
  GError   *error;
  gboolean  refused;         /* by a worker that was stopping: answered when queued */
} Job;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_object (&snapshot->copy);
  g_clear_object (&snapshot->note);
  g_clear_pointer (&snapshot->waiters, g_ptr_array_unref);
  g_free (snapshot);
}

static void
copy_texts (GHashTable *from,
            AlcoveNote *to,
            gboolean    parts)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (parts)
      alcove_note_set_part (to, key, value);
    else
      alcove_note_set_section (to, key, value);
}

/* What a job needs to write the draft, and nothing the main thread goes on changing */
static Snapshot *
snapshot_new (AlcoveNote *note)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->note = g_object_ref (note);
  snapshot->revision = alcove_note_get_revision (note);
  snapshot->copy = alcove_note_new (alcove_note_get_id (note), alcove_note_get_store_id (note),
                                    alcove_note_get_client_id (note),
                                    alcove_note_get_session_id (note),
                                    alcove_note_get_author (note),
                                    alcove_note_get_format_id (note),
                                    alcove_note_get_session_date (note));
  copy_texts (alcove_note_get_sections (note), snapshot->copy, FALSE);
  copy_texts (alcove_note_get_parts (note), snapshot->copy, TRUE);
  for (guint i = 0; i < alcove_note_get_objectives (note)->len; i++)
    alcove_note_set_objective (snapshot->copy,
                               g_ptr_array_index (alcove_note_get_objectives (note), i), TRUE);
  snapshot->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  return snapshot;
}

static void
answer_waiters (GPtrArray    *waiters,
                const GError *error)
{
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

/* On the main thread, once a copy was written or failed */
static void
end_snapshot (Snapshot     *snapshot,
              const GError *error)
{
  AlcoveNote *note = snapshot->note;

  if (error == NULL && alcove_note_get_status (note) == ALCOVE_NOTE_DRAFT &&
      snapshot->saved_ms > alcove_note_get_updated_ms (note))
    {
      alcove_note_set_times (note, alcove_note_get_created_ms (note), snapshot->saved_ms);
      if (alcove_note_get_revision (note) == snapshot->revision)
        alcove_note_set_dirty (note, FALSE);
    }
  answer_waiters (snapshot->waiters, error);
  snapshot_free (snapshot);
}

static Slot *
slot_ref (Slot *slot)
{
  g_atomic_ref_count_inc (&slot->ref_count);
  return slot;
}

/* The last reference may go on the worker thread, with nothing queued by then */
static void
slot_unref (Slot *slot)
{
  if (!g_atomic_ref_count_dec (&slot->ref_count))
    return;
  g_clear_pointer (&slot->queued, snapshot_free);
  g_mutex_clear (&slot->mutex);
  g_cond_clear (&slot->written);
  g_free (slot);
}

static Slot *
slot_for (AlcoveNoteStore *self,
          const char      *note_id)
{
  Slot *slot = g_hash_table_lookup (self->drafts, note_id);

  if (slot != NULL)
    return slot;
  slot = g_new0 (Slot, 1);
  g_atomic_ref_count_init (&slot->ref_count);
  g_mutex_init (&slot->mutex);
  g_cond_init (&slot->written);
  g_hash_table_insert (self->drafts, g_strdup (note_id), slot);
  return slot;
}

static void
job_free (Job *job)
{
  g_clear_pointer (&job->slot, slot_unref);
  g_clear_pointer (&job->taken, snapshot_free);
  g_clear_error (&job->error);
  g_free (job);
}

/* ---- on the worker thread ---- */

static void
write_snapshot (AlcoveDatabase  *connection,
                Snapshot        *snapshot,
                GError         **error)
{
  gint64 now = g_get_real_time () / 1000;

  if (!alcove_database_begin (connection, error))
    return;
  if (!alcove_note_store_write_draft_on (connection, snapshot->copy, now, error))
    {
      alcove_database_rollback (connection);
      return;
    }
  if (alcove_database_commit (connection, error))
    snapshot->saved_ms = now;
}

/* Writes the newest copy waiting, if another job or a save on the session's connection
 * did not take it first */
static void
write_job (GTask          *task,
           AlcoveDatabase *connection,
           gpointer        task_data,
           GCancellable   *cancellable)
{
  Job *job = task_data;
  Slot *slot = job->slot;

  g_mutex_lock (&slot->mutex);
  job->taken = g_steal_pointer (&slot->queued);
  slot->writing = job->taken != NULL;
  g_mutex_unlock (&slot->mutex);

  if (job->taken != NULL)
    write_snapshot (connection, job->taken, &job->error);

  g_mutex_lock (&slot->mutex);
  slot->writing = FALSE;
  g_cond_broadcast (&slot->written);
  g_mutex_unlock (&slot->mutex);
  g_task_return_boolean (task, TRUE);
}

/* ---- on the main thread ---- */

static Snapshot *
take_back (Slot *slot)
{
  Snapshot *queued;

  g_mutex_lock (&slot->mutex);
  queued = g_steal_pointer (&slot->queued);
  g_mutex_unlock (&slot->mutex);
  return queued;
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AlcoveNoteStore) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  Snapshot *taken = g_steal_pointer (&job->taken);
  g_autoptr(GError) error = g_steal_pointer (&job->error);
  g_autoptr(AlcoveNote) note = NULL;

  /* cancelled before it ran: the copy it was queued for is still waiting, with no job */
  if (!g_task_propagate_boolean (G_TASK (result), &error) && !job->refused)
    taken = take_back (job->slot);
  if (taken == NULL)
    return;
  note = g_object_ref (taken->note);
  if (error != NULL)
    g_debug ("An autosave failed (error code %d)", error->code);
  end_snapshot (taken, error);
  /* the views of the session update the note's row */
  if (error == NULL)
    alcove_note_store_emit_note_changed (self, note, FALSE);
}

/* A job for the copy now waiting in `slot`. The task's callback frees what the job used on
 * the main thread, so it carries no source object: its last reference may be dropped on the
 * worker thread. */
static void
queue_job (AlcoveNoteStore *self,
           Slot            *slot)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, job_done_cb, g_object_ref (self));
  Job *job = g_new0 (Job, 1);
  Snapshot *refused;

  job->slot = slot_ref (slot);
  g_task_set_source_tag (task, queue_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  alcove_worker_run (alcove_vault_get_worker (self->vault), task,
                     ALCOVE_WORKER_CONNECTION | ALCOVE_WORKER_COMPLETES, write_job);
  /* a worker that is stopping refuses the job at once: answer its copy's waiters now, not
   * when the refusal arrives, by which time a new session may have queued another copy */
  if (!g_task_had_error (task))
    return;
  job->refused = TRUE;
  refused = take_back (slot);
  if (refused != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The vault was locked before this draft could be saved"));
      end_snapshot (refused, error);
    }
}

/**
 * alcove_note_store_save_draft_async:
 *
 * Autosave: copies the note's text now, on the main thread, and writes the copy on the
 * session's worker thread and connection, in one transaction with the session's note
 * status and the search index's queue, like alcove_note_store_save(). While a copy of this
 * note still waits for the worker, a newer one takes its place: both calls finish when the
 * newer text is written. A lock waits for the write. Cancelling stops the wait, never the
 * write: it is the person's work. When the text written is still the note's, the note is no
 * longer dirty. Fails with G_IO_ERROR_CANCELLED when a save on the session's connection took
 * its place (alcove_note_store_save(), signing, deleting the draft) without writing it, or
 * when the vault was locking.
 */
void
alcove_note_store_save_draft_async (AlcoveNoteStore     *self,
                                    AlcoveNote          *note,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot *snapshot;
  Snapshot *older;
  Slot *slot;

  g_return_if_fail (ALCOVE_IS_NOTE_STORE (self));
  g_return_if_fail (ALCOVE_IS_NOTE (note));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_note_store_save_draft_async);
  if (alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED)
    {
      g_task_return_new_error (task, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                               _("A signed note cannot be changed; add an addendum instead"));
      return;
    }
  if (!alcove_note_store_require_author (self, note, &error) ||
      !alcove_note_store_audit_first_edit (self, note, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  snapshot = snapshot_new (note);
  g_ptr_array_add (snapshot->waiters, g_steal_pointer (&task));
  slot = slot_for (self, alcove_note_get_id (note));
  g_mutex_lock (&slot->mutex);
  older = g_steal_pointer (&slot->queued);
  slot->queued = snapshot;
  g_mutex_unlock (&slot->mutex);

  /* the job queued for the older copy takes this one instead */
  if (older != NULL)
    {
      g_ptr_array_extend_and_steal (snapshot->waiters, g_steal_pointer (&older->waiters));
      snapshot_free (older);
      return;
    }
  queue_job (self, slot);
}

gboolean
alcove_note_store_save_draft_finish (AlcoveNoteStore  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Before a write of `note` on the session's connection: takes back the copy still waiting
 * for the worker and waits for the one being written (an autosave's few milliseconds).
 * Returns the waiters of the copy taken back, for alcove_note_store_end_settled(). */
GPtrArray *
alcove_note_store_settle_draft (AlcoveNoteStore *self,
                                AlcoveNote      *note)
{
  Slot *slot = g_hash_table_lookup (self->drafts, alcove_note_get_id (note));
  Snapshot *queued;
  GPtrArray *waiters;

  if (slot == NULL)
    return NULL;
  g_mutex_lock (&slot->mutex);
  queued = g_steal_pointer (&slot->queued);
  while (slot->writing)
    g_cond_wait (&slot->written, &slot->mutex);
  g_mutex_unlock (&slot->mutex);
  if (queued == NULL)
    return NULL;
  waiters = g_steal_pointer (&queued->waiters);
  snapshot_free (queued);
  return waiters;
}

/* Answers those waiting for a copy taken back: done if the write that took its place
 * wrote the note, else cancelled (that write's caller reports why; a deleted draft has
 * nothing left to save) */
void
alcove_note_store_end_settled (GPtrArray *waiters,
                               gboolean   written)
{
  g_autoptr(GError) error = NULL;

  if (waiters == NULL)
    return;
  if (!written)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         _("A later save of this note took the place of this one"));
  answer_waiters (waiters, error);
  g_ptr_array_unref (waiters);
}

/* When the store goes: every job and waiter held a reference to it, so nothing is queued */
void
alcove_note_store_drop_drafts (AlcoveNoteStore *self)
{
  GHashTableIter iter;
  gpointer slot;

  if (self->drafts == NULL)
    return;
  g_hash_table_iter_init (&iter, self->drafts);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    slot_unref (slot);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
}
