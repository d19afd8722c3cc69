/* alcove-vault-emergency.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-audit-actions.h"
#include "alcove-vault-private.h"

/*
 * Emergency access ("breaking the glass"), format 4.
 *
 * The emergency key is a random seed whose X25519 public half is signed in the authority
 * part of vault.keys. Each clinician's session seals the key to their progress notes (never
 * their psychotherapy notes) to it, signed as themselves; an owner's session does the same
 * for a key it makes in a rotation or a handover. The seed itself is sealed, by the
 * authority, to each person the policy allows and to the authority's own X25519 key (so
 * every owner and the recovery key can renew it), in "emergency_grants".
 *
 * Unlock never opens the seed. Only alcove_vault_break_glass() does, after the person has
 * typed their password again and the event has been written to practice.db and the signed
 * audit log; then it opens the keys of the clinicians who saw that client, attaches their
 * progress notes under schemas of their own, wipes the seed, and detaches them at expiry,
 * at lock, or when ended. The keys are per clinician store: Alcove reads only the client's
 * notes from them, and the rest of the store is as reachable as the key is. So disabling
 * someone who held the seed renews it and hands over every progress-notes store sealed to
 * it, and renewing it for any other reason drops the stores' seals until their clinicians'
 * next sign-in.
 */

#define EMERGENCY_PURPOSE "alcove emergency x25519"
#define AUTHORITY_PURPOSE "alcove authority x25519"
/* the authority's own copy of the seed, in "emergency_grants" */
#define AUTHORITY_HOLDER "authority"

typedef struct
{
  AlcoveEmergencyReason reason;
  const char           *id;
  const char           *label;
} ReasonInfo;

static const ReasonInfo reasons[] = {
  { ALCOVE_EMERGENCY_REASON_CRISIS, "crisis", N_("The client is in crisis or at risk") },
  { ALCOVE_EMERGENCY_REASON_CONTINUITY, "continuity",
    N_("Urgent care while their clinician is unavailable") },
  { ALCOVE_EMERGENCY_REASON_SERVICES, "emergency-services",
    N_("Emergency services or a hospital asked for information") },
  { ALCOVE_EMERGENCY_REASON_OTHER, "other", N_("Another urgent reason") },
};

const char *
alcove_emergency_reason_to_string (AlcoveEmergencyReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (reasons), NULL);
  return reasons[reason].id;
}

gboolean
alcove_emergency_reason_from_string (const char            *text,
                                     AlcoveEmergencyReason *reason)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (reasons); i++)
    if (g_str_equal (reasons[i].id, text))
      {
        *reason = reasons[i].reason;
        return TRUE;
      }
  return FALSE;
}

const char *
alcove_emergency_reason_get_label (AlcoveEmergencyReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (reasons), NULL);
  return _(reasons[reason].label);
}

/* ---- who may, and which seals are trusted ---- */

static gboolean
may_break_glass (const AlcoveHeader     *header,
                 const AlcoveHeaderUser *user)
{
  return user != NULL && !user->disabled && user->first_sign_in == ALCOVE_FIRST_SIGN_IN_NONE &&
         (header->emergency_roles & (1u << user->role)) != 0;
}

static gboolean
signed_by (GBytes                  *key,
           const AlcoveHeader      *header,
           const AlcoveHeaderGrant *grant)
{
  g_autofree char *text = alcove_header_grant_text (header, grant);

  return key != NULL && grant->signature != NULL &&
         alcove_signature_verify (key, ALCOVE_GRANT_CONTEXT, text, strlen (text),
                                  grant->signature);
}

/* A seed sealed by the authority to someone the policy allows, or to the authority; a
 * progress-notes key sealed by the authority or by that notes' own active clinician (with
 * their current key). Anything else opens nothing. */
