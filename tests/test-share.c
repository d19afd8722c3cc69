/* test-share.c — sharing a note under an authorization in the real application: the wizard,
 * the PDF of exactly what was chosen, the disclosure recorded, a refusal after revocation
 * with its reason, a legal basis, and the Disclosures tab
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-share"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <adwaita.h>

#include "alcove-date.h"
#include "alcove-application.h"
#include "alcove-client-page.h"
#include "alcove-consent-store.h"
#include "alcove-consent-template.h"
#include "alcove-disclosure-report.h"
#include "alcove-disclosure-store.h"
#include "alcove-documents.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-note-format.h"
#include "alcove-note-window.h"
#include "alcove-package.h"
#include "alcove-package-dialogs.h"
#include "alcove-password-row.h"
#include "alcove-share-wizard.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

#define SUBJECTIVE "Sleeping better since the last session; the diary helps"
#define OBJECTIVE  "Fidgeting less; clear speech; wrist bandage noticed"
#define ASSESSMENT "Improving mood, low risk"
#define PLAN       "Continue weekly sessions"

static char *
day_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static char *
add_client (AlcoveClientStore *clients)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Jordan Avery");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1987-03-14");
  g_assert_true (alcove_client_store_save (clients, client, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_client_get_id (client));
}

static AlcoveNote *
signed_note (AlcoveNoteStore *notes,
             const char      *client_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = day_from_today (-7);
  AlcoveNote *note = alcove_note_store_create (notes, client_id, NULL, "soap", date, &error);

  g_assert_no_error (error);
  alcove_note_set_section (note, "subjective", SUBJECTIVE);
  alcove_note_set_section (note, "objective", OBJECTIVE);
  alcove_note_set_section (note, "assessment", ASSESSMENT);
  alcove_note_set_section (note, "plan", PLAN);
  g_assert_true (alcove_note_store_save (notes, note, &error));
  g_assert_true (alcove_note_store_sign (notes, note, &error));
  g_assert_no_error (error);
  return note;
}

/* A release to Dr. Lee for progress notes, for continuity of care, in effect today */
static AlcoveConsent *
active_release (AlcoveVault        *vault,
                AlcoveConsentStore *consents,
                const char         *client_id)
{
  g_autofree char *signed_on = day_from_today (-30);
  g_autofree char *expires_on = day_from_today (300);

  return alcove_test_add_release (vault, client_id, "Dr. Lee", "attendance;progress-notes",
                                  "continuity-of-care", signed_on, expires_on);
}

static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *name)
{
  GtkWidget *widget = alcove_test_find_widget (root, type, name);

  if (widget == NULL)
    g_error ("no %s named “%s”", g_type_name (type), name ? name : "(any)");
  return widget;
}

static AlcoveShareWizard *
open_wizard (GtkWidget  *from,
             const char *action)
{
  AlcoveShareWizard *wizard;

  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_SHARE_WIZARD));
  g_assert_true (gtk_widget_activate_action (from, action, NULL));
  alcove_test_run_for (400);
  wizard = ALCOVE_SHARE_WIZARD (alcove_test_find_toplevel (ALCOVE_TYPE_SHARE_WIZARD));
  g_assert_nonnull (wizard);
  return wizard;
}

static void
next (AlcoveShareWizard *wizard)
{
  gtk_widget_activate_action (GTK_WIDGET (wizard), "share.next", NULL);
  alcove_test_run_for (350);
}

static void
set_entry (AlcoveShareWizard *wizard,
           const char        *name,
           const char        *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, name)), text);
}

static void
choose (AlcoveShareWizard *wizard,
        const char        *row_name)
{
  GtkWidget *row = find (GTK_WIDGET (wizard), ADW_TYPE_ACTION_ROW, row_name);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (row, GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
}

static void
choose_kind (AlcoveShareWizard *wizard,
             const char        *kind)
{
  const char * const *ids = alcove_disclosure_recipient_kind_ids ();
  AdwComboRow *row = ADW_COMBO_ROW (find (GTK_WIDGET (wizard), ADW_TYPE_COMBO_ROW,
                                          "recipient_kind_row"));

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], kind))
      adw_combo_row_set_selected (row, i + 1);
}

static void
attest (AlcoveShareWizard *wizard)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (GTK_WIDGET (wizard), GTK_TYPE_CHECK_BUTTON,
                                                       "attestation_check")), TRUE);
}

