/* alcove-vault-people.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-password-quality.h"
#include "alcove-vault-private.h"

/* The people of a practice as an owner manages them: roles, disabling and enabling again,
 * supervision, and a new person's first sign-in. Every change is made on a copy of the
 * header and committed in one signed write, which needs the practice's authority (an
 * owner's session or the recovery key's); a key someone loses is rotated, or handed over
 * to its holders when this session does not hold it (alcove-vault-handover.c), as when an
 * account is disabled. Nothing may leave the practice without an active owner. */

static gboolean
is_current_user (AlcoveVault      *self,
                 AlcoveHeaderUser *user)
{
  return self->current_user != NULL &&
         g_str_equal (user->uuid, alcove_user_get_uuid (self->current_user));
}

static char *
notes_id_of (const AlcoveHeaderUser *user)
{
  return g_strdup_printf ("notes:%s", user->uuid);
}

/* ---- the last owner ---- */

static guint
count_active_owners (const AlcoveHeader *header)
{
  guint n = 0;

  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      n += user->role == ALCOVE_ROLE_OWNER && !user->disabled;
    }
  return n;
}

gboolean
alcove_vault_check_keeps_an_owner (AlcoveVault  *self,
                                   const char   *username,
                                   GError      **error)
{
  AlcoveHeaderUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self) && self->header != NULL, FALSE);

  user = alcove_header_find_user (self->header, username);
  if (user == NULL || user->role != ALCOVE_ROLE_OWNER || user->disabled ||
      count_active_owners (self->header) > 1)
    return TRUE;
  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
               _("%s is the practice’s only owner. Make someone else an owner first, so that "
                 "someone can still manage people and keys."), user->full_name);
  return FALSE;
}

/* Only a session holding the authority key signs a change of people: the role shown is not
 * what counts, the key is */
gboolean
alcove_vault_can_manage_people (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  return !alcove_vault_get_locked (self) && self->authority != NULL;
}

/* ---- supervision ---- */

static gboolean
is_active_supervisor (const AlcoveHeaderUser *user)
{
  return user != NULL && user->role == ALCOVE_ROLE_SUPERVISOR && !user->disabled;
}

/* A key to `clinician`'s progress notes sealed to `supervisor`, by someone entitled to */
static gboolean
has_supervision_grant (const AlcoveHeader     *header,
                       const AlcoveHeaderUser *supervisor,
                       const AlcoveHeaderUser *clinician)
{
  g_autofree char *notes_id = notes_id_of (clinician);
  AlcoveHeaderGrant *grant = alcove_header_find_grant (header, supervisor->uuid, notes_id);

  return grant != NULL && alcove_vault_grant_is_trusted (header, grant);
}

static gboolean
supervises (const AlcoveHeader     *header,
            const AlcoveHeaderUser *supervisor,
            const AlcoveHeaderUser *clinician)
{
  return is_active_supervisor (supervisor) && !clinician->disabled &&
         alcove_role_writes_notes (clinician->role) &&
         (has_supervision_grant (header, supervisor, clinician) ||
          alcove_header_user_has_supervisor (clinician, supervisor->uuid));
}

static GStrv
dup_supervision (AlcoveVault *self,
                 const char  *username,
                 gboolean     of_clinician)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  AlcoveHeaderUser *person;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self) && self->header != NULL, NULL);

  person = alcove_header_find_user (self->header, username);
  for (guint i = 0; person != NULL && i < self->header->users->len; i++)
    {
      AlcoveHeaderUser *other = g_ptr_array_index (self->header->users, i);

      if (of_clinician ? supervises (self->header, other, person)
                       : supervises (self->header, person, other))
        g_strv_builder_add (names, other->username);
    }
  return g_strv_builder_end (names);
}

GStrv
alcove_vault_dup_supervisors (AlcoveVault *self,
                              const char  *clinician)
{
  return dup_supervision (self, clinician, TRUE);
}

GStrv
alcove_vault_dup_supervisees (AlcoveVault *self,
                              const char  *supervisor)
{
  return dup_supervision (self, supervisor, FALSE);
}

