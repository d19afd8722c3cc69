/* alcove-format-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-format-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-format-store.h"
#include "alcove-note-format-private.h"
#include "alcove-audit-actions.h"
#include "alcove-policy.h"
#include "alcove-practice-settings.h"
#include "alcove-vault-private.h"

/* The practice's own note formats, in practice.db (v13). A row is one version of one
 * format: the JSON a data/formats file holds, who made it, when, and whether it retires the
 * format. Every account holds that file's key, so each row carries its maker's Ed25519
 * signature over the vault, the id, the version, the flag, the maker, the time and the JSON;
 * a row is used only if that signature holds and its maker may make formats (an owner).
 * Any other row is ignored, reported (alcove_format_store_dup_rejected) and audited once.
 * Formats are not PHI: the audit details name the format's id and version. */

#define FORMAT_CONTEXT "io.github.alcove_notes.Alcove.note-format-1"

/* The bounds a person meets only by pasting a book into a field */
#define MAX_NAME        80
#define MAX_DESCRIPTION 200
#define MAX_TITLE       80
#define MAX_PROMPT      500
#define MAX_SECTIONS    40
#define MAX_KEY         40

struct _AlcoveFormatStore
{
  GObject      parent_instance;

  AlcoveVault *vault;
  GListStore  *formats;   /* the newest version of each, by name */
  GPtrArray   *rejected;  /* "id@version" */
  GHashTable  *audited;   /* rows already audited as rejected */
};

G_DEFINE_FINAL_TYPE (AlcoveFormatStore, alcove_format_store, G_TYPE_OBJECT)

