/* alcove-note-store-copy.c — Load Last Note: sections copied forward from an earlier note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-store"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-note-format.h"
#include "alcove-note-store-private.h"
#include "alcove-vault-private.h"

/* A plan carries from one session to the next, so a draft may start from the last signed
 * note's: the sections its format marks "carry_forward" are copied into the draft's empty
 * ones. The draft remembers where they came from and each one's text as copied (its
 * SHA-256), and all of that is signed with it. A note whose copied text was never touched
 * is what auditors call a cloned note: it is not signed until its author edits the text or
 * confirms, once, that it still holds as it stands; the confirmation is signed too. */

/* The last signed record note of this note's client on or before its date, other than
 * itself, with something in a section to carry forward; NULL if none */
static AlcoveNote *
find_previous (AlcoveNoteStore  *self,
               AlcoveNote       *note,
               AlcoveNoteFormat *format,
               GError          **error)
{
  g_autoptr(GListModel) notes = NULL;

  notes = alcove_note_store_list_for_client (self, alcove_note_get_client_id (note), FALSE,
                                             error);
  if (notes == NULL)
    return NULL;
  /* newest first: the first that fits is the last one */
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(AlcoveNote) earlier = g_list_model_get_item (notes, i);

      if (alcove_note_get_status (earlier) != ALCOVE_NOTE_SIGNED ||
          g_strcmp0 (alcove_note_get_id (earlier), alcove_note_get_id (note)) == 0 ||
          g_strcmp0 (alcove_note_get_client_id (earlier), alcove_note_get_client_id (note)) != 0 ||
          g_strcmp0 (alcove_note_get_session_date (earlier),
                     alcove_note_get_session_date (note)) > 0)
        continue;
      for (guint s = 0; s < alcove_note_format_get_n_sections (format); s++)
        {
          const AlcoveFormatSection *section = alcove_note_format_get_section (format, s);
          g_autofree char *text = g_strdup (alcove_note_get_section (earlier, section->key));

          if (section->carry_forward && *g_strstrip (text) != '\0')
            return g_steal_pointer (&earlier);
        }
    }
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NOT_FOUND,
                       _("There is no earlier signed note of this client with a plan to load"));
  return NULL;
}

/* The copy marks, and with `copy_only` FALSE the text copied, in the draft's row */
static gboolean
write_copied (AlcoveNoteStore  *self,
              AlcoveNote       *note,
              gboolean          copy_only,
              GError          **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  g_autofree char *schema = alcove_vault_schema_for (alcove_note_get_store_id (note));
  GHashTable *sections = alcove_note_get_copied_sections (note);
  g_autofree char *copied = alcove_note_store_texts_to_json (sections);
  g_autofree char *sql = g_strdup_printf ("UPDATE %s.notes SET copied_from = ?2,"
                                          " copied_sections = ?3, copy_confirmed_ms = ?4"
                                          " WHERE id = ?1 AND status = 'draft'", schema);
  sqlite3_stmt *stmt;

  if (!copy_only && !alcove_note_store_write_draft (self, note, error))
    return FALSE;
  stmt = alcove_database_prepare (database, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alcove_note_get_id (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, alcove_note_get_copied_from (note), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, copied, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, alcove_note_get_copy_confirmed_ms (note));
  if (!alcove_database_step_done (database, stmt, error))
    return FALSE;
  return sqlite3_changes (alcove_database_get_handle (database)) == 1 ||
         alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                            _("This note is no longer a draft"));
}

/* Copies into the empty sections `from` has text for; returns how many */
static guint
copy_sections (AlcoveNote       *note,
               AlcoveNote       *from,
               AlcoveNoteFormat *format)
{
  guint copied = 0;

  for (guint i = 0; i < alcove_note_format_get_n_sections (format); i++)
    {
      const AlcoveFormatSection *section = alcove_note_format_get_section (format, i);
      g_autofree char *text = g_strdup (alcove_note_get_section (from, section->key));
      g_autofree char *here = g_strdup (alcove_note_get_section (note, section->key));

      if (!section->carry_forward || *g_strstrip (text) == '\0' || *g_strstrip (here) != '\0')
        continue;
      alcove_note_set_section (note, section->key, text);
      g_hash_table_replace (alcove_note_get_copied_sections (note), g_strdup (section->key),
                            alcove_note_hash_copied_text (text));
      copied++;
    }
  return copied;
}

static void
forget_copy (AlcoveNote *note,
             GHashTable *before)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    alcove_note_set_section (note, key, value);
  g_hash_table_remove_all (alcove_note_get_copied_sections (note));
  alcove_note_set_copied (note, "", 0);
}

static gboolean
check_can_copy (AlcoveNoteStore   *self,
                AlcoveNote        *note,
                AlcoveNoteFormat **format,
                GError           **error)
{
  if (alcove_note_get_status (note) != ALCOVE_NOTE_DRAFT)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("A signed note cannot be changed; add an addendum instead"));
  if (!alcove_note_store_require_author (self, note, error))
    return FALSE;
  if (alcove_note_is_private (note))
    return alcove_error_invalid (error, _("Psychotherapy notes are not copied from one another"));
  if (*alcove_note_get_copied_from (note) != '\0')
    return alcove_error_invalid (error, _("This draft already holds what was copied from an "
                                          "earlier note"));
  *format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  return *format != NULL ||
         alcove_error_invalid (error, _("This note’s format is not known here"));
}

