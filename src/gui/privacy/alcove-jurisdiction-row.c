/* alcove-jurisdiction-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-jurisdiction-row"

#include "config.h"

#include "alcove-jurisdiction-row.h"

void
alcove_jurisdiction_row_fill (AdwComboRow        *row,
                              AlcoveJurisdiction  selected)
{
  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  /* the titles once: a new model on every settings change would rebuild the row's list */
  if (adw_combo_row_get_model (row) == NULL)
    {
      g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

      for (guint i = 0; i < ALCOVE_JURISDICTION_N_CHOICES; i++)
        gtk_string_list_append (titles,
                                alcove_jurisdiction_get_title (alcove_jurisdiction_get_choice (i)));
      adw_combo_row_set_model (row, G_LIST_MODEL (titles));
    }
  for (guint i = 0; i < ALCOVE_JURISDICTION_N_CHOICES; i++)
    if (alcove_jurisdiction_get_choice (i) == selected)
      adw_combo_row_set_selected (row, i);
}

AlcoveJurisdiction
alcove_jurisdiction_row_get_selected (AdwComboRow *row)
{
  guint selected;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), ALCOVE_JURISDICTION_US_HIPAA);

  selected = adw_combo_row_get_selected (row);
  return alcove_jurisdiction_get_choice (MIN (selected, ALCOVE_JURISDICTION_N_CHOICES - 1));
}
