/* alcove-header.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * vault.keys — the plaintext header of a vault, format version 2, 3 or 4
 *
 * A JSON object, UTF-8, at most 4 MiB and 16 levels deep, with exactly these members:
 *
 *   "format"     "alcove-vault"
 *   "version"    2, 3 when the header uses anything of format 3, 4 when it has a policy
 *               or an emergency key (below); written as the lowest that holds it, so a
 *               practice that uses none of it stays readable by an older Alcove. Every
 *               owner's sign-in sets up the emergency key, so in practice a vault is 4.
 *   "authority"  the part an owner signs (below)
 *   "signature"  base64 Ed25519 signature of the authority part by "authority_key"
 *   "slots"      [{ "user": uuid, "id", "kind": "password",
 *                   "kdf": { "algorithm": "argon2id", "t_cost", "m_cost_kib", "parallelism",
 *                            "salt" }, "nonce", "wrapped" }
 *               | { "user", "id", "kind": "keyring", "label", "nonce", "wrapped" }
 *               | { "user", "id", "kind": "enrolment", "kdf": {...}, "nonce", "wrapped" }]
 *               (format 3: an enrolment code's slot, read like a password slot)
 *   "grants"     [{ "user", "database", "granter", "ephemeral", "nonce", "wrapped",
 *                   "signature" }]
 *   "recovery_wraps" [{ "database", "ephemeral", "nonce", "wrapped", "signature" }]
 *   "registrations"  [{ "user", "signing_key", "signature" }]
 *   "emergency_grants" (format 4, with "emergency_key") [{ as "grants" }]: the emergency
 *               key's seed sealed to a person ("user": uuid) or to the authority ("user":
 *               "authority", to the X25519 key HKDF'd from the authority seed), "database":
 *               "emergency", by the authority; or a progress-notes key sealed to the
 *               emergency key ("user": "emergency", "database": "notes:<uuid>"), by that
 *               clinician or the authority. See alcove-vault-emergency.c.
 *   "retiring_grants", "retiring_recovery_wraps"  (both or neither) the same as "grants" and
 *               "recovery_wraps": keys a store had before a handover that its holders
 *               finish (alcove-vault-handover.c), re-signed by the authority under
 *               "alcove-v2 retiring-grant" and "alcove-v2 retiring-recovery-wrap"
 *
 * Registrations exist only after an upgrade from format 1: the owner who upgrades cannot
 * know the other users' signing keys, so each announces theirs at their first sign-in
 * (signed by that key, which proves possession, not authority). Until an owner's next
 * sign-in moves them into the signed part, they are trusted only for that user's audit
 * rows, and a user who finds a registration in their name that is not their own key is
 * told the header was forged.
 *
 * The authority part:
 *
 *   { "vault_uuid"        random UUID, bound into every wrap and signature
 *     "created_ms"        Unix milliseconds, UTC
 *     "practice_name"     shown on the login page (not PHI)
 *     "generation"        raised by one at every signed change; a device that has seen
 *                         generation n refuses anything older (see alcove-freshness.c)
 *     "authority_key"     Ed25519 public key of the practice authority. Its private half
 *                         is derived from a random 32-byte seed sealed, like a store key,
 *                         to every owner and to the recovery key (database "authority").
 *     "authority_history" [{ "key", "signature" }]  earlier authority keys, oldest first,
 *                         when one was replaced (an owner disabled): each signs its successor
 *                         (the next entry's key, or "authority_key" for the last), so a slot
 *                         that pins an earlier key follows the chain, then is re-pinned
 *     "audit_signed_from" audit rows with this seq or later must be signed by their author
 *     "recovery"          { "public_key": X25519, "signing_keys": [Ed25519, ...] }
 *     "databases"         [{ "id": "practice" | "notes:<user uuid>" | "private:<user uuid>",
 *                            "file", "cipher": { "sqlcipher", "compatibility", "page_size",
 *                            "hmac", "kdf" } }]  the SQLCipher settings each file was made with
 *     "users"             [{ "uuid", "username", "full_name", "role", "disabled",
 *                            "created_ms", "public_key": X25519,
 *                            "signing_keys": [Ed25519, ...],
 *                            format 3, each only when it says something:
 *                            "first_sign_in": { "kind": "password" | "enrolment",
 *                                               "slot": slot id },
 *                            "supervisors": [user uuid, ...] }],
 *     format 4, each only when it says something:
 *     "policy"            { "cosign_roles": [role, ...], "cosign_formats": [format id, ...]
 *                           (empty: every format), "emergency_roles": [role, ...] (owner,
 *                           clinician, supervisor only), "emergency_minutes": 15..1440 }
 *     "emergency_key"     X25519 public key of the emergency key }
 *
 * Roles: "owner", "clinician", "supervisor", "billing"; format 3 adds "front-desk". Any other
 * value, or "front-desk" in a format 2 file, is damage.
 *
 * First sign-in (format 3). An owner who adds a person gives either a first password or a
 * one-time enrolment code (16 random base-32 characters, about 80 bits, shown once). Either
 * becomes the account's only slot, a password-like slot (Argon2id, the user key and the pin)
 * of kind "password" or "enrolment", whose associated data binds vault, slot id, user and
 * kind, so a slot moved to another account or relabelled opens nothing. The owner signs,
 * in the account's entry, that the person has not yet chosen a password and which slot is
 * their first ("first_sign_in"): an ordinary sign-in is refused, and the first slot opens
 * only the first sign-in, which is the only thing that can consume it. There the person
 * chooses a password and, in one signed write (an owner confirms it, as any change of keys
 * needs, unless the person is an owner), their user key is replaced, every store they hold
 * is copied under a new key, the first slot is removed and "first_sign_in" is dropped. So a
 * consumed code, put back in the file, opens an old user key that unseals nothing and
 * matches no signed key; the whole old vault.keys put back is a rollback, and names store
 * files that no longer exist. An enrolment slot exists only as an account's first slot.
 *
 * Supervision (format 3). "supervisors" lists the supervisors an owner assigned to this
 * clinician. It is the signed instruction that the clinician's own session follows at its
 * next sign-in by sealing their progress notes' key to each (a grant the clinician signs,
 * as before); the owner cannot, not holding that key. A supervisor listed is an account of
 * the vault, never the clinician, listed once.
 *
 * Signed bytes. Each signature is Ed25519 (GnuTLS) over a context string, a NUL byte and
 * a message:
 *   authority:     "alcove-v2 authority" \0 the authority part serialised compactly by
 *                  json-glib in the member order above (alcove_header_authority_text)
 *   grant:         "alcove-v2 grant" \0 "<vault>|<user>|<database>|<granter>|<ephemeral>|
 *                  <nonce>|<wrapped>" (binary values base64)
 *   recovery wrap: "alcove-v2 recovery-wrap" \0 "<vault>|<database>|<ephemeral>|<nonce>|
 *                  <wrapped>", by the authority key
 *   succession:    "alcove-v2 succession" \0 "<vault>|<earlier key>|<successor key>", by
 *                  the earlier key
 *   registration:  "alcove-v2 registration" \0 "<vault>|<user>|<signing key>", by that key
 *   audit row:     "alcove-v2 audit" \0 the row's chain MAC (hex), by its author
 * A user's Ed25519 key is derived from their user key (HKDF "alcove user ed25519"), the
 * authority's from its seed ("alcove authority ed25519"), the recovery key's from the
 * recovery key ("alcove recovery ed25519"). The first of "signing_keys" is current; the
 * others are kept so audit rows signed before a key changed still verify.
 *
 * Who may grant what. A grant is accepted only if its signature verifies and its granter
 * may make it: the authority (an owner) for any store the user's role is entitled to —
 * "practice" for every active user, "notes:<u>" and "private:<u>" for u itself when u
 * writes notes, "authority" for owners — and for "notes:<c>" to an active supervisor;
 * clinician c for "notes:<c>" to an active supervisor; a user re-sealing for themselves a
 * store their role entitles them to. Never "private:<c>" to anyone but c. A granter who is
 * an account signs with their current (first) signing key; an earlier one grants nothing.
 *
 * Slots. A slot wraps, with AES-256-GCM, the user key followed by the authority key the
 * user trusts (64 bytes): under Argon2id(password) or the keyring's device key. That
 * pinned key is the trust anchor: an insider who rewrites the authority part and signs it
 * with a key of their own is refused by every account whose slot pins the real one. The
 * associated data of a slot is "alcove-v2|<vault>|<slot id>|user-key:<user>:<kind>";
 * format 1 slots ("alcove-v1", 32 bytes, no pin) are read only to upgrade them.
 * Grants and recovery wraps seal a database key to an X25519 public key: ephemeral X25519
 * + HKDF + AES-256-GCM, associated data "alcove-v1|<vault>|<user>:<database>|database-key"
 * and "alcove-v1|<vault>|recovery:<database>|database-key".
 *
 * Every value is type- and range-checked when read; unknown members are refused, so a
 * newer format is never half-read; a newer "version" is refused with a message to update
 * Alcove. Format 1 (the same data with slots inside each user, unsigned grants, and an
 * HMAC "mac" under HKDF(K_practice, "alcove header mac")) is read only so that an owner's
 * sign-in can upgrade it; see alcove-vault-upgrade.c.
 */

