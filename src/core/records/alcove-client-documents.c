/* alcove-client-documents.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-client-documents"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alcove-client-documents.h"
#include "alcove-date.h"
#include "alcove-documents.h"
#include "alcove-error.h"
#include "alcove-policy.h"
#include "alcove-vault-private.h"
#include "alcove-worker.h"

/* A client's documents are rows of practice.db's documents table with a client id. They are
 * part of the record: kept as attached (the table's triggers refuse any other change than
 * the label, kind and date, and any deletion but a retention disposal's), never indexed
 * for search (their text is not read at all), and read only by the roles that read what a
 * consent says. The audit log gets ids and sizes, never a label or a file's name. */

#define LABEL_MAX_CHARS 200

struct _AlcoveClientDocument
{
  GObject             parent_instance;

  char               *id;
  char               *client_id;
  char               *label;
  AlcoveDocumentKind  kind;
  char               *document_date;
  char               *file_name;
  char               *content_type;
  gsize               size;
  gint64              added_ms;
  char               *added_by;
};

G_DEFINE_FINAL_TYPE (AlcoveClientDocument, alcove_client_document, G_TYPE_OBJECT)

static const struct
{
  const char *name;
  const char *title;
} kinds[ALCOVE_N_DOCUMENT_KINDS] = {
  [ALCOVE_DOCUMENT_NOTE]       = { "note", NC_("document kind", "Note") },
  [ALCOVE_DOCUMENT_FORM]       = { "form", NC_("document kind", "Form") },
  [ALCOVE_DOCUMENT_LETTER]     = { "letter", NC_("document kind", "Letter") },
  [ALCOVE_DOCUMENT_ASSESSMENT] = { "assessment", NC_("document kind", "Assessment") },
  [ALCOVE_DOCUMENT_OTHER]      = { "other", NC_("document kind", "Other") },
};

static void
alcove_client_document_finalize (GObject *object)
{
  AlcoveClientDocument *self = ALCOVE_CLIENT_DOCUMENT (object);

  g_free (self->id);
  g_free (self->client_id);
  g_free (self->label);
  g_free (self->document_date);
  g_free (self->file_name);
  g_free (self->content_type);
  g_free (self->added_by);

  G_OBJECT_CLASS (alcove_client_document_parent_class)->finalize (object);
}

static void
alcove_client_document_class_init (AlcoveClientDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_client_document_finalize;
}

static void
alcove_client_document_init (AlcoveClientDocument *self)
{
}

const char *
alcove_client_document_get_id (AlcoveClientDocument *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (self), NULL);
  return self->id;
}

const char *
alcove_client_document_get_client_id (AlcoveClientDocument *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (self), NULL);
  return self->client_id;
}

const char *
alcove_client_document_get_label (AlcoveClientDocument *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (self), NULL);
  return self->label;
}

AlcoveDocumentKind
alcove_client_document_get_kind (AlcoveClientDocument *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (self), ALCOVE_DOCUMENT_OTHER);
  return self->kind;
}

const char *
alcove_client_document_get_document_date (AlcoveClientDocument *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (self), NULL);
  return self->document_date;
}

const char *
alcove_client_document_get_file_name (AlcoveClientDocument *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (self), NULL);
  return self->file_name;
}

const char *
alcove_client_document_get_content_type (AlcoveClientDocument *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (self), NULL);
  return self->content_type;
}

gsize
alcove_client_document_get_size (AlcoveClientDocument *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (self), 0);
  return self->size;
}

gint64
alcove_client_document_get_added_ms (AlcoveClientDocument *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (self), 0);
  return self->added_ms;
}

const char *
alcove_client_document_get_added_by (AlcoveClientDocument *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (self), NULL);
  return self->added_by;
}

const char *
alcove_document_kind_get_title (AlcoveDocumentKind kind)
{
  g_return_val_if_fail (kind < ALCOVE_N_DOCUMENT_KINDS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "document kind", kinds[kind].title);
}

const char *
alcove_document_kind_to_string (AlcoveDocumentKind kind)
{
  g_return_val_if_fail (kind < ALCOVE_N_DOCUMENT_KINDS, NULL);
  return kinds[kind].name;
}

