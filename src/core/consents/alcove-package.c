/* alcove-package.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-package"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <json-glib/json-glib.h>

#include "alcove-error.h"
#include "alcove-json-guard.h"
#include "alcove-package.h"
#include "alcove-policy.h"
#include "alcove-vault-private.h"

/* The file format, all integers big-endian (help/C/encrypted-packages.page says the same
 * for a recipient without Alcove):
 *
 *   offset  size   passphrase package          sealed package
 *   0       8      magic "ALCVPKG\n"           the same
 *   8       1      version 1                   the same
 *   9       1      kind 1                      kind 2
 *   10      2      reserved, zero              the same
 *   12      4      length of what follows the header (ciphertext and tag)
 *   16      12/32  Argon2id t, m (KiB), p      SHA-256 of the recipient's X25519 key
 *   28/48   16/32  salt                        the ephemeral X25519 public key
 *   44/80   12     AES-256-GCM nonce           the same
 *   56/92   …      ciphertext, then the 16-byte tag
 *
 * The header (everything before the ciphertext) is the AEAD associated data, so no byte of
 * it can change unnoticed. The key is Argon2id (version 0x13, 32 bytes) of the passphrase
 * in its canonical form (24 upper-case base32 characters, no dashes), or for a sealed
 * package HKDF-SHA256 (salt "alcove-v1", info "alcove package seal") over X25519 shared
 * secret || ephemeral public key || recipient public key. The plaintext is a 4-byte length
 * of the JSON, the JSON (UTF-8), then the PDF. */

#define MAGIC              "ALCVPKG\n"
#define MAGIC_SIZE         8
#define FORMAT_VERSION     1
#define PREFIX_SIZE        16
#define KEY_SIZE           32
#define TAG_SIZE           16
#define PASSPHRASE_HEADER  (PREFIX_SIZE + 12 + ALCOVE_SALT_SIZE + ALCOVE_NONCE_SIZE)
#define SEALED_HEADER      (PREFIX_SIZE + KEY_SIZE + KEY_SIZE + ALCOVE_NONCE_SIZE)
#define PASSPHRASE_BYTES   15
#define PASSPHRASE_CHARS   24
#define FINGERPRINT_BYTES  16
/* a disclosure is a few pages; a package far larger than any is refused before reading */
#define MAX_PACKAGE_SIZE   ((gsize) 256 * 1024 * 1024)
#define MAX_KEY_FILE_SIZE  ((gsize) 64 * 1024)

/* The practice's package key pair comes from K_practice, which only an unlocked vault
 * holds. Every account holds K_practice, so who may open a sealed package is decided by
 * the policy (those who read the record: owners and clinicians), not by the key. The key
 * changes when practice.db is re-keyed (someone disabled): a package sealed to the old one
 * no longer opens, and the practice sends its new key file to those who seal to it. */
#define PACKAGE_KEY_PURPOSE  "alcove package x25519"
#define PACKAGE_SEAL_PURPOSE "alcove package seal"

/* What a package may ask of the recipient's machine: a cost above this is an edited or
 * hostile file, refused before Argon2 runs */
#define PACKAGE_MAX_T_COST     16
#define PACKAGE_MAX_M_COST_KIB (1024 * 1024)
#define PACKAGE_MAX_LANES      8

static const AlcoveKdfParams default_kdf = { 3, 64 * 1024, 1 };

struct _AlcovePackageKey
{
  char   *practice;
  char   *vault_uuid;
  GBytes *public_key;
  char   *fingerprint;
};

struct _AlcovePackage
{
  GObject  parent_instance;

  GBytes  *pdf;
  GBytes  *json;
};

G_DEFINE_FINAL_TYPE (AlcovePackage, alcove_package, G_TYPE_OBJECT)

/* ---- bytes ---- */

static void
put_u32 (guint8  *p,
         guint32  value)
{
  p[0] = value >> 24;
  p[1] = value >> 16;
  p[2] = value >> 8;
  p[3] = value;
}

