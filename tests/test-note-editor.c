/* test-note-editor.c — the note editor and its window in the real application: autosave
 * and locking, signing, addenda, the mismatch banner, the minimum-necessary helper, printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-note-editor"

#include "config.h"

#include <adwaita.h>

#include "alcove-application.h"
#include "alcove-client-editor.h"
#include "alcove-client-list.h"
#include "alcove-main-page.h"
#include "alcove-memory-scan.h"
#include "alcove-database.h"
#include "alcove-gui-test-utils.h"
#include "alcove-lock-manager.h"
#include "alcove-note-editor.h"
#include "alcove-note-format.h"
#include "alcove-note-printer.h"
#include "alcove-note-window.h"
#include "alcove-record-print-dialog.h"
#include "alcove-test-utils.h"
#include "alcove-vault-private.h"
#include "alcove-window.h"

#define SUBJECTIVE "Client reports sleeping better since the last session"
#define PRIVATE_MARKER "Private musing about countertransference"

static void
run_scenario (const char         *name,
              AlcoveTestScenario  scenario)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(AlcoveVault) vault = alcove_test_create_vault (dir, NULL);

  alcove_test_run_app (dir, 0, 0, scenario);
}

static void
unlock (AlcoveApplication *app)
{
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
}

/* The session's own note store: what the views of the main window listen to */
static AlcoveNoteStore *
new_note_store (AlcoveApplication *app)
{
  return g_object_ref (alcove_workspace_get_notes (alcove_test_app_workspace (app)));
}

static char *
add_client (AlcoveNoteStore    *notes,
            const char         *name,
            AlcoveRecordType    type,
            const char * const *members)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, name);
  if (type == ALCOVE_RECORD_INDIVIDUAL)
    alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1987-03-14");
  alcove_client_set_record_type (client, type);
  if (members != NULL)
    alcove_client_set_members (client, members);
  g_assert_true (alcove_client_store_save (alcove_note_store_get_clients (notes), client, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_client_get_id (client));
}

static AlcoveNote *
new_note (AlcoveNoteStore *notes,
          const char      *client_id,
          const char      *format_id)
{
  g_autoptr(GError) error = NULL;
  AlcoveNote *note = alcove_note_store_create (notes, client_id, NULL, format_id, "2024-05-02",
                                               &error);

  g_assert_no_error (error);
  g_assert_nonnull (note);
  return note;
}

static AlcoveNote *
reopen (AlcoveNoteStore *notes,
        const char      *note_id)
{
  g_autoptr(GError) error = NULL;
  AlcoveNote *note = alcove_note_store_open (notes, note_id, &error);

  g_assert_no_error (error);
  return note;
}

static AlcoveNoteWindow *
open_window (AlcoveWindow    *parent,
             AlcoveNoteStore *notes,
             AlcoveNote      *note,
             const char      *viewing_client_id)
{
  AlcoveWorkspace *workspace = alcove_main_page_get_workspace (alcove_window_get_main_page (parent));
  AlcoveNoteWindow *window;

  g_assert_true (alcove_workspace_get_notes (workspace) == notes);
  window = alcove_note_window_new (GTK_WINDOW (parent), workspace, note, viewing_client_id);

  gtk_window_present (GTK_WINDOW (window));
  alcove_test_run_for (400);
  return window;
}

