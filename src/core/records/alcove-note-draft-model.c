/* alcove-note-draft-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-draft-model"

#include "config.h"

#include "alcove-note-draft-model.h"

/* The note being edited, and its autosave. A view hands it the text of the one section that
 * changed; it counts that section's words again (never the others: a long note stays cheap
 * to type into), and once typing pauses for the delay it writes the note off the main thread
 * (alcove_note_store_save_draft_async()). What needs the answer at once (closing, printing,
 * signing, deleting) goes through it too, so it is ordered after any autosave queued. */
struct _AlcoveNoteDraftModel
{
  GObject          parent_instance;

  AlcoveNoteStore *store;
  AlcoveNote      *note;
  GHashTable      *words;      /* section key or attendee's client id → its words */
  guint            total_words;
  guint            delay_ms;
  guint            save_source;
  guint            n_writes;   /* queued or being written */
  gint64           saved_ms;
  gboolean         finished;   /* signed or deleted here: what is still queued is no news */
};

G_DEFINE_FINAL_TYPE (AlcoveNoteDraftModel, alcove_note_draft_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_NOTE,
  PROP_TOTAL_WORDS,
  PROP_DIRTY,
  PROP_SAVING,
  PROP_SAVED_MS,
  PROP_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  WORDS_COUNTED,
  SAVED,
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- words ---- */

static void
count_words (AlcoveNoteDraftModel *self,
             const char           *key,
             const char           *text)
{
  guint before = GPOINTER_TO_UINT (g_hash_table_lookup (self->words, key));
  guint words = alcove_note_count_words (text);

  g_hash_table_replace (self->words, g_strdup (key), GUINT_TO_POINTER (words));
  g_signal_emit (self, signals[WORDS_COUNTED], 0, key, words);
  if (words == before)
    return;
  self->total_words = self->total_words - before + words;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_WORDS]);
}

static void
count_all (AlcoveNoteDraftModel *self,
           GHashTable           *texts)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    count_words (self, key, value);
}

/* ---- writing ---- */

typedef struct
{
  AlcoveNoteDraftModel *draft;
  GTask           *caller;   /* NULL for an autosave or a flush */
} Write;

static void
write_free (Write *write)
{
  g_clear_object (&write->draft);
  g_clear_object (&write->caller);
  g_free (write);
}

static void
set_n_writes (AlcoveNoteDraftModel *self,
              guint                 n_writes)
{
  gboolean was_saving = self->n_writes > 0;

  self->n_writes = n_writes;
  if (was_saving != (n_writes > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

/* Several writes may end with the same text written: one "saved" for it */
static void
report_saved (AlcoveNoteDraftModel *self)
{
  gint64 updated_ms = alcove_note_get_updated_ms (self->note);

  if (self->finished || updated_ms == self->saved_ms)
    return;
  self->saved_ms = updated_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED_MS]);
  g_signal_emit (self, signals[SAVED], 0, updated_ms);
}

static void
report_failed (AlcoveNoteDraftModel *self,
               const GError         *error)
{
  if (self->finished)
    return;
  g_debug ("A draft was not saved (error code %d)", error->code);
  g_signal_emit (self, signals[SAVE_FAILED], 0, error);
}

static gboolean autosave_cb (gpointer user_data);

static void
schedule (AlcoveNoteDraftModel *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (self->delay_ms, autosave_cb, self);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Write *write = user_data;
  AlcoveNoteDraftModel *self = write->draft;
  g_autoptr(GError) error = NULL;
  gboolean written = alcove_note_store_save_draft_finish (ALCOVE_NOTE_STORE (source), result,
                                                          &error);

  set_n_writes (self, self->n_writes - 1);
  if (written)
    report_saved (self);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    report_failed (self, error);
  /* a save that took this one's place failed and said so itself: the next pause retries */
  else if (!self->finished && alcove_note_draft_model_get_dirty (self) && self->save_source == 0)
    schedule (self);

  if (write->caller != NULL && written)
    g_task_return_boolean (write->caller, TRUE);
  else if (write->caller != NULL)
    g_task_return_error (write->caller, g_steal_pointer (&error));
  write_free (write);
}

static void
start_write (AlcoveNoteDraftModel *self,
             GTask                *caller)
{
  Write *write = g_new0 (Write, 1);

  g_clear_handle_id (&self->save_source, g_source_remove);
  write->draft = g_object_ref (self);
  write->caller = caller ? g_object_ref (caller) : NULL;
  set_n_writes (self, self->n_writes + 1);
  alcove_note_store_save_draft_async (self->store, self->note, NULL, write_done_cb, write);
}

static gboolean
autosave_cb (gpointer user_data)
{
  AlcoveNoteDraftModel *self = user_data;

  self->save_source = 0;
  if (alcove_note_draft_model_get_dirty (self))
    start_write (self, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
can_change (AlcoveNoteDraftModel *self)
{
  return !self->finished && alcove_note_get_status (self->note) == ALCOVE_NOTE_DRAFT;
}

static void
set_text (AlcoveNoteDraftModel *self,
          const char           *key,
          const char           *text,
          gboolean              part)
{
  const char *stored;

  if (!can_change (self))
    return;
  text = text ? text : "";
  stored = part ? alcove_note_get_part (self->note, key)
                : alcove_note_get_section (self->note, key);
  if (g_strcmp0 (stored, text) == 0)
    return;
  if (part)
    alcove_note_set_part (self->note, key, text);
  else
    alcove_note_set_section (self->note, key, text);
  count_words (self, key, text);
  schedule (self);
}

/* ---- API ---- */

AlcoveNoteDraftModel *
alcove_note_draft_model_new (AlcoveNoteStore *store,
                             AlcoveNote      *note)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (store), NULL);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), NULL);

  return g_object_new (ALCOVE_TYPE_NOTE_DRAFT_MODEL, "store", store, "note", note, NULL);
}

