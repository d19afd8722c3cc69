/* alcove-plan-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-plan-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-application.h"
#include "alcove-date.h"
#include "alcove-date-row.h"
#include "alcove-diagnosis-catalog.h"
#include "alcove-lists-and-messages.h"
#include "alcove-lock-manager.h"
#include "alcove-note-printer.h"
#include "alcove-objective-row.h"
#include "alcove-plan-window.h"
#include "alcove-print-markup.h"
#include "alcove-treatment-text.h"

/* One version of a treatment plan in a window of its own. Its author writes a draft here:
 * the day it starts, the client's participation, and problems (each linked to diagnoses of
 * the problem list) with their goals, measurable objectives and target dates, and
 * interventions. What is typed goes to the plan at once and is written a moment after
 * typing stops, when the window closes and before the vault locks; adding or removing an
 * item writes at once. Signing asks the store, which says what is missing. A signed
 * version reads as it was signed, each objective with the progress notes that address it;
 * revising it opens its next version here. */

#define SAVE_DELAY_MS 700

struct _AlcovePlanWindow
{
  AdwWindow             parent_instance;

  AlcoveWorkspace      *workspace;
  AlcovePlanStore      *plans;
  AlcoveDiagnosisStore *diagnoses;
  AlcoveVault          *vault;
  AlcovePlan           *plan;
  AlcoveLockManager    *lock_manager;
  guint                 draft_saver_id;
  guint                 save_source;

  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toasts;
  GtkWidget            *sign_button;
  GtkWidget            *revise_button;
  GtkRevealer          *mismatch_revealer;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkBox               *content_box;
};

G_DEFINE_FINAL_TYPE (AlcovePlanWindow, alcove_plan_window, ADW_TYPE_WINDOW)

static void build (AlcovePlanWindow *self);

AlcovePlan *
alcove_plan_window_get_plan (AlcovePlanWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_WINDOW (self), NULL);
  return self->plan;
}

const char *
alcove_plan_window_get_error (AlcovePlanWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->error_revealer)
         ? gtk_label_get_text (self->error_label) : NULL;
}

static gboolean
is_editable (AlcovePlanWindow *self)
{
  return alcove_plan_get_status (self->plan) == ALCOVE_PLAN_DRAFT &&
         alcove_plan_store_is_author (self->plans, self->plan);
}

static void
show_error (AlcovePlanWindow *self,
            const char       *message)
{
  alcove_message_show_error (self->error_revealer, self->error_label, message);
}

static void
show_toast (AlcovePlanWindow *self,
            const char       *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

/* ---- saving ---- */

gboolean
alcove_plan_window_save (AlcovePlanWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ALCOVE_IS_PLAN_WINDOW (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!is_editable (self) || !alcove_plan_get_dirty (self->plan))
    return TRUE;
  if (!alcove_plan_store_save (self->plans, self->plan, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  return TRUE;
}

static gboolean
save_cb (gpointer user_data)
{
  AlcovePlanWindow *self = user_data;

  self->save_source = 0;
  alcove_plan_window_save (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (AlcovePlanWindow *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

/* Before the vault locks */
static gboolean
draft_saver_cb (gpointer   user_data,
                GError   **error)
{
  AlcovePlanWindow *self = user_data;

  if (alcove_plan_window_save (self))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       gtk_label_get_text (self->error_label));
  return FALSE;
}

/* Writes at once, then shows the plan again with `focus_id`'s field focused */
static void
changed_structure (AlcovePlanWindow *self,
                   const char       *focus_id)
{
  g_autofree char *focus = g_strdup (focus_id);
  GtkWidget *found;

  alcove_plan_window_save (self);
  build (self);
  if (focus == NULL)
    return;
  found = NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box));
       child != NULL && found == NULL; child = gtk_widget_get_next_sibling (child))
    {
      /* depth-first through the groups */
      GtkWidget *stack[64];
      guint depth = 0;

      stack[depth++] = child;
      while (depth > 0 && found == NULL)
        {
          GtkWidget *widget = stack[--depth];

          if (g_strcmp0 (gtk_widget_get_name (widget), focus) == 0 && ADW_IS_ENTRY_ROW (widget))
            found = widget;
          for (GtkWidget *inner = gtk_widget_get_first_child (widget);
               inner != NULL && depth < G_N_ELEMENTS (stack);
               inner = gtk_widget_get_next_sibling (inner))
            stack[depth++] = inner;
        }
    }
  if (found != NULL)
    gtk_widget_grab_focus (found);
}

/* ---- what is typed ---- */

static void
item_text_changed_cb (GtkEditable      *row,
                      AlcovePlanWindow *self)
{
  alcove_plan_set_item_text (self->plan, gtk_widget_get_name (GTK_WIDGET (row)),
                             gtk_editable_get_text (row));
  schedule_save (self);
}

static void
target_changed_cb (GtkEditable      *entry,
                   AlcovePlanWindow *self)
{
  const char *date = alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (entry));

  alcove_plan_set_target_date (self->plan, g_object_get_data (G_OBJECT (entry), "objective-id"),
                               date);
  schedule_save (self);
}

static void
effective_changed_cb (GtkEditable      *row,
                      AlcovePlanWindow *self)
{
  const char *date = alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (row));

  alcove_plan_set_effective_on (self->plan, date);
  schedule_save (self);
}

