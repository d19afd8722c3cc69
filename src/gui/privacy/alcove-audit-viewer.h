/* alcove-audit-viewer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_AUDIT_VIEWER (alcove_audit_viewer_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveAuditViewer, alcove_audit_viewer, ALCOVE, AUDIT_VIEWER, AdwBin)

AlcoveAuditViewer *alcove_audit_viewer_new          (AlcoveVault       *vault,
                                                     AlcoveClientStore *clients);
void               alcove_audit_viewer_reload       (AlcoveAuditViewer *self);
GListModel        *alcove_audit_viewer_get_entries  (AlcoveAuditViewer *self);
gboolean           alcove_audit_viewer_is_verifying (AlcoveAuditViewer *self);

G_END_DECLS
