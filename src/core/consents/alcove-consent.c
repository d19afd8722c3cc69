/* alcove-consent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-consent"

#include "config.h"

#include <stdlib.h>

#include "alcove-consent.h"

/* One consent or authorization of one client. The template-defined values (recipient,
 * purpose, statements acknowledged…) are a string map; the fields every kind has are an
 * array. Dates are YYYY-MM-DD, compared as text, which orders them correctly. */
struct _AlcoveConsent
{
  GObject               parent_instance;

  char                 *id;
  char                 *fields[ALCOVE_CONSENT_N_FIELDS];
  GHashTable           *values;
  AlcoveConsentSigner   signer;
  AlcoveConsentCapture  capture;
  AlcoveConsentStatus   stored_status;
};

G_DEFINE_FINAL_TYPE (AlcoveConsent, alcove_consent, G_TYPE_OBJECT)

static const char *status_names[] = { "draft", "active", "expired", "revoked", "pending" };

static void
alcove_consent_finalize (GObject *object)
{
  AlcoveConsent *self = ALCOVE_CONSENT (object);

  g_free (self->id);
  for (guint i = 0; i < ALCOVE_CONSENT_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_hash_table_unref (self->values);

  G_OBJECT_CLASS (alcove_consent_parent_class)->finalize (object);
}

static void
alcove_consent_class_init (AlcoveConsentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_consent_finalize;
}

static void
alcove_consent_init (AlcoveConsent *self)
{
  for (guint i = 0; i < ALCOVE_CONSENT_N_FIELDS; i++)
    self->fields[i] = g_strdup ("");
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

AlcoveConsent *
alcove_consent_new (const char *client_id,
                    const char *kind)
{
  AlcoveConsent *self = g_object_new (ALCOVE_TYPE_CONSENT, NULL);

  alcove_consent_set_field (self, ALCOVE_CONSENT_CLIENT_ID, client_id);
  alcove_consent_set_field (self, ALCOVE_CONSENT_KIND, kind);
  return self;
}

AlcoveConsent *
alcove_consent_copy (AlcoveConsent *self)
{
  AlcoveConsent *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (ALCOVE_IS_CONSENT (self), NULL);

  copy = g_object_new (ALCOVE_TYPE_CONSENT, NULL);
  copy->id = g_strdup (self->id);
  for (guint i = 0; i < ALCOVE_CONSENT_N_FIELDS; i++)
    alcove_consent_set_field (copy, i, self->fields[i]);
  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    alcove_consent_set_value (copy, key, value);
  copy->signer = self->signer;
  copy->capture = self->capture;
  copy->stored_status = self->stored_status;
  return copy;
}

const char *
alcove_consent_get_id (AlcoveConsent *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT (self), NULL);
  return self->id;
}

void
alcove_consent_set_id (AlcoveConsent *self,
                       const char    *id)
{
  g_return_if_fail (ALCOVE_IS_CONSENT (self));
  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
alcove_consent_get_field (AlcoveConsent      *self,
                          AlcoveConsentField  field)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT (self), NULL);
  g_return_val_if_fail (field < ALCOVE_CONSENT_N_FIELDS, NULL);
  return self->fields[field];
}

void
alcove_consent_set_field (AlcoveConsent      *self,
                          AlcoveConsentField  field,
                          const char         *value)
{
  g_return_if_fail (ALCOVE_IS_CONSENT (self));
  g_return_if_fail (field < ALCOVE_CONSENT_N_FIELDS);
  g_free (self->fields[field]);
  self->fields[field] = g_strstrip (g_strdup (value ? value : ""));
}

