/* alcove-note-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-client-store.h"
#include "alcove-note.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_NOTE_STORE (alcove_note_store_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveNoteStore, alcove_note_store, ALCOVE, NOTE_STORE, GObject)

AlcoveNoteStore *alcove_note_store_new              (AlcoveClientStore  *clients);
AlcoveClientStore *alcove_note_store_get_clients    (AlcoveNoteStore    *self);
gboolean         alcove_note_store_can_write        (AlcoveNoteStore    *self);
gboolean         alcove_note_store_can_read_notes   (AlcoveNoteStore    *self);
gboolean         alcove_note_store_is_author        (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note);
AlcoveNote      *alcove_note_store_create           (AlcoveNoteStore    *self,
                                                     const char         *client_id,
                                                     const char         *session_id,
                                                     const char         *format_id,
                                                     const char         *session_date,
                                                     GError            **error);
gboolean         alcove_note_store_save             (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note,
                                                     GError            **error);
void             alcove_note_store_save_draft_async (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean         alcove_note_store_save_draft_finish (AlcoveNoteStore   *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);
gboolean         alcove_note_store_check_required   (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note,
                                                     GError            **error);
gboolean         alcove_note_store_sign             (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note,
                                                     GError            **error);
gboolean         alcove_note_store_add_addendum     (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note,
                                                     const char         *text,
                                                     GError            **error);
gboolean         alcove_note_store_delete_draft     (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note,
                                                     GError            **error);
AlcoveNote      *alcove_note_store_open             (AlcoveNoteStore    *self,
                                                     const char         *note_id,
                                                     GError            **error);
gboolean         alcove_note_store_verify           (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note);
GListModel      *alcove_note_store_list_for_client  (AlcoveNoteStore    *self,
                                                     const char         *client_id,
                                                     gboolean            private_notes,
                                                     GError            **error);
GListModel      *alcove_note_store_list_for_objective (AlcoveNoteStore  *self,
                                                       const char       *objective_id,
                                                       GError          **error);
void             alcove_note_store_record_print     (AlcoveNoteStore    *self,
                                                     const char         *object_id,
                                                     gboolean            whole_record);
char            *alcove_note_store_dup_author_name  (AlcoveNoteStore    *self,
                                                     const char         *user_uuid);

/* Co-signing (alcove-note-store-cosign.c). A note signed by someone under supervision
 * waits for one of their supervisors, who co-signs it or returns it to them as a draft
 * with a comment; only that supervisor, never the author, and never a psychotherapy note. */
gboolean         alcove_note_store_can_cosign       (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note);
gboolean         alcove_note_store_cosign           (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note,
                                                     GError            **error);
gboolean         alcove_note_store_return           (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note,
                                                     const char         *comment,
                                                     GError            **error);
GListModel      *alcove_note_store_list_awaiting_cosign (AlcoveNoteStore *self,
                                                         GError         **error);
GListModel      *alcove_note_store_list_returned    (AlcoveNoteStore    *self,
                                                     GError            **error);

/* Sessions and copying forward (alcove-note-store-copy.c) */
AlcoveNote      *alcove_note_store_open_for_session (AlcoveNoteStore    *self,
                                                     const char         *session_id,
                                                     GError            **error);
gboolean         alcove_note_store_load_last_note   (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note,
                                                     GError            **error);
gboolean         alcove_note_store_confirm_copied   (AlcoveNoteStore    *self,
                                                     AlcoveNote         *note,
                                                     GError            **error);
char            *alcove_note_store_dup_copied_unchanged_titles (AlcoveNoteStore *self,
                                                                AlcoveNote      *note);
char            *alcove_note_store_dup_copied_from_date (AlcoveNoteStore *self,
                                                         AlcoveNote      *note);

gboolean            alcove_note_index_catch_up         (AlcoveVault        *vault,
                                                        GError            **error);

G_END_DECLS
