/* alcove-record-print-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-record-print-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-date-row.h"
#include "alcove-measure-graph.h"
#include "alcove-note-printer.h"
#include "alcove-page-printer.h"
#include "alcove-print-markup.h"
#include "alcove-record-print-dialog.h"

/* Prints a client's record, or the sessions between two dates of it: signed notes, and drafts
 * only when asked for; for whoever reads them, the problem list, the treatment plans in
 * force and the outcome measures first (each measure's graph, drawn by the same function as
 * on screen, with the client's events, and its scores and events as a table) */
struct _AlcoveRecordPrintDialog
{
  AdwWindow        parent_instance;

  AlcoveNoteStore *notes;
  AlcoveClient    *client;
  AlcoveDiagnosisStore *diagnoses;  /* NULL: the notes alone */
  AlcovePlanStore *plans;
  AlcoveMeasureStore *measures;     /* NULL: no measures */
  AlcoveEventStore *events;
  GtkWidget       *measures_row;
  GtkSwitch       *measures_switch;

  AdwEntryRow     *from_row;
  AdwEntryRow     *to_row;
  GtkSwitch       *drafts_switch;
  GtkWidget       *treatment_group;
  GtkWidget       *diagnoses_row;
  GtkSwitch       *diagnoses_switch;
  GtkWidget       *plans_row;
  GtkSwitch       *plans_switch;
  GtkLabel        *summary_label;
};

G_DEFINE_FINAL_TYPE (AlcoveRecordPrintDialog, alcove_record_print_dialog, ADW_TYPE_WINDOW)

static const char *
row_date (AdwEntryRow *row,
          gboolean    *valid)
{
  const char *text = alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (row));

  if (*text != '\0' && !alcove_date_is_valid (text))
    *valid = FALSE;
  return *text != '\0' && alcove_date_is_valid (text) ? text : NULL;
}

GListModel *
alcove_record_print_dialog_dup_selection (AlcoveRecordPrintDialog *self)
{
  g_autoptr(GListModel) all = NULL;
  GListStore *selection = g_list_store_new (ALCOVE_TYPE_NOTE);
  gboolean valid = TRUE;
  const char *from;
  const char *to;

  g_return_val_if_fail (ALCOVE_IS_RECORD_PRINT_DIALOG (self), NULL);

  from = row_date (self->from_row, &valid);
  to = row_date (self->to_row, &valid);
  all = alcove_note_store_list_for_client (self->notes, alcove_client_get_id (self->client), FALSE,
                                           NULL);
  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (all, i);
      const char *date = alcove_note_get_session_date (note);

      if ((from == NULL || g_strcmp0 (date, from) >= 0) &&
          (to == NULL || g_strcmp0 (date, to) <= 0) && !alcove_note_is_private (note) &&
          (alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED ||
           gtk_switch_get_active (self->drafts_switch)))
        g_list_store_append (selection, note);
    }
  return G_LIST_MODEL (selection);
}

static GListModel *
dup_diagnoses (AlcoveRecordPrintDialog *self)
{
  if (self->diagnoses == NULL || !alcove_diagnosis_store_can_read (self->diagnoses) ||
      !gtk_switch_get_active (self->diagnoses_switch))
    return NULL;
  return alcove_diagnosis_store_list_for_client (self->diagnoses,
                                                 alcove_client_get_id (self->client), NULL);
}

static GListModel *
dup_plans (AlcoveRecordPrintDialog *self)
{
  if (self->plans == NULL || !alcove_plan_store_can_read (self->plans) ||
      !gtk_switch_get_active (self->plans_switch))
    return NULL;
  return alcove_plan_store_list_current (self->plans, alcove_client_get_id (self->client), NULL);
}

/* ---- outcome measures ---- */

typedef struct
{
  AlcoveMeasure *measure;
  GListModel    *administrations;
  GListModel    *events;
} GraphFigure;

static void
graph_figure_free (gpointer data)
{
  GraphFigure *figure = data;

  g_clear_object (&figure->measure);
  g_clear_object (&figure->administrations);
  g_clear_object (&figure->events);
  g_free (figure);
}

