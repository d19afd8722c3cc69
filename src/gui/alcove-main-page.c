/* alcove-main-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-main-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-accessible-names.h"
#include "alcove-audit-query.h"
#include "alcove-audit-viewer.h"
#include "alcove-checklist-facts.h"
#include "alcove-client-editor.h"
#include "alcove-date.h"
#include "alcove-client-list.h"
#include "alcove-client-page.h"
#include "alcove-incident-list.h"
#include "alcove-incidents.h"
#include "alcove-practice-archive.h"
#include "alcove-practice-exporter.h"
#include "alcove-retention-dialog.h"
#include "alcove-retention.h"
#include "alcove-main-page.h"
#include "alcove-backup-row.h"
#include "alcove-consent-editor.h"
#include "alcove-consent-list.h"
#include "alcove-cosign-queue.h"
#include "alcove-emergency-dialog.h"
#include "alcove-emergency-window.h"
#include "alcove-incident-window.h"
#include "alcove-new-note-dialog.h"
#include "alcove-session-dialog.h"
#include "alcove-note-window.h"
#include "alcove-package.h"
#include "alcove-package-opener.h"
#include "alcove-plan-review-queue.h"
#include "alcove-plan-window.h"
#include "alcove-privacy-dashboard.h"
#include "alcove-record-print-dialog.h"
#include "alcove-search-window.h"

/* What an unlocked vault shows: a sidebar of sections and the section itself, in an
 * AdwLeaflet that folds to one column on a narrow window. It exists only while the vault is
 * unlocked: the window destroys it on lock, and with it every widget that showed PHI. */
struct _AlcoveMainPage
{
  AdwBin          parent_instance;

  AlcoveWorkspace *workspace;
  AlcoveVault    *vault;
  GSettings      *settings;

  AdwLeaflet     *leaflet;
  AdwBin         *content_pane;
  GtkButton      *sections_back_button;
  GtkListBox     *sidebar;
  GtkStack       *content;
  AdwWindowTitle *sidebar_title;
  AdwWindowTitle *content_title;
  AdwToastOverlay *toasts;
  AdwPreferencesGroup *vault_group;
  AdwPreferencesGroup *practice_group;
  AlcoveCosignQueue *awaiting_queue;
  AlcoveCosignQueue *returned_queue;
  AlcovePlanReviewQueue *review_queue;
  AdwActionRow   *encryption_row;
  AdwActionRow   *keyring_row;
  AdwActionRow   *auto_lock_row;
  AdwActionRow   *verified_row;
  GtkButton      *verify_button;
  GtkSpinner     *verify_spinner;
  GtkMenuButton  *user_button;
  GtkStack       *clients_stack;
  GtkButton      *client_back_button;

  AlcoveClientStore *client_store;
  AlcoveNoteStore   *note_store;
  AlcoveClientList  *client_list;
  AlcoveClientPage  *client_page;
};

G_DEFINE_FINAL_TYPE (AlcoveMainPage, alcove_main_page, ADW_TYPE_BIN)

static void
update_auto_lock_row (AlcoveMainPage *self)
{
  int minutes = g_settings_get_int (self->settings, "auto-lock-minutes");
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Locks after %d minute without activity",
                                                        "Locks after %d minutes without activity",
                                                        minutes), minutes);

  adw_action_row_set_subtitle (self->auto_lock_row, text);
}

static void
update_verified_row (AlcoveMainPage *self)
{
  gint64 at_ms = alcove_vault_get_last_verified_ms (self->vault);
  g_autofree char *text = NULL;

  if (at_ms == 0)
    {
      adw_action_row_set_subtitle (self->verified_row, _("Never — check it now"));
      return;
    }
  text = alcove_date_format_time (at_ms);
  adw_action_row_set_subtitle (self->verified_row, text);
}

static void
fill_home (AlcoveMainPage *self)
{
  AlcoveUser *user = alcove_vault_get_current_user (self->vault);
  g_autofree char *signed_in = NULL;
  g_autofree char *encryption = NULL;

  if (user == NULL)
    return;

  signed_in = g_strdup_printf (_("Signed in as %s, %s"), alcove_user_get_full_name (user),
                               alcove_role_get_display_name (alcove_user_get_role (user)));
  adw_preferences_group_set_title (self->practice_group, alcove_vault_get_practice_name (self->vault));
  adw_preferences_group_set_description (self->practice_group, signed_in);
  adw_window_title_set_subtitle (self->sidebar_title, alcove_user_get_full_name (user));

  encryption = g_strdup_printf (_("AES-256 with SQLCipher %s; keys held in locked memory"),
                                alcove_vault_sqlcipher_version ());
  adw_action_row_set_subtitle (self->encryption_row, encryption);
  adw_action_row_set_subtitle (self->keyring_row,
                               alcove_user_get_has_keyring_slot (user)
                               ? _("Opens with your login keyring on this computer")
                               : _("Opens with your password only"));
  update_auto_lock_row (self);
  update_verified_row (self);
}

