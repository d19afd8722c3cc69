/* alcove-cosign-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-cosign-queue"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-cosign-queue.h"
#include "alcove-date.h"
#include "alcove-lists-and-messages.h"
#include "alcove-note-format.h"

/* A group on Home. A supervisor's lists what waits for their co-signature: the client, the
 * format and the date of service, who wrote it and how long it has waited, longest first.
 * An author's lists their notes returned for changes, with the comment. A row opens the
 * note. The list is read again whenever the session's note store reports a change. */
struct _AlcoveCosignQueue
{
  AdwPreferencesGroup   parent_instance;

  AlcoveCosignQueueKind kind;
  AlcoveNoteStore      *notes;
  GtkListBox           *list;
  guint                 n_notes;
};

G_DEFINE_FINAL_TYPE (AlcoveCosignQueue, alcove_cosign_queue, ADW_TYPE_PREFERENCES_GROUP)

G_DEFINE_ENUM_TYPE (AlcoveCosignQueueKind, alcove_cosign_queue_kind,
                    G_DEFINE_ENUM_VALUE (ALCOVE_COSIGN_QUEUE_AWAITING, "awaiting"),
                    G_DEFINE_ENUM_VALUE (ALCOVE_COSIGN_QUEUE_RETURNED, "returned"))

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_NOTE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- one row ---- */

/* "Waiting 3 days", or for a return "3 days ago" */
static char *
dup_age (gint64   since_ms,
         gboolean waiting)
{
  gint64 hours = MAX (0, g_get_real_time () / 1000 - since_ms) / (3600 * 1000);
  int days = (int) (hours / 24);

  if (hours == 0)
    return g_strdup (waiting ? _("Waiting less than an hour") : _("Less than an hour ago"));
  if (days == 0)
    return g_strdup_printf (waiting ? g_dngettext (GETTEXT_PACKAGE, "Waiting %d hour",
                                                   "Waiting %d hours", hours)
                                    : g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                                   hours), (int) hours);
  return g_strdup_printf (waiting ? g_dngettext (GETTEXT_PACKAGE, "Waiting %d day",
                                                 "Waiting %d days", days)
                                  : g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago",
                                                 days), days);
}

/* "<client> · <format>": a supervisor reads the record, so Home may name the client */
static char *
dup_title (AlcoveCosignQueue *self,
           AlcoveNote        *note)
{
  AlcoveClient *client = alcove_client_store_lookup (alcove_note_store_get_clients (self->notes),
                                                     alcove_note_get_client_id (note));
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));

  /* Translators: a row on Home, "<client's name> · <note format>" */
  return g_strdup_printf (_("%s · %s"), client ? alcove_client_get_display_name (client)
                                               : _("Former client"),
                          format ? alcove_note_format_get_name (format)
                                 : alcove_note_get_format_id (note));
}

/* "Session of 6 May 2024 · by Sam Ortiz", or "Returned by Rui Tanaka: <comment>" */
static char *
dup_subtitle (AlcoveCosignQueue *self,
              AlcoveNote        *note)
{
  g_autofree char *date = alcove_date_format (alcove_note_get_session_date (note));
  const AlcoveNoteReturn *note_return = alcove_note_get_last_return (note);
  g_autofree char *name = NULL;

  if (self->kind == ALCOVE_COSIGN_QUEUE_AWAITING)
    {
      name = alcove_note_store_dup_author_name (self->notes, alcove_note_get_author (note));
      /* Translators: "Session of <date> · by <author's name>" */
      return g_strdup_printf (_("Session of %s · by %s"), date, name);
    }
  name = alcove_note_store_dup_author_name (self->notes, note_return->returned_by);
  /* Translators: "Session of <date> · returned by <name>: <their comment>" */
  return g_strdup_printf (_("Session of %s · returned by %s: %s"), date, name,
                          note_return->comment);
}

static GtkWidget *
row_new (AlcoveCosignQueue *self,
         AlcoveNote        *note)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = dup_title (self, note);
  g_autofree char *subtitle = dup_subtitle (self, note);
  gboolean waiting = self->kind == ALCOVE_COSIGN_QUEUE_AWAITING;
  g_autofree char *age = dup_age (waiting ? alcove_note_get_signed_ms (note)
                                          : alcove_note_get_last_return (note)->returned_ms,
                                  waiting);
  GtkWidget *age_label = gtk_label_new (age);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (age_label, "dim-label");
  gtk_widget_add_css_class (age_label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), age_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* the id names the row for tests; it is not PHI */
  gtk_widget_set_name (row, alcove_note_get_id (note));
  g_object_set_data_full (G_OBJECT (row), "note", g_object_ref (note), g_object_unref);
  return row;
}

static void
row_activated_cb (GtkListBox        *list,
                  GtkListBoxRow     *row,
                  AlcoveCosignQueue *self)
{
  AlcoveNote *note = g_object_get_data (G_OBJECT (row), "note");

  if (note != NULL)
    g_signal_emit (self, signals[OPEN_NOTE], 0, alcove_note_get_id (note),
                   alcove_note_get_client_id (note));
}

