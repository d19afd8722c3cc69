/* test-format-gui.c — Preferences › Note Formats and the format editor: an owner makes a
 * format (its errors shown beside the fields, sections moved by keyboard), writes a note in
 * it, and is asked before unsaved changes go; billing sees the page read-only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-format-gui"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "alcove-client-page.h"
#include "alcove-format-editor.h"
#include "alcove-format-page.h"
#include "alcove-gui-test-utils.h"
#include "alcove-main-page.h"
#include "alcove-new-note-dialog.h"
#include "alcove-note-editor.h"
#include "alcove-note-window.h"
#include "alcove-print-markup.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

#define WIDTH  1280
#define HEIGHT 800

#define FORMAT_ID "practice-couples-session"

static char *client_id;

static void
make_practice (const char *dir)
{
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (alcove_vault_unlock_with_password (vault, "dana",
                                                    alcove_test_secret (TEST_PASSWORD), &error));
  alcove_test_add_user (vault, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING);
  clients = alcove_client_store_new (vault, &error);
  g_assert_no_error (error);
  client_id = alcove_test_add_client (clients, "Imogen Achterberg");
  g_clear_object (&clients);
  alcove_vault_lock (vault);
}

/* ---- helpers ---- */

static GtkWidget *
section_entry (GtkWidget  *editor,
               guint       number,
               const char *which)
{
  g_autofree char *name = g_strdup_printf ("section-%u", number);
  GtkWidget *row = alcove_test_find (editor, ADW_TYPE_EXPANDER_ROW, name);

  return alcove_test_find (row, ADW_TYPE_ENTRY_ROW, which);
}

static void
type_into (GtkWidget  *editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  alcove_test_run_for (50);
}

static GtkSwitch *
section_switch (GtkWidget  *editor,
                guint       number,
                const char *which)
{
  g_autofree char *name = g_strdup_printf ("section-%u", number);
  GtkWidget *row = alcove_test_find (editor, ADW_TYPE_EXPANDER_ROW, name);

  return GTK_SWITCH (alcove_test_find (row, GTK_TYPE_SWITCH, which));
}

static GtkWidget *
nth_section (GtkWidget *editor,
             guint      index)
{
  GtkWidget *first = gtk_widget_get_parent (alcove_test_find (editor, ADW_TYPE_EXPANDER_ROW,
                                                              "section-1"));
  GtkWidget *child = gtk_widget_get_first_child (first);

  for (guint i = 0; child != NULL && i < index; i++)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

static gboolean
has_action (GtkWidget  *root,
            const char *action)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_action (child, action))
      return TRUE;
  return FALSE;
}

static AdwPreferencesWindow *
open_formats (AlcoveApplication *app)
{
  AdwPreferencesWindow *preferences = alcove_test_open_preferences (app, "formats");

  gtk_window_set_default_size (GTK_WINDOW (preferences), 900, HEIGHT);
  alcove_test_run_for (300);
  return preferences;
}

/* ---- the owner ---- */

