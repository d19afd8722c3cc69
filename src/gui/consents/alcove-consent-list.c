/* alcove-consent-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-consent-list"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-consent-list.h"
#include "alcove-consent-template.h"
#include "alcove-lists-and-messages.h"

/* Consents as a list: one client's (the client page's Consents tab, with a New Consent
 * menu) or the whole practice's (the Consents section, with a status and kind filter and
 * what needs attention: consents expiring within 30 days and active clients without a
 * current intake consent). Activating a row opens the consent in its editor window. */
struct _AlcoveConsentList
{
  AdwBin              parent_instance;

  AlcoveConsentStore *store;
  AlcoveClientStore  *clients;
  char               *client_id;  /* NULL: the practice */
  guint               n_shown;

  GtkWidget          *toolbar;
  GtkDropDown        *status_filter;
  GtkDropDown        *kind_filter;
  GtkMenuButton      *new_button;
  AdwPreferencesPage *page;
  GtkWidget          *flags_group;
  GtkListBox         *flags_box;
  AdwPreferencesGroup *list_group;
  GtkListBox         *list_box;
};

G_DEFINE_FINAL_TYPE (AlcoveConsentList, alcove_consent_list, ADW_TYPE_BIN)

enum
{
  OPEN_CLIENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define EXPIRY_HORIZON_DAYS 30

/* The status filter's items, in the drop-down's order; NULL is "all" */
static const char * const status_ids[] = {
  NULL, "active", ALCOVE_CONSENT_FILTER_EXPIRING, "pending", "draft", "expired", "revoked",
};

static const char *
client_name (AlcoveConsentList *self,
             const char        *client_id)
{
  AlcoveClient *client = alcove_client_store_lookup (self->clients, client_id);

  return client ? alcove_client_get_display_name (client) : _("Unknown client");
}

static GtkWidget *
status_label (AlcoveConsent *consent,
              GDate         *today)
{
  AlcoveConsentStatus status = alcove_consent_get_status_on (consent, today);
  GtkWidget *label;

  switch (status)
    {
    case ALCOVE_CONSENT_ACTIVE:
      label = gtk_label_new (alcove_consent_expires_within (consent, today, EXPIRY_HORIZON_DAYS)
                             /* Translators: a consent's status */
                             ? _("Expiring soon") : _("Active"));
      gtk_widget_add_css_class (label, alcove_consent_expires_within (consent, today,
                                                                      EXPIRY_HORIZON_DAYS)
                                       ? "warning" : "success");
      break;
    case ALCOVE_CONSENT_PENDING:
      label = gtk_label_new (_("Not yet in effect"));
      break;
    case ALCOVE_CONSENT_EXPIRED:
      /* Translators: a consent's status */
      label = gtk_label_new (_("Expired"));
      gtk_widget_add_css_class (label, "error");
      break;
    case ALCOVE_CONSENT_REVOKED:
      /* Translators: a consent's status */
      label = gtk_label_new (_("Revoked"));
      gtk_widget_add_css_class (label, "error");
      break;
    case ALCOVE_CONSENT_DRAFT:
    default:
      /* Translators: a consent's status: not yet signed */
      label = gtk_label_new (_("Draft"));
      gtk_widget_add_css_class (label, "dim-label");
      break;
    }
  gtk_widget_add_css_class (label, "consent-status");
  return label;
}

static char *
consent_subtitle (AlcoveConsentList *self,
                  AlcoveConsent     *consent)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *valid_from =
    alcove_date_format (alcove_consent_get_field (consent, ALCOVE_CONSENT_VALID_FROM));
  g_autofree char *expires =
    alcove_date_format (alcove_consent_get_field (consent, ALCOVE_CONSENT_EXPIRES_ON));
  g_autofree char *revoked_on =
    alcove_date_format (alcove_consent_get_field (consent, ALCOVE_CONSENT_REVOKED_ON));
  const char *recipient = alcove_consent_get_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT);
  const char *event = alcove_consent_get_value (consent, ALCOVE_CONSENT_VALUE_EXPIRY_EVENT);

  if (*recipient != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("To %s"), recipient));
  if (*valid_from != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("From %s"), valid_from));
  if (*expires != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("until %s"), expires));
  else if (*event != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("until %s"), event));
  if (alcove_consent_get_stored_status (consent) == ALCOVE_CONSENT_REVOKED)
    g_ptr_array_add (parts, g_strdup_printf (_("revoked on %s"), revoked_on));
  g_ptr_array_add (parts, NULL);
  /* Translators: separates the parts of a consent's summary */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static void
