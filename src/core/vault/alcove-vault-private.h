/* alcove-vault-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alcove-audit.h"
#include "alcove-database.h"
#include "alcove-freshness.h"
#include "alcove-header.h"
#include "alcove-signing.h"
#include "alcove-vault.h"
#include "alcove-worker.h"

G_BEGIN_DECLS

#define ALCOVE_ACTOR_RECOVERY "recovery"

typedef struct _AlcoveRestoreMarker AlcoveRestoreMarker;

typedef enum
{
  ALCOVE_RESTORE_NONE,      /* an older file is a rollback */
  ALCOVE_RESTORE_MARKED,    /* a trusted record of a restore postdates this device's: ask */
  ALCOVE_RESTORE_ACCEPTED,  /* the person confirmed the restore */
} AlcoveRestoreState;

struct _AlcoveVault
{
  GObject         parent_instance;

  char           *path;
  AlcoveHeader   *header;

  /* Only while unlocked */
  AlcoveDatabase *database;
  AlcoveAudit    *audit;
  GHashTable     *database_keys;  /* database id → AlcoveSecret */
  AlcoveSecret   *user_key;       /* NULL in a recovery session */
  AlcoveSecret   *recovery_key;   /* only in a recovery session */
  AlcoveUser     *current_user;   /* NULL in a recovery session */
  char           *unlock_method;
  AlcoveSigner   *signer;         /* the signed-in person's: from the user or recovery key */
  AlcoveSigner   *authority;      /* only in an owner's or a recovery session */
  AlcoveFreshness *seen;          /* what this device has seen of the vault */
  GHashTable     *retiring_keys;  /* database id → GPtrArray of AlcoveSecret: keys set aside
                                   * by a handover, only during an unlock */
  GHashTable     *handovers;      /* database id → AlcoveSecret: the new key of a store this
                                   * unlock copies under it */
  gboolean        reopening;
  AlcoveWorker   *worker;         /* made on first use while unlocked; stopped before the
                                   * header, the keys or the connection change */
  guint64         header_serial;  /* raised each time `header` is replaced: an unlock whose
                                   * slow step ran meanwhile knows it went stale */
  int             read_only;      /* atomic: stores are being copied under new keys, and the
                                   * session's connections refuse writes until the commit */
  /* emergency access open now (alcove-vault-emergency.c) */
  char           *emergency_event;
  char           *emergency_client;
  gint64          emergency_expires;
  GPtrArray      *emergency_schemas; /* attached to the session's connection only */
  guint           emergency_timeout;
  /* restored from a backup (alcove-vault-restore.c) */
  gboolean        accept_restore;   /* the person confirmed the restore a record names */
  gboolean        restoring;        /* this unlock is the restore itself: older files are
                                     * what is being put back */
  int             restore_state;    /* AlcoveRestoreState, for this unlock */
  AlcoveRestoreMarker *restore_marker;
  GStrv           disabled_since;   /* usernames to disable again after the restore */
};

/* The keys a slot opens to: the user key and, from format 2 on, the authority key the
 * user trusts. `legacy` is a format 1 slot, which pins nothing yet. */
typedef struct
{
  AlcoveSecret *user_key;
  GBytes       *pinned;
  gboolean      legacy;
  AlcoveSecret *kek;            /* what opened it, to re-wrap it with a pin */
  AlcoveHeaderSlot *slot;
} AlcoveSlotContents;

void alcove_slot_contents_clear (AlcoveSlotContents *contents);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AlcoveSlotContents, alcove_slot_contents_clear)

/* A store of the session, attached or on a connection of its own */
typedef struct
{
  AlcoveDatabase *database;
  char           *schema;
  gboolean        own;
} AlcoveStoreHandle;

void alcove_store_handle_clear (AlcoveStoreHandle *store);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AlcoveStoreHandle, alcove_store_handle_clear)

/* A new password slot's salt and key, derived ahead of the slot: Argon2 is the slow part
 * of making one and reads nothing but its arguments, so it may run on another thread.
 * Use one for one slot only. */
typedef struct
{
  AlcoveKdfParams kdf;
  GBytes         *salt;
  AlcoveSecret   *kek;
} AlcoveSlotKey;

AlcoveSlotKey    *alcove_slot_key_derive         (const AlcoveSecret    *password,
                                                  const AlcoveKdfParams *kdf,
                                                  GError               **error);
void              alcove_slot_key_free           (AlcoveSlotKey         *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveSlotKey, alcove_slot_key_free)

