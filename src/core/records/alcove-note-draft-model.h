/* alcove-note-draft-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-note-store.h"

G_BEGIN_DECLS

#define ALCOVE_NOTE_DRAFT_MODEL_DEFAULT_DELAY_MS 1000

#define ALCOVE_TYPE_NOTE_DRAFT_MODEL (alcove_note_draft_model_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveNoteDraftModel, alcove_note_draft_model, ALCOVE, NOTE_DRAFT_MODEL,
                      GObject)

AlcoveNoteDraftModel *alcove_note_draft_model_new             (AlcoveNoteStore      *store,
                                                               AlcoveNote           *note);
AlcoveNote           *alcove_note_draft_model_get_note        (AlcoveNoteDraftModel *self);
AlcoveNoteStore      *alcove_note_draft_model_get_store       (AlcoveNoteDraftModel *self);
/* The text of one format section, or of one attendee's part, as typed */
void                  alcove_note_draft_model_set_section     (AlcoveNoteDraftModel *self,
                                                               const char           *key,
                                                               const char           *text);
void                  alcove_note_draft_model_set_part        (AlcoveNoteDraftModel *self,
                                                               const char           *client_id,
                                                               const char           *text);
void                  alcove_note_draft_model_set_objective   (AlcoveNoteDraftModel *self,
                                                               const char           *objective_id,
                                                               gboolean              addressed);
guint                 alcove_note_draft_model_get_words       (AlcoveNoteDraftModel *self,
                                                               const char           *key);
guint                 alcove_note_draft_model_get_total_words (AlcoveNoteDraftModel *self);
gboolean              alcove_note_draft_model_get_dirty       (AlcoveNoteDraftModel *self);
gboolean              alcove_note_draft_model_get_saving      (AlcoveNoteDraftModel *self);
gint64                alcove_note_draft_model_get_saved_ms    (AlcoveNoteDraftModel *self);
guint                 alcove_note_draft_model_get_delay       (AlcoveNoteDraftModel *self);
void                  alcove_note_draft_model_set_delay       (AlcoveNoteDraftModel *self,
                                                               guint                 delay_ms);
/* Off the main thread; a write still waiting is replaced by the newer text */
void                  alcove_note_draft_model_save_async      (AlcoveNoteDraftModel *self,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean              alcove_note_draft_model_save_finish     (AlcoveNoteDraftModel *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);
/* Queues the latest text now, without waiting: before a lock, or when a section loses
 * focus. The outcome comes as "saved" or "save-failed". */
void                  alcove_note_draft_model_flush           (AlcoveNoteDraftModel *self);
/* On the main thread, for what needs the answer at once; after any write queued */
gboolean              alcove_note_draft_model_save            (AlcoveNoteDraftModel *self,
                                                               GError              **error);
gboolean              alcove_note_draft_model_sign            (AlcoveNoteDraftModel *self,
                                                               GError              **error);
gboolean              alcove_note_draft_model_load_last_note (AlcoveNoteDraftModel *self,
                                                               GError              **error);
gboolean              alcove_note_draft_model_delete          (AlcoveNoteDraftModel *self,
                                                               GError              **error);

G_END_DECLS
