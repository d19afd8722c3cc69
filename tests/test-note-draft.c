/* test-note-draft.c — the note being edited: word counts per section, and autosaves written
 * on the session's worker thread, coalesced, ordered, refused once the note was signed and
 * kept across a lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-note-draft"

#include "config.h"

#include "alcove-client-store.h"
#include "alcove-note-draft-model.h"
#include "alcove-note-format.h"
#include "alcove-note-store.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

typedef struct
{
  char                 *dir;
  AlcoveVault          *vault;
  AlcoveClientStore    *clients;
  AlcoveNoteStore      *notes;
  char                 *client_id;
  AlcoveNote           *note;
  AlcoveNoteDraftModel *draft;
  GPtrArray            *counted;   /* keys, in the order "words-counted" named them */
  guint                 n_saved;
  guint                 n_failed;
} Fixture;

static void
open_stores (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->clients = alcove_client_store_new (f->vault, &error);
  g_assert_no_error (error);
  f->notes = alcove_note_store_new (f->clients);
}

static void
close_stores (Fixture *f)
{
  g_clear_object (&f->draft);
  g_clear_object (&f->note);
  g_clear_object (&f->notes);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
}

static void
words_counted_cb (AlcoveNoteDraftModel *draft,
                  const char           *key,
                  guint                 words,
                  Fixture              *f)
{
  g_ptr_array_add (f->counted, g_strdup (key));
}

static void
saved_cb (AlcoveNoteDraftModel *draft,
          gint64                saved_ms,
          Fixture              *f)
{
  g_assert_cmpint (saved_ms, >, 0);
  f->n_saved++;
}

static void
save_failed_cb (AlcoveNoteDraftModel *draft,
                const GError         *error,
                Fixture              *f)
{
  g_assert_nonnull (error);
  f->n_failed++;
}

static void
watch_draft (Fixture *f)
{
  g_signal_connect (f->draft, "words-counted", G_CALLBACK (words_counted_cb), f);
  g_signal_connect (f->draft, "saved", G_CALLBACK (saved_cb), f);
  g_signal_connect (f->draft, "save-failed", G_CALLBACK (save_failed_cb), f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  f->vault = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  open_stores (f);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Jordan Avery");
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);
  f->client_id = g_strdup (alcove_client_get_id (client));
  f->note = alcove_note_store_create (f->notes, f->client_id, NULL, "soap", "2024-05-02", &error);
  g_assert_no_error (error);
  f->draft = alcove_note_draft_model_new (f->notes, f->note);
  f->counted = g_ptr_array_new_with_free_func (g_free);
  watch_draft (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_stores (f);
  g_clear_pointer (&f->counted, g_ptr_array_unref);
  g_free (f->client_id);
  g_free (f->dir);
}

/* ---- helpers ---- */

static void
wait_for (gboolean *done)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!*done && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_true (*done);
}

static void
run_main_loop_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

typedef struct
{
  gboolean  done;
  gboolean  saved;
  GError   *error;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_error (&outcome->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->saved = alcove_note_draft_model_save_finish (ALCOVE_NOTE_DRAFT_MODEL (source), result,
                                                        &outcome->error);
  outcome->done = TRUE;
}

static void
save_and_wait (Fixture *f,
               Outcome *outcome)
{
  alcove_note_draft_model_save_async (f->draft, NULL, save_done_cb, outcome);
  wait_for (&outcome->done);
}

/* The note as the files hold it, read through a store of a new session's own */
static AlcoveNote *
read_back (Fixture    *f,
           const char *note_id)
{
  g_autoptr(GError) error = NULL;
  AlcoveNote *note = alcove_note_store_open (f->notes, note_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (note);
  return note;
}

static void
relock (Fixture *f)
{
  close_stores (f);
  f->vault = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  open_stores (f);
}

static sqlite3 *
handle_of (Fixture *f)
{
  return alcove_database_get_handle (alcove_vault_get_database (f->vault));
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (f), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle_of (f), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Holds the worker until released, so that what is queued behind it stays queued */
typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean released;
  guint    sleep_ms;   /* instead of waiting to be released */
} Blocker;

static void
block_job (GTask          *task,
           AlcoveDatabase *connection,
           gpointer        task_data,
           GCancellable   *cancellable)
{
  Blocker *blocker = task_data;

  if (blocker->sleep_ms > 0)
    g_usleep (blocker->sleep_ms * 1000);
  g_mutex_lock (&blocker->mutex);
  while (!blocker->released)
    g_cond_wait (&blocker->cond, &blocker->mutex);
  g_mutex_unlock (&blocker->mutex);
  g_task_return_boolean (task, TRUE);
}

static void
block_worker (Fixture *f,
              Blocker *blocker)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_mutex_init (&blocker->mutex);
  g_cond_init (&blocker->cond);
  blocker->released = blocker->sleep_ms > 0;
  g_task_set_task_data (task, blocker, NULL);
  alcove_worker_run (alcove_vault_get_worker (f->vault), task, ALCOVE_WORKER_NONE, block_job);
}

static void
release_worker (Blocker *blocker)
{
  g_mutex_lock (&blocker->mutex);
  blocker->released = TRUE;
  g_cond_signal (&blocker->cond);
  g_mutex_unlock (&blocker->mutex);
}

static void
fill_sections (Fixture *f)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup ("soap");

  for (guint i = 0; i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);

      alcove_note_draft_model_set_section (f->draft, section->key, "Seen for review");
    }
}

