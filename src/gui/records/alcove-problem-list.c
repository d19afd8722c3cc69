/* alcove-problem-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-problem-list"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-diagnosis-catalog.h"
#include "alcove-diagnosis-dialog.h"
#include "alcove-lists-and-messages.h"
#include "alcove-problem-list.h"
#include "alcove-treatment-text.h"

/* A client's problem list on their page: current diagnoses first (the primary one first),
 * then those resolved, each with its code, its words and its dates. Who may change them adds
 * with the button and changes one by activating its row; billing and supervisors read. The
 * list is read again whenever the store reports a change to this client's. */
struct _AlcoveProblemList
{
  AdwPreferencesGroup   parent_instance;

  AlcoveDiagnosisStore *diagnoses;
  AlcoveClientStore    *clients;
  char                 *client_id;
  guint                 n_items;

  GtkWidget            *add_button;
  GtkListBox           *list;
};

G_DEFINE_FINAL_TYPE (AlcoveProblemList, alcove_problem_list, ADW_TYPE_PREFERENCES_GROUP)

guint
alcove_problem_list_get_n_items (AlcoveProblemList *self)
{
  g_return_val_if_fail (ALCOVE_IS_PROBLEM_LIST (self), 0);
  return self->n_items;
}

static GtkWidget *
row_new (AlcoveProblemList *self,
         AlcoveDiagnosis   *diagnosis)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = alcove_diagnosis_dup_title (diagnosis);
  g_autofree char *status = alcove_diagnosis_dup_status_line (diagnosis);
  gboolean can_edit = alcove_diagnosis_store_can_edit (self->diagnoses);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), status);
  if (alcove_diagnosis_get_rank (diagnosis) == ALCOVE_DIAGNOSIS_PRIMARY &&
      !alcove_diagnosis_is_resolved (diagnosis))
    {
      GtkWidget *badge = gtk_label_new (_("Primary"));

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "note-status");
      gtk_widget_add_css_class (badge, "signed");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  if (alcove_diagnosis_is_resolved (diagnosis))
    gtk_widget_add_css_class (row, "dim-label");
  if (can_edit)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("document-edit-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), can_edit);
  /* the id names the row for tests; it is not PHI */
  gtk_widget_set_name (row, alcove_diagnosis_get_id (diagnosis));
  g_object_set_data_full (G_OBJECT (row), "diagnosis", g_object_ref (diagnosis), g_object_unref);
  return row;
}

static void
refill (AlcoveProblemList *self)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  alcove_list_box_remove_rows (self->list);
  self->n_items = 0;
  model = alcove_diagnosis_store_list_for_client (self->diagnoses, self->client_id, &error);
  if (model == NULL)
    {
      alcove_list_box_set_placeholder_text (self->list, error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcoveDiagnosis) diagnosis = g_list_model_get_item (model, i);

      gtk_list_box_append (self->list, row_new (self, diagnosis));
      self->n_items++;
    }
}

static void
diagnoses_changed_cb (AlcoveDiagnosisStore *store,
                      const char           *client_id,
                      AlcoveProblemList    *self)
{
  if (g_strcmp0 (client_id, self->client_id) == 0)
    refill (self);
}

static GtkWindow *
parent_window (AlcoveProblemList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
open_dialog (AlcoveProblemList *self,
             AlcoveDiagnosis   *diagnosis)
{
  AlcoveDiagnosisDialog *dialog = alcove_diagnosis_dialog_new (parent_window (self),
                                                               self->diagnoses, self->clients,
                                                               self->client_id, diagnosis);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (AlcoveProblemList *self,
                  GtkListBoxRow     *row)
{
  AlcoveDiagnosis *diagnosis = g_object_get_data (G_OBJECT (row), "diagnosis");

  if (diagnosis != NULL && alcove_diagnosis_store_can_edit (self->diagnoses))
    open_dialog (self, diagnosis);
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlcoveProblemList *self = ALCOVE_PROBLEM_LIST (widget);

  if (alcove_diagnosis_store_can_edit (self->diagnoses))
    open_dialog (self, NULL);
}

static void
alcove_problem_list_dispose (GObject *object)
{
  AlcoveProblemList *self = ALCOVE_PROBLEM_LIST (object);

  g_clear_object (&self->diagnoses);
  g_clear_object (&self->clients);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (alcove_problem_list_parent_class)->dispose (object);
}

static void
alcove_problem_list_class_init (AlcoveProblemListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_problem_list_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-problem-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveProblemList, add_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveProblemList, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "problems.add", NULL, add_action_cb);
}

static void
alcove_problem_list_init (AlcoveProblemList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  alcove_list_box_set_placeholder_text (self->list, _("No diagnoses recorded"));
}

AlcoveProblemList *
alcove_problem_list_new (AlcoveWorkspace *workspace,
                         const char      *client_id)
{
  AlcoveProblemList *self;
  g_autofree char *description = NULL;
  gboolean can_edit;

  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_PROBLEM_LIST, NULL);
  self->diagnoses = g_object_ref (alcove_workspace_get_diagnoses (workspace));
  self->clients = g_object_ref (alcove_workspace_get_clients (workspace));
  self->client_id = g_strdup (client_id);
  can_edit = alcove_diagnosis_store_can_edit (self->diagnoses);
  gtk_widget_set_visible (self->add_button, can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problems.add", can_edit);
  /* Translators: under "Diagnoses", e.g. "ICD-10-CM 2026 codes · the primary one first" */
  description = g_strdup_printf (_("%s codes · the primary one first"),
                                 alcove_diagnosis_catalog_get_release ());
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  g_signal_connect_object (self->diagnoses, "diagnoses-changed",
                           G_CALLBACK (diagnoses_changed_cb), self, 0);
  refill (self);
  return self;
}
