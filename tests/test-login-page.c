/* test-login-page.c — the login page and the recovery-key reset, in a real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-login-page"

#include "config.h"

#include <libsecret/secret.h>

#include "alcove-attempts.h"
#include "alcove-first-sign-in-window.h"
#include "alcove-gui-test-utils.h"
#include "alcove-keyring.h"
#include "alcove-login-page.h"
#include "alcove-password-row.h"
#include "alcove-recovery-window.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

/* a limit, not a delay: the reset derives keys and re-keys stores, slow on a loaded machine */
#define WAIT_MS 90000

typedef struct
{
  char            *dir;
  AlcoveVault     *vault;
  GtkWindow       *window;
  AlcoveLoginPage *page;
  guint            unlocked;
} Fixture;

/* ---- helpers ---- */

static char *
new_vault_dir (void)
{
  static guint n;

  /* One directory, and so one vault uuid, per test: failed attempts never leak across. */
  return g_strdup_printf ("%s/vaults/vault-%u", g_get_user_data_dir (), ++n);
}

static void
unlocked_cb (AlcoveLoginPage *page,
             Fixture         *fixture)
{
  fixture->unlocked++;
}

static gboolean
mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* A page on a fresh AlcoveVault object for fixture->dir, in a presented window */
static void
show_page (Fixture *fixture)
{
  g_clear_object (&fixture->vault);
  fixture->vault = alcove_vault_new (fixture->dir);
  fixture->unlocked = 0;
  fixture->page = alcove_login_page_new (fixture->vault);
  g_signal_connect (fixture->page, "unlocked", G_CALLBACK (unlocked_cb), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 720, 640);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  g_assert_true (alcove_test_wait_until (mapped_cb, fixture->page, WAIT_MS));
  alcove_test_run_for (100);
}

static void
close_page (Fixture *fixture)
{
  g_clear_pointer (&fixture->window, gtk_window_destroy);
  fixture->page = NULL;
  alcove_test_run_for (50);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = new_vault_dir ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  close_page (fixture);
  g_clear_object (&fixture->vault);
  g_clear_pointer (&fixture->dir, g_free);
}

static GtkWidget *
find (gpointer    root,
      GType       type,
      const char *id)
{
  GtkWidget *widget = alcove_test_find_widget (GTK_WIDGET (root), type, id);

  if (widget == NULL)
    g_error ("No %s “%s” in the tree", g_type_name (type), id);
  return widget;
}

static GtkWidget *
password_row (Fixture *fixture)
{
  return find (fixture->page, ALCOVE_TYPE_PASSWORD_ROW, "password_row");
}

static GtkLabel *
label (Fixture    *fixture,
       const char *id)
{
  return GTK_LABEL (find (fixture->page, GTK_TYPE_LABEL, id));
}

static const char *
visible_stack_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (find (fixture->page, GTK_TYPE_STACK,
                                                            "stack")));
}

static gboolean
is_busy (Fixture *fixture)
{
  return gtk_spinner_get_spinning (GTK_SPINNER (find (fixture->page, GTK_TYPE_SPINNER, "spinner")));
}

static gboolean
not_busy_cb (gpointer data)
{
  return !is_busy (data);
}

static gboolean
visible_cb (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
field_sensitive_cb (gpointer data)
{
  return gtk_widget_get_sensitive (password_row (data));
}

static gboolean
unlocked_signal_cb (gpointer data)
{
  return ((Fixture *) data)->unlocked > 0;
}

static gboolean
focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* What Enter does in a text field */
static void
press_enter (GtkWidget *row)
{
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (row)), "activate");
}

/* Types into the password row and presses Enter, then waits for the answer */
static void
type_password (Fixture    *fixture,
               const char *password)
{
  GtkWidget *row = password_row (fixture);

  g_assert_true (gtk_widget_get_sensitive (row));
  gtk_editable_set_text (GTK_EDITABLE (row), password);
  press_enter (row);
  /* the field is emptied as soon as the password is copied */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_true (is_busy (fixture) || fixture->unlocked > 0);
  g_assert_true (alcove_test_wait_until (not_busy_cb, fixture, WAIT_MS));
}

/* Waits until the field takes input again; returns the seconds since start (monotonic µs),
 * or since now */
