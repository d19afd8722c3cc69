/* alcove-measure-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-measure-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-date-row.h"
#include "alcove-lists-and-messages.h"
#include "alcove-measure-dialog.h"

/* The clinician reads each item to the client and checks the answer given; the total and
 * its band follow as they go. Item texts are shown as published, never translated. A risk
 * alert (PHQ-9 item 9 above 0) shows its prompt, which must be acknowledged before saving;
 * the store keeps when it was. The administration belongs to a session: today's when one
 * is recorded, else a new one on the date given; any earlier session may be chosen instead,
 * which takes its date and keeps every answer already checked. */
struct _AlcoveMeasureDialog
{
  AdwWindow           parent_instance;

  AlcoveMeasureStore *store;
  char               *client_id;
  AlcoveMeasure      *measure;
  GHashTable         *answers;   /* item id → score + 1 */
  GHashTable         *buttons;   /* "item id/score" → GtkCheckButton (unowned) */

  AdwWindowTitle     *title;
  AdwComboRow        *measure_row;
  AlcoveDateRow      *date_row;
  AdwComboRow        *session_row;
  GPtrArray          *session_ids;  /* per row of session_row; "" for a new session */
  GPtrArray          *session_dates;
  GtkBox             *items_box;
  GtkLabel           *total_label;
  GtkLabel           *licence_label;
  GtkWidget          *risk_box;
  GtkLabel           *risk_label;
  GtkCheckButton     *risk_check;
  GtkLabel           *error_label;
  GtkWidget          *save_button;
};

G_DEFINE_FINAL_TYPE (AlcoveMeasureDialog, alcove_measure_dialog, ADW_TYPE_WINDOW)

static void
update_score (AlcoveMeasureDialog *self)
{
  g_autoptr(AlcoveMeasureResult) result = NULL;
  g_autofree char *text = NULL;
  gboolean alert = FALSE;

  if (self->measure == NULL)
    return;
  result = alcove_measure_score (self->measure, self->answers, NULL);
  if (result == NULL)
    return;
  if (result->complete)
    /* Translators: the live total of a measure and its band, "Total 12: Moderate depression" */
    text = g_strdup_printf (_("Total %d: %s"), result->total, result->band_label);
  else
    /* Translators: the total so far, while items are still unanswered */
    text = g_strdup_printf (_("Total so far %d (not every item answered)"), result->total);
  gtk_label_set_text (self->total_label, text);
  adw_window_title_set_subtitle (self->title, text);

  alert = result->alert_messages->len > 0;
  if (alert)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; i < result->alert_messages->len; i++)
        {
          if (i > 0)
            g_string_append_c (joined, '\n');
          g_string_append (joined, g_ptr_array_index (result->alert_messages, i));
        }
      gtk_label_set_text (self->risk_label, joined->str);
    }
  else
    gtk_check_button_set_active (self->risk_check, FALSE);
  gtk_widget_set_visible (self->risk_box, alert);
  gtk_widget_set_sensitive (self->save_button,
                            result->complete &&
                            (!alert || gtk_check_button_get_active (self->risk_check)));
}

static void
option_toggled_cb (GtkCheckButton      *button,
                   AlcoveMeasureDialog *self)
{
  const char *item_id = g_object_get_data (G_OBJECT (button), "item-id");
  int score = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "score"));

  if (!gtk_check_button_get_active (button))
    return;
  g_hash_table_insert (self->answers, g_strdup (item_id), GINT_TO_POINTER (score + 1));
  update_score (self);
}

