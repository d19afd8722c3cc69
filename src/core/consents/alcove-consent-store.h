/* alcove-consent-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-consent.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

/* One reason a consent cannot become active. key is the template field key, the statement's
 * value key ("statement:<key>"), or one of the ALCOVE_CONSENT_PROBLEM_* keys below, so an
 * editor can show the message next to the row it is about. */
typedef struct
{
  char *key;
  char *message;
} AlcoveConsentProblem;

#define ALCOVE_CONSENT_PROBLEM_SIGNER    "signer"
#define ALCOVE_CONSENT_PROBLEM_AUTHORITY "signer_authority"
#define ALCOVE_CONSENT_PROBLEM_SIGNED_ON "signed_on"
#define ALCOVE_CONSENT_PROBLEM_VALID     "valid_from"
#define ALCOVE_CONSENT_PROBLEM_EXPIRY    "expires_on"
#define ALCOVE_CONSENT_PROBLEM_DOCUMENT  "document"
#define ALCOVE_CONSENT_PROBLEM_KIND      "kind"

#define ALCOVE_TYPE_CONSENT_STORE (alcove_consent_store_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveConsentStore, alcove_consent_store, ALCOVE, CONSENT_STORE, GObject)

AlcoveConsentStore *alcove_consent_store_new            (AlcoveVault         *vault,
                                                         GError             **error);
AlcoveVault        *alcove_consent_store_get_vault      (AlcoveConsentStore  *self);
void                alcove_consent_store_record_print   (AlcoveConsentStore  *self,
                                                         AlcoveConsent       *consent);
gboolean            alcove_consent_store_can_read_values (AlcoveConsentStore *self);
gboolean            alcove_consent_store_can_edit       (AlcoveConsentStore  *self);
GPtrArray          *alcove_consent_store_list_for_client (AlcoveConsentStore *self,
                                                          const char         *client_id,
                                                          GError            **error);
GPtrArray          *alcove_consent_store_list_all       (AlcoveConsentStore  *self,
                                                         GError             **error);
GPtrArray          *alcove_consent_store_list_expiring  (AlcoveConsentStore  *self,
                                                         GDate               *day,
                                                         guint                days,
                                                         GError             **error);
AlcoveConsent      *alcove_consent_store_get            (AlcoveConsentStore  *self,
                                                         const char          *consent_id,
                                                         GError             **error);
gboolean            alcove_consent_store_save           (AlcoveConsentStore  *self,
                                                         AlcoveConsent       *consent,
                                                         GError             **error);
GPtrArray          *alcove_consent_store_check          (AlcoveConsentStore  *self,
                                                         AlcoveConsent       *consent);
gboolean            alcove_consent_store_validate       (AlcoveConsentStore  *self,
                                                         AlcoveConsent       *consent,
                                                         GError             **error);
gboolean            alcove_consent_store_activate       (AlcoveConsentStore  *self,
                                                         AlcoveConsent       *consent,
                                                         GError             **error);
gboolean            alcove_consent_store_revoke         (AlcoveConsentStore  *self,
                                                         AlcoveConsent       *consent,
                                                         const char          *revoked_on,
                                                         const char          *means,
                                                         GError             **error);
gboolean            alcove_consent_store_delete_draft   (AlcoveConsentStore  *self,
                                                         AlcoveConsent       *consent,
                                                         GError             **error);
gboolean            alcove_consent_store_has_current_intake
                                                        (AlcoveConsentStore  *self,
                                                         const char          *client_id,
                                                         GDate               *day);
guint               alcove_consent_store_count_clients_without_intake
                                                        (AlcoveConsentStore  *self,
                                                         GDate               *day,
                                                         guint               *n_active_clients);
GPtrArray          *alcove_consent_store_list_clients_without_intake
                                                        (AlcoveConsentStore  *self,
                                                         GDate               *day,
                                                         GError             **error);

const char         *alcove_consent_signer_to_string     (AlcoveConsentSigner   signer);
const char         *alcove_consent_capture_to_string    (AlcoveConsentCapture  capture);

G_END_DECLS
