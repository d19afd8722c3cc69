/* test-notes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-notes"

#include "config.h"

#include "alcove-client-store.h"
#include "alcove-note-format.h"
#include "alcove-note-store.h"
#include "alcove-search.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* Words no note or name shares by chance; the audit log must never hold any of them */
#define NAME_ZOE   "Zoë Ackerman"
#define NAME_OTHER "Ottoline Quibble"
#define TEXT_MARK  "quokkamarker"

typedef struct
{
  char              *dir;
  AlcoveVault       *vault;
  AlcoveClientStore *clients;
  AlcoveNoteStore   *notes;
} Fixture;

static void
open_stores (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->clients = alcove_client_store_new (f->vault, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->clients);
  f->notes = alcove_note_store_new (f->clients);
}

static void
close_stores (Fixture *f)
{
  g_clear_object (&f->notes);
  g_clear_object (&f->clients);
  if (f->vault != NULL)
    alcove_vault_lock (f->vault);
  g_clear_object (&f->vault);
}

/* Locks and unlocks as `username`: every store reloads from the files */
static void
reopen_as (Fixture    *f,
           const char *username,
           const char *password)
{
  close_stores (f);
  f->vault = alcove_test_unlocked_vault (f->dir, username, password);
  open_stores (f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlcoveVault) created = NULL;

  f->dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (f->dir, NULL);
  f->vault = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  open_stores (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_stores (f);
  g_free (f->dir);
}

/* ---- raw SQL on the vault's own connection ---- */

static sqlite3 *
handle_of (Fixture *f)
{
  return alcove_database_get_handle (alcove_vault_get_database (f->vault));
}

/* The primary result code: a trigger's RAISE (ABORT) is SQLITE_CONSTRAINT */
static int
raw_exec (Fixture    *f,
          const char *sql)
{
  return sqlite3_exec (handle_of (f), sql, NULL, NULL, NULL) & 0xff;
}

static gint64
count_rows (Fixture    *f,
            const char *sql_format,
            ...) G_GNUC_PRINTF (2, 3);

static gint64
count_rows (Fixture    *f,
            const char *sql_format,
            ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;
  va_list args;

  va_start (args, sql_format);
  sql = g_strdup_vprintf (sql_format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (f), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static gint64
count_audit (Fixture    *f,
             const char *action,
             const char *object_id)
{
  return count_rows (f, "SELECT count(*) FROM main.audit_log WHERE action = '%s'"
                        " AND object_id = '%s'", action, object_id);
}

static char *
session_status (Fixture    *f,
                AlcoveNote *note)
{
  g_autofree char *sql = g_strdup_printf ("SELECT note_status FROM main.sessions WHERE id = '%s'",
                                          alcove_note_get_session_id (note));
  sqlite3_stmt *stmt = NULL;
  char *status;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (f), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return status;
}

/* ---- building blocks ---- */

static char *
add_client (Fixture            *f,
            const char         *name,
            AlcoveRecordType    type,
            const char * const *members)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, name);
  alcove_client_set_record_type (client, type);
  alcove_client_set_members (client, members);
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_client_get_id (client));
}

static char *
add_session (Fixture            *f,
             const char         *record_id,
             const char         *date,
             const char * const *attendees)
{
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(GError) error = NULL;

  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, record_id);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, date);
  alcove_session_set_attendees (session, attendees);
  g_assert_true (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_session_get_id (session));
}

/* A draft with every section of its format filled with "<key> <text>", saved */
static AlcoveNote *
add_note (Fixture    *f,
          const char *client_id,
          const char *session_id,
          const char *format_id,
          const char *date,
          const char *text)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (format_id);
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;

  note = alcove_note_store_create (f->notes, client_id, session_id, format_id, date, &error);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  for (guint i = 0; i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);
      g_autofree char *body = g_strdup_printf ("%s %s", section->key, text);

      alcove_note_set_section (note, section->key, body);
    }
  g_assert_true (alcove_note_store_save (f->notes, note, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&note);
}

static void
sign (Fixture    *f,
      AlcoveNote *note)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_note_store_sign (f->notes, note, &error));
  g_assert_no_error (error);
}

static gboolean
lists_note (Fixture    *f,
            const char *client_id,
            gboolean    private_notes,
            const char *note_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) notes = alcove_note_store_list_for_client (f->notes, client_id,
                                                                   private_notes, &error);

  g_assert_no_error (error);
  return alcove_test_model_has_note (notes, note_id);
}