gboolean
alcove_vault_emergency_grant_is_trusted (const AlcoveHeader      *header,
                                         const AlcoveHeaderGrant *grant)
{
  AlcoveHeaderUser *clinician;

  if (grant->granter == NULL)
    return FALSE;
  if (g_str_equal (grant->database, ALCOVE_EMERGENCY_ID))
    return g_str_equal (grant->granter, ALCOVE_GRANTER_AUTHORITY) &&
           (g_str_equal (grant->user, AUTHORITY_HOLDER) ||
            may_break_glass (header, alcove_header_find_user (header, grant->user))) &&
           signed_by (header->authority_key, header, grant);
  if (!g_str_equal (grant->user, ALCOVE_EMERGENCY_ID) || !g_str_has_prefix (grant->database, "notes:"))
    return FALSE;
  if (g_str_equal (grant->granter, ALCOVE_GRANTER_AUTHORITY))
    return signed_by (header->authority_key, header, grant);
  clinician = alcove_header_find_user (header, grant->database + strlen ("notes:"));
  return clinician != NULL && !clinician->disabled && g_str_equal (grant->granter, clinician->uuid) &&
         signed_by (alcove_header_user_signing_key (clinician), header, grant);
}

static AlcoveHeaderGrant *
find_emergency_grant (const AlcoveHeader *header,
                      const char         *user,
                      const char         *database_id)
{
  for (guint i = 0; i < header->emergency_grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->emergency_grants, i);

      if (g_str_equal (grant->user, user) && g_str_equal (grant->database, database_id))
        return grant;
    }
  return NULL;
}

static void
remove_emergency_grants (AlcoveHeader *header,
                         const char   *user,
                         const char   *database_id)
{
  for (guint i = header->emergency_grants->len; i > 0; i--)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->emergency_grants, i - 1);

      if ((user == NULL || g_str_equal (grant->user, user)) &&
          (database_id == NULL || g_str_equal (grant->database, database_id)))
        g_ptr_array_remove_index (header->emergency_grants, i - 1);
    }
}

gboolean
alcove_vault_can_break_glass (AlcoveVault *self)
{
  AlcoveHeaderUser *user;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);

  if (alcove_vault_get_locked (self) || self->header->emergency_key == NULL)
    return FALSE;
  user = alcove_vault_current_header_user (self);
  return may_break_glass (self->header, user) &&
         find_emergency_grant (self->header, user->uuid, ALCOVE_EMERGENCY_ID) != NULL;
}

/* ---- sealing ---- */

static gboolean
seal (AlcoveVault         *self,
      AlcoveHeader        *header,
      const char          *recipient,
      GBytes              *public_key,
      const char          *database_id,
      const AlcoveSecret  *key,
      gboolean             as_authority,
      GError             **error)
{
  AlcoveHeaderGrant *grant = g_new0 (AlcoveHeaderGrant, 1);
  g_autofree char *ad = alcove_header_grant_ad (header, recipient, database_id);
  g_autofree char *text = NULL;
  const AlcoveSigner *signer = as_authority ? self->authority : self->signer;

  g_return_val_if_fail (signer != NULL, FALSE);

  grant->user = g_strdup (recipient);
  grant->database = g_strdup (database_id);
  grant->granter = g_strdup (as_authority ? ALCOVE_GRANTER_AUTHORITY
                                          : alcove_user_get_uuid (self->current_user));
  if (!alcove_crypto_seal (public_key, key, ad, &grant->ephemeral, &grant->nonce,
                           &grant->wrapped, error))
    {
      alcove_header_grant_free (grant);
      return FALSE;
    }
  text = alcove_header_grant_text (header, grant);
  grant->signature = alcove_signer_sign (signer, ALCOVE_GRANT_CONTEXT, text, strlen (text));
  g_ptr_array_add (header->emergency_grants, grant);
  return TRUE;
}

static AlcoveSecret *
open_grant (const AlcoveHeader      *header,
            const AlcoveHeaderGrant *grant,
            const AlcoveSecret      *seed,
            const char              *purpose)
{
  g_autofree char *ad = alcove_header_grant_ad (header, grant->user, grant->database);

  if (!alcove_vault_emergency_grant_is_trusted (header, grant))
    return NULL;
  return alcove_crypto_open_sealed (seed, purpose, grant->ephemeral, grant->nonce,
                                    grant->wrapped, ad, NULL);
}

/* A progress-notes key, sealed to the emergency key in `header` in place of any earlier
 * seal: by the authority in an owner's session, else by the clinician whose notes they
 * are. Nothing when the header has no emergency key yet. */