static void
set_text (AlcoveNoteEditor *editor,
          const char       *key,
          const char       *text)
{
  GtkTextBuffer *buffer = alcove_note_editor_get_buffer (editor, key);

  g_assert_nonnull (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
}

static char *
get_text (AlcoveNoteEditor *editor,
          const char       *key)
{
  GtkTextBuffer *buffer = alcove_note_editor_get_buffer (editor, key);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkTextView *
view_of (AlcoveNoteEditor *editor,
         const char       *key)
{
  GtkTextBuffer *buffer = alcove_note_editor_get_buffer (editor, key);

  GtkWidget *box = alcove_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_BOX, "sections_box");

  for (GtkWidget *section = gtk_widget_get_first_child (box); section;
       section = gtk_widget_get_next_sibling (section))
    {
      GtkWidget *view = alcove_test_find_widget (section, GTK_TYPE_TEXT_VIEW, NULL);

      if (view && gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)) == buffer)
        return GTK_TEXT_VIEW (view);
    }
  g_assert_not_reached ();
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), heading) == 0)
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
revealed (GtkWidget  *root,
          const char *id)
{
  GtkWidget *revealer = alcove_test_find_widget (root, GTK_TYPE_REVEALER, id);

  g_assert_nonnull (revealer);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static void
fill_soap (AlcoveNoteEditor *editor)
{
  set_text (editor, "subjective", SUBJECTIVE);
  set_text (editor, "objective", "Calm, well groomed, good eye contact; PHQ-9 down to 8.");
  set_text (editor, "assessment", "Improving; no risk indicators today.");
  set_text (editor, "plan", "Continue CBT-I; sleep diary; next session in two weeks.");
}

/* ---- scenarios ---- */

/* Typing, then a lock before the autosave fires: the draft saver saves it first */
static void
lock_while_typing_scenario (AlcoveApplication *app,
                            AlcoveWindow      *main_window)
{
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(AlcoveNote) again = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *note_id = NULL;
  AlcoveNoteWindow *window;
  AlcoveNoteEditor *editor;
  GtkTextView *view;
  GtkTextIter end;

  unlock (app);
  notes = new_note_store (app);
  client_id = add_client (notes, "Jordan Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);
  note = new_note (notes, client_id, "soap");
  note_id = g_strdup (alcove_note_get_id (note));
  window = open_window (main_window, notes, note, client_id);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  editor = alcove_note_window_get_editor (window);

  /* placeholders show the prompts while empty; no text, no words */
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "Required"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "0 words in total"));

  /* a buffer insert, then "typing" through the view's own keybinding signal */
  view = view_of (editor, "subjective");
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view), "Client reports", -1);
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (view), &end);
  g_signal_emit_by_name (view, "insert-at-cursor", " sleeping better since the last session");
  /* checked before the main loop runs: a focus change delivered by the X server (the window
   * losing activation) would rightly save at once and leave nothing unsaved to see */
  g_assert_true (alcove_note_editor_has_unsaved_changes (editor));
  g_assert_cmpstr (alcove_note_editor_get_status_text (editor), ==, "Saving…");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "8 words in total"));

  /* undo and redo in the focused view */
  gtk_widget_activate_action (GTK_WIDGET (view), "text.undo", NULL);
  g_assert_false (g_str_has_suffix (get_text (editor, "subjective"), "session"));
  gtk_widget_activate_action (GTK_WIDGET (view), "text.redo", NULL);

  /* lock before the one-second debounce fires */
  alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_USER);
  alcove_test_run_for (200);
  g_assert_null (window);  /* the note window closed itself */

  unlock (app);
  g_clear_object (&notes);
  notes = new_note_store (app);
  again = reopen (notes, note_id);
  g_assert_cmpstr (alcove_note_get_section (again, "subjective"), ==, SUBJECTIVE);
}

static void
test_lock_while_typing (void)
{
  run_scenario ("lock-typing", lock_while_typing_scenario);
}

static void
sleep_job (GTask          *task,
           AlcoveDatabase *connection,
           gpointer        task_data,
           GCancellable   *cancellable)
{
  g_usleep (GPOINTER_TO_UINT (task_data) * 1000);
  g_task_return_boolean (task, TRUE);
}

/* Keeps the session's worker busy for `ms`, as a long search would */
static void
occupy_worker (AlcoveApplication *app,
               guint              ms)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, GUINT_TO_POINTER (ms), NULL);
  alcove_worker_run (alcove_vault_get_worker (alcove_application_get_vault (app)), task,
                     ALCOVE_WORKER_NONE, sleep_job);
}

/* Typing, an autosave that waits behind other work on the worker, more typing, and a lock
 * at once, before the next pause: the lock writes the last words before the keys go */
