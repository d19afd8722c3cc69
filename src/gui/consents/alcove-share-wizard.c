/* alcove-share-wizard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-share-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alcove-date.h"
#include "alcove-date-row.h"
#include "alcove-application.h"
#include "alcove-disclosure-content.h"
#include "alcove-consent-store.h"
#include "alcove-disclosure-rules.h"
#include "alcove-disclosure-store.h"
#include "alcove-documents.h"
#include "alcove-lists-and-messages.h"
#include "alcove-note-format.h"
#include "alcove-note-printer.h"
#include "alcove-package.h"
#include "alcove-package-dialogs.h"
#include "alcove-print-markup.h"
#include "alcove-share-wizard.h"

/* Sharing a note or a stretch of a client's record with someone outside the practice, in
 * four steps: who receives it, what exactly (minimum necessary), for what purpose and on
 * what basis, and the output. The basis is checked by alcove_disclosure_rules_check(): an
 * authorization in effect that covers the recipient, information and purpose, or a legal
 * basis with its justification (and, for a court order, the order attached). A refusal
 * says which authorization failed and why, and keeps every choice. The disclosure is
 * recorded only once the output was printed or saved. */

static const char *steps[] = { "recipient", "content", "basis", "output" };

/* What each category holds is chosen in core (alcove-disclosure-content.h and the stores):
 * the diagnosis is the client's problem list, the treatment plan the plans in force,
 * assessment results the outcome measures given in the range (scores and bands, never the
 * answers), the discharge summary the signed discharge notes in the range, or the latest. */

struct _AlcoveShareWizard
{
  AdwWindow            parent_instance;

  AlcoveWorkspace     *workspace;
  AlcoveNoteStore     *notes;
  AlcoveClientStore   *clients;
  AlcoveVault         *vault;
  char                *client_id;
  AlcoveNote          *note;              /* sharing one note, or NULL: the record */
  GPtrArray           *consents;          /* AlcoveConsent of the client */
  GtkCheckButton      *basis_group;       /* never shown: the radios' group, active for none */
  char                *picked_consent_id; /* the authorization a recipient was picked from */
  char                *document_id;       /* the attached court order */
  guint                step;
  gboolean             recorded;
  AlcovePackage       *package;           /* being written, with what locks it */
  char                *package_path;
  AlcoveSecret        *passphrase;
  AlcovePackageKey    *package_key;
  AdwMessageDialog    *package_dialog;    /* the passphrase and its delivery, while up */

  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *back_button;
  GtkButton           *next_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkStack            *stack;
  GtkWidget           *recipients_group;
  GtkListBox          *recipients_box;
  AdwEntryRow         *recipient_row;
  AdwEntryRow         *address_row;
  AdwComboRow         *recipient_kind_row;
  GtkWidget           *attestation_group;
  AdwActionRow        *attestation_row;
  GtkCheckButton      *attestation_check;
  GtkWidget           *sections_group;
  GtkListBox          *sections_box;
  GtkWidget           *range_group;
  AlcoveDateRow       *from_row;
  AlcoveDateRow       *to_row;
  GtkWidget           *categories_group;
  GtkListBox          *categories_box;
  GtkWidget           *psychotherapy_group;
  GtkSwitch           *psychotherapy_switch;
  AdwComboRow         *purpose_row;
  GtkListBox          *authorizations_box;
  GtkListBox          *bases_box;
  GtkWidget           *justification_group;
  AdwEntryRow         *justification_row;
  AdwActionRow        *document_row;
  GtkListBox          *review_box;
  GtkWidget           *output_buttons;
  GtkLabel            *done_label;
};

G_DEFINE_FINAL_TYPE (AlcoveShareWizard, alcove_share_wizard, ADW_TYPE_WINDOW)

enum {
  DISCLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AlcoveClient *
get_client (AlcoveShareWizard *self)
{
  return alcove_client_store_lookup (self->clients, self->client_id);
}

const char *
alcove_share_wizard_get_error (AlcoveShareWizard *self)
{
  g_return_val_if_fail (ALCOVE_IS_SHARE_WIZARD (self), NULL);
  return gtk_revealer_get_reveal_child (self->error_revealer)
         ? gtk_label_get_text (self->error_label) : NULL;
}

const char *
alcove_share_wizard_get_step (AlcoveShareWizard *self)
{
  g_return_val_if_fail (ALCOVE_IS_SHARE_WIZARD (self), NULL);
  return steps[self->step];
}

/* ---- what is chosen ---- */

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
dup_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (entry_text (row)));
}

static gboolean
includes_psychotherapy (AlcoveShareWizard *self)
{
  if (self->note != NULL)
    return alcove_note_is_private (self->note);
  return gtk_widget_get_visible (self->psychotherapy_group) &&
         gtk_switch_get_active (self->psychotherapy_switch);
}

static gboolean
row_checked (GtkListBoxRow *row)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

  return check != NULL && gtk_widget_get_sensitive (GTK_WIDGET (check)) &&
         gtk_check_button_get_active (check);
}

/* The ids of rows whose box is ticked, as a NULL-terminated array */
static GStrv
dup_checked_ids (GtkListBox *box)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (box, i)) != NULL; i++)
    if (row_checked (row))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (row), "id"));
  return g_strv_builder_end (builder);
}

static GStrv
dup_categories (AlcoveShareWizard *self)
{
  if (self->note != NULL)
    {
      const char *none[] = { NULL };
      const char *progress[] = { "progress-notes", NULL };

      /* a psychotherapy note is no category of the record: it needs its own authorization */
      return g_strdupv ((char **) (alcove_note_is_private (self->note) ? none : progress));
    }
  return dup_checked_ids (self->categories_box);
}

static const char *
range_date (AlcoveDateRow *row,
            gboolean      *valid)
{
  const char *text = alcove_date_row_get_iso_date (row);

  if (*text != '\0' && !alcove_date_is_valid (text))
    *valid = FALSE;
  return *text != '\0' ? text : NULL;
}

/* The notes of the record (signed, or the author's own psychotherapy notes) in the range,
 * oldest first */
static GPtrArray *
dup_range_notes (AlcoveShareWizard *self,
                 gboolean           private_notes)
{
  GPtrArray *selected = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) all = NULL;
  gboolean valid = TRUE;
  const char *from = range_date (self->from_row, &valid);
  const char *to = range_date (self->to_row, &valid);

  all = alcove_note_store_list_for_client (self->notes, self->client_id, private_notes, NULL);
  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveNote) note = g_list_model_get_item (all, i);

      if (alcove_date_in_range (alcove_note_get_session_date (note), from, to) &&
          alcove_note_is_private (note) == private_notes &&
          (private_notes || alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED))
        g_ptr_array_insert (selected, 0, g_steal_pointer (&note));
    }
  return selected;
}

/* The outcome measures given in the range, oldest first; NULL with the reason when none */
static GListModel *
dup_assessments (AlcoveShareWizard  *self,
                 GError            **error)
{
  gboolean valid = TRUE;
  const char *from = range_date (self->from_row, &valid);
  const char *to = range_date (self->to_row, &valid);

  return alcove_disclosure_content_assessments (alcove_workspace_get_measures (self->workspace),
                                                self->client_id, from, to, error);
}

/* The signed discharge summaries in the range, or the latest; NULL with the reason when none */
static GListModel *
dup_discharge (AlcoveShareWizard  *self,
               GError            **error)
{
  gboolean valid = TRUE;
  const char *from = range_date (self->from_row, &valid);
  const char *to = range_date (self->to_row, &valid);

  return alcove_disclosure_content_discharge (self->notes, self->client_id, from, to, error);
}

/* The client's problem list, current diagnoses first */
static GListModel *
dup_diagnoses (AlcoveShareWizard *self)
{
  GListModel *diagnoses =
    alcove_diagnosis_store_list_for_client (alcove_workspace_get_diagnoses (self->workspace),
                                            self->client_id, NULL);

  return diagnoses ? diagnoses : G_LIST_MODEL (g_list_store_new (ALCOVE_TYPE_DIAGNOSIS));
}

