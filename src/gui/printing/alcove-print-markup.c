/* alcove-print-markup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-print-markup"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-diagnosis-catalog.h"
#include "alcove-note-format.h"
#include "alcove-note-status.h"
#include "alcove-print-markup.h"
#include "alcove-treatment-text.h"

void
alcove_print_markup_append_text (GString    *markup,
                                 const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (markup, escaped);
}

void
alcove_print_markup_append_field (GString    *markup,
                                  const char *label,
                                  const char *value)
{
  g_string_append (markup, "<i>");
  alcove_print_markup_append_text (markup, label);
  g_string_append (markup, "</i> ");
  alcove_print_markup_append_text (markup, value);
  g_string_append (markup, "\n");
}

void
alcove_print_markup_append_heading (GString    *markup,
                                    const char *heading)
{
  g_string_append (markup, "<span size=\"large\" weight=\"bold\">");
  alcove_print_markup_append_text (markup, heading);
  g_string_append (markup, "</span>\n\n");
}

/* ---- a note ---- */

static void
append_title (GString          *markup,
              AlcoveNote       *note,
              AlcoveNoteFormat *format,
              AlcoveNoteMarkup  what)
{
  g_autofree char *day = alcove_date_format (alcove_note_get_session_date (note));
  g_autofree char *title = g_strdup_printf (_("%s note — session of %s"),
                                            format ? alcove_note_format_get_name (format) : "",
                                            day);

  /* in a disclosure the notes stand under a heading of their own, so theirs is smaller */
  if (what == ALCOVE_NOTE_MARKUP_RECORD)
    {
      alcove_print_markup_append_heading (markup, title);
      return;
    }
  g_string_append (markup, "<span weight=\"bold\">");
  alcove_print_markup_append_text (markup, title);
  g_string_append (markup, "</span>\n\n");
}

static void
append_italic (GString    *markup,
               const char *line)
{
  g_string_append (markup, "<i>");
  alcove_print_markup_append_text (markup, line);
  g_string_append (markup, "</i>\n");
}

/* When a note was written, if on a later day than its session; and, in a record, which
 * sections came from an earlier note */
static void
append_provenance (GString          *markup,
                   AlcoveNoteStore  *notes,
                   AlcoveNote       *note,
                   AlcoveNoteFormat *format,
                   AlcoveNoteMarkup  what)
{
  g_autofree char *iso = NULL;
  g_autofree char *from = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *line = NULL;

  if (alcove_note_is_late_entry (note))
    {
      g_autofree char *written = alcove_date_format_time (alcove_note_get_written_ms (note));
      g_autofree char *late = g_strdup_printf (_("Written %s, after the session"), written);

      append_italic (markup, late);
    }
  if (what != ALCOVE_NOTE_MARKUP_RECORD || format == NULL ||
      *alcove_note_get_copied_from (note) == '\0')
    return;
  titles = g_ptr_array_new ();
  for (guint i = 0; i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);

      if (g_hash_table_contains (alcove_note_get_copied_sections (note), section->key))
        g_ptr_array_add (titles, section->title);
    }
  g_ptr_array_add (titles, NULL);
  joined = g_strjoinv (", ", (char **) titles->pdata);
  iso = alcove_note_store_dup_copied_from_date (notes, note);
  from = iso ? alcove_date_format (iso) : g_strdup (_("an earlier date"));
  /* Translators: "<section titles> copied from the note of <date>" */
  line = g_strdup_printf (_("%s copied from the note of %s"), joined, from);
  append_italic (markup, line);
}

void
alcove_print_markup_append_part (GString    *markup,
                                 const char *title,
                                 const char *text)
{
  g_string_append (markup, "<b>");
  alcove_print_markup_append_text (markup, title);
  g_string_append (markup, "</b>\n");
  alcove_print_markup_append_text (markup, text);
  g_string_append (markup, "\n\n");
}

/* Each attendee's own part of a group note, by their id: a record's copy only, since a
 * disclosure about one client must not carry what the others said */
static void
append_attendees (GString         *markup,
                  AlcoveNoteStore *notes,
                  AlcoveNote      *note)
{
  AlcoveClientStore *clients = alcove_note_store_get_clients (notes);
  g_autoptr(GList) parts = g_list_sort (g_hash_table_get_keys (alcove_note_get_parts (note)),
                                        (GCompareFunc) g_strcmp0);

  for (GList *l = parts; l != NULL; l = l->next)
    {
      AlcoveClient *member = alcove_client_store_lookup (clients, l->data);

      alcove_print_markup_append_part (markup,
                                       member ? alcove_client_get_display_name (member)
                                              : _("Former attendee"),
                                       alcove_note_get_part (note, l->data));
    }
}

/* A co-signature prints under the signature it joins; a record also says when a note still
 * waits for one */
