/* alcove-audit-viewer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-audit-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-audit-query.h"
#include "alcove-date.h"
#include "alcove-date-row.h"
#include "alcove-audit-viewer.h"

/* The access-log review (owner and supervisor): the log filtered by user, action, client
 * and days, newest first, a page at a time; the chain verified off the main thread with a
 * progress bar that can be stopped; the entries shown exported as CSV; and "Mark Reviewed",
 * which records who reviewed which range and when. Names appear on screen only; the log
 * and the CSV hold ids. */

#define PAGE_SIZE 200

struct _AlcoveAuditViewer
{
  AdwBin             parent_instance;

  AlcoveVault       *vault;
  AlcoveClientStore *clients;
  GListStore        *entries;
  GHashTable        *user_names;   /* uuid → full name */
  GPtrArray         *user_ids;     /* the user combo's uuids; NULL first: everyone */
  GPtrArray         *client_ids;   /* the client combo's ids; NULL first: every client */
  GCancellable      *verifying;
  gint               reload_pending;  /* atomic */
  gint64             total;

  GtkDropDown       *user_combo;
  GtkDropDown       *action_combo;
  GtkDropDown       *client_combo;
  AlcoveDateRow     *from_entry;
  AlcoveDateRow     *to_entry;
  GtkColumnView     *column_view;
  GtkRevealer       *progress_revealer;
  GtkProgressBar    *progress_bar;
  GtkRevealer       *result_revealer;
  GtkWidget         *result_box;
  GtkImage          *result_icon;
  GtkLabel          *result_label;
  GtkLabel          *status_label;
  GtkButton         *more_button;
};

G_DEFINE_FINAL_TYPE (AlcoveAuditViewer, alcove_audit_viewer, ADW_TYPE_BIN)

/* ---- the result banner ---- */

static void
show_result (AlcoveAuditViewer *self,
             gboolean           good,
             const char        *text)
{
  gtk_widget_remove_css_class (self->result_box, good ? "error" : "success");
  gtk_widget_add_css_class (self->result_box, good ? "success" : "error");
  gtk_image_set_from_icon_name (self->result_icon, good ? "emblem-ok-symbolic"
                                                        : "dialog-warning-symbolic");
  gtk_label_set_text (self->result_label, text);
  gtk_revealer_set_reveal_child (self->result_revealer, TRUE);
}

/* ---- the filter ---- */

/* YYYY-MM-DD, or the text as typed when it is not a day (the query then refuses it) */
static const char *
day_or_null (AlcoveDateRow *row)
{
  const char *day = alcove_date_row_get_iso_date (row);

  return *day ? day : NULL;
}

static void
current_filter (AlcoveAuditViewer *self,
                AlcoveAuditFilter *filter)
{
  guint user = gtk_drop_down_get_selected (self->user_combo);
  guint action = gtk_drop_down_get_selected (self->action_combo);
  guint client = gtk_drop_down_get_selected (self->client_combo);
  guint n_families;
  const AlcoveAuditActionFamily *families = alcove_audit_action_families (&n_families);

  memset (filter, 0, sizeof *filter);
  if (user != GTK_INVALID_LIST_POSITION && user < self->user_ids->len)
    filter->actor = g_ptr_array_index (self->user_ids, user);
  if (action != GTK_INVALID_LIST_POSITION && action > 0 && action <= n_families)
    filter->action_prefix = families[action - 1].prefix;
  if (client != GTK_INVALID_LIST_POSITION && client < self->client_ids->len)
    filter->client_id = g_ptr_array_index (self->client_ids, client);
  filter->from_day = day_or_null (self->from_entry);
  filter->to_day = day_or_null (self->to_entry);
}

static void
update_status (AlcoveAuditViewer *self)
{
  g_autofree char *text = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, self->total);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  alcove_audit_review_last (self->vault, &last_day, NULL);
  if (last_day != NULL)
    /* Translators: "Showing 200 of 1234 entries · last reviewed 2024-05-01"; the second %s is
     * the number of entries in the log */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Showing %u of %s entry · last reviewed %s",
                                         "Showing %u of %s entries · last reviewed %s",
                                         (gulong) self->total),
                            shown, total, last_day);
  else
    /* Translators: %s is the number of entries in the log */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Showing %u of %s entry · never reviewed",
                                         "Showing %u of %s entries · never reviewed",
                                         (gulong) self->total),
                            shown, total);
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), shown < self->total);
}

