/* alcove-measure-administration.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-measure-administration"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "alcove-error.h"
#include "alcove-json-guard.h"
#include "alcove-measure-administration.h"

struct _AlcoveMeasureAdministration
{
  GObject              parent_instance;

  char                *id;
  char                *client_id;
  AlcoveMeasure       *measure;
  char                *administered_on;
  char                *session_id;
  char                *author;
  GHashTable          *answers;
  AlcoveMeasureResult *result;
  gint64               acknowledged_ms;
  gint64               created_ms;
};

G_DEFINE_FINAL_TYPE (AlcoveMeasureAdministration, alcove_measure_administration, G_TYPE_OBJECT)

static void
alcove_measure_administration_finalize (GObject *object)
{
  AlcoveMeasureAdministration *self = ALCOVE_MEASURE_ADMINISTRATION (object);

  g_free (self->id);
  g_free (self->client_id);
  g_clear_object (&self->measure);
  g_free (self->administered_on);
  g_free (self->session_id);
  g_free (self->author);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->result, alcove_measure_result_free);

  G_OBJECT_CLASS (alcove_measure_administration_parent_class)->finalize (object);
}

static void
alcove_measure_administration_class_init (AlcoveMeasureAdministrationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_measure_administration_finalize;
}

static void
alcove_measure_administration_init (AlcoveMeasureAdministration *self)
{
}

AlcoveMeasureAdministration *
alcove_measure_administration_new (const char   *id,
                                   const char   *client_id,
                                   const char   *measure_id,
                                   const char   *administered_on,
                                   const char   *session_id,
                                   GHashTable   *answers,
                                   gint64        acknowledged_ms,
                                   gint64        created_ms,
                                   const char   *author,
                                   GError      **error)
{
  g_autoptr(AlcoveMeasureAdministration) self = NULL;
  AlcoveMeasure *measure;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (id != NULL && client_id != NULL && measure_id != NULL, NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  measure = alcove_measure_lookup (measure_id);
  if (measure == NULL)
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                          _("There is no outcome measure “%s”"), measure_id);
      return NULL;
    }
  self = g_object_new (ALCOVE_TYPE_MEASURE_ADMINISTRATION, NULL);
  self->id = g_strdup (id);
  self->client_id = g_strdup (client_id);
  self->measure = g_object_ref (measure);
  self->administered_on = g_strdup (administered_on ? administered_on : "");
  self->session_id = g_strdup (session_id ? session_id : "");
  self->author = g_strdup (author ? author : "");
  self->acknowledged_ms = acknowledged_ms;
  self->created_ms = created_ms;
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->answers, g_strdup (key), value);
  self->result = alcove_measure_score (measure, self->answers, error);
  if (self->result == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

#define GETTER(type, name, expr) \
  type alcove_measure_administration_get_##name (AlcoveMeasureAdministration *self) \
  { g_return_val_if_fail (ALCOVE_IS_MEASURE_ADMINISTRATION (self), (type) 0); return expr; }

GETTER (const char *, id, self->id)
GETTER (const char *, client_id, self->client_id)
GETTER (AlcoveMeasure *, measure, self->measure)
GETTER (const char *, measure_id, alcove_measure_get_id (self->measure))
GETTER (const char *, administered_on, self->administered_on)
GETTER (const char *, session_id, self->session_id)
GETTER (const char *, author, self->author)
GETTER (gint64, created_ms, self->created_ms)
GETTER (GHashTable *, answers, self->answers)
GETTER (int, total, self->result->total)
GETTER (const char *, band_id, self->result->band_id)
GETTER (const char *, band_label, self->result->band_label)
GETTER (GPtrArray *, alert_ids, self->result->alert_ids)
GETTER (GPtrArray *, alert_messages, self->result->alert_messages)
GETTER (gint64, acknowledged_ms, self->acknowledged_ms)

gboolean
alcove_measure_administration_is_complete (AlcoveMeasureAdministration *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE_ADMINISTRATION (self), FALSE);
  return self->result->complete;
}

char *
alcove_measure_answers_to_json (AlcoveMeasure *measure,
                                GHashTable    *answers)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (ALCOVE_IS_MEASURE (measure), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < alcove_measure_get_n_items (measure); i++)
    {
      const AlcoveMeasureItem *item = alcove_measure_get_item (measure, i);
      gpointer value;

      if (!g_hash_table_lookup_extended (answers, item->id, NULL, &value))
        continue;
      json_builder_set_member_name (builder, item->id);
      json_builder_add_int_value (builder, GPOINTER_TO_INT (value) - 1);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

GHashTable *
alcove_measure_answers_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  /* read from a store an insider may have written: a few dozen items, one level deep */
  if (json == NULL || !alcove_json_guard_check (json, strlen (json), 64 * 1024, 2, NULL) ||
      !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      gint64 score;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return NULL;
      score = json_node_get_int (node);
      if (score < 0 || score > 1000)
        return NULL;
      g_hash_table_insert (answers, g_strdup (l->data), GINT_TO_POINTER ((int) score + 1));
    }
  return g_steal_pointer (&answers);
}
