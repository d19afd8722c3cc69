/* alcove-freshness.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-freshness"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "alcove-crypto.h"
#include "alcove-error.h"
#include "alcove-freshness.h"
#include "alcove-json-guard.h"

/* The file is "alcove-seen-1\n", the holder's public key, the nonce and the AES-256-GCM
 * ciphertext, base64, one per line. The plaintext is a JSON object:
 *   { "generation", "stores": { id: counter }, "audit_rows", "audit_mac",
 *     "checked_rows", "checked_mac", "authority", "slots": [ids], "retired_slots": [ids] }
 * The associated data binds the vault and the holder, so a record cannot be moved between
 * people or vaults. A missing file means a device that has seen nothing yet; a file that
 * does not open is reported, never silently replaced, because deleting or editing it is
 * how a rollback would try to hide. */

#define MAGIC "alcove-seen-1"
#define MAX_RECORD_SIZE (4 * 1024 * 1024)

struct _AlcoveFreshness
{
  char         *path;
  GBytes       *holder_public;
  char         *associated_data;
  AlcoveSecret *key;
  gboolean      is_new;
  gint64        generation;
  GHashTable   *counters;   /* database id → gint64 in a pointer-sized box */
  gint64        audit_rows;
  char         *audit_mac;
  gint64        checked_rows;
  char         *checked_mac;
  char         *authority;
  GPtrArray    *slots;          /* the holder's slot ids last seen */
  GPtrArray    *retired_slots;  /* ids this device saw replaced: never valid again */
  gint64        saved_ms;       /* when this device last recorded the vault; 0: unknown */
};

static char *
record_path (const char *vault_uuid,
             const char *holder)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", vault_uuid, holder);

  return g_build_filename (g_get_user_state_dir (), "alcove", "seen", name, NULL);
}

void
alcove_freshness_free (AlcoveFreshness *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_clear_pointer (&self->holder_public, g_bytes_unref);
  g_free (self->associated_data);
  alcove_secret_free (self->key);
  g_hash_table_unref (self->counters);
  g_free (self->audit_mac);
  g_free (self->checked_mac);
  g_free (self->authority);
  g_ptr_array_unref (self->slots);
  g_ptr_array_unref (self->retired_slots);
  g_free (self);
}

static gboolean
damaged (GError    **error,
         const char *path)
{
  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_ROLLBACK,
               _("This computer’s record of the vault (%s) was changed or does not belong to "
                 "this account, so an older copy of the vault cannot be ruled out. Ask the "
                 "practice owner to check the vault."), path);
  return FALSE;
}

static void
read_counters (AlcoveFreshness *self,
               JsonObject      *stores)
{
  g_autoptr(GList) names = stores ? json_object_get_members (stores) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (stores, l->data);

      if (json_node_get_value_type (node) == G_TYPE_INT64)
        alcove_freshness_set_counter (self, l->data, json_node_get_int (node));
    }
}

static void
read_strings (GPtrArray  *into,
              JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) == G_TYPE_STRING)
        g_ptr_array_add (into, g_strdup (json_node_get_string (element)));
    }
}

static char *
dup_member_string (JsonObject *object,
                   const char *name)
{
  return g_strdup (json_object_get_string_member_with_default (object, name, ""));
}

static gboolean
read_plaintext (AlcoveFreshness    *self,
                const AlcoveSecret *plain,
                GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *text = (const char *) alcove_secret_get_data (plain);
  gsize size = alcove_secret_get_size (plain);
  JsonObject *root;
  JsonNode *stores;

  if (!alcove_json_guard_check (text, size, MAX_RECORD_SIZE, 8, NULL) ||
      !json_parser_load_from_data (parser, text, (gssize) size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return damaged (error, self->path);
  root = json_node_get_object (json_parser_get_root (parser));
  self->generation = json_object_get_int_member_with_default (root, "generation", 0);
  stores = json_object_get_member (root, "stores");
  read_counters (self, stores && JSON_NODE_HOLDS_OBJECT (stores) ? json_node_get_object (stores)
                                                                : NULL);
  self->audit_rows = json_object_get_int_member_with_default (root, "audit_rows", 0);
  self->audit_mac = dup_member_string (root, "audit_mac");
  self->checked_rows = json_object_get_int_member_with_default (root, "checked_rows", 0);
  self->checked_mac = dup_member_string (root, "checked_mac");
  self->authority = dup_member_string (root, "authority");
  read_strings (self->slots, root, "slots");
  read_strings (self->retired_slots, root, "retired_slots");
  self->saved_ms = json_object_get_int_member_with_default (root, "saved_ms", 0);
  return TRUE;
}

static gboolean
key_is_in (GBytes    *key,
           GPtrArray *keys)
{
  for (guint i = 0; keys != NULL && i < keys->len; i++)
    if (g_bytes_equal (key, g_ptr_array_index (keys, i)))
      return TRUE;
  return FALSE;
}

static GBytes *
decode_line (const char *line)
{
  gsize size = 0;
  guchar *data = g_base64_decode (line, &size);

  return g_bytes_new_take (data, size);
}

static gboolean
read_record (AlcoveFreshness  *self,
             const char       *contents,
             GPtrArray        *earlier_keys,
             GError          **error)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", 5);
  g_autoptr(GBytes) sealed_for = NULL;
  g_autoptr(GBytes) nonce = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(AlcoveSecret) plain = NULL;

  if (g_strv_length (lines) < 4 || !g_str_equal (lines[0], MAGIC))
    return damaged (error, self->path);
  sealed_for = decode_line (lines[1]);
  if (!g_bytes_equal (sealed_for, self->holder_public))
    {
      if (key_is_in (sealed_for, earlier_keys))
        {
          self->is_new = TRUE;  /* sealed for a key since replaced: nothing to compare */
          return TRUE;
        }
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_ROLLBACK,
                   _("This computer has seen a newer key for this account than %s holds: "
                     "an older copy of %s was put back. Nothing was opened. Tell the practice "
                     "owner."), "vault.keys", "vault.keys");
      return FALSE;
    }
  nonce = decode_line (lines[2]);
  sealed = decode_line (lines[3]);
  if (g_bytes_get_size (nonce) != ALCOVE_NONCE_SIZE || g_bytes_get_size (sealed) < 17)
    return damaged (error, self->path);
  plain = alcove_crypto_unwrap (self->key, nonce, sealed, self->associated_data, NULL);
  if (plain == NULL)
    return damaged (error, self->path);
  return read_plaintext (self, plain, error);
}