static guint32
get_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static char *
sha256_hex (const void *data,
            gsize       size)
{
  guint8 digest[32];
  GString *hex = g_string_sized_new (64);

  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, data, size, digest) < 0)
    g_error ("SHA-256 failed");
  for (guint i = 0; i < sizeof digest; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

/* ---- the practice's key ---- */

static char *
format_fingerprint (GBytes *public_key)
{
  guint8 digest[32];
  GString *text = g_string_sized_new (40);

  gnutls_hash_fast (GNUTLS_DIG_SHA256, g_bytes_get_data (public_key, NULL),
                    g_bytes_get_size (public_key), digest);
  for (guint i = 0; i < FINGERPRINT_BYTES; i += 2)
    g_string_append_printf (text, "%s%02X%02X", i > 0 ? " " : "", digest[i], digest[i + 1]);
  return g_string_free (text, FALSE);
}

static AlcovePackageKey *
package_key_new (const char *practice,
                 const char *vault_uuid,
                 GBytes     *public_key)
{
  AlcovePackageKey *key = g_new0 (AlcovePackageKey, 1);

  key->practice = g_strdup (practice);
  key->vault_uuid = g_strdup (vault_uuid);
  key->public_key = g_bytes_ref (public_key);
  key->fingerprint = format_fingerprint (public_key);
  return key;
}

void
alcove_package_key_free (AlcovePackageKey *key)
{
  if (key == NULL)
    return;
  g_free (key->practice);
  g_free (key->vault_uuid);
  g_bytes_unref (key->public_key);
  g_free (key->fingerprint);
  g_free (key);
}

const char *
alcove_package_key_get_practice (AlcovePackageKey *key)
{
  return key->practice;
}

const char *
alcove_package_key_get_vault_uuid (AlcovePackageKey *key)
{
  return key->vault_uuid;
}

const char *
alcove_package_key_get_fingerprint (AlcovePackageKey *key)
{
  return key->fingerprint;
}

static gboolean
may_open_sealed (AlcoveVault  *vault,
                 GError      **error)
{
  if (!alcove_vault_require_unlocked (vault, error))
    return FALSE;
  if (!alcove_policy_allows (vault, ALCOVE_CAPABILITY_WRITE_NOTES))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                              _("Only owners and clinicians open packages sealed to the "
                                "practice."));
  return TRUE;
}

gboolean
alcove_package_can_open_sealed (AlcoveVault *vault)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);
  return may_open_sealed (vault, NULL);
}

static AlcoveSecret *
practice_seed (AlcoveVault  *vault,
               GError      **error)
{
  AlcoveSecret *practice_key = g_hash_table_lookup (vault->database_keys, ALCOVE_PRACTICE_DB);

  if (practice_key == NULL)
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                         _("This session does not hold the practice’s key."));
      return NULL;
    }
  return practice_key;
}

AlcovePackageKey *
alcove_package_key_for_vault (AlcoveVault  *vault,
                              GError      **error)
{
  AlcoveSecret *seed;
  g_autoptr(GBytes) public_key = NULL;

  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);

  if (!may_open_sealed (vault, error) || (seed = practice_seed (vault, error)) == NULL)
    return NULL;
  public_key = alcove_crypto_public_key (seed, PACKAGE_KEY_PURPOSE);
  return package_key_new (alcove_vault_get_practice_name (vault), alcove_vault_get_uuid (vault),
                          public_key);
}

/* Written once, by the practice that receives packages; small enough to send by e-mail and
 * to check by reading the fingerprint aloud */
gboolean
alcove_package_key_save (AlcovePackageKey  *key,
                         const char        *path,
                         GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *encoded = g_base64_encode (g_bytes_get_data (key->public_key, NULL),
                                              g_bytes_get_size (key->public_key));
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (key != NULL && path != NULL, FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "alcove-package-key");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "practice");
  json_builder_add_string_value (builder, key->practice);
  json_builder_set_member_name (builder, "vault_uuid");
  json_builder_add_string_value (builder, key->vault_uuid);
  json_builder_set_member_name (builder, "x25519");
  json_builder_add_string_value (builder, encoded);
  json_builder_set_member_name (builder, "fingerprint");
  json_builder_add_string_value (builder, key->fingerprint);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_EXISTS,
                               _("%s already exists; choose another name"), path);
  if (!g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 error))
    return FALSE;
  return TRUE;
}

static gboolean
fail_key_file (const char  *path,
               GError     **error)
{
  return alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                             _("%s is not a practice’s package key: ask the practice to export "
                               "it again from Alcove"), path);
}

