/* alcove-custodian-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-custodian-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-custodian-page.h"
#include "alcove-custodian-printer.h"
#include "alcove-custodian.h"

/* The records custodian in Preferences. An owner fills the rows and saves: core checks, signs
 * and audits; a refusal is shown under the field it is about, which keeps what was typed.
 * The letter prints what was saved, so Print waits for Save. Everyone else sees who the
 * custodian is, read-only, but not where the recovery sheet is kept. */
struct _AlcoveCustodianPage
{
  AdwPreferencesPage   parent_instance;

  AlcoveVault         *vault;
  gboolean             loading;
  gboolean             dirty;
  AlcoveCustodianState state;

  AdwPreferencesGroup *custodian_group;
  AdwPreferencesGroup *location_group;
  AdwPreferencesGroup *buttons_group;
  AdwActionRow        *status_row;
  GtkImage            *status_icon;
  AdwEntryRow         *name_row;
  AdwEntryRow         *profession_row;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *address_row;
  AdwEntryRow         *location_row;
  GtkLabel            *contact_message;
  GtkLabel            *location_message;
};

G_DEFINE_FINAL_TYPE (AlcoveCustodianPage, alcove_custodian_page, ADW_TYPE_PREFERENCES_PAGE)

static AdwEntryRow *
row_for (AlcoveCustodianPage  *self,
         AlcoveCustodianField  field)
{
  switch (field)
    {
    case ALCOVE_CUSTODIAN_FIELD_NAME:
      return self->name_row;
    case ALCOVE_CUSTODIAN_FIELD_PROFESSION:
      return self->profession_row;
    case ALCOVE_CUSTODIAN_FIELD_PHONE:
      return self->phone_row;
    case ALCOVE_CUSTODIAN_FIELD_EMAIL:
      return self->email_row;
    case ALCOVE_CUSTODIAN_FIELD_ADDRESS:
      return self->address_row;
    case ALCOVE_CUSTODIAN_FIELD_KEY_LOCATION:
      return self->location_row;
    case ALCOVE_CUSTODIAN_FIELD_NONE:
    default:
      return NULL;
    }
}

static void
mark_row (AdwEntryRow *row,
          gboolean     invalid)
{
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
clear_messages (AlcoveCustodianPage *self)
{
  for (AlcoveCustodianField f = ALCOVE_CUSTODIAN_FIELD_NAME;
       f <= ALCOVE_CUSTODIAN_FIELD_KEY_LOCATION; f++)
    mark_row (row_for (self, f), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_message), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->location_message), FALSE);
}

/* Under the group of the field it is about; the row is marked, its text left as typed */
static void
show_message (AlcoveCustodianPage  *self,
              AlcoveCustodianField  field,
              const char           *message)
{
  AdwEntryRow *row = row_for (self, field);
  GtkLabel *label = field == ALCOVE_CUSTODIAN_FIELD_KEY_LOCATION ? self->location_message
                                                                 : self->contact_message;

  clear_messages (self);
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (row == NULL)
    return;
  mark_row (row, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message, -1);
}

static char *
dup_text (AdwEntryRow *row)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

