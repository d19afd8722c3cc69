/* alcove-client-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-client-page"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-client-document-list.h"
#include "alcove-client-editor.h"
#include "alcove-client-page.h"
#include "alcove-consent-badges.h"
#include "alcove-consent-list.h"
#include "alcove-list-pager.h"
#include "alcove-lists-and-messages.h"
#include "alcove-measure-list.h"
#include "alcove-new-note-dialog.h"
#include "alcove-note-format.h"
#include "alcove-note-status.h"
#include "alcove-plan-view.h"
#include "alcove-problem-list.h"
#include "alcove-record-exporter.h"
#include "alcove-session-dialog.h"
#include "alcove-disclosure-report.h"
#include "alcove-emergency-dialog.h"
#include "alcove-fhir-export.h"
#include "alcove-share-wizard.h"

/* One client: a header (name, pronouns, age, record type, members, status) and tabs for the
 * record's notes, its sessions, its treatment (the problem list and the treatment plans, for
 * those whose role sees either), the clinician's private psychotherapy notes (only for those
 * who write notes) and the client's details. Opening the page is recorded in the audit log. */
struct _AlcoveClientPage
{
  AdwBin             parent_instance;

  AlcoveWorkspace   *workspace;
  AlcoveClientStore *clients;
  AlcoveNoteStore   *notes;
  char              *client_id;

  AdwToastOverlay   *toasts;
  GtkImage          *avatar;
  GtkLabel          *name_label;
  GtkLabel          *summary_label;
  GtkBox            *links_box;
  GtkWidget         *new_note_button;
  GtkButton         *print_button;
  AdwViewStack      *view_stack;
  GtkStack          *record_stack;
  GtkListBox        *drafts_box;
  AdwPreferencesGroup *drafts_group;
  GtkListBox        *signed_box;
  AdwPreferencesGroup *signed_group;
  GtkListBox        *sessions_box;
  GtkButton         *add_session_button;
  AdwViewStackPage  *treatment_page;
  GtkBox            *treatment_box;
  GtkWidget         *private_tab;
  GHashTable        *built_tabs;     /* names of the tabs filled since they were first shown */
  GtkListBox        *private_box;
  GtkListBox        *details_box;
  GtkButton         *edit_button;
};

G_DEFINE_FINAL_TYPE (AlcoveClientPage, alcove_client_page, ADW_TYPE_BIN)

enum {
  OPEN_NOTE,
  OPEN_PLAN,
  OPEN_CLIENT,
  PRINT_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AlcoveClient *
get_client (AlcoveClientPage *self)
{
  return alcove_client_store_lookup (self->clients, self->client_id);
}

static char *
join_parts (GPtrArray *parts)
{
  g_ptr_array_add (parts, NULL);
  /* Translators: separates the parts of a summary line */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

/* ---- header ---- */

static void
open_link_cb (GtkButton        *button,
              AlcoveClientPage *self)
{
  g_signal_emit (self, signals[OPEN_CLIENT], 0, g_object_get_data (G_OBJECT (button), "client-id"));
}

static void
add_link (AlcoveClientPage *self,
          AlcoveClient     *client)
{
  GtkWidget *button = gtk_button_new_with_label (alcove_client_get_display_name (client));
  g_autofree char *tooltip = g_strdup_printf (_("Open the %s record"),
                                              alcove_record_type_get_title (alcove_client_get_record_type (client)));

  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small-pill");
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data_full (G_OBJECT (button), "client-id", g_strdup (alcove_client_get_id (client)), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (open_link_cb), self, 0);
  gtk_box_append (self->links_box, button);
}

static void
fill_header (AlcoveClientPage *self)
{
  AlcoveClient *client = get_client (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;
  GPtrArray *members;
  const char *pronouns;
  int age;
  GtkWidget *child;

  if (client == NULL)
    return;
  gtk_label_set_text (self->name_label, alcove_client_get_display_name (client));
  gtk_image_set_from_icon_name (self->avatar,
                                alcove_client_get_record_type (client) == ALCOVE_RECORD_INDIVIDUAL
                                ? "avatar-default-symbolic" : "system-users-symbolic");
  pronouns = alcove_client_get_field (client, ALCOVE_CLIENT_PRONOUNS);
  if (*pronouns != '\0')
    g_ptr_array_add (parts, g_strdup (pronouns));
  age = alcove_client_get_age (client, now);
  if (age >= 0)
    g_ptr_array_add (parts, alcove_client_is_minor (client, now)
                            ? g_strdup_printf (_("Age %d, minor"), age)
                            : g_strdup_printf (_("Age %d"), age));
  g_ptr_array_add (parts, g_strdup_printf (_("%s record"),
                                           alcove_record_type_get_title (alcove_client_get_record_type (client))));
  if (alcove_client_get_status (client) == ALCOVE_CLIENT_DISCHARGED)
    {
      g_autofree char *date = alcove_date_format (alcove_client_get_field (client, ALCOVE_CLIENT_DISCHARGED_ON));

      g_ptr_array_add (parts, g_strdup_printf (_("Discharged %s"), date));
    }
  else
    /* Translators: a client's status on their summary line: still being seen */
    g_ptr_array_add (parts, g_strdup (_("Active")));
  summary = join_parts (parts);
  gtk_label_set_text (self->summary_label, summary);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->links_box))) != NULL)
    gtk_box_remove (self->links_box, child);
  members = alcove_client_get_members (client);
  if (members->len > 0)
    {
      GtkWidget *label = gtk_label_new (_("Members"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->links_box, label);
      for (guint i = 0; i < members->len; i++)
        {
          AlcoveClient *member = alcove_client_store_lookup (self->clients, g_ptr_array_index (members, i));

          if (member != NULL)
            add_link (self, member);
        }
    }
  else
    {
      g_autoptr(GPtrArray) records = alcove_client_store_dup_records_of (self->clients, self->client_id);

      if (records->len > 0)
        {
          GtkWidget *label = gtk_label_new (_("Also seen in"));

          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (self->links_box, label);
          for (guint i = 0; i < records->len; i++)
            add_link (self, g_ptr_array_index (records, i));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->links_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->links_box)) != NULL);
}

