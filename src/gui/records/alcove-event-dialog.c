/* alcove-event-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-event-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-date-row.h"
#include "alcove-event-dialog.h"
#include "alcove-lists-and-messages.h"

/* What changed, when, in a line: the store checks it all and keeps it; a refusal shows
 * under the form and keeps what was typed. Plan changes are not entered here: signing a
 * treatment plan puts it on the graph. */
struct _AlcoveEventDialog
{
  AdwWindow         parent_instance;

  AlcoveEventStore *store;
  char             *client_id;
  AdwComboRow      *kind_row;
  AlcoveDateRow    *date_row;
  AdwEntryRow      *text_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (AlcoveEventDialog, alcove_event_dialog, ADW_TYPE_WINDOW)

/* the rows of the kind list, in order */
static const AlcoveEventKind kinds[] = { ALCOVE_EVENT_MEDICATION, ALCOVE_EVENT_OTHER };

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlcoveEventDialog *self = ALCOVE_EVENT_DIALOG (widget);
  guint selected = adw_combo_row_get_selected (self->kind_row);
  g_autoptr(AlcoveClinicalEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  const char *date = alcove_date_row_get_iso_date (self->date_row);

  event = alcove_event_store_add (self->store, self->client_id,
                                  kinds[MIN (selected, G_N_ELEMENTS (kinds) - 1)], date,
                                  gtk_editable_get_text (GTK_EDITABLE (self->text_row)), &error);
  if (event == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
alcove_event_dialog_dispose (GObject *object)
{
  AlcoveEventDialog *self = ALCOVE_EVENT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (alcove_event_dialog_parent_class)->dispose (object);
}

static void
alcove_event_dialog_class_init (AlcoveEventDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_event_dialog_dispose;
  gtk_widget_class_install_action (widget_class, "event.add", NULL, add_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
alcove_event_dialog_init (AlcoveEventDialog *self)
{
  GtkWidget *header = alcove_dialog_header_new (GTK_WINDOW (self), "window.close", "event.add",
                                                _("_Add"), "add", NULL);
  GtkWidget *page;
  GtkWidget *group = adw_preferences_group_new ();
  GtkStringList *names = gtk_string_list_new (NULL);
  g_autofree char *today = alcove_date_today_iso ();

  gtk_window_set_title (GTK_WINDOW (self), _("Add Event"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (names, alcove_clinical_event_kind_get_title (kinds[i]));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("_Kind"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->kind_row), TRUE);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (names));
  g_object_unref (names);

  self->date_row = alcove_date_row_new (_("_Date"));
  alcove_date_row_set_iso_date (self->date_row, today);

  self->text_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->text_row), _("_What Changed"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->text_row), TRUE);
  adw_entry_row_set_activates_default (self->text_row, TRUE);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Shown on this client’s outcome measure graphs. "
                                           "Treatment plans appear there when signed."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->date_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->text_row));

  self->error_label = alcove_form_error_label_new (_("Why the event was not added"));
  page = alcove_dialog_form_new (group, self->error_label);


  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_box_append (GTK_BOX (box), header);
    gtk_box_append (GTK_BOX (box), page);
    adw_window_set_content (ADW_WINDOW (self), box);
  }
}

AlcoveEventDialog *
alcove_event_dialog_new (GtkWindow        *parent,
                         AlcoveEventStore *store,
                         const char       *client_id)
{
  AlcoveEventDialog *self;

  g_return_val_if_fail (ALCOVE_IS_EVENT_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_EVENT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->client_id = g_strdup (client_id);
  return self;
}

void
alcove_event_dialog_fill (AlcoveEventDialog *self,
                          AlcoveEventKind    kind,
                          const char        *date,
                          const char        *text)
{
  g_return_if_fail (ALCOVE_IS_EVENT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == kind)
      adw_combo_row_set_selected (self->kind_row, i);
  alcove_date_row_set_iso_date (self->date_row, date);
  gtk_editable_set_text (GTK_EDITABLE (self->text_row), text ? text : "");
}
