/* alcove-disclosure-rules.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alcove-consent.h"
#include "alcove-jurisdiction.h"

G_BEGIN_DECLS

/* Basis ids (data/disclosure-bases.json holds their titles and rules) */
#define ALCOVE_BASIS_AUTHORIZATION  "authorization"
#define ALCOVE_BASIS_TREATMENT      "treatment"
#define ALCOVE_BASIS_PAYMENT        "payment"
#define ALCOVE_BASIS_OPERATIONS     "operations"
#define ALCOVE_BASIS_CLIENT_REQUEST "client-request"
#define ALCOVE_BASIS_COURT_ORDER    "court-order"
#define ALCOVE_BASIS_DUTY_TO_WARN   "duty-to-warn"
#define ALCOVE_BASIS_MANDATORY      "mandatory-report"
#define ALCOVE_BASIS_REQUIRED_BY_LAW "required-by-law"

/* One legal basis, as the data describes it */
typedef struct
{
  char     *id;
  char     *title;
  char     *explanation;
  gboolean  needs_justification;
  gboolean  needs_document;
  gboolean  accountable;                 /* listed in the 164.528 accounting */
  gboolean  allows_psychotherapy_notes;
  gboolean  psychotherapy_notes_only;    /* an exception that exists for those notes only */
  GStrv     recipients;                  /* the recipient kinds it allows; empty: any */
  GStrv     minimum_necessary;           /* the categories it may carry; empty: no limit */
  char     *attestation;                 /* what the sharer confirms, or NULL */
  char     *jurisdiction;                /* the law it is worded for; NULL: every law */
} AlcoveDisclosureBasis;

/* The list order of the data; transfer none, loaded once */
GPtrArray                   *alcove_disclosure_bases_get          (void);
/* The bases to offer a practice under `jurisdiction`, in the list order; a new array of
 * the same borrowed bases. Recorded disclosures keep theirs: look them up by id. */
GPtrArray                   *alcove_disclosure_bases_for          (AlcoveJurisdiction  jurisdiction);
const AlcoveDisclosureBasis *alcove_disclosure_basis_lookup       (const char  *basis_id);
/* Information category and purpose ids (see ids.md) in the data's order; transfer none */
const char * const          *alcove_disclosure_category_ids       (void);
const char                  *alcove_disclosure_category_get_title (const char  *category_id);
const char * const          *alcove_disclosure_purpose_ids        (void);
const char                  *alcove_disclosure_purpose_get_title  (const char  *purpose_id);
const char * const          *alcove_disclosure_recipient_kind_ids (void);
const char                  *alcove_disclosure_recipient_kind_get_title (const char *kind_id);
/* Whether an authorization names this recipient (trimmed, case-folded, normalized) */
gboolean                     alcove_disclosure_rules_names_recipient (AlcoveConsent *consent,
                                                                      const char    *recipient);

/* An authorization is a consent of kind release or psychotherapy-notes */
gboolean  alcove_disclosure_rules_is_authorization (AlcoveConsent *consent);
/* "Active until 2026-01-10", "Expired on …", "Revoked on …": for lists of authorizations */
char     *alcove_disclosure_rules_describe_status  (AlcoveConsent *consent,
                                                    GDate         *day);

/* What someone asks to disclose, and on what ground */
typedef struct
{
  const char         *client_id;
  const char         *recipient;
  const char         *recipient_kind;        /* a recipient kind id */
  gboolean            attested;              /* the sharer confirmed the basis's attestation */
  const char * const *categories;            /* NULL-terminated category ids, may be empty */
  gboolean            includes_psychotherapy_notes;
  const char         *purpose;               /* a purpose id */
  const char         *basis;                 /* a basis id */
  const char         *justification;
  const char         *document_id;
  const char         *consent_id;            /* the authorization chosen, or NULL: any */
  GDate              *day;                   /* the day of the disclosure */
} AlcoveDisclosureRequest;

/* Decides the request against the client's consents (AlcoveConsent; any order, others'
 * consents and non-authorizations are ignored). On success *covering (if asked) is the
 * authorization that covers it (a new reference), or NULL for another basis. On refusal
 * the error (ALCOVE_VAULT_ERROR_PERMISSION_DENIED, or _INVALID for an incomplete request)
 * says which authorization failed and why. Pure: no I/O, no logging. */
gboolean  alcove_disclosure_rules_check (const AlcoveDisclosureRequest  *request,
                                         GPtrArray                      *consents,
                                         AlcoveConsent                 **covering,
                                         GError                        **error);

G_END_DECLS
