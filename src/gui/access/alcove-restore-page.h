/* alcove-restore-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALCOVE_TYPE_RESTORE_PAGE (alcove_restore_page_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveRestorePage, alcove_restore_page, ALCOVE, RESTORE_PAGE, AdwBin)

/* Restores a backup into `vault_dir`, a folder that holds no vault; "restored" once done */
AlcoveRestorePage *alcove_restore_page_new      (const char        *vault_dir);
/* What "Choose…" does once a file is chosen: shows what the backup is, or its damage */
void               alcove_restore_page_set_file (AlcoveRestorePage *self,
                                                 const char        *path);
/* Asks before opening or restoring older files; the core's error says what is lost.
 * Responses "cancel" and "accept"; the caller connects and presents it. */
AdwMessageDialog  *alcove_restore_confirmation_new  (GtkWidget          *over,
                                                     const char         *heading,
                                                     const GError       *error,
                                                     const char         *accept_label);
/* Presents who to disable again after a restore, or returns NULL when there is no one */
AdwMessageDialog  *alcove_restore_disable_again_new (GtkWidget          *over,
                                                     const char * const *usernames);
/* Where the focus goes first */
void               alcove_restore_page_focus    (AlcoveRestorePage *self);

G_END_DECLS
