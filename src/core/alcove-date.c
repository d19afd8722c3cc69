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

/* Translators: a calendar day as shown throughout Alcove, see g_date_time_format(). Keep
 * the month named and the year in four figures, so the day cannot be misread, and use
 * "%-d", not "%e", which pads with a space. */
/* xgettext:no-c-format */
#define DAY_FORMAT N_("%-d %B %Y")
/* Translators: a day and a time of day, see g_date_time_format() and the note above */
/* xgettext:no-c-format */
#define DAY_AND_TIME_FORMAT N_("%-d %B %Y, %H:%M")

/* The day as people read it, in the user's locale; anything unparsable is shown as given */
char *
alcove_date_format (const char *iso_date)
{
  g_autoptr(GDateTime) date = alcove_date_parse (iso_date);

  if (date == NULL)
    return g_strdup (iso_date != NULL ? iso_date : "");
  return g_date_time_format (date, _(DAY_FORMAT));
}

/* "" for a cleared or invalid day */
char *
alcove_date_format_gdate (const GDate *date)
{
  g_autofree char *iso = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  iso = alcove_date_to_iso (date);
  return alcove_date_format (iso);
}

char *
alcove_date_format_date_time (GDateTime *moment)
{
  g_return_val_if_fail (moment != NULL, NULL);

  return g_date_time_format (moment, _(DAY_AND_TIME_FORMAT));
}

char *
alcove_date_format_time (gint64 unix_ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_ms / 1000);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? alcove_date_format_date_time (local) : g_strdup ("");
}

/* Whether `word` is a month's name or its abbreviation in the user's locale, in any case */
static gboolean
is_month_name (const char *word)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);
  GDate date;

  g_date_clear (&date, 1);
  for (GDateMonth month = G_DATE_JANUARY; month <= G_DATE_DECEMBER; month++)
    {
      const char *formats[] = { "%B", "%b" };

      g_date_set_dmy (&date, 1, month, 2000);
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          char name[64];
          g_autofree char *folded_name = NULL;

          if (g_date_strftime (name, sizeof name, formats[i], &date) == 0)
            continue;
          folded_name = g_utf8_casefold (name, -1);
          if (g_strcmp0 (folded, folded_name) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* g_date_set_parse() reads the locale's numeric order and month names, but also takes a
 * lone number as a day of this month, a two-figure year as some century's, and any word
 * that begins like a month as that month: a day in a record needs all three parts, a year a
 * person can check, and nothing but numbers and a month's name. */
static gboolean
has_day_month_and_full_year (const char *text)
{
  g_auto(GStrv) words = NULL;
  guint numbers = 0;
  guint names = 0;
  gboolean full_year = FALSE;
  GString *spaced = g_string_new (NULL);

  /* words are runs of letters, numbers runs of figures; anything else, the full stop of
   * "Mar." or of "7.3.2024" included, separates them */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (spaced, c);
      else
        g_string_append_c (spaced, ' ');
    }
  words = g_strsplit (spaced->str, " ", -1);
  g_string_free (spaced, TRUE);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize length = strlen (words[i]);

      if (length == 0)
        continue;
      if (strspn (words[i], "0123456789") == length)
        {
          numbers++;
          full_year |= length == 4;
        }
      else if (is_month_name (words[i]))
        names++;
      else
        return FALSE;
    }
  return full_year && ((numbers == 3 && names == 0) || (numbers == 2 && names == 1));
}

gboolean
alcove_date_parse_typed (const char *text,
                         GDate      *date)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  if (alcove_date_to_gdate (trimmed, date))
    return TRUE;
  if (!has_day_month_and_full_year (trimmed))
    return FALSE;
  g_date_set_parse (date, trimmed);
  if (g_date_valid (date) && g_date_get_year (date) >= 1000)
    return TRUE;
  g_date_clear (date, 1);
  return FALSE;
}

char *
alcove_date_typed_to_iso (const char *text)
{
  GDate date;

  if (!alcove_date_parse_typed (text, &date))
    return NULL;
  return alcove_date_to_iso (&date);
}

gboolean
alcove_date_in_range (const char *iso_date,
                      const char *from,
                      const char *to)
{
  return (from == NULL || g_strcmp0 (iso_date, from) >= 0) &&
         (to == NULL || g_strcmp0 (iso_date, to) <= 0);
}
