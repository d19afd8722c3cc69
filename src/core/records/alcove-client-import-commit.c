/* alcove-client-import-commit.c — adding an imported client list's new rows: all or none,
 * on the session's connection or, for a long list, on its worker's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-import"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-audit.h"
#include "alcove-audit-actions.h"
#include "alcove-client-import.h"
#include "alcove-client-store-private.h"
#include "alcove-error.h"
#include "alcove-vault-private.h"

/* How often the worker tells the window how far it got: about ten times a second */
#define PROGRESS_EVERY 500

typedef struct
{
  GPtrArray                *clients;     /* what the new rows become, ids given */
  char                     *vault_uuid;  /* what the import's audit row is about */
  AlcoveAudit              *audit;       /* the writer that signs the rows */
  AlcoveImportProgressFunc  progress;
  gpointer                  progress_data;
  GCancellable             *cancellable; /* the caller's: no report once it is cancelled */
  GMainContext             *context;
  gint                      done;        /* rows written, read on the caller's context */
  gint                      reporting;   /* a report is waiting to be shown */
} Adding;

static Adding *
adding_ref (Adding *adding)
{
  return g_atomic_rc_box_acquire (adding);
}

static void
adding_clear (Adding *adding)
{
  g_clear_pointer (&adding->clients, g_ptr_array_unref);
  g_clear_pointer (&adding->vault_uuid, g_free);
  g_clear_object (&adding->audit);
  g_clear_object (&adding->cancellable);
  g_clear_pointer (&adding->context, g_main_context_unref);
}

static void
adding_unref (Adding *adding)
{
  g_atomic_rc_box_release_full (adding, (GDestroyNotify) adding_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Adding, adding_unref)

/* Copies of the new rows' clients, each with an id and checked as a save would check it */
static GPtrArray *
new_clients (AlcoveClientImport  *self,
             AlcoveClientStore   *store,
             GError             **error)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_rows = alcove_csv_get_n_rows (alcove_client_import_get_csv (self));

  if (!alcove_client_import_is_judged (self) &&
      !alcove_client_import_classify (self, store, error))
    return NULL;
  if (!alcove_client_store_can_edit (store))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Your role cannot add clients"));
      return NULL;
    }
  for (guint r = 0; r < n_rows; r++)
    if (alcove_client_import_get_kind (self, r) == ALCOVE_IMPORT_ROW_NEW)
      {
        g_autoptr(AlcoveClient) client = alcove_client_copy (alcove_client_import_get_client (self, r));
        g_autofree char *id = g_uuid_string_random ();

        alcove_client_set_id (client, id);
        if (!alcove_client_store_validate (store, client, error))
          {
            g_prefix_error (error, _("Line %u: "),
                            alcove_csv_get_line (alcove_client_import_get_csv (self), r));
            return NULL;
          }
        g_ptr_array_add (clients, g_steal_pointer (&client));
      }
  return g_steal_pointer (&clients);
}

