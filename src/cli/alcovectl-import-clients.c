/* alcovectl-import-clients.c — `alcovectl import-clients`: a client list from another
 * system, previewed, then added with --yes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcovectl"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-client-import.h"
#include "alcove-practice-settings.h"
#include "alcovectl-private.h"

typedef struct
{
  char     *template_id;
  char    **maps;         /* FIELD=HEADER */
  char     *date_order;
  gboolean  check;
  gboolean  yes;
} ImportOptions;

static void
import_options_clear (ImportOptions *options)
{
  g_clear_pointer (&options->template_id, g_free);
  g_clear_pointer (&options->maps, g_strfreev);
  g_clear_pointer (&options->date_order, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportOptions, import_options_clear)

static int
find_header (AlcoveCsv  *csv,
             const char *header)
{
  for (guint c = 0; c < alcove_csv_get_n_columns (csv); c++)
    if (g_ascii_strcasecmp (alcove_csv_get_header (csv, c), header) == 0)
      return (int) c;
  return ALCOVE_IMPORT_NO_COLUMN;
}

/* --map first_name="Given Name", or --map pronouns= to leave a field out */
static gboolean
apply_map (AlcoveClientImport  *import,
           const char          *map,
           GError             **error)
{
  g_auto(GStrv) pair = g_strsplit (map, "=", 2);
  AlcoveImportField field;
  int column = ALCOVE_IMPORT_NO_COLUMN;

  if (g_strv_length (pair) != 2 || !alcove_import_field_from_string (pair[0], &field))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--map %s: write FIELD=HEADER, where FIELD is one of legal_name, "
                     "first_name, middle_name, last_name, preferred_name, date_of_birth, "
                     "pronouns, email, phone, address, status"), map);
      return FALSE;
    }
  if (pair[1][0] != '\0' &&
      (column = find_header (alcove_client_import_get_csv (import), pair[1])) == ALCOVE_IMPORT_NO_COLUMN)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--map %s: the list has no column “%s”"), map, pair[1]);
      return FALSE;
    }
  alcove_client_import_set_column (import, field, column);
  return TRUE;
}

static gboolean
apply_options (AlcoveClientImport  *import,
               ImportOptions       *options,
               GError             **error)
{
  if (options->template_id != NULL &&
      !alcove_client_import_apply_template (import, options->template_id, error))
    return FALSE;
  for (guint i = 0; options->maps != NULL && options->maps[i] != NULL; i++)
    if (!apply_map (import, options->maps[i], error))
      return FALSE;
  if (options->date_order != NULL)
    {
      if (g_str_equal (options->date_order, "mdy"))
        alcove_client_import_set_date_order (import, ALCOVE_DATE_ORDER_MDY);
      else if (g_str_equal (options->date_order, "dmy"))
        alcove_client_import_set_date_order (import, ALCOVE_DATE_ORDER_DMY);
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--date-order is mdy (04/12/1988 is April 12th) or dmy (12/04/1988 is)"));
          return FALSE;
        }
    }
  return TRUE;
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ';':
      return _("semicolons");
    case '\t':
      return _("tabs");
    case '|':
      return _("vertical bars");
    default:
      return _("commas");
    }
}

/* The mapping, by header: what a person checks before saying --yes */
static void
print_mapping (AlcoveClientImport *import)
{
  const AlcoveClientMapping *mapping = alcove_client_import_get_mapping (import);
  AlcoveCsv *csv = alcove_client_import_get_csv (import);
  const char *template_id = alcove_client_import_get_template (import);

  guint n_rows = alcove_csv_get_n_rows (csv);

  /* Translators: the second %s is the file's encoding ("UTF-8"), the third how its cells
   * are separated ("commas") */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Read %u row (%s, cells separated by %s).\n",
                        "Read %u rows (%s, cells separated by %s).\n", n_rows),
           n_rows, alcove_csv_get_encoding (csv), delimiter_name (alcove_csv_get_delimiter (csv)));
  if (template_id != NULL)
    g_print (_("Columns mapped as in: %s\n"), alcove_client_import_get_template_name (template_id));
  for (guint f = 0; f < ALCOVE_IMPORT_N_FIELDS; f++)
    if (mapping->columns[f] != ALCOVE_IMPORT_NO_COLUMN)
      g_print ("  %-15s ← %s\n", alcove_import_field_to_string (f),
               alcove_csv_get_header (csv, mapping->columns[f]));
  g_print (_("Dates read as %s.\n"), mapping->date_order == ALCOVE_DATE_ORDER_DMY
                                     ? _("day/month/year") : _("month/day/year"));
}

