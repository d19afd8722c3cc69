/* test-keyboard.c — the keyboard in the real application: the shortcuts window lists every
 * registered accel, window shortcuts work wherever focus is, and each page starts with focus
 * on its first useful widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-keyboard"

#include "config.h"

#include <adwaita.h>

#include "alcove-application.h"
#include "alcove-client-editor.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-search-window.h"
#include "alcove-setup-page.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

/* ---- the shortcuts window against the application's accels ---- */

static void
collect_shortcuts (GtkWidget  *widget,
                   GPtrArray  *action_names,
                   GPtrArray  *accelerators)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;

      /* a shortcut listed by action shows that action's accels as its accelerator */
      g_object_get (widget, "action-name", &action, "accelerator", &accelerator, NULL);
      if (action != NULL)
        g_ptr_array_add (action_names, g_steal_pointer (&action));
      else if (accelerator != NULL)
        g_ptr_array_add (accelerators, g_steal_pointer (&accelerator));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, action_names, accelerators);
}

static gboolean
strv_has_str (GPtrArray  *array,
              const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), text))
      return TRUE;
  return FALSE;
}

/* An accelerator written out in the window must not be an app action's accel: those work in
 * every window and are listed by action, so the key shown is the key registered. (A window
 * action's key may mean something else in another window: Ctrl+N adds a person in People.) */
static void
assert_not_an_app_accel (GtkApplication *app,
                         const char     *accelerators)
{
  g_auto(GStrv) keys = g_strsplit (accelerators, " ", -1);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_auto(GStrv) actions = NULL;
      guint key;
      GdkModifierType modifiers;

      if (keys[i][0] == '\0')
        continue;
      g_assert_true (gtk_accelerator_parse (keys[i], &key, &modifiers));
      actions = gtk_application_get_actions_for_accel (app, keys[i]);
      for (guint j = 0; actions != NULL && actions[j] != NULL; j++)
        if (g_str_has_prefix (actions[j], "app."))
          g_error ("“%s” is %s's accel: list it by action-name", keys[i], actions[j]);
    }
}

static void
shortcuts_scenario (AlcoveApplication *app,
                    AlcoveWindow      *window)
{
  GtkShortcutsWindow *overlay;
  g_autoptr(GPtrArray) action_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) accelerators = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) registered = NULL;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  collect_shortcuts (GTK_WIDGET (overlay), action_names, accelerators);
  g_assert_cmpuint (action_names->len, >, 0);

  /* every action with an accel is in the window… */
  registered = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; registered[i] != NULL; i++)
    if (!strv_has_str (action_names, registered[i]))
      g_error ("%s has an accel but is missing from ui/gtk/help-overlay.ui", registered[i]);

  /* …every action the window lists has an accel to show… */
  for (guint i = 0; i < action_names->len; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    g_ptr_array_index (action_names, i));
      if (accels == NULL || accels[0] == NULL)
        g_error ("%s is listed but has no accel", (char *) g_ptr_array_index (action_names, i));
    }

  /* …and the keys written out are widgets' own, not accels listed twice */
  for (guint i = 0; i < accelerators->len; i++)
    assert_not_an_app_accel (GTK_APPLICATION (app), g_ptr_array_index (accelerators, i));

  /* the GNOME keys */
  {
    static const struct { const char *action; const char *accel; } expected[] = {
      { "app.quit", "<Control>q" }, { "app.preferences", "<Control>comma" },
      { "app.help", "F1" }, { "app.lock", "<Control>l" }, { "win.find", "<Control>f" },
      { "win.new-client", "<Control>n" }, { "window.close", "<Control>w" },
      { "win.show-help-overlay", "<Control>question" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app),
                                                                       expected[i].accel);
        g_assert_true (g_strv_contains ((const char * const *) actions, expected[i].action));
      }
  }
}

static void
test_shortcuts_window (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "shortcuts", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  g_clear_object (&vault);
  alcove_test_run_app (dir, 1366, 768, shortcuts_scenario);
}

/* ---- window shortcuts work wherever focus is ---- */

