/* test-setup-page.c — first-run setup, in a real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-setup-page"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>

#include "alcove-gui-test-utils.h"
#include "alcove-setup-page.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"

#define KEYRING_TOAST "login keyring could not be used"

static GSubprocess *session_bus;
static GThread *main_thread;

typedef struct
{
  GtkWidget       *window;
  AlcoveSetupPage *page;
  AlcoveVault     *vault;
  GSettings       *settings;
  char            *dir;
  char            *parent;
  guint            finished;
  guint            locked_notifies;
  gboolean         notified_off_main_thread;
} Fixture;

typedef struct
{
  gboolean    group;
  const char *practice;
  int         minutes;        /* 0: keep the default */
  gboolean    screenshots;
} Walk;

/* ---- processes ---- */

/* The whole program runs on a private session bus with no service files, so nothing (no
 * keyring, no portal) is started behind the test's back; one case starts gnome-keyring. */
static void
start_bus (void)
{
  g_autofree char *runtime = g_build_filename (g_get_home_dir (), "runtime", NULL);
  g_autofree char *address = NULL;

  session_bus = alcove_test_start_bus ("session", runtime, &address);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
}

/* ---- the page in a window ---- */

static void
finished_cb (AlcoveSetupPage *page,
             Fixture         *f)
{
  f->finished++;
}

static void
locked_cb (AlcoveVault *vault,
           GParamSpec  *pspec,
           Fixture     *f)
{
  f->locked_notifies++;
  if (g_thread_self () != main_thread)
    f->notified_off_main_thread = TRUE;
}

static Fixture *
fixture_new (const char *name)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->parent = g_build_filename (g_get_user_data_dir (), name, NULL);
  f->dir = g_build_filename (f->parent, "vault", NULL);
  f->vault = alcove_vault_new (f->dir);
  f->settings = g_settings_new (BASE_APPLICATION_ID);
  g_settings_reset (f->settings, "auto-lock-minutes");
  f->page = g_object_ref_sink (alcove_setup_page_new (f->vault, f->settings));
  g_signal_connect (f->page, "finished", G_CALLBACK (finished_cb), f);
  g_signal_connect (f->vault, "notify::locked", G_CALLBACK (locked_cb), f);

  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  alcove_test_run_for (300);
  return f;
}

static void
fixture_free (Fixture *f)
{
  g_signal_handlers_disconnect_by_data (f->vault, f);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->page);
  alcove_test_run_for (50);
  g_clear_object (&f->vault);
  g_clear_object (&f->settings);
  g_free (f->dir);
  g_free (f->parent);
  g_free (f);
}

static GtkWidget *
get (Fixture    *f,
     const char *id)
{
  GtkWidget *widget = alcove_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_WIDGET, id);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
text_of (Fixture    *f,
         const char *id)
{
  GtkWidget *widget = get (f, id);

  return GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget))
                               : gtk_editable_get_text (GTK_EDITABLE (widget));
}

static void
type (Fixture    *f,
      const char *id,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (get (f, id)), text);
}

static void
assert_step (Fixture    *f,
             const char *name)
{
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get (f, "stack"))), ==, name);
}

static gboolean
next_enabled (Fixture *f)
{
  return gtk_widget_is_sensitive (get (f, "next_button"));
}

static void
press (Fixture    *f,
       const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
  alcove_test_run_for (20);
}

/* Next does nothing while the step is incomplete. */
static void
assert_blocked (Fixture    *f,
                const char *step)
{
  g_assert_false (next_enabled (f));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "setup.next", NULL);
  alcove_test_run_for (20);
  assert_step (f, step);
}

static void
assert_nothing_written (Fixture *f)
{
  g_assert_false (g_file_test (f->parent, G_FILE_TEST_EXISTS));
}

static void
shoot_quickly (Fixture    *f,
               const char *name,
               guint       settle_ms)
{
  g_autofree char *light = g_strconcat (name, "-light", NULL);
  g_autofree char *dark = g_strconcat (name, "-dark", NULL);

  alcove_test_set_dark (FALSE);
  alcove_test_run_for (settle_ms);
  alcove_test_save_screenshot (f->window, light);
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (settle_ms / 3);
  alcove_test_save_screenshot (f->window, dark);
  alcove_test_set_dark (FALSE);
}

/* Light and dark, once the slide between steps is over */
static void
shoot (Fixture    *f,
       const char *name)
{
  shoot_quickly (f, name, 300);
}

