/* alcove-note-store-cosign.c — supervision: co-signing and returning notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-store"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-note-store-private.h"
#include "alcove-vault-private.h"

/* Whether a note must be co-signed is decided when it is signed, by the practice's policy
 * (alcove_vault_cosign_required), and is part of what its hash covers. "Awaiting
 * co-signature" is then derived: a signed note that must be co-signed and has no valid
 * co-signature over its hash. A co-signature and a return are rows in the author's notes
 * store, each signed with Ed25519 by the supervisor and checked on every read against the
 * keys vault.keys lists; the store's triggers (alcove-migrations.c) keep them, and the one
 * way back to draft, even against raw SQL. The rules are here, so no caller can skip them:
 * only an active supervisor of the author, never the author, only a signed note awaiting
 * co-signature; a return needs a comment. */

/* ---- reading ---- */

static gboolean
signature_checks (AlcoveNoteStore *self,
                  const char      *user_uuid,
                  const char      *context,
                  const char      *message,
                  const char      *signature_b64)
{
  g_autofree guchar *data = NULL;
  g_autoptr(GBytes) signature = NULL;
  gsize size = 0;

  if (signature_b64 == NULL || *signature_b64 == '\0')
    return FALSE;
  data = g_base64_decode (signature_b64, &size);
  if (size == 0)
    return FALSE;
  signature = g_bytes_new_take (g_steal_pointer (&data), size);
  return alcove_vault_verify_user_signature (self->vault, user_uuid, context, message,
                                             signature);
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text ? text : "");
}

/* Valid: signed by the co-signer, who is not the author, of a note that may be co-signed */
static void
check_cosignature (AlcoveNoteStore   *self,
                   AlcoveNote        *note,
                   AlcoveCosignature *cosignature)
{
  g_autofree char *message = alcove_cosignature_dup_message (cosignature,
                                                             alcove_note_get_id (note));

  cosignature->valid = !alcove_note_is_private (note) &&
                       g_strcmp0 (cosignature->cosigner, alcove_note_get_author (note)) != 0 &&
                       signature_checks (self, cosignature->cosigner, ALCOVE_COSIGN_CONTEXT,
                                         message, cosignature->signature);
}

/* Valid: signed by the one who returned it, not the author, and the text kept is the text
 * that was signed */
static void
check_return (AlcoveNoteStore  *self,
              AlcoveNote       *note,
              AlcoveNoteReturn *note_return)
{
  g_autofree char *message = alcove_note_return_dup_message (note_return,
                                                             alcove_note_get_id (note));
  g_autofree char *hash = alcove_note_hash_canonical (note_return->canonical);

  note_return->valid = !alcove_note_is_private (note) &&
                       g_strcmp0 (note_return->returned_by, alcove_note_get_author (note)) != 0 &&
                       alcove_crypto_hex_equal (hash, note_return->hash) &&
                       signature_checks (self, note_return->returned_by, ALCOVE_RETURN_CONTEXT,
                                         message, note_return->signature);
}

/* One row of `stmt`, read into `note` */
typedef void (*RowFunc) (AlcoveNoteStore *self,
                         AlcoveNote      *note,
                         sqlite3_stmt    *stmt);

static void
add_cosignature_row (AlcoveNoteStore *self,
                     AlcoveNote      *note,
                     sqlite3_stmt    *stmt)
{
  AlcoveCosignature *cosignature = g_new0 (AlcoveCosignature, 1);

  cosignature->id = dup_text (stmt, 0);
  cosignature->hash = dup_text (stmt, 1);
  cosignature->cosigner = dup_text (stmt, 2);
  cosignature->cosigned_ms = sqlite3_column_int64 (stmt, 3);
  cosignature->signature = dup_text (stmt, 4);
  check_cosignature (self, note, cosignature);
  alcove_note_add_cosignature (note, cosignature);
}

static void
add_return_row (AlcoveNoteStore *self,
                AlcoveNote      *note,
                sqlite3_stmt    *stmt)
{
  AlcoveNoteReturn *note_return = g_new0 (AlcoveNoteReturn, 1);

  note_return->id = dup_text (stmt, 0);
  note_return->signed_ms = sqlite3_column_int64 (stmt, 1);
  note_return->signed_by = dup_text (stmt, 2);
  note_return->hash = dup_text (stmt, 3);
  note_return->canonical = dup_text (stmt, 4);
  note_return->returned_by = dup_text (stmt, 5);
  note_return->returned_ms = sqlite3_column_int64 (stmt, 6);
  note_return->comment = dup_text (stmt, 7);
  note_return->signature = dup_text (stmt, 8);
  check_return (self, note, note_return);
  alcove_note_add_return (note, note_return);
}

