/* alcove-clinical-event.h — something that happened in a client's treatment, shown against
 * their outcome measures: a treatment plan signed, a medication changed, another event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_EVENT_PLAN,        /* a version of a treatment plan was signed (never entered) */
  ALCOVE_EVENT_MEDICATION,  /* a medication started, stopped or changed */
  ALCOVE_EVENT_OTHER,
} AlcoveEventKind;

#define ALCOVE_TYPE_CLINICAL_EVENT (alcove_clinical_event_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveClinicalEvent, alcove_clinical_event, ALCOVE, CLINICAL_EVENT, GObject)

AlcoveClinicalEvent *alcove_clinical_event_new          (const char      *id,
                                                         const char      *client_id,
                                                         AlcoveEventKind  kind,
                                                         const char      *occurred_on,
                                                         const char      *text,
                                                         const char      *author,
                                                         gint64           created_ms);

const char      *alcove_clinical_event_get_id          (AlcoveClinicalEvent *self);
const char      *alcove_clinical_event_get_client_id   (AlcoveClinicalEvent *self);
AlcoveEventKind  alcove_clinical_event_get_kind        (AlcoveClinicalEvent *self);
/* YYYY-MM-DD */
const char      *alcove_clinical_event_get_occurred_on (AlcoveClinicalEvent *self);
const char      *alcove_clinical_event_get_text        (AlcoveClinicalEvent *self);
const char      *alcove_clinical_event_get_author      (AlcoveClinicalEvent *self);
gint64           alcove_clinical_event_get_created_ms  (AlcoveClinicalEvent *self);
/* "Medication change", "Treatment plan", "Event" */
const char      *alcove_clinical_event_kind_get_title  (AlcoveEventKind      kind);
/* "medication" / "other" / "plan" and back (-1 for anything else) */
const char      *alcove_clinical_event_kind_to_string  (AlcoveEventKind      kind);
int              alcove_clinical_event_kind_from_string (const char         *text);
/* "12 March 2026 — Medication change: sertraline 50 mg started" */
char            *alcove_clinical_event_describe        (AlcoveClinicalEvent *self);

G_END_DECLS