static void
close_wizard (AlcoveShareWizard *wizard)
{
  gtk_window_close (GTK_WINDOW (wizard));
  alcove_test_run_for (300);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_SHARE_WIZARD));
}

/* The client's Disclosures tab, open */
static AlcoveClientPage *
show_disclosures (AlcoveMainPage *page,
                  const char     *client_id)
{
  AlcoveClientPage *client_page;

  alcove_main_page_show_client (page, client_id);
  alcove_test_run_for (300);
  client_page = alcove_main_page_get_client_page (page);
  alcove_client_page_set_tab (client_page, "disclosures");
  alcove_test_run_for (400);
  g_assert_cmpstr (alcove_client_page_get_tab (client_page), ==, "disclosures");
  return client_page;
}

static GPtrArray *
disclosure_log (AlcoveVault *vault,
                const char  *client_id)
{
  g_autoptr(AlcoveDisclosureStore) store = alcove_disclosure_store_new (vault, NULL);

  return alcove_disclosure_store_list_for_client (store, client_id, NULL);
}

static void
share_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  AlcoveMainPage *page;
  AlcoveClientStore *clients;
  AlcoveNoteStore *notes;
  g_autoptr(AlcoveConsentStore) consents = NULL;
  g_autoptr(AlcoveConsent) release = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "share.pdf", NULL);
  g_autofree char *warn_pdf = g_build_filename (g_get_user_data_dir (), "warn.pdf", NULL);
  g_autofree char *accounting_pdf = g_build_filename (g_get_user_data_dir (), "accounting.pdf",
                                                      NULL);
  g_autofree char *printed = NULL;
  g_autofree char *today = day_from_today (0);
  g_autofree char *revoked = NULL;
  g_autofree char *shown_today = NULL;
  g_autofree char *warn_title = NULL;
  g_autofree char *lee_title = NULL;
  AlcoveNoteWindow *note_window;
  AlcoveShareWizard *wizard;
  AlcoveClientPage *client_page;
  GtkWidget *report;
  GtkWidget *row;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = alcove_window_get_main_page (window);
  clients = alcove_main_page_get_client_store (page);
  notes = alcove_main_page_get_note_store (page);
  client_id = add_client (clients);
  note = signed_note (notes, client_id);
  consents = alcove_consent_store_new (vault, &error);
  g_assert_no_error (error);
  release = active_release (vault, consents, client_id);

  /* 1. share the signed note under the authorization, from its window */
  alcove_main_page_open_note (page, alcove_note_get_id (note), client_id);
  alcove_test_run_for (400);
  note_window = ALCOVE_NOTE_WINDOW (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  g_assert_nonnull (note_window);
  wizard = open_wizard (GTK_WIDGET (note_window), "note.share");
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "recipient");

  /* an empty recipient is refused */
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "recipient");
  g_assert_nonnull (strstr (alcove_share_wizard_get_error (wizard), "Enter who receives"));

  /* the recipient, picked from the authorization in effect, fills name and address */
  row = find (find (GTK_WIDGET (wizard), GTK_TYPE_LIST_BOX, "recipients_box"),
              ADW_TYPE_ACTION_ROW, NULL);
  g_signal_emit_by_name (row, "activated");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW,
                                                                "recipient_row"))), ==, "Dr. Lee");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW,
                                                                "address_row"))), ==,
                   "Harbor Clinic, 2 Pier Road");
  /* the kind of recipient is asked for */
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "recipient");
  g_assert_nonnull (strstr (alcove_share_wizard_get_error (wizard), "what kind of recipient"));
  choose_kind (wizard, "health-care-provider");
  alcove_test_save_screenshot (GTK_WIDGET (wizard), "share-wizard-recipient");
  next (wizard);
  g_assert_null (alcove_share_wizard_get_error (wizard));
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "content");

  /* minimum necessary: leave the Objective section out */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (find (GTK_WIDGET (wizard), ADW_TYPE_ACTION_ROW,
                                                             "objective"),
                                                       GTK_TYPE_CHECK_BUTTON, NULL)), FALSE);
  alcove_test_save_screenshot (GTK_WIDGET (wizard), "share-wizard-content");
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "basis");
  /* the authorization naming the recipient is chosen, and its purpose */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find (find (GTK_WIDGET (wizard), ADW_TYPE_ACTION_ROW,
                                                                            alcove_consent_get_id (release)),
                                                                      GTK_TYPE_CHECK_BUTTON, NULL))));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (wizard), "Authorization for Dr. Lee"));
  alcove_test_save_screenshot (GTK_WIDGET (wizard), "share-wizard");
  next (wizard);
  g_assert_null (alcove_share_wizard_get_error (wizard));
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "output");
  alcove_test_save_screenshot (GTK_WIDGET (wizard), "share-wizard-output");

  /* nothing is recorded before the output exists */
  log = disclosure_log (vault, client_id);
  g_assert_cmpuint (log->len, ==, 0);
  g_clear_pointer (&log, g_ptr_array_unref);

  g_assert_true (alcove_share_wizard_export_pdf (wizard, pdf, &error));
  g_assert_no_error (error);
  printed = alcove_test_pdf_text (pdf);
  g_assert_nonnull (strstr (printed, SUBJECTIVE));
  g_assert_nonnull (strstr (printed, ASSESSMENT));
  g_assert_nonnull (strstr (printed, PLAN));
  g_assert_null (strstr (printed, OBJECTIVE));
  g_assert_nonnull (strstr (printed, "Disclosed to Dr. Lee"));
  g_assert_nonnull (strstr (printed, "Jordan Avery"));
  g_assert_nonnull (strstr (printed, "Confidential"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (wizard), "Recorded in the client’s disclosure log"));
  /* once recorded it is not recorded twice */
  g_assert_false (alcove_share_wizard_export_pdf (wizard, pdf, &error));
  g_clear_error (&error);

  log = disclosure_log (vault, client_id);
  g_assert_cmpuint (log->len, ==, 1);
  {
    AlcoveDisclosure *d = g_ptr_array_index (log, 0);

    g_assert_cmpstr (alcove_disclosure_get_field (d, ALCOVE_DISCLOSURE_RECIPIENT), ==, "Dr. Lee");
    g_assert_cmpstr (alcove_disclosure_get_field (d, ALCOVE_DISCLOSURE_RECIPIENT_ADDRESS), ==,
                     "Harbor Clinic, 2 Pier Road");
    g_assert_cmpstr (alcove_disclosure_get_field (d, ALCOVE_DISCLOSURE_BASIS), ==, "authorization");
    g_assert_cmpstr (alcove_disclosure_get_field (d, ALCOVE_DISCLOSURE_CONSENT_ID), ==,
                     alcove_consent_get_id (release));
    g_assert_cmpstr (alcove_disclosure_get_field (d, ALCOVE_DISCLOSURE_PURPOSE), ==,
                     "continuity-of-care");
    g_assert_cmpstr (alcove_disclosure_get_field (d, ALCOVE_DISCLOSURE_DAY), ==, today);
    g_assert_nonnull (strstr (alcove_disclosure_get_field (d, ALCOVE_DISCLOSURE_DESCRIPTION),
                              "SOAP note of"));
    g_assert_nonnull (strstr (alcove_disclosure_get_field (d, ALCOVE_DISCLOSURE_DESCRIPTION),
                              "Subjective, Assessment, Plan"));
    g_assert_false (alcove_disclosure_get_accountable (d));
  }
  g_clear_pointer (&log, g_ptr_array_unref);
  next (wizard);  /* Done */
  alcove_test_run_for (200);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_SHARE_WIZARD));

  /* 2. the client revokes the authorization: the same share is refused, saying why */
  g_assert_true (alcove_consent_store_revoke (consents, release, today, "in writing", &error));
  g_assert_no_error (error);
  wizard = open_wizard (GTK_WIDGET (note_window), "note.share");
  g_assert_false (gtk_widget_get_visible (find (GTK_WIDGET (wizard), ADW_TYPE_PREFERENCES_GROUP,
                                                "recipients_group")));
  set_entry (wizard, "recipient_row", "Dr. Lee");
  choose_kind (wizard, "health-care-provider");
  next (wizard);
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "basis");
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "basis");
  shown_today = alcove_date_format (today);
  revoked = g_strdup_printf ("was revoked on %s", shown_today);
  g_assert_nonnull (alcove_share_wizard_get_error (wizard));
  if (strstr (alcove_share_wizard_get_error (wizard), revoked) == NULL)
    g_error ("“%s” does not say “%s”", alcove_share_wizard_get_error (wizard), revoked);
  g_assert_nonnull (strstr (alcove_share_wizard_get_error (wizard), "The authorization for Dr. Lee"));
  /* the refusal keeps every choice */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW,
                                                                "recipient_row"))), ==, "Dr. Lee");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (wizard), "Revoked on"));
  alcove_test_save_screenshot (GTK_WIDGET (wizard), "share-refused");
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (wizard), "share-refused-dark");
  alcove_test_set_dark (FALSE);

  /* 3. a legal basis instead: the duty to warn needs a justification, a recipient able to
   * act on the threat, and the sharer's confirmation of it */
  set_entry (wizard, "recipient_row", "Officer Reyes, City Police");
  choose (wizard, "duty-to-warn");
  g_assert_true (gtk_widget_get_visible (find (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW,
                                               "justification_row")));
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "basis");
  g_assert_nonnull (strstr (alcove_share_wizard_get_error (wizard), "Say why"));
  set_entry (wizard, "justification_row", "Stated plan to harm a named neighbour");
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "basis");
  g_assert_nonnull (strstr (alcove_share_wizard_get_error (wizard),
                            "does not allow sharing with this recipient"));
  choose_kind (wizard, "government-agency");
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "basis");
  g_assert_nonnull (strstr (alcove_share_wizard_get_error (wizard), "Confirm before sharing"));
  attest (wizard);
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "output");
  g_assert_true (alcove_share_wizard_export_pdf (wizard, warn_pdf, &error));
  g_assert_no_error (error);
  close_wizard (wizard);
  log = disclosure_log (vault, client_id);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_true (alcove_disclosure_get_accountable (g_ptr_array_index (log, 0)) ||
                 alcove_disclosure_get_accountable (g_ptr_array_index (log, 1)));
  g_clear_pointer (&log, g_ptr_array_unref);

  /* “Treatment” to the client's employer: refused, saying who it allows; then to a
   * physician, confirmed, and closed before printing: nothing is recorded */
  wizard = open_wizard (GTK_WIDGET (note_window), "note.share");
  set_entry (wizard, "recipient_row", "Acme Logistics HR");
  choose_kind (wizard, "employer-or-school");
  next (wizard);
  next (wizard);
  choose (wizard, "treatment");
  g_assert_true (gtk_widget_get_visible (find (GTK_WIDGET (wizard), ADW_TYPE_PREFERENCES_GROUP,
                                               "attestation_group")));
  attest (wizard);
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "basis");
  g_assert_nonnull (strstr (alcove_share_wizard_get_error (wizard), "(Employer or school)"));
  alcove_test_save_screenshot (GTK_WIDGET (wizard), "share-treatment-to-employer");
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (wizard), "share-treatment-to-employer-dark");
  alcove_test_set_dark (FALSE);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "share.back", NULL);
  alcove_test_run_for (350);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "share.back", NULL);
  alcove_test_run_for (350);
  set_entry (wizard, "recipient_row", "Dr. Ng, Harbor Clinic");
  choose_kind (wizard, "health-care-provider");
  next (wizard);
  next (wizard);
  next (wizard);
  g_assert_null (alcove_share_wizard_get_error (wizard));
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "output");
  close_wizard (wizard);
  log = disclosure_log (vault, client_id);
  g_assert_cmpuint (log->len, ==, 2);
  g_clear_pointer (&log, g_ptr_array_unref);
  gtk_window_destroy (GTK_WINDOW (note_window));
  alcove_test_run_for (200);

  /* 4. the Disclosures tab: the accounting lists the duty to warn, the log both */
  client_page = show_disclosures (page, client_id);
  report = find (GTK_WIDGET (client_page), ALCOVE_TYPE_DISCLOSURE_REPORT, NULL);
  warn_title = g_strdup_printf ("%s · Officer Reyes, City Police", today);
  lee_title = g_strdup_printf ("%s · Dr. Lee", today);
  g_assert_true (alcove_test_tree_has_text (find (report, GTK_TYPE_LIST_BOX, "accounting_box"),
                                            warn_title));
  g_assert_false (alcove_test_tree_has_text (find (report, GTK_TYPE_LIST_BOX, "accounting_box"),
                                             lee_title));
  g_assert_true (alcove_test_tree_has_text (find (report, GTK_TYPE_LIST_BOX, "log_box"),
                                            lee_title));
  g_assert_true (alcove_test_tree_has_text (find (report, GTK_TYPE_LIST_BOX, "log_box"),
                                            "In the accounting"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "disclosure-report");

  g_assert_true (alcove_disclosure_report_print (ALCOVE_DISCLOSURE_REPORT (report), FALSE,
                                                 accounting_pdf, &error));
  g_assert_no_error (error);
  g_clear_pointer (&printed, g_free);
  printed = alcove_test_pdf_text (accounting_pdf);
  g_assert_nonnull (strstr (printed, "Accounting of disclosures"));
  g_assert_nonnull (strstr (printed, "Officer Reyes, City Police"));
  g_assert_nonnull (strstr (printed, "Duty to warn: Stated plan to harm a named neighbour"));
  g_assert_null (strstr (printed, "Dr. Lee"));

  /* 5. Share Record… on the client page: a stretch of the record */
  wizard = open_wizard (GTK_WIDGET (client_page), "client.share-record");
  set_entry (wizard, "recipient_row", "Dr. Lee");
  choose_kind (wizard, "health-care-provider");
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "content");
  next (wizard);
  g_assert_nonnull (strstr (alcove_share_wizard_get_error (wizard), "Tick at least one"));
  /* the diagnosis is the problem list, which holds nothing yet */
  choose (wizard, "diagnosis");
  next (wizard);
  g_assert_nonnull (strstr (alcove_share_wizard_get_error (wizard), "no diagnosis on this client"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (find (GTK_WIDGET (wizard),
                                                             ADW_TYPE_ACTION_ROW, "diagnosis"),
                                                       GTK_TYPE_CHECK_BUTTON, NULL)), FALSE);
  /* assessment results and the discharge summary are the record's own, refused when there
   * is none */
  choose (wizard, "assessment-results");
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_error (wizard), ==,
                   "No outcome measures were given to this client.");
  set_entry (wizard, "from_row", "2020-01-01");
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_error (wizard), ==,
                   "No outcome measures were given between those dates.");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (find (GTK_WIDGET (wizard),
                                                             ADW_TYPE_ACTION_ROW, "assessment-results"),
                                                       GTK_TYPE_CHECK_BUTTON, NULL)), FALSE);
  choose (wizard, "discharge-summary");
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_error (wizard), ==,
                   "There is no signed discharge summary for this client.");
  alcove_test_save_screenshot (GTK_WIDGET (wizard), "share-record-content");
  close_wizard (wizard);

  /* 6. with two measures given and a discharge summary signed, both are shared: scores,
   * bands and the safety item, never the answers; the summary as signed */
  {
    AlcoveWorkspace *workspace = alcove_test_app_workspace (app);
    AlcoveMeasureStore *measures = alcove_workspace_get_measures (workspace);
    g_autoptr(AlcoveConsent) okafor = NULL;
    g_autoptr(AlcoveNote) discharge = NULL;
    g_autofree char *signed_on = day_from_today (-30);
    g_autofree char *expires_on = day_from_today (300);
    g_autofree char *share_pdf = g_build_filename (g_get_user_data_dir (), "record.pdf", NULL);
    g_autofree char *text = NULL;
    g_autofree char *week_ago = day_from_today (-7);
    g_autofree char *yesterday = day_from_today (-1);

    for (int k = 0; k < 2; k++)
      {
        g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(AlcoveMeasureAdministration) given = NULL;

        for (int i = 1; i <= 9; i++)
          g_hash_table_insert (answers, g_strdup_printf ("phq9_%d", i),
                               GINT_TO_POINTER ((i == 9 ? k : 2) + 1));
        given = alcove_measure_store_administer (measures, client_id, "phq9",
                                                 k == 0 ? week_ago : yesterday, "", answers, k > 0,
                                                 &error);
        g_assert_no_error (error);
      }
    discharge = alcove_note_store_create (notes, client_id, NULL, "discharge", yesterday, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < alcove_note_format_get_n_sections (alcove_note_format_lookup ("discharge")); i++)
      alcove_note_set_section (discharge,
                               alcove_note_format_get_section (alcove_note_format_lookup ("discharge"), i)->key,
                               "Goals met; discharged to primary care");
    g_assert_true (alcove_note_store_save (notes, discharge, &error));
    g_assert_true (alcove_note_store_sign (notes, discharge, &error));
    g_assert_no_error (error);
    okafor = alcove_test_add_release (vault, client_id, "Dr. Okafor",
                                      "assessment-results;discharge-summary",
                                      "continuity-of-care", signed_on, expires_on);

    wizard = open_wizard (GTK_WIDGET (client_page), "client.share-record");
    set_entry (wizard, "recipient_row", "Dr. Okafor");
    choose_kind (wizard, "health-care-provider");
    next (wizard);
    choose (wizard, "assessment-results");
    choose (wizard, "discharge-summary");
    alcove_test_save_screenshot (GTK_WIDGET (wizard), "share-record-measures");
    next (wizard);
    g_assert_null (alcove_share_wizard_get_error (wizard));
    g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "basis");
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find (find (GTK_WIDGET (wizard), ADW_TYPE_ACTION_ROW,
                                                               alcove_consent_get_id (okafor)),
                                                         GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
    next (wizard);
    g_assert_null (alcove_share_wizard_get_error (wizard));
    g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "output");
    g_assert_true (alcove_share_wizard_export_pdf (wizard, share_pdf, &error));
    g_assert_no_error (error);
    text = alcove_test_pdf_text (share_pdf);
    g_assert_nonnull (strstr (text, "Assessment results"));
    g_assert_nonnull (strstr (text, "PHQ-9"));
    g_assert_nonnull (strstr (text, ": 16 (Moderately severe depression); safety item not"));
    g_assert_nonnull (strstr (text, "risk reviewed by the clinician"));
    g_assert_nonnull (strstr (text, "Goals met; discharged to primary care"));
    /* never the answers item by item */
    g_assert_null (strstr (text, "Little interest"));
    g_assert_null (strstr (text, "Several days"));
    close_wizard (wizard);
  }
}

