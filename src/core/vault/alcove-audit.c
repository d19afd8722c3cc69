/* alcove-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <json-glib/json-glib.h>

#include "alcove-audit.h"
#include "alcove-crypto.h"
#include "alcove-error.h"
#include "alcove-signing.h"

/* The audit log is a chain: mac(n) = HMAC(K_audit, mac(n-1) || canonical(row n)), with
 * K_audit = HKDF(K_practice, "alcove audit"). Triggers refuse UPDATE and DELETE; the chain
 * shows any edit made around them, at the first row that no longer matches.
 *
 * Every account holds K_practice, so an insider could drop the triggers and re-chain.
 * Each row is therefore also signed by its author: sig(n) = Ed25519 over "alcove-v2 audit"
 * NUL mac(n), with the author's key (a user's, or the recovery key's). Re-chaining after
 * an edit changes every later mac, and the other authors' signatures over them no longer
 * verify. The actor of a row is always the signed-in person: callers do not choose it. */
struct _AlcoveAudit
{
  GObject            parent_instance;

  AlcoveDatabase    *database;
  AlcoveSecret      *key;
  AlcoveSigner      *signer;     /* NULL: rows are left unsigned (a format 1 vault) */
  char              *actor;
  AlcoveAuditKeysFunc keys_func;
  gpointer           keys_data;
  GDestroyNotify     keys_destroy;
  gint64             signed_from;
  gint64             checked_rows;
  char              *checked_mac;
  gint64             signatures_checked;  /* by the last verification */
  gint64             verified_rows;       /* the last row it found intact, and its mac */
  char              *verified_mac;
};

#define CONTEXT_AUDIT "alcove-v2 audit"

G_DEFINE_FINAL_TYPE (AlcoveAudit, alcove_audit, G_TYPE_OBJECT)

static void
alcove_audit_finalize (GObject *object)
{
  AlcoveAudit *self = ALCOVE_AUDIT (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->key, alcove_secret_free);
  g_clear_pointer (&self->signer, alcove_signer_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->checked_mac, g_free);
  g_clear_pointer (&self->verified_mac, g_free);
  if (self->keys_destroy != NULL)
    self->keys_destroy (self->keys_data);

  G_OBJECT_CLASS (alcove_audit_parent_class)->finalize (object);
}

enum { APPENDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
alcove_audit_class_init (AlcoveAuditClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_audit_finalize;

  /* A row was written; emitted on the thread that wrote it */
  signals[APPENDED] = g_signal_new ("appended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
alcove_audit_init (AlcoveAudit *self)
{
  self->signed_from = 1;
}

#define CHAIN_KEY "audit_chain_key"

/* The chain's key outlives a rotation of the practice key: it was derived from the first
 * one and is kept inside practice.db, so the copy made under a new key carries it. It is
 * no secret among the practice (every account reads practice.db); the authors'
 * signatures are what an insider cannot forge. */
static AlcoveSecret *
chain_key (AlcoveDatabase     *database,
           const AlcoveSecret *practice_key)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "SELECT value FROM main.meta WHERE key = ?", NULL);
  AlcoveSecret *key = NULL;
  g_autofree char *hex = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, CHAIN_KEY, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          sqlite3_column_bytes (stmt, 0) == 2 * ALCOVE_KEY_SIZE)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, 0);

          key = alcove_secret_new (ALCOVE_KEY_SIZE);
          for (guint i = 0; i < ALCOVE_KEY_SIZE; i++)
            alcove_secret_get_data (key)[i] = (g_ascii_xdigit_value (text[2 * i]) << 4) |
                                              g_ascii_xdigit_value (text[2 * i + 1]);
        }
      sqlite3_reset (stmt);
    }
  if (key != NULL)
    return key;

  key = alcove_crypto_derive_subkey (practice_key, "alcove audit");
  stmt = alcove_database_prepare (database,
                                  "INSERT OR IGNORE INTO main.meta (key, value) VALUES (?, ?)", NULL);
  if (stmt != NULL)
    {
      hex = g_malloc (2 * ALCOVE_KEY_SIZE + 1);
      for (guint i = 0; i < ALCOVE_KEY_SIZE; i++)
        g_snprintf (hex + 2 * i, 3, "%02x", alcove_secret_get_data (key)[i]);
      sqlite3_bind_text (stmt, 1, CHAIN_KEY, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, hex, -1, SQLITE_TRANSIENT);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
      gnutls_memset (hex, 0, 2 * ALCOVE_KEY_SIZE);
    }
  return key;
}

