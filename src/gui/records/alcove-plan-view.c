/* alcove-plan-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-plan-view"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-lists-and-messages.h"
#include "alcove-objective-row.h"
#include "alcove-plan-view.h"
#include "alcove-treatment-text.h"

/* A client's treatment plans on their page, one group each: the version in force (who
 * signed it when, when its review is due), its objectives with the progress notes that
 * address each, the client's participation, the draft of the next version if one is being
 * written, and the versions it superseded. A row opens a version in its window. The author
 * starts a plan or revises one here; a supervisor reads; billing is told plans are not
 * theirs to see. Read again whenever the plans, the notes or the review interval change. */
struct _AlcovePlanView
{
  AdwBin           parent_instance;

  AlcovePlanStore *plans;
  char            *client_id;
  guint            n_plans;
  GHashTable      *shown_notes;  /* ids of the notes listed under an objective */
  GHashTable      *shown_drafts; /* ids of the drafts it lists, whose text it does not show */

  GtkBox          *box;
};

G_DEFINE_FINAL_TYPE (AlcovePlanView, alcove_plan_view, ADW_TYPE_BIN)

enum {
  OPEN_PLAN,
  OPEN_NOTE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

guint
alcove_plan_view_get_n_plans (AlcovePlanView *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_VIEW (self), 0);
  return self->n_plans;
}

/* ---- rows ---- */

static void
version_row_activated_cb (AdwActionRow   *row,
                          AlcovePlanView *self)
{
  g_signal_emit (self, signals[OPEN_PLAN], 0, gtk_widget_get_name (GTK_WIDGET (row)));
}

static GtkWidget *
version_row_new (AlcovePlanView *self,
                 AlcovePlan     *plan,
                 const char     *title)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *status = alcove_plan_dup_status_line (self->plans, plan);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : status);
  if (title != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* the version's id names the row: what opens it, and for tests; not PHI */
  gtk_widget_set_name (row, alcove_plan_get_id (plan));
  g_signal_connect_object (row, "activated", G_CALLBACK (version_row_activated_cb), self, 0);
  return row;
}

static void
objective_open_note_cb (AlcoveObjectiveRow *row,
                        AlcoveNote         *note,
                        AlcovePlanView     *self)
{
  g_signal_emit (self, signals[OPEN_NOTE], 0, note);
}

static void
add_objectives (AlcovePlanView      *self,
                AdwPreferencesGroup *group,
                AlcovePlan          *plan)
{
  GPtrArray *problems = alcove_plan_get_problems (plan);

  for (guint p = 0; p < problems->len; p++)
    {
      AlcovePlanProblem *problem = g_ptr_array_index (problems, p);

      for (guint g = 0; g < problem->goals->len; g++)
        {
          AlcovePlanGoal *goal = g_ptr_array_index (problem->goals, g);

          for (guint o = 0; o < goal->objectives->len; o++)
            {
              AlcoveObjectiveRow *row = alcove_objective_row_new (self->plans, plan,
                                                                  g_ptr_array_index (goal->objectives, o));

              GPtrArray *note_ids = alcove_objective_row_get_note_ids (row);

              for (guint n = 0; n < note_ids->len; n++)
                g_hash_table_add (self->shown_notes, g_strdup (g_ptr_array_index (note_ids, n)));
              g_signal_connect_object (row, "open-note", G_CALLBACK (objective_open_note_cb),
                                       self, 0);
              adw_preferences_group_add (group, GTK_WIDGET (row));
            }
        }
    }
}

static GtkWidget *
header_button_new (const char *label,
                   const char *action,
                   const char *target_id,
                   gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target_id != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target_id);
  gtk_widget_add_css_class (button, suggested ? "suggested-action" : "flat");
  return button;
}

