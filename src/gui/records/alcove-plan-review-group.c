/* alcove-plan-review-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-plan-review-group"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-plan-review-group.h"
#include "alcove-plan-store.h"
#include "alcove-practice-settings.h"

/* How often the practice reviews treatment plans, in Preferences. An owner changes it: the
 * value is signed as theirs and the change audited, and Home's reviews follow at once.
 * Everyone else sees it. A refused change puts the number back. */
struct _AlcovePlanReviewGroup
{
  AdwPreferencesGroup  parent_instance;

  AlcoveVault         *vault;
  AdwActionRow        *days_row;
  GtkSpinButton       *days_spin;
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (AlcovePlanReviewGroup, alcove_plan_review_group, ADW_TYPE_PREFERENCES_GROUP)

static int
current_days (AlcovePlanReviewGroup *self)
{
  return alcove_practice_settings_get_int (self->vault, ALCOVE_SETTING_PLAN_REVIEW_DAYS,
                                           ALCOVE_PLAN_REVIEW_DAYS_DEFAULT,
                                           ALCOVE_PLAN_REVIEW_DAYS_MIN,
                                           ALCOVE_PLAN_REVIEW_DAYS_MAX);
}

static void
sync_from_vault (AlcovePlanReviewGroup *self)
{
  self->syncing = TRUE;
  gtk_spin_button_set_value (self->days_spin, current_days (self));
  self->syncing = FALSE;
}

static void
days_changed_cb (AlcovePlanReviewGroup *self)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (self->syncing || gtk_spin_button_get_value_as_int (self->days_spin) == current_days (self))
    return;
  if (alcove_practice_settings_set_int (self->vault, ALCOVE_SETTING_PLAN_REVIEW_DAYS,
                                        gtk_spin_button_get_value_as_int (self->days_spin),
                                        ALCOVE_PLAN_REVIEW_DAYS_MIN, ALCOVE_PLAN_REVIEW_DAYS_MAX,
                                        &error))
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (error->message));
  sync_from_vault (self);
}

static void
alcove_plan_review_group_dispose (GObject *object)
{
  g_clear_object (&ALCOVE_PLAN_REVIEW_GROUP (object)->vault);
  G_OBJECT_CLASS (alcove_plan_review_group_parent_class)->dispose (object);
}

static void
alcove_plan_review_group_class_init (AlcovePlanReviewGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_plan_review_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-plan-review-group.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanReviewGroup, days_row);
  gtk_widget_class_bind_template_child (widget_class, AlcovePlanReviewGroup, days_spin);
  gtk_widget_class_bind_template_callback (widget_class, days_changed_cb);
}

static void
alcove_plan_review_group_init (AlcovePlanReviewGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AlcovePlanReviewGroup *
alcove_plan_review_group_new (AlcoveVault *vault)
{
  AlcovePlanReviewGroup *self;
  gboolean owner;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_PLAN_REVIEW_GROUP, NULL);
  self->vault = g_object_ref (vault);
  owner = alcove_practice_settings_can_change (vault);
  gtk_widget_set_sensitive (GTK_WIDGET (self->days_spin), owner);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         owner
                                         ? _("Each plan in force is due for review this many days "
                                             "after it was signed; due reviews show on Home for "
                                             "its author and their supervisors.")
                                         : _("Each plan in force is due for review this many days "
                                             "after it was signed. A practice owner sets it."));
  adw_action_row_set_subtitle (self->days_row, _("Signed by the owner who sets it, and audited"));
  sync_from_vault (self);
  g_signal_connect_object (vault, "changed::settings", G_CALLBACK (sync_from_vault), self,
                           G_CONNECT_SWAPPED);
  return self;
}
