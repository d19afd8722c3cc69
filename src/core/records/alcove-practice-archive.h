/* alcove-practice-archive.h — the whole practice as a ZIP of CSV files, for leaving Alcove,
 * and the same archive read back into a new vault without loss
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The archive (format "alcove-practice-export", version 1; the published schema is
 * data/alcove-practice-export.schema.json, installed as
 * $datadir/alcove/alcove-practice-export.schema.json and written into every archive):
 *
 *   README.txt            what this is, the warning, the files, how to import it again
 *   schema.json           every table and column, described
 *   manifest.json         format, version, time, Alcove's version, each entry's SHA-256 and
 *                         size, and the counts; no names
 *   tables/<table>.csv    one per table: RFC 4180, UTF-8, CRLF, a header row of column names
 *   documents/<id>        each stored document's bytes (its row is in tables/documents.csv)
 *
 * Export is for an owner, or the recovery-key session. It holds the practice's tables and
 * the notes stores the session can open: an owner opens their own, the recovery key every
 * clinician's. A store left out is named in the report and in the README. Psychotherapy notes, search indexes, drafts being typed and key material are never
 * in it. The file is written with mode 0600 under a temporary name in the destination's
 * folder and renamed only once complete; a destination inside the vault folder is refused.
 *
 * Import checks every entry against the manifest (SHA-256 and size), the format and version,
 * names, sizes and every cell before it writes, then writes in one transaction. Ids are kept.
 * A row already in the vault and equal is skipped, so the same archive can be imported
 * again; one that differs is an error. An owner imports the practice's rows and their own
 * notes; each clinician then signs in and imports the same archive for their own notes (a
 * notes store is opened only by its author). Signed notes, addenda and treatment plans are
 * signed again by their author; their times are kept, their hashes and signatures are new
 * (the author's key in the new vault is not the old one). Both directions are audited with
 * counts only; after an import the vault emits "changed::practice-import".
 *
 * Both run on the calling thread with the session's connection: a caller that must not
 * block (the GUI) runs them where that connection may be used. `cancellable` is checked
 * between the steps before anything is written, and between the archive's entries while
 * it is written.
 */
#pragma once

#include <gio/gio.h>

#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_PRACTICE_ARCHIVE_FORMAT  "alcove-practice-export"
#define ALCOVE_PRACTICE_ARCHIVE_VERSION 1

typedef struct
{
  guint clients;
  guint sessions;
  guint notes;
  guint addenda;
  guint consents;
  guint disclosures;
  guint plans;
  guint measures;
  guint documents;
  guint tables;
  /* import: addenda of notes waiting for their supervisor's co-signature in this vault,
   * left in the archive; importing it again once they are co-signed adds them */
  guint addenda_waiting;
  /* usernames whose notes this person cannot open: left out of an export, or left in the
   * archive at import for that person to import; NULL when none */
  GStrv stores_left_out;
} AlcovePracticeArchiveReport;

/* Whether this session may export the whole practice (an owner, or the recovery key) */
gboolean  alcove_practice_archive_can_export (AlcoveVault *vault);

/* Frees what an export or import put in the report */
void      alcove_practice_archive_report_clear (AlcovePracticeArchiveReport *report);

gboolean  alcove_practice_export (AlcoveVault                  *vault,
                                  GFile                        *destination,
                                  AlcovePracticeArchiveReport  *report,
                                  GCancellable                 *cancellable,
                                  GError                      **error);
/* The same, read on the session's worker and its own connection and written there: a large
 * practice takes seconds. Checked, and who may read what decided, before it returns; the
 * audit row is written by _finish(), on the caller's thread. Cancelling, or a lock, leaves
 * nothing behind. */
void      alcove_practice_export_async  (AlcoveVault                  *vault,
                                         GFile                        *destination,
                                         GCancellable                 *cancellable,
                                         GAsyncReadyCallback           callback,
                                         gpointer                      user_data);
gboolean  alcove_practice_export_finish (AlcoveVault                  *vault,
                                         GAsyncResult                 *result,
                                         AlcovePracticeArchiveReport  *report,
                                         GError                      **error);
/* Reads an archive without a vault, as an import reads it before it writes: every entry
 * against the manifest, names, sizes and the CSV of every table. The counts are the rows
 * the files hold. For `alcovectl import-practice --check` and the fuzz target. */
gboolean  alcove_practice_archive_check (GBytes                       *zip,
                                         AlcovePracticeArchiveReport  *report,
                                         GError                      **error);
gboolean  alcove_practice_import (AlcoveVault                  *vault,
                                  GFile                        *archive,
                                  AlcovePracticeArchiveReport  *report,
                                  GCancellable                 *cancellable,
                                  GError                      **error);

G_END_DECLS
