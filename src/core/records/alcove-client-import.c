/* alcove-client-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing is written until alcove_client_import_commit(), and then every new row or none.
 * Cells are only ever text here; one that starts like a spreadsheet formula is refused
 * anyway, since the list will be exported back to a spreadsheet one day and the name field
 * is no place for "=HYPERLINK(…)".
 */
#define G_LOG_DOMAIN "alcove-client-import"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "alcove-audit.h"
#include "alcove-audit-actions.h"
#include "alcove-client-import.h"
#include "alcove-data.h"
#include "alcove-date.h"
#include "alcove-error.h"
#include "alcove-vault-private.h"

#define TEMPLATES_PATH "/io/github/alcove_notes/Alcove/import/client-lists.json"
#define SETTINGS_PREFIX "import.csv.mapping."

/* From the compiled resource; asked for by name so a static link keeps it */
GResource *alcove_import_data_get_resource (void);

static const char * const field_ids[ALCOVE_IMPORT_N_FIELDS] = {
  "legal_name", "first_name", "middle_name", "last_name", "preferred_name", "date_of_birth",
  "pronouns", "email", "phone", "address", "status",
};

/* Headers every list may use, whatever system wrote it */
static const struct { AlcoveImportField field; const char *header; } common_headers[] = {
  { ALCOVE_IMPORT_FIELD_LEGAL_NAME, "legal name" },
  { ALCOVE_IMPORT_FIELD_LEGAL_NAME, "full name" },
  { ALCOVE_IMPORT_FIELD_LEGAL_NAME, "client name" },
  { ALCOVE_IMPORT_FIELD_LEGAL_NAME, "name" },
  { ALCOVE_IMPORT_FIELD_FIRST_NAME, "first name" },
  { ALCOVE_IMPORT_FIELD_LAST_NAME, "last name" },
  { ALCOVE_IMPORT_FIELD_PREFERRED_NAME, "preferred name" },
  { ALCOVE_IMPORT_FIELD_DATE_OF_BIRTH, "date of birth" },
  { ALCOVE_IMPORT_FIELD_DATE_OF_BIRTH, "dob" },
  { ALCOVE_IMPORT_FIELD_PRONOUNS, "pronouns" },
  { ALCOVE_IMPORT_FIELD_EMAIL, "email" },
  { ALCOVE_IMPORT_FIELD_PHONE, "phone" },
  { ALCOVE_IMPORT_FIELD_ADDRESS, "address" },
  { ALCOVE_IMPORT_FIELD_STATUS, "status" },
};

typedef struct
{
  AlcoveImportRowKind  kind;
  char                *reason;
  AlcoveClient        *client;
} Row;

struct _AlcoveClientImport
{
  gatomicrefcount      ref_count;  /* a worker judging the list holds one */
  guint                generation; /* bumped by every change of the mapping or the rows */
  gboolean             is_shadow;  /* a worker's copy: the csv is borrowed */
  AlcoveCsv           *csv;
  AlcoveClientMapping  mapping;
  char                *template_id;
  Row                 *rows;       /* after classify, one per CSV row */
  guint                counts[3];
};

/* ---- fields and templates ---- */

const char *
alcove_import_field_to_string (AlcoveImportField field)
{
  g_return_val_if_fail (field < ALCOVE_IMPORT_N_FIELDS, NULL);
  return field_ids[field];
}

gboolean
alcove_import_field_from_string (const char        *text,
                                 AlcoveImportField *field)
{
  for (guint i = 0; i < ALCOVE_IMPORT_N_FIELDS; i++)
    if (g_strcmp0 (text, field_ids[i]) == 0)
      {
        *field = i;
        return TRUE;
      }
  return FALSE;
}

static JsonArray *
templates (void)
{
  static JsonParser *parser;

  if (g_once_init_enter (&parser))
    {
      JsonObject *root = NULL;
      JsonParser *loaded = alcove_data_load_file (alcove_import_data_get_resource (),
                                                  TEMPLATES_PATH, &root, NULL);

      if (loaded == NULL || root == NULL || !json_object_has_member (root, "templates"))
        g_error ("The import templates in %s are missing or malformed", TEMPLATES_PATH);
      g_once_init_leave (&parser, loaded);
    }
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "templates");
}

static JsonObject *
find_template (const char *template_id)
{
  JsonArray *all = templates ();

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *template = json_array_get_object_element (all, i);

      if (g_strcmp0 (json_object_get_string_member (template, "id"), template_id) == 0)
        return template;
    }
  return NULL;
}

