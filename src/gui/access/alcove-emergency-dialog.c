/* alcove-emergency-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-emergency-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-emergency-dialog.h"
#include "alcove-emergency-policy-group.h"
#include "alcove-lists-and-messages.h"
#include "alcove-password-row.h"
#include "alcove-secure-buffer.h"

/* Breaking the glass: a colleague chooses a client, gives a reason and an explanation, types
 * their password again, and is told plainly what will be recorded and who will be told. The
 * core decides (alcove_vault_break_glass_async: the password checked off this thread, the
 * policy, the record written before any key is unsealed); this dialog only collects what it
 * needs. A refusal shows above the form and nothing typed is lost. */
struct _AlcoveEmergencyDialog
{
  AdwWindow            parent_instance;

  AlcoveVault         *vault;
  AlcoveClientStore   *clients;
  GCancellable        *cancellable;
  char                *client_id;    /* the client chosen in the list, or NULL */
  char                *folded_query;
  gboolean             busy;
  gboolean             refiltering;  /* the list is rebuilt: it keeps the choice */
  gboolean             disposed;

  GtkFilterListModel  *filtered;
  GtkCustomFilter     *filter;

  GtkWidget           *form;
  GtkLabel            *warning_label;
  GtkSearchEntry      *search_entry;
  GtkListBox          *clients_box;
  AdwComboRow         *reason_row;
  GtkTextView         *explanation_view;
  AlcovePasswordRow   *password_row;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
  GtkWidget           *cancel_button;
};

G_DEFINE_FINAL_TYPE (AlcoveEmergencyDialog, alcove_emergency_dialog, ADW_TYPE_WINDOW)

enum { OPENED, N_SIGNALS };

static guint signals[N_SIGNALS];

#define N_REASONS (ALCOVE_EMERGENCY_REASON_OTHER + 1)

/* ---- what has been typed ---- */

static char *
dup_explanation (AlcoveEmergencyDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->explanation_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strdup (g_strstrip (text));
}

static gboolean
is_complete (AlcoveEmergencyDialog *self)
{
  g_autofree char *explanation = dup_explanation (self);

  return self->client_id != NULL && *explanation != '\0' &&
         gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] != '\0';
}

static void
update_actions (AlcoveEmergencyDialog *self)
{
  /* the list and the rows say they changed as they go */
  if (self->disposed)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "emergency.open",
                                 !self->busy && is_complete (self));
}

static void
field_changed_cb (AlcoveEmergencyDialog *self)
{
  update_actions (self);
}

static void
show_error (AlcoveEmergencyDialog *self,
            const char            *message)
{
  alcove_message_show_error (self->error_revealer, self->error_label, message);
}

/* ---- the clients ---- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  AlcoveEmergencyDialog *self = user_data;

  return self->folded_query == NULL || *self->folded_query == '\0' ||
         alcove_client_matches (ALCOVE_CLIENT (item), self->folded_query);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  AlcoveClient *client_a = ALCOVE_CLIENT ((gpointer) a);
  AlcoveClient *client_b = ALCOVE_CLIENT ((gpointer) b);
  g_autofree char *fa = alcove_fold_text (alcove_client_get_display_name (client_a));
  g_autofree char *fb = alcove_fold_text (alcove_client_get_display_name (client_b));

  return g_utf8_collate (fa, fb);
}

static GtkWidget *
client_row_new (gpointer item,
                gpointer user_data)
{
  AlcoveClient *client = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (alcove_client_get_record_type (client) ==
                                                  ALCOVE_RECORD_INDIVIDUAL
                                                  ? "avatar-default-symbolic"
                                                  : "system-users-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 alcove_client_get_display_name (client));
  if (alcove_client_get_status (client) == ALCOVE_CLIENT_DISCHARGED)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Discharged"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_name (row, alcove_client_get_id (client));
  return row;
}

static void
select_chosen (AlcoveEmergencyDialog *self)
{
  GListModel *model = G_LIST_MODEL (self->filtered);

  for (guint i = 0; self->client_id != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlcoveClient) client = g_list_model_get_item (model, i);

      if (g_str_equal (alcove_client_get_id (client), self->client_id))
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->clients_box, i);

          gtk_list_box_select_row (self->clients_box, row);
          return;
        }
    }
  /* hidden by the search: no longer the choice, so nothing unseen is opened */
  g_clear_pointer (&self->client_id, g_free);
}

