/* alcove-checklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-checklist"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "alcove-checklist.h"
#include "alcove-data.h"
#include "alcove-data-text.h"
#include "alcove-registers.h"

/* The rules of the privacy checklist: one small function per item, each reading only the
 * facts and the day it is given. The items' words and intervals come from
 * data/checklist/checklist.json; the order of the items is the order of the JSON. */

GResource *alcove_checklist_data_get_resource (void);

#define CHECKLIST_JSON "/io/github/alcove_notes/Alcove/checklist/checklist.json"
#define MAX_AUTO_LOCK_MINUTES 15
#define DEFAULT_ACCESS_REVIEW_DAYS 30

static const char * const item_ids[ALCOVE_CHECKLIST_N_ITEMS] = {
  "privacy-policy", "informed-consent", "disclosure-limits", "notes-secure", "teletherapy-baa",
  "devices", "ai-tools", "training", "access-review", "retention", "backups",
};

static AlcoveChecklistDefinition definitions[ALCOVE_CHECKLIST_N_ITEMS];

/* ---- definitions ---- */

static gboolean
load_definition (JsonObject *object)
{
  const char *id = alcove_data_member_string (object, "id");
  const char *judged = alcove_data_member_string (object, "judged");
  const char *title = alcove_data_member_string (object, "title");
  const char *action = alcove_data_member_string (object, "action");
  const char *attestation;
  AlcoveChecklistItemId item;
  AlcoveChecklistDefinition *definition;

  if (!alcove_checklist_item_id_from_string (id, &item) || judged == NULL || title == NULL ||
      action == NULL)
    return FALSE;
  definition = &definitions[item];
  definition->id = item;
  definition->id_string = item_ids[item];
  /* strings of a data file: interned, like the note formats' */
  definition->title = g_intern_string (_(title));
  definition->explanation =
    g_intern_string (alcove_data_text (alcove_data_member_string (object, "explanation")));
  definition->how = g_intern_string (alcove_data_text (alcove_data_member_string (object, "how")));
  definition->judged = g_str_equal (judged, "automatic") ? ALCOVE_CHECKLIST_AUTOMATIC
                                                          : ALCOVE_CHECKLIST_ATTESTED;
  definition->interval_days = (guint) json_object_get_int_member_with_default (object,
                                                                               "interval_days", 0);
  definition->action = g_intern_string (action);
  definition->action_label =
    g_intern_string (alcove_data_text (alcove_data_member_string (object, "action_label")));
  attestation = alcove_data_member_string (object, "attestation");
  if (attestation != NULL)
    {
      definition->attestation_source = g_intern_string (attestation);
      definition->attestation = g_intern_string (alcove_data_text (attestation));
      definition->attestation_days =
        definition->interval_days > 0
        ? definition->interval_days
        : (guint) json_object_get_int_member_with_default (object, "attestation_days", 0);
      /* an attestation that never runs out would be the emptiness it replaces */
      if (definition->attestation_days == 0)
        return FALSE;
    }
  return TRUE;
}

static gpointer
load_definitions (gpointer data)
{
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  g_autoptr(JsonParser) parser = alcove_data_load_file (alcove_checklist_data_get_resource (),
                                                        CHECKLIST_JSON, &root, &error);
  JsonArray *items;

  if (parser == NULL)
    g_error ("The checklist definitions are missing or broken: %s", error->message);
  items = alcove_data_member_array (root, "items");
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = alcove_data_element_object (items, i);

      if (item == NULL || !load_definition (item))
        g_error ("Checklist item %u in checklist.json is broken", i);
    }
  for (guint i = 0; i < ALCOVE_CHECKLIST_N_ITEMS; i++)
    if (definitions[i].id_string == NULL)
      g_error ("checklist.json has no item \"%s\"", item_ids[i]);
  return NULL;
}

const AlcoveChecklistDefinition *
alcove_checklist_get_definition (AlcoveChecklistItemId id)
{
  static GOnce once = G_ONCE_INIT;

  g_return_val_if_fail (id < ALCOVE_CHECKLIST_N_ITEMS, NULL);

  g_once (&once, load_definitions, NULL);
  return &definitions[id];
}

