/* alcove-disclosure-report.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"
#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_DISCLOSURE_REPORT (alcove_disclosure_report_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveDisclosureReport, alcove_disclosure_report, ALCOVE, DISCLOSURE_REPORT,
                      AdwBin)

AlcoveDisclosureReport *alcove_disclosure_report_new    (AlcoveWorkspace        *workspace,
                                                         const char             *client_id);
void                    alcove_disclosure_report_reload (AlcoveDisclosureReport *self);
/* The accounting (full_log FALSE) or the whole log; pdf_path NULL shows the print dialog */
gboolean                alcove_disclosure_report_print  (AlcoveDisclosureReport *self,
                                                         gboolean                full_log,
                                                         const char             *pdf_path,
                                                         GError                **error);

G_END_DECLS
