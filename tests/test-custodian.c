/* test-custodian.c — the records custodian: an owner names them, no one else can, a record no
 * owner signed is ignored and audited, the recovery key never goes in the letter; the letter
 * as PDF; the Preferences page in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-custodian"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "alcove-application.h"
#include "alcove-audit-actions.h"
#include "alcove-custodian-page.h"
#include "alcove-custodian-printer.h"
#include "alcove-custodian.h"
#include "alcove-date.h"
#include "alcove-gui-test-utils.h"
#include "alcove-practice-settings.h"
#include "alcove-privacy-dashboard.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define CUSTODIAN_NAME "Morgan Ellery-Vance"
#define KEY_LOCATION   "in the grey cabinet at Alder Street, folder 7"
#define RECORD_KEY     "records-custodian"
/* what alcove-practice-settings.c signs: an insider with a key of their own can make it */
#define SETTING_CONTEXT "io.github.alcove_notes.Alcove.practice-setting-1"

static AlcoveCustodian *
sample (void)
{
  AlcoveCustodian *custodian = alcove_custodian_new ();

  custodian->name = g_strdup ("  " CUSTODIAN_NAME " ");
  custodian->profession = g_strdup ("Licensed clinical social worker, LCSW 48213");
  custodian->phone = g_strdup ("+1 (503) 555-0142");
  custodian->email = g_strdup ("morgan@example.org");
  custodian->address = g_strdup ("12 Alder Street, Portland");
  custodian->key_location = g_strdup (KEY_LOCATION);
  return custodian;
}

/* A vault of its own in this program's data folder: dana owns it, sam is a clinician */
static char *
make_vault (const char  *name,
            char       **recovery_code)
{
  char *dir = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, recovery_code);
  g_autoptr(AlcoveVault) owner = NULL;

  alcove_vault_lock (created);
  owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  alcove_vault_lock (owner);
  return dir;
}

static void
save_sample (AlcoveVault *owner)
{
  g_autoptr(AlcoveCustodian) custodian = sample ();
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_custodian_save (owner, custodian, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_state (AlcoveVault          *vault,
              AlcoveCustodianState  expected)
{
  g_autoptr(AlcoveCustodian) custodian = NULL;
  AlcoveCustodianState state;

  custodian = alcove_custodian_load (vault, &state);
  g_assert_cmpint (state, ==, expected);
  g_assert_true ((custodian != NULL) == (expected == ALCOVE_CUSTODIAN_NAMED));
}

/* ---- an owner names the custodian ---- */

static void
test_owner_sets (void)
{
  g_autofree char *dir = make_vault ("owner-sets", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveCustodian) loaded = NULL;
  g_autofree char *today = alcove_date_today_iso ();
  AlcoveCustodianState state;

  g_assert_true (alcove_custodian_can_change (vault));
  assert_state (vault, ALCOVE_CUSTODIAN_NOT_NAMED);
  save_sample (vault);

  /* read back from the file by a new session */
  alcove_vault_lock (vault);
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  loaded = alcove_custodian_load (vault, &state);
  g_assert_cmpint (state, ==, ALCOVE_CUSTODIAN_NAMED);
  g_assert_cmpstr (loaded->name, ==, CUSTODIAN_NAME);
  g_assert_cmpstr (loaded->profession, ==, "Licensed clinical social worker, LCSW 48213");
  g_assert_cmpstr (loaded->phone, ==, "+1 (503) 555-0142");
  g_assert_cmpstr (loaded->email, ==, "morgan@example.org");
  g_assert_cmpstr (loaded->address, ==, "12 Alder Street, Portland");
  g_assert_cmpstr (loaded->key_location, ==, KEY_LOCATION);
  g_assert_cmpstr (loaded->named_on, ==, today);

  /* audited, by the setting's key and nothing of what it says */
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_PRACTICE_SETTING, RECORD_KEY),
                   ==, 1);
  g_assert_cmpint (alcove_test_query_int (vault, "SELECT count(*) FROM audit_log"
                                          " WHERE details LIKE '%%Morgan%%'"
                                          " OR details LIKE '%%cabinet%%'"), ==, 0);
}

