/* alcove-vault-users.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "alcove-keyring.h"
#include "alcove-password-quality.h"
#include "alcove-vault-private.h"

/* Accounts, passwords, keyring slots and supervision. Every change is made on a copy of
 * the header and saved atomically; the vault's header is replaced only once that succeeds,
 * so a failure leaves both the file and the session as they were. */

/* Only a session holding the authority key can sign a change: an owner's, or the
 * recovery key's. The role in the session is not enough; the key is what counts. */
static gboolean
require_owner (AlcoveVault  *self,
               GError      **error)
{
  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;
  if (self->authority == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Only the practice owner can manage accounts"));
      return FALSE;
    }
  return TRUE;
}

/* The account named `username` in `header`, or NOT_FOUND saying so */
AlcoveHeaderUser *
alcove_vault_find_account (AlcoveHeader  *header,
                           const char    *username,
                           GError       **error)
{
  AlcoveHeaderUser *user = alcove_header_find_user (header, username);

  if (user == NULL)
    g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                 _("There is no account named “%s” in this vault"), username);
  return user;
}

/* Swaps the header used by the helpers that read self->header while building a change. */
static AlcoveHeader *
edit_header (AlcoveVault *self)
{
  return alcove_vault_copy_header (self);
}

/* ---- changes that re-key stores ---- */

struct _AlcoveAccountChange
{
  AlcoveRekeyPlan *plan;              /* NULL: committed when it began */
  const char      *action;            /* audited once done */
  char            *object_id;
  char            *details;
  gboolean         borrowed;          /* the authority came with a confirmation */
  AlcoveAccountEdit edit;             /* a further change to the person, in the same write */

  /* put back if the plan does not commit */
  AlcoveSecret    *previous_key;      /* a password change's user key and signer */
  AlcoveSigner    *previous_signer;
  gboolean         succeeded;         /* disabling an owner succeeded the authority key */
  AlcoveSigner    *previous_authority;
  AlcoveSecret    *previous_seed;
};

void
alcove_account_change_free (AlcoveAccountChange *change)
{
  if (change == NULL)
    return;
  g_clear_pointer (&change->plan, alcove_rekey_plan_free);
  g_free (change->object_id);
  g_free (change->details);
  g_clear_pointer (&change->previous_key, alcove_secret_free);
  g_clear_pointer (&change->previous_signer, alcove_signer_free);
  g_clear_pointer (&change->previous_authority, alcove_signer_free);
  g_clear_pointer (&change->previous_seed, alcove_secret_free);
  g_free (change);
}

AlcoveRekeyPlan *
alcove_account_change_get_plan (AlcoveAccountChange *change)
{
  return change->plan;
}

/* A vault that locked meanwhile wiped what it held; there is nothing to put back */
static void
restore_user_key (AlcoveVault         *self,
                  AlcoveAccountChange *change)
{
  if (change->previous_key == NULL || alcove_vault_get_locked (self))
    return;
  g_clear_pointer (&self->user_key, alcove_secret_free);
  g_clear_pointer (&self->signer, alcove_signer_free);
  self->user_key = g_steal_pointer (&change->previous_key);
  self->signer = g_steal_pointer (&change->previous_signer);
}

static void
restore_authority (AlcoveVault         *self,
                   AlcoveAccountChange *change)
{
  if (!change->succeeded || alcove_vault_get_locked (self))
    return;
  change->succeeded = FALSE;
  alcove_vault_restore_authority (self, g_steal_pointer (&change->previous_authority),
                                  g_steal_pointer (&change->previous_seed));
}

gboolean
alcove_vault_end_account_change (AlcoveVault         *self,
                                 AlcoveAccountChange *change,
                                 gboolean             rekeyed)
{
  gboolean done = change->plan == NULL || rekeyed;

  if (done)
    alcove_vault_audit (self, change->action, change->object_id, change->details);
  else
    {
      restore_user_key (self, change);
      restore_authority (self, change);
    }
  /* a re-key reopened the session, which dropped a borrowed key already */
  if (change->borrowed)
    alcove_vault_return_authority (self);
  change->borrowed = FALSE;
  return done;
}

/* Begun, copied and ended on this thread (`change` taken) */
static gboolean
run_account_change (AlcoveVault          *self,
                    AlcoveAccountChange  *change,
                    GError              **error)
{
  g_autoptr(AlcoveAccountChange) owned = change;
  gboolean rekeyed = change->plan != NULL &&
                     alcove_rekey_plan_copy (change->plan, NULL, NULL, NULL, error) &&
                     alcove_vault_commit_rekey (self, change->plan, error);

  return alcove_vault_end_account_change (self, change, rekeyed);
}