/* `actor` is who writes through this object: a user uuid or "recovery"; `signer` their
 * signing key, or NULL while a format 1 vault is not yet upgraded. */
AlcoveAudit *
alcove_audit_new (AlcoveDatabase     *database,
                  const AlcoveSecret *practice_key,
                  const char         *actor,
                  const AlcoveSigner *signer)
{
  AlcoveAudit *self = g_object_new (ALCOVE_TYPE_AUDIT, NULL);

  self->database = g_object_ref (database);
  self->key = chain_key (database, practice_key);
  self->actor = g_strdup (actor);
  self->signer = signer ? alcove_signer_copy (signer) : NULL;
  return self;
}

const char *
alcove_audit_get_actor (AlcoveAudit *self)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT (self), NULL);
  return self->actor;
}

/* How verification finds the keys an actor may have signed with. */
void
alcove_audit_set_keys_func (AlcoveAudit         *self,
                            AlcoveAuditKeysFunc  func,
                            gpointer             user_data,
                            GDestroyNotify       destroy)
{
  g_return_if_fail (ALCOVE_IS_AUDIT (self));

  if (self->keys_destroy != NULL)
    self->keys_destroy (self->keys_data);
  self->keys_func = func;
  self->keys_data = user_data;
  self->keys_destroy = destroy;
}

/* What checking the chain needs of `self` (its key and signature policy, not its signer
 * nor its connection), for a thread that checks it on a connection of its own with
 * alcove_audit_verify_snapshot(). It cannot append: the chain has one writer, `self`.
 * The caller sets its keys function, which will be called on that thread. */
AlcoveAudit *
alcove_audit_new_verifier (AlcoveAudit *self)
{
  AlcoveAudit *verifier;

  g_return_val_if_fail (ALCOVE_IS_AUDIT (self), NULL);

  verifier = g_object_new (ALCOVE_TYPE_AUDIT, NULL);
  verifier->key = alcove_secret_copy (self->key);
  verifier->actor = g_strdup (self->actor);
  verifier->signed_from = self->signed_from;
  verifier->checked_rows = self->checked_rows;
  verifier->checked_mac = g_strdup (self->checked_mac);
  return verifier;
}

AlcoveAudit *
alcove_audit_new_writer_copy (AlcoveAudit *self)
{
  AlcoveAudit *writer;

  g_return_val_if_fail (ALCOVE_IS_AUDIT (self), NULL);
  g_return_val_if_fail (self->database != NULL, NULL);  /* a verifier cannot write */

  writer = g_object_new (ALCOVE_TYPE_AUDIT, NULL);
  writer->key = alcove_secret_copy (self->key);
  writer->actor = g_strdup (self->actor);
  writer->signer = self->signer ? alcove_signer_copy (self->signer) : NULL;
  return writer;
}

void
alcove_audit_bind (AlcoveAudit    *self,
                   AlcoveDatabase *database)
{
  g_return_if_fail (ALCOVE_IS_AUDIT (self));
  g_return_if_fail (self->database == NULL);

  self->database = g_object_ref (database);
}

