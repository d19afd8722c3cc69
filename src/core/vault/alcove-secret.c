/* alcove-secret.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-secret"

#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <sys/mman.h>
#include <unistd.h>

#include "alcove-secret.h"

struct _AlcoveSecret
{
  guint8 *data;
  gsize   size;      /* bytes in use */
  gsize   capacity;  /* bytes usable */
  gsize   mapped;    /* whole pages mapped */
};

static gsize
page_rounded (gsize size)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);

  return ((MAX (size, 1) + page - 1) / page) * page;
}

AlcoveSecret *
alcove_secret_new (gsize size)
{
  AlcoveSecret *secret = g_new0 (AlcoveSecret, 1);
  void *pages;

  secret->mapped = page_rounded (size);
  pages = mmap (NULL, secret->mapped, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (pages == MAP_FAILED)
    g_error ("Out of memory for key material");

  /* Not fatal: an unprivileged user may have a small RLIMIT_MEMLOCK. The pages are still
   * wiped on free and kept out of core dumps. */
  if (mlock (pages, secret->mapped) != 0)
    g_debug ("mlock failed; key material may be swapped");
  madvise (pages, secret->mapped, MADV_DONTDUMP);

  secret->data = pages;
  secret->size = size;
  secret->capacity = secret->mapped;
  return secret;
}

AlcoveSecret *
alcove_secret_new_random (gsize size)
{
  AlcoveSecret *secret = alcove_secret_new (size);

  if (gnutls_rnd (GNUTLS_RND_KEY, secret->data, size) != 0)
    g_error ("The system random number generator failed");
  return secret;
}

AlcoveSecret *
alcove_secret_new_from_data (const void *data,
                             gsize       size)
{
  AlcoveSecret *secret = alcove_secret_new (size);

  if (size > 0)
    memcpy (secret->data, data, size);
  return secret;
}

AlcoveSecret *
alcove_secret_copy (const AlcoveSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);

  return alcove_secret_new_from_data (secret->data, secret->size);
}

guint8 *
alcove_secret_get_data (const AlcoveSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);

  return secret->data;
}

gsize
alcove_secret_get_size (const AlcoveSecret *secret)
{
  g_return_val_if_fail (secret != NULL, 0);

  return secret->size;
}

/* Shrinks or grows the used length within the buffer, e.g. after reading a line. */
void
alcove_secret_set_size (AlcoveSecret *secret,
                        gsize         size)
{
  g_return_if_fail (secret != NULL);
  g_return_if_fail (size <= secret->capacity);

  if (size < secret->size)
    gnutls_memset (secret->data + size, 0, secret->size - size);
  secret->size = size;
}

gboolean
alcove_secret_equal (const AlcoveSecret *a,
                     const AlcoveSecret *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->size == b->size && gnutls_memcmp (a->data, b->data, a->size) == 0;
}

void
alcove_secret_free (AlcoveSecret *secret)
{
  if (secret == NULL)
    return;

  gnutls_memset (secret->data, 0, secret->mapped);
  munlock (secret->data, secret->mapped);
  munmap (secret->data, secret->mapped);
  g_free (secret);
}
