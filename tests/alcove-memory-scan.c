/* alcove-memory-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-memory-scan"

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "alcove-memory-scan.h"

#define SOURCE_MASK 0x5a

struct _AlcoveNeedle
{
  char   *name;
  guint8 *masked;
  guint8 *mask;
  gsize   length;
};

AlcoveNeedle *
alcove_needle_new (const char   *name,
                   const guint8 *data,
                   gsize         length)
{
  AlcoveNeedle *needle = g_new0 (AlcoveNeedle, 1);

  g_assert_cmpuint (length, >=, 8);
  needle->name = g_strdup (name);
  needle->length = length;
  needle->masked = g_malloc (length);
  needle->mask = g_malloc (length);
  for (gsize i = 0; i < length; i++)
    {
      needle->mask[i] = (guint8) g_random_int_range (1, 256);
      needle->masked[i] = data[i] ^ needle->mask[i];
    }
  return needle;
}

AlcoveNeedle *
alcove_needle_new_masked (const char *name,
                          const char *masked)
{
  gsize length = strlen (masked);
  AlcoveNeedle *needle = g_new0 (AlcoveNeedle, 1);

  g_assert_cmpuint (length, >=, 8);  /* a masked NUL would end it early */
  needle->name = g_strdup (name);
  needle->length = length;
  needle->masked = g_malloc (length);
  needle->mask = g_malloc (length);
  for (gsize i = 0; i < length; i++)
    {
      needle->mask[i] = SOURCE_MASK;
      needle->masked[i] = (guint8) masked[i];
    }
  return needle;
}

char *
alcove_needle_dup_plain (const AlcoveNeedle *needle)
{
  char *plain = g_malloc (needle->length + 1);

  for (gsize i = 0; i < needle->length; i++)
    plain[i] = (char) (needle->masked[i] ^ needle->mask[i]);
  plain[needle->length] = '\0';
  return plain;
}

void
alcove_needle_wipe_plain (char *plain)
{
  if (plain == NULL)
    return;
  memset (plain, 0, strlen (plain));
  g_free (plain);
}

const char *
alcove_needle_get_name (const AlcoveNeedle *needle)
{
  return needle->name;
}

void
alcove_needle_free (AlcoveNeedle *needle)
{
  g_free (needle->name);
  g_free (needle->masked);
  g_free (needle->mask);
  g_free (needle);
}

static gboolean
matches_at (const guint8       *window,
            const AlcoveNeedle *needle)
{
  for (gsize i = 0; i < needle->length; i++)
    if ((window[i] ^ needle->mask[i]) != needle->masked[i])
      return FALSE;
  return TRUE;
}

static gsize
longest (GPtrArray *needles)
{
  gsize length = 0;

  for (guint n = 0; n < needles->len; n++)
    length = MAX (length, ((AlcoveNeedle *) g_ptr_array_index (needles, n))->length);
  return length;
}

static void
scan_buffer (const guint8 *buffer,
             gsize         got,
             guint64       at,
             GPtrArray    *needles,
             const char   *mapping,
             GPtrArray    *found)
{
  for (gsize i = 0; i < got; i++)
    for (guint n = 0; n < needles->len; n++)
      {
        AlcoveNeedle *needle = g_ptr_array_index (needles, n);

        if (i + needle->length <= got && matches_at (buffer + i, needle))
          g_ptr_array_add (found, g_strdup_printf ("%s at %#" G_GINT64_MODIFIER "x (%s)",
                                                   needle->name, at + i, mapping));
      }
}

/* Whether any page of [at, at + length) is in memory: reading a page that is not would
 * bring it in, and a GUI process reserves gigabytes it never touches */
static gboolean
any_resident (guint64 at,
              gsize   length)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize pages = (length + page - 1) / page;
  g_autofree unsigned char *vector = g_malloc (pages);

  if (mincore ((void *) (guintptr) at, length, vector) != 0)
    return FALSE;
  for (gsize p = 0; p < pages; p++)
    if (vector[p] & 1)
      return TRUE;
  return FALSE;
}

/* Each mapping in chunks, overlapping by the longest needle, into a buffer that is itself
 * skipped; chunks of which no page is resident are not read */
gsize
alcove_test_scan_memory (GPtrArray *needles,
                         GPtrArray *found)
{
  const gsize chunk = 1 << 20;
  gsize overlap = longest (needles);
  guint8 *buffer = mmap (NULL, chunk + overlap, PROT_READ | PROT_WRITE,
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
          gsize want = (gsize) MIN (chunk + overlap - 1, end - at);
          ssize_t got;

          if (!any_resident (at, (gsize) MIN (chunk, end - at)))
            continue;
          got = pread (mem, buffer, want, (off_t) at);
          if (got <= 0)
            continue;
          scanned += (gsize) got;
          scan_buffer (buffer, (gsize) got, at, needles, lines[l], found);
        }
    }
  close (mem);
  memset (buffer, 0, chunk + overlap);
  munmap (buffer, chunk + overlap);
  return scanned;
}

guint
alcove_test_count_found (GPtrArray          *found,
                         const AlcoveNeedle *needle)
{
  g_autofree char *prefix = g_strconcat (needle->name, " at ", NULL);
  guint count = 0;

  for (guint f = 0; f < found->len; f++)
    count += g_str_has_prefix (g_ptr_array_index (found, f), prefix);
  return count;
}