static double
wait_for_field_since (Fixture *fixture,
                      gint64   start)
{
  g_assert_true (alcove_test_wait_until (field_sensitive_cb, fixture, 40000));
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static double
wait_for_field (Fixture *fixture)
{
  return wait_for_field_since (fixture, g_get_monotonic_time ());
}

static guint
failures (Fixture *fixture)
{
  return alcove_attempts_get_count (alcove_vault_get_uuid (fixture->vault), "dana", NULL);
}

/* ---- tests ---- */

/* One account: it is chosen already, the field has the focus; wrong, then right. */
static void
test_wrong_then_right (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (fixture->dir, NULL);
  GtkWidget *row;

  show_page (fixture);
  row = password_row (fixture);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "password");
  g_assert_cmpstr (gtk_label_get_text (label (fixture, "name_label")), ==, "Dana Whitfield");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (fixture->page), "Harbor Counseling"));
  g_assert_false (gtk_widget_get_visible (find (fixture->page, GTK_TYPE_BUTTON, "back_button")));
  g_assert_true (focus_in (row));
  /* nothing to unlock with yet */
  press_enter (row);
  g_assert_false (is_busy (fixture));
  gtk_editable_set_text (GTK_EDITABLE (row), "typed");
  alcove_test_save_screenshots (GTK_WIDGET (fixture->window), "login-password");
  gtk_editable_set_text (GTK_EDITABLE (row), "");

  type_password (fixture, TEST_OTHER_PASSWORD);
  g_assert_cmpuint (fixture->unlocked, ==, 0);
  g_assert_true (alcove_vault_get_locked (fixture->vault));
  g_assert_cmpstr (gtk_label_get_text (label (fixture, "error_label")), ==,
                   "That password is not correct");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label (fixture, "error_label"))));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label (fixture, "error_label")), "error"));
  g_assert_cmpuint (failures (fixture), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (row));
  wait_for_field (fixture);
  g_assert_true (focus_in (row));

  type_password (fixture, TEST_PASSWORD);
  g_assert_cmpuint (fixture->unlocked, ==, 1);
  g_assert_false (alcove_vault_get_locked (fixture->vault));
  g_assert_cmpstr (alcove_user_get_username (alcove_vault_get_current_user (fixture->vault)), ==,
                   "dana");
  g_assert_cmpstr (alcove_vault_get_unlock_method (fixture->vault), ==, "password");
  /* a successful unlock forgets the failures (after auditing them) */
  g_assert_cmpuint (failures (fixture), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label (fixture, "error_label"))));
  alcove_test_run_for (200);
  g_assert_cmpuint (fixture->unlocked, ==, 1);

  /* after a lock the window reloads the page: chosen again, field empty, no message */
  alcove_vault_lock (fixture->vault);
  alcove_login_page_reload (fixture->page);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "password");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_true (gtk_widget_get_sensitive (row));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label (fixture, "error_label"))));
}

/* 1 s after the first failure, 2 s after the second, 4 s after the third — and a new page
 * (a restart of the application) still waits out what is left. */
static void
test_delay_grows_and_persists (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (fixture->dir, NULL);
  GtkWidget *row;
  GtkLabel *countdown;
  double first, second, remaining;
  gint64 start;

  show_page (fixture);
  row = password_row (fixture);
  countdown = label (fixture, "countdown_label");

  type_password (fixture, "wrong one");
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (countdown)));
  g_assert_cmpstr (gtk_label_get_text (countdown), ==, "Try again in 1 second");
  first = wait_for_field (fixture);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (countdown)));

  type_password (fixture, "wrong two");
  start = g_get_monotonic_time ();
  g_assert_cmpuint (failures (fixture), ==, 2);
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpstr (gtk_label_get_text (countdown), ==, "Try again in 2 seconds");
  /* while it lasts, Enter does nothing: no attempt is made, none is counted */
  gtk_editable_set_text (GTK_EDITABLE (row), TEST_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "login.unlock", NULL);
  press_enter (row);
  g_assert_false (is_busy (fixture));
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  alcove_test_save_screenshots (GTK_WIDGET (fixture->window), "login-wrong-password");
  second = wait_for_field_since (fixture, start);
  g_assert_cmpuint (fixture->unlocked, ==, 0);
  g_assert_cmpuint (failures (fixture), ==, 2);

  g_test_message ("delays: %.2f s, %.2f s", first, second);
  g_assert_cmpfloat (first, >=, 0.6);
  g_assert_cmpfloat (second, >=, 1.5);
  g_assert_cmpfloat (second, >, first + 0.5);

  /* a third failure, then the application "restarts": a new vault object and page */
  type_password (fixture, "wrong three");
  g_assert_cmpuint (failures (fixture), ==, 3);
  close_page (fixture);
  show_page (fixture);
  row = password_row (fixture);
  countdown = label (fixture, "countdown_label");
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (countdown)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (countdown), "Try again in "));
  remaining = wait_for_field (fixture);
  g_test_message ("left after the restart: %.2f s", remaining);
  g_assert_cmpfloat (remaining, >=, 2.0);
  g_assert_true (focus_in (row));

  type_password (fixture, TEST_PASSWORD);
  g_assert_cmpuint (fixture->unlocked, ==, 1);
  g_assert_false (alcove_vault_get_locked (fixture->vault));
}

