/* alcove-migrations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-migrations"

#include "config.h"

#include "alcove-migrations.h"

/* One function per user_version of each store. Each takes the file from version N-1 to N;
 * AlcoveDatabase runs it in a transaction with the version bump. Never edit a shipped one:
 * add the next. "@S@" stands for the schema the store is attached as. */

typedef gboolean (*MigrationFunc) (AlcoveDatabase *database, const char *schema, GError **error);

static gboolean
exec_in_schema (AlcoveDatabase  *database,
                const char      *schema,
                const char      *sql_template,
                GError         **error)
{
  g_autoptr(GString) sql = g_string_new (sql_template);

  g_string_replace (sql, "@S@", schema, 0);
  return alcove_database_exec (database, sql->str, error);
}

static gboolean
create_meta (AlcoveDatabase  *database,
             const char      *schema,
             GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.meta ("
                         "  key   TEXT PRIMARY KEY NOT NULL,"
                         "  value TEXT NOT NULL"
                         ");", error);
}

/* practice.db v1: the vault's own facts */
static gboolean
practice_v1 (AlcoveDatabase  *database,
             const char      *schema,
             GError         **error)
{
  return create_meta (database, schema, error);
}

/* practice.db v2: the append-only, HMAC-chained audit log */
static gboolean
practice_v2 (AlcoveDatabase  *database,
             const char      *schema,
             GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.audit_log ("
                         "  seq       INTEGER PRIMARY KEY,"
                         "  id        TEXT NOT NULL UNIQUE,"
                         "  at_ms     INTEGER NOT NULL,"
                         "  actor     TEXT NOT NULL,"
                         "  action    TEXT NOT NULL,"
                         "  object_id TEXT NOT NULL DEFAULT '',"
                         "  details   TEXT NOT NULL DEFAULT '{}',"
                         "  mac       TEXT NOT NULL"
                         ");"
                         "CREATE INDEX @S@.audit_log_by_time ON audit_log (at_ms);"
                         "CREATE TRIGGER @S@.audit_log_no_update BEFORE UPDATE ON audit_log"
                         " BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
                         "CREATE TRIGGER @S@.audit_log_no_delete BEFORE DELETE ON audit_log"
                         " BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;",
                         error);
}

/* notes-<id>.db and private-<id>.db v1: their facts; the note tables come with the editor */
static gboolean
store_v1 (AlcoveDatabase  *database,
          const char      *schema,
          GError         **error)
{
  return create_meta (database, schema, error);
}

/* practice.db v3: clients, their links, and sessions (what billing sees; no note text) */
static gboolean
practice_v3 (AlcoveDatabase  *database,
             const char      *schema,
             GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.clients ("
                         "  id                TEXT PRIMARY KEY NOT NULL,"
                         "  preferred_name    TEXT NOT NULL,"
                         "  legal_name        TEXT NOT NULL DEFAULT '',"
                         "  date_of_birth     TEXT NOT NULL DEFAULT '',"
                         "  pronouns          TEXT NOT NULL DEFAULT '',"
                         "  phone             TEXT NOT NULL DEFAULT '',"
                         "  email             TEXT NOT NULL DEFAULT '',"
                         "  address           TEXT NOT NULL DEFAULT '',"
                         "  emergency_contact TEXT NOT NULL DEFAULT '',"
                         "  record_type       TEXT NOT NULL DEFAULT 'individual'"
                         "    CHECK (record_type IN ('individual', 'couple', 'family', 'group')),"
                         "  status            TEXT NOT NULL DEFAULT 'active'"
                         "    CHECK (status IN ('active', 'discharged')),"
                         "  discharged_on     TEXT NOT NULL DEFAULT '',"
                         "  last_session      TEXT NOT NULL DEFAULT '',"
                         "  created_ms        INTEGER NOT NULL,"
                         "  updated_ms        INTEGER NOT NULL"
                         ");"
                         /* a couple, family or group record and the individual clients in it */
                         "CREATE TABLE @S@.client_members ("
                         "  record_id TEXT NOT NULL REFERENCES clients (id),"
                         "  member_id TEXT NOT NULL REFERENCES clients (id),"
                         "  PRIMARY KEY (record_id, member_id)"
                         ");"  /* with a rowid: members keep the order they were listed in */
                         "CREATE INDEX @S@.client_members_by_member ON client_members (member_id);"
                         "CREATE TABLE @S@.guardians ("
                         "  id           TEXT PRIMARY KEY NOT NULL,"
                         "  client_id    TEXT NOT NULL REFERENCES clients (id),"
                         "  name         TEXT NOT NULL,"
                         "  relationship TEXT NOT NULL DEFAULT '',"
                         "  access       TEXT NOT NULL DEFAULT ''"
                         ");"
                         "CREATE INDEX @S@.guardians_by_client ON guardians (client_id);"
                         "CREATE TABLE @S@.sessions ("
                         "  id           TEXT PRIMARY KEY NOT NULL,"
                         "  client_id    TEXT NOT NULL REFERENCES clients (id),"
                         "  clinician    TEXT NOT NULL,"
                         "  date         TEXT NOT NULL,"
                         "  start_time   TEXT NOT NULL DEFAULT '',"
                         "  duration_min INTEGER NOT NULL DEFAULT 50,"
                         "  modality     TEXT NOT NULL DEFAULT 'in-person'"
                         "    CHECK (modality IN ('in-person', 'telehealth')),"
                         "  platform     TEXT NOT NULL DEFAULT '',"
                         "  service_code TEXT NOT NULL DEFAULT '',"
                         "  note_status  TEXT NOT NULL DEFAULT 'none'"
                         "    CHECK (note_status IN ('none', 'draft', 'signed')),"
                         "  created_ms   INTEGER NOT NULL"
                         ");"
                         "CREATE INDEX @S@.sessions_by_client ON sessions (client_id, date);"
                         "CREATE TABLE @S@.session_attendees ("
                         "  session_id TEXT NOT NULL REFERENCES sessions (id),"
                         "  client_id  TEXT NOT NULL REFERENCES clients (id),"
                         "  PRIMARY KEY (session_id, client_id)"
                         ") WITHOUT ROWID;"
                         "CREATE INDEX @S@.session_attendees_by_client"
                         "  ON session_attendees (client_id);",
                         error);
}

/* practice.db v4: documents kept in the vault, consents and the disclosure log. A disclosure
 * is a fact about the past: its row can be neither changed nor deleted. */
