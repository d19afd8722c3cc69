/* alcove-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "alcove-csv.h"
#include "alcove-error.h"

struct _AlcoveCsv
{
  const char *encoding;
  char        delimiter;
  GPtrArray  *records;  /* GStrv each; the first is the header */
  GArray     *lines;    /* guint: the line each record starts on */
};

/* what spreadsheets write: comma, semicolon where the comma is the decimal mark, tab, pipe */
static const char delimiters[] = { ',', ';', '\t', '|' };
#define SNIFF_RECORDS 20

static void
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID, message);
}

/* ---- encoding ---- */

static char *
from_utf16 (const guchar  *data,
            gsize          size,
            const char    *charset,
            gsize         *length,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text = g_convert ((const char *) data, size, "UTF-8", charset, NULL, length, &local_error);

  if (text == NULL)
    set_invalid (error, _("The file says it is UTF-16 but is not: save it again as CSV UTF-8"));
  return text;
}

/* UTF-8 (with or without the byte-order mark Excel writes), UTF-16 with its mark, or else
 * Windows-1252, what Excel on Windows writes as plain "CSV" */
static char *
decode (GBytes      *bytes,
        const char **encoding,
        gsize       *length,
        GError     **error)
{
  gsize size = 0;
  const guchar *data = g_bytes_get_data (bytes, &size);
  char *text;

  if (size == 0)
    {
      set_invalid (error, _("The file is empty"));
      return NULL;
    }
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, size -= 3;
  else if (size >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      *encoding = "UTF-16";
      return from_utf16 (data + 2, size - 2, data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE",
                         length, error);
    }
  if (memchr (data, '\0', size) != NULL)
    {
      set_invalid (error, _("This is not a text file: export the list again as CSV"));
      return NULL;
    }
  if (g_utf8_validate_len ((const char *) data, size, NULL))
    {
      *encoding = "UTF-8";
      *length = size;
      return g_strndup ((const char *) data, size);
    }
  *encoding = "Windows-1252";
  text = g_convert ((const char *) data, size, "UTF-8", "WINDOWS-1252", NULL, length, NULL);
  if (text == NULL)
    set_invalid (error, _("The file’s characters could not be read: save it again as CSV UTF-8"));
  return text;
}

/* ---- records ---- */

typedef struct
{
  const char *text;
  gsize       length;
  gsize       pos;
  guint       line;
  char        delimiter;
  gsize       max_cell;
} Reader;

static gboolean
at_line_end (Reader *reader)
{
  return reader->pos >= reader->length || reader->text[reader->pos] == '\n' ||
         reader->text[reader->pos] == '\r';
}

static void
skip_line_end (Reader *reader)
{
  if (reader->pos >= reader->length)
    return;
  if (reader->text[reader->pos] == '\r' && reader->pos + 1 < reader->length &&
      reader->text[reader->pos + 1] == '\n')
    reader->pos++;
  reader->pos++;
  reader->line++;
}

static gboolean
append_checked (Reader   *reader,
                GString  *cell,
                char      c,
                guint     line,
                GError  **error)
{
  if (cell->len >= reader->max_cell)
    {
      g_autofree char *message = g_strdup_printf (_("Line %u has a cell longer than %u "
                                                    "characters: is this a client list?"),
                                                  line, (guint) reader->max_cell);
      set_invalid (error, message);
      return FALSE;
    }
  g_string_append_c (cell, c);
  return TRUE;
}

/* A quoted cell: "" is a quote; line breaks inside belong to the cell. Text after the
 * closing quote (a sloppy writer's) is kept rather than lost. */
static gboolean
read_quoted (Reader   *reader,
             GString  *cell,
             GError  **error)
{
  guint opened_on = reader->line;

  for (reader->pos++; ; reader->pos++)
    {
      char c;

      if (reader->pos >= reader->length)
        {
          g_autofree char *message =
            g_strdup_printf (_("A quotation mark opened on line %u is never closed"), opened_on);
          set_invalid (error, message);
          return FALSE;
        }
      c = reader->text[reader->pos];
      if (c == '"' && reader->pos + 1 < reader->length && reader->text[reader->pos + 1] == '"')
        reader->pos++;
      else if (c == '"')
        break;
      else if (c == '\n' || (c == '\r' && (reader->pos + 1 >= reader->length ||
                                           reader->text[reader->pos + 1] != '\n')))
        reader->line++;
      if (!append_checked (reader, cell, c, opened_on, error))
        return FALSE;
    }
  reader->pos++;
  for (; !at_line_end (reader) && reader->text[reader->pos] != reader->delimiter; reader->pos++)
    if (!append_checked (reader, cell, reader->text[reader->pos], opened_on, error))
      return FALSE;
  return TRUE;
}

static char *
read_cell (Reader  *reader,
           GError **error)
{
  g_autoptr(GString) cell = g_string_new (NULL);

  if (reader->pos < reader->length && reader->text[reader->pos] == '"')
    {
      if (!read_quoted (reader, cell, error))
        return NULL;
    }
  else
    for (; !at_line_end (reader) && reader->text[reader->pos] != reader->delimiter; reader->pos++)
      if (!append_checked (reader, cell, reader->text[reader->pos], reader->line, error))
        return NULL;
  return g_string_free (g_steal_pointer (&cell), FALSE);
}