gboolean
alcove_vault_seal_notes_for_emergency (AlcoveVault         *self,
                                       AlcoveHeader        *header,
                                       const char          *database_id,
                                       const AlcoveSecret  *notes_key,
                                       GError             **error)
{
  gboolean as_authority = self->authority != NULL;
  g_autofree char *own_notes = NULL;

  if (header->emergency_key == NULL || !g_str_has_prefix (database_id, "notes:"))
    return TRUE;
  if (!as_authority)
    {
      own_notes = self->current_user ? g_strdup_printf ("notes:%s",
                                                        alcove_user_get_uuid (self->current_user))
                                     : NULL;
      if (g_strcmp0 (own_notes, database_id) != 0)
        return TRUE;
    }
  remove_emergency_grants (header, ALCOVE_EMERGENCY_ID, database_id);
  return seal (self, header, ALCOVE_EMERGENCY_ID, header->emergency_key, database_id, notes_key,
               as_authority, error);
}

static GBytes *
authority_public_key (AlcoveVault *self)
{
  AlcoveSecret *seed = g_hash_table_lookup (self->database_keys, ALCOVE_AUTHORITY_ID);

  return seed ? alcove_crypto_public_key (seed, AUTHORITY_PURPOSE) : NULL;
}

static gboolean
seal_seed_to_holders (AlcoveVault         *self,
                      AlcoveHeader        *header,
                      const AlcoveSecret  *seed,
                      GError             **error)
{
  g_autoptr(GBytes) authority_key = authority_public_key (self);

  if (authority_key != NULL && find_emergency_grant (header, AUTHORITY_HOLDER, ALCOVE_EMERGENCY_ID) == NULL &&
      !seal (self, header, AUTHORITY_HOLDER, authority_key, ALCOVE_EMERGENCY_ID, seed, TRUE, error))
    return FALSE;
  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      if (may_break_glass (header, user) &&
          find_emergency_grant (header, user->uuid, ALCOVE_EMERGENCY_ID) == NULL &&
          !seal (self, header, user->uuid, user->public_key, ALCOVE_EMERGENCY_ID, seed, TRUE, error))
        return FALSE;
    }
  return TRUE;
}

/* A new emergency key: every earlier seal goes, and progress-notes stores are sealed to it
 * again by their clinicians' next sign-in, or by whoever rotates or hands them over. */
gboolean
alcove_vault_renew_emergency_key (AlcoveVault   *self,
                                  AlcoveHeader  *header,
                                  GError       **error)
{
  g_autoptr(AlcoveSecret) seed = alcove_secret_new_random (ALCOVE_KEY_SIZE);

  g_return_val_if_fail (self->authority != NULL, FALSE);

  g_clear_pointer (&header->emergency_key, g_bytes_unref);
  header->emergency_key = alcove_crypto_public_key (seed, EMERGENCY_PURPOSE);
  g_ptr_array_set_size (header->emergency_grants, 0);
  return seal_seed_to_holders (self, header, seed, error);
}

/* The seed, through the authority's copy (an owner's or a recovery session) or the
 * person's own; NULL if neither opens */
static AlcoveSecret *
open_seed_as_holder (AlcoveVault        *self,
                     const AlcoveHeader *header)
{
  AlcoveSecret *authority_seed = g_hash_table_lookup (self->database_keys, ALCOVE_AUTHORITY_ID);
  AlcoveHeaderGrant *grant;

  grant = find_emergency_grant (header, AUTHORITY_HOLDER, ALCOVE_EMERGENCY_ID);
  if (grant != NULL && authority_seed != NULL)
    return open_grant (header, grant, authority_seed, AUTHORITY_PURPOSE);
  grant = self->current_user ? find_emergency_grant (header, alcove_user_get_uuid (self->current_user),
                                                     ALCOVE_EMERGENCY_ID)
                             : NULL;
  if (grant != NULL && self->user_key != NULL)
    return open_grant (header, grant, self->user_key, ALCOVE_PURPOSE_USER);
  return NULL;
}

static gboolean
holds_stale_seal (const AlcoveHeader *header)
{
  for (guint i = 0; i < header->emergency_grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->emergency_grants, i);

      if (g_str_equal (grant->database, ALCOVE_EMERGENCY_ID) &&
          !g_str_equal (grant->user, AUTHORITY_HOLDER) &&
          !may_break_glass (header, alcove_header_find_user (header, grant->user)))
        return TRUE;
    }
  return FALSE;
}