/* The treatment plans in force, as their signed versions */
static GListModel *
dup_plans (AlcoveShareWizard *self)
{
  GListModel *plans = alcove_plan_store_list_current (alcove_workspace_get_plans (self->workspace),
                                                      self->client_id, NULL);

  return plans ? plans : G_LIST_MODEL (g_list_store_new (ALCOVE_TYPE_PLAN));
}

/* The sessions attended in the range, oldest first, each once (the store's answer: not the
 * cancelled or missed ones), as lines: the date, and the time where one was recorded */
static GPtrArray *
dup_range_sessions (AlcoveShareWizard *self)
{
  GPtrArray *dates = g_ptr_array_new_with_free_func (g_free);
  gboolean valid = TRUE;
  const char *from = range_date (self->from_row, &valid);
  const char *to = range_date (self->to_row, &valid);
  g_autoptr(GListModel) sessions = alcove_client_store_list_attended (self->clients,
                                                                      self->client_id, from, to,
                                                                      NULL);

  for (guint i = 0; sessions != NULL && i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(AlcoveSession) session = g_list_model_get_item (sessions, i);
      const char *date = alcove_session_get_field (session, ALCOVE_SESSION_DATE);
      const char *start = alcove_session_get_field (session, ALCOVE_SESSION_START_TIME);

      /* Translators: a session attended, as a disclosure lists it: its date and time */
      g_ptr_array_add (dates, *start != '\0' ? g_strdup_printf (_("%s, %s"), date, start)
                                             : g_strdup (date));
    }
  return dates;
}

static gboolean
validate_content (AlcoveShareWizard  *self,
                  GError            **error)
{
  g_auto(GStrv) categories = NULL;
  gboolean valid = TRUE;

  if (self->note != NULL)
    {
      g_auto(GStrv) sections = dup_checked_ids (self->sections_box);

      return sections[0] != NULL ||
             alcove_error_invalid (error, _("Tick at least one section to share."));
    }

  range_date (self->from_row, &valid);
  range_date (self->to_row, &valid);
  if (!valid)
    return alcove_error_invalid (error, _("Enter the dates as days, or leave them empty."));
  categories = dup_categories (self);
  if (categories[0] == NULL && !includes_psychotherapy (self))
    return alcove_error_invalid (error, _("Tick at least one kind of information to share."));
  for (guint i = 0; categories[i] != NULL; i++)
    {
      if (g_str_equal (categories[i], "assessment-results"))
        {
          g_autoptr(GListModel) given = dup_assessments (self, error);

          if (given == NULL)
            return FALSE;
        }
      if (g_str_equal (categories[i], "discharge-summary"))
        {
          g_autoptr(GListModel) summaries = dup_discharge (self, error);

          if (summaries == NULL)
            return FALSE;
        }
      if (g_str_equal (categories[i], "diagnosis"))
        {
          g_autoptr(GListModel) diagnoses = dup_diagnoses (self);

          if (g_list_model_get_n_items (diagnoses) == 0)
            return alcove_error_invalid (error,
                                         _("There is no diagnosis on this client’s problem "
                                           "list."));
        }
      if (g_str_equal (categories[i], "treatment-plan"))
        {
          g_autoptr(GListModel) plans = dup_plans (self);

          if (g_list_model_get_n_items (plans) == 0)
            return alcove_error_invalid (error,
                                         _("There is no signed treatment plan in force to "
                                           "share."));
        }
      if (g_str_equal (categories[i], "progress-notes"))
        {
          g_autoptr(GPtrArray) notes = dup_range_notes (self, FALSE);

          if (notes->len == 0)
            return alcove_error_invalid (error,
                                         _("There are no signed progress notes between those "
                                           "dates."));
        }
      if (g_str_equal (categories[i], "attendance"))
        {
          g_autoptr(GPtrArray) dates = dup_range_sessions (self);

          if (dates->len == 0)
            return alcove_error_invalid (error, _("There are no sessions between those dates."));
        }
    }
  if (includes_psychotherapy (self))
    {
      g_autoptr(GPtrArray) notes = dup_range_notes (self, TRUE);

      if (notes->len == 0)
        return alcove_error_invalid (error,
                                     _("You have no psychotherapy notes between those dates."));
    }
  return TRUE;
}

static const char *
chosen_purpose (AlcoveShareWizard *self)
{
  const char * const *ids = alcove_disclosure_purpose_ids ();
  guint selected = adw_combo_row_get_selected (self->purpose_row);

  return selected < g_strv_length ((char **) ids) ? ids[selected] : NULL;
}

static GtkCheckButton *
chosen_radio (AlcoveShareWizard *self)
{
  GtkListBox *boxes[] = { self->authorizations_box, self->bases_box };

  for (guint b = 0; b < G_N_ELEMENTS (boxes); b++)
    {
      GtkListBoxRow *row;

      for (int i = 0; (row = gtk_list_box_get_row_at_index (boxes[b], i)) != NULL; i++)
        {
          GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

          if (check != NULL && gtk_widget_get_visible (GTK_WIDGET (row)) &&
              gtk_check_button_get_active (check))
            return check;
        }
    }
  return NULL;
}

static const char *
chosen_basis (AlcoveShareWizard *self)
{
  GtkCheckButton *radio = chosen_radio (self);

  return radio ? g_object_get_data (G_OBJECT (radio), "basis") : NULL;
}

static const char *
chosen_consent_id (AlcoveShareWizard *self)
{
  GtkCheckButton *radio = chosen_radio (self);

  return radio ? g_object_get_data (G_OBJECT (radio), "consent-id") : NULL;
}

static void
reload_consents (AlcoveShareWizard *self)
{
  AlcoveConsentStore *store = alcove_workspace_get_consents (self->workspace);

  g_clear_pointer (&self->consents, g_ptr_array_unref);
  self->consents = alcove_consent_store_list_for_client (store, self->client_id, NULL);
  if (self->consents == NULL)
    self->consents = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The kind of recipient chosen, or NULL while “Choose…” is */
static const char *
chosen_recipient_kind (AlcoveShareWizard *self)
{
  const char * const *ids = alcove_disclosure_recipient_kind_ids ();
  guint selected = adw_combo_row_get_selected (self->recipient_kind_row);

  return selected > 0 && selected <= g_strv_length ((char **) ids) ? ids[selected - 1] : NULL;
}

/* What is chosen now, as the one request core decides and records */
typedef struct
{
  AlcoveDisclosureRequest request;
  GStrv                   categories;
  char                   *recipient;
  char                   *justification;
  GDate                  *day;
} WizardRequest;

static void
wizard_request_clear (WizardRequest *w)
{
  g_clear_pointer (&w->categories, g_strfreev);
  g_clear_pointer (&w->recipient, g_free);
  g_clear_pointer (&w->justification, g_free);
  g_clear_pointer (&w->day, g_date_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WizardRequest, wizard_request_clear)

static void
wizard_request_init (AlcoveShareWizard *self,
                     WizardRequest     *w)
{
  const char *basis = chosen_basis (self);
  const AlcoveDisclosureBasis *info = alcove_disclosure_basis_lookup (basis);

  w->categories = dup_categories (self);
  w->recipient = dup_trimmed (self->recipient_row);
  w->justification = dup_trimmed (self->justification_row);
  w->day = alcove_date_today ();
  w->request = (AlcoveDisclosureRequest) {
    .client_id = self->client_id,
    .recipient = w->recipient,
    .recipient_kind = chosen_recipient_kind (self),
    .attested = gtk_check_button_get_active (self->attestation_check),
    .categories = (const char * const *) w->categories,
    .includes_psychotherapy_notes = includes_psychotherapy (self),
    .purpose = chosen_purpose (self),
    .basis = basis,
    .justification = info && info->needs_justification ? w->justification : NULL,
    .document_id = info && info->needs_document ? self->document_id : NULL,
    .consent_id = chosen_consent_id (self),
    .day = w->day,
  };
}

/* Runs the rules on what is chosen now, to say early what core would refuse */
static gboolean
check_request (AlcoveShareWizard  *self,
               GError            **error)
{
  g_auto(WizardRequest) w = { 0 };

  wizard_request_init (self, &w);
  return alcove_disclosure_rules_check (&w.request, self->consents, NULL, error);
}

/* ---- step 1: recipients named in authorizations in effect ---- */

static char *
describe_consent (AlcoveConsent *consent,
                  GDate         *day)
{
  g_autofree char *status = alcove_disclosure_rules_describe_status (consent, day);
  const char *signed_on = alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNED_ON);
  const char *kind = g_str_equal (alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND),
                                  ALCOVE_CONSENT_KIND_PSYCHOTHERAPY)
                     ? _("Psychotherapy notes") : _("Release of information");

  /* Translators: "<kind> · signed <date> · <status>" */
  return *signed_on ? g_strdup_printf (_("%s · signed %s · %s"), kind, signed_on, status)
                    : g_strdup_printf (_("%s · %s"), kind, status);
}

