/* test-layout-gui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window on a laptop: how narrow it may be made with a client
 * and a note open (a half-tiled 1366 px screen, a phone-sized 360 px), two panes from 900 px
 * and one column below, a client opened without the window growing, and screenshots of the
 * main pages at 360, 683 and 1366 px in both styles
 */
#define G_LOG_DOMAIN "test-layout-gui"

#include "config.h"

#include <adwaita.h>

#include "alcove-client-page.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-note-window.h"
#include "alcove-preferences-window.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

#define NARROWEST   360
#define HALF_LAPTOP 683
#define LAPTOP      1366
#define TWO_PANES   900

static char *client_id;
static char *note_id;
/* What a window's default size and its measured minimum count beyond the window a person
 * sees (its width): the client-side decoration's margins */
static int shadow_width;

/* Made once: both scenarios open the same practice */
static char *
make_practice (void)
{
  static char *dir = NULL;
  AlcoveVault *vault = dir == NULL ? alcove_test_fresh_vault (&dir) : NULL;
  AlcoveClientStore *clients = NULL;
  AlcoveNoteStore *notes = NULL;

  if (vault == NULL)
    return dir;
  alcove_test_open_stores (vault, &clients, &notes);
  client_id = alcove_test_add_client (clients, "Robin Vale-Montgomery-Ashworth");
  alcove_test_write_note (notes, client_id, "soap", "Slept poorly; worried about work.", TRUE);
  note_id = alcove_test_write_note (notes, client_id, "soap", "Tired, engaged, on time.", FALSE);
  alcove_test_close_stores (&vault, &clients, &notes);
  return dir;
}

static int
minimum_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static char *
describe (GtkWidget *widget)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *joined = g_strjoinv (".", classes);
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
  const char *text = GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : NULL;

  return g_strdup_printf ("%s#%s.%s%s%s%s (%d px)", G_OBJECT_TYPE_NAME (widget), id ? id : "",
                          joined, text ? " \"" : "", text ? text : "", text ? "\"" : "",
                          minimum_width (widget));
}

/* Names the innermost widgets that ask for more than `limit` pixels, with the chain of
 * widgets above them and what is inside, so a failure says which label or row to fix */
static void
report_wide_widgets (GtkWidget *widget,
                     int        limit)
{
  gboolean a_child_is_too_wide = FALSE;

  if (minimum_width (widget) <= limit)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (minimum_width (child) > limit)
      {
        a_child_is_too_wide = TRUE;
        report_wide_widgets (child, limit);
      }
  if (a_child_is_too_wide)
    return;
  g_printerr ("# too wide:\n");
  for (GtkWidget *up = widget; up != NULL; up = gtk_widget_get_parent (up))
    {
      g_autofree char *line = describe (up);

      g_printerr ("#   in %s\n", line);
      if (ADW_IS_LEAFLET (up) || GTK_IS_WINDOW (up))
        break;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *line = describe (child);

      g_printerr ("#   holds %s\n", line);
    }
}

static int
width_of (GtkWindow *window)
{
  return gtk_widget_get_width (GTK_WIDGET (window));
}

static gboolean
is_default_width_applied (gpointer window)
{
  int default_width, default_height;

  gtk_window_get_default_size (window, &default_width, &default_height);
  return gtk_widget_get_width (window) > 0 &&
         default_width - gtk_widget_get_width (window) < 100;
}

/* At a width the window is free to take, what its default size counts beyond it */
static void
learn_shadow_width (GtkWindow *window)
{
  int default_width, default_height;

  gtk_window_set_default_size (window, TWO_PANES, 640);
  g_assert_true (alcove_test_wait_until (is_default_width_applied, window, 5000));
  alcove_test_run_for (300);
  gtk_window_get_default_size (window, &default_width, &default_height);
  shadow_width = default_width - gtk_widget_get_width (GTK_WIDGET (window));
  g_assert_cmpint (shadow_width, >=, 0);
  g_assert_cmpint (shadow_width, <, 100);
}

/* A window's minimum width, its decoration's margins left out */
static void
assert_fits (GtkWindow *window,
             int        width)
{
  int minimum = minimum_width (GTK_WIDGET (window)) - shadow_width;

  g_test_message ("%s needs at least %d px", G_OBJECT_TYPE_NAME (window), minimum);
  if (minimum > width)
    report_wide_widgets (GTK_WIDGET (window), width + shadow_width);
  g_assert_cmpint (minimum, <=, width);
}

typedef struct { GtkWindow *window; int width; } Resizing;

static gboolean
is_as_wide (gpointer data)
{
  Resizing *resizing = data;

  return gtk_widget_get_width (GTK_WIDGET (resizing->window)) == resizing->width;
}

static void
resize (GtkWindow *window,
        int        width)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle screen;
  Resizing resizing = { window, width };

  gdk_monitor_get_geometry (monitor, &screen);
  /* a window as wide as the screen keeps its margins on it */
  resizing.width = MIN (width, screen.width - shadow_width);

  gtk_window_set_default_size (window, width + shadow_width, 640);
  alcove_test_wait_until (is_as_wide, &resizing, 5000);
  alcove_test_run_for (300);
  g_assert_cmpint (width_of (window), ==, resizing.width);
}