gboolean
alcove_checklist_item_id_from_string (const char            *text,
                                      AlcoveChecklistItemId *id)
{
  for (guint i = 0; i < ALCOVE_CHECKLIST_N_ITEMS; i++)
    if (g_strcmp0 (text, item_ids[i]) == 0)
      {
        *id = (AlcoveChecklistItemId) i;
        return TRUE;
      }
  return FALSE;
}

const char *
alcove_checklist_status_to_string (AlcoveChecklistStatus status)
{
  static const char * const words[] = { "current", "due-soon", "overdue", "needs-attention",
                                        "not-yet-reviewed" };

  g_return_val_if_fail (status <= ALCOVE_CHECKLIST_NOT_YET_REVIEWED, "");
  return words[status];
}

const char *
alcove_checklist_status_get_title (AlcoveChecklistStatus status)
{
  switch (status)
    {
    case ALCOVE_CHECKLIST_CURRENT:
      /* Translators: a privacy checklist item's status: done and not yet due again */
      return _("Current");
    case ALCOVE_CHECKLIST_DUE_SOON:
      return _("Due soon");
    case ALCOVE_CHECKLIST_OVERDUE:
      /* Translators: a privacy checklist item's status */
      return _("Overdue");
    case ALCOVE_CHECKLIST_NOT_YET_REVIEWED:
      return _("Not yet reviewed");
    case ALCOVE_CHECKLIST_NEEDS_ATTENTION:
    default:
      return _("Needs attention");
    }
}

/* Yearly items warn a month ahead, quarterly ones two weeks, monthly ones a week, weekly
 * ones a day: long enough to arrange the review, short enough not to be "due soon" most of
 * the time. */
guint
alcove_checklist_due_soon_days (guint interval_days)
{
  if (interval_days <= 14)
    return 1;
  if (interval_days >= 180)
    return 30;
  if (interval_days >= 60)
    return 14;
  return 7;
}

char *
alcove_checklist_describe_interval (guint interval_days)
{
  if (interval_days == 0)
    return g_strdup (_("Checked continuously"));
  if (interval_days == 365)
    return g_strdup (_("Every year"));
  if (interval_days % 30 == 0 && interval_days <= 180)
    {
      guint months = interval_days / 30;

      return months == 1 ? g_strdup (_("Every month"))
                         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u month",
                                                         "Every %u months", months), months);
    }
  if (interval_days % 7 == 0)
    {
      guint weeks = interval_days / 7;

      return weeks == 1 ? g_strdup (_("Every week"))
                        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u week",
                                                        "Every %u weeks", weeks), weeks);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u day", "Every %u days",
                                       interval_days), interval_days);
}

/* ---- facts ---- */

void
alcove_checklist_facts_init (AlcoveChecklistFacts *facts)
{
  g_return_if_fail (facts != NULL);

  memset (facts, 0, sizeof *facts);
  g_date_clear (&facts->policy_reviewed_on, 1);
  g_date_clear (&facts->last_training, 1);
  g_date_clear (&facts->last_access_review, 1);
  g_date_clear (&facts->last_backup, 1);
  facts->n_active_clients = ALCOVE_CHECKLIST_UNKNOWN;
  facts->n_without_current_intake = ALCOVE_CHECKLIST_UNKNOWN;
  facts->n_intakes_without_limits_statement = ALCOVE_CHECKLIST_UNKNOWN;
  facts->vault_encrypted = TRUE;  /* a vault is never anything else */
  facts->auto_lock_minutes = ALCOVE_CHECKLIST_UNKNOWN;
  facts->open_helper_findings = ALCOVE_CHECKLIST_UNKNOWN;
  facts->n_telehealth_sessions = ALCOVE_CHECKLIST_UNKNOWN;
  facts->n_records_past_retention = ALCOVE_CHECKLIST_UNKNOWN;
  facts->n_clients = ALCOVE_CHECKLIST_UNKNOWN;
  for (guint i = 0; i < ALCOVE_CHECKLIST_N_ITEMS; i++)
    g_date_clear (&facts->attestations[i].day, 1);
  facts->teletherapy_vendors = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_vendor_free);
  facts->ai_vendors = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_vendor_free);
  facts->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_device_free);
}

