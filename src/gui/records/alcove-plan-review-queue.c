/* alcove-plan-review-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-plan-review-queue"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-lists-and-messages.h"
#include "alcove-plan-review-queue.h"

/* A group on Home: the treatment plans in force whose review is due within two weeks or is
 * past, soonest first, for their author and the author's supervisors (the plans they open).
 * A row names the client and the version, says when the review falls due and opens the
 * plan. Hidden while nothing is due; read again when a plan, a client or the practice's
 * review interval changes. */
struct _AlcovePlanReviewQueue
{
  AdwPreferencesGroup  parent_instance;

  AlcovePlanStore     *plans;
  AlcoveClientStore   *clients;
  GtkListBox          *list;
  guint                n_plans;
};

G_DEFINE_FINAL_TYPE (AlcovePlanReviewQueue, alcove_plan_review_queue, ADW_TYPE_PREFERENCES_GROUP)

enum {
  OPEN_PLAN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "Overdue by 3 days", "Due today", "Due in 5 days" */
/* Days from today to `due`, negative when overdue; 0 when it is no date */
static int
days_until (const char *due)
{
  g_autoptr(GDate) today = alcove_date_today ();
  GDate day;

  if (!alcove_date_to_gdate (due, &day))
    return 0;
  return g_date_days_between (today, &day);
}

static char *
dup_when (const char *due)
{
  GDate day;
  int days = days_until (due);

  if (!alcove_date_to_gdate (due, &day))
    return g_strdup ("");
  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day",
                                         "Overdue by %d days", -days), -days);
  if (days == 0)
    /* Translators: a treatment plan's review is due today */
    return g_strdup (_("Due today"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d day", "Due in %d days", days),
                          days);
}

static GtkWidget *
row_new (AlcovePlanReviewQueue *self,
         AlcovePlan            *plan)
{
  GtkWidget *row = adw_action_row_new ();
  AlcoveClient *client = alcove_client_store_lookup (self->clients, alcove_plan_get_client_id (plan));
  g_autofree char *due = alcove_plan_store_dup_review_due (self->plans, plan);
  g_autofree char *day = alcove_date_format (due);
  g_autofree char *when = dup_when (due);
  g_autofree char *author = alcove_note_store_dup_author_name (alcove_plan_store_get_notes (self->plans),
                                                               alcove_plan_get_author (plan));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *label = gtk_label_new (when);

  /* Translators: a row on Home, "<client's name> · Treatment plan, version <n>" */
  title = g_strdup_printf (_("%s · Treatment plan, version %u"),
                           client ? alcove_client_get_display_name (client) : _("Former client"),
                           alcove_plan_get_version (plan));
  /* Translators: "Review due <day> · by <author's name>" */
  subtitle = g_strdup_printf (_("Review due %s · by %s"), day, author);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* from the days, not the words: a translation need not start with "Overdue" */
  gtk_widget_add_css_class (label, days_until (due) < 0 ? "error" : "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* the version's id names the row for tests; it is not PHI */
  gtk_widget_set_name (row, alcove_plan_get_id (plan));
  g_object_set_data_full (G_OBJECT (row), "plan", g_object_ref (plan), g_object_unref);
  return row;
}

static void
row_activated_cb (AlcovePlanReviewQueue *self,
                  GtkListBoxRow         *row)
{
  AlcovePlan *plan = g_object_get_data (G_OBJECT (row), "plan");

  if (plan != NULL)
    g_signal_emit (self, signals[OPEN_PLAN], 0, alcove_plan_get_client_id (plan),
                   alcove_plan_get_id (plan));
}

static void
refill (AlcovePlanReviewQueue *self)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  alcove_list_box_remove_rows (self->list);
  self->n_plans = 0;
  if (self->plans == NULL || !alcove_plan_store_can_read (self->plans))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  model = alcove_plan_store_list_due_reviews (self->plans, ALCOVE_PLAN_REVIEW_NOTICE_DAYS, &error);
  if (model == NULL)
    g_warning ("Could not list the plans due for review: %s", error->message);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcovePlan) plan = g_list_model_get_item (model, i);

      gtk_list_box_append (self->list, row_new (self, plan));
      self->n_plans++;
    }
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Plans are reviewed every %d day. Review a plan by "
                                              "revising and signing it again.",
                                              "Plans are reviewed every %d days. Review a plan by "
                                              "revising and signing it again.",
                                              alcove_plan_store_get_review_days (self->plans)),
                                 alcove_plan_store_get_review_days (self->plans));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  gtk_widget_set_visible (GTK_WIDGET (self), self->n_plans > 0);
}

/* only a signed version moves a due date */
static void
plan_changed_cb (AlcovePlanStore       *plans,
                 AlcovePlan            *plan,
                 AlcovePlanReviewQueue *self)
{
  if (alcove_plan_get_status (plan) == ALCOVE_PLAN_SIGNED)
    refill (self);
}

void
alcove_plan_review_queue_set_workspace (AlcovePlanReviewQueue *self,
                                        AlcoveWorkspace       *workspace)
{
  g_return_if_fail (ALCOVE_IS_PLAN_REVIEW_QUEUE (self));
  g_return_if_fail (ALCOVE_IS_WORKSPACE (workspace));

  g_set_object (&self->plans, alcove_workspace_get_plans (workspace));
  g_set_object (&self->clients, alcove_workspace_get_clients (workspace));
  g_signal_connect_object (self->plans, "plan-changed", G_CALLBACK (plan_changed_cb), self, 0);
  g_signal_connect_object (self->plans, "review-days-changed", G_CALLBACK (refill), self,
                           G_CONNECT_SWAPPED);
  /* a client discharged no longer waits for a review */
  g_signal_connect_object (alcove_client_store_get_clients (self->clients), "items-changed",
                           G_CALLBACK (refill), self, G_CONNECT_SWAPPED);
  refill (self);
}

guint
alcove_plan_review_queue_get_n_plans (AlcovePlanReviewQueue *self)
{
  g_return_val_if_fail (ALCOVE_IS_PLAN_REVIEW_QUEUE (self), 0);
  return self->n_plans;
}

static void
alcove_plan_review_queue_dispose (GObject *object)
{
  AlcovePlanReviewQueue *self = ALCOVE_PLAN_REVIEW_QUEUE (object);

  g_clear_object (&self->plans);
  g_clear_object (&self->clients);

  G_OBJECT_CLASS (alcove_plan_review_queue_parent_class)->dispose (object);
}

static void
alcove_plan_review_queue_class_init (AlcovePlanReviewQueueClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_plan_review_queue_dispose;

  /**
   * AlcovePlanReviewQueue::open-plan:
   * @client_id: the plan's client
   * @version_id: the version in force, to review
   */
  signals[OPEN_PLAN] = g_signal_new ("open-plan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                     G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                                     G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-plan-review-queue.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanReviewQueue, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
alcove_plan_review_queue_init (AlcovePlanReviewQueue *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
