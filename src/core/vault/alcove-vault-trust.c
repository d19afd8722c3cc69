/* alcove-vault-trust.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-vault-private.h"

/* What a signed-in person trusts, and why. Every account holds K_practice, so nothing
 * keyed from it can stop an insider; instead:
 * - the authority part of vault.keys must verify under the authority key this person's own
 *   slot pins (an insider cannot re-wrap someone else's slot without their password);
 * - a grant counts only if someone entitled to make it signed it;
 * - this device remembers the newest state it has seen, so an older copy of any file is
 *   reported (see alcove-freshness.c).
 * Every refusal names the file and, where it can, the entry. */

#define COUNTER_KEY "commit_counter"

static gboolean
forged (GError    **error,
        const char *what)
{
  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED,
               _("%s was changed by someone who may not change it (%s). Nothing was "
                 "opened. Keep the vault folder as it is and tell the practice owner."),
               ALCOVE_HEADER_FILE, what);
  return FALSE;
}

/* ---- naming what a forgery changed ---- */

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  if (text == NULL || *text == '\0' || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  g_autofree char *text_a = a ? json_to_string (a, FALSE) : NULL;
  g_autofree char *text_b = b ? json_to_string (b, FALSE) : NULL;

  return g_strcmp0 (text_a, text_b) == 0;
}

static JsonObject *
find_user_object (JsonObject *authority,
                  const char *uuid)
{
  JsonArray *users = json_object_get_array_member (authority, "users");

  for (guint i = 0; users && i < json_array_get_length (users); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (user, "uuid", ""), uuid) == 0)
        return user;
    }
  return NULL;
}

static void
describe_user_changes (GString    *out,
                       JsonObject *trusted,
                       JsonObject *now)
{
  JsonArray *users = json_object_get_array_member (now, "users");

  for (guint i = 0; users && i < json_array_get_length (users); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);
      const char *uuid = json_object_get_string_member_with_default (user, "uuid", "");
      const char *name = json_object_get_string_member_with_default (user, "username", "");
      JsonObject *before = find_user_object (trusted, uuid);
      g_autoptr(GList) members = json_object_get_members (user);

      if (before == NULL)
        {
          g_string_append_printf (out, "%susers: “%s” added", out->len ? "; " : "", name);
          continue;
        }
      for (GList *l = members; l != NULL; l = l->next)
        if (!nodes_equal (json_object_get_member (user, l->data),
                          json_object_get_member (before, l->data)))
          g_string_append_printf (out, "%susers: “%s” %s", out->len ? "; " : "", name,
                                  (const char *) l->data);
    }
}