static gboolean
practice_v4 (AlcoveDatabase  *database,
             const char      *schema,
             GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.documents ("
                         "  id           TEXT PRIMARY KEY NOT NULL,"
                         "  name         TEXT NOT NULL DEFAULT '',"
                         "  content_type TEXT NOT NULL,"
                         "  size         INTEGER NOT NULL,"
                         "  sha256       TEXT NOT NULL,"
                         "  contents     BLOB NOT NULL,"
                         "  added_ms     INTEGER NOT NULL,"
                         "  added_by     TEXT NOT NULL"
                         ");"
                         "CREATE TABLE @S@.consents ("
                         "  id               TEXT PRIMARY KEY NOT NULL,"
                         "  client_id        TEXT NOT NULL REFERENCES clients (id),"
                         "  kind             TEXT NOT NULL,"
                         "  status           TEXT NOT NULL DEFAULT 'draft'"
                         "    CHECK (status IN ('draft', 'active', 'revoked')),"
                         "  signer           TEXT NOT NULL DEFAULT 'client'"
                         "    CHECK (signer IN ('client', 'guardian', 'representative')),"
                         "  capture          TEXT NOT NULL DEFAULT 'in-person'"
                         "    CHECK (capture IN ('in-person', 'paper-scanned')),"
                         "  signer_name      TEXT NOT NULL DEFAULT '',"
                         "  signer_authority TEXT NOT NULL DEFAULT '',"
                         "  signed_on        TEXT NOT NULL DEFAULT '',"
                         "  valid_from       TEXT NOT NULL DEFAULT '',"
                         "  expires_on       TEXT NOT NULL DEFAULT '',"
                         "  document_id      TEXT NOT NULL DEFAULT '',"
                         "  revoked_on       TEXT NOT NULL DEFAULT '',"
                         "  revocation_means TEXT NOT NULL DEFAULT '',"
                         "  revoked_by       TEXT NOT NULL DEFAULT '',"
                         "  created_by       TEXT NOT NULL,"
                         "  created_ms       INTEGER NOT NULL,"
                         "  updated_ms       INTEGER NOT NULL,"
                         "  value_json       TEXT NOT NULL DEFAULT '{}'"
                         ");"
                         "CREATE INDEX @S@.consents_by_client ON consents (client_id, kind);"
                         "CREATE INDEX @S@.consents_by_expiry ON consents (status, expires_on);"
                         "CREATE TABLE @S@.disclosures ("
                         "  id                TEXT PRIMARY KEY NOT NULL,"
                         "  client_id         TEXT NOT NULL REFERENCES clients (id),"
                         "  disclosed_on      TEXT NOT NULL,"
                         "  at_ms             INTEGER NOT NULL,"
                         "  recipient         TEXT NOT NULL,"
                         "  recipient_address TEXT NOT NULL DEFAULT '',"
                         "  description       TEXT NOT NULL,"
                         "  purpose           TEXT NOT NULL,"
                         "  basis             TEXT NOT NULL,"
                         "  consent_id        TEXT NOT NULL DEFAULT '',"
                         "  justification     TEXT NOT NULL DEFAULT '',"
                         "  document_id       TEXT NOT NULL DEFAULT '',"
                         "  psychotherapy     INTEGER NOT NULL DEFAULT 0,"
                         "  accountable       INTEGER NOT NULL DEFAULT 0,"
                         "  disclosed_by      TEXT NOT NULL"
                         ");"
                         "CREATE INDEX @S@.disclosures_by_client ON disclosures (client_id, disclosed_on);"
                         "CREATE TRIGGER @S@.disclosures_no_update BEFORE UPDATE ON disclosures"
                         " BEGIN SELECT RAISE (ABORT, 'the disclosure log is append-only'); END;"
                         "CREATE TRIGGER @S@.disclosures_no_delete BEFORE DELETE ON disclosures"
                         " BEGIN SELECT RAISE (ABORT, 'the disclosure log is append-only'); END;",
                         error);
}

/* practice.db: the access-log reviews, the breach register and retention with its disposal
 * records. A disposal record holds counts and the policy, never a name; a
 * disposed client keeps an emptied row so the disclosure log, kept six years, still
 * points at something. */
static gboolean
practice_review_tables (AlcoveDatabase  *database,
                        const char      *schema,
                        GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.audit_reviews ("
                         "  id          TEXT PRIMARY KEY NOT NULL,"
                         "  from_ms     INTEGER NOT NULL,"
                         "  to_ms       INTEGER NOT NULL,"
                         "  reviewed_by TEXT NOT NULL,"
                         "  reviewed_ms INTEGER NOT NULL,"
                         "  note        TEXT NOT NULL DEFAULT ''"
                         ");"
                         "CREATE INDEX @S@.audit_reviews_by_time ON audit_reviews (reviewed_ms);"
                         "CREATE TABLE @S@.incidents ("
                         "  id            TEXT PRIMARY KEY NOT NULL,"
                         "  discovered_ms INTEGER NOT NULL,"
                         "  description   TEXT NOT NULL DEFAULT '',"
                         "  accessed      TEXT NOT NULL DEFAULT '',"
                         "  accessed_by   TEXT NOT NULL DEFAULT '',"
                         "  jurisdiction  TEXT NOT NULL DEFAULT 'us-hipaa'"
                         "    CHECK (jurisdiction IN ('us-hipaa', 'au-ndb', 'both')),"
                         "  affected      INTEGER NOT NULL DEFAULT 0,"
                         "  serious_harm  INTEGER NOT NULL DEFAULT 0,"
                         "  created_by    TEXT NOT NULL,"
                         "  created_ms    INTEGER NOT NULL,"
                         "  updated_ms    INTEGER NOT NULL"
                         ");"
                         "CREATE TABLE @S@.incident_steps ("
                         "  incident_id TEXT NOT NULL REFERENCES incidents (id),"
                         "  step        TEXT NOT NULL,"
                         "  done_on     TEXT NOT NULL DEFAULT '',"
                         "  done_by     TEXT NOT NULL DEFAULT '',"
                         "  PRIMARY KEY (incident_id, step)"
                         ") WITHOUT ROWID;"
                         "CREATE TABLE @S@.disposals ("
                         "  id          TEXT PRIMARY KEY NOT NULL,"
                         "  disposed_ms INTEGER NOT NULL,"
                         "  disposed_by TEXT NOT NULL,"
                         "  clients     INTEGER NOT NULL,"
                         "  notes       INTEGER NOT NULL,"
                         "  addenda     INTEGER NOT NULL,"
                         "  sessions    INTEGER NOT NULL,"
                         "  consents    INTEGER NOT NULL,"
                         "  documents   INTEGER NOT NULL,"
                         "  policy      TEXT NOT NULL"
                         ");"
                         "CREATE TRIGGER @S@.disposals_no_update BEFORE UPDATE ON disposals"
                         " BEGIN SELECT RAISE (ABORT, 'a disposal record cannot be changed'); END;"
                         "CREATE TRIGGER @S@.disposals_no_delete BEFORE DELETE ON disposals"
                         " BEGIN SELECT RAISE (ABORT, 'a disposal record cannot be deleted'); END;"
                         "CREATE TABLE @S@.disposed_clients ("
                         "  client_id   TEXT PRIMARY KEY NOT NULL,"
                         "  disposal_id TEXT NOT NULL REFERENCES disposals (id)"
                         ");"
                         /* notes stores the disposing user could not open: finished when
                          * their owner next unlocks */
                         "CREATE TABLE @S@.disposal_pending ("
                         "  client_id TEXT NOT NULL,"
                         "  store_id  TEXT NOT NULL,"
                         "  PRIMARY KEY (client_id, store_id)"
                         ") WITHOUT ROWID;",
                         error);
}

/* practice.db v6: the practice registers behind the privacy checklist (no PHI: products,
 * devices, staff ids, yes/no answers and days). A policy review and a training session are
 * facts about the past: rows are only added. */
static gboolean
practice_registers_tables (AlcoveDatabase  *database,
                           const char      *schema,
                           GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.policy_reviews ("
                         "  id          TEXT PRIMARY KEY NOT NULL,"
                         "  document_id TEXT NOT NULL,"
                         "  reviewed_on TEXT NOT NULL,"
                         "  reviewed_by TEXT NOT NULL,"
                         "  recorded_ms INTEGER NOT NULL"
                         ");"
                         "CREATE TRIGGER @S@.policy_reviews_no_update BEFORE UPDATE ON policy_reviews"
                         " BEGIN SELECT RAISE (ABORT, 'a policy review is a record; add another'); END;"
                         "CREATE TABLE @S@.vendors ("
                         "  id               TEXT PRIMARY KEY NOT NULL,"
                         "  name             TEXT NOT NULL,"
                         "  kind             TEXT NOT NULL"
                         "    CHECK (kind IN ('teletherapy', 'ai-tool', 'other')),"
                         "  baa              TEXT NOT NULL DEFAULT 'unknown'"
                         "    CHECK (baa IN ('yes', 'no', 'unknown')),"
                         "  baa_signed_on    TEXT NOT NULL DEFAULT '',"
                         "  encryption       TEXT NOT NULL DEFAULT 'unknown',"
                         "  no_training      TEXT NOT NULL DEFAULT 'unknown',"
                         "  storage          TEXT NOT NULL DEFAULT 'unknown',"
                         "  deletion         TEXT NOT NULL DEFAULT 'unknown',"
                         "  audit_trail      TEXT NOT NULL DEFAULT 'unknown',"
                         "  storage_location TEXT NOT NULL DEFAULT '',"
                         "  reviewed_on      TEXT NOT NULL,"
                         "  reviewed_by      TEXT NOT NULL,"
                         "  updated_ms       INTEGER NOT NULL"
                         ");"
                         "CREATE TABLE @S@.devices ("
                         "  id              TEXT PRIMARY KEY NOT NULL,"
                         "  name            TEXT NOT NULL,"
                         "  used_by         TEXT NOT NULL DEFAULT '',"
                         "  disk_encryption INTEGER NOT NULL DEFAULT 0,"
                         "  screen_lock     INTEGER NOT NULL DEFAULT 0,"
                         "  updates         INTEGER NOT NULL DEFAULT 0,"
                         "  mfa             INTEGER NOT NULL DEFAULT 0,"
                         "  no_public_wifi  INTEGER NOT NULL DEFAULT 0,"
                         "  attested_on     TEXT NOT NULL,"
                         "  attested_by     TEXT NOT NULL,"
                         "  updated_ms      INTEGER NOT NULL"
                         ");"
                         "CREATE TABLE @S@.training ("
                         "  id          TEXT PRIMARY KEY NOT NULL,"
                         "  held_on     TEXT NOT NULL,"
                         "  attendees   TEXT NOT NULL,"  /* user uuids, ";"-separated */
                         "  topics      TEXT NOT NULL,"  /* topic ids, ";"-separated */
                         "  recorded_by TEXT NOT NULL,"
                         "  recorded_ms INTEGER NOT NULL"
                         ");"
                         "CREATE INDEX @S@.training_by_day ON training (held_on);"
                         "CREATE TRIGGER @S@.training_no_update BEFORE UPDATE ON training"
                         " BEGIN SELECT RAISE (ABORT, 'the training log is append-only'); END;"
                         "CREATE TRIGGER @S@.training_no_delete BEFORE DELETE ON training"
                         " BEGIN SELECT RAISE (ABORT, 'the training log is append-only'); END;",
                         error);
}