GStrv
alcove_client_import_dup_template_ids (void)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  JsonArray *all = templates ();

  for (guint i = 0; i < json_array_get_length (all); i++)
    g_strv_builder_add (ids, json_object_get_string_member (json_array_get_object_element (all, i),
                                                            "id"));
  return g_strv_builder_end (ids);
}

const char *
alcove_client_import_get_template_name (const char *template_id)
{
  JsonObject *template = find_template (template_id);

  return template != NULL ? _(json_object_get_string_member (template, "name")) : NULL;
}

/* "Legal First-Name " and "legal first name" are the same header */
static char *
normalize_header (const char *header)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);
  GString *plain = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      g_string_append_unichar (plain, g_utf8_get_char (p));
  return g_string_free (plain, FALSE);
}

static int
find_column (AlcoveCsv  *csv,
             const char *header)
{
  g_autofree char *wanted = normalize_header (header);

  for (guint c = 0; c < alcove_csv_get_n_columns (csv); c++)
    {
      g_autofree char *have = normalize_header (alcove_csv_get_header (csv, c));

      if (have[0] != '\0' && g_str_equal (have, wanted))
        return (int) c;
    }
  return ALCOVE_IMPORT_NO_COLUMN;
}

static void
clear_mapping (AlcoveClientMapping *mapping)
{
  for (guint i = 0; i < ALCOVE_IMPORT_N_FIELDS; i++)
    mapping->columns[i] = ALCOVE_IMPORT_NO_COLUMN;
}

static guint
count_mapped (const AlcoveClientMapping *mapping)
{
  guint n = 0;

  for (guint i = 0; i < ALCOVE_IMPORT_N_FIELDS; i++)
    n += mapping->columns[i] != ALCOVE_IMPORT_NO_COLUMN;
  return n;
}

static void
map_template (AlcoveCsv           *csv,
              JsonObject          *template,
              AlcoveClientMapping *mapping)
{
  JsonObject *columns = json_object_get_object_member (template, "columns");
  const char *order = json_object_get_string_member_with_default (template, "date_order", "mdy");

  clear_mapping (mapping);
  mapping->date_order = g_str_equal (order, "dmy") ? ALCOVE_DATE_ORDER_DMY : ALCOVE_DATE_ORDER_MDY;
  for (guint f = 0; f < ALCOVE_IMPORT_N_FIELDS; f++)
    {
      JsonArray *names = json_object_has_member (columns, field_ids[f])
                         ? json_object_get_array_member (columns, field_ids[f]) : NULL;

      for (guint n = 0; names != NULL && n < json_array_get_length (names); n++)
        {
          mapping->columns[f] = find_column (csv, json_array_get_string_element (names, n));
          if (mapping->columns[f] != ALCOVE_IMPORT_NO_COLUMN)
            break;
        }
    }
}

static void
map_common_headers (AlcoveCsv           *csv,
                    AlcoveClientMapping *mapping)
{
  for (guint i = 0; i < G_N_ELEMENTS (common_headers); i++)
    if (mapping->columns[common_headers[i].field] == ALCOVE_IMPORT_NO_COLUMN)
      mapping->columns[common_headers[i].field] = find_column (csv, common_headers[i].header);
}

/* The template that maps the most columns; the common headers fill what it leaves */
static void
guess_mapping (AlcoveClientImport *self)
{
  JsonArray *all = templates ();
  guint best = 0;

  clear_mapping (&self->mapping);
  self->mapping.date_order = ALCOVE_DATE_ORDER_MDY;
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *template = json_array_get_object_element (all, i);
      AlcoveClientMapping candidate;

      map_template (self->csv, template, &candidate);
      if (count_mapped (&candidate) > best)
        {
          best = count_mapped (&candidate);
          self->mapping = candidate;
          g_free (self->template_id);
          self->template_id = g_strdup (json_object_get_string_member (template, "id"));
        }
    }
  map_common_headers (self->csv, &self->mapping);
}

/* ---- the import object ---- */

