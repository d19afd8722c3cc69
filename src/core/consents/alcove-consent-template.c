/* alcove-consent-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-consent-template"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-consent.h"
#include "alcove-consent-template.h"
#include "alcove-data.h"
#include "alcove-data-text.h"
#include "alcove-error.h"

/* Consent kinds are data: data/consents/<kind>.json, compiled into the core library as the
 * alcove-consents resource. Jurisdictions word consents differently, so every title, hint
 * and statement lives there and passes through gettext at load; code knows only the ids. */

GResource *alcove_consents_get_resource (void);

#define CONSENTS_PATH "/io/github/alcove_notes/Alcove/consents/"

struct _AlcoveConsentTemplate
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char      *description;
  char      *jurisdiction;  /* NULL: worded for every law */
  gboolean   requires_document;
  gboolean   minor_needs_guardian;
  GPtrArray *fields;      /* AlcoveConsentTemplateField */
  GPtrArray *statements;  /* AlcoveConsentStatement */
};

G_DEFINE_FINAL_TYPE (AlcoveConsentTemplate, alcove_consent_template, G_TYPE_OBJECT)

static const struct
{
  const char             *name;
  AlcoveConsentFieldType  type;
} field_types[] = {
  { "text", ALCOVE_CONSENT_FIELD_TEXT },
  { "multiline", ALCOVE_CONSENT_FIELD_MULTILINE },
  { "date", ALCOVE_CONSENT_FIELD_DATE },
  { "choice", ALCOVE_CONSENT_FIELD_CHOICE },
  { "multi-choice", ALCOVE_CONSENT_FIELD_MULTI_CHOICE },
};

static void
option_free (gpointer data)
{
  AlcoveConsentOption *option = data;

  g_free (option->id);
  g_free (option->title);
  g_free (option);
}

static void
field_free (gpointer data)
{
  AlcoveConsentTemplateField *field = data;

  g_free (field->key);
  g_free (field->title);
  g_free (field->hint);
  g_ptr_array_unref (field->options);
  g_free (field);
}

static void
statement_free (gpointer data)
{
  AlcoveConsentStatement *statement = data;

  g_free (statement->key);
  g_free (statement->text);
  g_free (statement);
}

static void
alcove_consent_template_finalize (GObject *object)
{
  AlcoveConsentTemplate *self = ALCOVE_CONSENT_TEMPLATE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->jurisdiction);
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->statements);

  G_OBJECT_CLASS (alcove_consent_template_parent_class)->finalize (object);
}

static void
alcove_consent_template_class_init (AlcoveConsentTemplateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_consent_template_finalize;
}

static void
alcove_consent_template_init (AlcoveConsentTemplate *self)
{
  self->fields = g_ptr_array_new_with_free_func (field_free);
  self->statements = g_ptr_array_new_with_free_func (statement_free);
}

/* What is wrong, after the template it is wrong in */
static gboolean
fail (GError     **error,
      const char  *template_id,
      const char  *what)
{
  return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID, "consent template %s: %s",
                             template_id, what);
}

static gboolean
parse_options (AlcoveConsentTemplateField  *field,
               JsonObject                  *object,
               const char                  *template_id,
               GError                     **error)
{
  JsonArray *options = alcove_data_member_array (object, "options");

  if (field->type != ALCOVE_CONSENT_FIELD_CHOICE &&
      field->type != ALCOVE_CONSENT_FIELD_MULTI_CHOICE)
    return TRUE;
  if (options == NULL || json_array_get_length (options) == 0)
    return fail (error, template_id, "a choice field needs \"options\"");
  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      JsonObject *item = alcove_data_element_object (options, i);
      const char *id = alcove_data_member_string (item, "id");
      const char *title = alcove_data_member_string (item, "title");
      AlcoveConsentOption *option;

      if (id == NULL || *id == '\0' || strchr (id, ';') != NULL || title == NULL ||
          alcove_consent_field_option_title (field, id) != NULL)
        return fail (error, template_id, "each option needs a unique \"id\" (no ';') and a"
                                         " \"title\"");
      option = g_new0 (AlcoveConsentOption, 1);
      option->id = g_strdup (id);
      option->title = g_strdup (alcove_data_text (title));
      g_ptr_array_add (field->options, option);
    }
  return TRUE;
}

