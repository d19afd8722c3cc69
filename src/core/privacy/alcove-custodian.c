/* alcove-custodian.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-custodian"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "alcove-crypto.h"
#include "alcove-custodian.h"
#include "alcove-date.h"
#include "alcove-error.h"
#include "alcove-json-guard.h"
#include "alcove-practice-settings.h"
#include "alcove-vault-private.h"

/* The custodian is one owner-signed practice setting holding every field as one JSON object,
 * so an insider cannot mix fields from two signed versions. Every account holds
 * practice.db's key: a record no owner signed is ignored, and audited once. */

#define CUSTODIAN_KEY        "records-custodian"
#define CUSTODIAN_MAX_SIZE   ((gsize) 16 * 1024)
#define NAME_MAX_CHARS       200
#define FIELD_MAX_CHARS      1000
#define RECOVERY_CODE_CHARS  56   /* 14 groups of 4 */

G_DEFINE_BOXED_TYPE (AlcoveCustodian, alcove_custodian, alcove_custodian_copy,
                     alcove_custodian_free)

AlcoveCustodian *
alcove_custodian_new (void)
{
  return g_new0 (AlcoveCustodian, 1);
}

AlcoveCustodian *
alcove_custodian_copy (const AlcoveCustodian *custodian)
{
  AlcoveCustodian *copy;

  g_return_val_if_fail (custodian != NULL, NULL);

  copy = alcove_custodian_new ();
  copy->name = g_strdup (custodian->name);
  copy->profession = g_strdup (custodian->profession);
  copy->phone = g_strdup (custodian->phone);
  copy->email = g_strdup (custodian->email);
  copy->address = g_strdup (custodian->address);
  copy->key_location = g_strdup (custodian->key_location);
  copy->named_on = g_strdup (custodian->named_on);
  return copy;
}

void
alcove_custodian_free (AlcoveCustodian *custodian)
{
  if (custodian == NULL)
    return;
  g_free (custodian->name);
  g_free (custodian->profession);
  g_free (custodian->phone);
  g_free (custodian->email);
  g_free (custodian->address);
  g_free (custodian->key_location);
  g_free (custodian->named_on);
  g_free (custodian);
}

/* ---- what looks like the recovery key ---- */

static gboolean
is_code_char (char c)
{
  return g_ascii_isalnum (c) && c != '9';
}

/* `n` groups of four letters or digits in a row, each joined to the next by `joint` */
static gboolean
has_groups (const char *text,
            char        joint,
            guint       n,
            gboolean    upper_only)
{
  const char *p = text;
  guint groups = 0;

  while (*p != '\0')
    {
      guint len = 0;

      while (is_code_char (p[len]) && !(upper_only && g_ascii_islower (p[len])))
        len++;
      groups = len == 4 ? groups + 1 : 0;
      if (groups >= n)
        return TRUE;
      p += len;
      if (groups > 0 && *p == joint)
        p++;
      else
        {
          groups = 0;
          if (len == 0)
            p++;
        }
    }
  return FALSE;
}

/* The whole key typed with any spacing: a run of 56 code characters whose checksum holds */
static gboolean
has_whole_key (const char *text)
{
  gsize length = strlen (text);
  g_autoptr(AlcoveSecret) compact = alcove_secret_new (length + 1);
  g_autoptr(AlcoveSecret) window = alcove_secret_new (RECOVERY_CODE_CHARS);
  char *c = (char *) alcove_secret_get_data (compact);
  gsize n = 0;
  gsize run = 0;

  for (gsize i = 0; i < length; i++)
    {
      g_autoptr(AlcoveSecret) key = NULL;

      if (text[i] == '-' || g_ascii_isspace (text[i]))
        continue;
      c[n++] = text[i];
      run = is_code_char (text[i]) ? run + 1 : 0;
      if (run < RECOVERY_CODE_CHARS)
        continue;
      memcpy (alcove_secret_get_data (window), c + n - RECOVERY_CODE_CHARS, RECOVERY_CODE_CHARS);
      key = alcove_crypto_recovery_code_parse (window, NULL);
      if (key != NULL)
        return TRUE;
    }
  return FALSE;
}