consent_row_activated_cb (AdwActionRow      *row,
                          AlcoveConsentList *self)
{
  alcove_consent_list_open_editor (self, g_object_get_data (G_OBJECT (row), "consent-id"), NULL);
}

static GtkWidget *
consent_row_new (AlcoveConsentList *self,
                 AlcoveConsent     *consent,
                 GDate             *today)
{
  GtkWidget *row = adw_action_row_new ();
  const char *kind = alcove_consent_kind_get_name (alcove_consent_get_field (consent,
                                                                             ALCOVE_CONSENT_KIND));
  g_autofree char *title = self->client_id
    ? g_strdup (kind)
    : g_strdup_printf ("%s — %s", client_name (self, alcove_consent_get_field (consent,
                                                                              ALCOVE_CONSENT_CLIENT_ID)),
                       kind);
  g_autofree char *subtitle = consent_subtitle (self, consent);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status_label (consent, today));
  g_object_set_data_full (G_OBJECT (row), "consent-id",
                          g_strdup (alcove_consent_get_id (consent)), g_free);
  gtk_widget_set_name (row, alcove_consent_get_id (consent));
  /* billing sees the row, not the consent */
  if (alcove_consent_store_can_read_values (self->store))
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect_object (row, "activated", G_CALLBACK (consent_row_activated_cb), self, 0);
    }
  return row;
}

static gboolean
passes_filter (AlcoveConsentList *self,
               AlcoveConsent     *consent,
               GDate             *today)
{
  guint status_index = gtk_drop_down_get_selected (self->status_filter);
  guint kind_index = gtk_drop_down_get_selected (self->kind_filter);
  const char *wanted = status_index < G_N_ELEMENTS (status_ids) ? status_ids[status_index] : NULL;

  if (kind_index > 0 && kind_index != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(AlcoveConsentTemplate) template =
        g_list_model_get_item (alcove_consent_template_list_all (), kind_index - 1);

      if (template != NULL &&
          !g_str_equal (alcove_consent_template_get_id (template),
                        alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND)))
        return FALSE;
    }
  if (wanted == NULL)
    return TRUE;
  if (g_str_equal (wanted, ALCOVE_CONSENT_FILTER_EXPIRING))
    return alcove_consent_expires_within (consent, today, EXPIRY_HORIZON_DAYS);
  return g_str_equal (wanted, alcove_consent_status_to_string (
                                alcove_consent_get_status_on (consent, today)));
}

static void
open_client_cb (AdwActionRow      *row,
                AlcoveConsentList *self)
{
  g_signal_emit (self, signals[OPEN_CLIENT], 0, g_object_get_data (G_OBJECT (row), "client-id"));
}

static void
show_expiring_cb (GtkButton         *button,
                  AlcoveConsentList *self)
{
  alcove_consent_list_set_filter (self, ALCOVE_CONSENT_FILTER_EXPIRING, NULL);
}

