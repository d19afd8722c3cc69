/* fuzz-csv.c — libFuzzer target: a client list in CSV, read as the import reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file either reads, with each row's cells reachable and in bounds, or is refused
 * with a message; nothing crashes, hangs or reads out of bounds. Built with -Dfuzzing=true
 * under clang; ./test.sh runs it for 20 s over corpus-csv/.
 */
#define G_LOG_DOMAIN "fuzz-csv"

#include "config.h"

#include "alcove-csv.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  return 0;
}

static void
touch_every_cell (AlcoveCsv *csv)
{
  guint columns = alcove_csv_get_n_columns (csv);

  g_assert (columns >= 1 && columns <= ALCOVE_CSV_MAX_COLUMNS);
  for (guint c = 0; c < columns; c++)
    g_assert (g_utf8_validate (alcove_csv_get_header (csv, c), -1, NULL));
  for (guint r = 0; r < alcove_csv_get_n_rows (csv); r++)
    {
      guint cells = alcove_csv_get_n_cells (csv, r);

      g_assert (cells >= 1 && cells <= ALCOVE_CSV_MAX_COLUMNS);
      g_assert (alcove_csv_get_line (csv, r) > 1);
      for (guint c = 0; c <= cells; c++)
        g_assert (g_utf8_validate (alcove_csv_get_cell (csv, r, c), -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveCsv) csv = alcove_csv_parse (bytes, &error);

  /* a refusal always says why */
  g_assert ((csv == NULL) == (error != NULL));
  if (csv == NULL)
    g_assert (error->message != NULL && *error->message != '\0');
  else
    touch_every_cell (csv);
  return 0;
}
