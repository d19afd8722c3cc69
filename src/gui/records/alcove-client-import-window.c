/* alcove-client-import-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-client-import-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-client-import.h"
#include "alcove-client-import-window.h"
#include "alcove-date.h"
#include "alcove-practice-settings.h"

/* A client list from another system, previewed before anything is written: the list is read
 * and judged on a worker, and judged again on a worker after each change of the mapping
 * (50,000 rows take about a second on a busy machine). The preview is the confirmation: "Add" asks nothing more.
 * The rows shown are a GtkStringList of row numbers, rebuilt when the filter or the verdicts
 * change, so the list view only ever makes the few row widgets on screen. */
struct _AlcoveClientImportWindow
{
  AdwWindow           parent_instance;

  AlcoveClientStore  *store;
  GFile              *file;
  GCancellable       *cancellable;
  AlcoveClientImport *import;
  gboolean            loaded;
  gboolean            judged;      /* the verdicts shown follow the current mapping */
  GCancellable       *judging;     /* the judgement under way, if any */
  gboolean            updating;    /* the rows follow the mapping, not the other way round */
  gboolean            adding;      /* the new rows are being written */
  GtkWidget          *field_rows[ALCOVE_IMPORT_N_FIELDS];
  GtkStringList      *shown_rows;

  GtkButton          *add_button;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkProgressBar     *adding_bar;
  AdwStatusPage      *failed_page;
  GtkLabel           *file_label;
  AdwComboRow        *template_row;
  AdwComboRow        *date_order_row;
  AdwExpanderRow     *fields_row;
  GtkLabel           *error_label;
  GtkLabel           *counts_label;
  GtkDropDown        *filter_dropdown;
  GtkStack           *preview_stack;
  GtkListView        *preview_view;
};

G_DEFINE_FINAL_TYPE (AlcoveClientImportWindow, alcove_client_import_window, ADW_TYPE_WINDOW)

enum {
  CLIENTS_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  FILTER_ALL,
  FILTER_NEW,
  FILTER_DUPLICATES,
  FILTER_INVALID,
};

static const char * const field_titles[ALCOVE_IMPORT_N_FIELDS] = {
  N_("Legal Name (Whole)"), N_("First Name"), N_("Middle Name"), N_("Last Name"),
  N_("Preferred Name"), N_("Date of Birth"), N_("Pronouns"), N_("Email"), N_("Phone"),
  N_("Address"), N_("Status"),
};

/* ---- the preview ---- */

static gboolean
row_is_shown (AlcoveClientImportWindow *self,
              guint                     row,
              guint                     filter)
{
  AlcoveImportRowKind kind = alcove_client_import_get_kind (self->import, row);

  switch (filter)
    {
    case FILTER_NEW: return kind == ALCOVE_IMPORT_ROW_NEW;
    case FILTER_DUPLICATES: return kind == ALCOVE_IMPORT_ROW_DUPLICATE;
    case FILTER_INVALID: return kind == ALCOVE_IMPORT_ROW_INVALID;
    default: return TRUE;
    }
}

static void
show_rows (AlcoveClientImportWindow *self,
           gboolean                  judged)
{
  guint n_rows = alcove_csv_get_n_rows (alcove_client_import_get_csv (self->import));
  guint filter = gtk_drop_down_get_selected (self->filter_dropdown);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->shown_rows));

  for (guint r = 0; judged && r < n_rows; r++)
    if (row_is_shown (self, r, filter))
      g_ptr_array_add (numbers, g_strdup_printf ("%u", r));
  g_ptr_array_add (numbers, NULL);
  gtk_string_list_splice (self->shown_rows, 0, n_old, (const char * const *) numbers->pdata);
  if (numbers->len > 1)
    gtk_stack_set_visible_child_name (self->preview_stack, "rows");
  else
    gtk_stack_set_visible_child_name (self->preview_stack,
                                      self->judging != NULL ? "checking" : "none");
}