/* ---- details ---- */

static void
add_detail (AlcoveClientPage *self,
            const char       *title,
            const char       *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value && *value ? value : _("Not recorded"));
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (self->details_box, row);
}

static void
fill_details (AlcoveClientPage *self)
{
  AlcoveClient *client = get_client (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GPtrArray *guardians;
  g_autofree char *born = NULL;

  alcove_list_box_remove_rows (self->details_box);
  if (client == NULL)
    return;
  add_detail (self, _("Preferred Name"), alcove_client_get_field (client, ALCOVE_CLIENT_PREFERRED_NAME));
  add_detail (self, _("Legal Name"), alcove_client_get_field (client, ALCOVE_CLIENT_LEGAL_NAME));
  add_detail (self, _("Pronouns"), alcove_client_get_field (client, ALCOVE_CLIENT_PRONOUNS));
  born = alcove_date_format (alcove_client_get_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH));
  add_detail (self, _("Date of Birth"), born);
  add_detail (self, _("Phone"), alcove_client_get_field (client, ALCOVE_CLIENT_PHONE));
  add_detail (self, _("E-mail"), alcove_client_get_field (client, ALCOVE_CLIENT_EMAIL));
  add_detail (self, _("Address"), alcove_client_get_field (client, ALCOVE_CLIENT_ADDRESS));
  add_detail (self, _("Emergency Contact"), alcove_client_get_field (client, ALCOVE_CLIENT_EMERGENCY_CONTACT));
  add_detail (self, _("Record Type"), alcove_record_type_get_title (alcove_client_get_record_type (client)));
  /* Translators: a client's status: “Active” (still being seen) or “Discharged” */
  add_detail (self, _("Status"), alcove_client_get_status (client) == ALCOVE_CLIENT_DISCHARGED
                                 ? _("Discharged") : _("Active"));
  guardians = alcove_client_get_guardians (client);
  for (guint i = 0; i < guardians->len; i++)
    {
      AlcoveGuardian *guardian = g_ptr_array_index (guardians, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *text = NULL;

      g_ptr_array_add (parts, g_strdup (guardian->name));
      if (guardian->relationship && *guardian->relationship)
        g_ptr_array_add (parts, g_strdup (guardian->relationship));
      if (guardian->access && *guardian->access)
        g_ptr_array_add (parts, g_strdup_printf (_("may see: %s"), guardian->access));
      text = join_parts (parts);
      add_detail (self, _("Guardian"), text);
    }
  if (guardians->len == 0 && alcove_client_is_minor (client, now))
    add_detail (self, _("Guardian"), NULL);
}

/* ---- notes ---- */

static void
note_row_activated_cb (AdwActionRow     *row,
                       AlcoveClientPage *self)
{
  g_signal_emit (self, signals[OPEN_NOTE], 0, g_object_get_data (G_OBJECT (row), "note"));
}

static GtkWidget *
note_row_new (AlcoveClientPage *self,
              AlcoveNote       *note)
{
  GtkWidget *row = adw_action_row_new ();
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  g_autofree char *date = alcove_date_format (alcove_note_get_session_date (note));
  g_autofree char *author = alcove_note_store_dup_author_name (self->notes, alcove_note_get_author (note));
  g_autofree char *preview = alcove_note_dup_preview (note, 120);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *status_text = alcove_note_status_dup_label (self->notes, note);
  GtkWidget *status = gtk_label_new (status_text);

  title = g_strdup_printf (_("%s · %s"), date,
                           format ? alcove_note_format_get_name (format) : alcove_note_get_format_id (note));
  subtitle = g_strdup_printf ("%s\n%s", author ? author : "",
                              preview && *preview ? preview : _("Nothing written yet"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "note-status");
  gtk_widget_add_css_class (status, alcove_note_status_get_style_class (note));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* the id names the row for tests; it is not PHI */
  gtk_widget_set_name (row, alcove_note_get_id (note));
  g_object_set_data_full (G_OBJECT (row), "note", g_object_ref (note), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (note_row_activated_cb), self, 0);
  return row;
}

static void fill_sessions (AlcoveClientPage *self);
static void fill_record (AlcoveClientPage *self);
static void refresh_moved_drafts (AlcoveClientPage *self);
static GtkWidget *find_note_row (GtkListBox *box, const char *note_id);

/* Whether a tab was shown, and so filled: the others are filled when first shown */
static gboolean
tab_built (AlcoveClientPage *self,
           const char       *tab)
{
  return self->built_tabs != NULL && g_hash_table_contains (self->built_tabs, tab);
}

/* The pager's arguments come in the other order */
static GtkWidget *
pager_note_row_new (AlcoveNote       *note,
                    AlcoveClientPage *self)
{
  return note_row_new (self, note);
}

/* A note changed since the list was read has its row already, near the top */
static gboolean
note_row_shown (GtkListBox *box,
                gpointer    note,
                gpointer    user_data)
{
  return find_note_row (box, alcove_note_get_id (note)) != NULL;
}

/* ---- one row at a time, as the note store reports changes ---- */

static GtkWidget *
find_note_row (GtkListBox *box,
               const char *note_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AlcoveNote *shown = g_object_get_data (G_OBJECT (child), "note");

      if (shown != NULL && g_strcmp0 (alcove_note_get_id (shown), note_id) == 0)
        return child;
    }
  return NULL;
}

/* Removes the note's row wherever it is; TRUE if there was one */
static gboolean
remove_note_row (AlcoveClientPage *self,
                 const char       *note_id)
{
  GtkListBox *boxes[] = { self->drafts_box, self->signed_box, self->private_box };
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      GtkWidget *row = find_note_row (boxes[i], note_id);

      if (row != NULL)
        {
          gtk_list_box_remove (boxes[i], row);
          found = TRUE;
        }
    }
  return found;
}