void
alcove_checklist_facts_clear (AlcoveChecklistFacts *facts)
{
  g_return_if_fail (facts != NULL);

  g_clear_pointer (&facts->policy_document_id, g_free);
  g_clear_pointer (&facts->teletherapy_vendors, g_ptr_array_unref);
  g_clear_pointer (&facts->ai_vendors, g_ptr_array_unref);
  g_clear_pointer (&facts->devices, g_ptr_array_unref);
  for (guint i = 0; i < ALCOVE_CHECKLIST_N_ITEMS; i++)
    g_clear_pointer (&facts->attestations[i].by_name, g_free);
}

/* ---- the rules ---- */

void
alcove_checklist_item_free (AlcoveChecklistItem *item)
{
  if (item == NULL)
    return;
  g_free (item->reason);
  g_free (item->evidence);
  g_free (item->attested_by);
  g_free (item);
}

static void
set_status (AlcoveChecklistItem   *item,
            AlcoveChecklistStatus  status,
            char                  *reason)
{
  item->status = status;
  g_free (item->reason);
  item->reason = reason;
}

static void
not_recorded (AlcoveChecklistItem *item)
{
  set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
              g_strdup (_("Not yet recorded: Alcove cannot check this yet")));
}

/* A review on `last` every interval days: due on last + interval */
static void
judge_schedule (AlcoveChecklistItem *item,
                const GDate         *last,
                const GDate         *today,
                const char          *never)
{
  g_autofree char *last_text = NULL;
  int days_left;

  if (!g_date_valid (last))
    {
      set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION, g_strdup (never));
      return;
    }
  item->due = *last;
  g_date_add_days (&item->due, item->interval_days);
  days_left = g_date_days_between (today, &item->due);
  last_text = alcove_date_format_gdate (last);
  /* the due day itself is shown beside the reason: say how far it is */
  if (days_left < 0)
    /* Translators: a day as Alcove shows days, then a number of days */
    set_status (item, ALCOVE_CHECKLIST_OVERDUE,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last done on %s; overdue by %d day",
                                              "Last done on %s; overdue by %d days", -days_left),
                                 last_text, -days_left));
  else if (days_left == 0)
    set_status (item, ALCOVE_CHECKLIST_DUE_SOON,
                g_strdup_printf (_("Last done on %s; due today"), last_text));
  else if ((guint) days_left <= alcove_checklist_due_soon_days (item->interval_days))
    set_status (item, ALCOVE_CHECKLIST_DUE_SOON,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last done on %s; due in %d day",
                                              "Last done on %s; due in %d days", days_left),
                                 last_text, days_left));
  else
    set_status (item, ALCOVE_CHECKLIST_CURRENT,
                g_strdup_printf (_("Last done on %s"), last_text));
}

/* The oldest of the days (YYYY-MM-DD) at offset `field` of each struct in items */
static void
oldest_day (GPtrArray *items,
            gsize      field,
            GDate     *oldest)
{
  g_date_clear (oldest, 1);
  for (guint i = 0; i < items->len; i++)
    {
      const char *text = G_STRUCT_MEMBER (const char *, g_ptr_array_index (items, i), field);
      GDate day;

      if (!alcove_date_to_gdate (text, &day))
        {
          g_date_clear (oldest, 1);  /* one never attested: the whole register is */
          return;
        }
      if (!g_date_valid (oldest) || g_date_compare (&day, oldest) < 0)
        *oldest = day;
    }
}

/* The item's list is empty: only a person's attestation of the item's statement, younger
 * than the item's interval, makes it met; without one it is not yet reviewed. The
 * attestation is asked again as any review is: due soon, then overdue. */
