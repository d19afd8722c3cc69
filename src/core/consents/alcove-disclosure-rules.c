/* alcove-disclosure-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-disclosure-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-data.h"
#include "alcove-date.h"
#include "alcove-disclosure-rules.h"
#include "alcove-error.h"

/* Who may receive what, on which ground, after HIPAA: 45 CFR 164.508 (authorizations, and
 * the separate authorization psychotherapy notes need) and 164.512 (the legal bases that
 * need none). The bases, categories and purposes and their wording are data
 * (data/disclosure-bases.json); this file holds only the logic, as a pure function of a
 * request and the client's consents, so it can be tested as a table. */

GResource *alcove_disclosures_get_resource (void);

#define BASES_RESOURCE "/io/github/alcove_notes/Alcove/disclosures/disclosure-bases.json"

typedef struct
{
  GPtrArray  *bases;             /* AlcoveDisclosureBasis */
  GPtrArray  *category_ids;      /* NULL-terminated */
  GHashTable *category_titles;   /* id → title */
  GPtrArray  *purpose_ids;       /* NULL-terminated */
  GHashTable *purpose_titles;
  GPtrArray  *recipient_kind_ids;  /* NULL-terminated */
  GHashTable *recipient_kind_titles;
} Vocabulary;

static void
load_titled_list (JsonObject *root,
                  const char *name,
                  GPtrArray  *ids,
                  GHashTable *titles)
{
  JsonArray *array = alcove_data_member_array (root, name);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = alcove_data_element_object (array, i);
      const char *id = alcove_data_member_string (item, "id");
      const char *title = alcove_data_member_string (item, "title");

      if (id == NULL || title == NULL)
        {
          g_critical ("%s: %s %u needs an \"id\" and a \"title\"", BASES_RESOURCE, name, i + 1);
          continue;
        }
      g_ptr_array_add (ids, g_strdup (id));
      g_hash_table_insert (titles, g_strdup (id), g_strdup (_(title)));
    }
  g_ptr_array_add (ids, NULL);
}

/* A list of ids; a member missing or of the wrong type is an empty list */
static GStrv
member_ids (JsonObject *object,
            const char *name)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  JsonArray *array = alcove_data_member_array (object, name);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (ids, json_node_get_string (element));
    }
  return g_strv_builder_end (ids);
}

static AlcoveDisclosureBasis *
basis_from_json (JsonObject *item)
{
  AlcoveDisclosureBasis *basis;
  const char *id = alcove_data_member_string (item, "id");
  const char *title = alcove_data_member_string (item, "title");
  const char *explanation = alcove_data_member_string (item, "explanation");

  if (id == NULL || title == NULL || explanation == NULL)
    return NULL;
  basis = g_new0 (AlcoveDisclosureBasis, 1);
  basis->id = g_strdup (id);
  basis->title = g_strdup (_(title));
  basis->explanation = g_strdup (_(explanation));
  basis->needs_justification = json_object_get_boolean_member_with_default (item,
                                                                            "needs_justification",
                                                                            FALSE);
  basis->needs_document = json_object_get_boolean_member_with_default (item, "needs_document",
                                                                       FALSE);
  basis->accountable = json_object_get_boolean_member_with_default (item, "accountable", FALSE);
  basis->allows_psychotherapy_notes =
    json_object_get_boolean_member_with_default (item, "allows_psychotherapy_notes", FALSE);
  basis->psychotherapy_notes_only =
    json_object_get_boolean_member_with_default (item, "psychotherapy_notes_only", FALSE);
  basis->recipients = member_ids (item, "recipients");
  basis->minimum_necessary = member_ids (item, "minimum_necessary");
  basis->jurisdiction = g_strdup (alcove_data_member_string (item, "jurisdiction"));
  if (alcove_data_member_string (item, "attestation") != NULL)
    basis->attestation = g_strdup (_(alcove_data_member_string (item, "attestation")));
  return basis;
}