/* Newest first, as the store lists them */
static void
insert_note_row (AlcoveClientPage *self,
                 GtkListBox       *box,
                 AlcoveNote       *note)
{
  int position = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child), position++)
    {
      AlcoveNote *shown = g_object_get_data (G_OBJECT (child), "note");
      int by_date;

      if (alcove_list_pager_is_more_row (child))
        break;
      if (shown == NULL)
        continue;
      by_date = g_strcmp0 (alcove_note_get_session_date (note),
                           alcove_note_get_session_date (shown));
      if (by_date > 0 || (by_date == 0 &&
                          alcove_note_get_created_ms (note) >= alcove_note_get_created_ms (shown)))
        break;
    }
  gtk_list_box_insert (box, note_row_new (self, note), position);
}

static gboolean
box_has_rows (GtkListBox *box)
{
  return gtk_list_box_get_row_at_index (box, 0) != NULL;
}

static void
update_record_visibility (AlcoveClientPage *self)
{
  gboolean drafts = box_has_rows (self->drafts_box);
  gboolean signed_notes = box_has_rows (self->signed_box);

  gtk_widget_set_visible (GTK_WIDGET (self->drafts_group), drafts);
  gtk_widget_set_visible (GTK_WIDGET (self->signed_group), signed_notes);
  gtk_stack_set_visible_child_name (self->record_stack, drafts || signed_notes ? "list" : "empty");
}

static gboolean
note_is_in_record (AlcoveClientPage *self,
                   AlcoveNote       *note)
{
  return g_strcmp0 (alcove_note_get_client_id (note), self->client_id) == 0 ||
         g_hash_table_contains (alcove_note_get_parts (note), self->client_id);
}

static void
note_changed_cb (AlcoveNoteStore  *notes,
                 AlcoveNote       *note,
                 AlcoveClientPage *self)
{
  GtkListBox *box;

  if (!remove_note_row (self, alcove_note_get_id (note)) && !note_is_in_record (self, note))
    return;
  if (alcove_note_is_private (note))
    box = self->private_tab != NULL ? self->private_box : NULL;
  else if (!alcove_note_store_can_read_notes (notes))
    box = NULL;
  else
    box = alcove_note_get_status (note) == ALCOVE_NOTE_DRAFT ? self->drafts_box : self->signed_box;
  if (box != NULL)
    insert_note_row (self, box, note);
  update_record_visibility (self);
}

static void
note_deleted_cb (AlcoveNoteStore  *notes,
                 const char       *note_id,
                 const char       *client_id,
                 AlcoveClientPage *self)
{
  if (remove_note_row (self, note_id))
    update_record_visibility (self);
}

