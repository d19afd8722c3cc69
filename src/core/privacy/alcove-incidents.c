/* alcove-incidents.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-incidents"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-date.h"
#include "alcove-policy.h"
#include "alcove-audit-query.h"
#include "alcove-client.h"
#include "alcove-data.h"
#include "alcove-data-text.h"
#include "alcove-incidents.h"
#include "alcove-vault-private.h"

/* The breach register. An incident is documented when it is found: when, what was
 * accessed or disclosed and by whom; its text may be PHI and stays in practice.db. The
 * deadlines come from data/breach/breach-rules.json (compiled in), counted from the day of
 * discovery; `today` is always the caller's, so tests and the countdown agree. Every change
 * is audited with the incident's id only. */

#define RULES_PATH "/io/github/alcove_notes/Alcove/breach/breach-rules.json"

/* From the compiled resource; asked for by name so a static link keeps it */
GResource *alcove_breach_get_resource (void);

struct _AlcoveIncident
{
  GObject             parent_instance;

  char               *id;
  char               *discovered_on;
  char               *description;
  char               *accessed;
  char               *accessed_by;
  AlcoveJurisdiction  jurisdiction;
  guint               affected;
  gboolean            serious_harm;
  char               *steps[ALCOVE_INCIDENT_N_STEPS];  /* done day or "" */
};

G_DEFINE_FINAL_TYPE (AlcoveIncident, alcove_incident, G_TYPE_OBJECT)

static const char *step_ids[ALCOVE_INCIDENT_N_STEPS] = {
  "document", "obligations", "notify-regulator", "notify-clients", "root-cause",
};

static void
alcove_incident_finalize (GObject *object)
{
  AlcoveIncident *self = ALCOVE_INCIDENT (object);

  g_free (self->id);
  g_free (self->discovered_on);
  g_free (self->description);
  g_free (self->accessed);
  g_free (self->accessed_by);
  for (guint i = 0; i < ALCOVE_INCIDENT_N_STEPS; i++)
    g_free (self->steps[i]);

  G_OBJECT_CLASS (alcove_incident_parent_class)->finalize (object);
}

static void
alcove_incident_class_init (AlcoveIncidentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_incident_finalize;
}

static void
alcove_incident_init (AlcoveIncident *self)
{
  self->discovered_on = g_strdup ("");
  self->description = g_strdup ("");
  self->accessed = g_strdup ("");
  self->accessed_by = g_strdup ("");
  self->jurisdiction = ALCOVE_JURISDICTION_US_HIPAA;
  for (guint i = 0; i < ALCOVE_INCIDENT_N_STEPS; i++)
    self->steps[i] = g_strdup ("");
}

AlcoveIncident *
alcove_incident_new (void)
{
  return g_object_new (ALCOVE_TYPE_INCIDENT, NULL);
}

AlcoveIncident *
alcove_incident_new_for_practice (AlcoveVault *vault)
{
  AlcoveIncident *incident = alcove_incident_new ();

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), incident);

  incident->jurisdiction = alcove_practice_get_jurisdiction (vault);
  return incident;
}

void
alcove_incident_follow_practice (AlcoveIncident *self,
                                 AlcoveVault    *vault)
{
  g_return_if_fail (ALCOVE_IS_INCIDENT (self));
  g_return_if_fail (ALCOVE_IS_VAULT (vault));

  self->jurisdiction = alcove_practice_get_jurisdiction (vault);
}

static void
replace_text (char       **field,
              const char  *value)
{
  g_free (*field);
  *field = g_strdup (value ? value : "");
}

const char *
alcove_incident_get_id (AlcoveIncident *self)
{
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (self), NULL);
  return self->id;
}

const char *
alcove_incident_get_discovered_on (AlcoveIncident *self)
{
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (self), NULL);
  return self->discovered_on;
}

void
alcove_incident_set_discovered_on (AlcoveIncident *self,
                                   const char     *day)
{
  g_return_if_fail (ALCOVE_IS_INCIDENT (self));
  replace_text (&self->discovered_on, day);
}