static GtkWidget *
item_widget (AlcoveMeasureDialog     *self,
             const AlcoveMeasureItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *options;
  GtkWidget *label;
  GtkCheckButton *first = NULL;
  /* an unnumbered item (PHQ-9's difficulty question) shows as published, without a number */
  g_autofree char *heading = item->number > 0 ? g_strdup_printf ("%d. %s", item->number, item->text)
                                              : g_strdup (item->text);

  label = gtk_label_new (heading);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  /* a radio group named by the item's text, so a screen reader reads the question with
   * each answer */
  options = g_object_new (GTK_TYPE_FLOW_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO_GROUP,
                          "selection-mode", GTK_SELECTION_NONE, "column-spacing", 12,
                          "row-spacing", 0, "max-children-per-line", 6, "homogeneous", FALSE,
                          NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (options), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  item->text, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (options), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  for (guint i = 0; i < item->options->len; i++)
    {
      const AlcoveMeasureOption *option = &g_array_index (item->options, AlcoveMeasureOption, i);
      g_autofree char *text = g_strdup_printf ("%s (%d)", option->label, option->score);
      GtkWidget *button = gtk_check_button_new_with_label (text);
      GtkWidget *child;

      if (first == NULL)
        first = GTK_CHECK_BUTTON (button);
      else
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), first);
      g_object_set_data_full (G_OBJECT (button), "item-id", g_strdup (item->id), g_free);
      g_object_set_data (G_OBJECT (button), "score", GINT_TO_POINTER (option->score));
      g_signal_connect (button, "toggled", G_CALLBACK (option_toggled_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (options), button);
      child = gtk_widget_get_parent (button);
      gtk_widget_set_focusable (child, FALSE);
      g_hash_table_insert (self->buttons, g_strdup_printf ("%s/%d", item->id, option->score),
                           button);
    }
  gtk_box_append (GTK_BOX (box), options);
  return box;
}

void
alcove_measure_dialog_set_measure (AlcoveMeasureDialog *self,
                                   const char          *measure_id)
{
  AlcoveMeasure *measure;
  GtkWidget *child;
  GListModel *all = alcove_measure_list_all ();

  g_return_if_fail (ALCOVE_IS_MEASURE_DIALOG (self));

  measure = alcove_measure_lookup (measure_id);
  g_return_if_fail (measure != NULL);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveMeasure) one = g_list_model_get_item (all, i);

      if (one == measure && adw_combo_row_get_selected (self->measure_row) != i)
        {
          adw_combo_row_set_selected (self->measure_row, i);
          return;  /* notify::selected comes back here */
        }
    }

  g_set_object (&self->measure, measure);
  g_hash_table_remove_all (self->answers);
  g_hash_table_remove_all (self->buttons);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_box))) != NULL)
    gtk_box_remove (self->items_box, child);

  if (*alcove_measure_get_instructions (measure) != '\0')
    {
      GtkWidget *label = gtk_label_new (alcove_measure_get_instructions (measure));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (self->items_box, label);
    }
  for (guint i = 0; i < alcove_measure_get_n_items (measure); i++)
    gtk_box_append (self->items_box, item_widget (self, alcove_measure_get_item (measure, i)));
  gtk_label_set_text (self->licence_label, alcove_measure_get_licence (measure));
  adw_window_title_set_title (self->title, alcove_measure_get_name (measure));
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_score (self);
}

void
alcove_measure_dialog_answer (AlcoveMeasureDialog *self,
                              const char          *item_id,
                              int                  score)
{
  g_autofree char *key = g_strdup_printf ("%s/%d", item_id, score);
  GtkCheckButton *button;

  g_return_if_fail (ALCOVE_IS_MEASURE_DIALOG (self));
  button = g_hash_table_lookup (self->buttons, key);
  g_return_if_fail (button != NULL);
  gtk_check_button_set_active (button, TRUE);
}

static void
measure_selected_cb (AlcoveMeasureDialog *self)
{
  GObject *item = adw_combo_row_get_selected_item (self->measure_row);

  if (item != NULL && ALCOVE_MEASURE (item) != self->measure)
    alcove_measure_dialog_set_measure (self, alcove_measure_get_id (ALCOVE_MEASURE (item)));
}

/* ---- the session ---- */

