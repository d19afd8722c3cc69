/* alcove-consent-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-consent-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-lock-manager.h"
#include "alcove-date-row.h"
#include "alcove-date.h"
#include "alcove-consent-editor.h"
#include "alcove-consent-editor-private.h"
#include "alcove-consent-template.h"
#include "alcove-document-viewer.h"
#include "alcove-documents.h"
#include "alcove-form-draft.h"
#include "alcove-lists-and-messages.h"

/* One consent, in a window built from its kind's template: the template's fields, its
 * statements as check rows (each explained to and understood by the signer), who signed and
 * how, the dates, and the signed document, which is read into the vault and shown from
 * memory (never a temporary file). A draft is edited; an active or revoked consent is read
 * only, and an active one can be revoked. Refusals are listed above the form and marked on
 * their rows; nothing typed is lost. */
struct _AlcoveConsentEditor
{
  AdwWindow              parent_instance;

  AlcoveConsentStore    *store;
  AlcoveClientStore     *clients;
  AlcoveConsent         *consent;   /* the working copy */
  AlcoveFormDraft       *draft;
  AlcoveConsentTemplate *template;
  GPtrArray             *inputs;    /* Input */
  GHashTable            *rows;      /* problem key → row widget (owned by the page) */
  GtkFileChooserNative  *chooser;

  AdwToastOverlay       *toasts;
  AdwWindowTitle        *title;
  GtkWidget             *print_button;
  GtkWidget             *delete_button;
  GtkWidget             *activate_button;
  GtkWidget             *save_button;
  GtkWidget             *revoke_button;
  GtkLabel              *error_label;
  AdwPreferencesPage    *page;

  GtkWidget             *fields_group;
  GtkWidget             *statements_group;
  GtkWidget             *signature_group;
  AdwComboRow           *signer_row;
  AdwEntryRow           *signer_name_row;
  AdwEntryRow           *authority_row;
  AdwEntryRow           *signed_on_row;
  AdwComboRow           *capture_row;
  AdwEntryRow           *valid_from_row;
  AdwEntryRow           *expires_on_row;
  AdwActionRow          *document_row;
  GtkWidget             *attach_button;
  GtkWidget             *view_button;
  GtkWidget             *revocation_group;
  AdwEntryRow           *revoked_on_row;
  AdwEntryRow           *means_row;
  GtkWidget             *record_revocation_button;
};

G_DEFINE_FINAL_TYPE (AlcoveConsentEditor, alcove_consent_editor, ADW_TYPE_WINDOW)

/* A template field or statement and the widget that holds its value */
typedef struct
{
  char                   *key;
  AlcoveConsentFieldType  type;
  gboolean                statement;
  GtkWidget              *widget;   /* entry row, text view, combo row or check button */
  GPtrArray              *checks;   /* multi-choice: GtkCheckButton with "option-id" */
  const AlcoveConsentTemplateField *field;
} Input;

static void
input_free (gpointer data)
{
  Input *input = data;

  g_free (input->key);
  g_clear_pointer (&input->checks, g_ptr_array_unref);
  g_free (input);
}

static char *
today_text (void)
{
  g_autoptr(GDate) today = alcove_date_today ();

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (today), g_date_get_month (today),
                          g_date_get_day (today));
}

static void
show_toast (AlcoveConsentEditor *self,
            const char          *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* ---- building the form ---- */

static void
remember_row (AlcoveConsentEditor *self,
              const char          *key,
              GtkWidget           *row)
{
  g_hash_table_replace (self->rows, g_strdup (key), row);
}

static GtkWidget *
multiline_row (const char *title,
               const char *text,
               GtkWidget **view_out)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *view = gtk_text_view_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 54);
  gtk_widget_add_css_class (view, "consent-multiline");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  *view_out = view;
  return row;
}

static GtkWidget *
check_row (const char *title,
           gboolean    active,
           GtkWidget **check_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  *check_out = check;
  return row;
}

static GtkWidget *
entry_row (const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return row;
}