gboolean
alcove_custodian_looks_like_recovery_key (const char *text)
{
  if (text == NULL)
    return FALSE;
  /* the printed form, or part of it; upper-case groups with spaces, as copied by hand */
  return has_groups (text, '-', 3, FALSE) || has_groups (text, ' ', 4, TRUE) ||
         has_whole_key (text);
}

/* ---- checks ---- */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
email_is_plausible (const char *email)
{
  const char *at = strchr (email, '@');

  return at != NULL && at != email && strchr (at + 1, '@') == NULL &&
         strchr (at + 1, '.') != NULL && at[1] != '.' && !g_str_has_suffix (email, ".") &&
         strpbrk (email, " \t\n") == NULL;
}

static gboolean
phone_is_plausible (const char *phone)
{
  guint digits = 0;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-().x/", *p) == NULL && !g_ascii_isalpha (*p))
        return FALSE;
    }
  return digits >= 6;
}

static gboolean
refuse (AlcoveCustodianField  *field,
        AlcoveCustodianField   which,
        GError               **error,
        const char            *message)
{
  if (field != NULL)
    *field = which;
  return alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID, message);
}

static gboolean
check_lengths (const AlcoveCustodian  *custodian,
               AlcoveCustodianField   *field,
               GError                **error)
{
  const char *texts[] = { custodian->profession, custodian->phone, custodian->email,
                          custodian->address, custodian->key_location };
  AlcoveCustodianField fields[] = { ALCOVE_CUSTODIAN_FIELD_PROFESSION,
                                    ALCOVE_CUSTODIAN_FIELD_PHONE,
                                    ALCOVE_CUSTODIAN_FIELD_EMAIL,
                                    ALCOVE_CUSTODIAN_FIELD_ADDRESS,
                                    ALCOVE_CUSTODIAN_FIELD_KEY_LOCATION };

  if (custodian->name != NULL && g_utf8_strlen (custodian->name, -1) > NAME_MAX_CHARS)
    return refuse (field, ALCOVE_CUSTODIAN_FIELD_NAME, error,
                   _("Shorten the name to at most 200 characters"));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL && g_utf8_strlen (texts[i], -1) > FIELD_MAX_CHARS)
      return refuse (field, fields[i], error, _("Shorten this to at most 1000 characters"));
  return TRUE;
}

/* The key itself in any field would be printed in the letter */
static gboolean
check_no_recovery_key (const AlcoveCustodian  *custodian,
                       AlcoveCustodianField   *field,
                       GError                **error)
{
  const char *texts[] = { custodian->key_location, custodian->name, custodian->profession,
                          custodian->phone, custodian->email, custodian->address };
  AlcoveCustodianField fields[] = { ALCOVE_CUSTODIAN_FIELD_KEY_LOCATION,
                                    ALCOVE_CUSTODIAN_FIELD_NAME,
                                    ALCOVE_CUSTODIAN_FIELD_PROFESSION,
                                    ALCOVE_CUSTODIAN_FIELD_PHONE,
                                    ALCOVE_CUSTODIAN_FIELD_EMAIL,
                                    ALCOVE_CUSTODIAN_FIELD_ADDRESS };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (alcove_custodian_looks_like_recovery_key (texts[i]))
      return refuse (field, fields[i], error,
                     _("This looks like the recovery key itself. Write where the printed "
                       "recovery sheet is kept, never the key: anyone who finds the letter "
                       "could open every record."));
  return TRUE;
}

gboolean
alcove_custodian_check (const AlcoveCustodian  *custodian,
                        AlcoveCustodianField   *field,
                        GError                **error)
{
  g_return_val_if_fail (custodian != NULL, FALSE);

  if (field != NULL)
    *field = ALCOVE_CUSTODIAN_FIELD_NONE;
  if (!check_no_recovery_key (custodian, field, error) ||
      !check_lengths (custodian, field, error))
    return FALSE;
  if (is_blank (custodian->name))
    return refuse (field, ALCOVE_CUSTODIAN_FIELD_NAME, error,
                   _("Enter the custodian’s name"));
  if (!is_blank (custodian->phone) && !phone_is_plausible (custodian->phone))
    return refuse (field, ALCOVE_CUSTODIAN_FIELD_PHONE, error,
                   _("Enter a phone number with at least six digits"));
  if (!is_blank (custodian->email) && !email_is_plausible (custodian->email))
    return refuse (field, ALCOVE_CUSTODIAN_FIELD_EMAIL, error,
                   _("Enter an email address like name@example.org"));
  if (is_blank (custodian->phone) && is_blank (custodian->email))
    return refuse (field, ALCOVE_CUSTODIAN_FIELD_PHONE, error,
                   _("Enter a phone number or an email address, so the custodian can be "
                     "reached"));
  if (is_blank (custodian->key_location))
    return refuse (field, ALCOVE_CUSTODIAN_FIELD_KEY_LOCATION, error,
                   _("Enter where the printed recovery sheet is kept"));
  return TRUE;
}

