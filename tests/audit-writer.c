/* audit-writer.c — a child for the crash-safety test: appends audit rows and reports each
 * sequence number on stdout after its commit returned, until it is killed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "audit-writer"

#include "config.h"

#include <stdio.h>

#include "alcove-hardening.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(AlcoveVault) vault = NULL;
  g_autoptr(AlcoveSecret) password = NULL;
  g_autoptr(GError) error = NULL;

  alcove_harden_process ();
  if (argc != 2)
    return 1;
  vault = alcove_vault_new (argv[1]);
  password = alcove_test_secret (TEST_PASSWORD);
  if (!alcove_vault_unlock_with_password (vault, "dana", password, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  for (;;)
    {
      gint64 seq;

      if (!alcove_audit_append (alcove_vault_get_audit (vault), "test.event", "", NULL,
                                &seq, &error))
        {
          g_printerr ("%s\n", error->message);
          return 3;
        }
      printf ("%" G_GINT64_FORMAT "\n", seq);
      fflush (stdout);
    }
}