AlcovePackageKey *
alcove_package_key_load (const char  *path,
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree guchar *raw = NULL;
  g_autoptr(GBytes) public_key = NULL;
  JsonObject *object;
  gsize length, raw_size = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  if (length > MAX_KEY_FILE_SIZE ||
      !alcove_json_guard_check (text, length, MAX_KEY_FILE_SIZE, 4, NULL) ||
      !json_parser_load_from_data (parser, text, length, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      fail_key_file (path, error);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""),
                 "alcove-package-key") != 0 ||
      json_object_get_int_member_with_default (object, "version", 0) != 1)
    {
      fail_key_file (path, error);
      return NULL;
    }
  raw = g_base64_decode (json_object_get_string_member_with_default (object, "x25519", ""),
                         &raw_size);
  if (raw_size != KEY_SIZE)
    {
      fail_key_file (path, error);
      return NULL;
    }
  public_key = g_bytes_new (raw, raw_size);
  return package_key_new (json_object_get_string_member_with_default (object, "practice", ""),
                          json_object_get_string_member_with_default (object, "vault_uuid", ""),
                          public_key);
}

/* ---- the package ---- */

static void
alcove_package_finalize (GObject *object)
{
  AlcovePackage *self = ALCOVE_PACKAGE (object);

  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->json, g_bytes_unref);

  G_OBJECT_CLASS (alcove_package_parent_class)->finalize (object);
}

static void
alcove_package_class_init (AlcovePackageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alcove_package_finalize;
}

static void
alcove_package_init (AlcovePackage *self)
{
}

AlcovePackage *
alcove_package_new (GBytes *pdf,
                    GBytes *json)
{
  AlcovePackage *self;

  g_return_val_if_fail (pdf != NULL && json != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_PACKAGE, NULL);
  self->pdf = g_bytes_ref (pdf);
  self->json = g_bytes_ref (json);
  return self;
}

GBytes *
alcove_package_get_pdf (AlcovePackage *self)
{
  g_return_val_if_fail (ALCOVE_IS_PACKAGE (self), NULL);
  return self->pdf;
}

GBytes *
alcove_package_get_json (AlcovePackage *self)
{
  g_return_val_if_fail (ALCOVE_IS_PACKAGE (self), NULL);
  return self->json;
}

AlcoveSecret *
alcove_package_passphrase_new (void)
{
  return alcove_crypto_grouped_code_new (PASSPHRASE_BYTES);
}

GBytes *
alcove_package_describe (const char *client_name,
                         const char *recipient,
                         const char *purpose,
                         const char *basis,
                         const char *disclosed_on,
                         const char *description,
                         const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *fields[][2] = { { "client", client_name }, { "recipient", recipient },
                              { "purpose", purpose }, { "basis", basis },
                              { "disclosed_on", disclosed_on },
                              { "description", description }, { "text", text } };
  char *data;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "alcove-disclosure");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      json_builder_set_member_name (builder, fields[i][0]);
      json_builder_add_string_value (builder, fields[i][1] ? fields[i][1] : "");
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

/* ---- sealing and opening ---- */

static void
write_prefix (guint8            *header,
              AlcovePackageKind  kind)
{
  memcpy (header, MAGIC, MAGIC_SIZE);
  header[8] = FORMAT_VERSION;
  header[9] = kind;
  header[10] = header[11] = 0;
}

static void
write_length (guint8 *header,
              gsize   sealed_size)
{
  put_u32 (header + 12, (guint32) sealed_size);
}

static GBytes *
compose_plaintext (AlcovePackage *self)
{
  gsize json_size = g_bytes_get_size (self->json), pdf_size = g_bytes_get_size (self->pdf);
  guint8 *plain = g_malloc (4 + json_size + pdf_size);

  put_u32 (plain, (guint32) json_size);
  memcpy (plain + 4, g_bytes_get_data (self->json, NULL), json_size);
  memcpy (plain + 4 + json_size, g_bytes_get_data (self->pdf, NULL), pdf_size);
  return g_bytes_new_take (plain, 4 + json_size + pdf_size);
}

