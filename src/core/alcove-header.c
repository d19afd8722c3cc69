/* alcove-header.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * vault.keys — the plaintext header of a vault, format version 1
 *
 * A JSON object, UTF-8, with these members in this order:
 *
 *   "format"         "alcove-vault"
 *   "version"        1
 *   "vault_uuid"     random UUID, bound into every wrap
 *   "created_ms"     Unix milliseconds, UTC
 *   "practice_name"  shown on the login page (not PHI)
 *   "databases"      [{ "id": "practice" | "notes:<user uuid>" | "private:<user uuid>",
 *                       "file", "cipher": { "sqlcipher", "compatibility", "page_size",
 *                       "hmac", "kdf" } }]   the SQLCipher settings each file was made with
 *   "users"          [{ "uuid", "username", "full_name", "role", "disabled", "created_ms",
 *                       "public_key",
 *                       "slots": [ { "id", "kind": "password",
 *                                    "kdf": { "algorithm": "argon2id", "t_cost",
 *                                             "m_cost_kib", "parallelism", "salt" },
 *                                    "nonce", "wrapped" }
 *                                | { "id", "kind": "keyring", "label", "nonce", "wrapped" } ] }]
 *   "grants"         [{ "user", "database", "ephemeral", "nonce", "wrapped" }]
 *   "recovery"       { "public_key", "wraps": [{ "database", "ephemeral", "nonce", "wrapped" }] }
 *   "mac"            hex HMAC-SHA256 of the compact serialisation of all members above,
 *                    under HKDF(K_practice, "alcove header mac")
 *
 * Binary values are base64. "wrapped" is AES-256-GCM ciphertext || 16-byte tag; a slot wraps
 * the user's key (under Argon2id(password) or the keyring's device key). A grant seals a
 * database key to the user's X25519 public key (derived from the user key), a recovery wrap
 * to the one derived from the recovery key: ephemeral X25519 + HKDF + AES-256-GCM, so an
 * owner adding a clinician, or a clinician granting a supervisor, needs neither the other's
 * password nor the recovery key. The associated data of each is
 * "alcove-v1|<vault_uuid>|<slot or grant id>|<purpose>" (see the *_ad functions below).
 *
 * The MAC is checked after unlock: a reader without keys cannot tell an edit, and every
 * account can unwrap K_practice. Unknown members are rejected so a newer format is never
 * half-read; a newer "version" is refused with a message to update Alcove.
 */

#define G_LOG_DOMAIN "alcove-header"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-error.h"
#include "alcove-header.h"

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
  g_ptr_array_unref (user->slots);
  g_free (user);
}

void
alcove_header_grant_free (AlcoveHeaderGrant *grant)
{
  g_free (grant->user);
  g_free (grant->database);
  g_clear_pointer (&grant->ephemeral, g_bytes_unref);
  g_clear_pointer (&grant->nonce, g_bytes_unref);
  g_clear_pointer (&grant->wrapped, g_bytes_unref);
  g_free (grant);
}

void
alcove_header_recovery_wrap_free (AlcoveHeaderRecoveryWrap *wrap)
{
  g_free (wrap->database);
  g_clear_pointer (&wrap->ephemeral, g_bytes_unref);
  g_clear_pointer (&wrap->nonce, g_bytes_unref);
  g_clear_pointer (&wrap->wrapped, g_bytes_unref);
  g_free (wrap);
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

static AlcoveHeader *
header_alloc (void)
{
  AlcoveHeader *header = g_new0 (AlcoveHeader, 1);

  header->version = ALCOVE_HEADER_VERSION;
  header->databases = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_database_free);
  header->users = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_user_free);
  header->grants = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_grant_free);
  header->recovery_wraps =
    g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_recovery_wrap_free);
  return header;
}

AlcoveHeader *
alcove_header_new (const char *practice_name)
{
  AlcoveHeader *header = header_alloc ();

  header->vault_uuid = g_uuid_string_random ();
  header->created_ms = g_get_real_time () / 1000;
  header->practice_name = g_strdup (practice_name);
  return header;
}

void
alcove_header_free (AlcoveHeader *header)
{
  if (header == NULL)
    return;
  g_free (header->vault_uuid);
  g_free (header->practice_name);
  g_ptr_array_unref (header->databases);
  g_ptr_array_unref (header->users);
  g_ptr_array_unref (header->grants);
  g_ptr_array_unref (header->recovery_wraps);
  g_clear_pointer (&header->recovery_public, g_bytes_unref);
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
  user->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_slot_free);
  return user;
}