enum
{
  FORMATS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
alcove_format_store_dispose (GObject *object)
{
  AlcoveFormatStore *self = ALCOVE_FORMAT_STORE (object);

  alcove_note_format_unpublish (self);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (alcove_format_store_parent_class)->dispose (object);
}

static void
alcove_format_store_finalize (GObject *object)
{
  AlcoveFormatStore *self = ALCOVE_FORMAT_STORE (object);

  g_clear_object (&self->formats);
  g_clear_pointer (&self->rejected, g_ptr_array_unref);
  g_clear_pointer (&self->audited, g_hash_table_unref);

  G_OBJECT_CLASS (alcove_format_store_parent_class)->finalize (object);
}

static void
alcove_format_store_class_init (AlcoveFormatStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = alcove_format_store_dispose;
  G_OBJECT_CLASS (klass)->finalize = alcove_format_store_finalize;

  /**
   * AlcoveFormatStore::formats-changed:
   *
   * The practice's formats were read again: one was saved, retired or imported.
   */
  signals[FORMATS_CHANGED] = g_signal_new ("formats-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
alcove_format_store_init (AlcoveFormatStore *self)
{
  self->formats = g_list_store_new (ALCOVE_TYPE_NOTE_FORMAT);
  self->rejected = g_ptr_array_new_with_free_func (g_free);
  self->audited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ---- signatures ---- */

static char *
dup_message (AlcoveVault *vault,
             const char  *format_id,
             guint        version,
             gboolean     retired,
             const char  *made_by,
             gint64       made_ms,
             const char  *definition)
{
  return g_strdup_printf ("%s\n%s\n%u\n%d\n%s\n%" G_GINT64_FORMAT "\n%s",
                          alcove_vault_get_uuid (vault), format_id, version, retired ? 1 : 0,
                          made_by, made_ms, definition);
}

/* A version from a practice archive, signed now by the signed-in owner as its maker; when
 * it was made is kept. Returns the signature (base64). */
char *
alcove_format_store_sign_imported (AlcoveVault  *vault,
                                   const char   *format_id,
                                   guint         version,
                                   gboolean      retired,
                                   gint64        made_ms,
                                   const char   *definition,
                                   GError      **error)
{
  AlcoveUser *me = alcove_vault_get_current_user (vault);
  g_autofree char *message = NULL;

  if (me == NULL || !alcove_policy_allows (vault, ALCOVE_CAPABILITY_EDIT_FORMATS))
    {
      g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                           _("Only an owner of the practice can bring in its note formats"));
      return NULL;
    }
  message = dup_message (vault, format_id, version, retired, alcove_user_get_uuid (me), made_ms,
                         definition);
  return alcove_practice_sign (vault, FORMAT_CONTEXT, message, error);
}

static gboolean
row_is_signed (AlcoveFormatStore *self,
               const char        *format_id,
               guint              version,
               gboolean           retired,
               const char        *made_by,
               gint64             made_ms,
               const char        *definition,
               const char        *signature_b64)
{
  g_autofree char *message = dup_message (self->vault, format_id, version, retired, made_by,
                                          made_ms, definition);
  AlcoveRole role;

  return alcove_practice_signed_by (self->vault, made_by, FORMAT_CONTEXT, message, signature_b64,
                                    &role) &&
         alcove_policy_role_allows (role, ALCOVE_CAPABILITY_EDIT_FORMATS);
}

/* ---- reading ---- */

static void
reject_row (AlcoveFormatStore *self,
            const char        *format_id,
            guint              version,
            const char        *why)
{
  g_autofree char *id = g_strdup_printf ("%s@%u", format_id, version);

  g_ptr_array_add (self->rejected, g_strdup (id));
  if (g_hash_table_contains (self->audited, id))
    return;
  g_warning ("The note format %s in practice.db is ignored: %s", id, why);
  alcove_vault_audit (self->vault, ALCOVE_AUDIT_FORMAT_REJECTED, id, NULL);
  g_hash_table_add (self->audited, g_steal_pointer (&id));
}

static AlcoveNoteFormat *
read_row (AlcoveFormatStore *self,
          sqlite3_stmt      *stmt)
{
  const char *format_id = alcove_database_column_text (stmt, 0);
  gint64 version = sqlite3_column_int64 (stmt, 1);
  const char *definition = alcove_database_column_text (stmt, 2);
  gboolean retired = sqlite3_column_int (stmt, 3) != 0;
  const char *made_by = alcove_database_column_text (stmt, 4);
  gint64 made_ms = sqlite3_column_int64 (stmt, 5);
  const char *signature = alcove_database_column_text (stmt, 6);
  g_autoptr(GBytes) json = NULL;
  g_autoptr(AlcoveNoteFormat) format = NULL;
  g_autoptr(GError) error = NULL;

  if (version < 1 || version > G_MAXINT)
    {
      reject_row (self, format_id, 0, "its version is out of range");
      return NULL;
    }
  if (!row_is_signed (self, format_id, (guint) version, retired, made_by, made_ms, definition,
                      signature))
    {
      reject_row (self, format_id, (guint) version,
                  "it is not signed by an owner as it stands");
      return NULL;
    }
  json = g_bytes_new (definition, strlen (definition));
  format = alcove_note_format_new_version (json, (guint) version, retired, &error);
  if (format == NULL || !g_str_equal (alcove_note_format_get_base_id (format), format_id))
    {
      reject_row (self, format_id, (guint) version,
                  error != NULL ? error->message : "its JSON names another id");
      return NULL;
    }
  return g_steal_pointer (&format);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_utf8_collate (alcove_note_format_get_name ((AlcoveNoteFormat *) a),
                         alcove_note_format_get_name ((AlcoveNoteFormat *) b));
}

static void
reload (AlcoveFormatStore *self)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) newest = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer value;

  g_ptr_array_set_size (self->rejected, 0);
  g_list_store_remove_all (self->formats);
  if (alcove_vault_get_locked (self->vault))
    {
      alcove_note_format_unpublish (self);
      g_signal_emit (self, signals[FORMATS_CHANGED], 0);
      return;
    }
  stmt = alcove_database_prepare (alcove_vault_get_database (self->vault),
                                  "SELECT format_id, version, definition, retired, made_by,"
                                  " made_ms, signature FROM main.note_formats"
                                  " ORDER BY format_id, version", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      AlcoveNoteFormat *format = read_row (self, stmt);
      AlcoveNoteFormat *known;

      if (format == NULL)
        continue;
      g_ptr_array_add (versions, format);
      known = g_hash_table_lookup (newest, alcove_note_format_get_base_id (format));
      if (known == NULL ||
          alcove_note_format_get_version (known) < alcove_note_format_get_version (format))
        g_hash_table_insert (newest, (gpointer) alcove_note_format_get_base_id (format), format);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  g_hash_table_iter_init (&iter, newest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_list_store_insert_sorted (self->formats, value, compare_names, NULL);
  alcove_note_format_publish (self, versions);
  g_signal_emit (self, signals[FORMATS_CHANGED], 0);
}

static void
vault_locked_changed_cb (AlcoveFormatStore *self)
{
  reload (self);
}

AlcoveFormatStore *
alcove_format_store_new (AlcoveVault *vault)
{
  AlcoveFormatStore *self;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  self = g_object_new (ALCOVE_TYPE_FORMAT_STORE, NULL);
  self->vault = g_object_ref (vault);
  g_signal_connect_object (vault, "notify::locked", G_CALLBACK (vault_locked_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (vault, "changed::formats", G_CALLBACK (vault_locked_changed_cb),
                           self, G_CONNECT_SWAPPED);
  reload (self);
  return self;
}

AlcoveVault *
alcove_format_store_get_vault (AlcoveFormatStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_FORMAT_STORE (self), NULL);
  return self->vault;
}

gboolean
alcove_format_store_can_edit (AlcoveFormatStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_FORMAT_STORE (self), FALSE);

  return alcove_policy_allows (self->vault, ALCOVE_CAPABILITY_EDIT_FORMATS) &&
         alcove_vault_get_current_user (self->vault) != NULL;
}

GListModel *
alcove_format_store_get_formats (AlcoveFormatStore *self)
{
  g_return_val_if_fail (ALCOVE_IS_FORMAT_STORE (self), NULL);
  return G_LIST_MODEL (self->formats);
}

GStrv
alcove_format_store_dup_rejected (AlcoveFormatStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ALCOVE_IS_FORMAT_STORE (self), NULL);

  if (self->rejected->len == 0)
    return NULL;
  for (guint i = 0; i < self->rejected->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->rejected, i));
  return g_strv_builder_end (builder);
}

/* ---- rules ---- */

/* Lower-case ASCII words joined by `separator`: "Évaluation du risque" gives
 * "evaluation_du_risque"; at most `max` bytes, never ending in the separator */
static char *
slug (const char *text,
      char        separator,
      gsize       max)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *c = ascii; *c != '\0' && out->len < max; c++)
    {
      if (g_ascii_isalnum (*c))
        {
          if (gap && out->len > 0)
            g_string_append_c (out, separator);
          g_string_append_c (out, g_ascii_tolower (*c));
          gap = FALSE;
        }
      else
        gap = TRUE;
    }
  while (out->len > 0 && out->str[out->len - 1] == separator)
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

