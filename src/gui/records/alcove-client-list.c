/* alcove-client-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-client-list"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-client-editor.h"
#include "alcove-client-import-window.h"
#include "alcove-client-list.h"

/* Every client of the practice: a search-as-you-type entry, status and minor filters, a sort
 * order, and a GtkListView over GtkFilterListModel (GtkSortListModel (the store's list)).
 * The store replaces a client's snapshot in place when it is saved, so the list follows. */
struct _AlcoveClientList
{
  AdwBin              parent_instance;

  AlcoveClientStore  *store;
  char               *folded_query;
  GDateTime          *now;

  GtkSearchEntry     *search_entry;
  GtkToggleButton    *active_toggle;
  GtkToggleButton    *discharged_toggle;
  GtkToggleButton    *minors_toggle;
  GtkDropDown        *sort_dropdown;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkButton          *add_button;
  GtkWidget          *more_add_button;
  GtkWidget          *empty_import_button;

  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
};

G_DEFINE_FINAL_TYPE (AlcoveClientList, alcove_client_list, ADW_TYPE_BIN)

enum {
  CLIENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  SORT_LAST_SESSION,
  SORT_NAME,
};

/* ---- filtering and sorting ---- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  AlcoveClientList *self = user_data;
  AlcoveClient *client = item;
  gboolean want_active = gtk_toggle_button_get_active (self->active_toggle);
  gboolean want_discharged = gtk_toggle_button_get_active (self->discharged_toggle);
  AlcoveClientStatus status = alcove_client_get_status (client);

  /* neither or both status toggles: any status */
  if (want_active != want_discharged)
    {
      if (want_active && status != ALCOVE_CLIENT_ACTIVE)
        return FALSE;
      if (want_discharged && status != ALCOVE_CLIENT_DISCHARGED)
        return FALSE;
    }
  if (gtk_toggle_button_get_active (self->minors_toggle) && !alcove_client_is_minor (client, self->now))
    return FALSE;
  if (self->folded_query != NULL && *self->folded_query != '\0' &&
      !alcove_client_matches (client, self->folded_query))
    return FALSE;
  return TRUE;
}

static int
compare_names (AlcoveClient *a,
               AlcoveClient *b)
{
  g_autofree char *fa = alcove_fold_text (alcove_client_get_display_name (a));
  g_autofree char *fb = alcove_fold_text (alcove_client_get_display_name (b));
  int result = g_utf8_collate (fa, fb);

  return result != 0 ? result : g_strcmp0 (alcove_client_get_id (a), alcove_client_get_id (b));
}

static int
sort_func (gconstpointer item_a,
           gconstpointer item_b,
           gpointer      user_data)
{
  AlcoveClientList *self = user_data;
  AlcoveClient *a = ALCOVE_CLIENT ((gpointer) item_a);
  AlcoveClient *b = ALCOVE_CLIENT ((gpointer) item_b);

  if (gtk_drop_down_get_selected (self->sort_dropdown) == SORT_LAST_SESSION)
    {
      /* most recent first; never seen last */
      const char *la = alcove_client_get_field (a, ALCOVE_CLIENT_LAST_SESSION);
      const char *lb = alcove_client_get_field (b, ALCOVE_CLIENT_LAST_SESSION);
      int result = g_strcmp0 (lb, la);

      if (result != 0)
        return result < 0 ? -1 : 1;
    }
  return compare_names (a, b);
}

