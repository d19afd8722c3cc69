/* alcove-package.h — a disclosure sent encrypted: the PDF and a JSON of the same content,
 * under a generated passphrase or sealed to another Alcove practice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-crypto.h"
#include "alcove-vault.h"

G_BEGIN_DECLS

#define ALCOVE_PACKAGE_SUFFIX     ".alcove-package"
#define ALCOVE_PACKAGE_KEY_SUFFIX ".alcove-key"

typedef enum
{
  ALCOVE_PACKAGE_PASSPHRASE = 1,  /* a passphrase Alcove generated, sent apart */
  ALCOVE_PACKAGE_SEALED = 2,      /* sealed to a practice's package key */
} AlcovePackageKind;

/* A practice's package key as another practice receives it (a .alcove-key file) */
typedef struct _AlcovePackageKey AlcovePackageKey;

AlcovePackageKey *alcove_package_key_load            (const char         *path,
                                                      GError            **error);
/* Whether the signed-in person may open packages sealed to the practice, and export its key */
gboolean          alcove_package_can_open_sealed     (AlcoveVault        *vault);
/* The practice's own key, from the unlocked vault; who may open sealed packages only */
AlcovePackageKey *alcove_package_key_for_vault       (AlcoveVault        *vault,
                                                      GError            **error);
gboolean          alcove_package_key_save            (AlcovePackageKey   *key,
                                                      const char         *path,
                                                      GError            **error);
const char       *alcove_package_key_get_practice    (AlcovePackageKey   *key);
const char       *alcove_package_key_get_vault_uuid  (AlcovePackageKey   *key);
/* 32 hex digits in 8 groups of 4, to read aloud on the phone */
const char       *alcove_package_key_get_fingerprint (AlcovePackageKey   *key);
void              alcove_package_key_free            (AlcovePackageKey   *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcovePackageKey, alcove_package_key_free)

#define ALCOVE_TYPE_PACKAGE (alcove_package_get_type ())

G_DECLARE_FINAL_TYPE (AlcovePackage, alcove_package, ALCOVE, PACKAGE, GObject)

/* The passphrase as people see it: 6 groups of 4 base32 characters, 120 random bits */
AlcoveSecret      *alcove_package_passphrase_new        (void);

AlcovePackage     *alcove_package_new                   (GBytes             *pdf,
                                                         GBytes             *json);
GBytes            *alcove_package_get_pdf               (AlcovePackage      *self);
GBytes            *alcove_package_get_json              (AlcovePackage      *self);

/* The JSON of a disclosure: what the PDF says, as fields (see encrypted-packages.page) */
GBytes            *alcove_package_describe              (const char         *client_name,
                                                         const char         *recipient,
                                                         const char         *purpose,
                                                         const char         *basis,
                                                         const char         *disclosed_on,
                                                         const char         *description,
                                                         const char         *text);

/* Writes the package to path (0600, through a temporary file in the same folder, never
 * over an existing file). params NULL is Alcove's cost (t=3, 64 MiB, 1 lane); tests pass
 * a cheaper one. *sha256 is the package file's SHA-256, in hex. */
gboolean           alcove_package_write_with_passphrase (AlcovePackage         *self,
                                                         const char            *path,
                                                         const AlcoveSecret    *passphrase,
                                                         const AlcoveKdfParams *params,
                                                         char                 **sha256,
                                                         GError               **error);
gboolean           alcove_package_write_sealed          (AlcovePackage         *self,
                                                         const char            *path,
                                                         AlcovePackageKey      *recipient,
                                                         char                 **sha256,
                                                         GError               **error);

/* Either of the two above on a worker thread, since Argon2id takes a good part of a second:
 * passphrase or recipient, not both. *sha256 as above. */
void               alcove_package_write_async           (AlcovePackage         *self,
                                                         const char            *path,
                                                         const AlcoveSecret    *passphrase,
                                                         AlcovePackageKey      *recipient,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
gboolean           alcove_package_write_finish          (AlcovePackage         *self,
                                                         GAsyncResult          *result,
                                                         char                 **sha256,
                                                         GError               **error);

/* How the package at path is locked, from its header alone */
gboolean           alcove_package_peek_kind             (const char            *path,
                                                         AlcovePackageKind     *kind,
                                                         GError               **error);
/* ALCOVE_VAULT_ERROR_AUTH_FAILED for a wrong passphrase or another practice's package,
 * ALCOVE_VAULT_ERROR_DAMAGED for a file that is not a whole package. Reads only. */
AlcovePackage     *alcove_package_open_with_passphrase  (const char            *path,
                                                         const AlcoveSecret    *passphrase,
                                                         GError               **error);
AlcovePackage     *alcove_package_open_sealed           (const char            *path,
                                                         AlcoveVault           *vault,
                                                         GError               **error);

/* alcove_package_open_with_passphrase() on a worker thread: Argon2id takes a good part of
 * a second */
void               alcove_package_open_async            (const char            *path,
                                                         const AlcoveSecret    *passphrase,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
AlcovePackage     *alcove_package_open_finish           (GAsyncResult          *result,
                                                         GError               **error);

/* Writes the PDF (and the JSON, if json_path is given) of an opened package: 0600, never
 * over an existing file, nothing written when either fails */
gboolean           alcove_package_save_contents         (AlcovePackage         *self,
                                                         const char            *pdf_path,
                                                         const char            *json_path,
                                                         GError               **error);

G_END_DECLS
