/* test-date-row.c — the date row as a person uses it: a day typed in the shown form or as ISO,
 * a day picked from the calendar, and text that is not a day kept as typed with a message
 * beside the title; screenshots in both styles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-date-row"

#include "config.h"

#include <adwaita.h>

#include "alcove-date-row.h"
#include "alcove-gui-test-utils.h"
#include "alcove-test-utils.h"

typedef struct
{
  GtkWindow     *window;
  AlcoveDateRow *row;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *list = gtk_list_box_new ();

  fixture->row = alcove_date_row_new ("_Signed On");
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (fixture->row));
  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 360, 420);
  adw_window_set_content (ADW_WINDOW (fixture->window), list);
  gtk_window_present (fixture->window);
  alcove_test_run_for (300);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  alcove_test_run_for (100);
}

static const char *
title_of (AlcoveDateRow *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static void
type (AlcoveDateRow *row,
      const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  alcove_test_run_for (50);
}

/* The shown form, ISO, and the locale's numbers all give the same day */
static void
test_typing (Fixture       *fixture,
             gconstpointer  data)
{
  const char *forms[] = { "7 March 2024", "2024-03-07", " 7 Mar 2024 ", "3/7/2024" };

  g_assert_true (alcove_date_row_get_valid (fixture->row));
  g_assert_cmpstr (alcove_date_row_get_iso_date (fixture->row), ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      type (fixture->row, forms[i]);
      g_assert_true (alcove_date_row_get_valid (fixture->row));
      g_assert_cmpstr (alcove_date_row_get_iso_date (fixture->row), ==, "2024-03-07");
      g_assert_cmpstr (title_of (fixture->row), ==, "_Signed On");
      g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (fixture->row), "error"));
    }

  /* a caller's day is shown the way Alcove shows days */
  alcove_date_row_set_iso_date (fixture->row, "2026-12-06");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->row)), ==, "6 December 2026");
  g_object_set (fixture->row, "iso-date", "", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->row)), ==, "");
  g_assert_true (alcove_date_row_get_valid (fixture->row));
}

/* Text that is not a day stays as typed, with a message, and goes to the caller as typed so
 * that a store refuses it rather than taking it for an empty field */
static void
test_invalid_text_is_kept (Fixture       *fixture,
                           gconstpointer  data)
{
  type (fixture->row, "31 Febtember 2024");
  g_assert_false (alcove_date_row_get_valid (fixture->row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->row)), ==, "31 Febtember 2024");
  g_assert_cmpstr (alcove_date_row_get_iso_date (fixture->row), ==, "31 Febtember 2024");
  g_assert_true (g_str_equal (title_of (fixture->row), "_Signed On: not a day"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->row), "error"));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (GTK_WIDGET (fixture->row)),
                                   "Not a day: type one like "));
  alcove_test_save_screenshots (GTK_WIDGET (fixture->window), "date-row-not-a-day");

  /* typing on keeps the message, once; a day clears it */
  type (fixture->row, "31 Feb 2024");
  g_assert_true (g_str_equal (title_of (fixture->row), "_Signed On: not a day"));
  type (fixture->row, "29 Feb 2024");
  g_assert_true (alcove_date_row_get_valid (fixture->row));
  g_assert_cmpstr (title_of (fixture->row), ==, "_Signed On");
  g_assert_cmpstr (alcove_date_row_get_iso_date (fixture->row), ==, "2024-02-29");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (fixture->row), "error"));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (fixture->row)));

  /* two figures for a year could be any century */
  type (fixture->row, "3/7/24");
  g_assert_false (alcove_date_row_get_valid (fixture->row));
}

static gboolean
popover_is_up (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (data);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* The calendar opens on the typed day; picking a day writes it in the shown form */
static void
test_picking (Fixture       *fixture,
              gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (alcove_test_find (GTK_WIDGET (fixture->row),
                                                             GTK_TYPE_MENU_BUTTON, NULL));
  GtkCalendar *calendar;
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) picked = g_date_time_new_local (2024, 3, 21, 0, 0, 0);

  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (button)));
  type (fixture->row, "7 March 2024");
  gtk_menu_button_popup (button);
  g_assert_true (alcove_test_wait_until (popover_is_up, button, 5000));
  calendar = GTK_CALENDAR (gtk_popover_get_child (gtk_menu_button_get_popover (button)));
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2024);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 7);
  alcove_test_save_screenshots (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                "date-row-calendar");

  /* as a click on the 21st does */
  gtk_calendar_select_day (calendar, picked);
  g_signal_emit_by_name (calendar, "day-selected");
  alcove_test_run_for (300);
  g_assert_false (popover_is_up (button));
  g_assert_cmpstr (alcove_date_row_get_iso_date (fixture->row), ==, "2024-03-21");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->row)), ==, "21 March 2024");

  /* with nothing typed it opens on today */
  type (fixture->row, "");
  gtk_menu_button_popup (button);
  g_assert_true (alcove_test_wait_until (popover_is_up, button, 5000));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) opened = gtk_calendar_get_date (calendar);

    g_assert_cmpint (g_date_time_get_day_of_year (opened), ==, g_date_time_get_day_of_year (now));
  }
  gtk_menu_button_popdown (button);
  alcove_test_run_for (100);
}

int
main (int   argc,
      char *argv[])
{
  /* the month names of the tests' expectations */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  alcove_test_init_gui (&argc, &argv);
  adw_init ();

  g_test_add ("/date-row/typing", Fixture, NULL, fixture_set_up, test_typing, fixture_tear_down);
  g_test_add ("/date-row/invalid-text-is-kept", Fixture, NULL, fixture_set_up,
              test_invalid_text_is_kept, fixture_tear_down);
  g_test_add ("/date-row/picking", Fixture, NULL, fixture_set_up, test_picking,
              fixture_tear_down);

  return g_test_run ();
}
