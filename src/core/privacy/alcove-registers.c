/* alcove-registers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-registers"

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "alcove-policy.h"
#include "alcove-checklist.h"
#include "alcove-documents.h"
#include "alcove-error.h"
#include "alcove-registers.h"
#include "alcove-text.h"
#include "alcove-vault-private.h"

/* ---- words ---- */

static const char * const answer_words[] = { "unknown", "yes", "no" };
static const char * const kind_words[] = { "teletherapy", "ai-tool", "other" };
static const char * const topic_words[ALCOVE_TOPIC_N] = {
  "data-flow", "shared-spaces", "de-identifying", "breach", "ai-tools",
};
const char *
alcove_answer_to_string (AlcoveAnswer answer)
{
  g_return_val_if_fail (answer <= ALCOVE_ANSWER_NO, "unknown");
  return answer_words[answer];
}

AlcoveAnswer
alcove_answer_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (answer_words); i++)
    if (g_strcmp0 (text, answer_words[i]) == 0)
      return (AlcoveAnswer) i;
  return ALCOVE_ANSWER_UNKNOWN;
}

const char *
alcove_vendor_kind_to_string (AlcoveVendorKind kind)
{
  g_return_val_if_fail (kind <= ALCOVE_VENDOR_OTHER, "other");
  return kind_words[kind];
}

