/* alcove-incidents.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-jurisdiction.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

/* The steps of handling a breach, in order */
typedef enum
{
  ALCOVE_INCIDENT_STEP_DOCUMENT,
  ALCOVE_INCIDENT_STEP_OBLIGATIONS,
  ALCOVE_INCIDENT_STEP_NOTIFY_REGULATOR,
  ALCOVE_INCIDENT_STEP_NOTIFY_CLIENTS,
  ALCOVE_INCIDENT_STEP_ROOT_CAUSE,
  ALCOVE_INCIDENT_N_STEPS
} AlcoveIncidentStep;

/* One deadline of an incident, from data/breach/breach-rules.json */
typedef struct
{
  char     *id;          /* "hipaa-individuals", "hhs-immediate", … */
  char     *title;       /* English, from the rules file */
  char     *basis;       /* the rule it comes from */
  char     *due_day;     /* YYYY-MM-DD, or NULL: as soon as practicable */
  gboolean  note_only;   /* shown for information; no step closes it */
  int       step;        /* the AlcoveIncidentStep that meets it, or -1 */
  gboolean  met;         /* that step is done */
} AlcoveIncidentDeadline;

void alcove_incident_deadline_free (AlcoveIncidentDeadline *deadline);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveIncidentDeadline, alcove_incident_deadline_free)

#define ALCOVE_TYPE_INCIDENT (alcove_incident_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveIncident, alcove_incident, ALCOVE, INCIDENT, GObject)

AlcoveIncident     *alcove_incident_new               (void);
/* A new incident under the practice's jurisdiction, whose rules give its deadlines */
AlcoveIncident     *alcove_incident_new_for_practice  (AlcoveVault        *vault);
/* An incident is handled under the practice's jurisdiction: one recorded under other rules
 * (or both, before the practice setting existed) follows the setting from its next save */
void                alcove_incident_follow_practice   (AlcoveIncident     *self,
                                                       AlcoveVault        *vault);
const char         *alcove_incident_get_id            (AlcoveIncident     *self);
const char         *alcove_incident_get_discovered_on (AlcoveIncident     *self);
void                alcove_incident_set_discovered_on (AlcoveIncident     *self,
                                                       const char         *day);
const char         *alcove_incident_get_description   (AlcoveIncident     *self);
void                alcove_incident_set_description   (AlcoveIncident     *self,
                                                       const char         *text);
const char         *alcove_incident_get_accessed      (AlcoveIncident     *self);
void                alcove_incident_set_accessed      (AlcoveIncident     *self,
                                                       const char         *text);
const char         *alcove_incident_get_accessed_by   (AlcoveIncident     *self);
void                alcove_incident_set_accessed_by   (AlcoveIncident     *self,
                                                       const char         *text);
AlcoveJurisdiction  alcove_incident_get_jurisdiction  (AlcoveIncident     *self);
void                alcove_incident_set_jurisdiction  (AlcoveIncident     *self,
                                                       AlcoveJurisdiction  jurisdiction);
guint               alcove_incident_get_affected      (AlcoveIncident     *self);
void                alcove_incident_set_affected      (AlcoveIncident     *self,
                                                       guint               affected);
gboolean            alcove_incident_get_serious_harm  (AlcoveIncident     *self);
void                alcove_incident_set_serious_harm  (AlcoveIncident     *self,
                                                       gboolean            serious_harm);
const char         *alcove_incident_get_step_done     (AlcoveIncident     *self,
                                                       AlcoveIncidentStep  step);
GPtrArray          *alcove_incident_compute_deadlines (AlcoveIncident     *self);
int                 alcove_incident_deadline_days_left (const AlcoveIncidentDeadline *deadline,
                                                        GDate              *today);

const char         *alcove_incident_step_to_string    (AlcoveIncidentStep  step);
const char         *alcove_incident_step_get_title    (AlcoveIncidentStep  step);

/* The register, in practice.db (owner only) */
gboolean            alcove_incidents_can_manage       (AlcoveVault        *vault);
GPtrArray          *alcove_incidents_list             (AlcoveVault        *vault,
                                                       GError            **error);
AlcoveIncident     *alcove_incidents_get              (AlcoveVault        *vault,
                                                       const char         *incident_id,
                                                       GError            **error);
gboolean            alcove_incidents_save             (AlcoveVault        *vault,
                                                       AlcoveIncident     *incident,
                                                       GDate              *today,
                                                       GError            **error);
gboolean            alcove_incidents_set_step         (AlcoveVault        *vault,
                                                       AlcoveIncident     *incident,
                                                       AlcoveIncidentStep  step,
                                                       const char         *done_on,
                                                       GError            **error);
char               *alcove_incidents_letter_text      (AlcoveVault        *vault,
                                                       AlcoveIncident     *incident);
void                alcove_incidents_record_letter    (AlcoveVault        *vault,
                                                       AlcoveIncident     *incident);

G_END_DECLS