/* `iso_date`: YYYY-MM-DD or "" */
static GtkWidget *
date_row (const char *title,
          const char *iso_date)
{
  AlcoveDateRow *row = alcove_date_row_new (title);

  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  alcove_date_row_set_iso_date (row, iso_date);
  return GTK_WIDGET (row);
}

static AdwEntryRow *
consent_date_row (AlcoveConsent      *consent,
                  const char         *title,
                  AlcoveConsentField  field)
{
  return ADW_ENTRY_ROW (date_row (title, alcove_consent_get_field (consent, field)));
}

static AdwEntryRow *
consent_entry_row (AlcoveConsent      *consent,
                   const char         *title,
                   AlcoveConsentField  field)
{
  return ADW_ENTRY_ROW (entry_row (title, alcove_consent_get_field (consent, field)));
}

static GtkWidget *
combo_row (const char         *title,
           const char * const *items,
           guint               selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

static GtkWidget *
field_row (AlcoveConsentEditor              *self,
           const AlcoveConsentTemplateField *field,
           Input                            *input)
{
  const char *value = alcove_consent_get_value (self->consent, field->key);
  g_autofree char *title = field->required ? g_strdup (field->title)
                                           : g_strdup_printf (_("%s (optional)"), field->title);
  GtkWidget *row;

  switch (field->type)
    {
    case ALCOVE_CONSENT_FIELD_MULTILINE:
      return multiline_row (title, value, &input->widget);

    case ALCOVE_CONSENT_FIELD_CHOICE:
      {
        g_autoptr(GPtrArray) titles = g_ptr_array_new ();
        guint selected = 0;

        g_ptr_array_add (titles, (gpointer) _("Not chosen"));
        for (guint i = 0; i < field->options->len; i++)
          {
            AlcoveConsentOption *option = g_ptr_array_index (field->options, i);

            g_ptr_array_add (titles, option->title);
            if (g_str_equal (option->id, value))
              selected = i + 1;
          }
        g_ptr_array_add (titles, NULL);
        row = combo_row (title, (const char * const *) titles->pdata, selected);
        input->widget = row;
        return row;
      }

    case ALCOVE_CONSENT_FIELD_MULTI_CHOICE:
      row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      input->checks = g_ptr_array_new ();
      for (guint i = 0; i < field->options->len; i++)
        {
          AlcoveConsentOption *option = g_ptr_array_index (field->options, i);
          GtkWidget *check;
          GtkWidget *option_row = check_row (option->title,
                                             alcove_consent_value_has_item (self->consent,
                                                                            field->key,
                                                                            option->id),
                                             &check);

          g_object_set_data_full (G_OBJECT (check), "option-id", g_strdup (option->id), g_free);
          gtk_widget_set_name (check, option->id);
          g_ptr_array_add (input->checks, check);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), option_row);
        }
      input->widget = row;
      return row;

    case ALCOVE_CONSENT_FIELD_DATE:
      row = date_row (title, value);
      input->widget = row;
      return row;

    case ALCOVE_CONSENT_FIELD_TEXT:
    default:
      row = entry_row (title, value);
      input->widget = row;
      return row;
    }
}

static void
build_fields (AlcoveConsentEditor *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   alcove_consent_template_get_name (self->template));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         alcove_consent_template_get_description (self->template));
  for (guint i = 0; i < alcove_consent_template_get_n_fields (self->template); i++)
    {
      const AlcoveConsentTemplateField *field =
        alcove_consent_template_get_field (self->template, i);
      Input *input = g_new0 (Input, 1);
      GtkWidget *row;

      input->key = g_strdup (field->key);
      input->type = field->type;
      input->field = field;
      row = field_row (self, field, input);
      gtk_widget_set_name (input->widget, field->key);
      g_ptr_array_add (self->inputs, input);
      remember_row (self, field->key, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  self->fields_group = group;
}

static void
build_statements (AlcoveConsentEditor *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Statements"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Tick each statement once it has been explained to"
                                           " and understood by the person signing."));
  for (guint i = 0; i < alcove_consent_template_get_n_statements (self->template); i++)
    {
      const AlcoveConsentStatement *statement =
        alcove_consent_template_get_statement (self->template, i);
      Input *input = g_new0 (Input, 1);
      GtkWidget *row;

      input->key = alcove_consent_statement_value_key (statement->key);
      input->statement = TRUE;
      row = check_row (statement->text,
                       g_str_equal (alcove_consent_get_value (self->consent, input->key),
                                    ALCOVE_CONSENT_ACKNOWLEDGED),
                       &input->widget);
      gtk_widget_set_name (input->widget, input->key);
      remember_row (self, input->key, row);
      g_ptr_array_add (self->inputs, input);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  self->statements_group = group;
}

