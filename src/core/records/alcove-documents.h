/* alcove-documents.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

/* Files kept inside practice.db: signed consent forms, court orders, the privacy policy,
 * evidence for the checklist. They never touch the disk outside the vault. */
#define ALCOVE_DOCUMENT_MAX_BYTES (25 * 1024 * 1024)

char    *alcove_documents_add       (AlcoveVault  *vault,
                                     GBytes       *contents,
                                     const char   *name,
                                     const char   *content_type,
                                     GError      **error);
GBytes  *alcove_documents_dup       (AlcoveVault  *vault,
                                     const char   *document_id,
                                     char        **name,
                                     char        **content_type,
                                     GError      **error);

/* Whether `contents` still hash to `stored_sha256` (lowercase hex), as attached; if not,
 * ALCOVE_VAULT_ERROR_DAMAGED with what to do. Alcove never shows altered bytes as the
 * document. */
gboolean alcove_documents_check_hash (GBytes       *contents,
                                      const char   *stored_sha256,
                                      GError      **error);

G_END_DECLS