/* ---- tests ---- */

/* Typing into one section counts that section's words again, and no other's */
static void
test_words_per_section (Fixture       *f,
                        gconstpointer  data)
{
  alcove_note_draft_model_set_section (f->draft, "plan", "Continue weekly sessions");
  g_assert_cmpuint (f->counted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->counted, 0), ==, "plan");
  g_assert_cmpuint (alcove_note_draft_model_get_words (f->draft, "plan"), ==, 3);
  g_assert_cmpuint (alcove_note_draft_model_get_total_words (f->draft), ==, 3);

  /* one keystroke in another section */
  alcove_note_draft_model_set_section (f->draft, "subjective", "Sleeping better");
  alcove_note_draft_model_set_section (f->draft, "subjective", "Sleeping better,");
  alcove_note_draft_model_set_section (f->draft, "subjective", "Sleeping better, w");
  g_assert_cmpuint (f->counted->len, ==, 4);
  for (guint i = 1; i < f->counted->len; i++)
    g_assert_cmpstr (g_ptr_array_index (f->counted, i), ==, "subjective");
  g_assert_cmpuint (alcove_note_draft_model_get_words (f->draft, "subjective"), ==, 3);
  g_assert_cmpuint (alcove_note_draft_model_get_words (f->draft, "plan"), ==, 3);
  g_assert_cmpuint (alcove_note_draft_model_get_total_words (f->draft), ==, 6);

  /* the same text again is no change: nothing is counted */
  alcove_note_draft_model_set_section (f->draft, "subjective", "Sleeping better, w");
  g_assert_cmpuint (f->counted->len, ==, 4);

  /* the note carries the text; the draft is dirty until written */
  g_assert_cmpstr (alcove_note_get_section (f->note, "plan"), ==, "Continue weekly sessions");
  g_assert_true (alcove_note_draft_model_get_dirty (f->draft));
}

/* A draft made for a note with text counts each section once, then only what changes */
static void
test_words_counted_once (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AlcoveNoteDraftModel) again = NULL;

  fill_sections (f);
  again = alcove_note_draft_model_new (f->notes, f->note);
  g_assert_cmpuint (alcove_note_draft_model_get_total_words (again), ==, 4 * 3);
  g_signal_connect (again, "words-counted", G_CALLBACK (words_counted_cb), f);
  g_ptr_array_set_size (f->counted, 0);
  alcove_note_draft_model_set_section (again, "objective", "Calm");
  g_assert_cmpuint (f->counted->len, ==, 1);
  g_assert_cmpuint (alcove_note_draft_model_get_total_words (again), ==, 3 * 3 + 1);
}

/* An autosave writes the text on the worker: read back through the store, with the search
 * index's queue and the session's status in the same transaction, audited once */
static void
test_save_writes (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Outcome) first = { 0 };
  g_auto(Outcome) second = { 0 };
  g_autoptr(AlcoveNote) stored = NULL;
  g_autofree char *id = g_strdup (alcove_note_get_id (f->note));
  g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (f->note));
  g_autofree char *pending = NULL;

  /* a later session: the store has not audited an edit of this note yet */
  g_clear_object (&f->draft);
  relock (f);
  g_clear_object (&f->note);
  f->note = read_back (f, id);
  f->draft = alcove_note_draft_model_new (f->notes, f->note);
  watch_draft (f);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "note.edit", id), ==, 0);

  alcove_note_draft_model_set_section (f->draft, "subjective", "Reports sleeping better");
  g_assert_true (alcove_note_draft_model_get_dirty (f->draft));
  alcove_note_draft_model_save_async (f->draft, NULL, save_done_cb, &first);
  g_assert_true (alcove_note_draft_model_get_saving (f->draft));
  wait_for (&first.done);
  g_assert_no_error (first.error);
  g_assert_true (first.saved);
  g_assert_false (alcove_note_draft_model_get_saving (f->draft));
  g_assert_false (alcove_note_draft_model_get_dirty (f->draft));
  g_assert_false (alcove_note_get_dirty (f->note));
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_cmpint (alcove_note_draft_model_get_saved_ms (f->draft), ==,
                   alcove_note_get_updated_ms (f->note));

  alcove_note_draft_model_set_section (f->draft, "plan", "Sleep diary");
  save_and_wait (f, &second);
  g_assert_no_error (second.error);
  g_assert_cmpuint (f->n_saved, ==, 2);

  stored = read_back (f, id);
  g_assert_cmpstr (alcove_note_get_section (stored, "subjective"), ==, "Reports sleeping better");
  g_assert_cmpstr (alcove_note_get_section (stored, "plan"), ==, "Sleep diary");
  pending = g_strdup_printf ("SELECT count(*) FROM %s.search_pending WHERE note_id = '%s'",
                             schema, id);
  g_assert_cmpint (count_rows (f, pending), ==, 1);
  /* one row for the edit, written on the session's connection; none per save */
  g_assert_cmpint (alcove_test_count_audit (f->vault, "note.edit", id), ==, 1);
  g_assert_cmpint (f->n_failed, ==, 0);
}

