/* test-json-guard.c — untrusted JSON refused before json-glib parses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-json-guard"

#include "config.h"

#include <json-glib/json-glib.h>

#include "alcove-error.h"
#include "alcove-json-guard.h"
#include "alcove-test-utils.h"

static gboolean
check_text (const char  *text,
            guint        max_depth,
            GError     **error)
{
  return alcove_json_guard_check (text, strlen (text), ALCOVE_INTERCHANGE_MAX_SIZE, max_depth,
                                  error);
}

static void
assert_refused (const char *text,
                gsize       length,
                gsize       max_size,
                guint       max_depth,
                const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (alcove_json_guard_check (text, length, max_size, max_depth, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  if (strstr (error->message, message) == NULL)
    g_error ("expected “%s” in “%s”", message, error->message);
}

static void
assert_accepted (const char *text,
                 guint       max_depth)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (check_text (text, max_depth, &error));
  g_assert_no_error (error);
}

/* Text that json-glib parses, and what it reads is what was written */
static void
assert_parses_whole (const char *text,
                     const char *expected)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  assert_accepted (text, ALCOVE_INTERCHANGE_MAX_DEPTH);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, expected);
}

static char *
nested (char  open,
        char  close,
        gsize levels)
{
  GString *text = g_string_sized_new (2 * levels + 1);

  for (gsize i = 0; i < levels; i++)
    g_string_append_c (text, open);
  for (gsize i = 0; i < levels; i++)
    g_string_append_c (text, close);
  return g_string_free (text, FALSE);
}

/* json-glib 1.6 overflows its stack on these; the guard stops at the first level too many */
static void
test_deep_nesting (void)
{
  g_autofree char *brackets = nested ('[', ']', 100000);
  g_autofree char *unclosed = g_strnfill (100000, '{');
  g_autofree char *at_limit = nested ('[', ']', ALCOVE_INTERCHANGE_MAX_DEPTH);
  g_autofree char *over_limit = nested ('[', ']', ALCOVE_INTERCHANGE_MAX_DEPTH + 1);
  g_autoptr(GString) mixed = g_string_new (NULL);
  g_autoptr(GString) in_string = g_string_new ("[\"");

  assert_refused (brackets, strlen (brackets), ALCOVE_INTERCHANGE_MAX_SIZE,
                  ALCOVE_INTERCHANGE_MAX_DEPTH, "nested more than 64 levels deep (at byte 64)");
  assert_refused (unclosed, strlen (unclosed), ALCOVE_INTERCHANGE_MAX_SIZE,
                  ALCOVE_INTERCHANGE_MAX_DEPTH, "nested more than 64 levels deep");
  for (guint i = 0; i < 50000; i++)
    g_string_append (mixed, "{\"a\":[");
  assert_refused (mixed->str, mixed->len, ALCOVE_INTERCHANGE_MAX_SIZE,
                  ALCOVE_INTERCHANGE_MAX_DEPTH, "nested more than 64 levels deep");
  assert_refused (over_limit, strlen (over_limit), ALCOVE_INTERCHANGE_MAX_SIZE,
                  ALCOVE_INTERCHANGE_MAX_DEPTH, "nested more than 64 levels deep");
  assert_accepted (at_limit, ALCOVE_INTERCHANGE_MAX_DEPTH);

  /* the header's tighter limit */
  assert_refused (at_limit, strlen (at_limit), ALCOVE_HEADER_MAX_SIZE, ALCOVE_HEADER_MAX_DEPTH,
                  "nested more than 16 levels deep");

  /* brackets inside strings, even after an escaped quote, are text */
  g_string_append (in_string, "\\\"");
  for (guint i = 0; i < 100000; i++)
    g_string_append (in_string, "[{");
  g_string_append (in_string, "\"]");
  assert_accepted (in_string->str, ALCOVE_INTERCHANGE_MAX_DEPTH);
  /* closing brackets never take the depth below zero, to hide opening ones after them */
  assert_refused ("]]]]]]]][[[", 11, 100, 2, "nested more than 2 levels deep (at byte 10)");
}

