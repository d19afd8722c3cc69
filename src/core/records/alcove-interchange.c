/* alcove-interchange.c — import and export as JSON: the file, its clients and notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-interchange"

#include "config.h"

#include "alcove-interchange-private.h"
#include "alcove-json-guard.h"
#include "alcove-text.h"

/* The file is read and checked whole before anything is written; then every write joins one
 * outer transaction (the stores' own transactions become savepoints), so a failure at any
 * point rolls everything back. See the header for the format. */

static char *
join_format_keys (AlcoveNoteFormat *format,
                  gboolean          required_only,
                  JsonObject       *present)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);

      if (required_only)
        {
          JsonNode *node = present ? json_object_get_member (present, section->key) : NULL;
          g_autofree char *text = is_string (node) ? g_strdup (json_node_get_string (node))
                                                   : g_strdup ("");

          if (!section->required || *g_strstrip (text) != '\0')
            continue;
        }
      g_string_append_printf (keys, "%s%s", keys->len ? ", " : "", section->key);
    }
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static char *
join_record_formats (void)
{
  GListModel *formats = alcove_note_format_list_record ();
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (formats); i++)
    {
      g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (formats, i);

      g_string_append_printf (ids, "%s%s", ids->len ? ", " : "",
                              alcove_note_format_get_id (format));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* ---- what the file asks for, checked ---- */

static void
import_client_free (ImportClient *entry)
{
  g_free (entry->file_id);
  g_clear_object (&entry->client);
  g_free (entry);
}

static void
import_note_free (ImportNote *entry)
{
  g_free (entry->client_id);
  g_clear_pointer (&entry->addenda, g_ptr_array_unref);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportNote, import_note_free)

static void
import_init (Import          *import,
             AlcoveNoteStore *notes)
{
  import->notes = notes;
  import->clients = notes ? alcove_note_store_get_clients (notes) : NULL;
  import->vault = notes ? alcove_client_store_get_vault (import->clients) : NULL;
  import->file_clients = g_ptr_array_new_with_free_func ((GDestroyNotify) import_client_free);
  import->by_file_id = g_hash_table_new (g_str_hash, g_str_equal);
  import->file_notes = g_ptr_array_new_with_free_func ((GDestroyNotify) import_note_free);
  import->warnings = g_ptr_array_new_with_free_func (g_free);
  alcove_interchange_records_init (import);
}

static void
import_clear (Import *import)
{
  alcove_interchange_records_clear (import);
  g_clear_pointer (&import->file_clients, g_ptr_array_unref);
  g_clear_pointer (&import->by_file_id, g_hash_table_unref);
  g_clear_pointer (&import->file_notes, g_ptr_array_unref);
  g_clear_pointer (&import->warnings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static const char * const client_fields[] = {
  "id", "preferred_name", "legal_name", "date_of_birth", "pronouns", "record_type", "status",
  "members", NULL
};

static gboolean
read_client (Import     *import,
             JsonNode   *node,
             guint       index,
             GError    **error)
{
  g_autofree char *path = g_strdup_printf ("clients[%u]", index);
  g_autofree char *today = alcove_date_today_iso ();
  g_autofree char *where = NULL;
  JsonObject *object;
  const char *id, *preferred, *legal, *born, *pronouns, *type_name, *status;
  AlcoveRecordType type;
  JsonArray *members;
  ImportClient *entry;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_at (error, path, _("expected an object, found %s"), node_kind (node));
  object = json_node_get_object (node);
  if (!check_members (object, path, client_fields, error) ||
      (id = get_string (object, path, "id", TRUE, error)) == NULL ||
      (preferred = get_string (object, path, "preferred_name", TRUE, error)) == NULL ||
      (legal = get_string (object, path, "legal_name", TRUE, error)) == NULL ||
      (born = get_string (object, path, "date_of_birth", TRUE, error)) == NULL ||
      /* the format promises only the four above; the rest have defaults */
      !optional_string (object, path, "pronouns", "", &pronouns, error) ||
      !optional_string (object, path, "record_type", "individual", &type_name, error) ||
      !optional_string (object, path, "status", "active", &status, error) ||
      !optional_array (object, path, "members", &members, error))
    return FALSE;

  where = g_strdup_printf ("%s.id", path);
  if (*id == '\0')
    return fail_at (error, where, _("empty; give each client an id"));
  if (g_hash_table_contains (import->by_file_id, id))
    return fail_at (error, where, _("duplicate id \"%s\""), id);
  if (import->clients != NULL && alcove_client_store_lookup (import->clients, id) != NULL)
    return fail_at (error, where, _("duplicate id \"%s\": a client with this id is already in "
                                    "the vault"), id);
  g_clear_pointer (&where, g_free);

  if (*preferred == '\0' && *legal == '\0')
    {
      where = g_strdup_printf ("%s.preferred_name", path);
      return fail_at (error, where, _("empty, and so is legal_name; give the name the client "
                                      "goes by"));
    }
  if (*born != '\0')
    {
      if (!check_date (path, "date_of_birth", born, error))
        return FALSE;
      if (g_strcmp0 (born, today) > 0)
        {
          where = g_strdup_printf ("%s.date_of_birth", path);
          return fail_at (error, where, _("\"%s\" is in the future"), born);
        }
    }
  if (!alcove_record_type_from_string (type_name, &type))
    {
      where = g_strdup_printf ("%s.record_type", path);
      return fail_at (error, where, _("\"%s\" is not one of individual, couple, family, group"),
                      type_name);
    }
  if (!g_str_equal (status, "active") && !g_str_equal (status, "discharged"))
    {
      where = g_strdup_printf ("%s.status", path);
      return fail_at (error, where, _("\"%s\" is not one of active, discharged"), status);
    }

  entry = g_new0 (ImportClient, 1);
  entry->file_id = g_strdup (id);
  entry->index = index;
  entry->members = members;
  entry->client = alcove_client_new ();
  if (g_uuid_string_is_valid (id))
    alcove_client_set_id (entry->client, id);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();

      alcove_client_set_id (entry->client, uuid);
    }
  alcove_client_set_field (entry->client, ALCOVE_CLIENT_PREFERRED_NAME, preferred);
  alcove_client_set_field (entry->client, ALCOVE_CLIENT_LEGAL_NAME, legal);
  alcove_client_set_field (entry->client, ALCOVE_CLIENT_DATE_OF_BIRTH, born);
  alcove_client_set_field (entry->client, ALCOVE_CLIENT_PRONOUNS, pronouns);
  alcove_client_set_record_type (entry->client, type);
  alcove_client_set_status (entry->client, g_str_equal (status, "discharged")
                                           ? ALCOVE_CLIENT_DISCHARGED : ALCOVE_CLIENT_ACTIVE);
  g_ptr_array_add (import->file_clients, entry);
  g_hash_table_insert (import->by_file_id, entry->file_id, entry);
  return TRUE;
}

/* Once every client of the file is known: members are individuals, of the file or vault */
static gboolean
resolve_members (Import        *import,
                 ImportClient  *entry,
                 GError       **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) member_ids = NULL;
  guint n = entry->members ? json_array_get_length (entry->members) : 0;

  if (alcove_client_get_record_type (entry->client) == ALCOVE_RECORD_INDIVIDUAL && n > 0)
    {
      g_autofree char *where = g_strdup_printf ("clients[%u].members", entry->index);

      return fail_at (error, where, _("an individual record has no members; use couple, "
                                      "family or group to link clients"));
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (entry->members, i);
      g_autofree char *where = g_strdup_printf ("clients[%u].members[%u]", entry->index, i);
      const char *vault_id;
      AlcoveRecordType type;

      if (!is_string (node))
        return fail_at (error, where, _("expected a string, found %s"), node_kind (node));
      if (!resolve_client (import, json_node_get_string (node), &vault_id, &type))
        return fail_at (error, where, _("no client \"%s\" in the file or the vault"),
                        json_node_get_string (node));
      if (type != ALCOVE_RECORD_INDIVIDUAL)
        return fail_at (error, where, _("\"%s\" is a %s record; members must be individual "
                                        "clients"), json_node_get_string (node),
                        alcove_record_type_to_string (type));
      g_strv_builder_add (ids, vault_id);
    }
  member_ids = g_strv_builder_end (ids);
  alcove_client_set_members (entry->client, (const char * const *) member_ids);
  return TRUE;
}

static const char * const note_fields_v1[] = {
  "id", "client", "author", "format", "session_date", "sections", "status", "signed_at",
  "addenda", NULL
};

static const char * const note_fields[] = {
  "id", "client", "author", "session", "format", "session_date", "sections", "status",
  "signed_at", "addenda", "hash", NULL
};

static const char * const addendum_fields[] = { "text", "created_at", NULL };

static gboolean
read_addenda (JsonObject   *object,
              const char   *path,
              ImportNote   *entry,
              GError      **error)
{
  JsonArray *addenda;

  if (!optional_array (object, path, "addenda", &addenda, error))
    return FALSE;
  entry->addenda = g_ptr_array_new ();
  if (addenda == NULL || json_array_get_length (addenda) == 0)
    return TRUE;
  if (!entry->is_signed)
    {
      g_autofree char *where = g_strdup_printf ("%s.addenda", path);

      return fail_at (error, where, _("a draft has no addenda; put the text in its sections, "
                                      "or mark the note signed"));
    }
  for (guint i = 0; i < json_array_get_length (addenda); i++)
    {
      JsonNode *node = json_array_get_element (addenda, i);
      g_autofree char *item = g_strdup_printf ("%s.addenda[%u]", path, i);
      g_autofree char *stripped = NULL;
      JsonObject *addendum;
      const char *text, *created;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail_at (error, item, _("expected an object, found %s"), node_kind (node));
      addendum = json_node_get_object (node);
      if (!check_members (addendum, item, addendum_fields, error) ||
          (text = get_string (addendum, item, "text", TRUE, error)) == NULL ||
          (created = get_string (addendum, item, "created_at", TRUE, error)) == NULL ||
          !check_timestamp (item, "created_at", created, error))
        return FALSE;
      stripped = g_strstrip (g_strdup (text));
      if (*stripped == '\0')
        {
          g_autofree char *where = g_strdup_printf ("%s.text", item);

          return fail_at (error, where, _("empty; an addendum needs text"));
        }
      g_ptr_array_add (entry->addenda, (gpointer) text);
    }
  return TRUE;
}

static gboolean
read_note (Import      *import,
           JsonNode    *node,
           guint        index,
           GHashTable  *note_ids,
           GError     **error)
{
  g_autofree char *path = g_strdup_printf ("notes[%u]", index);
  g_autoptr(ImportNote) entry = NULL;
  g_autoptr(GList) keys = NULL;
  g_autofree char *where = NULL;
  const char *id, *client, *author, *format_id, *date, *status, *signed_at, *session;
  const char *vault_id;
  AlcoveRecordType type;
  JsonObject *object;
  JsonNode *sections;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_at (error, path, _("expected an object, found %s"), node_kind (node));
  object = json_node_get_object (node);
  if (!check_members (object, path, import->version == 1 ? note_fields_v1 : note_fields,
                      error) ||
      (client = get_string (object, path, "client", TRUE, error)) == NULL ||
      (author = get_string (object, path, "author", TRUE, error)) == NULL ||
      (format_id = get_string (object, path, "format", TRUE, error)) == NULL ||
      (date = get_string (object, path, "session_date", TRUE, error)) == NULL ||
      (status = get_string (object, path, "status", TRUE, error)) == NULL ||
      !optional_string (object, path, "id", NULL, &id, error) ||
      !optional_string (object, path, "signed_at", NULL, &signed_at, error) ||
      !optional_string (object, path, "session", NULL, &session, error))
    return FALSE;
  sections = json_object_get_member (object, "sections");
  where = g_strdup_printf ("%s.sections", path);
  if (sections == NULL)
    return fail_at (error, where, _("missing; this field is required"));
  if (!JSON_NODE_HOLDS_OBJECT (sections))
    return fail_at (error, where, _("expected an object, found %s"), node_kind (sections));
  g_clear_pointer (&where, g_free);

  entry = g_new0 (ImportNote, 1);

  if (id != NULL)
    {
      where = g_strdup_printf ("%s.id", path);
      if (g_hash_table_contains (note_ids, id))
        return fail_at (error, where, _("duplicate id \"%s\""), id);
      g_hash_table_add (note_ids, (gpointer) id);
      g_clear_pointer (&where, g_free);
    }

  where = g_strdup_printf ("%s.client", path);
  if (!resolve_client (import, client, &vault_id, &type))
    return fail_at (error, where, _("no client \"%s\" in the file or the vault"), client);
  entry->client_id = g_strdup (vault_id);
  g_clear_pointer (&where, g_free);

  if (import->vault != NULL && !check_author (import, path, author, _("notes"), error))
    return FALSE;

  where = g_strdup_printf ("%s.format", path);
  entry->format = alcove_note_format_lookup (format_id);
  if (entry->format == NULL || alcove_note_format_get_private (entry->format))
    {
      g_autofree char *known = join_record_formats ();

      return fail_at (error, where, _("\"%s\" is not a progress note format (use one of: %s)"),
                      format_id, known);
    }
  g_clear_pointer (&where, g_free);

  if (!check_date (path, "session_date", date, error))
    return FALSE;
  entry->session_date = date;

  keys = json_object_get_members (json_node_get_object (sections));
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *text = json_object_get_member (json_node_get_object (sections), l->data);

      where = g_strdup_printf ("%s.sections.%s", path, (const char *) l->data);
      if (alcove_note_format_find_section (entry->format, l->data) == NULL)
        {
          g_autofree char *known = join_format_keys (entry->format, FALSE, NULL);

          return fail_at (error, where, _("not a section of %s (its sections: %s)"),
                          alcove_note_format_get_name (entry->format), known);
        }
      if (!is_string (text))
        return fail_at (error, where, _("expected a string, found %s"), node_kind (text));
      g_clear_pointer (&where, g_free);
    }
  entry->sections = json_node_get_object (sections);

  where = g_strdup_printf ("%s.status", path);
  if (!g_str_equal (status, "draft") && !g_str_equal (status, "signed"))
    return fail_at (error, where, _("\"%s\" is not one of draft, signed"), status);
  entry->is_signed = g_str_equal (status, "signed");
  g_clear_pointer (&where, g_free);

  if (signed_at != NULL)
    {
      where = g_strdup_printf ("%s.signed_at", path);
      if (!entry->is_signed)
        return fail_at (error, where, _("a draft has no signing time"));
      if (!check_timestamp (path, "signed_at", signed_at, error))
        return FALSE;
      g_clear_pointer (&where, g_free);
    }
  if (entry->is_signed)
    {
      g_autofree char *missing = join_format_keys (entry->format, TRUE, entry->sections);

      if (*missing != '\0')
        {
          where = g_strdup_printf ("%s.sections", path);
          return fail_at (error, where, _("a signed note needs every required section of %s; "
                                          "missing: %s"),
                          alcove_note_format_get_name (entry->format), missing);
        }
    }
  if (!read_addenda (object, path, entry, error))
    return FALSE;
  if (session != NULL &&
      !alcove_interchange_note_session (import, path, session, index, entry, error))
    return FALSE;
  if (json_object_has_member (object, "hash") &&
      !alcove_interchange_check_hash (object, path, _("note"), error))
    return FALSE;

  g_ptr_array_add (import->file_notes, g_steal_pointer (&entry));
  return TRUE;
}

