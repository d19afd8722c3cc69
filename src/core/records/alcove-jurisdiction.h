/* alcove-jurisdiction.h — the privacy law a practice works under, which picks the wording of
 * the data files (breach rules, consent templates, disclosure bases)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-vault.h"

G_BEGIN_DECLS

/* Flags, so an incident recorded before the practice setting existed may name both */
typedef enum
{
  ALCOVE_JURISDICTION_US_HIPAA = 1 << 0,
  ALCOVE_JURISDICTION_AU_NDB   = 1 << 1,
  ALCOVE_JURISDICTION_BOTH     = ALCOVE_JURISDICTION_US_HIPAA | ALCOVE_JURISDICTION_AU_NDB,
} AlcoveJurisdiction;

/* The practice setting (text: "us-hipaa" or "au-ndb") */
#define ALCOVE_SETTING_JURISDICTION "jurisdiction"

/* The laws a practice may choose, in the order to offer them */
#define ALCOVE_JURISDICTION_N_CHOICES 2
AlcoveJurisdiction  alcove_jurisdiction_get_choice     (guint               index);

/* "us-hipaa", "au-ndb", "both" */
const char         *alcove_jurisdiction_to_string      (AlcoveJurisdiction  jurisdiction);
gboolean            alcove_jurisdiction_from_string    (const char         *text,
                                                        AlcoveJurisdiction *jurisdiction);
/* Translated, for people: "United States (HIPAA)" */
const char         *alcove_jurisdiction_get_title      (AlcoveJurisdiction  jurisdiction);
/* Whether a data entry tagged `data_jurisdiction` ("us-hipaa", "au-ndb", or NULL for wording
 * that holds everywhere) is for a practice under `jurisdiction` */
gboolean            alcove_jurisdiction_covers         (AlcoveJurisdiction  jurisdiction,
                                                        const char         *data_jurisdiction);
/* A first guess for a new practice from locale names such as g_get_language_names ():
 * Australia for an _AU locale, the United States otherwise */
AlcoveJurisdiction  alcove_jurisdiction_guess_from_locales (const char * const *locales);

/* The practice's jurisdiction: the owner's signed setting, or the United States when unset,
 * since Alcove was HIPAA-only before the setting existed */
AlcoveJurisdiction  alcove_practice_get_jurisdiction   (AlcoveVault        *vault);
/* Owner only; audited as a settings change. `jurisdiction` is one country, not both. */
gboolean            alcove_practice_set_jurisdiction   (AlcoveVault        *vault,
                                                        AlcoveJurisdiction  jurisdiction,
                                                        GError            **error);

G_END_DECLS
