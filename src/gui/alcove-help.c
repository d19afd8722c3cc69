/* alcove-help.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-help"

#include "config.h"

#include "alcove-help.h"

/* Inside a Flatpak the host's help viewer cannot read the pages under /app (Flatpak does
 * not export share/help), so the sandbox carries the help as HTML too. A file under /app
 * opened through the OpenURI portal reaches the host's browser by its host path, so the
 * links between the pages keep working. */
#define HTML_HELP_DIR PKGDATADIR "/help/html"

static gboolean
running_in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* `page` is a help page id ("backups") or NULL for the index; `html_dir` is where the HTML
 * help lies, or NULL to use the help viewer. A page missing from `html_dir` falls back to
 * the viewer rather than to a broken link. */
char *
alcove_help_uri (const char *page,
                 const char *html_dir)
{
  if (html_dir != NULL)
    {
      g_autofree char *file_name = g_strconcat (page != NULL ? page : "index", ".html", NULL);
      g_autofree char *path = g_build_filename (html_dir, file_name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_filename_to_uri (path, NULL, NULL);
    }
  if (page == NULL)
    return g_strdup ("help:" PACKAGE_NAME);
  return g_strconcat ("help:" PACKAGE_NAME "/", page, NULL);
}

void
alcove_help_show (GtkWindow  *parent,
                  const char *page)
{
  g_autofree char *uri = alcove_help_uri (page, running_in_flatpak () ? HTML_HELP_DIR : NULL);

  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}
