/* alcove-package-dialogs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-package-dialogs"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "alcove-disclosure-store.h"
#include "alcove-package-dialogs.h"

/* A copied passphrase leaves the clipboard after this long, if it is still there */
#define CLIPBOARD_SECONDS 60

static AdwMessageDialog *
dialog_new (GtkWidget  *parent,
            const char *heading,
            const char *body)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root),
                                                                         heading, body));

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  /* locking closes the wizard; a passphrase must not outlive it on screen */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  return dialog;
}

/* A radio in a boxed list row; the row's title is the radio's accessible label */
static GtkCheckButton *
add_radio_row (GtkListBox     *box,
               GtkCheckButton *group,
               const char     *name,
               const char     *title,
               const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *radio = gtk_check_button_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), group);
  gtk_widget_set_valign (radio, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), radio);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), radio);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (radio), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  gtk_list_box_append (box, row);
  return GTK_CHECK_BUTTON (radio);
}

static GtkListBox *
boxed_list_new (const char *accessible_label)
{
  GtkWidget *box = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return GTK_LIST_BOX (box);
}

/* ---- passphrase or sealed ---- */

AdwMessageDialog *
alcove_package_kind_dialog_new (GtkWidget *parent)
{
  AdwMessageDialog *dialog = dialog_new (parent, _("Save as Encrypted Package"),
                                         _("Choose how the recipient will open it."));
  GtkListBox *box = boxed_list_new (_("How the package is locked"));
  GtkCheckButton *passphrase;
  GtkCheckButton *sealed;

  passphrase = add_radio_row (box, NULL, "passphrase", _("With a _Passphrase"),
                              _("Alcove makes one; you give it to the recipient apart from the "
                                "file"));
  sealed = add_radio_row (box, passphrase, "sealed", _("_Sealed to a Practice"),
                          _("For another practice using Alcove: choose the key file it sent "
                            "you"));
  gtk_check_button_set_active (passphrase, TRUE);
  g_object_set_data (G_OBJECT (dialog), "sealed-radio", sealed);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (box));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "continue", _("C_ontinue"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "continue", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "continue");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

gboolean
alcove_package_kind_dialog_is_sealed (AdwMessageDialog *dialog)
{
  GtkCheckButton *sealed = g_object_get_data (G_OBJECT (dialog), "sealed-radio");

  g_return_val_if_fail (sealed != NULL, FALSE);
  return gtk_check_button_get_active (sealed);
}

/* ---- the practice's key ---- */

static GtkWidget *
big_label_new (const char *text,
               const char *accessible_label)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return label;
}

AdwMessageDialog *
alcove_package_key_dialog_new (GtkWidget        *parent,
                               AlcovePackageKey *key)
{
  g_autofree char *body = g_strdup_printf (_("Call %s on a number you already know and have them "
                                             "read out the fingerprint their Alcove shows. Seal "
                                             "the package only if every group matches."),
                                           alcove_package_key_get_practice (key));
  AdwMessageDialog *dialog = dialog_new (parent, _("Confirm the Practice’s Key"), body);

  GtkWidget *fingerprint = big_label_new (alcove_package_key_get_fingerprint (key),
                                          _("Key fingerprint"));

  gtk_widget_set_name (fingerprint, "fingerprint");
  adw_message_dialog_set_extra_child (dialog, fingerprint);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "seal", _("_Fingerprints Match"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "seal", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/* ---- the passphrase and how it travels ---- */

static const struct
{
  const char *id;
  const char *title;
} deliveries[] = {
  { ALCOVE_DELIVERY_PHONE, N_("By _Phone") },
  { ALCOVE_DELIVERY_IN_PERSON, N_("_In Person") },
  { ALCOVE_DELIVERY_OTHER, N_("Another _Way, Not With the File") },
};

static gboolean
clear_clipboard_cb (gpointer user_data)
{
  GdkClipboard *clipboard = user_data;

  if (gdk_clipboard_is_local (clipboard))
    gdk_clipboard_set_content (clipboard, NULL);
  return G_SOURCE_REMOVE;
}

static void
copy_clicked_cb (GtkButton *button,
                 GtkLabel  *label)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (button));

  gdk_clipboard_set_text (clipboard, gtk_label_get_text (label));
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, CLIPBOARD_SECONDS, clear_clipboard_cb,
                              g_object_ref (clipboard), g_object_unref);
  gtk_button_set_label (button, _("Copied"));
}

static void
delivery_toggled_cb (GtkCheckButton   *radio,
                     AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "record",
                                           alcove_package_passphrase_dialog_get_delivery (dialog)
                                           != NULL);
}

static GtkWidget *
passphrase_box_new (const AlcoveSecret *passphrase)
{
  g_autofree char *text = g_strndup ((const char *) alcove_secret_get_data (passphrase),
                                     alcove_secret_get_size (passphrase));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = big_label_new (text, _("Passphrase"));
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy"));

  gtk_widget_set_name (label, "passphrase");
  gtk_widget_set_halign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "pill");
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_clicked_cb), label, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), copy);
  gnutls_memset (text, 0, strlen (text));
  return box;
}

AdwMessageDialog *
alcove_package_passphrase_dialog_new (GtkWidget          *parent,
                                      const AlcoveSecret *passphrase)
{
  AdwMessageDialog *dialog = dialog_new (parent, _("Give the Passphrase Apart"),
                                         _("The package opens with this passphrase, which "
                                           "Alcove keeps nowhere. Give it to the recipient "
                                           "another way than the file: never in the same "
                                           "e-mail."));
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkListBox *box = boxed_list_new (_("How the passphrase will reach the recipient"));
  GtkWidget *question = gtk_label_new (_("How will the passphrase reach the recipient?"));
  GtkCheckButton *group = NULL;

  gtk_widget_add_css_class (question, "heading");
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_box_append (GTK_BOX (content), passphrase_box_new (passphrase));
  gtk_box_append (GTK_BOX (content), question);
  for (guint i = 0; i < G_N_ELEMENTS (deliveries); i++)
    {
      GtkCheckButton *radio = add_radio_row (box, group, deliveries[i].id,
                                             _(deliveries[i].title), NULL);

      group = group ? group : radio;
      g_object_set_data (G_OBJECT (radio), "delivery", (gpointer) deliveries[i].id);
      g_object_set_data (G_OBJECT (dialog), deliveries[i].id, radio);
      g_signal_connect_object (radio, "toggled", G_CALLBACK (delivery_toggled_cb), dialog, 0);
    }
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (box));
  adw_message_dialog_set_extra_child (dialog, content);
  adw_message_dialog_add_responses (dialog, "discard", _("_Discard Package"),
                                    "record", _("_Record Disclosure"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "record", FALSE);
  adw_message_dialog_set_close_response (dialog, "discard");
  return dialog;
}

const char *
alcove_package_passphrase_dialog_get_delivery (AdwMessageDialog *dialog)
{
  for (guint i = 0; i < G_N_ELEMENTS (deliveries); i++)
    {
      GtkCheckButton *radio = g_object_get_data (G_OBJECT (dialog), deliveries[i].id);

      if (radio != NULL && gtk_check_button_get_active (radio))
        return deliveries[i].id;
    }
  return NULL;
}

void
alcove_package_passphrase_dialog_set_delivery (AdwMessageDialog *dialog,
                                               const char       *delivery)
{
  GtkCheckButton *radio = g_object_get_data (G_OBJECT (dialog), delivery);

  g_return_if_fail (radio != NULL);
  gtk_check_button_set_active (radio, TRUE);
}
