/* alcove-privacy-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-privacy-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "alcove-date.h"
#include "alcove-attestations.h"
#include "alcove-checklist-facts.h"
#include "alcove-checklist-printer.h"
#include "alcove-checklist.h"
#include "alcove-custodian.h"
#include "alcove-emergency-events-group.h"
#include "alcove-lists-and-messages.h"
#include "alcove-jurisdiction.h"
#include "alcove-privacy-dashboard.h"
#include "alcove-registers.h"

/* The rules are core's (alcove-checklist.h); this widget gathers the facts, adds the
 * auto-lock minutes from GSettings, passes today's date and shows the result. Every item's
 * button activates privacy.fix with the item's action id; privacy.fix opens the registers,
 * the preferences, or another section of the main page through main.show-section. An item
 * whose list is empty (no AI tools) also has "Attest…" (privacy.attest with the item's id)
 * for a person who may attest: a confirmation names the statement, who and today, and core
 * signs and keeps it. */

struct _AlcovePrivacyDashboard
{
  AdwBin      parent_instance;

  AlcoveVault *vault;
  GSettings   *settings;
  GPtrArray   *items;
  GDate        today;

  GtkLabel    *score_label;
  GtkLevelBar *score_bar;
  GtkLabel    *checked_label;
  GtkLabel    *custodian_label;
  GtkLabel    *jurisdiction_label;
  GtkListBox  *next_list;
  GtkListBox  *items_list;
  AlcoveEmergencyEventsGroup *emergency_group;
};

G_DEFINE_FINAL_TYPE (AlcovePrivacyDashboard, alcove_privacy_dashboard, ADW_TYPE_BIN)

static const char *
status_icon (AlcoveChecklistStatus status)
{
  switch (status)
    {
    case ALCOVE_CHECKLIST_CURRENT:
      return "emblem-ok-symbolic";
    case ALCOVE_CHECKLIST_DUE_SOON:
      return "alarm-symbolic";
    case ALCOVE_CHECKLIST_OVERDUE:
      return "dialog-error-symbolic";
    case ALCOVE_CHECKLIST_NOT_YET_REVIEWED:
      return "dialog-question-symbolic";
    case ALCOVE_CHECKLIST_NEEDS_ATTENTION:
    default:
      return "dialog-warning-symbolic";
    }
}

/* An icon and a word, so the status never rests on colour alone */
static GtkWidget *
status_pill (AlcoveChecklistStatus status)
{
  GtkWidget *pill = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (status_icon (status));
  GtkWidget *label = gtk_label_new (alcove_checklist_status_get_title (status));

  gtk_widget_add_css_class (pill, "checklist-status");
  gtk_widget_add_css_class (pill, alcove_checklist_status_to_string (status));
  gtk_widget_set_halign (pill, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (pill), icon);
  gtk_box_append (GTK_BOX (pill), label);
  return pill;
}

static GtkWidget *
fix_button (const AlcoveChecklistItem *item)
{
  GtkWidget *button = gtk_button_new_with_label (item->definition->action_label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "privacy.fix");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", item->definition->action);
  /* the label alone ("Open Vendors") is ambiguous between two rows */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  item->definition->title, -1);
  return button;
}

/* Offered while the item's list is empty and it is not current: never attested, or its
 * attestation is to be made again */
static gboolean
offers_attest (AlcovePrivacyDashboard    *self,
               const AlcoveChecklistItem *item)
{
  return item->attestable && item->status != ALCOVE_CHECKLIST_CURRENT &&
         alcove_attestations_can_attest (self->vault);
}

static GtkWidget *
attest_button (const AlcoveChecklistItem *item,
               const char                *name)
{
  GtkWidget *button = gtk_button_new_with_label (_("Attest…"));
  /* Translators: the accessible description of a checklist item's Attest button: "Attest:
   * We use no AI tools" */
  g_autofree char *description = g_strdup_printf (_("Attest: %s"), item->definition->attestation);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "privacy.attest");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", item->definition->id_string);
  gtk_widget_set_tooltip_text (button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  return button;
}

static GtkWidget *
item_row (AlcovePrivacyDashboard    *self,
          const AlcoveChecklistItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *interval = alcove_checklist_describe_interval (item->interval_days);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s\n%s", item->definition->how, interval,
                                               item->reason);

  gtk_widget_set_name (row, item->definition->id_string);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->definition->title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, item->definition->explanation);

  gtk_widget_set_valign (side, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (side), status_pill (item->status));
  if (g_date_valid (&item->due))
    {
      g_autofree char *day = alcove_date_format_gdate (&item->due);
      /* Translators: a day, as Alcove shows days ("7 March 2024") */
      g_autofree char *text = g_strdup_printf (_("Due %s"), day);
      GtkWidget *due = gtk_label_new (text);

      gtk_widget_add_css_class (due, "caption");
      gtk_widget_add_css_class (due, "dim-label");
      gtk_widget_set_halign (due, GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (side), due);
    }
  /* the buttons under the status rather than beside it: a row as wide as all three does
   * not fit a narrow window */
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (side), buttons);
  if (offers_attest (self, item))
    {
      g_autofree char *name = g_strconcat ("attest-", item->definition->id_string, NULL);

      gtk_box_append (GTK_BOX (buttons), attest_button (item, name));
    }
  gtk_box_append (GTK_BOX (buttons), fix_button (item));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), side);
  return row;
}