static gboolean
read_file (Import     *import,
           JsonParser *parser,
           GBytes     *json,
           GError    **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GHashTable) note_ids = g_hash_table_new (g_str_hash, g_str_equal);
  gsize size;
  const char *data = g_bytes_get_data (json, &size);
  JsonNode *root, *node;
  JsonObject *top;
  JsonArray *clients, *notes, *sessions, *diagnoses, *plans, *measures, *events;
  static const char * const top_fields_v1[] = { "format", "version", "clients", "notes", NULL };
  static const char * const top_fields[] = {
    "format", "version", "clients", "sessions", "diagnoses", "notes", "plans", "measures",
    "events", NULL
  };

  if (size == 0)
    return fail_at (error, _("(file)"), _("empty; expected a JSON object"));
  /* before json-glib, which crashes on deep nesting and cuts strings at \u0000; and before
   * the UTF-8 check, which would call a NUL byte "not UTF-8" */
  if (!alcove_json_guard_check (data, size, ALCOVE_INTERCHANGE_MAX_SIZE,
                                ALCOVE_INTERCHANGE_MAX_DEPTH, error))
    {
      g_prefix_error (error, "%s: ", _("(file)"));
      return FALSE;
    }
  if (!g_utf8_validate (data, size, NULL))
    return fail_at (error, _("(file)"), _("not UTF-8 text, so not a JSON file"));
  if (!json_parser_load_from_data (parser, data, size, &parse_error))
    return fail_at (error, _("(file)"), _("not valid JSON: %s"), parse_error->message);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail_at (error, _("(file)"), _("expected a JSON object, found %s"), node_kind (root));
  top = json_node_get_object (root);

  node = json_object_get_member (top, "format");
  if (!is_string (node) || !g_str_equal (json_node_get_string (node), ALCOVE_INTERCHANGE_FORMAT))
    return fail_at (error, "format", _("expected \"%s\"; this is not an Alcove interchange "
                                       "file"), ALCOVE_INTERCHANGE_FORMAT);
  node = json_object_get_member (top, "version");
  if (node == NULL)
    return fail_at (error, "version", _("missing; this field is required"));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail_at (error, "version", _("expected a number, found %s"), node_kind (node));
  import->version = json_node_get_int (node);
  if (import->version != 1 && import->version != ALCOVE_INTERCHANGE_VERSION)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, import->version);

      return fail_at (error, "version", _("version %s is not supported; this Alcove reads "
                                          "versions 1 and %d"), version,
                      ALCOVE_INTERCHANGE_VERSION);
    }
  if (!check_members (top, NULL, import->version == 1 ? top_fields_v1 : top_fields, error) ||
      (clients = get_array (top, NULL, "clients", TRUE, error)) == NULL ||
      (notes = get_array (top, NULL, "notes", TRUE, error)) == NULL ||
      /* version 2's own arrays, each optional */
      !optional_array (top, NULL, "sessions", &sessions, error) ||
      !optional_array (top, NULL, "diagnoses", &diagnoses, error) ||
      !optional_array (top, NULL, "plans", &plans, error) ||
      !optional_array (top, NULL, "measures", &measures, error) ||
      !optional_array (top, NULL, "events", &events, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (clients); i++)
    if (!read_client (import, json_array_get_element (clients, i), i, error))
      return FALSE;
  for (guint i = 0; i < import->file_clients->len; i++)
    if (!resolve_members (import, g_ptr_array_index (import->file_clients, i), error))
      return FALSE;
  if ((sessions != NULL && !alcove_interchange_read_sessions (import, sessions, error)) ||
      (diagnoses != NULL && !alcove_interchange_read_diagnoses (import, diagnoses, error)))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (notes); i++)
    if (!read_note (import, json_array_get_element (notes, i), i, note_ids, error))
      return FALSE;
  return (plans == NULL || alcove_interchange_read_plans (import, plans, error)) &&
         (measures == NULL || alcove_interchange_read_measures (import, measures, error)) &&
         (events == NULL || alcove_interchange_read_events (import, events, error));
}

