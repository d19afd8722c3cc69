/* alcove-vault-restore.c — a vault put back from a backup on purpose, told apart from a
 * rollback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whoever restores a backup writes vault.restored beside vault.keys: when, from which
 * backup, by whom, signed with their key. Another person's device that last recorded the
 * vault before that time then knows the older files are a restore, not an attack: when it
 * saw nothing newer it goes on; when it saw newer state it says so and asks (the
 * ALCOVE_VAULT_ERROR_RESTORED error, answered with alcove_vault_set_accept_restore). Only a
 * record signed by an owner or the recovery key counts, and only for a vault.keys at least
 * as new as the one it was written with, so an insider can neither forge one nor move an
 * old one onto an older copy of the vault. No PHI.
 */
#define G_LOG_DOMAIN "alcove-vault"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "alcove-audit-actions.h"
#include "alcove-backup-private.h"
#include "alcove-crypto.h"
#include "alcove-date.h"
#include "alcove-error.h"
#include "alcove-json-guard.h"
#include "alcove-vault-private.h"

#define MARKER_FORMAT "alcove-restored"
#define MARKER_CONTEXT "alcove restore record v1"
#define MAX_MARKER_SIZE ((gsize) 64 * 1024)

struct _AlcoveRestoreMarker
{
  gint64  restored_ms;
  gint64  generation;
  gint64  backup_created_ms;
  char   *restored_by;
  char   *restored_by_name;
};

void
alcove_restore_marker_free (AlcoveRestoreMarker *marker)
{
  if (marker == NULL)
    return;
  g_free (marker->restored_by);
  g_free (marker->restored_by_name);
  g_free (marker);
}

/* ---- reading ---- */