const char *
alcove_incident_get_description (AlcoveIncident *self)
{
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (self), NULL);
  return self->description;
}

void
alcove_incident_set_description (AlcoveIncident *self,
                                 const char     *text)
{
  g_return_if_fail (ALCOVE_IS_INCIDENT (self));
  replace_text (&self->description, text);
}

const char *
alcove_incident_get_accessed (AlcoveIncident *self)
{
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (self), NULL);
  return self->accessed;
}

void
alcove_incident_set_accessed (AlcoveIncident *self,
                              const char     *text)
{
  g_return_if_fail (ALCOVE_IS_INCIDENT (self));
  replace_text (&self->accessed, text);
}

const char *
alcove_incident_get_accessed_by (AlcoveIncident *self)
{
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (self), NULL);
  return self->accessed_by;
}

void
alcove_incident_set_accessed_by (AlcoveIncident *self,
                                 const char     *text)
{
  g_return_if_fail (ALCOVE_IS_INCIDENT (self));
  replace_text (&self->accessed_by, text);
}

AlcoveJurisdiction
alcove_incident_get_jurisdiction (AlcoveIncident *self)
{
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (self), ALCOVE_JURISDICTION_US_HIPAA);
  return self->jurisdiction;
}

void
alcove_incident_set_jurisdiction (AlcoveIncident     *self,
                                  AlcoveJurisdiction  jurisdiction)
{
  g_return_if_fail (ALCOVE_IS_INCIDENT (self));
  g_return_if_fail ((jurisdiction & ALCOVE_JURISDICTION_BOTH) != 0);
  self->jurisdiction = jurisdiction;
}

guint
alcove_incident_get_affected (AlcoveIncident *self)
{
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (self), 0);
  return self->affected;
}

void
alcove_incident_set_affected (AlcoveIncident *self,
                              guint           affected)
{
  g_return_if_fail (ALCOVE_IS_INCIDENT (self));
  self->affected = affected;
}

gboolean
alcove_incident_get_serious_harm (AlcoveIncident *self)
{
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (self), FALSE);
  return self->serious_harm;
}

void
alcove_incident_set_serious_harm (AlcoveIncident *self,
                                  gboolean        serious_harm)
{
  g_return_if_fail (ALCOVE_IS_INCIDENT (self));
  self->serious_harm = !!serious_harm;
}

/* The day the step was done, or "" */
const char *
alcove_incident_get_step_done (AlcoveIncident     *self,
                               AlcoveIncidentStep  step)
{
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (self), NULL);
  g_return_val_if_fail (step < ALCOVE_INCIDENT_N_STEPS, NULL);
  return self->steps[step];
}

const char *
alcove_incident_step_to_string (AlcoveIncidentStep step)
{
  g_return_val_if_fail (step < ALCOVE_INCIDENT_N_STEPS, NULL);
  return step_ids[step];
}

