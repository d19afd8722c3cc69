/* alcove-note.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note"

#include "config.h"

#include <string.h>

#include <gnutls/crypto.h>
#include <json-glib/json-glib.h>

#include "alcove-note.h"

/* A progress note (or a private psychotherapy note) and its addenda. The canonical form
 * is what signing hashes: JSON with keys in sorted order, so the same note always gives
 * the same bytes, whatever order the sections were typed in. */
struct _AlcoveNote
{
  GObject              parent_instance;

  char                *id;
  char                *store_id;     /* "notes:<uuid>" or "private:<uuid>" */
  char                *client_id;    /* the record: an individual, couple, family or group */
  char                *session_id;
  char                *author;
  char                *format_id;
  char                *session_date;
  GHashTable          *sections;     /* key → text */
  GHashTable          *parts;        /* attendee client id → text */
  GPtrArray           *addenda;      /* AlcoveAddendum, oldest first */
  GPtrArray           *objectives;   /* ids of treatment plan objectives it addresses, sorted */
  gint64               created_ms;
  gint64               updated_ms;
  gint64               signed_ms;
  char                *signed_by;
  char                *hash;
  gboolean             cosign_required; /* set at signing; part of what is hashed */
  GPtrArray           *cosignatures;    /* AlcoveCosignature, oldest first */
  GPtrArray           *returns;         /* AlcoveNoteReturn, oldest first */
  AlcoveNoteIntegrity  integrity;
  gboolean             dirty;
  guint64              revision;     /* counts changes to the text: a save that finishes
                                      * knows whether it wrote the latest */
  gint64               written_ms;   /* when first written, hashed; 0 for older notes */
  char                *copied_from;  /* the earlier note sections were copied from, or "" */
  GHashTable          *copied;       /* section key → SHA-256 of its text as copied */
  gint64               copy_confirmed_ms; /* its author kept the copied text as it was */
};

G_DEFINE_FINAL_TYPE (AlcoveNote, alcove_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
addendum_free (gpointer data)
{
  AlcoveAddendum *addendum = data;

  g_free (addendum->id);
  g_free (addendum->author);
  g_free (addendum->text);
  g_free (addendum->hash);
  g_free (addendum);
}

static void
alcove_note_finalize (GObject *object)
{
  AlcoveNote *self = ALCOVE_NOTE (object);

  g_free (self->id);
  g_free (self->store_id);
  g_free (self->client_id);
  g_free (self->session_id);
  g_free (self->author);
  g_free (self->format_id);
  g_free (self->session_date);
  g_hash_table_unref (self->sections);
  g_hash_table_unref (self->parts);
  g_ptr_array_unref (self->addenda);
  g_ptr_array_unref (self->objectives);
  g_ptr_array_unref (self->cosignatures);
  g_ptr_array_unref (self->returns);
  g_free (self->signed_by);
  g_free (self->hash);
  g_free (self->copied_from);
  g_hash_table_unref (self->copied);

  G_OBJECT_CLASS (alcove_note_parent_class)->finalize (object);
}

static void
alcove_note_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AlcoveNote *self = ALCOVE_NOTE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, alcove_note_get_status (self));
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_note_class_init (AlcoveNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alcove_note_finalize;
  object_class->get_property = alcove_note_get_property;

  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, ALCOVE_NOTE_DRAFT, ALCOVE_NOTE_SIGNED,
                      ALCOVE_NOTE_DRAFT, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alcove_note_init (AlcoveNote *self)
{
  self->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->addenda = g_ptr_array_new_with_free_func (addendum_free);
  self->objectives = g_ptr_array_new_with_free_func (g_free);
  self->cosignatures = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_cosignature_free);
  self->returns = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_note_return_free);
  self->signed_by = g_strdup ("");
  self->hash = g_strdup ("");
  self->copied_from = g_strdup ("");
  self->copied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