static AlcoveCustodian *
custodian_from_rows (AlcoveCustodianPage *self)
{
  AlcoveCustodian *custodian = alcove_custodian_new ();

  custodian->name = dup_text (self->name_row);
  custodian->profession = dup_text (self->profession_row);
  custodian->phone = dup_text (self->phone_row);
  custodian->email = dup_text (self->email_row);
  custodian->address = dup_text (self->address_row);
  custodian->key_location = dup_text (self->location_row);
  return custodian;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
sync_status (AlcoveCustodianPage   *self,
             const AlcoveCustodian *custodian)
{
  g_autofree char *title = NULL;

  switch (self->state)
    {
    case ALCOVE_CUSTODIAN_NAMED:
      {
        g_autofree char *day = alcove_date_format (custodian->named_on);

        /* Translators: a day, as Alcove shows days ("7 March 2024") */
        title = g_strdup_printf (_("Named on %s"), day);
      }
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      adw_action_row_set_subtitle (self->status_row, _("Signed by the owner who named them, "
                                                       "and audited"));
      break;
    case ALCOVE_CUSTODIAN_UNTRUSTED:
      title = g_strdup (_("Not named by an owner"));
      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      adw_action_row_set_subtitle (self->status_row, _("The saved custodian was changed outside "
                                                       "Alcove, so it is not used. An owner "
                                                       "names the custodian again."));
      break;
    case ALCOVE_CUSTODIAN_NOT_NAMED:
    default:
      title = g_strdup (_("Not named yet"));
      gtk_image_set_from_icon_name (self->status_icon, "dialog-question-symbolic");
      adw_action_row_set_subtitle (self->status_row, _("Name a colleague who can take over the "
                                                       "records"));
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
}

static void
sync_actions (AlcoveCustodianPage *self)
{
  gboolean owner = alcove_custodian_can_change (self->vault);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "custodian.save", owner && self->dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "custodian.print",
                                 owner && !self->dirty && self->state == ALCOVE_CUSTODIAN_NAMED);
}

static void
load (AlcoveCustodianPage *self)
{
  g_autoptr(AlcoveCustodian) custodian = NULL;

  if (alcove_vault_get_locked (self->vault))
    return;
  custodian = alcove_custodian_load (self->vault, &self->state);
  if (custodian == NULL)
    custodian = alcove_custodian_new ();
  self->loading = TRUE;
  set_text (self->name_row, custodian->name);
  set_text (self->profession_row, custodian->profession);
  set_text (self->phone_row, custodian->phone);
  set_text (self->email_row, custodian->email);
  set_text (self->address_row, custodian->address);
  /* where the recovery sheet is, is for the owners and the letter */
  set_text (self->location_row,
            alcove_custodian_can_change (self->vault) ? custodian->key_location : NULL);
  self->loading = FALSE;
  self->dirty = FALSE;
  clear_messages (self);
  sync_status (self, custodian);
  sync_actions (self);
}

/* The recovery key in the location is said at once, not only on Save */
static void
field_changed_cb (AlcoveCustodianPage *self)
{
  const char *location = gtk_editable_get_text (GTK_EDITABLE (self->location_row));

  if (self->loading)
    return;
  self->dirty = TRUE;
  sync_actions (self);
  if (alcove_custodian_looks_like_recovery_key (location))
    {
      g_autoptr(AlcoveCustodian) custodian = custodian_from_rows (self);
      g_autoptr(GError) error = NULL;
      AlcoveCustodianField field;

      if (!alcove_custodian_check (custodian, &field, &error))
        show_message (self, field, error->message);
    }
  else if (gtk_widget_get_visible (GTK_WIDGET (self->location_message)))
    clear_messages (self);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveCustodianPage *self = ALCOVE_CUSTODIAN_PAGE (widget);
  g_autoptr(AlcoveCustodian) custodian = custodian_from_rows (self);
  g_autoptr(GError) error = NULL;
  AlcoveCustodianField field = ALCOVE_CUSTODIAN_FIELD_NONE;
  AdwEntryRow *row;

  if (!alcove_custodian_save (self->vault, custodian, &field, &error))
    {
      show_message (self, field, error->message);
      row = row_for (self, field);
      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
      return;
    }
  /* changed::settings reloads the rows from what was signed */
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlcoveCustodianPage *self = ALCOVE_CUSTODIAN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (alcove_custodian_printer_run (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->vault,
                                    NULL, &error))
    return;
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                      adw_toast_new (error->message));
}

static void
alcove_custodian_page_dispose (GObject *object)
{
  g_clear_object (&ALCOVE_CUSTODIAN_PAGE (object)->vault);
  G_OBJECT_CLASS (alcove_custodian_page_parent_class)->dispose (object);
}

static void
alcove_custodian_page_class_init (AlcoveCustodianPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_custodian_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-custodian-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, custodian_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, location_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, buttons_group);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, profession_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, location_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, contact_message);
  gtk_widget_class_bind_template_child (widget_class, AlcoveCustodianPage, location_message);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "custodian.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "custodian.print", NULL, print_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "custodian.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "custodian.print", NULL);
}

static void
alcove_custodian_page_init (AlcoveCustodianPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Someone else's view: who the custodian is, nothing to change, and no recovery sheet */
static void
set_read_only (AlcoveCustodianPage *self)
{
  for (AlcoveCustodianField f = ALCOVE_CUSTODIAN_FIELD_NAME;
       f <= ALCOVE_CUSTODIAN_FIELD_KEY_LOCATION; f++)
    {
      gtk_editable_set_editable (GTK_EDITABLE (row_for (self, f)), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (row_for (self, f)), "read-only");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->location_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->buttons_group), FALSE);
  adw_preferences_group_set_description (self->custodian_group,
                                         _("The colleague who takes over the practice’s records "
                                           "if the owner dies or can no longer practise. A "
                                           "practice owner names them."));
}

AlcoveCustodianPage *
alcove_custodian_page_new (AlcoveVault *vault)
{
  AlcoveCustodianPage *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_CUSTODIAN_PAGE, NULL);
  self->vault = g_object_ref (vault);
  if (!alcove_custodian_can_change (vault))
    set_read_only (self);
  else
    adw_preferences_group_set_description (self->custodian_group,
                                           _("A colleague who takes over the practice’s records "
                                             "if you die or can no longer practise. The letter "
                                             "you print for them says where the recovery key is "
                                             "kept, never the key."));
  load (self);
  g_signal_connect_object (vault, "changed::settings", G_CALLBACK (load), self,
                           G_CONNECT_SWAPPED);
  return self;
}
