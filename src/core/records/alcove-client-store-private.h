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
void     alcove_client_store_publish     (AlcoveClientStore *self,
                                          AlcoveClient      *client);
void     alcove_client_store_publish_new (AlcoveClientStore *self,
                                          GPtrArray         *clients);
/* The checks a save makes; it may fill in the discharge date */
gboolean alcove_client_store_validate    (AlcoveClientStore  *self,
                                          AlcoveClient       *client,
                                          GError            **error);
/* Writes a client with an id and not yet in the vault, and its audit row, in the caller's
 * transaction; publish it once that commits */
gboolean alcove_client_store_insert_new  (AlcoveDatabase     *database,
                                          AlcoveAudit        *audit,
                                          AlcoveClient       *client,
                                          GError            **error);

G_END_DECLS