AlcoveNote *
alcove_note_draft_model_get_note (AlcoveNoteDraftModel *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), NULL);
  return self->note;
}

AlcoveNoteStore *
alcove_note_draft_model_get_store (AlcoveNoteDraftModel *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), NULL);
  return self->store;
}

void
alcove_note_draft_model_set_section (AlcoveNoteDraftModel *self,
                                     const char           *key,
                                     const char           *text)
{
  g_return_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self));
  g_return_if_fail (key != NULL);
  set_text (self, key, text, FALSE);
}

void
alcove_note_draft_model_set_part (AlcoveNoteDraftModel *self,
                                  const char           *client_id,
                                  const char           *text)
{
  g_return_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self));
  g_return_if_fail (client_id != NULL);
  set_text (self, client_id, text, TRUE);
}

/* Whether the note addresses a treatment plan objective: saved like the text, a pause later */
void
alcove_note_draft_model_set_objective (AlcoveNoteDraftModel *self,
                                       const char           *objective_id,
                                       gboolean              addressed)
{
  g_return_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self));
  g_return_if_fail (objective_id != NULL);

  if (!can_change (self) || alcove_note_has_objective (self->note, objective_id) == addressed)
    return;
  alcove_note_set_objective (self->note, objective_id, addressed);
  schedule (self);
}

guint
alcove_note_draft_model_get_words (AlcoveNoteDraftModel *self,
                                   const char           *key)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->words, key));
}

guint
alcove_note_draft_model_get_total_words (AlcoveNoteDraftModel *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), 0);
  return self->total_words;
}

/* Changed since the last write that finished */
gboolean
alcove_note_draft_model_get_dirty (AlcoveNoteDraftModel *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), FALSE);
  return can_change (self) && alcove_note_get_dirty (self->note);
}

gboolean
alcove_note_draft_model_get_saving (AlcoveNoteDraftModel *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), FALSE);
  return self->n_writes > 0;
}

gint64
alcove_note_draft_model_get_saved_ms (AlcoveNoteDraftModel *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), 0);
  return self->saved_ms;
}

guint
alcove_note_draft_model_get_delay (AlcoveNoteDraftModel *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), 0);
  return self->delay_ms;
}

/* The pause in typing after which the draft writes itself */
void
alcove_note_draft_model_set_delay (AlcoveNoteDraftModel *self,
                                   guint                 delay_ms)
{
  g_return_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self));

  if (self->delay_ms == delay_ms)
    return;
  self->delay_ms = delay_ms;
  if (self->save_source != 0)
    schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

/* Done when the text as it is now is written; at once if nothing changed */
void
alcove_note_draft_model_save_async (AlcoveNoteDraftModel *self,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_note_draft_model_save_async);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!alcove_note_draft_model_get_dirty (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  start_write (self, task);
}

gboolean
alcove_note_draft_model_save_finish (AlcoveNoteDraftModel  *self,
                                     GAsyncResult          *result,
                                     GError               **error)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
alcove_note_draft_model_flush (AlcoveNoteDraftModel *self)
{
  g_return_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (alcove_note_draft_model_get_dirty (self))
    start_write (self, NULL);
}

gboolean
alcove_note_draft_model_save (AlcoveNoteDraftModel  *self,
                              GError               **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!alcove_note_draft_model_get_dirty (self))
    return TRUE;
  if (!alcove_note_store_save (self->store, self->note, &local_error))
    {
      report_failed (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  report_saved (self);
  return TRUE;
}

/* Writes the last words typed and signs; the draft has nothing more to save after that */
gboolean
alcove_note_draft_model_sign (AlcoveNoteDraftModel  *self,
                              GError               **error)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!alcove_note_store_sign (self->store, self->note, error))
    {
      if (alcove_note_draft_model_get_dirty (self))
        schedule (self);
      return FALSE;
    }
  self->finished = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
  return TRUE;
}

