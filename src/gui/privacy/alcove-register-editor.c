/* alcove-register-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-register-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-register-dialog.h"
#include "alcove-register-editor.h"
#include "alcove-registers.h"

/* Lists each register as rows; a row opens its entry's form (owner only). The rows are
 * rebuilt from the registers after every change. */
struct _AlcoveRegisterEditor
{
  AdwPreferencesWindow parent_instance;

  AlcoveVault         *vault;
  gboolean             can_edit;
  GPtrArray           *rows;  /* (group, row) pairs to remove on reload */

  AdwPreferencesGroup *policy_group;
  AdwPreferencesGroup *teletherapy_group;
  AdwPreferencesGroup *ai_group;
  AdwPreferencesGroup *other_group;
  AdwPreferencesGroup *devices_group;
  AdwPreferencesGroup *training_group;
};

static const char * const adds[] = {
  "registers.review-policy", "registers.add-teletherapy", "registers.add-ai-tool",
  "registers.add-other", "registers.add-device", "registers.add-training",
};

G_DEFINE_FINAL_TYPE (AlcoveRegisterEditor, alcove_register_editor, ADW_TYPE_PREFERENCES_WINDOW)

static void
add_row (AlcoveRegisterEditor *self,
         AdwPreferencesGroup  *group,
         GtkWidget            *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, group);
  g_ptr_array_add (self->rows, row);
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle,
          gboolean    ok)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (ok ? "emblem-ok-symbolic"
                                                     : "dialog-warning-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, ok ? "success" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ok ? _("In order") : _("Needs attention"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
add_placeholder (AlcoveRegisterEditor *self,
                 AdwPreferencesGroup  *group,
                 const char           *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  add_row (self, group, row);
}

static char *
user_name (AlcoveRegisterEditor *self,
           const char           *uuid)
{
  GListModel *users = alcove_vault_list_users (self->vault);

  for (guint i = 0; users != NULL && i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);

      if (g_strcmp0 (alcove_user_get_uuid (user), uuid) == 0)
        return g_strdup (alcove_user_get_full_name (user));
    }
  return g_strdup (_("a former user"));
}

/* ---- opening forms ---- */

static void
present_dialog (AlcoveRegisterEditor *self,
                AlcoveRegisterDialog *dialog)
{
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
vendor_activated_cb (AdwActionRow         *row,
                     AlcoveRegisterEditor *self)
{
  AlcoveVendor *vendor = g_object_get_data (G_OBJECT (row), "vendor");

  present_dialog (self, alcove_register_dialog_new_vendor (GTK_WINDOW (self), self->vault, vendor,
                                                           vendor->kind));
}

static void
device_activated_cb (AdwActionRow         *row,
                     AlcoveRegisterEditor *self)
{
  AlcoveDevice *device = g_object_get_data (G_OBJECT (row), "device");

  present_dialog (self, alcove_register_dialog_new_device (GTK_WINDOW (self), self->vault, device));
}

static void
make_editable (AlcoveRegisterEditor *self,
               GtkWidget            *row,
               GCallback             activated)
{
  if (!self->can_edit)
    return;
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_object (row, "activated", activated, self, 0);
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  AlcoveRegisterEditor *self = ALCOVE_REGISTER_EDITOR (widget);
  GtkWindow *parent = GTK_WINDOW (self);
  AlcoveRegisterDialog *dialog;

  if (g_str_equal (action, "registers.review-policy"))
    dialog = alcove_register_dialog_new_policy (parent, self->vault);
  else if (g_str_equal (action, "registers.add-teletherapy"))
    dialog = alcove_register_dialog_new_vendor (parent, self->vault, NULL, ALCOVE_VENDOR_TELETHERAPY);
  else if (g_str_equal (action, "registers.add-ai-tool"))
    dialog = alcove_register_dialog_new_vendor (parent, self->vault, NULL, ALCOVE_VENDOR_AI_TOOL);
  else if (g_str_equal (action, "registers.add-other"))
    dialog = alcove_register_dialog_new_vendor (parent, self->vault, NULL, ALCOVE_VENDOR_OTHER);
  else if (g_str_equal (action, "registers.add-device"))
    dialog = alcove_register_dialog_new_device (parent, self->vault, NULL);
  else
    dialog = alcove_register_dialog_new_training (parent, self->vault);
  present_dialog (self, dialog);
}

/* ---- filling ---- */

static void
fill_policy (AlcoveRegisterEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcovePolicyReview) review = alcove_registers_get_policy (self->vault, &error);
  g_autofree char *who = NULL;
  g_autofree char *day = NULL;
  g_autofree char *line = NULL;

  if (review == NULL)
    {
      add_row (self, self->policy_group,
               make_row (_("No policy attached"),
                         error ? error->message
                               : _("Attach the document clients receive, then review it "
                                   "every year"), FALSE));
      return;
    }
  who = user_name (self, review->reviewed_by);
  day = alcove_date_format (review->reviewed_on);
  /* Translators: a day as Alcove shows days ("7 March 2024"), then a person's name */
  line = g_strdup_printf (_("Last reviewed on %s by %s"), day, who);
  add_row (self, self->policy_group,
           make_row (_("Policy document kept in the vault"), line, TRUE));
}