static GListModel *
search (Fixture    *f,
        const char *query,
        const char *client_id)
{
  g_autoptr(AlcoveSearch) search = alcove_search_new (f->vault);
  g_autoptr(GError) error = NULL;
  GListModel *hits = alcove_search_run (search, query, client_id, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* Hits of a kind for a note (note_id NULL: any note), or client hits when kind is CLIENT */
static guint
count_hits (GListModel    *hits,
            AlcoveHitKind  kind,
            const char    *id)
{
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(AlcoveSearchHit) hit = g_list_model_get_item (hits, i);
      const char *hit_id = kind == ALCOVE_HIT_CLIENT ? alcove_search_hit_get_client_id (hit)
                                                     : alcove_search_hit_get_note_id (hit);

      if (alcove_search_hit_get_kind (hit) == kind && (id == NULL || g_str_equal (hit_id, id)))
        count++;
    }
  return count;
}

static guint
note_hits (Fixture    *f,
           const char *query,
           const char *client_id,
           const char *note_id)
{
  g_autoptr(GListModel) hits = search (f, query, client_id);

  return count_hits (hits, ALCOVE_HIT_NOTE, note_id) + count_hits (hits, ALCOVE_HIT_PART, note_id) +
         count_hits (hits, ALCOVE_HIT_ADDENDUM, note_id) +
         count_hits (hits, ALCOVE_HIT_PRIVATE, note_id);
}

/* ---- 1. clients ---- */

static void
assert_same_client (AlcoveClient *a,
                    AlcoveClient *b)
{
  GPtrArray *members_a = alcove_client_get_members (a);
  GPtrArray *members_b = alcove_client_get_members (b);
  GPtrArray *guardians_a = alcove_client_get_guardians (a);
  GPtrArray *guardians_b = alcove_client_get_guardians (b);

  g_assert_cmpstr (alcove_client_get_id (a), ==, alcove_client_get_id (b));
  for (guint field = 0; field < ALCOVE_CLIENT_N_FIELDS; field++)
    g_assert_cmpstr (alcove_client_get_field (a, field), ==, alcove_client_get_field (b, field));
  g_assert_cmpint (alcove_client_get_record_type (a), ==, alcove_client_get_record_type (b));
  g_assert_cmpint (alcove_client_get_status (a), ==, alcove_client_get_status (b));
  /* members are a set: the order they were chosen in is not kept */
  g_assert_cmpuint (members_a->len, ==, members_b->len);
  for (guint i = 0; i < members_a->len; i++)
    g_assert_true (g_ptr_array_find_with_equal_func (members_b, g_ptr_array_index (members_a, i),
                                                     g_str_equal, NULL));
  g_assert_cmpuint (guardians_a->len, ==, guardians_b->len);
  for (guint i = 0; i < guardians_a->len; i++)
    {
      AlcoveGuardian *ga = g_ptr_array_index (guardians_a, i);
      AlcoveGuardian *gb = g_ptr_array_index (guardians_b, i);

      g_assert_cmpstr (ga->name, ==, gb->name);
      g_assert_cmpstr (ga->relationship, ==, gb->relationship);
      g_assert_cmpstr (ga->access, ==, gb->access);
    }
}

static void
test_client_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const values[ALCOVE_CLIENT_N_FIELDS] = {
    NAME_ZOE, "Zoë Marie Ackerman", "2012-04-02", "she/her", "+1 555 0100", "zoe@example.org",
    "12 Harbour Lane", "Marta Ackerman, +1 555 0101", "2024-06-30", "",
  };
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(AlcoveClient) edit = NULL;
  g_autoptr(AlcoveClient) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  AlcoveRecordType types[] = { ALCOVE_RECORD_COUPLE, ALCOVE_RECORD_FAMILY, ALCOVE_RECORD_GROUP };
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_free);

  for (guint field = 0; field < ALCOVE_CLIENT_N_FIELDS; field++)
    alcove_client_set_field (client, field, values[field]);
  alcove_client_set_status (client, ALCOVE_CLIENT_DISCHARGED);
  alcove_client_add_guardian (client, "Marta Ackerman", "mother", "scheduling and billing");
  alcove_client_add_guardian (client, "Lou Ackerman", "father", "");
  g_assert_true (alcove_client_store_save (f->clients, client, &error));
  g_assert_no_error (error);
  id = g_strdup (alcove_client_get_id (client));
  g_assert_nonnull (id);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_CLIENT_CREATE, id), ==, 1);

  saved = g_object_ref (alcove_client_store_lookup (f->clients, id));
  assert_same_client (client, saved);
  for (guint field = 0; field < ALCOVE_CLIENT_N_FIELDS; field++)
    g_assert_cmpstr (alcove_client_get_field (saved, field), ==, values[field]);

  /* an update changes what it says, and is audited as one */
  edit = alcove_client_copy (saved);
  alcove_client_set_field (edit, ALCOVE_CLIENT_PHONE, "+1 555 0199");
  alcove_client_set_status (edit, ALCOVE_CLIENT_ACTIVE);
  g_assert_true (alcove_client_store_save (f->clients, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_CLIENT_UPDATE, id), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM clients"), ==, 1);
  g_clear_object (&saved);
  saved = g_object_ref (alcove_client_store_lookup (f->clients, id));
  g_assert_cmpstr (alcove_client_get_field (saved, ALCOVE_CLIENT_PHONE), ==, "+1 555 0199");
  /* an active client has no discharge date */
  g_assert_cmpstr (alcove_client_get_field (saved, ALCOVE_CLIENT_DISCHARGED_ON), ==, "");
  g_assert_cmpint (alcove_client_get_status (saved), ==, ALCOVE_CLIENT_ACTIVE);

  /* couple, family and group records keep their members */
  a = add_client (f, "Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);
  b = add_client (f, "Blake", ALCOVE_RECORD_INDIVIDUAL, NULL);
  c = add_client (f, "Casey", ALCOVE_RECORD_INDIVIDUAL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      const char *members[] = { c, a, b, NULL };

      if (types[i] == ALCOVE_RECORD_COUPLE)
        members[2] = NULL;
      g_ptr_array_add (records, add_client (f, "Record", types[i], members));
    }

  /* locking and unlocking reloads the same data */
  g_clear_object (&edit);
  edit = alcove_client_copy (alcove_client_store_lookup (f->clients, id));
  reopen_as (f, "dana", TEST_PASSWORD);
  g_assert_cmpuint (g_list_model_get_n_items (alcove_client_store_get_clients (f->clients)), ==,
                    7);
  assert_same_client (edit, alcove_client_store_lookup (f->clients, id));
  {
    GPtrArray *guardians = alcove_client_get_guardians (alcove_client_store_lookup (f->clients,
                                                                                    id));
    AlcoveGuardian *first = g_ptr_array_index (guardians, 0);

    g_assert_cmpuint (guardians->len, ==, 2);
    g_assert_cmpstr (first->name, ==, "Marta Ackerman");
    g_assert_cmpstr (first->access, ==, "scheduling and billing");
  }
  for (guint i = 0; i < records->len; i++)
    {
      AlcoveClient *record = alcove_client_store_lookup (f->clients,
                                                         g_ptr_array_index (records, i));
      GPtrArray *members = alcove_client_get_members (record);

      g_assert_cmpint (alcove_client_get_record_type (record), ==, types[i]);
      g_assert_cmpuint (members->len, ==, types[i] == ALCOVE_RECORD_COUPLE ? 2 : 3);
      g_assert_true (g_ptr_array_find_with_equal_func (members, c, g_str_equal, NULL));
      g_assert_true (g_ptr_array_find_with_equal_func (members, a, g_str_equal, NULL));
      g_assert_cmpint (g_ptr_array_find_with_equal_func (members, b, g_str_equal, NULL), ==,
                       types[i] != ALCOVE_RECORD_COUPLE);
    }
  {
    g_autoptr(GPtrArray) of_a = alcove_client_store_dup_records_of (f->clients, a);
    g_autoptr(GPtrArray) of_b = alcove_client_store_dup_records_of (f->clients, b);

    g_assert_cmpuint (of_a->len, ==, 3);
    g_assert_cmpuint (of_b->len, ==, 2);
  }
}

typedef struct
{
  const char       *what;
  const char       *name;
  const char       *date_of_birth;
  const char       *email;
  AlcoveRecordType  type;
  int               members;  /* 0: none, 1: an individual, 2: a couple record */
} InvalidClient;

static void
test_client_validation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next_year = g_date_time_add_years (now, 1);
  g_autofree char *future = g_date_time_format (next_year, "%Y-%m-%d");
  g_autofree char *single = add_client (f, "Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autofree char *other = add_client (f, "Blake", ALCOVE_RECORD_INDIVIDUAL, NULL);
  const char *pair[] = { single, other, NULL };
  g_autofree char *couple = add_client (f, "Avery and Blake", ALCOVE_RECORD_COUPLE, pair);
  const InvalidClient cases[] = {
    { "empty name", "", "", "", ALCOVE_RECORD_INDIVIDUAL, 0 },
    { "blank name", "   ", "", "", ALCOVE_RECORD_INDIVIDUAL, 0 },
    { "impossible date", "Casey", "2001-02-30", "", ALCOVE_RECORD_INDIVIDUAL, 0 },
    { "not a date", "Casey", "last spring", "", ALCOVE_RECORD_INDIVIDUAL, 0 },
    { "short date", "Casey", "2001-2-3", "", ALCOVE_RECORD_INDIVIDUAL, 0 },
    { "future date", "Casey", future, "", ALCOVE_RECORD_INDIVIDUAL, 0 },
    { "email without @", "Casey", "", "casey.example.org", ALCOVE_RECORD_INDIVIDUAL, 0 },
    { "individual with members", "Casey", "", "", ALCOVE_RECORD_INDIVIDUAL, 1 },
    { "member that is a couple", "Family", "", "", ALCOVE_RECORD_FAMILY, 2 },
  };
  const char *tables[] = { "clients", "client_members", "guardians", "audit_log" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AlcoveClient) client = alcove_client_new ();
      g_autoptr(GError) error = NULL;
      const char *members[] = { cases[i].members == 2 ? couple : single, NULL };
      gint64 before[G_N_ELEMENTS (tables)];

      g_test_message ("invalid client: %s", cases[i].what);
      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        before[t] = count_rows (f, "SELECT count(*) FROM main.%s", tables[t]);
      alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, cases[i].name);
      alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, cases[i].date_of_birth);
      alcove_client_set_field (client, ALCOVE_CLIENT_EMAIL, cases[i].email);
      alcove_client_set_record_type (client, cases[i].type);
      if (cases[i].members > 0)
        alcove_client_set_members (client, members);
      alcove_client_add_guardian (client, "Guardian", "", "");

      g_assert_false (alcove_client_store_save (f->clients, client, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        g_assert_cmpint (count_rows (f, "SELECT count(*) FROM main.%s", tables[t]), ==, before[t]);
      g_assert_cmpuint (g_list_model_get_n_items (alcove_client_store_get_clients (f->clients)),
                        ==, 3);
    }

  /* an invalid update leaves the saved client as it was */
  {
    g_autoptr(AlcoveClient) edit = alcove_client_copy (alcove_client_store_lookup (f->clients,
                                                                                   single));
    g_autoptr(GError) error = NULL;

    alcove_client_set_field (edit, ALCOVE_CLIENT_EMAIL, "avery at example.org");
    g_assert_false (alcove_client_store_save (f->clients, edit, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
    g_assert_cmpstr (alcove_client_get_field (alcove_client_store_lookup (f->clients, single),
                                              ALCOVE_CLIENT_EMAIL), ==, "");
    g_assert_cmpint (count_rows (f, "SELECT count(*) FROM clients WHERE email != ''"), ==, 0);
  }
}

typedef struct
{
  const char *born;
  const char *now;     /* ISO 8601, UTC */
  int         age;
  gboolean    minor;
} AgeCase;

static void
test_client_minor (void)
{
  const AgeCase cases[] = {
    { "2006-05-10", "2024-05-09T23:59:59Z", 17, TRUE },   /* 17 years and 364 days */
    { "2006-05-10", "2024-05-10T00:00:00Z", 18, FALSE },  /* the 18th birthday */
    { "2006-05-10", "2024-05-10T23:59:59Z", 18, FALSE },
    { "2008-02-29", "2026-02-28T12:00:00Z", 17, TRUE },   /* born on a leap day */
    { "2008-02-29", "2026-03-01T00:00:00Z", 18, FALSE },
    { "1980-01-01", "2024-05-10T00:00:00Z", 44, FALSE },
    { "", "2024-05-10T00:00:00Z", -1, FALSE },             /* unknown: not assumed a minor */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AlcoveClient) client = alcove_client_new ();
      g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (cases[i].now, NULL);

      g_assert_nonnull (now);
      alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, cases[i].born);
      g_assert_cmpint (alcove_client_get_age (client, now), ==, cases[i].age);
      g_assert_cmpint (alcove_client_is_minor (client, now), ==, cases[i].minor);
    }
}

