/* alcove-note-editor-objectives.c — the treatment plan objectives a progress note addresses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-note-editor-private.h"
#include "alcove-treatment-text.h"

/* Under the sections of a progress note: the objectives of the client's treatment plans in
 * force that its author wrote (the plans in the same store as the note), each with a box to
 * tick when the session worked toward it. What is ticked is part of the note, saved with its
 * text and signed with it; a signed note lists what it addressed. An objective a note
 * addresses that a later version of the plan dropped stays listed, from the version it came
 * from. Psychotherapy notes are kept apart from the plan and show none of this. */

typedef struct
{
  AlcovePlan                *plan;   /* the version the objective is read from */
  const AlcovePlanObjective *objective;
  const AlcovePlanGoal      *goal;
  guint                      goal_number;
  gboolean                   current;
} Found;

static void
objective_toggled_cb (GtkCheckButton   *check,
                      AlcoveNoteEditor *self)
{
  if (self->loading || alcove_note_editor_is_read_only (self))
    return;
  alcove_note_draft_model_set_objective (self->draft,
                                         g_object_get_data (G_OBJECT (check), "objective-id"),
                                         gtk_check_button_get_active (check));
}

/* objective id → Found, from the newest version that has it; a version in force first */
static GHashTable *
collect_objectives (AlcoveNoteEditor *self,
                    GPtrArray        *order)
{
  GHashTable *found = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GListModel) versions = NULL;
  g_autoptr(GError) error = NULL;

  versions = alcove_plan_store_list_for_client (self->plans, alcove_note_get_client_id (self->note),
                                                &error);
  if (versions == NULL)
    {
      g_warning ("Could not read the treatment plans for a note: %s", error->message);
      return found;
    }
  for (guint i = 0; i < g_list_model_get_n_items (versions); i++)
    {
      g_autoptr(AlcovePlan) plan = g_list_model_get_item (versions, i);
      GPtrArray *problems = alcove_plan_get_problems (plan);
      gboolean current = alcove_plan_get_status (plan) == ALCOVE_PLAN_SIGNED &&
                         !alcove_plan_get_superseded (plan);
      guint goal_number = 0;

      /* the plans of the note's author, as the store's triggers require */
      if (alcove_plan_get_status (plan) != ALCOVE_PLAN_SIGNED ||
          g_strcmp0 (alcove_plan_get_store_id (plan), alcove_note_get_store_id (self->note)) != 0)
        continue;
      g_ptr_array_add (self->plan_versions, g_object_ref (plan));
      for (guint p = 0; p < problems->len; p++)
        {
          AlcovePlanProblem *problem = g_ptr_array_index (problems, p);

          for (guint g = 0; g < problem->goals->len; g++)
            {
              AlcovePlanGoal *goal = g_ptr_array_index (problem->goals, g);

              goal_number++;
              for (guint o = 0; o < goal->objectives->len; o++)
                {
                  AlcovePlanObjective *objective = g_ptr_array_index (goal->objectives, o);
                  Found *entry;

                  if (g_hash_table_contains (found, objective->id))
                    continue;
                  entry = g_new0 (Found, 1);
                  entry->plan = plan;
                  entry->objective = objective;
                  entry->goal = goal;
                  entry->goal_number = goal_number;
                  entry->current = current;
                  g_hash_table_insert (found, objective->id, entry);
                  g_ptr_array_add (order, objective->id);
                }
            }
        }
    }
  return found;
}

static GtkWidget *
objective_row_new (AlcoveNoteEditor *self,
                   Found            *found,
                   gboolean          addressed,
                   gboolean          read_only)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = alcove_plan_dup_objective_title (found->plan, found->objective);
  g_autofree char *target = alcove_plan_dup_target_line (found->objective);
  g_autofree char *subtitle = NULL;

  if (found->current)
    /* Translators: under an objective in a note, "Goal 1: <words> · <by 1 March 2027>" */
    subtitle = g_strdup_printf (_("Goal %u: %s · %s"), found->goal_number, found->goal->text,
                                target);
  else
    subtitle = g_strdup_printf (_("From version %u of the plan, which a later version replaced"),
                                alcove_plan_get_version (found->plan));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (read_only)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("object-select-symbolic"));
  else
    {
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), addressed);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "objective-id", g_strdup (found->objective->id),
                              g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (objective_toggled_cb), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
    }
  /* the objective's id names the row for tests; it is not PHI */
  gtk_widget_set_name (row, found->objective->id);
  return row;
}

void
alcove_note_editor_build_objectives (AlcoveNoteEditor *self)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) found = NULL;
  gboolean read_only = alcove_note_editor_is_read_only (self);

  if (self->objectives_group == NULL)
    return;
  for (guint i = 0; i < self->objective_rows->len; i++)
    adw_preferences_group_remove (self->objectives_group,
                                  g_ptr_array_index (self->objective_rows, i));
  g_ptr_array_set_size (self->objective_rows, 0);
  g_ptr_array_set_size (self->plan_versions, 0);
  if (self->plans == NULL || alcove_note_is_private (self->note) ||
      !alcove_plan_store_can_read (self->plans))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->objectives_group), FALSE);
      return;
    }
  found = collect_objectives (self, order);
  for (guint i = 0; i < order->len; i++)
    {
      Found *entry = g_hash_table_lookup (found, g_ptr_array_index (order, i));
      gboolean addressed = alcove_note_has_objective (self->note, entry->objective->id);
      GtkWidget *row;

      /* a draft offers the objectives in force and keeps what it addresses; a signed note
       * lists what it addressed */
      if ((read_only && !addressed) || (!read_only && !addressed && !entry->current))
        continue;
      row = objective_row_new (self, entry, addressed, read_only);
      adw_preferences_group_add (self->objectives_group, row);
      g_ptr_array_add (self->objective_rows, row);
    }
  adw_preferences_group_set_description (self->objectives_group,
                                         read_only
                                         ? _("What this session worked toward, as signed")
                                         : _("Tick what this session worked toward: the plan "
                                             "lists the notes under each objective."));
  gtk_widget_set_visible (GTK_WIDGET (self->objectives_group), self->objective_rows->len > 0);
}

void
alcove_note_editor_set_plans (AlcoveNoteEditor *self,
                              AlcovePlanStore  *plans)
{
  g_return_if_fail (ALCOVE_IS_NOTE_EDITOR (self));
  g_return_if_fail (ALCOVE_IS_PLAN_STORE (plans));

  g_set_object (&self->plans, plans);
  if (self->objectives_group == NULL)
    {
      self->objectives_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (self->objectives_group, _("Treatment Plan Objectives"));
      gtk_widget_set_name (GTK_WIDGET (self->objectives_group), "objectives");
      gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->sections_box))),
                                  GTK_WIDGET (self->objectives_group),
                                  GTK_WIDGET (self->sections_box));
    }
  alcove_note_editor_build_objectives (self);
}