static char *
vendor_summary (const AlcoveVendor *vendor,
                gboolean           *ok)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *reviewed = NULL;

  if (vendor->baa == ALCOVE_ANSWER_YES)
    {
      g_autofree char *day = alcove_date_format (vendor->baa_signed_on);

      g_string_append_printf (text, _("BAA signed on %s"), day);
    }
  else if (vendor->baa == ALCOVE_ANSWER_NO)
    g_string_append (text, _("No BAA"));
  else
    g_string_append (text, _("BAA not known"));
  *ok = vendor->baa == ALCOVE_ANSWER_YES;
  if (vendor->kind == ALCOVE_VENDOR_AI_TOOL)
    {
      guint yes = vendor->baa == ALCOVE_ANSWER_YES ? 1 : 0;

      for (guint q = 0; q < ALCOVE_AI_N_QUESTIONS; q++)
        yes += vendor->answers[q] == ALCOVE_ANSWER_YES ? 1 : 0;
      /* Translators: how many of the six questions an AI tool answered yes */
      g_string_append_printf (text, " · ");
      g_string_append_printf (text, _("%u of %u answers yes"), yes, ALCOVE_AI_N_ANSWERS);
      if (vendor->storage_location != NULL && *vendor->storage_location != '\0')
        {
          g_string_append (text, " · ");
          g_string_append_printf (text, _("stored in %s"), vendor->storage_location);
        }
      *ok = alcove_vendor_ai_answers_ok (vendor);
    }
  else if (vendor->kind == ALCOVE_VENDOR_OTHER)
    *ok = TRUE;  /* recorded for the practice's own overview; not a checklist item */
  g_string_append (text, " · ");
  reviewed = alcove_date_format (vendor->reviewed_on);
  g_string_append_printf (text, _("confirmed on %s"), reviewed);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_vendors (AlcoveRegisterEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vendors = alcove_registers_list_vendors (self->vault, &error);
  guint counts[3] = { 0, 0, 0 };
  AdwPreferencesGroup *groups[3] = { self->teletherapy_group, self->ai_group, self->other_group };

  for (guint i = 0; vendors != NULL && i < vendors->len; i++)
    {
      AlcoveVendor *vendor = g_ptr_array_index (vendors, i);
      gboolean ok;
      g_autofree char *summary = vendor_summary (vendor, &ok);
      GtkWidget *row = make_row (vendor->name, summary, ok);

      gtk_widget_set_name (row, vendor->id);
      g_object_set_data_full (G_OBJECT (row), "vendor", alcove_vendor_copy (vendor),
                              (GDestroyNotify) alcove_vendor_free);
      make_editable (self, row, G_CALLBACK (vendor_activated_cb));
      add_row (self, groups[vendor->kind], row);
      counts[vendor->kind]++;
    }
  for (guint k = 0; k < 3; k++)
    if (counts[k] == 0)
      add_placeholder (self, groups[k], error ? error->message : _("None recorded"));
}

