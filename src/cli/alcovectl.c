/* alcovectl.c — the administrator's command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcovectl"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "alcove-client-store.h"
#include "alcove-database.h"
#include "alcove-emergency-log.h"
#include "alcove-format-store.h"
#include "alcove-hardening.h"
#include "alcove-interchange.h"
#include "alcove-note-store.h"
#include "alcove-vault.h"
#include "alcovectl-private.h"


int
fail (int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("alcovectl: %s\n", message);
  return code;
}

static int
exit_code_for (const GError *error)
{
  if (error->domain != ALCOVE_VAULT_ERROR)
    return EXIT_ENVIRONMENT;
  switch ((AlcoveVaultError) error->code)
    {
    case ALCOVE_VAULT_ERROR_AUTH_FAILED:
    case ALCOVE_VAULT_ERROR_PERMISSION_DENIED:
    case ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION:
    case ALCOVE_VAULT_ERROR_NEEDS_NEW_PASSWORD:
    case ALCOVE_VAULT_ERROR_NEEDS_PASSWORD:
    case ALCOVE_VAULT_ERROR_RESTORED:
      return EXIT_AUTH;
    case ALCOVE_VAULT_ERROR_DAMAGED:
    case ALCOVE_VAULT_ERROR_FORGED:
    case ALCOVE_VAULT_ERROR_ROLLBACK:
      return EXIT_DAMAGED;
    case ALCOVE_VAULT_ERROR_INVALID:
    case ALCOVE_VAULT_ERROR_WEAK_PASSWORD:
    case ALCOVE_VAULT_ERROR_EXISTS:
    case ALCOVE_VAULT_ERROR_NOT_FOUND:
      return EXIT_USAGE;
    case ALCOVE_VAULT_ERROR_FAILED:
    case ALCOVE_VAULT_ERROR_IO:
    case ALCOVE_VAULT_ERROR_LOCKED:
    case ALCOVE_VAULT_ERROR_UNAVAILABLE:
    case ALCOVE_VAULT_ERROR_NEEDS_UPGRADE:
    default:
      return EXIT_ENVIRONMENT;
    }
}

int
fail_with (const GError *error)
{
  return fail (exit_code_for (error), "%s", error->message);
}

/* ---- secrets from standard input ---- */

static void
set_echo (gboolean on)
{
  struct termios attributes;

  if (!isatty (STDIN_FILENO) || tcgetattr (STDIN_FILENO, &attributes) != 0)
    return;
  if (on)
    attributes.c_lflag |= ECHO;
  else
    attributes.c_lflag &= ~ECHO;
  tcsetattr (STDIN_FILENO, TCSANOW, &attributes);
}

/* Byte by byte with read(2): stdio would keep a copy of the line in its buffer, and the next
 * line belongs to the next secret. */
AlcoveSecret *
read_secret_line (const char  *prompt,
                  GError     **error)
{
  g_autoptr(AlcoveSecret) line = alcove_secret_new (MAX_SECRET_LINE);
  guint8 *data = alcove_secret_get_data (line);
  gsize length = 0;
  gboolean got_newline = FALSE;

  if (isatty (STDIN_FILENO))
    g_printerr ("%s: ", prompt);
  set_echo (FALSE);
  while (length < MAX_SECRET_LINE)
    {
      ssize_t n = read (STDIN_FILENO, data + length, 1);

      if (n <= 0 || data[length] == '\n')
        {
          got_newline = n > 0;
          break;
        }
      length++;
    }
  set_echo (TRUE);
  if (isatty (STDIN_FILENO))
    g_printerr ("\n");

  if (length > 0 && data[length - 1] == '\r')
    length--;
  alcove_secret_set_size (line, length);
  if (length == 0 || (length == MAX_SECRET_LINE && !got_newline))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   length == 0 ? _("Expected %s as a line on standard input")
                               : _("%s is longer than 1023 characters"), prompt);
      return NULL;
    }
  return g_steal_pointer (&line);
}

/* ---- option parsing ---- */

gboolean
parse_options (const char    *command,
               const char    *parameters,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               GError       **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autofree char *name = g_strdup_printf ("alcovectl %s", command);

  g_set_prgname (name);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  return g_option_context_parse (context, argc, argv, error);
}

int
usage_error (const GError *error,
             const char   *command)
{
  return fail (EXIT_USAGE, "%s (see “alcovectl %s --help”)", error->message, command);
}

static gboolean
open_existing (Context  *context,
               int      *code)
{
  g_autoptr(GError) error = NULL;

  if (!alcove_vault_exists (context->vault))
    {
      *code = fail (EXIT_ENVIRONMENT, _("There is no vault in %s; create one with “alcovectl init”"),
                    context->vault_dir);
      return FALSE;
    }
  if (!alcove_vault_load (context->vault, &error))
    {
      *code = fail_with (error);
      return FALSE;
    }
  return TRUE;
}


void
credentials_clear (Credentials *credentials)
{
  g_clear_pointer (&credentials->username, g_free);
}

static int
refused (Context      *context,
         const GError *error)
{
  if (error->domain == ALCOVE_VAULT_ERROR)
    context->unlock_error = error->code;
  if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_RESTORED))
    return fail (exit_code_for (error), "%s %s", error->message,
                 _("To open it, run the command again with --accept-restore."));
  return fail_with (error);
}