static void
draw_graph_cb (cairo_t     *cr,
               PangoLayout *layout,
               double       width,
               double       height,
               gpointer     data)
{
  GraphFigure *figure = data;
  AlcoveMeasureGraphScene scene = {
    .measure = figure->measure,
    .administrations = figure->administrations,
    .events = figure->events,
    .width = width,
    .height = height,
    .foreground = { 0, 0, 0, 1 },
    .focused_point = -1,
    .focused_event = -1,
  };

  alcove_measure_graph_draw (cr, layout, &scene);
}

/* Each measure given: its name, its graph (a figure) and a table of its scores with the
 * events between them, by date */
static void
append_measures (AlcoveRecordPrintDialog *self,
                 GString                 *markup,
                 GPtrArray               *figures)
{
  GListModel *all = alcove_measure_list_all ();
  const char *client_id = alcove_client_get_id (self->client);
  g_autoptr(GListModel) events = NULL;
  gboolean heading = FALSE;

  if (self->measures == NULL || !alcove_measure_store_can_read (self->measures) ||
      !gtk_switch_get_active (self->measures_switch))
    return;
  events = alcove_event_store_list (self->events, client_id, NULL, NULL, NULL);
  for (guint m = 0; m < g_list_model_get_n_items (all); m++)
    {
      g_autoptr(AlcoveMeasure) measure = g_list_model_get_item (all, m);
      g_autoptr(GListModel) given = alcove_measure_store_list (self->measures, client_id,
                                                               alcove_measure_get_id (measure),
                                                               NULL);
      guint n = given != NULL ? g_list_model_get_n_items (given) : 0;
      guint n_events = events != NULL ? g_list_model_get_n_items (events) : 0;
      guint e = 0;

      if (n == 0)
        continue;
      if (!heading)
        {
          alcove_print_markup_append_heading (markup, _("Outcome Measures"));
          heading = TRUE;
        }
      g_string_append (markup, "<span weight=\"bold\">");
      alcove_print_markup_append_text (markup, alcove_measure_get_name (measure));
      g_string_append (markup, "</span>\n");
      if (figures != NULL)
        {
          GraphFigure *figure = g_new0 (GraphFigure, 1);

          figure->measure = g_object_ref (measure);
          figure->administrations = g_object_ref (given);
          figure->events = events != NULL ? g_object_ref (events) : NULL;
          g_ptr_array_add (figures, alcove_print_figure_new (480, 220, draw_graph_cb, figure,
                                                             graph_figure_free));
          g_string_append (markup, ALCOVE_PRINT_FIGURE_MARK "\n");
        }
      for (guint i = 0; i <= n; i++)
        {
          g_autoptr(AlcoveMeasureAdministration) one = i < n ? g_list_model_get_item (given, i) : NULL;

          for (; e < n_events; e++)
            {
              g_autoptr(AlcoveClinicalEvent) event = g_list_model_get_item (events, e);
              g_autofree char *line = NULL;

              if (one != NULL &&
                  g_strcmp0 (alcove_clinical_event_get_occurred_on (event),
                             alcove_measure_administration_get_administered_on (one)) > 0)
                break;
              line = alcove_clinical_event_describe (event);
              g_string_append (markup, "<i>");
              alcove_print_markup_append_text (markup, line);
              g_string_append (markup, "</i>\n");
            }
          if (one == NULL)
            break;
          {
            g_autofree char *date = alcove_date_format (alcove_measure_administration_get_administered_on (one));
            const char *band = alcove_measure_administration_get_band_label (one);
            g_autofree char *line = NULL;

            /* Translators: a row of a measure's printed table, "12 March 2026: 14, Moderate
             * depression" */
            line = g_strdup_printf (_("%s: %d, %s"), date,
                                    alcove_measure_administration_get_total (one), band ? band : "");
            alcove_print_markup_append_text (markup, line);
            if (alcove_measure_administration_get_alert_ids (one)->len > 0)
              {
                g_string_append (markup, " — ");
                alcove_print_markup_append_text (markup, _("risk prompt acknowledged"));
              }
            g_string_append (markup, "\n");
          }
        }
      g_string_append (markup, "\n");
    }
}

/* The problem list, the plans in force and the outcome measures, before the notes; NULL
 * when none is chosen or there is none */