static char *
dup_counts_text (AlcoveClientImport *import)
{
  guint n_new = alcove_client_import_count (import, ALCOVE_IMPORT_ROW_NEW);
  guint n_duplicates = alcove_client_import_count (import, ALCOVE_IMPORT_ROW_DUPLICATE);
  guint n_invalid = alcove_client_import_count (import, ALCOVE_IMPORT_ROW_INVALID);
  g_autofree char *new_text = g_strdup_printf (ngettext ("%u new", "%u new", n_new), n_new);
  g_autofree char *duplicates_text =
    g_strdup_printf (ngettext ("%u duplicate", "%u duplicates", n_duplicates), n_duplicates);
  g_autofree char *invalid_text =
    g_strdup_printf (ngettext ("%u invalid", "%u invalid", n_invalid), n_invalid);

  /* Translators: the import preview's counts: "6 new · 2 duplicates · 1 invalid" */
  return g_strdup_printf (_("%s · %s · %s"), new_text, duplicates_text, invalid_text);
}

static void
update_add_button (AlcoveClientImportWindow *self,
                   guint                     n_new)
{
  g_autofree char *label = NULL;

  if (n_new == 0)
    label = g_strdup (_("Add Clients"));
  else
    label = g_strdup_printf (ngettext ("Add %u Client", "Add %u Clients", n_new), n_new);
  gtk_button_set_label (self->add_button, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.commit", n_new > 0);
}

static void
show_error (AlcoveClientImportWindow *self,
            const char               *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_verdicts (AlcoveClientImportWindow *self)
{
  g_autofree char *counts = dup_counts_text (self->import);

  self->judged = TRUE;
  show_error (self, NULL);
  show_rows (self, TRUE);
  gtk_label_set_text (self->counts_label, counts);
  update_add_button (self, alcove_client_import_count (self->import, ALCOVE_IMPORT_ROW_NEW));
}

static void
judged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AlcoveClientImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->import == NULL)
    return;
  if (!alcove_client_import_classify_finish (self->import, result, &error))
    {
      /* a newer judgement, for the mapping as it is now, is under way */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->judging);
      show_error (self, error->message);
      show_rows (self, FALSE);
      gtk_label_set_text (self->counts_label, "");
      return;
    }
  g_clear_object (&self->judging);
  show_verdicts (self);
}

/* Judges every row again, on a worker, after a change of the mapping */
static void
judge_rows (AlcoveClientImportWindow *self)
{
  g_auto(GStrv) identities = alcove_client_import_dup_identities (self->store);

  g_cancellable_cancel (self->judging);
  g_clear_object (&self->judging);
  self->judging = g_cancellable_new ();
  self->judged = FALSE;
  show_error (self, NULL);
  show_rows (self, FALSE);
  gtk_label_set_text (self->counts_label, _("Checking the rows…"));
  update_add_button (self, 0);
  alcove_client_import_classify_async (self->import, (const char * const *) identities,
                                       self->judging, judged_cb, g_object_ref (self));
}

/* ---- rows ---- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "import-row");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "import-status");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (labels), reason);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), status);
  /* as wide as the settings above, so a name and its verdict stay close on a wide screen */
  gtk_list_item_set_child (item, g_object_new (ADW_TYPE_CLAMP, "maximum-size", 720,
                                               "tightening-threshold", 720, "child", box, NULL));
  gtk_list_item_set_activatable (item, FALSE);
}

/* The birth date as Alcove will show it, or as the list wrote it when it could not be read */
static char *
dup_birth_text (AlcoveClientImportWindow *self,
                guint                     row)
{
  AlcoveClient *client = alcove_client_import_get_client (self->import, row);
  const char *written = alcove_client_import_get_cell (self->import, row,
                                                       ALCOVE_IMPORT_FIELD_DATE_OF_BIRTH);
  const char *iso = client != NULL ? alcove_client_get_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH)
                                   : "";
  g_autofree char *shown = iso[0] != '\0' ? alcove_date_format (iso) : g_strdup (written);

  if (shown[0] == '\0')
    return g_strdup (_("No birth date"));
  return g_strdup_printf (_("Born %s"), shown);
}