gboolean
alcove_vault_create_user_stores (AlcoveVault       *self,
                                 AlcoveHeader      *header,
                                 AlcoveHeaderUser  *user,
                                 GPtrArray         *created_files,
                                 GError           **error)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf (i == 0 ? "notes:%s" : "private:%s", user->uuid);
      g_autoptr(AlcoveSecret) key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
      AlcoveHeaderDatabase *entry;

      if (!alcove_vault_create_store (self, self->path, header, id, key, error))
        return FALSE;
      entry = alcove_header_find_database (header, id);
      g_ptr_array_add (created_files, g_build_filename (self->path, entry->file, NULL));
      if (!alcove_vault_grant (self, header, user, id, key, error) ||
          !alcove_vault_seal_for_recovery (self, header, id, key, error))
        return FALSE;
    }
  return TRUE;
}

void
alcove_vault_remove_files (GPtrArray *files)
{
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
    }
}

/* `password` NULL: an enrolment code, made here, needs no judging */
static gboolean
check_new_user (AlcoveVault         *self,
                const char          *username,
                const char          *full_name,
                AlcoveRole           role,
                const AlcoveSecret  *password,
                GError             **error)
{
  if (!alcove_username_is_valid (username))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("A username is 1 to 32 letters, digits, dots, dashes or underscores, "
                             "starting with a letter or digit"));
      return FALSE;
    }
  if (alcove_header_find_user (self->header, username) != NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_EXISTS,
                   _("There is already an account named “%s”"), username);
      return FALSE;
    }
  if (full_name == NULL || *full_name == '\0')
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Enter the person’s full name"));
      return FALSE;
    }
  if (role >= ALCOVE_N_ROLES)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Choose one of the practice’s roles"));
      return FALSE;
    }
  return password == NULL || alcove_password_quality_check (password, username, NULL, error);
}

/* The account's first slot: under `secret` (its password, or an enrolment code), of the
 * kind a first sign-in names, which the owner's signature then covers */
static AlcoveHeaderSlot *
make_first_slot (AlcoveHeader           *header,
                 AlcoveHeaderUser       *user,
                 const AlcoveSecret     *user_key,
                 const AlcoveSecret     *secret,
                 const AlcoveKdfParams  *kdf,
                 AlcoveFirstSignIn       first,
                 GError                **error)
{
  g_autoptr(AlcoveSlotKey) slot_key = alcove_slot_key_derive (secret, kdf, error);
  AlcoveHeaderSlot *slot;

  if (slot_key == NULL)
    return NULL;
  slot = alcove_vault_make_secret_slot (header, user, user_key, slot_key,
                                        first == ALCOVE_FIRST_SIGN_IN_ENROLMENT ? "enrolment"
                                                                                : "password",
                                        error);
  if (slot != NULL && first != ALCOVE_FIRST_SIGN_IN_NONE)
    {
      user->first_sign_in = first;
      user->first_slot = g_strdup (slot->id);
    }
  return slot;
}

static const char *
first_sign_in_detail (AlcoveFirstSignIn first)
{
  switch (first)
    {
    case ALCOVE_FIRST_SIGN_IN_PASSWORD:
      return "first-password";
    case ALCOVE_FIRST_SIGN_IN_ENROLMENT:
      return "enrolment-code";
    case ALCOVE_FIRST_SIGN_IN_NONE:
    default:
      return "own-password";
    }
}

/* `secret`: the person's password (`first` NONE), the first password an owner chose, or the
 * enrolment code */
static gboolean
add_account (AlcoveVault            *self,
             const char             *username,
             const char             *full_name,
             AlcoveRole              role,
             const AlcoveSecret     *secret,
             const AlcoveKdfParams  *kdf,
             AlcoveFirstSignIn       first,
             GError                **error)
{
  g_autoptr(AlcoveSecret) user_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  AlcoveHeader *header;
  AlcoveHeaderUser *user;
  AlcoveHeaderSlot *slot;
  g_autofree char *details = NULL;

  if (!require_owner (self, error) ||
      !check_new_user (self, username, full_name, role,
                       first == ALCOVE_FIRST_SIGN_IN_ENROLMENT ? NULL : secret, error))
    return FALSE;

  header = edit_header (self);
  user = alcove_header_user_new (username, full_name, role);
  alcove_vault_set_user_keys (user, user_key);
  g_ptr_array_add (header->users, user);

  slot = make_first_slot (header, user, user_key, secret, kdf, first, error);
  if (slot == NULL ||
      !alcove_vault_grant (self, header, user, ALCOVE_PRACTICE_DB,
                           g_hash_table_lookup (self->database_keys, ALCOVE_PRACTICE_DB), error) ||
      (role == ALCOVE_ROLE_OWNER &&
       !alcove_vault_grant (self, header, user, ALCOVE_AUTHORITY_ID,
                            g_hash_table_lookup (self->database_keys, ALCOVE_AUTHORITY_ID), error)) ||
      (alcove_role_writes_notes (role) &&
       !alcove_vault_create_user_stores (self, header, user, created, error)))
    {
      g_clear_pointer (&slot, alcove_header_slot_free);
      alcove_vault_remove_files (created);
      alcove_header_free (header);
      return FALSE;
    }
  g_ptr_array_add (user->slots, slot);

  details = alcove_audit_details ("role", alcove_role_to_string (role),
                                  "sign_in", first_sign_in_detail (first), NULL);
  if (!alcove_vault_commit_header (self, header, error))
    {
      alcove_vault_remove_files (created);
      return FALSE;
    }
  alcove_vault_audit (self, ALCOVE_AUDIT_USER_ADD, alcove_header_find_user (self->header, username)->uuid,
                      details);
  return TRUE;
}

