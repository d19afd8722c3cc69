/* alcove-objective-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-objective-row"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-note-format.h"
#include "alcove-note-status.h"
#include "alcove-objective-row.h"
#include "alcove-treatment-text.h"

/* An objective of a treatment plan with the progress notes that address it: its number and
 * words, its target date and how many notes; expanded, one row a note, newest first, each
 * opening the note. The notes are those the reader opens. */
struct _AlcoveObjectiveRow
{
  AdwExpanderRow  parent_instance;

  guint           n_notes;
  GPtrArray      *note_ids;
};

G_DEFINE_FINAL_TYPE (AlcoveObjectiveRow, alcove_objective_row, ADW_TYPE_EXPANDER_ROW)

enum {
  OPEN_NOTE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The ids of the notes it lists */
GPtrArray *
alcove_objective_row_get_note_ids (AlcoveObjectiveRow *self)
{
  g_return_val_if_fail (ALCOVE_IS_OBJECTIVE_ROW (self), NULL);
  return self->note_ids;
}

guint
alcove_objective_row_get_n_notes (AlcoveObjectiveRow *self)
{
  g_return_val_if_fail (ALCOVE_IS_OBJECTIVE_ROW (self), 0);
  return self->n_notes;
}

static void
note_row_activated_cb (AdwActionRow       *row,
                       AlcoveObjectiveRow *self)
{
  g_signal_emit (self, signals[OPEN_NOTE], 0, g_object_get_data (G_OBJECT (row), "note"));
}

static GtkWidget *
note_row_new (AlcoveObjectiveRow *self,
              AlcovePlanStore    *plans,
              AlcoveNote         *note)
{
  GtkWidget *row = adw_action_row_new ();
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  g_autofree char *date = alcove_date_format (alcove_note_get_session_date (note));
  g_autofree char *title = NULL;
  g_autofree char *status = alcove_note_status_dup_label (alcove_plan_store_get_notes (plans),
                                                          note);

  /* Translators: a progress note under an objective, "<date> · <SOAP> note" */
  title = g_strdup_printf (_("%s · %s note"), date,
                           format ? alcove_note_format_get_name (format) : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, alcove_note_get_id (note));
  g_object_set_data_full (G_OBJECT (row), "note", g_object_ref (note), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (note_row_activated_cb), self, 0);
  return row;
}

static void
alcove_objective_row_finalize (GObject *object)
{
  g_clear_pointer (&ALCOVE_OBJECTIVE_ROW (object)->note_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (alcove_objective_row_parent_class)->finalize (object);
}

static void
alcove_objective_row_class_init (AlcoveObjectiveRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_objective_row_finalize;

  /**
   * AlcoveObjectiveRow::open-note:
   * @note: a progress note that addresses the objective
   */
  signals[OPEN_NOTE] = g_signal_new ("open-note", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, ALCOVE_TYPE_NOTE);
}

static void
alcove_objective_row_init (AlcoveObjectiveRow *self)
{
  self->note_ids = g_ptr_array_new_with_free_func (g_free);
}

AlcoveObjectiveRow *
alcove_objective_row_new (AlcovePlanStore           *plans,
                          AlcovePlan                *plan,
                          const AlcovePlanObjective *objective)
{
  AlcoveObjectiveRow *self;
  g_autoptr(GListModel) notes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *target = NULL;
  g_autofree char *count = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ALCOVE_IS_PLAN_STORE (plans), NULL);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), NULL);
  g_return_val_if_fail (objective != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_OBJECTIVE_ROW, NULL);
  notes = alcove_plan_store_list_notes_for_objective (plans, objective->id, &error);
  if (notes == NULL)
    g_warning ("Could not list the notes of an objective: %s", error->message);
  for (guint i = 0; notes != NULL && i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (notes, i);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), note_row_new (self, plans, note));
      g_ptr_array_add (self->note_ids, g_strdup (alcove_note_get_id (note)));
      self->n_notes++;
    }
  title = alcove_plan_dup_objective_title (plan, objective);
  target = alcove_plan_dup_target_line (objective);
  count = self->n_notes == 0
          ? g_strdup (_("no progress notes yet"))
          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u progress note",
                                          "%u progress notes", self->n_notes), self->n_notes);
  /* Translators: under an objective, "<by 1 March 2027> · <2 progress notes>" */
  subtitle = g_strdup_printf (_("%s · %s"), target, count);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), self->n_notes > 0);
  gtk_widget_set_name (GTK_WIDGET (self), objective->id);
  return self;
}
