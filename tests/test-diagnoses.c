/* test-diagnoses.c — the shipped ICD-10-CM catalog: its release, lookups, search, and the
 * syntax any other code must have
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-diagnoses"

#include "config.h"

#include "alcove-diagnosis-catalog.h"
#include "alcove-test-utils.h"

static void
test_release_and_lookup (void)
{
  const AlcoveDiagnosisCode *code;

  g_assert_true (g_str_has_prefix (alcove_diagnosis_catalog_get_release (), "ICD-10-CM 20"));
  code = alcove_diagnosis_catalog_lookup ("F32.1");
  g_assert_nonnull (code);
  g_assert_cmpstr (code->long_text, ==, "Major depressive disorder, single episode, moderate");
  g_assert_true (code->billable);
  /* typed as people type it */
  g_assert_true (alcove_diagnosis_catalog_lookup ("f321") == code);
  g_assert_true (alcove_diagnosis_catalog_lookup (" F32.1 ") == code);
  /* a category header is there, never billable */
  code = alcove_diagnosis_catalog_lookup ("F32");
  g_assert_nonnull (code);
  g_assert_false (code->billable);
  /* the psychosocial Z codes are shipped; other chapters are not */
  g_assert_nonnull (alcove_diagnosis_catalog_lookup ("Z63.0"));
  g_assert_nonnull (alcove_diagnosis_catalog_lookup ("Z71.9"));
  g_assert_null (alcove_diagnosis_catalog_lookup ("J45.909"));
  g_assert_null (alcove_diagnosis_catalog_lookup ("not a code"));
}

static gboolean
has_code (GPtrArray  *codes,
          const char *code)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_str_equal (((AlcoveDiagnosisCode *) g_ptr_array_index (codes, i))->code, code))
      return TRUE;
  return FALSE;
}

static void
test_search (void)
{
  g_autoptr(GPtrArray) by_code = alcove_diagnosis_catalog_search ("f41", 50);
  g_autoptr(GPtrArray) by_words = alcove_diagnosis_catalog_search ("generalized anx", 50);
  g_autoptr(GPtrArray) ptsd = alcove_diagnosis_catalog_search ("post-traumatic", 50);
  g_autoptr(GPtrArray) limited = alcove_diagnosis_catalog_search ("disorder", 5);
  g_autoptr(GPtrArray) nothing = alcove_diagnosis_catalog_search ("   ", 50);
  g_autoptr(GPtrArray) partner = alcove_diagnosis_catalog_search ("spouse partner", 50);

  g_assert_true (has_code (by_code, "F41.1"));
  g_assert_true (has_code (by_words, "F41.1"));
  g_assert_true (has_code (ptsd, "F43.10"));
  g_assert_true (has_code (partner, "Z63.0"));
  g_assert_cmpuint (limited->len, ==, 5);
  g_assert_cmpuint (nothing->len, ==, 0);
  /* billable codes come before headers */
  for (guint i = 1; i < by_code->len; i++)
    g_assert_true (((AlcoveDiagnosisCode *) g_ptr_array_index (by_code, i - 1))->billable ||
                   !((AlcoveDiagnosisCode *) g_ptr_array_index (by_code, i))->billable);
  /* a word must start a word: "anx" finds anxiety, "nxiety" does not */
  {
    g_autoptr(GPtrArray) inside = alcove_diagnosis_catalog_search ("nxiety", 50);

    g_assert_cmpuint (inside->len, ==, 0);
  }
}

static void
test_code_syntax (void)
{
  const char *valid[] = { "F32", "F32.1", "F43.10", "Z63.0", "S06.0X1A", "T74.11XA" };
  const char *invalid[] = { "", "32.1", "F3", "F32.", "F32.12345", "FF2.1", "F32-1", "f32.1" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (alcove_diagnosis_code_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (alcove_diagnosis_code_is_valid (invalid[i]));
  {
    g_autofree char *a = alcove_diagnosis_code_normalize ("s060x1a");
    g_autofree char *b = alcove_diagnosis_code_normalize ("F32-1");
    g_autofree char *c = alcove_diagnosis_code_normalize ("f 32.1");

    g_assert_cmpstr (a, ==, "S06.0X1A");
    g_assert_null (b);
    g_assert_cmpstr (c, ==, "F32.1");
  }
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/diagnoses/release-and-lookup", test_release_and_lookup);
  g_test_add_func ("/diagnoses/search", test_search);
  g_test_add_func ("/diagnoses/code-syntax", test_code_syntax);

  return g_test_run ();
}
