/* alcovectl-backup.c — alcovectl backup create|verify|list, and alcovectl restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcovectl"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-backup.h"
#include "alcovectl-private.h"

/* The listing is tab-separated for scripts: a time that sorts and parses, not the shown form */
static char *
sortable_time (gint64 ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (ms / 1000);

  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

static void
print_info (const AlcoveBackupInfo *info)
{
  g_autofree char *made = alcove_date_format_time (info->created_ms);
  g_autofree char *generation = g_strdup_printf ("%" G_GINT64_FORMAT, info->generation);

  g_print ("%s\n", info->path);
  g_print (_("  Practice: %s (vault %s)\n"), info->practice_name, info->vault_uuid);
  g_print (_("  Made: %s by %s\n"), made,
           *info->made_by_name != '\0' ? info->made_by_name : _("the recovery key"));
  g_print (_("  vault.keys generation: %s\n"), generation);
  g_print (_("  Files: %u\n"), info->files->len);
  for (guint i = 0; i < info->omitted->len; i++)
    g_print (_("  Not included: %s\n"), (const char *) g_ptr_array_index (info->omitted, i));
  if (info->sha256 != NULL)
    g_print ("  SHA-256: %s\n", info->sha256);
}

/* A folder gets a new file named for the vault and the time */
static char *
backup_target (Context    *context,
               const char *given)
{
  if (g_file_test (given, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = alcove_backup_file_name (context->vault, g_get_real_time () / 1000);

      return g_build_filename (given, name, NULL);
    }
  return g_strdup (given);
}

static int
backup_create (Context  *context,
               int       argc,
               char    **argv)
{
  g_auto(Credentials) credentials = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveBackupInfo) info = NULL;
  g_autofree char *target = NULL;
  GOptionEntry entries[] = {
    CREDENTIAL_ENTRIES (credentials),
    RECOVERY_ENTRY (credentials),
    G_OPTION_ENTRY_NULL
  };
  int code;

  if (!parse_options ("backup create", _("FILE|FOLDER"), entries, &argc, &argv, &error))
    return usage_error (error, "backup create");
  if (argc != 2)
    return fail (EXIT_USAGE, _("Give the backup file, or a folder for it"));
  if ((code = authenticate (context, &credentials, TRUE)) != EXIT_DONE)
    return code;
  target = backup_target (context, argv[1]);
  info = alcove_backup_create (context->vault, target, NULL, NULL, NULL, &error);
  if (info == NULL)
    return fail_with (error);
  print_info (info);
  return info->omitted->len > 0 ? fail (EXIT_ENVIRONMENT, _("The backup is not complete: "
                                                            "some stores were left out"))
                                : EXIT_DONE;
}

static int
backup_verify (Context  *context,
               int       argc,
               char    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveBackupInfo) info = NULL;
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!parse_options ("backup verify", _("FILE"), entries, &argc, &argv, &error))
    return usage_error (error, "backup verify");
  if (argc != 2)
    return fail (EXIT_USAGE, _("Give the backup file to check"));
  info = alcove_backup_verify (argv[1], NULL, &error);
  if (info == NULL)
    return fail_with (error);
  print_info (info);
  g_print (_("Whole and signed by someone in the practice it holds. Restoring it checks it "
             "against your password too.\n"));
  return EXIT_DONE;
}

static int
backup_list (Context  *context,
             int       argc,
             char    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listings = NULL;
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  gboolean all_good = TRUE;

  if (!parse_options ("backup list", _("FOLDER"), entries, &argc, &argv, &error))
    return usage_error (error, "backup list");
  if (argc != 2)
    return fail (EXIT_USAGE, _("Give the folder that holds the backups"));
  listings = alcove_backup_list (argv[1], &error);
  if (listings == NULL)
    return fail (EXIT_ENVIRONMENT, "%s", error->message);
  for (guint i = 0; i < listings->len; i++)
    {
      AlcoveBackupListing *listing = g_ptr_array_index (listings, i);
      g_autofree char *made = listing->info ? sortable_time (listing->info->created_ms) : NULL;

      if (listing->info != NULL)
        g_print ("%s\t%s\t%" G_GINT64_FORMAT "\t%s\n", listing->path, made,
                 listing->info->generation,
                 listing->info->omitted->len > 0 ? _("incomplete") : _("good"));
      else
        g_print ("%s\t-\t-\t%s\n", listing->path, listing->problem);
      all_good &= listing->info != NULL;
    }
  return all_good ? EXIT_DONE : EXIT_DAMAGED;
}

int
command_backup (Context  *context,
                int       argc,
                char    **argv)
{
  if (argc > 1 && g_str_equal (argv[1], "create"))
    return backup_create (context, argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "verify"))
    return backup_verify (context, argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "list"))
    return backup_list (context, argc - 1, argv + 1);
  return fail (EXIT_USAGE, _("Usage: alcovectl backup create|verify|list (each takes --help)"));
}

/* ---- restore ---- */

static AlcoveSecret *
read_restore_secret (const Credentials  *credentials,
                     GError            **error)
{
  if (credentials->recovery_stdin == (credentials->username != NULL) ||
      (credentials->username != NULL && !credentials->password_stdin))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Give --user NAME --password-stdin, or --recovery-key-stdin"));
      return NULL;
    }
  return read_secret_line (credentials->recovery_stdin ? _("Recovery key") : _("Password"),
                           error);
}

static void
print_restored (const AlcoveRestoreResult *result,
                const char                *where)
{
  g_autofree char *made = alcove_date_format_time (result->info->created_ms);

  g_print (_("Restored the backup made %s into %s\n"), made, where);
  for (guint i = 0; result->disable_again && result->disable_again[i]; i++)
    g_print (_("Disable %s again: they were disabled after this backup was made "
               "(alcovectl users disable %s)\n"), result->disable_again[i],
             result->disable_again[i]);
}

int
command_restore (Context  *context,
                 int       argc,
                 char    **argv)
{
  g_auto(Credentials) credentials = { 0 };
  g_auto(AlcoveRestoreResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveSecret) secret = NULL;
  g_autofree char *to = NULL;
  g_autofree char *store = NULL;
  gboolean accept_older = FALSE;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, N_("Restore the whole vault into this new folder"),
      N_("DIR") },
    { "store", 0, 0, G_OPTION_ARG_STRING, &store,
      N_("Put back only this damaged store of the vault (--vault)"), N_("FILE") },
    { "accept-older", 0, 0, G_OPTION_ARG_NONE, &accept_older,
      N_("Restore even though this computer has seen newer records"), NULL },
    CREDENTIAL_ENTRIES (credentials),
    RECOVERY_ENTRY (credentials),
    G_OPTION_ENTRY_NULL
  };
  AlcoveRestoreCredentials restore = { 0 };
  gboolean ok;

  if (!parse_options ("restore", _("FILE"), entries, &argc, &argv, &error))
    return usage_error (error, "restore");
  if (argc != 2 || (to == NULL) == (store == NULL))
    return fail (EXIT_USAGE, _("Give the backup file and either --to DIR or --store FILE"));
  if ((secret = read_restore_secret (&credentials, &error)) == NULL)
    return fail_with (error);
  restore = (AlcoveRestoreCredentials) { credentials.username, secret,
                                         accept_older || credentials.accept_restore };
  if (to != NULL)
    ok = alcove_backup_restore (argv[1], to, &restore, &result, &error);
  else
    ok = alcove_backup_restore_store (argv[1], context->vault_dir, store, &restore, &result,
                                      &error);
  if (!ok)
    return fail_with (error);
  print_restored (&result, to ? to : context->vault_dir);
  return EXIT_DONE;
}
