/* alcove-note-editor-private.h — shared between the editor, its actions, its co-signing
 * part and its findings pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-lock-manager.h"
#include "alcove-note-draft-model.h"
#include "alcove-note-editor.h"

G_BEGIN_DECLS

/* One text view: a format section, or an attendee's part of a shared note */
typedef struct
{
  AlcoveNoteEditor *editor;
  char             *key;      /* section key, or the attendee's client id */
  char             *title;
  gboolean          is_part;
  gboolean          required;
  GtkTextView      *view;
  GtkTextBuffer    *buffer;
  GtkLabel         *placeholder;
  GtkLabel         *words;
  GtkLabel         *required_label;
  GtkLabel         *copied_label;    /* copied from an earlier note, or NULL */
} AlcoveEditorSection;

struct _AlcoveNoteEditor
{
  AdwBin              parent_instance;

  AlcoveNoteStore    *notes;
  AlcoveNote         *note;
  AlcoveNoteDraftModel *draft;       /* owns the text, its word counts and its autosave */
  char               *viewing_client_id;
  AlcoveLockManager  *lock_manager;
  guint               draft_saver_id;

  AdwToastOverlay    *toast_overlay;
  AdwToast           *last_toast;   /* replaced, not queued: an old refusal must not outlive it */
  GtkRevealer        *mismatch_revealer;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkLabel           *signature_label;
  GtkLabel           *cosign_label;
  GtkRevealer        *cosign_tampered_revealer;
  GtkRevealer        *returned_revealer;
  GtkLabel           *returned_title;
  GtkLabel           *returned_comment;
  GtkBox             *history_box;
  GtkListBox         *history_list;
  GtkBox             *sections_box;
  GtkBox             *addenda_box;
  GtkListBox         *addenda_list;
  GtkLabel           *status_label;
  GtkLabel           *total_words_label;
  GtkRevealer        *findings_revealer;
  GtkListBox         *findings_list;
  GtkLabel           *findings_empty_label;

  GPtrArray          *sections;        /* AlcoveEditorSection */
  char               *copied_date;     /* the session date of the note copied from */
  gboolean            loading;
  char               *status_text;

  AlcovePlanStore    *plans;           /* NULL: no treatment plan objectives shown */
  AdwPreferencesGroup *objectives_group;
  GPtrArray          *objective_rows;  /* the group's rows, borrowed */
  GPtrArray          *plan_versions;   /* AlcovePlan the rows read from */

  GHashTable         *dismissed;       /* finding keys dismissed while the editor is open */
  GStrv               other_names;
  guint               n_findings;
};

/* alcove-note-editor.c */
gboolean    alcove_note_editor_is_signed         (AlcoveNoteEditor *self);
gboolean    alcove_note_editor_is_read_only      (AlcoveNoteEditor *self);
char       *alcove_note_editor_buffer_dup_text   (GtkTextBuffer    *buffer);
void        alcove_note_editor_show_toast        (AlcoveNoteEditor *self,
                                                  const char       *message);
void        alcove_note_editor_set_status        (AlcoveNoteEditor *self,
                                                  const char       *text);
void        alcove_note_editor_build             (AlcoveNoteEditor *self);
void        alcove_note_editor_build_addenda     (AlcoveNoteEditor *self);
void        alcove_note_editor_stop_draft_saver  (AlcoveNoteEditor *self);
void        alcove_note_editor_emit_note_changed (AlcoveNoteEditor *self);
void        alcove_note_editor_emit_deleted      (AlcoveNoteEditor *self);

void        alcove_note_editor_update_copied     (AlcoveNoteEditor    *self,
                                                  AlcoveEditorSection *section);

/* alcove-note-editor-cosign.c */
void  alcove_note_editor_build_cosign     (AlcoveNoteEditor *self);
void  alcove_note_editor_update_status    (AlcoveNoteEditor *self);

/* alcove-note-editor-objectives.c */
void  alcove_note_editor_build_objectives (AlcoveNoteEditor *self);

/* alcove-note-editor-findings.c */
void  alcove_note_editor_refresh_findings (AlcoveNoteEditor *self);
void  alcove_note_editor_init_findings    (AlcoveNoteEditor *self);
void  alcove_note_editor_update_finding_colors (AlcoveNoteEditor *self);

G_END_DECLS
