/* alcove-disclosure-content.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-disclosure-content"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-disclosure-content.h"
#include "alcove-error.h"

/* Minimum necessary for assessment results: a recipient (a psychiatrist, a GP, the next
 * therapist) needs the scores and how severe they were, and whether the safety item was
 * endorsed, to continue care safely. The answer to each item says more about the client
 * than that and is left out: it stays in the record, and a recipient who needs it asks
 * for the record itself. */

static gint
compare_oldest_first (gconstpointer a,
                      gconstpointer b)
{
  AlcoveNote *first = *(AlcoveNote **) a;
  AlcoveNote *second = *(AlcoveNote **) b;
  int by_date = g_strcmp0 (alcove_note_get_session_date (first),
                           alcove_note_get_session_date (second));
  gint64 first_ms = alcove_note_get_signed_ms (first);
  gint64 second_ms = alcove_note_get_signed_ms (second);

  if (by_date != 0)
    return by_date;
  return (first_ms > second_ms) - (first_ms < second_ms);
}

GListModel *
alcove_disclosure_content_assessments (AlcoveMeasureStore  *measures,
                                       const char          *client_id,
                                       const char          *from,
                                       const char          *to,
                                       GError             **error)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListStore) chosen = g_list_store_new (ALCOVE_TYPE_MEASURE_ADMINISTRATION);

  g_return_val_if_fail (ALCOVE_IS_MEASURE_STORE (measures), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  if (!alcove_measure_store_can_read (measures))
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                         _("Only a clinician shares outcome measures"));
      return NULL;
    }
  all = alcove_measure_store_list (measures, client_id, NULL, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveMeasureAdministration) given = g_list_model_get_item (all, i);

      if (alcove_date_in_range (alcove_measure_administration_get_administered_on (given), from, to))
        g_list_store_append (chosen, given);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (chosen)) == 0)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                         from == NULL && to == NULL
                         ? _("No outcome measures were given to this client.")
                         : _("No outcome measures were given between those dates."));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&chosen));
}

char *
alcove_disclosure_content_describe_assessment (AlcoveMeasureAdministration *given)
{
  AlcoveMeasure *measure;
  g_autofree char *date = NULL;
  const char *band;
  GString *text;

  g_return_val_if_fail (ALCOVE_IS_MEASURE_ADMINISTRATION (given), NULL);

  measure = alcove_measure_administration_get_measure (given);
  date = alcove_date_format (alcove_measure_administration_get_administered_on (given));
  band = alcove_measure_administration_get_band_label (given);
  text = g_string_new (NULL);
  if (band != NULL)
    /* Translators: a measure shared, "PHQ-9, 12 March 2026: 14 (Moderate depression)" */
    g_string_append_printf (text, _("%s, %s: %d (%s)"), alcove_measure_get_name (measure), date,
                            alcove_measure_administration_get_total (given), band);
  else
    /* Translators: a measure shared, "PHQ-9, 12 March 2026: 14" */
    g_string_append_printf (text, _("%s, %s: %d"), alcove_measure_get_name (measure), date,
                            alcove_measure_administration_get_total (given));
  if (alcove_measure_get_n_alerts (measure) > 0)
    {
      g_string_append (text, "; ");
      if (alcove_measure_administration_get_alert_ids (given)->len > 0)
        {
          g_autofree char *when =
            alcove_date_format_time (alcove_measure_administration_get_acknowledged_ms (given));

          /* Translators: PHQ-9 item 9 endorsed, "…; safety item endorsed, risk reviewed by
           * the clinician (12 March 2026 10:04)" */
          g_string_append_printf (text, _("safety item endorsed, risk reviewed by the "
                                          "clinician (%s)"), when);
        }
      else
        g_string_append (text, _("safety item not endorsed"));
    }
  return g_string_free (text, FALSE);
}

GListModel *
alcove_disclosure_content_discharge (AlcoveNoteStore  *notes,
                                     const char       *client_id,
                                     const char       *from,
                                     const char       *to,
                                     GError          **error)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *model;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  all = alcove_note_store_list_for_client (notes, client_id, FALSE, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (all, i);

      if (!alcove_note_is_private (note) && alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED &&
          g_strcmp0 (alcove_note_get_format_id (note), "discharge") == 0 &&
          alcove_date_in_range (alcove_note_get_session_date (note), from, to))
        g_ptr_array_add (chosen, g_steal_pointer (&note));
    }
  if (chosen->len == 0)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                         _("There is no signed discharge summary for this client."));
      return NULL;
    }
  g_ptr_array_sort (chosen, compare_oldest_first);
  model = g_list_store_new (ALCOVE_TYPE_NOTE);
  if (from == NULL && to == NULL)
    g_list_store_append (model, g_ptr_array_index (chosen, chosen->len - 1));
  else
    g_list_store_splice (model, 0, 0, chosen->pdata, chosen->len);
  return G_LIST_MODEL (model);
}