#define G_LOG_DOMAIN "alcove-header"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-error.h"
#include "alcove-header.h"
#include "alcove-json-guard.h"

#define CONTEXT_AUTHORITY "alcove-v2 authority"
#define MAX_SUPERVISORS 256

void
alcove_header_slot_free (AlcoveHeaderSlot *slot)
{
  g_free (slot->id);
  g_free (slot->kind);
  g_free (slot->label);
  g_clear_pointer (&slot->salt, g_bytes_unref);
  g_clear_pointer (&slot->nonce, g_bytes_unref);
  g_clear_pointer (&slot->wrapped, g_bytes_unref);
  g_free (slot);
}

static void
alcove_header_user_free (AlcoveHeaderUser *user)
{
  g_free (user->uuid);
  g_free (user->username);
  g_free (user->full_name);
  g_clear_pointer (&user->public_key, g_bytes_unref);
  g_ptr_array_unref (user->signing_keys);
  g_ptr_array_unref (user->slots);
  g_free (user->first_slot);
  g_ptr_array_unref (user->supervisors);
  g_free (user);
}

void
alcove_header_grant_free (AlcoveHeaderGrant *grant)
{
  g_free (grant->user);
  g_free (grant->database);
  g_free (grant->granter);
  g_clear_pointer (&grant->ephemeral, g_bytes_unref);
  g_clear_pointer (&grant->nonce, g_bytes_unref);
  g_clear_pointer (&grant->wrapped, g_bytes_unref);
  g_clear_pointer (&grant->signature, g_bytes_unref);
  g_free (grant);
}

void
alcove_header_recovery_wrap_free (AlcoveHeaderRecoveryWrap *wrap)
{
  g_free (wrap->database);
  g_clear_pointer (&wrap->ephemeral, g_bytes_unref);
  g_clear_pointer (&wrap->nonce, g_bytes_unref);
  g_clear_pointer (&wrap->wrapped, g_bytes_unref);
  g_clear_pointer (&wrap->signature, g_bytes_unref);
  g_free (wrap);
}

void
alcove_header_registration_free (AlcoveHeaderRegistration *registration)
{
  g_free (registration->user);
  g_clear_pointer (&registration->signing_key, g_bytes_unref);
  g_clear_pointer (&registration->signature, g_bytes_unref);
  g_clear_pointer (&registration->as_keys, g_ptr_array_unref);
  g_free (registration);
}

void
alcove_header_database_free (AlcoveHeaderDatabase *database)
{
  g_free (database->id);
  g_free (database->file);
  g_free (database->sqlcipher);
  g_free (database->hmac);
  g_free (database->kdf);
  g_free (database);
}

static void
succession_free (AlcoveHeaderSuccession *succession)
{
  g_clear_pointer (&succession->key, g_bytes_unref);
  g_clear_pointer (&succession->signature, g_bytes_unref);
  g_free (succession);
}

static GPtrArray *
bytes_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
}

static AlcoveHeader *
header_alloc (void)
{
  AlcoveHeader *header = g_new0 (AlcoveHeader, 1);

  header->version = ALCOVE_HEADER_SIGNED_VERSION;
  header->recovery_signing = bytes_array_new ();
  header->authority_history =
    g_ptr_array_new_with_free_func ((GDestroyNotify) succession_free);
  header->databases = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_database_free);
  header->users = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_user_free);
  header->grants = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_grant_free);
  header->recovery_wraps =
    g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_recovery_wrap_free);
  header->registrations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_registration_free);
  header->retiring_grants =
    g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_grant_free);
  header->retiring_wraps =
    g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_recovery_wrap_free);
  header->cosign_roles = ALCOVE_DEFAULT_COSIGN_ROLES;
  header->cosign_formats = g_ptr_array_new_with_free_func (g_free);
  header->emergency_roles = ALCOVE_DEFAULT_EMERGENCY_ROLES;
  header->emergency_minutes = ALCOVE_DEFAULT_EMERGENCY_MINUTES;
  header->emergency_grants = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_grant_free);
  return header;
}

AlcoveHeader *
alcove_header_new (const char *practice_name)
{
  AlcoveHeader *header = header_alloc ();

  header->vault_uuid = g_uuid_string_random ();
  header->created_ms = g_get_real_time () / 1000;
  header->practice_name = g_strdup (practice_name);
  header->audit_signed_from = 1;
  return header;
}

void
alcove_header_free (AlcoveHeader *header)
{
  if (header == NULL)
    return;
  g_free (header->vault_uuid);
  g_free (header->practice_name);
  g_clear_pointer (&header->authority_key, g_bytes_unref);
  g_ptr_array_unref (header->authority_history);
  g_ptr_array_unref (header->recovery_signing);
  g_ptr_array_unref (header->databases);
  g_ptr_array_unref (header->users);
  g_ptr_array_unref (header->grants);
  g_ptr_array_unref (header->recovery_wraps);
  g_ptr_array_unref (header->registrations);
  g_ptr_array_unref (header->retiring_grants);
  g_ptr_array_unref (header->retiring_wraps);
  g_ptr_array_unref (header->cosign_formats);
  g_clear_pointer (&header->emergency_key, g_bytes_unref);
  g_ptr_array_unref (header->emergency_grants);
  g_clear_pointer (&header->recovery_public, g_bytes_unref);
  g_clear_pointer (&header->signature, g_bytes_unref);
  g_free (header->mac);
  g_free (header);
}

AlcoveHeaderUser *
alcove_header_user_new (const char *username,
                        const char *full_name,
                        AlcoveRole  role)
{
  AlcoveHeaderUser *user = g_new0 (AlcoveHeaderUser, 1);

  user->uuid = g_uuid_string_random ();
  user->username = g_strdup (username);
  user->full_name = g_strdup (full_name);
  user->role = role;
  user->created_ms = g_get_real_time () / 1000;
  user->signing_keys = bytes_array_new ();
  user->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_slot_free);
  user->supervisors = g_ptr_array_new_with_free_func (g_free);
  return user;
}

gboolean
alcove_header_user_has_supervisor (const AlcoveHeaderUser *user,
                                   const char             *supervisor_uuid)
{
  for (guint i = 0; i < user->supervisors->len; i++)
    if (g_str_equal (g_ptr_array_index (user->supervisors, i), supervisor_uuid))
      return TRUE;
  return FALSE;
}

/* `clinician_uuid` NULL: from every clinician */
void
alcove_header_remove_supervisor (AlcoveHeader *header,
                                 const char   *supervisor_uuid,
                                 const char   *clinician_uuid)
{
  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      if (clinician_uuid != NULL && !g_str_equal (user->uuid, clinician_uuid))
        continue;
      for (guint j = user->supervisors->len; j > 0; j--)
        if (g_str_equal (g_ptr_array_index (user->supervisors, j - 1), supervisor_uuid))
          g_ptr_array_remove_index (user->supervisors, j - 1);
    }
}

static const char *
first_sign_in_to_string (AlcoveFirstSignIn first_sign_in)
{
  return first_sign_in == ALCOVE_FIRST_SIGN_IN_ENROLMENT ? "enrolment" : "password";
}

/* Whether the practice's policy differs from what it has until an owner changes it */
gboolean
alcove_header_has_policy (const AlcoveHeader *header)
{
  return header->cosign_roles != ALCOVE_DEFAULT_COSIGN_ROLES || header->cosign_formats->len > 0 ||
         header->emergency_roles != ALCOVE_DEFAULT_EMERGENCY_ROLES ||
         header->emergency_minutes != ALCOVE_DEFAULT_EMERGENCY_MINUTES;
}