static void
lock_while_saving_scenario (AlcoveApplication *app,
                            AlcoveWindow      *main_window)
{
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(AlcoveNote) again = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *note_id = NULL;
  AlcoveNoteWindow *window;
  AlcoveNoteEditor *editor;
  GtkTextView *view;

  unlock (app);
  notes = new_note_store (app);
  client_id = add_client (notes, "Jordan Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);
  note = new_note (notes, client_id, "soap");
  note_id = g_strdup (alcove_note_get_id (note));
  window = open_window (main_window, notes, note, client_id);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  editor = alcove_note_window_get_editor (window);

  occupy_worker (app, 2500);
  view = view_of (editor, "subjective");
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_signal_emit_by_name (view, "insert-at-cursor", SUBJECTIVE);
  /* the pause: the autosave is queued, and typing is never held up by it */
  alcove_test_run_for (1300);
  g_assert_cmpstr (alcove_note_editor_get_status_text (editor), ==, "Saving…");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "8 words in total"));

  view = view_of (editor, "plan");
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_signal_emit_by_name (view, "insert-at-cursor", "Sleep diary");
  g_assert_true (alcove_note_editor_has_unsaved_changes (editor));
  alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_USER);
  alcove_test_run_for (200);
  g_assert_null (window);

  unlock (app);
  g_clear_object (&notes);
  notes = new_note_store (app);
  again = reopen (notes, note_id);
  g_assert_cmpstr (alcove_note_get_section (again, "subjective"), ==, SUBJECTIVE);
  g_assert_cmpstr (alcove_note_get_section (again, "plan"), ==, "Sleep diary");
}

static void
test_lock_while_saving (void)
{
  run_scenario ("lock-saving", lock_while_saving_scenario);
}

/* "Quillon Marchbanks-Oduya" and "Yesterday the lighthouse secret came out", XOR 0x5a:
 * the test's own binary holds no plain copy of what it looks for */
#define MASKED_NAME "\x0b\x2f\x33\x36\x36\x35\x34\x7a\x17\x3b\x28\x39\x32\x38\x3b\x34\x31\x29" \
                    "\x77\x15\x3e\x2f\x23\x3b"
#define MASKED_TEXT "\x03\x3f\x29\x2e\x3f\x28\x3e\x3b\x23\x7a\x2e\x32\x3f\x7a\x36\x33\x3d\x32" \
                    "\x2e\x32\x35\x2f\x29\x3f\x7a\x29\x3f\x39\x28\x3f\x2e\x7a\x39\x3b\x37\x3f" \
                    "\x7a\x35\x2f\x2e"

static gboolean
client_editor_gone (gpointer data)
{
  return alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR) == NULL;
}

/* The name typed into the client editor's rows, saved; returns the new client's id */
static char *
type_client (AlcoveApplication  *app,
             AlcoveWindow       *main_window,
             const AlcoveNeedle *name)
{
  g_autoptr(AlcoveNoteStore) notes = NULL;
  GListModel *clients;
  GtkWidget *editor;
  char *plain = alcove_needle_dup_plain (name);
  char *id = NULL;

  gtk_widget_activate_action (GTK_WIDGET (alcove_main_page_get_client_list (alcove_window_get_main_page (main_window))),
                              "clients.add", NULL);
  alcove_test_run_for (300);
  editor = GTK_WIDGET (alcove_test_find_toplevel (ALCOVE_TYPE_CLIENT_EDITOR));
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (alcove_test_find_widget (editor, GTK_TYPE_WIDGET,
                                                                "preferred_row")), plain);
  gtk_editable_set_text (GTK_EDITABLE (alcove_test_find_widget (editor, GTK_TYPE_WIDGET,
                                                                "legal_row")), plain);
  gtk_editable_set_text (GTK_EDITABLE (alcove_test_find_widget (editor, GTK_TYPE_WIDGET,
                                                                "dob_row")), "1987-03-14");
  gtk_widget_activate_action (editor, "editor.save", NULL);
  g_assert_true (alcove_test_wait_until (client_editor_gone, NULL, 2000));

  notes = new_note_store (app);
  clients = alcove_client_store_get_clients (alcove_note_store_get_clients (notes));
  for (guint i = 0; id == NULL && i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(AlcoveClient) client = g_list_model_get_item (clients, i);

      if (g_strcmp0 (alcove_client_get_field (client, ALCOVE_CLIENT_PREFERRED_NAME), plain) == 0)
        id = g_strdup (alcove_client_get_id (client));
    }
  alcove_needle_wipe_plain (plain);
  g_assert_nonnull (id);
  return id;
}

static void
log_found (const char *when,
           GPtrArray  *needles,
           GPtrArray  *found,
           gsize       scanned)
{
  for (guint n = 0; n < needles->len; n++)
    g_test_message ("%s: %s %u times in %" G_GSIZE_FORMAT " bytes", when,
                    alcove_needle_get_name (g_ptr_array_index (needles, n)),
                    alcove_test_count_found (found, g_ptr_array_index (needles, n)), scanned);
}