static void
test_client_supervisor_read_only (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *id = add_client (f, NAME_ZOE, ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autoptr(AlcoveClient) client = NULL;
  g_autoptr(AlcoveClient) fresh = alcove_client_new ();
  g_autoptr(GError) error = NULL;
  gint64 rows;

  alcove_test_add_user (f->vault, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  reopen_as (f, "rui", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_client_store_can_edit (f->clients));
  client = alcove_client_copy (alcove_client_store_lookup (f->clients, id));
  rows = count_rows (f, "SELECT count(*) FROM audit_log");
  alcove_client_set_field (client, ALCOVE_CLIENT_PHONE, "+1 555 0123");
  g_assert_false (alcove_client_store_save (f->clients, client, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  alcove_client_set_field (fresh, ALCOVE_CLIENT_PREFERRED_NAME, "Someone");
  g_assert_false (alcove_client_store_save (f->clients, fresh, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM clients"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM clients WHERE phone != ''"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"), ==, rows);
}

/* ---- 2. sessions ---- */

static void
test_sessions (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = add_client (f, "Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autofree char *b = add_client (f, "Blake", ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autofree char *c = add_client (f, "Casey", ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autofree char *d = add_client (f, "Devon", ALCOVE_RECORD_INDIVIDUAL, NULL);
  const char *members[] = { a, b, c, NULL };
  g_autofree char *group = add_client (f, "Tuesday group", ALCOVE_RECORD_GROUP, members);
  const char *attendees[] = { a, b, NULL };
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(AlcoveSession) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *older = NULL;
  GPtrArray *loaded_attendees;

  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, group);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, "2024-03-04");
  alcove_session_set_field (session, ALCOVE_SESSION_START_TIME, "14:30");
  alcove_session_set_field (session, ALCOVE_SESSION_SERVICE_CODE, "90853");
  alcove_session_set_duration (session, 90);
  alcove_session_set_modality (session, ALCOVE_MODALITY_TELEHEALTH);
  alcove_session_set_attendees (session, attendees);

  /* telehealth needs its platform named */
  g_assert_false (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM sessions"), ==, 0);

  /* an attendee must be in the record */
  {
    const char *strangers[] = { a, d, NULL };

    alcove_session_set_field (session, ALCOVE_SESSION_PLATFORM, "Doxy.me");
    alcove_session_set_attendees (session, strangers);
    g_assert_false (alcove_client_store_save_session (f->clients, session, &error));
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (count_rows (f, "SELECT count(*) FROM sessions"), ==, 0);
    g_assert_cmpint (count_rows (f, "SELECT count(*) FROM session_attendees"), ==, 0);
  }

  alcove_session_set_attendees (session, attendees);
  g_assert_true (alcove_client_store_save_session (f->clients, session, &error));
  g_assert_no_error (error);
  id = g_strdup (alcove_session_get_id (session));

  loaded = alcove_client_store_get_session (f->clients, id, &error);
  g_assert_no_error (error);
  for (guint field = 0; field < ALCOVE_SESSION_N_FIELDS; field++)
    g_assert_cmpstr (alcove_session_get_field (loaded, field), ==,
                     alcove_session_get_field (session, field));
  g_assert_cmpstr (alcove_session_get_field (loaded, ALCOVE_SESSION_CLINICIAN), ==,
                   alcove_user_get_uuid (alcove_vault_get_current_user (f->vault)));
  g_assert_cmpstr (alcove_session_get_field (loaded, ALCOVE_SESSION_NOTE_STATUS), ==, "none");
  g_assert_cmpuint (alcove_session_get_duration (loaded), ==, 90);
  g_assert_cmpint (alcove_session_get_modality (loaded), ==, ALCOVE_MODALITY_TELEHEALTH);
  loaded_attendees = alcove_session_get_attendees (loaded);
  g_assert_cmpuint (loaded_attendees->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (loaded_attendees, a, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (loaded_attendees, b, g_str_equal, NULL));

  /* the group's session is in the record and in each attendee's list, not in the others' */
  {
    const char *ids[] = { group, a, b, c, d };
    const guint expected[] = { 1, 1, 1, 0, 0 };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        g_autoptr(GListModel) sessions = alcove_client_store_list_sessions (f->clients, ids[i],
                                                                            &error);
        g_autoptr(AlcoveSession) first = NULL;

        g_assert_no_error (error);
        g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, expected[i]);
        if (expected[i] == 0)
          continue;
        first = g_list_model_get_item (sessions, 0);
        g_assert_cmpstr (alcove_session_get_id (first), ==, id);
      }
  }

  /* an earlier session does not move the last-session date back */
  older = add_session (f, group, "2024-01-15", attendees);
  reopen_as (f, "dana", TEST_PASSWORD);
  {
    const char *ids[] = { group, a, b, c, d };
    const char *expected[] = { "2024-03-04", "2024-03-04", "2024-03-04", "", "" };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      g_assert_cmpstr (alcove_client_get_field (alcove_client_store_lookup (f->clients, ids[i]),
                                                ALCOVE_CLIENT_LAST_SESSION), ==, expected[i]);
  }
  {
    g_autoptr(GListModel) sessions = alcove_client_store_list_sessions (f->clients, a, &error);
    g_autoptr(AlcoveSession) last = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 2);
    last = g_list_model_get_item (sessions, 1);
    g_assert_cmpstr (alcove_session_get_id (last), ==, older);
  }
}

/* A client edit made after a session must not undo the session's last-session date */
static void
test_last_session_survives_client_edit (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *a = add_client (f, "Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autoptr(AlcoveClient) edit = alcove_client_copy (alcove_client_store_lookup (f->clients, a));
  g_autofree char *session = add_session (f, a, "2024-03-04", NULL);
  g_autoptr(GError) error = NULL;

  /* the edit form was opened before the session was recorded */
  alcove_client_set_field (edit, ALCOVE_CLIENT_PRONOUNS, "they/them");
  g_assert_true (alcove_client_store_save (f->clients, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (alcove_client_get_field (alcove_client_store_lookup (f->clients, a),
                                            ALCOVE_CLIENT_LAST_SESSION), ==, "2024-03-04");
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM clients WHERE last_session = '2024-03-04'"),
                   ==, 1);
  (void) session;
}

/* ---- 3. notes ---- */

static void
assert_same_note (AlcoveNote *a,
                  AlcoveNote *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpstr (alcove_note_get_id (a), ==, alcove_note_get_id (b));
  g_assert_cmpstr (alcove_note_get_store_id (a), ==, alcove_note_get_store_id (b));
  g_assert_cmpstr (alcove_note_get_client_id (a), ==, alcove_note_get_client_id (b));
  g_assert_cmpstr (alcove_note_get_session_id (a), ==, alcove_note_get_session_id (b));
  g_assert_cmpstr (alcove_note_get_author (a), ==, alcove_note_get_author (b));
  g_assert_cmpstr (alcove_note_get_format_id (a), ==, alcove_note_get_format_id (b));
  g_assert_cmpstr (alcove_note_get_session_date (a), ==, alcove_note_get_session_date (b));
  g_assert_cmpint (alcove_note_get_status (a), ==, alcove_note_get_status (b));
  g_assert_cmpstr (alcove_note_get_hash (a), ==, alcove_note_get_hash (b));
  g_assert_cmpuint (g_hash_table_size (alcove_note_get_sections (a)), ==,
                    g_hash_table_size (alcove_note_get_sections (b)));
  g_hash_table_iter_init (&iter, alcove_note_get_sections (a));
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (alcove_note_get_section (b, key), ==, value);
  g_assert_cmpuint (g_hash_table_size (alcove_note_get_parts (a)), ==,
                    g_hash_table_size (alcove_note_get_parts (b)));
  g_hash_table_iter_init (&iter, alcove_note_get_parts (a));
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (alcove_note_get_part (b, key), ==, value);
}

static AlcoveNote *
open_note (Fixture    *f,
           const char *note_id)
{
  g_autoptr(GError) error = NULL;
  AlcoveNote *note = alcove_note_store_open (f->notes, note_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (note);
  return note;
}

static void
test_note_drafts (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = add_client (f, NAME_ZOE, ALCOVE_RECORD_INDIVIDUAL, NULL);
  const char *formats[] = { "soap", "dap", "birp" };
  const char *first_keys[] = { "subjective", "data", "behavior" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(AlcoveNote) note = add_note (f, a, NULL, formats[i], "2024-03-04",
                                             TEXT_MARK " draft");
      g_autoptr(AlcoveNote) reopened = NULL;
      g_autofree char *status = NULL;

      g_assert_cmpint (alcove_note_get_status (note), ==, ALCOVE_NOTE_DRAFT);
      g_assert_false (alcove_note_get_dirty (note));
      g_assert_true (g_str_has_prefix (alcove_note_get_store_id (note), "notes:"));
      /* a record note without a session gets one, for billing */
      g_assert_cmpstr (alcove_note_get_session_id (note), !=, "");
      status = session_status (f, note);
      g_assert_cmpstr (status, ==, "draft");

      reopened = open_note (f, alcove_note_get_id (note));
      assert_same_note (note, reopened);
      g_assert_true (g_str_has_prefix (alcove_note_get_section (reopened, first_keys[i]),
                                       first_keys[i]));
      g_assert_cmpuint (g_hash_table_size (alcove_note_get_sections (reopened)), ==,
                        alcove_note_format_get_n_sections (alcove_note_format_lookup (formats[i])));
    }

  /* and across a lock */
  reopen_as (f, "dana", TEST_PASSWORD);
  {
    g_autoptr(GListModel) notes = alcove_note_store_list_for_client (f->notes, a, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 3);
  }

  /* bad input where it enters */
  g_assert_null (alcove_note_store_create (f->notes, a, NULL, "pie", "2024-03-04", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (alcove_note_store_create (f->notes, a, NULL, "soap", "2024-13-01", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (alcove_note_store_create (f->notes, "no-such-client", NULL, "soap",
                                           "2024-03-04", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
}

/* The canonical form does not depend on the order sections were typed in */
static void
test_note_canonical_order (void)
{
  const char *keys[] = { "subjective", "objective", "assessment", "plan" };
  g_autoptr(AlcoveNote) forward = alcove_note_new ("n", "notes:u", "c", "s", "u", "soap",
                                                   "2024-03-04");
  g_autoptr(AlcoveNote) backward = alcove_note_new ("n", "notes:u", "c", "s", "u", "soap",
                                                    "2024-03-04");
  g_autofree char *one = NULL, *two = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      alcove_note_set_section (forward, keys[i], keys[i]);
      alcove_note_set_section (backward, keys[G_N_ELEMENTS (keys) - 1 - i],
                               keys[G_N_ELEMENTS (keys) - 1 - i]);
    }
  one = alcove_note_dup_canonical (forward);
  two = alcove_note_dup_canonical (backward);
  g_assert_cmpstr (one, ==, two);
  /* keys in byte order */
  g_assert_true (strstr (one, "\"assessment\"") < strstr (one, "\"objective\""));
  g_assert_true (strstr (one, "\"objective\"") < strstr (one, "\"plan\""));
  g_assert_true (strstr (one, "\"plan\"") < strstr (one, "\"subjective\""));
}

static void
test_note_signing (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = add_client (f, NAME_ZOE, ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autoptr(AlcoveNote) note = add_note (f, a, NULL, "soap", "2024-03-04", TEXT_MARK);
  g_autoptr(AlcoveNote) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (note));
  g_autofree char *status = NULL;
  g_autofree char *sql = NULL;
  const char *blanks[] = { "", "   ", " \n\t " };

  /* a required section that is empty or only whitespace is named */
  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      alcove_note_set_section (note, "objective", blanks[i]);
      g_assert_false (alcove_note_store_sign (f->notes, note, &error));
      g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "Objective"));
      g_assert_null (strstr (error->message, "Subjective"));
      g_clear_error (&error);
      g_assert_cmpint (alcove_note_get_status (note), ==, ALCOVE_NOTE_DRAFT);
    }
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_NOTE_SIGN, alcove_note_get_id (note)), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.notes WHERE status = 'signed'",
                               schema), ==, 0);

  alcove_note_set_section (note, "objective", "Calm, engaged; " TEXT_MARK);
  sign (f, note);
  g_assert_cmpint (alcove_note_get_status (note), ==, ALCOVE_NOTE_SIGNED);
  g_assert_cmpstr (alcove_note_get_signed_by (note), ==, alcove_note_get_author (note));
  g_assert_cmpuint (strlen (alcove_note_get_hash (note)), ==, 64);
  status = session_status (f, note);
  g_assert_cmpstr (status, ==, "signed");

  /* the last words typed were saved with the signature */
  reopened = open_note (f, alcove_note_get_id (note));
  assert_same_note (note, reopened);
  g_assert_cmpint (alcove_note_get_integrity (reopened), ==, ALCOVE_NOTE_INTEGRITY_OK);
  g_assert_cmpstr (alcove_note_get_section (reopened, "objective"), ==, "Calm, engaged; " TEXT_MARK);

  /* a signed note is read-only for the store */
  g_assert_false (alcove_note_store_save (f->notes, reopened, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (alcove_note_store_sign (f->notes, reopened, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (alcove_note_store_delete_draft (f->notes, reopened, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* and for raw SQL, even on the author's own connection */
  sql = g_strdup_printf ("UPDATE %s.notes SET sections = '{}' WHERE id = '%s'", schema,
                         alcove_note_get_id (note));
  g_assert_cmpint (raw_exec (f, sql), ==, SQLITE_CONSTRAINT);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE %s.notes SET status = 'draft', signed_ms = 0 WHERE id = '%s'",
                         schema, alcove_note_get_id (note));
  g_assert_cmpint (raw_exec (f, sql), ==, SQLITE_CONSTRAINT);
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM %s.notes WHERE id = '%s'", schema,
                         alcove_note_get_id (note));
  g_assert_cmpint (raw_exec (f, sql), ==, SQLITE_CONSTRAINT);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO %s.note_parts (note_id, client_id, text)"
                         " VALUES ('%s', 'x', 'added later')", schema, alcove_note_get_id (note));
  g_assert_cmpint (raw_exec (f, sql), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.notes WHERE id = '%s'"
                               " AND sections LIKE '%%" TEXT_MARK "%%'", schema,
                               alcove_note_get_id (note)), ==, 1);

  {
    g_autoptr(AlcoveNote) again = open_note (f, alcove_note_get_id (note));

    g_assert_cmpint (alcove_note_get_integrity (again), ==, ALCOVE_NOTE_INTEGRITY_OK);
    assert_same_note (note, again);
  }
}

static void
test_note_parts_immutable (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *a = add_client (f, "Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autofree char *b = add_client (f, "Blake", ALCOVE_RECORD_INDIVIDUAL, NULL);
  const char *pair[] = { a, b, NULL };
  g_autofree char *couple = add_client (f, "Avery and Blake", ALCOVE_RECORD_COUPLE, pair);
  g_autofree char *session = add_session (f, couple, "2024-03-04", pair);
  g_autoptr(AlcoveNote) note = add_note (f, couple, session, "dap", "2024-03-04", TEXT_MARK);
  g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (note));
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  alcove_note_set_part (note, a, "Avery's part");
  alcove_note_set_part (note, b, "Blake's part");
  sign (f, note);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.note_parts WHERE note_id = '%s'",
                               schema, alcove_note_get_id (note)), ==, 2);

  sql = g_strdup_printf ("UPDATE %s.note_parts SET text = 'rewritten' WHERE note_id = '%s'",
                         schema, alcove_note_get_id (note));
  g_assert_cmpint (raw_exec (f, sql), ==, SQLITE_CONSTRAINT);
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM %s.note_parts WHERE note_id = '%s'", schema,
                         alcove_note_get_id (note));
  g_assert_cmpint (raw_exec (f, sql), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.note_parts WHERE note_id = '%s'"
                               " AND text LIKE '%%part'", schema, alcove_note_get_id (note)), ==, 2);
  {
    g_autoptr(AlcoveNote) reopened = open_note (f, alcove_note_get_id (note));

    g_assert_cmpint (alcove_note_get_integrity (reopened), ==, ALCOVE_NOTE_INTEGRITY_OK);
    g_assert_cmpstr (alcove_note_get_part (reopened, a), ==, "Avery's part");
    g_assert_cmpstr (alcove_note_get_part (reopened, b), ==, "Blake's part");
  }
  (void) error;
}

static void
test_note_addenda (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = add_client (f, NAME_ZOE, ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autoptr(AlcoveNote) note = add_note (f, a, NULL, "birp", "2024-03-04", TEXT_MARK);
  g_autoptr(AlcoveNote) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (note));
  g_autofree char *sql = NULL;
  const char *texts[] = { "First correction: the date of the referral was 2 March.",
                          "Second: the client called to confirm the plan." };
  GPtrArray *addenda;

  /* only on signed notes */
  g_assert_false (alcove_note_store_add_addendum (f->notes, note, "too early", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  sign (f, note);

  /* never empty */
  g_assert_false (alcove_note_store_add_addendum (f->notes, note, " \n ", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (alcove_note_get_addenda (note)->len, ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.addenda", schema), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_assert_true (alcove_note_store_add_addendum (f->notes, note, texts[i], &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_NOTE_ADDENDUM, alcove_note_get_id (note)), ==, 2);

  reopened = open_note (f, alcove_note_get_id (note));
  g_assert_cmpint (alcove_note_get_integrity (reopened), ==, ALCOVE_NOTE_INTEGRITY_OK);
  addenda = alcove_note_get_addenda (reopened);
  g_assert_cmpuint (addenda->len, ==, 2);
  for (guint i = 0; i < addenda->len; i++)
    {
      AlcoveAddendum *addendum = g_ptr_array_index (addenda, i);
      g_autofree char *expected = alcove_addendum_compute_hash (addendum,
                                                                alcove_note_get_id (reopened),
                                                                alcove_note_get_hash (reopened));

      g_assert_cmpstr (addendum->text, ==, texts[i]);
      g_assert_cmpstr (addendum->author, ==, alcove_note_get_author (note));
      g_assert_cmpstr (addendum->hash, ==, expected);
      if (i > 0)
        g_assert_cmpint (addendum->created_ms, >=,
                         ((AlcoveAddendum *) g_ptr_array_index (addenda, i - 1))->created_ms);
    }

  /* chained to the note: the same addendum under another note's hash does not verify */
  {
    AlcoveAddendum *first = g_ptr_array_index (addenda, 0);
    g_autofree char *elsewhere = alcove_addendum_compute_hash (first, "another-note",
                                                               alcove_note_get_hash (reopened));

    g_assert_cmpstr (elsewhere, !=, first->hash);
  }

  /* addenda cannot be changed or removed behind the store's back */
  sql = g_strdup_printf ("UPDATE %s.addenda SET text = 'rewritten'", schema);
  g_assert_cmpint (raw_exec (f, sql), ==, SQLITE_CONSTRAINT);
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM %s.addenda", schema);
  g_assert_cmpint (raw_exec (f, sql), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.addenda", schema), ==, 2);
}

static void
test_note_tamper (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = add_client (f, NAME_ZOE, ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autoptr(AlcoveNote) edited = add_note (f, a, NULL, "soap", "2024-03-04", TEXT_MARK);
  g_autoptr(AlcoveNote) untouched = add_note (f, a, NULL, "soap", "2024-03-11", TEXT_MARK);
  g_autoptr(AlcoveNote) reopened = NULL;
  g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (edited));
  g_autofree char *sql = NULL;

  sign (f, edited);
  sign (f, untouched);

  /* someone with the key drops the trigger and rewrites a signed note */
  sql = g_strdup_printf ("DROP TRIGGER %s.notes_signed_no_update", schema);
  g_assert_cmpint (raw_exec (f, sql), ==, SQLITE_OK);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE %s.notes SET sections = replace (sections, 'plan', 'PLAN')"
                         " WHERE id = '%s'", schema, alcove_note_get_id (edited));
  g_assert_cmpint (raw_exec (f, sql), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (handle_of (f)), ==, 1);

  reopen_as (f, "dana", TEST_PASSWORD);
  g_test_expect_message ("alcove-note-store", G_LOG_LEVEL_WARNING, "*no longer matches*");
  reopened = open_note (f, alcove_note_get_id (edited));
  g_test_assert_expected_messages ();
  g_assert_cmpint (alcove_note_get_integrity (reopened), ==, ALCOVE_NOTE_INTEGRITY_MISMATCH);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_NOTE_TAMPERED, alcove_note_get_id (edited)), ==, 1);

  g_clear_object (&reopened);
  reopened = open_note (f, alcove_note_get_id (untouched));
  g_assert_cmpint (alcove_note_get_integrity (reopened), ==, ALCOVE_NOTE_INTEGRITY_OK);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_NOTE_TAMPERED, alcove_note_get_id (untouched)),
                   ==, 0);
}

static void
test_note_delete_draft (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *a = add_client (f, NAME_ZOE, ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autoptr(AlcoveNote) draft = add_note (f, a, NULL, "dap", "2024-03-04", TEXT_MARK);
  g_autoptr(AlcoveNote) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (draft));
  g_autofree char *status = NULL;

  g_assert_true (alcove_note_store_delete_draft (f->notes, draft, &error));
  g_assert_no_error (error);
  missing = alcove_note_store_open (f->notes, alcove_note_get_id (draft), &error);
  g_assert_null (missing);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.notes", schema), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.search_docs", schema), ==, 0);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_NOTE_DELETE_DRAFT, alcove_note_get_id (draft)),
                   ==, 1);
  status = session_status (f, draft);
  g_assert_cmpstr (status, ==, "none");
  g_assert_false (lists_note (f, a, FALSE, alcove_note_get_id (draft)));
}

/* ---- 4. audit ---- */

static void
test_audit_rows (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = add_client (f, NAME_ZOE, ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autofree char *b = add_client (f, NAME_OTHER, ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autoptr(AlcoveNote) note = add_note (f, a, NULL, "soap", "2024-03-04", TEXT_MARK);
  g_autoptr(AlcoveNote) reopened = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = alcove_note_get_id (note);
  const char *markers[] = { TEXT_MARK, "Zoë", "Zoe", "Ackerman", "Ottoline", "Quibble",
                            "subjective", "assessment", "platypus" };
  sqlite3_stmt *stmt = NULL;
  guint rows = 0;

  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_CLIENT_CREATE, a), ==, 1);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_CLIENT_CREATE, b), ==, 1);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_NOTE_CREATE, id), ==, 1);

  /* the store that created the note counts the creation as its edit */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("edit %u " TEXT_MARK, i);

      alcove_note_set_section (note, "plan", text);
      g_assert_true (alcove_note_store_save (f->notes, note, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_NOTE_EDIT, id), ==, 0);

  /* a later store lifetime: one note.edit, however many saves */
  reopen_as (f, "dana", TEST_PASSWORD);
  reopened = open_note (f, id);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("later edit %u " TEXT_MARK, i);

      alcove_note_set_section (reopened, "plan", text);
      g_assert_true (alcove_note_store_save (f->notes, reopened, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_NOTE_EDIT, id), ==, 1);
  sign (f, reopened);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_NOTE_SIGN, id), ==, 1);
  g_assert_true (alcove_note_store_add_addendum (f->notes, reopened, "platypus " TEXT_MARK,
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_NOTE_ADDENDUM, id), ==, 1);
  g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_NOTE_EDIT, id), ==, 1);

  {
    g_autoptr(AlcoveClient) edit = alcove_client_copy (alcove_client_store_lookup (f->clients, b));

    alcove_client_set_field (edit, ALCOVE_CLIENT_LEGAL_NAME, "Ottoline Quibble-Smythe");
    g_assert_true (alcove_client_store_save (f->clients, edit, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_audit (f, ALCOVE_AUDIT_CLIENT_UPDATE, b), ==, 1);
  }

  /* no row says what was written or who the client is */
  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (f), "SELECT action, actor, object_id, details"
                                       " FROM main.audit_log", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *row = g_strjoin ("|", sqlite3_column_text (stmt, 0),
                                        sqlite3_column_text (stmt, 1),
                                        sqlite3_column_text (stmt, 2),
                                        sqlite3_column_text (stmt, 3), NULL);
      g_autofree char *folded = alcove_fold_text (row);

      for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
        {
          g_autofree char *marker = alcove_fold_text (markers[m]);

          if (strstr (folded, marker) != NULL)
            g_error ("audit row “%s” holds “%s”", row, markers[m]);
        }
      rows++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (rows, >, 10);
}

