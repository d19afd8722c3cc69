/* alcove-measure-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-measure-list"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-event-dialog.h"
#include "alcove-list-pager.h"
#include "alcove-lists-and-messages.h"
#include "alcove-measure-dialog.h"
#include "alcove-measure-graph.h"
#include "alcove-measure-list.h"

/* Every measure this client was given, newest first, and "Administer…" for a clinician;
 * under it each measure's graph with the client's events over it, and the same scores and
 * events as a table in date order. "Add Event…" enters a medication change or another
 * event. Rows follow the stores' signals, from whichever window saved. */
struct _AlcoveMeasureList
{
  AdwBin              parent_instance;

  AlcoveMeasureStore *store;
  AlcoveEventStore   *events;
  char               *client_id;
  GtkListBox         *box;
  GtkWidget          *page;
  GPtrArray          *graph_groups;  /* AdwPreferencesGroup, one per measure given */
  GtkWidget          *administer_button;
  GtkWidget          *event_button;
};

G_DEFINE_FINAL_TYPE (AlcoveMeasureList, alcove_measure_list, ADW_TYPE_BIN)

/* One measure's graph and, under it, the same numbers as a table */
static GtkWidget *
event_row_new (AlcoveClinicalEvent *event)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *text = alcove_clinical_event_describe (event);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  icon = gtk_image_new_from_icon_name (alcove_clinical_event_get_kind (event) == ALCOVE_EVENT_PLAN
                                       ? "x-office-document-symbolic" : "mark-location-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  alcove_clinical_event_kind_get_title (alcove_clinical_event_get_kind (event)),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "measure-event");
  return row;
}

static GtkWidget *
measure_group (AlcoveMeasureList *self,
               AlcoveMeasure     *measure,
               GListModel        *events)
{
  g_autoptr(GListModel) model = alcove_measure_store_list (self->store, self->client_id,
                                                           alcove_measure_get_id (measure), NULL);
  GtkWidget *group, *table, *graph;

  if (model == NULL || g_list_model_get_n_items (model) == 0)
    return NULL;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), alcove_measure_get_name (measure));
  graph = alcove_measure_graph_new (measure, model);
  alcove_measure_graph_set_events (ALCOVE_MEASURE_GRAPH (graph), events);
  gtk_widget_set_margin_bottom (graph, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), graph);
  table = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (table), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (table, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  alcove_measure_get_name (measure), -1);
  /* scores and events by date; on the same day the event first, as on the graph */
  {
    guint e = 0;
    guint n_events = events != NULL ? g_list_model_get_n_items (events) : 0;

    for (guint i = 0; i <= g_list_model_get_n_items (model); i++)
      {
        g_autoptr(AlcoveMeasureAdministration) given = NULL;
        g_autofree char *text = NULL;
        GtkWidget *row;

        if (i < g_list_model_get_n_items (model))
          given = g_list_model_get_item (model, i);
        for (; e < n_events; e++)
          {
            g_autoptr(AlcoveClinicalEvent) event = g_list_model_get_item (events, e);

            if (given != NULL &&
                g_strcmp0 (alcove_clinical_event_get_occurred_on (event),
                           alcove_measure_administration_get_administered_on (given)) > 0)
              break;
            gtk_list_box_append (GTK_LIST_BOX (table), event_row_new (event));
          }
        if (given == NULL)
          break;
        text = alcove_measure_graph_describe_point (ALCOVE_MEASURE_GRAPH (graph), i);
        row = adw_action_row_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
        gtk_list_box_append (GTK_LIST_BOX (table), row);
      }
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), table);
  return group;
}

static void
fill_graphs (AlcoveMeasureList *self)
{
  GListModel *all = alcove_measure_list_all ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = alcove_event_store_list (self->events, self->client_id, NULL,
                                                          NULL, &error);

  if (events == NULL)
    g_warning ("Could not list events: %s", error->message);

  for (guint i = 0; i < self->graph_groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->page),
                                 g_ptr_array_index (self->graph_groups, i));
  g_ptr_array_set_size (self->graph_groups, 0);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveMeasure) measure = g_list_model_get_item (all, i);
      GtkWidget *group = measure_group (self, measure, events);

      if (group == NULL)
        continue;
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->graph_groups, group);
    }
}