static void
make_format (AlcoveApplication *app)
{
  AdwPreferencesWindow *preferences = open_formats (app);
  GtkWidget *page = alcove_test_find (GTK_WIDGET (preferences), ALCOVE_TYPE_FORMAT_PAGE, NULL);
  GtkWidget *editor;
  GtkWidget *row;

  g_assert_true (alcove_test_tree_has_text (page, "No formats of the practice’s own yet"));
  g_assert_true (gtk_widget_activate_action (page, "formats.new", NULL));
  editor = GTK_WIDGET (alcove_test_wait_for_toplevel (ALCOVE_TYPE_FORMAT_EDITOR));
  gtk_window_set_default_size (GTK_WINDOW (editor), WIDTH, HEIGHT);

  /* Save with nothing typed: the name says what it needs, and nothing is saved */
  g_assert_true (gtk_widget_activate_action (editor, "format.save", NULL));
  alcove_test_run_for (100);
  g_assert_true (alcove_test_tree_has_text (editor, "Give the format a name, such as “Couples Session”"));
  g_assert_nonnull (alcove_test_find_toplevel (ALCOVE_TYPE_FORMAT_EDITOR));

  alcove_test_set_text (editor, "format-name", "Couples Session");
  alcove_test_set_text (editor, "format-description", "Both partners, one note");
  type_into (section_entry (editor, 1, "section-title"), "Presenting Concerns");
  type_into (section_entry (editor, 1, "section-prompt"), "What each partner brings today");
  gtk_switch_set_active (section_switch (editor, 1, "section-required"), TRUE);
  g_assert_true (gtk_widget_activate_action (editor, "format.add-section", NULL));
  type_into (section_entry (editor, 2, "section-title"), "Interaction & Repair");
  type_into (section_entry (editor, 2, "section-prompt"), "Patterns seen in the room: pursue, withdraw, repair");
  g_assert_true (gtk_widget_activate_action (editor, "format.add-section", NULL));
  /* a title twice is shown on the section at once, and what was typed stays */
  type_into (section_entry (editor, 3, "section-title"), "presenting concerns");
  row = alcove_test_find (editor, ADW_TYPE_EXPANDER_ROW, "section-3");
  g_assert_true (gtk_widget_has_css_class (row, "alcove-section-error"));
  g_assert_true (alcove_test_tree_has_text (editor, "Two sections have the same title; give each its own"));
  alcove_test_save_screenshots (editor, "format-editor-error");
  type_into (section_entry (editor, 3, "section-title"), "Plan");
  type_into (section_entry (editor, 3, "section-prompt"), "Homework for both, and the next session");
  g_assert_false (gtk_widget_has_css_class (row, "alcove-section-error"));
  gtk_switch_set_active (section_switch (editor, 3, "section-required"), TRUE);
  gtk_switch_set_active (section_switch (editor, 3, "section-carry-forward"), TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (section_entry (editor, 1, "section-title"))),
                   ==, "Presenting Concerns");

  /* Alt+Up moves the section holding the focus; Alt+Down moves it back */
  gtk_widget_grab_focus (section_entry (editor, 3, "section-title"));
  g_assert_true (gtk_widget_activate_action (editor, "format.move-up", NULL));
  g_assert_true (nth_section (editor, 1) == row);
  g_assert_true (gtk_widget_activate_action (editor, "format.move-down", NULL));
  g_assert_true (nth_section (editor, 2) == row);
  alcove_test_run_for (200);
  alcove_test_save_screenshots (editor, "format-editor");

  g_assert_true (gtk_widget_activate_action (editor, "format.save", NULL));
  alcove_test_wait_toplevel_gone (ALCOVE_TYPE_FORMAT_EDITOR);
  alcove_test_run_for (300);
  g_assert_nonnull (alcove_note_format_lookup (FORMAT_ID "@1"));
  g_assert_nonnull (alcove_test_find_widget (page, ADW_TYPE_ACTION_ROW, FORMAT_ID));
  g_assert_true (alcove_test_tree_has_text (page, "Version 1 · 3 sections"));
  alcove_test_save_screenshots (GTK_WIDGET (preferences), "format-page");

  /* a change not saved is not thrown away without asking */
  g_assert_true (gtk_widget_activate_action (page, "formats.edit", "s", FORMAT_ID));
  editor = GTK_WIDGET (alcove_test_wait_for_toplevel (ALCOVE_TYPE_FORMAT_EDITOR));
  g_assert_true (alcove_test_tree_has_text (editor, "Saving makes version 2"));
  alcove_test_set_text (editor, "format-name", "Couples Session (Long)");
  gtk_window_close (GTK_WINDOW (editor));
  alcove_test_respond (alcove_test_find_message_dialog ("Discard Changes?"), "cancel");
  g_assert_nonnull (alcove_test_find_toplevel (ALCOVE_TYPE_FORMAT_EDITOR));
  gtk_window_close (GTK_WINDOW (editor));
  alcove_test_respond (alcove_test_find_message_dialog ("Discard Changes?"), "discard");
  alcove_test_wait_toplevel_gone (ALCOVE_TYPE_FORMAT_EDITOR);
  g_assert_null (alcove_note_format_lookup (FORMAT_ID "@2"));

  gtk_window_destroy (GTK_WINDOW (preferences));
  alcove_test_run_for (200);
}