/* Format 4 for a policy or an emergency key, 3 for anything else format 2 cannot say */
int
alcove_header_needed_version (const AlcoveHeader *header)
{
  if (header->emergency_key != NULL || alcove_header_has_policy (header))
    return 4;
  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      if (user->role == ALCOVE_ROLE_FRONT_DESK ||
          user->first_sign_in != ALCOVE_FIRST_SIGN_IN_NONE || user->supervisors->len > 0)
        return 3;
      for (guint j = 0; j < user->slots->len; j++)
        if (g_str_equal (((AlcoveHeaderSlot *) g_ptr_array_index (user->slots, j))->kind,
                         "enrolment"))
          return 3;
    }
  return ALCOVE_HEADER_SIGNED_VERSION;
}

GBytes *
alcove_header_user_signing_key (const AlcoveHeaderUser *user)
{
  return user->signing_keys->len > 0 ? g_ptr_array_index (user->signing_keys, 0) : NULL;
}

gboolean
alcove_header_user_has_signing_key (const AlcoveHeaderUser *user,
                                    GBytes                 *public_key)
{
  for (guint i = 0; i < user->signing_keys->len; i++)
    if (g_bytes_equal (g_ptr_array_index (user->signing_keys, i), public_key))
      return TRUE;
  return FALSE;
}

/* ---- serialisation ---- */

static char *
base64_of (GBytes *bytes)
{
  gsize size = 0;
  const guint8 *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  return g_base64_encode (data, size);
}

static void
add_bytes (JsonBuilder *builder,
           const char  *name,
           GBytes      *bytes)
{
  g_autofree char *text = base64_of (bytes);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bytes_array (JsonBuilder *builder,
                 const char  *name,
                 GPtrArray   *array)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < array->len; i++)
    {
      g_autofree char *text = base64_of (g_ptr_array_index (array, i));
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);
}

static void
build_databases (JsonBuilder        *builder,
                 const AlcoveHeader *header)
{
  json_builder_set_member_name (builder, "databases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->databases->len; i++)
    {
      AlcoveHeaderDatabase *database = g_ptr_array_index (header->databases, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", database->id);
      add_string (builder, "file", database->file);
      json_builder_set_member_name (builder, "cipher");
      json_builder_begin_object (builder);
      add_string (builder, "sqlcipher", database->sqlcipher);
      add_int (builder, "compatibility", database->compatibility);
      add_int (builder, "page_size", database->page_size);
      add_string (builder, "hmac", database->hmac);
      add_string (builder, "kdf", database->kdf);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_slot (JsonBuilder      *builder,
            const char       *user_uuid,
            AlcoveHeaderSlot *slot)
{
  json_builder_begin_object (builder);
  if (user_uuid != NULL)
    add_string (builder, "user", user_uuid);
  add_string (builder, "id", slot->id);
  add_string (builder, "kind", slot->kind);
  if (!g_str_equal (slot->kind, "keyring"))
    {
      json_builder_set_member_name (builder, "kdf");
      json_builder_begin_object (builder);
      add_string (builder, "algorithm", "argon2id");
      add_int (builder, "t_cost", slot->kdf.t_cost);
      add_int (builder, "m_cost_kib", slot->kdf.m_cost_kib);
      add_int (builder, "parallelism", slot->kdf.parallelism);
      add_bytes (builder, "salt", slot->salt);
      json_builder_end_object (builder);
    }
  else
    add_string (builder, "label", slot->label);
  add_bytes (builder, "nonce", slot->nonce);
  add_bytes (builder, "wrapped", slot->wrapped);
  json_builder_end_object (builder);
}

static void
build_user_identity (JsonBuilder      *builder,
                     AlcoveHeaderUser *user)
{
  add_string (builder, "uuid", user->uuid);
  add_string (builder, "username", user->username);
  add_string (builder, "full_name", user->full_name);
  add_string (builder, "role", alcove_role_to_string (user->role));
  json_builder_set_member_name (builder, "disabled");
  json_builder_add_boolean_value (builder, user->disabled);
  add_int (builder, "created_ms", user->created_ms);
  add_bytes (builder, "public_key", user->public_key);
}

/* Format 3: each member only when it says something, so a header without them is format 2 */
static void
build_people_part (JsonBuilder      *builder,
                   AlcoveHeaderUser *user)
{
  if (user->first_sign_in != ALCOVE_FIRST_SIGN_IN_NONE)
    {
      json_builder_set_member_name (builder, "first_sign_in");
      json_builder_begin_object (builder);
      add_string (builder, "kind", first_sign_in_to_string (user->first_sign_in));
      add_string (builder, "slot", user->first_slot);
      json_builder_end_object (builder);
    }
  if (user->supervisors->len > 0)
    {
      json_builder_set_member_name (builder, "supervisors");
      json_builder_begin_array (builder);
      for (guint i = 0; i < user->supervisors->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (user->supervisors, i));
      json_builder_end_array (builder);
    }
}

static void
add_roles (JsonBuilder *builder,
           const char  *name,
           guint        roles)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (AlcoveRole role = 0; role < ALCOVE_N_ROLES; role++)
    if (roles & (1u << role))
      json_builder_add_string_value (builder, alcove_role_to_string (role));
  json_builder_end_array (builder);
}

/* Format 4, each only when it says something */
static void
build_policy (JsonBuilder        *builder,
              const AlcoveHeader *header)
{
  if (alcove_header_has_policy (header))
    {
      json_builder_set_member_name (builder, "policy");
      json_builder_begin_object (builder);
      add_roles (builder, "cosign_roles", header->cosign_roles);
      json_builder_set_member_name (builder, "cosign_formats");
      json_builder_begin_array (builder);
      for (guint i = 0; i < header->cosign_formats->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (header->cosign_formats, i));
      json_builder_end_array (builder);
      add_roles (builder, "emergency_roles", header->emergency_roles);
      add_int (builder, "emergency_minutes", header->emergency_minutes);
      json_builder_end_object (builder);
    }
  if (header->emergency_key != NULL)
    add_bytes (builder, "emergency_key", header->emergency_key);
}

static void
build_authority (JsonBuilder        *builder,
                 const AlcoveHeader *header)
{
  json_builder_begin_object (builder);
  add_string (builder, "vault_uuid", header->vault_uuid);
  add_int (builder, "created_ms", header->created_ms);
  add_string (builder, "practice_name", header->practice_name);
  add_int (builder, "generation", header->generation);
  add_bytes (builder, "authority_key", header->authority_key);
  json_builder_set_member_name (builder, "authority_history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->authority_history->len; i++)
    {
      AlcoveHeaderSuccession *succession = g_ptr_array_index (header->authority_history, i);

      json_builder_begin_object (builder);
      add_bytes (builder, "key", succession->key);
      add_bytes (builder, "signature", succession->signature);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_int (builder, "audit_signed_from", header->audit_signed_from);
  json_builder_set_member_name (builder, "recovery");
  json_builder_begin_object (builder);
  add_bytes (builder, "public_key", header->recovery_public);
  add_bytes_array (builder, "signing_keys", header->recovery_signing);
  json_builder_end_object (builder);
  build_databases (builder, header);
  json_builder_set_member_name (builder, "users");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      json_builder_begin_object (builder);
      build_user_identity (builder, user);
      add_bytes_array (builder, "signing_keys", user->signing_keys);
      build_people_part (builder, user);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  build_policy (builder, header);
  json_builder_end_object (builder);
}

static void
build_sealed (JsonBuilder *builder,
              GBytes      *ephemeral,
              GBytes      *nonce,
              GBytes      *wrapped)
{
  add_bytes (builder, "ephemeral", ephemeral);
  add_bytes (builder, "nonce", nonce);
  add_bytes (builder, "wrapped", wrapped);
}

static void
build_grant_array (JsonBuilder *builder,
                   const char  *name,
                   GPtrArray   *grants)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (grants, i);

      json_builder_begin_object (builder);
      add_string (builder, "user", grant->user);
      add_string (builder, "database", grant->database);
      add_string (builder, "granter", grant->granter);
      build_sealed (builder, grant->ephemeral, grant->nonce, grant->wrapped);
      add_bytes (builder, "signature", grant->signature);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_wrap_array (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *wraps)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < wraps->len; i++)
    {
      AlcoveHeaderRecoveryWrap *wrap = g_ptr_array_index (wraps, i);

      json_builder_begin_object (builder);
      add_string (builder, "database", wrap->database);
      build_sealed (builder, wrap->ephemeral, wrap->nonce, wrap->wrapped);
      add_bytes (builder, "signature", wrap->signature);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_grants_and_wraps (JsonBuilder        *builder,
                        const AlcoveHeader *header)
{
  build_grant_array (builder, "grants", header->grants);
  build_wrap_array (builder, "recovery_wraps", header->recovery_wraps);
  /* only while a rotation waits for its holders: earlier headers stay as they were */
  if (header->retiring_grants->len > 0 || header->retiring_wraps->len > 0)
    {
      build_grant_array (builder, "retiring_grants", header->retiring_grants);
      build_wrap_array (builder, "retiring_recovery_wraps", header->retiring_wraps);
    }
  if (header->emergency_key != NULL)
    build_grant_array (builder, "emergency_grants", header->emergency_grants);

  json_builder_set_member_name (builder, "registrations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->registrations->len; i++)
    {
      AlcoveHeaderRegistration *registration = g_ptr_array_index (header->registrations, i);

      json_builder_begin_object (builder);
      add_string (builder, "user", registration->user);
      add_bytes (builder, "signing_key", registration->signing_key);
      add_bytes (builder, "signature", registration->signature);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static char *
generate (JsonBuilder *builder,
          gboolean     pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  return json_generator_to_data (generator, NULL);
}

char *
alcove_header_authority_text (const AlcoveHeader *header)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  build_authority (builder, header);
  return generate (builder, FALSE);
}

/* Always format 2: a format 1 header is only ever read, to be upgraded. */
char *
alcove_header_serialize (const AlcoveHeader *header)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "format", "alcove-vault");
  add_int (builder, "version", alcove_header_needed_version (header));
  json_builder_set_member_name (builder, "authority");
  build_authority (builder, header);
  add_bytes (builder, "signature", header->signature);
  json_builder_set_member_name (builder, "slots");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      for (guint j = 0; j < user->slots->len; j++)
        build_slot (builder, user->uuid, g_ptr_array_index (user->slots, j));
    }
  json_builder_end_array (builder);
  build_grants_and_wraps (builder, header);
  json_builder_end_object (builder);
  return generate (builder, TRUE);
}

/* Format 1's MAC input: the header as format 1 wrote it, without "mac". */
static char *
serialize_v1_body (const AlcoveHeader *header)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "format", "alcove-vault");
  add_int (builder, "version", 1);
  add_string (builder, "vault_uuid", header->vault_uuid);
  add_int (builder, "created_ms", header->created_ms);
  add_string (builder, "practice_name", header->practice_name);
  build_databases (builder, header);
  json_builder_set_member_name (builder, "users");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      json_builder_begin_object (builder);
      build_user_identity (builder, user);
      json_builder_set_member_name (builder, "slots");
      json_builder_begin_array (builder);
      for (guint j = 0; j < user->slots->len; j++)
        build_slot (builder, NULL, g_ptr_array_index (user->slots, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "grants");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);

      json_builder_begin_object (builder);
      add_string (builder, "user", grant->user);
      add_string (builder, "database", grant->database);
      build_sealed (builder, grant->ephemeral, grant->nonce, grant->wrapped);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "recovery");
  json_builder_begin_object (builder);
  add_bytes (builder, "public_key", header->recovery_public);
  json_builder_set_member_name (builder, "wraps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->recovery_wraps->len; i++)
    {
      AlcoveHeaderRecoveryWrap *wrap = g_ptr_array_index (header->recovery_wraps, i);

      json_builder_begin_object (builder);
      add_string (builder, "database", wrap->database);
      build_sealed (builder, wrap->ephemeral, wrap->nonce, wrap->wrapped);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return generate (builder, FALSE);
}

/* ---- parsing: every member checked, so a damaged file is named, never half-read ---- */

typedef struct
{
  const char *where;
  gboolean    failed;
} ParseState;

static void
fail_at (ParseState *state,
         const char *where)
{
  if (!state->failed)
    state->where = where;
  state->failed = TRUE;
}

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  return object ? json_object_get_member (object, name) : NULL;
}

static JsonObject *
get_object (ParseState *state,
            JsonObject *object,
            const char *name)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_at (state, name);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
get_array (ParseState *state,
           JsonObject *object,
           const char *name)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      fail_at (state, name);
      return NULL;
    }
  return json_node_get_array (node);
}

