/* alcove-disclosure-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-disclosure-store"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-policy.h"
#include "alcove-client.h"
#include "alcove-consent-store.h"
#include "alcove-disclosure-rules.h"
#include "alcove-disclosure-store.h"
#include "alcove-error.h"
#include "alcove-vault-private.h"

/* The disclosure log in practice.db. Entries are only ever added (triggers reject UPDATE
 * and DELETE even through raw SQL); each one is written in one transaction with its audit
 * row, which names ids and enum-like words only, never the recipient or what was shared. */
struct _AlcoveDisclosureStore
{
  GObject      parent_instance;

  AlcoveVault *vault;
};

G_DEFINE_FINAL_TYPE (AlcoveDisclosureStore, alcove_disclosure_store, G_TYPE_OBJECT)

enum
{
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define DISCLOSURE_COLUMNS \
  "id, client_id, disclosed_on, at_ms, recipient, recipient_address, description, purpose," \
  " basis, consent_id, justification, document_id, psychotherapy, accountable, disclosed_by," \
  " package_sha256, delivery"

static void
alcove_disclosure_store_finalize (GObject *object)
{
  AlcoveDisclosureStore *self = ALCOVE_DISCLOSURE_STORE (object);

  g_clear_object (&self->vault);

  G_OBJECT_CLASS (alcove_disclosure_store_parent_class)->finalize (object);
}

static void
alcove_disclosure_store_class_init (AlcoveDisclosureStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_disclosure_store_finalize;

  /**
   * AlcoveDisclosureStore::recorded:
   * @disclosure: the disclosure just entered in the log
   */
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, ALCOVE_TYPE_DISCLOSURE);
}

static void
alcove_disclosure_store_init (AlcoveDisclosureStore *self)
{
}

AlcoveDisclosureStore *
alcove_disclosure_store_new (AlcoveVault  *vault,
                             GError      **error)
{
  AlcoveDisclosureStore *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  self = g_object_new (ALCOVE_TYPE_DISCLOSURE_STORE, NULL);
  self->vault = g_object_ref (vault);
  return self;
}

/* Everyone but a supervisor, who reads the practice's records without acting on them */
gboolean
alcove_disclosure_store_can_record (AlcoveDisclosureStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE_STORE (self), FALSE);

  return alcove_policy_allows (self->vault, ALCOVE_CAPABILITY_RECORD_DISCLOSURES);
}

static gboolean
fail_day (GError **error)
{
  return alcove_error_invalid (error, _("Enter the day of the disclosure as YYYY-MM-DD, not in the "
                                        "future."));
}

static gboolean
validate (AlcoveDisclosure              *disclosure,
          const AlcoveDisclosureBasis  **basis_out,
          GError                       **error)
{
  g_autofree char *today = alcove_date_today_iso ();
  const char *day = alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_DAY);
  const AlcoveDisclosureBasis *basis;

  if (*alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_CLIENT_ID) == '\0')
    return alcove_error_invalid (error,
                                 _("A disclosure belongs to a client: choose the client first."));
  if (!alcove_date_is_valid (day) || g_strcmp0 (day, today) > 0)
    return fail_day (error);
  if (*alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_RECIPIENT) == '\0')
    return alcove_error_invalid (error, _("Enter who received the information."));
  if (*alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_DESCRIPTION) == '\0')
    return alcove_error_invalid (error, _("Describe briefly what was disclosed."));
  if (alcove_disclosure_purpose_get_title (alcove_disclosure_get_field (disclosure,
                                                                        ALCOVE_DISCLOSURE_PURPOSE))
      == NULL)
    return alcove_error_invalid (error, _("Choose the purpose of the disclosure."));
  basis = alcove_disclosure_basis_lookup (alcove_disclosure_get_field (disclosure,
                                                                       ALCOVE_DISCLOSURE_BASIS));
  if (basis == NULL)
    return alcove_error_invalid (error, _("Choose the basis of the disclosure."));
  if (g_str_equal (basis->id, ALCOVE_BASIS_AUTHORIZATION) &&
      *alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_CONSENT_ID) == '\0')
    return alcove_error_invalid (error, _("A disclosure under an authorization names that "
                                          "authorization."));
  if (basis->needs_justification &&
      *alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_JUSTIFICATION) == '\0')
    return alcove_error_invalid (error,
                                 _("Say why the legal basis applies: the justification is part of "
                                   "the log."));
  if (basis->needs_document &&
      *alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_DOCUMENT_ID) == '\0')
    return alcove_error_invalid (error,
                                 _("Attach the court order before recording the disclosure."));
  if (alcove_disclosure_get_psychotherapy (disclosure) && !basis->allows_psychotherapy_notes)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                   _("Psychotherapy notes need their own authorization: “%s” does not allow "
                     "sharing them."), basis->title);
      return FALSE;
    }
  *basis_out = basis;
  return TRUE;
}