/* A client's name typed into the client editor and note text typed into a note: present
 * in memory while unlocked, nowhere in the process once the vault is locked */
static void
no_phi_after_lock_scenario (AlcoveApplication *app,
                            AlcoveWindow      *main_window)
{
  g_autoptr(GPtrArray) needles = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_needle_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autofree char *client_id = NULL;
  AlcoveNoteWindow *window;
  GtkTextView *view;
  char *plain;
  gsize scanned;

  g_ptr_array_add (needles, alcove_needle_new_masked ("client name", MASKED_NAME));
  g_ptr_array_add (needles, alcove_needle_new_masked ("note text", MASKED_TEXT));
  unlock (app);
  client_id = type_client (app, main_window, g_ptr_array_index (needles, 0));
  notes = new_note_store (app);
  note = new_note (notes, client_id, "soap");
  window = open_window (main_window, notes, note, client_id);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  view = view_of (alcove_note_window_get_editor (window), "subjective");
  gtk_widget_grab_focus (GTK_WIDGET (view));
  plain = alcove_needle_dup_plain (g_ptr_array_index (needles, 1));
  g_signal_emit_by_name (view, "insert-at-cursor", plain);
  alcove_needle_wipe_plain (plain);
  alcove_test_run_for (1500);  /* past the autosave */
  g_clear_object (&note);
  g_clear_object (&notes);

  /* the scanner works: while unlocked, both are in memory */
  scanned = alcove_test_scan_memory (needles, found);
  log_found ("unlocked", needles, found, scanned);
  for (guint n = 0; n < needles->len; n++)
    g_assert_cmpuint (alcove_test_count_found (found, g_ptr_array_index (needles, n)), >, 0);

  alcove_lock_manager_lock (alcove_application_get_lock_manager (app), ALCOVE_LOCK_REASON_USER);
  /* accessibility events about the text typed may still be on their way to the AT-SPI bus
   * (GTK sends them from a worker): let them go before looking */
  alcove_test_run_for (1500);
  g_assert_null (window);
  g_ptr_array_set_size (found, 0);
  scanned = alcove_test_scan_memory (needles, found);
  log_found ("locked", needles, found, scanned);
  for (guint f = 0; f < found->len; f++)
    g_test_message ("still in memory: %s", (char *) g_ptr_array_index (found, f));
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_no_phi_after_lock (void)
{
  run_scenario ("no-phi", no_phi_after_lock_scenario);
}


/* A save that fails keeps the text on screen and says so; Retry saves it */
static void
failed_save_scenario (AlcoveApplication *app,
                      AlcoveWindow      *main_window)
{
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(AlcoveNote) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *text = NULL;
  AlcoveNoteEditor *editor;
  GtkWindow *window;

  unlock (app);
  notes = new_note_store (app);
  client_id = add_client (notes, "Jordan Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);
  note = new_note (notes, client_id, "soap");

  /* the bare editor: a note window would close itself when the vault locks */
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 800, 640);
  editor = alcove_note_editor_new (notes, note, client_id);
  gtk_window_set_child (window, GTK_WIDGET (editor));
  gtk_window_present (window);
  alcove_test_run_for (300);
  set_text (editor, "subjective", SUBJECTIVE);

  alcove_vault_lock (alcove_application_get_vault (app));
  g_assert_false (alcove_note_editor_save (editor, &error));
  g_assert_nonnull (error);
  alcove_test_run_for (400);
  text = get_text (editor, "subjective");
  g_assert_cmpstr (text, ==, SUBJECTIVE);
  g_assert_true (g_str_has_prefix (alcove_note_editor_get_status_text (editor), "Not saved: "));
  g_assert_true (g_str_has_suffix (alcove_note_editor_get_status_text (editor),
                                   "your text is still here"));
  g_assert_true (revealed (GTK_WIDGET (editor), "error_revealer"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "note-editor-save-failed");

  unlock (app);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.retry-save", NULL);
  alcove_test_run_for (400);
  g_assert_cmpstr (alcove_note_editor_get_status_text (editor), ==, "Saved");
  g_assert_false (revealed (GTK_WIDGET (editor), "error_revealer"));
  again = reopen (notes, alcove_note_get_id (note));
  g_assert_cmpstr (alcove_note_get_section (again, "subjective"), ==, SUBJECTIVE);
  gtk_window_destroy (window);
}

static void
test_failed_save (void)
{
  run_scenario ("failed-save", failed_save_scenario);
}

/* Signing, the signed view, an addendum, tampering, and printing */
static void
sign_scenario (AlcoveApplication *app,
               AlcoveWindow      *main_window)
{
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(AlcoveNote) again = NULL;
  g_autoptr(AlcoveNote) private_note = NULL;
  g_autoptr(AlcoveNote) tampered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) to_print = g_list_store_new (ALCOVE_TYPE_NOTE);
  g_autoptr(GListStore) only_private = g_list_store_new (ALCOVE_TYPE_NOTE);
  g_autofree char *client_id = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "note.pdf", NULL);
  g_autofree char *record_pdf = g_build_filename (g_get_user_data_dir (), "record.pdf", NULL);
  g_autofree char *printed = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *schema = NULL;
  AlcoveNoteWindow *window;
  AlcoveNoteEditor *editor;
  AdwMessageDialog *dialog;
  AlcoveRecordPrintDialog *record_dialog;
  GListModel *toplevels = gtk_window_get_toplevels ();
  sqlite3 *handle;

  unlock (app);
  notes = new_note_store (app);
  client_id = add_client (notes, "Jordan Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);
  note = new_note (notes, client_id, "soap");
  window = open_window (main_window, notes, note, client_id);
  editor = alcove_note_window_get_editor (window);

  /* empty required sections: no confirmation, the first empty one gets the focus */
  set_text (editor, "subjective", SUBJECTIVE);
  gtk_widget_activate_action (GTK_WIDGET (window), "note.sign", NULL);
  alcove_test_run_for (300);
  g_assert_null (find_dialog ("Sign This Note?"));
  /* is_focus, not has_focus: other test windows on the same display may hold the input focus */
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (view_of (editor, "objective"))));
  g_assert_cmpint (alcove_note_get_status (note), ==, ALCOVE_NOTE_DRAFT);

  fill_soap (editor);
  alcove_test_run_for (1500);  /* past the autosave */
  g_assert_cmpstr (alcove_note_editor_get_status_text (editor), ==, "Saved");
  alcove_test_save_screenshot (GTK_WIDGET (window), "note-editor-soap");

  gtk_widget_activate_action (GTK_WIDGET (window), "note.sign", NULL);
  alcove_test_run_for (300);
  dialog = find_dialog ("Sign This Note?");
  g_assert_nonnull (dialog);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (dialog), "After signing, this note cannot be changed. Corrections are added as dated addenda."));
  alcove_test_save_screenshot (GTK_WIDGET (dialog), "note-editor-sign-confirm");
  adw_message_dialog_response (dialog, "sign");
  alcove_test_run_for (300);
  g_assert_cmpint (alcove_note_get_status (note), ==, ALCOVE_NOTE_SIGNED);
  /* the focused view went with the rebuild: the focus is let go, not moved by GTK onto a
   * selectable label (which in GTK 4.8 reads the freed view) */
  g_assert_null (gtk_root_get_focus (GTK_ROOT (window)));
  /* read-only: the text is shown, nothing can be typed into it */
  g_assert_null (alcove_test_find_widget (alcove_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_BOX,
                                                                   "sections_box"),
                                          GTK_TYPE_TEXT_VIEW, NULL));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), SUBJECTIVE));
  g_assert_false (gtk_widget_get_visible (alcove_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                                                   "sign_button")));
  fingerprint = alcove_note_dup_fingerprint (note);
  g_assert_cmpuint (strlen (fingerprint), ==, 19);
  {
    g_autofree char *line = g_strdup_printf ("Fingerprint %s", fingerprint);
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "Signed by Dana Whitfield on"));
    g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), line));
  }

  /* an addendum */
  gtk_widget_activate_action (GTK_WIDGET (window), "note.add-addendum", NULL);
  alcove_test_run_for (300);
  dialog = find_dialog ("Add Addendum");
  g_assert_nonnull (dialog);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (alcove_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL))),
                            "Client called on 3 May: the sleep diary started.", -1);
  adw_message_dialog_response (dialog, "add");
  alcove_test_run_for (400);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (editor), "Client called on 3 May: the sleep diary started."));
  alcove_test_save_screenshot (GTK_WIDGET (window), "note-editor-signed-addendum");
  gtk_window_close (GTK_WINDOW (window));
  alcove_test_run_for (200);

  again = reopen (notes, alcove_note_get_id (note));
  g_assert_cmpuint (alcove_note_get_addenda (again)->len, ==, 1);
  g_assert_cmpint (alcove_note_get_integrity (again), ==, ALCOVE_NOTE_INTEGRITY_OK);

  /* printing: the note, not a private note passed along */
  private_note = new_note (notes, client_id, ALCOVE_FORMAT_PRIVATE);
  alcove_note_set_section (private_note, "process", PRIVATE_MARKER);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, alcove_note_get_sections (private_note));
    while (g_hash_table_iter_next (&iter, &key, NULL))
      alcove_note_set_section (private_note, key, PRIVATE_MARKER);
  }
  g_assert_true (alcove_note_store_save (notes, private_note, &error));
  g_assert_no_error (error);
  g_list_store_append (to_print, again);
  g_list_store_append (to_print, private_note);
  g_assert_true (alcove_note_printer_run (GTK_WINDOW (main_window), notes,
                                          alcove_client_store_lookup (alcove_note_store_get_clients (notes), client_id),
                                          G_LIST_MODEL (to_print), pdf, &error));
  g_assert_no_error (error);
  printed = alcove_test_pdf_text (pdf);
  g_assert_nonnull (printed);
  g_assert_nonnull (strstr (printed, SUBJECTIVE));
  g_assert_nonnull (strstr (printed, "Page 1 of 1"));
  g_assert_nonnull (strstr (printed, "Confidential"));
  g_assert_nonnull (strstr (printed, "Harbor Counseling"));
  g_assert_nonnull (strstr (printed, "Jordan Avery"));
  g_assert_nonnull (strstr (printed, "14 March 1987"));  /* the date of birth, as shown */
  g_assert_nonnull (strstr (printed, "the sleep diary started"));
  g_assert_null (strstr (printed, PRIVATE_MARKER));

  /* a private note alone prints nothing */
  g_list_store_append (only_private, private_note);
  g_assert_false (alcove_note_printer_run (NULL, notes,
                                           alcove_client_store_lookup (alcove_note_store_get_clients (notes), client_id),
                                           G_LIST_MODEL (only_private), record_pdf, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (record_pdf, G_FILE_TEST_EXISTS));

  /* the record over a range of dates */
  record_dialog = alcove_record_print_dialog_new (GTK_WINDOW (main_window), notes,
                                                  alcove_client_store_lookup (alcove_note_store_get_clients (notes), client_id));
  gtk_window_present (GTK_WINDOW (record_dialog));
  alcove_record_print_dialog_set_range (record_dialog, "2024-01-01", "2024-12-31");
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (record_dialog), "record-print-dialog");
  {
    g_autoptr(GListModel) selection = alcove_record_print_dialog_dup_selection (record_dialog);

    g_assert_cmpuint (g_list_model_get_n_items (selection), ==, 1);
    alcove_record_print_dialog_set_range (record_dialog, "2025-01-01", NULL);
    g_clear_object (&selection);
    selection = alcove_record_print_dialog_dup_selection (record_dialog);
    g_assert_cmpuint (g_list_model_get_n_items (selection), ==, 0);
  }
  alcove_record_print_dialog_set_range (record_dialog, NULL, NULL);
  g_assert_true (alcove_record_print_dialog_print (record_dialog, record_pdf, &error));
  g_assert_no_error (error);
  g_clear_pointer (&printed, g_free);
  printed = alcove_test_pdf_text (record_pdf);
  g_assert_nonnull (printed);
  g_assert_nonnull (strstr (printed, SUBJECTIVE));
  g_assert_null (strstr (printed, PRIVATE_MARKER));
  g_assert_null (strstr (printed, "Includes drafts"));

  /* a draft is left out, unless asked for, and then every page says so */
  {
    g_autoptr(AlcoveNote) draft = new_note (notes, client_id, "soap");
    g_autoptr(GListModel) selection = NULL;

    alcove_note_set_section (draft, "subjective", "Draft words not signed yet");
    g_assert_true (alcove_note_store_save (notes, draft, &error));
    g_assert_no_error (error);
    selection = alcove_record_print_dialog_dup_selection (record_dialog);
    for (guint i = 0; i < g_list_model_get_n_items (selection); i++)
      {
        g_autoptr(AlcoveNote) listed = g_list_model_get_item (selection, i);
        g_assert_cmpint (alcove_note_get_status (listed), ==, ALCOVE_NOTE_SIGNED);
      }
    alcove_record_print_dialog_set_include_drafts (record_dialog, TRUE);
    alcove_test_run_for (100);
    alcove_test_save_screenshot (GTK_WIDGET (record_dialog), "record-print-drafts");
    g_assert_true (alcove_record_print_dialog_print (record_dialog, record_pdf, &error));
    g_assert_no_error (error);
    g_clear_pointer (&printed, g_free);
    printed = alcove_test_pdf_text (record_pdf);
    g_assert_nonnull (strstr (printed, "Draft words not signed yet"));
    g_assert_nonnull (strstr (printed, "Includes drafts that are not signed"));
  }
  gtk_window_destroy (GTK_WINDOW (record_dialog));

  /* tampering behind Alcove's back: the reopened note shows the mismatch banner */
  handle = alcove_database_get_handle (alcove_vault_get_database (alcove_application_get_vault (app)));
  schema = alcove_vault_schema_for (alcove_note_get_store_id (note));
  sql = g_strdup_printf ("DROP TRIGGER %s.notes_signed_no_update;"
                         " UPDATE %s.notes SET sections = replace(sections, 'better', 'worse')"
                         " WHERE id = '%s';", schema, schema, alcove_note_get_id (note));
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_test_expect_message ("alcove-note-store", G_LOG_LEVEL_WARNING, "*no longer matches*");
  tampered = reopen (notes, alcove_note_get_id (note));
  g_test_assert_expected_messages ();
  g_assert_cmpint (alcove_note_get_integrity (tampered), ==, ALCOVE_NOTE_INTEGRITY_MISMATCH);
  window = open_window (main_window, notes, tampered, client_id);
  g_assert_true (revealed (GTK_WIDGET (window), "mismatch_revealer"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "note-editor-mismatch");

  alcove_test_set_dark (TRUE);
  alcove_test_run_for (400);
  alcove_test_save_screenshot (GTK_WIDGET (window), "note-editor-mismatch-dark");
  alcove_test_set_dark (FALSE);
  gtk_window_close (GTK_WINDOW (window));
  alcove_test_run_for (100);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      g_assert_false (ALCOVE_IS_NOTE_WINDOW (toplevel));
    }
}