int
alcove_document_kind_from_string (const char *text)
{
  for (guint k = 0; text != NULL && k < ALCOVE_N_DOCUMENT_KINDS; k++)
    if (g_str_equal (text, kinds[k].name))
      return (int) k;
  return -1;
}

/* ---- permission ---- */

gboolean
alcove_client_documents_can_read (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  return alcove_policy_allows (vault, ALCOVE_CAPABILITY_READ_CLIENT_DOCUMENTS);
}

gboolean
alcove_client_documents_can_attach (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  return alcove_policy_allows (vault, ALCOVE_CAPABILITY_ATTACH_CLIENT_DOCUMENTS);
}

static gboolean
require (AlcoveVault       *vault,
         AlcoveCapability   capability,
         GError           **error)
{
  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  if (alcove_policy_allows (vault, capability))
    return TRUE;
  return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                            capability == ALCOVE_CAPABILITY_READ_CLIENT_DOCUMENTS
                            ? _("Your role does not open clients’ documents")
                            : _("Your role does not attach documents to a client’s record"));
}

/* ---- what a file holds ---- */

/* The three kinds kept, by their first bytes: a file is what it holds, whatever its name */
static const char *
type_from_magic (GBytes *contents)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (contents, &size);

  if (size >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return "application/pdf";
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  return NULL;
}

static char *
mime_of_guess (const char   *file_name,
               GBytes       *contents)
{
  gboolean uncertain = FALSE;
  gsize size = 0;
  const guchar *data = contents ? g_bytes_get_data (contents, &size) : NULL;
  g_autofree char *guessed = g_content_type_guess (file_name, data, size, &uncertain);
  char *mime;

  if (uncertain || guessed == NULL || g_content_type_is_unknown (guessed))
    return NULL;
  mime = g_content_type_get_mime_type (guessed);
  if (mime != NULL && g_str_equal (mime, "application/octet-stream"))
    g_clear_pointer (&mime, g_free);
  return mime;
}

/* What the name's extension promises; NULL when it promises nothing GIO knows */
static char *
type_from_name (const char *file_name)
{
  const char *dot = file_name ? strrchr (file_name, '.') : NULL;
  g_autofree char *extension = dot ? g_ascii_strdown (dot + 1, -1) : NULL;

  if (extension == NULL)
    return NULL;
  if (g_str_equal (extension, "pdf"))
    return g_strdup ("application/pdf");
  if (g_str_equal (extension, "png"))
    return g_strdup ("image/png");
  if (g_str_equal (extension, "jpg") || g_str_equal (extension, "jpeg") ||
      g_str_equal (extension, "jpe"))
    return g_strdup ("image/jpeg");
  return mime_of_guess (file_name, NULL);
}

static const char *
describe_type (const char *mime)
{
  if (mime == NULL)
    return _("something else");
  if (g_str_equal (mime, "application/pdf"))
    return _("a PDF");
  if (g_str_equal (mime, "image/png"))
    return _("a PNG image");
  if (g_str_equal (mime, "image/jpeg"))
    return _("a JPEG image");
  return _("another kind of file");
}

/* The content type to keep, or NULL with an error a person can act on */
static const char *
check_contents (GBytes      *contents,
                const char  *file_name,
                GError     **error)
{
  const char *held = type_from_magic (contents);
  g_autofree char *sniffed = mime_of_guess (NULL, contents);
  g_autofree char *named = type_from_name (file_name);

  if (g_bytes_get_size (contents) == 0)
    {
      alcove_error_invalid (error, _("The file is empty. Choose the scanned or exported"
                                     " document itself."));
      return NULL;
    }
  if (g_bytes_get_size (contents) > ALCOVE_DOCUMENT_MAX_BYTES)
    {
      alcove_error_invalid (error, _("The file is larger than 25 MB. Scan it at a lower"
                                     " resolution or as a PDF, then attach it again."));
      return NULL;
    }
  /* GIO's own opinion of the bytes, where it has one beyond its generic fallbacks (it
   * calls anything printable text when it has no MIME database) */
  if (sniffed != NULL && g_str_equal (sniffed, "text/plain"))
    g_clear_pointer (&sniffed, g_free);
  if (held == NULL || (sniffed != NULL && !g_str_equal (sniffed, held)))
    {
      alcove_error_invalid (error, _("Alcove keeps PDF, PNG and JPEG files, and this file is"
                                     " none of them. Export or scan it as a PDF, then attach"
                                     " it again."));
      return NULL;
    }
  if (named != NULL && !g_str_equal (named, held))
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                          _("The file’s name says it is %s, but it holds %s. Choose the"
                            " original file, or rename it to end in .pdf, .png or .jpg as"
                            " its contents are."), describe_type (named), describe_type (held));
      return NULL;
    }
  return held;
}

