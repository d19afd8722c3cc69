/* alcove-gui-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-test"

#include "config.h"

#include "alcove-gui-test-utils.h"
#include "alcove-preferences-window.h"
#include "alcove-test-utils.h"

static GskRenderNode *
snapshot_widget (GtkWidget *widget,
                 int        width,
                 int        height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  return gtk_snapshot_free_to_node (snapshot);
}

static gboolean
widget_is_drawn (gpointer data)
{
  GtkWidget *widget = data;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  if (!gtk_widget_get_mapped (widget) || width <= 0 || height <= 0)
    return FALSE;
  node = snapshot_widget (widget, width, height);
  return node != NULL;
}

void
alcove_test_save_screenshot (GtkWidget  *widget,
                             const char *name)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  int width, height;

  /* On a loaded machine the first frame after a change may not be painted yet. */
  gtk_widget_queue_draw (widget);
  g_assert_true (alcove_test_wait_until (widget_is_drawn, widget, 10000));
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  node = snapshot_widget (widget, width, height);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
alcove_test_wait_until (gboolean (*condition) (gpointer),
                        gpointer   data,
                        guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
alcove_test_run_for (guint ms)
{
  alcove_test_wait_until (never, NULL, ms);
}

GtkWidget *
alcove_test_find_widget (GtkWidget  *root,
                         GType       type,
                         const char *name_or_null)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name_or_null == NULL || g_strcmp0 (gtk_widget_get_name (root), name_or_null) == 0 ||
       g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), name_or_null) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = alcove_test_find_widget (child, type, name_or_null);
      if (found)
        return found;
    }
  return NULL;
}

GtkWidget *
alcove_test_get_widget (gpointer    root,
                        GType       type,
                        const char *name_or_null)
{
  GtkWidget *widget = alcove_test_find_widget (GTK_WIDGET (root), type, name_or_null);

  if (widget == NULL)
    g_error ("No %s “%s” in the tree", g_type_name (type), name_or_null ? name_or_null : "");
  return widget;
}

GtkWidget *
alcove_test_find (GtkWidget  *root,
                  GType       type,
                  const char *name_or_null)
{
  return alcove_test_get_widget (root, type, name_or_null);
}

void
alcove_test_respond (AdwMessageDialog *dialog,
                     const char       *response)
{
  g_autoptr(AdwMessageDialog) kept = g_object_ref (dialog);

  adw_message_dialog_response (dialog, response);
  /* not gtk_window_close (): it would answer again with the close response */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

void
alcove_test_set_text (GtkWidget  *root,
                      const char *name,
                      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (alcove_test_find (root, GTK_TYPE_EDITABLE, name)), text);
}

AdwMessageDialog *
alcove_test_find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  alcove_test_run_for (200);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), heading) == 0)
        return ADW_MESSAGE_DIALOG (toplevel);  /* the list of toplevels keeps it alive */
    }
  return NULL;
}

static gboolean
text_matches (GtkWidget  *widget,
              const char *text)
{
  const char *value = NULL;

  if (GTK_IS_LABEL (widget))
    value = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_EDITABLE (widget))
    value = gtk_editable_get_text (GTK_EDITABLE (widget));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *all = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      all = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      return strstr (all, text) != NULL;
    }
  else if (ADW_IS_STATUS_PAGE (widget))
    value = adw_status_page_get_title (ADW_STATUS_PAGE (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    value = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return value != NULL && strstr (value, text) != NULL;
}

gboolean
alcove_test_tree_has_text (GtkWidget  *root,
                           const char *text)
{
  if (text_matches (root, text))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if (alcove_test_tree_has_text (child, text))
      return TRUE;
  return FALSE;
}

void
alcove_test_set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
run_app_activate_cb (GApplication *app,
                     gpointer      user_data)
{
  AlcoveTestScenario scenario = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (ALCOVE_IS_WINDOW (window));
  alcove_test_run_for (300);
  scenario (ALCOVE_APPLICATION (app), ALCOVE_WINDOW (window));
  g_application_quit (app);
}

void
alcove_test_run_app (const char         *vault_dir,
                     int                 width,
                     int                 height,
                     AlcoveTestScenario  scenario)
{
  g_autoptr(AlcoveApplication) app = alcove_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);

  g_settings_set_string (settings, "vault-path", vault_dir);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (run_app_activate_cb), scenario);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
}

void
alcove_test_unlock_app (AlcoveApplication *app,
                        const char        *username,
                        const char        *password)
{
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_unlock_with_password (alcove_application_get_vault (app), username,
                                                    secret, &error));
  g_assert_no_error (error);
  alcove_test_run_for (700);  /* past the crossfade */
}

void
alcove_test_lock_app (AlcoveApplication *app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  alcove_test_run_for (500);
  g_assert_true (alcove_vault_get_locked (alcove_application_get_vault (app)));
}

GtkWindow *
alcove_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;  /* the toplevel list keeps it alive */
    }
  return NULL;
}

static gboolean
toplevel_is_up (gpointer type)
{
  return alcove_test_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
toplevel_is_gone (gpointer type)
{
  return alcove_test_find_toplevel (GPOINTER_TO_SIZE (type)) == NULL;
}

GtkWindow *
alcove_test_wait_for_toplevel (GType type)
{
  g_assert_true (alcove_test_wait_until (toplevel_is_up, GSIZE_TO_POINTER (type), 5000));
  alcove_test_run_for (300);
  return alcove_test_find_toplevel (type);
}

void
alcove_test_wait_toplevel_gone (GType type)
{
  g_assert_true (alcove_test_wait_until (toplevel_is_gone, GSIZE_TO_POINTER (type), 5000));
}

AlcoveWorkspace *
alcove_test_app_workspace (AlcoveApplication *app)
{
  AlcoveMainPage *page = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ALCOVE_IS_WINDOW (l->data))
      page = alcove_window_get_main_page (ALCOVE_WINDOW (l->data));
  g_assert_nonnull (page);
  return alcove_main_page_get_workspace (page);
}

void
alcove_test_save_screenshots (GtkWidget  *widget,
                              const char *name)
{
  g_autofree char *light = g_strconcat (name, "-light", NULL);
  g_autofree char *dark = g_strconcat (name, "-dark", NULL);

  alcove_test_set_dark (FALSE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (widget, light);
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (widget, dark);
  alcove_test_set_dark (FALSE);
  alcove_test_run_for (50);
}

AdwPreferencesWindow *
alcove_test_open_preferences (AlcoveApplication *app,
                              const char        *page)
{
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  alcove_test_run_for (500);
  preferences = alcove_test_find_toplevel (ALCOVE_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);
  gtk_window_set_default_size (preferences, 760, 720);
  alcove_test_run_for (300);
  return ADW_PREFERENCES_WINDOW (preferences);
}