/* A record of nothing seen yet, which saving writes over any earlier one */
AlcoveFreshness *
alcove_freshness_new (const char          *vault_uuid,
                      const char          *holder,
                      const AlcoveSecret  *holder_key,
                      GBytes              *holder_public)
{
  AlcoveFreshness *self = g_new0 (AlcoveFreshness, 1);

  self->path = record_path (vault_uuid, holder);
  self->holder_public = g_bytes_ref (holder_public);
  self->associated_data = g_strdup_printf ("alcove-seen-v1|%s|%s", vault_uuid, holder);
  self->key = alcove_crypto_derive_subkey (holder_key, "alcove freshness");
  self->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->audit_mac = g_strdup ("");
  self->checked_mac = g_strdup ("");
  self->slots = g_ptr_array_new_with_free_func (g_free);
  self->retired_slots = g_ptr_array_new_with_free_func (g_free);
  self->is_new = TRUE;
  return self;
}

/* After a deliberate restore: what this device saw of the newer vault no longer counts */
void
alcove_freshness_forget (AlcoveFreshness *self)
{
  self->is_new = TRUE;
  self->generation = 0;
  g_hash_table_remove_all (self->counters);
  self->audit_rows = 0;
  self->checked_rows = 0;
  g_free (self->audit_mac);
  self->audit_mac = g_strdup ("");
  g_free (self->checked_mac);
  self->checked_mac = g_strdup ("");
  g_clear_pointer (&self->authority, g_free);
  g_ptr_array_set_size (self->slots, 0);
  g_ptr_array_set_size (self->retired_slots, 0);
}

gint64
alcove_freshness_get_saved_ms (AlcoveFreshness *self)
{
  return self->saved_ms;
}

