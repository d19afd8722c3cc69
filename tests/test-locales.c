/* test-locales.c — Alcove starts in each language it ships: the real application, with the
 * catalog built beside the tests, shows the translation on the login page and in the main
 * window, with dates in the locale's form. Screenshots are kept to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-locales"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "alcove-application.h"
#include "alcove-main-page.h"
#include "alcove-window.h"
#include "alcove-gui-test-utils.h"
#include "alcove-test-utils.h"

static const char *test_locale;

/* "de_DE.UTF-8" → "de_DE", for the screenshots' names */
static char *
locale_label (void)
{
  return g_strndup (test_locale, strcspn (test_locale, "."));
}

static void
save (AlcoveWindow *window,
      const char   *what)
{
  g_autofree char *label = locale_label ();
  g_autofree char *name = g_strdup_printf ("locale-%s-%s", label, what);

  alcove_test_save_screenshot (GTK_WIDGET (window), name);
}

/* A message the screen shows must come out of the catalog changed: if it does not, the
 * catalog was not found, and the window would silently be in English */
static char *
translated (const char *english)
{
  const char *text = _(english);

  g_assert_cmpstr (text, !=, english);
  return g_strdup (text);
}

static void
translated_scenario (AlcoveApplication *app,
                     AlcoveWindow      *window)
{
  g_autofree char *translation = translated ("Signed in as %s, %s");
  g_autofree char *signed_in = g_strdup_printf (_("Signed in as %s, %s"), "Dana Whitfield", "");

  g_assert_cmpstr (alcove_window_get_page (window), ==, "login");
  save (window, "login");
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  g_assert_cmpstr (alcove_window_get_page (window), ==, "main");
  /* up to the role, which has a translation of its own */
  *strrchr (signed_in, ',') = '\0';
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), signed_in));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (window), "Signed in as"));
  save (window, "main-light");

  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  save (window, "main-dark");
  alcove_test_set_dark (FALSE);
}

static void
test_starts_translated (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "vault", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  alcove_test_run_app (dir, 1366, 768, translated_scenario);
}

int
main (int    argc,
      char **argv)
{
  test_locale = g_getenv ("LC_ALL");
  alcove_test_init_gui (&argc, &argv);
  if (test_locale == NULL || setlocale (LC_ALL, test_locale) == NULL)
    g_error ("The locale %s is not installed: tools/setup.sh generates it (as root)",
             test_locale != NULL ? test_locale : "(unset)");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ALCOVE_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/locales/starts-translated", test_starts_translated);
  return g_test_run ();
}
