/* alcove-emergency-notes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-notes"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-audit-actions.h"
#include "alcove-emergency-notes.h"
#include "alcove-error.h"
#include "alcove-note-store-private.h"
#include "alcove-vault-private.h"

/* The stores emergency access attached, or an error once it has ended or expired: the
 * vault stops answering at expiry even before its timer has detached them */
static GStrv
open_schemas (AlcoveNoteStore  *self,
              GError          **error)
{
  g_auto(GStrv) schemas = NULL;

  if (!alcove_vault_require_unlocked (self->vault, error))
    return NULL;
  schemas = alcove_vault_dup_emergency_schemas (self->vault);
  if (schemas[0] == NULL)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                         _("Emergency access has ended"));
      return NULL;
    }
  return g_steal_pointer (&schemas);
}

static gint
by_date_newest_first (gconstpointer a,
                      gconstpointer b)
{
  AlcoveNote *first = *(AlcoveNote **) a;
  AlcoveNote *second = *(AlcoveNote **) b;

  return g_strcmp0 (alcove_note_get_session_date (second), alcove_note_get_session_date (first));
}

GListModel *
alcove_emergency_notes_list (AlcoveNoteStore  *store,
                             GError          **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) schemas = NULL;
  const char *client_id;
  GListStore *model;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (store), NULL);

  schemas = open_schemas (store, error);
  if (schemas == NULL)
    return NULL;
  client_id = alcove_vault_get_emergency_client (store->vault);
  for (guint i = 0; schemas[i] != NULL; i++)
    if (!alcove_note_store_collect_in (store, schemas[i], schemas[i],
                                       "client_id = ?1 OR id IN"
                                       " (SELECT note_id FROM @S@.note_parts WHERE client_id = ?1)",
                                       client_id, notes, error))
      return NULL;
  g_ptr_array_sort (notes, by_date_newest_first);
  model = g_list_store_new (ALCOVE_TYPE_NOTE);
  g_list_store_splice (model, 0, 0, notes->pdata, notes->len);
  return G_LIST_MODEL (model);
}

/* Only a note of the client the access was opened for; each opening is in the audit log
 * under the access's own action, with the event it belongs to */
AlcoveNote *
alcove_emergency_notes_open (AlcoveNoteStore  *store,
                             const char       *note_id,
                             GError          **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) schemas = NULL;
  g_autofree char *details = NULL;
  const char *client_id;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (store), NULL);
  g_return_val_if_fail (note_id != NULL, NULL);

  schemas = open_schemas (store, error);
  if (schemas == NULL)
    return NULL;
  client_id = alcove_vault_get_emergency_client (store->vault);
  for (guint i = 0; schemas[i] != NULL && notes->len == 0; i++)
    if (!alcove_note_store_collect_in (store, schemas[i], schemas[i], "id = ?1", note_id, notes,
                                       error))
      return NULL;
  if (notes->len == 0 ||
      (g_strcmp0 (alcove_note_get_client_id (g_ptr_array_index (notes, 0)), client_id) != 0 &&
       !g_hash_table_contains (alcove_note_get_parts (g_ptr_array_index (notes, 0)), client_id)))
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                         _("This note is not one of the notes emergency access opened"));
      return NULL;
    }
  alcove_note_store_verify (store, g_ptr_array_index (notes, 0));
  details = alcove_audit_details ("event", alcove_vault_get_emergency_event (store->vault),
                                  "client", client_id, NULL);
  alcove_vault_audit (store->vault, ALCOVE_AUDIT_EMERGENCY_VIEW, note_id, details);
  return g_object_ref (g_ptr_array_index (notes, 0));
}
