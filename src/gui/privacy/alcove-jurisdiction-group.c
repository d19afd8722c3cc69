/* alcove-jurisdiction-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-jurisdiction-group"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-jurisdiction-group.h"
#include "alcove-jurisdiction-row.h"
#include "alcove-practice-settings.h"

/* The privacy law the practice follows, in Preferences. An owner changes it: the setting is
 * signed as theirs and the change audited, like every practice setting. Everyone else sees
 * it. A refused change puts the choice back. One row, so it is built here, not from a
 * template. */
struct _AlcoveJurisdictionGroup
{
  AdwPreferencesGroup  parent_instance;

  AlcoveVault         *vault;
  AdwComboRow         *row;
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (AlcoveJurisdictionGroup, alcove_jurisdiction_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static void
sync_from_vault (AlcoveJurisdictionGroup *self)
{
  self->syncing = TRUE;
  alcove_jurisdiction_row_fill (self->row, alcove_practice_get_jurisdiction (self->vault));
  self->syncing = FALSE;
}

static void
selected_cb (AlcoveJurisdictionGroup *self)
{
  g_autoptr(GError) error = NULL;
  AlcoveJurisdiction chosen = alcove_jurisdiction_row_get_selected (self->row);
  GtkRoot *root;

  if (self->syncing || chosen == alcove_practice_get_jurisdiction (self->vault))
    return;
  if (alcove_practice_set_jurisdiction (self->vault, chosen, &error))
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (error->message));
  sync_from_vault (self);
}

static void
alcove_jurisdiction_group_dispose (GObject *object)
{
  g_clear_object (&ALCOVE_JURISDICTION_GROUP (object)->vault);
  G_OBJECT_CLASS (alcove_jurisdiction_group_parent_class)->dispose (object);
}

static void
alcove_jurisdiction_group_class_init (AlcoveJurisdictionGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = alcove_jurisdiction_group_dispose;
}

static void
alcove_jurisdiction_group_init (AlcoveJurisdictionGroup *self)
{
  self->row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->row), "jurisdiction");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), _("Privacy Law"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->row));
}

AlcoveJurisdictionGroup *
alcove_jurisdiction_group_new (AlcoveVault *vault)
{
  AlcoveJurisdictionGroup *self;
  gboolean owner;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_JURISDICTION_GROUP, NULL);
  self->vault = g_object_ref (vault);
  owner = alcove_practice_settings_can_change (vault);
  gtk_widget_set_sensitive (GTK_WIDGET (self->row), owner);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Jurisdiction"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         owner
                                         ? _("The law whose wording Alcove uses for breach "
                                             "deadlines, consents and disclosures. Changing it "
                                             "is signed as yours and audited.")
                                         : _("The law whose wording Alcove uses for breach "
                                             "deadlines, consents and disclosures. A practice "
                                             "owner sets it."));
  sync_from_vault (self);
  g_signal_connect_object (self->row, "notify::selected", G_CALLBACK (selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (vault, "changed::settings", G_CALLBACK (sync_from_vault), self,
                           G_CONNECT_SWAPPED);
  return self;
}