static void
judge_attestation (AlcoveChecklistItem        *item,
                   const AlcoveChecklistFacts *facts,
                   const GDate                *today)
{
  const AlcoveChecklistDefinition *definition = item->definition;
  const AlcoveChecklistAttestation *attestation = &facts->attestations[definition->id];
  g_autofree char *day = NULL;
  int days_left;

  g_assert (definition->attestation != NULL);
  item->attestable = TRUE;
  item->interval_days = definition->attestation_days;
  g_clear_pointer (&item->evidence, g_free);
  if (!g_date_valid (&attestation->day) || attestation->by_name == NULL ||
      g_date_compare (&attestation->day, today) > 0)
    {
      /* Translators: %s is what a person would state, e.g. "We use no AI tools" */
      set_status (item, ALCOVE_CHECKLIST_NOT_YET_REVIEWED,
                  g_strdup_printf (_("Nobody has attested “%s” yet"), definition->attestation));
      item->evidence = g_strdup (_("Not yet reviewed: nothing recorded and nobody has attested it"));
      return;
    }
  item->attested_by = g_strdup (attestation->by_name);
  item->attested_on = attestation->day;
  day = alcove_date_format_gdate (&attestation->day);
  item->due = attestation->day;
  g_date_add_days (&item->due, item->interval_days);
  days_left = g_date_days_between (today, &item->due);
  /* Translators: a person's name, then a day as Alcove shows days, then their statement */
  item->evidence = g_strdup_printf (_("Attested by %s on %s: “%s”"), attestation->by_name, day,
                                    definition->attestation);
  if (days_left < 0)
    /* Translators: a person's name, a day as Alcove shows days, then a number of days */
    set_status (item, ALCOVE_CHECKLIST_OVERDUE,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Attested by %s on %s; attest again: overdue by %d day",
                                              "Attested by %s on %s; attest again: overdue by %d days",
                                              -days_left),
                                 attestation->by_name, day, -days_left));
  else if (days_left == 0)
    set_status (item, ALCOVE_CHECKLIST_DUE_SOON,
                g_strdup_printf (_("Attested by %s on %s; attest again today"),
                                 attestation->by_name, day));
  else if ((guint) days_left <= alcove_checklist_due_soon_days (item->interval_days))
    set_status (item, ALCOVE_CHECKLIST_DUE_SOON,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Attested by %s on %s; attest again in %d day",
                                              "Attested by %s on %s; attest again in %d days",
                                              days_left),
                                 attestation->by_name, day, days_left));
  else
    set_status (item, ALCOVE_CHECKLIST_CURRENT,
                /* Translators: a person's name, then a day as Alcove shows days */
                g_strdup_printf (_("Attested by %s on %s"), attestation->by_name, day));
}

static void
rule_privacy_policy (AlcoveChecklistItem        *item,
                     const AlcoveChecklistFacts *facts,
                     const GDate                *today)
{
  g_autofree char *day = alcove_date_format_gdate (&facts->policy_reviewed_on);

  if (facts->policy_document_id == NULL || *facts->policy_document_id == '\0')
    {
      set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
                  g_strdup (_("No privacy policy is attached in the vault")));
      item->evidence = g_strdup (_("No policy document"));
      return;
    }
  judge_schedule (item, &facts->policy_reviewed_on, today,
                  _("The privacy policy has never been reviewed"));
  item->evidence = g_strdup_printf (_("Policy document kept in the vault; last reviewed on %s"),
                                    day);
}

static void
rule_informed_consent (AlcoveChecklistItem        *item,
                       const AlcoveChecklistFacts *facts,
                       const GDate                *today)
{
  int active = facts->n_active_clients;
  int without = facts->n_without_current_intake;

  if (active == 0)
    {
      judge_attestation (item, facts, today);
      return;
    }
  if (active < 0 || without < 0)
    not_recorded (item);
  else if (without > 0)
    set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%d of %d active clients has no current intake consent",
                                              "%d of %d active clients have no current intake consent",
                                              without), without, active));
  else
    set_status (item, ALCOVE_CHECKLIST_CURRENT,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The active client has a current intake consent",
                                              "All %d active clients have a current intake consent",
                                              active), active));
  if (active >= 0 && without >= 0)
    item->evidence = g_strdup_printf (_("Active clients: %d; without a current intake consent: %d"),
                                      active, without);
  else if (active >= 0)
    item->evidence = g_strdup_printf (_("Active clients: %d; intake consents not yet recorded"),
                                      active);
}

