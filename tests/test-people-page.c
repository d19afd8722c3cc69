/* test-people-page.c — Preferences, People, in the real application under Xvfb: an owner
 * adds a clinician, a supervisor, a billing clerk and a front desk clerk through the dialog;
 * each signs in for the first time and sees exactly their role's sections; the last owner
 * cannot be disabled or demoted, and the page says why; disabling shows its progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-people-page"

#include "config.h"

#include <adwaita.h>

#include "alcove-application.h"
#include "alcove-first-sign-in-window.h"
#include "alcove-gui-test-utils.h"
#include "alcove-login-page.h"
#include "alcove-password-row.h"
#include "alcove-people-page.h"
#include "alcove-person-dialog.h"
#include "alcove-policy.h"
#include "alcove-preferences-window.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

#define WAIT_MS 60000
#define FIRST_PASSWORD "quiet harbor lantern seven"
#define OWN_PASSWORD   "plum umbrella gravel tonic"

/* who the owner adds, and how each signs in the first time */
static const struct
{
  const char *username;
  const char *full_name;
  AlcoveRole  role;
  gboolean    with_code;
} people[] = {
  { "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN, FALSE },
  { "rui", "Rui Tanaka", ALCOVE_ROLE_SUPERVISOR, FALSE },
  { "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING, FALSE },
  { "fay", "Fay Oduya", ALCOVE_ROLE_FRONT_DESK, TRUE },
};

static char *fay_code;
static char *recovery_code;

/* ---- helpers ---- */

static GtkWidget *
find (gpointer    root,
      GType       type,
      const char *name)
{
  return alcove_test_get_widget (root, type, name);
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* At a workstation's size, then as narrow as a phone */
static void
screenshots_at_sizes (GtkWindow  *window,
                      const char *name)
{
  g_autofree char *narrow = g_strconcat (name, "-narrow", NULL);

  gtk_window_set_default_size (window, 1366, 768);
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (window), name);
  gtk_window_set_default_size (window, 400, 768);
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (window), narrow);
  gtk_window_set_default_size (window, 760, 720);
  alcove_test_run_for (200);
}

static AlcovePeoplePage *
people_page (gpointer preferences)
{
  return ALCOVE_PEOPLE_PAGE (find (preferences, ALCOVE_TYPE_PEOPLE_PAGE, NULL));
}

/* The expander row of a person, by username */
static AdwExpanderRow *
person_row (gpointer    page,
            const char *username)
{
  return ADW_EXPANDER_ROW (find (page, ADW_TYPE_EXPANDER_ROW, username));
}

static gboolean
gone_cb (gpointer type)
{
  return alcove_test_find_toplevel ((GType) GPOINTER_TO_SIZE (type)) == NULL;
}

static gboolean
code_shown_cb (gpointer dialog)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (find (dialog, GTK_TYPE_STACK,
                                                                       "stack"))), "code") == 0;
}

static gboolean
not_busy_cb (gpointer page)
{
  return !gtk_widget_get_visible (find (page, ADW_TYPE_PREFERENCES_GROUP, "status_group"));
}

static gboolean
busy_cb (gpointer page)
{
  return !not_busy_cb (page);
}

static void
set_text (gpointer    root,
          GType       type,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (root, type, name)), text);
}