static gboolean
is_folded (AlcoveWindow *window)
{
  GtkWidget *leaflet = alcove_test_find (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL);

  return adw_leaflet_get_folded (ADW_LEAFLET (leaflet));
}

static void
save_at_widths (GtkWindow  *window,
                const char *name)
{
  const int widths[] = { NARROWEST, HALF_LAPTOP, LAPTOP };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *file = g_strdup_printf ("layout-%s-%d", name, widths[i]);

      resize (window, widths[i]);
      alcove_test_save_screenshots (GTK_WIDGET (window), file);
    }
}

/* The content column, not the sidebar, when the leaflet is folded */
static void
show_content (AlcoveMainPage *page)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (alcove_test_find (GTK_WIDGET (page), ADW_TYPE_LEAFLET, NULL));

  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  alcove_test_run_for (400);
}

static guint
count_back_buttons (GtkWidget *widget)
{
  guint count = GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
                g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)),
                           "go-previous-symbolic") == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += count_back_buttons (child);
  return count;
}

static void
panes_follow_the_width (AlcoveWindow *window)
{
  resize (GTK_WINDOW (window), TWO_PANES);
  g_assert_false (is_folded (window));
  resize (GTK_WINDOW (window), HALF_LAPTOP);
  g_assert_true (is_folded (window));
  resize (GTK_WINDOW (window), NARROWEST);
  g_assert_true (is_folded (window));
}

/* With the client's page and a note open, the main window still fits half a laptop's
 * screen and a phone's, and neither opening the client nor the note widened it */
static void
window_fits_scenario (AlcoveApplication *app,
                      AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  AlcoveClientPage *client_page;
  GtkWindow *note_window;
  int width_before;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = alcove_window_get_main_page (window);
  learn_shadow_width (GTK_WINDOW (window));
  resize (GTK_WINDOW (window), TWO_PANES);
  width_before = width_of (GTK_WINDOW (window));
  g_assert_false (is_folded (window));

  alcove_main_page_show_client (page, client_id);
  alcove_test_run_for (500);
  client_page = alcove_main_page_get_client_page (page);
  g_assert_nonnull (client_page);
  g_assert_cmpint (width_of (GTK_WINDOW (window)), ==, width_before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "main.open-note", "(ss)",
                                             note_id, client_id));
  note_window = alcove_test_wait_for_toplevel (ALCOVE_TYPE_NOTE_WINDOW);
  g_assert_cmpint (width_of (GTK_WINDOW (window)), ==, width_before);

  assert_fits (GTK_WINDOW (window), NARROWEST);
  assert_fits (note_window, NARROWEST);
  panes_follow_the_width (window);

  /* one back button whatever the width: to the client list, then to the sections */
  show_content (page);
  g_assert_cmpuint (count_back_buttons (GTK_WIDGET (window)), ==, 1);
  resize (GTK_WINDOW (window), TWO_PANES + 100);
  g_assert_cmpuint (count_back_buttons (GTK_WIDGET (window)), ==, 1);
  save_at_widths (GTK_WINDOW (window), "client-record");
  save_at_widths (note_window, "note-editor");
  gtk_window_close (note_window);
  alcove_test_run_for (300);
}

/* Each of the main pages, at 360 px and beside the others */
static void
main_pages_scenario (AlcoveApplication *app,
                     AlcoveWindow      *window)
{
  const char *tabs[] = { "sessions", "treatment", "private", "details" };
  const char *sections[] = { "home", "clients", "consents", "privacy", "audit", "incidents" };
  AlcoveMainPage *page;
  AlcoveClientPage *client_page;
  AdwPreferencesWindow *preferences;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  learn_shadow_width (GTK_WINDOW (window));
  page = alcove_window_get_main_page (window);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *name = g_strdup_printf ("section-%s", sections[i]);

      alcove_main_page_set_section (page, sections[i]);
      show_content (page);
      resize (GTK_WINDOW (window), NARROWEST);
      alcove_test_save_screenshots (GTK_WIDGET (window), name);
    }

  alcove_main_page_show_client (page, client_id);
  alcove_test_run_for (500);
  client_page = alcove_main_page_get_client_page (page);
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      g_autofree char *name = g_strdup_printf ("client-%s", tabs[i]);

      alcove_client_page_set_tab (client_page, tabs[i]);
      alcove_test_run_for (400);
      assert_fits (GTK_WINDOW (window), NARROWEST);
      alcove_test_save_screenshots (GTK_WIDGET (window), name);
    }

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences =
    ADW_PREFERENCES_WINDOW (alcove_test_wait_for_toplevel (ALCOVE_TYPE_PREFERENCES_WINDOW));
  assert_fits (GTK_WINDOW (preferences), NARROWEST);
  resize (GTK_WINDOW (preferences), NARROWEST);
  alcove_test_save_screenshots (GTK_WIDGET (preferences), "preferences-360");
  gtk_window_close (GTK_WINDOW (preferences));
  alcove_test_run_for (300);
}

static void
test_window_fits (void)
{
  alcove_test_run_app (make_practice (), TWO_PANES, 640, window_fits_scenario);
}

static void
test_main_pages (void)
{
  alcove_test_run_app (make_practice (), NARROWEST, 640, main_pages_scenario);
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/layout-gui/window-fits", test_window_fits);
  g_test_add_func ("/layout-gui/main-pages-at-360", test_main_pages);

  return g_test_run ();
}