static void
test_sign (void)
{
  run_scenario ("sign", sign_scenario);
}

/* The minimum-necessary helper: findings in the side pane, Dismiss */
static void
helper_scenario (AlcoveApplication *app,
                 AlcoveWindow      *main_window)
{
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(AlcoveNote) birp = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *other_id = NULL;
  AlcoveNoteWindow *window;
  AlcoveNoteEditor *editor;
  GtkWidget *list;
  GtkWidget *dismiss;

  unlock (app);
  notes = new_note_store (app);
  client_id = add_client (notes, "Jordan Avery", ALCOVE_RECORD_INDIVIDUAL, NULL);
  other_id = add_client (notes, "Morgan Ellis", ALCOVE_RECORD_INDIVIDUAL, NULL);
  note = new_note (notes, client_id, "dap");
  window = open_window (main_window, notes, note, client_id);
  editor = alcove_note_window_get_editor (window);

  set_text (editor, "data", "Client talked about work stress and a conflict with a coworker. "
                            "Asked me to call her at 555-123-4567 after her shift; she said "
                            "Morgan Ellis from her support group recommended the clinic.");
  set_text (editor, "assessment", "Stress is situational; coping skills are emerging.");
  g_assert_true (alcove_test_wait_until ((gboolean (*) (gpointer)) alcove_note_editor_get_n_findings,
                                         editor, 3000));
  alcove_test_run_for (300);
  g_assert_cmpuint (alcove_note_editor_get_n_findings (editor), ==, 2);
  gtk_widget_activate (alcove_test_find_widget (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON,
                                                "findings_button"));
  alcove_test_run_for (1200);
  g_assert_true (alcove_note_editor_get_findings_visible (editor));
  list = alcove_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_LIST_BOX, "findings_list");
  g_assert_true (alcove_test_tree_has_text (list, "Phone number"));
  alcove_test_save_screenshot (GTK_WIDGET (window), "note-editor-dap-findings");

  /* Dismiss in the pane */
  dismiss = alcove_test_find_widget (list, GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (dismiss);
  gtk_widget_activate (dismiss);
  alcove_test_run_for (600);  /* a button's activation clicks after its animation */
  g_assert_cmpuint (alcove_note_editor_get_n_findings (editor), ==, 1);
  /* findings never block saving */
  g_assert_true (alcove_note_editor_save (editor, NULL));
  gtk_window_close (GTK_WINDOW (window));
  alcove_test_run_for (200);

  /* a BIRP editor with some text */
  birp = new_note (notes, client_id, "birp");
  window = open_window (main_window, notes, birp, client_id);
  editor = alcove_note_window_get_editor (window);
  set_text (editor, "behavior", "Arrived on time, restless, picking at sleeves.");
  set_text (editor, "intervention", "Grounding exercise (5-4-3-2-1), then reviewed the thought record.");
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), "note-editor-birp");
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (400);
  alcove_test_save_screenshot (GTK_WIDGET (window), "note-editor-birp-dark");
  alcove_test_set_dark (FALSE);
  gtk_window_close (GTK_WINDOW (window));
  alcove_test_run_for (200);
}