/* ---- 5. group notes ---- */

static void
test_group_notes (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = add_client (f, "Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autofree char *b = add_client (f, "Blake", ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autofree char *c = add_client (f, "Casey", ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autofree char *d = add_client (f, "Devon", ALCOVE_RECORD_INDIVIDUAL, NULL);
  const char *members[] = { a, b, c, NULL };
  const char *attending[] = { a, b, NULL };
  g_autofree char *group = add_client (f, "Tuesday group", ALCOVE_RECORD_GROUP, members);
  g_autofree char *session = add_session (f, group, "2024-03-05", attending);
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(AlcoveNote) reopened = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *parts;
  const char *id;

  note = alcove_note_store_create (f->notes, group, session, "soap", "2024-03-05", &error);
  g_assert_no_error (error);
  id = alcove_note_get_id (note);
  parts = alcove_note_get_parts (note);
  g_assert_cmpuint (g_hash_table_size (parts), ==, 2);
  g_assert_true (g_hash_table_contains (parts, a));
  g_assert_true (g_hash_table_contains (parts, b));
  g_assert_false (g_hash_table_contains (parts, c));

  alcove_note_set_section (note, "subjective", "The group talked about wombatting weekends.");
  alcove_note_set_part (note, a, "Avery described a numbat dream.");
  alcove_note_set_part (note, b, "Blake was quiet.");
  g_assert_true (alcove_note_store_save (f->notes, note, &error));
  g_assert_no_error (error);

  reopened = open_note (f, id);
  assert_same_note (note, reopened);

  g_assert_true (lists_note (f, group, FALSE, id));
  g_assert_true (lists_note (f, a, FALSE, id));
  g_assert_true (lists_note (f, b, FALSE, id));
  g_assert_false (lists_note (f, c, FALSE, id));
  g_assert_false (lists_note (f, d, FALSE, id));

  /* A's part is A's: indexed under A only, found as a part, and not in B's record */
  {
    g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (note));

    /* autosave leaves indexing to the catch-up that runs before every search */
    g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.search_pending WHERE note_id = '%s'",
                                 schema, id), ==, 1);
    g_assert_true (alcove_note_index_catch_up (f->vault, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.search_pending", schema), ==, 0);

    g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.search_docs d JOIN %s.search_fts s"
                                    " ON s.docid = d.docid WHERE s.body LIKE '%%numbat%%'",
                                 schema, schema), ==, 1);
    g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.search_docs d JOIN %s.search_fts s"
                                    " ON s.docid = d.docid WHERE s.body LIKE '%%numbat%%'"
                                    " AND d.kind = 'part' AND d.client_id = '%s'",
                                 schema, schema, a), ==, 1);
  }
  {
    g_autoptr(GListModel) hits = search (f, "numbat", NULL);
    g_autoptr(AlcoveSearchHit) hit = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
    hit = g_list_model_get_item (hits, 0);
    g_assert_cmpint (alcove_search_hit_get_kind (hit), ==, ALCOVE_HIT_PART);
    g_assert_cmpstr (alcove_search_hit_get_client_id (hit), ==, a);
    g_assert_cmpstr (alcove_search_hit_get_note_id (hit), ==, id);
  }
  g_assert_cmpuint (note_hits (f, "numbat", a, id), ==, 1);
  g_assert_cmpuint (note_hits (f, "numbat", b, id), ==, 0);
  g_assert_cmpuint (note_hits (f, "numbat", c, id), ==, 0);
  /* the shared sections belong to the group and to those who attended */
  g_assert_cmpuint (note_hits (f, "wombatting", group, id), ==, 1);
  g_assert_cmpuint (note_hits (f, "wombatting", b, id), ==, 1);
  g_assert_cmpuint (note_hits (f, "wombatting", c, id), ==, 0);
  g_assert_cmpuint (note_hits (f, "wombatting", d, id), ==, 0);
}

