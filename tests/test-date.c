/* test-date.c — calendar days: what counts as a day, and how one is written and shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-date"

#include "config.h"

#include <locale.h>

#include "alcove-date.h"

static void
test_valid_days (void)
{
  const char *valid[] = { "2024-02-29", "1999-12-31", "0001-01-01", "2026-12-06" };
  const char *invalid[] = { "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
                            "2024-1-01", "24-01-01", "2024-01-01x", "2024-01-01 ",
                            " 2024-01-01", "2024/01/01", "", "today" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (alcove_date_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      GDate date;

      g_assert_false (alcove_date_is_valid (invalid[i]));
      g_assert_false (alcove_date_to_gdate (invalid[i], &date));
      g_assert_false (g_date_valid (&date));
    }
  g_assert_false (alcove_date_is_valid (NULL));
}

static void
test_round_trip (void)
{
  GDate date;
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) parsed = alcove_date_parse ("2024-02-29");

  g_assert_true (alcove_date_to_gdate ("2024-02-29", &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2024);
  g_assert_cmpint (g_date_get_month (&date), ==, 2);
  g_assert_cmpint (g_date_get_day (&date), ==, 29);
  iso = alcove_date_to_iso (&date);
  g_assert_cmpstr (iso, ==, "2024-02-29");
  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_get_utc_offset (parsed), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (parsed), ==, 0);
}

/* "Today" is the local calendar day, whatever UTC says */
static void
test_today_is_local (void)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *today = NULL;

  g_setenv ("TZ", "Pacific/Kiritimati", TRUE);   /* UTC+14: ahead of UTC's day most hours */
  tzset ();
  now = g_date_time_new_now_local ();
  expected = g_date_time_format (now, "%Y-%m-%d");
  today = alcove_date_today_iso ();
  g_assert_cmpstr (today, ==, expected);
  g_unsetenv ("TZ");
  tzset ();
}

static void
test_display (void)
{
  g_autofree char *shown = alcove_date_format ("2024-03-07");
  g_autofree char *garbage = alcove_date_format ("soon");
  g_autofree char *missing = alcove_date_format (NULL);

  g_assert_cmpstr (shown, ==, "7 March 2024");
  g_assert_cmpstr (garbage, ==, "soon");
  g_assert_cmpstr (missing, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/valid-days", test_valid_days);
  g_test_add_func ("/date/round-trip", test_round_trip);
  g_test_add_func ("/date/today-is-local", test_today_is_local);
  g_test_add_func ("/date/display", test_display);
  return g_test_run ();
}
