/* alcove-disclosure-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-disclosure-report"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-disclosure-report.h"
#include "alcove-disclosure-rules.h"
#include "alcove-disclosure-store.h"
#include "alcove-lists-and-messages.h"
#include "alcove-note-printer.h"
#include "alcove-print-markup.h"

/* The Disclosures tab of a client: the accounting of disclosures a client may ask for
 * (45 CFR 164.528: the disclosures it requires, the last six years, oldest first) and,
 * beside it, the full log with every basis. Both print. */
struct _AlcoveDisclosureReport
{
  AdwBin               parent_instance;

  AlcoveClientStore   *clients;
  AlcoveDisclosureStore *disclosures;
  char                *client_id;

  AdwPreferencesGroup *accounting_group;
  GtkListBox          *accounting_box;
  GtkListBox          *log_box;
};

G_DEFINE_FINAL_TYPE (AlcoveDisclosureReport, alcove_disclosure_report, ADW_TYPE_BIN)

static char *
dup_user_name (AlcoveVault *vault,
               const char  *uuid)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (vault);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      if (g_strcmp0 (alcove_user_get_uuid (user), uuid) == 0)
        return g_strdup (*alcove_user_get_full_name (user) ? alcove_user_get_full_name (user)
                                                           : alcove_user_get_username (user));
    }
  return g_strdup (_("Unknown user"));
}

static const char *
basis_title (AlcoveDisclosure *disclosure)
{
  const AlcoveDisclosureBasis *basis =
    alcove_disclosure_basis_lookup (alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_BASIS));

  return basis ? basis->title : alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_BASIS);
}

static GtkWidget *
tag_new (const char *text,
         const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "note-status");
  gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
row_new (AlcoveDisclosureReport *self,
         AlcoveDisclosure       *disclosure,
         gboolean                full_log)
{
  GtkWidget *row = adw_action_row_new ();
  const char *address = alcove_disclosure_get_field (disclosure,
                                                     ALCOVE_DISCLOSURE_RECIPIENT_ADDRESS);
  g_autofree char *statement = alcove_disclosure_dup_statement (disclosure);
  g_autofree char *by = dup_user_name (alcove_client_store_get_vault (self->clients),
                                       alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_BY));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *package = alcove_disclosure_dup_package_text (disclosure);
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: a disclosure's row, "<day> · <recipient>" */
  title = g_strdup_printf (_("%s · %s"),
                           alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_DAY),
                           alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_RECIPIENT));
  if (*address != '\0')
    g_string_append_printf (text, "%s\n", address);
  g_string_append (text, alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_DESCRIPTION));
  g_string_append_printf (text, "\n%s", statement);
  if (full_log && package != NULL)
    g_string_append_printf (text, "\n%s", package);
  if (full_log)
    g_string_append_printf (text, "\n%s", by);
  subtitle = g_string_free (g_steal_pointer (&text), FALSE);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (alcove_disclosure_get_psychotherapy (disclosure))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_new (_("Psychotherapy notes"), "draft"));
  if (full_log)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               alcove_disclosure_get_accountable (disclosure)
                               ? tag_new (_("In the accounting"), "signed")
                               : tag_new (basis_title (disclosure), "none"));
  return row;
}

static GPtrArray *
load (AlcoveDisclosureReport  *self,
      gboolean                 full_log,
      GDate                   *day,
      GError                 **error)
{
  AlcoveDisclosureStore *store = self->disclosures;

  return full_log ? alcove_disclosure_store_list_for_client (store, self->client_id, error)
                  : alcove_disclosure_store_accounting (store, self->client_id, day, error);
}

