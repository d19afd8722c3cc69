/* alcove-search-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-search-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-search.h"
#include "alcove-search-window.h"

/* Ctrl+K (everything the reader can open) and Ctrl+F (one client's record). Each change of
 * the entry cancels the query before it and starts a new one (on the session's worker, in
 * the core); a result that arrives for anything but the newest query is dropped. The window
 * shows PHI, so it destroys itself when the vault locks. Never logs what was typed or found. */

#define RESULT_LIMIT 100

struct _AlcoveSearchWindow
{
  AdwWindow          parent_instance;

  AlcoveVault       *vault;
  AlcoveClientStore *clients;
  AlcoveSearch      *search;
  char              *client_id;      /* NULL: every client */
  GCancellable      *cancellable;    /* of the query running now */
  GListModel        *results;        /* of the newest finished query */
  GtkNoSelection    *selection;

  AdwWindowTitle    *window_title;
  GtkSpinner        *spinner;
  GtkSearchEntry    *search_entry;
  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  AdwStatusPage     *none_page;
  AdwStatusPage     *error_page;
  GtkListView       *list_view;
};

G_DEFINE_FINAL_TYPE (AlcoveSearchWindow, alcove_search_window, ADW_TYPE_WINDOW)

enum {
  OPEN_CLIENT,
  OPEN_NOTE,
  OPEN_PLAN,
  OPEN_DIAGNOSIS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- one result row ---- */

typedef struct
{
  GtkWidget *header;
  GtkWidget *client_box;
  GtkWidget *client_label;
  GtkWidget *note_box;
  GtkWidget *date_label;
  GtkWidget *kind_icon;
  GtkWidget *kind_label;
  GtkWidget *snippet_label;
} RowWidgets;

static const char *
kind_title (AlcoveHitKind kind)
{
  switch (kind)
    {
    case ALCOVE_HIT_CLIENT:
      return _("Client");
    case ALCOVE_HIT_PART:
      return _("Group note part");
    case ALCOVE_HIT_ADDENDUM:
      return _("Addendum");
    case ALCOVE_HIT_PRIVATE:
      return _("Private note");
    case ALCOVE_HIT_PLAN:
      return _("Treatment plan");
    case ALCOVE_HIT_DIAGNOSIS:
      return _("Diagnosis");
    case ALCOVE_HIT_NOTE:
    default:
      /* Translators: the kind of a search result: a progress note */
      return _("Note");
    }
}

/* "2024-03-12" as "12 March 2024"; what it was when it is not a date */
static const char *
client_name (AlcoveSearchWindow *self,
             const char         *client_id)
{
  AlcoveClient *client = client_id ? alcove_client_store_lookup (self->clients, client_id) : NULL;

  return client != NULL ? alcove_client_get_display_name (client) : _("Unknown client");
}

static void
item_setup_cb (AlcoveSearchWindow       *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  RowWidgets *row = g_new0 (RowWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line;
  GtkWidget *icon;

  gtk_widget_add_css_class (box, "search-row");

  row->header = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->header), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->header), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (row->header, "heading");
  gtk_widget_add_css_class (row->header, "search-header");
  gtk_box_append (GTK_BOX (box), row->header);