static void
rule_disclosure_limits (AlcoveChecklistItem        *item,
                        const AlcoveChecklistFacts *facts,
                        const GDate                *today)
{
  int missing = facts->n_intakes_without_limits_statement;
  int active = facts->n_active_clients;
  int without = facts->n_without_current_intake;

  if (active == 0)
    {
      judge_attestation (item, facts, today);
      return;
    }
  if (missing < 0)
    not_recorded (item);
  /* no intake consent in effect at all: nothing documents the limits yet */
  else if (active > 0 && without == active)
    set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
                g_strdup (_("No active client has an intake consent in effect, so nothing "
                            "documents the limits of confidentiality yet")));
  else if (missing > 0)
    set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%d intake consent does not document the limits of confidentiality",
                                              "%d intake consents do not document the limits of confidentiality",
                                              missing), missing));
  else
    set_status (item, ALCOVE_CHECKLIST_CURRENT,
                g_strdup (_("Every current intake consent documents the limits of confidentiality")));
  if (missing >= 0)
    item->evidence = g_strdup_printf (_("Intake consents without the limits documented: %d"),
                                      missing);
}

static void
rule_notes_secure (AlcoveChecklistItem        *item,
                   const AlcoveChecklistFacts *facts,
                   const GDate                *today)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) evidence = g_string_new (NULL);

  if (!facts->vault_encrypted)
    g_ptr_array_add (problems, g_strdup (_("the vault is not encrypted")));
  if (facts->auto_lock_minutes < 0)
    g_ptr_array_add (problems, g_strdup (_("the auto-lock time is not known")));
  else if (facts->auto_lock_minutes > MAX_AUTO_LOCK_MINUTES)
    g_ptr_array_add (problems,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "auto-lock is %d minute; make it 15 or fewer",
                                                   "auto-lock is %d minutes; make it 15 or fewer",
                                                   facts->auto_lock_minutes),
                                      facts->auto_lock_minutes));
  if (!facts->recovery_confirmed)
    g_ptr_array_add (problems, g_strdup (_("the recovery key was not confirmed")));
  if (!facts->roles_in_force)
    g_ptr_array_add (problems, g_strdup (_("someone can open more than their role allows")));

  if (problems->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (problems, NULL);
      joined = g_strjoinv ("; ", (char **) problems->pdata);
      /* Translators: %s lists what is wrong, e.g. "auto-lock is 20 minutes; make it 15 or fewer" */
      set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION, g_strdup_printf (_("To fix: %s"), joined));
    }
  else
    set_status (item, ALCOVE_CHECKLIST_CURRENT,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Encrypted, locks after %d minute, recovery key "
                                              "confirmed, access by role",
                                              "Encrypted, locks after %d minutes, recovery key "
                                              "confirmed, access by role",
                                              facts->auto_lock_minutes),
                                 facts->auto_lock_minutes));

  /* Translators: each %s but the number is "yes" or "no" */
  g_string_append_printf (evidence, g_dngettext (GETTEXT_PACKAGE,
                                                 "Encrypted: %s; auto-lock: %d minute; recovery "
                                                 "key confirmed: %s; access by role: %s",
                                                 "Encrypted: %s; auto-lock: %d minutes; recovery "
                                                 "key confirmed: %s; access by role: %s",
                                                 MAX (facts->auto_lock_minutes, 0)),
                          facts->vault_encrypted ? _("yes") : _("no"), facts->auto_lock_minutes,
                          facts->recovery_confirmed ? _("yes") : _("no"),
                          facts->roles_in_force ? _("yes") : _("no"));
  /* the helper's findings inform; they do not fail the item (a finding may be dismissed) */
  if (facts->open_helper_findings > 0)
    {
      g_autofree char *findings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%d open finding of the minimum-necessary helper",
                                                                "%d open findings of the minimum-necessary helper",
                                                                facts->open_helper_findings),
                                                   facts->open_helper_findings);
      char *reason = g_strconcat (item->reason, " · ", findings, NULL);

      g_free (item->reason);
      item->reason = reason;
    }
  if (facts->open_helper_findings >= 0)
    g_string_append_printf (evidence, _("; open helper findings: %d"), facts->open_helper_findings);
  item->evidence = g_string_free (g_steal_pointer (&evidence), FALSE);
}

