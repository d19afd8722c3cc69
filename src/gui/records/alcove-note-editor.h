/* alcove-note-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-measure-store.h"
#include "alcove-note-store.h"
#include "alcove-plan-store.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_NOTE_EDITOR (alcove_note_editor_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveNoteEditor, alcove_note_editor, ALCOVE, NOTE_EDITOR, AdwBin)

AlcoveNoteEditor *alcove_note_editor_new                   (AlcoveNoteStore  *notes,
                                                            AlcoveNote       *note,
                                                            const char       *viewing_client_id);
AlcoveNote       *alcove_note_editor_get_note              (AlcoveNoteEditor *self);
AlcoveNoteStore  *alcove_note_editor_get_notes             (AlcoveNoteEditor *self);
/* Writes what is on screen now if anything changed; on failure the text stays on screen,
 * the banner says why, and FALSE is returned */
gboolean          alcove_note_editor_save                  (AlcoveNoteEditor *self,
                                                            GError          **error);
gboolean          alcove_note_editor_has_unsaved_changes   (AlcoveNoteEditor *self);
/* Asks to sign: names empty required sections, else confirms, then signs */
void              alcove_note_editor_sign                  (AlcoveNoteEditor *self);
void              alcove_note_editor_add_addendum          (AlcoveNoteEditor *self);
void              alcove_note_editor_delete_draft          (AlcoveNoteEditor *self);
void              alcove_note_editor_load_last_note        (AlcoveNoteEditor *self);
/* Inserts "PHQ-9: baseline 18 (…), prior 12 (…), latest 7 (…)" and any acknowledged risk
 * prompt for this note's client, at the cursor of the section being written (or in the
 * Objective/Data section); FALSE with an error if the note is signed or nothing was given */
gboolean          alcove_note_editor_insert_measure        (AlcoveNoteEditor   *self,
                                                            AlcoveMeasureStore *measures,
                                                            const char         *measure_id,
                                                            GError            **error);
/* A supervisor's answer to a note awaiting co-signature: co-sign it after confirming, or
 * return it to its author with a comment (alcove-note-editor-cosign.c) */
void              alcove_note_editor_cosign                (AlcoveNoteEditor *self);
void              alcove_note_editor_return                (AlcoveNoteEditor *self);
/* The treatment plan objectives the note may address (alcove-note-editor-objectives.c) */
void              alcove_note_editor_set_plans             (AlcoveNoteEditor *self,
                                                            AlcovePlanStore  *plans);
/* The buffer of a format section (by key) or of an attendee's part (by client id) */
GtkTextBuffer    *alcove_note_editor_get_buffer            (AlcoveNoteEditor *self,
                                                            const char       *key);
guint             alcove_note_editor_get_n_findings        (AlcoveNoteEditor *self);
/* Runs the minimum-necessary helper now instead of after the debounce */
void              alcove_note_editor_check_now             (AlcoveNoteEditor *self);
void              alcove_note_editor_dismiss_finding       (AlcoveNoteEditor *self,
                                                            const char       *finding_key);
gboolean          alcove_note_editor_get_findings_visible  (AlcoveNoteEditor *self);
void              alcove_note_editor_set_findings_visible  (AlcoveNoteEditor *self,
                                                            gboolean          visible);
const char       *alcove_note_editor_get_status_text       (AlcoveNoteEditor *self);

G_END_DECLS
