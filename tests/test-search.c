/* test-search.c — the search window (Ctrl+K) in the real application under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include <adwaita.h>

#include "alcove-application.h"
#include "alcove-client-store.h"
#include "alcove-gui-test-utils.h"
#include "alcove-note-store.h"
#include "alcove-search.h"
#include "alcove-search-window.h"
#include "alcove-test-utils.h"
#include "alcove-window.h"

typedef struct
{
  char *dir;
  char *zoe;         /* client ids */
  char *marcus;
  char *group;
  char *cafe_note;   /* Zoë's note that mentions the café */
} Fixture;

static Fixture fixture;

/* ---- test data, through the core stores ---- */

static char *
add_client (AlcoveClientStore *clients,
            const char        *preferred,
            const char        *legal)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, preferred);
  alcove_client_set_field (client, ALCOVE_CLIENT_LEGAL_NAME, legal);
  g_assert_true (alcove_client_store_save (clients, client, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_client_get_id (client));
}

static char *
add_note (AlcoveNoteStore *notes,
          const char      *client_id,
          const char      *format_id,
          const char      *date,
          const char      *key,
          const char      *text)
{
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;

  note = alcove_note_store_create (notes, client_id, NULL, format_id, date, &error);
  g_assert_no_error (error);
  alcove_note_set_section (note, key, text);
  g_assert_true (alcove_note_store_save (notes, note, &error));
  g_assert_no_error (error);
  return g_strdup (alcove_note_get_id (note));
}

static void
create_fixture (void)
{
  g_autoptr(AlcoveVault) vault = NULL;
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  g_autoptr(AlcoveSecret) password = alcove_test_secret (TEST_OTHER_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autofree char *ignored = NULL;

  fixture.dir = g_build_filename (g_get_user_data_dir (), "search-vault", NULL);
  vault = alcove_test_create_vault (fixture.dir, NULL);
  alcove_vault_lock (vault);
  g_clear_object (&vault);
  vault = alcove_test_unlocked_vault (fixture.dir, "dana", TEST_PASSWORD);
  alcove_vault_add_user (vault, "bea", "Bea Lindqvist", ALCOVE_ROLE_BILLING, password,
                         alcove_test_fast_kdf (), &error);
  g_assert_no_error (error);

  clients = alcove_client_store_new (vault, &error);
  g_assert_no_error (error);
  notes = alcove_note_store_new (clients);
  fixture.zoe = add_client (clients, "Zoë Adams", "Zoë Adams");
  fixture.marcus = add_client (clients, "Marcus Bell", "Marcus Bell");
  fixture.group = add_client (clients, "Priya Nair", "Priya Nair");

  fixture.cafe_note = add_note (notes, fixture.zoe, "soap", "2024-03-12", "subjective",
                                "Reports panic in a crowded café last week; anxiety rises on"
                                " the bus to work. Practised paced breathing in session.");
  ignored = add_note (notes, fixture.zoe, "soap", "2024-02-27", "plan",
                      "Keep a sleep diary; review sleep hygiene next session.");
  g_clear_pointer (&ignored, g_free);
  ignored = add_note (notes, fixture.zoe, "process", "2024-03-12", "text",
                      "My sense is the anxiety protects her from grief about her father.");
  g_clear_pointer (&ignored, g_free);
  ignored = add_note (notes, fixture.marcus, "soap", "2024-03-05", "assessment",
                      "Generalised anxiety, improving. Sleep hygiene reviewed; fewer"
                      " awakenings.");
  g_clear_pointer (&ignored, g_free);
  ignored = add_note (notes, fixture.group, "dap", "2024-01-15", "data",
                      "Talked about her new job and her sister’s wedding.");
  alcove_vault_lock (vault);
}

static void
free_fixture (void)
{
  g_free (fixture.dir);
  g_free (fixture.zoe);
  g_free (fixture.marcus);
  g_free (fixture.group);
  g_free (fixture.cafe_note);
}

/* ---- the application ---- */

static void
run_scenario (AlcoveTestScenario scenario)
{
  alcove_test_run_app (fixture.dir, 900, 640, scenario);
}


static AlcoveSearchWindow *
find_search_window (void)
{
  return (AlcoveSearchWindow *) alcove_test_find_toplevel (ALCOVE_TYPE_SEARCH_WINDOW);
}

static AlcoveSearchWindow *
open_with_ctrl_k (AlcoveApplication *app)
{
  AlcoveSearchWindow *search;
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "app.search");

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>k"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "search", NULL);
  alcove_test_run_for (300);
  search = find_search_window ();
  g_assert_nonnull (search);
  return search;
}