/* The password is the person's own, typed by them at the owner's session (scripts and
 * tests); a person the owner gives a password to is added with alcove_vault_add_person. */
gboolean
alcove_vault_add_user (AlcoveVault            *self,
                       const char             *username,
                       const char             *full_name,
                       AlcoveRole              role,
                       const AlcoveSecret     *password,
                       const AlcoveKdfParams  *kdf,
                       GError                **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  return add_account (self, username, full_name, role, password, kdf, ALCOVE_FIRST_SIGN_IN_NONE,
                      error);
}

/* A person who chooses their own password at their first sign-in: with `first_password`,
 * which the owner gives them, or, when it is NULL, with a one-time enrolment code returned in
 * `enrolment_code` (shown once; it is kept nowhere but in its slot's wrapping). */
gboolean
alcove_vault_add_person (AlcoveVault            *self,
                         const char             *username,
                         const char             *full_name,
                         AlcoveRole              role,
                         const AlcoveSecret     *first_password,
                         const AlcoveKdfParams  *kdf,
                         AlcoveSecret          **enrolment_code,
                         GError                **error)
{
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(AlcoveSecret) canonical = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (first_password != NULL || enrolment_code != NULL, FALSE);

  if (first_password != NULL)
    return add_account (self, username, full_name, role, first_password, kdf,
                        ALCOVE_FIRST_SIGN_IN_PASSWORD, error);
  code = alcove_crypto_enrolment_code_new ();
  canonical = alcove_crypto_enrolment_code_canonical (code, error);
  if (canonical == NULL ||
      !add_account (self, username, full_name, role, canonical, kdf,
                    ALCOVE_FIRST_SIGN_IN_ENROLMENT, error))
    return FALSE;
  *enrolment_code = g_steal_pointer (&code);
  return TRUE;
}

/* The stores a revoked account could open that this session holds (`held`: the practice
 * for everyone, and whatever else it holds), which it rotates now; or does not hold (a
 * disabled clinician's own stores, a disabled supervisor's supervisees' notes), which it
 * hands over to their holders. */
static GStrv
stores_of (AlcoveVault      *self,
           AlcoveHeaderUser *user,
           gboolean          held)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; i < self->header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (self->header->grants, i);

      if (g_str_equal (grant->user, user->uuid) &&
          !g_str_equal (grant->database, ALCOVE_AUTHORITY_ID) &&
          g_hash_table_contains (self->database_keys, grant->database) == held)
        g_strv_builder_add (ids, grant->database);
    }
  return g_strv_builder_end (ids);
}

/* A disabled clinician's notes are shared with supervisors no more: kept for the record,
 * they are read with the recovery key */
void
alcove_vault_end_supervision_of (AlcoveHeader     *header,
                                 AlcoveHeaderUser *user)
{
  g_autofree char *notes_id = g_strdup_printf ("notes:%s", user->uuid);

  g_ptr_array_set_size (user->supervisors, 0);

  for (guint i = header->grants->len; i > 0; i--)
    if (g_str_equal (((AlcoveHeaderGrant *) g_ptr_array_index (header->grants, i - 1))->database,
                     notes_id))
      g_ptr_array_remove_index (header->grants, i - 1);
}

static GStrv
strv_with (GStrv       ids,
           const char *id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_addv (builder, (const char **) ids);
  g_strv_builder_add (builder, id);
  g_strfreev (ids);
  return g_strv_builder_end (builder);
}

/* Stores the person could reach through the emergency key join those they held: the ones
 * this session holds are rotated, the others handed over */
static void
add_reachable (AlcoveVault  *self,
               GStrv        *rotate,
               GStrv        *hand_over,
               GStrv         reachable)
{
  for (guint i = 0; reachable[i] != NULL; i++)
    {
      if (g_strv_contains ((const char * const *) *rotate, reachable[i]) ||
          g_strv_contains ((const char * const *) *hand_over, reachable[i]))
        continue;
      if (g_hash_table_contains (self->database_keys, reachable[i]))
        *rotate = strv_with (*rotate, reachable[i]);
      else
        *hand_over = strv_with (*hand_over, reachable[i]);
    }
}