int
authenticate (Context     *context,
              Credentials *credentials,
              gboolean     allow_recovery)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveSecret) secret = NULL;
  int code;

  alcove_vault_set_accept_restore (context->vault, credentials->accept_restore);
  if (credentials->recovery_stdin && (credentials->username != NULL || !allow_recovery))
    return fail (EXIT_USAGE, allow_recovery
                 ? _("Give either --user NAME --password-stdin or --recovery-key-stdin, not both")
                 : _("This command takes --user NAME --password-stdin, not the recovery key"));
  if (credentials->recovery_stdin)
    {
      if (!open_existing (context, &code))
        return code;
      secret = read_secret_line (_("Recovery key"), &error);
      if (secret == NULL || !alcove_vault_unlock_with_recovery_key (context->vault, secret, &error))
        return refused (context, error);
      return EXIT_DONE;
    }
  if (credentials->username == NULL || !credentials->password_stdin)
    return fail (EXIT_USAGE, allow_recovery
                 ? _("Give --user NAME --password-stdin, or --recovery-key-stdin")
                 : _("Give --user NAME --password-stdin"));
  if (!open_existing (context, &code))
    return code;
  secret = read_secret_line (_("Password"), &error);
  if (secret == NULL ||
      !alcove_vault_unlock_with_password (context->vault, credentials->username, secret, &error))
    return refused (context, error);
  return EXIT_DONE;
}

/* ---- commands ---- */

static int
command_init (Context  *context,
              int       argc,
              char    **argv)
{
  g_autofree char *practice = NULL, *username = NULL, *full_name = NULL;
  gboolean password_stdin = FALSE;
  GOptionEntry entries[] = {
    { "practice", 0, 0, G_OPTION_ARG_STRING, &practice, N_("The practice’s name"), N_("NAME") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &username, N_("The owner’s username"), N_("USERNAME") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &full_name, N_("The owner’s full name"), N_("FULL NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the owner’s password from standard input"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveSecret) password = NULL;
  g_autoptr(AlcoveSecret) recovery_code = NULL;
  AlcoveVaultSetup setup = { 0 };

  if (!parse_options ("init", "", entries, &argc, &argv, &error))
    return usage_error (error, "init");
  if (practice == NULL || username == NULL || full_name == NULL || !password_stdin || argc > 1)
    return fail (EXIT_USAGE, _("init needs --practice NAME --user USERNAME --name \"FULL NAME\" "
                               "--password-stdin"));
  if (alcove_vault_exists (context->vault))
    return fail (EXIT_USAGE, _("A vault already exists in %s; Alcove will not overwrite it"),
                 context->vault_dir);

  password = read_secret_line (_("Password"), &error);
  if (password == NULL)
    return fail_with (error);
  setup = (AlcoveVaultSetup) { practice, username, full_name, password, NULL };
  if (!alcove_vault_create (context->vault, &setup, &recovery_code, &error))
    return fail_with (error);

  fwrite (alcove_secret_get_data (recovery_code), 1, alcove_secret_get_size (recovery_code), stdout);
  fputc ('\n', stdout);
  fflush (stdout);
  g_printerr (_("Created the vault in %s.\nThe recovery key above is shown only this once: print "
                "it or write it down and keep it somewhere safe, away from this computer. It is "
                "the only way back in if a password is forgotten.\n"), context->vault_dir);
  return EXIT_DONE;
}

static char *
format_file_size (const char *vault_dir,
                  const char *file)
{
  g_autofree char *path = g_build_filename (vault_dir, file, NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (gfile, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    return g_strdup (_("missing"));
  return g_format_size (g_file_info_get_size (info));
}

static int
command_info (Context  *context,
              int       argc,
              char    **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) users = NULL;
  g_auto(GStrv) files = NULL;
  int code;

  if (!parse_options ("info", "", entries, &argc, &argv, &error))
    return usage_error (error, "info");
  if (argc > 1)
    return fail (EXIT_USAGE, _("info takes no arguments"));
  if (!open_existing (context, &code))
    return code;

  g_print ("%-16s %s\n", _("Vault:"), context->vault_dir);
  g_print ("%-16s %d\n", _("Format version:"), alcove_vault_get_format_version (context->vault));
  g_print ("%-16s %s\n", _("Vault UUID:"), alcove_vault_get_uuid (context->vault));
  g_print ("%-16s %s\n", _("Practice:"), alcove_vault_get_practice_name (context->vault));
  g_print ("%-16s %s\n", _("SQLCipher:"), alcove_database_sqlcipher_version ());
  g_print ("%s\n", _("Users:"));
  users = alcove_vault_list_users (context->vault);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      g_print ("  %-16s %-12s %s%s\n", alcove_user_get_username (user),
               alcove_role_to_string (alcove_user_get_role (user)),
               alcove_user_get_full_name (user),
               alcove_user_get_disabled (user) ? _(" (disabled)") : "");
    }
  g_print ("%s\n", _("Files:"));
  files = alcove_vault_dup_file_names (context->vault);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *size = format_file_size (context->vault_dir, files[i]);
      g_print ("  %-52s %s\n", files[i], size);
    }
  return EXIT_DONE;
}

/* Most forgeries and rollbacks are refused at sign-in already: which part that was. */
static AlcoveVerifySection
section_of_refusal (int code)
{
  switch (code)
    {
    case ALCOVE_VAULT_ERROR_FORGED:
      return ALCOVE_VERIFY_AUTHORITY;
    case ALCOVE_VAULT_ERROR_ROLLBACK:
      return ALCOVE_VERIFY_FRESHNESS;
    case ALCOVE_VAULT_ERROR_DAMAGED:
      return ALCOVE_VERIFY_STORES;
    default:
      return ALCOVE_VERIFY_OK;
    }
}

/* One line per part checked, so a failure says which part: authority, freshness, stores,
 * chain. Parts after a failure are reported as not checked; after a refused sign-in
 * (`at_sign_in`), all but the failed one. */
static void
print_verify_report (const AlcoveVerifyReport *report,
                     gboolean                  at_sign_in)
{
  const AlcoveVerifySection failed = report->failed;
  g_autofree char *generation = g_strdup_printf ("%" G_GINT64_FORMAT, report->generation);
  g_autofree char *audit_rows = g_strdup_printf ("%" G_GINT64_FORMAT, report->audit_rows);
  g_autofree char *signed_rows = g_strdup_printf ("%" G_GINT64_FORMAT, report->signed_rows);
  /* Translators: the second half of "1234 rows unbroken, 1200 signatures checked" */
  g_autofree char *signatures = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%s signature checked",
                                                              "%s signatures checked",
                                                              (gulong) report->signed_rows),
                                                 signed_rows);
  /* Translators: the result of checking one part of the vault; the parts below are headings of a column 12 characters wide */
  const char *states[] = { _("ok"), _("FAILED"), _("not checked") };
  struct { AlcoveVerifySection section; const char *name; char *detail; } parts[] = {
    { ALCOVE_VERIFY_AUTHORITY, _("Authority"),
      /* Translators: %s is a number that grows each time vault.keys is signed */
      g_strdup_printf (_("vault.keys signed by the owners (generation %s)"), generation) },
    { ALCOVE_VERIFY_FRESHNESS, _("Freshness"),
      g_strdup (_("no file older than this computer has seen")) },
    { ALCOVE_VERIFY_STORES, _("Stores"),
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u database intact", "%u databases intact",
                                    report->n_databases), report->n_databases) },
    { ALCOVE_VERIFY_CHAIN, _("Audit chain"),
      /* Translators: "1234 rows unbroken, 1200 signatures checked"; the second %s is the
       * message "%s signature(s) checked" */
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row unbroken, %s", "%s rows unbroken, %s",
                                    (gulong) report->audit_rows), audit_rows, signatures) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      guint state = parts[i].section == failed ? 1
                    : at_sign_in ? 2
                    : failed == ALCOVE_VERIFY_OK || parts[i].section < failed ? 0 : 2;

      g_print ("%-12s %s%s%s\n", parts[i].name, states[state], state == 0 ? ": " : "",
               state == 0 ? parts[i].detail : "");
      g_free (parts[i].detail);
    }
}