static const char *
status_title (AlcoveImportRowKind kind)
{
  switch (kind)
    {
    /* Translators: the verdict on a row of an imported list: a client to add */
    case ALCOVE_IMPORT_ROW_NEW: return C_("import row", "New");
    case ALCOVE_IMPORT_ROW_DUPLICATE: return C_("import row", "Duplicate");
    case ALCOVE_IMPORT_ROW_INVALID:
    default: return C_("import row", "Invalid");
    }
}

static const char *
status_class (AlcoveImportRowKind kind)
{
  switch (kind)
    {
    case ALCOVE_IMPORT_ROW_NEW: return "new";
    case ALCOVE_IMPORT_ROW_DUPLICATE: return "duplicate";
    case ALCOVE_IMPORT_ROW_INVALID:
    default: return "invalid";
    }
}

static void
set_status_pill (GtkWidget           *status,
                 AlcoveImportRowKind  kind)
{
  const char *classes[] = { "import-status", status_class (kind), NULL };

  gtk_label_set_text (GTK_LABEL (status), status_title (kind));
  gtk_widget_set_css_classes (status, classes);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AlcoveClientImportWindow *self)
{
  GtkStringObject *number = gtk_list_item_get_item (item);
  guint row = (guint) g_ascii_strtoull (gtk_string_object_get_string (number), NULL, 10);
  GtkWidget *box = adw_clamp_get_child (ADW_CLAMP (gtk_list_item_get_child (item)));
  GtkWidget *labels = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *reason_label = gtk_widget_get_next_sibling (subtitle);
  GtkWidget *status = gtk_widget_get_next_sibling (labels);
  AlcoveImportRowKind kind = alcove_client_import_get_kind (self->import, row);
  const char *reason = alcove_client_import_get_reason (self->import, row);
  g_autofree char *name = alcove_client_import_dup_legal_name (self->import, row);
  g_autofree char *born = dup_birth_text (self, row);
  guint line = alcove_csv_get_line (alcove_client_import_get_csv (self->import), row);
  /* Translators: where a row of an imported list is, and its birth date: "Line 4 · Born …" */
  g_autofree char *details = g_strdup_printf (_("Line %u · %s"), line, born);
  g_autofree char *description = reason != NULL
    ? g_strdup_printf ("%s. %s. %s", status_title (kind), details, reason)
    : g_strdup_printf ("%s. %s", status_title (kind), details);

  gtk_label_set_text (GTK_LABEL (title), name[0] != '\0' ? name : _("No name"));
  gtk_label_set_text (GTK_LABEL (subtitle), details);
  gtk_label_set_text (GTK_LABEL (reason_label), reason != NULL ? reason : "");
  gtk_widget_set_visible (reason_label, reason != NULL);
  set_status_pill (status, kind);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name[0] != '\0' ? name : _("No name"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* ---- the mapping ---- */

static void
show_mapping (AlcoveClientImportWindow *self)
{
  const AlcoveClientMapping *mapping = alcove_client_import_get_mapping (self->import);
  const char *template_id = alcove_client_import_get_template (self->import);
  g_auto(GStrv) ids = alcove_client_import_dup_template_ids ();
  guint template_index = 0;

  self->updating = TRUE;
  for (guint i = 0; template_id != NULL && ids[i] != NULL; i++)
    if (g_str_equal (ids[i], template_id))
      template_index = i + 1;
  adw_combo_row_set_selected (self->template_row, template_index);
  adw_combo_row_set_selected (self->date_order_row,
                              mapping->date_order == ALCOVE_DATE_ORDER_DMY ? 1 : 0);
  for (guint f = 0; f < ALCOVE_IMPORT_N_FIELDS; f++)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->field_rows[f]),
                                (guint) (mapping->columns[f] + 1));
  self->updating = FALSE;
}