static void
participation_changed_cb (AlcovePlanWindow *self)
{
  GtkWidget *signed_row = g_object_get_data (G_OBJECT (self), "signed-on-row");
  GtkWidget *reason_row = g_object_get_data (G_OBJECT (self), "reason-row");
  const char *signed_on = alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (signed_row));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (reason_row))));

  alcove_plan_set_participation (self->plan, signed_on, reason);
  schedule_save (self);
}

static void
diagnosis_toggled_cb (GtkCheckButton   *check,
                      AlcovePlanWindow *self)
{
  GtkWidget *expander = g_object_get_data (G_OBJECT (check), "expander");

  alcove_plan_link_diagnosis (self->plan, g_object_get_data (G_OBJECT (check), "problem-id"),
                              g_object_get_data (G_OBJECT (check), "diagnosis-id"),
                              g_object_get_data (G_OBJECT (check), "code"),
                              gtk_check_button_get_active (check));
  alcove_plan_window_save (self);
  if (expander != NULL)
    {
      AlcovePlanProblem *problem = NULL;
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      alcove_plan_find_item (self->plan, g_object_get_data (G_OBJECT (check), "problem-id"),
                             (gpointer *) &problem);
      for (guint i = 0; problem != NULL && i < problem->diagnoses->len; i++)
        g_ptr_array_add (codes, ((AlcovePlanDiagnosis *) g_ptr_array_index (problem->diagnoses, i))->code);
      g_ptr_array_add (codes, NULL);
      joined = g_strjoinv (_(", "), (char **) codes->pdata);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                     *joined != '\0' ? joined : _("None linked"));
    }
}

/* ---- building: a draft its author writes ---- */

static GtkWidget *
remove_button_new (const char *item_id,
                   const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "plan.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", item_id);
  return button;
}

static GtkWidget *
text_row_new (AlcovePlanWindow *self,
              const char       *title,
              const char       *item_id,
              const char       *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  /* the item's id names the row: what it changes, and for tests; not PHI */
  gtk_widget_set_name (row, item_id);
  g_signal_connect_object (row, "changed", G_CALLBACK (item_text_changed_cb), self, 0);
  return row;
}

static GtkWidget *
add_row_new (const char *title,
             const char *action,
             const char *target_id)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", target_id);
  gtk_widget_add_css_class (row, "alcove-add-row");
  return row;
}

static gboolean
problem_links (AlcovePlanProblem *problem,
               const char        *diagnosis_id)
{
  for (guint i = 0; i < problem->diagnoses->len; i++)
    if (g_strcmp0 (((AlcovePlanDiagnosis *) g_ptr_array_index (problem->diagnoses, i))->diagnosis_id,
                   diagnosis_id) == 0)
      return TRUE;
  return FALSE;
}

