/* test-sessions.c — sessions and the notes written for them: opening, changing, cancelling
 * and missing a session with a reason; a signed note's session kept (through the store and
 * against raw SQL); notes for a chosen or back-dated session that record when they were
 * written; Load Last Note marked as copied; the attendance a disclosure lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sessions"

#include "config.h"

#include "alcove-client-store.h"
#include "alcove-date.h"
#include "alcove-migrations.h"
#include "alcove-note-draft-model.h"
#include "alcove-note-format.h"
#include "alcove-note-store.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* Words no name shares by chance; the audit log must never hold a reason typed */
#define REASON_MARK "wombatreason"
#define PLAN_TEXT   "Continue graded exposure; review the sleep diary next week."

/* dana's vault and its stores, and the client the tests are about */
typedef struct
{
  AlcoveVault       *vault;
  AlcoveClientStore *clients;
  AlcoveNoteStore   *notes;
  char              *client_id;
  char              *dir;
} Fixture;

static void
reopen_as (Fixture    *f,
           const char *username,
           const char *password)
{
  alcove_test_close_stores (&f->vault, &f->clients, &f->notes);
  f->vault = alcove_test_unlocked_vault (f->dir, username, password);
  alcove_test_open_stores (f->vault, &f->clients, &f->notes);
}

/* dana's practice, with one client */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->vault = alcove_test_fresh_vault (&f->dir);
  alcove_test_open_stores (f->vault, &f->clients, &f->notes);
  f->client_id = alcove_test_add_client (f->clients, "Robin Vale");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  alcove_test_close_stores (&f->vault, &f->clients, &f->notes);
  g_free (f->client_id);
  g_free (f->dir);
}

/* ---- building blocks ---- */

static char *
add_session (Fixture             *f,
             const char          *client_id,
             const char          *date,
             AlcoveSessionStatus  status)
{
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(GError) error = NULL;

  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, client_id);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, date);
  alcove_session_set_field (session, ALCOVE_SESSION_SERVICE_CODE, "90834");
  alcove_session_set_status (session, status);
  g_assert_true (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_session_get_id (session));
}

static AlcoveSession *
get_session (Fixture    *f,
             const char *session_id)
{
  AlcoveSession *session = alcove_client_store_get_session (f->clients, session_id, NULL);

  g_assert_nonnull (session);
  return session;
}

static void
fill (AlcoveNote *note,
      const char *text)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));

  for (guint i = 0; i < alcove_note_format_get_n_sections (format); i++)
    alcove_note_set_section (note, alcove_note_format_get_section (format, i)->key, text);
}

static AlcoveNote *
write_note (Fixture    *f,
            const char *session_id,
            const char *date,
            gboolean    sign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveNote) note = NULL;

  note = alcove_note_store_create (f->notes, f->client_id, session_id, "soap", date, &error);
  g_assert_no_error (error);
  fill (note, "Seen today.");
  g_assert_true (alcove_note_store_save (f->notes, note, &error));
  if (sign)
    g_assert_true (alcove_note_store_sign (f->notes, note, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&note);
}

static guint
n_items (GListModel *model)
{
  g_assert_nonnull (model);
  return g_list_model_get_n_items (model);
}

static guint
n_sessions (Fixture *f)
{
  g_autoptr(GListModel) sessions = alcove_client_store_list_sessions (f->clients, f->client_id,
                                                                      NULL);

  return n_items (sessions);
}

static char *
last_session (Fixture *f)
{
  return g_strdup (alcove_client_get_field (alcove_client_store_lookup (f->clients, f->client_id),
                                            ALCOVE_CLIENT_LAST_SESSION));
}

/* ---- sessions ---- */