static gpointer
load_vocabulary (gpointer data)
{
  Vocabulary *vocabulary = g_new0 (Vocabulary, 1);
  g_autoptr(GError) error = NULL;
  JsonObject *root = NULL;
  g_autoptr(JsonParser) parser = alcove_data_load_file (alcove_disclosures_get_resource (),
                                                        BASES_RESOURCE, &root, &error);
  JsonArray *bases = alcove_data_member_array (root, "bases");

  vocabulary->bases = g_ptr_array_new ();
  vocabulary->category_ids = g_ptr_array_new ();
  vocabulary->category_titles = g_hash_table_new (g_str_hash, g_str_equal);
  vocabulary->purpose_ids = g_ptr_array_new ();
  vocabulary->purpose_titles = g_hash_table_new (g_str_hash, g_str_equal);
  vocabulary->recipient_kind_ids = g_ptr_array_new ();
  vocabulary->recipient_kind_titles = g_hash_table_new (g_str_hash, g_str_equal);

  if (root == NULL)
    g_critical ("%s: %s", BASES_RESOURCE, error ? error->message : "not a JSON object");
  for (guint i = 0; bases != NULL && i < json_array_get_length (bases); i++)
    {
      AlcoveDisclosureBasis *basis = basis_from_json (alcove_data_element_object (bases, i));

      if (basis == NULL)
        g_critical ("%s: basis %u needs \"id\", \"title\" and \"explanation\"", BASES_RESOURCE,
                    i + 1);
      else
        g_ptr_array_add (vocabulary->bases, basis);
    }
  /* without a root, each list is empty */
  load_titled_list (root, "categories", vocabulary->category_ids, vocabulary->category_titles);
  load_titled_list (root, "purposes", vocabulary->purpose_ids, vocabulary->purpose_titles);
  load_titled_list (root, "recipient_kinds", vocabulary->recipient_kind_ids,
                    vocabulary->recipient_kind_titles);
  return vocabulary;
}

/* Loaded once and kept for the life of the process, like the note formats */
static Vocabulary *
get_vocabulary (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_vocabulary, NULL);
}

GPtrArray *
alcove_disclosure_bases_get (void)
{
  return get_vocabulary ()->bases;
}

GPtrArray *
alcove_disclosure_bases_for (AlcoveJurisdiction jurisdiction)
{
  GPtrArray *all = get_vocabulary ()->bases;
  GPtrArray *offered = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    {
      const AlcoveDisclosureBasis *basis = g_ptr_array_index (all, i);

      if (alcove_jurisdiction_covers (jurisdiction, basis->jurisdiction))
        g_ptr_array_add (offered, (gpointer) basis);
    }
  return offered;
}

const AlcoveDisclosureBasis *
alcove_disclosure_basis_lookup (const char *basis_id)
{
  GPtrArray *bases = get_vocabulary ()->bases;

  for (guint i = 0; basis_id != NULL && i < bases->len; i++)
    {
      const AlcoveDisclosureBasis *basis = g_ptr_array_index (bases, i);

      if (g_str_equal (basis->id, basis_id))
        return basis;
    }
  return NULL;
}

const char * const *
alcove_disclosure_category_ids (void)
{
  return (const char * const *) get_vocabulary ()->category_ids->pdata;
}

/* NULL for an id the data does not know */
const char *
alcove_disclosure_category_get_title (const char *category_id)
{
  return category_id ? g_hash_table_lookup (get_vocabulary ()->category_titles, category_id)
                     : NULL;
}

const char * const *
alcove_disclosure_recipient_kind_ids (void)
{
  return (const char * const *) get_vocabulary ()->recipient_kind_ids->pdata;
}

/* NULL for an id the data does not know */
const char *
alcove_disclosure_recipient_kind_get_title (const char *kind_id)
{
  return kind_id ? g_hash_table_lookup (get_vocabulary ()->recipient_kind_titles, kind_id)
                 : NULL;
}

const char * const *
alcove_disclosure_purpose_ids (void)
{
  return (const char * const *) get_vocabulary ()->purpose_ids->pdata;
}

const char *
alcove_disclosure_purpose_get_title (const char *purpose_id)
{
  return purpose_id ? g_hash_table_lookup (get_vocabulary ()->purpose_titles, purpose_id) : NULL;
}