/* `holder` is a user uuid, or "recovery" for a recovery-key session. */
AlcoveFreshness *
alcove_freshness_load (const char          *vault_uuid,
                       const char          *holder,
                       const AlcoveSecret  *holder_key,
                       GBytes              *holder_public,
                       GPtrArray           *earlier_keys,
                       GError             **error)
{
  g_autoptr(AlcoveFreshness) self = alcove_freshness_new (vault_uuid, holder, holder_key,
                                                          holder_public);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  self->is_new = FALSE;
  if (!g_file_get_contents (self->path, &contents, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                       _("Could not read %s: %s"), self->path, local_error->message);
          return NULL;
        }
      self->is_new = TRUE;
      return g_steal_pointer (&self);
    }
  g_clear_pointer (&self->audit_mac, g_free);
  g_clear_pointer (&self->checked_mac, g_free);
  if (length > MAX_RECORD_SIZE || !read_record (self, contents, earlier_keys, error))
    {
      if (length > MAX_RECORD_SIZE)
        damaged (error, self->path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

static void
add_strings (JsonBuilder *builder,
             const char  *name,
             GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static AlcoveSecret *
plaintext (AlcoveFreshness *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer id, counter;
  AlcoveSecret *plain;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "generation");
  json_builder_add_int_value (builder, self->generation);
  json_builder_set_member_name (builder, "stores");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->counters);
  while (g_hash_table_iter_next (&iter, &id, &counter))
    {
      json_builder_set_member_name (builder, id);
      json_builder_add_int_value (builder, *(gint64 *) counter);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "audit_rows");
  json_builder_add_int_value (builder, self->audit_rows);
  json_builder_set_member_name (builder, "audit_mac");
  json_builder_add_string_value (builder, self->audit_mac);
  json_builder_set_member_name (builder, "checked_rows");
  json_builder_add_int_value (builder, self->checked_rows);
  json_builder_set_member_name (builder, "checked_mac");
  json_builder_add_string_value (builder, self->checked_mac);
  json_builder_set_member_name (builder, "authority");
  json_builder_add_string_value (builder, self->authority ? self->authority : "");
  add_strings (builder, "slots", self->slots);
  add_strings (builder, "retired_slots", self->retired_slots);
  json_builder_set_member_name (builder, "saved_ms");
  json_builder_add_int_value (builder, self->saved_ms);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  plain = alcove_secret_new_from_data (text, strlen (text));
  return plain;
}

gboolean
alcove_freshness_save (AlcoveFreshness  *self,
                       GError          **error)
{
  g_autoptr(AlcoveSecret) plain = NULL;
  g_autoptr(GBytes) nonce = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *public_text = NULL;
  g_autofree char *nonce_text = NULL;
  g_autofree char *sealed_text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  self->saved_ms = g_get_real_time () / 1000;
  plain = plaintext (self);
  if (!alcove_crypto_wrap (self->key, plain, self->associated_data, &nonce, &sealed, error))
    return FALSE;
  public_text = g_base64_encode (g_bytes_get_data (self->holder_public, NULL),
                                 g_bytes_get_size (self->holder_public));
  nonce_text = g_base64_encode (g_bytes_get_data (nonce, NULL), g_bytes_get_size (nonce));
  sealed_text = g_base64_encode (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  contents = g_strdup_printf (MAGIC "\n%s\n%s\n%s\n", public_text, nonce_text, sealed_text);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (self->path, contents, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_IO,
                   _("Could not save %s: %s"), self->path,
                   local_error ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  self->is_new = FALSE;
  return TRUE;
}

gboolean
alcove_freshness_is_new (AlcoveFreshness *self)
{
  return self->is_new;
}

gint64
alcove_freshness_get_generation (AlcoveFreshness *self)
{
  return self->generation;
}

void
alcove_freshness_set_generation (AlcoveFreshness *self,
                                 gint64           generation)
{
  self->generation = MAX (self->generation, generation);
}

gint64
alcove_freshness_get_counter (AlcoveFreshness *self,
                              const char      *database_id)
{
  gint64 *counter = g_hash_table_lookup (self->counters, database_id);

  return counter ? *counter : -1;
}

/* Never lowered: what was seen stays seen. */
void
alcove_freshness_set_counter (AlcoveFreshness *self,
                              const char      *database_id,
                              gint64           counter)
{
  counter = MAX (counter, alcove_freshness_get_counter (self, database_id));
  g_hash_table_insert (self->counters, g_strdup (database_id), g_memdup2 (&counter, sizeof counter));
}

void
alcove_freshness_get_audit_head (AlcoveFreshness  *self,
                                 gint64           *rows,
                                 const char      **mac)
{
  *rows = self->audit_rows;
  *mac = self->audit_mac;
}

void
alcove_freshness_set_audit_head (AlcoveFreshness *self,
                                 gint64           rows,
                                 const char      *mac)
{
  self->audit_rows = rows;
  g_free (self->audit_mac);
  self->audit_mac = g_strdup (mac);
}

void
alcove_freshness_get_audit_checked (AlcoveFreshness  *self,
                                    gint64           *rows,
                                    const char      **mac)
{
  *rows = self->checked_rows;
  *mac = self->checked_mac;
}

void
alcove_freshness_set_audit_checked (AlcoveFreshness *self,
                                    gint64           rows,
                                    const char      *mac)
{
  self->checked_rows = rows;
  g_free (self->checked_mac);
  self->checked_mac = g_strdup (mac);
}

const char *
alcove_freshness_get_authority (AlcoveFreshness *self)
{
  return self->authority;
}

void
alcove_freshness_set_authority (AlcoveFreshness *self,
                                const char      *authority_text)
{
  g_free (self->authority);
  self->authority = g_strdup (authority_text);
}

static gboolean
contains (GPtrArray  *strings,
          const char *id)
{
  return g_ptr_array_find_with_equal_func (strings, id, g_str_equal, NULL);
}

/* The holder's slots now: any seen before and gone is retired for good, so an older
 * vault.keys that brings back a replaced password is noticed. */
void
alcove_freshness_set_slots (AlcoveFreshness *self,
                            GStrv            slot_ids)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      const char *id = g_ptr_array_index (self->slots, i);

      if (!g_strv_contains ((const char * const *) slot_ids, id) &&
          !contains (self->retired_slots, id))
        g_ptr_array_add (self->retired_slots, g_strdup (id));
    }
  g_ptr_array_set_size (self->slots, 0);
  for (guint i = 0; slot_ids[i] != NULL; i++)
    g_ptr_array_add (self->slots, g_strdup (slot_ids[i]));
}

gboolean
alcove_freshness_slot_is_retired (AlcoveFreshness *self,
                                  const char      *slot_id)
{
  return contains (self->retired_slots, slot_id);
}
