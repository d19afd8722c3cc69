/* alcove-register-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-register-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-date-row.h"
#include "alcove-checklist.h"
#include "alcove-form-draft.h"
#include "alcove-lists-and-messages.h"
#include "alcove-register-dialog.h"

/* The forms of the practice registers: the privacy policy's review, a vendor (with the six
 * questions for an AI tool), a device's five checks, a training session. The frame (header
 * bar, error banner, page) is the template; each kind adds its groups. Widgets carry names
 * ("name_row", "check-mfa", …) so that tests can fill them like a person would. */

typedef enum
{
  KIND_POLICY,
  KIND_VENDOR,
  KIND_DEVICE,
  KIND_TRAINING,
} Kind;

static const char * const device_check_names[ALCOVE_DEVICE_N_CHECKS] = {
  "check-disk-encryption", "check-screen-lock", "check-updates", "check-mfa",
  "check-no-public-wifi",
};

static const char * const ai_question_names[ALCOVE_AI_N_QUESTIONS] = {
  "ai-encryption", "ai-no-training", "ai-storage", "ai-deletion", "ai-audit-trail",
};

struct _AlcoveRegisterDialog
{
  AdwWindow             parent_instance;

  AlcoveVault          *vault;
  Kind                  kind;
  AlcoveVendor         *vendor;  /* the one edited, or NULL */
  AlcoveDevice         *device;
  GFile                *policy_file;
  GtkFileChooserNative *chooser;
  AlcoveFormDraft      *draft;

  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwPreferencesPage   *page;

  /* built per kind */
  AdwEntryRow          *name_row;
  AdwEntryRow          *day_row;
  AdwActionRow         *file_row;
  AdwComboRow          *vendor_kind_row;
  AdwComboRow          *baa_row;
  AdwEntryRow          *baa_signed_row;
  AdwPreferencesGroup  *ai_group;
  AdwComboRow          *ai_rows[ALCOVE_AI_N_QUESTIONS];
  AdwEntryRow          *storage_row;
  AdwEntryRow          *used_by_row;
  GtkSwitch            *check_switches[ALCOVE_DEVICE_N_CHECKS];
  GPtrArray            *attendee_checks;  /* GtkCheckButton, "user-uuid" data */
  GtkCheckButton       *topic_checks[ALCOVE_TOPIC_N];
};

G_DEFINE_FINAL_TYPE (AlcoveRegisterDialog, alcove_register_dialog, ADW_TYPE_WINDOW)

/* ---- building ---- */