static void
recipient_activated_cb (AdwActionRow      *row,
                        AlcoveShareWizard *self)
{
  AlcoveConsent *consent = g_object_get_data (G_OBJECT (row), "consent");

  gtk_editable_set_text (GTK_EDITABLE (self->recipient_row),
                         alcove_consent_get_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT));
  gtk_editable_set_text (GTK_EDITABLE (self->address_row),
                         alcove_consent_get_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT_ADDRESS));
  g_free (self->picked_consent_id);
  self->picked_consent_id = g_strdup (alcove_consent_get_id (consent));
}

static void
fill_recipients (AlcoveShareWizard *self)
{
  g_autoptr(GDate) day = alcove_date_today ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  for (guint i = 0; i < self->consents->len; i++)
    {
      AlcoveConsent *consent = g_ptr_array_index (self->consents, i);
      const char *recipient = alcove_consent_get_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT);
      g_autofree char *folded = g_utf8_casefold (recipient, -1);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (!alcove_disclosure_rules_is_authorization (consent) || *recipient == '\0' ||
          alcove_consent_get_status_on (consent, day) != ALCOVE_CONSENT_ACTIVE ||
          g_ptr_array_find_with_equal_func (seen, folded, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, g_steal_pointer (&folded));
      row = adw_action_row_new ();
      subtitle = describe_consent (consent, day);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), recipient);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "consent", g_object_ref (consent), g_object_unref);
      g_signal_connect_object (row, "activated", G_CALLBACK (recipient_activated_cb), self, 0);
      gtk_list_box_append (self->recipients_box, row);
      n++;
    }
  gtk_widget_set_visible (self->recipients_group, n > 0);
}

/* ---- step 2: what exactly ---- */

static GtkWidget *
check_row_new (const char *id,
               const char *title,
               const char *subtitle,
               gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "check", check);
  gtk_widget_set_name (row, id);
  return row;
}

static void
fill_sections (AlcoveShareWizard *self)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (self->note));

  for (guint i = 0; format != NULL && i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);
      const char *text = alcove_note_get_section (self->note, section->key);

      if (text == NULL || *text == '\0')
        continue;
      gtk_list_box_append (self->sections_box,
                           check_row_new (section->key, section->title, text, TRUE));
    }
  if (alcove_note_get_addenda (self->note)->len > 0)
    gtk_list_box_append (self->sections_box,
                         check_row_new ("addenda", _("Addenda"),
                                        _("Corrections and later information added after "
                                          "signing"), TRUE));
}

static void
fill_categories (AlcoveShareWizard *self)
{
  const char * const *ids = alcove_disclosure_category_ids ();
  gboolean can_read = alcove_note_store_can_read_notes (self->notes);
  gboolean reads_plans = alcove_plan_store_can_read (alcove_workspace_get_plans (self->workspace));
  gboolean reads_diagnoses =
    alcove_diagnosis_store_can_read (alcove_workspace_get_diagnoses (self->workspace));
  gboolean reads_measures =
    alcove_measure_store_can_read (alcove_workspace_get_measures (self->workspace));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *subtitle = NULL;
      GtkWidget *row;

      if (g_str_equal (ids[i], "attendance"))
        subtitle = _("The dates of sessions attended");
      else if (g_str_equal (ids[i], "progress-notes"))
        subtitle = can_read ? _("Every signed progress note, in full")
                            : _("Your role does not give access to clinical notes");
      else if (g_str_equal (ids[i], "diagnosis"))
        subtitle = reads_diagnoses ? _("The problem list: each code, its words and its dates")
                                   : _("Your role does not give access to diagnoses");
      else if (g_str_equal (ids[i], "treatment-plan"))
        subtitle = reads_plans ? _("The treatment plan in force, as it was signed")
                               : _("Your role does not give access to treatment plans");
      else if (g_str_equal (ids[i], "assessment-results"))
        subtitle = reads_measures
                   ? _("Each outcome measure given between the dates: its total, band and "
                       "safety item, never the answers")
                   : _("Your role does not give access to outcome measures");
      else if (g_str_equal (ids[i], "discharge-summary"))
        subtitle = can_read ? _("The signed discharge summaries between the dates, or the latest")
                            : _("Your role does not give access to clinical notes");
      row = check_row_new (ids[i], alcove_disclosure_category_get_title (ids[i]), subtitle, FALSE);
      if ((g_str_equal (ids[i], "progress-notes") && !can_read) ||
          (g_str_equal (ids[i], "discharge-summary") && !can_read) ||
          (g_str_equal (ids[i], "assessment-results") && !reads_measures) ||
          (g_str_equal (ids[i], "diagnosis") && !reads_diagnoses) ||
          (g_str_equal (ids[i], "treatment-plan") && !reads_plans))
        gtk_widget_set_sensitive (row, FALSE);
      gtk_list_box_append (self->categories_box, row);
    }
}

/* ---- step 3: purpose and basis ---- */

/* What the person confirms about the recipient, asked anew whenever the basis changes */
static void
update_attestation (AlcoveShareWizard           *self,
                    const AlcoveDisclosureBasis *basis)
{
  const char *text = basis ? basis->attestation : NULL;

  if (g_strcmp0 (text, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->attestation_row))) != 0)
    gtk_check_button_set_active (self->attestation_check, FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->attestation_row), text ? text : "");
  gtk_widget_set_visible (self->attestation_group, text != NULL);
}

static void
update_justification (AlcoveShareWizard *self)
{
  const AlcoveDisclosureBasis *basis = alcove_disclosure_basis_lookup (chosen_basis (self));

  gtk_widget_set_visible (self->justification_group,
                          basis != NULL && (basis->needs_justification || basis->needs_document));
  gtk_widget_set_visible (GTK_WIDGET (self->justification_row),
                          basis != NULL && basis->needs_justification);
  gtk_widget_set_visible (GTK_WIDGET (self->document_row), basis != NULL && basis->needs_document);
  update_attestation (self, basis);
}

static void
radio_toggled_cb (GtkCheckButton    *check,
                  AlcoveShareWizard *self)
{
  if (gtk_check_button_get_active (check))
    {
      alcove_message_show_error (self->error_revealer, self->error_label, NULL);
      update_justification (self);
    }
}

static GtkWidget *
radio_row_new (AlcoveShareWizard *self,
               const char        *title,
               const char        *subtitle,
               const char        *basis_id,
               const char        *consent_id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *radio = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (radio, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (radio), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), self->basis_group);
  g_object_set_data_full (G_OBJECT (radio), "basis", g_strdup (basis_id), g_free);
  g_object_set_data_full (G_OBJECT (radio), "consent-id", g_strdup (consent_id), g_free);
  g_signal_connect_object (radio, "toggled", G_CALLBACK (radio_toggled_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), radio);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), radio);
  g_object_set_data (G_OBJECT (row), "check", radio);
  gtk_widget_set_name (row, consent_id ? consent_id : basis_id);
  return row;
}