/* ---- verifying (the core reads the stores on the session's worker) ---- */

static void
verify_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AlcoveMainPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean verified = alcove_vault_verify_finish (ALCOVE_VAULT (source), result, NULL, &error);

  /* locked meanwhile: the page is going, with every widget it had */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->verify_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), TRUE);
  if (!verified)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  update_verified_row (self);
  adw_toast_overlay_add_toast (self->toasts,
                               adw_toast_new (_("The vault is intact and its audit log unbroken")));
}

static void
verify_action_cb (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);

  if (alcove_vault_get_locked (self->vault))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), FALSE);
  gtk_spinner_start (self->verify_spinner);
  alcove_vault_verify_async (self->vault, NULL, verify_done_cb, g_object_ref (self));
}

/* ---- sections ---- */

static void
sidebar_row_activated_cb (GtkListBox     *box,
                          GtkListBoxRow  *row,
                          AlcoveMainPage *self)
{
  alcove_main_page_set_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  adw_leaflet_navigate (ALCOVE_MAIN_PAGE (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* One back button at a time: from a client to the list first, and from there, in one
 * column, to the sections */
static void
update_back_buttons (AlcoveMainPage *self)
{
  gboolean in_clients = g_strcmp0 (gtk_stack_get_visible_child_name (self->content), "clients") == 0;
  gboolean client_open = in_clients && self->client_page != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->client_back_button), client_open);
  gtk_widget_set_visible (GTK_WIDGET (self->sections_back_button),
                          adw_leaflet_get_folded (self->leaflet) && !client_open);
}

/* The section's title, or in the clients section the open client's name (in the page only,
 * never in the window title, which other programs can read) */
static void
update_content_title (AlcoveMainPage *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->content);
  gboolean in_clients = g_strcmp0 (gtk_stack_get_visible_child_name (self->content), "clients") == 0;
  AlcoveClient *client = NULL;

  if (child == NULL)
    return;
  if (in_clients && self->client_page != NULL)
    client = alcove_client_store_lookup (self->client_store,
                                         alcove_client_page_get_client_id (self->client_page));
  adw_window_title_set_title (self->content_title,
                              client != NULL
                              ? alcove_client_get_display_name (client)
                              : gtk_stack_page_get_title (gtk_stack_get_page (self->content, child)));
  update_back_buttons (self);
}

static void show_error (AlcoveMainPage *self,
                        const char     *message);

/* ---- privacy: the checklist, for the owner and the supervisor ---- */

static void
build_privacy (AlcoveMainPage *self)
{
  GtkStackPage *page;
  GtkWidget *row, *box, *label;

  if (!alcove_checklist_can_review (self->vault))
    return;
  page = gtk_stack_add_named (self->content,
                              GTK_WIDGET (alcove_privacy_dashboard_new (self->vault, self->client_store,
                                                                        self->settings)),
                              "privacy");
  gtk_stack_page_set_title (page, _("Privacy"));

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (_("Privacy"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("security-high-symbolic"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, "privacy");
  gtk_list_box_append (self->sidebar, row);
  alcove_accessible_name_row_by_label (row);
}

/* main.show-section "name": another part of Alcove (the checklist's buttons) opens a section */
static void
show_section_action_cb (GtkWidget  *widget,
                        const char *action,
                        GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);
  const char *section = g_variant_get_string (parameter, NULL);

  if (gtk_stack_get_child_by_name (self->content, section) == NULL)
    {
      show_error (self, _("That part of Alcove is not available to you"));
      return;
    }
  alcove_main_page_set_section (self, section);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* ---- clients ---- */

static void
close_client (AlcoveMainPage *self)
{
  GtkWidget *page = GTK_WIDGET (self->client_page);

  if (page == NULL)
    return;
  self->client_page = NULL;
  if (self->client_list != NULL)
    gtk_stack_set_visible_child (self->clients_stack, GTK_WIDGET (self->client_list));
  gtk_stack_remove (self->clients_stack, page);
  update_content_title (self);
}

static void
client_back_action_cb (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);

  if (self->client_page == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->content), "clients") != 0)
    return;
  close_client (self);
  if (self->client_list != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->client_list));
}

