/* alcove-header.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alcove-crypto.h"
#include "alcove-signing.h"
#include "alcove-user.h"

G_BEGIN_DECLS

/* The newest format this Alcove reads and writes. Format 2 is the signed trust model;
 * format 3 is the same model with what a group practice needs (the front-desk role,
 * first sign-ins and enrolment codes, supervision an owner assigned). A header is written
 * in the lowest format that holds it, so a vault that uses none of format 3 still opens
 * in an Alcove that reads only format 2. Format 4 adds the practice's signed policy
 * (co-signing, emergency access) and the emergency key. */
#define ALCOVE_HEADER_VERSION 4
/* The first signed format, and the one slots are bound to (their associated data) */
#define ALCOVE_HEADER_SIGNED_VERSION 2
#define ALCOVE_HEADER_FILE "vault.keys"
/* The pseudo-store whose key is the practice authority's signing seed: sealed to owners */
#define ALCOVE_AUTHORITY_ID "authority"
/* The pseudo-store whose key is the emergency key's seed (format 4): sealed to the people
 * who may break the glass, opened only when they do; and the pseudo-user progress notes'
 * keys are sealed to for it */
#define ALCOVE_EMERGENCY_ID "emergency"
/* A grant's granter when an owner made it: signed with the practice authority key */
#define ALCOVE_GRANTER_AUTHORITY "authority"

typedef struct
{
  char   *id;
  char   *kind;         /* "password", "keyring" or "enrolment" (format 3) */
  char   *label;        /* keyring: the host name */
  AlcoveKdfParams kdf;  /* password and enrolment only */
  GBytes *salt;         /* password and enrolment only */
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
  GPtrArray *signing_keys;/* GBytes, Ed25519 from the user key; the first is current, the
                           * rest earlier ones that still verify the audit rows they signed */
  GPtrArray *slots;       /* AlcoveHeaderSlot */
  /* format 3, signed with the rest of the account: */
  AlcoveFirstSignIn first_sign_in;  /* the person has yet to choose their own password */
  char      *first_slot;  /* ...and signs in first with this slot only */
  GPtrArray *supervisors; /* user uuids an owner assigned to read this clinician's notes */
} AlcoveHeaderUser;

typedef struct
{
  char   *user;
  char   *database;
  char   *granter;      /* ALCOVE_GRANTER_AUTHORITY or a user uuid (format 2) */
  GBytes *ephemeral;
  GBytes *nonce;
  GBytes *wrapped;
  GBytes *signature;    /* the granter's Ed25519 signature (format 2) */
} AlcoveHeaderGrant;

typedef struct
{
  char   *database;
  GBytes *ephemeral;
  GBytes *nonce;
  GBytes *wrapped;
  GBytes *signature;    /* the authority's signature (format 2) */
} AlcoveHeaderRecoveryWrap;

/* An earlier authority key and its signature over its successor: the next entry's key, or
 * for the last one the current authority key */
typedef struct
{
  GBytes *key;
  GBytes *signature;
} AlcoveHeaderSuccession;

/* A signing key a user of an upgraded vault announced at their first sign-in, before an
 * owner's signature lists it (format 2) */
typedef struct
{
  char   *user;
  GBytes *signing_key;
  GBytes *signature;    /* by that key: proof of possession only */
  GPtrArray *as_keys;   /* not stored: signing_key as a list, for the audit log */
} AlcoveHeaderRegistration;

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
  gint64     generation;        /* raised by every signed change; never goes back */
  GBytes    *authority_key;     /* Ed25519 public key of the practice authority */
  GPtrArray *authority_history; /* AlcoveHeaderSuccession: earlier authority keys, oldest
                                 * first, each endorsing the next */
  GPtrArray *recovery_signing;  /* GBytes, Ed25519 from the recovery key: current first */
  gint64     audit_signed_from; /* audit rows from this seq on must carry a signature */
  GPtrArray *databases;         /* AlcoveHeaderDatabase */
  GPtrArray *users;             /* AlcoveHeaderUser */
  GPtrArray *grants;            /* AlcoveHeaderGrant */
  GBytes    *recovery_public;
  GPtrArray *recovery_wraps;    /* AlcoveHeaderRecoveryWrap */
  GBytes    *signature;         /* the authority's signature over the authority part */
  GPtrArray *registrations;     /* AlcoveHeaderRegistration */
  GPtrArray *retiring_grants;   /* AlcoveHeaderGrant: keys a store had before a rotation
                                 * its holders finish (format 2) */
  GPtrArray *retiring_wraps;    /* AlcoveHeaderRecoveryWrap: the same, for the recovery key */
  /* format 4: the practice's policy, in the authority part, and the emergency key */
  guint      cosign_roles;      /* 1 << AlcoveRole: whose signed notes wait for a supervisor */
  GPtrArray *cosign_formats;    /* note format ids that do; empty: every format */
  guint      emergency_roles;   /* 1 << AlcoveRole: who may break the glass */
  gint64     emergency_minutes; /* how long emergency access lasts */
  GBytes    *emergency_key;     /* X25519 public key; NULL until an owner sets it up */
  GPtrArray *emergency_grants;  /* AlcoveHeaderGrant: the emergency seed sealed to a person
                                 * (database ALCOVE_EMERGENCY_ID), or a progress-notes key
                                 * sealed to the emergency key (user ALCOVE_EMERGENCY_ID) */
  char      *mac;               /* format 1 only */
} AlcoveHeader;