static void
mapping_changed (AlcoveClientImportWindow *self)
{
  show_mapping (self);
  judge_rows (self);
}

static void
field_selected_cb (AdwComboRow              *row,
                   GParamSpec               *pspec,
                   AlcoveClientImportWindow *self)
{
  AlcoveImportField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "field"));

  if (self->updating)
    return;
  /* item 0 is "Not in the list", item n the list's column n - 1 */
  alcove_client_import_set_column (self->import, field,
                                   (int) adw_combo_row_get_selected (row) - 1);
  mapping_changed (self);
}

static void
template_selected_cb (AdwComboRow              *row,
                      GParamSpec               *pspec,
                      AlcoveClientImportWindow *self)
{
  g_auto(GStrv) ids = alcove_client_import_dup_template_ids ();
  guint selected = adw_combo_row_get_selected (row);

  /* item 0 is the person's own mapping: nothing to apply */
  if (self->updating || selected == 0 || selected > g_strv_length (ids))
    return;
  alcove_client_import_apply_template (self->import, ids[selected - 1], NULL);
  mapping_changed (self);
}

static void
date_order_selected_cb (AdwComboRow              *row,
                        GParamSpec               *pspec,
                        AlcoveClientImportWindow *self)
{
  if (self->updating)
    return;
  alcove_client_import_set_date_order (self->import, adw_combo_row_get_selected (row) == 1
                                                     ? ALCOVE_DATE_ORDER_DMY
                                                     : ALCOVE_DATE_ORDER_MDY);
  mapping_changed (self);
}

static GtkStringList *
new_template_names (void)
{
  g_auto(GStrv) ids = alcove_client_import_dup_template_ids ();
  /* Translators: the import's template when the columns were chosen by hand */
  GtkStringList *names = gtk_string_list_new ((const char * const[]) { _("Other (columns chosen below)"),
                                                                       NULL });

  for (guint i = 0; ids[i] != NULL; i++)
    gtk_string_list_append (names, alcove_client_import_get_template_name (ids[i]));
  return names;
}

static GtkStringList *
new_header_names (AlcoveCsv *csv)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("Not in the list"));
  for (guint c = 0; c < alcove_csv_get_n_columns (csv); c++)
    {
      const char *header = alcove_csv_get_header (csv, c);
      g_autofree char *shown = header[0] != '\0' ? g_strdup (header)
                                                 : g_strdup_printf (_("Column %u (no header)"), c + 1);

      gtk_string_list_append (names, shown);
    }
  return names;
}

static void
build_field_rows (AlcoveClientImportWindow *self)
{
  g_autoptr(GtkStringList) headers = new_header_names (alcove_client_import_get_csv (self->import));

  for (guint f = 0; f < ALCOVE_IMPORT_N_FIELDS; f++)
    {
      GtkWidget *row = adw_combo_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field_titles[f]));
      adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
      /* a header is whatever the other system wrote, "<" and "&" included */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (headers));
      g_object_set_data (G_OBJECT (row), "field", GUINT_TO_POINTER (f));
      adw_expander_row_add_row (self->fields_row, row);
      self->field_rows[f] = row;
    }
}

static void
connect_mapping_rows (AlcoveClientImportWindow *self)
{
  for (guint f = 0; f < ALCOVE_IMPORT_N_FIELDS; f++)
    g_signal_connect_object (self->field_rows[f], "notify::selected",
                             G_CALLBACK (field_selected_cb), self, 0);
  g_signal_connect_object (self->template_row, "notify::selected",
                           G_CALLBACK (template_selected_cb), self, 0);
  g_signal_connect_object (self->date_order_row, "notify::selected",
                           G_CALLBACK (date_order_selected_cb), self, 0);
}

/* ---- loading ---- */

