/* alcove-incident-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-incident-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-lock-manager.h"
#include "alcove-date-row.h"
#include "alcove-date.h"
#include "alcove-form-draft.h"
#include "alcove-incident-window.h"
#include "alcove-lists-and-messages.h"

/* One incident of the breach register (owner): what happened, its deadlines counting down
 * (overdue in the error style), the steps ticked off with their days, and a printable
 * plain-language letter to the clients affected. A new incident is saved first; its
 * deadlines appear once the discovery day is known. */

#define LETTER_MARGIN_PT 56.0

struct _AlcoveIncidentWindow
{
  AdwWindow            parent_instance;

  AlcoveVault         *vault;
  AlcoveIncident      *incident;
  AlcoveFormDraft     *draft;
  GPtrArray           *deadline_rows;
  GPtrArray           *step_rows;
  gboolean             filling;

  AdwWindowTitle      *window_title;
  GtkButton           *print_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwEntryRow         *discovered_row;
  AdwEntryRow         *description_row;
  AdwEntryRow         *accessed_row;
  AdwEntryRow         *accessed_by_row;
  AdwComboRow         *jurisdiction_row;
  GtkWidget           *harm_row;
  GtkSpinButton       *affected_spin;
  GtkSwitch           *harm_switch;
  AdwPreferencesGroup *deadlines_group;
  AdwPreferencesGroup *steps_group;
};

G_DEFINE_FINAL_TYPE (AlcoveIncidentWindow, alcove_incident_window, ADW_TYPE_WINDOW)

/* ---- deadlines ---- */

static char *
countdown_text (const AlcoveIncidentDeadline *deadline,
                int                           days_left,
                const char                  **style)
{
  *style = NULL;
  if (deadline->met)
    {
      *style = "success";
      /* Translators: a breach deadline that is met */
      return g_strdup (_("Done"));
    }
  if (deadline->note_only)
    return g_strdup (_("If it applies"));
  if (days_left == G_MAXINT)
    {
      *style = "warning";
      return g_strdup (_("As soon as practicable"));
    }
  if (days_left < 0)
    {
      *style = "error";
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue",
                                           -days_left), -days_left);
    }
  if (days_left == 0)
    {
      *style = "error";
      /* Translators: a breach notification deadline is today */
      return g_strdup (_("Due today"));
    }
  if (days_left <= 14)
    *style = "warning";
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", days_left),
                          days_left);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
fill_deadlines (AlcoveIncidentWindow *self)
{
  g_autoptr(GPtrArray) deadlines = alcove_incident_compute_deadlines (self->incident);
  g_autoptr(GDate) now = alcove_date_today ();
  clear_rows (self->deadlines_group, self->deadline_rows);
  adw_preferences_group_set_description (self->deadlines_group,
                                         deadlines->len ? NULL
                                         : _("Enter the day of discovery to see the deadlines."));
  for (guint i = 0; i < deadlines->len; i++)
    {
      AlcoveIncidentDeadline *deadline = g_ptr_array_index (deadlines, i);
      GtkWidget *row = adw_action_row_new ();
      const char *style;
      g_autofree char *countdown = countdown_text (deadline,
                                                   alcove_incident_deadline_days_left (deadline,
                                                                                       now),
                                                   &style);
      g_autofree char *subtitle = deadline->due_day
                                  ? g_strdup_printf (_("Due %s · %s"), deadline->due_day,
                                                     deadline->basis)
                                  : g_strdup (deadline->basis);
      GtkWidget *label = gtk_label_new (countdown);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), deadline->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_name (row, deadline->id);
      gtk_widget_add_css_class (label, "heading");
      if (style != NULL)
        gtk_widget_add_css_class (label, style);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->deadlines_group, row);
      g_ptr_array_add (self->deadline_rows, row);
    }
}

/* ---- steps ---- */

static void
step_toggled_cb (GtkCheckButton       *check,
                 AlcoveIncidentWindow *self)
{
  AlcoveIncidentStep step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "step"));
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GDate) now = alcove_date_today ();

  if (self->filling)
    return;
  day = gtk_check_button_get_active (check) ? alcove_date_to_iso (now) : NULL;
  if (!alcove_incidents_set_step (self->vault, self->incident, step, day, &error))
    {
      alcove_message_show_error (self->error_revealer, self->error_label, error->message);
      self->filling = TRUE;
      gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
      self->filling = FALSE;
      return;
    }
  alcove_message_show_error (self->error_revealer, self->error_label, NULL);
  /* the step may meet a deadline; the step rows stay, with their new day */
  fill_deadlines (self);
  {
    GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW);
    const char *done = alcove_incident_get_step_done (self->incident, step);
    g_autofree char *subtitle = *done ? g_strdup_printf (_("Done %s"), done) : NULL;

    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : _("Not yet"));
  }
}