/* An element that is not an object is damage too, never a crash. */
static JsonObject *
get_element (ParseState *state,
             JsonArray  *array,
             guint       index,
             const char *where)
{
  JsonNode *node = json_array_get_element (array, index);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_at (state, where);
      return NULL;
    }
  return json_node_get_object (node);
}

static char *
get_string (ParseState *state,
            JsonObject *object,
            const char *name)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      fail_at (state, name);
      return g_strdup ("");
    }
  return g_strdup (json_node_get_string (node));
}

static gint64
get_int (ParseState *state,
         JsonObject *object,
         const char *name,
         gint64      min,
         gint64      max)
{
  JsonNode *node = get_member (object, name);
  gint64 value;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      fail_at (state, name);
      return min;
    }
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      fail_at (state, name);
      return min;
    }
  return value;
}

static gboolean
get_boolean (ParseState *state,
             JsonObject *object,
             const char *name)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      fail_at (state, name);
      return TRUE;  /* damaged: treat the account as disabled */
    }
  return json_node_get_boolean (node);
}

/* Base64 of a size in [min_size, max_size]: keys and nonces have one size, so anything
 * else is damage, never a short read. */
static GBytes *
get_bytes (ParseState *state,
           JsonObject *object,
           const char *name,
           gsize       min_size,
           gsize       max_size)
{
  g_autofree char *text = get_string (state, object, name);
  gsize size = 0;
  guchar *data = g_base64_decode (text, &size);

  if (size < min_size || size > max_size)
    fail_at (state, name);
  return g_bytes_new_take (data, size);
}

static GBytes *
get_key (ParseState *state,
         JsonObject *object,
         const char *name)
{
  return get_bytes (state, object, name, 32, 32);
}

static GBytes *
get_signature (ParseState *state,
               JsonObject *object,
               const char *name)
{
  return get_bytes (state, object, name, ALCOVE_SIGNATURE_SIZE, ALCOVE_SIGNATURE_SIZE);
}

static GPtrArray *
get_key_array (ParseState *state,
               JsonObject *object,
               const char *name)
{
  JsonArray *array = get_array (state, object, name);
  GPtrArray *keys = bytes_array_new ();

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize size = 0;
      guchar *data = NULL;

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        data = g_base64_decode (json_node_get_string (node), &size);
      if (size != ALCOVE_SIGNING_KEY_SIZE)
        fail_at (state, name);
      g_ptr_array_add (keys, g_bytes_new_take (data, size));
    }
  return keys;
}

/* Only the members named, each once: an unknown member means a newer or edited file. */
static void
check_members (ParseState         *state,
               JsonObject         *object,
               const char * const *allowed)
{
  g_autoptr(GList) names = object ? json_object_get_members (object) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      fail_at (state, "unexpected member");
}

static gboolean
uuid_valid (ParseState *state,
            const char *uuid,
            const char *where)
{
  if (!g_uuid_string_is_valid (uuid))
    {
      fail_at (state, where);
      return FALSE;
    }
  return TRUE;
}

static void
parse_databases (ParseState   *state,
                 JsonObject   *parent,
                 AlcoveHeader *header)
{
  static const char * const members[] = { "id", "file", "cipher", NULL };
  static const char * const cipher_members[] = { "sqlcipher", "compatibility", "page_size",
                                                 "hmac", "kdf", NULL };
  JsonArray *array = get_array (state, parent, "databases");

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *object = get_element (state, array, i, "databases");
      JsonObject *cipher = get_object (state, object, "cipher");
      AlcoveHeaderDatabase *database = g_new0 (AlcoveHeaderDatabase, 1);

      check_members (state, object, members);
      check_members (state, cipher, cipher_members);
      database->id = get_string (state, object, "id");
      database->file = get_string (state, object, "file");
      database->sqlcipher = get_string (state, cipher, "sqlcipher");
      database->compatibility = (int) get_int (state, cipher, "compatibility", 1, 4);
      database->page_size = (int) get_int (state, cipher, "page_size", 512, 65536);
      database->hmac = get_string (state, cipher, "hmac");
      database->kdf = get_string (state, cipher, "kdf");
      g_ptr_array_add (header->databases, database);
      /* File names come from the header: never let one point outside the vault. */
      if (database->file[0] == '\0' || strchr (database->file, '/') != NULL ||
          database->file[0] == '.' || !g_str_has_suffix (database->file, ".db"))
        fail_at (state, "file");
    }
}