static JsonObject *
parse_text (JsonParser *parser,
            const char *text,
            gsize       size)
{
  if (text == NULL || !alcove_json_guard_check (text, size, MAX_MARKER_SIZE, 4, NULL) ||
      !json_parser_load_from_data (parser, text, (gssize) size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

static GBytes *
decode_member (JsonObject *object,
               const char *name)
{
  const char *text = json_object_get_string_member_with_default (object, name, "");
  gsize size = 0;
  guchar *data = g_base64_decode (text, &size);

  return g_bytes_new_take (data, size);
}

/* Keys whose record of a restore others' devices accept */
static gboolean
may_mark_restore (const AlcoveHeader *header,
                  const char         *signer,
                  GBytes             *key)
{
  GPtrArray *keys = NULL;

  if (g_strcmp0 (signer, ALCOVE_ACTOR_RECOVERY) == 0)
    keys = header->recovery_signing;
  else
    {
      AlcoveHeaderUser *user = alcove_header_find_user (header, signer);

      keys = user != NULL && user->role == ALCOVE_ROLE_OWNER && !user->disabled
               ? user->signing_keys : NULL;
    }
  for (guint i = 0; keys != NULL && i < keys->len; i++)
    if (g_bytes_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  return FALSE;
}

static AlcoveRestoreMarker *
marker_from_body (JsonObject         *body,
                  const AlcoveHeader *header)
{
  AlcoveRestoreMarker *marker;

  if (g_strcmp0 (json_object_get_string_member_with_default (body, "format", ""),
                 MARKER_FORMAT) != 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (body, "vault_uuid", ""),
                 header->vault_uuid) != 0)
    return NULL;
  marker = g_new0 (AlcoveRestoreMarker, 1);
  marker->restored_ms = json_object_get_int_member_with_default (body, "restored_ms", 0);
  marker->generation = json_object_get_int_member_with_default (body, "generation", G_MAXINT64);
  marker->backup_created_ms = json_object_get_int_member_with_default (body,
                                                                       "backup_created_ms", 0);
  marker->restored_by = g_strdup (json_object_get_string_member_with_default (body,
                                                                              "restored_by", ""));
  marker->restored_by_name =
    g_strdup (json_object_get_string_member_with_default (body, "restored_by_name", ""));
  return marker;
}

/* The vault's record of a restore, if it is one others may trust; NULL otherwise */
AlcoveRestoreMarker *
alcove_restore_marker_load (const char         *vault_dir,
                            const AlcoveHeader *header)
{
  g_autofree char *path = g_build_filename (vault_dir, ALCOVE_RESTORED_FILE, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) outer_parser = json_parser_new ();
  g_autoptr(JsonParser) body_parser = json_parser_new ();
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) signature = NULL;
  JsonObject *outer, *body;
  const char *body_text;
  gsize length = 0;
  AlcoveRestoreMarker *marker;

  if (!g_file_get_contents (path, &contents, &length, NULL) ||
      (outer = parse_text (outer_parser, contents, length)) == NULL)
    return NULL;
  body_text = json_object_get_string_member_with_default (outer, "body", "");
  key = decode_member (outer, "key");
  signature = decode_member (outer, "signature");
  body = parse_text (body_parser, body_text, strlen (body_text));
  if (body == NULL ||
      !alcove_signature_verify (key, MARKER_CONTEXT, body_text, strlen (body_text), signature))
    return NULL;
  marker = marker_from_body (body, header);
  if (marker != NULL &&
      (!may_mark_restore (header, marker->restored_by, key) ||
       header->generation < marker->generation))
    g_clear_pointer (&marker, alcove_restore_marker_free);
  return marker;
}

/* ---- the state of an unlock ---- */

void
alcove_vault_set_accept_restore (AlcoveVault *self,
                                 gboolean     accept)
{
  g_return_if_fail (ALCOVE_IS_VAULT (self));

  self->accept_restore = accept;
}

/* Called once the device's record is loaded: whether an older file is a restore. Only a
 * trusted record of one made since this device last recorded the vault lets a person's
 * confirmation excuse it; without one, confirming changes nothing. */
void
alcove_vault_evaluate_restore (AlcoveVault *self)
{
  g_clear_pointer (&self->restore_marker, alcove_restore_marker_free);
  self->restore_marker = alcove_restore_marker_load (self->path, self->header);
  if (self->restoring)
    self->restore_state = ALCOVE_RESTORE_ACCEPTED;
  else if (self->restore_marker != NULL && self->seen != NULL &&
           self->restore_marker->restored_ms > alcove_freshness_get_saved_ms (self->seen))
    self->restore_state = self->accept_restore ? ALCOVE_RESTORE_ACCEPTED : ALCOVE_RESTORE_MARKED;
  else
    self->restore_state = ALCOVE_RESTORE_NONE;
}

/* For the restore itself: this unlock puts back older files on purpose */
void
alcove_vault_set_restoring (AlcoveVault *self,
                            gboolean     restoring)
{
  self->restoring = restoring;
}

static void
set_restored_error (AlcoveVault  *self,
                    GError      **error)
{
  g_autofree char *restored = alcove_date_format_time (self->restore_marker->restored_ms);
  g_autofree char *made = alcove_date_format_time (self->restore_marker->backup_created_ms);
  const char *by = *self->restore_marker->restored_by_name != '\0'
                     ? self->restore_marker->restored_by_name : _("the recovery key");

  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_RESTORED,
               _("This vault was restored on %s by %s from a backup made on %s. This computer "
                 "had seen newer records, so whatever was written after %s is not in it. "
                 "Open it only if the practice restored it on purpose."), restored, by, made,
               made);
}

/* People this device saw disabled whom the restored vault.keys still lists as active:
 * their keys must be rotated again */
static void
note_disabled_since (AlcoveVault *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *seen = alcove_freshness_get_authority (self->seen);
  JsonObject *root = seen ? parse_text (parser, seen, strlen (seen)) : NULL;
  JsonNode *users = root ? json_object_get_member (root, "users") : NULL;
  JsonArray *array = users && JSON_NODE_HOLDS_ARRAY (users) ? json_node_get_array (users) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *user = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      AlcoveHeaderUser *now = user ? alcove_header_find_user (
        self->header, json_object_get_string_member_with_default (user, "uuid", "")) : NULL;

      if (now != NULL && !now->disabled &&
          json_object_get_boolean_member_with_default (user, "disabled", FALSE))
        g_strv_builder_add (builder, now->username);
    }
  g_strfreev (self->disabled_since);
  self->disabled_since = g_strv_builder_end (builder);
}

