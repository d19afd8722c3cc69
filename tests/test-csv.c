/* test-csv.c — reading spreadsheet exports: encodings, delimiters, quoting, and files that
 * are broken or built to hurt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include "alcove-csv.h"
#include "alcove-error.h"
#include "alcove-test-utils.h"

static AlcoveCsv *
parse_len (const char  *data,
           gsize        size,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  return alcove_csv_parse (bytes, error);
}

static AlcoveCsv *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  AlcoveCsv *csv = parse_len (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

static void
assert_refused (const char *data,
                gsize       size,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveCsv) csv = parse_len (data, size, &error);

  if (csv != NULL)
    g_error ("accepted a file that should say “%s”", message_part);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static void
test_quoting (void)
{
  g_autoptr(AlcoveCsv) csv = parse ("First Name, Last Name ,Notes\r\n"
                                    "Robin,Ellery,\"said \"\"hello\"\"\"\r\n"
                                    "\r\n"
                                    "\"Sam, Jr.\",Okafor,\"two\nlines\"\r\n"
                                    "Jordan,Vale\r\n"
                                    "Priya,Natarajan,,extra");

  g_assert_cmpint (alcove_csv_get_delimiter (csv), ==, ',');
  g_assert_cmpstr (alcove_csv_get_encoding (csv), ==, "UTF-8");
  g_assert_cmpuint (alcove_csv_get_n_columns (csv), ==, 3);
  g_assert_cmpstr (alcove_csv_get_header (csv, 1), ==, "Last Name");
  g_assert_cmpuint (alcove_csv_get_n_rows (csv), ==, 4);
  g_assert_cmpstr (alcove_csv_get_cell (csv, 0, 2), ==, "said \"hello\"");
  g_assert_cmpstr (alcove_csv_get_cell (csv, 1, 0), ==, "Sam, Jr.");
  g_assert_cmpstr (alcove_csv_get_cell (csv, 1, 2), ==, "two\nlines");
  /* a short row reads as empty cells; a long one keeps its count for the import to judge */
  g_assert_cmpuint (alcove_csv_get_n_cells (csv, 2), ==, 2);
  g_assert_cmpstr (alcove_csv_get_cell (csv, 2, 2), ==, "");
  g_assert_cmpuint (alcove_csv_get_n_cells (csv, 3), ==, 4);
  /* lines as a spreadsheet numbers them: the blank line and the quoted break count */
  g_assert_cmpuint (alcove_csv_get_line (csv, 0), ==, 2);
  g_assert_cmpuint (alcove_csv_get_line (csv, 1), ==, 4);
  g_assert_cmpuint (alcove_csv_get_line (csv, 2), ==, 6);
  g_assert_cmpuint (alcove_csv_get_line (csv, 3), ==, 7);
}

static void
test_delimiters (void)
{
  static const struct { const char *text; char delimiter; } cases[] = {
    { "Vorname;Nachname;Geburtsdatum\nRobin;Ellery;12.04.1988\n", ';' },
    { "First\tLast\tDOB\nRobin\tEllery\t1988-04-12\n", '\t' },
    { "First|Last|DOB\nRobin|Ellery|1988-04-12\n", '|' },
    /* commas inside quotes do not make the comma the delimiter */
    { "Name;Notes\n\"Ellery, Robin\";\"a, b, c\"\n", ';' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AlcoveCsv) csv = parse (cases[i].text);

      g_assert_cmpint (alcove_csv_get_delimiter (csv), ==, cases[i].delimiter);
      g_assert_cmpuint (alcove_csv_get_n_columns (csv), >=, 2);
      g_assert_cmpuint (alcove_csv_get_n_rows (csv), ==, 1);
    }
}

static void
test_encodings (void)
{
  /* "José" in each: Excel's "CSV UTF-8" (with its mark), UTF-16 and plain Windows "CSV" */
  static const char utf8_bom[] = "\xEF\xBB\xBFName\nJos\xC3\xA9\n";
  static const char utf16le[] = "\xFF\xFEN\0a\0m\0e\0\n\0J\0o\0s\0\xE9\0\n\0";
  static const char cp1252[] = "Name\nJos\xE9\n";
  static const struct { const char *data; gsize size; const char *encoding; } cases[] = {
    { utf8_bom, sizeof utf8_bom - 1, "UTF-8" },
    { utf16le, sizeof utf16le - 1, "UTF-16" },
    { cp1252, sizeof cp1252 - 1, "Windows-1252" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AlcoveCsv) csv = parse_len (cases[i].data, cases[i].size, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (alcove_csv_get_encoding (csv), ==, cases[i].encoding);
      g_assert_cmpstr (alcove_csv_get_header (csv, 0), ==, "Name");
      g_assert_cmpstr (alcove_csv_get_cell (csv, 0, 0), ==, "Jos\xC3\xA9");
    }
}

static void
test_refusals (void)
{
  g_autofree char *wide = NULL;
  g_autofree char *long_cell = NULL;
  g_autoptr(GString) columns = g_string_new ("a");

  assert_refused ("", 0, "empty");
  assert_refused ("\n\n\r\n", 4, "empty");
  assert_refused ("Name\n\"Robin\n", 12, "line 2 is never closed");
  assert_refused ("PK\3\4\0\0binary", 12, "not a text file");
  assert_refused ("\xFF\xFEN\0\0\xD8", 6, "UTF-16");
  /* 0x81 is undefined in Windows-1252 and not UTF-8 */
  assert_refused ("Name\n\x81\x81\n", 8, "save it again as CSV UTF-8");
  for (guint i = 0; i < ALCOVE_CSV_MAX_COLUMNS; i++)
    g_string_append (columns, ",a");
  wide = g_strdup_printf ("%s\n", columns->str);
  assert_refused (wide, strlen (wide), "more than 256 columns");
  long_cell = g_strnfill (ALCOVE_CSV_MAX_CELL + 1, 'x');
  assert_refused (long_cell, strlen (long_cell), "longer than");
}

/* 50,000 clients, as a large practice's export: read whole, every row counted */
static void
test_large (void)
{
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,Date of Birth\n");
  g_autoptr(AlcoveCsv) csv = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (text, "Client%u,\"Family, %u\",1980-01-%02u\n", i, i, 1 + i % 28);
  csv = parse (text->str);
  g_assert_cmpuint (alcove_csv_get_n_rows (csv), ==, 50000);
  g_assert_cmpstr (alcove_csv_get_cell (csv, 49999, 1), ==, "Family, 49999");
}

static void
test_too_many_rows (void)
{
  g_autoptr(GString) text = g_string_new ("Name,DOB\n");

  for (guint i = 0; i <= ALCOVE_CSV_MAX_ROWS; i++)
    g_string_append (text, "a,b\n");
  assert_refused (text->str, text->len, "more than 100000 rows");
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/delimiters", test_delimiters);
  g_test_add_func ("/csv/encodings", test_encodings);
  g_test_add_func ("/csv/refusals", test_refusals);
  g_test_add_func ("/csv/large", test_large);
  g_test_add_func ("/csv/too-many-rows", test_too_many_rows);
  return g_test_run ();
}
