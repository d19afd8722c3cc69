/* alcove-user.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-user"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-user.h"

/* A vault account as the login page and the administrator see it: no keys, no PHI. */
struct _AlcoveUser
{
  GObject    parent_instance;

  char      *uuid;
  char      *username;
  char      *full_name;
  AlcoveRole role;
  gboolean   disabled;
  gboolean   has_keyring_slot;
  AlcoveFirstSignIn first_sign_in;
};

G_DEFINE_FINAL_TYPE (AlcoveUser, alcove_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_USERNAME,
  PROP_FULL_NAME,
  PROP_ROLE,
  PROP_DISABLED,
  PROP_HAS_KEYRING_SLOT,
  PROP_FIRST_SIGN_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
alcove_user_finalize (GObject *object)
{
  AlcoveUser *self = ALCOVE_USER (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->full_name, g_free);

  G_OBJECT_CLASS (alcove_user_parent_class)->finalize (object);
}

static void
alcove_user_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AlcoveUser *self = ALCOVE_USER (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_ROLE:
      g_value_set_int (value, self->role);
      break;
    case PROP_DISABLED:
      g_value_set_boolean (value, self->disabled);
      break;
    case PROP_HAS_KEYRING_SLOT:
      g_value_set_boolean (value, self->has_keyring_slot);
      break;
    case PROP_FIRST_SIGN_IN:
      g_value_set_int (value, self->first_sign_in);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_user_class_init (AlcoveUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = alcove_user_finalize;
  object_class->get_property = alcove_user_get_property;

  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  properties[PROP_FULL_NAME] = g_param_spec_string ("full-name", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_int ("role", NULL, NULL,
                                            ALCOVE_ROLE_OWNER, ALCOVE_ROLE_FRONT_DESK,
                                            ALCOVE_ROLE_CLINICIAN, flags);
  properties[PROP_DISABLED] = g_param_spec_boolean ("disabled", NULL, NULL, FALSE, flags);
  properties[PROP_HAS_KEYRING_SLOT] = g_param_spec_boolean ("has-keyring-slot", NULL, NULL,
                                                            FALSE, flags);
  properties[PROP_FIRST_SIGN_IN] = g_param_spec_int ("first-sign-in", NULL, NULL,
                                                     ALCOVE_FIRST_SIGN_IN_NONE,
                                                     ALCOVE_FIRST_SIGN_IN_ENROLMENT,
                                                     ALCOVE_FIRST_SIGN_IN_NONE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alcove_user_init (AlcoveUser *self)
{
}

AlcoveUser *
alcove_user_new (const char *uuid,
                 const char *username,
                 const char *full_name,
                 AlcoveRole  role,
                 gboolean    disabled,
                 gboolean    has_keyring_slot)
{
  AlcoveUser *self = g_object_new (ALCOVE_TYPE_USER, NULL);

  self->uuid = g_strdup (uuid);
  self->username = g_strdup (username);
  self->full_name = g_strdup (full_name);
  self->role = role;
  self->disabled = disabled;
  self->has_keyring_slot = has_keyring_slot;
  return self;
}

const char *
alcove_user_get_uuid (AlcoveUser *self)
{
  g_return_val_if_fail (ALCOVE_IS_USER (self), NULL);
  return self->uuid;
}

const char *
alcove_user_get_username (AlcoveUser *self)
{
  g_return_val_if_fail (ALCOVE_IS_USER (self), NULL);
  return self->username;
}

const char *
alcove_user_get_full_name (AlcoveUser *self)
{
  g_return_val_if_fail (ALCOVE_IS_USER (self), NULL);
  return self->full_name;
}

AlcoveRole
alcove_user_get_role (AlcoveUser *self)
{
  g_return_val_if_fail (ALCOVE_IS_USER (self), ALCOVE_ROLE_BILLING);
  return self->role;
}

gboolean
alcove_user_get_disabled (AlcoveUser *self)
{
  g_return_val_if_fail (ALCOVE_IS_USER (self), TRUE);
  return self->disabled;
}

gboolean
alcove_user_get_has_keyring_slot (AlcoveUser *self)
{
  g_return_val_if_fail (ALCOVE_IS_USER (self), FALSE);
  return self->has_keyring_slot;
}

/* Set once, by the vault that makes the object */
void
alcove_user_set_first_sign_in (AlcoveUser        *self,
                               AlcoveFirstSignIn  first_sign_in)
{
  g_return_if_fail (ALCOVE_IS_USER (self));
  self->first_sign_in = first_sign_in;
}

/* Whether the person still has to choose their own password, and with what they sign in
 * until then */
AlcoveFirstSignIn
alcove_user_get_first_sign_in (AlcoveUser *self)
{
  g_return_val_if_fail (ALCOVE_IS_USER (self), ALCOVE_FIRST_SIGN_IN_NONE);
  return self->first_sign_in;
}

/* "Dana K. Whitfield" → "DW": first letters of the first and last words */
char *
alcove_user_dup_initials (AlcoveUser *self)
{
  g_auto(GStrv) words = NULL;
  GString *initials = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (ALCOVE_IS_USER (self), NULL);

  words = g_strsplit_set (self->full_name ? self->full_name : "", " \t", -1);
  n = g_strv_length (words);
  for (guint i = 0; i < n; i++)
    {
      if (*words[i] == '\0' || (i != 0 && i != n - 1))
        continue;
      g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (words[i])));
    }
  return g_string_free (initials, FALSE);
}

/* As vault.keys and alcovectl spell them; "front-desk" came with format 3 */
static const char * const role_names[] = { "owner", "clinician", "supervisor", "billing",
                                           "front-desk" };

G_STATIC_ASSERT (G_N_ELEMENTS (role_names) == ALCOVE_N_ROLES);

const char *
alcove_role_to_string (AlcoveRole role)
{
  g_return_val_if_fail (role < ALCOVE_N_ROLES, NULL);
  return role_names[role];
}

gboolean
alcove_role_from_string (const char *text,
                         AlcoveRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (text, role_names[i]) == 0)
      {
        *role = (AlcoveRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
alcove_role_get_display_name (AlcoveRole role)
{
  switch (role)
    {
    case ALCOVE_ROLE_OWNER:
      return _("Practice owner");
    case ALCOVE_ROLE_CLINICIAN:
      return _("Clinician");
    case ALCOVE_ROLE_SUPERVISOR:
      return _("Clinical supervisor");
    case ALCOVE_ROLE_BILLING:
      return _("Billing");
    case ALCOVE_ROLE_FRONT_DESK:
      return _("Front desk");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Owners and clinicians write notes, so they own a notes store and a private store. */
gboolean
alcove_role_writes_notes (AlcoveRole role)
{
  return role == ALCOVE_ROLE_OWNER || role == ALCOVE_ROLE_CLINICIAN;
}