static void
sessions_changed_cb (AlcoveClientStore *clients,
                     const char        *client_id,
                     AlcoveClientPage  *self)
{
  if (g_strcmp0 (client_id, self->client_id) != 0)
    return;
  if (tab_built (self, "sessions"))
    fill_sessions (self);
  else
    refresh_moved_drafts (self);
}

static void
fill_record (AlcoveClientPage *self)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GListStore) signed_notes = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = alcove_list_pager_get_shown (self->signed_box);

  alcove_list_box_remove_rows (self->drafts_box);
  alcove_list_box_remove_rows (self->signed_box);
  if (!alcove_note_store_can_read_notes (self->notes))
    {
      gtk_stack_set_visible_child_name (self->record_stack, "denied");
      return;
    }
  model = alcove_note_store_list_for_client (self->notes, self->client_id, FALSE, &error);
  if (model == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      gtk_stack_set_visible_child_name (self->record_stack, "empty");
      return;
    }
  signed_notes = g_list_store_new (ALCOVE_TYPE_NOTE);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (model, i);

      if (alcove_note_get_status (note) == ALCOVE_NOTE_DRAFT)
        gtk_list_box_append (self->drafts_box, note_row_new (self, note));
      else
        g_list_store_append (signed_notes, note);
    }
  alcove_list_pager_fill (self->signed_box, G_LIST_MODEL (signed_notes), shown,
                          (AlcoveListPagerCreateRow) pager_note_row_new, note_row_shown, self);
  update_record_visibility (self);
}

static void
fill_private (AlcoveClientPage *self)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  guint shown = alcove_list_pager_get_shown (self->private_box);

  alcove_list_box_remove_rows (self->private_box);
  if (!alcove_note_store_can_write (self->notes))
    return;
  model = alcove_note_store_list_for_client (self->notes, self->client_id, TRUE, &error);
  if (model == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  alcove_list_pager_fill (self->private_box, model, shown,
                          (AlcoveListPagerCreateRow) pager_note_row_new, note_row_shown, self);
}

/* ---- sessions ---- */

static GtkWidget *
session_button_new (const char *label,
                    const char *action,
                    const char *session_id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", session_id);
  return button;
}

/* A session: when, how long and how, what became of it, its note's status; opened to change
 * it, and with a button to write its note or open it */
static GtkWidget *
session_row_new (AlcoveClientPage *self,
                 AlcoveSession    *session)
{
  GtkWidget *row = adw_action_row_new ();
  const char *id = alcove_session_get_id (session);
  const char *note_status = alcove_session_get_field (session, ALCOVE_SESSION_NOTE_STATUS);
  g_autofree char *title = alcove_session_dup_title (session);
  g_autofree char *subtitle = alcove_session_dup_summary (session, TRUE);
  gboolean own = g_strcmp0 (alcove_session_get_field (session, ALCOVE_SESSION_CLIENT_ID),
                            self->client_id) == 0;
  GtkWidget *status;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  status = gtk_label_new (g_str_equal (note_status, "signed") ? _("Note signed")
                          : g_str_equal (note_status, "draft") ? _("Note in draft")
                          : _("No note"));
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "note-status");
  gtk_widget_add_css_class (status, g_str_equal (note_status, "signed") ? "signed"
                                    : g_str_equal (note_status, "draft") ? "draft" : "none");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  /* a member's page lists the group sessions they attended; their note is the group's */
  if (own && !alcove_session_has_note (session) &&
      alcove_session_get_status (session) != ALCOVE_SESSION_CANCELLED &&
      alcove_note_store_can_write (self->notes))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               session_button_new (_("_Write Note…"), "client.write-note", id));
  else if (alcove_session_has_note (session) && alcove_note_store_can_read_notes (self->notes))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               session_button_new (_("_Open Note"), "client.open-session-note",
                                                   id));
  if (own && alcove_client_store_can_edit (self->clients))
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "client.open-session");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", id);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  /* the id names the row for tests; it is not PHI */
  gtk_widget_set_name (row, id);
  return row;
}

/* A draft shown with a date its session no longer has: the session moved it */
static gboolean
drafts_out_of_date (AlcoveClientPage *self,
                    GListModel       *sessions)
{
  g_autoptr(GHashTable) dates = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      AlcoveSession *session = g_list_model_get_item (sessions, i);

      g_hash_table_insert (dates, (gpointer) alcove_session_get_id (session),
                           (gpointer) alcove_session_get_field (session, ALCOVE_SESSION_DATE));
      g_object_unref (session);  /* the model keeps it */
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->drafts_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AlcoveNote *note = g_object_get_data (G_OBJECT (child), "note");
      const char *date = note ? g_hash_table_lookup (dates, alcove_note_get_session_id (note))
                              : NULL;

      if (date != NULL && g_strcmp0 (date, alcove_note_get_session_date (note)) != 0)
        return TRUE;
    }
  return FALSE;
}

