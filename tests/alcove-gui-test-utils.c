/* alcove-gui-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-test"

#include "config.h"

#include "alcove-gui-test-utils.h"

void
alcove_test_save_screenshot (GtkWidget  *widget,
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

  g_assert_cmpint (width, >, 0);
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
