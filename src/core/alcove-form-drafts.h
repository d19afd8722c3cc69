/* alcove-form-drafts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-vault.h"

G_BEGIN_DECLS

/* What a person typed into a form and did not save yet, kept encrypted in the vault for
 * them alone: `form` names the kind ("consent", "client", "incident", …), `key` the record
 * it edits ("" for a new one). `fields` is the form's own JSON. */
gboolean  alcove_form_drafts_save    (AlcoveVault  *vault,
                                      const char   *form,
                                      const char   *key,
                                      const char   *fields,
                                      GError      **error);
/* NULL when there is none; *saved_ms (may be NULL) when it was kept */
char     *alcove_form_drafts_load    (AlcoveVault  *vault,
                                      const char   *form,
                                      const char   *key,
                                      gint64       *saved_ms,
                                      GError      **error);
gboolean  alcove_form_drafts_discard (AlcoveVault  *vault,
                                      const char   *form,
                                      const char   *key,
                                      GError      **error);

G_END_DECLS
