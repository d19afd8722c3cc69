/* alcove-note-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-format"

#include "config.h"

#include <json-glib/json-glib.h>

#include "alcove-data.h"
#include "alcove-data-text.h"
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

static gboolean
parse_section (AlcoveNoteFormat  *self,
               JsonObject        *object,
               guint              index,
               GError           **error)
{
  AlcoveFormatSection section = { 0 };
  const char *key = alcove_data_member_string (object, "key");
  const char *title = alcove_data_member_string (object, "title");

  if (key == NULL || *key == '\0' || title == NULL ||
      alcove_note_format_find_section (self, key) != NULL)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               "format %s: section %u needs a unique \"key\" and a \"title\"",
                               self->id, index + 1);
  section.key = g_strdup (key);
  section.title = g_strdup (alcove_data_text (title));
  section.prompt = g_strdup (alcove_data_text (alcove_data_member_string (object, "prompt")));
  section.required = json_object_get_boolean_member_with_default (object, "required", FALSE);
  section.carry_forward = json_object_get_boolean_member_with_default (object, "carry_forward",
                                                                       FALSE);
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

  if (!alcove_data_parse (parser, json, &root, error))
    return NULL;
  sections = alcove_data_member_array (root, "sections");
  if (alcove_data_member_string (root, "id") == NULL ||
      alcove_data_member_string (root, "name") == NULL || sections == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           "a note format needs \"id\", \"name\" and a \"sections\" array");
      return NULL;
    }
  self->id = g_strdup (alcove_data_member_string (root, "id"));
  self->name = g_strdup (alcove_data_text (alcove_data_member_string (root, "name")));
  self->description = g_strdup (alcove_data_text (alcove_data_member_string (root,
                                                                             "description")));
  self->private = json_object_get_boolean_member_with_default (root, "private", FALSE);
  for (guint i = 0; i < json_array_get_length (sections); i++)
    if (!parse_section (self, alcove_data_element_object (sections, i), i, error))
      return NULL;
  return g_steal_pointer (&self);
}

static const char *
format_id (gpointer item)
{
  return ALCOVE_NOTE_FORMAT (item)->id;
}

static GListStore *
load_formats (void)
{
  /* the order people expect to choose from, then any others by id */
  static const char * const order[] = { "soap", "dap", "birp", "girp", "intake", "discharge", NULL };

  return alcove_data_load_folder (alcove_formats_get_resource (), FORMATS_PATH,
                                  ALCOVE_TYPE_NOTE_FORMAT,
                                  (AlcoveDataParseFunc) alcove_note_format_new_from_data,
                                  format_id, order, "Note format");
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
