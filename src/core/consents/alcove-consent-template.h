/* alcove-consent-template.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-jurisdiction.h"

G_BEGIN_DECLS

/* An acknowledged statement is a value of the consent: "statement:<key>" = "yes". */
#define ALCOVE_CONSENT_STATEMENT_PREFIX "statement:"
#define ALCOVE_CONSENT_ACKNOWLEDGED     "yes"

typedef enum
{
  ALCOVE_CONSENT_FIELD_TEXT,
  ALCOVE_CONSENT_FIELD_MULTILINE,
  ALCOVE_CONSENT_FIELD_DATE,
  ALCOVE_CONSENT_FIELD_CHOICE,
  ALCOVE_CONSENT_FIELD_MULTI_CHOICE,  /* the value is ";"-separated option ids */
} AlcoveConsentFieldType;

typedef struct
{
  char *id;
  char *title;
} AlcoveConsentOption;

/* One field a kind asks for. hint says what to do when it is missing ("write who will
 * receive the information"); it is data, so a jurisdiction's wording may change it. */
typedef struct
{
  char                   *key;
  char                   *title;
  char                   *hint;
  AlcoveConsentFieldType  type;
  gboolean                required;
  GPtrArray              *options;  /* AlcoveConsentOption */
} AlcoveConsentTemplateField;

typedef struct
{
  char *key;
  char *text;
} AlcoveConsentStatement;

#define ALCOVE_TYPE_CONSENT_TEMPLATE (alcove_consent_template_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveConsentTemplate, alcove_consent_template, ALCOVE, CONSENT_TEMPLATE,
                      GObject)

GListModel            *alcove_consent_template_list_all        (void);
AlcoveConsentTemplate *alcove_consent_template_lookup          (const char             *id);
/* The kinds a practice under `jurisdiction` may record, in the order to offer them: those
 * worded for its law and those worded for every law (new list, to unref). Consents already
 * recorded keep their kind: look them up with _lookup. */
GListModel            *alcove_consent_template_list_for        (AlcoveJurisdiction      jurisdiction);
AlcoveConsentTemplate *alcove_consent_template_new_from_data   (GBytes                 *json,
                                                                GError                **error);
const char            *alcove_consent_template_get_id          (AlcoveConsentTemplate  *self);
const char            *alcove_consent_template_get_name        (AlcoveConsentTemplate  *self);
const char            *alcove_consent_template_get_description (AlcoveConsentTemplate  *self);
gboolean               alcove_consent_template_get_requires_document
                                                               (AlcoveConsentTemplate  *self);
gboolean               alcove_consent_template_get_minor_needs_guardian
                                                               (AlcoveConsentTemplate  *self);
gboolean               alcove_consent_template_is_authorization
                                                               (AlcoveConsentTemplate  *self);
guint                  alcove_consent_template_get_n_fields    (AlcoveConsentTemplate  *self);
const AlcoveConsentTemplateField *
                       alcove_consent_template_get_field       (AlcoveConsentTemplate  *self,
                                                                guint                   index);
const AlcoveConsentTemplateField *
                       alcove_consent_template_find_field      (AlcoveConsentTemplate  *self,
                                                                const char             *key);
guint                  alcove_consent_template_get_n_statements
                                                               (AlcoveConsentTemplate  *self);
const AlcoveConsentStatement *
                       alcove_consent_template_get_statement   (AlcoveConsentTemplate  *self,
                                                                guint                   index);
const char            *alcove_consent_field_option_title
                                               (const AlcoveConsentTemplateField *field,
                                                const char                       *option_id);
char                  *alcove_consent_statement_value_key      (const char             *key);
const char            *alcove_consent_kind_get_name            (const char             *kind);

G_END_DECLS
