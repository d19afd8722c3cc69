/* alcove-diagnosis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-diagnosis"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-diagnosis.h"
#include "alcove-diagnosis-catalog.h"

/* An ICD-10-CM code on a client's problem list: primary or secondary, with its onset and
 * the day it resolved. Lives in practice.db (alcove-diagnosis-store.c): billing needs the
 * codes, and nothing here is a note's or a plan's text. */
struct _AlcoveDiagnosis
{
  GObject              parent_instance;

  char                *id;
  char                *client_id;
  char                *code;
  AlcoveDiagnosisRank  rank;
  char                *onset;
  char                *resolved;
  char                *description;
  char                *recorded_by;
  gint64               created_ms;
  gint64               updated_ms;
  gboolean             saved;
};

G_DEFINE_FINAL_TYPE (AlcoveDiagnosis, alcove_diagnosis, G_TYPE_OBJECT)

static void
alcove_diagnosis_finalize (GObject *object)
{
  AlcoveDiagnosis *self = ALCOVE_DIAGNOSIS (object);

  g_free (self->id);
  g_free (self->client_id);
  g_free (self->code);
  g_free (self->onset);
  g_free (self->resolved);
  g_free (self->description);
  g_free (self->recorded_by);

  G_OBJECT_CLASS (alcove_diagnosis_parent_class)->finalize (object);
}

static void
alcove_diagnosis_class_init (AlcoveDiagnosisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_diagnosis_finalize;
}

static void
alcove_diagnosis_init (AlcoveDiagnosis *self)
{
  self->rank = ALCOVE_DIAGNOSIS_SECONDARY;
  self->code = g_strdup ("");
  self->onset = g_strdup ("");
  self->resolved = g_strdup ("");
  self->description = g_strdup ("");
  self->recorded_by = g_strdup ("");
}

AlcoveDiagnosis *
alcove_diagnosis_new (const char *client_id)
{
  AlcoveDiagnosis *self;

  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_DIAGNOSIS, NULL);
  self->id = g_uuid_string_random ();
  self->client_id = g_strdup (client_id);
  return self;
}

AlcoveDiagnosis *
alcove_diagnosis_copy (AlcoveDiagnosis *self)
{
  AlcoveDiagnosis *copy;

  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), NULL);

  copy = alcove_diagnosis_new (self->client_id);
  alcove_diagnosis_set_saved (copy, self->id, self->recorded_by, self->created_ms,
                              self->updated_ms);
  copy->saved = self->saved;
  alcove_diagnosis_set_code (copy, self->code);
  copy->rank = self->rank;
  alcove_diagnosis_set_onset (copy, self->onset);
  alcove_diagnosis_set_resolved (copy, self->resolved);
  alcove_diagnosis_set_description (copy, self->description);
  return copy;
}

/* `value` may be the field itself */
static void
replace (char       **field,
         const char  *value)
{
  char *copy = g_strdup (value ? value : "");

  g_free (*field);
  *field = copy;
}

const char *
alcove_diagnosis_get_id (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), NULL);
  return self->id;
}

const char *
alcove_diagnosis_get_client_id (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), NULL);
  return self->client_id;
}

const char *
alcove_diagnosis_get_code (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), NULL);
  return self->code;
}

void
alcove_diagnosis_set_code (AlcoveDiagnosis *self,
                           const char      *code)
{
  g_return_if_fail (ALCOVE_IS_DIAGNOSIS (self));
  replace (&self->code, code);
}

AlcoveDiagnosisRank
alcove_diagnosis_get_rank (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), ALCOVE_DIAGNOSIS_SECONDARY);
  return self->rank;
}

void
alcove_diagnosis_set_rank (AlcoveDiagnosis     *self,
                           AlcoveDiagnosisRank  rank)
{
  g_return_if_fail (ALCOVE_IS_DIAGNOSIS (self));
  self->rank = rank;
}

const char *
alcove_diagnosis_get_onset (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), NULL);
  return self->onset;
}

void
alcove_diagnosis_set_onset (AlcoveDiagnosis *self,
                            const char      *date)
{
  g_return_if_fail (ALCOVE_IS_DIAGNOSIS (self));
  replace (&self->onset, date);
}

const char *
alcove_diagnosis_get_resolved (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), NULL);
  return self->resolved;
}

void
alcove_diagnosis_set_resolved (AlcoveDiagnosis *self,
                               const char      *date)
{
  g_return_if_fail (ALCOVE_IS_DIAGNOSIS (self));
  replace (&self->resolved, date);
}

gboolean
alcove_diagnosis_is_resolved (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), FALSE);
  return *self->resolved != '\0';
}

const char *
alcove_diagnosis_get_description (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), NULL);
  return self->description;
}

void
alcove_diagnosis_set_description (AlcoveDiagnosis *self,
                                  const char      *description)
{
  g_return_if_fail (ALCOVE_IS_DIAGNOSIS (self));
  replace (&self->description, description);
}

const char *
alcove_diagnosis_get_descriptor (AlcoveDiagnosis *self)
{
  const AlcoveDiagnosisCode *entry;

  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), NULL);

  entry = alcove_diagnosis_catalog_lookup (self->code);
  return entry != NULL ? entry->long_text : self->description;
}

gboolean
alcove_diagnosis_is_listed (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), FALSE);
  return alcove_diagnosis_catalog_lookup (self->code) != NULL;
}

char *
alcove_diagnosis_dup_title (AlcoveDiagnosis *self)
{
  const char *descriptor;

  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), NULL);

  descriptor = alcove_diagnosis_get_descriptor (self);
  return *descriptor != '\0' ? g_strdup_printf ("%s %s", self->code, descriptor)
                             : g_strdup (self->code);
}

const char *
alcove_diagnosis_get_recorded_by (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), NULL);
  return self->recorded_by;
}

gint64
alcove_diagnosis_get_created_ms (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), 0);
  return self->created_ms;
}

gint64
alcove_diagnosis_get_updated_ms (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), 0);
  return self->updated_ms;
}

void
alcove_diagnosis_set_saved (AlcoveDiagnosis *self,
                            const char      *id,
                            const char      *recorded_by,
                            gint64           created_ms,
                            gint64           updated_ms)
{
  g_return_if_fail (ALCOVE_IS_DIAGNOSIS (self));

  replace (&self->id, id);
  replace (&self->recorded_by, recorded_by);
  self->created_ms = created_ms;
  self->updated_ms = updated_ms;
  self->saved = TRUE;
}

/* Whether the store holds this entry: saving it again updates it */
gboolean
alcove_diagnosis_get_saved (AlcoveDiagnosis *self)
{
  g_return_val_if_fail (ALCOVE_IS_DIAGNOSIS (self), FALSE);
  return self->saved;
}

const char *
alcove_diagnosis_rank_to_string (AlcoveDiagnosisRank rank)
{
  return rank == ALCOVE_DIAGNOSIS_PRIMARY ? "primary" : "secondary";
}

const char *
alcove_diagnosis_rank_get_title (AlcoveDiagnosisRank rank)
{
  return rank == ALCOVE_DIAGNOSIS_PRIMARY ? _("Primary") : _("Secondary");
}