static void
fill_bases (AlcoveShareWizard *self)
{
  /* only the bases worded for the practice's law */
  g_autoptr(GPtrArray) bases =
    alcove_disclosure_bases_for (alcove_practice_get_jurisdiction (self->vault));
  g_autoptr(GtkStringList) purposes = gtk_string_list_new (NULL);
  const char * const *purpose_ids = alcove_disclosure_purpose_ids ();

  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const char * const *kind_ids = alcove_disclosure_recipient_kind_ids ();

  for (guint i = 0; purpose_ids[i] != NULL; i++)
    gtk_string_list_append (purposes, alcove_disclosure_purpose_get_title (purpose_ids[i]));
  adw_combo_row_set_model (self->purpose_row, G_LIST_MODEL (purposes));
  gtk_string_list_append (kinds, _("Choose…"));
  for (guint i = 0; kind_ids[i] != NULL; i++)
    gtk_string_list_append (kinds, alcove_disclosure_recipient_kind_get_title (kind_ids[i]));
  adw_combo_row_set_model (self->recipient_kind_row, G_LIST_MODEL (kinds));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->attestation_row), FALSE);

  for (guint i = 0; i < bases->len; i++)
    {
      const AlcoveDisclosureBasis *basis = g_ptr_array_index (bases, i);
      GtkWidget *row;

      if (g_str_equal (basis->id, ALCOVE_BASIS_AUTHORIZATION))
        continue;
      row = radio_row_new (self, basis->title, basis->explanation, basis->id, NULL);
      g_object_set_data (G_OBJECT (row), "psychotherapy-only",
                         GINT_TO_POINTER (basis->psychotherapy_notes_only));
      gtk_list_box_append (self->bases_box, row);
    }
}

static void
fill_authorizations (AlcoveShareWizard *self)
{
  g_autoptr(GDate) day = alcove_date_today ();

  alcove_list_box_remove_rows (self->authorizations_box);
  for (guint i = 0; i < self->consents->len; i++)
    {
      AlcoveConsent *consent = g_ptr_array_index (self->consents, i);
      const char *recipient = alcove_consent_get_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT);
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;

      if (!alcove_disclosure_rules_is_authorization (consent))
        continue;
      subtitle = describe_consent (consent, day);
      /* Translators: an authorization in a list, "Authorization for <recipient>" */
      title = g_strdup_printf (_("Authorization for %s"), *recipient ? recipient
                                                                     : _("an unnamed recipient"));
      gtk_list_box_append (self->authorizations_box,
                           radio_row_new (self, title, subtitle, ALCOVE_BASIS_AUTHORIZATION,
                                          alcove_consent_get_id (consent)));
    }
  gtk_list_box_set_placeholder (self->authorizations_box,
                                gtk_label_new (_("No authorizations on file for this client")));
}

static void
select_radio_for (AlcoveShareWizard *self,
                  const char        *consent_id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->authorizations_box, i)) != NULL; i++)
    {
      GtkCheckButton *radio = g_object_get_data (G_OBJECT (row), "check");

      if (g_strcmp0 (g_object_get_data (G_OBJECT (radio), "consent-id"), consent_id) == 0)
        gtk_check_button_set_active (radio, TRUE);
    }
}

static void
select_purpose (AlcoveShareWizard *self,
                AlcoveConsent     *consent)
{
  g_auto(GStrv) purposes = g_strsplit (alcove_consent_get_value (consent,
                                                                 ALCOVE_CONSENT_VALUE_PURPOSE),
                                       ";", -1);
  const char * const *ids = alcove_disclosure_purpose_ids ();

  for (guint i = 0; purposes[0] != NULL && ids[i] != NULL; i++)
    if (g_str_equal (ids[i], g_strstrip (purposes[0])))
      adw_combo_row_set_selected (self->purpose_row, i);
}

/* Entering step 3: the authorizations as they stand now, the exceptions for psychotherapy
 * notes only when those are shared, and a sensible choice made for the person: the
 * authorization the recipient was picked from, or the newest naming that recipient. */
static void
prepare_basis_step (AlcoveShareWizard *self)
{
  g_autofree char *recipient = dup_trimmed (self->recipient_row);
  AlcoveConsent *preferred = NULL;
  gboolean psychotherapy = includes_psychotherapy (self);
  GtkCheckButton *previous = chosen_radio (self);
  g_autofree char *previous_basis = previous ? g_strdup (g_object_get_data (G_OBJECT (previous),
                                                                           "basis")) : NULL;
  g_autofree char *previous_consent = previous ? g_strdup (g_object_get_data (G_OBJECT (previous),
                                                                             "consent-id"))
                                               : NULL;
  GtkListBoxRow *row;

  reload_consents (self);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->bases_box, i)) != NULL; i++)
    {
      gboolean only = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "psychotherapy-only"));
      GtkCheckButton *radio = g_object_get_data (G_OBJECT (row), "check");

      gtk_widget_set_visible (GTK_WIDGET (row), !only || psychotherapy);
      if (only && !psychotherapy && gtk_check_button_get_active (radio))
        {
          gtk_check_button_set_active (self->basis_group, TRUE);
          g_clear_pointer (&previous_basis, g_free);
        }
    }
  fill_authorizations (self);

  for (guint i = 0; i < self->consents->len; i++)
    {
      AlcoveConsent *consent = g_ptr_array_index (self->consents, i);

      if (!alcove_disclosure_rules_is_authorization (consent) ||
          !alcove_disclosure_rules_names_recipient (consent, recipient))
        continue;
      if (g_strcmp0 (alcove_consent_get_id (consent), self->picked_consent_id) == 0)
        {
          preferred = consent;
          break;
        }
      if (preferred == NULL)
        preferred = consent;
    }

  /* an authorization chosen before for another recipient gives way to this one's */
  for (guint i = 0; previous_consent != NULL && i < self->consents->len; i++)
    {
      AlcoveConsent *consent = g_ptr_array_index (self->consents, i);

      if (g_strcmp0 (alcove_consent_get_id (consent), previous_consent) == 0 &&
          !alcove_disclosure_rules_names_recipient (consent, recipient))
        g_clear_pointer (&previous_basis, g_free);
    }
  if (previous_basis != NULL && g_str_equal (previous_basis, ALCOVE_BASIS_AUTHORIZATION))
    select_radio_for (self, previous_consent);
  else if (previous_basis == NULL && preferred != NULL)
    {
      select_radio_for (self, alcove_consent_get_id (preferred));
      select_purpose (self, preferred);
    }
  update_justification (self);
}

/* ---- step 4: the output ---- */

static void
add_review_row (AlcoveShareWizard *self,
                const char        *title,
                const char        *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (self->review_box, row);
}

/* "SOAP note of 2024-05-02: Subjective, Assessment" or "Record from … to …: …": the brief
 * description the log and the accounting keep */