/* Ctrl+F on a client's page searches that client's record; on the list, the list's own
 * search entry takes it first */
static void
search_client_action_cb (GtkWidget  *widget,
                         const char *action,
                         GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);

  alcove_main_page_present_search (self, alcove_main_page_get_client_id (self));
}

static void
client_activated_cb (AlcoveClientList *list,
                     const char       *client_id,
                     AlcoveMainPage   *self)
{
  alcove_main_page_show_client (self, client_id);
}

static void
open_client_cb (AlcoveClientPage *page,
                const char       *client_id,
                AlcoveMainPage   *self)
{
  alcove_main_page_show_client (self, client_id);
}

static void
show_error (AlcoveMainPage *self,
            const char     *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

/* Opens a note in a window of its own, read again from its store so that opening is
 * verified (a signed note re-hashed) and audited, whatever list it was picked from */
void
alcove_main_page_open_note (AlcoveMainPage *self,
                            const char     *note_id,
                            const char     *viewing_client_id)
{
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(GError) error = NULL;
  AlcoveNoteWindow *window;

  g_return_if_fail (ALCOVE_IS_MAIN_PAGE (self));

  note = alcove_note_store_open (self->note_store, note_id, &error);
  if (note == NULL)
    {
      show_error (self, error->message);
      return;
    }
  window = alcove_note_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   self->workspace, note, viewing_client_id);
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_note_cb (AlcoveClientPage *page,
              AlcoveNote       *note,
              AlcoveMainPage   *self)
{
  alcove_main_page_open_note (self, alcove_note_get_id (note),
                              alcove_client_page_get_client_id (page));
}

/* A version of a treatment plan in a window of its own, read again from its store so that
 * opening is verified and audited; a window already showing it comes to the front */
void
alcove_main_page_open_plan (AlcoveMainPage *self,
                            const char     *version_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(AlcovePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  AlcovePlanWindow *window;

  g_return_if_fail (ALCOVE_IS_MAIN_PAGE (self));
  g_return_if_fail (version_id != NULL);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ALCOVE_IS_PLAN_WINDOW (toplevel) &&
          g_strcmp0 (alcove_plan_get_id (alcove_plan_window_get_plan (ALCOVE_PLAN_WINDOW (toplevel))),
                     version_id) == 0)
        {
          gtk_window_present (toplevel);
          return;
        }
    }
  plan = alcove_plan_store_open (alcove_workspace_get_plans (self->workspace), version_id, &error);
  if (plan == NULL)
    {
      show_error (self, error->message);
      return;
    }
  window = alcove_plan_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   self->workspace, plan);
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_plan_cb (AlcoveClientPage *page,
              const char       *version_id,
              AlcoveMainPage   *self)
{
  alcove_main_page_open_plan (self, version_id);
}

static void
print_record_cb (AlcoveClientPage *page,
                 AlcoveMainPage   *self)
{
  AlcoveClient *client = alcove_client_store_lookup (self->client_store,
                                                     alcove_client_page_get_client_id (page));
  AlcoveRecordPrintDialog *dialog;

  if (client == NULL)
    return;
  dialog = alcove_record_print_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                           self->note_store, client);
  alcove_record_print_dialog_set_treatment (dialog, alcove_workspace_get_diagnoses (self->workspace),
                                            alcove_workspace_get_plans (self->workspace));
  alcove_record_print_dialog_set_measures (dialog, alcove_workspace_get_measures (self->workspace),
                                           alcove_workspace_get_events (self->workspace));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_open_client_cb (AlcoveSearchWindow *search,
                       const char         *client_id,
                       AlcoveMainPage     *self)
{
  alcove_main_page_show_client (self, client_id);
}

static void
search_open_note_cb (AlcoveSearchWindow *search,
                     const char         *client_id,
                     const char         *note_id,
                     AlcoveMainPage     *self)
{
  alcove_main_page_show_client (self, client_id);
  alcove_main_page_open_note (self, note_id, client_id);
}

/* The client's Treatment tab, and a plan version (nullable) beside it */
static void
show_treatment (AlcoveMainPage *self,
                const char     *client_id,
                const char     *version_id)
{
  alcove_main_page_show_client (self, client_id);
  if (self->client_page != NULL)
    alcove_client_page_set_tab (self->client_page, "treatment");
  if (version_id != NULL)
    alcove_main_page_open_plan (self, version_id);
}

