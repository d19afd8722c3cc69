/* alcove-note-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-format"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-data.h"
#include "alcove-data-text.h"
#include "alcove-error.h"
#include "alcove-note-format-private.h"

/* Note formats are data: the JSON files in data/formats, compiled into the core library. Adding GIRP
 * or PIE is a new JSON file and a line in alcove-formats.gresource.xml. Titles and prompts
 * pass through gettext at load, so a translation may carry them.
 *
 * A practice adds its own formats in practice.db (AlcoveFormatStore): the same JSON, each
 * change a new version. While a vault is open its store publishes them here, so the lists
 * and alcove_note_format_lookup() answer for them as for the shipped ones. A practice
 * format's id names its version ("practice-couples@3"): a note records that id, and
 * keeps its sections when the format changes later. */

GResource *alcove_formats_get_resource (void);

#define FORMATS_PATH "/io/github/alcove_notes/Alcove/formats/"

struct _AlcoveNoteFormat
{
  GObject  parent_instance;

  char    *id;        /* as notes record it: "practice-couples@3" for a practice's */
  char    *base_id;   /* as the file names it: "soap", "practice-couples" */
  char    *name;
  char    *description;
  gboolean private;
  guint    version;   /* 0 for a format Alcove ships */
  gboolean retired;
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
  g_free (self->base_id);
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
                               _("Format “%s”: section %u needs a “title” and a “key” no "
                                 "other section has"), self->id, index + 1);
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
                           _("A note format needs an “id”, a “name” and a “sections” list"));
      return NULL;
    }
  self->id = g_strdup (alcove_data_member_string (root, "id"));
  self->base_id = g_strdup (self->id);
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

/* The practice's formats while a vault is open: every version its store verified, by id
 * ("practice-couples@3") and by base id (the newest). The newest version of each, unless
 * retired, is also in the lists. Formats that were published once are kept until the
 * process ends, since lookup() hands out pointers it does not ref. */
static gpointer    practice_owner;
static GHashTable *practice_versions;  /* id or base id → AlcoveNoteFormat */
static GPtrArray  *practice_kept;      /* every AlcoveNoteFormat ever published */
static guint       n_shipped_all;
static guint       n_shipped_record;

/* Every format, private ones included; owned by the library, do not unref */
GListModel *
alcove_note_format_list_all (void)
{
  static GListStore *formats;

  if (g_once_init_enter (&formats))
    {
      GListStore *store = load_formats ();

      n_shipped_all = g_list_model_get_n_items (G_LIST_MODEL (store));
      g_once_init_leave (&formats, store);
    }
  return G_LIST_MODEL (formats);
}

static gboolean
is_record_format (gpointer item,
                  gpointer user_data)
{
  return !ALCOVE_NOTE_FORMAT (item)->private;
}

/* The formats a new progress note may take (not the private one, not a retired one); owned
 * by the library */
GListModel *
alcove_note_format_list_record (void)
{
  static GListStore *record;

  if (g_once_init_enter (&record))
    {
      GListModel *all = alcove_note_format_list_all ();
      GListStore *store = g_list_store_new (ALCOVE_TYPE_NOTE_FORMAT);

      for (guint i = 0; i < n_shipped_all; i++)
        {
          g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (all, i);

          if (is_record_format (format, NULL))
            g_list_store_append (store, format);
        }
      n_shipped_record = g_list_model_get_n_items (G_LIST_MODEL (store));
      g_once_init_leave (&record, store);
    }
  return G_LIST_MODEL (record);
}

/* Transfer none; NULL when no format has that id. A practice format's base id finds its
 * newest version, retired or not. */
AlcoveNoteFormat *
alcove_note_format_lookup (const char *id)
{
  GListModel *all = alcove_note_format_list_all ();

  g_return_val_if_fail (id != NULL, NULL);

  if (practice_versions != NULL && g_str_has_prefix (id, ALCOVE_FORMAT_PRACTICE_PREFIX))
    return g_hash_table_lookup (practice_versions, id);
  for (guint i = 0; i < n_shipped_all; i++)
    {
      g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (all, i);

      if (g_str_equal (format->id, id))
        return format;  /* the list keeps it alive */
    }
  return NULL;
}