static gboolean
hand_over_stores (AlcoveVault   *self,
                  AlcoveHeader  *header,
                  GStrv          database_ids,
                  GError       **error)
{
  for (guint i = 0; database_ids[i] != NULL; i++)
    if (!alcove_vault_hand_over (self, header, database_ids[i], error))
      return FALSE;
  return TRUE;
}

/* Disabling revokes: the account's slots and grants go, every store it could open that
 * this session holds is rotated, the others are handed over to their holders, and an
 * owner's authority key is succeeded, all in the same atomic write, so a key it saved
 * opens or signs nothing from now on. */
AlcoveAccountChange *
alcove_vault_begin_disable_user (AlcoveVault  *self,
                                 const char   *username,
                                 GError      **error)
{
  g_autoptr(AlcoveAccountChange) change = NULL;
  AlcoveHeader *header;
  AlcoveHeaderUser *user;
  g_auto(GStrv) rotate = NULL;
  g_auto(GStrv) hand_over = NULL;
  g_auto(GStrv) sealed_for_emergency = NULL;
  gboolean held_authority;

  if (!require_owner (self, error))
    return NULL;
  header = edit_header (self);
  user = alcove_vault_find_account (header, username, error);
  if (user == NULL)
    {
      alcove_header_free (header);
      return NULL;
    }
  if (self->current_user && g_str_equal (user->uuid, alcove_user_get_uuid (self->current_user)))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("You cannot disable your own account"));
      alcove_header_free (header);
      return NULL;
    }
  if (user->disabled || !alcove_vault_check_keeps_an_owner (self, username, error))
    {
      if (user->disabled)
        g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                     _("The account “%s” is disabled already"), username);
      alcove_header_free (header);
      return NULL;
    }

  /* Its stores stay, reachable with the recovery key, because records must be kept. */
  rotate = stores_of (self, user, TRUE);
  hand_over = stores_of (self, user, FALSE);
  held_authority = alcove_header_find_grant (header, user->uuid, ALCOVE_AUTHORITY_ID) != NULL;
  user->disabled = TRUE;
  g_ptr_array_set_size (user->slots, 0);
  user->first_sign_in = ALCOVE_FIRST_SIGN_IN_NONE;
  g_clear_pointer (&user->first_slot, g_free);
  alcove_header_remove_grants (header, user->uuid);
  alcove_vault_end_supervision_of (header, user);
  alcove_header_remove_supervisor (header, user->uuid, NULL);
  sealed_for_emergency = alcove_vault_revoke_emergency_holder (self, header, user->uuid, error);
  if (sealed_for_emergency == NULL)
    {
      alcove_header_free (header);
      return NULL;
    }
  add_reachable (self, &rotate, &hand_over, sealed_for_emergency);
  change = g_new0 (AlcoveAccountChange, 1);
  change->action = ALCOVE_AUDIT_USER_DISABLE;
  change->object_id = g_strdup (user->uuid);
  change->succeeded = held_authority;
  if ((held_authority &&
       !alcove_vault_succeed_authority (self, header, &change->previous_authority,
                                        &change->previous_seed, error)) ||
      !hand_over_stores (self, header, hand_over, error))
    {
      restore_authority (self, change);
      alcove_header_free (header);
      return NULL;
    }
  change->plan = alcove_vault_plan_rekey (self, header, rotate, change->object_id, NULL, error);
  if (change->plan == NULL)
    {
      restore_authority (self, change);
      return NULL;
    }
  return g_steal_pointer (&change);
}

gboolean
alcove_vault_disable_user (AlcoveVault  *self,
                           const char   *username,
                           GError      **error)
{
  AlcoveAccountChange *change;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);

  change = alcove_vault_begin_disable_user (self, username, error);
  return change != NULL && run_account_change (self, change, error);
}

static void
remove_slots_of_kind (AlcoveHeaderUser *user,
                      const char       *kind,
                      const char       *label)
{
  for (guint i = user->slots->len; i > 0; i--)
    {
      AlcoveHeaderSlot *slot = g_ptr_array_index (user->slots, i - 1);

      if (g_str_equal (slot->kind, kind) && (label == NULL || g_strcmp0 (slot->label, label) == 0))
        g_ptr_array_remove_index (user->slots, i - 1);
    }
}

/* The grants a person made (their notes shared with a supervisor), signed again by the
 * authority: only a granter's current key is trusted, and theirs is about to change. */
void
alcove_vault_resign_grants_made_by (AlcoveVault      *self,
                                    AlcoveHeader     *header,
                                    AlcoveHeaderUser *user)
{
  for (guint i = 0; i < header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);

      if (g_strcmp0 (grant->granter, user->uuid) == 0 && !g_str_equal (grant->user, user->uuid) &&
          alcove_vault_grant_is_trusted (header, grant))
        alcove_vault_sign_grant_as_authority (self, header, grant, ALCOVE_GRANT_CONTEXT);
    }
}

/* A recovery reset gives the account a new user key: the old one may be known to whoever
 * forced the reset, so every grant is sealed again and keyring slots are dropped. */
