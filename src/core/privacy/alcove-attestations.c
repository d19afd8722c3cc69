/* alcove-attestations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-attestations"

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "alcove-attestations.h"
#include "alcove-checklist-facts.h"
#include "alcove-error.h"
#include "alcove-policy.h"
#include "alcove-practice-settings.h"
#include "alcove-vault-private.h"

#define ATTESTATION_CONTEXT "io.github.alcove_notes.Alcove.checklist-attestation-1"

/* What is signed: the vault, the row's id, the item, the words, who and when */
static char *
dup_message (AlcoveVault *vault,
             const char  *id,
             const char  *item,
             const char  *statement,
             const char  *attested_by,
             gint64       attested_ms)
{
  return g_strdup_printf ("%s\n%s\n%s\n%s\n%s\n%" G_GINT64_FORMAT, alcove_vault_get_uuid (vault),
                          id, item, statement, attested_by, attested_ms);
}

static char *
dup_person_name (AlcoveVault *vault,
                 const char  *user_uuid)
{
  AlcoveHeaderUser *user = alcove_header_find_user (vault->header, user_uuid);

  if (user == NULL)
    return NULL;
  return g_strdup (user->full_name != NULL && *user->full_name != '\0' ? user->full_name
                                                                          : user->username);
}

/* The local day of a time in Unix milliseconds */
static void
day_of_ms (gint64  ms,
           GDate  *day)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (ms / 1000);

  g_date_clear (day, 1);
  if (moment != NULL)
    g_date_set_dmy (day, (GDateDay) g_date_time_get_day_of_month (moment),
                    (GDateMonth) g_date_time_get_month (moment),
                    (GDateYear) g_date_time_get_year (moment));
}

gboolean
alcove_attestations_can_attest (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  return alcove_policy_allows (vault, ALCOVE_CAPABILITY_ATTEST_CHECKLIST) &&
         alcove_vault_get_current_user (vault) != NULL;
}

/* Whether the item's list is empty today, so that a statement is what it lacks */
static gboolean
item_attestable (AlcoveVault           *vault,
                 AlcoveChecklistItemId  id,
                 GError               **error)
{
  AlcoveChecklistFacts facts;
  g_autoptr(GPtrArray) items = NULL;
  GDate today;
  gboolean attestable;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  alcove_checklist_facts_init (&facts);
  if (!alcove_checklist_facts_gather (vault, &today, &facts, error))
    {
      alcove_checklist_facts_clear (&facts);
      return FALSE;
    }
  items = alcove_checklist_evaluate (&facts, &today);
  attestable = ((AlcoveChecklistItem *) g_ptr_array_index (items, id))->attestable;
  alcove_checklist_facts_clear (&facts);
  if (!attestable)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("This item is judged from what the vault holds; there is "
                                "nothing to attest"));
  return TRUE;
}

