/* alcove-bench-import.c — a client list from another system: reading, judging and adding it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of invented clients in SimplePractice's shape, one row in fifty a duplicate of an
 * earlier one and one in a hundred without a birth date. Built into both benchmarks, so each
 * figure has its plain-SQLite ratio.
 */
#define G_LOG_DOMAIN "alcove-bench"

#include "config.h"

#include "alcove-client-import.h"
#include "alcove-client-store.h"

#include "alcove-bench.h"

static GBytes *
make_list (guint rows)
{
  GString *text = g_string_new ("First Name,Last Name,Date of Birth,Email,Phone\r\n");

  for (guint i = 0; i < rows; i++)
    {
      guint person = i % 50 == 49 ? i - 1 : i;  /* every fiftieth row repeats the one before */

      g_string_append_printf (text, "Given%u,Family%u,", person, person);
      if (i % 100 != 7)
        g_string_append_printf (text, "%02u/%02u/%u", 1 + person % 12, 1 + person % 28,
                                1940 + person % 60);
      g_string_append_printf (text, ",person%u@example.org,555-%04u\r\n", person, person % 10000);
    }
  return g_string_free_to_bytes (text);
}

guint
alcove_bench_import (AlcoveVault *vault,
                     guint        rows)
{
  g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (vault, NULL);
  g_autoptr(GBytes) list = make_list (rows);
  g_autoptr(AlcoveClientImport) import = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveCsv *csv;
  guint written = 0;
  double start;

  start = now_ms ();
  csv = alcove_csv_parse (list, &error);
  check (csv != NULL, error, "parse the client list");
  import = alcove_client_import_new (csv);
  check (alcove_client_import_classify (import, clients, &error), error, "judge the list");
  record ("import_preview_ms", "Client list: read and judge every row", "ms", now_ms () - start);

  start = now_ms ();
  check (alcove_client_import_commit (import, clients, &written, &error), error, "add the list");
  record ("import_commit_ms", "Client list: add the new rows, in one transaction", "ms",
          now_ms () - start);
  record ("import_rows_added", "Client list: rows added", "rows", written);
  return written;
}