/* The note tables of a notes or private store. A signed note is immutable: the triggers
 * hold even against raw SQL, so a correction can only be an addendum. The search index
 * (search_docs + search_fts) is derived data and may be rebuilt. */
static const char note_tables_sql[] =
  "CREATE TABLE @S@.notes ("
  "  id           TEXT PRIMARY KEY NOT NULL,"
  "  client_id    TEXT NOT NULL,"
  "  session_id   TEXT NOT NULL DEFAULT '',"
  "  author       TEXT NOT NULL,"
  "  format       TEXT NOT NULL,"
  "  session_date TEXT NOT NULL,"
  "  sections     TEXT NOT NULL DEFAULT '{}',"
  "  status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),"
  "  created_ms   INTEGER NOT NULL,"
  "  updated_ms   INTEGER NOT NULL,"
  "  signed_ms    INTEGER NOT NULL DEFAULT 0,"
  "  signed_by    TEXT NOT NULL DEFAULT '',"
  "  hash         TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX @S@.notes_by_client ON notes (client_id, session_date);"
  "CREATE INDEX @S@.notes_by_status ON notes (status, client_id);"
  /* a couple, family or group note: one part per attendee, shown only in that record */
  "CREATE TABLE @S@.note_parts ("
  "  note_id   TEXT NOT NULL REFERENCES notes (id),"
  "  client_id TEXT NOT NULL,"
  "  text      TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (note_id, client_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX @S@.note_parts_by_client ON note_parts (client_id);"
  "CREATE TABLE @S@.addenda ("
  "  id         TEXT PRIMARY KEY NOT NULL,"
  "  note_id    TEXT NOT NULL REFERENCES notes (id),"
  "  author     TEXT NOT NULL,"
  "  created_ms INTEGER NOT NULL,"
  "  text       TEXT NOT NULL,"
  "  hash       TEXT NOT NULL"
  ");"
  "CREATE INDEX @S@.addenda_by_note ON addenda (note_id, created_ms);"
  "CREATE TRIGGER @S@.notes_signed_no_update BEFORE UPDATE ON notes"
  "  WHEN OLD.status = 'signed'"
  "  BEGIN SELECT RAISE (ABORT, 'a signed note cannot be changed; add an addendum'); END;"
  "CREATE TRIGGER @S@.notes_signed_no_delete BEFORE DELETE ON notes"
  "  WHEN OLD.status = 'signed'"
  "  BEGIN SELECT RAISE (ABORT, 'a signed note cannot be deleted'); END;"
  "CREATE TRIGGER @S@.note_parts_signed_no_insert BEFORE INSERT ON note_parts"
  "  WHEN (SELECT status FROM notes WHERE id = NEW.note_id) = 'signed'"
  "  BEGIN SELECT RAISE (ABORT, 'a signed note cannot be changed; add an addendum'); END;"
  "CREATE TRIGGER @S@.note_parts_signed_no_update BEFORE UPDATE ON note_parts"
  "  WHEN (SELECT status FROM notes WHERE id = OLD.note_id) = 'signed'"
  "  BEGIN SELECT RAISE (ABORT, 'a signed note cannot be changed; add an addendum'); END;"
  "CREATE TRIGGER @S@.note_parts_signed_no_delete BEFORE DELETE ON note_parts"
  "  WHEN (SELECT status FROM notes WHERE id = OLD.note_id) = 'signed'"
  "  BEGIN SELECT RAISE (ABORT, 'a signed note cannot be changed; add an addendum'); END;"
  "CREATE TRIGGER @S@.addenda_no_update BEFORE UPDATE ON addenda"
  "  BEGIN SELECT RAISE (ABORT, 'an addendum is signed when added and cannot be changed'); END;"
  "CREATE TRIGGER @S@.addenda_no_delete BEFORE DELETE ON addenda"
  "  BEGIN SELECT RAISE (ABORT, 'an addendum is signed when added and cannot be deleted'); END;"
  "CREATE TABLE @S@.search_docs ("
  "  docid     INTEGER PRIMARY KEY,"
  "  note_id   TEXT NOT NULL,"
  "  client_id TEXT NOT NULL,"
  "  kind      TEXT NOT NULL"
  ");"
  "CREATE INDEX @S@.search_docs_by_note ON search_docs (note_id);"
  "CREATE VIRTUAL TABLE @S@.search_fts USING fts4 ("
  "  body, tokenize=unicode61 \"remove_diacritics=1\""
  ");";

/* notes-<id>.db v2 and private-<id>.db v2: notes, parts, addenda and their search index */
static gboolean
store_v2 (AlcoveDatabase  *database,
          const char      *schema,
          GError         **error)
{
  return exec_in_schema (database, schema, note_tables_sql, error);
}

/* notes-<id>.db v3 and private-<id>.db v3: notes autosaved since the search index last
 * caught up (see alcove_note_index_catch_up) */
static gboolean
store_v3 (AlcoveDatabase  *database,
          const char      *schema,
          GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.search_pending ("
                         "  note_id TEXT PRIMARY KEY NOT NULL"
                         ") WITHOUT ROWID;", error);
}

/* notes-<id>.db v4 and private-<id>.db v4: a retention disposal may delete signed notes and
 * addenda. The flag table has a row only inside the disposal's own transaction; at any
 * other time the triggers refuse as before. */
static gboolean
store_disposal_flag (AlcoveDatabase  *database,
                     const char      *schema,
                     GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.disposal_in_progress ("
                         "  disposal_id TEXT NOT NULL"
                         ");"
                         "DROP TRIGGER @S@.notes_signed_no_delete;"
                         "CREATE TRIGGER @S@.notes_signed_no_delete BEFORE DELETE ON notes"
                         "  WHEN OLD.status = 'signed'"
                         "   AND NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
                         "  BEGIN SELECT RAISE (ABORT, 'a signed note cannot be deleted'); END;"
                         "DROP TRIGGER @S@.note_parts_signed_no_delete;"
                         "CREATE TRIGGER @S@.note_parts_signed_no_delete BEFORE DELETE ON note_parts"
                         "  WHEN (SELECT status FROM notes WHERE id = OLD.note_id) = 'signed'"
                         "   AND NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'a signed note cannot be changed; add an addendum'); END;"
                         "DROP TRIGGER @S@.addenda_no_delete;"
                         "CREATE TRIGGER @S@.addenda_no_delete BEFORE DELETE ON addenda"
                         "  WHEN NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'an addendum is signed when added and cannot be deleted'); END;",
                         error);
}