/* Where a file is older than this device has seen. TRUE: it is an accepted restore, and
 * what the device saw no longer counts; FALSE with the error to report otherwise. */
gboolean
alcove_vault_excuse_rollback (AlcoveVault  *self,
                              GError      **error,
                              const char   *rollback_message)
{
  switch (self->restore_state)
    {
    case ALCOVE_RESTORE_ACCEPTED:
      if (!alcove_freshness_is_new (self->seen))
        note_disabled_since (self);
      alcove_freshness_forget (self->seen);
      return TRUE;
    case ALCOVE_RESTORE_MARKED:
      set_restored_error (self, error);
      return FALSE;
    case ALCOVE_RESTORE_NONE:
    default:
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_ROLLBACK,
                           rollback_message);
      return FALSE;
    }
}

GStrv
alcove_vault_get_disabled_since_restore (AlcoveVault *self)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (self), NULL);

  return self->disabled_since;
}

/* ---- writing the record ---- */

static char *
marker_body (AlcoveVault *self,
             gint64       backup_created_ms)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, MARKER_FORMAT);
  json_builder_set_member_name (builder, "vault_uuid");
  json_builder_add_string_value (builder, self->header->vault_uuid);
  json_builder_set_member_name (builder, "restored_ms");
  json_builder_add_int_value (builder, g_get_real_time () / 1000);
  json_builder_set_member_name (builder, "generation");
  json_builder_add_int_value (builder, self->header->generation);
  json_builder_set_member_name (builder, "backup_created_ms");
  json_builder_add_int_value (builder, backup_created_ms);
  json_builder_set_member_name (builder, "restored_by");
  json_builder_add_string_value (builder, alcove_vault_actor (self));
  json_builder_set_member_name (builder, "restored_by_name");
  json_builder_add_string_value (builder, self->current_user
                                            ? alcove_user_get_username (self->current_user) : "");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
marker_text (AlcoveVault *self,
             const char  *body)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) signature = alcove_signer_sign (self->signer, MARKER_CONTEXT, body,
                                                    strlen (body));
  GBytes *key = alcove_signer_get_public_key (self->signer);
  g_autofree char *key_b64 = g_base64_encode (g_bytes_get_data (key, NULL),
                                              g_bytes_get_size (key));
  g_autofree char *signature_b64 = g_base64_encode (g_bytes_get_data (signature, NULL),
                                                    g_bytes_get_size (signature));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, key_b64);
  json_builder_set_member_name (builder, "signature");
  json_builder_add_string_value (builder, signature_b64);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* Records, in the unlocked vault just restored, that it was restored on purpose, and
 * audits it. Whether others' devices accept the record depends on who signed it. */
gboolean
alcove_vault_mark_restored (AlcoveVault  *self,
                            gint64        backup_created_ms,
                            gint64        backup_generation,
                            GError      **error)
{
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *created = NULL;
  g_autofree char *generation = NULL;
  g_autofree char *details = NULL;

  if (!alcove_vault_require_unlocked (self, error))
    return FALSE;
  body = marker_body (self, backup_created_ms);
  text = marker_text (self, body);
  path = g_build_filename (self->path, ALCOVE_RESTORED_FILE, NULL);
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_DURABLE, 0600, error))
    return FALSE;
  created = g_strdup_printf ("%" G_GINT64_FORMAT, backup_created_ms);
  generation = g_strdup_printf ("%" G_GINT64_FORMAT, backup_generation);
  details = alcove_audit_details ("backup_created_ms", created, "generation", generation,
                                  NULL);
  alcove_vault_audit (self, ALCOVE_AUDIT_VAULT_RESTORE, self->header->vault_uuid, details);
  return TRUE;
}
