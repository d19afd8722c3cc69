/* alcovectl-package.c — encrypted packages of a disclosure on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcovectl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "alcove-package.h"
#include "alcovectl-private.h"

static GBytes *
load_input (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return g_file_load_bytes (file, NULL, NULL, error);
}

/* --pdf FILE --json FILE --output OUT, under a new passphrase (printed on standard output,
 * then the package's SHA-256) or sealed to a practice's key file (--to-practice KEYFILE) */
static int
package_create (Context  *context,
                int       argc,
                char    **argv)
{
  g_autofree char *pdf_path = NULL, *json_path = NULL, *output = NULL, *key_path = NULL;
  GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("The disclosure as a PDF"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, N_("The same content as JSON"),
      N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The package to write"),
      N_("OUT.alcove-package") },
    { "to-practice", 0, 0, G_OPTION_ARG_FILENAME, &key_path,
      N_("Seal to this practice’s key file instead of a passphrase"), N_("KEYFILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(AlcovePackage) package = NULL;
  g_autoptr(AlcovePackageKey) key = NULL;
  g_autoptr(AlcoveSecret) passphrase = NULL;
  g_autofree char *sha256 = NULL;

  if (!parse_options ("package create", NULL, entries, &argc, &argv, &error))
    return usage_error (error, "package create");
  if (pdf_path == NULL || json_path == NULL || output == NULL || argc != 1)
    return fail (EXIT_USAGE, _("package create needs --pdf FILE --json FILE --output OUT"));
  if ((pdf = load_input (pdf_path, &error)) == NULL ||
      (json = load_input (json_path, &error)) == NULL)
    return fail (EXIT_ENVIRONMENT, "%s", error->message);
  if (key_path != NULL && (key = alcove_package_key_load (key_path, &error)) == NULL)
    return fail_with (error);

  package = alcove_package_new (pdf, json);
  if (key != NULL)
    {
      if (!alcove_package_write_sealed (package, output, key, &sha256, &error))
        return fail_with (error);
      g_printerr (_("Sealed to %s, key fingerprint %s: confirm it with them before sending.\n"),
                  alcove_package_key_get_practice (key), alcove_package_key_get_fingerprint (key));
    }
  else
    {
      passphrase = alcove_package_passphrase_new ();
      if (!alcove_package_write_with_passphrase (package, output, passphrase, NULL, &sha256,
                                                 &error))
        return fail_with (error);
      print_secret_line (passphrase);
      g_printerr (_("Give the recipient the passphrase apart from the file: by phone or in "
                    "person, never in the same message.\n"));
    }
  g_print ("%s\n", sha256);
  g_printerr (_("This package is not entered in any client’s disclosure log: record the "
                "disclosure in Alcove.\n"));
  return EXIT_DONE;
}

static char *
output_path (const char *dir,
             const char *package_path,
             const char *extension)
{
  g_autofree char *base = g_path_get_basename (package_path);
  g_autofree char *name = NULL;

  if (g_str_has_suffix (base, ALCOVE_PACKAGE_SUFFIX))
    base[strlen (base) - strlen (ALCOVE_PACKAGE_SUFFIX)] = '\0';
  name = g_strconcat (base, extension, NULL);
  return g_build_filename (dir, name, NULL);
}

/* The passphrase comes on standard input; a sealed package needs the vault, opened with
 * --user NAME --password-stdin like any other command */
static int
package_open (Context  *context,
              int       argc,
              char    **argv)
{
  Credentials credentials = { 0 };
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &dir,
      N_("The folder for the PDF and the JSON"), N_("DIR") },
    CREDENTIAL_ENTRIES (credentials),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcovePackage) package = NULL;
  g_autoptr(AlcoveSecret) passphrase = NULL;
  g_autofree char *pdf_path = NULL, *json_path = NULL;
  AlcovePackageKind kind;
  int code = EXIT_DONE;

  if (!parse_options ("package open", "FILE", entries, &argc, &argv, &error))
    return usage_error (error, "package open");
  if (argc != 2 || dir == NULL)
    code = fail (EXIT_USAGE, _("package open needs FILE --output DIR"));
  else if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    code = fail (EXIT_USAGE, _("%s is not a folder"), dir);
  else if (!alcove_package_peek_kind (argv[1], &kind, &error))
    code = fail_with (error);
  else if (kind == ALCOVE_PACKAGE_SEALED)
    code = authenticate (context, &credentials, FALSE);
  credentials_clear (&credentials);
  if (code != EXIT_DONE)
    return code;

  if (kind == ALCOVE_PACKAGE_SEALED)
    package = alcove_package_open_sealed (argv[1], context->vault, &error);
  else if ((passphrase = read_secret_line (_("Passphrase"), &error)) != NULL)
    package = alcove_package_open_with_passphrase (argv[1], passphrase, &error);
  if (package == NULL)
    return fail_with (error);

  pdf_path = output_path (dir, argv[1], ".pdf");
  json_path = output_path (dir, argv[1], ".json");
  if (!alcove_package_save_contents (package, pdf_path, json_path, &error))
    return fail_with (error);
  g_print ("%s\n%s\n", pdf_path, json_path);
  return EXIT_DONE;
}

/* The practice's key for others to seal packages to; its fingerprint on standard output */
static int
package_export_key (Context  *context,
                    int       argc,
                    char    **argv)
{
  Credentials credentials = { 0 };
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The key file to write"),
      N_("FILE") },
    CREDENTIAL_ENTRIES (credentials),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcovePackageKey) key = NULL;
  int code;

  if (!parse_options ("package export-key", NULL, entries, &argc, &argv, &error))
    return usage_error (error, "package export-key");
  if (output == NULL || argc != 1)
    code = fail (EXIT_USAGE, _("package export-key needs --output FILE"));
  else
    code = authenticate (context, &credentials, FALSE);
  credentials_clear (&credentials);
  if (code != EXIT_DONE)
    return code;

  key = alcove_package_key_for_vault (context->vault, &error);
  if (key == NULL || !alcove_package_key_save (key, output, &error))
    return fail_with (error);
  g_print ("%s\n", alcove_package_key_get_fingerprint (key));
  return EXIT_DONE;
}

int
command_package (Context  *context,
                 int       argc,
                 char    **argv)
{
  static const struct { const char *name; CommandFunc func; } subcommands[] = {
    { "create", package_create },
    { "open", package_open },
    { "export-key", package_export_key },
  };

  for (guint i = 0; argc > 1 && i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].func (context, argc - 1, argv + 1);
  return fail (EXIT_USAGE, _("Usage: alcovectl package create|open|export-key (each takes "
                             "--help)"));
}