/* The last group as printed, found in the label (lines of dash-separated groups) */
static char *
last_group (const char *code)
{
  gsize len = strlen (code);

  g_assert_cmpuint (len, >=, 4);
  return g_strndup (code + len - 4, 4);
}

/* Steps 1–7 with every check a person would trip over on the way; ends on step 8. Returns the
 * recovery key as shown. */
static char *
walk_to_done (Fixture    *f,
              const Walk *walk)
{
  g_autofree char *last = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *code = NULL;
  GtkWidget *hint;

  /* 1. Welcome */
  assert_step (f, "welcome");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (f->page), "Never Needs a Network"));
  g_assert_false (gtk_widget_get_visible (get (f, "back_button")));
  if (walk->screenshots)
    shoot (f, "setup-1-welcome");
  press (f, "setup.next");

  /* 2. Solo or group: nothing chosen yet, so no way on */
  assert_step (f, "kind");
  assert_blocked (f, "kind");
  gtk_widget_activate (get (f, walk->group ? "group_row" : "solo_row"));
  alcove_test_run_for (20);
  g_assert_true (gtk_check_button_get_active (
                   GTK_CHECK_BUTTON (get (f, walk->group ? "group_check" : "solo_check"))));
  g_assert_true (next_enabled (f));
  assert_step (f, "kind");
  if (walk->screenshots)
    shoot (f, "setup-2-kind");
  press (f, "setup.next");

  /* 3. Practice name: blank is not a name */
  assert_step (f, "practice");
  assert_blocked (f, "practice");
  type (f, "practice_row", "   ");
  assert_blocked (f, "practice");
  type (f, "practice_row", walk->practice);
  g_assert_true (next_enabled (f));
  if (walk->screenshots)
    shoot (f, "setup-3-practice");
  press (f, "setup.next");

  /* 4. Owner: the username follows the first name until edited */
  assert_step (f, "owner");
  assert_blocked (f, "owner");
  type (f, "full_name_row", "María López");
  g_assert_cmpstr (text_of (f, "username_row"), ==, "maria");
  type (f, "full_name_row", "Dana Whitfield");
  g_assert_cmpstr (text_of (f, "username_row"), ==, "dana");
  type (f, "username_row", "-dana");
  g_assert_true (gtk_widget_has_css_class (get (f, "username_hint"), "error"));
  type (f, "full_name_row", "Dana Whitfield ");
  g_assert_cmpstr (text_of (f, "username_row"), ==, "-dana");
  type (f, "username_row", "dana");
  g_assert_false (gtk_widget_has_css_class (get (f, "username_hint"), "error"));

  /* a weak password: libpwquality's reason is shown and Next stays off */
  type (f, "password_row", "sunshine");
  type (f, "confirm_row", "sunshine");
  hint = get (f, "password_hint");
  g_assert_true (gtk_widget_has_css_class (hint, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "too easy to guess"));
  g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (get (f, "strength_bar"))), ==, 0);
  if (walk->screenshots)
    shoot (f, "setup-4-owner-weak");
  assert_blocked (f, "owner");

  /* a strong one, then a confirmation that differs */
  type (f, "password_row", TEST_PASSWORD);
  g_assert_false (gtk_widget_has_css_class (hint, "error"));
  g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (get (f, "strength_bar"))), >, 0);
  type (f, "confirm_row", TEST_PASSWORD "!");
  g_assert_true (gtk_widget_get_visible (get (f, "confirm_hint")));
  assert_blocked (f, "owner");
  type (f, "confirm_row", TEST_PASSWORD);
  g_assert_false (gtk_widget_get_visible (get (f, "confirm_hint")));
  g_assert_true (next_enabled (f));
  if (walk->screenshots)
    shoot (f, "setup-4-owner");
  press (f, "setup.next");

  /* 5. Recovery key: shown, then confirmed by its last group */
  assert_step (f, "recovery");
  code = g_strdup (text_of (f, "recovery_label"));
  g_assert_cmpuint (strlen (code), ==, 14 * 4 + 13);
  last = last_group (code);
  wrong = g_strdup (last);
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  assert_blocked (f, "recovery");
  type (f, "last_group_row", wrong);
  g_assert_true (gtk_widget_has_css_class (get (f, "last_group_hint"), "error"));
  assert_blocked (f, "recovery");
  if (walk->screenshots)
    shoot (f, "setup-5-recovery-wrong");

  /* going back keeps everything typed, and the key does not change */
  press (f, "setup.back");
  assert_step (f, "owner");
  g_assert_cmpstr (text_of (f, "password_row"), ==, TEST_PASSWORD);
  g_assert_cmpstr (text_of (f, "practice_row"), ==, walk->practice);
  press (f, "setup.next");
  assert_step (f, "recovery");
  g_assert_cmpstr (text_of (f, "recovery_label"), ==, code);

  {
    g_autofree char *lower = g_ascii_strdown (last, -1);
    type (f, "last_group_row", lower);
  }
  g_assert_false (gtk_widget_has_css_class (get (f, "last_group_hint"), "error"));
  g_assert_true (next_enabled (f));
  if (walk->screenshots)
    shoot (f, "setup-5-recovery");
  press (f, "setup.next");

  /* 6. Keyring: on for one person's computer, off for a shared one */
  assert_step (f, "keyring");
  g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (get (f, "keyring_switch"))), ==,
                   !walk->group);
  if (walk->screenshots)
    shoot (f, "setup-6-keyring");
  press (f, "setup.next");

  /* 7. Auto-lock: 5 minutes alone, 2 in a group */
  assert_step (f, "autolock");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (get (f, "autolock_spin"))),
                   ==, walk->group ? 2 : 5);
  if (walk->minutes > 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (get (f, "autolock_spin")), walk->minutes);
  if (walk->screenshots)
    shoot (f, "setup-7-autolock");
  press (f, "setup.next");

  /* 8. Done: a summary, and still nothing on disk */
  assert_step (f, "done");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (f->page), "Create"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (get (f, "summary_practice_row"))),
                   ==, walk->practice);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (get (f, "summary_location_row"))),
                   ==, f->dir);
  if (walk->screenshots)
    shoot (f, "setup-8-done");
  g_assert_false (alcove_vault_exists (f->vault));
  return g_steal_pointer (&code);
}