static AdwPreferencesGroup *
add_group (AlcoveRegisterDialog *self,
           const char           *title,
           const char           *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

/* `iso_date`: YYYY-MM-DD, "" or NULL */
static AdwEntryRow *
add_date (AdwPreferencesGroup *group,
          const char          *name,
          const char          *title,
          const char          *iso_date)
{
  AlcoveDateRow *row = alcove_date_row_new (title);

  gtk_widget_set_name (GTK_WIDGET (row), name);
  alcove_date_row_set_iso_date (row, iso_date);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return ADW_ENTRY_ROW (row);
}

static AdwEntryRow *
add_entry (AdwPreferencesGroup *group,
           const char          *name,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
add_combo (AdwPreferencesGroup *group,
           const char          *name,
           const char          *title,
           const char * const  *choices,
           guint                selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static AdwComboRow *
add_answer (AdwPreferencesGroup *group,
            const char          *name,
            const char          *title,
            AlcoveAnswer         answer)
{
  /* in AlcoveAnswer order */
  const char *choices[] = { _("Not answered"), _("Yes"), _("No"), NULL };
  AdwComboRow *row = add_combo (group, name, title, choices, answer);

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* After a save or a removal: done, the register changed and the window goes; or the
 * reason, with everything typed still there */
static void
finish (AlcoveRegisterDialog *self,
        gboolean              done,
        const GError         *error)
{
  if (!done)
    {
      alcove_message_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }
  alcove_form_draft_saved (self->draft);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
remove_confirmed_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     AlcoveRegisterDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean removed;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  removed = self->kind == KIND_VENDOR
            ? alcove_registers_remove_vendor (self->vault, self->vendor->id, &error)
            : alcove_registers_remove_device (self->vault, self->device->id, &error);
  finish (self, removed, error);
}

static void
remove_action_cb (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  AlcoveRegisterDialog *self = ALCOVE_REGISTER_DIALOG (widget);
  GtkWidget *dialog;

  if (self->vendor == NULL && self->device == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove From the Register?"),
                                   _("Remove it only when the practice no longer uses it. The "
                                     "audit log keeps a record of the removal."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_remove_button (AlcoveRegisterDialog *self)
{
  AdwPreferencesGroup *group = add_group (self, NULL, NULL);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Remove From Register…"));

  gtk_widget_set_name (button, "remove_button");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "register.remove");
  adw_preferences_group_add (group, button);
}

/* the policy */

static void
update_file_row (AlcoveRegisterDialog *self)
{
  g_autofree char *name = self->policy_file ? g_file_get_basename (self->policy_file) : NULL;

  adw_action_row_set_subtitle (self->file_row,
                               name ? name : _("No new file chosen: the review keeps the "
                                               "current document"));
}

static void
chooser_response_cb (GtkNativeDialog      *chooser,
                     int                   response,
                     AlcoveRegisterDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    alcove_register_dialog_set_policy_file (self, file);
  g_clear_object (&self->chooser);
}

static void
choose_file_action_cb (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  AlcoveRegisterDialog *self = ALCOVE_REGISTER_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the Privacy Policy"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Documents (PDF, text, OpenDocument)"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_mime_type (filter, "application/vnd.oasis.opendocument.text");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
build_policy (AlcoveRegisterDialog *self)
{
  g_autoptr(AlcovePolicyReview) current = alcove_registers_get_policy (self->vault, NULL);
  AdwPreferencesGroup *group;
  GtkWidget *button;
  g_autofree char *today = alcove_date_today_iso ();

  gtk_window_set_title (GTK_WINDOW (self), _("Privacy Policy Review"));
  group = add_group (self, _("Policy Document"),
                     _("The policy you give clients, kept inside the vault. Attach the new "
                       "version whenever it changes."));
  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->file_row), "file_row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row),
                                 current ? _("New Version") : _("Document"));
  button = gtk_button_new_with_mnemonic (_("_Choose File…"));
  gtk_widget_set_name (button, "choose_button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "register.choose-file");
  adw_action_row_add_suffix (self->file_row, button);
  adw_action_row_set_activatable_widget (self->file_row, button);
  adw_preferences_group_add (group, GTK_WIDGET (self->file_row));
  if (current == NULL)
    adw_action_row_set_subtitle (self->file_row, _("No policy attached yet: choose its file"));
  else
    update_file_row (self);

  group = add_group (self, _("Review"),
                     _("Record the day you read the policy through and confirmed it is "
                       "current, clear and accessible to clients."));
  self->day_row = add_date (group, "day_row", _("_Reviewed On"), today);
}

/* a vendor */

static void
update_vendor_kind (AlcoveRegisterDialog *self)
{
  gboolean ai = adw_combo_row_get_selected (self->vendor_kind_row) == ALCOVE_VENDOR_AI_TOOL;

  gtk_widget_set_visible (GTK_WIDGET (self->ai_group), ai);
}

static void
update_baa (AlcoveRegisterDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->baa_signed_row),
                            adw_combo_row_get_selected (self->baa_row) == ALCOVE_ANSWER_YES);
}

static void
build_vendor (AlcoveRegisterDialog *self,
              AlcoveVendorKind      kind)
{
  const AlcoveVendor *vendor = self->vendor;
  const char *kinds[] = { alcove_vendor_kind_get_title (ALCOVE_VENDOR_TELETHERAPY),
                          alcove_vendor_kind_get_title (ALCOVE_VENDOR_AI_TOOL),
                          alcove_vendor_kind_get_title (ALCOVE_VENDOR_OTHER), NULL };
  /* Translators: whether a business associate agreement (BAA) was signed */
  const char *baa_choices[] = { _("Not known"), _("Signed"), _("Not signed"), NULL };
  g_autofree char *today = alcove_date_today_iso ();
  AdwPreferencesGroup *group;

  gtk_window_set_title (GTK_WINDOW (self), vendor ? _("Edit Vendor") : _("Add Vendor"));
  group = add_group (self, _("Vendor"), NULL);
  self->name_row = add_entry (group, "name_row", _("_Name of the Service"),
                              vendor ? vendor->name : NULL);
  self->vendor_kind_row = add_combo (group, "kind_row", _("Kind"), kinds,
                                     vendor ? vendor->kind : kind);

  group = add_group (self, _("Business Associate Agreement"),
                     _("A vendor that handles client information must sign a BAA with the "
                       "practice before it is used."));
  self->baa_row = add_combo (group, "baa_row", _("BAA"), baa_choices,
                             vendor ? vendor->baa : ALCOVE_ANSWER_UNKNOWN);
  self->baa_signed_row = add_date (group, "baa_signed_row", _("_Signed On"),
                                   vendor ? vendor->baa_signed_on : NULL);

  self->ai_group = add_group (self, _("The AI Tool’s Answers"),
                              _("Ask the vendor, and keep their written answers. Any answer "
                                "that is not “Yes” needs attention before the tool sees client "
                                "information."));
  for (guint q = 0; q < ALCOVE_AI_N_QUESTIONS; q++)
    self->ai_rows[q] = add_answer (self->ai_group, ai_question_names[q],
                                   alcove_ai_question_get_title (q),
                                   vendor ? vendor->answers[q] : ALCOVE_ANSWER_UNKNOWN);
  self->storage_row = add_entry (self->ai_group, "storage_row",
                                 _("_Where Data Is Stored (country, provider)"),
                                 vendor ? vendor->storage_location : NULL);

  group = add_group (self, _("Confirmation"), NULL);
  self->day_row = add_date (group, "day_row", _("Answers _Confirmed On"),
                            vendor && vendor->reviewed_on && *vendor->reviewed_on
                            ? vendor->reviewed_on : today);
  if (vendor != NULL)
    add_remove_button (self);

  g_signal_connect_object (self->vendor_kind_row, "notify::selected",
                           G_CALLBACK (update_vendor_kind), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->baa_row, "notify::selected",
                           G_CALLBACK (update_baa), self, G_CONNECT_SWAPPED);
  update_vendor_kind (self);
  update_baa (self);
}

/* a device */

static void
build_device (AlcoveRegisterDialog *self)
{
  const AlcoveDevice *device = self->device;
  g_autofree char *today = alcove_date_today_iso ();
  AdwPreferencesGroup *group;

  gtk_window_set_title (GTK_WINDOW (self), device ? _("Check Device") : _("Add Device"));
  group = add_group (self, _("Device"),
                     _("A computer or phone used for the practice. Name it so people know "
                       "which one it is; never after a client."));
  self->name_row = add_entry (group, "name_row", _("_Name"), device ? device->name : NULL);
  self->used_by_row = add_entry (group, "used_by_row", _("_Used By"),
                                 device ? device->used_by : NULL);

  group = add_group (self, _("Checked"),
                     _("Switch on each safeguard you saw in place on the device today."));
  for (guint c = 0; c < ALCOVE_DEVICE_N_CHECKS; c++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      gtk_widget_set_name (toggle, device_check_names[c]);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), device ? device->checks[c] : FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alcove_device_check_get_title (c));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (group, row);
      self->check_switches[c] = GTK_SWITCH (toggle);
    }
  self->day_row = add_date (group, "day_row", _("C_hecked On"), today);
  if (device != NULL)
    add_remove_button (self);
}

/* a training session */

static GtkCheckButton *
add_check_row (AdwPreferencesGroup *group,
               const char          *name,
               const char          *title,
               const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_name (check, name);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  return GTK_CHECK_BUTTON (check);
}

static void
build_training (AlcoveRegisterDialog *self)
{
  GListModel *users = alcove_vault_list_users (self->vault);
  g_autofree char *today = alcove_date_today_iso ();
  AdwPreferencesGroup *group;

  gtk_window_set_title (GTK_WINDOW (self), _("Record Training"));
  group = add_group (self, _("When"), NULL);
  self->day_row = add_date (group, "day_row", _("_Held On"), today);

  group = add_group (self, _("Attendees"), _("Everyone who took part."));
  self->attendee_checks = g_ptr_array_new ();
  for (guint i = 0; users != NULL && i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);
      g_autofree char *name = NULL;
      GtkCheckButton *check;

      if (alcove_user_get_disabled (user))
        continue;
      name = g_strconcat ("attendee-", alcove_user_get_username (user), NULL);
      check = add_check_row (group, name, alcove_user_get_full_name (user),
                             alcove_role_get_display_name (alcove_user_get_role (user)));
      g_object_set_data_full (G_OBJECT (check), "user-uuid",
                              g_strdup (alcove_user_get_uuid (user)), g_free);
      g_ptr_array_add (self->attendee_checks, check);
    }

  group = add_group (self, _("Topics"),
                     _("Over a year, training covers all five."));
  for (guint t = 0; t < ALCOVE_TOPIC_N; t++)
    {
      g_autofree char *name = g_strconcat ("topic-", alcove_training_topic_to_string (t), NULL);

      self->topic_checks[t] = add_check_row (group, name, alcove_training_topic_get_title (t), NULL);
    }
}

/* ---- saving ---- */

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static char *
day_of (AdwEntryRow *row)
{
  return g_strdup (alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (row)));
}