static gboolean
rekey_user (AlcoveVault       *self,
            AlcoveHeader      *header,
            AlcoveHeaderUser  *user,
            AlcoveSecret      *user_key,
            GError           **error)
{
  g_autoptr(GPtrArray) databases = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);
      if (g_str_equal (grant->user, user->uuid))
        g_ptr_array_add (databases, g_strdup (grant->database));
    }
  alcove_vault_resign_grants_made_by (self, header, user);
  alcove_header_remove_grants (header, user->uuid);
  remove_slots_of_kind (user, "keyring", NULL);
  alcove_vault_set_user_keys (user, user_key);

  for (guint i = 0; i < databases->len; i++)
    {
      const char *id = g_ptr_array_index (databases, i);
      if (!alcove_vault_grant (self, header, user, id, g_hash_table_lookup (self->database_keys, id),
                               error))
        return FALSE;
    }
  return TRUE;
}

/* An owner's own password change: with the new user key in place, every store the owner
 * holds is rotated in the same write, so the old password with an old slot, or a key kept
 * from before, opens nothing written from now on. The session goes on under the new key,
 * from the plan on: the grants it signs as itself are signed with the new one. */
static gboolean
plan_own_stores (AlcoveVault          *self,
                 AlcoveAccountChange  *change,
                 AlcoveHeader         *header,
                 const AlcoveSecret   *user_key,
                 GError              **error)
{
  g_auto(GStrv) database_ids = alcove_vault_dup_held_store_ids (self);

  change->previous_key = g_steal_pointer (&self->user_key);
  change->previous_signer = g_steal_pointer (&self->signer);
  self->user_key = alcove_secret_copy (user_key);
  self->signer = alcove_signer_new (user_key, ALCOVE_SIGNING_USER);
  change->plan = alcove_vault_plan_rekey (self, header, database_ids, NULL, NULL, error);
  if (change->plan == NULL)
    {
      restore_user_key (self, change);
      return FALSE;
    }
  return TRUE;
}

/* Without the authority key (anyone but an owner), a password change needs a
 * confirmation: the user key and every store the person held change with the password,
 * and only the authority may sign the new grants. */
gboolean
alcove_vault_password_change_needs_confirmation (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  return !alcove_vault_get_locked (self) && self->authority == NULL;
}

gboolean
alcove_vault_check_password_change (AlcoveVault         *self,
                                    const char          *username,
                                    const AlcoveSecret  *new_password,
                                    GError             **error)
{
  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;
  if (!alcove_vault_is_recovery_session (self) &&
      !g_str_equal (username, alcove_user_get_username (self->current_user)))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Only the account holder can change a password; a forgotten one "
                             "is reset with the recovery key"));
      return FALSE;
    }
  return alcove_password_quality_check (new_password, username, NULL, error);
}

/* A new user key, a slot for the new password, and, in the person's own session, every
 * store they held planned to be rotated in the same write. A recovery reset re-seals the
 * grants only, and commits at once: the old password was forgotten, not seen. */
static gboolean
replace_user_key (AlcoveVault            *self,
                  AlcoveAccountChange    *change,
                  const char             *username,
                  const AlcoveSecret     *new_password,
                  const AlcoveKdfParams  *kdf,
                  const AlcoveSlotKey    *slot_key,
                  GError                **error)
{
  gboolean recovery = alcove_vault_is_recovery_session (self);
  g_autoptr(AlcoveSecret) user_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  AlcoveHeader *header = edit_header (self);
  AlcoveHeaderUser *user = alcove_vault_find_account (header, username, error);
  AlcoveHeaderSlot *slot;

  if (user == NULL || user->disabled)
    {
      if (user != NULL)
        g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                     _("The account “%s” is disabled"), username);
      alcove_header_free (header);
      return FALSE;
    }
  if (!rekey_user (self, header, user, user_key, error) ||
      (slot = slot_key ? alcove_vault_make_password_slot_with_key (header, user, user_key,
                                                                   slot_key, error)
                       : alcove_vault_make_password_slot (header, user, user_key, new_password,
                                                          kdf, error)) == NULL)
    {
      alcove_header_free (header);
      return FALSE;
    }
  remove_slots_of_kind (user, "password", NULL);
  g_ptr_array_add (user->slots, slot);
  /* a password set here is the person's own (or a recovery reset's): a first sign-in left
   * open is over, and its slot with it */
  remove_slots_of_kind (user, "enrolment", NULL);
  user->first_sign_in = ALCOVE_FIRST_SIGN_IN_NONE;
  g_clear_pointer (&user->first_slot, g_free);
  if (change->edit != NULL && !change->edit (self, header, user, error))
    {
      alcove_header_free (header);
      return FALSE;
    }

  change->object_id = g_strdup (user->uuid);
  if (recovery)
    return alcove_vault_commit_header (self, header, error);
  return plan_own_stores (self, change, header, user_key, error);
}

