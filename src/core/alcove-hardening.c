/* alcove-hardening.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-hardening"

#include "config.h"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "alcove-database.h"
#include "alcove-hardening.h"

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