static GtkWidget *
entry_of (AlcoveSearchWindow *search)
{
  GtkWidget *entry = alcove_test_find_widget (GTK_WIDGET (search), GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
  return entry;
}

static gboolean
settled (gpointer search)
{
  return g_strcmp0 (alcove_search_window_get_page (search), "busy") != 0;
}

/* Types query and waits for its results; returns the page shown */
static const char *
type_query (AlcoveSearchWindow *search,
            const char         *query)
{
  gtk_editable_set_text (GTK_EDITABLE (entry_of (search)), query);
  /* past search-changed's delay, then until the worker answers */
  alcove_test_run_for (250);
  g_assert_true (alcove_test_wait_until (settled, search, 5000));
  alcove_test_run_for (100);
  return alcove_search_window_get_page (search);
}

static guint
count_hits (AlcoveSearchWindow *search,
            AlcoveHitKind       kind,
            const char         *client_id)
{
  GListModel *results = alcove_search_window_get_results (search);
  guint count = 0;

  for (guint i = 0; results != NULL && i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(AlcoveSearchHit) hit = g_list_model_get_item (results, i);

      if (alcove_search_hit_get_kind (hit) == kind &&
          (client_id == NULL || g_strcmp0 (alcove_search_hit_get_client_id (hit), client_id) == 0))
        count++;
    }
  return count;
}

static guint
count_note_hits (AlcoveSearchWindow *search)
{
  GListModel *results = alcove_search_window_get_results (search);

  return results ? g_list_model_get_n_items (results) - count_hits (search, ALCOVE_HIT_CLIENT, NULL)
                 : 0;
}

static gboolean
snippets_contain (AlcoveSearchWindow *search,
                  const char         *markup)
{
  GListModel *results = alcove_search_window_get_results (search);

  for (guint i = 0; results != NULL && i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(AlcoveSearchHit) hit = g_list_model_get_item (results, i);

      if (strstr (alcove_search_hit_get_snippet (hit), markup) != NULL)
        return TRUE;
    }
  return FALSE;
}

static guint
position_of_note (AlcoveSearchWindow *search,
                  const char         *note_id)
{
  GListModel *results = alcove_search_window_get_results (search);

  for (guint i = 0; results != NULL && i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(AlcoveSearchHit) hit = g_list_model_get_item (results, i);

      if (g_strcmp0 (alcove_search_hit_get_note_id (hit), note_id) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* ---- scenarios ---- */

static void
global_scenario (AlcoveApplication *app,
                 AlcoveWindow      *window)
{
  AlcoveSearchWindow *search;
  GtkWidget *entry;

  /* locked: Ctrl+K does nothing */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "search"));
  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "search"));

  search = open_with_ctrl_k (app);
  entry = entry_of (search);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (search)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (search)) == GTK_WINDOW (window));
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_has_focus (entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (search)), entry));
  g_assert_cmpstr (alcove_search_window_get_page (search), ==, "empty");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (search), "Search Clients and Notes"));
  alcove_test_save_screenshot (GTK_WIDGET (search), "search-empty-light");

  /* accents don't matter, in names */
  g_assert_cmpstr (type_query (search, "zoe"), ==, "results");
  g_assert_cmpuint (count_hits (search, ALCOVE_HIT_CLIENT, fixture.zoe), ==, 1);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (search), "Zoë Adams"));
  alcove_test_save_screenshot (GTK_WIDGET (search), "search-client-hit-light");

  /* nor in notes */
  g_assert_cmpstr (type_query (search, "cafe"), ==, "results");
  g_assert_true (snippets_contain (search, "<b>café</b>"));
  g_assert_cmpuint (count_hits (search, ALCOVE_HIT_NOTE, fixture.zoe), ==, 1);

  /* prefixes; both clients, and Dana's own private note, marked */
  g_assert_cmpstr (type_query (search, "anx"), ==, "results");
  g_assert_cmpuint (count_hits (search, ALCOVE_HIT_NOTE, fixture.zoe), ==, 1);
  g_assert_cmpuint (count_hits (search, ALCOVE_HIT_PRIVATE, fixture.zoe), ==, 1);
  g_assert_cmpuint (count_hits (search, ALCOVE_HIT_NOTE, fixture.marcus), ==, 1);
  g_assert_true (snippets_contain (search, "<b>anxiety</b>"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (search), "Private note"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (search), "Marcus Bell"));
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (search), "12 March 2024"));
  alcove_test_save_screenshot (GTK_WIDGET (search), "search-results-light");
  alcove_test_set_dark (TRUE);
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (search), "search-results-dark");
  alcove_test_set_dark (FALSE);

  /* phrases */
  g_assert_cmpstr (type_query (search, "\"sleep hygiene\""), ==, "results");
  g_assert_cmpuint (count_note_hits (search), ==, 2);
  g_assert_true (snippets_contain (search, "<b>sleep</b> <b>hygiene</b>"));
  g_assert_cmpstr (type_query (search, "\"hygiene sleep\""), ==, "none");

  /* typed quickly: each change starts a query and cancels the one before; only "anx"
   * answers. "a" alone would also find the clients Zoë Adams and Priya Nair by name. */
  g_assert_cmpstr (type_query (search, "xyzzy"), ==, "none");
  gtk_editable_set_text (GTK_EDITABLE (entry), "a");
  g_signal_emit_by_name (entry, "search-changed");
  gtk_editable_set_text (GTK_EDITABLE (entry), "an");
  g_signal_emit_by_name (entry, "search-changed");
  gtk_editable_set_text (GTK_EDITABLE (entry), "anx");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpstr (alcove_search_window_get_page (search), ==, "busy");
  g_assert_true (alcove_test_wait_until (settled, search, 5000));
  alcove_test_run_for (500);  /* anything late from "a" or "an" would land by now */
  g_assert_cmpstr (alcove_search_window_get_page (search), ==, "results");
  g_assert_cmpuint (count_hits (search, ALCOVE_HIT_CLIENT, NULL), ==, 0);
  g_assert_cmpuint (count_note_hits (search), ==, 3);
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (search), "Priya Nair"));

  /* nothing found */
  g_assert_cmpstr (type_query (search, "xyzzy"), ==, "none");
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (search), "No results for “xyzzy”"));
  alcove_test_save_screenshot (GTK_WIDGET (search), "search-no-results-light");

  /* cleared: back to the hint */
  g_assert_cmpstr (type_query (search, ""), ==, "empty");

  /* Escape closes it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (search), "window.close", NULL));
  alcove_test_run_for (200);
  g_assert_null (find_search_window ());
}

static void
test_global (void)
{
  run_scenario (global_scenario);
}

typedef struct
{
  char *client_id;
  char *note_id;
  guint clients;
  guint notes;
} Opened;

static void
open_client_cb (AlcoveSearchWindow *search,
                const char         *client_id,
                Opened             *opened)
{
  g_free (opened->client_id);
  opened->client_id = g_strdup (client_id);
  opened->clients++;
}

static void
open_note_cb (AlcoveSearchWindow *search,
              const char         *client_id,
              const char         *note_id,
              Opened             *opened)
{
  g_free (opened->client_id);
  g_free (opened->note_id);
  opened->client_id = g_strdup (client_id);
  opened->note_id = g_strdup (note_id);
  opened->notes++;
}

static void
connect_opened (AlcoveSearchWindow *search,
                Opened             *opened)
{
  g_signal_connect (search, "open-client", G_CALLBACK (open_client_cb), opened);
  g_signal_connect (search, "open-note", G_CALLBACK (open_note_cb), opened);
}

static void
activate_scenario (AlcoveApplication *app,
                   AlcoveWindow      *window)
{
  Opened opened = { NULL, NULL, 0, 0 };
  AlcoveSearchWindow *search;
  GtkWidget *list;
  GtkWidget *focus;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);

  /* a note row, activated as a click or Enter on it would */
  search = open_with_ctrl_k (app);
  connect_opened (search, &opened);
  g_assert_cmpstr (type_query (search, "cafe"), ==, "results");
  list = alcove_test_find_widget (GTK_WIDGET (search), GTK_TYPE_LIST_VIEW, NULL);
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u",
                                             position_of_note (search, fixture.cafe_note)));
  alcove_test_run_for (200);
  g_assert_cmpuint (opened.notes, ==, 1);
  g_assert_cmpstr (opened.client_id, ==, fixture.zoe);
  g_assert_cmpstr (opened.note_id, ==, fixture.cafe_note);
  g_assert_null (find_search_window ());

  /* Enter in the entry opens the first result: the client whose name matched */
  search = open_with_ctrl_k (app);
  connect_opened (search, &opened);
  g_assert_cmpstr (type_query (search, "marcus"), ==, "results");
  g_signal_emit_by_name (entry_of (search), "activate");
  alcove_test_run_for (200);
  g_assert_cmpuint (opened.clients, ==, 1);
  g_assert_cmpstr (opened.client_id, ==, fixture.marcus);
  g_assert_null (find_search_window ());

  /* Down moves from the entry into the list */
  search = open_with_ctrl_k (app);
  g_assert_cmpstr (type_query (search, "anx"), ==, "results");
  list = alcove_test_find_widget (GTK_WIDGET (search), GTK_TYPE_LIST_VIEW, NULL);
  {
    /* GTK 4 has no synthetic key events: emit the entry's capture-phase key controller
     * the way a press of Down reaches it */
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (entry_of (search));
    gboolean handled = FALSE;

    gtk_widget_grab_focus (entry_of (search));
    for (guint i = 0; !handled && i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
            gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
      }
    g_assert_true (handled);
  }
  alcove_test_run_for (100);
  focus = gtk_root_get_focus (GTK_ROOT (search));
  g_assert_nonnull (focus);
  g_assert_true (focus == list || gtk_widget_is_ancestor (focus, list));
  gtk_window_destroy (GTK_WINDOW (search));

  /* locking closes it: it shows PHI */
  search = open_with_ctrl_k (app);
  g_assert_cmpstr (type_query (search, "anx"), ==, "results");
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  alcove_test_run_for (300);
  g_assert_null (find_search_window ());
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "search"));

  g_free (opened.client_id);
  g_free (opened.note_id);
}