/* With the Sessions tab not yet shown, a session moved elsewhere still moves its draft */
static void
refresh_moved_drafts (AlcoveClientPage *self)
{
  g_autoptr(GListModel) sessions = alcove_client_store_list_sessions (self->clients,
                                                                      self->client_id, NULL);

  if (sessions != NULL && drafts_out_of_date (self, sessions))
    fill_record (self);
}

static GtkWidget *
pager_session_row_new (AlcoveSession    *session,
                       AlcoveClientPage *self)
{
  return session_row_new (self, session);
}

static void
fill_sessions (AlcoveClientPage *self)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = alcove_list_pager_get_shown (self->sessions_box);

  alcove_list_box_remove_rows (self->sessions_box);
  model = alcove_client_store_list_sessions (self->clients, self->client_id, &error);
  if (model == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  alcove_list_pager_fill (self->sessions_box, model, shown,
                          (AlcoveListPagerCreateRow) pager_session_row_new, NULL, self);
  if (drafts_out_of_date (self, model))
    fill_record (self);
}

/* ---- actions ---- */

static GtkWindow *
parent_window (AlcoveClientPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
note_created_cb (AlcoveNewNoteDialog *dialog,
                 AlcoveNote          *note,
                 AlcoveClientPage    *self)
{
  g_signal_emit (self, signals[OPEN_NOTE], 0, note);
}

/* New Note asks which session the note is for (and its format), with the format or the
 * session given already chosen */
static void
open_new_note (AlcoveClientPage *self,
               const char       *format_id,
               const char       *session_id)
{
  AlcoveNewNoteDialog *dialog;

  if (!alcove_note_store_can_write (self->notes))
    return;
  dialog = alcove_new_note_dialog_new (parent_window (self), self->workspace, self->client_id,
                                       format_id, session_id);
  g_signal_connect_object (dialog, "created", G_CALLBACK (note_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "s": a format to start with, or "" */
static void
new_note_action_cb (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  const char *format_id = g_variant_get_string (parameter, NULL);

  open_new_note (ALCOVE_CLIENT_PAGE (widget), *format_id ? format_id : NULL, NULL);
}

static void
write_note_action_cb (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  open_new_note (ALCOVE_CLIENT_PAGE (widget), NULL, g_variant_get_string (parameter, NULL));
}

static void
open_session_note_action_cb (GtkWidget  *widget,
                             const char *action,
                             GVariant   *parameter)
{
  AlcoveClientPage *self = ALCOVE_CLIENT_PAGE (widget);
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;

  note = alcove_note_store_open_for_session (self->notes, g_variant_get_string (parameter, NULL),
                                             &error);
  if (note == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[OPEN_NOTE], 0, note);
}

/* A psychotherapy note belongs to no session: it starts at once, dated today */
static void
new_private_note_action_cb (GtkWidget  *widget,
                            const char *action,
                            GVariant   *parameter)
{
  AlcoveClientPage *self = ALCOVE_CLIENT_PAGE (widget);
  g_autofree char *today = alcove_date_today_iso ();
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;

  note = alcove_note_store_create (self->notes, self->client_id, NULL, ALCOVE_FORMAT_PRIVATE,
                                   today, &error);
  if (note == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[OPEN_NOTE], 0, note);
}

static void
new_note_menu_action_cb (GtkWidget  *widget,
                         const char *action,
                         GVariant   *parameter)
{
  AlcoveClientPage *self = ALCOVE_CLIENT_PAGE (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->new_note_button)))
    open_new_note (self, NULL, NULL);
}

static void
print_record_action_cb (GtkWidget  *widget,
                        const char *action,
                        GVariant   *parameter)
{
  g_signal_emit (widget, signals[PRINT_RECORD], 0);
}

static void
export_record_action_cb (GtkWidget  *widget,
                         const char *action,
                         GVariant   *parameter)
{
  AlcoveClientPage *self = ALCOVE_CLIENT_PAGE (widget);

  if (alcove_fhir_export_is_allowed (alcove_workspace_get_notes (self->workspace)))
    alcove_record_exporter_run (parent_window (self), self->workspace, self->client_id);
}

/* Export Record…, beside Print Record…, for the roles that read the whole record */
static void
setup_export (AlcoveClientPage *self)
{
  gboolean allowed = alcove_fhir_export_is_allowed (alcove_workspace_get_notes (self->workspace));
  GtkWidget *button = gtk_button_new_from_icon_name ("document-save-as-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "client.export-record");
  gtk_widget_set_tooltip_text (button, _("Export Record for Another System…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export record for another system"), -1);
  gtk_widget_set_visible (button, allowed);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->print_button))),
                              button, GTK_WIDGET (self->print_button));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.export-record", allowed);
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  AlcoveClientPage *self = ALCOVE_CLIENT_PAGE (widget);
  AlcoveClient *client = get_client (self);

  if (client == NULL || !alcove_client_store_can_edit (self->clients))
    return;
  gtk_window_present (GTK_WINDOW (alcove_client_editor_new (parent_window (self), self->clients, client)));
}