/* Before an owner's change is signed: the emergency key exists, and exactly the people the
 * policy allows hold it. Someone who may no longer break the glass held it, so it is
 * renewed; someone new only gets the current one. */
gboolean
alcove_vault_update_emergency_holders (AlcoveVault   *self,
                                       AlcoveHeader  *header,
                                       GError       **error)
{
  g_autoptr(AlcoveSecret) seed = NULL;

  if (self->authority == NULL || header->version < ALCOVE_HEADER_SIGNED_VERSION)
    return TRUE;
  if (header->emergency_key == NULL || holds_stale_seal (header))
    return alcove_vault_renew_emergency_key (self, header, error);
  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      if (may_break_glass (header, user) &&
          find_emergency_grant (header, user->uuid, ALCOVE_EMERGENCY_ID) == NULL)
        {
          seed = open_seed_as_holder (self, self->header);
          if (seed == NULL)
            return alcove_vault_renew_emergency_key (self, header, error);
          return seal_seed_to_holders (self, header, seed, error);
        }
    }
  return TRUE;
}

/* A person who held the emergency key leaves: a new key, and the progress-notes stores
 * that were sealed to the old one are returned, to be rotated or handed over like the
 * person's own, so what they kept opens nothing written from now on. */
GStrv
alcove_vault_revoke_emergency_holder (AlcoveVault   *self,
                                      AlcoveHeader  *header,
                                      const char    *user_uuid,
                                      GError       **error)
{
  g_autoptr(GStrvBuilder) sealed = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  if (header->emergency_key != NULL &&
      find_emergency_grant (self->header, user_uuid, ALCOVE_EMERGENCY_ID) != NULL)
    {
      for (guint i = 0; i < header->emergency_grants->len; i++)
        {
          AlcoveHeaderGrant *grant = g_ptr_array_index (header->emergency_grants, i);

          if (g_str_equal (grant->user, ALCOVE_EMERGENCY_ID))
            g_strv_builder_add (sealed, grant->database);
        }
      if (!alcove_vault_renew_emergency_key (self, header, error))
        return NULL;
    }
  ids = g_strv_builder_end (sealed);
  return g_steal_pointer (&ids);
}

/* At a clinician's sign-in: their progress notes are sealed to the current emergency key,
 * signed by them, if nobody trusted has done so. */
void
alcove_vault_honour_emergency (AlcoveVault *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notes_id = NULL;
  AlcoveHeaderGrant *sealed;
  AlcoveSecret *notes_key;
  AlcoveHeader *header;

  if (self->current_user == NULL || self->header->emergency_key == NULL)
    return;
  notes_id = g_strdup_printf ("notes:%s", alcove_user_get_uuid (self->current_user));
  notes_key = g_hash_table_lookup (self->database_keys, notes_id);
  sealed = find_emergency_grant (self->header, ALCOVE_EMERGENCY_ID, notes_id);
  if (notes_key == NULL ||
      (sealed != NULL && alcove_vault_emergency_grant_is_trusted (self->header, sealed)))
    return;
  header = alcove_vault_copy_header (self);
  if (!alcove_vault_seal_notes_for_emergency (self, header, notes_id, notes_key, &error) ||
      !alcove_vault_commit_header (self, header, &error))
    g_warning ("Progress notes were not sealed for emergency access: %s", error->message);
}

/* At an owner's sign-in: a vault from before format 4 gets its emergency key; the owner's
 * own progress notes are sealed to it */
void
alcove_vault_keep_emergency_current (AlcoveVault *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *details = alcove_audit_details ("policy", "emergency key", NULL);
  AlcoveHeader *header;

  if (self->authority != NULL && self->header->emergency_key == NULL)
    {
      header = alcove_vault_copy_header (self);
      /* alcove_vault_commit_header brings the holders up to date */
      if (!alcove_vault_commit_header (self, header, &error))
        {
          g_warning ("Emergency access was not set up: %s", error->message);
          return;
        }
      alcove_vault_audit (self, ALCOVE_AUDIT_POLICY_CHANGE, self->header->vault_uuid, details);
    }
  alcove_vault_honour_emergency (self);
}