static gboolean
show_progress_cb (gpointer data)
{
  Adding *adding = data;

  g_atomic_int_set (&adding->reporting, FALSE);
  if (!g_cancellable_is_cancelled (adding->cancellable))
    adding->progress ((guint) g_atomic_int_get (&adding->done), adding->clients->len,
                      adding->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (Adding *adding,
                 guint   done)
{
  g_atomic_int_set (&adding->done, (gint) done);
  if (adding->progress == NULL || adding->context == NULL ||
      !g_atomic_int_compare_and_exchange (&adding->reporting, FALSE, TRUE))
    return;
  g_main_context_invoke_full (adding->context, G_PRIORITY_DEFAULT, show_progress_cb,
                              adding_ref (adding), (GDestroyNotify) adding_unref);
}

static gboolean
write_rows (Adding          *adding,
            AlcoveDatabase  *database,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autofree char *count = g_strdup_printf ("%u", adding->clients->len);
  g_autofree char *details = alcove_audit_details ("clients", count, "source", "csv", NULL);

  for (guint i = 0; i < adding->clients->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !alcove_client_store_insert_new (database, adding->audit,
                                           g_ptr_array_index (adding->clients, i), error))
        return FALSE;
      if ((i + 1) % PROGRESS_EVERY == 0)
        report_progress (adding, i + 1);
    }
  return alcove_audit_append (adding->audit, ALCOVE_AUDIT_IMPORT, adding->vault_uuid, details,
                              NULL, error);
}

/* One transaction: a failure or a cancel anywhere leaves the vault as it was */
static gboolean
write_all (Adding          *adding,
           AlcoveDatabase  *database,
           GCancellable    *cancellable,
           GError         **error)
{
  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!write_rows (adding, database, cancellable, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  return alcove_database_commit (database, error);
}

static Adding *
adding_new (AlcoveClientImport  *self,
            AlcoveClientStore   *store,
            GError             **error)
{
  g_autoptr(GPtrArray) clients = new_clients (self, store, error);
  AlcoveVault *vault = alcove_client_store_get_vault (store);
  Adding *adding;

  if (clients == NULL || !alcove_vault_require_unlocked (vault, error))
    return NULL;
  adding = g_atomic_rc_box_new0 (Adding);
  adding->clients = g_steal_pointer (&clients);
  adding->vault_uuid = g_strdup (alcove_vault_get_uuid (vault));
  return adding;
}

gboolean
alcove_client_import_commit (AlcoveClientImport  *self,
                             AlcoveClientStore   *clients,
                             guint               *n_written,
                             GError             **error)
{
  g_autoptr(Adding) adding = NULL;
  AlcoveVault *vault;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (clients), FALSE);

  adding = adding_new (self, clients, error);
  if (adding == NULL)
    return FALSE;
  vault = alcove_client_store_get_vault (clients);
  adding->audit = g_object_ref (alcove_vault_get_audit (vault));
  if (!write_all (adding, alcove_vault_get_database (vault), NULL, error))
    return FALSE;
  alcove_client_store_publish_new (clients, adding->clients);
  if (n_written != NULL)
    *n_written = adding->clients->len;
  return TRUE;
}

static void
commit_job (GTask          *task,
            AlcoveDatabase *connection,
            gpointer        task_data,
            GCancellable   *cancellable)
{
  Adding *adding = task_data;
  GError *error = NULL;

  alcove_audit_bind (adding->audit, connection);
  if (write_all (adding, connection, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
alcove_client_import_commit_async (AlcoveClientImport       *self,
                                   AlcoveClientStore        *clients,
                                   AlcoveImportProgressFunc  progress,
                                   gpointer                  progress_data,
                                   GCancellable             *cancellable,
                                   GAsyncReadyCallback       callback,
                                   gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Adding *adding;
  AlcoveVault *vault;

  g_return_if_fail (self != NULL);
  g_return_if_fail (ALCOVE_IS_CLIENT_STORE (clients));

  task = g_task_new (clients, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_client_import_commit_async);
  adding = adding_new (self, clients, &error);
  if (adding == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  vault = alcove_client_store_get_vault (clients);
  adding->audit = alcove_audit_new_writer_copy (alcove_vault_get_audit (vault));
  adding->progress = progress;
  adding->progress_data = progress_data;
  adding->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  adding->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, adding, (GDestroyNotify) adding_unref);
  alcove_worker_run (alcove_vault_get_worker (vault), task, ALCOVE_WORKER_CONNECTION,
                     commit_job);
}

gboolean
alcove_client_import_commit_finish (AlcoveClientStore  *clients,
                                    GAsyncResult       *result,
                                    guint              *n_written,
                                    GError            **error)
{
  Adding *adding;

  g_return_val_if_fail (g_task_is_valid (result, clients), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  adding = g_task_get_task_data (G_TASK (result));
  alcove_client_store_publish_new (clients, adding->clients);
  /* the rows came through the worker's writer: views of the log learn of them here */
  alcove_vault_emit_audit_appended (alcove_client_store_get_vault (clients));
  if (n_written != NULL)
    *n_written = adding->clients->len;
  return TRUE;
}