gboolean
alcove_vendor_kind_from_string (const char       *text,
                                AlcoveVendorKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_words); i++)
    if (g_strcmp0 (text, kind_words[i]) == 0)
      {
        *kind = (AlcoveVendorKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
alcove_vendor_kind_get_title (AlcoveVendorKind kind)
{
  switch (kind)
    {
    case ALCOVE_VENDOR_TELETHERAPY:
      return _("Teletherapy platform");
    case ALCOVE_VENDOR_AI_TOOL:
      return _("AI tool");
    case ALCOVE_VENDOR_OTHER:
    default:
      return _("Other service");
    }
}

const char *
alcove_ai_question_get_title (AlcoveAiQuestion question)
{
  switch (question)
    {
    case ALCOVE_AI_ENCRYPTION:
      return _("Encrypted in transit (TLS 1.2 or later) and at rest");
    case ALCOVE_AI_NO_TRAINING:
      return _("No training on client data, confirmed in writing");
    case ALCOVE_AI_STORAGE:
      return _("Where data is stored is known");
    case ALCOVE_AI_DELETION:
      return _("Deletes data on request");
    case ALCOVE_AI_AUDIT_TRAIL:
      return _("Keeps audit trails");
    case ALCOVE_AI_N_QUESTIONS:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
alcove_device_check_get_title (AlcoveDeviceCheck check)
{
  switch (check)
    {
    case ALCOVE_DEVICE_DISK_ENCRYPTION:
      return _("Disk encryption on");
    case ALCOVE_DEVICE_SCREEN_LOCK:
      return _("Screen locks with a password");
    case ALCOVE_DEVICE_UPDATES:
      return _("Security updates installed");
    case ALCOVE_DEVICE_MFA:
      return _("Multi-factor authentication on its accounts");
    case ALCOVE_DEVICE_NO_PUBLIC_WIFI:
      return _("No public Wi-Fi without a VPN");
    case ALCOVE_DEVICE_N_CHECKS:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
alcove_training_topic_to_string (AlcoveTrainingTopic topic)
{
  g_return_val_if_fail (topic < ALCOVE_TOPIC_N, "");
  return topic_words[topic];
}

const char *
alcove_training_topic_get_title (AlcoveTrainingTopic topic)
{
  switch (topic)
    {
    case ALCOVE_TOPIC_DATA_FLOW:
      return _("How data flows through the practice");
    case ALCOVE_TOPIC_SHARED_SPACES:
      return _("Risks of shared spaces");
    case ALCOVE_TOPIC_DE_IDENTIFYING:
      return _("De-identifying for supervision");
    case ALCOVE_TOPIC_BREACH:
      return _("Recognising a breach and the first hour");
    case ALCOVE_TOPIC_AI_TOOLS:
      return _("The approved AI tools");
    case ALCOVE_TOPIC_N:
    default:
      g_return_val_if_reached ("");
    }
}

/* "data-flow;breach" → the bits; unknown ids are ignored */
guint
alcove_training_topics_from_string (const char *ids)
{
  g_auto(GStrv) parts = g_strsplit (ids ? ids : "", ";", -1);
  guint topics = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    for (guint t = 0; t < ALCOVE_TOPIC_N; t++)
      if (g_str_equal (parts[i], topic_words[t]))
        topics |= 1u << t;
  return topics;
}

char *
alcove_training_topics_to_string (guint topics)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint t = 0; t < ALCOVE_TOPIC_N; t++)
    if (topics & (1u << t))
      g_string_append_printf (text, "%s%s", text->len ? ";" : "", topic_words[t]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- the structs ---- */

AlcoveVendor *
alcove_vendor_new (void)
{
  AlcoveVendor *vendor = g_new0 (AlcoveVendor, 1);

  vendor->kind = ALCOVE_VENDOR_OTHER;
  return vendor;
}

AlcoveVendor *
alcove_vendor_copy (const AlcoveVendor *vendor)
{
  AlcoveVendor *copy = g_memdup2 (vendor, sizeof *vendor);

  copy->id = g_strdup (vendor->id);
  copy->name = g_strdup (vendor->name);
  copy->baa_signed_on = g_strdup (vendor->baa_signed_on);
  copy->storage_location = g_strdup (vendor->storage_location);
  copy->reviewed_on = g_strdup (vendor->reviewed_on);
  copy->reviewed_by = g_strdup (vendor->reviewed_by);
  return copy;
}

void
alcove_vendor_free (AlcoveVendor *vendor)
{
  if (vendor == NULL)
    return;
  g_free (vendor->id);
  g_free (vendor->name);
  g_free (vendor->baa_signed_on);
  g_free (vendor->storage_location);
  g_free (vendor->reviewed_on);
  g_free (vendor->reviewed_by);
  g_free (vendor);
}

gboolean
alcove_vendor_ai_answers_ok (const AlcoveVendor *vendor)
{
  g_return_val_if_fail (vendor != NULL, FALSE);

  if (vendor->baa != ALCOVE_ANSWER_YES)
    return FALSE;
  for (guint q = 0; q < ALCOVE_AI_N_QUESTIONS; q++)
    if (vendor->answers[q] != ALCOVE_ANSWER_YES)
      return FALSE;
  return !alcove_text_is_blank (vendor->storage_location);
}

AlcoveDevice *
alcove_device_new (void)
{
  return g_new0 (AlcoveDevice, 1);
}

AlcoveDevice *
alcove_device_copy (const AlcoveDevice *device)
{
  AlcoveDevice *copy = g_memdup2 (device, sizeof *device);

  copy->id = g_strdup (device->id);
  copy->name = g_strdup (device->name);
  copy->used_by = g_strdup (device->used_by);
  copy->attested_on = g_strdup (device->attested_on);
  copy->attested_by = g_strdup (device->attested_by);
  return copy;
}

void
alcove_device_free (AlcoveDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->id);
  g_free (device->name);
  g_free (device->used_by);
  g_free (device->attested_on);
  g_free (device->attested_by);
  g_free (device);
}

gboolean
alcove_device_all_checks (const AlcoveDevice *device)
{
  g_return_val_if_fail (device != NULL, FALSE);

  for (guint c = 0; c < ALCOVE_DEVICE_N_CHECKS; c++)
    if (!device->checks[c])
      return FALSE;
  return TRUE;
}

AlcoveTraining *
alcove_training_new (void)
{
  return g_new0 (AlcoveTraining, 1);
}

void
alcove_training_free (AlcoveTraining *training)
{
  if (training == NULL)
    return;
  g_free (training->id);
  g_free (training->held_on);
  g_strfreev (training->attendees);
  g_free (training->recorded_by);
  g_free (training);
}

void
alcove_policy_review_free (AlcovePolicyReview *review)
{
  if (review == NULL)
    return;
  g_free (review->id);
  g_free (review->document_id);
  g_free (review->reviewed_on);
  g_free (review->reviewed_by);
  g_free (review);
}

/* ---- checks shared by every change ---- */

gboolean
alcove_registers_can_edit (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  return alcove_policy_allows (vault, ALCOVE_CAPABILITY_EDIT_REGISTERS);
}

static gboolean
require_owner (AlcoveVault  *vault,
               GError      **error)
{
  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  if (!alcove_registers_can_edit (vault))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Only the practice owner may change the privacy registers. Ask "
                             "the owner to record this."));
      return FALSE;
    }
  return TRUE;
}

static const char *
text_or_empty (const char *text)
{
  return text ? text : "";
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* A day in the past or today, as YYYY-MM-DD; what names the field in the message */
static gboolean
check_day (const char  *day,
           const char  *what,
           GError     **error)
{
  GDate date, today;

  if (!alcove_date_to_gdate (day, &date))
    {
      /* Translators: %s names a date field, e.g. "The review date" */
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("%s is not a date. Write it as YYYY-MM-DD, for example 2025-03-14."),
                   what);
      return FALSE;
    }
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  if (g_date_compare (&date, &today) > 0)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("%s is in the future. Record what has already happened, with its date."),
                   what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_name (const char  *name,
            const char  *message,
            GError     **error)
{
  if (alcove_text_is_blank (name))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID, message);
      return FALSE;
    }
  return TRUE;
}

/* The change and its audit rows in one transaction. attest_item: also a checklist.attest
 * row for that item (NULL: none). */
typedef gboolean (*WriteFunc) (AlcoveDatabase *database, gpointer data, GError **error);

static gboolean
write_audited (AlcoveVault  *vault,
               WriteFunc     write,
               gpointer      data,
               const char   *action,
               const char   *object_id,
               const char   *change,
               const char   *attest_item,
               const char   *attest_day,
               GError      **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (vault);
  AlcoveAudit *audit = alcove_vault_get_audit (vault);
  g_autofree char *details = alcove_audit_details ("change", change, NULL);
  g_autofree char *attest = attest_item ? alcove_audit_details ("item", attest_item,
                                                                "on", attest_day, NULL)
                                        : NULL;

  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!write (database, data, error) ||
      !alcove_audit_append (audit, action, object_id, details, NULL, error) ||
      (attest != NULL &&
       !alcove_audit_append (audit, ALCOVE_AUDIT_CHECKLIST_ATTEST, object_id, attest, NULL,
                             error)))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (!alcove_database_commit (database, error))
    return FALSE;
  alcove_vault_emit_changed (vault, "registers");
  return TRUE;
}