AlcoveClientImport *
alcove_client_import_new (AlcoveCsv *csv)
{
  AlcoveClientImport *self = g_new0 (AlcoveClientImport, 1);

  g_return_val_if_fail (csv != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->csv = csv;
  guess_mapping (self);
  return self;
}

static void
clear_rows (AlcoveClientImport *self)
{
  self->generation++;
  if (self->rows == NULL)
    return;
  for (guint r = 0; r < alcove_csv_get_n_rows (self->csv); r++)
    {
      g_free (self->rows[r].reason);
      g_clear_object (&self->rows[r].client);
    }
  g_clear_pointer (&self->rows, g_free);
  memset (self->counts, 0, sizeof self->counts);
}

void
alcove_client_import_free (AlcoveClientImport *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  clear_rows (self);
  if (!self->is_shadow)
    g_clear_pointer (&self->csv, alcove_csv_free);
  g_free (self->template_id);
  g_free (self);
}

AlcoveCsv *
alcove_client_import_get_csv (AlcoveClientImport *self)
{
  return self->csv;
}

const char *
alcove_client_import_get_template (AlcoveClientImport *self)
{
  return self->template_id;
}

const AlcoveClientMapping *
alcove_client_import_get_mapping (AlcoveClientImport *self)
{
  return &self->mapping;
}

gboolean
alcove_client_import_apply_template (AlcoveClientImport  *self,
                                     const char          *template_id,
                                     GError             **error)
{
  JsonObject *template = find_template (template_id);

  if (template == NULL)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("There is no template “%s”"), template_id);
      return FALSE;
    }
  map_template (self->csv, template, &self->mapping);
  g_free (self->template_id);
  self->template_id = g_strdup (template_id);
  clear_rows (self);
  return TRUE;
}

void
alcove_client_import_set_column (AlcoveClientImport *self,
                                 AlcoveImportField   field,
                                 int                 column)
{
  g_return_if_fail (field < ALCOVE_IMPORT_N_FIELDS);
  g_return_if_fail (column == ALCOVE_IMPORT_NO_COLUMN ||
                    (column >= 0 && (guint) column < alcove_csv_get_n_columns (self->csv)));

  if (self->mapping.columns[field] == column)
    return;
  self->mapping.columns[field] = column;
  /* the columns are now the person's choice, no longer the template's */
  g_clear_pointer (&self->template_id, g_free);
  clear_rows (self);
}

void
alcove_client_import_set_date_order (AlcoveClientImport *self,
                                     AlcoveDateOrder     order)
{
  self->mapping.date_order = order;
  clear_rows (self);
}

/* ---- remembering a mapping ---- */

char *
alcove_client_import_dup_settings_key (AlcoveClientImport *self)
{
  g_autoptr(GString) headers = g_string_new (NULL);
  g_autofree char *digest = NULL;

  for (guint c = 0; c < alcove_csv_get_n_columns (self->csv); c++)
    {
      g_autofree char *header = normalize_header (alcove_csv_get_header (self->csv, c));

      g_string_append_printf (headers, "%s\x1f", header);
    }
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, headers->str, headers->len);
  digest[16] = '\0';
  return g_strconcat (SETTINGS_PREFIX, digest, NULL);
}

/* "first_name=0;last_name=1;date_order=dmy": column numbers, no header text (a header may be
 * anything the other system wrote, and settings are no place for guessing) */
char *
alcove_client_import_dup_mapping_text (AlcoveClientImport *self)
{
  GString *text = g_string_new (NULL);

  for (guint f = 0; f < ALCOVE_IMPORT_N_FIELDS; f++)
    if (self->mapping.columns[f] != ALCOVE_IMPORT_NO_COLUMN)
      g_string_append_printf (text, "%s=%d;", field_ids[f], self->mapping.columns[f]);
  g_string_append (text, self->mapping.date_order == ALCOVE_DATE_ORDER_DMY ? "date_order=dmy"
                                                                           : "date_order=mdy");
  return g_string_free (text, FALSE);
}

gboolean
alcove_client_import_load_mapping_text (AlcoveClientImport *self,
                                        const char         *text)
{
  g_auto(GStrv) pairs = g_strsplit (text != NULL ? text : "", ";", -1);
  AlcoveClientMapping mapping;

  clear_mapping (&mapping);
  mapping.date_order = ALCOVE_DATE_ORDER_MDY;
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (pairs[i], "=", 2);
      AlcoveImportField field;
      guint64 column;

      if (g_strv_length (pair) != 2)
        return FALSE;
      if (g_str_equal (pair[0], "date_order"))
        mapping.date_order = g_str_equal (pair[1], "dmy") ? ALCOVE_DATE_ORDER_DMY
                                                          : ALCOVE_DATE_ORDER_MDY;
      else if (!alcove_import_field_from_string (pair[0], &field) ||
               !g_ascii_string_to_unsigned (pair[1], 10, 0,
                                            alcove_csv_get_n_columns (self->csv) - 1,
                                            &column, NULL))
        return FALSE;
      else
        mapping.columns[field] = (int) column;
    }
  self->mapping = mapping;
  g_clear_pointer (&self->template_id, g_free);
  clear_rows (self);
  return TRUE;
}

