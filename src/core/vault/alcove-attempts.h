/* alcove-attempts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Failed unlocks are remembered outside the vault ($XDG_STATE_HOME/alcove/attempts.json):
 * a wrong password must change no vault file, yet the next unlock audits every failure and
 * the login page's growing delay survives a restart. No PHI: vault and user ids, times. */
typedef struct
{
  char  *username;
  guint  count;
  gint64 first_ms;
  gint64 last_ms;
} AlcoveFailedAttempts;

void       alcove_attempts_record_failure (const char *vault_uuid,
                                           const char *username);
guint      alcove_attempts_get_count      (const char *vault_uuid,
                                           const char *username,
                                           gint64     *last_ms);
guint      alcove_attempts_delay_seconds  (guint       failures);
GPtrArray *alcove_attempts_take           (const char *vault_uuid);
void       alcove_failed_attempts_free    (AlcoveFailedAttempts *attempts);

G_END_DECLS
