/* alcove-emergency-alerts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"

G_BEGIN_DECLS

/* At sign-in: the emergency accesses the signed-in person has yet to be told of (an owner:
 * every one; a clinician: those that opened their notes), in a dialog over `parent` whose
 * "Acknowledge" records that they were told. Returns the dialog, or NULL when there is
 * nothing to tell. */
AdwMessageDialog *alcove_emergency_alerts_present (GtkWindow         *parent,
                                                   AlcoveVault       *vault,
                                                   AlcoveClientStore *clients);

G_END_DECLS
