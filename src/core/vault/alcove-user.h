/* alcove-user.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_ROLE_OWNER,
  ALCOVE_ROLE_CLINICIAN,
  ALCOVE_ROLE_SUPERVISOR,
  ALCOVE_ROLE_BILLING,
  ALCOVE_ROLE_FRONT_DESK,     /* format 3 */
} AlcoveRole;

#define ALCOVE_N_ROLES (ALCOVE_ROLE_FRONT_DESK + 1)

/* How a new account signs in for the first time: with a first password an owner chose, or
 * a one-time enrolment code; either way the person chooses their own password then. */
typedef enum
{
  ALCOVE_FIRST_SIGN_IN_NONE,
  ALCOVE_FIRST_SIGN_IN_PASSWORD,
  ALCOVE_FIRST_SIGN_IN_ENROLMENT,
} AlcoveFirstSignIn;

#define ALCOVE_TYPE_USER (alcove_user_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveUser, alcove_user, ALCOVE, USER, GObject)

AlcoveUser *alcove_user_new                 (const char *uuid,
                                             const char *username,
                                             const char *full_name,
                                             AlcoveRole  role,
                                             gboolean    disabled,
                                             gboolean    has_keyring_slot);
void        alcove_user_set_first_sign_in   (AlcoveUser *self,
                                             AlcoveFirstSignIn first_sign_in);
const char *alcove_user_get_uuid            (AlcoveUser *self);
const char *alcove_user_get_username        (AlcoveUser *self);
const char *alcove_user_get_full_name       (AlcoveUser *self);
AlcoveRole  alcove_user_get_role            (AlcoveUser *self);
gboolean    alcove_user_get_disabled        (AlcoveUser *self);
gboolean    alcove_user_get_has_keyring_slot (AlcoveUser *self);
char       *alcove_user_dup_initials        (AlcoveUser *self);
AlcoveFirstSignIn alcove_user_get_first_sign_in (AlcoveUser *self);

const char *alcove_role_to_string           (AlcoveRole  role);
gboolean    alcove_role_from_string         (const char *text,
                                             AlcoveRole *role);
const char *alcove_role_get_display_name    (AlcoveRole  role);
gboolean    alcove_role_writes_notes        (AlcoveRole  role);

G_END_DECLS