static GtkWidget *
diagnosis_check_row_new (AlcovePlanWindow  *self,
                         AlcovePlanProblem *problem,
                         GtkWidget         *expander,
                         const char        *diagnosis_id,
                         const char        *code,
                         const char        *title,
                         const char        *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), problem_links (problem, diagnosis_id));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), "problem-id", g_strdup (problem->id), g_free);
  g_object_set_data_full (G_OBJECT (check), "diagnosis-id", g_strdup (diagnosis_id), g_free);
  g_object_set_data_full (G_OBJECT (check), "code", g_strdup (code), g_free);
  g_object_set_data (G_OBJECT (check), "expander", expander);
  g_signal_connect_object (check, "toggled", G_CALLBACK (diagnosis_toggled_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_name (row, diagnosis_id);
  return row;
}

/* The client's current diagnoses to link, and any linked one no longer on the list */
static GtkWidget *
diagnoses_row_new (AlcovePlanWindow  *self,
                   AlcovePlanProblem *problem)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Linked Diagnoses"));
  listed = alcove_diagnosis_store_list_for_client (self->diagnoses,
                                                   alcove_plan_get_client_id (self->plan), NULL);
  for (guint i = 0; listed != NULL && i < g_list_model_get_n_items (listed); i++)
    {
      g_autoptr(AlcoveDiagnosis) diagnosis = g_list_model_get_item (listed, i);
      g_autofree char *title = alcove_diagnosis_dup_title (diagnosis);
      g_autofree char *status = alcove_diagnosis_dup_status_line (diagnosis);

      if (alcove_diagnosis_is_resolved (diagnosis) &&
          !problem_links (problem, alcove_diagnosis_get_id (diagnosis)))
        continue;
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                diagnosis_check_row_new (self, problem, expander,
                                                         alcove_diagnosis_get_id (diagnosis),
                                                         alcove_diagnosis_get_code (diagnosis),
                                                         title, status));
      g_hash_table_add (shown, (gpointer) g_intern_string (alcove_diagnosis_get_id (diagnosis)));
    }
  for (guint i = 0; i < problem->diagnoses->len; i++)
    {
      AlcovePlanDiagnosis *link = g_ptr_array_index (problem->diagnoses, i);

      g_ptr_array_add (codes, link->code);
      if (!g_hash_table_contains (shown, g_intern_string (link->diagnosis_id)))
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  diagnosis_check_row_new (self, problem, expander,
                                                           link->diagnosis_id, link->code,
                                                           link->code,
                                                           _("No longer on the problem list: "
                                                             "unlink it")));
    }
  if (listed != NULL && g_list_model_get_n_items (listed) == 0 && problem->diagnoses->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none),
                                     _("No diagnoses on the problem list yet"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), none);
    }
  g_ptr_array_add (codes, NULL);
  joined = g_strjoinv (_(", "), (char **) codes->pdata);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 *joined != '\0' ? joined : _("None linked"));
  gtk_widget_set_name (expander, "diagnoses");
  return expander;
}

static GtkWidget *
objective_row_new (AlcovePlanWindow    *self,
                   AlcovePlanObjective *objective,
                   guint                goal_number,
                   guint                number)
{
  g_autofree char *title = g_strdup_printf (_("Objective %u.%u"), goal_number, number);
  g_autofree char *remove = g_strdup_printf (_("Remove Objective %u.%u"), goal_number, number);
  GtkWidget *row = text_row_new (self, title, objective->id, objective->text);

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove_button_new (objective->id, remove));
  return row;
}

/* A row of its own under the objective, named "target-date-<objective id>": a date with its
 * calendar button does not fit beside the objective's text on a narrow window */
static GtkWidget *
target_date_row_new (AlcovePlanWindow    *self,
                     AlcovePlanObjective *objective,
                     guint                goal_number,
                     guint                number)
{
  g_autofree char *title = g_strdup_printf (_("Target Date of Objective %u.%u"), goal_number,
                                            number);
  g_autofree char *name = g_strconcat ("target-date-", objective->id, NULL);
  AlcoveDateRow *target = alcove_date_row_new (title);

  alcove_date_row_set_iso_date (target, objective->target_date);
  g_object_set_data_full (G_OBJECT (target), "objective-id", g_strdup (objective->id), g_free);
  gtk_widget_set_name (GTK_WIDGET (target), name);
  g_signal_connect_object (target, "changed", G_CALLBACK (target_changed_cb), self, 0);
  return GTK_WIDGET (target);
}