AlcoveNote *
alcove_note_new (const char *id,
                 const char *store_id,
                 const char *client_id,
                 const char *session_id,
                 const char *author,
                 const char *format_id,
                 const char *session_date)
{
  AlcoveNote *self = g_object_new (ALCOVE_TYPE_NOTE, NULL);

  self->id = g_strdup (id);
  self->store_id = g_strdup (store_id);
  self->client_id = g_strdup (client_id);
  self->session_id = g_strdup (session_id ? session_id : "");
  self->author = g_strdup (author);
  self->format_id = g_strdup (format_id);
  self->session_date = g_strdup (session_date);
  return self;
}

const char *
alcove_note_get_id (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->id;
}

const char *
alcove_note_get_store_id (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->store_id;
}

gboolean
alcove_note_is_private (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), FALSE);
  return g_str_has_prefix (self->store_id, "private:");
}

const char *
alcove_note_get_client_id (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->client_id;
}

const char *
alcove_note_get_session_id (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->session_id;
}

const char *
alcove_note_get_author (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->author;
}

const char *
alcove_note_get_format_id (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->format_id;
}

const char *
alcove_note_get_session_date (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->session_date;
}

AlcoveNoteStatus
alcove_note_get_status (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), ALCOVE_NOTE_DRAFT);
  return self->signed_ms > 0 ? ALCOVE_NOTE_SIGNED : ALCOVE_NOTE_DRAFT;
}

/* "" for a section never written */
const char *
alcove_note_get_section (AlcoveNote *self,
                         const char *key)
{
  const char *text;

  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  text = g_hash_table_lookup (self->sections, key);
  return text ? text : "";
}

static void
set_text (AlcoveNote *self,
          GHashTable *table,
          const char *key,
          const char *text)
{
  g_return_if_fail (alcove_note_get_status (self) == ALCOVE_NOTE_DRAFT);

  if (g_strcmp0 (g_hash_table_lookup (table, key), text) == 0)
    return;
  g_hash_table_replace (table, g_strdup (key), g_strdup (text ? text : ""));
  self->revision++;
  alcove_note_set_dirty (self, TRUE);
}

void
alcove_note_set_section (AlcoveNote *self,
                         const char *key,
                         const char *text)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));
  set_text (self, self->sections, key, text);
}

GHashTable *
alcove_note_get_sections (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->sections;
}

const char *
alcove_note_get_part (AlcoveNote *self,
                      const char *client_id)
{
  const char *text;

  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  text = g_hash_table_lookup (self->parts, client_id);
  return text ? text : "";
}

void
alcove_note_set_part (AlcoveNote *self,
                      const char *client_id,
                      const char *text)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));
  set_text (self, self->parts, client_id, text);
}

GHashTable *
alcove_note_get_parts (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->parts;
}

/* The treatment plan objectives the note addresses, as sorted ids */
GPtrArray *
alcove_note_get_objectives (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->objectives;
}

gboolean
alcove_note_has_objective (AlcoveNote *self,
                           const char *objective_id)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), FALSE);
  return g_ptr_array_find_with_equal_func (self->objectives, objective_id, g_str_equal, NULL);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Whether the note addresses the objective; a draft's only. The store loads a signed note's
 * with alcove_note_load_objective(). */
void
alcove_note_set_objective (AlcoveNote *self,
                           const char *objective_id,
                           gboolean    addressed)
{
  guint index;

  g_return_if_fail (ALCOVE_IS_NOTE (self));
  g_return_if_fail (objective_id != NULL);
  g_return_if_fail (alcove_note_get_status (self) == ALCOVE_NOTE_DRAFT);

  if (g_ptr_array_find_with_equal_func (self->objectives, objective_id, g_str_equal, &index) ==
      addressed)
    return;
  if (addressed)
    {
      g_ptr_array_add (self->objectives, g_strdup (objective_id));
      g_ptr_array_sort (self->objectives, compare_strings);
    }
  else
    g_ptr_array_remove_index (self->objectives, index);
  self->revision++;
  alcove_note_set_dirty (self, TRUE);
}

void
alcove_note_load_objective (AlcoveNote *self,
                            const char *objective_id)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));

  if (g_ptr_array_find_with_equal_func (self->objectives, objective_id, g_str_equal, NULL))
    return;
  g_ptr_array_add (self->objectives, g_strdup (objective_id));
  g_ptr_array_sort (self->objectives, compare_strings);
}