/* ---- writing, all in one transaction ---- */

static gboolean
write_note (Import              *import,
            ImportNote          *entry,
            AlcoveImportReport  *report,
            GError             **error)
{
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GList) keys = NULL;

  note = alcove_note_store_create (import->notes, entry->client_id,
                                   entry->session ? alcove_session_get_id (entry->session->session)
                                                  : NULL,
                                   alcove_note_format_get_id (entry->format),
                                   entry->session_date, error);
  if (note == NULL)
    return FALSE;
  keys = json_object_get_members (entry->sections);
  for (GList *l = keys; l != NULL; l = l->next)
    alcove_note_set_section (note, l->data,
                             json_object_get_string_member (entry->sections, l->data));
  if (!alcove_note_store_save (import->notes, note, error))
    return FALSE;
  report->n_notes++;
  if (!entry->is_signed)
    return TRUE;
  if (!alcove_note_store_sign (import->notes, note, error))
    return FALSE;
  report->n_signed++;
  for (guint i = 0; i < entry->addenda->len; i++)
    {
      if (!alcove_note_store_add_addendum (import->notes, note,
                                           g_ptr_array_index (entry->addenda, i), error))
        return FALSE;
      report->n_addenda++;
    }
  return TRUE;
}

static gboolean
write_all (Import              *import,
           AlcoveImportReport  *report,
           GError             **error)
{
  g_autofree char *n_clients = NULL, *n_notes = NULL, *n_signed = NULL;
  g_autofree char *n_sessions = NULL, *n_diagnoses = NULL, *n_plans = NULL;
  g_autofree char *n_measures = NULL, *n_events = NULL;
  g_autofree char *details = NULL;

  /* individuals first: a couple, family or group record needs its members saved */
  for (int records = 0; records < 2; records++)
    for (guint i = 0; i < import->file_clients->len; i++)
      {
        ImportClient *entry = g_ptr_array_index (import->file_clients, i);
        gboolean individual = alcove_client_get_record_type (entry->client) ==
                              ALCOVE_RECORD_INDIVIDUAL;

        if (individual == (records == 1))
          continue;
        if (!alcove_client_store_save (import->clients, entry->client, error))
          {
            g_autofree char *path = g_strdup_printf ("clients[%u]", entry->index);

            g_prefix_error (error, "%s: ", path);
            return FALSE;
          }
        report->n_clients++;
      }
  if (!alcove_interchange_write_sessions (import, report, error))
    return FALSE;
  for (guint i = 0; i < import->file_notes->len; i++)
    if (!write_note (import, g_ptr_array_index (import->file_notes, i), report, error))
      {
        g_autofree char *path = g_strdup_printf ("notes[%u]", i);

        g_prefix_error (error, "%s: ", path);
        return FALSE;
      }
  if (!alcove_interchange_write_records (import, report, error))
    return FALSE;

  n_clients = g_strdup_printf ("%u", report->n_clients);
  n_notes = g_strdup_printf ("%u", report->n_notes);
  n_signed = g_strdup_printf ("%u", report->n_signed);
  n_sessions = g_strdup_printf ("%u", report->n_sessions);
  n_diagnoses = g_strdup_printf ("%u", report->n_diagnoses);
  n_plans = g_strdup_printf ("%u", report->n_plan_versions);
  n_measures = g_strdup_printf ("%u", report->n_measures);
  n_events = g_strdup_printf ("%u", report->n_events);
  details = alcove_audit_details ("clients", n_clients, "notes", n_notes, "signed", n_signed,
                                  "sessions", n_sessions, "diagnoses", n_diagnoses,
                                  "plan_versions", n_plans, "measures", n_measures,
                                  "events", n_events, NULL);
  return alcove_audit_append (alcove_vault_get_audit (import->vault),
                              ALCOVE_AUDIT_IMPORT,
                              alcove_vault_get_uuid (import->vault), details, NULL, error);
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED, message);
  return FALSE;
}

