/* test-window.c — the first window, in a real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>

#include "alcove-application.h"
#include "alcove-test-utils.h"

typedef struct
{
  const char *expected_title;
  const char *screenshot;
  gboolean    found_title;
  gboolean    dark;
} Walk;

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
tree_has_label (GtkWidget  *widget,
                const char *text)
{
  if (ADW_IS_STATUS_PAGE (widget) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), text) == 0)
    return TRUE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (tree_has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
inspect_cb (gpointer user_data)
{
  GApplication *app = user_data;
  Walk *walk = g_object_get_data (G_OBJECT (app), "walk");
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_nonnull (window);
  walk->found_title = tree_has_label (GTK_WIDGET (window), walk->expected_title);
  save_screenshot (GTK_WIDGET (window), walk->screenshot);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app)
{
  Walk *walk = g_object_get_data (G_OBJECT (app), "walk");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      walk->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                 : ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_timeout_add (700, inspect_cb, app);
}

static void
run_app (Walk       *walk,
         const char *vault_dir)
{
  g_autoptr(AlcoveApplication) app = alcove_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);

  g_settings_set_string (settings, "vault-path", vault_dir);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_object_set_data (G_OBJECT (app), "walk", walk);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
}

static void
test_no_vault (void)
{
  Walk walk = { "No Vault Yet", "window-no-vault", FALSE, FALSE };
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "none", NULL);

  run_app (&walk, dir);
  g_assert_true (walk.found_title);
}

static void
test_vault_header (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "harbor", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);
  Walk light = { "Harbor Counseling", "window-vault-light", FALSE, FALSE };
  Walk dark = { "Dana Whitfield", "window-vault-dark", FALSE, TRUE };

  run_app (&light, dir);
  g_assert_true (light.found_title);
  run_app (&dark, dir);
  g_assert_true (dark.found_title);
}

static void
test_damaged_header (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "damaged", NULL);
  g_autofree char *header = g_build_filename (dir, "vault.keys", NULL);
  Walk walk = { "The Vault Cannot Be Read", "window-damaged", FALSE, FALSE };

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (header, "{ truncated", -1, NULL));
  run_app (&walk, dir);
  g_assert_true (walk.found_title);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/window/no-vault", test_no_vault);
  g_test_add_func ("/window/vault-header", test_vault_header);
  g_test_add_func ("/window/damaged-header", test_damaged_header);

  return g_test_run ();
}