/* ---- label, kind and date ---- */

char *
alcove_client_documents_default_label (const char *file_name)
{
  g_autofree char *label = g_path_get_basename (file_name && *file_name ? file_name : ".");
  char *dot = strrchr (label, '.');

  if (dot != NULL)
    *dot = '\0';
  return g_strstrip (g_steal_pointer (&label));
}

/* Sets `kept_label` (stripped, `file_name` without its extension when empty) */
static gboolean
check_details (const char          *label,
               const char          *file_name,
               AlcoveDocumentKind   kind,
               const char          *document_date,
               char               **kept_label,
               GError             **error)
{
  g_autofree char *kept = g_strstrip (g_strdup (label ? label : ""));
  g_autofree char *today = alcove_date_today_iso ();

  if (*kept == '\0')
    {
      g_free (kept);
      kept = alcove_client_documents_default_label (file_name);
    }
  if (*kept == '\0')
    return alcove_error_invalid (error, _("Enter a label, such as “Intake assessment”."));
  if (!g_utf8_validate (kept, -1, NULL) || g_utf8_strlen (kept, -1) > LABEL_MAX_CHARS)
    return alcove_error_invalid (error, _("Shorten the label to 200 characters or fewer."));
  if (kind >= ALCOVE_N_DOCUMENT_KINDS)
    return alcove_error_invalid (error, _("Choose what kind of document this is."));
  if (document_date == NULL || !alcove_date_is_valid (document_date))
    return alcove_error_invalid (error, _("Enter the date the document is from, such as the"
                                          " day the note was written or the form signed."));
  if (strcmp (document_date, today) > 0)
    return alcove_error_invalid (error, _("The document’s date is in the future. Enter the"
                                          " day it was written or signed."));
  *kept_label = g_steal_pointer (&kept);
  return TRUE;
}

static gboolean
require_client (AlcoveDatabase  *database,
                const char      *client_id,
                GError         **error)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database, "SELECT 1 FROM main.clients"
                                                          " WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (database, NULL, rc, error);
      return FALSE;
    }
  return alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                            _("That client is not in this practice"));
}

/* Through `writer`, the session's or a worker's copy of it; ids only, never a label */
static gboolean
audit (AlcoveAudit  *writer,
       const char   *action,
       const char   *document_id,
       const char   *client_id,
       GError      **error)
{
  g_autofree char *details = alcove_audit_details ("client", client_id, NULL);

  return alcove_audit_append (writer, action, document_id, details, NULL, error);
}

/* ---- attaching ---- */

static gboolean
insert_document (AlcoveDatabase      *database,
                 const char          *id,
                 const char          *client_id,
                 GBytes              *contents,
                 const char          *file_name,
                 const char          *content_type,
                 const char          *label,
                 AlcoveDocumentKind   kind,
                 const char          *document_date,
                 const char          *actor,
                 GError             **error)
{
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
  gsize size;
  gconstpointer data = g_bytes_get_data (contents, &size);
  sqlite3_stmt *stmt = alcove_database_prepare (database,
                                                "INSERT INTO main.documents (id, name,"
                                                " content_type, size, sha256, contents,"
                                                " added_ms, added_by, client_id, label,"
                                                " document_date, kind)"
                                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                                error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, file_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, content_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, size);
  sqlite3_bind_text (stmt, 5, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 6, data, size, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / 1000);
  sqlite3_bind_text (stmt, 8, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, client_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, document_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, kinds[kind].name, -1, SQLITE_STATIC);
  return alcove_database_step_done (database, stmt, error);
}

/* What an attachment writes, checked and copied where the vault lives, so that the writing
 * may happen on the session's worker */
typedef struct
{
  char               *id;
  char               *client_id;
  GBytes             *contents;
  char               *file_name;
  const char         *content_type;  /* static */
  char               *label;
  AlcoveDocumentKind  kind;
  char               *document_date;
  char               *actor;
  AlcoveAudit        *audit;
} Attaching;

