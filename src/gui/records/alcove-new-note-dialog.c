/* alcove-new-note-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-new-note-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-date-row.h"
#include "alcove-form-draft.h"
#include "alcove-lists-and-messages.h"
#include "alcove-lock-manager.h"
#include "alcove-new-note-dialog.h"
#include "alcove-note-format.h"

/* New Note: which session the note is for (one of this record's sessions that has no note
 * yet and was not cancelled, or a new one on a date that may be in the past) and its format.
 * The store checks the choice; a refusal shows above the form and nothing chosen is lost. */
struct _AlcoveNewNoteDialog
{
  AdwWindow         parent_instance;

  AlcoveWorkspace  *workspace;
  char             *client_id;
  GPtrArray        *format_ids;
  AlcoveFormDraft  *draft;

  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  GtkListBox       *sessions_box;
  GtkCheckButton   *new_session_check;
  AdwEntryRow      *date_row;
  AdwComboRow      *format_row;
};

G_DEFINE_FINAL_TYPE (AlcoveNewNoteDialog, alcove_new_note_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_date_row (AlcoveNewNoteDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row),
                            gtk_check_button_get_active (self->new_session_check));
}

/* The session chosen, or NULL for a new one */
static const char *
chosen_session (AlcoveNewNoteDialog *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sessions_box));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && gtk_check_button_get_active (check))
        return g_object_get_data (G_OBJECT (row), "session-id");
    }
  return NULL;
}

static void
create_action_cb (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  AlcoveNewNoteDialog *self = ALCOVE_NEW_NOTE_DIALOG (widget);
  AlcoveNoteStore *notes = alcove_workspace_get_notes (self->workspace);
  guint format = adw_combo_row_get_selected (self->format_row);
  g_autofree char *date =
    g_strdup (alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (self->date_row)));
  const char *session_id = chosen_session (self);
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;

  g_strstrip (date);
  if (session_id == NULL && !gtk_check_button_get_active (self->new_session_check))
    {
      alcove_message_show_error (self->error_revealer, self->error_label,
                                 _("Choose the session this note is for"));
      return;
    }
  note = alcove_note_store_create (notes, self->client_id, session_id,
                                   format < self->format_ids->len
                                   ? g_ptr_array_index (self->format_ids, format) : NULL,
                                   session_id ? NULL : date, &error);
  if (note == NULL)
    {
      alcove_message_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }
  alcove_form_draft_saved (self->draft);
  g_signal_emit (self, signals[CREATED], 0, note);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
alcove_new_note_dialog_dispose (GObject *object)
{
  AlcoveNewNoteDialog *self = ALCOVE_NEW_NOTE_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->format_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (alcove_new_note_dialog_parent_class)->dispose (object);
}