static void
add_through_dialog (AlcovePeoplePage *page,
                    guint             i,
                    gboolean          take_screenshots)
{
  GtkWindow *dialog;
  GtkWidget *role_row;

  gtk_widget_activate_action (GTK_WIDGET (page), "people.add", NULL);
  alcove_test_run_for (300);
  dialog = alcove_test_find_toplevel (ALCOVE_TYPE_PERSON_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_sensitive (find (dialog, GTK_TYPE_BUTTON, "add_button")));

  set_text (dialog, ADW_TYPE_ENTRY_ROW, "name_row", people[i].full_name);
  /* the username follows the name until it is typed */
  g_assert_nonnull (strstr (gtk_editable_get_text (GTK_EDITABLE (find (dialog, ADW_TYPE_ENTRY_ROW,
                                                                       "username_row"))), "."));
  set_text (dialog, ADW_TYPE_ENTRY_ROW, "username_row", people[i].username);
  role_row = find (dialog, ADW_TYPE_ACTION_ROW, alcove_role_to_string (people[i].role));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (role_row, GTK_TYPE_CHECK_BUTTON, NULL)),
                               TRUE);
  if (people[i].with_code)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find (dialog, GTK_TYPE_CHECK_BUTTON,
                                                         "code_choice")), TRUE);
  else
    {
      set_text (dialog, ALCOVE_TYPE_PASSWORD_ROW, "password_row", FIRST_PASSWORD);
      set_text (dialog, ALCOVE_TYPE_PASSWORD_ROW, "confirm_row", FIRST_PASSWORD);
    }
  if (take_screenshots)
    alcove_test_save_screenshots (GTK_WIDGET (dialog), "people-add-dialog");
  g_assert_true (gtk_widget_get_sensitive (find (dialog, GTK_TYPE_BUTTON, "add_button")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "person.add", NULL);

  if (people[i].with_code)
    {
      const char *code;

      g_assert_true (alcove_test_wait_until (code_shown_cb, dialog, WAIT_MS));
      code = gtk_label_get_text (GTK_LABEL (find (dialog, GTK_TYPE_LABEL, "code_label")));
      g_assert_true (g_regex_match_simple ("^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$", code, 0, 0));
      fay_code = g_strdup (code);
      alcove_test_save_screenshots (GTK_WIDGET (dialog), "people-enrolment-code");
      gtk_widget_activate (find (dialog, GTK_TYPE_BUTTON, "done_button"));
    }
  if (!alcove_test_wait_until (gone_cb, GSIZE_TO_POINTER (ALCOVE_TYPE_PERSON_DIALOG), WAIT_MS))
    g_error ("The dialog stayed: %s",
             gtk_label_get_text (GTK_LABEL (find (dialog, GTK_TYPE_LABEL, "status_label"))));
  alcove_test_run_for (200);
  g_assert_nonnull (person_row (page, people[i].username));
}

/* The names of the main page's sections, in the sidebar's order */
static GStrv
sections (AlcoveWindow *window)
{
  GtkWidget *sidebar = find (alcove_window_get_main_page (window), GTK_TYPE_LIST_BOX, "sidebar");
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (sidebar); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row))
      g_strv_builder_add (names, gtk_widget_get_name (row));
  return g_strv_builder_end (names);
}

/* What the policy table gives the role, as the main page names its sections */
static GStrv
expected_sections (AlcoveRole role)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_strv_builder_add_many (names, "home", "clients", "consents", NULL);
  if (alcove_policy_role_allows (role, ALCOVE_CAPABILITY_REVIEW_AUDIT))
    g_strv_builder_add (names, "audit");
  if (alcove_policy_role_allows (role, ALCOVE_CAPABILITY_MANAGE_INCIDENTS))
    g_strv_builder_add (names, "incidents");
  if (alcove_policy_role_allows (role, ALCOVE_CAPABILITY_REVIEW_SAFEGUARDS))
    g_strv_builder_add (names, "privacy");
  return g_strv_builder_end (names);
}

static void
assert_sections (AlcoveWindow *window,
                 AlcoveRole    role)
{
  g_auto(GStrv) seen = sections (window);
  g_auto(GStrv) expected = expected_sections (role);
  g_autofree char *seen_text = g_strjoinv (" ", seen);

  g_test_message ("%s sees: %s", alcove_role_to_string (role), seen_text);
  g_assert_cmpuint (g_strv_length (seen), ==, g_strv_length (expected));
  for (guint i = 0; expected[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) seen, expected[i]))
      g_error ("%s does not see %s", alcove_role_to_string (role), expected[i]);
}