static char *
compose_description (AlcoveShareWizard *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_auto(GStrv) categories = NULL;

  if (self->note != NULL)
    {
      AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (self->note));
      g_auto(GStrv) keys = dup_checked_ids (self->sections_box);
      g_autofree char *joined = NULL;
      g_autofree char *what = NULL;
      g_autofree char *day = NULL;

      for (guint i = 0; keys[i] != NULL; i++)
        {
          const AlcoveFormatSection *section = format ? alcove_note_format_find_section (format,
                                                                                        keys[i])
                                                      : NULL;

          g_ptr_array_add (parts, section ? section->title : _("Addenda"));
        }
      g_ptr_array_add (parts, NULL);
      joined = g_strjoinv (_(", "), (char **) parts->pdata);
      what = alcove_note_is_private (self->note)
        ? g_strdup (_("Psychotherapy note"))
        /* Translators: "SOAP note" */
        : g_strdup_printf (_("%s note"), format ? alcove_note_format_get_name (format) : "");
      day = alcove_date_format (alcove_note_get_session_date (self->note));
      /* Translators: "<SOAP note> of <date>: <sections>" */
      return g_strdup_printf (_("%s of %s: %s"), what, day, joined);
    }

  categories = dup_categories (self);
  for (guint i = 0; categories[i] != NULL; i++)
    g_ptr_array_add (parts, (gpointer) alcove_disclosure_category_get_title (categories[i]));
  if (includes_psychotherapy (self))
    g_ptr_array_add (parts, _("Psychotherapy notes"));
  g_ptr_array_add (parts, NULL);
  {
    g_autofree char *joined = g_strjoinv (_(", "), (char **) parts->pdata);
    g_autofree char *from = alcove_date_format (alcove_date_row_get_iso_date (self->from_row));
    g_autofree char *to = alcove_date_format (alcove_date_row_get_iso_date (self->to_row));

    if (*from && *to)
      return g_strdup_printf (_("Record from %s to %s: %s"), from, to, joined);
    if (*from)
      return g_strdup_printf (_("Record from %s: %s"), from, joined);
    if (*to)
      return g_strdup_printf (_("Record up to %s: %s"), to, joined);
    return g_strdup_printf (_("Record: %s"), joined);
  }
}

static void
prepare_output_step (AlcoveShareWizard *self)
{
  const AlcoveDisclosureBasis *basis = alcove_disclosure_basis_lookup (chosen_basis (self));
  g_autofree char *recipient = dup_trimmed (self->recipient_row);
  g_autofree char *address = dup_trimmed (self->address_row);
  g_autofree char *description = compose_description (self);
  g_autofree char *basis_text = NULL;

  alcove_list_box_remove_rows (self->review_box);
  if (*address != '\0')
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", recipient, address);

      add_review_row (self, _("Recipient"), both);
    }
  else
    add_review_row (self, _("Recipient"), recipient);
  add_review_row (self, _("Information"), description);
  add_review_row (self, _("Purpose"), alcove_disclosure_purpose_get_title (chosen_purpose (self)));
  if (basis != NULL && g_str_equal (basis->id, ALCOVE_BASIS_AUTHORIZATION))
    {
      GtkCheckButton *radio = chosen_radio (self);
      GtkWidget *authorization_row = gtk_widget_get_ancestor (GTK_WIDGET (radio),
                                                              ADW_TYPE_ACTION_ROW);

      basis_text = g_strdup_printf ("%s — %s", basis->title,
                                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (authorization_row)));
    }
  else
    basis_text = g_strdup (basis ? basis->title : "");
  add_review_row (self, _("Basis"), basis_text);
}

/* Exactly what was chosen, and nothing else */
static char *
compose_markup (AlcoveShareWizard *self)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *recipient = dup_trimmed (self->recipient_row);
  g_autofree char *day = alcove_date_today_iso ();
  g_autofree char *intro = g_strdup_printf (_("Disclosed to %s on %s for: %s."), recipient, day,
                                            alcove_disclosure_purpose_get_title (chosen_purpose (self)));
  g_auto(GStrv) categories = NULL;

  g_string_append (markup, "<i>");
  alcove_print_markup_append_text (markup, intro);
  g_string_append (markup, "</i>\n\n");

  if (self->note != NULL)
    {
      g_auto(GStrv) keys = dup_checked_ids (self->sections_box);

      alcove_print_markup_append_note (markup, self->notes, self->note,
                                       ALCOVE_NOTE_MARKUP_DISCLOSURE,
                                       (const char * const *) keys);
      return g_string_free (g_steal_pointer (&markup), FALSE);
    }

  categories = dup_categories (self);
  if (g_strv_contains ((const char * const *) categories, "attendance"))
    {
      g_autoptr(GPtrArray) dates = dup_range_sessions (self);

      alcove_print_markup_append_heading (markup,
                                          alcove_disclosure_category_get_title ("attendance"));
      for (guint i = 0; i < dates->len; i++)
        {
          alcove_print_markup_append_text (markup, g_ptr_array_index (dates, i));
          g_string_append (markup, "\n");
        }
      g_string_append (markup, "\n");
    }
  if (g_strv_contains ((const char * const *) categories, "diagnosis"))
    {
      g_autoptr(GListModel) diagnoses = dup_diagnoses (self);

      alcove_print_markup_append_heading (markup,
                                          alcove_disclosure_category_get_title ("diagnosis"));
      alcove_print_markup_append_diagnoses (markup, diagnoses);
    }
  if (g_strv_contains ((const char * const *) categories, "treatment-plan"))
    {
      g_autoptr(GListModel) plans = dup_plans (self);

      alcove_print_markup_append_heading (markup,
                                          alcove_disclosure_category_get_title ("treatment-plan"));
      for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
        {
          g_autoptr(AlcovePlan) plan = g_list_model_get_item (plans, i);

          alcove_print_markup_append_plan (markup, alcove_workspace_get_plans (self->workspace),
                                           plan, ALCOVE_NOTE_MARKUP_DISCLOSURE);
        }
    }
  if (g_strv_contains ((const char * const *) categories, "assessment-results"))
    {
      g_autoptr(GListModel) given = dup_assessments (self, NULL);

      alcove_print_markup_append_heading (markup,
                                          alcove_disclosure_category_get_title ("assessment-results"));
      for (guint i = 0; given != NULL && i < g_list_model_get_n_items (given); i++)
        {
          g_autoptr(AlcoveMeasureAdministration) one = g_list_model_get_item (given, i);
          g_autofree char *line = alcove_disclosure_content_describe_assessment (one);

          alcove_print_markup_append_text (markup, line);
          g_string_append (markup, "\n");
        }
      g_string_append (markup, "\n");
    }
  if (g_strv_contains ((const char * const *) categories, "discharge-summary"))
    {
      g_autoptr(GListModel) summaries = dup_discharge (self, NULL);

      alcove_print_markup_append_heading (markup,
                                          alcove_disclosure_category_get_title ("discharge-summary"));
      for (guint i = 0; summaries != NULL && i < g_list_model_get_n_items (summaries); i++)
        {
          g_autoptr(AlcoveNote) note = g_list_model_get_item (summaries, i);

          alcove_print_markup_append_note (markup, self->notes, note,
                                           ALCOVE_NOTE_MARKUP_DISCLOSURE, NULL);
        }
    }
  if (g_strv_contains ((const char * const *) categories, "progress-notes"))
    {
      g_autoptr(GPtrArray) notes = dup_range_notes (self, FALSE);
      gboolean discharge_apart = g_strv_contains ((const char * const *) categories,
                                                  "discharge-summary");

      alcove_print_markup_append_heading (markup,
                                          alcove_disclosure_category_get_title ("progress-notes"));
      for (guint i = 0; i < notes->len; i++)
        {
          AlcoveNote *note = g_ptr_array_index (notes, i);

          /* a discharge summary shared as such is not printed twice */
          if (discharge_apart && g_strcmp0 (alcove_note_get_format_id (note), "discharge") == 0)
            continue;
          alcove_print_markup_append_note (markup, self->notes, note,
                                           ALCOVE_NOTE_MARKUP_DISCLOSURE, NULL);
        }
    }
  if (includes_psychotherapy (self))
    {
      g_autoptr(GPtrArray) notes = dup_range_notes (self, TRUE);

      alcove_print_markup_append_heading (markup, _("Psychotherapy notes"));
      for (guint i = 0; i < notes->len; i++)
        alcove_print_markup_append_note (markup, self->notes, g_ptr_array_index (notes, i),
                                         ALCOVE_NOTE_MARKUP_DISCLOSURE, NULL);
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static char *
compose_byline (AlcoveShareWizard *self)
{
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);

  if (self->note != NULL)
    return alcove_note_store_dup_author_name (self->notes, alcove_note_get_author (self->note));
  return user ? alcove_note_store_dup_author_name (self->notes, alcove_user_get_uuid (user))
              : g_strdup ("");
}

