/* alcove-hardening.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-hardening"

#include "config.h"

#include <malloc.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alcove-database.h"
#include "alcove-hardening.h"

/* Freed memory is wiped before the allocator keeps it for reuse, so note text and names
 * do not outlive what held them (glibc's M_PERTURB would not do: its per-thread caches
 * skip it). Defining free and realloc here replaces glibc's for every library in the
 * process. Not under a sanitizer, which brings its own allocator. */
#if defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define ALCOVE_SANITIZED 1
# endif
#endif
#if defined(__SANITIZE_ADDRESS__)
# define ALCOVE_SANITIZED 1
#endif

#ifndef ALCOVE_SANITIZED
extern void  __libc_free    (void  *block);
extern void *__libc_malloc  (size_t size);

void
free (void *block)
{
  if (block != NULL)
    explicit_bzero (block, malloc_usable_size (block));
  __libc_free (block);
}

/* Growing copies to a new block and wipes the old; shrinking keeps the block */
void *
realloc (void   *block,
         size_t  size)
{
  size_t old_size;
  void *moved;

  if (block == NULL)
    return __libc_malloc (size);
  if (size == 0)
    {
      free (block);
      return NULL;
    }
  old_size = malloc_usable_size (block);
  if (size <= old_size)
    return block;
  moved = __libc_malloc (size);
  if (moved == NULL)
    return NULL;
  memcpy (moved, block, old_size);
  free (block);
  return moved;
}
#endif

/* GLib reads G_SLICE before main: without "always-malloc", its slice allocator keeps freed
 * blocks (GTK's text among them) where free() never sees them. A process started without
 * it starts itself again with it, once, before anything else. */
void
alcove_harden_slices (char **argv)
{
  if (g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") == 0)
    return;
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  execv ("/proc/self/exe", argv);
  g_warning ("Could not restart with every allocation wiped on free");
}

/* Called first thing by every executable: no core file (it would hold keys and PHI), no
 * ptrace by other processes of the same user, files private to their owner (a shared
 * practice folder is given group access by its administrator, see the help), and SQLite's
 * heap wiped on free. */
void
alcove_harden_process (void)
{
  struct rlimit no_core = { 0, 0 };

  if (setrlimit (RLIMIT_CORE, &no_core) != 0)
    g_warning ("Could not disable core dumps");
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_warning ("Could not mark the process undumpable");
  umask (077);
  alcove_database_init_library ();
}
