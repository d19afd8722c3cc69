/* alcove-consent-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-consent-store"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-date.h"
#include "alcove-policy.h"
#include "alcove-client.h"
#include "alcove-consent-store.h"
#include "alcove-consent-template.h"
#include "alcove-text.h"
#include "alcove-vault-private.h"

/* Consents in practice.db, for one unlocked vault. Each read builds new AlcoveConsent
 * objects: a practice has hundreds of consents, not millions, and callers edit their own
 * copy until they save it.
 *
 * Roles: the owner, clinicians and supervisors read and write consents. Billing and front
 * desk staff read only what they need to know whether a client may be seen and billed — the
 * kind, status and dates. Values, signer, document and revocation details come back empty
 * for them, and every change is refused.
 *
 * Life cycle: a draft may be saved any number of times and deleted; activating validates it
 * against its kind's template and freezes it; an active consent can only be revoked (the
 * revocation's date, how it was received and who recorded it are kept). Each change is one
 * transaction with its audit row, whose details hold the kind only. */
struct _AlcoveConsentStore
{
  GObject      parent_instance;

  AlcoveVault *vault;
};

G_DEFINE_FINAL_TYPE (AlcoveConsentStore, alcove_consent_store, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const signer_names[] = { "client", "guardian", "representative" };
static const char * const capture_names[] = { "in-person", "paper-scanned" };

#define CONSENT_COLUMNS \
  "id, client_id, kind, status, signer, capture, signer_name, signer_authority, signed_on," \
  " valid_from, expires_on, document_id, revoked_on, revocation_means, revoked_by," \
  " created_by, value_json"

/* The AlcoveConsentField of each text column from the 7th (index 6) of CONSENT_COLUMNS */
static const AlcoveConsentField column_fields[] = {
  ALCOVE_CONSENT_SIGNER_NAME, ALCOVE_CONSENT_SIGNER_AUTHORITY, ALCOVE_CONSENT_SIGNED_ON,
  ALCOVE_CONSENT_VALID_FROM, ALCOVE_CONSENT_EXPIRES_ON, ALCOVE_CONSENT_DOCUMENT_ID,
  ALCOVE_CONSENT_REVOKED_ON, ALCOVE_CONSENT_REVOCATION_MEANS, ALCOVE_CONSENT_REVOKED_BY,
  ALCOVE_CONSENT_CREATED_BY,
};

static void
alcove_consent_store_finalize (GObject *object)
{
  AlcoveConsentStore *self = ALCOVE_CONSENT_STORE (object);

  g_clear_object (&self->vault);

  G_OBJECT_CLASS (alcove_consent_store_parent_class)->finalize (object);
}

static void
alcove_consent_store_class_init (AlcoveConsentStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_consent_store_finalize;

  /**
   * AlcoveConsentStore::changed:
   * @client_id: the client whose consents changed
   *
   * Emitted after a consent was saved, activated, revoked or deleted.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
alcove_consent_store_init (AlcoveConsentStore *self)
{
}

const char *
alcove_consent_signer_to_string (AlcoveConsentSigner signer)
{
  g_return_val_if_fail (signer < G_N_ELEMENTS (signer_names), NULL);
  return signer_names[signer];
}

const char *
alcove_consent_capture_to_string (AlcoveConsentCapture capture)
{
  g_return_val_if_fail (capture < G_N_ELEMENTS (capture_names), NULL);
  return capture_names[capture];
}

static guint
index_of (const char * const *names,
          guint               n_names,
          const char         *name)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  return 0;
}

AlcoveConsentStore *
alcove_consent_store_new (AlcoveVault  *vault,
                          GError      **error)
{
  AlcoveConsentStore *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  self = g_object_new (ALCOVE_TYPE_CONSENT_STORE, NULL);
  self->vault = g_object_ref (vault);
  return self;
}

AlcoveVault *
alcove_consent_store_get_vault (AlcoveConsentStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), NULL);
  return self->vault;
}

/* A printed form carries the client's name and the consent's terms: printing is audited */
void
alcove_consent_store_record_print (AlcoveConsentStore *self,
                                   AlcoveConsent      *consent)
{
  g_autofree char *details = NULL;

  g_return_if_fail (ALCOVE_IS_CONSENT_STORE (self));
  g_return_if_fail (ALCOVE_IS_CONSENT (consent));
  details = alcove_audit_details ("kind", alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND),
                                  NULL);
  alcove_vault_audit (self->vault, ALCOVE_AUDIT_CONSENT_PRINT, alcove_consent_get_id (consent),
                      details);
}

/* Billing reads kinds, statuses and dates only. A recovery session (no user) reads all. */
gboolean
alcove_consent_store_can_read_values (AlcoveConsentStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), FALSE);

  return alcove_policy_allows (self->vault, ALCOVE_CAPABILITY_READ_CONSENT_VALUES);
}

/* Owners, clinicians and supervisors record consents; billing and recovery sessions do not */
gboolean
alcove_consent_store_can_edit (AlcoveConsentStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), FALSE);

  return alcove_policy_allows (self->vault, ALCOVE_CAPABILITY_EDIT_CONSENTS);
}