/* Whether the worker judged the list as it loaded it: not if the mapping had no name */
static gboolean
rows_are_judged (AlcoveClientImport *import)
{
  guint n_rows = alcove_csv_get_n_rows (alcove_client_import_get_csv (import));

  return n_rows == 0 || alcove_client_import_count (import, ALCOVE_IMPORT_ROW_NEW) +
                        alcove_client_import_count (import, ALCOVE_IMPORT_ROW_DUPLICATE) +
                        alcove_client_import_count (import, ALCOVE_IMPORT_ROW_INVALID) > 0;
}

static void
show_file_summary (AlcoveClientImportWindow *self)
{
  AlcoveCsv *csv = alcove_client_import_get_csv (self->import);
  guint n_rows = alcove_csv_get_n_rows (csv);
  char delimiter = alcove_csv_get_delimiter (csv);
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *rows = g_strdup_printf (ngettext ("%u row", "%u rows", n_rows), n_rows);
  g_autofree char *separator = delimiter == '\t' ? g_strdup (_("tabs"))
                                                 : g_strdup_printf ("“%c”", delimiter);
  /* Translators: the file read: its name, row count, text encoding and cell separator */
  g_autofree char *text = g_strdup_printf (_("%s: %s, %s, cells separated by %s"), name, rows,
                                           alcove_csv_get_encoding (csv), separator);

  gtk_label_set_text (self->file_label, text);
}

/* An owner's mapping saved for lists with these headers wins over the guess */
static gboolean
recall_mapping (AlcoveClientImportWindow *self)
{
  AlcoveVault *vault = alcove_client_store_get_vault (self->store);
  g_autofree char *key = alcove_client_import_dup_settings_key (self->import);
  g_autofree char *saved = alcove_practice_settings_dup_string (vault, key, NULL);

  return saved != NULL && alcove_client_import_load_mapping_text (self->import, saved);
}

static void
show_failure (AlcoveClientImportWindow *self,
              const char               *message)
{
  adw_status_page_set_description (self->failed_page, message);
  gtk_stack_set_visible_child_name (self->stack, "failed");
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AlcoveClientImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  AlcoveClientImport *import = alcove_client_import_load_finish (result, &error);

  /* closed while the worker read: nothing to show */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loaded = TRUE;
  gtk_spinner_stop (self->spinner);
  if (import == NULL)
    {
      show_failure (self, error->message);
      return;
    }
  self->import = import;
  show_file_summary (self);
  build_field_rows (self);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  if (recall_mapping (self))
    {
      g_autofree char *summary = g_strdup_printf ("%s\n%s", gtk_label_get_text (self->file_label),
                                                  _("The columns saved for lists with these "
                                                    "headers are used."));

      gtk_label_set_text (self->file_label, summary);
      mapping_changed (self);
    }
  else if (!rows_are_judged (import))
    mapping_changed (self);
  else
    {
      show_mapping (self);
      show_verdicts (self);
    }
  connect_mapping_rows (self);
}

static void
start_loading (AlcoveClientImportWindow *self)
{
  g_auto(GStrv) identities = alcove_client_import_dup_identities (self->store);

  gtk_spinner_start (self->spinner);
  alcove_client_import_load_async (self->file, (const char * const *) identities,
                                   self->cancellable, loaded_cb, g_object_ref (self));
}

/* ---- adding ---- */

/* As the command line does: the next list with these headers opens with this mapping */
static void
remember_mapping (AlcoveClientImportWindow *self)
{
  AlcoveVault *vault = alcove_client_store_get_vault (self->store);
  g_autofree char *key = alcove_client_import_dup_settings_key (self->import);
  g_autofree char *text = alcove_client_import_dup_mapping_text (self->import);

  if (alcove_practice_settings_can_change (vault))
    alcove_practice_settings_set_string (vault, key, text, NULL);
}

