/* alcove-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-session"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-session.h"

/* A session as billing sees it: who, when, how long, how, and whether its note is signed.
 * The note's text lives in the author's notes store, never here. */
struct _AlcoveSession
{
  GObject         parent_instance;

  char           *id;
  char           *fields[ALCOVE_SESSION_N_FIELDS];
  guint           duration;
  AlcoveModality  modality;
  GPtrArray      *attendees;  /* client ids, for couple, family and group sessions */
  AlcoveSessionStatus status;
  char           *status_reason;
  gboolean        signed_note;
};

G_DEFINE_FINAL_TYPE (AlcoveSession, alcove_session, G_TYPE_OBJECT)

static const char * const status_names[] = { "scheduled", "attended", "cancelled", "no-show" };

const char *
alcove_session_status_to_string (AlcoveSessionStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

gboolean
alcove_session_status_from_string (const char          *text,
                                   AlcoveSessionStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
alcove_session_status_get_title (AlcoveSessionStatus status)
{
  switch (status)
    {
    case ALCOVE_SESSION_SCHEDULED:
      return _("Scheduled");
    case ALCOVE_SESSION_ATTENDED:
      return _("Attended");
    case ALCOVE_SESSION_CANCELLED:
      return _("Cancelled");
    case ALCOVE_SESSION_NO_SHOW:
      return _("No-Show");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
alcove_session_finalize (GObject *object)
{
  AlcoveSession *self = ALCOVE_SESSION (object);

  g_free (self->id);
  for (guint i = 0; i < ALCOVE_SESSION_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_ptr_array_unref (self->attendees);
  g_free (self->status_reason);

  G_OBJECT_CLASS (alcove_session_parent_class)->finalize (object);
}

static void
alcove_session_class_init (AlcoveSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_session_finalize;
}

static void
alcove_session_init (AlcoveSession *self)
{
  for (guint i = 0; i < ALCOVE_SESSION_N_FIELDS; i++)
    self->fields[i] = g_strdup ("");
  g_free (self->fields[ALCOVE_SESSION_NOTE_STATUS]);
  self->fields[ALCOVE_SESSION_NOTE_STATUS] = g_strdup ("none");
  self->duration = 50;
  self->attendees = g_ptr_array_new_with_free_func (g_free);
  self->status = ALCOVE_SESSION_ATTENDED;
  self->status_reason = g_strdup ("");
}

AlcoveSession *
alcove_session_new (void)
{
  return g_object_new (ALCOVE_TYPE_SESSION, NULL);
}

const char *
alcove_session_get_id (AlcoveSession *self)
{
  g_return_val_if_fail (ALCOVE_IS_SESSION (self), NULL);
  return self->id;
}

void
alcove_session_set_id (AlcoveSession *self,
                       const char    *id)
{
  g_return_if_fail (ALCOVE_IS_SESSION (self));
  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
alcove_session_get_field (AlcoveSession      *self,
                          AlcoveSessionField  field)
{
  g_return_val_if_fail (ALCOVE_IS_SESSION (self), NULL);
  g_return_val_if_fail (field < ALCOVE_SESSION_N_FIELDS, NULL);
  return self->fields[field];
}

void
alcove_session_set_field (AlcoveSession      *self,
                          AlcoveSessionField  field,
                          const char         *value)
{
  g_return_if_fail (ALCOVE_IS_SESSION (self));
  g_return_if_fail (field < ALCOVE_SESSION_N_FIELDS);
  g_free (self->fields[field]);
  self->fields[field] = g_strstrip (g_strdup (value ? value : ""));
}

guint
alcove_session_get_duration (AlcoveSession *self)
{
  g_return_val_if_fail (ALCOVE_IS_SESSION (self), 0);
  return self->duration;
}

void
alcove_session_set_duration (AlcoveSession *self,
                             guint          minutes)
{
  g_return_if_fail (ALCOVE_IS_SESSION (self));
  self->duration = minutes;
}

AlcoveModality
alcove_session_get_modality (AlcoveSession *self)
{
  g_return_val_if_fail (ALCOVE_IS_SESSION (self), ALCOVE_MODALITY_IN_PERSON);
  return self->modality;
}

void
alcove_session_set_modality (AlcoveSession  *self,
                             AlcoveModality  modality)
{
  g_return_if_fail (ALCOVE_IS_SESSION (self));
  self->modality = modality;
}

GPtrArray *
alcove_session_get_attendees (AlcoveSession *self)
{
  g_return_val_if_fail (ALCOVE_IS_SESSION (self), NULL);
  return self->attendees;
}

void
alcove_session_set_attendees (AlcoveSession      *self,
                              const char * const *client_ids)
{
  g_return_if_fail (ALCOVE_IS_SESSION (self));

  g_ptr_array_set_size (self->attendees, 0);
  for (guint i = 0; client_ids != NULL && client_ids[i] != NULL; i++)
    g_ptr_array_add (self->attendees, g_strdup (client_ids[i]));
}

AlcoveSessionStatus
alcove_session_get_status (AlcoveSession *self)
{
  g_return_val_if_fail (ALCOVE_IS_SESSION (self), ALCOVE_SESSION_ATTENDED);
  return self->status;
}

void
alcove_session_set_status (AlcoveSession       *self,
                           AlcoveSessionStatus  status)
{
  g_return_if_fail (ALCOVE_IS_SESSION (self));
  g_return_if_fail (status <= ALCOVE_SESSION_NO_SHOW);
  self->status = status;
}

/* Why it was cancelled or missed; "" otherwise */
const char *
alcove_session_get_status_reason (AlcoveSession *self)
{
  g_return_val_if_fail (ALCOVE_IS_SESSION (self), NULL);
  return self->status_reason;
}

void
alcove_session_set_status_reason (AlcoveSession *self,
                                  const char    *reason)
{
  g_return_if_fail (ALCOVE_IS_SESSION (self));
  g_free (self->status_reason);
  self->status_reason = g_strstrip (g_strdup (reason ? reason : ""));
}

gboolean
alcove_session_get_signed_note (AlcoveSession *self)
{
  g_return_val_if_fail (ALCOVE_IS_SESSION (self), FALSE);
  return self->signed_note;
}

void
alcove_session_set_signed_note (AlcoveSession *self,
                                gboolean       signed_note)
{
  g_return_if_fail (ALCOVE_IS_SESSION (self));
  self->signed_note = !!signed_note;
}

/* A draft or a signed note was written for it */
gboolean
alcove_session_has_note (AlcoveSession *self)
{
  g_return_val_if_fail (ALCOVE_IS_SESSION (self), FALSE);
  return self->signed_note || !g_str_equal (self->fields[ALCOVE_SESSION_NOTE_STATUS], "none");
}

AlcoveSession *
alcove_session_copy (AlcoveSession *self)
{
  AlcoveSession *copy;

  g_return_val_if_fail (ALCOVE_IS_SESSION (self), NULL);

  copy = alcove_session_new ();
  alcove_session_set_id (copy, self->id);
  for (guint i = 0; i < ALCOVE_SESSION_N_FIELDS; i++)
    alcove_session_set_field (copy, i, self->fields[i]);
  copy->duration = self->duration;
  copy->modality = self->modality;
  g_ptr_array_extend (copy->attendees, self->attendees, (GCopyFunc) g_strdup, NULL);
  copy->status = self->status;
  alcove_session_set_status_reason (copy, self->status_reason);
  copy->signed_note = self->signed_note;
  return copy;
}

/* "<date>" or "<date> at <HH:MM>", for a row or a heading */
char *
alcove_session_dup_title (AlcoveSession *self)
{
  g_autofree char *date = NULL;
  const char *start;

  g_return_val_if_fail (ALCOVE_IS_SESSION (self), NULL);

  date = alcove_date_format (self->fields[ALCOVE_SESSION_DATE]);
  start = self->fields[ALCOVE_SESSION_START_TIME];
  /* Translators: a session's date and start time */
  return *start != '\0' ? g_strdup_printf (_("%s at %s"), date, start) : g_steal_pointer (&date);
}

/* What billing reads of it in one line: length, how, code, attendees, and what became of it
 * when it did not simply take place (with the reason, if `with_reason`) */
char *
alcove_session_dup_summary (AlcoveSession *self,
                            gboolean       with_reason)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *platform, *code;

  g_return_val_if_fail (ALCOVE_IS_SESSION (self), NULL);

  platform = self->fields[ALCOVE_SESSION_PLATFORM];
  code = self->fields[ALCOVE_SESSION_SERVICE_CODE];
  if (self->status != ALCOVE_SESSION_ATTENDED)
    g_ptr_array_add (parts, with_reason && *self->status_reason != '\0'
                            /* Translators: a session's status and the reason for it */
                            ? g_strdup_printf (_("%s: %s"),
                                               alcove_session_status_get_title (self->status),
                                               self->status_reason)
                            : g_strdup (alcove_session_status_get_title (self->status)));
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute",
                                                        "%u minutes", self->duration),
                                           self->duration));
  if (self->modality == ALCOVE_MODALITY_TELEHEALTH)
    g_ptr_array_add (parts, *platform ? g_strdup_printf (_("Telehealth (%s)"), platform)
                                      : g_strdup (_("Telehealth")));
  else
    g_ptr_array_add (parts, g_strdup (_("In person")));
  if (*code != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("Code %s"), code));
  if (self->attendees->len > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attendee",
                                                          "%u attendees", self->attendees->len),
                                             self->attendees->len));
  g_ptr_array_add (parts, NULL);
  /* Translators: separates the parts of a summary line */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}
