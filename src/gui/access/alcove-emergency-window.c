/* alcove-emergency-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-emergency-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-emergency-notes.h"
#include "alcove-emergency-note-view.h"
#include "alcove-emergency-window.h"
#include "alcove-lists-and-messages.h"
#include "alcove-note-format.h"

/* A client's progress notes while emergency access lasts: a strip that says so in the error
 * colour, the list of notes, and the one chosen, read-only. Each note is read through
 * alcove_emergency_notes_open(), which records it as seen under this access. When the vault
 * says the access ended (its time is up, the person ended it, or the vault locked) the window
 * closes and "ended" tells the main page. It is never opened again after a lock. */
struct _AlcoveEmergencyWindow
{
  AdwWindow                parent_instance;

  AlcoveVault             *vault;
  AlcoveNoteStore         *notes;
  GListModel              *list;
  char                    *event_id;
  char                    *client_id;
  char                    *client_name;
  gboolean                 ended_here;  /* End Access Now, or the window closed */
  gboolean                 closing;
  GtkWidget               *open_row;

  AdwWindowTitle          *window_title;
  GtkLabel                *strip_label;
  AdwToastOverlay         *toasts;
  GtkListBox              *notes_box;
  GtkStack                *note_stack;
  AdwStatusPage           *empty_page;
  AlcoveEmergencyNoteView *note_view;
};

G_DEFINE_FINAL_TYPE (AlcoveEmergencyWindow, alcove_emergency_window, ADW_TYPE_WINDOW)

enum { ENDED, N_SIGNALS };

static guint signals[N_SIGNALS];

/* ---- the strip ---- */

static char *
format_expiry (gint64 expires_ms)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (expires_ms / 1000);
  g_autoptr(GDateTime) at = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (at == NULL)
    return g_strdup ("");
  if (g_date_time_get_day_of_year (at) == g_date_time_get_day_of_year (now) &&
      g_date_time_get_year (at) == g_date_time_get_year (now))
    /* Translators: a time of day, see g_date_time_format() */
    /* xgettext:no-c-format */
    return g_date_time_format (at, _("%H:%M"));
  return alcove_date_format_time (expires_ms);
}

static void
update_strip (AlcoveEmergencyWindow *self)
{
  g_autofree char *ends = format_expiry (alcove_vault_get_emergency_expires (self->vault));
  g_autofree char *text = NULL;

  /* Translators: "<client>'s", the time the access ends */
  text = g_strdup_printf (_("Emergency access to %s’s progress notes · ends at %s · every note "
                            "you open is recorded"), self->client_name, ends);
  gtk_label_set_text (self->strip_label, text);
}

/* ---- the notes ---- */

static GtkWidget *
status_pill (AlcoveNote *note)
{
  gboolean is_signed = alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED;
  /* Translators: a progress note's status */
  GtkWidget *pill = gtk_label_new (is_signed ? _("Signed") : _("Draft"));

  gtk_widget_add_css_class (pill, "note-status");
  gtk_widget_add_css_class (pill, is_signed ? "signed" : "draft");
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  return pill;
}

static GtkWidget *
note_row_new (gpointer item,
              gpointer user_data)
{
  AlcoveEmergencyWindow *self = user_data;
  AlcoveNote *note = item;
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  g_autofree char *date = alcove_date_format (alcove_note_get_session_date (note));
  g_autofree char *author = alcove_note_store_dup_author_name (self->notes,
                                                               alcove_note_get_author (note));
  /* Translators: a note in the list, "<date of service> · <format>" */
  g_autofree char *title = g_strdup_printf (_("%s · %s"), date,
                                            format ? alcove_note_format_get_name (format) : "");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *seen = gtk_image_new_from_icon_name ("view-reveal-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), author);
  gtk_widget_set_visible (seen, FALSE);
  gtk_widget_set_tooltip_text (seen, _("Open now"));
  g_object_set_data (G_OBJECT (row), "open-marker", seen);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), seen);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status_pill (note));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, alcove_note_get_id (note));
  return row;
}

static void
set_row_open (GtkWidget *row,
              gboolean   open)
{
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "open-marker"), open);
  if (open)
    gtk_widget_add_css_class (row, "opened");
  else
    gtk_widget_remove_css_class (row, "opened");
}

/* The note on screen, marked in the list (which never selects: moving through it with the
 * keyboard opens, and records, nothing) */
static void
mark_open_row (AlcoveEmergencyWindow *self,
               GtkWidget             *row)
{
  if (self->open_row != NULL)
    set_row_open (self->open_row, FALSE);
  self->open_row = row;
  if (row != NULL)
    set_row_open (row, TRUE);
}

static GtkWidget *
find_row (AlcoveEmergencyWindow *self,
          const char            *note_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), note_id) == 0)
      return row;
  return NULL;
}

gboolean
alcove_emergency_window_open_note (AlcoveEmergencyWindow  *self,
                                   const char             *note_id,
                                   GError                **error)
{
  g_autoptr(AlcoveNote) note = NULL;

  g_return_val_if_fail (ALCOVE_IS_EMERGENCY_WINDOW (self), FALSE);
  g_return_val_if_fail (note_id != NULL, FALSE);

  note = alcove_emergency_notes_open (self->notes, note_id, error);
  if (note == NULL)
    return FALSE;
  alcove_emergency_note_view_show (self->note_view, self->notes, note, self->client_id);
  gtk_stack_set_visible_child_name (self->note_stack, "note");
  mark_open_row (self, find_row (self, note_id));
  return TRUE;
}