static void
rule_teletherapy (AlcoveChecklistItem        *item,
                  const AlcoveChecklistFacts *facts,
                  const GDate                *today)
{
  GPtrArray *vendors = facts->teletherapy_vendors;
  GDate oldest;

  item->evidence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u teletherapy platform in the vendor register",
                                                 "%u teletherapy platforms in the vendor register",
                                                 vendors->len), vendors->len);
  if (vendors->len == 0)
    {
      if (facts->n_telehealth_sessions > 0)
        set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
                    g_strdup (_("Telehealth sessions are recorded, but no teletherapy platform is "
                                "in the vendor register")));
      else
        judge_attestation (item, facts, today);
      return;
    }
  for (guint i = 0; i < vendors->len; i++)
    {
      AlcoveVendor *vendor = g_ptr_array_index (vendors, i);

      if (vendor->baa != ALCOVE_ANSWER_YES)
        {
          /* Translators: %s is a product's name, e.g. "Doxy.me" */
          set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
                      g_strdup_printf (_("%s has no signed BAA on record"), vendor->name));
          return;
        }
    }
  oldest_day (vendors, G_STRUCT_OFFSET (AlcoveVendor, reviewed_on), &oldest);
  judge_schedule (item, &oldest, today, _("A platform’s answers were never confirmed"));
}

static void
rule_devices (AlcoveChecklistItem        *item,
              const AlcoveChecklistFacts *facts,
              const GDate                *today)
{
  GPtrArray *devices = facts->devices;
  GDate oldest;

  item->evidence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u device in the device register",
                                                 "%u devices in the device register",
                                                 devices->len), devices->len);
  if (devices->len == 0)
    {
      set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
                  g_strdup (_("No devices recorded: add each computer and phone used for the "
                              "practice")));
      return;
    }
  for (guint i = 0; i < devices->len; i++)
    {
      AlcoveDevice *device = g_ptr_array_index (devices, i);

      for (guint c = 0; c < ALCOVE_DEVICE_N_CHECKS; c++)
        if (!device->checks[c])
          {
            /* Translators: a device's name, then what it lacks, e.g. "Reception laptop: not
             * confirmed: Multi-factor authentication on its accounts" */
            set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
                        g_strdup_printf (_("%s: not confirmed: %s"), device->name,
                                         alcove_device_check_get_title (c)));
            return;
          }
    }
  oldest_day (devices, G_STRUCT_OFFSET (AlcoveDevice, attested_on), &oldest);
  judge_schedule (item, &oldest, today, _("A device was never checked"));
}

static const char *
ai_answer_problem (const AlcoveVendor *vendor,
                   const char        **question)
{
  if (vendor->baa != ALCOVE_ANSWER_YES)
    {
      *question = _("BAA signed");
      return vendor->baa == ALCOVE_ANSWER_NO ? "no" : "unknown";
    }
  for (guint q = 0; q < ALCOVE_AI_N_QUESTIONS; q++)
    if (vendor->answers[q] != ALCOVE_ANSWER_YES)
      {
        *question = alcove_ai_question_get_title (q);
        return vendor->answers[q] == ALCOVE_ANSWER_NO ? "no" : "unknown";
      }
  if (!alcove_vendor_ai_answers_ok (vendor))
    {
      *question = alcove_ai_question_get_title (ALCOVE_AI_STORAGE);
      return "unknown";
    }
  return NULL;
}