static void
build_problem_draft (AlcovePlanWindow    *self,
                     AdwPreferencesGroup *group,
                     AlcovePlanProblem   *problem,
                     guint                number,
                     guint               *goal_number)
{
  g_autofree char *remove = g_strdup_printf (_("Remove Problem %u"), number);

  adw_preferences_group_set_header_suffix (group, remove_button_new (problem->id, remove));
  adw_preferences_group_add (group, text_row_new (self, _("Problem"), problem->id, problem->text));
  adw_preferences_group_add (group, diagnoses_row_new (self, problem));
  for (guint g = 0; g < problem->goals->len; g++)
    {
      AlcovePlanGoal *goal = g_ptr_array_index (problem->goals, g);
      guint this_goal = ++*goal_number;
      g_autofree char *title = g_strdup_printf (_("Goal %u"), this_goal);
      g_autofree char *remove_goal = g_strdup_printf (_("Remove Goal %u"), this_goal);
      g_autofree char *add = g_strdup_printf (_("Add an Objective to Goal %u"), this_goal);
      GtkWidget *row = text_row_new (self, title, goal->id, goal->text);

      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove_button_new (goal->id, remove_goal));
      gtk_widget_add_css_class (row, "alcove-plan-goal");
      adw_preferences_group_add (group, row);
      for (guint o = 0; o < goal->objectives->len; o++)
        {
          AlcovePlanObjective *objective = g_ptr_array_index (goal->objectives, o);

          guint objective_number = o + 1;

          adw_preferences_group_add (group, objective_row_new (self, objective, this_goal,
                                                               objective_number));
          adw_preferences_group_add (group, target_date_row_new (self, objective, this_goal,
                                                                 objective_number));
        }
      adw_preferences_group_add (group, add_row_new (add, "plan.add-objective", goal->id));
    }
  adw_preferences_group_add (group, add_row_new (_("Add a Goal"), "plan.add-goal", problem->id));
  for (guint i = 0; i < problem->interventions->len; i++)
    {
      AlcovePlanIntervention *intervention = g_ptr_array_index (problem->interventions, i);
      GtkWidget *row = text_row_new (self, _("Intervention"), intervention->id,
                                     intervention->text);

      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                remove_button_new (intervention->id, _("Remove Intervention")));
      adw_preferences_group_add (group, row);
    }
  adw_preferences_group_add (group, add_row_new (_("Add an Intervention"), "plan.add-intervention",
                                                 problem->id));
}