gboolean
alcove_vault_supervision_is_pending (AlcoveVault *self,
                                     const char  *supervisor,
                                     const char  *clinician)
{
  AlcoveHeaderUser *supervisor_user, *clinician_user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self) && self->header != NULL, FALSE);

  supervisor_user = alcove_header_find_user (self->header, supervisor);
  clinician_user = alcove_header_find_user (self->header, clinician);
  return supervisor_user != NULL && clinician_user != NULL &&
         supervises (self->header, supervisor_user, clinician_user) &&
         !has_supervision_grant (self->header, supervisor_user, clinician_user);
}

static gboolean
check_supervision_pair (AlcoveHeaderUser  *supervisor,
                        AlcoveHeaderUser  *clinician,
                        GError           **error)
{
  if (!is_active_supervisor (supervisor))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("“%s” is not an active clinical supervisor"), supervisor->username);
      return FALSE;
    }
  if (clinician->disabled || !alcove_role_writes_notes (clinician->role))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("“%s” writes no progress notes to supervise"), clinician->username);
      return FALSE;
    }
  return TRUE;
}

/* An owner assigns (signed, in the clinician's entry); whoever holds the clinician's notes
 * key (the clinician, or the recovery key) seals it to the supervisor now, or else the
 * clinician's next sign-in does. A clinician may still share their own notes with an
 * active supervisor without an owner, as before format 3. */
gboolean
alcove_vault_grant_supervision (AlcoveVault  *self,
                                const char   *supervisor,
                                const char   *clinician,
                                GError      **error)
{
  AlcoveHeader *header;
  AlcoveHeaderUser *supervisor_user, *clinician_user;
  g_autofree char *notes_id = NULL;
  g_autofree char *details = NULL;
  g_autofree char *supervisor_uuid = NULL;
  AlcoveSecret *notes_key;
  gboolean assigning = self->authority != NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;
  header = alcove_vault_copy_header (self);
  supervisor_user = alcove_vault_find_account (header, supervisor, error);
  clinician_user = supervisor_user ? alcove_vault_find_account (header, clinician, error) : NULL;
  if (clinician_user == NULL || !check_supervision_pair (supervisor_user, clinician_user, error))
    {
      alcove_header_free (header);
      return FALSE;
    }

  notes_id = notes_id_of (clinician_user);
  notes_key = g_hash_table_lookup (self->database_keys, notes_id);
  if (notes_key == NULL && !assigning)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                   _("Only %s, an owner or the recovery key can share %s’s progress notes"),
                   clinician, clinician);
      alcove_header_free (header);
      return FALSE;
    }
  if (assigning && !alcove_header_user_has_supervisor (clinician_user, supervisor_user->uuid))
    g_ptr_array_add (clinician_user->supervisors, g_strdup (supervisor_user->uuid));
  if (notes_key != NULL &&
      alcove_header_find_grant (header, supervisor_user->uuid, notes_id) == NULL &&
      !alcove_vault_grant (self, header, supervisor_user, notes_id, notes_key, error))
    {
      alcove_header_free (header);
      return FALSE;
    }
  supervisor_uuid = g_strdup (supervisor_user->uuid);
  details = alcove_audit_details ("database", notes_id,
                                  "sealed", notes_key != NULL ? "now" : "at-next-sign-in", NULL);
  if (!alcove_vault_commit_header (self, header, error))
    return FALSE;
  alcove_vault_audit (self, ALCOVE_AUDIT_USER_SUPERVISION, supervisor_uuid, details);
  return TRUE;
}

/* At a clinician's sign-in: each supervisor an owner assigned who holds no key to their
 * progress notes yet gets one, signed by the clinician. Never their psychotherapy notes. */