static void
rule_ai_tools (AlcoveChecklistItem        *item,
               const AlcoveChecklistFacts *facts,
               const GDate                *today)
{
  GPtrArray *vendors = facts->ai_vendors;
  GDate oldest;

  item->evidence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u AI tool in the vendor register",
                                                 "%u AI tools in the vendor register",
                                                 vendors->len), vendors->len);
  if (vendors->len == 0)
    {
      judge_attestation (item, facts, today);
      return;
    }
  for (guint i = 0; i < vendors->len; i++)
    {
      AlcoveVendor *vendor = g_ptr_array_index (vendors, i);
      const char *question = NULL;
      const char *problem = ai_answer_problem (vendor, &question);

      if (problem == NULL)
        continue;
      set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
                  g_str_equal (problem, "no")
                  /* Translators: a product's name, then one of the six questions */
                  ? g_strdup_printf (_("%s answers no to “%s”"), vendor->name, question)
                  : g_strdup_printf (_("%s has not answered “%s”"), vendor->name, question));
      return;
    }
  oldest_day (vendors, G_STRUCT_OFFSET (AlcoveVendor, reviewed_on), &oldest);
  judge_schedule (item, &oldest, today, _("An AI tool’s answers were never confirmed"));
}

static void
rule_training (AlcoveChecklistItem        *item,
               const AlcoveChecklistFacts *facts,
               const GDate                *today)
{
  guint missing = ALCOVE_TOPIC_ALL & ~facts->training_topics_last_year;
  g_autofree char *day = alcove_date_format_gdate (&facts->last_training);

  judge_schedule (item, &facts->last_training, today, _("No training recorded"));
  item->evidence = g_date_valid (&facts->last_training)
                   ? g_strdup_printf (_("Last training on %s"), day)
                   : g_strdup (_("No training recorded"));
  if (item->status > ALCOVE_CHECKLIST_DUE_SOON || missing == 0)
    return;
  for (guint t = 0; t < ALCOVE_TOPIC_N; t++)
    if (missing & (1u << t))
      {
        /* Translators: %s is a training topic */
        set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
                    g_strdup_printf (_("Not covered in the last year: %s"),
                                     alcove_training_topic_get_title (t)));
        return;
      }
}

static void
rule_access_review (AlcoveChecklistItem        *item,
                    const AlcoveChecklistFacts *facts,
                    const GDate                *today)
{
  g_autofree char *day = alcove_date_format_gdate (&facts->last_access_review);

  if (facts->access_review_interval_days > 0)
    item->interval_days = facts->access_review_interval_days;
  if (!facts->access_review_known)
    {
      not_recorded (item);
      return;
    }
  judge_schedule (item, &facts->last_access_review, today,
                  _("The access logs have never been reviewed"));
  /* Translators: the first %s is a date or "never" */
  item->evidence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Last review of the access logs: %s; every %u day",
                                                 "Last review of the access logs: %s; every %u days",
                                                 item->interval_days),
                                    *day ? day : _("never"), item->interval_days);
}

static void
rule_retention (AlcoveChecklistItem        *item,
                const AlcoveChecklistFacts *facts,
                const GDate                *today)
{
  int past = facts->n_records_past_retention;

  if (past < 0)
    not_recorded (item);
  else if (past > 0)
    set_status (item, ALCOVE_CHECKLIST_NEEDS_ATTENTION,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%d record is past the retention period",
                                              "%d records are past the retention period",
                                              past), past));
  else if (facts->n_clients == 0)
    {
      /* nothing in the vault to judge; records kept elsewhere are the person's to state */
      judge_attestation (item, facts, today);
      return;
    }
  else
    set_status (item, ALCOVE_CHECKLIST_CURRENT,
                g_strdup (_("No records are past the retention period")));
  if (past >= 0)
    item->evidence = g_strdup_printf (_("Records past the retention period: %d"), past);
}