static gboolean
require_edit (AlcoveConsentStore  *self,
              GError             **error)
{
  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  if (!alcove_consent_store_can_edit (self))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Your role may see whether consents are current but not record"
                             " or change them. Ask the client's clinician."));
      return FALSE;
    }
  return TRUE;
}

/* The session has one consent store (AlcoveWorkspace): every view of it hears this */
static void
emit_changed (AlcoveConsentStore *self,
              AlcoveConsent      *consent)
{
  g_signal_emit (self, signals[CHANGED], 0,
                 alcove_consent_get_field (consent, ALCOVE_CONSENT_CLIENT_ID));
}

/* ---- reading ---- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static void
load_values (AlcoveConsent *consent,
             const char    *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_warning ("Consent %s has unreadable values", alcove_consent_get_id (consent));
      return;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        alcove_consent_set_value (consent, l->data, json_node_get_string (node));
    }
}

static AlcoveConsent *
consent_from_row (sqlite3_stmt *stmt,
                  gboolean      with_values)
{
  AlcoveConsent *consent = alcove_consent_new (column_text (stmt, 1), column_text (stmt, 2));
  AlcoveConsentStatus status = ALCOVE_CONSENT_DRAFT;

  alcove_consent_set_id (consent, column_text (stmt, 0));
  alcove_consent_status_from_string (column_text (stmt, 3), &status);
  alcove_consent_set_stored_status (consent, status);
  for (guint i = 0; i < G_N_ELEMENTS (column_fields); i++)
    alcove_consent_set_field (consent, column_fields[i], column_text (stmt, 6 + i));
  if (!with_values)
    {
      /* status only: what billing may know */
      alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNER_NAME, "");
      alcove_consent_set_field (consent, ALCOVE_CONSENT_SIGNER_AUTHORITY, "");
      alcove_consent_set_field (consent, ALCOVE_CONSENT_DOCUMENT_ID, "");
      alcove_consent_set_field (consent, ALCOVE_CONSENT_REVOCATION_MEANS, "");
      return consent;
    }
  alcove_consent_set_signer (consent, index_of (signer_names, G_N_ELEMENTS (signer_names),
                                                column_text (stmt, 4)));
  alcove_consent_set_capture (consent, index_of (capture_names, G_N_ELEMENTS (capture_names),
                                                 column_text (stmt, 5)));
  load_values (consent, column_text (stmt, 16));
  return consent;
}

/* Runs a SELECT of CONSENT_COLUMNS with up to one text parameter */
static GPtrArray *
query_consents (AlcoveConsentStore  *self,
                const char          *sql,
                const char          *param,
                gboolean             with_values,
                GError             **error)
{
  AlcoveDatabase *database;
  g_autoptr(GPtrArray) consents = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  database = alcove_vault_get_database (self->vault);
  stmt = alcove_database_prepare (database, sql, error);
  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (consents, consent_from_row (stmt, with_values));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (database, NULL, rc, error);
      return NULL;
    }
  return g_steal_pointer (&consents);
}

/* AlcoveConsent, newest first */
GPtrArray *
alcove_consent_store_list_for_client (AlcoveConsentStore  *self,
                                      const char          *client_id,
                                      GError             **error)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return query_consents (self, "SELECT " CONSENT_COLUMNS " FROM consents WHERE client_id = ?"
                               " ORDER BY created_ms DESC, rowid DESC", client_id,
                         alcove_consent_store_can_read_values (self), error);
}

/* Every consent of the practice, newest first */
GPtrArray *
alcove_consent_store_list_all (AlcoveConsentStore  *self,
                               GError             **error)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), NULL);

  return query_consents (self, "SELECT " CONSENT_COLUMNS " FROM consents"
                               " ORDER BY created_ms DESC, rowid DESC", NULL,
                         alcove_consent_store_can_read_values (self), error);
}

/* Consents active on @day whose last valid day is within @days of it, soonest first */
GPtrArray *
alcove_consent_store_list_expiring (AlcoveConsentStore  *self,
                                    GDate               *day,
                                    guint                days,
                                    GError             **error)
{
  g_autoptr(GPtrArray) consents = NULL;
  GPtrArray *expiring;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), NULL);
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  consents = query_consents (self, "SELECT " CONSENT_COLUMNS " FROM consents"
                                   " WHERE status = 'active' AND expires_on != ''"
                                   " ORDER BY expires_on, created_ms", NULL,
                             alcove_consent_store_can_read_values (self), error);
  if (consents == NULL)
    return NULL;
  expiring = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < consents->len; i++)
    if (alcove_consent_expires_within (g_ptr_array_index (consents, i), day, days))
      g_ptr_array_add (expiring, g_object_ref (g_ptr_array_index (consents, i)));
  return expiring;
}