static void
append_cosignature (GString          *markup,
                    AlcoveNoteStore  *notes,
                    AlcoveNote       *note,
                    AlcoveNoteMarkup  what)
{
  g_autofree char *line = NULL;

  if (what == ALCOVE_NOTE_MARKUP_DISCLOSURE &&
      alcove_note_get_cosign_state (note) != ALCOVE_COSIGN_DONE)
    return;
  line = alcove_note_status_dup_cosign_line (notes, note);
  if (line == NULL)
    return;
  g_string_append (markup, "<i>");
  alcove_print_markup_append_text (markup, line);
  g_string_append (markup, "</i>\n");
}

/* A record shows the fingerprint that proves the text is what was signed, and says when a
 * note is a draft; a disclosure says only who signed it and when */
static void
append_signature (GString          *markup,
                  AlcoveNoteStore  *notes,
                  AlcoveNote       *note,
                  AlcoveNoteMarkup  what)
{
  g_autofree char *line = NULL;

  if (alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED)
    {
      g_autofree char *name = alcove_note_store_dup_author_name (notes,
                                                                 alcove_note_get_signed_by (note));
      g_autofree char *when = alcove_date_format_time (alcove_note_get_signed_ms (note));
      g_autofree char *fingerprint = NULL;

      if (what == ALCOVE_NOTE_MARKUP_DISCLOSURE)
        line = g_strdup_printf (_("Signed by %s on %s"), name, when);
      else
        {
          fingerprint = alcove_note_dup_fingerprint (note);
          line = g_strdup_printf (_("Signed by %s on %s · Fingerprint %s"), name, when,
                                  fingerprint);
        }
    }
  else if (what == ALCOVE_NOTE_MARKUP_RECORD)
    line = g_strdup (_("Draft — not signed"));
  if (line == NULL)
    return;
  g_string_append (markup, "<i>");
  alcove_print_markup_append_text (markup, line);
  g_string_append (markup, "</i>\n");
  append_cosignature (markup, notes, note, what);
}

static void
append_addenda (GString         *markup,
                AlcoveNoteStore *notes,
                AlcoveNote      *note)
{
  GPtrArray *addenda = alcove_note_get_addenda (note);

  for (guint i = 0; i < addenda->len; i++)
    {
      AlcoveAddendum *addendum = g_ptr_array_index (addenda, i);
      g_autofree char *when = alcove_date_format_time (addendum->created_ms);
      g_autofree char *author = alcove_note_store_dup_author_name (notes, addendum->author);
      g_autofree char *heading = g_strdup_printf (_("Addendum, %s, by %s"), when, author);

      g_string_append (markup, "\n<b>");
      alcove_print_markup_append_text (markup, heading);
      g_string_append (markup, "</b>\n");
      alcove_print_markup_append_text (markup, addendum->text);
      g_string_append (markup, "\n");
    }
}

static gboolean
is_chosen (const char * const *keys,
           const char         *key)
{
  return keys == NULL || g_strv_contains (keys, key);
}

void
alcove_print_markup_append_note (GString            *markup,
                                 AlcoveNoteStore    *notes,
                                 AlcoveNote         *note,
                                 AlcoveNoteMarkup    what,
                                 const char * const *keys)
{
  AlcoveNoteFormat *format;
  gboolean record = what == ALCOVE_NOTE_MARKUP_RECORD;

  g_return_if_fail (markup != NULL);
  g_return_if_fail (ALCOVE_IS_NOTE_STORE (notes));
  g_return_if_fail (ALCOVE_IS_NOTE (note));
  g_return_if_fail (record || what == ALCOVE_NOTE_MARKUP_DISCLOSURE);

  format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  append_title (markup, note, format, what);
  append_provenance (markup, notes, note, format, what);
  for (guint i = 0; format != NULL && i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);
      const char *text = alcove_note_get_section (note, section->key);

      if (record || (is_chosen (keys, section->key) && text != NULL && *text != '\0'))
        alcove_print_markup_append_part (markup, section->title, text);
    }
  if (record)
    append_attendees (markup, notes, note);
  append_signature (markup, notes, note, what);
  if (record || is_chosen (keys, "addenda"))
    append_addenda (markup, notes, note);
  g_string_append (markup, "\n\n");
}

/* ---- the problem list and the treatment plan ---- */

static void
append_line (GString    *markup,
             const char *open,
             const char *text,
             const char *close)
{
  g_string_append (markup, open);
  alcove_print_markup_append_text (markup, text);
  g_string_append (markup, close);
}

