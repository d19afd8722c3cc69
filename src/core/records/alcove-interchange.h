/* alcove-interchange.h — import and export of a practice's records as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interchange format, version 2 (JSON Schema: data/alcove-interchange.schema.json,
 * installed as $datadir/alcove/alcove-interchange.schema.json; examples in tests/fixtures):
 *
 *   {
 *     "format": "alcove-interchange",
 *     "version": 2,                                  (1 is read too: clients and notes only)
 *     "clients": [
 *       { "id": "…", "preferred_name": "…", "legal_name": "…",
 *         "date_of_birth": "YYYY-MM-DD" or "",
 *         "pronouns": "…",                          (optional)
 *         "record_type": "individual" | "couple" | "family" | "group",  (optional: individual)
 *         "status": "active" | "discharged",        (optional: active)
 *         "members": [ client ids ] }                (optional: none)
 *     ],
 *     "sessions": [                                  (version 2; optional)
 *       { "id": "…", "client": client id, "clinician": username (optional),
 *         "date": "YYYY-MM-DD", "start_time": "HH:MM" (optional), "duration": minutes
 *         (optional: 50), "modality": "in-person" | "telehealth" (optional), "platform",
 *         "service_code" (optional), "status": "scheduled" | "attended" | "cancelled" |
 *         "no-show", "status_reason" (cancelled and no-show), "attendees": [ member ids ]
 *         (optional), "note_status": "none" | "draft" | "signed" (written, not read back:
 *         the notes imported set it) }
 *     ],
 *     "diagnoses": [                                 (version 2; optional)
 *       { "id": "…", "client": client id, "code": ICD-10-CM code, checked as when typed,
 *         "rank": "primary" | "secondary" (optional: secondary; one current primary per
 *         client), "onset", "resolved": "YYYY-MM-DD" (optional), "description" (optional:
 *         the words of a code Alcove does not ship) }
 *     ],
 *     "notes": [
 *       { "id": "…",                                 (optional, not kept: see below)
 *         "client": client id, "author": username,
 *         "session": session id,                     (version 2; optional)
 *         "format": "soap" | "dap" | "birp" | …,     (any record format of this build)
 *         "session_date": "YYYY-MM-DD",
 *         "sections": { section key: text },
 *         "status": "draft" | "signed",
 *         "signed_at": ISO 8601,                     (optional; signed notes only)
 *         "addenda": [ { "text": "…", "created_at": ISO 8601 } ],  (optional; signed only)
 *         "hash": SHA-256 (version 2; optional, checked when present; see below) }
 *     ],
 *     "plans": [                                     (version 2; optional)
 *       { "id": "…", "client": client id, "author": username,
 *         "versions": [ { "version": 1, 2, …, "effective_on": "YYYY-MM-DD",
 *           "status": "draft" | "signed" (only the last may be a draft),
 *           "signed_at", "client_signed_on", "no_signature_reason" (optional),
 *           "problems": [ { "id" (optional), "text", "diagnoses": [ { "id": diagnosis id,
 *             "code" (optional) } ], "goals": [ { "id", "text", "objectives": [ { "id",
 *             "text", "target_date" } ] } ], "interventions": [ { "id", "text" } ] } ],
 *             (the plan's own layout; item ids are kept, a missing one is made)
 *           "hash": SHA-256 (required when signed) } ] }
 *     ],
 *     "measures": [                                  (version 2; optional)
 *       { "id" (optional), "client": client id, "author": username, "measure": "phq9" …,
 *         "administered_on": "YYYY-MM-DD", "session": session id (optional),
 *         "answers": { item id: score }, "acknowledged_at": ISO 8601 (when an answer raised
 *         a risk prompt, such as PHQ-9 item 9 above 0),
 *         "total", "band": (optional; never read: see below) }
 *     ]
 *   }
 *
 * Unknown members are refused, so a misspelt optional field is not silently lost.
 *
 * Import:
 * - refuses, before parsing, a file over ALCOVE_INTERCHANGE_MAX_SIZE (512 MiB), nested
 *   deeper than ALCOVE_INTERCHANGE_MAX_DEPTH (64) or holding a NUL (alcove-json-guard.h).
 * - is one transaction: any error leaves the vault as it was. The error (in
 *   ALCOVE_VAULT_ERROR, code INVALID for the file's content) names the entry and field, as in
 *   `notes[3].session_date: "2024-13-01" is not a date (YYYY-MM-DD)`.
 * - Client ids that are UUIDs are kept as the vault's ids (and must not be in the vault yet);
 *   any other id (such as "c-1") stands for a new client within the file only and is given a
 *   new random UUID. Members, sessions, diagnoses, notes, plans and measures refer to clients
 *   by their id in the file, or to a client already in the vault by its UUID. Session,
 *   diagnosis, note, plan and measure ids are local to the file: each gets a new id.
 * - Notes, plans and measures go into their author's own notes store, whose key only the
 *   author holds: a user imports only the records they wrote ("author" is their username).
 *   A note without a session gets a new session on its session date.
 * - A signed note or plan version is signed again by the importing author: the signing time
 *   recorded in the vault is the time of the import ("signed_at" is checked, not kept).
 *   Addenda are added, in order, with the time of the import as their own time. A risk
 *   prompt's acknowledgement is likewise recorded at the time of the import.
 * - "hash" is the SHA-256 (hex) of the entry's canonical JSON (members in byte order, no
 *   white space) without its "hash" member. A signed plan version must carry it, a note may;
 *   an entry that does not match its hash was changed after it was exported, and is refused.
 * - A measure's total, band and alerts are always scored from its answers with the measure's
 *   definition; a "total" or "band" in the file is ignored, and one that differs from the
 *   score is reported in the report's warnings. An answer that is not one of its item's
 *   options is refused.
 * - Attendee parts of couple, family and group notes, guardians, contact details and the
 *   links between notes and plan objectives are not part of the format.
 *
 * Export writes version 2, in a stable order (clients by id; the rest by client, then date):
 * every client and session, and what the signed-in user's role may read of the rest —
 * diagnoses; the progress notes, plans and measures of every notes store they can open
 * (billing none of these). Psychotherapy (private) notes are never exported. Both
 * directions are audited with counts only.
 */