AlcoveHeader         *alcove_header_new             (const char         *practice_name);
void                  alcove_header_free            (AlcoveHeader       *header);
/* The lowest format that holds `header` (2 or 3), which is what alcove_header_serialize
 * writes */
int                   alcove_header_needed_version  (const AlcoveHeader *header);
/* The policy a practice has until an owner changes it */
#define ALCOVE_DEFAULT_COSIGN_ROLES (1u << ALCOVE_ROLE_CLINICIAN)
#define ALCOVE_DEFAULT_EMERGENCY_ROLES ((1u << ALCOVE_ROLE_OWNER) | (1u << ALCOVE_ROLE_CLINICIAN) | \
                                        (1u << ALCOVE_ROLE_SUPERVISOR))
#define ALCOVE_DEFAULT_EMERGENCY_MINUTES 240
#define ALCOVE_MIN_EMERGENCY_MINUTES 15
#define ALCOVE_MAX_EMERGENCY_MINUTES (24 * 60)
/* Roles that may ever break the glass: those who read progress notes in their work */
#define ALCOVE_EMERGENCY_ELIGIBLE_ROLES ALCOVE_DEFAULT_EMERGENCY_ROLES
gboolean              alcove_header_has_policy      (const AlcoveHeader *header);
gboolean              alcove_header_format_id_is_valid (const char      *id);
gboolean              alcove_header_user_has_supervisor (const AlcoveHeaderUser *user,
                                                         const char             *supervisor_uuid);
void                  alcove_header_remove_supervisor (AlcoveHeader       *header,
                                                       const char         *supervisor_uuid,
                                                       const char         *clinician_uuid);
AlcoveHeader         *alcove_header_load            (const char         *vault_dir,
                                                     GError            **error);
AlcoveHeader         *alcove_header_parse           (const char         *text,
                                                     gsize               length,
                                                     GError            **error);
char                 *alcove_header_serialize       (const AlcoveHeader *header);
gboolean              alcove_header_save            (const AlcoveHeader *header,
                                                     const char         *vault_dir,
                                                     GError            **error);
AlcoveHeader         *alcove_header_copy            (const AlcoveHeader *header);
/* Format 1: the HMAC under a key derived from K_practice */
gboolean              alcove_header_check_mac_v1    (const AlcoveHeader *header,
                                                     const AlcoveSecret *practice_key);

/* Format 2: what is signed. The authority part is everything but slots, grants and
 * recovery wraps, each of which is authenticated on its own. */
char                 *alcove_header_authority_text  (const AlcoveHeader *header);
void                  alcove_header_sign_authority  (AlcoveHeader       *header,
                                                     const AlcoveSigner *authority);
gboolean              alcove_header_verify_authority (const AlcoveHeader *header);
void                  alcove_header_succeed_authority (AlcoveHeader      *header,
                                                       const AlcoveSigner *previous,
                                                       GBytes            *next_key);
gboolean              alcove_header_authority_descends (const AlcoveHeader *header,
                                                        GBytes             *ancestor);
char                 *alcove_header_grant_text      (const AlcoveHeader *header,
                                                     const AlcoveHeaderGrant *grant);
char                 *alcove_header_registration_text (const AlcoveHeader *header,
                                                       const char         *user_uuid,
                                                       GBytes             *signing_key);
AlcoveHeaderRegistration *alcove_header_find_registration (const AlcoveHeader *header,
                                                           const char         *user_uuid);
void                  alcove_header_registration_free (AlcoveHeaderRegistration *registration);
char                 *alcove_header_recovery_wrap_text (const AlcoveHeader *header,
                                                        const AlcoveHeaderRecoveryWrap *wrap);
/* The signature contexts of grants and recovery wraps, current or retiring */
#define ALCOVE_GRANT_CONTEXT "alcove-v2 grant"
#define ALCOVE_RETIRING_GRANT_CONTEXT "alcove-v2 retiring-grant"
#define ALCOVE_RECOVERY_WRAP_CONTEXT "alcove-v2 recovery-wrap"
#define ALCOVE_RETIRING_WRAP_CONTEXT "alcove-v2 retiring-recovery-wrap"
gboolean              alcove_header_has_retiring    (const AlcoveHeader *header,
                                                     const char         *database_id);
void                  alcove_header_drop_retiring   (AlcoveHeader       *header,
                                                     const char         *database_id);
GBytes               *alcove_header_user_signing_key (const AlcoveHeaderUser *user);
gboolean              alcove_header_user_has_signing_key (const AlcoveHeaderUser *user,
                                                          GBytes                 *public_key);

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
                                  const AlcoveHeaderSlot *slot,
                                  int                     slot_version);
char *alcove_header_grant_ad     (const AlcoveHeader     *header,
                                  const char             *user_uuid,
                                  const char             *database_id);
char *alcove_header_recovery_ad  (const AlcoveHeader     *header,
                                  const char             *database_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveHeader, alcove_header_free)

G_END_DECLS