/* ---- judging rows ---- */

static const char *
cell (AlcoveClientImport *self,
      guint               row,
      AlcoveImportField   field)
{
  int column = self->mapping.columns[field];

  return column == ALCOVE_IMPORT_NO_COLUMN ? "" : alcove_csv_get_cell (self->csv, row, column);
}

static char *
trimmed_cell (AlcoveClientImport *self,
              guint               row,
              AlcoveImportField   field)
{
  return g_strstrip (g_strdup (cell (self, row, field)));
}

/* A phone number may start with "+" (and a digit); nothing else may start like a formula */
static gboolean
looks_like_formula (AlcoveImportField  field,
                    const char        *text)
{
  if (text[0] == '+' && field == ALCOVE_IMPORT_FIELD_PHONE)
    return !g_ascii_isdigit (text[1]) && text[1] != ' ' && text[1] != '(';
  return text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
         text[0] == '\t' || text[0] == '\r';
}

static char *
formula_reason (AlcoveClientImport *self,
                guint               row)
{
  for (guint f = 0; f < ALCOVE_IMPORT_N_FIELDS; f++)
    {
      const char *text = cell (self, row, f);

      if (looks_like_formula (f, text))
        return g_strdup_printf (_("The “%s” cell starts like a spreadsheet formula "
                                  "(“=”, “+”, “-” or “@”); correct it in the list"),
                                alcove_csv_get_header (self->csv, self->mapping.columns[f]));
    }
  return NULL;
}

static char *
legal_name_of (AlcoveClientImport *self,
               guint               row)
{
  g_autofree char *whole = trimmed_cell (self, row, ALCOVE_IMPORT_FIELD_LEGAL_NAME);
  g_autoptr(GStrvBuilder) parts = NULL;
  g_auto(GStrv) words = NULL;

  if (whole[0] != '\0')
    return g_steal_pointer (&whole);
  parts = g_strv_builder_new ();
  for (AlcoveImportField f = ALCOVE_IMPORT_FIELD_FIRST_NAME; f <= ALCOVE_IMPORT_FIELD_LAST_NAME; f++)
    {
      g_autofree char *part = trimmed_cell (self, row, f);

      if (part[0] != '\0')
        g_strv_builder_add (parts, part);
    }
  words = g_strv_builder_end (parts);
  return g_strjoinv (" ", words);
}

static gboolean
number_part (const char *text,
             guint       max,
             guint      *value)
{
  guint64 parsed;

  if (!g_ascii_string_to_unsigned (text, 10, 1, max, &parsed, NULL))
    return FALSE;
  *value = (guint) parsed;
  return TRUE;
}

/* "1988-04-12", "1988/4/12", or by the list's order "04/12/1988" / "12.04.1988". A year of
 * two figures is refused: for a birth date 1924 and 2024 are both possible. */
static char *
parse_birth_date (const char       *text,
                  AlcoveDateOrder   order,
                  GError          **error)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[-/.]", text, 0, 0);
  guint day, month, year, first, second;
  GDate date;
  g_autofree char *today = alcove_date_today_iso ();
  char *iso;

  if (g_strv_length (parts) != 3 || !number_part (parts[0], 9999, &first) ||
      !number_part (parts[1], 9999, &second) || !number_part (parts[2], 9999, &year))
    goto invalid;
  if (strlen (parts[0]) == 4)
    year = first, month = second, day = (guint) g_ascii_strtoull (parts[2], NULL, 10);
  else if (strlen (parts[2]) != 4)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("The birth date “%s” needs a year of four figures"), text);
      return NULL;
    }
  else if (order == ALCOVE_DATE_ORDER_DMY)
    day = first, month = second;
  else
    month = first, day = second;
  if (!g_date_valid_dmy (day, month, year))
    goto invalid;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  iso = alcove_date_to_iso (&date);
  if (g_strcmp0 (iso, today) > 0)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("The birth date “%s” is in the future"), text);
      g_free (iso);
      return NULL;
    }
  return iso;

