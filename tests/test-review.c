/* test-review.c — the access-log review: filters, pages, CSV export, verification with
 * progress, review records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-review"

#include "config.h"

#include <glib/gstdio.h>

#include "alcove-audit-query.h"
#include "alcove-client-store.h"
#include "alcove-note-store.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define NAME_MARK "Quillonbert Zephyrine"
#define TEXT_MARK "glimmerquokka"

typedef struct
{
  char              *dir;
  AlcoveVault       *vault;
  AlcoveClientStore *clients;
  AlcoveNoteStore   *notes;
} Fixture;

static void
open_as (Fixture    *f,
         const char *username,
         const char *password)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->notes);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
  f->vault = alcove_test_unlocked_vault (f->dir, username, password);
  f->clients = alcove_client_store_new (f->vault, &error);
  g_assert_no_error (error);
  f->notes = alcove_note_store_new (f->clients);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  open_as (f, "dana", TEST_PASSWORD);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->notes);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
  g_free (f->dir);
}

static char *
add_client (Fixture    *f,
            const char *name)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, name);
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_client_get_id (client));
}

static char *
add_note (Fixture    *f,
          const char *client_id,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveNote) note = alcove_note_store_create (f->notes, client_id, NULL, "soap",
                                                         "2024-03-01", &error);

  g_assert_no_error (error);
  alcove_note_set_section (note, "subjective", text);
  g_assert_true (alcove_note_store_save (f->notes, note, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_note_get_id (note));
}

static char *
user_uuid (Fixture    *f,
           const char *username)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (f->vault);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      if (g_str_equal (alcove_user_get_username (user), username))
        return g_strdup (alcove_user_get_uuid (user));
    }
  g_assert_not_reached ();
}

static const char *
dana_uuid (Fixture *f)
{
  return alcove_user_get_uuid (alcove_vault_get_current_user (f->vault));
}

static gboolean
has_row (GPtrArray  *entries,
         const char *action,
         const char *object_id)
{
  for (guint i = 0; i < entries->len; i++)
    {
      AlcoveAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (alcove_audit_entry_get_action (entry), action) &&
          (object_id == NULL || g_str_equal (alcove_audit_entry_get_object_id (entry), object_id)))
        return TRUE;
    }
  return FALSE;
}

static GPtrArray *
query (Fixture                 *f,
       const AlcoveAuditFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = alcove_audit_query (f->vault, filter, 0, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static char *
day_offset (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *a = add_client (f, NAME_MARK);
  g_autofree char *b = add_client (f, "Other Person");
  g_autofree char *note_a = add_note (f, a, TEXT_MARK);
  g_autofree char *note_b = add_note (f, b, "unrelated");
  g_autofree char *today = day_offset (0);
  g_autofree char *yesterday = day_offset (-1);
  g_autofree char *tomorrow = day_offset (1);
  g_autofree char *carl_uuid = NULL;
  g_autoptr(GPtrArray) all = NULL;

  alcove_client_store_record_view (f->clients, alcove_client_store_lookup (f->clients, a));
  alcove_test_add_user (f->vault, "carl", "Carl Supervisor", ALCOVE_ROLE_SUPERVISOR);
  carl_uuid = user_uuid (f, "carl");

  /* newest first, everything */
  all = query (f, NULL);
  g_assert_cmpuint (all->len, >, 8);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (alcove_audit_entry_get_seq (g_ptr_array_index (all, i - 1)), >,
                     alcove_audit_entry_get_seq (g_ptr_array_index (all, i)));

  /* by client: its creation, view, notes (details carry the client) and their sessions;
   * nothing about the other client */
  {
    AlcoveAuditFilter filter = { .client_id = a };
    g_autoptr(GPtrArray) rows = query (f, &filter);

    g_assert_true (has_row (rows, ALCOVE_AUDIT_CLIENT_CREATE, a));
    g_assert_true (has_row (rows, ALCOVE_AUDIT_CLIENT_VIEW, a));
    g_assert_true (has_row (rows, ALCOVE_AUDIT_NOTE_CREATE, note_a));
    g_assert_true (has_row (rows, ALCOVE_AUDIT_SESSION_SAVE, NULL));
    g_assert_false (has_row (rows, ALCOVE_AUDIT_CLIENT_CREATE, b));
    g_assert_false (has_row (rows, ALCOVE_AUDIT_NOTE_CREATE, note_b));
    g_assert_false (has_row (rows, ALCOVE_AUDIT_VAULT_UNLOCK, NULL));
    g_assert_cmpint (alcove_audit_query_count (f->vault, &filter, NULL), ==, rows->len);
  }

  /* by action family and by one action */
  {
    AlcoveAuditFilter family = { .action_prefix = "note." };
    AlcoveAuditFilter one = { .action_prefix = ALCOVE_AUDIT_CLIENT_VIEW };
    g_autoptr(GPtrArray) notes = query (f, &family);
    g_autoptr(GPtrArray) views = query (f, &one);

    g_assert_cmpuint (notes->len, >=, 2);
    for (guint i = 0; i < notes->len; i++)
      g_assert_true (g_str_has_prefix (alcove_audit_entry_get_action (g_ptr_array_index (notes, i)),
                                       "note."));
    g_assert_cmpuint (views->len, ==, 1);
  }

  /* by user: carl has done nothing yet; dana everything but nothing of carl's */
  {
    AlcoveAuditFilter by_carl = { .actor = carl_uuid };
    AlcoveAuditFilter by_dana = { .actor = dana_uuid (f) };
    g_autoptr(GPtrArray) carl_rows = query (f, &by_carl);
    g_autoptr(GPtrArray) dana_rows = query (f, &by_dana);

    g_assert_cmpuint (carl_rows->len, ==, 0);
    g_assert_cmpuint (dana_rows->len, ==, all->len);
  }

  /* by day: today holds every row; a range ending yesterday or starting tomorrow none */
  {
    AlcoveAuditFilter today_only = { .from_day = today, .to_day = today };
    AlcoveAuditFilter before = { .to_day = yesterday };
    AlcoveAuditFilter after = { .from_day = tomorrow };
    AlcoveAuditFilter bad = { .from_day = "03/01/2024" };
    g_autoptr(GPtrArray) in_day = query (f, &today_only);
    g_autoptr(GPtrArray) none_before = query (f, &before);
    g_autoptr(GPtrArray) none_after = query (f, &after);
    g_autoptr(GError) error = NULL;

    g_assert_cmpuint (in_day->len, ==, all->len);
    g_assert_cmpuint (none_before->len, ==, 0);
    g_assert_cmpuint (none_after->len, ==, 0);
    g_assert_null (alcove_audit_query (f->vault, &bad, 0, 0, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  }

  /* combined: client a's note rows only */
  {
    AlcoveAuditFilter filter = { .client_id = a, .action_prefix = "note.", .actor = dana_uuid (f) };
    g_autoptr(GPtrArray) rows = query (f, &filter);

    g_assert_cmpuint (rows->len, >=, 1);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpstr (alcove_audit_entry_get_object_id (g_ptr_array_index (rows, i)), ==, note_a);
  }
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  gint64 before = 0;

  for (guint i = 0; i < 7; i++)
    g_free (add_client (f, "Paged Person"));
  all = query (f, NULL);
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = alcove_audit_query (f->vault, NULL, before, 3, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, 3);
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (seen, GINT_TO_POINTER ((int) alcove_audit_entry_get_seq (g_ptr_array_index (page, i))));
      before = alcove_audit_entry_get_seq (g_ptr_array_index (page, page->len - 1));
    }
  g_assert_cmpuint (seen->len, ==, all->len);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (GPOINTER_TO_INT (g_ptr_array_index (seen, i)), ==,
                     alcove_audit_entry_get_seq (g_ptr_array_index (all, i)));
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *day = NULL;

  alcove_test_add_user (f->vault, "carl", "Carl Supervisor", ALCOVE_ROLE_SUPERVISOR);
  alcove_test_add_user (f->vault, "erin", "Erin Clinician", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (f->vault, "bill", "Bill Front Desk", ALCOVE_ROLE_BILLING);

  open_as (f, "carl", TEST_OTHER_PASSWORD);
  g_assert_true (alcove_audit_can_review (f->vault));
  rows = alcove_audit_query (f->vault, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, 5);  /* the vault, its users and sign-ins */

  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      open_as (f, i == 0 ? "erin" : "bill", TEST_OTHER_PASSWORD);
      g_assert_false (alcove_audit_can_review (f->vault));
      rows = alcove_audit_query (f->vault, NULL, 0, 10, &error);
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
      g_assert_null (rows);
      g_clear_error (&error);
      g_assert_false (alcove_audit_mark_reviewed (f->vault, 0, 1, "", NULL, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
      /* the checklist may still ask when the last review was */
      g_assert_true (alcove_audit_review_last (f->vault, &day, &error));
      g_assert_no_error (error);
      g_assert_null (day);
    }
}

static void
test_reviews (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *day = NULL;
  g_autofree char *today = day_offset (0);
  gint64 now = g_get_real_time () / 1000;
  AlcoveAuditFilter reviews_filter = { .action_prefix = ALCOVE_AUDIT_AUDIT_REVIEW };
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (alcove_audit_review_last (f->vault, &day, &error));
  g_assert_no_error (error);
  g_assert_null (day);

  g_assert_false (alcove_audit_mark_reviewed (f->vault, now, now - 1, "", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (alcove_audit_mark_reviewed (f->vault, now - 86400000, now, "Nothing unusual",
                                             &first, &error));
  g_assert_no_error (error);
  g_assert_true (alcove_audit_mark_reviewed (f->vault, now - 3600000, now, "", &second, &error));
  g_assert_no_error (error);

  reviews = alcove_audit_list_reviews (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 2);
  {
    AlcoveAuditReview *newest = g_ptr_array_index (reviews, 0);
    AlcoveAuditReview *oldest = g_ptr_array_index (reviews, 1);

    g_assert_cmpstr (newest->id, ==, second);
    g_assert_cmpstr (oldest->id, ==, first);
    g_assert_cmpint (oldest->from_ms, ==, now - 86400000);
    g_assert_cmpint (oldest->to_ms, ==, now);
    g_assert_cmpstr (oldest->reviewed_by, ==, dana_uuid (f));
    g_assert_cmpint (oldest->reviewed_ms, >=, now);
    g_assert_cmpstr (oldest->note, ==, "Nothing unusual");
  }

  g_assert_true (alcove_audit_review_last (f->vault, &day, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (day, ==, today);

  /* each review is audited, with the review's id and nothing it said */
  rows = query (f, &reviews_filter);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (has_row (rows, ALCOVE_AUDIT_AUDIT_REVIEW, first));
  g_assert_cmpstr (alcove_audit_entry_get_details (g_ptr_array_index (rows, 1)), ==, "{}");
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = add_client (f, NAME_MARK);
  g_autofree char *note = add_note (f, a, TEXT_MARK);
  g_autofree char *path = g_build_filename (f->dir, "..", "access-log.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  AlcoveAuditFilter filter = { .client_id = a };
  AlcoveAuditFilter exports = { .action_prefix = ALCOVE_AUDIT_AUDIT_EXPORT };
  g_autoptr(GPtrArray) export_rows = NULL;
  GStatBuf st;
  guint n = 0;

  g_assert_true (alcove_audit_export_csv (f->vault, &filter, file, &n, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "seq,time_utc,user_id,username,action,object_id,details");
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);  /* header, rows, "" after the last */
  g_assert_cmpuint (n, >=, 3);
  g_assert_nonnull (strstr (contents, ALCOVE_AUDIT_CLIENT_CREATE));
  g_assert_nonnull (strstr (contents, note));
  g_assert_nonnull (strstr (contents, ",dana,"));
  /* a JSON details field is quoted with its quotes doubled */
  g_assert_nonnull (strstr (contents, "\"{\"\"client\"\":\"\""));
  /* ids, actions and times: no name, no note text */
  g_assert_null (strstr (contents, "Quillonbert"));
  g_assert_null (strstr (contents, TEXT_MARK));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  export_rows = query (f, &exports);
  g_assert_cmpuint (export_rows->len, ==, 1);
  g_assert_nonnull (strstr (alcove_audit_entry_get_details (g_ptr_array_index (export_rows, 0)),
                            "\"rows\""));

  /* a folder that does not exist: no file and no audit row */
  {
    g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-alcove-dir/log.csv");
    g_autoptr(GPtrArray) after = NULL;

    g_assert_false (alcove_audit_export_csv (f->vault, NULL, nowhere, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    after = query (f, &exports);
    g_assert_cmpuint (after->len, ==, 1);
  }
  g_unlink (path);
}

typedef struct
{
  GMainLoop *loop;
  guint      calls;
  gint64     last_done;
  gint64     last_total;
  gboolean   monotonic;
  gint64     rows;
  gint64     bad_seq;
  GError    *error;
} VerifyState;

static gboolean
progress_cb (gint64   done,
             gint64   total,
             gpointer user_data)
{
  VerifyState *state = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  if (done < state->last_done)
    state->monotonic = FALSE;
  state->calls++;
  state->last_done = done;
  state->last_total = total;
  return TRUE;
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  VerifyState *state = user_data;

  alcove_audit_verify_finish (ALCOVE_VAULT (source), result, &state->rows, &state->bad_seq,
                              &state->error);
  g_main_loop_quit (state->loop);
}

static void
run_verify (Fixture      *f,
            VerifyState  *state,
            GCancellable *cancellable)
{
  state->loop = g_main_loop_new (NULL, FALSE);
  state->monotonic = TRUE;
  alcove_audit_verify_async (f->vault, progress_cb, state, NULL, cancellable, verified_cb, state);
  g_main_loop_run (state->loop);
  g_main_loop_unref (state->loop);
}

static void
test_verify_progress (Fixture       *f,
                      gconstpointer  data)
{
  AlcoveAudit *audit = alcove_vault_get_audit (f->vault);
  VerifyState state = { 0 };
  AlcoveAuditFilter verifies = { .action_prefix = ALCOVE_AUDIT_AUDIT_VERIFY };
  g_autoptr(GPtrArray) rows = NULL;
  gint64 total;

  /* enough rows for several progress reports */
  for (guint i = 0; i < 700; i++)
    g_assert_true (alcove_audit_append (audit, ALCOVE_AUDIT_CLIENT_VIEW, "x", "{}",
                                        NULL, NULL));
  total = alcove_audit_count (audit);

  run_verify (f, &state, NULL);
  g_assert_no_error (state.error);
  g_assert_cmpint (state.bad_seq, ==, 0);
  g_assert_cmpint (state.rows, ==, total);
  g_assert_cmpuint (state.calls, >=, 1);
  g_assert_true (state.monotonic);
  g_assert_cmpint (state.last_done, ==, total);
  g_assert_cmpint (state.last_total, ==, total);

  rows = query (f, &verifies);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_nonnull (strstr (alcove_audit_entry_get_details (g_ptr_array_index (rows, 0)),
                            "\"intact\""));

  /* cancelled before it starts: it stops with G_IO_ERROR_CANCELLED */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    VerifyState stopped = { 0 };

    g_cancellable_cancel (cancellable);
    run_verify (f, &stopped, cancellable);
    g_assert_error (stopped.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&stopped.error);
  }

  /* an altered row is found, at its seq */
  {
    VerifyState broken = { 0 };
    sqlite3 *handle = alcove_database_get_handle (alcove_vault_get_database (f->vault));

    g_assert_cmpint (sqlite3_exec (handle, "DROP TRIGGER audit_log_no_update;"
                                           "UPDATE audit_log SET object_id = 'y' WHERE seq = 100",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    run_verify (f, &broken, NULL);
    g_assert_no_error (broken.error);
    g_assert_cmpint (broken.bad_seq, ==, 100);
    g_assert_cmpint (broken.rows, ==, 99);
  }
}

/* Every action alcove-audit-actions.h defines reads as words in the viewer, not as its id */
static void
assert_every_action_described (void)
{
  g_autofree char *header_path = g_test_build_filename (G_TEST_DIST, "..", "src", "core", "vault",
                                                        "alcove-audit-actions.h", NULL);
  g_autofree char *header = NULL;
  g_autoptr(GRegex) define = g_regex_new ("#define ALCOVE_AUDIT_[A-Z_]+ +\"([a-z.-]+)\"", 0, 0,
                                          NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (header_path, &header, NULL, NULL));
  g_regex_match (define, header, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL), checked++)
    {
      g_autofree char *action = g_match_info_fetch (match, 1);

      if (g_strcmp0 (alcove_audit_action_describe (action), action) == 0)
        g_error ("the audit action %s has no description in alcove-audit-query.c", action);
    }
  g_assert_cmpuint (checked, >, 40);
}

static void
test_describe (void)
{
  guint n = 0;
  const AlcoveAuditActionFamily *families = alcove_audit_action_families (&n);

  g_assert_cmpstr (alcove_audit_action_describe (ALCOVE_AUDIT_CLIENT_VIEW), ==,
                   "Opened a client record");
  g_assert_cmpstr (alcove_audit_action_describe ("future.action"), ==, "future.action");
  g_assert_cmpstr (alcove_audit_action_describe (ALCOVE_AUDIT_CONSENT_PRINT), ==,
                   "Printed a consent form");
  assert_every_action_described ();
  g_assert_cmpuint (n, >, 5);
  for (guint i = 0; i < n; i++)
    g_assert_true (g_str_has_suffix (families[i].prefix, "."));
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/review/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("filters", test_filters);
  ADD ("paging", test_paging);
  ADD ("roles", test_roles);
  ADD ("reviews", test_reviews);
  ADD ("export-csv", test_export_csv);
  ADD ("verify-progress", test_verify_progress);
  g_test_add_func ("/review/describe", test_describe);

  return g_test_run ();
}