gboolean
alcove_disclosure_rules_is_authorization (AlcoveConsent *consent)
{
  const char *kind;

  g_return_val_if_fail (ALCOVE_IS_CONSENT (consent), FALSE);
  kind = alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND);
  return g_str_equal (kind, ALCOVE_CONSENT_KIND_RELEASE) ||
         g_str_equal (kind, ALCOVE_CONSENT_KIND_PSYCHOTHERAPY);
}

static gboolean
is_psychotherapy_authorization (AlcoveConsent *consent)
{
  return g_str_equal (alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND),
                      ALCOVE_CONSENT_KIND_PSYCHOTHERAPY);
}

/* A consent's day as people read it; "" stays "" */
static char *
shown_day (const char *iso_date)
{
  return alcove_date_format (iso_date);
}

char *
alcove_disclosure_rules_describe_status (AlcoveConsent *consent,
                                         GDate         *day)
{
  g_autofree char *expires_on = NULL;
  g_autofree char *revoked_on = NULL;
  g_autofree char *valid_from = NULL;

  g_return_val_if_fail (ALCOVE_IS_CONSENT (consent), NULL);
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  expires_on = shown_day (alcove_consent_get_field (consent, ALCOVE_CONSENT_EXPIRES_ON));
  revoked_on = shown_day (alcove_consent_get_field (consent, ALCOVE_CONSENT_REVOKED_ON));
  valid_from = shown_day (alcove_consent_get_field (consent, ALCOVE_CONSENT_VALID_FROM));
  switch (alcove_consent_get_status_on (consent, day))
    {
    case ALCOVE_CONSENT_ACTIVE:
      if (*expires_on != '\0')
        return g_strdup_printf (_("Active until %s"), expires_on);
      if (*alcove_consent_get_value (consent, ALCOVE_CONSENT_VALUE_EXPIRY_EVENT) != '\0')
        return g_strdup_printf (_("Active until: %s"),
                                alcove_consent_get_value (consent,
                                                          ALCOVE_CONSENT_VALUE_EXPIRY_EVENT));
      /* Translators: an authorization's status: signed, in effect and not revoked */
      return g_strdup (_("Active"));
    case ALCOVE_CONSENT_PENDING:
      return g_strdup_printf (_("Takes effect on %s"), valid_from);
    case ALCOVE_CONSENT_EXPIRED:
      return g_strdup_printf (_("Expired on %s"), expires_on);
    case ALCOVE_CONSENT_REVOKED:
      return *revoked_on ? g_strdup_printf (_("Revoked on %s"), revoked_on)
                         : g_strdup (_("Revoked"));
    case ALCOVE_CONSENT_DRAFT:
    default:
      return g_strdup (_("Draft, not yet in effect"));
    }
}

/* Recipients match after trimming, case folding and normalizing: “Dr. Lee ” is “dr. lee” */
static char *
recipient_key (const char *recipient)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (recipient ? recipient : ""));
  g_autofree char *folded = g_utf8_casefold (trimmed, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

/* "A; B; C": the titles of ids, for a message */
static char *
join_titles (GStrv        ids,
             const char *(*title_of) (const char *))
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *title = title_of (ids[i]);

      if (title == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, title);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The limits of a legal basis (45 CFR 164.502(b), 164.506(c), 164.512, 164.524): who may
 * receive, only what is necessary, and what the sharer confirms. An authorization names
 * its recipient and information itself. */
static gboolean
check_limits (const AlcoveDisclosureRequest  *request,
              const AlcoveDisclosureBasis    *basis,
              GError                        **error)
{
  const char * const *categories = request->categories;
  const char *kind = alcove_disclosure_recipient_kind_get_title (request->recipient_kind);

  if (basis->recipients[0] != NULL)
    {
      if (kind == NULL)
        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                   _("Say what kind of recipient this is: “%s” allows some "
                                     "recipients only."), basis->title);
      if (!g_strv_contains ((const char * const *) basis->recipients, request->recipient_kind))
        {
          g_autofree char *allowed = join_titles (basis->recipients,
                                                  alcove_disclosure_recipient_kind_get_title);

          return alcove_error_failf (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                                     _("“%s” does not allow sharing with this recipient (%s); it "
                                       "allows: %s. Anyone else needs the client’s authorization."),
                                     basis->title, kind, allowed);
        }
    }
  for (guint i = 0; basis->minimum_necessary[0] != NULL && categories != NULL &&
                    categories[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) basis->minimum_necessary, categories[i]))
      {
        g_autofree char *allowed = join_titles (basis->minimum_necessary,
                                                alcove_disclosure_category_get_title);

        return alcove_error_failf (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                                   _("Under “%s”, share only what the recipient needs: %s. “%s” "
                                     "needs the client’s authorization."), basis->title, allowed,
                                   alcove_disclosure_category_get_title (categories[i]));
      }
  if (basis->attestation != NULL && !request->attested)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Confirm before sharing under “%s”: %s"), basis->title,
                               basis->attestation);
  return TRUE;
}