static void
signer_changed_cb (AlcoveConsentEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->authority_row),
                          adw_combo_row_get_selected (self->signer_row) !=
                          ALCOVE_CONSENT_SIGNER_CLIENT);
}

static void
build_signature (AlcoveConsentEditor *self)
{
  const char *signers[] = { _("The client"), _("A guardian"), _("A personal representative"),
                            NULL };
  const char *captures[] = { _("Signed in person"), _("Paper form, signed and scanned"), NULL };
  GtkWidget *group = adw_preferences_group_new ();
  AlcoveConsent *c = self->consent;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Signature and Dates"));
  self->signer_row = ADW_COMBO_ROW (combo_row (_("Signed by"), signers,
                                               alcove_consent_get_signer (c)));
  self->signer_name_row = consent_entry_row (c, _("Name of the person who signed"),
                                             ALCOVE_CONSENT_SIGNER_NAME);
  self->authority_row = consent_entry_row (c, _("Authority to sign for the client"),
                                           ALCOVE_CONSENT_SIGNER_AUTHORITY);
  self->signed_on_row = consent_date_row (c, _("Signed on"), ALCOVE_CONSENT_SIGNED_ON);
  self->capture_row = ADW_COMBO_ROW (combo_row (_("How it was captured"), captures,
                                                alcove_consent_get_capture (c)));
  self->valid_from_row = consent_date_row (c, _("Valid from (empty: the day signed)"),
                                           ALCOVE_CONSENT_VALID_FROM);
  self->expires_on_row = consent_date_row (c, _("Expires on, last valid day"),
                                           ALCOVE_CONSENT_EXPIRES_ON);
  gtk_widget_set_name (GTK_WIDGET (self->signer_row), "signer");
  gtk_widget_set_name (GTK_WIDGET (self->signer_name_row), "signer_name");
  gtk_widget_set_name (GTK_WIDGET (self->authority_row), "signer_authority");
  gtk_widget_set_name (GTK_WIDGET (self->signed_on_row), "signed_on");
  gtk_widget_set_name (GTK_WIDGET (self->capture_row), "capture");
  gtk_widget_set_name (GTK_WIDGET (self->valid_from_row), "valid_from");
  gtk_widget_set_name (GTK_WIDGET (self->expires_on_row), "expires_on");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->signer_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->signer_name_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->authority_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->signed_on_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->capture_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->valid_from_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->expires_on_row));
  remember_row (self, ALCOVE_CONSENT_PROBLEM_SIGNER, GTK_WIDGET (self->signer_name_row));
  remember_row (self, ALCOVE_CONSENT_PROBLEM_AUTHORITY, GTK_WIDGET (self->authority_row));
  remember_row (self, ALCOVE_CONSENT_PROBLEM_SIGNED_ON, GTK_WIDGET (self->signed_on_row));
  remember_row (self, ALCOVE_CONSENT_PROBLEM_VALID, GTK_WIDGET (self->valid_from_row));
  remember_row (self, ALCOVE_CONSENT_PROBLEM_EXPIRY, GTK_WIDGET (self->expires_on_row));
  g_signal_connect_object (self->signer_row, "notify::selected", G_CALLBACK (signer_changed_cb),
                           self, G_CONNECT_SWAPPED);
  signer_changed_cb (self);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  self->signature_group = group;
}