/* Several accounts: a list with avatars; a disabled account is not offered. */
static void
test_account_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (fixture->dir, NULL);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (fixture->dir, "dana", TEST_PASSWORD);
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(GError) error = NULL;
  GtkListBox *list;
  GtkListBoxRow *sam = NULL;
  GtkListBoxRow *dana = NULL;
  guint n_rows = 0;

  g_assert_true (alcove_vault_add_user (owner, "sam", "Samuel Okafor", ALCOVE_ROLE_CLINICIAN,
                                        password, alcove_test_fast_kdf (), &error));
  g_assert_no_error (error);
  g_assert_true (alcove_vault_add_user (owner, "lee", "Lee Marchetti", ALCOVE_ROLE_BILLING,
                                        password, alcove_test_fast_kdf (), &error));
  g_assert_true (alcove_vault_disable_user (owner, "lee", &error));
  g_assert_no_error (error);
  alcove_vault_lock (owner);

  show_page (fixture);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "accounts");
  list = GTK_LIST_BOX (find (fixture->page, GTK_TYPE_LIST_BOX, "users_list"));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child));

      n_rows++;
      g_assert_nonnull (alcove_test_find_widget (child, ADW_TYPE_AVATAR, NULL));
      if (g_str_equal (title, "Samuel Okafor"))
        sam = GTK_LIST_BOX_ROW (child);
      else if (g_str_equal (title, "Dana Whitfield"))
        dana = GTK_LIST_BOX_ROW (child);
    }
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_nonnull (sam);
  g_assert_nonnull (dana);
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (list), "Lee Marchetti"));
  g_assert_true (focus_in (GTK_WIDGET (list)));
  alcove_test_save_screenshots (GTK_WIDGET (fixture->window), "login-users");

  /* choosing Sam shows his password field, with the focus; Escape goes back */
  gtk_widget_activate (GTK_WIDGET (sam));
  g_assert_cmpstr (visible_stack_page (fixture), ==, "password");
  g_assert_cmpstr (gtk_label_get_text (label (fixture, "name_label")), ==, "Samuel Okafor");
  g_assert_cmpstr (adw_avatar_get_text (ADW_AVATAR (find (fixture->page, ADW_TYPE_AVATAR,
                                                          "avatar"))), ==, "Samuel Okafor");
  g_assert_true (gtk_widget_get_visible (find (fixture->page, GTK_TYPE_BUTTON, "back_button")));
  alcove_test_run_for (100);
  g_assert_true (focus_in (password_row (fixture)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "login.back", NULL);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "accounts");

  gtk_widget_activate (GTK_WIDGET (dana));
  type_password (fixture, TEST_PASSWORD);
  g_assert_cmpuint (fixture->unlocked, ==, 1);
  g_assert_cmpstr (alcove_user_get_username (alcove_vault_get_current_user (fixture->vault)), ==,
                   "dana");
}

static AlcoveRecoveryWindow *
find_recovery_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ALCOVE_IS_RECOVERY_WINDOW (window))
        return ALCOVE_RECOVERY_WINDOW (window);
    }
  return NULL;
}

static gboolean
recovery_window_shown_cb (gpointer data)
{
  return find_recovery_window () != NULL;
}

static gboolean
recovery_window_gone_cb (gpointer data)
{
  return find_recovery_window () == NULL;
}

static gboolean
recovery_idle_cb (gpointer data)
{
  AlcoveRecoveryWindow *window = data;

  /* done when the spinner stops, or when the window closed itself */
  if (find_recovery_window () != window)
    return TRUE;
  return !gtk_widget_get_visible (find (window, GTK_TYPE_SPINNER, "spinner"));
}

/* Fills the reset form, presses Enter in the confirmation, waits for the verdict */
static void
submit_reset (AlcoveRecoveryWindow *window,
              const char           *key,
              const char           *password,
              const char           *confirmation)
{
  GtkWidget *confirm_row = find (window, ALCOVE_TYPE_PASSWORD_ROW, "confirm_row");

  gtk_editable_set_text (GTK_EDITABLE (find (window, ADW_TYPE_ENTRY_ROW, "key_row")), key);
  gtk_editable_set_text (GTK_EDITABLE (find (window, ALCOVE_TYPE_PASSWORD_ROW,
                                             "password_row")), password);
  gtk_editable_set_text (GTK_EDITABLE (confirm_row), confirmation);
  press_enter (confirm_row);
  g_assert_true (alcove_test_wait_until (recovery_idle_cb, window, WAIT_MS));
}