/* ---- breaking the glass ---- */

/* The progress-notes stores of the clinicians who wrote of the client in a session, that
 * this session does not hold already */
static GPtrArray *
stores_for_client (AlcoveVault  *self,
                   const char   *client_id,
                   GError      **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = alcove_database_prepare (self->database,
                                  "SELECT DISTINCT clinician FROM sessions"
                                  " WHERE note_status != 'none' AND (client_id = ?1"
                                  "  OR id IN (SELECT session_id FROM session_attendees"
                                  "            WHERE client_id = ?1))", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *id = g_strdup_printf ("notes:%s", (const char *) sqlite3_column_text (stmt, 0));

      if (!g_hash_table_contains (self->database_keys, id) &&
          alcove_header_find_database (self->header, id) != NULL)
        g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (self->database, NULL, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
client_exists (AlcoveVault *self,
               const char  *client_id)
{
  sqlite3_stmt *stmt = alcove_database_prepare (self->database,
                                                "SELECT 1 FROM clients WHERE id = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

gboolean
alcove_vault_emergency_would_open (AlcoveVault *self,
                                   const char  *client_id)
{
  g_autoptr(GPtrArray) store_ids = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);

  if (!alcove_vault_can_break_glass (self))
    return FALSE;
  store_ids = stores_for_client (self, client_id, NULL);
  return store_ids != NULL && store_ids->len > 0;
}

static gboolean
check_request (AlcoveVault  *self,
               const char   *client_id,
               const char   *explanation,
               GError      **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (explanation ? explanation : ""));

  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;
  if (!alcove_vault_can_break_glass (self))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("The practice’s policy does not let your role open notes in an "
                                "emergency. Ask a practice owner."));
  if (client_id == NULL || !client_exists (self, client_id))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID, _("Choose a client"));
  if (trimmed[0] == '\0')
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("Say in a few words why the notes are needed now"));
  return TRUE;
}