static void
test_share (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "share", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  alcove_test_run_app (dir, 1100, 800, share_scenario);
}

/* ---- encrypted packages ---- */

/* Whether a label under root holds text anywhere in it */
static gboolean
tree_contains (GtkWidget  *root,
               const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if (tree_contains (child, text))
      return TRUE;
  return FALSE;
}

static AlcoveShareWizard *
wizard_at_output (GtkWidget *note_window)
{
  AlcoveShareWizard *wizard = open_wizard (note_window, "note.share");
  GtkWidget *row = find (find (GTK_WIDGET (wizard), GTK_TYPE_LIST_BOX, "recipients_box"),
                         ADW_TYPE_ACTION_ROW, NULL);

  g_signal_emit_by_name (row, "activated");
  choose_kind (wizard, "health-care-provider");
  next (wizard);
  /* minimum necessary: the Objective section stays out */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (find (GTK_WIDGET (wizard),
                                                             ADW_TYPE_ACTION_ROW, "objective"),
                                                       GTK_TYPE_CHECK_BUTTON, NULL)), FALSE);
  next (wizard);
  next (wizard);
  g_assert_cmpstr (alcove_share_wizard_get_step (wizard), ==, "output");
  return wizard;
}

static gboolean
package_dialog_up (gpointer wizard)
{
  return alcove_share_wizard_get_package_dialog (wizard) != NULL;
}