static gboolean
load_now (AlcoveNoteStore  *self,
          AlcoveNote       *note,
          GError          **error)
{
  AlcoveNoteFormat *format = NULL;
  g_autoptr(AlcoveNote) previous = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *details = NULL;

  if (!check_can_copy (self, note, &format, error) ||
      (previous = find_previous (self, note, format, error)) == NULL)
    return FALSE;
  before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < alcove_note_format_get_n_sections (format); i++)
    {
      const char *key = alcove_note_format_get_section (format, i)->key;

      g_hash_table_insert (before, g_strdup (key), g_strdup (alcove_note_get_section (note, key)));
    }
  if (copy_sections (note, previous, format) == 0)
    return alcove_error_invalid (error, _("The sections the last note would fill already hold "
                                          "text here"));
  alcove_note_set_copied (note, alcove_note_get_id (previous), 0);
  details = alcove_audit_details ("client", alcove_note_get_client_id (note),
                                  "from", alcove_note_get_id (previous), NULL);
  if (!alcove_note_store_in_transaction_with (self, note, write_copied, FALSE,
                                              ALCOVE_AUDIT_NOTE_COPY, details, error))
    {
      forget_copy (note, before);
      return FALSE;
    }
  alcove_note_set_dirty (note, FALSE);
  alcove_note_store_emit_note_changed (self, note, FALSE);
  return TRUE;
}

/**
 * alcove_note_store_load_last_note:
 *
 * Copies into this draft's empty sections that its format carries forward (the plan) the
 * text of the last signed note of the same client on or before its date, and saves it,
 * marked as copied. Only the draft's author does it, once per draft; never for a
 * psychotherapy note. Autosaves of the draft are settled first. On failure the draft is as
 * it was.
 */
gboolean
alcove_note_store_load_last_note (AlcoveNoteStore  *self,
                                  AlcoveNote       *note,
                                  GError          **error)
{
  GPtrArray *settled;
  gboolean loaded;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), FALSE);

  settled = alcove_note_store_settle_draft (self, note);
  loaded = load_now (self, note, error);
  alcove_note_store_end_settled (settled, loaded);
  return loaded;
}

/* The titles of the sections still exactly as copied, joined for a sentence; NULL if none */
char *
alcove_note_store_dup_copied_unchanged_titles (AlcoveNoteStore *self,
                                               AlcoveNote      *note)
{
  AlcoveNoteFormat *format;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), NULL);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), NULL);

  format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  keys = alcove_note_dup_copied_unchanged (note);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const AlcoveFormatSection *section = format ? alcove_note_format_find_section (format,
                                                                                     keys[i])
                                                  : NULL;

      g_ptr_array_add (titles, section ? section->title : keys[i]);
    }
  if (titles->len == 0)
    return NULL;
  g_ptr_array_add (titles, NULL);
  return g_strjoinv (", ", (char **) titles->pdata);
}

/* Signing needs every copied section edited, or its author's confirmation */
gboolean
alcove_note_store_check_copied (AlcoveNoteStore  *self,
                                AlcoveNote       *note,
                                GError          **error)
{
  g_autofree char *titles = NULL;

  if (alcove_note_get_copy_confirmed_ms (note) != 0)
    return TRUE;
  titles = alcove_note_store_dup_copied_unchanged_titles (self, note);
  if (titles == NULL)
    return TRUE;
  g_set_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_NEEDS_CONFIRMATION,
               _("Copied from an earlier note and not changed since: %s. Edit it for this "
                 "session, or confirm that it still holds as it is."), titles);
  return FALSE;
}

/**
 * alcove_note_store_confirm_copied:
 *
 * Records, in the draft and the audit log, that its author keeps the text copied from an
 * earlier note as it is; signing then covers that confirmation.
 */
gboolean
alcove_note_store_confirm_copied (AlcoveNoteStore  *self,
                                  AlcoveNote       *note,
                                  GError          **error)
{
  g_autofree char *details = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), FALSE);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), FALSE);

  if (alcove_note_get_status (note) != ALCOVE_NOTE_DRAFT ||
      *alcove_note_get_copied_from (note) == '\0')
    return alcove_error_invalid (error, _("Nothing in this note was copied from another"));
  if (!alcove_note_store_require_author (self, note, error))
    return FALSE;
  alcove_note_set_copied (note, alcove_note_get_copied_from (note), g_get_real_time () / 1000);
  details = alcove_audit_details ("client", alcove_note_get_client_id (note), NULL);
  if (!alcove_note_store_in_transaction_with (self, note, write_copied, TRUE,
                                              ALCOVE_AUDIT_NOTE_CONFIRM_COPIED, details, error))
    {
      alcove_note_set_copied (note, alcove_note_get_copied_from (note), 0);
      return FALSE;
    }
  return TRUE;
}

/* The date of the session of the note this one copied from, for "copied from the note of
 * …"; NULL if it copied nothing or that note is gone or out of reach. Not a reading of that
 * note's text, so not audited as one. */
char *
alcove_note_store_dup_copied_from_date (AlcoveNoteStore *self,
                                        AlcoveNote      *note)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) store_ids = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (self), NULL);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), NULL);

  if (*alcove_note_get_copied_from (note) == '\0')
    return NULL;
  store_ids = alcove_note_store_readable_store_ids (self, FALSE);
  for (guint i = 0; i < store_ids->len && found->len == 0; i++)
    {
      g_autofree char *schema = alcove_vault_schema_for (g_ptr_array_index (store_ids, i));

      if (!alcove_note_store_collect_in (self, schema, g_ptr_array_index (store_ids, i),
                                         "id = ?1", alcove_note_get_copied_from (note), found,
                                         NULL))
        return NULL;
    }
  return found->len > 0
    ? g_strdup (alcove_note_get_session_date (g_ptr_array_index (found, 0)))
    : NULL;
}