/* Stores given a new key that their holders copy under it at their next sign-in */
static void
print_waiting_handovers (AlcoveVault *vault)
{
  g_auto(GStrv) waiting = alcove_vault_describe_waiting_handovers (vault);

  for (guint i = 0; waiting[i] != NULL; i++)
    g_printerr (_("%s: new key given; copied under it at the next sign-in of someone who "
                  "keeps them.\n"), waiting[i]);
}

/* A damaged store can be put back alone from the latest good backup */
static void
hint_restore (int vault_error)
{
  if (vault_error == ALCOVE_VAULT_ERROR_DAMAGED)
    g_printerr (_("To put back only the damaged store from the latest good backup: alcovectl "
                  "restore BACKUP --store FILE (see “alcovectl restore --help”)\n"));
}

static int
command_verify (Context  *context,
                int       argc,
                char    **argv)
{
  Credentials credentials = { 0 };
  GOptionEntry entries[] = { CREDENTIAL_ENTRIES (credentials), RECOVERY_ENTRY (credentials),
                             G_OPTION_ENTRY_NULL };
  g_autoptr(GError) error = NULL;
  AlcoveVerifyReport report = { 0 };
  int code;

  if (!parse_options ("verify", "", entries, &argc, &argv, &error))
    return usage_error (error, "verify");
  if (argc > 1)
    return fail (EXIT_USAGE, _("verify takes no arguments"));
  code = authenticate (context, &credentials, TRUE);
  credentials_clear (&credentials);
  report.failed = section_of_refusal (context->unlock_error);
  if (code != EXIT_DONE)
    {
      if (report.failed != ALCOVE_VERIFY_OK)
        print_verify_report (&report, TRUE);
      hint_restore (context->unlock_error);
      return code;
    }
  if (!alcove_vault_verify (context->vault, &report, &error))
    {
      print_verify_report (&report, FALSE);
      code = fail_with (error);
      hint_restore (error->domain == ALCOVE_VAULT_ERROR ? error->code : -1);
      return code;
    }
  print_verify_report (&report, FALSE);
  g_print (_("Vault OK.\n"));
  print_waiting_handovers (context->vault);
  return EXIT_DONE;
}

/* Before asking for a secret that could not be used: only an owner's session, or the
 * recovery key's, changes people */
static int
require_people_manager (Context *context)
{
  if (!alcove_vault_can_manage_people (context->vault))
    return fail (EXIT_AUTH, _("Only a practice owner (or the recovery key) can change people "
                              "and roles"));
  return EXIT_DONE;
}

static gboolean
parse_role (const char  *text,
            AlcoveRole  *role,
            int         *code)
{
  if (alcove_role_from_string (text, role))
    return TRUE;
  *code = fail (EXIT_USAGE, _("Unknown role “%s”: use owner, clinician, supervisor, billing or "
                              "front-desk"), text);
  return FALSE;
}

