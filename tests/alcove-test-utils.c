/* alcove-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "alcove-client-store.h"
#include "alcove-consent-store.h"
#include "alcove-consent-template.h"
#include "alcove-documents.h"
#include "alcove-hardening.h"
#include "alcove-note-format.h"
#include "alcove-note-store.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

void
alcove_test_init (int    *argc,
                  char ***argv)
{
  /* a child that exits before reading what a test writes to it is a write error, not the
   * end of the test program */
  signal (SIGPIPE, SIG_IGN);
  alcove_harden_process ();
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

void
alcove_test_init_gui (int    *argc,
                      char ***argv)
{
  g_autofree char *base = g_dir_make_tmp ("alcove-gui-test-XXXXXX", NULL);
  const char *vars[][2] = { { "HOME", "home" }, { "XDG_DATA_HOME", "data" },
                            { "XDG_CONFIG_HOME", "config" }, { "XDG_CACHE_HOME", "cache" },
                            { "XDG_STATE_HOME", "state" } };

  g_assert_nonnull (base);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (base, vars[i][1], NULL);
      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i][0], dir, TRUE);
    }
  alcove_harden_process ();
  g_test_init (argc, argv, NULL);
}

void
alcove_test_export_user_dirs (void)
{
  g_setenv ("XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_setenv ("XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_setenv ("XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_setenv ("XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
}

const AlcoveKdfParams *
alcove_test_fast_kdf (void)
{
  static const AlcoveKdfParams fast = { 1, 64, 1 };
  return &fast;
}

AlcoveSecret *
alcove_test_secret (const char *text)
{
  return alcove_secret_new_from_data (text, strlen (text));
}

char *
alcove_test_vault_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "alcove", "vault", NULL);
}

AlcoveVault *
alcove_test_create_vault (const char  *dir,
                          char       **recovery_code)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveVaultSetup setup = { "Harbor Counseling", "dana", "Dana Whitfield", password,
                             alcove_test_fast_kdf () };

  {
    gboolean ok = alcove_vault_create (vault, &setup, &code, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
  g_assert_nonnull (code);
  if (recovery_code != NULL)
    *recovery_code = g_strndup ((const char *) alcove_secret_get_data (code),
                                alcove_secret_get_size (code));
  return g_steal_pointer (&vault);
}

AlcoveVault *
alcove_test_unlocked_vault (const char *dir,
                            const char *username,
                            const char *password)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);
  g_autoptr(GError) error = NULL;

  {
    gboolean ok = alcove_vault_unlock_with_password (vault, username, secret, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
  return g_steal_pointer (&vault);
}

AlcoveVault *
alcove_test_fresh_vault (char **dir)
{
  g_autoptr(AlcoveVault) created = NULL;

  *dir = alcove_test_vault_dir ();
  created = alcove_test_create_vault (*dir, NULL);
  return alcove_test_unlocked_vault (*dir, "dana", TEST_PASSWORD);
}

void
alcove_test_open_stores (AlcoveVault        *vault,
                         AlcoveClientStore **clients,
                         AlcoveNoteStore   **notes)
{
  g_autoptr(GError) error = NULL;

  *clients = alcove_client_store_new (vault, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*clients);
  *notes = alcove_note_store_new (*clients);
}

void
alcove_test_close_stores (AlcoveVault       **vault,
                          AlcoveClientStore **clients,
                          AlcoveNoteStore   **notes)
{
  g_clear_object (notes);
  g_clear_object (clients);
  if (*vault != NULL)
    alcove_vault_lock (*vault);
  g_clear_object (vault);
}

char *
alcove_test_day_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

void
alcove_test_add_user (AlcoveVault *owner,
                      const char  *username,
                      const char  *full_name,
                      AlcoveRole   role)
{
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(GError) error = NULL;

  {
    gboolean ok = alcove_vault_add_user (owner, username, full_name, role, password,
                                        alcove_test_fast_kdf (), &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
}

GHashTable *
alcove_test_snapshot (const char *dir)
{
  GHashTable *snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf buf;

      g_assert_cmpint (g_stat (path, &buf), ==, 0);
      g_hash_table_insert (snapshot, g_strdup (name),
                           g_strdup_printf ("%" G_GINT64_FORMAT ":%ld.%09ld",
                                            (gint64) buf.st_size, (long) buf.st_mtim.tv_sec,
                                            (long) buf.st_mtim.tv_nsec));
    }
  return snapshot;
}

void
alcove_test_assert_same_snapshot (GHashTable *before,
                                  GHashTable *after)
{
  GHashTableIter iter;
  gpointer name, state;

  g_assert_cmpuint (g_hash_table_size (before), ==, g_hash_table_size (after));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &name, &state))
    g_assert_cmpstr (g_hash_table_lookup (after, name), ==, state);
}

