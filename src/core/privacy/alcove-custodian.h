/* alcove-custodian.h — the records custodian an owner names in a professional will
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-vault.h"

G_BEGIN_DECLS

/* A colleague who takes over the practice's records if the owner dies or cannot work. These
 * are a colleague's details, never a client's. `key_location` says where the printed
 * recovery key is kept, never the key itself. */
typedef struct
{
  char *name;
  char *profession;    /* profession and licence */
  char *phone;
  char *email;
  char *address;
  char *key_location;
  char *named_on;      /* YYYY-MM-DD, set when an owner saves it */
} AlcoveCustodian;

#define ALCOVE_TYPE_CUSTODIAN (alcove_custodian_get_type ())

typedef enum
{
  ALCOVE_CUSTODIAN_NOT_NAMED,
  ALCOVE_CUSTODIAN_NAMED,
  ALCOVE_CUSTODIAN_UNTRUSTED,   /* a record no owner signed, or edited after: not used */
} AlcoveCustodianState;

/* Which field a refusal is about, so a form shows it there */
typedef enum
{
  ALCOVE_CUSTODIAN_FIELD_NONE,
  ALCOVE_CUSTODIAN_FIELD_NAME,
  ALCOVE_CUSTODIAN_FIELD_PROFESSION,
  ALCOVE_CUSTODIAN_FIELD_PHONE,
  ALCOVE_CUSTODIAN_FIELD_EMAIL,
  ALCOVE_CUSTODIAN_FIELD_ADDRESS,
  ALCOVE_CUSTODIAN_FIELD_KEY_LOCATION,
} AlcoveCustodianField;

GType            alcove_custodian_get_type   (void) G_GNUC_CONST;
AlcoveCustodian *alcove_custodian_new        (void);
AlcoveCustodian *alcove_custodian_copy       (const AlcoveCustodian *custodian);
void             alcove_custodian_free       (AlcoveCustodian       *custodian);

/* Only an owner names the custodian */
gboolean         alcove_custodian_can_change (AlcoveVault           *vault);
/* The custodian an owner named and signed; NULL, with *state saying why, otherwise. A
 * record no owner signed is audited the first time this vault object meets it. */
AlcoveCustodian *alcove_custodian_load       (AlcoveVault           *vault,
                                              AlcoveCustodianState  *state);
/* Whether the fields would be accepted: a name, a phone or an email, where the recovery key
 * is kept, and nothing that looks like the recovery key itself. *field (nullable) names
 * the field a refusal is about. */
gboolean         alcove_custodian_check      (const AlcoveCustodian *custodian,
                                              AlcoveCustodianField  *field,
                                              GError               **error);
/* Checks, dates it today, signs it as the owner signed in, stores and audits it; the vault
 * then emits "changed::settings" */
gboolean         alcove_custodian_save       (AlcoveVault           *vault,
                                              const AlcoveCustodian *custodian,
                                              AlcoveCustodianField  *field,
                                              GError               **error);
/* Audits that the letter was printed (it tells where the recovery key is) */
void             alcove_custodian_letter_printed (AlcoveVault       *vault);

/* Whether `text` holds something shaped like a recovery key: three or more of its dash-joined
 * groups, or the whole key with any spacing */
gboolean         alcove_custodian_looks_like_recovery_key (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveCustodian, alcove_custodian_free)

G_END_DECLS