static void
count_saves_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->saved = alcove_note_store_save_draft_finish (ALCOVE_NOTE_STORE (source), result,
                                                        &outcome->error);
  outcome->done = TRUE;
}

/* Saves queued behind other work: only the newest text is written, once, and every caller
 * hears that it was */
static void
test_coalesce (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (f->note));
  g_autofree char *sql = NULL;
  const char *texts[] = { "First words", "First words, then more", "First words, then more." };
  Outcome outcomes[G_N_ELEMENTS (texts)] = { { 0 } };
  Blocker blocker = { 0 };
  g_autoptr(AlcoveNote) stored = NULL;

  /* every write of a note's sections, as the files see it */
  sql = g_strdup_printf ("CREATE TABLE %1$s.test_writes (sections TEXT);"
                         "CREATE TRIGGER %1$s.test_count AFTER UPDATE OF sections ON notes"
                         " BEGIN INSERT INTO test_writes VALUES (NEW.sections); END;", schema);
  exec_sql (f, sql);

  block_worker (f, &blocker);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      alcove_note_set_section (f->note, "plan", texts[i]);
      alcove_note_store_save_draft_async (f->notes, f->note, NULL, count_saves_cb, &outcomes[i]);
    }
  release_worker (&blocker);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      wait_for (&outcomes[i].done);
      g_assert_no_error (outcomes[i].error);
      g_assert_true (outcomes[i].saved);
      outcome_clear (&outcomes[i]);
    }
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM %s.test_writes", schema);
  g_assert_cmpint (count_rows (f, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM %s.test_writes"
                         " WHERE sections LIKE '%%then more.%%'", schema);
  g_assert_cmpint (count_rows (f, sql), ==, 1);
  g_assert_false (alcove_note_get_dirty (f->note));
  stored = read_back (f, alcove_note_get_id (f->note));
  g_assert_cmpstr (alcove_note_get_section (stored, "plan"), ==, texts[2]);
  g_mutex_clear (&blocker.mutex);
  g_cond_clear (&blocker.cond);
}

/* A save that needs its answer at once, while an autosave waits for the worker: the newer
 * text is written and stays; the autosave writes nothing over it */
static void
test_save_now_after_queued (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(Outcome) queued = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveNote) stored = NULL;
  Blocker blocker = { 0 };

  block_worker (f, &blocker);
  alcove_note_draft_model_set_section (f->draft, "plan", "Older words");
  alcove_note_draft_model_save_async (f->draft, NULL, save_done_cb, &queued);
  alcove_note_draft_model_set_section (f->draft, "plan", "Newer words");
  g_assert_true (alcove_note_draft_model_save (f->draft, &error));
  g_assert_no_error (error);
  release_worker (&blocker);
  wait_for (&queued.done);
  g_assert_no_error (queued.error);
  run_main_loop_for (100);

  stored = read_back (f, alcove_note_get_id (f->note));
  g_assert_cmpstr (alcove_note_get_section (stored, "plan"), ==, "Newer words");
  g_assert_false (alcove_note_draft_model_get_dirty (f->draft));
  g_assert_cmpint (f->n_failed, ==, 0);
  g_mutex_clear (&blocker.mutex);
  g_cond_clear (&blocker.cond);
}

/* Once typing pauses for the delay, the draft writes itself */
static void
test_debounce (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveNote) stored = NULL;
  gint64 until;

  alcove_note_draft_model_set_delay (f->draft, 50);
  alcove_note_draft_model_set_section (f->draft, "assessment", "Improving");
  alcove_note_draft_model_set_section (f->draft, "assessment", "Improving steadily");
  g_assert_cmpuint (f->n_saved, ==, 0);
  until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (f->n_saved == 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_false (alcove_note_draft_model_get_dirty (f->draft));
  stored = read_back (f, alcove_note_get_id (f->note));
  g_assert_cmpstr (alcove_note_get_section (stored, "assessment"), ==, "Improving steadily");
}