static void
update_document_row (AlcoveConsentEditor *self)
{
  gboolean attached = *alcove_consent_get_field (self->consent, ALCOVE_CONSENT_DOCUMENT_ID) != '\0';
  gboolean needed = alcove_consent_template_get_requires_document (self->template);

  adw_action_row_set_subtitle (self->document_row,
                               attached ? _("Attached, kept inside the vault")
                                        : needed ? _("None yet — this kind needs the signed form")
                                                 : _("None attached"));
  gtk_widget_set_visible (self->view_button, attached);
}

static void
build_document (AlcoveConsentEditor *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Signed Document"));
  self->document_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->document_row),
                                 _("Scan, photo or PDF of the signed form"));
  self->view_button = gtk_button_new_with_mnemonic (_("_View"));
  self->attach_button = gtk_button_new_with_mnemonic (_("_Attach…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->view_button), "consent.view-document");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->attach_button), "consent.attach");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), self->view_button);
  gtk_box_append (GTK_BOX (box), self->attach_button);
  adw_action_row_add_suffix (self->document_row, box);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->document_row));
  remember_row (self, ALCOVE_CONSENT_PROBLEM_DOCUMENT, GTK_WIDGET (self->document_row));
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  update_document_row (self);
}

static void
build_revocation (AlcoveConsentEditor *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *today = today_text ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Revocation"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A revocation takes effect on the day it was received."
                                           " Disclosures made before then stand."));
  self->revoked_on_row = ADW_ENTRY_ROW (date_row (_("Received on"), today));
  self->means_row = ADW_ENTRY_ROW (entry_row (_("How it was received, e.g. letter or signed form"),
                                              ""));
  gtk_widget_set_name (GTK_WIDGET (self->revoked_on_row), "revoked_on");
  gtk_widget_set_name (GTK_WIDGET (self->means_row), "revocation_means");
  self->record_revocation_button = gtk_button_new_with_mnemonic (_("Record _Revocation"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->record_revocation_button),
                                  "consent.record-revocation");
  gtk_widget_add_css_class (self->record_revocation_button, "destructive-action");
  gtk_widget_set_halign (self->record_revocation_button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (self->record_revocation_button, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->revoked_on_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->means_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->record_revocation_button);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  self->revocation_group = group;
}

/* ---- state ---- */

static char *
status_line (AlcoveConsent *consent)
{
  g_autoptr(GDate) today = alcove_date_today ();
  g_autofree char *expires =
    alcove_date_format (alcove_consent_get_field (consent, ALCOVE_CONSENT_EXPIRES_ON));
  g_autofree char *valid_from =
    alcove_date_format (alcove_consent_get_field (consent, ALCOVE_CONSENT_VALID_FROM));
  g_autofree char *revoked_on =
    alcove_date_format (alcove_consent_get_field (consent, ALCOVE_CONSENT_REVOKED_ON));

  switch (alcove_consent_get_status_on (consent, today))
    {
    case ALCOVE_CONSENT_DRAFT:
      return g_strdup (_("Draft — not in effect"));
    case ALCOVE_CONSENT_PENDING:
      return g_strdup_printf (_("Active from %s"), valid_from);
    case ALCOVE_CONSENT_ACTIVE:
      return *expires ? g_strdup_printf (_("Active until %s"), expires)
                      : g_strdup (_("Active"));
    case ALCOVE_CONSENT_EXPIRED:
      return g_strdup_printf (_("Expired after %s"), expires);
    case ALCOVE_CONSENT_REVOKED:
    default:
      return g_strdup_printf (_("Revoked on %s (%s)"), revoked_on,
                              alcove_consent_get_field (consent, ALCOVE_CONSENT_REVOCATION_MEANS));
    }
}