/* ---- the list ---- */

static gboolean
is_supervisor (AlcoveCosignQueue *self)
{
  AlcoveVault *vault = alcove_client_store_get_vault (alcove_note_store_get_clients (self->notes));
  AlcoveUser *user = alcove_vault_get_current_user (vault);

  return user != NULL && alcove_user_get_role (user) == ALCOVE_ROLE_SUPERVISOR;
}

static void
update_heading (AlcoveCosignQueue *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);

  if (self->kind == ALCOVE_COSIGN_QUEUE_RETURNED)
    {
      adw_preferences_group_set_title (group, _("Returned to You"));
      adw_preferences_group_set_description (group, _("Your supervisor asked for changes "
                                                      "before co-signing. Edit and sign again."));
      gtk_widget_set_visible (GTK_WIDGET (self), self->n_notes > 0);
      return;
    }
  adw_preferences_group_set_title (group, _("Waiting for Your Co-Signature"));
  adw_preferences_group_set_description (group, self->n_notes == 0
                                         ? _("Nothing is waiting for you")
                                         : _("Read each note, then co-sign it or return it to "
                                             "its author with a comment."));
  gtk_widget_set_visible (GTK_WIDGET (self), self->n_notes > 0 || is_supervisor (self));
}

static void
refill (AlcoveCosignQueue *self)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  alcove_list_box_remove_rows (self->list);
  self->n_notes = 0;
  if (self->notes == NULL)
    return;
  model = self->kind == ALCOVE_COSIGN_QUEUE_AWAITING
          ? alcove_note_store_list_awaiting_cosign (self->notes, &error)
          : alcove_note_store_list_returned (self->notes, &error);
  if (model == NULL)
    g_warning ("Could not list the notes for co-signing: %s", error->message);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (model, i);

      gtk_list_box_append (self->list, row_new (self, note));
      self->n_notes++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->n_notes > 0);
  update_heading (self);
}

/* Only a change that can move a note in or out of a queue: a note that must be, or was,
 * co-signed or returned. Autosaves of other drafts pass by. */
static void
note_changed_cb (AlcoveNoteStore   *notes,
                 AlcoveNote        *note,
                 AlcoveCosignQueue *self)
{
  if (alcove_note_get_cosign_required (note) || alcove_note_get_returns (note)->len > 0)
    refill (self);
}

void
alcove_cosign_queue_set_notes (AlcoveCosignQueue *self,
                               AlcoveNoteStore   *notes)
{
  g_return_if_fail (ALCOVE_IS_COSIGN_QUEUE (self));
  g_return_if_fail (ALCOVE_IS_NOTE_STORE (notes));

  if (self->notes != NULL)
    g_signal_handlers_disconnect_by_data (self->notes, self);
  g_set_object (&self->notes, notes);
  g_signal_connect_object (notes, "note-changed", G_CALLBACK (note_changed_cb), self, 0);
  g_signal_connect_object (notes, "note-deleted", G_CALLBACK (refill), self, G_CONNECT_SWAPPED);
  refill (self);
}

guint
alcove_cosign_queue_get_n_notes (AlcoveCosignQueue *self)
{
  g_return_val_if_fail (ALCOVE_IS_COSIGN_QUEUE (self), 0);
  return self->n_notes;
}

/* ---- GObject ---- */

static void
alcove_cosign_queue_dispose (GObject *object)
{
  AlcoveCosignQueue *self = ALCOVE_COSIGN_QUEUE (object);

  g_clear_object (&self->notes);

  G_OBJECT_CLASS (alcove_cosign_queue_parent_class)->dispose (object);
}

static void
alcove_cosign_queue_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AlcoveCosignQueue *self = ALCOVE_COSIGN_QUEUE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_cosign_queue_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AlcoveCosignQueue *self = ALCOVE_COSIGN_QUEUE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_cosign_queue_class_init (AlcoveCosignQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alcove_cosign_queue_dispose;
  object_class->get_property = alcove_cosign_queue_get_property;
  object_class->set_property = alcove_cosign_queue_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, ALCOVE_TYPE_COSIGN_QUEUE_KIND,
                       ALCOVE_COSIGN_QUEUE_AWAITING,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlcoveCosignQueue::open-note:
   * @note_id: the note of the row activated
   * @client_id: its client
   */
  signals[OPEN_NOTE] = g_signal_new ("open-note", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                     G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-cosign-queue.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveCosignQueue, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
alcove_cosign_queue_init (AlcoveCosignQueue *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AlcoveCosignQueue *
alcove_cosign_queue_new (AlcoveCosignQueueKind  kind,
                         AlcoveNoteStore       *notes)
{
  AlcoveCosignQueue *self = g_object_new (ALCOVE_TYPE_COSIGN_QUEUE, "kind", kind, NULL);

  alcove_cosign_queue_set_notes (self, notes);
  return self;
}
