/* alcove-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-client"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-client.h"

/* A client record as practice.db holds it: the minimum a record needs. A snapshot: the
 * store replaces it in its list when it is saved, so widgets rebind instead of watching
 * properties. */
struct _AlcoveClient
{
  GObject             parent_instance;

  char               *id;
  char               *fields[ALCOVE_CLIENT_N_FIELDS];
  char               *folded_names;  /* for search-as-you-type, made on demand */
  AlcoveRecordType    record_type;
  AlcoveClientStatus  status;
  GPtrArray          *members;       /* client ids of a couple, family or group */
  GPtrArray          *guardians;     /* AlcoveGuardian */
};

G_DEFINE_FINAL_TYPE (AlcoveClient, alcove_client, G_TYPE_OBJECT)

static const char * const field_columns[ALCOVE_CLIENT_N_FIELDS] = {
  "preferred_name", "legal_name", "date_of_birth", "pronouns", "phone", "email", "address",
  "emergency_contact", "discharged_on", "last_session",
};

static const char * const record_types[] = { "individual", "couple", "family", "group" };

static void
guardian_free (gpointer data)
{
  AlcoveGuardian *guardian = data;

  g_free (guardian->name);
  g_free (guardian->relationship);
  g_free (guardian->access);
  g_free (guardian);
}

static void
alcove_client_finalize (GObject *object)
{
  AlcoveClient *self = ALCOVE_CLIENT (object);

  g_free (self->id);
  for (guint i = 0; i < ALCOVE_CLIENT_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_free (self->folded_names);
  g_ptr_array_unref (self->members);
  g_ptr_array_unref (self->guardians);

  G_OBJECT_CLASS (alcove_client_parent_class)->finalize (object);
}

static void
alcove_client_class_init (AlcoveClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_client_finalize;
}

static void
alcove_client_init (AlcoveClient *self)
{
  for (guint i = 0; i < ALCOVE_CLIENT_N_FIELDS; i++)
    self->fields[i] = g_strdup ("");
  self->members = g_ptr_array_new_with_free_func (g_free);
  self->guardians = g_ptr_array_new_with_free_func (guardian_free);
}

AlcoveClient *
alcove_client_new (void)
{
  return g_object_new (ALCOVE_TYPE_CLIENT, NULL);
}

/* A copy to edit, so the listed snapshot stays as saved until the store replaces it */
AlcoveClient *
alcove_client_copy (AlcoveClient *self)
{
  AlcoveClient *copy;

  g_return_val_if_fail (ALCOVE_IS_CLIENT (self), NULL);

  copy = alcove_client_new ();
  copy->id = g_strdup (self->id);
  for (guint i = 0; i < ALCOVE_CLIENT_N_FIELDS; i++)
    alcove_client_set_field (copy, i, self->fields[i]);
  copy->record_type = self->record_type;
  copy->status = self->status;
  for (guint i = 0; i < self->members->len; i++)
    g_ptr_array_add (copy->members, g_strdup (g_ptr_array_index (self->members, i)));
  for (guint i = 0; i < self->guardians->len; i++)
    {
      AlcoveGuardian *guardian = g_ptr_array_index (self->guardians, i);

      alcove_client_add_guardian (copy, guardian->name, guardian->relationship, guardian->access);
    }
  return copy;
}

const char *
alcove_client_get_id (AlcoveClient *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT (self), NULL);
  return self->id;
}

void
alcove_client_set_id (AlcoveClient *self,
                      const char   *id)
{
  g_return_if_fail (ALCOVE_IS_CLIENT (self));
  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
alcove_client_get_field (AlcoveClient      *self,
                         AlcoveClientField  field)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (field < ALCOVE_CLIENT_N_FIELDS, NULL);
  return self->fields[field];
}

void
alcove_client_set_field (AlcoveClient      *self,
                         AlcoveClientField  field,
                         const char        *value)
{
  g_return_if_fail (ALCOVE_IS_CLIENT (self));
  g_return_if_fail (field < ALCOVE_CLIENT_N_FIELDS);

  g_free (self->fields[field]);
  self->fields[field] = g_strstrip (g_strdup (value ? value : ""));
  g_clear_pointer (&self->folded_names, g_free);
}

const char *
alcove_client_field_column (AlcoveClientField field)
{
  g_return_val_if_fail (field < ALCOVE_CLIENT_N_FIELDS, NULL);
  return field_columns[field];
}

const char *
alcove_client_get_display_name (AlcoveClient *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT (self), NULL);

  if (*self->fields[ALCOVE_CLIENT_PREFERRED_NAME] != '\0')
    return self->fields[ALCOVE_CLIENT_PREFERRED_NAME];
  return self->fields[ALCOVE_CLIENT_LEGAL_NAME];
}

AlcoveRecordType
alcove_client_get_record_type (AlcoveClient *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT (self), ALCOVE_RECORD_INDIVIDUAL);
  return self->record_type;
}