void
print_secret_line (const AlcoveSecret *secret)
{
  fwrite (alcove_secret_get_data (secret), 1, alcove_secret_get_size (secret), stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

/* Line 1 the owner's password; line 2 the first password, unless --enrolment-code, which
 * prints a one-time code on standard output instead. Either way the person chooses their
 * own password at their first sign-in (passwd --first-sign-in). */
static int
users_add (Context  *context,
           int       argc,
           char    **argv)
{
  Credentials credentials = { 0 };
  g_autofree char *full_name = NULL, *role_name = NULL;
  gboolean enrolment = FALSE;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &full_name, N_("The person’s full name"), N_("FULL NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name,
      N_("owner, clinician, supervisor, billing or front-desk"), N_("ROLE") },
    { "enrolment-code", 0, 0, G_OPTION_ARG_NONE, &enrolment,
      N_("Print a one-time enrolment code instead of reading a first password"), NULL },
    CREDENTIAL_ENTRIES (credentials),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveSecret) password = NULL;
  g_autoptr(AlcoveSecret) code = NULL;
  AlcoveRole role;
  int status = EXIT_DONE;

  if (!parse_options ("users add", "USERNAME", entries, &argc, &argv, &error))
    return usage_error (error, "users add");
  if (argc != 2 || full_name == NULL || role_name == NULL)
    status = fail (EXIT_USAGE, _("users add needs USERNAME --name \"FULL NAME\" --role ROLE"));
  else if (parse_role (role_name, &role, &status))
    status = authenticate (context, &credentials, FALSE);
  credentials_clear (&credentials);
  if (status != EXIT_DONE || (status = require_people_manager (context)) != EXIT_DONE)
    return status;

  if (!enrolment &&
      (password = read_secret_line (_("The new user’s first password"), &error)) == NULL)
    return fail_with (error);
  if (!alcove_vault_add_person (context->vault, argv[1], full_name, role, password, NULL,
                                enrolment ? &code : NULL, &error))
    return fail_with (error);
  if (code != NULL)
    {
      print_secret_line (code);
      g_printerr (_("Added %s as %s. The enrolment code above is shown only this once: give "
                    "it to them in person. They type it at their first sign-in and choose "
                    "their own password.\n"), argv[1], alcove_role_get_display_name (role));
    }
  else
    g_printerr (_("Added %s as %s. They choose their own password at their first sign-in.\n"),
                argv[1], alcove_role_get_display_name (role));
  return EXIT_DONE;
}

/* A command on one account, by an owner or with the recovery key */
static int
sign_in_to_manage (Context     *context,
                   const char  *command,
                   const char  *parameters,
                   int          n_arguments,
                   int         *argc,
                   char      ***argv)
{
  Credentials credentials = { 0 };
  GOptionEntry entries[] = { CREDENTIAL_ENTRIES (credentials), RECOVERY_ENTRY (credentials),
                             G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) options = g_option_context_new (parameters);
  g_autofree char *name = g_strdup_printf ("alcovectl %s", command);
  g_autoptr(GError) error = NULL;
  int status;

  g_set_prgname (name);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, argc, argv, &error))
    status = usage_error (error, command);
  else if (*argc != n_arguments + 1)
    status = fail (EXIT_USAGE, _("%s needs %s"), command, parameters);
  else
    status = authenticate (context, &credentials, TRUE);
  credentials_clear (&credentials);
  return status != EXIT_DONE ? status : require_people_manager (context);
}

static int
users_disable (Context  *context,
               int       argc,
               char    **argv)
{
  g_autoptr(GError) error = NULL;
  int status = sign_in_to_manage (context, "users disable", "USERNAME", 1, &argc, &argv);

  if (status != EXIT_DONE)
    return status;
  if (!alcove_vault_disable_user (context->vault, argv[1], &error))
    return fail_with (error);
  g_printerr (_("Disabled %s: the account can no longer open the vault.\n"), argv[1]);
  print_waiting_handovers (context->vault);
  return EXIT_DONE;
}

/* The next line of standard input is the new first password */
static int
users_enable (Context  *context,
              int       argc,
              char    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveSecret) password = NULL;
  int status = sign_in_to_manage (context, "users enable", "USERNAME", 1, &argc, &argv);

  if (status != EXIT_DONE)
    return status;
  password = read_secret_line (_("Their new first password"), &error);
  if (password == NULL ||
      !alcove_vault_enable_user (context->vault, argv[1], password, NULL, &error))
    return fail_with (error);
  g_printerr (_("Enabled %s again. They choose their own password at their next sign-in.\n"),
              argv[1]);
  return EXIT_DONE;
}

static int
users_role (Context  *context,
            int       argc,
            char    **argv)
{
  g_autoptr(GError) error = NULL;
  AlcoveRole role;
  int status = sign_in_to_manage (context, "users role", "USERNAME ROLE", 2, &argc, &argv);

  if (status != EXIT_DONE || !parse_role (argv[2], &role, &status))
    return status;
  if (!alcove_vault_set_role (context->vault, argv[1], role, &error))
    return fail_with (error);
  g_printerr (_("%s is now %s.\n"), argv[1], alcove_role_get_display_name (role));
  print_waiting_handovers (context->vault);
  return EXIT_DONE;
}

/* "supervised-by:rui,ivy*" for a clinician, "supervises:sam" for a supervisor, "-" else;
 * "*": from the clinician's next sign-in */
static char *
supervision_column (AlcoveVault *vault,
                    AlcoveUser  *user)
{
  const char *username = alcove_user_get_username (user);
  gboolean supervisor = alcove_user_get_role (user) == ALCOVE_ROLE_SUPERVISOR;
  g_auto(GStrv) names = supervisor ? alcove_vault_dup_supervisees (vault, username)
                                   : alcove_vault_dup_supervisors (vault, username);
  g_autoptr(GString) text = NULL;

  if (names[0] == NULL)
    return g_strdup ("-");
  text = g_string_new (supervisor ? "supervises:" : "supervised-by:");
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *supervisor_name = supervisor ? username : names[i];
      const char *clinician_name = supervisor ? names[i] : username;
      gboolean pending = alcove_vault_supervision_is_pending (vault, supervisor_name,
                                                              clinician_name);

      g_string_append_printf (text, "%s%s%s", i > 0 ? "," : "", names[i], pending ? "*" : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
state_of (AlcoveUser *user)
{
  if (alcove_user_get_disabled (user))
    return "disabled";
  if (alcove_user_get_first_sign_in (user) != ALCOVE_FIRST_SIGN_IN_NONE)
    return "first-sign-in";
  return "active";
}

static int
users_list (Context  *context,
            int       argc,
            char    **argv)
{
  Credentials credentials = { 0 };
  GOptionEntry entries[] = { CREDENTIAL_ENTRIES (credentials), G_OPTION_ENTRY_NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) users = NULL;
  int code;

  if (!parse_options ("users list", "", entries, &argc, &argv, &error))
    return usage_error (error, "users list");
  if (argc > 1)
    return fail (EXIT_USAGE, _("users list takes no arguments"));
  code = authenticate (context, &credentials, FALSE);
  credentials_clear (&credentials);
  if (code != EXIT_DONE)
    return code;
  if (alcove_user_get_role (alcove_vault_get_current_user (context->vault)) != ALCOVE_ROLE_OWNER)
    return fail (EXIT_AUTH, _("Only the practice owner can list accounts"));

  users = alcove_vault_list_users (context->vault);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);
      g_autofree char *supervision = supervision_column (context->vault, user);

      g_print ("%s\t%s\t%s\t%s\t%s\n", alcove_user_get_username (user),
               alcove_role_to_string (alcove_user_get_role (user)), state_of (user),
               alcove_user_get_full_name (user), supervision);
    }
  return EXIT_DONE;
}

