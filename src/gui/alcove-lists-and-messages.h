/* alcove-lists-and-messages.h — what every area's widgets do the same way with their lists
 * (emptying one, saying it is empty) and their messages (a form's error, a failure that
 * needs a dialog)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Removes every row; a placeholder stays */
void       alcove_list_box_remove_rows      (GtkListBox  *box);
/* What the list says while it is empty: dim, wrapped, padded ("list-placeholder") */
void       alcove_list_box_set_placeholder_text (GtkListBox *box,
                                                 const char *text);

/* A form's error banner: shows `message` in `label` and reveals it; NULL hides it */
void       alcove_message_show_error        (GtkRevealer *revealer,
                                             GtkLabel    *label,
                                             const char  *message);
/* A failure to tell over the window of `widget`: `heading`, the reason and a Close button */
void       alcove_message_error_dialog      (GtkWidget   *widget,
                                             const char  *heading,
                                             const char  *message);
/* A form's error line: red, wrapped, hidden until alcove_message_show_error() or
 * gtk_label_set_text() and gtk_widget_set_visible(); `accessible_name` (may be NULL) says
 * what it explains, e.g. "Why the event was not added" */
GtkLabel  *alcove_form_error_label_new      (const char  *accessible_name);
/* A dialog's header bar: `cancel_action`'s Cancel at the start, the suggested button
 * `mnemonic` for `action` at the end (named `name`, the window's default), no close button */
GtkWidget *alcove_dialog_header_new         (GtkWindow   *window,
                                             const char  *cancel_action,
                                             const char  *action,
                                             const char  *mnemonic,
                                             const char  *name,
                                             GtkWidget  **button);
/* A dialog's form: `group` and under it `error_label`, in the dialogs' margins */
GtkWidget *alcove_dialog_form_new           (GtkWidget   *group,
                                             GtkLabel    *error_label);
/* A form at work, or back: the spinner turns, and each widget named (to NULL) is made
 * insensitive. The window's focus is dropped first: a focused entry made insensitive, or
 * destroyed with its window, never hears that it lost the focus. */
void       alcove_form_show_busy            (GtkWindow   *window,
                                             GtkSpinner  *spinner,
                                             gboolean     busy,
                                             GtkWidget   *first_widget,
                                             ...) G_GNUC_NULL_TERMINATED;

/* A question over the window of `widget`, shown at once: `heading`, `body`, Cancel and
 * `response_label`; `response_cb` (an AdwMessageDialog::response handler) gets `user_data`,
 * an object, and is disconnected when it goes */
AdwMessageDialog *alcove_message_confirm_dialog_new (GtkWidget            *widget,
                                                     const char           *heading,
                                                     const char           *body,
                                                     const char           *response,
                                                     const char           *response_label,
                                                     AdwResponseAppearance appearance,
                                                     GCallback             response_cb,
                                                     gpointer              user_data);

/* A question over the window of `widget` that takes a few lines of text, shown at once:
 * `heading`, `body`, a text area named `label` that starts with `text` and has the focus,
 * and Cancel and `response_label` (the suggested `response`), which waits for some text if
 * `require_text` */
AdwMessageDialog *alcove_message_text_dialog_new (GtkWidget   *widget,
                                                  const char  *heading,
                                                  const char  *body,
                                                  const char  *label,
                                                  const char  *text,
                                                  const char  *response,
                                                  const char  *response_label,
                                                  gboolean     require_text);
/* What is written in such a dialog's text area now */
char             *alcove_message_text_dialog_dup_text (AdwMessageDialog *dialog);

/* In a file chooser's "response" handler: the local path chosen, or NULL when the person
 * cancelled; the chooser (owned by the handler) is released either way */
char             *alcove_file_chooser_take_path (GtkNativeDialog *dialog,
                                                 int              response);

/* A file chooser over `parent` for a document to keep in the vault: PDF, PNG or JPEG, by
 * type and by name (a portal may not know the types) */
GtkFileChooserNative *alcove_document_chooser_new (GtkWindow  *parent,
                                                   const char *title);

/* How every plaintext export begins: a warning over `parent` (`heading`, `body`, Cancel and
 * "Choose Where to Save…"), then a save chooser titled `title` offering `file_name`.
 * `chosen` gets the file the person chose, on the parent; it is never called if they
 * cancel either. `destroy` frees `data` in every case. */
typedef void (*AlcoveSaveChosen) (GtkWindow *parent,
                                  GFile     *file,
                                  gpointer   data);

void              alcove_export_warn_and_choose (GtkWindow             *parent,
                                                 const char            *heading,
                                                 const char            *body,
                                                 AdwResponseAppearance  appearance,
                                                 const char            *title,
                                                 const char            *file_name,
                                                 AlcoveSaveChosen       chosen,
                                                 gpointer               data,
                                                 GDestroyNotify         destroy);

G_END_DECLS
