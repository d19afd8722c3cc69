/* startup-baseline.c — the floor under Alcove's "launch to login page first frame"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bare libadwaita window (a status page and a button) timed the way ALCOVE_TRACE=startup
 * times Alcove: from main() to the frame clock's first after-paint. What Alcove adds on top
 * of this is its own cost; the rest is GTK, the display and the machine.
 */
#define G_LOG_DOMAIN "alcove-startup-baseline"

#include <adwaita.h>

static gint64 launch_us;

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  g_print ("baseline: launch to first frame: %.1f ms\n",
           (g_get_monotonic_time () - launch_us) / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  g_application_quit (app);
}

static void
mapped_cb (GtkWidget    *window,
           GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), app);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *button = gtk_button_new_with_label ("Sign In");

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Baseline");
  adw_status_page_set_description (ADW_STATUS_PAGE (page), "A bare libadwaita window");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), button);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  launch_us = g_get_monotonic_time ();
  app = adw_application_new ("io.github.alcove_notes.Alcove.StartupBaseline",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