gint64
alcove_test_count_audit (AlcoveVault *vault,
                         const char  *action,
                         const char  *object_id)
{
  sqlite3_stmt *stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                                "SELECT count(*) FROM audit_log"
                                                " WHERE action = ? AND object_id = ?", NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, object_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

gboolean
alcove_test_model_has_note (GListModel *model,
                            const char *note_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (model, i);

      if (g_str_equal (alcove_note_get_id (note), note_id))
        return TRUE;
    }
  return FALSE;
}

int
alcove_test_exec_raw (AlcoveVault *vault,
                      const char  *sql_format,
                      ...)
{
  sqlite3 *handle = alcove_database_get_handle (alcove_vault_get_database (vault));
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, sql_format);
  sql = g_strdup_vprintf (sql_format, args);
  va_end (args);
  return sqlite3_exec (handle, sql, NULL, NULL, NULL) & 0xff;
}

gint64
alcove_test_query_int (AlcoveVault *vault,
                       const char  *sql_format,
                       ...)
{
  sqlite3 *handle = alcove_database_get_handle (alcove_vault_get_database (vault));
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;
  va_list args;

  va_start (args, sql_format);
  sql = g_strdup_vprintf (sql_format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

gboolean
alcove_test_file_contains (const char *path,
                           const void *needle,
                           gsize       needle_size)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return memmem (contents, length, needle, needle_size) != NULL;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  /* a test that fails an assertion must not leave daemons behind */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

GSubprocess *
alcove_test_start_bus (const char  *bus_type,
                       const char  *dir,
                       char       **address)
{
  g_autofree char *config = g_strdup_printf ("%s/%s-bus.conf", dir, bus_type);
  g_autofree char *config_arg = g_strdup_printf ("--config-file=%s", config);
  g_autofree char *text = g_strdup_printf (
    "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\""
    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">"
    "<busconfig><type>%s</type><listen>unix:tmpdir=/tmp</listen>"
    "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
    "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>", bus_type);
  g_autoptr(GSubprocessLauncher) launcher =
    launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *bus;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (config, text, -1, NULL));
  bus = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", config_arg, "--nofork",
                                     "--print-address=1", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus));
  *address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*address);
  return bus;
}

GSubprocess *
alcove_test_start_keyring (const char *runtime_dir)
{
  g_autoptr(GSubprocessLauncher) launcher =
    launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                  G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocessLauncher) waiter = launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) wait = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *keyring;

  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                         "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  /* --unlock reads the new login keyring's password up to the end of input */
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (keyring), "test", 4, NULL, NULL, NULL);
  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring), NULL, NULL);

  wait = g_subprocess_launcher_spawn (waiter, &error, "gdbus", "wait", "--session", "--timeout",
                                      "20", "org.freedesktop.secrets", NULL);
  g_assert_no_error (error);
  {
    gboolean ok = g_subprocess_wait_check (wait, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
  return keyring;
}

void
alcove_test_stop (GSubprocess **process)
{
  if (*process == NULL)
    return;
  g_subprocess_send_signal (*process, SIGTERM);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

/* A signed release of `client_id` to `recipient`, in effect from `signed_on` to
 * `expires_on` (YYYY-MM-DD), with its signed form attached */
AlcoveConsent *
alcove_test_add_release (AlcoveVault *vault,
                         const char  *client_id,
                         const char  *recipient,
                         const char  *information,
                         const char  *purpose,
                         const char  *signed_on,
                         const char  *expires_on)
{
  g_autoptr(AlcoveConsentStore) consents = alcove_consent_store_new (vault, NULL);
  AlcoveConsent *consent = alcove_consent_new (client_id, ALCOVE_CONSENT_KIND_RELEASE);
  AlcoveConsentTemplate *template = alcove_consent_template_lookup (ALCOVE_CONSENT_KIND_RELEASE);
  g_autoptr(GBytes) form = g_bytes_new_static ("%PDF-1.4 signed form", 20);
  g_autoptr(GError) error = NULL;
  g_autofree char *document = alcove_documents_add (vault, form, "release.pdf", "application/pdf",
                                                    &error);

  g_assert_no_error (error);
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT, recipient);
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT_ADDRESS,
                            "Harbor Clinic, 2 Pier Road");
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_DISCLOSER, "Dana Whitfield");
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_INFORMATION, information);
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_DESCRIPTION,
                            "Progress notes and dates of attendance this year");
  alcove_consent_set_value (consent, ALCOVE_CONSENT_VALUE_PURPOSE, purpose);
  for (guint i = 0; i < alcove_consent_template_get_n_statements (template); i++)
    {
      g_autofree char *key =
        alcove_consent_statement_value_key (alcove_consent_template_get_statement (template, i)->key);

      alcove_consent_set_value (consent, key, ALCOVE_CONSENT_ACKNOWLEDGED);
    }
  alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNER_NAME, "Jordan Avery");
  alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNED_ON, signed_on);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_EXPIRES_ON, expires_on);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_DOCUMENT_ID, document);
  g_assert_true (alcove_consent_store_activate (consents, consent, &error));
  g_assert_no_error (error);
  return consent;
}

