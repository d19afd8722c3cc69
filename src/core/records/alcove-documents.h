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

G_END_DECLS