static gboolean
wizard_recorded (gpointer wizard)
{
  return alcove_test_tree_has_text (GTK_WIDGET (wizard), "Recorded in the client’s disclosure log");
}

static void
assert_package_holds_note (AlcovePackage *package)
{
  gsize size;
  const char *json = g_bytes_get_data (alcove_package_get_json (package), &size);
  g_autofree char *text = g_strndup (json, size);

  g_assert_cmpmem (g_bytes_get_data (alcove_package_get_pdf (package), NULL), 5, "%PDF-", 5);
  g_assert_nonnull (strstr (text, "\"client\" : \"Jordan Avery\""));
  g_assert_nonnull (strstr (text, SUBJECTIVE));
  g_assert_null (strstr (text, OBJECTIVE));  /* left out of the note shared */
}

static void
assert_no_phi_in (const char *path)
{
  g_assert_false (alcove_test_file_contains (path, "Jordan Avery", strlen ("Jordan Avery")));
  g_assert_false (alcove_test_file_contains (path, SUBJECTIVE, strlen (SUBJECTIVE)));
  g_assert_false (alcove_test_file_contains (path, "Dr. Lee", strlen ("Dr. Lee")));
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *data = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);
}

/* Under a passphrase: the dialog shows it once, waits for how it will travel, and the log
 * keeps the package's hash and that way, never the passphrase */
