/* alcove-diagnosis-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-diagnosis-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-diagnosis-catalog.h"
#include "alcove-date-row.h"
#include "alcove-diagnosis-dialog.h"
#include "alcove-lists-and-messages.h"

/* One entry of a client's problem list: a code found by its code or its words among those
 * Alcove ships (billable codes first; a category heading shows but cannot be chosen), or
 * any other code written as ICD-10-CM writes it, typed, with its words; then primary or
 * not, the onset and the day it resolved. The store checks everything again and says what
 * is wrong; the dialog stays open with every field as it was. */

#define MAX_RESULTS 12

struct _AlcoveDiagnosisDialog
{
  AdwWindow             parent_instance;

  AlcoveDiagnosisStore *diagnoses;
  AlcoveDiagnosis      *diagnosis;  /* the entry as it will be saved: new, or a copy */
  char                 *code;       /* chosen, normalised; "" while none */

  AdwWindowTitle       *window_title;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkSearchEntry       *search_entry;
  GtkListBox           *results_box;
  AdwActionRow         *chosen_row;
  GtkWidget            *chosen_icon;
  AdwEntryRow          *description_row;
  GtkSwitch            *primary_switch;
  AdwEntryRow          *onset_row;
  AdwEntryRow          *resolved_row;
  GtkWidget            *remove_group;
};

G_DEFINE_FINAL_TYPE (AlcoveDiagnosisDialog, alcove_diagnosis_dialog, ADW_TYPE_WINDOW)

const char *
alcove_diagnosis_dialog_get_code (AlcoveDiagnosisDialog *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS_DIALOG (self), NULL);
  return self->code;
}

const char *
alcove_diagnosis_dialog_get_error (AlcoveDiagnosisDialog *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS_DIALOG (self), NULL);
  return gtk_revealer_get_reveal_child (self->error_revealer)
         ? gtk_label_get_text (self->error_label) : NULL;
}

static void
show_error (AlcoveDiagnosisDialog *self,
            const char            *message)
{
  alcove_message_show_error (self->error_revealer, self->error_label, message);
}

/* ---- the code ---- */

static void
show_chosen (AlcoveDiagnosisDialog *self)
{
  const AlcoveDiagnosisCode *entry = alcove_diagnosis_catalog_lookup (self->code);
  gboolean chosen = *self->code != '\0';

  gtk_widget_set_visible (self->chosen_icon, chosen);
  gtk_widget_set_visible (GTK_WIDGET (self->description_row), chosen && entry == NULL);
  if (!chosen)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chosen_row),
                                     _("No code chosen yet"));
      adw_action_row_set_subtitle (self->chosen_row, _("Search above, then pick a code"));
      return;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chosen_row), self->code);
  adw_action_row_set_subtitle (self->chosen_row, entry != NULL
                               ? entry->long_text
                               : _("Not among the codes Alcove ships: give its words below"));
}

static void
choose (AlcoveDiagnosisDialog *self,
        const char            *code)
{
  g_autofree char *normal = alcove_diagnosis_code_normalize (code);

  g_free (self->code);
  self->code = g_strdup (normal ? normal : "");
  show_chosen (self);
  show_error (self, NULL);
}

static GtkWidget *
result_row_new (const char *code,
                const char *title,
                const char *subtitle,
                const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* the code names the row for tests; a code is not PHI */
  gtk_widget_set_name (row, code);
  g_object_set_data_full (G_OBJECT (row), "code", g_strdup (code), g_free);
  return row;
}

/* The codes the search finds, billable first; a code typed as ICD-10-CM writes it that
 * Alcove does not ship comes first, to be used as typed */
static void
search_changed_cb (AlcoveDiagnosisDialog *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *typed = alcove_diagnosis_code_normalize (query);
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (query));

  alcove_list_box_remove_rows (self->results_box);
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), *stripped != '\0');
  if (*stripped == '\0')
    return;
  if (typed != NULL && alcove_diagnosis_catalog_lookup (typed) == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Use %s"), typed);

      gtk_list_box_append (self->results_box,
                           result_row_new (typed, title,
                                           _("A valid ICD-10-CM code that is not among the mental "
                                             "health codes Alcove ships"), NULL));
    }
  found = alcove_diagnosis_catalog_search (query, MAX_RESULTS);
  for (guint i = 0; i < found->len; i++)
    {
      const AlcoveDiagnosisCode *entry = g_ptr_array_index (found, i);
      GtkWidget *row = result_row_new (entry->code, entry->code, entry->long_text,
                                       entry->billable ? NULL : _("Category"));

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), entry->billable);
      gtk_widget_set_sensitive (row, entry->billable);
      gtk_list_box_append (self->results_box, row);
    }
}

static void
result_activated_cb (AlcoveDiagnosisDialog *self,
                     GtkListBoxRow         *row)
{
  const char *code = g_object_get_data (G_OBJECT (row), "code");

  if (code != NULL)
    choose (self, code);
}

/* Enter takes the first code that can be chosen */
static void
search_activate_cb (AlcoveDiagnosisDialog *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->results_box, i)) != NULL; i++)
    if (gtk_list_box_row_get_activatable (row))
      {
        result_activated_cb (self, row);
        return;
      }
}

