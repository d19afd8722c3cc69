/* alcove-note-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-format"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-error.h"
#include "alcove-note-format.h"

/* Note formats are data: the JSON files in data/formats, compiled into the core library. Adding GIRP
 * or PIE is a new JSON file and a line in alcove-formats.gresource.xml. Titles and prompts
 * pass through gettext at load, so a translation may carry them. */

GResource *alcove_formats_get_resource (void);

#define FORMATS_PATH "/io/github/alcove_notes/Alcove/formats/"

struct _AlcoveNoteFormat
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *description;
  gboolean private;
  GArray  *sections;  /* AlcoveFormatSection */
};

G_DEFINE_FINAL_TYPE (AlcoveNoteFormat, alcove_note_format, G_TYPE_OBJECT)

static void
format_section_clear (gpointer data)
{
  AlcoveFormatSection *section = data;

  g_free (section->key);
  g_free (section->title);
  g_free (section->prompt);
}

static void
alcove_note_format_finalize (GObject *object)
{
  AlcoveNoteFormat *self = ALCOVE_NOTE_FORMAT (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->sections, g_array_unref);

  G_OBJECT_CLASS (alcove_note_format_parent_class)->finalize (object);
}

static void
alcove_note_format_class_init (AlcoveNoteFormatClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_note_format_finalize;
}

static void
alcove_note_format_init (AlcoveNoteFormat *self)
{
  self->sections = g_array_new (FALSE, TRUE, sizeof (AlcoveFormatSection));
  g_array_set_clear_func (self->sections, format_section_clear);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
parse_section (AlcoveNoteFormat  *self,
               JsonNode          *node,
               guint              index,
               GError           **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  AlcoveFormatSection section = { 0 };
  const char *key = object ? member_string (object, "key") : NULL;
  const char *title = object ? member_string (object, "title") : NULL;

  if (key == NULL || *key == '\0' || title == NULL ||
      alcove_note_format_find_section (self, key) != NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   "format %s: section %u needs a unique \"key\" and a \"title\"",
                   self->id, index + 1);
      return FALSE;
    }
  section.key = g_strdup (key);
  section.title = g_strdup (_(title));
  section.prompt = g_strdup (member_string (object, "prompt") ?
                             _(member_string (object, "prompt")) : "");
  section.required = json_object_get_boolean_member_with_default (object, "required", FALSE);
  g_array_append_val (self->sections, section);
  return TRUE;
}

AlcoveNoteFormat *
alcove_note_format_new_from_data (GBytes  *json,
                                  GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AlcoveNoteFormat) self = g_object_new (ALCOVE_TYPE_NOTE_FORMAT, NULL);
  JsonObject *root;
  JsonArray *sections;
  gsize size;
  const char *data = g_bytes_get_data (json, &size);

  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ?
         json_node_get_object (json_parser_get_root (parser)) : NULL;
  if (root == NULL || member_string (root, "id") == NULL || member_string (root, "name") == NULL ||
      !json_object_has_member (root, "sections") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "sections")))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           "a note format needs \"id\", \"name\" and a \"sections\" array");
      return NULL;
    }
  self->id = g_strdup (member_string (root, "id"));
  self->name = g_strdup (_(member_string (root, "name")));
  self->description = g_strdup (member_string (root, "description") ?
                                _(member_string (root, "description")) : "");
  self->private = json_object_get_boolean_member_with_default (root, "private", FALSE);
  sections = json_object_get_array_member (root, "sections");
  for (guint i = 0; i < json_array_get_length (sections); i++)
    if (!parse_section (self, json_array_get_element (sections, i), i, error))
      return NULL;
  return g_steal_pointer (&self);
}

/* The order people expect to choose from, then any others by id. The resource lists its
 * files in no particular order, so the list is sorted once loaded. */
static guint
format_rank (AlcoveNoteFormat *format)
{
  static const char * const order[] = { "soap", "dap", "birp" };

  for (guint o = 0; o < G_N_ELEMENTS (order); o++)
    if (g_str_equal (order[o], format->id))
      return o;
  return G_N_ELEMENTS (order);
}