static void
write_note (AlcoveApplication *app,
            AlcoveWindow      *window)
{
  AlcoveMainPage *page = alcove_window_get_main_page (window);
  AlcoveClientPage *client_page;
  AlcoveNoteWindow *note_window;
  AlcoveNoteEditor *editor;

  alcove_main_page_show_client (page, client_id);
  client_page = alcove_main_page_get_client_page (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_page), "client.new-note", "s",
                                             FORMAT_ID "@1"));
  gtk_widget_activate_action (GTK_WIDGET (alcove_test_wait_for_toplevel (ALCOVE_TYPE_NEW_NOTE_DIALOG)),
                              "new-note.create", NULL);
  note_window = ALCOVE_NOTE_WINDOW (alcove_test_wait_for_toplevel (ALCOVE_TYPE_NOTE_WINDOW));
  gtk_window_set_default_size (GTK_WINDOW (note_window), WIDTH, HEIGHT);
  editor = alcove_note_window_get_editor (note_window);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "Interaction & Repair"));
  gtk_text_buffer_set_text (alcove_note_editor_get_buffer (editor, "presenting_concerns"),
                            "Both describe the same argument about the holidays.", -1);
  gtk_text_buffer_set_text (alcove_note_editor_get_buffer (editor, "interaction_repair"),
                            "She pursued, he went quiet; both named it by the end.", -1);
  alcove_test_run_for (300);
  alcove_test_save_screenshots (GTK_WIDGET (note_window), "format-note");
  g_assert_true (alcove_note_editor_save (editor, NULL));
  g_assert_cmpstr (alcove_note_get_format_id (alcove_note_editor_get_note (editor)), ==,
                   FORMAT_ID "@1");
  gtk_window_close (GTK_WINDOW (note_window));
  alcove_test_wait_toplevel_gone (ALCOVE_TYPE_NOTE_WINDOW);
  alcove_test_run_for (300);
}

/* Retired, the format leaves the New Note list; its note still prints its sections */
static void
retire_and_restore (AlcoveApplication *app)
{
  AdwPreferencesWindow *preferences = open_formats (app);
  GtkWidget *page = alcove_test_find (GTK_WIDGET (preferences), ALCOVE_TYPE_FORMAT_PAGE, NULL);
  AlcoveWorkspace *workspace = alcove_test_app_workspace (app);
  AlcoveNoteStore *notes = alcove_workspace_get_notes (workspace);
  g_autoptr(GListModel) written = alcove_note_store_list_for_client (notes, client_id, FALSE,
                                                                    NULL);
  g_autoptr(AlcoveNote) note = g_list_model_get_item (written, 0);
  g_autoptr(GString) markup = g_string_new (NULL);

  g_assert_true (gtk_widget_activate_action (page, "formats.retire", "s", FORMAT_ID));
  alcove_test_respond (alcove_test_find_message_dialog ("Retire “Couples Session”?"), "retire");
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (page, "Retired · version 2 · 3 sections"));
  for (guint i = 0; i < g_list_model_get_n_items (alcove_note_format_list_record ()); i++)
    {
      g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (alcove_note_format_list_record (), i);

      g_assert_cmpstr (alcove_note_format_get_base_id (format), !=, FORMAT_ID);
    }
  alcove_test_save_screenshots (GTK_WIDGET (preferences), "format-page-retired");

  alcove_print_markup_append_note (markup, notes, note, ALCOVE_NOTE_MARKUP_RECORD, NULL);
  g_assert_nonnull (strstr (markup->str, "Interaction &amp; Repair"));
  g_assert_nonnull (strstr (markup->str, "She pursued"));

  g_assert_true (gtk_widget_activate_action (page, "formats.restore", "s", FORMAT_ID));
  alcove_test_run_for (300);
  g_assert_true (alcove_test_tree_has_text (page, "Version 3 · 3 sections"));
  gtk_window_destroy (GTK_WINDOW (preferences));
  alcove_test_run_for (200);
}