const char *
alcove_incident_step_get_title (AlcoveIncidentStep step)
{
  switch (step)
    {
    case ALCOVE_INCIDENT_STEP_DOCUMENT:
      return _("Document what happened");
    case ALCOVE_INCIDENT_STEP_OBLIGATIONS:
      return _("Determine the obligations");
    case ALCOVE_INCIDENT_STEP_NOTIFY_REGULATOR:
      return _("Notify the regulator");
    case ALCOVE_INCIDENT_STEP_NOTIFY_CLIENTS:
      return _("Notify clients in plain language");
    case ALCOVE_INCIDENT_STEP_ROOT_CAUSE:
      return _("Review the root cause");
    case ALCOVE_INCIDENT_N_STEPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- deadlines ---- */

void
alcove_incident_deadline_free (AlcoveIncidentDeadline *deadline)
{
  if (deadline == NULL)
    return;
  g_free (deadline->id);
  g_free (deadline->title);
  g_free (deadline->basis);
  g_free (deadline->due_day);
  g_free (deadline);
}

static JsonObject *
load_rules (void)
{
  static JsonParser *parser;

  if (g_once_init_enter (&parser))
    {
      JsonObject *root;
      JsonParser *loaded = alcove_data_load_file (alcove_breach_get_resource (), RULES_PATH, &root,
                                                  NULL);

      if (loaded == NULL || root == NULL)
        g_error ("The breach rules in %s are missing or malformed", RULES_PATH);
      g_once_init_leave (&parser, loaded);
    }
  return json_node_get_object (json_parser_get_root (parser));
}

static int
step_from_string (const char *text)
{
  for (guint i = 0; i < ALCOVE_INCIDENT_N_STEPS; i++)
    if (g_strcmp0 (step_ids[i], text) == 0)
      return (int) i;
  return -1;
}

static gboolean
rule_applies (AlcoveIncident *self,
              JsonObject     *rule)
{
  if (!alcove_jurisdiction_covers (self->jurisdiction,
                                   json_object_get_string_member_with_default (rule, "jurisdiction",
                                                                               NULL)))
    return FALSE;
  if (json_object_has_member (rule, "min_affected") &&
      self->affected < (guint) json_object_get_int_member (rule, "min_affected"))
    return FALSE;
  if (json_object_has_member (rule, "max_affected") &&
      self->affected > (guint) json_object_get_int_member (rule, "max_affected"))
    return FALSE;
  if (json_object_get_boolean_member_with_default (rule, "requires_serious_harm", FALSE) &&
      !self->serious_harm)
    return FALSE;
  return TRUE;
}

/* The due day of a rule, or NULL for "as soon as practicable" */
static char *
rule_due_day (JsonObject  *rule,
              GDate       *discovered)
{
  GDate due = *discovered;

  if (json_object_has_member (rule, "days_after_discovery"))
    g_date_add_days (&due, (guint) json_object_get_int_member (rule, "days_after_discovery"));
  else if (json_object_has_member (rule, "days_after_year_end"))
    {
      g_date_set_dmy (&due, 31, G_DATE_DECEMBER, g_date_get_year (discovered));
      g_date_add_days (&due, (guint) json_object_get_int_member (rule, "days_after_year_end"));
    }
  else
    return NULL;
  return alcove_date_to_iso (&due);
}

/* The deadlines that apply to this incident as it stands (AlcoveIncidentDeadline), in the
 * rules file's order; none until the discovery day is known */
GPtrArray *
alcove_incident_compute_deadlines (AlcoveIncident *self)
{
  GPtrArray *deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_incident_deadline_free);
  JsonArray *rules;
  GDate discovered;

  g_return_val_if_fail (ALCOVE_IS_INCIDENT (self), deadlines);

  if (!alcove_date_to_gdate (self->discovered_on, &discovered))
    return deadlines;
  rules = json_object_get_array_member (load_rules (), "rules");
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);
      AlcoveIncidentDeadline *deadline;
      const char *basis;

      if (!rule_applies (self, rule))
        continue;
      deadline = g_new0 (AlcoveIncidentDeadline, 1);
      deadline->id = g_strdup (json_object_get_string_member (rule, "id"));
      deadline->title = g_strdup (alcove_data_text (json_object_get_string_member (rule, "title")));
      basis = json_object_get_string_member_with_default (rule, "basis", "");
      deadline->basis = g_strdup (alcove_data_text (basis));
      deadline->due_day = json_object_get_boolean_member_with_default (rule,
                                                                       "as_soon_as_practicable",
                                                                       FALSE)
                          ? NULL : rule_due_day (rule, &discovered);
      deadline->note_only = json_object_get_boolean_member_with_default (rule, "note_only", FALSE);
      deadline->step = step_from_string (json_object_get_string_member_with_default (rule, "step",
                                                                                     ""));
      deadline->met = deadline->step >= 0 && *self->steps[deadline->step] != '\0';
      g_ptr_array_add (deadlines, deadline);
    }
  return deadlines;
}