/* "users: “bill” role; recovery" — from the last authority this device verified. */
static char *
describe_changes (const char         *trusted_text,
                  const AlcoveHeader *header)
{
  g_autoptr(JsonParser) trusted_parser = json_parser_new ();
  g_autoptr(JsonParser) now_parser = json_parser_new ();
  g_autofree char *now_text = alcove_header_authority_text (header);
  JsonObject *trusted = parse_object (trusted_parser, trusted_text);
  JsonObject *now = parse_object (now_parser, now_text);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GList) members = NULL;

  if (trusted == NULL || now == NULL)
    return g_strdup (_("the list of accounts and keys does not carry an owner’s signature"));
  members = json_object_get_members (now);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (g_str_equal (l->data, "users") || g_str_equal (l->data, "generation"))
        continue;
      if (!nodes_equal (json_object_get_member (now, l->data),
                        json_object_get_member (trusted, l->data)))
        g_string_append_printf (out, "%s%s", out->len ? "; " : "", (const char *) l->data);
    }
  describe_user_changes (out, trusted, now);
  if (out->len == 0)
    return g_strdup (_("the signature of the list of accounts and keys"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- the authority part ---- */

static gboolean
check_own_keys (const AlcoveHeader     *header,
                const AlcoveHeaderUser *user,
                const AlcoveSecret     *user_key,
                GError                **error)
{
  g_autoptr(GBytes) public_key = alcove_crypto_public_key (user_key, ALCOVE_PURPOSE_USER);
  g_autoptr(AlcoveSigner) signer = alcove_signer_new (user_key, ALCOVE_SIGNING_USER);
  GBytes *listed = alcove_header_user_signing_key (user);
  AlcoveHeaderRegistration *registration = alcove_header_find_registration (header, user->uuid);

  if (!g_bytes_equal (public_key, user->public_key) ||
      (listed != NULL && !g_bytes_equal (listed, alcove_signer_get_public_key (signer))))
    return forged (error, _("the keys of your own account were replaced"));
  if (listed == NULL && registration != NULL &&
      !g_bytes_equal (registration->signing_key, alcove_signer_get_public_key (signer)))
    return forged (error, _("someone announced a signing key in your name"));
  return TRUE;
}

/* The authority key in the last authority part this computer trusted, if any */
static GBytes *
trusted_authority_key (AlcoveVault *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *trusted = parse_object (parser, self->seen ? alcove_freshness_get_authority (self->seen)
                                                         : NULL);
  const char *text = trusted ? json_object_get_string_member_with_default (trusted,
                                                                            "authority_key", "")
                             : "";
  gsize size = 0;
  guchar *data = g_base64_decode (text, &size);

  if (size != ALCOVE_SIGNING_KEY_SIZE)
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, size);
}

/* The header's authority must follow, through signed successions, from the one this
 * computer last trusted: a former owner who kept an earlier authority key cannot fork. */
gboolean
alcove_vault_check_succession (AlcoveVault         *self,
                               const AlcoveHeader  *header,
                               GError             **error)
{
  g_autoptr(GBytes) trusted = trusted_authority_key (self);

  if (trusted != NULL && !alcove_header_authority_descends (header, trusted))
    return forged (error, _("it is signed by a key that does not follow from the one this "
                            "computer trusted"));
  return TRUE;
}

/* Signed by the authority key the person's own slot pins, or one it endorsed. A format 1
 * slot pins nothing yet: that person trusts the first authority they meet after the
 * upgrade, once. */
gboolean
alcove_vault_check_authority (AlcoveVault              *self,
                              AlcoveHeaderUser         *user,
                              const AlcoveSlotContents *contents,
                              GError                  **error)
{
  const AlcoveHeader *header = self->header;

  if (!contents->legacy && !alcove_header_authority_descends (header, contents->pinned))
    return forged (error, _("it is signed by a key your account has never trusted"));
  if (!alcove_vault_check_succession (self, header, error))
    return FALSE;
  if (!alcove_header_verify_authority (header))
    {
      g_autofree char *what = describe_changes (self->seen ? alcove_freshness_get_authority (self->seen)
                                                           : NULL, header);
      return forged (error, what);
    }
  return check_own_keys (header, user, contents->user_key, error);
}

/* ---- grants ---- */

static gboolean
entitled_by_role (const AlcoveHeaderUser *user,
                  const char             *database_id)
{
  if (user->disabled)
    return FALSE;
  if (g_str_equal (database_id, "practice"))
    return TRUE;
  if (g_str_equal (database_id, ALCOVE_AUTHORITY_ID))
    return user->role == ALCOVE_ROLE_OWNER;
  if (g_str_has_prefix (database_id, "notes:") || g_str_has_prefix (database_id, "private:"))
    return alcove_role_writes_notes (user->role) &&
           g_str_equal (strchr (database_id, ':') + 1, user->uuid);
  return FALSE;
}

/* A clinician may share their own progress notes with an active supervisor. */
static gboolean
is_supervision_grant (const AlcoveHeaderUser *grantee,
                      const AlcoveHeaderUser *granter,
                      const char             *database_id)
{
  g_autofree char *notes_id = NULL;

  if (granter == NULL || granter->disabled || !alcove_role_writes_notes (granter->role) ||
      grantee->disabled || grantee->role != ALCOVE_ROLE_SUPERVISOR)
    return FALSE;
  notes_id = g_strdup_printf ("notes:%s", granter->uuid);
  return g_str_equal (database_id, notes_id);
}

static AlcoveHeaderUser *
notes_owner (const AlcoveHeader *header,
             const char         *database_id)
{
  if (!g_str_has_prefix (database_id, "notes:"))
    return NULL;
  return alcove_header_find_user (header, database_id + strlen ("notes:"));
}

static gboolean
authority_may_grant (const AlcoveHeader      *header,
                     const AlcoveHeaderUser  *grantee,
                     const AlcoveHeaderGrant *grant,
                     const char              *context)
{
  g_autofree char *text = alcove_header_grant_text (header, grant);

  return (entitled_by_role (grantee, grant->database) ||
          is_supervision_grant (grantee, notes_owner (header, grant->database),
                                grant->database)) &&
         alcove_signature_verify (header->authority_key, context, text, strlen (text),
                                  grant->signature);
}

gboolean
alcove_vault_grant_is_trusted (const AlcoveHeader      *header,
                               const AlcoveHeaderGrant *grant)
{
  AlcoveHeaderUser *grantee = alcove_header_find_user (header, grant->user);
  g_autofree char *text = alcove_header_grant_text (header, grant);
  AlcoveHeaderUser *granter;
  GBytes *signing_key;

  if (grantee == NULL || grant->granter == NULL)
    return FALSE;
  if (g_str_equal (grant->granter, ALCOVE_GRANTER_AUTHORITY))
    return authority_may_grant (header, grantee, grant, ALCOVE_GRANT_CONTEXT);
  granter = alcove_header_find_user (header, grant->granter);
  if (granter == NULL)
    return FALSE;
  /* A person re-sealing a store they are entitled to for themselves, or a clinician
   * sharing their notes with a supervisor. */
  if (!(granter == grantee && entitled_by_role (grantee, grant->database)) &&
      !is_supervision_grant (grantee, granter, grant->database))
    return FALSE;
  /* Only with the granter's current key: an earlier one may be known to whoever saw the
   * password it was replaced for. */
  signing_key = alcove_header_user_signing_key (granter);
  return signing_key != NULL &&
         alcove_signature_verify (signing_key, ALCOVE_GRANT_CONTEXT, text, strlen (text),
                                  grant->signature);
}

static gboolean
wrap_signed (const AlcoveHeader             *header,
             const AlcoveHeaderRecoveryWrap *wrap,
             const char                     *context)
{
  g_autofree char *text = alcove_header_recovery_wrap_text (header, wrap);

  return alcove_signature_verify (header->authority_key, context, text, strlen (text),
                                  wrap->signature);
}

gboolean
alcove_vault_recovery_wrap_is_trusted (const AlcoveHeader             *header,
                                       const AlcoveHeaderRecoveryWrap *wrap)
{
  return wrap_signed (header, wrap, ALCOVE_RECOVERY_WRAP_CONTEXT);
}

/* A key a store had before a rotation that its holders finish: only the authority moves a
 * grant there, signing it again under a context of its own, so no one can turn a current
 * grant into a retiring one or back. */
gboolean
alcove_vault_retiring_grant_is_trusted (const AlcoveHeader      *header,
                                        const AlcoveHeaderGrant *grant)
{
  AlcoveHeaderUser *grantee = alcove_header_find_user (header, grant->user);

  return grantee != NULL && g_strcmp0 (grant->granter, ALCOVE_GRANTER_AUTHORITY) == 0 &&
         authority_may_grant (header, grantee, grant, ALCOVE_RETIRING_GRANT_CONTEXT);
}

gboolean
alcove_vault_retiring_wrap_is_trusted (const AlcoveHeader             *header,
                                       const AlcoveHeaderRecoveryWrap *wrap)
{
  return wrap_signed (header, wrap, ALCOVE_RETIRING_WRAP_CONTEXT);
}

/* The header on disk, compared with what this session trusts: `verify` and a re-read. */
gboolean
alcove_vault_check_forgeries (AlcoveVault        *self,
                              const AlcoveHeader *header,
                              GError            **error)
{
  if (header->version < ALCOVE_HEADER_SIGNED_VERSION ||
      !alcove_header_authority_descends (header, self->header->authority_key))
    return forged (error, _("it is signed by a key your account has never trusted"));
  if (!alcove_header_verify_authority (header))
    {
      g_autofree char *trusted = alcove_header_authority_text (self->header);
      g_autofree char *what = describe_changes (trusted, header);
      return forged (error, what);
    }
  for (guint i = 0; i < header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);

      if (!alcove_vault_grant_is_trusted (header, grant))
        {
          AlcoveHeaderUser *user = alcove_header_find_user (header, grant->user);
          g_autofree char *what = g_strdup_printf (_("a key to %s for “%s” that no one "
                                                     "entitled to grant it signed"),
                                                   grant->database,
                                                   user ? user->username : grant->user);
          return forged (error, what);
        }
    }
  for (guint i = 0; i < header->recovery_wraps->len; i++)
    if (!alcove_vault_recovery_wrap_is_trusted (header, g_ptr_array_index (header->recovery_wraps, i)))
      return forged (error, _("a recovery copy of a key that no owner signed"));
  for (guint i = 0; i < header->retiring_grants->len; i++)
    if (!alcove_vault_retiring_grant_is_trusted (header, g_ptr_array_index (header->retiring_grants, i)))
      return forged (error, _("an earlier key to a store that no owner set aside"));
  for (guint i = 0; i < header->retiring_wraps->len; i++)
    if (!alcove_vault_retiring_wrap_is_trusted (header, g_ptr_array_index (header->retiring_wraps, i)))
      return forged (error, _("an earlier key to a store that no owner set aside"));
  return TRUE;
}