void
alcove_client_set_record_type (AlcoveClient     *self,
                               AlcoveRecordType  type)
{
  g_return_if_fail (ALCOVE_IS_CLIENT (self));
  self->record_type = type;
}

AlcoveClientStatus
alcove_client_get_status (AlcoveClient *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT (self), ALCOVE_CLIENT_ACTIVE);
  return self->status;
}

void
alcove_client_set_status (AlcoveClient       *self,
                          AlcoveClientStatus  status)
{
  g_return_if_fail (ALCOVE_IS_CLIENT (self));
  self->status = status;
}

/* Whole years on `now`'s calendar day; -1 without a valid date of birth */
int
alcove_client_get_age (AlcoveClient *self,
                       GDateTime    *now)
{
  g_autoptr(GDateTime) born = NULL;
  int age;

  g_return_val_if_fail (ALCOVE_IS_CLIENT (self), -1);
  g_return_val_if_fail (now != NULL, -1);

  born = alcove_date_parse (self->fields[ALCOVE_CLIENT_DATE_OF_BIRTH]);
  if (born == NULL)
    return -1;
  age = g_date_time_get_year (now) - g_date_time_get_year (born);
  if (g_date_time_get_month (now) < g_date_time_get_month (born) ||
      (g_date_time_get_month (now) == g_date_time_get_month (born) &&
       g_date_time_get_day_of_month (now) < g_date_time_get_day_of_month (born)))
    age--;
  return age;
}

/* Minor status is derived from the date of birth, never stored, so it cannot go stale */
gboolean
alcove_client_is_minor (AlcoveClient *self,
                        GDateTime    *now)
{
  int age = alcove_client_get_age (self, now);

  return age >= 0 && age < 18;
}

GPtrArray *
alcove_client_get_members (AlcoveClient *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT (self), NULL);
  return self->members;
}

void
alcove_client_set_members (AlcoveClient       *self,
                           const char * const *member_ids)
{
  g_return_if_fail (ALCOVE_IS_CLIENT (self));

  g_ptr_array_set_size (self->members, 0);
  for (guint i = 0; member_ids != NULL && member_ids[i] != NULL; i++)
    g_ptr_array_add (self->members, g_strdup (member_ids[i]));
}

GPtrArray *
alcove_client_get_guardians (AlcoveClient *self)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT (self), NULL);
  return self->guardians;
}

void
alcove_client_add_guardian (AlcoveClient *self,
                            const char   *name,
                            const char   *relationship,
                            const char   *access)
{
  AlcoveGuardian *guardian;

  g_return_if_fail (ALCOVE_IS_CLIENT (self));
  g_return_if_fail (name != NULL);

  guardian = g_new0 (AlcoveGuardian, 1);
  guardian->name = g_strstrip (g_strdup (name));
  guardian->relationship = g_strstrip (g_strdup (relationship ? relationship : ""));
  guardian->access = g_strstrip (g_strdup (access ? access : ""));
  g_ptr_array_add (self->guardians, guardian);
}

void
alcove_client_clear_guardians (AlcoveClient *self)
{
  g_return_if_fail (ALCOVE_IS_CLIENT (self));
  g_ptr_array_set_size (self->guardians, 0);
}

/* Lower case, no accents: "Zoë" and "zoe" are the same to a person typing */
char *
alcove_fold_text (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, -1);
}

/* folded_query comes from alcove_fold_text(); an empty query matches everyone */
gboolean
alcove_client_matches (AlcoveClient *self,
                       const char   *folded_query)
{
  g_return_val_if_fail (ALCOVE_IS_CLIENT (self), FALSE);

  if (folded_query == NULL || *folded_query == '\0')
    return TRUE;
  if (self->folded_names == NULL)
    {
      g_autofree char *names = g_strjoin ("\n", self->fields[ALCOVE_CLIENT_PREFERRED_NAME],
                                          self->fields[ALCOVE_CLIENT_LEGAL_NAME], NULL);

      self->folded_names = alcove_fold_text (names);
    }
  return strstr (self->folded_names, folded_query) != NULL;
}

const char *
alcove_record_type_to_string (AlcoveRecordType type)
{
  g_return_val_if_fail (type <= ALCOVE_RECORD_GROUP, NULL);
  return record_types[type];
}

gboolean
alcove_record_type_from_string (const char       *text,
                                AlcoveRecordType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_types); i++)
    if (g_strcmp0 (text, record_types[i]) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

const char *
alcove_record_type_get_title (AlcoveRecordType type)
{
  switch (type)
    {
    case ALCOVE_RECORD_INDIVIDUAL:
      return _("Individual");
    case ALCOVE_RECORD_COUPLE:
      return _("Couple");
    case ALCOVE_RECORD_FAMILY:
      return _("Family");
    case ALCOVE_RECORD_GROUP:
      return _("Group");
    default:
      g_return_val_if_reached (NULL);
    }
}