/* An owner assigns (the clinician's next sign-in gives the key); the clinician, or the
 * recovery key, shares at once */
static int
users_supervise (Context  *context,
                 int       argc,
                 char    **argv)
{
  Credentials credentials = { 0 };
  GOptionEntry entries[] = { CREDENTIAL_ENTRIES (credentials), RECOVERY_ENTRY (credentials),
                             G_OPTION_ENTRY_NULL };
  g_autoptr(GError) error = NULL;
  int code;

  if (!parse_options ("users supervise", "SUPERVISOR CLINICIAN", entries, &argc, &argv, &error))
    return usage_error (error, "users supervise");
  code = argc != 3 ? fail (EXIT_USAGE, _("users supervise needs SUPERVISOR CLINICIAN"))
                   : authenticate (context, &credentials, TRUE);
  credentials_clear (&credentials);
  if (code != EXIT_DONE)
    return code;
  if (!alcove_vault_grant_supervision (context->vault, argv[1], argv[2], &error))
    return fail_with (error);
  if (alcove_vault_supervision_is_pending (context->vault, argv[1], argv[2]))
    g_printerr (_("%s will read %s’s progress notes (never their psychotherapy notes) from "
                  "%s’s next sign-in.\n"), argv[1], argv[2], argv[2]);
  else
    g_printerr (_("%s can now read %s’s progress notes (never their psychotherapy notes).\n"),
                argv[1], argv[2]);
  return EXIT_DONE;
}

static int
users_unsupervise (Context  *context,
                   int       argc,
                   char    **argv)
{
  g_autoptr(GError) error = NULL;
  int status = sign_in_to_manage (context, "users unsupervise", "SUPERVISOR CLINICIAN", 2,
                                  &argc, &argv);

  if (status != EXIT_DONE)
    return status;
  if (!alcove_vault_end_supervision (context->vault, argv[1], argv[2], &error))
    return fail_with (error);
  g_printerr (_("%s no longer reads %s’s progress notes.\n"), argv[1], argv[2]);
  print_waiting_handovers (context->vault);
  return EXIT_DONE;
}

static int
command_users (Context  *context,
               int       argc,
               char    **argv)
{
  static const struct { const char *name; CommandFunc func; } subcommands[] = {
    { "add", users_add },
    { "role", users_role },
    { "disable", users_disable },
    { "enable", users_enable },
    { "list", users_list },
    { "supervise", users_supervise },
    { "unsupervise", users_unsupervise },
  };

  for (guint i = 0; argc > 1 && i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].func (context, argc - 1, argv + 1);
  if (argc > 1 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n", _("Usage: alcovectl users add|role|disable|enable|list|supervise|"
                         "unsupervise … (each takes --help)"));
      return EXIT_DONE;
    }
  return fail (EXIT_USAGE, _("users needs one of: add, role, disable, enable, list, supervise, "
                             "unsupervise"));
}

/* The third line of standard input, when asked for: an owner's password, or the recovery
 * key, confirming a change the signed-in person may not sign alone */
static gboolean
read_confirmation (const char          *owner,
                   gboolean             recovery,
                   AlcoveConfirmation  *confirmation,
                   AlcoveSecret       **secret,
                   GError             **error)
{
  if (owner == NULL && !recovery)
    return TRUE;
  *secret = read_secret_line (recovery ? _("Recovery key") : _("The owner’s password"), error);
  confirmation->owner = recovery ? NULL : owner;
  confirmation->secret = *secret;
  return *secret != NULL;
}

/* Line 1 the first password or enrolment code, line 2 the person's own, line 3 the
 * confirmation (not for an owner) */
static int
first_sign_in (Context                  *context,
               const char               *username,
               const char               *confirm_owner,
               gboolean                  confirm_recovery)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveSecret) first = NULL;
  g_autoptr(AlcoveSecret) password = NULL;
  g_autoptr(AlcoveSecret) confirming = NULL;
  AlcoveConfirmation confirmation = { 0 };
  int code;

  if (!open_existing (context, &code))
    return code;
  first = read_secret_line (_("First password or enrolment code"), &error);
  if (first == NULL || (password = read_secret_line (_("New password"), &error)) == NULL ||
      !read_confirmation (confirm_owner, confirm_recovery, &confirmation, &confirming, &error) ||
      !alcove_vault_first_sign_in (context->vault, username, first, password, NULL,
                                   confirmation.secret ? &confirmation : NULL, &error))
    return fail_with (error);
  g_printerr (_("%s signed in for the first time: their own password is set and their keys "
                "are new.\n"), username);
  return EXIT_DONE;
}