static void
search_open_plan_cb (AlcoveSearchWindow *search,
                     const char         *client_id,
                     const char         *version_id,
                     AlcoveMainPage     *self)
{
  show_treatment (self, client_id, version_id);
}

static void
search_open_diagnosis_cb (AlcoveSearchWindow *search,
                          const char         *client_id,
                          const char         *diagnosis_id,
                          AlcoveMainPage     *self)
{
  show_treatment (self, client_id, NULL);
}

/* Search everything the user can open (client_id NULL) or within one client's record;
 * a hit opens the client's page, and for a note the note beside it */
void
alcove_main_page_present_search (AlcoveMainPage *self,
                                 const char     *client_id)
{
  AlcoveSearchWindow *search;

  g_return_if_fail (ALCOVE_IS_MAIN_PAGE (self));

  search = alcove_search_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                     self->workspace, client_id);
  g_signal_connect_object (search, "open-client", G_CALLBACK (search_open_client_cb), self, 0);
  g_signal_connect_object (search, "open-note", G_CALLBACK (search_open_note_cb), self, 0);
  g_signal_connect_object (search, "open-plan", G_CALLBACK (search_open_plan_cb), self, 0);
  g_signal_connect_object (search, "open-diagnosis", G_CALLBACK (search_open_diagnosis_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (search));
}

/* Ctrl+F, from anywhere in the window: within the open client's record, or else the client
 * list's own search */
void
alcove_main_page_find (AlcoveMainPage *self)
{
  g_return_if_fail (ALCOVE_IS_MAIN_PAGE (self));

  alcove_main_page_set_section (self, "clients");
  if (self->client_page != NULL)
    alcove_main_page_present_search (self, alcove_main_page_get_client_id (self));
  else if (self->client_list != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->client_list), "clients.search", NULL);
}

/* Where the keyboard starts once the page is up: the client list's search on the list, else
 * the sidebar's row of the section shown, so that a screen reader says where one is. FALSE
 * when nothing could take the focus yet (the page not laid out). */
gboolean
alcove_main_page_focus_start (AlcoveMainPage *self)
{
  const char *section;
  GtkWidget *row;

  g_return_val_if_fail (ALCOVE_IS_MAIN_PAGE (self), FALSE);

  section = gtk_stack_get_visible_child_name (self->content);
  if (g_strcmp0 (section, "clients") == 0 && self->client_page == NULL &&
      self->client_list != NULL &&
      gtk_widget_activate_action (GTK_WIDGET (self->client_list), "clients.search", NULL))
    return TRUE;
  /* the sidebar's rows are named after their sections */
  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), section) == 0)
      break;
  if (row == NULL)
    row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->sidebar, 0));
  return row != NULL && gtk_widget_grab_focus (row);
}

/* Ctrl+N, from anywhere in the window: the client editor for a new client, if the person
 * may add one (the list disables its action otherwise) */
void
alcove_main_page_new_client (AlcoveMainPage *self)
{
  g_return_if_fail (ALCOVE_IS_MAIN_PAGE (self));

  if (self->client_list != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->client_list), "clients.add", NULL);
}

/* ---- treatment plans due for review ---- */

static void
review_open_plan_cb (AlcovePlanReviewQueue *queue,
                     const char            *client_id,
                     const char            *version_id,
                     AlcoveMainPage        *self)
{
  show_treatment (self, client_id, version_id);
}

static void
build_review_queue (AlcoveMainPage *self)
{
  alcove_plan_review_queue_set_workspace (self->review_queue, self->workspace);
  g_signal_connect_object (self->review_queue, "open-plan", G_CALLBACK (review_open_plan_cb),
                           self, 0);
}

/* ---- supervision: what waits for co-signing, what came back ---- */

static void
queue_open_note_cb (AlcoveCosignQueue *queue,
                    const char        *note_id,
                    const char        *client_id,
                    AlcoveMainPage    *self)
{
  alcove_main_page_open_note (self, note_id, client_id);
}

static void
build_cosign_queues (AlcoveMainPage *self)
{
  AlcoveCosignQueue *queues[] = { self->awaiting_queue, self->returned_queue };

  for (guint i = 0; i < G_N_ELEMENTS (queues); i++)
    {
      alcove_cosign_queue_set_notes (queues[i], self->note_store);
      g_signal_connect_object (queues[i], "open-note", G_CALLBACK (queue_open_note_cb), self, 0);
    }
}