GPtrArray *
alcove_note_get_addenda (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->addenda;
}

gint64
alcove_note_get_created_ms (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), 0);
  return self->created_ms;
}

gint64
alcove_note_get_updated_ms (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), 0);
  return self->updated_ms;
}

gint64
alcove_note_get_signed_ms (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), 0);
  return self->signed_ms;
}

const char *
alcove_note_get_signed_by (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->signed_by;
}

const char *
alcove_note_get_hash (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->hash;
}

/* What a person compares by eye: the first 16 hex digits of a hash, in fours; "" for none */
char *
alcove_hash_dup_fingerprint (const char *hash)
{
  if (hash == NULL || strlen (hash) < 16)
    return g_strdup ("");
  return g_strdup_printf ("%.4s %.4s %.4s %.4s", hash, hash + 4, hash + 8, hash + 12);
}

char *
alcove_note_dup_fingerprint (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return alcove_hash_dup_fingerprint (self->hash);
}

AlcoveNoteIntegrity
alcove_note_get_integrity (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), ALCOVE_NOTE_INTEGRITY_UNCHECKED);
  return self->integrity;
}

gboolean
alcove_note_get_dirty (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), FALSE);
  return self->dirty;
}

guint64
alcove_note_get_revision (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), 0);
  return self->revision;
}

/* g_qsort_with_data hands the comparison pointers to the array's elements */
static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_sorted_object (JsonBuilder *builder,
                   const char  *member,
                   GHashTable  *table)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (table, NULL);

  g_qsort_with_data (keys, g_hash_table_size (table), sizeof (gpointer),
                     compare_keys, NULL);
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; i < g_hash_table_size (table); i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (table, keys[i]));
    }
  json_builder_end_object (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Keys in byte order; empty sections are dropped so an untouched section and an empty one
 * sign the same. Signature fields are part of it: the signer signs who and when too, and
 * whether the note waits for a supervisor's co-signature ("cosign", only when it does, so
 * every note signed before co-signing existed hashes as it did). So are, only when the note
 * has them, when it was written, what it copied from an earlier note, and the treatment
 * plan objectives it addresses ("objectives", sorted ids). */
char *
alcove_note_dup_canonical (AlcoveNote *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) sections = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);

  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(const char *) value != '\0')
      g_hash_table_insert (sections, key, value);

  json_builder_begin_object (builder);
  add_string (builder, "author", self->author);
  add_string (builder, "client_id", self->client_id);
  if (*self->copied_from != '\0')
    {
      add_string (builder, "copied_from", self->copied_from);
      add_sorted_object (builder, "copied_sections", self->copied);
      if (self->copy_confirmed_ms != 0)
        add_int (builder, "copy_confirmed_ms", self->copy_confirmed_ms);
    }
  if (self->cosign_required)
    add_string (builder, "cosign", "required");
  add_string (builder, "format", self->format_id);
  add_string (builder, "id", self->id);
  if (self->objectives->len > 0)
    {
      json_builder_set_member_name (builder, "objectives");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->objectives->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (self->objectives, i));
      json_builder_end_array (builder);
    }
  add_sorted_object (builder, "parts", self->parts);
  add_sorted_object (builder, "sections", sections);
  add_string (builder, "session_date", self->session_date);
  add_string (builder, "session_id", self->session_id);
  add_string (builder, "signed_by", self->signed_by);
  add_int (builder, "signed_ms", self->signed_ms);
  add_string (builder, "version", "alcove-note-1");
  if (self->written_ms != 0)
    add_int (builder, "written_ms", self->written_ms);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

/* For the other canonical forms of the record (treatment plans): the same JSON */
void
alcove_canonical_add_string (JsonBuilder *builder,
                             const char  *member,
                             const char  *value)
{
  add_string (builder, member, value ? value : "");
}

void
alcove_canonical_add_int (JsonBuilder *builder,
                          const char  *member,
                          gint64       value)
{
  add_int (builder, member, value);
}

char *
alcove_canonical_to_string (JsonBuilder *builder)
{
  return builder_to_string (builder);
}

