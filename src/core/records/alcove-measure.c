/* alcove-measure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-measure"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-data.h"
#include "alcove-error.h"
#include "alcove-measure.h"

/* Measures are data (the JSON files of data/measures, see its README): each text is quoted
 * from the published instrument and never translated here, since only a validated
 * translation may be given to a client. Scoring, bands, alerts and the reliable-change value come from the
 * same files; a reliable-change value that the file does not mark verified is not used. */

GResource *alcove_measures_get_resource (void);

#define MEASURES_PATH "/io/github/alcove_notes/Alcove/measures/"

struct _AlcoveMeasure
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char      *instructions;
  char      *licence;
  gboolean   derived;
  GStrv      components;  /* derived: the measures it is scored from */
  GStrv      scored_ids;  /* the items of the total, in order */
  GArray    *options;     /* AlcoveMeasureOption: the measure's default answers */
  GPtrArray *items;       /* AlcoveMeasureItem */
  GArray    *bands;       /* AlcoveMeasureBand */
  GPtrArray *alerts;      /* Alert */
  int        min;
  int        max;
  int        reliable_change;
};

typedef struct
{
  char *id;
  char *item;
  char *op;
  int   value;
  char *message;
} Alert;

G_DEFINE_FINAL_TYPE (AlcoveMeasure, alcove_measure, G_TYPE_OBJECT)

static void
option_clear (gpointer data)
{
  g_free (((AlcoveMeasureOption *) data)->label);
}

static void
band_clear (gpointer data)
{
  AlcoveMeasureBand *band = data;

  g_free (band->id);
  g_free (band->label);
}

static void
item_free (AlcoveMeasureItem *item)
{
  g_free (item->id);
  g_free (item->text);
  g_clear_pointer (&item->options, g_array_unref);
  g_free (item);
}

static void
alert_free (Alert *alert)
{
  g_free (alert->id);
  g_free (alert->item);
  g_free (alert->op);
  g_free (alert->message);
  g_free (alert);
}

static GArray *
options_new (void)
{
  GArray *options = g_array_new (FALSE, TRUE, sizeof (AlcoveMeasureOption));

  g_array_set_clear_func (options, option_clear);
  return options;
}

static void
alcove_measure_finalize (GObject *object)
{
  AlcoveMeasure *self = ALCOVE_MEASURE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->instructions);
  g_free (self->licence);
  g_strfreev (self->components);
  g_strfreev (self->scored_ids);
  g_array_unref (self->options);
  g_ptr_array_unref (self->items);
  g_array_unref (self->bands);
  g_ptr_array_unref (self->alerts);

  G_OBJECT_CLASS (alcove_measure_parent_class)->finalize (object);
}

static void
alcove_measure_class_init (AlcoveMeasureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_measure_finalize;
}

static void
alcove_measure_init (AlcoveMeasure *self)
{
  self->options = options_new ();
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->bands = g_array_new (FALSE, TRUE, sizeof (AlcoveMeasureBand));
  g_array_set_clear_func (self->bands, band_clear);
  self->alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) alert_free);
}

void
alcove_measure_result_free (AlcoveMeasureResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->alert_ids);
  g_ptr_array_unref (result->alert_messages);
  g_free (result);
}

/* ---- reading a file ---- */

static gboolean
damaged (GError     **error,
         const char  *what)
{
  return alcove_error_failf (error, ALCOVE_VAULT_ERROR_DAMAGED,
                             _("The measure’s data is damaged (%s)"), what);
}

static gboolean
member_int (JsonObject *object,
            const char *name,
            int        *value)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = (int) CLAMP (json_node_get_int (node), -100000, 100000);
  return TRUE;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