/* A session is opened and changed; the change is audited with its client, and a refused
 * change writes nothing */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *date = alcove_test_day_from_today (-3);
  g_autofree char *id = add_session (f, f->client_id, date, ALCOVE_SESSION_ATTENDED);
  g_autoptr(AlcoveSession) session = get_session (f, id);
  g_autoptr(AlcoveSession) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (alcove_session_get_status (session), ==, ALCOVE_SESSION_ATTENDED);
  g_assert_cmpstr (alcove_session_get_field (session, ALCOVE_SESSION_NOTE_STATUS), ==, "none");
  alcove_session_set_field (session, ALCOVE_SESSION_START_TIME, "09:15");
  alcove_session_set_field (session, ALCOVE_SESSION_SERVICE_CODE, "90837");
  alcove_session_set_duration (session, 60);
  g_assert_true (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_session_get_id (session), ==, id);
  g_assert_cmpuint (n_sessions (f), ==, 1);

  again = get_session (f, id);
  g_assert_cmpstr (alcove_session_get_field (again, ALCOVE_SESSION_START_TIME), ==, "09:15");
  g_assert_cmpstr (alcove_session_get_field (again, ALCOVE_SESSION_SERVICE_CODE), ==, "90837");
  g_assert_cmpuint (alcove_session_get_duration (again), ==, 60);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "session.update", id), ==, 1);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM audit_log"
                                          " WHERE object_id = '%s' AND instr (details, '%s') > 0",
                                          id, f->client_id), ==, 2);

  /* bad input changes nothing */
  alcove_session_set_field (again, ALCOVE_SESSION_START_TIME, "25:00");
  g_assert_false (alcove_client_store_save_session (f->clients, again, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&again);
  again = get_session (f, id);
  g_assert_cmpstr (alcove_session_get_field (again, ALCOVE_SESSION_START_TIME), ==, "09:15");

  /* a session stays with its record */
  {
    g_autofree char *other = alcove_test_add_client (f->clients, "Other Person");

    alcove_session_set_field (again, ALCOVE_SESSION_CLIENT_ID, other);
    g_assert_false (alcove_client_store_save_session (f->clients, again, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  }
}

/* Cancelled and no-show need a reason; the reason stays out of the audit log; neither counts
 * as attendance nor (cancelled) as the client's last session */
static void
test_cancel_and_no_show (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *early = alcove_test_day_from_today (-14);
  g_autofree char *late = alcove_test_day_from_today (-2);
  g_autofree char *tomorrow = alcove_test_day_from_today (1);
  g_autofree char *first = add_session (f, f->client_id, early, ALCOVE_SESSION_ATTENDED);
  g_autofree char *second = add_session (f, f->client_id, late, ALCOVE_SESSION_SCHEDULED);
  g_autoptr(AlcoveSession) session = get_session (f, second);
  g_autoptr(AlcoveSession) missed = get_session (f, first);
  g_autoptr(AlcoveSession) future = alcove_session_new ();
  g_autoptr(GListModel) attended = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = last_session (f);

  g_assert_cmpstr (last, ==, late);

  alcove_session_set_status (session, ALCOVE_SESSION_CANCELLED);
  g_assert_false (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cancelled"));
  g_clear_error (&error);
  alcove_session_set_status_reason (session, "Client ill, " REASON_MARK);
  g_assert_true (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_no_error (error);
  g_clear_object (&session);
  session = get_session (f, second);
  g_assert_cmpint (alcove_session_get_status (session), ==, ALCOVE_SESSION_CANCELLED);
  g_assert_cmpstr (alcove_session_get_status_reason (session), ==, "Client ill, " REASON_MARK);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "session.cancel", second), ==, 1);
  g_free (last);
  last = last_session (f);
  g_assert_cmpstr (last, ==, early);

  alcove_session_set_status (missed, ALCOVE_SESSION_NO_SHOW);
  g_assert_false (alcove_client_store_save_session (f->clients, missed, &error));
  g_clear_error (&error);
  alcove_session_set_status_reason (missed, "No answer by phone " REASON_MARK);
  g_assert_true (alcove_client_store_save_session (f->clients, missed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "session.no-show", first), ==, 1);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM audit_log"
                                          " WHERE instr (details, '" REASON_MARK "') > 0"), ==, 0);

  /* back to attended: the reason goes */
  alcove_session_set_status (missed, ALCOVE_SESSION_ATTENDED);
  g_assert_true (alcove_client_store_save_session (f->clients, missed, &error));
  g_assert_cmpstr (alcove_session_get_status_reason (missed), ==, "");

  /* the future: scheduled or cancelled, not attended or missed */
  alcove_session_set_field (future, ALCOVE_SESSION_CLIENT_ID, f->client_id);
  alcove_session_set_field (future, ALCOVE_SESSION_DATE, tomorrow);
  alcove_session_set_status (future, ALCOVE_SESSION_NO_SHOW);
  alcove_session_set_status_reason (future, "Not yet");
  g_assert_false (alcove_client_store_save_session (f->clients, future, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_null (alcove_session_get_id (future));
  g_clear_error (&error);
  alcove_session_set_status (future, ALCOVE_SESSION_SCHEDULED);
  g_assert_true (alcove_client_store_save_session (f->clients, future, &error));
  g_assert_no_error (error);

  attended = alcove_client_store_list_attended (f->clients, f->client_id, NULL, NULL, &error);
  g_assert_cmpuint (n_items (attended), ==, 1);
}

/* Deleting: a session without a note goes; one with a draft waits for the draft to go; one
 * whose note was signed stays, through the store and against raw SQL */
static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *date = alcove_test_day_from_today (-5);
  g_autofree char *empty = add_session (f, f->client_id, date, ALCOVE_SESSION_ATTENDED);
  g_autofree char *drafted = add_session (f, f->client_id, date, ALCOVE_SESSION_ATTENDED);
  g_autofree char *kept = add_session (f, f->client_id, date, ALCOVE_SESSION_ATTENDED);
  g_autoptr(AlcoveNote) draft = write_note (f, drafted, NULL, FALSE);
  g_autoptr(AlcoveNote) signed_note = write_note (f, kept, NULL, TRUE);
  g_autoptr(AlcoveSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_client_store_delete_session (f->clients, empty, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sessions (f), ==, 2);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "session.delete", empty), ==, 1);

  g_assert_false (alcove_client_store_delete_session (f->clients, drafted, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (alcove_note_store_delete_draft (f->notes, draft, &error));
  g_assert_true (alcove_client_store_delete_session (f->clients, drafted, &error));
  g_assert_no_error (error);

  g_assert_false (alcove_client_store_delete_session (f->clients, kept, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "addendum"));
  g_clear_error (&error);
  g_assert_cmpuint (n_sessions (f), ==, 1);

  /* the store: only the service code of a signed note's session changes */
  session = get_session (f, kept);
  g_assert_true (alcove_session_get_signed_note (session));
  alcove_session_set_field (session, ALCOVE_SESSION_SERVICE_CODE, "90837");
  g_assert_true (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_no_error (error);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, "2020-01-01");
  g_assert_false (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_clear_object (&session);
  session = get_session (f, kept);
  alcove_session_set_status (session, ALCOVE_SESSION_NO_SHOW);
  alcove_session_set_status_reason (session, "after the fact");
  g_assert_false (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* raw SQL, as an insider with the key */
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "DELETE FROM sessions WHERE id = '%s'", kept),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE sessions SET date = '2020-01-01'"
                                                   " WHERE id = '%s'", kept), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE sessions SET status = 'cancelled',"
                                                   " status_reason = 'x' WHERE id = '%s'", kept),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE sessions SET signed_note = 0"
                                                   " WHERE id = '%s'", kept), ==,
                   SQLITE_CONSTRAINT);
  /* clearing the note status first does not help: the session remembers */
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE sessions SET note_status = 'none'"
                                                   " WHERE id = '%s'", kept), ==, SQLITE_OK);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "DELETE FROM sessions WHERE id = '%s'", kept),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "INSERT INTO session_attendees"
                                                   " (session_id, client_id)"
                                                   " VALUES ('%s', '%s')", kept, f->client_id),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (alcove_test_query_int (f->vault, "SELECT count(*) FROM sessions"
                                                    " WHERE id = '%s' AND date = '%s'", kept,
                                          date), ==, 1);
  /* a note returned by a supervisor is a draft again; its session is still kept */
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE sessions SET note_status = 'draft'"
                                                   " WHERE id = '%s'", kept), ==, SQLITE_OK);
  g_assert_false (alcove_client_store_delete_session (f->clients, kept, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
}

/* New Note on a session already added: no second session, the note takes its date; one
 * note per session; not on a cancelled one, nor on another record's */
static void
test_note_for_session (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *date = alcove_test_day_from_today (-1);
  g_autofree char *chosen = add_session (f, f->client_id, date, ALCOVE_SESSION_SCHEDULED);
  g_autofree char *cancelled = NULL;
  g_autofree char *other = alcove_test_add_client (f->clients, "Someone Else");
  g_autofree char *others = add_session (f, other, date, ALCOVE_SESSION_ATTENDED);
  g_autoptr(GListModel) open = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(AlcoveNote) found = NULL;
  g_autoptr(AlcoveSession) session = NULL;
  g_autoptr(GError) error = NULL;

  cancelled = add_session (f, f->client_id, date, ALCOVE_SESSION_SCHEDULED);
  session = get_session (f, cancelled);
  alcove_session_set_status (session, ALCOVE_SESSION_CANCELLED);
  alcove_session_set_status_reason (session, "Snow");
  g_assert_true (alcove_client_store_save_session (f->clients, session, &error));
  g_clear_object (&session);

  open = alcove_client_store_list_open_sessions (f->clients, f->client_id, &error);
  g_assert_cmpuint (n_items (open), ==, 1);
  g_clear_object (&open);

  /* the date given is the session's, whatever the caller says */
  note = alcove_note_store_create (f->notes, f->client_id, chosen, "dap", "1999-01-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_get_session_id (note), ==, chosen);
  g_assert_cmpstr (alcove_note_get_session_date (note), ==, date);
  g_assert_cmpuint (n_sessions (f), ==, 2);
  session = get_session (f, chosen);
  g_assert_cmpstr (alcove_session_get_field (session, ALCOVE_SESSION_NOTE_STATUS), ==, "draft");
  g_assert_cmpint (alcove_session_get_status (session), ==, ALCOVE_SESSION_ATTENDED);
  g_assert_cmpstr (alcove_session_get_field (session, ALCOVE_SESSION_CLINICIAN), ==,
                   alcove_note_get_author (note));
  open = alcove_client_store_list_open_sessions (f->clients, f->client_id, &error);
  g_assert_cmpuint (n_items (open), ==, 0);

  g_assert_null (alcove_note_store_create (f->notes, f->client_id, chosen, "soap", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (alcove_note_store_create (f->notes, f->client_id, cancelled, "soap", NULL,
                                           &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (alcove_note_store_create (f->notes, f->client_id, others, "soap", NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (alcove_note_store_create (f->notes, f->client_id, "no-such-session", "soap",
                                           NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (n_sessions (f), ==, 2);

  /* a note is found from its session's row */
  found = alcove_note_store_open_for_session (f->notes, chosen, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_get_id (found), ==, alcove_note_get_id (note));
  g_assert_null (alcove_note_store_open_for_session (f->notes, cancelled, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
}

/* A note for an earlier session: its session carries that date, and the note records when it
 * was written, covered by its signature */
static void
test_back_dated (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *past = alcove_test_day_from_today (-10);
  g_autofree char *tomorrow = alcove_test_day_from_today (1);
  gint64 before = g_get_real_time () / 1000;
  g_autoptr(AlcoveNote) note = write_note (f, NULL, past, FALSE);
  g_autoptr(AlcoveNote) opened = NULL;
  g_autoptr(AlcoveSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *written = NULL;
  g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (note));

  g_assert_cmpstr (alcove_note_get_session_date (note), ==, past);
  g_assert_cmpint (alcove_note_get_written_ms (note), >=, before);
  g_assert_cmpint (alcove_note_get_written_ms (note), <=, g_get_real_time () / 1000);
  session = get_session (f, alcove_note_get_session_id (note));
  g_assert_cmpstr (alcove_session_get_field (session, ALCOVE_SESSION_DATE), ==, past);
  g_assert_cmpint (alcove_session_get_status (session), ==, ALCOVE_SESSION_ATTENDED);

  g_assert_true (alcove_note_store_sign (f->notes, note, &error));
  g_assert_no_error (error);
  canonical = alcove_note_dup_canonical (note);
  written = g_strdup_printf ("\"written_ms\":%" G_GINT64_FORMAT, alcove_note_get_written_ms (note));
  g_assert_nonnull (strstr (canonical, written));

  opened = alcove_note_store_open (f->notes, alcove_note_get_id (note), &error);
  g_assert_no_error (error);
  g_assert_cmpint (alcove_note_get_integrity (opened), ==, ALCOVE_NOTE_INTEGRITY_OK);
  g_assert_cmpint (alcove_note_get_written_ms (opened), ==, alcove_note_get_written_ms (note));
  g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE %s.notes SET written_ms = 1"
                                                   " WHERE id = '%s'", schema,
                                         alcove_note_get_id (note)), ==, SQLITE_CONSTRAINT);

  /* not for a session still to come */
  g_assert_null (alcove_note_store_create (f->notes, f->client_id, NULL, "soap", tomorrow,
                                           &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_cmpuint (n_sessions (f), ==, 1);
}

/* A session's date moves its draft note's; what is signed is the moved date, even from a
 * copy of the draft read before */
static void
test_date_moves_draft (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *first = alcove_test_day_from_today (-4);
  g_autofree char *moved = alcove_test_day_from_today (-6);
  g_autofree char *id = add_session (f, f->client_id, first, ALCOVE_SESSION_ATTENDED);
  g_autoptr(AlcoveNote) draft = write_note (f, id, NULL, FALSE);
  g_autoptr(AlcoveSession) session = get_session (f, id);
  g_autoptr(AlcoveNote) opened = NULL;
  g_autoptr(GError) error = NULL;

  alcove_session_set_field (session, ALCOVE_SESSION_DATE, moved);
  g_assert_true (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_get_session_date (draft), ==, first);
  g_assert_true (alcove_note_store_sign (f->notes, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_get_session_date (draft), ==, moved);
  opened = alcove_note_store_open (f->notes, alcove_note_get_id (draft), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_get_session_date (opened), ==, moved);
  g_assert_cmpint (alcove_note_get_integrity (opened), ==, ALCOVE_NOTE_INTEGRITY_OK);
}

/* ---- Load Last Note ---- */

static void
test_load_last_note (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *early = alcove_test_day_from_today (-14);
  g_autofree char *late = alcove_test_day_from_today (-7);
  g_autoptr(AlcoveNote) first = NULL;
  g_autoptr(AlcoveNote) second = NULL;
  g_autoptr(AlcoveNote) third = NULL;
  g_autoptr(AlcoveNote) opened = NULL;
  g_autoptr(AlcoveNoteDraftModel) model = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *from_date = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(GError) error = NULL;

  /* nothing earlier to load */
  first = alcove_note_store_create (f->notes, f->client_id, NULL, "soap", early, &error);
  g_assert_no_error (error);
  g_assert_false (alcove_note_store_load_last_note (f->notes, first, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  fill (first, "Session one.");
  alcove_note_set_section (first, "plan", PLAN_TEXT);
  g_assert_true (alcove_note_store_sign (f->notes, first, &error));
  g_assert_no_error (error);

  /* the plan comes over, through the draft model as the editor does it, marked as copied */
  second = alcove_note_store_create (f->notes, f->client_id, NULL, "dap", late, &error);
  g_assert_no_error (error);
  model = alcove_note_draft_model_new (f->notes, second);
  g_assert_true (alcove_note_draft_model_load_last_note (model, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_get_section (second, "plan"), ==, PLAN_TEXT);
  g_assert_cmpstr (alcove_note_get_section (second, "data"), ==, "");
  g_assert_cmpuint (alcove_note_draft_model_get_words (model, "plan"), ==,
                    alcove_note_count_words (PLAN_TEXT));
  g_assert_false (alcove_note_draft_model_get_dirty (model));
  g_assert_cmpstr (alcove_note_get_copied_from (second), ==, alcove_note_get_id (first));
  g_assert_true (alcove_note_section_is_copied_unchanged (second, "plan"));
  from_date = alcove_note_store_dup_copied_from_date (f->notes, second);
  g_assert_cmpstr (from_date, ==, early);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "note.copy", alcove_note_get_id (second)),
                   ==, 1);
  /* once per draft */
  g_assert_false (alcove_note_store_load_last_note (f->notes, second, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  /* kept as copied in the file */
  opened = alcove_note_store_open (f->notes, alcove_note_get_id (second), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_get_copied_from (opened), ==, alcove_note_get_id (first));
  g_assert_true (alcove_note_section_is_copied_unchanged (opened, "plan"));
  g_clear_object (&opened);

  /* signing needs an edit or a confirmation */
  alcove_note_draft_model_set_section (model, "data", "Reported better sleep.");
  alcove_note_draft_model_set_section (model, "assessment", "Improving.");
  titles = alcove_note_store_dup_copied_unchanged_titles (f->notes, second);
  g_assert_cmpstr (titles, ==, "Plan");
  g_assert_false (alcove_note_draft_model_sign (model, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION);
  g_assert_nonnull (strstr (error->message, "Plan"));
  g_clear_error (&error);
  g_assert_cmpint (alcove_note_get_status (second), ==, ALCOVE_NOTE_DRAFT);
  /* white space is not an edit */
  alcove_note_draft_model_set_section (model, "plan", PLAN_TEXT "  \n");
  g_assert_false (alcove_note_draft_model_sign (model, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION);
  g_clear_error (&error);
  alcove_note_draft_model_set_section (model, "plan", PLAN_TEXT " Add breathing practice.");
  g_assert_null (alcove_note_store_dup_copied_unchanged_titles (f->notes, second));
  g_assert_true (alcove_note_draft_model_sign (model, &error));
  g_assert_no_error (error);
  canonical = alcove_note_dup_canonical (second);
  g_assert_nonnull (strstr (canonical, "\"copied_from\""));
  g_assert_null (strstr (canonical, "\"copy_confirmed_ms\""));
  opened = alcove_note_store_open (f->notes, alcove_note_get_id (second), &error);
  g_assert_cmpint (alcove_note_get_integrity (opened), ==, ALCOVE_NOTE_INTEGRITY_OK);
  g_assert_false (alcove_note_section_is_copied_unchanged (opened, "plan"));
  g_clear_object (&opened);
  g_clear_pointer (&canonical, g_free);

  /* the next one copies from the newest, and is confirmed as it stands */
  third = alcove_note_store_create (f->notes, f->client_id, NULL, "soap", NULL, &error);
  g_assert_null (third);
  g_clear_error (&error);
  {
    g_autofree char *today = alcove_date_today_iso ();

    third = alcove_note_store_create (f->notes, f->client_id, NULL, "soap", today, &error);
  }
  g_assert_no_error (error);
  g_assert_true (alcove_note_store_load_last_note (f->notes, third, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_note_get_copied_from (third), ==, alcove_note_get_id (second));
  g_assert_cmpstr (alcove_note_get_section (third, "plan"), ==,
                   PLAN_TEXT " Add breathing practice.");
  alcove_note_set_section (third, "subjective", "s");
  alcove_note_set_section (third, "objective", "o");
  alcove_note_set_section (third, "assessment", "a");
  g_assert_true (alcove_note_store_save (f->notes, third, &error));
  g_assert_false (alcove_note_store_sign (f->notes, third, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION);
  g_clear_error (&error);
  g_assert_true (alcove_note_store_confirm_copied (f->notes, third, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_test_count_audit (f->vault, "note.confirm-copied",
                                            alcove_note_get_id (third)), ==, 1);
  g_assert_true (alcove_note_store_sign (f->notes, third, &error));
  g_assert_no_error (error);
  canonical = alcove_note_dup_canonical (third);
  g_assert_nonnull (strstr (canonical, "\"copy_confirmed_ms\""));
  opened = alcove_note_store_open (f->notes, alcove_note_get_id (third), &error);
  g_assert_cmpint (alcove_note_get_integrity (opened), ==, ALCOVE_NOTE_INTEGRITY_OK);
  g_assert_cmpint (alcove_note_get_copy_confirmed_ms (opened), >, 0);

  /* what was copied is as fixed as the rest once signed */
  {
    g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (third));

    g_assert_cmpint (alcove_test_exec_raw (f->vault, "UPDATE %s.notes SET copied_sections = '{}'"
                                                     " WHERE id = '%s'", schema,
                                           alcove_note_get_id (third)), ==, SQLITE_CONSTRAINT);
  }
}

/* Not for psychotherapy notes, and only by the draft's author */
static void
test_load_last_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *date = alcove_test_day_from_today (-3);
  g_autoptr(AlcoveNote) earlier = write_note (f, NULL, date, TRUE);
  g_autoptr(AlcoveNote) private_note = NULL;
  g_autoptr(AlcoveNote) draft = NULL;
  g_autoptr(AlcoveNote) as_supervisor = NULL;
  g_autoptr(GError) error = NULL;

  private_note = alcove_note_store_create (f->notes, f->client_id, NULL, ALCOVE_FORMAT_PRIVATE,
                                           date, &error);
  g_assert_no_error (error);
  g_assert_false (alcove_note_store_load_last_note (f->notes, private_note, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  /* the plan already written stays: nothing to fill */
  draft = alcove_note_store_create (f->notes, f->client_id, NULL, "soap", date, &error);
  alcove_note_set_section (draft, "plan", "My own plan");
  g_assert_true (alcove_note_store_save (f->notes, draft, &error));
  g_assert_false (alcove_note_store_load_last_note (f->notes, draft, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_cmpstr (alcove_note_get_section (draft, "plan"), ==, "My own plan");
  g_assert_cmpstr (alcove_note_get_copied_from (draft), ==, "");
  g_clear_error (&error);

  /* a supervisor reads a supervisee's draft and never writes in it */
  alcove_test_add_user (f->vault, "sam", "Sam Clinician", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (f->vault, "rui", "Rui Supervisor", ALCOVE_ROLE_SUPERVISOR);
  g_assert_true (alcove_vault_grant_supervision (f->vault, "rui", "sam", &error));
  g_assert_no_error (error);
  reopen_as (f, "sam", TEST_OTHER_PASSWORD);
  g_clear_object (&earlier);
  earlier = write_note (f, NULL, date, TRUE);
  g_clear_object (&draft);
  draft = alcove_note_store_create (f->notes, f->client_id, NULL, "soap", date, &error);
  g_assert_no_error (error);
  reopen_as (f, "rui", TEST_OTHER_PASSWORD);
  as_supervisor = alcove_note_store_open (f->notes, alcove_note_get_id (draft), &error);
  g_assert_no_error (error);
  g_assert_false (alcove_note_store_load_last_note (f->notes, as_supervisor, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (alcove_note_get_section (as_supervisor, "plan"), ==, "");
}

/* ---- what others see ---- */

/* The attendance a disclosure lists: each attended session once, oldest first; the session
 * added first and the note written for it later are one */
static void
test_attendance (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *day1 = alcove_test_day_from_today (-20);
  g_autofree char *day2 = alcove_test_day_from_today (-10);
  g_autofree char *day3 = alcove_test_day_from_today (-5);
  g_autofree char *added = add_session (f, f->client_id, day2, ALCOVE_SESSION_SCHEDULED);
  g_autofree char *missed = add_session (f, f->client_id, day3, ALCOVE_SESSION_SCHEDULED);
  g_autoptr(AlcoveNote) one = write_note (f, NULL, day1, TRUE);
  g_autoptr(AlcoveNote) two = write_note (f, added, NULL, TRUE);
  g_autoptr(AlcoveSession) session = get_session (f, missed);
  g_autoptr(GListModel) attended = NULL;
  g_autoptr(GListModel) ranged = NULL;
  g_autoptr(AlcoveSession) first = NULL;
  g_autoptr(AlcoveSession) second = NULL;
  g_autoptr(GError) error = NULL;

  alcove_session_set_status (session, ALCOVE_SESSION_NO_SHOW);
  alcove_session_set_status_reason (session, "Forgot");
  g_assert_true (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_cmpuint (n_sessions (f), ==, 3);

  attended = alcove_client_store_list_attended (f->clients, f->client_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (attended), ==, 2);
  first = g_list_model_get_item (attended, 0);
  second = g_list_model_get_item (attended, 1);
  g_assert_cmpstr (alcove_session_get_field (first, ALCOVE_SESSION_DATE), ==, day1);
  g_assert_cmpstr (alcove_session_get_field (second, ALCOVE_SESSION_DATE), ==, day2);
  g_assert_cmpstr (alcove_session_get_id (second), ==, added);
  ranged = alcove_client_store_list_attended (f->clients, f->client_id, day2, NULL, &error);
  g_assert_cmpuint (n_items (ranged), ==, 1);
}

/* Billing sees sessions, codes and note status, changes codes, and never reads a note */
static void
test_billing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *date = alcove_test_day_from_today (-2);
  g_autoptr(AlcoveNote) note = write_note (f, NULL, date, TRUE);
  g_autofree char *session_id = g_strdup (alcove_note_get_session_id (note));
  g_autoptr(AlcoveSession) session = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;

  alcove_test_add_user (f->vault, "bea", "Bea Billing", ALCOVE_ROLE_BILLING);
  reopen_as (f, "bea", TEST_OTHER_PASSWORD);
  sessions = alcove_client_store_list_sessions (f->clients, f->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (sessions), ==, 1);
  session = g_list_model_get_item (sessions, 0);
  g_assert_cmpstr (alcove_session_get_field (session, ALCOVE_SESSION_NOTE_STATUS), ==, "signed");
  g_assert_null (alcove_note_store_open_for_session (f->notes, session_id, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (alcove_note_store_can_write (f->notes));
  alcove_session_set_field (session, ALCOVE_SESSION_SERVICE_CODE, "90791");
  g_assert_true (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_no_error (error);
}

/* ---- migrations ---- */

static gint64
db_int (AlcoveDatabase *db,
        const char     *sql)
{
  sqlite3_stmt *stmt = alcove_database_prepare (db, sql, NULL);
  gint64 value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* practice.db at v10 reaches v11: its sessions were attended; the one with a signed note is
 * now kept, the other may go */
static void
test_migration_practice (void)
{
  g_autoptr(AlcoveDatabase) db = alcove_test_database_at ("practice-v10.db",
                                                         ALCOVE_STORE_PRACTICE, 10);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_database_exec (db, "INSERT INTO clients (id, preferred_name, created_ms,"
                                           " updated_ms) VALUES ('c', 'C', 1, 1);"
                                           "INSERT INTO sessions (id, client_id, clinician, date,"
                                           " note_status, created_ms) VALUES"
                                           " ('s1', 'c', 'u', '2024-01-01', 'signed', 5),"
                                           " ('s2', 'c', 'u', '2024-01-02', 'none', 6);",
                                       &error));
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_PRACTICE, 11, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==, 11);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sessions WHERE status = 'attended'"), ==, 2);
  g_assert_cmpint (db_int (db, "SELECT signed_note FROM sessions WHERE id = 's1'"), ==, 1);
  g_assert_cmpint (db_int (db, "SELECT signed_note FROM sessions WHERE id = 's2'"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT updated_ms FROM sessions WHERE id = 's2'"), ==, 6);
  g_assert_false (alcove_database_exec (db, "DELETE FROM sessions WHERE id = 's1'", NULL));
  g_assert_false (alcove_database_exec (db, "UPDATE sessions SET date = '2020-01-01'"
                                            " WHERE id = 's1'", NULL));
  g_assert_true (alcove_database_exec (db, "UPDATE sessions SET service_code = '90834'"
                                           " WHERE id = 's1'", NULL));
  g_assert_false (alcove_database_exec (db, "UPDATE sessions SET status = 'gone'"
                                            " WHERE id = 's2'", NULL));
  g_assert_true (alcove_database_exec (db, "DELETE FROM sessions WHERE id = 's2'", NULL));
  /* a disposal, inside its transaction, may */
  g_assert_true (alcove_database_exec (db, "BEGIN; INSERT INTO disposal_in_progress VALUES ('d');"
                                           " DELETE FROM sessions WHERE id = 's1';"
                                           " DELETE FROM disposal_in_progress; COMMIT;", &error));
  g_assert_no_error (error);
  alcove_database_close (db);
}

/* A notes store at v6 reaches v7: a note signed before keeps its hash's form (no
 * written_ms), and its new columns are fixed with it */
static void
test_migration_notes (void)
{
  g_autoptr(AlcoveDatabase) db = alcove_test_database_at ("notes-v6.db", ALCOVE_STORE_NOTES, 6);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_database_exec (db, "INSERT INTO notes (id, client_id, author, format,"
                                           " session_date, status, created_ms, updated_ms,"
                                           " signed_ms, signed_by, hash) VALUES ('n', 'c',"
                                           " 'u', 'soap', '2024-01-01', 'signed', 1, 1, 2,"
                                           " 'u', 'abc')", &error));
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", ALCOVE_STORE_NOTES, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (db, "SELECT written_ms FROM notes WHERE id = 'n'"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT copied_sections = '{}' AND copied_from = ''"
                               " FROM notes WHERE id = 'n'"), ==, 1);
  g_assert_false (alcove_database_exec (db, "UPDATE notes SET written_ms = 5", NULL));
  g_assert_false (alcove_database_exec (db, "UPDATE notes SET copied_from = 'x'", NULL));
  alcove_database_close (db);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sessions/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("edit", test_edit);
  ADD ("cancel-and-no-show", test_cancel_and_no_show);
  ADD ("delete", test_delete);
  ADD ("note-for-session", test_note_for_session);
  ADD ("back-dated", test_back_dated);
  ADD ("date-moves-draft", test_date_moves_draft);
  ADD ("load-last-note", test_load_last_note);
  ADD ("load-last-refused", test_load_last_refused);
  ADD ("attendance", test_attendance);
  ADD ("billing", test_billing);
#undef ADD
  g_test_add_func ("/sessions/migration-practice-v10", test_migration_practice);
  g_test_add_func ("/sessions/migration-notes-v6", test_migration_notes);
  return g_test_run ();
}