/* Runs `sql_template` ("@S@" the schema, ? the note's id) and hands each row to `add` */
static gboolean
load_rows (AlcoveNoteStore  *self,
           AlcoveDatabase   *database,
           const char       *schema,
           AlcoveNote       *note,
           const char       *sql_template,
           RowFunc           add,
           GError          **error)
{
  g_autoptr(GString) sql = g_string_new (sql_template);
  sqlite3_stmt *stmt;
  int rc;

  g_string_replace (sql, "@S@", schema, 0);
  stmt = alcove_database_prepare (database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add (self, note, stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || alcove_database_set_error (database, schema, rc, error);
}

/* The note's co-signatures and returns, each checked as it is read */
gboolean
alcove_note_store_load_cosign (AlcoveNoteStore  *self,
                               AlcoveDatabase   *database,
                               const char       *schema,
                               AlcoveNote       *note,
                               GError          **error)
{
  return load_rows (self, database, schema, note,
                    "SELECT id, hash, cosigner, cosigned_ms, signature FROM @S@.cosignatures"
                    " WHERE note_id = ? ORDER BY cosigned_ms, rowid",
                    add_cosignature_row, error) &&
         load_rows (self, database, schema, note,
                    "SELECT id, signed_ms, signed_by, hash, canonical, returned_by, returned_ms,"
                    " comment, signature FROM @S@.note_returns"
                    " WHERE note_id = ? ORDER BY returned_ms, rowid",
                    add_return_row, error);
}

/* A co-signature or return that does not check was written outside Alcove: audited when
 * the note is opened, as a signed note that no longer matches its hash is */
gboolean
alcove_note_store_check_cosign (AlcoveNoteStore *self,
                                AlcoveNote      *note)
{
  g_autofree char *details = NULL;

  if (!alcove_note_get_cosign_tampered (note))
    return TRUE;
  g_warning ("A co-signature or return of note %s does not verify", alcove_note_get_id (note));
  details = alcove_audit_details ("store", alcove_note_get_store_id (note),
                                  "part", "cosign", NULL);
  alcove_vault_audit (self->vault, ALCOVE_AUDIT_NOTE_TAMPERED, alcove_note_get_id (note),
                      details);
  return FALSE;
}

/* ---- who may ---- */

static gboolean
supervises_author (AlcoveNoteStore *self,
                   AlcoveUser      *user,
                   AlcoveNote      *note)
{
  g_auto(GStrv) supervisors = alcove_vault_dup_supervisors (self->vault,
                                                            alcove_note_get_author (note));

  return supervisors != NULL &&
         g_strv_contains ((const char * const *) supervisors, alcove_user_get_username (user));
}

static gboolean
check_supervisor (AlcoveNoteStore  *self,
                  AlcoveNote       *note,
                  GError          **error)
{
  AlcoveUser *user;

  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  user = alcove_vault_get_current_user (self->vault);
  if (alcove_note_is_private (note))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Psychotherapy notes are never co-signed"));
  if (user == NULL || g_strcmp0 (alcove_user_get_uuid (user), alcove_note_get_author (note)) == 0 ||
      !supervises_author (self, user, note))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Only a supervisor of the note’s author can co-sign or "
                                "return it"));
  if (alcove_note_get_cosign_state (note) != ALCOVE_COSIGN_AWAITING)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("This note is not waiting for a co-signature"));
  if (!alcove_note_store_verify (self, note))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("This note no longer matches its author’s signature, so it "
                                "cannot be co-signed or returned"));
  return TRUE;
}

gboolean
alcove_note_store_can_cosign (AlcoveNoteStore *self,
                              AlcoveNote      *note)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), FALSE);

  return check_supervisor (self, note, NULL);
}

/* The signed-in person's Ed25519 signature, base64, over `message` */
static char *
sign_message (AlcoveNoteStore  *self,
              const char       *context,
              const char       *message,
              GError          **error)
{
  g_autoptr(GBytes) signature = alcove_vault_sign_as_user (self->vault, context, message);

  if (signature == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_FAILED,
                           _("Your signing key is not available; lock Alcove and sign in "
                             "again"));
      return NULL;
    }
  return g_base64_encode (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
}

/* ---- co-signing ---- */

static gboolean
write_cosignature (AlcoveNoteStore  *self,
                   AlcoveNote       *note,
                   gboolean          unused,
                   GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (note));
  GPtrArray *cosignatures = alcove_note_get_cosignatures (note);
  AlcoveCosignature *cosignature = g_ptr_array_index (cosignatures, cosignatures->len - 1);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s.cosignatures (id, note_id, hash,"
                                          " cosigner, cosigned_ms, signature)"
                                          " VALUES (?, ?, ?, ?, ?, ?)", schema);
  sqlite3_stmt *stmt = alcove_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cosignature->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cosignature->hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, cosignature->cosigner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, cosignature->cosigned_ms);
  sqlite3_bind_text (stmt, 6, cosignature->signature, -1, SQLITE_TRANSIENT);
  return alcove_database_step_done (database, stmt, error);
}