static gboolean
check_request (const AlcoveDisclosureRequest  *request,
               const AlcoveDisclosureBasis    *basis,
               GError                        **error)
{
  const char * const *categories = request->categories;
  gboolean has_categories = categories != NULL && categories[0] != NULL;
  const char *justification = request->justification ? request->justification : "";
  g_autofree char *trimmed = g_strstrip (g_strdup (justification));
  g_autofree char *recipient = g_strstrip (g_strdup (request->recipient ? request->recipient : ""));

  if (basis == NULL)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Choose the basis for this disclosure: an authorization or a "
                                 "legal basis."));
  if (*recipient == '\0')
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Enter who receives the information."));
  if (alcove_disclosure_purpose_get_title (request->purpose) == NULL)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Choose the purpose of the disclosure."));
  if (!has_categories && !request->includes_psychotherapy_notes)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Choose what to share: at least one kind of information."));
  for (guint i = 0; has_categories && categories[i] != NULL; i++)
    if (alcove_disclosure_category_get_title (categories[i]) == NULL)
      return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                                 _("“%s” is not a kind of information Alcove knows."),
                                 categories[i]);
  if (request->includes_psychotherapy_notes && !basis->allows_psychotherapy_notes)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                               _("Psychotherapy notes need their own authorization: “%s” does not "
                                 "allow sharing them. Leave them out, or share them under a "
                                 "psychotherapy-notes authorization."), basis->title);
  if (basis->psychotherapy_notes_only && !request->includes_psychotherapy_notes)
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("“%s” applies to psychotherapy notes only. Choose another basis "
                                 "for the rest of the record."), basis->title);
  if (basis->needs_justification && *trimmed == '\0')
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Say why “%s” applies to this disclosure: the justification is "
                                 "kept in the disclosure log."), basis->title);
  if (basis->needs_document && (request->document_id == NULL || *request->document_id == '\0'))
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                               _("Attach the document for “%s” (for a court order, the signed "
                                 "order itself) before sharing."), basis->title);
  return check_limits (request, basis, error);
}

/* How far an authorization got before it failed. A refusal is explained by the most
 * telling failure: one naming the recipient over one naming someone else, one of the right
 * kind (a psychotherapy-notes authorization for those notes, a release for the rest) over
 * one of the wrong kind, and then the one that got furthest ("does not cover diagnosis"
 * says more than "expired"). */
typedef enum
{
  STAGE_RECIPIENT,
  STAGE_STATUS,
  STAGE_KIND,
  STAGE_CATEGORIES,
  STAGE_PURPOSE,
  STAGE_COVERS,
} Stage;