/* ---- the audit log's keys ---- */

/* The keys `actor` signed audit rows with, as `header` lists them */
static GPtrArray *
header_audit_keys (AlcoveHeader *header,
                   const char   *actor)
{
  AlcoveHeaderUser *user;
  AlcoveHeaderRegistration *registration;

  if (g_str_equal (actor, ALCOVE_ACTOR_RECOVERY))
    return header->recovery_signing;
  user = alcove_header_find_user (header, actor);
  if (user == NULL)
    return NULL;
  if (user->signing_keys->len > 0)
    return user->signing_keys;
  /* Announced after an upgrade, not yet listed by an owner */
  registration = alcove_header_find_registration (header, user->uuid);
  if (registration == NULL)
    return NULL;
  if (registration->as_keys == NULL)
    {
      registration->as_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_ptr_array_add (registration->as_keys, g_bytes_ref (registration->signing_key));
    }
  return registration->as_keys;
}

static GPtrArray *
audit_keys_cb (const char *actor,
               gpointer    user_data)
{
  AlcoveVault *self = user_data;

  return header_audit_keys (self->header, actor);
}

static GPtrArray *
copied_header_keys_cb (const char *actor,
                       gpointer    user_data)
{
  return header_audit_keys (user_data, actor);
}

void
alcove_vault_setup_audit (AlcoveVault *self)
{
  gint64 checked_rows = 0;
  const char *checked_mac = "";

  if (self->seen != NULL)
    alcove_freshness_get_audit_checked (self->seen, &checked_rows, &checked_mac);
  alcove_audit_set_keys_func (self->audit, audit_keys_cb, self, NULL);
  alcove_audit_set_signature_policy (self->audit, self->header->audit_signed_from,
                                     checked_rows, checked_mac);
}