/* Transfer full */
AlcoveConsent *
alcove_consent_store_get (AlcoveConsentStore  *self,
                          const char          *consent_id,
                          GError             **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), NULL);
  g_return_val_if_fail (consent_id != NULL, NULL);

  found = query_consents (self, "SELECT " CONSENT_COLUMNS " FROM consents WHERE id = ?",
                          consent_id, alcove_consent_store_can_read_values (self), error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                           _("This consent is no longer in the vault. Reopen the client’s"
                             " consents to see the current list."));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

/* The status in the database, or FALSE when there is no such row */
static gboolean
stored_status (AlcoveConsentStore  *self,
               const char          *consent_id,
               AlcoveConsentStatus *status)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  sqlite3_stmt *stmt = alcove_database_prepare (database, "SELECT status FROM consents"
                                                          " WHERE id = ?", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, consent_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = alcove_consent_status_from_string (column_text (stmt, 0), status);
  sqlite3_reset (stmt);
  return found;
}

/* ---- the client, for minors and the intake flags ---- */

static gboolean
client_date_of_birth (AlcoveConsentStore  *self,
                      const char          *client_id,
                      char               **date_of_birth)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  sqlite3_stmt *stmt = alcove_database_prepare (database, "SELECT date_of_birth FROM clients"
                                                          " WHERE id = ?", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *date_of_birth = g_strdup (column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  return found;
}

/* A minor on the day the consent was signed (today when it has no date yet) */
static gboolean
client_is_minor (AlcoveConsentStore *self,
                 AlcoveConsent      *consent)
{
  g_autofree char *born = NULL;
  g_autoptr(AlcoveClient) client = NULL;
  g_autoptr(GDateTime) when = NULL;
  const char *signed_on = alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNED_ON);
  int year, month, day;

  if (!client_date_of_birth (self, alcove_consent_get_field (consent, ALCOVE_CONSENT_CLIENT_ID),
                             &born) || *born == '\0')
    return FALSE;
  client = alcove_client_new ();
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, born);
  if (alcove_date_is_valid (signed_on) &&
      sscanf (signed_on, "%d-%d-%d", &year, &month, &day) == 3)
    when = g_date_time_new_local (year, month, day, 12, 0, 0);
  else
    when = g_date_time_new_now_local ();
  return alcove_client_is_minor (client, when);
}

static gboolean
document_exists (AlcoveConsentStore *self,
                 const char         *document_id)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  sqlite3_stmt *stmt;
  gboolean found;

  if (*document_id == '\0')
    return FALSE;
  stmt = alcove_database_prepare (database, "SELECT 1 FROM documents WHERE id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, document_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* ---- validation ---- */

static void
problem_free (gpointer data)
{
  AlcoveConsentProblem *problem = data;

  g_free (problem->key);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray  *problems,
             const char *key,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (GPtrArray  *problems,
             const char *key,
             const char *format,
             ...)
{
  AlcoveConsentProblem *problem = g_new0 (AlcoveConsentProblem, 1);
  va_list args;

  va_start (args, format);
  problem->key = g_strdup (key);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}

static const char *
default_hint (AlcoveConsentFieldType type)
{
  switch (type)
    {
    case ALCOVE_CONSENT_FIELD_CHOICE:
      return _("choose one");
    case ALCOVE_CONSENT_FIELD_MULTI_CHOICE:
      return _("choose at least one");
    case ALCOVE_CONSENT_FIELD_DATE:
      return _("enter a date as YYYY-MM-DD");
    case ALCOVE_CONSENT_FIELD_TEXT:
    case ALCOVE_CONSENT_FIELD_MULTILINE:
    default:
      return _("fill it in");
    }
}

static void
check_release_information (AlcoveConsent *consent,
                           const char    *title,
                           GPtrArray     *problems)
{
  const char *kind = alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND);
  const char *information = alcove_consent_get_value (consent, ALCOVE_CONSENT_VALUE_INFORMATION);

  if (g_str_equal (kind, ALCOVE_CONSENT_KIND_RELEASE) &&
      alcove_consent_value_has_item (consent, ALCOVE_CONSENT_VALUE_INFORMATION,
                                     ALCOVE_CONSENT_KIND_PSYCHOTHERAPY))
    add_problem (problems, ALCOVE_CONSENT_VALUE_INFORMATION,
                 _("%s: psychotherapy notes cannot be released with other information. Remove"
                   " them here and record a separate psychotherapy notes authorization."),
                 title);
  else if (g_str_equal (kind, ALCOVE_CONSENT_KIND_PSYCHOTHERAPY) && *information != '\0' &&
           g_strcmp0 (information, ALCOVE_CONSENT_KIND_PSYCHOTHERAPY) != 0)
    add_problem (problems, ALCOVE_CONSENT_VALUE_INFORMATION,
                 _("%s: a psychotherapy notes authorization covers those notes only. Record a"
                   " separate authorization to disclose for any other information."), title);
}

static void
check_choice (const AlcoveConsentTemplateField *field,
              const char                       *value,
              GPtrArray                        *problems)
{
  g_auto(GStrv) items = NULL;

  if (field->type == ALCOVE_CONSENT_FIELD_CHOICE)
    {
      if (alcove_consent_field_option_title (field, value) == NULL)
        add_problem (problems, field->key, _("%s: choose one of the listed options."),
                     field->title);
      return;
    }
  items = g_strsplit (value, ";", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);

      /* a release's psychotherapy notes get their own message */
      if (*item != '\0' && !g_str_equal (item, ALCOVE_CONSENT_KIND_PSYCHOTHERAPY) &&
          alcove_consent_field_option_title (field, item) == NULL)
        {
          add_problem (problems, field->key, _("%s: choose only from the listed options."),
                       field->title);
          return;
        }
    }
}