static gboolean
insert_disclosure (AlcoveDatabase    *database,
                   AlcoveDisclosure  *disclosure,
                   GError           **error)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "INSERT INTO disclosures (" DISCLOSURE_COLUMNS ")"
                                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                                                " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)", error);
  static const AlcoveDisclosureField text_columns[] = {
    ALCOVE_DISCLOSURE_RECIPIENT, ALCOVE_DISCLOSURE_RECIPIENT_ADDRESS,
    ALCOVE_DISCLOSURE_DESCRIPTION, ALCOVE_DISCLOSURE_PURPOSE, ALCOVE_DISCLOSURE_BASIS,
    ALCOVE_DISCLOSURE_CONSENT_ID, ALCOVE_DISCLOSURE_JUSTIFICATION, ALCOVE_DISCLOSURE_DOCUMENT_ID,
  };

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_disclosure_get_id (disclosure), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_CLIENT_ID),
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_DAY), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, alcove_disclosure_get_at_ms (disclosure));
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    sqlite3_bind_text (stmt, 5 + i, alcove_disclosure_get_field (disclosure, text_columns[i]), -1,
                       SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 13, alcove_disclosure_get_psychotherapy (disclosure));
  sqlite3_bind_int (stmt, 14, alcove_disclosure_get_accountable (disclosure));
  sqlite3_bind_text (stmt, 15, alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_BY), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 16, alcove_disclosure_get_field (disclosure,
                                                            ALCOVE_DISCLOSURE_PACKAGE_SHA256),
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 17, alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_DELIVERY),
                     -1, SQLITE_TRANSIENT);
  return alcove_database_step_done (database, stmt, error);
}

/* Adds the disclosure to the log, with its audit row, in one transaction. The store fills
 * in the id, the time, who disclosed (the signed-in user) and whether the accounting lists
 * it (from the basis). On failure nothing is written and the disclosure keeps its fields. */
/* Only after the rules allowed it (alcove_disclosure_store_share) */
static gboolean
record (AlcoveDisclosureStore  *self,
        AlcoveDisclosure       *disclosure,
        const char             *recipient_kind,
        GError                **error)
{
  AlcoveDatabase *database;
  const AlcoveDisclosureBasis *basis = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *details = NULL;

  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE (disclosure), FALSE);
  g_return_val_if_fail (alcove_disclosure_get_id (disclosure) == NULL, FALSE);

  /* the session and the role were checked by alcove_disclosure_store_share */
  if (!validate (disclosure, &basis, error))
    return FALSE;

  alcove_disclosure_set_id (disclosure, id);
  alcove_disclosure_set_at_ms (disclosure, g_get_real_time () / 1000);
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_BY, alcove_vault_actor (self->vault));
  alcove_disclosure_set_accountable (disclosure, basis->accountable);
  details = alcove_audit_details ("client",
                                  alcove_disclosure_get_field (disclosure,
                                                               ALCOVE_DISCLOSURE_CLIENT_ID),
                                  "basis", basis->id,
                                  "consent",
                                  alcove_disclosure_get_field (disclosure,
                                                               ALCOVE_DISCLOSURE_CONSENT_ID),
                                  "document",
                                  alcove_disclosure_get_field (disclosure,
                                                               ALCOVE_DISCLOSURE_DOCUMENT_ID),
                                  "psychotherapy",
                                  alcove_disclosure_get_psychotherapy (disclosure) ? "yes" : "no",
                                  "accountable", basis->accountable ? "yes" : "no",
                                  "recipient_kind", recipient_kind ? recipient_kind : "",
                                  "package_sha256",
                                  alcove_disclosure_get_field (disclosure,
                                                               ALCOVE_DISCLOSURE_PACKAGE_SHA256),
                                  "delivery",
                                  alcove_disclosure_get_field (disclosure,
                                                               ALCOVE_DISCLOSURE_DELIVERY),
                                  NULL);

  database = alcove_vault_get_database (self->vault);
  if (!alcove_database_begin (database, error))
    goto failed;
  if (!insert_disclosure (database, disclosure, error) ||
      !alcove_audit_append (alcove_vault_get_audit (self->vault), ALCOVE_AUDIT_DISCLOSURE_RECORD, id, details, NULL, error))
    {
      alcove_database_rollback (database);
      goto failed;
    }
  if (!alcove_database_commit (database, error))
    goto failed;
  g_signal_emit (self, signals[RECORDED], 0, disclosure);
  return TRUE;