/* Returns "" for a value the consent does not have. */
const char *
alcove_consent_get_value (AlcoveConsent *self,
                          const char    *key)
{
  const char *value;

  g_return_val_if_fail (ALCOVE_IS_CONSENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  value = g_hash_table_lookup (self->values, key);
  return value ? value : "";
}

void
alcove_consent_set_value (AlcoveConsent *self,
                          const char    *key,
                          const char    *value)
{
  g_return_if_fail (ALCOVE_IS_CONSENT (self));
  g_return_if_fail (key != NULL);
  if (value == NULL || *value == '\0')
    g_hash_table_remove (self->values, key);
  else
    g_hash_table_replace (self->values, g_strdup (key), g_strdup (value));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted, so that a consent's values serialize the same way every time. */
GStrv
alcove_consent_dup_value_keys (AlcoveConsent *self)
{
  guint n_keys;
  GStrv keys;

  g_return_val_if_fail (ALCOVE_IS_CONSENT (self), NULL);
  keys = (GStrv) g_hash_table_get_keys_as_array (self->values, &n_keys);
  for (guint i = 0; i < n_keys; i++)
    keys[i] = g_strdup (keys[i]);
  qsort (keys, n_keys, sizeof (char *), compare_strings);
  return keys;
}

/* For ";"-separated list values such as the information categories and purposes. */
gboolean
alcove_consent_value_has_item (AlcoveConsent *self,
                               const char    *key,
                               const char    *item)
{
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (ALCOVE_IS_CONSENT (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);
  items = g_strsplit (alcove_consent_get_value (self, key), ";", -1);
  for (guint i = 0; items[i]; i++)
    if (g_strcmp0 (g_strstrip (items[i]), item) == 0)
      return TRUE;
  return FALSE;
}

AlcoveConsentSigner
alcove_consent_get_signer (AlcoveConsent *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT (self), ALCOVE_CONSENT_SIGNER_CLIENT);
  return self->signer;
}

void
alcove_consent_set_signer (AlcoveConsent       *self,
                           AlcoveConsentSigner  signer)
{
  g_return_if_fail (ALCOVE_IS_CONSENT (self));
  self->signer = signer;
}

AlcoveConsentCapture
alcove_consent_get_capture (AlcoveConsent *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT (self), ALCOVE_CONSENT_CAPTURE_IN_PERSON);
  return self->capture;
}

void
alcove_consent_set_capture (AlcoveConsent        *self,
                            AlcoveConsentCapture  capture)
{
  g_return_if_fail (ALCOVE_IS_CONSENT (self));
  self->capture = capture;
}

AlcoveConsentStatus
alcove_consent_get_stored_status (AlcoveConsent *self)
{
  g_return_val_if_fail (ALCOVE_IS_CONSENT (self), ALCOVE_CONSENT_DRAFT);
  return self->stored_status;
}

void
alcove_consent_set_stored_status (AlcoveConsent       *self,
                                  AlcoveConsentStatus  status)
{
  g_return_if_fail (ALCOVE_IS_CONSENT (self));
  g_return_if_fail (status == ALCOVE_CONSENT_DRAFT || status == ALCOVE_CONSENT_ACTIVE ||
                    status == ALCOVE_CONSENT_REVOKED);
  self->stored_status = status;
}

static void
format_day (GDate *day,
            char   out[11])
{
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (day), g_date_get_month (day),
              g_date_get_day (day));
}

AlcoveConsentStatus
alcove_consent_get_status_on (AlcoveConsent *self,
                              GDate         *day)
{
  char today[11];
  const char *revoked_on, *valid_from, *expires_on;

  g_return_val_if_fail (ALCOVE_IS_CONSENT (self), ALCOVE_CONSENT_DRAFT);
  g_return_val_if_fail (day != NULL && g_date_valid (day), ALCOVE_CONSENT_DRAFT);

  if (self->stored_status == ALCOVE_CONSENT_DRAFT)
    return ALCOVE_CONSENT_DRAFT;
  format_day (day, today);
  revoked_on = self->fields[ALCOVE_CONSENT_REVOKED_ON];
  if (self->stored_status == ALCOVE_CONSENT_REVOKED &&
      (*revoked_on == '\0' || g_strcmp0 (today, revoked_on) >= 0))
    return ALCOVE_CONSENT_REVOKED;
  valid_from = self->fields[ALCOVE_CONSENT_VALID_FROM];
  if (*valid_from != '\0' && g_strcmp0 (today, valid_from) < 0)
    return ALCOVE_CONSENT_PENDING;
  expires_on = self->fields[ALCOVE_CONSENT_EXPIRES_ON];
  if (*expires_on != '\0' && g_strcmp0 (today, expires_on) > 0)
    return ALCOVE_CONSENT_EXPIRED;
  return ALCOVE_CONSENT_ACTIVE;
}

/* TRUE when the consent is active on @day and its last valid day is within @days of it. */
gboolean
alcove_consent_expires_within (AlcoveConsent *self,
                               GDate         *day,
                               guint          days)
{
  g_autoptr(GDate) horizon = NULL;
  char last[11];

  g_return_val_if_fail (ALCOVE_IS_CONSENT (self), FALSE);
  if (alcove_consent_get_status_on (self, day) != ALCOVE_CONSENT_ACTIVE ||
      *self->fields[ALCOVE_CONSENT_EXPIRES_ON] == '\0')
    return FALSE;
  horizon = g_date_copy (day);
  g_date_add_days (horizon, days);
  format_day (horizon, last);
  return g_strcmp0 (self->fields[ALCOVE_CONSENT_EXPIRES_ON], last) <= 0;
}

const char *
alcove_consent_status_to_string (AlcoveConsentStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

gboolean
alcove_consent_status_from_string (const char          *text,
                                   AlcoveConsentStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}