/* SHA-256 of a canonical form, in hex: what a signature stores as the note's hash */
char *
alcove_note_hash_canonical (const char *text)
{
  guint8 digest[32];
  GString *hex;

  g_return_val_if_fail (text != NULL, NULL);

  hex = g_string_sized_new (64);
  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, text, strlen (text), digest) < 0)
    g_error ("SHA-256 is unavailable");
  for (guint i = 0; i < sizeof digest; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

char *
alcove_note_compute_hash (AlcoveNote *self)
{
  g_autofree char *canonical = alcove_note_dup_canonical (self);

  return alcove_note_hash_canonical (canonical);
}

/* Chained to the note's hash, so an addendum cannot be moved to another note */
char *
alcove_addendum_compute_hash (const AlcoveAddendum *addendum,
                              const char           *note_id,
                              const char           *note_hash)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *canonical = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "author", addendum->author);
  add_int (builder, "created_ms", addendum->created_ms);
  add_string (builder, "id", addendum->id);
  add_string (builder, "note_hash", note_hash);
  add_string (builder, "note_id", note_id);
  add_string (builder, "text", addendum->text);
  add_string (builder, "version", "alcove-addendum-1");
  json_builder_end_object (builder);
  canonical = builder_to_string (builder);
  return alcove_note_hash_canonical (canonical);
}

/* ---- the rows a supervisor signs: a co-signature, a return ---- */

void
alcove_cosignature_free (AlcoveCosignature *cosignature)
{
  if (cosignature == NULL)
    return;
  g_free (cosignature->id);
  g_free (cosignature->hash);
  g_free (cosignature->cosigner);
  g_free (cosignature->signature);
  g_free (cosignature);
}

void
alcove_note_return_free (AlcoveNoteReturn *note_return)
{
  if (note_return == NULL)
    return;
  g_free (note_return->id);
  g_free (note_return->signed_by);
  g_free (note_return->hash);
  g_free (note_return->canonical);
  g_free (note_return->returned_by);
  g_free (note_return->comment);
  g_free (note_return->signature);
  g_free (note_return);
}

/* What the supervisor's Ed25519 signature covers, members in byte order: the note's id
 * (the same in every vault it is carried to), the hash co-signed, who and when */
char *
alcove_cosignature_dup_message (const AlcoveCosignature *cosignature,
                                const char              *note_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (cosignature != NULL, NULL);

  json_builder_begin_object (builder);
  add_int (builder, "cosigned_ms", cosignature->cosigned_ms);
  add_string (builder, "cosigner", cosignature->cosigner);
  add_string (builder, "hash", cosignature->hash);
  add_string (builder, "id", cosignature->id);
  add_string (builder, "note_id", note_id);
  add_string (builder, "version", "alcove-cosign-1");
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

/* The same for a return, which also binds the signature returned and the comment */
char *
alcove_note_return_dup_message (const AlcoveNoteReturn *note_return,
                                const char             *note_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (note_return != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "comment", note_return->comment);
  add_string (builder, "hash", note_return->hash);
  add_string (builder, "id", note_return->id);
  add_string (builder, "note_id", note_id);
  add_string (builder, "returned_by", note_return->returned_by);
  add_int (builder, "returned_ms", note_return->returned_ms);
  add_string (builder, "signed_by", note_return->signed_by);
  add_int (builder, "signed_ms", note_return->signed_ms);
  add_string (builder, "version", "alcove-return-1");
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

guint
alcove_note_count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean letter = g_unichar_isalnum (g_utf8_get_char (p));

      if (letter && !in_word)
        words++;
      in_word = letter;
    }
  return words;
}

/* The first words of the note, for a list row, with whitespace collapsed */
char *
alcove_note_dup_preview (AlcoveNote *self,
                         guint       max_chars)
{
  g_autoptr(GString) preview = g_string_new (NULL);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);

  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, NULL, &value) && preview->len < max_chars * 4)
    for (const char *p = value; ; p++)
      {
        if (*p != '\0' && !g_ascii_isspace (*p))
          g_string_append_c (preview, *p);
        else if (preview->len > 0 && preview->str[preview->len - 1] != ' ')
          g_string_append_c (preview, ' ');
        if (*p == '\0')
          break;
      }
  g_strchomp (preview->str);
  if (g_utf8_strlen (preview->str, -1) > max_chars)
    {
      g_autofree char *cut = g_utf8_substring (preview->str, 0, max_chars);

      return g_strconcat (g_strchomp (cut), "…", NULL);
    }
  return g_strdup (preview->str);
}