/* `slot_key`: the new password's, derived ahead; NULL: derived here with `kdf`. `tried`:
 * the confirming owner's password, tried ahead; NULL: tried here. */
static AlcoveAccountChange *
begin_password_change (AlcoveVault              *self,
                       const char               *username,
                       const AlcoveSecret       *new_password,
                       const AlcoveKdfParams    *kdf,
                       const AlcoveSlotKey      *slot_key,
                       const AlcoveConfirmation *confirmation,
                       AlcovePasswordTry        *tried,
                       AlcoveAccountEdit         edit,
                       GError                  **error)
{
  g_autoptr(AlcoveAccountChange) change = g_new0 (AlcoveAccountChange, 1);
  g_autofree char *confirmer = NULL;
  const char *by;

  change->edit = edit;

  if (!alcove_vault_check_password_change (self, username, new_password, error))
    return NULL;
  if (self->authority == NULL && confirmation != NULL)
    {
      if (!alcove_vault_borrow_authority (self, confirmation, tried, error))
        return NULL;
      change->borrowed = TRUE;
      confirmer = alcove_vault_confirmer_id (self, confirmation);
    }
  if (self->authority == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION,
                           _("A practice owner confirms a password change, because your keys "
                             "change with it: ask an owner to type their password here, or "
                             "use the recovery key. Your password is unchanged."));
      return NULL;
    }
  by = alcove_vault_is_recovery_session (self) ? "recovery-key" : "self";
  change->action = ALCOVE_AUDIT_USER_PASSWORD;
  change->details = confirmer ? alcove_audit_details ("by", by, "confirmed_by", confirmer, NULL)
                              : alcove_audit_details ("by", by, NULL);
  if (!replace_user_key (self, change, username, new_password, kdf, slot_key, error))
    {
      if (change->borrowed)
        alcove_vault_return_authority (self);
      return NULL;
    }
  return g_steal_pointer (&change);
}

AlcoveAccountChange *
alcove_vault_begin_password_change (AlcoveVault              *self,
                                    const char               *username,
                                    const AlcoveSecret       *new_password,
                                    const AlcoveKdfParams    *kdf,
                                    const AlcoveSlotKey      *slot_key,
                                    const AlcoveConfirmation *confirmation,
                                    AlcovePasswordTry        *tried,
                                    GError                  **error)
{
  return begin_password_change (self, username, new_password, kdf, slot_key, confirmation, tried,
                                NULL, error);
}

static gboolean
change_password (AlcoveVault              *self,
                 const char               *username,
                 const AlcoveSecret       *new_password,
                 const AlcoveKdfParams    *kdf,
                 const AlcoveSlotKey      *slot_key,
                 const AlcoveConfirmation *confirmation,
                 AlcoveAccountEdit         edit,
                 GError                  **error)
{
  AlcoveAccountChange *change = begin_password_change (self, username, new_password, kdf,
                                                       slot_key, confirmation, NULL, edit, error);

  return change != NULL && run_account_change (self, change, error);
}

gboolean
alcove_vault_change_password_confirmed (AlcoveVault              *self,
                                        const char               *username,
                                        const AlcoveSecret       *new_password,
                                        const AlcoveKdfParams    *kdf,
                                        const AlcoveConfirmation *confirmation,
                                        GError                  **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  return change_password (self, username, new_password, kdf, NULL, confirmation, NULL, error);
}

gboolean
alcove_vault_change_password_editing (AlcoveVault              *self,
                                      const char               *username,
                                      const AlcoveSecret       *new_password,
                                      const AlcoveKdfParams    *kdf,
                                      const AlcoveConfirmation *confirmation,
                                      AlcoveAccountEdit         edit,
                                      GError                  **error)
{
  return change_password (self, username, new_password, kdf, NULL, confirmation, edit, error);
}

gboolean
alcove_vault_change_password_with_key (AlcoveVault          *self,
                                       const char           *username,
                                       const AlcoveSecret   *new_password,
                                       const AlcoveKdfParams *kdf,
                                       const AlcoveSlotKey  *slot_key,
                                       GError              **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  return change_password (self, username, new_password, kdf, slot_key, NULL, NULL, error);
}

gboolean
alcove_vault_change_password (AlcoveVault            *self,
                              const char             *username,
                              const AlcoveSecret     *new_password,
                              const AlcoveKdfParams  *kdf,
                              GError                **error)
{
  return alcove_vault_change_password_confirmed (self, username, new_password, kdf, NULL, error);
}

/* ---- the recovery key ---- */

/* A new recovery key, every store sealed to it again, the old one useless from then on.
 * Sealing needs every store's key: a solo owner holds them all, and so does a session
 * opened with the current recovery key; an owner of a group practice does not hold the
 * other clinicians' keys and is told to use the current recovery key. */