static void
note_activated_cb (AlcoveEmergencyWindow *self,
                   GtkListBoxRow         *row)
{
  g_autoptr(GError) error = NULL;

  if (!alcove_emergency_window_open_note (self, gtk_widget_get_name (GTK_WIDGET (row)), &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static void
fill_notes (AlcoveEmergencyWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->list = alcove_emergency_notes_list (self->notes, &error);
  if (self->list == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("The Notes Could Not Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      return;
    }
  gtk_list_box_bind_model (self->notes_box, self->list, note_row_new, self, NULL);
  alcove_list_box_set_placeholder_text (self->notes_box,
                                        _("This client has no progress notes to read"));
}

/* ---- the end ---- */

static void
close_with (AlcoveEmergencyWindow *self,
            const char            *message)
{
  if (self->closing)
    return;
  self->closing = TRUE;
  g_signal_emit (self, signals[ENDED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The vault says the access began or ended; only its end concerns this window */
static void
emergency_changed_cb (AlcoveEmergencyWindow *self)
{
  g_autofree char *message = NULL;

  if (g_strcmp0 (alcove_vault_get_emergency_event (self->vault), self->event_id) == 0)
    {
      update_strip (self);
      return;
    }
  message = self->ended_here
            ? g_strdup_printf (_("You ended emergency access to %s’s progress notes"),
                               self->client_name)
            : g_strdup_printf (_("Emergency access to %s’s progress notes has ended"),
                               self->client_name);
  close_with (self, message);
}

static void
vault_locked_changed_cb (AlcoveEmergencyWindow *self)
{
  /* the lock manager closes it first; this is for a lock without one */
  if (alcove_vault_get_locked (self->vault) && !self->closing)
    {
      self->closing = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static void
end_access (AlcoveEmergencyWindow *self)
{
  self->ended_here = TRUE;
  if (g_strcmp0 (alcove_vault_get_emergency_event (self->vault), self->event_id) == 0)
    alcove_vault_end_emergency (self->vault);
  /* the vault said so through "changed::emergency"; if it did not, the window closes anyway */
  emergency_changed_cb (self);
}

static void
end_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  end_access (ALCOVE_EMERGENCY_WINDOW (widget));
}

/* Closing the window ends the access: nothing stays open that nobody is looking at */
static gboolean
alcove_emergency_window_close_request (GtkWindow *window)
{
  AlcoveEmergencyWindow *self = ALCOVE_EMERGENCY_WINDOW (window);

  if (!self->closing && !alcove_vault_get_locked (self->vault))
    {
      end_access (self);
      return TRUE;  /* destroyed already */
    }
  return GTK_WINDOW_CLASS (alcove_emergency_window_parent_class)->close_request (window);
}

/* ---- GObject ---- */

const char *
alcove_emergency_window_get_event_id (AlcoveEmergencyWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_EMERGENCY_WINDOW (self), NULL);
  return self->event_id;
}

static void
alcove_emergency_window_dispose (GObject *object)
{
  AlcoveEmergencyWindow *self = ALCOVE_EMERGENCY_WINDOW (object);

  self->open_row = NULL;
  if (self->vault != NULL)
    g_signal_handlers_disconnect_by_data (self->vault, self);
  g_clear_object (&self->list);
  g_clear_object (&self->notes);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_name, g_free);

  G_OBJECT_CLASS (alcove_emergency_window_parent_class)->dispose (object);
}

static void
alcove_emergency_window_class_init (AlcoveEmergencyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alcove_emergency_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = alcove_emergency_window_close_request;

  /**
   * AlcoveEmergencyWindow::ended:
   * @message: what to tell the person, on the main window
   *
   * The access ended while the vault stays open; the window closes next.
   */
  signals[ENDED] = g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ALCOVE_TYPE_EMERGENCY_NOTE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-emergency-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyWindow, strip_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyWindow, notes_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyWindow, note_stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyWindow, note_view);
  gtk_widget_class_bind_template_callback (widget_class, note_activated_cb);

  gtk_widget_class_install_action (widget_class, "emergency.end", NULL, end_action_cb);
}

static void
alcove_emergency_window_init (AlcoveEmergencyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * alcove_emergency_window_new:
 * @parent: the main window, which a lock keeps while this window closes
 * @workspace: the signed-in session
 *
 * Returns: (nullable): a new window for the access open now, or NULL when none is
 */
AlcoveEmergencyWindow *
alcove_emergency_window_new (GtkWindow       *parent,
                             AlcoveWorkspace *workspace)
{
  AlcoveEmergencyWindow *self;
  AlcoveVault *vault;
  AlcoveClient *client;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);

  vault = alcove_workspace_get_vault (workspace);
  if (alcove_vault_get_emergency_event (vault) == NULL)
    return NULL;
  self = g_object_new (ALCOVE_TYPE_EMERGENCY_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->vault = g_object_ref (vault);
  self->notes = g_object_ref (alcove_workspace_get_notes (workspace));
  self->event_id = g_strdup (alcove_vault_get_emergency_event (vault));
  self->client_id = g_strdup (alcove_vault_get_emergency_client (vault));
  client = alcove_client_store_lookup (alcove_workspace_get_clients (workspace), self->client_id);
  self->client_name = g_strdup (client ? alcove_client_get_display_name (client) : _("the client"));
  /* the name in the window only, never its title, which other programs can read */
  adw_window_title_set_title (self->window_title, self->client_name);
  adw_window_title_set_subtitle (self->window_title, _("Emergency access · read-only"));
  update_strip (self);
  fill_notes (self);
  g_signal_connect_object (vault, "changed::emergency", G_CALLBACK (emergency_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
