/* alcove-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "alcove-date.h"

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_RECORD_INDIVIDUAL,
  ALCOVE_RECORD_COUPLE,
  ALCOVE_RECORD_FAMILY,
  ALCOVE_RECORD_GROUP,
} AlcoveRecordType;

typedef enum
{
  ALCOVE_CLIENT_ACTIVE,
  ALCOVE_CLIENT_DISCHARGED,
} AlcoveClientStatus;

/* The text fields of a client, each a column of practice.db's clients table */
typedef enum
{
  ALCOVE_CLIENT_PREFERRED_NAME,
  ALCOVE_CLIENT_LEGAL_NAME,
  ALCOVE_CLIENT_DATE_OF_BIRTH,      /* YYYY-MM-DD or "" */
  ALCOVE_CLIENT_PRONOUNS,
  ALCOVE_CLIENT_PHONE,
  ALCOVE_CLIENT_EMAIL,
  ALCOVE_CLIENT_ADDRESS,
  ALCOVE_CLIENT_EMERGENCY_CONTACT,
  ALCOVE_CLIENT_DISCHARGED_ON,      /* YYYY-MM-DD or "" */
  ALCOVE_CLIENT_LAST_SESSION,       /* YYYY-MM-DD or "", kept by the store */
  ALCOVE_CLIENT_N_FIELDS
} AlcoveClientField;

typedef struct
{
  char *name;
  char *relationship;
  char *access;       /* what this guardian may see, in the clinician's words */
} AlcoveGuardian;

#define ALCOVE_TYPE_CLIENT (alcove_client_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveClient, alcove_client, ALCOVE, CLIENT, GObject)

AlcoveClient       *alcove_client_new               (void);
AlcoveClient       *alcove_client_copy              (AlcoveClient       *self);
const char         *alcove_client_get_id            (AlcoveClient       *self);
void                alcove_client_set_id            (AlcoveClient       *self,
                                                     const char         *id);
const char         *alcove_client_get_field         (AlcoveClient       *self,
                                                     AlcoveClientField   field);
void                alcove_client_set_field         (AlcoveClient       *self,
                                                     AlcoveClientField   field,
                                                     const char         *value);
const char         *alcove_client_field_column      (AlcoveClientField   field);
const char         *alcove_client_get_display_name  (AlcoveClient       *self);
AlcoveRecordType    alcove_client_get_record_type   (AlcoveClient       *self);
void                alcove_client_set_record_type   (AlcoveClient       *self,
                                                     AlcoveRecordType    type);
AlcoveClientStatus  alcove_client_get_status        (AlcoveClient       *self);
void                alcove_client_set_status        (AlcoveClient       *self,
                                                     AlcoveClientStatus  status);
int                 alcove_client_get_age           (AlcoveClient       *self,
                                                     GDateTime          *now);
gboolean            alcove_client_is_minor          (AlcoveClient       *self,
                                                     GDateTime          *now);
GPtrArray          *alcove_client_get_members       (AlcoveClient       *self);
void                alcove_client_set_members       (AlcoveClient       *self,
                                                     const char * const *member_ids);
GPtrArray          *alcove_client_get_guardians     (AlcoveClient       *self);
void                alcove_client_add_guardian      (AlcoveClient       *self,
                                                     const char         *name,
                                                     const char         *relationship,
                                                     const char         *access);
void                alcove_client_clear_guardians   (AlcoveClient       *self);
gboolean            alcove_client_matches           (AlcoveClient       *self,
                                                     const char         *folded_query);

const char         *alcove_record_type_to_string    (AlcoveRecordType    type);
gboolean            alcove_record_type_from_string  (const char         *text,
                                                     AlcoveRecordType   *type);
const char         *alcove_record_type_get_title    (AlcoveRecordType    type);
char               *alcove_fold_text                (const char         *text);

G_END_DECLS