static void
load_page (AlcoveAuditViewer *self,
           gboolean           more)
{
  AlcoveAuditFilter filter;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  gint64 before = 0;

  if (alcove_vault_get_locked (self->vault))
    return;
  current_filter (self, &filter);
  if (more && n > 0)
    {
      g_autoptr(AlcoveAuditEntry) last = g_list_model_get_item (G_LIST_MODEL (self->entries), n - 1);

      before = alcove_audit_entry_get_seq (last);
    }
  page = alcove_audit_query (self->vault, &filter, before, PAGE_SIZE, &error);
  if (page == NULL)
    {
      show_result (self, FALSE, error->message);
      return;
    }
  if (!more)
    {
      g_list_store_remove_all (self->entries);
      self->total = alcove_audit_query_count (self->vault, &filter, NULL);
    }
  g_list_store_splice (self->entries, g_list_model_get_n_items (G_LIST_MODEL (self->entries)), 0,
                       page->pdata, page->len);
  update_status (self);
}

/* New rows show as they are written: at most one reload waits at a time, on the main loop
 * (rows may be written by a worker) */
static gboolean
reload_idle_cb (gpointer user_data)
{
  AlcoveAuditViewer *self = user_data;

  g_atomic_int_set (&self->reload_pending, FALSE);
  load_page (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
audit_appended_cb (AlcoveAuditViewer *self)
{
  if (g_atomic_int_compare_and_exchange (&self->reload_pending, FALSE, TRUE))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, g_object_ref (self), g_object_unref);
}

void
alcove_audit_viewer_reload (AlcoveAuditViewer *self)
{
  g_return_if_fail (ALCOVE_IS_AUDIT_VIEWER (self));
  load_page (self, FALSE);
}

static void
filters_changed_cb (AlcoveAuditViewer *self)
{
  load_page (self, FALSE);
}

/* ---- the columns ---- */

typedef enum { COLUMN_TIME, COLUMN_USER, COLUMN_ACTION, COLUMN_OBJECT } Column;

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static char *
describe_object (AlcoveAuditViewer *self,
                 AlcoveAuditEntry  *entry)
{
  const char *id = alcove_audit_entry_get_object_id (entry);
  AlcoveClient *client = NULL;

  if (*id == '\0')
    return g_strdup ("—");
  if (self->clients != NULL)
    client = alcove_client_store_lookup (self->clients, id);
  if (client != NULL)
    return g_strdup (alcove_client_get_display_name (client));
  if (g_hash_table_contains (self->user_names, id))
    return g_strdup (g_hash_table_lookup (self->user_names, id));
  /* a note, session or document: its id's first block is enough to tell rows apart */
  return g_strndup (id, 8);
}

static char *
column_text (AlcoveAuditViewer *self,
             AlcoveAuditEntry  *entry,
             Column             column)
{
  switch (column)
    {
    case COLUMN_TIME:
      {
        g_autoptr(GDateTime) at =
          g_date_time_new_from_unix_local (alcove_audit_entry_get_at_ms (entry) / 1000);

        return alcove_date_format_date_time (at);
      }
    case COLUMN_USER:
      {
        const char *name = g_hash_table_lookup (self->user_names,
                                                alcove_audit_entry_get_actor (entry));

        if (g_str_equal (alcove_audit_entry_get_actor (entry), "recovery"))
          return g_strdup (_("Recovery key"));
        return g_strdup (name ? name : alcove_audit_entry_get_actor (entry));
      }
    case COLUMN_ACTION:
      return g_strdup (alcove_audit_action_describe (alcove_audit_entry_get_action (entry)));
    case COLUMN_OBJECT:
    default:
      return describe_object (self, entry);
    }
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AlcoveAuditViewer        *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  AlcoveAuditEntry *entry = gtk_list_item_get_item (item);
  g_autofree char *text = column_text (self, entry, column);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == COLUMN_ACTION)
    gtk_widget_set_tooltip_text (label, alcove_audit_entry_get_action (entry));
}

static void
add_column (AlcoveAuditViewer *self,
            const char        *title,
            Column             column,
            gboolean           expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_label_cb), self, 0);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

/* ---- the combos ---- */