/* What the form refuses, and says where */
static void
test_checks (void)
{
  g_autoptr(AlcoveCustodian) custodian = sample ();
  g_autoptr(GError) error = NULL;
  AlcoveCustodianField field;

  g_assert_true (alcove_custodian_check (custodian, &field, &error));
  g_assert_cmpint (field, ==, ALCOVE_CUSTODIAN_FIELD_NONE);

  g_free (custodian->name);
  custodian->name = g_strdup ("   ");
  g_assert_false (alcove_custodian_check (custodian, &field, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_cmpint (field, ==, ALCOVE_CUSTODIAN_FIELD_NAME);
  g_clear_error (&error);
  g_free (custodian->name);
  custodian->name = g_strdup (CUSTODIAN_NAME);

  g_free (custodian->email);
  custodian->email = g_strdup ("morgan at example");
  g_assert_false (alcove_custodian_check (custodian, &field, &error));
  g_assert_cmpint (field, ==, ALCOVE_CUSTODIAN_FIELD_EMAIL);
  g_clear_error (&error);
  g_free (custodian->email);
  custodian->email = g_strdup ("");
  g_free (custodian->phone);
  custodian->phone = g_strdup ("");
  g_assert_false (alcove_custodian_check (custodian, &field, &error));
  g_assert_cmpint (field, ==, ALCOVE_CUSTODIAN_FIELD_PHONE);
  g_clear_error (&error);
  g_free (custodian->phone);
  custodian->phone = g_strdup ("503 555 0142");

  g_free (custodian->key_location);
  custodian->key_location = g_strdup ("");
  g_assert_false (alcove_custodian_check (custodian, &field, &error));
  g_assert_cmpint (field, ==, ALCOVE_CUSTODIAN_FIELD_KEY_LOCATION);
}

/* ---- no one else ---- */

static void
test_non_owner_refused (void)
{
  g_autofree char *dir = make_vault ("non-owner", NULL);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveVault) sam = NULL;
  g_autoptr(AlcoveCustodian) mine = sample ();
  g_autoptr(AlcoveCustodian) loaded = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveCustodianState state;

  save_sample (owner);
  alcove_vault_lock (owner);
  sam = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
  g_assert_false (alcove_custodian_can_change (sam));
  g_free (mine->name);
  mine->name = g_strdup ("Sam Ortiz");
  g_assert_false (alcove_custodian_save (sam, mine, NULL, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  /* nor through the settings underneath */
  g_assert_false (alcove_practice_settings_set_string (sam, RECORD_KEY, "{}", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  /* nor print the letter */
  g_assert_false (alcove_custodian_printer_run (NULL, sam, "/nonexistent/letter.pdf", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED);

  loaded = alcove_custodian_load (sam, &state);
  g_assert_cmpint (state, ==, ALCOVE_CUSTODIAN_NAMED);
  g_assert_cmpstr (loaded->name, ==, CUSTODIAN_NAME);
}

/* ---- an insider with practice.db's key writes the row themselves ---- */

static char *
replace_all (const char *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

static void
write_row (AlcoveVault *vault,
           const char  *value,
           const char  *set_by,
           gint64       set_ms,
           const char  *signature)
{
  g_autofree char *quoted = replace_all (value, "'", "''");

  g_assert_cmpint (alcove_test_exec_raw (vault, "INSERT OR REPLACE INTO practice_settings"
                                         " (key, value, set_by, set_ms, signature) VALUES"
                                         " ('%s', '%s', '%s', %" G_GINT64_FORMAT ", '%s')",
                                         RECORD_KEY, quoted, set_by, set_ms, signature),
                   ==, SQLITE_OK);
}

/* sam signs a record with sam's own key, exactly as an owner's is signed */
static void
write_signed_by_sam (AlcoveVault *sam)
{
  const char *value = "{\"name\":\"Sam Ortiz\",\"phone\":\"5035550100\","
                      "\"key_location\":\"ask Sam\",\"named_on\":\"2026-01-01\"}";
  const char *uuid = alcove_user_get_uuid (alcove_vault_get_current_user (sam));
  gint64 set_ms = g_get_real_time () / 1000;
  g_autofree char *message = g_strdup_printf ("%s\n%s\n%s\n%s\n%" G_GINT64_FORMAT,
                                              alcove_vault_get_uuid (sam), RECORD_KEY, value,
                                              uuid, set_ms);
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = alcove_practice_sign (sam, SETTING_CONTEXT, message, &error);

  g_assert_no_error (error);
  write_row (sam, value, uuid, set_ms, signature);
}

static gint64
count_rejected (AlcoveVault *vault)
{
  return alcove_test_count_audit (vault, ALCOVE_AUDIT_CUSTODIAN_REJECTED, RECORD_KEY);
}

static void
test_forged_ignored (void)
{
  g_autofree char *dir = make_vault ("forged", NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autofree char *dana_uuid = NULL;
  g_autoptr(GError) error = NULL;

  save_sample (vault);
  dana_uuid = g_strdup (alcove_user_get_uuid (alcove_vault_get_current_user (vault)));
  alcove_vault_lock (vault);
  g_clear_object (&vault);

  /* the owner's row with its text edited */
  vault = alcove_test_unlocked_vault (dir, "sam", TEST_OTHER_PASSWORD);
  g_assert_cmpint (alcove_test_exec_raw (vault, "UPDATE practice_settings SET value ="
                                         " replace (value, 'grey cabinet', 'top drawer')"
                                         " WHERE key = '%s'", RECORD_KEY), ==, SQLITE_OK);
  assert_state (vault, ALCOVE_CUSTODIAN_UNTRUSTED);
  g_assert_cmpint (count_rejected (vault), ==, 1);
  /* reported once per session, however often it is read */
  assert_state (vault, ALCOVE_CUSTODIAN_UNTRUSTED);
  g_assert_cmpint (count_rejected (vault), ==, 1);

  /* a record sam signed with sam's own key: a signature, but not an owner's */
  write_signed_by_sam (vault);
  assert_state (vault, ALCOVE_CUSTODIAN_UNTRUSTED);
  /* a row with no signature, in the owner's name */
  write_row (vault, "{\"name\":\"Sam Ortiz\"}", dana_uuid, 1, "");
  assert_state (vault, ALCOVE_CUSTODIAN_UNTRUSTED);
  alcove_vault_lock (vault);
  g_clear_object (&vault);

  /* the owner's session finds it in the file too, reports it and will not print it */
  vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  assert_state (vault, ALCOVE_CUSTODIAN_UNTRUSTED);
  g_assert_cmpint (count_rejected (vault), ==, 2);
  g_assert_false (alcove_custodian_printer_run (NULL, vault, "/nonexistent/letter.pdf", &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  /* naming the custodian again puts it right */
  save_sample (vault);
  assert_state (vault, ALCOVE_CUSTODIAN_NAMED);
}

/* ---- the recovery key stays out ---- */

static void
assert_refused (AlcoveCustodian      *custodian,
                char                **slot,
                const char           *text,
                AlcoveCustodianField  expected)
{
  g_autofree char *saved = g_steal_pointer (slot);
  g_autoptr(GError) error = NULL;
  AlcoveCustodianField field;

  *slot = g_strdup (text);
  g_assert_false (alcove_custodian_check (custodian, &field, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "recovery sheet"));
  g_assert_cmpint (field, ==, expected);
  g_free (*slot);
  *slot = g_steal_pointer (&saved);
}

static void
test_recovery_key_refused (void)
{
  g_autofree char *code = NULL;
  g_autofree char *dir = make_vault ("recovery-key", &code);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveCustodian) custodian = sample ();
  g_autofree char *spaced = replace_all (code, "-", " ");
  g_autofree char *lower = g_ascii_strdown (spaced, -1);
  g_autofree char *compact = replace_all (code, "-", "");
  g_autofree char *embedded = g_strdup_printf ("The key is %s, in the safe", code);
  g_autofree char *partial = g_strndup (code, 14);   /* three groups */
  const char *pasted[] = { code, spaced, lower, compact, embedded, partial };
  g_autoptr(GError) error = NULL;
  AlcoveCustodianField field;
  const char *fine[] = { KEY_LOCATION, "Room 12B, safe 3-A, shelf 2", "Envelope B-12-C",
                         "Bank box 4471-2209 at First Federal", "FIRE SAFE, ROOM 4",
                         "With my attorney, Jane Roe, 1-800-555-0100" };

  g_assert_cmpuint (strlen (code), ==, 69);
  for (guint i = 0; i < G_N_ELEMENTS (pasted); i++)
    assert_refused (custodian, &custodian->key_location, pasted[i],
                    ALCOVE_CUSTODIAN_FIELD_KEY_LOCATION);
  assert_refused (custodian, &custodian->address, code, ALCOVE_CUSTODIAN_FIELD_ADDRESS);
  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_free (custodian->key_location);
      custodian->key_location = g_strdup (fine[i]);
      if (!alcove_custodian_check (custodian, &field, &error))
        g_error ("“%s” refused: %s", fine[i], error->message);
    }

  /* the store refuses it too, and nothing is written */
  g_free (custodian->key_location);
  custodian->key_location = g_strdup (code);
  g_assert_false (alcove_custodian_save (vault, custodian, &field, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_assert_cmpint (field, ==, ALCOVE_CUSTODIAN_FIELD_KEY_LOCATION);
  assert_state (vault, ALCOVE_CUSTODIAN_NOT_NAMED);
}

/* ---- the letter ---- */

static char *
squeeze_spaces (const char *text)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

static void
test_letter_pdf (void)
{
  g_autofree char *code = NULL;
  g_autofree char *dir = make_vault ("letter", &code);
  g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
  g_autofree char *pdf = g_build_filename (dir, "custodian-letter.pdf", NULL);
  g_autofree char *compact = replace_all (code, "-", "");
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first_groups = g_strndup (code, 9);
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "Records Custodian Letter", "Harbor Counseling", "Dana Whitfield",
                             CUSTODIAN_NAME, KEY_LOCATION, "Restore from a backup",
                             "licensing board", "Custodian: ________" };

  /* nothing to print before a custodian is named */
  g_assert_false (alcove_custodian_printer_run (NULL, vault, pdf, &error));
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  save_sample (vault);
  g_assert_true (alcove_custodian_printer_run (NULL, vault, pdf, &error));
  g_assert_no_error (error);
  raw = alcove_test_pdf_text (pdf);
  text = squeeze_spaces (raw);
  g_test_message ("%s", text);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("the letter does not say “%s”", expected[i]);
  /* the key, in any form, is nowhere in it */
  g_assert_null (strstr (text, code));
  g_assert_null (strstr (text, compact));
  g_assert_null (strstr (text, first_groups));
  g_assert_false (alcove_test_file_contains (pdf, code, strlen (code)));
  g_assert_cmpint (alcove_test_count_audit (vault, ALCOVE_AUDIT_CUSTODIAN_LETTER, RECORD_KEY),
                   ==, 1);
}

/* ---- Preferences in the real window ---- */

static char *recovery_code;

static GtkWidget *
custodian_page (AdwPreferencesWindow *preferences)
{
  return alcove_test_get_widget (preferences, ALCOVE_TYPE_CUSTODIAN_PAGE, NULL);
}

static void
type_into (GtkWidget  *page,
           const char *name,
           const char *text)
{
  alcove_test_set_text (page, name, text);
  alcove_test_run_for (50);
}

static void
screenshots (AdwPreferencesWindow *preferences,
             const char           *name)
{
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (preferences), name);
}

static void
owner_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  const char *code = recovery_code;
  g_autofree char *today_iso = alcove_date_today_iso ();
  g_autofree char *today = alcove_date_format (today_iso);
  g_autofree char *named = g_strdup_printf ("Named on %s", today);
  g_autofree char *dashboard_text = g_strdup_printf ("Records custodian: named on %s", today);
  AdwPreferencesWindow *preferences;
  GtkWidget *page;
  GtkWidget *location;
  GtkWidget *message;
  GtkWidget *print;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  preferences = alcove_test_open_preferences (app, "custodian");
  page = custodian_page (preferences);
  g_assert_true (alcove_test_tree_has_text (page, "Not named yet"));
  print = alcove_test_get_widget (page, GTK_TYPE_BUTTON, "custodian-print");
  g_assert_false (gtk_widget_is_sensitive (print));
  screenshots (preferences, "custodian-empty");

  type_into (page, "custodian-name", CUSTODIAN_NAME);
  type_into (page, "custodian-profession", "Licensed clinical social worker, LCSW 48213");
  type_into (page, "custodian-phone", "+1 (503) 555-0142");
  type_into (page, "custodian-email", "morgan@example.org");
  type_into (page, "custodian-address", "12 Alder Street, Portland");

  /* the key pasted where its place belongs: said at once, and the text stays */
  location = alcove_test_get_widget (page, ADW_TYPE_ENTRY_ROW, "custodian-key-location");
  message = alcove_test_get_widget (page, GTK_TYPE_LABEL, "custodian-location-message");
  type_into (page, "custodian-key-location", code);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "recovery sheet"));
  g_assert_true (gtk_widget_has_css_class (location, "error"));
  gtk_widget_activate_action (page, "custodian.save", NULL);
  alcove_test_run_for (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (location)), ==, code);
  g_assert_true (gtk_widget_get_visible (message));
  screenshots (preferences, "custodian-key-refused");

  /* an email that is not one: its message under the contact rows, the rest kept */
  type_into (page, "custodian-key-location", KEY_LOCATION);
  g_assert_false (gtk_widget_get_visible (message));
  type_into (page, "custodian-email", "morgan at example");
  gtk_widget_activate_action (page, "custodian.save", NULL);
  alcove_test_run_for (100);
  message = alcove_test_get_widget (page, GTK_TYPE_LABEL, "custodian-contact-message");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (gtk_widget_has_css_class (alcove_test_get_widget (page, ADW_TYPE_ENTRY_ROW,
                                                                   "custodian-email"),
                                           "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (location)), ==, KEY_LOCATION);
  type_into (page, "custodian-email", "morgan@example.org");

  gtk_widget_activate_action (page, "custodian.save", NULL);
  alcove_test_run_for (200);
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_true (alcove_test_tree_has_text (page, named));
  g_assert_true (gtk_widget_is_sensitive (print));
  screenshots (preferences, "custodian-named");
  gtk_window_destroy (GTK_WINDOW (preferences));
  alcove_test_run_for (200);

  /* the dashboard says so beside the score */
  alcove_main_page_set_section (alcove_window_get_main_page (window), "privacy");
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (window), dashboard_text));
  alcove_test_save_screenshot (GTK_WIDGET (window), "custodian-dashboard");
}

/* sam sees who it is, cannot change it, and not where the recovery sheet is */
static void
clinician_scenario (AlcoveApplication *app,
                    AlcoveWindow      *window)
{
  AdwPreferencesWindow *preferences;
  GtkWidget *page;
  GtkWidget *name;

  alcove_test_unlock_app (app, "sam", TEST_OTHER_PASSWORD);
  preferences = alcove_test_open_preferences (app, "custodian");
  page = custodian_page (preferences);
  name = alcove_test_get_widget (page, ADW_TYPE_ENTRY_ROW, "custodian-name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, CUSTODIAN_NAME);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (name)));
  g_assert_false (gtk_widget_is_visible (alcove_test_get_widget (page, GTK_TYPE_BUTTON,
                                                                  "custodian-save")));
  g_assert_false (gtk_widget_is_visible (alcove_test_get_widget (page, ADW_TYPE_ENTRY_ROW,
                                                                  "custodian-key-location")));
  g_assert_false (alcove_test_tree_has_text (page, KEY_LOCATION));
  gtk_widget_activate_action (page, "custodian.save", NULL);
  screenshots (preferences, "custodian-read-only");
  gtk_window_destroy (GTK_WINDOW (preferences));
  alcove_test_run_for (200);
}

static void
test_preferences (void)
{
  g_autofree char *dir = make_vault ("preferences", &recovery_code);

  alcove_test_run_app (dir, 1100, 900, owner_scenario);
  alcove_test_run_app (dir, 900, 760, clinician_scenario);
  g_clear_pointer (&recovery_code, g_free);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);
  /* the letter prints before any application runs */
  gtk_init ();
  adw_init ();

  g_test_add_func ("/custodian/owner-sets", test_owner_sets);
  g_test_add_func ("/custodian/checks", test_checks);
  g_test_add_func ("/custodian/non-owner-refused", test_non_owner_refused);
  g_test_add_func ("/custodian/forged-ignored", test_forged_ignored);
  g_test_add_func ("/custodian/recovery-key-refused", test_recovery_key_refused);
  g_test_add_func ("/custodian/letter-pdf", test_letter_pdf);
  g_test_add_func ("/custodian/preferences", test_preferences);

  return g_test_run ();
}