static char *
describe_authorization (AlcoveConsent *consent)
{
  const char *recipient = alcove_consent_get_value (consent, ALCOVE_CONSENT_VALUE_RECIPIENT);
  const char *signed_on = alcove_consent_get_field (consent, ALCOVE_CONSENT_SIGNED_ON);
  g_autofree char *shown = NULL;

  if (*signed_on == '\0')
    signed_on = alcove_consent_get_field (consent, ALCOVE_CONSENT_VALID_FROM);
  if (*recipient == '\0')
    recipient = _("an unnamed recipient");
  shown = alcove_date_format (signed_on);
  /* Translators: "The authorization for Dr. Lee of 10 January 2025" (the day it was signed) */
  return *signed_on ? g_strdup_printf (_("The authorization for %s of %s"), recipient, shown)
                    : g_strdup_printf (_("The authorization for %s"), recipient);
}

static char *
join_purpose_titles (AlcoveConsent *consent)
{
  g_auto(GStrv) ids = g_strsplit (alcove_consent_get_value (consent, ALCOVE_CONSENT_VALUE_PURPOSE),
                                  ";", -1);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *title = alcove_disclosure_purpose_get_title (g_strstrip (ids[i]));

      if (title != NULL)
        g_ptr_array_add (titles, (gpointer) title);
    }
  if (titles->len == 0)
    return g_strdup (_("no stated purpose"));
  g_ptr_array_add (titles, NULL);
  /* Translators: separates purposes in "is for Payment, Legal proceedings, not Other" */
  return g_strjoinv (_(", "), (char **) titles->pdata);
}

gboolean
alcove_disclosure_rules_names_recipient (AlcoveConsent *consent,
                                         const char    *recipient)
{
  g_autofree char *wanted = recipient_key (recipient);
  g_autofree char *named = recipient_key (alcove_consent_get_value (consent,
                                                                    ALCOVE_CONSENT_VALUE_RECIPIENT));

  return g_strcmp0 (wanted, named) == 0;
}

static Stage
check_authorization (const AlcoveDisclosureRequest  *request,
                     AlcoveConsent                  *consent,
                     char                          **reason)
{
  g_autofree char *which = describe_authorization (consent);
  const char * const *categories = request->categories;
  gboolean has_categories = categories != NULL && categories[0] != NULL;

  if (!alcove_disclosure_rules_names_recipient (consent, request->recipient))
    {
      *reason = g_strdup_printf (_("%s names another recipient, not %s."), which,
                                 request->recipient);
      return STAGE_RECIPIENT;
    }

  switch (alcove_consent_get_status_on (consent, request->day))
    {
    case ALCOVE_CONSENT_ACTIVE:
      break;
    case ALCOVE_CONSENT_DRAFT:
      *reason = g_strdup_printf (_("%s is a draft: it is in effect only once signed and "
                                   "activated."), which);
      return STAGE_STATUS;
    case ALCOVE_CONSENT_PENDING:
      {
        g_autofree char *valid_from =
          shown_day (alcove_consent_get_field (consent, ALCOVE_CONSENT_VALID_FROM));

        *reason = g_strdup_printf (_("%s does not take effect until %s."), which, valid_from);
        return STAGE_STATUS;
      }
    case ALCOVE_CONSENT_EXPIRED:
      {
        g_autofree char *expires_on =
          shown_day (alcove_consent_get_field (consent, ALCOVE_CONSENT_EXPIRES_ON));

        *reason = g_strdup_printf (_("%s expired on %s."), which, expires_on);
        return STAGE_STATUS;
      }
    case ALCOVE_CONSENT_REVOKED:
    default:
      {
        g_autofree char *revoked_on =
          shown_day (alcove_consent_get_field (consent, ALCOVE_CONSENT_REVOKED_ON));

        *reason = *revoked_on ? g_strdup_printf (_("%s was revoked on %s."), which, revoked_on)
                              : g_strdup_printf (_("%s was revoked."), which);
        return STAGE_STATUS;
      }
    }

  /* 164.508(a)(2) and (b)(3)(ii): psychotherapy notes only under an authorization of their
   * own, which is never combined with one for other information */
  if (request->includes_psychotherapy_notes && !is_psychotherapy_authorization (consent))
    {
      *reason = g_strdup_printf (_("Psychotherapy notes need their own authorization: %s is "
                                   "a release for the record, which never covers them."),
                                 which);
      return STAGE_KIND;
    }
  if (is_psychotherapy_authorization (consent) && has_categories)
    {
      *reason = request->includes_psychotherapy_notes
        ? g_strdup_printf (_("%s covers psychotherapy notes only and cannot be combined with "
                             "other information. Share “%s” under a separate release."),
                           which, alcove_disclosure_category_get_title (categories[0]))
        : g_strdup_printf (_("%s covers psychotherapy notes only, not “%s”."), which,
                           alcove_disclosure_category_get_title (categories[0]));
      return STAGE_KIND;
    }

  for (guint i = 0; has_categories && categories[i] != NULL; i++)
    if (!alcove_consent_value_has_item (consent, ALCOVE_CONSENT_VALUE_INFORMATION, categories[i]))
      {
        *reason = g_strdup_printf (_("%s does not cover “%s”."), which,
                                   alcove_disclosure_category_get_title (categories[i]));
        return STAGE_CATEGORIES;
      }

  if (!alcove_consent_value_has_item (consent, ALCOVE_CONSENT_VALUE_PURPOSE, request->purpose))
    {
      g_autofree char *purposes = join_purpose_titles (consent);

      /* Translators: "The authorization for Dr. Lee of 2025-01-10 is for Payment, not
       * Legal proceedings." */
      *reason = g_strdup_printf (_("%s is for %s, not %s."), which, purposes,
                                 alcove_disclosure_purpose_get_title (request->purpose));
      return STAGE_PURPOSE;
    }
  return STAGE_COVERS;
}

