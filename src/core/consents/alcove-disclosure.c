/* alcove-disclosure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-disclosure"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-disclosure.h"
#include "alcove-disclosure-rules.h"

/* One entry of a client's disclosure log: who received what, when, why and on what basis */
struct _AlcoveDisclosure
{
  GObject   parent_instance;

  char     *id;
  char     *fields[ALCOVE_DISCLOSURE_N_FIELDS];
  gboolean  psychotherapy;
  gboolean  accountable;
  gint64    at_ms;
};

G_DEFINE_FINAL_TYPE (AlcoveDisclosure, alcove_disclosure, G_TYPE_OBJECT)

static void
alcove_disclosure_finalize (GObject *object)
{
  AlcoveDisclosure *self = ALCOVE_DISCLOSURE (object);

  g_free (self->id);
  for (guint i = 0; i < ALCOVE_DISCLOSURE_N_FIELDS; i++)
    g_free (self->fields[i]);

  G_OBJECT_CLASS (alcove_disclosure_parent_class)->finalize (object);
}

static void
alcove_disclosure_class_init (AlcoveDisclosureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_disclosure_finalize;
}

static void
alcove_disclosure_init (AlcoveDisclosure *self)
{
  for (guint i = 0; i < ALCOVE_DISCLOSURE_N_FIELDS; i++)
    self->fields[i] = g_strdup ("");
}

AlcoveDisclosure *
alcove_disclosure_new (const char *client_id)
{
  AlcoveDisclosure *self = g_object_new (ALCOVE_TYPE_DISCLOSURE, NULL);

  alcove_disclosure_set_field (self, ALCOVE_DISCLOSURE_CLIENT_ID, client_id);
  return self;
}

const char *
alcove_disclosure_get_id (AlcoveDisclosure *self)
{
  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE (self), NULL);
  return self->id;
}

void
alcove_disclosure_set_id (AlcoveDisclosure *self,
                          const char       *id)
{
  g_return_if_fail (ALCOVE_IS_DISCLOSURE (self));
  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
alcove_disclosure_get_field (AlcoveDisclosure      *self,
                             AlcoveDisclosureField  field)
{
  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE (self), NULL);
  g_return_val_if_fail (field < ALCOVE_DISCLOSURE_N_FIELDS, NULL);
  return self->fields[field];
}

void
alcove_disclosure_set_field (AlcoveDisclosure      *self,
                             AlcoveDisclosureField  field,
                             const char            *value)
{
  g_return_if_fail (ALCOVE_IS_DISCLOSURE (self));
  g_return_if_fail (field < ALCOVE_DISCLOSURE_N_FIELDS);
  g_free (self->fields[field]);
  self->fields[field] = g_strstrip (g_strdup (value ? value : ""));
}

gboolean
alcove_disclosure_get_psychotherapy (AlcoveDisclosure *self)
{
  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE (self), FALSE);
  return self->psychotherapy;
}

void
alcove_disclosure_set_psychotherapy (AlcoveDisclosure *self,
                                     gboolean          psychotherapy)
{
  g_return_if_fail (ALCOVE_IS_DISCLOSURE (self));
  self->psychotherapy = !!psychotherapy;
}

/* Set by the store from the basis when recorded */
gboolean
alcove_disclosure_get_accountable (AlcoveDisclosure *self)
{
  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE (self), FALSE);
  return self->accountable;
}

void
alcove_disclosure_set_accountable (AlcoveDisclosure *self,
                                   gboolean          accountable)
{
  g_return_if_fail (ALCOVE_IS_DISCLOSURE (self));
  self->accountable = !!accountable;
}

gint64
alcove_disclosure_get_at_ms (AlcoveDisclosure *self)
{
  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE (self), 0);
  return self->at_ms;
}

void
alcove_disclosure_set_at_ms (AlcoveDisclosure *self,
                             gint64            at_ms)
{
  g_return_if_fail (ALCOVE_IS_DISCLOSURE (self));
  self->at_ms = at_ms;
}

/* The statement of purpose and basis an accounting gives (164.528(b)(2)(iv)), e.g.
 * "Legal proceedings. Court order: Order of 3 March, case 24-117." */
char *
alcove_disclosure_dup_statement (AlcoveDisclosure *self)
{
  const AlcoveDisclosureBasis *basis;
  const char *purpose;
  const char *justification;

  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE (self), NULL);

  basis = alcove_disclosure_basis_lookup (self->fields[ALCOVE_DISCLOSURE_BASIS]);
  purpose = alcove_disclosure_purpose_get_title (self->fields[ALCOVE_DISCLOSURE_PURPOSE]);
  justification = self->fields[ALCOVE_DISCLOSURE_JUSTIFICATION];
  if (purpose == NULL)
    purpose = self->fields[ALCOVE_DISCLOSURE_PURPOSE];
  if (*justification != '\0')
    /* Translators: "<purpose>. <basis>: <justification>" */
    return g_strdup_printf (_("%s. %s: %s"), purpose,
                            basis ? basis->title : self->fields[ALCOVE_DISCLOSURE_BASIS],
                            justification);
  /* Translators: "<purpose>. <basis>." */
  return g_strdup_printf (_("%s. %s."), purpose,
                          basis ? basis->title : self->fields[ALCOVE_DISCLOSURE_BASIS]);
}

char *
alcove_disclosure_dup_package_text (AlcoveDisclosure *self)
{
  const char *sha256;
  const char *delivery;
  g_autofree char *how = NULL;

  g_return_val_if_fail (ALCOVE_IS_DISCLOSURE (self), NULL);

  sha256 = self->fields[ALCOVE_DISCLOSURE_PACKAGE_SHA256];
  delivery = self->fields[ALCOVE_DISCLOSURE_DELIVERY];
  if (*sha256 == '\0')
    return NULL;
  if (g_str_has_prefix (delivery, ALCOVE_DELIVERY_SEALED))
    how = g_strdup_printf (_("Sent as an encrypted package sealed to the practice key %s."),
                           delivery + strlen (ALCOVE_DELIVERY_SEALED));
  else if (g_str_equal (delivery, ALCOVE_DELIVERY_PHONE))
    how = g_strdup (_("Sent as an encrypted package; the passphrase given by phone."));
  else if (g_str_equal (delivery, ALCOVE_DELIVERY_IN_PERSON))
    how = g_strdup (_("Sent as an encrypted package; the passphrase given in person."));
  else
    how = g_strdup (_("Sent as an encrypted package; the passphrase given apart from it."));
  /* Translators: after how a package was sent, the package file's SHA-256 in hex */
  return g_strdup_printf (_("%s SHA-256 %s"), how, sha256);
}