/* ---- serialisation ---- */

static void
add_bytes (JsonBuilder *builder,
           const char  *name,
           GBytes      *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autofree char *text = g_base64_encode (data, size);

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
            AlcoveHeaderSlot *slot)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", slot->id);
  add_string (builder, "kind", slot->kind);
  if (g_str_equal (slot->kind, "password"))
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
build_users (JsonBuilder        *builder,
             const AlcoveHeader *header)
{
  json_builder_set_member_name (builder, "users");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->users->len; i++)
    {
      AlcoveHeaderUser *user = g_ptr_array_index (header->users, i);

      json_builder_begin_object (builder);
      add_string (builder, "uuid", user->uuid);
      add_string (builder, "username", user->username);
      add_string (builder, "full_name", user->full_name);
      add_string (builder, "role", alcove_role_to_string (user->role));
      json_builder_set_member_name (builder, "disabled");
      json_builder_add_boolean_value (builder, user->disabled);
      add_int (builder, "created_ms", user->created_ms);
      add_bytes (builder, "public_key", user->public_key);
      json_builder_set_member_name (builder, "slots");
      json_builder_begin_array (builder);
      for (guint j = 0; j < user->slots->len; j++)
        build_slot (builder, g_ptr_array_index (user->slots, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_grants_and_recovery (JsonBuilder        *builder,
                           const AlcoveHeader *header)
{
  json_builder_set_member_name (builder, "grants");
  json_builder_begin_array (builder);
  for (guint i = 0; i < header->grants->len; i++)
    {
      AlcoveHeaderGrant *grant = g_ptr_array_index (header->grants, i);

      json_builder_begin_object (builder);
      add_string (builder, "user", grant->user);
      add_string (builder, "database", grant->database);
      add_bytes (builder, "ephemeral", grant->ephemeral);
      add_bytes (builder, "nonce", grant->nonce);
      add_bytes (builder, "wrapped", grant->wrapped);
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
      add_bytes (builder, "ephemeral", wrap->ephemeral);
      add_bytes (builder, "nonce", wrap->nonce);
      add_bytes (builder, "wrapped", wrap->wrapped);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

char *
alcove_header_serialize (const AlcoveHeader *header,
                         gboolean            with_mac)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "format", "alcove-vault");
  add_int (builder, "version", header->version);
  add_string (builder, "vault_uuid", header->vault_uuid);
  add_int (builder, "created_ms", header->created_ms);
  add_string (builder, "practice_name", header->practice_name);
  build_databases (builder, header);
  build_users (builder, header);
  build_grants_and_recovery (builder, header);
  if (with_mac)
    add_string (builder, "mac", header->mac);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, with_mac);
  return json_generator_to_data (generator, NULL);
}

/* ---- parsing: every member checked, so a damaged file is named, never half-read ---- */

typedef struct
{
  const char *where;
  gboolean    failed;
} ParseState;

static JsonObject *
get_object (ParseState *state,
            JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      if (!state->failed)
        state->where = name;
      state->failed = TRUE;
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
get_array (ParseState *state,
           JsonObject *object,
           const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      if (!state->failed)
        state->where = name;
      state->failed = TRUE;
      return NULL;
    }
  return json_node_get_array (node);
}

static char *
get_string (ParseState *state,
            JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      if (!state->failed)
        state->where = name;
      state->failed = TRUE;
      return g_strdup ("");
    }
  return g_strdup (json_node_get_string (node));
}

static gint64
get_int (ParseState *state,
         JsonObject *object,
         const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      if (!state->failed)
        state->where = name;
      state->failed = TRUE;
      return 0;
    }
  return json_node_get_int (node);
}

static GBytes *
get_bytes (ParseState *state,
           JsonObject *object,
           const char *name,
           gsize       min_size)
{
  g_autofree char *text = get_string (state, object, name);
  gsize size = 0;
  guchar *data = g_base64_decode (text, &size);

  if (size < min_size)
    {
      if (!state->failed)
        state->where = name;
      state->failed = TRUE;
    }
  return g_bytes_new_take (data, size);
}

