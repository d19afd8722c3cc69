/* alcove-disclosure.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What an entry of the disclosure log says. The log is append-only: an entry is a fact
 * about the past, with the fields 45 CFR 164.528 asks of an accounting. */
typedef enum
{
  ALCOVE_DISCLOSURE_CLIENT_ID,
  ALCOVE_DISCLOSURE_DAY,                /* YYYY-MM-DD, the day it was disclosed */
  ALCOVE_DISCLOSURE_RECIPIENT,          /* name of the person or body */
  ALCOVE_DISCLOSURE_RECIPIENT_ADDRESS,  /* "" when not known */
  ALCOVE_DISCLOSURE_DESCRIPTION,        /* a brief description of what was disclosed */
  ALCOVE_DISCLOSURE_PURPOSE,            /* a purpose id (see alcove-disclosure-rules.h) */
  ALCOVE_DISCLOSURE_BASIS,              /* a basis id */
  ALCOVE_DISCLOSURE_CONSENT_ID,         /* the covering authorization, or "" */
  ALCOVE_DISCLOSURE_JUSTIFICATION,      /* why a legal basis applies, or "" */
  ALCOVE_DISCLOSURE_DOCUMENT_ID,        /* e.g. the court order, or "" */
  ALCOVE_DISCLOSURE_BY,                 /* user uuid who disclosed */
  ALCOVE_DISCLOSURE_PACKAGE_SHA256,     /* an encrypted package's SHA-256 (hex), or "" */
  ALCOVE_DISCLOSURE_DELIVERY,           /* how its key travelled (alcove-disclosure-store.h) */
  ALCOVE_DISCLOSURE_N_FIELDS
} AlcoveDisclosureField;

/* How an encrypted package's key travelled (ALCOVE_DISCLOSURE_DELIVERY): the passphrase
 * given by phone, in person or another way, or sealed: and the recipient key's fingerprint */
#define ALCOVE_DELIVERY_PHONE     "phone"
#define ALCOVE_DELIVERY_IN_PERSON "in-person"
#define ALCOVE_DELIVERY_OTHER     "other"
#define ALCOVE_DELIVERY_SEALED    "sealed:"

#define ALCOVE_TYPE_DISCLOSURE (alcove_disclosure_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveDisclosure, alcove_disclosure, ALCOVE, DISCLOSURE, GObject)

AlcoveDisclosure *alcove_disclosure_new               (const char            *client_id);
const char       *alcove_disclosure_get_id            (AlcoveDisclosure      *self);
void              alcove_disclosure_set_id            (AlcoveDisclosure      *self,
                                                       const char            *id);
const char       *alcove_disclosure_get_field         (AlcoveDisclosure      *self,
                                                       AlcoveDisclosureField  field);
void              alcove_disclosure_set_field         (AlcoveDisclosure      *self,
                                                       AlcoveDisclosureField  field,
                                                       const char            *value);
gboolean          alcove_disclosure_get_psychotherapy (AlcoveDisclosure      *self);
void              alcove_disclosure_set_psychotherapy (AlcoveDisclosure      *self,
                                                       gboolean               psychotherapy);
gboolean          alcove_disclosure_get_accountable   (AlcoveDisclosure      *self);
void              alcove_disclosure_set_accountable   (AlcoveDisclosure      *self,
                                                       gboolean               accountable);
gint64            alcove_disclosure_get_at_ms         (AlcoveDisclosure      *self);
void              alcove_disclosure_set_at_ms         (AlcoveDisclosure      *self,
                                                       gint64                 at_ms);
char             *alcove_disclosure_dup_statement     (AlcoveDisclosure      *self);
/* How an encrypted package was sent ("Sent as an encrypted package; the passphrase given by
 * phone. SHA-256 …"), or NULL for a printout or a PDF */
char             *alcove_disclosure_dup_package_text  (AlcoveDisclosure      *self);

G_END_DECLS