static void
find_scenario (AlcoveApplication *app,
               AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  g_autofree char *client_id = NULL;
  GtkWidget *focus;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = alcove_window_get_main_page (window);

  /* on Home, Ctrl+F goes to the client list's search */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  alcove_test_run_for (200);
  g_assert_cmpstr (alcove_main_page_get_section (page), ==, "clients");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));

  /* inside a client, it searches that client's record */
  client_id = alcove_test_add_client (alcove_main_page_get_client_store (page), "Robin Example");
  alcove_main_page_show_client (page, client_id);
  alcove_test_run_for (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  alcove_test_wait_for_toplevel (ALCOVE_TYPE_SEARCH_WINDOW);
  gtk_window_destroy (alcove_test_find_toplevel (ALCOVE_TYPE_SEARCH_WINDOW));
  alcove_test_run_for (100);

  /* Ctrl+N: a new client, from anywhere */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL));
  alcove_test_wait_for_toplevel (ALCOVE_TYPE_CLIENT_EDITOR);
  g_assert_cmpstr (gtk_window_get_title (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR)),
                   ==, "New Client");
  /* Ctrl+W closes it, as any window */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR)),
                                             "window.close", NULL));
  alcove_test_wait_toplevel_gone (ALCOVE_TYPE_CLIENT_EDITOR);
}

static void
test_window_shortcuts (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "find", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  g_clear_object (&vault);
  alcove_test_run_app (dir, 1366, 768, find_scenario);
}

/* ---- focus starts on the first useful widget ---- */

static void
assert_focus_within (GtkWindow  *window,
                     GtkWidget  *expected,
                     const char *what)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (focus == NULL || (focus != expected && !gtk_widget_is_ancestor (focus, expected)))
    g_error ("focus should be in %s, is on %s", what,
             focus ? G_OBJECT_TYPE_NAME (focus) : "nothing");
}

static gboolean
focus_on_row (gpointer window)
{
  return GTK_IS_LIST_BOX_ROW (gtk_root_get_focus (GTK_ROOT (window)));
}

static void
unlock_focus_scenario (AlcoveApplication *app,
                       AlcoveWindow      *window)
{
  AlcoveMainPage *page;
  GtkWidget *focus;
  GtkWindow *editor;

  /* the login page: its password field */
  assert_focus_within (GTK_WINDOW (window),
                       alcove_test_get_widget (window, GTK_TYPE_WIDGET, "password_row"),
                       "the password field");

  /* after unlock, once the page is laid out: the sidebar's row of the section shown */
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = alcove_window_get_main_page (window);
  g_assert_true (alcove_test_wait_until (focus_on_row, window, 3000));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (page)));
  g_assert_true (GTK_IS_LIST_BOX_ROW (focus));
  g_assert_cmpstr (gtk_widget_get_name (focus), ==, alcove_main_page_get_section (page));

  /* a dialog: its first entry */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL);
  editor = alcove_test_wait_for_toplevel (ALCOVE_TYPE_CLIENT_EDITOR);
  assert_focus_within (editor, alcove_test_get_widget (editor, GTK_TYPE_WIDGET, "preferred_row"),
                       "the client's preferred name");
  gtk_window_destroy (editor);
  alcove_test_run_for (100);
}

static void
test_unlock_focus (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "focus", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  g_clear_object (&vault);
  alcove_test_run_app (dir, 1366, 768, unlock_focus_scenario);
}

static void
setup_focus_scenario (AlcoveApplication *app,
                      AlcoveWindow      *window)
{
  GtkWidget *setup = alcove_test_get_widget (window, ALCOVE_TYPE_SETUP_PAGE, NULL);

  /* the welcome step: its way on */
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (window)));
  gtk_widget_activate_action (setup, "setup.next", NULL);
  alcove_test_run_for (300);
  gtk_widget_activate (alcove_test_get_widget (setup, GTK_TYPE_WIDGET, "solo_row"));
  gtk_widget_activate_action (setup, "setup.next", NULL);
  alcove_test_run_for (300);
  /* a step with fields: the first one */
  assert_focus_within (GTK_WINDOW (window), alcove_test_get_widget (setup, GTK_TYPE_WIDGET, "practice_row"),
                       "the practice name");
}

static void
test_setup_focus (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "fresh", NULL);

  alcove_test_run_app (dir, 1366, 768, setup_focus_scenario);
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init_gui (&argc, &argv);
  g_test_add_func ("/keyboard/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/keyboard/window-shortcuts", test_window_shortcuts);
  g_test_add_func ("/keyboard/unlock-focus", test_unlock_focus);
  g_test_add_func ("/keyboard/setup-focus", test_setup_focus);
  return g_test_run ();
}