static GtkWidget *
next_row (AlcovePrivacyDashboard    *self,
          const AlcoveChecklistItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (status_icon (item->status));
  g_autofree char *name = g_strconcat ("next-", item->definition->id_string, NULL);
  g_autofree char *subtitle = g_strdup_printf ("%s — %s",
                                               alcove_checklist_status_get_title (item->status),
                                               item->reason);

  gtk_widget_set_name (row, name);
  gtk_widget_add_css_class (icon, "checklist-status-icon");
  gtk_widget_add_css_class (icon, alcove_checklist_status_to_string (item->status));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->definition->title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (offers_attest (self, item))
    {
      g_autofree char *button_name = g_strconcat ("next-attest-", item->definition->id_string,
                                                  NULL);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), attest_button (item, button_name));
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), fix_button (item));
  return row;
}

static void
show_error (AlcovePrivacyDashboard *self,
            const char             *message)
{
  gtk_label_set_text (self->score_label, _("The checklist could not be read"));
  gtk_label_set_text (self->checked_label, message);
}

/* Not a checklist item: a fact of the practice beside the score */
static void
show_custodian (AlcovePrivacyDashboard *self)
{
  AlcoveCustodianState state;
  g_autoptr(AlcoveCustodian) custodian = alcove_custodian_load (self->vault, &state);
  g_autofree char *text = NULL;

  if (state == ALCOVE_CUSTODIAN_NAMED)
    {
      g_autofree char *day = alcove_date_format (custodian->named_on);

      /* Translators: a day, as Alcove shows days ("7 March 2024") */
      text = g_strdup_printf (_("Records custodian: named on %s"), day);
    }
  else if (state == ALCOVE_CUSTODIAN_UNTRUSTED)
    text = g_strdup (_("Records custodian: not named by an owner (changed outside Alcove)"));
  else
    text = g_strdup (_("Records custodian: not named"));
  gtk_label_set_text (self->custodian_label, text);
}

/* Which law's wording the incidents, consents and disclosures use */
static void
show_jurisdiction (AlcovePrivacyDashboard *self)
{
  AlcoveJurisdiction jurisdiction = alcove_practice_get_jurisdiction (self->vault);
  /* Translators: %s is a country and its privacy law, "United States (HIPAA)" */
  g_autofree char *text = g_strdup_printf (_("Privacy law: %s"),
                                           alcove_jurisdiction_get_title (jurisdiction));

  gtk_label_set_text (self->jurisdiction_label, text);
}

static void
fill (AlcovePrivacyDashboard *self)
{
  g_autoptr(GPtrArray) actions = alcove_checklist_next_actions (self->items);
  guint current = alcove_checklist_count_current (self->items);
  g_autofree char *score = g_strdup_printf (_("%u of %u current"), current, self->items->len);
  g_autofree char *day = alcove_date_format_gdate (&self->today);
  g_autofree char *checked = NULL;

  gtk_label_set_text (self->score_label, score);
  gtk_level_bar_set_max_value (self->score_bar, self->items->len);
  gtk_level_bar_set_value (self->score_bar, current);
  checked = alcove_registers_can_edit (self->vault)
            ? g_strdup_printf (_("Judged on %s from the vault and your registers."), day)
            : g_strdup_printf (_("Judged on %s. Only the practice owner can change the "
                                 "registers."), day);
  gtk_label_set_text (self->checked_label, checked);
  show_custodian (self);
  show_jurisdiction (self);

  alcove_list_box_remove_rows (self->next_list);
  for (guint i = 0; i < actions->len; i++)
    gtk_list_box_append (self->next_list, next_row (self, g_ptr_array_index (actions, i)));
  if (actions->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nothing to do: every item is current"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
      gtk_list_box_append (self->next_list, row);
    }

  alcove_list_box_remove_rows (self->items_list);
  for (guint i = 0; i < self->items->len; i++)
    gtk_list_box_append (self->items_list, item_row (self, g_ptr_array_index (self->items, i)));
}

