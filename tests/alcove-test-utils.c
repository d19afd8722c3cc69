/* alcove-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-test"

#include "config.h"

#include <glib/gstdio.h>

#include "alcove-hardening.h"
#include "alcove-test-utils.h"

void
alcove_test_init (int    *argc,
                  char ***argv)
{
  alcove_harden_process ();
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

void
alcove_test_init_gui (int    *argc,
                      char ***argv)
{
  g_autofree char *base = g_dir_make_tmp ("alcove-gui-test-XXXXXX", NULL);
  const char *vars[][2] = { { "HOME", "home" }, { "XDG_DATA_HOME", "data" },
                            { "XDG_CONFIG_HOME", "config" }, { "XDG_CACHE_HOME", "cache" },
                            { "XDG_STATE_HOME", "state" } };

  g_assert_nonnull (base);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (base, vars[i][1], NULL);
      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i][0], dir, TRUE);
    }
  alcove_harden_process ();
  g_test_init (argc, argv, NULL);
}

const AlcoveKdfParams *
alcove_test_fast_kdf (void)
{
  static const AlcoveKdfParams fast = { 1, 64, 1 };
  return &fast;
}

AlcoveSecret *
alcove_test_secret (const char *text)
{
  return alcove_secret_new_from_data (text, strlen (text));
}

char *
alcove_test_vault_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "alcove", "vault", NULL);
}

AlcoveVault *
alcove_test_create_vault (const char  *dir,
                          char       **recovery_code)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_PASSWORD);
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveVaultSetup setup = { "Harbor Counseling", "dana", "Dana Whitfield", password,
                             alcove_test_fast_kdf () };

  g_assert_true (alcove_vault_create (vault, &setup, &code, &error));
  g_assert_no_error (error);
  g_assert_nonnull (code);
  if (recovery_code != NULL)
    *recovery_code = g_strndup ((const char *) alcove_secret_get_data (code),
                                alcove_secret_get_size (code));
  return g_steal_pointer (&vault);
}

AlcoveVault *
alcove_test_unlocked_vault (const char *dir,
                            const char *username,
                            const char *password)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (password);
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_unlock_with_password (vault, username, secret, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&vault);
}

GHashTable *
alcove_test_snapshot (const char *dir)
{
  GHashTable *snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf buf;

      g_assert_cmpint (g_stat (path, &buf), ==, 0);
      g_hash_table_insert (snapshot, g_strdup (name),
                           g_strdup_printf ("%" G_GINT64_FORMAT ":%ld.%09ld",
                                            (gint64) buf.st_size, (long) buf.st_mtim.tv_sec,
                                            (long) buf.st_mtim.tv_nsec));
    }
  return snapshot;
}

void
alcove_test_assert_same_snapshot (GHashTable *before,
                                  GHashTable *after)
{
  GHashTableIter iter;
  gpointer name, state;

  g_assert_cmpuint (g_hash_table_size (before), ==, g_hash_table_size (after));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &name, &state))
    g_assert_cmpstr (g_hash_table_lookup (after, name), ==, state);
}

gboolean
alcove_test_file_contains (const char *path,
                           const void *needle,
                           gsize       needle_size)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return memmem (contents, length, needle, needle_size) != NULL;
}