invalid:
  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
               _("“%s” is not a date Alcove can read (write it as 1988-04-12)"), text);
  return NULL;
}

static gboolean
parse_status (const char         *text,
              AlcoveClientStatus *status)
{
  static const char * const active[] = { "", "active", "current", "open", "prospective", "no",
                                         "false", NULL };
  static const char * const discharged[] = { "inactive", "archived", "discharged", "closed",
                                             "former", "yes", "true", NULL };
  g_autofree char *folded = g_ascii_strdown (text, -1);

  if (g_strv_contains (active, folded))
    *status = ALCOVE_CLIENT_ACTIVE;
  else if (g_strv_contains (discharged, folded))
    *status = ALCOVE_CLIENT_DISCHARGED;
  else
    return FALSE;
  return TRUE;
}

static void
set_optional_fields (AlcoveClientImport *self,
                     guint               row,
                     AlcoveClient       *client)
{
  static const struct { AlcoveImportField from; AlcoveClientField to; } fields[] = {
    { ALCOVE_IMPORT_FIELD_PRONOUNS, ALCOVE_CLIENT_PRONOUNS },
    { ALCOVE_IMPORT_FIELD_EMAIL, ALCOVE_CLIENT_EMAIL },
    { ALCOVE_IMPORT_FIELD_PHONE, ALCOVE_CLIENT_PHONE },
    { ALCOVE_IMPORT_FIELD_ADDRESS, ALCOVE_CLIENT_ADDRESS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = trimmed_cell (self, row, fields[i].from);

      alcove_client_set_field (client, fields[i].to, value);
    }
}

/* The client a row describes, or NULL and why not */
static AlcoveClient *
client_of_row (AlcoveClientImport  *self,
               guint                row,
               char               **reason)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autofree char *legal = legal_name_of (self, row);
  g_autofree char *preferred = trimmed_cell (self, row, ALCOVE_IMPORT_FIELD_PREFERRED_NAME);
  g_autofree char *born = trimmed_cell (self, row, ALCOVE_IMPORT_FIELD_DATE_OF_BIRTH);
  g_autofree char *status_text = trimmed_cell (self, row, ALCOVE_IMPORT_FIELD_STATUS);
  g_autofree char *iso = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveClientStatus status = ALCOVE_CLIENT_ACTIVE;
  guint n_cells = alcove_csv_get_n_cells (self->csv, row);

  if (n_cells > alcove_csv_get_n_columns (self->csv))
    *reason = g_strdup_printf (_("The row has %u cells, the header %u: a cell may hold an "
                                 "unquoted delimiter"),
                               n_cells, alcove_csv_get_n_columns (self->csv));
  else if ((*reason = formula_reason (self, row)) != NULL)
    ;
  else if (legal[0] == '\0')
    *reason = g_strdup (_("No name: the row’s name cells are empty"));
  else if (born[0] != '\0' && (iso = parse_birth_date (born, self->mapping.date_order, &error)) == NULL)
    *reason = g_strdup (error->message);
  else if (!parse_status (status_text, &status))
    *reason = g_strdup_printf (_("The status “%s” is neither active nor discharged"), status_text);
  if (*reason != NULL)
    return NULL;

  if (preferred[0] == '\0')
    {
      g_free (preferred);
      preferred = trimmed_cell (self, row, ALCOVE_IMPORT_FIELD_FIRST_NAME);
    }
  alcove_client_set_field (client, ALCOVE_CLIENT_LEGAL_NAME, legal);
  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, preferred[0] != '\0' ? preferred : legal);
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, iso != NULL ? iso : "");
  alcove_client_set_status (client, status);
  set_optional_fields (self, row, client);
  return g_steal_pointer (&client);
}

/* Legal name (case and spacing aside) and birth date: who a person is, for a duplicate */
static char *
identity_key (AlcoveClient *client)
{
  g_auto(GStrv) words = g_strsplit_set (alcove_client_get_field (client, ALCOVE_CLIENT_LEGAL_NAME),
                                        " \t", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_strv_builder_add (kept, words[i]);
  joined = g_strv_builder_end (kept);
  name = g_strjoinv (" ", joined);
  folded = g_utf8_casefold (name, -1);
  return g_strdup_printf ("%s\x1f%s", folded,
                          alcove_client_get_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH));
}

