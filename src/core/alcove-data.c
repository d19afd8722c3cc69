/* alcove-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-data"

#include "config.h"

#include <string.h>

#include "alcove-data.h"
#include "alcove-json-guard.h"

/* The data files are a few KiB and nest four levels at most (a consent's fields → options →
 * option); the guard keeps a file far beyond that from crashing json-glib, should one be
 * added by mistake or fed to alcove_*_new_from_data() by a test. */
#define DATA_MAX_SIZE  ((gsize) 1024 * 1024)
#define DATA_MAX_DEPTH 16

const char *
alcove_data_member_string (JsonObject *object,
                           const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonArray *
alcove_data_member_array (JsonObject *object,
                          const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
alcove_data_element_object (JsonArray *array,
                            guint      index)
{
  JsonNode *node = array ? json_array_get_element (array, index) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

gboolean
alcove_data_parse (JsonParser  *parser,
                   GBytes      *json,
                   JsonObject **root,
                   GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (json, &size);
  JsonNode *top;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (json != NULL && root != NULL, FALSE);

  *root = NULL;
  if (!alcove_json_guard_check (data, size, DATA_MAX_SIZE, DATA_MAX_DEPTH, error) ||
      !json_parser_load_from_data (parser, data, (gssize) size, error))
    return FALSE;
  top = json_parser_get_root (parser);
  if (top != NULL && JSON_NODE_HOLDS_OBJECT (top))
    *root = json_node_get_object (top);
  return TRUE;
}

JsonParser *
alcove_data_load_file (GResource   *resource,
                       const char  *path,
                       JsonObject **root,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (resource != NULL && path != NULL && root != NULL, NULL);

  *root = NULL;
  bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL || !alcove_data_parse (parser, bytes, root, error))
    return NULL;
  return g_steal_pointer (&parser);
}

/* ---- a folder of items ---- */

typedef struct
{
  AlcoveDataIdFunc    get_id;
  const char * const *order;
} Ranking;

/* The place of an id in the order people expect to choose from; unknown ids after them */
static guint
rank (const Ranking *ranking,
      const char    *id)
{
  guint i;

  for (i = 0; ranking->order != NULL && ranking->order[i] != NULL; i++)
    if (g_str_equal (ranking->order[i], id))
      return i;
  return i;
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Ranking *ranking = user_data;
  const char *first = ranking->get_id ((gpointer) a);
  const char *second = ranking->get_id ((gpointer) b);
  guint first_rank = rank (ranking, first);
  guint second_rank = rank (ranking, second);

  if (first_rank != second_rank)
    return first_rank < second_rank ? -1 : 1;
  return strcmp (first, second);
}

/* The resource lists a folder in no particular order, so the items are sorted as loaded */
GListStore *
alcove_data_load_folder (GResource           *resource,
                         const char          *path,
                         GType                item_type,
                         AlcoveDataParseFunc  parse,
                         AlcoveDataIdFunc     get_id,
                         const char * const  *order,
                         const char          *what)
{
  GListStore *store = g_list_store_new (item_type);
  Ranking ranking = { get_id, order };
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (resource != NULL && path != NULL, store);
  g_return_val_if_fail (parse != NULL && get_id != NULL, store);

  names = g_resource_enumerate_children (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *file = g_strconcat (path, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GObject) item = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      bytes = g_resource_lookup_data (resource, file, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      item = bytes ? parse (bytes, &error) : NULL;
      if (item == NULL)
        {
          g_critical ("%s %s is broken: %s", what, names[i], error ? error->message : "");
          continue;
        }
      g_list_store_insert_sorted (store, item, compare_items, &ranking);
    }
  return store;
}