static void
build_clients (AlcoveMainPage *self)
{
  self->client_list = alcove_client_list_new (self->client_store);
  g_signal_connect_object (self->client_list, "client-activated",
                           G_CALLBACK (client_activated_cb), self, 0);
  gtk_stack_add_named (self->clients_stack, GTK_WIDGET (self->client_list), "list");
  /* a renamed client renames the title */
  g_signal_connect_object (alcove_client_store_get_clients (self->client_store), "items-changed",
                           G_CALLBACK (update_content_title), self, G_CONNECT_SWAPPED);
}

/* ---- consents: the practice-wide Consents section ---- */

static void
consents_open_client_cb (AlcoveConsentList *list,
                         const char        *client_id,
                         AlcoveMainPage    *self)
{
  alcove_main_page_show_client (self, client_id);
}

static void
build_consents (AlcoveMainPage *self)
{
  AlcoveConsentList *list;
  GtkWidget *row, *box, *label;

  list = alcove_consent_list_new (alcove_workspace_get_consents (self->workspace),
                                  self->client_store, NULL);
  g_signal_connect_object (list, "open-client", G_CALLBACK (consents_open_client_cb), self, 0);
  gtk_stack_add_titled (self->content, GTK_WIDGET (list), "consents", _("Consents"));

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (_("Consents"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("emblem-documents-symbolic"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, "consents");
  gtk_list_box_append (self->sidebar, row);
  alcove_accessible_name_row_by_label (row);
}

AlcoveWorkspace *
alcove_main_page_get_workspace (AlcoveMainPage *self)
{
  g_return_val_if_fail (ALCOVE_IS_MAIN_PAGE (self), NULL);
  return self->workspace;
}

AlcoveClientStore *
alcove_main_page_get_client_store (AlcoveMainPage *self)
{
  g_return_val_if_fail (ALCOVE_IS_MAIN_PAGE (self), NULL);
  return self->client_store;
}

AlcoveNoteStore *
alcove_main_page_get_note_store (AlcoveMainPage *self)
{
  g_return_val_if_fail (ALCOVE_IS_MAIN_PAGE (self), NULL);
  return self->note_store;
}

/* ---- access-log review, breach register, retention ---- */

static void
add_section (AlcoveMainPage *self,
             const char     *name,
             const char     *title,
             const char     *icon_name,
             GtkWidget      *page)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, name);
  gtk_list_box_append (self->sidebar, row);
  alcove_accessible_name_row_by_label (row);
  gtk_stack_page_set_title (gtk_stack_add_named (self->content, page, name), title);
}

/* "Audit Log" for the owner and supervisors, "Incidents" for the owner. Reviewing the log
 * and keeping the register are their duties; nobody else sees either. */
static void
build_review_sections (AlcoveMainPage *self)
{
  g_autoptr(GError) error = NULL;
  guint finished = 0;

  /* a disposal made by the owner finishes in this user's own stores */
  if (!alcove_retention_finish_pending (self->vault, &finished, &error))
    g_warning ("Could not finish an earlier records disposal: %s", error->message);
  if (alcove_audit_can_review (self->vault))
    add_section (self, "audit", _("Audit Log"), "document-open-recent-symbolic",
                 GTK_WIDGET (alcove_audit_viewer_new (self->vault, self->client_store)));
  if (alcove_incidents_can_manage (self->vault))
    add_section (self, "incidents", _("Incidents"), "dialog-warning-symbolic",
                 GTK_WIDGET (alcove_incident_list_new (self->vault)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "main.retention",
                                 alcove_retention_can_dispose (self->vault));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "main.export-package-key",
                                 alcove_package_can_open_sealed (self->vault));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "main.export-practice",
                                 alcove_practice_archive_can_export (self->vault));
}

static void
retention_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);
  AlcoveRetentionDialog *dialog;

  if (!alcove_retention_can_dispose (self->vault))
    return;
  dialog = alcove_retention_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->vault,
                                        self->client_store);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_package_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  alcove_package_opener_open (GTK_WINDOW (gtk_widget_get_root (widget)),
                              ALCOVE_MAIN_PAGE (widget)->vault);
}

static void
export_package_key_action_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);

  if (alcove_package_can_open_sealed (self->vault))
    alcove_package_opener_export_key (GTK_WINDOW (gtk_widget_get_root (widget)), self->vault);
}

static void
export_practice_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);

  if (alcove_practice_archive_can_export (self->vault))
    alcove_practice_exporter_run (GTK_WINDOW (gtk_widget_get_root (widget)), self->vault);
}