static char *
stores_json (GPtrArray *store_ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < store_ids->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (store_ids, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Written and committed before any key is opened: no record, no access */
static gboolean
record_event (AlcoveVault            *self,
              const char             *event_id,
              const char             *client_id,
              AlcoveEmergencyReason   reason,
              const char             *explanation,
              GPtrArray              *store_ids,
              gint64                  started_ms,
              gint64                  expires_ms,
              GError                **error)
{
  g_autofree char *stores = stores_json (store_ids);
  g_autofree char *minutes = g_strdup_printf ("%" G_GINT64_FORMAT, (expires_ms - started_ms) / 60000);
  g_autofree char *count = g_strdup_printf ("%u", store_ids->len);
  g_autofree char *details = alcove_audit_details ("client", client_id,
                                                   "reason", alcove_emergency_reason_to_string (reason),
                                                   "minutes", minutes, "stores", count, NULL);
  sqlite3_stmt *stmt;

  if (!alcove_database_begin (self->database, error))
    return FALSE;
  stmt = alcove_database_prepare (self->database,
                                  "INSERT INTO emergency_access (id, user_id, client_id, reason,"
                                  " explanation, stores, started_ms, expires_ms)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_user_get_uuid (self->current_user), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, client_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, alcove_emergency_reason_to_string (reason), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, explanation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, stores, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, started_ms);
  sqlite3_bind_int64 (stmt, 8, expires_ms);
  if (!alcove_database_step_done (self->database, stmt, error) ||
      !alcove_audit_append (self->audit, ALCOVE_AUDIT_EMERGENCY_OPEN, event_id, details, NULL, error) ||
      !alcove_database_commit (self->database, error))
    goto fail;
  return TRUE;

fail:
  alcove_database_rollback (self->database);
  return FALSE;
}

static char *
emergency_schema (guint index)
{
  return g_strdup_printf ("emergency_%u", index);
}

/* Opens each store's key through the seed and attaches it; the seed and keys are wiped
 * when this returns */
static gboolean
attach_for_emergency (AlcoveVault  *self,
                      GPtrArray    *store_ids,
                      GError      **error)
{
  AlcoveHeaderGrant *holder = find_emergency_grant (self->header,
                                                    alcove_user_get_uuid (self->current_user),
                                                    ALCOVE_EMERGENCY_ID);
  g_autoptr(AlcoveSecret) seed = holder ? open_grant (self->header, holder, self->user_key,
                                                      ALCOVE_PURPOSE_USER)
                                        : NULL;

  if (seed == NULL)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_FORGED,
                              _("Your copy of the emergency key does not open. Nothing was "
                                "opened; tell the practice owner."));
  for (guint i = 0; i < store_ids->len; i++)
    {
      const char *id = g_ptr_array_index (store_ids, i);
      AlcoveHeaderGrant *wrap = find_emergency_grant (self->header, ALCOVE_EMERGENCY_ID, id);
      AlcoveHeaderDatabase *entry = alcove_header_find_database (self->header, id);
      g_autoptr(AlcoveSecret) key = wrap ? open_grant (self->header, wrap, seed, EMERGENCY_PURPOSE)
                                         : NULL;
      g_autofree char *schema = emergency_schema (self->emergency_schemas->len);
      g_autofree char *path = NULL;
      AlcoveCipherSettings settings;

      if (key == NULL || entry == NULL)
        continue;  /* not sealed yet, or sealed by no one entitled: that store stays shut */
      path = g_build_filename (self->path, entry->file, NULL);
      settings = (AlcoveCipherSettings) { entry->sqlcipher, entry->compatibility,
                                          entry->page_size, entry->hmac, entry->kdf };
      if (!alcove_database_attach (self->database, path, schema, key, &settings, FALSE, error))
        return FALSE;
      g_ptr_array_add (self->emergency_schemas, g_steal_pointer (&schema));
    }
  if (self->emergency_schemas->len == 0)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                              _("The client’s clinician has not signed in since emergency "
                                "access was set up, so their notes cannot be opened this way. "
                                "A practice owner can open them with the recovery key."));
  return TRUE;
}

static gboolean
expire_cb (gpointer user_data)
{
  AlcoveVault *self = user_data;

  self->emergency_timeout = 0;
  alcove_vault_end_emergency (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_expiry (AlcoveVault *self)
{
  gint64 left_ms = MAX (self->emergency_expires - g_get_real_time () / 1000, 0);

  g_clear_handle_id (&self->emergency_timeout, g_source_remove);
  self->emergency_timeout = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) MIN (left_ms, G_MAXUINT),
                                                expire_cb, self, NULL);
}

static void
detach_emergency_stores (AlcoveVault *self)
{
  for (guint i = 0; i < self->emergency_schemas->len; i++)
    if (self->database != NULL)
      alcove_database_detach (self->database, g_ptr_array_index (self->emergency_schemas, i));
  g_ptr_array_set_size (self->emergency_schemas, 0);
}

static char *
break_glass_checked (AlcoveVault            *self,
                     const char             *client_id,
                     AlcoveEmergencyReason   reason,
                     const char             *explanation,
                     GError                **error)
{
  g_autoptr(GPtrArray) store_ids = NULL;
  g_autofree char *event_id = g_uuid_string_random ();
  g_autofree char *trimmed = g_strstrip (g_strdup (explanation));
  gint64 now_ms = g_get_real_time () / 1000;
  gint64 expires_ms = now_ms + self->header->emergency_minutes * 60 * 1000;

  if (!check_request (self, client_id, explanation, error))
    return NULL;
  alcove_vault_end_emergency (self);
  store_ids = stores_for_client (self, client_id, error);
  if (store_ids == NULL)
    return NULL;
  if (store_ids->len == 0)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                         _("There are no progress notes of this client that you cannot read "
                           "already"));
      return NULL;
    }
  if (!record_event (self, event_id, client_id, reason, trimmed, store_ids, now_ms, expires_ms,
                     error))
    return NULL;
  self->emergency_event = g_strdup (event_id);
  self->emergency_client = g_strdup (client_id);
  self->emergency_expires = expires_ms;
  if (!attach_for_emergency (self, store_ids, error))
    {
      alcove_vault_end_emergency (self);
      return NULL;
    }
  schedule_expiry (self);
  alcove_vault_emit_changed (self, "emergency");
  return g_steal_pointer (&event_id);
}

