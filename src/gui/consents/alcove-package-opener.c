/* alcove-package-opener.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-package-opener"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "alcove-lists-and-messages.h"
#include "alcove-package.h"
#include "alcove-package-opener.h"
#include "alcove-password-row.h"

/* One opening, from choosing the file to showing the PDF */
typedef struct
{
  GtkWindow     *parent;
  AlcoveVault   *vault;
  char          *path;
  AlcovePackage *package;
} Opening;

static void
opening_free (Opening *opening)
{
  g_clear_object (&opening->parent);
  g_clear_object (&opening->vault);
  g_free (opening->path);
  g_clear_object (&opening->package);
  g_free (opening);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

static void
show_failure (Opening      *opening,
              const GError *error)
{
  alcove_message_error_dialog (GTK_WIDGET (opening->parent), _("The Package Was Not Opened"),
                               error->message);
}

static char *
replace_suffix (const char *path,
                const char *extension)
{
  g_autofree char *base = g_strdup (path);

  if (g_str_has_suffix (base, ".pdf"))
    base[strlen (base) - strlen (".pdf")] = '\0';
  return g_strconcat (base, extension, NULL);
}

static void
shown_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree char *pdf_path = user_data;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;
  message = g_strdup_printf (_("The disclosure was saved as %s, but no application could show "
                               "it: open it with a PDF viewer."), pdf_path);
  alcove_message_error_dialog (GTK_WIDGET (source), _("No PDF Viewer"), message);
}

static void
save_pdf_response_cb (GtkNativeDialog *dialog,
                      int              response,
                      gpointer         user_data)
{
  g_autoptr(Opening) opening = user_data;
  g_autofree char *pdf_path = alcove_file_chooser_take_path (dialog, response);
  g_autofree char *json_path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  if (pdf_path == NULL)
    return;
  pdf_path = g_str_has_suffix (pdf_path, ".pdf") ? g_steal_pointer (&pdf_path)
                                                  : replace_suffix (pdf_path, ".pdf");
  json_path = replace_suffix (pdf_path, ".json");
  if (!alcove_package_save_contents (opening->package, pdf_path, json_path, &error))
    {
      show_failure (opening, error);
      return;
    }
  uri = g_filename_to_uri (pdf_path, NULL, NULL);
  if (uri != NULL)
    gtk_show_uri_full (opening->parent, uri, GDK_CURRENT_TIME, NULL, shown_cb,
                       g_steal_pointer (&pdf_path));
}

static void
choose_where_to_save (Opening *opening)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save the Disclosure"),
                                                               opening->parent,
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));
  g_autofree char *base = g_path_get_basename (opening->path);
  g_autofree char *name = NULL;

  if (g_str_has_suffix (base, ALCOVE_PACKAGE_SUFFIX))
    base[strlen (base) - strlen (ALCOVE_PACKAGE_SUFFIX)] = '\0';
  name = g_strconcat (base, ".pdf", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (save_pdf_response_cb), opening);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Opening) opening = user_data;
  g_autoptr(GError) error = NULL;

  opening->package = alcove_package_open_finish (result, &error);
  if (opening->package == NULL)
    {
      show_failure (opening, error);
      return;
    }
  choose_where_to_save (g_steal_pointer (&opening));
}

static void
passphrase_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  g_autoptr(Opening) opening = user_data;
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  const char *typed = gtk_editable_get_text (entry);
  g_autoptr(AlcoveSecret) passphrase = alcove_secret_new_from_data (typed, strlen (typed));

  gtk_editable_set_text (entry, "");
  if (!g_str_equal (response, "open"))
    return;
  alcove_package_open_async (opening->path, passphrase, NULL, opened_cb, opening);
  opening = NULL;  /* opened_cb owns it */
}

static void
ask_passphrase (Opening *opening)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (opening->parent, _("Enter the Package’s Passphrase"),
                            _("The sender gave it to you apart from the file: 6 groups of 4 "
                              "letters and digits.")));
  GtkWidget *box = gtk_list_box_new ();
  GtkWidget *entry = alcove_password_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("_Passphrase"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (entry), TRUE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (box), entry);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "open", _("_Open"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (passphrase_response_cb), opening);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
package_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  g_autoptr(Opening) opening = user_data;
  g_autoptr(GError) error = NULL;
  AlcovePackageKind kind;

  opening->path = alcove_file_chooser_take_path (dialog, response);
  if (opening->path == NULL)
    return;
  if (!alcove_package_peek_kind (opening->path, &kind, &error))
    {
      show_failure (opening, error);
      return;
    }
  if (kind == ALCOVE_PACKAGE_PASSPHRASE)
    {
      ask_passphrase (g_steal_pointer (&opening));
      return;
    }
  /* sealed: no key stretching, so no worker is needed */
  opening->package = alcove_package_open_sealed (opening->path, opening->vault, &error);
  if (opening->package == NULL)
    {
      show_failure (opening, error);
      return;
    }
  choose_where_to_save (g_steal_pointer (&opening));
}

void
alcove_package_opener_open (GtkWindow   *parent,
                            AlcoveVault *vault)
{
  Opening *opening = g_new0 (Opening, 1);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (GTK_IS_WINDOW (parent) && ALCOVE_IS_VAULT (vault));

  opening->parent = g_object_ref (parent);
  opening->vault = g_object_ref (vault);
  chooser = gtk_file_chooser_native_new (_("Open an Encrypted Package"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Encrypted packages"));
  gtk_file_filter_add_suffix (filter, ALCOVE_PACKAGE_SUFFIX + 1);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (package_chosen_cb), opening);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
key_saved_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(Opening) opening = user_data;
  g_autofree char *path = alcove_file_chooser_take_path (dialog, response);
  g_autofree char *body = NULL;
  g_autoptr(AlcovePackageKey) key = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *done;

  if (path == NULL)
    return;
  key = alcove_package_key_for_vault (opening->vault, &error);
  if (key == NULL || !alcove_package_key_save (key, path, &error))
    {
      alcove_message_error_dialog (GTK_WIDGET (opening->parent), _("The Key Was Not Saved"),
                                   error->message);
      return;
    }
  body = g_strdup_printf (_("Send the file to the practice that will seal packages to you. When "
                            "they call to confirm it, read them this fingerprint:\n\n%s"),
                          alcove_package_key_get_fingerprint (key));
  done = ADW_MESSAGE_DIALOG (adw_message_dialog_new (opening->parent, _("Practice Key Saved"),
                                                     body));
  adw_message_dialog_add_response (done, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (done));
}

void
alcove_package_opener_export_key (GtkWindow   *parent,
                                  AlcoveVault *vault)
{
  Opening *opening = g_new0 (Opening, 1);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent) && ALCOVE_IS_VAULT (vault));

  opening->parent = g_object_ref (parent);
  opening->vault = g_object_ref (vault);
  name = g_strconcat (alcove_vault_get_practice_name (vault), ALCOVE_PACKAGE_KEY_SUFFIX, NULL);
  g_strdelimit (name, G_DIR_SEPARATOR_S, '-');  /* a practice name is not a path */
  chooser = gtk_file_chooser_native_new (_("Export the Practice’s Package Key"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (key_saved_response_cb), opening);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