static gboolean
first_sign_in_shown_cb (gpointer data)
{
  GtkWindow *window = alcove_test_find_toplevel (ALCOVE_TYPE_FIRST_SIGN_IN_WINDOW);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
main_shown_cb (gpointer window)
{
  return g_strcmp0 (alcove_window_get_page (window), "main") == 0 &&
         alcove_window_get_main_page (window) != NULL;
}

/* From the login page: the tile, the first password or code, then the first sign-in window
 * with dana confirming */
static void
sign_in_first_time (AlcoveWindow *window,
                    guint         i)
{
  AlcoveLoginPage *login = ALCOVE_LOGIN_PAGE (find (window, ALCOVE_TYPE_LOGIN_PAGE, NULL));
  GtkWidget *list = find (login, GTK_TYPE_LIST_BOX, "users_list");
  GtkWidget *password;
  GtkWindow *first;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                     people[i].full_name))
      gtk_widget_activate (row);
  alcove_test_run_for (200);
  password = find (login, ALCOVE_TYPE_PASSWORD_ROW, "password_row");
  gtk_editable_set_text (GTK_EDITABLE (password), people[i].with_code ? fay_code : FIRST_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (login), "login.unlock", NULL);
  g_assert_true (alcove_test_wait_until (first_sign_in_shown_cb, NULL, WAIT_MS));
  first = alcove_test_find_toplevel (ALCOVE_TYPE_FIRST_SIGN_IN_WINDOW);
  set_text (first, ALCOVE_TYPE_PASSWORD_ROW, "password_row", OWN_PASSWORD);
  set_text (first, ALCOVE_TYPE_PASSWORD_ROW, "confirm_row", OWN_PASSWORD);
  set_text (first, ALCOVE_TYPE_PASSWORD_ROW, "confirmer_secret", TEST_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (first), "first.sign-in", NULL);
  g_assert_true (alcove_test_wait_until (main_shown_cb, window, WAIT_MS));
  alcove_test_run_for (700);
}

/* ---- an owner adds four people; each signs in ---- */

static void
add_people_scenario (AlcoveApplication *app,
                     AlcoveWindow      *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  AdwPreferencesWindow *preferences;
  AlcovePeoplePage *page;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  preferences = alcove_test_open_preferences (app, "people");
  page = people_page (preferences);
  g_assert_true (gtk_widget_get_visible (find (page, GTK_TYPE_BUTTON, "add_button")));
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    add_through_dialog (page, i, i == 0);

  /* rui supervises sam, from sam's first sign-in */
  {
    GtkWidget *assign = find (person_row (page, "sam"), ADW_TYPE_COMBO_ROW, "add-supervisor");

    GtkWidget *button = find_action_button (assign, "people.assign");

    adw_expander_row_set_expanded (person_row (page, "sam"), TRUE);
    adw_expander_row_set_expanded (person_row (page, "rui"), TRUE);
    alcove_test_run_for (300);
    g_signal_emit_by_name (button, "clicked");
    g_assert_true (busy_cb (page));
    g_assert_true (alcove_test_wait_until (not_busy_cb, page, WAIT_MS));
    alcove_test_run_for (300);
    g_assert_true (alcove_vault_supervision_is_pending (vault, "rui", "sam"));
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (person_row (page, "sam")),
                                              "Supervised by Rui Tanaka"));
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (person_row (page, "rui")),
                                              "Reads Sam Ortiz’s progress notes"));
  }
  screenshots_at_sizes (GTK_WINDOW (preferences), "people-page");
  gtk_window_destroy (GTK_WINDOW (preferences));
  alcove_test_lock_app (app);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      sign_in_first_time (window, i);
      g_assert_cmpstr (alcove_user_get_username (alcove_vault_get_current_user (vault)), ==,
                       people[i].username);
      assert_sections (window, people[i].role);
      if (i == 0)
        alcove_test_save_screenshots (GTK_WIDGET (window), "people-clinician-main");
      if (people[i].role == ALCOVE_ROLE_CLINICIAN || people[i].role == ALCOVE_ROLE_SUPERVISOR)
        {
          /* read-only: who is who, who reads whose notes */
          preferences = alcove_test_open_preferences (app, "people");
          page = people_page (preferences);
          g_assert_false (gtk_widget_get_visible (find (page, GTK_TYPE_BUTTON, "add_button")));
          g_assert_null (alcove_test_find_widget (find (page, ADW_TYPE_PREFERENCES_GROUP,
                                                        "people_group"),
                                                  ADW_TYPE_COMBO_ROW, NULL));
          /* the practice's emergency-access policy, shown and not changed */
          g_assert_false (gtk_widget_get_sensitive (find (page, ADW_TYPE_COMBO_ROW,
                                                          "duration_row")));
          g_assert_false (gtk_widget_get_sensitive (find (page, GTK_TYPE_SWITCH,
                                                          "clinician_switch")));
          g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (page),
                                                    people[i].role == ALCOVE_ROLE_CLINICIAN
                                                    ? "Supervised by Rui Tanaka"
                                                    : "Reads Sam Ortiz’s progress notes"));
          if (people[i].role == ALCOVE_ROLE_CLINICIAN)
            {
              adw_expander_row_set_expanded (person_row (page, "sam"), TRUE);
              screenshots_at_sizes (GTK_WINDOW (preferences), "people-page-read-only");
            }
          gtk_window_destroy (GTK_WINDOW (preferences));
        }
      alcove_test_lock_app (app);
    }
  /* sam's first sign-in sealed his notes' key to rui */
  g_assert_false (alcove_vault_supervision_is_pending (vault, "rui", "sam"));
}

