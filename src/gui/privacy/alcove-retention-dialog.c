/* alcove-retention-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-retention-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-retention-dialog.h"
#include "alcove-retention.h"

/* Records retention (owner): the policy, the records past it today (names on screen only),
 * and "Dispose…", which asks once more, plainly, before the records are destroyed. */

struct _AlcoveRetentionDialog
{
  AdwWindow            parent_instance;

  AlcoveVault         *vault;
  AlcoveClientStore   *clients;
  GPtrArray           *rows;      /* AdwActionRow with a "client-id" and a "check" */

  GtkRevealer         *message_revealer;
  GtkWidget           *message_box;
  GtkLabel            *message_label;
  GtkSpinButton       *adult_spin;
  GtkSpinButton       *majority_spin;
  GtkSpinButton       *minor_spin;
  AdwPreferencesGroup *due_group;
  GtkButton           *dispose_button;
};

G_DEFINE_FINAL_TYPE (AlcoveRetentionDialog, alcove_retention_dialog, ADW_TYPE_WINDOW)

static void
show_message (AlcoveRetentionDialog *self,
              gboolean               good,
              const char            *text)
{
  gtk_widget_remove_css_class (self->message_box, good ? "error" : "success");
  gtk_widget_add_css_class (self->message_box, good ? "success" : "error");
  gtk_label_set_text (self->message_label, text);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}

static void
update_dispose_button (AlcoveRetentionDialog *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->rows->len && !any; i++)
    any = gtk_check_button_get_active (g_object_get_data (g_ptr_array_index (self->rows, i),
                                                          "check"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.dispose", any);
}

static void
fill_due (AlcoveRetentionDialog *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GDate) now = alcove_date_today ();
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->due_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  items = alcove_retention_list_due (self->vault, now, &error);
  if (items == NULL)
    {
      show_message (self, FALSE, error->message);
      return;
    }
  description = items->len == 0
    ? g_strdup (_("No record is past the policy today."))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u record is past the policy today. Choose what to dispose of.",
                                    "%u records are past the policy today. Choose what to dispose of.",
                                    items->len), items->len);
  adw_preferences_group_set_description (self->due_group, description);
  for (guint i = 0; i < items->len; i++)
    {
      AlcoveRetentionItem *item = g_ptr_array_index (items, i);
      AlcoveClient *client = alcove_client_store_lookup (self->clients, item->client_id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *number = g_strndup (item->client_id, 8);
      g_autofree char *subtitle = g_strdup_printf (item->minor_rule
                                                   ? _("Record %s · ended %s · kept until %s (a minor then)")
                                                   : _("Record %s · ended %s · kept until %s"),
                                                   number, item->ended_on, item->keep_until);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     client ? alcove_client_get_display_name (client) : number);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Dispose of this record"), -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_dispose_button), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (row), "client-id", g_strdup (item->client_id), g_free);
      g_object_set_data (G_OBJECT (row), "check", check);
      adw_preferences_group_add (self->due_group, row);
      g_ptr_array_add (self->rows, row);
    }
  update_dispose_button (self);
}

static void
save_policy_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AlcoveRetentionDialog *self = ALCOVE_RETENTION_DIALOG (widget);
  AlcoveRetentionPolicy policy = {
    (guint) gtk_spin_button_get_value_as_int (self->adult_spin),
    (guint) gtk_spin_button_get_value_as_int (self->majority_spin),
    (guint) gtk_spin_button_get_value_as_int (self->minor_spin),
  };
  g_autoptr(GError) error = NULL;

  if (!alcove_retention_set_policy (self->vault, &policy, &error))
    {
      show_message (self, FALSE, error->message);
      return;
    }
  show_message (self, TRUE, _("The policy was saved"));
  fill_due (self);
}

static GStrv
chosen_ids (AlcoveRetentionDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);

      if (gtk_check_button_get_active (g_object_get_data (row, "check")))
        g_strv_builder_add (builder, g_object_get_data (row, "client-id"));
    }
  return g_strv_builder_end (builder);
}