static void
add_session_action_cb (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  AlcoveClientPage *self = ALCOVE_CLIENT_PAGE (widget);
  AlcoveSessionDialog *dialog = alcove_session_dialog_new (parent_window (self), self->clients,
                                                           self->client_id);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_session_action_cb (GtkWidget  *widget,
                        const char *action,
                        GVariant   *parameter)
{
  AlcoveClientPage *self = ALCOVE_CLIENT_PAGE (widget);
  g_autoptr(AlcoveSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (!alcove_client_store_can_edit (self->clients))
    return;
  session = alcove_client_store_get_session (self->clients, g_variant_get_string (parameter, NULL),
                                             &error);
  if (session == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  gtk_window_present (GTK_WINDOW (alcove_session_dialog_new_for_session (parent_window (self),
                                                                         self->clients,
                                                                         session)));
}

/* ---- sharing and disclosures ---- */

static void
share_record_action_cb (GtkWidget  *widget,
                        const char *action,
                        GVariant   *parameter)
{
  AlcoveClientPage *self = ALCOVE_CLIENT_PAGE (widget);

  gtk_window_present (GTK_WINDOW (alcove_share_wizard_new_for_record (parent_window (self),
                                                                      self->workspace,
                                                                      self->client_id)));
}

/* A Disclosures tab (the accounting and the full log) and a Share Record… button beside
 * Print Record… */
static void
setup_disclosures (AlcoveClientPage *self)
{
  gboolean can_share =
    alcove_disclosure_store_can_record (alcove_workspace_get_disclosures (self->workspace));
  AdwViewStackPage *page;
  GtkWidget *button;

  page = adw_view_stack_add_titled (self->view_stack, adw_bin_new (), "disclosures",
                                    _("D_isclosures"));
  adw_view_stack_page_set_use_underline (page, TRUE);
  adw_view_stack_page_set_icon_name (page, "send-to-symbolic");

  button = gtk_button_new_from_icon_name ("send-to-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "client.share-record");
  gtk_widget_set_tooltip_text (button, _("Share Record…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Share record"), -1);
  gtk_widget_set_visible (button, can_share);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->print_button))),
                              button, GTK_WIDGET (self->print_button));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.share-record", can_share);
}

/* ---- treatment: the problem list and the treatment plans ---- */

static void
plan_view_open_plan_cb (AlcovePlanView   *view,
                        const char       *version_id,
                        AlcoveClientPage *self)
{
  g_signal_emit (self, signals[OPEN_PLAN], 0, version_id);
}

static void
plan_view_open_note_cb (AlcovePlanView   *view,
                        AlcoveNote       *note,
                        AlcoveClientPage *self)
{
  g_signal_emit (self, signals[OPEN_NOTE], 0, note);
}

/* Front desk sees neither diagnoses nor plans: no tab at all. Billing reads the codes and
 * is told plans are not theirs to see. */
static void
fill_treatment (AlcoveClientPage *self)
{
  AlcoveDiagnosisStore *diagnoses = alcove_workspace_get_diagnoses (self->workspace);
  AlcovePlanView *view;

  if (alcove_diagnosis_store_can_read (diagnoses))
    gtk_box_append (self->treatment_box,
                    GTK_WIDGET (alcove_problem_list_new (self->workspace, self->client_id)));
  view = alcove_plan_view_new (self->workspace, self->client_id);
  g_signal_connect_object (view, "open-plan", G_CALLBACK (plan_view_open_plan_cb), self, 0);
  g_signal_connect_object (view, "open-note", G_CALLBACK (plan_view_open_note_cb), self, 0);
  gtk_box_append (self->treatment_box, GTK_WIDGET (view));
}

/* ---- consents: the badge row under the header and the Consents tab ---- */

static void
add_consents (AlcoveClientPage *self)
{
  AlcoveConsentStore *store = alcove_workspace_get_consents (self->workspace);
  AlcoveConsentBadges *badges;
  AdwViewStackPage *page;

  badges = alcove_consent_badges_new (store, self->client_id);
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->links_box))),
                  GTK_WIDGET (badges));
  page = adw_view_stack_add_titled (self->view_stack, adw_bin_new (), "consents",
                                    _("C_onsents"));
  adw_view_stack_page_set_use_underline (page, TRUE);
  adw_view_stack_page_set_icon_name (page, "emblem-documents-symbolic");
}

/* ---- outcome measures: a tab for whoever reads notes (never billing) ---- */