void
alcove_vault_honour_supervision (AlcoveVault *self)
{
  g_autoptr(GError) error = NULL;
  AlcoveHeaderUser *clinician;
  AlcoveHeader *header;
  g_autofree char *notes_id = NULL;
  AlcoveSecret *notes_key;
  g_autoptr(GPtrArray) granted = g_ptr_array_new_with_free_func (g_free);

  if (self->current_user == NULL)
    return;
  clinician = alcove_header_find_user (self->header, alcove_user_get_uuid (self->current_user));
  if (clinician == NULL || clinician->supervisors->len == 0)
    return;
  notes_id = notes_id_of (clinician);
  notes_key = g_hash_table_lookup (self->database_keys, notes_id);
  header = alcove_vault_copy_header (self);
  clinician = alcove_header_find_user (header, clinician->uuid);
  for (guint i = 0; notes_key != NULL && i < clinician->supervisors->len; i++)
    {
      const char *uuid = g_ptr_array_index (clinician->supervisors, i);
      AlcoveHeaderUser *supervisor = alcove_header_find_user (header, uuid);

      if (!is_active_supervisor (supervisor) ||
          alcove_header_find_grant (header, supervisor->uuid, notes_id) != NULL)
        continue;
      if (!alcove_vault_grant (self, header, supervisor, notes_id, notes_key, &error))
        break;
      g_ptr_array_add (granted, g_strdup (supervisor->uuid));
    }
  if (error != NULL || granted->len == 0)
    {
      if (error != NULL)
        g_warning ("An assigned supervisor was not given the notes’ key: %s", error->message);
      alcove_header_free (header);
      return;
    }
  if (!alcove_vault_commit_header (self, header, &error))
    {
      g_warning ("An assigned supervisor was not given the notes’ key: %s", error->message);
      return;
    }
  for (guint i = 0; i < granted->len; i++)
    {
      g_autofree char *details = alcove_audit_details ("database", notes_id,
                                                       "sealed", "assigned", NULL);
      alcove_vault_audit (self, ALCOVE_AUDIT_USER_SUPERVISION, g_ptr_array_index (granted, i),
                          details);
    }
}

/* Keys to `database_ids` went from `header`: those this session holds are copied under new
 * keys with the commit, the others handed over to whoever keeps them; either way, a key
 * the person kept opens nothing written from now on. Takes `header`. */
static gboolean
rotate_or_hand_over (AlcoveVault   *self,
                     AlcoveHeader  *header,
                     GPtrArray     *database_ids,
                     const char    *revoked_uuid,
                     GError       **error)
{
  g_autoptr(GStrvBuilder) rotate = g_strv_builder_new ();
  g_auto(GStrv) held = NULL;

  for (guint i = 0; i < database_ids->len; i++)
    {
      const char *id = g_ptr_array_index (database_ids, i);

      if (g_hash_table_contains (self->database_keys, id))
        g_strv_builder_add (rotate, id);
      else if (!alcove_vault_hand_over (self, header, id, error))
        {
          alcove_header_free (header);
          return FALSE;
        }
    }
  held = g_strv_builder_end (rotate);
  if (held[0] == NULL)
    return alcove_vault_commit_header (self, header, error);
  return alcove_vault_rotate_and_commit (self, header, held, revoked_uuid, NULL, NULL, NULL,
                                         error);
}

static void
remove_grant (AlcoveHeader *header,
              const char   *user_uuid,
              const char   *database_id)
{
  for (guint i = header->grants->len; i > 0; i--)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i - 1);

      if (g_str_equal (grant->user, user_uuid) && g_str_equal (grant->database, database_id))
        g_ptr_array_remove_index (header->grants, i - 1);
    }
}

gboolean
alcove_vault_end_supervision (AlcoveVault  *self,
                              const char   *supervisor,
                              const char   *clinician,
                              GError      **error)
{
  AlcoveHeader *header;
  AlcoveHeaderUser *supervisor_user, *clinician_user;
  g_autoptr(GPtrArray) lost = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *notes_id = NULL;
  g_autofree char *supervisor_uuid = NULL;
  g_autofree char *details = NULL;
  gboolean granted;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (!alcove_vault_require_authority (self, error))
    return FALSE;
  header = alcove_vault_copy_header (self);
  supervisor_user = alcove_vault_find_account (header, supervisor, error);
  clinician_user = supervisor_user ? alcove_vault_find_account (header, clinician, error) : NULL;
  if (clinician_user == NULL)
    {
      alcove_header_free (header);
      return FALSE;
    }
  notes_id = notes_id_of (clinician_user);
  granted = alcove_header_find_grant (header, supervisor_user->uuid, notes_id) != NULL;
  if (!granted && !alcove_header_user_has_supervisor (clinician_user, supervisor_user->uuid))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                   _("%s does not supervise %s"), supervisor, clinician);
      alcove_header_free (header);
      return FALSE;
    }
  alcove_header_remove_supervisor (header, supervisor_user->uuid, clinician_user->uuid);
  remove_grant (header, supervisor_user->uuid, notes_id);
  supervisor_uuid = g_strdup (supervisor_user->uuid);
  details = alcove_audit_details ("database", notes_id, NULL);
  /* an assignment never carried out gave no key: nothing to rotate */
  if (granted)
    g_ptr_array_add (lost, g_strdup (notes_id));
  if (!rotate_or_hand_over (self, header, lost, supervisor_uuid, error))
    return FALSE;
  alcove_vault_audit (self, ALCOVE_AUDIT_USER_UNSUPERVISE, supervisor_uuid, details);
  return TRUE;
}