static void
fill_users (AlcoveAuditViewer *self)
{
  g_autoptr(GListModel) users = alcove_vault_list_users (self->vault);
  GtkStringList *names = gtk_string_list_new (NULL);

  g_ptr_array_add (self->user_ids, NULL);
  gtk_string_list_append (names, _("Everyone"));
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(AlcoveUser) user = g_list_model_get_item (users, i);
      const char *name = *alcove_user_get_full_name (user) ? alcove_user_get_full_name (user)
                                                           : alcove_user_get_username (user);

      g_hash_table_insert (self->user_names, g_strdup (alcove_user_get_uuid (user)),
                           g_strdup (name));
      g_ptr_array_add (self->user_ids, g_strdup (alcove_user_get_uuid (user)));
      gtk_string_list_append (names, name);
    }
  gtk_drop_down_set_model (self->user_combo, G_LIST_MODEL (names));
  g_object_unref (names);
}

static void
fill_actions (AlcoveAuditViewer *self)
{
  GtkStringList *titles = gtk_string_list_new (NULL);
  guint n_families;
  const AlcoveAuditActionFamily *families = alcove_audit_action_families (&n_families);

  gtk_string_list_append (titles, _("All actions"));
  for (guint i = 0; i < n_families; i++)
    gtk_string_list_append (titles, _(families[i].title));
  gtk_drop_down_set_model (self->action_combo, G_LIST_MODEL (titles));
  g_object_unref (titles);
}

static int
compare_clients (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (alcove_client_get_display_name (*(AlcoveClient **) a),
                         alcove_client_get_display_name (*(AlcoveClient **) b));
}

static void
fill_clients (AlcoveAuditViewer *self)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *clients = self->clients ? alcove_client_store_get_clients (self->clients) : NULL;
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                                     "string");

  g_ptr_array_add (self->client_ids, NULL);
  gtk_string_list_append (names, _("Every client"));
  for (guint i = 0; clients != NULL && i < g_list_model_get_n_items (clients); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (clients, i));
  g_ptr_array_sort (sorted, compare_clients);
  for (guint i = 0; i < sorted->len; i++)
    {
      AlcoveClient *client = g_ptr_array_index (sorted, i);

      g_ptr_array_add (self->client_ids, g_strdup (alcove_client_get_id (client)));
      gtk_string_list_append (names, alcove_client_get_display_name (client));
    }
  gtk_drop_down_set_model (self->client_combo, G_LIST_MODEL (names));
  /* typing in the open list finds a client by name */
  gtk_drop_down_set_expression (self->client_combo, expression);
  g_object_unref (names);
}

/* ---- verifying ---- */

static gboolean
progress_cb (gint64   done,
             gint64   total,
             gpointer user_data)
{
  AlcoveAuditViewer *self = user_data;
  g_autofree char *done_text = g_strdup_printf ("%" G_GINT64_FORMAT, done);
  g_autofree char *total_text = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  /* Translators: "Checked 500 of 1234 entries"; the numbers are formatted before */
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Checked %s of %s entry",
                                                        "Checked %s of %s entries", (gulong) total),
                                           done_text, total_text);

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return TRUE;
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AlcoveAuditViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 rows = 0, bad_seq = 0;
  g_autofree char *number = NULL;

  if (self->vault == NULL)
    {
      /* the viewer was destroyed (the vault locked) while the check ran */
      alcove_audit_verify_finish (ALCOVE_VAULT (source), result, NULL, NULL, NULL);
      return;
    }
  if (!alcove_audit_verify_finish (ALCOVE_VAULT (source), result, &rows, &bad_seq, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->verifying == NULL)
        return;  /* the viewer went away */
      text = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
             ? g_strdup (_("Verification stopped; the access log was not fully checked"))
             : g_strdup (error->message);
    }
  else if (bad_seq != 0)
    {
      number = g_strdup_printf ("%" G_GINT64_FORMAT, bad_seq);
      /* Translators: %s is the number of the first altered entry */
      text = g_strdup_printf (_("The access log was altered at entry %s: keep this copy of the "
                                "vault as evidence, restore from a backup and record an incident"),
                              number);
    }
  else
    {
      number = g_strdup_printf ("%" G_GINT64_FORMAT, rows);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The access log is intact: its %s entry matches its "
                                           "chain",
                                           "The access log is intact: all %s entries match "
                                           "their chain", (gulong) rows),
                              number);
    }
  g_clear_object (&self->verifying);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.stop", FALSE);
  show_result (self, error == NULL && bad_seq == 0, text);
  load_page (self, FALSE);  /* the check itself is an entry */
}

