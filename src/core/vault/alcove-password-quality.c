/* alcove-password-quality.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-password-quality"

#include "config.h"

#include <glib/gi18n.h>
#include <pwquality.h>

#include "alcove-error.h"
#include "alcove-password-quality.h"

#define MIN_LENGTH 10

gboolean
alcove_password_quality_check (const AlcoveSecret  *password,
                               const char          *username,
                               int                 *score,
                               GError             **error)
{
  pwquality_settings_t *settings = pwquality_default_settings ();
  g_autoptr(AlcoveSecret) text = NULL;
  void *auxerror = NULL;
  char buffer[PWQ_MAX_ERROR_MESSAGE_LEN];
  int result;

  /* A vault password guards clinical records: ask for more than the system's minimum. */
  pwquality_set_int_value (settings, PWQ_SETTING_MIN_LENGTH, MIN_LENGTH);
  pwquality_read_config (settings, NULL, NULL);
  if (pwquality_get_int_value (settings, PWQ_SETTING_MIN_LENGTH, &result) == 0 && result < MIN_LENGTH)
    pwquality_set_int_value (settings, PWQ_SETTING_MIN_LENGTH, MIN_LENGTH);

  /* NUL-terminated copy inside locked memory */
  text = alcove_secret_new (alcove_secret_get_size (password) + 1);
  memcpy (alcove_secret_get_data (text), alcove_secret_get_data (password),
          alcove_secret_get_size (password));

  result = pwquality_check (settings, (const char *) alcove_secret_get_data (text), NULL,
                            username, &auxerror);
  if (result < 0)
    {
      const char *reason = pwquality_strerror (buffer, sizeof buffer, result, auxerror);

      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_WEAK_PASSWORD,
                   _("That password is too easy to guess: %s. Choose a longer one, such as "
                     "several unrelated words."), reason);
      pwquality_free_settings (settings);
      return FALSE;
    }
  if (score != NULL)
    *score = result;
  pwquality_free_settings (settings);
  return TRUE;
}
