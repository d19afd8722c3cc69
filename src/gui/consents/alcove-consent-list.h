/* alcove-consent-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"
#include "alcove-consent-editor.h"
#include "alcove-consent-store.h"

G_BEGIN_DECLS

/* Status filter ids, besides the AlcoveConsentStatus names */
#define ALCOVE_CONSENT_FILTER_EXPIRING "expiring"

#define ALCOVE_TYPE_CONSENT_LIST (alcove_consent_list_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveConsentList, alcove_consent_list, ALCOVE, CONSENT_LIST, AdwBin)

AlcoveConsentList   *alcove_consent_list_new         (AlcoveConsentStore *store,
                                                      AlcoveClientStore  *clients,
                                                      const char         *client_id);
void                 alcove_consent_list_refresh     (AlcoveConsentList  *self);
void                 alcove_consent_list_set_filter  (AlcoveConsentList  *self,
                                                      const char         *status,
                                                      const char         *kind);
guint                alcove_consent_list_get_n_shown (AlcoveConsentList  *self);
AlcoveConsentEditor *alcove_consent_list_open_editor (AlcoveConsentList  *self,
                                                      const char         *consent_id,
                                                      const char         *kind);

G_END_DECLS