/* Days from today to the due day: 0 on the day, negative when overdue; G_MAXINT when the
 * deadline has no date (as soon as practicable) */
int
alcove_incident_deadline_days_left (const AlcoveIncidentDeadline *deadline,
                                    GDate                        *today)
{
  GDate due;

  g_return_val_if_fail (deadline != NULL && today != NULL, G_MAXINT);

  if (deadline->due_day == NULL || !alcove_date_to_gdate (deadline->due_day, &due))
    return G_MAXINT;
  return g_date_days_between (today, &due);
}

/* ---- the register ---- */

gboolean
alcove_incidents_can_manage (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  return alcove_policy_allows (vault, ALCOVE_CAPABILITY_MANAGE_INCIDENTS);
}

static gboolean
require_owner (AlcoveVault  *vault,
               GError      **error)
{
  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  if (!alcove_incidents_can_manage (vault))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Only the practice owner keeps the breach register"));
      return FALSE;
    }
  return TRUE;
}

#define INCIDENT_COLUMNS \
  "id, discovered_ms, description, accessed, accessed_by, jurisdiction, affected, serious_harm"

static AlcoveIncident *
incident_from_row (sqlite3_stmt *stmt)
{
  AlcoveIncident *incident = alcove_incident_new ();

  incident->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_free (incident->discovered_on);
  incident->discovered_on = alcove_local_day_of_ms (sqlite3_column_int64 (stmt, 1));
  replace_text (&incident->description, (const char *) sqlite3_column_text (stmt, 2));
  replace_text (&incident->accessed, (const char *) sqlite3_column_text (stmt, 3));
  replace_text (&incident->accessed_by, (const char *) sqlite3_column_text (stmt, 4));
  if (!alcove_jurisdiction_from_string ((const char *) sqlite3_column_text (stmt, 5),
                                        &incident->jurisdiction))
    incident->jurisdiction = ALCOVE_JURISDICTION_BOTH;
  incident->affected = (guint) sqlite3_column_int64 (stmt, 6);
  incident->serious_harm = sqlite3_column_int (stmt, 7) != 0;
  return incident;
}

static gboolean
load_steps (AlcoveDatabase  *database,
            AlcoveIncident  *incident,
            GError         **error)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database, "SELECT step, done_on FROM"
                                                " main.incident_steps WHERE incident_id = ?",
                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, incident->id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int step = step_from_string ((const char *) sqlite3_column_text (stmt, 0));

      if (step >= 0)
        replace_text (&incident->steps[step], (const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || alcove_database_set_error (database, NULL, rc, error);
}

/* Every incident, most recently discovered first (AlcoveIncident) */
GPtrArray *
alcove_incidents_list (AlcoveVault  *vault,
                       GError      **error)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  AlcoveDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!require_owner (vault, error))
    return NULL;
  database = alcove_vault_get_database (vault);
  stmt = alcove_database_prepare (database, "SELECT " INCIDENT_COLUMNS " FROM main.incidents"
                                            " ORDER BY discovered_ms DESC, created_ms DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (incidents, incident_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      alcove_database_set_error (database, NULL, rc, error);
      return NULL;
    }
  for (guint i = 0; i < incidents->len; i++)
    if (!load_steps (database, g_ptr_array_index (incidents, i), error))
      return NULL;
  return g_steal_pointer (&incidents);
}

AlcoveIncident *
alcove_incidents_get (AlcoveVault  *vault,
                      const char   *incident_id,
                      GError      **error)
{
  g_autoptr(GPtrArray) incidents = alcove_incidents_list (vault, error);

  if (incidents == NULL)
    return NULL;
  for (guint i = 0; i < incidents->len; i++)
    {
      AlcoveIncident *incident = g_ptr_array_index (incidents, i);

      if (g_strcmp0 (incident->id, incident_id) == 0)
        return g_object_ref (incident);
    }
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                       _("That incident is not in the breach register"));
  return NULL;
}