static void
client_selected_cb (AlcoveEmergencyDialog *self,
                    GtkListBoxRow         *row)
{
  if (self->refiltering || self->disposed)
    return;
  g_free (self->client_id);
  self->client_id = row != NULL ? g_strdup (gtk_widget_get_name (GTK_WIDGET (row))) : NULL;
  update_actions (self);
}

static void
search_changed_cb (AlcoveEmergencyDialog *self)
{
  g_free (self->folded_query);
  self->folded_query = alcove_fold_text (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  self->refiltering = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  select_chosen (self);
  self->refiltering = FALSE;
  update_actions (self);
}

/* Enter in the search: the only match, or the first, is the choice */
static void
search_activated_cb (AlcoveEmergencyDialog *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->clients_box, 0);

  if (first == NULL)
    return;
  gtk_list_box_select_row (self->clients_box, first);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
}

static void
bind_clients (AlcoveEmergencyDialog *self)
{
  GListModel *all = alcove_client_store_get_clients (self->clients);
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_names, NULL, NULL));
  GtkSortListModel *sorted = gtk_sort_list_model_new (g_object_ref (all), sorter);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted),
                                              GTK_FILTER (g_object_ref (self->filter)));
  gtk_list_box_bind_model (self->clients_box, G_LIST_MODEL (self->filtered), client_row_new,
                           NULL, NULL);
  alcove_list_box_set_placeholder_text (self->clients_box, _("No client matches"));
}

/* ---- the reasons and the warning ---- */

static void
fill_reasons (AlcoveEmergencyDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < N_REASONS; i++)
    gtk_string_list_append (labels, alcove_emergency_reason_get_label ((AlcoveEmergencyReason) i));
  adw_combo_row_set_model (self->reason_row, G_LIST_MODEL (labels));
}

static void
describe (AlcoveEmergencyDialog *self)
{
  int minutes = alcove_vault_get_emergency_minutes (self->vault);
  g_autofree char *duration = alcove_emergency_describe_duration (minutes);
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("You will be able to read this client’s progress notes, and only "
                            "those, for %s. Psychotherapy notes are never included. Your name, "
                            "the reason and every note you open are recorded. The notes’ author "
                            "and the practice owners will be told."), duration);
  gtk_label_set_text (self->warning_label, text);
}

/* ---- opening ---- */

static void
set_busy (AlcoveEmergencyDialog *self,
          gboolean               busy)
{
  self->busy = busy;
  alcove_form_show_busy (GTK_WINDOW (self), self->spinner, busy, self->cancel_button, self->form,
                         NULL);
  update_actions (self);
}

