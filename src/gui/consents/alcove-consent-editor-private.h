/* alcove-consent-editor-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alcove-consent.h"

G_BEGIN_DECLS

/* A pre-filled form for wet signature: pdf_path NULL shows the print dialog, otherwise the
 * form is exported to that file (which the person chose) without one. @printed: whether
 * pages went out (not when the dialog was cancelled). */
gboolean alcove_consent_print_form (GtkWindow      *parent,
                                    AlcoveConsent  *consent,
                                    const char     *practice,
                                    const char     *client_name,
                                    const char     *pdf_path,
                                    gboolean       *printed,
                                    GError        **error);

G_END_DECLS