static gboolean
aead (gboolean             encrypt,
      const AlcoveSecret  *key,
      const guint8        *header,
      gsize                header_size,
      const guint8        *in,
      gsize                in_size,
      guint8              *out,
      gsize               *out_size)
{
  gnutls_aead_cipher_hd_t handle;
  gnutls_datum_t key_datum = { alcove_secret_get_data (key), KEY_SIZE };
  const guint8 *nonce = header + header_size - ALCOVE_NONCE_SIZE;
  int rc;

  if (gnutls_aead_cipher_init (&handle, GNUTLS_CIPHER_AES_256_GCM, &key_datum) < 0)
    return FALSE;
  if (encrypt)
    rc = gnutls_aead_cipher_encrypt (handle, nonce, ALCOVE_NONCE_SIZE, header, header_size,
                                     TAG_SIZE, in, in_size, out, out_size);
  else
    rc = gnutls_aead_cipher_decrypt (handle, nonce, ALCOVE_NONCE_SIZE, header, header_size,
                                     TAG_SIZE, in, in_size, out, out_size);
  gnutls_aead_cipher_deinit (handle);
  return rc >= 0;
}

/* The header is filled in but for the nonce, which is drawn here */
static gboolean
write_package (AlcovePackage       *self,
               const char          *path,
               guint8              *header,
               gsize                header_size,
               const AlcoveSecret  *key,
               char               **sha256,
               GError             **error)
{
  g_autoptr(GBytes) plain = compose_plaintext (self);
  gsize plain_size = g_bytes_get_size (plain);
  gsize out_size = plain_size + TAG_SIZE;
  g_autofree guint8 *file = g_malloc (header_size + out_size);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_EXISTS,
                               _("%s already exists; choose another name"), path);
  if (gnutls_rnd (GNUTLS_RND_NONCE, header + header_size - ALCOVE_NONCE_SIZE,
                  ALCOVE_NONCE_SIZE) != 0)
    g_error ("The system random number generator failed");
  write_length (header, out_size);
  memcpy (file, header, header_size);
  if (!aead (TRUE, key, header, header_size, g_bytes_get_data (plain, NULL), plain_size,
             file + header_size, &out_size))
    return alcove_error_fail (error, ALCOVE_VAULT_ERROR_FAILED, _("Encryption failed"));
  if (!g_file_set_contents_full (path, (const char *) file, header_size + out_size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    return FALSE;
  if (sha256 != NULL)
    *sha256 = sha256_hex (file, header_size + out_size);
  return TRUE;
}

static AlcoveSecret *
passphrase_key (const AlcoveSecret     *passphrase,
                const guint8           *salt,
                const AlcoveKdfParams  *params,
                GError                **error)
{
  g_autoptr(AlcoveSecret) canonical = alcove_crypto_grouped_code_canonical (passphrase,
                                                                            PASSPHRASE_CHARS);
  g_autoptr(GBytes) salt_bytes = g_bytes_new (salt, ALCOVE_SALT_SIZE);

  if (canonical == NULL)
    {
      alcove_error_invalid (error, _("That is not a package passphrase: it has 6 groups of 4 "
                                     "letters and digits, like ABCD-EFGH-JKLM-NPQR-STUV-WXYZ"));
      return NULL;
    }
  return alcove_crypto_derive_kek (canonical, salt_bytes, params, error);
}

gboolean
alcove_package_write_with_passphrase (AlcovePackage          *self,
                                      const char             *path,
                                      const AlcoveSecret     *passphrase,
                                      const AlcoveKdfParams  *params,
                                      char                  **sha256,
                                      GError                **error)
{
  guint8 header[PASSPHRASE_HEADER];
  g_autoptr(AlcoveSecret) key = NULL;

  g_return_val_if_fail (ALCOVE_IS_PACKAGE (self), FALSE);
  g_return_val_if_fail (path != NULL && passphrase != NULL, FALSE);

  if (params == NULL)
    params = &default_kdf;
  write_prefix (header, ALCOVE_PACKAGE_PASSPHRASE);
  put_u32 (header + PREFIX_SIZE, params->t_cost);
  put_u32 (header + PREFIX_SIZE + 4, params->m_cost_kib);
  put_u32 (header + PREFIX_SIZE + 8, params->parallelism);
  if (gnutls_rnd (GNUTLS_RND_NONCE, header + PREFIX_SIZE + 12, ALCOVE_SALT_SIZE) != 0)
    g_error ("The system random number generator failed");
  key = passphrase_key (passphrase, header + PREFIX_SIZE + 12, params, error);
  return key != NULL && write_package (self, path, header, sizeof header, key, sha256, error);
}

gboolean
alcove_package_write_sealed (AlcovePackage     *self,
                             const char        *path,
                             AlcovePackageKey  *recipient,
                             char             **sha256,
                             GError           **error)
{
  guint8 header[SEALED_HEADER];
  g_autoptr(GBytes) ephemeral = NULL;
  g_autoptr(AlcoveSecret) key = NULL;

  g_return_val_if_fail (ALCOVE_IS_PACKAGE (self), FALSE);
  g_return_val_if_fail (path != NULL && recipient != NULL, FALSE);

  key = alcove_crypto_seal_kek_new (recipient->public_key, PACKAGE_SEAL_PURPOSE, &ephemeral,
                                    error);
  if (key == NULL)
    return FALSE;
  write_prefix (header, ALCOVE_PACKAGE_SEALED);
  gnutls_hash_fast (GNUTLS_DIG_SHA256, g_bytes_get_data (recipient->public_key, NULL), KEY_SIZE,
                    header + PREFIX_SIZE);
  memcpy (header + PREFIX_SIZE + KEY_SIZE, g_bytes_get_data (ephemeral, NULL), KEY_SIZE);
  return write_package (self, path, header, sizeof header, key, sha256, error);
}

typedef struct
{
  char             *path;
  AlcoveSecret     *passphrase;
  AlcovePackageKey *recipient;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->passphrase, alcove_secret_free);
  g_clear_pointer (&job->recipient, alcove_package_key_free);
  g_free (job);
}