/* A password slot, or (format 3) an enrolment code's, which is read the same way */
static AlcoveHeaderSlot *
parse_slot (ParseState *state,
            JsonObject *object,
            gboolean    with_user,
            int         version)
{
  static const char * const password_members[] = { "user", "id", "kind", "kdf", "nonce",
                                                   "wrapped", NULL };
  static const char * const keyring_members[] = { "user", "id", "kind", "label", "nonce",
                                                  "wrapped", NULL };
  static const char * const kdf_members[] = { "algorithm", "t_cost", "m_cost_kib",
                                              "parallelism", "salt", NULL };
  AlcoveHeaderSlot *slot = g_new0 (AlcoveHeaderSlot, 1);

  slot->id = get_string (state, object, "id");
  slot->kind = get_string (state, object, "kind");
  if (g_str_equal (slot->kind, "password") ||
      (version >= 3 && g_str_equal (slot->kind, "enrolment")))
    {
      JsonObject *kdf = get_object (state, object, "kdf");
      g_autofree char *algorithm = get_string (state, kdf, "algorithm");

      check_members (state, object, password_members);
      check_members (state, kdf, kdf_members);
      /* Bounded here, before Argon2 ever sees them: an edited slot must not hang unlock
       * (t = 2^32 - 1) or ask for more memory than a computer has. */
      slot->kdf.t_cost = (guint32) get_int (state, kdf, "t_cost", ALCOVE_KDF_MIN_T_COST,
                                            ALCOVE_KDF_MAX_T_COST);
      slot->kdf.m_cost_kib = (guint32) get_int (state, kdf, "m_cost_kib",
                                                ALCOVE_KDF_MIN_M_COST_KIB,
                                                ALCOVE_KDF_MAX_M_COST_KIB);
      slot->kdf.parallelism = (guint32) get_int (state, kdf, "parallelism",
                                                 ALCOVE_KDF_MIN_PARALLELISM,
                                                 ALCOVE_KDF_MAX_PARALLELISM);
      slot->salt = get_bytes (state, kdf, "salt", ALCOVE_SALT_SIZE, 64);
      if (!g_str_equal (algorithm, "argon2id"))
        fail_at (state, "algorithm");
    }
  else if (g_str_equal (slot->kind, "keyring"))
    {
      check_members (state, object, keyring_members);
      slot->label = get_string (state, object, "label");
    }
  else
    fail_at (state, "kind");
  if (!with_user && get_member (object, "user") != NULL)
    fail_at (state, "user");
  slot->nonce = get_bytes (state, object, "nonce", ALCOVE_NONCE_SIZE, ALCOVE_NONCE_SIZE);
  slot->wrapped = get_bytes (state, object, "wrapped", 1, 1024);
  return slot;
}

static AlcoveHeaderUser *
parse_user_identity (ParseState *state,
                     JsonObject *object,
                     int         version)
{
  AlcoveHeaderUser *user = g_new0 (AlcoveHeaderUser, 1);
  g_autofree char *role = get_string (state, object, "role");

  user->uuid = get_string (state, object, "uuid");
  user->username = get_string (state, object, "username");
  user->full_name = get_string (state, object, "full_name");
  user->disabled = get_boolean (state, object, "disabled");
  user->created_ms = get_int (state, object, "created_ms", 0, G_MAXINT64);
  user->public_key = get_key (state, object, "public_key");
  user->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_slot_free);
  user->supervisors = g_ptr_array_new_with_free_func (g_free);
  /* a role a format does not know is damage, never a guess */
  if (!alcove_role_from_string (role, &user->role) ||
      (version < 3 && user->role == ALCOVE_ROLE_FRONT_DESK))
    fail_at (state, "role");
  uuid_valid (state, user->uuid, "uuid");
  return user;
}

/* Format 3: "first_sign_in" { "kind": "password" | "enrolment", "slot": uuid } and
 * "supervisors" [uuid, ...], each present only when it says something. Which slot and which
 * users they name is checked once everything is read (check_people). */
static void
parse_people_part (ParseState       *state,
                   JsonObject       *object,
                   AlcoveHeaderUser *user)
{
  static const char * const first_members[] = { "kind", "slot", NULL };

  if (json_object_has_member (object, "first_sign_in"))
    {
      JsonObject *first = get_object (state, object, "first_sign_in");
      g_autofree char *kind = get_string (state, first, "kind");

      check_members (state, first, first_members);
      if (g_str_equal (kind, "password"))
        user->first_sign_in = ALCOVE_FIRST_SIGN_IN_PASSWORD;
      else if (g_str_equal (kind, "enrolment"))
        user->first_sign_in = ALCOVE_FIRST_SIGN_IN_ENROLMENT;
      else
        fail_at (state, "first_sign_in");
      user->first_slot = get_string (state, first, "slot");
      uuid_valid (state, user->first_slot, "first_sign_in");
    }
  if (json_object_has_member (object, "supervisors"))
    {
      JsonArray *array = get_array (state, object, "supervisors");
      guint n = array ? json_array_get_length (array) : 0;

      /* present means at least one; bounded before anything is looked up */
      if (n == 0 || n > MAX_SUPERVISORS)
        fail_at (state, "supervisors");
      for (guint i = 0; i < n && n <= MAX_SUPERVISORS; i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *uuid = json_node_get_value_type (node) == G_TYPE_STRING
                               ? json_node_get_string (node) : "";

          if (uuid_valid (state, uuid, "supervisors"))
            g_ptr_array_add (user->supervisors, g_strdup (uuid));
        }
    }
}

static void
parse_users (ParseState   *state,
             JsonObject   *parent,
             AlcoveHeader *header)
{
  static const char * const v1_members[] = { "uuid", "username", "full_name", "role",
                                             "disabled", "created_ms", "public_key", "slots",
                                             NULL };
  static const char * const v2_members[] = { "uuid", "username", "full_name", "role",
                                             "disabled", "created_ms", "public_key",
                                             "signing_keys", NULL };
  static const char * const v3_members[] = { "uuid", "username", "full_name", "role",
                                             "disabled", "created_ms", "public_key",
                                             "signing_keys", "first_sign_in", "supervisors",
                                             NULL };
  JsonArray *array = get_array (state, parent, "users");

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *object = get_element (state, array, i, "users");
      AlcoveHeaderUser *user = parse_user_identity (state, object, header->version);

      g_ptr_array_add (header->users, user);
      if (header->version == 1)
        {
          JsonArray *slots = get_array (state, object, "slots");

          check_members (state, object, v1_members);
          user->signing_keys = bytes_array_new ();
          for (guint j = 0; slots && j < json_array_get_length (slots); j++)
            {
              JsonObject *slot = get_element (state, slots, j, "slots");
              g_ptr_array_add (user->slots, parse_slot (state, slot, FALSE, 1));
            }
        }
      else
        {
          check_members (state, object, header->version >= 3 ? v3_members : v2_members);
          user->signing_keys = get_key_array (state, object, "signing_keys");
          if (header->version >= 3)
            parse_people_part (state, object, user);
        }
    }
}

static void
parse_slots (ParseState   *state,
             JsonObject   *root,
             AlcoveHeader *header)
{
  JsonArray *array = get_array (state, root, "slots");

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *object = get_element (state, array, i, "slots");
      g_autofree char *uuid = get_string (state, object, "user");
      AlcoveHeaderSlot *slot = parse_slot (state, object, TRUE, header->version);
      AlcoveHeaderUser *user = uuid_valid (state, uuid, "slots")
                                 ? alcove_header_find_user (header, uuid) : NULL;

      if (user == NULL)
        {
          fail_at (state, "slots");
          alcove_header_slot_free (slot);
          continue;
        }
      g_ptr_array_add (user->slots, slot);
    }
}

static void
parse_sealed (ParseState  *state,
              JsonObject  *object,
              GBytes     **ephemeral,
              GBytes     **nonce,
              GBytes     **wrapped)
{
  *ephemeral = get_key (state, object, "ephemeral");
  *nonce = get_bytes (state, object, "nonce", ALCOVE_NONCE_SIZE, ALCOVE_NONCE_SIZE);
  *wrapped = get_bytes (state, object, "wrapped", 1, 1024);
}