static void
fill_flags (AlcoveConsentList *self,
            GDate             *today)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) expiring = NULL;
  GtkWidget *row;

  alcove_list_box_remove_rows (self->flags_box);
  missing = alcove_consent_store_list_clients_without_intake (self->store, today, NULL);
  expiring = alcove_consent_store_list_expiring (self->store, today, EXPIRY_HORIZON_DAYS, NULL);

  if (missing != NULL && missing->len > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u active client has no current intake consent",
                                                             "%u active clients have no current intake consent",
                                                             missing->len), missing->len);

      row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                                   gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_widget_add_css_class (row, "consent-flag");
      gtk_widget_set_name (row, "without-intake");
      for (guint i = 0; i < missing->len; i++)
        {
          GtkWidget *client_row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (client_row),
                                         client_name (self, missing->pdata[i]));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (client_row), FALSE);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (client_row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (client_row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data_full (G_OBJECT (client_row), "client-id",
                                  g_strdup (missing->pdata[i]), g_free);
          g_signal_connect_object (client_row, "activated", G_CALLBACK (open_client_cb), self, 0);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), client_row);
        }
      gtk_list_box_append (self->flags_box, row);
    }
  if (expiring != NULL && expiring->len > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u consent expires within 30 days",
                                                             "%u consents expire within 30 days",
                                                             expiring->len), expiring->len);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Show"));

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("alarm-symbolic"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect_object (button, "clicked", G_CALLBACK (show_expiring_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_widget_set_name (row, "expiring");
      gtk_list_box_append (self->flags_box, row);
    }
  gtk_widget_set_visible (self->flags_group,
                          gtk_list_box_get_row_at_index (self->flags_box, 0) != NULL);
}

/* Reads the consents again and rebuilds the rows */
void
alcove_consent_list_refresh (AlcoveConsentList *self)
{
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GDate) today = alcove_date_today ();
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ALCOVE_IS_CONSENT_LIST (self));

  alcove_list_box_remove_rows (self->list_box);
  self->n_shown = 0;
  consents = self->client_id
             ? alcove_consent_store_list_for_client (self->store, self->client_id, &error)
             : alcove_consent_store_list_all (self->store, &error);
  if (consents == NULL)
    {
      adw_preferences_group_set_description (self->list_group, error->message);
      return;
    }
  for (guint i = 0; i < consents->len; i++)
    if (passes_filter (self, consents->pdata[i], today))
      {
        gtk_list_box_append (self->list_box, consent_row_new (self, consents->pdata[i], today));
        self->n_shown++;
      }
  if (self->client_id == NULL)
    fill_flags (self, today);
}

static void
store_changed_cb (AlcoveConsentList *self,
                  const char        *client_id)
{
  /* the practice-wide list, hidden, is read again when next shown */
  if (self->client_id == NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->client_id == NULL || g_strcmp0 (client_id, self->client_id) == 0)
    alcove_consent_list_refresh (self);
}

/* Opens an existing consent (consent_id), or a new one of @kind for this list's client */
AlcoveConsentEditor *
alcove_consent_list_open_editor (AlcoveConsentList *self,
                                 const char        *consent_id,
                                 const char        *kind)
{
  g_autoptr(AlcoveConsent) consent = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveConsentEditor *editor;
  GtkRoot *root;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_LIST (self), NULL);

  if (consent_id != NULL)
    consent = alcove_consent_store_get (self->store, consent_id, &error);
  else if (self->client_id != NULL && kind != NULL)
    consent = alcove_consent_new (self->client_id, kind);
  if (consent == NULL)
    {
      if (error != NULL)
        adw_preferences_group_set_description (self->list_group, error->message);
      return NULL;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = alcove_consent_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->store, self->clients, consent);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  alcove_consent_list_open_editor (ALCOVE_CONSENT_LIST (widget), NULL,
                                   g_variant_get_string (parameter, NULL));
}

static void
filter_changed_cb (AlcoveConsentList *self)
{
  alcove_consent_list_refresh (self);
}

/* status: a status name, ALCOVE_CONSENT_FILTER_EXPIRING, or NULL for all; kind: a kind id,
 * or NULL for all */
void
alcove_consent_list_set_filter (AlcoveConsentList *self,
                                const char        *status,
                                const char        *kind)
{
  GListModel *templates = alcove_consent_template_list_all ();
  guint kind_index = 0;

  g_return_if_fail (ALCOVE_IS_CONSENT_LIST (self));

  for (guint i = 0; i < G_N_ELEMENTS (status_ids); i++)
    if (g_strcmp0 (status_ids[i], status) == 0)
      gtk_drop_down_set_selected (self->status_filter, i);
  for (guint i = 0; kind != NULL && i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr(AlcoveConsentTemplate) template = g_list_model_get_item (templates, i);

      if (g_str_equal (alcove_consent_template_get_id (template), kind))
        kind_index = i + 1;
    }
  gtk_drop_down_set_selected (self->kind_filter, kind_index);
}

