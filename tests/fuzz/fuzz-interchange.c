/* fuzz-interchange.c — libFuzzer target: an import file, checked as import checks it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * alcove_interchange_check() runs every check of alcove_interchange_import() that needs no
 * vault (the JSON guard, json-glib, each entry and field), so the fuzzer needs no vault
 * and no key. Built with -Dfuzzing=true under clang; ./test.sh runs it for 20 s over
 * corpus-interchange/.
 */
#define G_LOG_DOMAIN "fuzz-interchange"

#include "config.h"

#include "alcove-interchange.h"

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
  g_autoptr(GBytes) json = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  gboolean valid;

  valid = alcove_interchange_check (json, &error);
  /* a refusal always says why */
  g_assert (valid == (error == NULL));
  g_assert (valid || (error->message != NULL && *error->message != '\0'));
  return 0;
}