static void
parse_databases (ParseState   *state,
                 JsonObject   *root,
                 AlcoveHeader *header)
{
  JsonArray *array = get_array (state, root, "databases");

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      JsonObject *cipher = get_object (state, object, "cipher");
      AlcoveHeaderDatabase *database = g_new0 (AlcoveHeaderDatabase, 1);

      database->id = get_string (state, object, "id");
      database->file = get_string (state, object, "file");
      database->sqlcipher = get_string (state, cipher, "sqlcipher");
      database->compatibility = (int) get_int (state, cipher, "compatibility");
      database->page_size = (int) get_int (state, cipher, "page_size");
      database->hmac = get_string (state, cipher, "hmac");
      database->kdf = get_string (state, cipher, "kdf");
      g_ptr_array_add (header->databases, database);
      /* File names come from the header: never let one point outside the vault. */
      if (strchr (database->file, '/') != NULL || database->file[0] == '.')
        {
          state->where = "file";
          state->failed = TRUE;
        }
    }
}

static AlcoveHeaderSlot *
parse_slot (ParseState *state,
            JsonObject *object)
{
  AlcoveHeaderSlot *slot = g_new0 (AlcoveHeaderSlot, 1);

  slot->id = get_string (state, object, "id");
  slot->kind = get_string (state, object, "kind");
  if (g_str_equal (slot->kind, "password"))
    {
      JsonObject *kdf = get_object (state, object, "kdf");
      g_autofree char *algorithm = get_string (state, kdf, "algorithm");

      slot->kdf.t_cost = (guint32) CLAMP (get_int (state, kdf, "t_cost"), 1, G_MAXUINT32);
      slot->kdf.m_cost_kib = (guint32) CLAMP (get_int (state, kdf, "m_cost_kib"), 8, 4 * 1024 * 1024);
      slot->kdf.parallelism = (guint32) CLAMP (get_int (state, kdf, "parallelism"), 1, 64);
      slot->salt = get_bytes (state, kdf, "salt", ALCOVE_SALT_SIZE);
      if (!g_str_equal (algorithm, "argon2id"))
        {
          state->where = "algorithm";
          state->failed = TRUE;
        }
    }
  else if (g_str_equal (slot->kind, "keyring"))
    slot->label = get_string (state, object, "label");
  else
    {
      state->where = "kind";
      state->failed = TRUE;
    }
  slot->nonce = get_bytes (state, object, "nonce", ALCOVE_NONCE_SIZE);
  slot->wrapped = get_bytes (state, object, "wrapped", 1);
  return slot;
}

static void
parse_users (ParseState   *state,
             JsonObject   *root,
             AlcoveHeader *header)
{
  JsonArray *array = get_array (state, root, "users");

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      AlcoveHeaderUser *user = g_new0 (AlcoveHeaderUser, 1);
      g_autofree char *role = get_string (state, object, "role");
      JsonArray *slots;

      user->uuid = get_string (state, object, "uuid");
      user->username = get_string (state, object, "username");
      user->full_name = get_string (state, object, "full_name");
      user->disabled = object && json_object_get_boolean_member_with_default (object, "disabled", TRUE);
      user->created_ms = get_int (state, object, "created_ms");
      user->public_key = get_bytes (state, object, "public_key", 32);
      user->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_header_slot_free);
      if (!alcove_role_from_string (role, &user->role))
        {
          state->where = "role";
          state->failed = TRUE;
        }
      slots = get_array (state, object, "slots");
      for (guint j = 0; slots && j < json_array_get_length (slots); j++)
        g_ptr_array_add (user->slots, parse_slot (state, json_array_get_object_element (slots, j)));
      g_ptr_array_add (header->users, user);
    }
}