char *
alcove_test_pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("pdftotext: %s", error->message);
  return g_steal_pointer (&out);
}

/* ---- records ---- */

char *
alcove_test_add_client (AlcoveClientStore *clients,
                        const char        *name)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, name);
  g_assert_true (alcove_client_store_save (clients, client, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_client_get_id (client));
}

char *
alcove_test_write_note (AlcoveNoteStore *notes,
                        const char      *client_id,
                        const char      *format_id,
                        const char      *text,
                        gboolean         sign)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (format_id);
  g_autoptr(AlcoveClientStore) clients = g_object_ref (alcove_note_store_get_clients (notes));
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;

  if (!alcove_note_format_get_private (format))
    {
      alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, client_id);
      alcove_session_set_field (session, ALCOVE_SESSION_DATE, "2026-11-30");
      g_assert_true (alcove_client_store_save_session (clients, session, &error));
      g_assert_no_error (error);
    }
  note = alcove_note_store_create (notes, client_id, alcove_session_get_id (session), format_id,
                                   "2026-11-30", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < alcove_note_format_get_n_sections (format); i++)
    alcove_note_set_section (note, alcove_note_format_get_section (format, i)->key, text);
  g_assert_true (alcove_note_store_save (notes, note, &error));
  g_assert_no_error (error);
  if (sign)
    {
      g_assert_true (alcove_note_store_sign (notes, note, &error));
      g_assert_no_error (error);
    }
  return g_strdup (alcove_note_get_id (note));
}

AlcoveDatabase *
alcove_test_database_at (const char      *name,
                         AlcoveStoreKind  kind,
                         int              version)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(GError) error = NULL;
  AlcoveDatabase *db;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  db = alcove_database_open (path, key, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (alcove_database_migrate (db, "main", kind, version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alcove_database_get_user_version (db, "main"), ==, version);
  return db;
}

char *
alcove_test_read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

AlcoveClient *
alcove_test_find_client (AlcoveClientStore *clients,
                         const char        *preferred_name)
{
  GListModel *model = alcove_client_store_get_clients (clients);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcoveClient) client = g_list_model_get_item (model, i);

      if (g_str_equal (alcove_client_get_field (client, ALCOVE_CLIENT_PREFERRED_NAME),
                       preferred_name))
        return g_steal_pointer (&client);
    }
  g_error ("No client “%s”", preferred_name);
  return NULL;
}

/* ---- holding a worker ---- */

struct _AlcoveTestGate
{
  GMutex   mutex;
  GCond    cond;
  gboolean open;
};

static void
gate_job (GTask          *task,
          AlcoveDatabase *connection,
          gpointer        task_data,
          GCancellable   *cancellable)
{
  AlcoveTestGate *gate = task_data;

  g_mutex_lock (&gate->mutex);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->mutex);
  g_mutex_unlock (&gate->mutex);
  g_task_return_boolean (task, TRUE);
}

static void
gate_free (AlcoveTestGate *gate)
{
  g_mutex_clear (&gate->mutex);
  g_cond_clear (&gate->cond);
  g_free (gate);
}

AlcoveTestGate *
alcove_test_hold_worker (AlcoveWorker *worker)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  AlcoveTestGate *gate = g_new0 (AlcoveTestGate, 1);

  g_mutex_init (&gate->mutex);
  g_cond_init (&gate->cond);
  g_task_set_task_data (task, gate, (GDestroyNotify) gate_free);
  alcove_worker_run (worker, task, ALCOVE_WORKER_NONE, gate_job);
  return gate;
}

void
alcove_test_release_worker (AlcoveTestGate *gate)
{
  g_mutex_lock (&gate->mutex);
  gate->open = TRUE;
  g_cond_signal (&gate->cond);
  g_mutex_unlock (&gate->mutex);
}