static void
update_state (AlcoveConsentEditor *self)
{
  AlcoveConsentStatus stored = alcove_consent_get_stored_status (self->consent);
  gboolean can_edit = alcove_consent_store_can_edit (self->store);
  gboolean draft = stored == ALCOVE_CONSENT_DRAFT && can_edit;
  gboolean active = stored == ALCOVE_CONSENT_ACTIVE && can_edit;
  g_autofree char *subtitle = status_line (self->consent);
  AlcoveClient *client = alcove_client_store_lookup (self->clients,
                                                     alcove_consent_get_field (self->consent,
                                                                               ALCOVE_CONSENT_CLIENT_ID));
  g_autofree char *title = client ? g_strdup_printf ("%s — %s",
                                                     alcove_consent_template_get_name (self->template),
                                                     alcove_client_get_display_name (client))
                                  : g_strdup (alcove_consent_template_get_name (self->template));

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->title, alcove_consent_template_get_name (self->template));
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_widget_set_sensitive (self->fields_group, draft);
  gtk_widget_set_sensitive (self->statements_group, draft);
  gtk_widget_set_sensitive (self->signature_group, draft);
  gtk_widget_set_visible (self->attach_button, draft);
  gtk_widget_set_visible (self->save_button, draft);
  gtk_widget_set_visible (self->activate_button, draft);
  gtk_widget_set_visible (self->delete_button, draft && alcove_consent_get_id (self->consent));
  gtk_widget_set_visible (self->revoke_button, active);
  gtk_widget_set_visible (self->revocation_group, active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.save", draft);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.activate", draft);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.attach", draft);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.delete-draft", draft);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.revoke", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.record-revocation", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.print",
                                 alcove_consent_store_can_read_values (self->store));
  update_document_row (self);
}

static void
clear_problems (AlcoveConsentEditor *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_problems (AlcoveConsentEditor *self,
               GPtrArray           *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);

  clear_problems (self);
  for (guint i = 0; i < problems->len; i++)
    {
      AlcoveConsentProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = g_hash_table_lookup (self->rows, problem->key);

      if (row != NULL)
        gtk_widget_add_css_class (row, "error");
      g_string_append_printf (text, "%s%s", i ? "\n" : "", problem->message);
    }
  gtk_label_set_text (self->error_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), problems->len > 0);
}

static void
show_error (AlcoveConsentEditor *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* Copies what the form holds into the working consent */
static void
collect (AlcoveConsentEditor *self)
{
  AlcoveConsent *c = self->consent;

  for (guint i = 0; i < self->inputs->len; i++)
    {
      Input *input = g_ptr_array_index (self->inputs, i);
      g_autofree char *value = NULL;

      if (input->statement)
        value = g_strdup (gtk_check_button_get_active (GTK_CHECK_BUTTON (input->widget)) ?
                          ALCOVE_CONSENT_ACKNOWLEDGED : "");
      else if (input->type == ALCOVE_CONSENT_FIELD_MULTILINE)
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input->widget));
          GtkTextIter start, end;

          gtk_text_buffer_get_bounds (buffer, &start, &end);
          value = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        }
      else if (input->type == ALCOVE_CONSENT_FIELD_CHOICE)
        {
          guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (input->widget));

          value = g_strdup (selected > 0 && selected <= input->field->options->len ?
                            ((AlcoveConsentOption *) g_ptr_array_index (input->field->options,
                                                                        selected - 1))->id : "");
        }
      else if (input->type == ALCOVE_CONSENT_FIELD_MULTI_CHOICE)
        {
          g_autoptr(GPtrArray) ids = g_ptr_array_new ();

          for (guint k = 0; k < input->checks->len; k++)
            if (gtk_check_button_get_active (input->checks->pdata[k]))
              g_ptr_array_add (ids, g_object_get_data (input->checks->pdata[k], "option-id"));
          g_ptr_array_add (ids, NULL);
          value = g_strjoinv (";", (char **) ids->pdata);
        }
      else if (input->type == ALCOVE_CONSENT_FIELD_DATE)
        value = g_strdup (alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (input->widget)));
      else
        value = g_strdup (gtk_editable_get_text (GTK_EDITABLE (input->widget)));
      alcove_consent_set_value (c, input->key, value);
    }
  alcove_consent_set_signer (c, adw_combo_row_get_selected (self->signer_row));
  alcove_consent_set_capture (c, adw_combo_row_get_selected (self->capture_row));
  alcove_consent_set_field (c, ALCOVE_CONSENT_SIGNER_NAME,
                            gtk_editable_get_text (GTK_EDITABLE (self->signer_name_row)));
  alcove_consent_set_field (c, ALCOVE_CONSENT_SIGNER_AUTHORITY,
                            adw_combo_row_get_selected (self->signer_row) ==
                            ALCOVE_CONSENT_SIGNER_CLIENT ? "" :
                            gtk_editable_get_text (GTK_EDITABLE (self->authority_row)));
  alcove_consent_set_field (c, ALCOVE_CONSENT_SIGNED_ON,
                            alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (self->signed_on_row)));
  alcove_consent_set_field (c, ALCOVE_CONSENT_VALID_FROM,
                            alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (self->valid_from_row)));
  alcove_consent_set_field (c, ALCOVE_CONSENT_EXPIRES_ON,
                            alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (self->expires_on_row)));
}

