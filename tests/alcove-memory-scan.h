/* alcove-memory-scan.h — what of a secret is still in this process's memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bytes to look for, kept only XOR-masked, so the test holds no plain copy of what it hunts */
typedef struct _AlcoveNeedle AlcoveNeedle;

AlcoveNeedle *alcove_needle_new          (const char   *name,
                                          const guint8 *data,
                                          gsize         length);
/* `masked` XOR 0x5a, as written in a test's source */
AlcoveNeedle *alcove_needle_new_masked   (const char   *name,
                                          const char   *masked);
/* The plain bytes, NUL-terminated, for typing them; wipe with alcove_needle_wipe_plain */
char         *alcove_needle_dup_plain    (const AlcoveNeedle *needle);
void          alcove_needle_wipe_plain   (char         *plain);
const char   *alcove_needle_get_name     (const AlcoveNeedle *needle);
void          alcove_needle_free         (AlcoveNeedle *needle);

/* Reads every readable mapping through /proc/self/mem and adds to `found` a description of
 * each place a needle is ("name at 0x… (mapping)"). Returns how many bytes were read. */
gsize         alcove_test_scan_memory    (GPtrArray    *needles,
                                          GPtrArray    *found);
/* How many entries of `found` are of `needle` */
guint         alcove_test_count_found    (GPtrArray    *found,
                                          const AlcoveNeedle *needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveNeedle, alcove_needle_free)

G_END_DECLS
