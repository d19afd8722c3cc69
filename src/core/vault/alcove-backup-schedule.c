/* alcove-backup-schedule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-backup-schedule"

#include "config.h"

#include "alcove-backup-schedule.h"

#define MS_PER_HOUR (G_GINT64_CONSTANT (3600) * 1000)

gint64
alcove_backup_schedule_delay_ms (gint64 last_ms,
                                 guint  interval_hours,
                                 gint64 now_ms)
{
  gint64 due_ms;

  if (last_ms <= 0 || last_ms > now_ms)
    return 0;
  due_ms = last_ms + (gint64) MAX (interval_hours, 1) * MS_PER_HOUR;
  return due_ms <= now_ms ? 0 : due_ms - now_ms;
}

gboolean
alcove_backup_schedule_is_due (gint64 last_ms,
                               guint  interval_hours,
                               gint64 now_ms)
{
  return alcove_backup_schedule_delay_ms (last_ms, interval_hours, now_ms) == 0;
}