typedef void (*AlcoveKeyFunc) (const char *name, const AlcoveSecret *key, gpointer user_data);

AlcoveDatabase *alcove_vault_get_database        (AlcoveVault        *self);
AlcoveAudit    *alcove_vault_get_audit           (AlcoveVault        *self);
char           *alcove_vault_schema_for          (const char         *database_id);
void            alcove_vault_foreach_key         (AlcoveVault        *self,
                                                  AlcoveKeyFunc       func,
                                                  gpointer            user_data);

/* Shared between alcove-vault.c and its alcove-vault-*.c parts */
#define ALCOVE_PRACTICE_DB "practice"
AlcoveUser       *alcove_vault_user_object       (const AlcoveHeaderUser *user);
AlcoveHeaderUser *alcove_vault_find_account      (AlcoveHeader       *header,
                                                  const char         *username,
                                                  GError            **error);
gboolean          alcove_vault_user_has_keyring_slot (const AlcoveHeaderUser *user);
void              alcove_vault_notify_session    (AlcoveVault        *self);
AlcoveStoreKind   alcove_vault_store_kind_for    (const char         *database_id);
const char       *alcove_vault_actor             (AlcoveVault        *self);
gboolean          alcove_vault_require_unlocked  (AlcoveVault        *self,
                                                  GError            **error);
gboolean          alcove_vault_check_unchanged   (AlcoveVault        *self,
                                                  guint64             header_serial,
                                                  GError            **error);
AlcoveHeaderSlot *alcove_vault_make_password_slot (AlcoveHeader         *header,
                                                   AlcoveHeaderUser     *user,
                                                   const AlcoveSecret   *user_key,
                                                   const AlcoveSecret   *password,
                                                   const AlcoveKdfParams *kdf,
                                                   GError              **error);
AlcoveHeaderSlot *alcove_vault_make_password_slot_with_key (AlcoveHeader         *header,
                                                            AlcoveHeaderUser     *user,
                                                            const AlcoveSecret   *user_key,
                                                            const AlcoveSlotKey  *slot_key,
                                                            GError              **error);
gboolean          alcove_vault_wrap_slot         (AlcoveHeader       *header,
                                                  AlcoveHeaderUser   *user,
                                                  AlcoveHeaderSlot   *slot,
                                                  const AlcoveSecret *kek,
                                                  const AlcoveSecret *user_key,
                                                  GError            **error);
AlcoveHeaderSlot *alcove_vault_make_secret_slot  (AlcoveHeader         *header,
                                                  AlcoveHeaderUser     *user,
                                                  const AlcoveSecret   *user_key,
                                                  const AlcoveSlotKey  *slot_key,
                                                  const char           *kind,
                                                  GError              **error);
gboolean          alcove_vault_grant             (AlcoveVault        *self,
                                                  AlcoveHeader       *header,
                                                  AlcoveHeaderUser   *user,
                                                  const char         *database_id,
                                                  const AlcoveSecret *database_key,
                                                  GError            **error);
gboolean          alcove_vault_seal_for_recovery (AlcoveVault        *self,
                                                  AlcoveHeader       *header,
                                                  const char         *database_id,
                                                  const AlcoveSecret *database_key,
                                                  GError            **error);
void              alcove_vault_sign_grant_as_authority (AlcoveVault       *self,
                                                        AlcoveHeader      *header,
                                                        AlcoveHeaderGrant *grant,
                                                        const char        *context);
void              alcove_vault_sign_wrap_as_authority (AlcoveVault              *self,
                                                       AlcoveHeader             *header,
                                                       AlcoveHeaderRecoveryWrap *wrap,
                                                       const char               *context);
void              alcove_vault_set_user_keys     (AlcoveHeaderUser   *user,
                                                  const AlcoveSecret *user_key);
gboolean          alcove_vault_create_store      (AlcoveVault        *self,
                                                  const char         *vault_dir,
                                                  AlcoveHeader       *header,
                                                  const char         *database_id,
                                                  const AlcoveSecret *database_key,
                                                  GError            **error);
gboolean          alcove_vault_commit_header     (AlcoveVault        *self,
                                                  AlcoveHeader       *header,
                                                  GError            **error);
gboolean          alcove_vault_require_authority (AlcoveVault        *self,
                                                  GError            **error);
void              alcove_vault_audit             (AlcoveVault        *self,
                                                  const char         *action,
                                                  const char         *object_id,
                                                  const char         *details);