/* ---- the privacy policy ---- */

AlcovePolicyReview *
alcove_registers_get_policy (AlcoveVault  *vault,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  AlcovePolicyReview *review;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                  "SELECT id, document_id, reviewed_on, reviewed_by"
                                  " FROM policy_reviews ORDER BY reviewed_on DESC, recorded_ms DESC"
                                  " LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  review = g_new0 (AlcovePolicyReview, 1);
  review->id = column_dup (stmt, 0);
  review->document_id = column_dup (stmt, 1);
  review->reviewed_on = column_dup (stmt, 2);
  review->reviewed_by = column_dup (stmt, 3);
  sqlite3_reset (stmt);
  return review;
}

typedef struct
{
  const char *id;
  const char *document_id;
  const char *reviewed_on;
  const char *reviewed_by;
} PolicyRow;

static gboolean
insert_policy (AlcoveDatabase  *database,
               gpointer         data,
               GError         **error)
{
  PolicyRow *row = data;
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "INSERT INTO policy_reviews (id, document_id,"
                                                " reviewed_on, reviewed_by, recorded_ms)"
                                                " VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->document_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->reviewed_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, row->reviewed_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / 1000);
  return alcove_database_step_done (database, stmt, error);
}

gboolean
alcove_registers_review_policy (AlcoveVault  *vault,
                                const char   *document_id,
                                const char   *reviewed_on,
                                GError      **error)
{
  g_autoptr(AlcovePolicyReview) current = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  PolicyRow row;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  if (!require_owner (vault, error) ||
      !check_day (reviewed_on, _("The review date"), error))
    return FALSE;
  if (document_id == NULL || *document_id == '\0')
    {
      current = alcove_registers_get_policy (vault, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (current == NULL || *current->document_id == '\0')
        {
          g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                               _("No privacy policy is attached yet. Choose the policy "
                                 "document (a PDF or text file) first."));
          return FALSE;
        }
      document_id = current->document_id;
    }
  row = (PolicyRow) { id, document_id, reviewed_on, alcove_vault_actor (vault) };
  return write_audited (vault, insert_policy, &row, ALCOVE_AUDIT_REGISTER_POLICY, id,
                        current ? "review" : "attach", "privacy-policy", reviewed_on, error);
}

