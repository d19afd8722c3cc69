/* fuzz-practice.c — libFuzzer target: a practice archive (ZIP of CSV tables and a manifest),
 * read as an import reads it before it writes anything
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file either reads, with counts no larger than its tables allow, or is refused with a
 * message; nothing crashes, hangs or reads out of bounds. Built with -Dfuzzing=true under
 * clang; ./test.sh runs it for 20 s over corpus-practice/.
 */
#define G_LOG_DOMAIN "fuzz-practice"

#include "config.h"

#include "alcove-practice-archive.h"

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

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  AlcovePracticeArchiveReport report = { 0 };
  gboolean ok = alcove_practice_archive_check (bytes, &report, &error);

  /* a refusal always says why */
  g_assert (ok == (error == NULL));
  if (!ok)
    g_assert (error->message != NULL && *error->message != '\0');
  alcove_practice_archive_report_clear (&report);
  return 0;
}