/* One plan: `versions` are its versions, newest first */
static void
add_plan (AlcovePlanView *self,
          GPtrArray      *versions)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AlcovePlan *draft = NULL;
  AlcovePlan *current = NULL;
  g_autoptr(GPtrArray) older = g_ptr_array_new ();
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *review = NULL;
  g_autofree char *author = NULL;
  g_autofree char *title = NULL;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gboolean is_author;

  for (guint i = 0; i < versions->len; i++)
    {
      AlcovePlan *plan = g_ptr_array_index (versions, i);

      if (alcove_plan_get_status (plan) == ALCOVE_PLAN_DRAFT)
        draft = plan;
      else if (current == NULL)
        current = plan;
      else
        g_ptr_array_add (older, plan);
    }
  is_author = alcove_plan_store_is_author (self->plans, g_ptr_array_index (versions, 0));
  author = alcove_note_store_dup_author_name (alcove_plan_store_get_notes (self->plans),
                                              alcove_plan_get_author (g_ptr_array_index (versions, 0)));
  title = is_author ? g_strdup (_("Treatment Plan"))
                    /* Translators: a plan written by someone else, "Treatment Plan by <name>" */
                    : g_strdup_printf (_("Treatment Plan by %s"), author);
  adw_preferences_group_set_title (group, title);
  if (current != NULL)
    {
      g_autofree char *status = alcove_plan_dup_status_line (self->plans, current);
      g_autofree char *participation = alcove_plan_dup_participation_line (current);

      review = alcove_plan_dup_review_line (self->plans, current);
      g_string_append (description, status);
      if (review != NULL)
        g_string_append_printf (description, "\n%s", review);
      g_string_append_printf (description, "\n%s", participation);
    }
  else
    g_string_append (description, _("Not signed yet: a plan is in force once it is signed"));
  adw_preferences_group_set_description (group, description->str);

  if (current != NULL)
    gtk_box_append (GTK_BOX (buttons), header_button_new (_("_Open"), "plans.open",
                                                          alcove_plan_get_id (current), FALSE));
  if (is_author && draft != NULL)
    gtk_box_append (GTK_BOX (buttons),
                    header_button_new (current ? _("_Edit Next Version") : _("_Edit Draft"),
                                       "plans.open", alcove_plan_get_id (draft), TRUE));
  else if (is_author && current != NULL)
    gtk_box_append (GTK_BOX (buttons), header_button_new (_("_Revise…"), "plans.revise",
                                                          alcove_plan_get_id (current), TRUE));
  adw_preferences_group_set_header_suffix (group, buttons);

  if (draft != NULL)
    {
      /* Translators: the draft of a plan's next version, "Version 2 · draft" */
      g_autofree char *draft_title = alcove_plan_dup_status_line (self->plans, draft);
      GtkWidget *row = version_row_new (self, draft, draft_title);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   current ? _("Being written; sign it to replace the version in "
                                               "force")
                                           : _("Being written; sign it to put it in force"));
      g_hash_table_add (self->shown_drafts, g_strdup (alcove_plan_get_id (draft)));
      adw_preferences_group_add (group, row);
    }
  if (current != NULL)
    {
      if (alcove_plan_get_integrity (current) == ALCOVE_PLAN_INTEGRITY_MISMATCH)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         _("This plan no longer matches its signature"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("It may have been changed outside Alcove. Open it "
                                         "to record this in the audit log."));
          gtk_widget_add_css_class (row, "error");
          adw_preferences_group_add (group, row);
        }
      add_objectives (self, group, current);
    }
  if (older->len > 0)
    {
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u version kept as it was signed",
                                                             "%u versions kept as they were signed",
                                                             older->len), older->len);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Earlier Versions"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
      for (guint i = 0; i < older->len; i++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  version_row_new (self, g_ptr_array_index (older, i), NULL));
      adw_preferences_group_add (group, expander);
    }
  gtk_widget_set_name (GTK_WIDGET (group), alcove_plan_get_plan_id (g_ptr_array_index (versions, 0)));
  gtk_box_append (self->box, GTK_WIDGET (group));
  self->n_plans++;
}

/* What the reader may do when they have no plan of their own for this client */
static void
add_start (AlcovePlanView *self,
           gboolean        others)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, others ? _("Your Treatment Plan")
                                                 : _("Treatment Plan"));
  adw_preferences_group_set_description (group,
                                         _("No treatment plan of yours yet. A plan has problems "
                                           "linked to diagnoses, goals, measurable objectives "
                                           "with target dates, and interventions; it is signed "
                                           "and reviewed like the record."));
  adw_preferences_group_set_header_suffix (group, header_button_new (_("_New Plan"),
                                                                     "plans.new", NULL, TRUE));
  gtk_widget_set_name (GTK_WIDGET (group), "start");
  gtk_box_append (self->box, GTK_WIDGET (group));
}

static void
add_denied (AlcovePlanView *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, _("Treatment Plan"));
  adw_preferences_group_set_description (group, _("Your role does not give access to treatment "
                                                  "plans"));
  gtk_box_append (self->box, GTK_WIDGET (group));
}

static void
refill (AlcovePlanView *self)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean own = FALSE;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
  self->n_plans = 0;
  g_hash_table_remove_all (self->shown_notes);
  g_hash_table_remove_all (self->shown_drafts);
  if (!alcove_plan_store_can_read (self->plans))
    {
      add_denied (self);
      return;
    }
  model = alcove_plan_store_list_for_client (self->plans, self->client_id, &error);
  if (model == NULL)
    {
      g_warning ("Could not list the treatment plans: %s", error->message);
      return;
    }
  /* the store lists each plan's versions together, newest first */
  for (guint i = 0; i <= g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcovePlan) plan = i < g_list_model_get_n_items (model)
                                   ? g_list_model_get_item (model, i) : NULL;

      if (versions->len > 0 &&
          (plan == NULL ||
           g_strcmp0 (alcove_plan_get_plan_id (plan),
                      alcove_plan_get_plan_id (g_ptr_array_index (versions, 0))) != 0))
        {
          own |= alcove_plan_store_is_author (self->plans, g_ptr_array_index (versions, 0));
          add_plan (self, versions);
          g_ptr_array_set_size (versions, 0);
        }
      if (plan != NULL)
        g_ptr_array_add (versions, g_steal_pointer (&plan));
    }
  if (!own && alcove_plan_store_can_write (self->plans))
    add_start (self, self->n_plans > 0);
}

