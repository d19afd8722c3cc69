/* alcove-client-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-client-store"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-policy.h"
#include "alcove-client-store-private.h"

/* Clients and sessions in practice.db, for one unlocked vault. Every client is loaded once
 * into a GListStore (a practice has thousands, not millions); saving replaces the snapshot
 * in place so the list view updates one row. Sessions: alcove-client-store-sessions.c. */
G_DEFINE_FINAL_TYPE (AlcoveClientStore, alcove_client_store, G_TYPE_OBJECT)

enum
{
  SESSIONS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define CLIENT_COLUMNS \
  "id, record_type, status, preferred_name, legal_name, date_of_birth, pronouns, phone," \
  " email, address, emergency_contact, discharged_on, last_session"

static void
alcove_client_store_finalize (GObject *object)
{
  AlcoveClientStore *self = ALCOVE_CLIENT_STORE (object);

  g_clear_object (&self->vault);
  g_clear_object (&self->clients);
  g_clear_pointer (&self->by_id, g_hash_table_unref);

  G_OBJECT_CLASS (alcove_client_store_parent_class)->finalize (object);
}

static void
alcove_client_store_class_init (AlcoveClientStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_client_store_finalize;

  /**
   * AlcoveClientStore::sessions-changed:
   * @client_id: the client whose sessions were added to, changed, or whose note status moved
   */
  signals[SESSIONS_CHANGED] = g_signal_new ("sessions-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
alcove_client_store_init (AlcoveClientStore *self)
{
  self->clients = g_list_store_new (ALCOVE_TYPE_CLIENT);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static AlcoveClient *
client_from_row (sqlite3_stmt *stmt)
{
  AlcoveClient *client = alcove_client_new ();
  AlcoveRecordType type = ALCOVE_RECORD_INDIVIDUAL;

  alcove_client_set_id (client, alcove_row_text (stmt, 0));
  alcove_record_type_from_string (alcove_row_text (stmt, 1), &type);
  alcove_client_set_record_type (client, type);
  alcove_client_set_status (client, g_str_equal (alcove_row_text (stmt, 2), "discharged") ?
                                    ALCOVE_CLIENT_DISCHARGED : ALCOVE_CLIENT_ACTIVE);
  for (guint field = 0; field < ALCOVE_CLIENT_N_FIELDS; field++)
    alcove_client_set_field (client, field, alcove_row_text (stmt, 3 + field));
  return client;
}

static gboolean
load_links (AlcoveClientStore  *self,
            AlcoveDatabase     *database,
            GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* client_members is WITHOUT ROWID: there is no insertion order to keep, so members load
   * in a stable order of their ids */
  stmt = alcove_database_prepare (database, "SELECT record_id, member_id FROM client_members"
                                            " ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlcoveClient *record = g_hash_table_lookup (self->by_id, alcove_row_text (stmt, 0));

      if (record != NULL)
        g_ptr_array_add (alcove_client_get_members (record), g_strdup (alcove_row_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (database, NULL, rc, error);

  stmt = alcove_database_prepare (database, "SELECT client_id, name, relationship, access"
                                            " FROM guardians ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlcoveClient *client = g_hash_table_lookup (self->by_id, alcove_row_text (stmt, 0));

      if (client != NULL)
        alcove_client_add_guardian (client, alcove_row_text (stmt, 1), alcove_row_text (stmt, 2),
                                    alcove_row_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || alcove_database_set_error (database, NULL, rc, error);
}

static gboolean
load_clients (AlcoveClientStore  *self,
              GError            **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  /* a disposed client keeps only an emptied row, for the disclosure log; it is gone */
  stmt = alcove_database_prepare (database, "SELECT " CLIENT_COLUMNS " FROM clients WHERE id NOT IN"
                                            " (SELECT client_id FROM disposed_clients)", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlcoveClient *client = client_from_row (stmt);

      g_ptr_array_add (loaded, client);
      g_hash_table_insert (self->by_id, (gpointer) alcove_client_get_id (client), client);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return alcove_database_set_error (database, NULL, rc, error);
  g_list_store_splice (self->clients, 0, 0, loaded->pdata, loaded->len);
  return load_links (self, database, error);
}

AlcoveClientStore *
alcove_client_store_new (AlcoveVault  *vault,
                         GError      **error)
{
  g_autoptr(AlcoveClientStore) self = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!alcove_vault_require_unlocked (vault, error))
    return NULL;
  self = g_object_new (ALCOVE_TYPE_CLIENT_STORE, NULL);
  self->vault = g_object_ref (vault);
  if (!load_clients (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

AlcoveVault *
alcove_client_store_get_vault (AlcoveClientStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self), NULL);
  return self->vault;
}

/* Every client of the practice, as AlcoveClient snapshots; owned by the store */
GListModel *
alcove_client_store_get_clients (AlcoveClientStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self), NULL);
  return G_LIST_MODEL (self->clients);
}

/* Transfer none, and only until this client is saved again (saving a session too may
 * replace the snapshot): take a reference to keep it */
AlcoveClient *
alcove_client_store_lookup (AlcoveClientStore *self,
                            const char        *client_id)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self), NULL);
  return client_id ? g_hash_table_lookup (self->by_id, client_id) : NULL;
}

/* Owners, clinicians and the front desk keep client details; a supervisor only reads */
gboolean
alcove_client_store_can_edit (AlcoveClientStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self), FALSE);

  return alcove_policy_allows (self->vault, ALCOVE_CAPABILITY_EDIT_CLIENTS);
}

static gboolean
validate_members (AlcoveClientStore  *self,
                  AlcoveClient       *client,
                  GError            **error)
{
  GPtrArray *members = alcove_client_get_members (client);

  if (alcove_client_get_record_type (client) == ALCOVE_RECORD_INDIVIDUAL)
    return members->len == 0 ||
           alcove_error_invalid (error,
                                 _("An individual record has no members; choose couple, family or "
                                   "group to link clients"));
  for (guint i = 0; i < members->len; i++)
    {
      AlcoveClient *member = alcove_client_store_lookup (self, g_ptr_array_index (members, i));

      if (member == NULL || alcove_client_get_record_type (member) != ALCOVE_RECORD_INDIVIDUAL)
        return alcove_error_invalid (error, _("Each member of a couple, family or group must be an"
                                              " individual client of this practice"));
    }
  return TRUE;
}

static gboolean
validate_client (AlcoveClientStore  *self,
                 AlcoveClient       *client,
                 GError            **error)
{
  g_autofree char *today = alcove_date_today_iso ();
  const char *born = alcove_client_get_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH);
  const char *email = alcove_client_get_field (client, ALCOVE_CLIENT_EMAIL);
  const char *discharged = alcove_client_get_field (client, ALCOVE_CLIENT_DISCHARGED_ON);

  if (*alcove_client_get_display_name (client) == '\0')
    return alcove_error_invalid (error, _("Enter the name the client goes by"));
  if (*born != '\0' && (!alcove_date_is_valid (born) || g_strcmp0 (born, today) > 0))
    return alcove_error_invalid (error,
                                 _("Enter the date of birth as YYYY-MM-DD, not in the future"));
  if (*email != '\0' && (strchr (email, '@') == NULL || strchr (email, ' ') != NULL))
    return alcove_error_invalid (error, _("The e-mail address needs an “@” and no spaces"));
  if (*discharged != '\0' && !alcove_date_is_valid (discharged))
    return alcove_error_invalid (error, _("Enter the discharge date as YYYY-MM-DD"));
  for (guint i = 0; i < alcove_client_get_guardians (client)->len; i++)
    if (*((AlcoveGuardian *) g_ptr_array_index (alcove_client_get_guardians (client), i))->name
        == '\0')
      return alcove_error_invalid (error, _("Each guardian needs a name"));
  if (alcove_client_get_status (client) == ALCOVE_CLIENT_DISCHARGED && *discharged == '\0')
    alcove_client_set_field (client, ALCOVE_CLIENT_DISCHARGED_ON, today);
  if (alcove_client_get_status (client) == ALCOVE_CLIENT_ACTIVE)
    alcove_client_set_field (client, ALCOVE_CLIENT_DISCHARGED_ON, "");
  return validate_members (self, client, error);
}

static void
bind_client (sqlite3_stmt *stmt,
             AlcoveClient *client)
{
  sqlite3_bind_text (stmt, 1, alcove_client_get_id (client), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_record_type_to_string (alcove_client_get_record_type (client)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, alcove_client_get_status (client) == ALCOVE_CLIENT_DISCHARGED ?
                              "discharged" : "active", -1, SQLITE_STATIC);
  for (guint field = 0; field < ALCOVE_CLIENT_N_FIELDS; field++)
    sqlite3_bind_text (stmt, 4 + field, alcove_client_get_field (client, field), -1,
                       SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4 + ALCOVE_CLIENT_N_FIELDS, g_get_real_time () / 1000);
}

static gboolean
write_links (AlcoveDatabase  *database,
             AlcoveClient    *client,
             GError         **error)
{
  const char *id = alcove_client_get_id (client);
  GPtrArray *members = alcove_client_get_members (client);
  GPtrArray *guardians = alcove_client_get_guardians (client);
  sqlite3_stmt *stmt;

  stmt = alcove_database_prepare (database, "DELETE FROM client_members WHERE record_id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    {
      stmt = alcove_database_prepare (database, "INSERT OR IGNORE INTO client_members"
                                                " (record_id, member_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (members, i), -1, SQLITE_TRANSIENT);
      if (!alcove_database_step_done (database, stmt, error))
        return FALSE;
    }

  stmt = alcove_database_prepare (database, "DELETE FROM guardians WHERE client_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  for (guint i = 0; i < guardians->len; i++)
    {
      AlcoveGuardian *guardian = g_ptr_array_index (guardians, i);
      g_autofree char *guardian_id = g_uuid_string_random ();

      stmt = alcove_database_prepare (database, "INSERT INTO guardians (id, client_id, name,"
                                                " relationship, access) VALUES (?, ?, ?, ?, ?)",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, guardian_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, guardian->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, guardian->relationship, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, guardian->access, -1, SQLITE_TRANSIENT);
      if (!alcove_database_step_done (database, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_client_on (AlcoveDatabase  *database,
                 AlcoveAudit     *audit,
                 AlcoveClient    *client,
                 gboolean         is_new,
                 GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = alcove_database_prepare (database, is_new ?
    "INSERT INTO clients (" CLIENT_COLUMNS ", created_ms, updated_ms)"
    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?14)" :
    "UPDATE clients SET record_type = ?2, status = ?3, preferred_name = ?4, legal_name = ?5,"
    " date_of_birth = ?6, pronouns = ?7, phone = ?8, email = ?9, address = ?10,"
    " emergency_contact = ?11, discharged_on = ?12, updated_ms = ?14"
    " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_client (stmt, client);
  if (!alcove_database_step_done (database, stmt, error) || !write_links (database, client, error))
    return FALSE;
  return alcove_audit_append (audit,
                              is_new ? ALCOVE_AUDIT_CLIENT_CREATE : ALCOVE_AUDIT_CLIENT_UPDATE,
                              alcove_client_get_id (client), "{}", NULL, error);
}

static gboolean
write_client (AlcoveClientStore  *self,
              AlcoveClient       *client,
              gboolean            is_new,
              GError            **error)
{
  return write_client_on (alcove_vault_get_database (self->vault),
                          alcove_vault_get_audit (self->vault), client, is_new, error);
}

/* For a caller holding the transaction, on this store's connection or a worker's */
gboolean
alcove_client_store_insert_new (AlcoveDatabase  *database,
                                AlcoveAudit     *audit,
                                AlcoveClient    *client,
                                GError         **error)
{
  g_return_val_if_fail (alcove_client_get_id (client) != NULL, FALSE);
  return write_client_on (database, audit, client, TRUE, error);
}

/* The client as saved becomes the one the list shows, in the same place */
void
alcove_client_store_publish (AlcoveClientStore *self,
                             AlcoveClient      *client)
{
  g_autoptr(AlcoveClient) snapshot = alcove_client_copy (client);
  AlcoveClient *old = g_hash_table_lookup (self->by_id, alcove_client_get_id (client));
  guint position;

  g_hash_table_replace (self->by_id, (gpointer) alcove_client_get_id (snapshot), snapshot);
  if (old != NULL && g_list_store_find (self->clients, old, &position))
    g_list_store_splice (self->clients, position, 1, (gpointer *) &snapshot, 1);
  else
    g_list_store_append (self->clients, snapshot);
}

/* Clients written elsewhere (alcove_client_store_insert_new) join the list with one change,
 * which a view of tens of thousands of rows sorts once, not once a client */
void
alcove_client_store_publish_new (AlcoveClientStore *self,
                                 GPtrArray         *clients)
{
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (ALCOVE_IS_CLIENT_STORE (self));

  for (guint i = 0; i < clients->len; i++)
    {
      AlcoveClient *client = g_ptr_array_index (clients, i);
      AlcoveClient *snapshot;

      if (g_hash_table_contains (self->by_id, alcove_client_get_id (client)))
        {
          g_critical ("A client published as new was already in the list");
          continue;
        }
      snapshot = alcove_client_copy (client);
      g_hash_table_insert (self->by_id, (gpointer) alcove_client_get_id (snapshot), snapshot);
      g_ptr_array_add (snapshots, snapshot);
    }
  g_list_store_splice (self->clients, g_list_model_get_n_items (G_LIST_MODEL (self->clients)),
                       0, snapshots->pdata, snapshots->len);
}

gboolean
alcove_client_store_validate (AlcoveClientStore  *self,
                              AlcoveClient       *client,
                              GError            **error)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self), FALSE);
  return validate_client (self, client, error);
}

/* Inserts (when the client has no id yet, one is given) or updates, in one transaction
 * with its audit row. On failure nothing is written and the client keeps what was typed. */
gboolean
alcove_client_store_save (AlcoveClientStore  *self,
                          AlcoveClient       *client,
                          GError            **error)
{
  AlcoveDatabase *database;
  AlcoveClient *saved;
  gboolean is_new;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_CLIENT (client), FALSE);

  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  if (!alcove_client_store_can_edit (self))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Your role may read client details but not change them"));
      return FALSE;
    }
  if (!validate_client (self, client, error))
    return FALSE;

  saved = alcove_client_store_lookup (self, alcove_client_get_id (client));
  is_new = saved == NULL;
  /* the last-session date is the store's, moved only by sessions: an edit form opened
   * before a session was recorded must not take it back */
  if (!is_new)
    alcove_client_set_field (client, ALCOVE_CLIENT_LAST_SESSION,
                             alcove_client_get_field (saved, ALCOVE_CLIENT_LAST_SESSION));
  if (alcove_client_get_id (client) == NULL)
    {
      g_autofree char *id = g_uuid_string_random ();

      alcove_client_set_id (client, id);
    }
  database = alcove_vault_get_database (self->vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!write_client (self, client, is_new, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (!alcove_database_commit (database, error))
    return FALSE;
  alcove_client_store_publish (self, client);
  return TRUE;
}

void
alcove_client_store_record_view (AlcoveClientStore *self,
                                 AlcoveClient      *client)
{
  g_return_if_fail (ALCOVE_IS_CLIENT_STORE (self));
  g_return_if_fail (ALCOVE_IS_CLIENT (client));

  alcove_vault_audit (self->vault, ALCOVE_AUDIT_CLIENT_VIEW, alcove_client_get_id (client), "{}");
}

/* Drops a client a retention disposal removed from the files (alcove-retention.c) */
void
alcove_client_store_forget (AlcoveClientStore *self,
                            const char        *client_id)
{
  AlcoveClient *client;
  guint position;

  g_return_if_fail (ALCOVE_IS_CLIENT_STORE (self));
  g_return_if_fail (client_id != NULL);

  client = g_hash_table_lookup (self->by_id, client_id);
  if (client == NULL)
    return;
  /* the key is the client's own id: out of the table before the list lets go of it */
  g_hash_table_remove (self->by_id, client_id);
  if (g_list_store_find (self->clients, client, &position))
    g_list_store_remove (self->clients, position);
}

/* The couple, family and group records this client is a member of (AlcoveClient, owned) */
GPtrArray *
alcove_client_store_dup_records_of (AlcoveClientStore *self,
                                    const char        *member_id)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->clients));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlcoveClient) client = g_list_model_get_item (G_LIST_MODEL (self->clients), i);
      GPtrArray *members = alcove_client_get_members (client);

      if (g_ptr_array_find_with_equal_func (members, member_id, g_str_equal, NULL))
        g_ptr_array_add (records, g_steal_pointer (&client));
    }
  return records;
}

/* Also for the note store: a note's creation, signing or deletion moves its session's
 * note status */
void
alcove_client_store_emit_sessions_changed (AlcoveClientStore *self,
                                           const char        *client_id)
{
  g_return_if_fail (ALCOVE_IS_CLIENT_STORE (self));

  g_signal_emit (self, signals[SESSIONS_CHANGED], 0, client_id);
}