/* One administration in the list: the measure, the date, the score and band, the alert */
static GtkWidget *
administration_row_new (AlcoveMeasureAdministration *given,
                        gpointer                     user_data)
{
  AlcoveMeasure *measure = alcove_measure_administration_get_measure (given);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = alcove_date_format (alcove_measure_administration_get_administered_on (given));
  g_autofree char *score = NULL;
  const char *band = alcove_measure_administration_get_band_label (given);
  GtkWidget *label;

  /* Translators: a measure's total and band in the list, "12: Moderate depression" */
  score = band ? g_strdup_printf (_("%d: %s"), alcove_measure_administration_get_total (given), band)
               : g_strdup_printf ("%d", alcove_measure_administration_get_total (given));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alcove_measure_get_name (measure));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);
  label = gtk_label_new (score);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  if (alcove_measure_administration_get_alert_ids (given)->len > 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Risk prompt acknowledged"), -1);
      gtk_widget_set_tooltip_text (icon, _("Risk prompt acknowledged"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  return row;
}

static void
fill (AlcoveMeasureList *self)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GListStore) newest_first = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = alcove_list_pager_get_shown (self->box);

  alcove_list_box_remove_rows (self->box);
  model = alcove_measure_store_list (self->store, self->client_id, NULL, &error);
  if (model == NULL)
    {
      g_warning ("Could not list measures: %s", error->message);
      return;
    }
  newest_first = g_list_store_new (ALCOVE_TYPE_MEASURE_ADMINISTRATION);
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(AlcoveMeasureAdministration) given = g_list_model_get_item (model, i - 1);

      g_list_store_append (newest_first, given);
    }
  alcove_list_pager_fill (self->box, G_LIST_MODEL (newest_first), shown,
                          (AlcoveListPagerCreateRow) administration_row_new, NULL, NULL);
  fill_graphs (self);
}

static void
added_cb (AlcoveMeasureList           *self,
          AlcoveMeasureAdministration *given)
{
  if (g_strcmp0 (alcove_measure_administration_get_client_id (given), self->client_id) == 0)
    fill (self);
}

static void
events_changed_cb (AlcoveMeasureList *self,
                   const char        *client_id)
{
  if (g_strcmp0 (client_id, self->client_id) == 0)
    fill_graphs (self);
}

static void
add_event_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AlcoveMeasureList *self = ALCOVE_MEASURE_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AlcoveEventDialog *dialog;

  dialog = alcove_event_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->events, self->client_id);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
administer_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AlcoveMeasureList *self = ALCOVE_MEASURE_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AlcoveMeasureDialog *dialog;

  dialog = alcove_measure_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->store, self->client_id);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
alcove_measure_list_dispose (GObject *object)
{
  AlcoveMeasureList *self = ALCOVE_MEASURE_LIST (object);

  g_clear_object (&self->store);
  g_clear_object (&self->events);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->graph_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (alcove_measure_list_parent_class)->dispose (object);
}

static void
alcove_measure_list_class_init (AlcoveMeasureListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_measure_list_dispose;
  gtk_widget_class_install_action (widget_class, "measures.administer", NULL,
                                   administer_action_cb);
  gtk_widget_class_install_action (widget_class, "measures.add-event", NULL,
                                   add_event_action_cb);
}

static void
alcove_measure_list_init (AlcoveMeasureList *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *content = adw_button_content_new ();

  self->page = page;
  self->graph_groups = g_ptr_array_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Outcome Measures"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Newest first. Answers are kept with your notes and never shown to billing."));
  self->administer_button = gtk_button_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Administer…"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (self->administer_button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->administer_button), "measures.administer");
  self->event_button = gtk_button_new_with_mnemonic (_("Add _Event…"));
  gtk_widget_set_tooltip_text (self->event_button,
                               _("Enter a medication change or another event to show on the graphs"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->event_button), "measures.add-event");
  {
    GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (buttons), self->event_button);
    gtk_box_append (GTK_BOX (buttons), self->administer_button);
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), buttons);
  }
  self->box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Outcome measures"), -1);
  alcove_list_box_set_placeholder_text (self->box, _("No measures given yet"));
  /* the latest few: the graphs' tables below hold every score */
  alcove_list_pager_set_page_size (self->box, 10);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->box));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_bin_set_child (ADW_BIN (self), page);
}

AlcoveMeasureList *
alcove_measure_list_new (AlcoveMeasureStore *store,
                         AlcoveEventStore   *events,
                         const char         *client_id)
{
  AlcoveMeasureList *self;
  gboolean can_administer;

  g_return_val_if_fail (ALCOVE_IS_MEASURE_STORE (store), NULL);
  g_return_val_if_fail (ALCOVE_IS_EVENT_STORE (events), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_MEASURE_LIST, NULL);
  self->store = g_object_ref (store);
  self->events = g_object_ref (events);
  self->client_id = g_strdup (client_id);
  can_administer = alcove_measure_store_can_administer (store);
  gtk_widget_set_visible (self->administer_button, can_administer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.administer", can_administer);
  gtk_widget_set_visible (self->event_button, alcove_event_store_can_add (events));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.add-event",
                                 alcove_event_store_can_add (events));
  g_signal_connect_object (events, "changed", G_CALLBACK (events_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "administration-added", G_CALLBACK (added_cb), self,
                           G_CONNECT_SWAPPED);
  fill (self);
  return self;
}