guint
alcove_consent_list_get_n_shown (AlcoveConsentList *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT_LIST (self), 0);
  return self->n_shown;
}

static void
alcove_consent_list_dispose (GObject *object)
{
  AlcoveConsentList *self = ALCOVE_CONSENT_LIST (object);

  g_clear_object (&self->store);
  g_clear_object (&self->clients);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (alcove_consent_list_parent_class)->dispose (object);
}

static void
alcove_consent_list_class_init (AlcoveConsentListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_consent_list_dispose;

  /**
   * AlcoveConsentList::open-client:
   * @client_id: a client flagged for a missing intake consent
   */
  signals[OPEN_CLIENT] = g_signal_new ("open-client", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-consent-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentList, toolbar);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentList, status_filter);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentList, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentList, new_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentList, page);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentList, flags_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentList, flags_box);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentList, list_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveConsentList, list_box);
  gtk_widget_class_install_action (widget_class, "consents.new", "s", new_action_cb);
}

static void
alcove_consent_list_init (AlcoveConsentList *self)
{
  /* Translators: the choices of a filter of consents by their status */
  const char *statuses[] = { _("All statuses"), _("Active"), _("Expiring within 30 days"),
                             _("Not yet in effect"), _("Drafts"), _("Expired"), _("Revoked"),
                             NULL };
  g_autoptr(GtkStringList) status_list = gtk_string_list_new (statuses);
  g_autoptr(GtkStringList) kind_list = gtk_string_list_new (NULL);
  GListModel *templates = alcove_consent_template_list_all ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (kind_list, _("All kinds"));
  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr(AlcoveConsentTemplate) template = g_list_model_get_item (templates, i);

      gtk_string_list_append (kind_list, alcove_consent_template_get_name (template));
    }
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (status_list));
  gtk_drop_down_set_model (self->kind_filter, G_LIST_MODEL (kind_list));
  g_signal_connect_object (self->status_filter, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_filter, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  alcove_list_box_set_placeholder_text (self->list_box, _("No consents to show"));
}

/* client_id NULL: every consent of the practice, with filters and flags */
AlcoveConsentList *
alcove_consent_list_new (AlcoveConsentStore *store,
                         AlcoveClientStore  *clients,
                         const char         *client_id)
{
  AlcoveConsentList *self;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GListModel) templates = NULL;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (store), NULL);
  g_return_val_if_fail (ALCOVE_IS_CLIENT_STORE (clients), NULL);

  self = g_object_new (ALCOVE_TYPE_CONSENT_LIST, NULL);
  self->store = g_object_ref (store);
  self->clients = g_object_ref (clients);
  self->client_id = g_strdup (client_id);

  /* new consents are offered in the wording of the practice's law only */
  templates = alcove_consent_template_list_for (
    alcove_practice_get_jurisdiction (alcove_consent_store_get_vault (store)));
  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr(AlcoveConsentTemplate) template = g_list_model_get_item (templates, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (alcove_consent_template_get_name (template),
                                                   NULL);

      g_menu_item_set_action_and_target (item, "consents.new", "s",
                                         alcove_consent_template_get_id (template));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->new_button, G_MENU_MODEL (menu));
  /* new consents are recorded from the client's page, where the client is known */
  gtk_widget_set_visible (GTK_WIDGET (self->new_button),
                          client_id != NULL && alcove_consent_store_can_edit (store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consents.new",
                                 client_id != NULL && alcove_consent_store_can_edit (store));
  gtk_widget_set_visible (GTK_WIDGET (self->status_filter), client_id == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_filter), client_id == NULL);
  gtk_widget_set_visible (self->flags_group, FALSE);
  adw_preferences_group_set_title (self->list_group,
                                   client_id ? _("Consents and Authorizations")
                                             : _("All Consents"));
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* a client's list is small and shown at once; the practice-wide one may hold thousands of
   * rows, so it is read when shown (statuses change with the date), not at unlock */
  if (client_id != NULL)
    alcove_consent_list_refresh (self);
  else
    g_signal_connect (self, "map", G_CALLBACK (alcove_consent_list_refresh), NULL);
  return self;
}
