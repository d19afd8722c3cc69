/* alcove-disclosure-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "alcove-disclosure.h"
#include "alcove-disclosure-rules.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_DISCLOSURE_STORE (alcove_disclosure_store_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveDisclosureStore, alcove_disclosure_store, ALCOVE, DISCLOSURE_STORE,
                      GObject)

/* How far back an accounting of disclosures reaches (45 CFR 164.528(a)) */
#define ALCOVE_ACCOUNTING_YEARS 6

AlcoveDisclosureStore *alcove_disclosure_store_new             (AlcoveVault            *vault,
                                                                GError                **error);
gboolean               alcove_disclosure_store_can_record      (AlcoveDisclosureStore  *self);
AlcoveDisclosure      *alcove_disclosure_store_share           (AlcoveDisclosureStore  *self,
                                                                const AlcoveDisclosureRequest *request,
                                                                const char             *address,
                                                                const char             *description,
                                                                GError                **error);
/* The same for a disclosure sent as an encrypted package (alcove-package.h): package_sha256
 * is the package file's SHA-256 in hex, and delivery how its key travelled, one of
 * ALCOVE_DELIVERY_PHONE, _IN_PERSON, _OTHER (the passphrase, given apart from the file) or
 * ALCOVE_DELIVERY_SEALED followed by the recipient key's fingerprint (alcove-disclosure.h).
 * Never the passphrase. */
AlcoveDisclosure      *alcove_disclosure_store_share_package   (AlcoveDisclosureStore  *self,
                                                                const AlcoveDisclosureRequest *request,
                                                                const char             *address,
                                                                const char             *description,
                                                                const char             *package_sha256,
                                                                const char             *delivery,
                                                                GError                **error);
GPtrArray             *alcove_disclosure_store_list_for_client (AlcoveDisclosureStore  *self,
                                                                const char             *client_id,
                                                                GError                **error);
GPtrArray             *alcove_disclosure_store_accounting      (AlcoveDisclosureStore  *self,
                                                                const char             *client_id,
                                                                GDate                  *day,
                                                                GError                **error);
void                   alcove_disclosure_store_record_print    (AlcoveDisclosureStore  *self,
                                                                const char             *client_id,
                                                                gboolean                full_log);

G_END_DECLS