static void
parse_grants (ParseState   *state,
              JsonArray    *grants,
              const char   *where,
              AlcoveHeader *header,
              GPtrArray    *into)
{
  static const char * const v1_members[] = { "user", "database", "ephemeral", "nonce",
                                             "wrapped", NULL };
  static const char * const v2_members[] = { "user", "database", "granter", "ephemeral",
                                             "nonce", "wrapped", "signature", NULL };

  for (guint i = 0; grants && i < json_array_get_length (grants); i++)
    {
      JsonObject *object = get_element (state, grants, i, where);
      AlcoveHeaderGrant *grant = g_new0 (AlcoveHeaderGrant, 1);

      check_members (state, object, header->version == 1 ? v1_members : v2_members);
      grant->user = get_string (state, object, "user");
      grant->database = get_string (state, object, "database");
      parse_sealed (state, object, &grant->ephemeral, &grant->nonce, &grant->wrapped);
      if (header->version >= 2)
        {
          grant->granter = get_string (state, object, "granter");
          grant->signature = get_signature (state, object, "signature");
        }
      g_ptr_array_add (into, grant);
    }
}

static void
parse_recovery_wraps (ParseState   *state,
                      JsonArray    *wraps,
                      const char   *where,
                      AlcoveHeader *header,
                      GPtrArray    *into)
{
  static const char * const v1_members[] = { "database", "ephemeral", "nonce", "wrapped", NULL };
  static const char * const v2_members[] = { "database", "ephemeral", "nonce", "wrapped",
                                             "signature", NULL };

  for (guint i = 0; wraps && i < json_array_get_length (wraps); i++)
    {
      JsonObject *object = get_element (state, wraps, i, where);
      AlcoveHeaderRecoveryWrap *wrap = g_new0 (AlcoveHeaderRecoveryWrap, 1);

      check_members (state, object, header->version == 1 ? v1_members : v2_members);
      wrap->database = get_string (state, object, "database");
      parse_sealed (state, object, &wrap->ephemeral, &wrap->nonce, &wrap->wrapped);
      if (header->version >= 2)
        wrap->signature = get_signature (state, object, "signature");
      g_ptr_array_add (into, wrap);
    }
}

static void
parse_registrations (ParseState   *state,
                     JsonObject   *root,
                     AlcoveHeader *header)
{
  static const char * const members[] = { "user", "signing_key", "signature", NULL };
  JsonArray *array = get_array (state, root, "registrations");

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *object = get_element (state, array, i, "registrations");
      AlcoveHeaderRegistration *registration = g_new0 (AlcoveHeaderRegistration, 1);

      check_members (state, object, members);
      registration->user = get_string (state, object, "user");
      registration->signing_key = get_key (state, object, "signing_key");
      registration->signature = get_signature (state, object, "signature");
      g_ptr_array_add (header->registrations, registration);
    }
}

static void
parse_identity (ParseState   *state,
                JsonObject   *object,
                AlcoveHeader *header)
{
  header->vault_uuid = get_string (state, object, "vault_uuid");
  header->created_ms = get_int (state, object, "created_ms", 0, G_MAXINT64);
  header->practice_name = get_string (state, object, "practice_name");
  uuid_valid (state, header->vault_uuid, "vault_uuid");
}

static void
parse_v1 (ParseState   *state,
          JsonObject   *root,
          AlcoveHeader *header)
{
  static const char * const members[] = { "format", "version", "vault_uuid", "created_ms",
                                          "practice_name", "databases", "users", "grants",
                                          "recovery", "mac", NULL };
  static const char * const recovery_members[] = { "public_key", "wraps", NULL };
  JsonObject *recovery = get_object (state, root, "recovery");

  check_members (state, root, members);
  check_members (state, recovery, recovery_members);
  parse_identity (state, root, header);
  parse_databases (state, root, header);
  parse_users (state, root, header);
  parse_grants (state, get_array (state, root, "grants"), "grants", header, header->grants);
  header->recovery_public = get_key (state, recovery, "public_key");
  parse_recovery_wraps (state, get_array (state, recovery, "wraps"), "recovery_wraps", header,
                        header->recovery_wraps);
  header->mac = get_string (state, root, "mac");
}

static void
parse_history (ParseState   *state,
               JsonObject   *authority,
               AlcoveHeader *header)
{
  static const char * const members[] = { "key", "signature", NULL };
  JsonArray *array = get_array (state, authority, "authority_history");

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *object = get_element (state, array, i, "authority_history");
      AlcoveHeaderSuccession *succession = g_new0 (AlcoveHeaderSuccession, 1);

      check_members (state, object, members);
      succession->key = get_key (state, object, "key");
      succession->signature = get_signature (state, object, "signature");
      g_ptr_array_add (header->authority_history, succession);
    }
}

static guint
get_roles (ParseState *state,
           JsonObject *object,
           const char *name)
{
  JsonArray *array = get_array (state, object, name);
  guint roles = 0;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      AlcoveRole role;

      if (json_node_get_value_type (node) != G_TYPE_STRING ||
          !alcove_role_from_string (json_node_get_string (node), &role) ||
          (roles & (1u << role)))
        fail_at (state, name);
      else
        roles |= 1u << role;
    }
  return roles;
}

/* A note format's id as data/formats names them */
gboolean
alcove_header_format_id_is_valid (const char *id)
{
  if (id[0] == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *c = id; *c; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-' && *c != '_')
      return FALSE;
  return TRUE;
}

static void
parse_cosign_formats (ParseState   *state,
                      JsonObject   *policy,
                      AlcoveHeader *header)
{
  JsonArray *array = get_array (state, policy, "cosign_formats");

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id = json_node_get_value_type (node) == G_TYPE_STRING
                         ? json_node_get_string (node) : "";

      if (!alcove_header_format_id_is_valid (id))
        fail_at (state, "cosign_formats");
      else
        g_ptr_array_add (header->cosign_formats, g_strdup (id));
    }
}

/* Format 4: "policy" { "cosign_roles", "cosign_formats", "emergency_roles",
 * "emergency_minutes" } and "emergency_key" in the authority part, each only when it says
 * something; "emergency_grants" beside the grants, only with an emergency key. Only roles
 * that read progress notes may break the glass. */
static void
parse_policy (ParseState   *state,
              JsonObject   *root,
              JsonObject   *authority,
              AlcoveHeader *header)
{
  static const char * const members[] = { "cosign_roles", "cosign_formats", "emergency_roles",
                                          "emergency_minutes", NULL };

  if (json_object_has_member (authority, "policy"))
    {
      JsonObject *policy = get_object (state, authority, "policy");

      check_members (state, policy, members);
      header->cosign_roles = get_roles (state, policy, "cosign_roles");
      parse_cosign_formats (state, policy, header);
      header->emergency_roles = get_roles (state, policy, "emergency_roles");
      if (header->emergency_roles & ~ALCOVE_EMERGENCY_ELIGIBLE_ROLES)
        fail_at (state, "emergency_roles");
      header->emergency_minutes = get_int (state, policy, "emergency_minutes",
                                           ALCOVE_MIN_EMERGENCY_MINUTES,
                                           ALCOVE_MAX_EMERGENCY_MINUTES);
    }
  if (json_object_has_member (authority, "emergency_key"))
    {
      header->emergency_key = get_key (state, authority, "emergency_key");
      parse_grants (state, get_array (state, root, "emergency_grants"), "emergency_grants",
                    header, header->emergency_grants);
    }
  else if (json_object_has_member (root, "emergency_grants"))
    fail_at (state, "emergency_grants");
}