/* practice.db v7: the audit log by action and time. Home's "last verified" and the viewer's
 * action filter otherwise scan every row; a decade of audit is hundreds of thousands. */
static gboolean
practice_audit_by_action (AlcoveDatabase  *database,
                          const char      *schema,
                          GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE INDEX @S@.audit_log_by_action ON audit_log (action, at_ms);",
                         error);
}

/* practice.db v8: each audit row signed by its author (vault format 2). Rows written
 * before keep an empty signature; the header says from which row signatures are due. */
static gboolean
practice_audit_signatures (AlcoveDatabase  *database,
                           const char      *schema,
                           GError         **error)
{
  return exec_in_schema (database, schema,
                         "ALTER TABLE @S@.audit_log ADD COLUMN sig TEXT NOT NULL DEFAULT '';",
                         error);
}

/* practice.db v9: what a person typed into a form and has not saved, kept for them */
static gboolean
practice_form_drafts (AlcoveDatabase  *database,
                      const char      *schema,
                      GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.form_drafts ("
                         "  user_id    TEXT NOT NULL,"
                         "  form       TEXT NOT NULL,"
                         "  record_key TEXT NOT NULL,"
                         "  fields     TEXT NOT NULL,"
                         "  saved_ms   INTEGER NOT NULL,"
                         "  PRIMARY KEY (user_id, form, record_key)"
                         ") WITHOUT ROWID;", error);
}

/* notes-<id>.db v5: supervision. A note signed by someone whose notes a supervisor must
 * co-sign says so (cosign_required, covered by its hash). A co-signature is a second,
 * Ed25519 signature over the same hash; a return sends the note back to its author as a
 * draft, and keeps the signature it had (and the text it signed) as history. Both are
 * facts: never changed, deleted only by a retention disposal. The trigger that keeps a
 * signed note still allows one change: back to draft, untouched otherwise, when a return of
 * exactly that signature exists and no co-signature of it does. A trigger cannot check an
 * Ed25519 signature; the store does on every read, and shows a forged row as such. */
static const char cosign_tables_sql[] =
  "ALTER TABLE @S@.notes ADD COLUMN cosign_required INTEGER NOT NULL DEFAULT 0"
  "  CHECK (cosign_required IN (0, 1));"
  "CREATE TABLE @S@.cosignatures ("
  "  id          TEXT PRIMARY KEY NOT NULL,"
  "  note_id     TEXT NOT NULL REFERENCES notes (id),"
  "  hash        TEXT NOT NULL,"
  "  cosigner    TEXT NOT NULL,"
  "  cosigned_ms INTEGER NOT NULL,"
  "  signature   TEXT NOT NULL"
  ");"
  "CREATE INDEX @S@.cosignatures_by_note ON cosignatures (note_id);"
  "CREATE TABLE @S@.note_returns ("
  "  id          TEXT PRIMARY KEY NOT NULL,"
  "  note_id     TEXT NOT NULL REFERENCES notes (id),"
  "  signed_ms   INTEGER NOT NULL,"
  "  signed_by   TEXT NOT NULL,"
  "  hash        TEXT NOT NULL,"
  "  canonical   TEXT NOT NULL,"
  "  returned_by TEXT NOT NULL,"
  "  returned_ms INTEGER NOT NULL,"
  "  comment     TEXT NOT NULL,"
  "  signature   TEXT NOT NULL"
  ");"
  "CREATE INDEX @S@.note_returns_by_note ON note_returns (note_id, returned_ms);"
  "CREATE TRIGGER @S@.cosignatures_check BEFORE INSERT ON cosignatures"
  "  WHEN NOT EXISTS (SELECT 1 FROM notes WHERE id = NEW.note_id AND status = 'signed'"
  "                   AND cosign_required = 1 AND hash = NEW.hash AND author <> NEW.cosigner)"
  "  BEGIN SELECT RAISE (ABORT,"
  "    'only a signed note awaiting co-signature is co-signed, and not by its author'); END;"
  "CREATE TRIGGER @S@.cosignatures_no_update BEFORE UPDATE ON cosignatures"
  "  BEGIN SELECT RAISE (ABORT, 'a co-signature cannot be changed'); END;"
  "CREATE TRIGGER @S@.cosignatures_no_delete BEFORE DELETE ON cosignatures"
  "  WHEN NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
  "  BEGIN SELECT RAISE (ABORT, 'a co-signature cannot be deleted'); END;"
  "CREATE TRIGGER @S@.note_returns_check BEFORE INSERT ON note_returns"
  "  WHEN NOT EXISTS (SELECT 1 FROM notes WHERE id = NEW.note_id AND status = 'signed'"
  "                   AND cosign_required = 1 AND hash = NEW.hash"
  "                   AND signed_ms = NEW.signed_ms AND signed_by = NEW.signed_by"
  "                   AND author <> NEW.returned_by)"
  "    OR EXISTS (SELECT 1 FROM cosignatures WHERE note_id = NEW.note_id AND hash = NEW.hash)"
  "    OR trim (NEW.comment) = ''"
  "  BEGIN SELECT RAISE (ABORT,"
  "    'only a signed note awaiting co-signature is returned, with a comment'); END;"
  "CREATE TRIGGER @S@.note_returns_no_update BEFORE UPDATE ON note_returns"
  "  BEGIN SELECT RAISE (ABORT, 'a return is part of the note''s history'); END;"
  "CREATE TRIGGER @S@.note_returns_no_delete BEFORE DELETE ON note_returns"
  "  WHEN NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
  "  BEGIN SELECT RAISE (ABORT, 'a return is part of the note''s history'); END;"
  "DROP TRIGGER @S@.notes_signed_no_update;"
  "CREATE TRIGGER @S@.notes_signed_no_update BEFORE UPDATE ON notes"
  "  WHEN OLD.status = 'signed' AND NOT ("
  "        NEW.status = 'draft' AND NEW.signed_ms = 0 AND NEW.signed_by = ''"
  "    AND NEW.hash = '' AND NEW.cosign_required = 0"
  "    AND NEW.id = OLD.id AND NEW.client_id = OLD.client_id"
  "    AND NEW.session_id = OLD.session_id AND NEW.author = OLD.author"
  "    AND NEW.format = OLD.format AND NEW.session_date = OLD.session_date"
  "    AND NEW.sections = OLD.sections AND NEW.created_ms = OLD.created_ms"
  "    AND EXISTS (SELECT 1 FROM note_returns WHERE note_id = OLD.id AND hash = OLD.hash"
  "                AND signed_ms = OLD.signed_ms AND signed_by = OLD.signed_by)"
  "    AND NOT EXISTS (SELECT 1 FROM cosignatures WHERE note_id = OLD.id AND hash = OLD.hash))"
  "  BEGIN SELECT RAISE (ABORT, 'a signed note cannot be changed; add an addendum'); END;"
  /* corrections to a note still waiting come through a return, not addenda: an addendum
   * is chained to the hash a return would take away */
  "CREATE TRIGGER @S@.addenda_not_while_awaiting BEFORE INSERT ON addenda"
  "  WHEN EXISTS (SELECT 1 FROM notes n WHERE n.id = NEW.note_id AND n.cosign_required = 1"
  "               AND NOT EXISTS (SELECT 1 FROM cosignatures c WHERE c.note_id = n.id"
  "                               AND c.hash = n.hash))"
  "  BEGIN SELECT RAISE (ABORT,"
  "    'a note awaiting co-signature takes no addenda; its supervisor can return it'); END;";

static gboolean
store_cosign (AlcoveDatabase  *database,
              const char      *schema,
              GError         **error)
{
  return exec_in_schema (database, schema, cosign_tables_sql, error);
}

/* private-<id>.db v5: the same tables, so every store reads alike, but psychotherapy notes
 * are never co-signed nor returned: the store refuses the rows outright */