void
alcove_privacy_dashboard_reload (AlcovePrivacyDashboard *self)
{
  AlcoveChecklistFacts facts;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ALCOVE_IS_PRIVACY_DASHBOARD (self));

  if (alcove_vault_get_locked (self->vault))
    return;
  alcove_emergency_events_group_reload (self->emergency_group);
  g_date_clear (&self->today, 1);
  g_date_set_time_t (&self->today, time (NULL));
  alcove_checklist_facts_init (&facts);
  if (!alcove_checklist_facts_gather (self->vault, &self->today, &facts, &error))
    {
      alcove_checklist_facts_clear (&facts);
      show_error (self, error->message);
      return;
    }
  facts.auto_lock_minutes = g_settings_get_int (self->settings, "auto-lock-minutes");
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = alcove_checklist_evaluate (&facts, &self->today);
  alcove_checklist_facts_clear (&facts);
  fill (self);
}

GPtrArray *
alcove_privacy_dashboard_get_items (AlcovePrivacyDashboard *self)
{
  g_return_val_if_fail (ALCOVE_IS_PRIVACY_DASHBOARD (self), NULL);
  return self->items;
}

/* ---- actions ---- */

AlcoveRegisterEditor *
alcove_privacy_dashboard_open_registers (AlcovePrivacyDashboard *self,
                                         const char             *page)
{
  AlcoveRegisterEditor *editor;

  g_return_val_if_fail (ALCOVE_IS_PRIVACY_DASHBOARD (self), NULL);

  editor = alcove_register_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       self->vault);
  if (page != NULL)
    alcove_register_editor_show_page (editor, page);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

gboolean
alcove_privacy_dashboard_print (AlcovePrivacyDashboard  *self,
                                const char              *pdf_path,
                                GError                 **error)
{
  g_return_val_if_fail (ALCOVE_IS_PRIVACY_DASHBOARD (self), FALSE);

  alcove_privacy_dashboard_reload (self);
  if (self->items == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The checklist could not be read, so there is nothing to print"));
      return FALSE;
    }
  return alcove_checklist_printer_run (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       alcove_vault_get_practice_name (self->vault), self->items,
                                       &self->today, pdf_path, error);
}

/* The sections other parts of Alcove add to the main page, by the item's action id */
static const char *
section_for (const char *action)
{
  if (g_str_equal (action, "consents"))
    return "consents";
  if (g_str_equal (action, "audit-review"))
    return "audit";
  return NULL;
}

static void
fix_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlcovePrivacyDashboard *self = ALCOVE_PRIVACY_DASHBOARD (widget);
  const char *action = g_variant_get_string (parameter, NULL);
  const char *section = section_for (action);

  if (section != NULL)
    gtk_widget_activate_action (widget, "main.show-section", "s", section);
  /* the retention policy is a dialog of the main page (main.retention) where it exists */
  else if (g_str_equal (action, "retention"))
    {
      if (!gtk_widget_activate_action (widget, "main.retention", NULL))
        gtk_widget_activate_action (widget, "main.show-section", "s", "retention");
    }
  else if (g_str_equal (action, "preferences"))
    gtk_widget_activate_action (widget, "app.preferences", NULL);
  else if (g_str_equal (action, "backups"))
    gtk_widget_activate_action (widget, "app.backups", NULL);
  else
    alcove_privacy_dashboard_open_registers (self, action);
}

static void
attest_response_cb (AdwMessageDialog       *dialog,
                    const char             *response,
                    AlcovePrivacyDashboard *self)
{
  const char *id_string = g_object_get_data (G_OBJECT (dialog), "item");
  g_autoptr(GError) error = NULL;
  AlcoveChecklistItemId id;

  if (!g_str_equal (response, "attest") || !alcove_checklist_item_id_from_string (id_string, &id))
    return;
  /* the dashboard reloads on the vault's changed::registers */
  if (!alcove_attestations_attest (self->vault, id, &error))
    show_error (self, error->message);
}

