/* alcove-note-store-private.h — shared between the note store and its autosave part
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

/* alcove-note-store.c */
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
gboolean   alcove_note_store_write_draft_on   (AlcoveDatabase   *database,
                                               AlcoveNote       *note,
                                               gint64            now,
                                               GError          **error);

/* alcove-note-store-drafts.c */
GPtrArray *alcove_note_store_settle_draft     (AlcoveNoteStore  *self,
                                               AlcoveNote       *note);
void       alcove_note_store_end_settled      (GPtrArray        *waiters,
                                               gboolean          written);
void       alcove_note_store_drop_drafts      (AlcoveNoteStore  *self);

G_END_DECLS