failed:
  alcove_disclosure_set_id (disclosure, NULL);
  alcove_disclosure_set_at_ms (disclosure, 0);
  return FALSE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static AlcoveDisclosure *
disclosure_from_row (sqlite3_stmt *stmt)
{
  AlcoveDisclosure *disclosure = alcove_disclosure_new (column_text (stmt, 1));
  static const AlcoveDisclosureField text_columns[] = {
    ALCOVE_DISCLOSURE_RECIPIENT, ALCOVE_DISCLOSURE_RECIPIENT_ADDRESS,
    ALCOVE_DISCLOSURE_DESCRIPTION, ALCOVE_DISCLOSURE_PURPOSE, ALCOVE_DISCLOSURE_BASIS,
    ALCOVE_DISCLOSURE_CONSENT_ID, ALCOVE_DISCLOSURE_JUSTIFICATION, ALCOVE_DISCLOSURE_DOCUMENT_ID,
  };

  alcove_disclosure_set_id (disclosure, column_text (stmt, 0));
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_DAY, column_text (stmt, 2));
  alcove_disclosure_set_at_ms (disclosure, sqlite3_column_int64 (stmt, 3));
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    alcove_disclosure_set_field (disclosure, text_columns[i], column_text (stmt, 4 + i));
  alcove_disclosure_set_psychotherapy (disclosure, sqlite3_column_int (stmt, 12) != 0);
  alcove_disclosure_set_accountable (disclosure, sqlite3_column_int (stmt, 13) != 0);
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_BY, column_text (stmt, 14));
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_PACKAGE_SHA256, column_text (stmt, 15));
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_DELIVERY, column_text (stmt, 16));
  return disclosure;
}

static GPtrArray *
collect (AlcoveDisclosureStore  *self,
         sqlite3_stmt           *stmt,
         GError                **error)
{
  g_autoptr(GPtrArray) disclosures = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (disclosures, disclosure_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (alcove_vault_get_database (self->vault), NULL, rc, error);
      return NULL;
    }
  return g_steal_pointer (&disclosures);
}

/* The full log of one client, every basis included, newest first */
static AlcoveDisclosure *
disclosure_from_request (const AlcoveDisclosureRequest *request,
                         AlcoveConsent                 *covering,
                         const char                    *address,
                         const char                    *description)
{
  const AlcoveDisclosureBasis *basis = alcove_disclosure_basis_lookup (request->basis);
  AlcoveDisclosure *disclosure = alcove_disclosure_new (request->client_id);
  g_autofree char *day = NULL;

  if (request->day != NULL && g_date_valid (request->day))
    day = alcove_date_to_iso (request->day);
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_DAY, day != NULL ? day : "");
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_RECIPIENT, request->recipient);
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_RECIPIENT_ADDRESS, address);
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_DESCRIPTION, description);
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_PURPOSE, request->purpose);
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_BASIS, request->basis);
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_CONSENT_ID,
                               covering ? alcove_consent_get_id (covering) : "");
  if (basis->needs_justification)
    alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_JUSTIFICATION,
                                 request->justification);
  if (basis->needs_document)
    alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_DOCUMENT_ID,
                                 request->document_id);
  alcove_disclosure_set_psychotherapy (disclosure, request->includes_psychotherapy_notes);
  return disclosure;
}

/* The one way a disclosure enters the log: the client's consents as they stand now, the
 * rules run on them, and the entry written with its audit row in one transaction. Returns
 * the entry recorded (a new reference), or NULL with the rules' refusal. */
static AlcoveDisclosure *
share (AlcoveDisclosureStore          *self,
       const AlcoveDisclosureRequest  *request,
       const char                     *address,
       const char                     *description,
       const char                     *package_sha256,
       const char                     *delivery,
       GError                        **error)
{
  g_autoptr(AlcoveConsentStore) consents_store = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(AlcoveConsent) covering = NULL;
  g_autoptr(AlcoveDisclosure) disclosure = NULL;

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  if (!alcove_disclosure_store_can_record (self))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Your role may read the disclosure log but not add to it."));
      return NULL;
    }
  if (request->day == NULL || !g_date_valid (request->day))
    {
      fail_day (error);
      return NULL;
    }
  consents_store = alcove_consent_store_new (self->vault, error);
  if (consents_store == NULL)
    return NULL;
  consents = alcove_consent_store_list_for_client (consents_store, request->client_id, error);
  if (consents == NULL ||
      !alcove_disclosure_rules_check (request, consents, &covering, error))
    return NULL;
  disclosure = disclosure_from_request (request, covering, address ? address : "",
                                        description ? description : "");
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_PACKAGE_SHA256, package_sha256);
  alcove_disclosure_set_field (disclosure, ALCOVE_DISCLOSURE_DELIVERY, delivery);
  if (!record (self, disclosure, request->recipient_kind, error))
    return NULL;
  return g_steal_pointer (&disclosure);
}

