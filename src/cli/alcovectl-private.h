/* alcovectl-private.h — what the command files of alcovectl share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alcove-format-store.h"
#include "alcove-note-store.h"
#include "alcove-secret.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

/* The contract scripts and tests rely on: secrets only on standard input, one per line;
 * results on standard output; messages on standard error; these exit codes. */
enum {
  EXIT_DONE = 0,
  EXIT_USAGE = 1,
  EXIT_AUTH = 2,
  EXIT_DAMAGED = 3,
  EXIT_ENVIRONMENT = 4,
};

#define MAX_SECRET_LINE 1024

typedef struct
{
  const char        *vault_dir;
  AlcoveVault       *vault;
  int                unlock_error;  /* the AlcoveVaultError of a refused sign-in, or -1 */
  AlcoveFormatStore *formats;       /* the practice's own note formats, once notes are opened */
} Context;

typedef int (*CommandFunc) (Context *context, int argc, char **argv);

/* --user NAME --password-stdin, or --recovery-key-stdin */
typedef struct
{
  char     *username;
  gboolean  password_stdin;
  gboolean  recovery_stdin;
  gboolean  accept_restore;
} Credentials;

#define CREDENTIAL_ENTRIES(c) \
  { "user", 'u', 0, G_OPTION_ARG_STRING, &(c).username, N_("Authenticate as this user"), N_("NAME") }, \
  { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &(c).password_stdin, \
    N_("Read the password from the first line of standard input"), NULL }, \
  { "accept-restore", 0, 0, G_OPTION_ARG_NONE, &(c).accept_restore, \
    N_("The vault was restored from a backup on purpose: open it though this computer saw newer records"), NULL }

#define RECOVERY_ENTRY(c) \
  { "recovery-key-stdin", 0, 0, G_OPTION_ARG_NONE, &(c).recovery_stdin, \
    N_("Read the recovery key from the first line of standard input"), NULL }

int           fail              (int           code,
                                 const char   *format,
                                 ...) G_GNUC_PRINTF (2, 3);
int           fail_with         (const GError *error);
AlcoveSecret *read_secret_line  (const char   *prompt,
                                 GError      **error);
/* A secret alcovectl made (a code, a passphrase), alone on a line of standard output */
void          print_secret_line (const AlcoveSecret *secret);
gboolean      parse_options     (const char   *command,
                                 const char   *parameters,
                                 GOptionEntry *entries,
                                 int          *argc,
                                 char       ***argv,
                                 GError      **error);
int           usage_error       (const GError *error,
                                 const char   *command);
void          credentials_clear (Credentials  *credentials);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Credentials, credentials_clear)
int           authenticate      (Context      *context,
                                 Credentials  *credentials,
                                 gboolean      allow_recovery);

/* The note store of the signed-in session (and the practice's own formats, to read them) */
AlcoveNoteStore *open_note_store (Context     *context,
                                  GError     **error);

/* alcovectl-export-fhir.c */
int           command_export_fhir (Context    *context,
                                   int         argc,
                                   char      **argv);

/* alcovectl-backup.c */
int           command_backup    (Context      *context,
                                 int           argc,
                                 char        **argv);
int           command_restore   (Context      *context,
                                 int           argc,
                                 char        **argv);

/* alcovectl-import-clients.c */
int           command_import_clients (Context *context,
                                      int      argc,
                                      char   **argv);

/* alcovectl-practice.c */
int           command_export_practice (Context *context,
                                       int      argc,
                                       char   **argv);
int           command_import_practice (Context *context,
                                       int      argc,
                                       char   **argv);

/* alcovectl-package.c */
int           command_package   (Context      *context,
                                 int           argc,
                                 char        **argv);

G_END_DECLS