AlcoveHeader     *alcove_vault_copy_header       (AlcoveVault        *self);
void              alcove_vault_refresh_current_user (AlcoveVault      *self);
void              alcove_vault_emit_audit_appended  (AlcoveVault      *self);
void              alcove_vault_emit_changed      (AlcoveVault        *self,
                                                  const char         *what);

/* Emergency access (alcove-vault-emergency.c) */
gboolean          alcove_vault_emergency_grant_is_trusted (const AlcoveHeader      *header,
                                                           const AlcoveHeaderGrant *grant);
gboolean          alcove_vault_seal_notes_for_emergency (AlcoveVault        *self,
                                                         AlcoveHeader       *header,
                                                         const char         *database_id,
                                                         const AlcoveSecret *notes_key,
                                                         GError            **error);
gboolean          alcove_vault_renew_emergency_key (AlcoveVault         *self,
                                                    AlcoveHeader        *header,
                                                    GError             **error);
gboolean          alcove_vault_update_emergency_holders (AlcoveVault    *self,
                                                         AlcoveHeader   *header,
                                                         GError        **error);
GStrv             alcove_vault_revoke_emergency_holder (AlcoveVault     *self,
                                                        AlcoveHeader    *header,
                                                        const char      *user_uuid,
                                                        GError         **error);
void              alcove_vault_honour_emergency  (AlcoveVault        *self);
void              alcove_vault_keep_emergency_current (AlcoveVault   *self);
/* For tests: the access open now ends at `expires_ms` instead */
void              alcove_vault_set_emergency_expires (AlcoveVault    *self,
                                                      gint64          expires_ms);

AlcoveWorker     *alcove_vault_get_worker        (AlcoveVault        *self);
void              alcove_vault_stop_worker       (AlcoveVault        *self);
void              alcove_vault_set_read_only     (AlcoveVault        *self,
                                                  gboolean            read_only);
/* The process-wide worker with no connection, for key derivation (alcove-vault-async.c) */
AlcoveWorker     *alcove_vault_key_worker        (void);
AlcoveDatabase   *alcove_vault_open_connection   (AlcoveVault        *self,
                                                  GError            **error);
gboolean          alcove_vault_open_store        (AlcoveVault        *self,
                                                  AlcoveHeaderDatabase *entry,
                                                  AlcoveStoreHandle  *store,
                                                  GError            **error);
void              alcove_vault_replace_header    (AlcoveVault        *self,
                                                  AlcoveHeader       *header);

/* An unlock in three steps (alcove-vault-unlock.c): prepared on the main thread (the header
 * read, the account found), opened anywhere (the KDF, the keyring, unwrapping: no
 * database, no vault state), completed on the main thread (every check, then the
 * connections). The synchronous unlocks run the three in a row. */
typedef enum
{
  ALCOVE_UNLOCK_PASSWORD,
  ALCOVE_UNLOCK_KEYRING,
  ALCOVE_UNLOCK_RECOVERY_KEY,
  ALCOVE_UNLOCK_FIRST_SLOT,   /* a first sign-in's slot, with its first password or code */
} AlcoveUnlockMethod;

typedef struct _AlcoveUnlockAttempt AlcoveUnlockAttempt;

AlcoveUnlockAttempt *alcove_vault_prepare_unlock  (AlcoveVault         *self,
                                                   AlcoveUnlockMethod   method,
                                                   const char          *username,
                                                   const AlcoveSecret  *secret,
                                                   GError             **error);
void              alcove_unlock_attempt_open     (AlcoveUnlockAttempt *attempt,
                                                  GCancellable        *cancellable);
gboolean          alcove_unlock_attempt_opened   (AlcoveUnlockAttempt *attempt);
void              alcove_unlock_attempt_abandon  (AlcoveUnlockAttempt *attempt);
gboolean          alcove_vault_complete_unlock   (AlcoveVault         *self,
                                                  AlcoveUnlockAttempt *attempt,
                                                  GError             **error);
void              alcove_unlock_attempt_free     (AlcoveUnlockAttempt *attempt);
/* Opens the session with the account's first slot, which nothing else opens; the person
 * then chooses their password (alcove-vault-people.c) */
gboolean          alcove_vault_unlock_first_slot (AlcoveVault         *self,
                                                  const char          *username,
                                                  const AlcoveSecret  *secret,
                                                  GError             **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveUnlockAttempt, alcove_unlock_attempt_free)

/* Creating (alcove-vault.c) */
gboolean          alcove_vault_check_setup       (AlcoveVault            *self,
                                                  const AlcoveVaultSetup *setup,
                                                  GError                **error);