/* What the role may not write is refused before anything is */
static gboolean
check_roles (Import  *import,
             GError **error)
{
  if (import->file_clients->len > 0 && !alcove_client_store_can_edit (import->clients))
    return refuse (error, _("Your role may read client details but not add clients"));
  if (import->file_notes->len > 0 && !alcove_note_store_can_write (import->notes))
    return refuse (error, _("Your role does not write notes, so it cannot import them"));
  if (import->file_diagnoses->len > 0 &&
      !alcove_diagnosis_store_can_edit (import->diagnosis_store))
    return refuse (error, _("Your role does not record diagnoses, so it cannot import them"));
  if (import->file_plans->len > 0 && !alcove_plan_store_can_write (import->plan_store))
    return refuse (error, _("Your role does not write treatment plans, so it cannot import "
                            "them"));
  if (import->file_measures->len > 0 &&
      !alcove_measure_store_can_administer (import->measure_store))
    return refuse (error, _("Your role does not give outcome measures, so it cannot import "
                            "them"));
  if (import->file_events->len > 0 && !alcove_event_store_can_add (import->event_store))
    return refuse (error, _("Your role does not enter clinical events, so it cannot import "
                            "them"));
  return TRUE;
}

gboolean
alcove_interchange_import (AlcoveNoteStore     *notes,
                           GBytes              *json,
                           AlcoveImportReport  *report,
                           GError             **error)
{
  g_auto(Import) import = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  AlcoveImportReport counts = { 0 };
  AlcoveDatabase *database;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  import_init (&import, notes);
  if (!alcove_vault_require_unlocked (import.vault, error))
    return FALSE;
  if (alcove_vault_get_current_user (import.vault) == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Sign in as yourself to import: notes are imported by their author"));
      return FALSE;
    }
  if (!read_file (&import, parser, json, error))
    return FALSE;
  if (!check_roles (&import, error))
    return FALSE;

  database = alcove_vault_get_database (import.vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!write_all (&import, &counts, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (!alcove_database_commit (database, error))
    return FALSE;
  if (import.warnings->len > 0)
    counts.warnings = g_steal_pointer (&import.warnings);
  if (report != NULL)
    *report = counts;
  else
    g_clear_pointer (&counts.warnings, g_ptr_array_unref);
  return TRUE;
}

void
alcove_import_report_clear (AlcoveImportReport *report)
{
  g_return_if_fail (report != NULL);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
}

gboolean
alcove_interchange_check (GBytes  *json,
                          GError **error)
{
  return alcove_interchange_check_report (json, NULL, error);
}

gboolean
alcove_interchange_check_report (GBytes              *json,
                                 AlcoveImportReport  *report,
                                 GError             **error)
{
  g_auto(Import) import = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (json != NULL, FALSE);

  import_init (&import, NULL);
  if (!read_file (&import, parser, json, error))
    return FALSE;
  if (report != NULL)
    {
      *report = (AlcoveImportReport) { 0 };
      report->n_clients = import.file_clients->len;
      report->n_notes = import.file_notes->len;
      report->n_sessions = import.file_sessions->len;
      report->n_diagnoses = import.file_diagnoses->len;
      report->n_plans = import.file_plans->len;
      for (guint i = 0; i < import.file_plans->len; i++)
        report->n_plan_versions += ((ImportPlan *) g_ptr_array_index (import.file_plans,
                                                                      i))->versions->len;
      report->n_measures = import.file_measures->len;
      report->n_events = import.file_events->len;
      if (import.warnings->len > 0)
        report->warnings = g_steal_pointer (&import.warnings);
    }
  return TRUE;
}

/* ---- export ---- */

static gint
compare_clients (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (alcove_client_get_id (*(AlcoveClient **) a),
                    alcove_client_get_id (*(AlcoveClient **) b));
}

static gint
compare_notes (gconstpointer a,
               gconstpointer b)
{
  AlcoveNote *first = *(AlcoveNote **) a;
  AlcoveNote *second = *(AlcoveNote **) b;
  int order = g_strcmp0 (alcove_note_get_session_date (first),
                         alcove_note_get_session_date (second));

  if (order != 0)
    return order;
  if (alcove_note_get_created_ms (first) != alcove_note_get_created_ms (second))
    return alcove_note_get_created_ms (first) < alcove_note_get_created_ms (second) ? -1 : 1;
  return g_strcmp0 (alcove_note_get_id (first), alcove_note_get_id (second));
}

static void
build_client (JsonBuilder  *builder,
              AlcoveClient *client)
{
  const char *pronouns = alcove_client_get_field (client, ALCOVE_CLIENT_PRONOUNS);
  GPtrArray *members = alcove_client_get_members (client);

  json_builder_begin_object (builder);
  add_string (builder, "id", alcove_client_get_id (client));
  add_string (builder, "preferred_name",
              alcove_client_get_field (client, ALCOVE_CLIENT_PREFERRED_NAME));
  add_string (builder, "legal_name", alcove_client_get_field (client, ALCOVE_CLIENT_LEGAL_NAME));
  add_string (builder, "date_of_birth",
              alcove_client_get_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH));
  if (*pronouns != '\0')
    add_string (builder, "pronouns", pronouns);
  add_string (builder, "record_type",
              alcove_record_type_to_string (alcove_client_get_record_type (client)));
  add_string (builder, "status", alcove_client_get_status (client) == ALCOVE_CLIENT_DISCHARGED
                                 ? "discharged" : "active");
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < members->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (members, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* A signed note carries the hash of what it says in the file (see the header) */
static void
build_note (JsonBuilder *into,
            AlcoveNote  *note,
            GHashTable  *usernames)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *built;
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  const char *author = g_hash_table_lookup (usernames, alcove_note_get_author (note));
  GHashTable *sections = alcove_note_get_sections (note);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GPtrArray *addenda = alcove_note_get_addenda (note);
  gboolean is_signed = alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED;
  GHashTableIter iter;
  gpointer key;

  json_builder_begin_object (builder);
  add_string (builder, "id", alcove_note_get_id (note));
  add_string (builder, "client", alcove_note_get_client_id (note));
  add_string (builder, "author", author ? author : alcove_note_get_author (note));
  if (*alcove_note_get_session_id (note) != '\0')
    add_string (builder, "session", alcove_note_get_session_id (note));
  add_string (builder, "format", alcove_note_get_format_id (note));
  add_string (builder, "session_date", alcove_note_get_session_date (note));

  /* in the format's order, then anything else by key */
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_object (builder);
  for (guint i = 0; format != NULL && i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);
      const char *text = g_hash_table_lookup (sections, section->key);

      if (text != NULL)
        add_string (builder, section->key, text);
    }
  g_hash_table_iter_init (&iter, sections);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (format == NULL || alcove_note_format_find_section (format, key) == NULL)
      g_ptr_array_add (others, key);
  g_ptr_array_sort (others, alcove_text_compare_in_array);
  for (guint i = 0; i < others->len; i++)
    add_string (builder, g_ptr_array_index (others, i),
                g_hash_table_lookup (sections, g_ptr_array_index (others, i)));
  json_builder_end_object (builder);

  add_string (builder, "status", is_signed ? "signed" : "draft");
  if (is_signed)
    {
      g_autofree char *signed_at = format_timestamp (alcove_note_get_signed_ms (note));

      add_string (builder, "signed_at", signed_at);
    }
  if (addenda->len > 0)
    {
      json_builder_set_member_name (builder, "addenda");
      json_builder_begin_array (builder);
      for (guint i = 0; i < addenda->len; i++)
        {
          AlcoveAddendum *addendum = g_ptr_array_index (addenda, i);
          g_autofree char *created = format_timestamp (addendum->created_ms);

          json_builder_begin_object (builder);
          add_string (builder, "text", addendum->text);
          add_string (builder, "created_at", created);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  built = json_builder_get_root (builder);
  if (is_signed)
    {
      g_autofree char *hash = alcove_interchange_hash_entry (json_node_get_object (built));

      json_object_set_string_member (json_node_get_object (built), "hash", hash);
    }
  json_builder_add_value (into, built);
}

/* The notes whose record is this client (not those it only has a part in), oldest first */
static gboolean
collect_notes (AlcoveNoteStore  *notes,
               const char       *client_id,
               GPtrArray        *into,
               GError          **error)
{
  g_autoptr(GListModel) listed = alcove_note_store_list_for_client (notes, client_id, FALSE,
                                                                    error);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

  if (listed == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (listed); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (listed, i);

      if (alcove_note_is_private (note) ||
          g_strcmp0 (alcove_note_get_client_id (note), client_id) != 0)
        continue;
      /* an edited signed note would leave the vault looking authentic, and be signed anew
       * on import: refuse rather than launder it */
      if (!alcove_note_store_verify (notes, note))
        {
          g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                       _("The signed note %s no longer matches its signature, so it was not "
                         "exported; run “alcovectl verify” and restore from a backup"),
                       alcove_note_get_id (note));
          return FALSE;
        }
      g_ptr_array_add (found, g_steal_pointer (&note));
    }
  g_ptr_array_sort (found, compare_notes);
  g_ptr_array_extend_and_steal (into, g_steal_pointer (&found));
  return TRUE;
}

GBytes *
alcove_interchange_export (AlcoveNoteStore  *notes,
                           GError          **error)
{
  AlcoveClientStore *clients;
  AlcoveVault *vault;
  GListModel *model;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) exported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) usernames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GListModel) users = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AlcoveExportRecords) records = NULL;
  g_autofree char *n_clients = NULL, *n_notes = NULL, *details = NULL;
  g_autofree char *n_sessions = NULL, *n_diagnoses = NULL, *n_plans = NULL;
  g_autofree char *n_measures = NULL, *n_events = NULL;
  g_autofree char *data = NULL;
  guint sessions, diagnoses, plans, measures, events;
  char *text;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), NULL);

  clients = alcove_note_store_get_clients (notes);
  vault = alcove_client_store_get_vault (clients);
  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;

  model = alcove_client_store_get_clients (clients);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (model, i));
  g_ptr_array_sort (sorted, compare_clients);
  for (guint i = 0; i < sorted->len; i++)
    if (!collect_notes (notes, alcove_client_get_id (g_ptr_array_index (sorted, i)), exported,
                        error))
      return NULL;
  records = alcove_export_records_collect (notes, sorted, error);
  if (records == NULL)
    return NULL;
  users = alcove_vault_list_users (vault);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      g_hash_table_replace (usernames, g_strdup (alcove_user_get_uuid (user)),
                            g_strdup (alcove_user_get_username (user)));
    }

  json_builder_begin_object (builder);
  add_string (builder, "format", ALCOVE_INTERCHANGE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ALCOVE_INTERCHANGE_VERSION);
  json_builder_set_member_name (builder, "clients");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sorted->len; i++)
    build_client (builder, g_ptr_array_index (sorted, i));
  json_builder_end_array (builder);
  alcove_export_records_build_sessions (records, builder, usernames);
  alcove_export_records_build_diagnoses (records, builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < exported->len; i++)
    build_note (builder, g_ptr_array_index (exported, i), usernames);
  json_builder_end_array (builder);
  alcove_export_records_build_plans (records, builder, usernames);
  alcove_export_records_build_measures (records, builder, usernames);
  alcove_export_records_build_events (records, builder, usernames);
  json_builder_end_object (builder);

  /* Audited before the text exists anywhere but here: no audit row, no export */
  n_clients = g_strdup_printf ("%u", sorted->len);
  n_notes = g_strdup_printf ("%u", exported->len);
  alcove_export_records_count (records, &sessions, &diagnoses, &plans, &measures, &events);
  n_sessions = g_strdup_printf ("%u", sessions);
  n_diagnoses = g_strdup_printf ("%u", diagnoses);
  n_plans = g_strdup_printf ("%u", plans);
  n_measures = g_strdup_printf ("%u", measures);
  n_events = g_strdup_printf ("%u", events);
  details = alcove_audit_details ("clients", n_clients, "notes", n_notes, "sessions", n_sessions,
                                  "diagnoses", n_diagnoses, "plan_versions", n_plans,
                                  "measures", n_measures, "events", n_events, NULL);
  if (!alcove_audit_append (alcove_vault_get_audit (vault), ALCOVE_AUDIT_EXPORT,
                            alcove_vault_get_uuid (vault), details, NULL, error))
    return NULL;

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, NULL);
  text = g_strconcat (data, "\n", NULL);
  return g_bytes_new_take (text, strlen (text));
}
