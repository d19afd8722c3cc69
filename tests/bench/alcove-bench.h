/* alcove-bench.h — what the benchmark's parts share: figures, clocks, text, checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-vault.h"

void    record       (const char *key,
                      const char *label,
                      const char *unit,
                      double      value);
double  now_ms       (void);
double  percentile   (GArray     *samples,
                      double      p);
char   *make_text    (GRand      *rand,
                      guint       target_words);
void    begin        (AlcoveVault *vault);
void    commit       (AlcoveVault *vault);
void    remove_tree  (const char *path);
char   *username_of  (int         clinician);
void    unlock_as    (AlcoveVault *vault,
                      const char  *username);
/* A new vault with the benchmark's owner and clinicians, signed in as the owner */
AlcoveVault *alcove_bench_create_people (const char    *dir,
                                         AlcoveSecret **recovery);
int     alcove_bench_n_clinicians (void);
void    check_result (gboolean    ok,
                      GError     *error,
                      const char *what);

/* A macro, so that `error` is read after the call that sets it: as arguments of one
 * function, C leaves their order open (GCC read the NULL first, hiding every message) */
#define check(call, error, what) \
  G_STMT_START { gboolean ok_ = (call); check_result (ok_, (error), (what)); } G_STMT_END

/* One client's whole record, as a therapist who has seen them weekly for years has it, and
 * the time to open it: called signed in as a clinician */
void    alcove_bench_record (AlcoveVault *vault,
                             GRand       *rand);

/* The whole practice exported for leaving Alcove (with the recovery key, so every
 * clinician's notes), and imported into a new vault by the owner and each clinician;
 * called locked */
void    alcove_bench_practice (AlcoveVault        *vault,
                               const char         *vault_dir,
                               const AlcoveSecret *recovery_code);

/* Backing up the whole practice, checking the backup and restoring it, beside cp of the
 * same files; called locked, with the recovery code */
void    alcove_bench_backup (AlcoveVault        *vault,
                             const char         *vault_dir,
                             const AlcoveSecret *recovery_code);

/* A client list of `rows` rows in SimplePractice's shape, judged and added; called signed in
 * as a clinician. Returns how many were added. */
guint   alcove_bench_import (AlcoveVault *vault,
                             guint        rows);

/* A client's scanned documents, 1 MiB and 20 MiB, attached and read back; called signed in
 * as a clinician. Adds one client. */
void    alcove_bench_documents (AlcoveVault *vault,
                                GRand       *rand);