static void
alcove_new_note_dialog_class_init (AlcoveNewNoteDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (ALCOVE_TYPE_DATE_ROW);
  G_OBJECT_CLASS (klass)->dispose = alcove_new_note_dialog_dispose;

  /**
   * AlcoveNewNoteDialog::created:
   * @note: the draft started, for its opener to open
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, ALCOVE_TYPE_NOTE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-new-note-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveNewNoteDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNewNoteDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNewNoteDialog, sessions_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNewNoteDialog, new_session_check);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNewNoteDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveNewNoteDialog, format_row);
  gtk_widget_class_bind_template_callback (widget_class, update_date_row);

  gtk_widget_class_install_action (widget_class, "new-note.create", NULL, create_action_cb);
  gtk_widget_class_install_action (widget_class, "new-note.cancel", NULL,
                                   alcove_form_draft_close_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "new-note.cancel", NULL);
}

static void
alcove_new_note_dialog_init (AlcoveNewNoteDialog *self)
{
  g_autofree char *today = alcove_date_today_iso ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->format_ids = g_ptr_array_new_with_free_func (g_free);
  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (self->date_row), today);
}

/* One row a session: its date, what it was, and a choice among the others */
static void
add_session_row (AlcoveNewNoteDialog *self,
                 AlcoveSession       *session,
                 int                  position,
                 gboolean             chosen)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  const char *id = alcove_session_get_id (session);
  g_autofree char *title = alcove_session_dup_title (session);
  g_autofree char *subtitle = alcove_session_dup_summary (session, FALSE);
  g_autofree char *name = g_strconcat ("session-", id, NULL);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->new_session_check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), chosen);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  /* named, so that what was chosen is kept as a form draft across a lock */
  gtk_widget_set_name (check, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_name (row, id);
  g_object_set_data_full (G_OBJECT (row), "session-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "check", check);
  /* the sessions recorded come first, newest first, then a new one */
  gtk_list_box_insert (self->sessions_box, row, position);
}

/* Chosen at first: the session asked for; else one recorded for today, which is the usual
 * case of a session entered before its note; else a new session today */
static void
fill_sessions (AlcoveNewNoteDialog *self,
               const char          *session_id)
{
  AlcoveClientStore *clients = alcove_workspace_get_clients (self->workspace);
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = alcove_date_today_iso ();
  const char *chosen = NULL;
  guint n;

  sessions = alcove_client_store_list_open_sessions (clients, self->client_id, &error);
  if (sessions == NULL)
    {
      alcove_message_show_error (self->error_revealer, self->error_label, error->message);
      gtk_check_button_set_active (self->new_session_check, TRUE);
      return;
    }
  n = g_list_model_get_n_items (sessions);
  for (guint i = 0; i < n && chosen == NULL; i++)
    {
      g_autoptr(AlcoveSession) session = g_list_model_get_item (sessions, i);

      if (g_strcmp0 (alcove_session_get_id (session), session_id) == 0)
        chosen = alcove_session_get_id (session);
    }
  for (guint i = 0; i < n && chosen == NULL && session_id == NULL; i++)
    {
      g_autoptr(AlcoveSession) session = g_list_model_get_item (sessions, i);

      if (g_strcmp0 (alcove_session_get_field (session, ALCOVE_SESSION_DATE), today) == 0)
        chosen = alcove_session_get_id (session);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlcoveSession) session = g_list_model_get_item (sessions, i);

      add_session_row (self, session, i,
                       g_strcmp0 (alcove_session_get_id (session), chosen) == 0);
    }
  gtk_check_button_set_active (self->new_session_check, chosen == NULL);
  update_date_row (self);
}

/* The format asked for; else the one of this record's newest note; else the first */
static void
fill_formats (AlcoveNewNoteDialog *self,
              const char          *format_id)
{
  GListModel *formats = alcove_note_format_list_record ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) notes = NULL;
  g_autofree char *base_id = NULL;
  guint selected = 0;

  if (format_id == NULL &&
      (notes = alcove_note_store_list_for_client (alcove_workspace_get_notes (self->workspace),
                                                  self->client_id, FALSE, NULL)) != NULL &&
      g_list_model_get_n_items (notes) > 0)
    {
      g_autoptr(AlcoveNote) newest = g_list_model_get_item (notes, 0);

      /* the model keeps the note, and the id with it, while the formats are listed */
      format_id = alcove_note_get_format_id (newest);
    }
  /* a practice's format matches whichever version the newest note was written in */
  base_id = format_id != NULL ? alcove_note_format_id_to_base (format_id) : NULL;
  for (guint i = 0; i < g_list_model_get_n_items (formats); i++)
    {
      g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (formats, i);

      gtk_string_list_append (names, alcove_note_format_get_name (format));
      g_ptr_array_add (self->format_ids, g_strdup (alcove_note_format_get_id (format)));
      if (g_strcmp0 (alcove_note_format_get_base_id (format), base_id) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->format_row, selected);
}

/**
 * alcove_new_note_dialog_new:
 * @format_id: (nullable): the format chosen at first
 * @session_id: (nullable): the session chosen at first, e.g. from its row
 */
AlcoveNewNoteDialog *
alcove_new_note_dialog_new (GtkWindow       *parent,
                            AlcoveWorkspace *workspace,
                            const char      *client_id,
                            const char      *format_id,
                            const char      *session_id)
{
  AlcoveNewNoteDialog *self;

  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_NEW_NOTE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->client_id = g_strdup (client_id);
  fill_sessions (self, session_id);
  fill_formats (self, format_id);

  self->draft = alcove_form_draft_attach (GTK_WINDOW (self),
                                          alcove_workspace_get_vault (workspace),
                                          "new-note", client_id, "new-note.create");
  alcove_lock_manager_set_reopen_action (GTK_WINDOW (self), "main.new-note",
                                         g_variant_new_string (client_id));
  if (alcove_form_draft_restore (self->draft, GTK_WIDGET (self->error_revealer)))
    update_date_row (self);
  return self;
}
