/* alcove-plan-store.h — treatment plans, in their author's notes store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-note-store.h"
#include "alcove-plan.h"

G_BEGIN_DECLS

/* The practice's review interval, in days: its default and its bounds */
#define ALCOVE_PLAN_REVIEW_DAYS_DEFAULT 90
#define ALCOVE_PLAN_REVIEW_DAYS_MIN     7
#define ALCOVE_PLAN_REVIEW_DAYS_MAX     730

#define ALCOVE_TYPE_PLAN_STORE (alcove_plan_store_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePlanStore, alcove_plan_store, ALCOVE, PLAN_STORE, GObject)

AlcovePlanStore *alcove_plan_store_new                (AlcoveNoteStore  *notes);
AlcoveNoteStore *alcove_plan_store_get_notes          (AlcovePlanStore  *self);
/* Writes plans of one's own (who writes notes) */
gboolean         alcove_plan_store_can_write          (AlcovePlanStore  *self);
/* Reads plans: one's own, and a supervisor their supervisees' */
gboolean         alcove_plan_store_can_read           (AlcovePlanStore  *self);
gboolean         alcove_plan_store_is_author          (AlcovePlanStore  *self,
                                                       AlcovePlan       *plan);

/* A first version, as a draft, dated today; one plan per client and author */
AlcovePlan      *alcove_plan_store_create             (AlcovePlanStore  *self,
                                                       const char       *client_id,
                                                       GError          **error);
/* The next version of a signed plan, as a draft with its content; `plan` must be the newest
 * signed version, and its plan have no draft already */
AlcovePlan      *alcove_plan_store_revise             (AlcovePlanStore  *self,
                                                       AlcovePlan       *plan,
                                                       GError          **error);
gboolean         alcove_plan_store_save               (AlcovePlanStore  *self,
                                                       AlcovePlan       *plan,
                                                       GError          **error);
/* Whether the draft may be signed; the message names what is missing */
gboolean         alcove_plan_store_check_complete     (AlcovePlanStore  *self,
                                                       AlcovePlan       *plan,
                                                       GError          **error);
/* Saves, then signs: from then on the version never changes, and it supersedes the
 * version before it */
gboolean         alcove_plan_store_sign               (AlcovePlanStore  *self,
                                                       AlcovePlan       *plan,
                                                       GError          **error);
gboolean         alcove_plan_store_delete_draft       (AlcovePlanStore  *self,
                                                       AlcovePlan       *plan,
                                                       GError          **error);
/* One version as its row holds it, neither verified nor audited (for the practice import,
 * which signs it again) */
AlcovePlan      *alcove_plan_store_read_row           (AlcovePlanStore  *self,
                                                       const char       *store_id,
                                                       const char       *version_id,
                                                       GError          **error);
/* One version, verified if signed, its opening audited */
AlcovePlan      *alcove_plan_store_open               (AlcovePlanStore  *self,
                                                       const char       *version_id,
                                                       GError          **error);
gboolean         alcove_plan_store_verify             (AlcovePlanStore  *self,
                                                       AlcovePlan       *plan);
/* Every version of every plan of the client the reader opens: plans newest first, each
 * plan's versions newest first */
GListModel      *alcove_plan_store_list_for_client    (AlcovePlanStore  *self,
                                                       const char       *client_id,
                                                       GError          **error);
/* The versions in force: the newest signed version of each of the client's plans */
GListModel      *alcove_plan_store_list_current       (AlcovePlanStore  *self,
                                                       const char       *client_id,
                                                       GError          **error);
/* Plans in force whose review falls within `within_days` from today, or is past, soonest
 * first; clients discharged are left out */
GListModel      *alcove_plan_store_list_due_reviews   (AlcovePlanStore  *self,
                                                       guint             within_days,
                                                       GError          **error);
/* The day the review of a signed version falls due (YYYY-MM-DD); NULL for a draft */
char            *alcove_plan_store_dup_review_due     (AlcovePlanStore  *self,
                                                       AlcovePlan       *plan);
int              alcove_plan_store_get_review_days    (AlcovePlanStore  *self);
gboolean         alcove_plan_store_can_set_review_days (AlcovePlanStore *self);
gboolean         alcove_plan_store_set_review_days    (AlcovePlanStore  *self,
                                                       int               days,
                                                       GError          **error);
/* The progress notes that address an objective */
GListModel      *alcove_plan_store_list_notes_for_objective (AlcovePlanStore *self,
                                                             const char      *objective_id,
                                                             GError         **error);
void             alcove_plan_store_record_print       (AlcovePlanStore  *self,
                                                       AlcovePlan       *plan);

G_END_DECLS