static gboolean
parse_field (AlcoveConsentTemplate  *self,
             JsonObject             *object,
             GError                **error)
{
  const char *key = alcove_data_member_string (object, "key");
  const char *title = alcove_data_member_string (object, "title");
  const char *type = alcove_data_member_string (object, "type");
  AlcoveConsentTemplateField *field;
  gboolean known_type = FALSE;

  if (key == NULL || *key == '\0' || title == NULL || type == NULL ||
      g_str_has_prefix (key, ALCOVE_CONSENT_STATEMENT_PREFIX) ||
      alcove_consent_template_find_field (self, key) != NULL)
    return fail (error, self->id, "each field needs a unique \"key\", a \"title\" and a"
                                  " \"type\"");
  field = g_new0 (AlcoveConsentTemplateField, 1);
  field->options = g_ptr_array_new_with_free_func (option_free);
  for (guint i = 0; i < G_N_ELEMENTS (field_types); i++)
    if (g_str_equal (type, field_types[i].name))
      {
        field->type = field_types[i].type;
        known_type = TRUE;
      }
  if (!known_type)
    {
      field_free (field);
      return fail (error, self->id, "a field's \"type\" is text, multiline, date, choice or"
                                    " multi-choice");
    }
  field->key = g_strdup (key);
  field->title = g_strdup (alcove_data_text (title));
  field->hint = g_strdup (alcove_data_text (alcove_data_member_string (object, "hint")));
  field->required = json_object_get_boolean_member_with_default (object, "required", FALSE);
  g_ptr_array_add (self->fields, field);
  return parse_options (field, object, self->id, error);
}

static gboolean
parse_statement (AlcoveConsentTemplate  *self,
                 JsonObject             *object,
                 GError                **error)
{
  const char *key = alcove_data_member_string (object, "key");
  const char *text = alcove_data_member_string (object, "text");
  AlcoveConsentStatement *statement;

  if (key == NULL || *key == '\0' || text == NULL || *text == '\0')
    return fail (error, self->id, "each statement needs a \"key\" and a \"text\"");
  for (guint i = 0; i < self->statements->len; i++)
    if (g_str_equal (((AlcoveConsentStatement *) g_ptr_array_index (self->statements, i))->key,
                     key))
      return fail (error, self->id, "statement keys must be unique");
  statement = g_new0 (AlcoveConsentStatement, 1);
  statement->key = g_strdup (key);
  statement->text = g_strdup (alcove_data_text (text));
  g_ptr_array_add (self->statements, statement);
  return TRUE;
}

AlcoveConsentTemplate *
alcove_consent_template_new_from_data (GBytes  *json,
                                       GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AlcoveConsentTemplate) self = g_object_new (ALCOVE_TYPE_CONSENT_TEMPLATE, NULL);
  JsonObject *root;
  JsonArray *fields, *statements;

  if (!alcove_data_parse (parser, json, &root, error))
    return NULL;
  fields = alcove_data_member_array (root, "fields");
  statements = alcove_data_member_array (root, "statements");
  if (alcove_data_member_string (root, "id") == NULL ||
      alcove_data_member_string (root, "name") == NULL || fields == NULL || statements == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           "a consent template needs \"id\", \"name\", a \"fields\" array and a"
                           " \"statements\" array");
      return NULL;
    }
  self->id = g_strdup (alcove_data_member_string (root, "id"));
  self->name = g_strdup (alcove_data_text (alcove_data_member_string (root, "name")));
  self->description = g_strdup (alcove_data_text (alcove_data_member_string (root,
                                                                             "description")));
  self->jurisdiction = g_strdup (alcove_data_member_string (root, "jurisdiction"));
  self->requires_document =
    json_object_get_boolean_member_with_default (root, "requires_document", FALSE);
  self->minor_needs_guardian =
    json_object_get_boolean_member_with_default (root, "minor_needs_guardian", FALSE);
  for (guint i = 0; i < json_array_get_length (fields); i++)
    if (!parse_field (self, alcove_data_element_object (fields, i), error))
      return NULL;
  for (guint i = 0; i < json_array_get_length (statements); i++)
    if (!parse_statement (self, alcove_data_element_object (statements, i), error))
      return NULL;
  return g_steal_pointer (&self);
}

static const char *
template_id (gpointer item)
{
  return ALCOVE_CONSENT_TEMPLATE (item)->id;
}

static GListStore *
load_templates (void)
{
  /* The order of the issue: intake first, then authorizations, then the rest; unknown kinds
   * (a jurisdiction's addition) after them by id. */
  static const char * const order[] = {
    ALCOVE_CONSENT_KIND_INTAKE, ALCOVE_CONSENT_KIND_RELEASE, ALCOVE_CONSENT_KIND_PSYCHOTHERAPY,
    ALCOVE_CONSENT_KIND_RECORDING, ALCOVE_CONSENT_KIND_AI_TOOLS, ALCOVE_CONSENT_KIND_GROUP,
    ALCOVE_CONSENT_KIND_COUPLE_FAMILY, ALCOVE_CONSENT_KIND_MINOR, NULL
  };

  return alcove_data_load_folder (alcove_consents_get_resource (), CONSENTS_PATH,
                                  ALCOVE_TYPE_CONSENT_TEMPLATE,
                                  (AlcoveDataParseFunc) alcove_consent_template_new_from_data,
                                  template_id, order, "Consent template");
}

