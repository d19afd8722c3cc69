/* alcove-attempts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-attempts"

#include "config.h"

#include <json-glib/json-glib.h>

#include "alcove-attempts.h"

#define MAX_DELAY_SECONDS 30

static char *
attempts_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "alcove", "attempts.json", NULL);
}

static JsonObject *
load_all (void)
{
  g_autofree char *path = attempts_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json_parser_load_from_mapped_file (parser, path, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));
  return json_object_new ();
}

static void
save_all (JsonObject *all)
{
  g_autofree char *path = attempts_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), all);
  g_autofree char *text = json_to_string (root, FALSE);

  /* Best effort: losing the count only shortens a delay, it never opens the vault. */
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL))
    g_debug ("Could not record a failed unlock attempt");
}

static JsonObject *
ensure_object (JsonObject *parent,
               const char *name)
{
  if (!json_object_has_member (parent, name) ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (parent, name)))
    json_object_set_object_member (parent, name, json_object_new ());
  return json_object_get_object_member (parent, name);
}

void
alcove_attempts_record_failure (const char *vault_uuid,
                                const char *username)
{
  g_autoptr(JsonObject) all = load_all ();
  JsonObject *user = ensure_object (ensure_object (all, vault_uuid), username);
  gint64 now = g_get_real_time () / 1000;

  json_object_set_int_member (user, "count",
                              json_object_get_int_member_with_default (user, "count", 0) + 1);
  if (!json_object_has_member (user, "first_ms"))
    json_object_set_int_member (user, "first_ms", now);
  json_object_set_int_member (user, "last_ms", now);
  save_all (all);
}

guint
alcove_attempts_get_count (const char *vault_uuid,
                           const char *username,
                           gint64     *last_ms)
{
  g_autoptr(JsonObject) all = load_all ();
  JsonObject *user = ensure_object (ensure_object (all, vault_uuid), username);

  if (last_ms != NULL)
    *last_ms = json_object_get_int_member_with_default (user, "last_ms", 0);
  return (guint) json_object_get_int_member_with_default (user, "count", 0);
}

/* 1, 2, 4 … 30 seconds after the first, second, third … failure */
guint
alcove_attempts_delay_seconds (guint failures)
{
  if (failures == 0)
    return 0;
  if (failures > 5)
    return MAX_DELAY_SECONDS;
  return MIN (1u << (failures - 1), MAX_DELAY_SECONDS);
}

void
alcove_failed_attempts_free (AlcoveFailedAttempts *attempts)
{
  g_free (attempts->username);
  g_free (attempts);
}

/* Returns every user's failures for this vault and forgets them. */
GPtrArray *
alcove_attempts_take (const char *vault_uuid)
{
  g_autoptr(JsonObject) all = load_all ();
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_failed_attempts_free);
  JsonObject *vault;
  g_autoptr(GList) names = NULL;

  if (!json_object_has_member (all, vault_uuid))
    return result;
  vault = ensure_object (all, vault_uuid);
  names = json_object_get_members (vault);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *user = ensure_object (vault, l->data);
      AlcoveFailedAttempts *attempts = g_new0 (AlcoveFailedAttempts, 1);

      attempts->username = g_strdup (l->data);
      attempts->count = (guint) json_object_get_int_member_with_default (user, "count", 0);
      attempts->first_ms = json_object_get_int_member_with_default (user, "first_ms", 0);
      attempts->last_ms = json_object_get_int_member_with_default (user, "last_ms", 0);
      g_ptr_array_add (result, attempts);
    }
  json_object_remove_member (all, vault_uuid);
  save_all (all);
  return result;
}