static AlcovePackageKey *
package_key_copy (AlcovePackageKey *key)
{
  return package_key_new (key->practice, key->vault_uuid, key->public_key);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AlcovePackage *self = source_object;
  WriteJob *job = task_data;
  g_autofree char *sha256 = NULL;
  GError *error = NULL;
  gboolean written;

  if (job->passphrase != NULL)
    written = alcove_package_write_with_passphrase (self, job->path, job->passphrase, NULL,
                                                    &sha256, &error);
  else
    written = alcove_package_write_sealed (self, job->path, job->recipient, &sha256, &error);
  if (written)
    g_task_return_pointer (task, g_steal_pointer (&sha256), g_free);
  else
    g_task_return_error (task, error);
}

void
alcove_package_write_async (AlcovePackage       *self,
                            const char          *path,
                            const AlcoveSecret  *passphrase,
                            AlcovePackageKey    *recipient,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job = g_new0 (WriteJob, 1);

  g_return_if_fail (ALCOVE_IS_PACKAGE (self));
  g_return_if_fail (path != NULL && (passphrase == NULL) != (recipient == NULL));

  job->path = g_strdup (path);
  job->passphrase = passphrase ? alcove_secret_copy (passphrase) : NULL;
  job->recipient = recipient ? package_key_copy (recipient) : NULL;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_package_write_async);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
alcove_package_write_finish (AlcovePackage  *self,
                             GAsyncResult   *result,
                             char          **sha256,
                             GError        **error)
{
  g_autofree char *digest = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  digest = g_task_propagate_pointer (G_TASK (result), error);
  if (digest == NULL)
    return FALSE;
  if (sha256 != NULL)
    *sha256 = g_steal_pointer (&digest);
  return TRUE;
}

/* Each reason is a whole sentence of its own, so translators never join fragments */
static gboolean
fail_damaged (GError     **error,
              const char  *message)
{
  return alcove_error_fail (error, ALCOVE_VAULT_ERROR_DAMAGED, message);
}

static GBytes *
damaged (GError     **error,
         const char  *message)
{
  fail_damaged (error, message);
  return NULL;
}