GStrv
alcove_client_import_dup_identities (AlcoveClientStore *clients)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  GListModel *model;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (clients), NULL);

  model = alcove_client_store_get_clients (clients);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcoveClient) client = g_list_model_get_item (model, i);
      g_autofree char *key = NULL;

      if (alcove_client_get_record_type (client) != ALCOVE_RECORD_INDIVIDUAL)
        continue;
      key = identity_key (client);
      g_strv_builder_add (keys, key);
    }
  return g_strv_builder_end (keys);
}

/* identity key → the line it was first seen on (0: a client already in the vault) */
static GHashTable *
known_identities (const char * const *identities)
{
  GHashTable *known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; identities != NULL && identities[i] != NULL; i++)
    g_hash_table_insert (known, g_strdup (identities[i]), GUINT_TO_POINTER (0));
  return known;
}

static void
judge_duplicate (AlcoveClientImport *self,
                 GHashTable         *known,
                 guint               row)
{
  Row *judged = &self->rows[row];
  g_autofree char *key = identity_key (judged->client);
  gpointer seen_on;

  if (!g_hash_table_lookup_extended (known, key, NULL, &seen_on))
    {
      g_hash_table_insert (known, g_steal_pointer (&key),
                           GUINT_TO_POINTER (alcove_csv_get_line (self->csv, row)));
      judged->kind = ALCOVE_IMPORT_ROW_NEW;
      return;
    }
  judged->kind = ALCOVE_IMPORT_ROW_DUPLICATE;
  if (GPOINTER_TO_UINT (seen_on) == 0)
    judged->reason = g_strdup (_("A client with this legal name and birth date is already in "
                                 "Alcove"));
  else
    judged->reason = g_strdup_printf (_("The same legal name and birth date as line %u"),
                                      GPOINTER_TO_UINT (seen_on));
}

static gboolean
classify_rows (AlcoveClientImport  *self,
               const char * const  *identities,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(GHashTable) known = NULL;
  guint n_rows = alcove_csv_get_n_rows (self->csv);

  if (self->mapping.columns[ALCOVE_IMPORT_FIELD_LEGAL_NAME] == ALCOVE_IMPORT_NO_COLUMN &&
      self->mapping.columns[ALCOVE_IMPORT_FIELD_LAST_NAME] == ALCOVE_IMPORT_NO_COLUMN &&
      self->mapping.columns[ALCOVE_IMPORT_FIELD_FIRST_NAME] == ALCOVE_IMPORT_NO_COLUMN)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("No column holds a name: choose the column of the legal name, or "
                             "of the first and last names"));
      return FALSE;
    }
  clear_rows (self);
  self->rows = g_new0 (Row, MAX (n_rows, 1));
  known = known_identities (identities);
  for (guint r = 0; r < n_rows; r++)
    {
      Row *judged = &self->rows[r];

      /* a worker whose mapping was changed again stops early */
      if (r % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      judged->client = client_of_row (self, r, &judged->reason);
      if (judged->client == NULL)
        judged->kind = ALCOVE_IMPORT_ROW_INVALID;
      else
        judge_duplicate (self, known, r);
      self->counts[judged->kind]++;
    }
  return TRUE;
}

gboolean
alcove_client_import_classify_against (AlcoveClientImport  *self,
                                       const char * const  *identities,
                                       GError             **error)
{
  return classify_rows (self, identities, NULL, error);
}

gboolean
alcove_client_import_classify (AlcoveClientImport  *self,
                               AlcoveClientStore   *clients,
                               GError             **error)
{
  g_auto(GStrv) identities = clients != NULL ? alcove_client_import_dup_identities (clients)
                                             : NULL;

  return alcove_client_import_classify_against (self, (const char * const *) identities, error);
}

/* ---- judging on a worker ---- */

typedef struct
{
  AlcoveClientImport *import;      /* kept alive while the worker reads its list */
  AlcoveClientImport *shadow;      /* the mapping as it was asked for, and the worker's rows */
  guint               generation;
  GStrv               identities;
} Judging;

static void
judging_free (Judging *judging)
{
  alcove_client_import_free (judging->shadow);
  alcove_client_import_free (judging->import);
  g_strfreev (judging->identities);
  g_free (judging);
}