static char *
row_signature (AlcoveAudit *self,
               const char  *mac)
{
  g_autoptr(GBytes) signature = NULL;

  if (self->signer == NULL)
    return g_strdup ("");
  signature = alcove_signer_sign (self->signer, CONTEXT_AUDIT, mac, strlen (mac));
  return g_base64_encode (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
}

static gboolean
signature_valid (AlcoveAudit *self,
                 const char  *actor,
                 const char  *mac,
                 const char  *signature_text)
{
  GPtrArray *keys = self->keys_func ? self->keys_func (actor, self->keys_data) : NULL;
  g_autoptr(GBytes) signature = NULL;
  gsize size = 0;
  guchar *data;

  if (keys == NULL || signature_text == NULL || *signature_text == '\0')
    return FALSE;
  data = g_base64_decode (signature_text, &size);
  signature = g_bytes_new_take (data, size);
  for (guint i = 0; i < keys->len; i++)
    if (alcove_signature_verify (g_ptr_array_index (keys, i), CONTEXT_AUDIT, mac, strlen (mac),
                                 signature))
      return TRUE;
  return FALSE;
}

static char *
row_mac (AlcoveAudit *self,
         const char  *previous_mac,
         gint64       seq,
         const char  *id,
         gint64       at_ms,
         const char  *actor,
         const char  *action,
         const char  *object_id,
         const char  *details)
{
  g_autoptr(GString) canonical = g_string_new (previous_mac);

  g_string_append_printf (canonical, "\x1e" "v1\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%" G_GINT64_FORMAT
                          "\x1f%s\x1f%s\x1f%s\x1f%s",
                          seq, id, at_ms, actor, action, object_id, details);
  return alcove_crypto_hmac_hex (self->key, canonical->str);
}

static gboolean
last_row (AlcoveAudit  *self,
          gint64       *seq,
          char        **mac,
          GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = alcove_database_prepare (self->database,
                                  "SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      *mac = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else
    {
      *seq = 0;
      *mac = g_strdup ("");
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return alcove_database_set_error (self->database, NULL, rc, error);
  return TRUE;
}

static gboolean
insert_row (AlcoveAudit  *self,
            const char   *action,
            const char   *object_id,
            const char   *details,
            gint64       *seq_out,
            GError      **error)
{
  g_autofree char *previous = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *mac = NULL;
  g_autofree char *signature = NULL;
  gint64 seq, at_ms = g_get_real_time () / 1000;
  sqlite3_stmt *stmt;

  if (!last_row (self, &seq, &previous, error))
    return FALSE;
  seq++;
  mac = row_mac (self, previous, seq, id, at_ms, self->actor, action, object_id, details);
  signature = row_signature (self, mac);

  stmt = alcove_database_prepare (self->database,
                                  "INSERT INTO audit_log (seq, id, at_ms, actor, action,"
                                  " object_id, details, mac, sig) VALUES (?,?,?,?,?,?,?,?,?)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, at_ms);
  sqlite3_bind_text (stmt, 4, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, object_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, details, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, mac, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, signature, -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (self->database, stmt, error))
    return FALSE;
  if (seq_out != NULL)
    *seq_out = seq;
  return TRUE;
}

/* Joins the caller's transaction when there is one, else makes its own; IMMEDIATE so two
 * processes never read the same tail. */
gboolean
alcove_audit_append (AlcoveAudit  *self,
                     const char   *action,
                     const char   *object_id,
                     const char   *details,
                     gint64       *seq,
                     GError      **error)
{
  sqlite3 *handle;
  gboolean own_transaction;

  g_return_val_if_fail (ALCOVE_IS_AUDIT (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (self->database != NULL, FALSE);  /* a verifier never writes */

  handle = alcove_database_get_handle (self->database);
  own_transaction = sqlite3_get_autocommit (handle);
  if (own_transaction && !alcove_database_begin (self->database, error))
    return FALSE;
  if (!insert_row (self, action, object_id ? object_id : "", details ? details : "{}",
                   seq, error))
    {
      if (own_transaction)
        alcove_database_rollback (self->database);
      return FALSE;
    }
  if (own_transaction && !alcove_database_commit (self->database, error))
    return FALSE;
  g_signal_emit (self, signals[APPENDED], 0);
  return TRUE;
}

gboolean
alcove_audit_verify (AlcoveAudit  *self,
                     gint64       *rows_checked,
                     gint64       *first_bad_seq,
                     GError      **error)
{
  return alcove_audit_verify_with_progress (self, NULL, NULL, rows_checked, first_bad_seq, error);
}

#define PROGRESS_EVERY 256

/* Rows before `signed_from` predate signatures (a vault upgraded from format 1): the chain
 * and the first signed row after them vouch for them. Rows up to `checked_rows` had their
 * signatures checked on this device before; while the chain still reaches the same value
 * there, they are not checked again, which keeps a decade of audit quick to verify. */
void
alcove_audit_set_signature_policy (AlcoveAudit *self,
                                   gint64       signed_from,
                                   gint64       checked_rows,
                                   const char  *checked_mac)
{
  g_return_if_fail (ALCOVE_IS_AUDIT (self));
  self->signed_from = MAX (signed_from, 1);
  self->checked_rows = checked_rows;
  g_free (self->checked_mac);
  self->checked_mac = g_strdup (checked_mac ? checked_mac : "");
}

gint64
alcove_audit_get_signatures_checked (AlcoveAudit *self)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT (self), 0);
  return self->signatures_checked;
}

/* The chain value of row `seq`, or NULL; on the database alone, so it can be read before
 * anything is written (an unlock checks the remembered head first). */
char *
alcove_audit_mac_at (AlcoveDatabase *database,
                     gint64          seq)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "SELECT mac FROM main.audit_log WHERE seq = ?",
                                                NULL);
  char *mac = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    mac = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return mac;
}

/* The newest row and its chain value: what a device remembers to notice a cut log. */
gboolean
alcove_audit_get_head (AlcoveAudit  *self,
                       gint64       *rows,
                       char        **mac,
                       GError      **error)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT (self), FALSE);
  return last_row (self, rows, mac, error);
}