/* The note was signed in another window: the autosave fails cleanly and says so, the
 * signed note is untouched, and the text stays with the draft */
static void
test_signed_elsewhere (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };
  g_autoptr(AlcoveNote) other = NULL;
  g_autoptr(AlcoveNote) stored = NULL;
  g_autoptr(GError) error = NULL;

  fill_sections (f);
  g_assert_true (alcove_note_draft_model_save (f->draft, &error));
  g_assert_no_error (error);
  other = read_back (f, alcove_note_get_id (f->note));
  g_assert_true (alcove_note_store_sign (f->notes, other, &error));
  g_assert_no_error (error);

  alcove_note_draft_model_set_section (f->draft, "plan", "Words typed after signing");
  save_and_wait (f, &outcome);
  g_assert_false (outcome.saved);
  g_assert_error (outcome.error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (outcome.error->message, "signed"));
  g_assert_cmpuint (f->n_failed, ==, 1);
  g_assert_true (alcove_note_draft_model_get_dirty (f->draft));
  g_assert_cmpstr (alcove_note_get_section (f->note, "plan"), ==, "Words typed after signing");

  /* the same on the session's connection */
  g_assert_false (alcove_note_draft_model_save (f->draft, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);

  stored = read_back (f, alcove_note_get_id (f->note));
  g_assert_cmpint (alcove_note_get_status (stored), ==, ALCOVE_NOTE_SIGNED);
  g_assert_cmpstr (alcove_note_get_section (stored, "plan"), ==, "Seen for review");
  g_assert_true (alcove_note_store_verify (f->notes, stored));
}

static void
ignore_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  alcove_note_draft_model_save_finish (ALCOVE_NOTE_DRAFT_MODEL (source), result, &error);
}

/* A lock while saves wait behind other work: the flush the lock manager makes queues the
 * last words typed, and the lock writes them before the keys go */
static void
test_lock_keeps_queued (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = g_strdup (alcove_note_get_id (f->note));
  g_autoptr(AlcoveNote) stored = NULL;
  Blocker blocker = { .sleep_ms = 300 };

  block_worker (f, &blocker);
  alcove_note_draft_model_set_section (f->draft, "plan", "Queued words");
  alcove_note_draft_model_save_async (f->draft, NULL, ignore_cb, NULL);
  alcove_note_draft_model_set_section (f->draft, "plan", "Queued words and more");
  alcove_note_draft_model_flush (f->draft);
  alcove_note_draft_model_set_section (f->draft, "subjective", "Typed just before the lock");
  alcove_note_draft_model_flush (f->draft);
  g_assert_true (alcove_note_draft_model_get_saving (f->draft));

  alcove_vault_lock (f->vault);
  /* what the writes say arrives after the lock, and harms nothing */
  run_main_loop_for (200);
  g_assert_false (alcove_note_draft_model_get_saving (f->draft));
  g_assert_cmpuint (f->n_failed, ==, 0);
  g_mutex_clear (&blocker.mutex);
  g_cond_clear (&blocker.cond);

  relock (f);
  stored = read_back (f, id);
  g_assert_cmpstr (alcove_note_get_section (stored, "plan"), ==, "Queued words and more");
  g_assert_cmpstr (alcove_note_get_section (stored, "subjective"), ==,
                   "Typed just before the lock");
}

/* Once locked, an autosave says it could not be written; the text stays */
static void
test_save_when_locked (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  alcove_note_draft_model_set_section (f->draft, "plan", "Typed as the vault locked");
  alcove_vault_lock (f->vault);
  save_and_wait (f, &outcome);
  g_assert_false (outcome.saved);
  g_assert_nonnull (outcome.error);
  g_assert_cmpuint (f->n_failed, ==, 1);
  g_assert_true (alcove_note_draft_model_get_dirty (f->draft));
  g_assert_cmpstr (alcove_note_get_section (f->note, "plan"), ==, "Typed as the vault locked");
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);
#define ADD(path, func) \
  g_test_add ("/note-draft/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("words-per-section", test_words_per_section);
  ADD ("words-counted-once", test_words_counted_once);
  ADD ("save-writes", test_save_writes);
  ADD ("coalesce", test_coalesce);
  ADD ("save-now-after-queued", test_save_now_after_queued);
  ADD ("debounce", test_debounce);
  ADD ("signed-elsewhere", test_signed_elsewhere);
  ADD ("lock-keeps-queued", test_lock_keeps_queued);
  ADD ("save-when-locked", test_save_when_locked);
#undef ADD
  return g_test_run ();
}
