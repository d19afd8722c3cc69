/* alcove-vault-policy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alcove-audit-actions.h"
#include "alcove-vault-private.h"

/* The practice's policy lives in the authority part of vault.keys, so only an owner can
 * change it and every account checks the owner's signature: a supervisee who holds the
 * practice key still cannot switch off their own co-signing. */

static GStrv
roles_to_strv (guint roles)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (AlcoveRole role = 0; role < ALCOVE_N_ROLES; role++)
    if (roles & (1u << role))
      g_strv_builder_add (builder, alcove_role_to_string (role));
  return g_strv_builder_end (builder);
}

static gboolean
roles_from_strv (const char * const  *names,
                 guint                allowed,
                 guint               *roles,
                 GError             **error)
{
  *roles = 0;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      AlcoveRole role;

      if (!alcove_role_from_string (names[i], &role) || !(allowed & (1u << role)))
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                       _("“%s” is not a role this policy can name"), names[i]);
          return FALSE;
        }
      *roles |= 1u << role;
    }
  return TRUE;
}

static gboolean
commit_policy (AlcoveVault   *self,
               AlcoveHeader  *header,
               const char    *what,
               GError       **error)
{
  g_autofree char *details = alcove_audit_details ("policy", what, NULL);

  if (!alcove_vault_commit_header (self, header, error))
    return FALSE;
  alcove_vault_audit (self, ALCOVE_AUDIT_POLICY_CHANGE, alcove_vault_actor (self), details);
  alcove_vault_emit_changed (self, "policy");
  return TRUE;
}

GStrv
alcove_vault_dup_cosign_roles (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);
  return roles_to_strv (self->header ? self->header->cosign_roles : ALCOVE_DEFAULT_COSIGN_ROLES);
}

GStrv
alcove_vault_dup_cosign_formats (AlcoveVault *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);
  for (guint i = 0; self->header && i < self->header->cosign_formats->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->header->cosign_formats, i));
  return g_strv_builder_end (builder);
}

static gboolean
require_policy_owner (AlcoveVault  *self,
                      GError      **error)
{
  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;
  if (self->authority == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Only the practice owner can change the practice’s policy"));
      return FALSE;
    }
  return TRUE;
}

gboolean
alcove_vault_set_cosign_policy (AlcoveVault         *self,
                                const char * const  *roles,
                                const char * const  *formats,
                                GError             **error)
{
  AlcoveHeader *header;
  guint mask;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (!require_policy_owner (self, error) ||
      !roles_from_strv (roles, (1u << ALCOVE_N_ROLES) - 1, &mask, error))
    return FALSE;
  for (guint i = 0; formats != NULL && formats[i] != NULL; i++)
    if (!alcove_header_format_id_is_valid (formats[i]))
      {
        g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                     _("“%s” is not a note format’s name"), formats[i]);
        return FALSE;
      }
  header = alcove_vault_copy_header (self);
  header->cosign_roles = mask;
  g_ptr_array_set_size (header->cosign_formats, 0);
  for (guint i = 0; formats != NULL && formats[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (header->cosign_formats, formats[i], g_str_equal, NULL))
      g_ptr_array_add (header->cosign_formats, g_strdup (formats[i]));
  return commit_policy (self, header, "cosign", error);
}

static gboolean
has_active_supervisor (const AlcoveHeader     *header,
                       const AlcoveHeaderUser *author)
{
  for (guint i = 0; i < author->supervisors->len; i++)
    {
      AlcoveHeaderUser *supervisor = alcove_header_find_user (header,
                                                              g_ptr_array_index (author->supervisors, i));

      if (supervisor != NULL && !supervisor->disabled)
        return TRUE;
    }
  return FALSE;
}

gboolean
alcove_vault_cosign_required (AlcoveVault *self,
                              const char  *author_uuid,
                              const char  *format_id)
{
  const AlcoveHeader *header;
  AlcoveHeaderUser *author;
  gboolean format_listed;
  gsize base_length;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (author_uuid != NULL && format_id != NULL, FALSE);

  header = self->header;
  author = header ? alcove_header_find_user (header, author_uuid) : NULL;
  if (author == NULL || !(header->cosign_roles & (1u << author->role)))
    return FALSE;
  /* a practice's format names its version ("practice-couples@3"); the policy, the format */
  base_length = strcspn (format_id, "@");
  format_listed = header->cosign_formats->len == 0;
  for (guint i = 0; !format_listed && i < header->cosign_formats->len; i++)
    {
      const char *listed = g_ptr_array_index (header->cosign_formats, i);

      format_listed = strlen (listed) == base_length &&
                      strncmp (listed, format_id, base_length) == 0;
    }
  return format_listed && has_active_supervisor (header, author);
}

GStrv
alcove_vault_dup_emergency_roles (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);
  return roles_to_strv (self->header ? self->header->emergency_roles
                                     : ALCOVE_DEFAULT_EMERGENCY_ROLES);
}

int
alcove_vault_get_emergency_minutes (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), 0);
  return self->header ? (int) self->header->emergency_minutes : ALCOVE_DEFAULT_EMERGENCY_MINUTES;
}

/* Owners always may: they hold the practice's authority, which could grant them any key
 * anyway, and someone must be able to renew the emergency key for the others. */
gboolean
alcove_vault_set_emergency_policy (AlcoveVault         *self,
                                   const char * const  *roles,
                                   int                  minutes,
                                   GError             **error)
{
  AlcoveHeader *header;
  guint mask;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (!require_policy_owner (self, error) ||
      !roles_from_strv (roles, ALCOVE_EMERGENCY_ELIGIBLE_ROLES, &mask, error))
    return FALSE;
  if (minutes < ALCOVE_MIN_EMERGENCY_MINUTES || minutes > ALCOVE_MAX_EMERGENCY_MINUTES)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("Emergency access lasts from %d minutes to %d hours"),
                   ALCOVE_MIN_EMERGENCY_MINUTES, ALCOVE_MAX_EMERGENCY_MINUTES / 60);
      return FALSE;
    }
  header = alcove_vault_copy_header (self);
  header->emergency_roles = mask | (1u << ALCOVE_ROLE_OWNER);
  header->emergency_minutes = minutes;
  return commit_policy (self, header, "emergency", error);
}

/* ---- signatures by a person ---- */

GBytes *
alcove_vault_sign_as_user (AlcoveVault *self,
                           const char  *context,
                           const char  *message)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);
  g_return_val_if_fail (context != NULL && message != NULL, NULL);

  if (self->signer == NULL)
    return NULL;
  return alcove_signer_sign (self->signer, context, message, strlen (message));
}

/* Any key the account has had still verifies what it signed while the key was current */
gboolean
alcove_vault_verify_user_signature (AlcoveVault *self,
                                    const char  *user_uuid,
                                    const char  *context,
                                    const char  *message,
                                    GBytes      *signature)
{
  AlcoveHeaderUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (self->header == NULL || user_uuid == NULL || signature == NULL || message == NULL)
    return FALSE;
  user = alcove_header_find_user (self->header, user_uuid);
  for (guint i = 0; user != NULL && i < user->signing_keys->len; i++)
    if (alcove_signature_verify (g_ptr_array_index (user->signing_keys, i), context, message,
                                 strlen (message), signature))
      return TRUE;
  return FALSE;
}