typedef struct
{
  Fixture *f;
  guint    iterations_while_creating;
  guint    frames;
  gboolean shot;
  gboolean screenshots;
} Creating;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Creating *creating = user_data;

  creating->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
creation_over (gpointer user_data)
{
  Creating *creating = user_data;
  Fixture *f = creating->f;
  const char *step = gtk_stack_get_visible_child_name (GTK_STACK (get (f, "stack")));

  if (g_str_equal (step, "creating") && f->finished == 0 &&
      gtk_spinner_get_spinning (GTK_SPINNER (get (f, "spinner"))))
    {
      creating->iterations_while_creating++;
      if (creating->screenshots && !creating->shot)
        {
          creating->shot = TRUE;
          shoot_quickly (f, "setup-9-creating", 250);
        }
    }
  return f->finished > 0 || !gtk_widget_get_visible (get (f, "spinner")) ||
         g_str_equal (step, "done") || gtk_widget_get_visible (get (f, "error_label"));
}

/* Presses Create and waits; the main loop must keep running and drawing meanwhile. */
static void
create (Fixture  *f,
        gboolean  screenshots)
{
  Creating creating = { f, 0, 0, FALSE, screenshots };
  AlcoveTestGate *gate;
  guint tick;

  /* the key worker is held while the window is watched: the KDF, if it runs there and not on
   * the main thread, cannot finish meanwhile, however loaded the machine (a refusal ends
   * the creation before it) */
  gate = alcove_test_hold_worker (alcove_vault_key_worker ());
  press (f, "setup.next");
  tick = gtk_widget_add_tick_callback (get (f, "spinner"), count_frame_cb, &creating, NULL);
  alcove_test_wait_until (creation_over, &creating, 400);
  alcove_test_release_worker (gate);
  g_assert_true (alcove_test_wait_until (creation_over, &creating, 60000));
  gtk_widget_remove_tick_callback (get (f, "spinner"), tick);
  if (f->finished > 0)
    {
      /* the window kept iterating and drawing while the KDF waited its turn */
      g_assert_cmpuint (creating.iterations_while_creating, >=, 2);
      g_assert_cmpuint (creating.frames, >=, 2);
    }
}