static void
assert_reset_error (AlcoveRecoveryWindow *window,
                    const char           *field,
                    const char           *message_part,
                    const char           *key,
                    const char           *password)
{
  GtkWidget *error_label = find (window, GTK_TYPE_LABEL, "error_label");

  g_assert_true (find_recovery_window () == window);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_has_css_class (error_label, "error"));
  if (strstr (gtk_label_get_text (GTK_LABEL (error_label)), message_part) == NULL)
    g_error ("“%s” does not say “%s”", gtk_label_get_text (GTK_LABEL (error_label)), message_part);
  g_assert_true (gtk_widget_has_css_class (find (window, GTK_TYPE_WIDGET, field), "error"));
  /* nothing typed is lost */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (window, ADW_TYPE_ENTRY_ROW,
                                                              "key_row"))), ==, key);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (window, ALCOVE_TYPE_PASSWORD_ROW,
                                                              "password_row"))), ==, password);
}

static char *
mistype (const char *code)
{
  char *typo = g_strdup (code);
  char *p = typo + 7;

  /* a valid letter, but not the one printed */
  *p = *p == 'A' ? 'C' : 'A';
  return typo;
}

/* Forgot password: the recovery key resets it; typos, another vault's key and a weak
 * password are said in the window without losing what was typed. */
static void
test_recovery_reset (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *code = NULL;
  g_autofree char *other_code = NULL;
  g_autofree char *other_dir = new_vault_dir ();
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (fixture->dir, &code);
  g_autoptr(AlcoveVault) other = alcove_test_create_vault (other_dir, &other_code);
  g_autofree char *typo = mistype (code);
  g_autofree char *typed_code = NULL;
  AlcoveRecoveryWindow *window;
  AdwComboRow *account_row;

  show_page (fixture);
  gtk_widget_activate (find (fixture->page, GTK_TYPE_BUTTON, "forgot_button"));
  g_assert_true (alcove_test_wait_until (recovery_window_shown_cb, NULL, WAIT_MS));
  alcove_test_run_for (200);
  window = find_recovery_window ();
  g_assert_nonnull (window);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (window)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == fixture->window);
  account_row = ADW_COMBO_ROW (find (window, ADW_TYPE_COMBO_ROW, "account_row"));
  g_assert_cmpstr (alcove_user_get_username (adw_combo_row_get_selected_item (account_row)), ==,
                   "dana");
  g_assert_true (gtk_widget_has_css_class (
    GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (find (window, ADW_TYPE_ENTRY_ROW,
                                                               "key_row")))),
    "monospace"));
  g_assert_true (focus_in (find (window, ADW_TYPE_ENTRY_ROW, "key_row")));
  g_assert_false (gtk_widget_is_sensitive (find (window, GTK_TYPE_BUTTON, "reset_button")));

  /* a weak password is refused before the key is even tried */
  submit_reset (window, code, "password", "password");
  assert_reset_error (window, "password_row", "", code, "password");

  submit_reset (window, code, TEST_OTHER_PASSWORD, "velvet otter");
  assert_reset_error (window, "confirm_row", "not the same", code, TEST_OTHER_PASSWORD);

  submit_reset (window, typo, TEST_OTHER_PASSWORD, TEST_OTHER_PASSWORD);
  assert_reset_error (window, "key_row", "typing mistake", typo, TEST_OTHER_PASSWORD);
  g_assert_true (alcove_vault_get_locked (fixture->vault));
  alcove_test_save_screenshots (GTK_WIDGET (window), "login-recovery-error");

  submit_reset (window, other_code, TEST_OTHER_PASSWORD, TEST_OTHER_PASSWORD);
  assert_reset_error (window, "key_row", "another vault", other_code, TEST_OTHER_PASSWORD);
  g_assert_true (alcove_vault_get_locked (fixture->vault));

  /* the real key, as someone might type it: lower case, spaces for dashes */
  typed_code = g_ascii_strdown (code, -1);
  g_strdelimit (typed_code, "-", ' ');
  gtk_editable_set_text (GTK_EDITABLE (find (window, ADW_TYPE_ENTRY_ROW, "key_row")), typed_code);
  gtk_editable_set_text (GTK_EDITABLE (find (window, ALCOVE_TYPE_PASSWORD_ROW, "password_row")),
                         "");
  gtk_editable_set_text (GTK_EDITABLE (find (window, ALCOVE_TYPE_PASSWORD_ROW, "confirm_row")),
                         "");
  alcove_test_run_for (50);
  alcove_test_save_screenshots (GTK_WIDGET (window), "login-recovery");

  submit_reset (window, typed_code, TEST_OTHER_PASSWORD, TEST_OTHER_PASSWORD);
  g_assert_true (alcove_test_wait_until (recovery_window_gone_cb, NULL, WAIT_MS));
  g_assert_true (alcove_vault_get_locked (fixture->vault));
  g_assert_cmpuint (fixture->unlocked, ==, 0);
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (fixture->page),
                                            "Password changed — sign in with the new password"));
  g_assert_cmpstr (visible_stack_page (fixture), ==, "password");
  g_assert_true (focus_in (password_row (fixture)));
  alcove_test_save_screenshots (GTK_WIDGET (fixture->window), "login-password-changed");

  /* the old password no longer opens it; the new one does */
  type_password (fixture, TEST_PASSWORD);
  g_assert_cmpuint (fixture->unlocked, ==, 0);
  g_assert_cmpstr (gtk_label_get_text (label (fixture, "error_label")), ==,
                   "That password is not correct");
  wait_for_field (fixture);
  type_password (fixture, TEST_OTHER_PASSWORD);
  g_assert_cmpuint (fixture->unlocked, ==, 1);
  g_assert_false (alcove_vault_get_locked (fixture->vault));
}