void
alcove_disclosure_report_reload (AlcoveDisclosureReport *self)
{
  g_autoptr(GDate) day = alcove_date_today ();
  g_autoptr(GDate) first = g_date_copy (day);
  g_autoptr(GPtrArray) accounting = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (ALCOVE_IS_DISCLOSURE_REPORT (self));

  alcove_list_box_remove_rows (self->accounting_box);
  alcove_list_box_remove_rows (self->log_box);
  g_date_subtract_years (first, ALCOVE_ACCOUNTING_YEARS);
  from = alcove_date_to_iso (first);
  to = alcove_date_to_iso (day);
  description = g_strdup_printf (_("The disclosures the law asks you to list when the client "
                                   "requests an accounting (45 CFR 164.528), from %s to %s, "
                                   "oldest first. Disclosures under the client’s authorization, "
                                   "for treatment, payment or operations, or at the client’s "
                                   "own request are not listed."), from, to);
  adw_preferences_group_set_description (self->accounting_group, description);

  accounting = load (self, FALSE, day, &error);
  if (accounting != NULL)
    log = load (self, TRUE, day, &error);
  if (log == NULL)
    {
      alcove_list_box_set_placeholder_text (self->log_box, error->message);
      return;
    }
  for (guint i = 0; i < accounting->len; i++)
    gtk_list_box_append (self->accounting_box,
                         row_new (self, g_ptr_array_index (accounting, i), FALSE));
  for (guint i = 0; i < log->len; i++)
    gtk_list_box_append (self->log_box, row_new (self, g_ptr_array_index (log, i), TRUE));
  alcove_list_box_set_placeholder_text (self->log_box,
                                        _("Nothing has been disclosed from this record. Share… "
                                          "on a note or Share Record… records each disclosure "
                                          "here."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disclosures.print-log", log->len > 0);
}

/* ---- printing ---- */

static void
append_field (GString    *markup,
              const char *label,
              const char *value)
{
  g_autofree char *escaped_label = g_markup_escape_text (label, -1);
  g_autofree char *escaped_value = g_markup_escape_text (value, -1);

  if (*value == '\0')
    return;
  g_string_append_printf (markup, "<b>%s</b> %s\n", escaped_label, escaped_value);
}

static char *
compose (AlcoveDisclosureReport *self,
         GPtrArray              *disclosures,
         gboolean                full_log,
         GDate                  *day)
{
  g_autoptr(GDate) first = g_date_copy (day);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *intro = NULL;

  g_date_subtract_years (first, ALCOVE_ACCOUNTING_YEARS);
  from = alcove_date_to_iso (first);
  to = alcove_date_to_iso (day);
  alcove_print_markup_append_heading (markup, full_log ? _("Disclosure log")
                                                      : _("Accounting of disclosures"));
  intro = full_log
    ? g_strdup_printf (_("Every disclosure recorded from this record up to %s, whatever its "
                         "basis, newest first."), to)
    : g_strdup_printf (_("Under 45 CFR 164.528: the disclosures of your health information "
                         "made from %s to %s that the rule requires us to account for, oldest "
                         "first. Disclosures you authorized, disclosures for treatment, payment "
                         "or health care operations, and disclosures to you are not listed."),
                       from, to);
  alcove_print_markup_append_text (markup, intro);
  g_string_append (markup, "\n\n");
  if (disclosures->len == 0)
    {
      g_string_append (markup, "<i>");
      alcove_print_markup_append_text (markup, full_log ? _("No disclosures.")
                                                        : _("No disclosures in this period."));
      g_string_append (markup, "</i>\n");
    }
  for (guint i = 0; i < disclosures->len; i++)
    {
      AlcoveDisclosure *disclosure = g_ptr_array_index (disclosures, i);
      g_autofree char *statement = alcove_disclosure_dup_statement (disclosure);

      append_field (markup, _("Date:"), alcove_disclosure_get_field (disclosure,
                                                                      ALCOVE_DISCLOSURE_DAY));
      append_field (markup, _("Recipient:"),
                    alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_RECIPIENT));
      append_field (markup, _("Address:"),
                    alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_RECIPIENT_ADDRESS));
      append_field (markup, _("Information disclosed:"),
                    alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_DESCRIPTION));
      append_field (markup, _("Purpose and basis:"), statement);
      if (full_log)
        {
          g_autofree char *by = dup_user_name (alcove_client_store_get_vault (self->clients),
                                               alcove_disclosure_get_field (disclosure,
                                                                            ALCOVE_DISCLOSURE_BY));

          append_field (markup, _("Disclosed by:"), by);
          if (alcove_disclosure_get_psychotherapy (disclosure))
            append_field (markup, _("Includes:"), _("Psychotherapy notes"));
        }
      g_string_append (markup, "\n");
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

gboolean
alcove_disclosure_report_print (AlcoveDisclosureReport  *self,
                                gboolean                 full_log,
                                const char              *pdf_path,
                                GError                 **error)
{
  AlcoveVault *vault;
  AlcoveClient *client;
  g_autoptr(GDate) day = alcove_date_today ();
  g_autoptr(GPtrArray) disclosures = NULL;
  g_autofree char *markup = NULL;
  GtkRoot *root;
  gboolean printed = FALSE;

  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE_REPORT (self), FALSE);

  vault = alcove_client_store_get_vault (self->clients);
  client = alcove_client_store_lookup (self->clients, self->client_id);
  if (client == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The client is no longer in the vault."));
      return FALSE;
    }
  disclosures = load (self, full_log, day, error);
  if (disclosures == NULL)
    return FALSE;
  markup = compose (self, disclosures, full_log, day);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (!alcove_note_printer_run_markup (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, vault,
                                       client, full_log ? _("Disclosure log")
                                                        : _("Accounting of disclosures"),
                                       full_log ? _("Disclosure log")
                                                : _("Accounting of disclosures"),
                                       markup, pdf_path, &printed, error))
    return FALSE;
  if (printed)
    alcove_disclosure_store_record_print (self->disclosures, self->client_id, full_log);
  return TRUE;
}