member_bool (JsonObject *object,
             const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static GStrv
member_strv (JsonObject *object,
             const char *name)
{
  JsonArray *array = alcove_data_member_array (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

/* An unscored item's answers print no numbers (the PHQ-9's difficulty question): each is
 * stored as its position */
static gboolean
parse_options (JsonArray  *array,
               gboolean    scored,
               GArray     *into,
               GError    **error)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = alcove_data_element_object (array, i);
      AlcoveMeasureOption option = { 0 };

      if (!scored && object != NULL && json_object_has_member (object, "score") &&
          json_object_get_null_member (object, "score"))
        option.score = (int) i;
      else if (!member_int (object, "score", &option.score))
        return damaged (error, "options");
      if (alcove_data_member_string (object, "label") == NULL)
        return damaged (error, "options");
      option.label = g_strdup (alcove_data_member_string (object, "label"));
      g_array_append_val (into, option);
    }
  return TRUE;
}

static gboolean
parse_items (AlcoveMeasure  *self,
             JsonObject     *root,
             GError        **error)
{
  JsonArray *items = alcove_data_member_array (root, "items");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *object = alcove_data_element_object (items, i);
      AlcoveMeasureItem *item = g_new0 (AlcoveMeasureItem, 1);
      JsonArray *own = alcove_data_member_array (object, "options");

      g_ptr_array_add (self->items, item);
      if (alcove_data_member_string (object, "id") == NULL ||
          alcove_data_member_string (object, "text") == NULL)
        return damaged (error, "items");
      item->id = g_strdup (alcove_data_member_string (object, "id"));
      item->text = g_strdup (alcove_data_member_string (object, "text"));
      member_int (object, "number", &item->number);
      item->scored = !json_object_has_member (object, "scored") || member_bool (object, "scored");
      item->optional = member_bool (object, "optional");
      item->options = own ? options_new () : g_array_ref (self->options);
      if (own != NULL && !parse_options (own, item->scored, item->options, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_bands (AlcoveMeasure  *self,
             JsonObject     *root,
             GError        **error)
{
  JsonArray *bands = alcove_data_member_array (root, "bands");

  for (guint i = 0; bands != NULL && i < json_array_get_length (bands); i++)
    {
      JsonObject *object = alcove_data_element_object (bands, i);
      AlcoveMeasureBand band = { 0 };

      if (alcove_data_member_string (object, "id") == NULL ||
          alcove_data_member_string (object, "label") == NULL ||
          !member_int (object, "min", &band.min) || !member_int (object, "max", &band.max) ||
          band.min > band.max)
        return damaged (error, "bands");
      band.id = g_strdup (alcove_data_member_string (object, "id"));
      band.label = g_strdup (alcove_data_member_string (object, "label"));
      g_array_append_val (self->bands, band);
    }
  return TRUE;
}

static gboolean
parse_alerts (AlcoveMeasure  *self,
              JsonObject     *root,
              GError        **error)
{
  JsonArray *alerts = alcove_data_member_array (root, "alerts");

  for (guint i = 0; alerts != NULL && i < json_array_get_length (alerts); i++)
    {
      JsonObject *object = alcove_data_element_object (alerts, i);
      JsonObject *when = object ? member_object (object, "when") : NULL;
      Alert *alert = g_new0 (Alert, 1);

      g_ptr_array_add (self->alerts, alert);
      if (alcove_data_member_string (object, "id") == NULL ||
          alcove_data_member_string (object, "item") == NULL ||
          alcove_data_member_string (object, "message") == NULL ||
          !g_strv_contains ((const char * const[]) { ">", ">=", NULL },
                            alcove_data_member_string (when, "op") ? alcove_data_member_string (when, "op") : "") ||
          !member_int (when, "value", &alert->value))
        return damaged (error, "alerts");
      alert->id = g_strdup (alcove_data_member_string (object, "id"));
      alert->item = g_strdup (alcove_data_member_string (object, "item"));
      alert->op = g_strdup (alcove_data_member_string (when, "op"));
      alert->message = g_strdup (alcove_data_member_string (object, "message"));
    }
  return TRUE;
}

static void
parse_reliable_change (AlcoveMeasure *self,
                       JsonObject    *root)
{
  JsonObject *object = member_object (root, "reliable_change");

  if (object != NULL && member_bool (object, "verified"))
    member_int (object, "points", &self->reliable_change);
}

static gboolean
parse_scoring (AlcoveMeasure  *self,
               JsonObject     *root,
               GError        **error)
{
  JsonObject *scoring = member_object (root, "scoring");

  if (scoring == NULL || g_strcmp0 (alcove_data_member_string (scoring, "method"), "sum") != 0 ||
      !member_int (scoring, "min", &self->min) || !member_int (scoring, "max", &self->max))
    return damaged (error, "scoring");
  self->scored_ids = member_strv (scoring, "items");
  return self->scored_ids[0] != NULL || damaged (error, "scoring");
}

static gboolean
parse_measure (AlcoveMeasure  *self,
               JsonObject     *root,
               GError        **error)
{
  JsonObject *licence = member_object (root, "licence");

  if (alcove_data_member_string (root, "id") == NULL ||
      alcove_data_member_string (root, "name") == NULL)
    return damaged (error, "id");
  self->id = g_strdup (alcove_data_member_string (root, "id"));
  self->name = g_strdup (alcove_data_member_string (root, "name"));
  self->instructions = g_strdup (alcove_data_member_string (root, "instructions"));
  self->licence = g_strdup (alcove_data_member_string (licence, "statement"));
  self->derived = g_strcmp0 (alcove_data_member_string (root, "kind"), "derived") == 0;
  if (self->licence == NULL)
    return damaged (error, "licence");
  if (!parse_options (alcove_data_member_array (root, "options"), TRUE, self->options, error) ||
      !parse_items (self, root, error) || !parse_scoring (self, root, error) ||
      !parse_bands (self, root, error) || !parse_alerts (self, root, error))
    return FALSE;
  parse_reliable_change (self, root);
  if (self->derived)
    {
      JsonArray *components = alcove_data_member_array (root, "components");
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

      for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
        {
          const char *id = alcove_data_member_string (alcove_data_element_object (components, i),
                                                      "measure");
          if (id != NULL)
            g_strv_builder_add (ids, id);
        }
      self->components = g_strv_builder_end (ids);
    }
  return TRUE;
}

AlcoveMeasure *
alcove_measure_new_from_json (GBytes  *json,
                              GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AlcoveMeasure) self = g_object_new (ALCOVE_TYPE_MEASURE, NULL);
  JsonObject *root;

  if (!alcove_data_parse (parser, json, &root, error))
    return NULL;
  if (root == NULL)
    {
      damaged (error, "not an object");
      return NULL;
    }
  if (!parse_measure (self, root, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- derived measures take their items from their components ---- */

static AlcoveMeasureItem *
item_copy_as (const AlcoveMeasureItem *item,
              const char              *measure_id)
{
  AlcoveMeasureItem *copy = g_new0 (AlcoveMeasureItem, 1);

  copy->id = g_strdup_printf ("%s:%s", measure_id, item->id);
  copy->number = item->number;
  copy->text = g_strdup (item->text);
  copy->scored = item->scored;
  copy->optional = item->optional;
  copy->options = g_array_ref (item->options);
  return copy;
}

static void
resolve_derived (AlcoveMeasure *self,
                 GListModel    *all)
{
  for (guint c = 0; self->components[c] != NULL; c++)
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(AlcoveMeasure) component = g_list_model_get_item (all, i);

        if (!g_str_equal (component->id, self->components[c]))
          continue;
        for (guint j = 0; j < component->items->len; j++)
          g_ptr_array_add (self->items, item_copy_as (g_ptr_array_index (component->items, j),
                                                      component->id));
      }
}

static gpointer
parse_file (GBytes  *json,
            GError **error)
{
  return alcove_measure_new_from_json (json, error);
}

static const char *
id_of (gpointer item)
{
  return ALCOVE_MEASURE (item)->id;
}

static GListStore *
load_measures (void)
{
  static const char * const order[] = { "phq9", "gad7", "phqads", "phq15", "pcl5", NULL };
  GListStore *store = alcove_data_load_folder (alcove_measures_get_resource (), MEASURES_PATH,
                                               ALCOVE_TYPE_MEASURE, parse_file, id_of, order,
                                               "Measure");

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(AlcoveMeasure) measure = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (measure->derived)
        resolve_derived (measure, G_LIST_MODEL (store));
    }
  return store;
}

GListModel *
alcove_measure_list_all (void)
{
  static GListStore *measures;

  if (g_once_init_enter (&measures))
    g_once_init_leave (&measures, load_measures ());
  return G_LIST_MODEL (measures);
}

AlcoveMeasure *
alcove_measure_lookup (const char *id)
{
  GListModel *all = alcove_measure_list_all ();

  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveMeasure) measure = g_list_model_get_item (all, i);

      if (g_str_equal (measure->id, id))
        return measure;  /* the list keeps it alive */
    }
  return NULL;
}

/* ---- accessors ---- */

const char *
alcove_measure_get_id (AlcoveMeasure *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), NULL);
  return self->id;
}

