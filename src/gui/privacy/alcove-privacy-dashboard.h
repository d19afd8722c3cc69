/* alcove-privacy-dashboard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"
#include "alcove-register-editor.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_PRIVACY_DASHBOARD (alcove_privacy_dashboard_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePrivacyDashboard, alcove_privacy_dashboard, ALCOVE, PRIVACY_DASHBOARD,
                      AdwBin)

/* The privacy checklist: the score, the next actions and one row per item, each with a
 * button that opens the place to fix it. Re-judged with today's date whenever it is shown
 * and after every change, with the emergency accesses not yet reviewed above them.
 * clients: the session's, for the clients' names; settings: the application's (auto-lock
 * minutes). */
AlcovePrivacyDashboard *alcove_privacy_dashboard_new            (AlcoveVault            *vault,
                                                                 AlcoveClientStore      *clients,
                                                                 GSettings              *settings);
void                    alcove_privacy_dashboard_reload         (AlcovePrivacyDashboard *self);
/* AlcoveChecklistItem*, as last judged */
GPtrArray              *alcove_privacy_dashboard_get_items      (AlcovePrivacyDashboard *self);
/* Opens the registers, on a page ("policy", "vendors", "devices", "training") or NULL */
AlcoveRegisterEditor   *alcove_privacy_dashboard_open_registers (AlcovePrivacyDashboard *self,
                                                                 const char             *page);
/* pdf_path NULL: the print dialog */
gboolean                alcove_privacy_dashboard_print          (AlcovePrivacyDashboard *self,
                                                                 const char             *pdf_path,
                                                                 GError                **error);

G_END_DECLS
