/* test-text.c — text as people type it, and lists of text kept in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-text"

#include "config.h"

#include "alcove-text.h"

static void
test_blank (void)
{
  g_assert_true (alcove_text_is_blank (NULL));
  g_assert_true (alcove_text_is_blank (""));
  g_assert_true (alcove_text_is_blank (" \t\n\u00a0\u2003"));
  g_assert_false (alcove_text_is_blank ("  a "));
}

/* Sorted by the strings, not by where they happen to lie in memory: the order of note
 * stores, and of the sections an export writes, must not change from run to run */
static void
test_sorted_in_array (void)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *expected[] = { "notes:a", "notes:b", "notes:c", "notes:d" };

  /* allocated in the reverse of their order, so their addresses sort the other way */
  g_ptr_array_add (names, g_strdup ("notes:d"));
  g_ptr_array_add (names, g_strdup ("notes:b"));
  g_ptr_array_add (names, g_strdup ("notes:c"));
  g_ptr_array_add (names, g_strdup ("notes:a"));
  g_ptr_array_sort (names, alcove_text_compare_in_array);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (names, i), ==, expected[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/blank", test_blank);
  g_test_add_func ("/text/sorted-in-array", test_sorted_in_array);
  return g_test_run ();
}