  /* a client whose name matched */
  row->client_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  icon = gtk_image_new_from_icon_name ("avatar-default-symbolic");
  gtk_box_append (GTK_BOX (row->client_box), icon);
  line = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  row->client_label = gtk_label_new (NULL);
  gtk_label_set_use_markup (GTK_LABEL (row->client_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (row->client_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->client_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (row->client_label, "heading");
  gtk_box_append (GTK_BOX (line), row->client_label);
  {
    GtkWidget *caption = gtk_label_new (_("Open the client’s record"));

    gtk_label_set_xalign (GTK_LABEL (caption), 0);
    gtk_widget_add_css_class (caption, "caption");
    gtk_widget_add_css_class (caption, "dim-label");
    gtk_box_append (GTK_BOX (line), caption);
  }
  gtk_box_append (GTK_BOX (row->client_box), line);
  gtk_box_append (GTK_BOX (box), row->client_box);

  /* a note, a part, an addendum or a private note */
  row->note_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  row->date_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->date_label), 0);
  gtk_widget_add_css_class (row->date_label, "search-date");
  gtk_box_append (GTK_BOX (line), row->date_label);
  row->kind_icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  gtk_widget_add_css_class (row->kind_icon, "search-private");
  gtk_box_append (GTK_BOX (line), row->kind_icon);
  row->kind_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->kind_label, "caption");
  gtk_widget_add_css_class (row->kind_label, "search-kind");
  gtk_box_append (GTK_BOX (line), row->kind_label);
  gtk_box_append (GTK_BOX (row->note_box), line);
  row->snippet_label = gtk_label_new (NULL);
  gtk_label_set_use_markup (GTK_LABEL (row->snippet_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (row->snippet_label), 0);
  gtk_label_set_wrap (GTK_LABEL (row->snippet_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->snippet_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (GTK_LABEL (row->snippet_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (row->snippet_label), 2);
  gtk_label_set_width_chars (GTK_LABEL (row->snippet_label), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (row->snippet_label), 80);
  gtk_widget_add_css_class (row->snippet_label, "search-snippet");
  gtk_box_append (GTK_BOX (row->note_box), row->snippet_label);
  gtk_box_append (GTK_BOX (box), row->note_box);

  g_object_set_data_full (G_OBJECT (box), "alcove-row", row, g_free);
  gtk_list_item_set_child (item, box);
}

static gboolean
same_client_as_previous (AlcoveSearchWindow *self,
                         guint               position,
                         AlcoveSearchHit    *hit)
{
  g_autoptr(AlcoveSearchHit) previous = NULL;

  if (position == 0 || self->results == NULL)
    return FALSE;
  previous = g_list_model_get_item (self->results, position - 1);
  return previous != NULL && g_strcmp0 (alcove_search_hit_get_client_id (previous),
                                        alcove_search_hit_get_client_id (hit)) == 0;
}

static void
item_bind_cb (AlcoveSearchWindow       *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  RowWidgets *row = g_object_get_data (G_OBJECT (box), "alcove-row");
  AlcoveSearchHit *hit = gtk_list_item_get_item (item);
  AlcoveHitKind kind = alcove_search_hit_get_kind (hit);
  const char *name = client_name (self, alcove_search_hit_get_client_id (hit));
  const char *snippet = alcove_search_hit_get_snippet (hit);
  g_autofree char *plain = NULL;
  g_autofree char *date = NULL;
  g_autofree char *accessible = NULL;
  guint position = gtk_list_item_get_position (item);
  gboolean is_client = kind == ALCOVE_HIT_CLIENT;
  gboolean new_group = !same_client_as_previous (self, position, hit);

  /* a group starts where the client differs from the row above; a client hit names the
   * client itself, a note hit gets the name as a header */
  gtk_label_set_text (GTK_LABEL (row->header), name);
  gtk_widget_set_visible (row->header, new_group && !is_client);
  if (new_group && position > 0)
    gtk_widget_add_css_class (box, "group-start");
  else
    gtk_widget_remove_css_class (box, "group-start");

  gtk_widget_set_visible (row->client_box, is_client);
  gtk_widget_set_visible (row->note_box, !is_client);

  if (!pango_parse_markup (snippet ? snippet : "", -1, 0, NULL, &plain, NULL, NULL))
    plain = g_strdup ("");

  if (is_client)
    {
      gtk_label_set_markup (GTK_LABEL (row->client_label), snippet ? snippet : "");
      /* TRANSLATORS: what a screen reader says for a client in the search results */
      accessible = g_strdup_printf (_("%s, client"), name);
    }
  else
    {
      date = alcove_date_format (alcove_search_hit_get_session_date (hit));
      gtk_label_set_text (GTK_LABEL (row->date_label), date);
      gtk_label_set_text (GTK_LABEL (row->kind_label), kind_title (kind));
      gtk_widget_set_visible (row->kind_icon, kind == ALCOVE_HIT_PRIVATE);
      if (kind == ALCOVE_HIT_PRIVATE)
        gtk_widget_add_css_class (row->kind_label, "search-private");
      else
        gtk_widget_remove_css_class (row->kind_label, "search-private");
      gtk_label_set_markup (GTK_LABEL (row->snippet_label), snippet ? snippet : "");
      /* TRANSLATORS: what a screen reader says for a note in the search results:
       * client name, session date, kind of note, the matching text */
      accessible = g_strdup_printf (_("%s, %s, %s: %s"), name, date, kind_title (kind), plain);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* ---- opening a result ---- */

static void
activate_position (AlcoveSearchWindow *self,
                   guint               position)
{
  g_autoptr(AlcoveSearchHit) hit = NULL;
  g_autoptr(AlcoveSearchWindow) hold = NULL;

  if (self->results == NULL || position >= g_list_model_get_n_items (self->results))
    return;
  hit = g_list_model_get_item (self->results, position);
  hold = g_object_ref (self);
  if (alcove_search_hit_get_kind (hit) == ALCOVE_HIT_CLIENT)
    g_signal_emit (self, signals[OPEN_CLIENT], 0, alcove_search_hit_get_client_id (hit));
  else if (alcove_search_hit_get_kind (hit) == ALCOVE_HIT_PLAN)
    g_signal_emit (self, signals[OPEN_PLAN], 0, alcove_search_hit_get_client_id (hit),
                   alcove_search_hit_get_note_id (hit));
  else if (alcove_search_hit_get_kind (hit) == ALCOVE_HIT_DIAGNOSIS)
    g_signal_emit (self, signals[OPEN_DIAGNOSIS], 0, alcove_search_hit_get_client_id (hit),
                   alcove_search_hit_get_note_id (hit));
  else
    g_signal_emit (self, signals[OPEN_NOTE], 0, alcove_search_hit_get_client_id (hit),
                   alcove_search_hit_get_note_id (hit));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
list_activate_cb (AlcoveSearchWindow *self,
                  guint               position,
                  GtkListView        *list_view)
{
  activate_position (self, position);
}

/* Enter in the entry opens the first result */
static void
search_activate_cb (AlcoveSearchWindow *self,
                    GtkSearchEntry     *entry)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") == 0)
    activate_position (self, 0);
}

static void
stop_search_cb (AlcoveSearchWindow *self,
                GtkSearchEntry     *entry)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* Down in the entry moves into the results */
static gboolean
entry_key_pressed_cb (AlcoveSearchWindow    *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") != 0)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  if (!gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return GDK_EVENT_STOP;
}

/* ---- running the query ---- */

static void
set_busy (AlcoveSearchWindow *self,
          gboolean            busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
show_results (AlcoveSearchWindow *self,
              GListModel         *results,
              const char         *query)
{
  g_set_object (&self->results, results);
  gtk_no_selection_set_model (self->selection, results);
  if (results != NULL && g_list_model_get_n_items (results) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "results");
    }
  else
    {
      g_autofree char *title = g_strdup_printf (_("No results for “%s”"), query);

      adw_status_page_set_title (self->none_page, title);
      gtk_stack_set_visible_child_name (self->stack, "none");
    }
}

typedef struct
{
  AlcoveSearchWindow *self;
  char               *query;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request->query);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  AlcoveSearchWindow *self = request->self;
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = alcove_search_run_finish (ALCOVE_SEARCH (source), result, &error);

  /* a newer query (or closing the window) cancelled this one: its results are stale */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (error != NULL)
    {
      g_set_object (&self->results, NULL);
      gtk_no_selection_set_model (self->selection, NULL);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  show_results (self, hits, request->query);
}

static void
search_changed_cb (AlcoveSearchWindow *self,
                   GtkSearchEntry     *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *query = g_strstrip (g_strdup (text));
  Request *request;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (*query == '\0' || alcove_vault_get_locked (self->vault))
    {
      set_busy (self, FALSE);
      g_set_object (&self->results, NULL);
      gtk_no_selection_set_model (self->selection, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->query = g_steal_pointer (&query);
  alcove_search_run_async (self->search, request->query, self->client_id, RESULT_LIMIT,
                           self->cancellable, search_done_cb, request);
}

/* ---- object ---- */

static void
vault_locked_changed_cb (AlcoveSearchWindow *self)
{
  if (alcove_vault_get_locked (self->vault))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
alcove_search_window_dispose (GObject *object)
{
  AlcoveSearchWindow *self = ALCOVE_SEARCH_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->selection != NULL)
    gtk_no_selection_set_model (self->selection, NULL);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (alcove_search_window_parent_class)->dispose (object);
}

static void
alcove_search_window_finalize (GObject *object)
{
  AlcoveSearchWindow *self = ALCOVE_SEARCH_WINDOW (object);

  g_clear_object (&self->search);
  g_clear_object (&self->clients);
  g_clear_object (&self->vault);
  g_clear_object (&self->selection);
  g_free (self->client_id);

  G_OBJECT_CLASS (alcove_search_window_parent_class)->finalize (object);
}

static void
alcove_search_window_class_init (AlcoveSearchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alcove_search_window_dispose;
  object_class->finalize = alcove_search_window_finalize;

  /**
   * AlcoveSearchWindow::open-client:
   * @client_id: the client whose name matched
   *
   * A client was chosen; the window closes right after.
   */
  signals[OPEN_CLIENT] = g_signal_new ("open-client", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1,
                                       G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * AlcoveSearchWindow::open-note:
   * @client_id: the client the hit belongs to
   * @note_id: the note (for an addendum, the note it amends)
   *
   * A note was chosen; the window closes right after.
   */
  signals[OPEN_NOTE] = g_signal_new ("open-note", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2,
                                     G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                                     G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * AlcoveSearchWindow::open-plan:
   * @client_id: the plan's client
   * @version_id: the version that matched
   *
   * A treatment plan was chosen; the window closes right after.
   */
  signals[OPEN_PLAN] = g_signal_new ("open-plan", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2,
                                     G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                                     G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * AlcoveSearchWindow::open-diagnosis:
   * @client_id: the client whose problem list matched
   * @diagnosis_id: the diagnosis
   *
   * A diagnosis was chosen; the window closes right after.
   */
  signals[OPEN_DIAGNOSIS] = g_signal_new ("open-diagnosis", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2,
                                          G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                                          G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/alcove_notes/Alcove/alcove-search-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveSearchWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSearchWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSearchWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSearchWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSearchWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSearchWindow, none_page);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSearchWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSearchWindow, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
alcove_search_window_init (AlcoveSearchWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_no_selection_new (NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  /* typing anywhere in the window goes to the entry */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * alcove_search_window_new:
 * @parent: the window it is modal for
 * @workspace: the signed-in session, whose search and clients it uses
 * @client_id: (nullable): search only this client's record; NULL for everything the
 *   signed-in user can open
 *
 * Returns: (transfer none): a new window; present it
 */
AlcoveSearchWindow *
alcove_search_window_new (GtkWindow       *parent,
                          AlcoveWorkspace *workspace,
                          const char      *client_id)
{
  AlcoveSearchWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (ALCOVE_TYPE_SEARCH_WINDOW, "transient-for", parent, NULL);
  self->vault = g_object_ref (alcove_workspace_get_vault (workspace));
  self->clients = g_object_ref (alcove_workspace_get_clients (workspace));
  self->search = g_object_ref (alcove_workspace_get_search (workspace));
  self->client_id = g_strdup (client_id);

  if (client_id != NULL)
    {
      g_autofree char *title = NULL;

      /* TRANSLATORS: the title of the search window within one client's record */
      title = g_strdup_printf (_("Search %s"), client_name (self, client_id));
      adw_window_title_set_title (self->window_title, title);
      adw_status_page_set_title (self->empty_page, _("Search This Client’s Notes"));
      g_object_set (self->search_entry,
                    "placeholder-text", _("Search this client’s notes"),
                    NULL);
    }
  else
    {
      g_object_set (self->search_entry, "placeholder-text", _("Search clients and notes"), NULL);
    }

  g_signal_connect_object (self->vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

/* NULL when it searches everything */
const char *
alcove_search_window_get_client_id (AlcoveSearchWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_SEARCH_WINDOW (self), NULL);
  return self->client_id;
}

/* The hits on screen (AlcoveSearchHit, grouped by client), or NULL */
GListModel *
alcove_search_window_get_results (AlcoveSearchWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_SEARCH_WINDOW (self), NULL);
  return self->results;
}

/* "empty", "results", "none" or "error"; "busy" while a query runs */
const char *
alcove_search_window_get_page (AlcoveSearchWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_SEARCH_WINDOW (self), NULL);
  if (self->cancellable != NULL)
    return "busy";
  return gtk_stack_get_visible_child_name (self->stack);
}