/* ---- what is typed, kept as a draft ---- */

/* A consent not saved yet is known by its client and kind */
static void
attach_draft (AlcoveConsentEditor *self)
{
  const char *id = alcove_consent_get_id (self->consent);
  g_autofree char *key = id ? g_strdup (id)
                            : g_strdup_printf ("new:%s:%s",
                                               alcove_consent_get_field (self->consent,
                                                                         ALCOVE_CONSENT_CLIENT_ID),
                                               alcove_consent_get_field (self->consent,
                                                                         ALCOVE_CONSENT_KIND));

  self->draft = alcove_form_draft_attach (GTK_WINDOW (self),
                                          alcove_consent_store_get_vault (self->store),
                                          "consent", key, "consent.save");
  alcove_lock_manager_set_reopen_action (GTK_WINDOW (self), "main.edit-consent",
                                         g_variant_new ("(sss)", id ? id : "",
                                                        alcove_consent_get_field (self->consent,
                                                                                  ALCOVE_CONSENT_CLIENT_ID),
                                                        alcove_consent_get_field (self->consent,
                                                                                  ALCOVE_CONSENT_KIND)));
  alcove_form_draft_restore (self->draft, GTK_WIDGET (self->error_label));
}

/* ---- actions ---- */

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveConsentEditor *self = ALCOVE_CONSENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  collect (self);
  if (!alcove_consent_store_save (self->store, self->consent, &error))
    {
      show_error (self, error->message);
      return;
    }
  clear_problems (self);
  update_state (self);
  alcove_form_draft_saved_as (self->draft, alcove_consent_get_id (self->consent));
  show_toast (self, _("Draft saved"));
}

static void
activate_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AlcoveConsentEditor *self = ALCOVE_CONSENT_EDITOR (widget);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  collect (self);
  problems = alcove_consent_store_check (self->store, self->consent);
  if (problems->len > 0)
    {
      show_problems (self, problems);
      return;
    }
  if (!alcove_consent_store_activate (self->store, self->consent, &error))
    {
      show_error (self, error->message);
      return;
    }
  clear_problems (self);
  alcove_date_row_set_iso_date (ALCOVE_DATE_ROW (self->valid_from_row),
                                alcove_consent_get_field (self->consent,
                                                          ALCOVE_CONSENT_VALID_FROM));
  update_state (self);
  alcove_form_draft_saved_as (self->draft, alcove_consent_get_id (self->consent));
  show_toast (self, _("Consent is now active"));
}

static void
revoke_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcoveConsentEditor *self = ALCOVE_CONSENT_EDITOR (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->means_row));
}