gboolean
alcove_registers_attach_policy (AlcoveVault   *vault,
                                GBytes        *contents,
                                const char    *name,
                                const char    *content_type,
                                const char    *reviewed_on,
                                GError       **error)
{
  AlcoveDatabase *database;
  g_autofree char *document_id = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  /* refuse before anything is written */
  if (!require_owner (vault, error) ||
      !check_day (reviewed_on, _("The review date"), error))
    return FALSE;
  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  document_id = alcove_documents_add (vault, contents, name, content_type, error);
  if (document_id == NULL ||
      !alcove_registers_review_policy (vault, document_id, reviewed_on, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  return alcove_database_commit (database, error);
}

/* ---- vendors ---- */

#define VENDOR_COLUMNS "id, name, kind, baa, baa_signed_on, encryption, no_training, storage," \
                       " deletion, audit_trail, storage_location, reviewed_on, reviewed_by"

static AlcoveVendor *
vendor_from_row (sqlite3_stmt *stmt)
{
  AlcoveVendor *vendor = alcove_vendor_new ();

  vendor->id = column_dup (stmt, 0);
  vendor->name = column_dup (stmt, 1);
  alcove_vendor_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &vendor->kind);
  vendor->baa = alcove_answer_from_string ((const char *) sqlite3_column_text (stmt, 3));
  vendor->baa_signed_on = column_dup (stmt, 4);
  for (guint q = 0; q < ALCOVE_AI_N_QUESTIONS; q++)
    vendor->answers[q] = alcove_answer_from_string ((const char *) sqlite3_column_text (stmt, 5 + q));
  vendor->storage_location = column_dup (stmt, 10);
  vendor->reviewed_on = column_dup (stmt, 11);
  vendor->reviewed_by = column_dup (stmt, 12);
  return vendor;
}

GPtrArray *
alcove_registers_list_vendors (AlcoveVault  *vault,
                               GError      **error)
{
  g_autoptr(GPtrArray) vendors = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_vendor_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                  "SELECT " VENDOR_COLUMNS " FROM vendors"
                                  " ORDER BY CASE kind WHEN 'teletherapy' THEN 0"
                                  " WHEN 'ai-tool' THEN 1 ELSE 2 END, name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (vendors, vendor_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (alcove_vault_get_database (vault), "main", rc, error);
      return NULL;
    }
  return g_steal_pointer (&vendors);
}

static gboolean
write_vendor (AlcoveDatabase  *database,
              gpointer         data,
              GError         **error)
{
  AlcoveVendor *vendor = data;
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "INSERT OR REPLACE INTO vendors (" VENDOR_COLUMNS
                                                ", updated_ms) VALUES"
                                                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                                error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, vendor->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, vendor->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, alcove_vendor_kind_to_string (vendor->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, alcove_answer_to_string (vendor->baa), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, text_or_empty (vendor->baa_signed_on), -1, SQLITE_TRANSIENT);
  for (guint q = 0; q < ALCOVE_AI_N_QUESTIONS; q++)
    sqlite3_bind_text (stmt, 6 + q, alcove_answer_to_string (vendor->answers[q]), -1,
                       SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, text_or_empty (vendor->storage_location), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, vendor->reviewed_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, vendor->reviewed_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 14, g_get_real_time () / 1000);
  return alcove_database_step_done (database, stmt, error);
}

static gboolean
validate_vendor (AlcoveVendor  *vendor,
                 GError       **error)
{
  if (!check_name (vendor->name, _("Give the vendor’s or product’s name, for example "
                                   "“Doxy.me”."), error) ||
      !check_day (vendor->reviewed_on, _("The date the answers were confirmed"), error))
    return FALSE;
  if (vendor->baa == ALCOVE_ANSWER_YES &&
      !check_day (vendor->baa_signed_on, _("The date the BAA was signed"), error))
    return FALSE;
  return TRUE;
}