static gboolean
save_policy (AlcoveRegisterDialog  *self,
             GError               **error)
{
  g_autofree char *day = day_of (self->day_row);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *name = NULL;

  if (self->policy_file == NULL)
    return alcove_registers_review_policy (self->vault, NULL, day, error);
  contents = g_file_load_bytes (self->policy_file, NULL, NULL, error);
  if (contents == NULL)
    return FALSE;
  info = g_file_query_info (self->policy_file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  name = g_file_get_basename (self->policy_file);
  return alcove_registers_attach_policy (self->vault, contents, name,
                                         info ? g_file_info_get_content_type (info) : NULL, day,
                                         error);
}

static gboolean
save_vendor (AlcoveRegisterDialog  *self,
             GError               **error)
{
  g_autoptr(AlcoveVendor) vendor = self->vendor ? alcove_vendor_copy (self->vendor)
                                                : alcove_vendor_new ();

  g_free (vendor->name);
  vendor->name = entry_text (self->name_row);
  vendor->kind = adw_combo_row_get_selected (self->vendor_kind_row);
  vendor->baa = adw_combo_row_get_selected (self->baa_row);
  g_free (vendor->baa_signed_on);
  vendor->baa_signed_on = day_of (self->baa_signed_row);
  for (guint q = 0; q < ALCOVE_AI_N_QUESTIONS; q++)
    vendor->answers[q] = vendor->kind == ALCOVE_VENDOR_AI_TOOL
                         ? adw_combo_row_get_selected (self->ai_rows[q]) : ALCOVE_ANSWER_UNKNOWN;
  g_free (vendor->storage_location);
  vendor->storage_location = vendor->kind == ALCOVE_VENDOR_AI_TOOL ? entry_text (self->storage_row)
                                                                   : g_strdup ("");
  g_free (vendor->reviewed_on);
  vendor->reviewed_on = day_of (self->day_row);
  return alcove_registers_save_vendor (self->vault, vendor, error);
}

static gboolean
save_device (AlcoveRegisterDialog  *self,
             GError               **error)
{
  g_autoptr(AlcoveDevice) device = self->device ? alcove_device_copy (self->device)
                                                : alcove_device_new ();

  g_free (device->name);
  device->name = entry_text (self->name_row);
  g_free (device->used_by);
  device->used_by = entry_text (self->used_by_row);
  for (guint c = 0; c < ALCOVE_DEVICE_N_CHECKS; c++)
    device->checks[c] = gtk_switch_get_active (self->check_switches[c]);
  g_free (device->attested_on);
  device->attested_on = day_of (self->day_row);
  return alcove_registers_save_device (self->vault, device, error);
}

static gboolean
save_training (AlcoveRegisterDialog  *self,
               GError               **error)
{
  g_autoptr(AlcoveTraining) training = alcove_training_new ();
  g_autoptr(GStrvBuilder) attendees = g_strv_builder_new ();

  training->held_on = day_of (self->day_row);
  for (guint i = 0; i < self->attendee_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->attendee_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (attendees, g_object_get_data (G_OBJECT (check), "user-uuid"));
    }
  training->attendees = g_strv_builder_end (attendees);
  for (guint t = 0; t < ALCOVE_TOPIC_N; t++)
    if (gtk_check_button_get_active (self->topic_checks[t]))
      training->topics |= 1u << t;
  return alcove_registers_add_training (self->vault, training, error);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  AlcoveRegisterDialog *self = ALCOVE_REGISTER_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;

  switch (self->kind)
    {
    case KIND_POLICY:
      saved = save_policy (self, &error);
      break;
    case KIND_VENDOR:
      saved = save_vendor (self, &error);
      break;
    case KIND_DEVICE:
      saved = save_device (self, &error);
      break;
    case KIND_TRAINING:
      saved = save_training (self, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  finish (self, saved, error);
}

/* Through close-request: changes not saved are asked about */
static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

void
alcove_register_dialog_set_policy_file (AlcoveRegisterDialog *self,
                                        GFile                *file)
{
  g_return_if_fail (ALCOVE_IS_REGISTER_DIALOG (self));
  g_return_if_fail (self->kind == KIND_POLICY);

  g_set_object (&self->policy_file, file);
  update_file_row (self);
}

/* ---- the class ---- */

static void
alcove_register_dialog_dispose (GObject *object)
{
  AlcoveRegisterDialog *self = ALCOVE_REGISTER_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->vault);
  g_clear_object (&self->policy_file);
  g_clear_pointer (&self->vendor, alcove_vendor_free);
  g_clear_pointer (&self->device, alcove_device_free);
  g_clear_pointer (&self->attendee_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (alcove_register_dialog_parent_class)->dispose (object);
}

static void
alcove_register_dialog_class_init (AlcoveRegisterDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_register_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-register-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveRegisterDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRegisterDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveRegisterDialog, page);

  gtk_widget_class_install_action (widget_class, "register.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "register.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "register.remove", NULL, remove_action_cb);
  gtk_widget_class_install_action (widget_class, "register.choose-file", NULL,
                                   choose_file_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "register.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "register.save", NULL);
}

static void
alcove_register_dialog_init (AlcoveRegisterDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* What is typed is kept as a draft: per register, and per entry when one is edited */
static AlcoveRegisterDialog *
with_draft (AlcoveRegisterDialog *self,
            const char           *key)
{
  static const char * const forms[] = { [KIND_POLICY] = "register-policy",
                                        [KIND_VENDOR] = "register-vendor",
                                        [KIND_DEVICE] = "register-device",
                                        [KIND_TRAINING] = "register-training" };

  self->draft = alcove_form_draft_attach (GTK_WINDOW (self), self->vault, forms[self->kind], key,
                                          "register.save");
  alcove_form_draft_restore (self->draft, GTK_WIDGET (self->error_revealer));
  return self;
}

static AlcoveRegisterDialog *
dialog_new (GtkWindow   *parent,
            AlcoveVault *vault,
            Kind         kind)
{
  AlcoveRegisterDialog *self = g_object_new (ALCOVE_TYPE_REGISTER_DIALOG,
                                             "transient-for", parent,
                                             "modal", TRUE,
                                             "destroy-with-parent", TRUE,
                                             NULL);

  self->vault = g_object_ref (vault);
  self->kind = kind;
  return self;
}

AlcoveRegisterDialog *
alcove_register_dialog_new_policy (GtkWindow   *parent,
                                   AlcoveVault *vault)
{
  AlcoveRegisterDialog *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = dialog_new (parent, vault, KIND_POLICY);
  build_policy (self);
  return with_draft (self, "");
}

AlcoveRegisterDialog *
alcove_register_dialog_new_vendor (GtkWindow          *parent,
                                   AlcoveVault        *vault,
                                   const AlcoveVendor *vendor,
                                   AlcoveVendorKind    kind)
{
  AlcoveRegisterDialog *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = dialog_new (parent, vault, KIND_VENDOR);
  self->vendor = vendor ? alcove_vendor_copy (vendor) : NULL;
  build_vendor (self, kind);
  return with_draft (self, vendor ? vendor->id : "");
}

AlcoveRegisterDialog *
alcove_register_dialog_new_device (GtkWindow          *parent,
                                   AlcoveVault        *vault,
                                   const AlcoveDevice *device)
{
  AlcoveRegisterDialog *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = dialog_new (parent, vault, KIND_DEVICE);
  self->device = device ? alcove_device_copy (device) : NULL;
  build_device (self);
  return with_draft (self, device ? device->id : "");
}

AlcoveRegisterDialog *
alcove_register_dialog_new_training (GtkWindow   *parent,
                                     AlcoveVault *vault)
{
  AlcoveRegisterDialog *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = dialog_new (parent, vault, KIND_TRAINING);
  build_training (self);
  return with_draft (self, "");
}