/* package_sha256 and delivery NULL for a printout or a PDF */
static gboolean
record_disclosure (AlcoveShareWizard  *self,
                   const char         *package_sha256,
                   const char         *delivery,
                   GError            **error)
{
  AlcoveDisclosureStore *store = alcove_workspace_get_disclosures (self->workspace);
  g_autoptr(AlcoveDisclosure) recorded = NULL;
  g_auto(WizardRequest) w = { 0 };
  g_autofree char *address = dup_trimmed (self->address_row);
  g_autofree char *description = compose_description (self);

  wizard_request_init (self, &w);
  if (package_sha256 != NULL)
    recorded = alcove_disclosure_store_share_package (store, &w.request, address, description,
                                                      package_sha256, delivery, error);
  else
    recorded = alcove_disclosure_store_share (store, &w.request, address, description, error);
  return recorded != NULL;
}

static void update_buttons (AlcoveShareWizard *self);
static void show_output_error (AlcoveShareWizard *self,
                               GError            *error);

static void
show_recorded (AlcoveShareWizard *self)
{
  g_autofree char *day = alcove_date_today_iso ();
  g_autofree char *done = g_strdup_printf (_("Recorded in the client’s disclosure log on %s."),
                                           day);

  self->recorded = TRUE;
  gtk_label_set_text (self->done_label, done);
  gtk_widget_set_visible (GTK_WIDGET (self->done_label), TRUE);
  gtk_widget_set_sensitive (self->output_buttons, FALSE);
  update_buttons (self);
  g_signal_emit (self, signals[DISCLOSED], 0);
}

/* Before any output: not twice, and the rules again, since an authorization may have been
 * revoked since the basis step */
static gboolean
may_output (AlcoveShareWizard  *self,
            GError            **error)
{
  if (self->recorded || get_client (self) == NULL)
    return alcove_error_invalid (error,
                                 _("This disclosure has already been recorded. Close the window "
                                   "and share again for another copy."));
  if (self->package != NULL)
    return alcove_error_invalid (error, _("The encrypted package is still being saved."));
  reload_consents (self);
  return check_request (self, error);
}

/* Prints (pdf_path NULL: through the print dialog) or exports, then records */
static gboolean
output (AlcoveShareWizard  *self,
        const char         *pdf_path,
        GError            **error)
{
  g_autofree char *markup = NULL;
  g_autofree char *byline = NULL;
  gboolean printed = FALSE;

  if (!may_output (self, error))
    return FALSE;
  markup = compose_markup (self);
  byline = compose_byline (self);
  if (!alcove_note_printer_run_markup (GTK_WINDOW (self), self->vault, get_client (self), byline,
                                       _("Disclosure"), markup, pdf_path, &printed, error))
    return FALSE;
  if (!printed)
    return TRUE;
  if (!record_disclosure (self, NULL, NULL, error))
    return FALSE;
  show_recorded (self);
  return TRUE;
}

gboolean
alcove_share_wizard_export_pdf (AlcoveShareWizard  *self,
                                const char         *pdf_path,
                                GError            **error)
{
  g_return_val_if_fail (ALCOVE_IS_SHARE_WIZARD (self), FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (self->step == G_N_ELEMENTS (steps) - 1, FALSE);

  return output (self, pdf_path, error);
}

/* ---- the encrypted package ---- */

/* The PDF is drawn into an anonymous memory file, so the plaintext never reaches a disk
 * before it is encrypted: GtkPrintOperation exports only to a file name, and /proc/self/fd
 * gives the memory file one. */
static GBytes *
render_pdf_in_memory (AlcoveShareWizard  *self,
                      const char         *markup,
                      GError            **error)
{
  g_autofree char *byline = compose_byline (self);
  g_autofree char *fd_path = NULL;
  g_autofree guint8 *data = NULL;
  gboolean printed = FALSE;
  struct stat info;
  gsize done = 0;
  int fd = memfd_create ("alcove-disclosure", MFD_CLOEXEC);

  if (fd < 0)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_IO,
                         _("Alcove could not set aside memory for the PDF."));
      return NULL;
    }
  fd_path = g_strdup_printf ("/proc/self/fd/%d", fd);
  if (alcove_note_printer_run_markup (GTK_WINDOW (self), self->vault, get_client (self), byline,
                                      _("Disclosure"), markup, fd_path, &printed, error) &&
      printed && fstat (fd, &info) == 0)
    {
      data = g_malloc (info.st_size);
      while (done < (gsize) info.st_size)
        {
          ssize_t n = pread (fd, data + done, info.st_size - done, done);

          if (n <= 0)
            break;
          done += n;
        }
    }
  close (fd);
  if (data == NULL || done != (gsize) info.st_size)
    {
      if (error != NULL && *error == NULL)
        alcove_error_fail (error, ALCOVE_VAULT_ERROR_IO, _("The PDF could not be made."));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), done);
}

static GBytes *
describe_as_json (AlcoveShareWizard *self,
                  const char        *markup)
{
  const AlcoveDisclosureBasis *basis = alcove_disclosure_basis_lookup (chosen_basis (self));
  g_autofree char *recipient = dup_trimmed (self->recipient_row);
  g_autofree char *description = compose_description (self);
  g_autofree char *day = alcove_date_today_iso ();
  g_autofree char *text = NULL;

  if (!pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    text = g_strdup ("");
  return alcove_package_describe (alcove_client_get_display_name (get_client (self)), recipient,
                                  alcove_disclosure_purpose_get_title (chosen_purpose (self)),
                                  basis ? basis->title : "", day, description, text);
}

static void
forget_package (AlcoveShareWizard *self)
{
  g_clear_object (&self->package);
  g_clear_pointer (&self->package_path, g_free);
  g_clear_pointer (&self->passphrase, alcove_secret_free);
  g_clear_pointer (&self->package_key, alcove_package_key_free);
}

/* Nothing was disclosed: the package goes, and the person may try again */
static void
discard_package (AlcoveShareWizard *self,
                 const char        *why)
{
  g_autofree char *message = NULL;

  if (self->package_path != NULL)
    g_unlink (self->package_path);
  forget_package (self);
  gtk_widget_set_sensitive (self->output_buttons, TRUE);
  message = g_strdup_printf (_("%s The package was deleted: nothing was disclosed."), why);
  alcove_message_show_error (self->error_revealer, self->error_label, message);
}

static void
record_package (AlcoveShareWizard *self,
                const char        *sha256,
                const char        *delivery)
{
  g_autoptr(GError) error = NULL;

  if (!record_disclosure (self, sha256, delivery, &error))
    {
      discard_package (self, error->message);
      return;
    }
  forget_package (self);
  show_recorded (self);
}

static void
passphrase_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        AlcoveShareWizard *self)
{
  const char *delivery = alcove_package_passphrase_dialog_get_delivery (dialog);
  g_autofree char *sha256 = g_object_steal_data (G_OBJECT (dialog), "sha256");

  self->package_dialog = NULL;
  if (g_str_equal (response, "record") && delivery != NULL && self->package != NULL)
    record_package (self, sha256, delivery);
  else
    discard_package (self, _("The passphrase was not given a way to travel."));
}

/* The wizard, and the package's path in case the wizard went (locked) while it was written */
typedef struct
{
  AlcoveShareWizard *self;
  char              *path;
} PendingWrite;

static void
pending_write_free (PendingWrite *pending)
{
  g_object_unref (pending->self);
  g_free (pending->path);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingWrite, pending_write_free)