gboolean
alcove_vault_replace_recovery_key (AlcoveVault   *self,
                                   AlcoveSecret **recovery_code,
                                   GError       **error)
{
  g_autoptr(AlcoveSecret) recovery_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSigner) recovery_signer = alcove_signer_new (recovery_key,
                                                               ALCOVE_SIGNING_RECOVERY);
  AlcoveHeader *header;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (recovery_code != NULL, FALSE);

  if (!require_owner (self, error))
    return FALSE;
  for (guint i = 0; i < self->header->databases->len; i++)
    if (!g_hash_table_contains (self->database_keys,
                                ((AlcoveHeaderDatabase *) g_ptr_array_index (self->header->databases, i))->id))
      {
        g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                             _("Other clinicians’ notes are sealed to the current recovery key. "
                               "Sign in with it (“Forgot password?”) to replace it."));
        return FALSE;
      }

  header = edit_header (self);
  g_clear_pointer (&header->recovery_public, g_bytes_unref);
  header->recovery_public = alcove_crypto_public_key (recovery_key, ALCOVE_PURPOSE_RECOVERY);
  g_ptr_array_insert (header->recovery_signing, 0,
                      g_bytes_ref (alcove_signer_get_public_key (recovery_signer)));
  g_ptr_array_set_size (header->recovery_wraps, 0);
  for (guint i = 0; i <= header->databases->len; i++)
    {
      const char *id = i < header->databases->len
                         ? ((AlcoveHeaderDatabase *) g_ptr_array_index (header->databases, i))->id
                         : ALCOVE_AUTHORITY_ID;

      if (!alcove_vault_seal_for_recovery (self, header, id,
                                           g_hash_table_lookup (self->database_keys, id), error))
        {
          alcove_header_free (header);
          return FALSE;
        }
    }
  if (!alcove_vault_commit_header (self, header, error))
    return FALSE;
  alcove_vault_audit (self, ALCOVE_AUDIT_RECOVERY_REPLACE, self->header->vault_uuid, NULL);
  *recovery_code = alcove_crypto_recovery_code_format (recovery_key);
  return TRUE;
}

/* ---- the keyring slot of this computer ---- */

static gboolean
require_user_session (AlcoveVault  *self,
                      GError      **error)
{
  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;
  if (self->user_key == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Sign in as yourself to use the keyring"));
      return FALSE;
    }
  return TRUE;
}

/* The new slot of this computer in a copy of the header, wrapping the user key under a
 * new device key; nothing is written yet */
static AlcoveHeader *
prepare_keyring_slot (AlcoveVault         *self,
                      const AlcoveSecret  *device_key,
                      GError             **error)
{
  const char *uuid;
  AlcoveHeader *header;
  AlcoveHeaderUser *user;
  AlcoveHeaderSlot *slot;

  if (!require_user_session (self, error))
    return NULL;
  uuid = alcove_user_get_uuid (self->current_user);
  header = edit_header (self);
  user = alcove_header_find_user (header, uuid);
  remove_slots_of_kind (user, "keyring", g_get_host_name ());

  slot = g_new0 (AlcoveHeaderSlot, 1);
  slot->id = g_uuid_string_random ();
  slot->kind = g_strdup ("keyring");
  slot->label = g_strdup (g_get_host_name ());
  g_ptr_array_add (user->slots, slot);
  if (!alcove_vault_wrap_slot (header, user, slot, device_key, self->user_key, error))
    {
      alcove_header_free (header);
      return NULL;
    }
  return header;
}

/* Once the keyring holds the device key: a header slot without its key in the keyring
 * would be a dead end. `header` is taken. */
static gboolean
commit_keyring_slot (AlcoveVault   *self,
                     AlcoveHeader  *header,
                     gboolean       wait,
                     GError       **error)
{
  const char *uuid = alcove_user_get_uuid (self->current_user);

  if (!alcove_vault_commit_header (self, header, error))
    {
      if (wait)
        alcove_keyring_remove (self->header->vault_uuid, uuid, NULL, NULL);
      else
        alcove_keyring_remove_async (self->header->vault_uuid, uuid, NULL, NULL, NULL);
      return FALSE;
    }
  alcove_vault_audit (self, ALCOVE_AUDIT_KEYRING_ADD, uuid, NULL);
  alcove_vault_refresh_current_user (self);
  return TRUE;
}

gboolean
alcove_vault_add_keyring_slot (AlcoveVault   *self,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(AlcoveSecret) device_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  AlcoveHeader *header;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  header = prepare_keyring_slot (self, device_key, error);
  if (header == NULL)
    return FALSE;
  if (!alcove_keyring_store (header->vault_uuid, alcove_user_get_uuid (self->current_user),
                             device_key, cancellable, error))
    {
      alcove_header_free (header);
      return FALSE;
    }
  return commit_keyring_slot (self, header, TRUE, error);
}