static void
add_measures (AlcoveClientPage *self)
{
  AlcoveMeasureStore *store = alcove_workspace_get_measures (self->workspace);
  AdwViewStackPage *page;

  if (!alcove_measure_store_can_read (store))
    return;
  page = adw_view_stack_add_titled (self->view_stack, adw_bin_new (), "measures",
                                    _("_Measures"));
  adw_view_stack_page_set_use_underline (page, TRUE);
  adw_view_stack_page_set_icon_name (page, "view-list-ordered-symbolic");
}

/* ---- documents: old notes and scanned forms, for those who read clinical documents ---- */

static void
add_documents (AlcoveClientPage *self)
{
  AdwViewStackPage *page;

  if (!alcove_client_documents_can_read (alcove_workspace_get_vault (self->workspace)))
    return;
  page = adw_view_stack_add_titled (self->view_stack, adw_bin_new (), "documents",
                                    _("Doc_uments"));
  adw_view_stack_page_set_use_underline (page, TRUE);
  adw_view_stack_page_set_icon_name (page, "folder-documents-symbolic");
}

/* ---- tabs built when first shown: a long record opens with its notes alone ---- */

static gboolean
can_read_treatment (AlcoveClientPage *self)
{
  return alcove_diagnosis_store_can_read (alcove_workspace_get_diagnoses (self->workspace)) ||
         alcove_plan_store_can_read (alcove_workspace_get_plans (self->workspace));
}

static void
fill_bin (AlcoveClientPage *self,
          const char       *tab,
          GtkWidget        *content)
{
  adw_bin_set_child (ADW_BIN (adw_view_stack_get_child_by_name (self->view_stack, tab)), content);
}

static void
build_tab (AlcoveClientPage *self,
           const char       *tab)
{
  if (g_str_equal (tab, "sessions"))
    fill_sessions (self);
  else if (g_str_equal (tab, "private"))
    fill_private (self);
  else if (g_str_equal (tab, "treatment"))
    fill_treatment (self);
  else if (g_str_equal (tab, "measures"))
    fill_bin (self, tab, GTK_WIDGET (alcove_measure_list_new (alcove_workspace_get_measures (self->workspace),
                                                              alcove_workspace_get_events (self->workspace),
                                                              self->client_id)));
  else if (g_str_equal (tab, "consents"))
    fill_bin (self, tab, GTK_WIDGET (alcove_consent_list_new (alcove_workspace_get_consents (self->workspace),
                                                              self->clients, self->client_id)));
  else if (g_str_equal (tab, "documents"))
    fill_bin (self, tab, GTK_WIDGET (alcove_client_document_list_new (alcove_workspace_get_vault (self->workspace),
                                                                      self->client_id)));
  else if (g_str_equal (tab, "disclosures"))
    fill_bin (self, tab, GTK_WIDGET (alcove_disclosure_report_new (self->workspace,
                                                                   self->client_id)));
}

static void
visible_tab_cb (AlcoveClientPage *self)
{
  const char *tab = adw_view_stack_get_visible_child_name (self->view_stack);

  /* the stack also changes page while the window takes it apart */
  if (tab == NULL || self->client_id == NULL || tab_built (self, tab))
    return;
  g_hash_table_add (self->built_tabs, g_strdup (tab));
  build_tab (self, tab);
}

static void
clients_changed_cb (AlcoveClientPage *self)
{
  fill_header (self);
  fill_details (self);
}

static void
alcove_client_page_dispose (GObject *object)
{
  AlcoveClientPage *self = ALCOVE_CLIENT_PAGE (object);

  g_clear_object (&self->clients);
  g_clear_object (&self->notes);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->built_tabs, g_hash_table_destroy);

  G_OBJECT_CLASS (alcove_client_page_parent_class)->dispose (object);
}