static void
check_fields (AlcoveConsentTemplate *template,
              AlcoveConsent         *consent,
              GPtrArray             *problems)
{
  for (guint i = 0; i < alcove_consent_template_get_n_fields (template); i++)
    {
      const AlcoveConsentTemplateField *field = alcove_consent_template_get_field (template, i);
      const char *value = alcove_consent_get_value (consent, field->key);
      g_autofree char *stripped = g_strstrip (g_strdup (value));

      if (g_str_equal (field->key, ALCOVE_CONSENT_VALUE_INFORMATION))
        check_release_information (consent, field->title, problems);
      if (*stripped == '\0')
        {
          if (field->required)
            add_problem (problems, field->key, "%s: %s.", field->title,
                         *field->hint ? field->hint : default_hint (field->type));
        }
      else if (field->type == ALCOVE_CONSENT_FIELD_DATE && !alcove_date_is_valid (stripped))
        add_problem (problems, field->key, _("%s: enter the date as YYYY-MM-DD."), field->title);
      else if (field->type == ALCOVE_CONSENT_FIELD_CHOICE ||
               field->type == ALCOVE_CONSENT_FIELD_MULTI_CHOICE)
        check_choice (field, stripped, problems);
    }
  /* a psychotherapy notes authorization has no information field to hang the check on */
  if (alcove_consent_template_find_field (template, ALCOVE_CONSENT_VALUE_INFORMATION) == NULL)
    check_release_information (consent, _("Information to disclose"), problems);
}

static void
check_statements (AlcoveConsentTemplate *template,
                  AlcoveConsent         *consent,
                  GPtrArray             *problems)
{
  for (guint i = 0; i < alcove_consent_template_get_n_statements (template); i++)
    {
      const AlcoveConsentStatement *statement = alcove_consent_template_get_statement (template,
                                                                                      i);
      g_autofree char *key = alcove_consent_statement_value_key (statement->key);
      g_autofree char *start = NULL;

      if (g_strcmp0 (alcove_consent_get_value (consent, key), ALCOVE_CONSENT_ACKNOWLEDGED) == 0)
        continue;
      /* the opening words, cut on a character boundary */
      start = g_utf8_substring (statement->text, 0, MIN (40, g_utf8_strlen (statement->text, -1)));
      add_problem (problems, key, _("Statement %u (“%s…”): tick it once it has been explained"
                                    " to and understood by the signer."), i + 1, start);
    }
}

static void
check_signer (AlcoveConsentStore    *self,
              AlcoveConsentTemplate *template,
              AlcoveConsent         *consent,
              GPtrArray             *problems)
{
  AlcoveConsentSigner signer = alcove_consent_get_signer (consent);
  const char *signed_on = alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNED_ON);
  g_autoptr(GDate) today = alcove_date_today ();
  g_autofree char *today_text = alcove_date_to_iso (today);

  if (*alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNER_NAME) == '\0')
    add_problem (problems, ALCOVE_CONSENT_PROBLEM_SIGNER,
                 _("Signed by: write the name of the person who signed."));
  if (!alcove_date_is_valid (signed_on) || g_strcmp0 (signed_on, today_text) > 0)
    add_problem (problems, ALCOVE_CONSENT_PROBLEM_SIGNED_ON,
                 _("Signed on: enter the date it was signed as YYYY-MM-DD, not in the"
                   " future."));
  if (signer != ALCOVE_CONSENT_SIGNER_CLIENT &&
      *alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNER_AUTHORITY) == '\0')
    add_problem (problems, ALCOVE_CONSENT_PROBLEM_AUTHORITY,
                 _("Authority: write the signer’s authority to act for the client, for"
                   " example “parent with legal custody”."));
  if (signer == ALCOVE_CONSENT_SIGNER_CLIENT &&
      alcove_consent_template_get_minor_needs_guardian (template) &&
      client_is_minor (self, consent))
    add_problem (problems, ALCOVE_CONSENT_PROBLEM_SIGNER,
                 _("Signed by: the client is a minor. A guardian or personal representative"
                   " must sign; choose who signed and write their authority."));
}

