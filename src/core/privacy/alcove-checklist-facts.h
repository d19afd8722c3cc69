/* alcove-checklist-facts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-checklist.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

/* Fills facts (initialised with alcove_checklist_facts_init) from an unlocked vault as of
 * today. Facts whose source is not part of this vault's code yet stay unknown, and their
 * items read "not yet recorded". The auto-lock minutes live in GSettings: the caller sets
 * facts->auto_lock_minutes itself. */
/* The owner and supervisors keep the practice's safeguards: they see the dashboard */
gboolean alcove_checklist_can_review   (AlcoveVault          *vault);
gboolean alcove_checklist_facts_gather (AlcoveVault          *vault,
                                        const GDate          *today,
                                        AlcoveChecklistFacts *facts,
                                        GError              **error);

G_END_DECLS