static void
test_add_people (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "add-people", NULL);
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (dir, NULL);

  alcove_test_run_app (dir, 1366, 768, add_people_scenario);
  g_clear_pointer (&fay_code, g_free);
}

/* ---- the last owner; disabling and enabling again ---- */

static AdwMessageDialog *
find_dialog (const char *heading_start)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)),
                            heading_start))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}


static void
last_owner_scenario (AlcoveApplication *app,
                     AlcoveWindow      *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  AdwPreferencesWindow *preferences;
  AlcovePeoplePage *page;
  AdwExpanderRow *dana;
  GtkWidget *disable;
  AdwMessageDialog *dialog;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  preferences = alcove_test_open_preferences (app, "people");
  page = people_page (preferences);

  /* dana is the only owner: her role and her account cannot change, and the page says why */
  dana = person_row (page, "dana");
  adw_expander_row_set_expanded (dana, TRUE);
  g_assert_false (gtk_widget_get_sensitive (find (dana, ADW_TYPE_COMBO_ROW, "role")));
  disable = find (find (dana, ADW_TYPE_ACTION_ROW, "account"), GTK_TYPE_BUTTON, "state-button");
  g_assert_false (gtk_widget_get_sensitive (disable));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dana), "Role"));
  {
    GtkWidget *role = find (dana, ADW_TYPE_COMBO_ROW, "role");
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (role));

    g_assert_nonnull (strstr (subtitle, "Your own role is changed by another owner"));
  }

  /* bea, added, disabled through the dialog: the page shows the keys being replaced */
  alcove_test_add_user (vault, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  alcove_test_add_user (vault, "kim", "Kim Park", ALCOVE_ROLE_OWNER);
  alcove_people_page_refresh (page);
  gtk_widget_activate_action (GTK_WIDGET (page), "people.disable", "s", "bea");
  alcove_test_run_for (300);
  dialog = find_dialog ("Disable Bea Lindqvist");
  g_assert_nonnull (dialog);
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "people-disable-dialog");
  alcove_test_respond (dialog, "disable");
  g_assert_true (busy_cb (page));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (page), "Disabling Bea Lindqvist"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (preferences)));
  g_assert_true (alcove_test_wait_until (not_busy_cb, page, WAIT_MS));
  alcove_test_run_for (300);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (preferences)));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (person_row (page, "bea")),
                            "Disabled"));

  /* enabled again with a new first password */
  gtk_widget_activate_action (GTK_WIDGET (page), "people.enable", "s", "bea");
  alcove_test_run_for (300);
  dialog = find_dialog ("Enable Bea Lindqvist");
  g_assert_nonnull (dialog);
  set_text (dialog, ALCOVE_TYPE_PASSWORD_ROW, "first", FIRST_PASSWORD);
  set_text (dialog, ALCOVE_TYPE_PASSWORD_ROW, "again", FIRST_PASSWORD);
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "people-enable-dialog");
  alcove_test_respond (dialog, "enable");
  g_assert_true (alcove_test_wait_until (not_busy_cb, page, WAIT_MS));
  alcove_test_run_for (300);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (person_row (page, "bea")),
                            "Has not signed in yet"));
  gtk_window_destroy (GTK_WINDOW (preferences));
  alcove_test_lock_app (app);

  /* kim, the other owner, makes dana a clinician; then kim is the last owner */
  {
    g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_OTHER_PASSWORD);
    g_autoptr(GError) error = NULL;

    g_assert_true (alcove_vault_unlock_with_password (vault, "kim", password, &error));
    g_assert_no_error (error);
    alcove_test_run_for (700);
  }
  preferences = alcove_test_open_preferences (app, "people");
  page = people_page (preferences);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (person_row (page, "dana"), ADW_TYPE_COMBO_ROW,
                                                   "role")), ALCOVE_ROLE_CLINICIAN);
  alcove_test_run_for (300);
  dialog = find_dialog ("Make Dana Whitfield Clinician");
  g_assert_nonnull (dialog);
  alcove_test_save_screenshots (GTK_WIDGET (dialog), "people-role-dialog");
  alcove_test_respond (dialog, "change");
  g_assert_true (alcove_test_wait_until (not_busy_cb, page, WAIT_MS));
  alcove_test_run_for (300);
  {
    g_autoptr(GListModel) users = alcove_vault_list_users (vault);
    g_autoptr(AlcoveUser) first = g_list_model_get_item (users, 0);

    g_assert_cmpint (alcove_user_get_role (first), ==, ALCOVE_ROLE_CLINICIAN);
  }
  /* kim's own row: the only owner now */
  {
    AdwExpanderRow *kim = person_row (page, "kim");

    adw_expander_row_set_expanded (kim, TRUE);
    alcove_test_run_for (200);
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (kim), "Account"));
    g_assert_false (alcove_vault_check_keeps_an_owner (vault, "kim", NULL));
    screenshots_at_sizes (GTK_WINDOW (preferences), "people-page-last-owner");
  }
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The recovery key's session manages people too, and still keeps the last owner */
static void
recovery_scenario (AlcoveApplication *app,
                   AlcoveWindow      *window)
{
  AlcoveVault *vault = alcove_application_get_vault (app);
  g_autoptr(AlcoveSecret) code = alcove_test_secret (recovery_code);
  g_autoptr(GListModel) users = NULL;
  g_autoptr(AlcoveUser) first = NULL;
  g_autoptr(GError) error = NULL;
  AdwPreferencesWindow *preferences;
  AlcovePeoplePage *page;
  AdwExpanderRow *dana;
  GtkWidget *role;

  g_assert_true (alcove_vault_unlock_with_recovery_key (vault, code, &error));
  g_assert_no_error (error);
  alcove_test_run_for (700);
  preferences = alcove_test_open_preferences (app, "people");
  page = people_page (preferences);
  dana = person_row (page, "dana");
  adw_expander_row_set_expanded (dana, TRUE);
  alcove_test_run_for (200);
  role = find (dana, ADW_TYPE_COMBO_ROW, "role");
  g_assert_false (gtk_widget_get_sensitive (role));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (role)), "only owner"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dana), "Account"));
  /* asked anyway: refused, and why, in full */
  gtk_widget_activate_action (GTK_WIDGET (page), "people.disable", "s", "dana");
  alcove_test_run_for (300);
  g_assert_null (find_dialog ("Disable Dana Whitfield"));
  g_assert_nonnull (find_dialog ("Nothing Was Changed"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_dialog ("Nothing Was Changed")),
                            "only owner"));
  alcove_test_save_screenshots (GTK_WIDGET (find_dialog ("Nothing Was Changed")),
                                "people-last-owner-refusal");
  gtk_window_destroy (GTK_WINDOW (find_dialog ("Nothing Was Changed")));
  users = alcove_vault_list_users (vault);
  first = g_list_model_get_item (users, 0);
  g_assert_false (alcove_user_get_disabled (first));
  alcove_test_save_screenshots (GTK_WIDGET (preferences), "people-page-recovery");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_last_owner (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "last-owner", NULL);
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (dir, NULL);

  alcove_test_run_app (dir, 900, 640, last_owner_scenario);
}

static void
test_recovery_session (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "recovery", NULL);
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (dir, &recovery_code);

  alcove_test_run_app (dir, 900, 640, recovery_scenario);
  g_clear_pointer (&recovery_code, g_free);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/people-page/add-people", test_add_people);
  g_test_add_func ("/people-page/last-owner", test_last_owner);
  g_test_add_func ("/people-page/recovery-session", test_recovery_session);

  return g_test_run ();
}
