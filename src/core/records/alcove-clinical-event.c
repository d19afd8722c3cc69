/* alcove-clinical-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-clinical-event"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-clinical-event.h"
#include "alcove-date.h"

struct _AlcoveClinicalEvent
{
  GObject          parent_instance;

  char            *id;
  char            *client_id;
  AlcoveEventKind  kind;
  char            *occurred_on;
  char            *text;
  char            *author;
  gint64           created_ms;
};

G_DEFINE_FINAL_TYPE (AlcoveClinicalEvent, alcove_clinical_event, G_TYPE_OBJECT)

static void
alcove_clinical_event_finalize (GObject *object)
{
  AlcoveClinicalEvent *self = ALCOVE_CLINICAL_EVENT (object);

  g_free (self->id);
  g_free (self->client_id);
  g_free (self->occurred_on);
  g_free (self->text);
  g_free (self->author);

  G_OBJECT_CLASS (alcove_clinical_event_parent_class)->finalize (object);
}

static void
alcove_clinical_event_class_init (AlcoveClinicalEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_clinical_event_finalize;
}

static void
alcove_clinical_event_init (AlcoveClinicalEvent *self)
{
}

AlcoveClinicalEvent *
alcove_clinical_event_new (const char      *id,
                           const char      *client_id,
                           AlcoveEventKind  kind,
                           const char      *occurred_on,
                           const char      *text,
                           const char      *author,
                           gint64           created_ms)
{
  AlcoveClinicalEvent *self;

  g_return_val_if_fail (id != NULL && client_id != NULL && occurred_on != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_CLINICAL_EVENT, NULL);
  self->id = g_strdup (id);
  self->client_id = g_strdup (client_id);
  self->kind = kind;
  self->occurred_on = g_strdup (occurred_on);
  self->text = g_strdup (text ? text : "");
  self->author = g_strdup (author ? author : "");
  self->created_ms = created_ms;
  return self;
}

const char *
alcove_clinical_event_get_id (AlcoveClinicalEvent *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLINICAL_EVENT (self), NULL);
  return self->id;
}

const char *
alcove_clinical_event_get_client_id (AlcoveClinicalEvent *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLINICAL_EVENT (self), NULL);
  return self->client_id;
}

AlcoveEventKind
alcove_clinical_event_get_kind (AlcoveClinicalEvent *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLINICAL_EVENT (self), ALCOVE_EVENT_OTHER);
  return self->kind;
}

const char *
alcove_clinical_event_get_occurred_on (AlcoveClinicalEvent *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLINICAL_EVENT (self), NULL);
  return self->occurred_on;
}

const char *
alcove_clinical_event_get_text (AlcoveClinicalEvent *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLINICAL_EVENT (self), NULL);
  return self->text;
}

const char *
alcove_clinical_event_get_author (AlcoveClinicalEvent *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLINICAL_EVENT (self), NULL);
  return self->author;
}

gint64
alcove_clinical_event_get_created_ms (AlcoveClinicalEvent *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLINICAL_EVENT (self), 0);
  return self->created_ms;
}

const char *
alcove_clinical_event_kind_get_title (AlcoveEventKind kind)
{
  switch (kind)
    {
    case ALCOVE_EVENT_PLAN:
      return _("Treatment plan");
    case ALCOVE_EVENT_MEDICATION:
      return _("Medication change");
    case ALCOVE_EVENT_OTHER:
    default:
      return _("Event");
    }
}

const char *
alcove_clinical_event_kind_to_string (AlcoveEventKind kind)
{
  switch (kind)
    {
    case ALCOVE_EVENT_PLAN:
      return "plan";
    case ALCOVE_EVENT_MEDICATION:
      return "medication";
    case ALCOVE_EVENT_OTHER:
    default:
      return "other";
    }
}

int
alcove_clinical_event_kind_from_string (const char *text)
{
  if (g_strcmp0 (text, "plan") == 0)
    return ALCOVE_EVENT_PLAN;
  if (g_strcmp0 (text, "medication") == 0)
    return ALCOVE_EVENT_MEDICATION;
  if (g_strcmp0 (text, "other") == 0)
    return ALCOVE_EVENT_OTHER;
  return -1;
}

char *
alcove_clinical_event_describe (AlcoveClinicalEvent *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (ALCOVE_IS_CLINICAL_EVENT (self), NULL);

  date = alcove_date_format (self->occurred_on);
  /* Translators: an event on a measure's graph, "12 March 2026 — Medication change:
   * sertraline 50 mg started" */
  return g_strdup_printf (_("%s — %s: %s"), date, alcove_clinical_event_kind_get_title (self->kind),
                          self->text);
}