static GtkWidget *
open_new_editor (AlcoveApplication *app)
{
  AdwPreferencesWindow *preferences = open_formats (app);
  GtkWidget *page = alcove_test_find (GTK_WIDGET (preferences), ALCOVE_TYPE_FORMAT_PAGE, NULL);

  g_assert_true (gtk_widget_activate_action (page, "formats.new", NULL));
  return GTK_WIDGET (alcove_test_wait_for_toplevel (ALCOVE_TYPE_FORMAT_EDITOR));
}

/* A lock keeps what was typed; the same editor opened again puts it back */
static void
draft_over_lock (AlcoveApplication *app)
{
  GtkWidget *editor = open_new_editor (app);

  alcove_test_set_text (editor, "format-name", "Group Session");
  type_into (section_entry (editor, 1, "section-title"), "Theme of the Group");
  alcove_test_lock_app (app);
  g_assert_null (alcove_test_find_toplevel (ALCOVE_TYPE_FORMAT_EDITOR));
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);

  editor = open_new_editor (app);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alcove_test_find (editor, ADW_TYPE_ENTRY_ROW,
                                                                          "format-name"))),
                   ==, "Group Session");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (section_entry (editor, 1, "section-title"))),
                   ==, "Theme of the Group");
  alcove_test_save_screenshots (editor, "format-editor-restored");
  /* discarded, it is gone for good */
  gtk_window_close (GTK_WINDOW (editor));
  alcove_test_respond (alcove_test_find_message_dialog ("Discard Changes?"), "discard");
  alcove_test_wait_toplevel_gone (ALCOVE_TYPE_FORMAT_EDITOR);
  gtk_window_destroy (alcove_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
  editor = open_new_editor (app);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alcove_test_find (editor, ADW_TYPE_ENTRY_ROW,
                                                                          "format-name"))),
                   ==, "");
  gtk_window_close (GTK_WINDOW (editor));
  alcove_test_wait_toplevel_gone (ALCOVE_TYPE_FORMAT_EDITOR);
  gtk_window_destroy (alcove_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
  alcove_test_run_for (200);
}

static void
owner_scenario (AlcoveApplication *app,
                AlcoveWindow      *window)
{
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  make_format (app);
  write_note (app, window);
  retire_and_restore (app);
  draft_over_lock (app);
}

/* ---- billing ---- */

static void
billing_scenario (AlcoveApplication *app,
                  AlcoveWindow      *window)
{
  AdwPreferencesWindow *preferences;
  GtkWidget *page;

  alcove_test_unlock_app (app, "bea", TEST_OTHER_PASSWORD);
  preferences = open_formats (app);
  page = alcove_test_find (GTK_WIDGET (preferences), ALCOVE_TYPE_FORMAT_PAGE, NULL);
  g_assert_true (alcove_test_tree_has_text (page, "Only a practice owner makes and changes formats"));
  g_assert_nonnull (alcove_test_find_widget (page, ADW_TYPE_ACTION_ROW, FORMAT_ID));
  g_assert_false (has_action (page, "formats.retire"));
  g_assert_false (has_action (page, "formats.edit"));
  g_assert_true (has_action (page, "formats.export"));
  g_assert_false (gtk_widget_activate_action (page, "formats.new", NULL) &&
                  alcove_test_find_toplevel (ALCOVE_TYPE_FORMAT_EDITOR) != NULL);
  alcove_test_save_screenshots (GTK_WIDGET (preferences), "format-page-read-only");
  gtk_window_destroy (GTK_WINDOW (preferences));
  alcove_test_run_for (200);
}

static void
test_format_gui (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "formats", NULL);

  make_practice (dir);
  alcove_test_run_app (dir, WIDTH, HEIGHT, owner_scenario);
  alcove_test_run_app (dir, WIDTH, HEIGHT, billing_scenario);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/format-gui/make-write-and-read-only", test_format_gui);
  return g_test_run ();
}
