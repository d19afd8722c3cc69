/* fuzz-header.c — libFuzzer target: vault.keys as read from an untrusted folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with -Dfuzzing=true under clang (tests/fuzz/meson.build); ./test.sh runs it for
 * 20 s over corpus-header/. Any crash, sanitizer report or GLib critical is a finding.
 */
#define G_LOG_DOMAIN "fuzz-header"

#include "config.h"

#include "alcove-header.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* a critical is a broken precondition inside the parser: make it a crash to report */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  AlcoveHeader *header;

  header = alcove_header_parse ((const char *) data, size, &error);
  /* exactly one of a header and an error */
  g_assert ((header == NULL) != (error == NULL));
  g_clear_pointer (&header, alcove_header_free);
  return 0;
}