AlcoveDisclosure *
alcove_disclosure_store_share (AlcoveDisclosureStore          *self,
                               const AlcoveDisclosureRequest  *request,
                               const char                     *address,
                               const char                     *description,
                               GError                        **error)
{
  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE_STORE (self), NULL);
  g_return_val_if_fail (request != NULL && request->client_id != NULL, NULL);

  return share (self, request, address, description, "", "", error);
}

static gboolean
is_delivery (const char *delivery)
{
  return g_str_equal (delivery, ALCOVE_DELIVERY_PHONE) ||
         g_str_equal (delivery, ALCOVE_DELIVERY_IN_PERSON) ||
         g_str_equal (delivery, ALCOVE_DELIVERY_OTHER) ||
         (g_str_has_prefix (delivery, ALCOVE_DELIVERY_SEALED) &&
          delivery[strlen (ALCOVE_DELIVERY_SEALED)] != '\0');
}

AlcoveDisclosure *
alcove_disclosure_store_share_package (AlcoveDisclosureStore          *self,
                                       const AlcoveDisclosureRequest  *request,
                                       const char                     *address,
                                       const char                     *description,
                                       const char                     *package_sha256,
                                       const char                     *delivery,
                                       GError                        **error)
{
  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE_STORE (self), NULL);
  g_return_val_if_fail (request != NULL && request->client_id != NULL, NULL);
  g_return_val_if_fail (package_sha256 != NULL && delivery != NULL, NULL);

  if (strlen (package_sha256) != 64)
    {
      alcove_error_invalid (error, _("The package’s SHA-256 is missing."));
      return NULL;
    }
  if (!is_delivery (delivery))
    {
      alcove_error_invalid (error, _("Say how the passphrase reaches the recipient: by phone, in "
                                     "person or another way."));
      return NULL;
    }
  return share (self, request, address, description, package_sha256, delivery, error);
}

GPtrArray *
alcove_disclosure_store_list_for_client (AlcoveDisclosureStore  *self,
                                         const char             *client_id,
                                         GError                **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  stmt = alcove_database_prepare (alcove_vault_get_database (self->vault),
                                  "SELECT " DISCLOSURE_COLUMNS " FROM disclosures"
                                  " WHERE client_id = ? ORDER BY disclosed_on DESC, at_ms DESC",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  return collect (self, stmt, error);
}

/* The accounting of disclosures 45 CFR 164.528 gives a client who asks: the disclosures it
 * requires (the basis is accountable), made in the six years up to and including day,
 * oldest first. The earliest day included is day six years earlier (29 February falls back
 * to 28 February). */
GPtrArray *
alcove_disclosure_store_accounting (AlcoveDisclosureStore  *self,
                                    const char             *client_id,
                                    GDate                  *day,
                                    GError                **error)
{
  g_autoptr(GDate) first = NULL;
  char from_text[16], to_text[16];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE_STORE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  first = g_date_copy (day);
  g_date_subtract_years (first, ALCOVE_ACCOUNTING_YEARS);
  g_date_strftime (from_text, sizeof from_text, "%Y-%m-%d", first);
  g_date_strftime (to_text, sizeof to_text, "%Y-%m-%d", day);
  stmt = alcove_database_prepare (alcove_vault_get_database (self->vault),
                                  "SELECT " DISCLOSURE_COLUMNS " FROM disclosures"
                                  " WHERE client_id = ? AND accountable = 1"
                                  " AND disclosed_on >= ? AND disclosed_on <= ?"
                                  " ORDER BY disclosed_on, at_ms", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to_text, -1, SQLITE_TRANSIENT);
  return collect (self, stmt, error);
}

/* Printing the accounting or the full log puts a client's disclosures on paper: audited */
void
alcove_disclosure_store_record_print (AlcoveDisclosureStore *self,
                                      const char            *client_id,
                                      gboolean               full_log)
{
  g_autofree char *details = NULL;

  g_return_if_fail (ALCOVE_IS_DISCLOSURE_STORE (self));
  details = alcove_audit_details ("report", full_log ? "log" : "accounting", NULL);
  alcove_vault_audit (self->vault, ALCOVE_AUDIT_DISCLOSURE_PRINT, client_id, details);
}