char *
alcove_format_key_from_title (const char *title)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (title != NULL, NULL);

  key = slug (title, '_', MAX_KEY);
  /* a title in a script with no ASCII letters still needs a key */
  if (*key == '\0')
    {
      g_free (key);
      key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, title, -1);
      key[12] = '\0';
      return g_strconcat ("section_", key, NULL);
    }
  return g_steal_pointer (&key);
}

static gboolean
is_blank (const char *text)
{
  for (const char *c = text ? text : ""; *c != '\0'; c++)
    if (!g_ascii_isspace (*c))
      return FALSE;
  return TRUE;
}

static gboolean
fail_problem (AlcoveFormatProblem *problem,
              AlcoveFormatProblem  which,
              guint               *section,
              guint                index,
              GError             **error,
              const char          *message)
{
  if (problem != NULL)
    *problem = which;
  if (section != NULL)
    *section = index;
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_INVALID, message);
  return FALSE;
}

/* Another format, shipped or the practice's and not retired, with this name */
static AlcoveNoteFormat *
find_name (const char *name,
           const char *except_base_id)
{
  GListModel *all = alcove_note_format_list_all ();
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AlcoveNoteFormat) format = g_list_model_get_item (all, i);
      g_autofree char *other = g_utf8_casefold (alcove_note_format_get_name (format), -1);

      if (g_strcmp0 (alcove_note_format_get_base_id (format), except_base_id) != 0 &&
          g_utf8_collate (wanted, other) == 0)
        return format;
    }
  return NULL;
}