gboolean          alcove_vault_create_with_key   (AlcoveVault            *self,
                                                  const AlcoveVaultSetup *setup,
                                                  const AlcoveSlotKey    *slot_key,
                                                  AlcoveSecret          **recovery_code,
                                                  GError                **error);

/* Trust (alcove-vault-trust.c) */
gboolean          alcove_vault_check_authority   (AlcoveVault        *self,
                                                  AlcoveHeaderUser   *user,
                                                  const AlcoveSlotContents *contents,
                                                  GError            **error);
gboolean          alcove_vault_check_succession  (AlcoveVault        *self,
                                                  const AlcoveHeader *header,
                                                  GError            **error);
gboolean          alcove_vault_grant_is_trusted  (const AlcoveHeader *header,
                                                  const AlcoveHeaderGrant *grant);
gboolean          alcove_vault_recovery_wrap_is_trusted (const AlcoveHeader *header,
                                                         const AlcoveHeaderRecoveryWrap *wrap);
gboolean          alcove_vault_retiring_grant_is_trusted (const AlcoveHeader *header,
                                                          const AlcoveHeaderGrant *grant);
gboolean          alcove_vault_retiring_wrap_is_trusted (const AlcoveHeader *header,
                                                         const AlcoveHeaderRecoveryWrap *wrap);
gboolean          alcove_vault_check_forgeries   (AlcoveVault        *self,
                                                  const AlcoveHeader *header,
                                                  GError            **error);
gboolean          alcove_vault_check_generation  (AlcoveVault        *self,
                                                  GError            **error);
gboolean          alcove_vault_check_freshness   (AlcoveVault        *self,
                                                  GError            **error);
gboolean          alcove_vault_record_freshness  (AlcoveVault        *self,
                                                  gboolean            bump,
                                                  GError            **error);
void              alcove_vault_setup_audit       (AlcoveVault        *self);
gboolean          alcove_vault_check_slot_fresh  (AlcoveVault        *self,
                                                  const AlcoveHeaderSlot *slot,
                                                  GError            **error);
gboolean          alcove_vault_load_seen         (AlcoveVault        *self,
                                                  const char         *holder,
                                                  const AlcoveSecret *holder_key,
                                                  const char         *purpose,
                                                  GPtrArray          *earlier_keys,
                                                  GError            **error);

/* A password tried against an account's password slots on another thread: prepared and
 * finished on the session's, run anywhere (alcove-vault-unlock.c) */
typedef struct _AlcovePasswordTry AlcovePasswordTry;

AlcovePasswordTry *alcove_vault_prepare_password_try (AlcoveVault        *self,
                                                      AlcoveHeaderUser   *user,
                                                      const AlcoveSecret *password);
void              alcove_password_try_run        (AlcovePasswordTry  *attempt);
gboolean          alcove_password_try_was_wrong  (AlcovePasswordTry  *attempt);
gboolean          alcove_vault_finish_password_try (AlcoveVault        *self,
                                                    AlcovePasswordTry  *attempt,
                                                    AlcoveHeaderUser   *user,
                                                    AlcoveSlotContents *contents,
                                                    GError            **error);
void              alcove_password_try_free       (AlcovePasswordTry  *attempt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcovePasswordTry, alcove_password_try_free)
AlcoveHeaderUser *alcove_vault_current_header_user (AlcoveVault      *self);
gboolean          alcove_vault_check_password_tried (AlcoveVault        *self,
                                                     const AlcoveSecret *password,
                                                     AlcovePasswordTry  *tried,
                                                     GError            **error);

/* Re-keying (alcove-vault-rekey.c): planned on the session's thread, copied on any, then
 * committed on the session's */
typedef struct _AlcoveRekeyPlan AlcoveRekeyPlan;

AlcoveRekeyPlan  *alcove_vault_plan_rekey        (AlcoveVault        *self,
                                                  AlcoveHeader       *header,
                                                  GStrv               database_ids,
                                                  const char         *revoked_uuid,
                                                  const AlcoveCipherSettings *target,
                                                  GError            **error);
gboolean          alcove_rekey_plan_copy         (AlcoveRekeyPlan    *plan,
                                                  AlcoveRekeyProgress progress,
                                                  gpointer            user_data,
                                                  GCancellable       *cancellable,
                                                  GError            **error);
gboolean          alcove_vault_check_rekey_plan  (AlcoveVault        *self,
                                                  AlcoveRekeyPlan    *plan,
                                                  GError            **error);