static void
record_revocation_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  AlcoveConsentEditor *self = ALCOVE_CONSENT_EDITOR (widget);
  AlcoveDateRow *received_on = ALCOVE_DATE_ROW (self->revoked_on_row);
  g_autoptr(GError) error = NULL;

  if (!alcove_consent_store_revoke (self->store, self->consent,
                                    alcove_date_row_get_iso_date (received_on),
                                    gtk_editable_get_text (GTK_EDITABLE (self->means_row)),
                                    &error))
    {
      show_error (self, error->message);
      return;
    }
  clear_problems (self);
  update_state (self);
  show_toast (self, _("Revocation recorded"));
}

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    AlcoveConsentEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!alcove_consent_store_delete_draft (self->store, self->consent, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_draft_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AlcoveConsentEditor *self = ALCOVE_CONSENT_EDITOR (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete this draft?"),
                                              _("It was never in effect. An attached document"
                                                " stays in the vault."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AlcoveConsentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  char *contents = NULL;
  gsize size = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &size, NULL, &error))
    {
      show_error (self, error->message);
      return;
    }
  bytes = g_bytes_new_take (contents, size);
  if (!alcove_consent_editor_attach_bytes (self, bytes, name, &error))
    show_error (self, error->message);
}

static void
chooser_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     AlcoveConsentEditor *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    g_file_load_contents_async (file, NULL, file_loaded_cb, g_object_ref (self));
  g_clear_object (&self->chooser);
}

static void
attach_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcoveConsentEditor *self = ALCOVE_CONSENT_EDITOR (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = alcove_document_chooser_new (GTK_WINDOW (self), _("Attach the Signed Form"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
view_document_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AlcoveConsentEditor *self = ALCOVE_CONSENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (alcove_consent_editor_show_document (self, &error) == NULL)
    show_error (self, error->message);
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlcoveConsentEditor *self = ALCOVE_CONSENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!alcove_consent_editor_print_to_file (self, NULL, &error))
    show_error (self, error->message);
}

/* ---- the document viewer ---- */

/* The signed document, from the vault into memory and onto the screen. Returns the viewer
 * window (owned by GTK). */
GtkWindow *
alcove_consent_editor_show_document (AlcoveConsentEditor  *self,
                                     GError              **error)
{
  AlcoveVault *vault;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *type = NULL;
  AlcoveDocumentViewer *viewer;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_EDITOR (self), NULL);

  vault = alcove_consent_store_get_vault (self->store);
  contents = alcove_documents_dup (vault, alcove_consent_get_field (self->consent,
                                                                    ALCOVE_CONSENT_DOCUMENT_ID),
                                   &name, &type, error);
  if (contents == NULL)
    return NULL;
  viewer = alcove_document_viewer_new (GTK_WINDOW (self), _("Signed Document"), name, contents,
                                       type, error);
  if (viewer == NULL)
    return NULL;
  gtk_window_set_default_size (GTK_WINDOW (viewer), 640, 720);
  gtk_window_present (GTK_WINDOW (viewer));
  return GTK_WINDOW (viewer);
}

/* ---- public ---- */

/* Reads a signed form into the vault (a PDF, PNG or JPEG) and attaches it to the consent,
 * saving the draft so the attachment is not lost. The tests call this instead of the file
 * chooser. */
gboolean
alcove_consent_editor_attach_bytes (AlcoveConsentEditor  *self,
                                    GBytes               *contents,
                                    const char           *name,
                                    GError              **error)
{
  gsize size;
  gconstpointer data;
  g_autofree char *guessed = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_EDITOR (self), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  data = g_bytes_get_data (contents, &size);
  guessed = g_content_type_guess (name, data, size, NULL);
  mime = g_content_type_get_mime_type (guessed);
  if (mime == NULL || (!g_str_equal (mime, "application/pdf") &&
                       !g_str_equal (mime, "image/png") && !g_str_equal (mime, "image/jpeg")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Signed document: attach a PDF, PNG or JPEG file of the signed"
                             " form."));
      return FALSE;
    }
  id = alcove_documents_add (alcove_consent_store_get_vault (self->store), contents, name, mime,
                             error);
  if (id == NULL)
    return FALSE;
  collect (self);
  alcove_consent_set_field (self->consent, ALCOVE_CONSENT_DOCUMENT_ID, id);
  if (!alcove_consent_store_save (self->store, self->consent, error))
    return FALSE;
  update_state (self);
  show_toast (self, _("Signed document attached"));
  return TRUE;
}

