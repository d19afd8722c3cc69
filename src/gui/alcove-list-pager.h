/* alcove-list-pager.h — a long list shown a page at a time, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Rows built at once, and at each "Show More": a record of ten years of weekly notes opens
 * as fast as one of a month */
#define ALCOVE_LIST_PAGER_PAGE 50

/* The row for one item of the model */
typedef GtkWidget *(*AlcoveListPagerCreateRow) (gpointer item,
                                                gpointer user_data);
/* Whether the box shows the item already (a row added as it changed): it is then skipped */
typedef gboolean   (*AlcoveListPagerIsShown)   (GtkListBox *box,
                                                gpointer    item,
                                                gpointer    user_data);

/* Appends the rows of the model's first `at_least` items, or of a page if more, and a last
 * row that shows the next page; `user_data` must outlive the box. The box should be empty. */
void      alcove_list_pager_fill        (GtkListBox              *box,
                                         GListModel              *model,
                                         guint                    at_least,
                                         AlcoveListPagerCreateRow create_row,
                                         AlcoveListPagerIsShown   is_shown,
                                         gpointer                 user_data);
/* Rows per page for this box from now on, if not ALCOVE_LIST_PAGER_PAGE: a short list of
 * recent items beside a fuller view of them */
void      alcove_list_pager_set_page_size (GtkListBox            *box,
                                           guint                  page_size);
/* How many of the model's items have rows: what a refill keeps showing */
guint     alcove_list_pager_get_shown   (GtkListBox              *box);
/* Whether `row` is the "Show More" row, which stays last */
gboolean  alcove_list_pager_is_more_row (GtkWidget               *row);

G_END_DECLS