/* ---- roles ---- */

/* Whether `user`, in their role now, is entitled to `database_id` */
static gboolean
entitled_now (const AlcoveHeaderUser *user,
              const char             *database_id)
{
  g_autofree char *own_notes = notes_id_of (user);
  g_autofree char *own_private = g_strdup_printf ("private:%s", user->uuid);

  if (g_str_equal (database_id, ALCOVE_PRACTICE_DB))
    return TRUE;
  if (g_str_equal (database_id, ALCOVE_AUTHORITY_ID))
    return user->role == ALCOVE_ROLE_OWNER;
  if (g_str_equal (database_id, own_notes) || g_str_equal (database_id, own_private))
    return alcove_role_writes_notes (user->role);
  return user->role == ALCOVE_ROLE_SUPERVISOR && g_str_has_prefix (database_id, "notes:");
}

/* What a person no longer opens in their new role: their grants go, and their own notes'
 * supervisors' too when they write none any more. The stores are listed in `lost`. */
static void
take_away_lost (AlcoveHeader     *header,
                AlcoveHeaderUser *user,
                GPtrArray        *lost)
{
  for (guint i = header->grants->len; i > 0; i--)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i - 1);

      if (!g_str_equal (grant->user, user->uuid) || entitled_now (user, grant->database) ||
          g_str_equal (grant->database, ALCOVE_AUTHORITY_ID))
        continue;
      g_ptr_array_add (lost, g_strdup (grant->database));
      g_ptr_array_remove_index (header->grants, i - 1);
    }
  if (user->role != ALCOVE_ROLE_SUPERVISOR)
    alcove_header_remove_supervisor (header, user->uuid, NULL);
  if (!alcove_role_writes_notes (user->role))
    {
      g_autofree char *notes_id = notes_id_of (user);
      gboolean shared = FALSE;

      for (guint i = 0; i < header->grants->len; i++)
        {
          AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);

          shared |= g_str_equal (grant->database, notes_id);
        }
      alcove_vault_end_supervision_of (header, user);
      if (shared && !g_ptr_array_find_with_equal_func (lost, notes_id, g_str_equal, NULL))
        g_ptr_array_add (lost, g_steal_pointer (&notes_id));
    }
}

/* A note writer's own stores: sealed again if they had some (the session must hold them:
 * they were the recovery key's since), made new and empty if they never had */
static gboolean
give_own_stores (AlcoveVault       *self,
                 AlcoveHeader      *header,
                 AlcoveHeaderUser  *user,
                 GPtrArray         *created,
                 GError           **error)
{
  const char *kinds[] = { "notes", "private" };
  g_autofree char *notes_id = notes_id_of (user);

  if (alcove_header_find_database (header, notes_id) == NULL)
    return alcove_vault_create_user_stores (self, header, user, created, error);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *id = g_strdup_printf ("%s:%s", kinds[i], user->uuid);
      AlcoveSecret *key = g_hash_table_lookup (self->database_keys, id);

      if (alcove_header_find_grant (header, user->uuid, id) != NULL)
        continue;
      if (key == NULL)
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                       _("%s’s earlier notes are kept sealed to the recovery key. Sign in with "
                         "the recovery key (“Forgot password?” on the sign-in page) to give "
                         "them back."), user->full_name);
          return FALSE;
        }
      if (!alcove_vault_grant (self, header, user, id, key, error))
        return FALSE;
    }
  return TRUE;
}

/* What a person opens in their role that they do not yet: the authority's seed for an
 * owner, their own stores for a note writer */
static gboolean
give_entitled (AlcoveVault       *self,
               AlcoveHeader      *header,
               AlcoveHeaderUser  *user,
               GPtrArray         *created,
               GError           **error)
{
  if (!alcove_vault_grant (self, header, user, ALCOVE_PRACTICE_DB,
                           g_hash_table_lookup (self->database_keys, ALCOVE_PRACTICE_DB), error))
    return FALSE;
  if (user->role == ALCOVE_ROLE_OWNER &&
      !alcove_vault_grant (self, header, user, ALCOVE_AUTHORITY_ID,
                           g_hash_table_lookup (self->database_keys, ALCOVE_AUTHORITY_ID), error))
    return FALSE;
  return !alcove_role_writes_notes (user->role) ||
         give_own_stores (self, header, user, created, error);
}

