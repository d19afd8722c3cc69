/* alcove-recent-guard.c — keeps Alcove's files out of the desktop's recent-files list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK records in ~/.local/share/recently-used.xbel the files its file chooser saves and its
 * print dialog prints to file: an exported record's or a printed letter's path (often a
 * client's name) would outlive the file, outside the vault, for any program to read. GTK
 * has no switch for this alone (turning off gtk-recent-files-enabled empties the whole
 * list, every other program's entries with it), so each entry Alcove's process registered
 * is removed as soon as it appears, and any left by an earlier run at start.
 */
#define G_LOG_DOMAIN "alcove-recent"

#include "config.h"

#include "alcove-recent-guard.h"

static gboolean
registered_by_alcove (GtkRecentInfo *info)
{
  const char *application = g_get_application_name ();
  const char *program = g_get_prgname ();

  return (application != NULL && gtk_recent_info_has_application (info, application)) ||
         (program != NULL && gtk_recent_info_has_application (info, program));
}

static void
remove_own_items (GtkRecentManager *manager)
{
  GList *items = gtk_recent_manager_get_items (manager);

  for (GList *l = items; l != NULL; l = l->next)
    if (registered_by_alcove (l->data))
      gtk_recent_manager_remove_item (manager, gtk_recent_info_get_uri (l->data), NULL);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

void
alcove_recent_guard_install (GtkRecentManager *manager)
{
  g_return_if_fail (GTK_IS_RECENT_MANAGER (manager));

  g_signal_connect (manager, "changed", G_CALLBACK (remove_own_items), NULL);
  remove_own_items (manager);
}