static gint64
first_signature_to_check (AlcoveAudit    *self,
                          AlcoveDatabase *database)
{
  g_autofree char *mac = NULL;

  if (self->checked_rows <= 0)
    return self->signed_from;
  mac = alcove_audit_mac_at (database, self->checked_rows);
  if (mac == NULL || !alcove_crypto_hex_equal (mac, self->checked_mac))
    return self->signed_from;  /* something before changed: check every signature */
  return MAX (self->signed_from, self->checked_rows + 1);
}

static gint64
count_rows (sqlite3 *handle)
{
  sqlite3_stmt *stmt = NULL;
  gint64 total = 0;

  if (sqlite3_prepare_v2 (handle, "SELECT count(*) FROM audit_log", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return total;
}

static gboolean
row_is_intact (AlcoveAudit  *self,
               sqlite3_stmt *stmt,
               const char   *previous,
               gint64        expected_seq,
               gint64        signatures_from)
{
  gint64 seq = sqlite3_column_int64 (stmt, 0);
  const char *actor = (const char *) sqlite3_column_text (stmt, 3);
  const char *stored = (const char *) sqlite3_column_text (stmt, 7);
  g_autofree char *mac = row_mac (self, previous, seq,
                                  (const char *) sqlite3_column_text (stmt, 1),
                                  sqlite3_column_int64 (stmt, 2), actor,
                                  (const char *) sqlite3_column_text (stmt, 4),
                                  (const char *) sqlite3_column_text (stmt, 5),
                                  (const char *) sqlite3_column_text (stmt, 6));

  if (seq != expected_seq || stored == NULL || !alcove_crypto_hex_equal (mac, stored))
    return FALSE;
  if (seq < signatures_from)
    return TRUE;
  self->signatures_checked++;
  return signature_valid (self, actor, stored, (const char *) sqlite3_column_text (stmt, 8));
}

/* The chain from the first row, on `database`, and the signatures not yet checked on this
 * device. Its own statement, not the connection's cache. Rows appended during the walk are
 * checked too when it reaches them. A progress function that returns FALSE stops the walk
 * with G_IO_ERROR_CANCELLED. */
static gboolean
verify_walk (AlcoveAudit             *self,
             AlcoveDatabase          *database,
             AlcoveAuditProgressFunc  progress,
             gpointer                 user_data,
             gint64                  *rows_checked,
             gint64                  *first_bad_seq,
             GError                 **error)
{
  g_autofree char *previous = g_strdup ("");
  sqlite3 *handle = alcove_database_get_handle (database);
  sqlite3_stmt *stmt = NULL;
  gint64 expected_seq = 1, checked = 0, total, signatures_from;
  gboolean stopped = FALSE;
  int rc;

  *first_bad_seq = 0;
  self->signatures_checked = 0;
  self->verified_rows = 0;
  g_clear_pointer (&self->verified_mac, g_free);
  total = count_rows (handle);
  signatures_from = self->signer != NULL || self->keys_func != NULL
                      ? first_signature_to_check (self, database) : G_MAXINT64;
  rc = sqlite3_prepare_v2 (handle, "SELECT seq, id, at_ms, actor, action, object_id, details,"
                                   " mac, sig FROM audit_log ORDER BY seq", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return alcove_database_set_error (database, NULL, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!row_is_intact (self, stmt, previous, expected_seq, signatures_from))
        {
          *first_bad_seq = sqlite3_column_int64 (stmt, 0);
          break;
        }
      g_free (previous);
      previous = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      expected_seq++;
      checked++;
      if (progress != NULL && checked % PROGRESS_EVERY == 0 &&
          !progress (checked, MAX (total, checked), user_data))
        {
          stopped = TRUE;
          break;
        }
    }
  sqlite3_finalize (stmt);
  if (rows_checked != NULL)
    *rows_checked = checked;
  if (stopped)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Checking the audit log was stopped"));
      return FALSE;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return alcove_database_set_error (database, NULL, rc, error);
  if (*first_bad_seq == 0)
    {
      self->verified_rows = checked;
      self->verified_mac = g_steal_pointer (&previous);
    }
  if (progress != NULL)
    progress (checked, MAX (total, checked), user_data);
  return TRUE;
}

/* On this object's own connection */
gboolean
alcove_audit_verify_with_progress (AlcoveAudit             *self,
                                   AlcoveAuditProgressFunc  progress,
                                   gpointer                 user_data,
                                   gint64                  *rows_checked,
                                   gint64                  *first_bad_seq,
                                   GError                 **error)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT (self), FALSE);
  g_return_val_if_fail (self->database != NULL, FALSE);

  return verify_walk (self, self->database, progress, user_data, rows_checked, first_bad_seq,
                      error);
}