static void
choose_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  choose (ALCOVE_DIAGNOSIS_DIALOG (widget), g_variant_get_string (parameter, NULL));
}

/* ---- saving ---- */

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveDiagnosisDialog *self = ALCOVE_DIAGNOSIS_DIALOG (widget);
  g_autoptr(AlcoveDiagnosis) entry = alcove_diagnosis_copy (self->diagnosis);
  const char *onset = alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (self->onset_row));
  const char *resolved = alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (self->resolved_row));
  g_autoptr(GError) error = NULL;

  /* a code typed but not picked is taken as typed: the store says if it cannot be one */
  if (*self->code == '\0')
    alcove_diagnosis_set_code (entry, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  else
    alcove_diagnosis_set_code (entry, self->code);
  alcove_diagnosis_set_rank (entry, gtk_switch_get_active (self->primary_switch)
                                    ? ALCOVE_DIAGNOSIS_PRIMARY : ALCOVE_DIAGNOSIS_SECONDARY);
  alcove_diagnosis_set_onset (entry, onset);
  alcove_diagnosis_set_resolved (entry, resolved);
  alcove_diagnosis_set_description (entry, entry_text (self->description_row));
  if (!alcove_diagnosis_store_save (self->diagnoses, entry, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
remove_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    AlcoveDiagnosisDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  if (!alcove_diagnosis_store_remove (self->diagnoses, self->diagnosis, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
remove_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcoveDiagnosisDialog *self = ALCOVE_DIAGNOSIS_DIALOG (widget);

  if (!alcove_diagnosis_get_saved (self->diagnosis))
    return;
  alcove_message_confirm_dialog_new (widget, _("Remove This Diagnosis?"),
                                     _("Remove an entry made in error. A diagnosis that ended "
                                       "stays on the list: give the date it resolved instead."),
                                     "remove", _("_Remove"), ADW_RESPONSE_DESTRUCTIVE,
                                     G_CALLBACK (remove_response_cb), self);
}

/* ---- GObject ---- */

static void
alcove_diagnosis_dialog_dispose (GObject *object)
{
  AlcoveDiagnosisDialog *self = ALCOVE_DIAGNOSIS_DIALOG (object);

  g_clear_object (&self->diagnoses);
  g_clear_object (&self->diagnosis);
  g_clear_pointer (&self->code, g_free);

  G_OBJECT_CLASS (alcove_diagnosis_dialog_parent_class)->dispose (object);
}

static void
alcove_diagnosis_dialog_class_init (AlcoveDiagnosisDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (ALCOVE_TYPE_DATE_ROW);
  object_class->dispose = alcove_diagnosis_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-diagnosis-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, results_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, chosen_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, chosen_icon);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, primary_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, onset_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, resolved_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDiagnosisDialog, remove_group);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);

  gtk_widget_class_install_action (widget_class, "diagnosis.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "diagnosis.remove", NULL, remove_action_cb);
  gtk_widget_class_install_action (widget_class, "diagnosis.choose", "s", choose_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "diagnosis.save", NULL);
}

static void
alcove_diagnosis_dialog_init (AlcoveDiagnosisDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->code = g_strdup ("");
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), FALSE);
  alcove_list_box_set_placeholder_text (self->results_box,
                                        _("No code matches: check the code, or try other "
                                          "words"));
}

AlcoveDiagnosisDialog *
alcove_diagnosis_dialog_new (GtkWindow            *parent,
                             AlcoveDiagnosisStore *diagnoses,
                             AlcoveClientStore    *clients,
                             const char           *client_id,
                             AlcoveDiagnosis      *diagnosis)
{
  AlcoveDiagnosisDialog *self;
  AlcoveClient *client;

  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS_STORE (diagnoses), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_DIAGNOSIS_DIALOG, "transient-for", parent, NULL);
  self->diagnoses = g_object_ref (diagnoses);
  self->diagnosis = diagnosis ? alcove_diagnosis_copy (diagnosis) : alcove_diagnosis_new (client_id);
  client = alcove_client_store_lookup (clients, client_id);
  adw_window_title_set_title (self->window_title, diagnosis ? _("Change Diagnosis")
                                                            : _("Add Diagnosis"));
  adw_window_title_set_subtitle (self->window_title,
                                 client ? alcove_client_get_display_name (client) : "");
  gtk_window_set_title (GTK_WINDOW (self), diagnosis ? _("Change Diagnosis")
                                                     : _("Add Diagnosis"));
  if (diagnosis != NULL)
    {
      choose (self, alcove_diagnosis_get_code (diagnosis));
      gtk_switch_set_active (self->primary_switch,
                             alcove_diagnosis_get_rank (diagnosis) == ALCOVE_DIAGNOSIS_PRIMARY);
      alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (self->onset_row),
                                    alcove_diagnosis_get_onset (diagnosis));
      alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (self->resolved_row),
                                    alcove_diagnosis_get_resolved (diagnosis));
      gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                             alcove_diagnosis_get_description (diagnosis));
    }
  gtk_widget_set_visible (self->remove_group, diagnosis != NULL);
  show_chosen (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}