static void
update_state (AlcoveClientList *self)
{
  GListModel *all = alcove_client_store_get_clients (self->store);

  if (g_list_model_get_n_items (all) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-matches");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
filter_changed (AlcoveClientList *self)
{
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_new_now_local ();
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
search_changed_cb (GtkSearchEntry   *entry,
                   AlcoveClientList *self)
{
  g_free (self->folded_query);
  self->folded_query = alcove_fold_text (gtk_editable_get_text (GTK_EDITABLE (entry)));
  filter_changed (self);
}

static void
toggle_changed_cb (GtkToggleButton  *toggle,
                   AlcoveClientList *self)
{
  filter_changed (self);
}

static void
sort_changed_cb (AlcoveClientList *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* ---- rows ---- */

static char *
dup_subtitle (AlcoveClient *client,
              GDateTime    *now)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *pronouns = alcove_client_get_field (client, ALCOVE_CLIENT_PRONOUNS);
  const char *last = alcove_client_get_field (client, ALCOVE_CLIENT_LAST_SESSION);

  if (alcove_client_get_record_type (client) != ALCOVE_RECORD_INDIVIDUAL)
    g_ptr_array_add (parts, g_strdup (alcove_record_type_get_title (alcove_client_get_record_type (client))));
  if (*pronouns != '\0')
    g_ptr_array_add (parts, g_strdup (pronouns));
  if (alcove_client_is_minor (client, now))
    g_ptr_array_add (parts, g_strdup (_("Minor")));
  if (alcove_client_get_status (client) == ALCOVE_CLIENT_DISCHARGED)
    g_ptr_array_add (parts, g_strdup (_("Discharged")));
  if (*last != '\0')
    {
      g_autofree char *date = alcove_date_format (last);

      g_ptr_array_add (parts, g_strdup_printf (_("Last session %s"), date));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("No sessions yet")));
  g_ptr_array_add (parts, NULL);
  /* Translators: separates the parts of a client's summary line */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "client-row");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 24);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AlcoveClientList         *self)
{
  AlcoveClient *client = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (icon);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *text = dup_subtitle (client, self->now);
  const char *name = alcove_client_get_display_name (client);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                alcove_client_get_record_type (client) == ALCOVE_RECORD_INDIVIDUAL
                                ? "avatar-default-symbolic" : "system-users-symbolic");
  gtk_label_set_text (GTK_LABEL (title), name);
  gtk_label_set_text (GTK_LABEL (subtitle), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
list_activate_cb (GtkListView      *view,
                  guint             position,
                  AlcoveClientList *self)
{
  g_autoptr(AlcoveClient) client = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (client != NULL)
    g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, alcove_client_get_id (client));
}

/* ---- actions ---- */

static void
add_action_cb (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  AlcoveClientList *self = ALCOVE_CLIENT_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AlcoveClientEditor *editor;

  if (!alcove_client_store_can_edit (self->store))
    return;
  editor = alcove_client_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->store, NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
clients_added_cb (AlcoveClientImportWindow *window,
                  guint                     n_clients,
                  AlcoveClientList         *self)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *message = g_strdup_printf (ngettext ("Added %u client", "Added %u clients",
                                                        n_clients), n_clients);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
import_file_chosen_cb (GtkNativeDialog  *chooser,
                       int               response,
                       AlcoveClientList *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AlcoveClientImportWindow *window;

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;
  window = alcove_client_import_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                            self->store, file);
  g_signal_connect_object (window, "clients-added", G_CALLBACK (clients_added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  AlcoveClientList *self = ALCOVE_CLIENT_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (!alcove_client_store_can_edit (self->store))
    return;
  gtk_file_filter_set_name (filter, _("Client lists (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  chooser = gtk_file_chooser_native_new (_("Import Clients"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
focus_search_action_cb (GtkWidget  *widget,
                        const char *action,
                        GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (ALCOVE_CLIENT_LIST (widget)->search_entry));
}

static void
alcove_client_list_dispose (GObject *object)
{
  AlcoveClientList *self = ALCOVE_CLIENT_LIST (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->folded_query, g_free);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (alcove_client_list_parent_class)->dispose (object);
}

static void
alcove_client_list_class_init (AlcoveClientListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_client_list_dispose;

  /**
   * AlcoveClientList::client-activated:
   * @client_id: the id of the client chosen
   */
  signals[CLIENT_ACTIVATED] = g_signal_new ("client-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-client-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientList, active_toggle);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientList, discharged_toggle);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientList, minors_toggle);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientList, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientList, stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientList, list_view);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientList, add_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientList, more_add_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientList, empty_import_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, toggle_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "clients.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "clients.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "clients.search", NULL, focus_search_action_cb);
  /* Ctrl+N and Ctrl+F reach these from anywhere in the window (win.new-client, win.find) */
}

static void
alcove_client_list_init (AlcoveClientList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->now = g_date_time_new_now_local ();

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  g_signal_connect_object (self->sort_dropdown, "notify::selected",
                           G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

AlcoveClientList *
alcove_client_list_new (AlcoveClientStore *store)
{
  AlcoveClientList *self;
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (store), NULL);

  self = g_object_new (ALCOVE_TYPE_CLIENT_LIST, NULL);
  self->store = g_object_ref (store);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (alcove_client_store_get_clients (store)),
                                              GTK_SORTER (self->sorter));
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (self->sort_model),
                                                  GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (alcove_client_store_get_clients (store), "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), alcove_client_store_can_edit (store));
  gtk_widget_set_visible (self->more_add_button, alcove_client_store_can_edit (store));
  gtk_widget_set_visible (self->empty_import_button, alcove_client_store_can_edit (store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.add", alcove_client_store_can_edit (store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.import", alcove_client_store_can_edit (store));
  update_state (self);
  return self;
}

/* The clients shown, in the order shown */
GListModel *
alcove_client_list_get_model (AlcoveClientList *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_LIST (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}