static char *
share_with_passphrase (AlcoveVault *vault,
                       GtkWidget   *note_window,
                       const char  *client_id)
{
  AlcoveShareWizard *wizard = wizard_at_output (note_window);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "sent" ALCOVE_PACKAGE_SUFFIX,
                                            NULL);
  g_autoptr(AlcoveSecret) passphrase = NULL;
  g_autoptr(AlcovePackage) opened = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  AdwMessageDialog *dialog;
  AdwMessageDialog *kind;
  AlcoveDisclosure *entry;
  g_autofree char *shown = NULL;

  alcove_test_save_screenshots (GTK_WIDGET (wizard), "share-package-output");
  /* the button asks how to lock it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "share.save-package", NULL));
  kind = alcove_test_find_message_dialog ("Save as Encrypted Package");
  g_assert_nonnull (kind);
  g_assert_false (alcove_package_kind_dialog_is_sealed (kind));
  alcove_test_save_screenshots (GTK_WIDGET (kind), "share-package-kind");
  alcove_test_respond (kind, "cancel");

  alcove_share_wizard_save_package (wizard, path, NULL);
  g_assert_true (alcove_test_wait_until (package_dialog_up, wizard, 20000));
  dialog = alcove_share_wizard_get_package_dialog (wizard);
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "share-package-passphrase");
  shown = g_strdup (gtk_label_get_text (GTK_LABEL (find (GTK_WIDGET (dialog), GTK_TYPE_LABEL,
                                                         "passphrase"))));
  g_assert_true (g_regex_match_simple ("^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$", shown, 0, 0));
  passphrase = alcove_test_secret (shown);
  /* nothing is recorded until the way is chosen */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  log = disclosure_log (vault, client_id);
  g_assert_cmpuint (log->len, ==, 0);
  g_clear_pointer (&log, g_ptr_array_unref);
  alcove_package_passphrase_dialog_set_delivery (dialog, ALCOVE_DELIVERY_PHONE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));
  alcove_test_respond (dialog, "record");
  g_assert_true (alcove_test_wait_until (wizard_recorded, wizard, 5000));
  alcove_test_save_screenshots (GTK_WIDGET (wizard), "share-package-recorded");

  sha256 = file_sha256 (path);
  log = disclosure_log (vault, client_id);
  g_assert_cmpuint (log->len, ==, 1);
  entry = g_ptr_array_index (log, 0);
  g_assert_cmpstr (alcove_disclosure_get_field (entry, ALCOVE_DISCLOSURE_PACKAGE_SHA256), ==,
                   sha256);
  g_assert_cmpstr (alcove_disclosure_get_field (entry, ALCOVE_DISCLOSURE_DELIVERY), ==, "phone");
  g_assert_cmpint (alcove_test_query_int (vault, "SELECT count(*) FROM audit_log WHERE"
                                          " instr (details, '%s') > 0", shown), ==, 0);
  g_assert_cmpint (alcove_test_query_int (vault, "SELECT count(*) FROM disclosures WHERE"
                                          " instr (delivery || description, '%s') > 0", shown),
                   ==, 0);
  assert_no_phi_in (path);
  opened = alcove_package_open_with_passphrase (path, passphrase, &error);
  g_assert_no_error (error);
  assert_package_holds_note (opened);
  close_wizard (wizard);
  return g_steal_pointer (&shown);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Open an Encrypted Package… in the main menu: the file, the passphrase, where to save the
 * PDF (the JSON beside it, both for the owner only), then the system's viewer, or a message
 * when there is none */