/* The file, its kind and its header size, each checked before any key work */
static GBytes *
read_package (const char         *path,
              AlcovePackageKind  *kind,
              gsize              *header_size,
              GError            **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  const guint8 *data;
  gsize size;

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  data = (const guint8 *) g_mapped_file_get_contents (mapped);
  size = g_mapped_file_get_length (mapped);
  if (size > MAX_PACKAGE_SIZE)
    return damaged (error, _("This encrypted package cannot be opened: it is larger than any "
                             "package Alcove makes. Ask the sender for a new copy."));
  if (size < PREFIX_SIZE || memcmp (data, MAGIC, MAGIC_SIZE) != 0)
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_INVALID,
                          _("%s is not an encrypted package from Alcove"), path);
      return NULL;
    }
  if (data[8] != FORMAT_VERSION)
    return damaged (error, _("This encrypted package cannot be opened: it was made in a newer "
                             "format than this version of Alcove reads. Update Alcove."));
  if ((data[9] != ALCOVE_PACKAGE_PASSPHRASE && data[9] != ALCOVE_PACKAGE_SEALED) ||
      data[10] != 0 || data[11] != 0)
    return damaged (error, _("This encrypted package cannot be opened: its header was changed. "
                             "Ask the sender for a new copy."));
  *kind = data[9];
  *header_size = *kind == ALCOVE_PACKAGE_PASSPHRASE ? PASSPHRASE_HEADER : SEALED_HEADER;
  if (size < *header_size || size - *header_size < get_u32 (data + 12))
    return damaged (error, _("This encrypted package cannot be opened: it is cut short. Ask the "
                             "sender for a new copy."));
  if (size - *header_size > get_u32 (data + 12) || get_u32 (data + 12) < TAG_SIZE + 4)
    return damaged (error, _("This encrypted package cannot be opened: its length does not "
                             "match its header. Ask the sender for a new copy."));
  return g_mapped_file_get_bytes (mapped);
}

gboolean
alcove_package_peek_kind (const char         *path,
                          AlcovePackageKind  *kind,
                          GError            **error)
{
  gsize header_size;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL && kind != NULL, FALSE);

  bytes = read_package (path, kind, &header_size, error);
  return bytes != NULL;
}

static AlcovePackage *
decrypt_package (GBytes              *bytes,
                 gsize                header_size,
                 const AlcoveSecret  *key,
                 const char          *refusal,
                 GError             **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize plain_size = size - header_size - TAG_SIZE;
  g_autofree guint8 *plain = g_malloc (plain_size);
  guint32 json_size;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) pdf = NULL;

  if (!aead (FALSE, key, data, header_size, data + header_size, size - header_size, plain,
             &plain_size))
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_AUTH_FAILED, refusal);
      return NULL;
    }
  json_size = get_u32 (plain);
  if (plain_size < 4 || json_size > plain_size - 4)
    {
      fail_damaged (error, _("This encrypted package cannot be opened: its contents are "
                             "malformed. Ask the sender for a new copy."));
      return NULL;
    }
  json = g_bytes_new (plain + 4, json_size);
  pdf = g_bytes_new (plain + 4 + json_size, plain_size - 4 - json_size);
  gnutls_memset (plain, 0, plain_size);
  return alcove_package_new (pdf, json);
}

static gboolean
check_package_kdf (const AlcoveKdfParams  *params,
                   GError                **error)
{
  if (params->t_cost >= 1 && params->t_cost <= PACKAGE_MAX_T_COST &&
      params->m_cost_kib >= ALCOVE_KDF_MIN_M_COST_KIB &&
      params->m_cost_kib <= PACKAGE_MAX_M_COST_KIB &&
      params->parallelism >= 1 && params->parallelism <= PACKAGE_MAX_LANES &&
      params->m_cost_kib >= 8 * params->parallelism)
    return TRUE;
  return fail_damaged (error, _("This encrypted package cannot be opened: its passphrase "
                                "settings are out of range. Ask the sender for a new copy."));
}

AlcovePackage *
alcove_package_open_with_passphrase (const char          *path,
                                     const AlcoveSecret  *passphrase,
                                     GError             **error)
{
  AlcovePackageKind kind;
  gsize header_size;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AlcoveSecret) key = NULL;
  const guint8 *data;
  AlcoveKdfParams params;

  g_return_val_if_fail (path != NULL && passphrase != NULL, NULL);

  bytes = read_package (path, &kind, &header_size, error);
  if (bytes == NULL)
    return NULL;
  if (kind != ALCOVE_PACKAGE_PASSPHRASE)
    {
      alcove_error_invalid (error, _("This package is sealed to a practice and opens without a "
                                     "passphrase, in that practice’s Alcove."));
      return NULL;
    }
  data = g_bytes_get_data (bytes, NULL);
  params = (AlcoveKdfParams) { get_u32 (data + PREFIX_SIZE), get_u32 (data + PREFIX_SIZE + 4),
                               get_u32 (data + PREFIX_SIZE + 8) };
  if (!check_package_kdf (&params, error))
    return NULL;
  key = passphrase_key (passphrase, data + PREFIX_SIZE + 12, &params, error);
  if (key == NULL)
    return NULL;
  return decrypt_package (bytes, header_size, key,
                          _("The passphrase is wrong, or the package was changed after it was "
                            "made. Check the passphrase with the sender."), error);
}