/* The session's verifier for another thread: it finds the authors' keys in its own copy of
 * the header, which that thread alone reads (and fills in), whatever this one does to the
 * session's. An unlocked session's header is always of the current format. */
AlcoveAudit *
alcove_vault_new_audit_verifier (AlcoveVault *self)
{
  AlcoveAudit *verifier;

  g_return_val_if_fail (self->audit != NULL, NULL);

  verifier = alcove_audit_new_verifier (self->audit);
  alcove_audit_set_keys_func (verifier, copied_header_keys_cb, alcove_vault_copy_header (self),
                              (GDestroyNotify) alcove_header_free);
  return verifier;
}

/* ---- freshness ---- */

/* 0 for a store that never had one (made before format 2) */
static gboolean
read_counter (AlcoveStoreHandle  *store,
              gint64             *counter,
              GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT value FROM %s.meta WHERE key = '" COUNTER_KEY "'",
                                          store->schema);
  sqlite3_stmt *stmt = NULL;
  int rc;

  *counter = 0;
  rc = sqlite3_prepare_v2 (alcove_database_get_handle (store->database), sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *counter = g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 0), NULL, 10);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return alcove_database_set_error (store->database, store->schema, rc, error);
  return TRUE;
}

static gboolean
write_counter (AlcoveStoreHandle  *store,
               gint64              counter,
               GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT OR REPLACE INTO %s.meta (key, value)"
                                          " VALUES ('" COUNTER_KEY "', '%" G_GINT64_FORMAT "')",
                                          store->schema, counter);

  return alcove_database_exec (store->database, sql, error);
}

static gboolean
rolled_back (AlcoveVault  *self,
             GError      **error,
             const char   *file)
{
  g_autofree char *message =
    g_strdup_printf (_("%s is older than what this computer has already seen: an earlier copy "
                       "was put back. Nothing was opened. Keep the vault folder as it is and "
                       "tell the practice owner; if a backup was put back on purpose, restore "
                       "it with “Restore from a Backup” so that it is recorded as such."), file);

  return alcove_vault_excuse_rollback (self, error, message);
}

static gboolean
check_audit_head (AlcoveVault  *self,
                  GError      **error)
{
  g_autofree char *mac = NULL;
  gint64 rows;
  const char *seen_mac;

  alcove_freshness_get_audit_head (self->seen, &rows, &seen_mac);
  if (rows <= 0)
    return TRUE;
  mac = alcove_audit_mac_at (self->database, rows);
  if (mac == NULL)
    {
      g_autofree char *seen = g_strdup_printf ("%" G_GINT64_FORMAT, rows);
      g_autofree char *message =
        g_strdup_printf (_("Rows were cut from the end of the audit log in practice.db: this "
                           "computer has seen %s rows. Keep the vault folder as it is as "
                           "evidence and tell the practice owner."), seen);

      return alcove_vault_excuse_rollback (self, error, message);
    }
  /* after a restore the log goes on from the backup's rows, not from this device's */
  if (!alcove_crypto_hex_equal (mac, seen_mac) && self->restore_state != ALCOVE_RESTORE_NONE)
    return alcove_vault_excuse_rollback (self, error, "");
  if (!alcove_crypto_hex_equal (mac, seen_mac))
    {
      g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT, rows);

      /* Translators: %s is the number of a row of the audit log */
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FORGED,
                   _("The audit log in practice.db was rewritten at or before row %s; keep the "
                     "vault folder as it is as evidence and tell the practice owner."), row);
      return FALSE;
    }
  return TRUE;
}