/* Escape or Cancel closes the reset window and changes nothing */
static void
test_recovery_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (fixture->dir, NULL);
  g_autoptr(GHashTable) before = alcove_test_snapshot (fixture->dir);
  g_autoptr(GHashTable) after = NULL;
  AlcoveRecoveryWindow *window;

  show_page (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "login.forgot-password", NULL);
  g_assert_true (alcove_test_wait_until (recovery_window_shown_cb, NULL, WAIT_MS));
  alcove_test_run_for (100);
  window = find_recovery_window ();
  g_assert_nonnull (window);
  gtk_editable_set_text (GTK_EDITABLE (find (window, ADW_TYPE_ENTRY_ROW, "key_row")), "ABCD");
  gtk_widget_activate (find (window, GTK_TYPE_BUTTON, "cancel_button"));
  g_assert_true (alcove_test_wait_until (recovery_window_gone_cb, NULL, WAIT_MS));
  after = alcove_test_snapshot (fixture->dir);
  alcove_test_assert_same_snapshot (before, after);
  g_assert_true (focus_in (password_row (fixture)));
}

/* A header that claims a keyring slot whose key is nowhere: one line says why, and the
 * password still opens the vault. */
static void
test_keyring_fallback (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (fixture->dir, NULL);
  g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (fixture->dir, "dana", TEST_PASSWORD);
  g_autoptr(GError) error = NULL;
  AlcoveHeader *header = alcove_vault_copy_header (owner);
  AlcoveHeaderSlot *slot = g_new0 (AlcoveHeaderSlot, 1);
  GtkLabel *keyring_label;
  g_autofree char *text = NULL;

  slot->id = g_uuid_string_random ();
  slot->kind = g_strdup ("keyring");
  slot->label = g_strdup ("elsewhere");
  slot->nonce = alcove_crypto_random_bytes (ALCOVE_NONCE_SIZE);
  slot->wrapped = alcove_crypto_random_bytes (48);
  g_ptr_array_add (alcove_header_find_user (header, "dana")->slots, slot);
  g_assert_true (alcove_vault_commit_header (owner, header, &error));
  g_assert_no_error (error);
  alcove_vault_lock (owner);

  show_page (fixture);
  g_assert_true (alcove_test_wait_until (not_busy_cb, fixture, WAIT_MS));
  keyring_label = label (fixture, "keyring_label");
  text = g_strdup (gtk_label_get_text (keyring_label));
  g_test_message ("keyring: %s", text);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (keyring_label)));
  g_assert_true (g_str_equal (text, "No keyring is available") ||
                 g_str_equal (text, "Your login keyring has no key for this vault"));
  g_assert_null (strchr (text, '\n'));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label (fixture, "error_label"))));
  g_assert_cmpuint (fixture->unlocked, ==, 0);
  g_assert_true (alcove_vault_get_locked (fixture->vault));
  g_assert_true (gtk_widget_get_sensitive (password_row (fixture)));
  g_assert_true (focus_in (password_row (fixture)));
  g_assert_true (gtk_widget_get_visible (find (fixture->page, GTK_TYPE_BUTTON, "keyring_button")));
  alcove_test_save_screenshots (GTK_WIDGET (fixture->window), "login-keyring");

  type_password (fixture, TEST_PASSWORD);
  g_assert_cmpuint (fixture->unlocked, ==, 1);
  g_assert_false (alcove_vault_get_locked (fixture->vault));

  /* After a lock the keyring is not tried on its own: locking must mean something. */
  alcove_vault_lock (fixture->vault);
  alcove_login_page_reload (fixture->page);
  alcove_test_run_for (200);
  g_assert_false (is_busy (fixture));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (keyring_label)));
  g_assert_true (focus_in (password_row (fixture)));
  /* …until asked */
  gtk_widget_activate (find (fixture->page, GTK_TYPE_BUTTON, "keyring_button"));
  g_assert_true (alcove_test_wait_until (visible_cb, keyring_label, WAIT_MS));
  g_assert_true (alcove_test_wait_until (not_busy_cb, fixture, WAIT_MS));
  g_assert_cmpstr (gtk_label_get_text (keyring_label), ==, text);
  g_assert_cmpuint (fixture->unlocked, ==, 1);
}