static void
fill_devices (AlcoveRegisterEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = alcove_registers_list_devices (self->vault, &error);

  for (guint i = 0; devices != NULL && i < devices->len; i++)
    {
      AlcoveDevice *device = g_ptr_array_index (devices, i);
      guint yes = 0;
      g_autofree char *summary = NULL;
      GtkWidget *row;

      for (guint c = 0; c < ALCOVE_DEVICE_N_CHECKS; c++)
        yes += device->checks[c] ? 1 : 0;
      /* Translators: who uses a device, how many of five safeguards are in place, a day */
      summary = g_strdup_printf (_("Used by %s · %u of %u safeguards · checked on %s"),
                                 *device->used_by ? device->used_by : _("anyone"), yes,
                                 (guint) ALCOVE_DEVICE_N_CHECKS, device->attested_on);
      row = make_row (device->name, summary, alcove_device_all_checks (device));
      gtk_widget_set_name (row, device->id);
      g_object_set_data_full (G_OBJECT (row), "device", alcove_device_copy (device),
                              (GDestroyNotify) alcove_device_free);
      make_editable (self, row, G_CALLBACK (device_activated_cb));
      add_row (self, self->devices_group, row);
    }
  if (devices == NULL || devices->len == 0)
    add_placeholder (self, self->devices_group, error ? error->message : _("None recorded"));
}

static void
fill_training (AlcoveRegisterEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = alcove_registers_list_training (self->vault, &error);

  for (guint i = 0; log != NULL && i < log->len; i++)
    {
      AlcoveTraining *training = g_ptr_array_index (log, i);
      g_autoptr(GPtrArray) topics = g_ptr_array_new ();
      g_autofree char *joined = NULL;
      g_autofree char *summary = NULL;
      guint n = g_strv_length (training->attendees);

      for (guint t = 0; t < ALCOVE_TOPIC_N; t++)
        if (training->topics & (1u << t))
          g_ptr_array_add (topics, (gpointer) alcove_training_topic_get_title (t));
      g_ptr_array_add (topics, NULL);
      joined = g_strjoinv ("; ", (char **) topics->pdata);
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attendee · %s",
                                              "%u attendees · %s", n), n, joined);
      add_row (self, self->training_group, make_row (training->held_on, summary, TRUE));
    }
  if (log == NULL || log->len == 0)
    add_placeholder (self, self->training_group, error ? error->message : _("None recorded"));
}

void
alcove_register_editor_reload (AlcoveRegisterEditor *self)
{
  g_return_if_fail (ALCOVE_IS_REGISTER_EDITOR (self));

  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->rows, i),
                                  g_ptr_array_index (self->rows, i + 1));
  g_ptr_array_set_size (self->rows, 0);
  if (alcove_vault_get_locked (self->vault))
    return;
  fill_policy (self);
  fill_vendors (self);
  fill_devices (self);
  fill_training (self);
}

void
alcove_register_editor_show_page (AlcoveRegisterEditor *self,
                                  const char           *page)
{
  g_return_if_fail (ALCOVE_IS_REGISTER_EDITOR (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), page);
}

static void
alcove_register_editor_dispose (GObject *object)
{
  AlcoveRegisterEditor *self = ALCOVE_REGISTER_EDITOR (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (alcove_register_editor_parent_class)->dispose (object);
}

static void
alcove_register_editor_class_init (AlcoveRegisterEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_register_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-register-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveRegisterEditor, policy_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRegisterEditor, teletherapy_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRegisterEditor, ai_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRegisterEditor, other_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRegisterEditor, devices_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRegisterEditor, training_group);

  for (guint i = 0; i < G_N_ELEMENTS (adds); i++)
    gtk_widget_class_install_action (widget_class, adds[i], NULL, add_action_cb);
}

static void
alcove_register_editor_init (AlcoveRegisterEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

AlcoveRegisterEditor *
alcove_register_editor_new (GtkWindow   *parent,
                            AlcoveVault *vault)
{
  AlcoveRegisterEditor *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_REGISTER_EDITOR,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->vault = g_object_ref (vault);
  self->can_edit = alcove_registers_can_edit (vault);
  g_signal_connect_object (vault, "changed::registers",
                           G_CALLBACK (alcove_register_editor_reload), self, G_CONNECT_SWAPPED);
  /* other roles read: the add buttons stay, insensitive, so the page explains itself */
  for (guint i = 0; i < G_N_ELEMENTS (adds); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), adds[i], self->can_edit);
  if (!self->can_edit)
    gtk_window_set_title (GTK_WINDOW (self), _("Practice Registers (read only)"));
  alcove_register_editor_reload (self);
  return self;
}
