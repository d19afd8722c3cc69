/* test-store-screenshots.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The screenshots the metainfo shows (data/screenshots/), taken
 * of the real application with a practice of invented clients; tools/update-screenshots.sh
 * copies them from the build folder. The test also checks the pages it photographs show
 * what the captions say.
 */
#define G_LOG_DOMAIN "test-store-screenshots"

#include "config.h"

#include <adwaita.h>

#include "alcove-application.h"
#include "alcove-client-store.h"
#include "alcove-main-page.h"
#include "alcove-note-store.h"
#include "alcove-note-window.h"
#include "alcove-window.h"
#include "alcove-workspace.h"
#include "alcove-gui-test-utils.h"
#include "alcove-test-utils.h"

/* invented people, nobody's record */
static const struct { const char *legal, *preferred, *born; } clients[] = {
  { "Robin Ellery", "Robin", "1988-04-12" },
  { "Samuel Okafor", "Sam", "1979-11-03" },
  { "Jordan Vale", "Jordan", "2001-06-27" },
  { "Priya Natarajan", "Priya", "1992-09-15" },
};

static const struct { const char *section, *text; } soap[] = {
  { "subjective", "Reports sleeping better since starting the evening routine; worry about "
                  "the new job remains high on weekdays." },
  { "objective", "Alert, well groomed, good eye contact. Speech normal in rate and tone. "
                 "GAD-7 today: 11, down from 15 four weeks ago." },
  { "assessment", "Generalized anxiety improving with CBT; still moderate. No safety "
                  "concerns raised." },
  { "plan", "Continue weekly sessions. Practice worry time daily and log it. Review the "
            "GAD-7 again in four weeks." },
};

static char *
add_client (AlcoveWorkspace *workspace,
            guint            i)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();

  alcove_client_set_field (client, ALCOVE_CLIENT_LEGAL_NAME, clients[i].legal);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, clients[i].preferred);
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, clients[i].born);
  g_assert_true (alcove_client_store_save (alcove_workspace_get_clients (workspace), client, NULL));
  return g_strdup (alcove_client_get_id (client));
}

static AlcoveNote *
add_note (AlcoveWorkspace *workspace,
          const char      *client_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = alcove_test_day_from_today (0);
  AlcoveNote *note = alcove_note_store_create (alcove_workspace_get_notes (workspace), client_id,
                                               NULL, "soap", today, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (soap); i++)
    alcove_note_set_section (note, soap[i].section, soap[i].text);
  g_assert_true (alcove_note_store_save (alcove_workspace_get_notes (workspace), note, &error));
  g_assert_no_error (error);
  return note;
}

static void
store_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  AlcoveMainPage *main_page;
  AlcoveWorkspace *workspace;
  g_autoptr(AlcoveNote) note = NULL;
  g_autofree char *first = NULL;
  GtkWindow *note_window;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  main_page = alcove_window_get_main_page (window);
  workspace = alcove_test_app_workspace (app);
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autofree char *id = add_client (workspace, i);

      if (first == NULL)
        first = g_steal_pointer (&id);
    }
  note = add_note (workspace, first);

  alcove_main_page_show_client (main_page, first);
  alcove_test_run_for (500);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), "Robin Ellery"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "store-client");

  gtk_widget_activate_action (GTK_WIDGET (main_page), "main.open-note", "(ss)",
                              alcove_note_get_id (note), first);
  note_window = alcove_test_wait_for_toplevel (ALCOVE_TYPE_NOTE_WINDOW);
  gtk_window_set_default_size (note_window, 1000, 760);
  alcove_test_run_for (600);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (note_window), "worry time"));
  alcove_test_save_screenshot (GTK_WIDGET (note_window), "store-note");
  gtk_window_close (note_window);
  alcove_test_run_for (300);

  alcove_main_page_set_section (main_page, "privacy");
  alcove_test_run_for (500);
  alcove_test_save_screenshot (GTK_WIDGET (window), "store-privacy");

  alcove_test_set_dark (TRUE);
  alcove_main_page_show_client (main_page, first);
  alcove_test_run_for (500);
  alcove_test_save_screenshot (GTK_WIDGET (window), "store-client-dark");
  alcove_test_set_dark (FALSE);
}

static void
test_store_screenshots (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "vault", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  alcove_test_run_app (dir, 1200, 760, store_scenario);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);
  g_test_add_func ("/store/screenshots", test_store_screenshots);
  return g_test_run ();
}