const char *
alcove_measure_get_name (AlcoveMeasure *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), NULL);
  return self->name;
}

const char *
alcove_measure_get_instructions (AlcoveMeasure *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), NULL);
  return self->instructions;
}

const char *
alcove_measure_get_licence (AlcoveMeasure *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), NULL);
  return self->licence;
}

gboolean
alcove_measure_is_derived (AlcoveMeasure *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), FALSE);
  return self->derived;
}

const char * const *
alcove_measure_get_components (AlcoveMeasure *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), NULL);
  return self->components ? (const char * const *) self->components : none;
}

guint
alcove_measure_get_n_items (AlcoveMeasure *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), 0);
  return self->items->len;
}

const AlcoveMeasureItem *
alcove_measure_get_item (AlcoveMeasure *self,
                         guint          index)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self) && index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

guint
alcove_measure_get_n_bands (AlcoveMeasure *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), 0);
  return self->bands->len;
}

const AlcoveMeasureBand *
alcove_measure_get_band (AlcoveMeasure *self,
                         guint          index)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self) && index < self->bands->len, NULL);
  return &g_array_index (self->bands, AlcoveMeasureBand, index);
}

int
alcove_measure_get_min (AlcoveMeasure *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), 0);
  return self->min;
}

int
alcove_measure_get_max (AlcoveMeasure *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), 0);
  return self->max;
}

