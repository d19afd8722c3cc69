/* test-date.c — calendar days: what counts as a day, how one is written and shown, and
 * what a person may type for one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-date"

#include "config.h"

#include <locale.h>
#include <string.h>

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

/* What a person types: ISO, the day as Alcove shows it, or the locale's numbers ("C" writes
 * month/day/year); a day needs all three parts and the year all four figures */
static void
test_typed_days (void)
{
  const struct { const char *typed; const char *iso; } days[] = {
    { "2024-03-07", "2024-03-07" },
    { "  2024-03-07 ", "2024-03-07" },
    { "7 March 2024", "2024-03-07" },
    { "7 Mar 2024", "2024-03-07" },
    { "29 february 2024", "2024-02-29" },
    { "03/07/2024", "2024-03-07" },
    { "3/7/2024", "2024-03-07" },
    { "7 Mar. 2024", "2024-03-07" },
  };
  const char *not_days[] = { "", "   ", "soon", "7 March", "March 2024", "3/7/24", "7", "2024",
                             "02/30/2024", "31 April 2024", "2023-02-29", "7 Marchember 2024",
                             "1/2/3/2024" };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *iso = alcove_date_typed_to_iso (days[i].typed);

      g_test_message ("typed \"%s\"", days[i].typed);
      g_assert_cmpstr (iso, ==, days[i].iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_days); i++)
    {
      GDate date;

      g_test_message ("typed \"%s\"", not_days[i]);
      g_assert_false (alcove_date_parse_typed (not_days[i], &date));
      g_assert_false (g_date_valid (&date));
      g_assert_null (alcove_date_typed_to_iso (not_days[i]));
    }
  g_assert_null (alcove_date_typed_to_iso (NULL));
}

/* What Alcove shows can be typed back */
static void
test_shown_days_can_be_typed (void)
{
  const char *days[] = { "2024-03-07", "2026-12-06", "1999-01-31", "2024-02-29" };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *shown = alcove_date_format (days[i]);
      g_autofree char *iso = alcove_date_typed_to_iso (shown);

      g_assert_cmpstr (iso, ==, days[i]);
    }
}

static void
assert_plain_with_full_year (const char *shown,
                             const char *year)
{
  g_test_message ("shown \"%s\"", shown);
  g_assert_false (g_unichar_isspace (g_utf8_get_char (shown)));
  g_assert_nonnull (strstr (shown, year));
}

/* One form for days and moments: no leading (figure) space before a one-figure day, and
 * the year in four figures, never "12/06/26" */
static void
test_one_display_form (void)
{
  g_autoptr(GDateTime) moment = g_date_time_new_local (2026, 6, 1, 9, 5, 0);
  g_autofree char *day = alcove_date_format ("2026-06-01");
  g_autofree char *date_time = alcove_date_format_date_time (moment);
  g_autofree char *from_ms = alcove_date_format_time (g_date_time_to_unix (moment) * 1000);
  GDate gdate;
  g_autofree char *from_gdate = NULL;

  g_date_clear (&gdate, 1);
  g_date_set_dmy (&gdate, 1, 6, 2026);
  from_gdate = alcove_date_format_gdate (&gdate);
  assert_plain_with_full_year (day, "2026");
  assert_plain_with_full_year (date_time, "2026");
  assert_plain_with_full_year (from_ms, "2026");
  g_assert_cmpstr (day, ==, "1 June 2026");
  g_assert_cmpstr (from_gdate, ==, day);
  g_assert_cmpstr (date_time, ==, "1 June 2026, 09:05");
  g_assert_cmpstr (from_ms, ==, date_time);
  g_assert_true (g_str_has_prefix (date_time, day));
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
  g_test_add_func ("/date/typed-days", test_typed_days);
  g_test_add_func ("/date/shown-days-can-be-typed", test_shown_days_can_be_typed);
  g_test_add_func ("/date/one-display-form", test_one_display_form);
  return g_test_run ();
}
