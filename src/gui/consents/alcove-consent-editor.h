/* alcove-consent-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"
#include "alcove-consent-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_CONSENT_EDITOR (alcove_consent_editor_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveConsentEditor, alcove_consent_editor, ALCOVE, CONSENT_EDITOR, AdwWindow)

AlcoveConsentEditor *alcove_consent_editor_new           (GtkWindow           *parent,
                                                          AlcoveConsentStore  *store,
                                                          AlcoveClientStore   *clients,
                                                          AlcoveConsent       *consent);
AlcoveConsent       *alcove_consent_editor_get_consent   (AlcoveConsentEditor *self);
gboolean             alcove_consent_editor_attach_bytes  (AlcoveConsentEditor *self,
                                                          GBytes              *contents,
                                                          const char          *name,
                                                          GError             **error);
GtkWindow           *alcove_consent_editor_show_document (AlcoveConsentEditor *self,
                                                          GError             **error);
gboolean             alcove_consent_editor_print_to_file (AlcoveConsentEditor *self,
                                                          const char          *pdf_path,
                                                          GError             **error);

G_END_DECLS