gboolean
alcove_disclosure_rules_check (const AlcoveDisclosureRequest  *request,
                               GPtrArray                      *consents,
                               AlcoveConsent                 **covering,
                               GError                        **error)
{
  const AlcoveDisclosureBasis *basis;
  g_autofree char *best_reason = NULL;
  Stage best_stage = STAGE_RECIPIENT;
  guint best_score = 0;
  guint n_candidates = 0;

  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (request->day != NULL && g_date_valid (request->day), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (covering != NULL)
    *covering = NULL;
  basis = alcove_disclosure_basis_lookup (request->basis);
  if (!check_request (request, basis, error))
    return FALSE;
  if (!g_str_equal (basis->id, ALCOVE_BASIS_AUTHORIZATION))
    return TRUE;

  for (guint i = 0; consents != NULL && i < consents->len; i++)
    {
      AlcoveConsent *consent = g_ptr_array_index (consents, i);
      g_autofree char *reason = NULL;
      Stage stage;
      guint score;

      if (!alcove_disclosure_rules_is_authorization (consent) ||
          g_strcmp0 (alcove_consent_get_field (consent, ALCOVE_CONSENT_CLIENT_ID),
                     request->client_id) != 0 ||
          (request->consent_id != NULL && *request->consent_id != '\0' &&
           g_strcmp0 (alcove_consent_get_id (consent), request->consent_id) != 0))
        continue;
      n_candidates++;
      stage = check_authorization (request, consent, &reason);
      if (stage == STAGE_COVERS)
        {
          if (covering != NULL)
            *covering = g_object_ref (consent);
          return TRUE;
        }
      score = (stage > STAGE_RECIPIENT ? 1000 : 0) + stage +
              (is_psychotherapy_authorization (consent) == !!request->includes_psychotherapy_notes
               ? 100 : 0);
      if (best_reason == NULL || score > best_score)
        {
          g_free (best_reason);
          best_reason = g_steal_pointer (&reason);
          best_stage = stage;
          best_score = score;
        }
    }

  if (n_candidates == 0)
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              request->consent_id != NULL && *request->consent_id != '\0'
                              ? _("The chosen authorization is not on file for this client. "
                                  "Choose another, or another basis.")
                              : _("There is no authorization on file for this client. Record "
                                  "the signed authorization first, or choose another basis."));
  if (best_stage == STAGE_RECIPIENT && (request->consent_id == NULL || *request->consent_id == '\0'))
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                               _("No authorization on file names %s as the recipient. Record the "
                                 "client’s authorization for them first, or choose another basis."),
                               request->recipient);
  g_set_error_literal (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                       best_reason);
  return FALSE;
}