/* A second signature over the hash the author signed, kept with the note */
gboolean
alcove_note_store_cosign (AlcoveNoteStore  *self,
                          AlcoveNote       *note,
                          GError          **error)
{
  g_autoptr(AlcoveCosignature) cosignature = NULL;
  g_autofree char *message = NULL;
  GPtrArray *cosignatures;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), FALSE);

  if (!check_supervisor (self, note, error))
    return FALSE;
  cosignature = g_new0 (AlcoveCosignature, 1);
  cosignature->id = g_uuid_string_random ();
  cosignature->hash = g_strdup (alcove_note_get_hash (note));
  cosignature->cosigner = g_strdup (alcove_vault_actor (self->vault));
  cosignature->cosigned_ms = g_get_real_time () / 1000;
  message = alcove_cosignature_dup_message (cosignature, alcove_note_get_id (note));
  cosignature->signature = sign_message (self, ALCOVE_COSIGN_CONTEXT, message, error);
  if (cosignature->signature == NULL)
    return FALSE;
  cosignature->valid = TRUE;

  alcove_note_add_cosignature (note, g_steal_pointer (&cosignature));
  if (!alcove_note_store_in_transaction (self, note, write_cosignature, FALSE,
                                         ALCOVE_AUDIT_NOTE_COSIGN, error))
    {
      cosignatures = alcove_note_get_cosignatures (note);
      g_ptr_array_remove_index (cosignatures, cosignatures->len - 1);
      return FALSE;
    }
  alcove_note_store_emit_note_changed (self, note, FALSE);
  return TRUE;
}

/* ---- returning ---- */

static gboolean
write_return (AlcoveNoteStore  *self,
              AlcoveNote       *note,
              gboolean          unused,
              GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (note));
  const AlcoveNoteReturn *note_return = alcove_note_get_last_return (note);
  g_autofree char *insert = g_strdup_printf ("INSERT INTO %s.note_returns (id, note_id,"
                                             " signed_ms, signed_by, hash, canonical,"
                                             " returned_by, returned_ms, comment, signature)"
                                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", schema);
  g_autofree char *reopen = g_strdup_printf ("UPDATE %s.notes SET status = 'draft',"
                                             " signed_ms = 0, signed_by = '', hash = '',"
                                             " cosign_required = 0, updated_ms = ?2"
                                             " WHERE id = ?1 AND status = 'signed'"
                                             " AND hash = ?3", schema);
  sqlite3_stmt *stmt = alcove_database_prepare (database, insert, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, note_return->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, note_return->signed_ms);
  sqlite3_bind_text (stmt, 4, note_return->signed_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, note_return->hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, note_return->canonical, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, note_return->returned_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, note_return->returned_ms);
  sqlite3_bind_text (stmt, 9, note_return->comment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, note_return->signature, -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;

  stmt = alcove_database_prepare (database, reopen, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, note_return->returned_ms);
  sqlite3_bind_text (stmt, 3, note_return->hash, -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  if (sqlite3_changes (alcove_database_get_handle (database)) != 1)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_FAILED,
                              _("This note changed since it was opened; open it again"));
  return alcove_note_store_set_session_status (database, note, "draft", error);
}

static AlcoveNoteReturn *
new_return (AlcoveNoteStore  *self,
            AlcoveNote       *note,
            const char       *comment,
            GError          **error)
{
  g_autoptr(AlcoveNoteReturn) note_return = g_new0 (AlcoveNoteReturn, 1);
  g_autofree char *message = NULL;

  note_return->id = g_uuid_string_random ();
  note_return->signed_ms = alcove_note_get_signed_ms (note);
  note_return->signed_by = g_strdup (alcove_note_get_signed_by (note));
  note_return->hash = g_strdup (alcove_note_get_hash (note));
  note_return->canonical = alcove_note_dup_canonical (note);
  note_return->returned_by = g_strdup (alcove_vault_actor (self->vault));
  note_return->returned_ms = g_get_real_time () / 1000;
  note_return->comment = g_strdup (comment);
  message = alcove_note_return_dup_message (note_return, alcove_note_get_id (note));
  note_return->signature = sign_message (self, ALCOVE_RETURN_CONTEXT, message, error);
  if (note_return->signature == NULL)
    return NULL;
  note_return->valid = TRUE;
  return g_steal_pointer (&note_return);
}

/* Back to its author as a draft, with the comment. The signature it had stays in its
 * history, with the text it covered. */
gboolean
alcove_note_store_return (AlcoveNoteStore  *self,
                          AlcoveNote       *note,
                          const char       *comment,
                          GError          **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (comment ? comment : ""));
  AlcoveNoteReturn *note_return;
  GPtrArray *returns;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), FALSE);

  if (!check_supervisor (self, note, error))
    return FALSE;
  if (*stripped == '\0')
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("Say what needs changing: the author sees your comment"));
  note_return = new_return (self, note, stripped, error);
  if (note_return == NULL)
    return FALSE;

  alcove_note_add_return (note, note_return);
  if (!alcove_note_store_in_transaction (self, note, write_return, FALSE,
                                         ALCOVE_AUDIT_NOTE_RETURN, error))
    {
      returns = alcove_note_get_returns (note);
      g_ptr_array_remove_index (returns, returns->len - 1);
      return FALSE;
    }
  alcove_note_set_cosign_required (note, FALSE);
  alcove_note_set_signature (note, 0, "", "");
  alcove_note_set_integrity (note, ALCOVE_NOTE_INTEGRITY_UNCHECKED);
  alcove_note_store_emit_note_changed (self, note, TRUE);
  return TRUE;
}

