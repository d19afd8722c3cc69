/* alcove-measure.h — an outcome measure (PHQ-9, GAD-7…) and its scoring, from data/measures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALCOVE_TYPE_MEASURE (alcove_measure_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveMeasure, alcove_measure, ALCOVE, MEASURE, GObject)

typedef struct
{
  char *label;
  int   score;
} AlcoveMeasureOption;

typedef struct
{
  char      *id;          /* "phq9_9"; a derived measure's items are "phq9:phq9_9" */
  int        number;
  char      *text;        /* as published: never translated by Alcove */
  gboolean   scored;
  gboolean   optional;    /* may be left unanswered (PHQ-15 item d) */
  GArray    *options;     /* AlcoveMeasureOption */
} AlcoveMeasureItem;

typedef struct
{
  char *id;
  char *label;
  int   min;
  int   max;
} AlcoveMeasureBand;

typedef enum
{
  ALCOVE_CHANGE_UNKNOWN,      /* no published reliable-change value, or no baseline */
  ALCOVE_CHANGE_NONE,         /* within the reliable-change value */
  ALCOVE_CHANGE_IMPROVED,     /* lower by at least the value */
  ALCOVE_CHANGE_WORSENED,     /* higher by at least the value */
} AlcoveReliableChange;

/* What the answers score: the total of the scored items; the band only when every item
 * that is not optional was answered; the alerts raised (their ids and messages) */
typedef struct
{
  int        total;
  gboolean   complete;
  const char *band_id;        /* owned by the measure; NULL if incomplete */
  const char *band_label;
  GPtrArray  *alert_ids;      /* char* */
  GPtrArray  *alert_messages; /* char* */
} AlcoveMeasureResult;

void         alcove_measure_result_free (AlcoveMeasureResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveMeasureResult, alcove_measure_result_free)

/* Every shipped measure, and one by id (transfer none; NULL if there is none) */
GListModel        *alcove_measure_list_all       (void);
AlcoveMeasure     *alcove_measure_lookup         (const char          *id);
/* A measure from one data file's bytes; NULL with an error naming what is wrong */
AlcoveMeasure     *alcove_measure_new_from_json  (GBytes              *json,
                                                  GError             **error);

const char        *alcove_measure_get_id         (AlcoveMeasure       *self);
const char        *alcove_measure_get_name       (AlcoveMeasure       *self);
const char        *alcove_measure_get_instructions (AlcoveMeasure     *self);
const char        *alcove_measure_get_licence    (AlcoveMeasure       *self);
gboolean           alcove_measure_is_derived     (AlcoveMeasure       *self);
/* The measures a derived one is scored from, in order (transfer none) */
const char * const *alcove_measure_get_components (AlcoveMeasure      *self);
guint              alcove_measure_get_n_items    (AlcoveMeasure       *self);
const AlcoveMeasureItem *alcove_measure_get_item (AlcoveMeasure       *self,
                                                  guint                index);
guint              alcove_measure_get_n_bands    (AlcoveMeasure       *self);
const AlcoveMeasureBand *alcove_measure_get_band (AlcoveMeasure       *self,
                                                  guint                index);
int                alcove_measure_get_min        (AlcoveMeasure       *self);
int                alcove_measure_get_max        (AlcoveMeasure       *self);
/* 0 when no reliable-change value was published or it is not verified */
int                alcove_measure_get_reliable_change_points (AlcoveMeasure *self);
/* How many safety alerts the measure raises (PHQ-9: one, on item 9) */
guint              alcove_measure_get_n_alerts   (AlcoveMeasure       *self);

/* `answers`: item id → score (GINT_TO_POINTER (score + 1), so that 0 is a value). An
 * unknown item, or a score that is not one of the item's options, is an error: nothing is
 * scored from a wrong answer. */
AlcoveMeasureResult *alcove_measure_score        (AlcoveMeasure       *self,
                                                  GHashTable          *answers,
                                                  GError             **error);
AlcoveReliableChange alcove_measure_compare      (AlcoveMeasure       *self,
                                                  int                  baseline,
                                                  int                  latest);

G_END_DECLS