static void
alcove_client_page_class_init (AlcoveClientPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_client_page_dispose;

  /**
   * AlcoveClientPage::open-note:
   * @note: the note to open in a note window
   */
  signals[OPEN_NOTE] = g_signal_new ("open-note", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, ALCOVE_TYPE_NOTE);
  /**
   * AlcoveClientPage::open-plan:
   * @version_id: the version of a treatment plan to open in a window
   */
  signals[OPEN_PLAN] = g_signal_new ("open-plan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1,
                                     G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * AlcoveClientPage::open-client:
   * @client_id: a member, or a record this client is a member of
   */
  signals[OPEN_CLIENT] = g_signal_new ("open-client", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * AlcoveClientPage::print-record:
   *
   * The person asked to print this client's record.
   */
  signals[PRINT_RECORD] = g_signal_new ("print-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, links_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, new_note_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, record_stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, drafts_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, drafts_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, signed_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, signed_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, sessions_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, add_session_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, treatment_page);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, treatment_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, private_tab);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, private_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, details_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientPage, edit_button);

  gtk_widget_class_install_action (widget_class, "client.new-note", "s", new_note_action_cb);
  gtk_widget_class_install_action (widget_class, "client.write-note", "s", write_note_action_cb);
  gtk_widget_class_install_action (widget_class, "client.open-session-note", "s",
                                   open_session_note_action_cb);
  gtk_widget_class_install_action (widget_class, "client.open-session", "s",
                                   open_session_action_cb);
  gtk_widget_class_install_action (widget_class, "client.new-note-menu", NULL, new_note_menu_action_cb);
  gtk_widget_class_install_action (widget_class, "client.new-private-note", NULL,
                                   new_private_note_action_cb);
  gtk_widget_class_install_action (widget_class, "client.print-record", NULL, print_record_action_cb);
  gtk_widget_class_install_action (widget_class, "client.edit", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "client.add-session", NULL, add_session_action_cb);
  gtk_widget_class_install_action (widget_class, "client.share-record", NULL,
                                   share_record_action_cb);
  gtk_widget_class_install_action (widget_class, "client.export-record", NULL,
                                   export_record_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "client.new-note-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "client.new-note-menu", NULL);
}

static void
alcove_client_page_init (AlcoveClientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->built_tabs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  alcove_list_box_set_placeholder_text (self->sessions_box, _("No sessions recorded yet"));
  alcove_list_box_set_placeholder_text (self->private_box,
                                        _("No private notes for this client yet"));
}

AlcoveClientPage *
alcove_client_page_new (AlcoveWorkspace *workspace,
                        const char      *client_id)
{
  AlcoveClientStore *clients;
  AlcoveNoteStore *notes;
  AlcoveClientPage *self;
  AlcoveClient *client;
  GtkWidget *emergency;
  gboolean can_write, can_edit;

  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  clients = alcove_workspace_get_clients (workspace);
  notes = alcove_workspace_get_notes (workspace);
  self = g_object_new (ALCOVE_TYPE_CLIENT_PAGE, NULL);
  self->workspace = g_object_ref (workspace);
  self->clients = g_object_ref (clients);
  self->notes = g_object_ref (notes);
  self->client_id = g_strdup (client_id);
  can_write = alcove_note_store_can_write (notes);
  can_edit = alcove_client_store_can_edit (clients);

  gtk_widget_set_visible (GTK_WIDGET (self->new_note_button), can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.new-note", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.write-note", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.open-session", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.new-private-note", can_write);
  gtk_widget_set_visible (GTK_WIDGET (self->print_button), alcove_note_store_can_read_notes (notes));
  /* notes by someone whose key this person lacks: emergency access, beside the print button */
  if ((emergency = alcove_emergency_dialog_new_offer_button (workspace, client_id)) != NULL)
    gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->print_button))), emergency);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), can_edit);
  gtk_widget_set_visible (GTK_WIDGET (self->add_session_button), can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.edit", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.add-session", can_edit);
  /* Psychotherapy notes are their author's alone: no tab at all for anyone who writes none */
  if (!can_write)
    {
      adw_view_stack_remove (self->view_stack, self->private_tab);
      self->private_tab = NULL;
    }

  adw_view_stack_page_set_visible (self->treatment_page, can_read_treatment (self));
  add_consents (self);
  add_measures (self);
  add_documents (self);
  setup_disclosures (self);
  setup_export (self);

  g_signal_connect_object (alcove_client_store_get_clients (clients), "items-changed",
                           G_CALLBACK (clients_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clients, "sessions-changed", G_CALLBACK (sessions_changed_cb), self, 0);
  g_signal_connect_object (notes, "note-changed", G_CALLBACK (note_changed_cb), self, 0);
  g_signal_connect_object (notes, "note-deleted", G_CALLBACK (note_deleted_cb), self, 0);
  fill_header (self);
  fill_details (self);
  alcove_client_page_reload (self);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (visible_tab_cb), self, G_CONNECT_SWAPPED);
  visible_tab_cb (self);

  client = alcove_client_store_lookup (clients, client_id);
  if (client != NULL)
    alcove_client_store_record_view (clients, client);
  return self;
}

const char *
alcove_client_page_get_client_id (AlcoveClientPage *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_PAGE (self), NULL);
  return self->client_id;
}

/* Reads the notes and sessions again, after a note or session was saved elsewhere */
void
alcove_client_page_reload (AlcoveClientPage *self)
{
  g_return_if_fail (ALCOVE_IS_CLIENT_PAGE (self));

  fill_record (self);
  if (tab_built (self, "sessions"))
    fill_sessions (self);
  if (tab_built (self, "private"))
    fill_private (self);
}

/* "record", "sessions", "treatment", "measures", "private", "details", "consents",
 * "documents" or "disclosures" */
void
alcove_client_page_set_tab (AlcoveClientPage *self,
                            const char       *tab)
{
  g_return_if_fail (ALCOVE_IS_CLIENT_PAGE (self));

  if (tab != NULL && adw_view_stack_get_child_by_name (self->view_stack, tab) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, tab);
}

const char *
alcove_client_page_get_tab (AlcoveClientPage *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_PAGE (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}
