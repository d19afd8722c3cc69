/* alcovectl-practice.c — `alcovectl export-practice FILE.zip` and `alcovectl import-practice
 * FILE.zip`: the whole practice as a ZIP of CSV files, for leaving Alcove, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcovectl"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-practice-archive.h"
#include "alcovectl-private.h"

static void
print_report (const AlcovePracticeArchiveReport *report)
{
  g_print (_("%u clients, %u sessions, %u notes, %u addenda, %u consents, %u disclosures, "
             "%u treatment plan versions, %u outcome measures, %u documents.\n"),
           report->clients, report->sessions, report->notes, report->addenda, report->consents,
           report->disclosures, report->plans, report->measures, report->documents);
}

static void
print_left_out (const AlcovePracticeArchiveReport *report,
                gboolean                           import)
{
  g_autofree char *names = NULL;

  if (import && report->addenda_waiting > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u addendum waits in the archive: its note waits for its "
                          "supervisor's co-signature again. Import the same file once more "
                          "after they co-sign it.\n",
                          "%u addenda wait in the archive: their notes wait for their "
                          "supervisor's co-signature again. Import the same file once more "
                          "after they co-sign them.\n", report->addenda_waiting),
             report->addenda_waiting);

  if (report->stores_left_out == NULL)
    return;
  names = g_strjoinv (", ", report->stores_left_out);
  if (import)
    g_print (_("Left in the archive for their authors, who sign in and import the same file: "
               "the notes of %s.\n"), names);
  else
    g_print (_("Not included, because only they can open them: the notes of %s. Export with "
               "--recovery-key-stdin to include every clinician's notes.\n"), names);
}

static void
warn_plaintext (const char *file)
{
  g_printerr (_("Warning: %s will hold the whole practice's protected health information in "
                "plain text, outside the encrypted vault. Keep it only on an encrypted disk, "
                "never send it unencrypted, and delete it as soon as it has been imported or "
                "handed over.\n"), file);
}

int
command_export_practice (Context  *context,
                         int       argc,
                         char    **argv)
{
  g_auto(Credentials) credentials = { 0 };
  gboolean force = FALSE;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Write the plaintext file: the warning has been read"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Overwrite FILE.zip if it exists"), NULL },
    CREDENTIAL_ENTRIES (credentials),
    RECOVERY_ENTRY (credentials),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  int code;

  if (!parse_options ("export-practice", "FILE.zip", entries, &argc, &argv, &error))
    return usage_error (error, "export-practice");
  if (argc != 2)
    return fail (EXIT_USAGE, _("export-practice needs FILE.zip"));
  warn_plaintext (argv[1]);
  /* before asking for a password that could not be used */
  if (!yes)
    return fail (EXIT_USAGE, _("Nothing was written: run again with --yes once the file has "
                               "an encrypted place to go"));
  if (!force && g_file_test (argv[1], G_FILE_TEST_EXISTS))
    return fail (EXIT_USAGE, _("%s already exists; Alcove will not overwrite it without "
                               "--force"), argv[1]);
  code = authenticate (context, &credentials, TRUE);
  if (code != EXIT_DONE)
    return code;

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!alcove_practice_export (context->vault, file, &report, NULL, &error))
    return fail_with (error);
  g_print (_("Exported the practice to %s:\n"), argv[1]);
  print_report (&report);
  print_left_out (&report, FALSE);
  alcove_practice_archive_report_clear (&report);
  return EXIT_DONE;
}

/* --check: no vault, no password; the archive read as far as an import reads it before it
 * writes */
static int
check_archive (const char *path)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) zip = NULL;
  g_autoptr(GError) error = NULL;
  AlcovePracticeArchiveReport report = { 0 };

  mapped = g_mapped_file_new (path, FALSE, &error);
  if (mapped == NULL)
    return fail (EXIT_ENVIRONMENT, "%s", error->message);
  zip = g_mapped_file_get_bytes (mapped);
  if (!alcove_practice_archive_check (zip, &report, &error))
    return fail_with (error);
  g_print (_("%s reads as an Alcove practice export, every file as it was made. It holds:\n"),
           path);
  print_report (&report);
  alcove_practice_archive_report_clear (&report);
  return EXIT_DONE;
}

int
command_import_practice (Context  *context,
                         int       argc,
                         char    **argv)
{
  g_auto(Credentials) credentials = { 0 };
  gboolean check = FALSE;
  GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Only read the archive as an import would, without a vault, and write nothing"),
      NULL },
    CREDENTIAL_ENTRIES (credentials),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  int code;

  if (!parse_options ("import-practice", "FILE.zip", entries, &argc, &argv, &error))
    return usage_error (error, "import-practice");
  if (argc != 2)
    return fail (EXIT_USAGE, _("import-practice needs FILE.zip"));
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    return fail (EXIT_USAGE, _("%s is not a file"), argv[1]);
  if (check)
    return check_archive (argv[1]);
  code = authenticate (context, &credentials, FALSE);
  if (code != EXIT_DONE)
    return code;

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!alcove_practice_import (context->vault, file, &report, NULL, &error))
    return fail_with (error);
  g_print (_("Imported from %s (rows already in the vault and equal were skipped):\n"), argv[1]);
  print_report (&report);
  print_left_out (&report, TRUE);
  alcove_practice_archive_report_clear (&report);
  return EXIT_DONE;
}