/* A wrong password: selected, so that typing again replaces it */
static void
focus_password (AlcoveEmergencyDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  gtk_editable_select_region (GTK_EDITABLE (self->password_row), 0, -1);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AlcoveEmergencyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *event_id = alcove_vault_break_glass_finish (ALCOVE_VAULT (source), result,
                                                               &error);

  /* closed, or locked, meanwhile */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  set_busy (self, FALSE);
  if (g_error_matches (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_AUTH_FAILED))
    {
      show_error (self, _("That is not your password, so nothing was opened. Type it again."));
      focus_password (self);
      return;
    }
  if (event_id == NULL)
    {
      show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[OPENED], 0, event_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveEmergencyDialog *self = ALCOVE_EMERGENCY_DIALOG (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr(AlcoveSecret) password = NULL;
  g_autofree char *explanation = NULL;
  guint reason = adw_combo_row_get_selected (self->reason_row);

  if (self->busy || !is_complete (self) || reason >= N_REASONS)
    return;
  password = alcove_secret_new_from_data (text, strlen (text));
  explanation = dup_explanation (self);
  show_error (self, NULL);
  set_busy (self, TRUE);
  alcove_vault_break_glass_async (self->vault, self->client_id, (AlcoveEmergencyReason) reason,
                                  explanation, password, self->cancellable, opened_cb,
                                  g_object_ref (self));
}

/* Enter in the password: open when everything is there, else go to what is missing */
static void
password_activated_cb (AlcoveEmergencyDialog *self)
{
  g_autofree char *explanation = dup_explanation (self);

  if (self->client_id == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else if (*explanation == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->explanation_view));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "emergency.open", NULL);
}

/* ---- GObject ---- */

static gboolean
alcove_emergency_dialog_close_request (GtkWindow *window)
{
  AlcoveEmergencyDialog *self = ALCOVE_EMERGENCY_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  gtk_window_set_focus (window, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  return GTK_WINDOW_CLASS (alcove_emergency_dialog_parent_class)->close_request (window);
}

static void
alcove_emergency_dialog_dispose (GObject *object)
{
  AlcoveEmergencyDialog *self = ALCOVE_EMERGENCY_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vault);
  g_clear_object (&self->clients);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->folded_query, g_free);

  G_OBJECT_CLASS (alcove_emergency_dialog_parent_class)->dispose (object);
}

static void
alcove_emergency_dialog_class_init (AlcoveEmergencyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alcove_emergency_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = alcove_emergency_dialog_close_request;

  /**
   * AlcoveEmergencyDialog::opened:
   * @event_id: the event the core recorded
   *
   * The access began; the dialog closes next.
   */
  signals[OPENED] = g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ALCOVE_TYPE_PASSWORD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-emergency-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyDialog, form);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyDialog, clients_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyDialog, explanation_view);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcoveEmergencyDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_activated_cb);

  gtk_widget_class_install_action (widget_class, "emergency.open", NULL, open_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
alcove_emergency_dialog_init (AlcoveEmergencyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  alcove_secure_buffer_attach (GTK_EDITABLE (self->password_row));
  g_signal_connect_object (gtk_text_view_get_buffer (self->explanation_view), "changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * alcove_emergency_dialog_new:
 * @parent: the main window
 * @workspace: the signed-in session
 * @client_id: (nullable): the client chosen already, from their page
 */
AlcoveEmergencyDialog *
alcove_emergency_dialog_new (GtkWindow       *parent,
                             AlcoveWorkspace *workspace,
                             const char      *client_id)
{
  AlcoveEmergencyDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (ALCOVE_TYPE_EMERGENCY_DIALOG, "transient-for", parent, NULL);
  self->vault = g_object_ref (alcove_workspace_get_vault (workspace));
  self->clients = g_object_ref (alcove_workspace_get_clients (workspace));
  bind_clients (self);
  fill_reasons (self);
  describe (self);
  if (client_id != NULL && *client_id != '\0')
    {
      self->client_id = g_strdup (client_id);
      select_chosen (self);
    }
  update_actions (self);
  gtk_widget_grab_focus (self->client_id != NULL ? GTK_WIDGET (self->reason_row)
                                                 : GTK_WIDGET (self->search_entry));
  return self;
}

const char *
alcove_emergency_dialog_get_client_id (AlcoveEmergencyDialog *self)
{
  g_return_val_if_fail (ALCOVE_IS_EMERGENCY_DIALOG (self), NULL);
  return self->client_id;
}

/* ---- the offer on a client's page ---- */

GtkWidget *
alcove_emergency_dialog_new_offer_button (AlcoveWorkspace *workspace,
                                          const char      *client_id)
{
  GtkWidget *button;

  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  /* the vault's answer, shown early: breaking the glass asks it again */
  if (!alcove_vault_emergency_would_open (alcove_workspace_get_vault (workspace), client_id))
    return NULL;
  button = gtk_button_new_with_mnemonic (_("_Emergency Access…"));
  gtk_widget_set_name (button, "emergency-access");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Read this client’s progress notes in a crisis, "
                                         "recorded and reported"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "main.emergency-access");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", client_id);
  gtk_widget_add_css_class (button, "destructive-action");
  return button;
}