/* Opens a client's page in the clients section; each opening is audited once */
void
alcove_main_page_show_client (AlcoveMainPage *self,
                              const char     *client_id)
{
  g_return_if_fail (ALCOVE_IS_MAIN_PAGE (self));

  if (client_id == NULL ||
      alcove_client_store_lookup (self->client_store, client_id) == NULL)
    return;
  alcove_main_page_set_section (self, "clients");
  close_client (self);
  self->client_page = alcove_client_page_new (self->workspace, client_id);
  g_signal_connect_object (self->client_page, "open-client", G_CALLBACK (open_client_cb), self, 0);
  g_signal_connect_object (self->client_page, "open-note", G_CALLBACK (open_note_cb), self, 0);
  g_signal_connect_object (self->client_page, "open-plan", G_CALLBACK (open_plan_cb), self, 0);
  g_signal_connect_object (self->client_page, "print-record", G_CALLBACK (print_record_cb), self,
                           0);
  gtk_stack_add_named (self->clients_stack, GTK_WIDGET (self->client_page), "client");
  gtk_stack_set_visible_child (self->clients_stack, GTK_WIDGET (self->client_page));
  update_content_title (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The open client's id, or NULL on the list or in another section */
const char *
alcove_main_page_get_client_id (AlcoveMainPage *self)
{
  g_return_val_if_fail (ALCOVE_IS_MAIN_PAGE (self), NULL);
  return self->client_page ? alcove_client_page_get_client_id (self->client_page) : NULL;
}

/* The open client's page, or NULL */
AlcoveClientPage *
alcove_main_page_get_client_page (AlcoveMainPage *self)
{
  g_return_val_if_fail (ALCOVE_IS_MAIN_PAGE (self), NULL);
  return self->client_page;
}

/* The clients section's list, or NULL when the clients could not be read */
AlcoveClientList *
alcove_main_page_get_client_list (AlcoveMainPage *self)
{
  g_return_val_if_fail (ALCOVE_IS_MAIN_PAGE (self), NULL);
  return self->client_list;
}

const char *
alcove_main_page_get_section (AlcoveMainPage *self)
{
  g_return_val_if_fail (ALCOVE_IS_MAIN_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->content);
}

void
alcove_main_page_set_section (AlcoveMainPage *self,
                              const char     *section)
{
  GtkWidget *child;

  g_return_if_fail (ALCOVE_IS_MAIN_PAGE (self));

  child = section ? gtk_stack_get_child_by_name (self->content, section) : NULL;
  if (child == NULL)
    return;
  gtk_stack_set_visible_child (self->content, child);
  update_content_title (self);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar)); row;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), section) == 0)
      gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
}

GtkStack *
alcove_main_page_get_content (AlcoveMainPage *self)
{
  g_return_val_if_fail (ALCOVE_IS_MAIN_PAGE (self), NULL);
  return self->content;
}

/* ---- the windows a lock closed, opened again for the same person (alcove-window.c) ---- */

static GtkWindow *
own_window (AlcoveMainPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
open_note_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *note_id, *client_id;

  g_variant_get (parameter, "(&s&s)", &note_id, &client_id);
  alcove_main_page_open_note (ALCOVE_MAIN_PAGE (widget), note_id, *client_id ? client_id : NULL);
}

static void
open_plan_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  alcove_main_page_open_plan (ALCOVE_MAIN_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
edit_client_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);
  const char *client_id = g_variant_get_string (parameter, NULL);
  AlcoveClient *client = alcove_client_store_lookup (self->client_store, client_id);

  if ((*client_id != '\0' && client == NULL) || !alcove_client_store_can_edit (self->client_store))
    return;
  gtk_window_present (GTK_WINDOW (alcove_client_editor_new (own_window (self), self->client_store,
                                                            client)));
}

static void
add_session_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);
  const char *client_id = g_variant_get_string (parameter, NULL);

  if (alcove_client_store_lookup (self->client_store, client_id) == NULL ||
      !alcove_client_store_can_edit (self->client_store))
    return;
  gtk_window_present (GTK_WINDOW (alcove_session_dialog_new (own_window (self), self->client_store,
                                                             client_id)));
}

static void
edit_session_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);
  g_autoptr(AlcoveSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (!alcove_client_store_can_edit (self->client_store))
    return;
  session = alcove_client_store_get_session (self->client_store,
                                             g_variant_get_string (parameter, NULL), &error);
  if (session == NULL)
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (alcove_session_dialog_new_for_session (own_window (self),
                                                                         self->client_store,
                                                                         session)));
}