static const char *
vendor_attest_item (AlcoveVendor *vendor)
{
  switch (vendor->kind)
    {
    case ALCOVE_VENDOR_TELETHERAPY:
      return "teletherapy-baa";
    case ALCOVE_VENDOR_AI_TOOL:
      return "ai-tools";
    case ALCOVE_VENDOR_OTHER:
    default:
      return NULL;
    }
}

gboolean
alcove_registers_save_vendor (AlcoveVault   *vault,
                              AlcoveVendor  *vendor,
                              GError       **error)
{
  gboolean is_new;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (vendor != NULL, FALSE);

  if (!require_owner (vault, error) || !validate_vendor (vendor, error))
    return FALSE;
  g_strstrip (vendor->name);
  if (vendor->baa != ALCOVE_ANSWER_YES)
    g_clear_pointer (&vendor->baa_signed_on, g_free);
  is_new = vendor->id == NULL;
  if (is_new)
    vendor->id = g_uuid_string_random ();
  g_free (vendor->reviewed_by);
  vendor->reviewed_by = g_strdup (alcove_vault_actor (vault));
  if (write_audited (vault, write_vendor, vendor, ALCOVE_AUDIT_REGISTER_VENDOR, vendor->id,
                     is_new ? "add" : "update", vendor_attest_item (vendor), vendor->reviewed_on,
                     error))
    return TRUE;
  if (is_new)
    g_clear_pointer (&vendor->id, g_free);
  return FALSE;
}

static gboolean
delete_row (AlcoveDatabase  *database,
            const char      *sql,
            const char      *id,
            GError         **error)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  if (sqlite3_changes (alcove_database_get_handle (database)) == 0)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                           _("That entry is no longer in the register."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_vendor (AlcoveDatabase  *database,
               gpointer         data,
               GError         **error)
{
  return delete_row (database, "DELETE FROM vendors WHERE id = ?", data, error);
}

gboolean
alcove_registers_remove_vendor (AlcoveVault  *vault,
                                const char   *vendor_id,
                                GError      **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (vendor_id != NULL, FALSE);

  if (!require_owner (vault, error))
    return FALSE;
  return write_audited (vault, delete_vendor, (gpointer) vendor_id, ALCOVE_AUDIT_REGISTER_VENDOR,
                        vendor_id, "remove", NULL, NULL, error);
}

/* ---- devices ---- */

#define DEVICE_COLUMNS "id, name, used_by, disk_encryption, screen_lock, updates, mfa," \
                       " no_public_wifi, attested_on, attested_by"

GPtrArray *
alcove_registers_list_devices (AlcoveVault  *vault,
                               GError      **error)
{
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_device_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                  "SELECT " DEVICE_COLUMNS " FROM devices"
                                  " ORDER BY name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlcoveDevice *device = alcove_device_new ();

      device->id = column_dup (stmt, 0);
      device->name = column_dup (stmt, 1);
      device->used_by = column_dup (stmt, 2);
      for (guint c = 0; c < ALCOVE_DEVICE_N_CHECKS; c++)
        device->checks[c] = sqlite3_column_int (stmt, 3 + c) != 0;
      device->attested_on = column_dup (stmt, 8);
      device->attested_by = column_dup (stmt, 9);
      g_ptr_array_add (devices, device);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (alcove_vault_get_database (vault), "main", rc, error);
      return NULL;
    }
  return g_steal_pointer (&devices);
}

static gboolean
write_device (AlcoveDatabase  *database,
              gpointer         data,
              GError         **error)
{
  AlcoveDevice *device = data;
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "INSERT OR REPLACE INTO devices (" DEVICE_COLUMNS
                                                ", updated_ms) VALUES"
                                                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, device->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, text_or_empty (device->used_by), -1, SQLITE_TRANSIENT);
  for (guint c = 0; c < ALCOVE_DEVICE_N_CHECKS; c++)
    sqlite3_bind_int (stmt, 4 + c, device->checks[c] ? 1 : 0);
  sqlite3_bind_text (stmt, 9, device->attested_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, device->attested_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, g_get_real_time () / 1000);
  return alcove_database_step_done (database, stmt, error);
}

