/* test-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-memory"

#include "config.h"


#include "alcove-memory-scan.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

static void
capture_key_cb (const char         *name,
                const AlcoveSecret *key,
                gpointer            user_data)
{
  g_ptr_array_add (user_data, alcove_needle_new (name, alcove_secret_get_data (key),
                                                 alcove_secret_get_size (key)));
}

static void
test_no_keys_after_lock (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_needle_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gsize scanned;

  /* Real work first, so SQLCipher, GnuTLS and SQLite have used the keys everywhere. */
  g_assert_true (alcove_database_exec (alcove_vault_get_database (vault),
                                       "INSERT INTO meta VALUES ('k', 'v')", &error));
  g_assert_true (alcove_audit_append (alcove_vault_get_audit (vault), "test.event", "",
                                      NULL, NULL, &error));
  g_assert_no_error (error);

  alcove_vault_foreach_key (vault, capture_key_cb, keys);
  g_assert_cmpuint (keys->len, ==, 5);  /* practice, notes, private, authority, user key */

  /* the scanner works: while unlocked it finds every key */
  scanned = alcove_test_scan_memory (keys, found);
  g_test_message ("unlocked: %u hits in %" G_GSIZE_FORMAT " bytes", found->len, scanned);
  for (guint k = 0; k < keys->len; k++)
    g_assert_cmpuint (alcove_test_count_found (found, g_ptr_array_index (keys, k)), >, 0);

  alcove_vault_lock (vault);
  g_ptr_array_set_size (found, 0);
  scanned = alcove_test_scan_memory (keys, found);
  g_test_message ("locked: scanned %" G_GSIZE_FORMAT " bytes", scanned);
  for (guint f = 0; f < found->len; f++)
    g_test_message ("still in memory: %s", (char *) g_ptr_array_index (found, f));
  g_assert_cmpuint (scanned, >, 1 << 20);
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/memory/no-keys-after-lock", test_no_keys_after_lock);

  return g_test_run ();
}