static char *
dup_preface (AlcoveRecordPrintDialog *self,
             GPtrArray               *printed_plans,
             GPtrArray               *figures)
{
  g_autoptr(GListModel) diagnoses = dup_diagnoses (self);
  g_autoptr(GListModel) plans = dup_plans (self);
  GString *markup = g_string_new (NULL);

  if (diagnoses != NULL && g_list_model_get_n_items (diagnoses) > 0)
    {
      alcove_print_markup_append_heading (markup, _("Problem List"));
      alcove_print_markup_append_diagnoses (markup, diagnoses);
    }
  for (guint i = 0; plans != NULL && i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(AlcovePlan) plan = g_list_model_get_item (plans, i);

      alcove_print_markup_append_plan (markup, self->plans, plan, ALCOVE_NOTE_MARKUP_RECORD);
      if (printed_plans != NULL)
        g_ptr_array_add (printed_plans, g_steal_pointer (&plan));
    }
  append_measures (self, markup, figures);
  if (markup->len == 0)
    {
      g_string_free (markup, TRUE);
      return NULL;
    }
  return g_string_free (markup, FALSE);
}

static void
update_summary (AlcoveRecordPrintDialog *self)
{
  g_autoptr(GListModel) selection = alcove_record_print_dialog_dup_selection (self);
  g_autofree char *preface = dup_preface (self, NULL, NULL);
  guint n = g_list_model_get_n_items (selection);
  gboolean valid = TRUE;
  g_autofree char *text = NULL;

  row_date (self->from_row, &valid);
  row_date (self->to_row, &valid);
  if (!valid)
    text = g_strdup (_("A date above is not a day: correct it or leave it empty"));
  else
    text = g_strdup_printf (preface != NULL
                            ? g_dngettext (GETTEXT_PACKAGE,
                                           "The treatment pages and %u note will be printed",
                                           "The treatment pages and %u notes will be printed", n)
                            : g_dngettext (GETTEXT_PACKAGE, "%u note will be printed",
                                           "%u notes will be printed", n), n);
  gtk_label_set_text (self->summary_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-print.print",
                                 valid && (n > 0 || preface != NULL));
}

void
alcove_record_print_dialog_set_range (AlcoveRecordPrintDialog *self,
                                      const char              *from,
                                      const char              *to)
{
  g_return_if_fail (ALCOVE_IS_RECORD_PRINT_DIALOG (self));

  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (self->from_row), from);
  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (self->to_row), to);
}

void
alcove_record_print_dialog_set_include_drafts (AlcoveRecordPrintDialog *self,
                                               gboolean                 include)
{
  g_return_if_fail (ALCOVE_IS_RECORD_PRINT_DIALOG (self));

  gtk_switch_set_active (self->drafts_switch, include);
}

gboolean
alcove_record_print_dialog_print (AlcoveRecordPrintDialog  *self,
                                  const char               *pdf_path,
                                  GError                  **error)
{
  g_autoptr(GListModel) selection = NULL;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) figures =
    g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_print_figure_free);
  g_autofree char *preface = NULL;
  gboolean printed = FALSE;

  g_return_val_if_fail (ALCOVE_IS_RECORD_PRINT_DIALOG (self), FALSE);

  preface = dup_preface (self, plans, figures);
  selection = alcove_record_print_dialog_dup_selection (self);
  if (!alcove_note_printer_run_record (GTK_WINDOW (self), self->notes, self->client, preface,
                                       figures, selection, pdf_path, &printed, error))
    return FALSE;
  for (guint i = 0; printed && i < plans->len; i++)
    alcove_plan_store_record_print (self->plans, g_ptr_array_index (plans, i));
  return TRUE;
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlcoveRecordPrintDialog *self = ALCOVE_RECORD_PRINT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!alcove_record_print_dialog_print (self, NULL, &error))
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
alcove_record_print_dialog_dispose (GObject *object)
{
  AlcoveRecordPrintDialog *self = ALCOVE_RECORD_PRINT_DIALOG (object);

  g_clear_object (&self->notes);
  g_clear_object (&self->client);
  g_clear_object (&self->diagnoses);
  g_clear_object (&self->plans);
  g_clear_object (&self->measures);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (alcove_record_print_dialog_parent_class)->dispose (object);
}

