/* fuzz-backup.c — libFuzzer target: a backup file, as read from an untrusted disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with -Dfuzzing=true under clang (tests/fuzz/meson.build); ./test.sh runs it for
 * 20 s over corpus-backup/. The reader takes a path (libarchive reads the file), so each
 * input is written to one file in a private folder first. Any crash, sanitizer report or
 * GLib critical is a finding.
 */
#define G_LOG_DOMAIN "fuzz-backup"

#include "config.h"

#include <glib/gstdio.h>

#include "alcove-backup.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static char *input_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = g_dir_make_tmp ("fuzz-backup-XXXXXX", NULL);

  g_assert (dir != NULL);
  input_path = g_build_filename (dir, "input" ALCOVE_BACKUP_SUFFIX, NULL);
  /* a critical is a broken precondition inside the reader: make it a crash to report */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveBackupInfo) info = NULL;

  g_assert (g_file_set_contents (input_path, (const char *) data, (gssize) size, NULL));
  info = alcove_backup_verify (input_path, NULL, &error);
  /* exactly one of a description and an error */
  g_assert ((info == NULL) != (error == NULL));
  return 0;
}
