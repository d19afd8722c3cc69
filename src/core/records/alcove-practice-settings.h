/* alcove-practice-settings.h — settings the practice's owners choose, kept in practice.db
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-vault.h"

G_BEGIN_DECLS

/* Days between treatment plan reviews */
#define ALCOVE_SETTING_PLAN_REVIEW_DAYS "plan-review-days"

/* Only an owner changes a setting */
gboolean alcove_practice_settings_can_change (AlcoveVault  *vault);
/* The value an owner set, if it is signed by an account that is an owner and lies in
 * [min, max]; `fallback` otherwise (unset, or changed by someone else) */
int      alcove_practice_settings_get_int    (AlcoveVault  *vault,
                                              const char   *key,
                                              int           fallback,
                                              int           min,
                                              int           max);
/* Signs the value as the owner signed in, stores it and audits the change; the vault then
 * emits "changed::settings" */
gboolean alcove_practice_settings_set_int    (AlcoveVault  *vault,
                                              const char   *key,
                                              int           value,
                                              int           min,
                                              int           max,
                                              GError      **error);
/* Text an owner set and signed, to free; NULL when unset. A row that no owner signed, or
 * that was edited after, is not used: NULL, and *rejected (nullable) is TRUE */
char    *alcove_practice_settings_dup_string (AlcoveVault  *vault,
                                              const char   *key,
                                              gboolean     *rejected);
/* The same as _set_int for text; the audit row names the key, never the text */
gboolean alcove_practice_settings_set_string (AlcoveVault  *vault,
                                              const char   *key,
                                              const char   *value,
                                              GError      **error);

/* Rows of practice.db that every account could write prove their author by an Ed25519
 * signature (settings, the practice's note formats). The signed-in person's signature of
 * `message` under `context`, in base64; NULL with an error when their key is not open. */
char    *alcove_practice_sign                (AlcoveVault  *vault,
                                              const char   *context,
                                              const char   *message,
                                              GError      **error);
/* Whether `signature_b64` is the signature of `message` under `context` by the account
 * `signer_uuid` lists in vault.keys; *role is that account's role */
gboolean alcove_practice_signed_by           (AlcoveVault  *vault,
                                              const char   *signer_uuid,
                                              const char   *context,
                                              const char   *message,
                                              const char   *signature_b64,
                                              AlcoveRole   *role);

G_END_DECLS