static void
attaching_free (Attaching *attaching)
{
  g_free (attaching->id);
  g_free (attaching->client_id);
  g_clear_pointer (&attaching->contents, g_bytes_unref);
  g_free (attaching->file_name);
  g_free (attaching->label);
  g_free (attaching->document_date);
  g_free (attaching->actor);
  g_clear_object (&attaching->audit);
  g_free (attaching);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attaching, attaching_free)

static Attaching *
attaching_new (AlcoveVault         *vault,
               const char          *client_id,
               GBytes              *contents,
               const char          *file_name,
               const char          *label,
               AlcoveDocumentKind   kind,
               const char          *document_date,
               GError             **error)
{
  g_autoptr(Attaching) attaching = g_new0 (Attaching, 1);

  attaching->file_name = file_name ? g_path_get_basename (file_name) : g_strdup ("");
  if (!require (vault, ALCOVE_CAPABILITY_ATTACH_CLIENT_DOCUMENTS, error) ||
      (attaching->content_type = check_contents (contents, attaching->file_name,
                                                 error)) == NULL ||
      !check_details (label, attaching->file_name, kind, document_date, &attaching->label,
                      error))
    return NULL;
  attaching->id = g_uuid_string_random ();
  attaching->client_id = g_strdup (client_id);
  attaching->contents = g_bytes_ref (contents);
  attaching->kind = kind;
  attaching->document_date = g_strdup (document_date);
  attaching->actor = g_strdup (alcove_vault_actor (vault));
  return g_steal_pointer (&attaching);
}