static void
classify_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Judging *judging = task_data;
  GError *error = NULL;

  if (!classify_rows (judging->shadow, (const char * const *) judging->identities, cancellable,
                      &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
alcove_client_import_classify_async (AlcoveClientImport  *self,
                                     const char * const  *identities,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Judging *judging = g_new0 (Judging, 1);

  g_return_if_fail (self != NULL);

  judging->import = self;
  g_atomic_ref_count_inc (&self->ref_count);
  judging->shadow = g_new0 (AlcoveClientImport, 1);
  g_atomic_ref_count_init (&judging->shadow->ref_count);
  judging->shadow->is_shadow = TRUE;
  judging->shadow->csv = self->csv;   /* only ever read, by both threads */
  judging->shadow->mapping = self->mapping;
  judging->generation = self->generation;
  judging->identities = g_strdupv ((char **) identities);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_client_import_classify_async);
  g_task_set_task_data (task, judging, (GDestroyNotify) judging_free);
  g_task_run_in_thread (task, classify_thread);
}

gboolean
alcove_client_import_classify_finish (AlcoveClientImport  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  Judging *judging;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  judging = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (judging->import != self || judging->generation != self->generation)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "The mapping changed while the rows were judged");
      return FALSE;
    }
  clear_rows (self);
  self->rows = g_steal_pointer (&judging->shadow->rows);
  memcpy (self->counts, judging->shadow->counts, sizeof self->counts);
  return TRUE;
}

/* ---- loading on a worker ---- */

static GBytes *
read_list (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, error);
  char *contents = NULL;
  gsize length = 0;

  if (info == NULL)
    return NULL;
  /* refused before it is read: a wrong file chosen may be huge */
  if (g_file_info_get_size (info) > ALCOVE_CSV_MAX_BYTES)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("The file is larger than 64 MB: split it into smaller lists"));
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  const char * const *identities = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AlcoveClientImport) import = NULL;
  AlcoveCsv *csv;
  GError *error = NULL;

  if ((bytes = read_list (file, cancellable, &error)) == NULL ||
      (csv = alcove_csv_parse (bytes, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  import = alcove_client_import_new (csv);
  if (g_task_return_error_if_cancelled (task))
    return;
  /* a list whose names were not found is still shown, for the person to map it */
  alcove_client_import_classify_against (import, identities, NULL);
  g_task_return_pointer (task, g_steal_pointer (&import),
                         (GDestroyNotify) alcove_client_import_free);
}

void
alcove_client_import_load_async (GFile               *file,
                                 const char * const  *identities,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_client_import_load_async);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_set_task_data (task, g_strdupv ((char **) identities), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, load_thread);
}

AlcoveClientImport *
alcove_client_import_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
alcove_client_import_count (AlcoveClientImport  *self,
                            AlcoveImportRowKind  kind)
{
  g_return_val_if_fail (kind <= ALCOVE_IMPORT_ROW_INVALID, 0);
  return self->counts[kind];
}

static Row *
classified_row (AlcoveClientImport *self,
                guint               row)
{
  g_return_val_if_fail (self->rows != NULL, NULL);
  g_return_val_if_fail (row < alcove_csv_get_n_rows (self->csv), NULL);
  return &self->rows[row];
}

AlcoveImportRowKind
alcove_client_import_get_kind (AlcoveClientImport *self,
                               guint               row)
{
  Row *judged = classified_row (self, row);

  return judged != NULL ? judged->kind : ALCOVE_IMPORT_ROW_INVALID;
}

const char *
alcove_client_import_get_reason (AlcoveClientImport *self,
                                 guint               row)
{
  Row *judged = classified_row (self, row);

  return judged != NULL ? judged->reason : NULL;
}

gboolean
alcove_client_import_is_judged (AlcoveClientImport *self)
{
  return self->rows != NULL;
}

AlcoveClient *
alcove_client_import_get_client (AlcoveClientImport *self,
                                 guint               row)
{
  Row *judged = classified_row (self, row);

  return judged != NULL ? judged->client : NULL;
}

const char *
alcove_client_import_get_cell (AlcoveClientImport *self,
                               guint               row,
                               AlcoveImportField   field)
{
  g_return_val_if_fail (row < alcove_csv_get_n_rows (self->csv), "");
  g_return_val_if_fail (field < ALCOVE_IMPORT_N_FIELDS, "");
  return cell (self, row, field);
}

char *
alcove_client_import_dup_legal_name (AlcoveClientImport *self,
                                     guint               row)
{
  g_return_val_if_fail (row < alcove_csv_get_n_rows (self->csv), g_strdup (""));
  return legal_name_of (self, row);
}
