/* alcove-consent-badges.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alcove-consent-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_CONSENT_BADGES (alcove_consent_badges_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveConsentBadges, alcove_consent_badges, ALCOVE, CONSENT_BADGES, GtkBox)

AlcoveConsentBadges *alcove_consent_badges_new     (AlcoveConsentStore  *store,
                                                    const char          *client_id);
void                 alcove_consent_badges_refresh (AlcoveConsentBadges *self);

G_END_DECLS