static void
assert_created (Fixture    *f,
                const char *practice,
                const char *code,
                int         minutes)
{
  g_autoptr(AlcoveVault) reopened = alcove_vault_new (f->dir);
  g_autoptr(AlcoveSecret) secret = alcove_test_secret (code);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (f->finished, ==, 1);
  g_assert_true (alcove_vault_exists (f->vault));
  g_assert_false (alcove_vault_get_locked (f->vault));
  g_assert_cmpstr (alcove_vault_get_practice_name (f->vault), ==, practice);
  g_assert_cmpstr (alcove_user_get_username (alcove_vault_get_current_user (f->vault)), ==, "dana");
  g_assert_cmpstr (alcove_user_get_full_name (alcove_vault_get_current_user (f->vault)), ==,
                   "Dana Whitfield");
  g_assert_cmpint (g_settings_get_int (f->settings, "auto-lock-minutes"), ==, minutes);

  /* the vault's notifications were delivered on the main thread */
  g_assert_cmpuint (f->locked_notifies, >=, 1);
  g_assert_false (f->notified_off_main_thread);

  /* secrets are gone from the page */
  g_assert_cmpstr (text_of (f, "recovery_label"), ==, "");
  g_assert_cmpstr (text_of (f, "password_row"), ==, "");
  g_assert_cmpstr (text_of (f, "confirm_row"), ==, "");

  /* the key that was shown is the key the vault was made with; the password works */
  g_assert_true (alcove_vault_unlock_with_recovery_key (reopened, secret, &error));
  g_assert_no_error (error);
  alcove_vault_lock (reopened);
  g_clear_object (&reopened);
  reopened = alcove_test_unlocked_vault (f->dir, "dana", TEST_PASSWORD);
  g_assert_false (alcove_vault_get_locked (reopened));
}

static gboolean
has_keyring_slot (Fixture *f)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (f->vault);
  g_autoptr(AlcoveUser) owner = g_list_model_get_item (users, 0);

  return alcove_user_get_has_keyring_slot (owner);
}

/* ---- tests ---- */

static void
test_steps (void)
{
  Fixture *f = fixture_new ("steps");
  g_autofree char *parent = g_strdup (f->parent);
  Walk walk = { FALSE, "Harbor Counseling", 0, TRUE };
  g_autofree char *code = walk_to_done (f, &walk);

  assert_nothing_written (f);

  /* back all the way: every step keeps what was chosen */
  for (int i = 0; i < 7; i++)
    press (f, "setup.back");
  assert_step (f, "welcome");
  g_assert_false (gtk_widget_get_visible (get (f, "back_button")));
  press (f, "setup.back");
  assert_step (f, "welcome");
  for (int i = 0; i < 7; i++)
    press (f, "setup.next");
  assert_step (f, "done");
  g_assert_cmpstr (text_of (f, "full_name_row"), ==, "Dana Whitfield ");
  assert_nothing_written (f);

  /* leaving without creating writes nothing */
  fixture_free (f);
  g_assert_false (g_file_test (parent, G_FILE_TEST_EXISTS));
}

/* What a key press would do: the page's own shortcut for that key */
static void
press_key (Fixture    *f,
           const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->page));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *key = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *name = gtk_shortcut_trigger_to_string (key);

          if (g_str_equal (name, trigger))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           GTK_WIDGET (f->page),
                                                           gtk_shortcut_get_arguments (shortcut)));
              alcove_test_run_for (20);
              return;
            }
        }
    }
  g_error ("No shortcut for %s", trigger);
}

static gboolean
has_focus_in (Fixture    *f,
              const char *id)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *widget = get (f, id);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
activate_entry (Fixture    *f,
                const char *id)
{
  g_signal_emit_by_name (get (f, id), "entry-activated");
  alcove_test_run_for (20);
}

/* The whole way with the keyboard: each step puts the focus where typing starts, Enter moves
 * on (or to the next field), Escape and Alt+Left go back. */