static void
open_in_app (AlcoveMainPage *page,
             const char     *passphrase)
{
  g_autofree char *package = g_build_filename (g_get_user_data_dir (),
                                               "sent" ALCOVE_PACKAGE_SUFFIX, NULL);
  g_autofree char *folder = g_build_filename (g_get_home_dir (), "Received", NULL);
  g_autofree char *pdf = g_build_filename (folder, "From Harbor.pdf", NULL);
  g_autofree char *json = g_build_filename (folder, "From Harbor.json", NULL);
  g_autoptr(GFile) package_file = g_file_new_for_path (package);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *ask;
  AdwMessageDialog *no_viewer;
  GtkWidget *chooser;
  GStatBuf buf;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "main.open-package", NULL));
  chooser = GTK_WIDGET (alcove_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), package_file, &error));
  g_assert_no_error (error);
  alcove_test_run_for (800);  /* the folder loads before the file is selected */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  ask = alcove_test_find_message_dialog ("Enter the Package’s Passphrase");
  g_assert_nonnull (ask);
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (ask), ALCOVE_TYPE_PASSWORD_ROW,
                                             NULL)), passphrase);
  alcove_test_save_screenshots (GTK_WIDGET (ask), "share-package-open-passphrase");
  alcove_test_respond (ask, "open");

  chooser = GTK_WIDGET (alcove_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder_file,
                                                      &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "From Harbor.pdf");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (alcove_test_wait_until (file_exists, json, 10000));

  g_assert_true (g_file_get_contents (pdf, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpint (g_stat (pdf, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (json, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  /* no PDF viewer in the test's session */
  no_viewer = alcove_test_find_message_dialog ("No PDF Viewer");
  if (no_viewer != NULL)
    alcove_test_respond (no_viewer, "close");
}

/* Sealed to a practice: its fingerprint is confirmed first, and the log names it */
static void
share_sealed (AlcoveVault *vault,
              GtkWidget   *note_window,
              const char  *client_id)
{
  AlcoveShareWizard *wizard = wizard_at_output (note_window);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (),
                                            "sealed" ALCOVE_PACKAGE_SUFFIX, NULL);
  g_autoptr(AlcovePackageKey) key = alcove_package_key_for_vault (vault, NULL);
  g_autoptr(AlcovePackage) opened = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *delivery = NULL;
  AdwMessageDialog *confirm;

  g_assert_nonnull (key);
  confirm = alcove_package_key_dialog_new (GTK_WIDGET (wizard), key);
  gtk_window_present (GTK_WINDOW (confirm));
  alcove_test_run_for (300);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (GTK_WIDGET (confirm), GTK_TYPE_LABEL,
                                                        "fingerprint"))), ==,
                   alcove_package_key_get_fingerprint (key));
  alcove_test_save_screenshots (GTK_WIDGET (confirm), "share-package-fingerprint");
  alcove_test_respond (confirm, "cancel");

  delivery = g_strconcat ("sealed:", alcove_package_key_get_fingerprint (key), NULL);
  alcove_share_wizard_save_package (wizard, path, g_steal_pointer (&key));
  g_assert_true (alcove_test_wait_until (wizard_recorded, wizard, 20000));
  log = disclosure_log (vault, client_id);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (alcove_disclosure_get_field (g_ptr_array_index (log, 0),
                                                ALCOVE_DISCLOSURE_DELIVERY), ==, delivery);
  assert_no_phi_in (path);
  opened = alcove_package_open_sealed (path, vault, &error);
  g_assert_no_error (error);
  assert_package_holds_note (opened);
  close_wizard (wizard);
}

