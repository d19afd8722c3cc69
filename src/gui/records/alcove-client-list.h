/* alcove-client-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-client-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_CLIENT_LIST (alcove_client_list_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveClientList, alcove_client_list, ALCOVE, CLIENT_LIST, AdwBin)

AlcoveClientList *alcove_client_list_new        (AlcoveClientStore *store);
GListModel       *alcove_client_list_get_model  (AlcoveClientList  *self);

G_END_DECLS
