/* alcove-csv.h — reading a spreadsheet's CSV export: its encoding and delimiter found, its
 * quoting undone, with limits that keep a hostile or broken file from hanging the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A file larger, longer or wider than this is refused with a message, not read */
#define ALCOVE_CSV_MAX_BYTES   (64 * 1024 * 1024)
#define ALCOVE_CSV_MAX_ROWS    100000
#define ALCOVE_CSV_MAX_COLUMNS 256
#define ALCOVE_CSV_MAX_CELL    (64 * 1024)

typedef struct _AlcoveCsv AlcoveCsv;

/* Other limits, for files Alcove wrote itself (alcove-practice-archive.h) */
typedef struct
{
  gsize max_bytes;
  guint max_rows;
  gsize max_cell;
} AlcoveCsvLimits;

AlcoveCsv   *alcove_csv_parse          (GBytes     *bytes,
                                        GError    **error);
AlcoveCsv   *alcove_csv_parse_with_limits (GBytes                *bytes,
                                           const AlcoveCsvLimits *limits,
                                           GError               **error);
void         alcove_csv_free           (AlcoveCsv  *self);
/* "UTF-8", "UTF-16" or "Windows-1252": what the file was written in */
const char  *alcove_csv_get_encoding   (AlcoveCsv  *self);
char         alcove_csv_get_delimiter  (AlcoveCsv  *self);
/* The first line's cells */
guint        alcove_csv_get_n_columns  (AlcoveCsv  *self);
const char  *alcove_csv_get_header     (AlcoveCsv  *self,
                                        guint       column);
/* The lines after the first, blank lines left out */
guint        alcove_csv_get_n_rows     (AlcoveCsv  *self);
/* How many cells that row has: a row may have more or fewer than the header */
guint        alcove_csv_get_n_cells    (AlcoveCsv  *self,
                                        guint       row);
/* "" for a cell the row lacks */
const char  *alcove_csv_get_cell       (AlcoveCsv  *self,
                                        guint       row,
                                        guint       column);
/* The line of the file where that row starts (1 is the header), for messages */
guint        alcove_csv_get_line       (AlcoveCsv  *self,
                                        guint       row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveCsv, alcove_csv_free)

G_END_DECLS