static gboolean
store_cosign_private (AlcoveDatabase  *database,
                      const char      *schema,
                      GError         **error)
{
  return store_cosign (database, schema, error) &&
         exec_in_schema (database, schema,
                         "CREATE TRIGGER @S@.notes_private_no_cosign BEFORE UPDATE ON notes"
                         "  WHEN NEW.cosign_required <> 0"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'psychotherapy notes are never co-signed'); END;"
                         "CREATE TRIGGER @S@.notes_private_no_cosign_insert BEFORE INSERT ON notes"
                         "  WHEN NEW.cosign_required <> 0"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'psychotherapy notes are never co-signed'); END;"
                         "CREATE TRIGGER @S@.cosignatures_private BEFORE INSERT ON cosignatures"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'psychotherapy notes are never co-signed'); END;"
                         "CREATE TRIGGER @S@.note_returns_private BEFORE INSERT ON note_returns"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'psychotherapy notes are never returned'); END;",
                         error);
}

/* practice.db v10: emergency access. An event is a fact about the past: only its end and
 * an owner's review are ever filled in, once each, and nothing is deleted. The audit log
 * holds the same events, signed; the free-text explanation lives only here. */
static gboolean
practice_emergency_access (AlcoveDatabase  *database,
                           const char      *schema,
                           GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.emergency_access ("
                         "  id             TEXT PRIMARY KEY NOT NULL,"
                         "  user_id        TEXT NOT NULL,"
                         "  client_id      TEXT NOT NULL,"
                         "  reason         TEXT NOT NULL,"
                         "  explanation    TEXT NOT NULL,"
                         "  stores         TEXT NOT NULL,"
                         "  started_ms     INTEGER NOT NULL,"
                         "  expires_ms     INTEGER NOT NULL,"
                         "  ended_ms       INTEGER NOT NULL DEFAULT 0,"
                         "  reviewed_by    TEXT NOT NULL DEFAULT '',"
                         "  reviewed_ms    INTEGER NOT NULL DEFAULT 0,"
                         "  review_comment TEXT NOT NULL DEFAULT ''"
                         ");"
                         "CREATE INDEX @S@.emergency_access_by_time ON emergency_access (started_ms);"
                         "CREATE TRIGGER @S@.emergency_access_no_delete BEFORE DELETE ON emergency_access"
                         "  BEGIN SELECT RAISE (ABORT, 'an emergency access is kept'); END;"
                         "CREATE TRIGGER @S@.emergency_access_fixed BEFORE UPDATE ON emergency_access"
                         "  WHEN NEW.id IS NOT OLD.id OR NEW.user_id IS NOT OLD.user_id"
                         "    OR NEW.client_id IS NOT OLD.client_id OR NEW.reason IS NOT OLD.reason"
                         "    OR NEW.explanation IS NOT OLD.explanation OR NEW.stores IS NOT OLD.stores"
                         "    OR NEW.started_ms IS NOT OLD.started_ms"
                         "    OR NEW.expires_ms IS NOT OLD.expires_ms"
                         "    OR (OLD.ended_ms != 0 AND NEW.ended_ms IS NOT OLD.ended_ms)"
                         "    OR (OLD.reviewed_ms != 0 AND (NEW.reviewed_ms IS NOT OLD.reviewed_ms"
                         "        OR NEW.reviewed_by IS NOT OLD.reviewed_by"
                         "        OR NEW.review_comment IS NOT OLD.review_comment))"
                         "  BEGIN SELECT RAISE (ABORT, 'an emergency access is kept as it was'); END;"
                         "CREATE TABLE @S@.emergency_alerts_seen ("
                         "  event_id TEXT NOT NULL REFERENCES emergency_access (id),"
                         "  user_id  TEXT NOT NULL,"
                         "  seen_ms  INTEGER NOT NULL,"
                         "  PRIMARY KEY (event_id, user_id)"
                         ") WITHOUT ROWID;", error);
}

/* practice.db v11: a session's own status (scheduled, attended, cancelled or no-show, the
 * last two with a reason) and when it last changed. A session whose note was signed once is
 * part of the record (signed_note, which never goes back to 0: a note returned by a
 * supervisor is a draft again but was signed): it is never deleted, and only its service
 * code and note status change; anything else is corrected by an addendum to the note. A
 * retention disposal, inside its own transaction, flags itself as in the note stores. */
static gboolean
practice_session_status (AlcoveDatabase  *database,
                         const char      *schema,
                         GError         **error)
{
  return exec_in_schema (database, schema,
                         "ALTER TABLE @S@.sessions ADD COLUMN status TEXT NOT NULL"
                         "  DEFAULT 'attended'"
                         "  CHECK (status IN ('scheduled', 'attended', 'cancelled', 'no-show'));"
                         "ALTER TABLE @S@.sessions ADD COLUMN status_reason TEXT NOT NULL"
                         "  DEFAULT '';"
                         "ALTER TABLE @S@.sessions ADD COLUMN updated_ms INTEGER NOT NULL"
                         "  DEFAULT 0;"
                         "ALTER TABLE @S@.sessions ADD COLUMN signed_note INTEGER NOT NULL"
                         "  DEFAULT 0 CHECK (signed_note IN (0, 1));"
                         "UPDATE @S@.sessions SET updated_ms = created_ms,"
                         "  signed_note = (note_status = 'signed');"
                         "CREATE TABLE @S@.disposal_in_progress ("
                         "  disposal_id TEXT NOT NULL"
                         ");"
                         "CREATE TRIGGER @S@.sessions_signed_note_insert AFTER INSERT ON sessions"
                         "  WHEN NEW.note_status = 'signed' AND NEW.signed_note = 0"
                         "  BEGIN UPDATE sessions SET signed_note = 1 WHERE id = NEW.id; END;"
                         "CREATE TRIGGER @S@.sessions_signed_note_update AFTER UPDATE OF note_status"
                         "  ON sessions WHEN NEW.note_status = 'signed' AND NEW.signed_note = 0"
                         "  BEGIN UPDATE sessions SET signed_note = 1 WHERE id = NEW.id; END;"
                         "CREATE TRIGGER @S@.sessions_signed_fixed BEFORE UPDATE ON sessions"
                         "  WHEN (OLD.signed_note = 1 OR OLD.note_status = 'signed') AND ("
                         "        NEW.signed_note IS NOT 1"
                         "     OR NEW.id IS NOT OLD.id OR NEW.client_id IS NOT OLD.client_id"
                         "     OR NEW.clinician IS NOT OLD.clinician OR NEW.date IS NOT OLD.date"
                         "     OR NEW.start_time IS NOT OLD.start_time"
                         "     OR NEW.duration_min IS NOT OLD.duration_min"
                         "     OR NEW.modality IS NOT OLD.modality"
                         "     OR NEW.platform IS NOT OLD.platform OR NEW.status IS NOT OLD.status"
                         "     OR NEW.status_reason IS NOT OLD.status_reason"
                         "     OR NEW.created_ms IS NOT OLD.created_ms)"
                         "  BEGIN SELECT RAISE (ABORT, 'a session with a signed note is"
                         " corrected through an addendum to the note'); END;"
                         "CREATE TRIGGER @S@.sessions_signed_no_delete BEFORE DELETE ON sessions"
                         "  WHEN (OLD.signed_note = 1 OR OLD.note_status = 'signed')"
                         "   AND NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
                         "  BEGIN SELECT RAISE (ABORT, 'a session with a signed note cannot be"
                         " deleted'); END;"
                         "CREATE TRIGGER @S@.session_attendees_signed_insert BEFORE INSERT"
                         "  ON session_attendees"
                         "  WHEN (SELECT signed_note FROM sessions WHERE id = NEW.session_id) = 1"
                         "  BEGIN SELECT RAISE (ABORT, 'a session with a signed note is"
                         " corrected through an addendum to the note'); END;"
                         "CREATE TRIGGER @S@.session_attendees_signed_delete BEFORE DELETE"
                         "  ON session_attendees"
                         "  WHEN (SELECT signed_note FROM sessions WHERE id = OLD.session_id) = 1"
                         "   AND NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
                         "  BEGIN SELECT RAISE (ABORT, 'a session with a signed note is"
                         " corrected through an addendum to the note'); END;"
                         "CREATE INDEX @S@.sessions_by_status ON sessions (client_id, status);",
                         error);
}

