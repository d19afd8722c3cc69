/* alcove-interchange.h — import and export of clients and notes as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interchange format, version 1 (JSON Schema: data/alcove-interchange.schema.json,
 * installed as $datadir/alcove/alcove-interchange.schema.json):
 *
 *   {
 *     "format": "alcove-interchange",
 *     "version": 1,
 *     "clients": [
 *       { "id": "…", "preferred_name": "…", "legal_name": "…",
 *         "date_of_birth": "YYYY-MM-DD" or "",
 *         "pronouns": "…",                          (optional)
 *         "record_type": "individual" | "couple" | "family" | "group",
 *         "status": "active" | "discharged",
 *         "members": [ client ids ] }                ([] for an individual)
 *     ],
 *     "notes": [
 *       { "id": "…",                                 (optional, not kept: see below)
 *         "client": client id, "author": username,
 *         "format": "soap" | "dap" | "birp",         (any record format of this build)
 *         "session_date": "YYYY-MM-DD",
 *         "sections": { section key: text },
 *         "status": "draft" | "signed",
 *         "signed_at": ISO 8601,                     (optional; signed notes only)
 *         "addenda": [ { "text": "…", "created_at": ISO 8601 } ] }  (optional; signed only)
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
 *   new random UUID. Members and notes refer to clients by their id in the file, or to a
 *   client already in the vault by its UUID.
 * - Notes go into their author's own notes store, whose key only the author holds: a user
 *   imports only the notes they wrote ("author" is their username). Note ids are not kept;
 *   every note gets a new id and a new session on its session date.
 * - A signed note is signed again by the importing author: the signing time recorded in the
 *   vault is the time of the import (the original "signed_at" is checked, not kept; the
 *   clinical date is the session date). Addenda are added, in order, with the time of the
 *   import as their own time; their "created_at" is checked, not kept.
 * - Attendee parts of couple, family and group notes, guardians and contact details are not
 *   part of version 1.
 *
 * Export writes the same format, in a stable order (clients by id; notes by client, session
 * date, creation time): every client, and the progress notes of every notes store the
 * signed-in user can open. Psychotherapy (private) notes are never exported. Both directions
 * are audited with counts only.
 */
#pragma once

#include <gio/gio.h>

#include "alcove-note-store.h"

G_BEGIN_DECLS

#define ALCOVE_INTERCHANGE_FORMAT  "alcove-interchange"
#define ALCOVE_INTERCHANGE_VERSION 1

typedef struct
{
  guint n_clients;
  guint n_notes;
  guint n_signed;
  guint n_addenda;
} AlcoveImportReport;

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

G_END_DECLS