static gboolean
check_role_change (AlcoveVault       *self,
                   AlcoveHeaderUser  *user,
                   AlcoveRole         role,
                   GError           **error)
{
  if (role >= ALCOVE_N_ROLES)
    return alcove_error_invalid (error, _("Choose one of the practice’s roles"));
  if (is_current_user (self, user))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("You cannot change your own role; another owner can"));
  if (user->disabled)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("%s’s account is disabled: enable it first"), user->full_name);
  if (user->role == ALCOVE_ROLE_OWNER && role != ALCOVE_ROLE_OWNER)
    return alcove_vault_check_keeps_an_owner (self, user->username, error);
  return TRUE;
}

/* The grants a new role no longer allows go, and the stores behind them are rotated or
 * handed over; a former owner's authority key is succeeded by a new one; what the new role
 * allows is sealed to the person, and a new note writer gets their own stores. */
gboolean
alcove_vault_set_role (AlcoveVault  *self,
                       const char   *username,
                       AlcoveRole    role,
                       GError      **error)
{
  g_autoptr(GPtrArray) lost = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AlcoveSigner) previous = NULL;
  g_autoptr(AlcoveSecret) previous_seed = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *details = NULL;
  AlcoveHeader *header;
  AlcoveHeaderUser *user;
  AlcoveRole was;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (!alcove_vault_require_authority (self, error))
    return FALSE;
  header = alcove_vault_copy_header (self);
  user = alcove_vault_find_account (header, username, error);
  if (user == NULL || !check_role_change (self, user, role, error))
    {
      alcove_header_free (header);
      return FALSE;
    }
  if (user->role == role)
    {
      alcove_header_free (header);
      return TRUE;
    }
  was = user->role;
  user->role = role;
  uuid = g_strdup (user->uuid);
  details = alcove_audit_details ("from", alcove_role_to_string (was),
                                  "to", alcove_role_to_string (role), NULL);
  take_away_lost (header, user, lost);
  if ((was == ALCOVE_ROLE_OWNER &&
       !alcove_vault_succeed_authority (self, header, &previous, &previous_seed, error)) ||
      (was != ALCOVE_ROLE_OWNER && role == ALCOVE_ROLE_OWNER &&
       !alcove_vault_grant (self, header, user, ALCOVE_AUTHORITY_ID,
                            g_hash_table_lookup (self->database_keys, ALCOVE_AUTHORITY_ID),
                            error)) ||
      (alcove_role_writes_notes (role) && !alcove_role_writes_notes (was) &&
       !give_own_stores (self, header, user, created, error)))
    {
      if (previous != NULL)
        alcove_vault_restore_authority (self, g_steal_pointer (&previous),
                                        g_steal_pointer (&previous_seed));
      alcove_vault_remove_files (created);
      alcove_header_free (header);
      return FALSE;
    }
  if (!rotate_or_hand_over (self, header, lost, uuid, error))
    {
      if (previous != NULL && !alcove_vault_get_locked (self))
        alcove_vault_restore_authority (self, g_steal_pointer (&previous),
                                        g_steal_pointer (&previous_seed));
      alcove_vault_remove_files (created);
      return FALSE;
    }
  alcove_vault_audit (self, ALCOVE_AUDIT_USER_ROLE, uuid, details);
  return TRUE;
}

/* ---- enabling again ---- */

/* A new user key and a first password the person changes at their first sign-in: whatever
 * they kept from before opens nothing, and the keys they held were rotated or handed over
 * when they were disabled. */