static int
compare_formats (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  AlcoveNoteFormat *first = ALCOVE_NOTE_FORMAT ((gpointer) a);
  AlcoveNoteFormat *second = ALCOVE_NOTE_FORMAT ((gpointer) b);
  guint first_rank = format_rank (first);
  guint second_rank = format_rank (second);

  if (first_rank != second_rank)
    return first_rank < second_rank ? -1 : 1;
  return strcmp (first->id, second->id);
}

static GListStore *
load_formats (void)
{
  GListStore *store = g_list_store_new (ALCOVE_TYPE_NOTE_FORMAT);
  GResource *resource = alcove_formats_get_resource ();
  g_auto(GStrv) names = g_resource_enumerate_children (resource, FORMATS_PATH,
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (FORMATS_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(AlcoveNoteFormat) format = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      format = bytes ? alcove_note_format_new_from_data (bytes, &error) : NULL;
      if (format == NULL)
        {
          g_critical ("Note format %s is broken: %s", names[i], error ? error->message : "");
          continue;
        }
      g_list_store_insert_sorted (store, format, compare_formats, NULL);
    }
  return store;
}

/* Every format, private ones included; owned by the library, do not unref */
GListModel *
alcove_note_format_list_all (void)
{
  static GListStore *formats;

  if (g_once_init_enter (&formats))
    g_once_init_leave (&formats, load_formats ());
  return G_LIST_MODEL (formats);
}

static gboolean
is_record_format (gpointer item,
                  gpointer user_data)
{
  return !ALCOVE_NOTE_FORMAT (item)->private;
}

/* The formats a progress note may take (not the private one); owned by the library */
GListModel *
alcove_note_format_list_record (void)
{
  static GListStore *record;

  if (g_once_init_enter (&record))
    {
      GListModel *all = alcove_note_format_list_all ();
      GListStore *store = g_list_store_new (ALCOVE_TYPE_NOTE_FORMAT);

      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (all, i);

          if (is_record_format (format, NULL))
            g_list_store_append (store, format);
        }
      g_once_init_leave (&record, store);
    }
  return G_LIST_MODEL (record);
}

/* Transfer none; NULL when no format has that id */
AlcoveNoteFormat *
alcove_note_format_lookup (const char *id)
{
  GListModel *all = alcove_note_format_list_all ();

  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (all, i);

      if (g_str_equal (format->id, id))
        return format;  /* the list keeps it alive */
    }
  return NULL;
}

const char *
alcove_note_format_get_id (AlcoveNoteFormat *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_FORMAT (self), NULL);
  return self->id;
}

const char *
alcove_note_format_get_name (AlcoveNoteFormat *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_FORMAT (self), NULL);
  return self->name;
}

const char *
alcove_note_format_get_description (AlcoveNoteFormat *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_FORMAT (self), NULL);
  return self->description;
}

gboolean
alcove_note_format_get_private (AlcoveNoteFormat *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_FORMAT (self), FALSE);
  return self->private;
}

guint
alcove_note_format_get_n_sections (AlcoveNoteFormat *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_FORMAT (self), 0);
  return self->sections->len;
}

const AlcoveFormatSection *
alcove_note_format_get_section (AlcoveNoteFormat *self,
                                guint             index)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_FORMAT (self), NULL);
  g_return_val_if_fail (index < self->sections->len, NULL);
  return &g_array_index (self->sections, AlcoveFormatSection, index);
}

const AlcoveFormatSection *
alcove_note_format_find_section (AlcoveNoteFormat *self,
                                 const char       *key)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_FORMAT (self), NULL);

  for (guint i = 0; i < self->sections->len; i++)
    if (g_str_equal (g_array_index (self->sections, AlcoveFormatSection, i).key, key))
      return &g_array_index (self->sections, AlcoveFormatSection, i);
  return NULL;
}
