/* alcove-diagnosis-catalog.h — the ICD-10-CM codes Alcove ships (data/diagnoses)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *code;         /* with its dot: "F32.1" */
  char     *short_text;   /* the CMS descriptors, as published */
  char     *long_text;
  gboolean  billable;     /* FALSE: a category header, never for a claim */
} AlcoveDiagnosisCode;

/* The release the codes come from, e.g. "ICD-10-CM 2026" */
const char                *alcove_diagnosis_catalog_get_release (void);
/* NULL when the code is not in the shipped selection (it may still be valid) */
const AlcoveDiagnosisCode *alcove_diagnosis_catalog_lookup      (const char *code);
/* By code ("f32", "F32.1", "f321") or by words of the descriptor ("major depr single"),
 * billable codes first, at most `limit` (transfer container: the codes are the catalog's) */
GPtrArray                 *alcove_diagnosis_catalog_search      (const char *query,
                                                                 guint       limit);
/* Whether search() would find `code` with these `words` for `query`: for codes Alcove does
 * not ship, with the words typed for them */
gboolean                   alcove_diagnosis_catalog_matches     (const char *query,
                                                                 const char *code,
                                                                 const char *words);
/* Whether `code` is written as an ICD-10-CM code: a letter, two characters, and after a
 * dot one to four more. Any such code may be recorded, shipped or not. */
gboolean                   alcove_diagnosis_code_is_valid       (const char *code);
/* "f321" → "F32.1"; NULL if it cannot be one */
char                      *alcove_diagnosis_code_normalize      (const char *code);

G_END_DECLS