static void
check_dates (AlcoveConsentTemplate *template,
             AlcoveConsent         *consent,
             GPtrArray             *problems)
{
  const char *valid_from = alcove_consent_get_field (consent, ALCOVE_CONSENT_VALID_FROM);
  const char *expires_on = alcove_consent_get_field (consent, ALCOVE_CONSENT_EXPIRES_ON);

  /* an empty first day is the day it was signed (activate fills it in) */
  if (*valid_from == '\0')
    valid_from = alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNED_ON);
  if (*valid_from != '\0' && !alcove_date_is_valid (valid_from))
    add_problem (problems, ALCOVE_CONSENT_PROBLEM_VALID,
                 _("Valid from: enter the first valid day as YYYY-MM-DD."));
  if (*expires_on != '\0' && !alcove_date_is_valid (expires_on))
    add_problem (problems, ALCOVE_CONSENT_PROBLEM_EXPIRY,
                 _("Expires on: enter the last valid day as YYYY-MM-DD."));
  else if (*expires_on != '\0' && alcove_date_is_valid (valid_from) &&
           g_strcmp0 (expires_on, valid_from) < 0)
    add_problem (problems, ALCOVE_CONSENT_PROBLEM_EXPIRY,
                 _("Expires on: the last valid day cannot be before the first (%s)."),
                 valid_from);
  if (alcove_consent_template_is_authorization (template) && *expires_on == '\0' &&
      alcove_text_is_blank (alcove_consent_get_value (consent,
                                                      ALCOVE_CONSENT_VALUE_EXPIRY_EVENT)))
    add_problem (problems, ALCOVE_CONSENT_PROBLEM_EXPIRY,
                 _("Expires on: give an expiry date, or write the event that ends the"
                   " authorization."));
}

static void
check_document (AlcoveConsentStore    *self,
                AlcoveConsentTemplate *template,
                AlcoveConsent         *consent,
                GPtrArray             *problems)
{
  const char *document_id = alcove_consent_get_field (consent, ALCOVE_CONSENT_DOCUMENT_ID);
  gboolean scanned = alcove_consent_get_capture (consent) == ALCOVE_CONSENT_CAPTURE_PAPER_SCANNED;

  if ((alcove_consent_template_get_requires_document (template) || scanned) &&
      !document_exists (self, document_id))
    add_problem (problems, ALCOVE_CONSENT_PROBLEM_DOCUMENT,
                 scanned ? _("Signed document: attach the scan of the signed paper form.")
                         : _("Signed document: attach the signed form (a scan, photo or PDF)."));
}

/* Every reason @consent cannot become active, in the order of the form: an empty array when
 * it can. The consent is not changed. Free with g_ptr_array_unref. */
GPtrArray *
alcove_consent_store_check (AlcoveConsentStore *self,
                            AlcoveConsent      *consent)
{
  GPtrArray *problems;
  AlcoveConsentTemplate *template;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), NULL);
  g_return_val_if_fail (ALCOVE_IS_CONSENT (consent), NULL);

  problems = g_ptr_array_new_with_free_func (problem_free);
  template = alcove_consent_template_lookup (alcove_consent_get_field (consent,
                                                                       ALCOVE_CONSENT_KIND));
  if (template == NULL)
    {
      add_problem (problems, ALCOVE_CONSENT_PROBLEM_KIND,
                   _("Kind: this version of Alcove does not know this kind of consent. Choose"
                     " one of the listed kinds."));
      return problems;
    }
  check_fields (template, consent, problems);
  check_statements (template, consent, problems);
  check_signer (self, template, consent, problems);
  check_dates (template, consent, problems);
  check_document (self, template, consent, problems);
  return problems;
}

/* Complete enough to be active? The error lists every problem, one a line. */
gboolean
alcove_consent_store_validate (AlcoveConsentStore  *self,
                               AlcoveConsent       *consent,
                               GError             **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_CONSENT (consent), FALSE);

  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  problems = alcove_consent_store_check (self, consent);
  if (problems->len == 0)
    return TRUE;
  message = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (message, "%s%s", i ? "\n" : "",
                            ((AlcoveConsentProblem *) g_ptr_array_index (problems, i))->message);
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID, message->str);
  return FALSE;
}

/* ---- writing ---- */

/* What even a draft must have: a known client and kind, and dates that are dates */
static gboolean
check_draft (AlcoveConsentStore  *self,
             AlcoveConsent       *consent,
             GError             **error)
{
  g_autofree char *born = NULL;
  static const struct
  {
    AlcoveConsentField  field;
    const char         *message;
  } dates[] = {
    { ALCOVE_CONSENT_SIGNED_ON, N_("Signed on: enter the date as YYYY-MM-DD.") },
    { ALCOVE_CONSENT_VALID_FROM, N_("Valid from: enter the first valid day as YYYY-MM-DD.") },
    { ALCOVE_CONSENT_EXPIRES_ON, N_("Expires on: enter the last valid day as YYYY-MM-DD.") },
  };

  if (!client_date_of_birth (self, alcove_consent_get_field (consent, ALCOVE_CONSENT_CLIENT_ID),
                             &born))
    return alcove_error_invalid (error,
                                 _("This client is not in the vault. Open the client again and "
                                   "record the consent from their page."));
  if (alcove_consent_template_lookup (alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND))
      == NULL)
    return alcove_error_invalid (error, _("Kind: this version of Alcove does not know this kind of"
                                          " consent. Choose one of the listed kinds."));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      const char *value = alcove_consent_get_field (consent, dates[i].field);

      if (*value != '\0' && !alcove_date_is_valid (value))
        return alcove_error_invalid (error, _(dates[i].message));
    }
  return TRUE;
}