static void
build_header_draft (AlcovePlanWindow *self)
{
  AdwPreferencesGroup *plan_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *participation = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *status = alcove_plan_dup_status_line (self->plans, self->plan);
  GtkWidget *start = GTK_WIDGET (alcove_date_row_new (_("Starts")));
  GtkWidget *signed_on = GTK_WIDGET (alcove_date_row_new (_("Client Signed On")));
  GtkWidget *reason = adw_entry_row_new ();

  /* Translators: a heading: the treatment plan (noun) */
  adw_preferences_group_set_title (plan_group, _("Plan"));
  adw_preferences_group_set_description (plan_group, status);
  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (start), alcove_plan_get_effective_on (self->plan));
  gtk_widget_set_name (start, "effective-on");
  g_signal_connect_object (start, "changed", G_CALLBACK (effective_changed_cb), self, 0);
  adw_preferences_group_add (plan_group, start);
  gtk_box_append (self->content_box, GTK_WIDGET (plan_group));

  adw_preferences_group_set_title (participation, _("Client Participation"));
  adw_preferences_group_set_description (participation,
                                         _("The day the client signed the plan, or why they did "
                                           "not: one of the two is signed with it."));
  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (signed_on),
                                alcove_plan_get_client_signed_on (self->plan));
  gtk_widget_set_name (signed_on, "client-signed-on");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Or Why the Client Did Not Sign"));
  gtk_editable_set_text (GTK_EDITABLE (reason), alcove_plan_get_no_signature_reason (self->plan));
  gtk_widget_set_name (reason, "no-signature-reason");
  g_object_set_data (G_OBJECT (self), "signed-on-row", signed_on);
  g_object_set_data (G_OBJECT (self), "reason-row", reason);
  g_signal_connect_object (signed_on, "changed", G_CALLBACK (participation_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (reason, "changed", G_CALLBACK (participation_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (participation, signed_on);
  adw_preferences_group_add (participation, reason);
  gtk_box_append (self->content_box, GTK_WIDGET (participation));
}

/* ---- building: a version as it was signed ---- */

static GtkWidget *
text_line_new (const char *title,
               const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text && *text ? text : _("Not written"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  return row;
}

static void
objective_open_note_cb (AlcoveObjectiveRow *row,
                        AlcoveNote         *note,
                        AlcovePlanWindow   *self)
{
  GtkWidget *main_window = GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self)));
  g_autofree char *client_id = g_strdup (alcove_plan_get_client_id (self->plan));

  if (main_window != NULL)
    gtk_widget_activate_action (main_window, "main.open-note", "(ss)", alcove_note_get_id (note),
                                client_id);
}

static void
build_problem_read (AlcovePlanWindow    *self,
                    AdwPreferencesGroup *group,
                    AlcovePlanProblem   *problem,
                    guint               *goal_number)
{
  g_autoptr(GString) diagnoses = g_string_new (NULL);

  adw_preferences_group_add (group, text_line_new (_("Problem"), problem->text));
  for (guint d = 0; d < problem->diagnoses->len; d++)
    {
      AlcovePlanDiagnosis *link = g_ptr_array_index (problem->diagnoses, d);
      const AlcoveDiagnosisCode *entry = alcove_diagnosis_catalog_lookup (link->code);

      g_string_append_printf (diagnoses, "%s%s%s%s", d > 0 ? "\n" : "", link->code,
                              entry ? " " : "", entry ? entry->long_text : "");
    }
  adw_preferences_group_add (group, text_line_new (_("Linked Diagnoses"),
                                                   diagnoses->len > 0 ? diagnoses->str
                                                                      : _("None linked")));
  for (guint g = 0; g < problem->goals->len; g++)
    {
      AlcovePlanGoal *goal = g_ptr_array_index (problem->goals, g);
      g_autofree char *title = g_strdup_printf (_("Goal %u"), ++*goal_number);

      adw_preferences_group_add (group, text_line_new (title, goal->text));
      for (guint o = 0; o < goal->objectives->len; o++)
        {
          AlcoveObjectiveRow *row = alcove_objective_row_new (self->plans, self->plan,
                                                              g_ptr_array_index (goal->objectives, o));

          g_signal_connect_object (row, "open-note", G_CALLBACK (objective_open_note_cb), self, 0);
          adw_preferences_group_add (group, GTK_WIDGET (row));
        }
    }
  for (guint i = 0; i < problem->interventions->len; i++)
    adw_preferences_group_add (group,
                               text_line_new (_("Intervention"),
                                              ((AlcovePlanIntervention *) g_ptr_array_index (problem->interventions, i))->text));
}

static void
build_header_read (AlcovePlanWindow *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *status = alcove_plan_dup_status_line (self->plans, self->plan);
  g_autofree char *start = alcove_date_format (alcove_plan_get_effective_on (self->plan));
  g_autofree char *participation = alcove_plan_dup_participation_line (self->plan);
  g_autofree char *review = alcove_plan_dup_review_line (self->plans, self->plan);
  g_autofree char *fingerprint = alcove_plan_dup_fingerprint (self->plan);

  /* Translators: a heading: the treatment plan (noun) */
  adw_preferences_group_set_title (group, _("Plan"));
  adw_preferences_group_set_description (group, status);
  adw_preferences_group_add (group, text_line_new (_("In Effect From"), start));
  adw_preferences_group_add (group, text_line_new (_("Client Participation"), participation));
  if (review != NULL)
    adw_preferences_group_add (group, text_line_new (_("Review"), review));
  if (*fingerprint != '\0')
    adw_preferences_group_add (group, text_line_new (_("Fingerprint"), fingerprint));
  gtk_box_append (self->content_box, GTK_WIDGET (group));
}

/* ---- the window ---- */

static void
update_header (AlcovePlanWindow *self)
{
  AlcoveClient *client = alcove_client_store_lookup (alcove_workspace_get_clients (self->workspace),
                                                     alcove_plan_get_client_id (self->plan));
  g_autofree char *subtitle = NULL;
  gboolean signed_plan = alcove_plan_get_status (self->plan) == ALCOVE_PLAN_SIGNED;
  gboolean author = alcove_plan_store_is_author (self->plans, self->plan);

  /* Translators: the plan window's subtitle, "Treatment Plan · Version 2 · draft" */
  subtitle = signed_plan
             ? g_strdup_printf (alcove_plan_get_superseded (self->plan)
                                ? _("Treatment Plan · Version %u · superseded")
                                : _("Treatment Plan · Version %u · signed"),
                                alcove_plan_get_version (self->plan))
             : g_strdup_printf (_("Treatment Plan · Version %u · draft"),
                                alcove_plan_get_version (self->plan));
  adw_window_title_set_title (self->window_title,
                              client ? alcove_client_get_display_name (client) : _("Treatment Plan"));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (self->sign_button, is_editable (self));
  gtk_widget_set_visible (self->revise_button,
                          signed_plan && author && !alcove_plan_get_superseded (self->plan));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.sign", is_editable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.delete-draft", is_editable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.revise",
                                 signed_plan && author && !alcove_plan_get_superseded (self->plan));
  gtk_revealer_set_reveal_child (self->mismatch_revealer,
                                 alcove_plan_get_integrity (self->plan) ==
                                 ALCOVE_PLAN_INTEGRITY_MISMATCH);
}