/* A backup of the whole vault, verified when it was written, within the item's interval
 * (a week: data/checklist/checklist.json says why) */
static void
rule_backups (AlcoveChecklistItem        *item,
              const AlcoveChecklistFacts *facts,
              const GDate                *today)
{
  g_autofree char *day = alcove_date_format_gdate (&facts->last_backup);

  judge_schedule (item, &facts->last_backup, today,
                  _("No verified backup of the vault has been made"));
  item->evidence = g_date_valid (&facts->last_backup)
                   ? g_strdup_printf (_("Last verified backup on %s"), day)
                   : g_strdup (_("No verified backup"));
}

typedef void (*RuleFunc) (AlcoveChecklistItem        *item,
                          const AlcoveChecklistFacts *facts,
                          const GDate                *today);

static const RuleFunc rules[ALCOVE_CHECKLIST_N_ITEMS] = {
  rule_privacy_policy, rule_informed_consent, rule_disclosure_limits, rule_notes_secure,
  rule_teletherapy, rule_devices, rule_ai_tools, rule_training, rule_access_review,
  rule_retention, rule_backups,
};

GPtrArray *
alcove_checklist_evaluate (const AlcoveChecklistFacts *facts,
                           const GDate                *today)
{
  GPtrArray *items;

  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_checklist_item_free);
  for (guint i = 0; i < ALCOVE_CHECKLIST_N_ITEMS; i++)
    {
      AlcoveChecklistItem *item = g_new0 (AlcoveChecklistItem, 1);

      item->definition = alcove_checklist_get_definition (i);
      item->interval_days = item->definition->interval_days;
      g_date_clear (&item->due, 1);
      g_date_clear (&item->attested_on, 1);
      rules[i] (item, facts, today);
      if (item->evidence == NULL)
        item->evidence = g_strdup (_("Not yet recorded"));
      g_ptr_array_add (items, item);
    }
  return items;
}

guint
alcove_checklist_count_current (GPtrArray *items)
{
  guint count = 0;

  g_return_val_if_fail (items != NULL, 0);

  for (guint i = 0; i < items->len; i++)
    {
      AlcoveChecklistItem *item = g_ptr_array_index (items, i);

      if (item->status == ALCOVE_CHECKLIST_CURRENT || item->status == ALCOVE_CHECKLIST_DUE_SOON)
        count++;
    }
  return count;
}

static int
urgency_rank (AlcoveChecklistStatus status)
{
  switch (status)
    {
    case ALCOVE_CHECKLIST_NEEDS_ATTENTION:
      return 0;
    case ALCOVE_CHECKLIST_OVERDUE:
      return 1;
    case ALCOVE_CHECKLIST_NOT_YET_REVIEWED:
      return 2;
    case ALCOVE_CHECKLIST_DUE_SOON:
      return 3;
    case ALCOVE_CHECKLIST_CURRENT:
    default:
      return 4;
    }
}

static int
compare_urgency (gconstpointer a,
                 gconstpointer b)
{
  const AlcoveChecklistItem *first = *(const AlcoveChecklistItem * const *) a;
  const AlcoveChecklistItem *second = *(const AlcoveChecklistItem * const *) b;
  int rank = urgency_rank (first->status) - urgency_rank (second->status);

  if (rank != 0)
    return rank;
  /* overdue and due soon: the earlier due day first */
  if (g_date_valid (&first->due) && g_date_valid (&second->due))
    {
      int by_day = g_date_compare (&first->due, &second->due);

      if (by_day != 0)
        return by_day;
    }
  return (int) first->definition->id - (int) second->definition->id;
}

GPtrArray *
alcove_checklist_next_actions (GPtrArray *items)
{
  GPtrArray *actions;

  g_return_val_if_fail (items != NULL, NULL);

  actions = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    {
      AlcoveChecklistItem *item = g_ptr_array_index (items, i);

      if (item->status != ALCOVE_CHECKLIST_CURRENT)
        g_ptr_array_add (actions, item);
    }
  g_ptr_array_sort (actions, compare_urgency);
  return actions;
}
