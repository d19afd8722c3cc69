/* alcove-client-store-private.h — shared between the client store and its sessions part
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-client-store.h"
#include "alcove-vault-private.h"

G_BEGIN_DECLS

struct _AlcoveClientStore
{
  GObject      parent_instance;

  AlcoveVault *vault;
  GListStore  *clients;
  GHashTable  *by_id;  /* id → AlcoveClient, owned by the list */
};

/* A column's text, "" for NULL */
static inline const char *
alcove_row_text (sqlite3_stmt *stmt,
                 int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* alcove-client-store.c */
void alcove_client_store_publish (AlcoveClientStore *self,
                                  AlcoveClient      *client);

G_END_DECLS
