/* alcove-note-store-private.h — shared between the note store, its autosave part and its
 * co-signing part
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-database.h"
#include "alcove-note-store.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

struct _AlcoveNoteStore
{
  GObject            parent_instance;

  AlcoveClientStore *clients;
  AlcoveVault       *vault;
  GHashTable        *edited;  /* note ids audited as edited while this store lives */
  GHashTable        *drafts;  /* note id → the autosaves of that note on the worker; main
                               * thread only (alcove-note-store-drafts.c) */
};

/* One step of a change, run by alcove_note_store_in_transaction() */
typedef gboolean (*AlcoveNoteStep) (AlcoveNoteStore *self,
                                    AlcoveNote      *note,
                                    gboolean         flag,
                                    GError         **error);

/* alcove-note-store.c */
gboolean   alcove_note_store_in_transaction   (AlcoveNoteStore  *self,
                                               AlcoveNote       *note,
                                               AlcoveNoteStep    step,
                                               gboolean          flag,
                                               const char       *audit_action,
                                               GError          **error);
gboolean   alcove_note_store_in_transaction_with (AlcoveNoteStore *self,
                                                  AlcoveNote      *note,
                                                  AlcoveNoteStep   step,
                                                  gboolean         flag,
                                                  const char      *audit_action,
                                                  const char      *details,
                                                  GError         **error);
gboolean   alcove_note_store_write_draft      (AlcoveNoteStore  *self,
                                               AlcoveNote       *note,
                                               GError          **error);
gboolean   alcove_note_store_set_session_status (AlcoveDatabase *database,
                                                 AlcoveNote     *note,
                                                 const char     *status,
                                                 GError        **error);
GPtrArray *alcove_note_store_readable_store_ids (AlcoveNoteStore *self,
                                                 gboolean         private_stores);
gboolean   alcove_note_store_require_author   (AlcoveNoteStore  *self,
                                               AlcoveNote       *note,
                                               GError          **error);
void       alcove_note_store_emit_note_changed (AlcoveNoteStore *self,
                                                AlcoveNote      *note,
                                                gboolean         session_status_moved);
gboolean   alcove_note_store_audit_first_edit (AlcoveNoteStore  *self,
                                               AlcoveNote       *note,
                                               GError          **error);
gboolean   alcove_note_store_collect_in       (AlcoveNoteStore  *self,
                                               const char       *schema,
                                               const char       *store_id,
                                               const char       *where,
                                               const char       *key,
                                               GPtrArray        *notes,
                                               GError          **error);
gboolean   alcove_note_store_exec_in          (AlcoveDatabase   *database,
                                               const char       *sql_template,
                                               const char       *schema,
                                               const char       *first,
                                               const char       *second,
                                               const char       *third,
                                               GError          **error);
gboolean   alcove_note_store_index_text       (AlcoveDatabase   *database,
                                               const char       *schema,
                                               const char       *doc_id,
                                               const char       *client_id,
                                               const char       *kind,
                                               const char       *text,
                                               GError          **error);
gboolean   alcove_note_store_write_draft_on   (AlcoveDatabase   *database,
                                               AlcoveNote       *note,
                                               gint64            now,
                                               GError          **error);

char      *alcove_note_store_texts_to_json     (GHashTable       *table);

/* alcove-note-store-copy.c */
gboolean   alcove_note_store_check_copied     (AlcoveNoteStore  *self,
                                               AlcoveNote       *note,
                                               GError          **error);

/* alcove-note-store-cosign.c */
gboolean   alcove_note_store_load_cosign      (AlcoveNoteStore  *self,
                                               AlcoveDatabase   *database,
                                               const char       *schema,
                                               AlcoveNote       *note,
                                               GError          **error);
gboolean   alcove_note_store_check_cosign     (AlcoveNoteStore  *self,
                                               AlcoveNote       *note);

/* alcove-note-store-drafts.c */
GPtrArray *alcove_note_store_settle_draft     (AlcoveNoteStore  *self,
                                               AlcoveNote       *note);
void       alcove_note_store_end_settled      (GPtrArray        *waiters,
                                               gboolean          written);
void       alcove_note_store_drop_drafts      (AlcoveNoteStore  *self);

G_END_DECLS
