/* alcove-main-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-backup-scheduler.h"
#include "alcove-client-list.h"
#include "alcove-client-page.h"
#include "alcove-client-store.h"
#include "alcove-note-store.h"
#include "alcove-vault.h"
#include "alcove-workspace.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_MAIN_PAGE (alcove_main_page_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveMainPage, alcove_main_page, ALCOVE, MAIN_PAGE, AdwBin)

AlcoveMainPage *alcove_main_page_new         (AlcoveWorkspace *workspace,
                                              GSettings      *settings);
const char     *alcove_main_page_get_section (AlcoveMainPage *self);
void            alcove_main_page_set_section (AlcoveMainPage *self,
                                              const char     *section);
GtkStack       *alcove_main_page_get_content (AlcoveMainPage *self);
void            alcove_main_page_set_backups (AlcoveMainPage        *self,
                                              AlcoveBackupScheduler *backups);

AlcoveWorkspace *alcove_main_page_get_workspace (AlcoveMainPage *self);
AlcoveClientStore *alcove_main_page_get_client_store (AlcoveMainPage *self);
AlcoveNoteStore   *alcove_main_page_get_note_store   (AlcoveMainPage *self);
void               alcove_main_page_show_client      (AlcoveMainPage *self,
                                                      const char     *client_id);
const char        *alcove_main_page_get_client_id    (AlcoveMainPage *self);
void               alcove_main_page_open_note        (AlcoveMainPage *self,
                                                      const char     *note_id,
                                                      const char     *viewing_client_id);
void               alcove_main_page_open_plan        (AlcoveMainPage *self,
                                                      const char     *version_id);
void               alcove_main_page_present_search   (AlcoveMainPage *self,
                                                      const char     *client_id);
void               alcove_main_page_find             (AlcoveMainPage *self);
gboolean           alcove_main_page_focus_start      (AlcoveMainPage *self);
void               alcove_main_page_new_client       (AlcoveMainPage *self);
AlcoveClientPage  *alcove_main_page_get_client_page  (AlcoveMainPage *self);
AlcoveClientList  *alcove_main_page_get_client_list  (AlcoveMainPage *self);

G_END_DECLS
