/* alcove-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-date"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "alcove-date.h"

/* Midnight UTC of an exact YYYY-MM-DD day; NULL for anything else, "2024-02-30" included */
GDateTime *
alcove_date_parse (const char *iso_date)
{
  g_autoptr(GTimeZone) utc = NULL;
  int y, m, d;
  char tail;

  if (iso_date == NULL || strlen (iso_date) != 10 ||
      sscanf (iso_date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return NULL;
  utc = g_time_zone_new_utc ();
  return g_date_time_new (utc, y, m, d, 0, 0, 0);
}

gboolean
alcove_date_is_valid (const char *iso_date)
{
  g_autoptr(GDateTime) date = alcove_date_parse (iso_date);

  return date != NULL;
}

/* Clears `date` and returns FALSE when `iso_date` is not a valid day */
gboolean
alcove_date_to_gdate (const char *iso_date,
                      GDate      *date)
{
  g_autoptr(GDateTime) parsed = alcove_date_parse (iso_date);

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (parsed == NULL)
    return FALSE;
  g_date_set_dmy (date, g_date_time_get_day_of_month (parsed), g_date_time_get_month (parsed),
                  g_date_time_get_year (parsed));
  return TRUE;
}

/* "" for a cleared or invalid day */
char *
alcove_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  if (!g_date_valid (date))
    return g_strdup ("");
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

GDate *
alcove_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                         g_date_time_get_year (now));
}

char *
alcove_date_today_iso (void)
{
  g_autoptr(GDate) today = alcove_date_today ();

  return alcove_date_to_iso (today);
}

/* The day as people read it, in the user's locale; anything unparsable is shown as given */
char *
alcove_date_format (const char *iso_date)
{
  g_autoptr(GDateTime) date = alcove_date_parse (iso_date);

  if (date == NULL)
    return g_strdup (iso_date != NULL ? iso_date : "");
  /* Translators: a calendar day as shown throughout Alcove, see g_date_time_format() */
  /* xgettext:no-c-format */
  return g_date_time_format (date, _("%-d %B %Y"));
}

char *
alcove_date_format_time (gint64 unix_ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_ms / 1000);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: a date and time, see g_date_time_format() */
  /* xgettext:no-c-format */
  return local ? g_date_time_format (local, _("%-d %B %Y, %H:%M")) : g_strdup ("");
}

gboolean
alcove_date_in_range (const char *iso_date,
                      const char *from,
                      const char *to)
{
  return (from == NULL || g_strcmp0 (iso_date, from) >= 0) &&
         (to == NULL || g_strcmp0 (iso_date, to) <= 0);
}