static void
package_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PendingWrite) pending = user_data;
  AlcoveShareWizard *self = pending->self;
  g_autofree char *sha256 = NULL;
  g_autofree char *sealed = NULL;
  g_autoptr(GError) error = NULL;
  gboolean written = alcove_package_write_finish (ALCOVE_PACKAGE (source), result, &sha256,
                                                  &error);

  if ((GObject *) self->package != source)
    {
      /* nothing will be recorded: a package written after the wizard closed goes too */
      if (written)
        g_unlink (pending->path);
      return;
    }
  if (!written)
    {
      g_clear_pointer (&self->package_path, g_free);  /* not ours to delete */
      discard_package (self, error->message);
      return;
    }
  if (self->package_key != NULL)
    {
      sealed = g_strconcat (ALCOVE_DELIVERY_SEALED,
                            alcove_package_key_get_fingerprint (self->package_key), NULL);
      record_package (self, sha256, sealed);
      return;
    }
  self->package_dialog = alcove_package_passphrase_dialog_new (GTK_WIDGET (self),
                                                               self->passphrase);
  g_object_set_data_full (G_OBJECT (self->package_dialog), "sha256", g_steal_pointer (&sha256),
                          g_free);
  g_signal_connect_object (self->package_dialog, "response",
                           G_CALLBACK (passphrase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->package_dialog));
}

void
alcove_share_wizard_save_package (AlcoveShareWizard *self,
                                  const char        *path,
                                  AlcovePackageKey  *recipient)
{
  g_autoptr(AlcovePackageKey) key = recipient;
  g_autoptr(GError) error = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) json = NULL;
  PendingWrite *pending;

  g_return_if_fail (ALCOVE_IS_SHARE_WIZARD (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->step == G_N_ELEMENTS (steps) - 1);

  if (!may_output (self, &error))
    {
      show_output_error (self, error);
      return;
    }
  markup = compose_markup (self);
  pdf = render_pdf_in_memory (self, markup, &error);
  if (pdf == NULL)
    {
      show_output_error (self, error);
      return;
    }
  json = describe_as_json (self, markup);
  self->package = alcove_package_new (pdf, json);
  self->package_path = g_strdup (path);
  self->package_key = g_steal_pointer (&key);
  if (self->package_key == NULL)
    self->passphrase = alcove_package_passphrase_new ();
  gtk_widget_set_sensitive (self->output_buttons, FALSE);
  alcove_message_show_error (self->error_revealer, self->error_label, NULL);
  pending = g_new0 (PendingWrite, 1);
  pending->self = g_object_ref (self);
  pending->path = g_strdup (path);
  alcove_package_write_async (self->package, path, self->passphrase, self->package_key, NULL,
                              package_written_cb, pending);
}

AdwMessageDialog *
alcove_share_wizard_get_package_dialog (AlcoveShareWizard *self)
{
  g_return_val_if_fail (ALCOVE_IS_SHARE_WIZARD (self), NULL);
  return self->package_dialog;
}

static void
save_package_response_cb (GtkNativeDialog   *dialog,
                          int                response,
                          AlcoveShareWizard *self)
{
  AlcovePackageKey *key = g_object_steal_data (G_OBJECT (dialog), "key");
  g_autofree char *path = alcove_file_chooser_take_path (dialog, response);

  if (path != NULL && !g_str_has_suffix (path, ALCOVE_PACKAGE_SUFFIX))
    {
      char *named = g_strconcat (path, ALCOVE_PACKAGE_SUFFIX, NULL);

      g_free (path);
      path = named;
    }
  if (path != NULL)
    alcove_share_wizard_save_package (self, path, key);
  else
    alcove_package_key_free (key);
}

/* key: NULL for a passphrase, or the recipient's (transfer full) */
static void
choose_package_file (AlcoveShareWizard *self,
                     AlcovePackageKey  *key)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save as Encrypted Package"),
                                                               GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strconcat (_("Disclosure"), ALCOVE_PACKAGE_SUFFIX, NULL);

  gtk_file_filter_set_name (filter, _("Encrypted packages"));
  gtk_file_filter_add_suffix (filter, ALCOVE_PACKAGE_SUFFIX + 1);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "key", key,
                          (GDestroyNotify) alcove_package_key_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_package_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
key_confirmed_cb (AdwMessageDialog  *dialog,
                  const char        *response,
                  AlcoveShareWizard *self)
{
  AlcovePackageKey *key = g_object_steal_data (G_OBJECT (dialog), "key");

  if (g_str_equal (response, "seal"))
    choose_package_file (self, key);
  else
    alcove_package_key_free (key);
}

static void
key_file_response_cb (GtkNativeDialog   *dialog,
                      int                response,
                      AlcoveShareWizard *self)
{
  g_autofree char *path = alcove_file_chooser_take_path (dialog, response);
  g_autoptr(GError) error = NULL;
  AlcovePackageKey *key;
  AdwMessageDialog *confirm;

  if (path == NULL)
    return;
  key = alcove_package_key_load (path, &error);
  if (key == NULL)
    {
      show_output_error (self, error);
      return;
    }
  confirm = alcove_package_key_dialog_new (GTK_WIDGET (self), key);
  g_object_set_data_full (G_OBJECT (confirm), "key", key,
                          (GDestroyNotify) alcove_package_key_free);
  g_signal_connect_object (confirm, "response", G_CALLBACK (key_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (confirm));
}

static void
choose_key_file (AlcoveShareWizard *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose the Practice’s Key"),
                                                               GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Choose"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Practice keys"));
  gtk_file_filter_add_suffix (filter, ALCOVE_PACKAGE_KEY_SUFFIX + 1);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (key_file_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
package_kind_response_cb (AdwMessageDialog  *dialog,
                          const char        *response,
                          AlcoveShareWizard *self)
{
  if (!g_str_equal (response, "continue"))
    return;
  if (alcove_package_kind_dialog_is_sealed (dialog))
    choose_key_file (self);
  else
    choose_package_file (self, NULL);
}

static void
save_package_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AlcoveShareWizard *self = ALCOVE_SHARE_WIZARD (widget);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (!may_output (self, &error))
    {
      show_output_error (self, error);
      return;
    }
  dialog = alcove_package_kind_dialog_new (widget);
  g_signal_connect_object (dialog, "response", G_CALLBACK (package_kind_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- navigation ---- */

static void
update_buttons (AlcoveShareWizard *self)
{
  static const char *subtitles[] = { N_("Step 1 of 4: Recipient"), N_("Step 2 of 4: What to Share"),
                                     N_("Step 3 of 4: Purpose and Basis"),
                                     N_("Step 4 of 4: Print or Save") };
  gboolean last = self->step == G_N_ELEMENTS (steps) - 1;

  adw_window_title_set_subtitle (self->window_title, _(subtitles[self->step]));
  gtk_widget_set_visible (self->back_button, self->step > 0 && !self->recorded);
  gtk_widget_set_visible (self->cancel_button, !self->recorded);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !last || self->recorded);
  gtk_button_set_label (self->next_button, last ? _("_Done") : _("_Next"));
}

static void
go_to (AlcoveShareWizard *self,
       guint              step)
{
  self->step = step;
  alcove_message_show_error (self->error_revealer, self->error_label, NULL);
  gtk_stack_set_visible_child_name (self->stack, steps[step]);
  update_buttons (self);
}

static gboolean
leave_step (AlcoveShareWizard  *self,
            GError            **error)
{
  g_autofree char *recipient = NULL;

  switch (self->step)
    {
    case 0:
      recipient = dup_trimmed (self->recipient_row);
      if (*recipient == '\0')
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->recipient_row));
          return alcove_error_invalid (error,
                                       _("Enter who receives the information: a person or an "
                                         "organization."));
        }
      if (chosen_recipient_kind (self) == NULL)
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->recipient_kind_row));
          return alcove_error_invalid (error,
                                       _("Say what kind of recipient this is: each legal basis "
                                         "allows some recipients only."));
        }
      return TRUE;
    case 1:
      return validate_content (self, error);
    case 2:
      return check_request (self, error);
    default:
      return TRUE;
    }
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveShareWizard *self = ALCOVE_SHARE_WIZARD (widget);
  g_autoptr(GError) error = NULL;

  if (self->step == G_N_ELEMENTS (steps) - 1)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* a refusal keeps the person on the step, with every choice as it was */
  if (!leave_step (self, &error))
    {
      alcove_message_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }
  if (self->step == 1)
    prepare_basis_step (self);
  if (self->step == 2)
    prepare_output_step (self);
  go_to (self, self->step + 1);
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveShareWizard *self = ALCOVE_SHARE_WIZARD (widget);

  if (self->step > 0 && !self->recorded)
    go_to (self, self->step - 1);
}