gboolean
alcove_registers_save_device (AlcoveVault   *vault,
                              AlcoveDevice  *device,
                              GError       **error)
{
  gboolean is_new;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (device != NULL, FALSE);

  if (!require_owner (vault, error) ||
      !check_name (device->name, _("Give the device a name people recognise, for example "
                                   "“Front desk laptop”."), error) ||
      !check_day (device->attested_on, _("The date you checked the device"), error))
    return FALSE;
  g_strstrip (device->name);
  is_new = device->id == NULL;
  if (is_new)
    device->id = g_uuid_string_random ();
  g_free (device->attested_by);
  device->attested_by = g_strdup (alcove_vault_actor (vault));
  if (write_audited (vault, write_device, device, ALCOVE_AUDIT_REGISTER_DEVICE, device->id,
                     is_new ? "add" : "update", "devices", device->attested_on, error))
    return TRUE;
  if (is_new)
    g_clear_pointer (&device->id, g_free);
  return FALSE;
}

static gboolean
delete_device (AlcoveDatabase  *database,
               gpointer         data,
               GError         **error)
{
  return delete_row (database, "DELETE FROM devices WHERE id = ?", data, error);
}

gboolean
alcove_registers_remove_device (AlcoveVault  *vault,
                                const char   *device_id,
                                GError      **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (device_id != NULL, FALSE);

  if (!require_owner (vault, error))
    return FALSE;
  return write_audited (vault, delete_device, (gpointer) device_id, ALCOVE_AUDIT_REGISTER_DEVICE,
                        device_id, "remove", NULL, NULL, error);
}

/* ---- training ---- */

GPtrArray *
alcove_registers_list_training (AlcoveVault  *vault,
                                GError      **error)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_training_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                  "SELECT id, held_on, attendees, topics, recorded_by FROM training"
                                  " ORDER BY held_on DESC, recorded_ms DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlcoveTraining *training = alcove_training_new ();
      const char *attendees = (const char *) sqlite3_column_text (stmt, 2);

      training->id = column_dup (stmt, 0);
      training->held_on = column_dup (stmt, 1);
      training->attendees = *attendees ? g_strsplit (attendees, ";", -1) : g_new0 (char *, 1);
      training->topics = alcove_training_topics_from_string ((const char *) sqlite3_column_text (stmt, 3));
      training->recorded_by = column_dup (stmt, 4);
      g_ptr_array_add (log, training);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (alcove_vault_get_database (vault), "main", rc, error);
      return NULL;
    }
  return g_steal_pointer (&log);
}

static gboolean
insert_training (AlcoveDatabase  *database,
                 gpointer         data,
                 GError         **error)
{
  AlcoveTraining *training = data;
  g_autofree char *attendees = g_strjoinv (";", training->attendees);
  g_autofree char *topics = alcove_training_topics_to_string (training->topics);
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "INSERT INTO training (id, held_on, attendees,"
                                                " topics, recorded_by, recorded_ms)"
                                                " VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, training->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, training->held_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, attendees, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, topics, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, training->recorded_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / 1000);
  return alcove_database_step_done (database, stmt, error);
}

gboolean
alcove_registers_add_training (AlcoveVault     *vault,
                               AlcoveTraining  *training,
                               GError         **error)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (training != NULL && training->id == NULL, FALSE);

  if (!require_owner (vault, error) ||
      !check_day (training->held_on, _("The training date"), error))
    return FALSE;
  if (training->attendees == NULL || training->attendees[0] == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Choose who attended the training."));
      return FALSE;
    }
  for (guint i = 0; training->attendees[i] != NULL; i++)
    if (!g_uuid_string_is_valid (training->attendees[i]))
      {
        g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                             _("An attendee is not a person in this vault. Choose attendees "
                               "from the practice’s users."));
        return FALSE;
      }
  if ((training->topics & ALCOVE_TOPIC_ALL) == 0)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Choose at least one topic the training covered."));
      return FALSE;
    }
  training->id = g_uuid_string_random ();
  g_free (training->recorded_by);
  training->recorded_by = g_strdup (alcove_vault_actor (vault));
  if (write_audited (vault, insert_training, training, ALCOVE_AUDIT_REGISTER_TRAINING,
                     training->id, "add", "training", training->held_on, error))
    return TRUE;
  g_clear_pointer (&training->id, g_free);
  return FALSE;
}