static void
fill_steps (AlcoveIncidentWindow *self)
{
  gboolean saved = alcove_incident_get_id (self->incident) != NULL;

  self->filling = TRUE;
  clear_rows (self->steps_group, self->step_rows);
  for (guint step = 0; step < ALCOVE_INCIDENT_N_STEPS; step++)
    {
      const char *done = alcove_incident_get_step_done (self->incident, step);
      g_autofree char *subtitle = *done ? g_strdup_printf (_("Done %s"), done) : NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     alcove_incident_step_get_title (step));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : _("Not yet"));
      gtk_widget_set_name (row, alcove_incident_step_to_string (step));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), *done != '\0');
      g_object_set_data (G_OBJECT (check), "step", GINT_TO_POINTER (step));
      g_signal_connect_object (check, "toggled", G_CALLBACK (step_toggled_cb), self, 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      alcove_incident_step_get_title (step), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_sensitive (row, saved);
      adw_preferences_group_add (self->steps_group, row);
      g_ptr_array_add (self->step_rows, row);
    }
  adw_preferences_group_set_description (self->steps_group,
                                         saved ? _("Tick each step off when it is done; the day is kept.")
                                               : _("Save the incident to start ticking off its steps."));
  self->filling = FALSE;
}

/* ---- the form ---- */

static void
fill_form (AlcoveIncidentWindow *self)
{
  /* only the practice's law is worded: "serious harm" is a test of the Australian scheme */
  gboolean australian = (alcove_incident_get_jurisdiction (self->incident) &
                         ALCOVE_JURISDICTION_AU_NDB) != 0;

  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (self->discovered_row),
                                alcove_incident_get_discovered_on (self->incident));
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         alcove_incident_get_description (self->incident));
  gtk_editable_set_text (GTK_EDITABLE (self->accessed_row),
                         alcove_incident_get_accessed (self->incident));
  gtk_editable_set_text (GTK_EDITABLE (self->accessed_by_row),
                         alcove_incident_get_accessed_by (self->incident));
  gtk_widget_set_visible (self->harm_row, australian);
  gtk_spin_button_set_value (self->affected_spin, alcove_incident_get_affected (self->incident));
  gtk_switch_set_active (self->harm_switch, alcove_incident_get_serious_harm (self->incident));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incident.print-letter",
                                 alcove_incident_get_id (self->incident) != NULL);
  fill_deadlines (self);
  fill_steps (self);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveIncidentWindow *self = ALCOVE_INCIDENT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) now = alcove_date_today ();
  AlcoveDateRow *discovered = ALCOVE_DATE_ROW (self->discovered_row);

  alcove_incident_set_discovered_on (self->incident, alcove_date_row_get_iso_date (discovered));
  alcove_incident_set_description (self->incident,
                                   gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
  alcove_incident_set_accessed (self->incident,
                                gtk_editable_get_text (GTK_EDITABLE (self->accessed_row)));
  alcove_incident_set_accessed_by (self->incident,
                                   gtk_editable_get_text (GTK_EDITABLE (self->accessed_by_row)));
  alcove_incident_set_affected (self->incident,
                                (guint) gtk_spin_button_get_value_as_int (self->affected_spin));
  alcove_incident_set_serious_harm (self->incident, gtk_switch_get_active (self->harm_switch));
  if (!alcove_incidents_save (self->vault, self->incident, now, &error))
    {
      alcove_message_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }
  alcove_message_show_error (self->error_revealer, self->error_label, NULL);
  adw_window_title_set_title (self->window_title, _("Breach Incident"));
  fill_form (self);
  alcove_form_draft_saved_as (self->draft, alcove_incident_get_id (self->incident));
}

/* ---- the letter ---- */

typedef struct
{
  char        *text;
  PangoLayout *layout;
  GArray      *page_starts;  /* line index of each page's first line */
} Letter;

static void
letter_free (Letter *letter)
{
  g_free (letter->text);
  g_clear_object (&letter->layout);
  g_clear_pointer (&letter->page_starts, g_array_unref);
  g_free (letter);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Letter            *letter)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Serif 11");
  double width = gtk_print_context_get_width (context) - 2 * LETTER_MARGIN_PT;
  double height = gtk_print_context_get_height (context) - 2 * LETTER_MARGIN_PT;
  double used = 0;
  int n_lines;

  letter->layout = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (letter->layout, font);
  pango_layout_set_width (letter->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (letter->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (letter->layout, letter->text, -1);
  letter->page_starts = g_array_new (FALSE, FALSE, sizeof (int));
  n_lines = pango_layout_get_line_count (letter->layout);
  g_array_append_val (letter->page_starts, (int) { 0 });
  for (int i = 0; i < n_lines; i++)
    {
      PangoRectangle logical;

      pango_layout_line_get_extents (pango_layout_get_line_readonly (letter->layout, i), NULL,
                                     &logical);
      if (used + (double) logical.height / PANGO_SCALE > height)
        {
          g_array_append_val (letter->page_starts, i);
          used = 0;
        }
      used += (double) logical.height / PANGO_SCALE;
    }
  gtk_print_operation_set_n_pages (operation, (int) letter->page_starts->len);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Letter            *letter)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int first = g_array_index (letter->page_starts, int, page);
  int last = (guint) page + 1 < letter->page_starts->len
             ? g_array_index (letter->page_starts, int, page + 1)
             : pango_layout_get_line_count (letter->layout);
  double y = LETTER_MARGIN_PT;

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int i = first; i < last; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (letter->layout, i);
      PangoRectangle logical;

      pango_layout_line_get_extents (line, NULL, &logical);
      cairo_move_to (cr, LETTER_MARGIN_PT, y - (double) logical.y / PANGO_SCALE);
      pango_cairo_show_layout_line (cr, line);
      y += (double) logical.height / PANGO_SCALE;
    }
}