gboolean
alcove_vault_enable_user (AlcoveVault            *self,
                          const char             *username,
                          const AlcoveSecret     *first_password,
                          const AlcoveKdfParams  *kdf,
                          GError                **error)
{
  g_autoptr(AlcoveSecret) user_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(AlcoveSlotKey) slot_key = NULL;
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *uuid = NULL;
  AlcoveHeader *header;
  AlcoveHeaderUser *user;
  AlcoveHeaderSlot *slot;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (first_password != NULL, FALSE);

  if (!alcove_vault_require_authority (self, error))
    return FALSE;
  header = alcove_vault_copy_header (self);
  user = alcove_vault_find_account (header, username, error);
  if (user == NULL || !user->disabled)
    {
      if (user != NULL)
        g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                     _("%s’s account is not disabled"), user->full_name);
      alcove_header_free (header);
      return FALSE;
    }
  if (!alcove_password_quality_check (first_password, username, NULL, error) ||
      (slot_key = alcove_slot_key_derive (first_password, kdf, error)) == NULL)
    {
      alcove_header_free (header);
      return FALSE;
    }
  user->disabled = FALSE;
  alcove_vault_set_user_keys (user, user_key);
  slot = alcove_vault_make_secret_slot (header, user, user_key, slot_key, "password", error);
  if (slot == NULL || !give_entitled (self, header, user, created, error))
    {
      g_clear_pointer (&slot, alcove_header_slot_free);
      alcove_vault_remove_files (created);
      alcove_header_free (header);
      return FALSE;
    }
  g_ptr_array_add (user->slots, slot);
  user->first_sign_in = ALCOVE_FIRST_SIGN_IN_PASSWORD;
  user->first_slot = g_strdup (slot->id);
  uuid = g_strdup (user->uuid);
  if (!alcove_vault_commit_header (self, header, error))
    {
      alcove_vault_remove_files (created);
      return FALSE;
    }
  alcove_vault_audit (self, ALCOVE_AUDIT_USER_ENABLE, uuid, NULL);
  return TRUE;
}

/* ---- a forgotten password ---- */

/* The stores `user` holds, but not the authority's seed (an owner's session holds it) */
static GPtrArray *
stores_held_by (const AlcoveHeader     *header,
                const AlcoveHeaderUser *user)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);

      if (g_str_equal (grant->user, user->uuid))
        g_ptr_array_add (ids, g_strdup (grant->database));
    }
  return ids;
}

gboolean
alcove_vault_reset_needs_recovery_key (AlcoveVault *self,
                                       const char  *username)
{
  g_autoptr(GPtrArray) ids = NULL;
  AlcoveHeaderUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self) && self->header != NULL, TRUE);

  user = alcove_header_find_user (self->header, username);
  if (user == NULL)
    return TRUE;
  ids = stores_held_by (self->header, user);
  for (guint i = 0; i < ids->len; i++)
    if (!g_hash_table_contains (self->database_keys, g_ptr_array_index (ids, i)))
      return TRUE;
  return FALSE;
}

/* A store's key from its recovery copy, the recovery key typed as a confirmation */
static AlcoveSecret *
open_recovery_copy (AlcoveVault         *self,
                    const AlcoveSecret  *recovery_key,
                    const char          *database_id,
                    GError             **error)
{
  AlcoveHeaderRecoveryWrap *wrap = alcove_header_find_recovery_wrap (self->header, database_id);
  g_autofree char *ad = alcove_header_recovery_ad (self->header, database_id);

  if (wrap == NULL || !alcove_vault_recovery_wrap_is_trusted (self->header, wrap) ||
      alcove_header_has_retiring (self->header, database_id))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FAILED,
                   _("%s waits for a new key: sign in with the recovery key first (“Forgot "
                     "password?” on the sign-in page), which finishes it"), database_id);
      return NULL;
    }
  return alcove_crypto_open_sealed (recovery_key, ALCOVE_PURPOSE_RECOVERY, wrap->ephemeral,
                                    wrap->nonce, wrap->wrapped, ad, error);
}

static AlcoveSecret *
recovery_key_of (AlcoveVault         *self,
                 const AlcoveSecret  *recovery_code,
                 GError             **error)
{
  g_autoptr(AlcoveSecret) key = NULL;
  g_autoptr(GBytes) public_key = NULL;

  if (recovery_code == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION,
                           _("This person keeps notes no owner holds a key to: type the "
                             "recovery key to reset their password"));
      return NULL;
    }
  key = alcove_crypto_recovery_code_parse (recovery_code, error);
  if (key == NULL)
    return NULL;
  public_key = alcove_crypto_public_key (key, ALCOVE_PURPOSE_RECOVERY);
  if (!g_bytes_equal (public_key, self->header->recovery_public))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                           _("That recovery key belongs to another vault, or was replaced"));
      return NULL;
    }
  return g_steal_pointer (&key);
}

