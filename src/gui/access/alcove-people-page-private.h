/* alcove-people-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-emergency-policy-group.h"
#include "alcove-people-page.h"

G_BEGIN_DECLS

struct _AlcovePeoplePage
{
  AdwPreferencesPage   parent_instance;

  AlcoveVault         *vault;
  GPtrArray           *rows;       /* the people's rows in people_group */
  GHashTable          *expanded;   /* usernames whose row was open */
  gboolean             busy;
  gboolean             refreshing; /* rows being built: their combo rows say nothing */

  AdwPreferencesGroup *status_group;
  GtkSpinner          *spinner;
  GtkLabel            *status_label;
  AdwPreferencesGroup *people_group;
  GtkWidget           *add_button;
  AlcoveEmergencyPolicyGroup *emergency_group;
};

/* One change of people, in one core call; FALSE with `error` set when refused */
typedef gboolean (*AlcovePeopleJob) (AlcoveVault  *vault,
                                     gpointer      data,
                                     GError      **error);

/* The page says what it does, is drawn so, then runs `job` (keys rotate in some: seconds on
 * a large vault), then reads the people again and says how it went */
void  alcove_people_page_run            (AlcovePeoplePage *self,
                                         const char       *message,
                                         AlcovePeopleJob   job,
                                         gpointer          data,
                                         GDestroyNotify    free_data,
                                         const char       *done_message);
void  alcove_people_page_toast          (AlcovePeoplePage *self,
                                         const char       *message);
void  alcove_people_page_tell_refusal   (AlcovePeoplePage *self,
                                         const char       *message);
GtkWindow *alcove_people_page_get_window (AlcovePeoplePage *self);
AlcoveUser *alcove_people_page_find_user (AlcovePeoplePage *self,
                                          const char       *username);

/* alcove-people-page-actions.c: what the page's buttons and rows ask, each confirmed */
void  alcove_people_page_install_actions (GtkWidgetClass  *widget_class);
void  alcove_people_page_ask_role        (AlcovePeoplePage *self,
                                          AlcoveUser       *user,
                                          AlcoveRole        role);

G_END_DECLS