/* json-glib cuts a string at \u0000, silently */
static void
test_nul_escape (void)
{
  const char *refused[] = {
    "[\"ab\\u0000cd\"]",
    "{\"key\\u0000\": 1}",
    "[\"\\\\\\u0000\"]",           /* an escaped backslash, then the escape */
    "[\"\\\"\\u0000\"]",           /* an escaped quote, then the escape */
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_refused (refused[i], strlen (refused[i]), ALCOVE_INTERCHANGE_MAX_SIZE,
                    ALCOVE_INTERCHANGE_MAX_DEPTH, "a string holds the escape \\u0000 (at byte");

  /* an escaped backslash before "u0000" is the six characters \u0000, kept whole */
  assert_parses_whole ("[\"\\\\u0000\"]", "\\u0000");
  assert_parses_whole ("[\"a\\\\\\\\u0000b\"]", "a\\\\u0000b");
  /* other escapes of small characters are fine */
  assert_parses_whole ("[\"\\u0001\\u00e9\\t\"]", "\001\303\251\t");
  /* an escape cut short by the end of the text is json-glib's to refuse */
  assert_accepted ("[\"\\u000", ALCOVE_INTERCHANGE_MAX_DEPTH);
}

static void
test_nul_byte (void)
{
  static const char in_string[] = "[\"a\0b\"]";
  static const char outside[] = "[1,\0 2]";
  static const char at_end[] = "{}\0";

  assert_refused (in_string, sizeof in_string - 1, ALCOVE_INTERCHANGE_MAX_SIZE,
                  ALCOVE_INTERCHANGE_MAX_DEPTH, "holds a NUL byte (at byte 3)");
  assert_refused (outside, sizeof outside - 1, ALCOVE_INTERCHANGE_MAX_SIZE,
                  ALCOVE_INTERCHANGE_MAX_DEPTH, "holds a NUL byte (at byte 3)");
  assert_refused (at_end, sizeof at_end - 1, ALCOVE_INTERCHANGE_MAX_SIZE,
                  ALCOVE_INTERCHANGE_MAX_DEPTH, "holds a NUL byte (at byte 2)");
}

static void
test_size (void)
{
  const char *text = "[\"0123456789\"]";   /* 14 bytes */
  g_autoptr(GError) error = NULL;
  /* sizes as GLib writes them, with a no-break space before the unit */
  g_autofree char *fourteen = g_format_size_full (14, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *thirteen = g_format_size_full (13, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *header_max = g_format_size_full (ALCOVE_HEADER_MAX_SIZE,
                                                    G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *small = g_strdup_printf ("too large to read (%s; at most %s)", fourteen,
                                            thirteen);
  g_autofree char *huge = g_strdup_printf ("at most %s)", header_max);

  g_assert_true (alcove_json_guard_check (text, 14, 14, 4, &error));
  g_assert_no_error (error);
  assert_refused (text, 14, 13, 4, small);
  /* refused on the length alone: nothing past the limit is read */
  g_assert_cmpstr (header_max, ==, "4.0\xc2\xa0MiB");
  assert_refused (text, G_MAXSIZE, ALCOVE_HEADER_MAX_SIZE, ALCOVE_HEADER_MAX_DEPTH, huge);
  g_assert_cmpuint (ALCOVE_INTERCHANGE_MAX_SIZE, ==, 512 * 1024 * 1024);
}

static void
test_ordinary (void)
{
  const char *accepted[] = {
    "",
    "{}",
    "[]",
    "42",
    "{\"format\": \"alcove-interchange\", \"version\": 1, \"clients\": [], \"notes\": []}",
    "{\"a\": [{\"b\": {\"c\": [1, 2, {\"d\": \"e}]\\\"\\\\\"}]}}], \"f\": null}",
    "[\"caf\xc3\xa9 \\ud83d\\ude00 \\/ \\n\"]",
    /* not JSON, but not the guard's to say: json-glib refuses these */
    "{\"unterminated",
    "}}}{{{",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    assert_accepted (accepted[i], ALCOVE_INTERCHANGE_MAX_DEPTH);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/json-guard/deep-nesting", test_deep_nesting);
  g_test_add_func ("/json-guard/nul-escape", test_nul_escape);
  g_test_add_func ("/json-guard/nul-byte", test_nul_byte);
  g_test_add_func ("/json-guard/size", test_size);
  g_test_add_func ("/json-guard/ordinary", test_ordinary);

  return g_test_run ();
}