static int
command_passwd (Context  *context,
                int       argc,
                char    **argv)
{
  Credentials credentials = { 0 };
  g_autofree char *confirm_owner = NULL;
  gboolean confirm_recovery = FALSE;
  gboolean first = FALSE;
  GOptionEntry entries[] = {
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &credentials.password_stdin,
      N_("Read the current password, then the new one, from standard input"), NULL },
    { "first-sign-in", 0, 0, G_OPTION_ARG_NONE, &first,
      N_("A first sign-in: read the first password or enrolment code, then the new password"),
      NULL },
    RECOVERY_ENTRY (credentials),
    { "confirm-owner", 0, 0, G_OPTION_ARG_STRING, &confirm_owner,
      N_("An owner confirms: their password is the third line"), N_("NAME") },
    { "confirm-recovery-key", 0, 0, G_OPTION_ARG_NONE, &confirm_recovery,
      N_("The recovery key confirms: it is the third line"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveSecret) password = NULL;
  g_autoptr(AlcoveSecret) confirming = NULL;
  AlcoveConfirmation confirmation = { 0 };
  int code;

  if (!parse_options ("passwd", "USERNAME", entries, &argc, &argv, &error))
    return usage_error (error, "passwd");
  if (argc != 2)
    return fail (EXIT_USAGE, _("passwd needs USERNAME"));
  if (confirm_owner != NULL && confirm_recovery)
    return fail (EXIT_USAGE, _("Confirm with an owner or with the recovery key, not both"));
  if (first && credentials.recovery_stdin)
    return fail (EXIT_USAGE, _("A first sign-in takes the first password or code, not the "
                               "recovery key"));
  if (first)
    return first_sign_in (context, argv[1], confirm_owner, confirm_recovery);
  if (!credentials.recovery_stdin)
    {
      credentials.username = g_strdup (argv[1]);
      credentials.password_stdin = TRUE;
    }
  code = authenticate (context, &credentials, TRUE);
  credentials_clear (&credentials);
  if (code != EXIT_DONE)
    return code;

  password = read_secret_line (_("New password"), &error);
  if (password == NULL ||
      !read_confirmation (confirm_owner, confirm_recovery, &confirmation, &confirming, &error) ||
      !alcove_vault_change_password_confirmed (context->vault, argv[1], password, NULL,
                                               confirmation.secret ? &confirmation : NULL,
                                               &error))
    return fail_with (error);
  g_printerr (_("Changed the password of %s.\n"), argv[1]);
  return EXIT_DONE;
}

AlcoveNoteStore *
open_note_store (Context  *context,
                 GError  **error)
{
  g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (context->vault, error);

  /* notes in the practice's own formats are read and imported as in the window */
  if (clients != NULL && context->formats == NULL)
    context->formats = alcove_format_store_new (context->vault);
  return clients ? alcove_note_store_new (clients) : NULL;
}

static void
print_warnings (const char         *file,
                AlcoveImportReport *report)
{
  for (guint i = 0; report->warnings != NULL && i < report->warnings->len; i++)
    g_printerr (_("%s: warning: %s\n"), file,
                (const char *) g_ptr_array_index (report->warnings, i));
}

/* --check: the file alone, as import reads it, with no vault and no password */
static int
check_import_file (const char *file,
                   GBytes     *json)
{
  g_autoptr(GError) error = NULL;
  AlcoveImportReport report = { 0 };

  if (!alcove_interchange_check_report (json, &report, &error))
    return fail (EXIT_USAGE, _("%s: %s\nNothing was imported."), file, error->message);
  print_warnings (file, &report);
  g_print (_("%s holds %u clients, %u sessions, %u diagnoses, %u notes, %u treatment plans, "
             "%u outcome measures and %u clinical events, and reads as an import would. "
             "Checked without the vault: authors and ids of the vault are checked when it is "
             "imported.\n"),
           file, report.n_clients, report.n_sessions, report.n_diagnoses, report.n_notes,
           report.n_plans, report.n_measures, report.n_events);
  alcove_import_report_clear (&report);
  return EXIT_DONE;
}

static int
command_import (Context  *context,
                int       argc,
                char    **argv)
{
  Credentials credentials = { 0 };
  gboolean check = FALSE;
  GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Only check FILE.json, as an import would, with no vault and no password"), NULL },
    CREDENTIAL_ENTRIES (credentials),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autofree char *contents = NULL;
  AlcoveImportReport report = { 0 };
  gsize length;
  int code;

  if (!parse_options ("import", "FILE.json", entries, &argc, &argv, &error))
    return usage_error (error, "import");
  if (argc != 2)
    code = fail (EXIT_USAGE, _("import needs FILE.json"));
  /* Before asking for a password that could not be used */
  else if (!g_file_get_contents (argv[1], &contents, &length, &error))
    code = fail (EXIT_ENVIRONMENT, "%s", error->message);
  else if (check)
    {
      credentials_clear (&credentials);
      json = g_bytes_new_take (g_steal_pointer (&contents), length);
      return check_import_file (argv[1], json);
    }
  else
    code = authenticate (context, &credentials, FALSE);
  credentials_clear (&credentials);
  if (code != EXIT_DONE)
    return code;

  json = g_bytes_new_take (g_steal_pointer (&contents), length);
  notes = open_note_store (context, &error);
  if (notes == NULL || !alcove_interchange_import (notes, json, &report, &error))
    {
      if (error->domain == ALCOVE_VAULT_ERROR && error->code == ALCOVE_VAULT_ERROR_INVALID)
        return fail (EXIT_USAGE, _("%s: %s\nNothing was imported."), argv[1], error->message);
      return fail_with (error);
    }
  print_warnings (argv[1], &report);
  g_print (_("Imported %u clients and %u notes (%u signed, %u addenda).\n"), report.n_clients,
           report.n_notes, report.n_signed, report.n_addenda);
  if (report.n_sessions + report.n_diagnoses + report.n_plans + report.n_measures +
      report.n_events > 0)
    g_print (_("Imported %u sessions, %u diagnoses, %u treatment plans (%u versions), %u "
               "outcome measures and %u clinical events.\n"), report.n_sessions,
             report.n_diagnoses, report.n_plans, report.n_plan_versions, report.n_measures,
             report.n_events);
  alcove_import_report_clear (&report);
  g_printerr (_("%s still holds the imported records in plain text; delete it once you no "
                "longer need it.\n"), argv[1]);
  return EXIT_DONE;
}

static int
command_export (Context  *context,
                int       argc,
                char    **argv)
{
  Credentials credentials = { 0 };
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Overwrite FILE.json if it exists"), NULL },
    CREDENTIAL_ENTRIES (credentials),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(GBytes) json = NULL;
  gsize length;
  const char *data;
  int code;

  if (!parse_options ("export", "FILE.json", entries, &argc, &argv, &error))
    return usage_error (error, "export");
  if (argc != 2)
    code = fail (EXIT_USAGE, _("export needs FILE.json"));
  else if (!force && g_file_test (argv[1], G_FILE_TEST_EXISTS))
    code = fail (EXIT_USAGE, _("%s already exists; Alcove will not overwrite it without "
                               "--force"), argv[1]);
  else
    code = authenticate (context, &credentials, FALSE);
  credentials_clear (&credentials);
  if (code != EXIT_DONE)
    return code;

  notes = open_note_store (context, &error);
  if (notes == NULL || (json = alcove_interchange_export (notes, &error)) == NULL)
    return fail_with (error);
  data = g_bytes_get_data (json, &length);
  if (!g_file_set_contents_full (argv[1], data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    return fail (EXIT_ENVIRONMENT, "%s", error->message);
  g_print (_("Exported to %s.\n"), argv[1]);
  g_printerr (_("Warning: %s holds protected health information in plain text, outside the "
                "encrypted vault. Keep it only on an encrypted disk, never send it unencrypted, "
                "and delete it as soon as it has served its purpose.\n"), argv[1]);
  return EXIT_DONE;
}

typedef struct
{
  char *file;
  guint store;
  guint tenths;
} RekeyShown;

/* A line for each store, then one for every tenth of the whole; on a terminal the
 * percentage is rewritten in place instead */
static void
rekey_progress_cb (const char *file,
                   guint64     done,
                   guint64     total,
                   gpointer    user_data)
{
  RekeyShown *shown = user_data;
  guint percent = total > 0 ? (guint) (done * 100 / total) : 100;
  gboolean terminal = isatty (STDERR_FILENO);

  if (file == NULL)
    {
      /* xgettext:no-c-format */
      g_printerr (terminal ? "\r%s\n" : "%s\n", _("Re-keyed every store (100%)."));
      return;
    }
  if (g_strcmp0 (shown->file, file) != 0)
    {
      g_free (shown->file);
      shown->file = g_strdup (file);
      /* a carriage return is no words to translate: it only ends the percentage line */
      if (terminal)
        g_printerr ("\r");
      g_printerr (_("Re-keying %s (store %u, %u%% of all)…\n"), file, ++shown->store, percent);
    }
  else if (terminal)
    g_printerr ("\r%u%%", percent);
  else if (percent / 10 > shown->tenths)
    g_printerr (_("%u%% done\n"), percent);
  shown->tenths = percent / 10;
}

typedef gboolean (*RotationFunc) (AlcoveVault *vault, AlcoveRekeyProgress progress,
                                  gpointer user_data, GError **error);

/* A command without arguments that signs in (as an owner, or with the recovery key) and
 * rotates stores, reporting each on standard error */
static int
run_rotation (Context      *context,
              int           argc,
              char        **argv,
              const char   *command,
              RotationFunc  rotate)
{
  Credentials credentials = { 0 };
  GOptionEntry entries[] = { CREDENTIAL_ENTRIES (credentials), RECOVERY_ENTRY (credentials),
                             G_OPTION_ENTRY_NULL };
  g_autoptr(GError) error = NULL;
  RekeyShown shown = { 0 };
  gboolean rotated;
  int code;

  if (!parse_options (command, "", entries, &argc, &argv, &error))
    return usage_error (error, command);
  if (argc > 1)
    return fail (EXIT_USAGE, _("%s takes no arguments"), command);
  code = authenticate (context, &credentials, TRUE);
  credentials_clear (&credentials);
  if (code != EXIT_DONE)
    return code;
  rotated = rotate (context->vault, rekey_progress_cb, &shown, &error);
  g_free (shown.file);
  if (!rotated)
    return fail_with (error);
  return EXIT_DONE;
}

/* After a suspected compromise: every store the signer holds gets a new key and a new
 * file. An owner holds the practice and their own stores; the recovery key holds all. */
static int
command_rekey (Context  *context,
               int       argc,
               char    **argv)
{
  int code = run_rotation (context, argc, argv, "rekey", alcove_vault_rekey);

  if (code == EXIT_DONE)
    g_printerr (_("Done: the stores you hold have new keys. Copies of the old files, and keys "
                  "saved from before, no longer open anything written from now on.\n"));
  return code;
}

/* Vault-wide and deliberate: older SQLCipher builds cannot open the result. */
static int
command_upgrade_cipher (Context  *context,
                        int       argc,
                        char    **argv)
{
  int code = run_rotation (context, argc, argv, "upgrade-cipher", alcove_vault_upgrade_cipher);

  if (code == EXIT_DONE)
    g_printerr (_("Done: every store now uses SQLCipher %s’s settings. Workstations with an "
                  "older SQLCipher can no longer open this vault.\n"),
                alcove_database_sqlcipher_version ());
  return code;
}

static char *
utc_time (gint64 ms)
{
  g_autoptr(GDateTime) time = ms > 0 ? g_date_time_new_from_unix_utc (ms / 1000) : NULL;

  return time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("-");
}

static const char *
username_of (AlcoveVault *vault,
             const char  *uuid)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (vault);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      if (g_str_equal (alcove_user_get_uuid (user), uuid))
        return g_intern_string (alcove_user_get_username (user));
    }
  return uuid;
}

/* One line an event: started, who, client id, reason, ended or "open", notes opened, and
 * who reviewed it or "unreviewed". The explanation typed stays in the app: it may name
 * the client. */
static int
emergency_list (Context  *context,
                int       argc,
                char    **argv)
{
  Credentials credentials = { 0 };
  GOptionEntry entries[] = { CREDENTIAL_ENTRIES (credentials), G_OPTION_ENTRY_NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  int code;

  if (!parse_options ("emergency list", "", entries, &argc, &argv, &error))
    return usage_error (error, "emergency list");
  if (argc > 1)
    return fail (EXIT_USAGE, _("emergency list takes no arguments"));
  code = authenticate (context, &credentials, FALSE);
  credentials_clear (&credentials);
  if (code != EXIT_DONE)
    return code;
  if (alcove_user_get_role (alcove_vault_get_current_user (context->vault)) != ALCOVE_ROLE_OWNER)
    return fail (EXIT_AUTH, _("Only the practice owner can list emergency access"));
  events = alcove_emergency_log_list (context->vault, FALSE, &error);
  if (events == NULL)
    return fail_with (error);
  for (guint i = 0; i < events->len; i++)
    {
      AlcoveEmergencyEvent *event = g_ptr_array_index (events, i);
      g_autofree char *started = utc_time (event->started_ms);
      g_autofree char *ended = event->ended_ms > 0 ? utc_time (event->ended_ms) : g_strdup ("open");

      g_print ("%s\t%s\t%s\t%s\t%s\t%u\t%s\n", started, username_of (context->vault, event->user_id),
               event->client_id, event->reason, ended, event->views,
               event->reviewed_by[0] ? username_of (context->vault, event->reviewed_by)
                                     : "unreviewed");
    }
  if (events->len == 0)
    g_printerr (_("Nobody has used emergency access.\n"));
  return EXIT_DONE;
}

static int
command_emergency (Context  *context,
                   int       argc,
                   char    **argv)
{
  if (argc > 1 && g_str_equal (argv[1], "list"))
    return emergency_list (context, argc - 1, argv + 1);
  return fail (EXIT_USAGE, _("Usage: alcovectl emergency list (takes --help)"));
}

static const struct
{
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "init", command_init, N_("Create a vault and its owner; prints the recovery key") },
  { "info", command_info, N_("Describe the vault without unlocking it") },
  { "verify", command_verify, N_("Check authority, freshness, every database and the audit log") },
  { "users", command_users, N_("Add people, change roles, disable, enable, list, supervise") },
  { "emergency", command_emergency, N_("List the times someone broke the glass") },
  { "passwd", command_passwd, N_("Change a password, or reset it with the recovery key") },
  { "import", command_import,
    N_("Add clients, sessions, diagnoses and your notes, plans and measures from an "
       "interchange file") },
  { "import-clients", command_import_clients,
    N_("Add clients from another system’s client list (CSV), after a preview") },
  { "export", command_export,
    N_("Write clients, sessions and what your role may read to a plaintext file") },
  { "export-fhir", command_export_fhir,
    N_("Write one client’s record as a FHIR R4 bundle, for their request or a transfer") },
  { "export-practice", command_export_practice,
    N_("Write the whole practice to a ZIP of CSV files, for leaving Alcove (plaintext)") },
  { "import-practice", command_import_practice,
    N_("Read a whole-practice export into this vault: an owner first, then each clinician") },
  { "backup", command_backup, N_("Make, check and list backups of the whole vault") },
  { "restore", command_restore,
    N_("Restore a backup into a new folder, or one damaged store into the vault") },
  { "package", command_package, N_("Make, open and receive encrypted packages of a disclosure") },
  { "rekey", command_rekey, N_("Give every store you hold a new key (after a suspected compromise)") },
  { "upgrade-cipher", command_upgrade_cipher,
    N_("Move every store to this build’s SQLCipher settings (vault-wide)") },
};

static char *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-15s %s", commands[i].name, _(commands[i].summary));
  g_string_append (text, "\n\n");
  g_string_append (text, _("Secrets are read from standard input, one per line, never from "
                           "arguments.\nExit status: 0 done, 1 usage, 2 authentication failed, "
                           "3 vault damaged,\n4 input/output or environment."));
  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *vault_dir = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "vault", 0, 0, G_OPTION_ARG_FILENAME, &vault_dir, N_("The vault folder"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version"), NULL },
    G_OPTION_ENTRY_NULL
  };
  Context context = { NULL, NULL, -1, NULL };
  int code = -1;

  alcove_harden_slices (argv);
  alcove_harden_process ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  options = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (options, TRUE);  /* stop at the command */
  description = commands_description ();
  g_option_context_set_description (options, description);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  if (version)
    {
      g_print ("alcovectl %s\n", PACKAGE_VERSION);
      return EXIT_DONE;
    }
  if (argc < 2)
    return fail (EXIT_USAGE, _("Give a command; see “alcovectl --help”"));

  context.vault_dir = vault_dir ? vault_dir : (vault_dir = alcove_vault_default_path ());
  context.vault = alcove_vault_new (context.vault_dir);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        code = commands[i].func (&context, argc - 1, argv + 1);
        break;
      }
  if (code < 0)
    code = fail (EXIT_USAGE, _("Unknown command “%s”; see “alcovectl --help”"), argv[1]);

  g_clear_object (&context.formats);
  alcove_vault_lock (context.vault);
  g_object_unref (context.vault);
  return code;
}