/* notes-<id>.db and private-<id>.db v7: when a note was written (covered by its hash, so a
 * back-dated note says so for good; 0 for notes from before, whose created_ms stands for
 * it), and what a draft copied from an earlier note: that note's id, each copied
 * section's SHA-256 as copied, and when its author confirmed the copied text unchanged.
 * Signed, these are as fixed as the rest of the note. */
static gboolean
store_written_and_copied (AlcoveDatabase  *database,
                          const char      *schema,
                          GError         **error)
{
  return exec_in_schema (database, schema,
                         "ALTER TABLE @S@.notes ADD COLUMN written_ms INTEGER NOT NULL"
                         "  DEFAULT 0;"
                         "ALTER TABLE @S@.notes ADD COLUMN copied_from TEXT NOT NULL DEFAULT '';"
                         "ALTER TABLE @S@.notes ADD COLUMN copied_sections TEXT NOT NULL"
                         "  DEFAULT '{}';"
                         "ALTER TABLE @S@.notes ADD COLUMN copy_confirmed_ms INTEGER NOT NULL"
                         "  DEFAULT 0;"
                         "CREATE TRIGGER @S@.notes_signed_copy_fixed BEFORE UPDATE ON notes"
                         "  WHEN OLD.status = 'signed' AND ("
                         "        NEW.written_ms IS NOT OLD.written_ms"
                         "     OR NEW.copied_from IS NOT OLD.copied_from"
                         "     OR NEW.copied_sections IS NOT OLD.copied_sections"
                         "     OR NEW.copy_confirmed_ms IS NOT OLD.copy_confirmed_ms)"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'a signed note cannot be changed; add an addendum'); END;",
                         error);
}

/* practice.db v12: each client's problem list, and the practice's own settings.
 * A diagnosis is a code (ICD-10-CM, with its dot), primary or secondary, with its onset and
 * resolution dates: what billing needs, and never a plan's or a note's text. While it is
 * unresolved a code appears once on a client's list and one diagnosis is primary.
 * A setting is signed (Ed25519) by the owner who chose it: every account holds this file's
 * key, so the signature, not the file, says an owner set it. */
static gboolean
practice_diagnoses_and_settings (AlcoveDatabase  *database,
                                 const char      *schema,
                                 GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.diagnoses ("
                         "  id          TEXT PRIMARY KEY NOT NULL,"
                         "  client_id   TEXT NOT NULL REFERENCES clients (id),"
                         "  code        TEXT NOT NULL,"
                         "  rank        TEXT NOT NULL DEFAULT 'secondary'"
                         "    CHECK (rank IN ('primary', 'secondary')),"
                         "  onset_on    TEXT NOT NULL DEFAULT '',"
                         "  resolved_on TEXT NOT NULL DEFAULT '',"
                         "  description TEXT NOT NULL DEFAULT '',"
                         "  recorded_by TEXT NOT NULL,"
                         "  created_ms  INTEGER NOT NULL,"
                         "  updated_ms  INTEGER NOT NULL"
                         ");"
                         "CREATE INDEX @S@.diagnoses_by_client ON diagnoses (client_id, code);"
                         "CREATE UNIQUE INDEX @S@.diagnoses_one_primary ON diagnoses (client_id)"
                         "  WHERE rank = 'primary' AND resolved_on = '';"
                         "CREATE UNIQUE INDEX @S@.diagnoses_code_once ON diagnoses (client_id, code)"
                         "  WHERE resolved_on = '';"
                         "CREATE TABLE @S@.practice_settings ("
                         "  key       TEXT PRIMARY KEY NOT NULL,"
                         "  value     TEXT NOT NULL,"
                         "  set_by    TEXT NOT NULL,"
                         "  set_ms    INTEGER NOT NULL,"
                         "  signature TEXT NOT NULL"
                         ");", error);
}

/* practice.db v13: the practice's own note formats. Each row is one version of one format:
 * the JSON a data/formats file holds, who made it and when, and that person's Ed25519
 * signature over all of it, since every account holds this file's key. Versions are only
 * added: a change is the next version, retiring a format is a version marked retired, and
 * a note names the version it was written in, so nothing here is changed or deleted. */
static gboolean
practice_note_formats (AlcoveDatabase  *database,
                       const char      *schema,
                       GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.note_formats ("
                         "  format_id  TEXT NOT NULL,"
                         "  version    INTEGER NOT NULL CHECK (version >= 1),"
                         "  definition TEXT NOT NULL,"
                         "  retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
                         "  made_by    TEXT NOT NULL,"
                         "  made_ms    INTEGER NOT NULL,"
                         "  signature  TEXT NOT NULL,"
                         "  PRIMARY KEY (format_id, version)"
                         ");"
                         "CREATE TRIGGER @S@.note_formats_version_follows BEFORE INSERT ON note_formats"
                         "  WHEN (NEW.version = 1 AND EXISTS (SELECT 1 FROM note_formats"
                         "                                    WHERE format_id = NEW.format_id))"
                         "    OR (NEW.version > 1 AND NOT EXISTS (SELECT 1 FROM note_formats"
                         "        WHERE format_id = NEW.format_id AND version = NEW.version - 1))"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'a note format''s version follows its newest one'); END;"
                         "CREATE TRIGGER @S@.note_formats_no_update BEFORE UPDATE ON note_formats"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'a note format''s version is kept; save a new version'); END;"
                         "CREATE TRIGGER @S@.note_formats_no_delete BEFORE DELETE ON note_formats"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'a note format''s version is kept; retire the format'); END;",
                         error);
}

/* practice.db v14: attestations of the privacy checklist. When the list an item looks at is
 * empty (no AI tools in the vendor register), the item counts only once a person states the
 * item's words ("We use no AI tools"). Each row is one such statement: the item, the words
 * as the data file has them, who and when, and that person's Ed25519 signature over all of
 * it, since every account holds this file's key. A statement is made again, never changed
 * nor taken back: the rows are only added. */
static gboolean
practice_checklist_attestations (AlcoveDatabase  *database,
                                 const char      *schema,
                                 GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.checklist_attestations ("
                         "  id          TEXT PRIMARY KEY NOT NULL,"
                         "  item        TEXT NOT NULL,"
                         "  statement   TEXT NOT NULL,"
                         "  attested_by TEXT NOT NULL,"
                         "  attested_ms INTEGER NOT NULL,"
                         "  signature   TEXT NOT NULL"
                         ");"
                         "CREATE INDEX @S@.checklist_attestations_by_item"
                         "  ON checklist_attestations (item, attested_ms);"
                         "CREATE TRIGGER @S@.checklist_attestations_no_update"
                         "  BEFORE UPDATE ON checklist_attestations"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'an attestation is kept as it was made; attest again'); END;"
                         "CREATE TRIGGER @S@.checklist_attestations_no_delete"
                         "  BEFORE DELETE ON checklist_attestations"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'an attestation is kept as it was made; attest again'); END;",
                         error);
}

/* notes-<id>.db v6: treatment plans. A plan is a line of versions (plan_id, version); each
 * version is written as a draft, signed once (its author's Ed25519 signature over the hash
 * of its canonical form) and from then on never changed nor deleted: a change is the next
 * version, which supersedes it and keeps it. A version follows the newest signed one of its
 * plan, and a plan has one draft at a time. plan_objectives lists each version's objectives
 * (derived from its content, fixed once signed) so a progress note can reference one:
 * note_objectives, part of the note and fixed once the note is signed. Only a retention
 * disposal deletes signed rows. */