static void
show_output_error (AlcoveShareWizard *self,
                   GError            *error)
{
  alcove_message_show_error (self->error_revealer, self->error_label, error->message);
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlcoveShareWizard *self = ALCOVE_SHARE_WIZARD (widget);
  g_autoptr(GError) error = NULL;

  if (!output (self, NULL, &error))
    show_output_error (self, error);
}

static void
save_pdf_response_cb (GtkNativeDialog   *dialog,
                      int                response,
                      AlcoveShareWizard *self)
{
  g_autofree char *path = alcove_file_chooser_take_path (dialog, response);
  g_autoptr(GError) error = NULL;

  if (path != NULL && !output (self, path, &error))
    show_output_error (self, error);
}

static void
save_pdf_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AlcoveShareWizard *self = ALCOVE_SHARE_WIZARD (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save as PDF"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Disclosure.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_pdf_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The court order goes into the vault (practice.db), never elsewhere */
static void
attach_response_cb (GtkNativeDialog   *dialog,
                    int                response,
                    AlcoveShareWizard *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;
  contents = g_file_load_bytes (file, NULL, NULL, &error);
  info = contents ? g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                       G_FILE_QUERY_INFO_NONE, NULL, NULL) : NULL;
  name = g_file_get_basename (file);
  if (contents != NULL)
    id = alcove_documents_add (self->vault, contents, name,
                               info ? g_file_info_get_content_type (info) : NULL, &error);
  if (id == NULL)
    {
      alcove_message_show_error (self->error_revealer, self->error_label, error->message);
      return;
    }
  g_free (self->document_id);
  self->document_id = g_steal_pointer (&id);
  adw_action_row_set_subtitle (self->document_row, name);
  alcove_message_show_error (self->error_revealer, self->error_label, NULL);
}

static void
attach_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcoveShareWizard *self = ALCOVE_SHARE_WIZARD (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Attach the Court Order"),
                                                               GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Attach"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (attach_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
vault_locked_changed_cb (AlcoveShareWizard *self)
{
  if (alcove_vault_get_locked (self->vault))
    gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ---- */

static void
alcove_share_wizard_dispose (GObject *object)
{
  AlcoveShareWizard *self = ALCOVE_SHARE_WIZARD (object);

  /* a package written but not recorded (the passphrase dialog was up) discloses nothing */
  if (self->package_dialog != NULL && self->package_path != NULL)
    g_unlink (self->package_path);
  forget_package (self);
  g_clear_object (&self->notes);
  g_clear_object (&self->clients);
  g_clear_object (&self->vault);
  g_clear_object (&self->workspace);
  g_clear_object (&self->note);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->consents, g_ptr_array_unref);
  g_clear_pointer (&self->picked_consent_id, g_free);
  g_clear_pointer (&self->document_id, g_free);
  g_clear_object (&self->basis_group);

  G_OBJECT_CLASS (alcove_share_wizard_parent_class)->dispose (object);
}

static void
alcove_share_wizard_class_init (AlcoveShareWizardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (ALCOVE_TYPE_DATE_ROW);
  G_OBJECT_CLASS (klass)->dispose = alcove_share_wizard_dispose;

  /**
   * AlcoveShareWizard::disclosed:
   *
   * The output was printed or saved and the disclosure recorded.
   */
  signals[DISCLOSED] = g_signal_new ("disclosed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-share-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, recipients_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, recipients_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, recipient_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, address_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, recipient_kind_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, attestation_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, attestation_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, attestation_check);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, sections_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, sections_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, range_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, from_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, to_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, categories_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, categories_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, psychotherapy_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, psychotherapy_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, authorizations_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, bases_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, justification_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, justification_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, document_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, review_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, output_buttons);
  gtk_widget_class_bind_template_child (widget_class, AlcoveShareWizard, done_label);

  gtk_widget_class_install_action (widget_class, "share.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "share.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "share.print", NULL, print_action_cb);
  gtk_widget_class_install_action (widget_class, "share.save-pdf", NULL, save_pdf_action_cb);
  gtk_widget_class_install_action (widget_class, "share.save-package", NULL,
                                   save_package_action_cb);
  gtk_widget_class_install_action (widget_class, "share.attach", NULL, attach_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "share.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "share.back", NULL);
}

static void
recipient_changed_cb (AlcoveShareWizard *self)
{
  alcove_message_show_error (self->error_revealer, self->error_label, NULL);
}

static void
alcove_share_wizard_init (AlcoveShareWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->basis_group = g_object_ref_sink (GTK_CHECK_BUTTON (gtk_check_button_new ()));
  /* typing is an answer to the problem shown: it goes */
  g_signal_connect_swapped (self->recipient_row, "changed", G_CALLBACK (recipient_changed_cb), self);
  g_signal_connect_swapped (self->recipient_kind_row, "notify::selected",
                            G_CALLBACK (recipient_changed_cb), self);
}

static AlcoveShareWizard *
share_wizard_new (GtkWindow       *parent,
                  AlcoveWorkspace *workspace,
                  const char      *client_id,
                  AlcoveNote      *note)
{
  AlcoveShareWizard *self;
  AlcoveClient *client;

  self = g_object_new (ALCOVE_TYPE_SHARE_WIZARD,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->notes = g_object_ref (alcove_workspace_get_notes (workspace));
  self->clients = g_object_ref (alcove_workspace_get_clients (workspace));
  self->vault = g_object_ref (alcove_workspace_get_vault (workspace));
  self->client_id = g_strdup (client_id);
  self->note = note ? g_object_ref (note) : NULL;

  client = get_client (self);
  adw_window_title_set_title (self->window_title,
                              note ? _("Share Note") : _("Share Record"));
  if (client != NULL)
    {
      /* Translators: the share window's title, "Share — <client>" */
      g_autofree char *title = g_strdup_printf (_("Share — %s"),
                                                alcove_client_get_display_name (client));

      gtk_window_set_title (GTK_WINDOW (self), title);
    }

  reload_consents (self);
  fill_recipients (self);
  fill_bases (self);
  fill_authorizations (self);
  gtk_widget_set_visible (self->sections_group, note != NULL);
  gtk_widget_set_visible (self->range_group, note == NULL);
  gtk_widget_set_visible (self->categories_group, note == NULL);
  /* psychotherapy notes are their author's alone: the switch only for those who write them */
  gtk_widget_set_visible (self->psychotherapy_group,
                          note == NULL && alcove_note_store_can_write (self->notes));
  if (note != NULL)
    fill_sections (self);
  else
    fill_categories (self);
  go_to (self, 0);

  g_signal_connect_object (self->vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

AlcoveShareWizard *
alcove_share_wizard_new_for_note (GtkWindow       *parent,
                                  AlcoveWorkspace *workspace,
                                  AlcoveNote      *note)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), NULL);

  return share_wizard_new (parent, workspace, alcove_note_get_client_id (note), note);
}

AlcoveShareWizard *
alcove_share_wizard_new_for_record (GtkWindow       *parent,
                                    AlcoveWorkspace *workspace,
                                    const char      *client_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return share_wizard_new (parent, workspace, client_id, NULL);
}
