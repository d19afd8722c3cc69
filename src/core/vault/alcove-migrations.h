/* alcove-migrations.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-database.h"

G_BEGIN_DECLS

int      alcove_migrations_count (AlcoveStoreKind   kind);
gboolean alcove_migrations_apply (AlcoveDatabase   *database,
                                  const char       *schema,
                                  AlcoveStoreKind   kind,
                                  int               version,
                                  GError          **error);

G_END_DECLS
