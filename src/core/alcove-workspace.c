/* alcove-workspace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-workspace"

#include "config.h"

#include "alcove-workspace.h"

struct _AlcoveWorkspace
{
  GObject                parent_instance;

  AlcoveVault           *vault;
  AlcoveClientStore     *clients;
  AlcoveNoteStore       *notes;
  AlcoveDiagnosisStore  *diagnoses;
  AlcovePlanStore       *plans;
  AlcoveMeasureStore    *measures;
  AlcoveEventStore      *events;
  AlcoveConsentStore    *consents;
  AlcoveDisclosureStore *disclosures;
  AlcoveSearch          *search;
  AlcoveFormatStore     *formats;
};

G_DEFINE_FINAL_TYPE (AlcoveWorkspace, alcove_workspace, G_TYPE_OBJECT)

static void
alcove_workspace_dispose (GObject *object)
{
  AlcoveWorkspace *self = ALCOVE_WORKSPACE (object);

  g_clear_object (&self->search);
  g_clear_object (&self->disclosures);
  g_clear_object (&self->consents);
  g_clear_object (&self->plans);
  g_clear_object (&self->diagnoses);
  g_clear_object (&self->events);
  g_clear_object (&self->measures);
  g_clear_object (&self->notes);
  g_clear_object (&self->clients);
  g_clear_object (&self->formats);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (alcove_workspace_parent_class)->dispose (object);
}

static void
alcove_workspace_class_init (AlcoveWorkspaceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = alcove_workspace_dispose;
}

static void
alcove_workspace_init (AlcoveWorkspace *self)
{
}

/* Every store of the session, or none: a vault that cannot be read shows an error instead */
AlcoveWorkspace *
alcove_workspace_new (AlcoveVault  *vault,
                      GError      **error)
{
  g_autoptr(AlcoveWorkspace) self = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_WORKSPACE, NULL);
  self->vault = g_object_ref (vault);
  /* first: the practice's formats join the lists before any note is read */
  self->formats = alcove_format_store_new (vault);
  self->clients = alcove_client_store_new (vault, error);
  if (self->clients == NULL)
    return NULL;
  self->notes = alcove_note_store_new (self->clients);
  self->diagnoses = alcove_diagnosis_store_new (self->clients);
  self->plans = alcove_plan_store_new (self->notes);
  self->measures = alcove_measure_store_new (self->notes);
  self->events = alcove_event_store_new (self->plans);
  self->consents = alcove_consent_store_new (vault, error);
  if (self->consents == NULL)
    return NULL;
  self->disclosures = alcove_disclosure_store_new (vault, error);
  if (self->disclosures == NULL)
    return NULL;
  self->search = alcove_search_new (vault);
  return g_steal_pointer (&self);
}

AlcoveVault *
alcove_workspace_get_vault (AlcoveWorkspace *self)
{
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (self), NULL);
  return self->vault;
}

AlcoveClientStore *
alcove_workspace_get_clients (AlcoveWorkspace *self)
{
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (self), NULL);
  return self->clients;
}

AlcoveNoteStore *
alcove_workspace_get_notes (AlcoveWorkspace *self)
{
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (self), NULL);
  return self->notes;
}

AlcoveDiagnosisStore *
alcove_workspace_get_diagnoses (AlcoveWorkspace *self)
{
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (self), NULL);
  return self->diagnoses;
}

AlcovePlanStore *
alcove_workspace_get_plans (AlcoveWorkspace *self)
{
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (self), NULL);
  return self->plans;
}

AlcoveMeasureStore *
alcove_workspace_get_measures (AlcoveWorkspace *self)
{
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (self), NULL);
  return self->measures;
}

AlcoveEventStore *
alcove_workspace_get_events (AlcoveWorkspace *self)
{
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (self), NULL);
  return self->events;
}

AlcoveConsentStore *
alcove_workspace_get_consents (AlcoveWorkspace *self)
{
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (self), NULL);
  return self->consents;
}

AlcoveDisclosureStore *
alcove_workspace_get_disclosures (AlcoveWorkspace *self)
{
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (self), NULL);
  return self->disclosures;
}

AlcoveSearch *
alcove_workspace_get_search (AlcoveWorkspace *self)
{
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (self), NULL);
  return self->search;
}

AlcoveFormatStore *
alcove_workspace_get_formats (AlcoveWorkspace *self)
{
  g_return_val_if_fail (ALCOVE_IS_WORKSPACE (self), NULL);
  return self->formats;
}
