/* alcove-jurisdiction.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-jurisdiction"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alcove-error.h"
#include "alcove-jurisdiction.h"
#include "alcove-practice-settings.h"

AlcoveJurisdiction
alcove_jurisdiction_get_choice (guint index)
{
  static const AlcoveJurisdiction choices[ALCOVE_JURISDICTION_N_CHOICES] = {
    ALCOVE_JURISDICTION_US_HIPAA, ALCOVE_JURISDICTION_AU_NDB,
  };

  g_return_val_if_fail (index < ALCOVE_JURISDICTION_N_CHOICES, ALCOVE_JURISDICTION_US_HIPAA);
  return choices[index];
}

const char *
alcove_jurisdiction_to_string (AlcoveJurisdiction jurisdiction)
{
  switch (jurisdiction)
    {
    case ALCOVE_JURISDICTION_US_HIPAA:
      return "us-hipaa";
    case ALCOVE_JURISDICTION_AU_NDB:
      return "au-ndb";
    case ALCOVE_JURISDICTION_BOTH:
    default:
      return "both";
    }
}

gboolean
alcove_jurisdiction_from_string (const char         *text,
                                 AlcoveJurisdiction *jurisdiction)
{
  if (g_strcmp0 (text, "us-hipaa") == 0)
    *jurisdiction = ALCOVE_JURISDICTION_US_HIPAA;
  else if (g_strcmp0 (text, "au-ndb") == 0)
    *jurisdiction = ALCOVE_JURISDICTION_AU_NDB;
  else if (g_strcmp0 (text, "both") == 0)
    *jurisdiction = ALCOVE_JURISDICTION_BOTH;
  else
    return FALSE;
  return TRUE;
}

const char *
alcove_jurisdiction_get_title (AlcoveJurisdiction jurisdiction)
{
  switch (jurisdiction)
    {
    case ALCOVE_JURISDICTION_US_HIPAA:
      /* Translators: a practice's privacy law; HIPAA is a US law's name, keep it */
      return _("United States (HIPAA)");
    case ALCOVE_JURISDICTION_AU_NDB:
      /* Translators: a practice's privacy law; the Act's name is its official title */
      return _("Australia (Privacy Act 1988)");
    case ALCOVE_JURISDICTION_BOTH:
    default:
      /* Translators: an incident recorded under both the US and the Australian rules */
      return _("United States and Australia");
    }
}

gboolean
alcove_jurisdiction_covers (AlcoveJurisdiction  jurisdiction,
                            const char         *data_jurisdiction)
{
  AlcoveJurisdiction tagged;

  if (data_jurisdiction == NULL)
    return TRUE;
  /* an unknown tag is wording for some other law: never shown by mistake */
  if (!alcove_jurisdiction_from_string (data_jurisdiction, &tagged))
    return FALSE;
  return (jurisdiction & tagged) != 0;
}

static gboolean
locale_is_australian (const char *locale)
{
  /* "en_AU", "en_AU.UTF-8", "en_AU@euro": the territory sits between '_' and '.' or '@' */
  const char *territory = strchr (locale, '_');

  /* strchr finds the terminating NUL too, so a bare "en_AU" counts */
  return territory != NULL && g_str_has_prefix (territory + 1, "AU") &&
         strchr (".@", territory[3]) != NULL;
}

AlcoveJurisdiction
alcove_jurisdiction_guess_from_locales (const char * const *locales)
{
  for (guint i = 0; locales != NULL && locales[i] != NULL; i++)
    if (locale_is_australian (locales[i]))
      return ALCOVE_JURISDICTION_AU_NDB;
  return ALCOVE_JURISDICTION_US_HIPAA;
}

AlcoveJurisdiction
alcove_practice_get_jurisdiction (AlcoveVault *vault)
{
  g_autofree char *text = NULL;
  AlcoveJurisdiction jurisdiction = ALCOVE_JURISDICTION_US_HIPAA;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), ALCOVE_JURISDICTION_US_HIPAA);

  text = alcove_practice_settings_dup_string (vault, ALCOVE_SETTING_JURISDICTION, NULL);
  if (text == NULL || !alcove_jurisdiction_from_string (text, &jurisdiction) ||
      jurisdiction == ALCOVE_JURISDICTION_BOTH)
    return ALCOVE_JURISDICTION_US_HIPAA;
  return jurisdiction;
}

gboolean
alcove_practice_set_jurisdiction (AlcoveVault         *vault,
                                  AlcoveJurisdiction   jurisdiction,
                                  GError             **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  if (jurisdiction != ALCOVE_JURISDICTION_US_HIPAA && jurisdiction != ALCOVE_JURISDICTION_AU_NDB)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("Choose the one country whose privacy law the practice follows"));
  return alcove_practice_settings_set_string (vault, ALCOVE_SETTING_JURISDICTION,
                                              alcove_jurisdiction_to_string (jurisdiction), error);
}
