/* alcove-format-store.h — the practice's own note formats, kept in practice.db
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-note-format.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

/* What is wrong with a format being made, so an editor shows it beside the field */
typedef enum
{
  ALCOVE_FORMAT_PROBLEM_NONE,
  ALCOVE_FORMAT_PROBLEM_NAME,           /* empty or too long */
  ALCOVE_FORMAT_PROBLEM_NAME_TAKEN,     /* another format has that name */
  ALCOVE_FORMAT_PROBLEM_NO_SECTIONS,
  ALCOVE_FORMAT_PROBLEM_SECTION,        /* a section's title or prompt: empty or too long */
  ALCOVE_FORMAT_PROBLEM_DUPLICATE_TITLE,
} AlcoveFormatProblem;

#define ALCOVE_TYPE_FORMAT_STORE (alcove_format_store_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveFormatStore, alcove_format_store, ALCOVE, FORMAT_STORE, GObject)

/* Reads the practice's formats while `vault` is unlocked and publishes them to the format
 * lists (alcove_note_format_list_record, alcove_note_format_lookup) until it locks */
AlcoveFormatStore *alcove_format_store_new          (AlcoveVault          *vault);
AlcoveVault       *alcove_format_store_get_vault    (AlcoveFormatStore    *self);
/* Whether the signed-in person may make and change formats (owners) */
gboolean           alcove_format_store_can_edit     (AlcoveFormatStore    *self);
/* The practice's formats, the newest version of each, retired ones included, by name */
GListModel        *alcove_format_store_get_formats  (AlcoveFormatStore    *self);
/* "practice-x@2" for each row of practice.db that failed its signature check and is
 * ignored; NULL when none */
GStrv              alcove_format_store_dup_rejected (AlcoveFormatStore    *self);
/* The key a section titled `title` gets: "risk_assessment" for "Risk Assessment" */
char              *alcove_format_key_from_title     (const char           *title);
/* The rules a format follows before it is saved; `base_id` is the format being changed,
 * or NULL for a new one. On failure *problem and *section (0-based) say where. */
gboolean           alcove_format_store_check        (AlcoveFormatStore         *self,
                                                     const char                *base_id,
                                                     const char                *name,
                                                     const AlcoveFormatSection *sections,
                                                     guint                      n_sections,
                                                     AlcoveFormatProblem       *problem,
                                                     guint                     *section,
                                                     GError                   **error);
/* Saves a new format (base_id NULL) or the next version of one; section keys come from
 * their titles. Returns that version (transfer none). */
AlcoveNoteFormat  *alcove_format_store_save         (AlcoveFormatStore         *self,
                                                     const char                *base_id,
                                                     const char                *name,
                                                     const char                *description,
                                                     const AlcoveFormatSection *sections,
                                                     guint                      n_sections,
                                                     GError                   **error);
/* A retired format takes no new note; its notes keep it. Restoring offers it again. */
gboolean           alcove_format_store_set_retired  (AlcoveFormatStore    *self,
                                                     const char           *base_id,
                                                     gboolean              retired,
                                                     GError              **error);
/* The signature a version taken from a practice archive gets in this vault: the signed-in
 * owner's, as its maker, over the version as it was, made at `made_ms` */
char              *alcove_format_store_sign_imported (AlcoveVault      *vault,
                                                      const char       *format_id,
                                                      guint             version,
                                                      gboolean          retired,
                                                      gint64            made_ms,
                                                      const char       *definition,
                                                      GError          **error);
/* A file as data/formats holds one, saved as a new practice format (transfer none) */
AlcoveNoteFormat  *alcove_format_store_import       (AlcoveFormatStore    *self,
                                                     GBytes               *json,
                                                     GError              **error);

G_END_DECLS