/* Every store open in this session, and the header and audit log, against what this
 * device saw last. Called with the stores attached and before anything is written. */
/* The header first, before any store is looked for: an old header may name old files. */
gboolean
alcove_vault_check_generation (AlcoveVault  *self,
                               GError      **error)
{
  if (self->seen != NULL &&
      self->header->generation < alcove_freshness_get_generation (self->seen))
    return rolled_back (self, error, ALCOVE_HEADER_FILE);
  return TRUE;
}

gboolean
alcove_vault_check_freshness (AlcoveVault  *self,
                              GError      **error)
{
  if (self->seen == NULL)
    return TRUE;
  if (!alcove_vault_check_generation (self, error))
    return FALSE;
  for (guint i = 0; i < self->header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (self->header->databases, i);
      g_auto(AlcoveStoreHandle) store = { 0 };
      gint64 counter;

      if (!g_hash_table_contains (self->database_keys, entry->id))
        continue;
      if (!alcove_vault_open_store (self, entry, &store, error) ||
          !read_counter (&store, &counter, error))
        return FALSE;
      if (counter < alcove_freshness_get_counter (self->seen, entry->id))
        return rolled_back (self, error, entry->file);
    }
  return check_audit_head (self, error);
}

static void
record_own_slots (AlcoveVault *self)
{
  AlcoveHeaderUser *user = self->current_user
                             ? alcove_header_find_user (self->header,
                                                        alcove_user_get_uuid (self->current_user))
                             : NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) slot_ids = NULL;

  if (user == NULL)
    return;
  for (guint i = 0; i < user->slots->len; i++)
    g_strv_builder_add (ids, ((AlcoveHeaderSlot *) g_ptr_array_index (user->slots, i))->id);
  slot_ids = g_strv_builder_end (ids);
  alcove_freshness_set_slots (self->seen, slot_ids);
}

/* A slot this device saw replaced (a changed password) is never accepted again. */
gboolean
alcove_vault_check_slot_fresh (AlcoveVault             *self,
                               const AlcoveHeaderSlot  *slot,
                               GError                 **error)
{
  g_autofree char *message = NULL;

  if (self->seen == NULL || !alcove_freshness_slot_is_retired (self->seen, slot->id))
    return TRUE;
  message = g_strdup_printf (_("%s holds a password or keyring key that was replaced on this "
                               "computer: an older copy of %s was put back. Nothing was "
                               "opened. Tell the practice owner."),
                             ALCOVE_HEADER_FILE, ALCOVE_HEADER_FILE);
  return alcove_vault_excuse_rollback (self, error, message);
}

/* Remembers the state now; `bump` first raises every open store's counter, at unlock and
 * at lock, so a copy taken before either is older than what is remembered. */
gboolean
alcove_vault_record_freshness (AlcoveVault  *self,
                               gboolean      bump,
                               GError      **error)
{
  g_autofree char *authority = NULL;
  g_autofree char *mac = NULL;
  gint64 rows;

  if (self->seen == NULL || self->database == NULL)
    return TRUE;
  for (guint i = 0; i < self->header->databases->len; i++)
    {
      AlcoveHeaderDatabase *entry = g_ptr_array_index (self->header->databases, i);
      g_auto(AlcoveStoreHandle) store = { 0 };
      gint64 counter;

      if (!g_hash_table_contains (self->database_keys, entry->id))
        continue;
      if (!alcove_vault_open_store (self, entry, &store, error) ||
          !read_counter (&store, &counter, error))
        return FALSE;
      counter += bump ? 1 : 0;
      if (bump && !write_counter (&store, counter, error))
        return FALSE;
      alcove_freshness_set_counter (self->seen, entry->id, counter);
    }
  record_own_slots (self);
  authority = alcove_header_authority_text (self->header);
  alcove_freshness_set_generation (self->seen, self->header->generation);
  alcove_freshness_set_authority (self->seen, authority);
  if (self->audit != NULL && alcove_audit_get_head (self->audit, &rows, &mac, NULL))
    alcove_freshness_set_audit_head (self->seen, rows, mac);
  return alcove_freshness_save (self->seen, error);
}