/* TRUE when a Secret Service already runs with an unlocked default collection, as ./test.sh
 * sets up; a keyring activated on demand would prompt to create one, on the test screen. */
static gboolean
unlocked_keyring_running (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  gboolean owned = FALSE;

  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  if (!owned)
    return FALSE;
  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, NULL);
  if (service != NULL)
    collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                   SECRET_COLLECTION_NONE, NULL, NULL);
  return collection != NULL && !secret_collection_get_locked (collection);
}

/* With the test session's unlocked gnome-keyring: opens without typing; a stale item says so. */
static void
test_keyring_unlock (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (fixture->dir, NULL);
  g_autoptr(AlcoveVault) owner = NULL;
  g_autoptr(AlcoveSecret) stale = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  g_autoptr(GError) error = NULL;
  g_autofree char *vault_uuid = NULL;
  g_autofree char *user_uuid = NULL;

  if (!unlocked_keyring_running ())
    {
      g_test_skip ("No unlocked login keyring in this session");
      return;
    }
  owner = alcove_test_unlocked_vault (fixture->dir, "dana", TEST_PASSWORD);
  if (!alcove_vault_add_keyring_slot (owner, NULL, &error))
    {
      g_autofree char *reason = g_strdup_printf ("The keyring does not take a slot: %s",
                                                 error->message);
      g_test_skip (reason);
      return;
    }
  vault_uuid = g_strdup (alcove_vault_get_uuid (owner));
  user_uuid = g_strdup (alcove_user_get_uuid (alcove_vault_get_current_user (owner)));
  alcove_vault_lock (owner);

  show_page (fixture);
  g_assert_true (alcove_test_wait_until (unlocked_signal_cb, fixture, WAIT_MS));
  g_assert_cmpuint (fixture->unlocked, ==, 1);
  g_assert_false (alcove_vault_get_locked (fixture->vault));
  g_assert_cmpstr (alcove_vault_get_unlock_method (fixture->vault), ==, "keyring");
  alcove_vault_lock (fixture->vault);
  close_page (fixture);

  /* the item now holds another key: the slot no longer opens */
  g_assert_true (alcove_keyring_store (vault_uuid, user_uuid, stale, NULL, &error));
  g_assert_no_error (error);
  show_page (fixture);
  g_assert_true (alcove_test_wait_until (not_busy_cb, fixture, WAIT_MS));
  g_assert_cmpstr (gtk_label_get_text (label (fixture, "keyring_label")), ==,
                   "The saved key no longer matches — enter your password");
  g_assert_cmpuint (fixture->unlocked, ==, 0);
  type_password (fixture, TEST_PASSWORD);
  g_assert_cmpuint (fixture->unlocked, ==, 1);
  alcove_keyring_remove (vault_uuid, user_uuid, NULL, NULL);
}

/* The row of the account named `title` in the list of accounts */
static GtkWidget *
account_row (Fixture    *fixture,
             const char *title)
{
  GtkWidget *list = find (fixture->page, GTK_TYPE_LIST_BOX, "users_list");

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title))
      return child;
  g_error ("No account “%s” in the list", title);
}

/* A shared computer account: dana and sam each turned on keyring unlock in the same login
 * keyring. One click on sam's name used to open his session; now it asks for his password,
 * and says why. */
