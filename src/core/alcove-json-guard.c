/* alcove-json-guard.c — a check of untrusted JSON text before json-glib parses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-json-guard"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alcove-error.h"
#include "alcove-json-guard.h"

/* One pass, one byte at a time, keeping only whether it is inside a string and how deep
 * the brackets outside strings go. It does not validate JSON: an unbalanced or stray
 * bracket is left for json-glib to report, as is a bad escape. */

static gboolean
refuse_size (gsize    length,
             gsize    max_size,
             GError **error)
{
  g_autofree char *size = g_format_size_full (length, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *message = NULL;

  /* Translators: the first %s is the size of the file, the second the largest Alcove reads */
  message = g_strdup_printf (_("too large to read (%s; at most %s): split it into smaller "
                               "files"), size, limit);
  return alcove_error_invalid (error, message);
}

/* The escape at text[at] is "\u0000": four zero hex digits after "\u" */
static gboolean
is_nul_escape (const char *text,
               gsize       length,
               gsize       at)
{
  return at + 6 <= length && memcmp (text + at, "\\u0000", 6) == 0;
}

gboolean
alcove_json_guard_check (const char  *text,
                         gsize        length,
                         gsize        max_size,
                         guint        max_depth,
                         GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (length > max_size)
    return refuse_size (length, max_size, error);

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];
      g_autofree char *message = NULL;

      if (c == '\0')
        {
          /* Translators: %lu is a byte offset into the file */
          message = g_strdup_printf (_("holds a NUL byte (at byte %lu), so it is not JSON "
                                       "text; check that this is the file you meant"),
                                     (gulong) i);
          return alcove_error_invalid (error, message);
        }
      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\')
            {
              /* the escaped character is skipped whole, so the second backslash of "\\"
               * cannot start an escape of its own */
              if (is_nul_escape (text, length, i))
                {
                  /* Translators: keep \\u0000 as it is; %lu is a byte offset */
                  message = g_strdup_printf (_("a string holds the escape \\u0000 (at byte "
                                               "%lu), a NUL character Alcove cannot keep; "
                                               "remove it from the file"), (gulong) i);
                  return alcove_error_invalid (error, message);
                }
              i++;
            }
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              /* Translators: %u is a number of levels, %lu a byte offset */
              message = g_strdup_printf (_("nested more than %u levels deep (at byte %lu), "
                                           "far deeper than Alcove writes; check that this "
                                           "is the file you meant"), max_depth, (gulong) i);
              return alcove_error_invalid (error, message);
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}