/* Every key `user` holds, from this session or, with the recovery key, from its recovery
 * copy: database id → AlcoveSecret */
static GHashTable *
collect_keys (AlcoveVault         *self,
              AlcoveHeaderUser    *user,
              const AlcoveSecret  *recovery_code,
              GError             **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) alcove_secret_free);
  g_autoptr(GPtrArray) ids = stores_held_by (self->header, user);
  g_autoptr(AlcoveSecret) recovery_key = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      AlcoveSecret *held = g_hash_table_lookup (self->database_keys, id);
      AlcoveSecret *key;

      if (held == NULL && recovery_key == NULL &&
          (recovery_key = recovery_key_of (self, recovery_code, error)) == NULL)
        return NULL;
      key = held ? alcove_secret_copy (held) : open_recovery_copy (self, recovery_key, id, error);
      if (key == NULL)
        return NULL;
      g_hash_table_insert (keys, g_strdup (id), key);
    }
  return g_steal_pointer (&keys);
}

/* In `header`: a new user key for `user`, every key they held sealed to it again, and a
 * first password as their only slot */
static gboolean
rekey_with_first_password (AlcoveVault          *self,
                           AlcoveHeader         *header,
                           AlcoveHeaderUser     *user,
                           GHashTable           *keys,
                           const AlcoveSlotKey  *slot_key,
                           GError              **error)
{
  g_autoptr(AlcoveSecret) user_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  AlcoveHeaderSlot *slot;
  GHashTableIter iter;
  gpointer id, key;

  alcove_vault_resign_grants_made_by (self, header, user);
  alcove_header_remove_grants (header, user->uuid);
  g_ptr_array_set_size (user->slots, 0);
  alcove_vault_set_user_keys (user, user_key);
  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &id, &key))
    if (!alcove_vault_grant (self, header, user, id, key, error))
      return FALSE;
  slot = alcove_vault_make_secret_slot (header, user, user_key, slot_key, "password", error);
  if (slot == NULL)
    return FALSE;
  g_ptr_array_add (user->slots, slot);
  user->first_sign_in = ALCOVE_FIRST_SIGN_IN_PASSWORD;
  g_free (user->first_slot);
  user->first_slot = g_strdup (slot->id);
  return TRUE;
}

/* An owner resets a forgotten password: the person gets a new user key and a first password
 * they change at their next sign-in. What they held is sealed to the new key; the stores no
 * owner holds (their own notes, a supervisor's supervisees') need the recovery key. Their
 * keyring items and any password kept with the old key open nothing any more. */
gboolean
alcove_vault_reset_person (AlcoveVault            *self,
                           const char             *username,
                           const AlcoveSecret     *first_password,
                           const AlcoveKdfParams  *kdf,
                           const AlcoveSecret     *recovery_code,
                           GError                **error)
{
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(AlcoveSlotKey) slot_key = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *details = NULL;
  AlcoveHeader *header;
  AlcoveHeaderUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (first_password != NULL, FALSE);

  if (!alcove_vault_require_authority (self, error))
    return FALSE;
  user = alcove_vault_find_account (self->header, username, error);
  if (user == NULL)
    return FALSE;
  if (user->disabled)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("%s’s account is disabled: enable it with a new password"),
                               user->full_name);
  if (is_current_user (self, user))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("Change your own password in Preferences, Privacy"));
  if (!alcove_password_quality_check (first_password, username, NULL, error) ||
      (keys = collect_keys (self, user, recovery_code, error)) == NULL ||
      (slot_key = alcove_slot_key_derive (first_password, kdf, error)) == NULL)
    return FALSE;

  header = alcove_vault_copy_header (self);
  user = alcove_header_find_user (header, username);
  if (!rekey_with_first_password (self, header, user, keys, slot_key, error))
    {
      alcove_header_free (header);
      return FALSE;
    }
  uuid = g_strdup (user->uuid);
  details = alcove_audit_details ("by", "owner", "confirmed_by",
                                  recovery_code ? "recovery-key" : "none", NULL);
  if (!alcove_vault_commit_header (self, header, error))
    return FALSE;
  alcove_vault_audit (self, ALCOVE_AUDIT_USER_PASSWORD, uuid, details);
  return TRUE;
}

/* ---- a first sign-in ---- */