static void
parse_grants_and_recovery (ParseState   *state,
                           JsonObject   *root,
                           AlcoveHeader *header)
{
  JsonArray *grants = get_array (state, root, "grants");
  JsonObject *recovery = get_object (state, root, "recovery");
  JsonArray *wraps = get_array (state, recovery, "wraps");

  for (guint i = 0; grants && i < json_array_get_length (grants); i++)
    {
      JsonObject *object = json_array_get_object_element (grants, i);
      AlcoveHeaderGrant *grant = g_new0 (AlcoveHeaderGrant, 1);

      grant->user = get_string (state, object, "user");
      grant->database = get_string (state, object, "database");
      grant->ephemeral = get_bytes (state, object, "ephemeral", 32);
      grant->nonce = get_bytes (state, object, "nonce", ALCOVE_NONCE_SIZE);
      grant->wrapped = get_bytes (state, object, "wrapped", 1);
      g_ptr_array_add (header->grants, grant);
    }

  header->recovery_public = get_bytes (state, recovery, "public_key", 32);
  for (guint i = 0; wraps && i < json_array_get_length (wraps); i++)
    {
      JsonObject *object = json_array_get_object_element (wraps, i);
      AlcoveHeaderRecoveryWrap *wrap = g_new0 (AlcoveHeaderRecoveryWrap, 1);

      wrap->database = get_string (state, object, "database");
      wrap->ephemeral = get_bytes (state, object, "ephemeral", 32);
      wrap->nonce = get_bytes (state, object, "nonce", ALCOVE_NONCE_SIZE);
      wrap->wrapped = get_bytes (state, object, "wrapped", 1);
      g_ptr_array_add (header->recovery_wraps, wrap);
    }
}

static gboolean
check_top_level (JsonObject  *root,
                 GError     **error)
{
  static const char * const members[] = { "format", "version", "vault_uuid", "created_ms",
                                          "practice_name", "databases", "users", "grants",
                                          "recovery", "mac" };
  const char *format = json_object_get_string_member_with_default (root, "format", "");
  gint64 version = json_object_get_int_member_with_default (root, "version", 0);
  g_autoptr(GList) names = json_object_get_members (root);

  if (!g_str_equal (format, "alcove-vault"))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s is not an Alcove vault header"), ALCOVE_HEADER_FILE);
      return FALSE;
    }
  if (version > ALCOVE_HEADER_VERSION)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("This vault was made by a newer Alcove (format %d): update Alcove to open it"),
                   (int) version);
      return FALSE;
    }
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains ((const char * const *) members, l->data))
      {
        g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                     _("%s is damaged: unexpected member “%s”"), ALCOVE_HEADER_FILE,
                     (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

AlcoveHeader *
alcove_header_parse (const char  *text,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AlcoveHeader) header = header_alloc ();
  g_autoptr(GError) local_error = NULL;
  ParseState state = { NULL, FALSE };
  JsonObject *root;

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
  if (!check_top_level (root, error))
    return NULL;

  header->version = (int) get_int (&state, root, "version");
  header->vault_uuid = get_string (&state, root, "vault_uuid");
  header->created_ms = get_int (&state, root, "created_ms");
  header->practice_name = get_string (&state, root, "practice_name");
  parse_databases (&state, root, header);
  parse_users (&state, root, header);
  parse_grants_and_recovery (&state, root, header);
  header->mac = get_string (&state, root, "mac");

  if (state.failed || !g_uuid_string_is_valid (header->vault_uuid))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                   _("%s is damaged (at “%s”); restore it from a backup"),
                   ALCOVE_HEADER_FILE, state.where ? state.where : "vault_uuid");
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

static AlcoveSecret *
header_mac_key (const AlcoveSecret *practice_key)
{
  return alcove_crypto_derive_subkey (practice_key, "alcove header mac");
}

void
alcove_header_seal (AlcoveHeader       *header,
                    const AlcoveSecret *practice_key)
{
  g_autoptr(AlcoveSecret) key = header_mac_key (practice_key);
  g_autofree char *body = alcove_header_serialize (header, FALSE);

  g_free (header->mac);
  header->mac = alcove_crypto_hmac_hex (key, body);
}

gboolean
alcove_header_check_mac (const AlcoveHeader *header,
                         const AlcoveSecret *practice_key)
{
  g_autoptr(AlcoveSecret) key = header_mac_key (practice_key);
  g_autofree char *body = alcove_header_serialize (header, FALSE);
  g_autofree char *expected = alcove_crypto_hmac_hex (key, body);

  return header->mac != NULL && alcove_crypto_hex_equal (expected, header->mac);
}

gboolean
alcove_header_save (AlcoveHeader        *header,
                    const char          *vault_dir,
                    const AlcoveSecret  *practice_key,
                    GError             **error)
{
  g_autofree char *path = g_build_filename (vault_dir, ALCOVE_HEADER_FILE, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  alcove_header_seal (header, practice_key);
  text = alcove_header_serialize (header, TRUE);
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
                       const AlcoveHeaderSlot *slot)
{
  return g_strdup_printf ("alcove-v1|%s|%s|user-key:%s:%s",
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