gboolean          alcove_vault_commit_rekey      (AlcoveVault        *self,
                                                  AlcoveRekeyPlan    *plan,
                                                  GError            **error);
void              alcove_rekey_plan_free         (AlcoveRekeyPlan    *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveRekeyPlan, alcove_rekey_plan_free)

/* The copy on the session's worker, the session read-only meanwhile, then the commit back
 * on this thread (alcove-vault-rekey-async.c). `plan` stays the caller's, and must live
 * until the callback. */
void              alcove_vault_rekey_plan_run_async (AlcoveVault         *self,
                                                     AlcoveRekeyPlan     *plan,
                                                     AlcoveRekeyProgress  progress,
                                                     gpointer             progress_data,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          alcove_vault_rekey_plan_run_finish (AlcoveVault    *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);

GStrv             alcove_vault_dup_held_store_ids (AlcoveVault       *self);
gboolean          alcove_vault_rotate_and_commit (AlcoveVault        *self,
                                                  AlcoveHeader       *header,
                                                  GStrv               database_ids,
                                                  const char         *revoked_uuid,
                                                  const AlcoveCipherSettings *target,
                                                  AlcoveRekeyProgress progress,
                                                  gpointer            user_data,
                                                  GError            **error);
gboolean          alcove_vault_reopen            (AlcoveVault        *self,
                                                  GError            **error);
void              alcove_vault_sign_as_authority (AlcoveVault        *self,
                                                  AlcoveHeader       *header);
gboolean          alcove_vault_grant_authority_to_owners (AlcoveVault        *self,
                                                          AlcoveHeader       *header,
                                                          const AlcoveSecret *seed,
                                                          GError            **error);
gboolean          alcove_vault_succeed_authority (AlcoveVault        *self,
                                                  AlcoveHeader       *header,
                                                  AlcoveSigner      **previous,
                                                  AlcoveSecret      **previous_seed,
                                                  GError            **error);
void              alcove_vault_restore_authority (AlcoveVault        *self,
                                                  AlcoveSigner       *previous,
                                                  AlcoveSecret       *previous_seed);

/* Confirmations (alcove-vault-confirm.c) */
gboolean          alcove_vault_open_password_slot (AlcoveVault        *self,
                                                   AlcoveHeaderUser   *user,
                                                   const AlcoveSecret *password,
                                                   AlcoveSlotContents *contents,
                                                   GError            **error);
AlcoveHeaderUser *alcove_vault_find_confirming_owner (AlcoveVault    *self,
                                                      const char     *username);
gboolean          alcove_vault_borrow_authority  (AlcoveVault        *self,
                                                  const AlcoveConfirmation *confirmation,
                                                  AlcovePasswordTry  *tried,
                                                  GError            **error);
void              alcove_vault_abandon_confirmation (AlcoveVault              *self,
                                                     const AlcoveConfirmation *confirmation,
                                                     AlcovePasswordTry        *tried);
void              alcove_vault_return_authority  (AlcoveVault        *self);
char             *alcove_vault_confirmer_id      (AlcoveVault        *self,
                                                  const AlcoveConfirmation *confirmation);

/* Handing a store over to its holders (alcove-vault-handover.c) */
gboolean          alcove_vault_hand_over         (AlcoveVault        *self,
                                                  AlcoveHeader       *header,
                                                  const char         *database_id,
                                                  GError            **error);
void              alcove_vault_keep_retiring_key (AlcoveVault        *self,
                                                  const char         *database_id,
                                                  AlcoveSecret       *key);
void              alcove_vault_find_handovers    (AlcoveVault        *self);
gboolean          alcove_vault_has_handovers     (AlcoveVault        *self);
gboolean          alcove_vault_finish_handovers  (AlcoveVault        *self,
                                                  GError            **error);
gboolean          alcove_vault_drop_retiring_keys (AlcoveVault       *self,
                                                   GError           **error);

/* People (alcove-vault-users.c, alcove-vault-people.c) */
void              alcove_vault_end_supervision_of (AlcoveHeader      *header,
                                                   AlcoveHeaderUser  *clinician);
void              alcove_vault_honour_supervision (AlcoveVault       *self);
/* A note writer's own two stores, new and empty, sealed to them and to the recovery key;
 * the files made are added to `created_files`, to remove if the change is not committed */
gboolean          alcove_vault_create_user_stores (AlcoveVault       *self,
                                                   AlcoveHeader      *header,
                                                   AlcoveHeaderUser  *user,
                                                   GPtrArray         *created_files,
                                                   GError           **error);
void              alcove_vault_remove_files      (GPtrArray          *files);
/* The grants `user` made (their notes shared with a supervisor), signed again by the
 * authority, before their signing key changes */
void              alcove_vault_resign_grants_made_by (AlcoveVault      *self,
                                                      AlcoveHeader     *header,
                                                      AlcoveHeaderUser *user);

/* A change of the account made in the same signed write as its new password (a first
 * sign-in's), on the edited copy of the header */
typedef gboolean (*AlcoveAccountEdit) (AlcoveVault      *self,
                                       AlcoveHeader     *header,
                                       AlcoveHeaderUser *user,
                                       GError          **error);

gboolean          alcove_vault_change_password_editing (AlcoveVault              *self,
                                                        const char               *username,
                                                        const AlcoveSecret       *new_password,
                                                        const AlcoveKdfParams    *kdf,
                                                        const AlcoveConfirmation *confirmation,
                                                        AlcoveAccountEdit         edit,
                                                        GError                  **error);

/* A password change with the new slot's key derived ahead, NULL: derived here
 * (alcove-vault-users.c) */
gboolean          alcove_vault_change_password_with_key (AlcoveVault         *self,
                                                         const char          *username,
                                                         const AlcoveSecret  *new_password,
                                                         const AlcoveKdfParams *kdf,
                                                         const AlcoveSlotKey *slot_key,
                                                         GError             **error);
gboolean          alcove_vault_check_password_change (AlcoveVault        *self,
                                                      const char         *username,
                                                      const AlcoveSecret *new_password,
                                                      GError            **error);

/* A change that re-keys stores, begun on the session's thread (every check, the new header,
 * the plan) and ended there once the plan ran (alcove-vault-users.c). `rekeyed`: the plan
 * was copied and committed; if not, the change is undone and nothing is audited. A change
 * with no plan was committed when it began. */
typedef struct _AlcoveAccountChange AlcoveAccountChange;

AlcoveAccountChange *alcove_vault_begin_password_change (AlcoveVault              *self,
                                                         const char               *username,
                                                         const AlcoveSecret       *new_password,
                                                         const AlcoveKdfParams    *kdf,
                                                         const AlcoveSlotKey      *slot_key,
                                                         const AlcoveConfirmation *confirmation,
                                                         AlcovePasswordTry        *tried,
                                                         GError                  **error);
AlcoveAccountChange *alcove_vault_begin_disable_user (AlcoveVault  *self,
                                                      const char   *username,
                                                      GError      **error);
AlcoveRekeyPlan  *alcove_account_change_get_plan (AlcoveAccountChange *change);
gboolean          alcove_vault_end_account_change (AlcoveVault         *self,
                                                   AlcoveAccountChange *change,
                                                   gboolean             rekeyed);
void              alcove_account_change_free     (AlcoveAccountChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveAccountChange, alcove_account_change_free)

/* The audit log checked on another thread's connection, against a copy of this session's
 * header (alcove-vault-trust.c) */
AlcoveAudit      *alcove_vault_new_audit_verifier (AlcoveVault       *self);

/* Format 1 → 2 (alcove-vault-upgrade.c) */
gboolean          alcove_vault_upgrade           (AlcoveVault        *self,
                                                  AlcoveHeaderUser   *owner,
                                                  AlcoveSlotContents *contents,
                                                  GError            **error);
gboolean          alcove_vault_register_signing_key (AlcoveVault     *self,
                                                     AlcoveHeaderUser *user,
                                                     GError         **error);

/* A vault built in a hidden folder beside its final path, then renamed into place */
char             *alcove_vault_make_staging      (const char         *path,
                                                  const char         *doing,
                                                  GError            **error);
void              alcove_vault_remove_staging    (const char         *dir);

/* A vault restored from a backup (alcove-vault-restore.c) */
void                 alcove_restore_marker_free     (AlcoveRestoreMarker *marker);
AlcoveRestoreMarker *alcove_restore_marker_load     (const char          *vault_dir,
                                                     const AlcoveHeader  *header);
void                 alcove_vault_evaluate_restore  (AlcoveVault         *self);
void                 alcove_vault_set_restoring     (AlcoveVault         *self,
                                                     gboolean             restoring);
gboolean             alcove_vault_excuse_rollback   (AlcoveVault         *self,
                                                     GError             **error,
                                                     const char          *rollback_message);

G_END_DECLS