/* In one transaction on `database`, the session's connection or a worker's */
static gboolean
write_attachment (Attaching       *attaching,
                  AlcoveDatabase  *database,
                  GError         **error)
{
  if (!require_client (database, attaching->client_id, error) ||
      !alcove_database_begin (database, error))
    return FALSE;
  if (!insert_document (database, attaching->id, attaching->client_id, attaching->contents,
                        attaching->file_name, attaching->content_type, attaching->label,
                        attaching->kind, attaching->document_date, attaching->actor, error) ||
      !audit (attaching->audit, ALCOVE_AUDIT_DOCUMENT_ADD, attaching->id,
              attaching->client_id, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  return alcove_database_commit (database, error);
}

char *
alcove_client_documents_attach (AlcoveVault          *vault,
                                const char           *client_id,
                                GBytes               *contents,
                                const char           *file_name,
                                const char           *label,
                                AlcoveDocumentKind    kind,
                                const char           *document_date,
                                GError              **error)
{
  g_autoptr(Attaching) attaching = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  attaching = attaching_new (vault, client_id, contents, file_name, label, kind,
                             document_date, error);
  if (attaching == NULL)
    return NULL;
  attaching->audit = g_object_ref (alcove_vault_get_audit (vault));
  if (!write_attachment (attaching, alcove_vault_get_database (vault), error))
    return NULL;
  alcove_vault_emit_changed (vault, "documents");
  return g_steal_pointer (&attaching->id);
}

static void
attach_job (GTask          *task,
            AlcoveDatabase *connection,
            gpointer        task_data,
            GCancellable   *cancellable)
{
  Attaching *attaching = task_data;
  GError *error = NULL;

  alcove_audit_bind (attaching->audit, connection);
  if (!g_cancellable_set_error_if_cancelled (cancellable, &error) &&
      write_attachment (attaching, connection, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
alcove_client_documents_attach_async (AlcoveVault          *vault,
                                      const char           *client_id,
                                      GBytes               *contents,
                                      const char           *file_name,
                                      const char           *label,
                                      AlcoveDocumentKind    kind,
                                      const char           *document_date,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Attaching *attaching;

  g_return_if_fail (ALCOVE_IS_VAULT (vault));
  g_return_if_fail (client_id != NULL && *client_id != '\0');
  g_return_if_fail (contents != NULL);

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_client_documents_attach_async);
  attaching = attaching_new (vault, client_id, contents, file_name, label, kind,
                             document_date, &error);
  if (attaching == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  attaching->audit = alcove_audit_new_writer_copy (alcove_vault_get_audit (vault));
  g_task_set_task_data (task, attaching, (GDestroyNotify) attaching_free);
  alcove_worker_run (alcove_vault_get_worker (vault), task, ALCOVE_WORKER_CONNECTION,
                     attach_job);
}

char *
alcove_client_documents_attach_finish (AlcoveVault   *vault,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  Attaching *attaching;

  g_return_val_if_fail (g_task_is_valid (result, vault), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  attaching = g_task_get_task_data (G_TASK (result));
  /* the rows came through the worker's connection: views learn of them here */
  alcove_vault_emit_changed (vault, "documents");
  alcove_vault_emit_audit_appended (vault);
  return g_strdup (attaching->id);
}

/* ---- reading ---- */

static AlcoveClientDocument *
document_from_row (sqlite3_stmt *stmt)
{
  AlcoveClientDocument *self = g_object_new (ALCOVE_TYPE_CLIENT_DOCUMENT, NULL);
  int kind = alcove_document_kind_from_string (alcove_database_column_text (stmt, 3));

  self->id = g_strdup (alcove_database_column_text (stmt, 0));
  self->client_id = g_strdup (alcove_database_column_text (stmt, 1));
  self->label = g_strdup (alcove_database_column_text (stmt, 2));
  self->kind = kind < 0 ? ALCOVE_DOCUMENT_OTHER : (AlcoveDocumentKind) kind;
  self->document_date = g_strdup (alcove_database_column_text (stmt, 4));
  self->file_name = g_strdup (alcove_database_column_text (stmt, 5));
  self->content_type = g_strdup (alcove_database_column_text (stmt, 6));
  self->size = (gsize) sqlite3_column_int64 (stmt, 7);
  self->added_ms = sqlite3_column_int64 (stmt, 8);
  self->added_by = g_strdup (alcove_database_column_text (stmt, 9));
  return self;
}

GListModel *
alcove_client_documents_list (AlcoveVault  *vault,
                              const char   *client_id,
                              GError      **error)
{
  g_autoptr(GListStore) model = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);

  if (!require (vault, ALCOVE_CAPABILITY_READ_CLIENT_DOCUMENTS, error))
    return NULL;
  /* the columns named, never contents: a long list of scans stays cheap */
  stmt = alcove_database_prepare (alcove_vault_get_database (vault),
                                  "SELECT id, client_id, label, kind, document_date, name,"
                                  " content_type, size, added_ms, added_by FROM main.documents"
                                  " WHERE client_id = ? ORDER BY document_date DESC,"
                                  " added_ms DESC", error);
  if (stmt == NULL)
    return NULL;
  model = g_list_store_new (ALCOVE_TYPE_CLIENT_DOCUMENT);
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AlcoveClientDocument) document = document_from_row (stmt);

      g_list_store_append (model, document);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (alcove_vault_get_database (vault), NULL, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&model));
}

/* The stored hash is compared before any byte is handed out: altered contents are reported
 * and recorded, never shown as the document */
static GBytes *
select_contents (AlcoveDatabase  *database,
                 const char      *document_id,
                 const char      *client_id,
                 gboolean        *damaged,
                 GError         **error)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database, "SELECT sha256, contents FROM"
                                                          " main.documents WHERE id = ? AND"
                                                          " client_id = ?", error);
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *stored = NULL;
  int rc;

  *damaged = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, document_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, client_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stored = g_strdup (alcove_database_column_text (stmt, 0));
      contents = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                         _("The document is no longer in the vault."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      alcove_database_set_error (database, NULL, rc, error);
      return NULL;
    }
  if (!alcove_documents_check_hash (contents, stored, error))
    {
      *damaged = TRUE;
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* On the main thread, after the contents were read: the audit row, or the damage recorded.
 * A reading that cannot be recorded does not happen. */
static GBytes *
finish_read (AlcoveVault  *vault,
             const char   *document_id,
             const char   *client_id,
             gboolean      damaged,
             GBytes       *contents,
             GError      **error)
{
  if (damaged)
    alcove_vault_audit (vault, ALCOVE_AUDIT_DOCUMENT_TAMPERED, document_id, "{}");
  if (contents == NULL ||
      !audit (alcove_vault_get_audit (vault), ALCOVE_AUDIT_DOCUMENT_VIEW, document_id,
              client_id, error))
    return NULL;
  return g_bytes_ref (contents);
}

GBytes *
alcove_client_documents_read (AlcoveVault           *vault,
                              AlcoveClientDocument  *document,
                              GError               **error)
{
  g_autoptr(GBytes) contents = NULL;
  gboolean damaged;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (document), NULL);

  if (!require (vault, ALCOVE_CAPABILITY_READ_CLIENT_DOCUMENTS, error))
    return NULL;
  contents = select_contents (alcove_vault_get_database (vault), document->id,
                              document->client_id, &damaged, error);
  return finish_read (vault, document->id, document->client_id, damaged, contents, error);
}

/* A reading on the session's worker, which has its own connection: a 25 MB scan read and
 * hashed there keeps the window drawing */
typedef struct
{
  char     *document_id;
  char     *client_id;
  gboolean  damaged;   /* set on the worker, read after the job returned */
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_free (job->document_id);
  g_free (job->client_id);
  g_free (job);
}

static void
read_job_cb (GTask          *task,
             AlcoveDatabase *connection,
             gpointer        task_data,
             GCancellable   *cancellable)
{
  ReadJob *job = task_data;
  GError *error = NULL;
  GBytes *contents = select_contents (connection, job->document_id, job->client_id,
                                      &job->damaged, &error);

  if (contents == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, contents, (GDestroyNotify) g_bytes_unref);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  AlcoveVault *vault = ALCOVE_VAULT (source);
  ReadJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  g_autoptr(GBytes) contents = g_task_propagate_pointer (G_TASK (result), &error);
  GBytes *checked = finish_read (vault, job->document_id, job->client_id, job->damaged,
                                 contents, error ? NULL : &error);

  if (checked == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, checked, (GDestroyNotify) g_bytes_unref);
}

void
alcove_client_documents_read_async (AlcoveVault           *vault,
                                    AlcoveClientDocument  *document,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ReadJob *job;

  g_return_if_fail (ALCOVE_IS_VAULT (vault));
  g_return_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (document));

  outer = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (outer, alcove_client_documents_read_async);
  if (!require (vault, ALCOVE_CAPABILITY_READ_CLIENT_DOCUMENTS, &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  job = g_new0 (ReadJob, 1);
  job->document_id = g_strdup (document->id);
  job->client_id = g_strdup (document->client_id);
  task = g_task_new (vault, cancellable, read_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  alcove_worker_run (alcove_vault_get_worker (vault), task, ALCOVE_WORKER_CONNECTION,
                     read_job_cb);
}

GBytes *
alcove_client_documents_read_finish (AlcoveVault   *vault,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, vault), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- correcting ---- */

static gboolean
update_details (AlcoveDatabase        *database,
                AlcoveClientDocument  *document,
                const char            *label,
                AlcoveDocumentKind     kind,
                const char            *document_date,
                GError               **error)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database, "UPDATE main.documents SET label = ?,"
                                                          " kind = ?, document_date = ?"
                                                          " WHERE id = ? AND client_id = ?",
                                                error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kinds[kind].name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, document_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, document->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, document->client_id, -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  if (sqlite3_changes (alcove_database_get_handle (database)) != 1)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                              _("The document is no longer in the vault."));
  return TRUE;
}

gboolean
alcove_client_documents_relabel (AlcoveVault           *vault,
                                 AlcoveClientDocument  *document,
                                 const char            *label,
                                 AlcoveDocumentKind     kind,
                                 const char            *document_date,
                                 GError               **error)
{
  AlcoveDatabase *database;
  g_autofree char *kept_label = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (ALCOVE_IS_CLIENT_DOCUMENT (document), FALSE);

  if (!require (vault, ALCOVE_CAPABILITY_ATTACH_CLIENT_DOCUMENTS, error) ||
      !check_details (label, document->file_name, kind, document_date, &kept_label, error))
    return FALSE;
  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!update_details (database, document, kept_label, kind, document_date, error) ||
      !audit (alcove_vault_get_audit (vault), ALCOVE_AUDIT_DOCUMENT_RELABEL, document->id,
              document->client_id, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (!alcove_database_commit (database, error))
    return FALSE;
  g_free (document->label);
  document->label = g_steal_pointer (&kept_label);
  document->kind = kind;
  g_free (document->document_date);
  document->document_date = g_strdup (document_date);
  alcove_vault_emit_changed (vault, "documents");
  return TRUE;
}
