/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "alcove-application.h"
#include "alcove-hardening.h"
#include "alcove-trace.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(AlcoveApplication) app = NULL;

  alcove_harden_slices (argv);
  alcove_trace_init ();
  alcove_harden_process ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = alcove_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
