/* alcove-documents.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-documents"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/crypto.h>

#include "alcove-documents.h"
#include "alcove-error.h"
#include "alcove-vault-private.h"

static char *
sha256_hex (GBytes *contents)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
}

static gboolean
insert_document (AlcoveDatabase  *database,
                 const char      *id,
                 GBytes          *contents,
                 const char      *name,
                 const char      *content_type,
                 const char      *actor,
                 GError         **error)
{
  g_autofree char *hash = sha256_hex (contents);
  gsize size;
  gconstpointer data = g_bytes_get_data (contents, &size);
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "INSERT INTO documents (id, name, content_type,"
                                                " size, sha256, contents, added_ms, added_by)"
                                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, content_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, size);
  sqlite3_bind_text (stmt, 5, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 6, size ? data : "", size, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / 1000);
  sqlite3_bind_text (stmt, 8, actor, -1, SQLITE_TRANSIENT);
  return alcove_database_step_done (database, stmt, error);
}

/* Returns the new document's id. The name is kept for the viewer; it stays in the vault. */
char *
alcove_documents_add (AlcoveVault  *vault,
                      GBytes       *contents,
                      const char   *name,
                      const char   *content_type,
                      GError      **error)
{
  AlcoveDatabase *database;
  g_autofree char *id = g_uuid_string_random ();

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  if (g_bytes_get_size (contents) == 0)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("The file is empty. Choose the scanned or exported document itself."));
      return NULL;
    }
  if (g_bytes_get_size (contents) > ALCOVE_DOCUMENT_MAX_BYTES)
    {
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                   _("The file is larger than 25 MB. Scan it at a lower resolution or as a "
                     "PDF, then attach it again."));
      return NULL;
    }
  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    return NULL;
  if (!insert_document (database, id, contents, name ? name : "",
                        content_type ? content_type : "application/octet-stream",
                        alcove_vault_actor (vault), error) ||
      !alcove_audit_append (alcove_vault_get_audit (vault), ALCOVE_AUDIT_DOCUMENT_ADD, id, "{}", NULL, error))
    {
      alcove_database_rollback (database);
      return NULL;
    }
  if (!alcove_database_commit (database, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
alcove_documents_check_hash (GBytes      *contents,
                             const char  *stored_sha256,
                             GError     **error)
{
  g_autofree char *hash = sha256_hex (contents);

  if (g_strcmp0 (hash, stored_sha256) == 0)
    return TRUE;
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_DAMAGED,
                       _("This document was changed after it was attached, and Alcove will"
                         " not show the altered file. Restore the vault from a backup made"
                         " before the change, and tell the practice owner."));
  return FALSE;
}

/* Reading a document is audited: it may be a signed form with a client's details. Its
 * contents are checked against the hash taken when it was added. */
GBytes *
alcove_documents_dup (AlcoveVault  *vault,
                      const char   *document_id,
                      char        **name,
                      char        **content_type,
                      GError      **error)
{
  AlcoveDatabase *database;
  sqlite3_stmt *stmt;
  GBytes *contents;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  database = alcove_vault_get_database (vault);
  stmt = alcove_database_prepare (database, "SELECT name, content_type, contents, sha256"
                                            " FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, document_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                   _("The attached document is no longer in the vault."));
      return NULL;
    }
  contents = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
  if (!alcove_documents_check_hash (contents, (const char *) sqlite3_column_text (stmt, 3),
                                    error))
    {
      sqlite3_reset (stmt);
      g_bytes_unref (contents);
      alcove_vault_audit (vault, ALCOVE_AUDIT_DOCUMENT_TAMPERED, document_id, "{}");
      return NULL;
    }
  if (name)
    *name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (content_type)
    *content_type = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  alcove_vault_audit (vault, ALCOVE_AUDIT_DOCUMENT_VIEW, document_id, "{}");
  return contents;
}