/* ---- the queues ---- */

static gint
compare_longest_waiting (gconstpointer a,
                         gconstpointer b)
{
  gint64 first = alcove_note_get_signed_ms (*(AlcoveNote **) a);
  gint64 second = alcove_note_get_signed_ms (*(AlcoveNote **) b);

  return (first > second) - (first < second);
}

/* The notes waiting for the signed-in person's co-signature: their supervisees' signed
 * notes that must be co-signed and are not yet, the longest waiting first */
GListModel *
alcove_note_store_list_awaiting_cosign (AlcoveNoteStore  *self,
                                        GError          **error)
{
  g_autoptr(GPtrArray) store_ids = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) waiting = g_ptr_array_new_with_free_func (g_object_unref);
  AlcoveUser *user;
  GListStore *model;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), NULL);

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  user = alcove_vault_get_current_user (self->vault);
  store_ids = alcove_note_store_readable_store_ids (self, FALSE);
  for (guint i = 0; user != NULL && i < store_ids->len; i++)
    {
      const char *store_id = g_ptr_array_index (store_ids, i);
      g_autofree char *schema = alcove_vault_schema_for (store_id);

      if (!alcove_note_store_collect_in (self, schema, store_id,
                                         "status = 'signed' AND cosign_required = 1"
                                         " AND author <> ?1",
                                         alcove_user_get_uuid (user), found, error))
        return NULL;
    }
  for (guint i = 0; i < found->len; i++)
    {
      AlcoveNote *note = g_ptr_array_index (found, i);

      if (alcove_note_get_cosign_state (note) == ALCOVE_COSIGN_AWAITING &&
          supervises_author (self, user, note))
        g_ptr_array_add (waiting, g_object_ref (note));
    }
  g_ptr_array_sort (waiting, compare_longest_waiting);
  model = g_list_store_new (ALCOVE_TYPE_NOTE);
  g_list_store_splice (model, 0, 0, waiting->pdata, waiting->len);
  return G_LIST_MODEL (model);
}

static gint
compare_latest_return (gconstpointer a,
                       gconstpointer b)
{
  gint64 first = alcove_note_get_last_return (*(AlcoveNote **) a)->returned_ms;
  gint64 second = alcove_note_get_last_return (*(AlcoveNote **) b)->returned_ms;

  return (second > first) - (second < first);
}

/* The signed-in person's own notes their supervisor returned, the latest return first */
GListModel *
alcove_note_store_list_returned (AlcoveNoteStore  *self,
                                 GError          **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  AlcoveUser *user;
  g_autofree char *store_id = NULL;
  g_autofree char *schema = NULL;
  GListStore *model;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), NULL);

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  user = alcove_vault_get_current_user (self->vault);
  if (user != NULL)
    store_id = g_strconcat ("notes:", alcove_user_get_uuid (user), NULL);
  if (store_id != NULL && alcove_vault_can_open_database (self->vault, store_id))
    {
      schema = alcove_vault_schema_for (store_id);
      if (!alcove_note_store_collect_in (self, schema, store_id,
                                         "status = 'draft' AND author = ?1 AND id IN"
                                         " (SELECT note_id FROM @S@.note_returns)",
                                         alcove_user_get_uuid (user), notes, error))
        return NULL;
    }
  g_ptr_array_sort (notes, compare_latest_return);
  model = g_list_store_new (ALCOVE_TYPE_NOTE);
  g_list_store_splice (model, 0, 0, notes->pdata, notes->len);
  return G_LIST_MODEL (model);
}