char *
alcove_vault_break_glass (AlcoveVault            *self,
                          const char             *client_id,
                          AlcoveEmergencyReason   reason,
                          const char             *explanation,
                          const AlcoveSecret     *password,
                          GError                **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);
  g_return_val_if_fail (password != NULL, NULL);

  if (!check_request (self, client_id, explanation, error) ||
      !alcove_vault_check_password (self, password, error))
    return NULL;
  return break_glass_checked (self, client_id, reason, explanation, error);
}

typedef struct
{
  char                  *client_id;
  AlcoveEmergencyReason  reason;
  char                  *explanation;
} BreakGlassRequest;

static void
break_glass_request_free (BreakGlassRequest *request)
{
  g_free (request->client_id);
  g_free (request->explanation);
  g_free (request);
}

static void
password_checked_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlcoveVault *self = ALCOVE_VAULT (source);
  BreakGlassRequest *request = g_task_get_task_data (task);
  GError *error = NULL;
  char *event_id;

  if (!alcove_vault_check_password_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  event_id = break_glass_checked (self, request->client_id, request->reason,
                                  request->explanation, &error);
  if (event_id == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, event_id, g_free);
}

void
alcove_vault_break_glass_async (AlcoveVault            *self,
                                const char             *client_id,
                                AlcoveEmergencyReason   reason,
                                const char             *explanation,
                                const AlcoveSecret     *password,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  BreakGlassRequest *request;
  GError *error = NULL;

  g_return_if_fail (ALCOVE_IS_VAULT (self));
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_vault_break_glass_async);
  if (!check_request (self, client_id, explanation, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  request = g_new0 (BreakGlassRequest, 1);
  request->client_id = g_strdup (client_id);
  request->reason = reason;
  request->explanation = g_strdup (explanation);
  g_task_set_task_data (task, request, (GDestroyNotify) break_glass_request_free);
  alcove_vault_check_password_async (self, password, cancellable, password_checked_cb,
                                     g_steal_pointer (&task));
}

char *
alcove_vault_break_glass_finish (AlcoveVault   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
alcove_vault_get_emergency_event (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);
  return self->emergency_event;
}

const char *
alcove_vault_get_emergency_client (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);
  return self->emergency_client;
}

gint64
alcove_vault_get_emergency_expires (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), 0);
  return self->emergency_event ? self->emergency_expires : 0;
}

/* Empty once it has expired, even before the timer has run */
GStrv
alcove_vault_dup_emergency_schemas (AlcoveVault *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);

  if (self->emergency_event != NULL && g_get_real_time () / 1000 < self->emergency_expires)
    for (guint i = 0; i < self->emergency_schemas->len; i++)
      g_strv_builder_add (builder, g_ptr_array_index (self->emergency_schemas, i));
  return g_strv_builder_end (builder);
}

static void
record_end (AlcoveVault *self)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  if (self->database == NULL)
    return;
  stmt = alcove_database_prepare (self->database,
                                  "UPDATE emergency_access SET ended_ms = ?2"
                                  " WHERE id = ?1 AND ended_ms = 0", &error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, self->emergency_event, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time () / 1000);
      alcove_database_step_done (self->database, stmt, &error);
    }
  if (error != NULL)
    g_warning ("The end of an emergency access was not recorded: %s", error->message);
  alcove_vault_audit (self, ALCOVE_AUDIT_EMERGENCY_END, self->emergency_event, NULL);
}

void
alcove_vault_end_emergency (AlcoveVault *self)
{
  g_return_if_fail (ALCOVE_IS_VAULT (self));

  g_clear_handle_id (&self->emergency_timeout, g_source_remove);
  if (self->emergency_event == NULL)
    return;
  detach_emergency_stores (self);
  record_end (self);
  g_clear_pointer (&self->emergency_event, g_free);
  g_clear_pointer (&self->emergency_client, g_free);
  self->emergency_expires = 0;
  alcove_vault_emit_changed (self, "emergency");
}

/* For tests: an access that lasts until `expires_ms` instead */
void
alcove_vault_set_emergency_expires (AlcoveVault *self,
                                    gint64       expires_ms)
{
  g_return_if_fail (ALCOVE_IS_VAULT (self));
  g_return_if_fail (self->emergency_event != NULL);

  self->emergency_expires = expires_ms;
  schedule_expiry (self);
}