static const char plan_tables_sql[] =
  "CREATE TABLE @S@.plans ("
  "  id               TEXT PRIMARY KEY NOT NULL,"
  "  plan_id          TEXT NOT NULL,"
  "  version          INTEGER NOT NULL CHECK (version >= 1),"
  "  client_id        TEXT NOT NULL,"
  "  author           TEXT NOT NULL,"
  "  effective_on     TEXT NOT NULL,"
  "  content          TEXT NOT NULL DEFAULT '{}',"
  "  client_signed_on TEXT NOT NULL DEFAULT '',"
  "  no_signature_reason TEXT NOT NULL DEFAULT '',"
  "  supersedes       TEXT NOT NULL DEFAULT '',"
  "  status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),"
  "  created_ms       INTEGER NOT NULL,"
  "  updated_ms       INTEGER NOT NULL,"
  "  signed_ms        INTEGER NOT NULL DEFAULT 0,"
  "  signed_by        TEXT NOT NULL DEFAULT '',"
  "  hash             TEXT NOT NULL DEFAULT '',"
  "  signature        TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (plan_id, version)"
  ");"
  "CREATE INDEX @S@.plans_by_client ON plans (client_id, plan_id, version);"
  "CREATE UNIQUE INDEX @S@.plans_one_draft ON plans (plan_id) WHERE status = 'draft';"
  "CREATE TABLE @S@.plan_objectives ("
  "  plan_version_id TEXT NOT NULL REFERENCES plans (id),"
  "  objective_id    TEXT NOT NULL,"
  "  client_id       TEXT NOT NULL,"
  "  PRIMARY KEY (plan_version_id, objective_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX @S@.plan_objectives_by_objective ON plan_objectives (objective_id);"
  "CREATE TABLE @S@.note_objectives ("
  "  note_id      TEXT NOT NULL REFERENCES notes (id),"
  "  objective_id TEXT NOT NULL,"
  "  PRIMARY KEY (note_id, objective_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX @S@.note_objectives_by_objective ON note_objectives (objective_id);"
  "CREATE TRIGGER @S@.plans_written_as_drafts BEFORE INSERT ON plans"
  "  WHEN NEW.status <> 'draft' OR NEW.signed_ms <> 0 OR NEW.hash <> ''"
  "  BEGIN SELECT RAISE (ABORT, 'a treatment plan is written as a draft, then signed'); END;"
  "CREATE TRIGGER @S@.plans_version_follows BEFORE INSERT ON plans"
  "  WHEN (NEW.version = 1 AND (NEW.supersedes <> ''"
  "                             OR EXISTS (SELECT 1 FROM plans WHERE plan_id = NEW.plan_id)))"
  "    OR (NEW.version > 1 AND NOT EXISTS ("
  "        SELECT 1 FROM plans WHERE id = NEW.supersedes AND plan_id = NEW.plan_id"
  "        AND version = NEW.version - 1 AND status = 'signed'"
  "        AND client_id = NEW.client_id))"
  "  BEGIN SELECT RAISE (ABORT,"
  "    'a new version of a treatment plan follows its newest signed version'); END;"
  "CREATE TRIGGER @S@.plans_signed_no_update BEFORE UPDATE ON plans"
  "  WHEN OLD.status = 'signed'"
  "  BEGIN SELECT RAISE (ABORT,"
  "    'a signed treatment plan cannot be changed; write a new version'); END;"
  "CREATE TRIGGER @S@.plans_keep_identity BEFORE UPDATE ON plans"
  "  WHEN NEW.id IS NOT OLD.id OR NEW.plan_id IS NOT OLD.plan_id"
  "    OR NEW.version IS NOT OLD.version OR NEW.client_id IS NOT OLD.client_id"
  "    OR NEW.author IS NOT OLD.author OR NEW.supersedes IS NOT OLD.supersedes"
  "    OR NEW.created_ms IS NOT OLD.created_ms"
  "  BEGIN SELECT RAISE (ABORT, 'a treatment plan keeps its place in its plan'); END;"
  "CREATE TRIGGER @S@.plans_signed_no_delete BEFORE DELETE ON plans"
  "  WHEN OLD.status = 'signed' AND NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
  "  BEGIN SELECT RAISE (ABORT,"
  "    'a signed treatment plan is kept; write a new version'); END;"
  "CREATE TRIGGER @S@.plan_objectives_signed_no_insert BEFORE INSERT ON plan_objectives"
  "  WHEN (SELECT status FROM plans WHERE id = NEW.plan_version_id) IS NOT 'draft'"
  "  BEGIN SELECT RAISE (ABORT,"
  "    'a signed treatment plan cannot be changed; write a new version'); END;"
  "CREATE TRIGGER @S@.plan_objectives_no_update BEFORE UPDATE ON plan_objectives"
  "  BEGIN SELECT RAISE (ABORT, 'a plan''s objectives are rewritten, not changed'); END;"
  "CREATE TRIGGER @S@.plan_objectives_signed_no_delete BEFORE DELETE ON plan_objectives"
  "  WHEN (SELECT status FROM plans WHERE id = OLD.plan_version_id) = 'signed'"
  "   AND NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
  "  BEGIN SELECT RAISE (ABORT,"
  "    'a signed treatment plan cannot be changed; write a new version'); END;"
  "CREATE TRIGGER @S@.note_objectives_check BEFORE INSERT ON note_objectives"
  "  WHEN (SELECT status FROM notes WHERE id = NEW.note_id) IS NOT 'draft'"
  "    OR NOT EXISTS (SELECT 1 FROM plan_objectives AS o JOIN plans AS p"
  "                   ON p.id = o.plan_version_id"
  "                   WHERE o.objective_id = NEW.objective_id AND p.status = 'signed'"
  "                   AND p.client_id = (SELECT client_id FROM notes WHERE id = NEW.note_id))"
  "  BEGIN SELECT RAISE (ABORT,"
  "    'a draft note references objectives of its client''s signed treatment plan'); END;"
  "CREATE TRIGGER @S@.note_objectives_no_update BEFORE UPDATE ON note_objectives"
  "  BEGIN SELECT RAISE (ABORT, 'a note''s objectives are rewritten, not changed'); END;"
  "CREATE TRIGGER @S@.note_objectives_signed_no_delete BEFORE DELETE ON note_objectives"
  "  WHEN (SELECT status FROM notes WHERE id = OLD.note_id) = 'signed'"
  "   AND NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
  "  BEGIN SELECT RAISE (ABORT, 'a signed note cannot be changed; add an addendum'); END;";

static gboolean
store_plans (AlcoveDatabase  *database,
             const char      *schema,
             GError         **error)
{
  return exec_in_schema (database, schema, plan_tables_sql, error);
}

/* private-<id>.db v6: the same tables, so every store reads alike, but a treatment plan is
 * part of the record and a psychotherapy note references none of it: the rows are refused */
static gboolean
store_plans_private (AlcoveDatabase  *database,
                     const char      *schema,
                     GError         **error)
{
  return store_plans (database, schema, error) &&
         exec_in_schema (database, schema,
                         "CREATE TRIGGER @S@.plans_private BEFORE INSERT ON plans"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'a treatment plan is part of the record, never a private note'); END;"
                         "CREATE TRIGGER @S@.note_objectives_private BEFORE INSERT ON note_objectives"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'psychotherapy notes reference no treatment plan'); END;",
                         error);
}

/* notes-<id>.db and private-<id>.db v8: outcome measures given in session (PHQ-9, GAD-7…).
 * They live with the administering clinician's notes, never in practice.db, which billing
 * can open. An administration is a fact about the past: nothing in it changes once saved,
 * and only a retention disposal removes it. total and band are a cache for reading the file
 * by hand; Alcove always scores the answers again. */
static gboolean
store_measures (AlcoveDatabase  *database,
                const char      *schema,
                GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.measure_administrations ("
                         "  id              TEXT PRIMARY KEY NOT NULL,"
                         "  client_id       TEXT NOT NULL,"
                         "  measure_id      TEXT NOT NULL,"
                         "  administered_on TEXT NOT NULL,"
                         "  session_id      TEXT NOT NULL DEFAULT '',"
                         "  answers         TEXT NOT NULL,"
                         "  total           INTEGER NOT NULL,"
                         "  band            TEXT NOT NULL DEFAULT '',"
                         "  alerts          TEXT NOT NULL DEFAULT '[]',"
                         "  acknowledged_ms INTEGER NOT NULL DEFAULT 0,"
                         "  created_ms      INTEGER NOT NULL,"
                         "  author          TEXT NOT NULL"
                         ");"
                         "CREATE INDEX @S@.measure_administrations_by_client"
                         "  ON measure_administrations (client_id, measure_id, administered_on);"
                         "CREATE TRIGGER @S@.measure_administrations_no_update"
                         "  BEFORE UPDATE ON measure_administrations"
                         "  BEGIN SELECT RAISE (ABORT, 'a measure once given is kept as it was'); END;"
                         "CREATE TRIGGER @S@.measure_administrations_no_delete"
                         "  BEFORE DELETE ON measure_administrations"
                         "  WHEN NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
                         "  BEGIN SELECT RAISE (ABORT, 'a measure once given is kept as it was'); END;",
                         error);
}