static void
new_note_created_cb (AlcoveNewNoteDialog *dialog,
                     AlcoveNote          *note,
                     AlcoveMainPage      *self)
{
  alcove_main_page_open_note (self, alcove_note_get_id (note), alcove_note_get_client_id (note));
}

static void
new_note_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);
  const char *client_id = g_variant_get_string (parameter, NULL);
  AlcoveNewNoteDialog *dialog;

  if (alcove_client_store_lookup (self->client_store, client_id) == NULL ||
      !alcove_note_store_can_write (self->note_store))
    return;
  dialog = alcove_new_note_dialog_new (own_window (self), self->workspace, client_id, NULL, NULL);
  g_signal_connect_object (dialog, "created", G_CALLBACK (new_note_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_consent_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);
  AlcoveConsentStore *consents = alcove_workspace_get_consents (self->workspace);
  g_autoptr(AlcoveConsent) consent = NULL;
  g_autoptr(GError) error = NULL;
  const char *consent_id, *client_id, *kind;

  g_variant_get (parameter, "(&s&s&s)", &consent_id, &client_id, &kind);
  if (!alcove_consent_store_can_edit (consents) ||
      alcove_client_store_lookup (self->client_store, client_id) == NULL)
    return;
  consent = *consent_id != '\0' ? alcove_consent_store_get (consents, consent_id, &error)
                                 : alcove_consent_new (client_id, kind);
  if (consent == NULL)
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (alcove_consent_editor_new (own_window (self), consents,
                                                             self->client_store, consent)));
}

static void
open_incident_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);
  const char *incident_id = g_variant_get_string (parameter, NULL);
  g_autoptr(AlcoveIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  if (!alcove_incidents_can_manage (self->vault))
    return;
  if (*incident_id != '\0' &&
      (incident = alcove_incidents_get (self->vault, incident_id, &error)) == NULL)
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (alcove_incident_window_new (own_window (self), self->vault,
                                                              incident)));
}

/* ---- emergency access: the dialog, then the window for as long as it lasts ---- */

static void
emergency_ended_cb (AlcoveEmergencyWindow *window,
                    const char            *message,
                    AlcoveMainPage        *self)
{
  show_error (self, message);
}

static GtkWindow *
find_emergency_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ALCOVE_IS_EMERGENCY_WINDOW (window))
        return window;  /* the list of toplevels keeps it alive */
    }
  return NULL;
}

/* The window of the access open now, made if it has none */
static void
present_emergency_window (AlcoveMainPage *self)
{
  GtkWindow *window = find_emergency_window ();

  if (window == NULL)
    {
      window = GTK_WINDOW (alcove_emergency_window_new (own_window (self), self->workspace));
      if (window == NULL)
        return;
      g_signal_connect_object (window, "ended", G_CALLBACK (emergency_ended_cb), self, 0);
    }
  gtk_window_present (window);
}

/* main.emergency-access "client id" ("" to choose in the dialog); while an access is open,
 * its window */
static void
emergency_access_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (widget);
  AlcoveEmergencyDialog *dialog;

  if (!alcove_vault_can_break_glass (self->vault))
    return;
  if (alcove_vault_get_emergency_event (self->vault) != NULL)
    {
      present_emergency_window (self);
      return;
    }
  dialog = alcove_emergency_dialog_new (own_window (self), self->workspace,
                                        g_variant_get_string (parameter, NULL));
  g_signal_connect_object (dialog, "opened", G_CALLBACK (present_emergency_window), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the content pane's size ---- */

/* The width the content pane asks for beside the sidebar. With the sidebar's 240 px the
 * leaflet keeps two panes from about 800 px and folds on a half-screen laptop window; the
 * pages inside may ask for less or more, which would move the fold with every page. */
#define CONTENT_NATURAL_WIDTH 560

static void
measure_content_pane (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, CONTENT_NATURAL_WIDTH);
}

static void
allocate_content_pane (GtkWidget *widget,
                       int        width,
                       int        height,
                       int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
alcove_main_page_dispose (GObject *object)
{
  AlcoveMainPage *self = ALCOVE_MAIN_PAGE (object);

  self->client_page = NULL;
  self->client_list = NULL;
  g_clear_object (&self->note_store);
  g_clear_object (&self->client_store);
  g_clear_object (&self->vault);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alcove_main_page_parent_class)->dispose (object);
}