static void
print_cb (AlcoveDisclosureReport *self,
          gboolean                full_log)
{
  g_autoptr(GError) error = NULL;

  if (!alcove_disclosure_report_print (self, full_log, NULL, &error))
    alcove_message_error_dialog (GTK_WIDGET (self), _("Could Not Print"), error->message);
}

static void
print_accounting_action_cb (GtkWidget  *widget,
                            const char *action,
                            GVariant   *parameter)
{
  print_cb (ALCOVE_DISCLOSURE_REPORT (widget), FALSE);
}

static void
print_log_action_cb (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  print_cb (ALCOVE_DISCLOSURE_REPORT (widget), TRUE);
}

/* ---- GObject ---- */

static void
alcove_disclosure_report_dispose (GObject *object)
{
  AlcoveDisclosureReport *self = ALCOVE_DISCLOSURE_REPORT (object);

  g_clear_object (&self->clients);
  g_clear_object (&self->disclosures);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (alcove_disclosure_report_parent_class)->dispose (object);
}

static void
alcove_disclosure_report_class_init (AlcoveDisclosureReportClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_disclosure_report_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-disclosure-report.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveDisclosureReport, accounting_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDisclosureReport, accounting_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveDisclosureReport, log_box);

  gtk_widget_class_install_action (widget_class, "disclosures.print-accounting", NULL,
                                   print_accounting_action_cb);
  gtk_widget_class_install_action (widget_class, "disclosures.print-log", NULL,
                                   print_log_action_cb);
}

static void
alcove_disclosure_report_init (AlcoveDisclosureReport *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  alcove_list_box_set_placeholder_text (self->accounting_box,
                                        _("No disclosures the law requires in an accounting were "
                                          "made in the last six years."));
}

/* A disclosure recorded anywhere in the session (a note window's share) shows at once */
static void
recorded_cb (AlcoveDisclosureStore  *disclosures,
             AlcoveDisclosure       *disclosure,
             AlcoveDisclosureReport *self)
{
  if (g_strcmp0 (alcove_disclosure_get_field (disclosure, ALCOVE_DISCLOSURE_CLIENT_ID),
                 self->client_id) == 0)
    alcove_disclosure_report_reload (self);
}

AlcoveDisclosureReport *
alcove_disclosure_report_new (AlcoveWorkspace *workspace,
                              const char      *client_id)
{
  AlcoveDisclosureReport *self;

  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_DISCLOSURE_REPORT, NULL);
  self->clients = g_object_ref (alcove_workspace_get_clients (workspace));
  self->disclosures = g_object_ref (alcove_workspace_get_disclosures (workspace));
  self->client_id = g_strdup (client_id);
  g_signal_connect_object (self->disclosures, "recorded", G_CALLBACK (recorded_cb), self, 0);
  alcove_disclosure_report_reload (self);
  return self;
}