/* notes-<id>.db and private-<id>.db v9: clinical events shown against the outcome measures
 * (a medication started, stopped or changed; another event the clinician names). Plan
 * changes are not kept here: they are read from the plans signed. An event is entered
 * once and kept as it was, as a measure given; only a retention disposal removes it. */
static gboolean
store_events (AlcoveDatabase  *database,
              const char      *schema,
              GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.clinical_events ("
                         "  id          TEXT PRIMARY KEY NOT NULL,"
                         "  client_id   TEXT NOT NULL,"
                         "  kind        TEXT NOT NULL CHECK (kind IN ('medication', 'other')),"
                         "  occurred_on TEXT NOT NULL,"
                         "  text        TEXT NOT NULL,"
                         "  created_ms  INTEGER NOT NULL,"
                         "  author      TEXT NOT NULL"
                         ");"
                         "CREATE INDEX @S@.clinical_events_by_client"
                         "  ON clinical_events (client_id, occurred_on);"
                         "CREATE TRIGGER @S@.clinical_events_no_update"
                         "  BEFORE UPDATE ON clinical_events"
                         "  BEGIN SELECT RAISE (ABORT, 'an event once entered is kept as it was'); END;"
                         "CREATE TRIGGER @S@.clinical_events_no_delete"
                         "  BEFORE DELETE ON clinical_events"
                         "  WHEN NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
                         "  BEGIN SELECT RAISE (ABORT, 'an event once entered is kept as it was'); END;",
                         error);
}

/* private-<id>.db v9: the same table, so every store reads alike, but an event is part of
 * the record, never a psychotherapy note: the rows are refused */
static gboolean
store_events_private (AlcoveDatabase  *database,
                      const char      *schema,
                      GError         **error)
{
  return store_events (database, schema, error) &&
         exec_in_schema (database, schema,
                         "CREATE TRIGGER @S@.clinical_events_private BEFORE INSERT ON clinical_events"
                         "  BEGIN SELECT RAISE (ABORT,"
                         "    'a clinical event is part of the record, never a private note'); END;",
                         error);
}

/* practice.db v15: a disclosure sent as an encrypted package records the package file's
 * SHA-256 and how its key travelled: the way the passphrase was given (never the
 * passphrase) or the fingerprint of the practice key it was sealed to. The checks keep
 * anything else, a passphrase above all, out of the column. */
static gboolean
practice_disclosure_packages (AlcoveDatabase  *database,
                              const char      *schema,
                              GError         **error)
{
  return exec_in_schema (database, schema,
                         "ALTER TABLE @S@.disclosures ADD COLUMN package_sha256 TEXT NOT NULL"
                         "  DEFAULT '' CHECK (package_sha256 = '' OR"
                         "    (length (package_sha256) = 64 AND package_sha256 NOT GLOB '*[^0-9a-f]*'));"
                         "ALTER TABLE @S@.disclosures ADD COLUMN delivery TEXT NOT NULL DEFAULT ''"
                         "  CHECK (delivery IN ('', 'phone', 'in-person', 'other') OR"
                         "    (delivery GLOB 'sealed:*' AND length (delivery) = 46 AND"
                         "     substr (delivery, 8) NOT GLOB '*[^0-9A-F ]*'));",
                         error);
}

/* practice.db v16: documents that belong to one client's record (old notes, scanned signed
 * forms, letters), as against the practice's own (client_id empty, as before): a label, the
 * day the paper is from (not the day it was attached) and a kind. Rows from before are the
 * practice's and keep that meaning. A client's document is part of their record: only its
 * label, kind and date are ever corrected, and only a retention disposal removes it. */
static gboolean
practice_client_documents (AlcoveDatabase  *database,
                           const char      *schema,
                           GError         **error)
{
  return exec_in_schema (database, schema,
                         "ALTER TABLE @S@.documents ADD COLUMN client_id TEXT NOT NULL"
                         "  DEFAULT '';"
                         "ALTER TABLE @S@.documents ADD COLUMN label TEXT NOT NULL DEFAULT '';"
                         "ALTER TABLE @S@.documents ADD COLUMN document_date TEXT NOT NULL"
                         "  DEFAULT '';"
                         "ALTER TABLE @S@.documents ADD COLUMN kind TEXT NOT NULL DEFAULT ''"
                         "  CHECK (kind IN ('', 'note', 'form', 'letter', 'assessment', 'other'));"
                         "CREATE INDEX @S@.documents_by_client ON documents (client_id);"
                         "CREATE TRIGGER @S@.documents_client_fixed BEFORE UPDATE ON documents"
                         "  WHEN OLD.client_id <> '' AND ("
                         "        NEW.id IS NOT OLD.id OR NEW.client_id IS NOT OLD.client_id"
                         "     OR NEW.name IS NOT OLD.name"
                         "     OR NEW.content_type IS NOT OLD.content_type"
                         "     OR NEW.size IS NOT OLD.size OR NEW.sha256 IS NOT OLD.sha256"
                         "     OR NEW.contents IS NOT OLD.contents"
                         "     OR NEW.added_ms IS NOT OLD.added_ms OR NEW.added_by IS NOT OLD.added_by)"
                         "  BEGIN SELECT RAISE (ABORT, 'a client''s document is kept as it was"
                         " attached'); END;"
                         "CREATE TRIGGER @S@.documents_client_no_delete BEFORE DELETE ON documents"
                         "  WHEN OLD.client_id <> ''"
                         "   AND NOT EXISTS (SELECT 1 FROM disposal_in_progress)"
                         "  BEGIN SELECT RAISE (ABORT, 'a client''s document is kept'); END;",
                         error);
}

static const MigrationFunc practice_migrations[] = { practice_v1, practice_v2, practice_v3,
                                                      practice_v4, practice_review_tables,
                                                      practice_registers_tables,
                                                      practice_audit_by_action,
                                                      practice_audit_signatures,
                                                      practice_form_drafts,
                                                      practice_emergency_access,
                                                      practice_session_status,
                                                      practice_diagnoses_and_settings,
                                                      practice_note_formats,
                                                      practice_checklist_attestations,
                                                      practice_disclosure_packages,
                                                      practice_client_documents };
static const MigrationFunc notes_migrations[] = { store_v1, store_v2, store_v3,
                                                   store_disposal_flag, store_cosign,
                                                   store_plans, store_written_and_copied,
                                                   store_measures, store_events };
static const MigrationFunc private_migrations[] = { store_v1, store_v2, store_v3,
                                                     store_disposal_flag, store_cosign_private,
                                                     store_plans_private,
                                                     store_written_and_copied, store_measures,
                                                     store_events_private };

static const MigrationFunc *
migrations_for (AlcoveStoreKind  kind,
                int             *count)
{
  switch (kind)
    {
    case ALCOVE_STORE_PRACTICE:
      *count = G_N_ELEMENTS (practice_migrations);
      return practice_migrations;
    case ALCOVE_STORE_NOTES:
      *count = G_N_ELEMENTS (notes_migrations);
      return notes_migrations;
    case ALCOVE_STORE_PRIVATE:
      *count = G_N_ELEMENTS (private_migrations);
      return private_migrations;
    default:
      g_assert_not_reached ();
    }
}

int
alcove_migrations_count (AlcoveStoreKind kind)
{
  int count;

  migrations_for (kind, &count);
  return count;
}

gboolean
alcove_migrations_apply (AlcoveDatabase   *database,
                         const char       *schema,
                         AlcoveStoreKind   kind,
                         int               version,
                         GError          **error)
{
  int count;
  const MigrationFunc *migrations = migrations_for (kind, &count);

  g_assert (version >= 1 && version <= count);
  return migrations[version - 1] (database, schema, error);
}
