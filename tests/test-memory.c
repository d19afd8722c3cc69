/* test-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-memory"

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* Each key is kept only XOR-masked, so this test holds no plain copy of what it hunts. */
typedef struct
{
  char   *name;
  guint8  masked[ALCOVE_KEY_SIZE];
  guint8  mask[ALCOVE_KEY_SIZE];
} MaskedKey;

static void
capture_key_cb (const char         *name,
                const AlcoveSecret *key,
                gpointer            user_data)
{
  GPtrArray *keys = user_data;
  MaskedKey *masked = g_new0 (MaskedKey, 1);
  const guint8 *data = alcove_secret_get_data (key);

  g_assert_cmpuint (alcove_secret_get_size (key), ==, ALCOVE_KEY_SIZE);
  masked->name = g_strdup (name);
  for (guint i = 0; i < ALCOVE_KEY_SIZE; i++)
    {
      masked->mask[i] = (guint8) g_test_rand_int_range (1, 256);
      masked->masked[i] = data[i] ^ masked->mask[i];
    }
  g_ptr_array_add (keys, masked);
}

static void
masked_key_free (MaskedKey *key)
{
  g_free (key->name);
  g_free (key);
}

static gboolean
matches_at (const guint8    *window,
            const MaskedKey *key)
{
  for (guint i = 0; i < ALCOVE_KEY_SIZE; i++)
    if ((window[i] ^ key->mask[i]) != key->masked[i])
      return FALSE;
  return TRUE;
}

/* Reads every readable mapping of this process through /proc/self/mem, in chunks, into a
 * buffer that is itself skipped. Returns how many bytes were scanned. */
static gsize
scan_memory (GPtrArray *keys,
             GPtrArray *found)
{
  const gsize chunk = 1 << 20;
  guint8 *buffer = mmap (NULL, chunk + ALCOVE_KEY_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  int mem = open ("/proc/self/mem", O_RDONLY);
  gsize scanned = 0;

  g_assert_true (buffer != MAP_FAILED);
  g_assert_cmpint (mem, >=, 0);
  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);

  for (guint l = 0; lines[l] && *lines[l]; l++)
    {
      guint64 start, end;
      char perms[5] = { 0 };

      if (sscanf (lines[l], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %4s",
                  &start, &end, perms) != 3 || perms[0] != 'r' ||
          strstr (lines[l], "[vvar]") || strstr (lines[l], "[vsyscall]") ||
          start == (guint64) (guintptr) buffer)
        continue;

      for (guint64 at = start; at < end; at += chunk)
        {
          gsize want = (gsize) MIN (chunk + ALCOVE_KEY_SIZE - 1, end - at);
          ssize_t got = pread (mem, buffer, want, (off_t) at);

          if (got < ALCOVE_KEY_SIZE)
            continue;
          scanned += (gsize) got;
          for (gsize i = 0; i + ALCOVE_KEY_SIZE <= (gsize) got; i++)
            for (guint k = 0; k < keys->len; k++)
              if (matches_at (buffer + i, g_ptr_array_index (keys, k)))
                g_ptr_array_add (found, g_strdup_printf ("%s at %#" G_GINT64_MODIFIER "x (%s)",
                                                         ((MaskedKey *) g_ptr_array_index (keys, k))->name,
                                                         at + i, lines[l]));
        }
    }
  close (mem);
  memset (buffer, 0, chunk + ALCOVE_KEY_SIZE);
  munmap (buffer, chunk + ALCOVE_KEY_SIZE);
  return scanned;
}

static void
test_no_keys_after_lock (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) masked_key_free);
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
  scanned = scan_memory (keys, found);
  g_test_message ("unlocked: %u hits in %" G_GSIZE_FORMAT " bytes", found->len, scanned);
  for (guint k = 0; k < keys->len; k++)
    {
      gboolean seen = FALSE;
      for (guint f = 0; f < found->len; f++)
        seen |= g_str_has_prefix (g_ptr_array_index (found, f),
                                  ((MaskedKey *) g_ptr_array_index (keys, k))->name);
      g_assert_true (seen);
    }

  alcove_vault_lock (vault);
  g_ptr_array_set_size (found, 0);
  scanned = scan_memory (keys, found);
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