void
alcove_note_set_times (AlcoveNote *self,
                       gint64      created_ms,
                       gint64      updated_ms)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));
  self->created_ms = created_ms;
  self->updated_ms = updated_ms;
}

void
alcove_note_set_signature (AlcoveNote *self,
                           gint64      signed_ms,
                           const char *signed_by,
                           const char *hash)
{
  char *new_signed_by;
  char *new_hash;

  g_return_if_fail (ALCOVE_IS_NOTE (self));

  /* copy before freeing: the store passes back our own signed_by when it adds the hash */
  new_signed_by = g_strdup (signed_by ? signed_by : "");
  new_hash = g_strdup (hash ? hash : "");
  self->signed_ms = signed_ms;
  g_free (self->signed_by);
  self->signed_by = new_signed_by;
  g_free (self->hash);
  self->hash = new_hash;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
alcove_note_set_integrity (AlcoveNote          *self,
                           AlcoveNoteIntegrity  integrity)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));
  self->integrity = integrity;
}

void
alcove_note_set_dirty (AlcoveNote *self,
                       gboolean    dirty)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));

  if (self->dirty == dirty)
    return;
  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

void
alcove_note_add_addendum (AlcoveNote *self,
                          const char *id,
                          const char *author,
                          gint64      created_ms,
                          const char *text,
                          const char *hash)
{
  AlcoveAddendum *addendum;

  g_return_if_fail (ALCOVE_IS_NOTE (self));

  addendum = g_new0 (AlcoveAddendum, 1);
  addendum->id = g_strdup (id);
  addendum->author = g_strdup (author);
  addendum->created_ms = created_ms;
  addendum->text = g_strdup (text);
  addendum->hash = g_strdup (hash);
  g_ptr_array_add (self->addenda, addendum);
}

/* ---- co-signing ---- */

gboolean
alcove_note_get_cosign_required (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), FALSE);
  return self->cosign_required;
}

void
alcove_note_set_cosign_required (AlcoveNote *self,
                                 gboolean    required)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));
  self->cosign_required = !!required;
}

GPtrArray *
alcove_note_get_cosignatures (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->cosignatures;
}

GPtrArray *
alcove_note_get_returns (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->returns;
}

/* Takes the row; it stays as the store checked it */
void
alcove_note_add_cosignature (AlcoveNote        *self,
                             AlcoveCosignature *cosignature)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));
  g_return_if_fail (cosignature != NULL);
  g_ptr_array_add (self->cosignatures, cosignature);
}

void
alcove_note_add_return (AlcoveNote       *self,
                        AlcoveNoteReturn *note_return)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));
  g_return_if_fail (note_return != NULL);
  g_ptr_array_add (self->returns, note_return);
}

/* The valid co-signature over the hash the note carries now, or NULL */
const AlcoveCosignature *
alcove_note_get_cosignature (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);

  if (alcove_note_get_status (self) != ALCOVE_NOTE_SIGNED)
    return NULL;
  for (guint i = 0; i < self->cosignatures->len; i++)
    {
      const AlcoveCosignature *cosignature = g_ptr_array_index (self->cosignatures, i);

      if (cosignature->valid && g_strcmp0 (cosignature->hash, self->hash) == 0)
        return cosignature;
    }
  return NULL;
}

/* The latest return, or NULL */
const AlcoveNoteReturn *
alcove_note_get_last_return (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);

  return self->returns->len > 0 ? g_ptr_array_index (self->returns, self->returns->len - 1)
                                : NULL;
}

/* A co-signature or a return whose signature does not check: written outside Alcove */
gboolean
alcove_note_get_cosign_tampered (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), FALSE);

  for (guint i = 0; i < self->cosignatures->len; i++)
    if (!((AlcoveCosignature *) g_ptr_array_index (self->cosignatures, i))->valid)
      return TRUE;
  for (guint i = 0; i < self->returns->len; i++)
    if (!((AlcoveNoteReturn *) g_ptr_array_index (self->returns, i))->valid)
      return TRUE;
  return FALSE;
}