gboolean
alcove_format_store_check (AlcoveFormatStore         *self,
                           const char                *base_id,
                           const char                *name,
                           const AlcoveFormatSection *sections,
                           guint                      n_sections,
                           AlcoveFormatProblem       *problem,
                           guint                     *section,
                           GError                   **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  g_return_val_if_fail (ALCOVE_IS_FORMAT_STORE (self), FALSE);

  if (problem != NULL)
    *problem = ALCOVE_FORMAT_PROBLEM_NONE;
  if (*trimmed == '\0')
    return fail_problem (problem, ALCOVE_FORMAT_PROBLEM_NAME, section, 0, error,
                         _("Give the format a name, such as “Couples Session”"));
  if (g_utf8_strlen (trimmed, -1) > MAX_NAME)
    return fail_problem (problem, ALCOVE_FORMAT_PROBLEM_NAME, section, 0, error,
                         _("Shorten the name to 80 characters or fewer"));
  if (find_name (trimmed, base_id) != NULL)
    return fail_problem (problem, ALCOVE_FORMAT_PROBLEM_NAME_TAKEN, section, 0, error,
                         _("Another format has this name; choose a different one"));
  if (n_sections == 0)
    return fail_problem (problem, ALCOVE_FORMAT_PROBLEM_NO_SECTIONS, section, 0, error,
                         _("Add one section at least"));
  if (n_sections > MAX_SECTIONS)
    return fail_problem (problem, ALCOVE_FORMAT_PROBLEM_NO_SECTIONS, section, 0, error,
                         _("A format has at most 40 sections"));
  for (guint i = 0; i < n_sections; i++)
    {
      g_autofree char *key = NULL;

      if (is_blank (sections[i].title))
        return fail_problem (problem, ALCOVE_FORMAT_PROBLEM_SECTION, section, i, error,
                             _("Give every section a title"));
      if (g_utf8_strlen (sections[i].title, -1) > MAX_TITLE)
        return fail_problem (problem, ALCOVE_FORMAT_PROBLEM_SECTION, section, i, error,
                             _("Shorten the section’s title to 80 characters or fewer"));
      if (sections[i].prompt != NULL && g_utf8_strlen (sections[i].prompt, -1) > MAX_PROMPT)
        return fail_problem (problem, ALCOVE_FORMAT_PROBLEM_SECTION, section, i, error,
                             _("Shorten the section’s prompt to 500 characters or fewer"));
      key = alcove_format_key_from_title (sections[i].title);
      if (g_hash_table_contains (keys, key))
        return fail_problem (problem, ALCOVE_FORMAT_PROBLEM_DUPLICATE_TITLE, section, i, error,
                             _("Two sections have the same title; give each its own"));
      g_hash_table_add (keys, g_steal_pointer (&key));
    }
  return TRUE;
}

/* ---- writing ---- */

static gboolean
require_editor (AlcoveFormatStore  *self,
                GError            **error)
{
  if (!alcove_vault_require_unlocked (self->vault, error))
    return FALSE;
  if (!alcove_format_store_can_edit (self))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Only a practice owner makes and changes note formats; ask "
                                "your practice’s owner"));
  return TRUE;
}

