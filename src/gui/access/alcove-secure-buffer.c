/* alcove-secure-buffer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-secure-buffer"

#include "config.h"

#include "alcove-secure-buffer.h"

/* A password or secret typed into `row` lives in non-pageable memory that GTK wipes when it
 * is cleared (GtkPasswordEntryBuffer), not in an ordinary heap string */
void
alcove_secure_buffer_attach (GtkEditable *row)
{
  GtkEditable *text;
  g_autoptr(GtkEntryBuffer) buffer = NULL;

  g_return_if_fail (GTK_IS_EDITABLE (row));

  text = gtk_editable_get_delegate (row);
  if (!GTK_IS_TEXT (text))
    return;
  buffer = gtk_password_entry_buffer_new ();
  gtk_text_set_buffer (GTK_TEXT (text), buffer);
}