#pragma once

#include <gio/gio.h>

#include "alcove-note-store.h"

G_BEGIN_DECLS

#define ALCOVE_INTERCHANGE_FORMAT  "alcove-interchange"
#define ALCOVE_INTERCHANGE_VERSION 2

typedef struct
{
  guint n_clients;
  guint n_notes;
  guint n_signed;
  guint n_addenda;
  guint n_sessions;
  guint n_diagnoses;
  guint n_plans;
  guint n_plan_versions;
  guint n_measures;
  guint n_events;
  /* What was read but not trusted, such as a measure's total that its answers do not score
   * (char *, each naming the entry and field); NULL when there is none */
  GPtrArray *warnings;
} AlcoveImportReport;

/* Frees what an import put in the report (its warnings) */
void      alcove_import_report_clear (AlcoveImportReport *report);

gboolean  alcove_interchange_import (AlcoveNoteStore     *notes,
                                     GBytes              *json,
                                     AlcoveImportReport  *report,
                                     GError             **error);
GBytes   *alcove_interchange_export (AlcoveNoteStore     *notes,
                                     GError             **error);
/* Checks a file as import does, with no vault and writing nothing: all but what needs the
 * vault (the author being the signed-in user; a client id that is a vault's UUID is
 * reported as unknown). For the fuzz target (tests/fuzz/fuzz-interchange.c). */
gboolean  alcove_interchange_check  (GBytes              *json,
                                     GError             **error);
/* The same, with what the file holds counted in `report` (clients, sessions, diagnoses,
 * notes, plans and their versions, measures; not what signing would add) and its warnings;
 * clear it with alcove_import_report_clear() */
gboolean  alcove_interchange_check_report (GBytes            *json,
                                           AlcoveImportReport *report,
                                           GError           **error);

G_END_DECLS