/* On `database`, a connection of the calling thread that is in no transaction, with the
 * chain as it stood when the walk began: one read transaction holds the count, the
 * remembered head and every row to the same moment, while another connection appends
 * (WAL lets it). Rows appended meanwhile wait for the next verification. */
gboolean
alcove_audit_verify_snapshot (AlcoveAudit             *self,
                              AlcoveDatabase          *database,
                              AlcoveAuditProgressFunc  progress,
                              gpointer                 user_data,
                              gint64                  *rows_checked,
                              gint64                  *first_bad_seq,
                              GError                 **error)
{
  gboolean verified;

  g_return_val_if_fail (ALCOVE_IS_AUDIT (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (alcove_database_get_handle (database)), FALSE);

  if (!alcove_database_exec (database, "BEGIN DEFERRED", error))
    return FALSE;
  verified = verify_walk (self, database, progress, user_data, rows_checked, first_bad_seq,
                          error);
  /* it only read: ending it cannot lose anything */
  sqlite3_exec (alcove_database_get_handle (database), "ROLLBACK", NULL, NULL, NULL);
  return verified;
}

/* The last row the last verification found intact (with no altered row after it) and its
 * chain value: what a device may remember as checked. FALSE when there is none. */
gboolean
alcove_audit_get_verified_head (AlcoveAudit  *self,
                                gint64       *rows,
                                char        **mac)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT (self), FALSE);

  if (self->verified_mac == NULL)
    return FALSE;
  *rows = self->verified_rows;
  *mac = g_strdup (self->verified_mac);
  return TRUE;
}

gint64
alcove_audit_count (AlcoveAudit *self)
{
  sqlite3_stmt *stmt = alcove_database_prepare (self->database,
                                                "SELECT count(*) FROM audit_log", NULL);
  gint64 count = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return count;
}

/* alcove_audit_details ("slot", "password", "count", "3", NULL) → {"slot":"password","count":"3"} */
char *
alcove_audit_details (const char *first_key,
                      ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, va_arg (args, const char *));
    }
  va_end (args);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
