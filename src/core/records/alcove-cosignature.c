/* alcove-cosignature.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-cosignature"

#include "config.h"

#include <json-glib/json-glib.h>

#include "alcove-cosignature.h"

/* The messages are JSON with their members in byte order, built by hand so the same row
 * always gives the same bytes */

void
alcove_cosignature_free (AlcoveCosignature *cosignature)
{
  if (cosignature == NULL)
    return;
  g_free (cosignature->id);
  g_free (cosignature->hash);
  g_free (cosignature->cosigner);
  g_free (cosignature->signature);
  g_free (cosignature);
}

void
alcove_note_return_free (AlcoveNoteReturn *note_return)
{
  if (note_return == NULL)
    return;
  g_free (note_return->id);
  g_free (note_return->signed_by);
  g_free (note_return->hash);
  g_free (note_return->canonical);
  g_free (note_return->returned_by);
  g_free (note_return->comment);
  g_free (note_return->signature);
  g_free (note_return);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static char *
finish (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

char *
alcove_cosignature_dup_message (const AlcoveCosignature *cosignature,
                                const char              *note_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (cosignature != NULL, NULL);

  json_builder_begin_object (builder);
  add_int (builder, "cosigned_ms", cosignature->cosigned_ms);
  add_string (builder, "cosigner", cosignature->cosigner);
  add_string (builder, "hash", cosignature->hash);
  add_string (builder, "id", cosignature->id);
  add_string (builder, "note_id", note_id);
  add_string (builder, "version", "alcove-cosign-1");
  return finish (builder);
}

char *
alcove_note_return_dup_message (const AlcoveNoteReturn *note_return,
                                const char             *note_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (note_return != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "comment", note_return->comment);
  add_string (builder, "hash", note_return->hash);
  add_string (builder, "id", note_return->id);
  add_string (builder, "note_id", note_id);
  add_string (builder, "returned_by", note_return->returned_by);
  add_int (builder, "returned_ms", note_return->returned_ms);
  add_string (builder, "signed_by", note_return->signed_by);
  add_int (builder, "signed_ms", note_return->signed_ms);
  add_string (builder, "version", "alcove-return-1");
  return finish (builder);
}