/* In the signed write that gives the person their own password: the first slot goes, the
 * owner's note that they had none goes, and an owner's authority key, which the first
 * secret could reach, is succeeded by one it cannot */
static gboolean
finish_first_sign_in_cb (AlcoveVault       *self,
                         AlcoveHeader      *header,
                         AlcoveHeaderUser  *user,
                         GError           **error)
{
  g_autoptr(AlcoveSigner) previous = NULL;
  g_autoptr(AlcoveSecret) previous_seed = NULL;

  for (guint i = user->slots->len; i > 0; i--)
    if (g_strcmp0 (((AlcoveHeaderSlot *) g_ptr_array_index (user->slots, i - 1))->id,
                   user->first_slot) == 0)
      g_ptr_array_remove_index (user->slots, i - 1);
  user->first_sign_in = ALCOVE_FIRST_SIGN_IN_NONE;
  g_clear_pointer (&user->first_slot, g_free);
  /* on failure the session is locked: the earlier key needs no putting back */
  return user->role != ALCOVE_ROLE_OWNER ||
         alcove_vault_succeed_authority (self, header, &previous, &previous_seed, error);
}

/* Whether `username`'s first sign-in needs an owner (or the recovery key) to confirm it:
 * everyone's but an owner's, whose first secret opens the authority itself */
gboolean
alcove_vault_first_sign_in_needs_confirmation (AlcoveVault *self,
                                               const char  *username)
{
  AlcoveHeaderUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self) && self->header != NULL, TRUE);

  user = alcove_header_find_user (self->header, username);
  return user == NULL || user->role != ALCOVE_ROLE_OWNER;
}

/* The secret as its slot was made: an enrolment code in its canonical form */
static AlcoveSecret *
first_secret_as_kept (AlcoveVault         *self,
                      const char          *username,
                      const AlcoveSecret  *typed,
                      GError             **error)
{
  AlcoveHeaderUser *user;

  if (!alcove_vault_load (self, error))
    return NULL;
  user = alcove_header_find_user (self->header, username);
  if (user != NULL && user->first_sign_in == ALCOVE_FIRST_SIGN_IN_ENROLMENT)
    return alcove_crypto_enrolment_code_canonical (typed, error);
  return alcove_secret_copy (typed);
}

/* Signs `username` in with their first password or enrolment code, then, in one signed
 * write, gives them `new_password` and a new user key, copies every store they hold under
 * a new key, and removes the first slot (finish_first_sign_in_cb). So whoever else knew
 * the first secret, with any copy of the files, opens nothing the person writes. Confirmed
 * by an owner or the recovery key (`confirmation`) unless the person is an owner. Any
 * failure leaves the vault locked. */
gboolean
alcove_vault_first_sign_in (AlcoveVault               *self,
                            const char                *username,
                            const AlcoveSecret        *first_secret,
                            const AlcoveSecret        *new_password,
                            const AlcoveKdfParams     *kdf,
                            const AlcoveConfirmation  *confirmation,
                            GError                   **error)
{
  g_autoptr(AlcoveSecret) secret = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *details = NULL;
  const char *with;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (username != NULL && first_secret != NULL && new_password != NULL, FALSE);

  alcove_vault_lock (self);
  if (!alcove_password_quality_check (new_password, username, NULL, error) ||
      (secret = first_secret_as_kept (self, username, first_secret, error)) == NULL)
    return FALSE;
  if (alcove_secret_equal (secret, new_password))
    return alcove_error_invalid (error, _("Choose a password of your own, not the first one "
                                          "you were given"));
  if (!alcove_vault_unlock_first_slot (self, username, secret, error))
    return FALSE;
  uuid = g_strdup (alcove_user_get_uuid (self->current_user));
  with = alcove_user_get_first_sign_in (self->current_user) == ALCOVE_FIRST_SIGN_IN_ENROLMENT
           ? "enrolment-code" : "first-password";
  if (!alcove_vault_change_password_editing (self, username, new_password, kdf, confirmation,
                                             finish_first_sign_in_cb, error))
    {
      alcove_vault_lock (self);
      return FALSE;
    }
  details = alcove_audit_details ("with", with, NULL);
  alcove_vault_audit (self, ALCOVE_AUDIT_USER_FIRST_SIGN_IN, uuid, details);
  alcove_vault_honour_supervision (self);
  return TRUE;
}