static void
build (AlcovePlanWindow *self)
{
  GPtrArray *problems = alcove_plan_get_problems (self->plan);
  gboolean editable = is_editable (self);
  guint goal_number = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);
  g_object_set_data (G_OBJECT (self), "signed-on-row", NULL);
  g_object_set_data (G_OBJECT (self), "reason-row", NULL);
  if (editable)
    build_header_draft (self);
  else
    build_header_read (self);
  for (guint p = 0; p < problems->len; p++)
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      g_autofree char *title = g_strdup_printf (_("Problem %u"), p + 1);

      adw_preferences_group_set_title (group, title);
      if (editable)
        build_problem_draft (self, group, g_ptr_array_index (problems, p), p + 1, &goal_number);
      else
        build_problem_read (self, group, g_ptr_array_index (problems, p), &goal_number);
      gtk_box_append (self->content_box, GTK_WIDGET (group));
    }
  if (editable)
    {
      GtkWidget *add = gtk_button_new_with_mnemonic (_("Add a _Problem"));

      gtk_widget_set_halign (add, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (add, "pill");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "plan.add-problem");
      gtk_box_append (self->content_box, add);
    }
  update_header (self);
}

/* ---- actions ---- */

static void
add_problem_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (widget);
  AlcovePlanProblem *problem;
  AlcovePlanGoal *goal;

  if (!is_editable (self))
    return;
  /* a problem always needs a goal and an objective: they come with it */
  problem = alcove_plan_add_problem (self->plan, "");
  goal = alcove_plan_add_goal (self->plan, problem->id, "");
  alcove_plan_add_objective (self->plan, goal->id, "", "");
  changed_structure (self, problem->id);
}

static void
add_goal_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (widget);
  AlcovePlanGoal *goal;

  if (!is_editable (self))
    return;
  goal = alcove_plan_add_goal (self->plan, g_variant_get_string (parameter, NULL), "");
  if (goal == NULL)
    return;
  alcove_plan_add_objective (self->plan, goal->id, "", "");
  changed_structure (self, goal->id);
}

static void
add_objective_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (widget);
  AlcovePlanObjective *objective;

  if (!is_editable (self))
    return;
  objective = alcove_plan_add_objective (self->plan, g_variant_get_string (parameter, NULL), "",
                                         "");
  if (objective != NULL)
    changed_structure (self, objective->id);
}