static void
alcove_record_print_dialog_class_init (AlcoveRecordPrintDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (ALCOVE_TYPE_DATE_ROW);
  object_class->dispose = alcove_record_print_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-record-print-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecordPrintDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecordPrintDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecordPrintDialog, drafts_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecordPrintDialog, treatment_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecordPrintDialog, diagnoses_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecordPrintDialog, diagnoses_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecordPrintDialog, plans_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecordPrintDialog, plans_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRecordPrintDialog, summary_label);
  gtk_widget_class_install_action (widget_class, "record-print.print", NULL, print_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
alcove_record_print_dialog_init (AlcoveRecordPrintDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AlcoveRecordPrintDialog *
alcove_record_print_dialog_new (GtkWindow       *parent,
                                AlcoveNoteStore *notes,
                                AlcoveClient    *client)
{
  AlcoveRecordPrintDialog *self;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), NULL);
  g_return_val_if_fail (ALCOVE_IS_CLIENT (client), NULL);

  self = g_object_new (ALCOVE_TYPE_RECORD_PRINT_DIALOG, "transient-for", parent, NULL);
  self->notes = g_object_ref (notes);
  self->client = g_object_ref (client);
  g_signal_connect_object (self->from_row, "changed", G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_row, "changed", G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drafts_switch, "notify::active", G_CALLBACK (update_summary),
                           self, G_CONNECT_SWAPPED);
  update_summary (self);
  return self;
}

/* The problem list and the plans in force join the record, for whoever may read them */
void
alcove_record_print_dialog_set_treatment (AlcoveRecordPrintDialog *self,
                                          AlcoveDiagnosisStore    *diagnoses,
                                          AlcovePlanStore         *plans)
{
  gboolean reads_diagnoses, reads_plans;

  g_return_if_fail (ALCOVE_IS_RECORD_PRINT_DIALOG (self));
  g_return_if_fail (ALCOVE_IS_DIAGNOSIS_STORE (diagnoses));
  g_return_if_fail (ALCOVE_IS_PLAN_STORE (plans));

  g_set_object (&self->diagnoses, diagnoses);
  g_set_object (&self->plans, plans);
  reads_diagnoses = alcove_diagnosis_store_can_read (diagnoses);
  reads_plans = alcove_plan_store_can_read (plans);
  gtk_widget_set_visible (self->diagnoses_row, reads_diagnoses);
  gtk_widget_set_visible (self->plans_row, reads_plans);
  gtk_widget_set_visible (self->treatment_group, reads_diagnoses || reads_plans);
  g_signal_connect_object (self->diagnoses_switch, "notify::active", G_CALLBACK (update_summary),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plans_switch, "notify::active", G_CALLBACK (update_summary),
                           self, G_CONNECT_SWAPPED);
  update_summary (self);
}

/* Each outcome measure given, as a graph with the client's events and a table, joins the
 * treatment pages for whoever reads measures */
void
alcove_record_print_dialog_set_measures (AlcoveRecordPrintDialog *self,
                                         AlcoveMeasureStore      *measures,
                                         AlcoveEventStore        *events)
{
  gboolean reads;

  g_return_if_fail (ALCOVE_IS_RECORD_PRINT_DIALOG (self));
  g_return_if_fail (ALCOVE_IS_MEASURE_STORE (measures));
  g_return_if_fail (ALCOVE_IS_EVENT_STORE (events));

  g_set_object (&self->measures, measures);
  g_set_object (&self->events, events);
  reads = alcove_measure_store_can_read (measures);
  if (self->measures_row == NULL)
    {
      self->measures_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->measures_row),
                                     _("Include the _Outcome Measures"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->measures_row), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->measures_row),
                                   _("Each measure’s graph, with events, and its scores"));
      self->measures_switch = GTK_SWITCH (gtk_switch_new ());
      gtk_switch_set_active (self->measures_switch, TRUE);
      gtk_widget_set_valign (GTK_WIDGET (self->measures_switch), GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->measures_switch),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outcome measures"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->measures_row),
                                 GTK_WIDGET (self->measures_switch));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->measures_row),
                                             GTK_WIDGET (self->measures_switch));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->treatment_group), self->measures_row);
      g_signal_connect_object (self->measures_switch, "notify::active",
                               G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
    }
  gtk_widget_set_visible (self->measures_row, reads);
  if (reads)
    gtk_widget_set_visible (self->treatment_group, TRUE);
  update_summary (self);
}