static void
test_keyboard (void)
{
  Fixture *f = fixture_new ("keyboard");
  g_autofree char *last = NULL;

  g_assert_true (has_focus_in (f, "next_button"));
  press_key (f, "Return");
  assert_step (f, "kind");

  /* Enter on a choice chooses it; Enter again moves on */
  g_assert_true (has_focus_in (f, "solo_row"));
  gtk_widget_activate (get (f, "group_row"));
  assert_step (f, "kind");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (get (f, "group_check"))));
  gtk_widget_activate (get (f, "group_row"));
  alcove_test_run_for (20);
  assert_step (f, "practice");

  g_assert_true (has_focus_in (f, "practice_row"));
  activate_entry (f, "practice_row");
  assert_step (f, "practice");
  type (f, "practice_row", "Harbor Counseling");
  activate_entry (f, "practice_row");
  assert_step (f, "owner");

  g_assert_true (has_focus_in (f, "full_name_row"));
  type (f, "full_name_row", "Dana Whitfield");
  activate_entry (f, "full_name_row");
  g_assert_true (has_focus_in (f, "username_row"));
  activate_entry (f, "username_row");
  g_assert_true (has_focus_in (f, "password_row"));
  type (f, "password_row", TEST_PASSWORD);
  activate_entry (f, "password_row");
  g_assert_true (has_focus_in (f, "confirm_row"));
  type (f, "confirm_row", TEST_PASSWORD);
  activate_entry (f, "confirm_row");
  assert_step (f, "recovery");

  g_assert_true (has_focus_in (f, "last_group_row"));
  last = last_group (text_of (f, "recovery_label"));
  type (f, "last_group_row", last);
  activate_entry (f, "last_group_row");
  assert_step (f, "keyring");

  g_assert_true (has_focus_in (f, "keyring_switch"));
  press_key (f, "Return");
  assert_step (f, "autolock");

  g_assert_true (has_focus_in (f, "autolock_spin"));
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (get (f, "autolock_spin"))),
                         "activate");
  alcove_test_run_for (20);
  assert_step (f, "done");
  g_assert_true (has_focus_in (f, "next_button"));

  press_key (f, "Escape");
  assert_step (f, "autolock");
  press_key (f, "<Alt>Left");
  assert_step (f, "keyring");
  press_key (f, "<Alt>Right");
  assert_step (f, "autolock");
  assert_nothing_written (f);
  fixture_free (f);
}

static gboolean
find_toplevel_cb (gpointer user_data)
{
  GType type = *(GType *) user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels;

  g_assert_true (alcove_test_wait_until (find_toplevel_cb, &type, 10000));
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  g_assert_not_reached ();
}

static gboolean
file_exists_cb (gpointer user_data)
{
  return g_file_test (user_data, G_FILE_TEST_EXISTS);
}

static void
walk_to_recovery (Fixture *f)
{
  press (f, "setup.next");
  gtk_widget_activate (get (f, "solo_row"));
  press (f, "setup.next");
  type (f, "practice_row", "Harbor Counseling");
  press (f, "setup.next");
  type (f, "full_name_row", "Dana Whitfield");
  type (f, "password_row", TEST_PASSWORD);
  type (f, "confirm_row", TEST_PASSWORD);
  press (f, "setup.next");
  assert_step (f, "recovery");
}

static void
test_save_recovery_key (void)
{
  Fixture *f = fixture_new ("save");
  g_autofree char *folder = g_build_filename (g_get_home_dir (), "USB stick", NULL);
  g_autofree char *path = g_build_filename (folder, "key.txt", NULL);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autofree char *contents = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GStatBuf buf;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  walk_to_recovery (f);
  code = g_strdup (text_of (f, "recovery_label"));

  press (f, "setup.save-recovery-key");
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (dialog, "setup-5-recovery-save-dialog");
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder_file,
                                                      &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "key.txt");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (alcove_test_wait_until (file_exists_cb, path, 10000));
  alcove_test_run_for (200);

  /* the code and what it is for, readable by its owner only */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, code));
  g_assert_nonnull (strstr (contents, "Harbor Counseling"));
  g_assert_nonnull (strstr (contents, "only way back in"));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (f->page), "key.txt"));
  shoot (f, "setup-5-recovery-saved");

  /* saving is not creating */
  assert_nothing_written (f);
  fixture_free (f);
}