static void
confirm_response_cb (AdwMessageDialog      *dialog,
                     const char            *response,
                     AlcoveRetentionDialog *self)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AlcoveDisposalReport report = { 0 };
  gboolean done;
  g_autoptr(GDate) now = alcove_date_today ();

  if (g_strcmp0 (response, "dispose") != 0)
    return;
  ids = chosen_ids (self);
  done = alcove_retention_dispose (self->vault, (const char * const *) ids, now, &report, &error);
  if (report.disposal_id != NULL)
    for (guint i = 0; ids[i] != NULL; i++)
      alcove_client_store_forget (self->clients, ids[i]);
  if (report.disposal_id == NULL)
    show_message (self, FALSE, error->message);
  else
    {
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Disposed of %u record for good.",
                                                               "Disposed of %u records for good.",
                                                               report.clients), report.clients);
      g_autofree char *counts = g_strdup_printf (_("Notes: %u · Addenda: %u · Sessions: %u · "
                                                   "Consents: %u · Documents: %u"),
                                                 report.notes, report.addenda, report.sessions,
                                                 report.consents, report.documents);

      text = g_strjoin ("\n", heading, counts, done ? NULL : error->message, NULL);
      show_message (self, done, text);
    }
  alcove_disposal_report_clear (&report);
  fill_due (self);
}

static void
confirm_toggled_cb (GtkCheckButton   *check,
                    AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "dispose", gtk_check_button_get_active (check));
}

static void
dispose_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AlcoveRetentionDialog *self = ALCOVE_RETENTION_DIALOG (widget);
  g_auto(GStrv) ids = chosen_ids (self);
  guint n = g_strv_length (ids);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *check;

  if (n == 0)
    return;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Dispose of %u Record?",
                                          "Dispose of %u Records?", n), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Their details, sessions, consents, notes and addenda are "
                                     "destroyed and cannot be recovered, not even from this "
                                     "vault's files. Backups made earlier still hold them. The "
                                     "disclosure log keeps its entries, as the law requires."));
  check = gtk_check_button_new_with_mnemonic (_("I understand these records _cannot be recovered"));
  gtk_widget_set_name (check, "confirm_check");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), check);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "dispose", _("_Dispose"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "dispose",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "dispose", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (check, "toggled", G_CALLBACK (confirm_toggled_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

guint
alcove_retention_dialog_get_n_due (AlcoveRetentionDialog *self)
{
  g_return_val_if_fail (ALCOVE_IS_RETENTION_DIALOG (self), 0);
  return self->rows->len;
}

static void
alcove_retention_dialog_dispose (GObject *object)
{
  AlcoveRetentionDialog *self = ALCOVE_RETENTION_DIALOG (object);

  g_clear_object (&self->clients);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (alcove_retention_dialog_parent_class)->dispose (object);
}

static void
alcove_retention_dialog_class_init (AlcoveRetentionDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_retention_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-retention-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveRetentionDialog, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRetentionDialog, message_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRetentionDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRetentionDialog, adult_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRetentionDialog, majority_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRetentionDialog, minor_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRetentionDialog, due_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRetentionDialog, dispose_button);

  gtk_widget_class_install_action (widget_class, "retention.save-policy", NULL,
                                   save_policy_action_cb);
  gtk_widget_class_install_action (widget_class, "retention.dispose", NULL, dispose_action_cb);
  gtk_widget_class_install_action (widget_class, "retention.close", NULL, close_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "retention.close", NULL);
}

static void
alcove_retention_dialog_init (AlcoveRetentionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

AlcoveRetentionDialog *
alcove_retention_dialog_new (GtkWindow         *parent,
                             AlcoveVault       *vault,
                             AlcoveClientStore *clients)
{
  AlcoveRetentionDialog *self;
  AlcoveRetentionPolicy policy;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (clients), NULL);

  self = g_object_new (ALCOVE_TYPE_RETENTION_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->vault = g_object_ref (vault);
  self->clients = g_object_ref (clients);
  alcove_retention_get_policy (vault, &policy, NULL);
  gtk_spin_button_set_value (self->adult_spin, policy.adult_years);
  gtk_spin_button_set_value (self->majority_spin, policy.majority_age);
  gtk_spin_button_set_value (self->minor_spin, policy.minor_years);
  fill_due (self);
  return self;
}
