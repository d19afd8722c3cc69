/* alcove-backup-schedule.h — when an automatic backup is due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ALCOVE_BACKUP_DEFAULT_INTERVAL_HOURS 24
#define ALCOVE_BACKUP_DEFAULT_KEEP_DAILY     14
#define ALCOVE_BACKUP_DEFAULT_KEEP_MONTHLY   12
/* A folder that was not there (a USB stick not plugged in) is looked for again this often */
#define ALCOVE_BACKUP_RETRY_MINUTES          15

/* Milliseconds until the next automatic backup is due, given the last one made at `last_ms`
 * (0: never) every `interval_hours`, at `now_ms`; 0 when one is due now. A last backup in the
 * future (the clock went back) makes one due now. Pure: reads no clock. */
gint64   alcove_backup_schedule_delay_ms (gint64 last_ms,
                                          guint  interval_hours,
                                          gint64 now_ms);
gboolean alcove_backup_schedule_is_due   (gint64 last_ms,
                                          guint  interval_hours,
                                          gint64 now_ms);

G_END_DECLS