static GStrv
read_record (Reader  *reader,
             GError **error)
{
  g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();

  for (guint n = 0; ; n++)
    {
      g_autofree char *cell = NULL;

      if (n >= ALCOVE_CSV_MAX_COLUMNS)
        {
          g_autofree char *message = g_strdup_printf (_("Line %u has more than %u columns"),
                                                      reader->line, (guint) ALCOVE_CSV_MAX_COLUMNS);
          set_invalid (error, message);
          return NULL;
        }
      cell = read_cell (reader, error);
      if (cell == NULL)
        return NULL;
      g_strv_builder_add (cells, cell);
      if (reader->pos >= reader->length || reader->text[reader->pos] != reader->delimiter)
        break;
      reader->pos++;
    }
  skip_line_end (reader);
  return g_strv_builder_end (cells);
}

static gboolean
is_blank (GStrv record)
{
  return g_strv_length (record) == 1 && record[0][0] == '\0';
}

/* Reads up to max_records records (blank lines left out) */
static gboolean
read_records (const char  *text,
              gsize        length,
              char         delimiter,
              gsize        max_cell,
              guint        max_records,
              GPtrArray   *records,
              GArray      *lines,
              GError     **error)
{
  Reader reader = { text, length, 0, 1, delimiter, max_cell };

  while (reader.pos < reader.length && records->len < max_records)
    {
      guint line = reader.line;
      GStrv record = read_record (&reader, error);

      if (record == NULL)
        return FALSE;
      if (is_blank (record))
        {
          g_strfreev (record);
          continue;
        }
      g_ptr_array_add (records, record);
      g_array_append_val (lines, line);
    }
  return TRUE;
}

/* The delimiter that splits the first lines into the same number of cells, and the most */
static char
sniff_delimiter (const char *text,
                 gsize       length,
                 gsize       max_cell)
{
  char best = ',';
  guint best_score = 0;

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    {
      g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
      guint width, agreeing = 0, score;

      if (!read_records (text, length, delimiters[i], max_cell, SNIFF_RECORDS, records, lines,
                         NULL) ||
          records->len == 0)
        continue;
      width = g_strv_length (records->pdata[0]);
      for (guint r = 1; r < records->len; r++)
        agreeing += g_strv_length (records->pdata[r]) == width;
      score = width < 2 ? 0 : (agreeing + 1) * ALCOVE_CSV_MAX_COLUMNS + width;
      if (score > best_score)
        best = delimiters[i], best_score = score;
    }
  return best;
}

static void
trim_header (GStrv header)
{
  for (guint i = 0; header[i] != NULL; i++)
    g_strstrip (header[i]);
}

AlcoveCsv *
alcove_csv_parse (GBytes  *bytes,
                  GError **error)
{
  static const AlcoveCsvLimits limits = { ALCOVE_CSV_MAX_BYTES, ALCOVE_CSV_MAX_ROWS,
                                          ALCOVE_CSV_MAX_CELL };

  return alcove_csv_parse_with_limits (bytes, &limits, error);
}

AlcoveCsv *
alcove_csv_parse_with_limits (GBytes                *bytes,
                              const AlcoveCsvLimits *limits,
                              GError               **error)
{
  g_autoptr(AlcoveCsv) self = g_new0 (AlcoveCsv, 1);
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  if (g_bytes_get_size (bytes) > limits->max_bytes)
    {
      g_autofree char *message = g_strdup_printf (_("The file is larger than %u MB: split it "
                                                    "into smaller lists"),
                                                  (guint) (limits->max_bytes / (1024 * 1024)));

      set_invalid (error, message);
      return NULL;
    }
  text = decode (bytes, &self->encoding, &length, error);
  if (text == NULL)
    return NULL;
  self->delimiter = sniff_delimiter (text, length, limits->max_cell);
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!read_records (text, length, self->delimiter, limits->max_cell, limits->max_rows + 2,
                     self->records, self->lines, error))
    return NULL;
  if (self->records->len == 0)
    {
      set_invalid (error, _("The file is empty"));
      return NULL;
    }
  if (self->records->len > limits->max_rows + 1)
    {
      g_autofree char *message = g_strdup_printf (_("The file has more than %u rows: split it "
                                                    "into smaller lists"),
                                                  limits->max_rows);
      set_invalid (error, message);
      return NULL;
    }
  trim_header (self->records->pdata[0]);
  return g_steal_pointer (&self);
}

void
alcove_csv_free (AlcoveCsv *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_free (self);
}

const char *
alcove_csv_get_encoding (AlcoveCsv *self)
{
  return self->encoding;
}

char
alcove_csv_get_delimiter (AlcoveCsv *self)
{
  return self->delimiter;
}

guint
alcove_csv_get_n_columns (AlcoveCsv *self)
{
  return g_strv_length (self->records->pdata[0]);
}

const char *
alcove_csv_get_header (AlcoveCsv *self,
                       guint      column)
{
  g_return_val_if_fail (column < alcove_csv_get_n_columns (self), NULL);
  return ((GStrv) self->records->pdata[0])[column];
}

guint
alcove_csv_get_n_rows (AlcoveCsv *self)
{
  return self->records->len - 1;
}

guint
alcove_csv_get_n_cells (AlcoveCsv *self,
                        guint      row)
{
  g_return_val_if_fail (row < alcove_csv_get_n_rows (self), 0);
  return g_strv_length (self->records->pdata[row + 1]);
}

const char *
alcove_csv_get_cell (AlcoveCsv *self,
                     guint      row,
                     guint      column)
{
  g_return_val_if_fail (row < alcove_csv_get_n_rows (self), "");
  if (column >= alcove_csv_get_n_cells (self, row))
    return "";
  return ((GStrv) self->records->pdata[row + 1])[column];
}

guint
alcove_csv_get_line (AlcoveCsv *self,
                     guint      row)
{
  g_return_val_if_fail (row < alcove_csv_get_n_rows (self), 0);
  return g_array_index (self->lines, guint, row + 1);
}