/* The consent as the form holds it now (owned by the editor) */
AlcoveConsent *
alcove_consent_editor_get_consent (AlcoveConsentEditor *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_EDITOR (self), NULL);

  if (alcove_consent_get_stored_status (self->consent) == ALCOVE_CONSENT_DRAFT)
    collect (self);
  return self->consent;
}

/* pdf_path NULL: the print dialog */
gboolean
alcove_consent_editor_print_to_file (AlcoveConsentEditor  *self,
                                     const char           *pdf_path,
                                     GError              **error)
{
  AlcoveClient *client;
  AlcoveVault *vault;
  gboolean printed = FALSE;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_EDITOR (self), FALSE);

  client = alcove_client_store_lookup (self->clients,
                                       alcove_consent_get_field (self->consent,
                                                                 ALCOVE_CONSENT_CLIENT_ID));
  vault = alcove_consent_store_get_vault (self->store);
  if (!alcove_consent_print_form (GTK_WINDOW (self), alcove_consent_editor_get_consent (self),
                                  alcove_vault_get_practice_name (vault),
                                  client ? alcove_client_get_display_name (client) : "",
                                  pdf_path, &printed, error))
    return FALSE;
  if (printed)
    alcove_consent_store_record_print (self->store, self->consent);
  return TRUE;
}

static void
alcove_consent_editor_dispose (GObject *object)
{
  AlcoveConsentEditor *self = ALCOVE_CONSENT_EDITOR (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->clients);
  g_clear_object (&self->consent);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (alcove_consent_editor_parent_class)->dispose (object);
}

static void
alcove_consent_editor_class_init (AlcoveConsentEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_consent_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-consent-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentEditor, toasts);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentEditor, title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentEditor, print_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentEditor, activate_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentEditor, revoke_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentEditor, page);

  gtk_widget_class_install_action (widget_class, "consent.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "consent.activate", NULL, activate_action_cb);
  gtk_widget_class_install_action (widget_class, "consent.revoke", NULL, revoke_action_cb);
  gtk_widget_class_install_action (widget_class, "consent.record-revocation", NULL,
                                   record_revocation_action_cb);
  gtk_widget_class_install_action (widget_class, "consent.delete-draft", NULL,
                                   delete_draft_action_cb);
  gtk_widget_class_install_action (widget_class, "consent.attach", NULL, attach_action_cb);
  gtk_widget_class_install_action (widget_class, "consent.view-document", NULL,
                                   view_document_action_cb);
  gtk_widget_class_install_action (widget_class, "consent.print", NULL, print_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "consent.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "consent.print", NULL);
  /* Ctrl+W is the application's, in every window */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
alcove_consent_editor_init (AlcoveConsentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->inputs = g_ptr_array_new_with_free_func (input_free);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* @consent: a new one (no id) or one read from the store; the editor works on a copy */
AlcoveConsentEditor *
alcove_consent_editor_new (GtkWindow          *parent,
                           AlcoveConsentStore *store,
                           AlcoveClientStore  *clients,
                           AlcoveConsent      *consent)
{
  AlcoveConsentEditor *self;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (store), NULL);
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (clients), NULL);
  g_return_val_if_fail (ALCOVE_IS_CONSENT (consent), NULL);

  self = g_object_new (ALCOVE_TYPE_CONSENT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->clients = g_object_ref (clients);
  self->consent = alcove_consent_copy (consent);
  self->template = alcove_consent_template_lookup (alcove_consent_get_field (consent,
                                                                             ALCOVE_CONSENT_KIND));
  if (self->template == NULL)
    self->template = alcove_consent_template_lookup (ALCOVE_CONSENT_KIND_INTAKE);
  build_fields (self);
  build_statements (self);
  build_signature (self);
  build_document (self);
  build_revocation (self);
  update_state (self);
  attach_draft (self);
  return self;
}
