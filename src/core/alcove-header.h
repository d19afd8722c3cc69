/* alcove-header.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alcove-crypto.h"
#include "alcove-user.h"

G_BEGIN_DECLS

#define ALCOVE_HEADER_VERSION 1
#define ALCOVE_HEADER_FILE "vault.keys"

typedef struct
{
  char   *id;
  char   *kind;         /* "password" or "keyring" */
  char   *label;        /* keyring: the host name */
  AlcoveKdfParams kdf;  /* password only */
  GBytes *salt;         /* password only */
  GBytes *nonce;
  GBytes *wrapped;
} AlcoveHeaderSlot;

typedef struct
{
  char      *uuid;
  char      *username;
  char      *full_name;
  AlcoveRole role;
  gboolean   disabled;
  gint64     created_ms;
  GBytes    *public_key;  /* X25519, derived from the user key: others seal grants to it */
  GPtrArray *slots;       /* AlcoveHeaderSlot */
} AlcoveHeaderUser;

typedef struct
{
  char   *user;
  char   *database;
  GBytes *ephemeral;
  GBytes *nonce;
  GBytes *wrapped;
} AlcoveHeaderGrant;

typedef struct
{
  char   *database;
  GBytes *ephemeral;
  GBytes *nonce;
  GBytes *wrapped;
} AlcoveHeaderRecoveryWrap;

typedef struct
{
  char *id;             /* "practice", "notes:<user uuid>", "private:<user uuid>" */
  char *file;
  char *sqlcipher;      /* version that made it */
  int   compatibility;  /* SQLCipher major format */
  int   page_size;
  char *hmac;
  char *kdf;
} AlcoveHeaderDatabase;

typedef struct
{
  int        version;
  char      *vault_uuid;
  gint64     created_ms;
  char      *practice_name;
  GPtrArray *databases;       /* AlcoveHeaderDatabase */
  GPtrArray *users;           /* AlcoveHeaderUser */
  GPtrArray *grants;          /* AlcoveHeaderGrant */
  GBytes    *recovery_public;
  GPtrArray *recovery_wraps;  /* AlcoveHeaderRecoveryWrap */
  char      *mac;
} AlcoveHeader;

AlcoveHeader         *alcove_header_new             (const char         *practice_name);
void                  alcove_header_free            (AlcoveHeader       *header);
AlcoveHeader         *alcove_header_load            (const char         *vault_dir,
                                                     GError            **error);
AlcoveHeader         *alcove_header_parse           (const char         *text,
                                                     gsize               length,
                                                     GError            **error);
char                 *alcove_header_serialize       (const AlcoveHeader *header,
                                                     gboolean            with_mac);
void                  alcove_header_seal            (AlcoveHeader       *header,
                                                     const AlcoveSecret *practice_key);
gboolean              alcove_header_check_mac       (const AlcoveHeader *header,
                                                     const AlcoveSecret *practice_key);
gboolean              alcove_header_save            (AlcoveHeader       *header,
                                                     const char         *vault_dir,
                                                     const AlcoveSecret *practice_key,
                                                     GError            **error);

AlcoveHeaderUser     *alcove_header_find_user       (const AlcoveHeader *header,
                                                     const char         *username_or_uuid);
AlcoveHeaderUser     *alcove_header_user_new        (const char         *username,
                                                     const char         *full_name,
                                                     AlcoveRole          role);
AlcoveHeaderDatabase *alcove_header_find_database   (const AlcoveHeader *header,
                                                     const char         *database_id);
AlcoveHeaderGrant    *alcove_header_find_grant      (const AlcoveHeader *header,
                                                     const char         *user_uuid,
                                                     const char         *database_id);
void                  alcove_header_remove_grants   (AlcoveHeader       *header,
                                                     const char         *user_uuid);
AlcoveHeaderRecoveryWrap *alcove_header_find_recovery_wrap (const AlcoveHeader *header,
                                                            const char         *database_id);

void                  alcove_header_slot_free       (AlcoveHeaderSlot   *slot);
void                  alcove_header_grant_free      (AlcoveHeaderGrant  *grant);
void                  alcove_header_recovery_wrap_free (AlcoveHeaderRecoveryWrap *wrap);
void                  alcove_header_database_free   (AlcoveHeaderDatabase *database);

/* Associated data for each kind of wrap: vault, slot and purpose, so nothing can be moved */
char *alcove_header_slot_ad      (const AlcoveHeader     *header,
                                  const AlcoveHeaderUser *user,
                                  const AlcoveHeaderSlot *slot);
char *alcove_header_grant_ad     (const AlcoveHeader     *header,
                                  const char             *user_uuid,
                                  const char             *database_id);
char *alcove_header_recovery_ad  (const AlcoveHeader     *header,
                                  const char             *database_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveHeader, alcove_header_free)

G_END_DECLS