int
alcove_measure_get_reliable_change_points (AlcoveMeasure *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), 0);
  return self->reliable_change;
}

guint
alcove_measure_get_n_alerts (AlcoveMeasure *self)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), 0);
  return self->alerts->len;
}

/* ---- scoring ---- */

static const AlcoveMeasureItem *
find_item (AlcoveMeasure *self,
           const char    *id)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      AlcoveMeasureItem *item = g_ptr_array_index (self->items, i);

      if (g_str_equal (item->id, id))
        return item;
    }
  return NULL;
}

static gboolean
is_an_option (const AlcoveMeasureItem *item,
              int                      score)
{
  for (guint i = 0; i < item->options->len; i++)
    if (g_array_index (item->options, AlcoveMeasureOption, i).score == score)
      return TRUE;
  return FALSE;
}

static gboolean
check_answers (AlcoveMeasure  *self,
               GHashTable     *answers,
               GError        **error)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const AlcoveMeasureItem *item = find_item (self, key);

      if (item == NULL)
        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                   _("%s has no item “%s”"), self->name, (const char *) key);
      if (!is_an_option (item, GPOINTER_TO_INT (value) - 1))
        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                   _("%d is not an answer to item %d of %s"),
                                   GPOINTER_TO_INT (value) - 1, item->number, self->name);
    }
  return TRUE;
}

static const AlcoveMeasureBand *
band_of (AlcoveMeasure *self,
         int            total)
{
  for (guint i = 0; i < self->bands->len; i++)
    {
      AlcoveMeasureBand *band = &g_array_index (self->bands, AlcoveMeasureBand, i);

      if (total >= band->min && total <= band->max)
        return band;
    }
  return NULL;
}

static void
raise_alerts (AlcoveMeasure       *self,
              GHashTable          *answers,
              AlcoveMeasureResult *result)
{
  for (guint i = 0; i < self->alerts->len; i++)
    {
      Alert *alert = g_ptr_array_index (self->alerts, i);
      gpointer value;
      int score;

      if (!g_hash_table_lookup_extended (answers, alert->item, NULL, &value))
        continue;
      score = GPOINTER_TO_INT (value) - 1;
      if (g_str_equal (alert->op, ">") ? score > alert->value : score >= alert->value)
        {
          g_ptr_array_add (result->alert_ids, g_strdup (alert->id));
          g_ptr_array_add (result->alert_messages, g_strdup (alert->message));
        }
    }
}

AlcoveMeasureResult *
alcove_measure_score (AlcoveMeasure  *self,
                      GHashTable     *answers,
                      GError        **error)
{
  g_autoptr(AlcoveMeasureResult) result = g_new0 (AlcoveMeasureResult, 1);
  const AlcoveMeasureBand *band;

  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  result->alert_ids = g_ptr_array_new_with_free_func (g_free);
  result->alert_messages = g_ptr_array_new_with_free_func (g_free);
  if (!check_answers (self, answers, error))
    return NULL;
  result->complete = TRUE;
  for (guint i = 0; self->scored_ids[i] != NULL; i++)
    {
      const AlcoveMeasureItem *item = find_item (self, self->scored_ids[i]);
      gpointer value;

      if (g_hash_table_lookup_extended (answers, self->scored_ids[i], NULL, &value))
        result->total += GPOINTER_TO_INT (value) - 1;
      else if (item == NULL || !item->optional)
        result->complete = FALSE;
    }
  band = result->complete ? band_of (self, result->total) : NULL;
  result->band_id = band ? band->id : NULL;
  result->band_label = band ? band->label : NULL;
  raise_alerts (self, answers, result);
  return g_steal_pointer (&result);
}

AlcoveReliableChange
alcove_measure_compare (AlcoveMeasure *self,
                        int            baseline,
                        int            latest)
{
  g_return_val_if_fail (ALCOVE_IS_MEASURE (self), ALCOVE_CHANGE_UNKNOWN);

  if (self->reliable_change <= 0)
    return ALCOVE_CHANGE_UNKNOWN;
  if (baseline - latest >= self->reliable_change)
    return ALCOVE_CHANGE_IMPROVED;
  if (latest - baseline >= self->reliable_change)
    return ALCOVE_CHANGE_WORSENED;
  return ALCOVE_CHANGE_NONE;
}
