/* alcove-date.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Calendar days are stored as ISO 8601 text (YYYY-MM-DD); "today" is the therapist's local
 * day, not UTC's. Free GDate results with g_date_free. */
gboolean    alcove_date_is_valid    (const char  *iso_date);
GDateTime  *alcove_date_parse       (const char  *iso_date);
gboolean    alcove_date_to_gdate    (const char  *iso_date,
                                     GDate       *date);
char       *alcove_date_to_iso      (const GDate *date);
GDate      *alcove_date_today       (void);
char       *alcove_date_today_iso   (void);
char       *alcove_date_format      (const char  *iso_date);
/* A moment (Unix milliseconds, as stored) as people read it, in local time: day and minute */
char       *alcove_date_format_time (gint64       unix_ms);
/* Whether `iso_date` falls between `from` and `to`, both included (either NULL: open) */
gboolean    alcove_date_in_range    (const char  *iso_date,
                                     const char  *from,
                                     const char  *to);

G_END_DECLS
