/* alcove-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-error"

#include "config.h"

#include "alcove-error.h"

G_DEFINE_QUARK (alcove-vault-error-quark, alcove_vault_error)

gboolean
alcove_error_invalid (GError     **error,
                      const char  *message)
{
  return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID, message);
}

gboolean
alcove_error_fail (GError           **error,
                   AlcoveVaultError   code,
                   const char        *message)
{
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, code, message);
  return FALSE;
}

gboolean
alcove_error_failf (GError           **error,
                    AlcoveVaultError   code,
                    const char        *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  /* propagating, like g_set_error: a NULL `error` is fine, an error already set warns */
  g_propagate_error (error, g_error_new_valist (ALCOVE_VAULT_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}