/* Copies forward the last note's plan into the draft and writes it, after any write queued;
 * the words of what was copied are counted */
gboolean
alcove_note_draft_model_load_last_note (AlcoveNoteDraftModel  *self,
                                        GError               **error)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!alcove_note_store_load_last_note (self->store, self->note, error))
    {
      if (alcove_note_draft_model_get_dirty (self))
        schedule (self);
      return FALSE;
    }
  count_all (self, alcove_note_get_sections (self->note));
  report_saved (self);
  return TRUE;
}

gboolean
alcove_note_draft_model_delete (AlcoveNoteDraftModel  *self,
                                GError               **error)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_DRAFT_MODEL (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!alcove_note_store_delete_draft (self->store, self->note, error))
    {
      if (alcove_note_draft_model_get_dirty (self))
        schedule (self);
      return FALSE;
    }
  self->finished = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
  return TRUE;
}

/* ---- GObject ---- */

static void
note_dirty_cb (AlcoveNoteDraftModel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
alcove_note_draft_model_constructed (GObject *object)
{
  AlcoveNoteDraftModel *self = ALCOVE_NOTE_DRAFT_MODEL (object);

  G_OBJECT_CLASS (alcove_note_draft_model_parent_class)->constructed (object);

  g_assert (self->store != NULL && self->note != NULL);
  count_all (self, alcove_note_get_sections (self->note));
  count_all (self, alcove_note_get_parts (self->note));
  self->saved_ms = alcove_note_get_updated_ms (self->note);
  g_signal_connect_object (self->note, "notify::dirty", G_CALLBACK (note_dirty_cb), self,
                           G_CONNECT_SWAPPED);
}

/* A write in flight holds its own reference, so nothing is dropped by going away */
static void
alcove_note_draft_model_dispose (GObject *object)
{
  AlcoveNoteDraftModel *self = ALCOVE_NOTE_DRAFT_MODEL (object);

  g_clear_handle_id (&self->save_source, g_source_remove);

  G_OBJECT_CLASS (alcove_note_draft_model_parent_class)->dispose (object);
}

static void
alcove_note_draft_model_finalize (GObject *object)
{
  AlcoveNoteDraftModel *self = ALCOVE_NOTE_DRAFT_MODEL (object);

  g_clear_pointer (&self->words, g_hash_table_unref);
  g_clear_object (&self->note);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (alcove_note_draft_model_parent_class)->finalize (object);
}

static void
alcove_note_draft_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AlcoveNoteDraftModel *self = ALCOVE_NOTE_DRAFT_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NOTE:
      g_value_set_object (value, self->note);
      break;
    case PROP_TOTAL_WORDS:
      g_value_set_uint (value, self->total_words);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, alcove_note_draft_model_get_dirty (self));
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, alcove_note_draft_model_get_saving (self));
      break;
    case PROP_SAVED_MS:
      g_value_set_int64 (value, self->saved_ms);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_note_draft_model_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  AlcoveNoteDraftModel *self = ALCOVE_NOTE_DRAFT_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_NOTE:
      self->note = g_value_dup_object (value);
      break;
    case PROP_DELAY:
      alcove_note_draft_model_set_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_note_draft_model_class_init (AlcoveNoteDraftModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alcove_note_draft_model_constructed;
  object_class->dispose = alcove_note_draft_model_dispose;
  object_class->finalize = alcove_note_draft_model_finalize;
  object_class->get_property = alcove_note_draft_model_get_property;
  object_class->set_property = alcove_note_draft_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ALCOVE_TYPE_NOTE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL, ALCOVE_TYPE_NOTE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL_WORDS] =
    g_param_spec_uint ("total-words", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVED_MS] =
    g_param_spec_int64 ("saved-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, G_MAXUINT, ALCOVE_NOTE_DRAFT_MODEL_DEFAULT_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A section's (or part's) words were counted again, because its text changed; only
   * that one is */
  signals[WORDS_COUNTED] = g_signal_new ("words-counted", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                         2, G_TYPE_STRING, G_TYPE_UINT);
  /* The text was written; with the note's updated time, in Unix milliseconds */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A write failed; the text stays in the note and the draft stays dirty */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                       1, G_TYPE_ERROR);
}

static void
alcove_note_draft_model_init (AlcoveNoteDraftModel *self)
{
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->delay_ms = ALCOVE_NOTE_DRAFT_MODEL_DEFAULT_DELAY_MS;
}