gboolean
alcove_attestations_attest (AlcoveVault            *vault,
                            AlcoveChecklistItemId   item,
                            GError                **error)
{
  const AlcoveChecklistDefinition *definition;
  AlcoveDatabase *database;
  sqlite3_stmt *stmt;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *message = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *details = NULL;
  g_autofree char *day_text = NULL;
  const char *attested_by;
  gint64 attested_ms = g_get_real_time () / 1000;
  GDate day;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (item < ALCOVE_CHECKLIST_N_ITEMS, FALSE);

  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  if (!alcove_attestations_can_attest (vault))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Only a practice owner attests the privacy checklist"));
  definition = alcove_checklist_get_definition (item);
  if (definition->attestation == NULL)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("This item is judged from what the vault holds; there is "
                                "nothing to attest"));
  if (!item_attestable (vault, item, error))
    return FALSE;

  attested_by = alcove_user_get_uuid (alcove_vault_get_current_user (vault));
  message = dup_message (vault, id, definition->id_string, definition->attestation_source,
                         attested_by, attested_ms);
  signature = alcove_practice_sign (vault, ATTESTATION_CONTEXT, message, error);
  if (signature == NULL)
    return FALSE;
  day_of_ms (attested_ms, &day);
  day_text = alcove_date_to_iso (&day);
  details = alcove_audit_details ("item", definition->id_string, "on", day_text, NULL);

  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  stmt = alcove_database_prepare (database,
                                  "INSERT INTO main.checklist_attestations"
                                  " (id, item, statement, attested_by, attested_ms, signature)"
                                  " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, definition->id_string, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, definition->attestation_source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, attested_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, attested_ms);
  sqlite3_bind_text (stmt, 6, signature, -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error) ||
      !alcove_audit_append (alcove_vault_get_audit (vault), ALCOVE_AUDIT_CHECKLIST_ATTEST,
                            definition->id_string, details, NULL, error) ||
      !alcove_database_commit (database, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  alcove_vault_emit_changed (vault, "registers");
  return TRUE;
}

/* A row that does not hold is someone's forgery or edit: audited once while this vault object
 * lives (the dashboard gathers facts often), by the row's id, which says nothing of a client */
static void
reject_row (AlcoveVault *vault,
            const char  *id,
            const char  *item)
{
  GHashTable *audited = g_object_get_data (G_OBJECT (vault), "alcove-attestations-audited");

  if (audited == NULL)
    {
      audited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (vault), "alcove-attestations-audited", audited,
                              (GDestroyNotify) g_hash_table_unref);
    }
  if (g_hash_table_contains (audited, id))
    return;
  g_warning ("An attestation of %s is not signed by someone who may attest; it is ignored",
             item);
  alcove_vault_audit (vault, ALCOVE_AUDIT_ATTESTATION_REJECTED, id, NULL);
  g_hash_table_add (audited, g_strdup (id));
}

/* A row counts if its signer signed exactly it and may attest */
static gboolean
row_holds (AlcoveVault *vault,
           const char  *id,
           const char  *item,
           const char  *statement,
           const char  *attested_by,
           gint64       attested_ms,
           const char  *signature)
{
  g_autofree char *message = dup_message (vault, id, item, statement, attested_by, attested_ms);
  AlcoveRole role;

  return alcove_practice_signed_by (vault, attested_by, ATTESTATION_CONTEXT, message, signature,
                                    &role) &&
         alcove_policy_role_allows (role, ALCOVE_CAPABILITY_ATTEST_CHECKLIST);
}

gboolean
alcove_attestations_gather (AlcoveVault           *vault,
                            AlcoveChecklistFacts  *facts,
                            GError               **error)
{
  AlcoveDatabase *database;
  sqlite3_stmt *stmt;
  gint64 newest[ALCOVE_CHECKLIST_N_ITEMS] = { 0 };
  int rc;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (facts != NULL, FALSE);

  database = alcove_vault_get_database (vault);
  stmt = alcove_database_prepare (database,
                                  "SELECT id, item, statement, attested_by, attested_ms, signature"
                                  " FROM main.checklist_attestations ORDER BY attested_ms", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = alcove_database_column_text (stmt, 0);
      const char *item_text = alcove_database_column_text (stmt, 1);
      const char *statement = alcove_database_column_text (stmt, 2);
      const char *attested_by = alcove_database_column_text (stmt, 3);
      gint64 attested_ms = sqlite3_column_int64 (stmt, 4);
      const char *signature = alcove_database_column_text (stmt, 5);
      const AlcoveChecklistDefinition *definition;
      AlcoveChecklistAttestation *attestation;
      AlcoveChecklistItemId item;

      if (!alcove_checklist_item_id_from_string (item_text, &item))
        continue;
      definition = alcove_checklist_get_definition (item);
      /* words that are no longer the item's were a different statement */
      if (g_strcmp0 (definition->attestation_source, statement) != 0 ||
          attested_ms < newest[item])
        continue;
      if (!row_holds (vault, id, item_text, statement, attested_by, attested_ms, signature))
        {
          reject_row (vault, id, item_text);
          continue;
        }
      attestation = &facts->attestations[item];
      newest[item] = attested_ms;
      day_of_ms (attested_ms, &attestation->day);
      g_free (attestation->by_name);
      attestation->by_name = dup_person_name (vault, attested_by);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (database, "main", rc, error);
  return TRUE;
}
