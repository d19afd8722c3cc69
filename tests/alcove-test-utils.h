/* alcove-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-client-store.h"
#include "alcove-consent.h"
#include "alcove-database.h"
#include "alcove-note-store.h"
#include "alcove-vault.h"
#include "alcove-worker.h"

G_BEGIN_DECLS

#define TEST_PASSWORD       "correct horse battery staple"
#define TEST_OTHER_PASSWORD "velvet otter quarry lantern"

/* g_test_init with a private $HOME and $XDG_* per test case, and process hardening */
void                   alcove_test_init           (int         *argc,
                                                   char      ***argv);
/* For GTK tests: private $HOME and $XDG_*_HOME for the whole program, but the system's
 * XDG_DATA_DIRS, which GTK needs for MIME types and icons */
void                   alcove_test_init_gui       (int         *argc,
                                                   char      ***argv);
/* Puts this test case's private $XDG_*_HOME into the environment, so a child process
 * (alcovectl, a writer) uses the same folders as the test */
void                   alcove_test_export_user_dirs (void);
/* Argon2id at its minimum: tests exercise the code, not the cost */
const AlcoveKdfParams *alcove_test_fast_kdf       (void);
AlcoveSecret          *alcove_test_secret         (const char  *text);
char                  *alcove_test_vault_dir      (void);
/* A vault with owner "dana" (TEST_PASSWORD); the recovery code is returned if asked */
AlcoveVault           *alcove_test_create_vault   (const char  *dir,
                                                   char       **recovery_code);
AlcoveVault           *alcove_test_unlocked_vault (const char  *dir,
                                                   const char  *username,
                                                   const char  *password);
/* A new vault in the test's own folder (its path in `dir`, to free), unlocked as its
 * owner "dana" */
AlcoveVault           *alcove_test_fresh_vault    (char       **dir);
/* The client and note stores of an unlocked vault */
void                   alcove_test_open_stores    (AlcoveVault        *vault,
                                                   AlcoveClientStore **clients,
                                                   AlcoveNoteStore   **notes);
/* Drops the stores, then locks and drops the vault */
void                   alcove_test_close_stores   (AlcoveVault       **vault,
                                                   AlcoveClientStore **clients,
                                                   AlcoveNoteStore   **notes);
/* The local day `days` from today, as YYYY-MM-DD */
char                  *alcove_test_day_from_today (int          days);
/* Adds a user with TEST_OTHER_PASSWORD, as the user `owner` is unlocked as */
void                   alcove_test_add_user       (AlcoveVault *owner,
                                                   const char  *username,
                                                   const char  *full_name,
                                                   AlcoveRole   role);
/* name → "size:mtime_us" of every file, to prove nothing changed */
GHashTable            *alcove_test_snapshot       (const char  *dir);
void                   alcove_test_assert_same_snapshot (GHashTable *before,
                                                         GHashTable *after);
gboolean               alcove_test_file_contains  (const char  *path,
                                                   const void  *needle,
                                                   gsize        needle_size);
/* The text of a PDF as pdftotext lays it out (transfer full); a test error if it cannot
 * be read */
char                  *alcove_test_pdf_text       (const char  *pdf);
/* Raw SQL on the vault's own connection, as an insider with the keys would run it: the
 * primary result code (a trigger's RAISE (ABORT) gives SQLITE_CONSTRAINT) */
int                    alcove_test_exec_raw       (AlcoveVault *vault,
                                                   const char  *sql_format,
                                                   ...) G_GNUC_PRINTF (2, 3);
/* The first column of the first row a query returns, e.g. a count; a test error if none */
gint64                 alcove_test_query_int      (AlcoveVault *vault,
                                                   const char  *sql_format,
                                                   ...) G_GNUC_PRINTF (2, 3);
/* A new store file `name` in the user data folder, migrated up to `version`, to test the
 * migrations after it from there */
AlcoveDatabase        *alcove_test_database_at    (const char      *name,
                                                   AlcoveStoreKind  kind,
                                                   int              version);
/* Whether a list of AlcoveNote holds the note with this id */
gboolean               alcove_test_model_has_note (GListModel  *model,
                                                   const char  *note_id);
/* How many audit rows record `action` on `object_id` */
gint64                 alcove_test_count_audit    (AlcoveVault *vault,
                                                   const char  *action,
                                                   const char  *object_id);

/* A private dbus-daemon ("session" or "system" type) with no service directories, so
 * nothing is activated behind a test's back; its config lives in dir. */
GSubprocess           *alcove_test_start_bus      (const char  *bus_type,
                                                   const char  *dir,
                                                   char       **address);
/* gnome-keyring-daemon with a fresh, unlocked login keyring in the test's own folders, on
 * the session bus of $DBUS_SESSION_BUS_ADDRESS; returns once it answers */
GSubprocess           *alcove_test_start_keyring  (const char  *runtime_dir);
/* SIGTERM, wait, and clear */
void                   alcove_test_stop           (GSubprocess **process);

/* The text of tests/fixtures/NAME */
char                  *alcove_test_read_fixture   (const char  *name);
/* The client with this preferred name as the store holds it now (a new reference: saving a
 * client may replace the store's object); a test error if there is none */
AlcoveClient          *alcove_test_find_client    (AlcoveClientStore *clients,
                                                   const char  *preferred_name);
/* A client by preferred name; returns its id */
char                  *alcove_test_add_client     (AlcoveClientStore *clients,
                                                   const char  *name);
/* A note with every section `text`, on a session of its own dated 2026-11-30 (none for a
 * psychotherapy format), saved and, if asked, signed; returns its id */
char                  *alcove_test_write_note     (AlcoveNoteStore *notes,
                                                   const char  *client_id,
                                                   const char  *format_id,
                                                   const char  *text,
                                                   gboolean     sign);
AlcoveConsent         *alcove_test_add_release    (AlcoveVault *vault,
                                                  const char  *client_id,
                                                  const char  *recipient,
                                                  const char  *information,
                                                  const char  *purpose,
                                                  const char  *signed_on,
                                                  const char  *expires_on);

/* Keeps a worker busy until released, so that what it is given next waits: a test then
 * sees the state while that work is pending, whatever the machine's load */
typedef struct _AlcoveTestGate AlcoveTestGate;

AlcoveTestGate        *alcove_test_hold_worker    (AlcoveWorker   *worker);
/* Lets the worker go on; the gate is freed once the worker has left it */
void                   alcove_test_release_worker (AlcoveTestGate *gate);

G_END_DECLS
