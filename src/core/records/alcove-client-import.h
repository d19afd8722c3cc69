/* alcove-client-import.h — a client list from another system, read from CSV, mapped to
 * Alcove's client fields, previewed row by row, and written in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-client-store.h"
#include "alcove-csv.h"

G_BEGIN_DECLS

typedef enum
{
  ALCOVE_IMPORT_FIELD_LEGAL_NAME,     /* the whole legal name in one column */
  ALCOVE_IMPORT_FIELD_FIRST_NAME,
  ALCOVE_IMPORT_FIELD_MIDDLE_NAME,
  ALCOVE_IMPORT_FIELD_LAST_NAME,
  ALCOVE_IMPORT_FIELD_PREFERRED_NAME,
  ALCOVE_IMPORT_FIELD_DATE_OF_BIRTH,
  ALCOVE_IMPORT_FIELD_PRONOUNS,
  ALCOVE_IMPORT_FIELD_EMAIL,
  ALCOVE_IMPORT_FIELD_PHONE,
  ALCOVE_IMPORT_FIELD_ADDRESS,
  ALCOVE_IMPORT_FIELD_STATUS,
  ALCOVE_IMPORT_N_FIELDS
} AlcoveImportField;

typedef enum
{
  ALCOVE_DATE_ORDER_MDY,   /* 04/12/1988 is April 12th, as in the US */
  ALCOVE_DATE_ORDER_DMY,   /* 12/04/1988 is April 12th, as in Australia and Europe */
} AlcoveDateOrder;

typedef enum
{
  ALCOVE_IMPORT_ROW_NEW,
  ALCOVE_IMPORT_ROW_DUPLICATE,   /* same legal name and birth date as a client already here */
  ALCOVE_IMPORT_ROW_INVALID,
} AlcoveImportRowKind;

#define ALCOVE_IMPORT_NO_COLUMN (-1)

typedef struct
{
  int             columns[ALCOVE_IMPORT_N_FIELDS];  /* a CSV column, or ALCOVE_IMPORT_NO_COLUMN */
  AlcoveDateOrder date_order;
} AlcoveClientMapping;

typedef struct _AlcoveClientImport AlcoveClientImport;

/* The id of a field in mappings and on the command line: "first_name", "date_of_birth"… */
const char *alcove_import_field_to_string   (AlcoveImportField  field);
gboolean    alcove_import_field_from_string (const char        *text,
                                             AlcoveImportField *field);
/* The shipped templates' ids (data/import/client-lists.json) and their names */
GStrv       alcove_client_import_dup_template_ids (void);
const char *alcove_client_import_get_template_name (const char *template_id);

/* Reads the list and guesses its mapping from the headers; takes `csv` */
AlcoveClientImport *alcove_client_import_new        (AlcoveCsv           *csv);
/* Lets go of it; a worker still judging its rows keeps it until it is done */
void                alcove_client_import_free       (AlcoveClientImport  *self);
AlcoveCsv          *alcove_client_import_get_csv    (AlcoveClientImport  *self);
/* The template whose headers matched (or the one applied), or NULL */
const char         *alcove_client_import_get_template (AlcoveClientImport *self);
const AlcoveClientMapping *alcove_client_import_get_mapping (AlcoveClientImport *self);
gboolean            alcove_client_import_apply_template (AlcoveClientImport *self,
                                                         const char         *template_id,
                                                         GError            **error);
void                alcove_client_import_set_column (AlcoveClientImport  *self,
                                                     AlcoveImportField    field,
                                                     int                  column);
void                alcove_client_import_set_date_order (AlcoveClientImport *self,
                                                         AlcoveDateOrder     order);
/* The mapping as text for the practice's settings, and back; a saved mapping applies only
 * to a list with the same headers */
char               *alcove_client_import_dup_mapping_text (AlcoveClientImport *self);
gboolean            alcove_client_import_load_mapping_text (AlcoveClientImport *self,
                                                            const char         *text);
/* The settings key the mapping of lists with these headers is remembered under */
char               *alcove_client_import_dup_settings_key (AlcoveClientImport *self);