/* Canonical: keys sorted, no spaces, so equal values store equal text */
static char *
values_to_json (AlcoveConsent *consent)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) keys = alcove_consent_dup_value_keys (consent);

  json_builder_begin_object (builder);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, alcove_consent_get_value (consent, keys[i]));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
audit (AlcoveConsentStore  *self,
       const char          *action,
       AlcoveConsent       *consent,
       GError             **error)
{
  g_autofree char *details = alcove_audit_details ("kind",
                                                   alcove_consent_get_field (consent,
                                                                             ALCOVE_CONSENT_KIND),
                                                   NULL);

  return alcove_audit_append (alcove_vault_get_audit (self->vault),
                              action,
                              alcove_consent_get_id (consent), details, NULL, error);
}

/* Inserts or updates a draft's row (the WHERE keeps an active one from changing), then sets
 * @status and writes the audit row. The caller holds the transaction. */
static gboolean
write_consent (AlcoveConsentStore  *self,
               AlcoveConsent       *consent,
               gboolean             is_new,
               AlcoveConsentStatus  status,
               GError             **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *values = values_to_json (consent);
  sqlite3_stmt *stmt;

  stmt = alcove_database_prepare (database, is_new ?
    "INSERT INTO consents (id, client_id, kind, status, signer, capture, signer_name,"
    " signer_authority, signed_on, valid_from, expires_on, document_id, value_json,"
    " created_by, created_ms, updated_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)" :
    "UPDATE consents SET status = ?4, signer = ?5, capture = ?6, signer_name = ?7,"
    " signer_authority = ?8, signed_on = ?9, valid_from = ?10, expires_on = ?11,"
    " document_id = ?12, value_json = ?13, updated_ms = ?15"
    " WHERE id = ?1 AND client_id = ?2 AND kind = ?3 AND status = 'draft'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_consent_get_id (consent), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_consent_get_field (consent, ALCOVE_CONSENT_CLIENT_ID), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, alcove_consent_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, alcove_consent_signer_to_string (alcove_consent_get_signer (consent)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6,
                     alcove_consent_capture_to_string (alcove_consent_get_capture (consent)), -1,
                     SQLITE_STATIC);
  for (guint i = 0; i < 6; i++)
    sqlite3_bind_text (stmt, 7 + i, alcove_consent_get_field (consent, column_fields[i]), -1,
                       SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, values, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, alcove_vault_actor (self->vault), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 15, g_get_real_time () / 1000);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  if (!is_new && sqlite3_changes (alcove_database_get_handle (database)) != 1)
    return alcove_error_invalid (error,
                                 _("This consent is no longer a draft, so it cannot be changed. "
                                   "Revoke it and record a new one instead."));
  if (is_new && !audit (self, ALCOVE_AUDIT_CONSENT_CREATE, consent, error))
    return FALSE;
  if (!is_new && status == ALCOVE_CONSENT_DRAFT &&
      !audit (self, ALCOVE_AUDIT_CONSENT_UPDATE, consent, error))
    return FALSE;
  return status != ALCOVE_CONSENT_ACTIVE ||
         audit (self, ALCOVE_AUDIT_CONSENT_ACTIVATE, consent, error);
}

/* Writes @consent as it stands with @status, in one transaction. A new consent gets its id
 * and creator only once the transaction committed: on failure the consent is as it was. */
static gboolean
store_consent (AlcoveConsentStore  *self,
               AlcoveConsent       *consent,
               AlcoveConsentStatus  status,
               GError             **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autoptr(AlcoveConsent) copy = alcove_consent_copy (consent);
  gboolean is_new = alcove_consent_get_id (consent) == NULL;
  AlcoveConsentStatus current;

  if (is_new)
    {
      g_autofree char *id = g_uuid_string_random ();

      alcove_consent_set_id (copy, id);
      alcove_consent_set_field (copy, ALCOVE_CONSENT_CREATED_BY, alcove_vault_actor (self->vault));
    }
  else if (!stored_status (self, alcove_consent_get_id (consent), &current))
    return alcove_error_invalid (error,
                                 _("This consent is no longer in the vault. Reopen the client’s "
                                   "consents to see the current list."));
  else if (current != ALCOVE_CONSENT_DRAFT)
    return alcove_error_invalid (error,
                                 _("This consent is no longer a draft, so it cannot be changed. "
                                   "Revoke it and record a new one instead."));
  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!write_consent (self, copy, is_new, status, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (!alcove_database_commit (database, error))
    return FALSE;
  alcove_consent_set_id (consent, alcove_consent_get_id (copy));
  alcove_consent_set_field (consent, ALCOVE_CONSENT_CREATED_BY,
                            alcove_consent_get_field (copy, ALCOVE_CONSENT_CREATED_BY));
  alcove_consent_set_field (consent, ALCOVE_CONSENT_VALID_FROM,
                            alcove_consent_get_field (copy, ALCOVE_CONSENT_VALID_FROM));
  alcove_consent_set_stored_status (consent, status);
  emit_changed (self, consent);
  return TRUE;
}

/* Saves a draft: assigns the id when new. Only drafts change; on failure the consent keeps
 * everything that was typed. */
gboolean
alcove_consent_store_save (AlcoveConsentStore  *self,
                           AlcoveConsent       *consent,
                           GError             **error)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_CONSENT (consent), FALSE);

  if (!require_edit (self, error) || !check_draft (self, consent, error))
    return FALSE;
  return store_consent (self, consent, ALCOVE_CONSENT_DRAFT, error);
}