static void
session_selected_cb (AlcoveMeasureDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->session_row);
  const char *date;

  if (self->session_ids == NULL || selected >= self->session_ids->len)
    return;
  date = g_ptr_array_index (self->session_dates, selected);
  /* a recorded session has its date; a new one takes the date typed */
  if (*date != '\0')
    alcove_date_row_set_iso_date (self->date_row, date);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), *date == '\0');
}

static void
fill_sessions (AlcoveMeasureDialog *self)
{
  AlcoveClientStore *clients = alcove_measure_store_get_clients (self->store);
  g_autoptr(GListModel) sessions = alcove_client_store_list_sessions (clients, self->client_id, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *today = alcove_date_today_iso ();
  guint chosen = 0;

  g_ptr_array_set_size (self->session_ids, 0);
  g_ptr_array_set_size (self->session_dates, 0);
  gtk_string_list_append (names, _("A new session on this date"));
  g_ptr_array_add (self->session_ids, g_strdup (""));
  g_ptr_array_add (self->session_dates, g_strdup (""));
  for (guint i = 0; sessions != NULL && i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(AlcoveSession) session = g_list_model_get_item (sessions, i);
      AlcoveSessionStatus status = alcove_session_get_status (session);
      const char *date = alcove_session_get_field (session, ALCOVE_SESSION_DATE);
      g_autofree char *title = NULL;

      /* a measure is given in a session that took place, or is taking place */
      if (status == ALCOVE_SESSION_CANCELLED || status == ALCOVE_SESSION_NO_SHOW)
        continue;
      title = alcove_session_dup_title (session);
      gtk_string_list_append (names, title);
      g_ptr_array_add (self->session_ids, g_strdup (alcove_session_get_id (session)));
      g_ptr_array_add (self->session_dates, g_strdup (date));
      if (chosen == 0 && g_strcmp0 (date, today) == 0)
        chosen = self->session_ids->len - 1;
    }
  adw_combo_row_set_model (self->session_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->session_row, chosen);
  session_selected_cb (self);
}

const char *
alcove_measure_dialog_get_session (AlcoveMeasureDialog *self)
{
  guint selected;

  g_return_val_if_fail (ALCOVE_IS_MEASURE_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->session_row);
  if (selected >= self->session_ids->len)
    return NULL;
  return g_ptr_array_index (self->session_ids, selected);
}

gboolean
alcove_measure_dialog_set_session (AlcoveMeasureDialog *self,
                                   const char          *session_id)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE_DIALOG (self), FALSE);

  for (guint i = 0; i < self->session_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->session_ids, i), session_id ? session_id : "") == 0)
      {
        adw_combo_row_set_selected (self->session_row, i);
        return TRUE;
      }
  return FALSE;
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveMeasureDialog *self = ALCOVE_MEASURE_DIALOG (widget);
  g_autoptr(AlcoveMeasureAdministration) given = NULL;
  g_autoptr(GError) error = NULL;

  if (self->measure == NULL || !gtk_widget_get_sensitive (self->save_button))
    return;
  given = alcove_measure_store_administer_in_session (self->store, self->client_id,
                                                      alcove_measure_get_id (self->measure),
                                                      alcove_date_row_get_iso_date (self->date_row),
                                                      alcove_measure_dialog_get_session (self),
                                                      self->answers,
                                                      gtk_check_button_get_active (self->risk_check),
                                                      &error);
  if (given == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
alcove_measure_dialog_dispose (GObject *object)
{
  AlcoveMeasureDialog *self = ALCOVE_MEASURE_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->measure);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->buttons, g_hash_table_unref);
  g_clear_pointer (&self->session_ids, g_ptr_array_unref);
  g_clear_pointer (&self->session_dates, g_ptr_array_unref);

  G_OBJECT_CLASS (alcove_measure_dialog_parent_class)->dispose (object);
}

