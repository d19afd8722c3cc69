/* alcove-workspace.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "alcove-client-store.h"
#include "alcove-consent-store.h"
#include "alcove-diagnosis-store.h"
#include "alcove-event-store.h"
#include "alcove-disclosure-store.h"
#include "alcove-format-store.h"
#include "alcove-measure-store.h"
#include "alcove-note-store.h"
#include "alcove-plan-store.h"
#include "alcove-search.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

/* The signed-in session: the vault opened for one person and one instance of each store.
 * Made at unlock, dropped at lock. Views ask these stores and connect to their change
 * signals, so a change made anywhere reaches every view of the session and no other. */
#define ALCOVE_TYPE_WORKSPACE (alcove_workspace_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveWorkspace, alcove_workspace, ALCOVE, WORKSPACE, GObject)

AlcoveWorkspace       *alcove_workspace_new             (AlcoveVault      *vault,
                                                         GError          **error);
AlcoveVault           *alcove_workspace_get_vault       (AlcoveWorkspace  *self);
AlcoveClientStore     *alcove_workspace_get_clients     (AlcoveWorkspace  *self);
AlcoveNoteStore       *alcove_workspace_get_notes       (AlcoveWorkspace  *self);
AlcoveDiagnosisStore  *alcove_workspace_get_diagnoses   (AlcoveWorkspace  *self);
AlcovePlanStore       *alcove_workspace_get_plans       (AlcoveWorkspace  *self);
AlcoveMeasureStore    *alcove_workspace_get_measures    (AlcoveWorkspace  *self);
AlcoveEventStore      *alcove_workspace_get_events      (AlcoveWorkspace  *self);
AlcoveConsentStore    *alcove_workspace_get_consents    (AlcoveWorkspace  *self);
AlcoveDisclosureStore *alcove_workspace_get_disclosures (AlcoveWorkspace  *self);
AlcoveSearch          *alcove_workspace_get_search      (AlcoveWorkspace  *self);
AlcoveFormatStore     *alcove_workspace_get_formats     (AlcoveWorkspace  *self);

G_END_DECLS