/* ---- actions ---- */

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlcovePlanView *self = ALCOVE_PLAN_VIEW (widget);
  g_autoptr(AlcovePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = alcove_plan_store_create (self->plans, self->client_id, &error);
  if (plan == NULL)
    {
      alcove_message_error_dialog (widget, _("Could Not Start a Plan"), error->message);
      return;
    }
  g_signal_emit (self, signals[OPEN_PLAN], 0, alcove_plan_get_id (plan));
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_PLAN], 0, g_variant_get_string (parameter, NULL));
}

static void
revise_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcovePlanView *self = ALCOVE_PLAN_VIEW (widget);
  g_autoptr(AlcovePlan) current = NULL;
  g_autoptr(AlcovePlan) next = NULL;
  g_autoptr(GError) error = NULL;

  current = alcove_plan_store_open (self->plans, g_variant_get_string (parameter, NULL), &error);
  if (current != NULL)
    next = alcove_plan_store_revise (self->plans, current, &error);
  if (next == NULL)
    {
      alcove_message_error_dialog (widget, _("Could Not Revise the Plan"), error->message);
      return;
    }
  g_signal_emit (self, signals[OPEN_PLAN], 0, alcove_plan_get_id (next));
}

/* A draft written as it is typed changes nothing shown here: only a new version, a
 * signature or another client's plan do (the last not at all) */
static void
plan_changed_cb (AlcovePlanStore *plans,
                 AlcovePlan      *plan,
                 AlcovePlanView  *self)
{
  if (g_strcmp0 (alcove_plan_get_client_id (plan), self->client_id) != 0 ||
      (alcove_plan_get_status (plan) == ALCOVE_PLAN_DRAFT &&
       g_hash_table_contains (self->shown_drafts, alcove_plan_get_id (plan))))
    return;
  refill (self);
}

static void
plan_deleted_cb (AlcovePlanStore *plans,
                 const char      *version_id,
                 const char      *client_id,
                 AlcovePlanView  *self)
{
  if (g_strcmp0 (client_id, self->client_id) == 0)
    refill (self);
}

/* A note that addresses an objective, or no longer does, changes the lists; a note saved
 * as it is typed, addressing none, changes nothing here */
static void
note_changed_cb (AlcoveNoteStore *notes,
                 AlcoveNote      *note,
                 AlcovePlanView  *self)
{
  if (g_strcmp0 (alcove_note_get_client_id (note), self->client_id) == 0 &&
      (alcove_note_get_objectives (note)->len > 0 ||
       g_hash_table_contains (self->shown_notes, alcove_note_get_id (note))))
    refill (self);
}

static void
alcove_plan_view_dispose (GObject *object)
{
  AlcovePlanView *self = ALCOVE_PLAN_VIEW (object);

  g_clear_object (&self->plans);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->shown_notes, g_hash_table_unref);
  g_clear_pointer (&self->shown_drafts, g_hash_table_unref);

  G_OBJECT_CLASS (alcove_plan_view_parent_class)->dispose (object);
}

static void
alcove_plan_view_class_init (AlcovePlanViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_plan_view_dispose;

  /**
   * AlcovePlanView::open-plan:
   * @version_id: the version to open in a window
   */
  signals[OPEN_PLAN] = g_signal_new ("open-plan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                     G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * AlcovePlanView::open-note:
   * @note: a progress note that addresses an objective
   */
  signals[OPEN_NOTE] = g_signal_new ("open-note", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, ALCOVE_TYPE_NOTE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanView, box);
  gtk_widget_class_install_action (widget_class, "plans.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "plans.open", "s", open_action_cb);
  gtk_widget_class_install_action (widget_class, "plans.revise", "s", revise_action_cb);
}

static void
alcove_plan_view_init (AlcovePlanView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown_notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->shown_drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

AlcovePlanView *
alcove_plan_view_new (AlcoveWorkspace *workspace,
                      const char      *client_id)
{
  AlcovePlanView *self;

  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_PLAN_VIEW, NULL);
  self->plans = g_object_ref (alcove_workspace_get_plans (workspace));
  self->client_id = g_strdup (client_id);
  g_signal_connect_object (self->plans, "plan-changed", G_CALLBACK (plan_changed_cb), self, 0);
  g_signal_connect_object (self->plans, "plan-deleted", G_CALLBACK (plan_deleted_cb), self, 0);
  g_signal_connect_object (self->plans, "review-days-changed", G_CALLBACK (refill), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (alcove_workspace_get_notes (workspace), "note-changed",
                           G_CALLBACK (note_changed_cb), self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plans.new",
                                 alcove_plan_store_can_write (self->plans));
  refill (self);
  return self;
}
