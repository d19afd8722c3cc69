/* alcove-bench-practice.c — the whole practice exported for leaving Alcove, and imported
 * into a new vault by its owner and then each clinician
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-bench"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "alcove-bench.h"
#include "alcove-practice-archive.h"

#define MIB (1024.0 * 1024.0)

static double
import_as (AlcoveVault *vault,
           const char  *username,
           GFile       *archive)
{
  g_autoptr(GError) error = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  double start;

  unlock_as (vault, username);
  start = now_ms ();
  check (alcove_practice_import (vault, archive, &report, NULL, &error), error,
         "import the practice");
  alcove_practice_archive_report_clear (&report);
  return now_ms () - start;
}

void
alcove_bench_practice (AlcoveVault        *vault,
                       const char         *vault_dir,
                       const AlcoveSecret *recovery_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_path_get_dirname (vault_dir);
  g_autofree char *path = g_build_filename (parent, "practice.zip", NULL);
  g_autofree char *fresh_dir = g_build_filename (parent, "practice-fresh", NULL);
  g_autoptr(GFile) archive = g_file_new_for_path (path);
  g_autoptr(AlcoveVault) fresh = NULL;
  g_autoptr(AlcoveSecret) fresh_code = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  double start, export_ms, owner_ms, clinicians_ms = 0, again_ms;
  struct rusage usage;
  GStatBuf st;

  check (alcove_vault_unlock_with_recovery_key (vault, recovery_code, &error), error,
         "recovery key");
  start = now_ms ();
  check (alcove_practice_export (vault, archive, &report, NULL, &error), error,
         "export the practice");
  export_ms = now_ms () - start;
  alcove_vault_lock (vault);
  check (g_stat (path, &st) == 0, NULL, "stat the archive");
  /* the archive is built in memory before it is written: the high-water mark after it */
  getrusage (RUSAGE_SELF, &usage);

  fresh = alcove_bench_create_people (fresh_dir, &fresh_code);
  alcove_vault_lock (fresh);
  owner_ms = import_as (fresh, "owner", archive);
  for (int c = 0; c < alcove_bench_n_clinicians (); c++)
    {
      g_autofree char *name = username_of (c);

      clinicians_ms += import_as (fresh, name, archive);
    }
  /* the same archive again: everything is there and equal */
  again_ms = import_as (fresh, "owner", archive);
  alcove_vault_lock (fresh);

  record ("practice_export_s", "Practice export: the whole practice to a ZIP of CSV files", "s",
          export_ms / 1000.0);
  record ("practice_export_rows", "  clients + sessions + notes + addenda exported", "rows",
          report.clients + report.sessions + report.notes + report.addenda);
  record ("practice_archive_mib", "  size of the archive", "MiB", st.st_size / MIB);
  record ("practice_peak_rss_mib", "  peak RSS once exported", "MiB", usage.ru_maxrss / 1024.0);
  record ("practice_import_owner_s", "  import into a new vault: the owner (practice records)",
          "s", owner_ms / 1000.0);
  record ("practice_import_clinicians_s", "  import: every clinician (notes, signed again)", "s",
          clinicians_ms / 1000.0);
  record ("practice_import_again_s", "  the same archive again (every row equal, skipped)", "s",
          again_ms / 1000.0);
  alcove_practice_archive_report_clear (&report);
  g_unlink (path);
  remove_tree (fresh_dir);
}
