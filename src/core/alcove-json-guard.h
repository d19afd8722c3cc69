/* alcove-json-guard.h — a check of untrusted JSON text before json-glib parses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 parses recursively and keeps strings as C strings, so some text that is
 * valid JSON, or nearly, harms it or the data read from it:
 * - deep nesting ([[[[…, 100,000 levels) overflows its stack and crashes the process;
 * - the escape \u0000 inside a string cuts the string short there, silently;
 * - a raw NUL byte ends the text early;
 * - a huge file is turned into a tree several times its size in memory.
 * alcove_json_guard_check() refuses all four in one pass that reads strings and their
 * escapes (so "\\u0000", an escaped backslash then "u0000", is ordinary text), before the
 * text reaches json-glib. It checks nothing else: json-glib still reports malformed JSON.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* vault.keys: a few KiB per user, nested five levels deep (users → slots → kdf) */
#define ALCOVE_HEADER_MAX_SIZE       ((gsize) 4 * 1024 * 1024)
#define ALCOVE_HEADER_MAX_DEPTH      16

/* An interchange file (alcove-interchange.h): a whole practice in one file, so large, but
 * nested only five levels (notes → addenda → text). A 100,000-note practice of 150–600-word
 * notes is a few hundred MiB of text; json-glib's tree of it is several times that again. */
#define ALCOVE_INTERCHANGE_MAX_SIZE  ((gsize) 512 * 1024 * 1024)
#define ALCOVE_INTERCHANGE_MAX_DEPTH 64

/* TRUE if `text` (`length` bytes, not necessarily NUL-terminated) is at most `max_size`
 * bytes, nests [ and { at most `max_depth` deep, and holds no NUL byte and no \u0000
 * escape. Otherwise FALSE with ALCOVE_VAULT_ERROR_INVALID and a message that reads after
 * the file's name ("nested more than 64 levels deep…"): a caller checking one of the
 * vault's own files turns it into ALCOVE_VAULT_ERROR_DAMAGED. */
gboolean alcove_json_guard_check (const char  *text,
                                  gsize        length,
                                  gsize        max_size,
                                  guint        max_depth,
                                  GError     **error);

G_END_DECLS
