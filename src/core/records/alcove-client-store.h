/* alcove-client-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-client.h"
#include "alcove-session.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_CLIENT_STORE (alcove_client_store_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveClientStore, alcove_client_store, ALCOVE, CLIENT_STORE, GObject)

AlcoveClientStore *alcove_client_store_new            (AlcoveVault        *vault,
                                                       GError            **error);
AlcoveVault       *alcove_client_store_get_vault      (AlcoveClientStore  *self);
GListModel        *alcove_client_store_get_clients    (AlcoveClientStore  *self);
AlcoveClient      *alcove_client_store_lookup         (AlcoveClientStore  *self,
                                                       const char         *client_id);
gboolean           alcove_client_store_can_edit       (AlcoveClientStore  *self);
gboolean           alcove_client_store_save           (AlcoveClientStore  *self,
                                                       AlcoveClient       *client,
                                                       GError            **error);
void               alcove_client_store_record_view    (AlcoveClientStore  *self,
                                                       AlcoveClient       *client);
void               alcove_client_store_forget         (AlcoveClientStore  *self,
                                                       const char         *client_id);
GPtrArray         *alcove_client_store_dup_records_of (AlcoveClientStore  *self,
                                                       const char         *member_id);
GListModel        *alcove_client_store_list_sessions  (AlcoveClientStore  *self,
                                                       const char         *client_id,
                                                       GError            **error);
AlcoveSession     *alcove_client_store_get_session    (AlcoveClientStore  *self,
                                                       const char         *session_id,
                                                       GError            **error);
gboolean           alcove_client_store_save_session   (AlcoveClientStore  *self,
                                                       AlcoveSession      *session,
                                                       GError            **error);
gboolean           alcove_client_store_delete_session (AlcoveClientStore  *self,
                                                       const char         *session_id,
                                                       GError            **error);
GListModel        *alcove_client_store_list_open_sessions (AlcoveClientStore *self,
                                                           const char        *client_id,
                                                           GError           **error);
GListModel        *alcove_client_store_list_attended  (AlcoveClientStore  *self,
                                                       const char         *client_id,
                                                       const char         *from,
                                                       const char         *to,
                                                       GError            **error);
void               alcove_client_store_emit_sessions_changed (AlcoveClientStore *self,
                                                              const char        *client_id);

G_END_DECLS