/* Validates, then saves the consent as active (saving it first when new); an empty
 * valid_from becomes the day it was signed. Refused with every problem listed, and the
 * consent unchanged, when it is incomplete. */
gboolean
alcove_consent_store_activate (AlcoveConsentStore  *self,
                               AlcoveConsent       *consent,
                               GError             **error)
{
  g_autoptr(AlcoveConsent) ready = NULL;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_CONSENT (consent), FALSE);

  if (!require_edit (self, error) || !check_draft (self, consent, error) ||
      !alcove_consent_store_validate (self, consent, error))
    return FALSE;
  ready = alcove_consent_copy (consent);
  if (*alcove_consent_get_field (ready, ALCOVE_CONSENT_VALID_FROM) == '\0')
    alcove_consent_set_field (ready, ALCOVE_CONSENT_VALID_FROM,
                              alcove_consent_get_field (ready, ALCOVE_CONSENT_SIGNED_ON));
  if (!store_consent (self, ready, ALCOVE_CONSENT_ACTIVE, error))
    return FALSE;
  alcove_consent_set_id (consent, alcove_consent_get_id (ready));
  alcove_consent_set_field (consent, ALCOVE_CONSENT_CREATED_BY,
                            alcove_consent_get_field (ready, ALCOVE_CONSENT_CREATED_BY));
  alcove_consent_set_field (consent, ALCOVE_CONSENT_VALID_FROM,
                            alcove_consent_get_field (ready, ALCOVE_CONSENT_VALID_FROM));
  alcove_consent_set_stored_status (consent, ALCOVE_CONSENT_ACTIVE);
  return TRUE;
}

/* Records a revocation received on @revoked_on (YYYY-MM-DD, not in the future) by @means
 * ("in writing", "letter"…), by the current user. It takes effect on that day. Only an
 * active consent can be revoked: a draft is deleted instead. */
gboolean
alcove_consent_store_revoke (AlcoveConsentStore  *self,
                             AlcoveConsent       *consent,
                             const char          *revoked_on,
                             const char          *means,
                             GError             **error)
{
  AlcoveDatabase *database;
  AlcoveConsentStatus current;
  g_autoptr(GDate) today = alcove_date_today ();
  g_autofree char *today_text = alcove_date_to_iso (today);
  g_autofree char *means_text = g_strstrip (g_strdup (means ? means : ""));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_CONSENT (consent), FALSE);

  if (!require_edit (self, error))
    return FALSE;
  if (alcove_consent_get_id (consent) == NULL ||
      !stored_status (self, alcove_consent_get_id (consent), &current))
    return alcove_error_invalid (error, _("This consent was never saved, so there is nothing to"
                                          " revoke."));
  if (current == ALCOVE_CONSENT_DRAFT)
    return alcove_error_invalid (error,
                                 _("A draft cannot be revoked; it was never in effect. Delete the "
                                   "draft instead."));
  if (current == ALCOVE_CONSENT_REVOKED)
    return alcove_error_invalid (error, _("This consent has already been revoked."));
  if (revoked_on == NULL || !alcove_date_is_valid (revoked_on) ||
      g_strcmp0 (revoked_on, today_text) > 0)
    return alcove_error_invalid (error, _("Revoked on: enter the day the revocation was received as"
                                          " YYYY-MM-DD, not in the future."));
  if (*means_text == '\0')
    return alcove_error_invalid (error, _("Received: write how the revocation was received, for"
                                          " example “letter” or “signed form”."));

  database = alcove_vault_get_database (self->vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  stmt = alcove_database_prepare (database, "UPDATE consents SET status = 'revoked',"
                                            " revoked_on = ?2, revocation_means = ?3,"
                                            " revoked_by = ?4, updated_ms = ?5"
                                            " WHERE id = ?1 AND status = 'active'", error);
  if (stmt == NULL)
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, alcove_consent_get_id (consent), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, revoked_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, means_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, alcove_vault_actor (self->vault), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / 1000);
  if (!alcove_database_step_done (database, stmt, error) ||
      !audit (self, ALCOVE_AUDIT_CONSENT_REVOKE, consent, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (!alcove_database_commit (database, error))
    return FALSE;
  alcove_consent_set_stored_status (consent, ALCOVE_CONSENT_REVOKED);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_REVOKED_ON, revoked_on);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_REVOCATION_MEANS, means_text);
  alcove_consent_set_field (consent, ALCOVE_CONSENT_REVOKED_BY, alcove_vault_actor (self->vault));
  emit_changed (self, consent);
  return TRUE;
}

