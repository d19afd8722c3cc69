/* alcove-practice-archive-private.h — what export and import of the practice archive share:
 * which tables go in and why, the columns that need care, and the CSV cell rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "alcove-practice-archive.h"
#include "alcove-vault-private.h"

G_BEGIN_DECLS

/* Limits on reading an archive, so a hostile file cannot exhaust memory: the archive as a
 * whole, one entry, and the number of entries */
#define ALCOVE_PRACTICE_MAX_ARCHIVE (4 * (gint64) 1024 * 1024 * 1024)
#define ALCOVE_PRACTICE_MAX_ENTRY   (256 * (gint64) 1024 * 1024)
#define ALCOVE_PRACTICE_MAX_ENTRIES 200000
/* manifest.json: a line for each of those entries, nested three levels (entries → entry) */
#define ALCOVE_PRACTICE_MAX_JSON    (64 * (gsize) 1024 * 1024)
#define ALCOVE_PRACTICE_MAX_DEPTH   8
/* What one table's CSV may hold: the export refuses more, so it never writes an archive the
 * import could not read back (the size of a CSV is ALCOVE_PRACTICE_MAX_ENTRY) */
#define ALCOVE_PRACTICE_MAX_ROWS    5000000
#define ALCOVE_PRACTICE_MAX_CELL    (16 * 1024 * 1024)

typedef struct
{
  const char *name;
  gboolean    in_store;    /* one per notes store (a "store" column says whose) */
  gboolean    reimported;  /* FALSE: exported as information, never read back */
} AlcovePracticeTable;

/* The tables exported, in the order import writes them (a row's links come first where a
 * trigger checks them; foreign keys are deferred to the commit).
 *
 * Left out, on purpose:
 * - every private-<clinician>.db: psychotherapy notes are kept apart from the record, and
 *   only their author holds that key;
 * - search_docs, search_fts, search_pending: derived, rebuilt from the notes;
 * - form_drafts: unfinished typing, not the record;
 * - meta, practice_settings, emergency_access, emergency_alerts_seen: the vault's own
 *   workings, signed settings and key material;
 * - disposal_pending, disposal_in_progress: the state of a disposal under way;
 * - the privacy registers and checklist (incidents, vendors, devices, training, policy
 *   reviews, attestations, access-log reviews, disposals): the practice's administration,
 *   not a client's record; not in format version 1.
 * audit_log, cosignatures and note_returns are exported as information only: an audit row
 * is chained to the old vault's key, and a co-signature or return is a supervisor's
 * signature, which no one importing can make again. */
static const AlcovePracticeTable alcove_practice_tables[] = {
  { "clients", FALSE, TRUE },
  { "client_members", FALSE, TRUE },
  { "guardians", FALSE, TRUE },
  { "session_attendees", FALSE, TRUE },  /* before its session is marked signed */
  { "sessions", FALSE, TRUE },
  { "diagnoses", FALSE, TRUE },
  { "note_formats", FALSE, TRUE },       /* before the notes written in them */
  { "documents", FALSE, TRUE },
  { "consents", FALSE, TRUE },
  { "disclosures", FALSE, TRUE },
  { "audit_log", FALSE, FALSE },
  { "plans", TRUE, TRUE },               /* before the notes that reference objectives */
  { "plan_objectives", TRUE, TRUE },
  { "notes", TRUE, TRUE },
  { "note_parts", TRUE, TRUE },
  { "note_objectives", TRUE, TRUE },
  { "addenda", TRUE, TRUE },
  { "measure_administrations", TRUE, TRUE },
  { "clinical_events", TRUE, TRUE },
  { "cosignatures", TRUE, FALSE },
  { "note_returns", TRUE, FALSE },
};

/* Columns that hold a user's UUID, which differs between vaults: written as the username,
 * read back as that user's UUID in the new vault */
static const char * const alcove_practice_user_columns[] = {
  "sessions.clinician", "documents.added_by", "consents.created_by", "consents.revoked_by",
  "diagnoses.recorded_by", "disclosures.disclosed_by", "audit_log.actor", "notes.author",
  "notes.signed_by", "addenda.author", "plans.author", "plans.signed_by",
  "measure_administrations.author", "clinical_events.author", "cosignatures.cosigner",
  "note_returns.signed_by", "note_returns.returned_by", "note_formats.made_by", NULL
};

/* Columns an import makes anew, so they differ from the archive's: the hashes cover the
 * author's UUID in the new vault, a plan's signature is made with the author's new key, and
 * a note format's version is signed by the owner who imports it, as its maker */
static const char * const alcove_practice_resigned_columns[] = {
  "notes.hash", "addenda.hash", "plans.hash", "plans.signature", "note_formats.made_by",
  "note_formats.signature", NULL
};

#define ALCOVE_PRACTICE_STORE_COLUMN "store"

static inline gboolean
alcove_practice_column_in (const char * const *list,
                           const char         *table,
                           const char         *column)
{
  g_autofree char *name = g_strconcat (table, ".", column, NULL);

  return g_strv_contains (list, name);
}

/* A table's columns from PRAGMA table_info, so columns added later are exported too */
typedef struct
{
  char     *name;
  char     *type;      /* declared type, upper case */
  int       pk;        /* position in the primary key, 0 if not in it */
} AlcovePracticeColumn;

void        alcove_practice_column_free   (gpointer         column);
GPtrArray  *alcove_practice_table_columns (AlcoveDatabase  *database,
                                           const char      *schema,
                                           const char      *table,
                                           GError         **error);
/* The formula guard: a text starting with = + - @ tab, CR or an apostrophe gets one more
 * apostrophe in front; import takes exactly that one away */
char       *alcove_practice_guard_text    (const char      *text);
const char *alcove_practice_unguard_text  (const char      *text);
/* A cell as the CSV holds it (NULL for a BLOB), user UUIDs given as usernames */
char       *alcove_practice_cell_text     (sqlite3_stmt    *stmt,
                                           int              column,
                                           gboolean         user_column,
                                           GHashTable      *usernames);
/* The audit row of an export or import: counts, never a path or a name */
void        alcove_practice_audit         (AlcoveVault                       *vault,
                                           const char                        *action,
                                           const AlcovePracticeArchiveReport *report);
/* The schema as published, from the library's resources */
GBytes     *alcove_practice_schema_bytes  (void);
char       *alcove_practice_sha256_hex    (GBytes          *bytes);

/* For the practice export's tests: every table's CSV (name "tables/x.csv" → GBytes) as this
 * session would export it, without the role check and without writing a file */
GHashTable *alcove_practice_collect_tables (AlcoveVault                 *vault,
                                            AlcovePracticeArchiveReport *report,
                                            GError                     **error);

G_END_DECLS
