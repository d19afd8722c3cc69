/* test-backup-schedule.c — when an automatic backup is due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-backup-schedule"

#include "config.h"

#include "alcove-backup-schedule.h"

#define HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)
#define NOW_MS  (G_GINT64_CONSTANT (1796000000000))

static void
test_never_backed_up (void)
{
  g_assert_true (alcove_backup_schedule_is_due (0, 24, NOW_MS));
  g_assert_cmpint (alcove_backup_schedule_delay_ms (0, 24, NOW_MS), ==, 0);
}

/* Due exactly `interval` hours after the last one; a millisecond before it waits */
static void
test_boundaries (void)
{
  g_assert_false (alcove_backup_schedule_is_due (NOW_MS - 24 * HOUR_MS + 1, 24, NOW_MS));
  g_assert_cmpint (alcove_backup_schedule_delay_ms (NOW_MS - 24 * HOUR_MS + 1, 24, NOW_MS), ==, 1);
  g_assert_true (alcove_backup_schedule_is_due (NOW_MS - 24 * HOUR_MS, 24, NOW_MS));
  g_assert_true (alcove_backup_schedule_is_due (NOW_MS - 100 * HOUR_MS, 24, NOW_MS));
  g_assert_cmpint (alcove_backup_schedule_delay_ms (NOW_MS - HOUR_MS, 24, NOW_MS), ==, 23 * HOUR_MS);
  g_assert_cmpint (alcove_backup_schedule_delay_ms (NOW_MS - HOUR_MS, 6, NOW_MS), ==, 5 * HOUR_MS);
}

/* A clock that went back must not put the next backup off for ever */
static void
test_clock_went_back (void)
{
  g_assert_true (alcove_backup_schedule_is_due (NOW_MS + HOUR_MS, 24, NOW_MS));
}

/* Zero hours is read as one: never a backup on every tick */
static void
test_zero_interval (void)
{
  g_assert_cmpint (alcove_backup_schedule_delay_ms (NOW_MS - 1, 0, NOW_MS), ==, HOUR_MS - 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/backup-schedule/never", test_never_backed_up);
  g_test_add_func ("/backup-schedule/boundaries", test_boundaries);
  g_test_add_func ("/backup-schedule/clock-went-back", test_clock_went_back);
  g_test_add_func ("/backup-schedule/zero-interval", test_zero_interval);
  return g_test_run ();
}
