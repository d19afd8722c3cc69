/* fuzz-package.c — libFuzzer target: a package key file from another practice, and a
 * package's header, as read from untrusted files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with -Dfuzzing=true under clang (tests/fuzz/meson.build); ./test.sh runs it for
 * 20 s over corpus-package/. Opening a package is left out: it runs Argon2id first, at a
 * cost the header names (bounded, but far too slow to fuzz); what comes before it, the
 * header's checks, is what alcove_package_peek_kind reads. Any crash, sanitizer report or
 * GLib critical is a finding.
 */
#define G_LOG_DOMAIN "fuzz-package"

#include "config.h"

#include "alcove-package.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static char *input_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = g_dir_make_tmp ("fuzz-package-XXXXXX", NULL);

  g_assert (dir != NULL);
  input_path = g_build_filename (dir, "input", NULL);
  /* a critical is a broken precondition inside the reader: make it a crash to report */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) key_error = NULL;
  g_autoptr(GError) kind_error = NULL;
  g_autoptr(AlcovePackageKey) key = NULL;
  AlcovePackageKind kind = 0;
  gboolean peeked;

  g_assert (g_file_set_contents (input_path, (const char *) data, (gssize) size, NULL));
  key = alcove_package_key_load (input_path, &key_error);
  g_assert ((key == NULL) != (key_error == NULL));
  peeked = alcove_package_peek_kind (input_path, &kind, &kind_error);
  g_assert (peeked == (kind_error == NULL));
  g_assert (!peeked || kind == ALCOVE_PACKAGE_PASSPHRASE || kind == ALCOVE_PACKAGE_SEALED);
  return 0;
}