static void
parse_v2 (ParseState   *state,
          JsonObject   *root,
          AlcoveHeader *header)
{
  static const char * const members[] = { "format", "version", "authority", "signature",
                                          "slots", "grants", "recovery_wraps",
                                          "registrations", "retiring_grants",
                                          "retiring_recovery_wraps", NULL };
  static const char * const v4_members[] = { "format", "version", "authority", "signature",
                                             "slots", "grants", "recovery_wraps",
                                             "registrations", "retiring_grants",
                                             "retiring_recovery_wraps", "emergency_grants",
                                             NULL };
  static const char * const authority_members[] = { "vault_uuid", "created_ms",
                                                    "practice_name", "generation",
                                                    "authority_key", "authority_history",
                                                    "audit_signed_from",
                                                    "recovery", "databases", "users", NULL };
  static const char * const v4_authority_members[] = { "vault_uuid", "created_ms",
                                                       "practice_name", "generation",
                                                       "authority_key", "authority_history",
                                                       "audit_signed_from", "recovery",
                                                       "databases", "users", "policy",
                                                       "emergency_key", NULL };
  static const char * const recovery_members[] = { "public_key", "signing_keys", NULL };
  JsonObject *authority = get_object (state, root, "authority");
  JsonObject *recovery = get_object (state, authority, "recovery");

  check_members (state, root, header->version >= 4 ? v4_members : members);
  check_members (state, authority,
                 header->version >= 4 ? v4_authority_members : authority_members);
  check_members (state, recovery, recovery_members);
  parse_identity (state, authority, header);
  header->generation = get_int (state, authority, "generation", 1, G_MAXINT64 / 2);
  header->authority_key = get_key (state, authority, "authority_key");
  parse_history (state, authority, header);
  header->audit_signed_from = get_int (state, authority, "audit_signed_from", 1, G_MAXINT64 / 2);
  header->recovery_public = get_key (state, recovery, "public_key");
  g_ptr_array_unref (header->recovery_signing);
  header->recovery_signing = get_key_array (state, recovery, "signing_keys");
  parse_databases (state, authority, header);
  parse_users (state, authority, header);
  header->signature = get_signature (state, root, "signature");
  parse_slots (state, root, header);
  parse_grants (state, get_array (state, root, "grants"), "grants", header, header->grants);
  parse_recovery_wraps (state, get_array (state, root, "recovery_wraps"), "recovery_wraps",
                        header, header->recovery_wraps);
  parse_registrations (state, root, header);
  /* both or neither */
  if (json_object_has_member (root, "retiring_grants") ||
      json_object_has_member (root, "retiring_recovery_wraps"))
    {
      parse_grants (state, get_array (state, root, "retiring_grants"), "retiring_grants",
                    header, header->retiring_grants);
      parse_recovery_wraps (state, get_array (state, root, "retiring_recovery_wraps"),
                            "retiring_recovery_wraps", header, header->retiring_wraps);
    }
  if (header->version >= 4)
    parse_policy (state, root, authority, header);
}

static gboolean
check_format (JsonObject  *root,
              gint64      *version,
              GError     **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version_node = json_object_get_member (root, "version");

  if (format == NULL || json_node_get_value_type (format) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (format), "alcove-vault") ||
      version_node == NULL || json_node_get_value_type (version_node) != G_TYPE_INT64)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s is not an Alcove vault header"), ALCOVE_HEADER_FILE);
      return FALSE;
    }
  *version = json_node_get_int (version_node);
  if (*version > ALCOVE_HEADER_VERSION)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("This vault was made by a newer Alcove (format %d): update Alcove to open it"),
                   (int) CLAMP (*version, 0, G_MAXINT));
      return FALSE;
    }
  if (*version < 1)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s is damaged (at “%s”); restore it from a backup"),
                   ALCOVE_HEADER_FILE, "version");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_unique_users (const AlcoveHeader *header)
{
  for (guint i = 0; i < header->users->len; i++)
    for (guint j = i + 1; j < header->users->len; j++)
      {
        AlcoveHeaderUser *a = g_ptr_array_index (header->users, i);
        AlcoveHeaderUser *b = g_ptr_array_index (header->users, j);

        if (g_str_equal (a->uuid, b->uuid) || g_str_equal (a->username, b->username))
          return FALSE;
      }
  return TRUE;
}

static AlcoveHeaderSlot *
find_slot_of (const AlcoveHeaderUser *user,
              const char             *id)
{
  for (guint i = 0; i < user->slots->len; i++)
    {
      AlcoveHeaderSlot *slot = g_ptr_array_index (user->slots, i);

      if (g_str_equal (slot->id, id))
        return slot;
    }
  return NULL;
}

/* A first sign-in names one slot of its own account, of its kind; an enrolment slot exists
 * only as such a slot; a supervisor is another account of the vault, listed once. */
static void
check_first_sign_in (ParseState             *state,
                     const AlcoveHeaderUser *user)
{
  AlcoveHeaderSlot *first = NULL;

  if (user->first_sign_in != ALCOVE_FIRST_SIGN_IN_NONE)
    {
      first = find_slot_of (user, user->first_slot);
      if (first == NULL ||
          !g_str_equal (first->kind, user->first_sign_in == ALCOVE_FIRST_SIGN_IN_ENROLMENT
                                       ? "enrolment" : "password"))
        fail_at (state, "first_sign_in");
    }
  for (guint i = 0; i < user->slots->len; i++)
    {
      AlcoveHeaderSlot *slot = g_ptr_array_index (user->slots, i);

      if (g_str_equal (slot->kind, "enrolment") && slot != first)
        fail_at (state, "slots");
    }
}

static void
check_people (ParseState         *state,
              const AlcoveHeader *header)
{
  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      check_first_sign_in (state, user);
      for (guint j = 0; j < user->supervisors->len; j++)
        {
          const char *uuid = g_ptr_array_index (user->supervisors, j);

          if (g_str_equal (uuid, user->uuid) || alcove_header_find_user (header, uuid) == NULL)
            fail_at (state, "supervisors");
          for (guint k = j + 1; k < user->supervisors->len; k++)
            if (g_str_equal (uuid, g_ptr_array_index (user->supervisors, k)))
              fail_at (state, "supervisors");
        }
    }
}

AlcoveHeader *
alcove_header_parse (const char  *text,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(AlcoveHeader) header = header_alloc ();
  g_autoptr(GError) local_error = NULL;
  ParseState state = { NULL, FALSE };
  JsonObject *root;
  gint64 version;

  if (!alcove_json_guard_check (text, length, ALCOVE_HEADER_MAX_SIZE, ALCOVE_HEADER_MAX_DEPTH, &local_error))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s is damaged (%s); restore it from a backup"),
                   ALCOVE_HEADER_FILE, local_error->message);
      return NULL;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, (gssize) length, &local_error) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s is damaged and cannot be read; restore it from a backup"),
                   ALCOVE_HEADER_FILE);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (!check_format (root, &version, error))
    return NULL;

  header->version = (int) version;
  if (version == 1)
    parse_v1 (&state, root, header);
  else
    parse_v2 (&state, root, header);
  if (!state.failed && !check_unique_users (header))
    fail_at (&state, "users");
  if (!state.failed)
    check_people (&state, header);

  if (state.failed)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s is damaged (at “%s”); restore it from a backup"),
                   ALCOVE_HEADER_FILE, state.where);
      return NULL;
    }
  return g_steal_pointer (&header);
}

AlcoveHeader *
alcove_header_load (const char  *vault_dir,
                    GError     **error)
{
  g_autofree char *path = g_build_filename (vault_dir, ALCOVE_HEADER_FILE, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                     _("There is no vault in %s"), vault_dir);
      else
        g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                     _("Could not read %s: %s"), path, local_error->message);
      return NULL;
    }
  return alcove_header_parse (text, length, error);
}

AlcoveHeader *
alcove_header_copy (const AlcoveHeader *header)
{
  g_autofree char *text = NULL;
  AlcoveHeader *copy;

  g_return_val_if_fail (header->version >= ALCOVE_HEADER_SIGNED_VERSION, NULL);

  text = alcove_header_serialize (header);
  copy = alcove_header_parse (text, strlen (text), NULL);
  g_assert (copy != NULL);
  return copy;
}

gboolean
alcove_header_check_mac_v1 (const AlcoveHeader *header,
                            const AlcoveSecret *practice_key)
{
  g_autoptr(AlcoveSecret) key = alcove_crypto_derive_subkey (practice_key, "alcove header mac");
  g_autofree char *body = serialize_v1_body (header);
  g_autofree char *expected = alcove_crypto_hmac_hex (key, body);

  return header->mac != NULL && alcove_crypto_hex_equal (expected, header->mac);
}

/* ---- format 2 signatures ---- */

void
alcove_header_sign_authority (AlcoveHeader       *header,
                              const AlcoveSigner *authority)
{
  g_autofree char *text = NULL;

  g_return_if_fail (g_bytes_equal (header->authority_key,
                                   alcove_signer_get_public_key (authority)));

  text = alcove_header_authority_text (header);
  g_clear_pointer (&header->signature, g_bytes_unref);
  header->signature = alcove_signer_sign (authority, CONTEXT_AUTHORITY, text, strlen (text));
}

gboolean
alcove_header_verify_authority (const AlcoveHeader *header)
{
  g_autofree char *text = alcove_header_authority_text (header);

  return alcove_signature_verify (header->authority_key, CONTEXT_AUTHORITY, text, strlen (text),
                                  header->signature);
}

static char *
succession_text (const AlcoveHeader *header,
                 GBytes             *key,
                 GBytes             *successor)
{
  g_autofree char *earlier = base64_of (key);
  g_autofree char *next = base64_of (successor);

  return g_strdup_printf ("%s|%s|%s", header->vault_uuid, earlier, next);
}