/* The confirmation names what is stated, who states it and the day */
static void
attest_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcovePrivacyDashboard *self = ALCOVE_PRIVACY_DASHBOARD (widget);
  const char *id_string = g_variant_get_string (parameter, NULL);
  const AlcoveChecklistDefinition *definition;
  AlcoveUser *user;
  const char *name;
  AlcoveChecklistItemId id;
  g_autofree char *day = NULL;
  g_autofree char *until_text = NULL;
  g_autofree char *body = NULL;
  GDate until;
  AdwMessageDialog *dialog;

  if (!alcove_checklist_item_id_from_string (id_string, &id) ||
      !alcove_attestations_can_attest (self->vault))
    return;
  definition = alcove_checklist_get_definition (id);
  if (definition->attestation == NULL || !g_date_valid (&self->today))
    return;
  user = alcove_vault_get_current_user (self->vault);
  name = alcove_user_get_full_name (user);
  if (name == NULL || *name == '\0')
    name = alcove_user_get_username (user);
  day = alcove_date_format_gdate (&self->today);
  until = self->today;
  g_date_add_days (&until, definition->attestation_days);
  until_text = alcove_date_format_gdate (&until);
  /* Translators: the statement, then a person's name, today and the day the statement is
   * asked again, both as Alcove shows days ("7 March 2024") */
  body = g_strdup_printf (_("“%s”\n\nAttested by %s on %s, signed with your key and kept in "
                            "the vault. It counts while it stays true, until %s; Alcove then "
                            "asks again."),
                          definition->attestation, name, day,
                          until_text);
  dialog = alcove_message_confirm_dialog_new (widget, _("Attest This Statement?"), body, "attest",
                                              _("_Attest"), ADW_RESPONSE_SUGGESTED,
                                              G_CALLBACK (attest_response_cb), self);
  g_object_set_data_full (G_OBJECT (dialog), "item", g_strdup (definition->id_string), g_free);
}

static void
registers_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  alcove_privacy_dashboard_open_registers (ALCOVE_PRIVACY_DASHBOARD (widget), NULL);
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlcovePrivacyDashboard *self = ALCOVE_PRIVACY_DASHBOARD (widget);
  g_autoptr(GError) error = NULL;

  if (!alcove_privacy_dashboard_print (self, NULL, &error))
    show_error (self, error->message);
}

/* ---- the class ---- */

static void
alcove_privacy_dashboard_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (alcove_privacy_dashboard_parent_class)->map (widget);
  /* a day may have passed, or a register changed elsewhere */
  alcove_privacy_dashboard_reload (ALCOVE_PRIVACY_DASHBOARD (widget));
}

static void
alcove_privacy_dashboard_dispose (GObject *object)
{
  AlcovePrivacyDashboard *self = ALCOVE_PRIVACY_DASHBOARD (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alcove_privacy_dashboard_parent_class)->dispose (object);
}

static void
alcove_privacy_dashboard_class_init (AlcovePrivacyDashboardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_privacy_dashboard_dispose;
  widget_class->map = alcove_privacy_dashboard_map;

  g_type_ensure (ALCOVE_TYPE_EMERGENCY_EVENTS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-privacy-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcovePrivacyDashboard, score_label);
  gtk_widget_class_bind_template_child (widget_class, AlcovePrivacyDashboard, score_bar);
  gtk_widget_class_bind_template_child (widget_class, AlcovePrivacyDashboard, checked_label);
  gtk_widget_class_bind_template_child (widget_class, AlcovePrivacyDashboard, custodian_label);
  gtk_widget_class_bind_template_child (widget_class, AlcovePrivacyDashboard, jurisdiction_label);
  gtk_widget_class_bind_template_child (widget_class, AlcovePrivacyDashboard, next_list);
  gtk_widget_class_bind_template_child (widget_class, AlcovePrivacyDashboard, items_list);
  gtk_widget_class_bind_template_child (widget_class, AlcovePrivacyDashboard, emergency_group);

  gtk_widget_class_install_action (widget_class, "privacy.fix", "s", fix_action_cb);
  gtk_widget_class_install_action (widget_class, "privacy.attest", "s", attest_action_cb);
  gtk_widget_class_install_action (widget_class, "privacy.registers", NULL, registers_action_cb);
  gtk_widget_class_install_action (widget_class, "privacy.print", NULL, print_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "privacy.print", NULL);
}

static void
alcove_privacy_dashboard_init (AlcovePrivacyDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_date_clear (&self->today, 1);
}

AlcovePrivacyDashboard *
alcove_privacy_dashboard_new (AlcoveVault       *vault,
                              AlcoveClientStore *clients,
                              GSettings         *settings)
{
  AlcovePrivacyDashboard *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ALCOVE_TYPE_PRIVACY_DASHBOARD, NULL);
  self->vault = g_object_ref (vault);
  self->settings = g_object_ref (settings);
  alcove_emergency_events_group_set_session (self->emergency_group, vault, clients);
  g_signal_connect_object (settings, "changed::auto-lock-minutes",
                           G_CALLBACK (alcove_privacy_dashboard_reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vault, "changed::registers",
                           G_CALLBACK (alcove_privacy_dashboard_reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vault, "changed::settings",
                           G_CALLBACK (alcove_privacy_dashboard_reload), self, G_CONNECT_SWAPPED);
  /* the backups item: when the last good one was made */
  g_signal_connect_object (vault, "changed::backup",
                           G_CALLBACK (alcove_privacy_dashboard_reload), self, G_CONNECT_SWAPPED);
  alcove_privacy_dashboard_reload (self);
  return self;
}