/* Deletes a draft, which was never in effect. An attached document stays in the vault. */
gboolean
alcove_consent_store_delete_draft (AlcoveConsentStore  *self,
                                   AlcoveConsent       *consent,
                                   GError             **error)
{
  AlcoveDatabase *database;
  AlcoveConsentStatus current;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_CONSENT (consent), FALSE);

  if (!require_edit (self, error))
    return FALSE;
  if (alcove_consent_get_id (consent) == NULL ||
      !stored_status (self, alcove_consent_get_id (consent), &current))
    return alcove_error_invalid (error, _("This consent was never saved, so there is nothing to"
                                          " delete."));
  if (current != ALCOVE_CONSENT_DRAFT)
    return alcove_error_invalid (error,
                                 _("Only a draft can be deleted. A consent that was in effect "
                                   "stays on record; revoke it instead."));
  database = alcove_vault_get_database (self->vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  stmt = alcove_database_prepare (database, "DELETE FROM consents WHERE id = ?"
                                            " AND status = 'draft'", error);
  if (stmt == NULL)
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, alcove_consent_get_id (consent), -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error) ||
      !audit (self, ALCOVE_AUDIT_CONSENT_DELETE_DRAFT, consent, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (!alcove_database_commit (database, error))
    return FALSE;
  emit_changed (self, consent);
  alcove_consent_set_id (consent, NULL);
  return TRUE;
}

/* ---- intake ---- */

/* client id → TRUE for every client with an intake consent active on @day */
static GHashTable *
clients_with_current_intake (AlcoveConsentStore *self,
                             GDate              *day,
                             const char         *client_id)
{
  g_autoptr(GPtrArray) intakes = NULL;
  GHashTable *current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  intakes = query_consents (self, client_id ?
                                  "SELECT " CONSENT_COLUMNS " FROM consents WHERE client_id = ?"
                                  " AND kind = 'intake' AND status != 'draft'" :
                                  "SELECT " CONSENT_COLUMNS " FROM consents"
                                  " WHERE kind = 'intake' AND status != 'draft'",
                            client_id, FALSE, NULL);
  for (guint i = 0; intakes != NULL && i < intakes->len; i++)
    {
      AlcoveConsent *consent = g_ptr_array_index (intakes, i);

      if (alcove_consent_get_status_on (consent, day) == ALCOVE_CONSENT_ACTIVE)
        g_hash_table_add (current,
                          g_strdup (alcove_consent_get_field (consent, ALCOVE_CONSENT_CLIENT_ID)));
    }
  return current;
}

/* Is an intake informed consent in effect for the client on @day? */
gboolean
alcove_consent_store_has_current_intake (AlcoveConsentStore *self,
                                         const char         *client_id,
                                         GDate              *day)
{
  g_autoptr(GHashTable) current = NULL;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);

  current = clients_with_current_intake (self, day, client_id);
  return g_hash_table_contains (current, client_id);
}

/* Ids of active individual clients with no intake consent in effect on @day. Couple, family
 * and group records are left out: each member gives their own intake consent. */
GPtrArray *
alcove_consent_store_list_clients_without_intake (AlcoveConsentStore  *self,
                                                  GDate               *day,
                                                  GError             **error)
{
  g_autoptr(GHashTable) current = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  AlcoveDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), NULL);
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  current = clients_with_current_intake (self, day, NULL);
  database = alcove_vault_get_database (self->vault);
  stmt = alcove_database_prepare (database, "SELECT id FROM clients WHERE status = 'active'"
                                            " AND record_type = 'individual' ORDER BY rowid",
                                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (missing, g_strdup (column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (database, NULL, rc, error);
      return NULL;
    }
  for (guint i = missing->len; i > 0; i--)
    if (g_hash_table_contains (current, g_ptr_array_index (missing, i - 1)))
      g_ptr_array_remove_index (missing, i - 1);
  return g_steal_pointer (&missing);
}

/* How many active individual clients have no intake consent in effect on @day; the number
 * of active individual clients goes to @n_active_clients. */
guint
alcove_consent_store_count_clients_without_intake (AlcoveConsentStore *self,
                                                   GDate              *day,
                                                   guint              *n_active_clients)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GHashTable) current = NULL;
  AlcoveDatabase *database;
  sqlite3_stmt *stmt;
  guint active = 0;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (self), 0);

  missing = alcove_consent_store_list_clients_without_intake (self, day, NULL);
  if (missing == NULL)
    {
      if (n_active_clients)
        *n_active_clients = 0;
      return 0;
    }
  if (n_active_clients != NULL)
    {
      database = alcove_vault_get_database (self->vault);
      stmt = alcove_database_prepare (database, "SELECT count(*) FROM clients"
                                                " WHERE status = 'active'"
                                                " AND record_type = 'individual'", NULL);
      if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        active = sqlite3_column_int (stmt, 0);
      if (stmt != NULL)
        sqlite3_reset (stmt);
      *n_active_clients = active;
    }
  return missing->len;
}