static void
alcove_main_page_class_init (AlcoveMainPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_main_page_dispose;

  g_type_ensure (ALCOVE_TYPE_COSIGN_QUEUE);
  g_type_ensure (ALCOVE_TYPE_PLAN_REVIEW_QUEUE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-main-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, content_pane);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, sections_back_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, content);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, content_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, practice_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, awaiting_queue);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, returned_queue);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, review_queue);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, encryption_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, auto_lock_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, verified_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, verify_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, vault_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, verify_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, user_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, clients_stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveMainPage, client_back_button);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_back_buttons);

  gtk_widget_class_install_action (widget_class, "main.verify", NULL, verify_action_cb);
  gtk_widget_class_install_action (widget_class, "main.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "main.client-back", NULL, client_back_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "main.client-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "main.client-back", NULL);
  gtk_widget_class_install_action (widget_class, "main.search-client", NULL,
                                   search_client_action_cb);
  gtk_widget_class_install_action (widget_class, "main.retention", NULL, retention_action_cb);
  gtk_widget_class_install_action (widget_class, "main.open-package", NULL,
                                   open_package_action_cb);
  gtk_widget_class_install_action (widget_class, "main.export-package-key", NULL,
                                   export_package_key_action_cb);
  gtk_widget_class_install_action (widget_class, "main.export-practice", NULL,
                                   export_practice_action_cb);
  gtk_widget_class_install_action (widget_class, "main.show-section", "s",
                                   show_section_action_cb);
  gtk_widget_class_install_action (widget_class, "main.open-note", "(ss)", open_note_action_cb);
  gtk_widget_class_install_action (widget_class, "main.open-plan", "s", open_plan_action_cb);
  gtk_widget_class_install_action (widget_class, "main.edit-client", "s", edit_client_action_cb);
  gtk_widget_class_install_action (widget_class, "main.add-session", "s", add_session_action_cb);
  gtk_widget_class_install_action (widget_class, "main.edit-session", "s", edit_session_action_cb);
  gtk_widget_class_install_action (widget_class, "main.new-note", "s", new_note_action_cb);
  gtk_widget_class_install_action (widget_class, "main.edit-consent", "(sss)",
                                   edit_consent_action_cb);
  gtk_widget_class_install_action (widget_class, "main.open-incident", "s",
                                   open_incident_action_cb);
  gtk_widget_class_install_action (widget_class, "main.emergency-access", "s",
                                   emergency_access_action_cb);
}

static void
alcove_main_page_init (AlcoveMainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the rows of the template: a screen reader says the section's name, not "row" */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    alcove_accessible_name_row_by_label (row);
  gtk_widget_set_layout_manager (GTK_WIDGET (self->content_pane),
                                 gtk_custom_layout_new (NULL, measure_content_pane,
                                                        allocate_content_pane));
}

/* Home shows the last backup, with Back Up Now */
void
alcove_main_page_set_backups (AlcoveMainPage        *self,
                              AlcoveBackupScheduler *backups)
{
  g_return_if_fail (ALCOVE_IS_MAIN_PAGE (self));
  g_return_if_fail (ALCOVE_IS_BACKUP_SCHEDULER (backups));

  adw_preferences_group_add (self->vault_group,
                             GTK_WIDGET (alcove_backup_row_new (backups, self->settings)));
}

/* What the signed-in session shows; `workspace` is that session */
AlcoveMainPage *
alcove_main_page_new (AlcoveWorkspace *workspace,
                      GSettings       *settings)
{
  AlcoveMainPage *self = g_object_new (ALCOVE_TYPE_MAIN_PAGE, NULL);

  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (workspace), self);

  self->workspace = g_object_ref (workspace);
  self->vault = g_object_ref (alcove_workspace_get_vault (workspace));
  self->client_store = g_object_ref (alcove_workspace_get_clients (workspace));
  self->note_store = g_object_ref (alcove_workspace_get_notes (workspace));
  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::auto-lock-minutes",
                           G_CALLBACK (update_auto_lock_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vault, "notify::current-user",
                           G_CALLBACK (fill_home), self, G_CONNECT_SWAPPED);
  fill_home (self);
  build_cosign_queues (self);
  build_review_queue (self);
  build_clients (self);
  build_consents (self);
  build_review_sections (self);
  build_privacy (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "main.emergency-access",
                                 alcove_vault_can_break_glass (self->vault));
  alcove_main_page_set_section (self, "home");
  /* in one column, Home with the header's buttons rather than the bare list of sections */
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_pane));
  return self;
}