AlcovePackage *
alcove_package_open_sealed (const char   *path,
                            AlcoveVault  *vault,
                            GError      **error)
{
  AlcovePackageKind kind;
  gsize header_size;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) ephemeral = NULL;
  g_autoptr(AlcoveSecret) key = NULL;
  g_autoptr(AlcovePackageKey) own = NULL;
  guint8 own_digest[32];
  const guint8 *data;
  AlcoveSecret *seed;

  g_return_val_if_fail (path != NULL && ALCOVE_IS_VAULT (vault), NULL);

  bytes = read_package (path, &kind, &header_size, error);
  if (bytes == NULL)
    return NULL;
  if (kind != ALCOVE_PACKAGE_SEALED)
    {
      alcove_error_invalid (error, _("This package opens with the passphrase the sender gave "
                                     "you."));
      return NULL;
    }
  if ((own = alcove_package_key_for_vault (vault, error)) == NULL ||
      (seed = practice_seed (vault, error)) == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, NULL);
  gnutls_hash_fast (GNUTLS_DIG_SHA256, g_bytes_get_data (own->public_key, NULL), KEY_SIZE,
                    own_digest);
  if (memcmp (own_digest, data + PREFIX_SIZE, sizeof own_digest) != 0)
    {
      alcove_error_failf (error, ALCOVE_VAULT_ERROR_AUTH_FAILED,
                          _("This package was sealed to another practice’s key, not to %s "
                            "(fingerprint %s)."), own->practice, own->fingerprint);
      return NULL;
    }
  ephemeral = g_bytes_new (data + PREFIX_SIZE + KEY_SIZE, KEY_SIZE);
  key = alcove_crypto_seal_kek_open (seed, PACKAGE_KEY_PURPOSE, PACKAGE_SEAL_PURPOSE, ephemeral,
                                     error);
  if (key == NULL)
    return NULL;
  return decrypt_package (bytes, header_size, key,
                          _("The package was changed after it was sealed. Ask the sender for "
                            "a new copy."), error);
}

typedef struct
{
  char         *path;
  AlcoveSecret *passphrase;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  alcove_secret_free (job->passphrase);
  g_free (job);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;
  AlcovePackage *package = alcove_package_open_with_passphrase (job->path, job->passphrase,
                                                                &error);

  if (package != NULL)
    g_task_return_pointer (task, package, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
alcove_package_open_async (const char          *path,
                           const AlcoveSecret  *passphrase,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  g_return_if_fail (path != NULL && passphrase != NULL);

  job = g_new0 (OpenJob, 1);
  job->path = g_strdup (path);
  job->passphrase = alcove_secret_copy (passphrase);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alcove_package_open_async);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_thread);
}

AlcovePackage *
alcove_package_open_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
refuse_existing (const char  *path,
                 GError     **error)
{
  if (path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    return alcove_error_failf (error, ALCOVE_VAULT_ERROR_EXISTS,
                               _("%s already exists; choose another folder or name"), path);
  return TRUE;
}

static gboolean
save_private_file (const char  *path,
                   GBytes      *bytes,
                   GError     **error)
{
  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

gboolean
alcove_package_save_contents (AlcovePackage  *self,
                              const char     *pdf_path,
                              const char     *json_path,
                              GError        **error)
{
  g_return_val_if_fail (ALCOVE_IS_PACKAGE (self), FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);

  if (!refuse_existing (pdf_path, error) || !refuse_existing (json_path, error))
    return FALSE;
  if (!save_private_file (pdf_path, self->pdf, error))
    return FALSE;
  if (json_path != NULL && !save_private_file (json_path, self->json, error))
    {
      g_unlink (pdf_path);  /* both or neither */
      return FALSE;
    }
  return TRUE;
}