static void
add_intervention_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (widget);
  AlcovePlanIntervention *intervention;

  if (!is_editable (self))
    return;
  intervention = alcove_plan_add_intervention (self->plan, g_variant_get_string (parameter, NULL),
                                               "");
  if (intervention != NULL)
    changed_structure (self, intervention->id);
}

static void
remove_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (widget);

  if (is_editable (self) &&
      alcove_plan_remove_item (self->plan, g_variant_get_string (parameter, NULL)))
    changed_structure (self, NULL);
}

static void
sign_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  AlcovePlanWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (g_strcmp0 (response, "sign") != 0 || !is_editable (self) ||
      !alcove_plan_window_save (self))
    return;
  if (!alcove_plan_store_sign (self->plans, self->plan, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  build (self);
  done = g_strdup_printf (_("Signed: version %u is in force"), alcove_plan_get_version (self->plan));
  show_toast (self, done);
}

/* What is missing is said before anything is asked; then the author confirms, since a
 * signed version never changes */
static void
sign_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!is_editable (self) || !alcove_plan_window_save (self))
    return;
  if (!alcove_plan_store_check_complete (self->plans, self->plan, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  alcove_message_confirm_dialog_new (widget, _("Sign This Version?"),
                                     _("Once signed, this version is the plan in force and "
                                       "never changes. A change is its next version; every "
                                       "version is kept."),
                                     "sign", _("_Sign"), ADW_RESPONSE_SUGGESTED,
                                     G_CALLBACK (sign_response_cb), self);
}

static void
revise_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (widget);
  g_autoptr(AlcovePlan) next = NULL;
  g_autoptr(GError) error = NULL;

  next = alcove_plan_store_revise (self->plans, self->plan, &error);
  if (next == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_set_object (&self->plan, next);
  alcove_lock_manager_set_reopen_action (GTK_WINDOW (self), "main.open-plan",
                                         g_variant_new_string (alcove_plan_get_id (next)));
  show_error (self, NULL);
  build (self);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AlcovePlanWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!alcove_plan_store_delete_draft (self->plans, self->plan, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_draft_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (widget);

  if (!is_editable (self))
    return;
  alcove_message_confirm_dialog_new (widget, _("Delete This Draft?"),
                                     _("The draft and everything written in it are deleted. "
                                       "Signed versions are kept."),
                                     "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE,
                                     G_CALLBACK (delete_response_cb), self);
}

gboolean
alcove_plan_window_print (AlcovePlanWindow  *self,
                          const char        *pdf_path,
                          GError           **error)
{
  AlcoveClient *client;
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *byline = NULL;
  gboolean printed = FALSE;

  g_return_val_if_fail (ALCOVE_IS_PLAN_WINDOW (self), FALSE);

  client = alcove_client_store_lookup (alcove_workspace_get_clients (self->workspace),
                                       alcove_plan_get_client_id (self->plan));
  /* what is printed is what was saved */
  if (client == NULL || !alcove_plan_window_save (self))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_FAILED,
                              _("The plan could not be saved, so it was not printed"));
  alcove_print_markup_append_plan (markup, self->plans, self->plan, ALCOVE_NOTE_MARKUP_RECORD);
  byline = alcove_note_store_dup_author_name (alcove_plan_store_get_notes (self->plans),
                                              alcove_plan_get_author (self->plan));
  if (!alcove_note_printer_run_markup (GTK_WINDOW (self), self->vault, client, byline,
                                       _("Treatment plan"), markup->str, pdf_path, &printed,
                                       error))
    return FALSE;
  if (printed)
    alcove_plan_store_record_print (self->plans, self->plan);
  return TRUE;
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!alcove_plan_window_print (ALCOVE_PLAN_WINDOW (widget), NULL, &error))
    alcove_message_error_dialog (widget, _("Could Not Print"), error->message);
}