static void
test_activate (void)
{
  run_scenario (activate_scenario);
}

static void
client_scope_scenario (AlcoveApplication *app,
                       AlcoveWindow      *window)
{
  AlcoveSearchWindow *search;

  alcove_test_unlock_app (app, "dana", TEST_PASSWORD);

  /* what a client page's Ctrl+F does */
  g_action_group_activate_action (G_ACTION_GROUP (app), "search-client",
                                  g_variant_new_string (fixture.zoe));
  alcove_test_run_for (300);
  search = find_search_window ();
  g_assert_nonnull (search);
  g_assert_cmpstr (alcove_search_window_get_client_id (search), ==, fixture.zoe);
  g_assert_true (alcove_test_tree_has_text (GTK_WIDGET (search), "Search Zoë Adams"));
  gtk_window_destroy (GTK_WINDOW (search));

  search = alcove_search_window_new (GTK_WINDOW (window), alcove_test_app_workspace (app),
                                     fixture.zoe);
  gtk_window_present (GTK_WINDOW (search));
  alcove_test_run_for (300);

  /* Marcus's notes mention anxiety and sleep hygiene too, but only Zoë's come back */
  g_assert_cmpstr (type_query (search, "anxiety"), ==, "results");
  g_assert_cmpuint (count_hits (search, ALCOVE_HIT_NOTE, fixture.zoe), ==, 1);
  g_assert_cmpuint (count_hits (search, ALCOVE_HIT_PRIVATE, fixture.zoe), ==, 1);
  g_assert_cmpuint (count_note_hits (search), ==, 2);
  g_assert_cmpstr (type_query (search, "hygiene"), ==, "results");
  g_assert_cmpuint (count_note_hits (search), ==, 1);
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (search), "Marcus Bell"));
  g_assert_cmpstr (type_query (search, "anx"), ==, "results");
  alcove_test_save_screenshot (GTK_WIDGET (search), "search-within-client-light");
  /* names are not searched within a client */
  g_assert_cmpstr (type_query (search, "marcus"), ==, "none");
  g_assert_cmpstr (type_query (search, "zoe"), ==, "none");
  gtk_window_destroy (GTK_WINDOW (search));
}