static void
test_helper (void)
{
  run_scenario ("helper", helper_scenario);
}

/* A couple note: the shared sections, one part per partner; a partner sees only theirs */
static void
couple_scenario (AlcoveApplication *app,
                 AlcoveWindow      *main_window)
{
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *couple = NULL;
  AlcoveNoteWindow *window;
  AlcoveNoteEditor *editor;

  unlock (app);
  notes = new_note_store (app);
  a = add_client (notes, "Riley Chen", ALCOVE_RECORD_INDIVIDUAL, NULL);
  b = add_client (notes, "Sam Okafor", ALCOVE_RECORD_INDIVIDUAL, NULL);
  {
    const char *members[] = { a, b, NULL };
    couple = add_client (notes, "Chen–Okafor", ALCOVE_RECORD_COUPLE, members);
  }
  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, couple);
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, "2024-05-02");
  {
    const char *attendees[] = { a, b, NULL };
    alcove_session_set_attendees (session, attendees);
  }
  g_assert_true (alcove_client_store_save_session (alcove_note_store_get_clients (notes), session,
                                                   &error));
  g_assert_no_error (error);
  note = alcove_note_store_create (notes, couple, alcove_session_get_id (session), "soap",
                                   "2024-05-02", &error);
  g_assert_no_error (error);

  window = open_window (main_window, notes, note, couple);
  editor = alcove_note_window_get_editor (window);
  g_assert_nonnull (alcove_note_editor_get_buffer (editor, a));
  g_assert_nonnull (alcove_note_editor_get_buffer (editor, b));
  set_text (editor, a, "Riley named feeling unheard at home.");
  /* a partner's name is not another client's: no finding */
  set_text (editor, "subjective", "Riley Chen and Sam Okafor describe more arguments since the move.");
  alcove_note_editor_check_now (editor);
  g_assert_cmpuint (alcove_note_editor_get_n_findings (editor), ==, 0);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), "note-editor-couple");
  gtk_window_close (GTK_WINDOW (window));
  alcove_test_run_for (200);

  window = open_window (main_window, notes, note, a);
  editor = alcove_note_window_get_editor (window);
  g_assert_nonnull (alcove_note_editor_get_buffer (editor, a));
  g_assert_null (alcove_note_editor_get_buffer (editor, b));
  g_assert_nonnull (alcove_note_editor_get_buffer (editor, "subjective"));
  gtk_window_close (GTK_WINDOW (window));
  alcove_test_run_for (200);
}

static void
test_couple (void)
{
  run_scenario ("couple", couple_scenario);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init_gui (&argc, &argv);

  g_test_add_func ("/note-editor/lock-while-typing", test_lock_while_typing);
  g_test_add_func ("/note-editor/lock-while-saving", test_lock_while_saving);
  g_test_add_func ("/note-editor/no-phi-after-lock", test_no_phi_after_lock);
  g_test_add_func ("/note-editor/failed-save", test_failed_save);
  g_test_add_func ("/note-editor/sign-addendum-tamper-print", test_sign);
  g_test_add_func ("/note-editor/helper", test_helper);
  g_test_add_func ("/note-editor/couple", test_couple);

  return g_test_run ();
}