static void
package_scenario (AlcoveApplication *app,
                  AlcoveWindow      *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  AlcoveMainPage *page;
  g_autoptr(AlcoveConsentStore) consents = NULL;
  g_autoptr(AlcoveConsent) release = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *passphrase = NULL;
  AlcoveClientPage *client_page;
  GtkWidget *note_window;
  GtkWidget *log_box;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  page = alcove_window_get_main_page (window);
  client_id = add_client (alcove_main_page_get_client_store (page));
  note = signed_note (alcove_main_page_get_note_store (page), client_id);
  consents = alcove_consent_store_new (vault, NULL);
  release = active_release (vault, consents, client_id);
  alcove_main_page_open_note (page, alcove_note_get_id (note), client_id);
  alcove_test_run_for (400);
  note_window = GTK_WIDGET (alcove_test_find_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  g_assert_nonnull (note_window);

  passphrase = share_with_passphrase (vault, note_window, client_id);
  share_sealed (vault, note_window, client_id);
  gtk_window_destroy (GTK_WINDOW (note_window));
  alcove_test_run_for (200);

  /* the full log says how each package was sent, and its hash */
  client_page = show_disclosures (page, client_id);
  log_box = find (GTK_WIDGET (client_page), GTK_TYPE_LIST_BOX, "log_box");
  g_assert_true (tree_contains (log_box, "the passphrase given by phone. SHA-256 "));
  g_assert_true (tree_contains (log_box, "sealed to the practice key "));
  alcove_test_save_screenshots (GTK_WIDGET (window), "share-package-log");

  open_in_app (page, passphrase);
}

static void
test_package (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "package", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  alcove_test_run_app (dir, 1366, 768, package_scenario);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/share/note-under-authorization", test_share);
  g_test_add_func ("/share/encrypted-package", test_package);
  return g_test_run ();
}