static guint
newest_version (AlcoveFormatStore *self,
                const char        *format_id)
{
  sqlite3_stmt *stmt = alcove_database_prepare (alcove_vault_get_database (self->vault),
                                                "SELECT max (version) FROM main.note_formats"
                                                " WHERE format_id = ?", NULL);
  guint version = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, format_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

/* A new format's id from its name, taken by no format shipped or in the file */
static char *
new_format_id (AlcoveFormatStore *self,
               const char        *name)
{
  g_autofree char *base = slug (name, '-', 40);
  char *id;

  if (*base == '\0')
    {
      g_free (base);
      base = g_strdup ("format");
    }
  id = g_strconcat (ALCOVE_FORMAT_PRACTICE_PREFIX, base, NULL);
  for (guint n = 2; newest_version (self, id) > 0 || alcove_note_format_lookup (id) != NULL; n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s%s-%u", ALCOVE_FORMAT_PRACTICE_PREFIX, base, n);
    }
  return id;
}

static gboolean
write_row (AlcoveFormatStore  *self,
           const char         *format_id,
           guint               version,
           gboolean            retired,
           const char         *definition,
           GError            **error)
{
  AlcoveDatabase *database = alcove_vault_get_database (self->vault);
  const char *made_by = alcove_user_get_uuid (alcove_vault_get_current_user (self->vault));
  gint64 made_ms = g_get_real_time () / 1000;
  g_autofree char *message = dup_message (self->vault, format_id, version, retired, made_by,
                                          made_ms, definition);
  g_autofree char *encoded = alcove_practice_sign (self->vault, FORMAT_CONTEXT, message, error);
  g_autofree char *object = g_strdup_printf ("%s@%u", format_id, version);
  sqlite3_stmt *stmt;

  if (encoded == NULL || !alcove_database_begin (database, error))
    return FALSE;
  stmt = alcove_database_prepare (database,
                                  "INSERT INTO main.note_formats (format_id, version, definition,"
                                  " retired, made_by, made_ms, signature)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, format_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, version);
  sqlite3_bind_text (stmt, 3, definition, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, retired ? 1 : 0);
  sqlite3_bind_text (stmt, 5, made_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, made_ms);
  sqlite3_bind_text (stmt, 7, encoded, -1, SQLITE_TRANSIENT);
  if (!alcove_database_step_done (database, stmt, error) ||
      !alcove_audit_append (alcove_vault_get_audit (self->vault),
                            retired ? ALCOVE_AUDIT_FORMAT_RETIRE : ALCOVE_AUDIT_FORMAT_SAVE,
                            object, NULL, NULL, error) ||
      !alcove_database_commit (database, error))
    {
      alcove_database_rollback (database);
      return FALSE;
    }
  alcove_vault_emit_changed (self->vault, "formats");
  return TRUE;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static char *
build_definition (const char                *format_id,
                  const char                *name,
                  const char                *description,
                  const AlcoveFormatSection *sections,
                  guint                      n_sections)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *trimmed_name = g_strstrip (g_strdup (name));
  g_autofree char *trimmed_description = g_strstrip (g_strdup (description ? description : ""));

  json_builder_begin_object (builder);
  add_string (builder, "id", format_id);
  add_string (builder, "name", trimmed_name);
  if (*trimmed_description != '\0')
    add_string (builder, "description", trimmed_description);
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_sections; i++)
    {
      /* an imported file keeps its keys; the editor's sections take theirs from the title */
      g_autofree char *key = sections[i].key != NULL ? g_strdup (sections[i].key)
                                                     : alcove_format_key_from_title (sections[i].title);
      g_autofree char *title = g_strstrip (g_strdup (sections[i].title));
      g_autofree char *prompt = g_strstrip (g_strdup (sections[i].prompt ? sections[i].prompt
                                                                          : ""));

      json_builder_begin_object (builder);
      add_string (builder, "key", key);
      add_string (builder, "title", title);
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, sections[i].required);
      if (sections[i].carry_forward)
        {
          json_builder_set_member_name (builder, "carry_forward");
          json_builder_add_boolean_value (builder, TRUE);
        }
      if (*prompt != '\0')
        add_string (builder, "prompt", prompt);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

AlcoveNoteFormat *
alcove_format_store_save (AlcoveFormatStore         *self,
                          const char                *base_id,
                          const char                *name,
                          const char                *description,
                          const AlcoveFormatSection *sections,
                          guint                      n_sections,
                          GError                   **error)
{
  g_autofree char *format_id = NULL;
  g_autofree char *definition = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(AlcoveNoteFormat) checked = NULL;
  guint version;

  g_return_val_if_fail (ALCOVE_IS_FORMAT_STORE (self), NULL);

  if (!require_editor (self, error) ||
      !alcove_format_store_check (self, base_id, name, sections, n_sections, NULL, NULL, error))
    return NULL;
  if (description != NULL && g_utf8_strlen (description, -1) > MAX_DESCRIPTION)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                         _("Shorten the description to 200 characters or fewer"));
      return NULL;
    }
  if (base_id != NULL)
    {
      version = newest_version (self, base_id);
      if (version == 0 || !g_str_has_prefix (base_id, ALCOVE_FORMAT_PRACTICE_PREFIX))
        {
          alcove_error_failf (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                              _("“%s” is not one of the practice’s formats; formats Alcove "
                                "ships are changed by duplicating them"), base_id);
          return NULL;
        }
      format_id = g_strdup (base_id);
    }
  else
    {
      format_id = new_format_id (self, name);
      version = 0;
    }
  definition = build_definition (format_id, name, description, sections, n_sections);
  /* the same rules as the files Alcove ships */
  json = g_bytes_new (definition, strlen (definition));
  checked = alcove_note_format_new_version (json, version + 1, FALSE, error);
  if (checked == NULL ||
      !write_row (self, format_id, version + 1, FALSE, definition, error))
    return NULL;
  id = g_strdup_printf ("%s@%u", format_id, version + 1);
  return alcove_note_format_lookup (id);
}

