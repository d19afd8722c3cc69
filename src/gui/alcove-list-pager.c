/* alcove-list-pager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-list-pager"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-list-pager.h"

#define PAGER_KEY "alcove-list-pager"
#define MORE_KEY  "alcove-list-pager-more"
#define SIZE_KEY  "alcove-list-pager-page-size"

typedef struct
{
  GListModel              *model;
  guint                    shown;   /* items of the model added, or skipped as shown */
  guint                    page;
  AlcoveListPagerCreateRow create_row;
  AlcoveListPagerIsShown   is_shown;
  gpointer                 user_data;
} Pager;

static void
pager_free (Pager *pager)
{
  g_object_unref (pager->model);
  g_free (pager);
}

gboolean
alcove_list_pager_is_more_row (GtkWidget *row)
{
  return row != NULL && g_object_get_data (G_OBJECT (row), MORE_KEY) != NULL;
}

static void
remove_more_row (GtkListBox *box)
{
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (box));

  if (alcove_list_pager_is_more_row (last))
    gtk_list_box_remove (box, last);
}

static void append_page (GtkListBox *box, Pager *pager, guint count);

static void
more_activated_cb (GtkListBoxRow *row,
                   GtkListBox    *box)
{
  Pager *pager = g_object_get_data (G_OBJECT (box), PAGER_KEY);
  int first_new = gtk_list_box_row_get_index (row);
  GtkListBoxRow *next;

  remove_more_row (box);
  append_page (box, pager, pager->page);
  /* the focus was on the row just removed: it goes to the first new row */
  next = gtk_list_box_get_row_at_index (box, first_new);
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
}

static GtkWidget *
more_row_new (GtkListBox *box,
              guint       remaining,
              guint       page)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;

  /* Translators: the last row of a long list, which shows the next rows of it */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More", "Show %u More",
                                        MIN (remaining, page)),
                           MIN (remaining, page));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-down-symbolic"));
  g_object_set_data (G_OBJECT (row), MORE_KEY, GINT_TO_POINTER (TRUE));
  g_signal_connect_object (row, "activated", G_CALLBACK (more_activated_cb), box, 0);
  return row;
}

static void
append_page (GtkListBox *box,
             Pager      *pager,
             guint       count)
{
  guint n_items = g_list_model_get_n_items (pager->model);
  guint end = MIN (n_items, pager->shown + count);

  for (; pager->shown < end; pager->shown++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (pager->model, pager->shown);

      if (pager->is_shown == NULL || !pager->is_shown (box, item, pager->user_data))
        gtk_list_box_append (box, pager->create_row (item, pager->user_data));
    }
  if (pager->shown < n_items)
    gtk_list_box_append (box, more_row_new (box, n_items - pager->shown, pager->page));
}

void
alcove_list_pager_fill (GtkListBox              *box,
                        GListModel              *model,
                        guint                    at_least,
                        AlcoveListPagerCreateRow create_row,
                        AlcoveListPagerIsShown   is_shown,
                        gpointer                 user_data)
{
  Pager *pager = g_new0 (Pager, 1);
  guint page_size = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (box), SIZE_KEY));

  g_return_if_fail (GTK_IS_LIST_BOX (box));
  g_return_if_fail (G_IS_LIST_MODEL (model));

  pager->page = page_size > 0 ? page_size : ALCOVE_LIST_PAGER_PAGE;
  pager->model = g_object_ref (model);
  pager->create_row = create_row;
  pager->is_shown = is_shown;
  pager->user_data = user_data;
  g_object_set_data_full (G_OBJECT (box), PAGER_KEY, pager, (GDestroyNotify) pager_free);
  remove_more_row (box);
  append_page (box, pager, MAX (at_least, pager->page));
}

void
alcove_list_pager_set_page_size (GtkListBox *box,
                                 guint       page_size)
{
  g_return_if_fail (GTK_IS_LIST_BOX (box));
  g_return_if_fail (page_size > 0);

  g_object_set_data (G_OBJECT (box), SIZE_KEY, GUINT_TO_POINTER (page_size));
}

guint
alcove_list_pager_get_shown (GtkListBox *box)
{
  Pager *pager = g_object_get_data (G_OBJECT (box), PAGER_KEY);

  return pager != NULL ? pager->shown : 0;
}