static void
test_tile_click_needs_password (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (fixture->dir, NULL);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "dana", "sam" };
  const char *passwords[] = { TEST_PASSWORD, TEST_OTHER_PASSWORD };
  GtkLabel *keyring_label;

  if (!unlocked_keyring_running ())
    {
      g_test_skip ("No unlocked login keyring in this session");
      return;
    }
  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (fixture->dir, "dana", TEST_PASSWORD);

    alcove_test_add_user (owner, "sam", "Sam Ortiz", ALCOVE_ROLE_CLINICIAN);
  }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(AlcoveVault) vault = alcove_test_unlocked_vault (fixture->dir, names[i],
                                                                 passwords[i]);

      if (!alcove_vault_add_keyring_slot (vault, NULL, &error))
        {
          g_autofree char *reason = g_strdup_printf ("The keyring does not take a slot: %s",
                                                     error->message);
          g_test_skip (reason);
          return;
        }
    }

  show_page (fixture);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "accounts");
  gtk_widget_activate (account_row (fixture, "Sam Ortiz"));
  alcove_test_run_for (100);
  g_assert_true (alcove_test_wait_until (not_busy_cb, fixture, WAIT_MS));
  alcove_test_run_for (200);

  /* not signed in: his password is asked, and the page says why */
  g_assert_cmpuint (fixture->unlocked, ==, 0);
  g_assert_true (alcove_vault_get_locked (fixture->vault));
  g_assert_cmpstr (visible_stack_page (fixture), ==, "password");
  g_assert_cmpstr (gtk_label_get_text (label (fixture, "name_label")), ==, "Sam Ortiz");
  keyring_label = label (fixture, "keyring_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (keyring_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (keyring_label), "type your password"));
  /* the keyring button gives the same answer, never a session */
  gtk_widget_activate (find (fixture->page, GTK_TYPE_BUTTON, "keyring_button"));
  alcove_test_run_for (100);
  g_assert_true (alcove_test_wait_until (not_busy_cb, fixture, WAIT_MS));
  g_assert_true (alcove_vault_get_locked (fixture->vault));
  alcove_test_save_screenshots (GTK_WIDGET (fixture->window), "login-shared-account");

  type_password (fixture, TEST_OTHER_PASSWORD);
  g_assert_cmpuint (fixture->unlocked, ==, 1);
  g_assert_cmpstr (alcove_user_get_username (alcove_vault_get_current_user (fixture->vault)), ==,
                   "sam");
  g_assert_cmpstr (alcove_vault_get_unlock_method (fixture->vault), ==, "password");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    alcove_keyring_remove (alcove_vault_get_uuid (fixture->vault),
                           alcove_header_find_user (fixture->vault->header, names[i])->uuid,
                           NULL, NULL);
}

static GtkWindow *
find_first_sign_in_window (void)
{
  return alcove_test_find_toplevel (ALCOVE_TYPE_FIRST_SIGN_IN_WINDOW);
}

static gboolean
first_sign_in_shown_cb (gpointer data)
{
  GtkWindow *window = find_first_sign_in_window ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* A new front desk clerk types the enrolment code on the login page, chooses a password in
 * the first sign-in window, an owner confirms, and the page has signed her in */
static void
test_first_sign_in (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (fixture->dir, NULL);
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code_text = NULL;
  GtkWindow *window;

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (fixture->dir, "dana", TEST_PASSWORD);

    g_assert_true (alcove_vault_add_person (owner, "fay", "Fay Oduya", ALCOVE_ROLE_FRONT_DESK,
                                            NULL, alcove_test_fast_kdf (), &code, &error));
    g_assert_no_error (error);
    code_text = g_strndup ((const char *) alcove_secret_get_data (code),
                           alcove_secret_get_size (code));
  }

  show_page (fixture);
  gtk_widget_activate (account_row (fixture, "Fay Oduya"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (password_row (fixture))),
                   ==, "Enrolment Code");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label (fixture, "keyring_label"))));
  gtk_editable_set_text (GTK_EDITABLE (password_row (fixture)), code_text);
  press_enter (password_row (fixture));
  g_assert_true (alcove_test_wait_until (first_sign_in_shown_cb, NULL, WAIT_MS));
  window = find_first_sign_in_window ();
  g_assert_true (alcove_vault_get_locked (fixture->vault));

  gtk_editable_set_text (GTK_EDITABLE (find (window, ALCOVE_TYPE_PASSWORD_ROW, "password_row")),
                         "plum umbrella gravel tonic");
  gtk_editable_set_text (GTK_EDITABLE (find (window, ALCOVE_TYPE_PASSWORD_ROW, "confirm_row")),
                         "plum umbrella gravel tonic");
  g_assert_true (gtk_widget_get_visible (find (window, ADW_TYPE_COMBO_ROW, "confirmer_row")));
  alcove_test_run_for (200);
  alcove_test_save_screenshots (GTK_WIDGET (window), "login-first-sign-in");

  /* a wrong confirmation: said, nothing opened */
  gtk_editable_set_text (GTK_EDITABLE (find (window, ALCOVE_TYPE_PASSWORD_ROW,
                                             "confirmer_secret")), "not the owner's password");
  gtk_widget_activate_action (GTK_WIDGET (window), "first.sign-in", NULL);
  g_assert_true (alcove_test_wait_until (visible_cb, find (window, GTK_TYPE_LABEL, "status_label"),
                                         WAIT_MS));
  while (!gtk_widget_get_sensitive (find (window, GTK_TYPE_BUTTON, "cancel_button")))
    alcove_test_run_for (100);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find (window, GTK_TYPE_LABEL,
                                                                 "status_label"))),
                            "not correct"));
  g_assert_cmpuint (fixture->unlocked, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (find (window, ALCOVE_TYPE_PASSWORD_ROW,
                                             "confirmer_secret")), TEST_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (window), "first.sign-in", NULL);
  g_assert_true (alcove_test_wait_until (unlocked_signal_cb, fixture, WAIT_MS));
  g_assert_cmpstr (alcove_user_get_username (alcove_vault_get_current_user (fixture->vault)), ==,
                   "fay");
  alcove_test_run_for (100);
  g_assert_null (find_first_sign_in_window ());
}

