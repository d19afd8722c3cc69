/* alcove-diagnosis-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-diagnoses"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "alcove-data.h"
#include "alcove-diagnosis-catalog.h"

/* The codes of outpatient mental health (F01-F99, Z55-Z65, Z69-Z71), their CMS descriptors
 * verbatim from the ICD-10-CM order file (data/diagnoses/README says which release and how
 * it was extracted). Descriptors are never translated: they are the code's legal text. */

GResource *alcove_diagnoses_get_resource (void);

#define CATALOG_PATH "/io/github/alcove_notes/Alcove/diagnoses/icd10cm-outpatient-mh.json"

typedef struct
{
  char      *release;
  GPtrArray *codes;     /* AlcoveDiagnosisCode, in tabular order */
  GPtrArray *folded;    /* char*: code without dot + descriptors, case-folded, per code */
} Catalog;

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT);

  return g_utf8_casefold (normal ? normal : "", -1);
}

static char *
search_text (const AlcoveDiagnosisCode *code)
{
  g_autoptr(GString) text = g_string_new (code->code);

  g_string_replace (text, ".", "", 0);
  g_string_append_printf (text, " %s %s", code->short_text, code->long_text);
  return fold (text->str);
}

static void
add_code (Catalog    *catalog,
          JsonObject *object)
{
  const char *code = alcove_data_member_string (object, "code");
  const char *short_text = alcove_data_member_string (object, "short");
  const char *long_text = alcove_data_member_string (object, "long");
  JsonNode *billable = object ? json_object_get_member (object, "billable") : NULL;
  AlcoveDiagnosisCode *entry;

  if (code == NULL || short_text == NULL || long_text == NULL || billable == NULL ||
      json_node_get_value_type (billable) != G_TYPE_BOOLEAN)
    {
      g_critical ("A diagnosis code of the shipped catalog is damaged and left out");
      return;
    }
  entry = g_new0 (AlcoveDiagnosisCode, 1);
  entry->code = g_strdup (code);
  entry->short_text = g_strdup (short_text);
  entry->long_text = g_strdup (long_text);
  entry->billable = json_node_get_boolean (billable);
  g_ptr_array_add (catalog->codes, entry);
  g_ptr_array_add (catalog->folded, search_text (entry));
}

static Catalog *
load_catalog (void)
{
  Catalog *catalog = g_new0 (Catalog, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = NULL;
  JsonArray *codes;

  catalog->codes = g_ptr_array_new ();
  catalog->folded = g_ptr_array_new ();
  parser = alcove_data_load_file (alcove_diagnoses_get_resource (), CATALOG_PATH, &root, &error);
  if (parser == NULL || root == NULL)
    {
      g_critical ("The diagnosis catalog cannot be read: %s", error ? error->message : "not an object");
      catalog->release = g_strdup ("");
      return catalog;
    }
  catalog->release = g_strdup (alcove_data_member_string (root, "release"));
  codes = alcove_data_member_array (root, "codes");
  for (guint i = 0; codes != NULL && i < json_array_get_length (codes); i++)
    add_code (catalog, alcove_data_element_object (codes, i));
  return catalog;
}

static Catalog *
get_catalog (void)
{
  static Catalog *catalog;

  if (g_once_init_enter (&catalog))
    g_once_init_leave (&catalog, load_catalog ());
  return catalog;
}

const char *
alcove_diagnosis_catalog_get_release (void)
{
  return get_catalog ()->release ? get_catalog ()->release : "";
}

gboolean
alcove_diagnosis_code_is_valid (const char *code)
{
  return code != NULL &&
         g_regex_match_simple ("^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$", code, 0, 0);
}

char *
alcove_diagnosis_code_normalize (const char *code)
{
  g_autoptr(GString) text = NULL;

  if (code == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (const char *c = code; *c != '\0'; c++)
    if (g_ascii_isalnum (*c))
      g_string_append_c (text, g_ascii_toupper (*c));
    else if (*c != '.' && !g_ascii_isspace (*c))
      return NULL;
  if (text->len > 3)
    g_string_insert_c (text, 3, '.');
  if (!alcove_diagnosis_code_is_valid (text->str))
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const AlcoveDiagnosisCode *
alcove_diagnosis_catalog_lookup (const char *code)
{
  Catalog *catalog = get_catalog ();
  g_autofree char *normal = alcove_diagnosis_code_normalize (code);

  for (guint i = 0; normal != NULL && i < catalog->codes->len; i++)
    {
      AlcoveDiagnosisCode *entry = g_ptr_array_index (catalog->codes, i);

      if (g_str_equal (entry->code, normal))
        return entry;
    }
  return NULL;
}

/* Every word of the query starts a word (or the code) of the entry */
static gboolean
matches (const char *folded,
         GStrv       words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *at = folded;
      gboolean found = FALSE;

      while (!found && (at = strstr (at, words[i])) != NULL)
        {
          found = at == folded || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (at)));
          at++;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static GStrv
query_words (const char *query)
{
  g_autoptr(GString) text = g_string_new (query);
  g_autofree char *folded = NULL;

  g_string_replace (text, ".", "", 0);
  folded = fold (text->str);
  return g_strsplit_set (g_strstrip (folded), " \t,;", -1);
}

static void
drop_empty (GStrv words)
{
  guint kept = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      words[kept++] = words[i];
    else
      g_free (words[i]);
  words[kept] = NULL;
}

GPtrArray *
alcove_diagnosis_catalog_search (const char *query,
                                 guint       limit)
{
  Catalog *catalog = get_catalog ();
  g_auto(GStrv) words = query_words (query ? query : "");
  g_autoptr(GPtrArray) billable = g_ptr_array_new ();
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();

  drop_empty (words);
  if (words[0] == NULL)
    return g_ptr_array_new ();
  for (guint i = 0; i < catalog->codes->len && billable->len < limit; i++)
    if (matches (g_ptr_array_index (catalog->folded, i), words))
      {
        AlcoveDiagnosisCode *entry = g_ptr_array_index (catalog->codes, i);

        g_ptr_array_add (entry->billable ? billable : headers, entry);
      }
  for (guint i = 0; i < headers->len && billable->len < limit; i++)
    g_ptr_array_add (billable, g_ptr_array_index (headers, i));
  return g_steal_pointer (&billable);
}

/* Whether search() would find a code with these words (a code Alcove does not ship has the
 * words its clinician typed) */
gboolean
alcove_diagnosis_catalog_matches (const char *query,
                                  const char *code,
                                  const char *words)
{
  g_auto(GStrv) query_parts = query_words (query ? query : "");
  g_autoptr(GString) text = g_string_new (code ? code : "");
  g_autofree char *folded = NULL;

  drop_empty (query_parts);
  if (query_parts[0] == NULL)
    return FALSE;
  g_string_replace (text, ".", "", 0);
  g_string_append_printf (text, " %s", words ? words : "");
  folded = fold (text->str);
  return matches (folded, query_parts);
}