/* Line numbers and reasons only: the names stay in the file */
static void
print_preview (AlcoveClientImport *import)
{
  AlcoveCsv *csv = alcove_client_import_get_csv (import);

  for (guint r = 0; r < alcove_csv_get_n_rows (csv); r++)
    if (alcove_client_import_get_kind (import, r) != ALCOVE_IMPORT_ROW_NEW)
      g_print (_("  line %u: %s: %s\n"), alcove_csv_get_line (csv, r),
               alcove_client_import_get_kind (import, r) == ALCOVE_IMPORT_ROW_DUPLICATE
               ? _("duplicate") : _("invalid"),
               alcove_client_import_get_reason (import, r));
  g_print (_("New: %u. Duplicates: %u. Invalid: %u.\n"),
           alcove_client_import_count (import, ALCOVE_IMPORT_ROW_NEW),
           alcove_client_import_count (import, ALCOVE_IMPORT_ROW_DUPLICATE),
           alcove_client_import_count (import, ALCOVE_IMPORT_ROW_INVALID));
}

static AlcoveClientImport *
read_list (const char  *file,
           GError     **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (file, FALSE, error);
  g_autoptr(GBytes) bytes = NULL;
  AlcoveCsv *csv;

  if (mapped == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);
  csv = alcove_csv_parse (bytes, error);
  return csv != NULL ? alcove_client_import_new (csv) : NULL;
}

/* A mapping an owner saved for lists with these headers, unless options say otherwise */
static void
recall_mapping (AlcoveClientImport *import,
                AlcoveVault        *vault)
{
  g_autofree char *key = alcove_client_import_dup_settings_key (import);
  g_autofree char *saved = alcove_practice_settings_dup_string (vault, key, NULL);

  if (saved != NULL && alcove_client_import_load_mapping_text (import, saved))
    g_print (_("Using the column mapping saved for lists with these headers.\n"));
}

static void
remember_mapping (AlcoveClientImport *import,
                  AlcoveVault        *vault)
{
  g_autofree char *key = alcove_client_import_dup_settings_key (import);
  g_autofree char *text = alcove_client_import_dup_mapping_text (import);

  if (alcove_practice_settings_can_change (vault))
    alcove_practice_settings_set_string (vault, key, text, NULL);
}

static int
import_into_vault (Context            *context,
                   AlcoveClientImport *import,
                   ImportOptions      *options,
                   const char         *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (context->vault, &error);
  guint written = 0;

  if (clients == NULL)
    return fail_with (error);
  if (options->template_id == NULL && options->maps == NULL && options->date_order == NULL)
    recall_mapping (import, context->vault);
  print_mapping (import);
  if (!alcove_client_import_classify (import, clients, &error))
    return fail (EXIT_USAGE, _("%s: %s\nNothing was imported."), file, error->message);
  print_preview (import);
  if (!options->yes)
    {
      g_print (_("Nothing was written: run again with --yes to add the %u new clients.\n"),
               alcove_client_import_count (import, ALCOVE_IMPORT_ROW_NEW));
      return EXIT_DONE;
    }
  if (!alcove_client_import_commit (import, clients, &written, &error))
    return fail_with (error);
  remember_mapping (import, context->vault);
  g_print (_("Added %u clients.\n"), written);
  g_printerr (_("%s still holds the client list in plain text; delete it once you no "
                "longer need it.\n"), file);
  return EXIT_DONE;
}

int
command_import_clients (Context  *context,
                        int       argc,
                        char    **argv)
{
  g_auto(Credentials) credentials = { 0 };
  g_auto(ImportOptions) options = { 0 };
  GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &options.template_id,
      N_("Map the columns as this system writes them: simplepractice or powerdiary"), N_("ID") },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &options.maps,
      N_("Read FIELD from the column HEADER (FIELD= leaves it out); repeatable"),
      N_("FIELD=HEADER") },
    { "date-order", 0, 0, G_OPTION_ARG_STRING, &options.date_order,
      N_("Read dates as month/day/year (mdy) or day/month/year (dmy)"), N_("ORDER") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &options.check,
      N_("Only read the list and show the mapping and each row’s verdict, with no vault"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &options.yes,
      N_("Add the new clients (without it, only the preview is shown)"), NULL },
    CREDENTIAL_ENTRIES (credentials),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveClientImport) import = NULL;
  int code;

  if (!parse_options ("import-clients", "FILE.csv", entries, &argc, &argv, &error))
    return usage_error (error, "import-clients");
  if (argc != 2)
    return fail (EXIT_USAGE, _("import-clients needs FILE.csv"));
  /* Before asking for a password that could not be used */
  import = read_list (argv[1], &error);
  if (import == NULL)
    return fail (EXIT_USAGE, _("%s: %s\nNothing was imported."), argv[1], error->message);
  if (!apply_options (import, &options, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  if (options.check)
    {
      print_mapping (import);
      if (!alcove_client_import_classify (import, NULL, &error))
        return fail (EXIT_USAGE, _("%s: %s\nNothing was imported."), argv[1], error->message);
      print_preview (import);
      g_print (_("Checked without the vault: duplicates of clients already in it are found "
                 "when it is imported.\n"));
      return EXIT_DONE;
    }
  code = authenticate (context, &credentials, FALSE);
  if (code != EXIT_DONE)
    return code;
  return import_into_vault (context, import, &options, argv[1]);
}