gboolean
alcove_format_store_set_retired (AlcoveFormatStore  *self,
                                 const char         *base_id,
                                 gboolean            retired,
                                 GError            **error)
{
  AlcoveNoteFormat *format;
  g_autofree char *definition = NULL;

  g_return_val_if_fail (ALCOVE_IS_FORMAT_STORE (self), FALSE);
  g_return_val_if_fail (base_id != NULL, FALSE);

  if (!require_editor (self, error))
    return FALSE;
  format = g_str_has_prefix (base_id, ALCOVE_FORMAT_PRACTICE_PREFIX)
           ? alcove_note_format_lookup (base_id) : NULL;
  if (format == NULL)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_NOT_FOUND,
                               _("“%s” is not one of the practice’s formats"), base_id);
  if (alcove_note_format_get_retired (format) == retired)
    return TRUE;
  if (!retired && find_name (alcove_note_format_get_name (format), base_id) != NULL)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                              _("Another format has this name now; rename that one first"));
  definition = alcove_note_format_to_json (format);
  return write_row (self, base_id, newest_version (self, base_id) + 1, retired, definition,
                    error);
}

AlcoveNoteFormat *
alcove_format_store_import (AlcoveFormatStore  *self,
                            GBytes             *json,
                            GError            **error)
{
  g_autoptr(AlcoveNoteFormat) parsed = NULL;
  g_autoptr(GArray) sections = NULL;
  g_autofree char *base_id = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *file_id;
  AlcoveNoteFormat *same;

  g_return_val_if_fail (ALCOVE_IS_FORMAT_STORE (self), NULL);
  g_return_val_if_fail (json != NULL, NULL);

  if (!require_editor (self, error))
    return NULL;
  parsed = alcove_note_format_new_from_data (json, &parse_error);
  if (parsed == NULL)
    {
      /* json-glib says where the file broke; say what it should have been */
      if (parse_error->domain != ALCOVE_VAULT_ERROR)
        alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                            _("This file is not a note format as Alcove exports them (JSON): %s"),
                            parse_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&parse_error));
      return NULL;
    }
  if (alcove_note_format_get_private (parsed))
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                         _("This file describes a private (psychotherapy) note format; a "
                           "practice’s formats are part of the record"));
      return NULL;
    }
  /* a file from another practice keeps its id; any other id gets the practice's prefix, so
   * it never names a format Alcove ships */
  file_id = alcove_note_format_get_base_id (parsed);
  base_id = g_str_has_prefix (file_id, ALCOVE_FORMAT_PRACTICE_PREFIX)
            ? g_strdup (file_id) : g_strconcat (ALCOVE_FORMAT_PRACTICE_PREFIX, file_id, NULL);
  if (newest_version (self, base_id) > 0)
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_EXISTS,
                          _("The practice already has the format “%s”; to change it, edit it"),
                          alcove_note_format_get_name (parsed));
      return NULL;
    }
  /* an id the co-signing policy could not name is made again from the name */
  if (!alcove_header_format_id_is_valid (base_id))
    {
      g_free (base_id);
      base_id = new_format_id (self, alcove_note_format_get_name (parsed));
    }
  same = find_name (alcove_note_format_get_name (parsed), NULL);
  if (same != NULL)
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_EXISTS,
                          _("A format named “%s” exists already; rename the one in the file "
                            "(its “name”) and import it again"),
                          alcove_note_format_get_name (same));
      return NULL;
    }
  sections = g_array_new (FALSE, TRUE, sizeof (AlcoveFormatSection));
  for (guint i = 0; i < alcove_note_format_get_n_sections (parsed); i++)
    g_array_append_vals (sections, alcove_note_format_get_section (parsed, i), 1);
  {
    g_autofree char *definition = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(AlcoveNoteFormat) checked = NULL;
    g_autofree char *id = g_strdup_printf ("%s@1", base_id);

    if (!alcove_format_store_check (self, NULL, alcove_note_format_get_name (parsed),
                                    (AlcoveFormatSection *) sections->data, sections->len, NULL,
                                    NULL, error))
      return NULL;
    definition = build_definition (base_id, alcove_note_format_get_name (parsed),
                                   alcove_note_format_get_description (parsed),
                                   (AlcoveFormatSection *) sections->data, sections->len);
    bytes = g_bytes_new (definition, strlen (definition));
    checked = alcove_note_format_new_version (bytes, 1, FALSE, error);
    if (checked == NULL || !write_row (self, base_id, 1, FALSE, definition, error))
      return NULL;
    return alcove_note_format_lookup (id);
  }
}