void
alcove_print_markup_append_diagnoses (GString    *markup,
                                      GListModel *diagnoses)
{
  g_return_if_fail (markup != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (diagnoses));

  for (guint i = 0; i < g_list_model_get_n_items (diagnoses); i++)
    {
      g_autoptr(AlcoveDiagnosis) diagnosis = g_list_model_get_item (diagnoses, i);
      g_autofree char *title = alcove_diagnosis_dup_title (diagnosis);
      g_autofree char *status = alcove_diagnosis_dup_status_line (diagnosis);

      append_line (markup, "<b>", title, "</b>\n");
      append_line (markup, "", status, "\n\n");
    }
  if (g_list_model_get_n_items (diagnoses) > 0)
    {
      g_autofree char *source = g_strdup_printf (_("Codes and descriptors: %s"),
                                                 alcove_diagnosis_catalog_get_release ());

      append_line (markup, "<i>", source, "</i>\n\n");
    }
}

static void
append_problem (GString           *markup,
                AlcovePlan        *plan,
                AlcovePlanProblem *problem,
                guint              number,
                guint             *goal_number)
{
  g_autofree char *heading = g_strdup_printf (_("Problem %u: %s"), number, problem->text);

  append_line (markup, "<b>", heading, "</b>\n");
  for (guint d = 0; d < problem->diagnoses->len; d++)
    {
      AlcovePlanDiagnosis *link = g_ptr_array_index (problem->diagnoses, d);
      const AlcoveDiagnosisCode *entry = alcove_diagnosis_catalog_lookup (link->code);
      g_autofree char *line = g_strdup_printf (_("Diagnosis: %s %s"), link->code,
                                               entry ? entry->long_text : "");

      append_line (markup, "", g_strstrip (line), "\n");
    }
  for (guint g = 0; g < problem->goals->len; g++)
    {
      AlcovePlanGoal *goal = g_ptr_array_index (problem->goals, g);
      g_autofree char *goal_line = g_strdup_printf (_("Goal %u: %s"), ++*goal_number, goal->text);

      append_line (markup, "<b>", goal_line, "</b>\n");
      for (guint o = 0; o < goal->objectives->len; o++)
        {
          AlcovePlanObjective *objective = g_ptr_array_index (goal->objectives, o);
          g_autofree char *title = alcove_plan_dup_objective_title (plan, objective);
          g_autofree char *target = alcove_plan_dup_target_line (objective);
          /* Translators: an objective on paper, "Objective <1.2 words> — <by day>" */
          g_autofree char *line = g_strdup_printf (_("Objective %s — %s"), title, target);

          append_line (markup, "    ", line, "\n");
        }
    }
  if (problem->interventions->len > 0)
    append_line (markup, "<b>", _("Interventions"), "</b>\n");
  for (guint i = 0; i < problem->interventions->len; i++)
    append_line (markup, "    • ",
                 ((AlcovePlanIntervention *) g_ptr_array_index (problem->interventions, i))->text,
                 "\n");
  g_string_append (markup, "\n");
}

void
alcove_print_markup_append_plan (GString          *markup,
                                 AlcovePlanStore  *plans,
                                 AlcovePlan       *plan,
                                 AlcoveNoteMarkup  what)
{
  g_autofree char *heading = NULL;
  g_autofree char *start = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *participation = alcove_plan_dup_participation_line (plan);
  g_autofree char *signature = NULL;
  GPtrArray *problems;
  guint goal_number = 0;

  g_return_if_fail (markup != NULL);
  g_return_if_fail (ALCOVE_IS_PLAN_STORE (plans));
  g_return_if_fail (ALCOVE_IS_PLAN (plan));

  heading = g_strdup_printf (_("Treatment plan, version %u"), alcove_plan_get_version (plan));
  if (what == ALCOVE_NOTE_MARKUP_RECORD)
    alcove_print_markup_append_heading (markup, heading);
  else
    append_line (markup, "<b>", heading, "</b>\n\n");
  start = alcove_date_format (alcove_plan_get_effective_on (plan));
  starts = g_strdup_printf (_("In effect from %s"), start);
  append_line (markup, "", starts, "\n");
  append_line (markup, "", participation, "\n\n");
  problems = alcove_plan_get_problems (plan);
  for (guint p = 0; p < problems->len; p++)
    append_problem (markup, plan, g_ptr_array_index (problems, p), p + 1, &goal_number);

  if (alcove_plan_get_status (plan) == ALCOVE_PLAN_SIGNED)
    {
      g_autofree char *name = alcove_note_store_dup_author_name (alcove_plan_store_get_notes (plans),
                                                                 alcove_plan_get_signed_by (plan));
      g_autofree char *when = alcove_date_format_time (alcove_plan_get_signed_ms (plan));
      g_autofree char *fingerprint = alcove_plan_dup_fingerprint (plan);

      signature = what == ALCOVE_NOTE_MARKUP_RECORD
                  ? g_strdup_printf (_("Signed by %s on %s · Fingerprint %s"), name, when,
                                     fingerprint)
                  : g_strdup_printf (_("Signed by %s on %s"), name, when);
    }
  else
    signature = g_strdup (_("Draft — not signed"));
  append_line (markup, "<i>", signature, "</i>\n\n\n");
}
