/* alcove-about.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-about"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-about.h"

#define METAINFO "/io/github/alcove_notes/Alcove/metainfo.xml"

typedef struct
{
  GPtrArray *stack;          /* element names */
  GString   *text;           /* the current element's text */
  GString   *release_notes;  /* markup of the newest release's description */
  char      *release_version;
  gboolean   in_release_notes;
  gboolean   release_done;
  char      *url_type;
  AdwAboutWindow *about;
} Reader;

static const char *
parent_element (Reader *reader)
{
  return reader->stack->len >= 2 ? g_ptr_array_index (reader->stack, reader->stack->len - 2) : "";
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  Reader *reader = user_data;

  g_ptr_array_add (reader->stack, g_strdup (name));
  g_string_truncate (reader->text, 0);
  if (reader->in_release_notes)
    g_string_append_printf (reader->release_notes, "<%s>", name);
  if (g_str_equal (name, "release") && !reader->release_done && reader->release_version == NULL)
    for (guint i = 0; attribute_names[i]; i++)
      if (g_str_equal (attribute_names[i], "version"))
        reader->release_version = g_strdup (attribute_values[i]);
  if (g_str_equal (name, "description") && g_str_equal (parent_element (reader), "release") &&
      !reader->release_done)
    reader->in_release_notes = TRUE;
  if (g_str_equal (name, "url"))
    for (guint i = 0; attribute_names[i]; i++)
      if (g_str_equal (attribute_names[i], "type"))
        {
          g_free (reader->url_type);
          reader->url_type = g_strdup (attribute_values[i]);
        }
}

static void
text_cb (GMarkupParseContext *context,
         const char          *text,
         gsize                length,
         gpointer             user_data,
         GError             **error)
{
  Reader *reader = user_data;
  g_autofree char *escaped = g_markup_escape_text (text, (gssize) length);

  g_string_append_len (reader->text, text, (gssize) length);
  if (reader->in_release_notes)
    g_string_append (reader->release_notes, escaped);
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *name,
                gpointer              user_data,
                GError              **error)
{
  Reader *reader = user_data;
  gboolean top = g_str_equal (parent_element (reader), "component");
  const char *text = g_strstrip (reader->text->str);

  if (g_str_equal (name, "description") && reader->in_release_notes)
    {
      reader->in_release_notes = FALSE;
      reader->release_done = TRUE;
    }
  else if (reader->in_release_notes)
    g_string_append_printf (reader->release_notes, "</%s>", name);
  else if (top && g_str_equal (name, "name"))
    adw_about_window_set_application_name (reader->about, text);
  else if (top && g_str_equal (name, "developer_name"))
    adw_about_window_set_developer_name (reader->about, text);
  else if (top && g_str_equal (name, "url") && g_strcmp0 (reader->url_type, "homepage") == 0)
    adw_about_window_set_website (reader->about, text);
  else if (top && g_str_equal (name, "url") && g_strcmp0 (reader->url_type, "bugtracker") == 0)
    adw_about_window_set_issue_url (reader->about, text);
  g_ptr_array_remove_index (reader->stack, reader->stack->len - 1);
}

GtkWidget *
alcove_about_window_new (GtkWindow *parent)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, text_cb, NULL, NULL };
  g_autoptr(GBytes) bytes = g_resources_lookup_data (METAINFO, 0, NULL);
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  Reader reader = { g_ptr_array_new_with_free_func (g_free), g_string_new (NULL),
                    g_string_new (NULL), NULL, FALSE, FALSE, NULL, about };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &reader, NULL);
  gsize size;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_comments (about, _("Therapy notes that stay in the room"));
  if (data == NULL || !g_markup_parse_context_parse (context, data, (gssize) size, NULL))
    g_warning ("The metainfo in the resources could not be read");
  if (reader.release_notes->len > 0)
    {
      adw_about_window_set_release_notes_version (about, reader.release_version);
      adw_about_window_set_release_notes (about, reader.release_notes->str);
    }

  g_ptr_array_unref (reader.stack);
  g_string_free (reader.text, TRUE);
  g_string_free (reader.release_notes, TRUE);
  g_free (reader.release_version);
  g_free (reader.url_type);
  return GTK_WIDGET (about);
}