static void
verify_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcoveAuditViewer *self = ALCOVE_AUDIT_VIEWER (widget);

  if (self->verifying != NULL)
    return;
  self->verifying = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Checking the access log…"));
  gtk_revealer_set_reveal_child (self->result_revealer, FALSE);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (widget, "audit.verify", FALSE);
  gtk_widget_action_set_enabled (widget, "audit.stop", TRUE);
  alcove_audit_verify_async (self->vault, progress_cb, g_object_ref (self), g_object_unref,
                             self->verifying, verified_cb, g_object_ref (self));
}

static void
stop_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveAuditViewer *self = ALCOVE_AUDIT_VIEWER (widget);

  if (self->verifying != NULL)
    g_cancellable_cancel (self->verifying);
}

gboolean
alcove_audit_viewer_is_verifying (AlcoveAuditViewer *self)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT_VIEWER (self), FALSE);
  return self->verifying != NULL;
}

/* ---- exporting ---- */

static void
export_response_cb (GtkNativeDialog   *chooser,
                    int                response,
                    AlcoveAuditViewer *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveAuditFilter filter;
  guint n_rows = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;
  current_filter (self, &filter);
  if (!alcove_audit_export_csv (self->vault, &filter, file, &n_rows, &error))
    show_result (self, FALSE, error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Exported %u entry to %s",
                                                            "Exported %u entries to %s", n_rows),
                                               n_rows, name);

      show_result (self, TRUE, text);
      load_page (self, FALSE);
    }
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlcoveAuditViewer *self = ALCOVE_AUDIT_VIEWER (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "access-log-%Y-%m-%d.csv");

  chooser = gtk_file_chooser_native_new (_("Export Access Log"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- marking reviewed ---- */

static GtkWidget *
review_row (GtkWidget  *list,
            const char *name,
            const char *title,
            const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
review_date_row (GtkWidget  *list,
                 const char *name,
                 const char *title,
                 const char *iso_date)
{
  AlcoveDateRow *row = alcove_date_row_new (title);

  gtk_widget_set_name (GTK_WIDGET (row), name);
  alcove_date_row_set_iso_date (row, iso_date);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
}

/* The row's text; a date row's day as YYYY-MM-DD */
static const char *
row_text (AdwMessageDialog *dialog,
          const char       *name)
{
  GtkWidget *list = adw_message_dialog_get_extra_child (dialog);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      return ALCOVE_IS_DATE_ROW (row) ? alcove_date_row_get_iso_date (ALCOVE_DATE_ROW (row))
                                      : gtk_editable_get_text (GTK_EDITABLE (row));
  return "";
}

static void
review_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    AlcoveAuditViewer *self)
{
  g_autoptr(GError) error = NULL;
  gint64 from_ms, to_ms;

  if (g_strcmp0 (response, "review") != 0)
    return;
  if (!alcove_day_to_local_ms (row_text (dialog, "review_from"), &from_ms) ||
      !alcove_day_to_local_ms (row_text (dialog, "review_to"), &to_ms))
    {
      show_result (self, FALSE, _("The reviewed days are not both days; nothing was recorded"));
      return;
    }
  /* to the end of the last day */
  to_ms += 24 * G_GINT64_CONSTANT (3600000) - 1;
  if (!alcove_audit_mark_reviewed (self->vault, from_ms, to_ms, row_text (dialog, "review_note"),
                                   NULL, &error))
    show_result (self, FALSE, error->message);
  else
    {
      g_autofree char *from = alcove_date_format (row_text (dialog, "review_from"));
      g_autofree char *to = alcove_date_format (row_text (dialog, "review_to"));
      g_autofree char *text = g_strdup_printf (_("Recorded your review of %s to %s"), from, to);

      show_result (self, TRUE, text);
      load_page (self, FALSE);
    }
}

static void
mark_reviewed_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AlcoveAuditViewer *self = ALCOVE_AUDIT_VIEWER (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) month_ago = g_date_time_add_days (now, -30);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *start = g_date_time_format (month_ago, "%Y-%m-%d");
  const char *from = day_or_null (self->from_entry);
  const char *to = day_or_null (self->to_entry);
  GtkWidget *dialog, *list;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Mark the Access Log Reviewed?"),
                                   _("Record that you reviewed the entries of these days. Your "
                                     "name and the time are kept with it."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  review_date_row (list, "review_from", _("From"), from ? from : start);
  review_date_row (list, "review_to", _("To"), to ? to : today);
  review_row (list, "review_note", _("Note (optional)"), "");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "review", _("_Mark Reviewed"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "review",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "review");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (review_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the rest ---- */

static void
apply_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  load_page (ALCOVE_AUDIT_VIEWER (widget), FALSE);
}

static void
more_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  load_page (ALCOVE_AUDIT_VIEWER (widget), TRUE);
}

static void
dismiss_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (ALCOVE_AUDIT_VIEWER (widget)->result_revealer, FALSE);
}

GListModel *
alcove_audit_viewer_get_entries (AlcoveAuditViewer *self)
{
  g_return_val_if_fail (ALCOVE_IS_AUDIT_VIEWER (self), NULL);
  return G_LIST_MODEL (self->entries);
}

static void
alcove_audit_viewer_dispose (GObject *object)
{
  AlcoveAuditViewer *self = ALCOVE_AUDIT_VIEWER (object);

  if (self->verifying != NULL)
    {
      g_cancellable_cancel (self->verifying);
      g_clear_object (&self->verifying);
    }
  g_clear_object (&self->entries);
  g_clear_object (&self->clients);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->user_names, g_hash_table_unref);
  g_clear_pointer (&self->user_ids, g_ptr_array_unref);
  g_clear_pointer (&self->client_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (alcove_audit_viewer_parent_class)->dispose (object);
}

static void
alcove_audit_viewer_class_init (AlcoveAuditViewerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (ALCOVE_TYPE_DATE_ROW);
  G_OBJECT_CLASS (klass)->dispose = alcove_audit_viewer_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-audit-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, user_combo);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, action_combo);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, client_combo);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, from_entry);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, to_entry);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, column_view);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, result_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, result_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, result_icon);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, result_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, status_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveAuditViewer, more_button);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);

  gtk_widget_class_install_action (widget_class, "audit.apply", NULL, apply_action_cb);
  gtk_widget_class_install_action (widget_class, "audit.more", NULL, more_action_cb);
  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify_action_cb);
  gtk_widget_class_install_action (widget_class, "audit.stop", NULL, stop_action_cb);
  gtk_widget_class_install_action (widget_class, "audit.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "audit.mark-reviewed", NULL,
                                   mark_reviewed_action_cb);
  gtk_widget_class_install_action (widget_class, "audit.dismiss", NULL, dismiss_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "audit.export", NULL);
}

