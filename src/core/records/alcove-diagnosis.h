/* alcove-diagnosis.h — one entry of a client's problem list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_DIAGNOSIS_PRIMARY,
  ALCOVE_DIAGNOSIS_SECONDARY,
} AlcoveDiagnosisRank;

#define ALCOVE_TYPE_DIAGNOSIS (alcove_diagnosis_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveDiagnosis, alcove_diagnosis, ALCOVE, DIAGNOSIS, GObject)

/* A new entry for this client, not yet saved */
AlcoveDiagnosis     *alcove_diagnosis_new             (const char          *client_id);
AlcoveDiagnosis     *alcove_diagnosis_copy            (AlcoveDiagnosis     *self);
const char          *alcove_diagnosis_get_id          (AlcoveDiagnosis     *self);
const char          *alcove_diagnosis_get_client_id   (AlcoveDiagnosis     *self);
/* As typed until saved; the store saves it normalised ("F32.1") */
const char          *alcove_diagnosis_get_code        (AlcoveDiagnosis     *self);
void                 alcove_diagnosis_set_code        (AlcoveDiagnosis     *self,
                                                       const char          *code);
AlcoveDiagnosisRank  alcove_diagnosis_get_rank        (AlcoveDiagnosis     *self);
void                 alcove_diagnosis_set_rank        (AlcoveDiagnosis     *self,
                                                       AlcoveDiagnosisRank  rank);
/* YYYY-MM-DD, or "" when not known */
const char          *alcove_diagnosis_get_onset       (AlcoveDiagnosis     *self);
void                 alcove_diagnosis_set_onset       (AlcoveDiagnosis     *self,
                                                       const char          *date);
/* YYYY-MM-DD, or "" while the diagnosis is current */
const char          *alcove_diagnosis_get_resolved    (AlcoveDiagnosis     *self);
void                 alcove_diagnosis_set_resolved    (AlcoveDiagnosis     *self,
                                                       const char          *date);
gboolean             alcove_diagnosis_is_resolved     (AlcoveDiagnosis     *self);
/* Words for a code Alcove does not ship, typed by the clinician; "" for a shipped code,
 * whose words are the CMS descriptor */
const char          *alcove_diagnosis_get_description (AlcoveDiagnosis     *self);
void                 alcove_diagnosis_set_description (AlcoveDiagnosis     *self,
                                                       const char          *description);
/* The CMS long descriptor of a shipped code, else the description typed, else "" */
const char          *alcove_diagnosis_get_descriptor  (AlcoveDiagnosis     *self);
/* Whether the code is one of those Alcove ships (alcove-diagnosis-catalog) */
gboolean             alcove_diagnosis_is_listed       (AlcoveDiagnosis     *self);
/* "F32.1 Major depressive disorder, single episode, moderate" */
char                *alcove_diagnosis_dup_title       (AlcoveDiagnosis     *self);
const char          *alcove_diagnosis_get_recorded_by (AlcoveDiagnosis     *self);
gint64               alcove_diagnosis_get_created_ms  (AlcoveDiagnosis     *self);
gint64               alcove_diagnosis_get_updated_ms  (AlcoveDiagnosis     *self);

/* For the store */
void                 alcove_diagnosis_set_saved       (AlcoveDiagnosis     *self,
                                                       const char          *id,
                                                       const char          *recorded_by,
                                                       gint64               created_ms,
                                                       gint64               updated_ms);
gboolean             alcove_diagnosis_get_saved       (AlcoveDiagnosis     *self);
const char          *alcove_diagnosis_rank_to_string  (AlcoveDiagnosisRank  rank);
const char          *alcove_diagnosis_rank_get_title  (AlcoveDiagnosisRank  rank);

G_END_DECLS
