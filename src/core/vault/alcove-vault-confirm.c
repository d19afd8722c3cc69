/* alcove-vault-confirm.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-attempts.h"
#include "alcove-vault-private.h"

/* A confirmation: an owner types her password, or someone the recovery key, into another
 * person's session, so that one change only the authority may sign can be made there. The
 * session holds the person's store keys, the confirmation the authority key: together they
 * can rotate everything that person held. The authority key is wiped when the change ends
 * (a change that re-keys reopens the session, which drops it by itself). */

static gboolean
confirmation_refused (AlcoveVault  *self,
                      const char   *who,
                      GError      **error)
{
  alcove_attempts_record_failure (self->header->vault_uuid, who);
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                       _("The confirmation is not correct; nothing was changed"));
  return FALSE;
}

/* The owner a confirmation names, if she may confirm: one whose password is worth trying */
AlcoveHeaderUser *
alcove_vault_find_confirming_owner (AlcoveVault *self,
                                    const char  *username)
{
  AlcoveHeaderUser *owner = alcove_header_find_user (self->header, username);

  if (owner == NULL || owner->disabled || owner->role != ALCOVE_ROLE_OWNER)
    return NULL;
  return owner;
}

/* The authority seed sealed to an owner, opened with her password (`tried`: already tried
 * on another thread, or NULL) */
static AlcoveSecret *
open_owner_seed (AlcoveVault         *self,
                 const char          *username,
                 const AlcoveSecret  *password,
                 AlcovePasswordTry   *tried,
                 GError             **error)
{
  g_auto(AlcoveSlotContents) contents = { 0 };
  g_autoptr(GError) kdf_error = NULL;
  AlcoveHeaderUser *owner = alcove_vault_find_confirming_owner (self, username);
  AlcoveHeaderGrant *grant;
  g_autofree char *ad = NULL;
  gboolean opened;

  if (owner == NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                   _("“%s” is not an active owner of this practice; an owner confirms this"),
                   username);
      return NULL;
    }
  opened = tried ? alcove_vault_finish_password_try (self, tried, owner, &contents, &kdf_error)
                 : alcove_vault_open_password_slot (self, owner, password, &contents, &kdf_error);
  if (!opened)
    {
      if (kdf_error != NULL)
        g_propagate_error (error, g_steal_pointer (&kdf_error));
      else
        confirmation_refused (self, owner->username, error);
      return NULL;
    }
  grant = alcove_header_find_grant (self->header, owner->uuid, ALCOVE_AUTHORITY_ID);
  if (grant == NULL || !alcove_vault_grant_is_trusted (self->header, grant))
    {
      confirmation_refused (self, owner->username, error);
      return NULL;
    }
  ad = alcove_header_grant_ad (self->header, owner->uuid, ALCOVE_AUTHORITY_ID);
  return alcove_crypto_open_sealed (contents.user_key, ALCOVE_PURPOSE_USER, grant->ephemeral,
                                    grant->nonce, grant->wrapped, ad, error);
}

/* The authority seed's recovery copy, opened with the recovery code */
static AlcoveSecret *
open_recovery_seed (AlcoveVault         *self,
                    const AlcoveSecret  *code,
                    GError             **error)
{
  g_autoptr(AlcoveSecret) recovery_key = alcove_crypto_recovery_code_parse (code, error);
  g_autoptr(GBytes) public_key = NULL;
  AlcoveHeaderRecoveryWrap *wrap;
  g_autofree char *ad = NULL;

  if (recovery_key == NULL)
    return NULL;
  public_key = alcove_crypto_public_key (recovery_key, ALCOVE_PURPOSE_RECOVERY);
  wrap = alcove_header_find_recovery_wrap (self->header, ALCOVE_AUTHORITY_ID);
  if (!g_bytes_equal (public_key, self->header->recovery_public) || wrap == NULL ||
      !alcove_vault_recovery_wrap_is_trusted (self->header, wrap))
    {
      confirmation_refused (self, ALCOVE_ACTOR_RECOVERY, error);
      return NULL;
    }
  ad = alcove_header_recovery_ad (self->header, ALCOVE_AUTHORITY_ID);
  return alcove_crypto_open_sealed (recovery_key, ALCOVE_PURPOSE_RECOVERY, wrap->ephemeral,
                                    wrap->nonce, wrap->wrapped, ad, error);
}

/* `tried`: an owner's password tried on another thread already; NULL: tried here */
gboolean
alcove_vault_borrow_authority (AlcoveVault                *self,
                               const AlcoveConfirmation   *confirmation,
                               AlcovePasswordTry          *tried,
                               GError                    **error)
{
  g_autoptr(AlcoveSecret) seed = NULL;
  AlcoveSigner *authority;

  g_return_val_if_fail (confirmation != NULL && confirmation->secret != NULL, FALSE);
  g_return_val_if_fail (self->authority == NULL, FALSE);

  seed = confirmation->owner != NULL
           ? open_owner_seed (self, confirmation->owner, confirmation->secret, tried, error)
           : open_recovery_seed (self, confirmation->secret, error);
  if (seed == NULL)
    return FALSE;
  authority = alcove_signer_new (seed, ALCOVE_SIGNING_AUTHORITY);
  if (!g_bytes_equal (alcove_signer_get_public_key (authority), self->header->authority_key))
    {
      alcove_signer_free (authority);
      return confirmation_refused (self, confirmation->owner ? confirmation->owner
                                                             : ALCOVE_ACTOR_RECOVERY, error);
    }
  self->authority = authority;
  return TRUE;
}

/* A confirmation given up after its password was tried: a wrong one still counts as a
 * failed attempt, so that cancelling never buys a free guess */
void
alcove_vault_abandon_confirmation (AlcoveVault              *self,
                                   const AlcoveConfirmation *confirmation,
                                   AlcovePasswordTry        *tried)
{
  if (tried != NULL && confirmation != NULL && confirmation->owner != NULL &&
      alcove_password_try_was_wrong (tried))
    alcove_attempts_record_failure (self->header->vault_uuid, confirmation->owner);
}

void
alcove_vault_return_authority (AlcoveVault *self)
{
  g_clear_pointer (&self->authority, alcove_signer_free);
}

/* How the audit log names who confirmed */
char *
alcove_vault_confirmer_id (AlcoveVault              *self,
                           const AlcoveConfirmation *confirmation)
{
  AlcoveHeaderUser *owner;

  if (confirmation == NULL)
    return NULL;
  if (confirmation->owner == NULL)
    return g_strdup ("recovery-key");
  owner = alcove_header_find_user (self->header, confirmation->owner);
  return g_strdup (owner ? owner->uuid : "");
}
