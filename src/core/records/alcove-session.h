/* alcove-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_MODALITY_IN_PERSON,
  ALCOVE_MODALITY_TELEHEALTH,
} AlcoveModality;

typedef enum
{
  ALCOVE_SESSION_CLIENT_ID,     /* the record the session belongs to */
  ALCOVE_SESSION_CLINICIAN,     /* user uuid */
  ALCOVE_SESSION_DATE,          /* YYYY-MM-DD */
  ALCOVE_SESSION_START_TIME,    /* HH:MM or "" */
  ALCOVE_SESSION_PLATFORM,      /* telehealth platform name */
  ALCOVE_SESSION_SERVICE_CODE,
  ALCOVE_SESSION_NOTE_STATUS,   /* "none", "draft" or "signed", kept by the note store */
  ALCOVE_SESSION_N_FIELDS
} AlcoveSessionField;

/* What became of a session. Cancelled and no-show carry a reason. */
typedef enum
{
  ALCOVE_SESSION_SCHEDULED,
  ALCOVE_SESSION_ATTENDED,
  ALCOVE_SESSION_CANCELLED,
  ALCOVE_SESSION_NO_SHOW,
} AlcoveSessionStatus;

const char          *alcove_session_status_to_string   (AlcoveSessionStatus  status);
gboolean             alcove_session_status_from_string (const char          *text,
                                                        AlcoveSessionStatus *status);
const char          *alcove_session_status_get_title   (AlcoveSessionStatus  status);

#define ALCOVE_TYPE_SESSION (alcove_session_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveSession, alcove_session, ALCOVE, SESSION, GObject)

AlcoveSession  *alcove_session_new              (void);
const char     *alcove_session_get_id           (AlcoveSession      *self);
void            alcove_session_set_id           (AlcoveSession      *self,
                                                 const char         *id);
const char     *alcove_session_get_field        (AlcoveSession      *self,
                                                 AlcoveSessionField  field);
void            alcove_session_set_field        (AlcoveSession      *self,
                                                 AlcoveSessionField  field,
                                                 const char         *value);
guint           alcove_session_get_duration     (AlcoveSession      *self);
void            alcove_session_set_duration     (AlcoveSession      *self,
                                                 guint               minutes);
AlcoveModality  alcove_session_get_modality     (AlcoveSession      *self);
void            alcove_session_set_modality     (AlcoveSession      *self,
                                                 AlcoveModality      modality);
GPtrArray      *alcove_session_get_attendees    (AlcoveSession      *self);
void            alcove_session_set_attendees    (AlcoveSession      *self,
                                                 const char * const *client_ids);
AlcoveSessionStatus alcove_session_get_status   (AlcoveSession      *self);
void            alcove_session_set_status       (AlcoveSession      *self,
                                                 AlcoveSessionStatus status);
const char     *alcove_session_get_status_reason (AlcoveSession     *self);
void            alcove_session_set_status_reason (AlcoveSession     *self,
                                                  const char        *reason);
/* Its note was signed once: only the service code can still change (set by the store) */
gboolean        alcove_session_get_signed_note  (AlcoveSession      *self);
void            alcove_session_set_signed_note  (AlcoveSession      *self,
                                                 gboolean            signed_note);
gboolean        alcove_session_has_note         (AlcoveSession      *self);
AlcoveSession  *alcove_session_copy             (AlcoveSession      *self);
char           *alcove_session_dup_title        (AlcoveSession      *self);
char           *alcove_session_dup_summary      (AlcoveSession      *self,
                                                 gboolean            with_reason);

G_END_DECLS
