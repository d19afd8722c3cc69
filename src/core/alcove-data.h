/* alcove-data.h — the domain's data files (formats, consents, checklist, breach rules,
 * disclosure bases), read from the GResources compiled into the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A member or an element of the type asked for, or NULL: when the object or array is NULL,
 * or the member is missing or of another type. A data file is checked as it is read, so a
 * wrong type is a missing value, never a critical from json-glib. */
const char *alcove_data_member_string  (JsonObject *object,
                                        const char *name);
JsonArray  *alcove_data_member_array   (JsonObject *object,
                                        const char *name);
JsonObject *alcove_data_element_object (JsonArray  *array,
                                        guint       index);

/* Parses one data file into `parser`. FALSE with an error when it is not JSON (or too large
 * or too deep to be one of ours); otherwise TRUE, and *root is its top-level object, or NULL
 * when the top level is something else: the caller says what it needed. */
gboolean    alcove_data_parse          (JsonParser  *parser,
                                        GBytes      *json,
                                        JsonObject **root,
                                        GError     **error);

/* One data file of `resource`, parsed (transfer full: the parser keeps *root alive); NULL
 * with an error when it is missing or not JSON. *root as alcove_data_parse() gives it. */
JsonParser *alcove_data_load_file      (GResource   *resource,
                                        const char  *path,
                                        JsonObject **root,
                                        GError     **error);

/* Makes one item from one data file, or NULL with an error that says what is wrong */
typedef gpointer     (*AlcoveDataParseFunc) (GBytes   *json,
                                             GError  **error);
typedef const char * (*AlcoveDataIdFunc)    (gpointer  item);

/* Every *.json file of the folder `path` (ending in '/') of `resource`, each made into an
 * item of `item_type` by `parse`: first the ids of `order` (NULL-terminated) in that order,
 * then any others by id. A broken file is reported as critical, naming `what` ("Note
 * format") and the file, and left out. */
GListStore *alcove_data_load_folder    (GResource           *resource,
                                        const char          *path,
                                        GType                item_type,
                                        AlcoveDataParseFunc  parse,
                                        AlcoveDataIdFunc     get_id,
                                        const char * const  *order,
                                        const char          *what);

G_END_DECLS
