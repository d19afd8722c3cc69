/* test-login-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-login-page"

#include "config.h"

#include "alcove-gui-test-utils.h"
#include "alcove-test-utils.h"

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);
  gtk_init ();
  adw_init ();
  return g_test_run ();
}