static void
test_client_scope (void)
{
  run_scenario (client_scope_scenario);
}

static void
billing_scenario (AlcoveApplication *app,
                  AlcoveWindow      *window)
{
  AlcoveSearchWindow *search;

  alcove_test_unlock_app (app, "bea", TEST_OTHER_PASSWORD);
  search = open_with_ctrl_k (app);

  /* names, yes */
  g_assert_cmpstr (type_query (search, "zoe"), ==, "results");
  g_assert_cmpuint (count_hits (search, ALCOVE_HIT_CLIENT, fixture.zoe), ==, 1);
  g_assert_cmpuint (count_note_hits (search), ==, 0);

  /* note text, never */
  g_assert_cmpstr (type_query (search, "anx"), ==, "none");
  g_assert_cmpstr (type_query (search, "cafe"), ==, "none");
  g_assert_cmpstr (type_query (search, "\"sleep hygiene\""), ==, "none");
  g_assert_false (alcove_test_tree_has_text (GTK_WIDGET (search), "café"));
  gtk_window_destroy (GTK_WINDOW (search));
}

static void
test_billing (void)
{
  run_scenario (billing_scenario);
}

int
main (int    argc,
      char **argv)
{
  int status;

  alcove_test_init_gui (&argc, &argv);
  create_fixture ();

  g_test_add_func ("/search/global", test_global);
  g_test_add_func ("/search/activate", test_activate);
  g_test_add_func ("/search/client-scope", test_client_scope);
  g_test_add_func ("/search/billing", test_billing);

  status = g_test_run ();
  free_fixture ();
  return status;
}