static void
alcove_measure_dialog_class_init (AlcoveMeasureDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_measure_dialog_dispose;
  gtk_widget_class_install_action (widget_class, "measure.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "measure.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "measure.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "measure.save", NULL);
}

static char *
measure_name_cb (AlcoveMeasure *measure)
{
  return g_strdup (alcove_measure_get_name (measure));
}

static void
alcove_measure_dialog_init (AlcoveMeasureDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autoptr(GtkExpression) expression = NULL;
  g_autofree char *today = alcove_date_today_iso ();

  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_window_set_title (GTK_WINDOW (self), _("Administer Measure"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 700);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Administer Measure"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "measure.cancel");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_set_name (self->save_button, "save");
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "measure.save");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (toolbar), header);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  self->measure_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->measure_row), _("_Measure"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->measure_row), TRUE);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (measure_name_cb), NULL, NULL);
  adw_combo_row_set_expression (self->measure_row, expression);
  adw_combo_row_set_model (self->measure_row, alcove_measure_list_all ());
  g_signal_connect_swapped (self->measure_row, "notify::selected",
                            G_CALLBACK (measure_selected_cb), self);
  self->date_row = alcove_date_row_new (_("_Date"));
  alcove_date_row_set_iso_date (self->date_row, today);
  self->session_ids = g_ptr_array_new_with_free_func (g_free);
  self->session_dates = g_ptr_array_new_with_free_func (g_free);
  self->session_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->session_row), _("S_ession"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->session_row), TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->session_row), "session");
  g_signal_connect_swapped (self->session_row, "notify::selected",
                            G_CALLBACK (session_selected_cb), self);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->measure_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->session_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->date_row));
  gtk_box_append (GTK_BOX (content), list);

  self->items_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->items_box));

  self->risk_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->risk_box, "card");
  gtk_widget_add_css_class (self->risk_box, "measure-risk");
  self->risk_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->risk_label, TRUE);
  gtk_label_set_xalign (self->risk_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->risk_label), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->risk_label), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->risk_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->risk_label), 12);
  self->risk_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
                       _("I have _reviewed this risk with the client")));
  gtk_widget_set_name (GTK_WIDGET (self->risk_check), "risk-acknowledge");
  gtk_widget_set_margin_start (GTK_WIDGET (self->risk_check), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->risk_check), 12);
  g_signal_connect_swapped (self->risk_check, "toggled", G_CALLBACK (update_score), self);
  gtk_box_append (GTK_BOX (self->risk_box), GTK_WIDGET (self->risk_label));
  gtk_box_append (GTK_BOX (self->risk_box), GTK_WIDGET (self->risk_check));
  gtk_widget_set_visible (self->risk_box, FALSE);
  gtk_box_append (GTK_BOX (content), self->risk_box);

  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (toolbar), scrolled);

  /* the total, any error, and the licence stay in view under the items */
  gtk_widget_set_margin_top (footer, 6);
  gtk_widget_set_margin_bottom (footer, 6);
  gtk_widget_set_margin_start (footer, 12);
  gtk_widget_set_margin_end (footer, 12);
  self->total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->total_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "title-4");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->total_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Total"), -1);
  self->error_label = alcove_form_error_label_new (NULL);
  self->licence_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->licence_label, TRUE);
  gtk_label_set_xalign (self->licence_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->licence_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->licence_label), "dim-label");
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->total_label));
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->licence_label));
  gtk_box_append (GTK_BOX (toolbar), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (toolbar), footer);

  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

AlcoveMeasureDialog *
alcove_measure_dialog_new (GtkWindow          *parent,
                           AlcoveMeasureStore *store,
                           const char         *client_id)
{
  AlcoveMeasureDialog *self;

  g_return_val_if_fail (ALCOVE_IS_MEASURE_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_MEASURE_DIALOG, "modal", TRUE, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  self->store = g_object_ref (store);
  self->client_id = g_strdup (client_id);
  fill_sessions (self);
  alcove_measure_dialog_set_measure (self, "phq9");
  if (self->measure == NULL)
    measure_selected_cb (self);
  return self;
}