void
alcove_note_format_unpublish (gpointer owner)
{
  GListModel *all = alcove_note_format_list_all ();
  GListModel *record = alcove_note_format_list_record ();

  if (owner != practice_owner)
    return;
  practice_owner = NULL;
  g_clear_pointer (&practice_versions, g_hash_table_unref);
  g_list_store_splice (G_LIST_STORE (record), n_shipped_record,
                       g_list_model_get_n_items (record) - n_shipped_record, NULL, 0);
  g_list_store_splice (G_LIST_STORE (all), n_shipped_all,
                       g_list_model_get_n_items (all) - n_shipped_all, NULL, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  AlcoveNoteFormat *format_a = *(AlcoveNoteFormat **) a;
  AlcoveNoteFormat *format_b = *(AlcoveNoteFormat **) b;
  g_autofree char *key_a = g_utf8_collate_key (format_a->name, -1);
  g_autofree char *key_b = g_utf8_collate_key (format_b->name, -1);

  return strcmp (key_a, key_b);
}

/* `versions`: every verified version of the practice's formats; the lists then hold the
 * newest of each that is not retired, after the shipped ones, by name */
void
alcove_note_format_publish (gpointer   owner,
                            GPtrArray *versions)
{
  GListModel *all = alcove_note_format_list_all ();
  GListModel *record = alcove_note_format_list_record ();
  g_autoptr(GPtrArray) current = g_ptr_array_new ();

  g_return_if_fail (owner != NULL);

  alcove_note_format_unpublish (practice_owner);
  practice_owner = owner;
  practice_versions = g_hash_table_new (g_str_hash, g_str_equal);
  if (practice_kept == NULL)
    practice_kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < versions->len; i++)
    {
      AlcoveNoteFormat *format = g_ptr_array_index (versions, i);
      AlcoveNoteFormat *newest = g_hash_table_lookup (practice_versions, format->base_id);

      g_ptr_array_add (practice_kept, g_object_ref (format));
      g_hash_table_insert (practice_versions, format->id, format);
      if (newest == NULL || newest->version < format->version)
        g_hash_table_insert (practice_versions, format->base_id, format);
    }
  for (guint i = 0; i < versions->len; i++)
    {
      AlcoveNoteFormat *format = g_ptr_array_index (versions, i);

      if (g_hash_table_lookup (practice_versions, format->base_id) == format && !format->retired)
        g_ptr_array_add (current, format);
    }
  g_ptr_array_sort (current, compare_names);
  g_list_store_splice (G_LIST_STORE (all), n_shipped_all, 0, current->pdata, current->len);
  g_list_store_splice (G_LIST_STORE (record), n_shipped_record, 0, current->pdata, current->len);
}

/* A format read from practice.db as version `version` of its id */
AlcoveNoteFormat *
alcove_note_format_new_version (GBytes    *json,
                                guint      version,
                                gboolean   retired,
                                GError   **error)
{
  g_autoptr(AlcoveNoteFormat) self = alcove_note_format_new_from_data (json, error);

  g_return_val_if_fail (version > 0, NULL);

  if (self == NULL)
    return NULL;
  if (!g_str_has_prefix (self->base_id, ALCOVE_FORMAT_PRACTICE_PREFIX) || self->private)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("A practice’s note format has an id starting with “%s” and is never "
                     "private"), ALCOVE_FORMAT_PRACTICE_PREFIX);
      return NULL;
    }
  self->version = version;
  self->retired = retired;
  g_free (self->id);
  self->id = g_strdup_printf ("%s@%u", self->base_id, version);
  return g_steal_pointer (&self);
}

/* The base id of a format id as a note records it: "practice-couples" for
 * "practice-couples@3", the id itself otherwise */
char *
alcove_note_format_id_to_base (const char *id)
{
  const char *at;

  g_return_val_if_fail (id != NULL, NULL);

  at = strchr (id, '@');
  return at != NULL ? g_strndup (id, at - id) : g_strdup (id);
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* The format as a data/formats JSON file holds it: its base id, never its version */
char *
alcove_note_format_to_json (AlcoveNoteFormat *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE_FORMAT (self), NULL);

  json_builder_begin_object (builder);
  add_member (builder, "id", self->base_id);
  add_member (builder, "name", self->name);
  if (self->description != NULL && *self->description != '\0')
    add_member (builder, "description", self->description);
  if (self->private)
    {
      json_builder_set_member_name (builder, "private");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->sections->len; i++)
    {
      const AlcoveFormatSection *section = &g_array_index (self->sections, AlcoveFormatSection, i);

      json_builder_begin_object (builder);
      add_member (builder, "key", section->key);
      add_member (builder, "title", section->title);
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, section->required);
      if (section->carry_forward)
        {
          json_builder_set_member_name (builder, "carry_forward");
          json_builder_add_boolean_value (builder, TRUE);
        }
      if (section->prompt != NULL && *section->prompt != '\0')
        add_member (builder, "prompt", section->prompt);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

const char *
alcove_note_format_get_base_id (AlcoveNoteFormat *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_FORMAT (self), NULL);
  return self->base_id;
}

guint
alcove_note_format_get_version (AlcoveNoteFormat *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_FORMAT (self), 0);
  return self->version;
}

gboolean
alcove_note_format_get_retired (AlcoveNoteFormat *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_FORMAT (self), FALSE);
  return self->retired;
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