/* ---- 6. private notes and who sees what ---- */

static void
test_private_notes (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = add_client (f, NAME_ZOE, ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autoptr(AlcoveNote) process = NULL;
  g_autoptr(AlcoveNote) progress = add_note (f, a, NULL, "dap", "2024-03-04", "echidna");
  g_autoptr(GError) error = NULL;
  g_autofree char *process_id = NULL;
  g_autofree char *progress_id = g_strdup (alcove_note_get_id (progress));
  g_autofree char *private_schema = NULL;
  g_autofree char *notes_schema = alcove_vault_schema_for (alcove_note_get_store_id (progress));
  g_autoptr(AlcoveNote) seen = NULL;
  gint64 sessions;

  sign (f, progress);
  sessions = count_rows (f, "SELECT count(*) FROM sessions");
  process = add_note (f, a, NULL, ALCOVE_FORMAT_PRIVATE, "2024-03-04", "platypus musings");
  process_id = g_strdup (alcove_note_get_id (process));
  g_assert_true (alcove_note_is_private (process));
  g_assert_true (g_str_has_prefix (alcove_note_get_store_id (process), "private:"));
  g_assert_cmpstr (alcove_note_get_session_id (process), ==, "");
  /* no session for billing to see */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM sessions"), ==, sessions);
  private_schema = alcove_vault_schema_for (alcove_note_get_store_id (process));
  g_assert_true (g_str_has_prefix (private_schema, "private_"));
  g_assert_cmpstr (alcove_database_get_file_name (alcove_vault_get_database (f->vault),
                                                  private_schema), !=, private_schema);
  g_assert_true (g_str_has_prefix (alcove_database_get_file_name (
                                     alcove_vault_get_database (f->vault), private_schema),
                                   "private-"));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.notes WHERE id = '%s'",
                               private_schema, process_id), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.notes WHERE id = '%s'",
                               notes_schema, process_id), ==, 0);

  g_assert_true (lists_note (f, a, TRUE, process_id));
  g_assert_false (lists_note (f, a, FALSE, process_id));
  g_assert_true (lists_note (f, a, FALSE, progress_id));
  g_assert_cmpuint (note_hits (f, "platypus", NULL, process_id), ==, 1);
  {
    g_autoptr(GListModel) hits = search (f, "platypus", NULL);

    g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_PRIVATE, process_id), ==, 1);
  }

  alcove_test_add_user (f->vault, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_test_add_user (f->vault, "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR);
  g_assert_true (alcove_vault_grant_supervision (f->vault, "rui", "dana", &error));
  g_assert_no_error (error);

  /* another clinician shares the clients, not the notes */
  reopen_as (f, "sam", TEST_OTHER_PASSWORD);
  g_assert_nonnull (alcove_client_store_lookup (f->clients, a));
  g_assert_false (lists_note (f, a, TRUE, process_id));
  g_assert_false (lists_note (f, a, FALSE, progress_id));
  g_assert_cmpuint (note_hits (f, "platypus", NULL, NULL), ==, 0);
  g_assert_cmpuint (note_hits (f, "echidna", NULL, NULL), ==, 0);
  g_assert_null (alcove_note_store_open (f->notes, process_id, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the supervisor reads the progress notes, never the private ones, and writes nothing */
  reopen_as (f, "rui", TEST_OTHER_PASSWORD);
  g_assert_true (lists_note (f, a, FALSE, progress_id));
  g_assert_false (lists_note (f, a, TRUE, process_id));
  g_assert_false (lists_note (f, a, FALSE, process_id));
  g_assert_cmpuint (note_hits (f, "echidna", NULL, progress_id), ==, 1);
  g_assert_cmpuint (note_hits (f, "platypus", NULL, NULL), ==, 0);
  g_assert_null (alcove_note_store_open (f->notes, process_id, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  seen = open_note (f, progress_id);
  g_assert_cmpint (alcove_note_get_integrity (seen), ==, ALCOVE_NOTE_INTEGRITY_OK);
  g_assert_false (alcove_note_store_add_addendum (f->notes, seen, "A supervisor's remark", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM %s.addenda", notes_schema), ==, 0);
  g_assert_null (alcove_note_store_create (f->notes, a, NULL, "soap", "2024-03-05", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
}

/* ---- 7. search ---- */

typedef struct
{
  Fixture     *f;
  GMainLoop   *loop;
  GListModel  *hits;
  GError      *error;
} AsyncSearch;

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncSearch *state = user_data;

  state->hits = alcove_search_run_finish (ALCOVE_SEARCH (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
assert_valid_markup (const char *snippet)
{
  g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", snippet);
  static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_markup_parse_context_parse (context, wrapped, -1, &error) &&
                 g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *zoe = add_client (f, NAME_ZOE, ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autofree char *other = add_client (f, NAME_OTHER, ALCOVE_RECORD_INDIVIDUAL, NULL);
  g_autoptr(AlcoveNote) cafe = NULL;
  g_autoptr(AlcoveNote) apart = NULL;
  g_autoptr(AlcoveNote) draft = NULL;
  g_autoptr(GError) error = NULL;
  const char *cafe_id, *apart_id;

  cafe = alcove_note_store_create (f->notes, zoe, NULL, "dap", "2024-03-04", &error);
  g_assert_no_error (error);
  alcove_note_set_section (cafe, "data", "Anxiety before meetings. We met Zoe's sister at the café."
                                         " Discussed sleep hygiene and a < b & c.");
  alcove_note_set_section (cafe, "assessment", "Improving.");
  alcove_note_set_section (cafe, "plan", "Continue weekly.");
  g_assert_true (alcove_note_store_save (f->notes, cafe, &error));
  g_assert_no_error (error);
  sign (f, cafe);
  cafe_id = alcove_note_get_id (cafe);

  apart = alcove_note_store_create (f->notes, other, NULL, "dap", "2024-03-11", &error);
  g_assert_no_error (error);
  alcove_note_set_section (apart, "data", "Poor sleep; the kitchen hygiene worries her. Cafe owner.");
  g_assert_true (alcove_note_store_save (f->notes, apart, &error));
  g_assert_no_error (error);
  apart_id = alcove_note_get_id (apart);

  /* diacritics fold both ways, in notes and in names */
  g_assert_cmpuint (note_hits (f, "cafe", NULL, cafe_id), ==, 1);
  g_assert_cmpuint (note_hits (f, "CAFÉ", NULL, cafe_id), ==, 1);
  g_assert_cmpuint (note_hits (f, "café", NULL, apart_id), ==, 1);
  g_assert_cmpuint (note_hits (f, "Zoë", NULL, cafe_id), ==, 1);
  {
    g_autoptr(GListModel) hits = search (f, "zoe", NULL);

    g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_CLIENT, zoe), ==, 1);
    g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_CLIENT, other), ==, 0);
    g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_NOTE, cafe_id), ==, 1);
  }
  {
    g_autoptr(GListModel) hits = search (f, "ZOË ACKER", NULL);

    g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_CLIENT, zoe), ==, 1);
  }

  /* prefixes while typing */
  g_assert_cmpuint (note_hits (f, "anx", NULL, cafe_id), ==, 1);
  g_assert_cmpuint (note_hits (f, "anx meet", NULL, cafe_id), ==, 1);
  g_assert_cmpuint (note_hits (f, "anx", NULL, apart_id), ==, 0);

  /* a phrase is a phrase */
  g_assert_cmpuint (note_hits (f, "\"sleep hygiene\"", NULL, cafe_id), ==, 1);
  g_assert_cmpuint (note_hits (f, "\"sleep hygiene\"", NULL, apart_id), ==, 0);
  g_assert_cmpuint (note_hits (f, "sleep hygiene", NULL, apart_id), ==, 1);

  /* nothing */
  {
    g_autoptr(GListModel) hits = search (f, "xylophone", NULL);

    g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 0);
  }

  /* what a person types is never FTS syntax, and never an error */
  {
    const char *queries[] = { "\"sleep hygiene", "sleep\"", "*", "anx*", "-anxiety", "sleep -hygiene",
                              "sleep NEAR hygiene", "NEAR/2", "sleep OR xylophone", "OR", "AND",
                              "NOT", "\"\"", "\"", "(", "sleep)", "data:sleep", "^sleep", "'",
                              "%", "_", "\\", "", "   ", "a", "é" };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autoptr(GListModel) hits = NULL;

        g_test_message ("query: %s", queries[i]);
        hits = search (f, queries[i], NULL);
      }
    /* "OR" is a word, not an operator: xylophone is in no note */
    g_assert_cmpuint (note_hits (f, "sleep OR xylophone", NULL, NULL), ==, 0);
    g_assert_cmpuint (note_hits (f, "\"sleep hygiene", NULL, apart_id), ==, 1);
  }

  /* snippets: the match in bold, the rest escaped, valid markup */
  {
    g_autoptr(GListModel) hits = search (f, "anxiety", NULL);
    g_autoptr(AlcoveSearchHit) hit = NULL;
    const char *snippet;

    g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
    hit = g_list_model_get_item (hits, 0);
    snippet = alcove_search_hit_get_snippet (hit);
    g_assert_nonnull (strstr (snippet, "<b>Anxiety</b>"));
    g_assert_cmpstr (alcove_search_hit_get_session_date (hit), ==, "2024-03-04");
    assert_valid_markup (snippet);
  }
  {
    g_autoptr(GListModel) hits = search (f, "hygiene", zoe);
    g_autoptr(AlcoveSearchHit) hit = NULL;
    const char *snippet;

    g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
    hit = g_list_model_get_item (hits, 0);
    snippet = alcove_search_hit_get_snippet (hit);
    g_assert_nonnull (strstr (snippet, "<b>hygiene</b>"));
    g_assert_nonnull (strstr (snippet, "&lt;"));
    g_assert_nonnull (strstr (snippet, "&amp;"));
    g_assert_null (strstr (snippet, "a < b"));
    assert_valid_markup (snippet);
  }
  {
    g_autoptr(GListModel) hits = search (f, "zoe", NULL);

    for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
      {
        g_autoptr(AlcoveSearchHit) hit = g_list_model_get_item (hits, i);

        assert_valid_markup (alcove_search_hit_get_snippet (hit));
      }
  }

  /* within one client's record */
  g_assert_cmpuint (note_hits (f, "sleep", zoe, NULL), ==, 1);
  g_assert_cmpuint (note_hits (f, "sleep", zoe, apart_id), ==, 0);
  g_assert_cmpuint (note_hits (f, "sleep", other, cafe_id), ==, 0);
  {
    g_autoptr(GListModel) hits = search (f, "ottoline", zoe);

    g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 0);
  }

  /* an edited draft is found by its new words only; a deleted one by none */
  draft = alcove_note_store_create (f->notes, other, NULL, "soap", "2024-03-18", &error);
  g_assert_no_error (error);
  alcove_note_set_section (draft, "subjective", "marmalade");
  g_assert_true (alcove_note_store_save (f->notes, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (note_hits (f, "marmalade", NULL, alcove_note_get_id (draft)), ==, 1);
  alcove_note_set_section (draft, "subjective", "porridge");
  g_assert_true (alcove_note_store_save (f->notes, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (note_hits (f, "marmalade", NULL, NULL), ==, 0);
  g_assert_cmpuint (note_hits (f, "porridge", NULL, alcove_note_get_id (draft)), ==, 1);
  g_assert_true (alcove_note_store_delete_draft (f->notes, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (note_hits (f, "porridge", NULL, NULL), ==, 0);

  /* off the main thread, and cancelled */
  {
    g_autoptr(AlcoveSearch) searcher = alcove_search_new (f->vault);
    g_autoptr(GCancellable) cancelled = g_cancellable_new ();
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
    AsyncSearch state = { f, loop, NULL, NULL };
    GListModel *hits;

    alcove_search_run_async (searcher, "anx", NULL, 0, NULL, search_done_cb, &state);
    g_main_loop_run (loop);
    g_assert_no_error (state.error);
    g_assert_nonnull (state.hits);
    g_assert_cmpuint (count_hits (state.hits, ALCOVE_HIT_NOTE, cafe_id), ==, 1);
    g_clear_object (&state.hits);

    g_cancellable_cancel (cancelled);
    hits = alcove_search_run (searcher, "anx", NULL, 0, cancelled, &error);
    g_assert_null (hits);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);

    alcove_search_run_async (searcher, "anx", NULL, 0, cancelled, search_done_cb, &state);
    g_main_loop_run (loop);
    g_assert_null (state.hits);
    g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&state.error);
  }

  /* billing: names, never note text */
  alcove_test_add_user (f->vault, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  reopen_as (f, "bea", TEST_OTHER_PASSWORD);
  {
    const char *queries[] = { "anxiety", "zoe", "sleep", "cafe", "\"sleep hygiene\"" };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autoptr(GListModel) hits = search (f, queries[i], NULL);

        for (guint h = 0; h < g_list_model_get_n_items (hits); h++)
          {
            g_autoptr(AlcoveSearchHit) hit = g_list_model_get_item (hits, h);

            g_assert_cmpint (alcove_search_hit_get_kind (hit), ==, ALCOVE_HIT_CLIENT);
            g_assert_null (alcove_search_hit_get_note_id (hit));
          }
      }
    {
      g_autoptr(GListModel) hits = search (f, "zoe", NULL);

      g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
      g_assert_cmpuint (count_hits (hits, ALCOVE_HIT_CLIENT, zoe), ==, 1);
    }
  }
}

/* ---- 8. formats ---- */

static void
test_formats (void)
{
  GListModel *all = alcove_note_format_list_all ();
  GListModel *record = alcove_note_format_list_record ();
  const char *record_ids[] = { "soap", "dap", "birp", "girp", "intake", "discharge" };
  gboolean has_private = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (record), ==, G_N_ELEMENTS (record_ids));
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, G_N_ELEMENTS (record_ids) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (record_ids); i++)
    {
      g_autoptr(AlcoveNoteFormat) in_record = g_list_model_get_item (record, i);
      g_autoptr(AlcoveNoteFormat) in_all = g_list_model_get_item (all, i);

      g_assert_cmpstr (alcove_note_format_get_id (in_record), ==, record_ids[i]);
      g_assert_cmpstr (alcove_note_format_get_id (in_all), ==, record_ids[i]);
      g_assert_false (alcove_note_format_get_private (in_record));
    }
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (all, i);

      if (g_str_equal (alcove_note_format_get_id (format), ALCOVE_FORMAT_PRIVATE))
        {
          has_private = TRUE;
          g_assert_true (alcove_note_format_get_private (format));
        }
    }
  g_assert_true (has_private);
  g_assert_cmpuint (alcove_note_format_get_n_sections (alcove_note_format_lookup ("soap")), ==, 4);
  g_assert_cmpstr (alcove_note_format_get_section (alcove_note_format_lookup ("birp"), 1)->key,
                   ==, "intervention");
  g_assert_true (alcove_note_format_find_section (alcove_note_format_lookup ("dap"),
                                                  "plan")->required);
  /* the intake assessment holds a mental status examination and a risk assessment, both required */
  g_assert_true (alcove_note_format_find_section (alcove_note_format_lookup ("intake"),
                                                  "mental_status")->required);
  g_assert_true (alcove_note_format_find_section (alcove_note_format_lookup ("intake"),
                                                  "risk")->required);
  g_assert_null (alcove_note_format_find_section (alcove_note_format_lookup ("discharge"),
                                                  "plan"));
  g_assert_null (alcove_note_format_lookup ("pie"));
}

typedef struct
{
  const char *json;
  const char *problem;   /* a word the message must contain */
} BadFormat;

static void
test_format_malformed (void)
{
  const BadFormat cases[] = {
    { "{ \"id\": \"girp\", \"name\": \"GIRP\", \"sections\": [", NULL },
    { "[]", "id" },
    { "{ \"name\": \"GIRP\", \"sections\": [] }", "id" },
    { "{ \"id\": \"girp\", \"sections\": [] }", "name" },
    { "{ \"id\": \"girp\", \"name\": \"GIRP\" }", "sections" },
    { "{ \"id\": \"girp\", \"name\": \"GIRP\", \"sections\": {} }", "sections" },
    { "{ \"id\": \"girp\", \"name\": \"GIRP\", \"sections\": [ { \"title\": \"Goal\" } ] }",
      "key" },
    { "{ \"id\": \"girp\", \"name\": \"GIRP\", \"sections\": [ { \"key\": \"goal\" } ] }",
      "title" },
    { "{ \"id\": \"girp\", \"name\": \"GIRP\", \"sections\": [ 3 ] }", "section 1" },
    { "{ \"id\": \"girp\", \"name\": \"GIRP\", \"sections\": ["
      " { \"key\": \"goal\", \"title\": \"Goal\" }, { \"key\": \"goal\", \"title\": \"Again\" } ] }",
      "section 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(AlcoveNoteFormat) format = alcove_note_format_new_from_data (bytes, &error);

      g_test_message ("format: %s", cases[i].json);
      g_assert_null (format);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
      if (cases[i].problem != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].problem));
    }

  /* nested far deeper than any data file: refused before json-glib recurses into it */
  {
    g_autoptr(GString) deep = g_string_new ("{ \"id\": \"girp\", \"name\": \"GIRP\", "
                                            "\"sections\": ");
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(AlcoveNoteFormat) format = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    bytes = g_bytes_new (deep->str, deep->len);
    format = alcove_note_format_new_from_data (bytes, &error);
    g_assert_null (format);
    g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  }

  {
    const char *good = "{ \"id\": \"girp\", \"name\": \"GIRP\", \"sections\": ["
                       " { \"key\": \"goal\", \"title\": \"Goal\", \"required\": true } ] }";
    g_autoptr(GBytes) bytes = g_bytes_new_static (good, strlen (good));
    g_autoptr(GError) error = NULL;
    g_autoptr(AlcoveNoteFormat) format = alcove_note_format_new_from_data (bytes, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (alcove_note_format_get_n_sections (format), ==, 1);
    g_assert_true (alcove_note_format_get_section (format, 0)->required);
  }
}

/* ---- 9. nested transactions ---- */

static void
test_nested_transactions (Fixture       *f,
                          gconstpointer  data)
{
  AlcoveDatabase *database = alcove_vault_get_database (f->vault);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_database_begin (database, &error));
  g_assert_true (alcove_database_exec (database, "INSERT INTO meta VALUES ('outer', '1')", &error));
  g_assert_true (alcove_database_begin (database, &error));
  g_assert_true (alcove_database_exec (database, "INSERT INTO meta VALUES ('inner', '1')", &error));
  alcove_database_rollback (database);
  g_assert_true (alcove_database_begin (database, &error));
  g_assert_true (alcove_database_exec (database, "INSERT INTO meta VALUES ('kept', '1')", &error));
  g_assert_true (alcove_database_commit (database, &error));
  g_assert_true (alcove_database_commit (database, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (handle_of (f)));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM meta WHERE key = 'outer'"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM meta WHERE key = 'inner'"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM meta WHERE key = 'kept'"), ==, 1);

  /* an inner commit is undone by the outer rollback */
  g_assert_true (alcove_database_begin (database, &error));
  g_assert_true (alcove_database_begin (database, &error));
  g_assert_true (alcove_database_exec (database, "INSERT INTO meta VALUES ('undone', '1')",
                                       &error));
  g_assert_true (alcove_database_commit (database, &error));
  alcove_database_rollback (database);
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (handle_of (f)));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM meta WHERE key = 'undone'"), ==, 0);

  /* a store's save inside an outer transaction commits with it */
  g_assert_true (alcove_database_begin (database, &error));
  {
    g_autofree char *a = add_client (f, "Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);

    g_assert_false (sqlite3_get_autocommit (handle_of (f)));
    g_assert_true (alcove_database_commit (database, &error));
    g_assert_no_error (error);
    reopen_as (f, "dana", TEST_PASSWORD);
    g_assert_nonnull (alcove_client_store_lookup (f->clients, a));
  }
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/notes/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("clients/round-trip", test_client_round_trip);
  ADD ("clients/validation", test_client_validation);
  g_test_add_func ("/notes/clients/minor", test_client_minor);
  ADD ("clients/supervisor-read-only", test_client_supervisor_read_only);
  ADD ("sessions/group", test_sessions);
  ADD ("sessions/last-session-survives-edit", test_last_session_survives_client_edit);
  g_test_add_func ("/notes/notes/canonical-order", test_note_canonical_order);
  ADD ("notes/drafts", test_note_drafts);
  ADD ("notes/signing", test_note_signing);
  ADD ("notes/parts-immutable", test_note_parts_immutable);
  ADD ("notes/addenda", test_note_addenda);
  ADD ("notes/tamper", test_note_tamper);
  ADD ("notes/delete-draft", test_note_delete_draft);
  ADD ("audit/rows", test_audit_rows);
  ADD ("group-notes", test_group_notes);
  ADD ("private-notes", test_private_notes);
  ADD ("search", test_search);
  g_test_add_func ("/notes/formats/list", test_formats);
  g_test_add_func ("/notes/formats/malformed", test_format_malformed);
  ADD ("nested-transactions", test_nested_transactions);

#undef ADD

  return g_test_run ();
}
