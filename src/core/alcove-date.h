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
/* The one way Alcove shows a day to people, on screen, on paper and in alcovectl: the
 * locale's medium form with the month named and a four-digit year ("7 March 2024"), never
 * a leading space, never a two-digit year */
char       *alcove_date_format      (const char  *iso_date);
char       *alcove_date_format_gdate (const GDate *date);
/* A moment as people read it, in local time: that day and the minute */
char       *alcove_date_format_time (gint64       unix_ms);
char       *alcove_date_format_date_time (GDateTime *moment);
/* A day as a person typed it: ISO 8601, the way Alcove shows days, or the numbers in the
 * locale's own order ("07/03/2024" in en_GB). Clears `date` and returns FALSE otherwise. */
gboolean    alcove_date_parse_typed (const char  *text,
                                     GDate       *date);
/* The same as YYYY-MM-DD; NULL when `text` is not a day */
char       *alcove_date_typed_to_iso (const char *text);
/* Whether `iso_date` falls between `from` and `to`, both included (either NULL: open) */
gboolean    alcove_date_in_range    (const char  *iso_date,
                                     const char  *from,
                                     const char  *to);

G_END_DECLS