/* A header that cannot be read: said in the page, with a way to try again */
static void
test_damaged_header (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (fixture->dir, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, ALCOVE_HEADER_FILE, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, "{ \"format\": ", -1, NULL));
  show_page (fixture);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "error");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (fixture->page),
                                            "The Vault Cannot Be Read"));

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "login.reload", NULL);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "password");
  type_password (fixture, TEST_PASSWORD);
  g_assert_cmpuint (fixture->unlocked, ==, 1);
}

static GtkListBoxRow *
find_account_row (Fixture    *fixture,
                  const char *full_name)
{
  GtkWidget *list = find (fixture->page, GTK_TYPE_LIST_BOX, "users_list");

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), full_name))
      return GTK_LIST_BOX_ROW (child);
  g_assert_not_reached ();
}

/* vault.keys edited by an insider (billing made itself an owner): the password is right,
 * the vault stays locked, and the page says what was changed and what to do. */
static void
test_forged_header (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AlcoveVault) made = alcove_test_create_vault (fixture->dir, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, ALCOVE_HEADER_FILE, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) edited = NULL;
  const char *text;
  gsize length;

  {
    g_autoptr(AlcoveVault) owner = alcove_test_unlocked_vault (fixture->dir, "dana", TEST_PASSWORD);
    alcove_test_add_user (owner, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  }
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, "\"role\" : \"billing\"", "\"role\" : \"owner\"", 1),
                    ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));

  show_page (fixture);
  gtk_widget_activate (GTK_WIDGET (find_account_row (fixture, "Dana Whitfield")));
  type_password (fixture, TEST_PASSWORD);
  g_assert_cmpuint (fixture->unlocked, ==, 0);
  g_assert_true (alcove_vault_get_locked (fixture->vault));
  text = gtk_label_get_text (label (fixture, "error_label"));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "was changed by someone who may not change it"));
  g_assert_nonnull (strstr (text, "“bea” role"));
  g_assert_nonnull (strstr (text, "tell the practice owner"));
  alcove_test_save_screenshots (GTK_WIDGET (fixture->window), "login-forged-header");
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add ("/login/wrong-then-right", Fixture, NULL, fixture_setup, test_wrong_then_right,
              fixture_teardown);
  g_test_add ("/login/delay-grows-and-persists", Fixture, NULL, fixture_setup,
              test_delay_grows_and_persists, fixture_teardown);
  g_test_add ("/login/account-list", Fixture, NULL, fixture_setup, test_account_list,
              fixture_teardown);
  g_test_add ("/login/recovery-reset", Fixture, NULL, fixture_setup, test_recovery_reset,
              fixture_teardown);
  g_test_add ("/login/recovery-cancel", Fixture, NULL, fixture_setup, test_recovery_cancel,
              fixture_teardown);
  g_test_add ("/login/keyring-fallback", Fixture, NULL, fixture_setup, test_keyring_fallback,
              fixture_teardown);
  g_test_add ("/login/keyring-unlock", Fixture, NULL, fixture_setup, test_keyring_unlock,
              fixture_teardown);
  g_test_add ("/login/tile-click-needs-password", Fixture, NULL, fixture_setup,
              test_tile_click_needs_password, fixture_teardown);
  g_test_add ("/login/first-sign-in", Fixture, NULL, fixture_setup, test_first_sign_in,
              fixture_teardown);
  g_test_add ("/login/damaged-header", Fixture, NULL, fixture_setup, test_damaged_header,
              fixture_teardown);
  g_test_add ("/login/forged-header", Fixture, NULL, fixture_setup, test_forged_header,
              fixture_teardown);

  return g_test_run ();
}