static void
show_adding_progress (guint    done,
                      guint    total,
                      gpointer user_data)
{
  AlcoveClientImportWindow *self = user_data;
  /* Translators: how far adding an imported list has got: "12000 of 49000" */
  g_autofree char *text = g_strdup_printf (_("%u of %u"), done, total);

  gtk_progress_bar_set_fraction (self->adding_bar, total > 0 ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->adding_bar, text);
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AlcoveClientImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_written = 0;

  if (!alcove_client_import_commit_finish (ALCOVE_CLIENT_STORE (source), result, &n_written,
                                           &error))
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        return;
      /* nothing was written: the window stays, with the same mapping */
      self->adding = FALSE;
      gtk_stack_set_visible_child_name (self->stack, "preview");
      show_error (self, error->message);
      update_add_button (self, alcove_client_import_count (self->import, ALCOVE_IMPORT_ROW_NEW));
      return;
    }
  remember_mapping (self);
  g_signal_emit (self, signals[CLIENTS_ADDED], 0, n_written);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
commit_action_cb (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  AlcoveClientImportWindow *self = ALCOVE_CLIENT_IMPORT_WINDOW (widget);
  guint n_new;

  if (self->import == NULL || !self->judged || self->adding)
    return;
  n_new = alcove_client_import_count (self->import, ALCOVE_IMPORT_ROW_NEW);
  if (n_new == 0)
    return;
  self->adding = TRUE;
  gtk_widget_action_set_enabled (widget, "import.commit", FALSE);
  gtk_button_set_label (self->add_button, _("Adding…"));
  show_adding_progress (0, n_new, self);
  gtk_stack_set_visible_child_name (self->stack, "adding");
  alcove_client_import_commit_async (self->import, self->store, show_adding_progress, self,
                                     self->cancellable, added_cb, g_object_ref (self));
}

static void
filter_selected_cb (AlcoveClientImportWindow *self)
{
  if (self->import != NULL)
    show_rows (self, self->judged);
}

static void
alcove_client_import_window_dispose (GObject *object)
{
  AlcoveClientImportWindow *self = ALCOVE_CLIENT_IMPORT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->judging);
  g_clear_object (&self->judging);
  if (self->preview_view != NULL)
    gtk_list_view_set_model (self->preview_view, NULL);
  g_clear_object (&self->shown_rows);
  g_clear_pointer (&self->import, alcove_client_import_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (alcove_client_import_window_parent_class)->dispose (object);
}

static void
alcove_client_import_window_class_init (AlcoveClientImportWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_client_import_window_dispose;

  /**
   * AlcoveClientImportWindow::clients-added:
   * @n_clients: how many were written
   */
  signals[CLIENTS_ADDED] = g_signal_new ("clients-added", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-client-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, adding_bar);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, file_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, template_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, date_order_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, fields_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveClientImportWindow, preview_view);

  gtk_widget_class_install_action (widget_class, "import.commit", NULL, commit_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "import.commit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "import.commit", NULL);
}

static void
alcove_client_import_window_init (AlcoveClientImportWindow *self)
{
  GtkListItemFactory *factory;
  g_autoptr(GtkStringList) templates = new_template_names ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->shown_rows = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (templates));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->preview_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->preview_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown_rows)))));
  g_signal_connect_object (self->filter_dropdown, "notify::selected",
                           G_CALLBACK (filter_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.commit", FALSE);
}

AlcoveClientImportWindow *
alcove_client_import_window_new (GtkWindow         *parent,
                                 AlcoveClientStore *store,
                                 GFile             *file)
{
  AlcoveClientImportWindow *self;

  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (ALCOVE_TYPE_CLIENT_IMPORT_WINDOW, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  self->store = g_object_ref (store);
  self->file = g_object_ref (file);
  start_loading (self);
  return self;
}

gboolean
alcove_client_import_window_is_ready (AlcoveClientImportWindow *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT_IMPORT_WINDOW (self), FALSE);
  return self->loaded && self->judging == NULL;
}