/* Adding or removing the slot of this computer: the vault's header it began from, and the
 * change */
typedef struct
{
  guint64       header_serial;
  AlcoveHeader *header;
  char         *vault_uuid;
  char         *user_uuid;
} KeyringSlotChange;

static void
keyring_slot_change_free (KeyringSlotChange *change)
{
  g_clear_pointer (&change->header, alcove_header_free);
  g_free (change->vault_uuid);
  g_free (change->user_uuid);
  g_free (change);
}

static KeyringSlotChange *
keyring_slot_change_new (AlcoveVault  *self,
                         AlcoveHeader *header)
{
  KeyringSlotChange *change = g_new0 (KeyringSlotChange, 1);

  change->header_serial = self->header_serial;
  change->header = header;
  change->vault_uuid = g_strdup (self->header->vault_uuid);
  change->user_uuid = g_strdup (alcove_user_get_uuid (self->current_user));
  return change;
}

static void
keyring_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlcoveVault *self = g_task_get_source_object (task);
  KeyringSlotChange *change = g_task_get_task_data (task);
  GError *error = NULL;

  if (!alcove_keyring_store_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* the session it was for has gone, or its header moved on: the item opens nothing */
  if (!alcove_vault_check_unchanged (self, change->header_serial, &error))
    {
      alcove_keyring_remove_async (change->vault_uuid, change->user_uuid, NULL, NULL, NULL);
      g_task_return_error (task, error);
      return;
    }
  if (!commit_keyring_slot (self, g_steal_pointer (&change->header), FALSE, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* As alcove_vault_add_keyring_slot(), without waiting for the keyring: the header is
 * written when the keyring has stored the key. Cancelled before, nothing changes. */
void
alcove_vault_add_keyring_slot_async (AlcoveVault         *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(AlcoveSecret) device_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(GTask) task = NULL;
  KeyringSlotChange *change;
  AlcoveHeader *header;
  GError *error = NULL;

  g_return_if_fail (ALCOVE_IS_VAULT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_vault_add_keyring_slot_async);
  g_task_set_check_cancellable (task, FALSE);
  if (g_task_return_error_if_cancelled (task))
    return;
  header = prepare_keyring_slot (self, device_key, &error);
  if (header == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  change = keyring_slot_change_new (self, header);
  g_task_set_task_data (task, change, (GDestroyNotify) keyring_slot_change_free);
  alcove_keyring_store_async (change->vault_uuid, change->user_uuid, device_key, cancellable,
                              keyring_stored_cb, g_object_ref (task));
}

gboolean
alcove_vault_add_keyring_slot_finish (AlcoveVault   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The slot of this computer gone from the header, written; the keyring's item is removed
 * after */
static gboolean
remove_keyring_slot_from_header (AlcoveVault  *self,
                                 GError      **error)
{
  const char *uuid;
  AlcoveHeader *header;

  if (!require_user_session (self, error))
    return FALSE;
  uuid = alcove_user_get_uuid (self->current_user);
  header = edit_header (self);
  remove_slots_of_kind (alcove_header_find_user (header, uuid), "keyring", g_get_host_name ());
  return alcove_vault_commit_header (self, header, error);
}

gboolean
alcove_vault_remove_keyring_slot (AlcoveVault   *self,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GError) keyring_error = NULL;
  const char *uuid;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (!remove_keyring_slot_from_header (self, error))
    return FALSE;
  uuid = alcove_user_get_uuid (self->current_user);
  /* The slot is gone, so the item opens nothing now; removing it is tidiness. */
  if (!alcove_keyring_remove (self->header->vault_uuid, uuid, cancellable, &keyring_error))
    g_debug ("The keyring item was not removed: %s", keyring_error->message);
  alcove_vault_audit (self, ALCOVE_AUDIT_KEYRING_REMOVE, uuid, NULL);
  alcove_vault_refresh_current_user (self);
  return TRUE;
}

static void
keyring_removed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!alcove_keyring_remove_finish (result, &error))
    g_debug ("The keyring item was not removed: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* As alcove_vault_remove_keyring_slot(): the header written at once, the keyring's item
 * removed without waiting for the keyring */
void
alcove_vault_remove_keyring_slot_async (AlcoveVault         *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  const char *uuid;

  g_return_if_fail (ALCOVE_IS_VAULT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_vault_remove_keyring_slot_async);
  g_task_set_check_cancellable (task, FALSE);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!remove_keyring_slot_from_header (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  uuid = alcove_user_get_uuid (self->current_user);
  alcove_vault_audit (self, ALCOVE_AUDIT_KEYRING_REMOVE, uuid, NULL);
  alcove_vault_refresh_current_user (self);
  alcove_keyring_remove_async (self->header->vault_uuid, uuid, cancellable, keyring_removed_cb,
                               g_object_ref (task));
}

gboolean
alcove_vault_remove_keyring_slot_finish (AlcoveVault   *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
