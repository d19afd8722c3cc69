/* alcove-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-vault.h"
#include "alcove-window.h"

/* The first window: what the vault at `vault-path` is, read from its header without
 * unlocking. Sign-in, setup and the note editors replace it in the issues that follow. */
struct _AlcoveWindow
{
  AdwApplicationWindow  parent_instance;

  AdwStatusPage        *status_page;
  GtkListBox           *users_list;
};

G_DEFINE_FINAL_TYPE (AlcoveWindow, alcove_window, ADW_TYPE_APPLICATION_WINDOW)

static GtkWidget *
user_row_new (AlcoveUser *user)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alcove_user_get_full_name (user));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               alcove_role_get_display_name (alcove_user_get_role (user)));
  return row;
}

static void
show_vault (AlcoveWindow *self,
            const char   *path)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) users = NULL;
  g_autofree char *description = NULL;

  if (!alcove_vault_exists (vault))
    {
      description = g_strdup_printf (_("There is no vault in %s yet. Create one with "
                                       "“alcovectl init”; see Help."), path);
      adw_status_page_set_title (self->status_page, _("No Vault Yet"));
      adw_status_page_set_description (self->status_page, description);
      gtk_widget_set_visible (GTK_WIDGET (self->users_list), FALSE);
      return;
    }
  if (!alcove_vault_load (vault, &error))
    {
      adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->status_page, _("The Vault Cannot Be Read"));
      adw_status_page_set_description (self->status_page, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->users_list), FALSE);
      return;
    }

  adw_status_page_set_title (self->status_page, alcove_vault_get_practice_name (vault));
  adw_status_page_set_description (self->status_page,
                                   _("The vault is encrypted and locked. These accounts can open it."));
  users = alcove_vault_list_users (vault);
  gtk_list_box_bind_model (self->users_list, users, (GtkListBoxCreateWidgetFunc) user_row_new,
                           NULL, NULL);
}

static void
alcove_window_class_init (AlcoveWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, AlcoveWindow, users_list);
}

static void
alcove_window_init (AlcoveWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

AlcoveWindow *
alcove_window_new (AlcoveApplication *application)
{
  AlcoveWindow *self = g_object_new (ALCOVE_TYPE_WINDOW, "application", application, NULL);
  g_autofree char *path = alcove_application_dup_vault_path (application);

  show_vault (self, path);
  return self;
}
