/* alcove-password-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-password-row"

#include "config.h"

#include "alcove-password-row.h"

/* AdwPasswordEntryRow (libadwaita 1.2) reports its field over AT-SPI as plain text, so a
 * screen reader treats the password as text it may read out. A GtkPasswordEntry is reported
 * with the "password text" role; this row puts one where AdwPasswordEntryRow was, with the
 * API its callers used. */
struct _AlcovePasswordRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *entry;
};

static void alcove_password_row_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlcovePasswordRow, alcove_password_row, ADW_TYPE_ACTION_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE,
                                                      alcove_password_row_editable_init))

enum {
  ENTRY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
alcove_password_row_new (void)
{
  return g_object_new (ALCOVE_TYPE_PASSWORD_ROW, NULL);
}

GtkWidget *
alcove_password_row_get_entry (AlcovePasswordRow *self)
{
  g_return_val_if_fail (ALCOVE_IS_PASSWORD_ROW (self), NULL);
  return self->entry;
}

static GtkEditable *
alcove_password_row_get_delegate (GtkEditable *editable)
{
  AlcovePasswordRow *self = ALCOVE_PASSWORD_ROW (editable);

  /* the GtkText inside the entry, where the text and its wiped buffer live */
  return gtk_editable_get_delegate (GTK_EDITABLE (self->entry));
}

static void
alcove_password_row_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = alcove_password_row_get_delegate;
}

static void
entry_activated_cb (AlcovePasswordRow *self)
{
  g_signal_emit (self, signals[ENTRY_ACTIVATED], 0);
}

static gboolean
alcove_password_row_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (ALCOVE_PASSWORD_ROW (widget)->entry);
}

static void
alcove_password_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  if (!gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alcove_password_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  if (!gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alcove_password_row_dispose (GObject *object)
{
  AlcovePasswordRow *self = ALCOVE_PASSWORD_ROW (object);

  if (self->entry != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  self->entry = NULL;

  G_OBJECT_CLASS (alcove_password_row_parent_class)->dispose (object);
}

static void
alcove_password_row_class_init (AlcovePasswordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = alcove_password_row_set_property;
  object_class->get_property = alcove_password_row_get_property;
  object_class->dispose = alcove_password_row_dispose;
  widget_class->grab_focus = alcove_password_row_grab_focus;
  gtk_editable_install_properties (object_class, 1);

  /* Enter in the field, as AdwEntryRow::entry-activated */
  signals[ENTRY_ACTIVATED] = g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
alcove_password_row_init (AlcovePasswordRow *self)
{
  self->entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (self->entry), TRUE);
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_widget_set_valign (self->entry, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->entry);
  /* a click on the row, or its mnemonic, lands in the field; and the row's title names the
   * field for assistive technologies (libadwaita relates them) */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), self->entry);
  gtk_editable_init_delegate (GTK_EDITABLE (self));
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (entry_activated_cb), self,
                           G_CONNECT_SWAPPED);
}