/* Every kind, in the order to offer them; owned by the library, do not unref */
GListModel *
alcove_consent_template_list_all (void)
{
  static GListStore *templates;

  if (g_once_init_enter (&templates))
    g_once_init_leave (&templates, load_templates ());
  return G_LIST_MODEL (templates);
}

GListModel *
alcove_consent_template_list_for (AlcoveJurisdiction jurisdiction)
{
  GListModel *all = alcove_consent_template_list_all ();
  GListStore *offered = g_list_store_new (ALCOVE_TYPE_CONSENT_TEMPLATE);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveConsentTemplate) template = g_list_model_get_item (all, i);

      if (alcove_jurisdiction_covers (jurisdiction, template->jurisdiction))
        g_list_store_append (offered, template);
    }
  return G_LIST_MODEL (offered);
}

/* Transfer none; NULL when no kind has that id */
AlcoveConsentTemplate *
alcove_consent_template_lookup (const char *id)
{
  GListModel *all = alcove_consent_template_list_all ();

  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveConsentTemplate) template = g_list_model_get_item (all, i);

      if (g_str_equal (template->id, id))
        return template;  /* the list keeps it alive */
    }
  return NULL;
}

/* The kind's name for people, or the id itself for a kind this build does not know */
const char *
alcove_consent_kind_get_name (const char *kind)
{
  AlcoveConsentTemplate *template = kind ? alcove_consent_template_lookup (kind) : NULL;

  return template ? template->name : kind;
}

const char *
alcove_consent_template_get_id (AlcoveConsentTemplate *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_TEMPLATE (self), NULL);
  return self->id;
}

const char *
alcove_consent_template_get_name (AlcoveConsentTemplate *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_TEMPLATE (self), NULL);
  return self->name;
}

const char *
alcove_consent_template_get_description (AlcoveConsentTemplate *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_TEMPLATE (self), NULL);
  return self->description;
}

gboolean
alcove_consent_template_get_requires_document (AlcoveConsentTemplate *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_TEMPLATE (self), FALSE);
  return self->requires_document;
}

gboolean
alcove_consent_template_get_minor_needs_guardian (AlcoveConsentTemplate *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_TEMPLATE (self), FALSE);
  return self->minor_needs_guardian;
}

/* An authorization to disclose: it needs an expiry date or event, and the disclosure log
 * checks requests against it. */
gboolean
alcove_consent_template_is_authorization (AlcoveConsentTemplate *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_TEMPLATE (self), FALSE);
  return g_str_equal (self->id, ALCOVE_CONSENT_KIND_RELEASE) ||
         g_str_equal (self->id, ALCOVE_CONSENT_KIND_PSYCHOTHERAPY);
}

guint
alcove_consent_template_get_n_fields (AlcoveConsentTemplate *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_TEMPLATE (self), 0);
  return self->fields->len;
}

const AlcoveConsentTemplateField *
alcove_consent_template_get_field (AlcoveConsentTemplate *self,
                                   guint                  index)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_TEMPLATE (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);
  return g_ptr_array_index (self->fields, index);
}

const AlcoveConsentTemplateField *
alcove_consent_template_find_field (AlcoveConsentTemplate *self,
                                    const char            *key)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_TEMPLATE (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      AlcoveConsentTemplateField *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->key, key))
        return field;
    }
  return NULL;
}

guint
alcove_consent_template_get_n_statements (AlcoveConsentTemplate *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_TEMPLATE (self), 0);
  return self->statements->len;
}

const AlcoveConsentStatement *
alcove_consent_template_get_statement (AlcoveConsentTemplate *self,
                                       guint                  index)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_TEMPLATE (self), NULL);
  g_return_val_if_fail (index < self->statements->len, NULL);
  return g_ptr_array_index (self->statements, index);
}

/* NULL when the field has no option with that id */
const char *
alcove_consent_field_option_title (const AlcoveConsentTemplateField *field,
                                   const char                       *option_id)
{
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < field->options->len; i++)
    {
      AlcoveConsentOption *option = g_ptr_array_index (field->options, i);

      if (g_strcmp0 (option->id, option_id) == 0)
        return option->title;
    }
  return NULL;
}

/* "statement:<key>", the value that records the statement was explained and understood */
char *
alcove_consent_statement_value_key (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return g_strconcat (ALCOVE_CONSENT_STATEMENT_PREFIX, key, NULL);
}