/* ---- storage ---- */

static char *
dup_json (const AlcoveCustodian *custodian,
          const char            *named_on)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *names[] = { "name", "profession", "phone", "email", "address", "key_location",
                          "named_on" };
  const char *values[] = { custodian->name, custodian->profession, custodian->phone,
                           custodian->email, custodian->address, custodian->key_location,
                           named_on };

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (values[i] ? values[i] : ""));

      json_builder_set_member_name (builder, names[i]);
      json_builder_add_string_value (builder, stripped);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup ("");
  return g_strdup (json_node_get_string (node));
}

static AlcoveCustodian *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  AlcoveCustodian *custodian;
  JsonObject *object;

  if (!alcove_json_guard_check (text, strlen (text), CUSTODIAN_MAX_SIZE, 2, NULL) ||
      !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  custodian = alcove_custodian_new ();
  custodian->name = dup_member (object, "name");
  custodian->profession = dup_member (object, "profession");
  custodian->phone = dup_member (object, "phone");
  custodian->email = dup_member (object, "email");
  custodian->address = dup_member (object, "address");
  custodian->key_location = dup_member (object, "key_location");
  custodian->named_on = dup_member (object, "named_on");
  return custodian;
}

gboolean
alcove_custodian_can_change (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  return alcove_practice_settings_can_change (vault);
}

/* Once per vault object: the dashboard and Preferences read it often */
static void
audit_rejected (AlcoveVault *vault)
{
  if (g_object_get_data (G_OBJECT (vault), "alcove-custodian-rejected") != NULL)
    return;
  g_object_set_data (G_OBJECT (vault), "alcove-custodian-rejected", GINT_TO_POINTER (TRUE));
  alcove_vault_audit (vault, ALCOVE_AUDIT_CUSTODIAN_REJECTED, CUSTODIAN_KEY, NULL);
}

AlcoveCustodian *
alcove_custodian_load (AlcoveVault          *vault,
                       AlcoveCustodianState *state)
{
  g_autofree char *text = NULL;
  AlcoveCustodian *custodian;
  gboolean rejected = FALSE;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (state != NULL, NULL);

  *state = ALCOVE_CUSTODIAN_NOT_NAMED;
  text = alcove_practice_settings_dup_string (vault, CUSTODIAN_KEY, &rejected);
  custodian = text != NULL ? parse_json (text) : NULL;
  if (rejected || (text != NULL && custodian == NULL))
    {
      *state = ALCOVE_CUSTODIAN_UNTRUSTED;
      audit_rejected (vault);
      return NULL;
    }
  if (custodian != NULL)
    *state = ALCOVE_CUSTODIAN_NAMED;
  return custodian;
}

gboolean
alcove_custodian_save (AlcoveVault            *vault,
                       const AlcoveCustodian  *custodian,
                       AlcoveCustodianField   *field,
                       GError                **error)
{
  g_autofree char *today = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (custodian != NULL, FALSE);

  if (field != NULL)
    *field = ALCOVE_CUSTODIAN_FIELD_NONE;
  if (!alcove_custodian_can_change (vault))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Only a practice owner names the records custodian"));
  if (!alcove_custodian_check (custodian, field, error))
    return FALSE;
  today = alcove_date_today_iso ();
  json = dup_json (custodian, today);
  return alcove_practice_settings_set_string (vault, CUSTODIAN_KEY, json, error);
}

void
alcove_custodian_letter_printed (AlcoveVault *vault)
{
  g_return_if_fail (ALCOVE_IS_VAULT (vault));

  alcove_vault_audit (vault, ALCOVE_AUDIT_CUSTODIAN_LETTER, CUSTODIAN_KEY, NULL);
}