static void
test_print_recovery_key (void)
{
  Fixture *f = fixture_new ("print");
  g_autofree char *pdf = g_build_filename (g_get_home_dir (), "recovery.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *contents = NULL;
  g_autoptr(GObject) printer = NULL;
  gsize size = 0;
  GtkWidget *dialog;

  walk_to_recovery (f);
  press (f, "setup.print-recovery-key");
  /* GtkPrintUnixDialog, by name: its header is in gtk4-unix-print */
  dialog = find_toplevel (g_type_from_name ("GtkPrintUnixDialog"));
  alcove_test_run_for (500);
  alcove_test_save_screenshot (dialog, "setup-5-recovery-print-dialog");

  /* GTK's own "Print to File" printer writes the page as PDF */
  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  g_object_set (dialog, "print-settings", settings, NULL);
  alcove_test_run_for (500);
  g_object_get (dialog, "selected-printer", &printer, NULL);
  g_assert_nonnull (printer);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  g_assert_true (alcove_test_wait_until (file_exists_cb, pdf, 10000));
  alcove_test_run_for (500);

  g_assert_true (g_file_get_contents (pdf, &contents, &size, NULL));
  g_assert_cmpuint (size, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  assert_nothing_written (f);
  fixture_free (f);
}

static void
test_create_error_then_retry (void)
{
  Fixture *f = fixture_new ("occupied");
  Walk walk = { TRUE, "Bayside Group Practice", 0, FALSE };
  g_autofree char *stray = NULL;
  g_autofree char *code = walk_to_done (f, &walk);

  /* someone's files are already in the folder: refused, nothing touched, nothing lost */
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  stray = g_build_filename (f->dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (stray, "mine", -1, NULL));
  create (f, FALSE);
  assert_step (f, "done");
  g_assert_true (gtk_widget_get_visible (get (f, "error_label")));
  g_assert_nonnull (strstr (text_of (f, "error_label"), "not an empty folder"));
  g_assert_cmpuint (f->finished, ==, 0);
  g_assert_true (alcove_vault_get_locked (f->vault));
  g_assert_false (alcove_vault_exists (f->vault));
  g_assert_cmpstr (text_of (f, "password_row"), ==, TEST_PASSWORD);
  g_assert_cmpstr (text_of (f, "practice_row"), ==, walk.practice);
  g_assert_cmpstr (text_of (f, "recovery_label"), ==, code);
  g_assert_true (next_enabled (f));
  shoot (f, "setup-8-done-error");

  /* fixed outside, Create again */
  g_assert_cmpint (g_unlink (stray), ==, 0);
  create (f, FALSE);
  assert_created (f, walk.practice, code, 2);
  g_assert_false (has_keyring_slot (f));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (f->page), KEYRING_TOAST));
  fixture_free (f);
}

static void
test_create_without_keyring_service (void)
{
  Fixture *f = fixture_new ("solo");
  Walk walk = { FALSE, "Harbor Counseling & Associates", 7, FALSE };
  g_autofree char *code = walk_to_done (f, &walk);

  assert_nothing_written (f);
  create (f, TRUE);
  assert_created (f, walk.practice, code, 7);

  /* the keyring was chosen but no Secret Service runs: a toast, and the password works */
  g_assert_false (has_keyring_slot (f));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (f->page), KEYRING_TOAST));
  shoot (f, "setup-10-ready-keyring-failed");
  fixture_free (f);
}

static void
test_create_with_keyring (void)
{
  g_autoptr(GSubprocess) keyring = alcove_test_start_keyring (g_getenv ("XDG_RUNTIME_DIR"));
  Fixture *f = fixture_new ("keyring");
  Walk walk = { FALSE, "Harbor Counseling", 0, FALSE };
  g_autofree char *code = walk_to_done (f, &walk);

  create (f, FALSE);
  assert_created (f, walk.practice, code, 5);
  g_assert_true (has_keyring_slot (f));
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (f->page), KEYRING_TOAST));
  shoot (f, "setup-10-ready");

  /* the vault now opens from the keyring alone */
  {
    g_autoptr(AlcoveVault) reopened = alcove_vault_new (f->dir);
    g_autoptr(GError) error = NULL;

    g_assert_true (alcove_vault_unlock_with_keyring (reopened, "dana", NULL, &error));
    g_assert_no_error (error);
  }
  fixture_free (f);
  alcove_test_stop (&keyring);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GDBusConnection) bus = NULL;
  int status;

  alcove_test_init_gui (&argc, &argv);
  main_thread = g_thread_self ();
  start_bus ();
  /* the private bus has no accessibility bus to offer */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_init ();
  adw_init ();
  /* GTK's file printer only: no CUPS in the test session */
  g_object_set (gtk_settings_get_default (), "gtk-print-backends", "file", NULL);
  /* what AdwApplication does for the real program: the app's icons from the resources */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/alcove_notes/Alcove/icons");

  g_test_add_func ("/setup/steps", test_steps);
  g_test_add_func ("/setup/keyboard", test_keyboard);
  g_test_add_func ("/setup/save-recovery-key", test_save_recovery_key);
  g_test_add_func ("/setup/print-recovery-key", test_print_recovery_key);
  g_test_add_func ("/setup/create-error-then-retry", test_create_error_then_retry);
  g_test_add_func ("/setup/create-without-keyring-service", test_create_without_keyring_service);
  g_test_add_func ("/setup/create-with-keyring", test_create_with_keyring);

  status = g_test_run ();

  /* The bus goes away with the test: GDBus must not take the process with it. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus != NULL)
    g_dbus_connection_set_exit_on_close (bus, FALSE);
  alcove_test_stop (&session_bus);
  return status;
}