/* Escape never closes a window with unsaved text: it saves, and a second press closes */
static void
escape_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (widget);

  if (is_editable (self) && alcove_plan_get_dirty (self->plan))
    {
      alcove_plan_window_save (self);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- GObject ---- */

static void
vault_locked_changed_cb (AlcovePlanWindow *self)
{
  /* the lock manager ran the draft saver before the vault locked */
  if (alcove_vault_get_locked (self->vault))
    gtk_window_destroy (GTK_WINDOW (self));
}

/* another window changed the plan's story: a draft signed or deleted elsewhere */
static void
plan_deleted_cb (AlcovePlanStore  *plans,
                 const char       *version_id,
                 const char       *client_id,
                 AlcovePlanWindow *self)
{
  if (g_strcmp0 (version_id, alcove_plan_get_id (self->plan)) == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
alcove_plan_window_close_request (GtkWindow *window)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (window);

  if (alcove_vault_get_locked (self->vault))
    return FALSE;
  /* a failed save keeps the window open, with the banner saying why */
  if (!alcove_plan_window_save (self))
    return TRUE;
  return GTK_WINDOW_CLASS (alcove_plan_window_parent_class)->close_request (window);
}

static void
alcove_plan_window_root (GtkWidget *widget)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (widget);
  GtkApplication *application;

  GTK_WIDGET_CLASS (alcove_plan_window_parent_class)->root (widget);
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (self->lock_manager != NULL || !ALCOVE_IS_APPLICATION (application))
    return;
  self->lock_manager = g_object_ref (alcove_application_get_lock_manager (ALCOVE_APPLICATION (application)));
  self->draft_saver_id = alcove_lock_manager_add_draft_saver (self->lock_manager, draft_saver_cb,
                                                              self, NULL);
}

static void
alcove_plan_window_dispose (GObject *object)
{
  AlcovePlanWindow *self = ALCOVE_PLAN_WINDOW (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->lock_manager != NULL && self->draft_saver_id != 0)
    alcove_lock_manager_remove_draft_saver (self->lock_manager, self->draft_saver_id);
  self->draft_saver_id = 0;
  g_clear_object (&self->lock_manager);
  g_clear_object (&self->plan);
  g_clear_object (&self->plans);
  g_clear_object (&self->diagnoses);
  g_clear_object (&self->vault);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (alcove_plan_window_parent_class)->dispose (object);
}

static void
alcove_plan_window_class_init (AlcovePlanWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = alcove_plan_window_dispose;
  widget_class->root = alcove_plan_window_root;
  window_class->close_request = alcove_plan_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-plan-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanWindow, sign_button);
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanWindow, revise_button);
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanWindow, mismatch_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanWindow, content_box);

  gtk_widget_class_install_action (widget_class, "plan.sign", NULL, sign_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.revise", NULL, revise_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.print", NULL, print_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.delete-draft", NULL, delete_draft_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.add-problem", NULL, add_problem_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.add-goal", "s", add_goal_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.add-objective", "s",
                                   add_objective_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.add-intervention", "s",
                                   add_intervention_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.remove", "s", remove_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.escape", NULL, escape_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "plan.sign", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "plan.sign", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "plan.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "plan.escape", NULL);
}

static void
alcove_plan_window_init (AlcovePlanWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AlcovePlanWindow *
alcove_plan_window_new (GtkWindow       *parent,
                        AlcoveWorkspace *workspace,
                        AlcovePlan      *plan)
{
  AlcovePlanWindow *self;

  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (ALCOVE_IS_PLAN (plan), NULL);

  self = g_object_new (ALCOVE_TYPE_PLAN_WINDOW, "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL, NULL);
  self->workspace = g_object_ref (workspace);
  self->plans = g_object_ref (alcove_workspace_get_plans (workspace));
  self->diagnoses = g_object_ref (alcove_workspace_get_diagnoses (workspace));
  self->vault = g_object_ref (alcove_workspace_get_vault (workspace));
  self->plan = g_object_ref (plan);
  g_signal_connect_object (self->vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plans, "plan-deleted", G_CALLBACK (plan_deleted_cb), self, 0);
  alcove_lock_manager_set_reopen_action (GTK_WINDOW (self), "main.open-plan",
                                         g_variant_new_string (alcove_plan_get_id (plan)));
  build (self);
  return self;
}