/* `previous` (the authority now) endorses `next_key`, which becomes the authority. */
void
alcove_header_succeed_authority (AlcoveHeader       *header,
                                 const AlcoveSigner *previous,
                                 GBytes             *next_key)
{
  AlcoveHeaderSuccession *succession = g_new0 (AlcoveHeaderSuccession, 1);
  g_autofree char *text = succession_text (header, header->authority_key, next_key);

  g_return_if_fail (g_bytes_equal (alcove_signer_get_public_key (previous), header->authority_key));

  succession->key = g_steal_pointer (&header->authority_key);
  succession->signature = alcove_signer_sign (previous, "alcove-v2 succession", text,
                                              strlen (text));
  g_ptr_array_add (header->authority_history, succession);
  header->authority_key = g_bytes_ref (next_key);
}

/* Whether the current authority key is `ancestor` or follows from it through signed
 * successions. */
gboolean
alcove_header_authority_descends (const AlcoveHeader *header,
                                  GBytes             *ancestor)
{
  guint i;

  if (g_bytes_equal (ancestor, header->authority_key))
    return TRUE;
  for (i = 0; i < header->authority_history->len; i++)
    if (g_bytes_equal (((AlcoveHeaderSuccession *) g_ptr_array_index (header->authority_history, i))->key,
                       ancestor))
      break;
  for (; i < header->authority_history->len; i++)
    {
      AlcoveHeaderSuccession *succession = g_ptr_array_index (header->authority_history, i);
      GBytes *next = i + 1 < header->authority_history->len
                       ? ((AlcoveHeaderSuccession *) g_ptr_array_index (header->authority_history, i + 1))->key
                       : header->authority_key;
      g_autofree char *text = succession_text (header, succession->key, next);

      if (!alcove_signature_verify (succession->key, "alcove-v2 succession", text, strlen (text),
                                    succession->signature))
        return FALSE;
      if (i + 1 == header->authority_history->len)
        return TRUE;
    }
  return FALSE;
}

char *
alcove_header_grant_text (const AlcoveHeader      *header,
                          const AlcoveHeaderGrant *grant)
{
  g_autofree char *ephemeral = base64_of (grant->ephemeral);
  g_autofree char *nonce = base64_of (grant->nonce);
  g_autofree char *wrapped = base64_of (grant->wrapped);

  return g_strdup_printf ("%s|%s|%s|%s|%s|%s|%s", header->vault_uuid, grant->user,
                          grant->database, grant->granter ? grant->granter : "",
                          ephemeral, nonce, wrapped);
}

char *
alcove_header_recovery_wrap_text (const AlcoveHeader             *header,
                                  const AlcoveHeaderRecoveryWrap *wrap)
{
  g_autofree char *ephemeral = base64_of (wrap->ephemeral);
  g_autofree char *nonce = base64_of (wrap->nonce);
  g_autofree char *wrapped = base64_of (wrap->wrapped);

  return g_strdup_printf ("%s|%s|%s|%s|%s", header->vault_uuid, wrap->database,
                          ephemeral, nonce, wrapped);
}

char *
alcove_header_registration_text (const AlcoveHeader *header,
                                 const char         *user_uuid,
                                 GBytes             *signing_key)
{
  g_autofree char *key = base64_of (signing_key);

  return g_strdup_printf ("%s|%s|%s", header->vault_uuid, user_uuid, key);
}

AlcoveHeaderRegistration *
alcove_header_find_registration (const AlcoveHeader *header,
                                 const char         *user_uuid)
{
  for (guint i = 0; i < header->registrations->len; i++)
    {
      AlcoveHeaderRegistration *registration = g_ptr_array_index (header->registrations, i);

      if (g_str_equal (registration->user, user_uuid))
        return registration;
    }
  return NULL;
}

/* Atomic and durable: a crash leaves the old file or the new one, never a mix. */
gboolean
alcove_header_save (const AlcoveHeader  *header,
                    const char          *vault_dir,
                    GError             **error)
{
  g_autofree char *path = g_build_filename (vault_dir, ALCOVE_HEADER_FILE, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (header->version >= ALCOVE_HEADER_SIGNED_VERSION, FALSE);

  text = alcove_header_serialize (header);
  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not save %s: %s. Nothing was changed."), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- lookups ---- */

AlcoveHeaderUser *
alcove_header_find_user (const AlcoveHeader *header,
                         const char         *username_or_uuid)
{
  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      if (g_str_equal (user->username, username_or_uuid) ||
          g_str_equal (user->uuid, username_or_uuid))
        return user;
    }
  return NULL;
}

AlcoveHeaderDatabase *
alcove_header_find_database (const AlcoveHeader *header,
                             const char         *database_id)
{
  for (guint i = 0; i < header->databases->len; i++)
    {
      AlcoveHeaderDatabase *database = g_ptr_array_index (header->databases, i);

      if (g_str_equal (database->id, database_id))
        return database;
    }
  return NULL;
}

AlcoveHeaderGrant *
alcove_header_find_grant (const AlcoveHeader *header,
                          const char         *user_uuid,
                          const char         *database_id)
{
  for (guint i = 0; i < header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);

      if (g_str_equal (grant->user, user_uuid) && g_str_equal (grant->database, database_id))
        return grant;
    }
  return NULL;
}

void
alcove_header_remove_grants (AlcoveHeader *header,
                             const char   *user_uuid)
{
  for (guint i = header->grants->len; i > 0; i--)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i - 1);

      if (g_str_equal (grant->user, user_uuid))
        g_ptr_array_remove_index (header->grants, i - 1);
    }
  /* the emergency key sealed to them too: sealed to the key they had, or no longer theirs */
  for (guint i = header->emergency_grants->len; i > 0; i--)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->emergency_grants, i - 1);

      if (g_str_equal (grant->user, user_uuid))
        g_ptr_array_remove_index (header->emergency_grants, i - 1);
    }
}

AlcoveHeaderRecoveryWrap *
alcove_header_find_recovery_wrap (const AlcoveHeader *header,
                                  const char         *database_id)
{
  for (guint i = 0; i < header->recovery_wraps->len; i++)
    {
      AlcoveHeaderRecoveryWrap *wrap = g_ptr_array_index (header->recovery_wraps, i);

      if (g_str_equal (wrap->database, database_id))
        return wrap;
    }
  return NULL;
}

/* ---- associated data ---- */

char *
alcove_header_slot_ad (const AlcoveHeader     *header,
                       const AlcoveHeaderUser *user,
                       const AlcoveHeaderSlot *slot,
                       int                     slot_version)
{
  return g_strdup_printf ("alcove-v%d|%s|%s|user-key:%s:%s", slot_version,
                          header->vault_uuid, slot->id, user->uuid, slot->kind);
}

char *
alcove_header_grant_ad (const AlcoveHeader *header,
                        const char         *user_uuid,
                        const char         *database_id)
{
  return g_strdup_printf ("alcove-v1|%s|%s:%s|database-key",
                          header->vault_uuid, user_uuid, database_id);
}

char *
alcove_header_recovery_ad (const AlcoveHeader *header,
                           const char         *database_id)
{
  return g_strdup_printf ("alcove-v1|%s|recovery:%s|database-key",
                          header->vault_uuid, database_id);
}

gboolean
alcove_header_has_retiring (const AlcoveHeader *header,
                            const char         *database_id)
{
  for (guint i = 0; i < header->retiring_grants->len; i++)
    if (g_str_equal (((AlcoveHeaderGrant *) g_ptr_array_index (header->retiring_grants, i))->database,
                     database_id))
      return TRUE;
  for (guint i = 0; i < header->retiring_wraps->len; i++)
    if (g_str_equal (((AlcoveHeaderRecoveryWrap *) g_ptr_array_index (header->retiring_wraps, i))->database,
                     database_id))
      return TRUE;
  return FALSE;
}

/* Once a store's rotation is finished, or replaced by a new one */
void
alcove_header_drop_retiring (AlcoveHeader *header,
                             const char   *database_id)
{
  for (guint i = header->retiring_grants->len; i > 0; i--)
    if (g_str_equal (((AlcoveHeaderGrant *) g_ptr_array_index (header->retiring_grants, i - 1))->database,
                     database_id))
      g_ptr_array_remove_index (header->retiring_grants, i - 1);
  for (guint i = header->retiring_wraps->len; i > 0; i--)
    if (g_str_equal (((AlcoveHeaderRecoveryWrap *) g_ptr_array_index (header->retiring_wraps, i - 1))->database,
                     database_id))
      g_ptr_array_remove_index (header->retiring_wraps, i - 1);
}