/* Prints the letter (pdf_path NULL: the print dialog) or exports it to a PDF. Audited. */
gboolean
alcove_incident_window_print_letter (AlcoveIncidentWindow  *self,
                                     const char            *pdf_path,
                                     GError               **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  Letter *letter;
  GtkPrintOperationResult result;

  g_return_val_if_fail (ALCOVE_IS_INCIDENT_WINDOW (self), FALSE);

  if (alcove_incident_get_id (self->incident) == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Save the incident before printing its letter"));
      return FALSE;
    }
  letter = g_new0 (Letter, 1);
  letter->text = alcove_incidents_letter_text (self->vault, self->incident);
  g_object_set_data_full (G_OBJECT (operation), "letter", letter, (GDestroyNotify) letter_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), letter);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), letter);
  gtk_print_operation_set_job_name (operation, _("Notice of a privacy incident"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (pdf_path != NULL)
    gtk_print_operation_set_export_filename (operation, pdf_path);
  result = gtk_print_operation_run (operation,
                                    pdf_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                             : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    alcove_incidents_record_letter (self->vault, self->incident);
  return TRUE;
}

static void
print_letter_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AlcoveIncidentWindow *self = ALCOVE_INCIDENT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!alcove_incident_window_print_letter (self, NULL, &error))
    alcove_message_show_error (self->error_revealer, self->error_label, error->message);
}

/* Through close-request: changes not saved are asked about */
static void
close_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

AlcoveIncident *
alcove_incident_window_get_incident (AlcoveIncidentWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_INCIDENT_WINDOW (self), NULL);
  return self->incident;
}

static void
alcove_incident_window_dispose (GObject *object)
{
  AlcoveIncidentWindow *self = ALCOVE_INCIDENT_WINDOW (object);

  g_clear_object (&self->incident);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->deadline_rows, g_ptr_array_unref);
  g_clear_pointer (&self->step_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (alcove_incident_window_parent_class)->dispose (object);
}

static void
alcove_incident_window_class_init (AlcoveIncidentWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (ALCOVE_TYPE_DATE_ROW);
  G_OBJECT_CLASS (klass)->dispose = alcove_incident_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-incident-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, print_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, discovered_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, description_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, accessed_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, accessed_by_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, jurisdiction_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, harm_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, affected_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, harm_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveIncidentWindow, steps_group);

  gtk_widget_class_install_action (widget_class, "incident.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "incident.print-letter", NULL,
                                   print_letter_action_cb);
  gtk_widget_class_install_action (widget_class, "incident.close", NULL, close_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "incident.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "incident.print-letter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "incident.close", NULL);
}

static void
alcove_incident_window_init (AlcoveIncidentWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->deadline_rows = g_ptr_array_new ();
  self->step_rows = g_ptr_array_new ();
}

/* incident NULL: a new one, discovered today */
AlcoveIncidentWindow *
alcove_incident_window_new (GtkWindow      *parent,
                            AlcoveVault    *vault,
                            AlcoveIncident *incident)
{
  AlcoveIncidentWindow *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_INCIDENT_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
  self->vault = g_object_ref (vault);
  /* the practice's setting chooses the rules, so the form offers no choice of its own */
  gtk_widget_set_visible (GTK_WIDGET (self->jurisdiction_row), FALSE);
  if (incident != NULL)
    {
      self->incident = g_object_ref (incident);
      alcove_incident_follow_practice (self->incident, vault);
    }
  else
    {
      g_autofree char *day = NULL;
      g_autoptr(GDate) now = alcove_date_today ();
      day = alcove_date_to_iso (now);
      self->incident = alcove_incident_new_for_practice (vault);
      alcove_incident_set_discovered_on (self->incident, day);
      adw_window_title_set_title (self->window_title, _("New Breach Incident"));
    }
  fill_form (self);
  self->draft = alcove_form_draft_attach (GTK_WINDOW (self), vault, "incident",
                                          alcove_incident_get_id (self->incident),
                                          "incident.save");
  alcove_lock_manager_set_reopen_action (GTK_WINDOW (self), "main.open-incident",
                                         g_variant_new_string (incident != NULL
                                                               ? alcove_incident_get_id (incident)
                                                               : ""));
  alcove_form_draft_restore (self->draft, GTK_WIDGET (self->error_revealer));
  return self;
}