static gboolean
write_step (AlcoveDatabase      *database,
            const char          *incident_id,
            AlcoveIncidentStep   step,
            const char          *done_on,
            const char          *actor,
            GError             **error)
{
  sqlite3_stmt *stmt = alcove_database_prepare (database, "INSERT OR REPLACE INTO"
                                                " main.incident_steps (incident_id, step, done_on,"
                                                " done_by) VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, incident_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, step_ids[step], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, done_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, *done_on ? actor : "", -1, SQLITE_TRANSIENT);
  return alcove_database_step_done (database, stmt, error);
}

static gboolean
validate (AlcoveIncident  *incident,
          GDate           *today,
          GError         **error)
{
  GDate discovered;
  g_autofree char *description = g_strstrip (g_strdup (incident->description));

  if (!alcove_date_to_gdate (incident->discovered_on, &discovered))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Enter the day the breach was discovered as YYYY-MM-DD"));
      return FALSE;
    }
  if (g_date_compare (&discovered, today) > 0)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("The discovery day is in the future; enter the day it was found"));
      return FALSE;
    }
  if (*description == '\0')
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Describe what happened: the deadlines run from discovery"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_incident (AlcoveVault     *vault,
                AlcoveIncident  *incident,
                gboolean         is_new,
                GDate           *today,
                GError         **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (vault);
  gint64 now = g_get_real_time () / 1000, discovered_ms = 0;
  sqlite3_stmt *stmt;

  alcove_day_to_local_ms (incident->discovered_on, &discovered_ms);
  stmt = alcove_database_prepare (database, is_new ?
    "INSERT INTO main.incidents (" INCIDENT_COLUMNS ", created_by, created_ms, updated_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)" :
    "UPDATE main.incidents SET discovered_ms = ?2, description = ?3, accessed = ?4,"
    " accessed_by = ?5, jurisdiction = ?6, affected = ?7, serious_harm = ?8, updated_ms = ?10"
    " WHERE id = ?1 AND ?9 IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, incident->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, discovered_ms);
  sqlite3_bind_text (stmt, 3, incident->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, incident->accessed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, incident->accessed_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, alcove_jurisdiction_to_string (incident->jurisdiction), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, incident->affected);
  sqlite3_bind_int (stmt, 8, incident->serious_harm);
  sqlite3_bind_text (stmt, 9, alcove_vault_actor (vault), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, now);
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  /* writing it down is the first step, done the day it is recorded */
  if (is_new)
    {
      g_autofree char *day = alcove_date_to_iso (today);

      if (!write_step (database, incident->id, ALCOVE_INCIDENT_STEP_DOCUMENT, day,
                       alcove_vault_actor (vault), error))
        return FALSE;
    }
  return alcove_audit_append (alcove_vault_get_audit (vault), is_new ? ALCOVE_AUDIT_INCIDENT_CREATE : ALCOVE_AUDIT_INCIDENT_UPDATE,
                              incident->id, "{}", NULL, error);
}

/* Records a new incident (no id yet: one is given, and "document" is done today) or saves
 * the changes to one. On failure nothing is written and the incident keeps what was typed. */
gboolean
alcove_incidents_save (AlcoveVault     *vault,
                       AlcoveIncident  *incident,
                       GDate           *today,
                       GError         **error)
{
  AlcoveDatabase *database;
  gboolean is_new;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!require_owner (vault, error) || !validate (incident, today, error))
    return FALSE;
  is_new = incident->id == NULL;
  if (is_new)
    incident->id = g_uuid_string_random ();
  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    goto failed;
  if (!write_incident (vault, incident, is_new, today, error))
    {
      alcove_database_rollback (database);
      goto failed;
    }
  if (!alcove_database_commit (database, error))
    goto failed;
  if (is_new)
    {
      g_free (incident->steps[ALCOVE_INCIDENT_STEP_DOCUMENT]);
      incident->steps[ALCOVE_INCIDENT_STEP_DOCUMENT] = alcove_date_to_iso (today);
    }
  alcove_vault_emit_changed (vault, "incidents");
  return TRUE;