AlcoveCosignState
alcove_note_get_cosign_state (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), ALCOVE_COSIGN_NONE);

  if (alcove_note_get_status (self) == ALCOVE_NOTE_DRAFT)
    return self->returns->len > 0 ? ALCOVE_COSIGN_RETURNED : ALCOVE_COSIGN_NONE;
  if (!self->cosign_required)
    return ALCOVE_COSIGN_NONE;
  return alcove_note_get_cosignature (self) != NULL ? ALCOVE_COSIGN_DONE : ALCOVE_COSIGN_AWAITING;
}

/* ---- when written, what was copied ---- */

void
alcove_note_set_session_date (AlcoveNote *self,
                              const char *session_date)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));
  g_return_if_fail (alcove_note_get_status (self) == ALCOVE_NOTE_DRAFT);

  g_free (self->session_date);
  self->session_date = g_strdup (session_date);
}

/* When the note was first written: its date of service may be earlier */
gint64
alcove_note_get_written_ms (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), 0);
  return self->written_ms != 0 ? self->written_ms : self->created_ms;
}

void
alcove_note_set_written_ms (AlcoveNote *self,
                            gint64      written_ms)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));
  self->written_ms = written_ms;
}

/* The earlier note whose sections were copied into this one, or "" */
const char *
alcove_note_get_copied_from (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->copied_from;
}

/* section key → SHA-256 of the text as it was copied */
GHashTable *
alcove_note_get_copied_sections (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);
  return self->copied;
}

gint64
alcove_note_get_copy_confirmed_ms (AlcoveNote *self)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (self), 0);
  return self->copy_confirmed_ms;
}

void
alcove_note_set_copied (AlcoveNote *self,
                        const char *copied_from,
                        gint64      copy_confirmed_ms)
{
  g_return_if_fail (ALCOVE_IS_NOTE (self));

  g_free (self->copied_from);
  self->copied_from = g_strdup (copied_from ? copied_from : "");
  self->copy_confirmed_ms = copy_confirmed_ms;
}

/* What is compared with the text as copied: the text without the white space around it */
char *
alcove_note_hash_copied_text (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  return alcove_note_hash_canonical (stripped);
}

/* A section copied from an earlier note whose text is still what was copied */
gboolean
alcove_note_section_is_copied_unchanged (AlcoveNote *self,
                                         const char *key)
{
  const char *copied;
  g_autofree char *now = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE (self), FALSE);

  copied = g_hash_table_lookup (self->copied, key);
  if (copied == NULL)
    return FALSE;
  now = alcove_note_hash_copied_text (alcove_note_get_section (self, key));
  return g_str_equal (now, copied);
}

/* The keys of the sections still as copied, sorted; NULL-terminated, empty if none */
GStrv
alcove_note_dup_copied_unchanged (AlcoveNote *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree gpointer *keys = NULL;
  guint n;

  g_return_val_if_fail (ALCOVE_IS_NOTE (self), NULL);

  keys = g_hash_table_get_keys_as_array (self->copied, &n);
  g_qsort_with_data (keys, n, sizeof (gpointer), compare_keys, NULL);
  for (guint i = 0; i < n; i++)
    if (alcove_note_section_is_copied_unchanged (self, keys[i]))
      g_strv_builder_add (builder, keys[i]);
  return g_strv_builder_end (builder);
}

/* Written on a later day than its session: a late entry, which the record says */
gboolean
alcove_note_is_late_entry (AlcoveNote *self)
{
  g_autoptr(GDateTime) written = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE (self), FALSE);

  if (alcove_note_get_written_ms (self) <= 0)
    return FALSE;
  written = g_date_time_new_from_unix_local (alcove_note_get_written_ms (self) / 1000);
  day = written ? g_date_time_format (written, "%Y-%m-%d") : NULL;
  return day != NULL && g_strcmp0 (day, self->session_date) > 0;
}