static void
alcove_audit_viewer_init (AlcoveAuditViewer *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_list_store_new (ALCOVE_TYPE_AUDIT_ENTRY);
  self->user_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->user_ids = g_ptr_array_new_with_free_func (g_free);
  self->client_ids = g_ptr_array_new_with_free_func (g_free);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->entries)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  add_column (self, _("Time"), COLUMN_TIME, FALSE);
  add_column (self, _("User"), COLUMN_USER, FALSE);
  add_column (self, _("Action"), COLUMN_ACTION, TRUE);
  /* Translators: a column header: the record (noun) an access-log entry is about */
  add_column (self, _("Record"), COLUMN_OBJECT, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.stop", FALSE);
}

AlcoveAuditViewer *
alcove_audit_viewer_new (AlcoveVault       *vault,
                         AlcoveClientStore *clients)
{
  AlcoveAuditViewer *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_AUDIT_VIEWER, NULL);
  self->vault = g_object_ref (vault);
  self->clients = clients ? g_object_ref (clients) : NULL;
  fill_users (self);
  fill_actions (self);
  fill_clients (self);
  g_signal_connect_object (self->user_combo, "notify::selected", G_CALLBACK (filters_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->action_combo, "notify::selected",
                           G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_combo, "notify::selected",
                           G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vault, "audit-appended", G_CALLBACK (audit_appended_cb), self,
                           G_CONNECT_SWAPPED);
  load_page (self, FALSE);
  return self;
}