failed:
  if (is_new)
    g_clear_pointer (&incident->id, g_free);
  return FALSE;
}

/* Ticks a step off on `done_on` (YYYY-MM-DD), or clears it with NULL or "" */
gboolean
alcove_incidents_set_step (AlcoveVault         *vault,
                           AlcoveIncident      *incident,
                           AlcoveIncidentStep   step,
                           const char          *done_on,
                           GError             **error)
{
  AlcoveDatabase *database;
  g_autofree char *details = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (step < ALCOVE_INCIDENT_N_STEPS, FALSE);

  if (!require_owner (vault, error))
    return FALSE;
  if (incident->id == NULL)
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Save the incident before ticking off its steps"));
      return FALSE;
    }
  done_on = done_on ? done_on : "";
  if (*done_on != '\0' && !alcove_date_is_valid (done_on))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID,
                           _("Enter the day the step was done as YYYY-MM-DD"));
      return FALSE;
    }
  details = alcove_audit_details ("step", step_ids[step], "done", *done_on ? "yes" : "no", NULL);
  database = alcove_vault_get_database (vault);
  if (!alcove_database_begin (database, error))
    return FALSE;
  if (!write_step (database, incident->id, step, done_on, alcove_vault_actor (vault), error) ||
      !alcove_audit_append (alcove_vault_get_audit (vault), ALCOVE_AUDIT_INCIDENT_STEP, incident->id, details, NULL, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  if (!alcove_database_commit (database, error))
    return FALSE;
  replace_text (&incident->steps[step], done_on);
  alcove_vault_emit_changed (vault, "incidents");
  return TRUE;
}

/* ---- the letter to affected clients ---- */

/* The plain-language letter, paragraphs separated by blank lines. The wording is data
 * (the "letter" of breach-rules.json); {practice}, {discovered} and {what} are filled in. */
char *
alcove_incidents_letter_text (AlcoveVault    *vault,
                              AlcoveIncident *incident)
{
  JsonObject *letter = json_object_get_object_member (load_rules (), "letter");
  JsonArray *paragraphs = json_object_get_array_member (letter, "paragraphs");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *what = g_strstrip (g_strdup (*incident->accessed ? incident->accessed
                                                                    : incident->description));
  g_autofree char *discovered_text = alcove_date_format (incident->discovered_on);

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (ALCOVE_IS_INCIDENT (incident), NULL);

  if (*what != '\0' && !g_str_has_suffix (what, "."))
    {
      g_autofree char *ended = g_strconcat (what, ".", NULL);

      g_free (what);
      what = g_steal_pointer (&ended);
    }
  g_string_append (text, alcove_data_text (json_object_get_string_member (letter, "title")));
  for (guint i = 0; i < json_array_get_length (paragraphs); i++)
    {
      const char *wording = json_array_get_string_element (paragraphs, i);
      g_autoptr(GString) paragraph = g_string_new (alcove_data_text (wording));

      g_string_replace (paragraph, "{practice}", alcove_vault_get_practice_name (vault), 0);
      g_string_replace (paragraph, "{discovered}", discovered_text, 0);
      g_string_replace (paragraph, "{what}", what, 0);
      g_string_append_printf (text, "\n\n%s", paragraph->str);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Printing the letter is audited: it is a disclosure of the incident to clients */
void
alcove_incidents_record_letter (AlcoveVault    *vault,
                                AlcoveIncident *incident)
{
  g_return_if_fail (ALCOVE_IS_VAULT (vault));
  g_return_if_fail (ALCOVE_IS_INCIDENT (incident));
  alcove_vault_audit (vault, ALCOVE_AUDIT_INCIDENT_LETTER, incident->id, "{}");
}