/* Judges every row against the mapping and the clients already in `clients` (NULL: none);
 * FALSE only when the mapping cannot name anyone (no legal name and no last name) */
gboolean            alcove_client_import_classify   (AlcoveClientImport  *self,
                                                     AlcoveClientStore   *clients,
                                                     GError             **error);
guint               alcove_client_import_count      (AlcoveClientImport  *self,
                                                     AlcoveImportRowKind  kind);
AlcoveImportRowKind alcove_client_import_get_kind   (AlcoveClientImport  *self,
                                                     guint                row);
/* Why a row is invalid or a duplicate, translated; NULL for a new one */
const char         *alcove_client_import_get_reason (AlcoveClientImport  *self,
                                                     guint                row);
/* The client a row would become (never saved); NULL for an invalid row */
AlcoveClient       *alcove_client_import_get_client (AlcoveClientImport  *self,
                                                     guint                row);

/* Who is already in the vault, as the keys a duplicate is found by: read on the thread that
 * owns `clients`, then handed to a worker that must not touch the vault */
GStrv               alcove_client_import_dup_identities (AlcoveClientStore *clients);
/* alcove_client_import_classify() against such keys (NULL: none); safe on any thread */
gboolean            alcove_client_import_classify_against (AlcoveClientImport  *self,
                                                           const char * const  *identities,
                                                           GError             **error);
/* The same on a worker, against the mapping as it is now; _finish() puts the verdicts in
 * place, on the caller's thread, or fails with G_IO_ERROR_CANCELLED if the mapping changed
 * meanwhile. `self` may be freed before it ends: the worker keeps what it reads. */
void                alcove_client_import_classify_async  (AlcoveClientImport  *self,
                                                          const char * const  *identities,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            alcove_client_import_classify_finish (AlcoveClientImport  *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* Reads, parses, maps and classifies `file` on a worker: a list of 50,000 rows takes a moment.
 * `identities` comes from alcove_client_import_dup_identities() and is copied. */
void                alcove_client_import_load_async  (GFile               *file,
                                                      const char * const  *identities,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
AlcoveClientImport *alcove_client_import_load_finish (GAsyncResult        *result,
                                                      GError             **error);

/* A row's cell for a field as the list wrote it ("" if unmapped), and its legal name as
 * Alcove would read it ("" if none): what a preview shows of a row, even an invalid one */
const char         *alcove_client_import_get_cell       (AlcoveClientImport *self,
                                                         guint               row,
                                                         AlcoveImportField   field);
char               *alcove_client_import_dup_legal_name (AlcoveClientImport *self,
                                                         guint               row);

/* Whether the rows have been judged (alcove_client_import_classify() or its _async) */
gboolean            alcove_client_import_is_judged (AlcoveClientImport  *self);

/* alcove-client-import-commit.c: adding the new rows, all or none, each audited as a new
 * client and the import audited with its count. The clients join `clients` once written. */
gboolean            alcove_client_import_commit     (AlcoveClientImport  *self,
                                                     AlcoveClientStore   *clients,
                                                     guint               *n_written,
                                                     GError             **error);
/* How many rows of `total` are written so far; called on the caller's main context */
typedef void (*AlcoveImportProgressFunc) (guint    done,
                                          guint    total,
                                          gpointer user_data);
/* The same on the session's worker and its own connection: fifty thousand rows take
 * seconds. The rows are copied now, so `self` may change or go meanwhile. Cancelling (or a
 * lock) rolls everything back; `progress` is not called once `cancellable` is cancelled. */
void                alcove_client_import_commit_async  (AlcoveClientImport       *self,
                                                        AlcoveClientStore        *clients,
                                                        AlcoveImportProgressFunc  progress,
                                                        gpointer                  progress_data,
                                                        GCancellable             *cancellable,
                                                        GAsyncReadyCallback       callback,
                                                        gpointer                  user_data);
gboolean            alcove_client_import_commit_finish (AlcoveClientStore        *clients,
                                                        GAsyncResult             *result,
                                                        guint                    *n_written,
                                                        GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveClientImport, alcove_client_import_free)

G_END_DECLS
